"""What every export format shares: turning an item into a row, flat fields, opening the output."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import IO, Any

from sitrep.errors import SitrepError

JSONDict = dict[str, Any]
KINDS = ("records", "events")


def as_row(item: Any) -> JSONDict:
    """A contract record, a merged record, or a `CanonicalEvent` (its merged record plus reasons)."""
    if isinstance(item, dict):
        return item
    to_dict = getattr(item, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"cannot export a {type(item).__name__}: pass dicts or CanonicalEvents")
    return to_dict()


def sources_of(row: JSONDict) -> list[JSONDict]:
    """Every article behind a row: a merged event's sources, or a record's own article."""
    if row.get("sources"):
        return list(row["sources"])
    article = row.get("article") or {}
    return [{"article_id": row.get("article_id"), "title": article.get("title"),
             "publisher": article.get("publisher"), "url": article.get("url"),
             "published": article.get("published")}]


def actors_in_role(row: JSONDict, role: str) -> list[JSONDict]:
    return [a for a in row.get("actors") or [] if a.get("role") == role and a.get("name")]


def flat_fields(row: JSONDict) -> JSONDict:
    """The scalar fields of a row, one level deep: for GeoJSON properties and Parquet columns."""
    date = row.get("date") or {}
    location = row.get("location") or {}
    sources = sources_of(row)
    perpetrators, targets = actors_in_role(row, "actor"), actors_in_role(row, "recipient")
    return {
        "event_id": row.get("event_id"),
        "article_id": row.get("article_id"),
        "event_type": row.get("event_type"),
        "mode": row.get("mode"),
        "acled_event_type": row.get("acled_event_type"),
        "acled_sub_event_type": row.get("acled_sub_event_type"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "location": location.get("name"),
        "country_code": location.get("country_code"),
        "admin1": location.get("admin1"),
        "admin2": location.get("admin2"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "geo_precision": location.get("precision"),
        "actor1": perpetrators[0]["name"] if perpetrators else None,
        "actor2": targets[0]["name"] if targets else None,
        "actors": "; ".join(f"{a['role']}: {a['name']}" for a in row.get("actors") or []) or None,
        "fatalities": row.get("fatalities"),
        "fatalities_low": row.get("fatalities_low"),
        "fatalities_high": row.get("fatalities_high"),
        "injured": row.get("injured"),
        "kidnapped": row.get("kidnapped"),
        "missing": row.get("missing"),
        "displaced": row.get("displaced"),
        "certainty": row.get("certainty"),
        "confidence": row.get("confidence"),
        "n_sources": len(sources),
        "sources": "; ".join(_source_name(s) for s in sources),
        "published": min((s["published"] for s in sources if s.get("published")), default=None),
        "notes": evidence_text(row),
    }


def _source_name(source: JSONDict) -> str:
    return source.get("publisher") or source.get("title") or str(source.get("article_id"))


def evidence_text(row: JSONDict) -> str:
    """The evidence sentences, once each, in one paragraph (ACLED's `notes`)."""
    seen: list[str] = []
    for evidence in row.get("evidence") or []:
        text = " ".join((evidence.get("text") or "").split())
        if text and text not in seen:
            seen.append(text)
    return " ".join(seen)


@contextlib.contextmanager
def open_text(path: str, newline: str | None = None) -> Iterator[IO[str]]:
    """The output file ("-" is standard output); a file that cannot be written is a user error."""
    if path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise SitrepError("E510", path=path, reason=exc.strerror or str(exc)) from None
    with handle:
        yield handle
