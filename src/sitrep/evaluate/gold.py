"""Readers for hand-coded event data: each yields the text to extract from and the coded fields.

Supported: ACLED CSV exports (text = `notes`), UCDP GED CSV (text = `source_headline`), PLOVER
gold-standard JSON records (text = `text`) and MUC-3/4 stories with their answer keys.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.ingest import clean_text
from sitrep.types import Article

KINDS = ("acled", "ucdp", "plover", "muc4")

# PLOVER's gold-standard file predates the 16-type ontology: older names map to current ones.
PLOVER_LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class GoldItem:
    article: Article
    fields: dict[str, Any] = field(default_factory=dict)


def detect_kind(path: Path) -> str:
    """Guess the gold data's kind from its name and first bytes."""
    name = path.name.lower()
    if path.is_dir() or name.startswith("key-") or MUC_STORY_FILES.strip("*") in name:
        return "muc4"
    head = path.read_text("utf-8", errors="replace")[:2000]
    if name.endswith(".json") and '"event"' in head:
        return "plover"
    first_line = head.splitlines()[0] if head else ""
    if "event_id_cnty" in first_line and "notes" in first_line:
        return "acled"
    if "source_headline" in first_line and "where_coordinates" in first_line:
        return "ucdp"
    raise SitrepError("E501", path=path)


def read_gold(path: Path, kind: str) -> Iterator[GoldItem]:
    readers = {"acled": read_acled, "ucdp": read_ucdp, "plover": read_plover, "muc4": read_muc4}
    return readers[kind](path)


def _require(path: Path, header: list[str] | None, columns: set[str], kind: str) -> None:
    missing = sorted(columns - set(header or []))
    if missing:
        raise SitrepError("E502", path=path, columns=", ".join(missing), kind=kind)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None


def parse_acled_date(value: str) -> date | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_acled(path: Path) -> Iterator[GoldItem]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        _require(path, reader.fieldnames, {"notes", "event_type", "event_date"}, "acled")
        for row in reader:
            published = None
            if row.get("timestamp", "").isdigit():
                # the day ACLED published the record: the nearest thing to a publication date
                published = datetime.fromtimestamp(int(row["timestamp"]), tz=UTC).date().isoformat()
            event_date = parse_acled_date(row["event_date"])
            article = Article(id=row.get("event_id_cnty") or row.get("data_id") or "", text=row["notes"],
                              published=published, origin=str(path))
            yield GoldItem(article, {
                "event_type": row["event_type"],
                "sub_event_type": row.get("sub_event_type") or None,
                "actor1": row.get("actor1") or None,
                "actor2": row.get("actor2") or None,
                "date": event_date.isoformat() if event_date else None,
                "lat": _float(row.get("latitude")),
                "lon": _float(row.get("longitude")),
                "country": row.get("country"),
                "fatalities": _int(row.get("fatalities")),
            })


def read_ucdp(path: Path) -> Iterator[GoldItem]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        _require(path, reader.fieldnames, {"source_headline", "best", "latitude", "longitude"}, "ucdp")
        for row in reader:
            headline = (row.get("source_headline") or "").strip()
            if not headline:
                continue
            published = (row.get("source_date") or "")[:10] or None
            article = Article(id=str(_int(row.get("id")) or row.get("id")), text=headline, published=published,
                              origin=str(path))
            yield GoldItem(article, {
                "best": _int(row.get("best")),
                "low": _int(row.get("low")),
                "high": _int(row.get("high")),
                "lat": _float(row.get("latitude")),
                "lon": _float(row.get("longitude")),
                "date_start": row.get("date_start"),
                "date_end": row.get("date_end"),
                "side_a": row.get("side_a"),
                "side_b": row.get("side_b"),
            })


def read_plover(path: Path) -> Iterator[GoldItem]:
    try:
        records = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise SitrepError("E502", path=path, columns=f"(not JSON: {exc.msg})", kind="plover") from exc
    for record in records:
        event = record.get("event")
        if not record.get("text") or not event or event == "DOCUMENT":
            continue
        article = Article(id=record["id"], text=record["text"], published=record.get("date"), origin=str(path))
        yield GoldItem(article, {
            "event_type": PLOVER_LEGACY_TYPES.get(event, event),
            "source_sectors": [a.get("sector") for a in _actors(record.get("source"))],
            "source_countries": [a.get("code") for a in _actors(record.get("source"))],
            "target_sectors": [a.get("sector") for a in _actors(record.get("target"))],
        })


