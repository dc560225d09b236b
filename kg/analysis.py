"""Notebook analysis: load a graph in one call, then rank, slice and look at it.

The functions here answer the questions an analyst asks first, as pandas
DataFrames: who are the central actors (:func:`top_actors`), which pairs of
actors deal with each other most (:func:`dyads`), what exactly passed between
two of them and when (:func:`dyad`, :func:`dyad_timeline`), how states relate
once their people and agencies are folded in (:func:`by_country`), who surrounds
an actor (:func:`ego`), what happened in a window of time (:func:`subgraph`),
and what the RDF says (:func:`sparql`). :func:`show` embeds the HTML viewer in a
notebook cell. Nothing is computed at import time; matplotlib and IPython are
imported only by the functions that draw.

*Actors* are the nodes that are not ``CONCEPT`` (people, states,
organisations, ...). Functions that take an actor accept a node id
(``PERSON:Xi Jinping``), a label (``Xi Jinping``) or an alias, in any case.

Example:
    >>> g = _example()
    >>> top_actors(g, n=2)[["label", "degree"]].to_dict("records")
    [{'label': 'China', 'degree': 4}, {'label': 'Xi Jinping', 'degree': 3}]
    >>> dyad(g, "xi jinping", "Lee Jae-myung")[["date", "relation", "quad"]].to_dict("records")[0]
    {'date': '2025-10-01', 'relation': 'met', 'quad': 'verbal_cooperation'}
"""

from __future__ import annotations

import datetime as _dt
import difflib
import html as _html
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from .errors import InputError, StoreError
from .events import EVENT_TYPES
from .graph import build_graph, new_graph, node_attributes
from .types import CONCEPT, Document, DocumentResult, Entity, Role, Triple

if TYPE_CHECKING:
    from IPython.display import HTML
    from matplotlib.axes import Axes

__all__ = [
    "actor_id",
    "by_country",
    "dyad",
    "dyad_timeline",
    "dyads",
    "ego",
    "event_counts",
    "from_triples",
    "load",
    "plot_timeline",
    "read_triples",
    "show",
    "sparql",
    "subgraph",
    "top_actors",
]

#: Columns of :func:`dyad`, in order.
DYAD_COLUMNS: tuple[str, ...] = (
    "date",
    "subject",
    "relation",
    "object",
    "predicate",
    "event",
    "quad",
    "negated",
    "hypothetical",
    "kind",
    "doc",
    "sentence",
    "text",
    "confidence",
    "key",
)
_TRIPLE_FIELDS = frozenset(f.name for f in fields(Triple))


# -- loading ---------------------------------------------------------------------------------


def load(path: str | Path, *, model: str | None = None) -> nx.MultiDiGraph:
    """The graph of a corpus or of a ``kg build`` output folder, in one call.

    * A folder holding ``triples.jsonl`` (what ``kg build -o DIR`` writes), or a
      triples file itself, is read back with :func:`read_triples` and
      :func:`from_triples`: no parsing, so it takes a fraction of a second.
    * Anything else (a ``.txt`` or ``.jsonl`` corpus, or a folder of them) runs
      the whole pipeline with the spaCy model chosen by :func:`kg.nlp.load`.

    Args:
        path: a corpus path or a build output folder.
        model: spaCy pipeline name for corpora (default: see :mod:`kg.nlp`).

    Raises:
        InputError: the path is missing, or a document or triple cannot be read.
        ModelError: a corpus needs the spaCy model and it is not installed.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "note.txt").write_text("China blocked exports to Japan.")
        >>> sorted(load(d / "note.txt").nodes)
        ['GPE:China', 'GPE:Japan']
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir() and (path / "triples.jsonl").is_file():
        return from_triples(read_triples(path / "triples.jsonl"))
    if path.is_file() and path.suffix == ".jsonl" and _is_triples_file(path):
        return from_triples(read_triples(path))

    from . import nlp
    from .io import read_documents
    from .pipeline import process

    return build_graph(process(read_documents([path]), nlp.load(model)))


def _is_triples_file(path: Path) -> bool:
    """Whether the first record of a JSON Lines file is a triple (not a document)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(record, dict) and {"subject", "predicate", "object"} <= set(
                    record
                )
    return False


