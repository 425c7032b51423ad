"""`sitrep triage`: which of these articles report a new attack? Articles ranked by triage score."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import click

from sitrep.cli.common import Reporter, fail, quiet_option, verbose_option
from sitrep.cli.output import text_table
from sitrep.errors import SitrepError
from sitrep.types import Article

FORMATS = ["table", "jsonl", "csv"]
COLUMNS = ["rank", "id", "title", "score", "incident", "sentence"]


@dataclass
class Triaged:
    article: Article
    score: float
    incident: bool
    sentence: str  # the top violent record's evidence, to see at a glance what happened

    def row(self, rank: int) -> dict[str, Any]:
        return {"rank": rank, "id": self.article.id, "title": self.article.title or "",
                "score": round(self.score, 4), "incident": self.incident, "sentence": self.sentence}


@click.command("triage")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Write here instead of standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="table (for reading), jsonl or csv. Default: table on a terminal, jsonl otherwise.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Call an article an incident from this score up, combined with the rules as the model's own "
                   "threshold is (default: the model's threshold).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None,
              help="A model written by 'sitrep train triage' (default: the shipped one).")
@quiet_option
@verbose_option
def triage_command(paths: tuple[str, ...], output: str, fmt: str | None, threshold: float | None,
                   model_path: str | None, quiet: bool, verbose: bool) -> None:
    """Rank articles by how likely each one reports a new, specific incident of political
    violence (an attack, bombing, kidnapping or arson), not commentary on old events or combat
    between armed forces.

    PATH is what 'sitrep read' takes: .txt, .md or .html files, folders, JSON Lines batches, or -
    for standard input. Each article gets a score (0-1), a verdict and the sentence of its most
    confident violent record. The shipped model was trained on MUC-4 stories (Latin American
    wire copy, 1989-91); expect it to be less sure of other sources.

    \b
    Examples:
      sitrep triage samples/
      sitrep triage news.jsonl --format csv -o ranked.csv
      sitrep triage news.jsonl --threshold 0.8 --format jsonl | head
    """
    from sitrep.extract.pipeline import extract_articles
    from sitrep.extract.triage import load_model, shipped_model
    from sitrep.ingest import read_inputs

    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        model = load_model(model_path) if model_path else shipped_model()
    except SitrepError as exc:
        fail(exc)
        return

    triaged = []
    articles = reporter.articles_only(read_inputs(list(paths), stdin=sys.stdin))
    for article, records in reporter.progress(extract_articles(articles), desc="triaging"):
        triaged.append(triage_article(model, article, [r.to_dict() for r in records], threshold))
        reporter.info(f"{article.id}: score {triaged[-1].score:.3f}")
    triaged.sort(key=lambda t: -t.score)
    fmt = fmt or ("table" if output == "-" and sys.stdout.isatty() else "jsonl")
    stream = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        write_ranking(stream, triaged, fmt)
    finally:
        if stream is not sys.stdout:
            stream.close()
    reporter.info(f"{len(triaged)} article(s) ranked, {sum(t.incident for t in triaged)} called incidents")
    reporter.exit()


def triage_article(model, article: Article, records: Sequence[dict[str, Any]],
                   threshold: float | None = None) -> Triaged:
    from sitrep.extract.triage import combine, reports_incident

    score = model.score(article, records)
    rules = bool(reports_incident(records))
    incident = model.decide(score, rules) if threshold is None else combine(score >= threshold, rules,
                                                                             model.combination)
    violent = reports_incident(records, 0.0) or [r for r in records if r["event_type"] in ("ASSAULT", "COERCE")]
    top = max(violent, key=lambda r: r["confidence"], default=None)
    sentence = " ".join(top["evidence"][0]["text"].split()) if top and top.get("evidence") else ""
    return Triaged(article, score, incident, sentence)


def write_ranking(stream: IO[str], triaged: Sequence[Triaged], fmt: str) -> None:
    rows = [t.row(rank) for rank, t in enumerate(triaged, start=1)]
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    elif not rows:
        stream.write("(no articles)\n")
    else:
        cells = [[str(r["rank"]), r["id"], r["title"], f"{r['score']:.3f}", "yes" if r["incident"] else "no",
                  r["sentence"]] for r in rows]
        stream.write(text_table(COLUMNS, cells) + "\n")
    stream.flush()


def register(group: click.Group) -> None:
    group.add_command(triage_command)
