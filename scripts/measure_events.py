"""Measure sitrep's event detection and typing on the shared development data.

Reads ../shared/data (or --data) at run time and never copies it. Prints accuracy and a confusion
table per data set:

    .venv/bin/python scripts/measure_events.py acled --sample 800
    .venv/bin/python scripts/measure_events.py acled2015 --sample 600
    .venv/bin/python scripts/measure_events.py plover
    .venv/bin/python scripts/measure_events.py muc4 --sample 300

`--errors N` prints N misclassified texts with what sitrep found, for reading.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from sitrep.extract.events import (
    find_event_mentions,
    prepare_text_for_parsing,
    primary_event,
    violent_incident,
)
from sitrep.extract.mention import EventMention
from sitrep.nlp import load_pipeline

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# PLOVER's gold-standard records use the 2016 draft's names; these are today's types.
PLOVER_OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# ACLED 2015 used one level of types; map the current (type, sub-type) onto it.
ACLED_2015 = {
    ("Battles", "Armed clash"): "Battle-No change of territory",
    ("Battles", "Government regains territory"): "Battle-Government regains territory",
    ("Battles", "Non-state actor overtakes territory"): "Battle-Non-state actors overtake territory",
    ("Strategic developments", "Headquarters or base established"): "Headquarters or base established",
    ("Strategic developments", "Non-violent transfer of territory"): "Non-violent transfer of territory",
}
ACLED_2015_BY_TYPE = {
    "Violence against civilians": "Violence against civilians",
    "Explosions/Remote violence": "Remote violence",
    "Protests": "Riots/Protests",
    "Riots": "Riots/Protests",
    "Strategic developments": "Strategic development",
}


def _pipe(texts: list[str], batch_size: int = 64) -> Iterable[list[EventMention]]:
    nlp = load_pipeline()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield find_event_mentions(doc)


def _sample(rows: list, n: int | None, seed: int = 13) -> list:
    if n is None or n >= len(rows):
        return rows
    return random.Random(seed).sample(rows, n)


def _print_confusion(pairs: list[tuple[str, str]], title: str, top: int = 40) -> None:
    gold_counts = Counter(g for g, _ in pairs)
    right = Counter(g for g, p in pairs if g == p)
    print(f"\n{title}: per gold class (n, accuracy, most frequent wrong predictions)")
    for gold, n in gold_counts.most_common(top):
        wrong = Counter(p for g, p in pairs if g == gold and p != gold).most_common(3)
        wrong_text = ", ".join(f"{p} x{c}" for p, c in wrong)
        print(f"  {gold[:45]:45} {n:5d}  {right[gold] / n:5.2f}  {wrong_text}")


def _describe(mentions: list[EventMention]) -> str:
    return "; ".join(f"{m.trigger.text}={m.event_type}/{m.acled_sub_event_type}@{m.score}" for m in mentions)


# ---------------------------------------------------------------------------------------------
def measure_acled(path: Path, sample: int | None, errors: int, old_types: bool) -> None:
    with path.open(encoding="utf-8") as handle:
        # The 2015 files name their columns in capitals (NOTES, EVENT_TYPE).
        rows = [{k.lower(): v for k, v in r.items()} for r in csv.DictReader(handle)]
        rows = [r for r in rows if r.get("notes")]
    rows = _sample(rows, sample)
    start = time.time()
    type_pairs, sub_pairs, shown = [], [], 0
    for row, mentions in zip(rows, _pipe([r["notes"] for r in rows]), strict=True):
        primary = primary_event(mentions, acled_only=True)
        pred_type = primary.acled_event_type if primary else "NONE"
        pred_sub = primary.acled_sub_event_type if primary else "NONE"
        if old_types:
            pred_type = (ACLED_2015.get((pred_type, pred_sub)) or ACLED_2015_BY_TYPE.get(pred_type, pred_type))
            type_pairs.append((row["event_type"], pred_type))
        else:
            type_pairs.append((row["event_type"], pred_type))
            sub_pairs.append((row["sub_event_type"], pred_sub))
        wrong = (sub_pairs and sub_pairs[-1][0] != sub_pairs[-1][1]) or type_pairs[-1][0] != type_pairs[-1][1]
        if wrong and shown < errors:
            shown += 1
            gold = row.get("sub_event_type") or row["event_type"]
            print(f"--- gold {gold} | pred {pred_sub if not old_types else pred_type}\n    {row['notes'][:400]}\n"
                  f"    found: {_describe(mentions)}")
    elapsed = time.time() - start
    n = len(type_pairs)
    print(f"\nACLED {path.name}: {n} notes in {elapsed:.0f}s")
    print(f"event type accuracy      {sum(g == p for g, p in type_pairs) / n:.3f}")
    if sub_pairs:
        print(f"sub-event type accuracy  {sum(g == p for g, p in sub_pairs) / n:.3f}")
    _print_confusion(type_pairs, "event type")
    if sub_pairs:
        _print_confusion(sub_pairs, "sub-event type")


# ---------------------------------------------------------------------------------------------
def measure_plover(path: Path, errors: int) -> None:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    pairs, shown = [], 0
    for record, mentions in zip(records, _pipe([r["text"] for r in records]), strict=True):
        gold = PLOVER_OLD_TO_NEW.get(record["event"], record["event"])
        primary = primary_event(mentions)
        pred = primary.event_type if primary else "NONE"
        pairs.append((gold, pred))
        if gold != pred and shown < errors:
            shown += 1
            print(f"--- gold {gold} ({record.get('eventText')}) | pred {pred}\n    {record['text']}\n"
                  f"    found: {_describe(mentions)}")
    n = len(pairs)
    print(f"\nPLOVER GSR: {n} records; event type accuracy {sum(g == p for g, p in pairs) / n:.3f}")
    _print_confusion(pairs, "PLOVER event type")


# ---------------------------------------------------------------------------------------------
STORY_SPLIT = re.compile(r"^(DEV-MUC3-\d{4}) \(.*?\)\s*$", re.M)


def read_muc_stories(folder: Path) -> dict[str, str]:
    stories = {}
    for path in sorted(folder.glob("dev-muc3-*")):
        text = path.read_text(encoding="latin-1")
        parts = STORY_SPLIT.split(text)
        for i in range(1, len(parts) - 1, 2):
            stories[parts[i]] = parts[i + 1].strip()
    return stories


def read_muc_keys(folder: Path) -> dict[str, set[str]]:
    """Story id -> incident types of its required templates (empty: no relevant incident)."""
    keys: dict[str, set[str]] = {}
    for path in sorted(folder.glob("key-dev-*")):
        text = path.read_text(encoding="latin-1")
        for block in re.split(r"\n(?=0\.\s+MESSAGE: ID)", text):
            id_match = re.search(r"MESSAGE: ID\s+(DEV-MUC3-\d{4})", block)
            if not id_match:
                continue
            story = keys.setdefault(id_match.group(1), set())
            template = re.search(r"MESSAGE: TEMPLATE\s+(.*)", block)
            kind = re.search(r"INCIDENT: TYPE\s+(.*)", block)
            if not template or template.group(1).strip() == "*" or "OPTIONAL" in template.group(1):
                continue
            if kind and kind.group(1).strip() not in ("*", "-"):
                story.add(kind.group(1).strip().split(":")[0].strip())
    return keys


def muc_type(mention: EventMention) -> str:
    family = next((c.split(":", 1)[1] for c in mention.cues if c.startswith("family:")), "")
    lemma = mention.trigger.root.lemma_.lower()
    if mention.mode == "abduct":
        return "KIDNAPPING"
    if family in ("ied", "suicide", "grenade") or mention.mode == "explosives":
        return "BOMBING"
    if family == "loot" and lemma in ("burn", "set", "torch", "arson"):
        return "ARSON"
    if family == "loot" and lemma in ("rob", "robbery", "steal", "loot"):
        return "ROBBERY"
    if mention.event_type == "PROTEST" and mention.mode == "strike":
        return "FORCED WORK STOPPAGE"
    return "ATTACK"


def story_incident(mentions: list[EventMention], threshold: float) -> EventMention | None:
    """The story's main violent incident, if it reports one (see `violent_incident`)."""
    return violent_incident(mentions, threshold)


