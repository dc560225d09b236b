"""Actor normalisation: a mention's surface text -> a canonical actor.

States are named one way whatever the text says: ``Beijing`` acting, ``Chinese``,
``PRC`` and ``China`` are all ``China`` (CHN); ``Chinese naval vessels`` is China
with sector ``military``. International organisations get one name
(``EU`` -> ``European Union``). Everything else keeps its (cleaned) text.

Example:
    >>> normalise_name("Beijing", "GPE")
    Actor(name='China', type='GPE', country='CHN', sector=None)
    >>> normalise_name("US prosecutors", "CONCEPT", nationality="US")
    Actor(name='United States', type='GPE', country='USA', sector='judiciary')
    >>> normalise_name("the EU", "ORG")
    Actor(name='European Union', type='ORG', country=None, sector=None)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import gazetteer
from ..types import CONCEPT

_SPACE = re.compile(r"\s+")
_ARTICLES = frozenset({"the", "a", "an"})


class Actor(NamedTuple):
    """Canonical identity of one argument."""

    name: str
    type: str
    country: str | None = None
    sector: str | None = None


def clean_name(text: str) -> str:
    """Surface text without leading articles, possessives, honorifics or stray spaces.

    Example:
        >>> clean_name("the  Kremlin's")
        'Kremlin'
        >>> clean_name("Mr. Lee")
        'Lee'
    """
    text = _SPACE.sub(" ", text).strip(" ,.;:'\"()")
    text = re.sub(r"(?:'s|’s|')$", "", text)
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in _ARTICLES | gazetteer.HONORIFICS:
        words = words[1:]
    return " ".join(words).strip()


def state(code: str, sector: str | None = None) -> Actor:
    return Actor(gazetteer.country_name(code) or code, "GPE", code, sector)


def normalise_name(
    text: str,
    label: str,
    *,
    nationality: str | None = None,
    as_place: bool = False,
    proper: bool = False,
) -> Actor:
    """The canonical actor for a mention (names only; people are resolved elsewhere).

    Args:
        text: surface text of the mention.
        label: its (corrected) entity label.
        nationality: a state named inside a common-noun phrase (``Chinese`` in
            ``Chinese naval vessels``).
        as_place: the mention is where something happened, so a capital stays a city.
        proper: the mention is a proper noun the NER missed; its case is kept.
    """
    name = clean_name(text)
    if label == CONCEPT:
        if nationality is not None:
            code = gazetteer.country_code(nationality) or gazetteer.state_of(nationality)
            org = gazetteer.organisation(nationality)
            agent = gazetteer.sector(name)
            if code and agent:
                return state(code, agent)  # "Chinese naval vessels" -> China (military)
            if org and agent:
                return Actor(org, "ORG", None, agent)
            return Actor(name.lower() if not name.isupper() else name, CONCEPT, code)
        return Actor(name if proper or _keeps_case(name) else name.lower(), CONCEPT)
    org = gazetteer.organisation(name)
    if org:
        return Actor(org, "ORG")
    if label == "ORG":
        agency = _state_agency(name)
        if agency is not None:
            return agency
    capital = gazetteer.state_of(name)
    if capital:
        return Actor(name, "GPE", capital) if as_place else state(capital)
    if label in ("GPE", "NORP", "LOC", "ORG"):
        code = gazetteer.country_code(name)
        if code and (label != "ORG" or name.isupper()):
            return state(code)
    if label == "NORP":
        return Actor(name, "NORP")
    return Actor(name, label)


def _state_agency(name: str) -> Actor | None:
    """``US Commerce Department`` -> United States (government): a state's own body."""
    words = name.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        code = gazetteer.country_code(" ".join(words[:n]))
        agent = gazetteer.sector(" ".join(words[n:]))
        if code and agent:
            return state(code, agent)
    return None


def _keeps_case(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split()[1:]) or name.isupper()
