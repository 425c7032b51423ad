"""Merging reports of one event across articles: written reports of invented events, coded by hand
in the contract's shape the way the extractor codes them."""

from __future__ import annotations

import random

from sitrep.contract import validation_errors
from sitrep.resolve.dedup import (
    canonical_id_for,
    explain,
    merge_into,
    merge_records,
    merge_records_with_stats,
)

AFRIN = (36.5119, 36.8695)
JINDIRES = (36.3947, 36.6889)  # 17 km from Afrin
AZAZ = (36.5866, 37.0463)  # 18 km from Afrin
IDLIB = (35.9306, 36.6339)  # 68 km from Afrin


def record(
    event_id: str,
    article_id: str,
    *,
    publisher: str = "Example Wire",
    event_type: str = "ASSAULT",
    acled: tuple[str | None, str | None] = ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    mode: str | None = "explosives",
    day: str = "2020-04-28",
    precision: str = "day",
    end: str | None = None,
    place: str = "Afrin",
    coords: tuple[float, float] | None = AFRIN,
    place_precision: str = "place",
    admin1: str = "Aleppo",
    perpetrator: str | None = None,
    target: str = "Civilians (Syria)",
    fatalities: int | None = None,
    low: int | None = None,
    high: int | None = None,
    injured: int | None = None,
    sentence: str = "A bomb exploded.",
    confidence: float = 0.6,
    published: str = "2020-04-29",
) -> dict:
    actors = [{"role": "recipient", "name": target, "text": None, "country": "SYR", "sector": "CVL", "named": True}]
    if perpetrator:
        actors.insert(0, {"role": "actor", "name": perpetrator, "text": perpetrator, "country": "SYR",
                          "sector": "REB", "named": True})
    else:
        actors.insert(0, {"role": "actor", "name": "Unidentified Armed Group (Syria)", "text": "unknown attackers",
                          "country": "SYR", "sector": "UAF", "named": False})
    return {
        "event_id": event_id,
        "article_id": article_id,
        "article": {"id": article_id, "title": f"Report {article_id}", "published": published, "author": None,
                    "publisher": publisher, "url": f"https://example.org/{article_id}"},
        "event_type": event_type,
        "mode": mode,
        "acled_event_type": acled[0],
        "acled_sub_event_type": acled[1],
        "date": {"start": day, "end": end or day, "precision": precision, "text": None,
                 "from_publication_date": False},
        "location": {"name": place, "text": place, "country_code": "SY", "admin1": admin1, "admin2": None,
                     "lat": coords[0] if coords else None, "lon": coords[1] if coords else None,
                     "geonames_id": None, "precision": place_precision},
        "actors": actors,
        "fatalities": fatalities,
        "fatalities_low": low,
        "fatalities_high": high,
        "injured": injured,
        "kidnapped": None,
        "missing": None,
        "displaced": None,
        "attribution": [{"source": publisher, "kind": "reported", "claim": None, "text": None}],
        "certainty": "asserted",
        "evidence": [{"text": sentence, "start": 0, "end": len(sentence)}],
        "confidence": confidence,
    }


def afrin_market_bombing() -> list[dict]:
    """One truck bombing in Afrin, told three ways by three outlets."""
    return [
        record("a1-e1", "a1", publisher="Levant Herald", fatalities=40, low=40, high=46, injured=47,
               sentence="A fuel tanker packed with explosives blew up in a crowded market in Afrin on Tuesday, "
                        "killing at least 40 people."),
        record("a2-e1", "a2", publisher="North Syria Monitor", fatalities=46, injured=50, coords=(36.514, 36.866),
               sentence="Forty-six people died when a booby-trapped truck exploded near the vegetable market "
                        "of Afrin city."),
        record("a3-e1", "a3", publisher="Daily Courier", fatalities=None, day="2020-04-29", published="2020-04-30",
               sentence="Dozens were killed in Tuesday's truck bomb in Afrin, local officials said."),
    ]


def checkpoint_shooting() -> dict:
    """A different event, the same day in the same town."""
    return record("a4-e1", "a4", publisher="Levant Herald", acled=("Battles", "Armed clash"), mode="firearms",
                  perpetrator="Hayat Tahrir al-Sham", target="Military Forces of Turkey", fatalities=2,
                  sentence="Gunmen opened fire on a checkpoint at the western entrance of Afrin, killing two soldiers.")


