"""From an article to event records: every extractor in turn, then the in-article merge.

`extract_articles` is the batch entry point (one spaCy `pipe` over the batch); `extract_article`
handles one article. Both return records in the contract's shape (`EventRecord.to_dict()`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc

from sitrep.extract.actors import SPOKEN_TYPES, find_participants
from sitrep.extract.attribution import (
    ResponsibilityStatement,
    combine_certainty,
    find_attribution,
    find_responsibility_statements,
)
from sitrep.extract.counts import extract_toll
from sitrep.extract.dates import resolve_event_date
from sitrep.extract.events import find_event_mentions
from sitrep.extract.mention import EventMention
from sitrep.extract.places import article_focus, locate_event
from sitrep.nlp import load_pipeline
from sitrep.resolve.actors import ActorDictionary, Country, country_by_iso2, find_country
from sitrep.types import (
    Actor,
    Article,
    Attribution,
    EventDate,
    EventRecord,
    Evidence,
    Location,
    Toll,
)

EXTRACTOR_VERSION = "0.1"

# Noun triggers that, with a definite determiner, refer back to an event already reported.
ANAPHORIC_HEADS = {
    "attack", "assault", "bombing", "blast", "blasts", "explosion", "explosions", "strike", "strikes",
    "raid", "shelling", "ambush", "killing", "killings", "massacre", "incident", "violence", "clash",
    "clashes", "fighting", "abduction", "kidnapping", "offensive", "operation", "bombardment", "protest",
    "protests", "demonstration", "rally", "meeting", "talks", "attacks", "bombings", "airstrike", "airstrikes",
    "accusation", "accusations", "charge", "charges", "allegation", "allegations",
}
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
PRECISION_RANK = {"place": 4, "admin2": 3, "admin1": 2, "country": 1, "unknown": 0}
DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
VIOLENT_TYPES = {"ASSAULT", "COERCE"}


@dataclass
class DraftEvent:
    """An event being assembled from one or more mentions of the same article."""

    mentions: list[EventMention]
    date: EventDate
    location: Location | None
    actors: list[Actor]
    toll: Toll
    attribution: list[Attribution]
    attribution_certainty: str | None
    hedged: bool = False  # "reportedly", "suspected": the report itself is unconfirmed
    extra_cues: list[str] = field(default_factory=list)

    @property
    def head(self) -> EventMention:
        return self.mentions[0]

    @property
    def start_char(self) -> int:
        return self.head.sentence.start_char


def extract_articles(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[EventRecord]]]:
    """Extract every article of a batch, parsing them with one `nlp.pipe`."""
    nlp = load_pipeline()
    pairs = ((text_for_parsing(a.text), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, records_from_doc(article, doc)


def extract_article(article: Article, doc: Doc | None = None) -> list[EventRecord]:
    if doc is None:
        doc = load_pipeline()(text_for_parsing(article.text))
    return records_from_doc(article, doc)


def text_for_parsing(text: str) -> str:
    """The text the parser sees: the same length as `text`, so offsets stay honest.

    All-caps wire copy (as in MUC-4) parses badly; it is lowercased with sentence starts and
    the pronoun "I" capitalized, and line breaks inside a paragraph become spaces so that a
    hard-wrapped line does not start a sentence. Case and those breaks are the only changes.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.8:
        return text
    chars = list(text.lower())
    capitalize_next = True
    for i, ch in enumerate(chars):
        if ch.isalpha():
            if capitalize_next or (ch == "i" and _stands_alone(chars, i)):
                chars[i] = ch.upper()
            capitalize_next = False
        elif ch in ".!?":
            capitalize_next = True
        elif ch == "\n":
            paragraph_break = (i + 1 < len(chars) and chars[i + 1] == "\n") or (i > 0 and chars[i - 1] == "\n")
            capitalize_next = capitalize_next or paragraph_break
            if not paragraph_break:
                chars[i] = " "
    return "".join(chars)


def _stands_alone(chars: list[str], i: int) -> bool:
    before = chars[i - 1] if i > 0 else " "
    after = chars[i + 1] if i + 1 < len(chars) else " "
    return not before.isalpha() and not after.isalpha() and after != "."