def _actors(value: Any) -> list[dict[str, Any]]:
    """PLOVER actor lists hold objects, but a few records give a bare string."""
    if isinstance(value, dict):
        value = [value]
    return [a if isinstance(a, dict) else {"actorText": str(a)} for a in (value or [])]


# -- MUC-4 --------------------------------------------------------------------------------

# MUC-3/4 sets: the development stories ("dev-muc3-0001-0100", ids "DEV-MUC3-0001") and the test
# sets ("tst1-muc3-0001-0100", "TST1-MUC3-0001"), with answer keys "key-dev-0001.muc4", "key-tst1.muc4".
MUC_STORY_FILES = "*-muc3-*"
MUC_KEY_FILES = "key-*"
STORY_HEADER = re.compile(r"^([A-Z0-9]+-MUC3-\d{4}) \(([^)]*)\)\s*$", re.M)
KEY_SLOT = re.compile(r"^(\d+)\.\s+([A-Z :]+?)\s{2,}(.*)$")
# "SAN SALVADOR, 12 JAN 90 (ACAN-EFE) --", "LIMA (PERU), 18 APRIL 89 --"
MUC_DATELINE = re.compile(r"^\s*[A-Z .,'()-]+?,\s+(\d{1,2} [A-Z]{3,9} \d{2})\b")


def read_muc4(path: Path) -> Iterator[GoldItem]:
    """MUC-3/4 stories (`dev-muc3-*`, `tst1-muc3-*`...) with incident types from the keys (`key-*`)."""
    folder = path if path.is_dir() else path.parent
    keys = read_muc4_keys(folder)
    for story_file in sorted(folder.glob(MUC_STORY_FILES)):
        for story_id, text in split_muc4_stories(story_file.read_text("latin-1")):
            templates = keys.get(story_id, [])
            incidents = [t for t in templates if t.get("type")]
            # stories are hard-wrapped wire copy: cleanup joins the lines, as for any article
            article = Article(id=story_id, text=clean_text(text), published=_muc_published(text),
                              origin=str(story_file))
            yield GoldItem(article, {
                "incident": bool(incidents),
                "types": sorted({t["type"] for t in incidents}),
                "templates": incidents,
            })


def split_muc4_stories(text: str) -> Iterator[tuple[str, str]]:
    matches = list(STORY_HEADER.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        yield match.group(1), text[match.end() : end].strip()


def _muc_published(text: str) -> str | None:
    match = MUC_DATELINE.match(text)
    if not match:
        return None
    for layout in ("%d %b %y", "%d %B %y"):
        try:
            return datetime.strptime(match.group(1).title(), layout).date().isoformat()
        except ValueError:
            continue
    return None


def read_muc4_keys(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Templates by story id; a story whose template is `*` reports no relevant incident."""
    keys: dict[str, list[dict[str, str]]] = {}
    for block in muc4_key_blocks(folder):
        template = _parse_template(block)
        if "id" not in template:
            continue
        keys.setdefault(template["id"], [])
        if template.get("template", "*").strip() != "*":
            keys[template["id"]].append(template)
    return keys


def muc4_key_blocks(folder: Path) -> Iterator[str]:
    """Every answer template of the key files in `folder`, as text (one template per block)."""
    for key_file in sorted(Path(folder).glob(MUC_KEY_FILES)):
        yield from re.split(r"\n\s*\n", key_file.read_text("latin-1"))


def _parse_template(block: str) -> dict[str, str]:
    template: dict[str, str] = {}
    names = {"MESSAGE: ID": "id", "MESSAGE: TEMPLATE": "template", "INCIDENT: DATE": "date",
             "INCIDENT: LOCATION": "location", "INCIDENT: TYPE": "type", "INCIDENT: STAGE OF EXECUTION": "stage"}
    for line in block.splitlines():
        match = KEY_SLOT.match(line.strip())
        if match and match.group(2).strip() in names:
            value = match.group(3).strip()
            key = names[match.group(2).strip()]
            if key == "id":
                value = value.split()[0]
            if key == "type":
                value = value.lstrip("? ").strip()
                if value in ("*", "-", ""):
                    continue
            template[key] = value
    return template
