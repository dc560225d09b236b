"""Bad input: clear one-line errors, warnings that name the document, nothing lost."""

from __future__ import annotations

import json

import pytest
from conftest import jsonl, run_kg

from kg.errors import InputError
from kg.io import read_documents


def _lines(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_missing_path_is_an_error_without_traceback(tmp_path):
    result = run_kg("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "nope.txt: no such file or directory" in err and "Traceback" not in err


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("x")
    real = type(path).read_bytes

    def deny(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(type(path), "read_bytes", deny)
    with pytest.raises(InputError, match="locked.txt: cannot read"):
        list(read_documents([path]))


def test_malformed_jsonl_line_warns_with_file_and_line_and_keeps_the_rest(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        _lines(
            {"id": "ok1", "text": "Lee met Takaichi."},
            "{not json",
            {"id": "ok2", "text": "China blocked exports to Japan."},
        )
    )
    result = run_kg("extract", str(path))
    assert result.returncode == 0
    assert f"{path}:2: not valid JSON" in result.stderr.decode()
    assert {r["doc"] for r in jsonl(result.stdout)} == {"ok1", "ok2"}


def test_strict_turns_a_bad_line_into_an_error(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(_lines({"id": "ok1", "text": "Lee met Takaichi."}, "{not json"))
    result = run_kg("extract", "--strict", str(path))
    assert result.returncode == 1
    assert f"{path}:2: not valid JSON" in result.stderr.decode()


def test_non_utf8_document_among_many_is_named_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text("Lee met Takaichi.", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Lee met Takaichi in Málaga.".encode("latin-1"))
    result = run_kg("extract", str(tmp_path))
    assert result.returncode == 0
    assert "latin.txt: not UTF-8" in result.stderr.decode()
    assert {r["doc"] for r in jsonl(result.stdout)} == {"good"}


def test_single_non_utf8_document_fails_the_run(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9")
    result = run_kg("extract", str(path))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "not UTF-8" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "name,content", [("empty.txt", b""), ("empty.jsonl", b""), ("blank.txt", b"  \n")]
)
def test_empty_file_is_reported_and_fails_alone(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_kg("extract", str(path))
    assert result.returncode == 1
    assert b"empty" in result.stderr or b"no documents" in result.stderr


def test_jsonl_line_without_text_names_the_line(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text(_lines({"id": "a"}, {"id": "b", "text": "Lee met Takaichi."}))
    problems: list[InputError] = []
    docs = list(read_documents([path], on_problem=problems.append))
    assert [d.id for d in docs] == ["b"]
    assert [str(p) for p in problems] == [f"{path}:1: missing string field 'text'"]


def test_stdin_jsonl_is_detected():
    import io

    data = io.BytesIO(_lines({"id": "s1", "text": "Lee met Takaichi."}).encode())
    [doc] = read_documents(["-"], stdin=data)
    assert doc.id == "s1"
