"""Noun rules: nominal events, titles and appositions, mis-tagged verbs.

* Nominal events: ``his meeting with Takaichi``, ``Lee's visit to Japan``,
  ``talks between Zelensky and Trump``, ``Japan's spat with China``.
* Roles: ``Japanese Prime Minister Sanae Takaichi`` -> (Sanae Takaichi, prime
  minister of, Japanese); ``Chen Zhi, the chairman of Prince Holding Group``;
  ``Takaichi's predecessor, Shigeru Ishiba``.
* Headline verbs the tagger took for plural nouns: ``Beijing pressures Tokyo``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .. import events, gazetteer
from ..types import Mention, RawTriple
from . import clauses
from .mentions import DocContext, entity_span, mention
from .verbs import as_people, expand, is_actor

#: Events between people: an unknown name beside a person in them is a person.
_PEOPLE_EVENTS = frozenset({"meeting", "talk", "talks", "call", "summit", "interview", "visit"})
#: Titles that relate a person to another person: "Takaichi's predecessor".
_PERSONAL_TITLES = frozenset(
    """
    predecessor successor wife husband son daughter sister brother deputy adviser
    advisor spokesman spokeswoman spokesperson
    """.split()
)

#: Disputes between actors: event nouns that read both ways ("Japan's spat with China").
_DISPUTES = frozenset(
    "spat row crisis dispute tension tensions conflict confrontation rivalry feud standoff".split()
)
#: Event nouns beyond the event lexicon: disputes and relations between actors.
_EXTRA_EVENT_NOUNS = _DISPUTES | frozenset(
    """
    interview relations ties war occupation invasion visit trip meeting talks call summit deal
    agreement sanctions cooperation alliance treaty negotiations clash clashes
    """.split()
)
#: Verbs that carry out the event their object names: "held talks", "launched an attack".
_LIGHT_VERBS = frozenset(
    "hold have conduct make give sign reach begin start launch stage host carry pay".split()
)
#: Event nouns whose ``from`` phrase names the affected party: ``withdrawal from Niger``.
_FROM_TAKERS = frozenset(
    """
    withdrawal retreat exit departure expulsion extradition deportation import ban
    exclusion
    """.split()
)
#: Event nouns whose ``of`` phrase names the affected party: ``occupation of Korea``.
_OF_TAKERS = frozenset(
    """
    occupation invasion annexation blockade bombing arrest extradition recognition
    criticism condemnation support sanctioning sanction
    """.split()
)
#: Event nouns that say the same of both parties ("talks between Zelensky and Trump").
_SYMMETRIC_NOUNS = _DISPUTES | frozenset(
    """
    relations ties war talks meeting summit deal agreement cooperation alliance treaty
    negotiations clash clashes call dialogue
    """.split()
)
_NOUN_PREPS = frozenset(
    """
    with to between against on among of toward towards over from for
    """.split()
)


def is_event_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (
        token.lower_ in _EXTRA_EVENT_NOUNS
        or lemma in _EXTRA_EVENT_NOUNS
        or events.classify(lemma) is not None
    )


def noun_event_triples(
    noun: Token, ctx: DocContext, doc_id: str, sent: Span, index: int
) -> Iterator[RawTriple]:
    """Triples of an event noun and its possessor/partners."""
    if noun.dep_ == "dobj" and not any(
        (c.dep_ == "poss" and c.lower_ not in ("their", "its", "our"))
        or (c.dep_ == "prep" and c.lower_ in ("between", "among"))
        or (
            c.dep_ in ("amod", "compound")
            and (e := entity_span(c, ctx))
            and e[1] in ("NORP", "GPE")
        )
        for c in noun.children
    ):
        return  # the verb rules cover "held talks with"; "his meeting" has its own agent
    agents: list[Mention] = []
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        agents = [m for t in expand(poss) if (m := mention(t, ctx)) and is_actor(m)]
    else:
        # "a Chinese attack on Taiwan", "US sanctions on Iran": the nationality acts
        for child in noun.children:
            found = entity_span(child, ctx) if child.dep_ in ("amod", "compound") else None
            if (
                found is not None
                and found[1] in ("NORP", "GPE")
                and child.i < noun.i
                and (gazetteer.country_code(found[0].text) or gazetteer.state_of(found[0].text))
            ):
                agents = [m for m in [mention(child, ctx)] if m is not None]
    partners: list[tuple[Token, Mention]] = []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_PREPS):
        if prep.lower_ == "of" and noun.lemma_ not in _OF_TAKERS and noun.lower_ not in _OF_TAKERS:
            continue
        if prep.lower_ == "from" and noun.lemma_ not in _FROM_TAKERS:
            continue  # "protests from the UN": the UN protests, it is not the target
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for t in expand(obj):
                m = mention(t, ctx)
                if is_actor(m):
                    partners.append((prep, m))
    if not partners:
        return
    if noun.lemma_ in _PEOPLE_EVENTS or noun.lower_ in _PEOPLE_EVENTS:
        fixed = as_people([*agents, *(m for _, m in partners)], ctx)
        agents, partners = (
            fixed[: len(agents)],
            [(p, m) for (p, _), m in zip(partners, fixed[len(agents) :], strict=True)],
        )
    if not agents and poss is None and noun.dep_ == "pobj":
        # "Lee said in an interview with NHK": the clause's subject gave the interview
        gov = noun.head.head
        if gov.pos_ in ("VERB", "AUX"):
            subj_tokens, _ = clauses.subjects(gov, ctx)
            agents = [m for t in subj_tokens if (m := mention(t, ctx)) and is_actor(m)]
    symmetric = noun.lower_ in _SYMMETRIC_NOUNS or noun.lemma_ in _SYMMETRIC_NOUNS
    gov_clause = _governing_clause(noun)
    # only a verb that carries the event out passes on its status: "did not hold talks";
    # "was not invited to the summit" and "had never been stronger" deny nothing of it
    carried = bool(gov_clause) and gov_clause[-1].lemma_ in _LIGHT_VERBS
    neg = clauses.negated(gov_clause) if carried else False
    hyp = clauses.hypothetical(gov_clause) if carried else False
    when, where = clauses.time_and_place([noun, *gov_clause], ctx)

    def make(subj: Mention, prep: Token | None, obj: Mention) -> RawTriple:
        rel_tokens = [noun] + ([prep] if prep is not None else [])
        return RawTriple(
            doc=doc_id,
            sentence=index,
            subject=subj,
            relation=" ".join(t.text for t in rel_tokens),
            predicate=" ".join(t.lemma_.lower() for t in rel_tokens),
            object=obj,
            negated=neg,
            hypothetical=hyp,
            symmetric=symmetric,
            location=where,
            time=when,
            confidence=0.7,
            head=noun.lemma_,
            anchor=noun.i,
        )

    if agents:
        for a in agents:
            for prep, m in partners:
                if a.token != m.token:
                    yield make(a, prep, m)
    else:
        # "talks between Zelensky and Trump": the partners are the pair
        between = [m for prep, m in partners if prep.lower_ in ("between", "among")]
        for i, a in enumerate(between):
            for b in between[i + 1 :]:
                yield make(a, None, b)


def _governing_clause(noun: Token) -> list[Token]:
    node = noun
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return clauses.chain(node)
        if node.head == node:
            break
    return []


def role_triples(sent: Span, ctx: DocContext, doc_id: str, index: int) -> Iterator[RawTriple]:
    """Role triples from titles before names and from appositions."""
    doc = sent.doc
    seen: set[tuple[int, str]] = set()

    def make(person: Mention, title: str, prep: str, owner: Mention) -> RawTriple | None:
        key = (person.token, title)
        if key in seen or person.token == owner.token:
            return None
        seen.add(key)
        return RawTriple(
            doc=doc_id,
            sentence=index,
            subject=person,
            relation=f"{title} {prep}",
            predicate=f"{title} {prep}",
            object=owner,
            kind="role",
            confidence=0.9,
            head=title.split()[-1],
        )

    for tok in sent:
        found = ctx.entity(tok)
        if found is None or found[2] != "PERSON" or tok.i != found[1] - 1:
            continue
        person = mention(tok, ctx)
        if person is None:
            continue
        # title before the name: "[Japanese] Prime Minister Sanae Takaichi"
        i = found[0] - 1
        title: list[Token] = []
        while i >= sent.start and (
            (doc[i].lower_.strip(".") in gazetteer.TITLE_WORDS and ctx.entity(doc[i]) is None)
            or (title and _office_word(doc[i], ctx))
        ):
            title.insert(0, doc[i])
            i -= 1
        if title and i >= sent.start:
            owner_tok = doc[i]
            if owner_tok.tag_ == "POS" and i - 1 >= sent.start:
                owner_tok = doc[i - 1]
            owner = _owner(owner_tok, ctx)
            if owner is not None:
                t = make(person, " ".join(w.lower_ for w in title), "of", owner)
                if t:
                    yield t
        # apposition: "Chen Zhi, the chairman of Prince Holding Group"
        head = doc[found[1] - 1]
        for appos in (c for c in head.children if c.dep_ == "appos"):
            t = _appos_role(person, appos, ctx, make)
            if t:
                yield t
        # reversed apposition: "Takaichi's predecessor, Shigeru Ishiba"
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            t = _appos_role(person, head.head, ctx, make)
            if t:
                yield t


def _office_word(token: Token, ctx: DocContext) -> bool:
    """A ministry word inside a title: ``Treasury`` in ``US Treasury Secretary``."""
    found = ctx.entity(token)
    if found is not None and found[1] - found[0] > 1:
        return False
    return (
        token.is_title
        and gazetteer.sector(token.lower_) is not None
        or (token.lower_ in _OFFICE_WORDS)
    )


#: Portfolio words that join a title: "Defense Secretary", "Foreign Minister".
_OFFICE_WORDS = frozenset(
    """
    treasury defense defence foreign finance commerce trade justice interior home energy
    health education labor labour economy transport agriculture environment security
    intelligence army navy
    """.split()
)


def _owner(token: Token, ctx: DocContext) -> Mention | None:
    found = entity_span(token, ctx)
    if found is None or found[1] not in ("GPE", "NORP", "ORG", "PERSON"):
        return None
    span = found[0]
    # "Communist Party of Vietnam General Secretary": the owner is the whole "X of Y"
    j = span.start - 1
    if j > 0 and token.doc[j].lower_ == "of":
        outer = entity_span(token.doc[j - 1], ctx)
        if outer is not None and outer[1] == "ORG":
            whole = token.doc[outer[0].start : span.end]
            return Mention(
                text=whole.text,
                label="ORG",
                start=whole.start_char,
                end=whole.end_char,
                token=whole.root.i,
            )
    return mention(token, ctx)


def _appos_role(person: Mention, noun: Token, ctx: DocContext, make) -> RawTriple | None:
    words = [
        t
        for t in noun.lefts
        if t.dep_ in ("compound", "amod") and t.lower_ in gazetteer.TITLE_WORDS
    ]
    if noun.lower_ not in gazetteer.TITLE_WORDS:
        return None
    title = " ".join(t.lower_ for t in [*words, noun])
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        owner = mention(poss, ctx)
        if is_actor(owner):
            if noun.lower_ in _PERSONAL_TITLES:
                owner = as_people([person, owner], ctx)[-1]  # a predecessor's owner is a person
            return make(person, title, "of", owner)
    for prep in (
        c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "to")
    ):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            owner = mention(obj, ctx)
            if owner is not None and owner.label == "CONCEPT":
                # "expert at Temple University's Tokyo campus": the possessor is the owner
                inner = next(
                    (c for c in obj.children if c.dep_ in ("poss", "compound") and ctx.entity(c)),
                    None,
                )
                owner = mention(inner, ctx) if inner is not None else None
            if is_actor(owner):
                return make(person, title, prep.lower_, owner)
    return None


def misparsed_verb_triples(
    sent: Span, ctx: DocContext, doc_id: str, index: int
) -> Iterator[RawTriple]:
    """Headline verbs tagged as plural nouns between two actors: ``Beijing pressures Tokyo``."""
    for tok in sent[1:-1]:
        if tok.tag_ != "NNS" or not tok.lower_.endswith("s") or tok.is_title:
            continue
        left, right = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
        lf, rf = entity_span(left, ctx), entity_span(right, ctx)
        if (
            lf is None
            or rf is None
            or lf[1] not in ("GPE", "ORG", "PERSON")
            or rf[1] not in ("GPE", "ORG", "PERSON")
        ):
            continue
        if any(c.dep_ == "det" for c in tok.children):
            continue
        subj, obj = mention(lf[0].root, ctx), mention(rf[0].root, ctx)
        if subj is None or obj is None:
            continue
        lemma = (
            tok.lower_[:-2]
            if tok.lower_.endswith(("ches", "shes", "sses", "xes"))
            else tok.lower_[:-1]
        )
        yield RawTriple(
            doc=doc_id,
            sentence=index,
            subject=subj,
            relation=tok.text,
            predicate=lemma,
            object=obj,
            confidence=0.6,
            head=lemma,
            anchor=tok.i,
        )
