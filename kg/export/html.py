"""HTML viewer: the graph -> one self-contained page that works offline.

:func:`to_vis_data` is the pure converter (graph -> plain dict of vis-network
nodes and edges plus everything the page shows); :func:`render_html` puts that
dict into the page; :func:`write_html` is the thin writer the ``html`` export
format names.

Why not pyvis' own ``Network.write_html``: its ``local`` and ``remote`` modes
load vis-network from a CDN (a blank page offline) and ``in_line`` still links
bootstrap and tom-select from CDNs (pyvis issues #228, #229). We keep pyvis for
what it does well, shipping a vis-network build, and inline that build's
JavaScript and CSS into our own page, which references no URL at all.

Safety: every string from a document (names, sentences, titles, urls) reaches
the page only as JSON inside ``<script type="application/json">`` with ``<``,
``>`` and ``&`` escaped as ``\\u003c``..., and the page's script puts it into
the DOM with ``textContent`` only. A url becomes a link only when it is
``http(s)``. A Content-Security-Policy allows just the page's two scripts (by
hash) and no network access, so an injected handler could not run even if one
slipped through.

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(documents={"d": {}})
    >>> g.add_node("GPE:China", label="China", type="GPE", mentions=2)
    >>> g.add_node("GPE:Japan", label="Japan", type="GPE", mentions=1)
    >>> g.add_edge("GPE:China", "GPE:Japan", key="block|0|0", relation="blocked exports to",
    ...            event="SANCTION", quad="material_conflict", count=1,
    ...            evidence=[{"doc": "d", "text": "China blocked exports to <Japan>."}])
    'block|0|0'
    >>> data = to_vis_data(g)
    >>> [n["label"] for n in data["nodes"]], data["edges"][0]["label"]
    (['China', 'Japan'], 'blocked exports to')
    >>> "<Japan>" in render_html(data)
    False
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from ..errors import ExportError
from ..events import QuadClass
from ..types import CONCEPT, ENTITY_TYPES

__all__ = [
    "DEFAULT_TOP",
    "ENTITY_COLORS",
    "QUAD_COLORS",
    "render_html",
    "to_vis_data",
    "write_html",
]

#: Nodes kept by default (the most connected ones); the page says what was left out.
DEFAULT_TOP = 300

#: Evidence records per edge put into the page; the rest are counted, not shown.
MAX_EVIDENCE = 25

#: Longest node label drawn on the canvas; the details panel shows the whole name.
MAX_LABEL = 36

#: Fill colour of each entity type (colour-blind-safe Tableau 10 hues).
ENTITY_COLORS: dict[str, str] = {
    "PERSON": "#4e79a7",
    "GPE": "#e15759",
    "ORG": "#76b7b2",
    "NORP": "#b07aa1",
    "LOC": "#59a14f",
    "FAC": "#ff9da7",
    "EVENT": "#edc948",
    CONCEPT: "#c9c9c9",
}
_OTHER_COLOR = "#9c755f"

#: Edge colour of each PLOVER quad class: greens cooperate, orange/red conflict.
QUAD_COLORS: dict[str, str] = {
    QuadClass.VERBAL_COOPERATION.value: "#60b35a",
    QuadClass.MATERIAL_COOPERATION.value: "#1b7a3a",
    QuadClass.VERBAL_CONFLICT.value: "#f28e2b",
    QuadClass.MATERIAL_CONFLICT.value: "#c62828",
}
_NO_QUAD_COLOR = "#8a8a8a"

SizeBy = Literal["mentions", "degree"]
SIZE_BY: tuple[str, ...] = ("mentions", "degree")

# Layout by the number of nodes on the page, so every page is usable in seconds:
# (max nodes, physics on, stabilisation iterations, vis improvedLayout).
_LAYOUTS: tuple[tuple[float, bool, int, bool], ...] = (
    (150, True, 300, True),
    (600, True, 150, False),
    (2000, True, 60, False),
    (math.inf, False, 0, False),
)


def to_vis_data(
    graph: nx.MultiDiGraph,
    *,
    top: int | None = DEFAULT_TOP,
    hide_concepts: bool = False,
    size_by: SizeBy = "mentions",
    title: str | None = None,
) -> dict[str, Any]:
    """The page's data: vis-network nodes and edges with styles, legend and counts.

    Pure: reads ``graph``, returns plain JSON-able values. Nodes keep their
    graph id; edges get ids ``e0``, ``e1``... Node ``value`` (drawn size) is the
    mention count or the degree; edge ``width`` grows with the evidence count.

    Args:
        graph: a kg graph (see :mod:`kg.graph`).
        top: keep only the ``top`` nodes by degree (``None``: all of them).
        hide_concepts: leave out ``CONCEPT`` nodes (common-noun arguments), and the
            entities whose every fact links them to a concept.
        size_by: ``"mentions"`` or ``"degree"``.
        title: the page heading (default ``"kg knowledge graph"``).

    Raises:
        ExportError: ``top`` is not positive or ``size_by`` is unknown.

    Example:
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_edges_from([("a", "b"), ("a", "c"), ("b", "c"), ("a", "d")])
        [0, 0, 0, 0]
        >>> data = to_vis_data(g, top=3)
        >>> sorted(n["id"] for n in data["nodes"]), data["stats"]["dropped_nodes"]
        (['a', 'b', 'c'], 1)
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ExportError(f"top must be a positive number of nodes or None, not {top!r}")
    if size_by not in SIZE_BY:
        raise ExportError(f"unknown size_by {size_by!r}; valid: {', '.join(SIZE_BY)}")

    def node_type(nid: Any) -> str:
        return str(graph.nodes[nid].get("type") or CONCEPT)

    def linked_to_concepts_only(nid: Any) -> bool:
        neighbours = set(nx.all_neighbors(graph, nid))
        return bool(neighbours) and all(node_type(m) == CONCEPT for m in neighbours)

    candidates = list(graph.nodes)
    if hide_concepts:
        candidates = [n for n in candidates if node_type(n) != CONCEPT]
        concept_only = {n for n in candidates if linked_to_concepts_only(n)}
        candidates = [n for n in candidates if n not in concept_only]
    degree = dict(graph.degree())
    chosen = set(candidates)
    rank = Counter[Any]()  # degree among the candidates: what the page can draw
    for u, v in graph.edges():
        if u in chosen and v in chosen:
            rank[u] += 1
            rank[v] += 1
    ranked = sorted(
        candidates, key=lambda n: (-rank[n], -_int(graph.nodes[n].get("mentions")), str(n))
    )
    kept = ranked if top is None else ranked[:top]
    kept_set = set(kept)
    edges = [
        (u, v, k, d)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if u in kept_set and v in kept_set
    ]
    shown_degree = Counter[Any]()
    for u, v, _, _ in edges:
        shown_degree[u] += 1
        shown_degree[v] += 1

    nodes = [
        _vis_node(n, graph.nodes[n], degree[n], shown_degree[n], size_by)
        for n in sorted(kept, key=str)
    ]
    vis_edges = [_vis_edge(f"e{i}", u, v, k, d) for i, (u, v, k, d) in enumerate(edges)]
    _spread_parallel(vis_edges)

    n_types = Counter(n["type"] for n in nodes)
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    types = [
        {"name": t, "color": ENTITY_COLORS.get(t, _OTHER_COLOR), "count": c}
        for t, c in sorted(n_types.items(), key=lambda tc: (order.get(tc[0], 99), tc[0]))
    ]
    n_events = Counter(e["event"] for e in vis_edges)
    events = [
        {"name": ev, "quad": _event_quad(vis_edges, ev), "count": c}
        for ev, c in sorted(n_events.items(), key=lambda ec: (ec[0] == "", ec[0]))
    ]
    concepts = sum(1 for n in graph.nodes if node_type(n) == CONCEPT)
    layout = next(row for row in _LAYOUTS if len(nodes) <= row[0])
    return {
        "title": title or "kg knowledge graph",
        "stats": {
            "documents": len(graph.graph.get("documents") or {}),
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "shown_nodes": len(nodes),
            "shown_edges": len(vis_edges),
            "hidden_concepts": concepts if hide_concepts else 0,
            "concept_only": len(concept_only) if hide_concepts else 0,
            "dropped_nodes": len(candidates) - len(kept),
            "top": top,
            "size_by": size_by,
        },
        "layout": {"physics": layout[1], "iterations": layout[2], "improved": layout[3]},
        "types": types,
        "quads": [{"name": q, "color": c} for q, c in QUAD_COLORS.items()]
        + [{"name": "", "color": _NO_QUAD_COLOR}],
        "events": events,
        "nodes": nodes,
        "edges": vis_edges,
    }


