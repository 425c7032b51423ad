"""Event detection and typing: find the events a parsed article reports.

Rules on the dependency parse plus a curated trigger lexicon (`data/events_lexicon.json`):
1. match trigger words (lemmas, compounds like "air strike", verb + object like "take control");
2. drop negated events ("the army did not shell the town") and background ("the war has killed
   100,000 people since 2011");
3. refine each trigger's family from its context: the weapon (drone, mortar, IED, grenade), who is
   hit (soldiers -> armed clash, villagers -> violence against civilians), who takes a town (army ->
   government regains territory), how police met a protest (tear gas -> protest with intervention);
4. fold casualty words into the attack they belong to ("attacked ..., killing 3");
5. set modality (asserted, hypothetical, planned), tense, the trigger's clause and a score.

Types follow PLOVER (event_type, mode) and ACLED's codebook (acled_event_type, sub-type).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from sitrep.extract.mention import EventMention, Modality, Tense

LEXICON_PATH = Path(__file__).parent / "data" / "events_lexicon.json"

# ---------------------------------------------------------------------------------------------
# Word classes used as context cues (lowercased lemmas)
# ---------------------------------------------------------------------------------------------
ARMED_WORDS = frozenset("""
soldier troop army military force militant rebel fighter militia militiaman insurgent jihadist
guerrilla guerilla police policeman policemen officer personnel commando gunman combatant
terrorist extremist subversive paramilitary guard battalion brigade unit regiment patrol convoy
position base checkpoint outpost barrack post camp garrison stronghold hideout bunker trench
marine sniper taliban shabaab haram isis isil daesh jnim isgs adf fardc naf lnf lna gna codeco
ypg sdf pkk hezbollah hamas houthi houthis mujahideen jihadi cadre maoist naxal naxalite bandit
""".split())
STATE_WORDS = frozenset("""
army military troop soldier government regime police policeman force forces fardc marine navy
airforce gendarme gendarmerie officer commando authority state national
""".split())
NONSTATE_WORDS = frozenset("""
militant rebel insurgent jihadist taliban shabaab haram isis isil daesh jnim isgs adf codeco
militia militiaman guerrilla guerilla fighter extremist separatist terrorist islamist mujahideen
houthi houthis ypg sdf pkk hezbollah hamas maoist naxal naxalite bandit gang opposition
""".split())
CIVILIAN_WORDS = frozenset("""
civilian villager resident man woman child boy girl people person farmer herder worshipper
worshiper teacher student journalist pastor priest imam trader merchant motorist passenger
family household driver worker doctor nurse patient refugee idp displaced pedestrian member
activist leader chief elder villager businessman shopkeeper vendor fisherman miner pupil body
inhabitant citizen local community wife husband son daughter mother father baby infant minor
teenager youth politician candidate official councillor councilor aid volunteer monk nun
""".split())
CIVIL_GROUP_WORDS = frozenset("""
mob crowd villager resident youth supporter member student people group relative family
vigilante community party neighbor neighbour trader farmer herder inhabitant local worker migrant
labourer laborer
""".split())
# Words that name membership, not who the people are: "Shining Path members" is no mob.
MEMBERSHIP_WORDS = frozenset({"member", "group", "party"})
PLACE_WORDS = frozenset("""
town village city district area base position camp hill territory control stronghold region
province airport checkpoint locality county municipality neighbourhood neighborhood island
settlement road highway bridge outpost garrison post headquarters hq zone enclave pocket sector
border crossing valley mountain front frontline airbase port harbour harbor oilfield field
""".split())
WEAPON_WORDS = frozenset("""
weapon arm ammunition explosive bomb ied rifle gun pistol grenade mine mortar shell round cache
detonator device rocket missile launcher ak-47 ak47 munition
""".split())
AID_WORDS = frozenset("aid food medicine supply relief assistance vaccine water tent blanket fuel".split())
WORKER_WORDS = frozenset("""
worker employee doctor nurse teacher driver union staff labourer laborer miner trader lawyer
student vendor farmer pilot official
""".split())

# Cues that turn a generic attack into a sub-type, checked in this order.
SUICIDE_CUES = frozenset({"suicide"})
CHEMICAL_CUES = frozenset({"chlorine", "sarin", "chemical", "mustard", "toxic", "poison"})
AIR_CUES = frozenset("""
airstrike airstrikes warplane jet aircraft drone helicopter gunship aerial air-strike bomber uav
plane airplane sukhoi mig
""".split())
SHELLING_CUES = frozenset("""
shell shelling artillery mortar rocket missile howitzer bombard bombardment projectile katyusha
grad barrage mlrs tank-fire
""".split())
IED_CUES = frozenset("ied ieds landmine mine explosive explosion blast detonate bomb vbied".split())
GRENADE_CUES = frozenset({"grenade"})
FIREARM_CUES = frozenset("""
gun gunfire gunshot gunman shoot shot rifle bullet pistol firearm ak-47 machinegun sniper
""".split())
PRIMITIVE_CUES = frozenset("machete knife stab hack spear arrow stick axe club stone".split())
BEAT_CUES = frozenset("beat beating thrash flog torture assault".split())
CYBER_CUES = frozenset({"cyber", "cyberattack", "cyber-attack", "hacker", "computer", "website", "deface",
                        "malware", "online"})
CLASH_CUES = frozenset("""
clash fighting firefight gunfight battle skirmish exchange crossfire engage engagement combat
counterattack counter-attack confrontation hostility shootout
""".split())

# Protest context.
PROTEST_CONTEXT = frozenset("""
protest protester demonstrate demonstration demonstrator rally demand against denounce slogan
placard banner chant petition march strike grievance condemn oppose sit-in dissatisfaction
""".split())
PROTEST_VIOLENT_CUES = frozenset("""
pelt stone rock vandalize vandalise vandalism torch riot rioter loot burn set smash damage clash
storm attack ransack throw hurl destroy brick molotov rampage injure
""".split())
PROTEST_FORCE_CUES = frozenset("kill shoot live dead death fatally".split())
PROTEST_INTERVENTION_CUES = frozenset("""
disperse tear teargas tear-gas cannon rubber intervene arrest detain baton baton-charge
lathi-charge lathicharge warning charge beat pepper break prevent stop block
""".split())

BACKGROUND_SUBJECTS = frozenset("""
war conflict insurgency violence crisis fighting unrest uprising civil-war rebellion
""".split())
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
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone"})


@dataclass(frozen=True)
class Family:
    name: str
    event_type: str
    mode: str | None
    acled_type: str | None
    acled_sub: str | None
    prior: float


@dataclass(frozen=True)
class Trigger:
    family: str
    words: tuple[str, ...]
    linked: bool  # "take>control": the later words are dependents of the first
    pos: str | None  # "N", "V" or None
    weak: bool


@dataclass
class Lexicon:
    families: dict[str, Family]
    by_first_word: dict[str, list[Trigger]]


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


# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------
def _parse_trigger(family: str, text: str) -> Trigger:
    weak = text.startswith("~")
    text = text.lstrip("~")
    pos = None
    if "@" in text:
        text, pos = text.split("@", 1)
    linked = ">" in text
    words = tuple(text.split(">") if linked else text.split())
    return Trigger(family=family, words=tuple(w.lower() for w in words), linked=linked, pos=pos, weak=weak)


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The trigger lexicon, read once per process."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    families: dict[str, Family] = {}
    by_first: dict[str, list[Trigger]] = {}
    for name, spec in raw["families"].items():
        acled = spec.get("acled") or [None, None]
        families[name] = Family(name, spec["event_type"], spec.get("mode"), acled[0], acled[1], spec["prior"])
        for text in spec["triggers"]:
            trigger = _parse_trigger(name, text)
            by_first.setdefault(trigger.words[0], []).append(trigger)
    return Lexicon(families=families, by_first_word=by_first)


# ---------------------------------------------------------------------------------------------
# Small helpers on tokens
# ---------------------------------------------------------------------------------------------
def _key(token: Token) -> str:
    return token.lemma_.lower()


def _keys(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _pos_ok(token: Token, pos: str | None) -> bool:
    if token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTITIES or token.text == "March":
        return False  # "Agency for Development and Cooperation", "the Ceasefire Committee", the month
    if pos == "N":
        return token.pos_ in ("NOUN", "PROPN")
    if pos == "V":
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    return True


NAME_ENTITIES = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "DATE"})


def _descendants(token: Token, depth: int = 2) -> list[Token]:
    found, frontier = [], [token]
    for _ in range(depth):
        frontier = [child for t in frontier for child in t.children]
        found.extend(frontier)
    return found


def _match_trigger(token: Token, trigger: Trigger) -> list[int] | None:
    """Indices of the tokens that match `trigger` anchored at `token`, or None."""
    if not _pos_ok(token, trigger.pos):
        return None
    if len(trigger.words) == 1:
        return [token.i]
    doc = token.doc
    if trigger.linked:
        below = _descendants(token, depth=3)
        matched = [token.i]
        for word in trigger.words[1:]:
            hit = next((t for t in below if word in _keys(t)), None)
            if hit is None:
                return None
            matched.append(hit.i)
        return sorted(matched)
    i = token.i + 1
    matched = [token.i]
    for word in trigger.words[1:]:
        while i < len(doc) and doc[i].text in ("-",):
            i += 1
        if i >= len(doc) or word not in _keys(doc[i]):
            return None
        matched.append(i)
        i += 1
    return matched


def _governing_verb(token: Token) -> Token:
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


def _sentence_keys(sent: Span) -> set[str]:
    text = sent.text.lower()
    masked = MASKED_BY_PHRASE.sub(" ", text)
    keys = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    keys -= {word for word in ("grenade", "aircraft", "gas", "tear") if word not in masked}
    keys |= {name for name, pattern in PHRASE_CUES.items() if pattern.search(text)}
    return keys


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------
def _match_sentence(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    found: list[tuple[list[int], Trigger, Token]] = []
    for token in sent:
        triggers = lexicon.by_first_word.get(_key(token), []) + (
            lexicon.by_first_word.get(token.lower_, []) if token.lower_ != _key(token) else []
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


# ---------------------------------------------------------------------------------------------
# Negation, modality, tense, background
# ---------------------------------------------------------------------------------------------
def _clause_chain(token: Token) -> list[Token]:
    """The trigger, its governing verb, and verbs above it joined by xcomp/ccomp-like links."""
    chain = [token]
    verb = _governing_verb(token)
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


def _is_negated(token: Token) -> bool:
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    chain = _clause_chain(token)
    for i, node in enumerate(chain[:3]):
        # Only the trigger's own verb (not "said" above a reported clause) negates the event.
        if i >= 2 and node.dep_ == "ROOT" and chain[i - 1].dep_ == "ccomp":
            break
        for child in node.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i and (
                child.lower_ in NEGATIVE_SUBJECTS
                or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
            ):
                return True
        if node.dep_ in ("dobj", "pobj") and node.head.lemma_.lower() in ("deny", "rule"):
            return True
        if i >= 1 and node.lemma_.lower() in ("decline", "refuse", "fail") and node.i != token.i:
            return True
    return False


def _modality(token: Token) -> Modality:
    chain = _clause_chain(token)
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT"]
    for verb in verbs:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if aux & PLANNED_AUX:
            return "planned"
        if aux & HYPOTHETICAL_AUX or marks & {"if", "unless", "whether"}:
            return "hypothetical"
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
    return infinitive or any(c.dep_ in ("xcomp", "ccomp") or c.lower_ == "to" for c in verb.children) \
        or verb.lower_ == "due"


def _tense(token: Token, modality: Modality) -> Tense:
    if modality == "planned":
        return "future"
    verb = _governing_verb(token)
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


_YEAR = re.compile(r"^(19|20)\d\d$")


def _is_background(token: Token) -> bool:
    """Context, not an event: "the war has killed 100,000 since 2011"."""
    verb = _governing_verb(token)
    scope = [verb, *verb.children] + ([token, *token.children] if token.i != verb.i else [])
    for node in scope:
        if node.lower_ == "since" and any(
            _YEAR.match(t.text) or t.lemma_.lower() in ("start", "beginning", "outbreak") for t in node.subtree
        ):
            return True
    if any(c.dep_ == "expl" for c in verb.children) and any(
            c.lower_ in ("has", "have") for c in verb.children if c.dep_ == "aux"):
        return True  # "there have been several attacks in the region"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    perfect = any(c.lower_ in ("has", "have") for c in verb.children if c.dep_ == "aux")
    if any(s.lemma_.lower() in BACKGROUND_SUBJECTS for s in subjects) and (perfect or verb.tag_ == "VBZ"):
        return True
    return False


# ---------------------------------------------------------------------------------------------
# Clause bounds
# ---------------------------------------------------------------------------------------------
CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis", "acl"})


def _clause_bounds(token: Token, sent: Span) -> tuple[int, int]:
    """Token range of the trigger's own clause: its verb's subtree minus other clauses below it."""
    verb = _governing_verb(token)
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


# ---------------------------------------------------------------------------------------------
# Typing rules
# ---------------------------------------------------------------------------------------------
def _targets(head: Token) -> list[Token]:
    """Who or what the violence hits: objects, passive subjects, "on/against X"."""
    verb = head if head.pos_ == "VERB" else None
    found = []
    if verb is not None:
        own_object = any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
        partners = [] if own_object else [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for c in [*verb.children, *(g for p in partners for g in p.children)]:
            if c.dep_ in ("dobj", "nsubjpass"):
                found.append(c)
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon"):
                found.extend(p for p in c.children if p.dep_ == "pobj")
    else:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "of", "upon"):
                found.extend(p for p in c.children if p.dep_ == "pobj")
        if head.dep_ in ("dobj", "nsubjpass", "pobj"):
            pass
    expanded = []
    for t in found:
        expanded.append(t)
        expanded.extend(c for c in t.conjuncts)
        expanded.extend(c for c in t.children if c.dep_ in ("compound", "amod"))
        expanded.extend(p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)
    return expanded


def _agents(head: Token) -> list[Token]:
    verb = _governing_verb(head)
    found = [c for c in verb.children if c.dep_ in ("nsubj",)]
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


def _words(tokens: list[Token]) -> set[str]:
    out = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
        if t.ent_type_ in ("ORG", "NORP"):
            out.update(w.lower() for w in t.text.split())
    return out


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


def _direct_fire(cues: set[str]) -> bool:
    """Small arms or an exchange of fire: ACLED codes heavy weapons plus these as an armed clash."""
    return "small_arms" in cues or "two_way" in cues or bool(cues & CLASH_CUES and cues & FIREARM_CUES)


def _clause_keys(head: Token) -> set[str]:
    verb = _governing_verb(head)
    return {t.lemma_.lower() for t in verb.subtree} | {t.lower_ for t in verb.subtree}


def _refine_violence(cand: Candidate, sent: Span, sent_keys: set[str], others: list[Candidate]) -> None:
    """attack / casualty / clash: weapon sub-type, then battles vs violence against civilians."""
    weapon = _weapon_family(sent_keys)
    if weapon and cand.family != "clash":
        if weapon == "shelling" and _direct_fire(sent_keys):
            weapon = "clash"
        cand.cues.append(f"weapon:{weapon}")
        cand.family = weapon
        if weapon != "clash":
            return
    targets = _words(_targets(cand.head))
    for other in others:
        if other is not cand and other.origin == "casualty" and _linked(other.head, cand.head):
            targets |= _words(_targets(other.head))
    agents = _words(_agents(cand.head))
    clause_keys = _clause_keys(cand.head)
    # "members", "group" and "party" say nothing on their own ("Shining Path members"): a mob needs
    # plainly civilian doers.
    civil_agents = bool(agents & (CIVIL_GROUP_WORDS - MEMBERSHIP_WORDS)) and not agents & (
        ARMED_WORDS | {"gunman", "attacker", "armed"})
    if cand.family != "clash" and sent_keys & CLASH_CUES:
        cand.cues.append("context:clash")
        cand.family = "clash"
    if cand.family == "clash":
        if civil_agents and not clause_keys & FIREARM_CUES:
            cand.cues.append("agents:civilian-groups")
            cand.family = "mob"
        return
    if sent_keys & {"mob", "lynch", "lynching"} or (civil_agents and not clause_keys & FIREARM_CUES):
        cand.cues.append("agents:civilian-groups")
        cand.family = "mob"
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


def _refine_explosion(cand: Candidate, sent_keys: set[str]) -> None:
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


def _linked(a: Token, b: Token) -> bool:
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


def _refine_territory(cand: Candidate, sent_keys: set[str]) -> None:
    head = cand.head
    lemma = head.lemma_.lower()
    obj_tokens = _territory_object(head)
    obj_words = _words(obj_tokens)
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
    agents = _words(_agents(head))
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


def _window_keys(sent: Span, following: int) -> set[str]:
    return set().union(*(_sentence_keys(s) for s in _protest_window(sent.doc, sent, following)))


def _protest_window(doc: Doc, sent: Span, following: int = 2) -> list[Span]:
    sents = list(doc.sents)
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
    return sents[index : index + 1 + following]


def _refine_protest(cand: Candidate, sent: Span, sent_keys: set[str]) -> None:
    if cand.weak and cand.family == "protest":
        subject_words = _words(_agents(cand.head))
        if not (sent_keys & PROTEST_CONTEXT - {"march", "strike"}) and not subject_words & (WORKER_WORDS | {
                "protester", "demonstrator", "activist", "resident", "villager", "supporter"}):
            cand.score_factor = 0.0
            return
    window = _protest_window(sent.doc, sent)
    keys = set().union(*(_sentence_keys(s) for s in window))
    if cand.family == "riot" or keys & PROTEST_VIOLENT_CUES and _protesters_violent(window):
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
VIOLENT_PROTEST_VERBS = frozenset({"burn", "set", "smash", "damage", "destroy", "storm", "attack", "clash",
                                   "injure", "loot", "vandalize", "vandalise", "torch", "pelt", "stone", "ransack",
                                   "hurl", "throw", "assault", "beat", "block"})


def _protesters_violent(window: list[Span]) -> bool:
    """Whether the protesters (not the police) turned violent: stones, arson, clashes, looting."""
    for index, sent in enumerate(window):
        keys = _sentence_keys(sent)
        if "burning_tyres" in keys or (index == 0 and keys & {"riot", "rioter", "rioting", "molotov", "pelt"}):
            return True
        for t in sent:
            lemma = t.lemma_.lower()
            if lemma not in VIOLENT_PROTEST_VERBS:
                continue
            subjects = _words([c for c in t.children if c.dep_ == "nsubj"] or
                              ([c for c in t.head.children if c.dep_ == "nsubj"] if t.dep_ == "conj" else []))
            objects = _words([w for c in t.children if c.dep_ in ("dobj", "prep") for w in c.subtree])
            if objects & {"effigy", "flag", "picture", "photo", "poster", "copy"}:
                continue  # burning an effigy is a peaceful protest in ACLED's coding
            if lemma == "block" and not objects & {"stone", "rock", "tyre", "tire", "burning"}:
                continue
            if lemma in ("throw", "hurl") and not objects & {"stone", "rock", "brick", "bottle", "object", "molotov"}:
                continue
            if subjects & (PROTESTER_WORDS | CIVIL_GROUP_WORDS | WORKER_WORDS | {"inmate", "prisoner"}) \
                    and not subjects & POLICE_WORDS:
                return True
            if lemma == "clash" and objects & POLICE_WORDS:
                return True
    return False


def _lethal_force(window: list[Span]) -> bool:
    for sent in window:
        for t in sent:
            if t.lemma_.lower() in ("kill", "shoot", "die", "dead"):
                sub = _words(list(t.subtree) + [t.head])
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
            involved = _words([c for c in t.subtree if c.i != t.i] + [t.head])
            if involved & PROTESTER_WORDS or (t.lemma_.lower() in ("arrest", "detain") and involved & {
                    "police", "officer", "policeman", "force"}):
                return True
    return False


NOT_PROTESTERS = frozenset({"government", "minister", "president", "official", "opposition", "party", "leader"})


def _refine_request(cand: Candidate) -> None:
    """People who "did a motorcade to demand ..." are protesting: ACLED codes it so."""
    head = cand.head
    if head.lemma_.lower() != "demand":
        return
    protesters = (CIVIL_GROUP_WORDS | WORKER_WORDS | PROTESTER_WORDS) - {"group", "member", "party", "official",
                                                                       "leader", "supporter", "community"}
    if head.dep_ == "ROOT":
        agents = _words(_agents(head))
        if agents & protesters and not agents & (STATE_WORDS | NOT_PROTESTERS):
            cand.family = "protest"
            cand.weak = True
            cand.cues.append("demand:by-people")
        return
    if head.dep_ not in ("advcl", "xcomp"):
        return
    agents = _words(_agents(head.head))
    if agents & protesters and not agents & (STATE_WORDS | NOT_PROTESTERS):
        cand.family = "protest"
        cand.head = head.head
        cand.start, cand.end = head.head.i, head.head.i + 1
        cand.weak = True
        cand.cues.append("purpose:demand")


def _refine(cand: Candidate, sent: Span, sent_keys: set[str], others: list[Candidate]) -> None:
    if cand.family in ("attack", "casualty", "clash"):
        _refine_violence(cand, sent, sent_keys, others)
    elif cand.family == "territory":
        _refine_territory(cand, sent_keys)
    elif cand.family in ("protest", "riot"):
        _refine_protest(cand, sent, sent_keys)
    elif cand.family == "air" and cand.head.lemma_.lower() == "strike" and not sent_keys & AIR_CUES:
        cand.family = "protest" if sent_keys & (WORKER_WORDS | {"hunger", "general", "protest"}) else "attack"
        if cand.family == "protest":
            cand.mode = "strike"
    elif cand.family == "ied" and cand.head.lemma_.lower() == "mine" and not sent_keys & {
            "explode", "blast", "detonate", "hit", "step", "plant", "land", "strike", "kill", "wound", "injure"}:
        cand.score_factor = 0.0  # a gold mine, not a landmine
    elif cand.family == "ied":
        _refine_explosion(cand, sent_keys)
    elif cand.family == "grenade" and (sent_keys & AIR_CUES):
        cand.family = "air"  # a grenade dropped from a drone
    elif cand.family == "shelling":
        if _direct_fire(sent_keys) or _direct_fire(_window_keys(sent, 1)):
            cand.family = "clash"
            cand.cues.append("context:small-arms")
        elif sent_keys & AIR_CUES or "air_force" in sent_keys:
            cand.family = "air"
    elif cand.family == "loot" and "burning_tyres" in sent_keys:
        cand.family = "riot"
        _refine_protest(cand, sent, sent_keys)
    elif cand.family == "request":
        _refine_request(cand)
        if cand.family == "protest":
            _refine_protest(cand, sent, sent_keys)
    elif cand.family == "group_change" and cand.head.lemma_.lower() == "impose" and "curfew" in sent_keys:
        cand.event_type = "COERCE"  # a curfew restricts movement (PLOVER COERCE); ACLED's type stays
    if cand.family == "attack" and sent_keys & CYBER_CUES:
        cand.family = "coerce"  # "hackers defaced 3,000 web sites": PLOVER codes cyber attacks as COERCE
        cand.cues.append("cyber")


# ---------------------------------------------------------------------------------------------
# Folding casualty words into the attack they report
# ---------------------------------------------------------------------------------------------
ACTOR_NOUNS = frozenset({"gunman", "attacker", "assailant", "protester", "demonstrator", "rioter",
                         "kidnapper", "abductor", "rapist", "bomber"})
VIOLENT_FAMILIES = frozenset({"suicide", "chemical", "air", "shelling", "ied", "grenade", "sexual", "abduct",
                              "territory", "clash", "attack", "casualty", "mob", "riot"})


def _fold(cands: list[Candidate]) -> list[Candidate]:
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
                         and _linked(o.head, cand.head)), None)
        else:
            host = None
        if host is not None:
            host.cues.append(f"with:{cand.head.lemma_.lower()}")
            dropped.add(id(cand))
    return [c for c in cands if id(c) not in dropped]


VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "ACCUSE", "REQUEST", "REJECT",
                          "THREATEN", "SANCTION"})
CONTEXT_PREPOSITIONS = frozenset({"after", "following", "since", "before", "under", "despite", "amid", "amidst"})
ENDING_VERBS = frozenset({"end", "stop", "halt", "prevent", "avoid", "resolve", "curb", "investigate"})


def _lower_embedded(cands: list[Candidate], lexicon: Lexicon) -> None:
    """An event named inside a statement ("praised efforts to end the fighting", "condemned the
    attack") is the statement's topic: it ranks below the statement itself."""
    verbal_heads = {c.head.i for c in cands if (c.event_type or lexicon.families[c.family].event_type) in VERBAL_TYPES}
    for cand in cands:
        context = next((a.lower_ for a in [cand.head, *list(cand.head.ancestors)[:3]]
                        if a.dep_ == "prep" and a.lower_ in CONTEXT_PREPOSITIONS), None)
        if context:
            cand.score_factor *= 0.65
            cand.cues.append(f"context:{context}")
        ancestors = list(cand.head.ancestors)
        if any(a.lemma_.lower() in ENDING_VERBS for a in ancestors[:3]):
            cand.score_factor *= 0.6
            cand.cues.append("embedded:ended")
        elif any(a.i in verbal_heads for a in ancestors):
            cand.score_factor *= 0.75
            cand.cues.append("embedded:statement")


# Words that make a violent noun a general reference ("indiscriminate bombings", "daily attacks").
GENERIC_MODIFIERS = frozenset("""
indiscriminate daily frequent constant continued continuing repeated systematic such numerous
countless incessant widespread selective future possible terrorist criminal persistent continuous
various retaliatory
""".split())
HABITUAL_ADVERBS = frozenset({"periodically", "often", "always", "usually", "regularly", "constantly", "frequently",
                              "sometimes", "never", "daily", "routinely", "continually"})
SPECIFIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "a", "an", "its", "their", "his", "her"})
FIRST_PERSON = frozenset({"we", "i", "you", "us"})
# Nouns that name an act of violence (not a weapon, nor a perpetrator).
EVENT_NOUNS = frozenset("""
attack assault bombing bomb-attack kidnapping abduction murder killing assassination massacre clash raid
ambush explosion blast shelling airstrike bombardment execution torture disappearance shooting
fighting skirmish confrontation hostility offensive incursion strike death
""".split())


