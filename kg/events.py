"""Event typing: relation predicate -> PLOVER event type and quad class.

PLOVER (the Open Event Data Alliance's successor to CAMEO) has 16 event types,
grouped into four quad classes (verbal/material x cooperation/conflict). The
lexicon that maps lemmas and lemma patterns to types is data, in
``kg/data/events.json``; this module only reads and applies it.

Example:
    >>> classify("block export to")
    'SANCTION'
    >>> classify("agree to strengthen cooperation with")
    'AGREE'
    >>> quad_class("SANCTION")
    'material_conflict'
"""

from __future__ import annotations

import json
from enum import Enum
from functools import lru_cache
from importlib import resources


class EventType(str, Enum):
    """The closed set of PLOVER event types."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class QuadClass(str, Enum):
    """PLOVER's four quad classes."""

    VERBAL_COOPERATION = "verbal_cooperation"
    MATERIAL_COOPERATION = "material_cooperation"
    VERBAL_CONFLICT = "verbal_conflict"
    MATERIAL_CONFLICT = "material_conflict"


EVENT_TYPES: tuple[str, ...] = tuple(e.value for e in EventType)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    raw = json.loads(resources.files("kg").joinpath("data/events.json").read_text("utf-8"))
    patterns: dict[tuple[str, ...], str] = {}
    for event, words in raw["events"].items():
        EventType(event)  # a typo in the data fails here, loudly
        for words_ in words:
            patterns[tuple(words_.split())] = event
    quads = {}
    for quad, events in raw["quad_classes"].items():
        QuadClass(quad)
        for event in events:
            quads[EventType(event).value] = quad
    return patterns, quads


def lexicon() -> dict[tuple[str, ...], str]:
    """The lemma-pattern -> event type table (read once from the package data)."""
    return _lexicon()[0]


@lru_cache(maxsize=1)
def _by_last_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for pattern, event in lexicon().items():
        index.setdefault(pattern[-1], []).append((pattern, event))
    return index


def _find(pattern: tuple[str, ...], words: list[str]) -> int | None:
    """Start index of ``pattern`` as an ordered subsequence of ``words`` (gaps allowed)."""
    pos, start = 0, None
    for i, word in enumerate(words):
        if word == pattern[pos]:
            if start is None:
                start = i
            pos += 1
            if pos == len(pattern):
                return start
    return None


def classify(predicate: str) -> str | None:
    """PLOVER event type of a lemmatised predicate, or ``None`` when none applies.

    A pattern that starts at the governing verb wins (the longest such: ``hit
    back`` before ``hit``), so ``agree to strengthen ties`` is an agreement;
    otherwise the longest pattern anywhere, the earliest among equals
    (``seek to improve relations`` -> ``improve relation``).
    """
    words = predicate.lower().split()
    best: tuple[bool, int, int, str] | None = None
    index = _by_last_word()
    candidates = [c for w in dict.fromkeys(words) for c in index.get(w, ())]
    for pattern, event in candidates:
        if len(pattern) > len(words):
            continue
        start = _find(pattern, words)
        if start is None:
            continue
        key = (start != 0, -len(pattern), start, event)
        if best is None or key < best:
            best = key
    return best[3] if best else None


def is_conflict(event: str | None) -> bool:
    """Whether an event type is verbal or material conflict.

    Example:
        >>> is_conflict("SANCTION"), is_conflict("AID"), is_conflict(None)
        (True, False, False)
    """
    quad = quad_class(event)
    return quad is not None and quad.endswith("conflict")


def quad_class(event: str | None) -> str | None:
    """Quad class of an event type (``None`` for ``None``)."""
    if event is None:
        return None
    return _lexicon()[1][EventType(event).value]
