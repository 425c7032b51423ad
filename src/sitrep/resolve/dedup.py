"""Merge reports of one real event from different articles into one canonical event.

Records are compared only within blocks (`sitrep.resolve.blocking`) by the rules in
`sitrep.resolve.similarity`; matching pairs are joined strongest first in a union-find that
respects hand-made links: `cannot_link` pairs never end up together, `must_link` pairs always do
(where the two conflict on the same pair, `cannot_link` wins), and two records of the same article
never join through a chain of matches. The merged record keeps every source, evidence sentence and
figure (see `sitrep.resolve.reconcile`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.resolve.blocking import candidate_matches, partition_key
from sitrep.resolve.reconcile import merge_group
from sitrep.resolve.similarity import ClusterSummary, MatchKey, describe, key_for

JSONDict = dict[str, Any]


@dataclass
class CanonicalEvent:
    canonical_id: str  # stable: a hash of the smallest member record id
    record_ids: list[str]  # event_ids of the member records
    record: JSONDict  # merged record in the contract shape, plus "sources", "record_ids", "figures"
    reasons: list[str] = field(default_factory=list)  # the merge decisions, in words

    def to_dict(self) -> JSONDict:
        return {**self.record, "canonical_id": self.canonical_id, "reasons": list(self.reasons)}


@dataclass
class MergeStats:
    records: int = 0
    comparisons: int = 0
    matches: int = 0
    unions: int = 0


def canonical_id_for(record_ids: Iterable[str]) -> str:
    return "ce-" + hashlib.sha1(min(record_ids).encode("utf-8")).hexdigest()[:16]


class ConstrainedUnionFind:
    """Union-find whose clusters never hold two records of one article or a cannot-link pair."""

    def __init__(self, keys: Sequence[MatchKey], cannot_link: Iterable[tuple[int, int]] = ()) -> None:
        self.keys = keys
        self.parent = list(range(len(keys)))
        self.members: dict[int, list[int]] = {}
        self.articles: dict[int, set[str]] = {}
        self.summaries: dict[int, ClusterSummary] = {}
        self.cannot: dict[int, set[int]] = {}
        self.reasons: dict[int, list[str]] = {}
        self.disputed: set[int] = set()
        for a, b in cannot_link:
            self.cannot.setdefault(a, set()).add(b)
            self.cannot.setdefault(b, set()).add(a)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def _members(self, root: int) -> list[int]:
        return self.members.get(root) or [root]

    def _articles(self, root: int) -> set[str]:
        return self.articles.get(root) or set(self.keys[root].article_ids)

    def _summary(self, root: int) -> ClusterSummary:
        return self.summaries.get(root) or ClusterSummary.of(self.keys[root])

    def allowed(self, ra: int, rb: int, by_hand: bool = False, disputed: bool = False) -> bool:
        """Whether joining keeps the cluster whole: hand-made links skip all but cannot-links."""
        if not by_hand:
            if not self._articles(ra).isdisjoint(self._articles(rb)):
                return False
            if not self._summary(ra).combine(self._summary(rb)).coherent(disputed or ra in self.disputed
                                                                          or rb in self.disputed):
                return False
        small, big = (ra, rb) if len(self._members(ra)) <= len(self._members(rb)) else (rb, ra)
        for member in self._members(small):
            for other in self.cannot.get(member, ()):
                if self.find(other) == big:
                    return False
        return True

    def join(self, ra: int, rb: int, reason: str, disputed: bool = False) -> int:
        if len(self._members(ra)) < len(self._members(rb)):
            ra, rb = rb, ra
        self.parent[rb] = ra
        # The smaller cluster's lists go into the larger one's, in place: O(n log n) over all joins.
        self.members.setdefault(ra, [ra]).extend(self.members.pop(rb, None) or [rb])
        self.articles.setdefault(ra, set(self.keys[ra].article_ids)).update(
            self.articles.pop(rb, None) or self.keys[rb].article_ids)
        self.summaries[ra] = self._summary(ra).combine(self._summary(rb))
        self.summaries.pop(rb, None)
        self.reasons.setdefault(ra, []).extend(self.reasons.pop(rb, []))
        self.reasons[ra].append(reason)
        if disputed or rb in self.disputed:
            self.disputed.add(ra)
        return ra

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _index_pairs(pairs: Iterable[tuple[str, str]], index: dict[str, int]) -> list[tuple[int, int]]:
    return [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b]


def cluster_keys(
    keys: Sequence[MatchKey],
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    is_new: Sequence[bool] | None = None,
    parallel: bool = False,
) -> tuple[ConstrainedUnionFind, MergeStats]:
    """The clustering itself, on compact keys: the benchmark calls this without building dicts."""
    uf = ConstrainedUnionFind(keys, cannot_link)
    stats = MergeStats(records=len(keys))
    for a, b in must_link:
        ra, rb = uf.find(a), uf.find(b)
        if ra != rb and uf.allowed(ra, rb, by_hand=True):
            uf.join(ra, rb, f"{keys[a].record_id} + {keys[b].record_id}: merged by hand")
            stats.unions += 1
    found = candidate_matches(keys, is_new=is_new, parallel=parallel)
    stats.comparisons, stats.matches = found.comparisons, len(found.matches)
    for match in found.matches.strongest_first(keys):
        ra, rb = uf.find(match.left), uf.find(match.right)
        if ra != rb and uf.allowed(ra, rb, disputed=match.disputed):
            uf.join(ra, rb, describe(keys[match.left], keys[match.right]), match.disputed)
            stats.unions += 1
    return uf, stats


def merge_records(
    records: Sequence[JSONDict],
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    parallel: bool = False,
) -> list[CanonicalEvent]:
    """Group contract records (dicts) that report the same real event; one CanonicalEvent per group.

    `must_link` / `cannot_link` are pairs of event ids decided by hand. `parallel` sweeps the
    blocks on Dask's scheduler.
    """
    events, _ = merge_records_with_stats(records, must_link, cannot_link, parallel)
    return events


def merge_records_with_stats(
    records: Sequence[JSONDict],
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    parallel: bool = False,
) -> tuple[list[CanonicalEvent], MergeStats]:
    keys = [key_for(record, i) for i, record in enumerate(records)]
    index = {key.record_id: key.index for key in keys}
    uf, stats = cluster_keys(keys, _index_pairs(must_link, index), _index_pairs(cannot_link, index), parallel=parallel)
    return _canonical_events(records, uf), stats


def merge_into(
    existing: Sequence[CanonicalEvent],
    new_records: Sequence[JSONDict],
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
) -> list[CanonicalEvent]:
    """Add new records to already merged events, comparing only pairs that involve a new record.

    Returns every canonical event, changed or not; a changed one keeps its id unless a new member
    has a smaller record id (ids always follow `canonical_id_for`, as in a merge from scratch).
    Hand-made links may name any member record id of an existing event.
    """
    units: list[JSONDict] = [event.record for event in existing] + list(new_records)
    keys = [key_for(unit, i) for i, unit in enumerate(units)]
    is_new = [False] * len(existing) + [True] * len(new_records)
    index = _member_index(existing, new_records)
    uf, _ = cluster_keys(
        keys, _index_pairs(must_link, index), _index_pairs(cannot_link, index), is_new=is_new
    )
    prior_reasons = {i: list(event.reasons) for i, event in enumerate(existing)}
    return _canonical_events(units, uf, prior_reasons)


def _member_index(existing: Sequence[CanonicalEvent], new_records: Sequence[JSONDict]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, event in enumerate(existing):
        for record_id in event.record_ids:
            index[record_id] = i
    for j, record in enumerate(new_records):
        index[record["event_id"]] = len(existing) + j
    return index


def _canonical_events(
    units: Sequence[JSONDict], uf: ConstrainedUnionFind, prior_reasons: dict[int, list[str]] | None = None
) -> list[CanonicalEvent]:
    events = []
    for root, members in uf.groups().items():
        group = [units[i] for i in members]
        merged = merge_group(group, disputed=root in uf.disputed)
        record_ids = merged["record_ids"]
        canonical_id = canonical_id_for(record_ids)
        merged["event_id"] = canonical_id
        reasons = [r for i in members for r in (prior_reasons or {}).get(i, [])] + uf.reasons.get(root, [])
        events.append(CanonicalEvent(canonical_id, record_ids, merged, reasons))
    events.sort(key=lambda e: e.canonical_id)
    return events


def partition_of(record: JSONDict) -> tuple[str, str]:
    """(country code, type family): records of different partitions never merge, so after new
    records arrive a store need only re-merge (or `merge_into`) the partitions they fall in."""
    return partition_key(key_for(record, 0))


def explain(canonical: CanonicalEvent) -> str:
    """Why these records form one event, in words, one decision a line."""
    record = canonical.record
    sources = record.get("sources", [])
    head = (
        f"{canonical.canonical_id}: {len(canonical.record_ids)} record(s) from {len(sources)} article(s)"
        f" ({', '.join(s.get('publisher') or s['article_id'] for s in sources)})"
    )
    if not canonical.reasons:
        return head + "\n  reported once: nothing merged"
    lines = [head] + [f"  {reason}" for reason in canonical.reasons]
    if record.get("certainty") == "disputed":
        claims = [a for a in record.get("attribution", []) if (a.get("claim") or "").startswith("perpetrator")]
        lines += [f"  disputed: {a['source']} says {a['claim']}" for a in claims]
    return "\n".join(lines)
