"""Tests for newscoder.ingest: text, HTML, decoding, batches, and its data files."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscoder import errors
from newscoder.ingest import (
    article_from_html,
    article_from_text,
    decode_bytes,
    iter_records,
    parse_published,
    records_from_lines,
    stable_id,
)
from newscoder.ingest.layout import dateline_length
from newscoder.ingest.text import (
    boilerplate_patterns,
    credit_rules,
    decode,
    find_dateline,
    is_boilerplate,
)
from newscoder.types import Article, Failure

SEED = Path(__file__).resolve().parents[1] / "examples" / "kabul-embassy.txt"
BODY = (
    "Gunmen on motorcycles attacked a village in the district on Sunday, killing at least "
    "seven people and burning dozens of homes, local officials said."
)


def spanned(article: Article, spans) -> list[str]:
    return [article.text[s.start : s.end] for s in spans]


# -- headlines -------------------------------------------------------------------------

HEADLINES = [
    (
        "Gunmen kill seven in raid on Zamfara village\n\n" + BODY,
        "Gunmen kill seven in raid on Zamfara village",
    ),
    (
        "Militants Storm Army Post in Northern Mali, Killing Four.\n\n" + BODY,
        "Militants Storm Army Post in Northern Mali, Killing Four.",
    ),
    (
        "Why are protests spreading across Bangladesh?\n\n" + BODY,
        "Why are protests spreading across Bangladesh?",
    ),
    (
        "Ukraine says drones hit refinery in Krasnodar region\n" + BODY,
        "Ukraine says drones hit refinery in Krasnodar region",
    ),
    (
        "Skip to content\nAdvertisement\nArmy retakes town in Rakhine state\n\n" + BODY,
        "Army retakes town in Rakhine state",
    ),
    (
        "  \n\nCar bomb hits checkpoint near Mogadishu\r\n\r\n" + BODY,
        "Car bomb hits checkpoint near Mogadishu",
    ),
    # A full stop is fine over a datelined body.
    (
        "Militants kill four soldiers in central Mali.\n\nMOPTI, Mali (Reuters) - " + BODY,
        "Militants kill four soldiers in central Mali.",
    ),
    # A sentence with its full stop is a first paragraph, not a headline.
    ("Attribution is on the record from Spokesperson Maria Lopez.\n\n" + BODY, None),
    ("Reporter: Did you discuss Aleppo? Were there any agreements?\n\n" + BODY, None),
    ("Police said three people were killed in Cali on Sunday.\n\n" + BODY, None),
    # A dateline opens the body.
    ("MOGADISHU (AP) — A car bomb exploded near a checkpoint.\n\n" + BODY, None),
    # Nothing follows it.
    ("Clashes erupt in Sanaa", None),
    # Too long to be a headline.
    (BODY + " " + BODY + "\n\n" + BODY, None),
    # A short line followed by a short line is not a headline over a paragraph.
    ("Troops deployed\nRoads closed\nCurfew imposed", None),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_headline(text: str, expected: str | None) -> None:
    article = article_from_text(text)
    assert article.title == expected
    if expected is None:
        assert article.title_span is None
    else:
        assert spanned(article, [article.title_span]) == [expected]
        assert article.body_start > article.title_span.end
        assert article.text[article.body_start :].split("\n")[0].endswith(BODY)


def test_given_title_is_spanned_when_it_is_the_first_line() -> None:
    text = "Drone strike hits convoy in Idlib\n\n" + BODY
    article = article_from_text(text, title="Drone Strike Hits Convoy in Idlib")
    assert article.title == "Drone Strike Hits Convoy in Idlib"
    assert article.title_span is not None and article.title_span.start == 0
    other = article_from_text(BODY, title="Village attacked")
    assert other.title == "Village attacked" and other.title_span is None


# -- datelines -------------------------------------------------------------------------

DATELINES = [
    ("KABUL, Afghanistan — Gunmen opened fire on a checkpoint.", "KABUL, Afghanistan"),
    ("LAGOS, Nigeria (Reuters) - Police said on Monday they had arrested 20.", "LAGOS, Nigeria"),
    ("MOGADISHU (AP) — A car bomb exploded near a busy checkpoint.", "MOGADISHU"),
    ("Bamako (AFP) - Jihadists attacked an army camp overnight.", "Bamako"),
    ("ISLAMABAD: The interior ministry banned rallies in the capital.", "ISLAMABAD"),
    ("BOGOTÁ, Colombia — Dissident rebels ambushed a patrol.", "BOGOTÁ, Colombia"),
    ("MOSUL, Iraq, Dec 3 (Reuters) - A roadside bomb hit a bus.", "MOSUL, Iraq"),
    ("NEW DELHI — Police fired tear gas at farmers marching on the city.", "NEW DELHI"),
    ("MANILA, Philippines (AP) — Troops clashed with rebels on Jolo.", "MANILA, Philippines"),
    ("CULIACÁN, Mexico -- Soldiers seized a drug lab in Sinaloa.", "CULIACÁN, Mexico"),
    ("ADEN — Separatist fighters took over the presidential palace.", "ADEN"),
    ("Sylhet, Mar 4 (UNB) Police fired rubber bullets at picketers.", "Sylhet"),  # no dash
    ("Officials in Sylhet (UNB) said two were hurt.", None),
    ("EXCLUSIVE — Documents show the army knew of the plan.", None),
    ("UPDATE: The death toll rose to 14, the ministry said.", None),
    ("Meanwhile — the army said it had retaken the town.", None),
    ("The army said on Friday — without evidence — that it won.", None),
    ("UN officials said the convoy had reached Aden.", None),
]


@pytest.mark.parametrize(("line", "expected"), DATELINES)
def test_dateline_length_ends_where_the_body_starts(line: str, expected: str | None) -> None:
    length = dateline_length(line)
    assert (length is None) == (expected is None)
    if length is not None:
        assert line[length - 1].isspace() and not line[length].isspace()


@pytest.mark.parametrize(("line", "expected"), DATELINES)
def test_dateline(line: str, expected: str | None) -> None:
    assert find_dateline(line) == expected
    article = article_from_text("Violence flares again\n\n" + line + "\n\n" + BODY)
    assert article.dateline == expected


def test_dateline_after_byline() -> None:
    text = "Rebels seize town in Shan state\n\nBy Aye Mya Thant\n\nYANGON, Myanmar — " + BODY
    article = article_from_text(text)
    assert article.author == "Aye Mya Thant"
    assert article.dateline == "YANGON, Myanmar"
    assert spanned(article, article.credit_spans) == ["By Aye Mya Thant"]
    assert article.contributors == ()


# -- boilerplate -----------------------------------------------------------------------

BOILERPLATE = [
    ("Back to top button", True),
    ("Advertisement", True),
    ("Share this article", True),
    ("Skip to content", True),
    ("Sign up for our newsletter", True),
    ("Read more", True),
    ("Related articles", True),
    ("We use cookies to improve your experience on our site.", True),
    ("© 2024 Sahel Daily. All rights reserved.", True),
    ("Follow Daily Herald on Twitter @dailyherald", True),
    ("Story continues below advertisement", True),
    ("Facebook Twitter WhatsApp Email", True),
    ("Published: 2 December 2022", True),
    ("Updated 3 hours ago", True),
    ("___", True),
    ("Share prices fell sharply in Lagos on Monday.", False),
    ("Next week, talks between the two sides resume in Doha.", False),
    ("Video shows gunmen firing on a convoy near Mosul.", False),
    ("Published figures show 40 people died in Sinaloa last month.", False),
    ("Copyright disputes have long divided the two firms.", False),
    ("Subscribers to the militia's channel were told to gather in Gao.", False),
    ("Read the full statement below, the ministry said.", False),
]


@pytest.mark.parametrize(("line", "expected"), BOILERPLATE)
def test_boilerplate(line: str, expected: bool) -> None:
    assert is_boilerplate(line) is expected
    article = article_from_text(BODY + "\n\n" + line + "\n\n" + BODY)
    assert (line in spanned(article, article.boilerplate_spans)) is expected


def test_boilerplate_data_file() -> None:
    patterns = boilerplate_patterns()
    assert len(patterns) > 30
    for pattern in patterns:
        assert not pattern.fullmatch(BODY), pattern.pattern


# -- credit lines ----------------------------------------------------------------------

CREDITS = [
    # NYT style
    (
        "Ruth Okafor contributed reporting from Dakar, Senegal, and Mady Traore from Bamako, Mali.",
        ["Ruth Okafor", "Mady Traore"],
    ),
    ("Hamid Karimi contributed reporting.", ["Hamid Karimi"]),
    (
        "Lina Haddad reported from Beirut, and Omar Aziz from Damascus, Syria.",
        ["Lina Haddad", "Omar Aziz"],
    ),
    # Reuters style
    (
        "Reporting by Camilla Hassan in Aden and Ahmed Tolba in Cairo; Editing by Peter Graves",
        ["Camilla Hassan", "Ahmed Tolba", "Peter Graves"],
    ),
    (
        "(Reporting by Javier Ortega in Bogota; Writing by Lucia Mendez; Editing by Tom Hardy)",
        ["Javier Ortega", "Lucia Mendez", "Tom Hardy"],
    ),
    (
        "Additional reporting by Oksana Kovalenko in Kharkiv and Ivan Petrenko in Kyiv, Ukraine",
        ["Oksana Kovalenko", "Ivan Petrenko"],
    ),
    ("--additional reporting by Kofi Mensah.", ["Kofi Mensah"]),
    ("With reporting by Aung Naing in Yangon.", ["Aung Naing"]),
    # AP style
    (
        "Associated Press writers Rahim Faiez in Islamabad and Munir Ahmed in Quetta, Pakistan, "
        "contributed to this report.",
        ["Rahim Faiez", "Munir Ahmed"],
    ),
    ("Associated Press writer Jim Gomez contributed from Manila.", ["Jim Gomez"]),
    ("Staff writer Priya Nair contributed to this report.", ["Priya Nair"]),
    ("The Associated Press contributed to this report.", []),
    # Not credits
    ("Heavy rains in the region contributed to the flooding.", None),
    ("Poor coordination between units contributed.", None),
    ("Reporting by state media could not be verified, officials said.", None),
    ("Reporting by Reuters could not be verified independently.", None),
    ("The mayor reported from the scene that ten houses burned.", None),
]


@pytest.mark.parametrize(("line", "expected"), CREDITS)
def test_credit_line(line: str, expected: list[str] | None) -> None:
    article = article_from_text("Attack on market\n\n" + BODY + "\n\n" + line)
    if expected is None:
        assert article.credit_spans == ()
    else:
        assert spanned(article, article.credit_spans) == [line]
    assert list(article.contributors) == (expected or [])


def test_credit_in_parentheses_closing_a_paragraph() -> None:
    credit = "(Reporting by Musa Bello in Maiduguri; Editing by Anne Kline)"
    article = article_from_text(BODY + " " + credit)
    assert spanned(article, article.credit_spans) == [credit]
    assert article.contributors == ("Musa Bello", "Anne Kline")


def test_credit_data_file() -> None:
    rules = credit_rules()
    assert rules.lines and {"writer", "correspondent"} <= rules.roles
    assert "reuters" in rules.orgs and "al" in rules.particles
    assert not rules.words & {"said", "killed"}


# -- the seed article ------------------------------------------------------------------


def test_seed_article() -> None:
    article = article_from_text(SEED.read_text(encoding="utf-8"), published="2022-12-02")
    assert article.title == "Pakistan Condemns ‘Assassination Attempt’ on Its Kabul Embassy"
    assert article.title_span == article.title_span.__class__(0, len(article.title))
    assert article.published == dt.date(2022, 12, 2)
    assert article.contributors == ("Safiullah Padshah", "Najim Rahim", "Salman Masood")
    [credit] = spanned(article, article.credit_spans)
    assert credit.startswith("Safiullah Padshah contributed reporting from Kabul")
    assert credit.endswith("Salman Masood from Islamabad.")
    assert spanned(article, article.boilerplate_spans) == ["Back to top button"]
    assert article.text[article.body_start :].startswith("Pakistan’s embassy in Kabul")
    assert article.dateline is None
    assert article.id == stable_id(article.text) and len(article.id) == 16


# -- errors and values -----------------------------------------------------------------

BAD_TEXTS = [
    (None, errors.MissingText),
    (42, errors.MissingText),
    ("", errors.EmptyText),
    (" \n\r\n\t", errors.EmptyText),
    ("x" * 101, errors.TextTooLong),
]


@pytest.mark.parametrize(("text", "error"), BAD_TEXTS)
def test_bad_text(text: object, error: type[errors.RecordError]) -> None:
    with pytest.raises(error):
        article_from_text(text, max_chars=100)  # type: ignore[arg-type]


PUBLISHED = [
    ("2022-12-02", dt.date(2022, 12, 2)),
    ("2022-12-02T15:30:00Z", dt.date(2022, 12, 2)),
    ("2022-12-02T23:30:00+05:00", dt.date(2022, 12, 2)),
    ("2022-12-02 08:00", dt.date(2022, 12, 2)),
    (dt.date(2023, 1, 5), dt.date(2023, 1, 5)),
    (dt.datetime(2023, 1, 5, 12, 0), dt.date(2023, 1, 5)),
    (None, None),
    ("  ", None),
    ("yesterday", errors.BadPublished),
    ("2022-13-40", errors.BadPublished),
    (20221202, errors.BadPublished),
]


@pytest.mark.parametrize(("value", "expected"), PUBLISHED)
def test_published(value: object, expected: object) -> None:
    if isinstance(expected, type):
        with pytest.raises(expected):
            article_from_text(BODY, published=value)  # type: ignore[arg-type]
    else:
        assert parse_published(value) == expected


def test_newlines_normalised_and_nothing_else() -> None:
    text = "Clashes in Sanaa\r\n\r\n  “Heavy   fighting”\rcontinued.  "
    article = article_from_text(text)
    assert article.text == "Clashes in Sanaa\n\n  “Heavy   fighting”\ncontinued.  "
    assert article.id == stable_id(article.text)
    assert article_from_text(text, id="mine").id == "mine"


# -- HTML and decoding -----------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gunmen Kill Five Villagers in Zamfara State | Sahel Daily</title>
<meta property="og:title" content="Gunmen Kill Five Villagers in Zamfara State">
<meta property="article:published_time" content="2023-03-14T08:30:00+01:00">
<meta name="author" content="Amina Bello">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="#m">Skip to content</a>
</nav></header>
<main id="m"><article>
<h1>Gunmen Kill Five Villagers in Zamfara State</h1>
<p>GUSAU, Nigeria — Armed men on motorcycles attacked the village of Kadawa in Zamfara state
on Monday night, killing five people and abducting at least twelve, residents said.</p>
<p>“They came shooting in every direction,” said Musa Garba, a farmer who hid in the bush
with his family until dawn.</p>
<p>A police spokesman said officers had been deployed and a search was under way.</p>
<p>Ibrahim Sani contributed reporting from Abuja.</p>
</article></main>
<aside><h3>Related articles</h3><ul><li><a href="/a">Floods displace thousands</a></li></ul></aside>
<footer><p>Sign up for our newsletter</p><p>© 2023 Sahel Daily. All rights reserved.</p>
<p>We use cookies to improve your experience.</p></footer>
</body></html>"""


