"""Modality (asserted, planned, hypothetical), tense and the clause a trigger belongs to."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.extract.events.parse import clause_chain, governing_verb
from sitrep.extract.mention import Modality, Tense

HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can", "ca", "must"})


PLANNED_AUX = frozenset({"will", "shall", "'ll", "wo"})


HYPOTHETICAL_GOVERNORS = frozenset("""
consider threaten warn fear risk contemplate mull weigh propose suggest possible potential
debate seek try attempt want hope wish urge demand call ask
""".split())


PLANNED_GOVERNORS = frozenset("""
plan intend prepare schedule aim set expect agree decide pledge promise vow swear due announce go
willing ready prepared
""".split())


PREPARING_VERBS = frozenset({"prepare", "plan", "plot", "organize", "organise", "schedule", "rehearse"})


def modality_of(token: Token) -> Modality:
    chain = clause_chain(token)
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT"]
    for verb in verbs:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if aux & PLANNED_AUX:
            return "planned"
        if aux & HYPOTHETICAL_AUX or marks & {"if", "unless", "whether"}:
            return "hypothetical"
    if _infinitive_of_noun(token):
        return "hypothetical"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in PREPARING_VERBS:
        return "planned"  # "were preparing an attack", "planned the kidnapping"
    for node in chain[1:]:
        lemma = node.lemma_.lower()
        if lemma in HYPOTHETICAL_GOVERNORS and node.i != token.i:
            return "hypothetical"
        if lemma in PLANNED_GOVERNORS and node.i != token.i and _has_to_complement(node):
            return "planned"
        if lemma == "be" and any(c.dep_ == "xcomp" for c in node.children) and chain[-2].dep_ == "xcomp":
            return "planned"  # "is to deliver"
    if _future_time(token):
        return "planned"
    return "asserted"


def _infinitive_of_noun(token: Token) -> bool:
    """"orders to shoot anyone", "a plan to kidnap the minister": an infinitive that says what a
    noun is for does not report the act."""
    return token.pos_ == "VERB" and token.dep_ == "acl" and token.head.pos_ == "NOUN" \
        and token.head.lemma_.lower() not in ATTEMPT_NOUNS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


# An attempt on someone's life is an attack, whether or not it killed: "two attempts to murder him".
ATTEMPT_NOUNS = frozenset({"attempt", "bid"})


FUTURE_WORDS = frozenset({"next", "upcoming", "tomorrow", "forthcoming"})


def _future_time(token: Token) -> bool:
    """A noun trigger dated in the future: "the summit next month", "tomorrow's talks"."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(t.lower_ in FUTURE_WORDS for t in token.subtree)


def _has_to_complement(verb: Token) -> bool:
    # The parser often hangs "to fight" under "sworn" as an advcl: its "to" still marks an infinitive.
    infinitive = any(c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
                     for c in verb.children)
    return infinitive or any(c.dep_ == "xcomp" or c.dep_ == "ccomp" and not _reports_past(c) or c.lower_ == "to"
                             for c in verb.children) or verb.lower_ == "due"


def _reports_past(verb: Token) -> bool:
    """"announced (that) it had reimposed blockades": a report of something done, not a plan."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBD" and not aux or verb.tag_ == "VBN" and bool(aux & {"has", "have", "had", "was", "were"})


def tense_of(token: Token, modality: Modality) -> Tense:
    if modality == "planned":
        return "future"
    verb = governing_verb(token)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD",) or a.lower_ in ("had", "was", "were") for a in aux):
        return "past"
    if verb.tag_ == "VB" and any(a.lower_ in HYPOTHETICAL_AUX | PLANNED_AUX for a in aux):
        return "future"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "present"
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in aux):
        return "present"
    return "past"


CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis", "acl"})


def clause_bounds(token: Token, sent: Span) -> tuple[int, int]:
    """Token range of the trigger's own clause: its verb's subtree minus other clauses below it."""
    verb = governing_verb(token)
    excluded: set[int] = set()
    for child in verb.children:
        is_clause = child.dep_ in CLAUSE_DEPS and (child.pos_ in ("VERB", "AUX") or child.dep_ != "conj")
        if is_clause and not any(t.i == token.i for t in child.subtree):
            excluded.update(t.i for t in child.subtree)
    kept = [t.i for t in verb.subtree if t.i not in excluded]
    # The contiguous run around the trigger.
    start = end = token.i
    kept_set = set(kept)
    while start - 1 in kept_set:
        start -= 1
    while end + 1 in kept_set:
        end += 1
    start, end = max(start, sent.start), min(end + 1, sent.end)
    if end - start < 2:
        return sent.start, sent.end
    return start, end

