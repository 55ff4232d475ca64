"""Is this English? A warning (W104) for text the coder cannot read.

The coder's lexicons and model read English only: an Arabic or Chinese report
comes back with no events, and that must not look like "nothing happened". The
detector is py3langid (a fork of langid.py; its model ships inside the wheel, so
nothing is downloaded), run on the first 1,500 characters only, and only when
the text is not plainly English already (enough of "the", "of", "and", "said"
...): plain English costs a word count, the rest under a millisecond, and the
model is loaded only when first needed (decompressed once into the user's cache
folder, :mod:`newscoder.ingest.langid_model`; about 0.1 s to load after that).

Two tests, so short or name-heavy English notes are not flagged:
- most letters are not Latin (Arabic, Chinese, Cyrillic, Devanagari, ...), or
- the detector says another language with a probability of at least 0.9.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Any

from newscoder.errors import W_LANGUAGE, warning
from newscoder.lexicon import words

log = logging.getLogger(__name__)

SAMPLE_CHARS = 1_500
MIN_LETTERS = 10
MIN_PROBABILITY = 0.9
# What the coder reads: English, and Nigerian Pidgin, which langid gives terse English
# notes ("... jets bomb an Boko Haram convoy, fifteen dead").
READABLE = frozenset({"en", "pcm"})


@cache
def _identifier() -> Any:
    from newscoder.ingest.langid_model import load_identifier

    return load_identifier()


def preload() -> None:
    """Load the detector's model now (worker start-up) rather than on the first report."""
    _identifier()


_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[a-z]+")
# Words that make up about a tenth of any English news text and are not words of the
# other Latin-script languages: with enough of them the detector need not run.
_ENGLISH = words("english_language_codes")
ENGLISH_SHARE = 0.08
_NOT_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


@cache
def language_name(code: str) -> str:
    try:
        import pycountry

        found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    except (ImportError, KeyError, LookupError):
        found = None
    return getattr(found, "name", None) or code


def detect(text: str) -> tuple[str, float] | None:
    """The language code and probability langid gives ``text``'s opening, or None when
    there are too few letters to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    try:
        code, probability = _identifier().classify(sample)
    except Exception as error:  # the detector must never cost a record
        log.debug("language detection failed: %r", error)
        return None
    return str(code), float(probability)


def language_warning(text: str) -> str | None:
    """A W104 warning when ``text`` does not look like English, else None."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return None
    latin = 1 - len(_NOT_LATIN.findall(sample)) / letters
    if latin >= 0.5 and _plainly_english(sample):
        return None  # the usual case: no detector, no model load
    found = detect(sample)
    if latin < 0.5:
        guess = language_name(found[0]) if found and found[0] not in READABLE else "not English"
        share = f"{1 - latin:.0%} of its letters are not Latin script"
        return warning(W_LANGUAGE, f"the text looks like {guess} ({share}); {_READS}")
    if found is not None and found[0] not in READABLE and found[1] >= MIN_PROBABILITY:
        name = language_name(found[0])
        return warning(
            W_LANGUAGE, f"the text looks like {name} ({found[0]}, p={found[1]:.2f}); {_READS}"
        )
    return None


def _plainly_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    return len(words) >= 8 and sum(w in _ENGLISH for w in words) / len(words) >= ENGLISH_SHARE


_READS = "the coder reads English only: events, places and quotes are likely missing"
