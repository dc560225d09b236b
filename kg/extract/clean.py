"""Scraped-news clean-up that keeps every character offset.

News scraped from the web carries captions (``Photo: AFP``), headline kickers
(``DENIAL:``), curly quotes, editorial brackets (``[South] Korea``) and names
followed by their native script (``Xi Jinping (習近平)``). Each of these confuses
the parser. :func:`clean_text` blanks or straightens them *character for
character*, so offsets into the cleaned text are offsets into the original and
evidence still points at what the user gave us.

Example:
    >>> clean_text("DENIAL: Seoul said “no”.\\nPhoto: AFP")
    '        Seoul said "no".\\n          '
    >>> len(clean_text("Xi Jinping (習近平) met Lee.")) == len("Xi Jinping (習近平) met Lee.")
    True
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "[": " ", "]": " "})

# A line that is only a picture/credit caption: "Photo: AFP", "File photo: Reuters".
_CAPTION = re.compile(
    r"(?im)^[ \t]*(?:file\s+)?(?:photos?|image|picture|video|graphic|illustration|caption|"
    r"credit|source)\b[^\n]{0,3}[:|][^\n]{0,80}$"
)
# A headline kicker in capitals before a colon at the start of a line: "DENIAL: ".
_KICKER = re.compile(r"(?m)^[ \t]*(?:[A-Z][A-Z'\- ]{2,40}:[ \t]+)+")
# Parenthesised text in a non-Latin script: "(習近平)", "(Владимир)".
_NATIVE = re.compile(r"[ \t]?\((?=[^)]*[^\x00-\u024f\u2000-\u206f])[^()\x00-\x2f]{1,40}\)")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def clean_text(text: str) -> str:
    """Return ``text`` with scraping debris blanked out, same length as ``text``."""
    # in this order, so that one pass is enough: blanking can bring a kicker to the start
    # of its line ("(習近平) DENIAL: ...") and a caption after a kicker ("DENIAL: Photo: AFP")
    text = text.translate(_STRAIGHTEN)
    text = _NATIVE.sub(_blank, text)
    text = _KICKER.sub(_blank, text)
    text = _CAPTION.sub(_blank, text)
    return text


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break (paragraphs never run on)."""
    for token in doc[:-1]:
        if "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def add_to_pipeline(nlp: Language) -> None:
    """Insert kg's pre-parse components into ``nlp`` (idempotent)."""
    if "kg_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
