"""ACLED typing of violence: weapon sub-types, battles vs violence against civilians, territory, folding."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.parse import (
    agent_tokens,
    clause_words,
    governing_verb,
    heads_linked,
    target_tokens,
    words_of,
)
from sitrep.extract.events.words import (
    AIR_CUES,
    ARMED_WORDS,
    BEAT_CUES,
    CHEMICAL_CUES,
    CIVIL_GROUP_WORDS,
    CIVILIAN_WORDS,
    CLASH_CUES,
    FIREARM_CUES,
    GRENADE_CUES,
    IED_CUES,
    MEMBERSHIP_WORDS,
    NONSTATE_WORDS,
    PLACE_WORDS,
    PRIMITIVE_CUES,
    SHELLING_CUES,
    STATE_WORDS,
    SUICIDE_CUES,
    VIOLENT_FAMILIES,
    WEAPON_WORDS,
)


def _weapon_family(cues: set[str]) -> str | None:
    if cues & SUICIDE_CUES and cues & (IED_CUES | {"attack", "bomber", "attacker", "vest"}):
        return "suicide"
    if cues & CHEMICAL_CUES and cues & {"weapon", "attack", "gas", "agent", "chlorine", "sarin"}:
        return "chemical"
    if cues & AIR_CUES or "air_force" in cues:
        return "air"
    if cues & GRENADE_CUES:
        return "grenade"
    if cues & SHELLING_CUES or "heavy_weapons" in cues:
        return "shelling"
    if cues & IED_CUES:
        return "ied"
    return None


def direct_fire(cues: set[str]) -> bool:
    """Small arms or an exchange of fire: ACLED codes heavy weapons plus these as an armed clash."""
    return "small_arms" in cues or "two_way" in cues or bool(cues & CLASH_CUES and cues & FIREARM_CUES)


def _doers(head: Token) -> list[Token]:
    """Who did it: the subject, or both sides of "a clash between two farmer groups"; each with its
    compounds and "of" phrases ("a group of people", "members of the ruling party"). The other side
    of "clashed with the police" is left out: it says nothing of who the doers are."""
    verb = governing_verb(head)
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    for node in {head, verb}:
        found.extend(p for c in node.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
                     for p in c.children if p.dep_ == "pobj")
    parties = []
    for t in found:
        for party in (t, *t.conjuncts):
            parties.append(party)
            parties.extend(c for c in party.children if c.dep_ in ("compound", "amod"))
            for of in (c for c in party.children if c.dep_ == "prep" and c.lower_ == "of"):
                for member in of.children:
                    parties.extend([member, *(c for c in member.children if c.dep_ in ("compound", "amod"))])
    return parties


# What an attack can hit that is no one: with no one hurt, ACLED codes it as property destruction.
PROPERTY_WORDS = frozenset("""
building house home school shop store office vehicle car truck bus lorry motorcycle motorbike property
pipeline oilfield machinery equipment tower mast church mosque temple shrine warehouse stall granary crop
plantation factory depot tanker railway train clinic hospital hotel restaurant tavern
""".split())
HARM_WORDS = frozenset("""
kill killed dead death die died wound wounded injure injured injury casualty hurt victim body abduct
kidnap hostage rape shoot shot
""".split())


def _only_property_hit(targets: set[str], sent_keys: set[str]) -> bool:
    return bool(targets & PROPERTY_WORDS) and not targets & (CIVILIAN_WORDS | ARMED_WORDS) \
        and not sent_keys & HARM_WORDS


DYING = frozenset({"die", "dead", "death", "perish", "succumb"})
PROTESTING_WORDS = frozenset({"protester", "demonstrator", "marcher", "rioter", "striker", "protest",
                              "demonstration"})


def _with_protesters(head: Token) -> bool:
    """A clash whose one side is protesters (the subject, or "with"/"between" them)."""
    verb = governing_verb(head)
    sides = [c for c in verb.children if c.dep_ == "nsubj"]
    for node in {head, verb}:
        sides.extend(p for c in node.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                     for p in c.subtree)
    return bool(words_of(sides) & PROTESTING_WORDS)


# Words that say the sentence tells of fighting on the ground, not of a strike alone.
GROUND_FIGHTING = frozenset({"clash", "clashes", "fighting", "firefight", "gunfight", "skirmish", "combat"})


def _aircraft_hit(head: Token) -> bool:
    """"Rebels ambushed an air force helicopter": the aircraft is the target, not the weapon."""
    return bool(words_of(target_tokens(head)) & AIR_CUES) and not words_of(agent_tokens(head)) & AIR_CUES


def refine_violence(cand: Candidate, sent: Span, sent_keys: set[str], others: list[Candidate]) -> None:
    """attack / casualty / clash: weapon sub-type, then battles vs violence against civilians."""
    weapon = _weapon_family(sent_keys)
    if weapon and cand.family != "clash":
        if weapon == "shelling" and direct_fire(sent_keys):
            weapon = "clash"
        if weapon == "air" and (_aircraft_hit(cand.head) or sent_keys & GROUND_FIGHTING):
            weapon = "clash"  # an aircraft shot at, or flying in support of fighting on the ground
        cand.cues.append(f"weapon:{weapon}")
        cand.family = weapon
        if weapon != "clash":
            return
    targets = words_of(target_tokens(cand.head))
    for other in others:
        if other is not cand and other.origin == "casualty" and heads_linked(other.head, cand.head):
            targets |= words_of(target_tokens(other.head))
    # Who dies is a victim: "17 people had died" names no doers.
    agents = set() if cand.head.lemma_.lower() in DYING else words_of(agent_tokens(cand.head))
    if cand.family == "clash":
        agents |= words_of(_doers(cand.head))  # who clashed: one-sided attacks by "a group of" stay attacks
    clause_keys = clause_words(cand.head)
    # "members" and "group" say nothing on their own ("Shining Path members"): a mob needs plainly
    # civilian doers (villagers, a party's youth, "a group of people").
    civil_agents = bool(agents & (CIVIL_GROUP_WORDS - MEMBERSHIP_WORDS)) and not agents & (
        ARMED_WORDS | {"gunman", "attacker", "armed"})
    if cand.family != "clash" and sent_keys & CLASH_CUES:
        cand.cues.append("context:clash")
        cand.family = "clash"
    if cand.family == "clash" and _with_protesters(cand.head):
        cand.cues.append("clash:protesters")
        cand.family = "riot"  # "police clashed with the demonstrators": the protest turned violent
        cand.mode = "riot"
        return
    if cand.family == "clash":
        if civil_agents and not clause_keys & FIREARM_CUES:
            cand.cues.append("agents:civilian-groups")
            cand.family = "mob"
        return
    if sent_keys & {"mob", "lynch", "lynching"} or (civil_agents and not clause_keys & FIREARM_CUES):
        cand.cues.append("agents:civilian-groups")
        cand.family = "mob"
        return
    if cand.origin == "attack" and _only_property_hit(targets, sent_keys):
        cand.cues.append("target:property")
        cand.family = "loot"  # "gunmen attacked and burned a school": no one hurt, ACLED codes the damage
        return
    if targets & {"protester", "demonstrator", "protest", "demonstration", "marcher"}:
        lethal = bool(sent_keys & {"kill", "dead", "death", "live", "fatally"})
        cand.cues.append("target:protesters")
        cand.family_override = ("Protests", "Excessive force against protesters" if lethal
                                else "Protest with intervention")
        cand.mode = _attack_mode(sent_keys)
        return
    if targets & ARMED_WORDS and not targets & CIVILIAN_WORDS - {"member", "leader", "official"}:
        cand.cues.append("target:armed")
        cand.family = "clash"
        cand.mode = "firearms" if sent_keys & FIREARM_CUES else None
        return
    cand.mode = _attack_mode(sent_keys)
    if targets & CIVILIAN_WORDS:
        cand.cues.append("target:civilians")


DISRUPTION_VERBS = frozenset("""
defuse diffuse dismantle destroy seize recover discover find neutralize neutralise detect unearth
deactivate confiscate disarm detonate
""".split())


def refine_explosion(cand: Candidate, sent_keys: set[str]) -> None:
    """An explosion heard or observed is shelling unless the text names a device or aircraft;
    a device defused or found is a disrupted weapons use."""
    lemma = cand.head.lemma_.lower()
    governor = cand.head.head.lemma_.lower() if cand.head.dep_ in ("dobj", "nsubjpass") else ""
    if governor in DISRUPTION_VERBS and not (governor == "detonate" and cand.head.dep_ == "dobj"):
        if governor != "detonate":
            cand.family = "disrupted"
            cand.cues.append(f"disrupted:{governor}")
            return
    if sent_keys & SUICIDE_CUES:
        cand.family = "suicide"
    elif (sent_keys & AIR_CUES or "air_force" in sent_keys) and lemma in ("bomb", "bombing", "explosion", "blast"):
        cand.family = "air"
    elif lemma in ("explosion", "blast", "explode") and not sent_keys & {
            "ied", "device", "mine", "landmine", "bomb", "explosive", "detonate", "planted", "vbied"}:
        if sent_keys & SHELLING_CUES or "heavy_weapons" in sent_keys or "observe" in sent_keys:
            cand.family = "clash" if "small_arms" in sent_keys else "shelling"
    if cand.family != "ied":
        cand.cues.append(f"weapon:{cand.family}")


def _attack_mode(keys: set[str]) -> str | None:
    if keys & FIREARM_CUES:
        return "firearms"
    if keys & PRIMITIVE_CUES:
        return "primitive"
    if keys & BEAT_CUES:
        return "beat"
    if keys & {"assassinate", "assassination"}:
        return "assassinate"
    return None


REGAIN_VERBS = frozenset({"recapture", "re-capture", "retake", "re-take", "regain", "reclaim", "liberate",
                          "recover"})


def _territory_object(head: Token) -> list[Token]:
    """What was taken: the object, or X in "control of X"."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ == "pobj" and head.head.lower_ == "to":  # "fell to the rebels": the town is the subject
        objects = [c for c in head.head.head.children if c.dep_ == "nsubj"]
    if head.lemma_.lower() == "fall":
        objects = [c for c in head.children if c.dep_ == "nsubj"]
    tokens = []
    for obj in objects:
        if obj.lemma_.lower() == "control":
            tokens.extend(t for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "over")
                          for t in c.subtree)
        else:
            tokens.extend([obj, *obj.conjuncts, *(c for c in obj.children if c.dep_ == "compound")])
    return tokens


