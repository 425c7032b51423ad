"""ACLED typing of demonstrations: peaceful, violent (riot), met with intervention or with lethal force."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.parse import agent_tokens, sentence_keys, words_of
from sitrep.extract.events.words import (
    CIVIL_GROUP_WORDS,
    PROTEST_CONTEXT,
    PROTEST_FORCE_CUES,
    PROTEST_INTERVENTION_CUES,
    PROTEST_VIOLENT_CUES,
    STATE_WORDS,
    WORKER_WORDS,
)


def window_keys(sent: Span, following: int) -> set[str]:
    return set().union(*(sentence_keys(s) for s in _protest_window(sent.doc, sent, following)))


def _protest_window(doc: Doc, sent: Span, following: int = 2) -> list[Span]:
    sents = list(doc.sents)
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
    return sents[index : index + 1 + following]


# What people gather for when they are not protesting: "gathered to help the wounded".
NON_PROTEST_PURPOSES = frozenset("""
help aid rescue mourn pray bury watch celebrate collect search look see attend vote listen welcome receive
donate treat carry evacuate pay worship wait queue shop buy
""".split())
GATHERING_VERBS = frozenset({"gather", "assemble", "congregate", "converge"})
TEMPORAL_MARKS = frozenset({"as", "when", "while", "after", "before", "until"})


def _gathered_for_something_else(head: Token) -> bool:
    """A crowd in a time clause ("as residents gathered") or gathered for another purpose
    ("to help the wounded", "for the funeral") is no protest."""
    if head.lemma_.lower() not in GATHERING_VERBS:
        return False
    if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in head.children):
        return True
    purposes = [c for c in head.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    return any(p.lemma_.lower() in NON_PROTEST_PURPOSES for p in purposes)


def _strike_on_target(head: Token, sent_keys: set[str]) -> bool:
    """"the strike on the market" killed people: an attack, not a labour strike."""
    if head.lemma_.lower() != "strike" or head.pos_ != "NOUN" or sent_keys & {"hunger", "general", "worker",
                                                                                  "union", "walkout"}:
        return False
    on_target = any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in head.children)
    return on_target or bool(sent_keys & {"kill", "killed", "wound", "wounded", "dead", "injure", "casualty"})


def refine_protest(cand: Candidate, sent: Span, sent_keys: set[str]) -> None:
    if cand.family == "protest" and _strike_on_target(cand.head, sent_keys):
        cand.family = "attack"
        cand.cues.append("strike:on-target")
        return
    if cand.weak and cand.family == "protest":
        if _gathered_for_something_else(cand.head):
            cand.drop("gathering:not-protest")
            return
        subject_words = words_of(agent_tokens(cand.head))
        if not (sent_keys & PROTEST_CONTEXT - {"march", "strike"}) and not subject_words & (WORKER_WORDS | {
                "protester", "demonstrator", "activist", "resident", "villager", "supporter"}):
            cand.score_factor = 0.0
            return
    window = _protest_window(sent.doc, sent)
    keys = set().union(*(sentence_keys(s) for s in window))
    if cand.family == "riot" or keys & PROTEST_VIOLENT_CUES and _protesters_violent(window) \
            or _armed_with(cand.head) or _scuffle_with_protesters(window):
        cand.family = "riot"
        cand.mode = "riot"
        cand.cues.append("protest:violent")
        return
    if keys & PROTEST_FORCE_CUES and keys & {"protester", "demonstrator", "protest"} and _lethal_force(window):
        cand.family_override = ("Protests", "Excessive force against protesters")
        cand.cues.append("protest:lethal-force")
        return
    if keys & PROTEST_INTERVENTION_CUES and _police_intervened(window):
        cand.family_override = ("Protests", "Protest with intervention")
        cand.cues.append("protest:intervention")
        return
    if sent_keys & {"strike", "walkout"} and cand.head.lemma_.lower() in ("strike", "walkout", "go"):
        cand.mode = "strike"


POLICE_WORDS = frozenset({"police", "policeman", "officer", "force", "gendarme", "soldier", "army", "guard",
                          "military", "troop", "security", "authority"})


SCUFFLE_WORDS = frozenset({"clash", "scuffle", "brawl", "skirmish", "fight", "tussle", "scuffles"})
PROTEST_WEAPONS = frozenset({"stone", "rock", "brick", "molotov", "machete", "stick", "club", "petrol", "fire",
                             "slingshot", "catapult", "sword"})
VIOLENT_PROTEST_VERBS = frozenset({"burn", "set", "smash", "damage", "destroy", "storm", "attack", "clash",
                                   "injure", "loot", "vandalize", "vandalise", "torch", "pelt", "stone", "ransack",
                                   "hurl", "throw", "assault", "beat", "block", "scuffle", "brawl", "fight"})


def _protesters_violent(window: list[Span]) -> bool:
    """Whether the protesters (not the police) turned violent: stones, arson, clashes, looting."""
    for index, sent in enumerate(window):
        keys = sentence_keys(sent)
        if "burning_tyres" in keys or (index == 0 and keys & {"riot", "rioter", "rioting", "molotov", "pelt"}):
            return True
        for t in sent:
            lemma = t.lemma_.lower()
            if lemma not in VIOLENT_PROTEST_VERBS:
                continue
            subjects = words_of(_with_members([c for c in t.children if c.dep_ == "nsubj"] or
                              ([c for c in t.head.children if c.dep_ == "nsubj"] if t.dep_ == "conj" else [])))
            objects = words_of([w for c in t.children if c.dep_ in ("dobj", "prep") for w in c.subtree])
            if objects & {"effigy", "flag", "picture", "photo", "poster", "copy"}:
                continue  # burning an effigy is a peaceful protest in ACLED's coding
            if lemma == "block" and not objects & {"stone", "rock", "tyre", "tire", "burning"}:
                continue
            if lemma in ("throw", "hurl") and not objects & {"stone", "rock", "brick", "bottle", "object", "molotov"}:
                continue
            if subjects & (PROTESTER_WORDS | CIVIL_GROUP_WORDS | WORKER_WORDS | {"inmate", "prisoner"}) \
                    and not subjects & POLICE_WORDS:
                return True
            if lemma in SCUFFLE_WORDS and (objects & POLICE_WORDS or subjects & POLICE_WORDS
                                           and objects & PROTESTER_WORDS - {"they"}):
                return True  # "clashed with the police", "police clashed with the demonstrators"
    return False


def _with_members(tokens: list[Token]) -> list[Token]:
    """Subjects with who they are: "a number of residents", "hundreds of students", and "residents
    demonstrating against ..." (a participle that says they are protesters)."""
    found = list(tokens)
    for t in tokens:
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                found.extend(child.children)
            if child.dep_ == "acl" and child.lemma_.lower() in ("demonstrate", "protest", "march", "rally"):
                found.append(child)
    return found