def test_html_page() -> None:
    article = article_from_html(PAGE, url="https://example.org/zamfara")
    assert article.title == "Gunmen Kill Five Villagers in Zamfara State"
    assert article.published == dt.date(2023, 3, 14)
    assert article.author == "Amina Bello"
    assert article.dateline == "GUSAU, Nigeria"
    assert article.contributors == ("Ibrahim Sani",)
    assert article.url == "https://example.org/zamfara"
    assert "killing five people" in article.text
    for furniture in ("Skip to content", "Sign up", "cookies", "Floods displace"):
        assert furniture not in article.text
    if article.title_span is not None:
        assert spanned(article, [article.title_span]) == [article.title]


def test_html_bytes_and_caller_date() -> None:
    article = article_from_html(PAGE.encode("utf-8"), published="2023-03-15", id="z1")
    assert (article.id, article.published) == ("z1", dt.date(2023, 3, 15))


@pytest.mark.parametrize("html", ["", "<html><body><nav>Home</nav></body></html>"])
def test_html_without_text(html: str) -> None:
    with pytest.raises(errors.EmptyText):
        article_from_html(html)


def test_decode_repairs_mojibake() -> None:
    clean = "Pakistan’s embassy in Bogotá was ‘attacked’ on Friday – officials said."
    mojibake = clean.encode("utf-8").decode("cp1252").encode("utf-8")
    assert "â€™" in mojibake.decode("utf-8")
    assert decode_bytes(mojibake) == clean
    assert decode_bytes(clean.encode("cp1252")) == clean
    assert decode_bytes(clean.encode("utf-16")) == clean


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Manifestation à Abidjan: la police a arrêté dix manifestants.", "latin-1"),
     ("Demonstranten in Köln: Polizei nahm zwölf Männer fest.", "latin-1"),
     ("Protestas en Bogotá: la policía detuvo a diez jóvenes en señal de fuerza.", "latin-1"),
     ("Manifestações em São Paulo: polícia prendeu dez pessoas.", "cp1252"),
     ("Протесты в Москве: полиция задержала десять человек.", "cp1251")],
)  # fmt: skip
def test_short_legacy_code_page_files_decode_right(text: str, codec: str) -> None:
    """A short text fits several code pages equally well; Windows-1252 wins the tie
    (the French line came out in Windows-1250, 'arręté')."""
    assert decode_bytes(text.encode(codec)) == text


