"""Words that look like a non-violent event but name none: a telephone as the way something was
said, gunmen arriving at the scene of their attack, civilians fleeing, a truce that is only the
topic of talks, an "aid group" that reports something."""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.parse import words_of
from sitrep.extract.events.words import ARMED_WORDS, CIVILIAN_WORDS, EVENT_NOUNS, VIOLENT_FAMILIES

# Who makes a visit or an arrival a diplomatic event (PLOVER CONSULT).
DIPLOMATIC_WORDS = frozenset("""
delegation envoy minister president official leader secretary ambassador diplomat mission mediator
premier chancellor king queen prince counterpart representative negotiator emissary chairman head
governor pope commissioner
""".split())
NAMED_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SPEECH_MEDIA = frozenset({"by", "over", "on", "via"})
# Verbs and nouns whose object is what a meeting is about, not an event that happened.
TOPIC_GOVERNORS = frozenset("""
discuss negotiate talk consult debate examine review study consider explore
discussion negotiation talk meeting summit conference consultation
""".split())
TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})
# Families whose nouns can name one event or only describe something else ("peace talks envoy").
ABSTRACT_FAMILIES = frozenset({"agreement", "agree", "aid", "consult", "cooperate", "support", "concede",
                               "sanction", "coerce", "accuse", "request", "reject", "threaten", "mobilize",
                               "retreat"})
# Nouns a non-violent trigger can modify and still be the event: "aid delivery", "truce deal".
EVENT_HEAD_NOUNS = EVENT_NOUNS | frozenset("""
agreement deal accord talk meeting visit delivery convoy shipment operation programme program package
mission effort bid process initiative drive campaign round session call
""".split())
MOVEMENT_VERBS = frozenset({"flee", "displace"})


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _is_speech_medium(head: Token) -> bool:
    """"said by telephone", "told Reuters over the phone": how it was said, not a phone call."""
    return head.lemma_.lower() in ("telephone", "phone") and head.dep_ == "pobj" \
        and head.head.lower_ in SPEECH_MEDIA


def _diplomatic_arrival(head: Token) -> bool:
    """A minister or a delegation arrives for talks; gunmen or investigators arriving do not consult."""
    subjects = _subjects(head)
    words = words_of(subjects)
    if words & ARMED_WORDS:
        return False
    return bool(words & DIPLOMATIC_WORDS) or any(s.ent_type_ in NAMED_ACTORS for s in subjects)


def _visit_to_civilians(head: Token) -> bool:
    """Visiting the wounded or displaced families is no meeting between two actors."""
    objects = [c for c in head.children if c.dep_ == "dobj"]
    return bool(words_of(objects) & (CIVILIAN_WORDS | {"wounded", "injured", "victim", "survivor", "hospital"}))


def refine_consult(cand: Candidate) -> None:
    head = cand.head
    lemma = head.lemma_.lower()
    if _is_speech_medium(head):
        cand.drop("speech-medium")
    elif lemma == "arrive" and not _diplomatic_arrival(head):
        cand.drop("arrival:not-diplomatic")
    elif lemma == "visit" and head.pos_ == "VERB" and _visit_to_civilians(head):
        cand.drop("visit:civilians")


def refine_group_change(cand: Candidate) -> None:
    """People fleeing or displaced are no change to an armed group's activity: only fighters
    fleeing (a retreat) or a group's own moves count. Troops "who patrol the border" describe a
    routine, not a change."""
    head = cand.head
    if head.lemma_.lower() == "patrol" and head.tag_ in ("VBP", "VBZ"):
        cand.drop("routine")
        return
    if head.lemma_.lower() not in MOVEMENT_VERBS:
        return
    if head.dep_ == "amod" or head.pos_ == "ADJ":
        cand.score_factor = 0.0  # "the displaced families"
        cand.cues.append("modifier")
        return
    if not words_of(_subjects(head)) & ARMED_WORDS:
        cand.drop("movement:civilians")


def is_topic(head: Token) -> bool:
    """"met to discuss a truce", "talks on joint patrols": what a meeting is about."""
    if head.dep_ == "dobj" and head.head.lemma_.lower() in TOPIC_GOVERNORS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ in TOPIC_PREPOSITIONS \
        and head.head.head.lemma_.lower() in TOPIC_GOVERNORS


def is_modifier(cand: Candidate) -> bool:
    """"an aid group", "truce monitors": the trigger only describes the noun it modifies."""
    head = cand.head
    return head.pos_ == "NOUN" and head.dep_ == "compound" and cand.end - cand.start == 1 \
        and head.head.pos_ in ("NOUN", "PROPN") and head.head.lemma_.lower() not in EVENT_HEAD_NOUNS


def is_description(head: Token) -> bool:
    """"factions backed by Ankara", "Iran-backed militias": a participle that describes who someone
    is, not an act of support reported here."""
    return head.tag_ == "VBN" and head.dep_ in ("acl", "amod")


def is_heading(head: Token) -> bool:
    """A short line with no verb ("Aid and investigation"): a section heading, not a report."""
    sent = head.sent
    return len(sent) <= 5 and not any(t.pos_ in ("VERB", "AUX") for t in sent) \
        and not sent.text.rstrip().endswith((".", "!", "?"))


def drop_incidental(cand: Candidate) -> None:
    """Non-violent triggers that are a topic, a modifier, a description or a heading name no
    event of their own."""
    if cand.family in VIOLENT_FAMILIES or cand.family not in ABSTRACT_FAMILIES:
        return
    if is_heading(cand.head):
        cand.drop("heading")
    elif cand.family == "support" and is_description(cand.head):
        cand.drop("description")
    elif is_topic(cand.head):
        cand.drop("topic")
    elif is_modifier(cand):
        cand.drop(f"modifier-of:{cand.head.head.lemma_.lower()}")


# What one fights figuratively: "to combat the spread of the virus", "fight corruption".
ABSTRACT_ENEMIES = frozenset("""
spread virus pandemic epidemic disease coronavirus covid outbreak corruption poverty crime hunger famine
drought fire wildfire locust inflation unemployment misinformation disinformation impunity addiction
illiteracy malaria cholera ebola measles trafficking smuggling
""".split())
FIGHTING_VERBS = frozenset({"combat", "fight", "battle", "tackle", "confront"})


def is_figurative_fight(head: Token) -> bool:
    """Fighting a disease, crime or poverty is no armed clash."""
    if head.lemma_.lower() not in FIGHTING_VERBS:
        return False
    objects = [c for c in head.children if c.dep_ == "dobj"]
    objects += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "against" for p in c.children]
    return bool(objects) and bool(words_of(objects) & ABSTRACT_ENEMIES)
