"""Geoparsing evaluation: LGL and GeoVirus XML corpora, recognition and resolution scores.

Two formats are read from the path the user gives (nothing is copied):

- LGL (Lieberman et al. 2010, as distributed with Gritta et al.'s "Pragmatic
  Guide to Geoparsing Evaluation"): ``<article docid>`` with ``<text>`` and
  ``<toponyms>``; each ``<toponym>`` has 0-based ``start``/``end``, the
  ``phrase`` and, for most, a ``<gaztag geonameid>`` with ``lat``/``lon``.
  Toponyms without a gaztag count for recognition only.
- GeoVirus (Gritta et al. 2018): ``<article>`` with ``<source>``, ``<text>`` and
  ``<locations>``; each ``<location>`` has ``name``, ``start``/``end`` (1-based:
  ``text[start - 1:end - 1]`` is the name) and ``lat``/``lon``.

Scores (:func:`score_geoparsing`): recognition precision / recall / F1, where a
system span matches a gold span when they overlap (one to one, in text order);
accuracy within 161 km (100 miles) on the matched toponyms that have gold
coordinates, and on all gold toponyms with coordinates (a missed toponym is
wrong); median error in km over the matched ones. A recognised toponym the
system leaves unresolved counts as wrong, with the largest possible error.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newscoder.errors import UsageError
from newscoder.evaluate.metrics import haversine_km

Corpus = Literal["lgl", "geovirus"]
ACCURACY_KM = 161.0
# Half the earth's circumference: the error of a toponym left unresolved.
WORST_KM = math.pi * 6371.0088


class GeoGoldError(UsageError):
    code = "E504"
    fix = (
        "Give an LGL-style XML file (<article><text>...<toponyms><toponym>) or a "
        "GeoVirus-style one (<article><text>...<locations><location>)."
    )


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class GoldGeoDocument:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class SystemToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None
    name: str | None = None


# --- reading --------------------------------------------------------------------


def looks_like_geoparsing(path: str | Path) -> Corpus | None:
    """``"lgl"`` or ``"geovirus"`` when the file is one of those XML corpora."""
    path = Path(path)
    if not path.is_file() or path.suffix.lower() != ".xml":
        return None
    with path.open("rb") as fh:
        head = fh.read(20_000)
    if b"<articles" not in head:
        return None
    if b"<toponyms" in head:
        return "lgl"
    if b"<locations" in head:
        return "geovirus"
    return None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_geoparsing(
    path: str | Path, *, skipped: list[str] | None = None
) -> Iterator[GoldGeoDocument]:
    """Gold documents from an LGL or GeoVirus file, in document order. A toponym
    whose offsets do not point at its text is skipped and described in ``skipped``."""
    corpus = looks_like_geoparsing(path)
    if corpus is None:
        raise GeoGoldError(f"{path} is not an LGL or GeoVirus XML file")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GeoGoldError(f"cannot parse {path}: {exc}") from exc
    reader = _lgl_document if corpus == "lgl" else _geovirus_document
    for number, article in enumerate(root.iter("article")):
        yield reader(article, number, skipped if skipped is not None else [])


def _lgl_document(article: ET.Element, number: int, skipped: list[str]) -> GoldGeoDocument:
    doc_id = article.get("docid") or f"lgl-{number}"
    text = article.findtext("text") or ""
    found = []
    for node in article.iter("toponym"):
        start, end = _int(node.findtext("start")), _int(node.findtext("end"))
        phrase = node.findtext("phrase") or ""
        if start is None or end is None or text[start:end] != phrase:
            skipped.append(f"{doc_id}: toponym {phrase!r} at {start}-{end} does not match")
            continue
        gaz = node.find("gaztag")
        lat = _float(gaz.findtext("lat")) if gaz is not None else None
        lon = _float(gaz.findtext("lon")) if gaz is not None else None
        gid = _int(gaz.get("geonameid")) if gaz is not None else None
        name = gaz.findtext("name") if gaz is not None else None
        found.append(GoldToponym(start, end, phrase, lat, lon, gid, name))
    return GoldGeoDocument(doc_id, text, tuple(sorted(found, key=lambda t: t.start)))


def _geovirus_document(article: ET.Element, number: int, skipped: list[str]) -> GoldGeoDocument:
    doc_id = f"geovirus-{number}"
    text = article.findtext("text") or ""
    found: dict[tuple[int, int], GoldToponym] = {}
    # One article nests a location inside another: only nodes with their own name count.
    for node in article.iter("location"):
        name = node.findtext("name")
        start, end = _int(node.findtext("start")), _int(node.findtext("end"))
        if name is None or start is None or end is None:
            continue
        start, end = start - 1, end - 1  # GeoVirus offsets count from 1
        if text[start:end] != name:
            skipped.append(f"{doc_id}: location {name!r} at {start}-{end} does not match")
            continue
        lat, lon = _float(node.findtext("lat")), _float(node.findtext("lon"))
        found[(start, end)] = GoldToponym(start, end, name, lat, lon, None, name)
    return GoldGeoDocument(doc_id, text, tuple(sorted(found.values(), key=lambda t: t.start)))


# --- scoring --------------------------------------------------------------------


@dataclass(slots=True)
class GeoCounts:
    """Counts that add up over documents; the scores are read from them."""

    documents: int = 0
    gold: int = 0
    system: int = 0
    matched: int = 0
    gold_with_coords: int = 0
    matched_with_coords: int = 0
    within: int = 0
    unresolved: int = 0
    errors_km: list[float] = field(default_factory=list)

    def __iadd__(self, other: GeoCounts) -> GeoCounts:
        self.documents += other.documents
        self.gold += other.gold
        self.system += other.system
        self.matched += other.matched
        self.gold_with_coords += other.gold_with_coords
        self.matched_with_coords += other.matched_with_coords
        self.within += other.within
        self.unresolved += other.unresolved
        self.errors_km.extend(other.errors_km)
        return self

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy_recognised(self) -> float:
        """Share of recognised toponyms (with gold coordinates) within 161 km."""
        return self.within / self.matched_with_coords if self.matched_with_coords else 0.0

    @property
    def accuracy_all(self) -> float:
        """Share of all gold toponyms with coordinates recognised and within 161 km."""
        return self.within / self.gold_with_coords if self.gold_with_coords else 0.0

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    def to_dict(self) -> dict[str, Any]:
        median = self.median_km
        return {
            "documents": self.documents,
            "gold": self.gold,
            "system": self.system,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold_with_coords": self.gold_with_coords,
            "matched_with_coords": self.matched_with_coords,
            "unresolved": self.unresolved,
            "accuracy_161km_recognised": round(self.accuracy_recognised, 4),
            "accuracy_161km_all": round(self.accuracy_all, 4),
            "median_error_km": None if median is None else round(median, 1),
        }


@dataclass(frozen=True, slots=True)
class ToponymPair:
    """A gold toponym and the system span matched to it (None: missed)."""

    gold: GoldToponym
    system: SystemToponym | None
    error_km: float | None  # None: no gold coordinates, or missed


def match_toponyms(
    gold: Sequence[GoldToponym], system: Sequence[SystemToponym]
) -> tuple[list[ToponymPair], list[SystemToponym]]:
    """Pair gold and system spans that overlap, one to one, in text order; the
    system spans left over are spurious. Among overlapping candidates the one
    sharing most characters wins, then the one starting closest."""
    used: set[int] = set()
    pairs = []
    ordered = sorted(range(len(system)), key=lambda i: (system[i].start, system[i].end))

    def fit(i: int, g: GoldToponym) -> tuple[int, int]:
        s = system[i]
        return (min(s.end, g.end) - max(s.start, g.start), -abs(s.start - g.start))

    for g in gold:
        best = None
        for i in ordered:
            s = system[i]
            if i in used or s.end <= g.start or s.start >= g.end:
                continue
            if best is None or fit(i, g) > fit(best, g):
                best = i
        if best is None:
            pairs.append(ToponymPair(g, None, None))
            continue
        used.add(best)
        s = system[best]
        pairs.append(ToponymPair(g, s, _error_km(g, s)))
    spurious = [system[i] for i in ordered if i not in used]
    return pairs, spurious


def _error_km(gold: GoldToponym, system: SystemToponym) -> float | None:
    if gold.lat is None or gold.lon is None:
        return None
    if system.lat is None or system.lon is None:
        return WORST_KM
    return haversine_km(gold.lat, gold.lon, system.lat, system.lon)


def document_counts(gold: GoldGeoDocument, system: Sequence[SystemToponym]) -> GeoCounts:
    pairs, _ = match_toponyms(gold.toponyms, system)
    counts = GeoCounts(documents=1, gold=len(gold.toponyms), system=len(system))
    for pair in pairs:
        has_coords = pair.gold.lat is not None and pair.gold.lon is not None
        counts.gold_with_coords += has_coords
        if pair.system is None:
            continue
        counts.matched += 1
        if pair.error_km is None:
            continue
        counts.matched_with_coords += 1
        counts.errors_km.append(pair.error_km)
        if pair.system.lat is None:
            counts.unresolved += 1
        elif pair.error_km <= ACCURACY_KM:
            counts.within += 1
    return counts


# --- running --------------------------------------------------------------------

SystemFn = Callable[[Sequence[str]], Iterable[Sequence[SystemToponym]]]


@dataclass(frozen=True, slots=True)
class GeoCase:
    """One document's mistakes, for reading errors: missed, spurious and far-off toponyms."""

    id: str
    badness: float
    lines: tuple[str, ...]


