"""Resolution: raw triples of one document -> canonical triples and entities.

Pure over its inputs (the parsed Doc, its :class:`DocContext`, the raw triples
and the document's metadata); deterministic: the same input gives the same
output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .. import events, gazetteer
from ..extract.mentions import DocContext
from ..extract.verbs import HUMAN_NOUNS, MOTION_VERBS
from ..types import CONCEPT, Document, Entity, Mention, RawTriple, Role, Triple
from .actors import Actor, clean_name, normalise_name, state
from .coref import FEMALE, GROUP, MALE, NEUTER, Coref, NameRegistry, person_name

__all__ = ["Actor", "NameRegistry", "normalise_name", "resolve_document"]

_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
_STATE_GROUP_WORDS = frozenset(
    """
    countries nations neighbors neighbours sides governments allies rivals states
    """.split()
)


@dataclass
class _Ledger:
    """Entities of one document as they accumulate."""

    aliases: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    mentions: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    actors: dict[tuple[str, str], Actor] = field(default_factory=dict)

    def add(self, actor: Actor, mention: Mention) -> None:
        key = (actor.name, actor.type)
        self.actors.setdefault(key, actor._replace(sector=None))
        self.mentions[key] += 1
        cleaned = clean_name(mention.text)
        if (
            cleaned
            and cleaned != actor.name
            and mention.anaphor is None
            and (mention.label != CONCEPT or actor.type == CONCEPT)
        ):
            self.aliases[key].add(cleaned)


def resolve_document(
    doc: Doc,
    ctx: DocContext,
    raw: Iterable[RawTriple],
    document: Document,
    *,
    registry: NameRegistry | None = None,
) -> tuple[list[Triple], list[Entity]]:
    """Canonical triples and the entities they use, for one document.

    ``registry`` carries full person names across the documents of a corpus (it is
    read for bare names and updated with this document's full names).
    """
    raw = list(raw)
    coref = Coref.of(doc, ctx, registry)
    roles = _roles(raw, coref)
    person_country = {p: _country_of_roles(r) for p, r in roles.items()}
    for person, held in roles.items():  # "Takaichi's predecessor": same state as Takaichi
        if person_country.get(person) is None:
            for _, owner in held:
                if owner and person_country.get(owner):
                    person_country[person] = person_country[owner]
                    break
    ledger = _Ledger()
    out: list[Triple] = []
    groups = _Groups(salience=lambda a: ledger.mentions.get((a.name, a.type), 0))

    def actor_for(m: Mention, *, place: bool = False, sentence: int = 0) -> list[Actor]:
        if m.anaphor is not None:
            found = _anaphor(m, coref, roles, groups, sentence, person_country)
            if not found and m.nationality is not None:
                # "the British ambassador", no such person named: the state acting through them
                actor = normalise_name(m.text, CONCEPT, nationality=m.nationality)
                return [actor] if actor.type != CONCEPT else []
            return found
        if m.label == "PERSON":
            name = coref.persons.get(m.text) or person_name(m.text)
            return [Actor(name, "PERSON", person_country.get(name))]
        return [
            normalise_name(
                m.text, m.label, nationality=m.nationality, as_place=place, proper=m.proper
            )
        ]

    for t in raw:
        place = t.head in MOTION_VERBS  # "arrived in Beijing": the city, not the state
        subjects = actor_for(t.subject, sentence=t.sentence)
        objects = (
            subjects
            if t.subject is t.object
            else actor_for(t.object, place=place, sentence=t.sentence)
        )
        if t.symmetric and t.subject.token == t.object.token:
            if len(subjects) != 2:
                continue
            pairs = [(subjects[0], subjects[1])]  # "they met": the group's two members
        else:
            pairs = [(s, o) for s in subjects for o in objects]
        attributed = (
            actor_for(t.attributed_to, sentence=t.sentence) if t.attributed_to is not None else []
        )
        event = events.classify(t.predicate) if t.kind == "event" else None
        for s, o in pairs:
            if t.kind == "role" and o.type == "NORP":
                code = gazetteer.country_code(o.name)
                o = state(code) if code else o
            if o.type == CONCEPT and s.type != CONCEPT:
                o = _target(t.object, o, event, doc, coref, person_country)
            if s.name == o.name and s.type == o.type:
                continue
            if s.type == CONCEPT and o.type == CONCEPT:
                continue
            ledger.add(s, t.subject)
            ledger.add(o, t.object)
            if t.kind == "event":
                groups.saw(s, o, t.sentence, together=t.symmetric)
            out.append(
                Triple(
                    doc=t.doc,
                    sentence=t.sentence,
                    text=document.text[t.start : t.end] if t.start is not None else t.text,
                    subject=s.name,
                    subject_type=s.type,
                    subject_text=t.subject.text,
                    relation=t.relation,
                    predicate=t.predicate,
                    object=o.name,
                    object_type=o.type,
                    object_text=t.object.text,
                    negated=t.negated,
                    hypothetical=t.hypothetical,
                    event=event,
                    quad=events.quad_class(event),
                    confidence=t.confidence,
                    symmetric=t.symmetric,
                    kind=t.kind,
                    location=t.location,
                    time=t.time,
                    start=t.start,
                    end=t.end,
                    attributed_to=attributed[0].name if len(attributed) == 1 else None,
                    subject_country=s.country or person_country.get(s.name),
                    object_country=o.country or person_country.get(o.name),
                    subject_sector=s.sector,
                    object_sector=o.sector,
                    date=document.date,
                )
            )
    if registry is not None:
        for name in coref.persons.values():
            if len(name.replace("-", " ").split()) >= 2:
                registry.add(name)
    entities = [
        Entity(
            name=name,
            type=type_,
            country=actor.country or person_country.get(name),
            sector=actor.sector,
            aliases=tuple(sorted(ledger.aliases[(name, type_)])),
            roles=tuple(
                Role(title, of, document.id, document.date)
                for title, of in roles.get(name, ())
                if type_ == "PERSON"
            ),
            mentions=ledger.mentions[(name, type_)],
        )
        for (name, type_), actor in sorted(ledger.actors.items())
    ]
    return out, entities


def _roles(raw: list[RawTriple], coref: Coref) -> dict[str, list[tuple[str, str | None]]]:
    """Person -> [(title, owner)] stated in the document (role triples and bare titles)."""
    bare: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for t in raw:  # bare titles before names: "Prime Minister Sanae Takaichi"
        for m in (t.subject, t.object):
            if m.label == "PERSON" and m.title:
                person = coref.persons.get(m.text) or person_name(m.text)
                title = " ".join(
                    w for w in m.title.lower().split() if w.strip(".") not in gazetteer.HONORIFICS
                )
                if title and gazetteer.is_title(title):
                    roles[person]  # noqa: B018 - creates the entry
                    bare[person].add(title)
    for t in raw:
        if t.kind != "role" or t.subject.label != "PERSON":
            continue
        person = coref.persons.get(t.subject.text) or person_name(t.subject.text)
        title = t.predicate.rsplit(" ", 1)[0]
        owner = normalise_name(t.object.text, t.object.label, nationality=t.object.nationality)
        if owner.type == "NORP":
            code = gazetteer.country_code(owner.name)
            owner = state(code) if code else owner
        if owner.type == "PERSON":
            owner = Actor(coref.persons.get(t.object.text) or person_name(owner.name), "PERSON")
        entry = (title, owner.name)
        if entry not in roles[person]:
            roles[person].append(entry)
    for person, titles in bare.items():
        for title in sorted(titles):
            if not any(held == title for held, _ in roles[person]):
                roles[person].append((title, None))
    return roles


def _country_of_roles(roles: list[tuple[str, str | None]]) -> str | None:
    for _, owner in roles:
        if owner:
            code = gazetteer.country_code(owner)
            if code:
                return code
    return None


def _target(
    m: Mention, concept: Actor, event: str | None, doc: Doc, coref: Coref, person_country
) -> Actor:
    """The actor reached through its thing, as event coders code it.

    A possessor always (``interfere in Indonesia's affairs`` reaches Indonesia,
    ``criticized Trump's policy`` Trump); a nationality only in conflict events
    (``tariffs on Chinese goods`` hit China). People are not their state: ``deported
    a Chinese national`` stays about the national.
    """
    if doc[m.token].lemma_.lower() in HUMAN_NOUNS:
        return concept
    if m.owner and m.owner_label == "PERSON":
        name = coref.persons.get(m.owner) or person_name(m.owner)
        return Actor(name, "PERSON", person_country.get(name))
    if m.owner and m.owner_label is not None:
        owner = normalise_name(m.owner, m.owner_label)
        return owner if owner.type != CONCEPT else concept
    if concept.country and events.is_conflict(event):
        return state(concept.country)
    return concept


@dataclass
class _Groups:
    """Pairs of actors seen acting together (``Lee and Takaichi met``) or on each other,
    for ``they``, ``the two leaders``, ``both countries``.

    A description takes, within :data:`_GROUP_WINDOW` sentences, a pair that acted
    together before one that only acted on each other, then the more salient pair
    (more mentions so far), then the latest.
    """

    salience: Callable[[Actor], int]
    people_seen: list[tuple[int, bool, tuple[Actor, Actor]]] = field(default_factory=list)
    states_seen: list[tuple[int, tuple[Actor, Actor]]] = field(default_factory=list)

    def saw(self, s: Actor, o: Actor, sentence: int, *, together: bool) -> None:
        if s.type == o.type == "PERSON":
            self.people_seen.append((sentence, together, (s, o)))
        elif s.type == o.type == "GPE" and together:
            self.states_seen.append((sentence, (s, o)))

    def people(self, sentence: int) -> tuple[int, tuple[Actor, Actor]] | None:
        """The pair of people a group description most likely means."""
        recent = [g for g in self.people_seen if sentence - g[0] <= _GROUP_WINDOW]
        if not recent:
            return None
        best = max(recent, key=lambda g: (g[1], sum(self.salience(a) for a in g[2]), g[0]))
        return best[0], best[2]

    def states(
        self, sentence: int, countries: dict[str, str | None]
    ) -> tuple[int, tuple[Actor, Actor]] | None:
        """The latest pair of states: acting together, or the states of the likeliest people."""
        options = [g for g in self.states_seen if sentence - g[0] <= _GROUP_WINDOW]
        people = self.people(sentence)
        if people is not None:
            first, second = (p.country or countries.get(p.name) for p in people[1])
            if first and second and first != second:
                options.append((people[0], (state(first), state(second))))
        return max(options, key=lambda o: o[0]) if options else None


_GROUP_WINDOW = 4  # sentences a group description may look back


def _anaphor(
    m: Mention, coref: Coref, roles, groups: _Groups, sentence: int, person_country
) -> list[Actor]:
    """Resolve a pronoun or definite description; [] when unsure."""
    a = m.anaphor or ""
    if a in MALE or a in FEMALE:
        name = coref.pronoun(m.token)
        return [Actor(name, "PERSON", person_country.get(name))] if name else []
    if a in NEUTER:
        reporter = coref.reporting_subject(m.token)  # "Canberra announced it would ..."
        if reporter is not None:
            actor = normalise_name(*reporter)
            if actor.type in ("GPE", "ORG"):
                return [actor]
        seen = coref.recent(m.token, ("GPE", "ORG"))
        return [normalise_name(seen.name, seen.label)] if seen else []
    if a in _FIRST_PERSON:
        return []
    words = a.split()
    group = (
        a in GROUP
        or words[0] in ("both", "two")
        or "two" in words
        or (words[-1].endswith("s") and words[-1] not in ("sides",) and len(words) > 1)
    )
    if group:
        states = groups.states(sentence, person_country)
        if words[-1] in _STATE_GROUP_WORDS:
            if states is None and words[-1] in ("sides", "parties"):
                people = groups.people(sentence)  # "the two sides" may be two delegations
                return list(people[1]) if people else []
            return list(states[1]) if states else []
        people = groups.people(sentence)
        if a in GROUP and states and (people is None or states[0] > people[0]):
            return list(states[1])  # "they" after two states acted together
        return list(people[1]) if people else []
    # "the prime minister", "the Brazilian president": the latest person holding that title
    rest = [w for w in words if w not in ("the", "this", "that")]
    nationality = [w for w in rest if not gazetteer.is_title(w)]
    title = " ".join(w for w in rest if gazetteer.is_title(w))
    code = gazetteer.country_code(" ".join(nationality)) if nationality else None
    if title and (not nationality or code):
        name = coref.holder(title, m.token, roles, country=code, countries=person_country)
        return [Actor(name, "PERSON", person_country.get(name))] if name else []
    return []
