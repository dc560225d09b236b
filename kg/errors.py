"""The exception tree of ``kg``.

::

    KGError                 anything kg raises on purpose; the CLI prints it, exit 1
     +-- InputError         a corpus, gold file or query file that cannot be read
     +-- ModelError         the spaCy pipeline is missing or unusable
     +-- ExportError        an unknown format or an output that cannot be written
     +-- StoreError         the embedded store or a remote SPARQL endpoint failed

Messages say what was wrong, where (file, line, document), and what to do.
Third-party exceptions are translated once, ``from exc``, where kg called them.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input path, line or document could not be read."""


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""


class ExportError(KGError):
    """An export format is unknown or its output could not be written."""


class StoreError(KGError):
    """A triple store (embedded or remote) failed."""
