"""Triple stores: the embedded on-disk store of a build, and remote SPARQL 1.1 stores.

:class:`EmbeddedStore` is a pyoxigraph store in a folder (``kg build`` keeps one
at ``DIR/store``). :meth:`EmbeddedStore.add_graph` loads a graph's RDF (see
:func:`kg.export.rdf.to_dataset`) *replacing* each document's named graph, so
building again adds to the knowledge base without duplicating it; the
aggregates (``kg:count``, ``kg:confidence``, ``kg:firstSeen``, ``kg:lastSeen``)
are then recomputed from the evidence of every document in the store.
:meth:`EmbeddedStore.query` answers SPARQL with no server: the default graph
is the union of all graphs and kg's prefixes (:data:`kg.export.vocab.PREFIXES`)
are predeclared.

:class:`RemoteStore` speaks to any SPARQL 1.1 server over HTTP (httpx):
:meth:`RemoteStore.put_graph` replaces one named graph with the Graph Store
HTTP Protocol (``PUT ?graph=IRI``), falling back to SPARQL Update
(``DROP SILENT GRAPH`` + ``INSERT DATA``, every term written by rdflib's
``.n3()``, never by pasting text); :func:`push` sends a build there.

Every failure of pyoxigraph or of the network becomes one :class:`~kg.errors.StoreError`.

Example:
    >>> import tempfile, kg.nlp
    >>> from kg.graph import build_graph
    >>> from kg.pipeline import process
    >>> from kg.types import Document
    >>> doc = Document(id="d", text="China blocked exports to Japan.")
    >>> g = build_graph(process([doc], kg.nlp.load()))
    >>> with EmbeddedStore(tempfile.mkdtemp()) as store:
    ...     _ = store.add_graph(g)
    ...     store.query("SELECT ?type WHERE { ?f kg:subject ?s ; sem:eventType ?type }")
    (['type'], [('https://kg.example.org/plover/SANCTION',)])
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import networkx as nx

from .errors import StoreError
from .export.rdf import DEFAULT_BASE, to_dataset
from .export.vocab import KG, PREFIXES

__all__ = [
    "DEFAULT_GRAPH",
    "EmbeddedStore",
    "RemoteStore",
    "format_results",
    "push",
    "read_query",
]

#: The named graph ``kg push`` replaces unless told another.
DEFAULT_GRAPH = DEFAULT_BASE + "graph"

#: Output formats of :func:`format_results`.
RESULT_FORMATS = ("table", "csv", "json")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    f"{_XSD}{t}"
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOATS = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}
# characters an IRI may not contain (RFC 3987) plus whitespace
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')

_PREFIX_LINES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

# After document graphs are replaced, the default graph is brought in line with
# the evidence left in all of them: facts no document states any more and their
# direct edges go, and what is derived from evidence (count, confidence,
# timestamps, places, first/last seen) is derived again. GRAPH ?g ranges over
# the document graphs; a bare pattern is the store's default graph.
_RECOMPUTE = (
    _PREFIX_LINES
    + """
DELETE { ?f ?p ?o } WHERE {
  ?f a kg:Fact ; ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?f prov:qualifiedDerivation ?ev } } } ;
DELETE { ?s ?rel ?o } WHERE {
  ?rel rdfs:subPropertyOf kg:relatedTo . ?s ?rel ?o
  FILTER NOT EXISTS { ?f kg:subject ?s ; kg:predicate ?rel ; kg:object ?o ;
                         kg:negated false ; kg:hypothetical false } } ;
DELETE WHERE { ?x kg:count ?c } ;
DELETE WHERE { ?x kg:confidence ?c } ;
DELETE WHERE { ?x kg:firstSeen ?d } ;
DELETE WHERE { ?x kg:lastSeen ?d } ;
DELETE WHERE { ?x sem:hasTimeStamp ?d } ;
DELETE WHERE { ?x sem:hasPlace ?p } ;
INSERT { ?f kg:count ?n ; kg:confidence ?conf } WHERE {
  SELECT ?f (COUNT(DISTINCT ?ev) AS ?n) (MAX(?c) AS ?conf)
  WHERE { GRAPH ?g { ?f prov:qualifiedDerivation ?ev OPTIONAL { ?ev kg:confidence ?c } } }
  GROUP BY ?f } ;
INSERT { ?f sem:hasTimeStamp ?t } WHERE { GRAPH ?g {
  ?f prov:qualifiedDerivation/prov:entity/dcterms:isPartOf/schema:datePublished ?t } } ;
INSERT { ?f sem:hasPlace ?p } WHERE { GRAPH ?g { ?f prov:qualifiedDerivation/kg:place ?p } } ;
INSERT { ?f kg:firstSeen ?first ; kg:lastSeen ?last } WHERE {
  SELECT ?f (MIN(?t) AS ?first) (MAX(?t) AS ?last)
  WHERE { ?f a kg:Fact ; sem:hasTimeStamp ?t } GROUP BY ?f } ;
