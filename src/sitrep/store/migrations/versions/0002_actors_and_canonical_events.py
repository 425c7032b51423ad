"""Actors, canonical events (the cross-article merge), their members and human merge decisions.

Also adds `records.actor_names`, filled here from the stored record JSON of existing rows.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("actor_names", sa.Text(), nullable=False, server_default=""))
    _fill_actor_names()
    op.create_table(
        "actors",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(512), nullable=False, unique=True),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(16)),
    )
    op.create_table(
        "record_actors",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("record_pk", sa.Integer(), sa.ForeignKey("records.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_pk", sa.Integer(), sa.ForeignKey("actors.pk"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text()),
        sa.Column("named", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_record_actors_record_pk", "record_actors", ["record_pk"])
    op.create_index("ix_record_actors_actor_pk", "record_actors", ["actor_pk"])
    op.create_table(
        "canonical_events",
        sa.Column("canonical_id", sa.String(128), primary_key=True),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("acled_event_type", sa.String(64)),
        sa.Column("acled_sub_event_type", sa.String(64)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("place", sa.Text()),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("actor_names", sa.Text(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    for column in ("event_type", "acled_event_type", "date_start", "country_code"):
        op.create_index(f"ix_canonical_events_{column}", "canonical_events", [column])
    op.create_table(
        "event_members",
        sa.Column("record_pk", sa.Integer(), sa.ForeignKey("records.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column(
            "canonical_id",
            sa.String(128),
            sa.ForeignKey("canonical_events.canonical_id", ondelete="CASCADE"),
            nullable=False,
        ),
    )
    op.create_index("ix_event_members_canonical_id", "event_members", ["canonical_id"])
    op.create_table(
        "merge_decisions",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_a", sa.String(512), nullable=False),
        sa.Column("record_b", sa.String(512), nullable=False),
        sa.Column("decided_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_merge_decision_pair", "merge_decisions", ["record_a", "record_b"])


def _fill_actor_names() -> None:
    records = sa.table("records", sa.column("pk", sa.Integer), sa.column("record", sa.JSON),
                       sa.column("actor_names", sa.Text))
    bind = op.get_bind()
    for pk, record in bind.execute(sa.select(records.c.pk, records.c.record)).all():
        names = "; ".join(a.get("name", "") for a in (record or {}).get("actors") or [])
        bind.execute(sa.update(records).where(records.c.pk == pk).values(actor_names=names))


def downgrade() -> None:
    op.drop_table("merge_decisions")
    op.drop_table("event_members")
    op.drop_table("canonical_events")
    op.drop_table("record_actors")
    op.drop_table("actors")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("actor_names")
