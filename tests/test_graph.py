"""The graph model and its merge policy (kg.graph.add_result), on the real pipeline."""

from __future__ import annotations

import copy
import json

import networkx as nx
import pytest

from kg.graph import add_result, build_graph, edge_key, new_graph
from kg.pipeline import process
from kg.types import Document, DocumentResult, Entity, Role, Triple

DOCS = [
    Document(id="a", date="2026-01-02", text="Lee met Takaichi. China blocked exports to Japan."),
    Document(
        id="b", date="2026-01-01", text="China blocked exports to Japan. China did not meet Japan."
    ),
    Document(id="c", date="2026-01-03", text="Tokyo protested against Beijing."),
]


@pytest.fixture(scope="module")
def results(nlp):
    return list(process(DOCS, nlp))


def snapshot(graph: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True, default=str)


def test_one_edge_per_distinct_fact_with_its_evidence(results):
    g = build_graph(results)
    facts = {
        (t.subject, t.predicate, t.negated, t.hypothetical, t.object)
        for r in results
        for t in r.triples
    }
    assert g.number_of_edges() == len(facts) < sum(len(r.triples) for r in results)
    edge = g.edges["GPE:China", "GPE:Japan", "block export to|0|0"]
    assert edge["count"] == 2 == len(edge["evidence"])
    assert [e["doc"] for e in edge["evidence"]] == ["a", "b"]
    assert (edge["first_seen"], edge["last_seen"]) == ("2026-01-01", "2026-01-02")
    assert edge["event"] == "SANCTION" and edge["quad"] == "material_conflict"
    assert all(e["text"] == "China blocked exports to Japan." for e in edge["evidence"])


def test_negated_fact_is_its_own_edge(results):
    g = build_graph(results)
    assert set(g["GPE:China"]["GPE:Japan"]) == {"block export to|0|0", "meet|1|0"}
    assert g.edges["GPE:China", "GPE:Japan", "meet|1|0"]["negated"] is True


def test_capital_and_demonym_merge_into_the_state_node(results):
    g = build_graph(results)
    assert g.has_edge("GPE:Japan", "GPE:China", "protest against|0|0")
    china = g.nodes["GPE:China"]
    assert china["docs"] == ["a", "b", "c"]
    assert "Beijing" in china["aliases"]
    assert (china["first_seen"], china["last_seen"]) == ("2026-01-01", "2026-01-03")


def test_incremental_build_equals_one_build(results):
    whole = build_graph(results)
    g = build_graph(results[:1])
    assert g.number_of_edges() < whole.number_of_edges()
    same = build_graph(results[1:], graph=g)
    assert same is g
    assert snapshot(g) == snapshot(whole)


def test_adding_the_same_document_twice_changes_nothing(results):
    g = build_graph(results)
    before = snapshot(g)
    assert add_result(g, results[0]) is False
    assert snapshot(g) == before
    assert snapshot(build_graph(results + results)) == before


def test_new_graph_per_call_unless_one_is_given(results):
    assert build_graph(results) is not build_graph(results)
    assert new_graph().graph["documents"] == {}


def test_document_register_counts_sentences_and_triples(results):
    g = build_graph(results)
    assert g.graph["documents"]["b"] == {
        "date": "2026-01-01",
        "title": None,
        "url": None,
        "source": None,
        "sentences": 2,
        "triples": 2,
    }


def test_symmetric_fact_stored_once_in_first_direction(nlp):
    g = build_graph(
        process(
            [
                Document(id="x", text="Lee and Takaichi met in Seoul."),
                Document(id="y", text="Takaichi and Lee met in Tokyo."),
            ],
            nlp,
        )
    )
    edges = [(u, v) for u, v, k in g.edges(keys=True) if k == "meet|0|0"]
    assert edges == [("PERSON:Lee", "PERSON:Takaichi")]
    assert g.edges["PERSON:Lee", "PERSON:Takaichi", "meet|0|0"]["count"] == 2


# -- the merge policy of node attributes, with hand-built results -----------------------------


def _triple(
    doc: str,
    sentence: int,
    *,
    relation="met",
    predicate="meet",
    confidence=0.8,
    subject="Lee",
    obj="Takaichi",
    negated=False,
) -> Triple:
    return Triple(
        doc=doc,
        sentence=sentence,
        text=f"{subject} {relation} {obj}.",
        subject=subject,
        subject_type="PERSON",
        subject_text=subject,
        relation=relation,
        predicate=predicate,
        object=obj,
        object_type="PERSON",
        object_text=obj,
        confidence=confidence,
        negated=negated,
        event="CONSULT",
    )


def _result(doc: str, date: str | None, triples=(), entities=()) -> DocumentResult:
    return DocumentResult(
        Document(id=doc, text="...", date=date), 1, tuple(triples), tuple(entities)
    )


def test_node_merge_first_values_win_and_collections_accumulate():
    role = Role(title="president", of="South Korea", doc="b", date="2026-02-01")
    g = build_graph(
        [
            _result(
                "a",
                "2026-03-01",
                entities=[Entity("Lee", "PERSON", country=None, aliases=("Lee J.",), mentions=2)],
            ),
            _result(
                "b",
                "2026-02-01",
                entities=[
                    Entity(
                        "Lee", "PERSON", country="KOR", aliases=("President Lee",), roles=(role,)
                    )
                ],
            ),
            _result("c", None, entities=[Entity("Lee", "PERSON", country="PRK", roles=(role,))]),
        ]
    )
    node = g.nodes["PERSON:Lee"]
    assert node["country"] == "KOR"  # a later non-null fills a null; it never overwrites
    assert node["aliases"] == ["Lee J.", "President Lee"]
    assert node["roles"] == [
        {"title": "president", "of": "South Korea", "doc": "b", "date": "2026-02-01"}
    ]
    assert node["mentions"] == 4
    assert node["docs"] == ["a", "b", "c"]
    assert (node["first_seen"], node["last_seen"]) == ("2026-02-01", "2026-03-01")


def test_edge_merge_first_relation_wins_confidence_is_max_one_record_per_sentence():
    g = build_graph(
        [
            _result(
                "a",
                "2026-01-01",
                [
                    _triple("a", 0, relation="met", confidence=0.6),
                    _triple("a", 0, relation="met with", confidence=0.7),
                ],
            ),
            _result("b", "2026-01-05", [_triple("b", 3, relation="met with", confidence=0.9)]),
        ]
    )
    edge = g.edges["PERSON:Lee", "PERSON:Takaichi", "meet|0|0"]
    assert edge["relation"] == "met"
    assert [(e["doc"], e["sentence"]) for e in edge["evidence"]] == [("a", 0), ("b", 3)]
    assert edge["count"] == 2 and edge["confidence"] == 0.9


def test_entity_missing_from_the_resolver_still_becomes_a_node():
    g = build_graph([_result("a", None, [_triple("a", 0, obj="Kim")])])
    assert g.nodes["PERSON:Kim"]["label"] == "Kim"
    assert g.nodes["PERSON:Kim"]["docs"] == ["a"]


def test_edge_key_separates_polarity_and_modality():
    assert edge_key(_triple("a", 0)) == "meet|0|0"
    assert edge_key(_triple("a", 0, negated=True)) == "meet|1|0"


def test_build_does_not_mutate_the_results(results):
    before = copy.deepcopy(results)
    build_graph(results)
    assert results == before