@dataclass(slots=True)
class GeoReport:
    corpus: str
    path: str
    seconds: float
    total: GeoCounts
    halves: tuple[GeoCounts, GeoCounts]
    worst: list[GeoCase] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "geoparsing",
            "corpus": self.corpus,
            "path": self.path,
            "seconds": round(self.seconds, 2),
            "all": self.total.to_dict(),
            "first_half": self.halves[0].to_dict(),
            "second_half": self.halves[1].to_dict(),
            "worst": [
                {"id": c.id, "badness": c.badness, "lines": list(c.lines)} for c in self.worst
            ],
            "skipped": self.skipped[:50],
        }


def _case(gold: GoldGeoDocument, system: Sequence[SystemToponym]) -> GeoCase:
    pairs, spurious = match_toponyms(gold.toponyms, system)
    lines = []
    for pair in pairs:
        if pair.system is None:
            lines.append(f"missed {pair.gold.text!r} at {pair.gold.start}")
        elif pair.error_km is not None and pair.error_km > ACCURACY_KM:
            lines.append(
                f"far {pair.gold.text!r} at {pair.gold.start}: {pair.system.name!r} "
                f"{pair.error_km:.0f} km off"
            )
    lines += [f"spurious {gold.text[s.start : s.end]!r} at {s.start}" for s in spurious]
    return GeoCase(gold.id, float(len(lines)), tuple(lines))


