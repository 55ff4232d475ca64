"""Start-up cost of the world actor knowledge base (newscoder.worldkb), measured, not asserted.

Each run is a fresh process, as a user sees it. Reported (medians over --runs):

- ``newscoder``: ``import newscoder`` alone (the package, before the knowledge base);
- ``worldkb import``: ``import newscoder.worldkb`` after that;
- ``first lookup``: the first ``lookup()`` (opens the block table, inflates one
  member of the rows and of the index, parses the supplement);
- ``first agent``: the first ``agent_type()`` (reads the agent tables);
- ``first classify``: the first ``classify()`` of a phrase;
- ``kb total``: the knowledge base's own cost, import plus the three first calls;
- then warm costs: look-ups per second and ``find_actors`` over the seed article.

    .venv/bin/python benchmarks/kb_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fresh_process import ROOT, print_medians, run

PROBE = r"""
import json, time
t0 = time.perf_counter()
import newscoder
t1 = time.perf_counter()
import newscoder.worldkb as kb
t2 = time.perf_counter()
kb.lookup("Taliban", "AF")
t3 = time.perf_counter()
kb.agent_type("militiamen", "BF")
t4 = time.perf_counter()
kb.classify("suspected Boko Haram insurgents", "NG")
t5 = time.perf_counter()
print(json.dumps({
    "newscoder": t1 - t0, "worldkb import": t2 - t1, "first lookup": t3 - t2,
    "first agent": t4 - t3, "first classify": t5 - t4, "kb total": t5 - t1,
}))
"""

WARM = r"""
import json, sys, time
import newscoder.worldkb as kb
names = ["Taliban", "ADF", "al-Shabaab", "Boko Haram", "PMF", "Hamid Karzai", "Tatmadaw",
         "Wagner", "M23", "United Nations", "Zzyzx Brigade", "ANSF"]
kb.lookup("warm-up")
n = 0
t = time.perf_counter()
while time.perf_counter() - t < 1.0:
    for name in names:
        kb.lookup(name, "NG")
        n += 1
lookups = n / (time.perf_counter() - t)
text = open(sys.argv[1], encoding="utf-8").read()
kb.find_actors(text)
t = time.perf_counter()
for _ in range(20):
    found = kb.find_actors(text)
per_article = (time.perf_counter() - t) / 20
print(json.dumps({"lookups per second": lookups, "find_actors ms per article": per_article * 1000,
                  "article words": len(text.split()), "names found": len(found)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = [run(PROBE) for _ in range(args.runs)]
    print_medians(runs)
    seed = ROOT / "examples" / "kabul-embassy.txt"
    warm = run(WARM, str(seed))
    print("warm:")
    for key, value in warm.items():
        print(f"  {key:28} {value:,.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
