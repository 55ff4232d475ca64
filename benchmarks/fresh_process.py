"""Shared by the start-up benchmarks (kb_startup.py, gazetteer_load.py): run a probe
in a fresh Python process, as a user's first call sees it, and print the medians of
its timings over several runs."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(code: str, *args: str) -> dict:
    """Run ``code`` with ``args`` in a fresh interpreter; it prints one JSON object."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(out.stdout)


def print_medians(runs: list[dict]) -> None:
    """Each timing's median over ``runs``, with its minimum."""
    print(f"fresh process, median of {len(runs)} runs (seconds):")
    for key in runs[0]:
        values = sorted(r[key] for r in runs)
        print(f"  {key:16} {statistics.median(values):.4f}  (min {values[0]:.4f})")
