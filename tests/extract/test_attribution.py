"""According to whom, and how certain: reporters, quotes, claims, accusations, denials, hedges."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep.extract.attribution import (
    AttributionResult,
    combine_certainty,
    find_attribution,
    find_responsibility_statements,
)
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline
from sitrep.types import Attribution


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def attribute(nlp, text: str, trigger: str, event_type: str = "ASSAULT", modality: str = "asserted") -> AttributionResult:
    """Parse `text` and build the mention the event detector would give for `trigger`."""
    doc = nlp(text)
    start = text.index(trigger)
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    mention = EventMention(sentence=span.sent, trigger=span, event_type=event_type, modality=modality)
    return find_attribution(mention)


def kinds(result: AttributionResult) -> set[tuple[str, str, str | None]]:
    return {(a.source, a.kind, a.claim) for a in result.attributions}


# --- who reports it ---------------------------------------------------------------------------


def test_according_to(nlp):
    result = attribute(nlp, "At least 12 people were killed in an air strike on Idlib, according to the "
                            "Syrian Observatory for Human Rights.", "killed")
    assert kinds(result) == {("Syrian Observatory for Human Rights", "reported", None)}
    assert result.attributions[0].text == "according to the Syrian Observatory for Human Rights"
    assert result.certainty is None


def test_subject_said(nlp):
    result = attribute(nlp, "The provincial governor said a car bomb killed five people in Afrin.", "killed")
    assert kinds(result) == {("Provincial governor", "reported", None)}


def test_said_after_the_clause_with_inverted_subject(nlp):
    result = attribute(nlp, "Five soldiers were wounded when rebels shelled the base, said a military source.",
                       "shelled")
    assert kinds(result) == {("Military source", "reported", None)}


def test_told_reporters(nlp):
    result = attribute(nlp, "Gunmen killed three soldiers at a checkpoint, a local official told reporters.",
                       "killed")
    assert kinds(result) == {("Local official", "reported", None)}


def test_news_agency_reported_is_named_by_its_name(nlp):
    result = attribute(nlp, "Syrian state news agency SANA reported that rebels shelled the town.", "shelled")
    assert [a.source for a in result.attributions] == ["SANA"]


def test_spokesman_speaks_for_the_organization(nlp):
    result = attribute(nlp, "The army's spokesman said insurgents ambushed a convoy near Kunduz.", "ambushed")
    assert [a.source for a in result.attributions] == ["Army"]


def test_statement_by_an_organization(nlp):
    result = attribute(nlp, "A statement by the Syrian army said troops repelled an attack by rebels near Hama.",
                       "attack")
    assert [(a.source, a.kind) for a in result.attributions] == [("Military Forces of Syria", "reported")]


def test_unnamed_sources_and_state_media(nlp):
    result = attribute(nlp, "Gunmen killed three villagers near Kano, state media reported.", "killed")
    assert kinds(result) == {("State media", "reported", None)}
    result = attribute(nlp, "Sources said the convoy was hit by a roadside bomb.", "hit")
    assert kinds(result) == {("Sources", "reported", None)}


def test_two_subjects_are_two_sources(nlp):
    result = attribute(nlp, "Residents and activists said the market was bombed twice.", "bombed")
    assert {a.source for a in result.attributions} == {"Residents", "Activists"}


def test_a_saying_verb_about_another_clause_is_not_a_source(nlp):
    result = attribute(nlp, "Rebels attacked the base, and the army said it killed 20 rebels.", "attacked")
    assert result.attributions == []


def test_direct_quote_with_its_speaker(nlp):
    result = attribute(nlp, '"The militants attacked the checkpoint at dawn," said a local police official.',
                       "attacked")
    assert kinds(result) == {("Local police official", "quoted", None)}


# --- claims, accusations, denials in the event's sentence -------------------------------------


def test_claim_of_responsibility_in_the_same_sentence(nlp):
    result = attribute(nlp, "The Islamic State group claimed responsibility for the bombing, which killed 20 "
                            "worshippers.", "bombing")
    assert ("Islamic State", "claimed", "Islamic State") in kinds(result)
    assert result.certainty is None  # a claim alone is not a doubt


def test_source_that_says_it_did_it_claims_it(nlp):
    result = attribute(nlp, '"We attacked the base at dawn," the group\'s spokesman said.', "attacked")
    assert kinds(result) == {("Group", "quoted", None), ("Group", "claimed", "Group")}


def test_accusation_makes_the_event_alleged(nlp):
    result = attribute(nlp, "Police blamed Boko Haram for the attack on the market in Maiduguri.", "attack")
    assert kinds(result) == {("Police", "accused", "Boko Haram")}
    assert result.certainty == "alleged"


def test_denial_alone_makes_the_event_denied(nlp):
    result = attribute(nlp, "The army denied shelling the village of Kafr Nabl.", "shelling")
    assert kinds(result) == {("Army", "denied", "Army")}
    assert result.certainty == "denied"


def test_nested_reporting_accusation_and_denial(nlp):
    result = attribute(nlp, "The governor said a car bomb killed five people, blaming an armed group that "
                            "later denied any role.", "killed")
    assert kinds(result) == {
        ("Governor", "reported", None),
        ("Governor", "accused", "Armed group"),
        ("Armed group", "denied", "Armed group"),
    }
    assert result.certainty == "disputed"


def test_two_perpetrators_named_in_one_sentence_are_disputed(nlp):
    result = attribute(nlp, "The army said rebels carried out the massacre, while the rebels said the army was "
                            "behind it.", "massacre")
    assert {(a.source, a.claim) for a in result.attributions if a.kind == "accused"} == {
        ("Army", "Rebels"), ("Rebels", "Army")}
    assert result.certainty == "disputed"


# --- hedges ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, trigger, hedge", [
    ("Gunmen reportedly killed three villagers near Kano.", "killed", "reportedly"),
    ("Suspected jihadists killed four soldiers in an ambush, residents said.", "killed", "Suspected"),
    ("The alleged massacre took place in the village of Tadamon.", "massacre", "alleged"),
    ("Seven civilians are believed to have been killed in the shelling.", "killed", "believed"),
])
def test_hedged_events_are_alleged(nlp, text, trigger, hedge):
    result = attribute(nlp, text, trigger)
    assert result.certainty == "alleged"
    assert hedge in result.hedges


def test_unconfirmed_reports_are_a_hedged_source(nlp):
    result = attribute(nlp, "Two aid workers were abducted near Gao, according to unconfirmed reports.", "abducted")
    assert kinds(result) == {("Unconfirmed reports", "reported", None)}
    assert result.certainty == "alleged"


def test_plain_report_is_asserted(nlp):
    result = attribute(nlp, "Troops killed six militants in Mosul on Tuesday, the ministry said.", "killed")
    assert result.certainty is None and result.hedges == []


# --- statements in other sentences ------------------------------------------------------------


def statements(nlp, text: str):
    return [(s.source, s.kind, s.claim, s.refers_to) for s in find_responsibility_statements(nlp(text))]


def test_claim_of_responsibility_in_a_later_sentence(nlp):
    found = statements(nlp, "A suicide bomber killed 14 people at a bus station in Kabul. The Islamic State "
                            "group claimed responsibility for the bombing in a statement on Telegram.")
    assert found == [("Islamic State", "claimed", "Islamic State", "the bombing")]


def test_passive_claim(nlp):
    found = statements(nlp, "The attack was claimed by the Islamic State group.")
    assert found == [("Islamic State", "claimed", "Islamic State", "The attack")]


def test_nobody_claiming_is_not_a_claim(nlp):
    assert statements(nlp, "No group has claimed the attack.") == []
    assert statements(nlp, "Nobody has claimed the attack.") == []


def test_two_accusations_in_one_sentence(nlp):
    found = statements(nlp, "Turkey blamed the YPG for the attack, while Damascus accused Ankara's allies.")
    assert found == [
        ("Government of Turkey", "accused", "People's Protection Units", "the attack"),
        ("Government of Syria", "accused", "Ankara's allies", None),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Russia accused rebel groups of carrying out the chemical attack on Douma.",
     ("Government of Russia", "accused", "Rebel groups", "the chemical attack on Douma")),
    ("The government blamed the killings on Boko Haram.", ("Government", "accused", "Boko Haram", "the killings")),
    ("Officials attributed the blast to Al-Shabaab.", ("Officials", "accused", "Al Shabaab", "the blast")),
    ("A spokesman for the Interior Ministry told reporters that the Taliban were behind the attack.",
     ("Interior Ministry", "accused", "Taliban", "the attack")),
])
def test_accusation_forms(nlp, text, expected):
    assert statements(nlp, text) == [expected]


@pytest.mark.parametrize("text, refers_to", [
    ("The militia denied any involvement in the killings.", "the killings"),
    ("Hamas rejected the accusations.", None),
    ("The Taliban denied that its fighters were behind the attack on the hotel.", "the attack on the hotel"),
])
def test_denial_forms(nlp, text, refers_to):
    found = statements(nlp, text)
    assert len(found) == 1
    source, kind, claim, refers = found[0]
    assert kind == "denied" and claim == source and refers == refers_to


@pytest.mark.parametrize("text, expected", [
    ("The army said it had no role in the killings.", ("Army", "denied", "Army", "the killings")),
    ("The rebels claim they destroyed six power pylons near the dam.",
     ("Rebels", "claimed", "Rebels", "destroyed six power pylons")),
    ("The four soldiers admitted their role in the massacre.",
     ("Four soldiers", "claimed", "Four soldiers", "the massacre")),
])
def test_statements_about_the_speaker_itself(nlp, text, expected):
    assert statements(nlp, text) == [expected]


def test_disputed_attribution_with_two_claimants(nlp):
    doc = nlp("A car bomb killed eight people in Afrin on Sunday. Turkey's defence ministry blamed the YPG for "
              "the bombing. The Syrian foreign ministry said Turkish-backed factions carried out the attack.")
    found = find_responsibility_statements(doc)
    assert [(s.source, s.kind, s.claim, s.refers_to) for s in found] == [
        ("Government of Turkey", "accused", "People's Protection Units", "the bombing"),
        ("Government of Syria", "accused", "Turkish-backed factions", "the attack"),
    ]
    assert all(s.sentence.start > 0 for s in found)
    event_sentence = next(doc.sents)
    trigger = doc[event_sentence.start + 3 : event_sentence.start + 4]
    assert trigger.text == "killed"
    own = find_attribution(EventMention(sentence=event_sentence, trigger=trigger, event_type="ASSAULT"))
    attributions = own.attributions + [s.to_attribution() for s in found]
    assert combine_certainty(attributions, "asserted") == "disputed"


# --- combining ---------------------------------------------------------------------------------


def test_combine_certainty_rules():
    reported = Attribution("Residents", "reported")
    claimed = Attribution("Islamic State", "claimed", "Islamic State")
    accused_is = Attribution("Government of Iraq", "accused", "Islamic State")
    accused_other = Attribution("Kurdish officials", "accused", "Popular Mobilization Forces")
    denied = Attribution("Islamic State", "denied", "Islamic State")
    assert combine_certainty([reported], "asserted") == "asserted"
    assert combine_certainty([reported], "asserted", hedged=True) == "alleged"
    assert combine_certainty([claimed], "planned") == "planned"
    assert combine_certainty([accused_is], "hypothetical") == "hypothetical"
    assert combine_certainty([accused_is], "asserted") == "alleged"
    assert combine_certainty([accused_is, claimed], "asserted") == "asserted"
    assert combine_certainty([accused_is, accused_other], "asserted") == "disputed"
    assert combine_certainty([accused_is, denied], "asserted") == "disputed"
    assert combine_certainty([reported, denied], "asserted") == "denied"
    # a denial by a party the report does not name as the perpetrator denies its part, not the event
    assert combine_certainty([reported, denied], "asserted", performers=["Unidentified Armed Group (Syria)"]) \
        == "asserted"
    assert combine_certainty([reported, denied], "asserted", performers=[denied.source]) == "denied"
    assert combine_certainty([reported, denied], "asserted", performers=[]) == "denied"


# --- real wire copy (MUC-4 development stories; skipped where ../shared/data is absent) --------

MUC4 = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "muc4-dev"


def muc4_claimed_paragraphs() -> list[tuple[str, str]]:
    """(story id, paragraph) for every paragraph of a story whose answer key says its perpetrator
    CLAIMED OR ADMITTED the incident, where the paragraph speaks of claims, responsibility or credit."""
    from sitrep.evaluate.gold import split_muc4_stories

    claimed: set[str] = set()
    for key_file in sorted(MUC4.glob("key-dev-*")):
        for block in re.split(r"\n\s*\n", key_file.read_text("latin-1")):
            match = re.search(r"MESSAGE: ID\s+(\S+)", block)
            if match and "CLAIMED OR ADMITTED" in block:
                claimed.add(match.group(1))
    paragraphs = []
    for story_file in sorted(MUC4.glob("dev-muc3-*")):
        for story_id, text in split_muc4_stories(story_file.read_text("latin-1")):
            if story_id in claimed:
                paragraphs += [(story_id, p) for p in re.split(r"\n\s*\n", text)
                               if re.search(r"RESPONSIBILITY|CREDIT|CLAIM|ADMIT", p)]
    return paragraphs


def sentence_case(text: str) -> str:
    """All-caps wire copy, unwrapped and in sentence case (same length), as the pipeline parses it."""
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text.lower())
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


@pytest.mark.data
def test_claims_of_responsibility_in_muc4_wire_copy(nlp):
    if not MUC4.is_dir():
        pytest.skip(f"MUC-4 development data not found at {MUC4}")
    paragraphs = muc4_claimed_paragraphs()
    found: set[str] = set()
    for story_id, paragraph in paragraphs:
        doc = nlp(sentence_case(paragraph))
        if any(s.kind == "claimed" for s in find_responsibility_statements(doc)):
            found.add(story_id)
    stories = {story_id for story_id, _ in paragraphs}
    recall = len(found) / len(stories)
    print(f"MUC-4 stories with a claim of responsibility found: {len(found)}/{len(stories)} = {recall:.2f}")
    assert recall >= 0.65


def test_dismissing_another_partys_claim_names_no_denied_party():
    doc = load_pipeline()("The rebels claimed the ambush on Monday. The army dismissed the claim.")
    denials = [s for s in find_responsibility_statements(doc, None) if s.kind == "denied"]
    assert denials and all(s.claim is None for s in denials)


def test_describing_an_event_is_no_claim_of_it(nlp):
    text = ("Police officials said two guards had died in a shooting at the depot on Friday, which they "
            "described as a targeted attack.")
    result = attribute(nlp, text, "attack")
    assert not [a for a in result.attributions if a.kind == "claimed"]