def render_html(data: Mapping[str, Any]) -> str:
    """The complete page for :func:`to_vis_data`'s ``data``: no external resource.

    Example:
        >>> page = render_html(to_vis_data(nx.MultiDiGraph(), title="<b>x</b>"))
        >>> "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page, "https://" in page.split("<style>")[0]
        (True, False)
    """
    vis_js, vis_css = _vis_assets()
    payload = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(_APP_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        _PAGE.replace("__CSP__", csp)
        .replace("__TITLE__", html.escape(str(data.get("title", "kg")), quote=True))
        .replace("__APP_CSS__", _APP_CSS)
        .replace("__VIS_CSS__", vis_css)
        .replace("__DATA__", payload)
        .replace("__VIS_JS__", vis_js)
        .replace("__APP_JS__", _APP_JS)
    )


def write_html(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> None:
    """Write the viewer for ``graph`` to ``path``; ``options`` go to :func:`to_vis_data`.

    Raises:
        ExportError: bad options, or ``path`` cannot be written.

    Example:
        >>> import tempfile, networkx as nx
        >>> path = Path(tempfile.mkdtemp()) / "g.html"
        >>> write_html(nx.MultiDiGraph(), path, top=10)
        >>> path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
    """
    page = render_html(to_vis_data(graph, **options))
    try:
        Path(path).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the HTML viewer ({exc.strerror})") from exc


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _http_url(value: Any) -> str | None:
    """The url when it is http(s), else ``None`` (no ``javascript:``, ``data:``, relative)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    return url if url.lower().startswith(("http://", "https://")) and len(url) > 8 else None


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "\u2026"


def _vis_node(
    nid: Any, attrs: Mapping[str, Any], degree: int, shown: int, size_by: str
) -> dict[str, Any]:
    type_ = str(attrs.get("type") or CONCEPT)
    label = str(attrs.get("label") or nid)
    mentions = _int(attrs.get("mentions"))
    color = ENTITY_COLORS.get(type_, _OTHER_COLOR)
    roles = [
        {k: _text(r.get(k)) for k in ("title", "of", "doc", "date")}
        for r in attrs.get("roles") or ()
        if isinstance(r, Mapping)
    ]
    return {
        "id": nid,
        "label": _short(label),
        "name": label,
        "type": type_,
        "country": _text(attrs.get("country")),
        "aliases": [str(a) for a in attrs.get("aliases") or ()],
        "roles": roles,
        "mentions": mentions,
        "degree": degree,
        "shown_degree": shown,
        "docs": len(attrs.get("docs") or ()),
        "first_seen": _text(attrs.get("first_seen")),
        "last_seen": _text(attrs.get("last_seen")),
        "value": max(1, mentions if size_by == "mentions" else degree),
        "color": color,
        "concept": type_ == CONCEPT,
    }


def _vis_edge(eid: str, u: Any, v: Any, key: Any, attrs: Mapping[str, Any]) -> dict[str, Any]:
    evidence = [e for e in attrs.get("evidence") or () if isinstance(e, Mapping)]
    count = _int(attrs.get("count")) or len(evidence) or 1
    quad = str(attrs.get("quad") or "")
    negated, hypothetical = bool(attrs.get("negated")), bool(attrs.get("hypothetical"))
    relation = str(attrs.get("relation") or attrs.get("predicate") or key)
    return {
        "id": eid,
        "from": u,
        "to": v,
        "key": str(key),
        "label": _short(relation),
        "relation": relation,
        "predicate": _text(attrs.get("predicate")),
        "event": str(attrs.get("event") or ""),
        "quad": quad,
        "negated": negated,
        "hypothetical": hypothetical,
        "symmetric": bool(attrs.get("symmetric")),
        "kind": _text(attrs.get("kind")),
        "count": count,
        "confidence": attrs.get("confidence"),
        "first_seen": _text(attrs.get("first_seen")),
        "last_seen": _text(attrs.get("last_seen")),
        "evidence": [_evidence(e) for e in evidence[:MAX_EVIDENCE]],
        "more_evidence": max(0, len(evidence) - MAX_EVIDENCE),
        "color": QUAD_COLORS.get(quad, _NO_QUAD_COLOR),
        "width": round(1.5 + 1.5 * math.log2(count), 2),
        # dotted: it did not happen; dashed: it might; both drawn faded
        "dashes": [2, 5] if negated else [9, 6] if hypothetical else False,
        "faded": negated or hypothetical,
    }


def _evidence(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "doc": _text(record.get("doc")),
        "sentence": record.get("sentence") if isinstance(record.get("sentence"), int) else None,
        "text": _text(record.get("text")) or "",
        "date": _text(record.get("date")),
        "title": _text(record.get("title")),
        "url": _http_url(record.get("url")),
        "location": _text(record.get("location")),
        "time": _text(record.get("time")),
        "attributed_to": _text(record.get("attributed_to")),
    }


def _spread_parallel(edges: list[dict[str, Any]]) -> None:
    """Curve edges that share a pair of nodes apart so each stays visible and clickable.

    The first edge of a pair is straight; the next ones bend to alternating
    sides, further each time. Curves are flipped for edges drawn the other way
    so that ``a -> b`` and ``b -> a`` never land on the same arc.
    """
    seen: Counter[tuple[str, str]] = Counter()
    for edge in edges:
        a, b = str(edge["from"]), str(edge["to"])
        pair = (a, b) if a <= b else (b, a)
        i = seen[pair]
        seen[pair] += 1
        if i == 0:
            edge["smooth"] = {"enabled": False}
            continue
        clockwise = (i % 2 == 1) == (pair == (a, b))
        edge["smooth"] = {
            "enabled": True,
            "type": "curvedCW" if clockwise else "curvedCCW",
            "roundness": round(0.25 * ((i + 1) // 2), 2),
        }


def _event_quad(edges: list[dict[str, Any]], event: str) -> str:
    if not event:
        return ""
    return next((e["quad"] for e in edges if e["event"] == event and e["quad"]), "")


def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as bundled in the pyvis package."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"{folder}: pyvis' bundled vis-network is missing ({exc.strerror}); reinstall pyvis"
        ) from exc
    # either would end (or, "<!--", bend) the element the file is inlined into
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise ExportError(f"{folder}: vis-network files cannot be inlined safely")
    return js, css


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg">
<title>__TITLE__</title>
<style>__VIS_CSS__</style>
<style>__APP_CSS__</style>
</head>
<body>
<header id="kg-header">
  <div class="kg-heading"><h1 id="kg-title"></h1><span id="kg-counts"></span></div>
  <form id="kg-search" role="search" autocomplete="off">
    <input id="kg-search-input" type="search" list="kg-names" placeholder="Find an entity\u2026"
           aria-label="Find an entity by name">
    <datalist id="kg-names"></datalist>
    <button type="submit">Find</button>
    <span id="kg-search-status" aria-live="polite"></span>
  </form>
</header>
<main id="kg-main">
  <aside id="kg-side">
    <p id="kg-note"></p>
    <section><h2>Entity types</h2><div id="kg-types"></div></section>
    <section><h2>Relations</h2><div id="kg-quads"></div></section>
    <section><h2>Event types</h2><div id="kg-events"></div></section>
  </aside>
  <div id="kg-network" aria-label="knowledge graph"></div>
  <aside id="kg-details" aria-live="polite"></aside>
  <div id="kg-progress"></div>
</main>
<script type="application/json" id="kg-data">__DATA__</script>
<script>__VIS_JS__</script>
<script>__APP_JS__</script>
</body>
</html>
"""

_APP_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:#222;background:#fafafa}
#kg-header{display:flex;align-items:center;justify-content:space-between;gap:16px;
  height:56px;padding:0 16px;background:#fff;border-bottom:1px solid #e3e3e3}
.kg-heading{display:flex;align-items:baseline;gap:14px;min-width:0}
#kg-title{font-size:18px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#kg-counts{color:#666;white-space:nowrap}
#kg-search{display:flex;gap:6px;align-items:center}
#kg-search input{width:240px;padding:5px 8px;border:1px solid #ccc;border-radius:4px;font:inherit}
#kg-search button{padding:5px 10px;border:1px solid #bbb;border-radius:4px;background:#f4f4f4;
  font:inherit;cursor:pointer}
