"""sitrep's entity ruler: names the small English model gets wrong come out right, ordinary text stays."""

from __future__ import annotations

import time

import pytest
import spacy

from sitrep.nlp import load_pipeline
from sitrep.nlp.pipeline import MODEL_NAME


@pytest.fixture(scope="module")
def sitrep_nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def base_nlp():
    return spacy.load(MODEL_NAME)


def labels(nlp, text: str) -> dict[str, str]:
    return {ent.text: ent.label_ for ent in nlp(text).ents}


# (sentence, name, label sitrep must give): the base model labels each name differently.
FIXED_BY_THE_RULER = [
    ("Government forces shelled Maarat al-Numan and Saraqib on Tuesday.", "Maarat al-Numan", "GPE"),
    ("Government forces shelled Maarat al-Numan and Saraqib on Tuesday.", "Saraqib", "GPE"),
    ("Fighting continued near Kafr Nabl, Jisr al-Shughur and Khan Shaykhun.", "Jisr al-Shughur", "GPE"),
    ("Fighting continued near Kafr Nabl, Jisr al-Shughur and Khan Shaykhun.", "Khan Shaykhun", "GPE"),
    ("A car bomb exploded in Tuz Khurmatu and another in Baqubah.", "Tuz Khurmatu", "GPE"),
    ("Shelling hit Douma and Harasta in Eastern Ghouta.", "Douma", "GPE"),
    ("Suspected ISWAP militants attacked Monguno and Damasak.", "Damasak", "GPE"),
    ("Villagers fled Baga and Kukawa after the attack.", "Kukawa", "GPE"),
    ("Jihadists attacked an army post near Menaka and Kidal in northern Mali.", "Kidal", "GPE"),
    ("Gunmen attacked Konna and Sevare.", "Sevare", "GPE"),
    ("JNIM claimed an attack near Djibo and Arbinda.", "Djibo", "GPE"),
    ("HTS fighters clashed with the SDF near Manbij.", "Manbij", "GPE"),
    ("Boko Haram fighters raided Gwoza and Bama in Borno state.", "Boko Haram", "ORG"),
    ("Fighters from Tahrir al-Sham entered Atarib.", "Tahrir al-Sham", "ORG"),
    ("Al-Shabaab attacked Mogadishu and Afgoye.", "Al-Shabaab", "ORG"),
    ("The Houthis fired missiles at Marib. Ansar Allah denied it.", "Houthis", "ORG"),
    ("Islamic State claimed the attack in Deir ez-Zor and Raqqa.", "Islamic State", "ORG"),
]


@pytest.mark.parametrize("text,name,label", FIXED_BY_THE_RULER)
def test_ruler_fixes_what_the_base_model_gets_wrong(base_nlp, sitrep_nlp, text, name, label):
    assert labels(base_nlp, text).get(name) != label  # the base model is wrong here ...
    assert labels(sitrep_nlp, text).get(name) == label  # ... and sitrep is right


def test_ruler_runs_before_ner(sitrep_nlp):
    names = sitrep_nlp.pipe_names
    assert names.index("sitrep_entity_ruler") < names.index("ner")


def test_the_verb_is_stays_a_verb(sitrep_nlp):
    doc = sitrep_nlp("This is what it is, and the situation is grave.")
    assert not [e for e in doc.ents if e.text == "is" or e.label_ == "ORG"]


def test_is_as_the_islamic_state(sitrep_nlp):
    assert labels(sitrep_nlp, "IS said it carried out the attack on the checkpoint.").get("IS") == "ORG"
    assert labels(sitrep_nlp, "A statement by IS fighters claimed the raid.").get("IS") == "ORG"


def test_place_names_inside_person_names_are_left_to_the_model(sitrep_nlp):
    found = labels(sitrep_nlp, "Prime Minister Imran Khan met Florence Nightingale's biographer in Paris.")
    assert found.get("Imran Khan") == "PERSON"
    assert found.get("Paris") == "GPE"
    assert "Florence" not in found


def test_english_word_towns_need_a_proper_noun(sitrep_nlp):
    doc = sitrep_nlp("Hit by shelling, the residents of Hit fled towards Ramadi.")
    hits = [e for e in doc.ents if e.text == "Hit"]
    assert [e.start for e in hits] == [7]  # the town, not the participle that opens the sentence


def test_place_suffix_joins_the_name(sitrep_nlp):
    assert labels(sitrep_nlp, "Troops entered Idlib Province on Sunday.").get("Idlib Province") == "GPE"


def test_factory_in_a_users_own_pipeline():
    import sitrep.nlp  # noqa: F401  (registers the factory)

    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("sitrep_entity_ruler", before="ner")
    assert labels(nlp, "Gunmen attacked Konna and Sevare.").get("Sevare") == "GPE"


def test_ruler_keeps_speed_near_the_base_model(base_nlp, sitrep_nlp):
    texts = [text for text, _, _ in FIXED_BY_THE_RULER] * 5

    def seconds(nlp) -> float:
        start = time.perf_counter()
        list(nlp.pipe(texts))
        return time.perf_counter() - start

    seconds(base_nlp), seconds(sitrep_nlp)  # warm up
    assert seconds(sitrep_nlp) < 2.0 * seconds(base_nlp) + 0.05
