"""Score a coder against gold data: ACLED CSV, PLOVER gold-standard records, PolNeAR.

``run_eval(path, code_fn)`` is the entry point behind ``newscoder eval``; the readers
and metrics are usable on their own.
"""

from __future__ import annotations

from newscoder.evaluate.metrics import (
    AcledScores,
    ClassScore,
    Confusion,
    DistanceScore,
    PloverScores,
    QuoteCounts,
    Score,
    SystemEvent,
    SystemQuote,
    haversine_km,
    match_quotes,
    score_acled,
    score_plover,
)
from newscoder.evaluate.readers import (
    GoldAttribution,
    GoldDocument,
    GoldEvent,
    GoldFormatError,
    GoldPlover,
    detect_kind,
    read_acled,
    read_gold,
    read_plover,
    read_polnear,
)
from newscoder.evaluate.report import Case, CaseRow, CoderMismatch, EvalReport, run_eval

__all__ = [
    "AcledScores",
    "Case",
    "CaseRow",
    "ClassScore",
    "CoderMismatch",
    "Confusion",
    "DistanceScore",
    "EvalReport",
    "GoldAttribution",
    "GoldDocument",
    "GoldEvent",
    "GoldFormatError",
    "GoldPlover",
    "PloverScores",
    "QuoteCounts",
    "Score",
    "SystemEvent",
    "SystemQuote",
    "detect_kind",
    "haversine_km",
    "match_quotes",
    "read_acled",
    "read_gold",
    "read_plover",
    "read_polnear",
    "run_eval",
    "score_acled",
    "score_plover",
]
