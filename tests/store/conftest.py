"""Fixtures for the store's tests: an empty database on each backend (SQLite, PostgreSQL)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# pytest runs with --import-mode=importlib: make the shared sample builders importable.
sys.path.insert(0, str(Path(__file__).parent))
from store_samples import BACKENDS, require_backend  # noqa: E402

from sitrep.store.testing import temporary_database  # noqa: E402


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    require_backend(request.param)
    with temporary_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def sessions(db_url):
    from sitrep.store.db import session_factory

    return session_factory(db_url)
