"""Shared fixtures: the real spaCy pipeline, loaded once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SHARED_GOLD = ROOT.parent / "shared" / "eval" / "seed_gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    import kg.nlp

    return kg.nlp.load()


def run_kg(
    *args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path | None = None
):
    """Run the real ``kg`` entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=600,
    )


def jsonl(text: bytes | str) -> list[dict]:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
