"""Filters for `sitrep events` and `sitrep export`, and one event's detail."""

from __future__ import annotations

import pytest
from store_samples import sample_batch, store_batch

from sitrep.errors import SitrepError
from sitrep.store.query import event_detail, haversine_km, iter_events, iter_records, parse_filter


@pytest.fixture
def stored(sessions):
    store_batch(sessions, sample_batch())
    return sessions


def places(sessions, records: bool = False, **raw) -> list[str]:
    with sessions() as session:
        rows = (iter_records if records else iter_events)(session, parse_filter(**raw))
        return [row["location"]["name"] for row in rows]


def test_events_come_newest_first(stored):
    assert places(stored) == ["Daraa", "Al Atarib", "Idlib", "Mosul"]


FILTER_CASES = [
    ({"country": "iq"}, ["Mosul"]),
    ({"since": "2024-03-05"}, ["Daraa", "Al Atarib"]),
    ({"until": "2024-03-02"}, ["Idlib", "Mosul"]),
    ({"since": "2024-03-01", "until": "2024-03-05", "country": "SY"}, ["Al Atarib", "Idlib"]),
    ({"event_type": "protest"}, ["Daraa"]),
    ({"acled_type": "Explosions/Remote violence"}, ["Al Atarib", "Idlib"]),
    ({"acled_type": "violence against civilians"}, ["Mosul"]),
    ({"actor": "military forces"}, ["Al Atarib"]),
    ({"actor": "civilians (syria)"}, ["Al Atarib"]),
    ({"near": "36.0,36.7,30"}, ["Al Atarib", "Idlib"]),
    ({"near": "36.0,36.7,10"}, ["Idlib"]),
    ({"min_fatalities": 3}, ["Idlib"]),
    ({"limit": 2}, ["Daraa", "Al Atarib"]),
]


def test_each_filter_narrows_events_and_records_alike(stored):
    # one database for every case: a fresh one per case would triple the suite's time
    for raw, expected in FILTER_CASES:
        assert places(stored, **raw) == expected, raw
        assert places(stored, records=True, **raw) == expected, raw


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ({"country": "Syria"}, "country"),
        ({"since": "last week"}, "since"),
        ({"until": "2024-13-01"}, "until"),
        ({"event_type": "BOMBING"}, "type"),
        ({"acled_type": "Bombings"}, "acled-type"),
        ({"near": "36,37"}, "near"),
        ({"near": "136,37,5"}, "near"),
        ({"near": "36,37,-5"}, "near"),
        ({"min_fatalities": -1}, "min-fatalities"),
    ],
)
def test_a_bad_filter_value_is_E403_naming_the_filter(raw, name):
    with pytest.raises(SitrepError) as caught:
        parse_filter(**raw)
    assert caught.value.code == "E403"
    assert f"Invalid filter {name}=" in caught.value.message


def test_show_gives_members_sources_and_evidence(stored):
    with stored() as session:
        (atarib,) = iter_events(session, parse_filter(country="SY", event_type="ASSAULT", min_fatalities=1,
                                                      near="36.14,36.83,1"))
        detail = event_detail(session, atarib["canonical_id"])
        by_record = event_detail(session, "atarib-e0")
    assert detail == by_record
    (member,) = detail["members"]
    assert member["source"]["url"] == "https://example.org/atarib"
    assert member["source"]["revision"] == 1
    assert member["evidence"][0]["text"].startswith("Government forces shelled Atarib")
    with stored() as session, pytest.raises(SitrepError) as caught:
        event_detail(session, "ce-0000")
    assert caught.value.code == "E402"


def test_distances_are_great_circle_kilometres():
    damascus, aleppo = (33.5138, 36.2765), (36.2021, 37.1343)
    assert haversine_km(*damascus, *aleppo) == pytest.approx(310, abs=5)
