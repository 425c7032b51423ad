"""Benchmark the gazetteer: build time, load time, lookups per second and peak memory.

Each stage runs in its own process so that its peak memory (ru_maxrss) is its own:

    .venv/bin/python scripts/bench_gazetteer.py            # load and lookups on the user's store
    .venv/bin/python scripts/bench_gazetteer.py --build    # also a fresh build into a temp folder
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc

NAMES = [
    "Aleppo", "Raqqa", "Ar Raqqah", "Rakka", "al-Raqqa", "Daraa", "Deraa", "Dar'a", "Maarat al-Numan",
    "Ma`arrat an Nu`man", "Deir ez-Zor", "Idlib", "Homs", "Hama", "Kabul", "Mogadishu", "Tripoli",
    "Kafr Nabl", "Tal Tamr", "Azaz", "Manbij", "Sirte", "Maiduguri", "Donetsk", "Nowhereville",
]


def stage_build() -> dict:
    from sitrep.resolve.gazetteer import build_store, default_store_path

    started = time.perf_counter()
    path = build_store(default_store_path())
    return {"build_s": round(time.perf_counter() - started, 2), "store_mb": round(path.stat().st_size / 2**20, 1)}


def stage_load(rounds: int) -> dict:
    tracemalloc.start()
    started = time.perf_counter()
    from sitrep.resolve.gazetteer import Gazetteer

    imported = time.perf_counter()
    gazetteer = Gazetteer.default()
    gazetteer.search("Aleppo")
    load_s = time.perf_counter() - imported
    import_s = imported - started
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            gazetteer.search(name)
    lookups = rounds * len(NAMES)
    return {
        "module_import_s": round(import_s, 3),
        "open_and_first_lookup_s": round(load_s, 4),
        "python_heap_peak_mb_during_load": round(traced_peak / 2**20, 1),
        "lookups_per_s": round(lookups / (time.perf_counter() - started), 1),
    }


def run_stage(args: list[str], env: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also time a fresh build (slow)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--stage", choices=["build", "load"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        result = stage_build() if args.stage == "build" else stage_load(args.rounds)
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(result))
        return
    env = dict(os.environ)
    report = {}
    if args.build:
        with tempfile.TemporaryDirectory() as home:
            env_build = {**env, "SITREP_HOME": home}
            report["build"] = run_stage(["--stage", "build"], env_build)
            report["load_fresh_store"] = run_stage(["--stage", "load", "--rounds", str(args.rounds)], env_build)
    else:
        report["load"] = run_stage(["--stage", "load", "--rounds", str(args.rounds)], env)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
