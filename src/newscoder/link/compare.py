"""Can two reports be one event? Pairwise checks, each with a score and a reason.

Every check is a pure function of two :class:`Mention` values. A check either
refuses the pair (``ok=False``, with the reason) or scores it between 0 and 1;
:func:`compare` combines them. The hard refusals are the rules linking must
never break: two reports from one article, two different days at day
precision, two differently named towns or districts, different event types,
different countries or regions.

Where the place cannot decide (one report gives no place, only a region, or a
differently named area near the other's town), a pair links only on strong
evidence (:func:`strong_evidence`): the same named, non-generic actor on a side,
the same reported toll. An unknown place needs two such pieces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from newscoder.link.mention import ActorRef, Mention
from newscoder.link.rules import ARMED_NON_STATE, HAPPENED, SYMMETRIC_EVENT_TYPES, LinkRules
from newscoder.registry import Kind, Rule, Stage, declare
from newscoder.textutil import same_name

_L, _R = Stage.LINK, Kind.REFUSE
_CROWDS = frozenset({"Protesters", "Rioters"})
_UNARMED = _CROWDS | {"Civilians"}
# Who strikes from afar in many places a day: a state's air force and artillery.
_STATE_STRIKERS = frozenset({"State forces", "External/Other forces"})
_REMOTE = "Explosions/Remote violence"
# The refusals, in the order compare() applies them: the first that fires decides.
SAME_ARTICLE = declare(
    "LK005", "same-article", _L, _R, "two records of one article: the coder already merged them"
)
BACKGROUND = declare(
    "LK008",
    "background-mention",
    _L,
    _R,
    "an event told only as background to a report's own events is not a report of it",
)
NEGATED = declare(
    "LK010", "negated-event", _L, _R, "an event that did not happen links with nothing"
)
STATUS_DIFFERS = declare(
    "LK015",
    "status-differs",
    _L,
    _R,
    "a planned or threatened event and one that happened are two events",
)
TYPES_DIFFER = declare(
    "LK020",
    "types-differ",
    _L,
    _R,
    "different event types are different events",
    source="ACLED codebook: one event type per event",
)
STATEMENT_SPEAKER = declare(
    "LK025",
    "statement-speaker",
    _L,
    _R,
    "statements link only when the same named actor made them to a compatible addressee",
)
NO_DATE = declare("LK030", "no-date", _L, _R, "a report without a date links with nothing")
DIFFERENT_DAYS = declare(
    "LK035",
    "different-days",
    _L,
    _R,
    "different days are different events (one approximate side may be a day off, on "
    "strong evidence: the same named actor or toll)",
    source="ACLED codebook: one event per day; multi-day events are one event per day",
)
COARSE_DATE = declare(
    "LK040",
    "coarse-date",
    _L,
    _R,
    "year-precision dates, or periods that do not overlap, never link",
)
DIFFERENT_COUNTRIES = declare(
    "LK045", "different-countries", _L, _R, "events in different countries are different events"
)
DIFFERENT_REGIONS = declare(
    "LK050", "different-regions", _L, _R, "events in different admin1 regions are different events"
)
CITY_PARTS = declare(
    "LK059",
    "different-city-parts",
    _L,
    _R,
    "reports that name different parts of one town ('Quito - Quitumbe' / 'Quito - Eloy "
    "Alfaro', or a part and another name) tell two places",
)
DIFFERENT_LOCALITIES = declare(
    "LK200",
    "different-localities",
    _L,
    _R,
    "reports placed at one town or centre that name different villages, neighbourhoods or "
    "sites within it ('Shwe Kone' / 'Thit Cho') tell two places",
    source="ACLED codebook: one event per location",
)
DIFFERENT_TOWNS = declare(
    "LK055",
    "different-towns",
    _L,
    _R,
    "two differently named towns more than 3 km apart: the same tactic in two towns is two events",
    source="ACLED codebook: one event per location",
)
ONE_CENTROID = declare(
    "LK057",
    "one-centroid",
    _L,
    _R,
    "two differently named places both at one district's or region's centre, or a place "
    "the gazetteer lacks (at its region's centre) and another, are two places",
)
DIFFERENT_DISTRICTS = declare(
    "LK058",
    "different-districts",
    _L,
    _R,
    "two differently named districts (or areas near two towns) are two places, however close",
    source="ACLED codebook: one event per location",
)
FAR_APART = declare(
    "LK060",
    "far-apart",
    _L,
    _R,
    "places farther apart than their geo precision allows (25 km for towns, 60 km near a town)",
)
NEAR_WEAK = declare(
    "LK062",
    "near-town-weak",
    _L,
    _R,
    "a town and a differently named area near it link only on strong evidence",
)
REGION_LEVEL = declare(
    "LK065",
    "region-level-weak",
    _L,
    _R,
    "a report that gives only a region or country links only on strong evidence",
)
STRIKE_TARGET = declare(
    "LK066",
    "strike-target-weak",
    _L,
    _R,
    "a state's air or artillery strikes on a named group are no evidence of one event: a "
    "state strikes one group in many places a day",
)
UNKNOWN_PLACE = declare(
    "LK070",
    "unknown-place-weak",
    _L,
    _R,
    "an unknown place never licenses a merge on its own: it needs two pieces of strong evidence",
)
SIDE_EVENTS = declare(
    "LK210",
    "side-events-weak",
    _L,
    _R,
    "events told beside their reports' main events (an arrest after a riot) link only "
    "where those main events linked, or on strong evidence",
)
ACTORS_DIFFER = declare(
    "LK075",
    "actors-differ",
    _L,
    _R,
    "actors of different countries, types or names are different events",
)
VICTIMS_TOLD_DIFFERENTLY = declare(
    "LK076",
    "victims-told-differently",
    _L,
    Kind.KEEP,
    "the people an event hits may be civilians in one report and protesters or rioters in another",
)
RIOT_OTHER_SIDE = declare(
    "LK077",
    "riot-other-side",
    _L,
    Kind.KEEP,
    "a riot's other side is whoever it hit: police in one report, people or property in another",
)
PARTICIPANTS_DIFFER = declare(
    "LK080",
    "participants-differ",
    _L,
    _R,
    "two crowds told in different words ('retired teachers' / 'taxi drivers') or of "
    "different institutions ('health department' / 'municipality workers') are two",
)
ISSUES_DIFFER = declare(
    "LK085",
    "issues-differ",
    _L,
    _R,
    "protests about different things ('over the sale of the airline' / 'for higher wages') "
    "are two, when a report says who protested and the crowds differ",
    source="ACLED codebook 2023, Protests (one event per location, day and group)",
)
LINKED = declare(
    "LK100",
    "linked",
    _L,
    Kind.MERGE,
    "every check passed: same type, day, place and compatible actors",
)


@dataclass(frozen=True, slots=True)
class Check:
    """The result of one check (or of all of them): refused or scored, and why."""

    ok: bool
    score: float
    reason: str
    # Strong evidence that the reports are one event even where a place is missing.
    strong: bool = False
    # A place match that rests only on distance between differently named places.
    weak: bool = False


_DAY_APART = 0.7  # the date check's score for reports a day apart, one side approximate


def refuse(reason: str, rule: Rule | None = None) -> Check:
    return Check(False, 0.0, rule.why(reason) if rule else reason)


def compare(a: Mention, b: Mention, rules: LinkRules, *, mains_linked: bool = False) -> Check:
    """All checks in order; the first refusal wins. ``score`` is their mean.

    ``mains_linked``: the reports' main events are one linked event (what two side
    events need, short of strong evidence: LK210).

    Reasons start with the id of the rule that decided (``[LK055] different towns``),
    so a merge or a refusal can be traced to :mod:`newscoder.registry`.
    """
    if a.article_id == b.article_id:
        return refuse("same article", SAME_ARTICLE)
    if a.background or b.background:
        return refuse("a background mention", BACKGROUND)
    checks = []
    for check in (_status, _types, _dates, _places, _actors, _participants):
        result = check(a, b, rules)
        if not result.ok:
            return result
        checks.append(result)
    status, kind, when, place = checks[:4]
    pieces: list[str] = []
    if when.strong and kind.strong and status.score == 1.0:
        pieces = strong_evidence(a, b, rules)
    if when.score == _DAY_APART:
        # A date guessed a day off (no date in the text, or "overnight") joins the other
        # day's report only on evidence of its own: two shootings in Karachi on
        # consecutive days are two.
        pieces = strong_evidence(a, b, rules) if kind.strong else []
        if not pieces:
            return refuse("a day apart, no strong evidence", DIFFERENT_DAYS)
    if not (a.has_place and b.has_place):
        if len(pieces) < 2:
            found = f" (only {pieces[0]})" if pieces else ""
            return refuse(
                f"place unknown in one report, no two pieces of evidence{found}", UNKNOWN_PLACE
            )
    elif 3 in (a.geo_precision, b.geo_precision):
        if not pieces:
            return _weak(a, b, rules, "only the region or country is known", REGION_LEVEL)
    elif place.weak and not pieces:
        return _weak(a, b, rules, place.reason, NEAR_WEAK)
    if a.side and b.side and not (pieces or mains_linked):
        # Each report is about something else and says little of this act: police
        # arrests, shelling or looting told in passing by two reports of two different
        # main events, in one town on one day, are no evidence of one act.
        return refuse("two side events of unlinked main events, no strong evidence", SIDE_EVENTS)
    score = sum(c.score for c in checks[1:5]) / 4
    reasons = [c.reason for c in checks[1:] if c.reason]
    if pieces:
        reasons.append(", ".join(pieces))
    return Check(True, score, LINKED.why("; ".join(reasons)), bool(pieces))


def strong_evidence(a: Mention, b: Mention, rules: LinkRules) -> list[str]:
    """What a careful coder accepts where the place cannot decide, one entry a piece: the
    same named, non-generic actor on a side (each side counts), the same reported toll."""
    orders = [((a.actor1, b.actor1), (a.actor2, b.actor2))]
    if a.acled_event_type in SYMMETRIC_EVENT_TYPES:
        orders.append(((a.actor1, b.actor2), (a.actor2, b.actor1)))
    struck = _struck_target(a, b, rules)
    named = max(
        (
            [
                f"same named actor ({x.name})"
                for x, y in order
                if x.specific and y.specific and _same_name(x, y, rules) and x is not struck
            ]
            for order in orders
        ),
        key=len,
    )
    toll = [f"same toll ({a.fatalities})"] if _same_toll(a, b) else []
    return named + toll


def _struck_target(a: Mention, b: Mention, rules: LinkRules) -> ActorRef | None:
    """The named group both reports say a state struck from afar (LK066), which is no
    evidence: "Turkish drones hit the PKK" is told of many places on one day."""
    if not (a.acled_event_type == b.acled_event_type == _REMOTE):
        return None
    if not (a.actor1.type in _STATE_STRIKERS and b.actor1.type in _STATE_STRIKERS):
        return None
    x, y = a.actor2, b.actor2
    return x if x.specific and y.specific and _same_name(x, y, rules) else None


def _weak(a: Mention, b: Mention, rules: LinkRules, what: str, rule: Rule) -> Check:
    """A refusal for want of strong evidence; LK066 when a struck group was all there was."""
    struck = _struck_target(a, b, rules)
    if struck is not None:
        return refuse(f"{what}; only the group the state struck ({struck.name})", STRIKE_TARGET)
    return refuse(f"{what}, no strong evidence", rule)


def _status(a: Mention, b: Mention, rules: LinkRules) -> Check:
    if "negated" in (a.status, b.status):
        return refuse("an event that did not happen", NEGATED)
    if a.status == b.status or {a.status, b.status} <= HAPPENED | {None}:
        return Check(True, 1.0, "")
    return refuse(f"status {a.status} vs {b.status}", STATUS_DIFFERS)


def _types(a: Mention, b: Mention, rules: LinkRules) -> Check:
    if a.acled_event_type and b.acled_event_type:
        if a.acled_event_type != b.acled_event_type:
            return refuse(
                f"ACLED types differ ({a.acled_event_type} / {b.acled_event_type})", TYPES_DIFFER
            )
        same_sub = a.acled_sub_event_type == b.acled_sub_event_type
        if same_sub and a.acled_sub_event_type:
            return Check(True, 1.0, f"same ACLED type ({a.acled_sub_event_type})", strong=True)
        return Check(True, 0.75, f"same ACLED type ({a.acled_event_type})")
    if a.acled_event_type or b.acled_event_type:
        return refuse("one report is an ACLED event, the other is not", TYPES_DIFFER)
    if not a.plover_type or a.plover_type != b.plover_type:
        return refuse(f"PLOVER types differ ({a.plover_type} / {b.plover_type})", TYPES_DIFFER)
    if a.plover_type in rules.statement_types:
        # One statement, reported by several outlets: the same speaker saying it.
        if not (a.actor1.known and b.actor1.known and _same_name(a.actor1, b.actor1, rules)):
            return refuse("not the same speaker", STATEMENT_SPEAKER)
        if not _actor_pair(a.actor2, b.actor2, rules).ok:
            return refuse("addressed to different actors", STATEMENT_SPEAKER)
    strong = a.plover_mode == b.plover_mode
    return Check(True, 1.0 if strong else 0.8, f"same PLOVER type ({a.plover_type})", strong)


def _dates(a: Mention, b: Mention, rules: LinkRules) -> Check:
    if a.date is None or b.date is None:
        return refuse("a report without a date", NO_DATE)
    if a.date_precision == "day" and b.date_precision == "day":
        gap = abs((a.date - b.date).days)
        if gap == 0:
            return Check(True, 1.0, f"same day ({a.date})", strong=True)
        if gap == 1 and (a.approximate_day or b.approximate_day):
            return Check(
                True,
                _DAY_APART,
                f"a day apart, one side approximate ({a.date_text or b.date_text})",
            )
        # A multi-day event is one event per day in ACLED: never merge across days.
        return refuse(f"different days ({a.date} / {b.date})", DIFFERENT_DAYS)
    span_a, span_b = a.days(rules), b.days(rules)
    if span_a is None or span_b is None:
        return refuse("a date too coarse to link (year precision)", COARSE_DATE)
    if span_a[0] <= span_b[1] and span_b[0] <= span_a[1]:
        return Check(True, 0.5, f"dates overlap ({a.date_precision} / {b.date_precision})")
    return refuse(f"dates do not overlap ({a.date} / {b.date})", COARSE_DATE)


def _places(a: Mention, b: Mention, rules: LinkRules) -> Check:
    if not (a.has_place and b.has_place):
        # Decided in compare(): an unknown place links only on strong other evidence.
        return Check(True, 0.3, "place unknown in one report")
    if a.country_code != b.country_code:
        return refuse(
            f"different countries ({a.country_code} / {b.country_code})", DIFFERENT_COUNTRIES
        )
    if a.admin1 and b.admin1 and a.admin1.casefold() != b.admin1.casefold():
        return refuse(f"different regions ({a.admin1} / {b.admin1})", DIFFERENT_REGIONS)
    same_name = _similar(a.location_name, b.location_name, rules)
    km = distance_km(a, b)
    coarse = max(a.geo_precision or 3, b.geo_precision or 3)
    if (a.localities or b.localities) and not _same_locality(a, b, rules):
        return refuse(
            f"different localities ({', '.join(sorted(a.localities))} / "
            f"{', '.join(sorted(b.localities))})",
            DIFFERENT_LOCALITIES,
        )
    if coarse == 1 and _other_parts(a, b, rules):
        return refuse(
            f"different parts of a town ({a.location_name} / {b.location_name})", CITY_PARTS
        )
    if coarse == 1:
        if km is not None and km <= rules.same_spot_km:
            return Check(True, 1.0, f"same place ({a.location_name})")
        if not same_name:
            return refuse(
                f"different towns ({a.location_name} / {b.location_name})", DIFFERENT_TOWNS
            )
        if km is None or km <= rules.town_km:
            return Check(True, 1.0, f"same town ({a.location_name})")
        return refuse(f"towns named {a.location_name} {km:.0f} km apart", FAR_APART)
    if coarse == 2:
        if not same_name and km is not None and km < 1.0:
            return refuse(
                f"{a.location_name} / {b.location_name} share only a centroid", ONE_CENTROID
            )
        if same_name and (km is None or km <= rules.town_km):
            return Check(True, 0.9, f"same place ({a.location_name}), one report less precise")
        if not same_name and a.geo_precision == b.geo_precision == 2:
            return refuse(
                f"different districts or areas ({a.location_name} / {b.location_name})",
                DIFFERENT_DISTRICTS,
            )
        if km is not None and km <= rules.near_km:
            score = 0.9 - 0.4 * km / rules.near_km
            reason = f"{a.location_name} / {b.location_name} {km:.0f} km apart"
            return Check(True, score, reason, weak=not same_name)
        return refuse(f"places too far apart ({a.location_name} / {b.location_name})", FAR_APART)
    # A region or a country: only its admin1 can be matched (and compare() asks for more).
    one_centre = km is not None and km < 1.0
    named = _named_place(a, rules) and _named_place(b, rules)
    if one_centre and not same_name and named:
        # "Manzobe" and "Apinzi", villages the gazetteer lacks, both at Ituri's centre.
        return refuse(f"{a.location_name} / {b.location_name} share only a centroid", ONE_CENTROID)
    if (a.unlisted or b.unlisted) and not same_name and named and not _told_inside(a, b, rules):
        # "near Travneve, Donetsk" (unknown, at Donetsk's centre) and "near Shyrokyne":
        # two places named, one only placed at its region's centre.
        return refuse(
            f"{a.location_name} / {b.location_name}: a place the gazetteer lacks and another",
            ONE_CENTROID,
        )
    if a.admin1 and b.admin1:
        return Check(True, 0.5, f"same region ({a.admin1}), one report gives only the region")
    return Check(True, 0.3, "one report gives only the country")


def _actors(a: Mention, b: Mention, rules: LinkRules) -> Check:
    first, second = _actor_pair(a.actor1, b.actor1, rules), _actor_pair(a.actor2, b.actor2, rules)
    if first.ok and not second.ok:
        second = _hit_side(a.actor2, b.actor2, a.acled_event_type) or second
    straight = first, second
    options = [straight]
    if a.acled_event_type in SYMMETRIC_EVENT_TYPES:
        options.append(
            (_actor_pair(a.actor1, b.actor2, rules), _actor_pair(a.actor2, b.actor1, rules))
        )
    fitting = [pair for pair in options if pair[0].ok and pair[1].ok]
    if not fitting:
        failed = straight[0] if not straight[0].ok else straight[1]
        return failed
    first, second = max(fitting, key=lambda pair: pair[0].score + pair[1].score)
    reason = ", ".join(r for r in (first.reason, second.reason) if r)
    return Check(
        True, (first.score + second.score) / 2, reason, strong=first.strong or second.strong
    )


def _hit_side(a: ActorRef, b: ActorRef, event_type: str | None) -> Check | None:
    """The side an event hits, told in other words by another report: the victims as
    civilians or as protesters; a riot's police, bystanders or property. Only a
    difference of actor type is forgiven, never of country or of named group."""
    if not (a.type and b.type) or a.type == b.type:
        return None
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return None
    types = {a.type, b.type}
    if types <= _UNARMED:
        return Check(True, 0.6, VICTIMS_TOLD_DIFFERENTLY.why(f"hit {a.name} / {b.name}"))
    if event_type == "Riots" and types <= _UNARMED | {"State forces"}:
        return Check(True, 0.5, RIOT_OTHER_SIDE.why(f"riot against {a.name} / {b.name}"))
    return None


def _participants(a: Mention, b: Mention, rules: LinkRules) -> Check:
    """Generic crowds ("Protesters (Iran)") told by their own words: "retired airline
    employees" and "school janitors" in one square on one day are two protests."""
    if not (a.actor1.type in _CROWDS and b.actor1.type in _CROWDS):
        return Check(True, 1.0, "")  # armed actors: "gunmen" and "militants" may be one
    wa, wb = a.actor1.descriptive, b.actor1.descriptive
    # Words in common and the same kind of people ("contract workers" / "temporary
    # employees of the electricity directorate") may be one crowd told two ways.
    same_kind = a.actor1.crowd_head is not None and a.actor1.crowd_head == b.actor1.crowd_head
    if (
        wa
        and wb
        and (
            not (wa & wb)
            or (len(wa | wb) >= 4 and len(wa & wb) / len(wa | wb) < 0.25 and not same_kind)
        )
    ):
        return refuse(
            f"different participants ({' '.join(sorted(wa))} / {' '.join(sorted(wb))})",
            PARTICIPANTS_DIFFER,
        )
    # One crowd told alike: most words of the shorter description are in the other
    # ("doctors" / "striking doctors"), not only the kind of people ("retired airline
    # employees" / "school system employees": both "workers").
    ea, eb = a.actor1.employer, b.actor1.employer
    if ea and eb and not _same_employer(ea, eb):
        # "employees of the health department" / "municipality workers": both say whom
        # they work for, and it is not the same institution.
        return refuse(
            f"different institutions ({', '.join(sorted(ea))} / {', '.join(sorted(eb))})",
            PARTICIPANTS_DIFFER,
        )
    heads = {a.actor1.crowd_head, b.actor1.crowd_head}
    told_alike = bool(wa and wb) and (wa <= wb or wb <= wa or bool((wa & wb) - heads))
    if a.issue and b.issue and not (a.issue & b.issue) and (wa or wb) and not told_alike:
        # "over the sale of the airline" / "to demand higher wages": two protests. Two
        # reports that both leave the crowd untold ("tens of thousands marched") may
        # word one grievance two ways, and are left to the other checks.
        return refuse(
            f"different issues ({' '.join(sorted(a.issue))} / {' '.join(sorted(b.issue))})",
            ISSUES_DIFFER,
        )
    return Check(True, 1.0, "")


