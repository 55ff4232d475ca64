"""Grouping: mentions to drafts, and casualty figures to the drafts they count.

Within a sentence, mentions that another trigger governs ("attacked ..., killing
two") join it; casualty verbs and the damage attackers did join the sentence's
violence; what a protest is about or what set it off stays an event of its own.
Casualty figures go to the nearest event of their kind in their sentence. The
rules are the ``CD`` ids declared here, in the order they apply.
"""

from __future__ import annotations

import re

from newscoder import lexicon
from newscoder.coding.draft import Draft
from newscoder.coding.facts import ArticleFacts, SentenceFacts, last_within
from newscoder.coding.state_agents import names_force_means
from newscoder.extract.events import Mention
from newscoder.extract.numbers import person_nouns
from newscoder.extract.syntax import names_force
from newscoder.families import (
    AFTERMATH,
    DEMANDS,
    PROTEST_LIKE,
    PROTEST_OR_STRIKE,
    STANDALONE_ACTS,
    STATEMENTS,
    Family,
    is_violent,
)
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.knowledge import generic_role
from newscoder.types import HARM_KINDS, Casualty, Span

_C = Stage.CODE

GENERIC_MENTION = declare(
    "CD005", "generic-mention", _C, Kind.VETO,
    "a mention of a kind of event, not of one event ('attacks are common'), is no event",
)  # fmt: skip
QUOTED_VIOLENCE = declare(
    "CD010", "quoted-mention", _C, Kind.VETO,
    "in a quote only the speaker's own statements ('I condemn') and past acts (EV206) the "
    "report does not tell by the same doer (a witness on the attack) count",
)  # fmt: skip
GOVERNED_JOINS = declare(
    "CD015", "governed-mention-joins", _C, Kind.MERGE,
    "a mention governed by a trigger of the same kind, or a casualty verb, joins it "
    "('attacked ..., killing two')",
)  # fmt: skip
OTHER_DOERS_APART = declare(
    "CD017", "other-doers-apart", _C, Kind.KEEP,
    "violence told through a force's means and violence named doers did, in one sentence, are "
    "two events ('six were hurt in police firing while rioters killed two')",
)  # fmt: skip
VIOLENCE_BY_OTHERS = declare(
    "CD019", "violence-by-others-apart", _C, Kind.KEEP,
    "violence with doers of its own, told inside an arrest by others ('police arrested two "
    "suspects after gunmen killed a trader'), is an event of its own",
)  # fmt: skip
FORCES_ACT_TOLD = declare(
    "CD018", "forces-act-in-statement", _C, Kind.KEEP,
    "a force's act a complaint or accusation tells ('complained of harassment by the "
    "police') is an event of its own, not part of the statement",
)  # fmt: skip
STANDALONE_ACT = declare(
    "CD020", "standalone-act", _C, Kind.KEEP,
    "a protest, strike, arrest or looting told inside another act ('boycotted the vote to "
    "protest') is an event of its own",
)  # fmt: skip
DEFUSED_DEVICE = declare(
    "CD030", "defused-device", _C, Kind.MERGE,
    "the device named with a defusal is what was defused ('defused several IEDs'), no attack",
    source="ACLED codebook 2023, Strategic developments: Disrupted weapons use",
)  # fmt: skip
PROTEST_CAUSE = declare(
    "CD035", "protest-cause", _C, Kind.KEEP,
    "what a protest is about, or what an attack avenged, is an earlier event of its own "
    "('marched after a colleague was killed')",
)  # fmt: skip
SPARKED_PROTEST = declare(
    "CD040", "sparked-protest", _C, Kind.KEEP,
    "an event told as setting off a demonstration ('the arrest sparked a protest') is its cause",
)  # fmt: skip
CASUALTY_VERB_FOLDS = declare(
    "CD045", "casualty-verb-folds", _C, Kind.MERGE,
    "a casualty verb reports on the nearest violence of its sentence ('gunmen attacked; "
    "five were killed')",
)  # fmt: skip
AFTERMATH_FOLDS = declare(
    "CD050", "aftermath-folds", _C, Kind.MERGE,
    "burning or moving by the doers of the sentence's violence is part of it "
    "('beat the guards and torched their lorry')",
)  # fmt: skip
# CD055-CD075: the head and the family of a draft (coding/draft.py).
FIGURE_TO_NEAREST = declare(
    "CD080", "figure-to-nearest-event", _C, Kind.CHOOSE,
    "a casualty figure counts for the nearest event of its kind in its sentence "
    "(arrests for arrests, deaths and injuries for the rest)",
)  # fmt: skip
FOLLOW_UP_FIGURE = declare(
    "CD450", "figure-in-follow-up-sentence", _C, Kind.CHOOSE,
    "a figure in the sentences after an event's that tell no event and no other time "
    "('Ten soldiers died.') counts for the last event of its kind",
)  # fmt: skip
DEATHS_BEFORE = declare(
    "CD085", "deaths-told-as-cause", _C, Kind.VETO,
    "deaths or injuries told as what a protest is about or an attack avenged are not its own",
)  # fmt: skip
DEATHS_OF_WHOM = declare(
    "CD445", "deaths-told-of-actors", _C, Kind.VETO,
    "a death in a relative clause inside the doers' phrase, or before a protest's verb "
    "('parents of a student who died in custody staged a sit-in') says who they are",
)  # fmt: skip
DEMAND_IS_CONTEXT = declare(
    "CD095", "demand-is-protest-context", _C, Kind.MERGE,
    "what a crowd demands while it protests is the protest's context, not an event "
    "('marched to demand their pay'); a named other speaker's call stays",
    source="ACLED codebook 2023, Protests (the demand is not coded apart); PLOVER: PROTEST",
)  # fmt: skip
DISPLACEMENT_CAUSE = declare(
    "CD300", "displacement-cause", _C, Kind.KEEP,
    "violence named only as why people fled ('fled due to military raids', 'displaced by "
    "fighting'), no one killed or hurt: the displacement is the event",
    source="ACLED codebook 2023, Strategic developments: Other (displacement)",
)  # fmt: skip
ARREST_AT_PROTEST = declare(
    "CD305", "arrest-at-protest", _C, Kind.CHOOSE,
    "people detained in the sentence of a demonstration ('detained while staging a "
    "demonstration'): its intervention; the demonstration is the main event",
    source="ACLED codebook 2023, Protests: Protest with intervention",
)  # fmt: skip
ONE_VICTIM = declare(
    "CD090", "one-victim-named", _C, Kind.FIND,
    "one victim named without a number counts one ('a policeman was shot dead')",
)  # fmt: skip