def records_from_doc(article: Article, doc: Doc) -> list[EventRecord]:
    published = _parse_date(article.published)
    focus = article_focus(doc)
    drafts = [_draft(m, published, focus) for m in find_event_mentions(doc)]
    drafts = merge_in_article(drafts)
    _attach_statements(drafts, find_responsibility_statements(doc, focus))
    _leave_tolls_to_violent_events(drafts)
    records = [_finish(article, d) for d in drafts]
    records.sort(key=lambda r: r.evidence[0].start)
    return records


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _draft(mention: EventMention, published: date | None, focus: str | None) -> DraftEvent:
    attribution = find_attribution(mention, focus)
    return DraftEvent(
        mentions=[mention],
        date=resolve_event_date(mention, published),
        location=locate_event(mention, focus),
        actors=find_participants(mention, focus),
        toll=extract_toll(mention),
        attribution=list(attribution.attributions),
        attribution_certainty=attribution.certainty,
        hedged=bool(attribution.hedges),
    )


# -- the in-article merge ---------------------------------------------------------------------


def merge_in_article(drafts: list[DraftEvent]) -> list[DraftEvent]:
    """Merge mentions of one event: the same event twice in a sentence, a later definite
    reference ("the assault", "the blasts") to an event reported earlier, or a later sentence
    that only adds to its toll ("Three children were among the dead")."""
    merged: list[DraftEvent] = []
    for draft in sorted(drafts, key=lambda d: (d.start_char, d.head.trigger.start)):
        target = _merge_target(draft, merged, drafts)
        if target is None:
            merged.append(draft)
        else:
            _absorb(target, draft)
    return _join_continuations(merged)


def _join_continuations(drafts: list[DraftEvent]) -> list[DraftEvent]:
    """A second pass, once each sentence's mentions are grouped: a sentence that goes on telling
    the event before it joins that event."""
    joined: list[DraftEvent] = []
    for draft in drafts:
        target = _continued_event(draft, [d for d in joined if not _same_sentence(draft, d)])
        if target is None:
            joined.append(draft)
        else:
            _absorb(target, draft)
    return joined


def _merge_target(draft: DraftEvent, earlier: list[DraftEvent],
                  everything: list[DraftEvent] | None = None) -> DraftEvent | None:
    for other in reversed(earlier):
        # any mention of the event in this sentence, not only its first: "20 died and 40 were wounded"
        # after the bombing was told in the sentence before
        if any(_same_sentence_tokens(m, draft.head) and _compatible_types(draft.head, m)
               and _same_event_in_sentence(draft.head, m) for m in other.mentions) \
                and not _other_speakers(draft, other):
            return other
    for other in reversed(earlier):
        # A toll told beside a reference to an earlier event belongs to that event: "claimed
        # responsibility for the attack, saying its fighters had killed 20".
        if _is_casualty_word(draft.head) and any(
                not _is_casualty_word(m) and _same_sentence_tokens(m, draft.head) and _compatible_types(draft.head, m)
                and _same_event_in_sentence(draft.head, m) for m in other.mentions[1:]):
            return other
    for other in reversed(earlier):
        if _names_again_in_sentence(draft.head, other):
            return other
    candidates = [d for d in earlier if not _same_sentence(draft, d) and d.head.event_type == draft.head.event_type
                  and d.head.modality == "asserted" and _places_agree(draft, d)]
    if not candidates or _says_separate(draft.head):
        return None
    if _is_anaphoric(draft.head):
        fitting = [d for d in candidates if _anaphor_fits(draft.head, d.head) and not _other_performers(draft, d)]
        return _referent(draft, fitting)
    if _elaborates_toll(draft):
        target = _referent(draft, [d for d in candidates if d.head.event_type == "ASSAULT"])
        if target is None or _tells_another_time_or_place(draft, target) \
                or _names_another_event(draft, target, everything or []):
            return None
        return target
    return None


def _other_speakers(a: DraftEvent, b: DraftEvent) -> bool:
    """ "Turkey rejected the accusation, a charge the group denied": two parties' statements are
    two statements, however the sentence nests them."""
    if a.head.event_type not in SPOKEN_TYPES or b.head.event_type not in SPOKEN_TYPES:
        return False
    if not all(m.trigger.root.pos_ == "VERB" for m in (a.head, b.head)):
        return False  # "its investigation into an allegation by the LPC": a noun names what is talked about
    speakers_a = {x.name for x in a.actors if x.role == "actor" and x.named}
    speakers_b = {x.name for x in b.actors if x.role == "actor" and x.named}
    return bool(speakers_a and speakers_b) and not speakers_a & speakers_b


def _blamed_on_others_by(draft: DraftEvent, party: str) -> bool:
    """ "The Houthis blamed the coalition for the strike": a party does not claim what it blames
    on someone else."""
    return any(a.kind == "accused" and a.source == party and a.claim not in (None, party) for a in draft.attribution)


