"""`sitrep extract`: articles in, one event record per event out."""

from __future__ import annotations

import sys

import click

from sitrep.cli.common import Reporter, quiet_option, verbose_option
from sitrep.cli.output import RecordWriter

FORMATS = ["jsonl", "csv", "table"]


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Write here instead of standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="jsonl (the contract's records, default), csv (flattened) or table (for reading). "
                   "Default: table on a terminal, jsonl otherwise.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out events the extractor is less sure of.")
@click.option("--dask", "dask_scheduler", default=None, metavar="SCHEDULER",
              help="Run extraction on Dask: 'processes' for every core of this machine, or a cluster's "
                   "scheduler address such as tcp://10.0.0.5:8786.")
@quiet_option
@verbose_option
def extract_command(paths: tuple[str, ...], output: str, fmt: str | None, min_confidence: float,
                    dask_scheduler: str | None, quiet: bool, verbose: bool) -> None:
    """Extract events from articles: who did what to whom, where, when, with what toll,
    according to whom, and the sentence that says so.

    PATHS are .txt, .md or .html files, folders, JSON Lines batches, or - for standard input.

    \b
    Examples:
      sitrep extract samples/ --format table
      sitrep extract news.jsonl -o events.jsonl
      cat article.txt | sitrep extract - --format csv > events.csv
      sitrep extract big-batch.jsonl --dask processes -o events.jsonl
    """
    from sitrep.extract.pipeline import extract_articles
    from sitrep.ingest import read_inputs

    reporter = Reporter(quiet=quiet, verbose=verbose)
    stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    fmt = fmt or ("table" if output == "-" and sys.stdout.isatty() else "jsonl")
    writer = RecordWriter(stream, fmt)
    count = 0

    articles = reporter.articles_only(read_inputs(list(paths), stdin=sys.stdin))
    if dask_scheduler:
        from sitrep.extract.distributed import extract_on_dask

        extracted = extract_on_dask(articles, scheduler=dask_scheduler)
    else:
        extracted = extract_articles(articles)
    try:
        for article, records in reporter.progress(extracted, desc="extracting"):
            reporter.info(f"{article.id}: {len(records)} events")
            for record in records:
                if record.confidence >= min_confidence:
                    writer.write(record.to_dict())
                    count += 1
        writer.close()
    finally:
        if stream is not sys.stdout:
            stream.close()
    reporter.info(f"{count} events written")
    reporter.exit()


def register(group: click.Group) -> None:
    group.add_command(extract_command)
