"""Measure event dates and casualty counts against hand-coded data (a dev script, not shipped).

Reads the licensed data under ../shared/data at run time and never copies it. Until the event
detector is wired in, each text gets a simple mention: the first sentence with a casualty word
(or the first sentence), with that word as trigger.

    .venv/bin/python scripts/measure_dates_counts.py --acled-sample 1000 --ucdp-sample 1000
    .venv/bin/python scripts/measure_dates_counts.py --show-errors 20
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, datetime
from pathlib import Path

from sitrep.evaluate.scoring import headline_states_figure
from sitrep.extract.counts import _harm_category, extract_toll
from sitrep.extract.dates import resolve_event_date
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ACLED = DATA / "acled-2020-dev" / "acled_2020_dev.csv"
UCDP = DATA / "ucdp-ged-syria" / "ged_syria_2016_2019.csv"


def simple_mentions(doc) -> list[EventMention]:
    """One mention per sentence that has a casualty word (trigger: the first such word)."""
    mentions = []
    for sentence in doc.sents:
        trigger = next((t for t in sentence if _harm_category(t)), None)
        if trigger is not None:
            mentions.append(EventMention(sentence=sentence, trigger=doc[trigger.i : trigger.i + 1],
                                         event_type="ASSAULT"))
    return mentions


def first_mention(doc) -> EventMention:
    mentions = simple_mentions(doc)
    if mentions:
        return mentions[0]
    sentence = next(doc.sents)
    return EventMention(sentence=sentence, trigger=sentence[sentence.root.i - sentence.start :][:1],
                        event_type="ASSAULT")


def note_fatalities(mentions: list[EventMention]) -> int:
    """All deaths a note reports: an explicit summary ("3 fatalities", "coded as 10") wins, else
    the sum over the sentences (each sentence's figure, as an in-article merge would add them)."""
    total = 0
    for mention in mentions:
        fatalities = extract_toll(mention).fatalities
        if fatalities is None:
            continue
        summary = len(mention.sentence) <= 5 or any(t.lower_ in ("fatalities", "fatality") for t in mention.sentence)
        if summary:  # "3 fatalities.", "1 killed.", "Fatalities coded as 10."
            return fatalities
        total += fatalities
    return total


def measure_acled(sample: int, seed: int, show: int) -> None:
    rows = [r for r in csv.DictReader(ACLED.open(encoding="utf-8")) if r["fatalities"].strip().isdigit()]
    if sample and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    nlp = load_pipeline()
    date_hits = fat_first = fat_note = 0
    errors: list[str] = []
    for row, doc in zip(rows, nlp.pipe(r["notes"] for r in rows), strict=True):
        gold_day = datetime.strptime(row["event_date"], "%d-%b-%y").date().isoformat()
        gold_fat = int(row["fatalities"])
        mention = first_mention(doc)
        when = resolve_event_date(mention, None)
        date_hits += when.start == gold_day
        first = extract_toll(mention).fatalities or 0
        fat_first += first == gold_fat
        note = note_fatalities(simple_mentions(doc))
        fat_note += note == gold_fat
        if note != gold_fat and len(errors) < show:
            errors.append(f"  fatalities gold {gold_fat} got {note}: {row['notes'][:300]}")
        if when.start != gold_day and len(errors) < show:
            errors.append(f"  date gold {gold_day} got {when.start} ({when.text}): {row['notes'][:200]}")
    n = len(rows)
    print(f"ACLED 2020 dev, {n} notes")
    print(f"  date exact (start == event_date):            {date_hits / n:.3f}")
    print(f"  fatalities exact, first casualty sentence:   {fat_first / n:.3f}")
    print(f"  fatalities exact, whole note:                {fat_note / n:.3f}")
    print("\n".join(errors))


def measure_ucdp(sample: int, seed: int, show: int) -> None:
    rows = list(csv.DictReader(UCDP.open(encoding="utf-8")))
    if sample and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    nlp = load_pipeline()
    uses: dict[str, int] = {}
    for row in csv.DictReader(UCDP.open(encoding="utf-8")):
        headline = row["source_headline"].split(";")[0]
        uses[headline] = uses.get(headline, 0) + 1
    headlines = [r["source_headline"].split(";")[0] for r in rows]
    single_stated = single_hits = gold_stated = gold_hits = 0
    stated = hits = date_hits = 0
    errors: list[str] = []
    for row, doc in zip(rows, nlp.pipe(headlines), strict=True):
        published = _first_date(row["source_date"])
        mention = first_mention(doc)
        when = resolve_event_date(mention, published)
        date_hits += when.start == row["date_start"][:10]
        fatalities = extract_toll(mention).fatalities
        gold = int(float(row["best"]))
        # the headline states UCDP's own figure as a count of dead, as `sitrep evaluate` decides (a miss if we say none)
        if gold > 0 and headline_states_figure(doc.text, gold):
            gold_stated += 1
            gold_hits += fatalities == gold
        if fatalities is None:
            continue
        stated += 1
        hits += fatalities == gold
        if uses[doc.text] == 1:  # a headline no other GED event shares: about one event, not a round-up
            single_stated += 1
            single_hits += fatalities == gold
        if fatalities != gold and len(errors) < show and uses[doc.text] == 1:
            errors.append(f"  best {gold} got {fatalities}: {doc.text[:200]}")
    n = len(rows)
    print(f"UCDP GED Syria, {n} headlines (first headline of each row)")
    print(f"  headlines stating a fatality figure:         {stated} ({stated / n:.3f})")
    print(f"  fatality best exact where stated:            {hits / max(stated, 1):.3f}")
    print(f"  ... on headlines of one GED event only:      {single_hits / max(single_stated, 1):.3f}"
          f" ({single_stated} stating a figure)")
    print(f"  exact where the headline states UCDP's best: {gold_hits / max(gold_stated, 1):.3f}"
          f" ({gold_stated} headlines)")
    print(f"  date exact (start == date_start):            {date_hits / n:.3f}")
    print("\n".join(errors))


def _first_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.split(";")[0].strip()[:10])
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled-sample", type=int, default=1000, help="notes to sample (0: all)")
    parser.add_argument("--ucdp-sample", type=int, default=1000, help="headlines to sample (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()
    if not ACLED.exists() or not UCDP.exists():
        sys.exit(f"Development data not found under {DATA}: nothing to measure.")
    measure_acled(args.acled_sample, args.seed, args.show_errors)
    measure_ucdp(args.ucdp_sample, args.seed, args.show_errors)


if __name__ == "__main__":
    main()