def run_geoparsing_eval(
    path: str | Path,
    system_fn: SystemFn,
    *,
    limit: int | None = None,
    errors: int = 5,
    batch: int = 32,
) -> GeoReport:
    """Score ``system_fn`` (texts -> toponyms per text, same order) on a corpus.

    Documents are split into halves by document order (the first half to read
    errors on, the second to check that a change generalises); the ``errors``
    worst documents are taken from the first half."""
    import time

    skipped: list[str] = []
    docs = list(read_geoparsing(path, skipped=skipped))
    if limit is not None:
        docs = docs[:limit]
    corpus = looks_like_geoparsing(path) or "?"
    started = time.perf_counter()
    total, first, second = GeoCounts(), GeoCounts(), GeoCounts()
    cases: list[GeoCase] = []
    half = (len(docs) + 1) // 2
    for at in range(0, len(docs), batch):
        chunk = docs[at : at + batch]
        results = list(system_fn([d.text for d in chunk]))
        if len(results) != len(chunk):
            raise GeoGoldError("the geoparser returned a different number of results")
        for n, (gold, system) in enumerate(zip(chunk, results, strict=True), start=at):
            counts = document_counts(gold, system)
            total += counts
            if n < half:
                first += counts
            else:
                second += counts
            if errors > 0 and n < half:
                # Worst cases come from the first half only: errors are read
                # there, the second half checks that a change generalises.
                cases.append(_case(gold, system))
                cases = sorted(cases, key=lambda c: -c.badness)[:errors]
    return GeoReport(
        corpus,
        str(path),
        time.perf_counter() - started,
        total,
        (first, second),
        [c for c in cases if c.badness > 0],
        skipped,
    )


