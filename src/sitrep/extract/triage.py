"""Story-level triage: does an article report a new, specific incident of political violence?

The MUC-4 definition: a terrorist act against civilians, officials or infrastructure that the
story reports as news, not combat between armed forces and not commentary on an old or famous
event. Record-level rules (`reports_incident`) answer this from sitrep's own records; the triage
model adds the article's words (an editorial reads differently from a wire flash) to the rules'
evidence, in one logistic regression (numpy only, so that every weight can be read).

The triage score is about the article, never about a record: no record field changes.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.types import Article

Record = dict[str, Any]
Features = dict[str, float]

MODEL_PATH = Path(__file__).parent / "data" / "triage.json"

# -- the rules -----------------------------------------------------------------------------------

# MUC-4's relevant incidents are terrorist acts against civilians, infrastructure or officials:
# combat between armed forces and guerrillas is not one.
MILITARY_COMBAT = frozenset({"Armed clash", "Government regains territory"})
# A wire story reports its incident in its lead; violence named further down is mostly
# background, commentary or a round-up of older events.
LEAD_CHARS = 1500
# MUC-4 keys hold recent incidents: of 634 templates in stories 0001-0650, 7 end more than two
# months before the story's dateline. Older violence in a story is background to it.
STALE_DAYS = 62


def reports_incident(records: Sequence[Record], threshold: float = 0.5) -> list[Record]:
    """The records that count as a MUC incident: violent, not planned or hypothetical, not
    military combat, and reported in the story's lead."""
    return [r for r in records
            if r["event_type"] == "ASSAULT" and r["certainty"] not in ("planned", "hypothetical")
            and r["confidence"] >= threshold and r.get("acled_sub_event_type") not in MILITARY_COMBAT
            and (not r.get("evidence") or r["evidence"][0]["start"] < LEAD_CHARS) and not _stale(r)]


def days_before_publication(record: Record) -> int | None:
    """How long before the article's date the record's event ended, when the text dates it."""
    when, published = record.get("date") or {}, (record.get("article") or {}).get("published")
    if when.get("from_publication_date") or not when.get("end") or not published:
        return None
    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(when["end"][:10])).days
    except ValueError:
        return None


def _stale(record: Record) -> bool:
    """Dated in the text more than STALE_DAYS before the story was published."""
    days = days_before_publication(record)
    return days is not None and days > STALE_DAYS


# -- features ------------------------------------------------------------------------------------

WORD = re.compile(r"[a-z]+")
# "[EDITORIAL]", "[INTERVIEW]", "[TEXT]": the kind of piece, in the wire header.
HEADER_TAG = re.compile(r"\[([A-Za-z ]{3,30})\]")
VIOLENT = ("ASSAULT", "COERCE")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def text_features(text: str, lead_chars: int = LEAD_CHARS) -> Features:
    """Binary word features: unigrams and bigrams of the lead, unigrams of the whole text, and
    the wire header's tags (what kind of piece this is)."""
    features: Features = {}
    lead = words(text[:lead_chars])
    for w in lead:
        features[f"lead:{w}"] = 1.0
    for a, b in zip(lead, lead[1:], strict=False):
        features[f"lead:{a} {b}"] = 1.0
    for w in set(words(text)):
        features[f"text:{w}"] = 1.0
    for tag in HEADER_TAG.findall(text[:400]):
        features[f"tag:{tag.strip().lower()}"] = 1.0
    return features


def record_features(records: Sequence[Record], text_length: int) -> Features:
    """What sitrep's own extraction says about the article: the rules' verdict and confidence,
    how much violence it found and where, how old it is, and what kind."""
    incidents = reports_incident(records, 0.0)
    violent = [r for r in records if r["event_type"] in VIOLENT]
    best = max(incidents, key=lambda r: r["confidence"], default=None)
    features: Features = {
        "rec:rules": float(bool(reports_incident(records))),
        "rec:best confidence": best["confidence"] if best else 0.0,
        "rec:incidents": math.log1p(len(incidents)) / 2,
        "rec:violent": math.log1p(len(violent)) / 2,
        "rec:records": math.log1p(len(records)) / 3,
        "rec:no violence": float(not violent),
        "rec:military combat": float(any(r.get("acled_sub_event_type") in MILITARY_COMBAT for r in violent)),
        "rec:planned": float(any(r["certainty"] in ("planned", "hypothetical") for r in violent)),
        "rec:stale": float(any(_stale(r) for r in violent)),
    }
    if violent:
        first = min((r["evidence"][0]["start"] for r in violent if r.get("evidence")), default=text_length)
        features["rec:first violence position"] = first / max(text_length, 1)
        features["rec:first violence in lead"] = float(first < LEAD_CHARS)
    if best:
        features.update(_best_record_features(best))
    return features