#kg-search-status{color:#a33;min-width:70px}
#kg-main{position:relative;display:flex;height:calc(100% - 56px)}
#kg-side{width:210px;flex:none;overflow:auto;padding:10px 14px;background:#fff;
  border-right:1px solid #e3e3e3}
#kg-side h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#777;
  margin:14px 0 6px}
#kg-side label{display:flex;align-items:center;gap:6px;padding:1px 0;cursor:pointer}
#kg-side .n{margin-left:auto;color:#999;font-size:12px}
#kg-note{margin:4px 0 0;color:#555;font-size:12px}
.sw{display:inline-block;width:12px;height:12px;border-radius:50%;flex:none}
.ln{display:inline-block;width:26px;height:0;border-top:3px solid;flex:none}
.ln.dot{border-top-style:dotted;opacity:.6}.ln.dash{border-top-style:dashed;opacity:.6}
#kg-quads div{display:flex;align-items:center;gap:6px;padding:1px 0}
#kg-network{flex:1;min-width:0;background:#fff}
#kg-details{width:330px;flex:none;overflow:auto;padding:12px 16px;background:#fff;
  border-left:1px solid #e3e3e3}
#kg-details h2{font-size:16px;margin:0 0 8px;word-wrap:break-word}
#kg-details .kind{display:inline-block;padding:1px 7px;border-radius:9px;color:#fff;font-size:12px;
  margin-bottom:8px}
