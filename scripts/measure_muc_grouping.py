"""How often sitrep's canonical events group the stories that MUC-4's answer keys group.

    python scripts/measure_muc_grouping.py [--data ../shared/data/muc4-dev] [--limit N] [--recase]

Gold: two development stories report the same incident when their key templates give the same
incident type, date and location. Predicted: two stories are grouped when one canonical event
(`merge_records` over the records `extract_articles` finds in them) holds records from both.
Prints pairwise precision, recall and F1 over story pairs, among the stories that have at least
one filled template (the others report no qualifying incident). The keys hold violent incidents
only, so by default only violent canonical events (PLOVER ASSAULT, COERCE) count (`--all-types`:
every event). The gold is strict (identical type, date and location strings), so some "wrong"
pairs are the same incident keyed with slightly different strings: precision is a lower bound. MUC-3/4 (1992 research release).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "muc4-dev"
STORY_START = re.compile(r"^(DEV-MUC3-\d{4})\s+\([^)\n]+\)[ \t]*$", re.MULTILINE)
FIELD_LINE = re.compile(r"^(\d+)\.\s+([A-Z ]+:\s?[A-Z ]+?)\s{2,}(.*)$")
INCIDENT_TYPES = {"ASSAULT", "COERCE"}  # PLOVER's types for MUC's attacks, bombings, kidnappings, arson
DATELINE = re.compile(r"\b(\d{1,2}) ([A-Z]{3}) (\d{2})\b")


@dataclass(frozen=True)
class Incident:
    story_id: str
    kind: str
    date: str
    location: str


def _clean(value: str) -> str:
    value = value.replace("?", " ").replace('"', " ")
    return " ".join(value.split())


def parse_templates(text: str) -> list[dict[str, str]]:
    """Every template of a key file as {field name: value}, continuation lines joined."""
    templates: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        match = FIELD_LINE.match(line)
        if match:
            number, name, value = match.groups()
            if number == "0" and current:
                templates.append(current)
                current = {}
            last = name.strip()
            current[last] = value.strip()
        elif line.strip() and last:
            current[last] += " / " + line.strip()
    if current:
        templates.append(current)
    return templates


def read_incidents(folder: Path) -> list[Incident]:
    incidents = []
    for path in sorted(folder.glob("key-dev-*.muc4")):
        for template in parse_templates(path.read_text(encoding="latin-1")):
            if template.get("MESSAGE: TEMPLATE", "*").startswith("*"):
                continue  # the story reports no qualifying incident
            story_id = template["MESSAGE: ID"].split()[0]
            incidents.append(Incident(story_id, _clean(template.get("INCIDENT: TYPE", "")),
                                      _clean(template.get("INCIDENT: DATE", "")),
                                      _clean(template.get("INCIDENT: LOCATION", ""))))
    return incidents


def place_only(location: str) -> str:
    """The most specific part of a key location: "EL SALVADOR: APOPA (CITY)" -> "APOPA"."""
    return re.sub(r"\(.*?\)", "", location.split("/")[0].split(":")[-1]).strip()


def gold_pairs(incidents: Iterable[Incident], relaxed: bool = False) -> set[tuple[str, str]]:
    """Story pairs that share an incident with a known date and location (strict: the same
    location string; relaxed: the same most specific place, whatever the keys say around it)."""
    stories_by_incident: dict[tuple, set[str]] = defaultdict(set)
    for incident in incidents:
        if incident.date in ("", "*", "-") or incident.location in ("", "*", "-"):
            continue
        location = place_only(incident.location) if relaxed else incident.location
        stories_by_incident[(incident.kind, incident.date, location)].add(incident.story_id)
    return {pair for stories in stories_by_incident.values() for pair in combinations(sorted(stories), 2)}


def read_stories(folder: Path) -> dict[str, str]:
    stories = {}
    for path in sorted(folder.glob("dev-muc3-*")):
        text = path.read_text(encoding="latin-1")
        starts = list(STORY_START.finditer(text))
        for match, following in zip(starts, [*starts[1:], None], strict=True):
            end = following.start() if following else len(text)
            stories[match.group(1)] = text[match.end():end].strip()
    return stories


def published_date(story: str) -> str | None:
    """The dateline's date ("SAN SALVADOR, 3 JAN 90 --") as an ISO date."""
    match = DATELINE.search(story[:200])
    if not match:
        return None
    try:
        return datetime.strptime(" ".join(match.groups()), "%d %b %y").date().isoformat()
    except ValueError:
        return None


def recase(text: str) -> str:
    """Sentence case for all-caps wire text: the parser's NER leans on capitals."""
    lowered = text.lower()
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), lowered)


def predicted_pairs(events, all_types: bool = False) -> set[tuple[str, str]]:
    """Story pairs some canonical event joins; by default only violent events (MUC's incidents)."""
    pairs = set()
    for event in events:
        if not all_types and event.record.get("event_type") not in INCIDENT_TYPES:
            continue
        articles = sorted({s["article_id"] for s in event.record.get("sources", [])})
        pairs.update(combinations(articles, 2))
    return pairs


def scores(predicted: set, gold: set) -> tuple[float, float, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def choose_stories(incidents: list[Incident], gold: set, limit: int | None) -> list[str]:
    """Stories with a filled template; with a limit, those in gold pairs first so pairs survive."""
    paired = sorted({s for pair in gold for s in pair})
    others = sorted({i.story_id for i in incidents} - set(paired))
    chosen = paired + others
    return chosen[:limit] if limit else chosen


def extract_records(stories: dict[str, str], ids: list[str], use_recase: bool) -> list[dict]:
    from sitrep.extract.pipeline import extract_articles
    from sitrep.types import Article

    articles = [Article(id=i, text=recase(stories[i]) if use_recase else stories[i],
                        published=published_date(stories[i]), publisher=None) for i in ids if i in stories]
    return [record.to_dict() for _, records in extract_articles(articles) for record in records]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="evaluate only this many stories")
    parser.add_argument("--recase", action="store_true", help="sentence-case the all-caps text first")
    parser.add_argument("--all-types", action="store_true",
                        help="count pairs from every canonical event, statements and meetings included")
    args = parser.parse_args(argv)
    if not args.data.exists():
        sys.exit(f"MUC-4 development data not found at {args.data}: pass --data")

    from sitrep.resolve.dedup import merge_records

    incidents = read_incidents(args.data)
    gold = gold_pairs(incidents)
    ids = choose_stories(incidents, gold, args.limit)
    chosen = set(ids)
    gold = {pair for pair in gold if set(pair) <= chosen}
    started = time.perf_counter()
    records = extract_records(read_stories(args.data), ids, args.recase)
    extracted = time.perf_counter()
    events = merge_records(records)
    merged = time.perf_counter()
    predicted = predicted_pairs(events, args.all_types)
    relaxed = {pair for pair in gold_pairs(incidents, relaxed=True) if set(pair) <= chosen}
    print(f"stories {len(ids)}, records {len(records)}, canonical events {len(events)}, "
          f"predicted story pairs {len(predicted)}")
    for name, truth in (("strict", gold), ("relaxed", relaxed)):
        precision, recall, f1 = scores(predicted, truth)
        print(f"{name:8} gold pairs {len(truth)}, found {len(predicted & truth)}: "
              f"pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    print(f"extraction {extracted - started:.1f} s, merge {merged - extracted:.2f} s")


if __name__ == "__main__":
    main()
