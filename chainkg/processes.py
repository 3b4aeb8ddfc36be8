"""Pools of worker processes for the stages that spread their work over cores (ingest, extraction).

Workers are forked where the platform can (Linux: they start with what this process has loaded,
jieba's dictionary and spaCy included, nothing imported again) and spawned elsewhere.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from chainkg.errors import ChainkgError


def start_method() -> str:
    """How workers start here: ``"fork"`` where the platform has it, else ``"spawn"``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def worth_processes(jobs: int, items: int, size: int, per_process: int) -> int:
    """How many of ``jobs`` processes pay for ``items`` pieces of work of ``size`` in all: no more
    than one per piece, nor than one per ``per_process`` of size (below it, starting a process costs
    more than it saves), and at least one. ``jobs`` below 1 is an error naming ``--jobs``.

    >>> worth_processes(4, 10, 3_000, 1_000), worth_processes(4, 1, 9_000, 1_000), worth_processes(2, 5, 10, 1_000)
    (3, 1, 1)
    """
    if jobs < 1:
        raise ChainkgError(f"--jobs {jobs}: must be at least 1")
    return max(1, min(jobs, items, size // per_process))


def process_pool(processes: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``processes`` workers started by :func:`start_method`, each running
    ``initializer(*initargs)`` once before its first task."""
    return ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context(start_method()),
                               initializer=initializer, initargs=initargs)