WEAPON_FAMILIES = frozenset({"grenade", "shelling", "ied", "air", "chemical"})
# Verbs whose object is a weapon held, not used: "seized six grenades", "was carrying missiles".
HOLDING_VERBS = frozenset("""
seize confiscate capture find recover discover carry transport smuggle possess send supply deliver
buy sell acquire store hide stockpile have keep contain include obtain ship
""".split())
SEIZING_VERBS = frozenset({"seize", "confiscate", "capture", "find", "recover", "discover"})
ACCIDENT_WORDS = frozenset({"crash", "accident", "collision", "derail", "earthquake", "flood", "landslide",
                            "drown", "capsize"})


def _holding_verb(head: Token) -> Token | None:
    """The verb a weapon noun is the object of, through lists ("seized rifles, mortars and grenades")."""
    node = head
    for _ in range(6):
        if node.dep_ != "conj" and node.dep_ != "appos":
            break
        node = node.head
    if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in HOLDING_VERBS:
        return node.head
    if node.dep_ == "pobj" and node.head.head.lemma_.lower() in HOLDING_VERBS | {"cache", "consignment", "shipment"}:
        return node.head.head
    return None


def _drop_non_events(cand: Candidate, sent_keys: set[str]) -> None:
    """Violent words that name no attack: a weapon seized or carried, a noun used as a modifier
    ("death squads", "bomb threats"), deaths in an accident."""
    head = cand.head
    if cand.family not in VIOLENT_FAMILIES or head.pos_ != "NOUN":
        if cand.origin == "casualty" and sent_keys & ACCIDENT_WORDS and not sent_keys & (
                IED_CUES | FIREARM_CUES | {"attack", "shoot", "sabotage"}):
            cand.score_factor *= 0.4
            cand.cues.append("accident")
        return
    if cand.family in WEAPON_FAMILIES and cand.end - cand.start == 1:
        verb = _holding_verb(head)
        if verb is not None:
            seized = verb.lemma_.lower() in SEIZING_VERBS
            cand.family = "disrupted" if seized else cand.family
            cand.score_factor *= 1.0 if seized else 0.0
            cand.cues.append(f"weapon-held:{verb.lemma_.lower()}")
            return
    if head.dep_ == "compound" and head.head.pos_ == "NOUN" and cand.end - cand.start == 1 \
            and head.head.lemma_.lower() not in EVENT_NOUNS:
        cand.score_factor *= 0.35
        cand.cues.append(f"modifier-of:{head.head.lemma_.lower()}")
        return
    if cand.origin == "casualty" and sent_keys & ACCIDENT_WORDS:
        cand.score_factor *= 0.4
        cand.cues.append("accident")