def read_triples(path: str | Path) -> Iterator[Triple]:
    """Yield the :class:`~kg.types.Triple` of each line of a ``triples.jsonl`` file.

    Keys the contract does not know are ignored, so files written by a newer
    ``kg`` still load.

    Raises:
        InputError: the file cannot be read, or a line is not a triple (names file and line).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "triples.jsonl"
        >>> _ = p.write_text('{"subject": "Lee"}\\n')
        >>> list(read_triples(p))
        Traceback (most recent call last):
        ...
        kg.errors.InputError: ...triples.jsonl:1: not a triple (missing doc, ...)
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}: not a triple (a JSON object is expected)")
            try:
                yield Triple(**{k: v for k, v in record.items() if k in _TRIPLE_FIELDS})
            except TypeError as exc:
                required = [
                    f.name for f in fields(Triple) if f.default is MISSING and f.name not in record
                ]
                raise InputError(
                    f"{path}:{number}: not a triple (missing {', '.join(required) or exc})"
                ) from exc


def from_triples(triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """Rebuild the graph from triples alone (the ``kg extract`` contract).

    Triples are grouped by document, in order of first appearance; each group
    becomes a :class:`~kg.types.DocumentResult` merged by
    :func:`kg.graph.build_graph`, so the merge policy is the same as
    ``kg build``'s. What triples do not carry is derived or left out: an
    entity's ``country`` is the first one its triples state, its ``aliases``
    are the surface spans that differ from its name and look like names (every
    word capitalised, not a pronoun; any span for a concept), its
    ``mentions`` count the triples it appears in, its ``roles`` come from role
    triples (``prime minister of Japan``); a document's date is its triples'
    date, its ``sentences`` the index of its last sentence with a fact plus
    one, and title, url and source are unknown. Documents without any triple
    are not in the register.

    Example:
        >>> t = Triple(doc="d", sentence=0, text="Lee met Xi.", subject="Lee",
        ...            subject_type="PERSON", subject_text="Lee", relation="met",
        ...            predicate="meet", object="Xi",
        ...            object_type="PERSON", object_text="Xi", date="2025-10-01")
        >>> g = from_triples([t])
        >>> list(g.edges(keys=True)), g.nodes["PERSON:Lee"]["first_seen"]
        ([('PERSON:Lee', 'PERSON:Xi', 'meet|0|0')], '2025-10-01')
    """
    by_doc: dict[str, list[Triple]] = {}
    for triple in triples:
        by_doc.setdefault(triple.doc, []).append(triple)
    return build_graph(_result(doc_id, group) for doc_id, group in by_doc.items())


def _result(doc_id: str, triples: list[Triple]) -> DocumentResult:
    from .resolve.actors import clean_name
    from .resolve.coref import FEMALE, GROUP, MALE, NEUTER

    pronouns = MALE | FEMALE | NEUTER | GROUP

    date = next((t.date for t in triples if t.date), None)
    country: dict[tuple[str, str], str | None] = {}
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    mentions: dict[tuple[str, str], int] = defaultdict(int)
    roles: dict[tuple[str, str], list[Role]] = defaultdict(list)
    for t in triples:
        for name, type_, surface, code in (
            (t.subject, t.subject_type, t.subject_text, t.subject_country),
            (t.object, t.object_type, t.object_text, t.object_country),
        ):
            key = (name, type_)
            mentions[key] += 1
            if country.get(key) is None:
                country[key] = code
            alias = clean_name(surface or "")
            if (
                alias
                and alias != name
                and alias.lower() not in pronouns
                and (type_ == CONCEPT or _looks_like_name(alias))
            ):
                aliases[key].add(alias)
        if t.kind == "role" and t.subject_type == "PERSON":
            role = Role(t.predicate.rsplit(" ", 1)[0], t.object, doc_id, date)
            if role not in roles[(t.subject, t.subject_type)]:
                roles[(t.subject, t.subject_type)].append(role)
    entities = tuple(
        Entity(
            name=name,
            type=type_,
            country=country.get((name, type_)),
            aliases=tuple(sorted(aliases[(name, type_)])),
            roles=tuple(roles[(name, type_)]),
            mentions=count,
        )
        for (name, type_), count in sorted(mentions.items())
    )
    document = Document(id=doc_id, text="", date=date)
    sentences = max(t.sentence for t in triples) + 1
    return DocumentResult(document, sentences, tuple(triples), entities)


def _looks_like_name(text: str) -> bool:
    """Whether every word is capitalised: ``Beijing`` yes, ``Russian drones`` no."""
    return all(w[:1].isupper() or not w[:1].isalpha() for w in text.split())


# -- actors ----------------------------------------------------------------------------------


def _is_actor(data: dict[str, Any]) -> bool:
    return data.get("type") != CONCEPT


def _actor_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph of actors: concepts are not bridges between actors."""
    actors = [n for n, d in graph.nodes(data=True) if _is_actor(d)]
    return nx.Graph(graph.subgraph(actors))


