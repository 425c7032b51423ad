"""`sitrep train`: train sitrep's models on hand-coded data (today: the story triage model on MUC-4)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

import click

from sitrep import __version__
from sitrep.cli.common import Reporter, fail, quiet_option, verbose_option
from sitrep.errors import SitrepError
from sitrep.evaluate.gold import GoldItem
from sitrep.extract.triage import Story, TrainingSettings

Progress = Callable[[Iterable, int | None], Iterable]


@click.group("train")
def train_group() -> None:
    """Train sitrep's models on hand-coded data.

    \b
    Examples:
      sitrep train triage ../shared/data/muc4-dev --limit 650 -o triage.json
    """


@train_group.command("triage")
@click.argument("muc_folder", type=click.Path())
@click.option("--folds", type=click.IntRange(0, 20), default=5, show_default=True,
              help="Cross-validate with this many folds and print the scores (0 or 1: train only).")
@click.option("--offset", type=int, default=0, show_default=True, help="Skip the first N stories.")
@click.option("--limit", type=int, default=None, help="Train on the first N stories (after --offset) only.")
@click.option("--l2", type=click.FloatRange(0), default=None, help="L2 penalty (default: the tuned one).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="Write the model (JSON) here.")
@quiet_option
@verbose_option
def train_triage_command(muc_folder: str, folds: int, offset: int, limit: int | None, l2: float | None,
                         output: str, quiet: bool, verbose: bool) -> None:
    """Train the story triage model (does an article report a new incident?) on a MUC-4 folder
    of stories (dev-muc3-*, tst1-muc3-*...) and answer keys (key-*).

    Prints cross-validated precision, recall, F1 and ROC AUC (each story scored by a model that
    never saw it, the threshold and the combination with the rules chosen inside each training
    part), then trains on all the chosen stories and writes the model, with the ids of its
    training stories. Sentences that contain a string the answer key quotes for an incident
    (instrument, perpetrators, targets) train the sentence model stacked under the story model.
    The shipped model is trained on all the dev stories; for a held-out figure, train with
    --limit 650 and score the rest with `sitrep evaluate --offset 650 --triage-model FILE`.

    \b
    Examples:
      sitrep train triage ../shared/data/muc4-dev -o src/sitrep/extract/data/triage.json
      sitrep train triage ../shared/data/muc4-dev --folds 5 -o /tmp/all.json
    """
    from sitrep.extract.triage import fit_stories

    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        items = muc_items(muc_folder, offset, limit)
    except SitrepError as exc:
        fail(exc)
        return
    reporter.info(f"extracting events from {len(items)} stories")
    stories = training_stories(items, Path(muc_folder), lambda it, n: reporter.progress(it, n, desc="extracting"))
    settings = TrainingSettings() if l2 is None else TrainingSettings(l2=l2)
    if folds >= 2:
        click.echo(cross_validation_summary(stories, folds, settings))
    ids = [story.id for story in stories]
    provenance = (f"MUC-4 stories {ids[0]}..{ids[-1]} ({len(ids)}), sitrep {__version__}, "
                  f"trained {date.today().isoformat()}") if ids else ""
    model = fit_stories(stories, settings, provenance=provenance)
    try:
        model.save(output)
    except OSError as exc:
        fail(SitrepError("E510", path=output, reason=exc.strerror or str(exc)))
        return
    click.echo(f"model: {len(model.weights)} weights, threshold {model.threshold:g}, combined as "
               f"'{model.combination}', trained on {len(ids)} stories; written to {output}")


def muc_items(folder: str, offset: int, limit: int | None) -> list[GoldItem]:
    from sitrep.evaluate.gold import read_muc4

    path = Path(folder)
    if not path.exists():
        raise SitrepError("E001", path=path)
    items = list(read_muc4(path))[offset:]
    if limit:
        items = items[:limit]
    if not items:
        raise SitrepError("E521", path=path)
    return items


def training_stories(items: Sequence[GoldItem], folder: Path, progress: Progress) -> list[Story]:
    """Each story's features, its sentences' features and (from the answer keys' strings) their
    labels, from its text and sitrep's records (kept in memory only)."""
    from sitrep.extract.pipeline import extract_articles
    from sitrep.extract.triage import read_key_strings, story_of

    strings = read_key_strings(folder if folder.is_dir() else folder.parent)
    by_id = {id(item.article): item for item in items}
    stories: list[Story] = []
    for article, records in progress(extract_articles(item.article for item in items), len(items)):
        label = bool(by_id[id(article)].fields["incident"])
        stories.append(story_of(article, [r.to_dict() for r in records], label, strings.get(article.id, [])))
    return stories


def cross_validation_summary(stories: Sequence[Story], folds: int, settings: TrainingSettings) -> str:
    from sitrep.evaluate.scoring import ranking_auc
    from sitrep.extract.triage import cross_validated_stories, detection_scores

    labels, rules = [s.label for s in stories], [s.rules for s in stories]
    scores, verdicts = cross_validated_stories(stories, folds, settings)
    model, by_rules = detection_scores(verdicts, labels), detection_scores(rules, labels)
    auc = ranking_auc(list(zip(scores, labels, strict=True)))
    confidence_auc = ranking_auc([(s.features.get("rec:best confidence", 0.0), s.label) for s in stories])
    lines = [f"{folds}-fold cross-validation on {len(labels)} stories ({sum(labels)} with an incident):"]
    for name, s, ranking in (("triage model", model, auc), ("rules", by_rules, confidence_auc)):
        lines.append(f"  {name:<12}  precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['F1']:.3f}"
                     f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
                     + (f"  AUC {ranking:.3f}" if ranking is not None else ""))
    return "\n".join(lines)


def register(group: click.Group) -> None:
    group.add_command(train_group)
