"""The package's copy of the contract is the public one, and the validator really checks it."""

from pathlib import Path

import pytest

from sitrep.contract import event_schema, validation_errors

SHARED_SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "contract" / "event.schema.json"


def minimal_record() -> dict:
    return {
        "event_id": "ev-1", "article_id": "a1",
        "article": {"id": "a1", "title": None, "published": "2020-05-04"},
        "event_type": "ASSAULT", "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
        "date": {"start": "2020-05-04", "end": "2020-05-04", "precision": "day"},
        "location": None, "actors": [], "fatalities": 3, "injured": None, "attribution": [],
        "certainty": "asserted", "evidence": [{"text": "Gunmen killed three villagers.", "start": 0, "end": 30}],
        "confidence": 0.8,
    }


def test_package_copy_matches_the_shared_contract():
    if not SHARED_SCHEMA.exists():
        pytest.skip(f"shared contract not found at {SHARED_SCHEMA}")
    import json

    assert event_schema() == json.loads(SHARED_SCHEMA.read_text("utf-8"))


def test_a_valid_record_passes():
    assert validation_errors(minimal_record()) == []


@pytest.mark.parametrize(
    "field, value",
    [("event_type", "KILL"), ("certainty", "maybe"), ("confidence", 1.5), ("evidence", []),
     ("acled_sub_event_type", "Bombing")],
)
def test_a_broken_record_is_caught(field, value):
    record = minimal_record()
    record[field] = value
    assert any(e.startswith(field) for e in validation_errors(record))


def test_a_missing_field_is_caught():
    record = minimal_record()
    del record["evidence"]
    assert validation_errors(record)
