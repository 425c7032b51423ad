"""JSON Lines: one record (or merged event) per line, exactly in the contract's shape."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sitrep.export.rows import as_row, open_text


def write(rows: Iterable[Any], path: str, kind: str = "records") -> int:
    written = 0
    with open_text(path) as out:
        for item in rows:
            out.write(json.dumps(as_row(item), ensure_ascii=False, sort_keys=False) + "\n")
            written += 1
    return written
