"""The spaCy pipeline and sitrep's components."""

from sitrep.nlp import components  # noqa: F401  (registers sitrep's spaCy factories)
from sitrep.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