def _is_question(sent: Span) -> bool:
    return sent.text.rstrip().rstrip('"\'').endswith("?")


def _generic_reference(head: Token) -> bool:
    """A bare plural ("kidnappings", "bombings and murders") or a noun qualified as a habit
    names violence in general, not one event."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in EVENT_NOUNS:
        return False
    modifiers = {c.lower_ for c in head.children if c.dep_ == "amod"}
    if modifiers & GENERIC_MODIFIERS:
        return True
    if head.tag_ != "NNS" or head.dep_ in ("nsubj", "nsubjpass"):
        return False  # "Clashes erupted": a bare plural subject still reports events
    owners = [head, *([head.head] if head.dep_ == "conj" else [])]
    return not any(c.dep_ in ("det", "nummod", "poss") or c.lower_ in SPECIFIC_DETERMINERS
                   for owner in owners for c in owner.children)


def _habitual(head: Token) -> bool:
    """Violence as a habit, not one event: "bombs explode", "criminals who attack civilians",
    "they are periodically suffering attacks"."""
    verb = _governing_verb(head)
    if any(c.lower_ in HABITUAL_ADVERBS for c in verb.children):
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ in ("VBZ", "VBP") and not aux and verb.i == head.i


def _first_person(head: Token) -> bool:
    """Speech and commentary ("we have inflicted ...", "what do you feel after killing ...")."""
    verb = _governing_verb(head)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in FIRST_PERSON for c in verb.children)


def _lower_commentary(cands: list[Candidate], sent: Span) -> None:
    """Violence named in a question, in general terms or by a speaker about themselves is
    commentary more often than a report: it ranks below a plainly reported event."""
    question = _is_question(sent)
    for cand in cands:
        if question:
            cand.score_factor *= 0.5
            cand.cues.append("commentary:question")
        if cand.family in VIOLENT_FAMILIES and _generic_reference(cand.head):
            cand.score_factor *= 0.7
            cand.cues.append("generic")
        if cand.family in VIOLENT_FAMILIES and _habitual(cand.head):
            cand.score_factor *= 0.7
            cand.cues.append("habitual")
        if _first_person(cand.head):
            cand.score_factor *= 0.8
            cand.cues.append("commentary:first-person")


def _unique(cands: list[Candidate]) -> list[Candidate]:
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


# ---------------------------------------------------------------------------------------------
# Scoring and assembly
# ---------------------------------------------------------------------------------------------
MODALITY_FACTOR = {"asserted": 1.0, "planned": 0.7, "hypothetical": 0.55}


def _score(cand: Candidate, family: Family, modality: Modality, sent: Span, sent_index: int) -> float:
    score = family.prior * (0.78 if cand.weak else 1.0) * cand.score_factor
    if cand.head.dep_ == "ROOT":
        score += 0.03
    if sent_index == 0:
        score += 0.02
    verb = _governing_verb(cand.head)
    if verb.lemma_.lower() in ("demand", "call", "urge") and cand.family not in ("request",):
        score -= 0.05
    if cand.family == "request" and cand.head.dep_ in ("advcl", "xcomp") and any(
            t.lemma_.lower() in ("protest", "gather", "demonstrate", "rally", "march") for t in cand.head.ancestors):
        score *= 0.6  # protesters "gathered to demand": the demand belongs to the protest
    score *= MODALITY_FACTOR[modality]
    return max(0.0, min(1.0, round(score, 3)))


def _to_mention(cand: Candidate, sent: Span, sent_index: int, lexicon: Lexicon) -> EventMention | None:
    family = lexicon.families[cand.family]
    if cand.score_factor <= 0.0:
        return None
    modality = _modality(cand.head)
    acled_type, acled_sub = cand.family_override or (family.acled_type, family.acled_sub)
    clause_start, clause_end = _clause_bounds(cand.head, sent)
    return EventMention(
        sentence=sent,
        trigger=sent.doc[cand.start : cand.end],
        event_type=cand.event_type or family.event_type,
        mode=cand.mode or family.mode,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        modality=modality,
        tense=_tense(cand.head, modality),
        score=_score(cand, family, modality, sent, sent_index),
        clause_start=clause_start,
        clause_end=clause_end,
        cues=[*cand.cues, f"family:{cand.family}", f"modality:{modality}"],
    )


SPEECH_VERBS = frozenset("""
say declare reiterate insist conclude issue state announce tell add stress repeat warn write
""".split())
PROMISE_TYPES = frozenset({"SUPPORT", "AID", "CONCEDE", "RETREAT", "CONSULT", "COOPERATE", "MOBILIZE"})


def _obligation_candidates(sent: Span, taken: set[int]) -> list[Candidate]:
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


THREAT_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "REJECT", "MOBILIZE", "RETREAT"})
# Verbs that announce violence as a threat: "have sworn to fight", "vowed to attack".
VOWING = frozenset({"vow", "swear", "threaten"})
ANNOUNCING = SPEECH_VERBS | {"willing", "ready", "prepared", "offer", "vow", "swear", "confirm"}


def _as_promise_or_threat(mention: EventMention) -> None:
    """A planned act announced by its doer is a promise (PLOVER AGREE: "Portugal will support ...")
    or, when it would hurt or comes with "unless", a threat (THREATEN: "said they would boycott")."""
    if mention.modality not in ("planned", "hypothetical"):
        return
    root = mention.trigger.root
    governors = {a.lemma_.lower() for a in root.ancestors}
    conditional = any(t.lower_ == "unless" for t in mention.clause) or (
        mention.modality == "planned" and any(t.lower_ == "if" for t in mention.clause))
    announced = bool(governors & ANNOUNCING)
    if "negated-cooperation" in mention.cues:
        return  # "will not accept more refugees": a refusal (REJECT), not a threat
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


def _mentions_in_sentence(sent: Span, sent_index: int, lexicon: Lexicon) -> list[EventMention]:
    cands = []
    for cand in _match_sentence(sent, lexicon):
        if _is_background(cand.head):
            continue
        if _is_negated(cand.head):
            if cand.family not in COOPERATIVE_FAMILIES:
                continue
            cand.family = "reject"  # "will not accept", "refused to meet": PLOVER REJECT
            cand.cues.append("negated-cooperation")
        cands.append(cand)
    cands += _obligation_candidates(sent, {c.head.i for c in cands})
    keys = _sentence_keys(sent)
    for cand in cands:
        _refine(cand, sent, keys, cands)
        _drop_non_events(cand, keys)
    cands = _fold(_unique(cands))
    _lower_embedded(cands, lexicon)
    _lower_commentary(cands, sent)
    mentions = [m for m in (_to_mention(c, sent, sent_index, lexicon) for c in cands) if m is not None]
    for mention in mentions:
        _as_promise_or_threat(mention)
    return mentions


def _attach_to_protests(mentions: list[EventMention]) -> None:
    """Arrests and dispersals right after a protest or an attack are follow-ups, not the main event."""
    protests = [m for m in mentions if m.acled_event_type and m.acled_sub_event_type != "Arrests"]
    for mention in mentions:
        if mention.event_type != "COERCE":
            continue
        for protest in protests:
            gap = mention.sentence.start - protest.sentence.start
            if 0 <= gap and mention.sentence.start - protest.sentence.end < 80:
                mention.score = round(mention.score * 0.6, 3)
                mention.cues.append("part-of:protest")
                break


def find_event_mentions(doc: Doc) -> list[EventMention]:
    """Every event the document reports, in text order; negated events and background left out."""
    lexicon = load_lexicon()
    mentions: list[EventMention] = []
    for index, sent in enumerate(doc.sents):
        mentions.extend(_mentions_in_sentence(sent, index, lexicon))
    _attach_to_protests(mentions)
    return mentions


def primary_event(mentions: list[EventMention], acled_only: bool = False) -> EventMention | None:
    """The mention most likely to be the text's main event: highest score, earliest on ties."""
    pool = [m for m in mentions if m.acled_event_type] if acled_only else list(mentions)
    if not pool:
        return None
    return max(pool, key=lambda m: (m.score, -m.trigger.start))


