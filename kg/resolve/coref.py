"""Within-document identity: name variants, pronouns and definite descriptions.

Deterministic rules, in document order:

* A person's canonical name is the longest full name the document gives;
  a surname or given name alone (``Takaichi``) resolves to the full name that
  shares it, the nearest preceding one when several do (``Lee Jae-myung`` and
  ``Lee Myung-bak`` stay two people).
* Personal pronouns resolve to a person of compatible gender: the subject of
  the clause that reports the pronoun's clause (``Takaichi said she ...``), the
  subject of a fronted possessive's sentence (``At his meeting ..., Lee said``),
  else the most recent compatible person within two sentences, subjects first.
  Gender is learned from titles and from earlier confident bindings. No
  candidate, no binding: an unresolved pronoun drops its triple.
* ``it``/``its`` resolve to the most recent state or organisation.
* Group descriptions (``they``, ``the two leaders``, ``both countries``) resolve
  to the last pair of people (or of their states) seen acting together.
* Title descriptions (``the prime minister``) resolve to the most recent person
  holding that title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import gazetteer
from ..extract.mentions import DocContext
from .actors import clean_name

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
GROUP = frozenset({"they", "them", "their", "themselves"})
_WINDOW = 2  # sentences a pronoun may look back


@dataclass
class NameRegistry:
    """Full person names seen earlier in a corpus, so a bare surname in a later document
    (``Zelensky``) joins the one full name that has it (``Volodymyr Zelensky``).

    A part shared by several full names (``Lee``) resolves to none of them.
    """

    parts: dict[str, set[str]] = field(default_factory=dict)

    def add(self, full_name: str) -> None:
        for part in _name_parts(full_name):
            self.parts.setdefault(part, set()).add(full_name)

    def unique(self, part: str) -> str | None:
        found = self.parts.get(part, set())
        return next(iter(found)) if len(found) == 1 else None


def _name_parts(full_name: str) -> set[str]:
    """Words a person may be called by alone: ``Xi``, ``Lula``, ``Jae-myung`` (not ``da``)."""
    words = set(full_name.split()) | set(full_name.replace("-", " ").split())
    return {w for w in words if len(w) >= 2 and w[:1].isupper()}


@dataclass
class Seen:
    """One named mention in document order."""

    token: int
    sent: int
    name: str
    label: str
    subject: bool


@dataclass
class Coref:
    """Resolution state of one document."""

    doc: Doc
    ctx: DocContext
    persons: dict[str, str] = field(default_factory=dict)  # surface -> canonical
    gender: dict[str, str] = field(default_factory=dict)
    titles: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    bound: dict[int, str] = field(default_factory=dict)  # pronoun token -> canonical name
    sent_of: list[int] = field(default_factory=list)  # token index -> sentence index

    registry: NameRegistry | None = None

    @classmethod
    def of(cls, doc: Doc, ctx: DocContext, registry: NameRegistry | None = None) -> Coref:
        self = cls(doc=doc, ctx=ctx, registry=registry)
        self.sent_of = [0] * len(doc)
        for index, sent in enumerate(doc.sents):
            self.sent_of[sent.start : sent.end] = [index] * (sent.end - sent.start)
        spans = sorted({v for v in ctx.labels.values()})
        fulls: list[tuple[int, str]] = []
        for start, end, label in spans:
            if label == "PERSON":
                name = person_name(doc[start:end].text)
                if len(name.replace("-", " ").split()) >= 2:
                    fulls.append((start, name))
        for start, end, label in spans:
            text = doc[start:end].text
            head = doc[start:end].root
            sent_index = self.sentence(start)
            subject = head.dep_ in ("nsubj", "nsubjpass") or (
                head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass")
            )
            if label == "PERSON":
                name = self.person(text, start, fulls)
                self.persons[text] = name
                title = _title_words(doc, start)
                if title:
                    self._gender_from_title(name, title)
                self.seen.append(Seen(start, sent_index, name, "PERSON", subject))
            elif label in ("GPE", "ORG", "NORP"):
                self.seen.append(Seen(start, sent_index, text, label, subject))
        self._bind_pronouns()
        return self

    def sentence(self, token: int) -> int:
        return self.sent_of[token]

    def person(self, text: str, start: int, fulls: list[tuple[int, str]]) -> str:
        """Canonical full name for a person mention at ``start``."""
        name = person_name(text)
        if len(name.replace("-", " ").split()) >= 2:
            # a longer full name containing this one wins: "Lula" < "Luiz Inacio Lula da Silva"
            return name
        matches = [(s, f) for s, f in fulls if name in _name_parts(f)]
        if not matches:
            known = self.registry.unique(name) if self.registry is not None else None
            return known or name
        distinct = {f for _, f in matches}
        if len(distinct) == 1:
            return matches[0][1]
        before = [(s, f) for s, f in matches if s < start]
        return before[-1][1] if before else name  # ambiguous and nothing precedes: keep apart

    def _gender_from_title(self, name: str, title: str) -> None:
        low = title.lower()
        if any(w in gazetteer.FEMALE_TITLES for w in low.split()):
            self.gender.setdefault(name, "f")
        elif any(w in gazetteer.MALE_TITLES for w in low.split()):
            self.gender.setdefault(name, "m")

    def _bind_pronouns(self) -> None:
        for tok in self.doc:
            low = tok.lower_
            if tok.pos_ != "PRON" or not (low in MALE or low in FEMALE):
                continue
            want = "m" if low in MALE else "f"
            name = self._person_for(tok, want)
            if name is not None:
                self.bound[tok.i] = name
                self.gender.setdefault(name, want)

    def _compatible(self, name: str, want: str) -> bool:
        return self.gender.get(name, want) == want

    def _person_for(self, tok: Token, want: str) -> str | None:
        sent = self.sentence(tok.i)
        # "Takaichi said she told Lee": the reporting clause's subject
        node = tok.head
        for _ in range(6):
            if node.dep_ in ("ccomp", "parataxis") and node.head != node:
                gov = node.head
                subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    name = self._name_at(subj.i)
                    if name and self._compatible(name, want):
                        return name
                break
            if node.head == node:
                break
            node = node.head
        # "At the beginning of his meeting with Takaichi, Lee said ...": the main subject
        if tok.dep_ == "poss":
            root = tok.head
            while root.head != root and root.dep_ != "ROOT":
                root = root.head
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.i > tok.i:
                name = self._name_at(subj.i)
                if name and self._compatible(name, want):
                    return name
        candidates = [
            s
            for s in self.seen
            if s.label == "PERSON"
            and s.token < tok.i
            and sent - s.sent <= _WINDOW
            and self._compatible(s.name, want)
        ]
        if not candidates:
            return None
        # nearest sentence first, then subjects, then known gender, then the latest
        best = max(
            candidates, key=lambda s: (s.sent, s.subject, self.gender.get(s.name) == want, s.token)
        )
        rivals = [
            c
            for c in candidates
            if c.name != best.name
            and c.sent == best.sent
            and c.subject == best.subject
            and (self.gender.get(c.name) == want) == (self.gender.get(best.name) == want)
        ]
        return None if rivals else best.name  # two equally good people: leave it unresolved

    def reporting_subject(self, token: int) -> tuple[str, str] | None:
        """(text, label) of the named subject of the clause reporting ``token``'s clause."""
        node = self.doc[token].head
        for _ in range(6):
            if node.dep_ in ("ccomp", "parataxis") and node.head != node:
                subj = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
                found = self.ctx.labels.get(subj.i) if subj is not None else None
                if found is not None:
                    return self.doc[found[0] : found[1]].text, found[2]
                return None
            if node.head == node:
                return None
            node = node.head
        return None

    def _name_at(self, token: int) -> str | None:
        found = self.ctx.labels.get(token)
        if found is None or found[2] != "PERSON":
            return None
        return self.persons.get(self.doc[found[0] : found[1]].text)

    def pronoun(self, token: int) -> str | None:
        """The person a he/she pronoun at ``token`` was bound to."""
        return self.bound.get(token)

    def recent(self, token: int, labels: tuple[str, ...]) -> Seen | None:
        """The most recent named mention with one of ``labels`` before ``token``."""
        sent = self.sentence(token)
        for s in reversed(self.seen):
            if s.token < token and s.label in labels and sent - s.sent <= _WINDOW:
                return s
        return None

    def holder(
        self,
        title: str,
        token: int,
        roles: dict[str, list[tuple[str, str | None]]],
        *,
        country: str | None = None,
        countries: dict[str, str | None] | None = None,
    ) -> str | None:
        """Most recent person before ``token`` holding ``title`` (of ``country`` when given)."""
        for s in reversed(self.seen):
            if s.token >= token or s.label != "PERSON":
                continue
            if country and (countries or {}).get(s.name) != country:
                continue
            for held, _ in roles.get(s.name, ()):
                if held == title or held.endswith(" " + title):
                    return s.name
        return None


def person_name(text: str) -> str:
    """A person's name without titles or honorifics: ``President Lee`` -> ``Lee``."""
    words = clean_name(text).split()
    while (
        len(words) > 1
        and words[0].lower().strip(".") in gazetteer.TITLE_WORDS | gazetteer.HONORIFICS
    ):
        words = words[1:]
    return " ".join(words)


def _title_words(doc: Doc, start: int) -> str:
    words: list[str] = []
    i = start - 1
    while i >= 0 and doc[i].lower_.strip(".") in gazetteer.TITLE_WORDS | gazetteer.HONORIFICS:
        words.insert(0, doc[i].lower_)
        i -= 1
    return " ".join(words)
