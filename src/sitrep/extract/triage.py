"""Story-level triage: does an article report a new, specific incident of political violence?

The MUC-4 definition: a terrorist act against civilians, officials or infrastructure that the
story reports as news, not combat between armed forces and not commentary on an old or famous
event. Record-level rules (`reports_incident`) answer this from sitrep's own records; the triage
model adds the article's words (an editorial reads differently from a wire flash) to the rules'
evidence, in one logistic regression (numpy only, so that every weight can be read), with
naive-Bayes-scaled word features and, stacked under it, a sentence model trained on the sentences
that carry an incident's specifics by the MUC-4 answer keys. `cross_fit` scores stories a model
was trained on by models that were not (for honest evaluation).

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
    sentence_weights: dict[str, float] = field(default_factory=dict)
    sentence_bias: float = 0.0

    def score_features(self, features: Features) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, article: Article, records: Sequence[Record]) -> float:
        """The chance that the article reports a new incident, by this model."""
        return self.score_features(self.features(article, records))

    def features(self, article: Article, records: Sequence[Record]) -> Features:
        """The article's features, with its sentence summary when the model has a sentence model."""
        features = article_features(article, records)
        if self.sentence_weights:
            features.update(self.sentence_summary(sentence_features(article.text, records)))
        return features

    def sentence_summary(self, sentences: Sequence[Features]) -> Features:
        return sentence_summary(sentence_scores(self.sentence_weights, self.sentence_bias, sentences))

    def score_story(self, story: Story) -> float:
        """The score of a story whose features are already computed (cross-validation, cross-fitting)."""
        features = story.features
        if self.sentence_weights:
            features = {**features, **self.sentence_summary(story.sentences)}
        return self.score_features(features)

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
            **({"sentence_bias": round(self.sentence_bias, 4),
                "sentence_weights": {k: round(v, 4) for k, v in sorted(self.sentence_weights.items()) if round(v, 4)}}
               if self.sentence_weights else {}),
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
                   settings=dict(data.get("settings", {})),
                   sentence_weights={str(k): float(v) for k, v in data.get("sentence_weights", {}).items()},
                   sentence_bias=float(data.get("sentence_bias", 0.0)))

    def training_settings(self) -> TrainingSettings:
        """The settings it was trained with (to train it again on other stories: cross-fitting)."""
        known = TrainingSettings.__dataclass_fields__
        return TrainingSettings(**{k: v for k, v in self.settings.items() if k in known})

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
    """The model that ships with sitrep (trained on all 1,299 MUC-4 dev stories), loaded once."""
    return load_model(MODEL_PATH)


# -- training ------------------------------------------------------------------------------------

@dataclass
class TrainingSettings:
    # chosen by 5-fold cross-validation (3 shuffles) on MUC-4 stories 1-650 only
    l2: float = 30.0  # the penalty l2 * |w|^2 / 2, against the summed log-loss of the stories
    min_stories: int = 3  # a word feature must occur in this many training stories
    max_words: int = 10000  # and be among the most widespread this many
    steps: int = 400
    inner_folds: int = 3  # to choose the threshold and combination without the test stories
    nb: bool = True  # scale word features by their naive-Bayes log-count ratio
    nb_alpha: float = 1.0
    sentences: bool = True  # stack a sentence model supervised by the answer keys' strings
    sentence_l2: float = 10.0
    sentence_max_words: int = 20000
    sentence_folds: int = 3


# Features that are always kept and never NB-scaled: sitrep's records and the sentence model.
FIXED_PREFIXES = ("rec:", "top:", "sent:")


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
                       settings=dict(settings.__dict__))


def vocabulary(features: Sequence[Features], settings: TrainingSettings) -> list[str]:
    """Record features always; word features common enough to be learnt from."""
    df = Counter(name for f in features for name in f)
    kept_words = [n for n, c in df.most_common() if ":" in n and not n.startswith(FIXED_PREFIXES)
                  and c >= settings.min_stories][: settings.max_words]
    return sorted({n for n in df if n.startswith(FIXED_PREFIXES)} | set(kept_words))


