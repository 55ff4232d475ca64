"""The charset a web page declares about itself, read from its bytes.

``<meta charset="windows-1251">`` and ``<meta http-equiv="Content-Type"
content="text/html; charset=koi8-r">`` are found as a browser's pre-scan finds them:
``<meta>`` tags in the page's opening bytes, comments skipped, the first tag whose
label names a web encoding wins. Labels are the WHATWG Encoding Standard's
(``data/words/web_charsets.tsv``), so ``iso-8859-1`` is read as windows-1252 as every
browser reads it, and a label that is no web encoding (``utf-7``,
``unicode_escape``, a typo) is reported, never handed to Python's codec registry.

Whether the declaration is then *used* is :func:`newscoder.ingest.text.decode`'s
choice: only when the bytes decode cleanly in it and are not UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscoder.lexicon import word_map

__all__ = ["PRESCAN_BYTES", "Declared", "declared_charset", "web_codec"]

# Browsers pre-scan 1,024 bytes; pages written for older browsers (which read the
# whole <head>) put their meta tag after long scripts and styles, so read further.
PRESCAN_BYTES = 16_384

# On the Latin-1 view of the bytes (one character a byte), so ASCII markup matches
# in any ASCII-compatible code page.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_META = re.compile(r"<meta(?=[\s/>])([^>]*)>?", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'/=>][^\s/=>]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
# The WHATWG "extract a character encoding from a meta element" steps, as a pattern.
_CONTENT_CHARSET = re.compile(
    r"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Declared:
    """A page's charset declaration: the label as written, and the Python codec
    that reads it (None when the label names no web encoding)."""

    label: str
    codec: str | None


def web_codec(label: str) -> str | None:
    """The Python codec for a WHATWG encoding label (``" Windows-1251 "`` ->
    ``cp1251``), or None when it is not one."""
    return word_map("web_charsets").get(label.strip().lower())


def declared_charset(data: bytes) -> Declared | None:
    """The charset declared by the page's first ``<meta>`` tag that names a web
    encoding; else the first unknown label declared (codec None); else None."""
    head = _COMMENT.sub("", data[:PRESCAN_BYTES].decode("latin-1"))
    unknown: Declared | None = None
    for meta in _META.finditer(head):
        label = _meta_label(meta.group(1))
        if label is None or not label.strip():
            continue
        found = Declared(label.strip()[:40], web_codec(label))
        if found.codec is not None:
            return found
        unknown = unknown or found
    return unknown


def _meta_label(attributes: str) -> str | None:
    """The charset label one ``<meta>`` tag gives: its ``charset`` attribute, or the
    ``charset=`` in its ``content`` when ``http-equiv`` is ``Content-Type``."""
    values: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(attributes):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        values.setdefault(name, value)  # the first of a repeated attribute counts
    if "charset" in values:
        return values["charset"]
    if values.get("http-equiv", "").strip().lower() == "content-type":
        found = _CONTENT_CHARSET.search(values.get("content", ""))
        if found is not None:
            return next(v for v in found.groups() if v is not None)
    return None
