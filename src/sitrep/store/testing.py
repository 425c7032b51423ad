"""Throwaway databases for tests: a SQLite file, or a fresh database on the PostgreSQL server
that `scripts/pg.sh` starts (its URL in $SITREP_TEST_PG_URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sitrep.store.db import close_engine

PG_URL_ENV = "SITREP_TEST_PG_URL"


def postgres_server_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


@contextmanager
def temporary_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database on `backend` ("sqlite" or "postgres"), dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'sitrep-test.db'}"
        try:
            yield url
        finally:
            close_engine(url)
        return
    server = postgres_server_url()
    if server is None:
        raise LookupError(f"{PG_URL_ENV} is not set")
    name = "sitrep_t_" + uuid.uuid4().hex[:12]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            close_engine(url)
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
