"""Marked quotes (words between quotation marks) with their cue and speaker.

Each marked quote is direct (nothing but attribution around it, QT050) or partial
(the reporter's own words around it, QT055); short quoted phrases nobody is said to
have said are labels or scare quotes and are dropped (QT060). A quote is attributed
(QT065-QT110, in that order of preference) to a speech cue in its own sentence
(preferring the cue the quote hangs from in the parse, then the nearest), else to
"— Name" after it, a "Name:" before it, a cue sentence right after or before it, or
the paragraph's previous quote (a quote standing alone continues its speaker).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from newscoder.extract.quote_spans import MarkedSpan
from newscoder.extract.quote_view import DocView, overlaps
from newscoder.extract.speakers import (
    Found,
    cue_kind,
    cue_lemma,
    cue_lexicon,
    describe_speaker,
    is_according,
    make_cue,
)
from newscoder.lexicon import words
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.types import Cue, Quote, Span, Speaker

__all__ = ["marked_quotes"]

_E = Stage.EXTRACT
DIRECT = declare(
    "QT050", "direct-quote", _E, Kind.FIND,
    "words in quotation marks with nothing but the attribution around them in their sentence",
)  # fmt: skip
PARTIAL = declare(
    "QT055", "partial-quote", _E, Kind.FIND,
    "words in quotation marks inside the reporter's own sentence ('he called it \"a disgrace\"')",
)  # fmt: skip
SCARE_QUOTE = declare(
    "QT060", "scare-quote", _E, Kind.VETO,
    "a short phrase in marks nobody is said to have said, a title, or one after 'so-called' "
    "is a label, not a quote",
)  # fmt: skip
GOVERNING_CUE = declare(
    "QT065", "governing-cue", _E, Kind.CHOOSE,
    "the speech cue the quote's words hang from in the parse ('“...,” the mayor said')",
)  # fmt: skip
SENTENCE_CUE = declare(
    "QT070", "sentence-cue", _E, Kind.CHOOSE,
    "else the speech cue nearest the quote in its own sentence",
)  # fmt: skip
REPORTING_CUE = declare(
    "QT075", "reporting-cue", _E, Kind.CHOOSE,
    "a cue inside what another speaker reports ('X said that officials called it “...”'): "
    "the reporting speaker",
)  # fmt: skip
DASH_SPEAKER = declare(
    "QT080", "dash-speaker", _E, Kind.CHOOSE,
    "'“...” — Amina Yusuf, a teacher': the name after the dash",
)  # fmt: skip
COLON_SPEAKER = declare(
    "QT085", "colon-speaker", _E, Kind.CHOOSE,
    "'Name: “...”' or a cue sentence ending in a colon just before the quote",
)  # fmt: skip
NEXT_SENTENCE_CUE = declare(
    "QT090", "next-sentence-cue", _E, Kind.CHOOSE,
    "a quote standing alone followed in its paragraph by 'he said.'",
)  # fmt: skip
PREVIOUS_SENTENCE_CUE = declare(
    "QT095", "previous-sentence-cue", _E, Kind.CHOOSE,
    "a quote sentence after '..., the mayor said.' goes on in that speaker's voice",
)  # fmt: skip
CONTINUES_PARAGRAPH = declare(
    "QT100", "continues-paragraph", _E, Kind.CHOOSE,
    "a quote with no cue continues the speaker of the paragraph's previous quote",
)  # fmt: skip
CONTINUES_PREVIOUS = declare(
    "QT105", "continues-previous-paragraph", _E, Kind.CHOOSE,
    "a paragraph that is only a quote continues the previous paragraph's quote",
)  # fmt: skip
UNATTRIBUTED = declare(
    "QT110", "unattributed", _E, Kind.DEFAULT, "no cue or speaker found: the quote has no speaker"
)  # fmt: skip

_LABEL_MAX_WORDS = 4
_TITLE_MAX_WORDS = 7
_LINK_HOPS = 4
_NEXT_SENTENCE_MAX_TOKENS = 40
_DASH = re.compile(r"[\s,.;]*(?:[—–―]|--?(?=\s))\s*")
_WORD = re.compile(r"\w+")
_EDGE_PUNCT = ",.;:!?—–- "


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: Speaker | None
    cue: Cue | None
    reason: str
    rule: Rule = UNATTRIBUTED  # how the speaker was found
    speaker_rule: Rule | None = None  # how the cue's subject was read (QT005-QT045)


_NONE = _Attribution(None, None, "no attribution found")


def _groups(marked: list[MarkedSpan]) -> list[list[MarkedSpan]]:
    groups: dict[int, list[MarkedSpan]] = {}
    for m in marked:
        groups.setdefault(m.group, []).append(m)
    return [groups[g] for g in sorted(groups)]


def marked_quotes(view: DocView, marked: list[MarkedSpan], skip: Sequence[Span]) -> list[Quote]:
    """The quotes between marks outside ``skip``, each part attributed."""
    out: list[Quote] = []
    last_in_para: dict[int, _Attribution] = {}
    closes = sorted(m.close_at for m in marked if m.close_at is not None)
    opens = sorted(m.open_at for m in marked)
    for parts in _groups(marked):
        first, last = parts[0], parts[-1]
        if overlaps(first.open_at, (last.close_at or last.end) + 1, skip):
            continue
        close = last.close_at if last.close_at is not None else last.end
        w_lo, _ = view.window(first.open_at, first.open_at)
        _, w_hi = view.window(close, close)
        k = bisect.bisect_left(closes, first.open_at)
        before_lo = max(w_lo, closes[k - 1] + 1) if k else w_lo
        k = bisect.bisect_right(opens, close)
        after_hi = min(w_hi, opens[k]) if k < len(opens) else w_hi
        direct = _is_direct(view, first.open_at, close, before_lo, after_hi)
        attr = _attribute(view, parts, w_lo, w_hi, direct, last_in_para)
        content = view.text[first.start : last.end]
        if _is_label(view, content, first.open_at, before_lo, attr, direct):
            fire(SCARE_QUOTE, "vetoed", content, first.start)
            continue
        kind = "direct" if direct else "partial"
        rule = DIRECT if direct else PARTIAL
        if attr.speaker is not None:
            last_in_para[view.para(close)] = attr
        _fire_attribution(attr, content, first.start)
        for part in parts:
            extra = f" (part {part.part + 1} of {len(parts)})" if len(parts) > 1 else ""
            text = view.text[part.start : part.end]
            fire(rule, "found", text, part.start)
            out.append(
                Quote(
                    text=text,
                    start=part.start,
                    end=part.end,
                    kind=kind,
                    speaker=attr.speaker,
                    cue=attr.cue,
                    reason=rule.why(f"{kind} quote in {part.style} marks{extra}; {attr.reason}"),
                    rule=rule.id,
                )
            )
    return out


def _fire_attribution(attr: _Attribution, content: str, start: int) -> None:
    who = ""
    if attr.speaker is not None:
        who = attr.speaker.name or attr.speaker.role or ""
    outcome = "defaulted" if attr.rule is UNATTRIBUTED else "chose"
    fire(attr.rule, outcome, content, start, who)
    if attr.speaker_rule is not None and attr.speaker is not None:
        fire(attr.speaker_rule, "chose", content, start, who)


def _is_direct(view: DocView, open_at: int, close: int, before_lo: int, after_hi: int) -> bool:
    """Direct when nothing but attribution stands around the quote in its
    sentence; words of the reporter's own before it make it partial."""
    before = view.text[before_lo:open_at].strip()
    if before.endswith(("—", "--")) and not view.cues_in(before_lo, open_at):
        before = ""  # a dateline ("KABUL, Afghanistan —") opens the sentence
    framed = before[-1:] == ":" or (before[-1:] == "," and view.cues_in(before_lo, open_at))
    if before and not framed:
        return False
    after = view.text[close + 1 : after_hi].strip(_EDGE_PUNCT)
    return (
        not after
        or bool(view.cues_in(close + 1, after_hi))
        or bool(_DASH.match(view.text, close + 1))
    )


