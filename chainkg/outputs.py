"""The output folder ``OUT``: one writer at a time, whole builds switched by one rename.

::

    OUT/
      builds/<id>/              one folder per build: documents.jsonl, graph.json, site/
      current -> builds/<id>    the build readers see
      documents.jsonl -> current/documents.jsonl
      graph.json      -> current/graph.json
      graph.pickle    -> current/graph.pickle   (the graph's fast-loading snapshot)
      site            -> current/site
      .lock, .lock.owner        the writers' lock (filelock) and who holds it

A writer (``chainkg build``, ``chainkg ingest``) takes ``OUT/.lock`` first: a second one refuses
at once with one line naming the holder (or waits ``wait`` seconds for it). The lock is the
kernel's (``flock``), so a killed holder's lock is gone with it; ``.lock.owner`` only says who
holds it. Holding the lock, the writer removes what killed writers left (build folders that
``current`` does not point to, temporary files of older versions), writes a complete new build
in ``builds/<id>/`` and switches ``current`` to it by renaming a new link over it, then removes
the build before. So a reader of ``OUT/graph.json``, ``OUT/documents.jsonl`` or ``OUT/site/``
(or ``OUT/graph.pickle``) sees the old build or the new one, never a mix, and a build killed at any point leaves the old
one. To read several files of one build, resolve ``OUT/current`` once (``os.path.realpath``).

An output folder written by an older chainkg (plain files, no ``current``) is moved into a build
of its own the first time.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> with new_build(out, "doctest") as stage:
...     _ = (stage / "graph.json").write_text("{}")
>>> (out / "graph.json").read_text(), os.path.islink(out / "current")
('{}', True)
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from chainkg.atomic import write_text
from chainkg.errors import ChainkgError

log = logging.getLogger(__name__)

BUILDS = "builds"
CURRENT = "current"
ENTRIES = ("documents.jsonl", "graph.json", "graph.pickle", "site")
"""What readers open in OUT: each a link into ``current``."""
LOCK_FILE = ".lock"
OWNER_FILE = ".lock.owner"
DOCUMENTS = "documents.jsonl"
# temporary names our writers use in OUT (this version's and older versions'), never a user's file
LEFTOVER = re.compile(r"^\.(?:current|graph\.json|graph\.pickle|site|documents|documents\.jsonl|\.?lock\.owner)\..+")


class EmptyBuildRefused(ChainkgError):
    """A build that read no document would replace one that has documents: refused, the old kept."""

    exit_code = 1

    def __init__(self, message: str, failures: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.failures = tuple(failures)


def _cannot_write(out: Path, exc: OSError) -> ChainkgError:
    where = exc.filename or out
    return ChainkgError(f"output folder {out}: cannot write {where} ({exc.strerror or exc}); "
                        "use --out DIR for a folder you can write")


def holder(out: Path) -> str:
    """Who holds ``out``'s lock, as ``.lock.owner`` says (a phrase), or a plain phrase when unknown."""
    try:
        owner = json.loads((Path(out) / OWNER_FILE).read_text(encoding="utf-8"))
        return f"`{owner['command']}` (pid {owner['pid']} on {owner['host']}, since {owner['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another chainkg process"


