"""Who did it, and to whom: the actor and recipient of an event mention, from the dependency parse.

    find_participants(mention, focus_country="SY")
    -> [Actor(role="actor", name="Military Forces of Syria", text="Syrian government forces", ...),
        Actor(role="recipient", name="Civilians (Syria)", text="five villagers", ...)]

Rules, around the trigger's head word within the mention's clause:

* verb triggers: subject -> actor; passive agent ("by X") -> actor; direct object, passive subject
  and "on / against / at / with / targeting X" -> recipient. A verb with no subject of its own
  ("... and killed five", "..., killing five") takes its governing verb's subject.
* noun triggers ("a car bomb attack by X on Y", "Israeli air strikes", "X's offensive",
  "clashes between X and Y"): "by X", a possessor and nationality or name modifiers -> actor;
  "on / against / of X" -> recipient; when the noun is what a verb did ("X carried out an attack",
  "the strike was carried out by X") that verb's subject or agent is the actor.
* Each phrase goes through the actor dictionary (aliases, state forces by country, the article's
  focus country for "the army"). Unnamed perpetrators ("gunmen", "a pair of suicide bombers")
  become "Unidentified Armed Group (COUNTRY)" with named=False, unidentified aircraft
  "Unidentified Military Forces"; victims described as civilians, villagers, worshippers ...
  become "Civilians (COUNTRY)", protesters "Protesters (COUNTRY)", rioters "Rioters (COUNTRY)".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span, Token

from sitrep.extract.events.parse import governing_verb
from sitrep.extract.mention import EventMention
from sitrep.resolve.actors import ActorDictionary, ActorEntry, country_by_iso2, find_country
from sitrep.types import Actor, Role

ACTOR: Role = "actor"
RECIPIENT: Role = "recipient"

UNNAMED_ARMED = {
    "gunman", "gunmen", "attacker", "attackers", "assailant", "assailants", "militant", "militants", "insurgent",
    "insurgents", "bomber", "bombers", "jihadist", "jihadists", "kidnapper", "kidnappers", "abductor", "abductors",
    "bandit", "bandits", "raider", "raiders", "terrorist", "terrorists", "extremist", "extremists", "fighter",
    "fighters", "rebel", "rebels", "men", "man", "group", "groups", "militia", "militias", "militiamen",
    "perpetrators", "perpetrator", "shooter", "shooters", "sniper", "snipers", "guerrillas", "guerrilla",
    "criminals", "gang", "gangs", "gangsters", "hitmen", "robbers", "pirates",
}
# Heads that speak or act for a group named by a modifier: "rebel spokesman", "militant commander".
REPRESENTATIVES = {
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "commander", "commanders", "leader", "leaders",
    "official", "officials", "chief", "representative", "representatives",
}
# "men" and "group" are only armed with a word that says so: "armed men", "an armed group".
NEEDS_ARMED_CUE = {"men", "man", "group", "groups"}
ARMED_CUES = {"armed", "masked", "unidentified", "unknown", "gunmen", "heavily", "suspected", "hooded"}
UNIDENTIFIED_CUES = {"unidentified", "unknown", "unmarked", "mysterious", "anonymous", "unclaimed"}
AIRCRAFT = {"warplanes", "warplane", "planes", "plane", "aircraft", "jets", "jet", "drones", "drone", "helicopters",
            "helicopter", "gunships", "gunship", "fighter-bombers"}
CIVILIAN_WORDS = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "worshipper", "worshippers",
    "worshiper", "worshipers", "passenger", "passengers", "child", "children", "farmer", "farmers", "student",
    "students", "people", "person", "persons", "woman", "women", "family", "families", "pilgrim", "pilgrims",
    "shopper", "shoppers", "commuter", "commuters", "fisherman", "fishermen", "teacher", "teachers", "pupil",
    "pupils", "schoolchildren", "schoolgirls", "schoolboys", "girls", "boys", "inhabitants", "locals",
    "motorist", "motorists", "traveller", "travellers", "traveler", "travelers", "trader", "traders", "miner",
    "miners", "churchgoers", "mourners", "guests", "worker", "workers", "herder", "herders", "displaced",
    "refugees", "patients", "doctors", "nurses", "journalist", "journalists", "teenager", "teenagers",
    "elderly", "infants", "babies", "wedding", "market-goers", "shepherds", "shepherd", "peasants", "villages",
}
PROTESTER_WORDS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "marchers"}
RIOTER_WORDS = {"rioter", "rioters", "mob", "mobs", "looters"}
# Heads that only count what follows "of": "a pair of suicide bombers", "dozens of villagers".
QUANTITY_HEADS = {"pair", "group", "number", "band", "couple", "handful", "team", "squad", "dozens", "hundreds",
                  "scores", "thousands", "dozen", "hundred", "thousand", "crowd", "convoy", "unit", "cell", "members",
                  "member", "some", "several", "many", "most", "all", "one", "two", "three", "four", "five", "six",
                  "seven", "eight", "nine", "ten"}
RECIPIENT_PREPS = {"on", "against", "at", "with", "upon", "toward", "towards", "targeting", "between"}
NOUN_RECIPIENT_PREPS = RECIPIENT_PREPS | {"of"}
# Verbs whose object is the event itself: "X carried out / launched / claimed the attack".
LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "claim", "perpetrate", "commit", "execute",
               "unleash", "hold", "begin", "start", "continue", "step", "wage", "lead", "intensify", "make"}
PHRASE_CUT_DEPS = {"relcl", "acl", "conj", "cc", "appos", "punct", "advcl", "parataxis", "preconj"}
PRONOUNS = {"PRON"}
# Entities that measure something and never name a party: "$1.5 million", "40 percent", "30 km".
AMOUNT_ENTITIES = {"MONEY", "PERCENT", "QUANTITY"}
RELATIVE_PRONOUNS = {"which", "who", "whom", "that"}
# Prepositions that belong to an actor's name ("fighters loyal to HTS", "members of the SDF");
# others ("in Lagos", "near Idlib") say where, and stay out of the actor's text.
PHRASE_PREPS = {"of", "from", "to", "for"}


# Verbs whose object is a weapon the subject used: "fired mortars", "dropped barrel bombs".
WEAPON_VERBS = frozenset({"fire", "use", "drop", "lob", "detonate", "throw", "hurl", "plant"})
# Verbs whose subject witnessed the event: a monitor that "observed" or "recorded" shelling.
OBSERVATION_VERBS = frozenset({"observe", "record", "hear", "see", "register", "document", "monitor",
                               "witness", "spot", "note", "count", "log"})
# Verbs whose subject suffered the event: "20 people died", "three soldiers were among the dead".
SUFFERING_VERBS = frozenset({"die", "perish", "drown", "succumb", "suffocate", "burn"})


FORCE_SECTORS = frozenset({"MIL", "COP", "REB", "UAF"})


def find_participants(mention: EventMention, focus_country: str | None = None,
                      actors: ActorDictionary | None = None) -> list[Actor]:
    """Actor(s) and recipient(s) of one event mention; focus_country is the article's ISO2 country."""
    dictionary = actors or ActorDictionary.default()
    head = mention.trigger.root
    found: list[Actor] = []
    trigger = mention.trigger
    for role, token in _participant_tokens(head, mention):
        if role == RECIPIENT and trigger.start <= token.i < trigger.end:
            continue  # "launched four drones": the weapon named in the trigger is no target
        actor = _resolve(token, role, mention.sentence, focus_country, dictionary,
                         spoken=mention.event_type in SPOKEN_TYPES)
        if actor is not None:
            found.append(actor)
    if mention.event_type == "MOBILIZE" and not any(a.role == ACTOR for a in found):
        # "troops were deployed to the area": forces sent are their own side's, not its target
        found = [replace(a, role=ACTOR) if a.sector in FORCE_SECTORS else a for a in found]
    return _dedupe(found)


