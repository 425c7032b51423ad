"""Filters: negated and background events, violent words that name no event, commentary, embedded events."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitrep.extract.events.lexicon import Lexicon
from sitrep.extract.events.matching import Candidate
from sitrep.extract.events.parse import clause_chain, governing_verb
from sitrep.extract.events.words import EVENT_NOUNS, FIREARM_CUES, IED_CUES, VIOLENT_FAMILIES, WEAPON_FAMILIES

BACKGROUND_SUBJECTS = frozenset("""
war conflict insurgency violence crisis fighting unrest uprising civil-war rebellion
""".split())


SERIES_WORDS = frozenset({"wave", "spate", "surge", "escalation", "upsurge", "cycle", "series", "string", "rise",
                          "outbreak", "wake"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone"})


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    chain = clause_chain(token)
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
        if node.dep_ == "ccomp" and node.head.lemma_.lower() == "deny" and node.head.i < node.i:
            return True  # "denied that they had attacked the town"
        if i >= 1 and node.lemma_.lower() in ("decline", "refuse", "fail") and node.i != token.i:
            return True
    return False


_YEAR = re.compile(r"^(19|20)\d\d$")


def is_background(token: Token) -> bool:
    """Context, not an event: "the war has killed 100,000 since 2011"."""
    verb = governing_verb(token)
    scope = [verb, *verb.children] + ([token, *token.children] if token.i != verb.i else [])
    for node in scope:
        if node.lower_ == "since" and any(
            _YEAR.match(t.text) or t.lemma_.lower() in ("start", "beginning", "outbreak") for t in node.subtree
        ):
            return True
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + [
        o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if _perfect(verb) and any(_many_events(t) for t in [token, *doers]):
        return True  # "the town has been hit by several bombings since last year"
    if _running_total(verb) or verb.dep_ == "acl" and verb.head.dep_ in ("nsubj", "nsubjpass") \
            and _running_total(verb.head.head):
        return True  # "the number of members murdered has risen to 10 since the talks began"
    if any(c.dep_ == "expl" for c in verb.children) and any(
            c.lower_ in ("has", "have") for c in verb.children if c.dep_ == "aux"):
        return True  # "there have been several attacks in the region"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    clause = verb.head if verb.dep_ == "conj" else verb
    if clause.dep_ == "relcl" and any(c.tag_ == "WDT" for c in clause.children):
        subjects.append(clause.head)  # "violence that has lasted 10 years and killed 70,000 people"
    # "the wave of violence has increased", "a spate of attacks has ...": the "of" noun is the subject
    subjects += [p for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if s.lemma_.lower() in SERIES_WORDS]
    perfect = any(c.lower_ in ("has", "have") for c in [*verb.children, *clause.children] if c.dep_ == "aux")
    if any(s.lemma_.lower() in BACKGROUND_SUBJECTS for s in subjects) and (perfect or verb.tag_ == "VBZ"):
        return True
    return False


# Time spans that make a present perfect a running total: "have been killed this year", "so far".
TOTAL_SPANS = frozenset({"so far", "to date", "thus far", "this year", "this month", "in recent years",
                         "over the years", "in the past years", "in recent months"})


# Quantifiers that make a plural event noun many events counted together: "several bombings".
TALLY_QUANTIFIERS = frozenset({"several", "many", "numerous", "multiple", "countless", "dozens", "scores",
                               "hundreds", "series", "spate", "string", "number"})


def _many_events(token: Token) -> bool:
    """"several bombings", "a series of attacks": a tally of events, none of them told."""
    if token.tag_ != "NNS":
        return False
    if any(c.lower_ in TALLY_QUANTIFIERS for c in token.children if c.dep_ in ("amod", "det", "nummod", "quantmod")):
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in TALLY_QUANTIFIERS


def _perfect(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in verb.children)


def _running_total(verb: Token) -> bool:
    """"1,000 members have been murdered since the party was founded", "100 rebels have been killed
    this year": a present perfect counting up to now over a span is a tally, not one event."""
    if not _perfect(verb):
        return False
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in child.children):
            return True
        if child.dep_ in ("prep", "npadvmod", "advmod", "pobj"):
            phrase = " ".join(t.lower_ for t in child.subtree)
            if phrase in TOTAL_SPANS:
                return True
    return False


VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "ACCUSE", "REQUEST", "REJECT",
                          "THREATEN", "SANCTION"})


CONTEXT_PREPOSITIONS = frozenset({"after", "following", "since", "before", "under", "despite", "amid", "amidst"})


ENDING_VERBS = frozenset({"end", "stop", "halt", "prevent", "avoid", "resolve", "curb", "investigate"})


# "in response to", "in the wake of", "in retaliation for": the occasion of another event.
CONTEXT_NOUNS = frozenset({"response", "wake", "aftermath", "retaliation", "reprisal", "reaction"})


def _context_noun(head: Token) -> str | None:
    for a in list(head.ancestors)[:4]:
        if a.lemma_.lower() in CONTEXT_NOUNS and a.dep_ == "pobj" and a.head.lower_ == "in":
            return a.lemma_.lower()
    return None


def _context_clause(head: Token) -> str | None:
    """"one day after a jet shot down a helicopter": a time clause that dates another event."""
    verb = governing_verb(head)
    if verb.dep_ != "advcl":
        return None
    return next((c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in CONTEXT_PREPOSITIONS), None)


def _earlier_in_relative_clause(head: Token) -> bool:
    """"the minister, whom they had taken hostage two weeks ago": what was done before, told to
    say who someone is."""
    verb = governing_verb(head)
    return verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _describes_someone(head: Token) -> bool:
    """"Trujillo, who was murdered by the CIA", "those who have been killed", "the men who murdered
    the archbishop": a relative clause on a person tells who they are; the sentence reports
    something else about them."""
    verb = governing_verb(head)
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "who have been murdered, kidnapped and tortured"
    if verb.dep_ != "relcl" or verb.i != head.i and head.dep_ not in ("dobj", "nsubjpass"):
        return False
    # "Galan, who was killed last Friday": a dated relative clause can be the story's news.
    dated = any(t.ent_type_ in ("DATE", "TIME") for c in verb.children if c.dep_ in ("npadvmod", "prep", "advmod")
                for t in c.subtree)
    return not dated and any(c.tag_ in ("WP", "WP$") for c in verb.children)


def _describing_participle(head: Token) -> bool:
    """"the murdered archbishop", "assassinated senator Galan": a participle that describes a person."""
    return head.tag_ == "VBN" and head.dep_ == "amod" and head.head.pos_ in ("NOUN", "PROPN") \
        and head.i < head.head.i and not any(head.children)


def lower_embedded(cands: list[Candidate], lexicon: Lexicon) -> None:
    """An event named inside a statement ("praised efforts to end the fighting", "condemned the
    attack") is the statement's topic: it ranks below the statement itself."""
    verbal_heads = {c.head.i for c in cands if (c.event_type or lexicon.families[c.family].event_type) in VERBAL_TYPES
                    or c.family == "request"}  # an order that coerces still embeds what it orders
    for cand in cands:
        context = next((a.lower_ for a in [cand.head, *list(cand.head.ancestors)[:3]]
                        if a.dep_ == "prep" and a.lower_ in CONTEXT_PREPOSITIONS), None) \
            or _context_noun(cand.head) or _context_clause(cand.head)
        if context:
            cand.lower(0.65, f"context:{context}")
        ancestors = list(cand.head.ancestors)
        if _earlier_in_relative_clause(cand.head):
            cand.lower(0.7, "context:relative-past")
        elif cand.family in VIOLENT_FAMILIES and _describes_someone(cand.head):
            cand.lower(0.6, "context:relative-who")
        if cand.family in VIOLENT_FAMILIES and _describing_participle(cand.head):
            cand.lower(0.4, "context:participle")
        if any(a.lemma_.lower() in ENDING_VERBS for a in ancestors[:3]):
            cand.lower(0.6, "embedded:ended")
        elif any(a.i in verbal_heads for a in ancestors):
            cand.lower(0.75, "embedded:statement")