def _performers(draft: DraftEvent) -> set[str]:
    """Who the report says did it: its named actors and whoever claims it."""
    named = {a.name for a in draft.actors if a.role == "actor" and a.named and a.sector not in ("CVL", "UAF")}
    return named | {a.claim or a.source for a in draft.attribution if a.kind == "claimed"}


def _other_performers(a: DraftEvent, b: DraftEvent) -> bool:
    """ "Soldiers killed dozens of insurgents last week. Boko Haram said it had carried out the raid":
    an event done by one party is not the one another party claims."""
    pa, pb = _performers(a), _performers(b)
    return bool(pa and pb) and not pa & pb


def _names_another_event(draft: DraftEvent, target: DraftEvent, drafts: list[DraftEvent]) -> bool:
    """ "Four people were killed in the fighting" after a murder: the dead are the fighting's,
    which the sentence names, and the fighting is not the murder."""
    for other in drafts:
        mention = other.head
        if other is draft or not _same_sentence_tokens(mention, draft.head) or _is_casualty_word(mention):
            continue
        if _is_anaphoric(mention) and not _anaphor_fits(mention, target.head):
            return True
    return False


# Nouns that give an event's toll without reporting a new event: "the death toll could rise".
TOLL_NOUNS = {"death", "deaths", "toll", "dead", "casualties", "casualty"}
# Prepositions that place another event in time: "a day after the attack on the mosque".
TIME_PREPS = {"after", "before", "since", "following", "ahead", "prior", "until", "amid", "during"}


def _names_again_in_sentence(mention: EventMention, other: DraftEvent) -> bool:
    """A second trigger of a sentence that names again an event the sentence already reports: a
    definite reference ("killed in Monday's bombing ... blamed rival groups for the attack"), a
    description ("died in a shooting, which they described as an attack") or its toll ("the death
    toll could rise"), whatever its own modality."""
    before = [m for m in other.mentions if _same_sentence_tokens(m, mention) and m.event_type == mention.event_type
              and m.trigger.start < mention.trigger.start]
    if not before:
        return False
    root = mention.trigger.root
    if root.pos_ == "NOUN" and root.lower_ in TOLL_NOUNS and mention.event_type == "ASSAULT":
        return True
    if _is_description(mention) or (_is_anaphoric(mention) and not _points_elsewhere(mention)):
        return any(_anaphor_fits(mention, m) for m in before)
    return False


def _is_description(mention: EventMention) -> bool:
    """ "which they described as a separate attack", "what residents called a massacre"."""
    root = mention.trigger.root
    return root.pos_ == "NOUN" and root.dep_ == "pobj" and root.head.lower_ == "as" \
        and root.head.head.lemma_.lower() in DESCRIBING_VERBS


DESCRIBING_VERBS = {"describe", "call", "term", "label", "characterize", "characterise", "brand", "condemn",
                    "denounce", "see", "regard", "view", "treat", "classify"}


def _points_elsewhere(mention: EventMention) -> bool:
    """A definite reference with words of its own ("the attack on the mosque") or placed in time
    against the sentence's event ("after the attack") names another event."""
    root = mention.trigger.root
    if any(child.dep_ == "prep" for child in root.children):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in TIME_PREPS


def _tells_another_time_or_place(draft: DraftEvent, target: DraftEvent) -> bool:
    """Whether a sentence names a date or a place of its own that is not the target event's:
    "between 17 and 19 people died, said the director of the Manbij hospital" names the town of
    the bombing, which is no sign of another event."""
    sentence = draft.head.sentence.text
    own_date = bool(draft.date.text) and draft.date.text in sentence and not draft.date.from_publication_date \
        and not _is_finding_of_dead(draft.head)
    if own_date and (draft.date.start, draft.date.end) != (target.date.start, target.date.end):
        return True
    own_place = bool(draft.location and draft.location.text and draft.location.text in sentence)
    if own_place and target.location is not None and draft.location.name != target.location.name:  # type: ignore[union-attr]
        return True
    return own_place and target.location is None


# "The bodies were found yesterday": the day of the finding, not of the killing.
REMAINS_WORDS = frozenset({"body", "bodies", "corpse", "corpses", "remains"})
FINDING_VERBS = frozenset({"find", "discover", "recover", "retrieve", "pull", "unearth", "exhume", "locate"})


