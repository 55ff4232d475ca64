"""The main job: many reports in, one SQLite store out — streaming, parallel, resumable.

``run`` reads every source as a stream, skips what the store already holds
(same article id and content hash), codes the rest in chunks and commits each
chunk as it comes back. Memory stays flat because only a bounded window of
chunks is ever in flight; a run killed at any moment loses at most the chunks
not yet committed, and the next run codes exactly those (nothing is duplicated:
the store replaces by article id).

Engines:

- ``local``: one process (``workers=1``) or a pool of worker processes, each
  loading the spaCy model once and parsing with ``nlp.pipe``.
- ``dask``: the same per-chunk function mapped over partitions on a Dask
  cluster (an address, or ``local`` for a LocalCluster). Each task writes its
  records to a Parquet shard; the client loads the shards into the store.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscoder.errors import (
    Interrupted,
    MissingExtra,
    NewscoderError,
    SchedulerUnavailable,
    UsageError,
)
from newscoder.ingest import preload as preload_ingest
from newscoder.ingest.batch import unique_ids
from newscoder.ingest.sources import count_records, expand_sources, iter_sources
from newscoder.store import Store
from newscoder.store.connection import interrupt_after
from newscoder.store.db import text_hash, writer_lock
from newscoder.store.export import pyarrow_modules
from newscoder.types import Article, CodedArticle, Failure

# One stored item: a contract record with its text and content hash, or an error record.
Item = tuple[dict[str, Any], str | None, str | None] | dict[str, Any]

DEFAULT_CHUNK = 16
# Worker processes are replaced after this many articles (a fresh process costs
# about a second: the model load).
RECYCLE_ARTICLES = 4_000


@dataclass
class RunStats:
    """What a run did; updated after every committed chunk."""

    articles: int = 0  # coded and stored in this run
    events: int = 0
    errors: int = 0
    skipped: int = 0  # already in the store with the same text and metadata
    total: int | None = None  # records expected, when cheap to know
    started: float = field(default_factory=time.perf_counter)
    error_codes: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.articles + self.errors + self.skipped

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        """Articles coded per second (skipped ones do not count)."""
        coded = self.articles + self.errors
        return coded / self.seconds if self.seconds > 0 else 0.0


Progress = Callable[[RunStats], None]


# -- the per-chunk function (runs in workers) ----------------------------------------


def code_chunk(records: list[Article | Failure], model: str | None = None) -> list[Item]:
    """Code a chunk in order into storable items: what every engine maps over."""
    from newscoder.coding.contract import failure_to_dict

    return [_item(result, failure_to_dict) for result in code_chunk_typed(records, model)]


def release_memory() -> None:
    """Hand freed heap back to the system after a chunk (glibc keeps it otherwise, and
    the parser's varying buffer sizes fragment it: resident memory creeps up)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to do
        return None


def _item(result: CodedArticle | Failure, failure_to_dict: Callable[[Failure], dict]) -> Item:
    if isinstance(result, Failure):
        return failure_to_dict(result)
    text = result.article.text
    return (result.to_dict(), text, text_hash(text))


def code_chunk_typed(
    records: list[Article | Failure], model: str | None = None
) -> list[CodedArticle | Failure]:
    """Code a chunk in order into typed results (what the Python API's workers map)."""
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles

    results = list(code_articles(records, get_nlp(model), batch_size=len(records) or 1))
    release_memory()
    return results


def _warm(model: str | None, parent: tuple[int, str | None] | None = None) -> None:
    """Worker initialiser: die with the job, ignore Ctrl-C (the job handles it), and
    load the model once, before the first chunk arrives."""
    from newscoder.nlp.pipeline import get_nlp

    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        die_with(parent)
    get_nlp(model)


# -- workers die with their job ----------------------------------------------------------

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def this_process() -> tuple[int, str | None]:
    """This process's id and start time (so a reused pid is not taken for it)."""
    return os.getpid(), _started(os.getpid())


def _started(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # Field 22, after the command name (which may hold spaces) in parentheses.
            return stat.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _alive(parent: tuple[int, str | None]) -> bool:
    pid, started = parent
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return started is None or _started(pid) in (started, None)


def die_with(parent: tuple[int, str | None]) -> None:
    """Make this worker process end when the job's process ends, however it ends
    (``kill -9`` included): the kernel signals it when its parent (the fork server)
    dies, and a watchdog thread checks the job's process every second."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while _alive(parent):
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="newscoder-watchdog", daemon=True).start()


# -- the run ------------------------------------------------------------------------


def run(
    sources: Sequence[str | Path],
    store: Store,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    published: dt.date | None = None,
    max_chars: int = 1_000_000,
    model: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    shard_dir: Path | None = None,
    progress: Progress | None = None,
    recode: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> RunStats:
    """Code ``sources`` into ``store``; resumable, with failures kept in the errors table.

    An article already stored with the same text and metadata (title, published,
    url, source) is skipped, unless ``recode``; with ``recode`` and no ``sources``
    every stored article is coded again from its stored text. The second record
    with an id already seen in this run is an E107 error record. The store's writer
    lock is held throughout (``on_wait`` is told if another job holds it). Ctrl-C
    raises :class:`~newscoder.errors.Interrupted` (with the stats) after the
    committed chunks; nothing half-done is stored.
    """
    _check_options(workers, engine, chunk_size, max_chars)
    problems: list[tuple[str, UsageError]] = []
    paths = expand_sources(sources, problems)
    if problems and not paths:
        raise problems[0][1]  # nothing to go on with
    if not paths and not recode:
        raise UsageError("no inputs given.", fix="Name files, folders or glob patterns to code.")
    stats = RunStats(total=count_records(paths) if paths else store.counts()["articles"])
    # A bad input (missing, unknown type) is reported in the run's errors, not stored.
    _count([{"id": name, "error": {"code": e.code, "message": str(e)}} for name, e in problems],
           stats)  # fmt: skip
    if stats.total is not None:
        stats.total += len(problems)
    with writer_lock(store.path, on_wait=on_wait):
        try:
            # Ingest's lazy data (language model, gazetteer, patterns) before the loop:
            # Ctrl-C must not land in a module's first import (CPython then re-raises
            # the SIGINT after newscoder has handled it, and the exit is -2, not 130).
            preload_ingest()
            if paths:
                records = unique_ids(iter_sources(paths, published=published, max_chars=max_chars))
            else:
                records = stored_articles(store, max_chars=max_chars)
            todo = records if recode else _todo(records, store, stats)
            _store_results(todo, store, stats, progress, workers, engine, model, chunk_size,
                           scheduler, shard_dir)  # fmt: skip
        except KeyboardInterrupt:
            raise Interrupted(
                f"interrupted: {stats.articles} articles stored ({stats.events} events, "
                f"{stats.errors} errors) before the stop.",
                stats=stats,
            ) from None
    return stats


def _check_options(workers: int, engine: str, chunk_size: int, max_chars: int) -> None:
    if not isinstance(workers, int) or workers < 1:
        raise UsageError(f"--workers {workers!r}: must be at least 1.", fix="Use --workers 1.")
    if engine not in {"local", "dask"}:
        raise UsageError(f"unknown --engine {engine!r}.", fix="Use local or dask.")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise UsageError(
            f"--chunk-size {chunk_size!r}: must be at least 1.", fix="Use the default, 16."
        )
    if not isinstance(max_chars, int) or max_chars < 1:
        raise UsageError(
            f"--max-chars {max_chars!r}: must be at least 1.", fix="Use the default, 1000000."
        )


def _store_results(
    todo: Iterable[Article | Failure],
    store: Store,
    stats: RunStats,
    progress: Progress | None,
    workers: int,
    engine: str,
    model: str | None,
    chunk_size: int,
    scheduler: str | None,
    shard_dir: Path | None,
) -> None:
    parts = in_chunks(todo, chunk_size)
    if engine == "dask":
        results = _dask_results(parts, model, workers, scheduler, shard_dir)
    else:
        # Always in worker processes, even one: the job's own process stays small
        # and the same shape for any corpus, and workers are replaced every
        # RECYCLE_ARTICLES articles, so memory is flat however long the run.
        recycle = max(RECYCLE_ARTICLES // chunk_size, 1)
        results = pool_map(parts, model, workers, recycle_after=recycle)
    for items in results:
        with interrupt_after():  # a Ctrl-C waits until the chunk is stored and counted
            store.upsert_many(items, batch_size=max(len(items), 1))
            _count(items, stats)
        if progress:
            progress(stats)


def stored_articles(store: Store, *, max_chars: int = 1_000_000) -> Iterator[Article | Failure]:
    """The store's coded articles rebuilt from their stored text and metadata (what
    ``run --recode`` without inputs codes again); one that no longer passes ingest is
    a Failure in its place."""
    from newscoder.ingest.text import build_article, parse_published, prepare_text

    for row in store.stored_articles():
        try:
            text, warnings = prepare_text(row["text"], max_chars=max_chars)
            yield build_article(
                text,
                id=row["id"],
                published=parse_published(row["published"]),
                title=row["title"],
                url=row["url"],
                source=row["source"],
                author=row["author"],
                warnings=warnings,
            )
        except NewscoderError as exc:
            yield Failure(row["id"], exc.code, str(exc))


def _todo(
    records: Iterable[Article | Failure], store: Store, stats: RunStats
) -> Iterator[Article | Failure]:
    """Drop articles the store already holds with the same text and metadata (a resumed
    run); a changed ``published``, title, url or source codes the article again."""
    for record in records:
        if isinstance(record, Article) and store.has(
            record.id, text_hash(record.text), _metadata(record)
        ):
            stats.skipped += 1
            continue
        yield record


def _metadata(article: Article) -> dict[str, str | None]:
    return {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "source": article.source,
    }


def in_chunks(records: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _count(items: list[Item], stats: RunStats) -> None:
    for item in items:
        if isinstance(item, tuple):
            stats.articles += 1
            stats.events += len(item[0].get("events") or ())
            continue
        stats.errors += 1
        error = item.get("error") or {}
        code = str(error.get("code") or "E000")
        stats.error_codes[code] += 1
        stats.error_examples.setdefault(code, (str(item.get("id")), str(error.get("message"))))


def _window(
    chunks: Iterator[list[Article | Failure]],
    submit: Callable[[list[Article | Failure]], Any],
    result: Callable[[Any], list[Item]],
    size: int,
) -> Iterator[list[Item]]:
    """Keep at most ``size`` chunks in flight; yield results in submission order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= size:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def pool_map(
    chunks: Iterator[list[Article | Failure]],
    model: str | None,
    workers: int,
    function: Callable[[list[Article | Failure], str | None], list[Any]] = code_chunk,
    *,
    recycle_after: int | None = None,
) -> Iterator[list[Any]]:
    """Map ``function`` (a module-level function) over chunks in worker processes, in order.

    ``recycle_after``: workers are replaced after that many chunks. The parser's
    heap fragments slowly (about 5 MiB per 1,000 articles that no allocator hands
    back), so long runs recycle workers to keep memory flat.
    """
    # forkserver: workers start from a clean process (no inherited threads or locks)
    # and load the model once each.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # Import spaCy and the coder once in the fork server: each worker forks from
        # it with the modules loaded and only has the model to read.
        context.set_forkserver_preload(["newscoder.pipeline", "newscoder.nlp.pipeline"])
    # Recycling by hand: one pool per segment of chunks (CPython 3.11's
    # max_tasks_per_child can deadlock the pool). Workers of a new pool fork from the
    # same fork server, so a segment costs one model load per worker.
    while True:
        segment = itertools.islice(chunks, recycle_after) if recycle_after else chunks
        first = next(segment, None)
        if first is None:
            return
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_warm,
            initargs=(model, this_process()),
        )

        def submit(chunk: list[Article | Failure], pool: ProcessPoolExecutor = pool) -> Future[Any]:
            return pool.submit(function, chunk, model)

        try:
            yield from _window(
                itertools.chain([first], segment), submit, lambda f: f.result(), 2 * workers + 1
            )
        except BaseException:
            # Ctrl-C, a closed generator or an error: stop now, do not finish the window.
            _stop(pool)
            raise
        pool.shutdown(wait=True)
        if not recycle_after:
            return


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers at once."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)


