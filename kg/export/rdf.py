"""RDF export: the kg graph as an rdflib ``Dataset`` (one named graph per document).

The model (vocabulary in :mod:`kg.export.vocab`):

* **Entities** are typed ``kg:Entity``, a kg class per entity type and the
  schema.org class (``schema:Person``, ``schema:Country`` for a country itself,
  ``schema:Place`` for other places, ``schema:Organization``), named with
  ``rdfs:label`` and ``skos:altLabel``.
* **Each fact twice**: as a direct edge ``<subject> rel:meet <object>`` (one
  ``rel:`` property per predicate lemma phrase, declared ``rdf:Property`` with
  ``rdfs:label``) and as an event node (``kg:Fact``, a ``sem:Event`` with
  ``sem:hasActor``, ``sem:eventType`` a PLOVER SKOS concept, ``sem:hasPlace``,
  ``sem:hasTimeStamp``) carrying ``kg:negated``, ``kg:hypothetical``,
  ``kg:quadClass``, ``kg:count`` and ``kg:confidence`` as literals. A negated or
  hypothetical fact gets no direct edge: ``China rel:meet Japan`` would assert
  what the text denies; its event node says it with the flags.
* **Provenance (PROV-O)**: the fact ``prov:wasDerivedFrom`` each sentence
  (``kg:Sentence``, ``dcterms:isPartOf`` its ``schema:NewsArticle`` with date,
  headline, url), and has one ``prov:qualifiedDerivation`` per evidence record
  with its confidence, location, time and speaker.

Where statements go: each document's named graph ``<base>graph/<doc>`` holds
its provenance: the article, the entities it ``schema:mentions``, its
sentences, and for each fact it states the ``prov:wasDerivedFrom`` link and
the evidence record. The default graph holds what is the same whichever
documents say it: the vocabulary (PLOVER scheme, ``rel:`` declarations), the
entities, the facts (direct edges and event nodes) and what is derived from
their evidence (``kg:count``, ``kg:confidence``, ``kg:firstSeen``,
``kg:lastSeen``, ``sem:hasTimeStamp``, ``sem:hasPlace``). No triple is in two
graphs, so a query over their union counts each once; the embedded store
replaces a rebuilt document's graph and re-derives the rest from the evidence
left (:mod:`kg.store`).

IRIs are deterministic: ``<base><type>/<name>`` for entities, with the name
percent-encoded (spaces as ``_``) so any name gives a valid IRI and distinct
names give distinct IRIs; facts are ``<base>fact/<hash of subject, key, object>``.
Literal text is stripped of the few characters XML 1.0 cannot carry.

Example:
    >>> import kg.nlp
    >>> from kg.graph import build_graph
    >>> from kg.pipeline import process
    >>> from kg.types import Document
    >>> g = build_graph(process([Document(id="d", text="Lee met Takaichi.")], kg.nlp.load()))
    >>> rdf = to_rdf(g)
    >>> (entity_iri("PERSON:Lee"), predicate_iri("meet"), entity_iri("PERSON:Takaichi")) in rdf
    True
    >>> sorted(str(c.identifier) for c in to_dataset(g).graphs() if "/graph/" in c.identifier)
    ['https://kg.example.org/id/graph/d']
    >>> print(entity_iri("PERSON:Lee Jae-myung", base="https://example.org/kg/"))
    https://example.org/kg/person/Lee_Jae-myung
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from rdflib import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import ExportError
from ..events import EVENT_TYPES, quad_class
from .vocab import ENTITY_CLASSES, KG, PLOVER_SCHEME, PREFIXES, REL, SEM, plover

__all__ = [
    "DEFAULT_BASE",
    "check_base",
    "document_iri",
    "entity_iri",
    "fact_iri",
    "graph_iri",
    "predicate_iri",
    "slug",
    "to_dataset",
    "to_rdf",
    "write_jsonld",
    "write_nquads",
    "write_ntriples",
    "write_rdf",
    "write_trig",
    "write_turtle",
    "write_xml",
]

#: Where instance IRIs go unless ``--base-iri`` says otherwise.
DEFAULT_BASE = "https://kg.example.org/id/"

#: rdflib serialiser name of each format kg writes, and whether it keeps named graphs.
RDF_FORMATS: dict[str, tuple[str, bool]] = {
    "turtle": ("turtle", False),
    "ntriples": ("nt", False),
    "jsonld": ("json-ld", False),
    "xml": ("xml", False),
    "trig": ("trig", True),
    "nquads": ("nquads", True),
}

# characters an IRI may not contain (RFC 3987) plus whitespace
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
# characters XML 1.0 cannot carry, so no literal may hold them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_base(base: str) -> str:
    """``base`` when it can prefix instance IRIs, else :class:`~kg.errors.ExportError`.

    Example:
        >>> check_base("https://example.org/kg/")
        'https://example.org/kg/'
        >>> check_base("example.org")
        Traceback (most recent call last):
        ...
        kg.errors.ExportError: base IRI 'example.org' is not an absolute IRI ending in / or # ...
    """
    if (
        not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base)
        or not base.endswith(("/", "#"))
        or _BAD_IRI_CHARS.search(base)
    ):
        raise ExportError(
            f"base IRI {base!r} is not an absolute IRI ending in / or # "
            f"(for example {DEFAULT_BASE})"
        )
    return base


def slug(text: str) -> str:
    """IRI-safe, reversible path segment of a name: spaces as ``_``, the rest percent-encoded.

    Distinct names give distinct slugs (a literal ``_`` is encoded as ``%5F``).

    Example:
        >>> slug("Lee Jae-myung"), slug("a_b"), slug('"Q" <1>'), slug("東京")
        ('Lee_Jae-myung', 'a%5Fb', '%22Q%22_%3C1%3E', '%E6%9D%B1%E4%BA%AC')
    """
    return quote(text, safe="").replace("_", "%5F").replace("%20", "_")


def entity_iri(node_id: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a graph node ``TYPE:Name``: ``<base><type>/<slug of name>``."""
    type_, sep, name = node_id.partition(":")
    if not sep:
        type_, name = "CONCEPT", node_id
    return URIRef(f"{base}{slug(type_.lower())}/{slug(name)}")


