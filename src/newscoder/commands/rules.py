"""``newscoder rules``: the rule table, in the order the pipeline applies it, or one rule.

Like ``ruff rule E501``: ``newscoder rules EV010`` prints one rule in full, with the
sentences that must and must not fire it when the repository's
``tests/rule_cases`` are at hand.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newscoder.errors import UsageError
from newscoder.registry import Rule, Stage, all_rules

_ID = re.compile(r"[A-Z]{2}\d{3}")
_PREFIX = re.compile(r"[A-Z]{2}")
# In a checkout (editable install) the per-rule cases sit next to the package.
CASES_DIR = Path(__file__).resolve().parents[3] / "tests" / "rule_cases"


def select(rule_id: str | None = None, stage: str | None = None) -> list[Rule]:
    """The rules asked for, in application order: all, one stage's, one id prefix's
    (``EV``) or one id (``EV010``)."""
    rules = all_rules()
    if stage is not None:
        if stage.lower() not in {s.value for s in Stage}:
            stages = ", ".join(s.value for s in Stage)
            raise UsageError(f"unknown stage {stage!r}.", fix=f"Use --stage with one of {stages}.")
        rules = [r for r in rules if r.stage == stage.lower()]
    if rule_id is None:
        return rules
    wanted = rule_id.strip().upper()
    if _ID.fullmatch(wanted):
        found = [r for r in rules if r.id == wanted]
    elif _PREFIX.fullmatch(wanted):
        found = [r for r in rules if r.id.startswith(wanted)]
    else:
        raise UsageError(
            f"{rule_id!r} is not a rule id.", fix="Give an id such as EV010, or a prefix (EV)."
        )
    if not found:
        raise UsageError(f"no rule {wanted}.", fix="`newscoder rules` lists every rule.")
    return found


def cases(rule: Rule, folder: Path = CASES_DIR) -> dict[str, list[str]]:
    """The rule's must / must_not sentences from ``tests/rule_cases/PREFIX.tsv``."""
    out: dict[str, list[str]] = {"must": [], "must_not": []}
    file = folder / f"{rule.id[:2]}.tsv"
    if not file.is_file():
        return out
    for line in file.read_text("utf-8").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[0] == rule.id and parts[1] in out:
            out[parts[1]].append(parts[2].replace("\\n", "\n"))
    return out


def rule_to_dict(rule: Rule, *, with_cases: bool = False) -> dict[str, Any]:
    out = rule.to_dict()
    if with_cases:
        out["cases"] = cases(rule)
    return out


def rules_table(rules: list[Rule]) -> Table:
    table = Table(title=f"{len(rules)} rules, in the order they apply", title_justify="left")
    for col in ("id", "name", "stage", "kind", "reason", "source"):
        table.add_column(col, overflow="fold", no_wrap=col == "id")
    for r in rules:
        # Text cells: reasons and sources may hold brackets that rich would read as markup.
        table.add_row(
            Text(r.id, style="bold"),
            Text(r.name),
            Text(str(r.stage)),
            Text(str(r.kind)),
            Text(r.reason),
            Text(r.source or "", style="dim"),
        )
    return table


def print_rule(rule: Rule, console: Console) -> None:
    """One rule in full: what it is, where it lives, what it follows, its cases."""
    console.print(Text(f"{rule.id} {rule.name}", style="bold"))
    console.print()
    console.print(Text(rule.reason))
    console.print()
    for label, value in (
        ("stage", str(rule.stage)),
        ("kind", str(rule.kind)),
        ("declared in", rule.module),
        ("source", rule.source or "(none: a newscoder rule)"),
    ):
        console.print(Text(f"{label:>12}  ", style="dim") + Text(value))
    found = cases(rule)
    for label, key in (("must fire on", "must"), ("must not fire on", "must_not")):
        if found[key]:
            console.print(Text(f"\n{label}:", style="bold"))
            for sentence in found[key]:
                console.print(Text(f"  {sentence}"))


def rules_command(
    rule_id: str | None, *, stage: str | None, as_json: bool, console: Console
) -> None:
    rules = select(rule_id, stage)
    one = rule_id is not None and _ID.fullmatch(rule_id.strip().upper()) is not None
    if as_json:
        data: Any = (
            rule_to_dict(rules[0], with_cases=True) if one else [rule_to_dict(r) for r in rules]
        )
        sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    elif one:
        print_rule(rules[0], console)
    elif not rules:
        console.print("no rules registered" + (f" for stage {stage}" if stage else ""))
    else:
        console.print(rules_table(rules))
