"""Why one article was coded as it was: every trigger, the rules that decided, the values.

:func:`explain_article` codes an article with a :func:`newscoder.registry.tracing`
block open and lines up what happened:

- every trigger found (the event mentions extract finds, plus anything a rule fired
  on), in text order, with its sentence, the facts extract read from the parse
  (family, generic, negated, modality, in a quote) and each rule that kept, vetoed,
  rewrote or merged it, and what became of it (the event it heads, or none);
- the other decisions with a position in the text (dates, places, casualties, quotes);
- the coded events, each value with the rule id and reason that decided it.

``newscoder explain FILE`` prints it; ``--json`` gives :meth:`Explanation.to_dict`.
The picture gets richer as more rules record their firings with ``fire()``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from newscoder.registry import Firing, all_rules, tracing
from newscoder.types import Article, CodedArticle, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Firings whose subject is a trigger (the rest decide values: dates, places, counts).
_TRIGGER_PREFIXES = ("EV", "CD", "MP")


@dataclass(slots=True)
class TriggerStory:
    """One position in the text and everything decided there."""

    start: int
    end: int
    text: str
    sentence: str
    is_trigger: bool
    facts: dict[str, Any] = field(default_factory=dict)
    firings: list[Firing] = field(default_factory=list)
    event: str | None = None  # id of the event this trigger heads
    fate: str = ""
    sentence_start: int = 0  # offset of ``sentence`` in the article's text

    def to_dict(self, names: dict[str, str]) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": "trigger" if self.is_trigger else "value",
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "facts": self.facts,
            "event": self.event,
            "fate": self.fate,
            "firings": [_firing_dict(f, names) for f in self.firings],
        }


@dataclass(slots=True)
class Explanation:
    coded: CodedArticle
    stories: list[TriggerStory]
    unplaced: list[Firing]  # firings that name no position in the text
    counts: dict[str, int]
    names: dict[str, str]  # rule id -> name, for every registered rule

    @property
    def triggers(self) -> list[TriggerStory]:
        return [s for s in self.stories if s.is_trigger]

    def to_dict(self) -> dict[str, Any]:
        record = self.coded.to_dict()
        return {
            "id": self.coded.id,
            "published": record["article"]["published"],
            "title": record["article"]["title"],
            "triggers": [s.to_dict(self.names) for s in self.stories if s.is_trigger],
            "decisions": [s.to_dict(self.names) for s in self.stories if not s.is_trigger],
            "unplaced": [_firing_dict(f, self.names) for f in self.unplaced],
            "events": record["events"],
            "rule_counts": self.counts,
        }


def _firing_dict(f: Firing, names: dict[str, str]) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": names.get(f.rule),
        "outcome": f.outcome,
        "subject": f.subject,
        "start": f.start,
        "detail": f.detail,
    }


# --- building ---------------------------------------------------------------------


def explain_article(article: Article, nlp: Language | None = None) -> Explanation:
    """Code ``article`` with a trace open and explain every decision."""
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_parsed
    from newscoder.text_view import parse_view, view_text

    nlp = nlp or get_nlp()
    parsed = view_text(article.text, nlp)  # what the coder reads: same offsets (text_view)
    doc = nlp(parsed)
    with tracing() as trace:
        coded = code_parsed(article, parsed, doc)
    return build_explanation(
        coded, doc, trace.firings, _mention_facts(doc, parse_view(article, parsed))
    )


def _mention_facts(doc: Doc, article: Article) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, facts) of every event mention extract finds: read outside the trace,
    so the rules it fires are not counted twice."""
    from newscoder.extract.events import find_mentions

    out = []
    for m in find_mentions(doc, skip=article.skipped_spans()):
        facts = {
            "family": str(m.family),
            "plover": m.plover,
            "noun": m.is_noun,
            "generic": m.generic,
            "negated": m.negated,
            "modality": m.modality,
            "in_quote": m.in_quote,
            "anaphoric": m.anaphoric,
        }
        out.append((m.trigger_span.start, m.trigger_span.end, facts))
    return out


