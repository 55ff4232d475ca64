"""``newscoder eval``: score the coder on gold data, optionally against a baseline."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from newscoder.errors import InputNotFound, UsageError
from newscoder.evaluate.compare import (
    Comparison,
    baseline_of,
    compare,
    load_baseline,
    render_comparison,
    save_baseline,
)
from newscoder.evaluate.gate import evaluate
from newscoder.evaluate.readers import detect_kind

KINDS = ("auto", "acled", "plover", "polnear", "reviewed", "geoparsing", "india-police")


def eval_command(
    path: Path,
    *,
    kind: str,
    limit: int | None,
    errors: int,
    as_json: bool,
    model: str | None,
    baseline_file: Path | None,
    tolerance: float,
    save_to: Path | None,
    bar: AbstractContextManager[Any],
    console: Console,
    err: Console,
    link: bool = False,
) -> int:
    """Run the eval; return 1 when a field dropped more than ``tolerance`` below the
    baseline, else 0. ``bar`` is a rich Progress (or a null context)."""
    from newscoder.nlp.pipeline import get_nlp

    if kind not in KINDS:
        fix = "Use " + ", ".join(KINDS) + "."
        raise UsageError(f"unknown --kind {kind!r}.", fix=fix)
    if not path.exists():
        raise InputNotFound(
            f"no gold data at {path}.",
            fix="Give eval the path of gold data: an ACLED CSV, a PLOVER GSR file or folder, "
            "a PolNeAR folder, or an LGL/GeoVirus XML file (newscoder eval --help).",
        )
    from newscoder.evaluate.geoparsing import eval_geoparsing, looks_like_geoparsing

    if kind == "geoparsing" or (kind == "auto" and looks_like_geoparsing(path)):
        if baseline_file is not None or save_to is not None or link:
            raise UsageError(
                "--compare, --save-baseline and --link do not apply to geoparsing corpora.",
                fix="Drop them; compare the printed figures instead.",
            )
        eval_geoparsing(path, model=model, limit=limit, errors=errors, as_json=as_json)
        return 0
    if kind == "india-police" or (kind == "auto" and detect_kind(path) == "india-police"):
        if baseline_file is not None or save_to is not None or link:
            raise UsageError(
                "--compare, --save-baseline and --link do not apply to IndiaPoliceEvents.",
                fix="Drop them; compare the printed figures (or --json) instead.",
            )
        return india_police_command(
            path, limit=limit, errors=errors, as_json=as_json, model=model, bar=bar,
            console=console,
        )  # fmt: skip
    if tolerance < 0:
        raise UsageError(f"--tolerance {tolerance} is negative.", fix="Give a drop such as 0.005.")
    if link:
        return _link_command(
            path, limit=limit, worst=errors, as_json=as_json, model=model, bar=bar, console=console
        )
    baseline = load_baseline(baseline_file) if baseline_file is not None else None
    if baseline is not None and limit is None:
        limit = baseline.get("limit")  # the baseline's own sample, unless told otherwise
    nlp = get_nlp(model)
    with bar as progress:
        task = progress.add_task("scoring", total=None, events=0, errors=0) if progress else None

        def tick(done: int, total: int | None) -> None:
            if progress and task is not None:
                progress.update(task, completed=done, total=total)

        report = evaluate(path, nlp=nlp, kind=kind, limit=limit, errors=errors, progress=tick)  # type: ignore[arg-type]
    data = report.to_dict()
    comparison: Comparison | None = None
    if baseline is not None:
        comparison = compare(baseline, data, tolerance=tolerance, name=str(baseline_file))
    if save_to is not None:
        save_baseline(baseline_of(data, limit=limit), save_to)
    if as_json:
        if comparison is not None:
            data["comparison"] = comparison.to_dict()
        sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    else:
        report.render(console)
        if comparison is not None:
            render_comparison(comparison, console)
    if save_to is not None:
        err.print(
            "baseline (figures and rule counts, no evaluation text) written to "
            + escape(str(save_to))
        )
    return 0 if comparison is None or comparison.ok else 1


def _link_command(
    path: Path,
    *,
    limit: int | None,
    worst: int,
    as_json: bool,
    model: str | None,
    bar: AbstractContextManager[Any],
    console: Console,
) -> int:
    """``eval --link``: code ACLED notes as articles, link them, report cross-note merges."""
    from newscoder.evaluate.linking import link_eval, render_link_report
    from newscoder.evaluate.readers import detect_kind
    from newscoder.ingest import article_from_text
    from newscoder.nlp.pipeline import get_nlp
    from newscoder.pipeline import code_articles
    from newscoder.types import Failure

    if detect_kind(path) != "acled":
        raise UsageError(f"--link reads ACLED files; {path} is not one.", fix="Give an ACLED CSV.")
    nlp = get_nlp(model)

    def code_many(items):  # type: ignore[no-untyped-def]
        articles = (
            article_from_text(text, id=f"note-{n}", published=published)
            for n, (text, published) in enumerate(items)
        )
        for item in code_articles(articles, nlp):
            if isinstance(item, Failure):
                yield {"id": item.id, "error": {"code": item.code, "message": item.message}}
            else:
                yield item.to_dict()

    with bar as progress:
        task = progress.add_task("coding", total=None, events=0, errors=0) if progress else None

        def tick(done: int, total: int | None) -> None:
            if progress and task is not None:
                progress.update(task, completed=done, total=total)

        report = link_eval(path, code_many, limit=limit, worst=worst, progress=tick)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n")
    else:
        render_link_report(report, console)
    return 0


def india_police_command(
    path: Path,
    *,
    limit: int | None,
    errors: int,
    as_json: bool,
    model: str | None,
    bar: AbstractContextManager[Any],
    console: Console,
) -> int:
    """Score the coder and the keyword search on an IndiaPoliceEvents folder."""
    from newscoder.evaluate.gate import code_many_with
    from newscoder.evaluate.india_police import evaluate_india_police
    from newscoder.nlp.pipeline import get_nlp

    code_many = code_many_with(get_nlp(model))
    with bar as progress:
        task = progress.add_task("scoring", total=None, events=0, errors=0) if progress else None

        def tick(done: int, total: int | None) -> None:
            if progress and task is not None:
                progress.update(task, completed=done, total=total)

        report = evaluate_india_police(path, code_many, limit=limit, errors=errors, progress=tick)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n")
    else:
        report.render(console)
    return 0
