"""Storing articles and their event records: one transaction per article, revisions, resume.

An article already stored with the same content hash is skipped before extraction, which is also
how an interrupted ingest resumes. A changed text under the same id becomes a new revision: the
old revision and its records stay, marked not current. Extraction runs in worker processes (the
spaCy pipeline loaded once per worker); only the main process writes to the database.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.context
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sitrep.errors import SitrepError
from sitrep.store.merging import MergeSummary, indexed_columns, remerge
from sitrep.store.models import ActorRow, ArticleRow, EvidenceRow, RecordActorRow, RecordRow
from sitrep.types import Article

Status = Literal["new", "unchanged", "revised"]
Extractor = Callable[[Article], list[dict[str, Any]]]
# What a worker sends back: the article's records, or the one-line error to print.
Outcome = tuple[Article, list[dict[str, Any]] | None, str | None]


@dataclass
class IngestSummary:
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    failed: int = 0
    records: int = 0
    merge: MergeSummary | None = None

    @property
    def stored(self) -> int:
        return self.new + self.revised


def content_hash(article: Article) -> str:
    """What decides whether an article changed: its cleaned text."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def extract_records(article: Article) -> list[dict[str, Any]]:
    """The default extractor: sitrep's pipeline, as contract-shaped dicts."""
    from sitrep.extract.pipeline import extract_article

    return [record.to_dict() for record in extract_article(article)]


# ---- writing -------------------------------------------------------------------------------


def article_status(session: Session, article: Article) -> Status:
    current = _current_revision(session, article.id)
    if current is None:
        return "new"
    return "unchanged" if current.content_hash == content_hash(article) else "revised"


def _current_revision(session: Session, article_id: str) -> ArticleRow | None:
    return session.scalars(
        select(ArticleRow).where(ArticleRow.article_id == article_id, ArticleRow.current.is_(True))
    ).first()


def store_article(sessions: sessionmaker[Session], article: Article, records: list[dict[str, Any]]) -> Status:
    """Store one article and its records in one transaction; supersede an older revision."""
    try:
        return _store_article_once(sessions, article, records)
    except IntegrityError:
        # Another ingest stored this article or one of its actors meanwhile: look again.
        return _store_article_once(sessions, article, records)


def _store_article_once(sessions: sessionmaker[Session], article: Article, records: list[dict[str, Any]]) -> Status:
    with sessions.begin() as session:
        current = _current_revision(session, article.id)
        digest = content_hash(article)
        if current is not None and current.content_hash == digest:
            return "unchanged"
        revision = 1
        if current is not None:
            revision = current.revision + 1
            current.current = False
            session.execute(update(RecordRow).where(RecordRow.article_pk == current.pk).values(current=False))
        row = _article_row(article, digest, revision)
        session.add(row)
        session.flush()
        actors = _ActorCache(session)
        seen: set[str] = set()
        for record in records:
            if record["event_id"] in seen:  # the extractor should never repeat an id; keep the first
                continue
            seen.add(record["event_id"])
            session.add(_record_row(row.pk, record, actors))
        return "new" if current is None else "revised"


def _article_row(article: Article, digest: str, revision: int) -> ArticleRow:
    return ArticleRow(
        article_id=article.id,
        revision=revision,
        current=True,
        content_hash=digest,
        title=article.title,
        published=article.published,
        author=article.author,
        publisher=article.publisher,
        url=article.url,
        origin=article.origin or "",
        text=article.text,
    )


def _record_row(article_pk: int, record: dict[str, Any], actors: _ActorCache) -> RecordRow:
    return RecordRow(
        event_id=record["event_id"],
        article_pk=article_pk,
        current=True,
        event_type=record["event_type"],
        mode=record.get("mode"),
        **indexed_columns(record),
        date_precision=(record.get("date") or {}).get("precision") or "unknown",
        certainty=record.get("certainty") or "asserted",
        confidence=float(record.get("confidence") or 0.0),
        record=record,
        evidence=[EvidenceRow(text=e["text"], start=e["start"], end=e["end"]) for e in record.get("evidence") or []],
        actor_links=[
            RecordActorRow(actor=actors.get(a), role=a.get("role") or "actor", text=a.get("text"),
                           named=bool(a.get("named", True)))
            for a in record.get("actors") or []
        ],
    )


