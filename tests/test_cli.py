"""The command line: exit codes, error records in place, store idempotence."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newscoder.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    lines = [
        {"id": "a1", "text": "Militants attacked a police post in Bannu on Monday, killing two officers.",
         "published": "2023-01-10"},
        "this line is not json",
        {"id": "a2", "text": ""},
        {"id": "a3", "text": 42},
        {"id": "a4", "text": "Soldiers clashed with rebels near Goma on Friday.", "published": "not a date"},
        {"id": "a5", "text": "Police arrested 12 protesters in Dhaka on Sunday.", "published": "2022-06-06"},
    ]  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", "utf-8"
    )
    return path


def test_code_batch_keeps_errors_in_place(batch: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(batch), "-o", str(out)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert rows[0]["id"] == "a1"
    assert [r.get("error", {}).get("code") for r in rows] == [
        None,
        "E105",
        "E102",
        "E101",
        "E104",
        None,
    ]
    assert rows[0]["events"] and rows[-1]["events"]
    assert "Traceback" not in result.output


def test_code_single_file_to_stdout():
    result = runner.invoke(
        app, ["code", str(ROOT / "examples" / "kabul-embassy.txt"), "--published", "2022-12-02"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["article"]["published"] == "2022-12-02"
    assert record["events"][0]["location"]["name"] == "Kabul"


@pytest.mark.parametrize(
    "args",
    [
        ["code", "does/not/exist.txt"],
        ["code", str(ROOT / "pyproject.toml")],
        ["code", str(ROOT / "examples" / "kabul-embassy.txt"), "--published", "yesterday"],
        ["events", "--db", "no-such.sqlite"],
    ],
)
def test_usage_errors_exit_2(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_ingest_twice_never_duplicates(batch: Path, tmp_path: Path):
    db = tmp_path / "n.sqlite"
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(batch), "--db", str(db), "--no-progress"])
        assert result.exit_code == 1
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles").fetchone()[0] == 2
    events = con.execute("select count(*) from events").fetchone()[0]
    assert events >= 2
    assert con.execute("select count(*) from errors").fetchone()[0] == 4
    result = runner.invoke(app, ["events", "--db", str(db)])
    assert result.exit_code == 0 and "Bannu" in result.stdout
    csv_out = tmp_path / "e.csv"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "acled-csv", "-o", str(csv_out)]
    )
    assert result.exit_code == 0
    assert csv_out.read_text("utf-8").startswith("event_id_cnty")


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    names = [c.name or c.callback.__name__.rstrip("_") for c in app.registered_commands]
    assert names, "no commands registered"
    missing = [n for n in names if f"newscoder {n}" not in readme]
    assert not missing, f"README does not show: {missing}"


def test_run_links_and_events_shows_linked_events(tmp_path: Path):
    reports = [
        {"id": "r1", "published": "2023-03-14",
         "text": "Gunmen killed five villagers in Kaura Namoda, Zamfara State, on Sunday, police said."},
        {"id": "r2", "published": "2023-03-13",
         "text": "Armed men stormed a market in Kaura Namoda on Sunday and murdered six traders."},
        {"id": "r3", "published": "2023-03-14",
         "text": "Gunmen killed four villagers in Talata Mafara, Zamfara State, on Sunday."},
    ]  # fmt: skip
    corpus = tmp_path / "r.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in reports) + "\n", "utf-8")
    db = tmp_path / "r.sqlite"
    result = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "linked 3 event reports into 2 events (1 told by more than one report" in result.output
    shown = runner.invoke(app, ["events", "--db", str(db), "--linked", "--min-sources", "2"])
    assert shown.exit_code == 0
    assert "Kaura Namoda" in shown.output and "2: r1 k=5, r2 k=6" in shown.output
    assert "Talata" not in shown.output
    out = tmp_path / "linked.csv"
    exported = runner.invoke(
        app, ["export", "--db", str(db), "--format", "acled-csv", "--linked", "-o", str(out)]
    )
    assert exported.exit_code == 0
    assert len(out.read_text("utf-8").splitlines()) == 3  # header + two events
    plover = runner.invoke(app, ["export", "--db", str(db), "--format", "plover-jsonl", "--linked"])
    assert plover.exit_code == 0 and '"n_sources": 2' in plover.output


def test_events_linked_before_any_link_run_is_a_usage_error(batch: Path, tmp_path: Path):
    db = tmp_path / "s.sqlite"
    runner.invoke(app, ["ingest", str(batch), "--db", str(db), "--no-progress"])
    result = runner.invoke(app, ["events", "--db", str(db), "--linked"])
    assert result.exit_code == 2 and "E200" in result.output
    assert "no links yet" in " ".join(result.output.split())


def test_parquet_export_needs_a_file(tmp_path: Path, batch: Path):
    db = tmp_path / "s.sqlite"
    runner.invoke(app, ["ingest", str(batch), "--db", str(db), "--no-progress"])
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet"])
    assert result.exit_code == 2
    out = tmp_path / "e.parquet"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0
