"""`sitrep read` end to end, on the real spaCy pipeline: JSON Lines out, honest offsets, bad input."""

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sitrep.cli.read import read_command, register

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
OUTPUT_KEYS = ["id", "title", "published", "author", "publisher", "url", "text", "sentences", "entities"]


def run_read(*args, stdin=None):
    result = CliRunner().invoke(read_command, [str(a) for a in args], input=stdin)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, records


def assert_offsets_honest(record):
    text = record["text"]
    for sentence in record["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["text"] == sentence["text"].strip()
        assert "\n\n" not in sentence["text"]
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


@pytest.fixture(scope="module")
def sample_records():
    result, records = run_read(SAMPLES)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    return records


def test_every_sample_is_output_with_the_contract_keys(sample_records):
    assert len(sample_records) == 8
    for record in sample_records:
        assert list(record) == OUTPUT_KEYS
        assert record["sentences"] and record["entities"]


def test_offsets_of_sentences_and_entities_refer_to_the_cleaned_text(sample_records):
    for record in sample_records:
        assert_offsets_honest(record)


def test_entities_are_found_in_the_samples(sample_records):
    wire = next(r for r in sample_records if r["id"] == "manbij-market-car-bombs")
    found = {(e["label"], e["text"]) for e in wire["entities"]}
    assert ("GPE", "Syria") in found
    assert ("DATE", "Monday") in found


def test_markdown_and_broken_paragraph_offsets(tmp_path):
    path = tmp_path / "talks.md"
    path.write_text(
        "# Ministers meet on Manbij attack\n\n"
        "On **Tuesday** the Turkish foreign\n\n"
        "minister flew to [Moscow](https://x.example/moscow) for talks with his Russian counterpart, "
        "the ministry said in a statement costing \\$0.\n\n"
        "Syria's foreign ministry accused Ankara of backing the bombers.\n\n"
        "Share this article\n",
        encoding="utf-8",
    )
    result, [record] = run_read(path)
    assert result.exit_code == 0
    assert record["title"] == "Ministers meet on Manbij attack"
    assert record["text"] == (
        "On Tuesday the Turkish foreign minister flew to Moscow for talks with his Russian counterpart, "
        "the ministry said in a statement costing $0.\n\n"
        "Syria's foreign ministry accused Ankara of backing the bombers."
    )
    assert len(record["sentences"]) == 2
    assert_offsets_honest(record)
    assert {"Moscow", "Tuesday"} <= {e["text"] for e in record["entities"]}


def test_bad_inputs_each_give_one_line_and_the_rest_of_the_batch_runs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Two soldiers were killed near Mosul on Sunday, the army said.", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_text("Share this article\n", encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "ok", "text": "Shelling hit Idlib."}\n{"id": "broken", "text": \n', encoding="utf-8")
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    no_articles = tmp_path / "pictures"
    no_articles.mkdir()
    (no_articles / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    missing = tmp_path / "missing.txt"

    result, records = run_read(missing, binary, empty, batch, page, no_articles, good)

    assert result.exit_code == 1
    assert [r["id"] for r in records] == ["ok", "good"]
    error_lines = result.stderr.splitlines()
    assert [line.split("]")[0].split("[")[-1] for line in error_lines] == [
        "E001", "E003", "E004", "E005", "E006", "E002",
    ]
    assert all(line.startswith("sitrep: error [E0") for line in error_lines)
    assert "batch.jsonl, line 2" in error_lines[3]
    assert "Traceback" not in result.stderr + result.stdout


def test_output_file_and_quiet(tmp_path):
    out = tmp_path / "articles.jsonl"
    result, _ = run_read(SAMPLES / "mosul-checkpoint-attack.txt", "-o", out, "-q")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["publisher"] == "AP"


def test_verbose_explains_on_stderr():
    result, records = run_read(SAMPLES / "batch.jsonl", "-v")
    assert result.exit_code == 0
    assert len(records) == 3
    assert "sitrep: read saada-market-air-strike from" in result.stderr
    assert "wrote 3 article(s)" in result.stderr


def test_standard_input_plain_text():
    text = "Gunmen kill villagers near Bandiagara\n\nGunmen killed four people near Bandiagara on Sunday."
    result, [record] = run_read("-", stdin=text)
    assert result.exit_code == 0
    assert record["id"] == "stdin"
    assert record["title"] == "Gunmen kill villagers near Bandiagara"
    assert_offsets_honest(record)


def test_help_has_examples():
    result = CliRunner().invoke(read_command, ["--help"])
    assert result.exit_code == 0
    assert "sitrep read samples/" in result.output
    assert "cat story.txt | sitrep read -" in result.output


def test_no_path_is_a_usage_error():
    result = CliRunner().invoke(read_command, [])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_register_adds_the_read_command_to_a_group():
    group = click.Group()
    register(group)
    assert group.commands["read"] is read_command