def _best_record_features(best: Record) -> Features:
    features: Features = {f"top:type {_muc_type(best)}": 1.0, f"top:certainty {best['certainty']}": 1.0}
    for count in ("fatalities", "injured", "kidnapped"):
        if best.get(count):
            features[f"top:{count}"] = 1.0
    days = days_before_publication(best)
    if days is None:
        features["top:undated"] = 1.0
    else:
        features[f"top:days {_days_bucket(days)}"] = 1.0
    return features


def _days_bucket(days: int) -> str:
    for limit, name in ((1, "0-1"), (7, "2-7"), (31, "8-31"), (STALE_DAYS, "32-62")):
        if days <= limit:
            return name
    return "over 62"


def _muc_type(record: Record) -> str:
    if record.get("mode") == "abduct":
        return "KIDNAPPING"
    if record.get("mode") in ("explosives", "suicide-attack"):
        return "BOMBING"
    return "ATTACK"


def article_features(article: Article, records: Sequence[Record]) -> Features:
    """Every feature of one article, from its text and the records sitrep extracted from it."""
    return {**text_features(article.text), **record_features(records, len(article.text))}


# -- the model -----------------------------------------------------------------------------------

COMBINATIONS = ("model", "model and rules", "model or rules")


@dataclass
class TriageModel:
    """A logistic regression over article features, with the decision rule chosen in training:
    the score alone, or the score combined with the rules' verdict."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    combination: str = "model"
    trained_on: list[str] = field(default_factory=list)
    provenance: str = ""
    settings: dict[str, Any] = field(default_factory=dict)

    def score_features(self, features: Features) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, article: Article, records: Sequence[Record]) -> float:
        """The chance that the article reports a new incident, by this model."""
        return self.score_features(article_features(article, records))

    def decide(self, score: float, rules: bool) -> bool:
        """The triage verdict: the score against the threshold, combined with the rules' verdict."""
        return combine(score >= self.threshold, rules, self.combination)

    def top_features(self, features: Features, n: int = 5) -> list[tuple[str, float]]:
        """The features that pushed this article's score most, either way (to explain a verdict)."""
        pushes = [(name, self.weights[name] * value) for name, value in features.items() if name in self.weights]
        return sorted(pushes, key=lambda kv: -abs(kv[1]))[:n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "sitrep triage model", "version": 1, "provenance": self.provenance,
            "combination": self.combination, "threshold": round(self.threshold, 4), "bias": round(self.bias, 4),
            "settings": self.settings, "trained_on": self.trained_on,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items()) if round(v, 4)},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TriageModel:
        if data.get("kind") != "sitrep triage model" or not isinstance(data.get("weights"), dict):
            raise ValueError("not a sitrep triage model")
        if data.get("combination", "model") not in COMBINATIONS:
            raise ValueError(f"unknown combination {data.get('combination')!r}")
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                   threshold=float(data.get("threshold", 0.5)), combination=data.get("combination", "model"),
                   trained_on=list(data.get("trained_on", [])), provenance=str(data.get("provenance", "")),
                   settings=dict(data.get("settings", {})))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False) + "\n",
                              encoding="utf-8")


def combine(model_says: bool, rules_say: bool, combination: str) -> bool:
    if combination == "model and rules":
        return model_says and rules_say
    if combination == "model or rules":
        return model_says or rules_say
    return model_says


def load_model(path: str | Path) -> TriageModel:
    """A triage model file. Raises SitrepError when it is missing or not a model."""
    from sitrep.errors import SitrepError

    try:
        return TriageModel.from_dict(json.loads(Path(path).read_text("utf-8")))
    except FileNotFoundError as exc:
        raise SitrepError("E001", path=path) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SitrepError("E520", path=path, reason=str(exc)) from exc


@lru_cache(maxsize=1)
def shipped_model() -> TriageModel:
    """The model that ships with sitrep (trained on MUC-4 stories 0001-0650), loaded once."""
    return load_model(MODEL_PATH)


# -- training ------------------------------------------------------------------------------------

@dataclass
class TrainingSettings:
    l2: float = 10.0  # the penalty l2 * |w|^2 / 2, against the summed log-loss of the stories
    min_stories: int = 3  # a word feature must occur in this many training stories
    max_words: int = 4000  # and be among the most widespread this many
    steps: int = 400
    inner_folds: int = 3  # to choose the threshold and combination without the test stories