def actor_id(graph: nx.MultiDiGraph, actor: str) -> str:
    """The node id ``actor`` names: a node id, a label or an alias, in any case.

    Labels win over aliases and actors over concepts when a name matches more
    than one node.

    Raises:
        InputError: nothing matches (the message suggests close labels), or the
            name is ambiguous (the message lists the candidates).

    Example:
        >>> g = _example()
        >>> actor_id(g, "xi jinping"), actor_id(g, "GPE:China")
        ('PERSON:Xi Jinping', 'GPE:China')
        >>> actor_id(g, "Xi Jinpin")
        Traceback (most recent call last):
        ...
        kg.errors.InputError: no node named 'Xi Jinpin'; did you mean: Xi Jinping?
    """
    if actor in graph:
        return actor
    wanted = actor.casefold().strip()
    for field_ in ("label", "aliases"):
        found = [n for n, d in graph.nodes(data=True) if wanted in _names(d, field_)]
        actors = [n for n in found if _is_actor(graph.nodes[n])]
        found = actors or found
        if len(found) == 1:
            return found[0]
        if found:
            raise InputError(
                f"{actor!r} names {len(found)} nodes: {', '.join(sorted(found))}; pass a node id"
            )
    labels = sorted({str(d.get("label", n)) for n, d in graph.nodes(data=True)})
    close = difflib.get_close_matches(actor, labels, n=3)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise InputError(f"no node named {actor!r}{hint}")


def _names(data: dict[str, Any], field_: str) -> set[str]:
    value = data.get(field_)
    values = value if isinstance(value, list) else [value]
    return {str(v).casefold() for v in values if v}


def top_actors(graph: nx.MultiDiGraph, n: int = 10) -> pd.DataFrame:
    """The ``n`` most connected actors (``CONCEPT`` nodes excluded).

    Columns: ``id``, ``label``, ``type``, ``country``; ``degree`` (distinct facts
    the actor takes part in, either direction), ``weighted_degree`` (the same
    facts weighted by their evidence ``count``: how often they were reported),
    ``betweenness`` (normalised betweenness centrality in the undirected graph
    of actors only, so that a shared concept such as ``attack`` does not link
    two actors) and ``documents``. Ranked by degree, then weighted degree, then
    betweenness, then label; the index is the rank from 1.

    Example:
        >>> top_actors(_example(), n=3)["label"].tolist()
        ['China', 'Xi Jinping', 'Lee Jae-myung']
    """
    between = nx.betweenness_centrality(_actor_graph(graph))
    rows = []
    for nid, data in graph.nodes(data=True):
        if not _is_actor(data):
            continue
        edges = [*graph.out_edges(nid, data=True), *graph.in_edges(nid, data=True)]
        rows.append(
            {
                "id": nid,
                "label": data.get("label", nid),
                "type": data.get("type"),
                "country": data.get("country"),
                "degree": len(edges),
                "weighted_degree": sum(int(d.get("count", 1)) for _, _, d in edges),
                "betweenness": round(between.get(nid, 0.0), 4),
                "documents": len(data.get("docs", [])),
            }
        )
    columns = [
        "id",
        "label",
        "type",
        "country",
        "degree",
        "weighted_degree",
        "betweenness",
        "documents",
    ]
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(
        ["degree", "weighted_degree", "betweenness", "label"], ascending=[False, False, False, True]
    ).head(n)
    table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
    return table


# -- dyads -----------------------------------------------------------------------------------


def _cooperation(quad: str | None) -> str | None:
    """``cooperation``/``conflict`` from a PLOVER quad class (``None`` when untyped)."""
    if not isinstance(quad, str) or not quad:  # None, or NaN once in a pandas column
        return None
    return quad.rsplit("_", 1)[-1]


def dyads(graph: nx.MultiDiGraph, *, kind: str | None = "event") -> pd.DataFrame:
    """Pairs of actors ranked by how much passed between them, either direction.

    Columns: ``a``, ``b`` (node ids, sorted), ``facts`` (distinct edges),
    ``evidence`` (their evidence records), ``cooperation`` and ``conflict``
    (evidence records of facts in each half of the PLOVER quad classes).
    Ranked by evidence, then facts, then the ids.

    Args:
        kind: only facts of this kind (``event`` by default, so that ``president
            of`` does not make a person and their state a busy dyad); ``None``
            for all.

    Example:
        >>> dyads(_example()).iloc[0].to_dict()
        {'a': 'PERSON:Lee Jae-myung', 'b': 'PERSON:Xi Jinping', 'facts': 2, 'evidence': 3, \
'cooperation': 2, 'conflict': 1}
    """
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, data in graph.edges(data=True):
        if kind is not None and data.get("kind") != kind:
            continue
        if not (_is_actor(graph.nodes[u]) and _is_actor(graph.nodes[v])):
            continue
        a, b = sorted((u, v))
        row = table.setdefault(
            (a, b), {"a": a, "b": b, "facts": 0, "evidence": 0, "cooperation": 0, "conflict": 0}
        )
        count = int(data.get("count", 1))
        row["facts"] += 1
        row["evidence"] += count
        side = _cooperation(data.get("quad"))
        if side in ("cooperation", "conflict"):
            row[side] += count
    columns = ["a", "b", "facts", "evidence", "cooperation", "conflict"]
    frame = pd.DataFrame(list(table.values()), columns=columns)
    frame = frame.sort_values(["evidence", "facts", "a", "b"], ascending=[False, False, True, True])
    return frame.reset_index(drop=True)


