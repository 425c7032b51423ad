"""The cross-article merge as the store runs it: incremental, and bound by human decisions.

`sitrep.resolve.dedup.merge_records` decides which records report the same event. The store
chooses what it sees: only the blocks that new, changed or hand-edited records touch (same
country, dates within a window), closed over existing canonical events and must-link decisions
so that a recomputed event is never cut in half. Human decisions are must-link / cannot-link
pairs of record ids; they are passed to every merge, so they survive re-ingestion and re-merging.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from sitrep.errors import SitrepError
from sitrep.resolve.dedup import canonical_id_for, merge_records
from sitrep.store.models import CanonicalEventRow, EventMemberRow, MergeDecisionRow, RecordRow

# Records this many days before or after a touched record's dates may be the same event.
BLOCK_WINDOW_DAYS = 14
# Past this many touched records an incremental merge costs more than a full one.
INCREMENTAL_LIMIT = 5000
# Bound parameters per IN list (SQLite and PostgreSQL both cap them).
CHUNK = 5000
MUST_LINK = "must_link"
CANNOT_LINK = "cannot_link"


@dataclass
class MergeSummary:
    records: int = 0  # records the merge looked at
    events: int = 0  # canonical events it wrote


def add_decision(session: Session, kind: str, record_a: str, record_b: str) -> None:
    """Record a human decision; it replaces any earlier decision on the same pair."""
    pair = sorted((record_a, record_b))
    session.execute(
        delete(MergeDecisionRow).where(
            MergeDecisionRow.record_a == pair[0], MergeDecisionRow.record_b == pair[1]
        )
    )
    session.add(MergeDecisionRow(kind=kind, record_a=pair[0], record_b=pair[1]))


def remerge(session: Session, full: bool = False) -> MergeSummary:
    """Recompute the canonical events touched since the last merge (all of them when `full`)."""
    touched = [] if full else _touched_records(session)
    if full or len(touched) > INCREMENTAL_LIMIT:
        return _merge_and_store(session, None)
    if not touched:
        return MergeSummary()
    return _merge_and_store(session, _close(session, _block_neighbours(session, touched) | {r.pk for r in touched}))


def remerge_records(session: Session, record_pks: set[int]) -> MergeSummary:
    """Recompute the events of these records and of everything they can be merged with."""
    rows = [*_rows_by_pk(session, record_pks), *_touched_records(session)]
    return _merge_and_store(session, _close(session, _block_neighbours(session, rows) | {r.pk for r in rows}))


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _rows_by_pk(session: Session, pks: set[int] | None) -> list[RecordRow]:
    if pks is None:
        return list(session.scalars(select(RecordRow).where(RecordRow.current.is_(True))))
    rows: list[RecordRow] = []
    for chunk in _chunks(pks):
        rows.extend(session.scalars(select(RecordRow).where(RecordRow.pk.in_(chunk), RecordRow.current.is_(True))))
    return rows


def _touched_records(session: Session) -> list[RecordRow]:
    """Current records in no event, and current records whose event holds a superseded record."""
    unmerged = session.scalars(
        select(RecordRow).where(
            RecordRow.current.is_(True), ~RecordRow.pk.in_(select(EventMemberRow.record_pk))
        )
    ).all()
    stale_events = select(EventMemberRow.canonical_id).join(RecordRow).where(RecordRow.current.is_(False))
    stale_members = session.scalars(
        select(RecordRow)
        .join(EventMemberRow, EventMemberRow.record_pk == RecordRow.pk)
        .where(EventMemberRow.canonical_id.in_(stale_events), RecordRow.current.is_(True))
    ).all()
    return list({r.pk: r for r in [*unmerged, *stale_members]}.values())


def _block_neighbours(session: Session, touched: list[RecordRow]) -> set[int]:
    """Current records in the same country whose dates fall near a touched record's."""
    windows: dict[str | None, tuple[date, date] | None] = {}
    undated: set[str | None] = set()
    for row in touched:
        start, end = _as_date(row.date_start), _as_date(row.date_end) or _as_date(row.date_start)
        if start is None or end is None:
            undated.add(row.country_code)
            continue
        low, high = windows.get(row.country_code) or (start, end)
        windows[row.country_code] = (min(low, start), max(high, end))
    conditions = []
    for country, (low, high) in windows.items():
        pad = timedelta(days=BLOCK_WINDOW_DAYS)
        conditions.append(
            and_(
                _country_is(country),
                or_(
                    RecordRow.date_start.is_(None),
                    and_(RecordRow.date_start <= (high + pad).isoformat(),
                         RecordRow.date_start >= (low - pad).isoformat()),
                ),
            )
        )
    conditions.extend(and_(_country_is(c), RecordRow.date_start.is_(None)) for c in undated)
    if not conditions:
        return set()
    return set(session.scalars(select(RecordRow.pk).where(RecordRow.current.is_(True), or_(*conditions))))


