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


# --- rules, explain, eval --compare ---------------------------------------------------

# Throwaway rules declared only inside a fixture's private registry (ids ZZ9xx are never
# used by newscoder); the brackets check that reasons print as text, not rich markup.
_FAKE_RULES = [
    ("ZZ905", "pattern-noun", "extract", "veto", "a [bold]pattern[/bold] of attacks is no event",
     "ACLED codebook 2023, Battles: Armed clash"),
    ("ZZ910", "capital-default", "code", "default", "only the country named: its capital", None),
    ("ZZ915", "clash-is-battle", "map", "map", "two armed sides fighting are a battle", None),
]  # fmt: skip


@pytest.fixture()
def fake_rules(monkeypatch):
    from newscoder import registry

    registry.all_rules()  # the real rules are declared into the real table first
    monkeypatch.setattr(registry, "_RULES", {})
    monkeypatch.setattr(registry, "RULE_MODULES", [])
    for rid, name, stage, kind, reason, source in _FAKE_RULES:
        registry.declare(
            rid, name, registry.Stage(stage), registry.Kind(kind), reason, source=source
        )
    return [r[0] for r in _FAKE_RULES]


def test_rules_lists_every_rule_in_order(fake_rules):
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert [out.index(rid) for rid in fake_rules] == sorted(out.index(rid) for rid in fake_rules)
    assert "a [bold]pattern[/bold] of attacks is no event" in out  # escaped, not styled
    assert "ACLED codebook 2023" in " ".join(out.split())
    shown = runner.invoke(app, ["rules", "--stage", "map", "--json"])
    assert shown.exit_code == 0
    assert [r["id"] for r in json.loads(shown.stdout)] == ["ZZ915"]
    assert json.loads(runner.invoke(app, ["rules", "--json"]).stdout)[0]["stage"] == "extract"
    prefix = runner.invoke(app, ["rules", "ZZ", "--json"])
    assert len(json.loads(prefix.stdout)) == 3


def test_rules_id_prints_one_rule(fake_rules):
    result = runner.invoke(app, ["rules", "zz910"])
    assert result.exit_code == 0, result.output
    assert "ZZ910 capital-default" in result.stdout and "code" in result.stdout
    assert "test_cli" in result.stdout  # where it is declared
    one = json.loads(runner.invoke(app, ["rules", "ZZ905", "--json"]).stdout)
    assert one["name"] == "pattern-noun" and one["cases"] == {"must": [], "must_not": []}


@pytest.mark.parametrize(
    "args", [["rules", "ZZ999"], ["rules", "not-an-id"], ["rules", "--stage", "paint"]]
)
def test_rules_usage_errors(fake_rules, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_explain_shows_triggers_rules_and_values(tmp_path: Path):
    note = tmp_path / "note.txt"
    note.write_text(
        "Gunmen attacked a police post in Bannu on Monday, killing two officers.\n\n"
        "Officials said a pattern of attacks has worried residents.",
        "utf-8",
    )
    result = runner.invoke(app, ["explain", str(note), "--published", "2023-01-10"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Triggers" in out and "'attacked'" in out and "heads event e1" in out
    assert "Bannu" in out and "event note:e1" in out
    data = json.loads(
        runner.invoke(app, ["explain", str(note), "--published", "2023-01-10", "--json"]).stdout
    )
    assert data["id"] == "note" and data["published"] == "2023-01-10"
    attacked = next(t for t in data["triggers"] if t["text"] == "attacked")
    assert attacked["event"] == "note:e1" and attacked["facts"]["family"]
    assert "Bannu" in attacked["sentence"]
    assert data["events"][0]["location"]["name"] == "Bannu"
    assert set(data) >= {"triggers", "decisions", "unplaced", "events", "rule_counts"}


def test_explain_groups_firings_by_trigger(nlp):
    from newscoder.explain import build_explanation
    from newscoder.ingest import article_from_text
    from newscoder.pipeline import code_doc
    from newscoder.registry import Firing

    text = "Rebels attacked the town of Goma on Friday. A wave of attacks worries aid groups."
    article = article_from_text(text, id="g", published="2023-03-04")
    doc = nlp(text)
    coded = code_doc(article, doc)
    later = text.index("attacks")
    firings = [
        Firing("ZZ905", "vetoed", "attacks", later, "a pattern of attacks is no event"),
        Firing("ZZ915", "chose", "attacked", text.index("attacked")),
        Firing("ZZ910", "defaulted", "Goma", text.index("Goma")),
        Firing("ZZ910", "defaulted"),
    ]
    mentions = [(later, later + len("attacks"), {"family": "armed", "generic": True})]
    explanation = build_explanation(coded, doc, firings, mentions)
    by_text = {s.text: s for s in explanation.stories}
    assert by_text["attacks"].fate == "vetoed by ZZ905" and by_text["attacks"].is_trigger
    assert by_text["attacked"].event == "g:e1" and by_text["attacked"].firings[0].rule == "ZZ915"
    assert not by_text["Goma"].is_trigger  # a value decision, not a trigger
    assert [f.outcome for f in explanation.unplaced] == ["defaulted"]
    assert explanation.counts == {"ZZ905": 1, "ZZ910": 2, "ZZ915": 1}
    assert by_text["attacks"].sentence == "A wave of attacks worries aid groups."


_GOLD = (
    "event_id_cnty,event_date,event_type,sub_event_type,inter1,inter2,country,admin1,location,"
    "latitude,longitude,notes,fatalities\n"
    "PAK1,9 January 2023,Battles,Armed clash,2,1,Pakistan,Khyber Pakhtunkhwa,Bannu,32.98,70.6,"
    '"On 9 January 2023, militants attacked a police post in Bannu, killing two officers.",2\n'
    "NGA1,12 March 2021,Protests,Peaceful protest,6,0,Nigeria,Lagos,Lagos,6.45,3.39,"
    '"On 12 March 2021, traders marched in Lagos against a new market levy.",0\n'
)


def test_eval_saves_a_baseline_and_compares_with_it(tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text(_GOLD, "utf-8")
    base = tmp_path / "base.json"
    made = runner.invoke(
        app, ["eval", str(gold), "--no-progress", "--errors", "0", "--save-baseline", str(base)]
    )
    assert made.exit_code == 0, made.output
    saved = json.loads(base.read_text("utf-8"))
    assert saved["documents"] == 2 and "rule_counts" in saved
    assert "militants" not in base.read_text("utf-8")  # figures only, no gold text
    same = runner.invoke(app, ["eval", str(gold), "--no-progress", "--compare", str(base)])
    assert same.exit_code == 0, same.output
    assert "gate passed" in same.stdout
    saved["acled"]["event_type"]["accuracy"] = 1.01  # a baseline the run cannot reach
    base.write_text(json.dumps(saved), "utf-8")
    worse = runner.invoke(app, ["eval", str(gold), "--no-progress", "--compare", str(base)])
    assert worse.exit_code == 1 and "gate FAILED" in worse.stdout
    as_json = runner.invoke(app, ["eval", str(gold), "--json", "--compare", str(base)])
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["comparison"]["ok"] is False and "rule_counts" in data and "acled" in data
    fewer = runner.invoke(app, ["eval", str(gold), "--limit", "1", "--compare", str(base)])
    assert fewer.exit_code == 2 and "E503" in fewer.output
    missing = runner.invoke(app, ["eval", str(gold), "--compare", str(tmp_path / "no.json")])
    assert missing.exit_code == 2
