"""Benchmark `sitrep ingest` on the MUC-4 development stories: articles per second with 1 and 2
worker processes, and peak memory.

    .venv/bin/python scripts/bench_ingest.py --limit 200

The stories (../shared/data/muc4-dev/dev-muc3-*, one story per `DEV-MUC3-NNNN (SOURCE)` line) are
written to a temporary JSON Lines file; each run ingests it into a fresh temporary SQLite database,
in a child process of its own so that its peak memory is measured alone. Times include loading the
spaCy pipeline (once per worker) and the cross-article merge. MUC-3/4 corpus: 1992 research release.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "muc4-dev"
STORY_HEADER = re.compile(r"^(DEV-MUC3-\d{4}) \(([^)]*)\)\s*$", re.MULTILINE)
DATELINE = re.compile(r"^\s*[A-Z .'()-]+,\s+(\d{1,2} [A-Z]{3} \d{2})\b", re.MULTILINE)


def muc_stories(folder: Path) -> Iterator[dict[str, str | None]]:
    """Every story of the dev-muc3-* files, as a JSON Lines article."""
    for path in sorted(folder.glob("dev-muc3-*")):
        text = path.read_text(encoding="latin-1")
        headers = list(STORY_HEADER.finditer(text))
        for header, following in zip(headers, [*headers[1:], None], strict=True):
            body = text[header.end() : following.start() if following else len(text)].strip()
            yield {"id": header.group(1), "text": body, "publisher": header.group(2), "published": _dateline(body)}


def _dateline(body: str) -> str | None:
    found = DATELINE.search(body[:300])
    if not found:
        return None
    try:
        return datetime.strptime(found.group(1).title(), "%d %b %y").date().isoformat()
    except ValueError:
        return None


def write_jsonl(folder: Path, limit: int, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for story in muc_stories(folder):
            if count >= limit:
                break
            out.write(json.dumps(story) + "\n")
            count += 1
    return count


def run_one(jsonl: str, workers: int, db: str) -> dict[str, float | int]:
    """One ingest in this process (the child); returns its figures."""
    from sitrep.ingest import read_inputs
    from sitrep.store.db import session_factory
    from sitrep.store.ingest import ingest_articles
    from sitrep.store.merging import remerge

    sessions = session_factory(db)
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    summary = ingest_articles(sessions, read_inputs([jsonl]), workers=workers, merge=False,
                              on_error=lambda message: print(message, file=sys.stderr))
    stored = time.perf_counter()
    with sessions.begin() as session:
        merged = remerge(session)
    finished = time.perf_counter()
    sampler.stop()
    return {
        "workers": workers,
        "seconds": round(finished - started, 2),
        "extract_and_store_s": round(stored - started, 2),
        "merge_s": round(finished - stored, 2),
        "articles": summary.stored,
        "failed": summary.failed,
        "records": summary.records,
        "events": merged.events,
        "articles_per_s": round(summary.stored / (finished - started), 2),
        "peak_rss_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_largest_worker_mb": round(sampler.largest_child_kb / 1024, 1),
        "peak_rss_total_mb": round(sampler.total_kb / 1024, 1),
    }


class MemorySampler(threading.Thread):
    """Peak resident memory of this process and every descendant (Linux /proc), sampled at 5 Hz.
    getrusage(RUSAGE_CHILDREN) misses the pool's workers: they are the fork server's children."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.largest_child_kb = 0
        self.total_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            sizes = {pid: rss for pid, rss in _descendants_rss(os.getpid())}
            children = [rss for pid, rss in sizes.items() if pid != os.getpid()]
            self.largest_child_kb = max([self.largest_child_kb, *children])
            self.total_kb = max(self.total_kb, sum(sizes.values()))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants_rss(root: int) -> Iterator[tuple[int, int]]:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(status.parent.name)
        parents[pid] = int(fields["PPid"])
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    for pid in rss:
        ancestor = pid
        while ancestor not in (0, 1, root):
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            yield pid, rss[pid]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="stories to ingest (default 200)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to try")
    parser.add_argument("--data", type=Path, default=DATA, help="the muc4-dev folder")
    parser.add_argument("--one", nargs=3, metavar=("JSONL", "WORKERS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.one[2])))
        return
    if not args.data.is_dir():
        sys.exit(f"bench_ingest: {args.data} not found: the MUC-4 development data is needed")
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "muc4-dev.jsonl"
        count = write_jsonl(args.data, args.limit, jsonl)
        print(f"{count} MUC-4 dev stories, {jsonl.stat().st_size / 1e6:.2f} MB of text")
        for workers in args.workers:
            db = str(Path(tmp) / f"bench-{workers}.db")
            result = subprocess.run([sys.executable, __file__, "--one", str(jsonl), str(workers), db],
                                    capture_output=True, text=True, check=False)
            if result.returncode != 0:
                sys.exit(f"bench_ingest: the run with {workers} workers failed:\n{result.stderr[-2000:]}")
            errors = [line for line in result.stderr.splitlines() if line.strip()]
            print(json.loads(result.stdout.strip().splitlines()[-1]), f"({len(errors)} error lines)")


if __name__ == "__main__":
    main()
