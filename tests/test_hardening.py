"""Issue 14: nothing a user gives crashes a batch or is lost.

One test (or table) per item of the issue's list; docs/reliability.md says what
each now does. Every text here was written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
import unicodedata
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newscoder
from newscoder.cli import app
from newscoder.errors import (
    BadPublished,
    ForeignDatabase,
    StoreBusy,
    StoreDamaged,
    UsageError,
    fix_for,
)
from newscoder.ingest import article_from_html, article_from_text, iter_records
from newscoder.ingest.normalise import _INVISIBLE_RANGES, parse_text
from newscoder.ingest.text import decode, parse_published
from newscoder.pipeline import code_article, code_articles
from newscoder.runner import run
from newscoder.store import Store
from newscoder.store.db import writer_lock
from newscoder.types import CodedArticle, Failure

cli = CliRunner()

KANO = "Gunmen killed three villagers in Kano on Monday, police said."
DHAKA = "Police arrested 12 protesters in Dhaka on Sunday."
GOMA = "Soldiers clashed with rebels near Goma on Friday."


def _jsonl(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _out(result) -> str:  # type: ignore[no-untyped-def]
    """The command's output on one line (rich wraps at 80 columns under the test runner)."""
    return " ".join(result.output.split())


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _spans_hold(record: dict, text: str) -> None:
    """Every quoted text is the caller's text at its offsets."""
    for q in record.get("quotes") or []:
        assert text[q["start"] : q["end"]] == q["text"]
    for ent in record.get("entities") or []:
        assert text[ent["start"] : ent["end"]] == ent["text"]
    for ev in record.get("events") or []:
        trig = ev["trigger"]
        assert text[trig["start"] : trig["end"]] == trig["text"]
        for span in ev["evidence"]:
            assert 0 <= span["start"] <= span["end"] <= len(text)


# -- 1. lone surrogates ------------------------------------------------------------


def test_lone_surrogate_is_replaced_one_for_one_with_a_warning(nlp):
    text = "Gunmen killed two people in Kaduna\ud800 on Tuesday."
    article = article_from_text(text, id="s")
    assert len(article.text) == len(text) and article.text[34] == "\ufffd"
    assert any(w.startswith("W101") for w in article.warnings)
    record = code_article(article, nlp).to_dict()
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # storable, printable
    assert record["events"] and record["events"][0]["location"]["name"] == "Kaduna"


