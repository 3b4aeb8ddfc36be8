"""The files of a new folder made by a second process, beside the work of rendering them.

Making a file is the kernel's work more than ours: on the build machine (ext4) creating an
empty file costs about 65 µs of system time and writing 5 KB into it 35 µs, against 3 µs to
open one that exists. The site of 1,000 documents is 41,613 files, 6.4 of its 18.4 CPU seconds
in ``open``, ``write`` and ``close``, and none of it can overlap the rendering in one process
(a writer thread would wait for the interpreter's lock after each call). A :class:`FileWriter`
hands each file's bytes through a pipe to a small process of its own, which makes the files
while the caller renders the next ones: two cores, the second one otherwise idle while the
site is written.

The helper is this module run as a script (``python -I -S file_writer.py FOLDER``): it imports
the standard library only and is not a fork of the caller, so it holds a few megabytes, never
the caller's graph. On its standard input, per file: the path relative to ``FOLDER`` (one
line), then the bytes in chunks, each a line with its length followed by the bytes, ended by a
chunk of length 0. Files are written in place (the folder is new and no one reads it before
it is complete), with the mode ``open()`` gives (the umask's), their folders made when missing.
A file the helper cannot write ends it with a one-line message: the caller's next write or its
:meth:`FileWriter.close` raises ``OSError`` with that message (as writing the file itself would).

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> with FileWriter(root) as files:
...     files.write("a/甲.txt", ["甲", "乙\\n"])
...     files.write("b.txt", "")
>>> (root / "a" / "甲.txt").read_text(encoding="utf-8"), (root / "b.txt").read_bytes()
('甲乙\\n', b'')
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import AnyStr, BinaryIO, cast

PIPE_BUFFER = 1 << 20
"""Bytes gathered on either side of the pipe before a system call (one per megabyte)."""
CHUNK_CHARS = 1 << 20
"""Characters of a text encoded and written at a time (:func:`text_chunks`)."""


class FileWriter:
    """New files under ``root`` (an existing folder), made by a helper process (module
    docstring). Use it as a context manager: on a normal exit it waits for every file to be
    written; on an exception it stops the helper (the folder is to be thrown away)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._helper = subprocess.Popen([sys.executable, "-I", "-S", __file__, str(self.root)],
                                         stdin=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=PIPE_BUFFER)
        self._pipe = cast(BinaryIO, self._helper.stdin)  # stdin=PIPE: always a pipe

    def write(self, path: str, text: str | Iterable[str]) -> None:
        """Have ``root / path`` written with ``text`` (a string, or its pieces) as UTF-8."""
        if "\n" in path or os.path.isabs(path):
            raise ValueError(f"not a relative file name: {path!r}")
        pieces = [text] if isinstance(text, str) else text
        try:
            self._pipe.write(path.encode("utf-8") + b"\n")
            for chunk in text_chunks(pieces):
                data = chunk.encode("utf-8")
                self._pipe.write(b"%d\n%s" % (len(data), data))
            self._pipe.write(b"0\n")
        except BrokenPipeError:
            self._finish()  # raises with the helper's message
            raise

    def close(self) -> None:
        """Wait until every file is written; ``OSError`` when one could not be."""
        self._finish()

    def abort(self) -> None:
        """Stop the helper at once and wait for it (files may be left half-written)."""
        self._helper.kill()
        self._helper.communicate()

    def __enter__(self) -> FileWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def _finish(self) -> None:
        _, message = self._helper.communicate()  # the pipe flushed and closed: the helper's end of input
        if self._helper.returncode != 0:
            text = message.decode("utf-8", "replace").strip() or f"exit status {self._helper.returncode}"
            raise OSError(f"writing files under {self.root} failed: {text}")


def text_chunks(pieces: Iterable[AnyStr]) -> Iterator[AnyStr]:
    """``pieces`` (texts, or bytes) joined into pieces of about :data:`CHUNK_CHARS` characters
    (or bytes; the last shorter; never an empty one): a page of a hundred megabytes (the
    whole-graph view at a province's scale) or a graph.json of gigabytes is encoded and written a
    megabyte at a time, never as one string.

    >>> list(text_chunks(["ab", "", "c"])), list(text_chunks([""])), list(text_chunks([b"a", b"b"]))
    (['abc'], [], [b'ab'])
    """
    pending: list[AnyStr] = []
    size = 0
    for piece in pieces:
        pending.append(piece)
        size += len(piece)
        if size >= CHUNK_CHARS:
            yield pending[0][:0].join(pending)
            pending, size = [], 0
    if size:
        yield pending[0][:0].join(pending)


def serve(root: Path, source: BinaryIO) -> None:
    """The helper's loop: make the files that ``source`` describes (module docstring) under ``root``."""
    while path := source.readline():
        target = os.path.join(root, path[:-1].decode("utf-8"))
        try:
            handle = open(target, "wb")
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            handle = open(target, "wb")
        with handle:
            while size := int(source.readline()):
                handle.write(source.read(size))


if __name__ == "__main__":
    try:
        with open(sys.stdin.fileno(), "rb", buffering=PIPE_BUFFER, closefd=False) as stdin:
            serve(Path(sys.argv[1]), stdin)
    except (OSError, ValueError) as problem:
        print(problem, file=sys.stderr)
        raise SystemExit(1) from None
