"""According to whom, and how certain: the sources of an event and what each says about it.

Works on the spaCy dependency parse of one sentence at a time. Each sentence yields
*statements*: a predicate ("said", "according to", "claimed responsibility", "blamed",
"denied") with its source, its kind and, for claims, accusations and denials, the perpetrator it
names. `find_attribution` keeps the statements of the mention's own sentence that govern its
trigger; `find_responsibility_statements` lists the claims, accusations and denials of every
sentence, for the glue to attach to events reported elsewhere in the article.

    >>> result = find_attribution(mention)  # "... a car bomb killed five, the governor said"
    >>> [(a.source, a.kind) for a in result.attributions]
    [('Governor', 'reported')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from sitrep.extract.mention import EventMention
from sitrep.resolve.actors import ActorDictionary
from sitrep.types import Attribution, AttributionKind, Certainty

# --- lexicons -------------------------------------------------------------------------------------

# Verbs of saying: their subject reports what their complement clause says.
REPORT_VERBS = frozenset({
    "say", "report", "tell", "announce", "state", "confirm", "add", "note", "write", "tweet", "post",
    "declare", "explain", "describe", "indicate", "disclose", "reveal", "publish", "broadcast",
    "affirm", "insist", "stress", "maintain", "testify", "recount", "recall", "allege", "claim",
    "quote", "cite", "document", "record", "admit", "acknowledge", "boast", "confess",
})
# Saying verbs that by themselves make what they report an unconfirmed allegation.
ALLEGING_VERBS = frozenset({"allege"})
CLAIM_NOUNS = frozenset({"responsibility", "credit"})
CLAIM_VERBS = frozenset({"claim", "take", "assume", "accept", "admit", "acknowledge"})
# Saying verbs whose speaker, telling of its own deed, claims it: "the FMLN claims it seized ...".
CLAIMING_SAY_VERBS = frozenset({"claim", "admit", "acknowledge", "boast", "confess"})
STATIVE_VERBS = frozenset({
    "have", "be", "know", "represent", "own", "possess", "need", "want", "include", "consist", "enjoy",
    "hold", "control", "remain", "seem", "believe", "think", "support", "oppose", "exist",
})
# Verbs that name, judge or talk about an event rather than do it: "they described it as an
# attack", "it had discussed the attack with Cameroon".
DESCRIBING_VERBS = frozenset({
    "describe", "call", "term", "label", "characterize", "characterise", "brand", "consider", "regard",
    "view", "see", "condemn", "denounce", "deplore", "discuss", "investigate", "examine", "debate", "raise",
    "mention", "review", "address",
})
# What one admits to: "the soldiers admitted their role".
ADMITTED_OBJECTS = frozenset({"role", "participation", "involvement", "part", "guilt"})
ACCUSE_VERBS = frozenset({"blame", "accuse", "hold", "attribute", "suspect"})
# The source of a passive accusation that names no accuser: "the FMLN is being held responsible".
UNNAMED_SOURCE = "Unnamed source"
DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "rebuff", "disavow"})
# What a denial denies: "denied any role", "rejected the accusations".
DENIAL_OBJECTS = frozenset({
    "role", "involvement", "responsibility", "part", "link", "links", "charge", "accusation",
    "allegation", "claim", "report", "participation", "connection", "hand", "knowledge", "blame",
})
# Denied objects that are someone else's word ("dismissed the claim"), not an accusation of the denier.
OTHERS_STATEMENTS = frozenset({"claim", "report"})
# "carried out the attack", "was behind the bombing": the subject is the perpetrator.
PERPETRATE_VERBS = frozenset({
    "conduct", "perpetrate", "stage", "launch", "mount", "orchestrate", "commit", "mastermind",
    "organize", "organise", "plan",
})
# Nouns that name a violent event, for "claimed the attack" and for what a statement refers to.
EVENT_NOUNS = frozenset({
    "attack", "bombing", "blast", "explosion", "assault", "strike", "airstrike", "raid", "ambush",
    "shelling", "killing", "massacre", "kidnapping", "abduction", "shooting", "operation",
    "incident", "offensive", "attempt", "assassination", "execution", "beheading", "rocket",
    "missile", "bomb", "violence", "clash", "fighting", "destruction", "downing", "hijacking",
    "murder", "crime", "death", "act", "action", "sabotage", "arson", "attacks", "siege",
    "capture", "seizure", "burning", "looting", "rape", "torture", "disappearance", "kidnap", "detonation",
})
# Heads that speak for someone else: "the army's spokesman said" is the army speaking.
SPOKES_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "representative",
    "statement", "communique", "communiqué", "declaration", "message", "post", "video", "tweet",
    "announcement", "mouthpiece", "leaflet", "pamphlet", "letter", "note", "flyer", "call",
})
# Heads that are not the possessor: "Ankara's allies" are not Ankara.
RELATION_NOUNS = frozenset({"ally", "proxy", "backer", "affiliate", "supporter", "enemy", "rival"})
HEDGE_ADVERBS = frozenset({
    "allegedly", "reportedly", "purportedly", "supposedly", "apparently", "reputedly", "presumably",
})
HEDGE_ADJECTIVES = frozenset({"suspected", "alleged", "purported", "presumed", "unconfirmed", "apparent"})
# Sources whose hedge covers everything they report: "according to unconfirmed reports".
HEDGED_SOURCES = frozenset({"report", "account", "claim", "information", "rumour", "rumor"})
# "is believed to have", "were said to have": passive verbs of belief over an xcomp.
HEDGE_PASSIVES = frozenset({"believe", "think", "say", "suspect", "allege", "report", "understand"})
# Heads of phrases that name someone who can carry out an attack (for accusations without a name).
ACTOR_NOUNS = frozenset({
    "guerrilla", "rebel", "militant", "terrorist", "troop", "soldier", "force", "army", "military",
    "police", "policeman", "gunman", "group", "militia", "militiaman", "insurgent", "fighter", "squad",
    "cartel", "trafficker", "jihadist", "extremist", "faction", "government", "regime", "administration",
    "state", "man", "men", "member", "unit", "commando", "battalion", "brigade", "agent",
    "service", "movement", "front", "organization", "organisation", "party", "supporter", "loyalist",
    "separatist", "bandit", "criminal", "gang", "assailant", "attacker", "bomber", "sniper", "jet",
    "warplane", "aircraft", "drone", "helicopter", "navy", "coalition", "ally", "proxy", "leader",
    "commander", "officer", "official", "minister", "president", "subversive", "paramilitary", "mercenary",
    "network", "wing", "cell", "elements", "element", "people", "person", "individual", "neighbour",
})
# Heads that name one person: "it" cannot stand for them.
PERSON_NOUNS = frozenset({
    "spokesman", "spokeswoman", "official", "minister", "governor", "commander", "president",
    "leader", "man", "woman", "officer", "chief", "general", "mayor", "witness", "resident",
    "director", "head", "prosecutor", "judge", "source", "activist", "doctor", "journalist",
})
SELF_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "its", "their", "our", "his", "her"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
NOBODY = frozenset({"nobody", "none", "no one", "noone"})
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "«", "»"})
# Determiners that point back at an event already reported: "the attack", "this bombing".
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Dependents that describe a source rather than name it: "X, who ...", "X, head of Y,".
SOURCE_DROP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "prep"})
SOURCE_KEEP_PREPS = frozenset({"of", "in"})
# Prepositions that say which event is meant: "the attack on the checkpoint", "the bombing in Afrin".
EVENT_PREPS = frozenset({"on", "in", "against", "near", "at", "of"})


# --- results --------------------------------------------------------------------------------------


@dataclass
class AttributionResult:
    attributions: list[Attribution]
    certainty: Certainty | None  # None means "asserted unless the mention's modality says otherwise"
    # Hedge words that govern the event ("reportedly", "suspected"): keep them when certainty is
    # recombined with statements from other sentences: combine_certainty(..., hedged=True).
    hedges: list[str] = field(default_factory=list)


@dataclass
class ResponsibilityStatement:
    source: str
    kind: AttributionKind  # "claimed", "accused" or "denied"
    claim: str | None  # the perpetrator asserted (for a denial: the party that denies being it; None when
    # it dismisses another party's claim or report)
    sentence: Span
    refers_to: str | None  # the event words referred to: "the bombing", "the attack"
    text: str

    def to_attribution(self) -> Attribution:
        return Attribution(source=self.source, kind=self.kind, claim=self.claim, text=self.text)


@dataclass
class _Statement:
    """One attribution predicate of a sentence, before it is matched to an event."""

    kind: AttributionKind
    source: str
    claim: str | None
    predicate: Token  # "said", "according", "claimed", "blamed", "denied"
    text: str
    refers_to: Span | None = None
    complement: Token | None = None  # the clause a saying verb reports, when it has one
    speaker: Token | None = None  # the word for the source, for "it", "they", "we" in its clause

    def attribution(self, kind: AttributionKind | None = None) -> Attribution:
        return Attribution(source=self.source, kind=kind or self.kind, claim=self.claim, text=self.text)


# --- public API -----------------------------------------------------------------------------------


def find_attribution(mention: EventMention, focus_country: str | None = None) -> AttributionResult:
    """Who reports, claims, blames or denies the mention's event, in the mention's own sentence,
    and how certain the sentence makes it (hedges, disputes, denials; not modality)."""
    sentence = mention.sentence
    trigger_tokens = set(range(mention.trigger.start, mention.trigger.end))
    anchor = mention.trigger.root
    spine = _ancestors_or_self(anchor)
    quotes = _quote_regions(sentence)
    attributions: list[Attribution] = []
    for statement in _sentence_statements(sentence, focus_country):
        if statement.predicate.i in trigger_tokens or not _governs(statement, anchor, spine):
            continue
        kind = statement.kind
        if kind == "reported" and _quoted(anchor.i, statement.predicate.i, quotes):
            kind = "quoted"
        attributions.append(statement.attribution(kind))
        if statement.kind == "reported":
            attributions.extend(_self_claim(statement, anchor))
    attributions = _unique(attributions)
    hedges = _hedges(sentence, spine)
    certainty = combine_certainty(attributions, "asserted", hedged=bool(hedges))
    return AttributionResult(attributions, None if certainty == "asserted" else certainty, hedges)


def find_responsibility_statements(doc: Doc, focus_country: str | None = None) -> list[ResponsibilityStatement]:
    """Every claim of responsibility, accusation and denial in the document, sentence by sentence.

    Sentences that also hold an event mention are included: `find_attribution` already covers
    them for that mention, so the glue should skip statements whose `sentence` is the mention's.
    """
    statements: list[ResponsibilityStatement] = []
    for sentence in doc.sents:
        for statement in _sentence_statements(sentence, focus_country):
            if statement.kind not in ("claimed", "accused", "denied"):
                continue
            refers = statement.refers_to
            statements.append(ResponsibilityStatement(
                source=statement.source,
                kind=statement.kind,
                claim=statement.claim,
                sentence=sentence,
                refers_to=_phrase_text(refers) if refers is not None else None,
                text=statement.text,
            ))
    return statements


def combine_certainty(attributions: Iterable[Attribution], modality: str, hedged: bool = False,
                      performers: Iterable[str] | None = None) -> Certainty:
    """One certainty from everything said about an event.

    planned / hypothetical (from the mention's modality) win; "denied" when the only party named
    as perpetrator denies and nobody asserts it; "disputed" when sources name different
    perpetrators, or a claim meets another party's denial; "alleged" for accusations and hedges
    that nobody confirms; else "asserted". `performers` are the actor names the report gives the
    event: when given, a denial by none of them ("IS and the YPG denied involvement" in a bombing
    by unknown men) denies a part in the event, not the event.
    """
    if modality in ("planned", "hypothetical"):
        return modality  # type: ignore[return-value]
    attributions = list(attributions)
    asserting = [a for a in attributions if a.kind in ("claimed", "accused") and a.claim]
    denials = [a for a in attributions if a.kind == "denied"]
    perpetrators = {_key(a.claim) for a in asserting}
    if not asserting:
        if denials and _denied_by_a_performer(denials, performers):
            return "denied"
        return "alleged" if hedged else "asserted"
    if len(perpetrators) > 1:
        return "disputed"
    asserting_sources = {_key(a.source) for a in asserting}
    if any(_key(d.source) not in asserting_sources for d in denials):
        return "disputed"
    # A perpetrator's own claim confirms an accusation of it; an accusation alone does not.
    if any(a.kind == "claimed" for a in asserting):
        return "asserted"
    return "alleged"


def _denied_by_a_performer(denials: list[Attribution], performers: Iterable[str] | None) -> bool:
    if performers is None:
        return True
    names = {_key(p) for p in performers}
    return not names or any(_key(d.source) in names or _key(d.claim) in names for d in denials)


# --- statements of one sentence -------------------------------------------------------------------


def _sentence_statements(sentence: Span, focus_country: str | None) -> list[_Statement]:
    statements: list[_Statement] = []
    for token in sentence:
        statements.extend(_statements_at(token, focus_country))
    return statements


def _statements_at(token: Token, focus: str | None) -> Iterator[_Statement]:
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower == "according":
        yield from _according_to(token, focus)
        return
    if token.pos_ not in ("VERB", "AUX"):
        return
    if lemma == "cite" and token.tag_ == "VBG":
        yield from _citing(token, focus)
        return
    if _negated(token):
        return
    if lemma in CLAIM_VERBS and (claim := _claim_of_responsibility(token, focus)) is not None:
        yield claim
        return
    if lemma in ACCUSE_VERBS:
        yield from _accusations(token, focus)
        return
    if lemma in DENY_VERBS:
        yield from _denials(token, focus)
        return
    if lemma in REPORT_VERBS:
        yield from _reports(token, focus)


def _according_to(token: Token, focus: str | None) -> Iterator[_Statement]:
    prep = next((c for c in token.children if c.lower_ == "to"), None)
    objects = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
    for source_head in _with_conjuncts(objects):
        source = _source_name(source_head, focus)
        if source:
            yield _Statement("reported", source, None, token, _span_text(token, source_head.subtree))


def _citing(token: Token, focus: str | None) -> Iterator[_Statement]:
    for source_head in _with_conjuncts(c for c in token.children if c.dep_ == "dobj"):
        source = _source_name(source_head, focus)
        if source:
            yield _Statement("reported", source, None, token, _span_text(token, source_head.subtree))


def _reports(verb: Token, focus: str | None) -> Iterator[_Statement]:
    """"X said ...", "said X", "X told reporters", "X reported", "X said it carried out ...",
    "X said Y was behind ...", "X said it was not involved"."""
    heads = _source_heads(verb)
    complement = _complement(verb)
    for source_head in heads:
        source = _source_name(source_head, focus)
        if not source:
            continue
        text = _span_text(verb, _trimmed_subtree(source_head))
        yield _Statement("reported", source, None, verb, text, complement=complement, speaker=source_head)
        if complement is not None:
            yield from _reported_responsibility(verb, complement, source, source_head, focus)


def _reported_responsibility(
    verb: Token, clause: Token, source: str, source_head: Token, focus: str | None
) -> Iterator[_Statement]:
    """What a saying verb's clause says about who did it."""
    for predicate in _with_conjuncts([clause]):
        perpetrator, event = _perpetration(predicate)
        if perpetrator is None and verb.lemma_.lower() in CLAIMING_SAY_VERBS:
            # "the guerrillas claim (that) they destroyed six towers", "claim to have destroyed"
            perpetrator = _direct_subject(predicate) or (source_head if predicate.dep_ == "xcomp" else None)
            event = _child(predicate, "dobj")
            if perpetrator is None or predicate.lemma_.lower() in STATIVE_VERBS or not (
                    perpetrator == source_head or _is_self_reference(perpetrator, source_head)):
                continue  # "claims to have 200,000 members" is not a deed
            if not _negated(predicate):
                text = _span_text(verb, _trimmed_subtree(source_head), _clause_tokens(predicate))
                deed = predicate.doc[predicate.i : max(t.i for t in event.subtree) + 1] if event else None
                yield _Statement("claimed", source, source, predicate, text, refers_to=deed)
                continue
        if perpetrator is None:
            continue
        text = _span_text(verb, _trimmed_subtree(source_head), _clause_tokens(predicate))
        refers = _event_span(event)
        if _is_self_reference(perpetrator, source_head):
            kind: AttributionKind = "denied" if _negated(predicate) or _denies_a_part(predicate) else "claimed"
            yield _Statement(kind, source, source, predicate, text, refers_to=refers)
        elif not _negated(predicate) and _names_the_culprit(predicate, event):
            claim = _source_name(perpetrator, focus)
            if claim and _key(claim) != _key(source) and _names_an_actor(perpetrator, claim, focus):
                yield _Statement("accused", source, claim, predicate, text, refers_to=refers)


def _names_the_culprit(predicate: Token, event: Token | None) -> bool:
    """"Y was behind the attack" always names a culprit; "Y carried out the attack" does when it
    points back at a known event ("the attack"), while "US forces carried out a strike" is a
    plain report of a new one."""
    if predicate.lemma_.lower() == "be":
        return True
    if event is None:
        return False
    return any(c.lower_ in DEFINITE for c in event.children)


def _denies_a_part(predicate: Token) -> bool:
    """"it had no role in", "it had nothing to do with"."""
    obj = _child(predicate, "dobj")
    return obj is not None and (obj.lemma_.lower() == "nothing" or _has_no(obj))


def _perpetration(predicate: Token) -> tuple[Token | None, Token | None]:
    """(perpetrator, event) when the clause says who did it: "Y carried out the attack", "Y was
    behind the bombing", "Y was responsible for it", "it was (not) involved", "it had no role"."""
    lemma = predicate.lemma_.lower()
    subject = _direct_subject(predicate)
    obj = _child(predicate, "dobj")
    if subject is None:
        return None, None
    carried_out = lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in predicate.children)
    if (carried_out or lemma in PERPETRATE_VERBS) and subject.dep_ == "nsubjpass":
        agent = _child(predicate, "agent")  # "the strike was carried out by unidentified jets"
        return (_child(agent, "pobj"), subject) if agent is not None else (None, None)
    if carried_out or (lemma in PERPETRATE_VERBS and obj is not None):
        return subject, obj
    if lemma == "be":
        behind = next((c for c in predicate.children if c.lower_ == "behind"), None)
        if behind is not None:
            return subject, _child(behind, "pobj")
        responsible = next((c for c in predicate.children if c.lower_ == "responsible"), None)
        if responsible is not None:
            return subject, _pobj_of(responsible, "for")
    if lemma == "involve" and subject.dep_ == "nsubjpass":
        return subject, _pobj_of(predicate, "in")
    if lemma == "have" and obj is not None and obj.lemma_.lower() in ("role", "hand", "part", "nothing"):
        if obj.lemma_.lower() == "nothing" or _has_no(obj):
            return _negative_subject(subject), _pobj_of(obj, "in")
    return None, None


