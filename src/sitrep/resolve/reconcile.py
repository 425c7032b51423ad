"""One merged record out of several reports of the same event, keeping every source and figure.

Figures keep UCDP's low/best/high and ACLED's rule for conflicting reports: the best count is
the most conservative credible figure, the lowest best count among the latest reports that give
one (nulls, "no figure", are ignored; an explicit 0 counts). Only the latest publication date's
reports compete for best, because a toll is revised as the wounded die and bodies are found:
an early "at least 14" is superseded by the next day's 17 to 19, and that by a count of 16 that
leaves out deaths from a separate attack. Undated reports always compete. Low is the lowest and
high the highest figure any source ever gave, so the spread stays visible. Every source's own
figures stay in "figures". Several named perpetrators become disputed claims: the one most
sources name stays the actor, every claim goes into `attribution` and `certainty` becomes
"disputed".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sitrep.resolve.similarity import is_named_perpetrator, normalize

JSONDict = dict[str, Any]

COUNT_FIELDS = ("injured", "kidnapped", "missing", "displaced")
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_PLACE_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3, "unknown": 4}
MAX_CONFIDENCE = 0.99


def as_member(record: JSONDict) -> JSONDict:
    """A raw contract record in the shape of a merged one, so that both merge the same way."""
    if "sources" in record:
        return record
    article = record.get("article") or {}
    article_id = record["article_id"]
    figures = {"article_id": article_id, "fatalities": record.get("fatalities"),
               "fatalities_low": record.get("fatalities_low"), "fatalities_high": record.get("fatalities_high")}
    figures.update({name: record.get(name) for name in COUNT_FIELDS})
    return {
        **record,
        "record_ids": [record["event_id"]],
        "sources": [{
            "article_id": article_id,
            "title": article.get("title"),
            "publisher": article.get("publisher"),
            "url": article.get("url"),
            "published": article.get("published"),
        }],
        "figures": [figures],
        "evidence": [{**e, "article_id": e.get("article_id", article_id)} for e in record.get("evidence", [])],
        "attribution": [{**a, "article_id": a.get("article_id", article_id)} for a in record.get("attribution", [])],
        "perpetrators": [
            {"article_id": article_id, "name": a["name"]}
            for a in record.get("actors", [])
            if is_named_perpetrator(a)
        ],
        "source_confidence": [{"article_id": article_id, "publisher": article.get("publisher"),
                               "confidence": record.get("confidence", 0.5)}],
    }


def merge_group(records: Sequence[JSONDict], disputed: bool = False) -> JSONDict:
    """The canonical record of a group of records (raw or already merged)."""
    members = [as_member(r) for r in records]
    if len(members) == 1:
        return dict(members[0])
    lead = _lead_member(members)
    sources = _unique(s for m in members for s in m["sources"])
    sources.sort(key=lambda s: (s.get("published") or "9999", s["article_id"]))
    figures = _unique(f for m in members for f in m["figures"])
    perpetrators = _unique(p for m in members for p in m["perpetrators"])
    claimed = {normalize(p["name"]) for p in perpetrators}
    disputed = disputed or len(claimed) > 1
    merged = {
        **lead,
        "article_id": sources[0]["article_id"],
        "article": _article_of(members, sources[0]["article_id"]),
        "date": _best_date(members),
        "location": _best_location(members),
        "actors": _merged_actors(members, perpetrators),
        "attribution": _merged_attribution(members, perpetrators, disputed),
        "certainty": _merged_certainty(members, disputed),
        "evidence": _unique(e for m in members for e in m["evidence"]),
        "sources": sources,
        "figures": figures,
        "perpetrators": perpetrators,
        "record_ids": sorted({rid for m in members for rid in m["record_ids"]}),
        "source_confidence": _unique(c for m in members for c in m["source_confidence"]),
    }
    merged.update(reconcile_figures(figures, {s["article_id"]: s.get("published") for s in sources}))
    merged["mode"] = lead.get("mode") or _most_common(m.get("mode") for m in members)
    merged["confidence"] = combined_confidence(merged["source_confidence"])
    return merged


def reconcile_figures(figures: Sequence[JSONDict], published: dict[str, str | None] | None = None) -> JSONDict:
    """Best = the lowest best count of the latest reports that give one (`published` maps an
    article id to its publication date); low = the lowest figure of any report, high = the highest."""
    best = [f["fatalities"] for f in _latest(figures, "fatalities", published or {})]
    lows = [f["fatalities_low"] if f.get("fatalities_low") is not None else f.get("fatalities") for f in figures]
    highs = [f["fatalities_high"] if f.get("fatalities_high") is not None else f.get("fatalities") for f in figures]
    lows = [v for v in lows if v is not None]
    highs = [v for v in highs if v is not None]
    out: JSONDict = {
        "fatalities": min(best) if best else None,
        "fatalities_low": min(lows) if lows else None,
        "fatalities_high": max(highs) if highs else None,
    }
    for name in COUNT_FIELDS:
        values = [f[name] for f in _latest(figures, name, published or {})]
        out[name] = min(values) if values else None
    return out


def _latest(figures: Sequence[JSONDict], name: str, published: dict[str, str | None]) -> list[JSONDict]:
    """The reports that give a figure for `name` and were published last (or have no date)."""
    given = [f for f in figures if f.get(name) is not None]
    dates = [(published.get(f.get("article_id")) or "")[:10] for f in given]  # the day of a timestamp
    last = max((d for d in dates if d), default=None)
    return [f for f, d in zip(given, dates, strict=True) if not d or d == last]


def combined_confidence(per_source: Sequence[JSONDict]) -> float:
    """Independent sources (different publishers) make an event likelier: a noisy-or of them."""
    best_by_publisher: dict[str, float] = {}
    for item in per_source:
        publisher = normalize(item.get("publisher")) or item["article_id"]
        best_by_publisher[publisher] = max(best_by_publisher.get(publisher, 0.0), float(item["confidence"]))
    doubt = 1.0
    for value in best_by_publisher.values():
        doubt *= 1.0 - value
    return round(min(MAX_CONFIDENCE, 1.0 - doubt), 3)


def _unique(items) -> list:
    seen: set[str] = set()
    out = []
    for item in items:
        marker = repr(sorted(item.items())) if isinstance(item, dict) else repr(item)
        if marker not in seen:
            seen.add(marker)
            out.append(item)
    return out


def _most_common(values) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _lead_member(members: Sequence[JSONDict]) -> JSONDict:
    """The member whose type the event takes: the type most sources give, then the surest."""
    votes = Counter()
    for m in members:
        votes[(m.get("event_type"), m.get("acled_event_type"), m.get("acled_sub_event_type"))] += len(m["sources"])
    def rank(m: JSONDict) -> tuple:
        typed = (m.get("event_type"), m.get("acled_event_type"), m.get("acled_sub_event_type"))
        return (-votes[typed], not _type_fits_actors(m), -float(m.get("confidence", 0)), min(m["record_ids"]))
    return min(members, key=rank)


# Sectors of parties that fight back: an armed clash needs one on the receiving side.
ARMED_SECTORS = {"MIL", "REB", "UAF", "PMG", "GOV", "COP", "SPY", "INS"}


def _type_fits_actors(member: JSONDict) -> bool:
    """An "Armed clash" whose report names no armed party on the receiving end ("three died in a
    shooting") is a weaker typing than another source's "Attack"."""
    if member.get("acled_sub_event_type") != "Armed clash":
        return True
    return any(a.get("role") == "recipient" and a.get("sector") in ARMED_SECTORS for a in member.get("actors") or [])


def _article_of(members: Sequence[JSONDict], article_id: str) -> JSONDict:
    for m in members:
        if m.get("article_id") == article_id and m.get("article"):
            return dict(m["article"])
    source = next(s for m in members for s in m["sources"] if s["article_id"] == article_id)
    return {"id": article_id, **{k: source.get(k) for k in ("title", "published", "publisher", "url")}}


def _best_date(members: Sequence[JSONDict]) -> JSONDict:
    """The most precise date the text gave; among equals the most reported, then the earliest."""
    dates = [m["date"] for m in members if m.get("date")]
    counts = Counter((d.get("start"), d.get("end")) for d in dates)
    def rank(d: JSONDict) -> tuple:
        return (_DATE_RANK.get(d.get("precision", "unknown"), 4), bool(d.get("from_publication_date")),
                -counts[(d.get("start"), d.get("end"))], d.get("start") or "9999")
    return dict(min(dates, key=rank)) if dates else {"start": None, "end": None, "precision": "unknown"}


def _best_location(members: Sequence[JSONDict]) -> JSONDict | None:
    places = [m["location"] for m in members if m.get("location")]
    if not places:
        return None
    counts = Counter(normalize(p.get("name")) for p in places)
    def rank(p: JSONDict) -> tuple:
        return (_PLACE_RANK.get(p.get("precision", "unknown"), 4), p.get("lat") is None,
                -counts[normalize(p.get("name"))], p.get("name") or "")
    return dict(min(places, key=rank))


def _merged_actors(members: Sequence[JSONDict], perpetrators: Sequence[JSONDict]) -> list[JSONDict]:
    """Every participant once; named beats unnamed; of disputed perpetrators the most named one."""
    support = Counter(normalize(p["name"]) for p in perpetrators)
    top = max(support, key=lambda name: (support[name], name)) if support else None
    actors: dict[tuple, JSONDict] = {}
    for m in members:
        for actor in m.get("actors", []):
            name = normalize(actor.get("name"))
            if top and is_named_perpetrator(actor) and name != top:
                continue  # a disputed perpetrator: kept as a claim in attribution
            actors.setdefault((actor.get("role"), name), dict(actor))
    if top:  # a named perpetrator replaces the placeholders for unnamed ones
        actors = {k: a for k, a in actors.items() if a.get("role") != "actor" or is_named_perpetrator(a)}
    return list(actors.values())


def _merged_attribution(members: Sequence[JSONDict], perpetrators: Sequence[JSONDict], disputed: bool) -> list[JSONDict]:
    items = _unique(a for m in members for a in m.get("attribution", []))
    if disputed:
        publisher = {s["article_id"]: s.get("publisher") for m in members for s in m["sources"]}
        for p in perpetrators:
            claim = {"source": publisher.get(p["article_id"]) or p["article_id"], "kind": "reported",
                     "claim": f"perpetrator: {p['name']}", "text": None, "article_id": p["article_id"]}
            if claim not in items:
                items.append(claim)
    return items


def _merged_certainty(members: Sequence[JSONDict], disputed: bool) -> str:
    """One plain report makes an event asserted rather than planned, alleged or denied; but a
    dispute over who did it, in any report, is not settled by a report that names nobody."""
    certainties = [m.get("certainty") or "asserted" for m in members]
    if disputed or "disputed" in certainties:
        return "disputed"
    if "asserted" in certainties:
        return "asserted"
    return Counter(certainties).most_common(1)[0][0]
