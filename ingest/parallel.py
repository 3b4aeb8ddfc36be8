"""Extraction on all cores: the documents cut into contiguous shares, one process per core.

What extraction reads about a sentence never crosses a document (the context of
:func:`chainkg.ingest.extract.extract` starts afresh with each document), so the mentions of
consecutive shares of documents, put one after another, are exactly the mentions of all the
documents in one process (tested). Resolution then runs once over all of them, in the parent.

Each worker process builds the pipeline once (``initializer``) and extracts share after share;
shares are about :data:`SHARES_PER_JOB` per process, cut by characters, so a process that gets
long documents does not hold the others up. Processes are forked where the platform can
(Linux: no re-import of spaCy) and spawned elsewhere (:mod:`chainkg.processes`). A corpus too small to gain
(:data:`MIN_CHARS_PER_JOB` characters a process) is extracted in this process.

What comes back is made one object per equal value (:class:`ValueSharing`) share by share as
it arrives: a worker's mentions come back unpickled, every company name, product, rule,
span and heading of every fact an object of its own, and at ten thousand documents those
copies are the largest thing the build holds until the graph is made.

>>> shares([3, 1, 1, 1, 2, 2], 3)
[(0, 2), (2, 5), (5, 6)]
>>> shares([], 4)
[]
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import fields
from operator import attrgetter, is_
from struct import pack
from typing import TYPE_CHECKING, Any

from chainkg.collector import frozen
from chainkg.processes import process_pool, start_method, worth_processes
from chainkg.ingest.facts import Mentions

if TYPE_CHECKING:  # spaCy and the templates load only where extraction runs (the CLI imports this module)
    from spacy.language import Language

    from chainkg.reading.document import Document
    from chainkg.templates import Templates

log = logging.getLogger(__name__)

SHARES_PER_JOB = 4
MIN_CHARS_PER_JOB = 200_000
"""About a second of extraction on one core: below this per process, start-up costs more than it saves."""

_NLP: Language | None = None  # the worker's pipeline, built once by _start_worker


def default_jobs() -> int:
    """The cores this process may run on (``os.sched_getaffinity``), else ``os.cpu_count()``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def shares(sizes: Sequence[int], count: int) -> list[tuple[int, int]]:
    """Cut ``range(len(sizes))`` into at most ``count`` contiguous, non-empty ``(start, end)``
    shares of about equal total size."""
    total = sum(sizes)
    if not sizes:
        return []
    out: list[tuple[int, int]] = []
    start, done = 0, 0
    for i, size in enumerate(sizes):
        done += size
        if done * count >= total * (len(out) + 1) or i == len(sizes) - 1:
            out.append((start, i + 1))
            start = i + 1
    return out


def merge_mentions(parts: Sequence[Mentions]) -> Mentions:
    """The mentions of consecutive shares of documents, one after another."""
    return Mentions(*(tuple(item for part in parts for item in getattr(part, f.name)) for f in fields(Mentions)))


