"""A stage run in a process of its own, its result handed back through a spool file.

A Python process seldom gives freed memory back to the system: the arenas that held a stage's
millions of small objects each keep a survivor, and the process keeps their pages for its
later stages. ``chainkg build`` holds the documents, then every mention the extraction workers
sent back, then the resolved facts; freed, they still took a gigabyte of the build's peak at
ten thousand documents, under the graph made after them. :func:`run_apart` runs such a stage
in a forked child that writes its value (a pickle, which keeps every shared object shared)
to a spool file and exits, so all its memory goes back to the system; this process reads the
value and goes on with only that.

A value too large to hold twice can be handed over as :class:`InParts`: a head and a sequence of
parts, each written as a pickle of its own and read back one at a time, so the reader holds the
head and the part it is using, never the whole value (the graph's process builds the graph from
the resolved facts part by part, each part freed once added; objects are shared within a part,
not across parts).

The spool is a private file of one build: it starts with :data:`MAGIC` (its format's version)
and holds ``("made", value)``, ``("parts", head)`` followed by ``("part", part)`` records and
``("end", count)``, or ``("raised", exception)``: an exception raised in the child
(a :class:`~chainkg.errors.ChainkgError` of bad input above all) is raised again here, with
the child's traceback as a note. A spool that cannot be read (missing, truncated, another
format; a part cut short) is a :class:`SpoolError` naming the file. Where processes cannot be forked, the
stage runs in this process (the same value; its memory kept).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from chainkg.collector import collector_paused
from chainkg.errors import ChainkgError

MAGIC = b"chainkg spool 2\n"
"""The first bytes of a spool file; the number is the format's version."""

T = TypeVar("T")
H = TypeVar("H")
P = TypeVar("P")


class SpoolError(ChainkgError):
    """A spool file that cannot be read, or a child process that ended without writing one."""

    exit_code = 1


@dataclass(frozen=True)
class InParts(Generic[H, P]):
    """A value handed over as its ``head`` and its ``parts``, one pickle each in the spool: read
    back, ``parts`` is a one-pass iterator that reads each part when it is reached, so a reader
    that lets each part go once used holds one at a time.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "x.spool"
    >>> write_spool(path, ("made", InParts("head", iter([[1, 2], [3]]))))
    >>> outcome, value = read_spool(path)
    >>> outcome, value.head, list(value.parts)
    ('made', 'head', [[1, 2], [3]])
    """

    head: H
    parts: Iterable[P]


