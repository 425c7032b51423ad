"""The whole extractor on articles: records in the contract's shape, one record per event."""

from pathlib import Path

import pytest

from sitrep.contract import validation_errors
from sitrep.extract.pipeline import extract_article, extract_articles, text_for_parsing
from sitrep.ingest import read_inputs
from sitrep.types import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

BRIEF = Article(
    id="brief",
    published="2024-03-13",  # a Wednesday
    text=("Two car bombs killed at least 14 people and wounded dozens more in the market of Manbij "
          "on Monday, the provincial governor said, blaming Islamic State, which later denied any role. "
          "On Tuesday the Syrian foreign minister flew to Ankara for talks with his Turkish counterpart "
          "on the attacks."),
)

MERGE = Article(
    id="merge",
    published="2023-10-16",
    text=("At least 18 people were killed in an attack on an army checkpoint near Tal Afar on Sunday, "
          "security officials said.\n\n"
          "The assault, in which some 300 fighters took part, began shortly after midnight."),
)


@pytest.fixture(scope="module")
def brief_records():
    return [r.to_dict() for r in extract_article(BRIEF)]


def test_every_record_keeps_the_contract(brief_records):
    assert brief_records
    for record in brief_records:
        assert validation_errors(record) == []


def test_the_bombing_has_its_toll_date_and_sources(brief_records):
    bombing = next(r for r in brief_records if r["event_type"] == "ASSAULT")
    assert bombing["fatalities"] == 14
    assert bombing["injured"] == 12  # "dozens" by ACLED's convention
    assert bombing["date"]["start"] == "2024-03-11" and bombing["date"]["precision"] == "day"
    assert bombing["location"]["name"] == "Manbij"
    kinds = {a["kind"] for a in bombing["attribution"]}
    assert "denied" in kinds and ("accused" in kinds or "reported" in kinds)
    assert bombing["certainty"] in ("disputed", "alleged")


def test_the_talks_are_an_event_of_their_own_day(brief_records):
    talks = [r for r in brief_records if r["event_type"] == "CONSULT"]
    assert talks, [r["event_type"] for r in brief_records]
    assert talks[0]["date"]["start"] == "2024-03-12"
    assert talks[0]["acled_event_type"] is None


def test_evidence_offsets_point_into_the_cleaned_text(brief_records):
    for record in brief_records:
        for evidence in record["evidence"]:
            assert BRIEF.text[evidence["start"]:evidence["end"]] == evidence["text"]


def test_a_later_reference_merges_into_one_record():
    records = [r for r in extract_article(MERGE) if r.event_type == "ASSAULT"]
    assert len(records) == 1
    (record,) = records
    assert len(record.evidence) == 2
    assert record.toll.fatalities == 18  # the 300 fighters are attackers, not casualties


def test_event_ids_are_stable():
    first = [r.event_id for r in extract_article(MERGE)]
    assert first == [r.event_id for r in extract_article(MERGE)]
    assert len(set(first)) == len(first)


def test_confidence_puts_real_events_before_hypothetical_ones():
    article = Article(id="h", published="2024-05-02", text=(
        "Gunmen killed five villagers in Konduga on Wednesday, residents said. "
        "The governor warned that air strikes could follow if the attacks continued."))
    records = extract_article(article)
    real = [r for r in records if r.certainty == "asserted" and r.event_type == "ASSAULT"]
    hypothetical = [r for r in records if r.certainty == "hypothetical"]
    assert real and hypothetical
    assert max(r.confidence for r in hypothetical) < min(r.confidence for r in real)


def test_all_caps_wire_copy_is_parsed_in_sentence_case():
    text = "SAN SALVADOR, 3 JAN 90 -- TERRORISTS KILLED TWO\nSOLDIERS. I SAW IT.\n\nTHE ARMY DENIED IT."
    prepared = text_for_parsing(text)
    assert len(prepared) == len(text)
    assert prepared.startswith("San salvador, 3 jan 90 -- terrorists killed two soldiers. I saw it.")
    assert prepared.endswith("\n\nThe army denied it.")


def test_every_bundled_sample_gives_valid_events():
    articles = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    assert len(articles) >= 6
    for article, records in extract_articles(articles):
        assert records, f"no events in sample {article.id}"
        for record in records:
            assert validation_errors(record.to_dict()) == [], article.id


