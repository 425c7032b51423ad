"""Article metadata: title, publication date, author, publisher.

Metadata given with the input always wins. What is missing is looked for in the text itself:
the lines at the top (a title line or Markdown heading, a byline, a date on its own line) and a
wire dateline at the start of the body ("BEIRUT, June 12 (Reuters) -"). Lines at the top that
hold metadata are removed from the body; a dateline stays in the text, since it is part of the
first sentence as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date

# Dates ---------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_TIME = r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2})?)?"
_DATE_FORMS = (
    rf"(?P<d1>{_DAY})\s+(?P<m1>{MONTH}),?\s+(?P<y1>\d{{4}}|\d{{2}})",  # 12 March 2016, 3 JAN 90
    rf"(?P<m2>{MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>\d{{4}})",  # March 12, 2016
    r"(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})",  # 2016-03-12
    r"(?P<d4>\d{1,2})[./](?P<m4>\d{1,2})[./](?P<y4>\d{4})",  # 12/03/2016, day first as in wire copy
)
_DATE_PREFIX = r"(?:(?:published|updated|last\s+updated|posted|date|first\s+published)\s*(?:on)?\s*:?\s*)?"
DATE_PATTERN = rf"{_WEEKDAY}(?:{'|'.join(_DATE_FORMS)}){_TIME}"
_DATE_LINE = re.compile(rf"^{_DATE_PREFIX}{DATE_PATTERN}$", re.IGNORECASE)
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def normalize_date(value: str | None) -> str | None:
    """Any common way of writing a publication date, as ISO YYYY-MM-DD; None if it is not one."""
    if not value or not value.strip():
        return None
    value = value.strip()
    match = _ISO_PREFIX.match(value)
    if match:
        return _iso(*(int(part) for part in match.groups()))
    match = _DATE_LINE.match(value)
    if match:
        return _date_from_match(match)
    return _normalize_with_dateparser(value)


def _normalize_with_dateparser(value: str) -> str | None:
    if not re.search(r"\b(?:19|20)\d\d\b", value):
        return None  # "yesterday" or "Tuesday" is not a publication date without a base date
    import dateparser  # slow to import: only for formats the patterns above do not know

    parsed = dateparser.parse(
        value, languages=["en"], settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
    )
    return parsed.date().isoformat() if parsed else None


def _date_from_match(match: re.Match[str]) -> str | None:
    parts = {key[0]: value for key, value in match.groupdict().items() if value and key[0] in "dmy"}
    month_text = parts["m"].lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text[:3]]
    day = int(re.match(r"\d+", parts["d"]).group())  # type: ignore[union-attr]
    return _iso(_full_year(parts["y"]), month, day)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # "3 JAN 90": wire copy of the last century
        year += 1900 if year >= 50 else 2000
    return year


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# Metadata found in the text ------------------------------------------------------------------


@dataclass
class Metadata:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None

    def filled_from(self, other: Metadata) -> Metadata:
        """These values, with the gaps filled from `other`."""
        return replace(self, **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})


_NOTE_LINE = re.compile(
    r"^(?:\[[^\]]*\b(?:fictional|sample|note)\b[^\]]*\]|\(?(?:note|editor'?s note)\s*:.*\bfictional\b.*|<!--.*-->)$",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)(?:\s+#+)?$")
_BYLINE = re.compile(r"^(?:by|written\s+by|words\s+by|from)\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_NAME = r"[A-Z][\w'.-]+(?:\s+(?:(?:al|el|bin|ibn|de|van|von|da|di|le)[- ]?)?[A-Z][\w'.-]+){1,3}"
_NAME_AND_DATE = re.compile(rf"^(?P<name>{_NAME})\s*(?:[,|·•–-]\s*)?(?P<date>{DATE_PATTERN})$", re.IGNORECASE)
_ONLY_NAME = re.compile(rf"^{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*$")

# Outlet words that tell "Reuters" or "Levant Monitor" apart from a role like "Staff Reporter".
KNOWN_AGENCIES = {
    "ap": "AP", "associated press": "Associated Press", "afp": "AFP",
    "agence france-presse": "Agence France-Presse", "reuters": "Reuters", "dpa": "dpa",
    "ansa": "ANSA", "efe": "EFE", "upi": "UPI", "xinhua": "Xinhua", "sana": "SANA", "ina": "INA",
    "nan": "NAN", "anadolu": "Anadolu", "anadolu agency": "Anadolu Agency", "bbc": "BBC",
    "al jazeera": "Al Jazeera", "cnn": "CNN", "saba": "Saba", "pajhwok": "Pajhwok",
}
_OUTLET_WORD = re.compile(
    r"\b(?:news|press|times|post|agency|monitor|observer|herald|tribune|journal|media|network|"
    r"tv|radio|gazette|daily|wire|review|chronicle|telegraph|guardian|report|courier|dispatch)\b",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(r"\b(?:reporter|correspondent|editor|staff|writer|contributor|in)\b", re.IGNORECASE)

_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30
_MAX_HEADER_LINES = 8


def split_header(text: str, known_title: str | None = None) -> tuple[Metadata, str]:
    """Metadata from the lines at the top of `text`, and the text with those lines removed.

    Looks at the leading lines only, stopping at the first line of the body. `known_title`, when
    the input gave one, is removed if the text repeats it as its first line.
    """
    lines = text.split("\n")
    found = Metadata()
    index, seen = 0, 0
    while index < len(lines) and seen < _MAX_HEADER_LINES:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        seen += 1
        if not _read_header_line(line, lines, index, found, known_title):
            break
        index += 1
    return found, "\n".join(lines[index:])


def _read_header_line(line: str, lines: list[str], index: int, found: Metadata, known_title: str | None) -> bool:
    """Record what `line` says in `found`; False when the line belongs to the body."""
    if _NOTE_LINE.match(line) or re.fullmatch(r"[-=*_#\s]{3,}", line):
        return True
    if known_title and _same_words(line.lstrip("# "), known_title):
        return True
    if _DATE_LINE.match(line):
        found.published = found.published or normalize_date(line)
        return True
    if byline := parse_byline(line):
        author, publisher, published = byline
        found.author = found.author or author
        found.publisher = found.publisher or publisher
        found.published = found.published or published
        return True
    if found.title is None and known_title is None and found.author is None:
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            found.title = _plain(heading.group("title"))
            return True
        if _looks_like_title(line, lines, index):
            found.title = _plain(line)
            return True
    return False


def parse_byline(line: str) -> tuple[str | None, str | None, str | None] | None:
    """(author, publisher, published) from a byline, or None if the line is not one.

    Reads "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Jane Doe 4 May 2019" and
    "By Jane Doe | Levant Monitor | 12 March 2016".
    """
    line = _plain(line)
    match = _NAME_AND_DATE.match(line)
    if match and _ONLY_NAME.match(match.group("name")):
        return match.group("name"), None, normalize_date(match.group("date"))
    match = _BYLINE.match(line)
    if not match:
        return None
    rest = match.group("rest").strip(" .")
    published = None
    date_at_end = re.search(rf"(?:^|[\s,|·•–-]+)(?P<date>{_DATE_PREFIX}{DATE_PATTERN})$", rest, re.IGNORECASE)
    if date_at_end:
        published = normalize_date(date_at_end.group("date"))
        rest = rest[: date_at_end.start()].strip(" ,|·•–-")
    parts = [part.strip() for part in re.split(r"\s*[,|·•]\s*|\s+[–-]\s+", rest) if part.strip()]
    if not parts or not _ONLY_NAME.match(parts[0]):
        return None
    authors, publisher = [parts[0]], None
    for part in parts[1:]:
        if publisher is None and is_outlet(part):
            publisher = KNOWN_AGENCIES.get(part.lower(), part)
        elif _ONLY_NAME.match(part) and not _ROLE_WORD.search(part):
            authors.append(part)
    return " and ".join(authors), publisher, published


def is_outlet(name: str) -> bool:
    return name.lower() in KNOWN_AGENCIES or bool(_OUTLET_WORD.search(name))


def _looks_like_title(line: str, lines: list[str], index: int) -> bool:
    """A short line on its own, not ending like a sentence, with more text after it."""
    if len(line) > _MAX_TITLE_CHARS or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    if re.search(r"[.,;:]$", line) and not line.endswith("..."):
        return False
    following = [candidate.strip() for candidate in lines[index + 1 :]]
    if not any(following):
        return False  # a lone line is the article, not its title
    next_line = following[0]
    # Alone in its block, or followed directly by a byline or a date line.
    return not next_line or bool(parse_byline(next_line) or _DATE_LINE.match(next_line))


def _plain(text: str) -> str:
    """A metadata value without Markdown emphasis or stray spaces."""
    text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    return words(_plain(a)) == words(_plain(b))


# Wire datelines -------------------------------------------------------------------------------

_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z'.\-]*(?:\s+[A-Z][A-Z'.\-]*){{0,3}})
        (?:\s*\((?P<country>[A-Z][A-Z'.\-\ ]+)\)(?=,))?  # "ROME (ITALY), 11 JAN 90 --"
        (?:,\s*(?P<region>[A-Z][A-Za-z'.\-]*(?:\s+[A-Z][A-Za-z'.\-]*){{0,3}}))?
        (?:,\s*(?P<date>(?i:{MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?i:{MONTH})(?:\s+\d{{2,4}})?))?
        \s*(?:\((?P<agency>[^()]{{2,40}})\))?
        \s*(?:--|[-—–])\s""",
    re.VERBOSE,
)


