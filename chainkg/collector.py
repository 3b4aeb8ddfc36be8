"""The cyclic garbage collector paused while a graph's millions of small containers are made.

A graph (built, unpickled, or turned into Neo4j rows) is millions of dicts, lists and tuples
made in one go. Each collection those allocations trigger walks every container still
alive, the ones just made included, and finds nothing to free: the work grows faster than
the graph (a full collection walks the whole heap, and the larger the heap the more of them
run). Pausing the collector for the block keeps the work linear; what the block leaves behind
is collected as usual once it is back.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True

A process that ends skips the collections the interpreter runs on its way out
(:func:`freeze_at_exit`): they would walk every object still alive to free memory the system is
about to take back.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """The garbage collector off for the block (as it was after). ``freeze``: for a process that
    ends after its one task, what exists at the end goes to the permanent generation before
    the collector is back (``gc.freeze``: never walked again, and never freed before the
    process ends; else its first collection would walk all of it once)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Everything that exists now out of the collector's reach for the block (``gc.freeze``),
    given back after (``gc.unfreeze``, unless something was frozen before the block). For a
    block that reads a large graph while making millions of short-lived objects (writing
    graph.json, the snapshot and the site): each full collection would walk the whole graph.

    >>> with frozen():
    ...     gc.get_freeze_count() > 0
    True
    """
    before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not before:
            gc.unfreeze()


#: allocations between two young collections while documents are extracted (CPython's default: 700)
YOUNG_EXTRACTION = 10_000


@contextmanager
def rarer_young_collections(allocations: int = YOUNG_EXTRACTION) -> Iterator[None]:
    """Young collections once per ``allocations`` net allocations for the block, not once per 700.
    Extraction makes and drops a spaCy Doc and its spans per sentence, a few hundred containers each,
    most freed by their counts: at 700 the collector ran 1,351 young, 122 middle and 11 full
    collections over 300 synthetic documents (0.9 of 10 CPU s, the full ones walking every mention
    kept so far); at 10,000 about a hundred young ones and no full one. Cyclic garbage is still
    collected, a little later.

    The threshold is the process's: blocks overlapping in two threads could leave the other's value behind
    (extraction runs in one thread per process).

    >>> before = gc.get_threshold()
    >>> with rarer_young_collections(5000):
    ...     gc.get_threshold()[0]
    5000
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(allocations, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def freeze_at_exit() -> None:
    """When this process ends, first move everything still alive to the permanent generation
    (``gc.freeze``, run by :mod:`atexit`; registered once however often this is called): the
    interpreter's last collections then skip it. They would walk every object the libraries made
    at import (spaCy's above all: a quarter of a second at the end of a ``chainkg build``), only
    to free memory the system takes back anyway. Objects are still freed when their last reference
    goes; only garbage in reference cycles is left to the system."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
