"""Opening databases: migrations on open, upgrading a first-revision database in place."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from sitrep.errors import SitrepError
from sitrep.store.db import (
    close_engine,
    create_db_engine,
    current_revision,
    database_url,
    head_revision,
    migrate,
    open_engine,
)
from sitrep.store.models import Base, RecordRow


def test_a_bare_path_is_a_sqlite_file(tmp_path, monkeypatch):
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path / 'sitrep.db'}"
    monkeypatch.setenv("SITREP_DB", "postgresql+psycopg://me@db/events")
    assert database_url() == "postgresql+psycopg://me@db/events"
    assert database_url("other.db") == f"sqlite:///{tmp_path / 'other.db'}"


def test_opening_applies_every_migration_and_matches_the_models(db_url):
    engine = open_engine(db_url)
    assert current_revision(engine) == head_revision() != "0001"
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_first_revision_database_upgrades_in_place_with_its_data(db_url):
    engine = create_db_engine(db_url)
    migrate(engine, "0001")
    record = {"event_id": "old-e0", "actors": [{"role": "actor", "name": "Islamic State"}], "event_type": "ASSAULT"}
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO articles (article_id, revision, current, content_hash, origin, text, title) "
            "VALUES ('old', 1, :yes, 'abc', 'old.txt', 'Militants attacked a checkpoint near Raqqa.', 'Old')"
        ), {"yes": True})
        article_pk = connection.execute(text("SELECT pk FROM articles")).scalar_one()
        connection.execute(text(
            "INSERT INTO records (event_id, article_pk, current, event_type, date_precision, certainty, "
            "confidence, record) VALUES ('old-e0', :pk, :yes, 'ASSAULT', 'unknown', 'asserted', 0.5, :rec)"
        ), {"pk": article_pk, "yes": True, "rec": json.dumps(record)})
    engine.dispose()

    upgraded = open_engine(db_url)
    assert current_revision(upgraded) == head_revision()
    with upgraded.connect() as connection:
        row = connection.execute(select(RecordRow.event_id, RecordRow.actor_names, RecordRow.record)).one()
        title = connection.execute(text("SELECT title FROM articles")).scalar_one()
    assert row.event_id == "old-e0"
    assert row.actor_names == "Islamic State"  # filled by the second migration
    assert row.record == record
    assert title == "Old"


def test_a_database_newer_than_sitrep_is_refused(db_url):
    engine = open_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    close_engine(db_url)
    with pytest.raises(SitrepError) as caught:
        open_engine(db_url)
    assert caught.value.code == "E404"


def test_an_unreachable_database_is_a_one_line_error():
    with pytest.raises(SitrepError) as caught:
        open_engine("postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert caught.value.code == "E401"
    with pytest.raises(SitrepError) as caught:
        open_engine("notadialect://x")
    assert caught.value.code == "E401"