def test_three_reports_of_one_bombing_become_one_event_with_three_sources():
    events = merge_records(afrin_market_bombing())
    assert len(events) == 1
    event = events[0]
    assert sorted(event.record_ids) == ["a1-e1", "a2-e1", "a3-e1"]
    assert [s["article_id"] for s in event.record["sources"]] == ["a1", "a2", "a3"]
    assert {e["article_id"] for e in event.record["evidence"]} == {"a1", "a2", "a3"}
    assert len(event.reasons) == 2
    assert "same type" in event.reasons[0] and "km apart" in event.reasons[0]
    assert validation_errors(event.record) == []


def test_merged_date_is_the_most_precise_and_most_reported():
    event = merge_records(afrin_market_bombing())[0]
    assert event.record["date"]["start"] == "2020-04-28"


def test_fatalities_are_reconciled_conservatively_with_the_spread_kept():
    event = merge_records(afrin_market_bombing())[0]
    assert event.record["fatalities"] == 40  # the lowest credible best count
    assert event.record["fatalities_low"] == 40
    assert event.record["fatalities_high"] == 46
    assert event.record["injured"] == 47
    assert sorted(f["fatalities"] for f in event.record["figures"] if f["fatalities"] is not None) == [40, 46]


def test_more_independent_sources_raise_confidence():
    event = merge_records(afrin_market_bombing())[0]
    assert event.record["confidence"] > 0.9


def test_different_events_same_day_same_town_stay_apart():
    events = merge_records([*afrin_market_bombing(), checkpoint_shooting()])
    assert sorted(len(e.record_ids) for e in events) == [1, 3]


def test_records_of_one_article_never_merge():
    twin = record("a1-e2", "a1", sentence="A second, identical blast was reported.")
    events = merge_records([afrin_market_bombing()[0], twin])
    assert len(events) == 2


def test_places_too_far_apart_stay_apart():
    near = record("b1", "b", coords=JINDIRES, place="Jindires")
    far = record("c1", "c", coords=IDLIB, place="Idlib", admin1="Idlib")
    assert len(merge_records([record("a1", "a"), near])) == 1
    assert len(merge_records([record("a1", "a"), far])) == 2


def test_dates_more_than_a_day_apart_stay_apart():
    later = record("b1", "b", day="2020-04-30")
    assert len(merge_records([record("a1", "a"), later])) == 2


def test_month_precision_overlaps_every_day_of_its_month():
    vague = record("b1", "b", day="2020-04-01", end="2020-04-30", precision="month")
    next_month = record("c1", "c", day="2020-05-01", end="2020-05-31", precision="month")
    events = merge_records([record("a1", "a"), vague, next_month])
    assert sorted(len(e.record_ids) for e in events) == [1, 2]
    merged = next(e for e in events if len(e.record_ids) == 2)
    assert merged.record["date"]["precision"] == "day"


def test_province_level_report_merges_with_a_place_in_that_province_only():
    province = record("b1", "b", place="Aleppo Governorate", coords=(36.2, 37.15), place_precision="admin1")
    other = record("c1", "c", place="Idlib Governorate", coords=(35.8, 36.6), place_precision="admin1",
                   admin1="Idlib")
    events = merge_records([record("a1", "a"), province, other])
    assert sorted(sorted(e.record_ids) for e in events) == [["a1", "b1"], ["c1"]]
    assert "same admin1" in next(e for e in events if len(e.record_ids) == 2).reasons[0]


def test_compatible_sub_types_merge_but_shooting_and_bombing_do_not():
    suicide = record("b1", "b", acled=("Explosions/Remote violence", "Suicide bomb"), mode="suicide-attack")
    shooting = record("c1", "c", acled=("Violence against civilians", "Attack"), mode="firearms")
    events = merge_records([record("a1", "a"), suicide, shooting])
    assert sorted(sorted(e.record_ids) for e in events) == [["a1", "b1"], ["c1"]]


