"""`sitrep evaluate`: sitrep's output against hand-coded event data, field by field."""

from sitrep.evaluate.runner import evaluate_path, format_report

__all__ = ["evaluate_path", "format_report"]
