"""Value objects passed between pipeline stages.

The flow is ``Document`` -> (spaCy ``Doc``) -> ``RawTriple`` (extraction, surface
text) -> ``Triple`` (resolution and event typing, canonical names) -> graph.
Everything here is a frozen dataclass: stages build new values, they never
mutate the ones they were given.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: Entity type of an argument that is not a named entity.
CONCEPT = "CONCEPT"

#: Entity labels treated as actors or places (spaCy's OntoNotes labels we keep).
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT", CONCEPT)

TripleKind = Literal["event", "role"]


@dataclass(frozen=True)
class Document:
    """One input document and its metadata.

    Example:
        >>> Document(id="a1", text="Lee met Takaichi.").date is None
        True
    """

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    #: Where the document came from (``file`` or ``file:line``), for messages.
    origin: str | None = None


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names (or stands for) an argument of a triple.

    ``text`` is the surface span; ``label`` the entity type (``CONCEPT`` for
    common nouns); ``start``/``end`` are character offsets in the document and
    ``token`` the index of the span's head token in the document, so that
    resolution can look at the parse again.
    """

    text: str
    label: str
    start: int
    end: int
    token: int
    #: Nationality or state named inside the span (``Chinese naval vessels``).
    nationality: str | None = None
    #: Who possesses what the span names (``Trump`` in ``Trump's deportation policy``).
    owner: str | None = None
    #: The entity label of ``owner``.
    owner_label: str | None = None
    #: Title words that preceded a name in the span (``President``).
    title: str | None = None
    #: Lowercased pronoun or definite description when the span is one.
    anaphor: str | None = None
    #: A proper noun the NER left out (``Lula`` tagged as a product): keeps its case.
    proper: bool = False


@dataclass(frozen=True)
class RawTriple:
    """A fact as the dependency rules found it, before resolution."""

    doc: str
    sentence: int
    subject: Mention
    relation: str
    predicate: str
    object: Mention
    text: str = ""
    start: int | None = None
    end: int | None = None
    negated: bool = False
    hypothetical: bool = False
    symmetric: bool = False
    kind: TripleKind = "event"
    location: str | None = None
    time: str | None = None
    attributed_to: Mention | None = None
    confidence: float = 0.8
    #: Lemma of the relation's main word (verb or event noun), for event typing.
    head: str = ""
    #: Document index of the token that states the fact (the verb or event noun).
    anchor: int = -1


@dataclass(frozen=True)
class Triple:
    """One extracted fact in the ``kg extract`` contract.

    Example:
        >>> t = Triple(doc="d", sentence=0, text="Lee met Takaichi.", subject="Lee",
        ...            subject_type="PERSON", subject_text="Lee", relation="met",
        ...            predicate="meet", object="Takaichi", object_type="PERSON",
        ...            object_text="Takaichi")
        >>> t.to_dict()["relation"]
        'met'
    """

    doc: str
    sentence: int
    text: str
    subject: str
    subject_type: str
    subject_text: str
    relation: str
    predicate: str
    object: str
    object_type: str
    object_text: str
    negated: bool = False
    hypothetical: bool = False
    event: str | None = None
    quad: str | None = None
    confidence: float = 0.8
    symmetric: bool = False
    kind: TripleKind = "event"
    location: str | None = None
    time: str | None = None
    start: int | None = None
    end: int | None = None
    attributed_to: str | None = None
    subject_country: str | None = None
    object_country: str | None = None
    #: Part of the state acting for it: ``military`` for ``Chinese naval vessels``.
    subject_sector: str | None = None
    object_sector: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output, keys in contract order."""
        return asdict(self)


@dataclass(frozen=True)
class Role:
    """A title held by a person (``prime minister`` of ``Japan``) and where it was stated."""

    title: str
    of: str | None
    doc: str
    date: str | None = None


@dataclass(frozen=True)
class Entity:
    """A resolved actor or concept as seen in one document.

    ``name`` and ``type`` together are the entity's identity (see :func:`entity_id`).
    """

    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: int = 1

    @property
    def id(self) -> str:
        return entity_id(self.name, self.type)


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document contributed: its triples and the entities they use."""

    document: Document
    sentences: int
    triples: tuple[Triple, ...] = ()
    entities: tuple[Entity, ...] = field(default_factory=tuple)


def entity_id(name: str, type: str) -> str:
    """Stable node id: the canonical name plus the entity type.

    Example:
        >>> entity_id("Sanae Takaichi", "PERSON")
        'PERSON:Sanae Takaichi'
    """
    return f"{type}:{name}"