class _ActorCache:
    """Get-or-create actors by normalized name within one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_name: dict[str, ActorRow] = {}

    def get(self, actor: dict[str, Any]) -> ActorRow:
        name = actor.get("name") or ""
        if name not in self.by_name:
            row = self.session.scalars(select(ActorRow).where(ActorRow.name == name)).first()
            if row is None:
                row = ActorRow(name=name, country=actor.get("country"), sector=actor.get("sector"))
                self.session.add(row)
            self.by_name[name] = row
        return self.by_name[name]


# ---- extracting ----------------------------------------------------------------------------


def _extract_one(article: Article, extract: Extractor) -> Outcome:
    try:
        return article, extract(article), None
    except SitrepError as exc:
        return article, None, exc.message
    except Exception as exc:  # one bad article must not stop the batch
        return article, None, SitrepError("E405", article_id=article.id, origin=article.origin or "?",
                                          reason=f"{type(exc).__name__}: {exc}").message


def _init_worker(extract: Extractor | None, main_pid: int) -> None:
    threading.Thread(target=_exit_with, args=(main_pid,), daemon=True).start()
    # Load the spaCy pipeline once per worker, not once per article.
    if extract is None:
        from sitrep.nlp import load_pipeline

        load_pipeline()


def _exit_with(main_pid: int, every_s: float = 1.0) -> None:
    """End this worker when the main process is gone (killed), instead of waiting forever."""
    while True:
        time.sleep(every_s)
        try:
            os.kill(main_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # alive, owned by someone else
            pass


def _worker_context() -> multiprocessing.context.BaseContext:
    # Not fork: a forked worker would share the main process's open database connections.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def extract_all(articles: Iterable[Article], workers: int, extract: Extractor | None = None) -> Iterator[Outcome]:
    """Extract each article, in this process or in `workers` processes; yields as they finish.
    `extract` (default: sitrep's pipeline) must be a module-level function to run in workers."""
    if workers <= 1:
        for article in articles:
            yield _extract_one(article, extract or extract_records)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(extract, os.getpid()),
                             mp_context=_worker_context()) as pool:
        pending: set[Future[Outcome]] = set()
        for article in articles:
            pending.add(pool.submit(_extract_one, article, extract or extract_records))
            if len(pending) >= 2 * workers:  # bounded: memory stays flat on big batches
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (_result(f) for f in done)
        for future in pending:
            yield _result(future)


def _result(future: Future[Outcome]) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise SitrepError("E408", reason=str(exc) or type(exc).__name__) from None


# ---- the whole ingest ----------------------------------------------------------------------


def ingest_articles(
    sessions: sessionmaker[Session],
    inputs: Iterable[Article | SitrepError],
    workers: int | None = None,
    on_error: Callable[[str], None] = lambda message: None,
    progress: Callable[[Iterator[Outcome]], Iterator[Outcome]] = lambda items: items,
    extract: Extractor | None = None,
    merge: bool = True,
) -> IngestSummary:
    """Extract and store every article that is new or changed, then merge across articles."""
    summary = IngestSummary()
    to_extract = _needing_extraction(sessions, inputs, summary, on_error)
    for article, records, error in progress(extract_all(to_extract, workers or os.cpu_count() or 1, extract)):
        if error is not None:
            summary.failed += 1
            on_error(error)
            continue
        status = store_article(sessions, article, records or [])
        _count(summary, status, len(records or []))
    if merge:
        with sessions.begin() as session:
            summary.merge = remerge(session)
    return summary


def _needing_extraction(
    sessions: sessionmaker[Session],
    inputs: Iterable[Article | SitrepError],
    summary: IngestSummary,
    on_error: Callable[[str], None],
) -> Iterator[Article]:
    for item in inputs:
        if isinstance(item, SitrepError):
            summary.failed += 1
            on_error(item.message)
            continue
        with sessions() as session:
            unchanged = article_status(session, item) == "unchanged"
        if unchanged:
            summary.unchanged += 1
        else:
            yield item


def _count(summary: IngestSummary, status: Status, n_records: int) -> None:
    if status == "new":
        summary.new += 1
    elif status == "revised":
        summary.revised += 1
    else:
        summary.unchanged += 1
        return
    summary.records += n_records
