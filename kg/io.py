"""Reading corpora and writing JSON Lines.

Supported inputs (see the README):

* a ``.txt`` file: one document, id = file stem;
* a ``.jsonl`` file: one document per line with ``id``, ``text`` and optional
  ``date``, ``title``, ``url``, ``source``;
* a directory: its ``.txt`` and ``.jsonl`` files, sorted by name;
* ``-``: standard input, one text document (id ``stdin``), or JSON Lines when the
  first non-blank character is ``{``.

Documents are yielded lazily, so a corpus is never held in memory whole.
A problem with one document (a malformed JSONL line, bytes that are not UTF-8,
an empty file) is passed to ``on_problem`` and reading goes on; with
``strict=True`` it is raised instead. A path that does not exist is always an
error.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .types import Document

Problem = Callable[[InputError], None]

SUFFIXES = (".txt", ".jsonl")
_FIELDS = ("date", "title", "url", "source")


def _raise(problem: InputError) -> None:
    raise problem


def read_documents(
    inputs: Iterable[str | Path],
    *,
    strict: bool = False,
    on_problem: Problem | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every input, in order.

    Args:
        inputs: paths (files or directories) or ``"-"`` for standard input.
        strict: raise on the first bad document instead of reporting it.
        on_problem: called with an :class:`InputError` for each skipped document;
            defaults to raising.
        stdin: byte stream read for ``"-"`` (defaults to ``sys.stdin.buffer``).

    Raises:
        InputError: a path is missing or unreadable, or a document is bad and
            ``strict`` is set (or no ``on_problem`` was given).

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "note.txt").write_text("Lee met Takaichi.")
        >>> [doc.id for doc in read_documents([d / "note.txt"])]
        ['note']
    """
    report = _raise if (strict or on_problem is None) else on_problem
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stdin(stream, report)
            continue
        path = Path(item)
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
            if not files:
                report(InputError(f"{path}: directory has no .txt or .jsonl files"))
            for file in files:
                yield from _read_file(file, report)
        else:
            yield from _read_file(path, report)


def _read_file(path: Path, report: Problem) -> Iterator[Document]:
    if path.suffix == ".jsonl":
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
        with handle:
            yield from _read_jsonl(handle, str(path), path.stem, report)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    doc = _text_document(data, path.stem, str(path), report)
    if doc is not None:
        yield doc


def _read_stdin(stream: IO[bytes], report: Problem) -> Iterator[Document]:
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from _read_jsonl(io.BytesIO(data), "<stdin>", "stdin", report)
        return
    doc = _text_document(data, "stdin", "<stdin>", report)
    if doc is not None:
        yield doc


def _text_document(data: bytes, doc_id: str, origin: str, report: Problem) -> Document | None:
    text = _decode(data, origin, report)
    if text is None:
        return None
    if not text.strip():
        report(InputError(f"{origin}: empty document, nothing to extract"))
        return None
    return Document(id=doc_id, text=text, origin=origin)


def _decode(data: bytes, origin: str, report: Problem) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report(
            InputError(
                f"{origin}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "re-encode the file as UTF-8"
            )
        )
        return None


def _read_jsonl(handle: IO[bytes], origin: str, stem: str, report: Problem) -> Iterator[Document]:
    seen = 0
    for lineno, raw in enumerate(handle, start=1):
        where = f"{origin}:{lineno}"
        line = _decode(raw, where, report)
        if line is None or not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report(InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        doc = _record_document(record, where, f"{stem}-{lineno}", report)
        if doc is not None:
            seen += 1
            yield doc
    if seen == 0:
        report(InputError(f"{origin}: no documents (empty JSON Lines file)"))


def _record_document(record: Any, where: str, fallback_id: str, report: Problem) -> Document | None:
    if not isinstance(record, dict):
        report(InputError(f"{where}: expected a JSON object, got {type(record).__name__}"))
        return None
    text = record.get("text")
    if not isinstance(text, str):
        report(InputError(f"{where}: missing string field 'text'"))
        return None
    if not text.strip():
        report(InputError(f"{where}: empty 'text', nothing to extract"))
        return None
    doc_id = record.get("id", fallback_id)
    extra = {k: (str(record[k]) if record.get(k) is not None else None) for k in _FIELDS}
    return Document(id=str(doc_id), text=text, origin=where, **extra)


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write one JSON object per line; return how many were written."""
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count
