"""Per-field scores of sitrep's records against hand-coded data.

Each gold item is one text (an ACLED note, a UCDP headline, a PLOVER sentence, a MUC story);
sitrep may find several events in it, so each scorer first picks the record the gold row is
about (`primary_record`) and then compares field by field.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.evaluate.gold import GoldItem
from sitrep.extract.triage import (  # noqa: F401 (reports_incident: the rules, also used from here)
    LEAD_CHARS,
    MILITARY_COMBAT,
    STALE_DAYS,
    Story,
    TriageModel,
    cross_fit,
    read_key_strings,
    reports_incident,
    shipped_model,
    story_of,
)

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
# Words that tell a figure near them counts the dead ("Assassination targets 3 fighters", "4 SDF mourned").
FIGURE_DEATH_WORDS = re.compile(r"^(kill|dead|death|die[ds]?$|toll|martyr|bod(y|ies)|lives|massacre|execut|slain|"
                                r"perish|casualt|fatalit|assassinat|mourn|slaughter|behead)", re.I)
# "including 4", "among them 4", "4 of them": after a larger total, a part of it.
SUBSET_BEFORE = {("including",), ("among", "them"), ("among", "whom"), ("including", "at", "least")}
SUBSET_AFTER = {("of", "them"), ("of", "whom")}
VAGUE_NUMBERS = {"several", "dozens", "tens", "scores", "hundreds", "some", "many"}
MONTHS = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
FIGURE_WINDOW = 8  # words either side of the figure


def headline_states_figure(text: str, figure: int) -> bool:
    """The headline gives this event's own toll: the figure appears as a count of dead (a death
    word within a few words of it, with no other number between them) and not as a part of a
    larger total.

    UCDP splits a daily round-up ("24 were killed yesterday including 4 soldiers ...") into
    several events whose `best` is a part of the headline's total; and a small `best` often
    matches a number about something else ("control of two villages", "since 3 April", "Day 2 of
    the operation"). Neither is a headline stating the event's own toll, so neither is scored.
    Joined headlines (";") and SOHR's "…" are separate statements.
    """
    words = _figure_words(figure)
    for segment in re.split(r"[;…]", text):
        tokens = re.findall(r"[\w'’-]+", segment.lower())
        for i, token in enumerate(tokens):
            if token in words and not _is_date_or_part(tokens, i) and _death_word_near(tokens, i):
                return True
    return False


def _figure_words(figure: int) -> set[str]:
    words = {str(figure), f"{figure:,}"}
    if figure < len(SMALL_NUMBERS):
        words.add(SMALL_NUMBERS[figure])
    return words


def _number(token: str) -> int | None:
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    return SMALL_NUMBERS.index(token) if token in SMALL_NUMBERS else None


def _is_number(token: str) -> bool:
    return _number(token) is not None or token in VAGUE_NUMBERS


def _death_word_near(tokens: list[str], i: int) -> bool:
    """A death word within FIGURE_WINDOW words, not past another number (which it would count)."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(tokens) and abs(j - i) <= FIGURE_WINDOW and not _is_number(tokens[j]):
            if FIGURE_DEATH_WORDS.match(tokens[j]):
                return True
            j += step
    return False


def _is_date_or_part(tokens: list[str], i: int) -> bool:
    """"since 3 April" is a date; "24 killed including 4 soldiers" a part of a round-up's total."""
    after = tuple(tokens[i + 1: i + 3])
    if after[:1] and MONTHS.match(after[0]):
        return True
    marked = after in SUBSET_AFTER or any(tuple(tokens[max(0, i - len(m)): i]) == m for m in SUBSET_BEFORE)
    figure = _number(tokens[i]) or 0
    return marked and any((_number(t) or 0) > figure for t in tokens[:i])


def score_ucdp(pairs: PAIRS) -> Report:
    report = Report("ucdp")
    report.notes.append("'(stated)': headlines that give UCDP's own best figure for the event as a count of dead "
                        "(not a part of a round-up's total); '(any toll)': every headline with a number and a "
                        "death word, round-ups included; both on the record that reports deaths, if any")
    for item, records in pairs:
        report.items += 1
        gold = item.fields
        record = primary_record(records, "violent")
        report.score("detected (any event)", record is not None)
        report.score("violent event detected", bool(record) and record["event_type"] in ("ASSAULT", "COERCE"))
        near = _near(record, gold.get("lat"), gold.get("lon"))
        if near is not None:
            report.score(f"location within {NEAR_KM:g} km", near)
        _score_ucdp_fatalities(report, item, records)
        if gold.get("date_start"):
            start = ((record or {}).get("date") or {}).get("start")
            report.score("date within UCDP range", bool(start) and gold["date_start"] <= start <= gold["date_end"])
    return report


def lethal_record(records: Sequence[Record]) -> Record | None:
    """The record a UCDP row's toll is about. UCDP codes only deadly events, so among the violent
    records those that report deaths come first (a headline that joins several reports often
    opens with one that gives no toll); then the most confident, as in `primary_record`."""
    violent = [r for r in records if r["event_type"] in ("ASSAULT", "COERCE")] or list(records)
    lethal = [r for r in violent if r.get("fatalities")]
    return primary_record(lethal or violent, "any")


def _score_ucdp_fatalities(report: Report, item: GoldItem, records: Sequence[Record]) -> None:
    best = item.fields.get("best")
    record = lethal_record(records)
    if best is not None and headline_states_deaths(item.article.text):
        report.score("fatalities best exact (any toll)", _fatalities(record) == best)
    if best and headline_states_figure(item.article.text, best):
        report.score("fatalities best exact (stated)", _fatalities(record) == best)
        low, high = item.fields.get("low"), item.fields.get("high")
        if low is not None and high is not None:
            report.score("fatalities within low-high (stated)", low <= _fatalities(record) <= high)


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


def score_muc4(pairs: PAIRS, threshold: float = 0.5, triage: TriageModel | None | str = "shipped",
               training_pairs: PAIRS = ()) -> Report:
    """Story-level incident detection. With a triage model (by default the shipped one) a story
    reports an incident when the model's verdict says so; with `triage=None`, when the rules
    (`reports_incident`) keep a record. Both verdicts are reported, so they can be compared.

    No story is scored by a model that saw it: stories in the model's training set are scored by
    cross-fitting (`cross_fit`: the same settings trained on its training stories less the
    story's fold). `training_pairs` are more of its training stories, not scored, to train on."""
    model = shipped_model() if isinstance(triage, str) else triage
    scored = list(pairs)
    report = Report("muc4")
    truths = [bool(item.fields["incident"]) for item, _ in scored]
    kept = [reports_incident(records, 0.0) for _, records in scored]
    confidences = [max((r["confidence"] for r in candidates), default=0.0) for candidates in kept]
    rules_verdicts = [any(r["confidence"] >= threshold for r in candidates) for candidates in kept]
    verdicts, scores = list(rules_verdicts), []
    training = list(training_pairs)
    if model:
        triaged = _triage(model, scored, training)
        scores = [triaged[item.article.id][0] for item, _ in scored]
        verdicts = [triaged[item.article.id][1] for item, _ in scored]
    for (item, records), predicted, candidates in zip(scored, verdicts, kept, strict=True):
        report.items += 1
        if predicted and item.fields["incident"]:
            incidents = [r for r in candidates if r["confidence"] >= threshold]
            _score_muc_type(report, item.fields, incidents or candidates or _violent(records))
    _detection(report, verdicts, truths, "incident")
    if model:
        report.notes.append(f"incident detection by the triage model ({model.provenance or 'no provenance'}): "
                            f"score >= {model.threshold:g}, combined as '{model.combination}'")
        _detection(report, rules_verdicts, truths, "rules incident")
        trained_on = set(model.trained_on)
        seen = [item.article.id for item, _ in scored if item.article.id in trained_on]
        if seen:
            at_hand = len(trained_on & {item.article.id for item, _ in scored + training})
            report.notes.append(
                f"{len(seen)} of {report.items} stories were in the triage model's training set: each was scored "
                f"by cross-fitting (5 models with the model's settings, each trained on the model's training "
                f"stories at hand ({at_hand} of {len(trained_on)}) except the fold it scores, with its own "
                "threshold), never by a model that saw it")
    _ranking(report, list(zip(confidences, truths, strict=True)), "incident confidence AUC",
             "the chance that a story with an incident has a more confident incident record than a story "
             "without one (0.5 = no better than chance)")
    if model:
        _ranking(report, list(zip(scores, truths, strict=True)), "triage score AUC",
                 "the chance that a story with an incident has a higher triage score than a story without one")
    return report


def _triage(model: TriageModel, scored: list[tuple[GoldItem, Sequence[Record]]],
            training: list[tuple[GoldItem, Sequence[Record]]]) -> dict[str, tuple[float, bool]]:
    """Each scored story's (score, verdict), cross-fitted where the model saw the story."""
    wanted = set(model.trained_on) | {item.article.id for item, _ in scored}
    stories = {item.article.id: _story(item, records) for item, records in scored + training
               if item.article.id in wanted}
    return cross_fit(model, stories, [item.article.id for item, _ in scored])


def _story(item: GoldItem, records: Sequence[Record]) -> Story:
    origin = item.article.origin
    strings = key_strings(str(Path(origin).parent)).get(item.article.id, []) if origin else []
    return story_of(item.article, records, bool(item.fields["incident"]), strings)


@lru_cache(maxsize=4)
def key_strings(folder: str) -> dict[str, list[str]]:
    return read_key_strings(Path(folder))


def _violent(records: Sequence[Record]) -> list[Record]:
    return [r for r in records if r["event_type"] in ("ASSAULT", "COERCE")]


def _score_muc_type(report: Report, gold: dict[str, Any], incidents: Sequence[Record]) -> None:
    """The incident type on the most confident incident record (none: the type is missed)."""
    top = max(incidents, key=lambda r: r["confidence"], default=None)
    predicted = muc_type(top) if top else None
    report.score("incident type (top record)", predicted in gold["types"])
    report.score("incident type (any record)", bool({muc_type(r) for r in incidents} & set(gold["types"])))
    report.confuse("incident type", "/".join(gold["types"]), predicted)


def _detection(report: Report, verdicts: Sequence[bool], truths: Sequence[bool], name: str) -> None:
    tp = sum(v and t for v, t in zip(verdicts, truths, strict=True))
    fp = sum(v and not t for v, t in zip(verdicts, truths, strict=True))
    fn = sum(t and not v for v, t in zip(verdicts, truths, strict=True))
    tn = len(truths) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if name == "incident":
        report.fields["incident detection"] = FieldScore(tp + tn, len(truths))
    report.notes.append(f"{name} detection: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
                        f"(tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    report.metrics.update({f"{name} precision": precision, f"{name} recall": recall, f"{name} F1": f1})


def _ranking(report: Report, scored: list[tuple[float, bool]], name: str, explanation: str) -> None:
    auc = ranking_auc(scored)
    if auc is not None:
        report.metrics[name] = auc
        report.notes.append(f"{name}: {explanation}")


def ranking_auc(scored: Sequence[tuple[float, bool]]) -> float | None:
    """Area under the ROC curve (Mann-Whitney): how well the scores put true items first; ties half."""
    positives = sorted(score for score, truth in scored if truth)
    negatives = sorted(score for score, truth in scored if not truth)
    if not positives or not negatives:
        return None
    wins = 0.0
    for score in positives:
        below = bisect_left(negatives, score)
        ties = bisect_right(negatives, score) - below
        wins += below + ties / 2
    return wins / (len(positives) * len(negatives))


SCORERS = {"acled": score_acled, "ucdp": score_ucdp, "plover": score_plover, "muc4": score_muc4}