def _is_finding_of_dead(mention: EventMention) -> bool:
    """ "The bodies of six farmers were found in their fields yesterday": the date a sentence gives
    is when the dead were found, no sign of another event than the killing told before."""
    root = mention.trigger.root
    verb = root.head if root.dep_ in ("nsubjpass", "dobj") else root
    remains = [root] if verb is not root else [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    return verb.lemma_.lower() in FINDING_VERBS and any(
        r.lower_ in REMAINS_WORDS or r.lemma_.lower() in REMAINS_WORDS for r in remains)


def _continued_event(draft: DraftEvent, candidates: list[DraftEvent]) -> DraftEvent | None:
    """The sentence right after an event that tells more of it: the same way of attacking
    ("both attackers blew themselves up" after a suicide bombing), with no date or place of its own."""
    modes = {m.mode for m in draft.mentions} - {None}
    same_attackers = _names_the_attackers_again(draft)
    if not (modes or same_attackers) or draft.head.modality != "asserted":
        return None
    previous = [d for d in candidates if (same_attackers or modes & {m.mode for m in d.mentions})
                and d.head.modality == "asserted" and d.head.event_type == draft.head.event_type
                and draft.head.sentence.start - d.mentions[-1].sentence.end <= 1]
    if not previous or _tells_another_time_or_place(draft, previous[-1]):
        return None
    if any(_blamed_on_others_by(previous[-1], party) for party in _performers(draft)):
        return None  # "Hezbollah blamed Israel for the strike ... Hezbollah said it launched drones"
    return previous[-1]


def _names_the_attackers_again(draft: DraftEvent) -> bool:
    """ "The gunmen arrived on motorcycles, firing into the air": unnamed attackers named with a
    definite article are the ones of the event just told."""
    return draft.head.event_type == "ASSAULT" and any(
        a.role == "actor" and not a.named and (a.text or "").lower().startswith(("the ", "these ", "those "))
        for a in draft.actors)


def _referent(draft: DraftEvent, candidates: list[DraftEvent]) -> DraftEvent | None:
    """What a later reference points back to: the event of the sentence just before if there is
    one, else the article's most reported (then earliest) event, which is what news copy refers
    back to."""
    if not candidates:
        return None
    previous = max(candidates, key=lambda d: d.mentions[-1].sentence.start)
    if draft.head.sentence.start - previous.mentions[-1].sentence.end <= 1:
        return previous
    return max(candidates, key=lambda d: (len(d.mentions), -d.start_char))


SEPARATE_CUES = ("separate", "separately", "another", "meanwhile", "elsewhere", "earlier", "second attack")


def _says_separate(mention: EventMention) -> bool:
    """"In a separate incident", "Elsewhere", "another attack": a new event, not a reference."""
    opening = mention.sentence.text[:60].lower()
    return any(cue in opening for cue in SEPARATE_CUES)


GENERIC_ANAPHORS = {"attack", "attacks", "assault", "incident", "violence", "killing", "killings", "operation",
                    "massacre", "raid"}


EXPLOSIVE_SUB_TYPES = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Air/drone strike",
                      "Shelling/artillery/missile attack")
# Nouns that name the way of attacking, whatever type they were given alone: "the strike" is an air
# strike or a shelling told before, "the blast" any explosion.
ANAPHOR_SUB_TYPES = {
    "strike": ("Air/drone strike", "Shelling/artillery/missile attack"),
    "airstrike": ("Air/drone strike",),
    "bombing": EXPLOSIVE_SUB_TYPES, "blast": EXPLOSIVE_SUB_TYPES, "explosion": EXPLOSIVE_SUB_TYPES,
    "shelling": ("Shelling/artillery/missile attack",), "bombardment": ("Shelling/artillery/missile attack",
                                                                         "Air/drone strike"),
}


def _anaphor_fits(anaphor: EventMention, event: EventMention) -> bool:
    """"the attack" can name any assault; "the bombing" only an event typed like a bombing; one
    attack is none of "several bombings since last year"."""
    if anaphor.event_type != event.event_type:
        return False
    if _is_aggregate(event) and anaphor.trigger.root.tag_ != "NNS":
        return False
    if anaphor.trigger.root.lower_ in GENERIC_ANAPHORS:
        return True
    if event.acled_sub_event_type in ANAPHOR_SUB_TYPES.get(anaphor.trigger.root.lemma_.lower(), ()):
        return True  # "the strike" after warplanes struck, whatever type the noun got on its own
    return _compatible_types(anaphor, event) or anaphor.acled_event_type == event.acled_event_type


CASUALTY_WORDS = {"dead", "death", "deaths", "die", "died", "kill", "killed", "wound", "wounded", "injure",
                  "injured", "injury", "injuries", "toll", "casualty", "casualties", "body", "bodies", "victim",
                  "victims", "survivor", "survivors"}


AGGREGATE_WORDS = {"several", "many", "multiple", "numerous", "dozens", "hundreds", "scores", "series", "spate",
                   "wave", "string", "number"}


