"""Context rules that refine each trigger's family (and so its PLOVER and ACLED types)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.extract.events.incidental import is_figurative_fight, refine_consult, refine_group_change
from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.protest import refine_protest, refine_request, window_keys
from sitrep.extract.events.strategic import refine_strategic
from sitrep.extract.events.violence import direct_fire, refine_explosion, refine_territory, refine_violence
from sitrep.extract.events.words import AIR_CUES, CYBER_CUES, WORKER_WORDS

LIFTING_VERBS = frozenset({"lift", "end", "ease", "relax", "revoke", "repeal", "rescind", "scrap", "suspend"})


def _lifted(head: Token) -> bool:
    """A restriction that is the object of lifting it: "lifted the curfew", "the lifting of the ban"."""
    if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in LIFTING_VERBS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in LIFTING_VERBS


DEMANDING = frozenset({"demand", "protest", "denounce", "press"})


def _done_to_demand(head: Token) -> bool:
    """"inmates burned mattresses to demand visits": destruction as a means of protest."""
    verb = head if head.pos_ == "VERB" else head.head
    return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in DEMANDING for c in verb.children)


RESTRICTING_VERBS = frozenset({"suspend", "close", "shut", "stop", "halt", "cease", "vacate", "leave", "disband",
                               "evacuate", "hand"})


def _ordered_to_stop(head: Token) -> bool:
    """An order to close, stop or leave is coercion (PLOVER COERCE), not a request."""
    return head.lemma_.lower() == "order" and any(
        c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in RESTRICTING_VERBS for c in head.children)


def _wound_up(head: Token) -> bool:
    """"talks wound up on Tuesday": the past of "wind", not a wound."""
    return head.lower_ == "wound" and (head.lemma_.lower() == "wind" or any(
        c.dep_ == "prt" for c in head.children))


def refine_candidate(cand: Candidate, sent: Span, sent_keys: set[str], others: list[Candidate]) -> None:
    if _wound_up(cand.head):
        cand.drop("wind-up")
    elif cand.family == "clash" and is_figurative_fight(cand.head):
        cand.drop("figurative")
    elif cand.family in ("attack", "casualty", "clash"):
        refine_violence(cand, sent, sent_keys, others)
    elif cand.family == "territory":
        refine_territory(cand, sent_keys)
    elif cand.family in ("protest", "riot"):
        refine_protest(cand, sent, sent_keys)
    elif cand.family == "air" and cand.head.lemma_.lower() == "strike" and not sent_keys & AIR_CUES:
        cand.family = "protest" if sent_keys & (WORKER_WORDS | {"hunger", "general", "protest"}) else "attack"
        if cand.family == "protest":
            cand.mode = "strike"
    elif cand.family == "ied" and cand.head.lemma_.lower() == "mine" and not sent_keys & {
            "explode", "blast", "detonate", "hit", "step", "plant", "land", "strike", "kill", "wound", "injure"}:
        cand.score_factor = 0.0  # a gold mine, not a landmine
    elif cand.family == "ied":
        refine_explosion(cand, sent_keys)
    elif cand.family == "grenade" and (sent_keys & AIR_CUES):
        cand.family = "air"  # a grenade dropped from a drone
    elif cand.family == "shelling":
        if direct_fire(sent_keys) or direct_fire(window_keys(sent, 1)):
            cand.family = "clash"
            cand.cues.append("context:small-arms")
        elif sent_keys & AIR_CUES or "air_force" in sent_keys:
            cand.family = "air"
    elif cand.family == "loot" and ("burning_tyres" in sent_keys or _done_to_demand(cand.head)):
        cand.family = "riot"
        refine_protest(cand, sent, sent_keys)
    elif cand.family == "request" and _ordered_to_stop(cand.head):
        cand.event_type = "COERCE"  # "ordered the newspaper to suspend publication"
        cand.cues.append("order:restrictive")
    elif cand.family == "request":
        refine_request(cand)
        if cand.family == "protest":
            refine_protest(cand, sent, sent_keys)
    elif cand.family == "group_change" and cand.head.lemma_.lower() == "impose" and "curfew" in sent_keys:
        cand.event_type = "COERCE"  # a curfew restricts movement (PLOVER COERCE); ACLED's type stays
    elif cand.family == "coerce" and _lifted(cand.head):
        cand.family = "concede"  # "lifted the state of emergency", "ended the blockade"
        cand.cues.append("measure:lifted")
    elif cand.family == "consult":
        refine_consult(cand)
    elif cand.family == "group_change":
        refine_group_change(cand)
    elif cand.family in ("retreat", "aid"):
        refine_strategic(cand)
    if cand.family == "attack" and "strike:on-target" in cand.cues:
        refine_violence(cand, sent, sent_keys, others)
    if cand.family == "attack" and sent_keys & CYBER_CUES:
        cand.family = "coerce"  # "hackers defaced 3,000 web sites": PLOVER codes cyber attacks as COERCE
        cand.cues.append("cyber")

