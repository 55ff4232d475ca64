"""The Python API: code text without touching the pipeline's parts.

import newscoder
result = newscoder.code(text, published="2022-12-02")
result.events[0].acled_event_type, result.to_dict()
for item in newscoder.code_many(records): ...   # CodedArticle or Failure, in order
newscoder.geoparse(text)   # every toponym: [{"text", "start", "end", "name", "lat", ...}]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from newscoder.errors import BadRecord, NewscoderError, UsageError
from newscoder.types import Article, CodedArticle, Failure

DEFAULT_MAX_CHARS = 1_000_000

_MAIN_GUARD = (
    'Put the code that calls code_many(..., workers=N) under `if __name__ == "__main__":` '
    "(worker processes import your script again), or use workers=1."
)


def code(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | int | None = None,
    title: str | None = None,
    url: str | None = None,
    model: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> CodedArticle:
    """Code one report. Raises a :class:`~newscoder.errors.RecordError` for bad input
    (empty text, bad ``published``, ...) and :class:`~newscoder.errors.UsageError`
    (E200) for a wrong argument. An int ``id`` becomes its string."""
    from newscoder.ingest import article_from_text
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_article

    _check_max_chars(max_chars)
    _check_str("model", model)
    for name, value in (("title", title), ("url", url)):
        _check_str(name, value)
    article = article_from_text(
        text, id=_id(id), published=published, title=title, url=url, max_chars=max_chars
    )
    return code_article(article, get_nlp(model))


def geoparse(
    text: str,
    *,
    published: dt.date | str | None = None,
    countries: Iterable[str] | None = None,
    demonyms: bool = False,
    model: str | None = None,
) -> list[dict[str, object]]:
    """Every toponym in ``text``, resolved where the evidence allows: a list of
    ``{"text", "start", "end", "name", "country_code", "admin1", "lat", "lon",
    "geonameid", "feature", "confidence", "reason"}`` in text order (offsets are
    Python string indices into ``text``). ``countries`` (ISO2 codes, most
    relevant first) says where the text is from when it does not say so itself;
    ``demonyms`` adds nationality words ("Sudanese") as their country, as LGL
    annotates them; ``published`` is accepted for symmetry with :func:`code`
    (the gazetteer is not dated). See :mod:`newscoder.resolve.geoparse` for the typed form."""
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.resolve.geoparse import geoparse_doc

    del published  # the gazetteer has no dates
    doc = get_nlp(model)(text)
    found = geoparse_doc(doc, countries=tuple(countries or ()), demonyms=demonyms)
    return [t.to_dict() for t in found]


def code_many(
    items: Iterable[str | Mapping[str, object]],
    *,
    model: str | None = None,
    batch_size: int = 16,
    max_chars: int = DEFAULT_MAX_CHARS,
    workers: int = 1,
) -> Iterator[CodedArticle | Failure]:
    """Code a stream of texts or records (``{"id", "text" | "html", "published"?, ...}``),
    parsing in batches. Yields exactly one result per item, in input order: a
    :class:`~newscoder.types.CodedArticle`, or a :class:`~newscoder.types.Failure` in
    its place for an item that cannot be coded (an empty text, a ``None``, bytes, a
    second item with an id already used, which includes the same text given twice
    without ids, ...).

    ``workers`` > 1 codes batches in that many processes (each loads the model once);
    the stream is still read lazily, with a few batches in flight. Worker processes
    import the calling script again, so a script must call this under
    ``if __name__ == "__main__":``.

    Raises :class:`~newscoder.errors.UsageError` (E200) at once for wrong arguments:
    one string instead of an iterable of them, a ``batch_size``, ``workers`` or
    ``max_chars`` below 1.
    """
    if isinstance(items, str | bytes | bytearray):
        raise UsageError(
            f"code_many takes an iterable of texts or records, not one {type(items).__name__}.",
            fix="Use code(text) for one text, or code_many([text1, text2, ...]).",
        )
    if isinstance(items, Mapping):
        raise UsageError(
            "code_many takes an iterable of records, not one record (a dict).",
            fix="Use code_many([record]) or code(record['text']).",
        )
    if not isinstance(items, Iterable):
        raise UsageError(
            f"code_many takes an iterable of texts or records, not {type(items).__name__}.",
            fix="Give a list or generator of texts or records.",
        )
    for name, value in (("batch_size", batch_size), ("workers", workers)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise UsageError(f"{name}={value!r}: must be an int of at least 1.")
    _check_max_chars(max_chars)
    _check_str("model", model)
    import multiprocessing  # only here: its import costs start-up on every run

    if workers > 1 and multiprocessing.parent_process() is not None:
        raise UsageError(
            "code_many(workers > 1) was called while a worker process was starting: the "
            "script runs again in each worker.",
            fix=_MAIN_GUARD,
        )
    return _code_many(items, model, batch_size, max_chars, workers)


def _code_many(
    items: Iterable[str | Mapping[str, object]],
    model: str | None,
    batch_size: int,
    max_chars: int,
    workers: int,
) -> Iterator[CodedArticle | Failure]:
    from newscoder.ingest.batch import unique_ids
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles

    articles = unique_ids(_articles(items, max_chars))
    if workers <= 1:
        yield from code_articles(articles, get_nlp(model), batch_size=batch_size)
        return
    from concurrent.futures.process import BrokenProcessPool

    from newscoder.runner import code_chunk_typed, in_chunks, pool_map

    try:
        for results in pool_map(in_chunks(articles, batch_size), model, workers, code_chunk_typed):
            yield from results
    except BrokenProcessPool as exc:
        raise UsageError(
            f"the worker processes stopped ({exc}); in a script, the usual cause is a "
            "missing main guard.",
            fix=_MAIN_GUARD,
        ) from exc


def _check_max_chars(max_chars: object) -> None:
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
        raise UsageError(f"max_chars={max_chars!r}: must be an int of at least 1.")


def _check_str(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{name} must be a string or None, not {type(value).__name__}.")


def _id(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise UsageError(f"id must be a string (or an int), not {type(value).__name__}.")


def _articles(
    items: Iterable[str | Mapping[str, object]], max_chars: int
) -> Iterator[Article | Failure]:
    from newscoder.ingest import article_from_text
    from newscoder.ingest.batch import article_from_record, record_id

    for n, item in enumerate(items):
        fallback = f"item-{n}"
        rid = fallback
        try:
            if isinstance(item, str):
                article = article_from_text(item, max_chars=max_chars)
                rid = article.id
                yield article
            elif isinstance(item, Mapping):
                record = dict(item)
                rid = record_id(record, fallback)
                yield article_from_record(record, id=rid, published=None, max_chars=max_chars)
            else:
                kind = type(item).__name__
                hint = " (decode it to str first)" if isinstance(item, bytes | bytearray) else ""
                raise BadRecord(f"item {n} is {kind}, not a text (str) or a record (dict){hint}.")
        except NewscoderError as exc:
            yield Failure(rid, exc.code, str(exc))
        except Exception as exc:  # a bug on one item must not end the stream
            from newscoder.errors import CodingFailed

            failed = CodingFailed(f"Unexpected {type(exc).__name__} reading item {n}: {exc}")
            yield Failure(rid, failed.code, str(failed))