def _is_aggregate(mention: EventMention) -> bool:
    """ "several bombings", "a spate of attacks": many events told at once, not one to refer back to."""
    root = mention.trigger.root
    if root.tag_ != "NNS":
        return False
    if any(child.lower_ in AGGREGATE_WORDS for child in root.children):
        return True
    return root.head.lower_ == "of" and root.head.head.lower_ in AGGREGATE_WORDS


def _is_casualty_word(mention: EventMention) -> bool:
    root = mention.trigger.root
    return root.lower_ in CASUALTY_WORDS or root.lemma_.lower() in CASUALTY_WORDS


def _elaborates_toll(draft: DraftEvent) -> bool:
    """A sentence about the dead and wounded, with no perpetrator, place or date words of its own,
    adds to the event before it rather than reporting a new one."""
    head = draft.head
    if head.event_type != "ASSAULT" or head.trigger.root.lemma_.lower() not in CASUALTY_WORDS | {"kill", "die"}:
        if head.trigger.root.lower_ not in CASUALTY_WORDS and not _is_finding_of_dead(head):
            return False
    return not any(a.role == "actor" and a.named and a.sector != "CVL" for a in draft.actors)


def _compatible_types(a: EventMention, b: EventMention) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.acled_sub_event_type and b.acled_sub_event_type and a.acled_sub_event_type != b.acled_sub_event_type:
        # "killed ... in an air strike" may be typed Attack on the verb and Air/drone strike on the noun
        return a.acled_event_type == b.acled_event_type == "Explosions/Remote violence" or (
            {a.acled_sub_event_type, b.acled_sub_event_type} <= {"Attack", "Air/drone strike",
                                                                  "Shelling/artillery/missile attack",
                                                                  "Remote explosive/landmine/IED",
                                                                  "Suicide bomb", "Grenade", "Armed clash"}
            and _same_sentence_tokens(a, b)
        )
    if a.mode and b.mode and a.mode != b.mode and "abduct" in (a.mode, b.mode):
        return False
    return a.modality == b.modality


def _same_sentence_tokens(a: EventMention, b: EventMention) -> bool:
    return a.sentence.start == b.sentence.start


def _same_sentence(a: DraftEvent, b: DraftEvent) -> bool:
    return any(_same_sentence_tokens(m, n) for m in a.mentions for n in b.mentions)


def _same_event_in_sentence(a: EventMention, b: EventMention) -> bool:
    """Two triggers of one event in one sentence: the same words, one governing the other
    ("killed in an attack"), or one clause."""
    ta, tb = a.trigger.root, b.trigger.root
    if ta.i == tb.i or ta.is_ancestor(tb) or tb.is_ancestor(ta):
        return True
    # "Two car bombs killed 14 and wounded dozens": the bombs and the wounding share a verb
    if ta.head == tb.head or ta.head == tb or tb.head == ta:
        return True
    if {ta.lemma_.lower(), tb.lemma_.lower()} & CASUALTY_WORDS:
        return True
    return a.clause_start == b.clause_start and a.clause_end == b.clause_end


def _is_anaphoric(mention: EventMention) -> bool:
    root = mention.trigger.root
    if root.pos_ not in ("NOUN", "PROPN") or root.lower_ not in ANAPHORIC_HEADS:
        return False
    return any(child.lower_ in DEFINITE for child in root.children)


def _places_agree(a: DraftEvent, b: DraftEvent) -> bool:
    """Whether a later mention `a` may be of the event `b` by place: a place `a` only inherits from
    the sentences around it, or the place of talks "on the bombings", is no sign of another event."""
    la, lb = a.location, b.location
    if la is None or lb is None or la.precision != "place" or lb.precision != "place":
        return True
    if not (la.text and la.text in a.head.sentence.text) or _is_topic_of_talk(a.head) or _is_time_landmark(a.head):
        return True
    return la.name == lb.name


# Words whose "on / about / over X" is what is talked about, not where X happened.
TOPIC_HEADS = {"talk", "talks", "meeting", "discussion", "discussions", "statement", "investigation", "inquiry",
               "probe", "report", "comment", "comments", "question", "questions", "row", "dispute", "discuss",
               "investigate", "speak", "brief", "briefing", "remarks", "call", "consultations"}


def _is_time_landmark(mention: EventMention) -> bool:
    """ "1,200 people have fled to Maiduguri since the attack": the sentence's places are where
    the people went, not where the attack was."""
    root = mention.trigger.root
    return _is_anaphoric(mention) and root.dep_ == "pobj" and root.head.lower_ in TIME_PREPS


