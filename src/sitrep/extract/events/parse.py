"""Helpers on the dependency parse shared by detection and typing: clause heads, agents, targets, cue words."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token


def lemma_key(token: Token) -> str:
    return token.lemma_.lower()


def token_keys(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def descendants(token: Token, depth: int = 2) -> list[Token]:
    found, frontier = [], [token]
    for _ in range(depth):
        frontier = [child for t in frontier for child in t.children]
        found.extend(frontier)
    return found


def governing_verb(token: Token) -> Token:
    """The verb whose clause holds `token` (itself when it is a verb)."""
    current = token
    for _ in range(5):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        current = current.head
    return current


# Phrases that act as one cue; the words inside them must not count on their own
# (a grenade launcher is artillery-like, not a grenade; an anti-aircraft gun is not an air strike).
PHRASE_CUES = {
    "air_force": re.compile(r"\bair ?-?forces?\b"),
    "small_arms": re.compile(r"\bsmall[ -]arms\b|\bsmall-arms\b|\bassault rifles?\b"),
    "heavy_weapons": re.compile(r"grenade[ -]launchers?|anti-?aircraft|anti-?tank|\bifvs?\b|\bagls?\b"
                                r"|heavy machine ?-?guns?|recoilless|\bbmps?\b"),
    "two_way": re.compile(r"both directions|both sides|exchanges? of (gun)?fire|exchanged (gun)?fire"),
    "burning_tyres": re.compile(r"\b(burn(ing|ed|t)?|set (fire|ablaze) to|torch(ed)?) (of )?(car |old )?(tyres|tires)"
                                r"|(tyres|tires) (were )?(burn|set|torch)"),
}


MASKED_BY_PHRASE = re.compile(r"grenade[ -]launchers?|anti-?aircraft|tear ?-?gas(sed)?")


def sentence_keys(sent: Span) -> set[str]:
    text = sent.text.lower()
    masked = MASKED_BY_PHRASE.sub(" ", text)
    keys = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    keys -= {word for word in ("grenade", "aircraft", "gas", "tear") if word not in masked}
    keys |= {name for name, pattern in PHRASE_CUES.items() if pattern.search(text)}
    return keys


def clause_chain(token: Token) -> list[Token]:
    """The trigger, its governing verb, and verbs above it joined by xcomp/ccomp-like links."""
    chain = [token]
    verb = governing_verb(token)
    if verb.i != token.i:
        chain.append(verb)
    current = verb
    for _ in range(2):
        if current.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "acl") and current.head.i != current.i:
            current = current.head
            chain.append(current)
        else:
            break
    return chain


DYING_VERBS = frozenset({"die", "perish", "succumb"})


def target_tokens(head: Token) -> list[Token]:
    """Who or what the violence hits: objects, passive subjects, "on/against X"."""
    verb = head if head.pos_ == "VERB" else None
    found = []
    if verb is not None:
        if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
            found.append(verb.head)  # "five soldiers killed", "the wounded policemen": who was hit
        own_object = any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
        partners = [] if own_object else [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for c in [*verb.children, *(g for p in partners for g in p.children)]:
            if c.dep_ in ("dobj", "nsubjpass"):
                found.append(c)
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon"):
                found.extend(p for p in c.children if p.dep_ == "pobj")
        if verb.lemma_.lower() in DYING_VERBS:
            found.extend(c for c in verb.children if c.dep_ == "nsubj")  # "60 rebels died": who was hit
    else:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "of", "upon"):
                found.extend(p for p in c.children if p.dep_ == "pobj")
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
            # "inflicted casualties on the troops", "attacks were carried out on three positions"
            found.extend(p for c in head.head.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "upon")
                         for p in c.children if p.dep_ == "pobj")
    expanded = []
    for t in found:
        expanded.append(t)
        expanded.extend(c for c in t.conjuncts)
        expanded.extend(_modifiers(t))  # "the army's vehicle", "infantry colonel Jose Garcia"
        expanded.extend(p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)
    return expanded


def _modifiers(token: Token, depth: int = 4) -> list[Token]:
    """The words that say what a noun is: compounds (a name's title among them), adjectives,
    possessors and an apposition ("Garcia, deputy commander of the zone")."""
    found, frontier = [], [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ in ("compound", "amod", "poss", "appos")]
        found.extend(frontier)
    return found


def agent_tokens(head: Token) -> list[Token]:
    verb = governing_verb(head)
    # The subject of the verb a noun trigger hangs from by a preposition did not do it: the villagers
    # of "villagers fled after the attack" and "people died in the attack" are not its attackers.
    in_phrase = head.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj"
    found = [] if in_phrase else [c for c in verb.children if c.dep_ in ("nsubj",)]
    for c in verb.children:
        if c.dep_ == "agent":
            found.extend(p for p in c.children if p.dep_ == "pobj")
    if head.pos_ in ("NOUN", "PROPN"):
        for c in head.children:
            if c.dep_ in ("compound", "amod", "poss"):
                found.append(c)
            if c.dep_ == "prep" and c.lower_ == "by":
                found.extend(p for p in c.children if p.dep_ == "pobj")
    expanded = []
    for t in found:
        expanded.append(t)
        expanded.extend(t.conjuncts)
        expanded.extend(c for c in t.children if c.dep_ in ("compound", "amod"))
    return expanded


def words_of(tokens: list[Token]) -> set[str]:
    out = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
        if t.ent_type_ in ("ORG", "NORP"):
            out.update(w.lower() for w in t.text.split())
    return out


def clause_words(head: Token) -> set[str]:
    verb = governing_verb(head)
    return {t.lemma_.lower() for t in verb.subtree} | {t.lower_ for t in verb.subtree}


def heads_linked(a: Token, b: Token) -> bool:
    """Whether two trigger heads are within two dependency steps, not just joined by 'and'."""
    for x, y in ((a, b), (b, a)):
        node = x
        for _ in range(3):
            if node.head.i == node.i:
                break
            if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
                break
            node = node.head
            if node.i == y.i:
                return True
    return False

