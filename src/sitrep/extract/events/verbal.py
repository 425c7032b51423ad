"""PLOVER typing of statements: demands without the word, promises (AGREE) and threats (THREATEN)."""

from __future__ import annotations

from spacy.tokens import Span

from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.parse import governing_verb
from sitrep.extract.mention import EventMention

SPEECH_VERBS = frozenset("""
say declare reiterate insist conclude issue state announce tell add stress repeat warn write
""".split())


PROMISE_TYPES = frozenset({"SUPPORT", "AID", "CONCEDE", "RETREAT", "CONSULT", "COOPERATE", "MOBILIZE"})


def obligation_candidates(sent: Span, taken: set[int]) -> list[Candidate]:
    """'X said that Y must ...' is a demand (PLOVER REQUEST) even without the word "demand"."""
    found = []
    for token in sent:
        if token.dep_ != "ccomp" or token.head.lemma_.lower() not in SPEECH_VERBS or token.head.i in taken:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in token.children):
            found.append(Candidate("request", token.head.i, token.head.i + 1, token.head, False,
                                   cues=["obligation:must"], origin="request"))
            taken.add(token.head.i)
    return found


# How a requested act hangs below the verb that asks for it: "called on X to reinforce", "urged
# that troops be sent", "called for troops to be deployed".
REQUESTED_DEPS = frozenset({"xcomp", "ccomp", "advcl"})


def drop_requested(cands: list[Candidate]) -> None:
    """"Called on the federal government to reinforce security": the act asked for has not
    happened; the request is the event (PLOVER REQUEST), the reinforcement none."""
    requests = {c.head.i for c in cands if c.family == "request" and c.score_factor > 0}
    for cand in cands:
        verb = governing_verb(cand.head)  # "to send reinforcements": the noun's verb is asked for
        if cand.family == "request" or verb.dep_ not in REQUESTED_DEPS:
            continue
        if verb.head.i in requests and verb.head.lemma_.lower() in REQUESTING:
            cand.drop("requested-act")


# A withdrawal announced is a promise (AGREE); only with "unless" is it a threat.
THREAT_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "REJECT", "MOBILIZE"})


# Verbs that announce violence as a threat: "have sworn to fight", "vowed to attack".
VOWING = frozenset({"vow", "swear", "threaten"})


# Governors whose complement is asked for or attempted (neither a promise nor a threat), or prepared.
REQUESTING = frozenset({"call", "urge", "ask", "demand", "appeal", "press", "request", "plead", "order"})
ATTEMPTING = frozenset({"try", "attempt", "seek"})
PREPARING = frozenset({"prepare", "gear", "mass"})
ANNOUNCING = SPEECH_VERBS | {"willing", "ready", "prepared", "offer", "vow", "swear", "confirm"}


def as_promise_or_threat(mention: EventMention) -> None:
    """A planned act announced by its doer is a promise (PLOVER AGREE: "Portugal will support ...")
    or, when it would hurt or comes with "unless", a threat (THREATEN: "said they would boycott")."""
    if mention.modality not in ("planned", "hypothetical"):
        return
    root = mention.trigger.root
    governors = {a.lemma_.lower() for a in root.ancestors}
    # "will withdraw unless the army stops": the condition is often a clause of its own below the verb
    conditions = {t.lower_ for t in mention.clause} | {
        m.lower_ for c in root.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
    conditional = "unless" in conditions or (mention.modality == "planned" and "if" in conditions)
    announced = bool(governors & ANNOUNCING)
    if "negated-cooperation" in mention.cues:
        return  # "will not accept more refugees": a refusal (REJECT), not a threat
    if governors & (REQUESTING | ATTEMPTING):
        return  # "called on the government to reinforce ...", "tried to hack": asked for or attempted, not vowed
    if mention.event_type == "ASSAULT" and governors & PREPARING and not announced:
        mention.event_type, mention.mode = "MOBILIZE", "troops"  # "the army prepared to resume shelling"
        mention.acled_event_type = mention.acled_sub_event_type = None
        mention.cues.append("preparation")
        return
    vowed_violence = mention.event_type == "ASSAULT" and bool(governors & VOWING)
    if mention.event_type in THREAT_TYPES and (announced or conditional) and mention.event_type != "ASSAULT" \
            or conditional and mention.event_type in PROMISE_TYPES or vowed_violence:
        mention.event_type = "THREATEN"
        mention.acled_event_type = mention.acled_sub_event_type = None
        mention.cues.append("threat")
    elif mention.modality == "planned" and mention.event_type in PROMISE_TYPES and announced:
        mention.event_type = "AGREE"
        mention.cues.append("promise")


COOPERATIVE_FAMILIES = frozenset({"agree", "consult", "support", "concede", "cooperate", "aid"})

