"""`sitrep read`: articles in, cleaned text with sentences and named entities out (JSON Lines)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

import click
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.cli.common import Reporter, fail, quiet_option, verbose_option
from sitrep.errors import SitrepError
from sitrep.ingest import read_inputs
from sitrep.types import Article, Entity, ReadArticle, Sentence

PIPE_BATCH_SIZE = 32


def register(group: click.Group) -> None:
    group.add_command(read_command)


@click.command(name="read")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", metavar="FILE",
    show_default="standard output",
    help="Write the JSON Lines here.",
)
@quiet_option
@verbose_option
def read_command(paths: tuple[str, ...], output: IO[str], quiet: bool, verbose: bool) -> None:
    """Read articles and print each one as JSON: its metadata, cleaned text, sentences and
    named entities, with character offsets into the cleaned text.

    PATH is a .txt, .md, .html or .json file, a folder (read recursively; hidden files skipped), a
    .jsonl batch with one article per line ({"id", "text"} and optionally "title",
    "published", "author", "publisher", "url"), or - for standard input.

    Metadata given in a batch wins; otherwise the title, byline, date and wire dateline are
    found in the text. A bad input is reported on stderr as one line with its error code, the
    rest are still read, and the exit code is then 1.

    \b
    Examples:
      sitrep read samples/
      sitrep read samples/batch.jsonl -o articles.jsonl
      sitrep read report.html notes.md -q
      cat story.txt | sitrep read -
    """
    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        nlp = _load(reporter)
    except SitrepError as exc:
        fail(exc)
        return
    written = 0
    for read_article in read_articles(nlp, reporter.articles_only(read_inputs(paths)), reporter):
        output.write(json.dumps(read_article.to_dict(), ensure_ascii=False) + "\n")
        written += 1
    reporter.info(f"wrote {written} article(s); {reporter.failures} input(s) failed")
    reporter.exit()


def _load(reporter: Reporter) -> Language:
    from sitrep.nlp import load_pipeline

    reporter.info("loading the spaCy pipeline")
    return load_pipeline()


def read_articles(nlp: Language, articles: Iterable[Article], reporter: Reporter) -> Iterator[ReadArticle]:
    """Each article with the sentences and entities of its cleaned text; spaCy runs in batches."""
    pairs = ((article.text, article) for article in articles)
    docs = nlp.pipe(pairs, as_tuples=True, batch_size=PIPE_BATCH_SIZE)
    for doc, article in reporter.progress(docs):
        yield annotate(article, doc)


def annotate(article: Article, doc: Doc) -> ReadArticle:
    """Sentences and entities of `doc`, as offsets into `article.text` (the text `doc` was made from)."""
    entities = [Entity(ent.label_, ent.text, ent.start_char, ent.end_char) for ent in doc.ents]
    return ReadArticle(article=article, sentences=split_sentences(doc), entities=entities)


def split_sentences(doc: Doc) -> list[Sentence]:
    """The Doc's sentences, also cut at paragraph breaks (the parser sometimes runs a heading or a
    quote on into the next paragraph), without surrounding whitespace. A piece that is only
    punctuation, such as a closing quote left before the break, goes back to the sentence it ends."""
    sentences: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n\n" in token.text:
                _add_sentence(sentences, doc[start : token.i])
                start = token.i + 1
        _add_sentence(sentences, doc[start : sent.end])
    return sentences


def _add_sentence(sentences: list[Sentence], span: Span) -> None:
    text = span.text
    stripped = text.strip()
    if not stripped:
        return
    start = span.start_char + (len(text) - len(text.lstrip()))
    end = start + len(stripped)
    previous = sentences[-1] if sentences else None
    gap = span.doc.text[previous.end : start] if previous else "\n"
    if previous and all(token.is_punct or token.is_space for token in span) and "\n" not in gap:
        previous.text = span.doc.text[previous.start : end]
        previous.end = end
        return
    sentences.append(Sentence(stripped, start, end))
