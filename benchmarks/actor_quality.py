"""What a user sees first: are the actors and speakers the coder writes people,
groups, organisations or states? (issue 12 item 6)

Codes the bundled examples (the seed, published 2022-12-02; the public-sector
statements; the wire reports) and puts every actor1 / actor2 name and every quote
speaker (its name, else its organisation, else its role) in one class, decided
from a parse of the value (in the article where the value is the text's own
words, else on its own) and from wide-coverage knowledge, never from a list of
the examples' strings:

- ``named``: a person, organisation or group name, a nationality, a country (the
  head is a proper noun or a PERSON / ORG / NORP entity, or a GPE the gazetteer
  knows as a country), or a name the actor knowledge bases know;
- ``generic``: a common noun for people or a group (the world KB's agent nouns,
  the generic actor roles, the collective and group head lists);
- ``document``: a speaker that is a text or a finding ("the release", "a report"),
  whose author the text does not name (not bad: a source, but no actor);
- ``pronoun``: the head is a pronoun or a determiner standing alone ("those");
- ``possessive``: a phrase opened by a possessive pronoun ("my condolences");
- ``nonactor``: a place, a building, a date, a topic, an abstract or any other
  common noun that names no people (a placeholder);
- ``null``: no value.

Bad = pronoun + possessive + nonactor, as a share of the non-null values; the
issue's bar is 1%. Every bad value is listed with its article.

    .venv/bin/python benchmarks/actor_quality.py [--json]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from spacy.tokens import Doc, Span

from newscoder import api, lexicon
from newscoder.knowledge import generic_role
from newscoder.nlp.pipeline import get_nlp
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.places import resolve_place
from newscoder.textutil import load_json
from newscoder.worldkb import agent, classify

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED_PUBLISHED = "2022-12-02"
BAD = ("pronoun", "possessive", "nonactor")
SHOW_ALL = "--all" in sys.argv  # list every value, not only the bad ones
_ACTOR_ENTS = {"PERSON", "ORG", "NORP"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def records() -> list[dict]:
    seed = (EXAMPLES / "kabul-embassy.txt").read_text(encoding="utf-8")
    found = [{"id": "kabul-embassy", "text": seed, "published": SEED_PUBLISHED}]
    for name in ("public-sector-statements.jsonl", "wire-reports.jsonl"):
        for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line))
    return found


def _value_span(value: str, doc: Doc, start: int | None, end: int | None) -> Span:
    """The value as parsed in its article when it is the article's own words there,
    else the value parsed on its own."""
    if start is not None and end is not None and doc.text[start:end] == value:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            return span
    return get_nlp()(value)[:]


def _document_nouns() -> frozenset[str]:
    return frozenset(load_json("speech_cues.json")["document_nouns"])


def _known_group_noun(span: Span) -> bool:
    head = _head(span)
    if generic_role(span[: head.i - span.start + 1].text) is not None:
        return True
    if agent(head.lower_) is not None or agent(head.lemma_.lower()) is not None:
        return True
    return head.lemma_.lower() in lexicon.words("group_heads") or head.lower_ in lexicon.words(
        "group_heads"
    )


_COLLECTIVE = {"range", "number", "group", "lot", "host", "handful", "dozens", "hundreds",
               "thousands", "millions", "scores"}  # fmt: skip


def _head(span: Span):  # type: ignore[no-untyped-def]
    """The phrase head; through "hundreds of", "a range of" to the people named after."""
    head = span.root
    if head.pos_ == "NUM" or head.lemma_.lower() in _COLLECTIVE:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = [c for c in prep.children if c.dep_ == "pobj"]
                if inner:
                    return inner[0]
    return head


def _a_place(span: Span) -> bool:
    """A proper name the gazetteer knows as a town or region ("Aleppo", "near X")
    and neither actor base knows: a place, not an actor (a place may speak, as its
    authorities do, so speakers are not asked)."""
    words = [t.text for t in span if not (t.i == span.start and t.lower_ in {"the", "near"})]
    bare = " ".join(words)
    if classify(bare) is not None or get_gazetteer().country(bare) is not None:
        return False
    return resolve_place(bare) is not None


def value_class(
    value: str | None, doc: Doc, start: int | None, end: int | None, field: str = ""
) -> str:
    if not value or not value.strip():
        return "null"
    span = _value_span(value, doc, start, end)
    head = _head(span)
    if any(t.tag_ == "PRP$" for t in span) and head.pos_ != "PROPN":
        return "possessive"
    if head.pos_ == "PRON" or head.tag_ in {"PRP", "WDT", "WP", "DT", "EX"}:
        return "pronoun"
    if head.ent_type_ in _ACTOR_ENTS:
        return "named"
    if head.ent_type_ in _PLACE_ENTS:
        bare = span.text.removeprefix("the ").removeprefix("The ").strip()
        country = get_gazetteer().country(bare)
        return "named" if country is not None else "nonactor"
    if head.ent_type_:
        return "nonactor"  # a date, a quantity, an event, a law ...
    if field == "speaker" and head.lower_ in _document_nouns():
        return "document"
    if _known_group_noun(span):
        return "generic"
    if head.pos_ == "PROPN":
        return "nonactor" if field != "speaker" and _a_place(span) else "named"
    return "nonactor"


def measure() -> dict:
    counts: dict[str, collections.Counter[str]] = {
        "actor1": collections.Counter(),
        "actor2": collections.Counter(),
        "speaker": collections.Counter(),
    }
    bad: list[dict] = []
    nlp = get_nlp()
    for rec, result in zip(records(), api.code_many(records()), strict=True):
        coded = result.to_dict() if hasattr(result, "to_dict") else None
        if coded is None:
            continue
        doc = nlp(rec["text"])
        values = []
        for event in coded["events"]:
            for field in ("actor1", "actor2"):
                actor = event.get(field)
                if actor is None:
                    values.append((field, None, None, None))
                else:
                    values.append((field, actor["name"], actor.get("start"), actor.get("end")))
        for quote in coded["quotes"]:
            spk = quote.get("speaker") or {}
            value = spk.get("name") or spk.get("organization") or spk.get("role")
            values.append(("speaker", value, spk.get("start"), spk.get("end")))
        for field, value, start, end in values:
            kind = value_class(value, doc, start, end, field)
            counts[field][kind] += 1
            if kind in BAD or SHOW_ALL:
                bad.append({"article": rec["id"], "field": field, "value": value, "class": kind})
    total = sum(c[k] for c in counts.values() for k in c if k != "null")
    n_bad = sum(1 for row in bad if row["class"] in BAD)
    return {
        "counts": {f: dict(c) for f, c in counts.items()},
        "values": total,
        "bad": n_bad,
        "bad_share": round(n_bad / total, 4) if total else 0.0,
        "bad_values": bad,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--all", action="store_true", help="list every value with its class")
    args = parser.parse_args()
    result = measure()
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
        return 0
    for field, count in result["counts"].items():
        print(f"{field:8} " + "  ".join(f"{k} {v}" for k, v in sorted(count.items())))
    print(
        f"bad (pronoun, possessive, non-actor): {result['bad']} of {result['values']} "
        f"non-null values = {result['bad_share']:.1%} (issue 12's bar: 1%)"
    )
    for row in result["bad_values"]:
        print(f"  {row['class']:10} {row['field']:8} {row['value']!r:60.60} {row['article']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
