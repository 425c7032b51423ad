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


# --- Ukrainian names ---------------------------------------------------------------------------

# The national romanization of Ukrainian (Cabinet of Ministers resolution 55 of 27 January 2010).
_UK_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}
# Word-initial forms of the iotated letters; the press often uses them inside words too
# ("Vodyane" beside the national "Vodiane").
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Adjectival endings as Russian-style and older spellings give them: "Petrivske"/"Petrivskoye".
_UK_ENDINGS = (("ske", ("skoye", "skoe")), ("ne", ("noye", "noe")), ("ve", ("voye", "voe")),
               ("ye", ("oye",)), ("yi", ("y", "iy")))


def romanize_ukrainian(name: str, initial_forms_everywhere: bool = False, g_for_h: bool = False) -> str:
    """`name` (Ukrainian Cyrillic) in the national romanization: "Водяне" -> "Vodiane",
    "Щастя" -> "Shchastia". With `initial_forms_everywhere` the iotated letters are written as at
    the start of a word ("Vodyane"); with `g_for_h` г is g, as in Russian-based spellings."""
    out: list[str] = []
    lower = unicodedata.normalize("NFC", name).lower()
    for i, char in enumerate(lower):
        at_start = i == 0 or lower[i - 1] in " -"  # after an apostrophe it is inside: Мар'їнка, Marinka
        if char in _UK_INITIAL and (at_start or initial_forms_everywhere):
            latin = _UK_INITIAL[char]
        elif char == "г" and (g_for_h or (i and lower[i - 1] == "з")):
            latin = "g" if g_for_h else "gh"  # зг is zgh, not zh
        elif char in _APOSTROPHES or char == "'":
            latin = ""
        else:
            latin = _UK_LATIN.get(char, char)
        if name[i].isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def ukrainian_variants(name: str) -> list[str]:
    """The spellings the press gives a Ukrainian name, national romanization first."""
    variants: dict[str, None] = {}
    for everywhere in (False, True):
        for g_for_h in (False, True):
            latin = romanize_ukrainian(name, everywhere, g_for_h)
            variants.setdefault(latin, None)
            for ending, others in _UK_ENDINGS:
                if latin.endswith(ending):
                    for other in others:
                        variants.setdefault(latin[: -len(ending)] + other, None)
    return list(variants)
