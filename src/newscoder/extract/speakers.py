"""Speech cues and speakers over a spaCy parse.

A cue is a speech verb ("said", "told", "warned", lexicon in
``data/speech_cues.json``) or the phrase "according to". Its speaker is the
verb's subject (or the object of "to"), turned into a :class:`Speaker`: the
person's full name when the article gave it earlier ("Mr. Khan" -> "Imran
Khan"), a role from an apposition or a title before the name ("Defence
Minister X of Y" -> "Defence Minister of Y"), the organization named in that
role, and the character span of the mention the cue attaches to. Pronouns and
definite descriptions ("he", "the spokesman", "the ministry") are resolved
back to earlier named speakers or organization entities.
"""

from __future__ import annotations

import bisect
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newscoder.errors import KnowledgeError
from newscoder.nlp.cache import doc_ents, doc_text
from newscoder.registry import Kind, Rule, Stage, declare
from newscoder.types import Cue, Speaker

_E, _C = Stage.EXTRACT, Kind.CHOOSE
PERSON_NAMED = declare(
    "QT005", "person-speaker", _E, _C,
    "a cue's subject that is a person's name: the full name given earlier, the role from a "
    "title or an apposition",
)  # fmt: skip
DOCUMENT_AUTHOR = declare(
    "QT010", "document-author", _E, _C,
    "a document as subject ('a statement from the army said'): its author speaks",
)  # fmt: skip
APPOSITION = declare(
    "QT015", "apposition-speaker", _E, _C,
    "a role with the name in apposition ('the governor, Ali Musa, said'): the named person",
)  # fmt: skip
ENTITY = declare(
    "QT020", "entity-speaker", _E, _C,
    "an organisation, group or country as subject ('the ministry said'): the organisation",
)  # fmt: skip
PROPER_NOUN = declare(
    "QT025", "proper-noun-speaker", _E, _C,
    "a proper noun the recogniser left untagged ('Mr Okafor said'): the name as written",
)  # fmt: skip
PRONOUN = declare(
    "QT030", "pronoun-speaker", _E, _C,
    "a pronoun ('he said') is the last speaker named before it, else the last person",
)  # fmt: skip
FIRST_NAMED = declare(
    "QT035", "first-named-source", _E, _C,
    "several sources ('according to witnesses and Ali Musa'): the one named",
)  # fmt: skip
EARLIER_DESCRIPTION = declare(
    "QT040", "earlier-description", _E, _C,
    "a definite description ('the spokesman said') is the organisation, speaker or titled "
    "person named before it",
)  # fmt: skip
DESCRIBED = declare(
    "QT045", "described-speaker", _E, _C,
    "a speaker described, not named ('a resident said', 'officials said'): the description",
)  # fmt: skip

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NAME_DEPS = ("compound", "flat", "nmod")
# Modifiers that describe the person further rather than name a role.
_DROP_FROM_ROLE = ("relcl", "acl", "advcl", "punct")


@dataclass(frozen=True, slots=True)
class CueLexicon:
    kinds: dict[str, str]
    forms: dict[str, str]
    marked_only: frozenset[str]
    naming: frozenset[str]
    phrases: dict[str, str]
    honorifics: frozenset[str]
    scare_markers: tuple[str, ...]
    title_small_words: frozenset[str]
    pronouns: dict[str, str]
    document_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    title_words: frozenset[str]


def _text(doc: Doc) -> str:
    """``doc.text`` joins every token on each call; speaker look-ups slice it often,
    so keep one copy per doc (a 17k-character article went from 54 s to well under 1 s).
    Kept on the doc, not in a module cache, so coded documents are freed."""
    return doc_text(doc)


