"""The HTML viewer: the converter's data, the page's safety, and the page in a real browser.

Browser tests drive Debian's Chromium (``/usr/bin/chromium``, ``make browser``)
through Playwright, offline, and read the rendered network back from the page
(``window.kgNetwork`` is the vis.js network). Set ``KG_UPDATE_SCREENSHOT=1`` to
also copy the sample graph's screenshot to ``docs/screenshot.png``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from conftest import ROOT, SAMPLE, run_kg

from kg.errors import ExportError
from kg.export import html as viewer
from kg.graph import build_graph
from kg.types import Document, DocumentResult, Entity, Role, Triple

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def fact(
    doc: str,
    subject: str,
    obj: str,
    relation: str = "met",
    predicate: str = "meet",
    *,
    sentence: int = 0,
    text: str | None = None,
    subject_type: str = "PERSON",
    object_type: str = "PERSON",
    **extra,
) -> Triple:
    return Triple(
        doc=doc,
        sentence=sentence,
        text=text or f"{subject} {relation} {obj}.",
        subject=subject,
        subject_type=subject_type,
        subject_text=subject,
        relation=relation,
        predicate=predicate,
        object=obj,
        object_type=object_type,
        object_text=obj,
        **extra,
    )


def result(doc: str, *triples: Triple, entities: tuple[Entity, ...] = (), **meta) -> DocumentResult:
    return DocumentResult(
        Document(id=doc, text="", **meta), sentences=3, triples=triples, entities=entities
    )


@pytest.fixture
def small_graph() -> nx.MultiDiGraph:
    """Two leaders and a country: parallel facts, a negated and a hypothetical one."""
    lee = Entity(
        "Lee Jae-myung",
        "PERSON",
        country="KOR",
        aliases=("Lee",),
        roles=(Role("president", "South Korea", "d1", "2025-10-30"),),
        mentions=3,
    )
    return build_graph(
        [
            result(
                "d1",
                fact(
                    "d1",
                    "Lee Jae-myung",
                    "Sanae Takaichi",
                    event="CONSULT",
                    quad="verbal_cooperation",
                    text="Lee met Takaichi in Gyeongju.",
                ),
                fact(
                    "d1",
                    "Lee Jae-myung",
                    "Sanae Takaichi",
                    "criticised",
                    "criticise",
                    sentence=1,
                    event="ACCUSE",
                    quad="verbal_conflict",
                ),
                fact(
                    "d1",
                    "China",
                    "Japan",
                    "blocked exports to",
                    "block export to",
                    sentence=2,
                    subject_type="GPE",
                    object_type="GPE",
                    event="SANCTION",
                    quad="material_conflict",
                ),
                entities=(lee,),
                date="2025-10-30",
                title="Leaders meet",
                url="https://example.org/news/1?a=1&b=2",
            ),
            result(
                "d2",
                fact(
                    "d2",
                    "Lee Jae-myung",
                    "Sanae Takaichi",
                    event="CONSULT",
                    quad="verbal_cooperation",
                    text="Lee and Takaichi met again.",
                ),
                fact(
                    "d2",
                    "Sanae Takaichi",
                    "Lee Jae-myung",
                    "did not meet",
                    "meet",
                    sentence=1,
                    negated=True,
                    event="CONSULT",
                    quad="verbal_cooperation",
                ),
                fact(
                    "d2",
                    "China",
                    "Japan",
                    "could sanction",
                    "sanction",
                    sentence=2,
                    hypothetical=True,
                    subject_type="GPE",
                    object_type="GPE",
                    event="SANCTION",
                    quad="material_conflict",
                ),
                date="2025-11-02",
                url="javascript:alert(1)",
            ),
        ]
    )


# -- the converter -------------------------------------------------------------------------


def test_vis_data_has_every_node_and_edge_of_the_graph(small_graph):
    data = viewer.to_vis_data(small_graph)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(small_graph.nodes)
    assert len(data["edges"]) == small_graph.number_of_edges() == 5
    assert {(e["from"], e["to"]) for e in data["edges"]} == set(small_graph.edges())
    assert data["stats"]["documents"] == 2 and data["stats"]["dropped_nodes"] == 0


def test_nodes_are_coloured_by_type_and_sized_by_mentions_or_degree(small_graph):
    nodes = {n["id"]: n for n in viewer.to_vis_data(small_graph)["nodes"]}
    lee = nodes["PERSON:Lee Jae-myung"]
    assert lee["color"] == viewer.ENTITY_COLORS["PERSON"] != nodes["GPE:China"]["color"]
    assert lee["value"] == lee["mentions"] == 3
    assert lee["roles"] == [
        {"title": "president", "of": "South Korea", "doc": "d1", "date": "2025-10-30"}
    ]
    assert lee["country"] == "KOR" and lee["aliases"] == ["Lee"]
    by_degree = {n["id"]: n for n in viewer.to_vis_data(small_graph, size_by="degree")["nodes"]}
    assert by_degree["PERSON:Lee Jae-myung"]["value"] == small_graph.degree("PERSON:Lee Jae-myung")


def test_edges_show_quad_colour_status_dashes_and_evidence_width(small_graph):
    edges = {(e["from"], e["key"]): e for e in viewer.to_vis_data(small_graph)["edges"]}
    met = edges["PERSON:Lee Jae-myung", "meet|0|0"]
    assert met["count"] == 2 and met["dashes"] is False
    assert met["color"] == viewer.QUAD_COLORS["verbal_cooperation"]
    once = edges["PERSON:Lee Jae-myung", "criticise|0|0"]
    assert once["color"] == viewer.QUAD_COLORS["verbal_conflict"] and met["width"] > once["width"]
    negated = edges["PERSON:Sanae Takaichi", "meet|1|0"]
    hypothetical = edges["GPE:China", "sanction|0|1"]
    assert negated["dashes"] and hypothetical["dashes"]
    assert negated["dashes"] != hypothetical["dashes"]
    assert negated["faded"] and hypothetical["faded"] and not met["faded"]
    assert [e["text"] for e in met["evidence"]] == [
        "Lee met Takaichi in Gyeongju.",
        "Lee and Takaichi met again.",
    ]


def test_parallel_edges_between_a_pair_are_drawn_on_distinct_curves(small_graph):
    edges = viewer.to_vis_data(small_graph)["edges"]
    pair = [
        e
        for e in edges
        if {e["from"], e["to"]} == {"PERSON:Lee Jae-myung", "PERSON:Sanae Takaichi"}
    ]
    assert len(pair) == 3
    # normalise to the a<b direction: a curve drawn b->a bends the other way
    shapes = set()
    for e in pair:
        smooth = e["smooth"]
        if not smooth["enabled"]:
            shapes.add("straight")
            continue
        cw = smooth["type"] == "curvedCW"
        if e["from"] > e["to"]:
            cw = not cw
        shapes.add((cw, smooth["roundness"]))
    assert len(shapes) == 3


def test_urls_become_links_only_when_http(small_graph):
    edges = viewer.to_vis_data(small_graph)["edges"]
    urls = {ev["doc"]: ev["url"] for e in edges for ev in e["evidence"]}
    assert urls == {"d1": "https://example.org/news/1?a=1&b=2", "d2": None}


def test_top_keeps_the_most_connected_nodes_and_says_how_many_were_left_out():
    graph = nx.MultiDiGraph()
    graph.add_edges_from([("hub", f"leaf{i}") for i in range(6)] + [("leaf0", "leaf1")])
    data = viewer.to_vis_data(graph, top=3)
    assert {n["id"] for n in data["nodes"]} == {"hub", "leaf0", "leaf1"}
    assert {(e["from"], e["to"]) for e in data["edges"]} == {
        ("hub", "leaf0"),
        ("hub", "leaf1"),
        ("leaf0", "leaf1"),
    }
    stats = data["stats"]
    assert (stats["dropped_nodes"], stats["shown_edges"], stats["edges"]) == (4, 3, 7)
    assert len(viewer.to_vis_data(graph, top=None)["nodes"]) == 7


def test_hide_concepts_leaves_out_concepts_and_entities_linked_only_to_them(small_graph):
    build_graph(
        [
            result(
                "d3",
                fact(
                    "d3",
                    "China",
                    "sanctions",
                    "announced",
                    "announce",
                    subject_type="GPE",
                    object_type="CONCEPT",
                ),
                fact(
                    "d3",
                    "NATO",
                    "concern",
                    "voiced",
                    "voice",
                    sentence=1,
                    subject_type="ORG",
                    object_type="CONCEPT",
                ),
            )
        ],
        small_graph,
    )
    data = viewer.to_vis_data(small_graph, hide_concepts=True)
    shown = {n["id"] for n in data["nodes"]}
    assert "GPE:China" in shown and not shown & {"CONCEPT:sanctions", "CONCEPT:concern", "ORG:NATO"}
    assert (data["stats"]["hidden_concepts"], data["stats"]["concept_only"]) == (2, 1)
    every = {n["id"] for n in viewer.to_vis_data(small_graph)["nodes"]}
    assert {"CONCEPT:sanctions", "ORG:NATO"} <= every


@pytest.mark.parametrize("options", [{"top": 0}, {"top": -3}, {"top": "10"}, {"size_by": "x"}])
def test_bad_options_raise_export_error(small_graph, options):
    with pytest.raises(ExportError):
        viewer.to_vis_data(small_graph, **options)


def test_layout_turns_physics_off_for_large_graphs():
    small = nx.MultiDiGraph([(i, i + 1) for i in range(50)])
    large = nx.MultiDiGraph([(i, i + 1) for i in range(3000)])
    assert viewer.to_vis_data(small)["layout"]["physics"] is True
    assert viewer.to_vis_data(large, top=None)["layout"]["physics"] is False


# -- the page ------------------------------------------------------------------------------

XSS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '"><svg onload="window.__xss = 3">',
    "'); window.__xss = 4; ('",
    "</script><script>window.__xss = 5</script>",
    "<!-- </textarea><iframe src=javascript:window.__xss=6>",
    "&lt;b&gt; & \u2028 \\u003c",
]


@pytest.fixture
def xss_graph() -> nx.MultiDiGraph:
    """Every document string is an injection attempt."""
    villain = Entity(
        XSS[0],
        "PERSON",
        country=XSS[2],
        aliases=(XSS[1], XSS[6]),
        roles=(Role(XSS[3], XSS[4], "<doc>", XSS[5]),),
    )
    return build_graph(
        [
            result(
                "<doc onmouseover=x>",
                fact(
                    "<doc onmouseover=x>",
                    XSS[0],
                    XSS[1],
                    XSS[2],
                    XSS[2],
                    text=" ".join(XSS),
                    location=XSS[3],
                    time=XSS[4],
                    attributed_to=XSS[5],
                    event="ASSAULT",
                    quad="material_conflict",
                ),
                entities=(villain,),
                title=XSS[4],
                url="javascript:window.__xss=7",
                date="2025-01-01",
            )
        ]
    )


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_references_no_external_resource(small_graph, tmp_path):
    path = tmp_path / "g.html"
    viewer.write_html(small_graph, path)
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap|tom-select", page, re.I)
    assert page.count("</script>") == 3  # data island, vis-network, the viewer


def test_document_strings_reach_the_page_only_as_escaped_json(xss_graph, tmp_path):
    path = tmp_path / "xss.html"
    viewer.write_html(xss_graph, path)
    page = path.read_text(encoding="utf-8")
    for payload in XSS[:6]:
        assert "<" not in payload or payload not in page
    island = page.split('id="kg-data">')[1].split("</script>")[0]
    assert "<" not in island and ">" not in island and "&" not in island
    data = page_data(page)
    assert data["nodes"][0]["name"] in XSS
    assert data["edges"][0]["evidence"][0]["text"] == " ".join(XSS)
    assert data["edges"][0]["evidence"][0]["url"] is None


def test_title_is_escaped(small_graph):
    page = viewer.render_html(viewer.to_vis_data(small_graph, title="</title><script>x</script>"))
    assert "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>" in page


def test_kg_html_command_writes_the_viewer_from_a_build_folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    triples = [
        fact(
            "d",
            "China",
            f"Country {i}",
            "blocked exports to",
            "block export to",
            subject_type="GPE",
            object_type="GPE",
            date="2025-01-02",
        )
        for i in range(5)
    ]
    (folder / "triples.jsonl").write_text(
        "".join(json.dumps(t.to_dict()) + "\n" for t in triples), encoding="utf-8"
    )
    out = tmp_path / "view.html"
    done = run_kg("html", str(folder), "-o", str(out), "--top", "3", "--hide-concepts")
    assert done.returncode == 0, done.stderr.decode()
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["stats"]["shown_nodes"] == 3 and data["stats"]["dropped_nodes"] == 3


def test_kg_html_command_reads_node_link_json(small_graph, tmp_path):
    (tmp_path / "graph.json").write_text(
        json.dumps(nx.node_link_data(small_graph, edges="links")), encoding="utf-8"
    )
    out = tmp_path / "view.html"
    done = run_kg("html", str(tmp_path), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    data = page_data(out.read_text(encoding="utf-8"))
    assert len(data["edges"]) == small_graph.number_of_edges()
    assert data["stats"]["documents"] == 2  # graph attributes survive, unlike triples.jsonl


def test_kg_html_command_fails_cleanly_on_a_missing_folder(tmp_path):
    done = run_kg("html", str(tmp_path / "nope"), "-o", str(tmp_path / "x.html"))
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"nope" in done.stderr


# -- in a real browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator:
    """A fresh offline Chromium profile; every request that is not a local file is aborted."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 860},
        )
        context.external = []
        context.set_offline(True)

        def guard(route):
            if route.request.url.startswith(("file:", "data:", "about:")):
                route.continue_()
            else:
                context.external.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        yield context
        context.close()


