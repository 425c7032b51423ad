"""Measure event geolocation against hand-coded coordinates.

ACLED 2020 dev `notes` and UCDP GED Syria `source_headline`: a location counts as right when it
lies within 25 km of the coded latitude/longitude. The event is a stand-in (the first verb of
the first sentence, the whole sentence as clause), or with --detector the first mention that
sitrep.extract.events finds.

    .venv/bin/python scripts/measure_places.py --limit 500
    .venv/bin/python scripts/measure_places.py --dataset ucdp --limit 500 --show-misses 20
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATASETS = {
    "acled": (DATA / "acled-2020-dev" / "acled_2020_dev.csv", "notes", "country"),
    "ucdp": (DATA / "ucdp-ged-syria" / "ged_syria_2016_2019.csv", "source_headline", "country"),
}
WITHIN_KM = 25.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def first_mention(doc, use_detector: bool):
    """The event detector's first mention when asked for (and it finds one), else the stand-in."""
    if use_detector:
        from sitrep.extract.events import find_event_mentions

        mentions = find_event_mentions(doc)
        if mentions:
            return mentions[0]
    return stand_in_mention(doc)


def stand_in_mention(doc):
    from sitrep.extract.mention import EventMention

    sentence = next(doc.sents)
    verbs = [t for t in sentence if t.pos_ == "VERB"] or [sentence.root]
    return EventMention(sentence=sentence, trigger=doc[verbs[0].i : verbs[0].i + 1], event_type="ASSAULT")


def load_rows(dataset: str, limit: int, seed: int) -> list[dict]:
    path, text_column, _ = DATASETS[dataset]
    if not path.is_file():
        sys.exit(f"{path} is absent: this measurement needs ../shared/data")
    with open(path, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r[text_column].strip() and r["latitude"]]
    random.Random(seed).shuffle(rows)
    return rows[:limit] if limit else rows


def measure(dataset: str, limit: int, seed: int, show_misses: int, use_detector: bool) -> None:
    from sitrep.extract.places import article_focus, locate_event
    from sitrep.nlp import load_pipeline
    from sitrep.resolve.gazetteer import Gazetteer

    _, text_column, _ = DATASETS[dataset]
    rows = load_rows(dataset, limit, seed)
    nlp = load_pipeline()
    started = time.perf_counter()
    hits, precisions, misses, none, right_country = 0, Counter(), [], 0, 0
    gazetteer = Gazetteer.default()
    for row, doc in zip(rows, nlp.pipe(r[text_column] for r in rows), strict=True):
        location = locate_event(first_mention(doc, use_detector), article_focus(doc))
        if location is None or location.lat is None:
            none += 1
            misses.append((row, location, None))
            continue
        precisions[location.precision] += 1
        gold_country = gazetteer.country(row["country"])
        right_country += bool(gold_country) and gold_country.country_code == location.country_code
        km = haversine_km(location.lat, location.lon, float(row["latitude"]), float(row["longitude"]))
        if km <= WITHIN_KM:
            hits += 1
        else:
            misses.append((row, location, km))
    elapsed = time.perf_counter() - started
    n = len(rows)
    print(f"{dataset}: {n} rows (seed {seed}), within {WITHIN_KM:.0f} km: {hits}/{n} = {hits / n:.3f}; "
          f"right country: {right_country / n:.3f}; no location: {none}; precision: {dict(precisions)}; "
          f"{n / elapsed:.1f} texts/s")
    for row, location, km in misses[:show_misses]:
        where = f"{location.name} ({location.precision}, {km:.0f} km)" if location and km else "none"
        gold = row.get("location") or row.get("where_coordinates")
        print(f"  MISS gold={gold!r} got={where}: {row[text_column][:160]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="acled")
    parser.add_argument("--limit", type=int, default=500, help="rows to sample (0 = all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--detector", action="store_true", help="use sitrep.extract.events, not the stand-in")
    args = parser.parse_args()
    measure(args.dataset, args.limit, args.seed, args.show_misses, args.detector)


if __name__ == "__main__":
    main()
