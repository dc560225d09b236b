"""Shared fixtures: the real spaCy pipeline, loaded once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# property tests explore the same examples on every run: a CI failure reproduces locally
# (no deadline: the first call loads country tables, and speed is measured in bench/)
settings.register_profile("kg", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("kg")

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
