"""Turn an :class:`EvalReport` into JSON-ready dicts (``--json``) and rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newscoder.evaluate.metrics import (
    AcledScores,
    ClassScore,
    Confusion,
    DistanceScore,
    PloverScores,
    QuoteCounts,
    Score,
)

if TYPE_CHECKING:
    from newscoder.evaluate.report import Case, EvalReport


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


# --- JSON -------------------------------------------------------------------------


def score_to_dict(score: Score) -> dict[str, Any]:
    return {
        "accuracy": _round(score.accuracy),
        "correct": score.correct,
        "total": score.total,
        "answered": score.answered,
        **({"note": score.note} if score.note else {}),
    }


def _classes_to_dict(classes: tuple[ClassScore, ...]) -> dict[str, Any]:
    return {
        c.label: {
            "precision": _round(c.precision),
            "recall": _round(c.recall),
            "f1": _round(c.f1),
            "support": c.support,
        }
        for c in classes
    }


def confusion_to_dict(table: Confusion) -> dict[str, dict[str, int]]:
    """{gold label: {system label: count}}, zero cells left out."""
    return {
        gold: {system: n for system, n in zip(table.system_labels, row, strict=True) if n}
        for gold, row in zip(table.gold_labels, table.counts, strict=True)
        if any(row)
    }


def _distance_to_dict(d: DistanceScore) -> dict[str, Any]:
    return {
        "rows": d.total,
        "located": d.located,
        "misses": d.misses,
        "median_km": _round(d.median_km, 2),
        f"within_{d.threshold_km:g}km": _round(d.share_within),
    }


def _acled_to_dict(a: AcledScores) -> dict[str, Any]:
    return {
        "rows": a.rows,
        "coverage": _round(a.coverage),
        "event_type": score_to_dict(a.event_type),
        "macro_f1": _round(a.macro_f1),
        "per_class": _classes_to_dict(a.per_class),
        "confusion": confusion_to_dict(a.confusion),
        "fields": {s.name: score_to_dict(s) for s in a.fields},
        "distance": _distance_to_dict(a.distance),
    }


def _plover_to_dict(p: PloverScores) -> dict[str, Any]:
    return {
        "rows": p.rows,
        "coverage": _round(p.coverage),
        "event_type": score_to_dict(p.event_type),
        "mode": score_to_dict(p.mode),
        "macro_f1": _round(p.macro_f1),
        "per_class": _classes_to_dict(p.per_class),
        "confusion": confusion_to_dict(p.confusion),
    }


def quotes_to_dict(q: QuoteCounts) -> dict[str, Any]:
    return {
        "precision": _round(q.precision),
        "recall": _round(q.recall),
        "f1": _round(q.f1),
        "gold": q.gold,
        "system": q.system,
        "system_matched": q.system_matched,
        "gold_matched": q.gold_matched,
        "speaker_accuracy": _round(q.speaker_accuracy),
        "speaker_total": q.speaker_total,
        "cue_accuracy": _round(q.cue_accuracy),
        "cue_total": q.cue_total,
    }


def _case_to_dict(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "badness": case.badness,
        "text": case.text,
        "evidence": case.evidence,
        "fields": [
            {"field": r.field, "gold": r.gold, "system": r.system, "ok": r.ok} for r in case.rows
        ],
    }


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": report.kind,
        "path": report.path,
        "documents": report.documents,
        "failed": report.failed,
        "seconds": round(report.seconds, 3),
    }
    if report.acled is not None:
        out["acled"] = _acled_to_dict(report.acled)
    if report.plover is not None:
        out["plover"] = _plover_to_dict(report.plover)
    if report.quotes is not None:
        out["quotes"] = quotes_to_dict(report.quotes)
    if report.indirect is not None:
        out["indirect"] = quotes_to_dict(report.indirect)
    out["worst"] = [_case_to_dict(c) for c in report.worst]
    out["skipped"] = report.skipped
    out["failures"] = report.failures
    out["rule_counts"] = dict(report.rule_counts)
    return out


# --- rich ---------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _fields_table(title: str, scores: list[Score]) -> Table:
    table = Table(title=title, title_justify="left")
    for name, justify in (("field", "left"), ("accuracy", "right"), ("correct", "right"),
                          ("rows", "right"), ("answered", "right"), ("note", "left")):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in scores:
        table.add_row(s.name, _pct(s.accuracy), str(s.correct), str(s.total), str(s.answered),
                      s.note)  # fmt: skip
    return table


def _classes_table(classes: tuple[ClassScore, ...], macro: float | None) -> Table:
    table = Table(title=f"Per class (macro-F1 {_pct(macro)})", title_justify="left")
    for name in ("class", "precision", "recall", "F1", "support"):
        table.add_column(name, justify="left" if name == "class" else "right")
    for c in classes:
        table.add_row(Text(c.label), _pct(c.precision), _pct(c.recall), _pct(c.f1), str(c.support))
    return table


def _short(label: str) -> str:
    return {"Explosions/Remote violence": "Explos./Remote", "Violence against civilians":
            "VAC", "Strategic developments": "Strat. dev."}.get(label, label)  # fmt: skip


def _confusion_table(table: Confusion) -> Table:
    out = Table(title="Confusion (rows gold, columns system)", title_justify="left")
    out.add_column("gold \\ system")
    used = [j for j in range(len(table.system_labels)) if any(r[j] for r in table.counts)]
    for j in used:
        out.add_column(_short(table.system_labels[j]), justify="right")
    for gold, row in zip(table.gold_labels, table.counts, strict=True):
        if not any(row):
            continue
        cells = []
        for j in used:
            n = row[j]
            hit = table.system_labels[j] == gold or (
                "|" in gold and table.system_labels[j] in gold.split("|")
            )
            cells.append(Text(str(n) if n else "·", style="bold green" if hit and n else ""))
        out.add_row(Text(_short(gold)), *cells)
    return out


def _quotes_table(report: EvalReport) -> Table:
    table = Table(title="Attributions (PolNeAR)", title_justify="left")
    for name in ("class", "precision", "recall", "F1", "gold", "system", "speaker", "cue"):
        table.add_column(name, justify="left" if name == "class" else "right")
    for label, q in (("quotes (direct/partial)", report.quotes), ("indirect", report.indirect)):
        if q is None:
            continue
        table.add_row(label, _pct(q.precision), _pct(q.recall), _pct(q.f1), str(q.gold),
                      str(q.system), f"{_pct(q.speaker_accuracy)} of {q.speaker_total}",
                      f"{_pct(q.cue_accuracy)} of {q.cue_total}")  # fmt: skip
    return table


def _case_table(case: Case) -> Table:
    # Gold data is the user's: its ids, texts and values are shown as plain text, never markup.
    table = Table(title=Text(f"{case.id} (badness {case.badness:g})"), title_justify="left",
                  caption=Text(case.text), caption_justify="left")  # fmt: skip
    table.add_column("field")
    table.add_column("gold")
    table.add_column("system")
    table.add_column("", justify="center")
    for r in case.rows:
        table.add_row(
            r.field, Text(r.gold), Text(r.system), Text("✓", "green") if r.ok else Text("✗", "red")
        )
    if case.evidence:
        table.add_row("evidence", "", Text(case.evidence, style="italic"), "")
    return table


def _rules_line(counts: dict[str, int], top: int = 8) -> Text:
    """ "rules fired: 41 rules, 5,210 times; most: EV010 ×812, ..." (ids from the registry)."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    most = ", ".join(f"{rid} ×{n:,}" for rid, n in ranked[:top])
    return Text(
        f"rules fired: {len(counts)} rules, {sum(counts.values()):,} times; most: {most}"
        " (newscoder rules ID explains one)"
    )