class Page:
    """A viewer page opened in the browser, with everything it reported."""

    def __init__(self, context, path: Path) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        # a function, not a string: the page's CSP forbids eval
        self.page.wait_for_function("() => window.kgReady === true", timeout=15_000)
        self.seconds = time.perf_counter() - started

    def counts(self) -> tuple[int, int]:
        return tuple(
            self.page.evaluate(
                "() => [kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]"
            )
        )

    def node_point(self, node_id: str) -> tuple[float, float]:
        return tuple(
            self.page.evaluate(
                """id => {
            const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
            const r = document.getElementById("kg-network").getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""",
                node_id,
            )
        )

    def edge_point(self, edge_id: str) -> tuple[float, float]:
        return tuple(
            self.page.evaluate(
                """id => {
            const p = kgNetwork.canvasToDOM(kgNetwork.body.edges[id].edgeType.getPoint(0.5));
            const r = document.getElementById("kg-network").getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""",
                edge_id,
            )
        )

    def details(self) -> str:
        return self.page.inner_text("#kg-details")


def open_page(browser, graph: nx.MultiDiGraph, path: Path, **options) -> Page:
    viewer.write_html(graph, path, **options)
    return Page(browser, path)


@pytest.mark.browser
def test_browser_draws_every_node_and_edge(browser, small_graph, tmp_path):
    view = open_page(browser, small_graph, tmp_path / "g.html")
    assert view.counts() == (small_graph.number_of_nodes(), small_graph.number_of_edges())
    assert view.page.inner_text("#kg-counts") == "2 documents · 4 entities · 5 facts"
    # laid out, then still: physics is off and nothing drifts
    before = view.page.evaluate("() => kgNetwork.getPositions()")
    view.page.wait_for_timeout(400)
    assert view.page.evaluate("() => kgNetwork.physics.physicsEnabled") is False
    assert view.page.evaluate("() => kgNetwork.getPositions()") == before
    assert view.errors == []


