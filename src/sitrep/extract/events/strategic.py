"""ACLED's strategic developments among non-violent events: prisoners released (Other), an armed
group handing out food (Change to group/activity)."""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.parse import agent_tokens, words_of
from sitrep.extract.events.words import NONSTATE_WORDS

PRISONER_WORDS = frozenset({"prisoner", "detainee", "inmate", "convict"})
RELEASING_VERBS = frozenset({"release", "free", "pardon"})
CRIMINAL_GROUP_WORDS = frozenset({"cartel", "gang", "mafia", "syndicate"})


def _members(tokens: list[Token]) -> list[Token]:
    """Tokens with the X of "members of the X cartel" added."""
    found = list(tokens)
    for t in tokens:
        for of in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
            for member in of.children:
                found.extend([member, *(c for c in member.children if c.dep_ in ("compound", "amod"))])
    return found


def _releases_prisoners(head: Token) -> bool:
    if head.lemma_.lower() not in RELEASING_VERBS:
        return False
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(words_of(objects) & PRISONER_WORDS)


def refine_strategic(cand: Candidate) -> None:
    """ACLED types for non-violent acts that ACLED codes as strategic developments."""
    if cand.family == "retreat" and _releases_prisoners(cand.head):
        cand.family_override = ("Strategic developments", "Other")
        cand.cues.append("release:prisoners")
    elif cand.family == "aid":
        doers = words_of(_members(agent_tokens(cand.head)))
        if doers & (NONSTATE_WORDS | CRIMINAL_GROUP_WORDS):
            cand.family_override = ("Strategic developments", "Change to group/activity")
            cand.cues.append("aid:by-armed-group")
