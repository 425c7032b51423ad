"""Per-field scores of sitrep's records against hand-coded data.

Each gold item is one text (an ACLED note, a UCDP headline, a PLOVER sentence, a MUC story);
sitrep may find several events in it, so each scorer first picks the record the gold row is
about (`primary_record`) and then compares field by field.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.evaluate.gold import GoldItem

Record = dict[str, Any]
PAIRS = Iterable[tuple[GoldItem, Sequence[Record]]]
NEAR_KM = 25.0


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Report:
    kind: str
    items: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    confusions: dict[str, Counter] = field(default_factory=dict)  # name -> Counter((gold, predicted))
    metrics: dict[str, float] = field(default_factory=dict)  # figures that are not accuracies (F1 ...)
    notes: list[str] = field(default_factory=list)

    def score(self, name: str, ok: bool) -> None:
        self.fields[name].add(ok)

    def confuse(self, name: str, gold: str | None, predicted: str | None) -> None:
        self.confusions.setdefault(name, Counter())[(gold or "-", predicted or "-")] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "items": self.items,
            "fields": {k: {"accuracy": round(v.accuracy, 4), "correct": v.correct, "total": v.total}
                       for k, v in self.fields.items()},
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "notes": self.notes,
        }


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def primary_record(records: Sequence[Record], prefer: str = "acled") -> Record | None:
    """The record a one-event gold row is about: among records with an ACLED type (or of the
    preferred PLOVER family), the most confident; the earliest on ties."""
    if not records:
        return None
    if prefer == "acled":
        pool = [r for r in records if r.get("acled_event_type")] or list(records)
    elif prefer == "violent":
        pool = [r for r in records if r["event_type"] in ("ASSAULT", "COERCE")] or list(records)
    else:
        pool = list(records)
    best = max(r["confidence"] for r in pool)
    return next(r for r in pool if r["confidence"] == best)


def _near(record: Record | None, lat: float | None, lon: float | None) -> bool | None:
    """Within NEAR_KM of the gold point; None when the gold row has no coordinates."""
    if lat is None or lon is None:
        return None
    loc = (record or {}).get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return False
    return km_between(lat, lon, loc["lat"], loc["lon"]) <= NEAR_KM


def _fatalities(record: Record | None) -> int:
    value = (record or {}).get("fatalities")
    return int(value) if value is not None else 0


def actor_key(name: str | None) -> str:
    """ACLED names carry dates and qualifiers ("Military Forces of Somalia (2017-)"): compare cores."""
    if not name:
        return ""
    name = re.sub(r"\([^)]*\d[^)]*\)", "", name)
    return " ".join(re.sub(r"[^a-z]+", " ", name.lower()).split())


def _actor_matches(gold: str | None, record: Record | None, role: str) -> bool:
    names = [actor_key(a["name"]) for a in (record or {}).get("actors", []) if a["role"] == role]
    key = actor_key(gold)
    if not key:
        return not names
    return any(n and (n == key or n in key or key in n) for n in names)


# -- ACLED -------------------------------------------------------------------------------------


def score_acled(pairs: PAIRS) -> Report:
    report = Report("acled")
    for item, records in pairs:
        report.items += 1
        gold = item.fields
        record = primary_record(records, "acled")
        predicted_type = (record or {}).get("acled_event_type")
        predicted_sub = (record or {}).get("acled_sub_event_type")
        report.score("detected (any event)", record is not None)
        report.score("event_type", predicted_type == gold["event_type"])
        report.confuse("event_type", gold["event_type"], predicted_type)
        if gold.get("sub_event_type"):
            report.score("sub_event_type", predicted_sub == gold["sub_event_type"])
            report.score(f"sub_event_type: {gold['sub_event_type']}", predicted_sub == gold["sub_event_type"])
            report.confuse("sub_event_type", gold["sub_event_type"], predicted_sub)
        report.score("actor1", _actor_matches(gold.get("actor1"), record, "actor"))
        if gold.get("actor2"):
            report.score("actor2", _actor_matches(gold.get("actor2"), record, "recipient"))
        if gold.get("date"):
            report.score("date exact", ((record or {}).get("date") or {}).get("start") == gold["date"])
        near = _near(record, gold.get("lat"), gold.get("lon"))
        if near is not None:
            report.score(f"location within {NEAR_KM:g} km", near)
        if gold.get("fatalities") is not None:
            report.score("fatalities exact", _fatalities(record) == gold["fatalities"])
    return report


# -- UCDP -------------------------------------------------------------------------------------

DEATH_WORDS = re.compile(r"\b(kill|dead|death|die|died|dies|toll|martyr|bodies|lives|massacre|execut|slain|"
                         r"perish|casualt)", re.I)
NUMBER_WORDS = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                          r"scores|hundreds?|tens|twenty|thirty|forty|fifty)\b", re.I)


def headline_states_deaths(text: str) -> bool:
    return bool(DEATH_WORDS.search(text) and NUMBER_WORDS.search(text))


SMALL_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


def headline_states_figure(text: str, figure: int) -> bool:
    """The headline gives this event's own toll (UCDP headlines are often daily round-ups whose
    totals cover other events: those cannot be scored against one event's count)."""
    if re.search(rf"(?<![\d,.]){figure}(?![\d,])", text):
        return True
    return figure < len(SMALL_NUMBERS) and bool(re.search(rf"\b{SMALL_NUMBERS[figure]}\b", text, re.I))