def measure_muc(folder: Path, sample: int | None, errors: int) -> None:
    stories, keys = read_muc_stories(folder), read_muc_keys(folder)
    ids = _sample(sorted(i for i in stories if i in keys), sample)
    texts = [prepare_text_for_parsing(stories[i]) for i in ids]
    start = time.time()
    found = list(_pipe(texts, batch_size=16))
    print(f"\nMUC-4 dev: {len(ids)} stories in {time.time() - start:.0f}s; "
          f"{sum(bool(keys[i]) for i in ids)} report a relevant incident")
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85):
        tp = fp = fn = typed = 0
        for story_id, mentions in zip(ids, found, strict=True):
            incident = story_incident(mentions, threshold)
            gold = keys[story_id]
            if incident and gold:
                tp += 1
                typed += muc_type(incident) in gold
            elif incident:
                fp += 1
            elif gold:
                fn += 1
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  threshold {threshold:.2f}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}; "
              f"type right on {typed}/{tp} found ({typed / tp if tp else 0:.3f})")
    shown = 0
    for story_id, mentions, text in zip(ids, found, texts, strict=True):
        incident = story_incident(mentions, 0.7)
        if bool(incident) != bool(keys[story_id]) and shown < errors:
            shown += 1
            print(f"--- {story_id} gold {sorted(keys[story_id]) or 'none'} | pred "
                  f"{muc_type(incident) if incident else 'none'} {incident.trigger.text if incident else ''}"
                  f"\n    {text[:300]!r}\n    sentence: {incident.sentence.text[:200] if incident else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", choices=["acled", "acled2015", "plover", "muc4"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"No development data at {args.data}: pass --data.", file=sys.stderr)
        return 2
    if args.dataset == "acled":
        measure_acled(args.data / "acled-2020-dev" / "acled_2020_dev.csv", args.sample, args.errors, False)
    elif args.dataset == "acled2015":
        measure_acled(args.data / "acled-2015-asia" / "acled_2015_asia.csv", args.sample, args.errors, True)
    elif args.dataset == "plover":
        measure_plover(args.data / "plover-gsr" / "PLOVER_GSR_CAMEO.json", args.errors)
    else:
        measure_muc(args.data / "muc4-dev", args.sample, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
