"""``kg eval``: score extraction against gold annotations.

Gold format, one JSON object per line::

    {"id", "text",
     "triples": [{"s", "p": [accepted relation words], "o", "sym", "neg", "hyp", "event"}],
     "roles": [{"person", "role", "of"}]}

Matching: a prediction matches a gold triple when its ``relation`` or
``predicate`` contains one of the accepted words, ``negated == neg``, and its
subject/object equal the gold ``s``/``o`` (either order when ``sym``). Names are
compared case-insensitively without a leading ``the``, a possessive ``'s`` and
punctuation. Relaxed mode also accepts a known alias (a capital or demonym for
a country, a surname for a person) in the surface text; strict mode needs the
canonical name and ``hypothetical == hyp``. Roles are gold triples
``(person, role, of)`` whose relation must contain the role words.

Precision counts predictions whose subject and object are both named entities,
de-duplicated per document; recall is over gold triples plus roles.

Example:
    >>> norm("The Kremlin's")
    'kremlin'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import gazetteer
from .errors import InputError
from .pipeline import process
from .types import CONCEPT, Document, Triple

_PUNCT = re.compile(r"[^\w\s]")


def norm(name: str | None) -> str:
    """Comparison form of a name."""
    text = (name or "").strip().lower().replace("’", "'")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return " ".join(_PUNCT.sub(" ", text).split())


@dataclass(frozen=True)
class GoldTriple:
    s: str
    p: tuple[str, ...]
    o: str
    sym: bool = False
    neg: bool = False
    hyp: bool = False
    event: str | None = None
    role: bool = False

    def describe(self) -> str:
        kind = "role" if self.role else "fact"
        flags = "".join(f" [{f}]" for f, on in (("neg", self.neg), ("hyp", self.hyp)) if on)
        return f"{kind} ({self.s}, {'/'.join(self.p)}, {self.o}){flags}"


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    triples: tuple[GoldTriple, ...]


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold JSONL file; a malformed line is an :class:`InputError` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file or directory") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({exc})") from exc
    docs = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            triples = [
                GoldTriple(
                    t["s"],
                    tuple(t["p"]) if isinstance(t["p"], list) else (t["p"],),
                    t["o"],
                    bool(t.get("sym")),
                    bool(t.get("neg")),
                    bool(t.get("hyp")),
                    t.get("event"),
                )
                for t in rec.get("triples", [])
            ] + [
                GoldTriple(r["person"], (r["role"],), r["of"], role=True)
                for r in rec.get("roles", [])
            ]
            docs.append(GoldDocument(str(rec["id"]), rec["text"], tuple(triples)))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{lineno}: not a gold record ({exc})") from exc
    if not docs:
        raise InputError(f"{path}: no gold records")
    return docs


def _aliases(gold_name: str) -> set[str]:
    """Names relaxed matching accepts for a gold entity."""
    names = {norm(gold_name)}
    code = gazetteer.country_code(gold_name)
    if code:
        names |= {norm(c) for c, k in gazetteer.CAPITALS.items() if k == code}
    words = gold_name.replace("-", " ").split()
    if len(words) >= 2 and not code:
        names |= {norm(gold_name.split()[-1]), norm(gold_name.split()[0])}
    return names


def _argument_matches(pred_name: str, pred_text: str, gold_name: str, strict: bool) -> bool:
    if norm(pred_name) == norm(gold_name):
        return True
    if strict:
        return False
    aliases = _aliases(gold_name)
    if norm(pred_text) in aliases or norm(pred_name) in aliases:
        return True
    # demonyms and other country spellings in the surface text
    code = gazetteer.country_code(gold_name)
    return bool(code) and code in (gazetteer.country_code(pred_text), gazetteer.state_of(pred_text))


def _relation_matches(pred: Triple, words: Iterable[str]) -> bool:
    haystacks = [pred.relation.lower(), pred.predicate.lower()]
    for word in words:
        w = word.lower()
        for h in haystacks:
            if (" " in w and w in h) or w in h.split():
                return True
    return False


def matches(pred: Triple, gold: GoldTriple, *, strict: bool = False) -> bool:
    """Whether a predicted triple matches a gold triple (see module docstring)."""
    if not _relation_matches(pred, gold.p) or pred.negated != gold.neg:
        return False
    if strict and not gold.role and pred.hypothetical != gold.hyp:
        return False
    forward = _argument_matches(
        pred.subject, pred.subject_text, gold.s, strict
    ) and _argument_matches(pred.object, pred.object_text, gold.o, strict)
    if forward:
        return True
    if gold.sym or pred.symmetric and gold.sym:
        return _argument_matches(
            pred.subject, pred.subject_text, gold.o, strict
        ) and _argument_matches(pred.object, pred.object_text, gold.s, strict)
    return False


@dataclass
class Report:
    """Scores and the itemised errors of one evaluation."""

    strict: bool
    true_positives: int = 0
    predictions: int = 0
    gold: int = 0
    found: int = 0
    roles: int = 0
    roles_found: int = 0
    events: int = 0
    events_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    event_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def role_recall(self) -> float:
        return self.roles_found / self.roles if self.roles else 0.0

    @property
    def event_accuracy(self) -> float:
        return self.events_right / self.events if self.events else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": "strict" if self.strict else "relaxed",
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "role_recall": round(self.role_recall, 4),
            "event_accuracy": round(self.event_accuracy, 4),
            "counts": {
                "predictions": self.predictions,
                "correct": self.true_positives,
                "gold": self.gold,
                "found": self.found,
                "roles": self.roles,
                "roles_found": self.roles_found,
                "events": self.events,
                "events_right": self.events_right,
            },
            "misses": self.misses,
            "wrong": self.wrong,
            "event_errors": self.event_errors,
        }

    def describe(self, verbose: bool = True) -> str:
        lines = [
            f"mode            {'strict' if self.strict else 'relaxed'}",
            f"precision       {self.precision:.3f}  ({self.true_positives}/{self.predictions})",
            f"recall          {self.recall:.3f}  ({self.found}/{self.gold})",
            f"F1              {self.f1:.3f}",
            f"role recall     {self.role_recall:.3f}  ({self.roles_found}/{self.roles})",
            f"event accuracy  {self.event_accuracy:.3f}  ({self.events_right}/{self.events})",
        ]
        if verbose:
            for title, items in (
                ("misses", self.misses),
                ("wrong predictions", self.wrong),
                ("wrong event types", self.event_errors),
            ):
                lines.append(f"\n{title} ({len(items)}):")
                lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def _describe(t: Triple) -> str:
    flags = "".join(f" [{f}]" for f, on in (("neg", t.negated), ("hyp", t.hypothetical)) if on)
    return f"{t.doc}:{t.sentence} ({t.subject}, {t.relation}, {t.object}){flags} <- {t.text[:90]!r}"


def evaluate(gold_docs: list[GoldDocument], nlp, *, strict: bool = False) -> Report:
    """Run the pipeline on the gold texts and score it."""
    report = Report(strict=strict)
    documents = [Document(id=g.id, text=g.text) for g in gold_docs]
    for gold_doc, result in zip(gold_docs, process(documents, nlp), strict=True):
        preds = list(result.triples)
        # precision: named-entity predictions, de-duplicated per document
        seen: dict[tuple, Triple] = {}
        for t in preds:
            if t.subject_type != CONCEPT and t.object_type != CONCEPT:
                seen.setdefault((t.subject, t.predicate, t.object, t.negated), t)
        for t in seen.values():
            report.predictions += 1
            if any(matches(t, g, strict=strict) for g in gold_doc.triples):
                report.true_positives += 1
            else:
                report.wrong.append(_describe(t))
        for g in gold_doc.triples:
            report.gold += 1
            report.roles += g.role
            hits = [t for t in preds if matches(t, g, strict=strict)]
            if hits:
                report.found += 1
                report.roles_found += g.role
                if g.event is not None:
                    report.events += 1
                    if any(t.event == g.event for t in hits):
                        report.events_right += 1
                    else:
                        report.event_errors.append(
                            f"{g.describe()}: gold {g.event}, "
                            f"got {sorted({str(t.event) for t in hits})}"
                        )
            else:
                report.misses.append(f"{gold_doc.id}: {g.describe()}")
    return report
