"""Corpus scale: worker speed-up and peak memory of `newscoder run`.

    .venv/bin/python benchmarks/scale.py workers [--articles 600]
    .venv/bin/python benchmarks/scale.py memory [--sizes 1000 20000]

``workers`` times `newscoder run --workers 1` and `--workers 2` on the same
corpus (fresh store each, model loading included) and prints the speed-up.
``memory`` runs `newscoder run` (one worker) on corpora of each size and
prints the peak resident memory of its whole process tree: flat memory means
the peak does not grow with the corpus. (Runs over 4,000 articles code in a
worker process that is replaced every 4,000 articles; smaller ones in the job's
own process.)

The corpus is generated from the public-domain statements in
examples/public-sector-statements.jsonl: each article is two to four of their
paragraphs, drawn with a fixed seed, under a new id (a report of a size
between a wire brief and a short story; no two articles share their text).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ROOT / "examples" / "public-sector-statements.jsonl"


def make_corpus(path: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` articles to ``path``; return their word count."""
    paragraphs = []
    for line in STATEMENTS.read_text("utf-8").splitlines():
        text = json.loads(line)["text"]
        paragraphs += [p.strip() for p in text.split("\n") if len(p.split()) >= 12]
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body = "\n\n".join(rng.sample(paragraphs, rng.randint(2, 4)))
            words += len(body.split())
            record = {"id": f"gen-{i:06d}", "text": body, "published": "2017-06-01"}
            out.write(json.dumps(record) + "\n")
    return words


def _newscoder() -> str:
    return str(Path(sys.executable).parent / "newscoder")


def _run(corpus: Path, db: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one `newscoder run`: the largest sum
    over its whole process tree (the job, the fork server, the workers), sampled
    twice a second from /proc (workers are grandchildren: getrusage misses them)."""
    cmd = [_newscoder(), "run", str(corpus), "--db", str(db), "--no-progress", "--no-link",
           "--workers", str(workers)]  # fmt: skip
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.5)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newscoder run failed ({proc.returncode})")
    return time.perf_counter() - began, peak


def _tree_rss(root: int) -> int:
    """Resident KiB of ``root`` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(entry.name)] = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree)


def workers(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = make_corpus(corpus, args.articles)
        times: dict[int, list[float]] = {1: [], 2: []}
        for run in range(args.runs):
            for n in (1, 2):
                seconds, _ = _run(corpus, Path(tmp) / f"w{n}-{run}.sqlite", n)
                times[n].append(seconds)
    one, two = sorted(times[1])[len(times[1]) // 2], sorted(times[2])[len(times[2]) // 2]
    print(f"articles {args.articles}, words {words:,}, runs {args.runs} (median)")
    print(f"--workers 1  {one:7.1f} s  ({args.articles / one:.1f} articles/s)")
    print(f"--workers 2  {two:7.1f} s  ({args.articles / two:.1f} articles/s)")
    print(f"speed-up 2 workers / 1 worker: {one / two:.2f}x")


def memory(args: argparse.Namespace) -> None:
    # Each size runs in its own interpreter so ru_maxrss is that run's own peak.
    for size in args.sizes:
        code = (
            "import sys, pathlib, tempfile; sys.path.insert(0, sys.argv[1]);"
            "import scale;"
            "tmp = pathlib.Path(tempfile.mkdtemp());"
            "c = tmp / 'c.jsonl'; words = scale.make_corpus(c, int(sys.argv[2]));"
            "s, rss = scale._run(c, tmp / 'm.sqlite', 1);"
            "print(f'articles {sys.argv[2]:>6}  words {words:>10,}  {s:8.1f} s  "
            "peak RSS {rss / 1024:7.1f} MiB')"
        )
        subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(size)],
                       check=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    w = sub.add_parser("workers")
    w.add_argument("--articles", type=int, default=600)
    w.add_argument("--runs", type=int, default=1)
    m = sub.add_parser("memory")
    m.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    args = parser.parse_args()
    {"workers": workers, "memory": memory}[args.what](args)


if __name__ == "__main__":
    main()
