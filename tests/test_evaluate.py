"""kg eval: the matching rules, the report and the command."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED_GOLD, run_kg

from kg.errors import InputError
from kg.evaluate import GoldTriple, matches, norm, read_gold
from kg.types import Triple


def pred(subject, relation, obj, *, subject_text=None, object_text=None, **flags) -> Triple:
    return Triple(
        doc="d", sentence=0, text="", subject=subject, subject_type="GPE",
        subject_text=subject_text or subject, relation=relation,
        predicate=relation.lower(), object=obj, object_type="GPE",
        object_text=object_text or obj, **flags,
    )  # fmt: skip


@pytest.mark.parametrize(
    "name,expected",
    [("The Kremlin's", "kremlin"), ("Lee Jae-myung", "lee jae myung"), ("  U.S. ", "u s")],
)
def test_norm_drops_article_possessive_and_punctuation(name, expected):
    assert norm(name) == expected


def test_relation_must_contain_an_accepted_word_and_negation_must_agree():
    gold = GoldTriple("China", ("block", "blocked"), "Japan")
    assert matches(pred("China", "blocked exports to", "Japan"), gold)
    assert not matches(pred("China", "praised", "Japan"), gold)
    assert not matches(pred("China", "blocked exports to", "Japan", negated=True), gold)


def test_symmetric_gold_matches_either_order():
    gold = GoldTriple("Japan", ("spat",), "China", sym=True)
    assert matches(pred("China", "spat with", "Japan"), gold)
    assert not matches(pred("China", "spat with", "Japan"), GoldTriple("Japan", ("spat",), "China"))


def test_relaxed_accepts_aliases_strict_needs_canonical_names():
    gold = GoldTriple("China", ("pressure", "pressures"), "Japan")
    by_capital = pred("Beijing", "pressures", "Tokyo")
    assert matches(by_capital, gold) and not matches(by_capital, gold, strict=True)
    person = GoldTriple("Sanae Takaichi", ("met",), "Lee Jae-myung", sym=True)
    assert matches(pred("Takaichi", "met", "Lee"), person)
    assert not matches(pred("Takaichi", "met", "Lee"), person, strict=True)


def test_strict_also_needs_the_same_modality():
    gold = GoldTriple("China", ("attack",), "Taiwan", hyp=True)
    assert matches(pred("China", "attack", "Taiwan"), gold)
    assert not matches(pred("China", "attack", "Taiwan"), gold, strict=True)
    assert matches(pred("China", "attack", "Taiwan", hypothetical=True), gold, strict=True)


def test_bad_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "triples": []}) + "\n{oops\n")
    with pytest.raises(InputError, match=r"gold.jsonl:2: not a gold record"):
        read_gold(path)


def test_eval_command_scores_a_small_gold_file(tmp_path):
    record = {
        "id": "g1",
        "text": "Japanese Prime Minister Sanae Takaichi met Lee. China blocked exports to Japan.",
        "triples": [
            {"s": "China", "p": ["block"], "o": "Japan", "sym": False, "neg": False,
             "hyp": False, "event": "SANCTION"},
            {"s": "China", "p": ["invade"], "o": "Taiwan", "sym": False, "neg": False,
             "hyp": False, "event": "ASSAULT"},
        ],
        "roles": [{"person": "Sanae Takaichi", "role": "prime minister", "of": "Japan"}],
    }  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n")
    result = run_kg("eval", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["counts"]["gold"] == 3 and report["counts"]["found"] == 2
    assert report["role_recall"] == 1.0 and report["event_accuracy"] == 1.0
    assert report["misses"] == ["g1: fact (China, invade, Taiwan)"]
    failing = run_kg("eval", str(gold), "--fail-under", "0.99", "-q")
    assert failing.returncode == 1 and b"under --fail-under" in failing.stderr


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="the shared seed gold is not beside the repo")
def test_seed_gold_meets_the_targets():
    relaxed = json.loads(run_kg("eval", str(SHARED_GOLD), "--json").stdout)
    strict = json.loads(run_kg("eval", str(SHARED_GOLD), "--json", "--strict").stdout)
    assert relaxed["f1"] >= 0.75
    assert strict["f1"] >= 0.70 and strict["event_accuracy"] >= 0.85


def test_second_development_set_scores_well():
    """tests/data/dev_gold.jsonl: original news-style paragraphs written for kg."""
    from conftest import ROOT

    gold = ROOT / "tests" / "data" / "dev_gold.jsonl"
    report = json.loads(run_kg("eval", str(gold), "--json", "--strict").stdout)
    assert report["f1"] >= 0.85 and report["event_accuracy"] >= 0.85
