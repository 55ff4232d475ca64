"""IndiaPoliceEvents: whole newspaper articles scored by what the coded events say
about the police.

The corpus (Halterman et al., Findings of ACL 2021) labels every sentence of Times of
India articles for police actions: ``KILL``, ``ARREST``, ``FAIL``, ``FORCE`` and
``ANY_ACTION``; a document has a label when one of its sentences has it. A folder
holds ``docs.jsonl`` (``doc_id``, ``doc_text``), ``sents.jsonl`` (``doc_id``,
``sent_id``, ``sent_labels``, ``sent_text``) and ``metadata.jsonl`` (``doc_id``,
``date``). The text is lower-cased and mis-decoded as the corpus gives it, as real
feeds deliver text.

Each document is coded with its metadata date as the publication date and gets the
labels its events imply (:func:`labels_of_record`); a keyword search is scored beside
it (:func:`keyword_labels`). Figures are given for all documents and for each group
of ``doc_id % 4``: read the mistakes of one group, check a change on another. Only
the mistakes of :data:`SHOWN_GROUP` are listed, so the other groups stay unread.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newscoder.errors import UsageError
from newscoder.extract.syntax import names_force
from newscoder.lexicon import word_list, word_map

KIND = "india-police"
LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")  # macro-F1 is over these
REPORTED = ("FAIL",)  # scored and shown, not in the macro average
GROUPS = 4  # documents are grouped by doc_id % GROUPS
SHOWN_GROUP = 1  # the development group: the only one whose mistakes are listed

# Statuses of events that happened by the report's account; planned, threatened,
# denied and negated actions are no police action (a negated one may be FAIL).
_HAPPENED = frozenset({"occurred", "claimed"})
_ARREST_MODES = frozenset({"arrest", "detain"})
# Generic roles of State forces actors that are forces; "government" (and a person
# with an official's role) is not.
_FORCE_ROLES = frozenset({"police", "military", "state"})
# ACLED codes a force's intervention in a demonstration and force used on
# demonstrators as protest events with the protesters as actor1 and the force as
# actor2 (codebook, Protests): there the acting force is actor2.
_FORCE_AS_ACTOR2 = frozenset({"Excessive force against protesters", "Protest with intervention"})

Record = dict[str, Any]
CodeMany = Callable[[Iterable[tuple[str, "dt.date | None"]]], Iterable[Record]]
Progress = Callable[[int, "int | None"], None]


class IndiaPoliceFormatError(UsageError):
    code = "E505"
    fix = (
        "Give the IndiaPoliceEvents folder: docs.jsonl and sents.jsonl (metadata.jsonl "
        "for publication dates), one JSON object a line."
    )


@dataclass(frozen=True, slots=True)
class PoliceDoc:
    """One article with its document labels (the union of its sentences' labels)."""

    doc_id: int
    text: str
    published: dt.date | None
    labels: frozenset[str]
    sentences: tuple[tuple[str, frozenset[str]], ...]

    @property
    def group(self) -> int:
        return self.doc_id % GROUPS


def is_india_police(path: str | Path) -> bool:
    path = Path(path)
    return path.is_dir() and (path / "docs.jsonl").is_file() and (path / "sents.jsonl").is_file()


def _jsonl(file: Path) -> Iterator[dict[str, Any]]:
    with file.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IndiaPoliceFormatError(f"{file.name} line {number}: {exc}") from None
            if not isinstance(row, dict) or "doc_id" not in row:
                raise IndiaPoliceFormatError(f"{file.name} line {number}: no doc_id")
            yield row


def read_india_police(path: str | Path) -> Iterator[PoliceDoc]:
    """The documents of an IndiaPoliceEvents folder, in ``docs.jsonl`` order."""
    root = Path(path)
    if not is_india_police(root):
        raise IndiaPoliceFormatError(f"no docs.jsonl and sents.jsonl in {root}")
    sentences: dict[int, list[tuple[int, str, frozenset[str]]]] = {}
    for row in _jsonl(root / "sents.jsonl"):
        labels = frozenset(row.get("sent_labels") or ())
        sentences.setdefault(int(row["doc_id"]), []).append(
            (int(row.get("sent_id", 0)), str(row.get("sent_text", "")), labels)
        )
    dates: dict[int, dt.date] = {}
    if (root / "metadata.jsonl").is_file():
        for row in _jsonl(root / "metadata.jsonl"):
            try:
                dates[int(row["doc_id"])] = dt.date.fromisoformat(str(row.get("date"))[:10])
            except ValueError:
                continue
    for row in _jsonl(root / "docs.jsonl"):
        doc_id = int(row["doc_id"])
        sents = sorted(sentences.get(doc_id, []))
        yield PoliceDoc(
            doc_id=doc_id,
            text=str(row.get("doc_text", "")),
            published=dates.get(doc_id),
            labels=frozenset(label for _, _, labels in sents for label in labels),
            sentences=tuple((text, labels) for _, text, labels in sents),
        )


# --- what a coded record says --------------------------------------------------------


def state_forces(actor: Mapping[str, Any] | None) -> bool:
    """A state's forces: ACLED's State forces type, but not a government or an
    official other than a police or military officer (ACLED types them the same).
    "State forces (police)" is what the labels are about; a ministry's statement or a
    minister's denial is no police action, a police commissioner's order is."""
    if not actor or actor.get("type") != "State forces":
        return False
    role = actor.get("role")
    if role is not None:  # a generic role, or a person's ("city police commissioner")
        return role in _FORCE_ROLES or names_force(role)
    return not str(actor.get("name", "")).lower().startswith("government")


def any_state_actor(actor: Mapping[str, Any] | None) -> bool:
    """ACLED's State forces type as it is, governments and officials included (the
    issue's literal reading, reported beside the main figures)."""
    return bool(actor) and actor.get("type") == "State forces"  # type: ignore[union-attr]


def _count(value: Any) -> int:
    return value if isinstance(value, int) else 0


def event_labels(event: Mapping[str, Any]) -> frozenset[str]:
    """The labels one coded event implies.

    - ANY_ACTION: state forces are actor1 of an event that happened;
    - KILL: ... and it has fatalities;
    - ARREST: ... and it is an arrest (ACLED Arrests, PLOVER COERCE arrest/detain);
    - FORCE: ... and it is an assault (PLOVER ASSAULT: violent repression, CAMEO 175)
      or it killed or injured people;
    - FAIL: state forces are actor1 of a negated action.

    The acting force is actor2 of the ACLED rows that put the protesters first (a
    protest with intervention, excessive force against protesters).
    """
    acled = event.get("acled") or {}
    agent = "actor2" if acled.get("sub_event_type") in _FORCE_AS_ACTOR2 else "actor1"
    if not state_forces(event.get(agent)):
        return frozenset()
    status = event.get("status")
    if status == "negated":
        return frozenset({"FAIL"})
    if status not in _HAPPENED:
        return frozenset()
    plover = event.get("plover") or {}
    labels = {"ANY_ACTION"}
    fatalities, injuries = _count(event.get("fatalities")), _count(event.get("injuries"))
    if fatalities > 0:
        labels.add("KILL")
    if acled.get("sub_event_type") == "Arrests" or plover.get("mode") in _ARREST_MODES:
        labels.add("ARREST")
    if plover.get("type") == "ASSAULT" or fatalities > 0 or injuries > 0:
        labels.add("FORCE")
    return frozenset(labels)


def labels_of_record(record: Mapping[str, Any] | None) -> frozenset[str]:
    """The document labels of one coded article: the union over its events."""
    if not record or "error" in record:
        return frozenset()
    out: set[str] = set()
    for event in record.get("events") or ():
        out |= event_labels(event)
    return frozenset(out)


# --- the keyword search it must beat ---------------------------------------------------


@cache
def _keyword_patterns() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    police = re.compile(
        r"\b(?:" + "|".join(map(re.escape, word_list("police_keyword_nouns"))) + r")\b"
    )
    verbs: dict[str, list[str]] = {}
    for word, label in word_map("police_keyword_verbs").items():
        verbs.setdefault(label, []).append(re.escape(word))
    return police, {
        label: re.compile(r"\b(?:" + "|".join(found) + r")\b") for label, found in verbs.items()
    }


def keyword_labels(sentences: Iterable[str]) -> frozenset[str]:
    """A keyword search: a sentence that names the police ("police", "cops") has
    ANY_ACTION, and each label whose verbs it also contains ("killed", "arrested",
    "fired", "lathi-charged"). The document has the labels of its sentences."""
    police, verbs = _keyword_patterns()
    out: set[str] = set()
    for sentence in sentences:
        low = sentence.lower()
        if not police.search(low):
            continue
        out.add("ANY_ACTION")
        out.update(label for label, pattern in verbs.items() if pattern.search(low))
    return frozenset(out)


def keyword_document_labels(text: str) -> frozenset[str]:
    """The same search over the whole document at once: "police" anywhere and a label
    verb anywhere (the coarser reading of a keyword search)."""
    return keyword_labels([text])


# --- scores ---------------------------------------------------------------------------


@dataclass(slots=True)
class LabelCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class SystemScores:
    """Per-label counts of one system over one group of documents."""

    documents: int = 0
    labels: dict[str, LabelCounts] = field(
        default_factory=lambda: {label: LabelCounts() for label in (*LABELS, *REPORTED)}
    )

    def add(self, gold: frozenset[str], system: frozenset[str]) -> None:
        self.documents += 1
        for label, counts in self.labels.items():
            if label in gold and label in system:
                counts.tp += 1
            elif label in system:
                counts.fp += 1
            elif label in gold:
                counts.fn += 1

    @property
    def macro_f1(self) -> float:
        return sum(self.labels[label].f1 for label in LABELS) / len(LABELS)


SYSTEMS = ("coder", "keyword_sentence", "keyword_document")
_SYSTEM_TITLES = {
    "coder": "newscoder",
    "keyword_sentence": "keyword search (sentence: police word + label verb)",
    "keyword_document": "keyword search (document: police word + label verb)",
}


@dataclass(frozen=True, slots=True)
class Mistake:
    """A development-group document the coder labelled wrongly."""

    doc_id: int
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    gold_sentences: tuple[str, ...]  # the sentences that carry a missed label
    evidence: tuple[str, ...]  # the coded events behind a spurious label


@dataclass(slots=True)
class IndiaPoliceReport:
    path: str
    documents: int = 0
    failed: int = 0
    seconds: float = 0.0
    # group name ("all", "doc_id % 4 = 1", ...) -> system -> scores
    groups: dict[str, dict[str, SystemScores]] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def scores(self, group: str, system: str) -> SystemScores:
        return self.groups.setdefault(group, {s: SystemScores() for s in SYSTEMS})[system]

    def to_dict(self) -> dict[str, Any]:
        return report_to_dict(self)

    def render(self, console: Console) -> None:
        render_report(self, console)


def group_name(doc_id: int) -> str:
    return f"doc_id % {GROUPS} = {doc_id % GROUPS}"


def _describe(event: Mapping[str, Any], text: str) -> str:
    trigger = event.get("trigger") or {}
    actor = (event.get("actor1") or {}).get("name")
    start, end = trigger.get("start"), trigger.get("end")
    said = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
    plover = (event.get("plover") or {}).get("type")
    return f"{said!r} {plover} by {actor} (fatalities {event.get('fatalities')})"


def _mistake(doc: PoliceDoc, record: Record | None, system: frozenset[str]) -> Mistake | None:
    scored = (*LABELS, *REPORTED)
    missed = tuple(label for label in scored if label in doc.labels and label not in system)
    spurious = tuple(label for label in scored if label in system and label not in doc.labels)
    if not missed and not spurious:
        return None
    sentences = tuple(text.strip() for text, labels in doc.sentences if labels & set(missed))
    events = (record or {}).get("events") or ()
    evidence = tuple(_describe(e, doc.text) for e in events if event_labels(e) & set(spurious))
    return Mistake(doc.doc_id, missed, spurious, sentences, evidence)


def evaluate_india_police(
    path: str | Path,
    code_many: CodeMany,
    *,
    limit: int | None = None,
    errors: int = 5,
    progress: Progress | None = None,
) -> IndiaPoliceReport:
    """Code every document (publication date from the metadata) and score the labels
    its events imply, beside the keyword search."""
    docs = list(read_india_police(path))
    if limit is not None:
        docs = docs[:limit]
    report = IndiaPoliceReport(path=str(path))
    started = time.perf_counter()
    records = iter(code_many((d.text, d.published) for d in docs))
    for done, doc in enumerate(docs, start=1):
        record = next(records, None)
        if record is None or "error" in record:
            report.failed += 1
            if record is not None and len(report.failures) < 20:
                report.failures.append(f"{doc.doc_id}: {record['error']}")
        system = labels_of_record(record)
        answers = {
            "coder": system,
            "keyword_sentence": keyword_labels(text for text, _ in doc.sentences),
            "keyword_document": keyword_document_labels(doc.text),
        }
        for group in ("all", group_name(doc.doc_id)):
            for name, labels in answers.items():
                report.scores(group, name).add(doc.labels, labels)
        if doc.group == SHOWN_GROUP and len(report.mistakes) < errors:
            mistake = _mistake(doc, record, system)
            if mistake is not None:
                report.mistakes.append(mistake)
        if progress is not None:
            progress(done, len(docs))
    report.documents = len(docs)
    report.seconds = time.perf_counter() - started
    # "all" first, then the groups in order.
    report.groups = dict(sorted(report.groups.items(), key=lambda kv: (kv[0] != "all", kv[0])))
    return report


# --- output -----------------------------------------------------------------------------


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _scores_to_dict(scores: SystemScores) -> dict[str, Any]:
    return {
        "documents": scores.documents,
        "macro_f1": _round(scores.macro_f1),
        "labels": {
            label: {
                "precision": _round(c.precision),
                "recall": _round(c.recall),
                "f1": _round(c.f1),
                "support": c.support,
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
            }
            for label, c in scores.labels.items()
        },
    }


def report_to_dict(report: IndiaPoliceReport) -> dict[str, Any]:
    return {
        "kind": KIND,
        "path": report.path,
        "documents": report.documents,
        "failed": report.failed,
        "seconds": round(report.seconds, 3),
        "macro_over": list(LABELS),
        "groups": {
            group: {name: _scores_to_dict(s) for name, s in systems.items()}
            for group, systems in report.groups.items()
        },
        "mistakes": [
            {
                "doc_id": m.doc_id,
                "missed": list(m.missed),
                "spurious": list(m.spurious),
                "gold_sentences": list(m.gold_sentences),
                "evidence": list(m.evidence),
            }
            for m in report.mistakes
        ],
        "failures": report.failures,
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _group_table(group: str, systems: dict[str, SystemScores]) -> Table:
    coder = systems["coder"]
    table = Table(title=f"{group}: {coder.documents} documents", title_justify="left")
    for name in ("label", "support", "P", "R", "F1", "kw sent F1", "kw doc F1"):
        table.add_column(name, justify="left" if name == "label" else "right")
    for label in (*LABELS, *REPORTED):
        c = coder.labels[label]
        keyword = [_f(systems[name].labels[label].f1) for name in SYSTEMS[1:]]
        shown = label if label in LABELS else f"{label}*"
        table.add_row(shown, str(c.support), _f(c.precision), _f(c.recall), _f(c.f1), *keyword)
    macro = [_f(systems[name].macro_f1) for name in SYSTEMS[1:]]
    table.add_row("macro-F1", "", "", "", _f(coder.macro_f1), *macro, style="bold")
    return table


def render_report(report: IndiaPoliceReport, console: Console) -> None:
    console.print(
        f"[bold]IndiaPoliceEvents[/bold] {report.path}: {report.documents} documents, "
        f"{report.failed} failed, {report.seconds:.1f}s"
    )
    console.print("  P, R, F1: newscoder (labels its coded events imply); * not in the macro-F1")
    for name in SYSTEMS[1:]:
        short = "kw sent" if name == "keyword_sentence" else "kw doc"
        console.print(f"  {short}: {_SYSTEM_TITLES[name]}")
    for group, systems in report.groups.items():
        console.print(_group_table(group, systems))
    if report.mistakes:
        console.print(f"[bold]Mistakes in {group_name(SHOWN_GROUP)}[/bold] (other groups unshown)")
    for m in report.mistakes:
        console.print(
            f"doc {m.doc_id}: missed {', '.join(m.missed) or '—'}; "
            f"spurious {', '.join(m.spurious) or '—'}"
        )
        for sentence in m.gold_sentences[:4]:
            console.print(f"   gold: {sentence[:240]}", markup=False)
        for said in m.evidence[:4]:
            console.print(f"   coded: {said}", markup=False)
    for failure in report.failures:
        console.print(f"[red]failed[/red] {failure}")