TURKISH = "Ankara'da gösterici polisle çatıştı; iki kişi yaralandı."
POLISH = "W Gdańsku policja zatrzymała dwóch mężczyzn za kradzież."


@pytest.mark.parametrize(
    ("text", "codec"),
    [(TURKISH, "cp1254"), (TURKISH, "iso-8859-9"),
     ("İstanbul'da şiddetli çatışma: üç asker öldü.", "cp1254"),
     (POLISH, "cp1250"), (POLISH, "iso-8859-2"),
     ("Świadkowie mówią, że wąż uciekł z zoo w Łodzi.", "iso-8859-2"),
     ("Protest przed Sejmem; ośmiu zatrzymanych.", "cp1250"),
     ("Protest przed Sejmem; ośmiu zatrzymanych.", "iso-8859-2"),
     ("Policie zadržela dva muže v Třebíči.", "iso-8859-2"),
     ("Budapesten a rendőrség őrizetbe vett két férfit.", "cp1250"),
     ("Pakistan’s embassy in Bogotá was ‘attacked’ on Friday.", "cp1252")],
)  # fmt: skip
def test_short_turkish_and_central_european_files_decode_right_and_say_so(
    text: str, codec: str
) -> None:
    """Short legacy files came out in the wrong code page without a word (Turkish
    "çatıştı" as Windows-1252 "çatýþtý"). The guess is now right on these, and
    any file that is not UTF-8 carries W106 naming the code page it was read in."""
    decoded, notes = decode(text.encode(codec))
    assert decoded == text
    assert len(notes) == 1 and notes[0].startswith("W106 not UTF-8: read as ")


