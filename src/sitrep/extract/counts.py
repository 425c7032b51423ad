"""Casualty counts: killed, injured, kidnapped, missing and displaced, read from the mention's clause.

Counting goes from the word that names the harm to the people harmed, through the dependency
parse: "killed at least 14 people" (the verb's object), "3 soldiers were killed" (the passive
subject), "left 3 dead" (the number on the adjective), "the death toll rose to 22" (the number the
toll reaches), "five bodies" (the number on the noun). Numbers nobody harmed ("some 300 fighters",
"$2 million", "a 14-year-old boy", years, distances) are never reached that way.

Vague quantities follow ACLED's conventions (shared/contract/README.md), the rest are ours and
documented here:
- "tens" 10, "dozens" 12, "scores" 20 (the smallest plural of a score, as "tens" is of ten),
  "hundreds" 100, "thousands" 1,000, "tens of thousands" 10,000;
- "several", "a few", "some", "a number of", "a handful of": 3, ACLED's figure for a small
  unknown number; "a couple of" 2; "many", "numerous", "a large number of": 10;
- "at least 18", "more than 20", "up to 30", "about 40": the stated figure (ACLED codes it);
- "between 20 and 25", "20 to 25", "20-25": best 20 (the conservative end), low 20, high 25;
- several figures for one category from different sources: best the lowest, low/high across;
- deaths reported with no figure ("killed civilians", "an unspecified number"): 10 for a large
  attack (air or drone strike, shelling, suicide or other bombing, a massacre), 3 otherwise;
- "casualties": a figure for them counts the dead where the injured are counted apart ("8
  casualties and tens of injuries") or not mentioned at all ("3 casualties in the shelling"), as
  in the Syrian Observatory's English and armed groups' statements; a figure for casualties and
  injuries together ("13 casualties and injuries") or one that includes the wounded ("7
  casualties, including 5 wounded") is no death toll;
- "the number of people killed (of dead, of those killed) has risen to 19": the figure the toll
  reaches, never "a number of" (a vague 3);
- a part of the dead is not the toll: "three children were among the dead", "including four
  children", "five of them women" leave the total to the figure they belong to;
- no figure at all: None (unknown), never 0, unless the text says nobody was harmed
  ("no casualties" gives 0 killed and 0 injured; "no one was hurt" 0 injured).
The attackers' own deaths count ("the two bombers died"): ACLED counts every death.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from sitrep.extract.mention import EventMention
from sitrep.types import Toll

__all__ = ["extract_toll", "parse_quantity", "Figure", "UNKNOWN_SMALL", "UNKNOWN_LARGE"]

Quantity = tuple[int, int, int]  # best, low, high

UNKNOWN_SMALL = 3
UNKNOWN_LARGE = 10

CATEGORIES = ("fatalities", "injured", "kidnapped", "missing", "displaced")

# Lemmas that name a harm, by category. Verbs take their victims as object (active) or subject
# (passive, or intransitive for "die"); adjectives and nouns carry a number of their own.
HARM_VERBS = {
    "kill": "fatalities", "murder": "fatalities", "slay": "fatalities", "execute": "fatalities",
    "behead": "fatalities", "assassinate": "fatalities", "massacre": "fatalities", "lynch": "fatalities",
    "die": "fatalities", "perish": "fatalities", "slaughter": "fatalities", "drown": "fatalities",
    "martyr": "fatalities",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "kidnap": "kidnapped", "abduct": "kidnapped",
    "displace": "displaced", "uproot": "displaced", "flee": "displaced",
    "disappear": "missing",
}
INTRANSITIVE = {"die", "perish", "flee", "disappear", "drown"}
HARM_ADJECTIVES = {
    "dead": "fatalities", "killed": "fatalities", "wounded": "injured", "injured": "injured",
    "hurt": "injured", "missing": "missing", "displaced": "displaced", "homeless": "displaced",
    "abducted": "kidnapped", "kidnapped": "kidnapped",
}
HARM_NOUNS = {
    "death": "fatalities", "fatality": "fatalities", "body": "fatalities", "corpse": "fatalities",
    "dead": "fatalities", "life": "fatalities", "killing": "fatalities",
    "injury": "injured", "wounded": "injured", "injured": "injured",
    "hostage": "kidnapped", "abductee": "kidnapped", "captive": "kidnapped",
    "refugee": "displaced", "casualty": "casualties", "martyr": "fatalities", "martyrdom": "fatalities",
    "execution": "fatalities", "assassination": "fatalities", "beheading": "fatalities",
}
KILLING_NOUNS = {"assassination", "execution", "beheading", "killing"}
TARGETING_LEMMAS = {"target", "claim", "hit", "kill"}  # "an assassination targets 3 fighters"
TOLL_NOUNS = {"toll", "fatalities", "number"}  # "the death toll rose to 22"
LARGE_ATTACK_WORDS = {"massacre", "airstrike", "airstrikes", "shelling", "bombing", "bombardment",
                      "suicide", "strikes", "raids"}
LARGE_ATTACK_MODES = {"aerial", "explosives", "suicide-attack", "shelling", "artillery", "air-strike",
                      "drone", "bombing"}
# "tried to kill", "threatened to kill": no harm done.
UNREALIZED_LEMMAS = {"threaten", "try", "attempt", "plan", "vow", "seek", "want", "intend", "aim", "plot",
                     "fail", "warn", "pledge", "promise", "prepare", "order"}
# "shot two men to death", "fatally assaulted": a death told by a verb that does not mean one.
DEADLY_METHOD_LEMMAS = {"shoot", "stab", "beat", "burn", "hack", "stone", "assault", "attack", "wound",
                        "injure", "hit", "crush", "lynch", "torture"}
ACCUSATION_LEMMAS = {"charge", "accuse", "convict", "suspect", "responsible", "involvement", "revenge",
                     "retaliation", "avenge", "memory", "anniversary"}
MEANS_PREPOSITIONS = {"through", "by", "via"}  # "avenges its dead by killing ...": the harm is the act
# "a family of seven": the group noun is counted by its "of" phrase
GROUP_NOUNS = {"family", "group", "total", "convoy", "crowd"}
# places named beside the victims ("Sweida countryside and 8 fighters have been killed") count no one
PLACE_NOUNS = {"countryside", "area", "city", "neighborhood", "neighbourhood", "region", "province", "district",
               "outskirts", "vicinity", "road", "border"}
COLLECTIVE_NOUNS = GROUP_NOUNS | PLACE_NOUNS | {"police", "army", "force", "military", "militia", "staff", "personnel", "unit",
                                  "battalion", "brigade", "regiment", "team", "population", "community", "village",
                                  "town", "people", "security", "faction", "organization", "organisation", "mob"}
INJURY_WORDS = {"injury", "injure", "injured", "wound", "wounded", "hurt"}
REPORTING_LEMMAS = {"say", "report", "claim", "tell", "state", "announce", "put", "accord", "estimate"}
NOBODY = {"nobody", "none"}
NEGATIVE_DETERMINERS = {"no"}

VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
    "dozen": 12, "score": 20, "several": UNKNOWN_SMALL, "few": UNKNOWN_SMALL, "some": UNKNOWN_SMALL,
    "handful": UNKNOWN_SMALL, "number": UNKNOWN_SMALL, "couple": 2, "pair": 2, "many": UNKNOWN_LARGE,
    "numerous": UNKNOWN_LARGE,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIERS = re.compile(
    r"^(?:at\s+(?:the\s+)?least|no\s+(?:fewer|less)\s+than|(?:a\s+little\s+|just\s+|slightly\s+)?(?:more|fewer|less)\s+than"
    r"|(?:just\s+)?(?:over|under|above|below)|nearly|almost|about|around|approximately|roughly|some|close\s+to"
    r"|an?\s+estimated|estimated|as\s+many\s+as|up\s+to|at\s+most|a\s+total\s+of|another|a\s+further|further"
    r"|an?\s+additional|additional|the|other|only|all|over|a\s+reported|reportedly|possibly|perhaps)\s+",
    re.IGNORECASE,
)
RANGE = re.compile(r"^(?:between\s+)?(?P<a>.+?)\s*(?:-|–|—|\bto\b|\band\b|\bor\b)\s*(?P<b>.+)$", re.IGNORECASE)


@dataclass
class Figure:
    """One count read from the text, for one category."""

    category: str
    best: int
    low: int
    high: int
    word: Token  # the harm word it hangs on
    vague_default: bool = False  # a convention figure for deaths reported with no number
    victims: tuple[int, ...] = ()  # token indices of the people counted, so no one is counted twice


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def parse_quantity(text: str) -> Quantity | None:
    """A number phrase to (best, low, high): "2,300", "1.5 million", "forty-five", "a dozen",
    "dozens", "at least 18", "between 20 and 25", "20 to 25". None if it is not a quantity."""
    phrase = _normalize(text)
    if not phrase:
        return None
    single = _parse_single(phrase)
    if single is not None:
        return single, single, single
    match = RANGE.match(phrase)
    if match:
        low, high = _parse_single(_strip_qualifiers(match["a"])), _parse_single(_strip_qualifiers(match["b"]))
        if low is not None and high is not None:
            low, high = min(low, high), max(low, high)
            return low, low, high
    return None


def _normalize(text: str) -> str:
    phrase = re.sub(r"\s+", " ", text.strip().lower()).strip(" ,.;:()[]")
    phrase = re.sub(r"\s+(?:of|more|others?|people|persons)$", "", phrase)
    return _strip_qualifiers(phrase)


def _strip_qualifiers(phrase: str) -> str:
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = QUALIFIERS.sub("", phrase).strip()
    return phrase


def _parse_single(phrase: str) -> int | None:
    phrase = phrase.strip()
    if not phrase:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", phrase):
        return int(phrase.replace(",", ""))
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion)", phrase)
    if scaled:
        return int(round(float(scaled[1]) * SCALES[scaled[2]]))
    return _parse_words(phrase)


def _parse_words(phrase: str) -> int | None:
    words = re.sub(r"^(?:an?|one)\s+", "one ", phrase)
    words = re.sub(r"\s+of$", "", words)
    vague = _parse_vague(words)
    if vague is not None:
        return vague
    if words in ("one dozen", "dozen"):
        return 12
    half = re.fullmatch(r"half (?:a|one) dozen", phrase)
    if half:
        return 6
    dozens = re.fullmatch(r"(.+) dozen", words)
    if dozens:
        inner = _text2num(dozens[1])
        return inner * 12 if inner is not None else None
    return _text2num(words)


def _parse_vague(words: str) -> int | None:
    """"dozens", "tens of thousands", "a large number", "a number of", "several"."""
    words = re.sub(r"^one\s+", "", words)
    compound = re.fullmatch(r"(tens|hundreds|dozens) of (thousands|millions)", words)
    if compound:  # "tens of thousands" = 10 x 1,000
        return VAGUE[compound[1]] * VAGUE[compound[2]]
    if re.fullmatch(r"(?:large|great|huge|significant|high) number", words):
        return UNKNOWN_LARGE
    if re.fullmatch(r"(?:small )?number|unspecified number|unknown number", words):
        return UNKNOWN_SMALL
    return VAGUE.get(words)


@lru_cache(maxsize=4096)
def _text2num(words: str) -> int | None:
    from text_to_num import text2num

    if not re.fullmatch(r"[a-z -]+", words):
        return None
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Reading the parse
# ---------------------------------------------------------------------------------------------


def extract_toll(mention: EventMention) -> Toll:
    """Killed, injured, kidnapped, missing and displaced for one mention, from its clause first
    and, where the clause has no figure for a category, from the rest of its sentence."""
    figures = _figures_in(mention.clause, mention)
    if mention.clause.start != mention.sentence.start or mention.clause.end != mention.sentence.end:
        found = {f.category for f in figures}
        figures += [f for f in _figures_in(mention.sentence, mention) if f.category not in found
                    and not (mention.clause.start <= f.word.i < mention.clause.end)]
    return _toll_from(figures)


def _figures_in(span: Span, mention: EventMention) -> list[Figure]:
    figures: list[Figure] = []
    counted: set[tuple[str, tuple[int, ...]]] = set()
    for token in span:
        category = _harm_category(token)
        if category is None or _is_accusation(token):
            continue
        figure = _count_for(token, category, mention)
        if figure is None:
            continue
        if figure.category == "casualties" and figure.best > 0:
            if _counted_with_injured(figure.word):  # "13 casualties and injuries": dead and hurt together
                continue
            if _casualties_are_dead(figure.word, span, mention.sentence):
                figure.category = "fatalities"
        key = (figure.category, figure.victims)
        if figure.victims and key in counted:  # "73 killed and killed": the same people once
            continue
        counted.add(key)
        figures.append(figure)
    return figures


def _counted_with_injured(casualties: Token) -> bool:
    """"13 casualties and injuries": one figure for the dead and the hurt together."""
    return any(c.lemma_.lower() in INJURY_WORDS and _number_child(c) is None for c in casualties.conjuncts)


def _casualties_are_dead(casualties: Token, span: Span, sentence: Span) -> bool:
    """A figure of "casualties" counts the dead where the injured are counted apart ("8
    casualties and tens of injuries") or not mentioned at all ("3 casualties in the shelling"):
    conflict reporting from Syria (SOHR's English, which UCDP codes as deaths) and from armed
    groups' statements uses "casualties" for the dead, and a text that only gives that figure has
    no other to tell the dead by. "7 casualties, among them 5 wounded" keeps it unresolved."""
    injury_words = [t for t in sentence if t.lemma_.lower() in INJURY_WORDS and t.i not in
                    {c.i for c in casualties.conjuncts}]
    if not injury_words:
        return True
    return any(span.start <= t.i < span.end for t in injury_words) and not _part_of(injury_words, casualties)


def _part_of(injury_words: list[Token], casualties: Token) -> bool:
    """"7 casualties, including 5 wounded": the injured are inside the casualties' figure."""
    return any(casualties in t.ancestors for t in injury_words)


def _is_accusation(token: Token) -> bool:
    """"executed on charges of killing a person": a harm named as a charge is not this event's;
    a harm that is the means of the revenge ("avenges its loss through assassinating 2 members")
    is."""
    for ancestor in token.ancestors:
        if ancestor.i < token.i and ancestor.lemma_.lower() in ACCUSATION_LEMMAS:
            return not _means_of(token, ancestor)
    return False


def _means_of(token: Token, ancestor: Token) -> bool:
    """Whether the path from `ancestor` down to `token` goes through "through", "by" or "via"."""
    node = token
    while node.head.i != node.i and node.head.i != ancestor.i:
        if node.dep_ == "prep" and node.lower_ in MEANS_PREPOSITIONS:
            return True
        node = node.head
    return node.dep_ == "prep" and node.lower_ in MEANS_PREPOSITIONS


def _harm_category(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ == "VERB" and lemma in DEADLY_METHOD_LEMMAS and _told_as_deadly(token):
        return "fatalities"
    if token.pos_ in ("VERB", "AUX") and lemma in HARM_VERBS:
        return HARM_VERBS[lemma]
    if lower in HARM_ADJECTIVES and token.pos_ in ("ADJ", "VERB", "NOUN"):
        return HARM_ADJECTIVES[lower]
    if token.pos_ in ("NOUN", "PROPN") and _noun_lemma(token) in HARM_NOUNS:
        return HARM_NOUNS[_noun_lemma(token)]
    if token.pos_ == "NOUN" and lemma == "toll":
        return "fatalities"
    return None


def _noun_lemma(token: Token) -> str:
    """The noun's lemma; title-case headlines ("3 Casualties in ...") tag nouns as proper nouns,
    whose lemma keeps the plural."""
    lemma = token.lemma_.lower()
    if token.pos_ != "PROPN" or lemma in HARM_NOUNS:
        return lemma
    return lemma[:-3] + "y" if lemma.endswith("ies") else lemma.removesuffix("s")


def _told_as_deadly(verb: Token) -> bool:
    """"fatally wounded", "shot dead", "beaten to death"."""
    for child in verb.children:
        if child.lower_ in ("fatally", "dead", "mortally"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
            return True
    return False


def _is_unrealized(verb: Token) -> bool:
    """A harm that was only threatened, tried or planned: "tried to lynch a man"."""
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in UNREALIZED_LEMMAS


def _mixed_with_other_harm(verb: Token, category: str) -> bool:
    """"10 people were killed and injured": one figure for two harms tells neither."""
    own = _has_argument(verb)
    for other in verb.conjuncts:
        other_category = _harm_category(other)
        if other_category not in (None, category) and _has_argument(other) != own:
            return True
    return False


def _has_argument(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children)


def _has_child(token: Token, words: set[str], deps: set[str] | None) -> bool:
    return any(c.lower_ in words and (deps is None or c.dep_ in deps) for c in token.children)


def _count_for(word: Token, category: str, mention: EventMention) -> Figure | None:
    """The figure a harm word states, or None where it states none."""
    if word.lemma_.lower() == "toll" or (word.lower_ == "fatalities" and not _number_child(word)):
        quantity = _toll_figure(word)
        return _figure(category, quantity, word) if quantity else None
    if word.lemma_.lower() == "life":  # "claimed the lives of 3 citizens"
        quantity = _count_of_pobj(word)
        return _figure(category, quantity, word) if quantity else None
    counter = _toll_counting(word)
    if counter is not None:  # "the number of dead rose to 22"
        quantity = _toll_figure(counter)
        if quantity:
            return _figure(category, quantity, word)
    if word.pos_ in ("VERB", "AUX") and (_is_unrealized(word) or _mixed_with_other_harm(word, category)):
        return None
    if word.pos_ in ("VERB", "AUX"):
        victims = _verb_victims(word)
    elif word.pos_ == "ADJ":
        victims = _adjective_victims(word)
    else:
        victims = _killing_noun_victims(word) if word.lemma_.lower() in KILLING_NOUNS else []
        victims = victims or [word]
    if not victims:
        return None
    # a harm noun carries its own number ("3 fatalities and 4 injured": not 7 fatalities)
    quantity = _count_noun(word) if victims == [word] else _count_people(victims)
    if quantity is None:
        return _unspecified(category, word, victims, mention)
    figure = _figure(category, quantity, word)
    figure.victims = tuple(v.i for v in victims if v.i != word.i)
    return figure


def _figure(category: str, quantity: Quantity, word: Token, vague: bool = False) -> Figure:
    best, low, high = quantity
    return Figure(category, best, low, high, word, vague)


def _verb_victims(verb: Token) -> list[Token]:
    """Who the harm verb harmed: passive subject, object, subject of "die"/"flee", the noun a
    participle modifies ("5 people killed"), the object of "forced ... to flee"."""
    victims = _verb_victims_by_role(verb)
    # "3 fatalities and 4 injured": the subject is itself a harm word; its conjoined number is ours
    if len(victims) == 1 and victims[0].i != verb.i and _harm_category(victims[0]) is not None:
        return [c for c in victims[0].conjuncts if _is_quantity_token(c)][:1]
    return victims


def _verb_victims_by_role(verb: Token) -> list[Token]:
    deps: dict[str, Token] = {}
    for child in verb.children:  # the nearest of each: "kill 11 persons ... of one family"
        if child.i < verb.i or child.dep_ not in deps:
            deps[child.dep_] = child
    if "nsubjpass" in deps:
        return [deps["nsubjpass"]]
    if "auxpass" in deps and "dobj" not in deps:  # the parser lost the subject: take the phrase before "was"
        subject = _phrase_before(deps["auxpass"])
        if subject is not None:
            return [subject]
    if "dobj" in deps and verb.lemma_.lower() not in INTRANSITIVE:
        return [deps["dobj"]]
    lemma = verb.lemma_.lower()
    if verb.dep_ == "xcomp" and lemma in INTRANSITIVE:  # "forced 2,300 people to flee"
        head_deps = {c.dep_: c for c in verb.head.children}
        for dep in ("dobj", "nsubjpass"):
            if dep in head_deps:
                return [head_deps[dep]]
    # "4 people executed in Homs": a harm verb with a subject but no object names its victims
    # (headline style); "gunmen killed" with no object at all is too rare to matter
    transitive_without_object = verb.tag_ in ("VBN", "VBD") and not _has_object(verb)
    adjectival = verb.lower_ in HARM_ADJECTIVES and not _has_object(verb)  # "12 are missing"
    if "nsubj" in deps and (lemma in INTRANSITIVE or _is_bare_participle(verb) or adjectival
                            or transitive_without_object and deps["nsubj"].pos_ != "PRON"):
        return [deps["nsubj"]]
    numbers = [c for c in verb.lefts if c.dep_ in ("meta", "npadvmod", "dep", "nsubj") and _is_quantity_token(c)]
    if numbers and _is_bare_participle(verb):  # "2 killed." as a fragment
        return numbers[:1]
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
        head = _counted_whole(verb.head)
        while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN", "NUM"):  # "5 citizens and a child killed"
            head = head.head
        return [head]
    if verb.dep_ in ("acomp", "oprd", "conj") and verb.tag_ == "VBN":
        return _adjective_victims(verb)
    return []


def _counted_whole(noun: Token) -> Token:
    """"4 members of the factions killed": the participle hangs on "factions", but the people
    killed are the counted "4 members" the "of" phrase belongs to."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and _number_child(noun) is None:
        owner = noun.head.head
        if owner.pos_ not in ("NOUN", "PROPN") or _number_child(owner) is None:
            break
        noun = owner
    return noun


def _killing_noun_victims(noun: Token) -> list[Token]:
    """"An assassination targets 3 fighters": a killing named by a noun, its victims the object
    of the verb it is the subject of."""
    if noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in TARGETING_LEMMAS:
        return []
    return [c for c in noun.head.children if c.dep_ == "dobj"][:1]


def _phrase_before(auxiliary: Token) -> Token | None:
    """The noun of the phrase that ends just before an auxiliary: "a fugitive from the prison was"."""
    if auxiliary.i == auxiliary.sent.start:
        return None
    current = auxiliary.doc[auxiliary.i - 1]
    while current.dep_ in ("pobj", "prep", "compound", "amod", "punct") and current.head.i < auxiliary.i \
            and current.head.i != current.i:
        current = current.head
    return current if current.pos_ in ("NOUN", "PROPN", "NUM", "PRON") else None


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "attr") for c in verb.children)


def _is_bare_participle(verb: Token) -> bool:
    """"12 wounded", "2 killed": a past participle with no auxiliary and no object."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


def _adjective_victims(adjective: Token) -> list[Token]:
    """"3 dead" (own number), "left 3 people dead", "12 are missing", "a man was found dead"."""
    if _number_child(adjective) is not None:
        return [adjective]
    objects = [c for c in adjective.children if c.dep_ == "dobj"]
    if objects:  # "gunmen shot dead a man", with "shot" misread as a noun: "dead" takes the object
        return objects[:1]
    head = adjective.head
    if adjective.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    if adjective.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "attr", "advcl", "conj") and head is not adjective:
        if head.lemma_.lower() in REPORTING_LEMMAS:  # "..., two security sources said": the sources are not the dead
            return []
        for dep in ("nsubjpass", "dobj", "nsubj"):
            for child in head.children:
                if child.dep_ == dep and child.i != adjective.i:
                    return [child]
    if adjective.dep_ == "ROOT" or adjective.pos_ == "VERB":
        subjects = [c for c in adjective.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subjects[:1]
    return []


def _number_child(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ in ("amod", "det") and _is_quantity_token(child)
                                                      and child.lower_ not in ("a", "an", "the")):
            return child
    return None


def _is_quantity_token(token: Token) -> bool:
    return token.like_num or token.lower_ in VAGUE or token.lower_ in SCALES or token.ent_type_ == "CARDINAL"


def _count_people(victims: list[Token]) -> Quantity | None:
    """How many people the victim phrase names, summing "two policemen and a civilian"."""
    total: list[Quantity] = []
    unknown = False
    for noun in _with_conjuncts(victims):
        quantity = _count_noun(noun)
        if quantity is None:
            unknown = True
        else:
            total.append(quantity)
    if not total:
        return None
    if unknown and len(total) < len(_with_conjuncts(victims)) and not any(q[0] for q in total):
        return None
    return sum(q[0] for q in total), sum(q[1] for q in total), sum(q[2] for q in total)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
                   and not _names_other_harm(c))
    return out


def _names_other_harm(noun: Token) -> bool:
    """"14 citizens ... and thousands of the displaced people": a group described by a harm of
    its own is counted under that harm, not added to this one."""
    return any(t.i != noun.i and _harm_category(t) is not None for t in noun.subtree)


def _count_noun(noun: Token) -> Quantity | None:
    lower = noun.lower_
    if lower in NOBODY or (lower == "one" and _has_child(noun, NEGATIVE_DETERMINERS, {"det"})):
        return 0, 0, 0
    if _has_child(noun, NEGATIVE_DETERMINERS, {"det"}):
        return 0, 0, 0
    if _is_quantity_token(noun) and noun.pos_ in ("NUM", "NOUN", "ADJ", "PRON", "DET"):
        quantity = parse_quantity(_number_phrase(noun))
        if quantity is not None:
            return quantity
    number = _number_child(noun)
    if number is not None:
        return parse_quantity(_number_phrase(number))
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and _is_toll_number(head.head):
        return _toll_figure(head.head)  # "the number of people killed has risen to 19"
    if noun.dep_ == "pobj" and head.lower_ == "of" and _is_quantity_token(head.head):  # "tens of injuries"
        return parse_quantity(_number_phrase(head.head))
    if (noun.lemma_.lower() in HARM_NOUNS or noun.lower_ == "remains") and noun.lower_ not in HARM_ADJECTIVES:  # "the deaths of 3", "the bodies of two men"
        return _count_of_pobj(noun)
    if noun.pos_ == "PRON":
        return (1, 1, 1) if lower in ("he", "she", "him", "her") else None
    if noun.lower_ in HARM_ADJECTIVES:  # "the dead", "the wounded": a group of unknown size
        return None
    if noun.lemma_.lower() in GROUP_NOUNS:
        of_count = _count_of_pobj(noun)
        if of_count is not None:
            return of_count
    # a singular victim is one person ("a soldier", "the head of the council", "Commander X"),
    # unless the word names a group ("the police", "a convoy")
    if noun.tag_ in ("NN", "NNP") and noun.lemma_.lower() not in COLLECTIVE_NOUNS:
        return 1, 1, 1
    return None


def _toll_counting(word: Token) -> Token | None:
    """The toll noun that counts the group a harm word names: "the number of dead (of those
    killed) rose to 22", "more casualties raise their number to 10"."""
    group = word.head if word.dep_ in ("acl", "relcl") else word
    if group.dep_ == "pobj" and group.head.lower_ == "of" and _is_toll_number(group.head.head):
        return group.head.head
    if word.dep_ == "nsubj" and word.pos_ in ("NOUN", "PROPN"):
        return next((c for c in word.head.children if c.dep_ == "dobj" and (_is_toll_number(c) or c.lemma_ == "toll")),
                    None)
    return None


def _is_toll_number(token: Token) -> bool:
    """"the number of people killed" names a toll; "a number of people" is a vague quantity."""
    return token.lower_ == "number" and _has_child(token, {"the", "their", "its"}, {"det", "poss"})


def _count_of_pobj(noun: Token) -> Quantity | None:
    """"the bodies of two men", "the lives of 3 citizens"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return _count_people(objects)
    return None


def _number_phrase(number: Token) -> str:
    """The words of a quantity: the number with its qualifiers and range partner ("at least 14",
    "between 20 and 25", "some 300", "a dozen")."""
    if number.ent_type_ == "CARDINAL":
        ent = next((e for e in number.doc.ents if e.start <= number.i < e.end), None)
        if ent is not None and number.i == ent.root.i or ent is not None and len(ent) <= 6:
            return _with_left_article(ent)
    parts = [number]
    for child in number.children:
        if child.dep_ in ("advmod", "quantmod", "cc", "det") or (child.dep_ == "conj" and child.like_num):
            parts.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of" and number.lower_ in VAGUE:
            pass
    start = min(t.i for t in parts)
    end = max(t.i for t in parts) + 1
    return number.doc[start:end].text


def _with_left_article(ent: Span) -> str:
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in ("a", "an", "another") and ent[0].lower_ in ("dozen", "hundred",
                                                                                                  "thousand", "few"):
        return doc[ent.start - 1 : ent.end].text
    return ent.text


def _toll_figure(toll: Token) -> Quantity | None:
    """"the death toll rose to 22", "the toll stands at 22", "raising the toll to 120", "a toll of
    22", "Fatalities coded as 3"."""
    # "a toll of 22" counts its "of" phrase; "the number of people killed" only names who
    of_phrase = None if toll.lower_ == "number" else _count_of_pobj(toll)
    for quantity in (of_phrase, _number_child(toll) and parse_quantity(_number_phrase(_number_child(toll)))):
        if quantity:
            return quantity
    head = toll.head
    if head.dep_ == "prep" and head.lower_ == "of" and head.head.lemma_.lower() in TOLL_NOUNS:
        return _toll_figure(head.head)  # "the number of fatalities rose to 9"
    if head.i == toll.i:
        return None
    if head.lemma_.lower() == "split":  # "fatalities are split across 4 events (2)": this event's share
        shares = [t for t in head.subtree if t.like_num and t.dep_ == "appos" and t.nbor(-1).text == "("]
        return parse_quantity(shares[0].text) if shares else None
    for child in head.children:
        if child.i == toll.i:
            continue
        if child.dep_ == "prep" and child.lower_ in ("to", "at", "as"):
            for obj in child.children:
                if obj.dep_ == "pobj" and _is_quantity_token(obj):
                    return parse_quantity(_number_phrase(obj))
        if child.dep_ in ("dobj", "attr", "npadvmod", "oprd") and _is_quantity_token(child):
            return parse_quantity(_number_phrase(child))
    return None


def _unspecified(category: str, word: Token, victims: list[Token], mention: EventMention) -> Figure | None:
    """Deaths reported with no figure: ACLED's 10 for a large attack, 3 otherwise. Only for deaths,
    and only where the victims are plural or said to be an unknown number."""
    if category != "fatalities":
        return None
    plural = any(v.tag_ in ("NNS", "NNPS") or v.lower_ == "number" for v in victims)
    if not plural:
        return None
    size = UNKNOWN_LARGE if _is_large_attack(mention) else UNKNOWN_SMALL
    return Figure(category, size, size, size, word, vague_default=True)


def _is_large_attack(mention: EventMention) -> bool:
    if mention.mode and mention.mode.lower() in LARGE_ATTACK_MODES:
        return True
    sub_type = (mention.acled_sub_event_type or "").lower()
    if "air" in sub_type or "shelling" in sub_type or "suicide" in sub_type:
        return True
    return any(t.lower_ in LARGE_ATTACK_WORDS for t in mention.sentence)


# ---------------------------------------------------------------------------------------------
# From figures to a toll
# ---------------------------------------------------------------------------------------------


def _toll_from(figures: list[Figure]) -> Toll:
    toll = Toll()
    by_category: dict[str, list[Figure]] = {}
    for figure in figures:
        by_category.setdefault(figure.category, []).append(figure)
    casualties = by_category.pop("casualties", [])
    if casualties and all(f.best == 0 for f in casualties):  # "no casualties were reported"
        for category in ("fatalities", "injured"):
            by_category.setdefault(category, []).append(casualties[0])
    for category, found in by_category.items():
        best, low, high = _combine(found)
        if category == "fatalities":
            toll.fatalities = best
            if low != high:
                toll.fatalities_low, toll.fatalities_high = low, high
        else:
            setattr(toll, category, best)
    return toll


def _combine(figures: list[Figure]) -> Quantity:
    """Figures of one category: joined by "and" they add up ("3 soldiers were killed and 2
    civilians died"); otherwise they are alternative reports of the same harm ("14 according to the
    governor, 20 according to activists"): the lowest is best, low/high span them all."""
    stated = [f for f in figures if not f.vague_default] or figures[:1]
    groups: list[list[Figure]] = []
    for figure in sorted(stated, key=lambda f: f.word.i):
        for group in groups:
            if any(_coordinated(figure.word, other.word) for other in group):
                group.append(figure)
                break
        else:
            groups.append([figure])
    totals = [(sum(f.best for f in g), sum(f.low for f in g), sum(f.high for f in g)) for g in groups]
    return min(t[0] for t in totals), min(t[1] for t in totals), max(t[2] for t in totals)


def _coordinated(a: Token, b: Token) -> bool:
    if a.i == b.i:
        return True
    if any(c.i == b.i for c in a.conjuncts):
        return not _under_reporting(a) and not _under_reporting(b) or _reporting_verb(a) == _reporting_verb(b)
    return False


def _reporting_verb(token: Token) -> int | None:
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING_LEMMAS:
            return ancestor.i
    return None


def _under_reporting(token: Token) -> bool:
    return _reporting_verb(token) is not None