def dyad(graph: nx.MultiDiGraph, a: str, b: str) -> pd.DataFrame:
    """Every fact between two actors, in either direction: one row per evidence record.

    A fact reported in three documents gives three rows (``key`` is the edge key
    they share). Columns are :data:`DYAD_COLUMNS`; ``subject`` and ``object``
    are labels, so the direction of each fact is visible. Rows are sorted by
    date (undated last), document, sentence, subject and key.

    Raises:
        InputError: ``a`` or ``b`` names no node (see :func:`actor_id`).

    Example:
        >>> rows = dyad(_example(), "Lee Jae-myung", "Xi Jinping")
        >>> for row in rows[["date", "subject", "relation", "object"]].values[:2]:
        ...     print(*row, sep=" | ")
        2025-10-01 | Lee Jae-myung | met | Xi Jinping
        2025-11-20 | Xi Jinping | criticised | Lee Jae-myung
    """
    u, v = actor_id(graph, a), actor_id(graph, b)
    rows = []
    for s, o in ((u, v), (v, u)) if u != v else ((u, v),):
        for key, data in graph.get_edge_data(s, o, default={}).items():
            for ev in data.get("evidence", []):
                rows.append(
                    {
                        "date": ev.get("date"),
                        "subject": graph.nodes[s].get("label", s),
                        "relation": data.get("relation"),
                        "object": graph.nodes[o].get("label", o),
                        "predicate": data.get("predicate"),
                        "event": data.get("event"),
                        "quad": data.get("quad"),
                        "negated": bool(data.get("negated")),
                        "hypothetical": bool(data.get("hypothetical")),
                        "kind": data.get("kind"),
                        "doc": ev.get("doc"),
                        "sentence": ev.get("sentence"),
                        "text": ev.get("text"),
                        "confidence": ev.get("confidence"),
                        "key": key,
                    }
                )
    rows.sort(
        key=lambda r: (
            r["date"] is None,
            r["date"] or "",
            str(r["doc"]),
            r["sentence"] or 0,
            r["subject"],
            r["key"],
        )
    )
    return pd.DataFrame(rows, columns=list(DYAD_COLUMNS))


def dyad_timeline(
    graph: nx.MultiDiGraph,
    a: str,
    b: str,
    freq: str = "M",
    *,
    start: str | _dt.date | None = None,
    end: str | _dt.date | None = None,
) -> pd.DataFrame:
    """Cooperation and conflict between two actors per period.

    Counts :func:`dyad` rows (evidence records) per period of their document
    date, split by the quad class: ``*_cooperation`` vs ``*_conflict``. Rows
    without a date or a quad class (roles, untyped relations) are not counted.
    Every period from the first to the last dated row is present, with zeros
    where nothing happened.

    Args:
        freq: a pandas period alias: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``.
        start: extend the periods back to this date (e.g. the corpus's first),
            so that timelines of different dyads share an axis.
        end: extend the periods forward to this date.

    Returns:
        A DataFrame indexed by ``pandas.Period`` with integer columns
        ``cooperation`` and ``conflict`` (empty when nothing is dated).

    Example:
        >>> t = dyad_timeline(_example(), "Lee Jae-myung", "Xi Jinping")
        >>> [(str(p), int(r.cooperation), int(r.conflict)) for p, r in t.iterrows()]
        [('2025-10', 1, 0), ('2025-11', 1, 1)]
        >>> len(dyad_timeline(_example(), "Lee Jae-myung", "Xi Jinping", end="2025-12-31"))
        3
    """
    lo, hi = _date(start, "start"), _date(end, "end")
    rows = dyad(graph, a, b)
    rows = rows.assign(side=rows["quad"].map(_cooperation))
    rows = rows[rows["date"].notna() & rows["side"].isin(["cooperation", "conflict"])]
    columns = ["cooperation", "conflict"]
    periods = pd.to_datetime(rows["date"].str[:10]).dt.to_period(freq)
    bounds = [*periods, *(pd.Period(d, freq=freq) for d in (lo, hi) if d is not None)]
    if rows.empty and not bounds:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64") for c in columns},
            index=pd.PeriodIndex([], freq=freq, name="period"),
        )
    counts = pd.crosstab(periods, rows["side"]).reindex(columns=columns, fill_value=0)
    full = pd.period_range(min(bounds), max(bounds), freq=freq, name="period")
    counts = counts.reindex(full, fill_value=0).astype("int64")
    counts.columns.name = None
    return counts