@pytest.mark.parametrize("text", [TURKISH, POLISH, "Протесты в Москве.", "Le café brûlé."])
def test_utf8_is_always_read_as_utf8_without_a_warning(text: str) -> None:
    assert decode(text.encode("utf-8")) == (text, ())
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, ())


RUSSIAN = "Полиция задержала двух мужчин в Москве."
UKRAINIAN = "У Києві поліція затримала двох чоловіків."


@pytest.mark.parametrize(
    ("text", "codec"),
    [(RUSSIAN, "koi8_r"), (RUSSIAN, "cp1251"), (RUSSIAN, "iso8859_5"),
     ("Боевики обстреляли село, погибли трое.", "koi8_r"),
     ("Боевики обстреляли село, погибли трое.", "cp1251"),
     ("Боевики обстреляли село, погибли трое.", "iso8859_5"),
     ("Взрыв в Грозном, погиб один человек.", "koi8_r"),
     (UKRAINIAN, "koi8_u"), (UKRAINIAN, "cp1251"), (UKRAINIAN, "iso8859_5"),
     ("Обстріл Одеси: поранено сім людей.", "koi8_u"),
     ("Вибух у Харкові: загинули троє людей.", "koi8_u")],
)  # fmt: skip
def test_short_russian_and_ukrainian_files_decode_right_and_say_so(text: str, codec: str) -> None:
    """A short KOI8-R line came out as Shift-JIS katakana ("崤ﾌﾉﾃﾉﾑ"), a windows-1251 one
    as Windows-1250 ("Áîĺâčęč"): the Cyrillic code pages now get a pass of their own
    and charset-normalizer's mess score ranks the readings before the language score."""
    decoded, notes = decode(text.encode(codec))
    assert decoded == text
    assert notes[0].startswith(f"W106 not UTF-8: read as {codec}, a guess from the bytes")


