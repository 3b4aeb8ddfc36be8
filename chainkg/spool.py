"""A stage run in a process of its own, its result handed back through a spool file.

A Python process seldom gives freed memory back to the system: the arenas that held a stage's
millions of small objects each keep a survivor, and the process keeps their pages for its
later stages. ``chainkg build`` holds the documents, then every mention the extraction workers
sent back, then the resolved facts; freed, they still took a gigabyte of the build's peak at
ten thousand documents, under the graph made after them. :func:`run_apart` runs such a stage
in a forked child that writes its value (a pickle, which keeps every shared object shared)
to a spool file and exits, so all its memory goes back to the system; this process reads the
value and goes on with only that.

The spool is a private file of one build: it starts with :data:`MAGIC` (its format's version)
and holds ``("made", value)`` or ``("raised", exception)``: an exception raised in the child
(a :class:`~chainkg.errors.ChainkgError` of bad input above all) is raised again here, with
the child's traceback as a note. A spool that cannot be read (missing, truncated, another
format) is a :class:`SpoolError` naming the file. Where processes cannot be forked, the
stage runs in this process (the same value; its memory kept).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from chainkg.collector import collector_paused
from chainkg.errors import ChainkgError

MAGIC = b"chainkg spool 1\n"
"""The first bytes of a spool file; the number is the format's version."""

T = TypeVar("T")


class SpoolError(ChainkgError):
    """A spool file that cannot be read, or a child process that ended without writing one."""

    exit_code = 1


def write_spool(path: Path, value: Any) -> None:
    """Write ``value`` to ``path`` as a spool (:data:`MAGIC`, then one pickle of it: objects the
    value shares stay shared)."""
    with open(path, "wb") as f:
        f.write(MAGIC)
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)


def read_spool(path: Path) -> Any:
    """The value :func:`write_spool` wrote to ``path``; :class:`SpoolError` naming the file when it
    is missing, is no spool of this format, or is cut short."""
    try:
        with open(path, "rb") as f, collector_paused():  # millions of fresh objects: no collection walks them
            head = f.read(len(MAGIC))
            if head != MAGIC:
                raise SpoolError(f"spool {path}: not a chainkg spool of format {MAGIC.strip().decode()!r} "
                                 f"(it starts with {head[:24]!r})")
            return pickle.load(f)
    except OSError as exc:
        raise SpoolError(f"spool {path}: cannot read it ({exc.strerror or exc})") from None
    except (pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError, IndexError, KeyError,
            TypeError, MemoryError) as exc:
        raise SpoolError(f"spool {path}: unreadable, cut short or damaged ({type(exc).__name__}: {exc})") from None


def run_apart(path: Path, make: Callable[..., T], *args: Any) -> T:
    """``make(*args)``, run in a forked child process that hands its value back through the spool
    ``path`` (removed once read) and exits, so that the memory the child used goes back to the
    system; an exception ``make`` raised is raised here. Without ``fork`` (not Linux), ``make``
    runs in this process."""
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
        write_spool(path, outcome)
    except BaseException:
        Path(path).unlink(missing_ok=True)  # the parent reports a child that wrote no spool
        os._exit(1)
