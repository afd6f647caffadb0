"""Interleaved rounds of timed batches, reduced to a median time per call for each contender."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable

# Runs its contender `count` times in a row and returns the seconds that took.
Batch = Callable[[int], Awaitable[float]]

MAX_CALLS_PER_BATCH = 10_000


def sync_batch(call: Callable[[], object]) -> Batch:
    async def run(count: int) -> float:
        start = time.perf_counter()
        for _ in range(count):
            call()
        return time.perf_counter() - start

    return run


def async_batch(call: Callable[[], Awaitable[object]]) -> Batch:
    async def run(count: int) -> float:
        start = time.perf_counter()
        for _ in range(count):
            await call()
        return time.perf_counter() - start

    return run


async def _calls_per_batch(batch: Batch, batch_seconds: float) -> int:
    """Enough calls to last about `batch_seconds`, judged from one call: the contender must be warmed up."""
    if batch_seconds <= 0:
        return 1
    one_call = await batch(1)
    return max(1, min(MAX_CALLS_PER_BATCH, round(batch_seconds / max(one_call, 1e-9))))


async def interleaved_medians(batches: dict[str, Batch], rounds: int, batch_seconds: float) -> dict[str, float]:
    """Median seconds per call of each contender.

    Every round runs one batch of each contender, starting one contender later each round, so drift in the
    machine's speed hits all of them alike. A batch repeats its call to last about `batch_seconds` (once if 0).
    """
    counts = {name: await _calls_per_batch(batch, batch_seconds) for name, batch in batches.items()}
    names = list(batches)
    seconds_per_call: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            seconds_per_call[name].append(await batches[name](counts[name]) / counts[name])
    return {name: statistics.median(samples) for name, samples in seconds_per_call.items()}
