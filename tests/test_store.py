"""The embedded store (a real on-disk pyoxigraph store) and ``kg query``."""

from __future__ import annotations

import base64
import csv
import http.server
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import SAMPLE, run_kg

from kg.build import build
from kg.errors import StoreError
from kg.export.rdf import graph_iri, to_dataset
from kg.graph import build_graph
from kg.pipeline import process
from kg.store import EmbeddedStore, RemoteStore, format_results, push
from kg.types import Document, DocumentResult, Triple

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


# -- remote stores: a real Oxigraph server -----------------------------------------------------

WEIRD_NAMES = [
    'Kim "the Quote" Lee',
    "Brace } DROP ALL ; #",
    "} } DROP ALL",
    "a{b}c",
    "It's'''",
    "back\\slash",
    "new\nline",
    "<Angle>",
    "東京 🙂",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """``oxigraph serve`` on a free local port for the whole session."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).is_success:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[:500]}")
        time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _count(url: str, graph: str) -> int:
    with RemoteStore(url) as remote:
        _, [(n,)] = remote.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
    return n


@pytest.fixture(scope="module")
def small_store(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "store"
    with EmbeddedStore(path) as store:
        store.add_graph(
            _graph(
                nlp,
                ("n1", "2026-01-05", "China blocked exports to Japan. Lee met Takaichi in Seoul."),
            )
        )
        triples = len(store)
    return path, triples


@pytest.mark.server
@pytest.mark.parametrize("method", ["gsp", "update", "auto"])
def test_push_loads_the_build_and_repush_does_not_duplicate(oxigraph_server, small_store, method):
    path, triples = small_store
    graph = f"https://example.org/test/{method}"
    assert push(path, oxigraph_server, graph=graph, method=method) == (
        triples,
        "update" if method == "update" else "gsp",
    )
    assert _count(oxigraph_server, graph) == triples
    push(path, oxigraph_server, graph=graph, method=method)
    assert _count(oxigraph_server, graph) == triples


@pytest.mark.server
def test_remote_query_knows_kg_prefixes(oxigraph_server, small_store):
    graph = "https://example.org/test/prefixes"
    push(small_store[0], oxigraph_server, graph=graph)
    with RemoteStore(oxigraph_server) as remote:
        _, rows = remote.query(
            f"SELECT ?type WHERE {{ GRAPH <{graph}> {{ ?f kg:predicate rel:block_export_to ; "
            "sem:eventType ?type } }"
        )
        assert rows == [("https://kg.example.org/plover/SANCTION",)]
        with pytest.raises(StoreError, match="HTTP 400"):
            remote.query("SELEC nothing")


@pytest.mark.server
def test_push_falls_back_to_sparql_update_without_a_graph_store(oxigraph_server, small_store):
    path, triples = small_store
    graph = "https://example.org/test/fallback"
    used = push(path, oxigraph_server, graph=graph, gsp_url=f"{oxigraph_server}/no-such-service")
    assert used == (triples, "update")
    assert _count(oxigraph_server, graph) == triples


@pytest.mark.server
def test_push_replaces_only_its_own_graph(oxigraph_server, small_store):
    path, triples = small_store
    push(path, oxigraph_server, graph="https://example.org/test/keep")
    push(path, oxigraph_server, graph="https://example.org/test/other", method="update")
    assert _count(oxigraph_server, "https://example.org/test/keep") == triples


@pytest.mark.server
def test_names_with_sparql_syntax_cannot_inject(oxigraph_server, tmp_path):
    canary = "https://example.org/test/canary"
    with RemoteStore(oxigraph_server) as remote:
        remote.put_graph(b"<urn:a> <urn:b> <urn:c> .\n", canary, method="update")
    result = DocumentResult(
        Document(id='doc "1" } DROP ALL', text="x", date="2026-01-01"),
        1,
        tuple(
            Triple(
                doc='doc "1" } DROP ALL',
                sentence=i,
                text=f"{a} met {b}.",
                subject=a,
                subject_type="PERSON",
                subject_text=a,
                relation="met } DROP ALL",
                predicate="meet } DROP ALL",
                object=b,
                object_type="PERSON",
                object_text=b,
                location=b,
                attributed_to=a,
            )
            for i, (a, b) in enumerate(zip(WEIRD_NAMES, WEIRD_NAMES[1:], strict=False))
        ),
    )
    path = tmp_path / "store"
    with EmbeddedStore(path) as store:
        store.add_graph(build_graph([result]))
        triples = len(store)
    graph = "https://example.org/test/weird"
    for method in ("update", "gsp"):
        assert push(path, oxigraph_server, graph=graph, method=method)[0] == triples
        assert _count(oxigraph_server, graph) == triples
        assert _count(oxigraph_server, canary) == 1
    with RemoteStore(oxigraph_server) as remote:
        _, rows = remote.query(
            f"SELECT ?l WHERE {{ GRAPH <{graph}> {{ ?p a "
            "<https://kg.example.org/vocab#Person> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
        )
    assert {label for (label,) in rows} == set(WEIRD_NAMES)


class _Refuse(http.server.BaseHTTPRequestHandler):
    """Answers every request with the status the server was made with."""

    def _answer(self) -> None:
        self.server.seen.append(self.headers.get("Authorization"))  # type: ignore[attr-defined]
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.server.status == 0:  # type: ignore[attr-defined]
            time.sleep(2)  # a server that hangs: the client's timeout must fire first
            return
        body = b"no such thing\nsecond line"
        self.send_response(self.server.status)  # type: ignore[attr-defined]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = do_GET = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def refusing_server():
    servers = []

    def start(status: int) -> tuple[str, list]:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
        server.status, server.seen = status, []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", server.seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.server
def test_unreachable_endpoint_is_one_clear_error(small_store):
    with pytest.raises(StoreError, match="cannot connect") as info:
        push(small_store[0], f"http://127.0.0.1:{_free_port()}")
    assert "\n" not in str(info.value)


@pytest.mark.server
def test_hanging_server_times_out(small_store, refusing_server):
    url, _ = refusing_server(0)
    started = time.monotonic()
    with pytest.raises(StoreError, match="timed out"):
        push(small_store[0], url, timeout=0.3)
    assert time.monotonic() - started < 1.5


@pytest.mark.server
def test_401_says_not_authorised_and_sends_basic_auth(small_store, refusing_server):
    url, seen = refusing_server(401)
    with pytest.raises(StoreError, match="HTTP 401, not authorised"):
        push(small_store[0], url, user="kg", password="s3cret")
    assert seen == ["Basic " + base64.b64encode(b"kg:s3cret").decode()]


@pytest.mark.server
@pytest.mark.parametrize("method", ["gsp", "update"])
def test_server_error_is_one_line_with_status(small_store, refusing_server, method):
    url, _ = refusing_server(500)
    with pytest.raises(StoreError, match="HTTP 500") as info:
        push(small_store[0], url, method=method)
    assert "\n" not in str(info.value) and "no such thing" in str(info.value)


def test_bad_graph_iri_is_refused_before_sending(small_store):
    with pytest.raises(StoreError, match="not an absolute IRI"):
        push(small_store[0], "http://127.0.0.1:9", graph="graph> DROP ALL <x")


@pytest.mark.server
def test_kg_push_command(oxigraph_server, built):
    graph = "https://example.org/test/cli"
    result = run_kg("push", "--endpoint", oxigraph_server, "-d", str(built), "--graph", graph)
    assert result.returncode == 0, result.stderr
    assert b"graph store protocol" in result.stderr
    with EmbeddedStore(built / "store", read_only=True) as store:
        assert _count(oxigraph_server, graph) == len(store)
    query = run_kg(
        "query",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
        "--endpoint",
        oxigraph_server,
        "--format",
        "csv",
        "-q",
    )
    assert query.stdout.decode().split() == ["n", str(_count(oxigraph_server, graph))]


@pytest.mark.server
def test_kg_push_error_is_one_line(built):
    result = run_kg("push", "--endpoint", f"http://127.0.0.1:{_free_port()}", "-d", str(built))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "cannot connect" in err and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("command", ["query", "push"])
def test_help_has_an_example(command):
    result = run_kg(command, "--help")
    assert result.returncode == 0 and b"examples:" in result.stdout


def test_kg_query_reads_standard_input(built):
    result = run_kg(
        "query",
        "-f",
        "-",
        "-d",
        str(built),
        "--format",
        "json",
        "-q",
        stdin=b"SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:Fact }",
    )
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["n"] > 10