def build_explanation(
    coded: CodedArticle,
    doc: Doc,
    firings: list[Firing],
    mentions: list[tuple[int, int, dict[str, Any]]],
) -> Explanation:
    """Group ``firings`` by the position they name, joined to the mentions and events."""
    text = coded.article.text
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    sentence_starts = [a for a, _ in sentences]
    stories: dict[int, TriggerStory] = {}

    def story(start: int, end: int, is_trigger: bool) -> TriggerStory:
        found = stories.get(start)
        if found is None:
            i = bisect.bisect_right(sentence_starts, start) - 1
            a, b = sentences[i] if i >= 0 else (start, end)
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            found = TriggerStory(start, end, text[start:end], text[a:b].strip(), is_trigger)
            found.sentence_start = a + lead
            stories[start] = found
        found.is_trigger = found.is_trigger or is_trigger
        return found

    spans = []  # (start, end) of every known trigger, to place firings inside them
    for start, end, facts in mentions:
        story(start, end, True).facts = facts
        spans.append((start, end))
    for event in coded.events:
        span = event.trigger_span
        heads = story(span.start, span.end, True)
        heads.event = event.id
        spans.append((span.start, span.end))
    unplaced = []
    for f in firings:
        if f.start is None or not 0 <= f.start <= len(text):
            unplaced.append(f)
            continue
        owner = next((a for a, b in spans if a <= f.start < b), None)
        if owner is not None:
            stories[owner].firings.append(f)
            continue
        end = f.start + len(f.subject) if f.subject else f.start
        if text[f.start : end] != f.subject:
            end = f.start
        story(f.start, end, f.rule.startswith(_TRIGGER_PREFIXES)).firings.append(f)
    ordered = sorted(stories.values(), key=lambda s: s.start)
    for s in ordered:
        s.fate = _fate(s, coded.events)
    names = {r.id: r.name for r in all_rules()}
    counts = Counter(f.rule for f in firings)
    return Explanation(coded, ordered, unplaced, dict(sorted(counts.items())), names)


def _fate(story: TriggerStory, events: tuple[Event, ...]) -> str:
    if not story.is_trigger:
        return ""
    if story.event is not None:
        return f"heads event {story.event.rsplit(':', 1)[-1]}"
    outcomes = [f for f in story.firings if f.outcome in {"vetoed", "merged", "absorbed"}]
    if outcomes:
        last = outcomes[-1]
        return f"{last.outcome} by {last.rule}"
    inside = [
        e.id.rsplit(":", 1)[-1]
        for e in events
        if any(s.start <= story.start < s.end for s in e.evidence)
    ]
    if inside:
        return f"no event of its own (its sentence is evidence of {', '.join(inside)})"
    return "no event (no rule recorded why)"


# --- showing ----------------------------------------------------------------------


def _rule_label(rule_id: str | None, names: dict[str, str]) -> Text:
    if not rule_id:
        return Text("—", style="dim")
    name = names.get(rule_id)
    return Text(rule_id, style="bold") + (Text(f" {name}") if name else Text(""))


def _sentence(story: TriggerStory, width: int = 65) -> Text:
    """The sentence (about ``width`` characters of it either side of the trigger) with
    the trigger highlighted."""
    sentence = story.sentence
    at = story.start - story.sentence_start
    if not story.text or not sentence.startswith(story.text, max(at, 0)) or at < 0:
        return Text(sentence if len(sentence) <= 2 * width else sentence[: 2 * width] + "…")
    left = max(0, at - width)
    right = min(len(sentence), at + len(story.text) + width)
    shown = Text("…" if left else "", style="dim")
    shown.append(sentence[left:at], style="italic")
    shown.append(story.text, style="bold underline")
    shown.append(sentence[at + len(story.text) : right], style="italic")
    shown.append("…" if right < len(sentence) else "", style="dim")
    return shown


def _facts(facts: dict[str, Any]) -> str:
    shown = [f"family {facts['family']}"] if facts.get("family") else []
    shown += [key.replace("_", " ") for key in ("generic", "negated", "in_quote") if facts.get(key)]
    if facts.get("modality"):
        shown.append(str(facts["modality"]))
    return ", ".join(shown)


