"""`sitrep gazetteer` commands, on a private copy of the store under a temporary SITREP_HOME."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.resolve.gazetteer import Gazetteer

DATA = Path(__file__).parents[1] / "data" / "geonames"


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    shutil.copy(Gazetteer.default().path, tmp_path / "gazetteer.sqlite")
    monkeypatch.setenv("SITREP_HOME", str(tmp_path))
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, ["gazetteer", *args])


def test_import_reports_bad_rows_and_loads_the_rest(home):
    result = run("import", str(DATA / "SY-test.txt"))
    assert result.exit_code == 1  # bad rows were skipped: the exit code says so
    assert "[E302]" in result.stderr and "line 3" in result.stderr and "line 6" in result.stderr
    assert "imported 3 places" in result.stderr and "2 bad rows skipped" in result.stderr
    assert "Traceback" not in result.output
    found = run("search", "Zuhayrat al-Ward", "--country", "SY")
    assert json.loads(found.stdout.splitlines()[0])["geonames_id"] == 99000001


def test_import_zip(home, tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DATA / "SY-test.txt", "SY.txt")
    assert "imported 3 places" in run("import", str(archive)).stderr


def test_import_missing_file_is_e301(home):
    result = run("import", str(home / "allCountries.txt"))
    assert result.exit_code == 2 and "[E301]" in result.stderr and "Traceback" not in result.output


def test_add_one_place_and_find_it(home):
    result = run("add", "Kherbet Test", "--lat", "35.5", "--lon", "36.4", "--country", "SY",
                 "--admin1", "Idlib", "--alt", "Khirbat Test,Test Ruins")
    assert result.exit_code == 0, result.output
    added = json.loads(result.stdout)
    assert added["admin1"] == "Idlib" and added["geonames_id"] < 0
    assert json.loads(run("search", "test ruins").stdout.splitlines()[0])["name"] == "Kherbet Test"


def test_add_rejects_bad_coordinates(home):
    result = run("add", "Nowhere", "--lat", "95", "--lon", "36", "--country", "SY")
    assert result.exit_code == 2 and "[E312]" in result.stderr


def test_add_from_file_reports_bad_lines(home):
    result = run("add", "--file", str(DATA / "user_places.tsv"))
    assert result.exit_code == 1 and "[E311]" in result.stderr and "line 3" in result.stderr
    assert "added 1 places" in result.stderr
    assert json.loads(run("search", "Mazraet Abou Nakhle").stdout.splitlines()[0])["admin1"] == "Idlib"


def test_info_says_where_and_what(home):
    result = run("info")
    assert result.exit_code == 0
    assert str(home / "gazetteer.sqlite") in result.stdout and "builtin:ADM1" in result.stdout
