"""Notebook analysis on the real pipeline: the sample corpus and ``kg build`` output."""

from __future__ import annotations

import html
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import ROOT, SAMPLE, run_kg

from kg import analysis
from kg.errors import InputError, StoreError
from kg.events import EVENT_TYPES
from kg.types import Triple


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample corpus built by the real ``kg build`` command."""
    out = tmp_path_factory.mktemp("built")
    result = run_kg("build", str(SAMPLE), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def graph(built):
    return analysis.load(built)


@pytest.fixture(scope="module")
def corpus_graph(nlp):
    return analysis.load(SAMPLE)


def _triple(
    subject,
    relation,
    obj,
    *,
    doc="d",
    sentence=0,
    date="2025-10-01",
    event=None,
    quad=None,
    subject_type="PERSON",
    object_type="PERSON",
    kind="event",
    **more,
):
    return Triple(
        doc=doc,
        sentence=sentence,
        text=f"{subject} {relation} {obj}.",
        subject=subject,
        subject_type=subject_type,
        subject_text=subject,
        relation=relation,
        predicate=relation,
        object=obj,
        object_type=object_type,
        object_text=obj,
        event=event,
        quad=quad,
        date=date,
        kind=kind,
        **more,
    )


def _example_graph():
    return analysis.from_triples(
        [
            _triple(
                "Lee",
                "meet",
                "Takaichi",
                symmetric=True,
                event="CONSULT",
                quad="verbal_cooperation",
            ),
            _triple(
                "China",
                "sanction",
                "Japan",
                doc="e",
                subject_type="GPE",
                object_type="GPE",
                event="SANCTION",
                quad="material_conflict",
            ),
        ]
    )


def _facts(g):
    return {
        (u, v, k): (d["count"], d["event"], [e["text"] for e in d["evidence"]])
        for u, v, k, d in g.edges(keys=True, data=True)
    }


# -- load -------------------------------------------------------------------------------------


def test_load_build_output_gives_the_graph_kg_build_built(graph, corpus_graph):
    assert graph.number_of_edges() > 100
    assert set(graph.nodes) == set(corpus_graph.nodes)
    assert _facts(graph) == _facts(corpus_graph)
    for nid, data in corpus_graph.nodes(data=True):
        rebuilt = graph.nodes[nid]
        assert (rebuilt["label"], rebuilt["type"], rebuilt["country"], rebuilt["docs"]) == (
            data["label"],
            data["type"],
            data["country"],
            data["docs"],
        ), nid
    assert set(graph.graph["documents"]) <= set(corpus_graph.graph["documents"])


def test_load_build_output_keeps_document_dates_and_person_roles(graph):
    takaichi = graph.nodes["PERSON:Sanae Takaichi"]
    assert {"title": "prime minister", "of": "Japan"}.items() <= takaichi["roles"][0].items()
    dates = [d["date"] for d in graph.graph["documents"].values()]
    assert all(dates) and min(dates) == "2025-09-02"


def test_load_accepts_the_triples_file_itself(built, graph):
    assert _facts(analysis.load(built / "triples.jsonl")) == _facts(graph)


def test_load_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        analysis.load(tmp_path / "nothing")


def test_read_triples_names_file_and_line_of_a_bad_record(tmp_path, built):
    path = tmp_path / "triples.jsonl"
    good = (built / "triples.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"triples\.jsonl:2: not valid JSON"):
        list(analysis.read_triples(path))


def test_read_triples_ignores_keys_a_newer_contract_adds(tmp_path, built):
    record = json.loads((built / "triples.jsonl").read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path / "triples.jsonl"
    path.write_text(json.dumps({**record, "from_the_future": 1}) + "\n", encoding="utf-8")
    [triple] = analysis.read_triples(path)
    assert triple.subject == record["subject"]


# -- actors -----------------------------------------------------------------------------------


def test_top_actors_ranks_actors_only_with_degrees_from_the_graph(graph):
    top = analysis.top_actors(graph, n=10)
    assert len(top) == 10 and list(top.index) == list(range(1, 11))
    assert "CONCEPT" not in set(top["type"])
    assert list(top["degree"]) == sorted(top["degree"], reverse=True)
    for row in top.itertuples():
        assert row.degree == graph.degree(row.id)
        assert row.weighted_degree == graph.degree(row.id, weight="count")
    assert {"Sanae Takaichi", "China", "Russia"} <= set(top["label"])


def test_top_actors_betweenness_does_not_route_through_concepts():
    # A and B both "condemned" the same concept; only C really links A and B.
    g = analysis.from_triples(
        [
            _triple("A", "condemned", "attack", object_type="CONCEPT"),
            _triple("B", "condemned", "attack", object_type="CONCEPT", sentence=1),
            _triple("A", "met", "C", sentence=2),
            _triple("C", "met", "B", sentence=3),
        ]
    )
    top = analysis.top_actors(g).set_index("label")
    assert "attack" not in top.index
    assert top.loc["C", "betweenness"] == 1.0
    assert top.loc["A", "betweenness"] == 0.0


@pytest.mark.parametrize("name", ["PERSON:Xi Jinping", "Xi Jinping", "xi jinping", "Xi"])
def test_actor_id_accepts_ids_labels_and_aliases(graph, name):
    assert analysis.actor_id(graph, name) == "PERSON:Xi Jinping"


def test_actor_id_unknown_name_suggests_close_labels(graph):
    with pytest.raises(InputError, match="did you mean: Xi Jinping"):
        analysis.actor_id(graph, "Xi Jinpeng")


# -- dyads ------------------------------------------------------------------------------------


def test_dyads_busiest_pair_matches_its_dyad_rows(graph):
    table = analysis.dyads(graph)
    assert list(table["evidence"]) == sorted(table["evidence"], reverse=True)
    top = table.iloc[0]
    rows = analysis.dyad(graph, top["a"], top["b"])
    assert len(rows) == top["evidence"] >= 3
    assert rows["key"].nunique() == top["facts"]


def test_dyads_leave_out_roles_by_default(graph):
    pairs = set(analysis.dyads(graph)[["a", "b"]].itertuples(index=False, name=None))
    everything = set(
        analysis.dyads(graph, kind=None)[["a", "b"]].itertuples(index=False, name=None)
    )
    assert ("GPE:Japan", "PERSON:Sanae Takaichi") in everything - pairs


def test_dyad_lists_facts_in_both_directions_with_evidence(graph):
    rows = analysis.dyad(graph, "Xi Jinping", "lee jae-myung")
    assert list(rows.columns) == list(analysis.DYAD_COLUMNS)
    assert {"Xi Jinping", "Lee Jae-myung"} == set(rows["subject"]) == set(rows["object"])
    met = rows[rows["predicate"] == "meet"].iloc[0]
    assert met["event"] == "CONSULT" and met["quad"] == "verbal_cooperation"
    assert met["date"] == "2026-01-05" and "met" in met["text"]
    assert not met["negated"] and not met["hypothetical"]
    assert rows.equals(analysis.dyad(graph, "PERSON:Lee Jae-myung", "Xi Jinping"))


def test_dyad_keeps_negated_and_hypothetical_facts_flagged(graph):
    flagged = [(u, v, d) for u, v, d in graph.edges(data=True) if d["negated"] or d["hypothetical"]]
    assert flagged
    for u, v, d in flagged:
        rows = analysis.dyad(graph, u, v)
        rows = rows[rows["predicate"] == d["predicate"]]
        assert (rows["negated"] == d["negated"]).any()
        assert (rows["hypothetical"] == d["hypothetical"]).any()


def test_dyad_timeline_splits_cooperation_and_conflict_per_month():
    g = analysis.from_triples(
        [
            _triple("A", "met", "B", date="2025-09-03", quad="verbal_cooperation", event="CONSULT"),
            _triple(
                "B",
                "attacked",
                "A",
                doc="e",
                date="2025-11-20",
                quad="material_conflict",
                event="ASSAULT",
            ),
            _triple(
                "A",
                "aided",
                "B",
                doc="f",
                date="2025-11-21",
                quad="material_cooperation",
                event="AID",
            ),
            _triple("A", "president of", "B", doc="g", date="2025-12-01", kind="role"),
        ]
    )
    timeline = analysis.dyad_timeline(g, "A", "B")
    assert [str(p) for p in timeline.index] == ["2025-09", "2025-10", "2025-11"]
    assert timeline.to_dict("list") == {"cooperation": [1, 0, 1], "conflict": [0, 0, 1]}
    quarterly = analysis.dyad_timeline(g, "A", "B", freq="Q", end="2026-01-01")
    assert [str(p) for p in quarterly.index] == ["2025Q3", "2025Q4", "2026Q1"]


def test_dyad_timeline_of_the_sample_counts_every_typed_row(graph):
    rows = analysis.dyad(graph, "Donald Trump", "Sanae Takaichi")
    timeline = analysis.dyad_timeline(
        graph, "Donald Trump", "Sanae Takaichi", start="2025-09-01", end="2026-03-31"
    )
    assert len(timeline) == 7
    assert timeline.to_numpy().sum() == rows["quad"].notna().sum() > 0


def test_plot_timeline_draws_one_bar_per_period_and_side(graph):
    import matplotlib

    matplotlib.use("Agg")
    timeline = analysis.dyad_timeline(graph, "Donald Trump", "Sanae Takaichi", start="2025-09-01")
    ax = analysis.plot_timeline(timeline, title="Trump and Takaichi")
    assert len(ax.patches) == 2 * len(timeline)
    assert sum(p.get_height() for p in ax.patches) == timeline.to_numpy().sum()
    assert ax.get_title() == "Trump and Takaichi"


def test_timeline_figure_of_state_dyads(graph, tmp_path):
    """The README's figure; ``KG_UPDATE_TIMELINE=1`` copies it to ``docs/timeline.png``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    states = analysis.by_country(graph)
    dates = sorted(d["date"] for d in graph.graph["documents"].values() if d["date"])
    pairs = analysis.dyads(states)
    pairs = pairs[pairs["a"].str.startswith("GPE:") & pairs["b"].str.startswith("GPE:")]
    busiest = pairs.head(2)
    conflictual = pairs.drop(busiest.index).sort_values("conflict", ascending=False, kind="stable")
    chosen = pd.concat([busiest, conflictual.head(2)])
    fig, axes = plt.subplots(
        len(chosen),
        1,
        figsize=(8, 1.9 * len(chosen)),
        sharex=True,
        sharey=True,
        layout="constrained",
    )
    drawn = 0
    for ax, (a, b) in zip(axes, chosen[["a", "b"]].itertuples(index=False), strict=True):
        timeline = analysis.dyad_timeline(states, a, b, start=dates[0], end=dates[-1])
        title = f"{states.nodes[a]['label']} – {states.nodes[b]['label']}"
        analysis.plot_timeline(timeline, ax=ax)
        ax.get_legend().remove()
        ax.set_title(title, loc="left", fontsize=10)
        ax.set_ylabel("")
        drawn += timeline.to_numpy().sum()
    axes[0].legend(frameon=False, loc="upper right", ncols=2)
    fig.supylabel("reported facts", fontsize=10)
    fig.suptitle(
        "Cooperation and conflict between states in data/sample, per month\n"
        "(the two busiest and the two most conflictual pairs)",
        fontsize=11,
    )
    path = tmp_path / "timeline.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    assert chosen["conflict"].iloc[2] > 0
    assert drawn == (chosen["cooperation"] + chosen["conflict"]).sum() > 0
    assert path.stat().st_size > 20_000
    if os.environ.get("KG_UPDATE_TIMELINE"):
        shutil.copyfile(path, ROOT / "docs" / "timeline.png")


