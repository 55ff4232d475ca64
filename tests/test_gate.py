"""The accuracy gate: the dev subsets scored in process against benchmarks/baseline/.

A change that lowers any field by more than the tolerance on any subset fails here.
The development data is not in the repository (licences); CI clones the repository
next to ``shared/eval``, and ``NEWSCODER_EVAL_DIR`` points elsewhere. Where the
data is absent the gate skips with a message. When a change is *meant* to move a
figure, regenerate the baseline (``make baseline``) and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscoder.evaluate.compare import (
    TOLERANCE,
    baseline_of,
    compare,
    figures,
    load_baseline,
)
from newscoder.evaluate.gate import GATE_SETS, GateSet, default_eval_dir, run_gate_set

ROOT = Path(__file__).resolve().parents[1]
BASELINE_DIR = ROOT / "benchmarks" / "baseline"
EVAL_DIR = default_eval_dir(ROOT)
# Keys a baseline may hold: figures, counts and labels, never a gold note or a text.
_BASELINE_KEYS = {"baseline", "source", "limit", "newscoder", "made", "kind", "documents",
                  "failed", "acled", "plover", "quotes", "indirect", "rule_counts"}  # fmt: skip


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [*value.keys(), *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("entry", GATE_SETS, ids=[s.name for s in GATE_SETS])
def test_every_gate_set_has_its_baseline(entry: GateSet) -> None:
    baseline = load_baseline(BASELINE_DIR / f"{entry.name}.json")
    assert baseline["source"] == entry.source and baseline["limit"] == entry.limit
    assert baseline["kind"] == entry.kind
    assert any(v is not None for v in figures(baseline).values())


def test_baselines_hold_no_evaluation_text() -> None:
    files = sorted(BASELINE_DIR.glob("*.json"))
    assert {f.stem for f in files} == {s.name for s in GATE_SETS}
    for file in files:
        data = json.loads(file.read_text("utf-8"))
        assert set(data) <= _BASELINE_KEYS, (file.name, set(data) - _BASELINE_KEYS)
        # Labels, field names, dates and short score notes only: no sentence of a note.
        long = [s for s in _strings(data) if len(s) > 80]
        assert not long, (file.name, long[:2])


def test_baseline_of_drops_the_text() -> None:
    report = {
        "kind": "acled", "path": "/somewhere/benin.csv", "documents": 2, "failed": 0,
        "seconds": 1.0, "acled": {"coverage": 1.0}, "rule_counts": {"EV010": 3},
        "worst": [{"text": "On 3 May gunmen ..."}], "skipped": ["row 7: no date"],
        "failures": ["gold-1: boom"],
    }  # fmt: skip
    baseline = baseline_of(report, source="acled-dev/benin.csv", limit=2)
    assert not {"worst", "skipped", "failures", "path", "seconds"} & set(baseline)
    assert baseline["rule_counts"] == {"EV010": 3} and baseline["limit"] == 2


@pytest.mark.parametrize("entry", GATE_SETS, ids=[s.name for s in GATE_SETS])
def test_accuracy_gate(entry: GateSet, nlp) -> None:
    path = entry.path(EVAL_DIR)
    if not path.exists():
        pytest.skip(
            f"accuracy gate skipped: {path} is absent (CI has ../shared/eval; "
            "set NEWSCODER_EVAL_DIR to run it elsewhere)"
        )
    baseline = load_baseline(BASELINE_DIR / f"{entry.name}.json")
    report = run_gate_set(entry, EVAL_DIR, nlp)
    comparison = compare(baseline, report.to_dict(), tolerance=TOLERANCE, name=entry.name)
    drops = [
        f"{f.name}: {f.before} -> {f.after}" for f in comparison.regressions
    ]  # what fell, for the failure message
    assert comparison.ok, (
        f"{entry.name}: {len(drops)} fields dropped more than {TOLERANCE} below "
        f"benchmarks/baseline/{entry.name}.json: {drops}. Run `make gate` for every change "
        "and the rules that fired more or less; if the change is intended, `make baseline`."
    )
