"""HTML viewer (minimal first version; grows into the full viewer)."""

from __future__ import annotations

import html
from pathlib import Path

import networkx as nx


def write_html(graph: nx.MultiDiGraph, path: Path, **options) -> None:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for nid, data in graph.nodes(data=True):
        net.add_node(nid, label=data.get("label", nid), title=html.escape(data.get("type", "")))
    for u, v, data in graph.edges(data=True):
        net.add_edge(u, v, label=data.get("relation", ""))
    path.write_text(net.generate_html(), encoding="utf-8")
