"""The rule registry, the families and the word-list loader."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newscoder import lexicon
from newscoder.families import PHYSICAL, VIOLENT, Family
from newscoder.registry import (
    RULE_MODULES,
    Kind,
    RuleError,
    Stage,
    all_rules,
    declare,
    fire,
    get_rule,
    tracing,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "newscoder"


def test_ids_are_unique_and_well_formed() -> None:
    rules = all_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", r.id), r.id
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r.name), r.name
        assert r.reason and len(r.reason) <= 160 and "\n" not in r.reason, r.id


def test_a_second_declaration_of_an_id_fails() -> None:
    rules = all_rules()
    if not rules:
        pytest.skip("no rules declared yet")
    first = rules[0]
    with pytest.raises(RuleError):
        declare(first.id, "again", Stage.CODE, Kind.VETO, "twice")


def test_unknown_ids_fail_loudly() -> None:
    with pytest.raises(RuleError):
        get_rule("ZZ999")


def test_every_module_that_declares_rules_is_listed() -> None:
    declaring = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        if re.search(r"^\s*(?:@rule|\w+ = declare)\(", text, re.M) and path.name != "registry.py":
            rel = path.relative_to(SRC.parent).with_suffix("")
            declaring.add(".".join(rel.parts))
    assert declaring <= set(RULE_MODULES), declaring - set(RULE_MODULES)


def test_tracing_counts_and_is_free_outside_a_block() -> None:
    fire("ZZ000", "kept")  # no block open: nothing happens, nothing fails
    with tracing() as trace:
        fire("ZZ000", "kept", "attack", 4)
        fire("ZZ000", "vetoed")
    assert trace.counts["ZZ000"] == 2
    assert [f.outcome for f in trace.firings] == ["kept", "vetoed"]
    with tracing(keep_firings=False) as counts_only:
        fire("ZZ000", "kept")
    assert counts_only.counts["ZZ000"] == 1 and not counts_only.firings


def test_families_are_the_lexicon_families() -> None:
    import json
    from importlib import resources

    data = json.loads(
        resources.files("newscoder").joinpath("data", "triggers.json").read_text("utf-8")
    )
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "family":
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    assert found <= {f.value for f in Family}, found - {f.value for f in Family}
    assert VIOLENT <= PHYSICAL
    assert Family("kill") is Family.KILL and Family.KILL == "kill"


@pytest.mark.parametrize("name", lexicon.list_names())
def test_every_word_list_loads(name: str) -> None:
    filename, _, _ = lexicon._lines(name)
    if filename.endswith(".tsv"):
        assert lexicon.word_map(name)
    else:
        assert lexicon.words(name)
        lexicon.word_pattern(name)  # compiles


_SCHEMA_PACKAGES = {"store", "serve"}  # column names and SQL are schema, not vocabulary
# Module-level tuples that are configuration or schema, not vocabulary.
_NOT_VOCABULARY = {
    "commands/evaluate.py:KINDS",  # the eval command's --kind choices
    "frames.py:_COUNTS",  # integer columns of the store's frames
    "ingest/batch.py:FORMATS",  # file suffix -> reader
    "ingest/credits.py:_CREDIT_SECTIONS",  # section names of data/credit_patterns.txt
    "nlp/ruler_match.py:_SPECIAL",  # spaCy token attribute names
    "nlp/segmented_matcher.py:_STRING_ATTRS",  # spaCy token attribute names
    "nlp/segmented_matcher.py:_ANNOTATIONS",  # spaCy token attribute names
    "resolve/geoparse.py:FEATURES",  # the output contract's feature values
    "extract/vetoes.py:_CHARGE_CLIMB",  # spaCy dependency labels
}


def _strings(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Call) and node.args:  # frozenset({...}), re.compile("...")
        node = node.args[0]
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        return [
            e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    if isinstance(node, ast.Dict):
        return [
            k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    return []


def _alternatives(node: ast.AST | None) -> int:
    """How many words a module-level regex alternates between."""
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        pattern = node.args[0].value
        if isinstance(pattern, str):
            groups = re.findall(r"\(\?:([^()]*)\)", pattern)
            return max((g.count("|") + 1 for g in groups), default=0)
    return 0


def _module_word_lists(path: Path) -> list[str]:
    """Module-level sets, lists, tuples or dicts of five or more strings, and regexes
    alternating between five or more words."""
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            continue
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if any(f"{path.relative_to(SRC)}:{n}" in _NOT_VOCABULARY for n in names):
            continue
        if len(_strings(node.value)) >= 5 or _alternatives(node.value) >= 5:
            found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_no_word_lists_left_in_code() -> None:
    allowed = {"lexicon.py", "families.py", "registry.py"}  # registry: module names
    found = [
        hit
        for path in sorted(SRC.rglob("*.py"))
        if path.name not in allowed and path.relative_to(SRC).parts[0] not in _SCHEMA_PACKAGES
        for hit in _module_word_lists(path)
    ]
    assert not found, f"move these word lists to src/newscoder/data/words/: {found}"


def test_lexicon_errors_name_the_file() -> None:
    with pytest.raises(lexicon.LexiconError, match="no word list"):
        lexicon.words("no_such_list")
