"""RDF export (minimal first version; grows into the full vocabulary)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

KG = Namespace("https://kg.example.org/vocab#")
DEFAULT_BASE = "https://kg.example.org/id/"


def iri(node_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """Deterministic IRI of a node id."""
    return URIRef(base + quote(node_id.replace(" ", "_"), safe=""))


def to_rdf(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Graph:
    """Convert the kg graph to an rdflib Graph (direct edges only)."""
    out = Graph()
    out.bind("kg", KG)
    for nid, data in graph.nodes(data=True):
        out.add((iri(nid, base), RDF.type, KG[data.get("type", "CONCEPT").title()]))
        out.add((iri(nid, base), RDFS.label, Literal(data.get("label", nid))))
    for u, v, data in graph.edges(data=True):
        out.add((iri(u, base), KG[quote(data["predicate"].replace(" ", "_"), safe="")], iri(v, base)))
    return out


def write_turtle(graph: nx.MultiDiGraph, path: Path, **options) -> None:
    to_rdf(graph, **options).serialize(destination=str(path), format="turtle")
