"""GraphML, GEXF and node-link JSON: written by kg, loaded back by networkx."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg import export
from kg.errors import ExportError
from kg.export.networkx_formats import to_flat_graph
from kg.graph import build_graph
from kg.pipeline import process
from kg.types import Document

DOCS = [
    Document(
        id="n1",
        date="2026-01-05",
        title="Leaders meet",
        text="Lee Jae-myung met Sanae Takaichi in Tokyo. China blocked exports to Japan.",
    ),
    Document(
        id="n2",
        date="2026-01-09",
        text="Beijing blocked exports to Japan. China met Japan. China did not meet Japan.",
    ),
]

READERS = {
    "graphml": nx.read_graphml,
    "gexf": nx.read_gexf,
    "json": lambda path: nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges"),
}


@pytest.fixture(scope="module")
def graph(nlp):
    g = build_graph(process(DOCS, nlp))
    assert g.number_of_edges("GPE:China", "GPE:Japan") >= 2  # parallel edges: a multigraph
    return g


@pytest.mark.parametrize("name", sorted(READERS))
def test_format_loads_back_with_same_nodes_and_edges(graph, tmp_path, name):
    path = export.write(graph, tmp_path / f"graph{export.get(name).suffix}", name)
    back = READERS[name](path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert set(map(str, back.nodes)) == set(graph.nodes)
    assert back.is_directed() and back.is_multigraph()
    assert set(back.edges(keys=True)) == set(graph.edges(keys=True))


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_list_and_dict_attributes_survive_as_json_strings(graph, tmp_path, name):
    path = export.write(graph, tmp_path / f"graph{export.get(name).suffix}", name)
    back = READERS[name](path)
    u, v, key, data = next(iter(graph.edges(keys=True, data=True)))
    [got] = [
        d for _, _, d in back.edges(u, data=True) if json.loads(d["evidence"]) == data["evidence"]
    ]
    assert got["predicate"] == data["predicate"]
    assert got["count"] == data["count"]
    japan = back.nodes["GPE:Japan"]
    assert json.loads(japan["aliases"]) == graph.nodes["GPE:Japan"]["aliases"]
    assert json.loads(japan["docs"]) == ["n1", "n2"]


def test_graphml_keeps_the_document_register(graph, tmp_path):
    back = nx.read_graphml(export.write(graph, tmp_path / "g.graphml", "graphml"))
    assert json.loads(back.graph["documents"]) == graph.graph["documents"]


def test_node_link_json_keeps_attributes_native(graph, tmp_path):
    back = READERS["json"](export.write(graph, tmp_path / "g.json", "json"))
    assert back.graph["documents"] == graph.graph["documents"]
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert back.edges[u, v, key] == data


def test_flat_graph_has_only_scalars_and_leaves_the_input_alone(graph):
    before = json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True)
    flat = to_flat_graph(graph)
    for _, data in flat.nodes(data=True):
        assert all(isinstance(x, (str, int, float, bool)) for x in data.values())
    for *_, data in flat.edges(data=True):
        assert all(isinstance(x, (str, int, float, bool)) for x in data.values())
    assert json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True) == before


def test_unwritable_path_is_an_export_error(graph, tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(ExportError):
        export.write(graph, tmp_path / "file" / "g.graphml", "graphml")