# --- the command ------------------------------------------------------------------

# Published figures on LGL (Gritta et al., "What's missing in geoparsing?", 2018),
# printed beside ours so a reader sees where the geoparser stands.
LGL_ANCHORS = (
    ("Edinburgh Geoparser", 0.62, 0.76),
    ("GeoTxt", 0.68, 0.68),
    ("Topocluster", 0.71, None),
    ("Palladian", 0.66, 0.78),
)


def geoparse_system(model: str | None = None, *, demonyms: bool = False) -> SystemFn:
    """The project's geoparser as a ``SystemFn`` (texts in, toponyms out)."""
    from newscoder.resolve.geoparse import geoparse_many

    def run(texts: Sequence[str]) -> Iterable[Sequence[SystemToponym]]:
        for toponyms in geoparse_many(texts, model=model, demonyms=demonyms):
            yield [SystemToponym(t.start, t.end, t.lat, t.lon, t.name) for t in toponyms]

    return run


def render_geo_report(report: GeoReport) -> str:
    """The report as plain text: one row per half and for all, then the anchors."""

    def row(label: str, c: GeoCounts) -> str:
        median = "—" if c.median_km is None else f"{c.median_km:.1f}"
        return (
            f"{label:<12}{c.documents:>6}{c.gold:>7}{c.system:>7}{c.precision:>7.3f}"
            f"{c.recall:>7.3f}{c.f1:>7.3f}{c.accuracy_recognised:>9.3f}"
            f"{c.accuracy_all:>9.3f}{median:>10}"
        )

    lines = [
        f"geoparsing: {report.corpus} ({report.path}), {report.seconds:.1f} s",
        f"{'':<12}{'docs':>6}{'gold':>7}{'system':>7}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'acc@161':>9}{'acc@161':>9}{'median':>10}",
        f"{'':<12}{'':>6}{'':>7}{'':>7}{'':>7}{'':>7}{'':>7}{'recog.':>9}{'all':>9}{'km':>10}",
        row("first half", report.halves[0]),
        row("second half", report.halves[1]),
        row("all", report.total),
        "",
        "acc@161 recog.: recognised toponyms (span overlap) within 161 km of gold;",
        "unresolved ones count as wrong. acc@161 all: over every gold toponym with",
        "coordinates. Anchors on LGL (Gritta et al.): "
        + "; ".join(
            f"{name} F1 {f1:.2f}" + (f" / acc@161 {acc:.2f}" if acc is not None else "")
            for name, f1, acc in LGL_ANCHORS
        ),
    ]
    if report.worst:
        lines.append("")
        lines.append("worst documents (first half):")
        for case in report.worst:
            lines.append(f"  {case.id}: " + "; ".join(case.lines[:8]))
    return "\n".join(lines)


def eval_geoparsing(
    path: str | Path,
    *,
    model: str | None = None,
    limit: int | None = None,
    errors: int = 5,
    as_json: bool = False,
    demonyms: bool = False,
) -> GeoReport:
    """What ``newscoder eval PATH --kind geoparsing`` runs: score the project's
    geoparser and print the report (JSON with ``as_json``)."""
    import json
    import sys

    system = geoparse_system(model, demonyms=demonyms)
    report = run_geoparsing_eval(path, system, limit=limit, errors=errors)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_geo_report(report) + "\n")
    return report