def _claim_of_responsibility(verb: Token, focus: str | None) -> _Statement | None:
    """"X claimed responsibility for Z", "X took responsibility", "X claimed the attack",
    "the attack was claimed by X"."""
    obj = _child(verb, "dobj")
    lemma = verb.lemma_.lower()
    if obj is not None and lemma in ("admit", "acknowledge") and obj.lemma_.lower() in ADMITTED_OBJECTS:
        refers = _pobj_of(obj, "in") or _pobj_of(verb, "in")
    elif obj is not None and obj.lemma_.lower() in CLAIM_NOUNS:
        refers = _pobj_of(obj, "for") or _pobj_of(verb, "for")
        if refers is not None and refers.lemma_.lower() not in EVENT_NOUNS:
            return None  # "assume responsibility for the costs"
    elif lemma == "claim" and obj is not None and obj.lemma_.lower() in EVENT_NOUNS:
        refers = obj
    elif lemma == "claim" and verb.tag_ == "VBN" and _child(verb, "nsubjpass") is not None:
        agent = _child(verb, "agent")
        source_head = _child(agent, "pobj") if agent is not None else None
        source = _source_name(source_head, focus) if source_head is not None else None
        if not source:
            return None
        refers = _child(verb, "nsubjpass")
        return _Statement("claimed", source, source, verb, _span_text(verb, refers.subtree, agent.subtree),
                          refers_to=_event_span(refers))
    else:
        return None
    heads = _source_heads(verb)
    if not heads:
        return None
    source = _source_name(heads[0], focus)
    if not source:
        return None
    text = _span_text(verb, _trimmed_subtree(heads[0]), _through(obj, refers))
    return _Statement("claimed", source, source, verb, text, refers_to=_event_span(refers))


