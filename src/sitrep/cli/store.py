"""`sitrep ingest`, `sitrep events` (list, show, merge, split) and `sitrep export`: the event store."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from sitrep.cli.common import Reporter, fail, quiet_option, verbose_option
from sitrep.errors import SitrepError

db_option = click.option("--db", "db", default=None, metavar="URL",
                         help="Database: a SQLite path or a SQLAlchemy URL. Default: $SITREP_DB, else ./sitrep.db.")


def filter_options(command: Callable) -> Callable:
    """The filters `sitrep events` and `sitrep export` share."""
    options = [
        click.option("--country", metavar="CC", help="Two-letter country code, e.g. SY."),
        click.option("--since", metavar="DATE", help="Events ending on or after this date (YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Events starting on or before this date (YYYY-MM-DD)."),
        click.option("--type", "event_type", metavar="PLOVER", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--acled-type", metavar="TYPE", help='ACLED event type, e.g. "Violence against civilians".'),
        click.option("--actor", metavar="TEXT", help="Actor name contains this text (any case)."),
        click.option("--near", metavar="LAT,LON,KM", help="Within KM kilometres of a point."),
        click.option("--min-fatalities", type=int, metavar="N", help="At least N killed."),
        click.option("--records", is_flag=True, help="Event records (one per article report), not merged events."),
        click.option("--limit", type=int, metavar="N", help="At most N rows."),
        db_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filter_from(options: dict[str, Any]):
    from sitrep.store.query import parse_filter

    keys = ("country", "since", "until", "event_type", "acled_type", "actor", "near", "min_fatalities", "limit")
    return parse_filter(**{k: options.get(k) for k in keys})


def _sessions(db: str | None):
    from sitrep.store.db import session_factory

    return session_factory(db or _group_db())


def _group_db() -> str | None:
    """`sitrep events --db URL show ID` puts --db on the group: honour it there too."""
    parent = click.get_current_context().parent
    return parent.params.get("db") if parent is not None else None


# ---- ingest --------------------------------------------------------------------------------


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(1), default=None, metavar="N",
              help="Extraction processes. Default: the machine's cores.")
@quiet_option
@verbose_option
def ingest_command(paths: tuple[str, ...], db: str | None, workers: int | None, quiet: bool, verbose: bool) -> None:
    """Extract events from articles and store them, merged across articles.

    Articles already stored with the same text are skipped, so an interrupted ingest resumes
    where it stopped; a changed text under the same id is stored as a new revision.

    \b
    Examples:
      sitrep ingest samples/
      sitrep ingest news.jsonl --db postgresql+psycopg://me@localhost/events --workers 4
    """
    from sitrep.ingest import read_inputs
    from sitrep.store.ingest import ingest_articles

    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        sessions = _sessions(db)
        summary = ingest_articles(
            sessions,
            read_inputs(list(paths), stdin=sys.stdin),
            workers=workers or os.cpu_count() or 1,
            on_error=reporter.error,
            progress=lambda outcomes: reporter.progress(outcomes, desc="ingesting"),
        )
    except SitrepError as exc:
        fail(exc)
        return
    merged = summary.merge.events if summary.merge else 0
    if not quiet:
        click.echo(
            f"sitrep: {summary.new} new, {summary.revised} revised, {summary.unchanged} unchanged, "
            f"{summary.failed} failed; {summary.records} event records stored; {merged} events re-merged",
            err=True,
        )
    reporter.exit()


# ---- events --------------------------------------------------------------------------------


@click.group("events", invoke_without_command=True)
@filter_options
@click.pass_context
def events_group(ctx: click.Context, **options: Any) -> None:
    """Browse stored events: a table of merged events, newest first.

    \b
    Examples:
      sitrep events --country SY --since 2024-01-01 --type ASSAULT
      sitrep events --near 36.2,37.15,25 --min-fatalities 5
      sitrep events show ce-0123456789abcdef
      sitrep events merge ce-aaa ce-bbb          # the same event, by hand
      sitrep events split ce-aaa RECORD_ID       # not the same event, by hand
    """
    if ctx.invoked_subcommand is not None:
        return
    from sitrep.store.query import iter_events, iter_records

    try:
        event_filter = _filter_from(options)
        with _sessions(options["db"])() as session:
            rows = list((iter_records if options["records"] else iter_events)(session, event_filter))
    except SitrepError as exc:
        fail(exc)
        return
    click.echo(render_table(rows, records=options["records"]))


TABLE_COLUMNS = ["id", "date", "type", "acled sub-type", "place", "country", "actors", "killed", "sources"]


def _table_row(row: dict[str, Any], records: bool) -> list[str]:
    location = row.get("location") or {}
    date = row.get("date") or {}
    when = date.get("start") or ""
    if date.get("end") and date.get("end") != date.get("start"):
        when = f"{when}..{date['end']}"
    actors = "; ".join(a.get("name", "") for a in row.get("actors") or [] if a.get("role") == "actor")
    sources = 1 if records else row.get("n_sources") or len(row.get("sources") or []) or 1
    killed = row.get("fatalities")
    return [
        row.get("event_id", "") if records else row.get("canonical_id", ""),
        when,
        row.get("event_type") or "",
        row.get("acled_sub_event_type") or "",
        location.get("name") or "",
        location.get("country_code") or "",
        actors,
        "" if killed is None else str(killed),
        str(sources),
    ]


def render_table(rows: list[dict[str, Any]], records: bool = False, max_width: int = 34) -> str:
    if not rows:
        return "No events match."
    header = list(TABLE_COLUMNS)
    header[-1] = "article" if records else "sources"
    body = [[_clip(cell, max_width) for cell in _table_row(row, records)] for row in rows]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n{len(rows)} {'records' if records else 'events'}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@events_group.command("show")
@click.argument("event_id")
@db_option
def show_command(event_id: str, db: str | None) -> None:
    """One event: its fields, member records, sources, evidence and why they were merged."""
    from sitrep.store.query import event_detail

    try:
        with _sessions(db)() as session:
            detail = event_detail(session, event_id)
    except SitrepError as exc:
        fail(exc)
        return
    click.echo("\n".join(describe_event(detail)))


def describe_event(detail: dict[str, Any]) -> Iterator[str]:
    location = detail.get("location") or {}
    date = detail.get("date") or {}
    yield f"Event {detail['canonical_id']}"
    yield f"  type:        {detail.get('event_type')} / {detail.get('acled_event_type') or '-'} / {detail.get('acled_sub_event_type') or '-'}"
    yield f"  date:        {date.get('start')} .. {date.get('end')} ({date.get('precision')})"
    yield f"  place:       {location.get('name') or '-'}, {location.get('admin1') or '-'}, {location.get('country_code') or '-'}" \
          f" ({location.get('lat')}, {location.get('lon')}; {location.get('precision')})"
    for actor in detail.get("actors") or []:
        yield f"  {actor.get('role'):<12} {actor.get('name')}"
    yield f"  fatalities:  {_figure(detail)}"
    yield f"  certainty:   {detail.get('certainty')}"
    yield ""
    if len(detail["members"]) == 1 and not detail.get("reasons"):
        yield "Reported by one record: nothing merged."
    else:
        yield f"Why these {len(detail['members'])} records are one event:"
        yield from (f"  - {reason}" for reason in detail.get("reasons") or [])
    for member in detail["members"]:
        yield from _describe_member(member)


def _figure(record: dict[str, Any]) -> str:
    best, low, high = record.get("fatalities"), record.get("fatalities_low"), record.get("fatalities_high")
    if best is None:
        return "unknown"
    return f"{best}" + (f" (range {low}-{high})" if low is not None and high is not None and low != high else "")


def _describe_member(member: dict[str, Any]) -> Iterator[str]:
    source = member["source"]
    record = member["record"]
    yield ""
    yield f"Record {record['event_id']}  (fatalities {_figure(record)}, confidence {record.get('confidence')})"
    yield f"  source:   {source.get('title') or source['id']} - {source.get('publisher') or '?'}, " \
          f"{source.get('published') or '?'} (revision {source['revision']})"
    if source.get("url"):
        yield f"  url:      {source['url']}"
    for evidence in member["evidence"]:
        yield f"  evidence: \"{evidence['text']}\""


@events_group.command("merge")
@click.argument("event_ids", nargs=-1, required=True)
@db_option
def merge_command(event_ids: tuple[str, ...], db: str | None) -> None:
    """Merge events by hand: they report the same real event. Survives re-ingestion."""
    from sitrep.store.merging import merge_events

    try:
        if len(event_ids) < 2:
            raise SitrepError("E407", count=len(event_ids))
        with _sessions(db).begin() as session:
            merged = merge_events(session, event_ids)
    except SitrepError as exc:
        fail(exc)
        return
    click.echo(merged)


@events_group.command("split")
@click.argument("event_id")
@click.argument("record_ids", nargs=-1, required=True)
@db_option
def split_command(event_id: str, record_ids: tuple[str, ...], db: str | None) -> None:
    """Take records out of an event by hand: they report something else. Survives re-ingestion."""
    from sitrep.store.merging import split_event

    try:
        with _sessions(db).begin() as session:
            resulting = split_event(session, event_id, record_ids)
    except SitrepError as exc:
        fail(exc)
        return
    click.echo("\n".join(resulting))


# ---- export --------------------------------------------------------------------------------

EXPORT_FORMATS = ["acled-csv", "jsonl", "geojson", "parquet"]


@click.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True), help="File to write.")
@filter_options
@quiet_option
def export_command(fmt: str, output: str, quiet: bool, **options: Any) -> None:
    """Export stored events (merged, or with --records one per report) for other tools.

    \b
    Examples:
      sitrep export --format acled-csv -o events.csv --country SY
      sitrep export --format geojson -o events.geojson --since 2024-01-01
      sitrep export --format parquet --records -o records.parquet
    """
    from sitrep.export import write_export
    from sitrep.store.query import iter_events, iter_records

    records = options["records"]
    try:
        event_filter = _filter_from(options)
        with _sessions(options["db"])() as session:
            rows = _Counted((iter_records if records else iter_events)(session, event_filter))
            write_export(fmt, rows, output, kind="records" if records else "events")
    except SitrepError as exc:
        fail(exc)
        return
    if not quiet:
        click.echo(f"sitrep: wrote {rows.count} {'records' if records else 'events'} to {output}", err=True)


class _Counted:
    """Rows passed through, counted on the way."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def register(group: click.Group) -> None:
    group.add_command(ingest_command)
    group.add_command(events_group)
    group.add_command(export_command)
