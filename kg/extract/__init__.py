"""Extraction: a parsed spaCy ``Doc`` -> raw triples (surface text, no resolution).

Pure generators: nothing here loads a model, mutates a Doc or builds a graph.

Example:
    >>> import kg.nlp
    >>> nlp = kg.nlp.load()
    >>> doc = nlp("Lee met Takaichi.")
    >>> [(t.subject.text, t.relation, t.object.text) for t in extract(doc, doc_id="d")]
    [('Lee', 'met', 'Takaichi')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..types import CONCEPT, RawTriple
from .clean import clean_text
from .mentions import DocContext
from .nouns import is_event_noun, misparsed_verb_triples, noun_event_triples, role_triples
from .verbs import (
    HUMAN_NOUNS,
    MAX_SENTENCE_TOKENS,
    agentless_passives,
    sentence_verbs,
    verb_triples,
)

__all__ = ["clean_text", "extract"]


def extract(
    doc: Doc, *, doc_id: str, ctx: DocContext | None = None, quotes: bool = False
) -> Iterator[RawTriple]:
    """Yield every raw triple of ``doc``, sentence by sentence, de-duplicated.

    Facts stated only inside a direct quotation (``"both countries should
    cooperate," she said``) are the speaker's words, not reported events: they
    are left out unless ``quotes`` is set. Roles are kept wherever they appear.
    ``ctx`` (the document's corrected entity labels) is computed when not given.
    """
    ctx = ctx if ctx is not None else DocContext.of(doc)
    seen: set[tuple] = set()
    unnamed: list[RawTriple] = []  # "arrested a tycoon": who, a later sentence may say
    for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
        found: list[RawTriple] = []
        verbs = list(sentence_verbs(sent))
        for verb in verbs:
            found.extend(verb_triples(verb, ctx, doc_id, sent, index))
        if unnamed:
            found.extend(_restated(verbs, index, ctx, unnamed))
        unnamed.extend(t for t in found if _unnamed_person(t, doc))
        if len(sent) <= MAX_SENTENCE_TOKENS:
            for tok in sent:
                if is_event_noun(tok):
                    found.extend(noun_event_triples(tok, ctx, doc_id, sent, index))
            found.extend(role_triples(sent, ctx, doc_id, index))
            found.extend(misparsed_verb_triples(sent, ctx, doc_id, index))
        start, end = _bounds(sent)
        for triple in found:
            if not quotes and triple.kind == "event" and triple.anchor in ctx.quoted:
                continue
            triple = replace(triple, start=start, end=end, text=doc.text[start:end])
            key = (
                triple.sentence,
                triple.subject.token,
                triple.predicate,
                triple.object.token,
                triple.negated,
                triple.hypothetical,
            )
            if key not in seen:
                seen.add(key)
                yield triple


def _unnamed_person(t: RawTriple, doc: Doc) -> bool:
    """An act done to a person the sentence does not name: "extradited a tycoon"."""
    obj = doc[t.object.token]
    return (
        t.kind == "event"
        and t.object.label == CONCEPT
        and t.object.anaphor is None
        and obj.lemma_.lower() in HUMAN_NOUNS
        and not any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children)
    )


def _restated(verbs: list[Token], index: int, ctx: DocContext, unnamed: list[RawTriple]):
    """Name the person of an earlier act when a later agentless passive restates it.

    ``it had arrested a tycoon ... Chen Zhi was arrested on Tuesday`` gives (it,
    arrested, Chen Zhi): same verb, within two sentences, the later clause naming
    whom it happened to but not who did it.
    """
    for verb, people in agentless_passives(verbs, ctx):
        for earlier in unnamed:
            if earlier.head != verb.lemma_ or not 0 < index - earlier.sentence <= 2:
                continue
            for person in people:
                yield replace(
                    earlier,
                    sentence=index,
                    relation=verb.text,
                    predicate=verb.lemma_.lower(),
                    object=person,
                    symmetric=False,
                    location=None,
                    confidence=0.6,
                    anchor=verb.i,
                )


def _bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without the blanks around it (blanked debris too)."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.start_char
    return words[0].idx, words[-1].idx + len(words[-1].text)