INCIDENT_SENTENCES = 8  # a story's incident is in its lead; later violence is mostly background


def violent_incident(mentions: list[EventMention], threshold: float = 0.75) -> EventMention | None:
    """The violent incident a story reports, or None: an asserted, past, one-sided act of violence
    (attack, bombing, kidnapping, arson) in the story's first sentences. Combat between armed
    forces and commentary on violence elsewhere do not count (MUC-4's notion of an incident)."""
    doc_sents = list(mentions[0].doc.sents)[:INCIDENT_SENTENCES] if mentions else []
    lead_starts = {s.start for s in doc_sents}
    violent = [
        m for m in mentions
        if m.sentence.start in lead_starts and m.modality == "asserted" and m.tense == "past"
        and (m.event_type == "ASSAULT" or (m.event_type == "COERCE" and m.mode == "destroy"))
        and m.acled_sub_event_type not in ("Armed clash",)
    ]
    best = primary_event(violent)
    return best if best is not None and best.score >= threshold else None


def prepare_text_for_parsing(text: str) -> str:
    """Text in capitals (wire copy, MUC-4) parses badly: lowercase it and restore sentence-initial
    capitals. Only letter case changes, so every character offset stays the same."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.6:
        return text
    # Character by character: str.lower() can lengthen some letters ("İ"), which would shift offsets.
    lowered = [c.lower() if len(c.lower()) == 1 else c for c in text]
    capitalize_next = True
    for i, char in enumerate(lowered):
        if char.isalpha():
            if capitalize_next:
                lowered[i] = char.upper()
            capitalize_next = False
        elif char in ".!?":
            capitalize_next = True
        elif char == "\n" and i + 1 < len(lowered) and lowered[i + 1] == "\n":
            capitalize_next = True
    return "".join(lowered)
