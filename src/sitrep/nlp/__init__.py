"""The spaCy pipeline and sitrep's components."""

from sitrep.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