def refine_territory(cand: Candidate, sent_keys: set[str]) -> None:
    head = cand.head
    lemma = head.lemma_.lower()
    obj_tokens = _territory_object(head)
    obj_words = words_of(obj_tokens)
    is_place = bool(obj_words & PLACE_WORDS) or any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in obj_tokens)
    if not is_place:
        if lemma == "seize":
            cand.family = "disrupted" if obj_words & WEAPON_WORDS else "loot"
            cand.weak = True
        elif lemma == "capture" and obj_tokens:
            cand.family = "arrest"
            cand.weak = True
        else:
            cand.score_factor = 0.0
        return
    agents = words_of(agent_tokens(head))
    state = bool(agents & STATE_WORDS) and not agents & NONSTATE_WORDS
    regain = lemma in REGAIN_VERBS
    violent = bool(sent_keys & (CLASH_CUES | FIREARM_CUES | SHELLING_CUES | AIR_CUES | {
        "kill", "attack", "fierce", "assault", "offensive", "wound", "injure", "dead", "heavy_weapons"}))
    peaceful = bool(sent_keys & {"peacefully", "unopposed", "withdraw", "withdrawal", "abandon", "handover"})
    if (not violent and not regain) or (peaceful and not violent):
        cand.cues.append("territory:non-violent")
        cand.family = "transfer"
        cand.event_type = "MOBILIZE" if state else "ASSAULT"
        return
    if state:
        cand.cues.append("territory:state-actor")
        cand.family_override = ("Battles", "Government regains territory")
    else:
        cand.cues.append("territory:non-state-actor")


