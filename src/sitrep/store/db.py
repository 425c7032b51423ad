"""Opening the database: URL resolution, engines, and Alembic migrations applied on open.

SQLite (a file, `sitrep.db` by default or `$SITREP_DB`) is the embedded default; any SQLAlchemy
URL works, PostgreSQL as `postgresql+psycopg://user@host/db`.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sitrep.errors import SitrepError

DEFAULT_DB = "sitrep.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(url: str | None = None) -> str:
    """The URL to open: the one given, else $SITREP_DB, else ./sitrep.db. A bare path is SQLite."""
    url = url or os.environ.get("SITREP_DB") or DEFAULT_DB
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def alembic_config() -> Config:
    """Alembic's configuration, built in code so that no alembic.ini needs to be found."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL: readers don't block the writer, and a killed writer loses only its open transaction.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_db_engine(url: str | None = None) -> Engine:
    """An engine for the URL, with no migration applied."""
    resolved = database_url(url)
    try:
        engine = create_engine(resolved)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise SitrepError("E401", url=resolved, reason=str(exc).splitlines()[0]) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema in place to `revision`; refuse a database newer than this sitrep."""
    found = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if found is not None and found not in known:
        raise SitrepError("E404", url=_safe_url(engine), found=found, expected=head_revision())
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


_ENGINES: dict[str, Engine] = {}


def open_engine(url: str | None = None) -> Engine:
    """The engine for a database, its schema upgraded to head. Cached: migrations run once per
    process and URL."""
    resolved = database_url(url)
    if resolved in _ENGINES:
        return _ENGINES[resolved]
    engine = create_db_engine(resolved)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise SitrepError("E401", url=_safe_url(engine), reason=reason) from exc
    _ENGINES[resolved] = engine
    return engine


def close_engine(url: str | None = None) -> None:
    """Dispose of the cached engine for a database (before dropping it, or between tests)."""
    engine = _ENGINES.pop(database_url(url), None)
    if engine is not None:
        engine.dispose()


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(open_engine(url), expire_on_commit=False)

