"""One event as a linking input: a stored event row turned into a typed value once.

Rows come from :meth:`newscoder.store.Store.iter_events` (with ``record=True`` so
the coder's reasons are at hand); plain contract events work too, through
:func:`mention_from_event`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newscoder.link.rules import LinkRules, approximate_day

# The coder writes 0 for a violent event whose report gives no death toll (ACLED's
# convention); that 0 is not a reported figure and must not win the lowest-figure rule.
# Its rule (newscoder.coding.assembly.NO_DEATHS_REPORTED; rule ids are stable) says so.
NO_DEATHS_RULE = "CD210"
# Records coded before events carried rule ids say so only in their reason's prose.
_NO_DEATHS_REPORTED = re.compile(r"no deaths reported", re.IGNORECASE)
# The coder's rules that keep a place the gazetteer lacks under its own name at the
# centre of its province (newscoder.resolve: PL040 bracketed, PL200 "near X, Y"). Their
# places carry ``unlisted``; records coded before that say so only in the reason.
UNLISTED_PLACE_RULES = frozenset({"PL040", "PL200"})
_RULE_IDS = re.compile(r"\[([A-Z]{2}\d{3})\]")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_NON_WORD = re.compile(r"[^\w]+")
# Actor types whose name alone never tells one event from another of the same day.
_NOT_EVIDENCE_TYPES = frozenset({None, "State forces", "Protesters", "Rioters", "Civilians"})


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One side of an event, as far as linking needs it."""

    name: str | None
    type: str | None
    country_code: str | None = None
    # A name that says only what kind of actor it is ("Unidentified Armed Group
    # (Nigeria)", "Civilians (Nigeria)"): the coder's generic roles.
    generic: bool = False
    # The actor's own words in the report ("retired airline employees").
    text: str | None = None
    # The name for comparison: lower case, no parenthesised country, no punctuation.
    key: str = field(init=False, default="")
    # The words of ``text`` that describe who they are, crowd words left out.
    descriptive: frozenset[str] = field(init=False, default=frozenset())
    # The word that says who they are ("worker" for "temporary employees of ...").
    crowd_head: str | None = field(init=False, default=None)
    # The institutions they work for or belong to, each with the word before it
    # ({"health department"} for "contract employees of the health department").
    employer: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", normal_name(self.name))
        if self.generic and self.text:
            found, head = describing_words(self.text)
            object.__setattr__(self, "descriptive", found)
            object.__setattr__(self, "crowd_head", head)
            object.__setattr__(self, "employer", employer_words(self.text))

    @property
    def specific(self) -> bool:
        """A named actor that is evidence on its own: "Boko Haram", never a kind
        ("Civilians (Nigeria)"), a whole state's forces ("Military Forces of Ukraine"
        shell many places a day) or a phrase the coder could not type."""
        return (
            bool(self.key)
            and not self.generic
            and self.type not in _NOT_EVIDENCE_TYPES
            and not self.key.startswith(generic_prefixes())
            and not _indefinite(self.key)
        )

    @property
    def known(self) -> bool:
        return bool(self.name or self.type)

    @property
    def unidentified(self) -> bool:
        return self.generic and self.key.startswith("unidentified")


@dataclass(frozen=True, slots=True)
class Mention:
    """An event as one article reported it."""

    event_id: str
    article_id: str
    plover_type: str | None
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: dt.date | None
    date_precision: str | None
    date_text: str | None
    approximate_day: bool
    location_name: str | None
    admin1: str | None
    country: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    actor1: ActorRef
    actor2: ActorRef
    fatalities: int | None
    injuries: int | None
    arrests: int | None
    fatalities_reported: bool
    status: str | None
    background: bool
    confidence: float | None
    article_source: str | None = None
    article_url: str | None = None
    published: str | None = None
    # The content words of what a protest is about ("sale", "airline" for "over the
    # sale of the airline"): issue_words of the record's ``issue``.
    issue: frozenset[str] = frozenset()
    # The villages, neighbourhoods and areas the report names inside its location
    # ("Shwe Kone" village of Ayadaw township): the location's ``localities`` texts.
    localities: frozenset[str] = frozenset()
    # The location is a place the gazetteer lacks, kept under its own name at the centre
    # of the unit the report puts it in ("near Novolaspa, Donetsk": Donetsk's centre).
    unlisted: bool = False
    # An ACLED event told beside its report's main event (the report's first ACLED
    # event): the arrest after a riot, the shelling beside a clash. Set by linking,
    # which knows the report's other events.
    side: bool = False

    @property
    def has_place(self) -> bool:
        return bool(self.country_code and (self.location_name or self.admin1))

    @property
    def vague(self) -> bool:
        """A report too coarse to pick between two events on its own: a week or month
        date, only a region or country, or no place at all. It joins an event only
        when exactly one candidate fits."""
        return self.date_precision != "day" or not self.has_place or self.geo_precision == 3

    def days(self, rules: LinkRules) -> tuple[dt.date, dt.date] | None:
        """The first and last day this report's date may mean, or None (never links)."""
        if self.date is None:
            return None
        half = {"day": 0, "week": rules.week_days, "month": rules.month_days}.get(
            self.date_precision or ""
        )
        if half is None:  # year precision or unknown: too coarse to link anything
            return None
        if self.date_precision == "day" and self.approximate_day:
            half = 1
        delta = dt.timedelta(days=half)
        return self.date - delta, self.date + delta


