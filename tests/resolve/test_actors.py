"""The actor dictionary: aliases to one normalized actor, state forces by country, user files, E303."""

from __future__ import annotations

import json

import pytest

from sitrep.errors import SitrepError
from sitrep.resolve.actors import ActorDictionary, ActorEntry, country_by_iso2


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()


def name_of(actors: ActorDictionary, text: str, focus: str | None = None) -> str | None:
    entry = actors.lookup(text, focus)
    return entry.name if entry else None


@pytest.mark.parametrize("alias", ["Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham", "HTS fighters", "the Nusra Front"])
def test_aliases_normalize_to_one_name(actors, alias):
    assert name_of(actors, alias) == "Hayat Tahrir al-Sham"


@pytest.mark.parametrize("alias", ["Islamic State", "ISIL", "ISIS", "Daesh", "IS"])
def test_islamic_state_aliases(actors, alias):
    assert name_of(actors, alias) == "Islamic State"


def test_capital_short_forms_match_only_as_written(actors):
    assert name_of(actors, "is") is None
    assert name_of(actors, "who") is None
    assert name_of(actors, "the WHO") == "World Health Organization"


def test_state_forces_from_the_focus_country(actors):
    entry = actors.lookup("the army", "SY")
    assert entry == ActorEntry("Military Forces of Syria", "SYR", "MIL", entry.aliases, True)
    assert name_of(actors, "police", "NG") == "Police Forces of Nigeria"
    assert actors.lookup("the army") is None  # no country: unknown


def test_country_in_the_phrase_beats_the_focus(actors):
    assert name_of(actors, "Syrian government forces") == "Military Forces of Syria"
    assert name_of(actors, "Turkish troops", "SY") == "Military Forces of Turkey"
    assert name_of(actors, "U.S. troops") == "Military Forces of the United States"
    assert name_of(actors, "forces loyal to HTS", "SY") == "Hayat Tahrir al-Sham"


def test_offices_are_the_government(actors):
    entry = actors.lookup("the foreign minister", "IQ")
    assert (entry.name, entry.country, entry.sector) == ("Government of Iraq", "IRQ", "GOV")
    assert name_of(actors, "his Turkish counterpart") == "Government of Turkey"
    assert name_of(actors, "Iraq's prime minister") == "Government of Iraq"
    assert name_of(actors, "the Kremlin") == "Government of Russia"


def test_media_igos_and_monitors(actors):
    assert actors.lookup("Reuters").sector == "MED"
    assert actors.lookup("the UN refugee agency").name == "United Nations High Commissioner for Refugees"
    assert actors.lookup("Britain-based Syrian Observatory for Human Rights").sector == "NGO"
    assert actors.lookup("Doctors Without Borders").name == "Medecins Sans Frontieres"


def test_unknown_text_gives_none(actors):
    assert actors.lookup("a bakery on the corner") is None
    assert actors.lookup("") is None


def test_acled_country_names(actors):
    assert name_of(actors, "Congolese army") == "Military Forces of the Democratic Republic of Congo"
    assert country_by_iso2("CD").name == "Democratic Republic of Congo"


def test_version_is_set(actors):
    assert actors.version and actors.version[0].isdigit()


def write_lines(path, rows) -> None:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_user_file_extends_the_dictionary(tmp_path):
    user = tmp_path / "my_actors.jsonl"
    write_lines(user, [
        {"version": "ours-3"},
        {"name": "Sons of the Valley Brigade", "country": "SYR", "sector": "REB", "aliases": ["SVB", "Valley Brigade"]},
        {"name": "Hayat Tahrir al-Sham", "aliases": ["Tahrir group"]},
    ])
    extended = ActorDictionary.from_files(user)
    assert extended.lookup("SVB fighters").name == "Sons of the Valley Brigade"
    assert extended.lookup("the Tahrir group").name == "Hayat Tahrir al-Sham"
    assert extended.lookup("HTS").name == "Hayat Tahrir al-Sham"  # built-in aliases still there
    assert "+" in extended.version and extended.version != ActorDictionary.default().version


def test_sitrep_actors_environment_variable(tmp_path, monkeypatch):
    user = tmp_path / "env_actors.jsonl"
    write_lines(user, [{"name": "Desert Hawks Militia", "country": "LBY", "sector": "REB", "aliases": ["Desert Hawks"]}])
    monkeypatch.setenv("SITREP_ACTORS", str(user))
    assert ActorDictionary.default().lookup("the Desert Hawks").name == "Desert Hawks Militia"
    monkeypatch.delenv("SITREP_ACTORS")
    assert ActorDictionary.default().lookup("the Desert Hawks") is None


@pytest.mark.parametrize("rows,reason", [
    (["{not json"], "line 1 is not JSON"),
    ([{"country": "SYR"}], "'name'"),
    ([{"name": "X Brigade", "country": "Syria"}], "alpha-3"),
    ([{"name": "X Brigade", "aliases": "XB"}], "'aliases'"),
    ([{"name": "X Brigade", "colour": "red"}], "unknown keys"),
    ([{"version": "1"}], "no actors"),
    ([{"name": "X Brigade", "areas": ["Donetsk"]}], "'areas'"),
])
def test_invalid_user_file_is_e303(tmp_path, rows, reason):
    bad = tmp_path / "bad.jsonl"
    write_lines(bad, rows)
    with pytest.raises(SitrepError) as caught:
        ActorDictionary.from_files(bad)
    assert caught.value.code == "E303"
    assert reason in caught.value.message and str(bad) in caught.value.message


def test_missing_user_file_is_e303(tmp_path):
    with pytest.raises(SitrepError) as caught:
        ActorDictionary.from_files(tmp_path / "absent.jsonl")
    assert caught.value.code == "E303"


def test_areas_of_operation_are_read_and_every_built_in_area_is_in_the_gazetteer(tmp_path):
    from sitrep.resolve.actors import country_by_iso3
    from sitrep.resolve.gazetteer import Gazetteer

    user = tmp_path / "areas.jsonl"
    write_lines(user, [{"name": "Valley Brigade", "country": "SYR", "sector": "REB", "areas": ["SYR:Idlib", "SYR: Hama"]}])
    extended = ActorDictionary.from_files(user)
    assert extended.get("Valley Brigade").areas == (("SYR", "Idlib"), ("SYR", "Hama"))
    assert extended.get("Boko Haram").areas[:2] == (("NGA", "Borno"), ("NGA", "Yobe"))
    assert extended.get("Hayat Tahrir al-Sham").areas == ()
    gazetteer = Gazetteer.default()
    missing = [
        (entry.name, iso3, area) for entry in extended.entries for iso3, area in entry.areas
        if not (gazetteer.admin1(area, country_by_iso3(iso3).iso2) or gazetteer.admin2(area, country_by_iso3(iso3).iso2))
    ]
    assert missing == []
