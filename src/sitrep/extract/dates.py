"""The event's own date: the date words that belong to a mention, resolved against the
publication date, with honest precision.

Two layers:
- `resolve_date_expression(text, published, tense)` is pure: one date phrase ("on Tuesday",
  "mid-December", "between 1 and 3 May") to an `EventDate` spanning what the words support.
- `resolve_event_date(mention, published)` finds the date phrases of the mention's sentence, picks the
  one that belongs to the mention's trigger, and resolves it; with none, the publication date stands in.

dateparser is not used: it guesses a day for "August" and resolves future dates into the past, so
every form below has its own rule. Conventions (documented for users of the data):
- weekdays: the most recent one at or before publication for a past event (wire copy dated
  Monday says "on Monday" of that same day; "last Monday" is a week earlier), the next one
  strictly after for a future one;
- day and month with no year: the year that puts the date at or before publication (past) or at or
  after it (future); a month alone likewise, counting the current month;
- "last April" is the most recent April before the current month; "this April" the current year's;
- early/mid/late month: days 1-10, 11-20, 21-end, precision "month" (the day is not known);
- seasons are meteorological, northern hemisphere: spring Mar-May, summer Jun-Aug, autumn/fall
  Sep-Nov, winter Dec-Feb; precision "month";
- "overnight" spans the day before publication and publication day; "last night" is the day before;
- "by X" / "until X" give only an end; "since X" gives a start, with publication as end.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from sitrep.extract.events.lexicon import load_lexicon
from sitrep.extract.mention import EventMention
from sitrep.types import DatePrecision, EventDate

__all__ = ["resolve_event_date", "resolve_date_expression", "find_date_phrases", "DatePhrase"]

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
# Statements (said, blamed, condemned, asked) and the verbs that only report them.
STATEMENT_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE", "SUPPORT", "CONCEDE"})
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "announce", "state", "add", "according"})
# Material acts whose date is their own.
DEED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})
LOOKBACK_SENTENCES = 3  # how far back a sentence with no date words may borrow one

# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "several": 3,
}

# Month names are matched case-sensitively (capitalized) so that "may" the verb is never a month.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_NUMWORD = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple\s+of|a\s+few|several)"
_DASH = r"\s*(?:-|–|—)\s*"

# Single-date patterns (no prefix); each names its parts with groups.
_DMY = rf"(?:the\s+)?(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH}),?(?:\s+(?P<y1>{_YEAR}))?"
_MDY = rf"(?P<m2>{_MONTH})\s*,?\s+(?P<d2>{_DAY})\b(?:\s*,?\s+(?P<y2>{_YEAR}))?"
_ISO = rf"(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])"


@dataclass(frozen=True)
class DatePhrase:
    """Date words found in a text: character offsets into that text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Day:
    """A day, possibly with its month and year unknown (filled from the other end of a range)."""

    day: int | None
    month: int | None
    year: int | None


# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _is_future(tense: str) -> bool:
    return tense in ("future", "planned")


def _year_for_day(month: int, day: int, published: date, tense: str) -> int:
    """The year that puts day/month at or before publication (past) or at or after it (future)."""
    candidate = _safe_date(published.year, month, day) or date(published.year, month, 28)
    if _is_future(tense):
        return published.year if candidate >= published else published.year + 1
    return published.year if candidate <= published else published.year - 1


def _year_for_month(month: int, published: date, tense: str, relative: str | None) -> int:
    if relative == "this":
        return published.year
    if relative == "last":
        return published.year if month < published.month else published.year - 1
    if relative == "next":
        return published.year if month > published.month else published.year + 1
    if _is_future(tense):
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _result(start: date | None, end: date | None, precision: DatePrecision, text: str) -> EventDate:
    return EventDate(
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        precision=precision,
        text=text,
    )


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


# ---------------------------------------------------------------------------------------------
# Rules: each takes the regex match, the publication date (None where unknown) and the tense
# ---------------------------------------------------------------------------------------------

Rule = Callable[[re.Match, date | None, str], EventDate | None]


def _single_day(match: re.Match) -> _Day:
    g = match.groupdict()
    if g.get("iy"):
        return _Day(int(g["id"]), int(g["im"]), int(g["iy"]))
    if g.get("m1"):
        return _Day(_day_number(g["d1"]), _month_number(g["m1"]), int(g["y1"]) if g.get("y1") else None)
    return _Day(_day_number(g["d2"]), _month_number(g["m2"]), int(g["y2"]) if g.get("y2") else None)


