"""The pipeline: documents -> parsed Docs -> raw triples -> resolved triples.

Documents stream through ``nlp.pipe`` in batches with their metadata
(``as_tuples=True``); nothing holds the corpus whole.

Example:
    >>> import kg.nlp
    >>> from kg.types import Document
    >>> [r] = process([Document(id="d", text="China blocked exports to Japan.")], kg.nlp.load())
    >>> [(t.subject, t.relation, t.object) for t in r.triples]
    [('China', 'blocked exports to', 'Japan')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .extract import clean_text, extract
from .extract.mentions import DocContext
from .resolve import NameRegistry, resolve_document
from .types import Document, DocumentResult


def process(
    documents: Iterable[Document],
    nlp,
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[DocumentResult]:
    """Parse, extract and resolve each document; yield one result per document, in order."""
    stream = ((clean_text(d.text), d) for d in documents)
    registry = NameRegistry()  # full names seen so far: "Zelensky" later is "Volodymyr Zelensky"
    for doc, document in nlp.pipe(
        stream, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        yield analyse(doc, document, registry=registry)


def analyse(
    doc, document: Document, *, registry: NameRegistry | None = None
) -> DocumentResult:
    """Extract and resolve one parsed document (no parsing here)."""
    ctx = DocContext.of(doc)
    raw = extract(doc, doc_id=document.id, ctx=ctx)
    triples, entities = resolve_document(doc, ctx, raw, document, registry=registry)
    sentences = sum(1 for s in doc.sents if s.text.strip())
    return DocumentResult(document, sentences, tuple(triples), tuple(entities))