# -- Dask -------------------------------------------------------------------------------


def code_partition(
    records: list[Article | Failure], model: str | None, shard: str | None
) -> list[Item] | str:
    """Dask task: code one partition; with ``shard``, write it as Parquet and return the path."""
    items = code_chunk(records, model)
    if shard is None:
        return items
    write_shard(items, Path(shard))
    return shard


def write_shard(items: list[Item], path: Path) -> None:
    """One Parquet file per partition: the contract record (JSON), text and hash per row."""
    import json

    pa, pq = pyarrow_modules()
    rows: dict[str, list[Any]] = {"id": [], "record_json": [], "text": [], "content_hash": []}
    for item in items:
        record, text, digest = item if isinstance(item, tuple) else (item, None, None)
        rows["id"].append(record.get("id"))
        rows["record_json"].append(json.dumps(record, ensure_ascii=False))
        rows["text"].append(text)
        rows["content_hash"].append(digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(rows), path)


def read_shard(path: Path) -> list[Item]:
    import json

    _, pq = pyarrow_modules()
    table = pq.read_table(path).to_pydict()
    items: list[Item] = []
    for record_json, text, digest in zip(
        table["record_json"], table["text"], table["content_hash"], strict=True
    ):
        record = json.loads(record_json)
        items.append(record if "error" in record else (record, text, digest))
    return items


def _dask_results(
    chunks: Iterator[list[Article | Failure]],
    model: str | None,
    workers: int,
    scheduler: str | None,
    shard_dir: Path | None,
) -> Iterator[list[Item]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtra(f"--engine dask needs dask[distributed] ({exc}).") from exc
    cluster = None
    if scheduler in (None, "local"):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        address: Any = cluster
    else:
        address = scheduler
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise SchedulerUnavailable(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    try:
        client.run(_warm, model)  # load the model once per worker, up front
        stamp = time.strftime("%Y%m%dT%H%M%S")
        counter = itertools.count()

        def submit(chunk: list[Article | Failure]) -> Any:
            n = next(counter)
            shard = str(shard_dir / f"part-{stamp}-{n:06d}.parquet") if shard_dir else None
            return client.submit(code_partition, chunk, model, shard, pure=False)

        def result(future: Any) -> list[Item]:
            value = future.result()
            future.release()
            return read_shard(Path(value)) if isinstance(value, str) else value

        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _window(chunks, submit, result, 2 * n_workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
