"""Alembic migrations of the sitrep store, applied automatically on open (see sitrep.store.db)."""
