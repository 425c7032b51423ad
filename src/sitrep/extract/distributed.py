"""Extraction on Dask: the same pipeline, partitioned across worker processes or a cluster.

Each worker loads the spaCy pipeline once (it is cached per process) and extracts whole
partitions, so a laptop (`scheduler="processes"`) and a cluster (`scheduler="tcp://host:8786"`)
run the same code. Results stream back partition by partition, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from sitrep.types import Article, EventRecord

LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")


def extract_partition(articles: list[Article]) -> list[tuple[Article, list[EventRecord]]]:
    """Runs on a worker: one spaCy `pipe` over the partition."""
    from sitrep.extract.pipeline import extract_articles

    return list(extract_articles(articles))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_on_dask(articles: Iterable[Article], scheduler: str = "processes", partition_size: int = 32,
                    in_flight: int = 8) -> Iterator[tuple[Article, list[EventRecord]]]:
    """Extract `articles` with Dask, keeping at most `in_flight` partitions queued at once so
    that memory stays flat however long the input is."""
    if scheduler in LOCAL_SCHEDULERS:
        yield from _run_local(articles, scheduler, partition_size, in_flight)
    else:
        yield from _run_on_cluster(articles, scheduler, partition_size, in_flight)


def _run_local(articles, scheduler, partition_size, in_flight):
    import dask
    from dask import delayed

    partitions = _chunks(articles, partition_size)
    while batch := list(islice(partitions, in_flight)):
        tasks = [delayed(extract_partition)(part) for part in batch]
        for results in dask.compute(*tasks, scheduler=scheduler):
            yield from results


def _run_on_cluster(articles, address, partition_size, in_flight):
    from distributed import Client

    with Client(address) as client:
        partitions = _chunks(articles, partition_size)
        pending = [client.submit(extract_partition, part, pure=False) for part in islice(partitions, in_flight)]
        while pending:
            future = pending.pop(0)
            yield from future.result()
            following = next(partitions, None)
            if following is not None:
                pending.append(client.submit(extract_partition, following, pure=False))
