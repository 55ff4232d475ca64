"""Every rule has sentences that must and must not fire it (tests/rule_cases/*.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscoder.registry import Stage, all_rules, tracing

CASES_DIR = Path(__file__).parent / "rule_cases"
# Rules that no single text can fire (they compare two reports): tested in test_link.py.
_NOT_FROM_ONE_TEXT = {Stage.LINK}


def _cases() -> list[tuple[str, str, str, str]]:
    out = []
    for file in sorted(CASES_DIR.glob("*.tsv")):
        for number, line in enumerate(file.read_text("utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            rule_id, expect, text = line.split("\t", 2)
            assert expect in {"must", "must_not"}, f"{file.name}:{number}: {expect!r}"
            out.append((f"{file.stem}:{number}", rule_id, expect, text.replace("\\n", "\n")))
    return out


CASES = _cases()


@pytest.mark.parametrize(("where", "rule_id", "expect", "text"), CASES, ids=[c[0] for c in CASES])
def test_rule_case(code_text, where: str, rule_id: str, expect: str, text: str) -> None:
    known = {r.id for r in all_rules()}
    assert rule_id in known, f"{where}: no rule {rule_id}"
    with tracing() as trace:
        code_text(text, "2022-12-02")
    fired = trace.counts[rule_id] > 0
    if expect == "must":
        assert fired, f"{where}: {rule_id} did not fire on {text!r}"
    else:
        assert not fired, f"{where}: {rule_id} fired on {text!r}"


def test_every_rule_has_a_must_case() -> None:
    covered = {rule_id for _, rule_id, expect, _ in CASES if expect == "must"}
    missing = [
        str(r) for r in all_rules() if r.stage not in _NOT_FROM_ONE_TEXT and r.id not in covered
    ]
    assert not missing, f"rules without a 'must' case in tests/rule_cases: {missing}"