def test_lone_surrogate_in_jsonl_does_not_stop_code_or_lose_good_records(tmp_path: Path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": KANO})
        + "\n"
        + '{"id": "s\\udc00", "text": "Gunmen killed two people in Kaduna\\ud800 on Tuesday."}\n'
        + json.dumps({"id": "c", "text": DHAKA})
        + "\n",
        "utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = cli.invoke(app, ["code", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert [r["id"] for r in rows] == ["a", "s\ufffd", "c"]
    assert all(r["events"] for r in rows)


def test_api_code_and_code_many_take_lone_surrogates():
    assert newscoder.code("Gunmen killed two people in Kaduna\udfff on Tuesday.").events
    out = list(newscoder.code_many([KANO + "\ud800", {"id": "x\ud800", "text": DHAKA}]))
    assert [type(x) for x in out] == [CodedArticle, CodedArticle]
    assert out[1].id == "x\ufffd"


# -- 2. markup in ids, paths and texts ---------------------------------------------------


@pytest.mark.parametrize("rid", ["x[/i]", "[red]x[/red]", "[bold]", ":smile:", "a\x1b[31mb"])
def test_markup_ids_print_literally_and_never_crash(tmp_path: Path, rid: str):
    path = _jsonl(tmp_path / "m.jsonl", [{"id": rid, "text": ""}, {"id": "ok", "text": KANO}])
    result = cli.invoke(app, ["code", str(path), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "\x1b" not in result.output
    shown = rid.replace("\x1b", "\\u001b")
    assert shown in result.output  # literally, not restyled
    assert [r["id"] for r in _rows(tmp_path / "o.jsonl")] == [rid, "ok"]


def test_run_summary_with_markup_ids_still_links_and_events_prints(tmp_path: Path):
    path = _jsonl(
        tmp_path / "m.jsonl",
        [{"id": "x[/i]", "text": ""}, {"id": "[red]y[/red]", "text": KANO}],
    )
    db = tmp_path / "m.sqlite"
    result = cli.invoke(app, ["run", str(path), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1, result.output
    assert "x[/i]" in result.output and "linked 1 event reports" in result.output
    shown = cli.invoke(app, ["events", "--db", str(db)])
    assert shown.exit_code == 0 and "[red]y[/red]:e1" in shown.output


# -- 3. --max-chars above the parser's max_length -------------------------------------------


def test_texts_longer_than_the_parsers_max_length_are_coded(nlp):
    saved = nlp.max_length
    try:
        nlp.max_length = 30
        out = list(code_articles([article_from_text(KANO, id="long")], nlp))
        assert isinstance(out[0], CodedArticle) and out[0].events
    finally:
        nlp.max_length = saved


def test_a_parse_that_fails_costs_only_its_own_record(nlp, monkeypatch):
    items = [article_from_text(t, id=i) for i, t in (("a", KANO), ("b", "boom " + GOMA))]
    real = nlp.pipe

    def pipe(texts, *args, **kwargs):
        texts = list(texts)
        if any(t.startswith("boom") for t in texts):
            raise RuntimeError("parser broke")
        return real(texts, *args, **kwargs)

    original_call = type(nlp).__call__

    def call(self, text, *args, **kwargs):
        if text.startswith("boom"):
            raise RuntimeError("parser broke")
        return original_call(self, text, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    out = list(code_articles(items, nlp))
    assert isinstance(out[0], CodedArticle) and out[0].events
    assert isinstance(out[1], Failure) and out[1].code == "E199" and out[1].id == "b"


# -- 4. duplicate ids ----------------------------------------------------------------------


def test_second_record_with_an_id_is_an_error_in_place(tmp_path: Path):
    path = _jsonl(
        tmp_path / "d.jsonl",
        [{"id": "d", "text": KANO}, {"id": "d", "text": GOMA}, {"id": "e", "text": DHAKA}],
    )
    out = tmp_path / "o.jsonl"
    result = cli.invoke(app, ["code", str(path), "-o", str(out)])
    rows = _rows(out)
    assert result.exit_code == 1
    assert [(r["id"], (r.get("error") or {}).get("code")) for r in rows] == [
        ("d", None),
        ("d", "E107"),
        ("e", None),
    ]
    assert rows[0]["events"][0]["location"]["name"] == "Kano"


def test_duplicate_id_in_a_run_keeps_the_first_and_counts_right(tmp_path: Path):
    path = _jsonl(tmp_path / "d.jsonl", [{"id": "d", "text": KANO}, {"id": "d", "text": GOMA}])
    db = tmp_path / "d.sqlite"
    for _ in range(2):  # a rerun stores nothing twice and changes nothing
        with Store(db) as store:
            stats = run([path], store)
        with Store(db) as store:
            assert store.counts()["articles"] == 1
            assert store.article("d")["text"] == KANO
            assert [(e["id"], e["code"]) for e in store.errors()] == [("d", "E107")]
    assert stats.errors == 1 and stats.error_codes["E107"] == 1


# -- 5. the store -----------------------------------------------------------------------------


def _digest(path: Path) -> bytes:
    return path.read_bytes()


def test_foreign_database_is_refused_untouched(tmp_path: Path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE people (name TEXT)")
    con.execute("CREATE TABLE migrations (id INTEGER, what TEXT)")  # another tool's
    con.commit()
    con.close()
    before = _digest(db)
    for readonly in (False, True):
        with pytest.raises(ForeignDatabase):
            Store(db, readonly=readonly)
    result = cli.invoke(app, ["run", str(_jsonl(tmp_path / "a.jsonl", [KANO])), "--db", str(db)])
    assert result.exit_code == 2 and "E303" in result.output
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "other.db"]


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path):
    db = tmp_path / "notes.sqlite"
    db.write_text("my notes\n", "utf-8")
    with pytest.raises(ForeignDatabase):
        Store(db)
    assert db.read_text("utf-8") == "my notes\n"


def test_new_and_empty_files_become_stores(tmp_path: Path):
    (tmp_path / "empty.sqlite").touch()
    for name in ("new.sqlite", "empty.sqlite"):
        with Store(tmp_path / name) as store:
            assert store.counts()["articles"] == 0


def _damaged_store(tmp_path: Path) -> Path:
    db = tmp_path / "damaged.sqlite"
    with Store(db) as store:
        store.upsert_many(
            [({"id": f"a{i}", "article": {"title": "t" * 300}, "events": []}, "x" * 4000)
             for i in range(200)]
        )  # fmt: skip
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    for page in range(12, len(data) // 4096):  # b-tree page headers past the schema's pages
        data[page * 4096 : page * 4096 + 12] = b"\xa5" * 12
    db.write_bytes(bytes(data))
    return db


def test_damaged_store_is_a_clean_error_naming_integrity_check(tmp_path: Path):
    db = _damaged_store(tmp_path)
    for command in (["stats"], ["events"], ["export", "--format", "jsonl"]):
        result = cli.invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 2, result.output
        assert "E302" in result.output and "integrity_check" in result.output
        assert "Traceback" not in result.output
    with pytest.raises(StoreDamaged), Store(db, readonly=True) as store:
        store.counts()
        list(store.records())
    assert "integrity_check" in fix_for("E302")


def test_read_only_folder_store_opens_immutable(tmp_path: Path, monkeypatch):
    import newscoder.store.connection as db_module

    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        store.upsert({"id": "a", "article": {}, "events": []}, text="x")
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):  # as SQLite answers in a folder it cannot write
        if isinstance(target, str) and target.endswith("?mode=ro"):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(db_module.sqlite3, "connect", connect)
    monkeypatch.setattr(db_module.os, "access", lambda *a: False)
    with Store(db, readonly=True) as store:
        assert store.counts()["articles"] == 1
        assert "opened immutable" in store.notes[0]


def test_one_writer_at_a_time_and_readers_never_wait(tmp_path: Path):
    import subprocess

    db = tmp_path / "w.sqlite"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from newscoder.store.db import writer_lock\n"
         f"with writer_lock({str(db)!r}):\n print('held', flush=True); time.sleep(3)\n"
         "print('released', flush=True)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusy), writer_lock(db, wait=False):
            pass
        with Store(db, readonly=True) as reader:  # readers never take the lock
            assert reader.counts()["articles"] == 0
        told: list[str] = []
        with writer_lock(db, on_wait=told.append, poll=0.05):
            assert holder.stdout.readline().strip() == "released"  # only once it let go
        assert told and "waiting" in told[0] and "pid" in told[0]
    finally:
        holder.kill()
        holder.wait()


# -- 6. re-ingest with changed metadata; --recode --------------------------------------------


def test_changed_published_recodes_and_recode_recodes(tmp_path: Path):
    text_file = tmp_path / "kano.txt"
    text_file.write_text(KANO + "\n", "utf-8")
    db = tmp_path / "p.sqlite"

    def date_of_event() -> str:
        with Store(db, readonly=True) as store:
            return store.events()[0]["date"]

    base = ["run", str(text_file), "--db", str(db), "--no-progress", "--no-link"]
    assert cli.invoke(app, [*base, "--published", "2023-01-10"]).exit_code == 0
    assert date_of_event() == "2023-01-09"
    again = cli.invoke(app, [*base, "--published", "2023-01-10"])
    assert "1 already stored" in _out(again)
    changed = cli.invoke(app, [*base, "--published", "2023-02-10"])
    assert "stored 1 articles" in _out(changed) and date_of_event() == "2023-02-06"
    forced = cli.invoke(app, [*base, "--published", "2023-02-10", "--recode"])
    assert "stored 1 articles" in _out(forced)
    from_store = cli.invoke(app, ["run", "--recode", "--db", str(db), "--no-progress"])
    assert from_store.exit_code == 0, from_store.output
    assert "stored 1 articles" in _out(from_store) and date_of_event() == "2023-02-06"
    assert cli.invoke(app, ["run", "--db", str(db)]).exit_code == 2  # no inputs, no --recode


# -- 9. HTML fragments and deep trees ---------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "fallback"),
    [
        ("<p>Gunmen killed 3 in Kano.</p>", True),
        (
            "<div>" * 400
            + "<p>Gunmen killed four villagers in Kano on Monday.</p>"
            + "</div>" * 400,
            True,
        ),
        ("<span>Gunmen killed 3 in Kano.</span><script>var x = 1;</script>", False),
        ("<html><body>\x00<b>Gunmen killed 3 in Kano.\ud800</b></body></html>", False),
    ],
)
def test_html_without_a_main_text_falls_back_to_the_page_text(nlp, html: str, fallback: bool):
    article = article_from_html(html, id="h")
    assert "Gunmen killed" in article.text and "var x" not in article.text
    assert any(w.startswith("W105") for w in article.warnings) is fallback
    record = code_article(article, nlp).to_dict()
    assert record["events"] and record["events"][0]["location"]["name"] == "Kano"


# -- 10. control and bidi characters, broken UTF-8, other languages -------------------------


@pytest.mark.parametrize(
    "dirty",
    [
        "Gunmen\x07 killed three\x08 villagers in Kano on Monday, police said.",
        "Gunmen killed three villagers in Kano\u202e on Monday, police said.",
        "Gunmen killed three villagers in \u2066Kano\u2069 on Monday, police said.",
        "Gunmen killed three villagers in Kano\u200b on Monday,\x00 police said.",
        "Gunmen killed three villagers in Kano\ufeff on Monday, police said.\u2028",
    ],
)
def test_control_and_bidi_characters_keep_the_event_and_the_offsets(nlp, dirty: str):
    clean = code_article(article_from_text(KANO, id="c", published="2023-01-10"), nlp).to_dict()
    article = article_from_text(dirty, id="d", published="2023-01-10")
    assert article.text == dirty  # the caller's text, untouched
    assert any(w.startswith("W102") for w in article.warnings)
    record = code_article(article, nlp).to_dict()
    got, want = record["events"][0], clean["events"][0]
    assert (got["plover"], got["fatalities"], got["location"]["name"], got["date"]["value"]) == (
        want["plover"], want["fatalities"], want["location"]["name"], want["date"]["value"]
    )  # fmt: skip
    _spans_hold(record, dirty)


def test_the_invisible_class_matches_unicodedata():
    inside = {cp for a, b in _INVISIBLE_RANGES for cp in range(a, b + 1)}
    expected = {
        cp
        for cp in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(cp)) in ("Cf", "Zl", "Zp"))
        or (unicodedata.category(chr(cp)) == "Cc" and chr(cp) not in "\n\t")
    }
    assert inside == expected
    sample = "a\x07b\u202ec\u2028d\te\nf"
    assert parse_text(sample) == "a b c\nd\te\nf" and len(parse_text(sample)) == len(sample)


def test_mostly_valid_utf8_stays_utf8_with_a_warning():
    data = ("Gunmen killed three villagers in Kanó and Zaría on Monday. " * 3).encode()
    data = data[:20] + b"\xff\xfe" + data[20:]
    text, notes = decode(data)
    assert "Kanó" in text and "Zaría" in text and "\ufffd" in text
    assert notes and notes[0].startswith("W103")
    latin1 = "Le café de Kanó a brûlé lundi matin.".encode("latin-1")
    text, notes = decode(latin1)  # a code page: no valid UTF-8 sequence, so not read as UTF-8
    assert text == "Le café de Kanó a brûlé lundi matin."
    assert [n.split()[0] for n in notes] == ["W106"] and "cp1252" in notes[0]


def test_bad_bytes_in_a_jsonl_line_keep_the_record(tmp_path: Path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(
        b'{"id": "b", "text": "Gunmen killed three villagers in Kano\xff on Monday."}\n'
    )
    (record,) = list(iter_records(path))
    assert record.id == "b" and any(w.startswith("W103") for w in record.warnings)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("قتل مسلحون ثلاثة قرويين في كانو يوم الاثنين، حسبما ذكرت الشرطة.", True),
        ("星期一，枪手在卡诺打死了三名村民，警方说。", True),
        ("Des hommes armés ont tué trois villageois à Kano lundi, selon la police.", True),
        (KANO, False),
        ("Police arrested 12.", False),
        ("Kano, Kaduna, Zamfara: ISWAP, JNIM, TTP.", False),
        ("the police lathicharged the mob at ahmedabad on thursday, officials said.", False),
    ],
)
def test_text_the_coder_does_not_read_gets_a_language_warning(text: str, flagged: bool):
    warned = [w for w in article_from_text(text, id="l").warnings if w.startswith("W104")]
    assert bool(warned) is flagged, warned


# -- 11. strict options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["2022-12-02garbage", "2022-13-01", "0001-01-01", "02/12/2022", "20221202", "x"]
)
def test_published_must_be_a_full_valid_date(value: str):
    with pytest.raises(BadPublished):
        parse_published(value)
    result = cli.invoke(app, ["code", "-", "--published", value], input="")
    assert result.exit_code == 2 and "E200" in result.output and "--published" in result.output