@functools.cache
def cue_lexicon() -> CueLexicon:
    """The speech-cue lexicon bundled in ``data/speech_cues.json``."""
    path = resources.files("newscoder.data") / "speech_cues.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        kinds = {lemma: entry["kind"] for lemma, entry in raw["verbs"].items()}
        forms = {f: lemma for lemma, entry in raw["verbs"].items() for f in entry["forms"]}
        lex = CueLexicon(
            kinds=kinds,
            forms=forms,
            marked_only=frozenset(raw["marked_only_verbs"]),
            naming=frozenset(raw["naming_verbs"]),
            phrases=dict(raw["phrases"]),
            honorifics=frozenset(raw["honorifics"]),
            scare_markers=tuple(raw["scare_markers"]),
            title_small_words=frozenset(raw["title_small_words"]),
            pronouns=dict(raw["pronouns"]),
            document_nouns=frozenset(raw["document_nouns"]),
            institution_nouns=frozenset(raw["institution_nouns"]),
            title_words=frozenset(raw["title_words"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KnowledgeError(f"speech_cues.json is malformed: {exc}") from exc
    unknown = (lex.marked_only | lex.naming) - kinds.keys()
    if unknown:
        raise KnowledgeError(
            f"speech_cues.json: marked_only_verbs or naming_verbs not in verbs: {sorted(unknown)}"
        )
    return lex


def cue_kind(word: str) -> str | None:
    """Kind of speech act a cue word names ("denied" -> "denial"), or None."""
    lex = cue_lexicon()
    low = word.lower()
    if low in lex.phrases:
        return lex.phrases[low]
    lemma = low if low in lex.kinds else lex.forms.get(low)
    return lex.kinds.get(lemma) if lemma else None


def cue_lemma(tok: Token) -> str | None:
    """The speech-verb lemma of ``tok`` or None. Tagged docs must tag it a verb
    (so "the report", "claims" as nouns are not cues); untagged docs match forms."""
    lex = cue_lexicon()
    if tok.tag_ and not tok.tag_.startswith("VB"):
        return None
    lemma = tok.lemma_.lower()
    if lemma in lex.kinds:
        return lemma
    return lex.forms.get(tok.lower_)


def is_according(tok: Token) -> bool:
    if tok.lower_ != "according":  # checked first: this runs on every token of a doc
        return False
    return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"


def make_cue(tok: Token) -> Cue:
    if is_according(tok):
        to = tok.nbor(1)
        return Cue(_text(tok.doc)[tok.idx : to.idx + len(to)], tok.idx, to.idx + len(to))
    return Cue(tok.text, tok.idx, tok.idx + len(tok))


def subject_of(cue: Token, outside: frozenset[int] = frozenset()) -> Token | None:
    """The token naming who speaks: the verb's subject, climbing through
    coordinated and embedded verbs ("said and added", "quoted as saying"); for
    "according to X" the object of "to". Tokens in ``outside`` (inside quotation
    marks) never count."""
    if is_according(cue):
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj" and c.i not in outside]
        return objs[0] if objs else None
    verb = cue
    for _ in range(4):
        subs = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i not in outside]
        if subs:
            return subs[0]
        if verb.dep_ not in ("conj", "xcomp", "pcomp", "advcl", "prep") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


@dataclass(frozen=True, slots=True)
class _Introduced:
    """What a person's mention says of them whatever was said before it: the full
    name, the span as written, the role from a title or apposition (None when
    neither gives one) and the organization in that role."""

    name: str
    start: int
    end: int
    role: str | None
    org: str | None
    reasons: tuple[str, ...]


@dataclass(slots=True)
class SpeakerContext:
    """Per-document lookups built once: entity per token, person names seen so
    far, and named speakers by position for pronoun and description resolution.

    Look-ups back into the article go through indexes here rather than a scan of
    the earlier persons or organizations per cue: the scans made long documents
    quadratic (at 300k characters, re-reading the names of earlier persons was a
    third of the coding time)."""

    doc: Doc
    ent_of: dict[int, SpacySpan] = field(default_factory=dict)
    persons: list[SpacySpan] = field(default_factory=list)
    orgs: list[SpacySpan] = field(default_factory=list)
    named: list[tuple[int, Speaker, bool]] = field(default_factory=list)
    person_starts: list[int] = field(default_factory=list)
    org_starts: list[int] = field(default_factory=list)
    # Full names by the words they end with: for each proper suffix of a person's
    # name ("Khan", "Imran Khan" of "Imran Ahmed Khan"), the start of every person
    # named so and, at each, the longest such name so far (the latest on a tie).
    _by_suffix: dict[tuple[str, ...], tuple[list[int], list[str]]] | None = None
    # Named speakers with a role, by name, in the order of ``named``.
    _roles: dict[str | None, list[tuple[int, Speaker]]] = field(default_factory=dict)
    # Names whose speakers have had a role with this word ("spokesman").
    _names_by_role_word: dict[str, set[str | None]] = field(default_factory=dict)
    # Each person's own mention, read once (index into ``persons``).
    _introduced: dict[int, _Introduced] = field(default_factory=dict)
    # Persons (indices) whose own mention gives a role with this word, and
    # persons without such a role by full name: built on the first look-up.
    _titled: dict[str, list[int]] | None = None
    _untitled: dict[str, list[int]] = field(default_factory=dict)
    # Organizations (indices) whose lower-case text holds a word, per word asked.
    _orgs_with: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc) -> SpeakerContext:
        ctx = cls(doc)
        for ent in _merged_persons(doc):
            for i in range(ent.start, ent.end):
                ctx.ent_of[i] = ent
            if ent.label_ == "PERSON":
                ctx.persons.append(ent)
            elif ent.label_ == "ORG":
                ctx.orgs.append(ent)
        ctx.person_starts = [p.start_char for p in ctx.persons]
        ctx.org_starts = [o.start_char for o in ctx.orgs]
        return ctx

    def remember(self, pos: int, speaker: Speaker, is_person: bool) -> None:
        if speaker.name or (speaker.organization and not is_person):
            bisect.insort(self.named, (pos, speaker, is_person), key=lambda r: r[0])
            if speaker.role:
                known = self._roles.setdefault(speaker.name, [])
                bisect.insort(known, (pos, speaker), key=lambda r: r[0])
                for word in speaker.role.lower().split():
                    self._names_by_role_word.setdefault(word, set()).add(speaker.name)

    def known_role(self, name: str | None) -> Speaker | None:
        """The last speaker (in text order) named ``name`` who had a role."""
        known = self._roles.get(name)
        return known[-1][1] if known else None

    def last_named(self, pos: int, *, person: bool | None, role_word: str | None = None):
        k = bisect.bisect_left(self.named, pos, key=lambda r: r[0])
        for j in range(k - 1, -1, -1):
            _, spk, is_person = self.named[j]
            if person is not None and is_person != person:
                continue
            if person and not spk.name:
                continue
            if role_word and role_word not in (spk.role or "").lower():
                continue
            return spk
        return None

    def full_name(self, words: tuple[str, ...], before: int) -> str | None:
        """The longest name of a person before ``before`` that ends with ``words``
        and is longer (the latest of the longest), or None."""
        if self._by_suffix is None:
            self._by_suffix = {}
            for ent in self.persons:
                cand, _, _ = _name_span(ent)
                cwords = cand.split()
                for k in range(1, len(cwords)):
                    starts, best = self._by_suffix.setdefault(tuple(cwords[-k:]), ([], []))
                    longer = not best or len(cwords) >= len(best[-1].split())
                    starts.append(ent.start_char)
                    best.append(cand if longer else best[-1])
        starts, best = self._by_suffix.get(words, ([], []))
        k = bisect.bisect_left(starts, before)
        return best[k - 1] if k else None

    def introduced(self, j: int) -> _Introduced:
        """Person ``j``'s own mention, read from its root and the root's appositions."""
        found = self._introduced.get(j)
        if found is None:
            ent = self.persons[j]
            appos = [c for c in ent.root.children if c.dep_ == "appos"]
            found = self._introduced[j] = _introduce(ent.root, ent, appos, self)
        return found

    def last_titled(self, word: str, before: int) -> int | None:
        """Index of the last person before ``before`` whose role (from their own
        mention, else from the last time they spoke) has the word ``word``."""
        if self._titled is None:
            self._titled = {}
            for j in range(len(self.persons)):
                intro = self.introduced(j)
                if intro.role is None:
                    self._untitled.setdefault(intro.name, []).append(j)
                    continue
                for w in dict.fromkeys(intro.role.lower().split()):
                    self._titled.setdefault(w, []).append(j)
        k = bisect.bisect_left(self.person_starts, before)
        found = [_last_below(self._titled.get(word, []), k)]
        for name in self._names_by_role_word.get(word, ()):
            spoke = self.known_role(name) if name is not None else None
            if spoke is not None and word in (spoke.role or "").lower().split():
                found.append(_last_below(self._untitled.get(name, []), k))
        return max((j for j in found if j is not None), default=None)

    def org_in(self, start: int, end: int) -> SpacySpan | None:
        """The first organization inside ``start..end`` (organizations do not
        overlap, so only the first one starting there can fit)."""
        k = bisect.bisect_left(self.org_starts, start)
        if k < len(self.orgs) and self.orgs[k].end_char <= end:
            return self.orgs[k]
        return None

    def last_org_with(self, word: str, before: int) -> SpacySpan | None:
        """The last organization starting before ``before`` whose text holds ``word``."""
        hits = self._orgs_with.get(word)
        if hits is None:
            hits = [j for j, o in enumerate(self.orgs) if word in o.text.lower()]
            self._orgs_with[word] = hits
        j = _last_below(hits, bisect.bisect_left(self.org_starts, before))
        return None if j is None else self.orgs[j]


def _last_below(indices: list[int], k: int) -> int | None:
    """The largest of the sorted ``indices`` below ``k``, or None."""
    n = bisect.bisect_left(indices, k)
    return indices[n - 1] if n else None


def _merged_persons(doc: Doc) -> list[SpacySpan]:
    """Entities, with PERSON names the recognizer split ("Hassan Sheikh" +
    "Mohamud") joined, and untagged given names before a surname taken in
    ("Defence Minister Oleksii Reznikov": "Oleksii" but not the title words)."""
    lex = cue_lexicon()
    out: list[SpacySpan] = []
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        a = ent.start
        while a > 0:
            prev = doc[a - 1]
            word = prev.lower_.rstrip(".")
            if (
                prev.pos_ != "PROPN"
                or prev.ent_type_
                or not prev.text[:1].isupper()
                or word in lex.title_words
                or prev.lower_ in lex.honorifics
                or word in lex.honorifics
            ):
                break
            a -= 1
        if out and out[-1].label_ == "PERSON" and out[-1].end == a:
            a = out.pop().start
        out.append(SpacySpan(doc, a, ent.end, label="PERSON"))
    return out


def _clean_range(doc: Doc, idxs: list[int]) -> tuple[str, int, int] | None:
    """Text of the first contiguous run of ``idxs``, without edge articles and
    punctuation ("a resident in the area" -> "resident in the area")."""
    if not idxs:
        return None
    idxs = sorted(idxs)
    run = [idxs[0]]
    for i in idxs[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    while run and (doc[run[0]].dep_ in ("det", "punct", "cc") or doc[run[0]].is_space):
        run.pop(0)
    while run and (doc[run[-1]].is_punct or doc[run[-1]].is_space or doc[run[-1]].tag_ == "POS"):
        run.pop()
    if not run:
        return None
    start, last = doc[run[0]].idx, doc[run[-1]]
    end = last.idx + len(last)
    return _text(doc)[start:end], start, end


def _subtree_without(tok: Token, drop: set[int]) -> list[int]:
    keep: list[int] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        if t.i in drop or (t.i != tok.i and t.dep_ in _DROP_FROM_ROLE and not t.is_punct):
            continue
        keep.append(t.i)
        stack.extend(t.children)
    return keep


def _np_root(tok: Token) -> Token:
    while tok.dep_ in (*_NAME_DEPS, "amod", "det", "poss") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _proper_span(head: Token, start: int, end: int) -> tuple[int, int]:
    """Widen a name to the proper-noun compounds before it ("Tehrik-i-Taliban
    Pakistan" when the entity recognizer only tagged "Pakistan")."""
    left = head
    for child in head.lefts:
        if child.dep_ in ("compound", "flat") and child.pos_ in ("PROPN", "PUNCT", "ADP", "X"):
            left = child.left_edge if child.left_edge.i < left.i else left
    if left.i < head.i and all(
        t.pos_ == "PROPN" or t.tag_ == "HYPH" or t.dep_ in ("compound", "prep", "punct")
        for t in head.doc[left.i : head.i]
    ):
        start = min(start, left.idx)
    return start, max(end, head.idx + len(head))


def _name_span(ent: SpacySpan) -> tuple[str, int, int]:
    """The person's name without honorifics or a possessive ending, and the span
    of the name as written (honorific included)."""
    lex = cue_lexicon()
    toks = [t for t in ent if t.tag_ != "POS" and t.text not in ("’s", "'s")]
    core = [t for t in toks if t.lower_ not in lex.honorifics] or toks
    start = ent.start_char
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in lex.honorifics:
        start = prev.idx
    end = toks[-1].idx + len(toks[-1]) if toks else ent.end_char
    name = _text(ent.doc)[core[0].idx : core[-1].idx + len(core[-1])]
    return name, start, end


def _full_name(name: str, before: int, ctx: SpeakerContext) -> tuple[str, str]:
    """Expand a surname to the longest full name given earlier in the article."""
    best = ctx.full_name(tuple(name.split()), before) or name
    return best, ("" if best == name else f"full name from earlier mention '{best}'")


def _org_in(doc: Doc, start: int, end: int, ctx: SpeakerContext) -> str | None:
    ent = ctx.org_in(start, end)
    return None if ent is None else ent.text.removeprefix("the ").removeprefix("The ")


def _title_role(head: Token, ent: SpacySpan, ctx: SpeakerContext) -> tuple[str, int] | None:
    """Role from words before the name ("Prime Minister X of Pakistan", "Kyiv's
    mayor X"): the subtrees of the head's left modifiers outside the name."""
    lex = cue_lexicon()
    doc = head.doc
    title: list[int] = []
    for child in head.lefts:
        if child.dep_ in ("det", "punct") or ent.start <= child.i < ent.end:
            continue
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            title.extend(t.i for t in child.subtree if t.lower_ not in lex.honorifics)
    text_range = _clean_range(doc, title)
    if text_range is None or text_range[2] > ent.start_char:
        return None
    role = text_range[0]
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > ent.end - 1:
            tail = _clean_range(doc, [t.i for t in prep.subtree])
            if tail:
                role = f"{role} {tail[0]}"
    return role, text_range[1]


def _appositions(head: Token) -> list[Token]:
    """Appositions of the speaker phrase; the parser sometimes hangs "the
    governor of X, Name," on X rather than on "governor", so look one level down."""
    found = [c for c in head.children if c.dep_ == "appos"]
    for child in head.children:
        if child.dep_ == "prep":
            found.extend(g for p in child.children for g in p.children if g.dep_ == "appos")
    return found


def _document_author(doc_noun: Token) -> Token | None:
    """'a statement from the army', 'the army's statement', 'a DoD news release' -> the army,
    DoD."""
    for child in doc_noun.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


class Found(NamedTuple):
    """A speaker read from a cue's subject, why, whether a person, and the rule that read it."""

    speaker: Speaker | None
    why: str
    is_person: bool
    rule: Rule | None = None


def describe_speaker(head: Token, ctx: SpeakerContext) -> Found:
    """Turn the subject of a cue into a Speaker, with a reason and whether the
    speaker is a person (pronouns "he"/"she" resolve only to persons)."""
    doc = head.doc
    lex = cue_lexicon()
    ent = ctx.ent_of.get(head.i)
    appos = [c for c in head.children if c.dep_ == "appos"]
    if ent is not None and ent.label_ == "PERSON":
        return _person_speaker(head, ent, appos, ctx)
    if head.lower_ in lex.document_nouns:
        author = _document_author(head)
        if author is not None:
            spk, why, is_person, _ = describe_speaker(author, ctx)
            return Found(spk, f"author of the {head.lower_}; {why}", is_person, DOCUMENT_AUTHOR)
    for ap in _appositions(head):
        ap_ent = ctx.ent_of.get(ap.i)
        if ap_ent is not None and ap_ent.label_ == "PERSON":
            drop = {t.i for t in ap.subtree}
            role = _clean_range(doc, _subtree_without(head, drop))
            name, start, end = _name_span(ap_ent)
            full, why = _full_name(name, ap_ent.start_char, ctx)
            org = _org_in(doc, role[1], role[2], ctx) if role else None
            spk = Speaker(full, role[0] if role else None, org, start, end)
            why = "named in apposition to the role" + (f"; {why}" if why else "")
            return Found(spk, why, True, APPOSITION)
    if ent is not None and ent.label_ in ("ORG", "NORP", "GPE"):
        start, end = _proper_span(head, ent.start_char, ent.end_char)
        name = _text(doc)[start:end].removeprefix("the ").removeprefix("The ")
        org = name if ent.label_ == "ORG" or start < ent.start_char else None
        for ap in appos:
            # an apposition ("X, a villager from Y") describes a person the
            # recognizer mislabelled, so keep the role and drop the organization
            rng = _clean_range(doc, _subtree_without(ap, set()))
            if rng is not None:
                spk = Speaker(name, rng[0], None, start, end)
                return Found(spk, "entity with a role", True, ENTITY)
        return Found(Speaker(name, None, org, start, end), f"{ent.label_} entity", False, ENTITY)
    if head.pos_ == "PROPN" and ent is None:
        start, end = _proper_span(head, head.idx, head.idx + len(head))
        titled = any(c.lower_ in lex.honorifics for c in head.children)
        name = _text(doc)[start:end]
        if titled:
            name = name.split(maxsplit=1)[-1]
            full, why = _full_name(name, start, ctx)
            spk = Speaker(full, None, None, start, end)
            return Found(spk, f"titled name; {why}".rstrip("; "), True, PROPER_NOUN)
        why = "proper noun not tagged as entity"
        return Found(Speaker(name, None, None, start, end), why, False, PROPER_NOUN)
    if head.lower_ in lex.pronouns:
        return _pronoun_speaker(head, ctx)
    for conj in head.children:
        # "according to witnesses and Ali Musa": the named source is the informative one
        conj_ent = ctx.ent_of.get(conj.i)
        if conj.dep_ == "conj" and conj_ent is not None and conj_ent.label_ == "PERSON":
            spk, why, _, _ = _person_speaker(conj, conj_ent, [], ctx)
            return Found(spk, f"{why}; first named of several sources", True, FIRST_NAMED)
    return _description_speaker(head, ctx)


def _person_speaker(head: Token, ent: SpacySpan, appos: list[Token], ctx: SpeakerContext) -> Found:
    return _with_known_role(_introduce(head, ent, appos, ctx), ctx)


def _with_known_role(intro: _Introduced, ctx: SpeakerContext) -> Found:
    """The person as introduced; without a role of their own, the role they had
    when they last spoke."""
    role, org, reasons = intro.role, intro.org, list(intro.reasons)
    if role is None:
        known = ctx.known_role(intro.name)
        if known is not None:
            role, org = known.role, known.organization
            reasons.append("role from an earlier mention")
    speaker = Speaker(intro.name, role, org, intro.start, intro.end)
    return Found(speaker, "; ".join(reasons), True, PERSON_NAMED)


def _introduce(head: Token, ent: SpacySpan, appos: list[Token], ctx: SpeakerContext) -> _Introduced:
    """The person named by ``ent`` as this mention introduces them (see :class:`_Introduced`)."""
    doc = head.doc
    name, start, end = _name_span(ent)
    full, why = _full_name(name, ent.start_char, ctx)
    reasons = ["PERSON entity"] + ([why] if why else [])
    role: str | None = None
    role_span: tuple[int, int] | None = None
    titled = _title_role(head, ent, ctx)
    if titled is not None and len(titled[0].split()) == 1 and appos:
        titled = None  # "Colonel X, an army spokesman": the apposition says more
    if titled is not None:
        role, rstart = titled
        role_span = (rstart, ent.end_char)
        reasons.append("role from title before the name")
    else:
        for ap in appos:
            rng = _clean_range(doc, _subtree_without(ap, set()))
            if rng is not None:
                role, role_span = rng[0], (rng[1], rng[2])
                reasons.append("role from apposition")
                break
    org = _org_in(doc, *role_span, ctx) if role_span else None
    return _Introduced(full, start, end, role, org, tuple(reasons))


def _pronoun_speaker(head: Token, ctx: SpeakerContext) -> Found:
    label = cue_lexicon().pronouns[head.lower_]
    start, end = head.idx, head.idx + len(head)
    person = label == "PERSON"
    if label in ("PERSON", "ORG"):
        prior = ctx.last_named(start, person=person)
        if prior is not None:
            spk = Speaker(prior.name, prior.role, prior.organization, start, end)
            return Found(spk, f"pronoun '{head.text}' -> last named speaker", person, PRONOUN)
    if person:
        k = bisect.bisect_left(ctx.person_starts, start)
        if k:
            prior = _with_known_role(ctx.introduced(k - 1), ctx).speaker
            assert prior is not None  # a PERSON entity always gives a speaker
            spk = Speaker(prior.name, prior.role, prior.organization, start, end)
            return Found(spk, "pronoun -> last PERSON mentioned", True, PRONOUN)
    return Found(None, f"pronoun '{head.text}' unresolved", person)


def _description_speaker(head: Token, ctx: SpeakerContext) -> Found:
    """A common-noun speaker ("the spokesman", "the ministry", "officials")."""
    doc = head.doc
    rng = _clean_range(doc, _subtree_without(head, set()))
    if rng is None:
        return Found(None, "no speaker text", False)
    role, start, end = rng
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    word = head.lower_
    if definite and head.tag_ in ("NN", "NNP", ""):
        ent = ctx.last_org_with(word, start)
        if ent is not None:
            name = ent.text.removeprefix("the ").removeprefix("The ")
            spk = Speaker(name, None, name, start, end)
            why = f"'{role}' -> earlier organization '{name}'"
            return Found(spk, why, False, EARLIER_DESCRIPTION)
        prior = ctx.last_named(start, person=None, role_word=word)
        if prior is not None:
            spk = Speaker(prior.name, prior.role, prior.organization, start, end)
            why = f"'{role}' -> earlier speaker with that role"
            return Found(spk, why, True, EARLIER_DESCRIPTION)
        titled = _titled_person(word, start, ctx)
        if titled is not None:
            spk = Speaker(titled.name, titled.role, titled.organization, start, end)
            why = f"'{role}' -> earlier person with that title"
            return Found(spk, why, True, EARLIER_DESCRIPTION)
    org = _org_in(doc, start, end, ctx)
    if org is None and head.lemma_.lower() in cue_lexicon().institution_nouns:
        spk = Speaker(None, role, role, start, end)
        return Found(spk, "institution, not named", False, DESCRIBED)
    return Found(Speaker(None, role, org, start, end), "described, not named", False, DESCRIBED)


def _titled_person(word: str, before: int, ctx: SpeakerContext) -> Speaker | None:
    """The last person introduced with ``word`` as title or apposition
    ("Defense Secretary A. B." ... "the secretary said")."""
    j = ctx.last_titled(word, before)
    return None if j is None else _with_known_role(ctx.introduced(j), ctx).speaker


def speaker_for_cue(
    cue: Token, ctx: SpeakerContext, outside: frozenset[int] = frozenset()
) -> Found:
    """Speaker of a cue token, resolved; remembers named speakers for later
    pronoun and description resolution, so call it in text order."""
    subj = subject_of(cue, outside)
    if subj is None:
        return Found(None, "cue without a subject", False)
    if subj.dep_ in _NAME_DEPS:
        subj = _np_root(subj)
    found = describe_speaker(subj, ctx)
    spk = found.speaker
    if spk is not None:
        ctx.remember(spk.start if spk.start is not None else cue.idx, spk, found.is_person)
    return found