def fit_weights(features: Sequence[Features], labels: Sequence[bool],
                settings: TrainingSettings) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by full-batch gradient descent (Adam). With
    `settings.nb`, word features are first scaled by their naive-Bayes log-count ratio (NBSVM,
    Wang & Manning 2012), so that the penalty falls on words that do not tell the classes apart;
    the weights returned are on the unscaled features."""
    names = vocabulary(features, settings)
    x = SparseRows.of(features, names)
    y = np.asarray(labels, dtype=np.float64)
    scale = nb_ratios(x, y, names, settings.nb_alpha) if settings.nb else np.ones(len(names))
    x.vals = x.vals * scale[x.cols]
    n = len(y)
    w, b = np.zeros(len(names)), 0.0
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, settings.steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x.dot(w) + b, -30, 30)))
        gw = x.tdot(p - y) / n + settings.l2 * w / n
        gb = float(np.mean(p - y))
        m, v = beta1 * m + (1 - beta1) * gw, beta2 * v + (1 - beta2) * gw * gw
        mb, vb = beta1 * mb + (1 - beta1) * gb, beta2 * vb + (1 - beta2) * gb * gb
        correction = math.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
        w -= rate * correction * m / (np.sqrt(v) + 1e-8)
        b -= rate * correction * mb / (math.sqrt(vb) + 1e-8)
    return dict(zip(names, (float(value) for value in w * scale), strict=True)), b


def nb_ratios(x: SparseRows, y: np.ndarray, names: Sequence[str], alpha: float) -> np.ndarray:
    """Each word feature's log-count ratio between the classes (1 for record features)."""
    positive = x.tdot(y) + alpha
    negative = x.tdot(1.0 - y) + alpha
    ratio = np.log(positive / positive.sum()) - np.log(negative / negative.sum())
    is_word = np.array([not n.startswith(FIXED_PREFIXES) for n in names])
    return np.where(is_word, ratio, 1.0)


@dataclass
class SparseRows:
    """A sparse feature matrix as (row, column, value) triples: numpy only, and small where a
    dense matrix of sentences by words would not be."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def of(cls, features: Sequence[Features], names: Sequence[str]) -> SparseRows:
        column = {name: i for i, name in enumerate(names)}
        rows, cols, vals = [], [], []
        for row, f in enumerate(features):
            for name, value in f.items():
                if name in column:
                    rows.append(row)
                    cols.append(column[name])
                    vals.append(value)
        return cls(np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                   np.asarray(vals, dtype=np.float64), (len(features), len(names)))

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=w[self.cols] * self.vals, minlength=self.shape[0])

    def tdot(self, r: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, weights=r[self.rows] * self.vals, minlength=self.shape[1])


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


# -- sentences -----------------------------------------------------------------------------------
# A story with an incident names its specifics (targets, perpetrators, instruments, place) in a
# sentence or two; commentary mentions violence, but rarely in a sentence that carries a fresh
# incident's specifics. A sentence model, supervised by the answer keys' strings, scores every
# sentence; the story model reads the best sentence's score and where it stands.

SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+")
# MUC-4 key slots whose values are strings from the text: instrument, perpetrators, targets.
KEY_STRING_SLOTS = frozenset({"6", "9", "10", "12", "18", "19"})
KEY_STRING = re.compile(r'"([^"]+)"')
KEY_LINE = re.compile(r"^(\d+)\.\s")
GENERIC_STRINGS = frozenset({"terrorists", "terrorist", "guerrillas", "guerrilla", "people", "civilians"})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_features(text: str, records: Sequence[Record]) -> list[Features]:
    """Each sentence's words (unigrams, bigrams) and what sitrep's records found in it."""
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    in_sentence: list[list[Record]] = [[] for _ in spans]
    for r in records:
        if r.get("evidence") and spans:
            at = int(np.searchsorted(starts, r["evidence"][0]["start"], side="right")) - 1
            in_sentence[max(at, 0)].append(r)
    kept = {id(r) for r in reports_incident(records, 0.0)}
    out = []
    for (start, end), found in zip(spans, in_sentence, strict=True):
        ws = words(text[start:end])
        f: Features = {f"s:{w}": 1.0 for w in ws}
        f.update({f"s:{a} {b}": 1.0 for a, b in zip(ws, ws[1:], strict=False)})
        for r in found:
            f[f"rec:{r['event_type']}"] = 1.0
            if id(r) in kept:
                f["rec:kept"] = 1.0
                f["rec:kept confidence"] = max(f.get("rec:kept confidence", 0.0), r["confidence"])
            if r.get("acled_sub_event_type") in MILITARY_COMBAT:
                f["rec:combat"] = 1.0
            if _stale(r):
                f["rec:stale"] = 1.0
        out.append(f)
    return out


def sentence_labels(text: str, key_strings: Sequence[str]) -> list[bool]:
    """A sentence names the incident when it contains one of the key's specific strings."""
    needles = [" ".join(words(s)) for s in key_strings]
    needles = [n for n in needles if n and n not in GENERIC_STRINGS]
    labels = []
    for start, end in sentence_spans(text):
        sentence = " " + " ".join(words(text[start:end])) + " "
        labels.append(any(f" {n} " in sentence for n in needles))
    return labels