def _is_label(
    view: DocView, content: str, open_at: int, before_lo: int, attr: _Attribution, direct: bool
) -> bool:
    """A scare quote or title: a short phrase nobody is said to have said, a
    Title Case name inside a sentence ("on CBS's “Face the Nation”"), or one
    introduced by "so-called", "dubbed", "known as"."""
    words = _WORD.findall(content)
    if not direct and len(words) <= _TITLE_MAX_WORDS and _title_case(words):
        return True
    if len(words) > _LABEL_MAX_WORDS:
        return False
    if attr.cue is None and attr.speaker is None:
        return True
    before = view.text[max(before_lo, open_at - 20) : open_at].lower().rstrip()
    return any(before.endswith(marker) for marker in cue_lexicon().scare_markers)


def _title_case(words: list[str]) -> bool:
    """Every word capitalized but the short function words of titles."""
    small = cue_lexicon().title_small_words
    content = [w for w in words if w.lower() not in small]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _from_cue(view: DocView, tok: Token, how: str, rule: Rule) -> _Attribution:
    found = view.cues.get(tok.i, Found(None, "no speaker", False))
    cue = make_cue(tok)
    kind = cue_kind(cue.text) or "statement"
    why = f"cue '{cue.text}' ({kind}) {how}; speaker: {found.why}"
    return _Attribution(found.speaker, cue, why, rule, found.rule)