def fit(features: Sequence[Features], labels: Sequence[bool], rules: Sequence[bool],
        settings: TrainingSettings | None = None, ids: Sequence[str] = (), provenance: str = "") -> TriageModel:
    """Train a model: weights on all the stories, threshold and combination by inner
    cross-validation on the same stories (each scored by a model that did not see it)."""
    settings = settings or TrainingSettings()
    weights, bias = fit_weights(features, labels, settings)
    threshold, combination = 0.5, "model"
    if settings.inner_folds > 1 and len(features) >= 2 * settings.inner_folds:
        inner = TrainingSettings(**{**settings.__dict__, "inner_folds": 0})
        scores = cross_validated_scores(features, labels, rules, settings.inner_folds, inner)
        threshold, combination = choose_decision(scores, labels, rules)
    return TriageModel(weights=weights, bias=bias, threshold=threshold, combination=combination,
                       trained_on=list(ids), provenance=provenance,
                       settings={k: v for k, v in settings.__dict__.items() if k != "inner_folds"})


def vocabulary(features: Sequence[Features], settings: TrainingSettings) -> list[str]:
    """Record features always; word features common enough to be learnt from."""
    df = Counter(name for f in features for name in f)
    kept_words = [n for n, c in df.most_common() if ":" in n and not n.startswith(("rec:", "top:"))
                  and c >= settings.min_stories][: settings.max_words]
    return sorted({n for n in df if n.startswith(("rec:", "top:"))} | set(kept_words))


def fit_weights(features: Sequence[Features], labels: Sequence[bool],
                settings: TrainingSettings) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by full-batch gradient descent (Adam)."""
    names = vocabulary(features, settings)
    x = matrix(features, names)
    y = np.asarray(labels, dtype=np.float64)
    n = len(y)
    w, b = np.zeros(x.shape[1]), 0.0
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, settings.steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30, 30)))
        gw = x.T @ (p - y) / n + settings.l2 * w / n
        gb = float(np.mean(p - y))
        m, v = beta1 * m + (1 - beta1) * gw, beta2 * v + (1 - beta2) * gw * gw
        mb, vb = beta1 * mb + (1 - beta1) * gb, beta2 * vb + (1 - beta2) * gb * gb
        correction = math.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
        w -= rate * correction * m / (np.sqrt(v) + 1e-8)
        b -= rate * correction * mb / (math.sqrt(vb) + 1e-8)
    return dict(zip(names, (float(value) for value in w), strict=True)), b


def matrix(features: Sequence[Features], names: Sequence[str]) -> np.ndarray:
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(features), len(names)))
    for row, f in enumerate(features):
        for name, value in f.items():
            if name in column:
                x[row, column[name]] = value
    return x


def fold_of(n: int, folds: int) -> list[int]:
    """Each story's fold: every k-th story, so that each fold spans the whole corpus."""
    return [i % folds for i in range(n)]


def cross_validated_scores(features: Sequence[Features], labels: Sequence[bool], rules: Sequence[bool],
                           folds: int, settings: TrainingSettings) -> list[float]:
    """Each story's score by a model trained on the other folds."""
    return cross_validated_decisions(features, labels, rules, folds, settings)[0]


def cross_validated_decisions(features: Sequence[Features], labels: Sequence[bool], rules: Sequence[bool],
                              folds: int, settings: TrainingSettings) -> tuple[list[float], list[bool]]:
    """Each story's score and verdict by a model (weights, threshold, combination) trained on
    the other folds only: the honest measure of the whole training procedure."""
    assignment = fold_of(len(features), folds)
    scores, verdicts = [0.0] * len(features), [False] * len(features)
    for k in range(folds):
        train = [i for i, f in enumerate(assignment) if f != k]
        model = fit([features[i] for i in train], [labels[i] for i in train], [rules[i] for i in train],
                    settings)
        for i, f in enumerate(assignment):
            if f == k:
                scores[i] = model.score_features(features[i])
                verdicts[i] = model.decide(scores[i], rules[i])
    return scores, verdicts


def choose_decision(scores: Sequence[float], labels: Sequence[bool], rules: Sequence[bool]) -> tuple[float, str]:
    """The threshold and combination with the best F1 on out-of-fold scores."""
    best = (-1.0, 0.5, "model")
    for combination in COMBINATIONS:
        for threshold in np.arange(0.2, 0.81, 0.025):
            verdicts = [combine(s >= threshold, r, combination) for s, r in zip(scores, rules, strict=True)]
            f1 = detection_scores(verdicts, labels)["F1"]
            if f1 > best[0] + 1e-9:
                best = (f1, float(round(threshold, 3)), combination)
    return best[1], best[2]


def detection_scores(verdicts: Sequence[bool], labels: Sequence[bool]) -> dict[str, float]:
    tp = sum(v and t for v, t in zip(verdicts, labels, strict=True))
    fp = sum(v and not t for v, t in zip(verdicts, labels, strict=True))
    fn = sum(t and not v for v, t in zip(verdicts, labels, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "F1": f1, "tp": tp, "fp": fp, "fn": fn}
