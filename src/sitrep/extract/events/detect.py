"""Detection: candidates from triggers, filtered, refined, scored and turned into event mentions."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from sitrep.extract.events.filters import (
    drop_non_events,
    is_background,
    is_negated,
    lower_commentary,
    lower_embedded,
)
from sitrep.extract.events.incidental import drop_incidental
from sitrep.extract.events.lexicon import Family, Lexicon, load_lexicon
from sitrep.extract.events.matching import Candidate, match_sentence
from sitrep.extract.events.modality import clause_bounds, modality_of, tense_of
from sitrep.extract.events.parse import governing_verb, sentence_keys
from sitrep.extract.events.refine import refine_candidate
from sitrep.extract.events.verbal import (
    COOPERATIVE_FAMILIES,
    as_promise_or_threat,
    drop_requested,
    obligation_candidates,
)
from sitrep.extract.events.violence import align_casualties, fold, unique
from sitrep.extract.mention import EventMention, Modality

MODALITY_FACTOR = {"asserted": 1.0, "planned": 0.7, "hypothetical": 0.55}


def _score(cand: Candidate, family: Family, modality: Modality, sent: Span, sent_index: int) -> float:
    score = family.prior * (0.78 if cand.weak else 1.0) * cand.score_factor
    if cand.head.dep_ == "ROOT":
        score += 0.03
    if sent_index == 0:
        score += 0.02
    verb = governing_verb(cand.head)
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
    modality = modality_of(cand.head)
    acled_type, acled_sub = cand.family_override or (family.acled_type, family.acled_sub)
    clause_start, clause_end = clause_bounds(cand.head, sent)
    return EventMention(
        sentence=sent,
        trigger=sent.doc[cand.start : cand.end],
        event_type=cand.event_type or family.event_type,
        mode=cand.mode or family.mode,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        modality=modality,
        tense=tense_of(cand.head, modality),
        score=_score(cand, family, modality, sent, sent_index),
        clause_start=clause_start,
        clause_end=clause_end,
        cues=[*cand.cues, f"family:{cand.family}", f"modality:{modality}"],
    )


def _mentions_in_sentence(sent: Span, sent_index: int, lexicon: Lexicon) -> list[EventMention]:
    cands = []
    for cand in match_sentence(sent, lexicon):
        if is_background(cand.head):
            continue
        if is_negated(cand.head):
            if cand.family not in COOPERATIVE_FAMILIES:
                continue
            cand.family = "reject"  # "will not accept", "refused to meet": PLOVER REJECT
            cand.cues.append("negated-cooperation")
        cands.append(cand)
    cands += obligation_candidates(sent, {c.head.i for c in cands})
    keys = sentence_keys(sent)
    for cand in cands:
        refine_candidate(cand, sent, keys, cands)
        drop_non_events(cand, keys)
        drop_incidental(cand)
    drop_requested(cands)
    align_casualties(cands)
    cands = fold(unique(cands))
    lower_embedded(cands, lexicon)
    lower_commentary(cands, sent)
    mentions = [m for m in (_to_mention(c, sent, sent_index, lexicon) for c in cands) if m is not None]
    for mention in mentions:
        as_promise_or_threat(mention)
    return mentions


def _acts_on(coercion: EventMention, event: EventMention) -> bool:
    """"Police prevented the demonstration", "imposed a curfew after the riots": a coercion (with no
    ACLED type of its own) whose sentence is about it, the protest only its object or its occasion."""
    if coercion.sentence.start != event.sentence.start or coercion.acled_sub_event_type == "Arrests":
        return False  # arrests after a clash or a protest stay its follow-up
    if any(c.startswith("context:") for c in event.cues):
        return True
    return not coercion.acled_event_type and coercion.trigger.root.is_ancestor(event.trigger.root)


def _attach_to_protests(mentions: list[EventMention]) -> None:
    """Arrests and dispersals right after a protest or an attack are follow-ups, not the main event."""
    protests = [m for m in mentions if m.acled_event_type and m.acled_sub_event_type != "Arrests"]
    for mention in mentions:
        if mention.event_type != "COERCE":
            continue
        for protest in protests:
            if protest is mention or _acts_on(mention, protest):
                continue
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

