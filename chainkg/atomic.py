"""Files and folders written whole or not at all, with the permissions the user's umask gives.

``tempfile.mkstemp`` and ``mkdtemp`` create mode 600 / 700 (private), and a rename keeps the
mode: outputs written that way could not be read by a colleague or a web server. Here the
temporary file or folder gets the mode a plain ``open()`` or ``mkdir`` would give, then it is
renamed into place.

>>> import pathlib, tempfile
>>> p = write_text(pathlib.Path(tempfile.mkdtemp()) / "a.txt", "甲")
>>> p.read_text(encoding="utf-8"), oct(p.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
('甲', True)
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from chainkg.file_writer import text_chunks

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back, under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets from ``open()``: 666 less the umask."""
    return 0o666 & ~current_umask()


def dir_mode() -> int:
    """The mode a new folder gets from ``mkdir``: 777 less the umask."""
    return 0o777 & ~current_umask()


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, atomically: it is a temporary file in the same
    folder (with the umask's mode) renamed over ``path`` when the block ends normally, and
    removed when it raises, so ``path`` is whole or as it was. For outputs too large to hold
    as one string: write them piece by piece.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "b.bin"
    >>> with open_atomic(p) as fh:
    ...     _ = fh.write(b"ab")
    >>> p.read_bytes()
    b'ab'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_chunks(path: Path, pieces: Iterable[str] | Iterable[bytes], digest: Any = None) -> Path:
    """Write the text made of ``pieces`` to ``path`` as UTF-8 (or the bytes, when the pieces are
    bytes), atomically (:func:`open_atomic`), about a megabyte at a time
    (:func:`chainkg.file_writer.text_chunks`): a text of gigabytes is never one string in memory.
    ``digest`` (a ``hashlib`` object) is fed the bytes written. Returns ``path``.

    >>> import hashlib, pathlib, tempfile
    >>> h = hashlib.sha256()
    >>> p = write_chunks(pathlib.Path(tempfile.mkdtemp()) / "c.txt", iter(["甲", "乙\\n"]), h)
    >>> p.read_text(encoding="utf-8"), h.hexdigest() == hashlib.sha256("甲乙\\n".encode()).hexdigest()
    ('甲乙\\n', True)
    >>> write_chunks(p, iter([b"a", "乙".encode()])).read_text(encoding="utf-8")
    'a乙'
    """
    with open_atomic(path) as handle:
        for chunk in text_chunks(pieces):
            data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
            if digest is not None:
                digest.update(data)
            handle.write(data)
    return Path(path)


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8 (``\\n`` line ends), atomically (:func:`open_atomic`);
    the file has the umask's mode. Returns ``path``."""
    return write_chunks(path, [text])


def make_temp_dir(parent: Path, prefix: str) -> Path:
    """A new, empty folder in ``parent`` with a unique name starting with ``prefix``, with the mode
    ``mkdir`` would give it (``mkdtemp`` makes it private)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(path, dir_mode())
    return path