def test_event_counts_add_up_to_the_evidence_of_typed_facts(graph):
    counts = analysis.event_counts(graph)
    assert set(counts.index) <= set(EVENT_TYPES)
    assert counts.sum() == sum(d["count"] for *_, d in graph.edges(data=True) if d["event"])
    assert counts.index[0] == "CONSULT" and counts.is_monotonic_decreasing


# -- slices -----------------------------------------------------------------------------------


def test_ego_keeps_the_neighbourhood_and_copies(graph):
    before = _facts(graph)
    sub = analysis.ego(graph, "Xi Jinping")
    center = "PERSON:Xi Jinping"
    assert set(sub.nodes) == {center} | set(nx.all_neighbors(graph, center))
    assert set(sub.edges(keys=True)) == {
        e for e in graph.edges(keys=True) if e[0] in sub and e[1] in sub
    }
    cited = {e["doc"] for *_, d in sub.edges(data=True) for e in d["evidence"]}
    assert set(sub.graph["documents"]) == cited
    sub.edges[next(iter(sub.edges(keys=True)))]["evidence"].clear()
    assert _facts(graph) == before
    assert len(analysis.ego(graph, "Xi Jinping", radius=2)) > len(sub)


def test_subgraph_filters_by_event_and_date_window(graph):
    sub = analysis.subgraph(
        graph, events=["ASSAULT", "COERCE"], start="2025-09-01", end="2025-12-31"
    )
    assert sub.number_of_edges() > 0
    for *_, d in sub.edges(data=True):
        assert d["event"] in {"ASSAULT", "COERCE"}
        assert all("2025-09-01" <= e["date"] <= "2025-12-31" for e in d["evidence"])
        assert d["count"] == len(d["evidence"])
    later = analysis.subgraph(graph, start="2026-01-01")
    assert all(d["first_seen"] >= "2026-01-01" for *_, d in later.edges(data=True))
    assert analysis.subgraph(graph).number_of_edges() == graph.number_of_edges()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"events": "ATTACK"}, "unknown event type.*'ATTACK'.*valid types: AGREE"),
        ({"start": "last year"}, "start='last year' is not an ISO date"),
    ],
)
def test_subgraph_rejects_unknown_events_and_dates(graph, options, message):
    with pytest.raises(InputError, match=message):
        analysis.subgraph(graph, **options)


