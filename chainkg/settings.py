"""Where things are: corpus, output folder, cache folder, from arguments then environment.

>>> default_out().name
'out'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from chainkg.errors import ChainkgError


def default_corpus() -> Path:
    """``$CHAINKG_CORPUS``, else ``../shared/corpus`` relative to the working directory."""
    env = os.environ.get("CHAINKG_CORPUS")
    return Path(env) if env else Path("..") / "shared" / "corpus"


def default_out() -> Path:
    """``$CHAINKG_OUT``, else ``out`` in the working directory (git-ignored)."""
    return Path(os.environ.get("CHAINKG_OUT", "out"))


def cache_dir() -> Path:
    """``$CHAINKG_CACHE``, else ``.cache/chainkg`` in the working directory (git-ignored)."""
    return Path(os.environ.get("CHAINKG_CACHE", Path(".cache") / "chainkg"))


def corpus_dirs(args: Sequence[str | os.PathLike[str]] | None) -> list[Path]:
    """The corpus folders to read: each argument (``--corpus`` given several times), else the
    default; each must exist and be a folder, and no folder may be given twice."""
    paths = [corpus_dir(a) for a in args] if args else [corpus_dir(None)]
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            raise ChainkgError(f"corpus folder {path} is given twice (--corpus)")
        seen.add(path.resolve())
    return paths


MAX_FILE_ENV = "CHAINKG_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 100


def max_file_bytes() -> int:
    """The largest corpus file read, in bytes: ``$CHAINKG_MAX_FILE_MB`` megabytes, else 100 MB.

    >>> max_file_bytes() == DEFAULT_MAX_FILE_MB * 1_000_000 or bool(os.environ.get(MAX_FILE_ENV))
    True
    """
    text = os.environ.get(MAX_FILE_ENV)
    if not text:
        return DEFAULT_MAX_FILE_MB * 1_000_000
    try:
        value = float(text)
    except ValueError:
        raise ChainkgError(f"{MAX_FILE_ENV}={text!r}: expected a number of megabytes") from None
    if not value > 0:
        raise ChainkgError(f"{MAX_FILE_ENV}={text!r}: must be more than 0")
    return int(value * 1_000_000)


def corpus_dir(arg: str | os.PathLike[str] | None) -> Path:
    """The corpus folder to read: the argument, else the default; it must exist."""
    path = Path(arg) if arg is not None else default_corpus()
    if not path.exists():
        raise ChainkgError(f"corpus folder {path} does not exist (use --corpus DIR or set CHAINKG_CORPUS)")
    if not path.is_dir():
        raise ChainkgError(f"corpus path {path} is not a folder (use --corpus DIR)")
    return path