def test_a_wrong_guess_is_flagged_not_silent(tmp_path: Path) -> None:
    """Two words of KOI8-R are beyond the guess (a Shift-JIS reading scores as well):
    the record still says its text is a guess."""
    path = tmp_path / "donetsk.txt"
    path.write_bytes("Обстрел Донецка.".encode("koi8-r"))
    (record,) = list(iter_records(path))
    assert any(w.startswith("W106") for w in record.warnings)


def test_decode_rejects_binary() -> None:
    with pytest.raises(errors.UndecodableInput):
        decode_bytes(bytes(range(256)) * 8)


# -- batches ---------------------------------------------------------------------------


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_good_and_bad_lines_in_order(tmp_path: Path) -> None:
    good = json.dumps({"id": 7, "text": "Clashes in Idlib\n\n" + BODY, "published": "2024-02-01"})
    html = json.dumps({"id": "h1", "html": PAGE})
    path = _jsonl(
        tmp_path / "batch.jsonl",
        [
            good,
            "{not json",
            "[1, 2]",
            json.dumps({"id": "e", "text": "   "}),
            json.dumps({"id": "n", "text": 5}),
            json.dumps({"id": "p", "text": BODY, "published": "last week"}),
            "",
            json.dumps({"text": BODY}),
            json.dumps({"id": "long", "text": BODY * 20}),
            json.dumps({"id": "none"}),
            json.dumps({"id": "t", "text": BODY, "title": 3}),
            html,
        ],
    )
    results = list(iter_records(path, published="2020-01-01", max_chars=1_000))
    got = [(r.id, r.code if isinstance(r, Failure) else "ok") for r in results]
    assert got == [
        ("7", "ok"),
        ("batch:2", "E105"),
        ("batch:3", "E105"),
        ("e", "E102"),
        ("n", "E101"),
        ("p", "E104"),
        ("batch:8", "ok"),
        ("long", "E103"),
        ("none", "E101"),
        ("t", "E105"),
        ("h1", "ok"),
    ]
    assert results[0].published == dt.date(2024, 2, 1)  # its own date wins
    assert results[6].published == dt.date(2020, 1, 1)  # the default
    assert results[10].published == dt.date(2023, 3, 14)
    assert results[1].message.startswith("[E105]")


