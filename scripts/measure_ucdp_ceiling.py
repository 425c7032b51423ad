"""The most any headline-only geocoder could score on the UCDP Syria headlines.

`sitrep evaluate` scores UCDP's `source_headline` alone. A headline can only be placed within 25 km
of UCDP's point when it names a place there. This counts, on the same seeded sample as
`sitrep evaluate --sample N`, the headlines that name
  - the gold place itself (UCDP's `where_coordinates` without its unit word, a rough prefix match), or
  - any place the gazetteer knows (any reading of any capitalised 1-3 word span) within 25 km.
A geocoder with a complete gazetteer and a perfect choice among readings scores at most "either".

    .venv/bin/python scripts/measure_ucdp_ceiling.py --sample 1000
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

from unidecode import unidecode

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ucdp-ged-syria" / "ged_syria_2016_2019.csv"
WITHIN_KM = 25.0
UNIT_WORDS = re.compile(r"\b(town|village|city|district|governorate|province|area|region|mountain|field|dam|camp"
                        r"|airport|base|hill|plain|desert)\b")
ARTICLES = {"al", "ar", "as", "ad", "an", "at", "ash", "az", "el", "tall", "tal"}


def fold(text: str) -> str:
    return re.sub(r"[^a-z ]", " ", unidecode(text).lower())


def names_gold_place(headline: str, where: str) -> bool:
    """The gold name's words each begin a headline word, or its transliteration skeleton (the
    gazetteer's loose key: "Ma'arrat an Nu'man" ~ "Maarat al-Numaan") is in the headline's."""
    from sitrep.resolve.placenames import skeleton_key

    core = [w for w in UNIT_WORDS.sub("", fold(where)).split() if w not in ARTICLES]
    tokens = fold(headline).split()
    if core and all(any(t.startswith(w[:4]) for t in tokens) for w in core):
        return True
    gold = skeleton_key(UNIT_WORDS.sub("", fold(where))).replace(" ", "")
    return len(gold) >= 3 and gold in skeleton_key(headline).replace(" ", "")


def names_place_near(headline: str, lat: float, lon: float, gazetteer, km_between) -> bool:
    words = re.findall(r"[A-Za-z'\-]+", headline)
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            span = " ".join(words[i:i + n])
            if len(span) < 3 or not span[0].isupper():
                continue
            if any(p.lat is not None and km_between(lat, lon, p.lat, p.lon) <= WITHIN_KM
                   for p in gazetteer.search(span, limit=30)):
                return True
    return False


def main() -> None:
    from sitrep.evaluate.gold import read_gold
    from sitrep.evaluate.scoring import km_between
    from sitrep.resolve.gazetteer import Gazetteer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: see ../shared/data/README.md")
    items = list(read_gold(DATA, "ucdp"))
    if args.sample and args.sample < len(items):
        items = random.Random(args.seed).sample(items, args.sample)
    with open(DATA, encoding="utf-8", newline="") as handle:
        rows = {str(int(float(r["id"]))): r for r in csv.DictReader(handle) if r["id"]}
    gazetteer = Gazetteer.default()
    named = near = either = 0
    for item in items:
        row = rows[item.article.id]
        a = names_gold_place(item.article.text, row["where_coordinates"])
        b = names_place_near(item.article.text, float(row["latitude"]), float(row["longitude"]), gazetteer,
                             km_between)
        named, near, either = named + a, near + b, either + (a or b)
    n = len(items)
    print(f"{n} headlines: gold place named {named} ({named / n:.3f}); a known place within {WITHIN_KM:g} km "
          f"named {near} ({near / n:.3f}); either {either} ({either / n:.3f}) = the ceiling of headline-only geocoding")


if __name__ == "__main__":
    main()
