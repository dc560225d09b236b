"""Property tests: normalisers and clean-up never crash and keep their promises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import gazetteer
from kg.events import classify
from kg.extract.clean import clean_text
from kg.pipeline import process
from kg.resolve.actors import clean_name, normalise_name
from kg.types import CONCEPT, Document

LABELS = st.sampled_from(["PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", CONCEPT])
PIECES = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:'\"“”‘’()[]-\n")
    + ["習", "近", "平", "é", "ü", "—", "Photo: AFP\n", "DENIAL: ", " China ", " met ",
       " Lee ", " Beijing ", " the ", " said ", " not ", " could ", " sanctions on "]
)  # fmt: skip
NEWSY = st.lists(PIECES, max_size=80).map("".join)


@given(NEWSY)
def test_clean_text_keeps_length_and_line_breaks(text):
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert [i for i, c in enumerate(cleaned) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert clean_text(cleaned) == cleaned


@given(st.text(max_size=60), LABELS, st.one_of(st.none(), st.text(max_size=20)))
def test_normalise_name_never_fails_and_is_stable(text, label, nationality):
    actor = normalise_name(text, label, nationality=nationality)
    assert actor == normalise_name(text, label, nationality=nationality)
    assert actor.country is None or gazetteer.country_name(actor.country)


@given(st.text(max_size=60))
def test_clean_name_is_idempotent(text):
    assert clean_name(clean_name(text)) == clean_name(text)


@given(st.text(max_size=40))
def test_country_code_is_none_or_a_known_code(text):
    code = gazetteer.country_code(text)
    assert code is None or gazetteer.country_name(code)


@given(
    st.lists(st.sampled_from(["meet", "with", "to", "block", "export", "agree", "x"]), max_size=6)
)
def test_classify_is_none_or_a_plover_type(words):
    from kg.events import EVENT_TYPES

    assert classify(" ".join(words)) in (None, *EVENT_TYPES)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(NEWSY)
def test_pipeline_never_fails_and_offsets_point_into_the_text(nlp, text):
    if not text.strip():
        return
    [result] = process([Document(id="p", text=text)], nlp)
    for t in result.triples:
        assert t.text == text[t.start : t.end]
        assert t.subject and t.object and 0 <= t.confidence <= 1


def test_clean_text_blanks_a_caption_after_a_kicker():
    assert clean_text("DENIAL: Photo: AFP\n") == " " * 18 + "\n"
