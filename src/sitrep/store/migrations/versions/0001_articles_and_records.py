"""Articles by revision, their event records and evidence.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.String(512), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("author", sa.Text()),
        sa.Column("publisher", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("article_id", "revision", name="uq_article_revision"),
    )
    op.create_index("ix_articles_article_id", "articles", ["article_id"])
    op.create_index("ix_articles_current", "articles", ["current"])
    op.create_table(
        "records",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(512), nullable=False),
        sa.Column("article_pk", sa.Integer(), sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("acled_event_type", sa.String(64)),
        sa.Column("acled_sub_event_type", sa.String(64)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("place", sa.Text()),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.UniqueConstraint("article_pk", "event_id", name="uq_record_article_event"),
    )
    for column in ("event_id", "article_pk", "current", "event_type", "acled_event_type", "date_start", "country_code"):
        op.create_index(f"ix_records_{column}", "records", [column])
    op.create_table(
        "evidence",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("record_pk", sa.Integer(), sa.ForeignKey("records.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    op.create_index("ix_evidence_record_pk", "evidence", ["record_pk"])


def downgrade() -> None:
    op.drop_table("evidence")
    op.drop_table("records")
    op.drop_table("articles")