def _firings_table(firings: list[Firing], names: dict[str, str]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 4))
    for _ in range(3):
        table.add_column(overflow="fold")
    for f in firings:
        table.add_row(_rule_label(f.rule, names), Text(f.outcome), Text(f.detail or f.subject))
    return table


def _event_rows(event: Event, names: dict[str, str]) -> list[tuple[str, str, str | None, str]]:
    """(field, value, rule id, reason) for every coded value of an event."""
    rules = dict(event.rules)
    rows: list[tuple[str, str, str | None, str]] = [
        ("trigger", repr(event.trigger), rules.get("trigger"), event.reason),  # the whole story
        ("PLOVER", f"{event.plover_type} {event.plover_mode or ''}".strip(),
         rules.get("plover_type"), ""),
        ("ACLED", " / ".join(x for x in (event.acled_event_type, event.acled_sub_event_type) if x)
         or "none (not an ACLED event)", rules.get("event_type") or rules.get("sub_event_type"),
         ""),
        ("date", f"{event.date.value or '?'} ({event.date.precision or '-'}) "
         f"{event.date.text or ''}".strip(), event.date.rule, event.date.reason),
    ]  # fmt: skip
    place = event.location
    if place is not None:
        where = ", ".join(x for x in (place.name, place.admin1, place.country) if x)
        rows.append(("place", where, place.rule, place.reason))
    for label, actor in (("actor1", event.actor1), ("actor2", event.actor2)):
        if actor is not None:
            rows.append((label, f"{actor.name} ({actor.type or 'untyped'})", actor.rule,
                         actor.reason))  # fmt: skip
    for label in ("fatalities", "injuries", "arrests"):
        value = getattr(event, label)
        if value is not None:
            rows.append((label, str(value), rules.get(label), ""))
    rows.append(("status", event.status, rules.get("status"), ""))
    if event.background:
        rows.append(("background", "yes", rules.get("background"), ""))
    return rows


def render_explanation(explanation: Explanation, console: Console) -> None:
    e = explanation
    article = e.coded.article
    names = e.names
    published = article.published.isoformat() if article.published else "no date"
    console.print(
        Text(f"{article.id}", style="bold")
        + Text(
            f" · published {published} · {len(e.triggers)} triggers · "
            f"{len(e.coded.events)} events · {sum(e.counts.values())} rule firings"
        )
    )
    if not e.counts:
        console.print(
            Text(
                "No rule recorded a firing for this article yet: triggers below come from "
                "extract's mentions and the coded events.",
                style="yellow",
            )
        )
    console.print(Text("\nTriggers", style="bold"))
    for s in e.triggers:
        head = Text(f"  {s.start:>6}  ") + Text(repr(s.text), style="bold cyan")
        if s.facts:
            head += Text(f"  {_facts(s.facts)}", style="dim")
        head += Text(f"  → {s.fate}", style="green" if s.event else "yellow")
        console.print(head)
        console.print(Padding(_sentence(s), (0, 0, 0, 10)))
        if s.firings:
            console.print(_firings_table(s.firings, names))
    decisions = [s for s in e.stories if not s.is_trigger]
    if decisions or e.unplaced:
        console.print(Text("\nOther decisions", style="bold"))
        for s in decisions:
            console.print(Text(f"  {s.start:>6}  ") + Text(repr(s.text), style="bold"))
            console.print(_firings_table(s.firings, names))
        if e.unplaced:
            console.print(Text("  (no position in the text)"))
            console.print(_firings_table(e.unplaced, names))
    for event in e.coded.events:
        table = Table(title=Text(f"event {event.id}"), title_justify="left")  # ids are data
        for col in ("field", "value", "rule", "reason"):
            table.add_column(col, overflow="fold")
        for name, value, rule_id, reason in _event_rows(event, names):
            table.add_row(name, Text(value), _rule_label(rule_id, names), Text(reason))
        console.print(table)
    if e.counts:
        ranked = sorted(e.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        console.print(Text("rules fired: " + ", ".join(f"{r} ×{n}" for r, n in ranked)))
