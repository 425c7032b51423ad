"""The story triage model: its features, its training, its file, and the shipped model's verdicts
on stories written for these tests."""

from pathlib import Path

import pytest

from sitrep.evaluate.gold import GoldItem
from sitrep.evaluate.scoring import score_muc4
from sitrep.extract.pipeline import extract_article
from sitrep.extract.triage import (
    Story,
    TrainingSettings,
    TriageModel,
    article_features,
    choose_decision,
    cross_fit,
    cross_validated_decisions,
    fit,
    fit_stories,
    load_model,
    read_key_strings,
    reports_incident,
    sentence_features,
    sentence_labels,
    shipped_model,
    story_of,
    text_features,
)
from sitrep.types import Article

WIRE_BOMBING = Article(
    id="wire", published="1990-03-12",
    text=("SAN SALVADOR, 12 MAR 90 (ACAN-EFE) -- [TEXT] A powerful bomb exploded yesterday outside the "
          "Ministry of Justice in San Salvador, killing two guards and wounding five passers-by. Police "
          "said urban guerrillas placed the bomb in a parked car.\n\nThe blast destroyed part of the "
          "building's facade."))
EDITORIAL_1980 = Article(
    id="editorial", published="1990-03-12",
    text=("SAN SALVADOR, 12 MAR 90 (RADIO) -- [EDITORIAL] Ten years ago the country mourned the murder of "
          "the archbishop, who was shot dead while saying mass in 1980. His words on peace and dialogue "
          "remain a lesson for those who negotiate today.\n\nThe parties should return to the table and "
          "honour his memory with an agreement."))


def records_of(article: Article) -> list[dict]:
    return [r.to_dict() for r in extract_article(article)]


def test_a_wire_bombing_scores_above_an_editorial_recalling_a_1980_murder():
    model = shipped_model()
    bombing = model.score(WIRE_BOMBING, records_of(WIRE_BOMBING))
    editorial = model.score(EDITORIAL_1980, records_of(EDITORIAL_1980))
    assert bombing > editorial
    assert model.decide(bombing, bool(reports_incident(records_of(WIRE_BOMBING))))


def test_the_score_changes_no_record():
    records = records_of(WIRE_BOMBING)
    before = [dict(r) for r in records]
    shipped_model().score(WIRE_BOMBING, records)
    assert records == before


def test_text_features_cover_lead_whole_text_and_wire_tags():
    features = text_features("LIMA, 3 MAY 90 -- [EDITORIAL] The bomb of 1980.\n\n" + "x " * 900 + "peace")
    assert {"lead:bomb", "lead:the bomb", "text:bomb", "text:peace", "tag:editorial"} <= set(features)
    assert "lead:peace" not in features  # past the lead


NEWS = ["Gunmen shot dead a mayor yesterday in {town}, police said.",
        "A bomb exploded today at a bank in {town}, wounding three people.",
        "Guerrillas kidnapped two engineers last night near {town}, the army reported.",
        "Terrorists set fire to a bus this morning in {town}, witnesses said."]
COMMENT = ["Ten years ago the nation mourned the murder of a bishop in {town}; his memory calls for peace.",
           "In an editorial, the paper recalls the 1980 massacre at {town} and asks for dialogue.",
           "The minister spoke in {town} about the economy and the debt talks.",
           "Commentary: the violence of past decades in {town} must not return, the senator said."]
TOWNS = ["Tarija", "Oruro", "Cali", "Ica", "Cuzco", "Piura"]


def tiny_corpus() -> tuple[list[dict], list[bool], list[bool]]:
    features, labels = [], []
    for town in TOWNS:
        for template, label in [(t, True) for t in NEWS] + [(t, False) for t in COMMENT]:
            features.append(article_features(Article(id=f"{town}{len(features)}", text=template.format(town=town)),
                                             []))
            labels.append(label)
    return features, labels, [False] * len(labels)


