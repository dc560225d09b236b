"""The public API: sorted, complete, every name loads, importing kg stays cheap."""

from __future__ import annotations

import subprocess
import sys

import kg


def test_all_is_sorted_complete_and_every_name_loads():
    assert kg.__all__ == sorted(kg.__all__)
    assert set(kg.__all__) == {*kg._EXPORTS, "__version__"}
    for name in kg.__all__:
        assert getattr(kg, name) is not None


def test_unknown_attribute_is_an_attribute_error():
    try:
        kg.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_does_not_load_spacy_or_rdflib():
    code = "import sys, kg; print('spacy' in sys.modules, 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_errors_share_one_base():
    for name in ("InputError", "ModelError", "ExportError", "StoreError"):
        assert issubclass(getattr(kg, name), kg.KGError)
