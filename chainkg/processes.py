"""Pools of worker processes for the stages that spread their work over cores (ingest, extraction).

Workers are forked where the platform can (Linux: they start with what this process has loaded,
jieba's dictionary and spaCy included, nothing imported again) and spawned elsewhere.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def start_method() -> str:
    """How workers start here: ``"fork"`` where the platform has it, else ``"spawn"``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def process_pool(processes: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``processes`` workers started by :func:`start_method`, each running
    ``initializer(*initargs)`` once before its first task."""
    return ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context(start_method()),
                               initializer=initializer, initargs=initargs)