def _linked(view: DocView, cue: Token, lo: int, hi: int) -> bool:
    """Whether the quote's words hang from ``cue`` in the parse."""
    if not view.has_parse:
        return False
    t_lo, t_hi = view.tok_at(lo), view.tok_at(hi)
    for i in range(t_lo, t_hi + 1):
        tok = view.doc[i]
        for _ in range(_LINK_HOPS):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.i == cue.i:
                return True
            if is_according(cue) and tok.i == cue.head.i:
                return True
    return False


def _attribute(
    view: DocView,
    parts: list[MarkedSpan],
    w_lo: int,
    w_hi: int,
    direct: bool,
    last_in_para: dict[int, _Attribution],
) -> _Attribution:
    first, last = parts[0], parts[-1]
    close = last.close_at if last.close_at is not None else last.end
    windows = [(w_lo, w_hi)]
    if len(parts) > 1:
        windows = [(w_lo, view.window(first.open_at, first.open_at)[1])]
        windows.append((view.window(close, close)[0], w_hi))
    cands = [t for lo, hi in windows for t in view.cues_in(lo, hi)]
    if cands:

        def rank(tok: Token) -> tuple[bool, int]:
            dist = tok.idx - close if tok.idx > close else first.open_at - tok.idx
            return not _linked(view, tok, first.start, last.end), dist

        best = min(cands, key=rank)
        governing = not rank(best)[0]
        how = "governing the quote" if governing else "in the quote's sentence"
        outer = _reporting_cue(view, best)
        if outer is not None:
            how = f"reporting '{best.text}', the cue {how}"
            return _from_cue(view, outer, how, REPORTING_CUE)
        return _from_cue(view, best, how, GOVERNING_CUE if governing else SENTENCE_CUE)
    dash = _dash_speaker(view, close)
    if dash is not None:
        return dash
    colon = _colon_speaker(view, first.open_at)
    if colon is not None:
        return colon
    if not direct:
        return _NONE
    after = _next_sentence_cue(view, w_hi)
    if after is not None:
        return after
    before = _previous_sentence_cue(view, w_lo)
    if before is not None:
        return before
    para = view.para(first.open_at)
    prev = last_in_para.get(para)
    if prev is not None:
        why = "continues the paragraph's previous quote"
        return _Attribution(prev.speaker, prev.cue, why, CONTINUES_PARAGRAPH, prev.speaker_rule)
    p_lo, p_hi = view.para_bounds(first.open_at)
    alone = not view.text[p_lo : first.open_at].strip() and not view.text[close + 1 : p_hi].strip(
        _EDGE_PUNCT
    )
    prev = last_in_para.get(para - 1)
    if alone and prev is not None:
        why = "quote paragraph continues the previous one"
        return _Attribution(prev.speaker, prev.cue, why, CONTINUES_PREVIOUS, prev.speaker_rule)
    return _NONE


def _reporting_cue(view: DocView, cue: Token) -> Token | None:
    """The speech verb whose content clause holds ``cue``: in "X said that the
    authorities called on Y to “…”" the words in marks are X's, not the
    authorities'. Only a plain speech verb with a speaker reports."""
    if not view.has_parse:
        return None
    lex = cue_lexicon()
    tok, found = cue, None
    for _ in range(_LINK_HOPS):
        if tok.head.i == tok.i or tok.dep_ not in words("quote_clause_deps"):
            break
        tok = tok.head
        lemma = cue_lemma(tok)
        if lemma and lemma not in lex.marked_only and view.cues.get(tok.i, (None,))[0]:
            found = tok
    return found