INSERT { ?e kg:firstSeen ?first ; kg:lastSeen ?last } WHERE {
  SELECT ?e (MIN(?t) AS ?first) (MAX(?t) AS ?last)
  WHERE { GRAPH ?g { ?doc schema:mentions ?e ; schema:datePublished ?t } } GROUP BY ?e }
"""
)


def _plain(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value: IRIs and strings as ``str``, numbers, booleans."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == f"{_XSD}boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def _results(result: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(bool(result),)]
    if isinstance(result, ox.QueryTriples):
        return (
            ["subject", "predicate", "object"],
            [(_plain(t.subject), _plain(t.predicate), _plain(t.object)) for t in result],
        )
    variables = [v.value for v in result.variables]
    return variables, [tuple(_plain(value) for value in solution) for solution in result]


class EmbeddedStore:
    """A persistent pyoxigraph store in the folder ``path`` (created when missing).

    One process at a time may open a store for writing; a second open raises
    :class:`~kg.errors.StoreError`. ``read_only=True`` opens an existing store
    for queries only.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.is_dir():
            raise StoreError(f"{self.path}: no store here (kg build -o DIR makes DIR/store)")
        try:
            self._store = (
                ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
            )
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"{self.path}: the store is open in another process "
                    "(locked); close it and try again"
                ) from exc
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (and its lock)."""
        store = self.__dict__.pop("_store", None)
        if store is not None and not self.read_only:
            try:
                store.flush()
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"{self.path}: cannot write the store ({exc})") from exc

    def __len__(self) -> int:
        return len(self._open())

    def _open(self) -> Any:
        try:
            return self._store
        except AttributeError:
            raise StoreError(f"{self.path}: the store is closed") from None

    def add_graph(self, graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> int:
        """Load ``graph``'s RDF, replacing the named graph of each of its documents.

        The default graph (vocabulary, entities) is added to; entity
        ``kg:mentions`` take the new value; fact and entity aggregates are then
        recomputed over all documents in the store.

        Returns:
            The number of quads loaded.
        """
        import pyoxigraph as ox
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        store = self._open()
        ds = to_dataset(graph, base=base)
        default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
        data = ds.serialize(format="nquads", encoding="utf-8")
        try:
            for g in ds.graphs():
                if g.identifier != DATASET_DEFAULT_GRAPH_ID:
                    name = ox.NamedNode(str(g.identifier))
                    if store.contains_named_graph(name):
                        store.remove_graph(name)
            mentions = ox.NamedNode(str(KG.mentions))
            for subject in set(default.subjects(KG.mentions)):
                for quad in list(
                    store.quads_for_pattern(
                        ox.NamedNode(str(subject)), mentions, None, ox.DefaultGraph()
                    )
                ):
                    store.remove(quad)
            store.load(input=data, format=ox.RdfFormat.N_QUADS)
            store.update(_RECOMPUTE)
            store.flush()
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: cannot load the graph ({exc})") from exc
        return sum(len(g) for g in ds.graphs())

    def query(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Answer a SPARQL query: ``(variables, rows)`` of plain Python values.

        IRIs and strings come back as ``str``, numbers as ``int``/``float``,
        booleans as ``bool``, unbound values as ``None``. An ``ASK`` gives
        ``(["ask"], [(bool,)])``; a ``CONSTRUCT`` one row per triple.
        """
        store = self._open()
        try:
            result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
            return _results(result)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"SPARQL query failed: {exc}") from exc

    def ntriples(self) -> bytes:
        """Every triple of every graph, merged, as N-Triples."""
        import pyoxigraph as ox

        try:
            triples = self._open().query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            return triples.serialize(format=ox.RdfFormat.N_TRIPLES)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: cannot read the store ({exc})") from exc


def read_query(text: str | None = None, *, file: str | Path | None = None) -> str:
    """The query given inline or in ``file`` (``-`` for standard input is the CLI's job)."""
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"{file}: cannot read the query ({exc})") from exc
    if not text or not text.strip():
        raise StoreError("no query given: pass it as an argument or with -f FILE.rq")
    return text


def format_results(
    variables: Sequence[str], rows: Iterable[Sequence[Any]], *, format: str = "table"
) -> str:
    """Query results as an aligned text table, CSV or JSON (a list of objects).

    Example:
        >>> print(format_results(["actor", "n"], [("China", 3), ("Japan", None)]))
        actor  n
        -----  -
        China  3
        Japan
    """
    rows = [tuple(r) for r in rows]
    if format == "json":
        records = [dict(zip(variables, r, strict=True)) for r in rows]
        return json.dumps(records, ensure_ascii=False, indent=2)
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(["" if v is None else v for v in r] for r in rows)
        return out.getvalue().rstrip("\n")
    if format != "table":
        raise StoreError(f"unknown result format {format!r}; valid: {', '.join(RESULT_FORMATS)}")
    cells = [list(variables)] + [
        ["" if v is None else str(v).replace("\n", " ") for v in r] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(variables))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- remote stores -----------------------------------------------------------------------------