def _same_employer(a: frozenset[str], b: frozenset[str]) -> bool:
    """One institution told alike or more fully ("the university" / "Makerere
    university"), never two ("health department" / "education department")."""
    return any(
        set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()) for x in a for y in b
    )


def _actor_pair(a: ActorRef, b: ActorRef, rules: LinkRules) -> Check:
    if not (a.known and b.known):
        return Check(True, 0.5, "")
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return refuse(f"actors of different countries ({a.name} / {b.name})", ACTORS_DIFFER)
    if _same_name(a, b, rules):
        return Check(True, 1.0, f"same actor ({a.name})", strong=not (a.generic or b.generic))
    if not (a.name and b.name):  # one side known only by its type
        if a.type and b.type and a.type != b.type:
            return refuse(f"actor types differ ({a.type} / {b.type})", ACTORS_DIFFER)
        return Check(True, 0.6, f"same actor type ({a.type or b.type})")
    if a.unidentified and b.type in ARMED_NON_STATE:
        return Check(True, 0.6, f"unidentified armed actor may be {b.name}")
    if b.unidentified and a.type in ARMED_NON_STATE:
        return Check(True, 0.6, f"unidentified armed actor may be {a.name}")
    if a.type and a.type == b.type:
        if a.generic or b.generic:
            return Check(True, 0.7, f"same actor type ({a.type})")
        return refuse(f"different named actors ({a.name} / {b.name})", ACTORS_DIFFER)
    if not (a.type and b.type):
        return Check(True, 0.4, "")
    return refuse(f"actor types differ ({a.type} / {b.type})", ACTORS_DIFFER)