def test_one_named_and_one_unnamed_perpetrator_merge_keeping_the_name():
    named = record("b1", "b", perpetrator="Islamic State")
    events = merge_records([record("a1", "a"), named])
    assert len(events) == 1
    perpetrators = [a["name"] for a in events[0].record["actors"] if a["role"] == "actor"]
    assert perpetrators == ["Islamic State"]
    assert events[0].record["certainty"] == "asserted"


def test_different_named_perpetrators_merge_only_as_a_disputed_claim():
    kurds = record("a1", "a", perpetrator="People's Protection Units", publisher="Anadolu")
    kurds2 = record("c1", "c", perpetrator="People's Protection Units", publisher="Yeni Safak")
    jihadists = record("b1", "b", perpetrator="Islamic State", publisher="Hawar")
    event = merge_records([kurds, jihadists, kurds2])
    assert len(event) == 1
    merged = event[0].record
    assert merged["certainty"] == "disputed"
    claims = {a["claim"] for a in merged["attribution"] if a.get("claim")}
    assert claims == {"perpetrator: People's Protection Units", "perpetrator: Islamic State"}
    assert [a["name"] for a in merged["actors"] if a["role"] == "actor"] == ["People's Protection Units"]
    assert "disputed" in explain(event[0])


def test_different_named_perpetrators_and_weak_agreement_stay_apart():
    kurds = record("a1", "a", perpetrator="People's Protection Units")
    jihadists = record("b1", "b", perpetrator="Islamic State", day="2020-04-29", coords=AZAZ, place="Azaz")
    assert len(merge_records([kurds, jihadists])) == 2


def test_cannot_link_keeps_records_apart_even_through_a_chain():
    records = afrin_market_bombing()
    events = merge_records(records, cannot_link=[("a1-e1", "a3-e1")])
    groups = sorted(sorted(e.record_ids) for e in events)
    assert len(groups) == 2
    assert not any({"a1-e1", "a3-e1"} <= set(g) for g in groups)


def test_must_link_joins_records_the_rules_keep_apart():
    events = merge_records([*afrin_market_bombing(), checkpoint_shooting()], must_link=[("a4-e1", "a2-e1")])
    assert len(events) == 1
    assert any("merged by hand" in reason for reason in events[0].reasons)


def test_cannot_link_wins_over_must_link_on_the_same_pair():
    records = afrin_market_bombing()[:2]
    events = merge_records(records, must_link=[("a1-e1", "a2-e1")], cannot_link=[("a1-e1", "a2-e1")])
    assert len(events) == 2


def test_canonical_id_is_stable_whatever_the_input_order():
    records = [*afrin_market_bombing(), checkpoint_shooting()]
    first = {e.canonical_id: sorted(e.record_ids) for e in merge_records(records)}
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    assert {e.canonical_id: sorted(e.record_ids) for e in merge_records(shuffled)} == first
    assert canonical_id_for(["a2-e1", "a1-e1", "a3-e1"]) in first


def test_merge_into_adds_a_late_report_to_the_existing_event():
    existing = merge_records([*afrin_market_bombing()[:2], checkpoint_shooting()])
    late = record("a5-e1", "a5", publisher="Evening Post", fatalities=41, day="2020-04-28",
                  sentence="The death toll from Tuesday's bombing in Afrin rose to 41.")
    updated = merge_into(existing, [late, afrin_market_bombing()[2]])
    sizes = sorted(len(e.record_ids) for e in updated)
    assert sizes == [1, 4]
    bombing = next(e for e in updated if len(e.record_ids) == 4)
    assert bombing.canonical_id == merge_records([*afrin_market_bombing(), late])[0].canonical_id
    assert bombing.record["fatalities"] == 40 and bombing.record["fatalities_high"] == 46
    assert len(bombing.record["sources"]) == 4


def test_explain_lists_every_merge_decision():
    text = explain(merge_records(afrin_market_bombing())[0])
    assert "3 record(s) from 3 article(s)" in text
    assert "a1-e1" in text and "dates overlap (2020-04-28" in text


