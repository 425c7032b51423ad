"""Casualty counts: numbers, vague quantities, and tying each figure to the right harm."""

from __future__ import annotations

import pytest

from sitrep.extract.counts import extract_toll, parse_quantity
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline
from sitrep.types import Toll


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def toll_of(nlp, text: str, trigger: str | None = None, clause: str | None = None, **fields) -> dict:
    """The toll of the mention whose trigger is `trigger` (default: the first word of the root),
    with its clause limited to the words of `clause` where given."""
    doc = nlp(text)
    sentence = next(doc.sents)
    token = next(t for t in doc if t.text == trigger) if trigger else sentence.root
    mention = EventMention(sentence=sentence, trigger=doc[token.i : token.i + 1], event_type="ASSAULT", **fields)
    if clause:
        start = text.index(clause)
        span = doc.char_span(start, start + len(clause), alignment_mode="expand")
        mention.clause_start, mention.clause_end = span.start, span.end
    return {k: v for k, v in vars(extract_toll(mention)).items() if v is not None}


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,300", (2300, 2300, 2300)),
        ("1.5 million", (1_500_000, 1_500_000, 1_500_000)),
        ("forty-five", (45, 45, 45)),
        ("twenty one", (21, 21, 21)),
        ("a dozen", (12, 12, 12)),
        ("half a dozen", (6, 6, 6)),
        ("a hundred", (100, 100, 100)),
        ("dozens", (12, 12, 12)),
        ("tens", (10, 10, 10)),
        ("scores of", (20, 20, 20)),
        ("hundreds", (100, 100, 100)),
        ("tens of thousands", (10_000, 10_000, 10_000)),
        ("several", (3, 3, 3)),
        ("a number of", (3, 3, 3)),
        ("many", (10, 10, 10)),
        ("at least 18", (18, 18, 18)),
        ("more than 20", (20, 20, 20)),
        ("up to 30", (30, 30, 30)),
        ("some 300", (300, 300, 300)),
        ("between 20 and 25", (20, 20, 25)),
        ("20 to 25", (20, 20, 25)),
        ("20-25", (20, 20, 25)),
        ("another 12", (12, 12, 12)),
    ],
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "the village", "yesterday", "$"])
def test_parse_quantity_rejects_words_that_are_not_numbers(text):
    assert parse_quantity(text) is None


# --- tying figures to harms -----------------------------------------------------------------------


def test_killed_and_wounded_more(nlp):
    text = "Gunmen killed at least 14 people and wounded dozens more in an attack on a market."
    assert toll_of(nlp, text, "killed") == {"fatalities": 14, "injured": 12}


def test_left_dead_and_wounded(nlp):
    assert toll_of(nlp, "The blast left 3 dead and 12 wounded.") == {"fatalities": 3, "injured": 12}


def test_passive_subject(nlp):
    assert toll_of(nlp, "3 soldiers were killed when their vehicle hit a mine.") == {"fatalities": 3}


def test_death_toll_rose(nlp):
    assert toll_of(nlp, "The death toll rose to 22 on Wednesday.") == {"fatalities": 22}


def test_bodies_found(nlp):
    assert toll_of(nlp, "Five bodies were found near the village.") == {"fatalities": 5}
    assert toll_of(nlp, "The bodies of two men were found by a road.") == {"fatalities": 2}


def test_kidnapped(nlp):
    assert toll_of(nlp, "Militants kidnapped 40 students from a school.") == {"kidnapped": 40}


def test_displaced(nlp):
    assert toll_of(nlp, "The fighting displaced 2,300 families.") == {"displaced": 2300}
    assert toll_of(nlp, "The fighting forced 2,300 people to flee.") == {"displaced": 2300}


def test_missing(nlp):
    assert toll_of(nlp, "12 are missing after the attack.") == {"missing": 12}


def test_another_takes_the_category_of_its_own_verb(nlp):
    assert toll_of(nlp, "The attack killed a soldier and wounded another 12.") == {"fatalities": 1, "injured": 12}


def test_conjoined_victims_add_up(nlp):
    assert toll_of(nlp, "Insurgents killed two policemen and a civilian.") == {"fatalities": 3}


def test_killing_a_soldier_is_one(nlp):
    assert toll_of(nlp, "Militants ambushed a patrol, killing a soldier.", "killing") == {"fatalities": 1}


