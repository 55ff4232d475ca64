"""Streaming readers for gold data: ACLED CSV (any schema generation), PLOVER
gold-standard records (JSON) and PolNeAR attribution annotations (brat standoff).

Readers read from the path the user gives and yield one typed gold item per
document; nothing is copied. A row that cannot be read is skipped and described in
the ``skipped`` list the caller may pass, so one bad row never stops an evaluation.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newscoder.errors import UsageError
from newscoder.evaluate import codebook
from newscoder.lexicon import words
from newscoder.types import Span

Kind = Literal["acled", "plover", "polnear", "reviewed", "geoparsing", "india-police"]

_ACLED_SUFFIXES = (".csv", ".tsv")
_PLOVER_SUFFIXES = (".json", ".jsonl", ".txt")


class GoldFormatError(UsageError):
    code = "E501"
    fix = (
        "Give an ACLED .csv file, a PLOVER gold-standard .json file, a PolNeAR/brat "
        "directory (.txt with .ann), or a directory holding one of these; or name the "
        "format with --kind."
    )


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One ACLED row, normalised to the current codebook.

    ``event_type`` is one of the six current types or None; ``accept`` lists every
    system answer scored as correct (two for the old "Riots/Protests"), and
    ``ambiguous`` marks such rows. ``fatalities_note`` is set when the notes say
    fatalities were coded differently from what the text reports.
    """

    id: str
    text: str
    event_date: dt.date
    published: dt.date
    time_precision: int | None
    event_type: str | None
    accept: tuple[str, ...]
    ambiguous: bool
    event_type_raw: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    inter1: str | None
    inter2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    fatalities: int | None
    fatalities_note: bool
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class GoldPlover:
    id: str
    text: str
    published: dt.date | None
    event_type: str | None
    event_type_raw: str
    mode: str | None
    context: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    location: str | None = None
    location_country: str | None = None


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One attribution relation: who (sources) said (cues) what (contents).

    ``text`` is the whole document text the spans point into.
    """

    doc_id: str
    id: str
    text: str
    sources: tuple[Span, ...]
    cues: tuple[Span, ...]
    contents: tuple[Span, ...]

    @property
    def content_text(self) -> str:
        return " ".join(self.text[s.start : s.end] for s in self.contents)

    @property
    def source_text(self) -> str:
        return " ".join(self.text[s.start : s.end] for s in self.sources)

    @property
    def quoted(self) -> bool:
        return any(codebook.has_quote_mark(self.text[s.start : s.end]) for s in self.contents)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A PolNeAR article with its attribution relations."""

    id: str
    text: str
    published: dt.date | None
    attributions: tuple[GoldAttribution, ...]


Gold = GoldEvent | GoldPlover | GoldDocument


# --- format detection -------------------------------------------------------------


