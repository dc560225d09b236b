"""Resolution: one node per real actor, states for capitals and agents, typed events."""

from __future__ import annotations

import pytest

from kg import events, gazetteer
from kg.pipeline import process
from kg.resolve import normalise_name
from kg.types import Document


def run(nlp, text: str):
    [result] = process([Document(id="r", text=text)], nlp)
    return result


# --- gazetteer: one test per entry class -------------------------------------------------
@pytest.mark.parametrize(
    "name,code",
    [
        ("the US", "USA"),
        ("United States", "USA"),
        ("PRC", "CHN"),
        ("Chinese", "CHN"),
        ("South Korean", "KOR"),
        ("North Korea", "PRK"),
        ("Russia", "RUS"),
        ("Cambodian", "KHM"),
        ("Britain", "GBR"),
        ("Türkiye", "TUR"),
    ],
)
def test_country_names_and_demonyms(name, code):
    assert gazetteer.country_code(name) == code


@pytest.mark.parametrize("name", ["Nara", "Gyeongju", "Manila", "IT", "Isfahan"])
def test_cities_and_codes_are_not_countries(name):
    assert gazetteer.country_code(name) is None


@pytest.mark.parametrize(
    "capital,code",
    [
        ("Beijing", "CHN"),
        ("Washington", "USA"),
        ("Moscow", "RUS"),
        ("the Kremlin", "RUS"),
        ("Ankara", "TUR"),
        ("New Delhi", "IND"),
        ("Brasilia", "BRA"),
        ("Pyongyang", "PRK"),
    ],
)
def test_capitals_and_seats_of_government(capital, code):
    assert gazetteer.state_of(capital) == code
    assert normalise_name(capital, "GPE").country == code
    assert normalise_name(capital, "GPE", as_place=True).name == capital.replace("the ", "")


@pytest.mark.parametrize(
    "alias,canonical",
    [
        ("EU", "European Union"),
        ("NATO", "NATO"),
        ("the UN", "United Nations"),
        ("ASEAN", "ASEAN"),
        ("African Union", "African Union"),
        ("APEC", "APEC"),
    ],
)
def test_international_organisations(alias, canonical):
    actor = normalise_name(alias, "ORG")
    assert (actor.name, actor.type) == (canonical, "ORG")


@pytest.mark.parametrize(
    "phrase,nationality,state,sector",
    [
        ("Chinese naval vessels", "Chinese", "China", "military"),
        ("Iranian drones", "Iranian", "Iran", "military"),
        ("North Korean forces", "North Korean", "North Korea", "military"),
        ("the Japanese defense ministry", "Japanese", "Japan", "government"),
        ("US prosecutors", "US", "United States", "judiciary"),
        ("South Korea's presidential office", "South Korea", "South Korea", "government"),
    ],
)
def test_nationality_agents_resolve_to_their_state(phrase, nationality, state, sector):
    actor = normalise_name(phrase, "CONCEPT", nationality=nationality)
    assert (actor.name, actor.type, actor.sector) == (state, "GPE", sector)


def test_nationality_groups_without_a_sector_stay_concepts():
    actor = normalise_name("Filipino Catholics", "CONCEPT", nationality="Filipino")
    assert actor.type == "CONCEPT" and actor.country == "PHL"


# --- within a document ---------------------------------------------------------------------
def test_capitals_acting_are_states_but_places_stay_places(nlp):
    r = run(nlp, "Beijing pressures Tokyo over its stance on Taiwan. Lee met Xi in Beijing.")
    facts = {(t.subject, t.relation, t.object, t.location) for t in r.triples}
    assert ("China", "pressures", "Japan", None) in facts
    assert ("Lee", "met", "Xi", "Beijing") in facts


def test_surname_and_pronoun_resolve_to_the_full_name(nlp):
    r = run(
        nlp,
        "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung "
        "in Nara. Takaichi said she told Lee that the two countries should cooperate.",
    )
    told = [t for t in r.triples if t.relation == "told"]
    assert [(t.subject, t.object) for t in told] == [("Sanae Takaichi", "Lee Jae-myung")]
    assert told[0].subject_country == "JPN" and told[0].object_country == "KOR"
    people = {e.name for e in r.entities if e.type == "PERSON"}
    assert people == {"Sanae Takaichi", "Lee Jae-myung"}


def test_group_descriptions_resolve_to_the_pair(nlp):
    r = run(
        nlp,
        "Japanese Prime Minister Sanae Takaichi called on South Korean President "
        "Lee Jae-myung to help. The two leaders met in Nara.",
    )
    assert any(
        t.relation == "met" and {t.subject, t.object} == {"Sanae Takaichi", "Lee Jae-myung"}
        for t in r.triples
    )


def test_different_people_with_a_shared_surname_stay_apart(nlp):
    r = run(nlp, "Lee Jae-myung met Lee Myung-bak in Seoul.")
    assert [(t.subject, t.object) for t in r.triples if t.relation == "met"] == [
        ("Lee Jae-myung", "Lee Myung-bak")
    ]


def test_unresolvable_pronoun_drops_its_triple(nlp):
    assert [t for t in run(nlp, "He visited Japan.").triples if t.relation == "visited"] == []


