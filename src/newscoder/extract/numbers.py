"""Count phrases read the way ACLED codes them: the lowest figure a reader can be sure of.

``find_counts`` scans plain text for figures ("30", "1,200", "twenty-five", "at least 5",
"more than 30", "10 to 12", "dozens of", "a soldier") and yields ``CountMatch(value,
start, end, reason, rules)``: the rules (CA005-CA035) that read the figure, fired where
a casualty reading uses it. Figures that are not head counts (money, ages, years, times,
dates, measurements, "one of the deadliest") are skipped, each by a named veto
(CA040-CA055). ``parse_count`` reads the first count in a short string. The word lists
and vague readings live in ``data/number_words.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from newscoder.lexicon import word_map
from newscoder.registry import Kind, Rule, Stage, declare, fire

# load_json, lower_same_length and trie_regex live in newscoder.textutil; re-exported
# here for the modules that still import them from this one (resolve/dates.py).
from newscoder.textutil import load_json, lower_same_length, trie_regex

__all__ = [
    "CountMatch",
    "animal_nouns",
    "find_counts",
    "load_json",
    "lower_same_length",
    "match_count_at",
    "noun_follows",
    "parse_count",
    "person_nouns",
    "trie_regex",
]

E = Stage.EXTRACT
_LOWEST = "ACLED codebook 2023, Fatalities: the lowest figure reported is coded"
DIGITS = declare("CA005", "digits", E, Kind.FIND, "a figure written in digits ('14', '1,200')")
NUMBER_WORDS = declare(
    "CA010", "number-words", E, Kind.FIND, "a figure written in words ('twenty-five', 'a hundred')"
)
VAGUE = declare(
    "CA015", "vague-quantity", E, Kind.CHOOSE,
    "a vague quantity read as ACLED does: 'several' = 3, 'dozens' = 12, 'hundreds' = 100",
    source=_LOWEST,
)  # fmt: skip
RANGE_LOWEST = declare(
    "CA020", "range-lowest", E, Kind.CHOOSE,
    "a range ('10 to 12', 'between six and ten') is coded at its lowest figure", source=_LOWEST,
)  # fmt: skip
LOWER_BOUND = declare(
    "CA025", "bound-as-figure", E, Kind.CHOOSE,
    "'at least 5', 'more than 30', 'about 40': the figure as reported, ACLED's lowest sure figure",
    source=_LOWEST,
)  # fmt: skip
FEWER_THAN = declare(
    "CA030", "fewer-than", E, Kind.CHOOSE,
    "'fewer than 10', 'under 10': a strict upper bound is coded one below the figure",
    source=_LOWEST,
)  # fmt: skip
ARTICLE_ONE = declare(
    "CA035", "article-one", E, Kind.CHOOSE, "'a' or 'an' before a person noun ('a soldier') = 1"
)  # fmt: skip
NOT_A_MEASURE = declare(
    "CA040", "not-a-measure", E, Kind.VETO,
    "a figure of money, a percentage or a measure ('$5', '20 km', '30 percent') counts no people",
)  # fmt: skip
NOT_A_DATE = declare(
    "CA045", "not-a-date-or-time", E, Kind.VETO,
    "a figure in a date, a year or a time of day ('9 May', '2015', '10:30') counts no people",
)  # fmt: skip
NOT_A_LABEL = declare(
    "CA050", "not-a-label", E, Kind.VETO,
    "a figure in a compound, a serial number or a decimal ('20-year', 'No. 4', '2.5') counts "
    "no people",
)  # fmt: skip
NOT_A_PRONOUN = declare(
    "CA055", "not-a-pronoun", E, Kind.VETO,
    "'one' as a pronoun ('the one who', 'one another', 'one of the deadliest') counts no people",
)  # fmt: skip


class CountMatch(NamedTuple):
    """A head count read in text: its value, where, why, and the rules that read it."""

    value: int
    start: int
    end: int
    reason: str
    rules: tuple[Rule, ...] = ()


def _months() -> str:
    """Month names and abbreviations (the list the date finder reads) as one group."""
    names = sorted(word_map("month_names"), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n) for n in names) + ")"


@cache
def _needs_noun() -> frozenset[str]:
    """Vague words that are only a head count when a person noun follows."""
    return frozenset(number_words()["needs_noun"])


@cache
def _pronoun_one_before() -> frozenset[str]:
    return frozenset(number_words()["pronoun_one_before"])


def number_words() -> dict[str, Any]:
    return load_json("number_words.json")


@cache
def animal_nouns() -> frozenset[str]:
    """ "killed 58 oxen": herds are property, not casualties."""
    return frozenset(load_json("casualty_lexicon.json")["animal_nouns"])


@cache
def person_nouns() -> frozenset[str]:
    """Singular and plural victim nouns (lower case, one or two words)."""
    lexicon = load_json("casualty_lexicon.json")
    irregular: dict[str, str] = lexicon["irregular_plurals"]
    forms: set[str] = set()
    for noun in lexicon["victim_nouns"]:
        forms.add(noun)
        head = noun.rsplit(" ", 1)[-1]
        stem = noun[: len(noun) - len(head)]
        if head in irregular:
            forms.add(stem + irregular[head])
        elif not head.endswith("s"):
            forms.add(stem + head + "s")
    forms.update(irregular.values())
    forms.update(lexicon["counted_plurals"])
    return frozenset(forms)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = number_words()
    units = _alt(list(data["units"]))
    tens = _alt(list(data["tens"]))
    w99 = rf"(?:(?:{tens})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|(?:{units}))"
    w999 = rf"(?:(?:(?:a|an|{w99})\s+hundred(?:\s+(?:and\s+)?{w99})?)|{w99})"
    words = (
        rf"(?:{w999}(?:\s+(?:thousand|million)(?:\s+(?:and\s+)?{w999})?)?"
        r"|(?:a|an)\s+(?:thousand|million))"
    )
    digits = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)(?:\s+(?:thousand|million))?"
    dozen = rf"(?:(?:{w99}|\d+)\s+(?:dozen|score))"
    atom = rf"(?:{dozen}|{digits}|{words})"
    # "between six and about ten": a hedge may stand before the upper figure.
    hedge = r"(?:(?:about|around|some|roughly|approximately|nearly|almost|over|up\s+to)\s+)?"
    ranged = (
        rf"(?:between\s+{atom}\s+and\s+{hedge}{atom}"
        rf"|{atom}\s*(?:-|–|—|\bto\b|\bor\b)\s*{atom}(?!\w)"
        rf"|{atom})"
    )
    plain_vague = [w for w in data["vague"] if w not in _needs_noun()]
    core = rf"(?:{ranged}|{_alt(plain_vague)})(?!\w)(?!,\d)(?!\.\d)"
    return {
        "core": re.compile(core),
        "mod": re.compile(rf"(?:{_alt(list(data['modifiers']))})\s+"),
        "atom": re.compile(atom),
        "ahead": re.compile(r"(?:\s+[\w'’-]+){1,4}"),
        "next_token": re.compile(r"\s*([-‐]?[\w.%'’$]+)"),
        "prev_token": re.compile(r"([\w.$€£₦₹#']+)\s*$"),
        "partitive": re.compile(r"\s+of\s+(?:the|its|their|his|her|our)\s+(\w+)"),
        "month": re.compile(rf"^{_months()}\.?$"),
        "word": re.compile(r"\b(?:\d|[A-Za-z]+)"),
        "candidate": re.compile(rf"\b(?:\d|(?:{trie_regex(_candidate_words())})\b)"),
    }


@cache
def _np_stops() -> frozenset[str]:
    return frozenset(number_words()["np_stop"])


@cache
def _counted_nouns() -> frozenset[str]:
    """Person nouns and the singular casualty nouns a figure also counts ("a death")."""
    return person_nouns() | frozenset(number_words()["event_count_nouns"])


def noun_follows(text: str, pos: int) -> bool:
    """True when a person noun heads the words right after ``pos`` ("a 25-year-old man")."""
    ahead = _patterns()["ahead"].match(text, pos)
    if ahead is None:
        return False
    words = ahead.group(0).lower().split()
    nouns = _counted_nouns()
    # Words that end the noun phrase a figure may quantify ("a car bomb near the police").
    stops = _np_stops()
    for i, word in enumerate(words):
        if word in stops:
            return False
        bare = word.rstrip("'’")
        if bare in nouns or (i + 1 < len(words) and f"{bare} {words[i + 1]}" in nouns):
            return True
    return False


def _candidate_words() -> frozenset[str]:
    mods, cores = _first_words()
    return mods | cores | _needs_noun()


@cache
def _first_words() -> tuple[frozenset[str], frozenset[str]]:
    """First words of modifiers and of figures: the scan tries its patterns only there."""
    data = number_words()
    mods = {p.split()[0].lower() for p in data["modifiers"]}
    cores = [*data["units"], *data["tens"], *data["vague"]]
    firsts = {p.split()[0].lower() for p in cores}
    return frozenset(mods), frozenset(firsts | {"a", "an", "between", "half"})


def _atom_value(text: str) -> float:
    """Value of one figure written in digits and/or number words."""
    data = number_words()
    units: dict[str, int] = data["units"]
    tens: dict[str, int] = data["tens"]
    scales: dict[str, int] = data["scales"]
    multipliers: dict[str, int] = data["multipliers"]
    total = 0.0
    current = 0.0
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower()):
        if token[0].isdigit():
            current += float(token.replace(",", ""))
        elif token in units:
            current += units[token]
        elif token in tens:
            current += tens[token]
        elif token in ("a", "an"):
            current += 1
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in multipliers:
            current = max(current, 1) * multipliers[token]
        elif token in scales:
            total += max(current, 1) * scales[token]
            current = 0
    return total + current


def _core_value(core: str) -> tuple[int, str, Rule]:
    data = number_words()
    key = re.sub(r"\s+", " ", core.lower())
    if key in data["vague"]:
        value, why = data["vague"][key]
        return int(value), why, VAGUE
    if key in ("a", "an"):
        return 1, f"article '{core}' before a person noun = 1", ARTICLE_ONE
    atoms = [m.group(0) for m in _patterns()["atom"].finditer(key)]
    atoms = [a for a in atoms if a.strip()]
    first = _atom_value(atoms[0]) if atoms else 0.0
    if len(atoms) > 1 and (key.startswith("between") or re.search(r"-|–|—|\bto\b|\bor\b", key)):
        return int(first), f"range '{core}': lowest figure {int(first)}", RANGE_LOWEST
    if core[:1].isdigit():
        return int(first), f"digits '{core}'", DIGITS
    return int(first), f"number words '{core}'", NUMBER_WORDS


def _reject(text: str, start: int, end: int, core: str) -> tuple[Rule, str] | None:
    """The rule and the reason a matched figure is not a head count, or None when it is one."""
    pats = _patterns()
    data = number_words()
    lower_core = core.lower()
    nxt = pats["next_token"].match(text, end)
    next_token = nxt.group(1).lower() if nxt else ""
    prev = pats["prev_token"].search(text, max(0, start - 12), start)
    prev_token = prev.group(1) if prev else ""
    if text[end : end + 1] in ("-", "‐") and text[end + 1 : end + 2].isalpha():
        return NOT_A_LABEL, "part of a compound ('20-year', '12-member')"
    if start > 1 and text[start - 1] in ("-", "‐") and text[start - 2].isalpha():
        return NOT_A_LABEL, "part of a name ('MS-13', 'COVID-19', 'AK-47')"
    if text[end : end + 1] == "%":
        return NOT_A_MEASURE, "percentage"
    head = next_token.lstrip("-‐").split("-")[0].rstrip(".,")
    if head in data["non_count_units"] or next_token in data["non_count_units"]:
        return NOT_A_MEASURE, f"a measure, not people ('{next_token}')"
    if text[end : end + 1] == ":" and text[end + 1 : end + 2].isdigit():
        return NOT_A_DATE, "time of day"
    if start > 0 and text[start - 1] == ":":
        return NOT_A_DATE, "time of day"
    stripped = prev_token.rstrip(".")
    if pats["month"].match(stripped) or pats["month"].match(head):
        return NOT_A_DATE, "part of a date"
    if core[:1].isdigit():
        before = text[max(0, start - 4) : start].rstrip()
        prefixes = [c.lower() for c in data["currency_prefixes"]]
        symbol = before[-1:] in prefixes and not before[-1:].isalpha()
        if symbol or prev_token.rstrip(".") in prefixes or prev_token in prefixes:
            return NOT_A_MEASURE, "money"
        if re.search(r"\bno\.\s*$|#\s*$", text[max(0, start - 4) : start]):
            return NOT_A_LABEL, "a serial number"
        plain = lower_core.replace(",", "")
        if (
            re.fullmatch(r"(?:1[89]|20)\d\d", plain)
            and not noun_follows(text, end)
            and "," not in lower_core
        ):
            return NOT_A_DATE, "a year"
        if re.fullmatch(r"\d+\.\d+", plain):
            return NOT_A_LABEL, "a decimal figure, not a head count"
    if lower_core == "one" and prev_token.lower() in _pronoun_one_before():
        return NOT_A_PRONOUN, "pronoun 'one'"
    if lower_core == "one" and next_token == "another":
        return NOT_A_PRONOUN, "pronoun 'one another'"
    part = pats["partitive"].match(text, end)
    if part and part.group(1).lower() in data["partitive_skip_after"]:
        return NOT_A_PRONOUN, "'one of the deadliest': a superlative, not a head count"
    return None


def _match_at(text: str, pos: int) -> tuple[int, int, str, str | None] | None:
    """(phrase start, core start, core text, modifier) of a figure at ``pos``."""
    pats = _patterns()
    mod_firsts, core_firsts = _first_words()
    modifier = None
    core_pos = pos
    word = pats["word"].match(text, pos)
    if word is None:
        return None
    token = word.group(0).lower()
    if token in mod_firsts:
        mod = pats["mod"].match(text, pos)
        if mod is not None:
            modifier = mod.group(0).strip()
            core_pos = mod.end()
            word = pats["word"].match(text, core_pos)
            if word is None:
                return None
            token = word.group(0).lower()
    if token[0].isdigit() or token in core_firsts:
        core = pats["core"].match(text, core_pos)
        if core is not None:
            return pos, core_pos, core.group(0), modifier
    if modifier is not None:
        # "some protesters": the modifier word is the figure itself.
        modifier, core_pos = None, pos
        word = pats["word"].match(text, pos)
        assert word is not None
        token = word.group(0).lower()
    if token in _needs_noun() or token in ("a", "an"):
        if token == "no" and text[word.end() : word.end() + 4].lower() == " one":
            return pos, core_pos, text[core_pos : word.end() + 4], modifier
        if noun_follows(text, word.end()):
            return pos, core_pos, word.group(0), modifier
    return None


def _to_count(
    text: str, low: str, found: tuple[int, int, str, str | None], offset: int
) -> CountMatch | None:
    start, core_start, core, mod = found
    end = core_start + len(core)
    rejected = _reject(low, core_start, end, core)
    if rejected is not None:
        # No offset: casualty readings scan windows of a sentence, not of the article.
        fire(rejected[0], "vetoed", text[core_start:end], None, rejected[1])
        return None
    value, reason, rule_ = _core_value(text[core_start:end])
    rules: tuple[Rule, ...] = (rule_,)
    if mod:
        mod_key = re.sub(r"\s+", " ", mod.lower())
        if mod_key in ("fewer than", "less than", "under"):
            value = max(value - 1, 0)
            rules += (FEWER_THAN,)
        else:
            rules += (LOWER_BOUND,)
        reported = int(_atom_value(core)) if core[:1].isdigit() else value
        mod_reason = number_words()["modifiers"].get(mod_key, "")
        mod_reason = mod_reason.replace("N-1", str(value)).replace("N", str(reported))
        reason = f"{reason}; {mod_reason}"
    return CountMatch(value, start + offset, end + offset, reason, rules)


def find_counts(text: str, offset: int = 0) -> Iterator[CountMatch]:
    """Yield a :class:`CountMatch` for each head-count phrase in ``text``.

    ``start``/``end`` cover the modifier too ("more than 30") and have ``offset`` added.
    """
    resume = 0
    low = lower_same_length(text)
    for candidate in _patterns()["candidate"].finditer(low):
        pos = candidate.start()
        if pos < resume:
            continue
        found = _match_at(low, pos)
        if found is None:
            continue
        # A rejected figure ("between 7 and 9 May") is skipped whole, so its parts
        # ("9") are not read again as counts.
        resume = found[1] + len(found[2])
        count = _to_count(text, low, found, offset)
        if count is not None:
            yield count


def parse_count(text: str) -> tuple[int, str] | None:
    """Read the first head count in ``text`` as ACLED would, with the rule applied.

    ``parse_count("more than 30")`` is ``(30, ...)``: ACLED codes the lowest figure.
    Returns None when the text holds no head count.
    """
    for count in find_counts(text):
        return count.value, count.reason
    return None


def match_count_at(text: str, pos: int, low: str | None = None) -> CountMatch | None:
    """The count phrase starting exactly at ``pos`` (spaces skipped), if there is one.

    ``low`` is ``lower_same_length(text)`` when the caller already has it.
    """
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        return None
    if low is None:
        low = lower_same_length(text)
    found = _match_at(low, pos)
    return None if found is None else _to_count(text, low, found, 0)