def test_by_country_folds_people_into_their_states_and_pools_evidence():
    g = analysis.from_triples(
        [
            _triple(
                "Xi Jinping",
                "meet",
                "Joe Biden",
                subject_country="CHN",
                object_country="USA",
                symmetric=True,
                event="CONSULT",
                quad="verbal_cooperation",
            ),
            _triple(
                "Xi Jinping",
                "president of",
                "China",
                object_type="GPE",
                kind="role",
                subject_country="CHN",
                object_country="CHN",
                sentence=1,
            ),
            _triple(
                "United States",
                "meet",
                "China",
                doc="e",
                date="2025-11-02",
                symmetric=True,
                subject_type="GPE",
                object_type="GPE",
                subject_country="USA",
                object_country="CHN",
                event="CONSULT",
                quad="verbal_cooperation",
            ),
            _triple(
                "European Union",
                "criticise",
                "Xi Jinping",
                doc="e",
                sentence=1,
                subject_type="ORG",
                subject_country=None,
                object_country="CHN",
                event="ACCUSE",
                quad="verbal_conflict",
            ),
        ]
    )
    before = _facts(g)
    states = analysis.by_country(g)
    assert sorted(states.nodes) == ["GPE:China", "GPE:United States", "ORG:European Union"]
    assert states.nodes["GPE:China"]["members"] == ["GPE:China", "PERSON:Xi Jinping"]
    assert states.nodes["GPE:United States"]["members"] == ["GPE:United States", "PERSON:Joe Biden"]
    [(u, v, data)] = [e for e in states.edges(data=True) if e[2]["predicate"] == "meet"]
    assert (u, v) == ("GPE:China", "GPE:United States")  # symmetric: the direction first seen
    assert data["count"] == 2 and (data["first_seen"], data["last_seen"]) == (
        "2025-10-01",
        "2025-11-02",
    )
    assert not any(d["kind"] == "role" for *_, d in states.edges(data=True))
    assert states.has_edge("ORG:European Union", "GPE:China", "criticise|0|0")
    assert analysis.actor_id(states, "Xi Jinping") == "GPE:China"
    assert _facts(g) == before