def read_key_strings(folder: Path) -> dict[str, list[str]]:
    """The strings the MUC-4 answer keys quote from each story for its incidents' instrument,
    perpetrators and targets (stories without a relevant incident have none)."""
    from sitrep.evaluate.gold import muc4_key_blocks

    strings: dict[str, list[str]] = {}
    for block in muc4_key_blocks(Path(folder)):
        story, slot, found = None, "", []
        for line in block.splitlines():
            match = KEY_LINE.match(line.strip())
            if match:
                slot = match.group(1)
                if slot == "0":
                    story = line.split()[3] if len(line.split()) > 3 else None
            if slot in KEY_STRING_SLOTS:
                found.extend(KEY_STRING.findall(line))
        if story:
            strings.setdefault(story, []).extend(found)
    return strings


def sentence_summary(scores: Sequence[float]) -> Features:
    """What the story model reads from its sentences' scores: the best, the mean of the best two,
    and how far into the story the best one stands."""
    if not scores:
        return {"sent:max": 0.0, "sent:top2": 0.0, "sent:best position": 1.0}
    ranked = sorted(scores, reverse=True)
    best = int(np.argmax(scores))
    return {"sent:max": ranked[0], "sent:top2": sum(ranked[:2]) / min(2, len(ranked)),
            "sent:best position": best / max(len(scores) - 1, 1),
            "sent:best in first three": float(best < 3)}


@dataclass
class Story:
    """One training story: its features, its sentences' features and labels, its label."""

    features: Features
    label: bool
    sentences: list[Features] = field(default_factory=list)
    sentence_labels: list[bool] = field(default_factory=list)
    id: str = ""

    @property
    def rules(self) -> bool:
        return bool(self.features.get("rec:rules"))


def story_of(article: Article, records: Sequence[Record], label: bool, key_strings: Sequence[str] = ()) -> Story:
    return Story(article_features(article, records), label, sentence_features(article.text, records),
                 sentence_labels(article.text, key_strings) if label else [], article.id)


