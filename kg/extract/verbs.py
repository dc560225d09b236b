"""Verb rules: clauses -> raw triples.

Each rule says which construction it covers. The relation keeps the words a
reader needs (``blocked exports to``, ``agreed to strengthen cooperation on``);
the predicate is the same phrase in lemmas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TypeGuard

from spacy.tokens import Span, Token

from .. import gazetteer
from ..types import CONCEPT, Mention, RawTriple
from . import clauses
from .mentions import DocContext, entity_span, mention

#: Prepositions that introduce an affected party (``sanctions on``, ``met with``).
OBJECT_PREPS = frozenset(
    """
    with to against on from into toward towards over for upon onto across between among
    of
    """.split()
)
#: Verbs that take a destination or host with ``in``/``at``: ``arrived in``, ``landed at``.
MOTION_VERBS = frozenset(
    """
    arrive land travel fly go come return invest intervene interfere meddle dock stop
    settle
    """.split()
)
#: Adverbs the parser leaves off phrasal verbs: "hit back at", "lashed out at".
_PARTICLE_ADVERBS = frozenset("back out off away down up".split())
#: Verbs whose ``at`` names a target, not a place: "fired at", "lashed out at".
TARGET_AT_VERBS = frozenset(
    "fire shoot aim point lash hit strike jab swipe snap rail shout bark direct level".split()
)
#: Prepositions folded into the relation when the object is a direct object:
#: ``deported [the suspect] to Vietnam``.
DESTINATION_PREPS = frozenset({"to", "into", "from"})
#: Verbs whose conjoined subjects act on each other: ``Lee and Takaichi met``.
RECIPROCAL = frozenset(
    """
    meet agree talk sign restore strengthen discuss cooperate negotiate clash fight
    exchange normalize normalise improve reach resolve hold continue deepen expand
    establish speak trade reconcile conclude renew settle confer compete spar quarrel
    embrace shake ally collaborate partner work
    """.split()
)
#: Objects that make any verb relate its plural subject: "the two sides upgraded ties".
RELATION_NOUNS = frozenset(
    """
    tie ties relation relations relationship partnership alliance cooperation dialogue
    talk talks agreement deal treaty pact truce ceasefire trade exchange hand hands
    """.split()
)
#: Direct objects that are amounts, not the thing given: ``500 million dollars in aid``.
QUANTITY_LABELS = frozenset({"MONEY", "QUANTITY", "CARDINAL", "PERCENT"})
#: Verbs that report speech or belief; they relate speaker and content only by attribution.
SPEECH_VERBS = frozenset(
    """
    say add claim state announce report insist note write argue believe think feel
    allege confirm acknowledge suggest explain stress emphasize emphasise declare assert
    reiterate recall know hope fear worry estimate predict indicate show signal reveal
    disclose tweet post remark observe contend maintain deny
    """.split()
)
#: Verbs whose arguments are people when one of them is: "Lee met Takaichi".
PERSON_VERBS = frozenset(
    """
    meet call phone telephone talk speak tell thank congratulate host receive greet
    welcome accompany interview brief hug embrace praise criticize criticise succeed
    replace appoint fire dismiss endorse invite marry defeat beat shake
    """.split()
)
#: Nouns that only count or group what their "of" phrase names.
CONTAINER_NOUNS = frozenset(
    """
    package round set series wave number list batch raft slew string barrage volley
    salvo flurry host pair couple range
    """.split()
)
#: Common nouns for people: moved, held or handed over like actors.
HUMAN_NOUNS = (
    frozenset(
        {
            "suspect",
            "man",
            "woman",
            "citizen",
            "national",
            "businessman",
            "businesswoman",
            "tycoon",
            "journalist",
            "reporter",
            "activist",
            "dissident",
            "fugitive",
            "prisoner",
            "detainee",
            "hostage",
            "diplomat",
            "official",
            "soldier",
            "refugee",
            "migrant",
            "worker",
            "student",
            "executive",
            "spy",
            "defector",
            "tourist",
            "sailor",
            "fisherman",
            "crew",
            "child",
            "person",
            "people",
            "individual",
            "leader",
            "opponent",
            "critic",
            "billionaire",
        }
    )
    | gazetteer.TITLE_WORDS
)
#: Longer "sentences" (tables, run-together lists) give no triples: bounded time, no junk.
MAX_SENTENCE_TOKENS = 160
_MAX_ARGS = 8


def is_actor(m: Mention | None) -> TypeGuard[Mention]:
    """An argument that names (or stands for) an actor rather than a concept."""
    return m is not None and (
        m.label != CONCEPT or m.anaphor is not None or m.nationality is not None
    )


def expand(token: Token) -> list[Token]:
    """``token`` and its conjuncts: ``Egypt and Jordan``."""
    out = [token]
    out.extend(c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON"))
    return out[:_MAX_ARGS]


def _unknown_name(m: Mention, ctx: DocContext) -> bool:
    """A proper name the gazetteer does not know and the NER did not call a person."""
    tok = ctx.doc[m.token] if ctx.doc is not None else None
    if tok is None:
        return False
    # the tagger often calls an unknown name at the start of a sentence a common noun
    initial_name = (
        tok.tag_ == "NN"
        and tok.is_title
        and tok.i == tok.sent.start
        and tok.lower_ not in gazetteer.TITLE_WORDS
    )
    return (
        (tok.pos_ == "PROPN" or initial_name)
        and m.label != "PERSON"
        and m.anaphor is None
        and m.nationality is None
        and not gazetteer.country_code(m.text)
        and not gazetteer.state_of(m.text)
        and not gazetteer.organisation(m.text)
    )


def _objects(verb: Token, ctx: DocContext) -> list[Token]:
    """Direct objects of an active verb, including ones the parser left as adverbials."""
    return [
        c
        for c in verb.children
        if (c.dep_ in ("dobj", "dative", "attr") and verb.lemma_ != "be")
        # the parser sometimes hangs an object after the verb as an adverbial: "met Abiy
        # Ahmed", "extradited to China a tycoon"
        or (
            c.dep_ == "npadvmod"
            and c.i > verb.i
            and (_named(c, ctx) or c.lemma_.lower() in HUMAN_NOUNS)
        )
    ]


def agentless_passives(
    verbs: list[Token], ctx: DocContext
) -> Iterator[tuple[Token, list[Mention]]]:
    """Passive ``verbs`` with no agent and the people they happened to: "Chen was arrested"."""
    for verb in verbs:
        if not clauses.is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
            continue
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not patients and verb.dep_ == "conj":
            patients = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        people = [m for p in patients for t in expand(p) if (m := mention(t, ctx))]
        people = [m for m in people if m.label == "PERSON"]
        if people:
            yield verb, people


def _named(token: Token, ctx: DocContext) -> bool:
    found = ctx.entity(token)
    return found is not None and found[2] == "PERSON"


def _a_person(m: Mention) -> bool:
    """A person by name, by personal pronoun or by title (``the president``)."""
    if m.label == "PERSON":
        return True
    words = (m.anaphor or "").split()
    return bool(words) and (words[-1] in gazetteer.TITLE_WORDS or words[-1] in _PERSONAL_PRONOUNS)


_PERSONAL_PRONOUNS = frozenset("he him his she her hers".split())


def as_people(mentions: list[Mention], ctx: DocContext) -> list[Mention]:
    """Unknown names beside a person in a people context become people."""
    if not any(_a_person(m) for m in mentions):
        return mentions
    return [replace(m, label="PERSON") if _unknown_name(m, ctx) else m for m in mentions]


def _compact(noun: Token) -> list[Token]:
    """A relation-internal noun with its adjectives: ``humanitarian aid``, ``exports``."""
    mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ == ""]
    start = min([noun.i] + [m.left_edge.i for m in mods])
    return [t for t in noun.doc[start : noun.i + 1] if not t.is_punct or t.text == "-"]


def _join(words: Iterable[str]) -> str:
    """Words of a relation, hyphenated compounds kept whole: ``high-level dialogue``."""
    return " ".join(words).replace(" - ", "-")


def _theme(dobj: Token) -> Token:
    """The noun a direct object is about: ``dollars in humanitarian aid`` -> ``aid``,
    ``a new package of sanctions`` -> ``sanctions``."""
    if dobj.lemma_ in CONTAINER_NOUNS:
        for prep in dobj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                        return obj
    if dobj.ent_type_ in QUANTITY_LABELS or dobj.lemma_ in ("dollar", "euro", "yen", "amount"):
        # the "in"/"of" phrase may hang on the object or on the verb
        for owner in (dobj, dobj.head):
            for prep in owner.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                            return obj
    return dobj


@dataclass
class _Clause:
    """One verb's clause as the rules read it: who, to whom, and how it is framed."""

    verb: Token
    ctx: DocContext
    doc_id: str
    index: int
    links: list[Token]  # the control chain ending at the verb
    subjects: list[Mention]
    patient_tokens: list[Token]
    patients: list[tuple[Token, Mention]]
    preps: list[Token]
    particles: list[Token]
    destination: list[Token | str]  # "to Vietnam" of "deported X to Vietnam"
    negated: bool
    hypothetical: bool
    time: str | None
    place: str | None
    attributed: Mention | None
    confidence: float

    @property
    def base(self) -> list[Token | str]:
        """The relation's verb words: ``agreed to strengthen``, ``hit back``."""
        return [*_chain_words(self.links), *self.particles]

    @property
    def actor_patients(self) -> list[tuple[Token, Mention]]:
        return [(t, m) for t, m in self.patients if is_actor(m)]

    def make(
        self,
        subj: Mention,
        rel_tokens: list[Token | str],
        obj: Mention,
        *,
        symmetric: bool = False,
        location: str | None | bool = True,  # True: the clause's place
    ) -> RawTriple:
        relation = _join(t if isinstance(t, str) else t.text for t in rel_tokens)
        predicate = _join(t.lower() if isinstance(t, str) else t.lemma_.lower() for t in rel_tokens)
        return RawTriple(
            doc=self.doc_id,
            sentence=self.index,
            subject=subj,
            relation=relation,
            predicate=predicate,
            object=obj,
            negated=self.negated,
            hypothetical=self.hypothetical,
            symmetric=symmetric or _symmetric(rel_tokens),
            location=self.place if location is True else (location or None),
            time=self.time,
            attributed_to=self.attributed,
            confidence=self.confidence,
            head=self.verb.lemma_,
            anchor=self.verb.i,
        )


