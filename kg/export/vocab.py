"""The RDF vocabulary of ``kg``, declared in one place.

Three closed namespaces (rdflib ``DefinedNamespace`` with ``_fail = True``, so a
typo such as ``KG.negatd`` raises instead of minting a new IRI):

* :class:`KG` -- our own classes and properties (``kg:``);
* :class:`SEM` -- the terms of the Simple Event Model we use (``sem:``);
* :class:`PLOVER` -- the 16 PLOVER event types as SKOS concepts (``plover:``),
  published as the concept scheme :data:`PLOVER_SCHEME`.

One namespace is open on purpose: :data:`REL`, where each relation lemma phrase
(``meet``, ``block export to``) becomes one property, minted only by
:func:`kg.export.rdf.predicate_iri`. Standard vocabularies come from rdflib:
schema.org (``schema:``), PROV-O, Dublin Core terms, SKOS, RDFS.

:data:`PREFIXES` maps every prefix to its namespace; the embedded store passes
it to SPARQL, so queries may use ``kg:``, ``rel:``, ``schema:`` ... undeclared.

Example:
    >>> str(KG.Fact)
    'https://kg.example.org/vocab#Fact'
    >>> KG.negatd
    Traceback (most recent call last):
    ...
    AttributeError: term 'negatd' not in namespace 'https://kg.example.org/vocab#'
    >>> sorted(PREFIXES)[:4]
    ['dcterms', 'kg', 'plover', 'prov']
"""

from __future__ import annotations

from rdflib import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "ENTITY_CLASSES",
    "KG",
    "PLOVER",
    "PLOVER_SCHEME",
    "PREFIXES",
    "REL",
    "SEM",
    "VOCAB_ROOT",
    "plover",
]

#: Root of every IRI kg mints for its vocabulary (instance data goes under ``--base-iri``).
VOCAB_ROOT = "https://kg.example.org/"


class KG(DefinedNamespace):
    """kg's own classes and properties."""

    _NS = Namespace(VOCAB_ROOT + "vocab#")
    _fail = True

    # classes: entity types (one per kg.types.ENTITY_TYPES) and the provenance chain
    Entity: URIRef  # anything a fact is about
    Person: URIRef  # PERSON
    GeopoliticalEntity: URIRef  # GPE: a country, city or state
    Organization: URIRef  # ORG
    Nationality: URIRef  # NORP: nationalities, religious or political groups
    Location: URIRef  # LOC: non-GPE locations
    Facility: URIRef  # FAC
    NamedEvent: URIRef  # EVENT: named events (wars, summits)
    Concept: URIRef  # CONCEPT: a common-noun argument (``exports``)
    Fact: URIRef  # one distinct fact of the graph (an edge), also a sem:Event
    Sentence: URIRef  # the sentence a fact was read from (a prov:Entity)
    Evidence: URIRef  # one statement of a fact by one sentence (a prov:Derivation)
    Place: URIRef  # a place named by ``location`` that is not an entity of the graph

    # properties of entities
    entityType: URIRef  # the NER label, PERSON ... CONCEPT
    countryCode: URIRef  # ISO 3166-1 alpha-3 of the state an entity is or belongs to
    mentions: URIRef  # how often the entity was mentioned, all documents together
    firstSeen: URIRef  # earliest document date (entities and facts)
    lastSeen: URIRef  # latest document date (entities and facts)

    # properties of facts
    relatedTo: URIRef  # super-property of every minted rel: property
    subject: URIRef  # who acted (also a sem:hasActor)
    object: URIRef  # on whom or what (also a sem:hasActor)
    predicate: URIRef  # the rel: property of the direct edge
    relation: URIRef  # the surface relation phrase first seen (``blocked exports to``)
    negated: URIRef  # ``did not meet``
    hypothetical: URIRef  # ``could meet``, ``plans to meet``
    symmetric: URIRef  # ``meet`` goes both ways
    kind: URIRef  # ``event`` or ``role``
    quadClass: URIRef  # PLOVER quad class (``material_conflict``)
    count: URIRef  # number of evidence records
    confidence: URIRef  # 0..1 (max over evidence on a fact; per record on evidence)

    # properties of evidence, sentences, documents
    text: URIRef  # the sentence text
    sentenceIndex: URIRef  # position of the sentence in its document (from 0)
    start: URIRef  # character offset of the sentence in the document
    end: URIRef
    location: URIRef  # where, as written (``in Brasilia``)
    place: URIRef  # the place (entity or kg:Place) an evidence record's location names
    time: URIRef  # when, as written (``on Tuesday``)
    attributedTo: URIRef  # who said it (reported speech)
    subjectSector: URIRef  # part of the state acting (``military``)
    objectSector: URIRef
    source: URIRef  # the news source of a document


class SEM(DefinedNamespace):
    """The Simple Event Model terms kg uses (van Hage et al., 2011)."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    EventType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    eventType: URIRef


class PLOVER(DefinedNamespace):
    """PLOVER event types as SKOS concepts; the same 16 as :class:`kg.events.EventType`."""

    _NS = Namespace(VOCAB_ROOT + "plover/")
    _fail = True

    AGREE: URIRef
    CONSULT: URIRef
    SUPPORT: URIRef
    CONCEDE: URIRef
    COOPERATE: URIRef
    AID: URIRef
    RETREAT: URIRef
    REQUEST: URIRef
    ACCUSE: URIRef
    REJECT: URIRef
    THREATEN: URIRef
    PROTEST: URIRef
    SANCTION: URIRef
    MOBILIZE: URIRef
    COERCE: URIRef
    ASSAULT: URIRef


def plover(event: str) -> URIRef:
    """The PLOVER concept of an event type; an unknown name raises ``AttributeError``.

    Example:
        >>> print(plover("SANCTION"))
        https://kg.example.org/plover/SANCTION
    """
    concept: URIRef = getattr(PLOVER, event)
    return concept


#: The SKOS concept scheme the PLOVER concepts belong to.
PLOVER_SCHEME = URIRef(VOCAB_ROOT + "plover")

#: Open namespace of relation properties, one per predicate lemma phrase.
REL = Namespace(VOCAB_ROOT + "rel/")

#: Entity type -> (kg class, standard class or None). GPE is refined by the
#: converter: schema:Country for a country itself, schema:Place for a city.
ENTITY_CLASSES: dict[str, tuple[URIRef, URIRef | None]] = {
    "PERSON": (KG.Person, SDO.Person),
    "GPE": (KG.GeopoliticalEntity, SDO.Place),
    "ORG": (KG.Organization, SDO.Organization),
    "NORP": (KG.Nationality, None),
    "LOC": (KG.Location, SDO.Place),
    "FAC": (KG.Facility, SDO.Place),
    "EVENT": (KG.NamedEvent, SDO.Event),
    "CONCEPT": (KG.Concept, None),
}

#: Prefix -> namespace, for serialisers and SPARQL.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "rel": str(REL),
    "plover": str(PLOVER),
    "sem": str(SEM),
    "schema": str(SDO),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
}