def plot_timeline(
    timeline: pd.DataFrame, *, title: str | None = None, ax: Axes | None = None
) -> Axes:
    """Draw a :func:`dyad_timeline` as side-by-side bars (cooperation green, conflict red).

    Imports matplotlib; returns the Axes (a new figure when ``ax`` is ``None``).

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> ax = plot_timeline(dyad_timeline(_example(), "Lee Jae-myung", "Xi Jinping"))
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['cooperation', 'conflict']
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
    labels = [_period_label(p) for p in timeline.index]
    x = range(len(labels))
    width = 0.4
    ax.bar(
        [i - width / 2 for i in x],
        timeline["cooperation"],
        width,
        label="cooperation",
        color="#2e8b57",
    )
    ax.bar(
        [i + width / 2 for i in x], timeline["conflict"], width, label="conflict", color="#c0392b"
    )
    ax.set_xticks(list(x), labels, rotation=45 if len(labels) > 8 else 0, ha="center")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("reported facts")
    ax.set_xlabel("")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False)
    if title:
        ax.set_title(title)
    return ax


def _period_label(period: Any) -> str:
    if isinstance(period, pd.Period) and period.freqstr.startswith("M"):
        return period.strftime("%b %Y")
    return str(period)


def event_counts(graph: nx.MultiDiGraph) -> pd.Series:
    """Evidence records per PLOVER event type, most frequent first (untyped facts left out).

    Example:
        >>> event_counts(_example()).to_dict()
        {'ACCUSE': 2, 'CONSULT': 2, 'REQUEST': 1, 'SANCTION': 1}
    """
    counts: dict[str, int] = defaultdict(int)
    for _, _, data in graph.edges(data=True):
        if data.get("event"):
            counts[data["event"]] += int(data.get("count", 1))
    series = pd.Series(counts, dtype="int64", name="evidence")
    series = series.iloc[
        sorted(range(len(series)), key=lambda i: (-series.iloc[i], series.index[i]))
    ]
    series.index.name = "event"
    return series


# -- slices ----------------------------------------------------------------------------------


def ego(graph: nx.MultiDiGraph, actor: str, radius: int = 1) -> nx.MultiDiGraph:
    """The actor and every node within ``radius`` steps (either direction), as a new graph.

    Node, edge and graph attributes are copied (the input is not changed); the
    document register keeps only documents cited by the kept edges.

    Example:
        >>> sorted(ego(_example(), "Sanae Takaichi").nodes)
        ['GPE:China', 'GPE:Japan', 'PERSON:Sanae Takaichi']
    """
    center = actor_id(graph, actor)
    kept = nx.ego_graph(graph, center, radius=radius, undirected=True)
    return _copy(graph, kept.edges(keys=True, data=True), extra_nodes=kept.nodes)


def subgraph(
    graph: nx.MultiDiGraph,
    *,
    events: str | Iterable[str] | None = None,
    start: str | _dt.date | None = None,
    end: str | _dt.date | None = None,
) -> nx.MultiDiGraph:
    """The facts of some event types and/or a date window, as a new graph.

    ``start`` and ``end`` (ISO dates, inclusive) filter each edge's evidence by
    its document date: an edge keeps only its evidence in the window (``count``,
    ``confidence``, ``first_seen`` and ``last_seen`` are recomputed) and is
    dropped when none is left; undated evidence is dropped when a window is
    given. Nodes are those of the kept edges. The input is not changed.

    Args:
        events: PLOVER event type(s) to keep (``"CONSULT"`` or ``["ASSAULT", "COERCE"]``).
        start: first date kept.
        end: last date kept.

    Raises:
        InputError: an unknown event type (the message lists the valid ones) or a
            date that is not ISO ``YYYY-MM-DD``.

    Example:
        >>> g = subgraph(_example(), events="ACCUSE", start="2025-12-01")
        >>> [(u, v, d["count"]) for u, v, d in g.edges(data=True)]
        [('GPE:China', 'GPE:Japan', 1)]
    """
    wanted = _event_set(events)
    lo, hi = _date(start, "start"), _date(end, "end")
    edges = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        if wanted is not None and data.get("event") not in wanted:
            continue
        if lo is None and hi is None:
            edges.append((u, v, key, data))
            continue
        evidence = [ev for ev in data.get("evidence", []) if _in_window(ev.get("date"), lo, hi)]
        if not evidence:
            continue
        dates = sorted(ev["date"] for ev in evidence)
        edges.append(
            (
                u,
                v,
                key,
                {
                    **data,
                    "evidence": evidence,
                    "count": len(evidence),
                    "confidence": max(float(ev.get("confidence") or 0.0) for ev in evidence),
                    "first_seen": dates[0],
                    "last_seen": dates[-1],
                },
            )
        )
    return _copy(graph, edges)


def by_country(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph seen state by state: every actor with a country folded into its state.

    People, ministries, armed forces and cities with a ``country`` code become
    the node of that state (``GPE:China``, named by :mod:`kg.gazetteer`), so
    that :func:`dyads`, :func:`dyad_timeline` and :func:`top_actors` compare
    countries; actors without a country (``European Union``) and concepts stay
    as they are. Edges that land on the same pair of nodes with the same key
    merge as in :func:`kg.graph.add_result`: evidence records are pooled
    (one per document and sentence), ``count`` is their number, ``confidence``
    the max, ``first_seen``/``last_seen`` the extremes, and a symmetric fact
    keeps the direction first seen. An edge that falls inside one state (Xi
    Jinping ``president of`` China) is dropped. Each state node lists the node
    ids folded into it in ``members``. The input is not changed.

    Example:
        >>> states = by_country(_example())
        >>> sorted(states.nodes)
        ['GPE:China', 'GPE:Japan', 'GPE:South Korea']
        >>> states.nodes["GPE:China"]["members"]
        ['GPE:China', 'PERSON:Xi Jinping']
    """
    from . import gazetteer
    from .types import entity_id

    target: dict[str, str] = {}
    for nid, data in graph.nodes(data=True):
        code = data.get("country")
        if data.get("type") == CONCEPT or not code:
            target[nid] = nid
        else:
            target[nid] = entity_id(gazetteer.country_name(code) or code, "GPE")
    out = new_graph()
    out.graph.update({k: v for k, v in graph.graph.items() if k != "documents"})
    out.graph["documents"] = {d: dict(meta) for d, meta in graph.graph.get("documents", {}).items()}
    for nid, data in graph.nodes(data=True):
        _fold_node(out, target[nid], nid, data)
    for u, v, key, data in graph.edges(keys=True, data=True):
        su, sv = target[u], target[v]
        if su == sv:
            continue
        if data.get("symmetric") and not out.has_edge(su, sv, key) and out.has_edge(sv, su, key):
            su, sv = sv, su
        if not out.has_edge(su, sv, key):
            out.add_edge(su, sv, key=key, **{**_deep(data), "evidence": []})
        edge = out.edges[su, sv, key]
        seen = {(e.get("doc"), e.get("sentence")) for e in edge["evidence"]}
        for ev in data.get("evidence", []):
            if (ev.get("doc"), ev.get("sentence")) not in seen:
                edge["evidence"].append(dict(ev))
                seen.add((ev.get("doc"), ev.get("sentence")))
        edge["count"] = len(edge["evidence"])
        edge["confidence"] = max(
            float(edge.get("confidence") or 0), float(data.get("confidence") or 0)
        )
        for field_, pick in (("first_seen", min), ("last_seen", max)):
            values = [x for x in (edge.get(field_), data.get(field_)) if x]
            edge[field_] = pick(values) if values else None
    return out


