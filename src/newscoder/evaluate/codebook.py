"""Codebook knowledge for evaluation: old ACLED and PLOVER names, actor-type codes,
admin1 aliases, quote marks. The knowledge itself lives in ``data/eval_codebook.json``;
this module loads it once and offers small pure normalisers over it.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newscoder.errors import KnowledgeError
from newscoder.resolve.gazetteer import get_gazetteer

_DATA_FILE = "eval_codebook.json"


@dataclass(frozen=True, slots=True)
class AcledType:
    """A gold ACLED event type mapped to the current codebook.

    ``event_type`` is None when the old type cannot be mapped to one current type
    ("Riots/Protests"); ``accept`` then lists every answer scored as correct.
    ``sub_event_type`` is set when the old type implies one ("Battle-No change of
    territory" is an armed clash).
    """

    event_type: str | None
    accept: tuple[str, ...]
    sub_event_type: str | None = None
    raw: str = ""

    @property
    def ambiguous(self) -> bool:
        return self.event_type is None and len(self.accept) > 1


@functools.cache
def load_codebook() -> dict[str, Any]:
    try:
        text = resources.files("newscoder").joinpath("data", _DATA_FILE).read_text("utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read data/{_DATA_FILE}: {exc}") from exc
    for key in ("acled_event_types", "acled_old_event_types", "acled_inter_codes"):
        if key not in data:
            raise KnowledgeError(f"data/{_DATA_FILE} lacks the key {key!r}")
    return data


@functools.cache
def acled_event_types() -> tuple[str, ...]:
    return tuple(load_codebook()["acled_event_types"])


@functools.cache
def _current_types_by_key() -> dict[str, str]:
    return {name.casefold(): name for name in acled_event_types()}


def canonical_acled_type(value: str | None) -> str | None:
    """The current ACLED type named by ``value`` (any case), or None."""
    if not value:
        return None
    return _current_types_by_key().get(value.strip().casefold())


def normalise_acled_type(raw: str | None) -> AcledType:
    """Map a gold event type of any ACLED schema generation to the current six."""
    text = (raw or "").strip()
    current = canonical_acled_type(text)
    if current is not None:
        return AcledType(current, (current,), raw=text)
    old = load_codebook()["acled_old_event_types"].get(text.casefold())
    if not isinstance(old, dict):
        return AcledType(None, (), raw=text)
    event_type = old.get("event_type")
    accept = tuple(old.get("accept") or ([event_type] if event_type else []))
    return AcledType(event_type, accept, old.get("sub_event_type"), raw=text)


@functools.cache
def date_formats() -> tuple[str, ...]:
    return tuple(load_codebook()["acled_date_formats"])


def inter_name(raw: str | None) -> str | None:
    """ACLED interaction code (1-8, or the type name newer exports write) -> actor type."""
    text = (raw or "").strip()
    if not text or text in {"0", "NA"}:
        return None
    codes: dict[str, str] = load_codebook()["acled_inter_codes"]
    if text.split(".")[0] in codes:
        return codes[text.split(".")[0]]
    by_name = {name.casefold(): name for name in codes.values()}
    return by_name.get(text.casefold())


@functools.cache
def _fatality_patterns() -> tuple[re.Pattern[str], ...]:
    spec = load_codebook().get("fatalities_note_patterns", {})
    return tuple(re.compile(p, re.IGNORECASE) for p in spec.get("patterns", []))


def fatalities_note(notes: str) -> bool:
    """True when the notes say the fatality figure was coded differently from the text."""
    return any(p.search(notes) for p in _fatality_patterns())


def fold(text: str) -> str:
    """Casefold and strip diacritics: "Ségou" -> "segou"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NON_WORD = re.compile(r"[\W_]+")


def _admin1_words(name: str) -> str:
    generic = frozenset(load_codebook().get("admin1_generic_words", ()))
    words = [w for w in _NON_WORD.sub(" ", fold(name)).split() if w not in generic]
    # "Al Anbar" and "Anbar" are one place; the article is not part of the name.
    if len(words) > 1 and words[0] in {"al", "el", "ad", "as", "ar", "an", "at", "az"}:
        words = words[1:]
    return " ".join(words)


def admin1_words(name: str) -> str:
    """An admin1 name as compared: folded words without generic ones or a leading article."""
    return _admin1_words(name)


@functools.cache
def _admin1_alias_keys() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in load_codebook().get("admin1_aliases", []):
        head = _admin1_words(group[0])
        for name in group:
            table[_admin1_words(name)] = head
    return table


def admin1_key(name: str | None) -> str | None:
    """A comparison key for admin1 names: case, diacritics, punctuation, generic words
    ("State", "Province") and known aliases do not matter."""
    if not name or not name.strip():
        return None
    words = _admin1_words(name)
    if not words:
        return fold(name).strip() or None
    # Spelling variants of one unit ("Atacora" / "Atakora", "Couffo" / "Kouffo") share
    # the gazetteer's key when the name is unambiguous there.
    aliased = _admin1_alias_keys().get(words, words)
    units = get_gazetteer().admin1(aliased)
    if len({u.key for u in units}) == 1:
        return units[0].key
    return aliased


@functools.cache
def _quote_marks() -> tuple[frozenset[str], frozenset[str]]:
    spec = load_codebook().get("quote_marks", {})
    return frozenset(spec.get("always", ())), frozenset(spec.get("single", ()))


def has_quote_mark(text: str) -> bool:
    """True when ``text`` contains a quotation mark; an apostrophe inside a word or
    after a plural ("don't", "Clinton's", "voters' views") is not one."""
    always, single = _quote_marks()
    for i, char in enumerate(text):
        if char in always:
            return True
        if char in single:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not before.isalnum() and after.isalnum():
                return True
    return False


def plover_type(raw: str | None) -> tuple[str | None, str | None]:
    """A PLOVER type of any draft -> (current type, mode the old name implies)."""
    text = (raw or "").strip().upper()
    if not text:
        return None, None
    old = load_codebook().get("plover_old_types", {}).get(text)
    if isinstance(old, dict):
        return old.get("type"), old.get("mode")
    return text, None
