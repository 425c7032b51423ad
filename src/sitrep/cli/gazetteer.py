"""`sitrep gazetteer ...`: build, import, add to, inspect and search the place store."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sitrep.cli.common import Reporter, fail, quiet_option, verbose_option
from sitrep.errors import SitrepError
from sitrep.resolve.gazetteer import Gazetteer, build_store, default_store_path
from sitrep.types import Place

# Bad rows reported one by one before the rest are only counted.
MAX_REPORTED_BAD_ROWS = 20


@click.group("gazetteer")
def gazetteer_group() -> None:
    """The place store that geocodes events: built from GeoNames data shipped with sitrep;
    add GeoNames dumps or your own places for villages it lacks."""


@gazetteer_group.command("build")
@quiet_option
def build_command(quiet: bool) -> None:
    """(Re)build the store from the packaged GeoNames data. Imported and added places are kept."""
    try:
        path = build_store(default_store_path())
    except SitrepError as exc:
        fail(exc)
        return
    if not quiet:
        click.echo(f"built {path}", err=True)


@gazetteer_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--all-features", is_flag=True, help="Keep every feature class, not only admin areas (A) and places (P).")
@quiet_option
@verbose_option
def import_command(file: Path, all_features: bool, quiet: bool, verbose: bool) -> None:
    """Load a GeoNames dump (allCountries.txt, SY.txt, or a .zip of one) into the store."""
    reporter = Reporter(quiet=quiet, verbose=verbose)

    def report_bad_row(exc: SitrepError) -> None:
        if reporter.failures < MAX_REPORTED_BAD_ROWS:
            reporter.error(exc)
        else:
            reporter.failures += 1

    def progress(rows):
        if quiet or not sys.stderr.isatty():
            return rows
        from tqdm import tqdm

        return tqdm(rows, desc="rows", unit=" rows", file=sys.stderr, leave=False)

    try:
        gazetteer = Gazetteer.open(default_store_path())
        loaded, bad = gazetteer.import_dump(
            file, None if all_features else frozenset("AP"), on_error=report_bad_row, progress=progress
        )
    except SitrepError as exc:
        fail(exc)
        return
    if not quiet:
        click.echo(f"imported {loaded} places from {file} into {gazetteer.path}; {bad} bad rows skipped", err=True)
    reporter.exit()  # bad rows were skipped and the rest imported, but the exit code says so


@gazetteer_group.command("add")
@click.argument("name", required=False)
@click.option("--lat", type=float, help="Latitude in decimal degrees.")
@click.option("--lon", type=float, help="Longitude in decimal degrees.")
@click.option("--country", help="ISO 3166-1 alpha-2 country code, e.g. SY.")
@click.option("--admin1", help="First-level admin area: a name (Idlib) or GeoNames admin1 code.")
@click.option("--alt", "alternates", help="Alternate names, separated by commas.")
@click.option("--file", "places_file", type=click.Path(path_type=Path), help="A TSV of places: name, lat, lon, country, admin1, alternates (|-separated).")
@quiet_option
def add_command(
    name: str | None,
    lat: float | None,
    lon: float | None,
    country: str | None,
    admin1: str | None,
    alternates: str | None,
    places_file: Path | None,
    quiet: bool,
) -> None:
    """Add a place the GeoNames data lacks, or every place in --file."""
    reporter = Reporter(quiet=quiet)
    try:
        gazetteer = Gazetteer.open(default_store_path())
        if places_file is not None:
            added = _add_from_file(gazetteer, places_file, reporter)
        else:
            place = _add_one(gazetteer, name, lat, lon, country, admin1, (alternates or "").split(","))
            added = 1
            click.echo(json.dumps(_place_json(place), ensure_ascii=False))
    except SitrepError as exc:
        fail(exc)
        return
    if not quiet:
        click.echo(f"added {added} places to {gazetteer.path}", err=True)
    reporter.exit()


def _add_one(
    gazetteer: Gazetteer,
    name: str | None,
    lat: float | None,
    lon: float | None,
    country: str | None,
    admin1: str | None,
    alternates: list[str],
) -> Place:
    if not name or not name.strip():
        raise SitrepError("E312", reason="no NAME given")
    if lat is None or lon is None or not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise SitrepError("E312", reason=f"coordinates {lat}, {lon}")
    if not country or len(country) != 2 or not country.isalpha():
        raise SitrepError("E312", reason=f"country {country!r}")
    return gazetteer.add_place(name.strip(), lat, lon, country, admin1 or None, [a for a in alternates if a.strip()])


def _add_from_file(gazetteer: Gazetteer, path: Path, reporter: Reporter) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SitrepError("E301", path=path) from exc
    added = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            if len(cols) < 4:
                raise ValueError(f"{len(cols)} columns, need at least 4")
            lat, lon = float(cols[1]), float(cols[2])
            admin1 = cols[4] if len(cols) > 4 else None
            alternates = cols[5].split("|") if len(cols) > 5 else []
            _add_one(gazetteer, cols[0], lat, lon, cols[3], admin1, alternates)
            added += 1
        except ValueError as exc:
            reporter.error(SitrepError("E311", path=path, line=number, reason=str(exc)))
        except SitrepError as exc:
            reporter.error(SitrepError("E311", path=path, line=number, reason=exc.message))
    return added


@gazetteer_group.command("info")
def info_command() -> None:
    """Where the store is and what it holds."""
    try:
        gazetteer = Gazetteer.open(default_store_path())
    except SitrepError as exc:
        fail(exc)
        return
    meta = gazetteer.meta()
    click.echo(f"store: {gazetteer.path}")
    click.echo(f"built from: {meta.get('source_version', '?')}")
    for key, count in sorted(gazetteer.counts().items()):
        click.echo(f"  {key}: {count}")


@gazetteer_group.command("search")
@click.argument("name")
@click.option("--country", help="Only places in this ISO2 country.")
@click.option("--limit", default=10, show_default=True, help="How many places to print.")
def search_command(name: str, country: str | None, limit: int) -> None:
    """Places called NAME (spelling variants included), best first, as JSON lines."""
    try:
        gazetteer = Gazetteer.open(default_store_path())
    except SitrepError as exc:
        fail(exc)
        return
    for place in gazetteer.search(name, country, limit=limit):
        click.echo(json.dumps(_place_json(place), ensure_ascii=False))


def _place_json(place: Place) -> dict:
    return {
        "geonames_id": place.geonames_id,
        "name": place.name,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "feature": f"{place.feature_class}.{place.feature_code}",
        "population": place.population,
        "lat": place.lat,
        "lon": place.lon,
    }


def register(group: click.Group) -> None:
    group.add_command(gazetteer_group)
