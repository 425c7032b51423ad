"""HTML pages: the article body and its metadata through trafilatura, boilerplate removed."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sitrep.ingest.metadata import Metadata, normalize_date

_MIN_BODY_WORDS = 8

# trafilatura and htmldate log their doubts about a page; sitrep reports problems as one-line
# errors, so keep those records off stderr unless the user configures logging.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass
class HtmlArticle:
    body: str  # paragraphs separated by blank lines, not yet cleaned
    metadata: Metadata


def extract_html(page: str, url: str | None = None) -> HtmlArticle | None:
    """The article in an HTML page, or None when the page has no article body.

    Title, author, date and site name come from the page's meta tags (og:title,
    article:published_time, author, og:site_name) as trafilatura reads them.
    """
    import trafilatura  # imported here: it loads slowly and only HTML input needs it

    document = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Dates from meta tags and the URL only: a wider search reads "(c) 2022" as 1 January.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not is_article_body(document.text or ""):
        return None
    metadata = Metadata(
        title=_value(document.title),
        published=normalize_date(_value(document.date)),
        author=_author(document.author),
        publisher=_value(document.sitename),
        url=_value(document.url) or url,
    )
    # trafilatura writes one paragraph per line; sitrep separates paragraphs by a blank line.
    body = "\n\n".join(line for line in document.text.split("\n") if line.strip())
    return HtmlArticle(body=body, metadata=metadata)


def is_article_body(text: str) -> bool:
    """At least one sentence of some length: trafilatura falls back to menu text on a page with
    no article ("Home Mali")."""
    return len(text.split()) >= _MIN_BODY_WORDS and bool(re.search(r"\w[.!?][\"')]?(\s|$)", text))


def _value(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def _author(text: str | None) -> str | None:
    # trafilatura joins several authors with "; ".
    text = _value(text)
    return " and ".join(part.strip() for part in text.split(";")) if text else None