@pytest.mark.browser
def test_clicking_an_edge_shows_its_event_and_evidence(browser, small_graph, tmp_path):
    view = open_page(browser, small_graph, tmp_path / "g.html")
    data = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    met = next(e for e in data["edges"] if e["key"] == "meet|0|0")
    view.page.mouse.click(*view.edge_point(met["id"]))
    text = view.details()
    assert "Lee met Takaichi in Gyeongju." in text and "Lee and Takaichi met again." in text
    assert "CONSULT" in text and "verbal cooperation" in text and "2 sentences" in text
    links = view.page.eval_on_selector_all("#kg-details a", "as => as.map(a => a.href)")
    assert links == ["https://example.org/news/1?a=1&b=2"]  # d2's javascript: url is no link


@pytest.mark.browser
def test_hovering_a_node_shows_its_details_and_its_facts_open(browser, small_graph, tmp_path):
    view = open_page(browser, small_graph, tmp_path / "g.html")
    view.page.mouse.move(*view.node_point("PERSON:Lee Jae-myung"))
    view.page.wait_for_function(
        "() => document.getElementById('kg-details').textContent.includes('KOR')", timeout=3000
    )
    text = view.details()
    assert "Lee Jae-myung" in text and "PERSON" in text and "president of South Korea" in text
    assert "AliasesLee" in view.page.text_content("#kg-details")
    view.page.mouse.click(*view.node_point("PERSON:Lee Jae-myung"))  # pin, then open a fact
    view.page.click("#kg-details button.fact >> text=criticised")
    assert "ACCUSE" in view.details() and "verbal conflict" in view.details()
    data = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    criticised = next(e["id"] for e in data["edges"] if e["relation"] == "criticised")
    assert view.page.evaluate("() => kgNetwork.getSelectedEdges()") == [criticised]


