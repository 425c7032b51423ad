"""Blocking: which pairs of reports are worth comparing at all, so that merging stays sub-quadratic.

Reports only merge within one country and one type family (see `similarity`), so that pair is the
partition. Inside it, records are grouped by where they are:

- place/admin2 records with coordinates fall in a 1-degree grid cell and meet the records of their
  own cell and of the four "forward" neighbour cells (every neighbouring pair of cells once);
- admin1-precision records meet the records of the same admin1;
- country-precision and unplaced records meet every record of the country.

Within a block a sweep over dates (sorted by first possible day) compares only records whose date
windows overlap and whose ACLED sub-types can match (`type_buckets`), at most `MAX_CANDIDATES` of
them per bucket, which caps the cost of crowded blocks.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from sitrep.resolve.similarity import SUBTYPE_BUCKETS, Match, MatchKey, compare

CELL_DEGREES = 1.0  # larger than every merge radius, so neighbours are one cell away at most
MAX_CANDIDATES = 200  # per type bucket and block: what a crowded city-day costs at most
ANY_TYPE = "*"  # records with no ACLED sub-type can match any sub-type of their family
_FORWARD_NEIGHBOURS = ((0, 1), (1, -1), (1, 0), (1, 1))


@dataclass
class Block:
    name: str
    home: list[MatchKey]
    guests: list[MatchKey] = field(default_factory=list)  # compared with home records, not each other


class MatchList:
    """Matching pairs in flat arrays: tens of millions of them fit where Match objects would not."""

    def __init__(self) -> None:
        self.lefts = array("q")
        self.rights = array("q")
        self.scores = array("d")
        self.disputed = array("b")

    def __len__(self) -> int:
        return len(self.lefts)

    def add(self, match: Match) -> None:
        self.lefts.append(match.left)
        self.rights.append(match.right)
        self.scores.append(match.score)
        self.disputed.append(match.disputed)

    def extend(self, other: MatchList) -> None:
        for name in ("lefts", "rights", "scores", "disputed"):
            getattr(self, name).extend(getattr(other, name))

    def __iter__(self) -> Iterator[Match]:
        for i in range(len(self)):
            yield Match(self.lefts[i], self.rights[i], self.scores[i], bool(self.disputed[i]))

    def strongest_first(self, keys: Sequence[MatchKey]) -> Iterator[Match]:
        """Strongest first; ties by record ids, so that the outcome never depends on input order."""
        rank = [0] * len(keys)
        for position, i in enumerate(sorted(range(len(keys)), key=lambda i: keys[i].record_id)):
            rank[i] = position
        bits = max(1, len(keys).bit_length())

        def order(i: int) -> int:  # one packed int a pair: cheaper to sort than tuples
            a, b = sorted((rank[self.lefts[i]], rank[self.rights[i]]))
            weakness = 1000 - round(self.scores[i] * 1000)
            return (weakness << (2 * bits)) | (a << bits) | b

        for i in sorted(range(len(self)), key=order):
            yield Match(self.lefts[i], self.rights[i], self.scores[i], bool(self.disputed[i]))


@dataclass
class BlockResult:
    matches: MatchList
    comparisons: int


def partition_key(key: MatchKey) -> tuple[str, str]:
    """Records in different partitions never merge: a store can re-merge only the touched ones."""
    return (key.country or "", key.family)


def _cell(key: MatchKey) -> tuple[int, int]:
    return math.floor(key.lat / CELL_DEGREES), math.floor(key.lon / CELL_DEGREES)  # type: ignore[operator]


def build_blocks(keys: Iterable[MatchKey]) -> Iterator[Block]:
    """Every block of records to compare; records without a usable date are in none."""
    cells: dict[tuple, list[MatchKey]] = defaultdict(list)
    admin1_home: dict[tuple, list[MatchKey]] = defaultdict(list)
    admin1_guests: dict[tuple, list[MatchKey]] = defaultdict(list)
    vague: dict[tuple, list[MatchKey]] = defaultdict(list)
    by_partition: dict[tuple, list[MatchKey]] = defaultdict(list)
    vague_indices: set[int] = set()
    for key in keys:
        if not key.mergeable:
            continue
        part = partition_key(key)
        by_partition[part].append(key)
        if key.is_fine:
            cells[(*part, *_cell(key))].append(key)
            if key.admin1:
                admin1_guests[(*part, key.admin1)].append(key)
        elif key.admin1 and key.place_precision in ("admin1", "admin2"):
            admin1_home[(*part, key.admin1)].append(key)
        else:
            vague[part].append(key)
            vague_indices.add(key.index)
    for (country, family, row, col), home in cells.items():
        guests = [k for dr, dc in _FORWARD_NEIGHBOURS for k in cells.get((country, family, row + dr, col + dc), ())]
        yield Block(f"{country}|{family}|cell:{row},{col}", home, guests)
    for (country, family, admin1), home in admin1_home.items():
        yield Block(f"{country}|{family}|admin1:{admin1}", home, admin1_guests.get((country, family, admin1), []))
    for part, home in vague.items():
        guests = [k for k in by_partition[part] if k.index not in vague_indices]
        yield Block(f"{part[0]}|{part[1]}|country", home, guests)


def type_buckets(key: MatchKey) -> tuple[str, ...]:
    """The type buckets a record's matches can be in: its sub-type's compatibility groups, or any."""
    if key.sub_type:
        return SUBTYPE_BUCKETS.get(key.sub_type, (key.sub_type,))
    return (ANY_TYPE,)


class _ActiveRecords:
    """Records whose date windows are still open, by type bucket."""

    def __init__(self) -> None:
        self.by_bucket: dict[str, list[MatchKey]] = {}

    def candidates(self, buckets: tuple[str, ...], lo: int) -> Iterator[MatchKey]:
        names = list(self.by_bucket) if buckets == (ANY_TYPE,) else [*buckets, ANY_TYPE]
        for name in names:
            active = self.by_bucket.get(name)
            if not active:
                continue
            active[:] = [k for k in active if k.hi >= lo]  # type: ignore[operator]  # windows closed
            yield from active[-MAX_CANDIDATES:]

    def add(self, key: MatchKey, buckets: tuple[str, ...]) -> None:
        for name in buckets:
            self.by_bucket.setdefault(name, []).append(key)


def sweep_block(block: Block, is_new: Sequence[bool] | None = None) -> BlockResult:
    """Compare home records with each other and with guests whose date windows and types can match."""
    items = [(k.lo, 0, k) for k in block.home] + [(k.lo, 1, k) for k in block.guests]
    items.sort(key=lambda item: (item[0], item[1]))
    home_active, guest_active = _ActiveRecords(), _ActiveRecords()
    matches = MatchList()
    comparisons = 0
    for lo, is_guest, key in items:
        buckets = type_buckets(key)
        candidates = home_active.candidates(buckets, lo)
        if not is_guest:
            candidates = chain(candidates, guest_active.candidates(buckets, lo))
        seen: set[int] = set()
        for other in candidates:
            if other.index in seen or (is_new is not None and not (is_new[key.index] or is_new[other.index])):
                continue  # met in another bucket already, or both merged before (that decision stands)
            seen.add(other.index)
            comparisons += 1
            match = compare(other, key)
            if match is not None:
                matches.add(match)
        (guest_active if is_guest else home_active).add(key, buckets)
    return BlockResult(matches, comparisons)


def candidate_matches(
    keys: Sequence[MatchKey],
    is_new: Sequence[bool] | None = None,
    parallel: bool = False,
) -> BlockResult:
    """Every matching pair found through the blocks, and how many pairs were compared."""
    blocks = list(build_blocks(keys))
    results = _sweep_with_dask(blocks, is_new) if parallel else (sweep_block(b, is_new) for b in blocks)
    matches = MatchList()
    comparisons = 0
    for result in results:
        matches.extend(result.matches)
        comparisons += result.comparisons
    return BlockResult(matches, comparisons)


def _sweep_with_dask(blocks: list[Block], is_new: Sequence[bool] | None) -> list[BlockResult]:
    """Blocks are independent: sweep them on Dask's workers (the local scheduler unless a client is set)."""
    import dask.bag as db

    sweep: Callable[[Block], BlockResult] = _BlockSweeper(is_new)
    partitions = max(1, min(len(blocks), 64))
    return db.from_sequence(blocks, npartitions=partitions).map(sweep).compute()


class _BlockSweeper:
    """A picklable `sweep_block` with its `is_new` bound (lambdas do not travel to processes)."""

    def __init__(self, is_new: Sequence[bool] | None) -> None:
        self.is_new = is_new

    def __call__(self, block: Block) -> BlockResult:
        return sweep_block(block, self.is_new)
