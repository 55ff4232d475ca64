"""Lists of links under an article, read as one headline a sentence.

News pages end an article with a heading ("Related stories", "Also read") and a
run of other articles' headlines. Scraped to text, the headlines are often joined
by no-break spaces only (U+00A0, or "Â " when the text was mis-decoded), with no
stop between them: the parser reads the whole run as one sentence, and a clash in
one headline takes the words of the next as its sides.

:func:`mark_link_lists` finds such a run - a heading from ``data/words/
link_list_cues`` at the start of a line or sentence, then the rest of that line -
and puts a line break in the parser's view at each no-break space that separates
two items, so each headline is its own sentence (``nlp/pipeline.py`` ends a
sentence at a line break). The view keeps the text's length; the caller's text is
never changed. A no-break space in running prose ("10\\xa0km") is left alone: only
the runs after a heading are split.
"""

from __future__ import annotations

import re
from functools import cache

from newscoder.lexicon import word_list

# A no-break space as the text gives it: the character itself, or "Â" (its first
# byte read as cp1252) before a space or no-break space.
_SEPARATOR = re.compile(r"(?:\xa0|Â(?=[ \xa0]))[ \xa0]*(?:(?:\xa0|Â(?=[ \xa0]))[ \xa0]*)*")


@cache
def _heading() -> re.Pattern[str]:
    cues = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in word_list("link_list_cues")),
                  key=len, reverse=True)  # fmt: skip
    return re.compile(
        r"(?:^|(?<=[.!?\"'”’)])[ \t\xa0]+)[ \t\xa0]*(?P<cue>(?:" + "|".join(cues) + r"))"
        r"[ \t]*:?(?=[ \t]*(?:\xa0|Â[ \xa0]))",
        re.IGNORECASE | re.MULTILINE,
    )


def link_list_breaks(text: str) -> list[int]:
    """Offsets in ``text`` of the no-break spaces that separate the items of a list
    of links (the first character of each separating run)."""
    if "\xa0" not in text and "Â" not in text:
        return []
    breaks: list[int] = []
    for heading in _heading().finditer(text):
        line_end = text.find("\n", heading.end())
        line_end = len(text) if line_end < 0 else line_end
        for sep in _SEPARATOR.finditer(text, heading.end(), line_end):
            if text[sep.end() : line_end].strip(" \xa0Â"):  # an item follows
                breaks.append(sep.start())
    return breaks


def mark_link_lists(text: str, view: str) -> str:
    """``view`` (the parser's same-length string for ``text``) with a line break at
    each separator of a list of links; ``view`` itself when there is none."""
    breaks = link_list_breaks(text)
    if not breaks:
        return view
    chars = list(view)
    for at in breaks:
        chars[at] = "\n"
    return "".join(chars)
