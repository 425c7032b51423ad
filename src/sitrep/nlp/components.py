"""sitrep's spaCy components, registered as factories when `sitrep.nlp` is imported.

    import spacy, sitrep.nlp
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("sitrep_entity_ruler", before="ner")

`sitrep_entity_ruler` tags armed groups, parties, state forces, intergovernmental bodies, NGOs
and media from the actor dictionary (ORG, or NORP where the dictionary says so), and places from
GeoNames (GPE), before the statistical `ner` runs: `ner` keeps the entities already set and
labels the rest. The small English model tags many small Syrian, Iraqi, Nigerian and Malian towns
as PERSON or ORG and armed groups as PERSON; the ruler fixes those.

Unlike spaCy's EntityRuler it does not build Doc objects for its ~100,000 patterns (which would
take seconds at every load): patterns are token tuples from a pre-tokenized file, matched by a
dict lookup per token. Because it runs after the tagger, it can use the tags to avoid tagging
the verb "is" as the Islamic State, or "Hit" (an Iraqi town) in "Hit by shelling, ...".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep.errors import SitrepError

DATA_DIR = Path(__file__).parent / "data"
PLACES_FILE = DATA_DIR / "places.tsv"

PROPER_TAGS = {"NNP", "NNPS"}
# Capitalized words that may follow a place name and belong to it: "Idlib Province".
PLACE_SUFFIXES = {
    "Province", "Governorate", "District", "Region", "State", "City", "Town", "Village", "Countryside",
    "Camp", "Valley", "Plain", "Plains", "Area", "County", "Municipality", "Prefecture", "Division",
    "Sub-district", "Subdistrict", "Oblast", "Raion", "Department", "Commune", "Township",
}
PERSON_TITLES = {
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sheikh", "Sheik", "General", "Gen.", "Colonel", "Col.",
    "President", "Minister", "Imam", "Mullah", "Emir", "King", "Prince", "Saint", "St.", "Sir", "Lady",
}
SPEECH_VERBS = {"said", "says", "told", "added", "stated", "wrote", "tweeted", "explained", "insisted"}
GROUP_NOUNS = {"fighters", "militants", "group", "jihadists", "members", "cell", "cells", "attack", "attacks"}


class Pattern(NamedTuple):
    label: str
    forms: tuple[tuple[str, ...], ...]  # exact spellings, as token tuples
    common: bool = False  # also an English word: trust only proper-noun tags
    big: bool = False  # may stand for a government: "Damascus said"
    actor: bool = False


class PatternIndex:
    """Token tuples -> Pattern, keyed case-insensitively; exact case is checked on match."""

    def __init__(self) -> None:
        self.patterns: dict[tuple[str, ...], Pattern] = {}
        self.max_len: dict[str, int] = {}

    def add(self, label: str, tokens: tuple[str, ...], common: bool = False, big: bool = False,
            actor: bool = False) -> None:
        key = tuple(t.lower() for t in tokens)
        known = self.patterns.get(key)
        if known is None:
            self.patterns[key] = Pattern(label, (tokens,), common, big, actor)
            if len(key) > self.max_len.get(key[0], 0):
                self.max_len[key[0]] = len(key)
        elif known.actor and not actor:
            return  # an armed group keeps its label over a village of the same name
        elif known.label == label and tokens not in known.forms:
            self.patterns[key] = known._replace(forms=(*known.forms, tokens), common=known.common and common,
                                                big=known.big or big)
        elif known.label != label and actor:
            self.patterns[key] = Pattern(label, (tokens,), common, big, actor)

    def add_places(self, text: str) -> None:
        """Rows of the places file, fast: this runs at every pipeline load."""
        patterns, max_len = self.patterns, self.max_len
        for line in text.splitlines():
            label, flags, joined = line.split("\t")
            key = tuple(joined.lower().split(" "))
            if key in patterns:
                self.add(label, tuple(joined.split(" ")), "c" in flags, "b" in flags)
                continue
            patterns[key] = Pattern(label, (tuple(joined.split(" ")),), "c" in flags, "b" in flags)
            if len(key) > max_len.get(key[0], 0):
                max_len[key[0]] = len(key)

    def __len__(self) -> int:
        return len(self.patterns)


@lru_cache(maxsize=1)
def places_text() -> str:
    """The shipped places file, read once per process."""
    try:
        return PLACES_FILE.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SitrepError("E102", path=PLACES_FILE, reason=str(exc)) from exc


def build_index(nlp: Language, places: bool = True, actors: bool = True) -> PatternIndex:
    index = PatternIndex()
    if actors:
        from sitrep.resolve.actors import ActorDictionary

        patterns = list(ActorDictionary.default().ruler_patterns())
        for (label, _), doc in zip(patterns, nlp.tokenizer.pipe(text for _, text in patterns), strict=True):
            index.add(label, tuple(t.text for t in doc), actor=True)
    if places:
        index.add_places(places_text())
    return index


class SitrepEntityRuler:
    """Sets entities for known actors and places; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "sitrep_entity_ruler", places: bool = True,
                 actors: bool = True) -> None:
        self.name = name
        self.index = build_index(nlp, places=places, actors=actors)

    def __call__(self, doc: Doc) -> Doc:
        caps = _is_all_caps(doc)
        spans = list(self._matches(doc, caps))
        if spans:
            taken = {t.i for ent in doc.ents for t in ent}
            new = [s for s in filter_spans(spans) if not any(t.i in taken for t in s)]
            doc.set_ents(new, default="unmodified")
        return doc

    def _matches(self, doc: Doc, caps: bool) -> Iterable[Span]:
        lowers = [t.lower_ for t in doc]
        i, n = 0, len(doc)
        while i < n:
            longest = self.index.max_len.get(lowers[i])
            if longest is None or not (doc[i].is_title or doc[i].is_upper or doc[i].text[:1].isupper()):
                i += 1
                continue
            span = self._match_at(doc, lowers, i, min(longest, n - i), caps)
            if span is None:
                i += 1
            else:
                yield span
                i = span.end

    def _match_at(self, doc: Doc, lowers: list[str], start: int, longest: int, caps: bool) -> Span | None:
        for size in range(longest, 0, -1):
            end = start + size
            pattern = self.index.patterns.get(tuple(lowers[start:end]))
            if pattern is None:
                continue
            if not self._accepts(doc, start, end, pattern, caps):
                continue
            if pattern.label == "GPE" and end < len(doc) and doc[end].text in PLACE_SUFFIXES:
                end += 1
            return Span(doc, start, end, label=pattern.label)
        return None

    def _accepts(self, doc: Doc, start: int, end: int, pattern: Pattern, caps: bool) -> bool:
        tokens = doc[start:end]
        exact = tuple(t.text for t in tokens)
        if caps:
            # All-capital text (old wire copy): names only, never ambiguous short forms.
            if pattern.common or any(f == tuple(w.upper() for w in f) for f in pattern.forms):
                return False
        elif exact not in pattern.forms:
            return False
        if exact == ("IS",):
            return _is_islamic_state(tokens[0])
        if pattern.common and not all(t.tag_ in PROPER_TAGS for t in tokens):
            return False
        if pattern.actor and (len(tokens) > 1 or tokens[0].is_upper):
            return True  # multi-word names and acronyms of armed groups are unambiguous
        return not _person_context(doc, start, end, pattern)