@pytest.mark.browser
def test_search_and_filters(browser, small_graph, tmp_path):
    view = open_page(browser, small_graph, tmp_path / "g.html")
    view.page.fill("#kg-search-input", "takaichi")
    view.page.press("#kg-search-input", "Enter")
    assert view.page.evaluate("() => kgNetwork.getSelectedNodes()") == ["PERSON:Sanae Takaichi"]
    assert "Sanae Takaichi" in view.details()
    view.page.uncheck("#kg-types input[value=GPE]")
    hidden = view.page.evaluate("""() => [
        kgNetwork.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id).sort(),
        kgNetwork.body.data.edges.get({filter: e => e.hidden}).length]""")
    assert hidden == [["GPE:China", "GPE:Japan"], 2]
    view.page.uncheck("#kg-events input[value=CONSULT]")
    assert (
        view.page.evaluate("() => kgNetwork.body.data.edges.get({filter: e => !e.hidden}).length")
        == 1
    )
    view.page.fill("#kg-search-input", "China")  # hidden now: not found
    view.page.press("#kg-search-input", "Enter")
    assert view.page.inner_text("#kg-search-status") == "no match"


@pytest.mark.browser
def test_injected_markup_runs_nothing_and_shows_as_text(browser, xss_graph, tmp_path):
    view = open_page(browser, xss_graph, tmp_path / "xss.html")
    page = view.page
    villain = "PERSON:" + XSS[0]
    page.mouse.move(*view.node_point(villain))
    page.wait_for_function(
        "() => document.getElementById('kg-details').textContent.includes('window.__xss = 1')",
        timeout=3000,
    )
    node_text = page.text_content("#kg-details")
    for payload in (XSS[0], XSS[1], XSS[2], XSS[3], XSS[6]):
        assert payload in node_text
    page.mouse.click(*view.edge_point("e0"))
    edge_text = page.text_content("#kg-details")
    assert " ".join(XSS) in edge_text and XSS[4] in edge_text  # sentence and title, as text
    assert page.eval_on_selector_all("#kg-details a", "as => as.length") == 0
    assert page.evaluate("() => window.__xss") is None
    injected = page.evaluate("""() => document.querySelectorAll(
        'img, svg, iframe, object, embed, #kg-details script, a[href^="javascript"]').length""")
    assert injected == 0 and page.evaluate("() => document.scripts.length") == 3
    assert view.dialogs == [] and view.errors == []


