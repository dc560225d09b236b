"""Exporters: the graph -> files, chosen by format name from one registry.

Each format names a pure converter's thin writer as ``module:function`` so
importing :mod:`kg.export` stays cheap; an unknown name raises
:class:`~kg.errors.ExportError` listing the valid ones.

Example:
    >>> get("turtle").suffix
    '.ttl'
    >>> get("tutle")
    Traceback (most recent call last):
    ...
    kg.errors.ExportError: unknown export format 'tutle'; valid formats: ...
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExportError

__all__ = ["FORMATS", "Format", "get", "write"]


@dataclass(frozen=True)
class Format:
    """One export format: its name, file suffix and writer (``module:function``)."""

    name: str
    suffix: str
    writer: str
    description: str
    #: Keyword options the writer takes (``base`` for RDF); callers pass only these.
    options: tuple[str, ...] = ()

    def write(self, graph: Any, path: str | Path, **options: Any) -> Path:
        module, function = self.writer.split(":")
        func = getattr(importlib.import_module(module), function)
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(
                f"{path.parent}: cannot create output directory ({exc.strerror})"
            ) from exc
        func(graph, path, **options)
        return path


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "kg.export.rdf:write_turtle", "RDF Turtle", ("base",)),
        Format("ntriples", ".nt", "kg.export.rdf:write_ntriples", "RDF N-Triples", ("base",)),
        Format("jsonld", ".jsonld", "kg.export.rdf:write_jsonld", "RDF JSON-LD", ("base",)),
        Format("xml", ".rdf", "kg.export.rdf:write_xml", "RDF/XML", ("base",)),
        Format(
            "trig",
            ".trig",
            "kg.export.rdf:write_trig",
            "RDF TriG, one named graph per document",
            ("base",),
        ),
        Format(
            "nquads",
            ".nq",
            "kg.export.rdf:write_nquads",
            "RDF N-Quads, one named graph per document",
            ("base",),
        ),
        Format(
            "graphml",
            ".graphml",
            "kg.export.networkx_formats:write_graphml",
            "GraphML (Gephi, yEd, Cytoscape)",
        ),
        Format("gexf", ".gexf", "kg.export.networkx_formats:write_gexf", "GEXF (Gephi)"),
        Format(
            "json", ".json", "kg.export.networkx_formats:write_node_link", "networkx node-link JSON"
        ),
        Format("html", ".html", "kg.export.html:write_html", "interactive HTML viewer (pyvis)"),
    )
}


def get(name: str) -> Format:
    """The format registered as ``name``."""
    try:
        return FORMATS[name]
    except KeyError:
        valid = ", ".join(sorted(FORMATS))
        raise ExportError(f"unknown export format {name!r}; valid formats: {valid}") from None


def write(graph: Any, path: str | Path, format: str, **options: Any) -> Path:
    """Write ``graph`` to ``path`` in the named ``format``."""
    return get(format).write(graph, path, **options)