def _accusations(verb: Token, focus: str | None) -> Iterator[_Statement]:
    """"X blamed Y for Z", "X blamed Z on Y", "X accused Y of Z", "X held Y responsible for Z",
    "X attributed Z to Y", "police suspect Y of Z", their participles ("..., blaming Y") and
    passives ("Y was blamed for Z", "Y is suspected of Z", "Z was blamed on Y")."""
    passive = _child(verb, "nsubjpass") is not None
    found = _accused_and_event(verb, passive)
    if found is None:
        return
    accused, event = found
    if event is not None and not _violent_act(event):
        return  # "accused France of supplying intelligence": of something other than violence
    if passive:
        source_head = _passive_source(verb)
        source = _source_name(source_head, focus) if source_head is not None else UNNAMED_SOURCE
    else:
        heads = _source_heads(verb)
        source_head = heads[0] if heads else None
        source = _source_name(source_head, focus) if source_head is not None else None
    if not source:
        return
    parts = [_trimmed_subtree(h) for h in (source_head, accused) if h is not None and _is_direct(h, verb)]
    text = _span_text(verb, *parts, _trimmed_subtree(accused))
    for accused_head in _with_conjuncts([accused]):
        claim = _source_name(accused_head, focus, without=event)
        if not _names_an_actor(accused_head, claim, focus):
            continue  # "the crash was blamed on bad weather"
        if claim and _key(claim) != _key(source):
            yield _Statement("accused", source, claim, verb, text, refers_to=_event_span(event, accused))


