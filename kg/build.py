"""``kg build``: stream results into triples.jsonl and the graph, then export.

Example:
    >>> import tempfile, kg.nlp
    >>> from kg.pipeline import process
    >>> from kg.types import Document
    >>> out = tempfile.mkdtemp()
    >>> s = build(process([Document(id="d", text="Lee met Takaichi.")], kg.nlp.load()), out)
    >>> s.documents, s.triples, {'graph.html', 'graph.ttl'} <= {p.name for p in s.files}
    (1, 1, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import export
from .errors import ExportError
from .export.rdf import check_base
from .graph import add_result, new_graph
from .io import write_jsonl
from .types import DocumentResult

#: Formats ``kg build`` writes by default, each as ``graph<suffix>``.
DEFAULT_FORMATS: tuple[str, ...] = tuple(export.FORMATS)


@dataclass
class BuildSummary:
    """What a build read and wrote."""

    output: Path
    documents: int = 0
    sentences: int = 0
    triples: int = 0
    graph: nx.MultiDiGraph = field(default_factory=new_graph)
    files: list[Path] = field(default_factory=list)

    def describe(self, seconds: float | None = None) -> str:
        g = self.graph
        lines = [
            f"documents  {self.documents}",
            f"sentences  {self.sentences}",
            f"entities   {g.number_of_nodes()}",
            f"triples    {self.triples} ({g.number_of_edges()} distinct facts)",
            "files",
            *(f"  {p}" for p in self.files),
        ]
        if seconds is not None:
            lines.append(f"took {seconds:.1f} s")
        names = {p.name for p in self.files}
        if "graph.html" in names:
            lines.append(f"next: open {self.output / 'graph.html'} in a browser")
        if "store" in names:
            lines.append(
                "      kg query 'SELECT ?a ?b WHERE { ?x rel:meet ?y . "
                f"?x rdfs:label ?a . ?y rdfs:label ?b }}' -d {self.output}"
            )
        return "\n".join(lines)


def build(
    results: Iterable[DocumentResult],
    output: str | Path,
    *,
    formats: Iterable[str] | None = None,
    base: str | None = None,
    store: bool = True,
) -> BuildSummary:
    """Write ``triples.jsonl`` while the results stream, then every export of the graph.

    ``base`` is the base IRI of the RDF exports' instance IRIs (default
    :data:`kg.export.rdf.DEFAULT_BASE`); it is checked before any work. With
    ``store``, the graph is also loaded into the embedded store ``output/store``
    (:class:`kg.store.EmbeddedStore`), replacing the named graphs of the
    documents built again and keeping the others.
    """
    out = Path(output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create output directory ({exc.strerror})") from exc
    names = list(formats) if formats else list(DEFAULT_FORMATS)
    chosen = [export.get(name) for name in names]  # unknown names fail before any work
    options = {"base": check_base(base)} if base else {}
    summary = BuildSummary(output=out)
    triples_path = out / "triples.jsonl"
    with triples_path.open("w", encoding="utf-8") as handle:
        for result in results:
            summary.documents += 1
            summary.sentences += result.sentences
            summary.triples += write_jsonl((t.to_dict() for t in result.triples), handle)
            add_result(summary.graph, result)
    summary.files.append(triples_path)
    for fmt in chosen:
        summary.files.append(
            fmt.write(
                summary.graph,
                out / f"graph{fmt.suffix}",
                **{k: v for k, v in options.items() if k in fmt.options},
            )
        )
    if store:
        from .store import EmbeddedStore

        with EmbeddedStore(out / "store") as embedded:
            embedded.add_graph(summary.graph, **options)
        summary.files.append(out / "store")
    return summary