def test_by_country_of_the_sample_keeps_every_evidence_between_states(graph):
    states = analysis.by_country(graph)
    fold = {}
    for nid, data in states.nodes(data=True):
        for member in data["members"]:
            fold[member] = nid
    assert set(fold) == set(graph.nodes)
    for u, v, key, data in graph.edges(keys=True, data=True):
        su, sv = fold[u], fold[v]
        if su == sv:
            continue
        merged = states.get_edge_data(su, sv, key) or states.get_edge_data(sv, su, key)
        pooled = {(e["doc"], e["sentence"]) for e in merged["evidence"]}
        assert {(e["doc"], e["sentence"]) for e in data["evidence"]} <= pooled
        assert merged["count"] == len(merged["evidence"])
    pairs = analysis.dyads(states)
    assert ("GPE:China", "GPE:United States") in set(
        pairs[["a", "b"]].itertuples(index=False, name=None)
    )


# -- viewing ----------------------------------------------------------------------------------


class _Frames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcdoc: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.srcdoc.append(dict(attrs)["srcdoc"])


def test_show_embeds_the_html_export_in_an_escaped_iframe(graph, tmp_path):
    sub = analysis.ego(graph, "Xi Jinping")
    frame = analysis.show(sub, height="400px")
    parser = _Frames()
    parser.feed(frame.data)
    [page] = parser.srcdoc  # the attribute survives parsing whole: quotes were escaped
    assert page.lstrip().lower().startswith(("<html", "<!doctype"))
    assert "Xi Jinping" in page and "Lee Jae-myung" in page
    assert "height: 400px" in frame.data
    assert '"' not in frame.data.split('srcdoc="', 1)[1].split('" style=', 1)[0]
    assert html.unescape(frame.data).count("<script") >= 1


