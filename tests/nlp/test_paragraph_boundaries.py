"""A paragraph break always ends a sentence, so headlines and bylines don't run into the story."""

import pytest

from sitrep.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_headline_and_byline_are_their_own_sentences(nlp):
    doc = nlp("Twin car bombs kill 14 in Manbij\n\nBy Leila Haddad, Reuters\n\n"
              "Two car bombs killed at least 14 people in Manbij on Monday.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Twin car bombs kill 14 in Manbij", "By Leila Haddad, Reuters",
                         "Two car bombs killed at least 14 people in Manbij on Monday."]


def test_a_single_line_break_does_not_split(nlp):
    doc = nlp("Two car bombs killed at least 14 people\nin Manbij on Monday.")
    assert len(list(doc.sents)) == 1


def test_the_component_is_in_the_pipeline_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("sitrep_paragraph_boundaries") < names.index("parser")


def test_headlines_joined_by_a_bare_semicolon_are_separate_sentences(nlp):
    doc = nlp("Clashes go on east of the town;12 killed by air strikes on a market")
    assert [s.text for s in doc.sents] == ["Clashes go on east of the town;", "12 killed by air strikes on a market"]


def test_a_semicolon_in_prose_keeps_its_sentence(nlp):
    doc = nlp("The army shelled the town; rebels answered with rockets.")
    assert len(list(doc.sents)) == 1