def predicate_iri(phrase: str) -> URIRef:
    """The ``rel:`` property of a predicate lemma phrase; its local name is an XML NCName.

    Letters and digits stay, spaces become ``_``, anything else is ``-`` and six
    hex digits; a name not starting with a letter gets a leading ``_``. So
    distinct phrases give distinct properties, and RDF/XML can write them all.

    Example:
        >>> predicate_iri("block export to")
        rdflib.term.URIRef('https://kg.example.org/rel/block_export_to')
        >>> predicate_iri("do n't").split("/")[-1]
        'do_n-000027t'
    """
    words = " ".join(phrase.split())
    local = "".join(
        c if (c.isascii() and c.isalnum()) else "_" if c == " " else f"-{ord(c):06x}" for c in words
    )
    if not local[:1].isalpha():
        local = "_" + local
    return REL[local]


def fact_iri(u: str, v: str, key: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of the fact on edge ``(u, v, key)``: a hash, stable across builds."""
    digest = hashlib.sha1("\x00".join((u, key, v)).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{base}fact/{digest}")


def document_iri(doc_id: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a source document (a ``schema:NewsArticle``)."""
    return URIRef(f"{base}doc/{slug(doc_id)}")


def graph_iri(doc_id: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of the named graph holding what one document says."""
    return URIRef(f"{base}graph/{slug(doc_id)}")


def _text(value: Any) -> Literal:
    return Literal(_NOT_XML.sub("", str(value)))


def _date(value: str) -> Literal:
    """``xsd:date`` for an ISO date, a plain string otherwise."""
    if _ISO_DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        except ValueError:
            pass
    return _text(value)


def _decimal(value: float) -> Literal:
    # one lexical form with a dot ("1.0", "0.85"), which every serialiser writes back as is
    text = format(Decimal(str(round(float(value), 6))).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _url(value: str) -> URIRef | Literal:
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", value) and not _BAD_IRI_CHARS.search(value):
        return URIRef(value)
    return _text(value)


def _is_country(node: dict[str, Any]) -> bool:
    from ..gazetteer import country_code

    return bool(node.get("country")) and country_code(str(node.get("label", ""))) == node["country"]


def _vocabulary(g: Graph, predicates: Iterable[str]) -> None:
    """PLOVER concept scheme and the ``rel:`` properties used."""
    g.add((PLOVER_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((PLOVER_SCHEME, DCTERMS.title, Literal("PLOVER event types", lang="en")))
    for name in EVENT_TYPES:
        concept = plover(name)
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, SEM.EventType))
        g.add((concept, SKOS.inScheme, PLOVER_SCHEME))
        g.add((concept, SKOS.topConceptOf, PLOVER_SCHEME))
        g.add((PLOVER_SCHEME, SKOS.hasTopConcept, concept))
        g.add((concept, SKOS.prefLabel, Literal(name.lower(), lang="en")))
        g.add((concept, SKOS.notation, Literal(name)))
        g.add((concept, KG.quadClass, Literal(quad_class(name))))
    g.add((KG.relatedTo, RDF.type, RDF.Property))
    for phrase in sorted(set(predicates)):
        prop = predicate_iri(phrase)
        g.add((prop, RDF.type, RDF.Property))
        g.add((prop, RDFS.label, _text(phrase)))
        g.add((prop, RDFS.subPropertyOf, KG.relatedTo))


def _entities(g: Graph, graph: nx.MultiDiGraph, base: str) -> None:
    for nid, node in graph.nodes(data=True):
        s = entity_iri(nid, base=base)
        type_ = str(node.get("type") or nid.partition(":")[0] or "CONCEPT")
        own, standard = ENTITY_CLASSES.get(type_, (KG.Entity, None))
        if type_ == "GPE" and _is_country(node):
            standard = SDO.Country
        g.add((s, RDF.type, KG.Entity))
        g.add((s, RDF.type, own))
        if standard is not None:
            g.add((s, RDF.type, standard))
        g.add((s, KG.entityType, Literal(type_)))
        g.add((s, RDFS.label, _text(node.get("label") or nid.partition(":")[2] or nid)))
        for alias in node.get("aliases") or ():
            g.add((s, SKOS.altLabel, _text(alias)))
        if node.get("country"):
            g.add((s, KG.countryCode, Literal(node["country"])))
        for role in node.get("roles") or ():
            g.add((s, SDO.jobTitle, _text(role["title"])))
        if node.get("mentions"):
            g.add((s, KG.mentions, Literal(int(node["mentions"]))))
        for prop, key in ((KG.firstSeen, "first_seen"), (KG.lastSeen, "last_seen")):
            if node.get(key):
                g.add((s, prop, _date(node[key])))


class _Documents:
    """The named graph of each document, with its article node made on first use."""

    def __init__(self, ds: Dataset, graph: nx.MultiDiGraph, base: str) -> None:
        self.ds, self.base = ds, base
        self.register: dict[str, dict[str, Any]] = graph.graph.get("documents") or {}
        self.graphs: dict[str, Graph] = {}

    def __call__(self, doc_id: str, evidence: dict[str, Any] | None = None) -> Graph:
        if doc_id in self.graphs:
            return self.graphs[doc_id]
        g = self.graphs[doc_id] = self.ds.graph(graph_iri(doc_id, base=self.base))
        meta = {
            **(evidence or {}),
            **{k: v for k, v in self.register.get(doc_id, {}).items() if v is not None},
        }
        d = document_iri(doc_id, base=self.base)
        g.add((d, RDF.type, SDO.NewsArticle))
        g.add((d, RDF.type, PROV.Entity))
        g.add((d, SDO.identifier, _text(doc_id)))
        if meta.get("title"):
            g.add((d, SDO.headline, _text(meta["title"])))
        if meta.get("date"):
            g.add((d, SDO.datePublished, _date(meta["date"])))
        if meta.get("url"):
            g.add((d, SDO.url, _url(meta["url"])))
        if meta.get("source"):
            g.add((d, KG.source, _text(meta["source"])))
        return g


def _place(g: Graph, location: str, places: dict[str, str], base: str) -> URIRef:
    """The entity a location names, else a ``kg:Place`` minted from the text."""
    nid = places.get(location.lower())
    if nid is not None:
        return entity_iri(nid, base=base)
    p = URIRef(f"{base}place/{slug(location)}")
    g.add((p, RDF.type, KG.Place))
    g.add((p, RDF.type, SEM.Place))
    g.add((p, RDF.type, SDO.Place))
    g.add((p, RDFS.label, _text(location)))
    return p


def _fact(
    docs: _Documents,
    default: Graph,
    graph: nx.MultiDiGraph,
    u: str,
    v: str,
    key: str,
    edge: dict[str, Any],
    places: dict[str, str],
    base: str,
) -> None:
    f = fact_iri(u, v, key, base=base)
    s, o = entity_iri(u, base=base), entity_iri(v, base=base)
    prop = predicate_iri(edge["predicate"])
    negated, hypothetical = bool(edge.get("negated")), bool(edge.get("hypothetical"))
    # the fact itself and its aggregates: the same whichever documents state it
    if not (negated or hypothetical):
        default.add((s, prop, o))
    label = " ".join(
        (
            graph.nodes[u].get("label", u),
            edge.get("relation") or edge["predicate"],
            graph.nodes[v].get("label", v),
        )
    )
    default.add((f, RDF.type, KG.Fact))
    default.add((f, RDF.type, SEM.Event))
    default.add((f, RDFS.label, _text(label)))
    default.add((f, KG.subject, s))
    default.add((f, KG.object, o))
    default.add((f, SEM.hasActor, s))
    default.add((f, SEM.hasActor, o))
    default.add((f, KG.predicate, prop))
    default.add((f, KG.relation, _text(edge.get("relation") or edge["predicate"])))
    default.add((f, KG.negated, Literal(negated)))
    default.add((f, KG.hypothetical, Literal(hypothetical)))
    default.add((f, KG.symmetric, Literal(bool(edge.get("symmetric")))))
    default.add((f, KG.kind, Literal(edge.get("kind") or "event")))
    if edge.get("event"):
        default.add((f, SEM.eventType, plover(edge["event"])))
    if edge.get("quad"):
        default.add((f, KG.quadClass, Literal(edge["quad"])))
    default.add((f, KG.count, Literal(int(edge.get("count") or len(edge["evidence"])))))
    default.add((f, KG.confidence, _decimal(edge.get("confidence") or 0.0)))
    for p, k in ((KG.firstSeen, "first_seen"), (KG.lastSeen, "last_seen")):
        if edge.get(k):
            default.add((f, p, _date(edge[k])))
    # what each document contributes: the sentence and one qualified derivation
    for record in edge["evidence"]:
        g = docs(record["doc"], record)
        doc = document_iri(record["doc"], base=base)
        sentence = URIRef(f"{doc}/sentence/{int(record['sentence'])}")
        g.add((sentence, RDF.type, KG.Sentence))
        g.add((sentence, RDF.type, PROV.Entity))
        g.add((sentence, DCTERMS.isPartOf, doc))
        g.add((sentence, KG.sentenceIndex, Literal(int(record["sentence"]))))
        if record.get("text"):
            g.add((sentence, KG.text, _text(record["text"])))
        for p, k in ((KG.start, "start"), (KG.end, "end")):
            if record.get(k) is not None:
                g.add((sentence, p, Literal(int(record[k]))))
        g.add((f, PROV.wasDerivedFrom, sentence))
        ev = URIRef(f"{f}/evidence/{slug(record['doc'])}/{int(record['sentence'])}")
        g.add((f, PROV.qualifiedDerivation, ev))
        g.add((ev, RDF.type, PROV.Derivation))
        g.add((ev, RDF.type, KG.Evidence))
        g.add((ev, PROV.entity, sentence))
        if record.get("confidence") is not None:
            g.add((ev, KG.confidence, _decimal(record["confidence"])))
        for p, k in (
            (KG.location, "location"),
            (KG.time, "time"),
            (KG.attributedTo, "attributed_to"),
            (KG.subjectSector, "subject_sector"),
            (KG.objectSector, "object_sector"),
        ):
            if record.get(k):
                g.add((ev, p, _text(record[k])))
        # when and where, derived from the evidence (the store recomputes them)
        if record.get("date"):
            default.add((f, SEM.hasTimeStamp, _date(record["date"])))
        if record.get("location"):
            place = _place(default, record["location"], places, base)
            g.add((ev, KG.place, place))
            default.add((f, SEM.hasPlace, place))


def to_dataset(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Dataset:
    """Convert the kg graph to an rdflib ``Dataset``: one named graph per document.

    Pure: ``graph`` is not changed. The default graph holds the vocabulary, the
    entities and the aggregates (see the module docstring).
    """
    check_base(base)
    ds = Dataset()
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True, replace=True)
    ds.bind("id", base, override=True, replace=True)
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    _vocabulary(default, (d["predicate"] for _, _, d in graph.edges(data=True)))
    _entities(default, graph, base)
    docs = _Documents(ds, graph, base)
    for doc_id in graph.graph.get("documents") or {}:
        docs(doc_id)
    for nid, node in graph.nodes(data=True):
        for doc_id in node.get("docs") or ():
            docs(doc_id).add(
                (document_iri(doc_id, base=base), SDO.mentions, entity_iri(nid, base=base))
            )
    places = {
        str(n.get("label", "")).lower(): nid
        for nid, n in graph.nodes(data=True)
        if n.get("type") in ("GPE", "LOC", "FAC")
    }
    for u, v, key, edge in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        _fact(docs, default, graph, u, v, key, edge, places, base)
    return ds


def to_rdf(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Graph:
    """Convert the kg graph to one rdflib ``Graph``: all graphs of :func:`to_dataset` merged."""
    ds = to_dataset(graph, base=base)
    out = Graph()
    for prefix, namespace in ds.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        out.add((s, p, o))
    return out


def write_rdf(
    graph: nx.MultiDiGraph, path: str | Path, *, format: str, base: str = DEFAULT_BASE
) -> None:
    """Write ``graph`` to ``path`` as RDF ``format`` (a key of :data:`RDF_FORMATS`)."""
    try:
        rdflib_name, named = RDF_FORMATS[format]
    except KeyError:
        raise ExportError(
            f"unknown RDF format {format!r}; valid: {', '.join(RDF_FORMATS)}"
        ) from None
    data = to_dataset(graph, base=base) if named else to_rdf(graph, base=base)
    options: dict[str, Any] = (
        {"auto_compact": True, "context": PREFIXES} if format == "jsonld" else {}
    )
    try:
        data.serialize(destination=str(path), format=rdflib_name, encoding="utf-8", **options)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write {format} ({exc.strerror})") from exc


def write_turtle(graph: nx.MultiDiGraph, path: str | Path, *, base: str = DEFAULT_BASE) -> None:
    """Turtle (``.ttl``): every graph merged."""
    write_rdf(graph, path, format="turtle", base=base)


def write_ntriples(graph: nx.MultiDiGraph, path: str | Path, *, base: str = DEFAULT_BASE) -> None:
    """N-Triples (``.nt``): every graph merged, one triple a line."""
    write_rdf(graph, path, format="ntriples", base=base)


def write_jsonld(graph: nx.MultiDiGraph, path: str | Path, *, base: str = DEFAULT_BASE) -> None:
    """JSON-LD (``.jsonld``), compacted with kg's prefixes."""
    write_rdf(graph, path, format="jsonld", base=base)


def write_xml(graph: nx.MultiDiGraph, path: str | Path, *, base: str = DEFAULT_BASE) -> None:
    """RDF/XML (``.rdf``)."""
    write_rdf(graph, path, format="xml", base=base)


def write_trig(graph: nx.MultiDiGraph, path: str | Path, *, base: str = DEFAULT_BASE) -> None:
    """TriG (``.trig``): one named graph per document."""
    write_rdf(graph, path, format="trig", base=base)


def write_nquads(graph: nx.MultiDiGraph, path: str | Path, *, base: str = DEFAULT_BASE) -> None:
    """N-Quads (``.nq``): one named graph per document."""
    write_rdf(graph, path, format="nquads", base=base)
