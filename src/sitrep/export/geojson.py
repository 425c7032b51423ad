"""GeoJSON (RFC 7946): a FeatureCollection of Points in [longitude, latitude] order, WGS 84.

Properties are flat scalars (QGIS shows nested objects as unreadable text). Events with no
coordinates keep their row with a null geometry, which RFC 7946 allows and QGIS lists as a
table-only feature.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sitrep.export.rows import JSONDict, as_row, flat_fields, open_text

COORDINATE_DECIMALS = 6  # about 10 cm: more would be false precision


def feature(row: JSONDict) -> JSONDict:
    properties = flat_fields(row)
    lat, lon = properties.pop("latitude"), properties.pop("longitude")
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [round(float(lon), COORDINATE_DECIMALS),
                                                     round(float(lat), COORDINATE_DECIMALS)]}
    return {"type": "Feature", "id": row.get("event_id"), "geometry": geometry, "properties": properties}


def write(rows: Iterable[Any], path: str, kind: str = "records") -> int:
    # Streamed feature by feature so that a large export never sits in memory whole.
    written = 0
    with open_text(path) as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for item in rows:
            if written:
                out.write(",\n")
            out.write(json.dumps(feature(as_row(item)), ensure_ascii=False))
            written += 1
        out.write("\n]}\n")
    return written