def _armed_with(head: Token) -> bool:
    """"demonstrated with stones and fire": the protest itself was violent."""
    tools = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.subtree]
    return bool(words_of(tools) & PROTEST_WEAPONS)


def _scuffle_with_protesters(window: list[Span]) -> bool:
    """"There was a brawl between the demonstrators and the police": a noun with both sides."""
    for sent in window:
        for t in sent:
            if t.pos_ == "NOUN" and t.lemma_.lower() in SCUFFLE_WORDS:
                sides = words_of([w for c in t.children if c.dep_ == "prep" and c.lower_ in ("between", "with")
                                  for w in c.subtree])
                if sides & (PROTESTER_WORDS - {"they"}) and sides & POLICE_WORDS:
                    return True
    return False


def _lethal_force(window: list[Span]) -> bool:
    for sent in window:
        for t in sent:
            if t.lemma_.lower() in ("kill", "shoot", "die", "dead"):
                sub = words_of(list(t.subtree) + [t.head])
                if sub & {"protester", "demonstrator", "participant"} or sent.text.lower().count("live"):
                    return True
    return False


INTERVENTION_TEXT = re.compile(r"tear ?-?gas|water ?-?cannon|rubber bullet|dispers|intervene|baton|lathi"
                               r"|fired (shots )?in(to)? the air|warning shots|broke up|break up|pepper spray")


PROTESTER_WORDS = frozenset({"protester", "demonstrator", "participant", "organizer", "organiser", "they",
                             "marcher", "striker", "activist", "rioter", "crowd", "protest", "demonstration"})


def _police_intervened(window: list[Span]) -> bool:
    for sent in window:
        if INTERVENTION_TEXT.search(sent.text.lower()):
            return True
        for t in sent:
            if t.lemma_.lower() not in ("arrest", "detain", "apprehend", "beat", "prevent", "stop"):
                continue
            if any(a.dep_ == "prep" and a.lower_ in ("against", "over", "for", "of", "about") for a in t.ancestors):
                continue  # "protested against the arrest of ...": the reason, not an intervention
            involved = words_of([c for c in t.subtree if c.i != t.i] + [t.head])
            if involved & PROTESTER_WORDS or (t.lemma_.lower() in ("arrest", "detain") and involved & {
                    "police", "officer", "policeman", "force"}):
                return True
    return False


NOT_PROTESTERS = frozenset({"government", "minister", "president", "official", "opposition", "party", "leader"})


def refine_request(cand: Candidate) -> None:
    """People who "did a motorcade to demand ..." are protesting: ACLED codes it so."""
    head = cand.head
    if head.lemma_.lower() != "demand":
        return
    protesters = (CIVIL_GROUP_WORDS | WORKER_WORDS | PROTESTER_WORDS) - {"group", "member", "party", "official",
                                                                       "leader", "supporter", "community"}
    if head.dep_ == "ROOT":
        agents = words_of(agent_tokens(head))
        if agents & protesters and not agents & (STATE_WORDS | NOT_PROTESTERS):
            cand.family = "protest"
            cand.weak = True
            cand.cues.append("demand:by-people")
        return
    if head.dep_ not in ("advcl", "xcomp"):
        return
    agents = words_of(agent_tokens(head.head))
    if agents & protesters and not agents & (STATE_WORDS | NOT_PROTESTERS):
        cand.family = "protest"
        cand.head = head.head
        cand.start, cand.end = head.head.i, head.head.i + 1
        cand.weak = True
        cand.cues.append("purpose:demand")