def test_valid_published_forms():
    assert parse_published("2022-12-02") == dt.date(2022, 12, 2)
    assert parse_published("2022-12-02T10:30:00+01:00") == dt.date(2022, 12, 2)
    assert parse_published(" ") is None


def test_year_one_is_a_record_error_not_a_bug(tmp_path: Path):
    path = _jsonl(tmp_path / "y.jsonl", [{"id": "y", "text": KANO, "published": "0001-01-01"}])
    out = tmp_path / "o.jsonl"
    cli.invoke(app, ["code", str(path), "-o", str(out)])
    assert _rows(out)[0]["error"]["code"] == "E104"


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--limit", "-1"],
        ["quotes", "--limit", "-1"],
        ["events", "--linked", "--min-sources", "0"],
        ["run", "x.jsonl", "--chunk-size", "0"],
        ["run", "x.jsonl", "--workers", "0"],
        ["run", "x.jsonl", "--max-chars", "0"],
        ["code", "x.jsonl", "--max-chars", "-5"],
        ["export", "--format", "jsonl", "-o", "missing-folder/out.jsonl"],
        ["export", "--format", "parquet", "-o", "missing-folder/out.parquet"],
        ["code", "x.jsonl", "-o", "missing-folder/out.jsonl"],
        ["eval", "missing-gold.csv", "--limit", "0"],
    ],
)
def test_bad_options_are_usage_errors_with_codes(tmp_path: Path, monkeypatch, args: list[str]):
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path / "x.jsonl", [KANO])
    Store(tmp_path / "newscoder.sqlite").close()
    result = cli.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "[E2" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "missing-folder").exists()


