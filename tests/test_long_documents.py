"""Long documents stay linear: the look-ups back into the article go through
per-document indexes, not a scan of everything before them.

Nothing here is timed (timings are flaky on a shared machine; the figures are
measured by ``benchmarks/long_document.py``). Instead the tests count how often
the costly steps run on a document and on one twice as long: a scan per cue or
per phrase makes that count grow with the square of the length.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from newscoder.extract import arguments, speakers
from newscoder.extract.quotes import find_quotes
from newscoder.nlp import cache

_FIRST = ("Ahmed", "Maria", "John", "Fatima", "Peter", "Aisha", "David", "Elena")
_LAST = ("Karimi", "Okafor", "Novak", "Haddad", "Silva", "Mensah", "Larsen", "Tanaka")


def _article(paragraphs: int) -> str:
    """A report quoting a new titled person in each paragraph, by full name, then
    by surname, then "he" and "the official" (a title nobody has, so the
    description is looked up among all the earlier persons)."""
    names = itertools.cycle(itertools.product(_FIRST, _LAST))
    out = []
    for _, (first, last) in zip(range(paragraphs), names, strict=False):
        out.append(
            f"Deputy Minister {first} {last} of Ruritania visited the border on Monday. "
            f'"The situation is calm," {last} said. He said the talks would resume. '
            "The official said the crossing would reopen next week."
        )
    return "\n\n".join(out)


@pytest.mark.parametrize("paragraphs", [12])
def test_speaker_look_ups_grow_linearly(nlp, monkeypatch, paragraphs: int) -> None:
    """Each person's name is read a bounded number of times per document (it was
    read again for every later speaker: 2.9M reads at 200k characters)."""
    reads = 0
    name_span = speakers._name_span

    def counted(ent):
        nonlocal reads
        reads += 1
        return name_span(ent)

    monkeypatch.setattr(speakers, "_name_span", counted)
    counts = []
    for n in (paragraphs, 2 * paragraphs):
        reads = 0
        quotes = find_quotes(nlp(_article(n)))
        assert sum(q.speaker is not None and q.speaker.name is not None for q in quotes) >= n
        counts.append(reads)
    assert counts[1] <= 2.5 * counts[0], counts


def test_phrase_reads_the_entities_once_per_document(nlp, monkeypatch) -> None:
    """``phrase`` finds the entities inside an argument by a bisect; it passed over
    every entity of the document on each call (3 ms a call on long documents)."""
    read = 0

    class Counting(tuple):
        def __iter__(self):
            nonlocal read
            for ent in tuple.__iter__(self):
                read += 1
                yield ent

    doc_ents = cache.doc_ents
    # the cache's look-ups phrase calls (ent_at, ents_in), and phrase's own reads should
    # it import doc_ents again
    for module in (arguments, cache):
        monkeypatch.setattr(module, "doc_ents", lambda doc: Counting(doc_ents(doc)), raising=False)
    doc = nlp(_article(24))
    heads = [t for t in doc if t.pos_ in {"NOUN", "PROPN"}]
    phrases = [arguments.phrase(t) for t in heads]
    assert len(doc.ents) >= 48 and sum(p is not None for p in phrases) >= len(heads) // 2
    assert read <= 2 * len(doc.ents), (read, len(doc.ents), len(heads))


def _daily_paragraphs(paragraphs: int, report: str) -> str:
    """``report`` once a paragraph, each opened by a date of its own."""
    out = []
    for i in range(paragraphs):
        day = 1 + i % 28
        month = ("March", "April", "May", "June")[i // 28 % 4]
        out.append(f"On {day} {month} 2022, {report}")
    return "\n\n".join(out)


def _violent_article(paragraphs: int) -> str:
    """A report of one attack a paragraph, each on its own day, each followed by a
    continuation ("heavy gunfire was heard") told without a date."""
    return _daily_paragraphs(
        paragraphs,
        "gunmen attacked a village near Kano, killing two farmers. Heavy gunfire was heard "
        "in the area for an hour.",
    )


def _counts(code_text, counted: Callable[[], int], *, placed: bool = False) -> list[int]:
    """What ``counted`` counts while coding the violent articles of 20 and 40 paragraphs,
    each of which keeps an event (``placed``: a placed event) a paragraph."""
    counts = []
    for n in (20, 40):
        before = counted()
        events = code_text(_violent_article(n), "2022-12-02")["events"]
        if placed:
            assert sum(e["location"] is not None for e in events) >= n
        else:
            assert len(events) >= n
        counts.append(counted() - before)
    return counts


def test_merging_compares_only_the_events_a_rule_could_choose(code_text, monkeypatch) -> None:
    """A later telling is compared with the same day's events, or with those of its
    own and the previous paragraph (every earlier event was compared: 632k
    comparisons at 1M characters)."""
    from newscoder.coding import merging

    calls = 0
    compatible = merging._compatible

    def counted(a, b, text):
        nonlocal calls
        calls += 1
        return compatible(a, b, text)

    monkeypatch.setattr(merging, "_compatible", counted)
    counts = _counts(code_text, lambda: calls)
    assert counts[1] <= 2.5 * counts[0], counts


def _answered_article(paragraphs: int) -> str:
    """A report of one attack a paragraph, each answered by a fire fight (an armed
    response: one battle), each on its own day."""
    return _daily_paragraphs(
        paragraphs,
        "gunmen attacked a police post near Kano, killing two officers. Soldiers arrived and "
        "exchanged fire with the gunmen.",
    )


class _During:
    """Whether one of the coder's steps is running: the counts a test wants are that
    step's."""

    def __init__(self, monkeypatch, name: str) -> None:
        from dataclasses import replace

        from newscoder.coding import coder

        self.on = False

        def step(run):
            def wrapped(drafts, facts):
                self.on = True
                try:
                    return run(drafts, facts)
                finally:
                    self.on = False

            return wrapped

        steps = tuple(replace(s, run=step(s.run)) if s.name == name else s for s in coder.STEPS)
        monkeypatch.setattr(coder, "STEPS", steps)


