"""notebooks/analysis.ipynb runs headless, top to bottom, and shows what it promises."""

from __future__ import annotations

import time

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"


def _read():
    import nbformat

    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_committed_without_outputs():
    nb = _read()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_notebook_explains_every_step_in_markdown():
    nb = _read()
    for before, cell in zip(nb.cells, nb.cells[1:], strict=False):
        if cell.cell_type == "code":
            assert before.cell_type == "markdown" and before.source.strip(), cell.source[:60]


@pytest.fixture(scope="module")
def executed():
    """The notebook run by a real Jupyter kernel on the current Python."""
    from nbclient import NotebookClient

    nb = _read()
    started = time.monotonic()
    # kernel_name python3 is ipykernel's own spec: the interpreter running the tests.
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    return nb, time.monotonic() - started


def _outputs(nb, mime):
    return [
        o["data"][mime]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if mime in o.get("data", {})
    ]


@pytest.mark.notebook
def test_notebook_runs_every_cell_within_two_minutes(executed):
    nb, seconds = executed  # a failing cell raises CellExecutionError in the fixture
    assert seconds < 120
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o["output_type"] == "error"
    ]
    assert errors == []


@pytest.mark.notebook
def test_notebook_draws_the_event_chart_and_two_timelines(executed):
    nb, _ = executed
    assert len(_outputs(nb, "image/png")) == 3


@pytest.mark.notebook
def test_notebook_shows_tables_and_the_inline_viewer(executed):
    nb, _ = executed
    pages = _outputs(nb, "text/html")
    assert any("<iframe srcdoc=" in p for p in pages)
    assert any("weighted_degree" in p for p in pages)  # the top actors table
    assert any("who" in p and "whom" in p for p in pages)  # the SPARQL result