def sentence_scores(weights: dict[str, float], bias: float, sentences: Sequence[Features]) -> list[float]:
    return [_sigmoid(bias + sum(weights.get(n, 0.0) * v for n, v in f.items())) for f in sentences]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit_sentences(stories: Sequence[Story], settings: TrainingSettings) -> tuple[dict[str, float], float]:
    """The sentence model: sentences naming the key's strings against every other sentence
    (of negative stories all, of positive stories those that name none)."""
    features, labels = [], []
    for story in stories:
        features.extend(story.sentences)
        labels.extend(story.sentence_labels or [False] * len(story.sentences))
    sentence_settings = TrainingSettings(l2=settings.sentence_l2, min_stories=settings.min_stories,
                                         max_words=settings.sentence_max_words, steps=settings.steps,
                                         inner_folds=0, nb=settings.nb, nb_alpha=settings.nb_alpha)
    return fit_weights(features, labels, sentence_settings)


def stacked_features(stories: Sequence[Story], settings: TrainingSettings) -> list[Features]:
    """Each training story's features with its sentence summary from a sentence model that did
    not see it (so the story model learns how far to trust sentence scores on unseen text)."""
    assignment = fold_of(len(stories), settings.sentence_folds)
    out: list[Features] = [{} for _ in stories]
    for k in range(settings.sentence_folds):
        weights, bias = fit_sentences([s for s, f in zip(stories, assignment, strict=True) if f != k], settings)
        for i, f in enumerate(assignment):
            if f == k:
                summary = sentence_summary(sentence_scores(weights, bias, stories[i].sentences))
                out[i] = {**stories[i].features, **summary}
    return out


def fit_stories(stories: Sequence[Story], settings: TrainingSettings | None = None,
                provenance: str = "") -> TriageModel:
    """Train the triage model on stories: with `settings.sentences`, a sentence model first and
    the story model on top of it (stacked); otherwise the story model alone."""
    settings = settings or TrainingSettings()
    ids = [s.id for s in stories]
    labels, rules = [s.label for s in stories], [s.rules for s in stories]
    if not settings.sentences:
        return fit([s.features for s in stories], labels, rules, settings, ids=ids, provenance=provenance)
    model = fit(stacked_features(stories, settings), labels, rules, settings, ids=ids, provenance=provenance)
    model.sentence_weights, model.sentence_bias = fit_sentences(stories, settings)
    return model


def cross_validated_stories(stories: Sequence[Story], folds: int,
                            settings: TrainingSettings) -> tuple[list[float], list[bool]]:
    """Each story's score and verdict by a model trained, by `fit_stories`, on the other folds."""
    assignment = fold_of(len(stories), folds)
    scores, verdicts = [0.0] * len(stories), [False] * len(stories)
    for k in range(folds):
        model = fit_stories([s for s, f in zip(stories, assignment, strict=True) if f != k], settings)
        for i, f in enumerate(assignment):
            if f == k:
                scores[i] = model.score_story(stories[i])
                verdicts[i] = model.decide(scores[i], stories[i].rules)
    return scores, verdicts


def cross_fit(model: TriageModel, stories: dict[str, Story], to_score: Sequence[str],
              folds: int = 5) -> dict[str, tuple[float, bool]]:
    """Honest scores for stories the model was trained on: its training stories (those at hand)
    are cut into folds, and each story to score is scored by a model trained, with the same
    settings, on the other folds only. Stories it did not see are scored by the model itself."""
    training = [story_id for story_id in model.trained_on if story_id in stories]
    fold = {story_id: i % folds for i, story_id in enumerate(training)}
    scores = {story_id: _verdict(model, stories[story_id]) for story_id in to_score if story_id not in fold}
    settings = model.training_settings()
    for k in range(folds):
        wanted = [story_id for story_id in to_score if fold.get(story_id) == k]
        if wanted:
            refit = fit_stories([stories[i] for i in training if fold[i] != k], settings)
            scores.update({story_id: _verdict(refit, stories[story_id]) for story_id in wanted})
    return scores


def _verdict(model: TriageModel, story: Story) -> tuple[float, bool]:
    score = model.score_story(story)
    return score, model.decide(score, story.rules)