#kg-details dl{display:grid;grid-template-columns:auto 1fr;gap:3px 10px;margin:0 0 10px}
#kg-details dt{color:#777}#kg-details dd{margin:0;word-wrap:break-word}
#kg-details h3{font-size:13px;margin:12px 0 6px;color:#444}
#kg-details ol{padding-left:18px;margin:0}
#kg-details li{margin-bottom:10px}
#kg-details blockquote{margin:0 0 3px;padding-left:8px;border-left:3px solid #ddd}
#kg-details .meta{color:#777;font-size:12px}
#kg-details .hint{color:#777}
#kg-details button.fact{background:none;border:0;padding:0;color:#1a56a8;cursor:pointer;
  text-align:left;font:inherit}
#kg-details button.fact:hover{text-decoration:underline}
#kg-progress{position:absolute;left:50%;top:45%;transform:translate(-50%,-50%);color:#666;
  pointer-events:none}
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var stats = data.stats;
  var byNode = new Map(), byEdge = new Map();
  data.nodes.forEach(function (n) { byNode.set(n.id, n); });
  data.edges.forEach(function (e) { byEdge.set(e.id, e); });

  // Every document string reaches the DOM through text nodes, never as markup.
  function el(tag, cls, children) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === "") return;
      node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return node;
  }
  function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }
  function httpUrl(u) {
    if (typeof u !== "string") return null;
    try { var p = new URL(u); } catch (err) { return null; }
    return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
  }
  function nice(s) { return s ? s.replace(/_/g, " ") : ""; }
  function quadColor(q) {
    var hit = data.quads.find(function (x) { return x.name === q; });
    return (hit || data.quads[data.quads.length - 1]).color;
  }
  function fade(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // Heading and what was left out.
  document.getElementById("kg-title").textContent = data.title;
  document.getElementById("kg-counts").textContent = [
    plural(stats.documents, "document", "documents"),
    plural(stats.shown_nodes, "entity", "entities"),
    plural(stats.shown_edges, "fact", "facts")].join(" \u00b7 ");
  var left = [];
  if (stats.dropped_nodes) left.push("Showing the " + stats.shown_nodes.toLocaleString("en") +
    " most connected of " + (stats.shown_nodes + stats.dropped_nodes).toLocaleString("en") +
    " entities; " + plural(stats.dropped_nodes, "entity", "entities") + " left out.");
  if (stats.hidden_concepts) {
    left.push(plural(stats.hidden_concepts, "concept node", "concept nodes") + " (common nouns)" +
      (stats.concept_only ? " and " + plural(stats.concept_only, "entity", "entities") +
                            " linked only to them" : "") + " hidden.");
  }
  if (stats.shown_edges < stats.edges) {
    left.push(plural(stats.edges - stats.shown_edges, "fact", "facts") + " of " +
      stats.edges.toLocaleString("en") + " not shown.");
  }
  left.push("Node size: " + (stats.size_by === "degree" ? "connections" : "mentions") +
    "; edge width: evidence.");
  document.getElementById("kg-note").textContent = left.join(" ");

  // Legend that doubles as filters.
  function checkbox(value, swatch, text, count, onChange) {
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = value;
    box.addEventListener("change", onChange);
    return el("label", "", [box, swatch, text, el("span", "n", [count])]);
  }
  var typeBoxes = data.types.map(function (t) {
    var sw = el("span", "sw"); sw.style.background = t.color;
    return checkbox(t.name, sw, t.name, t.count, applyFilters);
  });
  typeBoxes.forEach(function (b) { document.getElementById("kg-types").appendChild(b); });
  var quadBox = document.getElementById("kg-quads");
  data.quads.forEach(function (q) {
    var ln = el("span", "ln"); ln.style.borderTopColor = q.color;
    quadBox.appendChild(el("div", "", [ln, q.name ? nice(q.name) : "no event type"]));
  });
  var styles = [["dot", "did not happen (negated)"], ["dash", "might happen (hypothetical)"]];
  styles.forEach(function (s) {
    var ln = el("span", "ln " + s[0]); ln.style.borderTopColor = "#555";
    quadBox.appendChild(el("div", "", [ln, s[1]]));
  });
  var eventBoxes = data.events.map(function (ev) {
    var sw = el("span", "sw"); sw.style.background = quadColor(ev.quad);
    return checkbox(ev.name, sw, ev.name || "(none)", ev.count, applyFilters);
  });
  eventBoxes.forEach(function (b) { document.getElementById("kg-events").appendChild(b); });

  // The network.
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, value: n.value, shape: "dot",
      color: {background: n.color, border: n.concept ? "#a8a8a8" : "#ffffff",
              highlight: {background: n.color, border: "#222"},
              hover: {background: n.color, border: "#222"}},
      font: n.concept ? {color: "#777", size: 12} : {color: "#1d1d1d"},
      borderWidth: n.concept ? 1 : 2
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var c = e.faded ? fade(e.color, 0.55) : e.color;
    return {
      id: e.id, from: e.from, to: e.to, label: e.label, width: e.width, dashes: e.dashes,
      smooth: e.smooth, arrows: {to: {enabled: !e.symmetric, scaleFactor: 0.55}},
      color: {color: c, highlight: e.color, hover: e.color},
      font: {color: e.faded ? "#999" : "#555"}
    };
  }));
  var big = data.nodes.length > 600;
  var options = {
    autoResize: true,
    layout: {randomSeed: 7, improvedLayout: data.layout.improved},
    nodes: {
      scaling: {min: 8, max: 30,
                label: {enabled: true, min: 14, max: 22, drawThreshold: 4, maxVisible: 30}},
      font: {face: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", strokeWidth: 3,
             strokeColor: "#ffffff"}
    },
    edges: {
      font: {size: 11, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff",
             align: "middle"},
      scaling: {label: {drawThreshold: 8}},
      selectionWidth: 2, hoverWidth: 1
    },
    physics: {
      enabled: data.layout.physics, solver: "barnesHut",
      barnesHut: {gravitationalConstant: -2600, centralGravity: 0.45, springLength: 90,
                  springConstant: 0.04, damping: 0.35, avoidOverlap: 0.4},
      stabilization: {enabled: true, iterations: data.layout.iterations, updateInterval: 25,
                      fit: true},
      minVelocity: 1.5
    },
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                  keyboard: false, multiselect: false}
  };
  var container = document.getElementById("kg-network");
  var progress = document.getElementById("kg-progress");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.kgNetwork = network;
  window.kgReady = false;
  function ready() {
    network.setOptions({physics: false});
    progress.textContent = "";
    window.kgReady = true;
  }
  if (data.layout.physics && data.nodes.length) {
    progress.textContent = "Laying out\u2026";
    network.on("stabilizationProgress", function (p) {
      progress.textContent = "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", ready);
  } else {
    ready();
  }

  // Details panel: hover previews, click pins.
  var panel = document.getElementById("kg-details");
  var pinned = false;
  function row(dl, name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", "", [name]));
    dl.appendChild(el("dd", "", [Array.isArray(value) ? value.join(", ") : value]));
  }
  function seen(x) {
    if (!x.first_seen) return null;
    return x.first_seen === x.last_seen ? x.first_seen : x.first_seen + " \u2013 " + x.last_seen;
  }
  function show(children) {
    panel.replaceChildren.apply(panel, children);
  }
  function showHelp() {
    show([el("h2", "", ["Details"]), el("p", "hint", [
      "Hover over or click an entity or a relation to see what the documents say. " +
      "Drag to move, scroll to zoom."])]);
  }
  function showNode(id) {
    var n = byNode.get(id);
    if (!n) return;
    var badge = el("span", "kind", [n.type]); badge.style.background = n.color;
    var dl = el("dl");
    row(dl, "Country", n.country);
    row(dl, "Mentions", n.mentions || null);
    row(dl, "Documents", n.docs || null);
    row(dl, "Facts", n.degree);
    row(dl, "Seen", seen(n));
    row(dl, "Aliases", n.aliases);
    var parts = [el("h2", "", [n.name]), badge, dl];
    if (n.roles.length) {
      parts.push(el("h3", "", ["Roles"]));
      parts.push(el("ol", "", n.roles.map(function (r) {
        return el("li", "", [r.title + (r.of ? " of " + r.of : ""),
          el("div", "meta", [[r.doc, r.date].filter(Boolean).join(", ")])]);
      })));
    }
    var connected = network.getConnectedEdges(id).filter(function (eid) {
      return !edges.get(eid).hidden;
    });
    var facts = connected.slice(0, 40).map(function (eid) {
      var e = byEdge.get(eid);
      var other = byNode.get(e.from === id ? e.to : e.from);
      var text = e.from === id ? "\u2192 " + e.relation + " \u2192 " + other.name
                               : other.name + " \u2192 " + e.relation + " \u2192";
      var open = el("button", "fact", [text]);
      open.type = "button";
      open.addEventListener("click", function () { pinned = true; showEdge(eid, true); });
      return el("li", "", [open, el("div", "meta", [[e.event, plural(e.count, "source", "sources")]
        .filter(Boolean).join(" \u00b7 ")])]);
    });
    if (facts.length) {
      parts.push(el("h3", "", [connected.length > facts.length ?
        "Facts (first " + facts.length + " of " + connected.length + ")" : "Facts"]));
      parts.push(el("ol", "", facts));
    }
    show(parts);
  }
  function showEdge(id, select) {
    var e = byEdge.get(id);
    if (!e) return;
    if (select) network.setSelection({nodes: [], edges: [id]}, {highlightEdges: false});
    var from = byNode.get(e.from), to = byNode.get(e.to);
    var flags = [];
    if (e.negated) flags.push("negated (did not happen)");
    if (e.hypothetical) flags.push("hypothetical (might happen)");
    if (e.symmetric) flags.push("symmetric");
    var badge = el("span", "kind", [e.event || "no event type"]);
    badge.style.background = e.color;
    var dl = el("dl");
    row(dl, "Class", nice(e.quad));
    row(dl, "Predicate", e.predicate);
    row(dl, "Status", flags);
    row(dl, "Evidence", plural(e.count, "sentence", "sentences"));
    row(dl, "Seen", seen(e));
    var items = e.evidence.map(function (ev) {
      var meta = el("div", "meta");
      var bits = [ev.doc, ev.date].filter(Boolean).join(", ");
      if (bits) meta.appendChild(document.createTextNode(bits));
      var url = httpUrl(ev.url);
      if (ev.title || url) {
        if (bits) meta.appendChild(document.createTextNode(" \u00b7 "));
        if (url) {
          var a = el("a", "", [ev.title || url]);
          a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
          meta.appendChild(a);
        } else {
          meta.appendChild(document.createTextNode(ev.title));
        }
      }
      var extra = [ev.location && "in " + ev.location, ev.time && "when: " + ev.time,
                   ev.attributed_to && "according to " + ev.attributed_to].filter(Boolean);
      return el("li", "", [el("blockquote", "", [ev.text]), meta,
                           extra.length ? el("div", "meta", [extra.join(" \u00b7 ")]) : null]);
    });
    var heading = from.name + " \u2014 " + e.relation + " \u2192 " + to.name;
    var parts = [el("h2", "", [heading]), badge, dl];
    if (items.length) { parts.push(el("h3", "", ["Evidence"])); parts.push(el("ol", "", items)); }
    if (e.more_evidence) {
      parts.push(el("p", "meta", ["and " + e.more_evidence + " more not shown"]));
    }
    show(parts);
  }
  network.on("click", function (p) {
    pinned = true;
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else { pinned = false; showHelp(); }
  });
  network.on("hoverNode", function (p) { if (!pinned) showNode(p.node); });
  network.on("hoverEdge", function (p) { if (!pinned) showEdge(p.edge); });
  showHelp();

  // Filters: hide what is unchecked; vis keeps hidden items in its data sets.
  function checked(boxes) {
    var on = new Set();
    boxes.forEach(function (b) {
      var box = b.querySelector("input");
      if (box.checked) on.add(box.value);
    });
    return on;
  }
  function applyFilters() {
    var types = checked(typeBoxes), events = checked(eventBoxes);
    nodes.update(data.nodes.map(function (n) { return {id: n.id, hidden: !types.has(n.type)}; }));
    edges.update(data.edges.map(function (e) {
      return {id: e.id, hidden: !events.has(e.event) || !types.has(byNode.get(e.from).type) ||
                                !types.has(byNode.get(e.to).type)};
    }));
  }

  // Search by name (or alias).
  var names = document.getElementById("kg-names");
  data.nodes.slice().sort(function (a, b) { return b.degree - a.degree; }).slice(0, 2000)
    .forEach(function (n) {
      var option = document.createElement("option");
      option.value = n.name;
      names.appendChild(option);
    });
  document.getElementById("kg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("kg-search-input").value.trim().toLowerCase();
    var status = document.getElementById("kg-search-status");
    status.textContent = "";
    if (!q) return;
    var visible = data.nodes.filter(function (n) { return !nodes.get(n.id).hidden; });
    var hit = visible.find(function (n) { return n.name.toLowerCase() === q; }) ||
      visible.find(function (n) { return n.name.toLowerCase().indexOf(q) >= 0; }) ||
      visible.find(function (n) {
        return n.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
      });
    if (!hit) { status.textContent = "no match"; return; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 400}});
    pinned = true;
    showNode(hit.id);
  });
})();
"""