def test_words_and_vague_quantities_in_sentences(nlp):
    assert toll_of(nlp, "The airstrike killed twenty one civilians.") == {"fatalities": 21}
    assert toll_of(nlp, "A dozen people were wounded.") == {"injured": 12}
    assert toll_of(nlp, "Clashes caused at least six deaths.") == {"fatalities": 6}


def test_range_gives_low_and_high(nlp):
    toll = toll_of(nlp, "The shelling killed between 20 and 25 people.", "killed")
    assert toll == {"fatalities": 20, "fatalities_low": 20, "fatalities_high": 25}


def test_figures_from_different_sources_take_the_lowest(nlp):
    text = "At least 14 people were killed according to the governor, while activists said 20 died."
    assert toll_of(nlp, text, "killed") == {"fatalities": 14, "fatalities_low": 14, "fatalities_high": 20}


def test_attackers_and_victims_both_count(nlp):
    assert toll_of(nlp, "The two bombers died in the explosion.") == {"fatalities": 2}
    assert toll_of(nlp, "Three soldiers were killed and the two attackers died.", "killed") == {"fatalities": 5}


# --- numbers that are not casualties ----------------------------------------------------------------


def test_attackers_are_not_casualties(nlp):
    text = "Some 300 fighters took part in the assault, which killed 5 people."
    assert toll_of(nlp, text, "killed") == {"fatalities": 5}


def test_age_is_not_a_count(nlp):
    assert toll_of(nlp, "A 14-year-old boy was killed by a stray bullet.") == {"fatalities": 1}


def test_money_is_not_a_count(nlp):
    text = "The kidnappers demanded $2 million after they abducted forty-five villagers."
    assert toll_of(nlp, text, "abducted") == {"kidnapped": 45}


def test_dates_and_vehicles_are_not_counts(nlp):
    text = "On 12 May 2020 militants burned 20 vehicles and killed 4 guards."
    assert toll_of(nlp, text, "killed") == {"fatalities": 4}


def test_counts_stay_with_their_clause(nlp):
    text = "Gunmen killed 4 villagers in Gao, a week after a bomb killed 9 soldiers in Mopti."
    assert toll_of(nlp, text, "killed", clause="Gunmen killed 4 villagers in Gao") == {"fatalities": 4}


# --- nothing said, nobody harmed, deaths with no figure -----------------------------------------------


def test_no_figure_is_null(nlp):
    assert toll_of(nlp, "Protesters marched through the capital.") == {}
    assert extract_toll(EventMention(sentence=nlp("Troops shelled the town.")[:], trigger=nlp("x")[:1],
                                     event_type="ASSAULT")) == Toll()


def test_nobody_harmed_is_zero(nlp):
    assert toll_of(nlp, "No casualties were reported.") == {"fatalities": 0, "injured": 0}
    assert toll_of(nlp, "No one was hurt in the attack.") == {"injured": 0}


def test_deaths_without_figure_follow_acled(nlp):
    assert toll_of(nlp, "Gunmen killed several people in the market.") == {"fatalities": 3}
    assert toll_of(nlp, "Gunmen killed civilians in the market.") == {"fatalities": 3}
    assert toll_of(nlp, "The airstrike killed civilians in the market.", "killed") == {"fatalities": 10}


def test_one_figure_for_two_harms_tells_neither(nlp):
    assert toll_of(nlp, "About 10 people were killed and injured by the shells.") == {}


def test_threats_and_attempts_kill_nobody(nlp):
    assert toll_of(nlp, "A mob tried to lynch a soldier at the market.", "lynch") == {}


def test_fatal_manner(nlp):
    assert toll_of(nlp, "Police shot two men to death.") == {"fatalities": 2}
    assert toll_of(nlp, "Two men were fatally assaulted by villagers.") == {"fatalities": 2}


def test_headline_style_victims(nlp):
    assert toll_of(nlp, "4 people executed in the countryside of Homs") == {"fatalities": 4}
    assert toll_of(nlp, "Warplanes kill a family of seven people in a village") == {"fatalities": 7}


def test_the_same_people_are_counted_once(nlp):
    assert toll_of(nlp, "More than 73 killed and killed during the takeover of the town") == {"fatalities": 73}


def test_a_harm_named_as_a_charge_is_not_counted(nlp):
    text = "The group executed two men on charges of killing a policeman."
    assert toll_of(nlp, text, "executed") == {"fatalities": 2}


def test_casualties_are_deaths_where_the_injured_are_counted_apart(nlp):
    text = "At least eight casualties and tens of injuries were caused by the bombing."
    assert toll_of(nlp, text, "casualties") == {"fatalities": 8, "injured": 10}


