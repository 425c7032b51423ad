"""Whether two event reports can describe the same real event, and how strongly.

Each record (or already merged canonical event) is reduced once to a compact `MatchKey`; the
rules below compare two keys. Rules follow ACLED's and UCDP's practice: compatible types,
overlapping dates within their precision, nearby places or the same admin unit, compatible actors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from unidecode import unidecode

# How far apart two reports of one event may place it, by the coarser of the two precisions.
PLACE_RADIUS_KM = {"place": 25.0, "admin2": 50.0}
# Two different named perpetrators merge only when places are this close (or the same named place).
DISPUTED_RADIUS_KM = 10.0
# Reports lag: an event published "today" happened up to this many days before.
PUBLICATION_LAG_DAYS = 3
# A day-precision date matches the next day too ("late on Monday" vs "on Tuesday").
DAY_SLACK = 1
# Two death tolls of one event may differ up to TOLL_RATIO * low + TOLL_SLACK.
TOLL_RATIO, TOLL_SLACK = 3, 5
# Dates vaguer than this are too weak to merge reports automatically.
MERGEABLE_DATE_PRECISIONS = {"day", "week", "month"}

FINE_PRECISIONS = {"place", "admin2"}
COARSE_PLACE = 0.4  # place closeness of two reports in the same admin1; the same country is half that
PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3, "unknown": 4}

# ACLED sub-types that different reports of one event plausibly disagree on.
_SUBTYPE_GROUPS: list[frozenset[str]] = [
    frozenset({"Armed clash", "Attack", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}),
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}),
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Protest with intervention", "Violent demonstration", "Mob violence"}),
    frozenset({"Looting/property destruction", "Mob violence"}),
]
_COMPATIBLE_SUBTYPES = {(x, y) for group in _SUBTYPE_GROUPS for x in group for y in group}
# For blocking: the groups each sub-type belongs to (two records can match only if they share one).
SUBTYPE_BUCKETS: dict[str, tuple[str, ...]] = {
    sub: tuple(f"group{i}" for i, group in enumerate(_SUBTYPE_GROUPS) if sub in group)
    for group in _SUBTYPE_GROUPS for sub in group
}
_MODE_FAMILIES = {
    "explosives": "explosive", "suicide-attack": "explosive", "ied": "explosive",
    "aerial": "remote", "drone": "remote", "heavy-weapons": "remote", "artillery": "remote", "missile": "remote",
    "firearms": "firearms", "small-arms": "firearms",
}
# PLOVER types whose reports are compared with each other at all (the blocking's type family).
_TYPE_FAMILIES = {"ASSAULT": "force", "COERCE": "force", "PROTEST": "unrest"}
# Families of events told apart by time and place. Statements, meetings and agreements are told
# apart by who acts towards whom: two accusations in one city on one day are one only when the
# same party makes them against the same party.
_PLACE_AND_TIME_FAMILIES = frozenset({"force", "unrest"})


@dataclass(slots=True)
class MatchKey:
    """What matching needs from one record or canonical event, in a compact form."""

    index: int
    record_id: str
    article_ids: frozenset[str]
    event_type: str
    sub_type: str | None
    mode: str | None
    lo: int | None  # first possible day (proleptic ordinal), slack included
    hi: int | None  # last possible day, slack included
    exact_day: bool  # a day the text itself gives
    country: str | None
    admin1: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    place_precision: str
    perpetrators: frozenset[str]
    fatalities: int | None = None
    recipients: frozenset[str] = frozenset()
    family: str = field(init=False)  # the type family: reports of different families never merge
    is_fine: bool = field(init=False)  # placed at a point precise enough to measure distances

    def __post_init__(self) -> None:
        self.family = _TYPE_FAMILIES.get(self.event_type, self.event_type)
        self.is_fine = self.place_precision in FINE_PRECISIONS and self.lat is not None and self.lon is not None

    @property
    def mergeable(self) -> bool:
        return self.lo is not None and self.hi is not None


@dataclass(slots=True)
class Match:
    """A pair that passed every rule: its strength orders the unions, its reason explains them."""

    left: int
    right: int
    score: float
    disputed: bool = False


def normalize(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(unidecode(text).lower().replace("-", " ").split()) or None


def _to_ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def date_window(date_field: dict[str, Any] | None) -> tuple[int | None, int | None, bool]:
    """The days an event may have happened on, given its date and precision, with slack."""
    if not date_field or date_field.get("precision") not in MERGEABLE_DATE_PRECISIONS:
        return None, None, False
    lo = _to_ordinal(date_field.get("start"))
    hi = _to_ordinal(date_field.get("end")) or lo
    if lo is None or hi is None:
        return None, None, False
    if date_field.get("from_publication_date"):
        return lo - PUBLICATION_LAG_DAYS, hi, False
    exact = date_field.get("precision") == "day"
    return lo, hi + (DAY_SLACK if exact else 0), exact


def is_named_perpetrator(actor: dict[str, Any]) -> bool:
    """A perpetrator with a name: "Unidentified Armed Group (Syria)" is a placeholder, not a name."""
    name = normalize(actor.get("name"))
    return bool(actor.get("role") == "actor" and actor.get("named", True) and name
                and not name.startswith("unidentified"))


def perpetrator_names(actors: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(normalize(a["name"]) for a in actors or () if is_named_perpetrator(a))  # type: ignore[misc]


def recipient_names(actors: list[dict[str, Any]]) -> frozenset[str]:
    return frozenset(normalize(a["name"]) for a in actors or () if a.get("role") == "recipient" and a.get("name"))  # type: ignore[misc]


def same_parties(a: MatchKey, b: MatchKey) -> bool:
    """The same named party acts in both, towards the same party where both name one."""
    if not a.perpetrators or not b.perpetrators or a.perpetrators.isdisjoint(b.perpetrators):
        return False
    return not (a.recipients and b.recipients and a.recipients.isdisjoint(b.recipients))


def key_for(record: dict[str, Any], index: int) -> MatchKey:
    """The match key of a contract record, or of a merged record (with "sources")."""
    location = record.get("location") or {}
    lo, hi, exact = date_window(record.get("date"))
    sources = record.get("sources")
    article_ids = frozenset(s["article_id"] for s in sources) if sources else frozenset({record["article_id"]})
    return MatchKey(
        index=index,
        record_id=record["event_id"],
        article_ids=article_ids,
        event_type=record.get("event_type") or "",
        sub_type=record.get("acled_sub_event_type"),
        mode=record.get("mode"),
        lo=lo,
        hi=hi,
        exact_day=exact,
        country=(location.get("country_code") or None),
        admin1=normalize(location.get("admin1")),
        place_name=normalize(location.get("name")),
        lat=location.get("lat"),
        lon=location.get("lon"),
        place_precision=location.get("precision") or "unknown",
        perpetrators=perpetrator_names(record.get("actors") or []),
        fatalities=record.get("fatalities"),
        recipients=recipient_names(record.get("actors") or []),
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def types_compatible(a: MatchKey, b: MatchKey) -> bool:
    if a.family != b.family:
        return False
    if a.sub_type and b.sub_type:
        return a.sub_type == b.sub_type or (a.sub_type, b.sub_type) in _COMPATIBLE_SUBTYPES
    if a.event_type != b.event_type:
        return False
    return not (a.mode and b.mode and _MODE_FAMILIES.get(a.mode, a.mode) != _MODE_FAMILIES.get(b.mode, b.mode))


def tolls_conflict(x: int | None, y: int | None) -> bool:
    """Death tolls too far apart for one event ("2 killed" and "40 killed"): reports of one event
    differ (early counts, conservative counts), but not by more than three times and five more."""
    if x is None or y is None:
        return False
    low, high = sorted((x, y))
    return high > TOLL_RATIO * low + TOLL_SLACK


def place_closeness(a: MatchKey, b: MatchKey) -> float | None:
    """How close the two places are, 0..1, where they can be one place; else None."""
    if a.country != b.country and a.country and b.country:
        return None
    if a.is_fine and b.is_fine:
        radius = PLACE_RADIUS_KM["admin2" if "admin2" in (a.place_precision, b.place_precision) else "place"]
        if abs(a.lat - b.lat) * 111.2 > radius:  # type: ignore[operator]  # quick reject on latitude alone
            return None
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return None if km > radius else 1.0 - 0.5 * km / radius
    coarse, other = _coarser(a, b)
    if coarse.place_precision in ("admin1", "admin2") and coarse.admin1:
        return COARSE_PLACE if coarse.admin1 == other.admin1 else None
    return COARSE_PLACE / 4 if coarse.country is None and other.country is None else COARSE_PLACE / 2


def _coarser(a: MatchKey, b: MatchKey) -> tuple[MatchKey, MatchKey]:
    return (a, b) if PRECISION_RANK[a.place_precision] >= PRECISION_RANK[b.place_precision] else (b, a)


def compare(a: MatchKey, b: MatchKey) -> Match | None:
    """Every rule in turn, cheapest first; None as soon as one fails. No words yet: `describe` says why."""
    if not a.article_ids.isdisjoint(b.article_ids):
        return None  # one article's events were merged at extraction: what is left apart stays apart
    if not types_compatible(a, b):
        return None
    if a.family not in _PLACE_AND_TIME_FAMILIES and not same_parties(a, b):
        return None
    if tolls_conflict(a.fatalities, b.fatalities):
        return None
    if a.lo is None or b.lo is None or max(a.lo, b.lo) > min(a.hi, b.hi):  # type: ignore[type-var]
        return None
    closeness = place_closeness(a, b)
    if closeness is None:
        return None
    if closeness < COARSE_PLACE and not (a.exact_day and b.exact_day):
        return None  # only the country in common: the text must give the day on both sides
    score = 0.5 + 0.3 * closeness + (0.1 if a.exact_day and b.exact_day else 0.0)
    disputed = False
    if a.perpetrators and b.perpetrators:
        if not a.perpetrators.isdisjoint(b.perpetrators):
            score += 0.1
        elif _strong_enough_to_dispute(a, b):
            disputed = True
            score -= 0.3
        else:
            return None
    return Match(a.index, b.index, round(score, 3), disputed)


def describe(a: MatchKey, b: MatchKey) -> str:
    """Why `compare` matched two records, in words: "r1 + r2: same type ASSAULT, dates overlap ..."."""
    return f"{a.record_id} + {b.record_id}: {_type_reason(a, b)}, {_date_reason(a, b)}, {_place_reason(a, b)}, " \
           f"{_actor_reason(a, b)}"


def _type_reason(a: MatchKey, b: MatchKey) -> str:
    if a.sub_type and b.sub_type and a.sub_type != b.sub_type:
        return f"compatible types {a.sub_type} ~ {b.sub_type}"
    if a.sub_type and a.sub_type == b.sub_type:
        return f"same type {a.event_type}/{a.sub_type}" if a.event_type == b.event_type else f"same type {a.sub_type}"
    if a.event_type != b.event_type:
        return f"types {a.event_type} ~ {b.event_type}"
    return f"same type {a.event_type}"


def _day(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _date_reason(a: MatchKey, b: MatchKey) -> str:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return "no date"
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo > hi:
        return "dates apart"
    return f"dates overlap ({_day(lo)})" if lo == hi else f"dates overlap ({_day(lo)}..{_day(hi)})"


def _place_reason(a: MatchKey, b: MatchKey) -> str:
    if a.is_fine and b.is_fine:
        return f"{haversine_km(a.lat, a.lon, b.lat, b.lon):.1f} km apart"  # type: ignore[arg-type]
    coarse, other = _coarser(a, b)
    if coarse.place_precision in ("admin1", "admin2") and coarse.admin1:
        return f"same admin1 ({coarse.admin1})"
    if coarse.country is None and other.country is None:
        return "no place on either side"
    return f"same country ({coarse.country or other.country})"


def _actor_reason(a: MatchKey, b: MatchKey) -> str:
    shared = a.perpetrators & b.perpetrators
    if shared:
        return f"actors compatible ({', '.join(sorted(shared))})"
    if not a.perpetrators or not b.perpetrators:
        return "actors compatible (one side unnamed)"
    return f"perpetrator disputed ({' vs '.join(sorted(a.perpetrators | b.perpetrators))})"


def _strong_enough_to_dispute(a: MatchKey, b: MatchKey) -> bool:
    """Different named perpetrators: one event only if everything else agrees closely."""
    same_type = a.sub_type == b.sub_type and a.event_type == b.event_type
    same_day = a.exact_day and b.exact_day and a.lo == b.lo
    if not (same_type and same_day):
        return False
    if a.is_fine and b.is_fine:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return km <= DISPUTED_RADIUS_KM
    return a.place_name is not None and a.place_name == b.place_name


# A cluster's members must hang together as a whole, not only pair by pair: without this, a chain
# of reports each one day or 20 km from the next would join a whole month of events in one city.
CLUSTER_SPAN_KM = 50.0


@dataclass(slots=True)
class ClusterSummary:
    """What every member of a cluster shares: the common date window, the place spread, the perpetrators."""

    lo: int | None
    hi: int | None
    box: tuple[float, float, float, float] | None  # min lat, min lon, max lat, max lon of fine members
    perpetrators: frozenset[str]

    @classmethod
    def of(cls, key: MatchKey) -> ClusterSummary:
        box = (key.lat, key.lon, key.lat, key.lon) if key.is_fine else None
        return cls(key.lo, key.hi, box, key.perpetrators)  # type: ignore[arg-type]

    def combine(self, other: ClusterSummary) -> ClusterSummary:
        lo = max(self.lo, other.lo) if self.lo is not None and other.lo is not None else self.lo or other.lo
        hi = min(self.hi, other.hi) if self.hi is not None and other.hi is not None else self.hi or other.hi
        box = self.box or other.box
        if self.box and other.box:
            box = (min(self.box[0], other.box[0]), min(self.box[1], other.box[1]),
                   max(self.box[2], other.box[2]), max(self.box[3], other.box[3]))
        return ClusterSummary(lo, hi, box, self.perpetrators | other.perpetrators)

    def coherent(self, disputed: bool = False) -> bool:
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            return False
        if self.box and haversine_km(*self.box) > CLUSTER_SPAN_KM:
            return False
        return len(self.perpetrators) <= (2 if disputed else 1)