@dataclass
class Dateline:
    place: str
    publisher: str | None
    month_day: tuple[int, int] | None
    year: int | None


def parse_dateline(text: str) -> Dateline | None:
    """The wire dateline that opens `text`, if any: "MOSUL, Iraq (AP) —", "BEIRUT, June 12 (Reuters) -"."""
    match = _DATELINE.match(text)
    if not match or not (match.group("agency") or match.group("date")):
        return None
    if match.group("place").upper() != match.group("place"):
        return None
    agency = match.group("agency")
    publisher = KNOWN_AGENCIES.get(agency.strip().lower(), agency.strip()) if agency else None
    month_day, year = None, None
    if match.group("date"):
        month_day, year = _month_day_year(match.group("date"))
    return Dateline(match.group("place"), publisher, month_day, year)


def _month_day_year(text: str) -> tuple[tuple[int, int] | None, int | None]:
    month_match = re.search(MONTH, text, re.IGNORECASE)
    numbers = re.findall(r"\d+", text)
    if not month_match or not numbers:
        return None, None
    month = _MONTHS[month_match.group().lower().rstrip(".")[:3]]
    year = None
    day_text = numbers[0]
    if len(numbers) > 1:
        year = _full_year(numbers[1])
    return (month, int(day_text)), year


def metadata_from_dateline(text: str, year_hint: int | None = None) -> Metadata:
    """Publisher and date from the dateline at the start of the cleaned text. A dateline with no
    year ("BEIRUT, June 12 (Reuters) -") takes it from `year_hint` (a year-only publication
    date given with the input); without one it gives no date. Years mentioned in the body are
    not used: "the worst attack since March 2023" would date a 2024 article wrongly."""
    dateline = parse_dateline(text)
    if dateline is None:
        return Metadata()
    published = None
    year = dateline.year or year_hint
    if dateline.month_day and year:
        published = _iso(year, *dateline.month_day)
    return Metadata(publisher=dateline.publisher, published=published)


def year_only(value: str | None) -> int | None:
    """The year of a publication date given as a bare year ("2019"), else None."""
    match = re.fullmatch(r"\s*(19\d\d|20\d\d)\s*", value or "")
    return int(match.group(1)) if match else None


def find_metadata(text: str, given: Metadata) -> tuple[Metadata, str]:
    """The article's metadata (`given` wins, then the header lines) and the text without its
    header. The dateline is read later, from the cleaned body: see `metadata_from_dateline`."""
    found, body = split_header(text, known_title=given.title)
    return given.filled_from(found), body
