"""Storing articles: one transaction each, idempotent re-ingest, revisions, errors, resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_samples import ATARIB, MARKET_TEXT, article, record, sample_batch, store_batch

from sitrep.errors import SitrepError
from sitrep.store.db import session_factory
from sitrep.store.ingest import ingest_articles, store_article
from sitrep.store.models import (
    ActorRow,
    ArticleRow,
    CanonicalEventRow,
    EventMemberRow,
    EvidenceRow,
    RecordActorRow,
    RecordRow,
)


def counts(sessions) -> dict[str, int]:
    with sessions() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (ArticleRow, RecordRow, EvidenceRow, ActorRow, RecordActorRow, CanonicalEventRow, EventMemberRow)
        }


def test_an_article_is_stored_with_its_records_evidence_and_actors(sessions):
    store_batch(sessions, sample_batch())
    with sessions() as session:
        atarib = session.scalars(select(RecordRow).where(RecordRow.event_id == "atarib-e0")).one()
        assert atarib.article_row.title.startswith("Government forces shelled Atarib")
        assert atarib.article_row.url == "https://example.org/atarib"
        assert (atarib.country_code, atarib.admin1, atarib.date_start) == ("SY", "Aleppo", "2024-03-05")
        assert atarib.lat == pytest.approx(ATARIB.lat)
        assert atarib.fatalities == 2
        assert atarib.acled_sub_event_type == "Shelling/artillery/missile attack"
        assert atarib.evidence[0].text.startswith("Government forces shelled Atarib")
        assert sorted((a.role, a.actor.name) for a in atarib.actor_links) == [
            ("actor", "Military Forces of Syria"), ("recipient", "Civilians (Syria)")]
        assert atarib.record["fatalities"] == 2
    assert counts(sessions)["canonical_events"] == 4


def test_reingesting_the_same_article_changes_nothing(sessions):
    store_batch(sessions, sample_batch())
    before = counts(sessions)
    with sessions() as session:
        event_ids = sorted(session.scalars(select(CanonicalEventRow.canonical_id)))
    for art, records in sample_batch():
        assert store_article(sessions, art, records) == "unchanged"
    store_batch(sessions, sample_batch())
    assert counts(sessions) == before
    with sessions() as session:
        assert sorted(session.scalars(select(CanonicalEventRow.canonical_id))) == event_ids


def test_a_changed_text_becomes_a_new_revision_and_supersedes_the_old_records(sessions):
    store_batch(sessions, sample_batch())
    corrected_text = MARKET_TEXT.replace("seven civilians", "nine civilians")
    corrected = article("market", corrected_text, published="2024-03-04")
    new_record = record(corrected, corrected_text.split(". ")[0] + ".", n=1, fatalities=9)
    assert store_article(sessions, corrected, [new_record]) == "revised"
    store_batch(sessions, [])
    with sessions() as session:
        revisions = session.execute(
            select(ArticleRow.revision, ArticleRow.current).where(ArticleRow.article_id == "market")
            .order_by(ArticleRow.revision)
        ).all()
        assert [tuple(r) for r in revisions] == [(1, False), (2, True)]
        by_id = {r.event_id: r.current for r in session.scalars(select(RecordRow).where(RecordRow.event_id.like("market%")))}
        assert by_id == {"market-e0": False, "market-e1": True}
        market_events = session.scalars(
            select(CanonicalEventRow).where(CanonicalEventRow.place == "Idlib")
        ).all()
        assert len(market_events) == 1
        assert market_events[0].fatalities == 9
        assert market_events[0].record["record_ids"] == ["market-e1"]


def test_a_failing_article_is_reported_and_the_batch_goes_on(sessions):
    batch = sample_batch()
    by_id = {art.id: records for art, records in batch}

    def extract(art):
        if art.id == "daraa":
            raise ValueError("the parser choked")
        return by_id[art.id]

    errors: list[str] = []
    inputs = [art for art, _ in batch] + [SitrepError("E004", article_id="blank", path="blank.txt")]
    summary = ingest_articles(sessions, inputs, workers=1, on_error=errors.append, extract=extract)
    assert (summary.new, summary.failed, summary.records) == (3, 2, 3)
    assert any("E405" in e and "daraa" in e and "the parser choked" in e for e in errors)
    assert any("E004" in e for e in errors)
    assert summary.merge is not None and summary.merge.events == 3
    # the failed article is retried next time, the others are skipped
    again = ingest_articles(sessions, [art for art, _ in batch], workers=1, extract=lambda art: by_id[art.id])
    assert (again.new, again.unchanged, again.failed) == (1, 3, 0)
    assert counts(sessions)["canonical_events"] == 4


# ---- with the real extractor -----------------------------------------------------------------

STORIES = [
    ("Gunmen killed three farmers in the village of Kafr Nabl in Idlib province on Tuesday, "
     "the Syrian Observatory for Human Rights said."),
    "Protesters gathered in the city of Daraa on Friday to demand the release of detainees.",
    "A roadside bomb exploded near a bus in Homs on Sunday, killing four soldiers and wounding seven.",
    "Turkish drones struck a car near Qamishli on Monday, killing two fighters of the Syrian Democratic Forces.",
]


def _pipeline_or_skip() -> None:
    try:
        import sitrep.extract.pipeline  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the extraction pipeline is not available yet ({exc})")


def write_stories(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for i in range(copies):
        for j, story in enumerate(STORIES):
            (folder / f"story-{i:03d}-{j}.txt").write_text(f"DAMASCUS, March {1 + i % 28}, 2024\n\n{story}\n")
    return folder


SITREP = [sys.executable, "-c", "from sitrep.cli import main; main()"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SITREP, *args], capture_output=True, text=True, timeout=240)


def test_ingesting_real_text_files_end_to_end(sessions, db_url, tmp_path):
    _pipeline_or_skip()
    folder = write_stories(tmp_path / "news", 1)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 8)  # not text: reported, the batch goes on
    workers = "2" if db_url.startswith("sqlite") else "1"  # the pool once, not on every backend
    result = run_cli("ingest", str(folder), "--db", db_url, "--workers", workers)
    assert result.returncode == 1, result.stderr
    assert "scan.txt" in result.stderr and "[E003]" in result.stderr
    stored = counts(sessions)
    assert stored["articles"] == len(STORIES)
    assert stored["records"] >= 3 and stored["canonical_events"] >= 3
    with sessions() as session:  # evidence offsets point into the stored cleaned text
        for row in session.scalars(select(EvidenceRow)):
            text = session.get(RecordRow, row.record_pk).article_row.text
            assert text[row.start : row.end] == row.text
    (folder / "scan.txt").unlink()
    again = run_cli("ingest", str(folder), "--db", db_url, "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "4 unchanged" in again.stderr
    assert counts(sessions) == stored


def test_a_killed_ingest_loses_nothing_and_resumes(tmp_path):
    # SQLite only, to keep the suite fast: PostgreSQL's per-transaction guarantee is the stronger one.
    _pipeline_or_skip()
    db_url = f"sqlite:///{tmp_path / 'killed.db'}"
    sessions = session_factory(db_url)
    folder = write_stories(tmp_path / "news", 15)
    total = len(list(folder.iterdir()))
    process = subprocess.Popen([*SITREP, "ingest", str(folder), "--db", db_url,
                                "--workers", "1", "-q"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    stored_before_kill = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored_before_kill = counts(sessions)["articles"]
        if stored_before_kill >= 3:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after_kill = counts(sessions)["articles"]
    assert 3 <= after_kill < total, "the batch should have been killed mid-way"
    result = run_cli("ingest", str(folder), "--db", db_url, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert f"{after_kill} unchanged" in result.stderr
    with sessions() as session:
        ids = list(session.scalars(select(ArticleRow.article_id)))
        assert sorted(ids) == sorted(p.stem for p in folder.iterdir())  # every article once
        assert set(session.scalars(select(ArticleRow.revision))) == {1}
        events = list(session.scalars(select(RecordRow.event_id)))
        assert len(events) == len(set(events))
        unmerged = session.scalar(select(func.count()).where(~RecordRow.pk.in_(select(EventMemberRow.record_pk))))
        assert unmerged == 0