# --- where the participants are in the parse --------------------------------------------------------


def _participant_tokens(head: Token, mention: EventMention) -> Iterator[tuple[Role, Token]]:
    if head.pos_ in {"VERB", "AUX"} or head.tag_.startswith("VB"):
        yield from _verb_participants(head, mention)
    else:
        yield from _noun_participants(head, mention)


def _verb_participants(verb: Token, mention: EventMention) -> Iterator[tuple[Role, Token]]:
    subjects = [_antecedent(c, verb) for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    suffered = verb.lemma_.lower() in SUFFERING_VERBS
    if not subjects and mention.event_type in SPOKEN_TYPES:
        subjects = _speaker_of_statement(verb)
        if (described := _misparsed_relative(verb)) is not None:
            subjects = [verb.head]
            yield RECIPIENT, described
    if not subjects and not _has_child(verb, "nsubjpass") and not suffered:
        subjects = _inherited_subjects(verb)
    if verb.lemma_.lower() in OBSERVATION_VERBS:
        subjects = []  # "monitors observed bursts of fire": the observer is a source, not a party
    for subject in subjects:
        if suffered and not _is_event_noun(subject):
            yield from _with_conjuncts(RECIPIENT, subject)  # the dead are never who did it
        elif _is_event_noun(subject):
            yield from _noun_participants(subject, mention, actor_only=True)
        else:
            yield from _with_conjuncts(ACTOR, subject)
    for child in verb.children:
        dep, child = child.dep_, _antecedent(child, verb)
        if dep == "agent":
            for role, obj in _objects_of(ACTOR, child):
                if isinstance(obj, Token) and _is_event_noun(obj):  # "killed by Russian air strikes"
                    yield from _noun_participants(obj, mention, actor_only=True)
                else:
                    yield role, obj
        elif dep in {"dobj", "nsubjpass", "dative", "attr"} and not _is_event_noun(child):
            yield from _with_conjuncts(RECIPIENT, child)
        elif dep == "dobj" and verb.lemma_.lower() in TALK_VERBS and mention.event_type == "CONSULT":
            # "discussed the attack with Cameroon": the parse hangs "with" on what was discussed
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    yield from _objects_of(RECIPIENT, prep)
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            yield from _objects_of(RECIPIENT, child)
        elif child.dep_ in {"advcl", "xcomp"} and child.lower_ == "targeting":
            for obj in child.children:
                if obj.dep_ == "dobj":
                    yield from _with_conjuncts(RECIPIENT, obj)
        elif child.dep_ == "prt" and child.lower_ == "out":
            continue


def _noun_participants(noun: Token, mention: EventMention, actor_only: bool = False) -> Iterator[tuple[Role, Token]]:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            yield from _objects_of(ACTOR, child)
        elif child.dep_ == "poss" and child.pos_ not in PRONOUNS:
            yield ACTOR, child
        elif child.dep_ == "poss" and mention.event_type in SPOKEN_TYPES and not actor_only:
            # "the ministry summoned envoys to press its accusation": "its" is the ministry
            verb = governing_verb(noun)
            owners = [c for c in verb.children if c.dep_ == "nsubj"] or _inherited_subjects(verb)
            for owner in owners:
                yield from _with_conjuncts(ACTOR, owner)
        elif child.dep_ == "prep" and child.lower_ == "between" and not actor_only:
            yield from _between(child)
        elif child.dep_ == "prep" and child.lower_ in NOUN_RECIPIENT_PREPS and not actor_only \
                and not (child.lower_ == "with" and _is_talked_about(noun)):
            yield from _objects_of(RECIPIENT, child)
    modifiers = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}]
    if modifiers:
        yield ACTOR, _ModifierPhrase(noun, modifiers)  # type: ignore[misc]
    if actor_only:
        return
    governor = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and governor.lemma_ in LIGHT_VERBS:
        for child in governor.children:
            if child.dep_ in {"nsubj"}:
                yield from _with_conjuncts(ACTOR, child)
            elif child.dep_ == "agent":
                yield from _objects_of(ACTOR, child)
            elif child.dep_ == "prep" and child.lower_ in {"on", "against", "targeting"}:
                yield from _objects_of(RECIPIENT, child)
    elif noun.dep_ in {"dobj", "pobj"} and governor.pos_ in {"VERB", "ADP"}:
        verb = governor if governor.pos_ == "VERB" else governor.head
        if verb.pos_ == "VERB" and verb.lemma_ in LIGHT_VERBS | {"hold", "have", "engage"}:
            for child in verb.children:
                if child.dep_ == "nsubj":
                    yield from _with_conjuncts(ACTOR, child)
        elif verb.pos_ == "VERB" and verb.lemma_ in WEAPON_VERBS and noun.dep_ == "dobj":
            # "rebels fired mortars at government positions": who fired, and at whom
            for child in verb.children:
                if child.dep_ == "nsubj":
                    yield from _with_conjuncts(ACTOR, child)
                elif child.dep_ == "prep" and child.lower_ in {"at", "on", "against", "toward", "towards"}:
                    yield from _objects_of(RECIPIENT, child)


