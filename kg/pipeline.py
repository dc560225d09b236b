"""The pipeline: documents -> parsed Docs -> raw triples -> resolved triples.

Documents stream through ``nlp.pipe`` in batches with their metadata
(``as_tuples=True``); nothing holds the corpus whole. A document longer than
``max_chars`` is parsed in parts cut at line breaks (spaCy refuses texts over
``nlp.max_length``, and the parser needs about 1 GB per 100,000 characters);
the parts' results are merged back into one result with document offsets.

Example:
    >>> import kg.nlp
    >>> from kg.types import Document
    >>> [r] = process([Document(id="d", text="China blocked exports to Japan.")], kg.nlp.load())
    >>> [(t.subject, t.relation, t.object) for t in r.triples]
    [('China', 'blocked exports to', 'Japan')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .extract import clean_text, extract
from .extract.mentions import DocContext
from .resolve import NameRegistry, resolve_document
from .types import Document, DocumentResult, Entity

#: Longest text parsed in one piece.
MAX_CHARS = 100_000


class _Part(NamedTuple):
    document: Document  # the whole document
    piece: Document  # this part, as a document of its own
    offset: int  # where the part starts in the whole text
    last: bool


def process(
    documents: Iterable[Document],
    nlp,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    max_chars: int = MAX_CHARS,
    quotes: bool = False,
) -> Iterator[DocumentResult]:
    """Parse, extract and resolve each document; yield one result per document, in order.

    ``quotes=True`` also extracts facts stated only inside direct quotations.
    """
    stream = ((clean_text(p.piece.text), p) for d in documents for p in _parts(d, max_chars))
    registry = NameRegistry()  # full names seen so far: "Zelensky" later is "Volodymyr Zelensky"
    pending: list[DocumentResult] = []
    for doc, part in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        result = analyse(doc, part.piece, registry=registry, quotes=quotes)
        pending.append(_shift(result, part.offset, sum(r.sentences for r in pending)))
        if part.last:
            yield _merge(part.document, pending)
            pending = []


def analyse(
    doc, document: Document, *, registry: NameRegistry | None = None, quotes: bool = False
) -> DocumentResult:
    """Extract and resolve one parsed document (no parsing here)."""
    ctx = DocContext.of(doc)
    raw = extract(doc, doc_id=document.id, ctx=ctx, quotes=quotes)
    triples, entities = resolve_document(doc, ctx, raw, document, registry=registry)
    sentences = sum(1 for s in doc.sents if s.text.strip())
    return DocumentResult(document, sentences, tuple(triples), tuple(entities))


def _parts(document: Document, max_chars: int) -> Iterator[_Part]:
    """The document in pieces of at most ``max_chars``, cut after a line break when possible."""
    text = document.text
    if len(text) <= max_chars:
        yield _Part(document, document, 0, True)
        return
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        piece = dataclasses.replace(document, text=text[start:end])
        yield _Part(document, piece, start, end >= len(text))
        start = end


def _shift(result: DocumentResult, offset: int, sentences: int) -> DocumentResult:
    if offset == 0 and sentences == 0:
        return result
    triples = tuple(
        dataclasses.replace(
            t,
            sentence=t.sentence + sentences,
            start=None if t.start is None else t.start + offset,
            end=None if t.end is None else t.end + offset,
        )
        for t in result.triples
    )
    return dataclasses.replace(result, triples=triples)


def _merge(document: Document, parts: list[DocumentResult]) -> DocumentResult:
    """One result from the parts of a long document; entities add up by (name, type)."""
    if len(parts) == 1:
        return dataclasses.replace(parts[0], document=document)
    entities: dict[tuple[str, str], Entity] = {}
    for part in parts:
        for e in part.entities:
            seen = entities.get((e.name, e.type))
            entities[(e.name, e.type)] = (
                e
                if seen is None
                else dataclasses.replace(
                    seen,
                    country=seen.country or e.country,
                    aliases=tuple(sorted(set(seen.aliases) | set(e.aliases))),
                    roles=seen.roles + tuple(r for r in e.roles if r not in seen.roles),
                    mentions=seen.mentions + e.mentions,
                )
            )
    return DocumentResult(
        document,
        sum(p.sentences for p in parts),
        tuple(t for p in parts for t in p.triples),
        tuple(entities[k] for k in sorted(entities)),
    )
