"""``newscoder explain``: how each article of an input was coded, rule by rule."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape

from newscoder.errors import UsageError
from newscoder.explain import explain_article, render_explanation
from newscoder.types import Article, Failure


def explain_command(
    records: Iterable[Article | Failure],
    *,
    record_id: str | None,
    as_json: bool,
    model: str | None,
    console: Console,
    err: Console,
) -> int:
    """Explain every article in ``records`` (or only ``record_id``); 1 when a record
    could not be read, else 0."""
    from newscoder.nlp.pipeline import get_nlp

    nlp = get_nlp(model)
    failed = shown = 0
    for item in records:
        if record_id is not None and item.id != record_id:
            continue
        if isinstance(item, Failure):
            failed += 1
            err.print(f"[yellow]{escape(item.id)}[/yellow]: {escape(item.message)}")
            continue
        explanation = explain_article(item, nlp)
        shown += 1
        if as_json:  # one JSON object a line, like `newscoder code`
            sys.stdout.write(json.dumps(explanation.to_dict(), ensure_ascii=False) + "\n")
        else:
            render_explanation(explanation, console)
    if record_id is not None and not shown and not failed:
        raise UsageError(f"no record {record_id!r} in the input.", fix="Check --id.")
    return 1 if failed else 0