def _check_iri(iri: str, what: str) -> str:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) or _BAD_IRI.search(iri):
        raise StoreError(f"{what} {iri!r} is not an absolute IRI")
    return iri


class RemoteStore:
    """A SPARQL 1.1 server: Graph Store HTTP Protocol, Update and Query over httpx.

    ``endpoint`` is the server's root; the services default to Oxigraph's
    paths (``/store``, ``/update``, ``/query``) and each can be given whole
    (Fuseki: ``gsp_url=.../ds/data``, ``update_url=.../ds/update``).
    """

    def __init__(
        self,
        endpoint: str,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        gsp_url: str | None = None,
        update_url: str | None = None,
        query_url: str | None = None,
    ) -> None:
        import httpx

        if not re.match(r"https?://", endpoint):
            raise StoreError(f"endpoint {endpoint!r} is not an http(s) URL")
        root = endpoint.rstrip("/")
        self.gsp_url = gsp_url or f"{root}/store"
        self.update_url = update_url or f"{root}/update"
        self.query_url = query_url or f"{root}/query"
        auth = httpx.BasicAuth(user, password or "") if user else None
        self._client = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout, connect=10.0))

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _send(self, method: str, url: str, **kwargs: Any) -> Any:
        import httpx

        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise StoreError(f"{url}: timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: cannot connect ({exc})") from exc
        if response.status_code in (401, 403):
            raise StoreError(
                f"{url}: HTTP {response.status_code}, not authorised (check --user and --password)"
            )
        return response

    @staticmethod
    def _fail(response: Any) -> StoreError:
        body = " ".join(response.text.split())[:200]
        return StoreError(
            f"{response.request.url}: HTTP {response.status_code} "
            f"{response.reason_phrase}" + (f": {body}" if body else "")
        )

    def put_graph(self, data: bytes, graph: str = DEFAULT_GRAPH, *, method: str = "auto") -> str:
        """Replace the named graph ``graph`` with the N-Triples ``data``.

        ``method`` is ``gsp`` (Graph Store HTTP Protocol PUT), ``update``
        (SPARQL Update) or ``auto`` (the first, then the second when the server
        has no graph store service). Returns the method used.
        """
        _check_iri(graph, "graph IRI")
        if method not in ("auto", "gsp", "update"):
            raise StoreError(f"unknown push method {method!r}; valid: auto, gsp, update")
        if method in ("auto", "gsp"):
            response = self._send(
                "PUT",
                self.gsp_url,
                params={"graph": graph},
                content=data,
                headers={"Content-Type": "application/n-triples"},
            )
            if response.is_success:
                return "gsp"
            if method == "gsp" or response.status_code not in (404, 405, 415, 501):
                raise self._fail(response)
        for request in _update_requests(data, graph):
            response = self._send(
                "POST",
                self.update_url,
                content=request.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update"},
            )
            if not response.is_success:
                raise self._fail(response)
        return "update"

    def query(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """SPARQL query over the protocol; SELECT and ASK results as :meth:`EmbeddedStore.query`.

        kg's prefixes are declared ahead of the query, as in the embedded store
        (a query's own ``PREFIX`` lines come later and win).
        """
        import pyoxigraph as ox

        response = self._send(
            "POST",
            self.query_url,
            content=(_PREFIX_LINES + sparql).encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        if not response.is_success:
            raise self._fail(response)
        try:
            result = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.query_url}: not SPARQL JSON results ({exc})") from exc
        return _results(result)


def _update_requests(data: bytes, graph: str, *, batch: int = 2000) -> Iterable[str]:
    """``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches, every term serialised by rdflib."""
    from rdflib import Graph, URIRef

    parsed = Graph().parse(data=data, format="nt")
    name = URIRef(graph).n3()
    triples = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in parsed]
    yield f"DROP SILENT GRAPH {name}" + (
        f" ;\nINSERT DATA {{ GRAPH {name} {{\n" + "\n".join(triples[:batch]) + "\n} }"
        if triples
        else ""
    )
    for start in range(batch, len(triples), batch):
        yield (
            f"INSERT DATA {{ GRAPH {name} {{\n"
            + "\n".join(triples[start : start + batch])
            + "\n} }"
        )


def push(
    store_path: str | Path,
    endpoint: str,
    *,
    graph: str = DEFAULT_GRAPH,
    user: str | None = None,
    password: str | None = None,
    method: str = "auto",
    timeout: float = 30.0,
    **urls: str | None,
) -> tuple[int, str]:
    """Push the embedded store at ``store_path`` (all graphs merged) into ``graph`` at ``endpoint``.

    The named graph is replaced, so pushing again does not duplicate.
    ``password`` defaults to ``$KG_STORE_PASSWORD``. Returns (triples, method used).
    """
    with EmbeddedStore(store_path, read_only=True) as store:
        data = store.ntriples()
    password = password if password is not None else os.environ.get("KG_STORE_PASSWORD")
    with RemoteStore(endpoint, user=user, password=password, timeout=timeout, **urls) as remote:
        used = remote.put_graph(data, graph, method=method)
    return data.count(b"\n"), used
