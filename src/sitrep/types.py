"""Plain typed data classes that pass between the stages of sitrep.

ingest -> nlp -> extract -> resolve -> store -> export. Each stage takes and returns these;
spaCy objects stay inside the nlp and extract stages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

JSONDict = dict[str, Any]

DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PlacePrecision = Literal["place", "admin2", "admin1", "country", "unknown"]
Role = Literal["actor", "recipient"]
AttributionKind = Literal["reported", "claimed", "accused", "denied", "quoted"]
Certainty = Literal["asserted", "alleged", "disputed", "denied", "hypothetical", "planned"]


@dataclass
class Article:
    """One input document after reading and cleanup. `text` is the cleaned text: every offset
    anywhere in sitrep refers to it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    origin: str = ""  # where it was read from: a path, "path:line" for JSONL, or "<stdin>"

    def meta(self) -> JSONDict:
        """The contract's `article` object."""
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "author": self.author,
            "publisher": self.publisher,
            "url": self.url,
        }


@dataclass
class Sentence:
    text: str
    start: int
    end: int


@dataclass
class Entity:
    label: str
    text: str
    start: int
    end: int


@dataclass
class ReadArticle:
    """What `sitrep read` prints for one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self) -> JSONDict:
        out = self.article.meta()
        out["text"] = self.article.text
        out["sentences"] = [asdict(s) for s in self.sentences]
        out["entities"] = [asdict(e) for e in self.entities]
        return out


@dataclass
class EventDate:
    start: str | None
    end: str | None
    precision: DatePrecision = "unknown"
    text: str | None = None
    from_publication_date: bool = False


@dataclass
class Place:
    """A gazetteer entry."""

    geonames_id: int | None
    name: str
    country_code: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    feature_class: str | None = None  # GeoNames: P populated place, A admin area ...
    feature_code: str | None = None  # PPLA, ADM1, PCLI ...
    admin1: str | None = None  # name of the first-level unit
    admin2: str | None = None
    admin1_code: str | None = None
    population: int = 0


@dataclass
class Location:
    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    text: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geonames_id: int | None = None


@dataclass
class Actor:
    role: Role
    name: str
    text: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None
    named: bool = True


@dataclass
class Attribution:
    source: str
    kind: AttributionKind
    claim: str | None = None
    text: str | None = None


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Toll:
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    kidnapped: int | None = None
    missing: int | None = None
    displaced: int | None = None


@dataclass
class EventRecord:
    """One event from one article, in the shape of the contract (contract/event.schema.json)."""

    event_id: str
    article_id: str
    article: JSONDict
    event_type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: EventDate
    location: Location | None
    actors: list[Actor]
    toll: Toll
    attribution: list[Attribution]
    certainty: Certainty
    evidence: list[Evidence]
    confidence: float
    mode: str | None = None

    def to_dict(self) -> JSONDict:
        toll = asdict(self.toll)
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "article": dict(self.article),
            "event_type": self.event_type,
            "mode": self.mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "date": asdict(self.date),
            "location": asdict(self.location) if self.location else None,
            "actors": [asdict(a) for a in self.actors],
            **toll,
            "attribution": [asdict(a) for a in self.attribution],
            "certainty": self.certainty,
            "evidence": [asdict(e) for e in self.evidence],
            "confidence": round(float(self.confidence), 3),
        }
