"""Scorers on hand-made records: each metric moves when the record is right or wrong."""

from sitrep.evaluate.gold import GoldItem
from sitrep.evaluate.scoring import actor_key, km_between, primary_record, score_acled, score_muc4
from sitrep.types import Article


def record(**fields) -> dict:
    base = {"event_type": "ASSAULT", "acled_event_type": "Violence against civilians",
            "acled_sub_event_type": "Attack", "confidence": 0.8, "certainty": "asserted", "mode": None,
            "date": {"start": "2020-05-04"}, "location": {"lat": 11.66, "lon": 13.40},
            "actors": [{"role": "actor", "name": "Unidentified Armed Group (Nigeria)"},
                       {"role": "recipient", "name": "Civilians (Nigeria)"}],
            "fatalities": 3}
    base.update(fields)
    return base


GOLD = GoldItem(Article(id="1", text="On 4 May 2020, gunmen killed 3 farmers near Konduga."), {
    "event_type": "Violence against civilians", "sub_event_type": "Attack",
    "actor1": "Unidentified Armed Group (Nigeria)", "actor2": "Civilians (Nigeria)",
    "date": "2020-05-04", "lat": 11.65, "lon": 13.42, "fatalities": 3})


def test_a_right_record_scores_every_field():
    report = score_acled([(GOLD, [record()])])
    assert all(score.accuracy == 1.0 for score in report.fields.values())


def test_wrong_fields_are_counted_wrong():
    wrong = record(acled_event_type="Battles", acled_sub_event_type="Armed clash", fatalities=None,
                   date={"start": "2020-05-03"}, location={"lat": 12.5, "lon": 13.42})
    report = score_acled([(GOLD, [wrong])])
    for name in ("event_type", "sub_event_type", "date exact", "location within 25 km", "fatalities exact"):
        assert report.fields[name].accuracy == 0.0, name
    assert report.confusions["event_type"][("Violence against civilians", "Battles")] == 1


def test_no_record_is_a_miss():
    report = score_acled([(GOLD, [])])
    assert report.fields["event_type"].accuracy == 0.0


def test_primary_record_prefers_typed_and_confident():
    verbal = record(event_type="CONSULT", acled_event_type=None, confidence=0.95)
    weak, strong = record(confidence=0.4), record(confidence=0.7, fatalities=9)
    assert primary_record([verbal, weak, strong])["fatalities"] == 9


def test_actor_names_compare_without_dates():
    assert actor_key("Military Forces of Somalia (2017-)") == "military forces of somalia"


def test_distance():
    assert 80 < km_between(33.51, 36.29, 34.73, 36.71) < 200  # Damascus to Homs, about 140 km


def test_muc_incident_detection_f1():
    yes = GoldItem(Article(id="a", text="x"), {"incident": True, "types": ["BOMBING"]})
    no = GoldItem(Article(id="b", text="y"), {"incident": False, "types": []})
    bomb = record(mode="explosives", acled_sub_event_type="Remote explosive/landmine/IED")
    talk = record(event_type="CONSULT")
    report = score_muc4([(yes, [bomb]), (no, [talk])], triage=None)
    assert report.metrics["incident F1"] == 1.0
    assert report.fields["incident type (top record)"].accuracy == 1.0
    report = score_muc4([(yes, []), (no, [bomb])], triage=None)
    assert report.metrics["incident F1"] == 0.0


def test_ranking_auc_rewards_putting_true_items_first():
    from sitrep.evaluate.scoring import ranking_auc

    assert ranking_auc([(0.9, True), (0.8, True), (0.2, False)]) == 1.0
    assert ranking_auc([(0.1, True), (0.8, False)]) == 0.0
    assert ranking_auc([(0.5, True), (0.5, False)]) == 0.5
    assert ranking_auc([(0.5, True)]) is None


def test_violence_dated_months_before_the_story_is_no_muc_incident():
    yes = GoldItem(Article(id="a", text="x"), {"incident": True, "types": ["ATTACK"]})
    article = {"id": "a", "published": "1990-01-12"}
    recent = record(article=article, date={"start": "1990-01-11", "end": "1990-01-11"})
    old = record(article=article, date={"start": "1980-03-01", "end": "1980-03-31"})
    assert score_muc4([(yes, [recent])], triage=None).metrics["incident recall"] == 1.0
    assert score_muc4([(yes, [old])], triage=None).metrics["incident recall"] == 0.0


def test_a_headline_states_a_figure_in_digits_or_words():
    from sitrep.evaluate.scoring import headline_states_figure

    assert headline_states_figure("Four killed in shelling on Ariha", 4)
    assert headline_states_figure("14 dead in Douma air strikes", 14)
    assert not headline_states_figure("149 killed across Syria yesterday", 4)
    assert not headline_states_figure("214 dead", 14)
    assert headline_states_figure("Gunmen assassinate 2 members of a local council in the countryside", 2)
    assert headline_states_figure("Three members of the local police were killed by a roadside bomb", 3)


def test_a_figure_about_something_else_is_not_a_stated_toll():
    from sitrep.evaluate.scoring import headline_states_figure

    assert not headline_states_figure("Government forces regain control of two villages north of the city", 2)
    assert not headline_states_figure("Rebels suffer several fatalities since 3 June", 3)
    assert not headline_states_figure("Air strikes kill several people, jets hit 2 trucks near the border", 2)
    assert not headline_states_figure("Shelling kills 5 in the east;Day 2 of the offensive on the town", 2)


def test_a_part_of_a_round_up_total_is_not_a_stated_toll():
    from sitrep.evaluate.scoring import headline_states_figure

    assert not headline_states_figure("31 were killed yesterday including 6 fighters and 25 civilians", 6)
    assert not headline_states_figure("The toll rises to 30 including 7 children", 7)
    assert headline_states_figure("31 were killed yesterday including 6 fighters and 25 civilians", 31)
    assert headline_states_figure("Gunmen attack a checkpoint and kill 8 of them", 8)


def test_the_toll_is_scored_on_the_record_that_reports_deaths():
    from sitrep.evaluate.scoring import lethal_record

    quiet = {"event_type": "ASSAULT", "fatalities": None, "confidence": 0.9}
    deadly = {"event_type": "ASSAULT", "fatalities": 4, "confidence": 0.5}
    statement = {"event_type": "ACCUSE", "fatalities": 9, "confidence": 0.95}
    assert lethal_record([quiet, deadly, statement]) is deadly
    assert lethal_record([quiet]) is quiet
    assert lethal_record([]) is None
