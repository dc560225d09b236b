"""kg: geopolitical knowledge graphs from news text.

News text in; a graph of who did what to whom out. The public API, loaded
lazily so ``import kg`` stays cheap (spaCy loads on first use):

Example:
    >>> import kg
    >>> nlp = kg.load_nlp()
    >>> [r] = kg.process([kg.Document(id="d", text="China blocked exports to Japan.")], nlp)
    >>> [(t.subject, t.relation, t.object, t.event) for t in r.triples]
    [('China', 'blocked exports to', 'Japan', 'SANCTION')]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> "module:attribute" it is loaded from on first use.
_EXPORTS = {
    "Document": "kg.types:Document",
    "DocumentResult": "kg.types:DocumentResult",
    "EmbeddedStore": "kg.store:EmbeddedStore",
    "Entity": "kg.types:Entity",
    "ExportError": "kg.errors:ExportError",
    "InputError": "kg.errors:InputError",
    "KGError": "kg.errors:KGError",
    "ModelError": "kg.errors:ModelError",
    "Role": "kg.types:Role",
    "StoreError": "kg.errors:StoreError",
    "Triple": "kg.types:Triple",
    "build": "kg.build:build",
    "build_graph": "kg.graph:build_graph",
    "classify_event": "kg.events:classify",
    "extract": "kg.extract:extract",
    "load": "kg.analysis:load",
    "load_nlp": "kg.nlp:load",
    "process": "kg.pipeline:process",
    "read_documents": "kg.io:read_documents",
    "to_rdf": "kg.export.rdf:to_rdf",
    "write": "kg.export:write",
}

__all__ = [
    "Document",
    "DocumentResult",
    "EmbeddedStore",
    "Entity",
    "ExportError",
    "InputError",
    "KGError",
    "ModelError",
    "Role",
    "StoreError",
    "Triple",
    "__version__",
    "build",
    "build_graph",
    "classify_event",
    "extract",
    "load",
    "load_nlp",
    "process",
    "read_documents",
    "to_rdf",
    "write",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name].split(":")
    except KeyError:
        raise AttributeError(f"module 'kg' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .analysis import load
    from .build import build
    from .errors import ExportError, InputError, KGError, ModelError, StoreError
    from .events import classify as classify_event
    from .export import write
    from .export.rdf import to_rdf
    from .extract import extract
    from .graph import build_graph
    from .io import read_documents
    from .nlp import load as load_nlp
    from .pipeline import process
    from .store import EmbeddedStore
    from .types import Document, DocumentResult, Entity, Role, Triple