def test_armed_responses_look_only_at_their_own_paragraphs_attacks(code_text, monkeypatch) -> None:
    """Each event is examined as a possible attack a bounded number of times (every
    later event examined every earlier one: quadratic in the events)."""
    from newscoder.coding.draft import Draft

    examined = 0
    during = _During(monkeypatch, "merge_armed_responses")
    violent = Draft.violent

    def counted(self):
        nonlocal examined
        examined += during.on
        return violent.fget(self)

    monkeypatch.setattr(Draft, "violent", property(counted))
    counts = []
    for text in (_violent_article(20), _violent_article(40), _answered_article(20)):
        examined = 0
        events = code_text(text, "2022-12-02")["events"]
        assert len(events) >= 20
        counts.append(examined)
    assert counts[1] <= 2.5 * counts[0], counts
    # The fire fights still join their attacks: one battle a paragraph.
    assert len(events) == 20, [e["acled"] for e in events]


def test_the_event_told_before_is_found_without_reading_every_earlier_one(
    code_text, monkeypatch
) -> None:
    """Inheriting dates and places reads each event's mentions a bounded number of
    times (the event told before was found by reading the mentions of every earlier
    event, for every event)."""
    from newscoder.coding.draft import Draft

    reads = 0
    during = _During(monkeypatch, "inherit_date_and_place")

    def counted(self, name: str):
        nonlocal reads
        reads += during.on and name == "mentions"
        return object.__getattribute__(self, name)

    monkeypatch.setattr(Draft, "__getattribute__", counted)
    counts = _counts(code_text, lambda: reads)
    assert counts[1] <= 2.5 * counts[0], counts


def test_missed_towns_read_only_their_own_sentences_places(code_text, monkeypatch) -> None:
    """Each sentence looks for the geoparser's towns its readings missed among its own
    places (filed once per document by ``sentence_at_char``), not all of the article's."""
    from newscoder.coding import sentence_places

    read = 0
    missed_towns = sentence_places.missed_towns

    def counted(text, countries, toponyms, *args):
        nonlocal read
        read += len(toponyms)
        return missed_towns(text, countries, toponyms, *args)

    monkeypatch.setattr(sentence_places, "missed_towns", counted)
    counts = _counts(code_text, lambda: read, placed=True)
    assert 0 < counts[1] <= 2.5 * counts[0], counts


