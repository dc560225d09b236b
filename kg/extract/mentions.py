"""Argument spans: from a head token to a :class:`~kg.types.Mention`.

Also corrects the small model's entity labels from document context: a name
the document introduced as a person stays a person when it recurs alone
(``Takaichi`` tagged as a place), and gazetteer names get their proper type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..types import CONCEPT, Mention

#: Named-entity labels that can be arguments of a triple.
ARGUMENT_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT"})
#: Labels that say when, how much or how many: never arguments.
VALUE_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"}
)
PRONOUNS = frozenset(
    """
    he she him her his hers they them their it its we us our i me my you your himself
    herself themselves
    """.split()
)
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
#: Nouns that, after ``the``/``both``/a number, point back at earlier actors.
ANAPHORIC_NOUNS = (
    frozenset(
        {
            "leader",
            "leaders",
            "country",
            "countries",
            "nation",
            "nations",
            "neighbor",
            "neighbors",
            "neighbour",
            "neighbours",
            "two",
            "sides",
            "side",
            "governments",
            "allies",
            "rivals",
            "men",
            "women",
            "pair",
            "duo",
            "couple",
        }
    )
    | gazetteer.TITLE_WORDS
)
_DETERMINERS = frozenset({"the", "both", "these", "those", "this", "that"})
# Modifiers kept in a concept's text: adjectives, compounds, nominal modifiers.
_CONCEPT_MODS = frozenset({"amod", "compound", "nmod", "nummod", "quantmod"})


@dataclass
class DocContext:
    """Per-document facts the rules consult: corrected labels, known person names."""

    labels: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    person_parts: dict[str, str] = field(default_factory=dict)
    #: Tokens inside a direct quotation of at least a few words.
    quoted: frozenset[int] = frozenset()
    doc: Doc | None = None

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        ctx = cls(doc=doc)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                words = ent.text.split() + ent.text.replace("-", " ").split()
                for part in words:
                    if len(part) >= 2 and part[:1].isupper():  # not "da", "bin"
                        ctx.person_parts.setdefault(part, ent.text)
        for ent in doc.ents:
            label = _corrected_label(ent, ctx)
            start, end = ent.start, ent.end
            while end > start + 1 and doc[end - 1].is_space:
                end -= 1  # blanked native script left whitespace inside the entity
            if label is None:
                continue
            if label == "PERSON":
                start = _name_start(doc, start)
            for i in range(start, end):
                ctx.labels[i] = (start, end, label)
        ctx.quoted = _quotations(doc)
        # names the NER missed but the gazetteer knows: "... of Vietnam General Secretary"
        for tok in doc:
            if tok.i not in ctx.labels and tok.pos_ == "PROPN":
                if gazetteer.organisation(tok.text):
                    ctx.labels[tok.i] = (tok.i, tok.i + 1, "ORG")
                elif gazetteer.country_code(tok.text) or gazetteer.state_of(tok.text):
                    ctx.labels[tok.i] = (tok.i, tok.i + 1, "GPE")
        # a known surname outside any entity is still the person: "Lee and Takaichi, who ..."
        for tok in doc:
            if tok.i not in ctx.labels and tok.pos_ == "PROPN" and tok.text in ctx.person_parts:
                ctx.labels[tok.i] = (tok.i, tok.i + 1, "PERSON")
        return ctx

    def entity(self, token: Token) -> tuple[int, int, str] | None:
        """(start, end, label) of the corrected entity containing ``token``."""
        return self.labels.get(token.i)


#: Shortest quotation treated as reported speech; shorter ones are scare quotes ("dual-use").
_MIN_QUOTE_TOKENS = 4


def _quotations(doc: Doc) -> frozenset[int]:
    """Token indices inside direct quotations (which may span sentences, not paragraphs)."""
    inside: set[int] = set()
    start: int | None = None
    for tok in doc:
        if "\n" in tok.text:
            start = None  # an unclosed quote ends with its paragraph
        elif tok.text == '"':
            if start is None:
                start = tok.i
            else:
                if tok.i - start - 1 >= _MIN_QUOTE_TOKENS:
                    inside.update(range(start + 1, tok.i))
                start = None
    return frozenset(inside)


def _name_start(doc: Doc, start: int) -> int:
    """Extend a person's name over capitalised words the NER left out: ``To Lam``."""
    i = start - 1
    while (
        i > 0
        and doc[i].is_title
        and not doc[i].is_sent_start
        and doc[i].ent_type_ == ""
        and doc[i].lower_ not in gazetteer.TITLE_WORDS
        and doc[i - 1].lower_ not in ("the", "a")
        and start - i < 2
    ):
        i -= 1
    return i + 1


