"""Graph-tool formats: GraphML, GEXF and networkx node-link JSON.

GraphML and GEXF attributes are scalars only, so :func:`to_flat_graph` writes
every list or dict attribute (``aliases``, ``roles``, ``evidence``, the
``documents`` register) as a JSON string and drops ``None`` values; node-link
JSON keeps them native. Each file loads back with networkx
(``read_graphml``, ``read_gexf``, ``node_link_graph``) as a graph with the
same nodes and edges.

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(documents={"d": {"date": None}})
    >>> g.add_edge("GPE:China", "GPE:Japan", key="block|0|0", evidence=[{"doc": "d"}], event=None)
    'block|0|0'
    >>> flat = to_flat_graph(g)
    >>> flat.edges["GPE:China", "GPE:Japan", "block|0|0"], flat.graph["documents"]
    ({'evidence': '[{"doc": "d"}]'}, '{"d": {"date": null}}')
    >>> to_node_link(g)["edges"][0]["evidence"]
    [{'doc': 'd'}]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ExportError

__all__ = ["to_flat_graph", "to_node_link", "write_gexf", "write_graphml", "write_node_link"]


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, dict, set)):
            value = json.dumps(
                sorted(value) if isinstance(value, set) else value,
                ensure_ascii=False,
                sort_keys=True,
            )
        elif isinstance(value, float):
            value = float(value)
        elif not isinstance(value, (str, int, bool)):
            value = str(value)
        out[name] = value
    return out


def to_flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose attributes are all scalars (JSON strings for lists and dicts).

    ``confidence`` is always a float, so GraphML declares one type per attribute.
    """
    flat = nx.MultiDiGraph(**_flat(graph.graph))
    for n, data in graph.nodes(data=True):
        flat.add_node(n, **_flat(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = _flat(data)
        if "confidence" in attrs:
            attrs["confidence"] = float(attrs["confidence"])
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx node-link data (``edges`` key), attributes native."""
    return nx.node_link_data(graph, edges="edges")


def _write(path: str | Path, what: str, write: Any) -> None:
    try:
        write()
    except OSError as exc:
        raise ExportError(f"{path}: cannot write {what} ({exc.strerror})") from exc


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML (``.graphml``); read back with ``networkx.read_graphml``."""
    _write(path, "GraphML", lambda: nx.write_graphml(to_flat_graph(graph), str(path)))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """GEXF 1.2 (``.gexf``) for Gephi; read back with ``networkx.read_gexf``.

    GEXF has no graph-level attributes: the ``documents`` register is not written.
    """
    flat = to_flat_graph(graph)
    flat.graph.clear()
    _write(path, "GEXF", lambda: nx.write_gexf(flat, str(path)))


def write_node_link(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Node-link JSON (``.json``); read back with ``node_link_graph(data, edges="edges")``."""

    def dump() -> None:
        with Path(path).open("w", encoding="utf-8") as handle:
            json.dump(to_node_link(graph), handle, ensure_ascii=False)

    _write(path, "node-link JSON", dump)
