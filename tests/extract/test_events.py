"""Event detection and typing on sentences written for these tests."""

from __future__ import annotations

import pytest

from sitrep.extract.events import find_event_mentions, prepare_text_for_parsing, primary_event
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def mentions_of(nlp, text: str) -> list[EventMention]:
    return find_event_mentions(nlp(text))


def main_event(nlp, text: str) -> EventMention:
    event = primary_event(mentions_of(nlp, text))
    assert event is not None, f"no event found in {text!r}"
    return event


def acled_of(nlp, text: str) -> tuple[str | None, str | None]:
    event = primary_event(mentions_of(nlp, text), acled_only=True)
    assert event is not None, f"no ACLED event found in {text!r}"
    return event.acled_event_type, event.acled_sub_event_type


# One sentence per ACLED sub-type sitrep codes.
ACLED_CASES = [
    ("Soldiers clashed with Al Shabaab fighters near Afgooye on Monday.", "Battles", "Armed clash"),
    ("The army recaptured the town of Quissanga from Islamist militants after heavy fighting.",
     "Battles", "Government regains territory"),
    ("Taliban militants overran the district centre of Yaftal, killing four soldiers.",
     "Battles", "Non-state actor overtakes territory"),
    ("Militiamen raped three women in Djugu on Tuesday.", "Violence against civilians", "Sexual violence"),
    ("Unidentified gunmen killed a farmer and his wife in their village on Sunday.",
     "Violence against civilians", "Attack"),
    ("Bandits kidnapped twelve passengers on the Kaduna highway.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Government forces dropped chlorine on the town of Saraqib, residents said.",
     "Explosions/Remote violence", "Chemical weapon"),
    ("A drone strike hit a car near Marib, killing two men.", "Explosions/Remote violence", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint in Kabul, killing six people.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("Rebels shelled the outskirts of Aleppo with mortars overnight.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A roadside bomb struck a police truck near Gao, wounding three officers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Militants hurled a grenade at a market in Srinagar, injuring nine shoppers.",
     "Explosions/Remote violence", "Grenade"),
    ("Hundreds of teachers protested peacefully outside parliament to demand unpaid salaries.",
     "Protests", "Peaceful protest"),
    ("Traders demonstrated in Conakry against new taxes. Police fired tear gas to disperse the crowd.",
     "Protests", "Protest with intervention"),
    ("Security forces opened fire on peaceful protesters in Basra, killing five demonstrators.",
     "Protests", "Excessive force against protesters"),
    ("Youths protested in Lekki and pelted the police with stones.", "Riots", "Violent demonstration"),
    ("A mob lynched a suspected thief in Kampala on Friday.", "Riots", "Mob violence"),
    ("The two parties signed a ceasefire agreement in Juba.", "Strategic developments", "Agreement"),
    ("Police arrested the opposition leader at his home in Minsk.", "Strategic developments", "Arrests"),
    ("Twenty soldiers defected and joined the rebel group in Balkh.",
     "Strategic developments", "Change to group/activity"),
    ("Police defused two improvised explosive devices found near the bridge.",
     "Strategic developments", "Disrupted weapons use"),
    ("UN peacekeepers established a new base in the village of Djaiba.",
     "Strategic developments", "Headquarters or base established"),
    ("Armed men looted shops and set fire to houses in Kolofata.",
     "Strategic developments", "Looting/property destruction"),
    ("The militants took control of the village without a fight after the army withdrew.",
     "Strategic developments", "Non-violent transfer of territory"),
]


@pytest.mark.parametrize(("text", "acled_type", "acled_sub"), ACLED_CASES)
def test_each_acled_sub_type_has_its_sentence(nlp, text, acled_type, acled_sub):
    assert acled_of(nlp, text) == (acled_type, acled_sub)


PLOVER_CASES = [
    ("The two governments agreed to reopen their embassies.", "AGREE"),
    ("The foreign ministers of Iran and Turkey met in Ankara to discuss the border.", "CONSULT"),
    ("The African Union praised the government's efforts to end the fighting.", "SUPPORT"),
    ("The junta lifted the nationwide curfew on Sunday.", "CONCEDE"),
    ("France and Egypt shared intelligence on the smugglers' routes.", "COOPERATE"),
    ("The World Food Programme delivered 300 tonnes of food aid to Taiz.", "AID"),
    ("The rebels withdrew from the city after the talks.", "RETREAT"),
    ("The opposition demanded the immediate release of its leader.", "REQUEST"),
    ("The ministry accused Rwanda of backing the M23 rebels.", "ACCUSE"),
    ("The government rejected the proposal for a transitional council.", "REJECT"),
    ("The militia threatened to attack the capital.", "THREATEN"),
    ("Thousands of students demonstrated in Algiers against the election.", "PROTEST"),
    ("The European Union imposed sanctions on five generals.", "SANCTION"),
    ("Turkey deployed troops along the Syrian border.", "MOBILIZE"),
    ("Police detained twelve journalists in Istanbul.", "COERCE"),
    ("Gunmen stormed a church in Owo and killed 40 worshippers.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "event_type"), PLOVER_CASES)
def test_each_plover_type_has_its_sentence(nlp, text, event_type):
    assert main_event(nlp, text).event_type == event_type


def test_two_events_in_one_sentence_keep_their_own_types_and_clauses(nlp):
    text = "Gunmen killed three soldiers and abducted two teachers in Borno state."
    found = {(m.event_type, m.mode, m.acled_sub_event_type): m for m in mentions_of(nlp, text)}
    kill = found[("ASSAULT", "firearms", "Armed clash")]
    abduct = found[("ASSAULT", "abduct", "Abduction/forced disappearance")]
    assert "teachers" in abduct.clause.text and "teachers" not in kill.clause.text
    assert "soldiers" in kill.clause.text and "soldiers" not in abduct.clause.text


def test_casualty_words_fold_into_the_attack_they_report(nlp):
    found = mentions_of(nlp, "A drone strike by NATO forces killed one civilian in Bala Dasht.")
    assert [m.acled_sub_event_type for m in found] == ["Air/drone strike"]
    assert found[0].mode == "aerial"


def test_negated_events_are_dropped(nlp):
    assert mentions_of(nlp, "The army did not shell the town.") == []
    assert mentions_of(nlp, "No one is considering air strikes.") == []


def test_background_is_not_an_event(nlp):
    assert mentions_of(nlp, "The war has killed more than 100,000 people since 2011.") == []


def test_hypothetical_events(nlp):
    event = main_event(nlp, "Air strikes could follow if the talks fail.")
    assert (event.event_type, event.modality) == ("ASSAULT", "hypothetical")
    assert event.score < 0.6


@pytest.mark.parametrize("text", [
    "The army will send troops to the border next week.",
    "Russia is to deliver the weapons after the summit next month.",
    "The two presidents plan to meet in Geneva.",
])
def test_planned_events(nlp, text):
    event = main_event(nlp, text)
    assert (event.modality, event.tense) == ("planned", "future")


def test_tense_of_reported_events(nlp):
    assert main_event(nlp, "Rebels attacked the convoy near Goma.").tense == "past"
    assert main_event(nlp, "Thousands are protesting in Khartoum.").tense == "present"


def test_score_ranks_asserted_attack_above_hypothetical_one(nlp):
    asserted = main_event(nlp, "Rebels attacked the convoy near Goma.")
    hypothetical = main_event(nlp, "Rebels might attack the convoy near Goma.")
    assert 0.0 <= hypothetical.score < asserted.score <= 1.0


def test_article_with_several_paragraphs(nlp):
    text = (
        "KABUL, May 3 - A suicide bomber struck a military convoy in Kabul on Sunday, killing four "
        "soldiers and wounding 11 civilians, officials said.\n\n"
        "The Taliban claimed responsibility for the attack. The Interior Ministry accused Pakistan of "
        "sheltering the bombers, a charge Islamabad denied.\n\n"
        "Separately, hundreds of shopkeepers protested in Herat against new taxes.\n\n"
        "The violence has killed more than 3,000 civilians since January 2019, the UN says."
    )
    found = mentions_of(nlp, text)
    kinds = {(m.event_type, m.acled_sub_event_type) for m in found}
    assert ("ASSAULT", "Suicide bomb") in kinds
    assert ("ACCUSE", None) in kinds
    assert ("REJECT", None) in kinds
    assert ("PROTEST", "Peaceful protest") in kinds
    assert not any("2019" in m.sentence.text for m in found)
    assert primary_event(found).acled_sub_event_type == "Suicide bomb"
    for mention in found:
        assert mention.sentence.start <= mention.clause_start < mention.clause_end <= mention.sentence.end
        assert mention.cues


def test_upper_case_text_keeps_offsets(nlp):
    text = "SAN SALVADOR, 3 JAN 90 -- TERRORISTS KIDNAPPED 50 PEASANTS IN SAN MIGUEL.  THE ARMY SAID."
    prepared = prepare_text_for_parsing(text)
    assert len(prepared) == len(text) and prepared.lower() == text.lower()
    event = main_event(nlp, prepared)
    assert event.mode == "abduct"
    assert prepare_text_for_parsing("Normal text stays as it is.") == "Normal text stays as it is."


# Commentary and general references rank below a plainly reported attack (MUC-4 false alarms).
def test_question_about_violence_ranks_below_a_report(nlp):
    report = main_event(nlp, "Gunmen kidnapped a judge in Medellin on Monday.")
    question = main_event(nlp, "What do you think about the kidnappings?")
    assert question.score < report.score
    assert "commentary:question" in question.cues


def test_bare_plural_is_a_general_reference(nlp):
    found = mentions_of(nlp, "The government has intensified indiscriminate bombings against the population.")
    assert all("generic" in m.cues for m in found if m.event_type == "ASSAULT")


def test_seized_weapons_are_not_an_attack(nlp):
    found = mentions_of(nlp, "Troops seized two rifles, six grenades and a mortar in the hideout.")
    assert not any(m.acled_sub_event_type in ("Grenade", "Shelling/artillery/missile attack") for m in found)


def test_death_squads_are_a_group_not_a_killing(nlp):
    found = mentions_of(nlp, "The communique was signed by the death squads.")
    assert all(m.score < 0.5 for m in found if m.event_type == "ASSAULT")


def test_landmine_explosion_stays_an_ied(nlp):
    assert acled_of(nlp, "A farmer died in a landmine explosion near Kyauktaw on Monday.") == (
        "Explosions/Remote violence", "Remote explosive/landmine/IED")


# PLOVER typing by general rules: refusals, vows of violence, curfews, cyber attacks.
def test_refused_cooperation_stays_a_rejection(nlp):
    assert main_event(nlp, "The minister said the country will not accept any more refugees.").event_type == "REJECT"


def test_vow_to_fight_is_a_threat(nlp):
    assert main_event(nlp, "The rebels have sworn to fight until the last soldier leaves.").event_type == "THREATEN"


def test_imposing_a_curfew_is_coercion(nlp):
    found = mentions_of(nlp, "The authorities imposed a curfew in the town on Tuesday.")
    assert any(m.trigger.root.lemma_ == "impose" and m.event_type == "COERCE" for m in found)


def test_cyber_attack_is_coercion_not_assault(nlp):
    found = mentions_of(nlp, "Hackers defaced the ministry's website in a cyber attack on Monday.")
    assert found and not any(m.event_type == "ASSAULT" for m in found)


def test_members_of_an_armed_group_are_not_a_mob(nlp):
    found = mentions_of(nlp, "Shining Path members clashed with the army near Ayacucho on Monday.")
    assert not any(m.acled_sub_event_type == "Mob violence" for m in found)


# Words that look like an event but name none.
def test_people_gathering_to_help_are_not_protesting(nlp):
    for text in ("Residents and volunteers gathered at the hospital to help the wounded.",
                 "Hours later, as residents gathered in the square, a second device went off."):
        assert not any(m.event_type == "PROTEST" for m in mentions_of(nlp, text)), text


def test_people_gathering_to_protest_still_protest(nlp):
    found = mentions_of(nlp, "Dozens of farmers gathered outside the district office to protest against land seizures.")
    assert any(m.event_type == "PROTEST" for m in found)


def test_a_strike_on_a_place_is_an_attack_not_a_walkout(nlp):
    found = mentions_of(nlp, "Local officials blamed the coalition for the strike on the bus station, "
                             "which killed nine travellers.")
    assert not any(m.event_type == "PROTEST" for m in found)
    assert any(m.trigger.root.lemma_ == "strike" and m.event_type == "ASSAULT" for m in found)


def test_a_workers_strike_stays_a_protest(nlp):
    found = mentions_of(nlp, "Dock workers began a three-day strike over unpaid wages on Monday.")
    assert any(m.event_type == "PROTEST" and m.mode == "strike" for m in found)


def test_speaking_by_telephone_is_no_phone_call(nlp):
    found = mentions_of(nlp, "\"We will not leave,\" a fisherman told the radio station by telephone.")
    assert not any(m.event_type == "CONSULT" for m in found)


def test_attackers_arriving_do_not_consult(nlp):
    found = mentions_of(nlp, "The raiders arrived on horseback shortly before dawn, a herder said.")
    assert not any(m.event_type == "CONSULT" for m in found)


def test_a_minister_arriving_for_talks_consults(nlp):
    found = mentions_of(nlp, "The Kenyan foreign minister arrived in Addis Ababa on Thursday.")
    assert any(m.event_type == "CONSULT" for m in found)


def test_civilians_fleeing_are_no_change_to_an_armed_group(nlp):
    found = mentions_of(nlp, "Some 400 families fled to the county town after the raid, and the displaced "
                             "villagers sleep in two schools.")
    assert not any(m.acled_sub_event_type == "Change to group/activity" for m in found)


def test_a_truce_that_is_only_discussed_is_no_agreement(nlp):
    found = mentions_of(nlp, "The two envoys met in Doha to discuss a new truce.")
    assert any(m.event_type == "CONSULT" for m in found)
    assert not any(m.event_type == "AGREE" for m in found)


def test_an_aid_group_reporting_is_no_aid(nlp):
    found = mentions_of(nlp, "Most shops were still shut on Friday, according to a local aid group.")
    assert not any(m.event_type == "AID" for m in found)


def test_a_call_to_reinforce_is_no_threat(nlp):
    found = mentions_of(nlp, "The mayor said he had called on the army to reinforce its checkpoints around the market.")
    assert not any(m.event_type == "THREATEN" for m in found)


@pytest.mark.parametrize("text", [
    "The governor called on the federal government to deploy more troops to the border villages.",
    "Residents urged the army to send reinforcements to the market town.",
])
def test_the_act_requested_is_no_event_but_the_request_is(nlp, text):
    found = mentions_of(nlp, text)
    assert [m.event_type for m in found] == ["REQUEST"]


def test_preparing_to_attack_is_mobilizing(nlp):
    event = main_event(nlp, "The rebels prepared to resume shelling the government-held district.")
    assert event.event_type == "MOBILIZE"


def test_an_attempted_hack_is_coercion_not_a_threat(nlp):
    found = mentions_of(nlp, "Hackers tried to hack into the computers of the election commission, officials said.")
    assert not any(m.event_type == "THREATEN" for m in found)


# Clashes between unarmed groups are mob violence; clashes with the police do not make the doers armed.
def test_a_clash_between_two_village_groups_is_mob_violence(nlp):
    assert acled_of(nlp, "On Friday, a clash broke out between two groups of herders in Kafin Dabo over grazing "
                         "land, leaving three men injured.") == ("Riots", "Mob violence")


def test_party_youths_clashing_are_a_mob(nlp):
    assert acled_of(nlp, "Young members of the ruling party clashed with supporters of the opposition party "
                         "in Lubumbashi on Sunday.") == ("Riots", "Mob violence")


def test_rebels_clashing_with_troops_stay_an_armed_clash(nlp):
    assert acled_of(nlp, "A group of rebels clashed with troops near Beni on Sunday.") == ("Battles", "Armed clash")


# PLOVER typing of statements and measures.
@pytest.mark.parametrize(("text", "event_type"), [
    ("The government lifted the state of emergency in the northern province on Sunday.", "CONCEDE"),
    ("The teachers' union called off its week-long strike after talks with the ministry.", "CONCEDE"),
    ("The donor countries halted development aid to the junta on Tuesday.", "SANCTION"),
    ("The two countries established diplomatic relations on Monday.", "SUPPORT"),
    ("The interior ministry outlawed the student movement on Friday.", "COERCE"),
    ("The border guards issued an ultimatum to the smugglers to leave the island.", "THREATEN"),
])
def test_measures_and_statements_get_their_plover_type(nlp, text, event_type):
    assert main_event(nlp, text).event_type == event_type


def test_a_reported_past_act_is_not_planned(nlp):
    found = mentions_of(nlp, "The army reimposed the blockade on the camp on Friday, a military spokesman announced.")
    assert any(m.event_type == "COERCE" and m.modality == "asserted" for m in found)


def test_a_curfew_imposed_after_a_protest_is_the_main_event(nlp):
    event = main_event(nlp, "The authorities imposed a curfew in the town after a demonstration against the "
                            "election results.")
    assert event.event_type == "COERCE"


def test_an_event_in_response_to_another_is_its_context(nlp):
    found = mentions_of(nlp, "The governor extended the curfew in response to the riots in the market.")
    riot = next(m for m in found if m.event_type == "PROTEST")
    assert "context:response" in riot.cues


def test_fighting_a_disease_is_no_clash(nlp):
    found = mentions_of(nlp, "The health ministry hired 300 nurses to combat the spread of cholera in the camps.")
    assert not any(m.event_type == "ASSAULT" for m in found)


def test_fighting_rebels_is_still_a_clash(nlp):
    assert acled_of(nlp, "Troops fought the rebels near Kidal on Monday.") == ("Battles", "Armed clash")


def test_released_prisoners_are_a_strategic_development(nlp):
    assert acled_of(nlp, "The government released 40 prisoners from the central jail on Tuesday.") == (
        "Strategic developments", "Other")


def test_a_gang_handing_out_food_changes_its_activity(nlp):
    assert acled_of(nlp, "Members of a local gang distributed food parcels to families in the district.") == (
        "Strategic developments", "Change to group/activity")


# Protests that turn violent.
@pytest.mark.parametrize("text", [
    "On Monday, a number of traders protesting against the new tax smashed the windows of the town hall.",
    "Shopkeepers marched to the governor's office against the levy. Police clashed with the marchers.",
    "About 40 youths demonstrated with stones and sticks in the market on Friday to demand jobs.",
    "Inmates set fire to mattresses in the prison on Sunday to demand family visits.",
])
def test_protests_that_turn_violent(nlp, text):
    assert acled_of(nlp, text) == ("Riots", "Violent demonstration")


def test_weapons_found_in_a_shipment_are_no_bombing(nlp):
    found = mentions_of(nlp, "Customs officers seized a shipment of 200 grenades and a large quantity of "
                             "bombs at the port.")
    assert not any(m.event_type == "ASSAULT" for m in found)


def test_a_wave_of_violence_is_background(nlp):
    found = mentions_of(nlp, "The wave of violence in the capital has grown with the explosion of six bombs.")
    assert not any(m.event_type == "ASSAULT" for m in found)


def test_people_who_fled_after_an_attack_are_not_its_mob(nlp):
    found = mentions_of(nlp, "He said at least 900 residents had fled to the camps in Bama since the attack.")
    assert not any(m.acled_sub_event_type == "Mob violence" for m in found)


def test_people_who_died_are_victims_not_a_mob(nlp):
    found = mentions_of(nlp, "A nurse said that 12 people had died in the hospital overnight.")
    assert not any(m.acled_sub_event_type == "Mob violence" for m in found)


def test_troops_on_routine_patrol_are_no_change_to_a_group(nlp):
    found = mentions_of(nlp, "The ministry spoke with Chad, whose troops patrol the lake shore.")
    assert not any(m.acled_sub_event_type == "Change to group/activity" for m in found)


def test_militias_backed_by_a_state_are_no_act_of_support(nlp):
    found = mentions_of(nlp, "The minister said militias backed by Kigali had carried out the raid.")
    assert not any(m.event_type == "SUPPORT" for m in found)


def test_a_section_heading_is_no_event(nlp):
    doc = nlp("Relief and inquiry\n\nThe council will rebuild the bridge next year.")
    assert not any(m.event_type in ("AID", "ACCUSE") for m in find_event_mentions(doc))


@pytest.mark.parametrize(("text", "event_type"), [
    ("The regional government has ordered patrols by police on the ring road.", "MOBILIZE"),
    ("The junta ordered the radio station to suspend its broadcasts.", "COERCE"),
    ("The president declared a state of siege in the capital on Monday.", "COERCE"),
    ("The rebels said they are willing to withdraw their fighters from the town.", "AGREE"),
    ("The rebels said they will withdraw from the town unless the army stops shelling it.", "THREATEN"),
])
def test_orders_sieges_and_announced_withdrawals(nlp, text, event_type):
    assert main_event(nlp, text).event_type == event_type


def test_an_earlier_act_told_in_a_relative_clause_is_context(nlp):
    found = mentions_of(nlp, "The rebels said they will free the mayor, whom they had kidnapped in May.")
    kidnapping = next(m for m in found if m.event_type == "ASSAULT")
    assert "context:relative-past" in kidnapping.cues


def test_an_event_in_a_time_clause_is_context(nlp):
    found = mentions_of(nlp, "Italy suspended flights to the country a day after militants shot down a plane.")
    assert any("context:after" in m.cues for m in found if m.trigger.root.lemma_ == "shoot")


def test_an_attack_that_only_hits_property_is_property_destruction(nlp):
    assert acled_of(nlp, "Suspected militants attacked and burned a clinic in Dolo overnight.") == (
        "Strategic developments", "Looting/property destruction")


def test_an_attack_on_a_vehicle_that_kills_stays_an_attack(nlp):
    event_type, _ = acled_of(nlp, "Gunmen attacked a bus near Dolo, killing four passengers.")
    assert event_type == "Violence against civilians"


def test_an_ambush_on_an_army_vehicle_is_a_battle(nlp):
    assert acled_of(nlp, "Militants ambushed the army's vehicle near Jowhar on Friday.") == ("Battles", "Armed clash")


# -- violence told as background, commentary or description (MUC-4 false alarms) --------------


def violent(mentions: list[EventMention]) -> list[EventMention]:
    return [m for m in mentions if m.event_type == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "More than 300 party members have been murdered since the party was founded.",
    "At least 80 rebels have been killed by the police this year.",
])
def test_a_running_total_in_the_present_perfect_is_background(nlp, text):
    assert not violent(mentions_of(nlp, text))


def test_a_present_perfect_with_a_dated_act_still_reports_it(nlp):
    assert violent(mentions_of(nlp, "About 40 farmers have been kidnapped by rebels in the north on Monday."))


@pytest.mark.parametrize(("text", "cue"), [
    ("The senator praised Ortiz, who was murdered by the secret police.", "context:relative-who"),
    ("The mothers of murdered students marched through the capital.", "context:participle"),
    ("The minister condemned the recent attacks throughout the country.", "generic"),
    ("The rebels continued their attacks against the cooperatives.", "generic"),
    ("The town has lived through a wave of kidnappings.", "generic"),
    ("Civilians have been murdered by the army.", "generic"),
    ("Every night in the capital, bombs explode near the markets.", "habitual"),
    ("They are murdered or harassed by the police.", "habitual"),
    ("Smuggling constitutes an attack against our homeland.", "characterization"),
])
def test_violence_in_general_or_as_description_ranks_low(nlp, text, cue):
    found = violent(mentions_of(nlp, text))
    assert found and all(cue in m.cues for m in found)


def test_a_relative_clause_with_its_own_date_is_news(nlp):
    found = violent(mentions_of(nlp, "The senator praised Ortiz, who was murdered last Friday."))
    assert found and not any("context:relative-who" in m.cues for m in found)


def test_an_attack_named_by_a_pronoun_is_no_characterization(nlp):
    found = [m for m in mentions_of(nlp, "This was the rebels' fifth attack against the pipeline.")
             if m.trigger.root.lemma_ == "attack"]
    assert found and not any("characterization" in m.cues for m in found)


@pytest.mark.parametrize(("text", "modality"), [
    ("The rebels were preparing an attack on the capital.", "planned"),
    ("Officers said orders were given to shoot anyone entering the campus.", "hypothetical"),
])
def test_prepared_and_ordered_violence_is_not_asserted(nlp, text, modality):
    assert all(m.modality == modality for m in violent(mentions_of(nlp, text)))


def test_a_denied_attack_is_no_event(nlp):
    assert not violent(mentions_of(nlp, "The rebels denied that they had attacked the town."))


def test_weapons_deep_in_a_seized_list_are_held(nlp):
    text = ("Our troops seized a rifle from the enemy, 2,000 cartridges for a machinegun, four knapsacks, "
            "eight grenades, and other equipment.")
    assert not violent(mentions_of(nlp, text))


def test_talks_that_wound_up_hurt_no_one(nlp):
    assert not violent(mentions_of(nlp, "Talks on the peace plan wound up on Tuesday with an agreement."))


def test_an_attacker_named_alone_is_who_not_what(nlp):
    found = violent(mentions_of(nlp, "Police said the attackers were members of a rebel front."))
    assert all("doer-only" in m.cues for m in found)


@pytest.mark.parametrize("text", [
    "Suspected rebels shot infantry colonel Jose Garcia, deputy commander of the military zone.",
    "Officers of the brigade reported four soldiers killed, several wounded, and at least 10 rebel casualties.",
])
def test_violence_against_officers_and_soldiers_is_a_battle(nlp, text):
    found = violent(mentions_of(nlp, text))
    assert found and all(m.acled_sub_event_type == "Armed clash" for m in found)


def test_an_aircraft_shot_at_is_no_air_strike(nlp):
    found = violent(mentions_of(nlp, "Rebel units ambushed an air force helicopter near the town on Tuesday."))
    assert found and all(m.acled_sub_event_type == "Armed clash" for m in found)


def test_violence_that_has_killed_thousands_is_background(nlp):
    text = "He spoke of a conflict that has lasted 12 years and killed more than 40,000 people."
    assert not violent(mentions_of(nlp, text))


def test_killing_as_the_means_of_a_campaign_is_generic(nlp):
    found = violent(mentions_of(nlp, "The militias have lately stepped up their raids in the south by "
                                     "killing farmers."))
    assert found and all("generic" in m.cues for m in found if m.trigger.root.lemma_ == "kill")


def test_a_tally_of_several_attacks_up_to_now_is_background(nlp):
    assert not [m for m in mentions_of(nlp, "Kidal has been struck by several rocket attacks since last spring.")
                if m.acled_event_type]
    assert not [m for m in mentions_of(nlp, "Many raids have hit the villages around Tillaberi since 2021.")
                if m.acled_event_type]
    assert [m for m in mentions_of(nlp, "A rocket attack struck Kidal on Monday.") if m.acled_event_type]


def test_asking_whether_something_will_happen_requests_nothing(nlp):
    text = "Asked whether the navy would respond, a senior Greek official said nobody was planning raids yet."
    assert not [m for m in mentions_of(nlp, text) if m.event_type == "REQUEST"]
    assert [m for m in mentions_of(nlp, "The mayor asked the army to protect the market.")
            if m.event_type == "REQUEST"]