def verb_triples(
    verb: Token, ctx: DocContext, doc_id: str, sent: Span, index: int
) -> Iterator[RawTriple]:
    """Triples of one verb (covers SVO, prepositional objects, passives, chains)."""
    clause = _read_clause(verb, ctx, doc_id, index)
    if clause is None:
        return
    yield from _moved_people(clause)
    if clause.actor_patients:
        actor_facts = list(_direct_objects(clause))
    else:
        actor_facts = list(_prepositional_objects(clause))
        if not actor_facts:
            yield from _concept_objects(clause)
    yield from actor_facts
    if not actor_facts:
        yield from _reciprocal_pairs(clause)


def _read_clause(verb: Token, ctx: DocContext, doc_id: str, index: int) -> _Clause | None:
    """Subjects, objects, prepositions and status of ``verb``'s clause (None: no subject)."""
    if verb.lemma_ in SPEECH_VERBS and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        # speech verb: its content carries the facts (attributed), not "X said Y"
        return None
    links = clauses.chain(verb)
    subj_tokens, inherited = clauses.subjects(verb, ctx)
    if clauses.is_passive(verb):
        patient_tokens = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not patient_tokens and verb.dep_ == "conj":
            # "were arrested and extradited": the conjoined participle shares the subject
            patient_tokens = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            patient_tokens = [verb.head]  # "the spat, triggered by ..."
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj_tokens = [o for o in agent.children if o.dep_ == "pobj"] if agent is not None else []
        inherited = False
    else:
        patient_tokens = _objects(verb, ctx)
        if not patient_tokens:
            # "arrested and extradited a tycoon": the later conjunct's object is shared
            later = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            patient_tokens = [o for c in later for o in _objects(c, ctx)]
    if not subj_tokens:
        return None
    # prepositional phrases on the verb and on its (concept) object
    preps = [c for c in verb.children if c.dep_ in ("prep", "dative")]
    for p in patient_tokens:
        preps.extend(c for c in p.children if c.dep_ == "prep")
    particles = [
        c
        for c in verb.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLE_ADVERBS)
    ]
    subjects = as_people([m for t in subj_tokens for s in expand(t) if (m := mention(s, ctx))], ctx)
    patients = [(t, m) for p in patient_tokens for t in expand(p) if (m := mention(t, ctx))]
    if verb.lemma_ in PERSON_VERBS:
        fixed = as_people(subjects + [m for _, m in patients], ctx)
        subjects = fixed[: len(subjects)]
        patients = list(zip([t for t, _ in patients], fixed[len(subjects) :], strict=True))
    governed = clauses.chain(verb, full=True)
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        governed = [*clauses.chain(verb.head, full=True), *governed]  # "will travel to meet"
    when, where = clauses.time_and_place(links, ctx)
    reporter = clauses.reporter(verb)
    return _Clause(
        verb=verb,
        ctx=ctx,
        doc_id=doc_id,
        index=index,
        links=links,
        subjects=subjects,
        patient_tokens=patient_tokens,
        patients=patients,
        preps=preps,
        particles=particles,
        destination=_destination(preps, verb, ctx),
        # "held no talks", "no agreement was reached": a negative determiner denies it too
        negated=clauses.negated(links)
        or any(c.dep_ == "det" and c.lower_ == "no" for p in patient_tokens for c in p.children),
        hypothetical=clauses.hypothetical(governed),
        time=when,
        place=where,
        attributed=mention(reporter, ctx) if reporter is not None else None,
        confidence=0.7 if inherited else 0.85,
    )