def _country_is(country: str | None):
    return RecordRow.country_code.is_(None) if country is None else RecordRow.country_code == country


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _close(session: Session, pks: set[int]) -> set[int]:
    """Add every member of the candidates' current events and every must-link partner, until stable."""
    closed = set(pks)
    while True:
        grown = closed | _event_mates(session, closed)
        names = {r.event_id for r in _rows_by_pk(session, grown)}
        partners = _must_link_partners(session, names) - names
        for chunk in _chunks(partners):
            grown |= set(session.scalars(
                select(RecordRow.pk).where(RecordRow.current.is_(True), RecordRow.event_id.in_(chunk))
            ))
        if grown == closed:
            return closed
        closed = grown


def _event_ids_of(session: Session, pks: set[int]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(pks):
        found |= set(session.scalars(
            select(EventMemberRow.canonical_id).where(EventMemberRow.record_pk.in_(chunk))
        ))
    return found


def _event_mates(session: Session, pks: set[int]) -> set[int]:
    """Current records that share a canonical event with one of these."""
    mates: set[int] = set()
    for chunk in _chunks(_event_ids_of(session, pks)):
        mates |= set(session.scalars(
            select(EventMemberRow.record_pk).join(RecordRow).where(
                EventMemberRow.canonical_id.in_(chunk), RecordRow.current.is_(True)
            )
        ))
    return mates


def _must_link_partners(session: Session, names: set[str]) -> set[str]:
    partners: set[str] = set()
    for chunk in _chunks(names):
        for a, b in session.execute(
            select(MergeDecisionRow.record_a, MergeDecisionRow.record_b).where(
                MergeDecisionRow.kind == MUST_LINK,
                or_(MergeDecisionRow.record_a.in_(chunk), MergeDecisionRow.record_b.in_(chunk)),
            )
        ):
            partners |= {a, b}
    return partners


def _decisions(session: Session, event_ids: set[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The human decisions between these records (decisions are few: read them all)."""
    must, cannot = [], []
    rows = session.execute(select(MergeDecisionRow.kind, MergeDecisionRow.record_a, MergeDecisionRow.record_b))
    for kind, a, b in rows:
        if a in event_ids and b in event_ids:
            (must if kind == MUST_LINK else cannot).append((a, b))
    return must, cannot


def _merge_and_store(session: Session, pks: set[int] | None) -> MergeSummary:
    """Merge these current records (None: all of them) and replace their canonical events."""
    rows = _rows_by_pk(session, pks)
    by_event_id: dict[str, RecordRow] = {}
    for row in rows:  # an event id seen twice among current records: the latest row wins
        if row.event_id not in by_event_id or row.pk > by_event_id[row.event_id].pk:
            by_event_id[row.event_id] = row
    must, cannot = _decisions(session, set(by_event_id))
    # sorted: the same records give the same events, whatever order they were ingested in
    records = [_record_for_merge(by_event_id[rid]) for rid in sorted(by_event_id)]
    merged = merge_records(records, must_link=must, cannot_link=cannot) if records else []
    _drop_events_of(session, pks)
    for event in merged:
        session.add(_event_row(event, by_event_id, must))
    session.flush()
    return MergeSummary(records=len(records), events=len(merged))


def _record_for_merge(row: RecordRow) -> dict[str, Any]:
    record = dict(row.record)
    record["event_id"] = row.event_id
    return record


def _drop_events_of(session: Session, pks: set[int] | None) -> None:
    """Delete the events of these records (None: every event), and every event that still holds
    a superseded record: the callers have put that event's current members in `pks`."""
    if pks is None:
        session.execute(delete(EventMemberRow))
        session.execute(delete(CanonicalEventRow))
        return
    event_ids = _event_ids_of(session, pks)
    event_ids |= set(session.scalars(
        select(EventMemberRow.canonical_id).join(RecordRow).where(RecordRow.current.is_(False))
    ))
    for chunk in _chunks(event_ids):
        session.execute(delete(EventMemberRow).where(EventMemberRow.canonical_id.in_(chunk)))
        session.execute(delete(CanonicalEventRow).where(CanonicalEventRow.canonical_id.in_(chunk)))


def _event_row(event: Any, by_event_id: dict[str, RecordRow], must: list[tuple[str, str]]) -> CanonicalEventRow:
    members = [by_event_id[rid] for rid in event.record_ids if rid in by_event_id]
    canonical_id = canonical_id_for(r.event_id for r in members)
    record = dict(event.record)
    record["canonical_id"] = canonical_id
    record["record_ids"] = [r.event_id for r in members]
    reasons = list(event.reasons) + _human_reasons(set(record["record_ids"]), must)
    return CanonicalEventRow(
        canonical_id=canonical_id,
        **indexed_columns(record),
        event_type=record.get("event_type") or members[0].event_type,
        n_sources=len({r.article_pk for r in members}),
        record=record,
        reasons=reasons,
        members=[EventMemberRow(record_pk=r.pk) for r in members],
    )


def _human_reasons(member_ids: set[str], must: list[tuple[str, str]]) -> list[str]:
    return [f"an analyst merged {a} and {b} by hand" for a, b in must if a in member_ids and b in member_ids]


def indexed_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The columns that records and canonical events are filtered on, read off a contract record."""
    location = record.get("location") or {}
    dates = record.get("date") or {}
    return {
        "acled_event_type": record.get("acled_event_type"),
        "acled_sub_event_type": record.get("acled_sub_event_type"),
        "date_start": dates.get("start"),
        "date_end": dates.get("end"),
        "place": location.get("name"),
        "country_code": location.get("country_code"),
        "admin1": location.get("admin1"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "fatalities": record.get("fatalities"),
        "actor_names": actor_names(record),
    }


def actor_names(record: dict[str, Any]) -> str:
    return "; ".join(a.get("name") or "" for a in record.get("actors") or [])


def event_members(session: Session, canonical_id: str) -> list[RecordRow]:
    event = session.get(CanonicalEventRow, canonical_id)
    if event is None:
        raise SitrepError("E402", event_id=canonical_id)
    return [m.record_row for m in event.members]


# ---- human decisions -----------------------------------------------------------------------


def merge_events(session: Session, canonical_ids: Sequence[str]) -> str:
    """Merge these canonical events into one, by hand; returns the merged event's id."""
    groups = [[r.event_id for r in event_members(session, cid)] for cid in canonical_ids]
    everyone = {rid for group in groups for rid in group}
    # Earlier splits between these records are overruled by this decision.
    session.execute(
        delete(MergeDecisionRow).where(
            MergeDecisionRow.kind == CANNOT_LINK,
            MergeDecisionRow.record_a.in_(everyone),
            MergeDecisionRow.record_b.in_(everyone),
        )
    )
    anchor = groups[0][0]
    for group in groups[1:]:
        add_decision(session, MUST_LINK, anchor, group[0])
    session.flush()
    remerge_records(session, _current_pks(session, everyone))
    return _event_id_of(session, anchor)


def split_event(session: Session, canonical_id: str, record_ids: Sequence[str]) -> list[str]:
    """Take these records out of the event, by hand; returns the ids of the resulting events."""
    members = [r.event_id for r in event_members(session, canonical_id)]
    for rid in record_ids:
        if rid not in members:
            raise SitrepError("E406", record_id=rid, event_id=canonical_id)
    leaving = set(record_ids)
    staying = [m for m in members if m not in leaving]
    for out in leaving:
        for stay in staying:
            add_decision(session, CANNOT_LINK, out, stay)
    session.flush()
    remerge_records(session, _current_pks(session, set(members)))
    return sorted({_event_id_of(session, rid) for rid in members})


def _current_pks(session: Session, event_ids: set[str]) -> set[int]:
    pks: set[int] = set()
    for chunk in _chunks(event_ids):
        pks |= set(session.scalars(
            select(RecordRow.pk).where(RecordRow.current.is_(True), RecordRow.event_id.in_(chunk))
        ))
    return pks


def _event_id_of(session: Session, record_event_id: str) -> str:
    return session.scalars(
        select(EventMemberRow.canonical_id)
        .join(RecordRow, RecordRow.pk == EventMemberRow.record_pk)
        .where(RecordRow.event_id == record_event_id, RecordRow.current.is_(True))
    ).one()
