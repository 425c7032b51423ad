"""Run the extractor over gold data and score it."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitrep.cli.output import text_table
from sitrep.errors import SitrepError
from sitrep.evaluate.gold import KINDS, GoldItem, detect_kind, read_gold
from sitrep.evaluate.scoring import SCORERS, Report, score_muc4

Progress = Callable[[Iterable, int | None], Iterable]


def evaluate_path(path: str | Path, kind: str | None = None, limit: int | None = None,
                  sample: int | None = None, seed: int = 13, progress: Progress | None = None,
                  offset: int = 0, triage_model: str | Path | None = None) -> Report:
    """Score sitrep on the gold data at `path`. `offset` skips the first items (to score a held-out
    part), `sample` draws that many of the rest at random (seeded), `limit` keeps the first N.
    On MUC-4, `triage_model` is the triage model's file (default: the shipped model); when some
    scored stories are in its training set, its other training stories are extracted too, to
    cross-fit them (see `score_muc4`)."""
    from sitrep.extract.pipeline import extract_articles

    path = Path(path)
    if not path.exists():
        raise SitrepError("E001", path=path)
    kind = kind or detect_kind(path)
    if kind not in KINDS:
        raise SitrepError("E501", path=path)
    every = list(read_gold(path, kind))
    items = every[offset:]
    if sample and sample < len(items):
        items = random.Random(seed).sample(items, sample)
    if limit:
        items = items[:limit]
    by_id = {id(item.article): item for item in items}
    extracted = extract_articles(item.article for item in items)
    if progress:
        extracted = progress(extracted, len(items))
    pairs = _pairs(extracted, by_id)
    if kind == "muc4":
        return _score_muc4(pairs, every, triage_model, progress)
    return SCORERS[kind](pairs)


def _score_muc4(pairs: Iterator[tuple[GoldItem, list[dict]]], every: list[GoldItem],
                triage_model: str | Path | None, progress: Progress | None) -> Report:
    from sitrep.extract.triage import load_model, shipped_model

    model = load_model(triage_model) if triage_model else shipped_model()
    scored = list(pairs)
    trained_on, scored_ids = set(model.trained_on), {item.article.id for item, _ in scored}
    extra: list[tuple[GoldItem, list[dict]]] = []
    if trained_on & scored_ids:
        # cross-fitting trains on the model's training stories: extract those not scored as well
        missing = [item for item in every if item.article.id in trained_on - scored_ids]
        if missing:
            from sitrep.extract.pipeline import extract_articles

            by_id = {id(item.article): item for item in missing}
            extracted = extract_articles(item.article for item in missing)
            extra = list(_pairs(progress(extracted, len(missing)) if progress else extracted, by_id))
    return score_muc4(scored, triage=model, training_pairs=extra)


def _pairs(extracted, by_id: dict[int, GoldItem]) -> Iterator[tuple[GoldItem, list[dict]]]:
    for article, records in extracted:
        yield by_id[id(article)], [r.to_dict() for r in records]


def format_report(report: Report, confusion: bool = True) -> str:
    lines = [f"sitrep evaluate: {report.kind}, {report.items} items", ""]
    rows = [[name, f"{score.accuracy:.3f}", f"{score.correct}/{score.total}"]
            for name, score in sorted(report.fields.items(), key=lambda kv: (":" in kv[0], kv[0]))]
    lines.append(text_table(["field", "accuracy", "correct/total"], rows, max_width=120))
    for name, value in report.metrics.items():
        lines.append(f"{name}: {value:.3f}")
    lines.extend(f"note: {note}" for note in report.notes)
    if confusion:
        for name, counter in report.confusions.items():
            lines.extend(["", f"confusion of {name} (gold -> predicted, most frequent errors):"])
            errors = [(g, p, n) for (g, p), n in counter.most_common() if g != p][:20]
            lines.append(text_table(["gold", "predicted", "count"], [[g, p, str(n)] for g, p, n in errors],
                                    max_width=120) if errors else "(none)")
    return "\n".join(lines)