def test_training_on_a_tiny_corpus_learns_news_from_commentary():
    features, labels, rules = tiny_corpus()
    model = fit(features, labels, rules, TrainingSettings(min_stories=2, l2=1.0, inner_folds=0))
    news = Article(id="n", text="Gunmen shot dead a judge yesterday in Sucre, police said.")
    comment = Article(id="c", text="Ten years ago the nation mourned the murder of a judge in Sucre; peace.")
    assert model.score(news, []) > 0.5 > model.score(comment, [])
    assert model.weights["lead:yesterday"] > 0 > model.weights["lead:ago"]


def test_cross_validation_scores_each_story_by_a_model_that_never_saw_it():
    features, labels, rules = tiny_corpus()
    settings = TrainingSettings(min_stories=2, l2=1.0, inner_folds=0)
    scores, verdicts = cross_validated_decisions(features, labels, rules, 3, settings)
    assert len(scores) == len(labels)
    assert sum(v == t for v, t in zip(verdicts, labels, strict=True)) >= 0.8 * len(labels)
    # a story's out-of-fold score is not the score of a model trained on it as well
    full = fit(features, labels, rules, settings)
    assert scores[0] != pytest.approx(full.score_features(features[0]))


def test_the_decision_rule_is_chosen_for_f1():
    scores = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1]
    labels = [True, True, True, False, False, False]
    threshold, combination = choose_decision(scores, labels, [False] * 6)
    assert 0.3 < threshold <= 0.7 and combination == "model"
    # where the rules already find every incident and nothing else, "or" cannot hurt
    threshold, combination = choose_decision([0.5] * 6, labels, labels)
    assert combination in ("model and rules", "model or rules")


def test_the_model_file_round_trips(tmp_path):
    model = TriageModel(weights={"lead:bomb": 1.25, "text:peace": -0.5}, bias=-0.1, threshold=0.6,
                        combination="model or rules", trained_on=["A", "B"], provenance="test")
    path = tmp_path / "model.json"
    model.save(path)
    again = load_model(path)
    assert again == TriageModel(**{**model.__dict__, "settings": {}})
    features = {"lead:bomb": 1.0, "text:peace": 1.0}
    assert again.score_features(features) == pytest.approx(model.score_features(features))


def test_a_file_that_is_not_a_model_is_a_clear_error(tmp_path):
    from sitrep.errors import SitrepError

    path = tmp_path / "model.json"
    path.write_text('{"weights": []}', encoding="utf-8")
    with pytest.raises(SitrepError, match="E520"):
        load_model(path)
    with pytest.raises(SitrepError, match="E001"):
        load_model(tmp_path / "missing.json")


def test_the_shipped_model_says_what_it_was_trained_on():
    model = shipped_model()
    assert "MUC-4" in model.provenance
    assert len(model.trained_on) == 1299 and {"DEV-MUC3-0001", "DEV-MUC3-1299"} <= set(model.trained_on)
    assert model.sentence_weights  # the stacked sentence model ships with it


def tiny_items() -> list[GoldItem]:
    items = []
    for town in TOWNS:
        for template, label in [(t, True) for t in NEWS] + [(t, False) for t in COMMENT]:
            article = Article(id=f"{town}{len(items)}", text=template.format(town=town) + " The talks go on.")
            items.append(GoldItem(article, {"incident": label, "types": [], "strings": [town]}))
    return items


def tiny_stories() -> list[Story]:
    return [story_of(item.article, [], item.fields["incident"], item.fields["strings"]) for item in tiny_items()]


TINY = TrainingSettings(min_stories=2, l2=1.0, inner_folds=0, sentences=True, sentence_folds=2, nb=True)


def test_sentences_naming_the_keys_strings_are_incident_sentences():
    text = "GUNMEN KILLED THE MAYOR OF ORURO YESTERDAY. THE TALKS GO ON. TERRORISTS ARE EVERYWHERE, HE SAID."
    assert sentence_labels(text, ["MAYOR OF ORURO", "TERRORISTS"]) == [True, False, False]  # too generic
    features = sentence_features(text, [])
    assert len(features) == 3 and "s:mayor" in features[0] and "s:talks go" in features[1]