def _is_topic_of_talk(mention: EventMention) -> bool:
    """ "talks (with his counterpart) on the bombings": the parse may hang the "on" on any noun of
    the phrase, so the talk word is looked for up the chain of nouns and prepositions."""
    root = mention.trigger.root
    if not _is_anaphoric(mention) or root.dep_ != "pobj" or root.head.lower_ not in {"on", "about", "over", "into"}:
        return False
    word = root.head.head
    for _ in range(4):
        if word.lower_ in TOPIC_HEADS or word.lemma_.lower() in TOPIC_HEADS:
            return True
        if word.dep_ not in {"pobj", "prep"} or word.head is word:
            return False
        word = word.head
    return False


def _absorb(target: DraftEvent, other: DraftEvent) -> None:
    if not _same_sentence(target, other):
        # a later sentence about the event may name other people doing other things ("Soldiers
        # opened fire"): it fills only the roles the event has no one for
        filled = {a.role for a in target.actors}
        other.actors = [a for a in other.actors if a.role not in filled]
    target.mentions.extend(other.mentions)
    target.date = _better_date(target.date, other.date)
    target.location = _better_location(target.location, other.location,
                                       weak_a=_is_name_fragment(target.location, target.head.sentence))
    target.actors = _merge_actors(target.actors, other.actors)
    target.toll = _merge_toll(target.toll, other.toll)
    target.attribution = _merge_attribution(target.attribution, other.attribution)
    target.attribution_certainty = target.attribution_certainty or other.attribution_certainty
    target.hedged = target.hedged or other.hedged


def _better_date(a: EventDate, b: EventDate) -> EventDate:
    if a.from_publication_date and not b.from_publication_date:
        return b
    if not b.from_publication_date and DATE_RANK[b.precision] > DATE_RANK[a.precision]:
        return b
    return a


def _better_location(a: Location | None, b: Location | None, weak_a: bool = False) -> Location | None:
    if a is None:
        return b
    if b is None:
        return a
    if weak_a and PRECISION_RANK[b.precision] >= PRECISION_RANK[a.precision]:
        return b
    return b if PRECISION_RANK[b.precision] > PRECISION_RANK[a.precision] else a


def _is_name_fragment(location: Location | None, sentence) -> bool:
    """A place read from the first words of a longer name ("Colonia" of "in Colonia Moises Saenz",
    a neighbourhood) is a weak reading: another mention's place of the same precision wins."""
    if location is None or not location.text:
        return False
    start = sentence.text.find(location.text)
    if start < 0:
        return False
    span = sentence.doc.char_span(sentence.start_char + start, sentence.start_char + start + len(location.text),
                                  alignment_mode="expand")
    if span is None or span.end >= sentence.end:
        return False
    following = sentence.doc[span.end]
    return following.pos_ == "PROPN" and following.is_title


def _merge_actors(a: list[Actor], b: list[Actor]) -> list[Actor]:
    out = list(a)
    for actor in b:
        if any(x.role == actor.role and x.name == actor.name for x in out):
            continue
        out.append(actor)
    # a named perpetrator replaces an unnamed placeholder in the same role
    for role in ("actor", "recipient"):
        if any(x.role == role and x.named for x in out):
            out = [x for x in out if x.role != role or x.named or x.sector == "CVL"]
    return out


TOLL_FIELDS = ("injured", "kidnapped", "missing", "displaced")


def _merge_toll(a: Toll, b: Toll) -> Toll:
    """Within one article the first figure given is the best; low and high span every figure."""
    figures = [x for t in (a, b) for x in (t.fatalities, t.fatalities_low, t.fatalities_high) if x is not None]
    merged = Toll(
        fatalities=a.fatalities if a.fatalities is not None else b.fatalities,
        fatalities_low=min(figures) if figures else None,
        fatalities_high=max(figures) if figures else None,
    )
    if merged.fatalities_low == merged.fatalities_high == merged.fatalities:
        merged.fatalities_low = a.fatalities_low if a.fatalities_low is not None else b.fatalities_low
        merged.fatalities_high = a.fatalities_high if a.fatalities_high is not None else b.fatalities_high
    for name in TOLL_FIELDS:
        va, vb = getattr(a, name), getattr(b, name)
        setattr(merged, name, va if va is not None else vb)
    return merged


def _merge_attribution(a: list[Attribution], b: list[Attribution]) -> list[Attribution]:
    out = list(a)
    seen = {(x.source, x.kind, x.claim) for x in out}
    for item in b:
        if (item.source, item.kind, item.claim) not in seen:
            out.append(item)
            seen.add((item.source, item.kind, item.claim))
    return out