def group_mentions(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """The drafts of the article: each kept mention joins the one it belongs to."""
    told: dict[str | None, list[frozenset[str]]] = {}
    for m in facts.mentions:
        if not (m.in_quote or m.generic or m.negated or m.modality is not None):
            told.setdefault(m.plover, []).append(_actor_words(m))
    kept = [m for m in facts.mentions if _keeps(m, told)]
    return _absorb(kept, facts)


def _actor_words(m: Mention) -> frozenset[str]:
    if m.actor1 is None:
        return frozenset()
    return frozenset(m.actor1.text.lower().split()) - lexicon.words("actor_function_words")


def _told_outside(m: Mention, told: dict[str | None, list[frozenset[str]]]) -> bool:
    """The report tells an act of the mention's kind outside quotes by the same doer (a
    word of the two doers' phrases shared)."""
    mine = _actor_words(m)
    return any(mine & theirs for theirs in told.get(m.plover, ()))


def _keeps(m: Mention, told: dict[str | None, list[frozenset[str]]]) -> bool:
    """``told``: the doers of the acts the report tells outside quotes, by PLOVER type."""
    if m.generic:
        fire(GENERIC_MENTION, "vetoed", m.trigger, m.trigger_span.start)
        return False
    if m.in_quote:
        # Inside a quote the speaker's own statements count ("I strongly condemn ..."),
        # and what the speaker tells as done of a kind the report does not tell itself
        # (EV206: a witness's words on the attack the report told are colour, not a
        # second attack); not what may, will or did not happen.
        own = not is_violent(m.family) and m.actor1 is not None and m.actor1.first_person
        if not own and (not m.quote_account or _told_outside(m, told)):
            fire(QUOTED_VIOLENCE, "vetoed", m.trigger, m.trigger_span.start)
            return False
    return True


def _absorb(mentions: list[Mention], facts: ArticleFacts) -> list[Draft]:
    """Governed mentions join their governor ("a suicide bomber ... attacked",
    "attacked ..., killing two"); casualty verbs join their sentence's violent trigger."""
    by_sentence: dict[Span, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    drafts: list[Draft] = []
    for group in by_sentence.values():
        owner: dict[int, Draft] = {}
        pending: list[tuple[Mention, Rule]] = []
        apart: list[tuple[int, int]] = []  # CD017: token pairs told as two events
        for m in group:
            gov = _governing(m, group)
            joins = _joining_rule(m, gov)
            if gov is None or joins is None:
                owner[m.token_i] = Draft([m], cause=_is_cause(m, gov, group, facts))
                continue
            if _other_doers(m, gov, group, facts):
                fire(OTHER_DOERS_APART, "kept", m.trigger, m.trigger_span.start)
                apart.append((m.token_i, gov.token_i))
                owner[m.token_i] = Draft([m], cause=_is_cause(m, gov, group, facts))
                continue
            if _violence_by_others(m, gov):
                fire(VIOLENCE_BY_OTHERS, "kept", m.trigger, m.trigger_span.start)
                owner[m.token_i] = Draft([m], cause=False)
            elif _forces_act_told(m, gov):
                fire(FORCES_ACT_TOLD, "kept", m.trigger, m.trigger_span.start)
                owner[m.token_i] = Draft([m], cause=False)
            elif m.family in STANDALONE_ACTS and gov.family not in STANDALONE_ACTS:
                # A protest or arrest reported inside a statement ("boycotted the vote to
                # protest") is an event of its own, not part of the statement.
                fire(STANDALONE_ACT, "kept", m.trigger, m.trigger_span.start)
                owner[m.token_i] = Draft([m], cause=_is_cause(m, gov, group, facts))
            elif _is_cause(m, gov, group, facts):
                owner[m.token_i] = Draft([m], cause=True)
            else:
                pending.append((m, joins))
        for m, joins in pending:
            gov = _governing(m, group)
            while gov is not None and gov.token_i not in owner:
                gov = _governing(gov, group)
            target = owner.get(gov.token_i) if gov is not None else None
            if target is None:
                owner[m.token_i] = Draft([m])
            else:
                fire(joins, "absorbed", m.trigger, m.trigger_span.start)
                target.mentions.append(m)
        sentence_drafts = sorted(owner.values(), key=lambda d: d.mentions[0].token_i)
        for x, y in apart:
            for d in sentence_drafts:
                tokens = {m.token_i for m in d.mentions}
                d.apart |= {y} if x in tokens else {x} if y in tokens else set()
        violent = [d for d in sentence_drafts if d.violent and d.head.family != Family.KILL]
        kills = [d for d in sentence_drafts if d.head.family == Family.KILL]
        for draft in kills:
            # Casualty verbs report on the sentence's violence; with none, on each other
            # ("three were killed, others wounded").
            hosts = [h for h in violent or kills[:1] if not h.told_apart_from(draft)]
            if hosts and draft not in hosts:
                _fold_into_nearest(draft, hosts, sentence_drafts, CASUALTY_VERB_FOLDS)
        for draft in list(sentence_drafts):
            # "beat the guards and torched their lorry": the damage is part
            # of the violence its doers committed in the same sentence.
            hosts = [d for d in sentence_drafts if d.violent and d is not draft]
            if draft.head.family in AFTERMATH and hosts and _same_doers(draft, hosts):
                _fold_into_nearest(draft, hosts, sentence_drafts, AFTERMATH_FOLDS)
        _fold_demands(sentence_drafts)
        _fold_protest_arrests(sentence_drafts, facts)
        _displacement_causes(sentence_drafts, facts)
        drafts.extend(sentence_drafts)
    return drafts


def _fold_demands(drafts: list[Draft]) -> None:
    """ "workers protested in Kabul to demand their salaries", "in a rally, residents
    demanded ...": the demand is what the protest is about (CD095). It joins the
    sentence's protest unless a named speaker of its own makes it ("as workers marched,
    the Governor called for calm")."""
    protests = [d for d in drafts if d.family in PROTEST_LIKE and not d.cause]
    if not protests:
        return
    for draft in list(drafts):
        head = draft.head
        if len(draft.mentions) != 1 or head.family not in DEMANDS or head.negated:
            continue
        if _own_speaker(head, protests):
            continue
        _fold_into_nearest(draft, protests, drafts, DEMAND_IS_CONTEXT)


def _fold_protest_arrests(drafts: list[Draft], facts: ArticleFacts) -> None:
    """ "members were detained by the police while staging a demonstration": the
    detention is how the demonstration ended (CD305)."""
    for draft in list(drafts):
        inside = [m for m in draft.mentions if m.family in PROTEST_OR_STRIKE]
        if draft.family == Family.ARREST and inside and len(inside) < len(draft.mentions):
            # "were detained ... while staging a demonstration": the parse hangs the
            # demonstration on the detention; the demonstration is the event.
            draft.mentions = [m for m in draft.mentions if m not in inside]
            drafts.append(Draft(inside))
    drafts.sort(key=lambda d: d.mentions[0].token_i)
    protests = [
        d
        for d in drafts
        if d.family in PROTEST_OR_STRIKE and not (d.cause or d.head.negated or d.head.modality)
    ]
    for draft in drafts:
        if draft.family != Family.ARREST or draft.cause or draft.head.negated:
            continue
        if any(_at_the_protest(draft, p, facts) for p in protests):
            # the arrests stay an event of their own; the demonstration is the main one
            fire(ARREST_AT_PROTEST, "kept", draft.head.trigger, draft.start)
            draft.at_protest = True


def _at_the_protest(arrest: Draft, protest: Draft, facts: ArticleFacts) -> bool:
    """A demonstration told before the detention, or after it with no charge word
    between ("arrested for taking part in protests", "who took part in")."""
    if protest.start < arrest.start:
        return True
    between = facts.article.text[arrest.head.trigger_span.end : protest.start]
    return not lexicon.word_pattern("protest_charge_words").search(between)


def _displacement_causes(drafts: list[Draft], facts: ArticleFacts) -> None:
    """ "villagers were forced to flee due to military raids": a violent noun after a
    displacement and a cause word of its clause, in a sentence that counts no dead or
    injured, is why they fled (CD300); the displacement may then be the main event."""
    fled = [d for d in drafts if d.family == Family.DISPLACE and not d.cause]
    if not fled or any(
        c.kind in HARM_KINDS for c in facts.sentences[drafts[0].head.sentence].casualties
    ):
        return
    cause = lexicon.word_pattern("displacement_cause_words")
    text = facts.article.text
    for draft in drafts:
        if not draft.violent or draft.cause:
            continue
        for d in fled:
            end, at = d.head.trigger_span.end, draft.start
            hits = list(cause.finditer(text, end, at)) if end <= at else []
            # a noun ("due to military raids") or a gerund right after the word ("by fighting")
            named = draft.head.is_noun or (hits and not text[hits[-1].end() : at].strip())
            opened = hits[-1].end() if hits and named else None
            fled_from = d.head.actor2  # "fled the fighting": what they fled is the cause
            if fled_from is not None and fled_from.start <= at < fled_from.end:
                opened = fled_from.start
            if opened is not None and not facts.break_between(opened, at):
                fire(DISPLACEMENT_CAUSE, "kept", draft.head.trigger, draft.start)
                draft.cause = d.effect = True
                break


def _own_speaker(demand: Mention, protests: list[Draft]) -> bool:
    """Whether the demand is made by a named actor who is not the protesting crowd."""
    who = demand.actor1
    if who is None or who.pronoun or not (who.kb_id or who.person):
        return False
    for p in protests:
        crowd = p.head.actor1
        if crowd is not None and crowd.start < who.end and who.start < crowd.end:
            return False
    return True


def _other_doers(m: Mention, gov: Mention, group: list[Mention], facts: ArticleFacts) -> bool:
    """ "while six were injured in police firing, two were killed by the rioters": one side
    is told through a force's means, the other names doers who are not that force (CD017)."""
    sides = (_doer(m, group, facts, skip=None), _doer(gov, group, facts, skip=m))
    return set(sides) == {"means", "named"}


def _doer(m: Mention, group: list[Mention], facts: ArticleFacts, skip: Mention | None) -> str:
    """ "named": a named doer that is no force; "means": a force's means told in the mention
    or one it governs ("police firing"); "" otherwise."""
    if not is_violent(m.family):
        return ""
    who = m.actor1
    if who is not None and not who.pronoun:
        if names_force(who.text):
            return ""
        # people or a known group ("the rioters", "a mob of 200"), not a misread subject
        people = who.plural or who.kb_id or who.head_lemma in person_nouns()
        return "named" if people else ""
    text = facts.article.text
    under = [m] + [g for g in group if g.governor_token == m.token_i and g is not skip]
    told = any(names_force_means(text, g.trigger_span.start, g.trigger_span.end) for g in under)
    return "means" if told else ""


def _violence_by_others(m: Mention, gov: Mention) -> bool:
    """ "police arrested two suspects after gunmen killed a trader": violence whose own
    doers are written and are not the arresting side's is no part of the arrest (CD019);
    "arrested two men who killed a trader" too (the killers are the men)."""
    if gov.family != Family.ARREST or not is_violent(m.family):
        return False
    doer, arrester = m.actor1, gov.actor1
    if doer is None or arrester is None or doer.pronoun:
        return False
    return doer.end <= arrester.start or arrester.end <= doer.start


def _forces_act_told(m: Mention, gov: Mention) -> bool:
    """ "complained of harassment by the police": an act with forces as its doer, governed
    by a statement (a complaint, an accusation, a demand) that is no act of theirs (CD018)."""
    if gov.family not in STATEMENTS or m.family in STATEMENTS or m.actor1 is None:
        return False
    said_by = gov.actor1.text if gov.actor1 is not None else ""
    return names_force(m.actor1.text) and not names_force(said_by)


def _joining_rule(m: Mention, gov: Mention | None) -> Rule | None:
    """The rule by which ``m`` would join its governor, or None when it would not."""
    if gov is None:
        return None
    # (Damage governed by an attack would join it too, but looting is a standalone act
    # (CD020) and never joins violence here: CD050 folds it in when its doers attacked.)
    if gov.family == Family.DEFUSE:
        return DEFUSED_DEVICE  # "defused several IEDs": the device is what was defused
    if is_violent(m.family) == is_violent(gov.family) or m.family == Family.KILL:
        return GOVERNED_JOINS
    return None


def _is_cause(m: Mention, gov: Mention | None, group: list[Mention], facts: ArticleFacts) -> bool:
    """ "marched after a colleague was killed": the killing is the march's cause;
    "the arrest of a smuggler sparked a demonstration": the arrest is why they marched."""
    if (
        gov is not None
        and gov.family in PROTEST_OR_STRIKE
        and after_cause_word(facts, gov.family, gov.trigger_span.end, m.trigger_span.start)
    ) or _after_protest_cause(m, group, facts):
        fire(PROTEST_CAUSE, "kept", m.trigger, m.trigger_span.start)
        return True
    if _sparked_protest(m, group, facts):
        fire(SPARKED_PROTEST, "kept", m.trigger, m.trigger_span.start)
        return True
    return False


def _after_protest_cause(m: Mention, group: list[Mention], facts: ArticleFacts) -> bool:
    """ "blocked the avenue to demand safety after a pupil was stabbed": violence told
    after a protest of its sentence and a cause word of that protest's clause, however
    the parse hangs it."""
    return is_violent(m.family) and any(
        p.family in PROTEST_OR_STRIKE
        and p.trigger_span.end <= m.trigger_span.start
        and after_cause_word(facts, p.family, p.trigger_span.end, m.trigger_span.start)
        for p in group
    )


def _fold_into_nearest(draft: Draft, hosts: list[Draft], drafts: list[Draft], why: Rule) -> None:
    """Merge ``draft`` into the host whose trigger is closest, and drop it from ``drafts``."""
    target = min(hosts, key=lambda d: abs(d.head.token_i - draft.head.token_i))
    fire(why, "merged", draft.head.trigger, draft.start, f"into {target.head.trigger!r}")
    target.mentions.extend(draft.mentions)
    drafts.remove(draft)


def _same_doers(draft: Draft, violent: list[Draft]) -> bool:
    doer = draft.head.actor1
    return doer is None or any(
        d.head.actor1 is not None and d.head.actor1.start == doer.start for d in violent
    )


def _governing(m: Mention, group: list[Mention]) -> Mention | None:
    token = m.governor_token
    if token is None:
        return None
    return next((g for g in group if g.token_i == token and g is not m), None)


def _sparked_protest(m: Mention, group: list[Mention], facts: ArticleFacts) -> bool:
    """A demonstration told after ``m`` with "sparked", "led to" ... between them."""
    return any(
        p.family in PROTEST_LIKE
        and m.trigger_span.end <= p.trigger_span.start
        and last_within(facts.sparked_words, m.trigger_span.end, p.trigger_span.start) is not None
        for p in group
    )


def after_cause_word(facts: ArticleFacts, family: str, end: int, at: int) -> bool:
    """Whether ``at`` follows a word that introduces the cause of the event whose
    trigger ends at ``end`` (what a protest is about, what an attack avenged), in the
    same clause (no comma or semicolon between)."""
    if at < end:
        return False
    hits = facts.cause_words if family in PROTEST_OR_STRIKE else facts.reprisal_words
    last = last_within(hits, end, at)
    return last is not None and not facts.break_between(last.end, at)


def attach_casualties(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    """Each casualty figure of a sentence counts for the nearest event of its kind there."""
    by_sentence: dict[Span, list[Draft]] = {}
    for draft in drafts:
        for m in draft.mentions:
            by_sentence.setdefault(m.sentence, [])
            if draft not in by_sentence[m.sentence]:
                by_sentence[m.sentence].append(draft)
    for sentence, group in by_sentence.items():
        for cas in facts.sentences[sentence].casualties:
            wanted = [d for d in group if (d.family == Family.ARREST) == (cas.kind == "arrested")]
            if not wanted:
                continue
            # of two events told apart (CD017), a figure told with its own verb ("12 were
            # killed by the rioters") counts for the event of that verb; else the nearest
            own = [d for d in wanted if d.apart and _tells_figure(d, cas)]
            target = min(own or wanted, key=lambda d: abs(d.start - cas.start))
            if _a_cause(target, cas, facts):
                fire(DEATHS_BEFORE, "vetoed", cas.text, cas.start)
                continue
            if _told_of_doers(target, cas):
                fire(DEATHS_OF_WHOM, "vetoed", cas.text, cas.start)
                continue
            fire(FIGURE_TO_NEAREST, "chose", cas.text, cas.start, f"for {target.head.trigger!r}")
            target.casualties.append(cas)
    for sentence, follow_ups in facts.follow_ups.items():
        _follow_up_figures(by_sentence.get(sentence, []), follow_ups)
    return drafts


def _follow_up_figures(group: list[Draft], follow_ups: tuple[SentenceFacts, ...]) -> None:
    """A figure told in the sentences after an event's, which tell no event of their own
    and no other time ("Fighting broke out ... Ten soldiers died. 2 fatalities."), counts
    for the last event of its kind told before it (CD450)."""
    for sentence in follow_ups:
        if sentence.times:
            return  # a dated sentence tells another time: it and what follows are no sequel
        for cas in sentence.casualties:
            if cas.kind == "arrested":
                wanted = [d for d in group if d.family == Family.ARREST]
            else:
                wanted = [d for d in group if is_violent(d.family)]
            if not wanted:
                continue
            target = max(wanted, key=lambda d: d.start)
            fire(FOLLOW_UP_FIGURE, "chose", cas.text, cas.start, f"for {target.head.trigger!r}")
            target.casualties.append(cas)


def _tells_figure(draft: Draft, cas: Casualty) -> bool:
    return any(
        m.family == Family.KILL and cas.start <= m.trigger_span.start < cas.end
        for m in draft.mentions
    )


def _a_cause(draft: Draft, cas: Casualty, facts: ArticleFacts) -> bool:
    if cas.kind not in HARM_KINDS:
        return False
    return after_cause_word(facts, draft.family, draft.head.trigger_span.end, cas.start)


def _told_of_doers(draft: Draft, cas: Casualty) -> bool:
    """ "the parents of a student who died in custody staged a sit-in": the figure sits in a
    relative clause after the start of the head mention's actor1 and before its trigger."""
    head = draft.head
    doers = head.actor1
    if cas.end > head.trigger_span.start or _RELATIVE.search(cas.text) is None:
        return False
    # a protest's doers are those the deaths before its verb are told of, even when the
    # parse took a later noun for them ("relatives of a man who was shot by robbers gathered")
    return draft.family in PROTEST_OR_STRIKE or (doers is not None and doers.start < cas.start)


_RELATIVE = re.compile(r"\b(?:who|whom|whose|that)\b", re.IGNORECASE)


def count_lone_victims(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    for draft in drafts:
        _singular_victim(draft)
    return drafts


def _singular_victim(draft: Draft) -> None:
    """ "the service member who was killed", "a policeman was shot dead": one victim
    named without a number still counts one."""
    if any(c.kind in HARM_KINDS for c in draft.casualties):
        return
    stems = lexicon.word_map("singular_victim_stems")
    for m in draft.mentions:
        stem = next((s for s in stems if m.trigger.lower().startswith(s)), None)
        victim = m.actor2
        if stem is None or victim is None or victim.plural or victim.pronoun or victim.kb_id:
            continue
        role = generic_role(victim.text)
        if role is not None and role.role in {"diplomatic", "government"}:
            continue
        if role is None and victim.head_lemma not in person_nouns():
            continue
        if victim.text.split()[0].lower() in lexicon.words("no_one_words"):
            continue
        fire(ONE_VICTIM, "found", victim.text, victim.start)
        draft.casualties.append(
            Casualty(
                stems[stem],  # type: ignore[arg-type]
                1,
                victim.start,
                victim.end,
                victim.text,
                ONE_VICTIM.why("one victim named, no number"),
                ONE_VICTIM.id,
            )
        )
        return