# Words that make a violent noun a general reference ("indiscriminate bombings", "daily attacks").
GENERIC_MODIFIERS = frozenset("""
indiscriminate daily frequent constant continued continuing repeated systematic such numerous
countless incessant widespread selective future possible terrorist criminal persistent continuous
various retaliatory recent current latest past previous earlier ongoing many several all these those
""".split())
# Verbs that make their violent object a campaign: "continued their attacks", "stepped up bombings".
CAMPAIGN_VERBS = frozenset({"continue", "intensify", "escalate", "increase", "step", "multiply", "resume",
                            "persist", "maintain"})


# Adjectives that make even a singular noun a habit: "the indiscriminate bombing of civilians".
HABIT_MODIFIERS = frozenset("""
indiscriminate daily frequent constant continued continuing repeated systematic countless incessant
widespread persistent continuous
""".split())


# Words that only make a plural general: "the recent attacks" ("the recent attack on X" is one event).
PLURAL_ONLY_MODIFIERS = frozenset({"recent", "current", "latest", "past", "previous", "earlier", "ongoing", "many", "several", "all", "these", "those"})


HABITUAL_ADVERBS = frozenset({"periodically", "often", "always", "usually", "regularly", "constantly", "frequently",
                              "sometimes", "never", "daily", "routinely", "continually"})


SPECIFIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "a", "an", "its", "their", "his", "her"})


FIRST_PERSON = frozenset({"we", "i", "you", "us"})


# Verbs whose object is a weapon held, not used: "seized six grenades", "was carrying missiles".
HOLDING_VERBS = frozenset("""
seize confiscate capture find recover discover carry transport smuggle possess send supply deliver
buy sell acquire store hide stockpile have keep contain include obtain ship
""".split())


HOLDING_NOUNS = frozenset({"cache", "consignment", "shipment", "stockpile", "delivery", "sale", "supply",
                           "purchase", "smuggling", "discovery", "seizure", "recovery", "possession"})
SEIZING_VERBS = frozenset({"seize", "confiscate", "capture", "find", "recover", "discover", "discovery", "seizure",
                           "recovery"})


ACCIDENT_WORDS = frozenset({"crash", "accident", "collision", "derail", "earthquake", "flood", "landslide",
                            "drown", "capsize"})


def _holding_verb(head: Token) -> Token | None:
    """The verb a weapon noun is the object of, through lists ("seized rifles, mortars and grenades")
    and quantities or companions ("seized a large quantity of bombs", "seized a rifle with 36 grenades")."""
    node = head
    for _ in range(8):
        if node.dep_ in ("conj", "appos", "compound"):
            node = node.head
        elif node.dep_ == "pobj" and node.head.head.lemma_.lower() in HOLDING_VERBS | HOLDING_NOUNS:
            return node.head.head  # "a shipment of bombs", "the discovery of rockets"
        elif node.dep_ == "pobj" and node.head.lower_ in ("of", "with") and node.head.head.pos_ in ("NOUN", "NUM") \
                and node.head.head.lemma_.lower() not in EVENT_NOUNS:
            node = node.head.head
        else:
            break
    if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in HOLDING_VERBS:
        return node.head
    return _holding_verb_above(node)


NOUN_ATTACHMENTS = frozenset({"conj", "appos", "compound", "dobj", "nsubjpass", "pobj", "prep", "npadvmod", "nmod",
                              "dep", "attr"})


def _holding_verb_above(node: Token) -> Token | None:
    """A weapon deep in a long list ("seized a rifle from the enemy, 3,000 cartridges, six grenades",
    "the following equipment was seized: rifles, grenades") that the parser hangs anywhere under
    the seizing verb's object."""
    for _ in range(10):
        if node.dep_ not in NOUN_ATTACHMENTS or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node if node.lemma_.lower() in SEIZING_VERBS else None
    return None