def test_acled_names_for_crowds_and_unknown_attackers():
    article = Article(id="acled", published="2020-05-03", text=(
        "On 1 May 2020, journalists held a protest outside the press club in Faisalabad, Pakistan, "
        "against unpaid salaries.\n\n"
        "On 2 May 2020, two men were shot dead in Faisalabad, Pakistan."))
    records = extract_article(article)
    protest = next(r for r in records if r.event_type == "PROTEST")
    assert protest.actors[0].name == "Protesters (Pakistan)"
    shooting = next(r for r in records if r.event_type == "ASSAULT")
    perpetrator = next(a for a in shooting.actors if a.role == "actor")
    assert perpetrator.name == "Unidentified Armed Group (Pakistan)" and perpetrator.named is False


def test_a_sentence_that_goes_on_telling_the_event_joins_it():
    article = Article(id="cont", published="2023-10-16", text=(
        "A pair of suicide bombers attacked an Iraqi army checkpoint outside Mosul on Sunday, killing two "
        "soldiers and wounding five others, the army said.\n\n"
        "Soldiers opened fire as the two men ran towards the checkpoint, and both attackers blew themselves "
        "up before they reached it."))
    assaults = [r for r in extract_article(article) if r.event_type == "ASSAULT"]
    assert len(assaults) == 1
    (bombing,) = assaults
    assert len(bombing.evidence) == 2
    assert next(a for a in bombing.actors if a.role == "actor").named is False  # the bombers, not the soldiers


def test_a_claimed_toll_is_told_on_the_claimed_event_not_a_new_one():
    article = Article(id="claim", published="2023-10-16", text=(
        "A car bomb exploded at a police post in Baqubah on Sunday, killing three officers, police said.\n\n"
        "The Islamic State group claimed responsibility for the attack on Monday, saying its men had killed "
        "\"dozens of policemen\"."))
    assaults = [r for r in extract_article(article) if r.event_type == "ASSAULT"]
    assert len(assaults) == 1
    (bombing,) = assaults
    assert bombing.toll.fatalities == 3
    assert any(a.kind == "claimed" for a in bombing.attribution)


def _assaults(text: str, published: str = "2024-03-13") -> list:
    records = extract_article(Article(id="case", published=published, text=text))
    return [r for r in records if r.event_type == "ASSAULT"]


def test_a_definite_reference_in_the_same_sentence_is_the_same_event():
    (bombing,) = _assaults(
        "The number of people killed in Sunday's truck bombing in the bazaar of Afrin rose to 23 on Monday, "
        "officials said, as the two governments blamed different groups for the attack.")
    assert bombing.date.start == "2024-03-10"  # the bombing's Sunday, not the Monday of the new count


def test_a_later_count_of_the_dead_joins_the_event_even_where_it_names_the_town():
    (bombing,) = _assaults(
        "A truck bomb killed at least 20 people in the bazaar of Afrin on Sunday, police said.\n\n"
        "A doctor at the Afrin military hospital said 22 people had died and more than 40 were wounded.")
    assert len(bombing.evidence) == 2
    assert [a.name for a in bombing.actors if a.role == "actor"] == ["Unidentified Armed Group (Syria)"]


def test_an_event_described_again_in_its_sentence_is_one_event():
    (shooting,) = _assaults(
        "Police said two guards had died in a shooting at the depot in Afrin on Friday, which they "
        "described as a targeted attack.")
    assert not [a for a in shooting.attribution if a.kind == "claimed"]


def test_the_toll_that_could_rise_is_the_toll_of_the_event_told_before():
    assaults = _assaults(
        "Two car bombs killed 14 people in the market of Afrin on Monday, the council said.\n\n"
        "The first car exploded near the entrance of the market, and the second went off minutes later.\n\n"
        "Doctors said nine of the wounded were in critical condition and that the death toll could rise.")
    assert len(assaults) == 1 and len(assaults[0].evidence) == 3


def test_talks_elsewhere_on_the_bombings_report_no_new_bombing():
    records = extract_article(Article(id="talks", published="2024-03-13", text=(
        "Twin car bombs killed 12 people in Afrin on Monday, police said.\n\n"
        "On Tuesday the Turkish foreign minister flew to Moscow for talks with his Russian counterpart on "
        "the bombings.")))
    assert len([r for r in records if r.event_type == "ASSAULT"]) == 1
    assert any(r.event_type == "CONSULT" and r.location.name == "Moscow" for r in records)


