"""RDF export: the vocabulary, the model, round trips through rdflib and pyoxigraph."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import PROV, RDF, RDFS, SDO, SKOS, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import export
from kg.errors import ExportError
from kg.events import EVENT_TYPES
from kg.export.rdf import (
    DEFAULT_BASE,
    document_iri,
    entity_iri,
    graph_iri,
    predicate_iri,
    slug,
    to_dataset,
    to_rdf,
)
from kg.export.vocab import KG, PLOVER, PLOVER_SCHEME, PREFIXES, SEM, VOCAB_ROOT
from kg.graph import build_graph
from kg.pipeline import process
from kg.types import Document, DocumentResult, Entity, Triple

SINGLE = {
    "turtle": ("turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("nt", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    "xml": ("xml", ox.RdfFormat.RDF_XML),
}
NAMED = {"trig": ("trig", ox.RdfFormat.TRIG), "nquads": ("nquads", ox.RdfFormat.N_QUADS)}

DOCS = [
    Document(
        id="n1",
        date="2026-01-05",
        title="Leaders meet",
        url="https://example.org/n1",
        text="Lee Jae-myung met Sanae Takaichi in Tokyo. China blocked exports to Japan.",
    ),
    Document(
        id="n2",
        date="2026-01-09",
        title="No talks",
        text="China did not meet Japan. China blocked exports to Japan.",
    ),
]


@pytest.fixture(scope="module")
def graph(nlp):
    return build_graph(process(DOCS, nlp))


@pytest.fixture(scope="module")
def rdf(graph):
    return to_rdf(graph)


def q(g, sparql):
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return list(g.query(prefixes + sparql))


def _fact_of(rdf, predicate, negated=False):
    rows = q(
        rdf,
        f"""SELECT ?f WHERE {{ ?f kg:predicate <{predicate_iri(predicate)}> ;
                                          kg:negated {str(negated).lower()} }}""",
    )
    assert len(rows) == 1, rows
    return rows[0][0]


# -- vocabulary -------------------------------------------------------------------------------


@pytest.mark.parametrize("namespace", [KG, SEM, PLOVER])
def test_vocabulary_typo_fails_instead_of_minting(namespace):
    with pytest.raises(AttributeError):
        namespace.no_such_term  # noqa: B018


def test_plover_concepts_are_exactly_the_event_types():
    assert {str(PLOVER[e]).rsplit("/", 1)[1] for e in EVENT_TYPES} == set(EVENT_TYPES)
    assert len(EVENT_TYPES) == 16


def test_plover_scheme_published_with_sixteen_top_concepts(rdf):
    tops = set(rdf.objects(PLOVER_SCHEME, SKOS.hasTopConcept))
    assert tops == {PLOVER[e] for e in EVENT_TYPES}
    assert (PLOVER_SCHEME, RDF.type, SKOS.ConceptScheme) in rdf
    assert (PLOVER.SANCTION, KG.quadClass, Literal("material_conflict")) in rdf


# -- the model --------------------------------------------------------------------------------


def test_fact_is_direct_edge_and_sem_event(rdf):
    china, japan = entity_iri("GPE:China"), entity_iri("GPE:Japan")
    prop = predicate_iri("block export to")
    assert (china, prop, japan) in rdf
    assert (prop, RDF.type, RDF.Property) in rdf
    assert (prop, RDFS.label, Literal("block export to")) in rdf
    fact = _fact_of(rdf, "block export to")
    assert (fact, RDF.type, SEM.Event) in rdf
    assert {china, japan} <= set(rdf.objects(fact, SEM.hasActor))
    assert (fact, SEM.eventType, PLOVER.SANCTION) in rdf
    assert (fact, KG.subject, china) in rdf and (fact, KG.object, japan) in rdf


def test_fact_counts_its_evidence_from_both_documents(rdf):
    fact = _fact_of(rdf, "block export to")
    assert rdf.value(fact, KG.count).toPython() == 2
    assert len(set(rdf.objects(fact, PROV.wasDerivedFrom))) == 2
    assert {str(d) for d in rdf.objects(fact, SEM.hasTimeStamp)} == {"2026-01-05", "2026-01-09"}
    assert 0 < float(rdf.value(fact, KG.confidence)) <= 1


def test_provenance_chain_reaches_the_article(rdf):
    rows = q(
        rdf,
        """SELECT ?text ?date ?title WHERE {
        ?f kg:predicate rel:block_export_to ; prov:wasDerivedFrom ?s .
        ?s kg:text ?text ; dcterms:isPartOf ?doc .
        ?doc a schema:NewsArticle ; schema:datePublished ?date .
        OPTIONAL { ?doc schema:headline ?title } } ORDER BY ?date""",
    )
    assert [str(r.date) for r in rows] == ["2026-01-05", "2026-01-09"]
    assert str(rows[0].title) == "Leaders meet"
    assert all("China blocked exports to Japan" in str(r.text) for r in rows)


def test_negated_fact_has_no_direct_edge_but_an_event_node(rdf):
    fact = _fact_of(rdf, "meet", negated=True)
    assert (fact, KG.hypothetical, Literal(False)) in rdf
    assert (entity_iri("GPE:China"), predicate_iri("meet"), entity_iri("GPE:Japan")) not in rdf


def test_location_becomes_a_place(rdf):
    rows = q(
        rdf,
        """SELECT ?label WHERE { ?f kg:predicate rel:meet ; kg:negated false ;
                                             sem:hasPlace ?p . ?p rdfs:label ?label }""",
    )
    assert [str(r.label) for r in rows] == ["Tokyo"]


def test_entities_typed_with_schema_org_and_labelled(rdf):
    china, lee = entity_iri("GPE:China"), entity_iri("PERSON:Lee Jae-myung")
    assert {SDO.Country, KG.GeopoliticalEntity, KG.Entity} <= set(rdf.objects(china, RDF.type))
    assert {SDO.Person, KG.Person} <= set(rdf.objects(lee, RDF.type))
    assert (lee, RDFS.label, Literal("Lee Jae-myung")) in rdf
    assert (china, KG.countryCode, Literal("CHN")) in rdf


def test_aliases_become_skos_alt_labels():
    g = build_graph(
        [
            DocumentResult(
                Document(id="d", text="x"),
                1,
                entities=(
                    Entity(name="China", type="GPE", country="CHN", aliases=("Beijing", "PRC")),
                ),
            )
        ]
    )
    assert set(to_rdf(g).objects(entity_iri("GPE:China"), SKOS.altLabel)) == {
        Literal("Beijing"),
        Literal("PRC"),
    }


def test_one_named_graph_per_document_holds_its_provenance(graph, rdf):
    ds = to_dataset(graph)
    names = {c.identifier for c in ds.graphs()} - {DATASET_DEFAULT_GRAPH_ID}
    assert names == {graph_iri("n1"), graph_iri("n2")}
    n1, n2 = ds.graph(graph_iri("n1")), ds.graph(graph_iri("n2"))
    assert (document_iri("n2"), RDF.type, SDO.NewsArticle) in n2
    assert (document_iri("n2"), SDO.mentions, entity_iri("GPE:China")) in n2
    negated = _fact_of(rdf, "meet", negated=True)
    assert (negated, PROV.wasDerivedFrom, None) in n2
    assert (negated, PROV.wasDerivedFrom, None) not in n1
    # facts and aggregates belong to no single document
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (negated, KG.count, None) in default and (negated, KG.count, None) not in n2


def test_no_triple_is_in_two_graphs(graph):
    seen: dict = {}
    for s, p, o, g in to_dataset(graph).quads((None, None, None, None)):
        assert seen.setdefault((s, p, o), g) == g, (s, p, o)


def test_base_iri_prefixes_every_instance(graph):
    base = "https://example.com/news-kg/"
    g = to_rdf(graph, base=base)
    subjects = {str(s) for s in g.subjects() if not str(s).startswith(VOCAB_ROOT)}
    assert subjects and all(s.startswith(base) for s in subjects)
    assert not any(DEFAULT_BASE in str(t) for triple in g for t in triple)


@pytest.mark.parametrize("base", ["kg.example.org/", "https://x.org/no-slash", "https://x y/"])
def test_bad_base_iri_is_an_export_error(graph, base):
    with pytest.raises(ExportError, match="base IRI"):
        to_rdf(graph, base=base)


# -- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted({**SINGLE, **NAMED}))
def test_rdf_format_round_trips_through_rdflib_and_oxigraph(graph, tmp_path, name):
    path = export.write(graph, tmp_path / f"graph{export.get(name).suffix}", name)
    assert_round_trip(graph, path, name)


def test_named_graph_formats_keep_one_graph_per_document(graph, tmp_path):
    path = export.write(graph, tmp_path / "graph.nq", "nquads")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) > 100
    assert {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)} == {
        str(graph_iri("n1")),
        str(graph_iri("n2")),
    }


def test_every_rdf_format_written_by_build_options(graph, tmp_path):
    base = "urn:kg:test/"
    for name in (*SINGLE, *NAMED):
        fmt = export.get(name)
        assert fmt.options == ("base",)
        text = fmt.write(graph, tmp_path / f"g{fmt.suffix}", base=base).read_text("utf-8")
        assert "urn:kg:test/" in text


# -- IRI minting, property tests --------------------------------------------------------------

NAMES = st.text(min_size=1, max_size=30)
WEIRD = st.sampled_from(
    [
        'Lee "Q" Jae',
        "<script>",
        "a b",
        "a_b",
        "東京",
        "Кремль",
        "🙂 emoji",
        "}\nDROP ALL",
        "100%",
        "x#y?z",
        "\\",
        "\t",
        "São Tomé",
    ]
)


@given(st.one_of(NAMES, WEIRD), st.sampled_from(["PERSON", "GPE", "CONCEPT"]))
def test_entity_iri_is_valid_and_reversible_for_any_name(name, type_):
    iri = entity_iri(f"{type_}:{name}")
    ox.NamedNode(str(iri))  # pyoxigraph validates IRIs strictly
    assert not re.search(r'[\x00-\x20<>"{}|\\^`]', iri)
    last = str(iri).rsplit("/", 1)[1]
    assert unquote(last.replace("_", " ")) == name
    assert entity_iri(f"{type_}:{name}") == iri  # deterministic


@given(NAMES, NAMES)
def test_distinct_names_give_distinct_iris(a, b):
    assert (slug(a) == slug(b)) == (a == b)


@given(st.one_of(NAMES, WEIRD))
def test_predicate_iri_is_an_xml_qname_for_any_phrase(phrase):
    if not phrase.split():
        return
    iri = predicate_iri(phrase)
    ox.NamedNode(str(iri))
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", str(iri).rsplit("/", 1)[1])


def _weird_result(subject: str, obj: str, predicate: str) -> DocumentResult:
    doc = Document(
        id=f"doc {subject}",
        text=f"{subject} {predicate} {obj}.",
        date="2026-02-03",
        title=f"title {obj}",
        url="https://example.org/a b",
    )
    triple = Triple(
        doc=doc.id,
        sentence=0,
        text=doc.text,
        subject=subject,
        subject_type="PERSON",
        subject_text=subject,
        relation=predicate,
        predicate=predicate,
        object=obj,
        object_type="GPE",
        object_text=obj,
        event="CONSULT",
        quad="verbal_cooperation",
        location=obj,
        time="today",
        attributed_to=subject,
        start=0,
        end=len(doc.text),
        confidence=1.0,
    )
    return DocumentResult(doc, 1, (triple,), (Entity(name=subject, type="PERSON", aliases=(obj,)),))


def _graphs(ds):
    return {c.identifier: c for c in ds.graphs() if len(c)}


def assert_round_trip(graph, path, name):
    """``path`` (written as ``name``) parses back isomorphic with rdflib, and with pyoxigraph."""
    if name in SINGLE:
        rdflib_format, ox_format = SINGLE[name]
        expected = to_rdf(graph)
        assert isomorphic(Graph().parse(path, format=rdflib_format), expected), name
        size = len(expected)
    else:
        rdflib_format, ox_format = NAMED[name]
        expected, got = (
            _graphs(to_dataset(graph)),
            _graphs(Dataset().parse(path, format=rdflib_format)),
        )
        assert set(got) == set(expected), name
        assert all(isomorphic(got[i], expected[i]) for i in expected), name
        size = sum(len(c) for c in expected.values())
    assert sum(1 for _ in ox.parse(path=str(path), format=ox_format)) == size, name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NAMES, WEIRD), st.one_of(NAMES, WEIRD), st.one_of(WEIRD, st.just("meet")))
def test_any_names_round_trip_through_every_rdf_format(subject, obj, predicate):
    import tempfile
    from pathlib import Path

    if not predicate.split():
        return
    g = build_graph([_weird_result(subject, obj, predicate)])
    with tempfile.TemporaryDirectory() as tmp:
        for name in (*SINGLE, *NAMED):
            assert_round_trip(
                g, export.write(g, Path(tmp) / f"g{export.get(name).suffix}", name), name
            )
