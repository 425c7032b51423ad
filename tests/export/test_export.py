"""Every export format, written and read back with its own reader."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.errors import SitrepError
from sitrep.export import FORMATS, write_export
from sitrep.export.coded_csv import COLUMNS, acled_date, interaction
from sitrep.resolve.dedup import merge_records

ACLED_DEV_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "acled-2020-dev" / "acled_2020_dev.csv"


def report(event_id: str, article_id: str, publisher: str, fatalities: int | None, sentence: str,
           lat: float | None = 9.0579, lon: float | None = 7.4951) -> dict:
    return {
        "event_id": event_id,
        "article_id": article_id,
        "article": {"id": article_id, "title": f"Attack near Abuja ({publisher})", "published": "2020-05-03",
                    "author": None, "publisher": publisher, "url": f"https://example.org/{article_id}"},
        "event_type": "ASSAULT",
        "mode": "firearms",
        "acled_event_type": "Violence against civilians",
        "acled_sub_event_type": "Attack",
        "date": {"start": "2020-05-02", "end": "2020-05-02", "precision": "day", "text": "on Saturday",
                 "from_publication_date": False},
        "location": {"name": "Abuja", "text": "Abuja", "country_code": "NG", "admin1": "Federal Capital Territory",
                     "admin2": "Abuja Municipal", "lat": lat, "lon": lon, "geonames_id": 2352778,
                     "precision": "place"},
        "actors": [
            {"role": "actor", "name": "Unidentified Armed Group (Nigeria)", "text": "gunmen", "country": "NGA",
             "sector": "UAF", "named": False},
            {"role": "recipient", "name": "Civilians (Nigeria)", "text": "villagers", "country": "NGA",
             "sector": "CVL", "named": True},
        ],
        "fatalities": fatalities, "fatalities_low": None, "fatalities_high": None,
        "injured": None, "kidnapped": None, "missing": None, "displaced": None,
        "attribution": [{"source": "police", "kind": "reported", "claim": None, "text": None}],
        "certainty": "asserted",
        "evidence": [{"text": sentence, "start": 0, "end": len(sentence)}],
        "confidence": 0.7,
    }


def statement() -> dict:
    row = report("s1", "c", "Daily Trust", None, "The minister condemned the attack.", lat=None, lon=None)
    row.update(event_type="ACCUSE", mode=None, acled_event_type=None, acled_sub_event_type=None, location=None)
    return row


@pytest.fixture
def records() -> list[dict]:
    return [
        report("a-1", "a", "Premium Times", 5, "Gunmen killed five villagers near Abuja on Saturday."),
        report("b-1", "b", "Vanguard", 7, "Seven people were shot dead by bandits on the outskirts of Abuja.",
               lat=9.07, lon=7.48),
        statement(),
    ]


def test_unknown_format_and_kind_are_user_errors(tmp_path, records):
    with pytest.raises(SitrepError, match="E503"):
        write_export("xlsx", records, str(tmp_path / "out.xlsx"))
    with pytest.raises(SitrepError, match="E512"):
        write_export("jsonl", records, str(tmp_path / "out.jsonl"), kind="articles")


def test_unwritable_path_is_a_user_error(tmp_path, records):
    for fmt in FORMATS:
        with pytest.raises(SitrepError, match="E510"):
            write_export(fmt, records, str(tmp_path / "no-such-folder" / "out"))


def test_jsonl_round_trips_records(tmp_path, records):
    path = tmp_path / "out.jsonl"
    assert write_export("jsonl", records, str(path)) == 3
    assert [json.loads(line) for line in path.read_text().splitlines()] == records


def test_jsonl_writes_canonical_events(tmp_path, records):
    events = merge_records(records)
    path = tmp_path / "events.jsonl"
    assert write_export("jsonl", events, str(path), kind="events") == 2
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    merged = next(r for r in rows if len(r["record_ids"]) == 2)
    assert merged["fatalities"] == 5 and merged["fatalities_high"] == 7
    assert {s["publisher"] for s in merged["sources"]} == {"Premium Times", "Vanguard"}
    assert merged["reasons"]


def test_acled_csv_has_acleds_columns_and_conventions(tmp_path, records):
    path = tmp_path / "out.csv"
    assert write_export("acled-csv", records, str(path)) == 2  # the statement has no ACLED type
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == COLUMNS
        rows = list(reader)
    first = rows[0]
    assert first["event_date"] == "2-May-20" and first["year"] == "2020" and first["time_precision"] == "1"
    assert first["event_type"] == "Violence against civilians" and first["sub_event_type"] == "Attack"
    assert first["actor1"] == "Unidentified Armed Group (Nigeria)" and first["inter1"] == "3"
    assert first["actor2"] == "Civilians (Nigeria)" and first["inter2"] == "7" and first["interaction"] == "37"
    assert (first["country"], first["iso"], first["iso3"], first["region"]) == ("Nigeria", "566", "NGA", "Western Africa")
    assert first["geo_precision"] == "1" and first["latitude"] == "9.0579"
    assert first["notes"] == "Gunmen killed five villagers near Abuja on Saturday."
    assert first["fatalities"] == "5" and first["source"] == "Premium Times"


def test_acled_csv_of_an_event_lists_every_source(tmp_path, records):
    path = tmp_path / "events.csv"
    write_export("acled-csv", merge_records(records), str(path), kind="events")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    assert rows[0]["source"] == "Premium Times; Vanguard" and rows[0]["fatalities"] == "5"
    assert "Seven people" in rows[0]["notes"] and "Gunmen killed" in rows[0]["notes"]


@pytest.mark.data
def test_acled_csv_header_matches_acleds_own_export(tmp_path, records):
    if not ACLED_DEV_CSV.exists():
        pytest.skip(f"ACLED development data not found at {ACLED_DEV_CSV}")
    with ACLED_DEV_CSV.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        acled_header = tuple(reader.fieldnames or ())
        acled_row = next(reader)
    assert COLUMNS == acled_header
    ours = tmp_path / "out.csv"
    write_export("acled-csv", records, str(ours))
    with ours.open(newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    # Same date shape as ACLED's file: day-Mon-yy.
    assert row["event_date"].count("-") == acled_row["event_date"].count("-") == 2
    assert row["event_date"].split("-")[1].isalpha() and acled_row["event_date"].split("-")[1].isalpha()


def test_acled_helpers():
    assert acled_date("2020-04-27") == ("27-Apr-20", "2020")
    assert interaction(7, 3) == "37" and interaction(6, None) == "60"


def test_geojson_is_a_feature_collection_in_lon_lat_order(tmp_path, records):
    path = tmp_path / "out.geojson"
    assert write_export("geojson", records, str(path)) == 3
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection"
    first = data["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [7.4951, 9.0579]}
    assert first["properties"]["event_type"] == "ASSAULT"
    assert all(not isinstance(v, (dict, list)) for v in first["properties"].values())
    assert data["features"][2]["geometry"] is None  # the statement has no place


def test_geojson_of_no_rows_is_still_valid(tmp_path):
    path = tmp_path / "empty.geojson"
    assert write_export("geojson", [], str(path)) == 0
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}


def test_parquet_reads_back_with_typed_columns_and_json_nested_fields(tmp_path, records):
    path = tmp_path / "out.parquet"
    assert write_export("parquet", records, str(path)) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    rows = table.to_pylist()
    assert rows[1]["fatalities"] == 7 and rows[2]["latitude"] is None
    assert json.loads(rows[0]["actors_json"])[1]["name"] == "Civilians (Nigeria)"


def test_parquet_of_events_and_to_stdout(tmp_path, records):
    path = tmp_path / "events.parquet"
    assert write_export("parquet", merge_records(records), str(path), kind="events") == 2
    rows = pq.read_table(path).to_pylist()
    assert sorted(r["n_sources"] for r in rows) == [1, 2]
    with pytest.raises(SitrepError, match="E511"):
        write_export("parquet", records, "-")