# Verbs whose object is an event talked about: "discussed the attack with Cameroon" is no attack on Cameroon.
TALK_VERBS = frozenset({"discuss", "condemn", "denounce", "investigate", "examine", "raise", "debate", "address",
                        "describe", "mention", "review"})


def _is_talked_about(noun: Token) -> bool:
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in TALK_VERBS


def _between(prep: Token) -> Iterator[tuple[Role, Token]]:
    """ "clashes between X and Y": X the actor, Y the recipient."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        return
    first = objects[0]
    yield ACTOR, first
    for index, conj in enumerate(_conjuncts(first)):
        yield (RECIPIENT if index == 0 else ACTOR), conj


def _objects_of(role: Role, prep: Token) -> Iterator[tuple[Role, Token]]:
    for obj in prep.children:
        if obj.dep_ == "pobj":
            yield from _with_conjuncts(role, obj)
        elif obj.dep_ == "pcomp":  # "by targeting X"
            for grand in obj.children:
                if grand.dep_ in {"dobj", "pobj"}:
                    yield from _with_conjuncts(role, grand)


def _with_conjuncts(role: Role, token: Token) -> Iterator[tuple[Role, Token]]:
    yield role, token
    for conj in _conjuncts(token):
        yield role, conj


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conjuncts(child))
    return out


def _inherited_subjects(verb: Token) -> list[Token]:
    """ "Gunmen stormed the village and killed five": "killed" takes "stormed"'s subject."""
    current = verb
    for _ in range(3):
        if current.dep_ not in {"conj", "xcomp", "advcl", "ccomp"} or current.head is current:
            return []
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in SAYING_VERBS:
            return []  # "said 31 had been killed and 50 wounded": who reports it did not do it
        current = current.head
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            return subjects
        agents = [o for c in current.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if agents:
            return agents
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return []  # "31 were killed and 50 wounded": a passive shared, its doer untold
    return []


def _antecedent(child: Token, verb: Token) -> Token:
    """ "Islamic State, which the council blamed": the relative pronoun stands for the noun the
    clause describes."""
    if child.lower_ in RELATIVE_PRONOUNS and child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl" \
            and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return child


# Events done by speaking: who says it is who does it.
SPOKEN_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})
SAYING_VERBS = frozenset({"say", "tell", "state", "announce", "declare", "add", "insist", "write", "report"})


