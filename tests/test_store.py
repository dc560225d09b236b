"""The embedded store (a real on-disk pyoxigraph store) and ``kg query``."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from conftest import SAMPLE, run_kg

from kg.build import build
from kg.errors import StoreError
from kg.export.rdf import graph_iri, to_dataset
from kg.graph import build_graph
from kg.pipeline import process
from kg.store import EmbeddedStore, format_results
from kg.types import Document

FACTS = """SELECT ?s ?p ?o ?n WHERE {
  ?f kg:subject/rdfs:label ?s ; kg:predicate/rdfs:label ?p ; kg:object/rdfs:label ?o ;
     kg:negated false ; kg:count ?n } ORDER BY ?s ?p ?o"""


def _graph(nlp, *docs: tuple[str, str, str]):
    return build_graph(process([Document(id=i, date=d, text=t) for i, d, t in docs], nlp))


@pytest.fixture(scope="module")
def graph(nlp):
    return _graph(
        nlp,
        ("n1", "2026-01-05", "China blocked exports to Japan. Lee met Takaichi."),
        ("n2", "2026-01-07", "China blocked exports to Japan."),
    )


def _quads(store: ox.Store) -> set:
    return set(store)


def test_fresh_store_holds_exactly_the_rdf_export(graph, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        loaded = store.add_graph(graph)
        expected = ox.Store()  # an in-memory store canonicalises literals the same way
        expected.load(
            input=to_dataset(graph).serialize(format="nquads", encoding="utf-8"),
            format=ox.RdfFormat.N_QUADS,
        )
        assert _quads(store._store) == _quads(expected)
        assert len(store) == loaded > 100


def test_query_gives_variables_and_plain_python_rows(graph, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        store.add_graph(graph)
        variables, rows = store.query(FACTS)
        assert variables == ["s", "p", "o", "n"]
        assert ("China", "block export to", "Japan", 2) in rows
        assert store.query("ASK { ?x a schema:Country }") == (["ask"], [(True,)])
        _, [(iri, missing)] = store.query(
            "SELECT ?e ?nothing WHERE { ?e rdfs:label 'Japan' OPTIONAL { ?e kg:noSuch ?nothing } }"
        )
        assert iri == "https://kg.example.org/id/gpe/Japan" and missing is None


def test_adding_the_same_graph_again_changes_nothing(graph, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        store.add_graph(graph)
        before = _quads(store._store)
        store.add_graph(graph)
        assert _quads(store._store) == before


def test_rebuilt_document_replaces_its_named_graph(nlp, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        store.add_graph(_graph(nlp, ("n1", "2026-01-05", "China blocked exports to Japan.")))
        store.add_graph(_graph(nlp, ("n1", "2026-01-05", "China met Japan.")))
        _, rows = store.query(FACTS)
        assert [r[:3] for r in rows] == [("China", "meet", "Japan")]
        _, [(n,)] = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?x kg:count ?c }")
        assert n == 1  # the dropped fact's aggregates went with it


def test_later_builds_add_to_the_knowledge_base(nlp, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        store.add_graph(_graph(nlp, ("n1", "2026-01-05", "China blocked exports to Japan.")))
        store.add_graph(
            _graph(nlp, ("n2", "2026-01-09", "China blocked exports to Japan. Lee met Takaichi."))
        )
        _, rows = store.query(FACTS)
        assert ("China", "block export to", "Japan", 2) in rows  # evidence of both builds
        assert ("Lee", "meet", "Takaichi", 1) in rows
        _, [(first, last)] = store.query(
            "SELECT ?a ?b WHERE { ?f kg:predicate rel:block_export_to ; "
            "kg:firstSeen ?a ; kg:lastSeen ?b }"
        )
        assert (first, last) == ("2026-01-05", "2026-01-09")
        _, graphs = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        assert graphs == [(str(graph_iri("n1")),), (str(graph_iri("n2")),)]


def test_store_persists_on_disk(graph, tmp_path):
    with EmbeddedStore(tmp_path / "store") as store:
        store.add_graph(graph)
        size = len(store)
    with EmbeddedStore(tmp_path / "store", read_only=True) as store:
        assert len(store) == size


def test_bad_sparql_is_a_store_error(tmp_path):
    with EmbeddedStore(tmp_path / "store") as store, pytest.raises(StoreError, match="syntax"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_second_writer_gets_a_clear_locked_error(tmp_path):
    with EmbeddedStore(tmp_path / "store"), pytest.raises(StoreError, match="locked"):
        EmbeddedStore(tmp_path / "store")


def test_missing_store_read_only_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        EmbeddedStore(tmp_path / "nothing", read_only=True)


def test_closed_store_says_so(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.query("ASK {}")


def test_build_keeps_a_store_that_later_builds_add_to(nlp, tmp_path):
    docs = [
        Document(id="a", text="China blocked exports to Japan."),
        Document(id="b", text="Lee met Takaichi."),
    ]
    build(process(docs[:1], nlp), tmp_path)
    summary = build(process(docs[1:], nlp), tmp_path, formats=["turtle"])
    assert tmp_path / "store" in summary.files
    with EmbeddedStore(tmp_path / "store", read_only=True) as store:
        _, rows = store.query(FACTS)
    assert [r[:3] for r in rows] == [
        ("China", "block export to", "Japan"),
        ("Lee", "meet", "Takaichi"),
    ]


def test_build_without_store(nlp, tmp_path):
    build(
        process([Document(id="a", text="Lee met Takaichi.")], nlp),
        tmp_path,
        formats=["json"],
        store=False,
    )
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_format_results(fmt):
    text = format_results(["who", "n"], [('Lee, "Jae"', 2), ("Kim", None)], format=fmt)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(text))) == [
            ["who", "n"],
            ['Lee, "Jae"', "2"],
            ["Kim", ""],
        ]
    elif fmt == "json":
        assert json.loads(text) == [{"who": 'Lee, "Jae"', "n": 2}, {"who": "Kim", "n": None}]
    else:
        assert text.splitlines()[0].split() == ["who", "n"]
        assert text.splitlines()[2].startswith('Lee, "Jae"  2')


# -- kg query through the real entry point ----------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    result = run_kg("build", str(SAMPLE), "-o", str(out), "--formats", "turtle", "-q")
    assert result.returncode == 0, result.stderr
    return out


def test_kg_query_prints_a_table(built):
    result = run_kg(
        "query",
        "SELECT ?label WHERE { ?c a schema:Country ; rdfs:label ?label } ORDER BY ?label",
        "-d",
        str(built),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0].strip() == "label" and set(lines[1]) == {"-"}
    assert {"China", "Japan", "Russia"} <= {line.strip() for line in lines[2:]}


def test_kg_query_from_file_as_csv_and_json(built, tmp_path):
    rq = tmp_path / "events.rq"
    rq.write_text(
        "SELECT ?type (COUNT(?f) AS ?n) WHERE { ?f sem:eventType ?type } "
        "GROUP BY ?type ORDER BY DESC(?n) ?type"
    )
    as_csv = run_kg("query", "-f", str(rq), "--store", str(built / "store"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout.decode())))
    assert rows and all(r["type"].startswith("https://kg.example.org/plover/") for r in rows)
    as_json = run_kg("query", "-f", str(rq), "-d", str(built), "--format", "json", "-q")
    assert [r["n"] for r in json.loads(as_json.stdout)] == [int(r["n"]) for r in rows]


@pytest.mark.parametrize(
    "args, message",
    [
        (["SELEC nothing"], "SPARQL syntax error"),
        (["ASK {}", "-d", "/nonexistent/dir"], "no store here"),
        ([], "no query given"),
    ],
)
def test_kg_query_errors_are_one_line(built, args, message):
    extra = [] if "-d" in args else ["-d", str(built)]
    result = run_kg("query", *args, *extra)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err and err.count("\n") == 1
