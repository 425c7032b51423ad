"""Metadata rules: title lines, headings, bylines, date lines, notes, datelines, date formats."""

import pytest

from sitrep.ingest.metadata import (
    Metadata,
    find_metadata,
    metadata_from_dateline,
    normalize_date,
    parse_byline,
    parse_dateline,
    split_header,
)

BODY = "Gunmen killed four people near Bandiagara on Sunday night, the mayor said."


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("12 March 2016", "2016-03-12"),
        ("March 12, 2016", "2016-03-12"),
        ("Mar. 12, 2016", "2016-03-12"),
        ("Saturday, 12 March 2016", "2016-03-12"),
        ("2016-03-12T10:00:00+03:00", "2016-03-12"),
        ("12/03/2016", "2016-03-12"),
        ("Updated 12 March 2016 14:05 GMT", "2016-03-12"),
        ("Sat, 12 Mar 2016 10:00:00 GMT", "2016-03-12"),
        ("3 JAN 90", "1990-01-03"),
        ("2016/03/12", "2016-03-12"),
    ],
)
def test_publication_dates_are_normalized_to_iso(written, iso):
    assert normalize_date(written) == iso


@pytest.mark.parametrize("written", ["yesterday", "Tuesday", "last week", "", "31 February 2016", "soon"])
def test_relative_or_impossible_dates_are_not_publication_dates(written):
    assert normalize_date(written) is None


def test_title_line_byline_with_agency_and_date_line_are_read_and_removed():
    text = (
        "Twin car bombs kill at least 14 in Manbij\n\n"
        "By Leila Haddad and Tom Whitfield, Reuters\n"
        "11 March 2024\n\n"
        f"{BODY}\n"
    )
    found, body = split_header(text)
    assert found == Metadata(
        title="Twin car bombs kill at least 14 in Manbij",
        published="2024-03-11",
        author="Leila Haddad and Tom Whitfield",
        publisher="Reuters",
    )
    assert body.strip() == BODY


def test_markdown_heading_is_the_title():
    found, body = split_header(f"# Death toll from *Manbij* bombings rises to 19\n\n{BODY}")
    assert found.title == "Death toll from Manbij bombings rises to 19"
    assert body.strip() == BODY


def test_name_followed_by_date_is_a_byline():
    assert parse_byline("Jane Doe 4 May 2019") == ("Jane Doe", None, "2019-05-04")


def test_simple_byline():
    assert parse_byline("By Jane Doe") == ("Jane Doe", None, None)


def test_byline_with_outlet_and_date_separated_by_bars():
    assert parse_byline("*By Rania Khoury* | Levant Monitor | 12 March 2024") == (
        "Rania Khoury",
        "Levant Monitor",
        "2024-03-12",
    )


def test_byline_role_is_not_an_author_or_publisher():
    assert parse_byline("By Karim Mansour, Staff Reporter") == ("Karim Mansour", None, None)


def test_sentences_are_not_bylines():
    assert parse_byline("By Sunday evening the fighting had stopped.") is None
    assert parse_byline("By Monday Islamic State fighters had taken the town") is None
    assert parse_byline(BODY) is None


def test_date_alone_on_a_line_is_the_publication_date():
    found, body = split_header(f"12 March 2016\n\n{BODY}")
    assert found.published == "2016-03-12"
    assert found.title is None
    assert body.strip() == BODY


def test_fictional_note_lines_are_dropped_not_titles():
    text = (
        "[Fictional sample article written for sitrep; the events described never happened.]\n\n"
        "Note: fictional text for testing\n\n"
        "Gunmen kill villagers near Bandiagara\n\n"
        f"{BODY}"
    )
    found, body = split_header(text)
    assert found.title == "Gunmen kill villagers near Bandiagara"
    assert body.strip() == BODY


def test_first_line_of_a_wrapped_paragraph_is_not_a_title():
    text = (
        "SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE,\n"
        "COPREFA] [TEXT] THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50\n"
    )
    found, body = split_header(text)
    assert found == Metadata()
    assert body == text


def test_a_one_line_article_is_not_its_own_title():
    found, body = split_header("Shelling hit Idlib overnight")
    assert found.title is None
    assert body == "Shelling hit Idlib overnight"


def test_given_metadata_wins_and_a_repeated_title_is_removed():
    given = Metadata(title="Gunmen kill villagers near Bandiagara", author="Moussa Traore")
    text = f"Gunmen kill villagers near Bandiagara\n\nBy Someone Else\n\n{BODY}"
    found, body = find_metadata(text, given)
    assert found.title == "Gunmen kill villagers near Bandiagara"
    assert found.author == "Moussa Traore"
    assert body.strip() == BODY


@pytest.mark.parametrize(
    ("opening", "place", "publisher", "month_day", "year"),
    [
        ("BEIRUT, June 12 (Reuters) - Shelling", "BEIRUT", "Reuters", (6, 12), None),
        ("MOSUL, Iraq (AP) — A pair", "MOSUL", "AP", None, None),
        ("ABUJA, Nigeria, March 3, 2021 (Reuters) - Gunmen", "ABUJA", "Reuters", (3, 3), 2021),
        ("SAN SALVADOR, 3 JAN 90 -- [REPORT]", "SAN SALVADOR", None, (1, 3), 1990),
        ("MADRID (SPAIN), 26 JAN 89 (RNE) -- [TEXT]", "MADRID", "RNE", (1, 26), 1989),
    ],
)
def test_wire_datelines(opening, place, publisher, month_day, year):
    dateline = parse_dateline(opening)
    assert dateline is not None
    assert (dateline.place, dateline.publisher, dateline.month_day, dateline.year) == (
        place,
        publisher,
        month_day,
        year,
    )


def test_ordinary_sentences_are_not_datelines():
    assert parse_dateline("Two car bombs killed 14 people - the council said.") is None
    assert parse_dateline("KABUL - Shelling resumed.") is None  # no agency and no date: nothing to learn


def test_dateline_date_needs_a_year():
    assert metadata_from_dateline("BEIRUT, June 12 (Reuters) - Shelling hit.") == Metadata(publisher="Reuters")
    assert metadata_from_dateline("BEIRUT, June 12 (Reuters) - Shelling hit.", year_hint=2019) == Metadata(
        publisher="Reuters", published="2019-06-12"
    )