def test_key_strings_are_read_from_the_answer_keys(tmp_path):
    (tmp_path / "key-dev-0001.muc4").write_text(
        "0.  MESSAGE: ID                     DEV-MUC3-0007 (NCCOSC)\n"
        "1.  MESSAGE: TEMPLATE               1\n"
        "6.  INCIDENT: INSTRUMENT ID         \"BOMB\"\n"
        "                                    \"DYNAMITE\"\n"
        "8.  PERP: INCIDENT CATEGORY         TERRORIST ACT\n"
        "19. HUM TGT: DESCRIPTION            \"PEASANTS\"\n"
        "20. HUM TGT: TYPE                   CIVILIAN: \"PEASANTS\"\n", encoding="latin-1")
    assert read_key_strings(tmp_path) == {"DEV-MUC3-0007": ["BOMB", "DYNAMITE", "PEASANTS"]}


def test_nb_scaling_keeps_record_features_and_weights_words_by_their_class_ratio():
    features, labels, rules = tiny_corpus()
    model = fit(features, labels, rules, TrainingSettings(min_stories=2, l2=1.0, inner_folds=0, nb=True))
    assert model.weights["lead:yesterday"] > 0 > model.weights["lead:ago"]


def test_a_stacked_model_scores_news_above_commentary_and_round_trips(tmp_path):
    model = fit_stories(tiny_stories(), TINY)
    assert model.sentence_weights and "sent:max" in model.weights
    news = Article(id="n", text="The talks go on. Gunmen shot dead a judge yesterday in Sucre, police said.")
    comment = Article(id="c", text="Ten years ago the nation mourned the murder of a judge in Sucre; peace.")
    assert model.score(news, []) > model.score(comment, [])
    model.save(tmp_path / "m.json")
    again = load_model(tmp_path / "m.json")
    assert again.score(news, []) == pytest.approx(model.score(news, []), abs=1e-3)
    assert again.training_settings() == TINY


def test_cross_fitting_scores_a_training_story_by_a_model_without_it():
    stories = tiny_stories()
    model = fit_stories(stories, TINY)
    by_id = {s.id: s for s in stories}
    unseen = story_of(Article(id="new", text="A bomb exploded today at a bank in Sucre."), [], True)
    scores = cross_fit(model, {**by_id, "new": unseen}, [stories[0].id, stories[1].id, "new"], folds=3)
    # story 0 is in fold 0: scored by the model trained on folds 1 and 2 only
    without = fit_stories([s for i, s in enumerate(stories) if i % 3 != 0], TINY)
    assert scores[stories[0].id][0] == pytest.approx(without.score_story(stories[0]))
    assert scores[stories[0].id][0] != pytest.approx(model.score_story(stories[0]))
    assert scores["new"][0] == pytest.approx(model.score_story(unseen))  # not seen: the model itself


def test_muc_scoring_never_scores_a_story_with_a_model_that_saw_it():
    model = fit_stories(tiny_stories(), TINY)
    items = tiny_items()
    report = score_muc4([(item, []) for item in items[:10]], triage=model,
                        training_pairs=[(item, []) for item in items[10:]])
    assert any("10 of 10 stories were in the triage model's training set" in n and "cross-fitting" in n
               and f"training stories at hand ({len(items)} of {len(items)})" in n for n in report.notes)
    unseen = GoldItem(Article(id="b", text="Talks went on."), {"incident": False, "types": []})
    assert not any("training set" in n for n in score_muc4([(unseen, [])], triage=model).notes)


MUC4 = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "muc4-dev"


@pytest.mark.data
def test_the_shipped_model_was_trained_on_every_dev_story():
    if not MUC4.is_dir():
        pytest.skip(f"MUC-4 development data not found at {MUC4}")
    from sitrep.evaluate.gold import read_muc4

    ids = [item.article.id for item in read_muc4(MUC4)]
    assert shipped_model().trained_on == ids