# Verbs of violence, for what someone is accused of: "accused X of killing", "of carrying out".
VIOLENT_ACT_VERBS = frozenset({
    "kill", "attack", "bomb", "shoot", "kidnap", "abduct", "murder", "massacre", "shell", "strike", "target",
    "burn", "loot", "rape", "torture", "execute", "behead", "destroy", "ambush", "raid", "assassinate", "carry",
    "fire", "detonate", "plant", "hit", "storm", "slaughter", "wound", "injure", "blow", "set", "use", "order",
})


def _violent_act(event: Token) -> bool:
    """Whether what someone is accused of is an act of violence (or an event named by a noun);
    "supplying intelligence", "interfering in the election" are not."""
    if event.dep_ == "dobj" and event.head.dep_ == "pcomp":
        event = event.head  # "of supplying intelligence": the act is the verb
    if event.pos_ not in ("VERB", "AUX") and not event.tag_.startswith("VB"):
        return True
    lemma = event.lemma_.lower()
    if lemma in VIOLENT_ACT_VERBS | PERPETRATE_VERBS:
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in EVENT_NOUNS for c in event.children)


def _accused_and_event(verb: Token, passive: bool) -> tuple[Token, Token | None] | None:
    """(the accused, the event) of an accusing verb, or None when it accuses nobody of anything."""
    lemma = verb.lemma_.lower()
    target = _child(verb, "nsubjpass" if passive else "dobj")
    if target is None:
        return None
    if lemma == "blame":
        on = _pobj_of(verb, "on") or _pobj_of(target, "on")
        if on is not None:
            return on, target
        return target, _pobj_of(verb, "for") or _pobj_of(target, "for")
    if lemma == "accuse":
        return target, _of_what(verb) or _of_what(target)
    if lemma == "suspect":
        event = _of_what(verb) or _of_what(target) or _pobj_of(verb, "in")
        return (target, event) if event is not None else None
    if lemma == "hold":
        responsible = next((c for c in (*verb.children, *target.children) if c.lower_ == "responsible"), None)
        if responsible is None:
            return None
        return target, _pobj_of(responsible, "for") or _pobj_of(verb, "for")
    if lemma == "attribute":
        to = _pobj_of(verb, "to")
        return (to, target) if to is not None else None
    return None


