"""Event dates: every date form, past and future, against a fixed publication date."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.dates import find_date_phrases, resolve_date_expression, resolve_event_date
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline

# Wednesday 6 May 2020
PUBLISHED = date(2020, 5, 6)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def span(text: str, tense: str = "past") -> tuple[str | None, str | None, str]:
    resolved = resolve_date_expression(text, PUBLISHED, tense)
    assert resolved is not None, text
    return resolved.start, resolved.end, resolved.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 April 2020", ("2020-04-27", "2020-04-27", "day")),
        ("April 27, 2020", ("2020-04-27", "2020-04-27", "day")),
        ("2020-04-27", ("2020-04-27", "2020-04-27", "day")),
        ("on the 27th of April 2020", ("2020-04-27", "2020-04-27", "day")),
        ("on the night of 3 May", ("2020-05-03", "2020-05-03", "day")),
        ("May 2019", ("2019-05-01", "2019-05-31", "month")),
        ("in 2019", ("2019-01-01", "2019-12-31", "year")),
    ],
)
def test_explicit_dates(text, expected):
    assert span(text) == expected


def test_weekday_past_is_the_most_recent_before_publication():
    assert span("on Tuesday") == ("2020-05-05", "2020-05-05", "day")
    assert span("Monday night") == ("2020-05-04", "2020-05-04", "day")


def test_weekday_of_publication_day_is_that_day_as_in_wire_copy():
    assert span("on Wednesday") == ("2020-05-06", "2020-05-06", "day")
    assert span("last Wednesday") == ("2020-04-29", "2020-04-29", "day")
    assert span("today") == ("2020-05-06", "2020-05-06", "day")


def test_weekday_future_is_the_next_one():
    assert span("on Tuesday", "future") == ("2020-05-12", "2020-05-12", "day")
    assert span("on Thursday", "planned") == ("2020-05-07", "2020-05-07", "day")
    assert span("next Tuesday") == ("2020-05-12", "2020-05-12", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", ("2020-05-05", "2020-05-05", "day")),
        ("last night", ("2020-05-05", "2020-05-05", "day")),
        ("overnight", ("2020-05-05", "2020-05-06", "day")),
        ("the day before yesterday", ("2020-05-04", "2020-05-04", "day")),
        ("three days ago", ("2020-05-03", "2020-05-03", "day")),
        ("last week", ("2020-04-27", "2020-05-03", "week")),
        ("this week", ("2020-05-04", "2020-05-06", "week")),
        ("earlier this week", ("2020-05-04", "2020-05-06", "week")),
        ("earlier this month", ("2020-05-01", "2020-05-06", "month")),
        ("last month", ("2020-04-01", "2020-04-30", "month")),
        ("this year", ("2020-01-01", "2020-05-06", "year")),
        ("last year", ("2019-01-01", "2019-12-31", "year")),
    ],
)
def test_relative_days_and_periods(text, expected):
    assert span(text) == expected


@pytest.mark.parametrize("text", ["on May 4", "on May, 4", "4 May", "May 4th"])
def test_day_without_year_past_is_at_or_before_publication(text):
    assert span(text) == ("2020-05-04", "2020-05-04", "day")


def test_day_without_year_after_publication_goes_to_last_year_when_past():
    assert span("Sept. 9") == ("2019-09-09", "2019-09-09", "day")
    assert span("July 30") == ("2019-07-30", "2019-07-30", "day")


def test_day_without_year_future_is_at_or_after_publication():
    assert span("July 30", "future") == ("2020-07-30", "2020-07-30", "day")
    assert span("4 May", "future") == ("2021-05-04", "2021-05-04", "day")


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("last April", "past", ("2020-04-01", "2020-04-30", "month")),
        ("in April", "past", ("2020-04-01", "2020-04-30", "month")),
        ("in June", "past", ("2019-06-01", "2019-06-30", "month")),
        ("in June", "future", ("2020-06-01", "2020-06-30", "month")),
        ("mid-December", "past", ("2019-12-11", "2019-12-20", "month")),
        ("early March", "past", ("2020-03-01", "2020-03-10", "month")),
        ("late March", "past", ("2020-03-21", "2020-03-31", "month")),
    ],
)
def test_months_never_guess_a_day(text, tense, expected):
    assert span(text, tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("the spring", "past", ("2020-03-01", "2020-05-31", "month")),
        ("the summer", "past", ("2019-06-01", "2019-08-31", "month")),
        ("last summer", "past", ("2019-06-01", "2019-08-31", "month")),
        ("the summer", "future", ("2020-06-01", "2020-08-31", "month")),
        ("the winter", "past", ("2019-12-01", "2020-02-29", "month")),
        ("the autumn", "past", ("2019-09-01", "2019-11-30", "month")),
    ],
)
def test_seasons(text, tense, expected):
    assert span(text, tense) == expected


def test_by_a_date_is_an_end_bound_only():
    assert span("by July 30", "future") == (None, "2020-07-30", "day")


@pytest.mark.parametrize("text", ["between 1 and 3 May", "from 1 to 3 May", "May 1-3", "1-3 May"])
def test_day_ranges(text):
    assert span(text) == ("2020-05-01", "2020-05-03", "day")


def test_range_across_months():
    assert span("between 28 April and 2 May") == ("2020-04-28", "2020-05-02", "day")


def test_unknown_words_and_relative_words_without_publication_date():
    assert resolve_date_expression("the other day", PUBLISHED) is None
    assert resolve_date_expression("on Tuesday", None) is None
    assert resolve_date_expression("27 April 2020", None).start == "2020-04-27"


def test_finder_skips_names_and_ages():
    phrases = [p.text for p in find_date_phrases("Theresa May said a 14-year-old was shot in May.")]
    assert phrases == ["in May"]


# --- picking the mention's own date from a sentence ------------------------------------------


def mention_for(nlp, text: str, trigger: str, tense: str = "past", modality: str = "asserted",
                event_type: str = "ASSAULT") -> EventMention:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    sentence = token.sent
    return EventMention(sentence=sentence, trigger=doc[token.i : token.i + 1], event_type=event_type,
                        tense=tense, modality=modality)


def test_event_date_from_its_own_clause(nlp):
    text = "On Tuesday the foreign minister flew to Kabul, where a bomb had killed 12 people on Sunday."
    killed = resolve_event_date(mention_for(nlp, text, "killed"), PUBLISHED)
    flew = resolve_event_date(mention_for(nlp, text, "flew"), PUBLISHED)
    assert (killed.start, killed.text) == ("2020-05-03", "on Sunday")
    assert (flew.start, flew.text) == ("2020-05-05", "On Tuesday")


def test_planned_event_resolves_forward(nlp):
    mention = mention_for(nlp, "The ministers will meet in Doha on Thursday.", "meet", tense="future",
                          modality="planned")
    assert resolve_event_date(mention, PUBLISHED).start == "2020-05-07"


def test_no_date_words_uses_publication_date(nlp):
    resolved = resolve_event_date(mention_for(nlp, "Gunmen killed five villagers near Gao.", "killed"), PUBLISHED)
    assert (resolved.start, resolved.precision, resolved.from_publication_date) == ("2020-05-06", "day", True)


def test_no_date_at_all_is_unknown(nlp):
    resolved = resolve_event_date(mention_for(nlp, "Gunmen killed five villagers near Gao.", "killed"), None)
    assert (resolved.start, resolved.end, resolved.precision) == (None, None, "unknown")


def test_later_sentence_borrows_the_lead_date(nlp):
    text = "On 27 April 2020, militants attacked an army camp in Mopti. One soldier was killed."
    resolved = resolve_event_date(mention_for(nlp, text, "killed"), None)
    assert (resolved.start, resolved.from_publication_date) == ("2020-04-27", False)


def test_a_background_year_is_not_lent_to_the_next_sentence(nlp):
    text = "The town has been hit by several bombings since last year. A car bomb killed 14 people."
    resolved = resolve_event_date(mention_for(nlp, text, "killed"), PUBLISHED)
    assert (resolved.start, resolved.from_publication_date) == ("2020-05-06", True)


def test_a_future_date_is_not_lent_to_a_past_event(nlp):
    text = "The agency will deliver food next week. Gunmen killed two guards at its depot."
    resolved = resolve_event_date(mention_for(nlp, text, "killed"), PUBLISHED)
    assert (resolved.start, resolved.from_publication_date) == ("2020-05-06", True)


def test_a_statement_does_not_borrow_the_date_of_an_earlier_deed(nlp):
    text = "On Sunday a roadside bomb killed two policemen in Kandahar. The interior ministry condemned the bombing."
    resolved = resolve_event_date(mention_for(nlp, text, "condemned", event_type="ACCUSE"), PUBLISHED)
    assert (resolved.start, resolved.from_publication_date) == ("2020-05-06", True)


def test_a_statement_does_not_borrow_another_speakers_reporting_date(nlp):
    text = ("The Red Cross said on Monday that 4,000 families had fled the fighting. "
            "The government in Niamey accused Algeria of arming the rebels.")
    resolved = resolve_event_date(mention_for(nlp, text, "accused", event_type="ACCUSE"), PUBLISHED)
    assert (resolved.start, resolved.from_publication_date) == ("2020-05-06", True)


def test_a_deed_still_borrows_the_lead_date_of_its_own_story(nlp):
    text = "On Sunday a roadside bomb killed two policemen in Kandahar. A passer-by was wounded."
    resolved = resolve_event_date(mention_for(nlp, text, "wounded"), PUBLISHED)
    assert resolved.start == "2020-05-03"


def test_a_date_inside_a_relative_clause_belongs_to_that_clause(nlp):
    text = "The minister, who toured the camps in Diffa on Monday, said the army would send more troops."
    send = resolve_event_date(mention_for(nlp, text, "send", tense="future", modality="planned",
                                          event_type="MOBILIZE"), PUBLISHED)
    toured = resolve_event_date(mention_for(nlp, text, "toured", event_type="CONSULT"), PUBLISHED)
    assert (send.start, send.from_publication_date) == ("2020-05-06", True)
    assert toured.start == "2020-05-04"
