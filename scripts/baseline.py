"""The accuracy gate's baseline: regenerate it, or check the coder against it.

    python scripts/baseline.py update              # rewrite benchmarks/baseline/*.json
    python scripts/baseline.py update --sets benin,plover-gsr
    python scripts/baseline.py check               # every change, rule counts included
    python scripts/baseline.py check --tolerance 0 # a behaviour-preserving refactor

(``make baseline`` and ``make gate`` run the first and the third.) The sets are the
small dev subsets of ``newscoder.evaluate.gate.GATE_SETS``, read from
``$NEWSCODER_EVAL_DIR`` or ``../shared/eval`` next to the repository. A baseline
holds figures and rule counts only, never evaluation text (licences). Regenerate it
when a change is meant to move a figure, and say which in the commit; rule counts
move whenever rules are declared or reordered, the figures must not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console

from newscoder.evaluate.compare import (
    TOLERANCE,
    baseline_of,
    compare,
    load_baseline,
    render_comparison,
    save_baseline,
)
from newscoder.evaluate.gate import GATE_SETS, GateSet, default_eval_dir, gate_set, run_gate_set

ROOT = Path(__file__).resolve().parents[1]
BASELINE_DIR = ROOT / "benchmarks" / "baseline"


def _chosen(names: str | None) -> list[GateSet]:
    if not names:
        return list(GATE_SETS)
    return [gate_set(name.strip()) for name in names.split(",") if name.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("update", "check"))
    parser.add_argument("--sets", help="comma-separated set names (default: all)")
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir(ROOT))
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args(argv)
    from newscoder.nlp.pipeline import get_nlp

    console = Console()
    nlp = get_nlp(None)
    failed = []
    started = time.perf_counter()
    for entry in _chosen(args.sets):
        if not entry.path(args.eval_dir).exists():
            console.print(f"[yellow]skip {entry.name}[/yellow]: {entry.path(args.eval_dir)} absent")
            continue
        t0 = time.perf_counter()
        report = run_gate_set(entry, args.eval_dir, nlp).to_dict()
        target = BASELINE_DIR / f"{entry.name}.json"
        took = f"{report['documents']} documents in {time.perf_counter() - t0:.1f} s"
        if args.action == "update":
            save_baseline(baseline_of(report, source=entry.source, limit=entry.limit), target)
            console.print(f"{entry.name}: {took} → {target.relative_to(ROOT)}")
            continue
        comparison = compare(
            load_baseline(target), report, tolerance=args.tolerance, name=entry.name
        )
        console.rule(f"{entry.name}: {took}")
        render_comparison(comparison, console)
        if not comparison.ok:
            failed.append(entry.name)
    console.print(f"{time.perf_counter() - started:.0f} s in all")
    if failed:
        console.print(f"[red]gate failed on {', '.join(failed)}[/red]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
