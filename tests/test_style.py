"""House style holds: ruff (lint and format) and mypy are clean."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "kg", "tests", "bench"],
        ["ruff", "format", "--check", "kg", "tests", "bench"],
        ["mypy", "kg"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_is_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