@pytest.mark.browser
def test_page_works_with_the_network_off(browser, small_graph, tmp_path):
    browser.external.clear()
    view = open_page(browser, small_graph, tmp_path / "g.html")
    assert view.page.evaluate("() => typeof vis.Network === 'function' && !!window.kgNetwork")
    assert view.counts() == (4, 5)
    assert browser.external == [] and view.errors == []


@pytest.mark.browser
def test_a_large_graph_is_usable_within_seconds(browser, tmp_path):
    graph = nx.MultiDiGraph()
    for i in range(1200):
        graph.add_node(i, label=f"Actor {i}", type=("PERSON", "GPE", "ORG")[i % 3], mentions=1)
    for i in range(1200):
        graph.add_edge(
            i,
            (i * 7 + 1) % 1200,
            relation="met",
            quad="verbal_cooperation",
            evidence=[{"doc": "d", "text": "x"}],
        )
        graph.add_edge(i, (i + 1) % 1200, relation="attacked", quad="material_conflict")
    view = open_page(browser, graph, tmp_path / "big.html", top=None)
    assert view.counts() == (1200, 2400)
    assert view.seconds < 10, f"took {view.seconds:.1f} s to lay out"


@pytest.fixture(scope="module")
def sample_graph(nlp) -> nx.MultiDiGraph:
    from kg.io import read_documents
    from kg.pipeline import process

    return build_graph(process(read_documents([SAMPLE]), nlp))


@pytest.mark.browser
def test_sample_graph_renders_whole_and_screenshot(browser, sample_graph, tmp_path):
    view = open_page(browser, sample_graph, tmp_path / "sample.html")
    assert view.counts() == (sample_graph.number_of_nodes(), sample_graph.number_of_edges())
    assert view.errors == []
    hub = max(sample_graph.nodes, key=sample_graph.degree)
    view.page.mouse.click(*view.node_point(hub))
    assert sample_graph.nodes[hub]["label"] in view.details()
    view.page.close()
    # the README's picture: actors only, the best-attested fact between two of them opened
    view = open_page(browser, sample_graph, tmp_path / "actors.html", hide_concepts=True)
    data = page_data((tmp_path / "actors.html").read_text(encoding="utf-8"))
    degree = {n["id"]: n["shown_degree"] for n in data["nodes"]}
    best = max(
        (e for e in data["edges"] if e["event"] and e["dashes"] is False),
        key=lambda e: (e["count"], degree[e["from"]] + degree[e["to"]], e["id"]),
    )
    view.page.mouse.click(*view.edge_point(best["id"]))
    assert best["evidence"][0]["text"] in view.details()
    shot = tmp_path / "screenshot.png"
    view.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000  # a drawn network, not a blank page
    if os.environ.get("KG_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")