def _moved_people(c: _Clause) -> Iterator[RawTriple]:
    """A person moved somewhere is an object too: "deported the suspect to Vietnam"."""
    if c.actor_patients or not c.destination:
        return
    for subj in c.subjects:
        for t, obj in c.patients:
            if t.lemma_.lower() in HUMAN_NOUNS or t.lower_ in HUMAN_NOUNS:
                yield c.make(subj, [*c.base, *c.destination], obj)


def _direct_objects(c: _Clause) -> Iterator[RawTriple]:
    """The direct object is an actor; destinations join the relation: "deported to Vietnam"."""
    for subj in c.subjects:
        for _, obj in c.actor_patients:
            if subj.token != obj.token:
                yield c.make(subj, [*c.base, *c.destination], obj)


def _prepositional_objects(c: _Clause) -> Iterator[RawTriple]:
    """Actors after a preposition, the object noun joining the relation: "blocked exports to"."""
    verb = c.verb
    themes = [th for t in c.patient_tokens if (th := _theme(t)).pos_ in ("NOUN", "PROPN")][:1]
    preps = list(c.preps)
    if themes and themes[0] not in c.patient_tokens:
        preps.extend(p for p in themes[0].children if p.dep_ == "prep")
    theme = [_compact(t) for t in themes]
    theme_tokens = [t for group in theme for t in group]
    for p in preps:
        word = p.lower_
        if any(t.i == p.i + 1 for t in theme_tokens) or (themes and themes[0].head == p):
            continue  # "dollars in humanitarian aid": the phrase is the theme itself
        if word not in OBJECT_PREPS and word not in clauses.PLACE_PREPS:
            continue
        if word == "of" and p.head == verb:
            continue  # "accused X of ...": not an object
        if (
            word in clauses.PLACE_PREPS
            and verb.lemma_ not in MOTION_VERBS
            and not (word == "at" and (c.particles or verb.lemma_ in TARGET_AT_VERBS))
        ):
            continue  # "met in Geneva": a location, kept as an attribute
        for o in (o for o in p.children if o.dep_ == "pobj"):
            for t in expand(o):
                m = mention(t, c.ctx)
                if not is_actor(m):
                    continue
                if verb.lemma_ in PERSON_VERBS:
                    *c.subjects, m = as_people([*c.subjects, m], c.ctx)
                rel = [*c.base, *(theme[0] if theme else []), p]
                for subj in c.subjects:
                    if subj.token != m.token:
                        place = None if c.place == m.text else c.place
                        yield c.make(subj, rel, m, location=place)


