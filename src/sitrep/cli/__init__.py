"""The `sitrep` command line. One module per command family; this file assembles them."""

from __future__ import annotations

import click

from sitrep import __version__
from sitrep.cli import common


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sitrep")
def cli() -> None:
    """sitrep: turn conflict reporting into a sourced, geocoded, deduplicated event dataset.

    \b
    Typical use:
      sitrep read samples/                 # cleaned text, sentences and entities as JSON
      sitrep extract samples/ --format table
      sitrep ingest samples/               # store events in sitrep.db, merged across articles
      sitrep events --country SY           # browse them
      sitrep export --format acled-csv -o events.csv
    """


def _register() -> None:
    # Each command family lives in its own module and adds itself to the group.
    import importlib

    for name in common.COMMAND_MODULES:
        try:
            module = importlib.import_module(f"sitrep.cli.{name}")
        except ModuleNotFoundError as exc:  # a family not built yet
            if exc.name != f"sitrep.cli.{name}":
                raise
            continue
        module.register(cli)


_register()


def main() -> None:
    cli(prog_name="sitrep")
