"""The knowledge graph: per-document results merged into a networkx ``MultiDiGraph``.

Nodes are canonical entities (id ``TYPE:Name``, see :func:`kg.types.entity_id`);
edges are distinct facts keyed by ``predicate|negated|hypothetical``, each with
the evidence that states it.

Example:
    >>> import kg.nlp
    >>> from kg.pipeline import process
    >>> from kg.types import Document
    >>> docs = [Document(id="d", text="China blocked exports to Japan.")]
    >>> g = build_graph(process(docs, kg.nlp.load()))
    >>> sorted(g.nodes)
    ['GPE:China', 'GPE:Japan']
    >>> [k for _, _, k in g.edges(keys=True)]
    ['block export to|0|0']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from .types import DocumentResult, Entity, Triple, entity_id

__all__ = ["add_result", "build_graph", "edge_key", "node_id"]

node_id = entity_id


def edge_key(triple: Triple) -> str:
    """Key of the edge a triple strengthens: one edge per (predicate, negated, hypothetical)."""
    return f"{triple.predicate}|{int(triple.negated)}|{int(triple.hypothetical)}"


def build_graph(
    results: Iterable[DocumentResult], graph: nx.MultiDiGraph | None = None
) -> nx.MultiDiGraph:
    """Merge document results into ``graph`` (a new one when ``None``) and return it.

    Mutates and returns ``graph`` when given one; see :func:`add_result` for the policy.
    """
    graph = graph if graph is not None else new_graph()
    for result in results:
        add_result(graph, result)
    return graph


def new_graph() -> nx.MultiDiGraph:
    """An empty kg graph with its document register."""
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {}
    return graph


def add_result(graph: nx.MultiDiGraph, result: DocumentResult) -> bool:
    """Merge one document's entities and triples into ``graph`` in place.

    Merge policy:

    * **Idempotent per document.** A document id already in
      ``graph.graph["documents"]`` is skipped whole (returns ``False``); adding
      the same document twice changes nothing.
    * **Nodes** are keyed by ``TYPE:canonical name``. The first value seen of
      ``label``, ``type``, ``country`` wins; a later non-null ``country`` fills
      a null one. ``aliases`` are a sorted union. ``roles`` accumulate as
      ``{title, of, doc, date}`` records, one per distinct record. ``mentions``
      add up. ``first_seen``/``last_seen`` are the min/max document date and
      ``docs`` the sorted union of document ids.
    * **Edges** are keyed by :func:`edge_key` between subject and object
      nodes. The first surface ``relation`` wins; ``event``/``quad`` are fixed
      by the predicate. Each triple appends one ``evidence`` record (document,
      sentence, text, offsets, date, url, title, confidence, location, time,
      attributed_to) unless the same (document, sentence) is already there;
      ``count`` is the number of evidence records and ``confidence`` the max.
      A symmetric fact is stored once, in the direction first seen.

    Returns:
        ``True`` when the document was added.
    """
    doc = result.document
    docs: dict[str, Any] = graph.graph.setdefault("documents", {})
    if doc.id in docs:
        return False
    docs[doc.id] = {
        "date": doc.date,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "sentences": result.sentences,
        "triples": len(result.triples),
    }
    for entity in result.entities:
        _merge_node(graph, entity, doc.id, doc.date)
    for triple in result.triples:
        _merge_edge(graph, triple, doc)
    return True


def node_attributes(label: str, type: str, country: str | None) -> dict[str, Any]:
    """The attributes of a new, empty entity node (the merge fills them in)."""
    return {
        "label": label,
        "type": type,
        "country": country,
        "aliases": [],
        "roles": [],
        "mentions": 0,
        "docs": [],
        "first_seen": None,
        "last_seen": None,
    }


def _merge_node(graph: nx.MultiDiGraph, entity: Entity, doc_id: str, date: str | None) -> None:
    nid = entity.id
    if nid not in graph:
        graph.add_node(nid, **node_attributes(entity.name, entity.type, entity.country))
    node = graph.nodes[nid]
    if node.get("country") is None and entity.country:
        node["country"] = entity.country
    node["aliases"] = sorted(set(node["aliases"]) | set(entity.aliases))
    for role in entity.roles:
        record = {"title": role.title, "of": role.of, "doc": role.doc, "date": role.date}
        if record not in node["roles"]:
            node["roles"].append(record)
    node["mentions"] += entity.mentions
    node["docs"] = sorted(set(node["docs"]) | {doc_id})
    if date:
        node["first_seen"] = min(filter(None, [node["first_seen"], date]))
        node["last_seen"] = max(filter(None, [node["last_seen"], date]))


def _merge_edge(graph: nx.MultiDiGraph, triple: Triple, doc) -> None:
    u = entity_id(triple.subject, triple.subject_type)
    v = entity_id(triple.object, triple.object_type)
    for nid, name, type_, country in (
        (u, triple.subject, triple.subject_type, triple.subject_country),
        (v, triple.object, triple.object_type, triple.object_country),
    ):
        if nid not in graph:  # an entity the resolver did not list: still a node
            _merge_node(graph, Entity(name=name, type=type_, country=country), doc.id, doc.date)
    key = edge_key(triple)
    if triple.symmetric and not graph.has_edge(u, v, key) and graph.has_edge(v, u, key):
        u, v = v, u
    if not graph.has_edge(u, v, key):
        graph.add_edge(
            u,
            v,
            key=key,
            relation=triple.relation,
            predicate=triple.predicate,
            event=triple.event,
            quad=triple.quad,
            negated=triple.negated,
            hypothetical=triple.hypothetical,
            symmetric=triple.symmetric,
            kind=triple.kind,
            evidence=[],
            count=0,
            confidence=0.0,
            first_seen=None,
            last_seen=None,
        )
    edge = graph.edges[u, v, key]
    if any(e["doc"] == triple.doc and e["sentence"] == triple.sentence for e in edge["evidence"]):
        return
    edge["evidence"].append(
        {
            "doc": triple.doc,
            "sentence": triple.sentence,
            "text": triple.text,
            "start": triple.start,
            "end": triple.end,
            "date": doc.date,
            "url": doc.url,
            "title": doc.title,
            "confidence": triple.confidence,
            "location": triple.location,
            "time": triple.time,
            "attributed_to": triple.attributed_to,
            "subject_sector": triple.subject_sector,
            "object_sector": triple.object_sector,
        }
    )
    edge["count"] = len(edge["evidence"])
    edge["confidence"] = max(edge["confidence"], triple.confidence)
    if doc.date:
        edge["first_seen"] = min(filter(None, [edge["first_seen"], doc.date]))
        edge["last_seen"] = max(filter(None, [edge["last_seen"], doc.date]))