def _fold_node(out: nx.MultiDiGraph, nid: str, member: str, data: dict[str, Any]) -> None:
    """Merge node ``member`` (attributes ``data``) into node ``nid`` of ``out``."""
    if nid not in out:
        if nid == member:
            out.add_node(nid, **_deep(data), members=[member])
            return
        out.add_node(
            nid, **node_attributes(nid.partition(":")[2], "GPE", data.get("country")), members=[]
        )
    node = out.nodes[nid]
    node["members"] = sorted({*node["members"], member})
    names = {*node.get("aliases", []), *data.get("aliases", [])}
    if member != nid:
        names.add(str(data.get("label", member)))
    node["aliases"] = sorted(names - {node["label"]})
    node["roles"] = [
        *node.get("roles", []),
        *(r for r in data.get("roles", []) if r not in node.get("roles", [])),
    ]
    node["mentions"] = int(node.get("mentions") or 0) + int(data.get("mentions") or 0)
    node["docs"] = sorted({*node.get("docs", []), *data.get("docs", [])})
    for field_, pick in (("first_seen", min), ("last_seen", max)):
        values = [x for x in (node.get(field_), data.get(field_)) if x]
        node[field_] = pick(values) if values else None


def _event_set(events: str | Iterable[str] | None) -> set[str] | None:
    if events is None:
        return None
    names = {events} if isinstance(events, str) else set(events)
    unknown = sorted(names - set(EVENT_TYPES))
    if unknown:
        raise InputError(
            f"unknown event type(s) {', '.join(map(repr, unknown))}; "
            f"valid types: {', '.join(EVENT_TYPES)}"
        )
    return names