class ValueSharing:
    """A table of canonical values: calling it with mentions (or any value of them) returns the
    same value made of the first equal objects it was given, so that equal strings, figures,
    spans, headings and whole evidence of different facts are one object.

    Strings and ints are keyed by value (each in a table of its own), floats by their exact bits
    (``float.hex``: ``0.0`` and ``-0.0`` stay apart), tuples and the frozen dataclasses of :mod:`chainkg.ingest.facts` by their type
    and the identities of their (already canonical) items (:func:`_identities`), so ``(1,)`` and
    ``(True,)`` stay apart and nothing is hashed deeply twice. A dataclass whose fields all were canonical
    already is kept as it is; else an equal one is made of the canonical fields. The values
    are the same value for value: only fewer objects hold them. One table per extraction.

    >>> share = ValueSharing()
    >>> a, b = ("甲乙锂业", "".join(["丙", "丁"])), ("甲乙锂业", "".join(["丙丁"]))
    >>> a[1] is b[1], share(a) is share(b), share(b)[1] is a[1]
    (False, True, True)
    >>> share((1,)) is share((True,)), share(0.0) is share(-0.0)
    (False, False)
    """

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._ints: dict[int, int] = {}
        self._table: dict[tuple[Any, ...], Any] = {}  # floats, tuples and dataclasses, by the keys above
        self._fields: dict[type, Callable[[Any], tuple[Any, ...]]] = {}

    def __call__(self, value: Any) -> Any:
        return self._canonical(value, {})

    def mentions(self, mentions: Mentions) -> Mentions:
        """``mentions`` with every fact made of the table's objects."""
        seen: dict[int, Any] = {}
        return Mentions(*(tuple(self._items(getattr(mentions, f.name), seen)) for f in fields(Mentions)))

    def _items(self, values: Any, seen: dict[int, Any]) -> list[Any]:
        """The canonical value of each of ``values``: strings and ints (most of the items of a
        fact) looked up here, without a call of :meth:`_canonical` each."""
        strings, ints = self._strings, self._ints
        out = []
        for item in values:
            kind = type(item)
            if kind is str:
                item = strings.setdefault(item, item)
            elif kind is int:
                item = ints.setdefault(item, item)
            elif kind not in _AS_THEY_ARE:
                item = self._canonical(item, seen)
            out.append(item)
        return out

    def _canonical(self, value: Any, seen: dict[int, Any]) -> Any:
        """The table's value equal to ``value``; ``seen``: the canonical value of each tuple and
        dataclass met in this call by its id (they stay alive through the call, as parts of the
        value it was given), so an object the value holds many times is walked once."""
        kind = type(value)
        if kind is str:
            return self._strings.setdefault(value, value)
        if kind in _AS_THEY_ARE:
            return value
        if kind is int:
            return self._ints.setdefault(value, value)
        if kind is float:
            return self._table.setdefault((float, value.hex()), value)
        done = seen.get(id(value))
        if done is not None:
            return done
        if kind is tuple:
            items = tuple(self._items(value, seen))
            done = self._table.setdefault(_identities(tuple, items), items)
        else:
            read = self._fields.get(kind)
            if read is None:
                if not hasattr(kind, "__dataclass_fields__"):
                    return value  # a dict, a list …: as it is
                names = [f.name for f in fields(kind)]
                read = self._fields[kind] = attrgetter(*names) if len(names) > 1 else _one(names[0])
            old = read(value)
            new = self._items(old, seen)
            key = _identities(kind, new)
            done = self._table.get(key)
            if done is None:
                done = self._table[key] = value if all(map(is_, old, new)) else kind(*new)
        seen[id(value)] = done
        return done


def _identities(kind: type, items: Sequence[Any]) -> bytes:
    """The key of a value of ``kind`` made of ``items`` in :class:`ValueSharing`'s table: the
    identities of the type and of the items, packed as machine words into one bytes object
    (a tuple of them made an int object of each: about 660 bytes for an :class:`Evidence` where
    this is 169; the table was three times the size of the mentions it shared)."""
    return pack(f"{len(items) + 1}N", id(kind), *map(id, items))


def _one(name: str) -> Callable[[Any], tuple[Any, ...]]:
    """As ``attrgetter(name, …)`` for one field: its value in a 1-tuple."""
    return lambda value: (getattr(value, name),)


_AS_THEY_ARE: frozenset[type] = frozenset({type(None), bool})
"""Values :class:`ValueSharing` leaves as they are: None and the booleans are one object each."""


def _start_worker(templates: Templates | None) -> None:
    global _NLP
    from chainkg.ingest.nlp import shared_pipeline

    _NLP = shared_pipeline(templates)


def _extract_share(docs: Sequence[Document]) -> Mentions:
    from chainkg.ingest.extract import extract

    assert _NLP is not None, "worker started without its pipeline"
    return extract(docs, _NLP)


def effective_jobs(docs: Sequence[Document], jobs: int) -> int:
    """How many processes ``jobs`` gives for ``docs``: no more than documents, and no more than
    one per :data:`MIN_CHARS_PER_JOB` characters."""
    return worth_processes(jobs, len(docs), sum(len(d.text) for d in docs), MIN_CHARS_PER_JOB)


def extract_mentions(docs: Sequence[Document], templates: Templates | None = None, jobs: int = 1) -> Mentions:
    """The mentions of ``docs`` (see :func:`chainkg.ingest.extract.extract`), on up to ``jobs``
    processes; the same mentions in the same order as one process gives."""
    from chainkg.ingest.extract import extract
    from chainkg.ingest.nlp import shared_pipeline

    processes = effective_jobs(docs, jobs)
    sharing = ValueSharing()
    # the documents and all else made before out of the collector's reach (here and in the forked
    # workers): extraction makes and drops a Doc per sentence, and every full collection those
    # trigger would walk all the texts again (the collector's share of extraction CPU at 300 documents in
    # one process: 9 % -> 4 %)
    with frozen():
        if processes == 1:
            return sharing.mentions(extract(docs, shared_pipeline(templates)))
        cuts = shares([len(d.text) for d in docs], processes * SHARES_PER_JOB)
        log.info("extracting %d document(s) on %d processes (%d shares, %s)", len(docs), processes, len(cuts),
                 start_method())
        with process_pool(processes, _start_worker, (templates,)) as pool:
            parts = [sharing.mentions(part) for part in pool.map(_extract_share, [docs[a:b] for a, b in cuts])]
    return merge_mentions(parts)
