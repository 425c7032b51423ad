"""Parquet for pandas, DuckDB and Arrow: flat typed columns, nested fields as JSON strings.

The schema is fixed so that every file has the same columns and types, even where a batch has
only nulls in one of them; `json.loads` (or DuckDB's `json` functions) open the nested ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.errors import SitrepError
from sitrep.export.rows import JSONDict, as_row, flat_fields

BATCH_ROWS = 10_000
_INTEGERS = ("fatalities", "fatalities_low", "fatalities_high", "injured", "kidnapped", "missing", "displaced",
             "n_sources")
_FLOATS = ("latitude", "longitude", "confidence")
NESTED_COLUMNS = ("article", "date", "location", "actors", "attribution", "evidence", "sources", "record_ids",
                  "figures", "reasons")


def _schema() -> pa.Schema:
    fields = []
    for name in flat_fields({}):
        if name in _INTEGERS:
            fields.append(pa.field(name, pa.int64()))
        elif name in _FLOATS:
            fields.append(pa.field(name, pa.float64()))
        else:
            fields.append(pa.field(name, pa.string()))
    fields += [pa.field(f"{name}_json", pa.string()) for name in NESTED_COLUMNS]
    return pa.schema(fields)


SCHEMA = _schema()


def columns_of(row: JSONDict) -> JSONDict:
    out = flat_fields(row)
    for name in NESTED_COLUMNS:
        value = row.get(name)
        out[f"{name}_json"] = None if value is None else json.dumps(value, ensure_ascii=False)
    return out


def _batches(rows: Iterable[Any]) -> Iterator[list[JSONDict]]:
    iterator = iter(rows)
    while batch := [columns_of(as_row(item)) for item in islice(iterator, BATCH_ROWS)]:
        yield batch


def write(rows: Iterable[Any], path: str, kind: str = "records") -> int:
    if path == "-":
        raise SitrepError("E511", fmt="Parquet")
    written = 0
    try:
        with pq.ParquetWriter(path, SCHEMA, compression="zstd") as writer:
            for batch in _batches(rows):
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                written += len(batch)
            if not written:
                writer.write_table(SCHEMA.empty_table())
    except OSError as exc:
        raise SitrepError("E510", path=path, reason=str(exc)) from None
    return written