def _span_root(view: DocView, char: int) -> Token | None:
    if not view.has_parse or not len(view.doc):
        return None
    tok = view.doc[view.tok_at(char)]
    ent = view.ctx.ent_of.get(tok.i)
    if ent is not None:
        return ent.root
    while tok.dep_ in ("compound", "amod", "det", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in ("PROPN", "NOUN", "PRON") else None


def _dash_speaker(view: DocView, close: int) -> _Attribution | None:
    """“…” — Amina Yusuf, a teacher in Kano."""
    _, p_hi = view.para_bounds(close)
    m = _DASH.match(view.text, close + 1, p_hi)
    if m is None or m.end() >= p_hi or not any(d in m.group() for d in "—–―-"):
        return None
    head = _span_root(view, m.end())
    if head is None:
        return None
    found = describe_speaker(head, view.ctx)
    if found.speaker is None:
        return None
    why = f"speaker after a dash; {found.why}"
    return _Attribution(found.speaker, None, why, DASH_SPEAKER, found.rule)


def _colon_speaker(view: DocView, open_at: int) -> _Attribution | None:
    """Name: “…”, or a cue sentence ending in a colon just before the quote."""
    p_lo, _ = view.para_bounds(open_at)
    before = view.text[p_lo:open_at].rstrip()
    if not before and p_lo > 0:
        # "X released the following statement:" closing the previous paragraph
        p_lo, _ = view.para_bounds(view.text.rfind("\n", 0, p_lo - 1) + 1)
        before = view.text[p_lo:open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = p_lo + len(before) - 1
    lo = view.window(colon - 1, colon - 1)[0] if colon > p_lo else p_lo
    cands = view.cues_in(lo, colon)
    if cands:
        return _from_cue(view, cands[-1], "before a colon", COLON_SPEAKER)
    head = _span_root(view, max(p_lo, colon - 1))
    if head is not None and head.dep_ != "ROOT" and view.has_parse:
        root = view.doc[view.tok_at(colon - 1)]
        while root.head.i != root.i and p_lo <= root.head.idx < colon:
            root = root.head
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        head = subj[0] if subj else None
    if head is None:
        return None
    found = describe_speaker(head, view.ctx)
    if found.speaker is None:
        return None
    why = f"speaker before a colon; {found.why}"
    return _Attribution(found.speaker, None, why, COLON_SPEAKER, found.rule)


def _next_sentence_cue(view: DocView, w_hi: int) -> _Attribution | None:
    """A quote standing alone followed, in its paragraph, by "He said." style."""
    if not view.has_sents:
        return None
    _, p_hi = view.para_bounds(w_hi - 1 if w_hi else 0)
    if w_hi >= p_hi:
        return None
    k = bisect.bisect_left(view.tok_starts, w_hi)
    if k >= len(view.doc):
        return None
    sent = view.doc[k].sent
    if len(sent) > _NEXT_SENTENCE_MAX_TOKENS or view.marked_share(sent.start_char, sent.end_char):
        return None
    cands = view.cues_in(sent.start_char, min(sent.end_char, p_hi))
    cands = [t for t in cands if view.cues[t.i][0] is not None]
    return _from_cue(view, cands[0], "in the next sentence", NEXT_SENTENCE_CUE) if cands else None


def _previous_sentence_cue(view: DocView, w_lo: int) -> _Attribution | None:
    """A quote opening a sentence after "…, the mayor said." in its paragraph
    goes on in the voice of the speaker just reported."""
    if not view.has_sents:
        return None
    p_lo, _ = view.para_bounds(w_lo)
    k = view.tok_at(w_lo) - 1
    if w_lo <= p_lo or k < 0 or view.doc[k].idx < p_lo:
        return None
    sent = view.doc[k].sent
    lo = max(p_lo, sent.start_char)
    if view.marked_share(lo, sent.end_char):
        return None  # a quote sentence: the paragraph's previous quote decides
    lex = cue_lexicon()
    cands = [
        t
        for t in view.cues_in(lo, sent.end_char)
        if view.cues[t.i][0] is not None and cue_lemma(t) not in lex.marked_only
    ]
    if not cands:
        return None
    return _from_cue(view, cands[-1], "in the sentence before", PREVIOUS_SENTENCE_CUE)