def _leave_tolls_to_violent_events(drafts: list[DraftEvent]) -> None:
    """"Two car bombs killed 14, the council said, blaming Islamic State": the 14 are the bombing's
    dead; the accusation told in the same sentence has no toll of its own."""
    violent_sentences = {m.sentence.start for d in drafts if d.head.event_type in VIOLENT_TYPES for m in d.mentions}
    for draft in drafts:
        if draft.head.event_type not in TOLL_KEEPING_TYPES and draft.head.sentence.start in violent_sentences:
            draft.toll = Toll()


# Types whose perpetrator can be claimed, blamed or denied: claims and denials make them certain or not.
RESPONSIBILITY_TYPES = VIOLENT_TYPES | {"PROTEST"}
# Types whose records carry a toll: violence, and protests (where people are hurt or arrested).
TOLL_KEEPING_TYPES = VIOLENT_TYPES | {"PROTEST"}


# -- responsibility claims, accusations and denials in other sentences ---------------------


def _attach_statements(drafts: list[DraftEvent], statements: list[ResponsibilityStatement]) -> None:
    for statement in statements:
        target = _statement_target(drafts, statement)
        if target is None:
            continue
        attribution = Attribution(source=statement.source, kind=statement.kind, claim=statement.claim,
                                  text=statement.text)
        target.attribution = _merge_attribution(target.attribution, [attribution])
        target.extra_cues.append(f"{statement.kind} by {statement.source}")


def _statement_target(drafts: list[DraftEvent], statement: ResponsibilityStatement) -> DraftEvent | None:
    """The nearest violent event reported before the statement (or in the same sentence)."""
    position = statement.sentence.start_char
    violent = [d for d in drafts if d.head.event_type in VIOLENT_TYPES]
    anything_before = any(d.start_char <= position for d in violent)
    if statement.kind == "claimed":
        # a party claims what nobody named did, or what it is said to have done itself
        claimant = statement.claim or statement.source
        violent = [d for d in violent if (not (_performers(d) - {claimant}) or claimant in _performers(d))
                   and not _blamed_on_others_by(d, claimant)]
    told_before = [d for d in violent if d.start_char <= position]
    if not told_before:
        # a statement before any event is about the first one told after it; one whose events
        # before it are all someone else's is about an event the report does not tell
        return min(violent, key=lambda d: d.start_char) if violent and not anything_before else None
    # the event last spoken of, not the last one first reported: "a separate shooting ... Talks on
    # the bombings ... Both groups denied involvement" is about the bombing
    return max(told_before, key=lambda d: max(m.sentence.start_char for m in d.mentions
                                              if m.sentence.start_char <= position))


# -- final records ----------------------------------------------------------------------------


def _finish(article: Article, draft: DraftEvent) -> EventRecord:
    head = draft.head
    actors = acled_actor_conventions(_with_claimed_perpetrator(draft), head, _event_country(draft))
    performers = [a.name for a in actors if a.role == "actor"]
    if head.event_type in RESPONSIBILITY_TYPES:
        certainty = combine_certainty(draft.attribution, head.modality, hedged=draft.hedged, performers=performers)
        if draft.attribution_certainty and certainty == "asserted":
            certainty = draft.attribution_certainty
    else:
        # Whether a statement was made, not whether what it says is true: "X accused Y, which Y
        # denied" is a certain accusation; claims and denials of the attack do not bear on it.
        said = [a for a in draft.attribution if a.kind not in ("claimed", "accused", "denied")]
        certainty = combine_certainty(said, head.modality, hedged=draft.hedged, performers=performers)
    evidence = _evidence(draft)
    return EventRecord(
        event_id=event_id(article.id, head),
        article_id=article.id,
        article=article.meta(),
        event_type=head.event_type,
        mode=head.mode or next((m.mode for m in draft.mentions if m.mode), None),
        acled_event_type=head.acled_event_type,
        acled_sub_event_type=head.acled_sub_event_type,
        date=draft.date,
        location=draft.location,
        actors=actors,
        toll=draft.toll,
        attribution=draft.attribution,
        certainty=certainty,
        evidence=evidence,
        confidence=confidence(draft, certainty),
    )


def _with_claimed_perpetrator(draft: DraftEvent) -> list[Actor]:
    """A perpetrator that claims an event unnamed in the report becomes its actor (ACLED does the same)."""
    actors = list(draft.actors)
    if any(a.role == "actor" and a.named for a in actors):
        return actors
    claims = {a.claim or a.source for a in draft.attribution if a.kind == "claimed"}
    if len(claims) != 1:
        return actors
    name = claims.pop()
    entry = _lookup_actor(name)
    actors = [a for a in actors if not (a.role == "actor" and not a.named)]
    actors.insert(0, Actor(role="actor", name=entry[0] if entry else name, text=name,
                           country=entry[1] if entry else None, sector=entry[2] if entry else None))
    return actors


