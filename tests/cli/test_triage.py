"""`sitrep triage` and `sitrep train triage` end to end, on articles and a tiny MUC-format corpus
written for these tests (tests/data/muc4-written: the MUC file layout, not MUC text)."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.extract.triage import load_model

TINY_MUC = Path(__file__).resolve().parents[1] / "data" / "muc4-written"

BOMBING = ("LIMA, 12 MAR 90 (EFE) -- A car bomb exploded yesterday outside a police station in Lima, "
           "killing three civilians and wounding ten. Police blamed urban guerrillas.\n")
EDITORIAL = ("LIMA, 12 MAR 90 (RADIO) -- [EDITORIAL] Ten years ago the country mourned the murder of a bishop "
             "in 1980. His call for peace and dialogue is a lesson for the negotiators today.\n")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "bombing.txt").write_text(BOMBING, encoding="utf-8")
    (folder / "editorial.txt").write_text(EDITORIAL, encoding="utf-8")
    return folder


def test_triage_ranks_the_new_attack_first(articles):
    result = invoke("triage", articles, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["bombing", "editorial"]
    assert rows[0]["incident"] and not rows[1]["incident"]
    assert rows[0]["score"] > rows[1]["score"] and rows[0]["rank"] == 1
    assert "bomb exploded" in rows[0]["sentence"]


def test_triage_writes_csv_and_a_table_and_takes_a_threshold(articles, tmp_path):
    out = tmp_path / "ranked.csv"
    result = invoke("triage", articles, "--format", "csv", "-o", out, "--threshold", "0.0")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [r["id"] for r in rows] == ["bombing", "editorial"]
    assert all(r["incident"] == "True" for r in rows)  # every score is >= 0
    table = invoke("triage", articles, "--format", "table")
    assert table.exit_code == 0 and table.stdout.splitlines()[0].split()[:3] == ["rank", "id", "title"]


def test_bad_input_is_one_line_and_the_rest_is_still_triaged(articles, tmp_path):
    result = invoke("triage", tmp_path / "missing.txt", articles / "bombing.txt", "--format", "jsonl")
    assert result.exit_code == 1
    assert "[E001]" in result.stderr and "Traceback" not in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["bombing"]


def test_a_bad_model_file_stops_with_a_clear_error(articles, tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text("not json", encoding="utf-8")
    result = invoke("triage", articles, "--model", bad)
    assert result.exit_code == 2 and "[E520]" in result.stderr and "Traceback" not in result.stderr


def test_train_triage_cross_validates_and_writes_a_model_that_triage_uses(articles, tmp_path):
    model_path = tmp_path / "tiny.json"
    result = invoke("train", "triage", TINY_MUC, "--folds", "2", "-o", model_path)
    assert result.exit_code == 0, result.stderr
    assert "2-fold cross-validation on 8 stories (4 with an incident)" in result.stdout
    assert "triage model" in result.stdout and "rules" in result.stdout
    model = load_model(model_path)
    assert model.trained_on == [f"WRITTEN-MUC3-{i:04d}" for i in range(1, 9)]
    assert "MUC-4 stories WRITTEN-MUC3-0001..WRITTEN-MUC3-0008 (8)" in model.provenance
    result = invoke("triage", articles, "--model", model_path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[0])["id"] == "bombing"


def test_train_triage_takes_a_part_of_the_stories(tmp_path):
    model_path = tmp_path / "part.json"
    result = invoke("train", "triage", TINY_MUC, "--offset", "2", "--limit", "4", "--folds", "0", "-o", model_path)
    assert result.exit_code == 0, result.stderr
    assert "cross-validation" not in result.stdout
    assert load_model(model_path).trained_on == ["WRITTEN-MUC3-0003", "WRITTEN-MUC3-0004", "WRITTEN-MUC3-0005",
                                                 "WRITTEN-MUC3-0006"]


def test_train_triage_on_a_missing_folder_is_a_clear_error(tmp_path):
    result = invoke("train", "triage", tmp_path / "nowhere", "-o", tmp_path / "m.json")
    assert result.exit_code == 2 and "[E001]" in result.stderr
    result = invoke("train", "triage", TINY_MUC, "--offset", "100", "-o", tmp_path / "m.json")
    assert result.exit_code == 2 and "[E521]" in result.stderr


def test_evaluate_cross_fits_the_stories_a_model_saw_and_trains_on_those_it_does_not_score(tmp_path):
    model_path = tmp_path / "first6.json"
    assert invoke("train", "triage", TINY_MUC, "--limit", "6", "--folds", "0", "-o", model_path).exit_code == 0
    # stories 5-8: 5 and 6 were in the model's training set, 1-4 are extracted to train on
    result = invoke("evaluate", TINY_MUC, "--offset", "4", "--triage-model", model_path, "--no-confusion")
    assert result.exit_code == 0, result.stderr
    assert "2 of 4 stories were in the triage model's training set" in result.stdout
    assert "training stories at hand (6 of 6) except the fold it scores" in result.stdout
    held_out = invoke("evaluate", TINY_MUC, "--offset", "6", "--triage-model", model_path, "--no-confusion")
    assert held_out.exit_code == 0 and "training set" not in held_out.stdout
