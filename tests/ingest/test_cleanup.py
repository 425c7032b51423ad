"""Cleanup: Markdown, entities, quotes, wrapped lines, broken paragraphs and footers."""

from sitrep.ingest.cleanup import clean_text, is_footer_line, strip_markdown


def test_markdown_links_emphasis_and_escapes_are_stripped():
    raw = (
        "The [WHO](https://who.example/yemen) said **at least 31** people died in *Saada* and "
        "that a fund of \\$1.5 million was set up for al\\_Sahar `district`."
    )
    assert clean_text(raw, markdown=True) == (
        "The WHO said at least 31 people died in Saada and that a fund of $1.5 million was set up "
        "for al_Sahar district."
    )


def test_markdown_headings_bullets_quotes_and_images_become_plain_paragraphs():
    raw = (
        "## Aid and investigation\n"
        "![a burnt-out car](https://img.example/car.jpg)\n"
        "- Two convoys reached Gwoza on Monday.\n"
        "- A third is to leave Maiduguri next week.\n\n"
        "> \"We have nothing left,\" said a farmer.\n\n"
        "---\n"
    )
    assert clean_text(raw, markdown=True) == (
        "Aid and investigation\n\n"
        "Two convoys reached Gwoza on Monday.\n\n"
        "A third is to leave Maiduguri next week.\n\n"
        "\"We have nothing left,\" said a farmer."
    )


def test_snake_case_and_lone_stars_survive_markdown_stripping():
    assert strip_markdown("file_name_here and 5 * 3 = 15") == "file_name_here and 5 * 3 = 15"


def test_html_entities_and_curly_quotes_are_normalized_but_accents_and_dashes_kept():
    raw = "The council&#8217;s head said &ldquo;enough&rdquo; &amp; left Sa\u2019dah \u2014 and Ti\u0301mbuktu."
    assert clean_text(raw) == "The council's head said \"enough\" & left Sa'dah \u2014 and Tímbuktu."


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    raw = (
        "SAN SALVADOR, 3 JAN 90 -- THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50\n"
        "PEASANTS OF VARIOUS AGES HAVE BEEN KIDNAPPED BY TERRORISTS IN SAN MIGUEL\n"
        "DEPARTMENT.  THE SOURCE ADDED THAT THE TERRORISTS FORCED THE INDIVIDUALS OUT.\n\n"
        "   MEANWHILE, THREE SUBVERSIVES WERE KILLED.\n"
    )
    assert clean_text(raw) == (
        "SAN SALVADOR, 3 JAN 90 -- THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50 PEASANTS OF "
        "VARIOUS AGES HAVE BEEN KIDNAPPED BY TERRORISTS IN SAN MIGUEL DEPARTMENT. THE SOURCE ADDED THAT "
        "THE TERRORISTS FORCED THE INDIVIDUALS OUT.\n\nMEANWHILE, THREE SUBVERSIVES WERE KILLED."
    )


def test_one_paragraph_per_line_keeps_its_paragraphs():
    raw = (
        "Gunmen killed four people in Bandiagara on Sunday night, the mayor said, adding that the toll could rise.\n"
        "The army said it had sent reinforcements.\n"
        "No group has claimed the attack."
    )
    assert clean_text(raw).split("\n\n") == [
        "Gunmen killed four people in Bandiagara on Sunday night, the mayor said, adding that the toll could rise.",
        "The army said it had sent reinforcements.",
        "No group has claimed the attack.",
    ]


def test_paragraph_broken_mid_sentence_is_rejoined():
    raw = "On Tuesday the foreign\n\nminister flew to Baghdad for talks.\n\nHe returned on Wednesday."
    assert clean_text(raw) == "On Tuesday the foreign minister flew to Baghdad for talks.\n\nHe returned on Wednesday."


def test_hyphenated_word_split_across_lines_is_mended():
    raw = "called on the federal government to re-\ninforce security near the pro-\ngovernment militia and al-\nShabaab."
    assert clean_text(raw) == (
        "called on the federal government to reinforce security near the pro-government militia and al-Shabaab."
    )


def test_paragraph_ending_a_sentence_is_not_joined_to_a_lowercase_start():
    raw = "The army denied it.\n\niPhones were seized."
    assert clean_text(raw) == "The army denied it.\n\niPhones were seized."


def test_footer_lines_are_dropped():
    raw = (
        "Three soldiers were killed near Mosul on Sunday, the army said.\n\n"
        "Share this article\n\n"
        "Subscribe to our daily briefing\n\n"
        "Follow us on Twitter and Facebook\n\n"
        "newsdesk@levantmonitor.example\n\n"
        "Contact: +963 11 000 0000\n\n"
        "© 2024 Levant Monitor. All rights reserved.\n\n"
        "Read more: Car bombs hit Manbij market\n\n"
        "Sign up for alerts\n\n"
        "Click here to donate\n\n"
        "Advertisement\n\n"
        "(Reporting by Leila Haddad; Editing by Sarah Lane)"
    )
    assert clean_text(raw) == "Three soldiers were killed near Mosul on Sunday, the army said."


def test_a_sentence_mentioning_subscribers_is_not_a_footer():
    assert not is_footer_line("The channel's 40,000 subscribers saw the video on Monday.")
    assert is_footer_line("Subscribe now")


def test_paragraphs_are_separated_by_exactly_one_blank_line():
    raw = "\n\n\nFirst paragraph ends here.\n\n\n\n   \nSecond paragraph ends here.\n\n\n"
    assert clean_text(raw) == "First paragraph ends here.\n\nSecond paragraph ends here."


def test_invisible_characters_and_odd_spaces_are_removed():
    raw = "Two\u00a0car\u200bbombs\u00ad exploded in\u2009Azaz.\r\nNobody claimed them."
    assert clean_text(raw) == "Two carbombs exploded in Azaz. Nobody claimed them."
