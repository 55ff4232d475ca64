"""Property-based fuzzing (Hypothesis): arbitrary Unicode, HTML and JSON records go
through ingest -> code -> store, and

- every input line gives exactly one output, in order;
- ids are preserved (a record's own id, else "<file>:<line>");
- offsets are valid: ``text[start:end]`` is the quoted text (quotes, cues, entities,
  triggers, dates) and evidence lies inside the text, whose length is the caller's;
- no exception escapes, and the store takes every result.

Kept small for CI (a few dozen examples); ``benchmarks/fuzz.py`` runs the same
properties for longer. Every sentence here was written for this test.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newscoder
from newscoder.coding.contract import failure_to_dict
from newscoder.ingest.batch import records_from_lines, unique_ids
from newscoder.ingest.normalise import clean_value
from newscoder.pipeline import code_articles
from newscoder.store import Store, text_hash
from newscoder.types import CodedArticle, Failure

SENTENCES = [
    "Gunmen killed three villagers in Kano on Monday, police said.",
    'A spokesman for the army said: "We will not stop until they surrender."',
    "Police arrested 12 protesters in Dhaka on Sunday.",
    "Soldiers clashed with rebels near Goma on Friday, killing two.",
    "KABUL, Afghanistan — A suicide bomber struck a mosque, officials said.",
    "Protesters marched in Nairobi against price rises.",
    "Reporting by Jane Roe; editing by John Poe",
    "Back to top button",
]
# Any code point, lone surrogates included (Hypothesis leaves them out by default).
ANY_CHAR = st.characters(exclude_categories=())
NOISE = st.text(ANY_CHAR, max_size=12)
GLUE = st.sampled_from([" ", "\n", "\r\n", "\n\n", "\x07", "\u202e", "\u200b", "\ud800", ""])
TEXT = st.lists(st.one_of(st.sampled_from(SENTENCES), NOISE, GLUE), max_size=6).map("".join)
TAG = st.sampled_from(["p", "div", "span", "b", "script", "style", "li", "td", "article"])


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    body = draw(st.one_of(TEXT, STORY)).replace("<", "&lt;")
    for tag in draw(st.lists(TAG, max_size=40)):
        body = f"<{tag}>{body}</{tag}>"
    if draw(st.booleans()):
        body = f"<html><head><title>{draw(NOISE)}</title></head><body>{body}</body></html>"
    return body + draw(st.sampled_from(["", "<div", "</p></p>", "&#xd800;", "\x00"]))


IDS = st.one_of(
    st.none(),
    st.text(ANY_CHAR, max_size=8),
    st.integers(),
    st.sampled_from(["dup", "[red]x[/red]", "x[/i]", ":smile:", "  "]),
    st.lists(st.integers(), max_size=2),
)
PUBLISHED = st.one_of(
    st.none(),
    st.sampled_from(["2022-12-02", "0001-01-01", "2022-12-02garbage", "2022-12-02T10:00", ""]),
    st.integers(),
)
RECORDS = st.fixed_dictionaries(
    {"id": IDS},
    optional={
        "text": st.one_of(TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=1)),
        "html": st.one_of(html_pages(), st.integers()),
        "published": PUBLISHED,
        "title": st.one_of(NOISE, st.integers()),
        "url": st.one_of(NOISE, st.none()),
    },
)
# Records that should code (a sentence somewhere in arbitrary text), and pages.
STORY = st.tuples(TEXT, st.sampled_from(SENTENCES), TEXT).map("".join)
GOOD = st.fixed_dictionaries(
    {"id": st.one_of(st.text(ANY_CHAR, min_size=1, max_size=8), st.integers()), "text": STORY},
    optional={"published": PUBLISHED},
)
PAGES = st.fixed_dictionaries({"id": st.text(ANY_CHAR, max_size=8), "html": html_pages()})


def _ascii(record: dict) -> bytes:
    return json.dumps(record).encode()  # \u escapes: lone surrogates survive


def _raw(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")


LINES = st.one_of(
    GOOD.map(_ascii),
    GOOD.map(_raw),
    GOOD.map(_ascii),
    PAGES.map(_ascii),
    RECORDS.map(_ascii),
    RECORDS.map(_raw),
    st.text(ANY_CHAR, max_size=20).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"[1, 2]", b"null", b'"a string"', b"{", b"   ", b"\xff\xfe{}"]),
)
BATCHES = st.lists(LINES.filter(lambda line: b"\n" not in line), min_size=1, max_size=5)


def _parsed(line: bytes) -> Any:
    try:
        return json.loads(line)
    except UnicodeDecodeError:
        try:
            return json.loads(line.decode("utf-8", "replace"))
        except ValueError:
            return None
    except (ValueError, RecursionError):
        return None


def expected_id(line: bytes, number: int) -> str:
    record = _parsed(line)
    fallback = f"fuzz:{number}"
    if not isinstance(record, dict):
        return fallback
    value = record.get("id")
    if value is None or isinstance(value, dict | list):
        return fallback
    return clean_value(str(value).strip()) or fallback


def check_offsets(coded: CodedArticle) -> int:
    """Assert every quoted span holds; return how many spans were checked."""
    text = coded.article.text
    record = coded.to_dict()
    checked = 0
    spans: list[tuple[dict, str]] = []
    for quote in record["quotes"]:
        spans.append((quote, "text"))
        if quote.get("cue"):
            spans.append((quote["cue"], "text"))
    spans += [(ent, "text") for ent in record["entities"]]
    for event in record["events"]:
        spans.append((event["trigger"], "text"))
        if event["date"].get("start") is not None:
            spans.append((event["date"], "text"))
        for span in event["evidence"]:
            assert 0 <= span["start"] <= span["end"] <= len(text)
            checked += 1
    for value, key in spans:
        assert text[value["start"] : value["end"]] == value[key], (value, text)
        checked += 1
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # storable and printable
    return checked


def check_batch(lines: list[bytes], nlp: Any) -> dict[str, int]:
    """Run one batch through ingest -> code -> store and assert the properties."""
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    records = records_from_lines(lines, prefix="fuzz")
    out = list(code_articles(unique_ids(records), nlp, batch_size=3))
    assert len(out) == len(numbered)  # one output per input, in order
    figures = {"records": len(out), "coded": 0, "failed": 0, "spans": 0}
    for (number, line), result in zip(numbered, out, strict=True):
        assert result.id == expected_id(line, number)  # ids preserved
        if isinstance(result, Failure):
            assert result.code.startswith("E1") and result.code != "E199", result
            figures["failed"] += 1
            continue
        figures["coded"] += 1
        figures["spans"] += check_offsets(result)
        source = _parsed(line)
        if isinstance(source, dict) and isinstance(source.get("text"), str):
            given = source["text"].replace("\r\n", "\n").replace("\r", "\n")
            assert len(result.article.text) == len(given)  # offsets index the caller's text
    with Store(":memory:") as store:
        items = [
            failure_to_dict(r)
            if isinstance(r, Failure)
            else (r.to_dict(), r.article.text, text_hash(r.article.text))
            for r in out
        ]
        assert store.upsert_many(items) == figures["coded"]
        assert store.counts()["articles"] == figures["coded"]
        assert all(store.has(r.id) for r in out if isinstance(r, CodedArticle))
    return figures


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=BATCHES)
def test_fuzzed_batches_keep_order_ids_and_offsets(nlp, batch: list[bytes]):
    check_batch(batch, nlp)


PYTHON_ITEMS = st.one_of(
    TEXT,
    RECORDS,
    st.none(),
    st.integers(),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(PYTHON_ITEMS, max_size=4))
def test_fuzzed_code_many_yields_one_result_per_item(items: list[Any]):
    out = list(newscoder.code_many(items))
    assert len(out) == len(items)
    for result in out:
        assert isinstance(result, CodedArticle | Failure)
        if isinstance(result, CodedArticle):
            check_offsets(result)
        else:
            assert result.code != "E199", result