def test_records_from_lines_like_stdin() -> None:
    lines = [
        json.dumps({"text": BODY}) + "\n",
        "\n",
        "oops\n",
        json.dumps({"id": "k", "text": BODY}),
    ]
    got = [
        (r.id, r.code if isinstance(r, Failure) else "ok")
        for r in records_from_lines(iter(lines), prefix="stdin", published="2024-06-01")
    ]
    assert got == [("stdin:1", "ok"), ("stdin:3", "E105"), ("k", "ok")]


def test_iter_records_streams(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [json.dumps({"id": i, "text": BODY}) for i in range(3)])
    stream = iter_records(path)
    assert next(stream).id == "0"
    with path.open("a", encoding="utf-8") as more:  # read lazily: a later line is seen
        more.write(json.dumps({"id": "late", "text": BODY}) + "\n")
    assert [r.id for r in stream] == ["1", "2", "late"]


def test_single_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("Raid in Kidal\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.jsonl").write_text(json.dumps({"text": BODY}), encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    (tmp_path / ".secret.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BODY, encoding="utf-8")

    [single] = iter_records(tmp_path / "a.txt", published=dt.date(2021, 6, 1))
    assert (single.id, single.title, single.published) == (
        "a",
        "Raid in Kidal",
        dt.date(2021, 6, 1),
    )
    got = [(r.id, r.code if isinstance(r, Failure) else "ok") for r in iter_records(tmp_path)]
    assert got == [("a", "ok"), ("b/deep/c:1", "ok"), ("b/empty", "E102"), ("b/page", "ok")]


@pytest.mark.parametrize(
    ("name", "error"),
    [("missing.txt", errors.InputNotFound), ("data.csv", errors.UnsupportedInput)],
)
def test_bad_paths_raise_at_once(tmp_path: Path, name: str, error: type) -> None:
    (tmp_path / "data.csv").write_text("id,text\n", encoding="utf-8")
    with pytest.raises(error):
        iter_records(tmp_path / name)


def test_json_list_file(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "a", "text": BODY}, {"text": ""}, 3]), encoding="utf-8")
    got = [(r.id, r.code if isinstance(r, Failure) else "ok") for r in iter_records(path)]
    assert got == [("a", "ok"), ("list:2", "E102"), ("list:3", "E105")]


# -- properties ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_an_article_or_a_record_error(text: str) -> None:
    try:
        article = article_from_text(text, max_chars=300)
    except errors.RecordError:
        return
    n = len(article.text)
    assert 0 <= article.body_start <= n
    spans = [*article.skipped_spans()]
    assert all(0 <= s.start <= s.end <= n for s in spans)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Back to top button",
                "Reporting by Ana Ruiz in Lima",
                "KABUL —",
                "",
                "By Jo Li",
                "Troops Enter Town",
                BODY,
                "(AP) —",
                "Share",
                "x",
            ]
        ),
        max_size=12,
    )
)
def test_furniture_soup_spans_stay_inside(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        article = article_from_text(text)
    except errors.RecordError:
        return
    for span in article.skipped_spans():
        assert article.text[span.start : span.end].strip() == article.text[span.start : span.end]
        assert span.end <= len(article.text)
