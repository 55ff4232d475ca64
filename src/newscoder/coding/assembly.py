"""Assembly: drafts to events, the report's main event first.

The ACLED and PLOVER types come from the mapping tables (:mod:`.taxonomy`); the
counts, the status and whether an event is background are decided here. Every
value that has no object of its own records the rule that decided it in
``Event.rules``.
"""

from __future__ import annotations

from newscoder.coding.actor_typing import armed, named_armed, riot_crowd, unnamed_wreckers
from newscoder.coding.codebook import STATE_ARMED
from newscoder.coding.draft import Draft, day, family_of, head_of
from newscoder.coding.facts import ArticleFacts
from newscoder.coding.intervening import (
    MET_BY_FORCE,
    POLICED,
    RIOTED,
    civilians_by_definition,
    contraband_holders,
    counter_protesters,
    intervening_force,
    protest_target,
    unnamed_intervening_force,
    weapon_holders,
)
from newscoder.coding.when_where import PHRASE_DATE
from newscoder.extract.events import Mention

# isort: off
# The ACLED table before the PLOVER one: `newscoder rules` lists them in that order.
from newscoder.coding.taxonomy import EventFacts, map_event, no_event
from newscoder.coding.plover import PloverFacts, plover_mode, plover_type

# isort: on
from newscoder.families import (
    PROTEST_OR_STRIKE,
    SECURITY_MEASURES,
    TOLD_OVER_A_PARAGRAPH,
    Family,
)
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.types import Actor, DateValue, Event, Span

_C = Stage.CODE

MAIN_EVENT = declare(
    "CD200", "main-event", _C, Kind.CHOOSE,
    "the report's main event is the first thing that happened at a place; in one sentence "
    "violence outranks what it set off",
)  # fmt: skip
ANTECEDENT = declare(
    "CD455", "antecedent-not-main", _C, Kind.CHOOSE,
    "an event told in an 'after' or 'following' adjunct of another's clause ('arrested two men "
    "after the blast') came before it: the clause's event is the main event",
)  # fmt: skip
VIOLENCE_IN_PROTEST = declare(
    "CD440", "violence-inside-a-protest", _C, Kind.CHOOSE,
    "violence told inside a demonstration's clause ('relatives of a man who was stabbed "
    "marched') is what it is about: the protest is the main event",
    source="ACLED codebook 2023, Protests",
)  # fmt: skip
LARGEST_FIGURE = declare(
    "CD205", "largest-figure", _C, Kind.CHOOSE,
    "of several figures of one kind for an event, the largest counts",
)  # fmt: skip
NO_DEATHS_REPORTED = declare(
    "CD210", "no-deaths-reported", _C, Kind.DEFAULT,
    "an act of violence, or any event ACLED codes, with no deaths reported has 0 fatalities",
    source="ACLED codebook 2023, Fatalities",
)  # fmt: skip
NEGATED = declare(
    "CD215", "status-negated", _C, Kind.CHOOSE,
    "an event the text says did not happen ('no one was attacked') is negated",
)  # fmt: skip
PLANNED = declare(
    "CD220", "status-planned-or-threatened", _C, Kind.CHOOSE,
    "an event planned or threatened ('vowed to attack') has not happened",
)  # fmt: skip
CLAIMED = declare(
    "CD225", "status-claimed-or-denied", _C, Kind.CHOOSE,
    "violence someone claims or denies is coded with that status",
)  # fmt: skip
OCCURRED = declare(
    "CD230", "status-occurred", _C, Kind.DEFAULT,
    "otherwise the event occurred",
)  # fmt: skip
BACKGROUND = declare(
    "CD235", "background-earlier", _C, Kind.CHOOSE,
    "an event dated before the main event is background told as context",
)  # fmt: skip
CURRENT = declare(
    "CD240", "not-background", _C, Kind.DEFAULT,
    "the main event, and events not dated before it, are not background",
)  # fmt: skip