def _concept_objects(c: _Clause) -> Iterator[RawTriple]:
    """No actor object: the concept it acted on, "Yoon declared martial law"."""
    for subj in c.subjects:
        for _, obj in c.patients:
            yield c.make(subj, c.base, obj)


def _reciprocal_pairs(c: _Clause) -> Iterator[RawTriple]:
    """Conjoined or plural subjects of a reciprocal verb: "Lee and Takaichi met", "They agreed"."""
    relational = any(t.lemma_ in RELATION_NOUNS for t in c.patient_tokens)
    if not (c.verb.lemma_ in RECIPROCAL or c.links[0].lemma_ in RECIPROCAL or relational):
        return
    if any(ch.dep_ == "xcomp" and ch.pos_ == "VERB" for ch in c.verb.children):
        return  # "agreed to strengthen ...": the chain's last verb states the pair
    actors = [m for m in c.subjects if is_actor(m)]
    themes = [_compact(_theme(t)) for t in c.patient_tokens if t.pos_ == "NOUN"][:1]
    rel = [*c.base, *(themes[0] if themes else [])]
    if len(actors) >= 2:
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                yield c.make(a, rel, b, symmetric=True)
    elif len(actors) == 1 and _plural(actors[0]):
        # resolution expands the group to its pair of members
        yield c.make(actors[0], rel, actors[0], symmetric=True)