def _same_name(a: ActorRef, b: ActorRef, rules: LinkRules) -> bool:
    return bool(a.key and b.key) and fuzz.token_set_ratio(a.key, b.key) >= rules.name_match


def _similar(a: str | None, b: str | None, rules: LinkRules) -> bool:
    """One place name: a spelling variant, or one name inside the other ("Kaura Namoda"
    and "Kaura Namoda district")."""
    return same_name(a, b, rules.name_match)


def _told_inside(a: Mention, b: Mention, rules: LinkRules) -> bool:
    """Whether one report's place is a locality the other names ("the village of
    Novomykhailivka near Vuhledar" / "near Novomykhailivka, Donetsk")."""
    return any(_similar(x, b.location_name, rules) for x in a.localities) or any(
        _similar(y, a.location_name, rules) for y in b.localities
    )


def _named_place(m: Mention, rules: LinkRules) -> bool:
    """A region-level report that names a place of its own (a village the gazetteer
    lacks, kept at its region's centre), not the region or the country itself."""
    name = m.location_name
    return bool(name) and not any(
        _similar(name, unit, rules) for unit in (m.admin1, m.country) if unit
    )


def _other_parts(a: Mention, b: Mention, rules: LinkRules) -> bool:
    """Two places in one town that the reports tell apart: two named parts ("Quito -
    Quitumbe" / "Quito - Eloy Alfaro"), or a named part and another name that is neither
    the town nor that part ("Berlin - Steglitz-Zehlendorf" / "Mitte")."""
    (town_a, part_a), (town_b, part_b) = _town_and_part(a), _town_and_part(b)
    if part_a and part_b:
        return not _similar(part_a, part_b, rules)
    if not (part_a or part_b):
        return False
    town, part, other = (town_a, part_a, town_b) if part_a else (town_b, part_b, town_a)
    return bool(other) and not (_similar(other, town, rules) or _similar(other, part, rules))


