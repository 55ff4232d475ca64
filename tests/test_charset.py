"""A web page's declared charset (``<meta charset>``) when its bytes are decoded."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newscoder.ingest import article_from_html, iter_records
from newscoder.ingest.charset import PRESCAN_BYTES, Declared, declared_charset, web_codec
from newscoder.ingest.text import decode
from newscoder.lexicon import word_map

RUSSIAN = "Полиция задержала двух мужчин в Москве после взрыва на рынке."
GREEK = "Η αστυνομία συνέλαβε δέκα διαδηλωτές στην Αθήνα."


def page(head: str, body: str) -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [('<meta charset="windows-1251">', Declared("windows-1251", "cp1251")),
     ("<META CHARSET=KOI8-R>", Declared("KOI8-R", "koi8_r")),
     ("<meta charset='iso-8859-7'/>", Declared("iso-8859-7", "iso8859_7")),
     ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-5">',
      Declared("ISO-8859-5", "iso8859_5")),
     ("<meta content='text/html;charset=\"koi8-u\"' http-equiv=content-type>",
      Declared("koi8-u", "koi8_u")),
     ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
      Declared("utf-8", "utf_8")),
     # As browsers read them: Latin-1 is windows-1252, a meta tag's UTF-16 is UTF-8.
     ('<meta charset="ISO-8859-1">', Declared("ISO-8859-1", "cp1252")),
     ('<meta charset="utf-16">', Declared("utf-16", "utf_8")),
     # The first tag naming a web encoding wins; an unknown label is kept to report.
     ('<meta charset="utf-7"><meta charset="cp1251">', Declared("cp1251", "cp1251")),
     ('<meta charset="unicode_escape">', Declared("unicode_escape", None)),
     ('<meta charset="cp1251"><meta charset="koi8-r">', Declared("cp1251", "cp1251")),
     # Not declarations: commented out, a content without http-equiv, nothing.
     ('<!-- <meta charset="koi8-r"> -->', None),
     ('<meta name="description" content="charset=koi8-r">', None),
     ('<meta http-equiv="refresh" content="5; charset=koi8-r">', None),
     ('<meta charset="">', None),
     ("<metadata charset=koi8-r>", None),
     ("", None)],
)  # fmt: skip
def test_declared_charset(head: str, expected: Declared | None) -> None:
    assert declared_charset(page(head, "x").encode("ascii")) == expected


def test_declared_charset_reads_only_the_opening_bytes() -> None:
    late = "<!--" + "x" * PRESCAN_BYTES + '--><meta charset="koi8-r">'
    assert declared_charset(late.encode("ascii")) is None


def test_every_web_charset_label_names_a_python_codec() -> None:
    labels = word_map("web_charsets")
    assert len(labels) > 200 and all(label == label.lower() for label in labels)
    for codec in set(labels.values()):
        assert codecs.lookup(codec)._is_text_encoding  # type: ignore[attr-defined]
    assert web_codec(" Windows-1251 ") == "cp1251" and web_codec("utf-7") is None


@pytest.mark.parametrize(
    ("text", "label", "codec"),
    [(RUSSIAN, "windows-1251", "cp1251"), (RUSSIAN, "koi8-r", "koi8_r"),
     (RUSSIAN, "iso-8859-5", "iso8859_5"), (GREEK, "iso-8859-7", "iso8859_7"),
     (GREEK, "windows-1253", "cp1253"),
     ("Ankara'da gösterici polisle çatıştı.", "iso-8859-9", "cp1254"),
     ("Le “café” de Kanó a brûlé.", "iso-8859-1", "cp1252")],
)  # fmt: skip
def test_a_declared_charset_is_used_and_named(text: str, label: str, codec: str) -> None:
    for head in (f'<meta charset="{label}">',
                 f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'):  # fmt: skip
        data = page(head, text).encode(codec)
        html, notes = decode(data, html=True)
        assert text in html
        assert notes == (
            f"W106 not UTF-8: read as {codec}, the charset the page declares ({label})",
        )


def test_a_short_koi8_page_is_right_because_it_says_so() -> None:
    """Two words are too few for a sure guess; the page's declaration settles it."""
    data = page('<meta charset="koi8-r">', "Обстрел Донецка.").encode("koi8_r")
    assert "Обстрел Донецка." in decode(data, html=True)[0]


def test_utf8_bytes_win_over_a_wrong_declaration() -> None:
    data = page('<meta charset="windows-1251">', RUSSIAN).encode("utf-8")
    html, notes = decode(data, html=True)
    assert RUSSIAN in html
    assert notes == (
        "W107 the page declares charset 'windows-1251', but its bytes are UTF-8: read as UTF-8",
    )


def test_mostly_utf8_bytes_win_over_a_declaration_too() -> None:
    data = page('<meta charset="iso-8859-1">', "Kanó, Zaría and Bogotá.").encode("utf-8")
    data = data.replace(b"and", b"\xff and")
    html, notes = decode(data, html=True)
    assert "Kanó, Zaría" in html
    assert [n.split()[0] for n in notes] == ["W103", "W107"]


def test_no_warning_when_the_declaration_changes_nothing() -> None:
    """Plain ASCII reads the same in any declared charset; a BOM beats the declaration."""
    assert decode(page('<meta charset="koi8-r">', "Kano.").encode("ascii"), html=True)[1] == ()
    bom = codecs.BOM_UTF8 + page('<meta charset="cp1251">', RUSSIAN).encode("utf-8")
    assert decode(bom, html=True) == (page('<meta charset="cp1251">', RUSSIAN), ())
    utf8 = page('<meta charset="utf-8">', RUSSIAN)
    assert decode(utf8.encode("utf-8"), html=True) == (utf8, ())


def test_a_declaration_the_bytes_do_not_fit_falls_back_to_the_guess() -> None:
    # 0xFF ("я" in windows-1251) is no character of ISO-8859-7.
    data = page('<meta charset="iso-8859-7">', RUSSIAN).encode("cp1251")
    html, notes = decode(data, html=True)
    assert RUSSIAN in html
    assert notes[0].startswith("W106 not UTF-8: read as cp1251, a guess from the bytes")
    assert notes[1] == (
        "W107 the page declares charset 'iso-8859-7', but its bytes do not decode in it: "
        "the code page was guessed"
    )


def test_a_label_that_is_no_web_encoding_is_reported_not_used() -> None:
    data = page('<meta charset="unicode_escape">', RUSSIAN + " \\u0041").encode("cp1251")
    html, notes = decode(data, html=True)
    assert RUSSIAN + " \\u0041" in html  # not run through Python's unicode_escape
    assert [n.split()[0] for n in notes] == ["W106", "W107"]
    assert "'unicode_escape', but that is no web encoding" in notes[1]


def test_plain_text_is_not_sniffed() -> None:
    text = '<meta charset="koi8-r"> ' + RUSSIAN
    decoded, notes = decode(text.encode("cp1251"))
    assert decoded == text and "a guess from the bytes" in notes[0]


def test_html_files_and_bytes_keep_the_record_of_the_charset(tmp_path: Path) -> None:
    body = "Боевики обстреляли село в Донецкой области, погибли трое мирных жителей."
    data = page('<meta charset="windows-1251">', body).encode("cp1251")
    article = article_from_html(data, published="2024-05-01")
    assert body in article.text
    assert article.warnings[0].startswith("W106 not UTF-8: read as cp1251, the charset")
    (tmp_path / "donetsk.html").write_bytes(data)
    (record,) = list(iter_records(tmp_path / "donetsk.html"))
    assert body in record.text and record.warnings[0] == article.warnings[0]
