"""The Python API: code text without touching the pipeline's parts.

import newscoder
result = newscoder.code(text, published="2022-12-02")
result.events[0].acled_event_type, result.to_dict()
for item in newscoder.code_many(records): ...   # CodedArticle or Failure, in order
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from newscoder.errors import NewscoderError
from newscoder.types import Article, CodedArticle, Failure

DEFAULT_MAX_CHARS = 1_000_000


def code(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> CodedArticle:
    """Code one report. Raises a :class:`~newscoder.errors.RecordError` for bad input
    (empty text, bad ``published``, ...)."""
    from newscoder.ingest import article_from_text
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_article

    article = article_from_text(
        text, id=id, published=published, title=title, url=url, max_chars=max_chars
    )
    return code_article(article, get_nlp(model))


def code_many(
    items: Iterable[str | Mapping[str, object]],
    *,
    model: str | None = None,
    batch_size: int = 16,
    max_chars: int = DEFAULT_MAX_CHARS,
    workers: int = 1,
) -> Iterator[CodedArticle | Failure]:
    """Code a stream of texts or records (``{"id", "text" | "html", "published"?, ...}``),
    parsing in batches. Yields results in input order; a record that cannot be coded
    comes back as a :class:`~newscoder.types.Failure` in its place.

    ``workers`` > 1 codes batches in that many processes (each loads the model once);
    the stream is still read lazily, with a few batches in flight."""
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles

    articles = _articles(items, max_chars)
    if workers <= 1:
        yield from code_articles(articles, get_nlp(model), batch_size=batch_size)
        return
    from newscoder.runner import code_chunk_typed, in_chunks, pool_map

    for results in pool_map(in_chunks(articles, batch_size), model, workers, code_chunk_typed):
        yield from results


def _articles(
    items: Iterable[str | Mapping[str, object]], max_chars: int
) -> Iterator[Article | Failure]:
    from newscoder.ingest import article_from_text
    from newscoder.ingest.batch import article_from_record, record_id

    for n, item in enumerate(items):
        fallback = f"item-{n}"
        try:
            if isinstance(item, str):
                yield article_from_text(item, max_chars=max_chars)
            else:
                rid = record_id(dict(item), fallback)
                yield article_from_record(dict(item), id=rid, published=None, max_chars=max_chars)
        except NewscoderError as exc:
            rid = fallback if isinstance(item, str) else str(dict(item).get("id") or fallback)
            yield Failure(rid, exc.code, str(exc))
