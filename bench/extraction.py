"""Benchmark: what the spaCy parse costs, and what kg's rules add on top.

Parses the sample corpus (repeated to get stable timings), then times the
extraction rules and the resolution stage on the already-parsed Docs, and
prints each figure with its ratio to the parse.

    python bench/extraction.py [--repeat N] [CORPUS]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import kg.nlp
from kg.extract import clean_text, extract
from kg.extract.mentions import DocContext
from kg.io import read_documents
from kg.resolve import resolve_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "data" / "sample"))
    ap.add_argument("--repeat", type=int, default=5, help="times the corpus is processed")
    ap.add_argument("--model", default=None, help="spaCy pipeline name or path (default: kg's)")
    args = ap.parse_args()

    nlp = kg.nlp.load(args.model)
    documents = list(read_documents([args.corpus])) * args.repeat
    # one-time costs (model warm-up, country-name tables) are not per-document work
    warm = nlp(clean_text("Chinese President Xi Jinping met Lee in Seoul."))
    list(extract(warm, doc_id="warm-up"))

    t0 = time.perf_counter()
    parsed = list(
        nlp.pipe(((clean_text(d.text), d) for d in documents), as_tuples=True, batch_size=16)
    )
    parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    contexts = [DocContext.of(doc) for doc, _ in parsed]
    raws = [
        list(extract(doc, doc_id=d.id, ctx=ctx))
        for (doc, d), ctx in zip(parsed, contexts, strict=True)
    ]
    extraction = time.perf_counter() - t0

    t0 = time.perf_counter()
    triples = 0
    for (doc, d), ctx, raw in zip(parsed, contexts, raws, strict=True):
        triples += len(resolve_document(doc, ctx, raw, d)[0])
    resolution = time.perf_counter() - t0

    words = sum(len(doc) for doc, _ in parsed)
    print(
        f"corpus            {len(documents)} documents "
        f"({args.repeat} x {args.corpus}), {words} tokens"
    )
    print(f"spaCy parse       {parse:.3f} s  ({words / parse:,.0f} tokens/s)")
    print(f"extraction rules  {extraction:.3f} s  = {extraction / parse:.1%} of parse")
    print(
        f"resolution        {resolution:.3f} s  = {resolution / parse:.1%} of parse, "
        f"{resolution / extraction:.1%} of extraction"
    )
    print(f"triples           {triples}")


if __name__ == "__main__":
    main()