def _passive_source(verb: Token) -> Token | None:
    """Who accuses in a passive: the agent ("was blamed by police"), else the subject of a saying
    verb above ("police said the FMLN was suspected of ...")."""
    agent = _child(verb, "agent")
    if agent is not None:
        return _child(agent, "pobj")
    for ancestor in verb.ancestors:
        if ancestor.lemma_.lower() in REPORT_VERBS and (subject := _direct_subject(ancestor)) is not None:
            return subject
    return None


def _denials(verb: Token, focus: str | None) -> Iterator[_Statement]:
    """"X denied any role in Z", "X denied carrying out Z", "X rejected the accusations",
    "X denied that it was behind Z"."""
    obj = _child(verb, "dobj")
    clause = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "pcomp")), None)
    event: Token | None = None
    denied_party: Token | None = None
    heads = _source_heads(verb)
    if not heads:
        return
    if obj is not None and obj.lemma_.lower() in DENIAL_OBJECTS:
        event = _pobj_of(obj, "in") or _pobj_of(obj, "for") or _pobj_of(obj, "of")
    elif clause is not None:
        perpetrator, event = _perpetration(clause) if _direct_subject(clause) is not None else (None, None)
        if perpetrator is not None and not _is_self_reference(perpetrator, heads[0]):
            denied_party = perpetrator
        event = event if event is not None else _child(clause, "dobj")
    elif obj is not None and obj.lemma_.lower() in EVENT_NOUNS and verb.lemma_.lower() == "deny":
        event = obj  # "denied the attack"
    else:
        return
    source = _source_name(heads[0], focus)
    if not source:
        return
    claim = _source_name(denied_party, focus) if denied_party is not None else source
    if obj is not None and obj.lemma_.lower() in OTHERS_STATEMENTS:
        claim = None  # "dismissed the claim": it disputes another party's statement, not its own role
    parts = [_trimmed_subtree(heads[0])] if _is_direct(heads[0], verb) else []
    text = _span_text(verb, *parts, *(c.subtree for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp")))
    yield _Statement("denied", source, claim, verb, text, refers_to=_event_span(event))


# --- matching statements to the event -------------------------------------------------------------


def _governs(statement: _Statement, anchor: Token, spine: list[Token]) -> bool:
    """Whether a statement is about the event whose trigger is `anchor`: the predicate is above the
    trigger, or hangs off the trigger's chain of heads other than as a coordinated clause."""
    predicate = statement.predicate
    complement = statement.complement
    if complement is not None and not (complement == anchor or complement.is_ancestor(anchor)):
        return False  # "..., while the rebels said the army ambushed its own soldiers"
    if predicate in spine:
        return True
    if predicate.is_ancestor(anchor):
        return True
    spine_set = {t.i for t in spine}
    child = predicate
    while child.head != child:
        if child.head.i in spine_set:
            if child.dep_ != "conj":
                return True
            # "Gunmen killed three soldiers, a security source told AFP": a coordinated saying
            # verb with no clause of its own reports the clause it is coordinated with.
            return statement.kind == "reported" and statement.complement is None
        child = child.head
    return False


def _self_claim(statement: _Statement, anchor: Token) -> list[Attribution]:
    """"The army said it killed 20 militants", "'We attacked the base,' the group said": the
    source reports its own act, which is a claim."""
    clause = anchor if anchor.pos_ in ("VERB", "AUX") else next(
        (t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if clause is None or clause == statement.predicate or not statement.predicate.is_ancestor(clause):
        return []
    if clause != anchor and clause.lemma_.lower() in DESCRIBING_VERBS:
        return []  # "officials said three died in a shooting, which they described as an attack"
    subject = _child(clause, "nsubj")
    if subject is None or not _is_self_reference(subject, statement.speaker) or _negated(clause):
        return []
    return [Attribution(statement.source, "claimed", statement.source, statement.text)]


def _hedges(sentence: Span, spine: list[Token]) -> list[str]:
    """Hedge words on the event's chain of heads or on their dependents: "reportedly killed",
    "suspected militants", "an alleged massacre", "is believed to have", "unconfirmed reports"."""
    near = {t.i for t in spine}
    near |= {c.i for t in spine for c in t.children}
    found: list[str] = []
    for token in sentence:
        lower = token.lower_
        hedge = (lower in HEDGE_ADVERBS or (lower in HEDGE_ADJECTIVES and token.dep_ in ("amod", "acomp"))
                 or (token.lemma_.lower() in HEDGE_PASSIVES and token.tag_ == "VBN"
                     and (_child(token, "auxpass") is not None or token.dep_ == "acl")
                     and _child(token, "xcomp") is not None))
        hedged_source = lower in HEDGE_ADJECTIVES and token.head.lemma_.lower() in HEDGED_SOURCES
        if (hedge and (token.head.i in near or token.i in near)) or hedged_source:
            found.append(token.text)
    return found


# --- sources --------------------------------------------------------------------------------------


def _source_heads(verb: Token) -> list[Token]:
    """The subject of a statement verb, with its coordinated subjects ("Turkey and Russia said")."""
    subject = _subject(verb)
    if subject is None or _is_nobody(subject):
        return []
    return _with_conjuncts([subject])


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a relative pronoun's antecedent; a participle's or infinitive's
    subject taken from the saying verb above it ("the governor said, blaming an armed group")."""
    subject = _direct_subject(verb)
    if subject is None and verb.tag_ == "VBN" and (agent := _child(verb, "agent")) is not None:
        return _child(agent, "pobj")  # "was reported by state media"
    if subject is not None:
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subject
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _acl_subject(verb.head)
    if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp"):
        for ancestor in verb.ancestors:
            if ancestor.lemma_.lower() in REPORT_VERBS and (found := _direct_subject(ancestor)) is not None:
                return found
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def _acl_subject(noun: Token) -> Token | None:
    """Who does what a participle on a noun says: "a group claiming responsibility" -> the group;
    "the MRTA distributed leaflets claiming responsibility" -> the MRTA."""
    if noun.lemma_.lower() not in SPOKES_NOUNS:
        return noun
    owner = _speaker_behind(noun)
    if owner != noun:
        return owner
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return _direct_subject(noun.head)
    return noun


def _direct_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


@lru_cache(maxsize=1)
def _actor_dictionary() -> ActorDictionary:
    return ActorDictionary.default()


def _source_name(head: Token | None, focus: str | None = None, without: Token | None = None) -> str | None:
    """A readable, normalized name for the phrase headed by `head`: the actor dictionary's name
    when it knows the phrase, else the phrase without determiners, clauses and appositions."""
    if head is None or _is_nobody(head):
        return None
    head = _speaker_behind(head)
    if head.lower_ in SELF_PRONOUNS or head.lower_ in RELATIVE_PRONOUNS:
        return None
    words = _phrase_tokens(head, without=without)
    named = _entity_name(head)
    phrase = _clean(words)
    if not phrase:
        return None
    dictionary = _actor_dictionary()
    if head.lemma_.lower() not in RELATION_NOUNS:
        for candidate in (phrase, named):
            entry = dictionary.lookup(candidate, focus) if candidate else None
            if entry is not None:
                return entry.name
    return named or phrase


def _names_an_actor(head: Token, name: str | None, focus: str | None) -> bool:
    """Whether an accused phrase names someone who can do things, not a cause ("nervousness")."""
    if not name:
        return False
    if head.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or head.pos_ == "PROPN":
        return True
    if head.lemma_.lower() in ACTOR_NOUNS or head.lower_ in ACTOR_NOUNS:
        return True
    return _actor_dictionary().lookup(name, focus) is not None


def _speaker_behind(head: Token) -> Token:
    """"the group's spokesman", "a statement by the army", "a spokesman for the ministry" -> the
    group, the army, the ministry; "a group calling itself X" -> X."""
    self_named = _self_given_name(head)
    if self_named is not None:
        return self_named
    if head.lemma_.lower() not in SPOKES_NOUNS:
        return head
    owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ not in SELF_PRONOUNS), None)
    if owner is not None:
        return owner
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [a for c in head.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
    for prep in preps:  # "a spokesman for X", "a statement from X", "a communique issued by X"
        if prep.lower_ in ("by", "from", "for", "of") and (pobj := _child(prep, "pobj")) is not None:
            return pobj
    return head


def _self_given_name(head: Token) -> Token | None:
    for acl in head.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in ("call", "name", "style"):
            if any(c.lower_ in ("itself", "themselves") for c in acl.children):
                return next((c for c in acl.subtree if c.pos_ in ("PROPN", "NOUN") and c.head != head
                             and c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "dobj", "appos")), None)
    return None


def _phrase_tokens(head: Token, top: bool = True, without: Token | None = None) -> list[Token]:
    """The words that name the source: the head and its modifiers, without clauses, appositions
    and long prepositional tails (kept: "Observatory for Human Rights", "governor of Idlib")."""
    kept: list[Token] = [head]
    for child in head.children:
        if (child.dep_ == "case" and top) or child.lower_ == "responsible":
            continue
        kept_prep = child.dep_ == "prep" and child.lower_ in SOURCE_KEEP_PREPS
        if child.dep_ in SOURCE_DROP_DEPS and not kept_prep and child.tag_ != "HYPH":
            continue
        if (child.dep_ == "prep" and child.i < head.i) or (without is not None and without in child.subtree):
            continue
        kept.extend(_phrase_tokens(child, top=False) if child.dep_ != "prep" else _prep_tokens(child))
    return sorted(kept, key=lambda t: t.i)


def _prep_tokens(prep: Token) -> list[Token]:
    pobj = _child(prep, "pobj")
    return [prep, *_phrase_tokens(pobj, top=False)] if pobj is not None else []


def _entity_name(head: Token) -> str | None:
    """"Syrian state news agency SANA" -> "SANA": a named entity that ends the phrase, its
    head, preceded only by descriptive words."""
    if not head.ent_type_ or head.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP", "FAC"):
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    if entity is None or entity.root.i != head.i:
        return None
    return _clean(list(entity))


def _clean(tokens: list[Token]) -> str:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].dep_ == "predet"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    text = tokens[0].text
    for previous, token in zip(tokens, tokens[1:], strict=False):
        text += (previous.whitespace_ if token.i == previous.i + 1 else " ") + token.text
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _is_nobody(token: Token) -> bool:
    """"nobody", "no group", "none of the groups", "neither the guerrillas nor ..."."""
    if token.lower_ in NOBODY:
        return True
    return any(c.lower_ in ("no", "neither", "none") and c.dep_ in ("det", "preconj", "nsubj", "amod")
               for c in token.children)


def _is_self_reference(token: Token, speaker: Token | None = None) -> bool:
    """"it", "they", "we", or a phrase owned by one ("its fighters", "our forces") that can stand
    for the speaker: "it" is not a person, "he" and "she" are one, "they" is not one person."""
    pronoun = token if token.lower_ in SELF_PRONOUNS else next(
        (c for c in token.children if c.dep_ == "poss" and c.lower_ in SELF_PRONOUNS), None)
    if pronoun is None:
        return False
    if speaker is None or pronoun.lower_ in ("we", "our"):
        return True
    speaker = _speaker_behind(speaker)
    # "the Houthis" is a group the small model may tag PERSON: a plural-looking name is not a person.
    plural = speaker.tag_ in ("NNS", "NNPS") or (
        speaker.pos_ == "PROPN" and speaker.lower_.endswith("s") and _child(speaker, "det") is not None)
    person = (speaker.ent_type_ == "PERSON" and not plural) or speaker.lemma_.lower() in PERSON_NOUNS
    if pronoun.lower_ in ("it", "its"):
        return not person and not plural
    if pronoun.lower_ in ("they", "their"):
        return plural or not person
    return person and not plural  # he, she, his, her


def _negative_subject(subject: Token) -> Token | None:
    return subject if _is_self_reference(subject) else None


# --- small parse helpers --------------------------------------------------------------------------


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _pobj_of(token: Token, preposition: str) -> Token | None:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == preposition), None)
    return _child(prep, "pobj") if prep is not None else None


def _of_what(verb: Token) -> Token | None:
    """"accused Y of the attack" -> attack; "accused Y of carrying out the attack" -> attack."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if prep is None:
        return None
    pobj = _child(prep, "pobj")
    if pobj is not None:
        return pobj
    pcomp = _child(prep, "pcomp")
    return _child(pcomp, "dobj") or pcomp if pcomp is not None else None


def _complement(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _has_no(token: Token) -> bool:
    return any(c.lower_ == "no" for c in token.children)


def _is_direct(token: Token, verb: Token) -> bool:
    return token.head == verb


def _with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i)
    return out


def _ancestors_or_self(token: Token) -> list[Token]:
    return [token, *token.ancestors]


def _trimmed_subtree(head: Token) -> list[Token]:
    return _phrase_tokens(_speaker_behind(head)) + ([head] if head.lemma_.lower() in SPOKES_NOUNS else [])


def _clause_tokens(predicate: Token) -> list[Token]:
    """A clause's words without the clauses coordinated with or hanging off it."""
    tokens = [predicate]
    for child in predicate.children:
        if child.dep_ not in ("conj", "cc", "advcl", "parataxis", "punct"):
            tokens.extend(child.subtree)
    return tokens


def _through(*tokens: Token | None) -> list[Token]:
    return [t for t in tokens if t is not None]


def _span_text(anchor: Token, *groups: Iterable[Token]) -> str:
    """The sentence's words from the first to the last of the given tokens."""
    indices = [anchor.i] + [t.i for group in groups for t in group]
    doc = anchor.doc
    return " ".join(doc[min(indices) : max(indices) + 1].text.split()).strip(" ,")


def _event_span(token: Token | None, without: Token | None = None) -> Span | None:
    """The event words a statement refers to: "the bombing", "the attack on the checkpoint"."""
    if token is None or token.pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    if token.pos_ == "VERB":
        return token.doc[token.i : token.i + 1]
    tokens = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") and child.tag_ != "HYPH":
            continue
        if child.dep_ == "prep" and (child.lower_ not in EVENT_PREPS or _names_a_statement(child)):
            continue
        if without is not None and without in child.subtree:
            continue  # "blamed the killings [on Boko Haram]"
        tokens.extend(child.subtree)
    return token.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def _names_a_statement(prep: Token) -> bool:
    """"in a statement on Telegram" says where a claim was made, not which event it is about."""
    pobj = _child(prep, "pobj")
    return pobj is None or pobj.lemma_.lower() in SPOKES_NOUNS


def _phrase_text(span: Span) -> str:
    return " ".join(span.text.split()).strip(" ,")


def _quote_regions(sentence: Span) -> list[tuple[int, int]]:
    """Token index ranges between paired quotation marks."""
    marks = [t.i for t in sentence if t.text in QUOTE_MARKS]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def _quoted(trigger: int, predicate: int, regions: list[tuple[int, int]]) -> bool:
    inside = [(a, b) for a, b in regions if a < trigger < b]
    return bool(inside) and not any(a < predicate < b for a, b in inside)


def _key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def _unique(attributions: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[str, str, str]] = set()
    out: list[Attribution] = []
    for a in attributions:
        key = (_key(a.source), a.kind, _key(a.claim))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
