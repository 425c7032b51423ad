"""Readers: files, folders, JSON Lines, JSON, standard input, encodings and bad input."""

import io
import json
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.ingest import read_inputs
from sitrep.types import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STORY = (
    "Boko Haram kills six farmers near Gwoza\n\n"
    "By Aisha Bello\n\n"
    "Suspected Boko Haram fighters killed six farmers near Gwoza in Borno State on Saturday, "
    "a local official said.\n"
)


def read_all(*paths, stdin=None):
    return list(read_inputs([str(p) for p in paths], stdin=stdin))


def codes(items):
    return [item.code for item in items if isinstance(item, SitrepError)]


def articles(items):
    return [item for item in items if isinstance(item, Article)]


def test_text_file_id_is_its_name_without_extension(tmp_path):
    path = tmp_path / "gwoza-farmers.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = read_all(path)
    assert article.id == "gwoza-farmers"
    assert article.title == "Boko Haram kills six farmers near Gwoza"
    assert article.author == "Aisha Bello"
    assert article.text.startswith("Suspected Boko Haram fighters killed six farmers")
    assert article.origin == str(path)


def test_markdown_file_is_stripped(tmp_path):
    path = tmp_path / "saada.md"
    path.write_text(
        "# Air strike hits Saada market\n\nThe **Houthi** health ministry said [31 people](https://x.example) died.\n",
        encoding="utf-8",
    )
    [article] = read_all(path)
    assert article.title == "Air strike hits Saada market"
    assert article.text == "The Houthi health ministry said 31 people died."


def test_cp1252_file_is_decoded(tmp_path):
    path = tmp_path / "old-wire.txt"
    path.write_bytes("The governor\u2019s office said 14 people died in Sa\u2019dah \u2014 a caf\u00e9 was hit.".encode("cp1252"))
    [article] = read_all(path)
    assert article.text == "The governor's office said 14 people died in Sa'dah \u2014 a café was hit."


def test_utf16_file_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("Gunmen killed four people near Bandiagara, the mayor said.", encoding="utf-16")
    [article] = read_all(path)
    assert article.text == "Gunmen killed four people near Bandiagara, the mayor said."


