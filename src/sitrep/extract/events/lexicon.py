"""The trigger lexicon (`data/events_lexicon.json`): event families and the words that trigger them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).parent.parent / "data" / "events_lexicon.json"


@dataclass(frozen=True)
class Family:
    name: str
    event_type: str
    mode: str | None
    acled_type: str | None
    acled_sub: str | None
    prior: float


@dataclass(frozen=True)
class Trigger:
    family: str
    words: tuple[str, ...]
    linked: bool  # "take>control": the later words are dependents of the first
    pos: str | None  # "N", "V" or None
    weak: bool


@dataclass
class Lexicon:
    families: dict[str, Family]
    by_first_word: dict[str, list[Trigger]]


def _parse_trigger(family: str, text: str) -> Trigger:
    weak = text.startswith("~")
    text = text.lstrip("~")
    pos = None
    if "@" in text:
        text, pos = text.split("@", 1)
    linked = ">" in text
    words = tuple(text.split(">") if linked else text.split())
    return Trigger(family=family, words=tuple(w.lower() for w in words), linked=linked, pos=pos, weak=weak)


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The trigger lexicon, read once per process."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    families: dict[str, Family] = {}
    by_first: dict[str, list[Trigger]] = {}
    for name, spec in raw["families"].items():
        acled = spec.get("acled") or [None, None]
        families[name] = Family(name, spec["event_type"], spec.get("mode"), acled[0], acled[1], spec["prior"])
        for text in spec["triggers"]:
            trigger = _parse_trigger(name, text)
            by_first.setdefault(trigger.words[0], []).append(trigger)
    return Lexicon(families=families, by_first_word=by_first)

