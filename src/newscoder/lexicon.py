"""Word lists as data: one loader for every named list in ``data/words/``.

Rules keep their vocabulary out of the code (as spaCy keeps ``lang/*/`` word lists
and trafilatura its XPaths): a list is a file, found by its name, loaded once.

File kinds, each starting with a header line ``# NAME: what the list is for``
(more ``#`` lines may follow; blank lines and ``#`` lines are ignored):

- ``NAME.txt``: one word or phrase a line (lower case unless the list says
  ``# case: keep``). :func:`words` gives a frozenset, :func:`word_list` the
  entries in file order.
- ``NAME.re.txt``: one regular-expression alternative a line, for lists whose
  entries need a pattern (``nation-?wide``). :func:`word_pattern` joins either
  kind into one ``\\b(?:...)\\b`` pattern.
- ``NAME.tsv``: ``key<TAB>value`` a line. :func:`word_map` gives a dict.

A missing list, a missing header, a duplicate entry or a malformed line raises
:class:`LexiconError` naming the file and line: data is checked when loaded and by
``tests/test_lexicon.py`` for every file.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from newscoder.errors import KnowledgeError

_HEADER = re.compile(r"^#\s*([a-z0-9_]+)\s*:\s*\S")


class LexiconError(KnowledgeError):
    """A word list is missing or malformed: the package data is broken."""


def _folder():  # type: ignore[no-untyped-def]
    return resources.files("newscoder").joinpath("data", "words")


def list_names() -> list[str]:
    """Every list in ``data/words``, by name (``NAME`` of ``NAME.txt`` and the like)."""
    names = []
    for entry in _folder().iterdir():
        for suffix in (".re.txt", ".txt", ".tsv"):
            if entry.name.endswith(suffix):
                names.append(entry.name[: -len(suffix)])
                break
    return sorted(names)


def _find(name: str) -> tuple[str, str]:
    folder = _folder()
    for suffix in (".txt", ".re.txt", ".tsv"):
        entry = folder.joinpath(name + suffix)
        if entry.is_file():
            return name + suffix, entry.read_text("utf-8")
    raise LexiconError(f"no word list data/words/{name}.txt (or .re.txt, .tsv)")


@cache
def _lines(name: str) -> tuple[str, tuple[tuple[int, str], ...], bool]:
    """(file name, numbered entry lines, keep case) of a list, header checked."""
    filename, text = _find(name)
    lines = text.splitlines()
    match = _HEADER.match(lines[0]) if lines else None
    if match is None or match.group(1) != name:
        raise LexiconError(f"data/words/{filename}: the first line must be '# {name}: <purpose>'")
    keep_case = any(line.strip().lower() == "# case: keep" for line in lines if line[:1] == "#")
    entries = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key = line.split("\t", 1)[0]
        if key in seen:
            raise LexiconError(f"data/words/{filename}:{number}: {key!r} repeats line {seen[key]}")
        seen[key] = number
        entries.append((number, line))
    if not entries:
        raise LexiconError(f"data/words/{filename} lists nothing")
    return filename, tuple(entries), keep_case


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/words/NAME.txt`` in file order."""
    filename, entries, keep_case = _lines(name)
    if filename.endswith(".tsv"):
        raise LexiconError(f"data/words/{filename} is a map: use word_map({name!r})")
    out = []
    for number, line in entries:
        if "\t" in line:
            raise LexiconError(f"data/words/{filename}:{number}: a tab in a word list")
        if not keep_case and not filename.endswith(".re.txt") and line != line.lower():
            raise LexiconError(
                f"data/words/{filename}:{number}: {line!r} is not lower case "
                "(add '# case: keep' to the header if case matters)"
            )
        out.append(line)
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/words/NAME.txt`` as a set."""
    return frozenset(word_list(name))


@cache
def word_map(name: str) -> dict[str, str]:
    """``data/words/NAME.tsv`` as a dict (treat it as read-only)."""
    filename, entries, _ = _lines(name)
    if not filename.endswith(".tsv"):
        raise LexiconError(f"data/words/{filename} is a list: use words({name!r})")
    out = {}
    for number, line in entries:
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise LexiconError(f"data/words/{filename}:{number}: want 'key<TAB>value'")
        out[parts[0]] = parts[1].strip()
    return out


@cache
def alternation(name: str) -> str:
    """The list as one regex group ``(?:a|b|c)``: literal lists escaped, longest first."""
    filename, _, _ = _lines(name)
    entries = word_list(name)
    if filename.endswith(".re.txt"):
        return "(?:" + "|".join(entries) + ")"
    return "(?:" + "|".join(re.escape(w) for w in sorted(entries, key=len, reverse=True)) + ")"


@cache
def word_pattern(name: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A compiled ``\\b(?:...)\\b`` pattern matching any entry of the list."""
    return re.compile(r"\b" + alternation(name) + r"\b", flags)