def synthetic_records(n: int, seed: int = 3) -> list[dict]:
    """Records spread over four countries' worth of coordinates and two months, some re-reported."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lat, lon = rng.uniform(32.0, 37.0), rng.uniform(36.0, 42.0)
        day = f"2020-{rng.choice(['04', '05'])}-{rng.randint(1, 28):02d}"
        kind = rng.choice([("Battles", "Armed clash", "firearms"),
                           ("Explosions/Remote violence", "Air/drone strike", "aerial"),
                           ("Explosions/Remote violence", "Remote explosive/landmine/IED", "explosives")])
        out.append(record(f"r{i}", f"art{i}", day=day, coords=(lat, lon), acled=kind[:2], mode=kind[2]))
        if rng.random() < 0.2:
            out.append(record(f"r{i}b", f"art{i}b", day=day, coords=(lat + 0.01, lon), acled=kind[:2], mode=kind[2]))
    return out


def test_blocking_compares_far_fewer_pairs_than_all_of_them():
    records = synthetic_records(3000)
    events, stats = merge_records_with_stats(records)
    n = len(records)
    assert stats.comparisons < n * (n - 1) / 2 / 50
    assert len(events) <= n - 500  # most of the ~600 re-reports found their first report


def test_dask_sweep_gives_the_same_events_as_the_serial_one():
    records = synthetic_records(400, seed=11)
    serial = {e.canonical_id: e.record_ids for e in merge_records(records)}
    parallel = {e.canonical_id: e.record_ids for e in merge_records(records, parallel=True)}
    assert parallel == serial


THREE_REPORTS = {
    "herald-0428": ("Levant Herald", "2020-04-29",
                    "A car bomb exploded in a crowded market in Afrin, Syria, on Tuesday, killing 40 people, "
                    "local officials said."),
    "monitor-0428": ("North Syria Monitor", "2020-04-29",
                     "At least 46 civilians were killed on Tuesday when a booby-trapped fuel truck blew up "
                     "near the vegetable market in the Syrian town of Afrin."),
    "courier-0429": ("Daily Courier", "2020-04-30",
                     "Dozens of people died in a truck bomb explosion at a market in Afrin, in northern Syria, "
                     "on Tuesday, a rescue worker said."),
}


def test_three_extracted_reports_merge_end_to_end():
    try:
        from sitrep.extract.pipeline import extract_article
    except ModuleNotFoundError as exc:  # the extractors are built in parallel with this module
        import pytest

        pytest.skip(f"extraction pipeline not available yet ({exc.name})")
    from sitrep.types import Article

    records = []
    for article_id, (publisher, published, text) in THREE_REPORTS.items():
        article = Article(id=article_id, text=text, published=published, publisher=publisher)
        records += [r.to_dict() for r in extract_article(article)]
    assert {r["article_id"] for r in records} == set(THREE_REPORTS)
    events = merge_records(records)
    biggest = max(events, key=lambda e: len(e.record["sources"]))
    assert {s["article_id"] for s in biggest.record["sources"]} == set(THREE_REPORTS)
    assert biggest.record["fatalities_high"] >= 46


def test_partition_tells_which_records_can_ever_merge():
    from sitrep.resolve.dedup import partition_of

    bombing, shooting = afrin_market_bombing()[0], checkpoint_shooting()
    protest = record("p1", "p", event_type="PROTEST", acled=("Protests", "Peaceful protest"), mode=None)
    assert partition_of(bombing) == partition_of(shooting) == ("SY", "force")
    assert partition_of(protest) == ("SY", "unrest")


def test_country_level_reports_merge_only_on_a_day_the_text_gives():
    def nationwide(event_id: str, article_id: str, from_publication: bool) -> dict:
        row = record(event_id, article_id, place="Syria", coords=(35.0, 38.0), place_precision="country", admin1="")
        row["date"]["from_publication_date"] = from_publication
        return row

    assert len(merge_records([nationwide("a1", "a", False), nationwide("b1", "b", False)])) == 1
    assert len(merge_records([nationwide("a1", "a", False), nationwide("b1", "b", True)])) == 2


def test_death_tolls_far_apart_keep_reports_apart():
    small = record("b1", "b", fatalities=2)
    assert len(merge_records([record("a1", "a", fatalities=40), small])) == 2
    assert len(merge_records([record("a1", "a", fatalities=40), record("c1", "c", fatalities=46)])) == 1


def test_a_later_count_supersedes_an_early_one_and_the_spread_stays():
    """A toll revised over three days: best is the latest count, low and high span every report."""
    early = record("t1-e1", "t1", publisher="Wire One", fatalities=12, published="2020-04-28",
                   sentence="A truck bomb killed at least 12 people in Afrin on Tuesday.")
    next_day = record("t2-e1", "t2", publisher="Daily Two", fatalities=17, low=17, high=20, published="2020-04-29",
                      sentence="Between 17 and 20 people died in Tuesday's truck bombing in Afrin, doctors said.")
    revised = record("t3-e1", "t3", publisher="Weekly Three", fatalities=15, published="2020-04-30",
                     sentence="The council put the toll of Tuesday's truck bomb in Afrin at 15.")
    event = merge_records([early, next_day, revised])[0]
    assert len(event.record_ids) == 3
    assert (event.record["fatalities"], event.record["fatalities_low"], event.record["fatalities_high"]) == (15, 12, 20)


def test_reports_of_the_same_day_that_disagree_keep_the_most_conservative():
    a = record("d1-e1", "d1", publisher="Wire One", fatalities=22, published="2020-04-29")
    b = record("d2-e1", "d2", publisher="Daily Two", fatalities=18, published="2020-04-29T18:30:00")
    c = record("d3-e1", "d3", publisher="Weekly Three", fatalities=None, published="2020-05-02")
    event = merge_records([a, b, c])[0]
    assert len(event.record_ids) == 3
    assert (event.record["fatalities"], event.record["fatalities_low"], event.record["fatalities_high"]) == (18, 18, 22)


def test_an_undated_report_still_competes_for_the_best_count():
    from sitrep.resolve.reconcile import reconcile_figures

    figures = [{"article_id": "a", "fatalities": 30}, {"article_id": "b", "fatalities": 26}]
    assert reconcile_figures(figures, {"a": "2020-04-30", "b": None})["fatalities"] == 26
    assert reconcile_figures(figures, {"a": "2020-04-30", "b": "2020-04-28"})["fatalities"] == 30
    assert reconcile_figures(figures)["fatalities"] == 26


def test_a_dispute_in_one_report_survives_a_report_that_names_nobody():
    quarrel = record("a1", "a")
    quarrel["certainty"] = "disputed"
    plain = record("b1", "b")
    (event,) = merge_records([quarrel, plain])
    assert event.record["certainty"] == "disputed"


def test_an_attack_is_preferred_to_an_armed_clash_with_nobody_armed_on_the_receiving_end():
    clash = record("a1", "a", acled=("Battles", "Armed clash"), mode="firearms", confidence=0.9)
    attack = record("b1", "b", acled=("Violence against civilians", "Attack"), mode="firearms", confidence=0.5)
    (event,) = merge_records([clash, attack])
    assert event.record["acled_sub_event_type"] == "Attack"


def _accusation(event_id: str, article_id: str, accuser: str, accused: str) -> dict:
    return record(event_id, article_id, event_type="ACCUSE", acled=(None, None), mode=None,
                  perpetrator=accuser, target=accused, sentence=f"{accuser} blamed {accused} for the bombing.")


def test_two_reports_of_one_accusation_merge():
    events = merge_records([_accusation("a1-e2", "a1", "Government of Syria", "Government of Turkey"),
                            _accusation("a2-e2", "a2", "Government of Syria", "Government of Turkey")])
    assert len(events) == 1


def test_accusations_by_different_parties_stay_apart():
    events = merge_records([_accusation("a1-e2", "a1", "Government of Syria", "Government of Turkey"),
                            _accusation("a2-e2", "a2", "Government of Turkey", "People's Protection Units")])
    assert len(events) == 2


def test_a_statement_with_no_known_speaker_merges_with_nothing():
    unknown = _accusation("a2-e2", "a2", "Government of Syria", "Government of Turkey")
    unknown["actors"] = [a for a in unknown["actors"] if a["role"] != "actor"]
    events = merge_records([_accusation("a1-e2", "a1", "Government of Syria", "Government of Turkey"), unknown])
    assert len(events) == 2
