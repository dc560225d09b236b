"""Clause-level facts: what a verb's arguments tell about its meaning.

Helpers shared by the verb and noun rules: who the subject of a clause is when
the parse leaves it implicit, whether a clause is negated or hypothetical, who
reported it, and when and where it happened.
"""

from __future__ import annotations

from spacy.tokens import Token

from .mentions import RELATIVE_PRONOUNS, DocContext

MODALS = frozenset(
    """
    could would may might will shall should can must 'll 'd wo ca
    """.split()
)
#: Governing words that make what they govern not (yet) real: "plans to", "is expected to".
HYPOTHETICAL_GOVERNORS = frozenset(
    """
    plan expect intend hope want wish aim propose consider threaten likely unlikely set
    due poise prepare ready vow offer promise pledge seem appear would could
    hypothetical mull weigh ask urge call demand be
    """.split()
)
#: Governing words that deny what they govern: "failed to reach a deal".
NEGATING_GOVERNORS = frozenset({"fail", "refrain", "stop", "cease", "neglect"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
#: Verbs whose subject makes another actor the subject of an infinitive: "urged X to".
OBJECT_CONTROL = frozenset(
    """
    urge ask call persuade force order invite tell allow help encourage press pressure
    push prompt cause lead compel enable require instruct authorize authorise permit
    """.split()
)
_SUBJECT_DEPS = ("nsubj", "csubj")
_TIME_PREPS = frozenset({"in", "on", "at", "during", "since", "by", "until", "before", "after"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off"})


def _lemmas(tok: Token) -> set[str]:
    """The lemma and naive stems of a verb: the small model lemmatises "hopes" as "hop"."""
    low = tok.lower_
    return {tok.lemma_, low, low[:-1], low[:-2]} if len(low) > 3 else {tok.lemma_, low}


def chain(verb: Token, *, full: bool = False) -> list[Token]:
    """The control/raising chain to ``verb``: ``agreed to strengthen`` -> [agreed, strengthen].

    The chain stops below an object-control verb (``urged Seoul to talk`` -> [talk]):
    its subject is not the infinitive's. ``full=True`` climbs through it anyway, for
    the modality the governing verbs lend (``hopes to persuade China to press``).
    """
    out = [verb]
    node = verb
    while node.dep_ == "xcomp" and node.head != node and len(out) < 6:
        head = node.head
        if not full and _object_controlled(head):
            break
        node = head
        out.insert(0, node)
    return out


def _object_controlled(verb: Token) -> bool:
    return verb.lemma_ in OBJECT_CONTROL and any(
        c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "on")
        for c in verb.children
    )


def subjects(verb: Token, ctx: DocContext, depth: int = 0) -> tuple[list[Token], bool]:
    """Head tokens of ``verb``'s logical subject, and whether they were inherited.

    Covers: explicit subjects; subjects of a controlling verb (``agreed to``
    strengthen); the object of an object-control verb (``urged Seoul to``);
    shared subjects of conjoined verbs and of participial adjuncts (``China
    reacted, blocking exports``); the antecedent of a relative pronoun (``Yoon,
    who declared``); the noun an active participle modifies.
    """
    if depth > 6:
        return [], True
    own = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if not own and depth > 0:
        # raising: "Modi is expected to meet Xi" -> the passive subject of "expected"
        own = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if own:
        subj = own[0]
        if subj.lower_ in RELATIVE_PRONOUNS:
            if verb.dep_ == "relcl":
                return [verb.head], False  # relative clause: "Yoon, who declared ..."
            antecedent = _antecedent(subj, ctx)
            return ([antecedent], True) if antecedent is not None else ([], False)
        return [subj], False
    head = verb.head
    if head == verb:
        return [], False
    if verb.dep_ == "xcomp":
        if head.lemma_ in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is None:
                on = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "on"), None)
                obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on else None
            if obj is not None:
                return [obj], True
        if head.pos_ in ("ADJ",) and head.dep_ in ("acomp",):
            head = head.head
        return subjects(head, ctx, depth + 1)[0], True
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "nsubjpass" for c in head.children) != is_passive(verb):
            return [], True
        return subjects(head, ctx, depth + 1)[0], True
    if verb.dep_ == "advcl" and (
        verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        # "China reacted, blocking exports"; "Macron will travel to Beijing to meet Xi"
        return subjects(head, ctx, depth + 1)[0], True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep":
        # "accused X of shipping ...": the accused does the shipping
        gov = head.head
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        if obj is not None and head.lower_ == "of":
            return [obj], True
        if gov.pos_ in ("VERB", "AUX"):
            return subjects(gov, ctx, depth + 1)[0], True
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return [head], True
    if _main_verb_misparsed(verb):
        return [head], False  # "Turkey's foreign minister, Hakan Fidan, called on Iran ..."
    return [], False


def _antecedent(pronoun: Token, ctx: DocContext) -> Token | None:
    """The name before a relative pronoun the parser failed to attach: ``Yoon, who ...``."""
    i = pronoun.i - 1
    while i >= pronoun.sent.start and pronoun.doc[i].is_punct:
        i -= 1
    if i >= pronoun.sent.start and ctx.entity(pronoun.doc[i]) is not None:
        return pronoun.doc[i]
    return None


def _main_verb_misparsed(verb: Token) -> bool:
    """A sentence whose root is a noun has no main verb: its participle "modifier" is one.

    ``Turkey's foreign minister, Hakan Fidan, called on Iran ...`` parses as a noun
    (``minister``) modified by ``called``; a sentence needs a verb, so ``called`` is it.
    """
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and verb.tag_ in ("VBD", "VBN")
        and verb.i > head.i
        and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in verb.sent)
    )