def test_one_attack_is_not_one_of_several_bombings_told_in_passing():
    assaults = _assaults(
        "A car bomb killed 14 people in Afrin on Monday, police said.\n\n"
        "Afrin has been hit by several bombings since last year. The foreign ministry condemned the attack.")
    monday = next(r for r in assaults if r.date.start == "2024-03-11")
    assert any("condemned the attack" in e.text for e in monday.evidence)


def test_a_denial_of_involvement_does_not_deny_the_event():
    (bombing,) = _assaults(
        "A car bomb killed nine people in Afrin on Monday, police said.\n\n"
        "Islamic State and the YPG have both denied involvement.")
    assert bombing.certainty == "asserted"


def test_an_accusation_told_beside_the_toll_has_no_toll_of_its_own():
    records = extract_article(Article(id="acc", published="2024-03-13", text=(
        "Two car bombs killed 14 people in Afrin on Monday, the council said, blaming Islamic State.")))
    assert [r.toll.fatalities for r in records if r.event_type == "ASSAULT"] == [14]
    assert all(r.toll.fatalities is None for r in records if r.event_type == "ACCUSE")


def test_a_rejected_accusation_is_the_accusation_told_before():
    records = extract_article(Article(id="row", published="2024-03-13", text=(
        "Syria's foreign ministry accused Turkey of protecting the killers on Tuesday.\n\n"
        "Turkey's defence ministry rejected the accusation.")))
    assert len([r for r in records if r.event_type == "ACCUSE"]) == 1
    assert len([r for r in records if r.event_type == "REJECT"]) == 1


def test_unnamed_victims_take_the_country_where_the_event_happened():
    (bombing,) = _assaults(
        "A team of Turkish investigators arrived in Manbij on Wednesday to examine the wreckage of the two "
        "cars that exploded in the town's market on Monday, killing 16 people. Turkey's foreign minister "
        "flew to Ankara.")
    assert [a.name for a in bombing.actors if a.role == "recipient"] == ["Civilians (Syria)"]


def test_the_gunmen_named_again_are_the_attackers_of_the_event_before():
    assaults = _assaults(
        "Gunmen killed five farmers in an attack on a village near Gwoza on Saturday, residents said.\n\n"
        "The gunmen arrived on motorcycles at about 5 p.m., firing into the air.")
    assert len(assaults) == 1


def test_people_who_fled_elsewhere_since_the_attack_report_no_new_attack():
    assaults = _assaults(
        "Gunmen killed five farmers in an attack on a village near Gwoza on Saturday, residents said.\n\n"
        "At least 1,200 people have fled to camps in Maiduguri since the attack, an official said.")
    assert len(assaults) == 1 and assaults[0].location.name == "Gwoza"


def test_the_dead_of_the_fighting_are_not_the_dead_of_a_murder_told_before():
    records = extract_article(Article(id="feud", published="2020-05-02", text=(
        "On 30 April 2020, communal violence broke out in the village of Kanam in the wake of the murder of "
        "a herder the day before. Six people killed and ten wounded in the fighting.")))
    murder = next(r for r in records if any("murder" in e.text for e in r.evidence)
                  and not any("fighting" in e.text for e in r.evidence))
    assert murder.toll.fatalities is None


def test_a_place_read_from_the_first_word_of_a_longer_name_is_a_weak_reading():
    from sitrep.extract.pipeline import _better_location, _is_name_fragment
    from sitrep.nlp import load_pipeline
    from sitrep.types import Location

    doc = load_pipeline()("In Guadalupe, Nuevo Leon, gunmen shot a man in Colonia Villa Azul on Monday.")
    sentence = next(doc.sents)
    fragment = Location("La Colonia", "MX", 20.0, -100.0, "place", text="Colonia")
    town = Location("Guadalupe", "MX", 25.68, -100.26, "place", text="Guadalupe")
    assert _is_name_fragment(fragment, sentence) and not _is_name_fragment(town, sentence)
    assert _better_location(fragment, town, weak_a=True) is town
    assert _better_location(town, fragment) is town


