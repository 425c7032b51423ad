"""Readers: paths and standard input to `Article`s.

Every reader yields articles and `SitrepError`s side by side instead of raising, so that one bad
file does not stop a batch: the caller reports each error and goes on.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from sitrep.errors import SitrepError
from sitrep.ingest.cleanup import clean_normalized_text, normalize_characters
from sitrep.ingest.html import extract_html
from sitrep.ingest.metadata import Metadata, find_metadata, metadata_from_dateline, normalize_date, year_only
from sitrep.types import Article

ReadResult = Article | SitrepError

# File kinds by suffix. Folders are read for these and nothing else.
FILE_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}
ENCODINGS_TRIED = "UTF-8, UTF-8 with BOM, UTF-16/32 with BOM, cp1252, latin-1"
STDIN_NAME = "<stdin>"
STDIN_ID = "stdin"
METADATA_KEYS = ("title", "published", "author", "publisher", "url")

# A decoded text with more control characters than this share is binary data, not an article.
_MAX_CONTROL_SHARE = 0.01
_LOOKS_LIKE_MARKDOWN = re.compile(
    r"^\s{0,3}#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|\*\*\S[^*\n]*\*\*|\\[$_*#\[\]]|^\s{0,3}>\s",
    re.MULTILINE,
)


def read_inputs(paths: Sequence[str], stdin: TextIO | None = None) -> Iterator[ReadResult]:
    """Every article in `paths`, in order: files, folders (recursively, sorted, hidden files
    skipped), JSON Lines batches, and "-" for standard input."""
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin)
        else:
            yield from read_path(Path(path))


def read_path(path: Path) -> Iterator[ReadResult]:
    if path.is_dir():
        yield from read_folder(path)
    elif path.exists():
        yield from read_file(path)
    else:
        yield SitrepError("E001", path=path)


def read_folder(folder: Path) -> Iterator[ReadResult]:
    """The articles of every readable file under `folder`; E002 if there are none."""
    articles = 0
    for path in readable_files(folder):
        for item in read_file(path):
            articles += isinstance(item, Article)
            yield item
    if not articles:
        yield SitrepError("E002", path=folder)


def readable_files(folder: Path) -> list[Path]:
    """Files under `folder` that sitrep can read, sorted, without hidden files or folders."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in FILE_KINDS and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def read_file(path: Path) -> Iterator[ReadResult]:
    kind = FILE_KINDS.get(path.suffix.lower())
    if kind is None:
        yield SitrepError("E007", path=path, suffix=path.suffix or "(none)")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield SitrepError("E008", path=path, reason=exc.strerror or exc)
        return
    text = decode_bytes(data)
    if text is None:
        yield SitrepError("E003", path=path, encodings=ENCODINGS_TRIED)
    elif kind == "jsonl":
        yield from read_jsonl_lines(text, str(path))
    elif kind == "json":
        yield from read_json_document(text, str(path))
    elif kind == "html":
        yield read_html_article(path.stem, text, str(path))
    else:
        yield build_article(path.stem, text, origin=str(path), markdown=kind == "markdown")


def read_stdin(stream: TextIO) -> Iterator[ReadResult]:
    """Standard input: JSON Lines when it starts with a JSON object, else one text article."""
    buffer = getattr(stream, "buffer", None)
    text = decode_bytes(buffer.read()) if buffer is not None else stream.read()
    if text is None:
        yield SitrepError("E003", path=STDIN_NAME, encodings=ENCODINGS_TRIED)
    elif _first_line_is_json_object(text):
        yield from read_jsonl_lines(text, STDIN_NAME)
    else:
        yield build_article(STDIN_ID, text, origin=STDIN_NAME)


def _first_line_is_json_object(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


# Decoding ------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> str | None:
    """The text in `data`, or None if it is binary. A byte-order mark decides the encoding;
    otherwise UTF-8, then Windows-1252 (the usual encoding of older news files), then latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            return text if text is not None and not _looks_binary(text) else None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8", "cp1252", "latin-1"):
        text = _try_decode(data, encoding)
        if text is not None:
            return None if _looks_binary(text) else text
    return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls > max(2, _MAX_CONTROL_SHARE * len(text))


# JSON Lines and JSON -------------------------------------------------------------------------


def read_jsonl_lines(text: str, path: str) -> Iterator[ReadResult]:
    """One article per non-blank line; a bad line gives E005 and the others are still read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield SitrepError("E005", path=path, line=number, reason=_json_reason(exc))
            continue
        yield article_from_record(record, path, number)


def read_json_document(text: str, path: str) -> Iterator[ReadResult]:
    """A .json file: one article object, or a list of them."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        yield SitrepError("E005", path=path, line=line, reason=_json_reason(exc))
        return
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        yield article_from_record(record, path, number)


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} at column {exc.colno}"
    return f"invalid JSON: {exc}"


def article_from_record(record: Any, path: str, line: int) -> ReadResult:
    """An article from one JSON object with "id", "text" and optional metadata."""
    problem = record_problem(record)
    if problem:
        return SitrepError("E005", path=path, line=line, reason=problem)
    given = Metadata(**{key: _text_or_none(record.get(key)) for key in METADATA_KEYS})
    year_hint = year_only(given.published)
    given.published = normalize_date(given.published)
    origin = f"{path}:{line}"
    return build_article(str(record["id"]), record["text"], origin, given=given, year_hint=year_hint)


def record_problem(record: Any) -> str | None:
    """Why a JSON value is not an article record, or None if it is one."""
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an object"
    missing = [key for key in ("id", "text") if key not in record]
    if missing:
        return "no " + " and no ".join(f'"{key}"' for key in missing)
    if not isinstance(record["id"], str | int) or isinstance(record["id"], bool) or str(record["id"]) == "":
        return '"id" must be a non-empty string or a number'
    if not isinstance(record["text"], str):
        return '"text" must be a string'
    for key in METADATA_KEYS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return f'"{key}" must be a string'
    return None


def _text_or_none(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


# Building articles ---------------------------------------------------------------------------


def build_article(
    article_id: str,
    raw: str,
    origin: str,
    given: Metadata | None = None,
    markdown: bool = False,
    year_hint: int | None = None,
    from_html: bool = False,
) -> ReadResult:
    """Metadata found (input first, then the header lines, then the dateline) and text cleaned.
    Text extracted from HTML has had its entities decoded already."""
    text = normalize_characters(raw, decode_entities=not from_html)
    metadata, body = find_metadata(text, given or Metadata())
    markdown = markdown or (not from_html and bool(_LOOKS_LIKE_MARKDOWN.search(body)))
    cleaned = clean_normalized_text(body, markdown=markdown)
    if not cleaned:
        return SitrepError("E004", article_id=article_id, path=origin)
    metadata = metadata.filled_from(metadata_from_dateline(cleaned, year_hint))
    return Article(id=article_id, text=cleaned, origin=origin, **_fields(metadata))


def read_html_article(article_id: str, page: str, origin: str) -> ReadResult:
    extracted = extract_html(page)
    if extracted is None:
        return SitrepError("E006", path=origin)
    article = build_article(article_id, extracted.body, origin, given=extracted.metadata, from_html=True)
    if isinstance(article, SitrepError):  # nothing left once the page's footer lines went
        return SitrepError("E006", path=origin)
    return article


def _fields(metadata: Metadata) -> dict[str, str | None]:
    return {key: getattr(metadata, key) for key in METADATA_KEYS}
