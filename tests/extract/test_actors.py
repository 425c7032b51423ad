"""Who did what to whom: find_participants on sentences parsed by sitrep's pipeline."""

from __future__ import annotations

import pytest

from sitrep.extract.actors import find_participants
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def participants(nlp, text: str, trigger: str, focus: str | None, event_type: str = "ASSAULT"):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    sentence = token.sent
    mention = EventMention(sentence=sentence, trigger=doc[token.i : token.i + 1], event_type=event_type)
    return {(a.role, a.name): a for a in find_participants(mention, focus)}


def test_gunmen_and_villagers(nlp):
    found = participants(nlp, "Gunmen killed five villagers in Dansadau on Tuesday.", "killed", "NG")
    gunmen = found[("actor", "Unidentified Armed Group (Nigeria)")]
    assert (gunmen.named, gunmen.country, gunmen.text) == (False, "NGA", "Gunmen")
    villagers = found[("recipient", "Civilians (Nigeria)")]
    assert (villagers.sector, villagers.text) == ("CVL", "five villagers")
    assert len(found) == 2


def test_a_pair_of_suicide_bombers(nlp):
    text = "A pair of suicide bombers blew themselves up at a mosque in Maiduguri."
    found = participants(nlp, text, "blew", "NG")
    assert list(found) == [("actor", "Unidentified Armed Group (Nigeria)")]  # "themselves" is nobody new


def test_government_forces_by_demonym(nlp):
    found = participants(nlp, "Syrian government forces shelled the town of Saraqib.", "shelled", "SY")
    actor = found[("actor", "Military Forces of Syria")]
    assert (actor.country, actor.sector, actor.text) == ("SYR", "MIL", "Syrian government forces")
    assert [key for key in found if key[0] == "recipient"] == []  # a town is no actor


def test_passive_agent_unidentified_warplanes(nlp):
    found = participants(nlp, "The strike was carried out by unidentified warplanes.", "strike", "SY")
    actor = found[("actor", "Unidentified Military Forces")]
    assert not actor.named and actor.sector == "MIL"


def test_clashes_between_two_parties(nlp):
    found = participants(nlp, "Clashes between the army and HTS fighters erupted near Idlib.", "Clashes", "SY")
    assert set(found) == {("actor", "Military Forces of Syria"), ("recipient", "Hayat Tahrir al-Sham")}


def test_meeting_with_a_counterpart(nlp):
    text = "The foreign minister met his Turkish counterpart in Baghdad on Monday."
    found = participants(nlp, text, "met", "IQ", event_type="CONSULT")
    assert set(found) == {("actor", "Government of Iraq"), ("recipient", "Government of Turkey")}
    assert found[("recipient", "Government of Turkey")].text == "his Turkish counterpart"


def test_accusation_names_the_accused(nlp):
    found = participants(nlp, "Iraq accused Turkey of violating its sovereignty.", "accused", "IQ", "ACCUSE")
    assert set(found) == {("actor", "Government of Iraq"), ("recipient", "Government of Turkey")}


def test_passive_victims_and_noun_agent(nlp):
    found = participants(nlp, "Five civilians were killed by Russian air strikes on Idlib.", "killed", "SY")
    assert set(found) == {("recipient", "Civilians (Syria)"), ("actor", "Military Forces of Russia")}


def test_noun_trigger_by_and_on(nlp):
    text = "A car bomb attack by al-Shabaab on an AMISOM convoy killed four soldiers."
    found = participants(nlp, text, "attack", "SO")
    assert ("actor", "Al Shabaab") in found
    assert ("recipient", "African Union Transition Mission in Somalia") in found


def test_subject_shared_by_a_participle(nlp):
    text = "Boko Haram militants attacked a military base in Borno, killing 12 soldiers."
    found = participants(nlp, text, "killing", "NG")
    assert set(found) == {("actor", "Boko Haram"), ("recipient", "Military Forces of Nigeria")}


def test_protesters_and_police(nlp):
    found = participants(nlp, "Police fired tear gas at protesters in Lagos.", "fired", "NG")
    assert set(found) == {("actor", "Police Forces of Nigeria"), ("recipient", "Protesters (Nigeria)")}


def test_abduction_by_unknown_assailants(nlp):
    text = "Unknown assailants abducted three students from a school in Kaduna."
    found = participants(nlp, text, "abducted", "NG")
    assert set(found) == {("actor", "Unidentified Armed Group (Nigeria)"), ("recipient", "Civilians (Nigeria)")}


def test_nobody_named(nlp):
    assert participants(nlp, "An explosion rocked the market on Friday.", "explosion", "SY") == {}


def test_a_group_named_before_its_fighters_is_that_group(nlp):
    found = participants(nlp, "The Houthi rebel fighters shelled the village on Sunday.", "shelled", "YE")
    assert ("actor", "Ansar Allah") in found


def test_who_fired_a_weapon_at_whom(nlp):
    found = participants(nlp, "Separatist gunmen fired mortars at a checkpoint manned by soldiers near Avdiivka.",
                         "mortars", "UA")
    assert ("actor", "Unidentified Armed Group (Ukraine)") in found


def test_a_monitor_that_observed_the_fire_is_no_party_to_it(nlp):
    found = participants(nlp, "The OSCE monitors observed bursts of heavy machine-gun fire near Pisky.",
                         "observed", "UA")
    assert not [key for key in found if key[0] == "actor"]


def test_the_dead_are_victims_never_the_actor(nlp):
    found = participants(nlp, "The doctor said 12 villagers had died in the blast.", "died", "SY")
    assert set(found) == {("recipient", "Civilians (Syria)")}
    # whoever says that people died did not kill them, even where the parse loses the subject
    found = participants(nlp, "The doctor said between 12 and 15 villagers had died in the blast.", "died", "SY")
    assert not [key for key in found if key[0] == "actor"]


def test_a_phrase_that_names_its_country_wins_over_the_focus(nlp):
    found = participants(nlp, "Gunmen killed four Syrian refugees near the border.", "killed", "TR")
    assert ("recipient", "Civilians (Syria)") in found


def test_who_reports_a_passive_is_not_who_did_it(nlp):
    found = participants(nlp, "The rebel spokesman said 12 soldiers had been captured and executed.", "executed", "NG")
    assert not [key for key in found if key[0] == "actor"]
    found = participants(nlp, "The army said gunmen killed five villagers and wounded ten.", "wounded", "NG")
    assert ("actor", "Unidentified Armed Group (Nigeria)") in found


def test_a_rebel_spokesman_speaks_for_no_government(nlp):
    text = "A rebel spokesman accused the army of shelling civilians in Idlib."
    found = participants(nlp, text, "accused", "SY", event_type="ACCUSE")
    accuser = next(a for (role, _), a in found.items() if role == "actor")
    assert (accuser.name, accuser.sector, accuser.text) == ("Unidentified Armed Group (Syria)", "UAF", "A rebel spokesman")
    assert ("recipient", "Military Forces of Syria") in found


def test_an_opposition_spokesman_is_not_the_government(nlp):
    text = "An opposition spokesman condemned the arrests in Caracas."
    found = participants(nlp, text, "condemned", "VE", event_type="ACCUSE")
    assert not any(a.sector == "GOV" for a in found.values())
