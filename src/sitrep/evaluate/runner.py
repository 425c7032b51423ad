"""Run the extractor over gold data and score it."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sitrep.cli.output import text_table
from sitrep.errors import SitrepError
from sitrep.evaluate.gold import KINDS, GoldItem, detect_kind, read_gold
from sitrep.evaluate.scoring import SCORERS, Report

Progress = Callable[[Iterable, int | None], Iterable]


def evaluate_path(path: str | Path, kind: str | None = None, limit: int | None = None,
                  sample: int | None = None, seed: int = 13, progress: Progress | None = None,
                  offset: int = 0) -> Report:
    """Score sitrep on the gold data at `path`. `offset` skips the first items (to score a held-out
    part), `sample` draws that many of the rest at random (seeded), `limit` keeps the first N."""
    from sitrep.extract.pipeline import extract_articles

    path = Path(path)
    if not path.exists():
        raise SitrepError("E001", path=path)
    kind = kind or detect_kind(path)
    if kind not in KINDS:
        raise SitrepError("E501", path=path)
    items = list(read_gold(path, kind))[offset:]
    if sample and sample < len(items):
        items = random.Random(seed).sample(items, sample)
    if limit:
        items = items[:limit]
    by_id = {id(item.article): item for item in items}
    extracted = extract_articles(item.article for item in items)
    if progress:
        extracted = progress(extracted, len(items))
    pairs = _pairs(extracted, by_id)
    return SCORERS[kind](pairs)


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
