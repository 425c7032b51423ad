"""Trigger matching: the lexicon's words and phrases found in a parsed sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitrep.extract.events.lexicon import Lexicon, Trigger
from sitrep.extract.events.parse import descendants, lemma_key, token_keys


@dataclass
class Candidate:
    """A trigger match before typing: becomes an EventMention once refined and scored."""

    family: str
    start: int
    end: int
    head: Token
    weak: bool
    cues: list[str] = field(default_factory=list)
    mode: str | None = None
    family_override: tuple[str, str] | None = None  # ACLED (type, sub) from context rules
    origin: str = ""  # the family the trigger matched, before context rules
    event_type: str | None = None
    score_factor: float = 1.0

    def drop(self, cue: str) -> None:
        """Not an event after all (a heading, a topic, a figure of speech), and why."""
        self.score_factor = 0.0
        self.cues.append(cue)

    def lower(self, factor: float, cue: str) -> None:
        """Rank this candidate below a plainly reported event, and say why."""
        self.score_factor *= factor
        self.cues.append(cue)


def _pos_ok(token: Token, pos: str | None) -> bool:
    if token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES or token.text == "March":
        return False  # "Agency for Development and Cooperation", "the Ceasefire Committee", the month
    if pos == "N":
        return token.pos_ in ("NOUN", "PROPN")
    if pos == "V":
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    return True


NAME_ENTITIES = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "DATE"})


def _match_trigger(token: Token, trigger: Trigger) -> list[int] | None:
    """Indices of the tokens that match `trigger` anchored at `token`, or None."""
    if not _pos_ok(token, trigger.pos):
        return None
    if len(trigger.words) == 1:
        return [token.i]
    doc = token.doc
    if trigger.linked:
        below = descendants(token, depth=3)
        matched = [token.i]
        for word in trigger.words[1:]:
            hit = next((t for t in below if word in token_keys(t)), None)
            if hit is None:
                return None
            matched.append(hit.i)
        return sorted(matched)
    i = token.i + 1
    matched = [token.i]
    for word in trigger.words[1:]:
        while i < len(doc) and doc[i].text in ("-",):
            i += 1
        if i >= len(doc) or word not in token_keys(doc[i]):
            return None
        matched.append(i)
        i += 1
    return matched


def match_sentence(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    found: list[tuple[list[int], Trigger, Token]] = []
    for token in sent:
        triggers = lexicon.by_first_word.get(lemma_key(token), []) + (
            lexicon.by_first_word.get(token.lower_, []) if token.lower_ != lemma_key(token) else []
        )
        for trigger in triggers:
            matched = _match_trigger(token, trigger)
            if matched:
                found.append((matched, trigger, token))
    # Most words first, then strong before weak, then the family's prior.
    found.sort(key=lambda f: (-len(f[0]), f[1].weak, -lexicon.families[f[1].family].prior))
    taken: set[int] = set()
    candidates = []
    for matched, trigger, token in found:
        if any(i in taken for i in matched):
            continue
        taken.update(matched)
        head = token if trigger.linked else sent.doc[matched[0] : matched[-1] + 1].root
        candidates.append(Candidate(trigger.family, matched[0], matched[-1] + 1, head, trigger.weak,
                                    cues=[f"trigger:{' '.join(trigger.words)}"], origin=trigger.family))
    return sorted(candidates, key=lambda c: c.start)