def _indefinite(key: str) -> bool:
    """ "an armed individual", "two gunmen", "unknown assailants": a description, not a
    name, however the coder typed it."""
    from newscoder.lexicon import words

    return key.split(" ", 1)[0] in words("indefinite_words")


def describing_words(text: str) -> tuple[frozenset[str], str | None]:
    """Content words of a crowd's phrase, singular, after the synonym table, without
    crowd words, numbers and function words, and its head: the last of them before
    "of", "from" ... ({"retired", "airline", "worker"} and "worker" for "about 50
    retired airline employees of the port")."""
    from newscoder.lexicon import word_map, words

    skip = words("crowd_words")
    ends = words("crowd_head_ends")
    same = word_map("crowd_synonyms")
    out: set[str] = set()
    head: str | None = None
    head_done = False
    for word in _NON_WORD.split(text.lower()):
        if word in ends:
            head_done = head_done or head is not None
        if len(word) < 3 or word.isdigit() or word in skip:
            continue
        word = _singular(word)
        word = same.get(word, word)
        if word in skip:
            continue  # "demonstrators" -> "demonstrator": a crowd word once singular
        out.add(word)
        if not head_done:
            head = word
    return frozenset(out), head


def employer_words(text: str) -> frozenset[str]:
    """The institutions a crowd's phrase names (``data/words/employer_words.txt``), each
    with the content word before it: {"health department"} for "employees of the
    health department", {"municipality"} for "municipality workers"."""
    from newscoder.lexicon import words

    employers, skip = words("employer_words"), words("issue_function_words")
    tokens = [_singular(w) for w in _NON_WORD.split(text.lower()) if w]
    out: set[str] = set()
    for i, word in enumerate(tokens):
        if word in employers:
            before = tokens[i - 1] if i else ""
            named = before not in skip and len(before) > 2 and before not in employers
            out.add(f"{before} {word}" if named else word)
    return frozenset(out)


def issue_words(text: str | None) -> frozenset[str]:
    """Content words of a protest's issue, lower case and singular, without function
    words and numbers ({"sale", "airline"} for "the sale of their airline")."""
    if not text:
        return frozenset()
    from newscoder.lexicon import words

    skip = words("issue_function_words")
    out = set()
    for word in _NON_WORD.split(text.lower()):
        if len(word) < 3 or word.isdigit() or word in skip:
            continue
        out.add(_singular(word))
    return frozenset(out)


def _singular(word: str) -> str:
    """ "workers" -> "worker", "demands" -> "demand" (not "press" or "class")."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def normal_name(name: str | None) -> str:
    if not name:
        return ""
    return _NON_WORD.sub(" ", _PARENTHESES.sub("", name).lower()).strip()


def mention_from_row(row: Mapping[str, Any]) -> Mention:
    """A mention from a flat event row; ``row["record"]`` (the contract event), when
    present, supplies the coder's reasons and actor roles."""
    record = row.get("record") or {}
    date = record.get("date") or {}
    return Mention(
        event_id=row["id"],
        article_id=row["article_id"],
        plover_type=row.get("plover_type"),
        plover_mode=row.get("plover_mode"),
        acled_event_type=row.get("acled_event_type"),
        acled_sub_event_type=row.get("acled_sub_event_type"),
        date=_date(row.get("date")),
        date_precision=row.get("date_precision"),
        date_text=row.get("date_text"),
        approximate_day=approximate_day(
            row.get("date_text"), date.get("reason"), date.get("rule"), date.get("value")
        ),
        location_name=row.get("location_name"),
        admin1=row.get("admin1"),
        country=row.get("country"),
        country_code=(row.get("country_code") or None) and row["country_code"].upper(),
        lat=row.get("lat"),
        lon=row.get("lon"),
        geo_precision=_int(row.get("geo_precision")),
        actor1=_actor(row, "actor1", record.get("actor1")),
        actor2=_actor(row, "actor2", record.get("actor2")),
        fatalities=_int(row.get("fatalities")),
        injuries=_int(row.get("injuries")),
        arrests=_int(row.get("arrests")),
        fatalities_reported=_fatalities_reported(row.get("fatalities"), record),
        status=row.get("status"),
        background=bool(row.get("background")),
        confidence=row.get("confidence"),
        article_source=row.get("article_source"),
        article_url=row.get("article_url"),
        published=row.get("article_published"),
        issue=issue_words((record.get("issue") or {}).get("text")),
        localities=_localities(record.get("location")),
        unlisted=_unlisted(record.get("location")),
    )