_PLURAL_ANAPHORS = frozenset({"they", "them", "their"})


def _destination(preps: list[Token], verb: Token, ctx: DocContext) -> list[Token | str]:
    """``to Vietnam`` of ``deported X to Vietnam``: a place the verb moves its object to."""
    for p in preps:
        if p.lower_ in DESTINATION_PREPS and p.head == verb:
            for obj in p.children:
                found = entity_span(obj, ctx) if obj.dep_ == "pobj" else None
                if found and found[1] in ("GPE", "LOC", "FAC"):
                    return [p, found[0].text]
    return []


#: Predicates that say the same of both sides: "Lee met Takaichi" is "Takaichi met Lee".
SYMMETRIC_PREDICATES = frozenset(
    {
        "meet",
        "meet with",
        "talk with",
        "talk to",
        "speak with",
        "speak to",
        "clash with",
        "negotiate with",
        "confer with",
        "hold talk with",
        "sign agreement with",
        "agree with",
        "spar with",
        "quarrel with",
        "exchange fire with",
        "trade with",
        "ally with",
        "partner with",
        "reconcile with",
        "hold call with",
        "hold phone call with",
    }
)


def _symmetric(rel_tokens: list[Token | str]) -> bool:
    """Whether a relation (its words in lemma form, chain verbs aside) reads both ways."""
    words = [t.lower() if isinstance(t, str) else t.lemma_.lower() for t in rel_tokens]
    return " ".join(w for w in words if w != "to" or words[-1] == "to") in SYMMETRIC_PREDICATES


def _plural(m: Mention) -> bool:
    if m.anaphor is None:
        return False
    a = m.anaphor
    return a in _PLURAL_ANAPHORS or a.startswith(("the two", "both", "two ")) or a.endswith("s")


def _chain_words(links: list[Token]) -> list[Token | str]:
    words: list[Token | str] = []
    for i, tok in enumerate(links):
        if i > 0 and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            words.append("to")
        words.append(tok)
    return words


def sentence_verbs(sent: Span) -> Iterator[Token]:
    """Verbs that head clauses, in order (bounded: runaway sentences give nothing)."""
    if len(sent) > MAX_SENTENCE_TOKENS:
        return
    for tok in sent:
        if tok.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            continue  # adjectival participles: "restricted machine tools"
        if tok.pos_ == "VERB" or (
            tok.pos_ == "AUX"
            and tok.dep_ in ("ROOT", "conj", "ccomp")
            and any(c.dep_ == "dobj" for c in tok.children)
        ):
            yield tok
