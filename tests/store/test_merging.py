"""The cross-article merge in the store: incremental blocks, and human decisions that last."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from store_samples import article, record, sample_batch, store_batch

from sitrep.errors import SitrepError
from sitrep.store.ingest import store_article
from sitrep.store.merging import merge_events, remerge, split_event
from sitrep.store.models import CanonicalEventRow
from sitrep.store.query import event_detail

REPORTS = [
    ("wire-a", "A car bomb tore through a crowded market in Idlib on Saturday, killing seven civilians.", 7, "Wire A"),
    ("wire-b", "At least nine people died when an explosive-laden car blew up in Idlib's main market on Saturday.",
     9, "Wire B"),
    ("wire-c", "Medics in Idlib said a vehicle bomb at the market killed between seven and twelve shoppers.", 7,
     "Wire C"),
]


def three_reports() -> list:
    batch = []
    for article_id, text, killed, publisher in REPORTS:
        art = article(article_id, text, published="2024-03-03", publisher=publisher)
        batch.append((art, [record(art, text, fatalities=killed, acled=("Explosions/Remote violence",
                                                                          "Remote explosive/landmine/IED"))]))
    return batch


def events_by_members(sessions) -> dict[tuple[str, ...], str]:
    with sessions() as session:
        rows = session.scalars(select(CanonicalEventRow)).all()
        return {tuple(sorted(r.record["record_ids"])): r.canonical_id for r in rows}


def test_three_reports_of_one_event_become_one_event_with_three_sources(sessions):
    store_batch(sessions, three_reports())
    groups = events_by_members(sessions)
    assert list(groups) == [("wire-a-e0", "wire-b-e0", "wire-c-e0")]
    with sessions() as session:
        detail = event_detail(session, groups[("wire-a-e0", "wire-b-e0", "wire-c-e0")])
    assert detail["n_sources"] == 3
    assert {m["source"]["publisher"] for m in detail["members"]} == {"Wire A", "Wire B", "Wire C"}
    assert detail["reasons"], "a merge must say why"
    assert detail["fatalities"] == 7


def test_two_different_events_in_one_town_on_one_day_stay_apart(sessions):
    text_a = "A car bomb exploded in a market in Idlib on Saturday, killing seven civilians."
    text_b = "Hundreds of residents protested peacefully in Idlib on Saturday against the local council."
    a, b = article("bomb", text_a), article("protest", text_b)
    store_batch(sessions, [
        (a, [record(a, text_a, fatalities=7, acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"))]),
        (b, [record(b, text_b, event_type="PROTEST", acled=("Protests", "Peaceful protest"),
                    actors=(("actor", "Protesters (Syria)"),))]),
    ])
    assert sorted(events_by_members(sessions)) == [("bomb-e0",), ("protest-e0",)]


def test_a_new_record_remerges_only_its_own_block(sessions):
    store_batch(sessions, sample_batch())
    text = "Another blast hit the Idlib market on Saturday, a witness said."
    late = article("late", text, published="2024-03-04")
    store_article(sessions, late, [record(late, text, acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"))])
    with sessions.begin() as session:
        summary = remerge(session)
    # the Syrian records near 2 March (market, Atarib, Daraa, late), not the Iraqi one
    assert summary.records == 4
    with sessions.begin() as session:
        assert remerge(session).records == 0  # nothing left to do


def test_a_manual_merge_and_split_survive_reingestion_and_remerging(sessions):
    store_batch(sessions, sample_batch())
    groups = events_by_members(sessions)
    market, atarib = groups[("market-e0",)], groups[("atarib-e0",)]

    with sessions.begin() as session:
        merged_id = merge_events(session, [market, atarib])
    assert ("atarib-e0", "market-e0") in events_by_members(sessions)

    # re-ingest with a revision of another article, then a full re-merge from scratch
    daraa_text = "Thousands of people protested in Daraa on Friday against rising bread prices."
    daraa = article("daraa", daraa_text, published="2024-03-09")
    store_article(sessions, daraa, [record(daraa, daraa_text, n=1, event_type="PROTEST", day="2024-03-08",
                                           acled=("Protests", "Peaceful protest"))])
    store_batch(sessions, sample_batch()[:2])
    with sessions.begin() as session:
        remerge(session, full=True)
    groups = events_by_members(sessions)
    assert groups[("atarib-e0", "market-e0")] == merged_id
    with sessions() as session:
        assert any("by hand" in reason for reason in event_detail(session, merged_id)["reasons"])

    with sessions.begin() as session:
        after_split = split_event(session, merged_id, ["atarib-e0"])
    assert len(after_split) == 2
    with sessions.begin() as session:
        remerge(session, full=True)
    groups = events_by_members(sessions)
    assert ("market-e0",) in groups and ("atarib-e0",) in groups

    # merging by hand again overrules the split
    with sessions.begin() as session:
        merge_events(session, [groups[("market-e0",)], groups[("atarib-e0",)]])
        remerge(session, full=True)
    assert ("atarib-e0", "market-e0") in events_by_members(sessions)


def test_a_split_keeps_apart_what_the_automatic_merge_would_join(sessions):
    store_batch(sessions, three_reports())
    (members, event_id), = events_by_members(sessions).items()
    with sessions.begin() as session:
        split_event(session, event_id, ["wire-c-e0"])
    for art, records in three_reports():  # re-ingest: unchanged
        store_article(sessions, art, records)
    with sessions.begin() as session:
        remerge(session, full=True)
    assert sorted(events_by_members(sessions)) == [("wire-a-e0", "wire-b-e0"), ("wire-c-e0",)]


def test_bad_manual_decisions_are_user_errors(sessions):
    store_batch(sessions, sample_batch())
    groups = events_by_members(sessions)
    with sessions.begin() as session, pytest.raises(SitrepError) as caught:
        merge_events(session, [groups[("market-e0",)], "ce-nosuchevent"])
    assert caught.value.code == "E402"
    with sessions.begin() as session, pytest.raises(SitrepError) as caught:
        split_event(session, groups[("market-e0",)], ["atarib-e0"])
    assert caught.value.code == "E406"