def _misparsed_relative(verb: Token) -> Token | None:
    """ "Islamic State, which the council blamed on Monday, ...", parsed with "blamed" a participle
    on "council": the council blamed, and what "which" stands for was blamed."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or noun.pos_ not in {"NOUN", "PROPN"} or noun.i > verb.i:
        return None
    edge = noun.left_edge
    pronoun = edge if edge.lower_ in RELATIVE_PRONOUNS else noun.doc[edge.i - 1] if edge.i > 0 else None
    if pronoun is None or pronoun.lower_ not in RELATIVE_PRONOUNS or pronoun.tag_ not in {"WDT", "WP"}:
        return None
    clause = next((a for a in [pronoun, *pronoun.ancestors] if a.dep_ == "relcl"), None)
    return clause.head if clause is not None else None


def _speaker_of_statement(verb: Token) -> list[Token]:
    """ "The ministry said that militants had carried out the bombing, and accused Turkey": an
    accusation coordinated with what a speaker reports is the speaker's, not the reported subject's."""
    if verb.dep_ != "conj":
        return []
    for ancestor in list(verb.ancestors)[1:6]:
        if ancestor.lemma_.lower() in SAYING_VERBS:
            return [c for c in ancestor.children if c.dep_ == "nsubj"]
    return []


def _has_child(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


EVENT_NOUNS = {"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing", "bombings",
               "explosion", "explosions", "blast", "blasts", "shelling", "fire", "fighting", "clash", "clashes",
               "violence", "raid", "raids", "ambush", "offensive", "assault", "bombardment", "operation",
               "shootout", "gunfire", "bomb", "bombs", "mine", "landmine", "ied", "rocket", "rockets", "missile",
               "missiles", "shell", "shells", "mortar", "mortars", "drone", "crossfire", "incident", "battle",
               "massacre", "killing", "killings", "shooting", "grenade", "device", "car"}


def _is_event_noun(token: Token) -> bool:
    return token.lower_ in EVENT_NOUNS and not token.ent_type_


# --- phrases and their resolution --------------------------------------------------------------------


class _ModifierPhrase:
    """The name-like words in front of a noun trigger ("Israeli air [strikes]", "a Boko Haram [attack]"),
    looked up as if they said "... forces"."""

    def __init__(self, noun: Token, modifiers: list[Token]) -> None:
        self.noun = noun
        self.tokens = sorted({t for m in modifiers for t in m.subtree if t.i < noun.i}, key=lambda t: t.i)


def _phrase_tokens(token: Token, sentence: Span) -> list[Token]:
    """The token's noun phrase inside the sentence, without relative clauses, conjuncts or appositions."""
    keep: list[Token] = []

    def walk(t: Token) -> None:
        keep.append(t)
        for child in t.children:
            if child.dep_ in PHRASE_CUT_DEPS or (child.dep_ == "prep" and child.lower_ not in PHRASE_PREPS):
                continue
            walk(child)

    walk(token)
    return sorted((t for t in keep if sentence.start <= t.i < sentence.end), key=lambda t: t.i)


