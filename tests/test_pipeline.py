"""The pipeline streams documents and splits long ones without losing offsets."""

from __future__ import annotations

from kg.pipeline import process
from kg.types import Document


def test_long_document_is_parsed_in_parts_with_document_offsets(nlp):
    text = (
        "Lee met Takaichi in Seoul.\nChina blocked exports to Japan.\nIndia pledged aid to Sudan.\n"
    )
    [whole] = process([Document(id="d", text=text)], nlp)
    [parts] = process([Document(id="d", text=text)], nlp, max_chars=35)
    assert parts.document.text == text and parts.sentences == whole.sentences == 3
    facts = [(t.sentence, t.subject, t.relation, t.object, t.start, t.end) for t in parts.triples]
    assert facts == [
        (t.sentence, t.subject, t.relation, t.object, t.start, t.end) for t in whole.triples
    ]
    assert all(text[t.start : t.end] == t.text for t in parts.triples)


def test_results_come_back_in_input_order_with_metadata(nlp):
    docs = [
        Document(id=f"d{i}", text="Lee met Takaichi.", date=f"2026-01-0{i}") for i in range(1, 5)
    ]
    results = list(process(docs, nlp, batch_size=2))
    assert [r.document.id for r in results] == ["d1", "d2", "d3", "d4"]
    assert [r.triples[0].date for r in results] == [
        "2026-01-01",
        "2026-01-02",
        "2026-01-03",
        "2026-01-04",
    ]