def test_eval_on_a_missing_path_gets_evals_hint(tmp_path: Path):
    result = cli.invoke(app, ["eval", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "gold data" in result.output
    assert ".txt/.html" not in result.output


def test_unreadable_file_gets_a_permission_hint(tmp_path: Path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(KANO, "utf-8")

    def denied(self):  # root reads anything: the error is simulated
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    (record,) = list(iter_records(path))
    assert isinstance(record, Failure) and record.code == "E108"
    assert "permission" in record.message.lower() and "UTF-8" not in record.message


# -- 12. the Python API -------------------------------------------------------------------------


@pytest.mark.parametrize("items", ["a string", b"bytes", {"id": "x", "text": KANO}, 5])
def test_code_many_refuses_a_single_value(items):
    with pytest.raises(UsageError):
        newscoder.code_many(items)


def test_code_many_keeps_bad_items_in_place():
    out = list(newscoder.code_many([KANO, None, 5, b"bytes", {"id": 7, "text": DHAKA}]))
    assert [type(x).__name__ for x in out] == [
        "CodedArticle", "Failure", "Failure", "Failure", "CodedArticle"
    ]  # fmt: skip
    assert out[2].code == "E105" and "bytes" in out[3].message and out[4].id == "7"


def test_code_many_workers_in_a_worker_process_says_main_guard(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "parent_process", lambda: object())
    with pytest.raises(UsageError, match="__main__"):
        newscoder.code_many([KANO], workers=2)


def test_code_id_is_a_string_or_an_error():
    assert newscoder.code(KANO, id=5).id == "5"
    with pytest.raises(UsageError):
        newscoder.code(KANO, id=["x"])  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        newscoder.code(KANO, max_chars=0)


def test_to_dataframe_on_an_unlinked_store_warns(tmp_path: Path):
    pytest.importorskip("pandas")
    from newscoder.frames import UnlinkedStoreWarning

    db = tmp_path / "u.sqlite"
    with Store(db) as store:
        run([_jsonl(tmp_path / "u.jsonl", [{"id": "u", "text": KANO}])], store)
    with pytest.warns(UnlinkedStoreWarning, match="never linked"):
        frame = newscoder.to_dataframe(db, linked=True)
    assert frame.empty and frame.attrs["link_status"]["linked_at"] is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(newscoder.to_dataframe(db)) == 1  # per-report rows need no linking


def test_every_error_and_warning_code_is_documented():
    from newscoder import errors

    documented = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text("utf-8")
    codes = set(errors.WARNINGS)
    stack = [errors.NewscoderError]
    while stack:
        cls = stack.pop()
        codes.add(cls.code)
        stack.extend(cls.__subclasses__())
    missing = sorted(c for c in codes if c != "E000" and f"| {c} |" not in documented)
    assert not missing, f"docs/errors.md lacks {missing}"
    reliability = (Path(__file__).resolve().parents[1] / "docs" / "reliability.md").read_text()
    assert all(f"| {n} |" in reliability for n in range(1, 13))  # every item of issue 14


def test_duplicate_policy_first_article_wins_and_errors_never_clobber_it(tmp_path: Path):
    path = _jsonl(
        tmp_path / "p.jsonl",
        [
            {"id": "x", "text": ""},  # fails: claims nothing
            {"id": "x", "text": KANO},  # the first article with id x: kept
            {"id": "x", "text": "  "},  # would have failed anyway: E107, not E102
        ],
    )
    db = tmp_path / "p.sqlite"
    with Store(db) as store:
        stats = run([path], store)
        assert store.article("x")["text"] == KANO
        assert [(e["id"], e["code"]) for e in store.errors()] == [("x", "E107")]
    assert (stats.articles, stats.errors) == (1, 2)


def test_files_differing_only_in_suffix_keep_distinct_ids(tmp_path: Path):
    (tmp_path / "a.txt").write_text(KANO, "utf-8")
    (tmp_path / "a.html").write_text(f"<p>{DHAKA}</p>", "utf-8")
    (tmp_path / "b.txt").write_text(GOMA, "utf-8")
    ids = [r.id for r in iter_records(tmp_path)]
    assert sorted(ids) == ["a.html", "a.txt", "b"]


def test_html_deeper_than_the_parser_builds_still_gives_its_text():
    from newscoder.ingest.html import fallback_text

    page = "<div>" * 5000 + f"<p>{KANO}</p><script>var x;</script>" + "</div>" * 5000
    assert fallback_text(page) == KANO


# -- odd inputs a user gives the CLI -------------------------------------------------------


def test_a_folder_with_nothing_to_code_is_an_error_not_silence(tmp_path: Path):
    """`code DIR` on a folder with no readable file type printed nothing and exited 0."""
    from newscoder.errors import InputNotFound
    from newscoder.ingest.sources import expand_sources

    empty = tmp_path / "reports.txt"  # a folder, whatever its name says
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    (empty / ".hidden.txt").write_text(KANO, "utf-8")
    result = cli.invoke(app, ["code", str(empty)])
    assert result.exit_code == 2 and "E201" in result.output and "no .txt" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(InputNotFound):
        iter_records(empty)
    good = tmp_path / "good.txt"
    good.write_text(KANO, "utf-8")
    problems: list = []
    assert expand_sources([str(empty), str(good)], problems) == [good]
    assert [(name, error.code) for name, error in problems] == [(str(empty), "E201")]


def test_plain_text_on_stdin_says_that_dash_reads_jsonl():
    from newscoder.ingest.batch import records_from_lines

    (failure,) = records_from_lines([KANO.encode()], prefix="stdin")
    assert isinstance(failure, Failure) and failure.code == "E105"
    assert "`-` reads JSONL" in failure.message and ".txt" in failure.message