def write_spool(path: Path, outcome: tuple[str, Any]) -> None:
    """Write ``outcome`` (``("made", value)`` or ``("raised", exception)``) to ``path`` as a spool:
    :data:`MAGIC`, then one pickle of it (objects the value shares stay shared), or for a value
    :class:`InParts` its head, each part and an end record, each a pickle of its own."""
    kind, value = outcome
    with open(path, "wb") as f:
        f.write(MAGIC)
        if kind == "made" and isinstance(value, InParts):
            pickle.dump(("parts", value.head), f, protocol=pickle.HIGHEST_PROTOCOL)
            count = 0
            for part in value.parts:
                pickle.dump(("part", part), f, protocol=pickle.HIGHEST_PROTOCOL)
                count += 1
            pickle.dump(("end", count), f, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            pickle.dump(outcome, f, protocol=pickle.HIGHEST_PROTOCOL)


_UNREADABLE = (pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError, IndexError, KeyError,
               TypeError, MemoryError)
"""What unpickling a cut or damaged file raises."""


def read_spool(path: Path) -> tuple[str, Any]:
    """The outcome :func:`write_spool` wrote to ``path`` (a value in parts comes back as
    :class:`InParts` whose parts are read from the open file as they are reached, so the file
    may be removed once this returns); :class:`SpoolError` naming the file when it is missing,
    is no spool of this format, or is cut short (for a part: when that part is reached)."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise SpoolError(f"spool {path}: cannot read it ({exc.strerror or exc})") from None
    try:
        head = f.read(len(MAGIC))
        if head != MAGIC:
            raise SpoolError(f"spool {path}: not a chainkg spool of format {MAGIC.strip().decode()!r} "
                             f"(it starts with {head[:24]!r})")
        kind, value = _record(path, f)
        if kind not in ("made", "raised", "parts"):
            raise SpoolError(f"spool {path}: damaged (it opens with a {kind!r} record)")
    except BaseException:
        f.close()
        raise
    if kind != "parts":
        f.close()
        return kind, value
    return "made", InParts(value, _parts(path, f))


def _record(path: Path, f: IO[bytes]) -> tuple[str, Any]:
    """The next pickle of the spool ``f``, a ``(kind, value)`` pair."""
    try:
        with collector_paused():  # millions of fresh objects: no collection walks them
            record = pickle.load(f)
    except OSError as exc:
        raise SpoolError(f"spool {path}: cannot read it ({exc.strerror or exc})") from None
    except _UNREADABLE as exc:
        raise SpoolError(f"spool {path}: unreadable, cut short or damaged ({type(exc).__name__}: {exc})") from None
    if not (isinstance(record, tuple) and len(record) == 2 and record[0] in ("made", "raised", "parts", "part", "end")):
        raise SpoolError(f"spool {path}: unreadable, cut short or damaged (a record of another kind)")
    return record


def _parts(path: Path, f: IO[bytes]) -> Iterator[Any]:
    """Each part of the spool ``f`` in turn, up to its end record (which counts them)."""
    with f:
        count = 0
        while True:
            kind, value = _record(path, f)
            if kind == "end":
                if value != count:
                    raise SpoolError(f"spool {path}: damaged ({count} part(s) read, its end record says {value})")
                return
            if kind != "part":
                raise SpoolError(f"spool {path}: damaged (a {kind!r} record after part {count})")
            count += 1
            yield value
            del value  # the part goes once its reader lets it go, before the next is read


def run_apart(path: Path, make: Callable[..., T], *args: Any) -> T:
    """``make(*args)``, run in a forked child process that hands its value back through the spool
    ``path`` (removed once read) and exits, so that the memory the child used goes back to the
    system; an exception ``make`` raised is raised here. A value :class:`InParts` comes back with
    its parts read one at a time as they are used. Without ``fork`` (not Linux), ``make`` runs in
    this process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return make(*args)
    path = Path(path)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(path, make, args),
                                                         name=f"chainkg {getattr(make, '__name__', 'stage')}")
    child.start()
    child.join()
    try:
        if not path.exists():
            raise SpoolError(f"spool {path}: the child process running {getattr(make, '__name__', make)!r} "
                             f"ended (exit code {child.exitcode}) without writing it")
        outcome, value = read_spool(path)
    finally:
        path.unlink(missing_ok=True)
    if outcome == "raised":
        raise value
    return value


def _child(path: Path, make: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the child: run ``make``, write its value or its exception to the spool, end."""
    try:
        outcome: tuple[str, Any] = ("made", make(*args))
    except BaseException as exc:  # every outcome goes to the parent, which raises it
        exc.add_note("in the child process:\n" + "".join(traceback.format_exception(exc)).rstrip())
        try:
            pickle.dumps(exc)
            outcome = ("raised", exc)
        except Exception:  # an exception that cannot be pickled: its text
            outcome = ("raised", RuntimeError("".join(traceback.format_exception(exc))))
    try:
        # the child ends right after: each full collection would walk all it made, for no cycle worth freeing
        # (4,000 synthetic documents' facts: 13.5-16.6 -> 7.1-7.7 CPU s, the same peak)
        with collector_paused():
            write_spool(path, outcome)
    except BaseException:
        Path(path).unlink(missing_ok=True)  # the parent reports a child that wrote no spool
        os._exit(1)
