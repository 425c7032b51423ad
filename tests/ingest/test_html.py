"""HTML pages through trafilatura: body without boilerplate, metadata from meta tags."""

from sitrep.errors import SitrepError
from sitrep.ingest import read_inputs
from sitrep.ingest.html import extract_html

PAGE = """<!DOCTYPE html>
<html><head>
<title>Gunmen kill villagers near Bandiagara | Sahel Courier</title>
<meta property="og:title" content="Gunmen kill villagers near Bandiagara">
<meta property="og:site_name" content="Sahel Courier">
<meta property="og:url" content="https://sahelcourier.example/bandiagara">
<meta name="author" content="Moussa Traore">
<meta property="article:published_time" content="2022-07-19T07:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/mali">Mali</a> <a href="/subscribe">Subscribe</a></nav>
<article>
<h1>Gunmen kill villagers near Bandiagara</h1>
<p>Gunmen on motorbikes killed at least 22 villagers near Bandiagara in central Mali on Sunday night,
the mayor of a neighbouring commune said on Monday.</p>
<p>&ldquo;We buried 22 bodies and eight people are still missing,&rdquo; the mayor, Amadou Guindo, said.
The army said it had sent reinforcements to the area.</p>
<p>Dan Na Ambassagou, a Dogon militia, blamed the al-Qaeda-linked JNIM, which has not commented on
the attack or on the militia&#8217;s accusation.</p>
</article>
<footer><p>&copy; 2022 Sahel Courier. All rights reserved.</p><p>Follow us on Facebook</p></footer>
</body></html>
"""

NO_ARTICLE = """<html><head><title>Sahel Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/mali">Mali</a></nav><footer>&copy; 2022 Sahel Courier</footer>
</body></html>"""


def test_meta_tags_give_the_metadata():
    extracted = extract_html(PAGE)
    assert extracted is not None
    meta = extracted.metadata
    assert meta.title == "Gunmen kill villagers near Bandiagara"
    assert meta.author == "Moussa Traore"
    assert meta.published == "2022-07-19"
    assert meta.publisher == "Sahel Courier"
    assert meta.url == "https://sahelcourier.example/bandiagara"


def test_html_file_body_has_no_boilerplate_and_no_repeated_title(tmp_path):
    path = tmp_path / "bandiagara.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.id == "bandiagara"
    assert article.text.startswith("Gunmen on motorbikes killed at least 22 villagers near Bandiagara")
    assert '"We buried 22 bodies and eight people are still missing," the mayor' in article.text
    assert "militia's accusation." in article.text
    for boilerplate in ("Home", "Subscribe", "All rights reserved", "Follow us"):
        assert boilerplate not in article.text
    assert article.text.count("\n\n") == 2  # three paragraphs


def test_page_without_an_article_is_e006(tmp_path):
    path = tmp_path / "index.htm"
    path.write_text(NO_ARTICLE, encoding="utf-8")
    [error] = read_inputs([str(path)])
    assert isinstance(error, SitrepError)
    assert error.code == "E006"


def test_html_sample_falls_back_to_text_rules_only_where_meta_tags_are_silent():
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "samples" / "manbij-investigation.html"
    [article] = read_inputs([str(sample)])
    assert article.meta() == {
        "id": "manbij-investigation",
        "title": "Investigators reach Manbij two days after market bombing",
        "published": "2024-03-13",
        "author": "Karim Mansour",
        "publisher": "Euphrates Post",
        "url": "https://euphratespost.example/2024/03/13/manbij-investigators",
    }
    assert article.text.startswith("A team of Turkish investigators arrived in Manbij on Wednesday")
    assert "By Karim Mansour" not in article.text