def drop_non_events(cand: Candidate, sent_keys: set[str]) -> None:
    """Violent words that name no attack: a weapon seized or carried, a noun used as a modifier
    ("death squads", "bomb threats"), deaths in an accident."""
    head = cand.head
    if cand.family == "request" and _asks_a_question(head):
        cand.drop("question-asked")
        return
    if cand.family == "request" and _names_as(head):
        said_of = head.head if head.dep_ in ("relcl", "acl") else next(
            (c for c in head.children if c.dep_ == "dobj"), head)
        if said_of.lemma_.lower() in ALLEGATION_NOUNS:
            cand.family = "reject"  # "a charge the ministry called absurd"
            cand.cues.append("dismissed-as")
        else:
            cand.drop("naming")  # "called the attack cowardly", "called them terrorists"
        return
    if cand.family not in VIOLENT_FAMILIES or head.pos_ != "NOUN":
        if cand.origin == "casualty" and sent_keys & ACCIDENT_WORDS and not sent_keys & (
                IED_CUES | FIREARM_CUES | {"attack", "shoot", "sabotage"}):
            cand.lower(0.4, "accident")
        return
    if cand.family in WEAPON_FAMILIES and cand.end - cand.start == 1:
        verb = _holding_verb(head)
        if verb is not None:
            seized = verb.lemma_.lower() in SEIZING_VERBS
            cand.family = "disrupted" if seized else cand.family
            cand.score_factor *= 1.0 if seized else 0.0
            cand.cues.append(f"weapon-held:{verb.lemma_.lower()}")
            return
    if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and cand.end - cand.start == 1 \
            and head.head.lemma_.lower() not in EVENT_NOUNS:
        cand.lower(0.35, f"modifier-of:{head.head.lemma_.lower()}")
        return
    if cand.origin == "casualty" and sent_keys & ACCIDENT_WORDS:
        cand.lower(0.4, "accident")


ALLEGATION_NOUNS = frozenset({"charge", "accusation", "allegation", "claim", "report", "assertion", "statement"})


def _names_as(head: Token) -> bool:
    """ "called the charge absurd", "called them terrorists": calling something a name asks for
    nothing ("called on", "called for", "called X to" do)."""
    if head.lemma_.lower() != "call":
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon") for c in head.children):
        return False
    if any(c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" for g in c.children) for c in head.children):
        return False
    return any(c.dep_ in ("oprd", "acomp") for c in head.children)


QUESTION_MARKS = frozenset({"whether", "if", "what", "why", "how", "when", "who", "where", "which"})


def _asks_a_question(head: Token) -> bool:
    """ "Asked whether the attack would draw a response, the official said ...": asking a question
    requests nothing; the answer is the news."""
    if head.lemma_.lower() not in ("ask", "question", "enquire", "inquire", "wonder"):
        return False
    for clause in head.children:
        if clause.dep_ in ("ccomp", "xcomp", "advcl") and any(
                t.lower_ in QUESTION_MARKS and t.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr") and t.i < clause.i
                for t in clause.subtree):
            return True
    return any(c.dep_ == "prep" and c.lower_ == "about" for c in head.children) and head.tag_ == "VBN"


def _is_question(sent: Span) -> bool:
    return sent.text.rstrip().rstrip('"\'').endswith("?")


# Plurals that give a number: "scores of refugees" is a count, not people in general.
COUNT_NOUNS = frozenset({"dozens", "scores", "hundreds", "thousands", "tens", "millions", "pairs", "couples"})


def _bare_plural(token: Token) -> bool:
    return token.tag_ == "NNS" and token.lower_ not in COUNT_NOUNS and not any(c.dep_ in ("det", "nummod", "poss", "amod", "compound") or
                                           c.lower_ in SPECIFIC_DETERMINERS for c in token.children)


def _perfect_with_bare_plural(head: Token) -> bool:
    """"civilians have been murdered", "bombs have been exploded in public places": no number, no
    one named, up to now: violence in general."""
    roles = ("nsubjpass", "dobj", "nsubj")
    if head.pos_ == "NOUN" and head.dep_ in roles:
        verb, victims = head.head, [head]  # "grenades have been exploded"
    elif head.pos_ == "VERB":
        verb, victims = head, [c for c in head.children if c.dep_ in roles]
    else:
        return False
    if not _perfect(verb) or any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return False
    return any(_bare_plural(v) for v in victims)


def _generic_reference(head: Token) -> bool:
    """A bare plural ("kidnappings", "bombings and murders") or a noun qualified as a habit
    names violence in general, not one event."""
    if _perfect_with_bare_plural(head):
        return True
    if head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ == "by" \
            and governing_verb(head.head).lemma_.lower() in CAMPAIGN_VERBS:
        return True  # "have increased their actions by killing civilians"
    if head.pos_ != "NOUN" or head.lemma_.lower() not in EVENT_NOUNS:
        return False
    modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "det", "predet")}
    if head.tag_ == "NNS" and modifiers & GENERIC_MODIFIERS:
        return True
    amods = {c.lower_ for c in head.children if c.dep_ == "amod"}
    if amods & HABIT_MODIFIERS:
        return True
    specific = any(c.dep_ == "det" and c.lower_ in SPECIFIC_DETERMINERS for c in head.children)
    if amods & GENERIC_MODIFIERS - PLURAL_ONLY_MODIFIERS and not specific:
        return True  # "terrorist attacks", but "this criminal attack" is one
    if head.tag_ == "NNS" and head.dep_ in ("dobj", "pobj") and governing_verb(head).lemma_.lower() in CAMPAIGN_VERBS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in SERIES_WORDS:
        return True  # "a wave of kidnappings and murders"
    if head.tag_ != "NNS" or head.dep_ in ("nsubj", "nsubjpass"):
        return False  # "Clashes erupted": a bare plural subject still reports events
    owners = [head, *([head.head] if head.dep_ == "conj" else [])]
    return not any(c.dep_ in ("det", "nummod", "poss") or c.lower_ in SPECIFIC_DETERMINERS
                   for owner in owners for c in owner.children)