def _event_country(draft: DraftEvent) -> str | None:
    return draft.location.country_code if draft.location and draft.location.country_code else None


PROTEST_CROWD_NAMES = {"Protests": "Protesters", "Riots": "Rioters"}


def acled_actor_conventions(actors: list[Actor], head: EventMention, iso2: str | None) -> list[Actor]:
    """ACLED's naming: whoever protests is "Protesters (Country)" and whoever riots "Rioters
    (Country)" (an organizing group stays beside them); violence by nobody named is
    "Unidentified Armed Group (Country)", an unnamed perpetrator all the same."""
    country = country_by_iso2(iso2)
    if country is None:
        return actors
    actors = [_in_event_country(a, country) for a in actors]
    crowd = PROTEST_CROWD_NAMES.get(head.acled_event_type or "")
    if head.acled_sub_event_type == "Mob violence":
        crowd = "Rioters"
    performers = [a for a in actors if a.role == "actor"]
    if crowd:
        words = next((a.text for a in performers if not a.named or a.sector in ("CVL", "OPP")), None)
        keep = [a for a in actors if not (a.role == "actor" and (a.sector in ("CVL", "OPP", "UAF") or not a.named))]
        crowd_actor = Actor(role="actor", name=f"{crowd} ({country.name})", text=words, country=country.iso3,
                            sector="OPP" if crowd == "Protesters" else "CVL", named=True)
        return [crowd_actor, *keep]
    if head.event_type == "ASSAULT" and not performers and head.acled_event_type:
        unnamed = Actor(role="actor", name=f"Unidentified Armed Group ({country.name})", text=None,
                        country=country.iso3, sector="UAF", named=False)
        return [unnamed, *actors]
    return actors


COLLECTIVE_NAMES = ("Civilians", "Protesters", "Rioters", "Unidentified Armed Group")


def _in_event_country(actor: Actor, country: Country) -> Actor:
    """ACLED names unnamed civilians, crowds and armed groups by the country where the event
    happened ("Civilians (Syria)" for a bombing in Manbij, whatever country the article is about),
    unless the words themselves name a country ("Turkish truck drivers")."""
    kind = next((k for k in COLLECTIVE_NAMES if actor.name.startswith(f"{k} (")), None)
    if kind is None or actor.country == country.iso3 or (actor.text and find_country(actor.text)):
        return actor
    return replace(actor, name=f"{kind} ({country.name})", country=country.iso3)


def _lookup_actor(text: str) -> tuple[str, str | None, str | None] | None:
    entry = ActorDictionary.default().lookup(text)
    return (entry.name, entry.country, entry.sector) if entry else None


def _evidence(draft: DraftEvent) -> list[Evidence]:
    seen: set[int] = set()
    out: list[Evidence] = []
    for mention in sorted(draft.mentions, key=lambda m: m.sentence.start_char):
        sent = mention.sentence
        if sent.start_char in seen:
            continue
        seen.add(sent.start_char)
        # the sentence as it stands in the cleaned text (the doc shares its offsets), without
        # the blank lines that may trail it
        text = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        out.append(Evidence(text=text, start=start, end=start + len(text)))
    return out


def event_id(article_id: str, head: EventMention) -> str:
    """Stable: the same article, trigger position and extractor version give the same id."""
    key = f"{EXTRACTOR_VERSION}|{article_id}|{head.trigger.start_char}|{head.event_type}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def confidence(draft: DraftEvent, certainty: str) -> float:
    """The detector's score, raised by corroborating detail and repetition, lowered for events
    that did not (yet) happen. Sorting by it puts well-supported, real events first."""
    score = max(m.score for m in draft.mentions)
    support = 0.0
    support += 0.25 if any(a.role == "actor" for a in draft.actors) else 0.0
    support += 0.25 if draft.location and draft.location.precision != "unknown" else 0.0
    support += 0.2 if not draft.date.from_publication_date else 0.0
    support += 0.15 if draft.toll.fatalities or draft.toll.injured or draft.toll.kidnapped else 0.0
    support += 0.15 if draft.attribution else 0.0
    value = 0.65 * score + 0.25 * support + (0.1 if len(draft.mentions) > 1 else 0.0)
    if certainty in ("hypothetical", "planned"):
        value *= 0.7
    elif certainty in ("denied", "disputed", "alleged"):
        value *= 0.9
    return max(0.0, min(1.0, value))
