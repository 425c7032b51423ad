"""`sitrep events`, `events show/merge/split` and `sitrep export` on a database filled here."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_samples import BACKENDS, require_backend, sample_batch  # noqa: E402

from sitrep.cli import cli  # noqa: E402
from sitrep.store.db import session_factory  # noqa: E402
from sitrep.store.ingest import store_article  # noqa: E402
from sitrep.store.merging import remerge  # noqa: E402
from sitrep.store.testing import temporary_database  # noqa: E402


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    require_backend(request.param)
    with temporary_database(request.param, tmp_path) as url:
        sessions = session_factory(url)
        for article, records in sample_batch():
            store_article(sessions, article, records)
        with sessions.begin() as session:
            remerge(session)
        yield url


def sitrep(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def event_ids(db_url: str, *filters: str) -> list[str]:
    result = sitrep("events", "--db", db_url, *filters)
    assert result.exit_code == 0, result.output
    return [line.split()[0] for line in result.output.splitlines()[2:-1]]


def test_events_prints_a_table_of_events(db_url):
    result = sitrep("events", "--db", db_url, "--country", "SY")
    assert result.exit_code == 0
    header, rule, *rows, total = result.output.splitlines()
    assert header.split()[:3] == ["id", "date", "type"]
    assert total == "3 events"
    assert "Al Atarib" in rows[1] and "Military Forces of Syria" in rows[1] and rows[1].split()[-1] == "1"
    records = sitrep("events", "--db", db_url, "--records", "--acled-type", "Protests")
    assert "daraa-e0" in records.output and records.output.endswith("1 records\n")


def test_a_bad_filter_is_one_line_and_exit_code_2(db_url):
    result = CliRunner().invoke(cli, ["events", "--db", db_url, "--near", "north"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("sitrep: error [E403] Invalid filter near=north")
    assert "Traceback" not in result.output


def test_show_explains_an_event(db_url):
    (atarib,) = event_ids(db_url, "--actor", "Military Forces")
    result = sitrep("events", "show", atarib, "--db", db_url)
    assert result.exit_code == 0
    assert f"Event {atarib}" in result.output
    assert "Reported by one record: nothing merged." in result.output
    assert 'evidence: "Government forces shelled Atarib' in result.output
    assert "https://example.org/atarib" in result.output
    assert sitrep("events", "--db", db_url, "show", atarib).output == result.output  # --db on the group
    missing = CliRunner().invoke(cli, ["events", "show", "ce-nothing", "--db", db_url])
    assert missing.exit_code == 2 and "[E402]" in missing.output


def test_merge_and_split_by_hand(db_url):
    (market,) = event_ids(db_url, "--min-fatalities", "5")
    (atarib,) = event_ids(db_url, "--actor", "Military Forces")
    merged = sitrep("events", "merge", market, atarib, "--db", db_url)
    assert merged.exit_code == 0
    merged_id = merged.output.strip()
    assert len(event_ids(db_url, "--country", "SY")) == 2
    shown = sitrep("events", "show", merged_id, "--db", db_url).output
    assert "Why these 2 records are one event:" in shown and "by hand" in shown and "Record market-e0" in shown and "Record atarib-e0" in shown
    split = sitrep("events", "split", merged_id, "atarib-e0", "--db", db_url)
    assert split.exit_code == 0 and len(split.output.split()) == 2
    assert len(event_ids(db_url, "--country", "SY")) == 3
    one = CliRunner().invoke(cli, ["events", "merge", market, "--db", db_url])
    assert one.exit_code == 2 and "[E407]" in one.output


def test_every_export_format_reads_back(db_url, tmp_path):
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    outputs = {}
    for fmt, name in [("jsonl", "e.jsonl"), ("acled-csv", "e.csv"), ("geojson", "e.geojson"), ("parquet", "e.parquet")]:
        path = tmp_path / name
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(path), "--db", db_url, "--country", "SY"])
        assert result.exit_code == 0, result.output
        assert "wrote 3 events" in result.output
        outputs[fmt] = path
    lines = [json.loads(line) for line in outputs["jsonl"].read_text().splitlines()]
    assert {row["location"]["name"] for row in lines} == {"Idlib", "Al Atarib", "Daraa"}
    with outputs["acled-csv"].open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and "event_date" in rows[0] and "sub_event_type" in rows[0]
    features = json.loads(outputs["geojson"].read_text())["features"]
    assert len(features) == 3 and features[0]["geometry"]["type"] == "Point"
    assert pyarrow_parquet.read_table(outputs["parquet"]).num_rows == 3
    records = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--records", "-o", str(tmp_path / "r.jsonl"),
                                       "--db", db_url])
    assert records.exit_code == 0
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 4
