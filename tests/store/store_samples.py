"""Articles with event records written by hand, and database fixtures' helpers, for the store's tests
(tests/store and tests/cli/test_store.py). The records are built, not extracted, where the store and
not extraction is under test."""

from __future__ import annotations

import os
from typing import Any

import pytest

from sitrep.store.testing import postgres_server_url
from sitrep.types import Actor, Article, EventDate, EventRecord, Evidence, Location, Toll

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def require_backend(backend: str) -> None:
    """Skip a PostgreSQL test when no server was started, but fail in CI."""
    if backend == "postgres" and postgres_server_url() is None:
        reason = "SITREP_TEST_PG_URL is not set: run scripts/test.sh, which starts PostgreSQL, or scripts/pg.sh"
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the PostgreSQL tests, but " + reason)
        pytest.skip(reason)


IDLIB = Location("Idlib", "SY", 35.9306, 36.6339, "place", "Idlib", "Idlib")
ATARIB = Location("Al Atarib", "SY", 36.1389, 36.83, "place", "Atarib", "Aleppo")
DARAA = Location("Daraa", "SY", 32.6189, 36.1021, "place", "Daraa", "Daraa")
MOSUL = Location("Mosul", "IQ", 36.335, 43.1189, "place", "Mosul", "Nineveh")


def article(article_id: str, text: str, published: str = "2024-03-03", publisher: str = "Test Wire") -> Article:
    return Article(id=article_id, text=text, title=text.split(".")[0][:60], published=published,
                   publisher=publisher, url=f"https://example.org/{article_id}", origin=f"{article_id}.txt")


def record(
    art: Article,
    sentence: str,
    *,
    n: int = 0,
    event_type: str = "ASSAULT",
    acled: tuple[str | None, str | None] = ("Violence against civilians", "Attack"),
    day: str = "2024-03-02",
    location: Location | None = IDLIB,
    actors: tuple[tuple[str, str], ...] = (("actor", "Unidentified Armed Group (Syria)"),),
    fatalities: int | None = None,
) -> dict[str, Any]:
    """A contract record for one sentence of `art` (which must contain it)."""
    start = art.text.index(sentence)
    return EventRecord(
        event_id=f"{art.id}-e{n}",
        article_id=art.id,
        article=art.meta(),
        event_type=event_type,
        acled_event_type=acled[0],
        acled_sub_event_type=acled[1],
        date=EventDate(day, day, "day"),
        location=location,
        actors=[Actor(role, name) for role, name in actors],  # type: ignore[arg-type]
        toll=Toll(fatalities=fatalities),
        attribution=[],
        certainty="asserted",
        evidence=[Evidence(sentence, start, start + len(sentence))],
        confidence=0.8,
    ).to_dict()


MARKET_TEXT = ("A car bomb exploded in a crowded market in Idlib on Saturday, killing seven civilians. "
               "Nobody claimed responsibility.")
ATARIB_TEXT = "Government forces shelled Atarib in western Aleppo on Tuesday, killing two children."
DARAA_TEXT = "Hundreds of people protested in Daraa on Friday against rising bread prices."
MOSUL_TEXT = "Gunmen abducted a local official near Mosul on Monday, police said."


def sample_batch() -> list[tuple[Article, list[dict[str, Any]]]]:
    """Four articles, four different events in two countries."""
    market = article("market", MARKET_TEXT)
    atarib = article("atarib", ATARIB_TEXT, published="2024-03-06")
    daraa = article("daraa", DARAA_TEXT, published="2024-03-09")
    mosul = article("mosul", MOSUL_TEXT, published="2024-02-27")
    return [
        (market, [record(market, MARKET_TEXT.split(". ")[0] + ".", acled=("Explosions/Remote violence",
                         "Remote explosive/landmine/IED"), fatalities=7)]),
        (atarib, [record(atarib, ATARIB_TEXT, day="2024-03-05", location=ATARIB, fatalities=2,
                         acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                         actors=(("actor", "Military Forces of Syria"), ("recipient", "Civilians (Syria)")))]),
        (daraa, [record(daraa, DARAA_TEXT, event_type="PROTEST", acled=("Protests", "Peaceful protest"),
                        day="2024-03-08", location=DARAA, actors=(("actor", "Protesters (Syria)"),))]),
        (mosul, [record(mosul, MOSUL_TEXT, event_type="COERCE", day="2024-02-26", location=MOSUL,
                        acled=("Violence against civilians", "Abduction/forced disappearance"),
                        actors=(("actor", "Unidentified Armed Group (Iraq)"),))]),
    ]


def store_batch(sessions, batch) -> None:
    from sitrep.store.ingest import store_article
    from sitrep.store.merging import remerge

    for art, records in batch:
        store_article(sessions, art, records)
    with sessions.begin() as session:
        remerge(session)