# -- SPARQL -----------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABELS = "SELECT DISTINCT ?label WHERE { ?s kg:subject ?a . ?a rdfs:label ?label } ORDER BY ?label"


def test_sparql_over_build_output_reads_its_embedded_store(built):
    assert (built / "store").is_dir()
    labels = analysis.sparql(built, LABELS)
    assert list(labels.columns) == ["label"]
    assert {"Xi Jinping", "Sanae Takaichi"} <= set(labels["label"])
    [n] = analysis.sparql(built / "store", COUNT)["n"]
    assert isinstance(n, int) and n > 1000


def test_sparql_answers_the_same_from_store_turtle_graph_and_store_object(built, graph):
    from kg.store import EmbeddedStore

    expected = analysis.sparql(built, LABELS)
    assert analysis.sparql(built / "graph.ttl", LABELS).equals(expected)
    assert analysis.sparql(graph, LABELS).equals(expected)
    with EmbeddedStore(built / "store", read_only=True) as store:
        assert analysis.sparql(store, LABELS).equals(expected)


def test_sparql_build_without_store_falls_back_to_its_turtle(tmp_path, built):
    result = run_kg("build", str(SAMPLE), "-o", str(tmp_path), "-q", "--no-store")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "store").exists()
    assert set(analysis.sparql(tmp_path, LABELS)["label"]) == set(
        analysis.sparql(built, LABELS)["label"]
    )


def test_sparql_gives_typed_values_and_ask():
    g = _example_graph()
    facts = analysis.sparql(g, "SELECT ?n ?neg WHERE { ?f kg:count ?n ; kg:negated ?neg }")
    assert {type(v) for v in facts["n"]} == {int} and {type(v) for v in facts["neg"]} == {bool}
    ask = analysis.sparql(g, "ASK { ?s rel:meet ?o }")
    assert ask.to_dict("list") == {"ask": [True]}


def test_sparql_bad_query_is_a_store_error(built):
    with pytest.raises(StoreError):
        analysis.sparql(built, "SELEC ?x WHERE {")
    with pytest.raises(StoreError):
        analysis.sparql(built / "graph.ttl", "SELEC ?x WHERE {")


def test_sparql_folder_without_rdf_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no RDF here"):
        analysis.sparql(tmp_path, COUNT)


def test_top_actors_of_an_empty_graph_is_an_empty_table():
    table = analysis.top_actors(analysis.from_triples([]))
    assert isinstance(table, pd.DataFrame) and table.empty
    assert list(table.columns)[:3] == ["id", "label", "type"]


# -- the inline viewer in a real browser ------------------------------------------------------

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


@pytest.mark.browser
def test_show_frame_draws_the_graph_in_a_browser(graph, tmp_path):
    """The notebook's HTML output, put in a page as Jupyter would, draws every node and edge."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (make browser)")
    from playwright.sync_api import sync_playwright

    sub = analysis.ego(graph, "Xi Jinping")
    host = tmp_path / "notebook.html"
    host.write_text(
        f"<!doctype html><html><body><h1>cell output</h1>{analysis.show(sub).data}</body></html>",
        encoding="utf-8",
    )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(offline=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(host.as_uri())
        [frame] = [f for f in page.frames if f is not page.main_frame]
        frame.wait_for_function("() => window.kgReady === true", timeout=15_000)
        counts = frame.evaluate(
            "() => [kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]"
        )
        box = page.locator("iframe").bounding_box()
        browser.close()
    assert tuple(counts) == (sub.number_of_nodes(), sub.number_of_edges())
    assert box["height"] >= 600 and box["width"] > 600
    assert errors == []