def _records(text: str, published: str = "2024-06-10") -> list:
    return extract_article(Article(id="case", published=published, text=text))


def _performers_of(record) -> list[str]:
    return [a.name for a in record.actors if a.role == "actor"]


def test_an_accuser_named_only_by_office_is_an_official_of_the_country():
    records = _records("Rockets hit the port of Hodeidah in Yemen on Friday, killing three dockers, the head of "
                       "the city's port council said, blaming Houthi rebels.")
    (accusation,) = [r for r in records if r.event_type == "ACCUSE"]
    assert _performers_of(accusation) == ["Government of Yemen"]


def test_an_accusation_coordinated_with_a_report_is_the_speakers():
    records = _records("Kenya's interior ministry said in a statement that \"gunmen backed by Mogadishu\" had "
                       "carried out the raid, and accused Somalia of \"sheltering the killers\".")
    (accusation,) = [r for r in records if r.event_type == "ACCUSE"]
    assert _performers_of(accusation) == ["Government of Kenya"]
    assert [a.name for a in accusation.actors if a.role == "recipient"] == ["Government of Somalia"]


def test_it_that_accuses_is_the_group_named_in_the_sentence_before():
    records = _records("A bomb killed four people at a bus station in Mogadishu on Sunday.\n\n"
                       "Al-Shabaab denied any role in the blast. In a message posted online, it accused "
                       "foreign spies of planting the bomb.")
    accusations = [r for r in records if r.event_type == "ACCUSE"]
    assert accusations and all(_performers_of(r) == ["Al Shabaab"] for r in accusations)


def test_its_accusation_is_the_accusation_of_who_presses_it():
    records = _records("On Monday the Sudanese foreign ministry summoned the ambassadors of three Gulf states "
                       "to press its accusation that militias backed by Chad were to blame.")
    (accusation,) = [r for r in records if r.event_type == "ACCUSE"]
    assert _performers_of(accusation) == ["Government of Sudan"]


def test_who_a_relative_clause_says_was_blamed_is_the_recipient():
    records = _records("A grenade killed two guards at a depot in Beledweyne, Somalia, on Friday.\n\n"
                       "Al-Shabaab, which the district council blamed on Friday, has also denied any part in it.")
    (accusation,) = [r for r in records if r.event_type == "ACCUSE"]
    assert [a.name for a in accusation.actors if a.role == "recipient"] == ["Al Shabaab"]
    assert _performers_of(accusation) == ["Government of Somalia"]


def test_an_amount_of_money_is_no_party():
    records = _records("A Qatari charity has pledged $2.5 million to rebuild the school in Idlib, Syria.")
    assert records and not [a for r in records for a in r.actors if "2.5" in (a.text or "")]


def test_a_denied_accusation_is_still_a_certain_accusation():
    records = _records("Chad's government accused Sudan of arming the rebels on Monday.\n\n"
                       "Sudan's foreign ministry rejected the accusation and said Libya was responsible.")
    statements = [r for r in records if r.event_type in ("ACCUSE", "REJECT")]
    assert statements and all(r.certainty == "asserted" for r in statements)


def test_a_claim_goes_to_the_attack_not_to_the_army_operation_told_between():
    records = _records(
        "Gunmen killed nine villagers in an attack on Bama in Nigeria on Saturday, police said.\n\n"
        "The army said soldiers had killed 20 insurgents in an operation near the Sambisa forest last week.\n\n"
        "Ansaru said in a video that it had carried out the raid.")
    operation = next(r for r in records if "Military Forces of Nigeria" in _performers_of(r))
    attack = next(r for r in records if r.toll.fatalities == 9)
    assert not [a for a in operation.attribution if a.kind == "claimed"]
    assert [a for a in attack.attribution if a.kind == "claimed"]


def test_the_day_the_dead_were_found_is_not_another_attack():
    assaults = _assaults(
        "Gunmen killed five herders in an attack near Mokwa in Nigeria on Friday, police said.\n\n"
        "The herders' bodies were found in their fields near the village yesterday, the chairman of the Mokwa "
        "local council, Musa Bello, told reporters.",
        published="2024-06-10")
    assert len(assaults) == 1 and assaults[0].date.start == "2024-06-07"


