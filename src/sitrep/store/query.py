"""Reading the store: filters shared by `sitrep events` and `sitrep export`, and one event's detail.

Rows come back in the contract's shape (the merged record for canonical events, with
`canonical_id`, `record_ids` and `sources`; the extractor's record for `--records`), so the exports
and any notebook read them the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sitrep.errors import SitrepError
from sitrep.store.models import ArticleRow, CanonicalEventRow, EventMemberRow, RecordRow

EARTH_RADIUS_KM = 6371.0088
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
ACLED_TYPES = {
    "Battles", "Violence against civilians", "Explosions/Remote violence", "Protests", "Riots",
    "Strategic developments",
}


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    km: float


@dataclass(frozen=True)
class EventFilter:
    country: str | None = None
    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    acled_type: str | None = None
    actor: str | None = None
    near: Near | None = None
    min_fatalities: int | None = None
    limit: int | None = None


def parse_filter(
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    event_type: str | None = None,
    acled_type: str | None = None,
    actor: str | None = None,
    near: str | None = None,
    min_fatalities: int | None = None,
    limit: int | None = None,
) -> EventFilter:
    """Check the raw option values; a bad one raises E403 naming it."""
    return EventFilter(
        country=_parse_country(country),
        since=_parse_date("since", since),
        until=_parse_date("until", until),
        event_type=_parse_choice("type", event_type, PLOVER_TYPES, upper=True),
        acled_type=_parse_choice("acled-type", acled_type, ACLED_TYPES),
        actor=actor.strip() if actor and actor.strip() else None,
        near=_parse_near(near),
        min_fatalities=_parse_non_negative("min-fatalities", min_fatalities),
        limit=_parse_non_negative("limit", limit),
    )


def _parse_country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise SitrepError("E403", name="country", value=value, reason="use a two-letter ISO 3166 code such as SY")
    return code


def _parse_date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SitrepError("E403", name=name, value=value, reason="use a date as YYYY-MM-DD") from None


def _parse_choice(name: str, value: str | None, choices: set[str], upper: bool = False) -> str | None:
    if value is None:
        return None
    by_key = {c.lower(): c for c in choices}
    found = by_key.get(value.strip().lower())
    if found is None:
        raise SitrepError("E403", name=name, value=value, reason="choose one of: " + ", ".join(sorted(choices)))
    return found.upper() if upper else found


def _parse_near(value: str | None) -> Near | None:
    if value is None:
        return None
    reason = "use LAT,LON,KM with latitude -90..90, longitude -180..180 and a positive distance in km"
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError:
        raise SitrepError("E403", name="near", value=value, reason=reason) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise SitrepError("E403", name="near", value=value, reason=reason)
    return Near(lat, lon, km)


def _parse_non_negative(name: str, value: int | None) -> int | None:
    if value is not None and value < 0:
        raise SitrepError("E403", name=name, value=value, reason="use a number of 0 or more")
    return value


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _apply(stmt: Select, table: type[RecordRow] | type[CanonicalEventRow], f: EventFilter) -> Select:
    if f.country:
        stmt = stmt.where(table.country_code == f.country)
    if f.since:  # an event overlapping the period counts: its end is on or after `since`
        stmt = stmt.where(table.date_start.is_not(None))
        stmt = stmt.where(_end_column(table) >= f.since)
    if f.until:
        stmt = stmt.where(table.date_start <= f.until)
    if f.event_type:
        stmt = stmt.where(table.event_type == f.event_type)
    if f.acled_type:
        stmt = stmt.where(table.acled_event_type == f.acled_type)
    if f.actor:
        stmt = stmt.where(table.actor_names.ilike(f"%{f.actor}%"))
    if f.min_fatalities is not None:
        stmt = stmt.where(table.fatalities >= f.min_fatalities)
    if f.near:  # a bounding box in SQL, the exact distance in Python
        dlat = f.near.km / 111.0
        dlon = f.near.km / (111.0 * max(0.01, math.cos(math.radians(f.near.lat))))
        stmt = stmt.where(table.lat.between(f.near.lat - dlat, f.near.lat + dlat))
        if abs(f.near.lon) + dlon < 180:
            stmt = stmt.where(table.lon.between(f.near.lon - dlon, f.near.lon + dlon))
    return stmt


def _end_column(table):
    return func.coalesce(table.date_end, table.date_start)


def _is_near(row: RecordRow | CanonicalEventRow, near: Near | None) -> bool:
    if near is None:
        return True
    return row.lat is not None and row.lon is not None and haversine_km(near.lat, near.lon, row.lat, row.lon) <= near.km


def iter_events(session: Session, f: EventFilter) -> Iterator[dict[str, Any]]:
    """Canonical events, newest first, as merged contract-shaped records."""
    stmt = _apply(select(CanonicalEventRow), CanonicalEventRow, f)
    stmt = stmt.order_by(CanonicalEventRow.date_start.desc(), CanonicalEventRow.canonical_id)
    yield from _limited((_event_dict(row) for row in session.scalars(stmt) if _is_near(row, f.near)), f.limit)


def iter_records(session: Session, f: EventFilter) -> Iterator[dict[str, Any]]:
    """Current event records (one per article report), newest first."""
    stmt = _apply(select(RecordRow).where(RecordRow.current.is_(True)), RecordRow, f)
    stmt = stmt.order_by(RecordRow.date_start.desc(), RecordRow.event_id)
    yield from _limited((_record_dict(row) for row in session.scalars(stmt) if _is_near(row, f.near)), f.limit)


def _limited(rows: Iterator[dict[str, Any]], limit: int | None) -> Iterator[dict[str, Any]]:
    for n, row in enumerate(rows):
        if limit is not None and n >= limit:
            return
        yield row


def _event_dict(row: CanonicalEventRow) -> dict[str, Any]:
    record = dict(row.record)
    record["canonical_id"] = row.canonical_id
    record["n_sources"] = row.n_sources
    record.setdefault("sources", [])
    return record


def _record_dict(row: RecordRow) -> dict[str, Any]:
    record = dict(row.record)
    record["event_id"] = row.event_id
    return record


def event_detail(session: Session, event_id: str) -> dict[str, Any]:
    """One canonical event (or the event of a record id): its members, sources, evidence, reasons."""
    event = session.get(CanonicalEventRow, event_id) or _event_of_record(session, event_id)
    if event is None:
        raise SitrepError("E402", event_id=event_id)
    members = session.execute(
        select(RecordRow, ArticleRow)
        .join(EventMemberRow, EventMemberRow.record_pk == RecordRow.pk)
        .join(ArticleRow, ArticleRow.pk == RecordRow.article_pk)
        .where(EventMemberRow.canonical_id == event.canonical_id)
        .order_by(ArticleRow.published, RecordRow.event_id)
    ).all()
    detail = _event_dict(event)
    detail["reasons"] = list(event.reasons)
    detail["members"] = [_member(record, article) for record, article in members]
    return detail


def _event_of_record(session: Session, event_id: str) -> CanonicalEventRow | None:
    return session.scalars(
        select(CanonicalEventRow)
        .join(EventMemberRow, EventMemberRow.canonical_id == CanonicalEventRow.canonical_id)
        .join(RecordRow, RecordRow.pk == EventMemberRow.record_pk)
        .where(RecordRow.event_id == event_id, RecordRow.current.is_(True))
    ).first()


def _member(record: RecordRow, article: ArticleRow) -> dict[str, Any]:
    return {
        "record": _record_dict(record),
        "source": {
            "id": article.article_id,
            "revision": article.revision,
            "title": article.title,
            "publisher": article.publisher,
            "published": article.published,
            "url": article.url,
        },
        "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in record.evidence],
    }
