"""The measured gate: an eval report compared with a saved baseline.

A baseline is an eval report (``EvalReport.to_dict()``) cut down to its figures and
rule counts: the worst cases, failures and skipped rows are dropped because they
quote the gold notes, which the data's licences keep out of the repository.
:func:`compare` lines up every gated figure (an accuracy, a coverage, an F1; all
higher-is-better, on a 0-1 scale) and every rule count, and marks a figure that
fell more than ``tolerance`` below the baseline. Rule counts are information: a
refactor may move them; the figures must not move.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newscoder import __version__
from newscoder.errors import UsageError

TOLERANCE = 0.005
BASELINE_FORMAT = 1


class BaselineError(UsageError):
    code = "E503"
    fix = (
        "Give --compare a file written by `newscoder eval ... --save-baseline FILE`, made "
        "on the same gold data with the same --limit."
    )


# --- figures ----------------------------------------------------------------------


def _accuracy(section: dict[str, Any], key: str) -> float | None:
    value = section.get(key)
    return value.get("accuracy") if isinstance(value, dict) else None


def figures(report: dict[str, Any]) -> dict[str, float | None]:
    """The gated figures of a report (or baseline) dict, by a readable name."""
    out: dict[str, float | None] = {}
    acled = report.get("acled")
    if isinstance(acled, dict):
        out["acled: coverage"] = acled.get("coverage")
        out["acled: event type"] = _accuracy(acled, "event_type")
        out["acled: macro-F1"] = acled.get("macro_f1")
        for name, score in (acled.get("fields") or {}).items():
            out[f"acled: {name}"] = score.get("accuracy")
        distance = acled.get("distance") or {}
        for key, value in distance.items():
            if key.startswith("within_"):
                out[f"acled: within {key.removeprefix('within_').removesuffix('km')} km"] = value
    plover = report.get("plover")
    if isinstance(plover, dict):
        out["plover: coverage"] = plover.get("coverage")
        out["plover: type"] = _accuracy(plover, "event_type")
        out["plover: mode"] = _accuracy(plover, "mode")
        out["plover: macro-F1"] = plover.get("macro_f1")
    for section in ("quotes", "indirect"):
        counts = report.get(section)
        if isinstance(counts, dict):
            for key in ("precision", "recall", "f1", "speaker_accuracy", "cue_accuracy"):
                out[f"{section}: {key.replace('_', ' ')}"] = counts.get(key)
    return out


# --- baselines --------------------------------------------------------------------


def baseline_of(
    report: dict[str, Any], *, source: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """The baseline for a report dict: figures and rule counts, no evaluation text.

    ``source`` names the gold data (a path relative to the eval folder, so the file
    reads the same on every machine); ``limit`` is the ``--limit`` the run used.
    """
    out: dict[str, Any] = {
        "baseline": BASELINE_FORMAT,
        "source": source if source is not None else Path(str(report.get("path", ""))).name,
        "limit": limit,
        "newscoder": __version__,
        "made": dt.date.today().isoformat(),
    }
    # Only the report keys that hold no evaluation text (worst cases, failures and
    # skipped rows quote the notes; path and seconds differ between machines).
    kept = ("kind", "documents", "failed", "acled", "plover", "quotes", "indirect")
    out.update({key: report[key] for key in (*kept, "rule_counts") if key in report})
    return out


def save_baseline(baseline: dict[str, Any], path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(baseline, indent=1, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline {path}: {exc}") from exc


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline {path}: {exc}") from exc
    except ValueError as exc:
        raise BaselineError(f"{path} is not JSON: {exc}") from exc
    if not isinstance(data, dict) or "kind" not in data or "documents" not in data:
        raise BaselineError(f"{path} is not an eval baseline (no kind or documents).")
    return data


# --- comparing --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    before: float | None
    after: float | None
    dropped: bool  # fell more than the tolerance (or lost its value)

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class RuleChange:
    id: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(slots=True)
class Comparison:
    baseline: str
    tolerance: float
    fields: list[FieldChange]
    rules: list[RuleChange]  # rules whose count moved, largest move first
    documents: tuple[int, int]
    rules_before: int = 0
    rules_after: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def regressions(self) -> list[FieldChange]:
        return [f for f in self.fields if f.dropped]

    @property
    def ok(self) -> bool:
        return not self.regressions

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "tolerance": self.tolerance,
            "ok": self.ok,
            "documents": {"before": self.documents[0], "after": self.documents[1]},
            "fields": [
                {
                    "field": f.name,
                    "before": f.before,
                    "after": f.after,
                    "delta": None if f.delta is None else round(f.delta, 4),
                    "dropped": f.dropped,
                }
                for f in self.fields
            ],
            "rules": [
                {"id": r.id, "before": r.before, "after": r.after, "delta": r.delta}
                for r in self.rules
            ],
            "notes": self.notes,
        }


def compare(
    baseline: dict[str, Any],
    current: dict[str, Any],
    *,
    tolerance: float = TOLERANCE,
    name: str = "baseline",
) -> Comparison:
    """Line up ``current`` (a report dict) against ``baseline``.

    Raises BaselineError when the two did not score the same kind of gold data or
    the same number of documents: their figures would not be comparable.
    """
    if baseline.get("kind") != current.get("kind"):
        raise BaselineError(
            f"{name} scores {baseline.get('kind')} gold data, this run {current.get('kind')}."
        )
    docs = (int(baseline.get("documents") or 0), int(current.get("documents") or 0))
    if docs[0] != docs[1]:
        limit = baseline.get("limit")
        raise BaselineError(
            f"{name} scored {docs[0]} documents, this run {docs[1]}: not comparable.",
            fix=f"Run with --limit {limit}." if limit else "Run on the same gold data.",
        )
    before, after = figures(baseline), figures(current)
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(key), after.get(key)
        dropped = b is not None and (a is None or b - a > tolerance + 1e-9)
        changes.append(FieldChange(key, b, a, dropped))
    counts_before: dict[str, int] = baseline.get("rule_counts") or {}
    counts_after: dict[str, int] = current.get("rule_counts") or {}
    moved = [
        RuleChange(rid, counts_before.get(rid, 0), counts_after.get(rid, 0))
        for rid in sorted(set(counts_before) | set(counts_after))
        if counts_before.get(rid, 0) != counts_after.get(rid, 0)
    ]
    moved.sort(key=lambda r: (-abs(r.delta), r.id))
    notes = []
    if baseline.get("failed") != current.get("failed"):
        notes.append(f"failed documents: {baseline.get('failed')} → {current.get('failed')}")
    return Comparison(
        baseline=name,
        tolerance=tolerance,
        fields=changes,
        rules=moved,
        documents=docs,
        rules_before=len(counts_before),
        rules_after=len(counts_after),
        notes=notes,
    )


# --- showing ----------------------------------------------------------------------


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def _delta(change: FieldChange) -> Text:
    if change.dropped:
        shown = "lost" if change.delta is None else f"{change.delta:+.4f}"
        return Text(f"{shown} ✗", style="bold red")
    if change.delta is None or abs(change.delta) < 1e-9:
        return Text("=" if change.delta is not None else "", style="dim")
    return Text(f"{change.delta:+.4f}", style="green" if change.delta > 0 else "yellow")


def render_comparison(comparison: Comparison, console: Console, *, top: int = 15) -> None:
    c = comparison
    table = Table(
        title=f"versus {c.baseline} ({c.documents[1]} documents)",
        title_justify="left",
        caption=f"✗: dropped more than {c.tolerance:g}",
        caption_justify="left",
    )
    for name, justify in (("field", "left"), ("baseline", "right"), ("now", "right"),
                          ("change", "right")):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in c.fields:
        table.add_row(Text(f.name), _figure(f.before), _figure(f.after), _delta(f))
    console.print(table)
    if c.rules:
        from newscoder.registry import all_rules

        names = {r.id: r.name for r in all_rules()}
        title = f"rules that fired more or less ({len(c.rules)} moved)"
        rules = Table(title=title, title_justify="left")
        for name in ("rule", "name", "baseline", "now", "change"):
            rules.add_column(name, justify="left" if name in {"rule", "name"} else "right")
        for r in c.rules[:top]:
            rules.add_row(
                r.id, names.get(r.id, "?"), f"{r.before:,}", f"{r.after:,}", f"{r.delta:+,}"
            )
        console.print(rules)
    else:
        console.print(
            f"rule counts unchanged ({c.rules_after} rules fired)"
            if c.rules_after
            else "no rule fired in either run"
        )
    for note in c.notes:
        console.print(Text(note, style="yellow"))
    if c.ok:
        console.print(Text(f"gate passed: no field dropped more than {c.tolerance:g}", "green"))
    else:
        names = ", ".join(f.name for f in c.regressions)
        console.print(
            Text(f"gate FAILED: {len(c.regressions)} fields dropped: {names}", "bold red")
        )
