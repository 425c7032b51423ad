"""What every command shares: error reporting, verbosity, progress bars, input options."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

from sitrep.errors import SitrepError

T = TypeVar("T")

# Modules of sitrep.cli that each define `register(group)`.
COMMAND_MODULES = ["read", "extract", "evaluate", "gazetteer", "store", "triage", "train"]

quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print nothing but the output and errors.")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Explain what is happening on stderr.")


class Reporter:
    """Counts failures and prints one-line errors on stderr; decides the exit code."""

    def __init__(self, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.failures = 0

    def error(self, exc: SitrepError | str) -> None:
        self.failures += 1
        message = exc.message if isinstance(exc, SitrepError) else str(exc)
        click.echo(f"sitrep: error {message}", err=True)

    def info(self, message: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(f"sitrep: {message}", err=True)

    def warn(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"sitrep: warning: {message}", err=True)

    def articles_only(self, items: Iterable[T | SitrepError]) -> Iterator[T]:
        """The articles of a batch, each bad input reported as it comes so that the batch goes on."""
        for item in items:
            if isinstance(item, SitrepError):
                self.error(item)
            else:
                self.info(f"read {item.id} from {item.origin} ({len(item.text.split())} words)")
                yield item

    def progress(self, items: Iterable[T], total: int | None = None, desc: str = "articles") -> Iterator[T]:
        """A progress bar on stderr, only when stderr is a terminal and not --quiet."""
        if self.quiet or not sys.stderr.isatty():
            yield from items
            return
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=desc, unit=" art", file=sys.stderr, leave=False)

    def exit(self) -> None:
        if self.failures:
            sys.exit(1)


def fail(exc: SitrepError) -> None:
    """Report a fatal user error and stop with exit code 2, with no traceback."""
    click.echo(f"sitrep: error {exc.message}", err=True)
    sys.exit(2)