def is_passive(verb: Token) -> bool:
    """Passive voice, including a participle conjoined to a passive: "were arrested and
    extradited"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _main_verb_misparsed(verb):
        return True
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)
        and verb.head != verb
        and is_passive(verb.head)
    )


def negated(tokens: list[Token]) -> bool:
    """A clause is negated by ``not``/``never``/``no longer`` or a negating governor."""
    for tok in tokens:
        if tok != tokens[-1] and _lemmas(tok) & NEGATING_GOVERNORS:
            return True
        for child in tok.children:
            if child.dep_ == "neg":
                return True
            if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
                return True
    return False


def hypothetical(tokens: list[Token]) -> bool:
    """Modal auxiliaries, hypothetical governors or a conditional clause."""
    for tok in tokens:
        if tok != tokens[-1] and _lemmas(tok) & HYPOTHETICAL_GOVERNORS:
            return True
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
    verb = tokens[-1]
    # "if China attacks and blockades Taiwan": the condition covers conjoined verbs
    node = verb
    for _ in range(3):
        if node.dep_ != "conj":
            break
        node = node.head
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return True
    return False


def reporter(verb: Token) -> Token | None:
    """Subject of the verb that reports this clause: ``Iran`` in ``Iran said Israel flew ...``."""
    node = verb
    for _ in range(8):
        if node.dep_ in ("ccomp", "parataxis") and node.head != node:
            gov = node.head
            subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
            node = gov
            continue
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head != node:
            node = node.head
            continue
        break
    return None


def time_and_place(tokens: list[Token], ctx: DocContext) -> tuple[str | None, str | None]:
    """The DATE/TIME expression and the place attached to the clause, if any."""
    when = where = None
    for tok in tokens:
        for child in tok.children:
            if child.ent_type_ in ("DATE", "TIME") and child.dep_ in ("npadvmod", "tmod", "advmod"):
                when = when or _ent_text(child)
            if child.dep_ == "prep" and child.lower_ in _TIME_PREPS:
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    if obj.ent_type_ in ("DATE", "TIME"):
                        when = when or _ent_text(obj)
                    elif child.lower_ in PLACE_PREPS:
                        found = ctx.entity(obj)
                        if found:
                            where = where or obj.doc[found[0] : found[1]].text
    return when, where


def _ent_text(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text