def test_talks_on_an_attack_with_a_neighbour_are_the_reporters_talks_with_it():
    records = _records("Chad's foreign ministry said on Tuesday that it had discussed the raid with the "
                       "government of neighbouring Niger, whose soldiers guard the border.")
    (talks,) = [r for r in records if r.event_type == "CONSULT"]
    assert _performers_of(talks) == ["Government of Chad"]
    assert [a.name for a in talks.actors if a.role == "recipient"] == ["Government of Niger"]


def test_troops_that_were_deployed_are_the_side_that_mobilizes():
    records = _records("A police spokesman in Mali said troops had been deployed to the village of Ogossagou.")
    (deployment,) = [r for r in records if r.event_type == "MOBILIZE"]
    assert _performers_of(deployment) == ["Military Forces of Mali"]


def test_the_strike_named_later_is_the_air_strike_told_before_whatever_type_it_got_alone():
    from dataclasses import replace

    from sitrep.extract.events import find_event_mentions
    from sitrep.extract.pipeline import _anaphor_fits
    from sitrep.nlp import load_pipeline

    doc = load_pipeline()("Unidentified warplanes struck a crowded market in Nabatieh yesterday, killing dozens.\n\n"
                          "Hezbollah's spokesman blamed the Israeli air force for the strike on the market.")
    mentions = find_event_mentions(doc)
    raid = mentions[0]
    strike = next(m for m in mentions if m.trigger.root.lower_ == "strike")
    # told with "civilians killed" beside it, "the strike" may be typed an attack on civilians
    as_attack = replace(strike, acled_event_type="Violence against civilians", acled_sub_event_type="Attack")
    assert raid.acled_sub_event_type == "Air/drone strike" and _anaphor_fits(as_attack, raid)


def test_a_party_claims_nothing_it_blames_on_another():
    records = _records(
        "Unidentified warplanes struck a crowded market in Lebanon's southern Nabatieh province yesterday, killing "
        "dozens of people, the health ministry said.\n\n"
        "Hezbollah's spokesman, Ali Haidar, blamed the Israeli air force for the strike on the market in the "
        "Marjayoun district and said 14 civilians had been killed and 30 wounded.\n\n"
        "Hours later Hezbollah said it had launched two drones at the Israeli town of Metula. Israeli air "
        "defences intercepted both of them, the army said.")
    strike, drones = [r for r in records if r.event_type == "ASSAULT"]  # the drones it launched are its own attack
    assert not [a for a in strike.attribution if a.kind == "claimed"]
    assert _performers_of(strike) == ["Unidentified Military Forces"]
    assert _performers_of(drones) == ["Hezbollah"]


def test_a_charge_called_absurd_is_rejected_not_requested():
    records = _records("Mali's junta accused Algeria of sheltering the rebels, a charge the Algerian foreign "
                       "ministry called \"absurd\".")
    assert not [r for r in records if r.event_type == "REQUEST"]
    assert [r for r in records if r.event_type == "REJECT"]


def test_an_accusation_of_something_other_than_violence_is_not_about_the_attack():
    records = _records("Gunmen killed seven soldiers near Menaka in Mali on Sunday, the army said.\n\n"
                       "The junta accused France of supplying intelligence to the armed groups.")
    (attack,) = [r for r in records if r.event_type == "ASSAULT"]
    assert not [a for a in attack.attribution if a.kind == "accused"]


def test_a_denial_nested_in_another_partys_statement_is_its_own_record():
    text = ("Iraq's interior ministry rejected the report and said the PKK was behind the ambush, "
            "a charge the Kurdish group denied.")
    rejects = [r for r in _records(text) if r.event_type == "REJECT"]
    assert sorted(p for r in rejects for p in _performers_of(r)) == ["Government of Iraq", "Kurdistan Workers' Party"]


def test_drones_launched_by_a_group_that_says_so_are_an_air_attack():
    text = "The rebels said they had launched three drones at the airport in Abha on Sunday."
    attacks = [r for r in _records(text) if r.event_type == "ASSAULT"]
    assert [(r.mode, r.acled_sub_event_type) for r in attacks] == [("aerial", "Air/drone strike")]
    assert not any(a.role == "recipient" for a in attacks[0].actors)  # the drones are the weapon