def test_casualties_are_deaths_where_no_one_is_said_to_be_hurt(nlp):
    assert toll_of(nlp, "The shelling caused 7 casualties in the town.") == {"fatalities": 7}
    assert toll_of(nlp, "5 Casualties in a drone strike on a car near the border crossing", "strike") == {"fatalities": 5}


def test_casualties_counted_with_the_injured_tell_no_death_toll(nlp):
    assert toll_of(nlp, "Shelling on the town left 12 casualties and injuries.", "Shelling") == {}
    assert toll_of(nlp, "The attack left 7 casualties, including 5 wounded.", "attack") == {"injured": 5}


def test_the_number_of_dead_is_the_figure_it_reaches(nlp):
    text = "The number of people killed in the market bombing has risen to 21, doctors said."
    assert toll_of(nlp, text, "bombing") == {"fatalities": 21}
    assert toll_of(nlp, "The number of dead rose to 26 on Friday.", "dead") == {"fatalities": 26}
    assert toll_of(nlp, "More casualties raise their number to 9 in the shelled village.") == {"fatalities": 9}
    assert toll_of(nlp, "A number of people were killed in the raid.", "killed") == {"fatalities": 3}


def test_a_part_of_the_dead_is_not_the_toll(nlp):
    assert toll_of(nlp, "Two women were among the dead, a nurse said.", "dead") == {}
    assert toll_of(nlp, "Four children were among those killed in the raid.", "killed") == {}
    assert toll_of(nlp, "The dead included two paramedics.", "dead") == {}
    text = "The air strike killed 11 people, including four children, in the camp."
    assert toll_of(nlp, text, "killed") == {"fatalities": 11}
    assert toll_of(nlp, "Nine villagers were killed, six of them women.", "killed") == {"fatalities": 9}


def test_a_killing_done_as_revenge_is_counted(nlp):
    text = "The group avenged its commander by assassinating 2 officers of the local police."
    assert toll_of(nlp, text, "assassinating") == {"fatalities": 2}


def test_martyrs_and_executions(nlp):
    assert toll_of(nlp, "Rocket shelling leaves 7 martyrs from two families.", "martyrs") == {"fatalities": 7}
    assert toll_of(nlp, "Militants carried out the execution of 3 men in the town.", "execution") == {"fatalities": 3}


def test_the_sources_of_a_report_are_not_its_dead():
    from sitrep.extract.events import find_event_mentions
    from sitrep.nlp import load_pipeline

    doc = load_pipeline()("Gunmen on a motorcycle shot dead a member of the civil council at a checkpoint, "
                          "two security sources said.")
    tolls = [extract_toll(m) for m in find_event_mentions(doc)]
    assert tolls and all(t.fatalities in (None, 1) for t in tolls)


def test_a_conjoined_group_harmed_otherwise_is_not_added():
    from sitrep.extract.events import find_event_mentions

    doc = load_pipeline()("The massacre of Ayn al-Tina claims the lives of 14 citizens mostly of children and women "
                          "and thousands of the displaced people at the border suffer.")
    tolls = [extract_toll(m) for m in find_event_mentions(doc)]
    assert tolls and all(t.fatalities in (None, 14) for t in tolls)
    assert any(t.fatalities == 14 for t in tolls)


def test_the_counted_whole_of_an_of_phrase_is_the_victims(nlp):
    text = "6 members of the local militias killed in an ambush near the river crossing"
    assert toll_of(nlp, text, "killed") == {"fatalities": 6}


def test_a_place_beside_the_victims_counts_no_one(nlp):
    text = "Rockets hit the northern countryside and 5 shepherds have been killed in shelling near the hills"
    assert toll_of(nlp, text, "killed") == {"fatalities": 5}


def test_the_nearest_object_and_subject_are_the_victims(nlp):
    text = "Jets bomb a market east of the city and kill 9 people at least of one farming family"
    assert toll_of(nlp, text, "kill") == {"fatalities": 9}
    text = "On 2 June 2021, in the capital, at least 12 inmates were killed by guards in the prison."
    assert toll_of(nlp, text, "killed") == {"fatalities": 12}


def test_a_killing_named_by_a_noun_counts_the_object_of_its_verb(nlp):
    text = "An assassination targets 2 officers of the border guard in the south"
    assert toll_of(nlp, text, "assassination") == {"fatalities": 2}
