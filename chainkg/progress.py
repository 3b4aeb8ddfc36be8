"""Progress bars that show on a terminal and stay quiet in pipes and CI.

>>> list(progress([1, 2, 3], desc="files"))
[1, 2, 3]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress_enabled() -> bool:
    """True when stderr is a terminal and we are not in CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def progress(items: Iterable[T], desc: str, total: int | None = None, unit: str = "it") -> Iterator[T]:
    """Wrap ``items`` in a tqdm bar on a terminal; yield them unchanged otherwise."""
    return iter(tqdm(items, desc=desc, total=total, unit=unit, disable=not progress_enabled(), leave=False))
