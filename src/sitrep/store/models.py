"""The database schema as SQLAlchemy 2 ORM models.

Articles are kept by revision: a changed text under the same id adds a revision and marks the old
one (and its records) not current. Event records keep the whole contract record as JSON plus the
columns that queries filter on. Canonical events are the cross-article merge of current records;
human merge/split decisions are stored apart so that re-merging never loses them.
The migrations in `migrations/versions` create exactly these tables; change both together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("article_id", "revision", name="uq_article_revision"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(512), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    author: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    records: Mapped[list[RecordRow]] = relationship(back_populates="article_row")


class RecordRow(Base):
    """One event record from one article revision."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("article_pk", "event_id", name="uq_record_article_event"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(512), index=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    acled_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str] = mapped_column(String(16), default="unknown")
    place: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    certainty: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    actor_names: Mapped[str] = mapped_column(Text, default="")  # "; "-joined, for --actor
    record: Mapped[dict[str, Any]] = mapped_column(JSON)

    article_row: Mapped[ArticleRow] = relationship(back_populates="records")
    evidence: Mapped[list[EvidenceRow]] = relationship(cascade="all, delete-orphan")
    actor_links: Mapped[list[RecordActorRow]] = relationship(cascade="all, delete-orphan")


class EvidenceRow(Base):
    __tablename__ = "evidence"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_pk: Mapped[int] = mapped_column(ForeignKey("records.pk", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ActorRow(Base):
    """A normalized actor name, shared by every record that names it."""

    __tablename__ = "actors"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512), unique=True)
    country: Mapped[str | None] = mapped_column(String(3))
    sector: Mapped[str | None] = mapped_column(String(16))


class RecordActorRow(Base):
    __tablename__ = "record_actors"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_pk: Mapped[int] = mapped_column(ForeignKey("records.pk", ondelete="CASCADE"), index=True)
    actor_pk: Mapped[int] = mapped_column(ForeignKey("actors.pk"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    named: Mapped[bool] = mapped_column(Boolean, default=True)

    actor: Mapped[ActorRow] = relationship()


class CanonicalEventRow(Base):
    """One real-world event: the merge of the current records that report it."""

    __tablename__ = "canonical_events"

    canonical_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    acled_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    actor_names: Mapped[str] = mapped_column(Text, default="")
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    reasons: Mapped[list[Any]] = mapped_column(JSON)  # why these records were merged
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    members: Mapped[list[EventMemberRow]] = relationship(cascade="all, delete-orphan")


class EventMemberRow(Base):
    __tablename__ = "event_members"

    record_pk: Mapped[int] = mapped_column(ForeignKey("records.pk", ondelete="CASCADE"), primary_key=True)
    canonical_id: Mapped[str] = mapped_column(
        ForeignKey("canonical_events.canonical_id", ondelete="CASCADE"), index=True
    )

    record_row: Mapped[RecordRow] = relationship()


class MergeDecisionRow(Base):
    """A human decision: two records are (must_link) or are not (cannot_link) the same event.
    Keyed by the records' event ids so that it outlives re-ingestion and re-merging."""

    __tablename__ = "merge_decisions"
    __table_args__ = (Index("ix_merge_decision_pair", "record_a", "record_b"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # must_link | cannot_link
    record_a: Mapped[str] = mapped_column(String(512))
    record_b: Mapped[str] = mapped_column(String(512))
    decided_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