ACTOR_NOUNS = frozenset({"gunman", "attacker", "assailant", "protester", "demonstrator", "rioter",
                         "kidnapper", "abductor", "rapist", "bomber"})


def fold(cands: list[Candidate]) -> list[Candidate]:
    """Fold words that only restate an event into it: a casualty or generic-attack word linked to
    a more specific trigger ("killed in an air strike"), an actor noun ("gunmen", "protesters")
    beside any other trigger of its kind in the sentence."""
    dropped: set[int] = set()
    for cand in cands:
        if cand.head.lemma_.lower() in ACTOR_NOUNS:
            host = next((o for o in cands if o is not cand and id(o) not in dropped
                         and o.head.lemma_.lower() not in ACTOR_NOUNS
                         and _same_kind(o, cand)), None)
        elif cand.origin in ("casualty", "attack", "clash", cand.family):
            host = next((o for o in cands if o is not cand and id(o) not in dropped
                         and o.family in VIOLENT_FAMILIES and _rank(o) > _rank(cand)
                         and heads_linked(o.head, cand.head)), None)
        else:
            host = None
        if host is not None:
            host.cues.append(f"with:{cand.head.lemma_.lower()}")
            dropped.add(id(cand))
        elif cand.head.lemma_.lower() in ATTACKER_NOUNS:
            cand.score_factor *= 0.6  # "the attackers were members of the FARC": who, not what
            cand.cues.append("doer-only")
    return [c for c in cands if id(c) not in dropped]


# Nouns for who did violence: alone, with no act told beside them, they say who someone is.
ATTACKER_NOUNS = frozenset({"attacker", "assailant", "assassin", "kidnapper", "abductor", "killer", "murderer"})


def align_casualties(cands: list[Candidate]) -> None:
    """"5 soldiers killed, several wounded": a casualty word that names neither who did it nor
    who was hit belongs to the fighting its sentence reports."""
    clash = next((c for c in cands if c.family == "clash" and c.score_factor > 0), None)
    if clash is None:
        return
    for cand in cands:
        if cand is clash or cand.origin != "casualty" or cand.family not in ("casualty", "attack") or cand.mode:
            continue
        if not words_of(target_tokens(cand.head)) and not words_of(agent_tokens(cand.head)):
            cand.family = "clash"
            cand.cues.append("context:clash-beside")


def unique(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per trigger word and family (context rules can make two land on one word)."""
    seen: set[tuple[int, str]] = set()
    kept = []
    for cand in cands:
        if (cand.head.i, cand.family) not in seen:
            seen.add((cand.head.i, cand.family))
            kept.append(cand)
    return kept


def _same_kind(a: Candidate, b: Candidate) -> bool:
    protest = {"protest", "riot"}
    return (a.family in protest) == (b.family in protest) and (
        a.family in VIOLENT_FAMILIES or a.family in protest)


def _rank(cand: Candidate) -> tuple[int, int]:
    """How specific a trigger is: casualty words < generic attacks < clashes < named weapons."""
    order = {"casualty": 0, "attack": 1, "clash": 2}
    return order.get(cand.origin, 3), -cand.start