def _head_noun(token: Token) -> Token:
    """Skip counting heads: "a pair of [bombers]", "dozens of [villagers]", "one of the [gunmen]"."""
    current = token
    for _ in range(2):
        if current.lower_ not in QUANTITY_HEADS:
            break
        objects = [g for c in current.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]
        if not objects:
            break
        current = objects[0]
    return current


SPEAKER_PRONOUNS = frozenset({"it", "they"})


def _reporting_subject(pronoun: Token) -> Token | None:
    """ "The ministry said it had discussed the attack", "police said they had arrested two": the
    pronoun subject of a reported clause is whoever reports it."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SAYING_VERBS:
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ not in PRONOUNS else None


def _subject_of_sentence_before(sentence: Span) -> Token | None:
    """ "Islamic State denied any role. It accused its enemies ...": a pronoun that says something
    stands for the subject of the sentence before, when that is a name rather than a pronoun."""
    if sentence.start == 0:
        return None
    before = sentence.doc[sentence.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ in PRONOUNS:
        return None
    return subject


def _resolve(token: Token | _ModifierPhrase, role: Role, sentence: Span, focus: str | None,
             dictionary: ActorDictionary, spoken: bool = False) -> Actor | None:
    if isinstance(token, _ModifierPhrase):
        return _resolve_modifiers(token, focus, dictionary)
    if token.lower_ in SPEAKER_PRONOUNS and role == ACTOR:
        antecedent = _reporting_subject(token) or (_subject_of_sentence_before(sentence) if spoken else None)
        if antecedent is not None:
            return _resolve(antecedent, role, antecedent.sent, focus, dictionary)
    if token.pos_ in PRONOUNS or token.lower_ in {"themselves", "himself", "herself", "itself"}:
        return None
    if token.ent_type_ in AMOUNT_ENTITIES:
        return None  # "pledged $1.5 million": an amount given, not a party
    words = [t for t in _phrase_tokens(token, sentence) if t.lower_ not in RELATIVE_PRONOUNS or t.i == token.i]
    text = _text_of(words)
    head = _head_noun(token)
    head_word = head.lower_
    modifiers = {t.lower_ for t in words if t.i != head.i}
    country = _country_for(text, focus)

    if head_word in AIRCRAFT and modifiers & UNIDENTIFIED_CUES:
        return Actor(role, "Unidentified Military Forces", text, country and country.iso3, "MIL", named=False)
    if modifiers & UNIDENTIFIED_CUES and _is_armed_people(head_word, modifiers):
        return _unidentified(role, text, country)
    entry = dictionary.lookup(text, focus)
    if entry is not None:
        return _from_entry(role, entry, text)
    if _is_armed_people(head_word, modifiers) or _speaks_for_armed_people(head_word, modifiers):
        return _unidentified(role, text, country)
    if head_word in PROTESTER_WORDS:
        return _collective(role, "Protesters", "OPP", text, country)
    if head_word in RIOTER_WORDS:
        return _collective(role, "Rioters", "OPP", text, country)
    if head_word in CIVILIAN_WORDS or (head.like_num and role == RECIPIENT and head.dep_ in {"dobj", "nsubjpass"}):
        return _collective(role, "Civilians", "CVL", text, country)
    if token.ent_type_ in {"ORG", "NORP"} and token.ent_iob_ in {"B", "I"}:
        return Actor(role, _entity_text(token), text, country and country.iso3, None)
    if spoken and head_word in GROUP_NOUNS and any(c.lower_ == "the" for c in head.children):
        return _named_group_before(head, role, sentence, focus, dictionary)
    return None


# Nouns a report uses to name again a group it has named: "a charge the Kurdish-led group denied".
GROUP_NOUNS = {"group", "movement", "militia", "organisation", "organization", "faction", "rebels", "militants"}
NON_STATE_SECTORS = {"REB", "UAF", "OPP", "REL", "ETH", "INS", "SEP"}


def _named_group_before(head: Token, role: Role, sentence: Span, focus: str | None,
                        dictionary: ActorDictionary) -> Actor | None:
    """"The YPG was responsible, a charge the Kurdish-led group denied": a speaker named only as
    "the group" is the nearest non-state group the sentence named before it."""
    for ent in reversed([e for e in sentence.ents if e.end <= head.left_edge.i and e.label_ in ("ORG", "NORP")]):
        entry = dictionary.lookup(ent.text, focus)
        if entry is not None and entry.named and entry.sector in NON_STATE_SECTORS:
            return _from_entry(role, entry, _text_of(list(head.subtree)))
    return None


def _resolve_modifiers(phrase: _ModifierPhrase, focus: str | None, dictionary: ActorDictionary) -> Actor | None:
    words = [t for t in phrase.tokens if t.pos_ not in {"DET", "NUM"}]
    if not words:
        return None
    text = _text_of(words)
    entry = dictionary.lookup(text + " forces", None)
    if entry is None or entry.name.startswith("Government of "):
        return None
    return _from_entry(ACTOR, entry, text)


def _is_armed_people(head_word: str, modifiers: set[str]) -> bool:
    if head_word not in UNNAMED_ARMED:
        return False
    return head_word not in NEEDS_ARMED_CUE or bool(modifiers & ARMED_CUES)


def _speaks_for_armed_people(head_word: str, modifiers: set[str]) -> bool:
    """"A rebel spokesman", "militant commanders": someone who speaks for an armed group."""
    return head_word in REPRESENTATIVES and bool(modifiers & (UNNAMED_ARMED - NEEDS_ARMED_CUE))


def _country_for(text: str, focus: str | None):
    """The country the phrase names ("Syrian refugees") before the article's focus country."""
    return find_country(text) or country_by_iso2(focus)


def _unidentified(role: Role, text: str, country) -> Actor:
    name = f"Unidentified Armed Group ({country.name})" if country else "Unidentified Armed Group"
    return Actor(role, name, text, country and country.iso3, "UAF", named=False)


def _collective(role: Role, kind: str, sector: str, text: str, country) -> Actor:
    name = f"{kind} ({country.name})" if country else kind
    return Actor(role, name, text, country and country.iso3, sector)


def _from_entry(role: Role, entry: ActorEntry, text: str) -> Actor:
    return Actor(role, entry.name, text, entry.country, entry.sector, entry.named)


def _text_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _entity_text(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, str]] = set()
    out = []
    for actor in actors:
        key = (actor.role, actor.name)
        if key in seen:
            continue
        seen.add(key)
        out.append(actor)
    return out