def score_ucdp(pairs: PAIRS) -> Report:
    report = Report("ucdp")
    report.notes.append("'(stated)': headlines that give UCDP's own best figure for the event; "
                        "'(any toll)': every headline with a number and a death word, round-ups included")
    for item, records in pairs:
        report.items += 1
        gold = item.fields
        record = primary_record(records, "violent")
        report.score("detected (any event)", record is not None)
        report.score("violent event detected", bool(record) and record["event_type"] in ("ASSAULT", "COERCE"))
        near = _near(record, gold.get("lat"), gold.get("lon"))
        if near is not None:
            report.score(f"location within {NEAR_KM:g} km", near)
        best = gold.get("best")
        if best is not None and headline_states_deaths(item.article.text):
            report.score("fatalities best exact (any toll)", _fatalities(record) == best)
        if best and headline_states_figure(item.article.text, best):
            report.score("fatalities best exact (stated)", _fatalities(record) == best)
            low, high = gold.get("low"), gold.get("high")
            if low is not None and high is not None:
                report.score("fatalities within low-high (stated)", low <= _fatalities(record) <= high)
        if gold.get("date_start"):
            start = ((record or {}).get("date") or {}).get("start")
            report.score("date within UCDP range", bool(start) and gold["date_start"] <= start <= gold["date_end"])
    return report


# -- PLOVER ------------------------------------------------------------------------------------


def score_plover(pairs: PAIRS) -> Report:
    report = Report("plover")
    report.notes.append("legacy PLOVER types mapped: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT")
    for item, records in pairs:
        report.items += 1
        gold = item.fields
        record = primary_record(records, "any")
        predicted = (record or {}).get("event_type")
        report.score("detected (any event)", record is not None)
        report.score("event_type", predicted == gold["event_type"])
        report.score("event_type (any record)", any(r["event_type"] == gold["event_type"] for r in records))
        report.score(f"event_type: {gold['event_type']}", predicted == gold["event_type"])
        report.confuse("event_type", gold["event_type"], predicted)
        sectors = {a.get("sector") for a in (record or {}).get("actors", []) if a["role"] == "actor"}
        if gold.get("source_sectors"):
            report.score("actor sector", bool(sectors & set(gold["source_sectors"])))
    return report


# -- MUC-4 -------------------------------------------------------------------------------------

MUC_TYPE_BY_SUBTYPE = {
    "Abduction/forced disappearance": "KIDNAPPING",
    "Remote explosive/landmine/IED": "BOMBING",
    "Suicide bomb": "BOMBING",
    "Grenade": "BOMBING",
    "Looting/property destruction": "ARSON",
}


def muc_type(record: Record) -> str:
    if record.get("mode") == "abduct":
        return "KIDNAPPING"
    if record.get("mode") in ("explosives", "suicide-attack"):
        return "BOMBING"
    return MUC_TYPE_BY_SUBTYPE.get(record.get("acled_sub_event_type") or "", "ATTACK")


# MUC-4's relevant incidents are terrorist acts against civilians, infrastructure or officials:
# combat between armed forces and guerrillas is not one.
MILITARY_COMBAT = frozenset({"Armed clash", "Government regains territory"})
# A wire story reports its incident in its lead; violence named further down is mostly
# background, commentary or a round-up of older events.
LEAD_CHARS = 1500


def reports_incident(records: Sequence[Record], threshold: float = 0.5) -> list[Record]:
    """The records that count as a MUC incident: violent, not planned or hypothetical, not
    military combat, and reported in the story's lead."""
    return [r for r in records
            if r["event_type"] == "ASSAULT" and r["certainty"] not in ("planned", "hypothetical")
            and r["confidence"] >= threshold and r.get("acled_sub_event_type") not in MILITARY_COMBAT
            and (not r.get("evidence") or r["evidence"][0]["start"] < LEAD_CHARS)]


def score_muc4(pairs: PAIRS, threshold: float = 0.5) -> Report:
    report = Report("muc4")
    tp = fp = fn = tn = 0
    for item, records in pairs:
        report.items += 1
        gold = item.fields
        incidents = reports_incident(records, threshold)
        predicted = bool(incidents)
        tp += predicted and gold["incident"]
        fp += predicted and not gold["incident"]
        fn += gold["incident"] and not predicted
        tn += not predicted and not gold["incident"]
        if predicted and gold["incident"]:
            top = max(incidents, key=lambda r: r["confidence"])
            report.score("incident type (top record)", muc_type(top) in gold["types"])
            report.score("incident type (any record)", bool({muc_type(r) for r in incidents} & set(gold["types"])))
            report.confuse("incident type", "/".join(gold["types"]), muc_type(top))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report.fields["incident detection"] = FieldScore(tp + tn, tp + tn + fp + fn)
    report.notes.append(f"incident detection: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
                        f"(tp {tp}, fp {fp}, fn {fn}, tn {tn}; threshold {threshold})")
    report.metrics.update({"incident precision": precision, "incident recall": recall, "incident F1": f1})
    return report


SCORERS = {"acled": score_acled, "ucdp": score_ucdp, "plover": score_plover, "muc4": score_muc4}
