"""Load time of the offline gazetteer (newscoder.resolve.gazetteer), measured, not asserted.

Each run is a fresh process, as a user's first look-up sees it. Reported (medians
over --runs, with the minimum):

- ``import``: ``import newscoder.resolve.gazetteer``;
- ``load``: ``Gazetteer.load()`` (countries, admin1 units, the 70k-town lines and
  their prebuilt name index);
- ``first districts``: the first look-up that reads the district table;
- ``first village``: the first small-place look-up in one country;
- ``villages, 23 more``: a look-up in each of the 23 other countries whose small
  places the throughput benchmark's statements read (``benchmarks/throughput.py``).

The unit test (tests/test_places.py) checks what makes ``load`` quick without a
clock: the town index is read, not built, and nothing lazy is read at load.

    .venv/bin/python benchmarks/gazetteer_load.py [--runs 7]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fresh_process import print_medians, run

PROBE = r"""
import json, time
t0 = time.perf_counter()
from newscoder.resolve.gazetteer import Gazetteer
t1 = time.perf_counter()
gaz = Gazetteer.load()
t2 = time.perf_counter()
gaz.admin2("Barisal")
t3 = time.perf_counter()
gaz.small_places("Dutsin-Ma", "NG")
t4 = time.perf_counter()
for country in "SY US IQ JO AU KW TR FR GB YE CM SA AT DE RU LB IT IR UA BY TN MM UZ".split():
    gaz.small_places("Springfield", country)
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "first districts": t3 - t2,
                  "first village": t4 - t3, "villages, 23 more": t5 - t4}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = [run(PROBE) for _ in range(args.runs)]
    print_medians(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