@contextmanager
def locked(out: Path, command: str, wait: float = 0.0) -> Iterator[None]:
    """Hold ``OUT/.lock`` (creating ``out``): refuse with one line naming the holder when another
    process holds it and does not let go within ``wait`` seconds."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ChainkgError(f"output folder {out} is a file")
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out / LOCK_FILE, timeout=max(wait, 0.0))
        lock.acquire()
    except Timeout:
        raise ChainkgError(f"output folder {out} is being written by {holder(out)}; wait for it to finish "
                           "(or use --wait SECONDS)") from None
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    try:
        owner = {"command": command, "pid": os.getpid(), "host": socket.gethostname(),
                 "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        write_text(out / OWNER_FILE, json.dumps(owner, ensure_ascii=False) + "\n")
        yield
    finally:
        (out / OWNER_FILE).unlink(missing_ok=True)
        lock.release()


def current_build(out: Path) -> Path | None:
    """The build folder ``OUT/current`` points to, or None."""
    link = Path(out) / CURRENT
    if not link.is_symlink():
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def documents_in(out: Path) -> int:
    """How many documents ``OUT/documents.jsonl`` holds (0 when there is none)."""
    try:
        with open(Path(out) / DOCUMENTS, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 0


def refuse_empty(out: Path, documents: int, failures: Sequence[str] = ()) -> None:
    """Raise :class:`EmptyBuildRefused` when a build read no document and ``out`` holds one that did."""
    if documents:
        return
    held = documents_in(out)
    if held:
        why = f"all {len(failures)} file(s) failed" if failures else "the corpus has no document"
        raise EmptyBuildRefused(f"read no document ({why}); kept the build in {out} ({held} document(s)) "
                                "instead of replacing it by an empty one", failures)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def clean_leftovers(out: Path) -> list[str]:
    """Remove what killed writers left in ``out``: builds ``current`` does not point to, our
    temporary files and folders. Call with the lock held. Returns the names removed."""
    out = Path(out)
    removed = []
    keep = current_build(out)
    builds = out / BUILDS
    if builds.is_dir():
        for path in builds.iterdir():
            if keep is None or path.resolve() != keep:
                _remove(path)
                removed.append(f"{BUILDS}/{path.name}")
    for path in out.iterdir():
        if LEFTOVER.match(path.name):
            _remove(path)
            removed.append(path.name)
    if removed:
        log.info("removed leftovers of earlier runs in %s: %s", out, ", ".join(sorted(removed)))
    return removed


def _link(out: Path, name: str, target: str) -> None:
    """Make ``out/name`` a link to ``target`` by renaming a new link over it (one step)."""
    tmp = out / f".{name}.{secrets.token_hex(4)}.tmp"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, out / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _new_build_dir(out: Path) -> Path:
    builds = out / BUILDS
    builds.mkdir(exist_ok=True)
    path = builds / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    path.mkdir()
    return path


def adopt_legacy(out: Path) -> None:
    """Move outputs of an older chainkg (plain ``graph.json``, ``documents.jsonl``, ``site/`` in
    ``out``) into the current build (a new one when there is none) and put the links in their
    place. Each step can be redone, so a run killed half-way is finished by the next. Call with
    the lock held."""
    out = Path(out)
    legacy = [name for name in ENTRIES if (out / name).exists() and not (out / name).is_symlink()]
    if not legacy:
        return
    build = current_build(out)
    if build is None:
        build = _new_build_dir(out)
        _link(out, CURRENT, f"{BUILDS}/{build.name}")
    for name in legacy:
        if (out / name).is_dir():
            _remove(build / name)
            (out / name).replace(build / name)
        else:  # a second name for the file, so it stays readable under the old one until the link replaces it
            tmp = build / f".{name}.tmp"
            tmp.unlink(missing_ok=True)
            os.link(out / name, tmp)
            os.replace(tmp, build / name)
    _ensure_entries(out)
    log.info("moved the outputs of an older chainkg in %s into %s", out, build)


def _ensure_entries(out: Path) -> None:
    for name in ENTRIES:
        target = f"{CURRENT}/{name}"
        path = out / name
        if not (path.is_symlink() and os.readlink(path) == target):
            _link(out, name, target)


def switch(out: Path, build: Path) -> None:
    """Make ``build`` (a folder in ``OUT/builds``) what readers see: one rename of ``current``."""
    out = Path(out)
    _ensure_entries(out)
    _link(out, CURRENT, f"{BUILDS}/{build.name}")


@contextmanager
def new_build(out: Path, command: str, wait: float = 0.0) -> Iterator[Path]:
    """Lock ``out``, clean what killed writers left, and yield a new, empty build folder; when the
    block ends normally the build becomes current (the one before is removed), when it raises
    the folder is removed and ``out`` is left as it was."""
    out = Path(out)
    with locked(out, command, wait):
        try:
            adopt_legacy(out)
            clean_leftovers(out)
            before = current_build(out)
            stage = _new_build_dir(out)
        except OSError as exc:
            raise _cannot_write(out, exc) from None
        try:
            yield stage
            switch(out, stage)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        if before is not None and before != stage.resolve():
            shutil.rmtree(before, ignore_errors=True)