def _habitual(head: Token) -> bool:
    """Violence as a habit, not one event: "bombs explode", "criminals who attack civilians",
    "they are periodically suffering attacks"."""
    verb = governing_verb(head)
    if any(c.lower_ in HABITUAL_ADVERBS for c in verb.children):
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP") and not aux:
        # "bombs explode": a bare plural doing something, now and again
        return verb.i == head.i or head.dep_ == "nsubj" and head.head.i == verb.i and _bare_plural(head) \
            and verb.lemma_.lower() not in CHARACTERIZING_VERBS
    # "they are murdered or harassed", "members are being murdered": present passives tell what
    # keeps happening, not what happened.
    return verb.i == head.i and verb.tag_ == "VBN" and any(a.dep_ == "auxpass" for a in aux) and all(
        a.lower_ in ("is", "are", "am", "being") for a in aux)


def _first_person(head: Token) -> bool:
    """Speech and commentary ("we have inflicted ...", "what do you feel after killing ...")."""
    verb = governing_verb(head)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in FIRST_PERSON for c in verb.children)


CHARACTERIZING_VERBS = frozenset({"be", "constitute", "represent", "amount", "seem", "become"})


def _characterization(head: Token) -> bool:
    """"Smuggling constitutes an attack against our homeland", "this is not just another attack":
    a violent noun said of something else characterizes it."""
    if head.pos_ != "NOUN" or head.dep_ not in ("attr", "dobj") or head.head.lemma_.lower() not in CHARACTERIZING_VERBS:
        return False
    # "This was the rebels' 33rd attack", "it was a car bomb": a pronoun names the event itself.
    return not any(c.dep_ == "nsubj" and c.pos_ in ("PRON", "DET") for c in head.head.children)


def lower_commentary(cands: list[Candidate], sent: Span) -> None:
    """Violence named in a question, in general terms or by a speaker about themselves is
    commentary more often than a report: it ranks below a plainly reported event."""
    question = _is_question(sent)
    for cand in cands:
        if question:
            cand.lower(0.5, "commentary:question")
        if cand.family in VIOLENT_FAMILIES and _generic_reference(cand.head):
            cand.lower(0.5, "generic")
        if cand.family in VIOLENT_FAMILIES and _habitual(cand.head):
            cand.lower(0.5, "habitual")
        if cand.family in VIOLENT_FAMILIES and _characterization(cand.head):
            cand.lower(0.6, "characterization")
        if _first_person(cand.head):
            cand.lower(0.8, "commentary:first-person")

