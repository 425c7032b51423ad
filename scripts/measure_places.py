"""Measure event geolocation against hand-coded coordinates, and list the misses.

Runs the whole extractor, as `sitrep evaluate` does (same sample for the same --sample/--seed),
takes the record the gold row is about (`primary_record`) and counts a location as right within
25 km of the coded point. Misses are classified and, with --misses FILE, written as JSON Lines
(gold place and admin1, sitrep's place, distance, text) for reading.

    .venv/bin/python scripts/measure_places.py --dataset acled --sample 600 --misses /tmp/acled.jsonl
    .venv/bin/python scripts/measure_places.py --dataset ucdp --sample 1000 --show 30
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATASETS = {
    "acled": (DATA / "acled-2020-dev" / "acled_2020_dev.csv", "event_id_cnty", "location"),
    "ucdp": (DATA / "ucdp-ged-syria" / "ged_syria_2016_2019.csv", "id", "where_coordinates"),
}
WITHIN_KM = 25.0
FAR_KM = 300.0


def raw_rows(dataset: str) -> dict[str, dict]:
    """The gold CSV rows by the id the gold reader gives their articles."""
    path, id_column, _ = DATASETS[dataset]
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if dataset == "ucdp":
        return {str(int(float(r["id"]))): r for r in rows if r["id"]}
    return {r[id_column]: r for r in rows}


def miss_class(record: dict | None, km: float | None, gold_country: str, predicted_country: str | None) -> str:
    if record is None:
        return "no event"
    location = record.get("location") or {}
    if location.get("lat") is None:
        return "no location"
    if location.get("precision") == "country":
        return "country only"
    if predicted_country and gold_country and predicted_country != gold_country:
        return "other country"
    if km is not None and km > FAR_KM:
        return "namesake 300+ km"
    return f"wrong place ({location.get('precision')})"


def measure(dataset: str, sample: int | None, limit: int | None, seed: int, show: int, misses_path: str | None) -> None:
    from sitrep.evaluate.gold import read_gold
    from sitrep.evaluate.scoring import km_between, primary_record
    from sitrep.extract.pipeline import extract_articles
    from sitrep.resolve.gazetteer import Gazetteer

    path, _, place_column = DATASETS[dataset]
    if not path.is_file():
        sys.exit(f"{path} is absent: this measurement needs ../shared/data")
    items = list(read_gold(path, dataset))
    if sample and sample < len(items):
        items = random.Random(seed).sample(items, sample)
    if limit:
        items = items[:limit]
    raw = raw_rows(dataset)
    by_id = {id(item.article): item for item in items}
    gazetteer = Gazetteer.default()
    started = time.perf_counter()
    hits, total, classes, misses = 0, 0, Counter(), []
    for article, records in extract_articles(item.article for item in items):
        item = by_id[id(article)]
        gold = item.fields
        if gold.get("lat") is None:
            continue
        total += 1
        record = primary_record([r.to_dict() for r in records], "acled" if dataset == "acled" else "violent")
        location = (record or {}).get("location") or {}
        km = None
        if location.get("lat") is not None:
            km = km_between(gold["lat"], gold["lon"], location["lat"], location["lon"])
        if km is not None and km <= WITHIN_KM:
            hits += 1
            continue
        row = raw.get(article.id, {})
        country = gazetteer.country(row.get("country", "")) if row.get("country") else None
        kind = miss_class(record, km, country.country_code if country else "", location.get("country_code"))
        classes[kind] += 1
        misses.append({
            "id": article.id, "class": kind, "km": round(km) if km is not None else None,
            "gold": row.get(place_column), "gold_admin1": row.get("admin1") or row.get("adm_1"),
            "gold_precision": row.get("geo_precision") or row.get("where_prec"),
            "got": location.get("name"), "got_text": location.get("text"), "got_precision": location.get("precision"),
            "got_country": location.get("country_code"), "text": article.text,
        })
    elapsed = time.perf_counter() - started
    print(f"{dataset}: {total} items with coordinates, within {WITHIN_KM:.0f} km: {hits}/{total} = "
          f"{hits / max(total, 1):.3f} ({elapsed:.0f} s)")
    for kind, n in classes.most_common():
        print(f"  {n:4d}  {kind}")
    for miss in misses[:show]:
        print(f"  MISS [{miss['class']}] gold={miss['gold']!r} ({miss['gold_admin1']}) got={miss['got']!r} "
              f"{miss['km']} km: {miss['text'][:150]!r}")
    if misses_path:
        with open(misses_path, "w", encoding="utf-8") as handle:
            for miss in misses:
                handle.write(json.dumps(miss, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="acled")
    parser.add_argument("--sample", type=int, default=600, help="items drawn at random, as `sitrep evaluate` (0 = all)")
    parser.add_argument("--limit", type=int, default=0, help="keep the first N of the sample")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=0, help="misses to print")
    parser.add_argument("--misses", help="write every miss to this JSON Lines file")
    args = parser.parse_args()
    measure(args.dataset, args.sample or None, args.limit or None, args.seed, args.show, args.misses)


if __name__ == "__main__":
    main()
