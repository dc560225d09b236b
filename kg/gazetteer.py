"""Names of the world: countries, capitals, demonyms, organisations, titles, sectors.

Country names, demonyms and ISO codes come from maintained packages
(``countrynames`` for the many spellings and demonyms, ``pycountry`` for ISO
3166 codes). A small curated layer covers what they miss or get wrong:
canonical short names (``Russia``, not ``Russian Federation``), ``the US``,
capitals and seats of government that act for their state (``Beijing``,
``the Kremlin``), international organisations, and the title and sector words
news uses for people and state agents.

Example:
    >>> country_code("the US")
    'USA'
    >>> country_name("KOR")
    'South Korea'
    >>> state_of("Kremlin")
    'RUS'
    >>> organisation("NATO")
    'NATO'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_DATA = json.loads(resources.files("kg").joinpath("data/gazetteer.json").read_text("utf-8"))

# canonical short names where ISO's official name is not what news says ("Russia")
_CANONICAL_NAMES: dict[str, str] = _DATA["canonical_names"]
# names and demonyms the packages miss or get wrong (one maps "the US" to the Bahamas)
_EXTRA_COUNTRY_NAMES: dict[str, str] = _DATA["country_names"]
#: Capitals and seats of government that act for their state.
CAPITALS: dict[str, str] = _DATA["capitals"]
#: International organisations: canonical name -> aliases.
ORGANISATIONS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DATA["organisations"].items()}
#: Title words that name roles.
TITLES: tuple[str, ...] = tuple(_DATA["titles"])
TITLE_WORDS: frozenset[str] = frozenset(w for t in TITLES for w in t.replace("-", " ").split())
HONORIFICS: frozenset[str] = frozenset(_DATA["honorifics"])
#: Titles that say the holder is a woman or a man (gender evidence for pronouns).
FEMALE_TITLES: frozenset[str] = frozenset(_DATA["female_titles"])
MALE_TITLES: frozenset[str] = frozenset(_DATA["male_titles"])
#: Agent noun -> the part of a state it names (``naval vessels`` -> ``military``).
SECTORS: dict[str, str] = {w: sector for sector, ws in _DATA["sectors"].items() for w in ws}


def _norm(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return text.strip().lower()


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code for a country name, short form or demonym, else ``None``.

    Example:
        >>> country_code("South Korean"), country_code("PRC"), country_code("Nara")
        ('KOR', 'CHN', None)
    """
    import countrynames

    key = _norm(name)
    if not key:
        return None
    if key in _EXTRA_COUNTRY_NAMES:  # curated names and demonyms first
        return _EXTRA_COUNTRY_NAMES[key]
    capital = _capital_index().get(key)
    if capital:
        return None  # a capital is a place first; state_of() decides when it acts
    official = _official_names().get(key)
    if official:
        return official
    if len(key) <= 3 or not _DEMONYM.search(key):
        # countrynames also knows cities ("Nara" -> JP) and bare ISO codes ("IT"):
        # past ISO names, trust it for demonyms only
        return None
    code2 = countrynames.to_code(key)
    if code2 is None or len(code2) != 2:
        return None  # subdivisions ("CN-BJ") and pseudo-codes are not states
    return _alpha3(code2)


_DEMONYM = re.compile(r"(?:an|ese|ish|i|ic|ch|ean|ene|ine|ite|ot|er)$")


@lru_cache(maxsize=1)
def _official_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(value.lower(), c.alpha_3)
    for code, value in _CANONICAL_NAMES.items():
        names[value.lower()] = code
    return names


@lru_cache(maxsize=512)
def _alpha3(code2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code2)
    return country.alpha_3 if country is not None else None


def preload() -> None:
    """Load the country tables now (about 0.4 s once) rather than on the first document."""
    import countrynames

    countrynames.to_code("Cambodian")
    _official_names()
    _capital_index()
    _organisation_index()


def country_name(code: str) -> str | None:
    """Canonical short English name of an alpha-3 code."""
    import pycountry

    if code in _CANONICAL_NAMES:
        return _CANONICAL_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, str]:
    return {_norm(k): v for k, v in CAPITALS.items()}


def state_of(name: str) -> str | None:
    """Alpha-3 code of the state a capital or seat of government stands for."""
    return _capital_index().get(_norm(name))


@lru_cache(maxsize=1)
def _organisation_index() -> dict[str, str]:
    index = {}
    for canonical, aliases in ORGANISATIONS.items():
        index[_norm(canonical)] = canonical
        for alias in aliases:
            index[_norm(alias)] = canonical
    return index


def organisation(name: str) -> str | None:
    """Canonical name of an international organisation, else ``None``."""
    return _organisation_index().get(_norm(name))


def sector(words: str) -> str | None:
    """Sector named by an agent noun phrase (``naval vessels`` -> ``military``).

    Example:
        >>> sector("naval vessels"), sector("prosecutors"), sector("rare earths")
        ('military', 'judiciary', None)
    """
    low = words.lower()
    tokens = low.split()
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            found = SECTORS.get(" ".join(tokens[i : i + n]))
            if found:
                return found
    return None


def is_title(words: str) -> bool:
    """True when every word is a title word (``Prime Minister``, ``General Secretary``)."""
    parts = words.lower().replace("-", " ").split()
    return bool(parts) and all(p in TITLE_WORDS for p in parts)
