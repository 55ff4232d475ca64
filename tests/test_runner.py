"""The main job: streaming, resumable, parallel runs into the store."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newscoder.cli import app
from newscoder.errors import InputNotFound, UsageError, fix_for
from newscoder.runner import count_records, expand_sources, read_shard, run, write_shard
from newscoder.store import Store

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ROOT / "examples" / "public-sector-statements.jsonl"
cli = CliRunner()


def _corpus(path: Path, n: int, bad: bool = True) -> Path:
    """The first ``n`` public statements, plus a broken line and an empty text."""
    lines = STATEMENTS.read_text("utf-8").splitlines()[:n]
    if bad:
        lines[1:1] = ["{not json", json.dumps({"id": "empty", "text": "  "})]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(con.execute("SELECT id, content_hash FROM articles").fetchall()),
            "events": sorted(
                con.execute(
                    "SELECT id, article_id, plover_type, acled_sub_event_type, fatalities"
                    " FROM events"
                ).fetchall()
            ),
            "errors": sorted(con.execute("SELECT id, code FROM errors").fetchall()),
        }
    finally:
        con.close()


def test_run_stores_articles_and_errors_in_place_and_rerun_skips(tmp_path: Path):
    corpus = _corpus(tmp_path / "c.jsonl", 6)
    db = tmp_path / "r.sqlite"
    seen = []
    with Store(db) as store:
        stats = run([corpus], store, chunk_size=3, progress=lambda s: seen.append(s.done))
    assert (stats.articles, stats.errors, stats.total) == (6, 2, 8)
    assert set(stats.error_codes) == {"E105", "E102"}
    assert seen == sorted(seen) and seen[-1] == 8  # progress after every committed chunk
    first = _snapshot(db)
    assert len(first["articles"]) == 6 and len(first["errors"]) == 2
    with Store(db) as store:
        again = run([corpus], store, chunk_size=3)
    # Stored articles are skipped; the two bad records are retried (and fail again).
    assert (again.articles, again.skipped, again.errors) == (0, 6, 2)
    assert _snapshot(db) == first


def test_changed_text_is_recoded_not_duplicated(tmp_path: Path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "x", "text": "Gunmen killed two farmers in Kaduna on Monday."}) + "\n"
    )
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        run([corpus], store)
    corpus.write_text(
        json.dumps({"id": "x", "text": "Gunmen killed five farmers in Kaduna on Monday."}) + "\n"
    )
    with Store(db) as store:
        stats = run([corpus], store)
    assert stats.articles == 1 and stats.skipped == 0
    snap = _snapshot(db)
    assert len(snap["articles"]) == 1
    assert [e[4] for e in snap["events"]] == [5]


def test_sources_expand_globs_and_count_cheaply(tmp_path: Path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Police arrested ten protesters in Lagos.")
    (tmp_path / "d" / "b.html").write_text("<p>Troops shelled a village near Idlib.</p>")
    (tmp_path / "d" / "notes.md").write_text("ignored")
    _corpus(tmp_path / "c.jsonl", 3, bad=False)
    paths = expand_sources([str(tmp_path / "d" / "*"), tmp_path / "c.jsonl"])
    assert [p.name for p in paths] == ["a.txt", "b.html", "c.jsonl"]
    assert count_records(paths) == 5
    assert count_records([tmp_path / "d"]) == 2
    with pytest.raises(InputNotFound):
        expand_sources([str(tmp_path / "nothing-*.jsonl")])
    with pytest.raises(InputNotFound):
        expand_sources([tmp_path / "missing.jsonl"])


def test_bad_options_are_usage_errors(tmp_path: Path):
    with Store(tmp_path / "r.sqlite") as store:
        with pytest.raises(UsageError):
            run([STATEMENTS], store, workers=0)
        with pytest.raises(UsageError):
            run([STATEMENTS], store, engine="spark")


def test_error_codes_have_fixes():
    assert "Dask" in fix_for("E205")
    assert fix_for("E105") and fix_for("E999") == ""


def test_two_workers_code_the_same_as_one(tmp_path: Path):
    corpus = _corpus(tmp_path / "c.jsonl", 10)
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with Store(one) as store:
        run([corpus], store, chunk_size=4)
    with Store(two) as store:
        stats = run([corpus], store, workers=2, chunk_size=4)
    assert stats.articles == 10 and stats.errors == 2
    assert _snapshot(one) == _snapshot(two)


def test_dask_engine_on_a_local_cluster_writes_shards(tmp_path: Path):
    pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "c.jsonl", 5)
    local, dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    with Store(local) as store:
        run([corpus], store, chunk_size=3)
    with Store(dask) as store:
        stats = run(
            [corpus],
            store,
            engine="dask",
            scheduler="local",
            workers=1,
            chunk_size=3,
            shard_dir=tmp_path / "shards",
        )
    assert stats.articles == 5 and stats.errors == 2
    assert _snapshot(local) == _snapshot(dask)
    shards = sorted((tmp_path / "shards").glob("*.parquet"))
    assert len(shards) == 3  # 7 records in chunks of 3
    assert sum(len(read_shard(s)) for s in shards) == 7


def test_shard_round_trip(tmp_path: Path):
    pytest.importorskip("pyarrow")
    items = [
        ({"id": "a", "events": [{"id": "a:e1"}]}, "text a", "h1"),
        {"id": "b", "error": {"code": "E102", "message": "empty"}},
    ]
    write_shard(items, tmp_path / "s.parquet")
    assert read_shard(tmp_path / "s.parquet") == items


def test_run_cli_reports_errors_with_codes_and_fixes(tmp_path: Path):
    corpus = _corpus(tmp_path / "c.jsonl", 2)
    db = tmp_path / "r.sqlite"
    result = cli.invoke(app, ["run", str(corpus), "--db", str(db), "--no-progress", "--no-link"])
    assert result.exit_code == 1  # some records failed; the rest are stored
    assert "stored 2 articles" in result.output
    assert "E105" in result.output and "E102" in result.output
    assert len(_snapshot(db)["errors"]) == 2


def test_kill_9_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path: Path):
    corpus = _corpus(tmp_path / "c.jsonl", 40)
    db, clean = tmp_path / "killed.sqlite", tmp_path / "clean.sqlite"
    cmd = [sys.executable, "-m", "newscoder", "run", str(corpus), "--no-progress",
           "--no-link", "--chunk-size", "2"]  # fmt: skip
    proc = subprocess.Popen([*cmd, "--db", str(db)], start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if _stored(db) >= 6:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    partial = _stored(db)
    assert 6 <= partial < 40
    subprocess.run([*cmd, "--db", str(db)], check=False, capture_output=True)
    subprocess.run([*cmd, "--db", str(clean)], check=False, capture_output=True)
    assert _snapshot(db) == _snapshot(clean)
    assert len(_snapshot(db)["articles"]) == 40


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_long_runs_recycle_worker_processes_without_changing_results(tmp_path: Path, monkeypatch):
    import newscoder.runner as runner_module

    corpus = _corpus(tmp_path / "c.jsonl", 8)
    small, recycled = tmp_path / "small.sqlite", tmp_path / "recycled.sqlite"
    with Store(small) as store:
        run([corpus], store, chunk_size=2)  # one worker for the whole run
    monkeypatch.setattr(runner_module, "RECYCLE_ARTICLES", 4)  # a worker per 2 chunks
    with Store(recycled) as store:
        stats = run([corpus], store, chunk_size=2)
    assert (stats.articles, stats.errors) == (8, 2)
    assert _snapshot(small) == _snapshot(recycled)


def _session(sid: int) -> list[int]:
    """Pids of the processes in session ``sid`` (the job and everything it started)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] != b"Z":
            pids.append(int(stat.parent.name))
    return pids


