"""Everything the coder reads about one article, found once before coding starts.

Extract and resolve run here, once per article: the event mentions, the time
expressions and casualty figures of each sentence that holds a mention, the places
each sentence names, and the positions of the few words the coder's rules look for
(what a protest is about, what an attack avenged, "sparked", "nationwide", "the
capital", a suspected thief). The mentions and places are found when the facts are
gathered, the rest on first need (a ``cached_property``: still once per article,
and never for an article whose events do not ask). The coding steps in
:mod:`.coder` decide from these facts and never scan the text themselves; only the
ACLED mapping is handed the text of an event's sentences, for its codebook cues
(see :mod:`.taxonomy`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newscoder import lexicon
from newscoder.coding.codebook import mob_justice
from newscoder.coding.sentence_places import places_by_sentence
from newscoder.extract.casualties import find_casualties
from newscoder.extract.events import Mention, find_mentions
from newscoder.nlp.cache import doc_sents
from newscoder.resolve.dates import TimeExpr, find_time_expressions
from newscoder.types import Article, Casualty, Place, Quote, Span, Toponym

if TYPE_CHECKING:  # a type only: the actor rules are declared when the actor step loads
    from newscoder.coding.actors import ActorContext


@cache
def _duration_lead() -> re.Pattern[str]:
    # "since late last year", "until May": the expression bounds a period.
    return re.compile(r"\b" + lexicon.alternation("duration_leads") + r"\s+$", re.I)


@cache
def _opener_lead() -> re.Pattern[str]:
    # What may stand before an opening date: "On", "Around", "Between", "Overnight on".
    return re.compile(r"\W{0,3}(?:" + lexicon.alternation("date_opener_words") + r"\s+)*", re.I)


@dataclass(frozen=True, slots=True)
class TimeFact:
    """A time expression of a sentence, with what the words around it say."""

    expr: TimeExpr
    after_duration_word: bool  # "since late last year", "until May": it bounds a period
    opens_sentence: bool  # only "On", "Around", "Between" ... before it in its sentence


@dataclass(frozen=True, eq=False)
class SentenceFacts:
    """What one sentence holding an event mention says (each fact found on first need,
    then kept: most sentences are asked for their dates, few whether they say
    "nationwide")."""

    span: Span
    article_text: str = field(repr=False)

    @cached_property
    def text(self) -> str:
        return self.article_text[self.span.start : self.span.end]

    @cached_property
    def times(self) -> tuple[TimeFact, ...]:
        text, start = self.article_text, self.span.start
        return tuple(
            TimeFact(
                e,
                after_duration_word=bool(
                    _duration_lead().search(text[max(0, e.start - 12) : e.start])
                ),
                opens_sentence=bool(_opener_lead().fullmatch(text[start : e.start])),
            )
            for e in find_time_expressions(self.text, start)
        )

    @cached_property
    def casualties(self) -> tuple[Casualty, ...]:
        return tuple(find_casualties(self.text, self.span.start))

    @cached_property
    def evidence(self) -> Span:
        """The sentence without the whitespace the tokenizer leaves at its end."""
        end = self.span.end
        while end > self.span.start and self.article_text[end - 1].isspace():
            end -= 1
        return Span(self.span.start, end)

    @cached_property
    def nationwide(self) -> bool:
        """ "a nationwide strike", "across the country"."""
        return bool(lexicon.word_pattern("nationwide_words").search(self.text))

    @cached_property
    def names_the_capital(self) -> bool:
        """ "marched in the capital" (no name after it)."""
        return bool(lexicon.word_pattern("the_capital", 0).search(self.text))

    @cached_property
    def suspect_word(self) -> str | None:
        """ "a suspected thief": a word saying the victim was taken for a criminal."""
        return mob_justice(self.text)


@dataclass(frozen=True, eq=False)
class ArticleFacts:
    """The typed findings of extract and resolve for one article. The mentions and
    places are found when the facts are gathered; the rest on first need, once."""

    article: Article
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    ctx: ActorContext
    sentences: Mapping[Span, SentenceFacts]  # the sentences holding a mention
    places: Mapping[int, tuple[Place, ...]]  # every sentence's start -> its places, in order
    # a mention's sentence -> the sentences right after it that hold none (see _follow_ups)
    follow_ups: Mapping[Span, tuple[SentenceFacts, ...]] = field(default_factory=dict)

    @cached_property
    def explicit_dates(self) -> tuple[TimeExpr, ...]:
        """Every explicit date in the body."""
        article = self.article
        body = article.text[article.body_start :]
        found = find_time_expressions(body, article.body_start)
        return tuple(e for e in found if e.kind in {"date", "range"})

    @cached_property
    def newlines(self) -> tuple[int, ...]:
        """Offsets of the line breaks (paragraph ends)."""
        return tuple(m.start() for m in re.finditer("\n", self.article.text))

    @cached_property
    def cause_words(self) -> tuple[Span, ...]:
        """Words introducing what a protest is about ("after", "over", "demanding")."""
        return _hits(lexicon.word_pattern("protest_cause_words"), self.article.text)

    @cached_property
    def reprisal_words(self) -> tuple[Span, ...]:
        """Words introducing what an attack avenged ("in reprisal for")."""
        return _hits(lexicon.word_pattern("reprisal_words"), self.article.text)

    @cached_property
    def sparked_words(self) -> tuple[Span, ...]:
        """ "sparked", "led to" (as written: lower case only)."""
        return _hits(lexicon.word_pattern("sparked_words", 0), self.article.text)

    @cached_property
    def clause_breaks(self) -> tuple[int, ...]:
        """Commas and semicolons."""
        return tuple(m.start() for m in re.finditer(r"[,;]", self.article.text))

    def paragraph(self, offset: int) -> Span:
        """The paragraph (line) holding ``offset``; a line break belongs to the line it ends."""
        i = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[i - 1] + 1 if i > 0 else 0
        end = self.newlines[i] if i < len(self.newlines) else len(self.article.text)
        return Span(start, end)

    def text_of(self, span: Span) -> str:
        return self.article.text[span.start : span.end]

    def break_between(self, start: int, end: int) -> bool:
        """Whether a comma or semicolon lies in ``[start, end)``."""
        i = bisect.bisect_left(self.clause_breaks, start)
        return i < len(self.clause_breaks) and self.clause_breaks[i] < end


def last_within(hits: Sequence[Span], start: int, end: int) -> Span | None:
    """The last of ``hits`` (sorted, not overlapping) lying wholly in ``[start, end)``."""
    i = bisect.bisect_left(hits, start, key=lambda h: h.start)
    found = None
    while i < len(hits) and hits[i].end <= end:
        found = hits[i]
        i += 1
    return found


def gather_facts(
    article: Article,
    doc: Doc,
    quotes: Sequence[Quote],
    ctx: ActorContext,
    toponyms: Sequence[Toponym] = (),
) -> ArticleFacts:
    """Run the extractors and resolvers the coder needs, once. ``toponyms`` are the
    geoparser's places of the same parse: event places choose from them."""
    mentions = tuple(find_mentions(doc, skip=article.skipped_spans()))
    sentences: dict[Span, SentenceFacts] = {}
    for m in mentions:
        if m.sentence not in sentences:
            sentences[m.sentence] = SentenceFacts(m.sentence, article.text)
    found = places_by_sentence(doc, ctx.countries, toponyms)
    return ArticleFacts(
        article=article,
        mentions=mentions,
        quotes=tuple(quotes),
        ctx=ctx,
        sentences=sentences,
        places={start: tuple(places) for start, places in found.items()},
        follow_ups=_follow_ups(doc, sentences, article.text),
    )


_FOLLOW_UPS = 2  # sentences after an event's that may go on telling it


def _follow_ups(
    doc: Doc, sentences: Mapping[Span, SentenceFacts], text: str
) -> dict[Span, tuple[SentenceFacts, ...]]:
    """Up to two sentences right after a mention's sentence, in its paragraph, that hold
    no mention themselves ("Fighting broke out ... Ten soldiers died.")."""
    spans = [Span(s.start_char, s.end_char) for s in doc_sents(doc)]
    found: dict[Span, tuple[SentenceFacts, ...]] = {}
    for i, span in enumerate(spans):
        if span not in sentences:
            continue
        after: list[SentenceFacts] = []
        for nxt in spans[i + 1 : i + 1 + _FOLLOW_UPS]:
            if nxt in sentences or "\n" in text[span.start : nxt.start]:
                break
            after.append(SentenceFacts(nxt, text))
        if after:
            found[span] = tuple(after)
    return found


def _hits(pattern: re.Pattern[str], text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in pattern.finditer(text))
