"""Place-name folding: the two keys the gazetteer indexes every name under.

`fold_name` is the exact key: case, diacritics, apostrophes and hyphens folded, so "Dar'ā",
"DARAA" and "Dar`a" meet. `skeleton_key` is the loose key for transliteration variants of
Arabic, Persian and Turkic names: articles (al-, el-, ar-, an- ...) dropped, doubled letters
collapsed, q/k, ou/u, e/a/i and -ah/-eh endings made one, so "Raqqa", "Ar Raqqah", "Rakka"
and "al-Raqqa" share a key, as do "Maarat al-Numan" and "Ma`arrat an Nu`man".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

# Arabic definite articles as GeoNames and the press romanize them, assimilated forms included.
ARTICLES = frozenset(
    "al el il ul ar er an en as es ash ad ed adh at et ath az ez".split()
)
# Scripts whose romanization unidecode guesses badly: names in them are not indexed.
_LATIN_LIMIT = 0x24F
_APOSTROPHES = "'`´‘’ʼʻʿʾ\u02c8\u02b9\u02ba\u2032"
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
_VOWEL_RUN_RE = re.compile(r"[aeiouy]+")
# Digraphs spelt differently by different romanizations, made one before vowels are folded.
_CONSONANT_RULES: tuple[tuple[str, str], ...] = (
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("dj", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("sch", "sh"),
    ("tch", "ch"),
)


def is_latin(name: str) -> bool:
    """True when every letter of `name` is Latin (with diacritics): the names worth indexing."""
    for char in name:
        if ord(char) > _LATIN_LIMIT and char.isalpha() and char not in _APOSTROPHES:
            return False
    return True


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """The exact key: lower case, ASCII, apostrophes dropped, other punctuation to single spaces."""
    text = unicodedata.normalize("NFKC", name)
    text = _APOSTROPHE_RE.sub("", text)
    text = unidecode(text).lower()
    text = text.replace("'", "").replace("`", "")
    return _NON_ALNUM_RE.sub(" ", text).strip()


def _light_token(token: str) -> str:
    for old, new in _CONSONANT_RULES:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)  # doubled letters: Raqqa/Raqa, Maarrat/Maarat
    if len(token) > 3 and token.endswith("h") and token[-2] in "aeiou":
        token = token[:-1]  # Raqqah/Raqqa, Hasakeh/Hasaka
    return token


@lru_cache(maxsize=65536)
def light_key(name: str) -> str:
    """Between the two keys: articles, doubled letters and consonant spellings folded, vowels
    kept. Used to tell a true variant ("Rakka") from a skeleton collision ("Riga")."""
    tokens = [t for t in fold_name(name).split() if t not in ARTICLES] or fold_name(name).split()
    return " ".join(_light_token(t) for t in tokens)


def _skeleton_token(token: str) -> str:
    token = _light_token(token)
    # A leading y or w is a consonant (Yabroud, Wadi); inside a word it is part of a vowel (Dayr, Zawr).
    head, tail = token[:1], token[1:].replace("w", "u")
    if head in "aeiou":
        return "a" + _VOWEL_RUN_RE.sub("a", tail).lstrip("a")
    return head + _VOWEL_RUN_RE.sub("a", tail)


@lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """The loose key: articles dropped, vowel runs made one, common consonant spellings merged."""
    tokens = [t for t in fold_name(name).split() if t not in ARTICLES]
    if not tokens:  # a name made only of "Al": keep it rather than index nothing
        tokens = fold_name(name).split()
    return " ".join(_skeleton_token(t) for t in tokens)


def strip_articles(name: str) -> str:
    """`name` folded, without its leading article: "al-Bab" -> "bab"."""
    tokens = fold_name(name).split()
    while len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)
