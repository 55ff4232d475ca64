"""Check that a speed change leaves the coded output byte-identical.

Runs ``newscoder code`` from two source trees (the old one, e.g. a checkout of
main, and the new one) on the same inputs, in fresh processes with the same
interpreter, and compares the JSONL output byte for byte. The inputs are the
seed article, the public-sector statements and long documents built at run
time from the public-domain corpus (see ``long_document.py``).

    .venv/bin/python benchmarks/same_output.py --old /work/main/src --new src \
        [--long 25000 100000 300000] [--keep DIR]

Exit status 1 when any output differs (the first differing line is printed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from long_document import build

ROOT = Path(__file__).resolve().parents[1]
INPUTS = (ROOT / "examples/kabul-embassy.txt", ROOT / "examples/public-sector-statements.jsonl")


def _code(src: Path, input_path: Path, output: Path) -> None:
    """Output of ``newscoder code`` run from the source tree ``src``; an existing
    output is reused (the old side need not be re-run while the new one changes)."""
    if output.exists():
        return
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "newscoder", "code", str(input_path), "-o", str(output)]
    subprocess.run(cmd, check=True, env=env, capture_output=True)


def _first_difference(a: Path, b: Path) -> str | None:
    old, new = a.read_bytes(), b.read_bytes()
    if old == new:
        return None
    for n, (x, y) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), 1):
        if x != y:
            same = (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q)
            at = next(same, min(len(x), len(y)))
            lo = max(0, at - 80)
            return f"line {n}, byte {at}: {x[lo : at + 80]!r} != {y[lo : at + 80]!r}"
    return f"{len(old.splitlines())} lines != {len(new.splitlines())} lines"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, required=True, help="source tree of the old code")
    parser.add_argument("--new", type=Path, default=ROOT / "src", help="source tree, new code")
    parser.add_argument("--long", type=int, nargs="*", default=[25_000, 100_000, 300_000])
    parser.add_argument("--keep", type=Path, help="keep outputs here (old ones are reused)")
    parser.add_argument("--old-only", action="store_true", help="only make the old outputs")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="same_output-"))
    work.mkdir(parents=True, exist_ok=True)
    inputs = list(INPUTS)
    for size in args.long:
        path = work / f"long-{size}.txt"
        path.write_text(build(size), encoding="utf-8")
        inputs.append(path)
    failed = False
    for path in inputs:
        old, new = work / f"{path.stem}.old.jsonl", work / f"{path.stem}.new.jsonl"
        new.unlink(missing_ok=True)
        _code(args.old.resolve(), path, old)
        if args.old_only:
            continue
        _code(args.new.resolve(), path, new)
        diff = _first_difference(old, new)
        print(f"{path.name}: {'identical' if diff is None else 'DIFFERS ' + diff}", flush=True)
        failed |= diff is not None
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