def test_utf8_file_with_bom_is_decoded(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTwo soldiers were killed in Mosul.".encode())
    [article] = read_all(path)
    assert article.text == "Two soldiers were killed in Mosul."


def test_binary_file_is_rejected_with_e003(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert codes(read_all(path)) == ["E003"]


def test_empty_article_is_e004(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("# Only a title\n\nShare this article\n", encoding="utf-8")
    [error] = read_all(path)
    assert error.code == "E004"
    assert "empty" in error.message and str(path) in error.message


def test_missing_path_is_e001(tmp_path):
    [error] = read_all(tmp_path / "nowhere.txt")
    assert error.code == "E001"
    assert "nowhere.txt" in error.message


def test_unsupported_file_type_is_e007(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert codes(read_all(path)) == ["E007"]


def test_folder_is_read_recursively_sorted_without_hidden_or_unsupported_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "zz.txt").write_text("Shelling hit Idlib on Monday.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Two soldiers died near Mosul.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("A hidden draft.", encoding="utf-8")
    (tmp_path / ".git" / "notes.txt").write_text("Not an article.", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert [a.id for a in read_all(tmp_path)] == ["a", "zz"]


def test_folder_without_articles_is_e002(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    [error] = read_all(tmp_path)
    assert error.code == "E002"


def test_jsonl_input_metadata_wins_and_is_normalized(tmp_path):
    path = tmp_path / "batch.jsonl"
    record = {
        "id": "saada-1",
        "text": "Air strike hits Saada\n\nBy Someone Else\n\nUnidentified warplanes struck a market in Saada.",
        "title": "Air strike hits Saada",
        "published": "Tuesday, 2 November 2021",
        "author": "Gulf Dispatch staff",
        "url": "https://gulfdispatch.example/saada",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [article] = read_all(path)
    assert article.meta() == {
        "id": "saada-1",
        "title": "Air strike hits Saada",
        "published": "2021-11-02",
        "author": "Gulf Dispatch staff",
        "publisher": None,
        "url": "https://gulfdispatch.example/saada",
    }
    assert article.text == "Unidentified warplanes struck a market in Saada."
    assert article.origin == f"{path}:1"


def test_jsonl_bad_lines_are_e005_with_line_numbers_and_the_rest_is_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": 1, "text": "Shelling hit Idlib on Monday."}),
        "{not json",
        "",
        json.dumps({"id": "no-text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "3", "text": "Two soldiers died near Mosul."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["1", "3"]
    errors = [item for item in items if isinstance(item, SitrepError)]
    assert [(e.code, e.fields["line"]) for e in errors] == [("E005", 2), ("E005", 4), ("E005", 5)]
    assert 'no "text"' in errors[1].message


def test_json_file_with_a_list_of_articles(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "a", "text": "One died."}, {"id": "b", "text": "Two died."}]), encoding="utf-8")
    assert [a.id for a in read_all(path)] == ["a", "b"]


def test_stdin_plain_text_is_one_article():
    [article] = read_all("-", stdin=io.StringIO(STORY))
    assert article.id == "stdin"
    assert article.title == "Boko Haram kills six farmers near Gwoza"


def test_stdin_bytes_are_decoded_like_files():
    stream = io.TextIOWrapper(io.BytesIO("Caf\u00e9 owners in Mosul said three died.".encode("cp1252")))
    [article] = read_all("-", stdin=stream)
    assert article.text == "Café owners in Mosul said three died."


def test_stdin_json_lines_are_a_batch():
    lines = [json.dumps({"id": "x", "text": "One died."}), "oops", json.dumps({"id": "y", "text": "Two died."})]
    items = read_all("-", stdin=io.StringIO("\n".join(lines)))
    assert [a.id for a in articles(items)] == ["x", "y"]
    assert codes(items) == ["E005"]


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Two soldiers died near Mosul.", encoding="utf-8")
    items = read_all(tmp_path / "missing.txt", good)
    assert codes(items) == ["E001"]
    assert [a.id for a in articles(items)] == ["good"]


def test_every_bundled_sample_is_read_and_labelled_fictional():
    sample_files = sorted(p for p in SAMPLES.iterdir() if not p.name.startswith("."))
    for path in sample_files:
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            assert all("fictional" in json.loads(line)["note"].lower() for line in raw.splitlines())
        else:
            assert "Fictional sample article written for sitrep" in raw.split("\n\n")[0] + raw[:400]
    items = read_all(SAMPLES)
    assert codes(items) == []
    found = articles(items)
    assert 6 <= len(found) <= 8
    for article in found:
        assert "fictional" not in article.text.lower()  # the label is a note, not article text
        assert article.title and article.published


def test_samples_metadata_from_each_rule():
    by_id = {a.id: a for a in articles(read_all(SAMPLES))}
    wire = by_id["manbij-market-car-bombs"]
    assert (wire.author, wire.publisher, wire.published) == ("Leila Haddad and Tom Whitfield", "Reuters", "2024-03-11")
    markdown = by_id["manbij-toll-rises"]
    assert (markdown.author, markdown.publisher, markdown.published) == ("Rania Khoury", "Levant Monitor", "2024-03-12")
    assert "$1.5 million" in markdown.text and "Share this article" not in markdown.text
    mosul = by_id["mosul-checkpoint-attack"]
    assert (mosul.publisher, mosul.published, mosul.author) == ("AP", "2023-10-16", None)
    assert mosul.text.startswith("MOSUL, Iraq (AP) —")  # the dateline stays in the text
    jalalabad = by_id["jalalabad-mosque-bombing"]
    assert (jalalabad.publisher, jalalabad.published) == ("AFP", "2022-03-03")
    gwoza = by_id["gwoza-abduction"]
    assert "The Borno State governor, who visited" in gwoza.text
    assert "to reinforce security" in gwoza.text


def test_binary_standard_input_is_e003():
    stream = io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20))
    assert codes(read_all("-", stdin=stream)) == ["E003"]


def test_empty_standard_input_is_e004():
    [error] = read_all("-", stdin=io.StringIO("\n\n"))
    assert error.code == "E004"
    assert error.fields["article_id"] == "stdin"


def test_html_entities_are_decoded_once(tmp_path):
    path = tmp_path / "entities.txt"
    path.write_text("The army&#8217;s note used the tag &amp;lt;b&amp;gt; twice.", encoding="utf-8")
    [article] = read_all(path)
    assert article.text == "The army's note used the tag &lt;b&gt; twice."
