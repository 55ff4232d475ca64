"""Long documents: seconds and peak memory of coding one document of N characters.

The documents are built at run time from the public-domain statements in
../shared/corpora (press releases, US Government works): their texts joined
by blank lines, in order, starting over when the corpus runs out, cut at the
last paragraph that fits. Each size runs in a fresh process (model loading
included in neither figure: the child loads the model, then times the coding);
the peak memory is the child's maximum resident set size.

    .venv/bin/python benchmarks/long_document.py [--sizes 25000 100000 300000] [--runs 3]
    .venv/bin/python benchmarks/long_document.py --write 100000 > long.txt
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# the shared folder beside the checkout (../shared), as the README sets it up
CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/public-sector-statements.jsonl"
SIZES = (25_000, 100_000, 300_000)

CHILD = """
import json, resource, sys, time
import newscoder
from newscoder.nlp.pipeline import get_nlp
text = open(sys.argv[1], encoding="utf-8").read()
get_nlp()
began = time.perf_counter()
result = newscoder.code(text)
seconds = time.perf_counter() - began
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "events": len(result.events),
                  "quotes": len(result.quotes)}))
"""


def build(chars: int, corpus: Path = CORPUS) -> str:
    """A document of at most ``chars`` characters: the corpus texts joined by
    blank lines, repeated as often as needed, cut at a paragraph boundary."""
    texts = [json.loads(line)["text"].strip() for line in corpus.open(encoding="utf-8")]
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    i = 0
    while True:
        para = paragraphs[i % len(paragraphs)]
        added = len(para) + (2 if out else 0)
        if size + added > chars:
            break
        out.append(para)
        size += added
        i += 1
    return "\n\n".join(out)


def _measure(text: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as fh:
        fh.write(text)
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, fh.name], check=True, capture_output=True, text=True
        )
    finally:
        Path(fh.name).unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=1, help="median of this many runs")
    parser.add_argument("--write", type=int, metavar="CHARS", help="print one document and exit")
    args = parser.parse_args()
    if args.write:
        sys.stdout.write(build(args.write))
        return
    print(f"{'chars':>9} {'seconds':>8} {'peak MB':>8} {'events':>6} {'quotes':>6}")
    for size in args.sizes:
        text = build(size)
        runs = [_measure(text) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        last = runs[-1]
        print(
            f"{len(text):>9} {seconds:>8.1f} {peak:>8.0f} {last['events']:>6.0f} "
            f"{last['quotes']:>6.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
