"""The gazetteer: transliteration variants, countries, admin areas, dump import and user places."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.resolve.gazetteer import Gazetteer
from sitrep.resolve.geonames import region_rows
from sitrep.resolve.placenames import fold_name, skeleton_key

TEST_DUMP = Path(__file__).parents[1] / "data" / "geonames" / "SY-test.txt"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture()
def private_store(tmp_path, monkeypatch) -> Gazetteer:
    """A copy of the built store under a temporary SITREP_HOME, for tests that write to it."""
    shutil.copy(Gazetteer.default().path, tmp_path / "gazetteer.sqlite")
    monkeypatch.setenv("SITREP_HOME", str(tmp_path))
    return Gazetteer.open(tmp_path / "gazetteer.sqlite")


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["Raqqa", "Ar Raqqah", "Rakka", "al-Raqqa", "Raqqah"], 172955),
        (["Daraa", "Deraa", "Dar'a", "Dar`a", "DARAA"], 170905),
        (["Maarat al-Numan", "Ma`arrat an Nu`man", "Maarrat al-Nu'man", "Maarrat an-Numan"], None),
        (["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"], None),
    ],
)
def test_transliteration_variants_find_the_same_syrian_place(gazetteer, variants, expected):
    found = {gazetteer.search(name, "SY")[0].geonames_id for name in variants}
    assert len(found) == 1, found
    if expected is not None:
        assert found == {expected}
    for name in variants:  # the town itself is always among the answers
        assert any(p.feature_class == "P" for p in gazetteer.search(name, "SY", limit=5))


def test_folded_and_skeleton_keys():
    assert fold_name("Dar‘ā") == fold_name("DAR'A") == "dara"
    assert skeleton_key("Ar Raqqah") == skeleton_key("Rakka") == skeleton_key("al-Raqqa")
    assert skeleton_key("Khan Sheikhoun") == skeleton_key("Khan Shaykhun")
    assert skeleton_key("Aleppo") != skeleton_key("Idlib")


def test_city_ranks_before_the_province_of_the_same_name(gazetteer):
    first = gazetteer.search("Idlib")[0]
    assert (first.country_code, first.feature_class) == ("SY", "P")
    assert first.admin1 == "Idlib"


def test_variant_prefers_closest_spelling_over_bigger_city(gazetteer):
    assert gazetteer.search("al-Raqqa")[0].country_code == "SY"


def test_country_by_code_and_name(gazetteer):
    for key in ("SY", "SYR", "Syria", "syria"):
        country = gazetteer.country(key)
        assert country is not None and country.country_code == "SY" and country.feature_code == "PCLI"
    assert gazetteer.country("Atlantis") is None


def test_admin1_by_name_and_of_a_place(gazetteer):
    idlib = gazetteer.admin1("Idlib Governorate", "SY")
    assert idlib is not None and idlib.feature_code == "ADM1"
    assert idlib.lat is not None and 35 < idlib.lat < 37
    aleppo_city = gazetteer.search("Aleppo", "SY")[0]
    province = gazetteer.admin1_of(aleppo_city)
    assert province is not None and province.admin1_code == aleppo_city.admin1_code
    assert gazetteer.admin1("Aleppo", "SY").geonames_id == province.geonames_id


def test_load_is_fast(gazetteer):
    import time

    start = time.perf_counter()
    fresh = Gazetteer.open(gazetteer.path)
    fresh.search("Homs")
    assert time.perf_counter() - start < 1.0


def test_village_known_only_after_import(private_store):
    assert not private_store.search("Zuhayrat al-Ward", "SY")
    errors: list[SitrepError] = []
    loaded, bad = private_store.import_dump(TEST_DUMP, on_error=errors.append)
    assert (loaded, bad) == (3, 2)  # the stream (class H) is not kept by default
    assert [e.code for e in errors] == ["E302", "E302"]
    assert "line 3" in errors[0].message and "line 6" in errors[1].message
    village = private_store.search("Zouhairat al Ward", "SY")[0]
    assert village.geonames_id == 99000001 and village.admin1 == "Idlib"
    district = private_store.admin2("Sunbulat", "SY")
    assert district is not None and district.admin1 == "Al Ḩasakah"


def test_import_from_zip_and_all_features(private_store, tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(TEST_DUMP, "SY.txt")
        zf.writestr("readme.txt", "not data")
    loaded, bad = private_store.import_dump(archive, feature_classes=None)
    assert (loaded, bad) == (4, 2)
    assert private_store.search("Nahr Zuhayrat")[0].feature_code == "STM"


def test_missing_dump_is_e301(private_store, tmp_path):
    with pytest.raises(SitrepError) as info:
        private_store.import_dump(tmp_path / "nope.txt")
    assert info.value.code == "E301"


def test_add_place_with_admin1_name(private_store):
    place = private_store.add_place("Mazraat Test", 35.9, 36.7, "sy", admin1="Idlib", alternate_names=["Test Farm"])
    assert place.geonames_id < 0 and place.admin1 == "Idlib" and place.country_code == "SY"
    assert private_store.search("test farm", "SY")[0].name == "Mazraat Test"
    with pytest.raises(SitrepError) as info:
        private_store.add_place("Nowhere", 1.0, 1.0, "SY", admin1="Atlantis Province")
    assert info.value.code == "E310"


def test_rebuild_keeps_imported_and_added_places(private_store, tmp_path):
    import sqlite3

    from sitrep.resolve.gazetteer import SCHEMA, _carry_over

    private_store.import_dump(TEST_DUMP)
    private_store.add_place("Mazraat Test", 35.9, 36.7, "SY", admin1="Idlib")
    private_store.close()
    fresh = tmp_path / "fresh.sqlite"
    with sqlite3.connect(fresh) as db:  # what a rebuild writes before carrying places over
        db.executescript(SCHEMA)
        _carry_over(db, tmp_path / "gazetteer.sqlite")
        sources = dict(db.execute("SELECT source, COUNT(*) FROM places GROUP BY source"))
        names = db.execute("SELECT COUNT(*) FROM names WHERE place_id = 99000001").fetchone()[0]
    assert sources == {"import:SY-test.txt": 3, "user": 1}
    assert names >= 3


def test_places_within_an_admin_area(gazetteer, private_store):
    idlib = gazetteer.admin1("Idlib", "SY")
    names = {place.name for place, _ in gazetteer.places_within(idlib)}
    assert "Saraqib" in names and "Aleppo" not in names
    assert gazetteer.places_within(gazetteer.search("Saraqib", "SY")[0]) == []
    # A village imported later joins its province's pool at once.
    private_store.import_dump(TEST_DUMP)
    idlib = private_store.admin1("Idlib", "SY")
    assert "Qaryat Zuhayrat al-Ward" in {place.name for place, _ in private_store.places_within(idlib)}


def test_own_name_before_an_alternate_name(gazetteer):
    # GeoNames lists "Komsomolets" among the former names of a Kazakh town: villages that bear
    # the name come first.
    first = gazetteer.search("Komsomolets", limit=3)[0]
    assert first.name == "Komsomolets"


def test_regions_and_preferred_english_names(gazetteer):
    ghouta = gazetteer.search("Eastern Ghouta", "SY", limit=1)[0]
    assert ghouta.feature_code == "RGN" and ghouta.admin1 and ghouta.lat is not None
    assert gazetteer.search("Ghouta", limit=1)[0].geonames_id == ghouta.geonames_id
    assert gazetteer.search("Palmyra", limit=1)[0].name == "Tadmur"


def test_region_rows_are_parsed_and_checked():
    rows = region_rows("# a comment\nregion\tWadi X\tX Valley|Wadi al-X\tSY\t1,2\nalias\tTown\tOld Name\tSY\t3\n")
    assert [(r.kind, r.name, r.names, r.member_ids) for r in rows] == [
        ("region", "Wadi X", ("X Valley", "Wadi al-X"), (1, 2)), ("alias", "Town", ("Old Name",), (3,)),
    ]
    with pytest.raises(ValueError):
        region_rows("place\tX\t\tSY\t1\n")
