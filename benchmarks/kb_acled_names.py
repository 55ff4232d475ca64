"""How the world knowledge base types ACLED's own actor names (a check of the KB, not the coder).

For every actor1/actor2 of an ACLED CSV (the current schema, with inter codes),
the name without ACLED's decorations ("JNIM: Group for Support of Islam and
Muslims" -> "Group for Support of Islam and Muslims", "Police Forces of India
(2014-)" -> "Police Forces of India") goes through ``worldkb.classify`` with the
event's country and date; the type is compared with ACLED's inter code.

Reported per half of the countries (A-M, N-Z): coverage (share of actor
mentions given a type) and agreement (share of typed ones that match). Errors
are printed only for A-M: the N-Z half is kept for checking that a change
generalises (the issue's rule: read errors on A-M, report N-Z).

ACLED's names are tidier than news text and the supplement's types were
checked against ACLED's practice in A-M countries, so these figures are an
upper bound of what the coder will see, not its accuracy.

    .venv/bin/python benchmarks/kb_acled_names.py [CSV] [--errors N]
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import re
from functools import cache
from pathlib import Path

import pycountry

from newscoder import worldkb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "acled-dev" / "global-2022-h1.csv"
INTER = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
_DECORATION = re.compile(r"\s*\((?:\d{4}-(?:\d{4})?|[^()]*)\)\s*$")


@cache
def iso2(country: str) -> str | None:
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(country)[0].alpha_2
        except LookupError:
            return None


def plain_name(actor: str) -> str:
    """ACLED's actor name without its acronym prefix and its bracketed suffix."""
    head, sep, rest = actor.partition(": ")
    name = rest if sep and len(head) <= 12 else actor
    return _DECORATION.sub("", name).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest A-M errors")
    args = parser.parse_args()
    if not args.csv.is_file():
        parser.error(f"no ACLED CSV at {args.csv}")
    stats = {half: collections.Counter() for half in ("A-M", "N-Z")}
    errors: collections.Counter[tuple[str, str, str, str]] = collections.Counter()
    with args.csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            half = "A-M" if row["country"][:1].upper() <= "M" else "N-Z"
            country = iso2(row["country"])
            day = dt.datetime.strptime(row["event_date"], "%d %B %Y").date()
            for actor, inter in ((row["actor1"], row["inter1"]), (row["actor2"], row["inter2"])):
                if not actor or actor == "NA" or inter not in INTER:
                    continue
                found = worldkb.classify(plain_name(actor), country, day)
                counts = stats[half]
                counts["mentions"] += 1
                if found is None or found.acled_type is None:
                    continue
                counts["typed"] += 1
                if found.acled_type == INTER[inter]:
                    counts["agree"] += 1
                elif half == "A-M":
                    errors[(actor, INTER[inter], found.acled_type, found.reason)] += 1
    for half, counts in stats.items():
        coverage = counts["typed"] / max(1, counts["mentions"])
        agreement = counts["agree"] / max(1, counts["typed"])
        print(
            f"{half}: {counts['mentions']} actor mentions, coverage {coverage:.3f}, "
            f"agreement {agreement:.3f}"
        )
    for (actor, acled, ours, reason), n in errors.most_common(args.errors):
        print(f"{n:4}  {actor!r}: ACLED {acled}, KB {ours} ({reason})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