MEASURE_OVER_PROTEST = declare(
    "CD457", "measure-over-its-protest", _C, Kind.CHOOSE,
    "a security measure whose clause names the demonstration it answers ('declared a state "
    "of emergency amid protests') is the main event, the protest its context",
    source="ACLED codebook 2023, Strategic developments: Change to group/activity",
)  # fmt: skip
DEFUSAL_AT_A_PLACE = declare(
    "CD415", "defusal-at-a-place", _C, Kind.CHOOSE,
    "a weapon found, defused or intercepted happens at a place: told first, it is the main "
    "event, before a later mention of the device ('The IED was primed')",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip

_STATEMENT_STATUS = {"denied": "denied", "claimed": "claimed"}
# The ACLED row that codes force on demonstrators as a protest: the protesters are actor1.
FORCE_ON_PROTESTERS = "MP062"


def finish(drafts: list[Draft], facts: ArticleFacts) -> list[Event]:
    """The events, the report's main event first."""
    if not drafts:
        return []
    occurred = [d for d in drafts if not (d.head.negated or d.head.modality)]
    # The report's main event is the first thing that happened at a place (the lead
    # tells it first); within one sentence violence outranks what it set off.
    physical = [
        d for d in occurred if (d.physical or d.effect) and not (d.cause or d.at_protest)
    ] or [d for d in occurred if d.physical]
    # An event its own phrase dates before the sentence's date ("arrested for his role
    # in an attack in 2020") is what the report recalls, not what it reports (WW510).
    physical = [d for d in physical if not _dated_in_its_phrase(d)] or physical
    if physical:
        main = min(
            physical,
            key=lambda d: (_first_told(d), _antecedent(d, physical), not d.violent, d.start),
        )
        if main is not min(physical, key=lambda d: (_first_told(d), not d.violent, d.start)):
            fire(ANTECEDENT, "chose", main.head.trigger, main.start)
    else:
        main = occurred[0] if occurred else drafts[0]
    measure = _measure_answering(main, occurred)
    if measure is not None:
        fire(MEASURE_OVER_PROTEST, "chose", measure.head.trigger, measure.start)
        main = measure
    fire(MAIN_EVENT, "chose", main.head.trigger, main.start)
    if main.family == Family.DEFUSE and any(d.violent for d in occurred):
        fire(DEFUSAL_AT_A_PLACE, "chose", main.head.trigger, main.start)
    holder = _protest_holding(main, occurred)
    if holder is not None:
        fire(VIOLENCE_IN_PROTEST, "chose", holder.head.trigger, holder.start)
        main = holder
    ordered = [main] + [d for d in drafts if d is not main]
    events: list[Event] = []
    for draft in ordered:
        event = _event(facts, draft, main, len(events) + 1)
        if event is not None:
            events.append(event)
    return events


def _intervening(
    facts: ArticleFacts,
    draft: Draft,
    context_span: Span | None,
    sub_event: str,
    country: str | None,
    actor2: Actor | None,
) -> Actor | None:
    spans = [context_span] if context_span else [m.sentence for m in draft.mentions]
    on = day(draft.date)
    text = facts.article.text
    found = intervening_force(text, spans, facts.ctx, day=on, country=country)
    # The rioters' own opponent ("clashed with rival youths") stays; civilians may be the
    # property they wrecked on the way to the police.
    open_side = actor2 is None or actor2.type == "Civilians"
    if found is None and sub_event in RIOTED and open_side:
        found = intervening_force(text, spans, facts.ctx, day=on, country=country, confronted=True)
    if found is None and sub_event in POLICED:
        return unnamed_intervening_force(draft.start, facts.ctx, day=on, country=country)
    return found


def _state(actor: Actor | None) -> bool:
    return actor is not None and actor.type in STATE_ARMED


def _dated_in_its_phrase(draft: Draft) -> bool:
    return draft.date is not None and draft.date.rule == PHRASE_DATE.id


def _protest_holding(main: Draft, drafts: list[Draft]) -> Draft | None:
    """A demonstration of the main event's sentence whose clause holds the violence, and
    not the other way round ("50 were injured when police foiled the protest": the
    injuries hold the protest) (CD440)."""
    if not main.violent:
        return None
    head = main.head
    for d in drafts:
        clause = d.head.clause
        if (
            d.family in PROTEST_OR_STRIKE
            and not d.cause
            and d.head.sentence == head.sentence
            and clause is not None
            and clause.start <= head.trigger_span.start < clause.end
            and not _holds(head, d.head.trigger_span.start)
        ):
            return d
    return None


def _measure_answering(main: Draft, drafts: list[Draft]) -> Draft | None:
    """The security measure of the main event's sentence, told before it, whose clause
    names the demonstration as a noun ("set up checkpoints to stop people joining an
    anti-government march", "a curfew after violent protests") (CD457)."""
    head = main.head
    if main.family not in PROTEST_OR_STRIKE or not head.is_noun:
        return None
    at = head.trigger_span.start
    return next(
        (
            d
            for d in drafts
            if d.family in SECURITY_MEASURES
            and d.head.sentence == head.sentence
            and d.start < at
            and _holds(d.head, at)
        ),
        None,
    )


def _holds(m: Mention, at: int) -> bool:
    return m.clause is not None and m.clause.start <= at < m.clause.end


def _antecedent(draft: Draft, drafts: list[Draft]) -> bool:
    """Told in an "after" adjunct of another event of its sentence by other doers (CD455):
    the same doer's "detained him after beating him" is one act, the violence naming it."""
    if not draft.head.antecedent:
        return False
    doer = draft.actor1.name if draft.actor1 is not None else None
    return not any(
        d is not draft
        and _first_told(d) == _first_told(draft)
        and d.actor1 is not None
        and d.actor1.name == doer
        for d in drafts
    )


def _first_told(draft: Draft) -> int:
    """Where the report first tells the event: a later reference merged into it ("the
    attack") does not make it later than what the report tells between."""
    return min(m.sentence.start for m in draft.mentions)


def _counts(
    draft: Draft, *, coded: bool = False
) -> tuple[int | None, int | None, int | None, list[str], dict[str, Rule]]:
    """Fatalities, injuries, arrests. ``coded``: the event has an ACLED type, so
    fatalities are a number (0 when none are reported), as in ACLED's data."""
    totals: dict[str, int] = {}
    reasons = []
    for cas in draft.casualties:
        if cas.count > totals.get(cas.kind, -1):
            totals[cas.kind] = cas.count
            reasons.append(f"{cas.kind} {cas.count}: {cas.reason or cas.text}")
    rules = {kind: LARGEST_FIGURE for kind in totals}
    fatalities = totals.get("killed")
    if fatalities is None and (draft.violent or coded):
        fatalities = 0
        reasons.append(NO_DEATHS_REPORTED.why("no deaths reported: 0 (ACLED)"))
        rules["killed"] = NO_DEATHS_REPORTED
    arrests = totals.get("arrested")
    return fatalities, totals.get("injured"), arrests, reasons, rules


def _event(facts: ArticleFacts, draft: Draft, main: Draft, n: int) -> Event | None:
    article = facts.article
    head, head_rule = head_of(draft.mentions)
    family, family_rule = family_of(draft.mentions, head)
    fatalities, injuries, arrests, count_reasons, count_rules = _counts(draft)
    context_span = None
    if family in TOLD_OVER_A_PARAGRAPH:
        # How a protest ended, or why people fled, is often told in the next sentence.
        context_span = facts.paragraph(head.trigger_span.start)
        context = facts.text_of(context_span)
    else:
        context = " ".join(facts.text_of(m.sentence) for m in draft.mentions)
    # The mention that gave the event its type says what was taken or hit.
    typed = next((m for m in draft.mentions if m.family == family), head)
    acled = map_event(
        EventFacts(
            family,
            actor1_type=draft.actor1.type if draft.actor1 else None,
            actor2_type=draft.actor2.type if draft.actor2 else None,
            context=context,
            target_text=typed.actor2.text if typed.actor2 else None,
            target_head=typed.actor2.head if typed.actor2 else None,
            fatalities=fatalities,
            actor2_armed=armed(draft.actor2),
            with_protest=any(m.family in PROTEST_OR_STRIKE for m in draft.mentions),
            trigger=typed.trigger,
            actor1_named_armed=named_armed(draft.actor1, typed.actor1),
            actor1_text=typed.actor1.text if typed.actor1 else None,
        )
    )
    fire(acled.rule or "", "chose", head.trigger, head.trigger_span.start, "event_type")
    dropped = no_event(family, acled.event_type, doer_named=head.actor1 is not None)
    if dropped is not None:
        # "seized power", leaving home for work, a sermon, shops shut for a holiday
        fire(dropped, "vetoed", head.trigger, head.trigger_span.start)
        return None
    if acled.event_type and fatalities is None:
        fatalities, injuries, arrests, count_reasons, count_rules = _counts(draft, coded=True)
    country = draft.place.country_code if draft.place else None
    actor1, actor2 = riot_crowd(draft.actor1, acled.event_type, country), draft.actor2
    actor1 = unnamed_wreckers(actor1, acled.sub_event_type, country)  # AC076
    if acled.rule == FORCE_ON_PROTESTERS:
        actor1, actor2 = actor2, actor1  # ACLED: the protesters are a protest's actor1
    if acled.sub_event_type in MET_BY_FORCE and not _state(actor2) and not _state(actor1):
        # "police dispersed the marchers with tear gas": the force is actor2 (AC920, AC921)
        sub_event = acled.sub_event_type
        actor2 = _intervening(facts, draft, context_span, sub_event, country, actor2) or actor2
    actor2, target = protest_target(actor2, acled.sub_event_type)  # AC925
    paragraph = context_span or facts.paragraph(head.trigger_span.start)
    actor2 = counter_protesters(actor1, actor2, acled.event_type, paragraph, article.text)
    actor2 = civilians_by_definition(
        actor2, acled.event_type, country, head.trigger, head.trigger_span
    )
    told = facts.sentences[head.sentence]
    actor2 = contraband_holders(actor1, actor2, acled.sub_event_type, told.text, told.span.start)
    actor2 = weapon_holders(  # AC430
        actor1, actor2, acled.sub_event_type, told.span, article.text, facts.ctx,
        day=day(draft.date), country=country,
    )  # fmt: skip
    status, status_rule = _status(draft)
    background = draft is not main and _earlier(draft.date, main.date)
    plover = PloverFacts(
        family,
        draft.violent,
        acled.event_type,
        head.plover,
        head.mode,
        tuple((m.family, m.mode) for m in draft.mentions),
    )
    plover_value, plover_rule = plover_type(plover)
    mode, mode_rule = plover_mode(plover)
    evidence = tuple(
        sorted(
            {facts.sentences[m.sentence].evidence for m in [*draft.mentions, *draft.toll]},
            key=lambda s: s.start,
        )
    )
    confidence = _confidence(draft, acled.event_type)
    reason = "; ".join(
        [f"trigger {head.trigger!r} ({family})", acled.reason, *count_reasons, *draft.reasons]
    )
    fatalities = fatalities if acled.event_type or draft.violent else None
    rules: dict[str, str] = {
        "trigger": head_rule.id,
        "family": family_rule.id,
        "event_type": acled.rule or "",
        "sub_event_type": acled.rule or "",
        "plover_type": plover_rule.id,
        "plover_mode": mode_rule.id,
        "status": status_rule.id,
        "background": (BACKGROUND if background else CURRENT).id,
    }
    for field, value, kind in (
        ("fatalities", fatalities, "killed"),
        ("injuries", injuries, "injured"),
        ("arrests", arrests, "arrested"),
    ):
        if value is not None:
            rules[field] = count_rules[kind].id
    for field, rule_id in rules.items():
        if field not in {"event_type", "sub_event_type"}:  # fired above
            fire(rule_id, "chose", head.trigger, head.trigger_span.start, field)
    return Event(
        id=f"{article.id}:e{n}",
        plover_type=plover_value,
        plover_mode=mode,
        acled_event_type=acled.event_type,
        acled_sub_event_type=acled.sub_event_type,
        date=draft.date or DateValue(None, None, None),
        location=draft.place,
        actor1=actor1,
        actor2=actor2,
        target=target,
        fatalities=fatalities,
        injuries=injuries,
        arrests=arrests,
        status=status,  # type: ignore[arg-type]
        background=background,
        confidence=confidence,
        evidence=evidence,
        trigger=head.trigger,
        trigger_span=head.trigger_span,
        reason=reason,
        rules=tuple(rules.items()),
        issue=next((m.issue for m in [head, *draft.mentions] if m.issue is not None), None),
    )


def _status(draft: Draft) -> tuple[str, Rule]:
    head = draft.head
    if head.negated:
        return "negated", NEGATED
    if head.modality in {"planned", "threatened"}:
        return head.modality, PLANNED
    if head.modality in _STATEMENT_STATUS and draft.violent:
        return _STATEMENT_STATUS[head.modality], CLAIMED
    return "occurred", OCCURRED


def _earlier(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None or a.value is None or b.value is None:
        return False
    return a.value < b.value


def _confidence(draft: Draft, event_type: str | None) -> float:
    score = 0.5
    score += 0.1 if draft.own_date else 0.0
    score += 0.1 if draft.place is not None else 0.0
    score += 0.1 if draft.actor1 is not None and draft.actor1.type else 0.0
    score += 0.1 if event_type else 0.0
    score += 0.05 * min(2, len(draft.mentions) - 1)
    return round(min(score, 0.95), 2)
