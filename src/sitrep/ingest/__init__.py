"""sitrep.ingest: read articles from files, folders, JSON Lines and standard input, find their
metadata and clean their text. Every offset in sitrep refers to `Article.text` as cleaned here."""

from sitrep.ingest.cleanup import clean_text
from sitrep.ingest.metadata import Metadata, normalize_date
from sitrep.ingest.readers import FILE_KINDS, build_article, decode_bytes, read_inputs

__all__ = ["FILE_KINDS", "Metadata", "build_article", "clean_text", "decode_bytes", "normalize_date", "read_inputs"]
