"""Geoparser speed: documents per second of the geoparser alone, and what the
``places`` list costs the coder.

    .venv/bin/python benchmarks/geoparse.py [INPUT] [--repeat N] [--runs R]

INPUT is a JSONL file of ``{"text"}`` records (default: the public-domain
statements in examples/public-sector-statements.jsonl) or an LGL / GeoVirus XML
file (read in place, as ``newscoder eval`` does). Texts are parsed once; then,
on the same parsed documents (median of R runs):

- ``geoparse`` alone: ``geoparse_doc`` over every document (recognition and
  resolution, no parse);
- the coder's per-document work (``code_doc``) with and without the places
  list, so the share the geoparser adds to coding is read directly;
- the parse itself, for scale.

The gazetteer and the model are loaded before timing (a process does that once).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]


def _texts(path: Path) -> list[str]:
    if path.suffix == ".xml":
        from newscoder.evaluate.geoparsing import read_geoparsing

        return [doc.text for doc in read_geoparsing(path)]
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def _median_seconds(run, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "input", nargs="?", default=str(ROOT / "examples/public-sector-statements.jsonl")
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from newscoder.ingest import article_from_text
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_doc
    from newscoder.resolve.gazetteer import get_gazetteer
    from newscoder.resolve.geoparse import geoparse_doc

    texts = _texts(Path(args.input)) * args.repeat
    began = time.perf_counter()
    get_gazetteer()
    nlp = get_nlp()
    load = time.perf_counter() - began
    began = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - began
    articles = [article_from_text(t, id=f"b{n}") for n, t in enumerate(texts)]
    geoparse_doc(docs[0])  # first-use indexes (districts, a country's villages)

    alone = _median_seconds(lambda: [geoparse_doc(d) for d in docs], args.runs)
    with_places = _median_seconds(
        lambda: [code_doc(a, d) for a, d in zip(articles, docs, strict=True)], args.runs
    )
    with mock.patch("newscoder.pipeline.geoparse_doc", lambda doc, countries=(): []):
        without = _median_seconds(
            lambda: [code_doc(a, d) for a, d in zip(articles, docs, strict=True)], args.runs
        )
    n = len(texts)
    words = sum(len(t.split()) for t in texts)
    print(f"documents {n}, words {words}, runs {args.runs} (medians)")
    print(f"load model + gazetteer   {load:.2f}s")
    print(f"parse (nlp.pipe)         {parse:.2f}s  {n / parse:,.1f} docs/s")
    print(f"geoparse alone           {alone:.2f}s  {n / alone:,.1f} docs/s")
    print(f"coder after the parse    {with_places:.2f}s with places, {without:.2f}s without")
    print(
        f"places add {with_places - without:.2f}s: "
        f"{(with_places - without) / (parse + without):.1%} of parse + coding"
    )


if __name__ == "__main__":
    main()
