"""Exports: records or canonical events to files analysts open elsewhere.

    write_export("acled-csv", rows, "events.csv", kind="events")

`rows` are contract records (kind "records") or merged records / `CanonicalEvent`s (kind "events");
every format takes both. Each writer lives in its own module and returns the rows it wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sitrep.errors import SitrepError
from sitrep.export import coded_csv, geojson, jsonl, parquet
from sitrep.export.rows import KINDS

Writer = Callable[[Iterable[Any], str, str], int]

WRITERS: dict[str, Writer] = {
    "jsonl": jsonl.write,
    "acled-csv": coded_csv.write,
    "geojson": geojson.write,
    "parquet": parquet.write,
}
FORMATS = tuple(WRITERS)


def write_export(fmt: str, rows: Iterable[Any], path: str, kind: str = "records") -> int:
    """Write `rows` to `path` ("-" for standard output, except parquet) as `fmt`; return rows written."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise SitrepError("E503", fmt=fmt, choices=", ".join(FORMATS))
    if kind not in KINDS:
        raise SitrepError("E512", kind=kind)
    return writer(rows, path, kind)


__all__ = ["FORMATS", "write_export"]
