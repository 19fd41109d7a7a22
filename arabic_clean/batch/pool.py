"""Cleaning chunks: in this process, or in worker processes that die with their parent; the
results come back in input order either way, with a bounded window of chunks in flight."""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from ..formats import Chunk, ChunkResult, Job, process_chunk
from . import reading
from .reading import ReadFailure
from .sources import Source

# The job of this worker process, set once by `_worker_init` when the pool starts it; never
# set in the parent.  The one piece of module state here, and on purpose: sending the job with
# every chunk instead would rebuild the pipeline's compiled steps for each chunk (~1.7 ms per
# 256 KB chunk, a few percent of the run).
_WORKER_JOB: Job | None = None


def _worker_init(job: Job, parent: int) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is the parent's
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this worker when its parent dies (kill -9 included), so no
    worker is left running a chunk nobody will read.  Elsewhere the pool's pipes end them."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl: nobody would tell us
        os._exit(1)


def _worker_run(chunk: Chunk) -> ChunkResult:
    assert _WORKER_JOB is not None
    return process_chunk(_WORKER_JOB, chunk)


def useful_workers(asked: int, sources: Sequence[Source]) -> int:
    """No more workers than cores, nor than pieces of work (a file, or a block of a large
    one): `-W 300` on one record starts one process, not 300."""
    block = reading.BLOCK_SIZE  # looked up at each call: tests shrink it to make many chunks
    pieces = sum(max(1, -(-s.size // block)) if s.fmt != "txt" else 1 for s in sources)
    return max(1, min(asked, os.cpu_count() or 1, pieces))


def ordered_results(tasks: Iterator[tuple[Any, Chunk | ReadFailure]], job: Job, workers: int,
                    ) -> Iterator[tuple[Any, Chunk | ReadFailure, ChunkResult | None]]:
    """Results in input order; with workers, a bounded window of chunks in flight."""
    if workers <= 1:
        for owner, chunk in tasks:
            yield owner, chunk, process_chunk(job, chunk) if isinstance(chunk, Chunk) else None
        return
    from concurrent.futures import ProcessPoolExecutor

    window: deque = deque()
    with ProcessPoolExecutor(workers, initializer=_worker_init,
                             initargs=(job, os.getpid())) as pool:
        try:
            for owner, chunk in tasks:
                future = pool.submit(_worker_run, chunk) if isinstance(chunk, Chunk) else None
                window.append((owner, chunk, future))
                while len(window) > 2 * workers:
                    owner_, chunk_, future_ = window.popleft()
                    yield owner_, chunk_, future_ and future_.result()
            while window:
                owner_, chunk_, future_ = window.popleft()
                yield owner_, chunk_, future_ and future_.result()
        finally:
            for _, _, future in window:
                if future is not None:
                    future.cancel()
