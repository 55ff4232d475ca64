"""newscoder scored by itself: the coder as an eval ``code_many``, and the dev subsets
the accuracy gate checks.

``newscoder eval``, ``tests/test_gate.py`` and ``scripts/baseline.py`` all run the
coder through :func:`evaluate`, so the CLI, the CI gate and the committed baseline
measure the same thing. The gate's subsets are small prefixes of the development
data in ``../shared/eval`` (under a minute on one core in all); their baselines live
in ``benchmarks/baseline/NAME.json``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newscoder.errors import NewscoderError
from newscoder.evaluate.report import CodeMany, EvalReport, Progress, run_eval

if TYPE_CHECKING:
    import datetime as dt

    from spacy.language import Language

GoldKind = Literal["auto", "acled", "plover", "polnear", "reviewed"]


def code_many_with(nlp: Language) -> CodeMany:
    """The coder as run_eval's ``code_many``: one contract record per (text, published),
    parsed in ``nlp.pipe`` batches; a text that cannot be coded gives an error record."""
    from newscoder.ingest import article_from_text
    from newscoder.pipeline import code_articles
    from newscoder.types import Failure

    def code_many(items: Iterable[tuple[str, dt.date | None]]) -> Iterator[dict[str, Any]]:
        def articles() -> Iterator[Any]:
            for n, (text, published) in enumerate(items):
                try:
                    yield article_from_text(text, id=f"gold-{n}", published=published)
                except NewscoderError as exc:
                    yield Failure(f"gold-{n}", exc.code, str(exc))

        for item in code_articles(articles(), nlp):
            if isinstance(item, Failure):
                yield {"id": item.id, "error": {"code": item.code, "message": item.message}}
            else:
                yield item.to_dict()

    return code_many


def evaluate(
    path: str | Path,
    *,
    nlp: Language | None = None,
    kind: GoldKind = "auto",
    limit: int | None = None,
    errors: int = 5,
    progress: Progress | None = None,
) -> EvalReport:
    """Score newscoder on the gold data at ``path`` (rule counts included)."""
    from newscoder.nlp.pipeline import get_nlp

    return run_eval(
        path,
        code_many=code_many_with(nlp or get_nlp()),
        kind=kind,
        limit=limit,
        errors=errors,
        progress=progress,
    )


# --- the gate's subsets -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GateSet:
    """A prefix of one development set: ``source`` is relative to the eval folder."""

    name: str
    source: str
    kind: Literal["acled", "plover", "polnear"]
    limit: int | None

    def path(self, eval_dir: Path) -> Path:
        return eval_dir / self.source


# Sizes keep the whole gate under about a minute on one core (the coder codes ~100
# notes/s; PolNeAR articles are long): Benin and Africa whole, the rest prefixes.
# Change a size only together with a fresh baseline (scripts/baseline.py update).
GATE_SETS: tuple[GateSet, ...] = (
    GateSet("benin", "acled-dev/benin-2009-2022.csv", "acled", None),
    GateSet("africa-2016", "acled-dev/africa-2016-07.csv", "acled", None),
    GateSet("south-asia-2015", "acled-dev/south-asia-2015.csv", "acled", 600),
    GateSet("global-2022-h1", "acled-dev/global-2022-h1.csv", "acled", 600),
    GateSet("plover-gsr", "plover-gsr", "plover", None),
    GateSet("polnear-dev", "polnear/dev", "polnear", 40),
)


def gate_set(name: str) -> GateSet:
    for entry in GATE_SETS:
        if entry.name == name:
            return entry
    known = ", ".join(s.name for s in GATE_SETS)
    raise KeyError(f"no gate set {name!r} (known: {known})")


def default_eval_dir(repo_root: Path) -> Path:
    """``$NEWSCODER_EVAL_DIR``, else ``shared/eval`` next to the repository (as in CI)."""
    configured = os.environ.get("NEWSCODER_EVAL_DIR")
    return Path(configured) if configured else repo_root.parent / "shared" / "eval"


def run_gate_set(entry: GateSet, eval_dir: Path, nlp: Language | None = None) -> EvalReport:
    return evaluate(entry.path(eval_dir), nlp=nlp, kind=entry.kind, limit=entry.limit, errors=0)
