"""The public record shape (a copy of shared/contract/event.schema.json) and its validator."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "event.schema.json"


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    cls = jsonschema.validators.validator_for(event_schema())
    return cls(event_schema(), format_checker=cls.FORMAT_CHECKER)


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Every way `record` breaks the contract, as readable lines; empty when it is valid."""
    return [f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}" for e in _validator().iter_errors(record)]


def validate_record(record: dict[str, Any]) -> None:
    errors = validation_errors(record)
    if errors:
        raise ValueError("record breaks the event contract: " + "; ".join(errors))
