"""Words per second of `sitrep read`'s work on the MUC-4 development stories.

Times what `sitrep read` does for each article: reading and cleanup (`build_article`), the spaCy
pipeline (`nlp.pipe`), sentences and entities with offsets, and the JSON line, but not loading
the model, which is reported apart. The MUC-4 files hold many stories each, separated by lines
like "DEV-MUC3-0001 (NOSC)"; each story becomes one article. The data is licensed: it is read
from ../shared/data and never copied.

    .venv/bin/python scripts/bench_read.py --limit 200
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sitrep.cli.read import annotate
from sitrep.errors import SitrepError
from sitrep.ingest import build_article
from sitrep.nlp import load_pipeline
from sitrep.types import Article

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "muc4-dev"
STORY_HEADER = re.compile(r"^(DEV-MUC3-\d{4})\s*\(.*\)\s*$", re.MULTILINE)


def muc4_stories(folder: Path, limit: int) -> Iterator[tuple[str, str, str]]:
    """(story id, raw text, origin) for the first `limit` stories, in file order."""
    count = 0
    for path in sorted(folder.glob("dev-muc3-*")):
        raw = path.read_text(encoding="latin-1")
        headers = list(STORY_HEADER.finditer(raw))
        for header, following in zip(headers, headers[1:] + [None], strict=False):
            end = following.start() if following else len(raw)
            yield header.group(1), raw[header.end() : end], f"{path}:{header.group(1)}"
            count += 1
            if count >= limit:
                return


def read_stories(folder: Path, limit: int) -> Iterator[Article]:
    for story_id, raw, origin in muc4_stories(folder, limit):
        article = build_article(story_id, raw, origin)
        if isinstance(article, SitrepError):
            print(f"skipped: {article.message}", file=sys.stderr)
            continue
        yield article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the muc4-dev folder")
    parser.add_argument("--limit", type=int, default=200, help="number of stories (default 200)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    args = parser.parse_args(argv)
    if not any(args.data.glob("dev-muc3-*")):
        print(f"MUC-4 development stories not found in {args.data}: pass --data DIR.", file=sys.stderr)
        return 2

    started = time.perf_counter()
    nlp = load_pipeline()
    load_seconds = time.perf_counter() - started

    started, cpu_started = time.perf_counter(), time.process_time()
    articles = list(read_stories(args.data, args.limit))
    read_seconds = time.perf_counter() - started

    words = sentences = entities = 0
    started = time.perf_counter()
    docs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=args.batch_size)
    for doc, article in docs:
        record = annotate(article, doc)
        json.dumps(record.to_dict(), ensure_ascii=False)
        words += len(article.text.split())
        sentences += len(record.sentences)
        entities += len(record.entities)
    nlp_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started

    total = read_seconds + nlp_seconds
    print(f"stories: {len(articles)}  words: {words}  sentences: {sentences}  entities: {entities}")
    print(f"model load: {load_seconds:.2f} s (not counted)")
    print(f"reading + cleanup: {read_seconds:.2f} s ({words / read_seconds:,.0f} words/s)")
    print(f"spaCy + output: {nlp_seconds:.2f} s")
    print(f"sitrep read: {words / total:,.0f} words/s over {total:.2f} s wall clock")
    # On a shared machine the wall clock includes waiting for a core; CPU time does not.
    print(f"sitrep read: {words / cpu_seconds:,.0f} words per CPU second ({cpu_seconds:.2f} s of CPU)")
    print("command: .venv/bin/python scripts/bench_read.py " + " ".join(sys.argv[1:] if argv is None else argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