def _date(value: str | _dt.date | None, name: str) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value if not isinstance(value, _dt.datetime) else value.date()
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"{name}={value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _in_window(date: str | None, lo: _dt.date | None, hi: _dt.date | None) -> bool:
    if not date:
        return False
    try:
        day = _dt.date.fromisoformat(date[:10])
    except ValueError:
        return False
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def _copy(
    graph: nx.MultiDiGraph,
    edges: Iterable[tuple[str, str, str, dict[str, Any]]],
    *,
    extra_nodes: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """A new graph with ``edges``, their nodes (plus ``extra_nodes``) and a trimmed register."""
    out = new_graph()
    out.graph.update({k: v for k, v in graph.graph.items() if k != "documents"})
    cited: set[str] = set()
    for u, v, key, data in edges:
        for n in (u, v):
            if n not in out:
                out.add_node(n, **_deep(graph.nodes[n]))
        out.add_edge(u, v, key=key, **_deep(data))
        cited.update(str(ev.get("doc")) for ev in data.get("evidence", []))
    for n in extra_nodes:
        if n not in out:
            out.add_node(n, **_deep(graph.nodes[n]))
    documents = graph.graph.get("documents", {})
    out.graph["documents"] = {d: dict(meta) for d, meta in documents.items() if d in cited}
    return out


def _deep(data: dict[str, Any]) -> dict[str, Any]:
    """Copy of an attribute dict whose lists (evidence, aliases, roles) are new lists."""
    return {
        k: ([dict(x) if isinstance(x, dict) else x for x in v] if isinstance(v, list) else v)
        for k, v in data.items()
    }


# -- viewing ---------------------------------------------------------------------------------


def show(
    graph: nx.MultiDiGraph, *, width: str = "100%", height: str = "620px", **options: Any
) -> HTML:
    """The HTML viewer of ``graph`` for a notebook cell, self-contained in an ``<iframe>``.

    Writes the ``html`` export (:mod:`kg.export`) to a temporary file and embeds
    it as the iframe's ``srcdoc``, so it shows in Jupyter, VS Code and Colab
    alike and needs no server or file next to the notebook (pyvis's own
    notebook display is blank in the last two).

    Args:
        width: CSS width of the frame.
        height: CSS height of the frame.
        **options: passed to the HTML writer (:func:`kg.export.html.write_html`),
            e.g. ``hide_concepts=True`` or ``top=50``.

    Example:
        >>> frame = show(_example())
        >>> frame.data.startswith('<div><iframe srcdoc="&lt;'), "&quot;" in frame.data
        (True, True)
    """
    from IPython.display import HTML

    from . import export

    with tempfile.TemporaryDirectory(prefix="kg-show-") as tmp:
        path = export.get("html").write(graph, Path(tmp) / "graph.html", **options)
        page = path.read_text(encoding="utf-8")
    # Wrapped in a div: IPython warns about a bare <iframe> and suggests IFrame,
    # which needs a URL, i.e. a file next to the notebook and a server.
    # Sandboxed without allow-same-origin, so the page's scripts cannot reach the
    # notebook; popups escape the sandbox so article links open normally.
    sandbox = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
    return HTML(
        f'<div><iframe srcdoc="{_html.escape(page, quote=True)}" '
        f'style="width: {_html.escape(width)}; height: {_html.escape(height)}; border: 0" '
        f'sandbox="{sandbox}" loading="lazy"></iframe></div>'
    )


# -- SPARQL ----------------------------------------------------------------------------------


def sparql(source: Any, query: str) -> pd.DataFrame:
    """Run a SPARQL query; one DataFrame column per variable.

    Queries see every graph merged as the default graph, and kg's prefixes
    (``kg:``, ``rel:``, ``sem:``, ``plover:``, ``schema:``, ... see
    :data:`kg.export.vocab.PREFIXES`) are declared, as in ``kg query``.

    Args:
        source: where the RDF is: a ``kg build`` output folder (its embedded
            store ``DIR/store``, or ``DIR/graph.ttl`` for a build made with
            ``--no-store``), a store folder, an RDF file (``.ttl``, ``.nt``,
            ``.nq``, ``.trig``, ...), an object with ``.query(sparql) ->
            (variables, rows)`` such as :class:`kg.store.EmbeddedStore`, or a
            graph (loaded into a temporary embedded store).
        query: the SPARQL query.

    Returns:
        IRIs and strings as ``str``, numbers and booleans as Python values,
        unbound values as ``None``. An ``ASK`` gives one column ``ask``.

    Raises:
        StoreError: the query is invalid or the store failed.
        InputError: ``source`` holds no RDF.

    Example:
        >>> q = "SELECT ?type WHERE { ?f kg:subject ?s ; sem:eventType ?type } ORDER BY ?type"
        >>> sparql(_example(), q)["type"].str.rsplit("/", n=1).str[-1].tolist()
        ['ACCUSE', 'ACCUSE', 'CONSULT', 'REQUEST', 'SANCTION']
    """
    from .store import EmbeddedStore

    if hasattr(source, "query") and not isinstance(source, (str, Path, nx.Graph)):
        return _frame(*source.query(query))
    if isinstance(source, nx.MultiDiGraph):
        with (
            tempfile.TemporaryDirectory(prefix="kg-sparql-") as tmp,
            EmbeddedStore(Path(tmp) / "store") as store,
        ):
            store.add_graph(source)
            return _frame(*store.query(query))
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    store_dir = path / "store" if (path / "store").is_dir() else path
    if store_dir.is_dir() and (store_dir / "CURRENT").is_file():  # a pyoxigraph (RocksDB) store
        with EmbeddedStore(store_dir, read_only=True) as store:
            return _frame(*store.query(query))
    rdf = path / "graph.ttl" if path.is_dir() else path
    if not rdf.is_file():
        raise InputError(f"{path}: no RDF here (expected DIR/store, DIR/graph.ttl or an RDF file)")
    return _query_file(rdf, query)


def _query_file(path: Path, query: str) -> pd.DataFrame:
    """Answer ``query`` from an RDF file loaded into an in-memory store."""
    import pyoxigraph

    from .export.vocab import PREFIXES

    fmt = (
        pyoxigraph.RdfFormat.from_extension(path.suffix.lstrip(".")) or pyoxigraph.RdfFormat.TURTLE
    )
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot load {fmt.name} ({exc})") from exc
    try:
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise StoreError(f"SPARQL syntax error: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"SPARQL query failed: {exc}") from exc
    if isinstance(result, pyoxigraph.QueryBoolean):
        return _frame(["ask"], [(bool(result),)])
    if isinstance(result, pyoxigraph.QueryTriples):
        return _frame(
            ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in result]
        )
    variables = [v.value for v in result.variables]
    return _frame(variables, [tuple(solution) for solution in result])


def _frame(variables: Iterable[Any], rows: Iterable[Iterable[Any]]) -> pd.DataFrame:
    names = [str(getattr(v, "value", v)).lstrip("?") for v in variables]
    return pd.DataFrame([[_plain(x) for x in row] for row in rows], columns=names)


_NUMERIC = {
    "integer": int,
    "int": int,
    "long": int,
    "short": int,
    "byte": int,
    "nonNegativeInteger": int,
    "positiveInteger": int,
    "nonPositiveInteger": int,
    "negativeInteger": int,
    "unsignedInt": int,
    "unsignedLong": int,
    "decimal": float,
    "double": float,
    "float": float,
}


def _plain(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (as :class:`kg.store.EmbeddedStore` gives)."""
    if term is None or isinstance(term, (str, int, float, bool)):
        return term
    value = getattr(term, "value", None)
    if value is None:
        return str(term)
    if type(term).__name__ == "BlankNode":
        return f"_:{value}"
    datatype = getattr(term, "datatype", None)
    if datatype is not None:
        local = str(getattr(datatype, "value", datatype)).rsplit("#", 1)[-1]
        if local in _NUMERIC:
            try:
                return _NUMERIC[local](value)
            except ValueError:
                return value
        if local == "boolean":
            return value in ("true", "1")
    return value


# -- examples --------------------------------------------------------------------------------


def _example() -> nx.MultiDiGraph:
    """A three-document graph for the examples, built by the real pipeline."""
    from . import nlp
    from .pipeline import process

    docs = [
        Document(
            id="d1",
            date="2025-10-01",
            text="South Korean President Lee Jae-myung met Chinese President Xi Jinping in "
            "Gyeongju. China blocked exports to Japan.",
        ),
        Document(
            id="d2",
            date="2025-11-20",
            text="Xi Jinping criticised Lee Jae-myung. Lee Jae-myung met Xi Jinping again.",
        ),
        Document(
            id="d3",
            date="2025-12-03",
            text="China accused Japan of provocation. Japanese Prime Minister Sanae Takaichi "
            "called on China to talk.",
        ),
    ]
    return build_graph(process(docs, nlp.load()))