def _corrected_label(ent: Span, ctx: DocContext) -> str | None:
    text = ent.text
    if ent.label_ in VALUE_LABELS:
        return None
    if text in ctx.person_parts and ent.label_ != "PERSON" and len(ent) == 1:
        return "PERSON"  # surname recurring alone, mis-tagged as a place or organisation
    if gazetteer.organisation(text):
        return "ORG"
    if gazetteer.state_of(text) or gazetteer.country_code(text):
        return "NORP" if ent.label_ == "NORP" else "GPE"
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in gazetteer.TITLE_WORDS:
        return "PERSON"  # "Merz's predecessor, Olaf Scholz": whoever holds a title is a person
    if ent.label_ in ARGUMENT_LABELS:
        return ent.label_
    return None


def _strip(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.replace('"', "").strip(" ,.'")


def entity_span(token: Token, ctx: DocContext) -> tuple[Span, str] | None:
    """The corrected named entity containing ``token`` and its label."""
    found = ctx.entity(token)
    if found is None:
        return None
    start, end, label = found
    span = token.doc[start:end]
    # "the EU", "the Kremlin": the determiner is not part of the name
    while len(span) > 1 and span[0].lower_ in _DETERMINERS:
        span = span[1:]
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span, label


def mention(token: Token, ctx: DocContext) -> Mention | None:
    """The argument named by head ``token``, or ``None`` when it cannot be one."""
    doc = token.doc
    found = entity_span(token, ctx)
    if found is not None:
        span, label = found
        if label != "PERSON":
            titled = _titled_person_after(token, ctx)
            if titled is not None:
                # "Communist Party of Vietnam General Secretary To Lam" parsed with the party
                # as head: the titled person is the argument
                return mention(titled, ctx)
        if label == "ORG" and gazetteer.sector(span.text) and not gazetteer.organisation(span.text):
            # "Japan's Foreign Ministry": the NER's organisation is a state's own body
            for child in span.root.children:
                state = entity_span(child, ctx) if child.dep_ in ("poss", "compound") else None
                if state is not None and state[1] in ("GPE", "NORP") and child.i < span.start:
                    return Mention(
                        text=token.doc[state[0].start : span.end].text,
                        label=CONCEPT,
                        start=state[0].start_char,
                        end=span.end_char,
                        token=token.i,
                        nationality=state[0].text,
                    )
        return Mention(
            text=span.text,
            label=label,
            start=span.start_char,
            end=span.end_char,
            token=token.i,
            title=_title_before(span),
        )
    low = token.lower_
    if low in ("two", "both") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        # "The two discussed reconstruction", "both agreed": the last pair, for resolution
        first = min([token.i] + [c.left_edge.i for c in token.lefts])
        return Mention(
            text=doc[first : token.i + 1].text,
            label=CONCEPT,
            start=doc[first].idx,
            end=token.idx + len(token),
            token=token.i,
            anaphor=doc[first : token.i + 1].text.lower(),
        )
    if token.ent_type_ in VALUE_LABELS:
        return None
    if low in PRONOUNS and token.pos_ == "PRON":
        return Mention(
            text=token.text,
            label=CONCEPT,
            start=token.idx,
            end=token.idx + len(token),
            token=token.i,
            anaphor=low,
        )
    nominal_adjective = token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
    if token.pos_ not in ("NOUN", "PROPN") and not nominal_adjective:  # "a Chinese national"
        return None
    # "the predecessor, Shigeru Ishiba": the apposed name is the argument
    for child in token.children:
        found_appos = ctx.entity(child)
        if child.dep_ == "appos" and found_appos is not None and found_appos[2] == "PERSON":
            return mention(child, ctx)
    # "Indian Prime Minister Narendra Modi" parsed with the title as head: the name is the argument
    if token.lower_ in gazetteer.TITLE_WORDS and token.i + 1 < len(doc):
        after = ctx.entity(doc[token.i + 1])
        if after is not None and after[2] == "PERSON":
            return mention(doc[after[1] - 1], ctx)
    left = [
        c for c in token.lefts if c.dep_ in _CONCEPT_MODS or (c.dep_ == "poss" and c.pos_ != "PRON")
    ]
    nationality = owner = owner_label = None
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < token.i:
            ent = entity_span(child, ctx)
            if ent is None or _paired(ent[0]):
                continue  # "the Japan-China crisis" belongs to neither
            if ent[1] in ("GPE", "NORP", "ORG"):
                nationality = ent[0].text
            if child.dep_ == "poss":
                owner, owner_label = ent[0].text, ent[1]
    if nationality is None and gazetteer.sector(token.lower_):
        # "police in Kenya", "the government of Japan": the state named after the agent
        for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found_state = entity_span(obj, ctx)
                if found_state is not None and found_state[1] in ("GPE", "NORP"):
                    nationality = found_state[0].text
    det = next((c.lower_ for c in token.lefts if c.dep_ in ("det", "predet", "nummod")), None)
    start = min([token.i] + [c.left_edge.i for c in left if c.dep_ != "det"])
    span = doc[start : token.i + 1]
    anaphor = None
    if (det in _DETERMINERS or det == "two") and token.lower_ in ANAPHORIC_NOUNS:
        first = min([token.i] + [c.left_edge.i for c in token.lefts])
        anaphor = doc[first : token.i + 1].text.lower()
    text = span.text if det not in _DETERMINERS else f"{det} {span.text}"
    return Mention(
        text=_strip(text) if anaphor is None else text,
        label=CONCEPT,
        start=span.start_char,
        end=span.end_char,
        token=token.i,
        nationality=nationality,
        owner=owner,
        owner_label=owner_label,
        anaphor=anaphor,
        proper=token.pos_ == "PROPN",
    )


def _titled_person_after(token: Token, ctx: DocContext) -> Token | None:
    """The last token of a person's name that follows a title inside ``token``'s phrase."""
    for tok in token.subtree:
        if tok.i <= token.i or tok.pos_ in ("VERB", "AUX") or tok.is_punct:
            continue
        found = ctx.entity(tok)
        if found is None or found[2] != "PERSON" or tok.i != found[0]:
            continue
        before = token.doc[found[0] - 1] if found[0] > 0 else None
        if before is not None and before.lower_ in gazetteer.TITLE_WORDS:
            return token.doc[found[1] - 1]
    return None


def _paired(span: Span) -> bool:
    """A name hyphenated to another: ``Japan`` in ``Japan-China``."""
    doc = span.doc
    before = span.start > 0 and doc[span.start - 1].text == "-"
    after = span.end < len(doc) and doc[span.end].text == "-"
    return before or after


def _title_before(span: Span) -> str | None:
    """Title words just before a person's name: ``Prime Minister`` in ``... Sanae Takaichi``."""
    words: list[str] = []
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_.strip(".") in gazetteer.TITLE_WORDS | gazetteer.HONORIFICS:
        words.insert(0, span.doc[i].text)
        i -= 1
    return " ".join(words) or None
