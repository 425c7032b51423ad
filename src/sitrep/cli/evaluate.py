"""`sitrep evaluate`: check sitrep against hand-coded data (yours, or ACLED, UCDP, PLOVER, MUC-4)."""

from __future__ import annotations

import json

import click

from sitrep.cli.common import Reporter, fail, quiet_option, verbose_option
from sitrep.errors import SitrepError
from sitrep.evaluate.gold import KINDS


@click.command("evaluate")
@click.argument("gold", type=click.Path())
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="What the gold data is. Default: guessed from the file.")
@click.option("--offset", type=int, default=0, show_default=True,
              help="Skip the first N items, e.g. to score only a held-out part of the data.")
@click.option("--limit", type=int, default=None, help="Score only the first N items.")
@click.option("--sample", type=int, default=None, help="Score N items drawn at random (seeded).")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed for --sample.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the scores as JSON here.")
@click.option("--no-confusion", is_flag=True, help="Leave out the confusion tables.")
@click.option("--triage-model", type=click.Path(dir_okay=False), default=None,
              help="MUC-4: score incident detection with this triage model (from `sitrep train triage`) "
                   "instead of the shipped one.")
@quiet_option
@verbose_option
def evaluate_command(gold: str, kind: str | None, offset: int, limit: int | None, sample: int | None, seed: int,
                     json_path: str | None, no_confusion: bool, triage_model: str | None, quiet: bool, verbose: bool) -> None:
    """Compare sitrep's output with hand-coded events and print per-field scores.

    GOLD is an ACLED CSV export (notes as the text), a UCDP GED CSV (source_headline as the text,
    source_date as the publication date), PLOVER JSON records, or a MUC-4 folder (stories and
    answer keys).

    \b
    Examples:
      sitrep evaluate ../shared/data/acled-2020-dev/acled_2020_dev.csv
      sitrep evaluate ../shared/data/ucdp-ged-syria/ged_syria_2016_2019.csv --sample 1000
      sitrep evaluate ../shared/data/plover-gsr/PLOVER_GSR_CAMEO.json
      sitrep evaluate ../shared/data/muc4-dev
      sitrep evaluate ../shared/data/muc4-dev --offset 650 --triage-model first650.json

    On MUC-4, stories the triage model was trained on are scored by cross-fitting (models with
    its settings trained without them), never by the model itself.
    """
    from sitrep.evaluate import evaluate_path, format_report

    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        report = evaluate_path(gold, kind=kind, limit=limit, sample=sample, seed=seed, offset=offset,
                               triage_model=triage_model, progress=lambda items, total: reporter.progress(items, total, desc="evaluating"))
    except SitrepError as exc:
        fail(exc)
        return
    click.echo(format_report(report, confusion=not no_confusion))
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            json.dump(report.as_dict(), handle, indent=2)


def register(group: click.Group) -> None:
    group.add_command(evaluate_command)