def _started_run(tmp_path: Path, db: Path, *, env: dict | None = None) -> subprocess.Popen:
    """`run --workers 2` in a session of its own, once its workers have stored a chunk.

    The readiness signal is the store itself (4 articles committed), waited for as
    long as a loaded machine needs; the job never gets a signal before it. The job
    handles SIGINT even when this suite runs as a background job, which starts its
    children with SIGINT ignored (the test then failed, the job finishing with 1):
    a signal with a handler here is reset to the default in the child at exec."""
    corpus = _corpus(tmp_path / "c.jsonl", 40)
    cmd = [sys.executable, "-m", "newscoder", "run", str(corpus), "--db", str(db),
           "--no-progress", "--no-link", "--chunk-size", "2", "--workers", "2"]  # fmt: skip
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            cmd, start_new_session=True, stderr=subprocess.PIPE, text=True, env=env
        )
    finally:
        signal.signal(signal.SIGINT, before)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None and _stored(db) < 4:
        time.sleep(0.05)
    ready = _stored(db) >= 4
    if proc.poll() is not None or not ready:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=60)
        pytest.fail(f"the run was not stopped mid-way (exit {proc.returncode}): {stderr[-2000:]}")
    with open(f"/proc/{proc.pid}/status") as status:
        ignored = next(int(x.split()[1], 16) for x in status if x.startswith("SigIgn:"))
    assert not ignored & (1 << (signal.SIGINT - 1)), "the job ignores SIGINT"
    return proc


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_of_the_main_process_leaves_no_worker_behind(tmp_path: Path):
    proc = _started_run(tmp_path, tmp_path / "k.sqlite")
    assert len(_session(proc.pid)) >= 3  # the job, the fork server, the workers
    os.kill(proc.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
    proc.wait()
    deadline = time.monotonic() + 10
    while _session(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _session(proc.pid)
    for pid in left:  # do not leak them into the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert left == [], "processes outlived the job"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_stops_cleanly_with_a_resume_hint(tmp_path: Path):
    db = tmp_path / "c.sqlite"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = _started_run(tmp_path, db, env=env)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    _, stderr = proc.communicate(timeout=300)
    # 130, also under `python -m`: the job loads ingest's lazy data before its loop, so
    # the SIGINT never lands in a first import (CPython would re-raise it after the
    # interrupt was handled, and the process would end by the signal, -2).
    assert proc.returncode == 130
    message = " ".join(stderr.split())
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert f"interrupted: {_stored(db)} stored in" in message
    assert "run the same command to resume" in message


def test_ctrl_c_inside_a_commit_waits_for_it():
    done = []
    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # also in a background job
    try:
        _interrupted_commit(done)
    finally:
        signal.signal(signal.SIGINT, before)


def _interrupted_commit(done: list[str]) -> None:
    from newscoder.store.connection import interrupt_after

    with pytest.raises(KeyboardInterrupt), interrupt_after():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)  # the handler has run by now; the block goes on
        done.append("stored and counted")
    assert done == ["stored and counted"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with interrupt_after():  # no Ctrl-C: nothing raised
        done.append("again")
    assert done[-1] == "again"


def test_a_bad_input_is_reported_in_its_place_and_the_batch_goes_on(tmp_path: Path):
    good = _corpus(tmp_path / "c.jsonl", 2, bad=False)
    (tmp_path / "notes.csv").write_text("id,title\n1,no text column\n")
    db = tmp_path / "r.sqlite"
    inputs = [str(tmp_path / "missing.txt"), str(tmp_path / "notes.csv"), str(good),
              str(tmp_path / "none-*.jsonl")]  # fmt: skip
    result = cli.invoke(app, ["run", *inputs, "--db", str(db), "--no-progress", "--no-link"])
    assert result.exit_code == 1, result.output  # some inputs failed; the rest are stored
    output = " ".join(result.output.split())
    assert "stored 2 articles" in output
    assert "E201" in output and "E202" in output and "Check the path" in output
    assert len(_snapshot(db)["articles"]) == 2
    assert _snapshot(db)["errors"] == []  # an input is not a record: nothing to keep


def test_no_readable_input_is_an_error_and_makes_no_store(tmp_path: Path):
    db = tmp_path / "r.sqlite"
    result = cli.invoke(app, ["run", str(tmp_path / "missing.jsonl"), "--db", str(db)])
    assert result.exit_code == 2 and "E201" in result.output
    assert list(tmp_path.iterdir()) == []
    with Store(db) as store, pytest.raises(InputNotFound):
        run([tmp_path / "missing.jsonl"], store)


def test_run_reads_jsonl_from_stdin(tmp_path: Path):
    lines = STATEMENTS.read_text("utf-8").splitlines()[:2]
    db = tmp_path / "r.sqlite"
    args = ["run", "-", "--db", str(db), "--no-progress", "--no-link"]
    result = cli.invoke(app, args, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert len(_snapshot(db)["articles"]) == 2
    again = cli.invoke(app, args, input="\n".join(lines) + "\n")
    assert "2 already stored" in " ".join(again.output.split())