def _same_locality(a: Mention, b: Mention, rules: LinkRules) -> bool:
    """Two reports that may tell one place, where one names a locality: a locality both
    name (told alike or spelt two ways); one report's locality that is the other's
    location ("Kapa village" / a report placed at Kapa); or one place told once
    with its locality and once without (both placed at Ayadaw, one naming its village).
    A town part in a location's name ("Berlin - Mitte") counts as its locality when
    the report names none finer."""
    mine, theirs = _localities_of(a), _localities_of(b)
    if any(_similar(x, y, rules) for x in mine for y in (*theirs, b.location_name)):
        return True
    if any(_similar(y, a.location_name, rules) for y in theirs):
        return True
    if mine and theirs:
        return False
    return _similar(a.location_name, b.location_name, rules)


def _localities_of(m: Mention) -> frozenset[str]:
    """The report's localities, or else the part of a town its location names (a
    neighbourhood inside "Rio de Janeiro - North Zone" is finer than the part)."""
    if m.localities:
        return m.localities
    _, part = _town_and_part(m)
    return frozenset({part}) if part else frozenset()


def _town_and_part(m: Mention) -> tuple[str | None, str | None]:
    town, dash, part = (m.location_name or "").partition(" - ")
    if dash and town and part.strip():
        return town, part.strip()
    return m.location_name, None


def _same_toll(a: Mention, b: Mention) -> bool:
    return a.fatalities_reported and b.fatalities_reported and a.fatalities == b.fatalities != 0


def distance_km(a: Mention, b: Mention) -> float | None:
    """Great-circle distance between two reports' coordinates, or None."""
    if None in (a.lat, b.lat, a.lon, b.lon):
        return None
    assert a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
