"""Behaviour snapshots: code a fixed sample of documents and diff two runs.

A refactor that must not change what the coder decides is checked by coding the
same documents before and after and comparing every output field. Reasons are
compared separately (``--reasons``): a refactor may reword them or add rule ids,
but must not change a value.

    python scripts/snapshot.py take /tmp/snap/before            # all sets, default sample
    python scripts/snapshot.py take /tmp/snap/after --sets benin,seed
    python scripts/snapshot.py diff /tmp/snap/before /tmp/snap/after

Snapshots hold coder output for evaluation data: keep them outside the repository
(the data's licences forbid copying notes into it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The evaluation data: $NEWSCODER_EVAL_DIR/.. , or ../shared next to the checkout.
SHARED = (
    Path(os.environ["NEWSCODER_EVAL_DIR"]).parent
    if os.environ.get("NEWSCODER_EVAL_DIR")
    else ROOT.parent / "shared"
)

# name -> (path, kind, how many documents)
SETS: dict[str, tuple[Path, str, int]] = {
    "benin": (SHARED / "eval/acled-dev/benin-2009-2022.csv", "acled", 10_000),
    "africa": (SHARED / "eval/acled-dev/africa-2016-07.csv", "acled", 10_000),
    "southasia": (SHARED / "eval/acled-dev/south-asia-2015.csv", "acled", 1500),
    "global": (SHARED / "eval/acled-dev/global-2022-h1.csv", "acled", 2000),
    "plover": (SHARED / "eval/plover-gsr", "plover", 10_000),
    "polnear": (SHARED / "eval/polnear/dev", "polnear", 40),
}
EXTRA = {
    "seed": ROOT / "examples/kabul-embassy.txt",
    "statements": ROOT / "examples/public-sector-statements.jsonl",
    "wire": ROOT / "examples/wire-reports.jsonl",
}


def _strip(value: Any, *, reasons: bool) -> Any:
    """The output without reason strings (unless ``reasons``)."""
    if isinstance(value, dict):
        return {
            k: _strip(v, reasons=reasons)
            for k, v in value.items()
            if reasons or k not in {"reason", "reasons", "rule", "rules"}
        }
    if isinstance(value, list):
        return [_strip(v, reasons=reasons) for v in value]
    return value


def _gold_items(path: Path, kind: str, n: int) -> list[tuple[str, Any]]:
    from newscoder.evaluate.readers import read_gold

    return [(g.text, g.published) for g in itertools.islice(read_gold(path, kind), n)]


def _extra_articles(name: str, path: Path) -> list[Any]:
    import datetime as dt

    from newscoder.ingest import iter_records

    published = dt.date(2022, 12, 2) if name == "seed" else None
    return list(iter_records(path, published=published))


def take(out: Path, names: list[str]) -> None:
    from newscoder.ingest import article_from_text
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles
    from newscoder.types import Failure

    nlp = get_nlp(None)
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        t0 = time.perf_counter()
        if name in EXTRA:
            articles = _extra_articles(name, EXTRA[name])
        else:
            path, kind, n = SETS[name]
            if not path.exists():
                print(f"skip {name}: {path} absent", file=sys.stderr)
                continue
            articles = [
                article_from_text(text, id=f"{name}-{i}", published=published)
                for i, (text, published) in enumerate(_gold_items(path, kind, n))
            ]
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for item in code_articles(iter(articles), nlp):
                if isinstance(item, Failure):
                    record: dict[str, Any] = {"id": item.id, "error": item.code}
                else:
                    record = item.to_dict()
                fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(articles)} docs in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def diff(a: Path, b: Path, *, reasons: bool, show: int) -> int:
    changed_total = 0
    for file in sorted(a.glob("*.jsonl")):
        other = b / file.name
        if not other.exists():
            print(f"{file.stem}: missing in {b}")
            continue
        left = file.read_text(encoding="utf-8").splitlines()
        right = other.read_text(encoding="utf-8").splitlines()
        changed = []
        for la, lb in itertools.zip_longest(left, right):
            if la is None or lb is None:
                changed.append((la, lb))
                continue
            ja = _strip(json.loads(la), reasons=reasons)
            jb = _strip(json.loads(lb), reasons=reasons)
            if ja != jb:
                changed.append((ja, jb))
        changed_total += len(changed)
        print(f"{file.stem}: {len(changed)} of {len(left)} documents differ")
        for ja, jb in changed[:show]:
            _show_diff(ja, jb)
    return 1 if changed_total else 0


def _show_diff(a: Any, b: Any, path: str = "") -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                _show_diff(a.get(k), b.get(k), f"{path}.{k}")
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                _show_diff(x, y, f"{path}[{i}]")
        return
    print(f"  {path}:\n    - {json.dumps(a, ensure_ascii=False)[:300]}")
    print(f"    + {json.dumps(b, ensure_ascii=False)[:300]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_take = sub.add_parser("take", help="code the sample and write one JSONL per set")
    p_take.add_argument("out", type=Path)
    p_take.add_argument("--sets", default=",".join([*SETS, *EXTRA]))
    p_diff = sub.add_parser("diff", help="compare two snapshots field by field")
    p_diff.add_argument("a", type=Path)
    p_diff.add_argument("b", type=Path)
    p_diff.add_argument("--reasons", action="store_true", help="compare reasons too")
    p_diff.add_argument("--show", type=int, default=3, help="differences shown per set")
    args = parser.parse_args()
    if args.cmd == "take":
        take(args.out, [s for s in args.sets.split(",") if s])
        return 0
    return diff(args.a, args.b, reasons=args.reasons, show=args.show)


if __name__ == "__main__":
    sys.exit(main())