def test_roles_and_countries_on_person_entities(nlp):
    r = run(nlp, "Chinese President Xi Jinping met Lula.")
    [xi] = [e for e in r.entities if e.name == "Xi Jinping"]
    assert xi.country == "CHN" and [(ro.title, ro.of) for ro in xi.roles] == [
        ("president", "China")
    ]


def test_resolution_is_deterministic(nlp):
    text = "Beijing warned Tokyo. Takaichi said she would visit Seoul."
    assert run(nlp, text) == run(nlp, text)


# --- event types -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "predicate,event",
    [
        ("agree to a ceasefire", "AGREE"),
        ("meet", "CONSULT"),
        ("praise", "SUPPORT"),
        ("release prisoner", "CONCEDE"),
        ("restore diplomatic tie", "COOPERATE"),
        ("pledge humanitarian aid to", "AID"),
        ("withdraw troop from", "RETREAT"),
        ("call on", "REQUEST"),
        ("accuse", "ACCUSE"),
        ("summon ambassador", "ACCUSE"),
        ("reject", "REJECT"),
        ("warn", "THREATEN"),
        ("protest", "PROTEST"),
        ("block export to", "SANCTION"),
        ("impose sanction on", "SANCTION"),
        ("deploy", "MOBILIZE"),
        ("arrest", "COERCE"),
        ("extradite", "COERCE"),
        ("strike", "ASSAULT"),
        ("attack", "ASSAULT"),
        ("sign", "AGREE"),
        ("visit", "CONSULT"),
        ("talks", "CONSULT"),
        ("fine", "SANCTION"),
    ],
)
def test_event_type_per_plover_class(predicate, event):
    assert events.classify(predicate) == event


def test_every_plover_type_has_lexicon_entries_and_a_quad():
    covered = set(events.lexicon().values())
    assert covered == set(events.EVENT_TYPES)
    assert {events.quad_class(e) for e in events.EVENT_TYPES} == {q.value for q in events.QuadClass}


def test_unknown_predicate_has_no_event():
    assert events.classify("reach home in") is None


def test_state_agencies_named_as_organisations_are_the_state():
    actor = normalise_name("US Commerce Department", "ORG")
    assert (actor.name, actor.sector) == ("United States", "government")
    assert normalise_name("Chinese Communist Party", "ORG").type == "ORG"


def test_unnamed_official_of_a_state_acts_for_it(nlp):
    r = run(nlp, "Iran's foreign ministry summoned the British ambassador.")
    assert [(t.subject, t.object, t.object_sector) for t in r.triples] == [
        ("Iran", "United Kingdom", "government")
    ]


def test_both_countries_after_two_states_acted_together(nlp):
    r = run(
        nlp,
        "Pakistan and India exchanged fire along the border. "
        "The United Nations urged both countries to exercise restraint.",
    )
    urged = {t.object for t in r.triples if t.relation == "urged"}
    assert urged == {"Pakistan", "India"}


def test_bare_surname_in_a_later_document_joins_the_full_name(nlp):
    docs = [
        Document(id="1", text="Ukrainian President Volodymyr Zelensky met Donald Trump."),
        Document(id="2", text="Zelensky accused Moscow of war crimes."),
    ]
    later = list(process(docs, nlp))[1]
    assert [(t.subject, t.object) for t in later.triples if t.relation == "accused"] == [
        ("Volodymyr Zelensky", "Russia")
    ]


def test_shared_surname_across_documents_stays_apart(nlp):
    docs = [
        Document(id="1", text="Lee Jae-myung met Takaichi."),
        Document(id="2", text="Lee Myung-bak met Takaichi."),
        Document(id="3", text="Lee visited Tokyo."),
    ]
    last = list(process(docs, nlp))[2]
    assert {t.subject for t in last.triples} <= {"Lee"}


@pytest.mark.parametrize(
    "predicate,event",
    [
        ("agree to strengthen tie with", "AGREE"),
        ("seek to improve relation with", "COOPERATE"),
        ("pledge to strengthen alliance", "COOPERATE"),
        ("hit back at", "ACCUSE"),
        ("refuse to extradite businessman to", "REJECT"),
        ("plan to impose sanction on", "SANCTION"),
    ],
)
def test_the_governing_verb_decides_when_it_names_an_event(predicate, event):
    assert events.classify(predicate) == event


def test_group_description_prefers_the_more_salient_pair(nlp):
    r = run(
        nlp,
        "German Chancellor Friedrich Merz held talks with French President Emmanuel Macron. "
        "Merz's predecessor, Olaf Scholz, had clashed with Macron. "
        "Russia accused both leaders of prolonging the war.",
    )
    accused = {t.object for t in r.triples if t.relation == "accused"}
    assert accused == {"Friedrich Merz", "Emmanuel Macron"}


def test_possessor_of_the_object_is_reached(nlp):
    r = run(nlp, "Li Qiang said China would not interfere in Indonesia's internal affairs.")
    [t] = [t for t in r.triples if t.subject == "China"]
    assert (t.object, t.negated, t.hypothetical) == ("Indonesia", True, True)


def test_people_are_not_their_state(nlp):
    r = run(nlp, "Thailand deported a Chinese national on Friday.")
    assert [(t.subject, t.object, t.object_country) for t in r.triples] == [
        ("Thailand", "chinese national", "CHN")
    ]