@pytest.mark.parametrize("seed", range(20))
def test_told_before_finds_what_a_scan_of_every_earlier_event_finds(seed: int) -> None:
    """``ToldBefore`` answers as the scan it replaced: of the events added, the one
    whose latest mention before the offset comes last; on a tie, the one added first."""
    import random
    from types import SimpleNamespace

    from newscoder.coding.draft import Draft, ToldBefore

    def scan(drafts: list[Draft], offset: int) -> Draft | None:
        best: tuple[int, Draft] | None = None
        for draft in drafts:
            starts = [m.trigger_span.start for m in draft.mentions if m.trigger_span.start < offset]
            if starts and (best is None or max(starts) > best[0]):
                best = (max(starts), draft)
        return best[1] if best else None

    rng = random.Random(seed)
    drafts = [
        Draft(
            mentions=[
                SimpleNamespace(trigger_span=SimpleNamespace(start=rng.randrange(60)))
                for _ in range(rng.randint(1, 4))
            ]
        )
        for _ in range(rng.randint(1, 30))
    ]
    told = ToldBefore(drafts)
    for n, draft in enumerate(drafts):
        offset = rng.randrange(70)
        assert told.last_before(offset) is scan(drafts[:n], offset)
        told.add(draft)


def test_place_overlaps_are_checked_against_characters_not_every_place(nlp, monkeypatch) -> None:
    """A candidate place is checked against the characters taken, not against every
    place taken before it (24M comparisons at 1M characters)."""
    from newscoder.resolve import toponyms
    from newscoder.resolve.gazetteer import get_gazetteer
    from newscoder.resolve.geo_candidates import Lookup

    reads = 0

    class Counted(toponyms.Mention):
        __slots__ = ()

        def __getattribute__(self, name):
            nonlocal reads
            if name in ("start", "end"):
                reads += 1
            return object.__getattribute__(self, name)

    def counting(find):
        def wrapped(*args):
            return [Counted(*(getattr(m, f) for f in m.__slots__)) for m in find(*args)]

        return wrapped

    for name in ("pattern_mentions", "ner_mentions"):
        monkeypatch.setattr(toponyms, name, counting(getattr(toponyms, name)))
    known = Lookup(get_gazetteer(), []).known
    towns = ("Kano", "Maiduguri", "Kaduna", "Sokoto", "Jos", "Yola")
    counts = []
    for n in (30, 60):
        text = "\n\n".join(
            f"Gunmen attacked a village near {towns[i % 6]} in {towns[(i + 1) % 6]} state, "
            f"police in {towns[(i + 2) % 6]} said."
            for i in range(n)
        )
        reads = 0
        assert len(toponyms.recognise(nlp(text), known)) >= 2 * n
        counts.append(reads)
    assert counts[1] <= 2.5 * counts[0], counts


def test_event_localities_find_their_sentences_by_bisect(code_text, monkeypatch) -> None:
    """The sentences of an event's trigger and place are found by a bisect (every
    sentence of the document was read for every placed event)."""
    from newscoder import pipeline
    from newscoder.coding import locality

    read = 0
    counting = False

    class Counting(tuple):
        def __iter__(self):
            nonlocal read
            for sent in tuple.__iter__(self):
                read += counting
                yield sent

    for module in (locality, cache):
        doc_sents = module.doc_sents
        monkeypatch.setattr(module, "doc_sents", lambda doc, f=doc_sents: Counting(f(doc)))
    with_localities = pipeline.with_localities

    def wrapped(*args):
        nonlocal counting
        counting = True
        try:
            return with_localities(*args)
        finally:
            counting = False

    monkeypatch.setattr(pipeline, "with_localities", wrapped)
    counts = _counts(code_text, lambda: read, placed=True)
    assert counts[1] <= 2.5 * counts[0], counts
