"""The event store: articles by revision, event records, canonical events, human decisions.

    from sitrep.store import session_factory, ingest_articles, iter_events, parse_filter
    sessions = session_factory("sitrep.db")          # migrations applied on open
    ingest_articles(sessions, read_inputs(paths))    # extract, store, merge across articles
    with sessions() as s:
        rows = list(iter_events(s, parse_filter(country="SY")))
"""

from sitrep.store.db import database_url, migrate, open_engine, session_factory
from sitrep.store.ingest import IngestSummary, content_hash, ingest_articles, store_article
from sitrep.store.merging import merge_events, remerge, split_event
from sitrep.store.query import EventFilter, event_detail, iter_events, iter_records, parse_filter

__all__ = [
    "EventFilter",
    "IngestSummary",
    "content_hash",
    "database_url",
    "event_detail",
    "ingest_articles",
    "iter_events",
    "iter_records",
    "merge_events",
    "migrate",
    "open_engine",
    "parse_filter",
    "remerge",
    "session_factory",
    "split_event",
    "store_article",
]