def render_report(report: EvalReport, console: Console) -> None:
    rate = report.documents / report.seconds if report.seconds else 0.0
    console.print(
        f"[bold]newscoder eval[/bold] {report.kind} · {escape(str(report.path))}"
        f" · {report.documents} documents"
        f" · {report.failed} failed · {report.seconds:.1f}s ({rate:.1f} docs/s)"
    )
    if report.acled is not None:
        a = report.acled
        d = a.distance
        console.print(
            f"coverage {_pct(a.coverage)} ({a.predicted}/{a.rows} rows got an ACLED event) · "
            f"distance: median {d.median_km if d.median_km is None else round(d.median_km, 1)} km,"
            f" {_pct(d.share_within)} within {d.threshold_km:g} km, {d.misses} of {d.total}"
            " without coordinates"
        )
        console.print(_fields_table("ACLED fields", [a.event_type, *a.fields]))
        console.print(_classes_table(a.per_class, a.macro_f1))
        console.print(_confusion_table(a.confusion))
    if report.plover is not None:
        p = report.plover
        console.print(f"coverage {_pct(p.coverage)} ({p.predicted}/{p.rows} with a PLOVER event)")
        console.print(_fields_table("PLOVER", [p.event_type, p.mode]))
        console.print(_classes_table(p.per_class, p.macro_f1))
    if report.quotes is not None:
        console.print(_quotes_table(report))
    if report.rule_counts:
        console.print(_rules_line(report.rule_counts))
    if report.worst:
        console.print(f"[bold]{len(report.worst)} worst cases[/bold]")
        for case in report.worst:
            console.print(_case_table(case))
    if report.skipped:
        console.print(f"[yellow]{len(report.skipped)} gold rows skipped[/yellow], first: "
                      f"{escape(str(report.skipped[0]))}")  # fmt: skip
    if report.failures:
        console.print(
            f"[red]{report.failed} documents failed[/red], first: {escape(str(report.failures[0]))}"
        )