def _is_islamic_state(token: Token) -> bool:
    """ "IS" the group, not the verb. Patterns are case-sensitive, so only a capitalized "IS" gets
    here; it is the verb only in shouted text ("IT IS NOT"), where what follows reads like a verb's
    complement."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.lower_ in GROUP_NOUNS:
        return True
    if token.tag_ in PROPER_TAGS:
        return True
    return after is None or after.tag_ not in {"DT", "RB", "JJ", "VBG", "PRP$", "PRP", "TO", "CD"}


def _person_context(doc: Doc, start: int, end: int, pattern: Pattern) -> bool:
    """A name inside a longer proper name ("Imran Khan", "Homs Military Academy"), after a title
    ("Mr."), or a small place's name as the subject of "said", is most likely someone's name."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and (before.text in PERSON_TITLES or _is_proper(before)):
        return True
    if after is not None and _is_proper(after) and after.text not in PLACE_SUFFIXES:
        return True
    return bool(end - start == 1 and not pattern.big and after is not None and after.lower_ in SPEECH_VERBS)


def _is_proper(token: Token) -> bool:
    return token.tag_ in PROPER_TAGS and token.text[:1].isupper() and not token.is_sent_start


def _is_all_caps(doc: Doc) -> bool:
    letters = [c for c in doc.text[:2000] if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


@Language.factory(
    "sitrep_entity_ruler",
    default_config={"places": True, "actors": True},
    requires=["token.tag"],
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
)
def make_sitrep_entity_ruler(nlp: Language, name: str, places: bool, actors: bool) -> SitrepEntityRuler:
    return SitrepEntityRuler(nlp, name, places=places, actors=actors)


def _joins_statements(token: Token) -> bool:
    """A ";" with no space on either side ("Homs;16 killed") joins separate headlines."""
    return token.text == ";" and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_


@Language.component("sitrep_paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, before the parser runs.

    The small model's parser runs headlines, bylines and quotes on into the next paragraph;
    cleaned text keeps paragraphs apart with a blank line, so a break is a sentence boundary.
    """
    for token in doc[:-1]:
        if _joins_statements(token):
            doc[token.i + 1].is_sent_start = True
        elif token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n\n" in token.whitespace_ and token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = True
    return doc
