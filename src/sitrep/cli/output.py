"""Writing event records for people and programs: JSON Lines, a flat CSV and a terminal table."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Sequence
from typing import IO, Any

RecordDict = dict[str, Any]

CSV_COLUMNS = [
    "event_id", "article_id", "title", "published", "event_type", "mode", "acled_event_type",
    "acled_sub_event_type", "date_start", "date_end", "date_precision", "date_text", "from_publication_date",
    "location", "location_text", "country_code", "admin1", "admin2", "latitude", "longitude", "geonames_id",
    "location_precision", "actors", "recipients", "fatalities", "fatalities_low", "fatalities_high", "injured",
    "kidnapped", "missing", "displaced", "certainty", "attribution", "evidence", "evidence_offsets", "confidence",
]


def flatten(record: RecordDict) -> RecordDict:
    """One CSV row per record: nested fields become readable strings ("; " between items)."""
    loc = record.get("location") or {}
    date = record.get("date") or {}
    article = record.get("article") or {}

    def names(role: str) -> str:
        return "; ".join(a["name"] for a in record.get("actors", []) if a.get("role") == role)

    def source(a: RecordDict) -> str:
        return f"{a['source']} ({a['kind']}{': ' + a['claim'] if a.get('claim') else ''})"

    return {
        "event_id": record["event_id"], "article_id": record["article_id"], "title": article.get("title"),
        "published": article.get("published"), "event_type": record["event_type"], "mode": record.get("mode"),
        "acled_event_type": record.get("acled_event_type"), "acled_sub_event_type": record.get("acled_sub_event_type"),
        "date_start": date.get("start"), "date_end": date.get("end"), "date_precision": date.get("precision"),
        "date_text": date.get("text"), "from_publication_date": date.get("from_publication_date"),
        "location": loc.get("name"), "location_text": loc.get("text"), "country_code": loc.get("country_code"),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "latitude": loc.get("lat"),
        "longitude": loc.get("lon"), "geonames_id": loc.get("geonames_id"), "location_precision": loc.get("precision"),
        "actors": names("actor"), "recipients": names("recipient"),
        **{k: record.get(k) for k in ("fatalities", "fatalities_low", "fatalities_high", "injured", "kidnapped",
                                       "missing", "displaced", "certainty")},
        "attribution": "; ".join(source(a) for a in record.get("attribution", [])),
        "evidence": " | ".join(e["text"] for e in record.get("evidence", [])),
        "evidence_offsets": "; ".join(f"{e['start']}-{e['end']}" for e in record.get("evidence", [])),
        "confidence": record.get("confidence"),
    }


class RecordWriter:
    """Streams records in one format; the table is drawn at the end, once widths are known."""

    def __init__(self, stream: IO[str], fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self.rows: list[RecordDict] = []
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, record: RecordDict) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self._csv is not None:
            self._csv.writerow(flatten(record))
        else:
            self.rows.append(record)

    def close(self) -> None:
        if self.fmt == "table":
            self.stream.write(records_table(self.rows) + "\n")
        self.stream.flush()


TABLE_COLUMNS = [
    ("article", lambda r: r["article_id"]),
    ("date", lambda r: (r.get("date") or {}).get("start") or ""),
    ("type", lambda r: r["event_type"] + (f"/{r['mode']}" if r.get("mode") else "")),
    ("ACLED", lambda r: r.get("acled_sub_event_type") or ""),
    ("where", lambda r: _place(r.get("location"))),
    ("actor", lambda r: "; ".join(a["name"] for a in r["actors"] if a["role"] == "actor")),
    ("recipient", lambda r: "; ".join(a["name"] for a in r["actors"] if a["role"] == "recipient")),
    ("killed", lambda r: _num(r.get("fatalities"))),
    ("hurt", lambda r: _num(r.get("injured"))),
    ("certainty", lambda r: r.get("certainty", "")),
    ("conf", lambda r: f"{r.get('confidence', 0):.2f}"),
]


def _place(loc: RecordDict | None) -> str:
    if not loc:
        return ""
    return f"{loc['name']}, {loc.get('country_code') or '?'} ({loc['precision']})"


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def records_table(records: Sequence[RecordDict]) -> str:
    if not records:
        return "(no events)"
    cells = [[str(get(r)) for _, get in TABLE_COLUMNS] for r in records]
    return text_table([name for name, _ in TABLE_COLUMNS], cells)


def text_table(header: Sequence[str], rows: Iterable[Sequence[str]], max_width: int | None = None) -> str:
    """A plain table that fits the terminal: wide columns are cut with an ellipsis."""
    rows = [list(r) for r in rows]
    max_width = max_width or shutil.get_terminal_size((160, 24)).columns
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    while sum(widths) + 2 * (len(widths) - 1) > max_width and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def cut(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(cut(h, w).ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)