def mention_from_event(article_id: str, event: Mapping[str, Any]) -> Mention:
    """A mention straight from a contract event (``CodedArticle.to_dict()["events"][i]``)."""
    plover, acled = event.get("plover") or {}, event.get("acled") or {}
    date, loc = event.get("date") or {}, event.get("location") or {}
    row = {
        "id": event["id"],
        "article_id": article_id,
        "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"),
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "date": date.get("value"),
        "date_precision": date.get("precision"),
        "date_text": date.get("text"),
        **{k: loc.get(k) for k in ("admin1", "country", "country_code", "lat", "lon")},
        "location_name": loc.get("name"),
        "geo_precision": loc.get("geo_precision"),
        **{k: event.get(k) for k in ("fatalities", "injuries", "arrests", "status")},
        "background": event.get("background"),
        "confidence": event.get("confidence"),
        "record": event,
    }
    for side in ("actor1", "actor2"):
        actor = event.get(side) or {}
        row[side], row[f"{side}_type"] = actor.get("name"), actor.get("type")
        row[f"{side}_country"] = actor.get("country_code")
    return mention_from_row(row)


def _actor(row: Mapping[str, Any], side: str, record: Mapping[str, Any] | None) -> ActorRef:
    name, actor_type = row.get(side), row.get(f"{side}_type")
    role = (record or {}).get("role")
    key = normal_name(name)
    generic = role in generic_roles() or key.startswith("unidentified")
    generic = generic or (bool(key) and key == normal_name(actor_type))
    text = (record or {}).get("text")
    return ActorRef(name, actor_type, row.get(f"{side}_country"), generic, text)


@cache
def generic_roles() -> frozenset[str]:
    """The coder's generic actor roles (``data/generic_actors.json``): actors named
    by their kind only, such as "Military Forces of Nigeria" or "Civilians (Mali)"."""
    path = resources.files("newscoder.data").joinpath("generic_actors.json")
    with path.open(encoding="utf-8") as fh:
        return frozenset(json.load(fh)["roles"])


@cache
def generic_prefixes() -> tuple[str, ...]:
    """How generic role names begin ("military forces of", "government of"), from the
    name templates of ``data/generic_actors.json``."""
    path = resources.files("newscoder.data").joinpath("generic_actors.json")
    with path.open(encoding="utf-8") as fh:
        roles = json.load(fh)["roles"]
    prefixes = {
        normal_name(role["name"].split("{country}")[0])
        for role in roles.values()
        if "{country}" in role.get("name", "")
    }
    return tuple(sorted(p + " " for p in prefixes if p))


def _fatalities_reported(fatalities: Any, record: Mapping[str, Any]) -> bool:
    """Whether the figure is one a report gave (not the 0 written for no toll)."""
    if fatalities is None:
        return False
    rules = record.get("rules")
    if rules:
        return rules.get("fatalities") != NO_DEATHS_RULE
    # A record stored before events carried rule ids: only its reason's prose tells.
    reason = record.get("reason")
    return not (fatalities == 0 and isinstance(reason, str) and _NO_DEATHS_REPORTED.search(reason))


def _unlisted(location: Mapping[str, Any] | None) -> bool:
    """Whether the coder kept a place the gazetteer lacks at a unit's centre: the
    location's ``unlisted`` flag."""
    location = location or {}
    flag = location.get("unlisted")
    if isinstance(flag, bool):
        return flag
    # A record coded before locations carried the flag: its reason cites the rule.
    reason = location.get("reason")
    if not isinstance(reason, str):
        return False
    return any(rid in UNLISTED_PLACE_RULES for rid in _RULE_IDS.findall(reason))


def _localities(location: Mapping[str, Any] | None) -> frozenset[str]:
    found = (location or {}).get("localities") or ()
    return frozenset(x["text"] for x in found if x.get("text"))


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
