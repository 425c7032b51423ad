"""An event mention: one trigger in one sentence, before actors, places, dates and counts are
attached. Produced by `sitrep.extract.events.find_event_mentions`, read by every other extractor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Span

Modality = Literal["asserted", "hypothetical", "planned"]
Tense = Literal["past", "present", "future"]


@dataclass
class EventMention:
    sentence: Span  # the sentence that reports the event
    trigger: Span  # the words that name it: "killed", "car bomb", "met", "air strikes"
    event_type: str  # PLOVER event type
    mode: str | None = None  # PLOVER mode: aerial, explosives, suicide-attack, firearms ...
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    modality: Modality = "asserted"
    tense: Tense = "past"
    score: float = 0.5  # how sure the detector is that this is a real event of this type
    # Words of the sentence that belong to this event (the trigger's clause), as token indices
    # into the Doc; other extractors look here first so that two events in one sentence stay apart.
    clause_start: int = 0
    clause_end: int = 0
    cues: list[str] = field(default_factory=list)  # why it was typed so, for explanations

    @property
    def doc(self):
        return self.sentence.doc

    @property
    def clause(self) -> Span:
        if self.clause_end > self.clause_start:
            return self.doc[self.clause_start : self.clause_end]
        return self.sentence