def _complete_day(day: _Day, published: date | None, tense: str) -> date | None:
    if day.day is None or day.month is None:
        return None
    year = day.year
    if year is None:
        if published is None:
            return None
        year = _year_for_day(day.month, day.day, published, tense)
    return _safe_date(year, day.month, day.day)


def _rule_day(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    day = _complete_day(_single_day(match), published, tense)
    if day is None:
        return None
    bound = (match.groupdict().get("bound") or "").lower()
    if bound in ("by", "until", "till", "before"):
        return _result(None, day, "day", match.group(0))
    if bound == "since":
        return _result(day, published, "day", match.group(0))
    return _result(day, day, "day", match.group(0))


def _rule_day_range(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    g = match.groupdict()
    month = _month_number(g["rm"])
    year = int(g["ry"]) if g.get("ry") else None
    last = _complete_day(_Day(_day_number(g["rd2"]), month, year), published, tense)
    if last is None:
        return None
    first = _safe_date(last.year, month, _day_number(g["rd1"]))
    if first is None or first > last:
        return None
    return _result(first, last, "day", match.group(0))


def _rule_two_dates(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    """"between 28 April and 2 May", "from April 28 to May 2": two full day expressions."""
    first = resolve_date_expression(match.group("a"), published, tense)
    last = resolve_date_expression(match.group("b"), published, tense)
    if not first or not last or not first.start or not last.end:
        return None
    start, end = date.fromisoformat(first.start), date.fromisoformat(last.end)
    if start > end:  # "from 28 December to 2 January": the first day is in the year before
        start = _safe_date(end.year - 1, start.month, start.day) or start
    if start > end:
        return None
    coarser = max(first.precision, last.precision, key=PRECISION_RANK.__getitem__)
    return _result(start, end, coarser, match.group(0))


def _rule_month(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    g = match.groupdict()
    month = _month_number(g["mm"])
    relative = (g.get("rel") or "").lower() or None
    if g.get("my"):
        year = int(g["my"])
    elif published is None:
        return None
    else:
        year = _year_for_month(month, published, tense, relative)
    start, end = _month_span(year, month)
    part = (g.get("part") or "").lower()
    if part == "early":
        end = date(year, month, 10)
    elif part == "mid":
        start, end = date(year, month, 11), date(year, month, 20)
    elif part == "late":
        start = date(year, month, 21)
    bound = (g.get("bound") or "").lower()
    if bound in ("by", "until", "till", "before"):
        return _result(None, end, "month", match.group(0))
    if bound == "since":
        return _result(start, published, "month", match.group(0))
    return _result(start, end, "month", match.group(0))


def _rule_year(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    year = int(match.group("yy"))
    return _result(date(year, 1, 1), date(year, 12, 31), "year", match.group(0))


def _rule_weekday(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    if published is None:
        return None
    weekday = WEEKDAYS[match.group("wd").lower().rstrip("s")]
    relative = (match.group("wrel") or "").lower()
    future = relative == "next" or (relative != "last" and _is_future(tense))
    if future:
        ahead = (weekday - published.weekday()) % 7 or 7
        day = published + timedelta(days=ahead)
    else:
        back = (published.weekday() - weekday) % 7
        if back == 0 and relative == "last":
            back = 7
        day = published - timedelta(days=back)
    return _result(day, day, "day", match.group(0))


def _rule_relative_day(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    if published is None:
        return None
    word = re.sub(r"\s+", " ", match.group(0).lower())
    if "day before yesterday" in word:
        day = published - timedelta(days=2)
    elif "yesterday" in word or word in ("last night", "the previous day", "the day before", "the previous night"):
        day = published - timedelta(days=1)
    elif "tomorrow" in word:
        day = published + timedelta(days=1)
    elif "overnight" in word:
        start = published - timedelta(days=1)
        return _result(start, published, "day", match.group(0))
    else:  # today, tonight, this morning ...
        day = published
    return _result(day, day, "day", match.group(0))


def _rule_ago(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    if published is None:
        return None
    count = WORD_NUMBERS.get(re.sub(r"\s+", " ", match.group("n").lower()))
    if count is None:
        count = int(match.group("n"))
    unit = match.group("unit").lower().rstrip("s")
    if unit == "day":
        day = published - timedelta(days=count)
        return _result(day, day, "day", match.group(0))
    if unit == "week":
        start, end = _week_of(published - timedelta(weeks=count))
        return _result(start, end, "week", match.group(0))
    if unit == "month":
        year, month = _add_months(published.year, published.month, -count)
        return _result(*_month_span(year, month), "month", match.group(0))
    year = published.year - count
    return _result(date(year, 1, 1), date(year, 12, 31), "year", match.group(0))


def _rule_relative_period(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    """"last week", "this week", "earlier this month", "next year" ..."""
    if published is None:
        return None
    rel = match.group("prel").lower()
    unit = match.group("unit").lower()
    earlier = bool(match.group("earlier"))
    if rel == "past":  # "the past week": the days up to publication, not the calendar week
        return _rolling_period(unit, published, match.group(0))
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "week":
        start, end = _week_of(published + timedelta(weeks=shift))
        precision: DatePrecision = "week"
    elif unit == "month":
        year, month = _add_months(published.year, published.month, shift)
        start, end = _month_span(year, month)
        precision = "month"
    else:
        start, end = date(published.year + shift, 1, 1), date(published.year + shift, 12, 31)
        precision = "year"
    if shift == 0:  # the current period: only the part before (past) or after (future) publication
        if earlier or not _is_future(tense):
            end = published
        else:
            start = published
    return _result(start, end, precision, match.group(0))


def _rolling_period(unit: str, published: date, text: str) -> EventDate:
    if unit == "week":
        return _result(published - timedelta(days=7), published, "week", text)
    if unit == "month":
        year, month = _add_months(published.year, published.month, -1)
        start = _safe_date(year, month, published.day) or _month_end(year, month)
        return _result(start, published, "month", text)
    start = _safe_date(published.year - 1, published.month, published.day) or published - timedelta(days=365)
    return _result(start, published, "year", text)


def _rule_season(match: re.Match, published: date | None, tense: str) -> EventDate | None:
    first_month, length = SEASONS[match.group("season").lower()]
    rel = (match.group("srel") or "").lower()
    if match.group("sy"):
        year = int(match.group("sy"))
    elif published is None:
        return None
    else:
        year = _season_year(first_month, length, published, tense, rel)
    start = date(year, first_month, 1)
    end_year, end_month = _add_months(year, first_month, length - 1)
    return _result(start, _month_end(end_year, end_month), "month", match.group(0))


def _season_year(first_month: int, length: int, published: date, tense: str, rel: str) -> int:
    """The year in which the meant season starts."""

    def span(year: int) -> tuple[date, date]:
        end_year, end_month = _add_months(year, first_month, length - 1)
        return date(year, first_month, 1), _month_end(end_year, end_month)

    # the season instance that contains publication, or the latest one before it
    year = published.year if span(published.year)[0] <= published else published.year - 1
    current_start, current_end = span(year)
    if rel == "last":
        return year if current_end < published else year - 1
    if rel == "next" or (rel != "this" and _is_future(tense)):
        return year if published <= current_end and rel != "next" else year + 1
    return year


# ---------------------------------------------------------------------------------------------
# The grammar: (pattern, rule), tried in order; the finder joins them into one alternation
# ---------------------------------------------------------------------------------------------

_BOUND = r"(?:(?P<bound>[Bb]y|[Uu]ntil|[Tt]ill|[Ss]ince|[Bb]efore)\s+)?"
_REL_MONTH = r"(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?"

_PATTERNS: list[tuple[str, Rule]] = [
    (rf"(?:[Bb]etween|[Ff]rom)\s+(?P<a>{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)"
     rf"\s+(?:and|to|until|till)\s+(?P<b>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)",
     _rule_two_dates),
    (rf"(?:(?:[Bb]etween|[Ff]rom)\s+)?(?P<rd1>{_DAY})\s*(?:-|–|—|to|and|until)\s*(?P<rd2>{_DAY})\s+"
     rf"(?:of\s+)?(?P<rm>{_MONTH}),?(?:\s+(?P<ry>{_YEAR}))?", _rule_day_range),
    (rf"(?:(?:[Bb]etween|[Ff]rom)\s+)?(?P<rm>{_MONTH})\s+(?P<rd1>{_DAY})\s*(?:-|–|—|to|and|until)\s*"
     rf"(?P<rd2>{_DAY})\b,?(?:\s+(?P<ry>{_YEAR}))?", _rule_day_range),
    (rf"{_BOUND}{_ISO}", _rule_day),
    (rf"{_BOUND}(?:(?:[Oo]n\s+)?the\s+night\s+of\s+)?{_DMY}", _rule_day),
    (rf"{_BOUND}(?:(?:[Oo]n\s+)?the\s+night\s+of\s+)?{_MDY}", _rule_day),
    (rf"(?:(?:[Ii]n|[Dd]uring|[Tt]hroughout)\s+)?{_BOUND}(?:(?:the\s+)?(?P<part>[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+))?{_REL_MONTH}(?P<mm>{_MONTH})"
     rf"(?:,?\s+(?P<my>{_YEAR}))?\b", _rule_month),
    (rf"(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?)\s*(?P<yy>{_YEAR})\b", _rule_year),
    (rf"(?:(?:[Oo]n|[Ll]ate|[Ee]arly)\s+)?(?:(?P<wrel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+)?(?P<wd>{_WEEKDAY})s?{_PART}?",
     _rule_weekday),
    (r"(?:[Tt]he\s+)?day\s+before\s+yesterday|(?:[Ee]arly\s+|[Ll]ate\s+)?(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)"
     rf"{_PART}?|[Ll]ast\s+night|[Tt]onight|[Oo]vernight|[Tt]his\s+(?:morning|afternoon|evening)"
     r"|[Tt]he\s+previous\s+(?:day|night)|[Tt]he\s+day\s+before\b", _rule_relative_day),
    (rf"(?P<n>{_NUMWORD})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago", _rule_ago),
    (r"(?:(?:[Oo]ver|[Ii]n|[Dd]uring)\s+)?(?:[Tt]he\s+)?(?P<earlier>(?:[Ee]arlier|[Ll]ater)\s+)?(?P<prel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming)\s+"
     r"(?P<unit>week|month|year)\b", _rule_relative_period),
    (r"(?:(?:[Ii]n|[Dd]uring|[Oo]ver)\s+)?(?:(?P<srel>[Ll]ast|[Tt]his|[Nn]ext)\s+|the\s+)"
     r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<sy>(?:19|20)\d{2}))?\b", _rule_season),
]


def _compile() -> tuple[list[tuple[re.Pattern, Rule]], re.Pattern]:
    rules = [(re.compile(pattern), rule) for pattern, rule in _PATTERNS]
    # For finding phrases, the same patterns without group names (names repeat across patterns).
    bare = [re.sub(r"\(\?P<\w+>", "(?:", pattern) for pattern, _ in _PATTERNS]
    finder = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in bare) + r")(?![\w])")
    return rules, finder


_RULES, _FINDER = _compile()
_BARE_MONTH = re.compile(_MONTH)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def resolve_date_expression(text: str, published: date | None, tense: str = "past") -> EventDate | None:
    """One date phrase to an EventDate, or None when the words are not a date sitrep knows or
    need a publication date that is not there. `tense` is past, present, future or planned."""
    phrase = re.sub(r"\s+", " ", text.strip().strip(",.;"))
    bare = re.sub(r"^(?:[Oo]n|[Ii]n|[Dd]uring|[Aa]round|[Aa]bout|[Oo]f)\s+(?=\S)", "", phrase)
    for pattern, rule in _RULES:
        match = pattern.fullmatch(phrase) or pattern.fullmatch(bare)
        if match:
            resolved = rule(match, published, tense)
            if resolved is not None:
                resolved.text = text.strip().strip(",.;")
                return resolved
    return None


def find_date_phrases(text: str) -> list[DatePhrase]:
    """Every date phrase sitrep can resolve in a text, left to right. A month name alone ("May",
    "March") is taken only with a word that makes it a date: "in May", "last March", "May 2020"."""
    phrases = []
    for match in _FINDER.finditer(text):
        words = match.group(0).rstrip(",;. ")
        if not _BARE_MONTH.fullmatch(words):
            phrases.append(DatePhrase(words, match.start(), match.start() + len(words)))
    return phrases


def resolve_event_date(mention: EventMention, published: date | None) -> EventDate:
    """The mention's own date. Prefers date words governed by the trigger's verb, inside the
    trigger's clause, nearest the trigger; then a date of the few sentences before (news leads
    carry the date once); then the publication date."""
    tense = "planned" if mention.modality == "planned" else mention.tense
    candidates = [(span, when) for span, when in _resolved_phrases(mention.sentence, published, tense)
                  if not _in_other_relative_clause(span, mention)]
    if candidates:
        _, resolved = min(candidates, key=lambda item: _closeness(item[0], mention))
        return resolved
    statement = mention.event_type in STATEMENT_TYPES
    for sentence in _previous_sentences(mention.sentence):
        found = [(span, when) for span, when in _resolved_phrases(sentence, published, tense)
                 if _can_lend(span, when, published, tense) and not (statement and _dates_other_act(span))]
        if found:
            return found[0][1]
    if published is None:
        return EventDate(start=None, end=None, precision="unknown")
    day = published.isoformat()
    return EventDate(start=day, end=day, precision="day", from_publication_date=True)


# ---------------------------------------------------------------------------------------------
# Picking the mention's phrase
# ---------------------------------------------------------------------------------------------


def _resolved_phrases(sentence: Span, published: date | None, tense: str) -> list[tuple[Span, EventDate]]:
    found: list[tuple[Span, EventDate]] = []
    for phrase in find_date_phrases(sentence.text):
        resolved = resolve_date_expression(phrase.text, published, tense)
        span = sentence.char_span(phrase.start, phrase.end, alignment_mode="expand")
        if resolved is not None and span is not None and not _is_modifier_of_noun(span):
            found.append((span, resolved))
    return found


def _can_lend(span: Span, when: EventDate, published: date | None, tense: str) -> bool:
    """A date an earlier sentence may lend to a sentence with none: the day or week of the news,
    on the same side of the publication date as the borrowing event. A year ("since last year")
    or a span that only starts ("since March") dates background, not the next sentence's event."""
    if when.precision not in ("day", "week", "month"):
        return False
    if span[0].lower_ == "since" or span.start > 0 and span.doc[span.start - 1].lower_ == "since":
        return False
    if published is None or not when.start:
        return True
    future = date.fromisoformat(when.start[:10]) > published
    return future == _is_future(tense)


def _dates_other_act(span: Span) -> bool:
    """A date in an earlier sentence that dates a report ("the UN said last week") or a deed
    ("Last Friday a bomb killed a cleric") is that act's own: a statement in a later sentence
    ("Pakistan condemned the bombing") was not made then."""
    verb = _governing_verb(span.root)
    lemma = verb.lemma_.lower()
    return lemma in REPORTING_LEMMAS or _is_deed_verb(lemma)


def _is_deed_verb(lemma: str) -> bool:
    lexicon = load_lexicon()
    return any(len(trigger.words) == 1 and lexicon.families[trigger.family].event_type in DEED_TYPES
               for trigger in lexicon.by_first_word.get(lemma, []))


def _in_other_relative_clause(span: Span, mention: EventMention) -> bool:
    """"The governor, who visited Pulka on Monday, said the state would send food": a date in a
    relative clause that modifies a participant dates that clause's verb, not the event named
    outside it."""
    trigger = mention.trigger.root
    for clause_verb in [span.root, *span.root.ancestors]:
        if clause_verb.dep_ == "relcl":
            return not (clause_verb.left_edge.i <= trigger.i <= clause_verb.right_edge.i)
    return False


def _is_modifier_of_noun(span: Span) -> bool:
    """"a 2015 law", "Tuesday's attack" is fine (possessive names the event); "the 1 May parade"
    compounds are kept too. Only a bare year used as a compound is dropped."""
    root = span.root
    return len(span) == 1 and root.like_num and root.dep_ in ("compound", "nummod", "amod")


def _closeness(span: Span, mention: EventMention) -> tuple[int, int, int]:
    clause = mention.clause
    in_clause = clause.start <= span.start and span.end <= clause.end
    governed = _governing_verb(span.root).i == _trigger_verb(mention.trigger).i
    distance = min(abs(span.start - mention.trigger.end), abs(mention.trigger.start - span.end))
    return (0 if in_clause else 1, 0 if governed else 1, distance)


def _governing_verb(token: Token) -> Token:
    """The nearest verb above a token (the sentence root where there is none)."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return current


def _trigger_verb(trigger: Span) -> Token:
    root = trigger.root
    return root if root.pos_ in ("VERB", "AUX") else _governing_verb(root)


def _previous_sentences(sentence: Span) -> list[Span]:
    """Up to LOOKBACK_SENTENCES sentences before this one, nearest first."""
    before: list[Span] = []
    doc = sentence.doc
    if not doc.has_annotation("SENT_START"):
        return before
    for earlier in doc.sents:
        if earlier.start >= sentence.start:
            break
        before.append(earlier)
    return list(reversed(before[-LOOKBACK_SENTENCES:]))