def _files(path: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def _looks_like_json(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            head = fh.read(256).lstrip()
    except OSError:
        return False
    return head[:1] in {"[", "{"}


def detect_kind(path: str | Path) -> Kind:
    """Guess the gold format from the path: extensions first, then contents."""
    path = Path(path)
    if not path.exists():
        raise GoldFormatError(f"gold path {path} does not exist")
    suffix = path.suffix.lower()
    from newscoder.evaluate.reviewed import looks_reviewed

    if path.is_file():
        if suffix == ".jsonl" and looks_reviewed(path):
            return "reviewed"
        if suffix == ".xml":
            from newscoder.evaluate.geoparsing import looks_like_geoparsing

            if looks_like_geoparsing(path):
                return "geoparsing"  # LGL / GeoVirus: scored by evaluate.geoparsing
        if suffix in _ACLED_SUFFIXES:
            return "acled"
        if suffix == ".ann":
            return "polnear"
        if suffix in _PLOVER_SUFFIXES and _looks_like_json(path):
            return "plover"
        raise GoldFormatError(f"cannot tell the gold format of {path}")
    if (path / "docs.jsonl").is_file() and (path / "sents.jsonl").is_file():
        return "india-police"  # IndiaPoliceEvents: newscoder.evaluate.india_police
    if _files(path, (".ann",)):
        return "polnear"
    if any(looks_reviewed(p) for p in _files(path, (".jsonl",))):
        return "reviewed"
    if _files(path, _ACLED_SUFFIXES):
        return "acled"
    if any(_looks_like_json(p) for p in _files(path, _PLOVER_SUFFIXES)):
        return "plover"
    raise GoldFormatError(f"found no ACLED, PLOVER or PolNeAR gold files under {path}")


def read_gold(
    path: str | Path,
    kind: Kind,
    *,
    published_offset: int = 3,
    skipped: list[str] | None = None,
) -> Iterator[Gold]:
    if kind == "acled":
        return read_acled(path, published_offset=published_offset, skipped=skipped)
    if kind == "plover":
        return read_plover(path, skipped=skipped)
    if kind == "polnear":
        return read_polnear(path, skipped=skipped)
    if kind == "reviewed":  # newscoder export --reviewed
        from newscoder.evaluate.reviewed import read_reviewed

        return read_reviewed(path, skipped=skipped)
    if kind == "india-police":
        raise GoldFormatError(
            "IndiaPoliceEvents folders are scored by documents, not by rows: use "
            "newscoder.evaluate.india_police.evaluate_india_police (newscoder eval does)"
        )
    raise GoldFormatError(f"unknown gold kind {kind!r}; use acled, plover, polnear or reviewed")


def count_gold(path: str | Path, kind: Kind) -> int:
    """How many documents ``read_gold`` will yield: cheap next to coding them."""
    return sum(1 for _ in read_gold(path, kind))


# --- ACLED ----------------------------------------------------------------------


def parse_acled_date(text: str) -> dt.date | None:
    """ACLED dates of every generation: "28 December 2022", "2016-07-02", "01-January-2015"."""
    text = text.strip()
    for fmt in codebook.date_formats():
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _value(row: dict[str, str], *names: str) -> str | None:
    for name in names:
        raw = row.get(name)
        if raw is not None and raw.strip() and raw.strip() not in words("gold_missing_values"):
            return raw.strip()
    return None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _delimiter(first_line: str) -> str:
    return max((",", "\t", ";"), key=first_line.count)


def read_acled(
    path: str | Path,
    *,
    published_offset: int = 3,
    skipped: list[str] | None = None,
) -> Iterator[GoldEvent]:
    """Yield ACLED rows from a .csv file or every .csv under a directory.

    ``published`` is ``event_date + published_offset`` days: notes are written
    shortly after the event, so relative dates in them resolve against that day.
    """
    for file in _files(Path(path), _ACLED_SUFFIXES):
        yield from _read_acled_file(file, published_offset, skipped)


def _read_acled_file(
    file: Path, published_offset: int, skipped: list[str] | None
) -> Iterator[GoldEvent]:
    with file.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        first = fh.readline()
        fh.seek(0)
        reader = csv.reader(fh, delimiter=_delimiter(first))
        header = [name.strip().lower() for name in next(reader, [])]
        for number, cells in enumerate(reader, start=1):
            row = dict(zip(header, cells, strict=False))
            gold, problem = _acled_row(row, file, number, published_offset)
            if gold is not None:
                yield gold
            elif skipped is not None:
                skipped.append(f"{file.name} row {number}: {problem}")


def _acled_row(
    row: dict[str, str], file: Path, number: int, published_offset: int
) -> tuple[GoldEvent | None, str]:
    notes = _value(row, "notes")
    if notes is None:
        return None, "no notes"
    date_text = _value(row, "event_date") or ""
    event_date = parse_acled_date(date_text)
    if event_date is None:
        return None, f"unreadable event_date {date_text!r}"
    event_type = codebook.normalise_acled_type(_value(row, "event_type"))
    row_id = _value(row, "event_id_cnty", "data_id", "event_id_no_cnty") or f"{file.stem}:{number}"
    gold = GoldEvent(
        id=row_id,
        text=notes,
        event_date=event_date,
        published=event_date + dt.timedelta(days=published_offset),
        time_precision=_int(_value(row, "time_precision")),
        event_type=event_type.event_type,
        accept=event_type.accept,
        ambiguous=event_type.ambiguous,
        event_type_raw=event_type.raw,
        sub_event_type=_value(row, "sub_event_type") or event_type.sub_event_type,
        actor1=_value(row, "actor1"),
        actor2=_value(row, "actor2"),
        inter1=codebook.inter_name(_value(row, "inter1")),
        inter2=codebook.inter_name(_value(row, "inter2")),
        country=_value(row, "country"),
        admin1=_value(row, "admin1"),
        location=_value(row, "location"),
        lat=_float(_value(row, "latitude")),
        lon=_float(_value(row, "longitude")),
        geo_precision=_int(_value(row, "geo_precision")),
        fatalities=_int(_value(row, "fatalities")),
        fatalities_note=codebook.fatalities_note(notes),
        source_file=file.name,
    )
    return gold, ""


# --- PLOVER ---------------------------------------------------------------------


def _json_records(file: Path) -> Iterator[dict[str, Any]]:
    with file.open(encoding="utf-8-sig") as fh:
        if file.suffix.lower() == ".jsonl":
            for line in fh:
                if line.strip():
                    yield json.loads(line)
            return
        data = json.load(fh)
    if isinstance(data, dict):
        data = data.get("records") or data.get("events") or [data]
    yield from (item for item in data if isinstance(item, dict))


def _actor_names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names = (a.get("actorText") or a.get("name") for a in value if isinstance(a, dict))
    return tuple(n for n in names if n)


def read_plover(path: str | Path, *, skipped: list[str] | None = None) -> Iterator[GoldPlover]:
    """Yield PLOVER gold-standard records (JSON list or JSONL) that carry a text."""
    for file in _files(Path(path), _PLOVER_SUFFIXES):
        if not _looks_like_json(file):
            continue
        try:
            records = list(_json_records(file))
        except ValueError as exc:
            if skipped is not None:
                skipped.append(f"{file.name}: not JSON ({exc})")
            continue
        for number, record in enumerate(records, start=1):
            gold = _plover_record(record, file, number)
            if gold is not None:
                yield gold
            elif skipped is not None and record.get("event") != "DOCUMENT":
                skipped.append(f"{file.name} record {number}: no text or event type")


def _plover_record(record: dict[str, Any], file: Path, number: int) -> GoldPlover | None:
    text = record.get("text")
    raw_type = str(record.get("event") or "")
    event_type, implied_mode = codebook.plover_type(raw_type)
    if not isinstance(text, str) or not text.strip() or event_type in {None, "DOCUMENT"}:
        return None
    published = None
    if isinstance(record.get("date"), str):
        try:
            published = dt.date.fromisoformat(record["date"])
        except ValueError:
            published = None
    place = record.get("eventLoc") if isinstance(record.get("eventLoc"), dict) else {}
    mode = record.get("mode") or implied_mode
    return GoldPlover(
        id=str(record.get("id") or f"{file.stem}:{number}"),
        text=text,
        published=published,
        event_type=event_type,
        event_type_raw=raw_type,
        mode=str(mode).strip().lower() if mode else None,
        context=record.get("context") or None,
        actors=_actor_names(record.get("source")),
        recipients=_actor_names(record.get("target")),
        location=place.get("name"),
        location_country=place.get("country code") or place.get("country_code"),
    )


# --- PolNeAR (brat standoff) ----------------------------------------------------

_ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}$")
_DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
_ROLES = {"source": "sources", "cue": "cues", "content": "contents"}


def _text_for(ann: Path) -> Path | None:
    stems = [ann.stem, _ANNOTATOR_SUFFIX.sub("", ann.stem)]
    dirs = [ann.parent, ann.parent.parent / "text"]
    for folder in dirs:
        for stem in stems:
            candidate = folder / f"{stem}.txt"
            if candidate.is_file():
                return candidate
    return None


def _publication_dates(root: Path) -> dict[str, dt.date]:
    """PolNeAR ships metadata.tsv (filename -> publication_date) beside its splits."""
    start = root if root.is_dir() else root.parent
    for folder in (start, *list(start.parents)[:2]):
        meta = folder / "metadata.tsv"
        if meta.is_file():
            dates: dict[str, dt.date] = {}
            with meta.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    try:
                        dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
                    except (KeyError, TypeError, ValueError):
                        continue
            return dates
    return {}


def _published(stem: str, dates: dict[str, dt.date]) -> dt.date | None:
    if stem in dates:
        return dates[stem]
    match = _DATE_IN_NAME.search(f"_{stem}_")
    return dt.date.fromisoformat(match.group(1)) if match else None


def parse_brat(ann_text: str, doc_id: str, text: str) -> tuple[GoldAttribution, ...]:
    """Attribution relations from brat standoff: text-bound ``T`` lines give typed
    spans (possibly discontinuous, "10 20;25 30"), ``E`` lines tie a source, cue and
    content to one relation."""
    spans: dict[str, tuple[Span, ...]] = {}
    relations: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann_text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0][:1] == "T" and parts[0][1:].isdigit():
            _label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = tuple(
                    Span(*map(int, seg.split())) for seg in offsets.split(";") if seg.strip()
                )
            except (TypeError, ValueError):
                continue
        elif len(parts) >= 2 and parts[0][:1] == "E" and parts[0][1:].isdigit():
            args = [tuple(arg.split(":", 1)) for arg in parts[1].split() if ":" in arg]
            relations.append((parts[0], args))  # type: ignore[arg-type]
    attributions = []
    for rel_id, args in relations:
        roles: dict[str, list[Span]] = {"sources": [], "cues": [], "contents": []}
        for role, ref in args:
            key = _ROLES.get(role.rstrip("0123456789").lower())
            if key is not None:
                roles[key].extend(spans.get(ref, ()))
        if roles["contents"]:
            attributions.append(
                GoldAttribution(
                    doc_id=doc_id,
                    id=rel_id,
                    text=text,
                    sources=tuple(sorted(roles["sources"], key=lambda s: s.start)),
                    cues=tuple(sorted(roles["cues"], key=lambda s: s.start)),
                    contents=tuple(sorted(roles["contents"], key=lambda s: s.start)),
                )
            )
    return tuple(attributions)


def read_polnear(path: str | Path, *, skipped: list[str] | None = None) -> Iterator[GoldDocument]:
    """Yield annotated documents from brat pairs: ``x.txt`` beside ``x.ann``, or
    PolNeAR's ``text/`` and ``attributions/`` folders. Where several annotators
    annotated one article, the first annotation file (by name) is used."""
    root = Path(path)
    dates = _publication_dates(root)
    seen: set[Path] = set()
    for ann in _files(root, (".ann",)):
        text_file = _text_for(ann)
        if text_file is None:
            if skipped is not None:
                skipped.append(f"{ann.name}: no matching .txt file")
            continue
        if text_file in seen:
            continue
        seen.add(text_file)
        text = text_file.read_text(encoding="utf-8").replace("\r\n", "\n")
        doc_id = text_file.stem
        attributions = parse_brat(ann.read_text(encoding="utf-8"), doc_id, text)
        yield GoldDocument(doc_id, text, _published(doc_id, dates), attributions)
