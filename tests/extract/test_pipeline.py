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
