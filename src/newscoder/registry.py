"""The rule registry: every coding decision that is a rule has an id, a name and a reason.

Modelled on ruff's rule table. A rule is declared once, where its logic lives::

    PATTERN_NOUN = declare(
        "EV012", "pattern-noun", Stage.EXTRACT, Kind.VETO,
        "attacks told as a pattern ('a drumbeat of attacks') are not events",
    )

or, for a rule that is a small named function, as a decorator::

    @rule("EV013", "feared-attack", Stage.EXTRACT, Kind.VETO, "a feared attack is no event")
    def feared(tok: Token) -> bool: ...

Ids are stable (never reused; a removed rule's id stays retired). The prefix names the
stage that applies it (``EV`` event triggers, ``CD`` coder grouping and merging, ``WW``
when and where, ``AC`` actors, ``MP`` the ACLED / PLOVER mapping, ``PL`` places, ``DT``
dates, ``CA`` casualties, ``QT`` quotes, ``LK`` linking). Rules register in the order
their modules declare them; a stage that applies a table of rules applies them in that
order, so ``newscoder rules`` prints the order in which they run.

Decisions are recorded with :func:`fire`. Recording costs nothing unless a
:func:`tracing` block is open: ``newscoder explain`` opens one per article to show
every trigger and the rules that kept, vetoed or rewrote it, and ``newscoder eval``
opens one per run to count how often each rule fired.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar


class Stage(StrEnum):
    INGEST = "ingest"
    EXTRACT = "extract"
    RESOLVE = "resolve"
    CODE = "code"
    MAP = "map"
    LINK = "link"


class Kind(StrEnum):
    """What a rule does to what it applies to."""

    FIND = "find"  # finds a candidate (a trigger, a place, a date)
    VETO = "veto"  # drops a candidate
    KEEP = "keep"  # keeps a candidate another rule would drop
    REFINE = "refine"  # rewrites a candidate (its family, its role)
    MERGE = "merge"  # joins two candidates into one
    CHOOSE = "choose"  # picks a value for a field among candidates
    DEFAULT = "default"  # the value when nothing in the text decides
    MAP = "map"  # maps coded facts to a codebook type
    REFUSE = "refuse"  # refuses a merge or a value


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    stage: Stage
    kind: Kind
    reason: str
    source: str | None = None  # the codebook section or PLOVER definition it follows
    module: str = ""
    order: int = 0

    def __str__(self) -> str:
        return f"{self.id} {self.name}"

    def why(self, detail: str = "") -> str:
        """A reason string for an output value: the id, then the readable text."""
        return f"[{self.id}] {detail or self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "stage": str(self.stage),
            "kind": str(self.kind),
            "reason": self.reason,
            "source": self.source,
            "module": self.module,
            "order": self.order,
        }


class RuleError(ValueError):
    """A rule declared twice, or looked up by an unknown id: a programming error."""


_RULES: dict[str, Rule] = {}

F = TypeVar("F", bound=Callable[..., Any])


def declare(
    id: str, name: str, stage: Stage, kind: Kind, reason: str, *, source: str | None = None
) -> Rule:
    """Declare a rule and return it. Raises RuleError when the id is taken."""
    if id in _RULES:
        raise RuleError(f"rule {id} declared twice ({_RULES[id].module})")
    frame = sys._getframe(1)
    module = frame.f_globals.get("__name__", "")
    if module == __name__:  # declared through rule(): the caller's caller
        module = sys._getframe(2).f_globals.get("__name__", "")
    declared = Rule(id, name, stage, kind, reason, source, module, len(_RULES))
    _RULES[id] = declared
    return declared


def rule(
    id: str, name: str, stage: Stage, kind: Kind, reason: str, *, source: str | None = None
) -> Callable[[F], F]:
    """Declare a rule that is one named function; the function gets a ``rule`` attribute."""
    declared = declare(id, name, stage, kind, reason, source=source)

    def attach(fn: F) -> F:
        fn.rule = declared  # type: ignore[attr-defined]
        return fn

    return attach


def get_rule(id: str) -> Rule:
    try:
        return _RULES[id]
    except KeyError:
        raise RuleError(f"no rule {id!r}") from None


# Every module that declares rules; importing them fills the registry. A module that
# declares rules and is missing here fails the registry test.
RULE_MODULES: list[str] = [
    "newscoder.pipeline",
    "newscoder.extract.numbers",
    "newscoder.extract.victims",
    "newscoder.extract.casualties",
    "newscoder.extract.triggers",
    "newscoder.extract.protest_acts",
    "newscoder.extract.forces_vetoes",
    "newscoder.extract.vetoes",
    "newscoder.extract.noun_doers",
    "newscoder.extract.sides",
    "newscoder.extract.arguments",
    "newscoder.extract.refine",
    "newscoder.extract.status",
    "newscoder.extract.events",
    "newscoder.extract.speakers",
    "newscoder.extract.quote_direct",
    "newscoder.extract.quote_indirect",
    "newscoder.resolve.country_evidence",
    "newscoder.resolve.place_brackets",
    "newscoder.resolve.place_phrases",
    "newscoder.resolve.place_lookup",
    "newscoder.resolve.place_choice",
    "newscoder.resolve.toponym_spans",
    "newscoder.resolve.name_senses",
    "newscoder.resolve.toponyms",
    "newscoder.resolve.geo_candidates",
    "newscoder.resolve.geoparse",
    "newscoder.resolve.geo_twins",
    "newscoder.resolve.geo_refuse",
    "newscoder.resolve.time_expressions",
    "newscoder.resolve.dates",
    "newscoder.coding.place_cues",
    "newscoder.coding.sentence_places",
    "newscoder.coding.grouping",
    "newscoder.coding.draft",
    "newscoder.coding.merging",
    "newscoder.coding.when_where",
    "newscoder.coding.locality",
    "newscoder.coding.actors",
    "newscoder.coding.actor_typing",
    "newscoder.coding.world_actors",
    "newscoder.coding.victim_roles",
    "newscoder.coding.actor_values",
    "newscoder.coding.claims",
    "newscoder.coding.state_agents",
    "newscoder.coding.intervening",
    "newscoder.coding.assembly",
    "newscoder.coding.codebook",
    "newscoder.coding.detentions",
    "newscoder.coding.taxonomy",
    "newscoder.coding.strategic",
    "newscoder.coding.plover",
    "newscoder.link.compare",
    "newscoder.link.cluster",
]


def all_rules() -> list[Rule]:
    """Every rule, in the order the pipeline applies them."""
    import importlib

    for name in RULE_MODULES:
        importlib.import_module(name)
    stages = list(Stage)
    return sorted(_RULES.values(), key=lambda r: (stages.index(r.stage), r.order))


# --- recording decisions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Firing:
    """One application of a rule: what it applied to and what it did."""

    rule: str
    outcome: str  # kept, vetoed, rewrote, chose, merged, refused, found ...
    subject: str = ""  # the trigger, phrase or value it applied to
    start: int | None = None  # where that is in the text
    detail: str = ""


@dataclass
class Trace:
    firings: list[Firing] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    keep_firings: bool = True

    def add(self, firing: Firing) -> None:
        self.counts[firing.rule] += 1
        if self.keep_firings:
            self.firings.append(firing)


_TRACE: contextvars.ContextVar[Trace | None] = contextvars.ContextVar("newscoder_trace")


def fire(
    rule_: Rule | str,
    outcome: str,
    subject: str = "",
    start: int | None = None,
    detail: str = "",
) -> None:
    """Record that a rule decided something (free when no trace is open)."""
    trace = _TRACE.get(None)
    if trace is None:
        return
    rid = rule_.id if isinstance(rule_, Rule) else rule_
    trace.add(Firing(rid, outcome, subject, start, detail))


def replay(firings: Iterable[Firing]) -> None:
    """Record ``firings`` again, as :func:`fire` would have (a remembered answer's rules)."""
    trace = _TRACE.get(None)
    if trace is not None:
        for firing in firings:
            trace.add(firing)


@contextlib.contextmanager
def tracing(*, keep_firings: bool = True) -> Iterator[Trace]:
    """Record every :func:`fire` inside the block (``keep_firings=False``: counts only)."""
    trace = Trace(keep_firings=keep_firings)
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)


@contextlib.contextmanager
def untraced() -> Iterator[None]:
    """Record nothing inside the block: a trial run whose decisions are made again
    (the geoparser's early readings of an article) is not counted twice."""
    token = _TRACE.set(None)
    try:
        yield
    finally:
        _TRACE.reset(token)


def active_trace() -> Trace | None:
    return _TRACE.get(None)
