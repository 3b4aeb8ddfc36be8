"""Long lists of a site page in data files beside it, so that no page grows with the corpus.

A product of a 3,000-document corpus is made by thousands of projects and read in hundreds of
sentences: every one inline made its page 0.61 MB, about 2 MB at 10,000 documents. A list
longer than :data:`INLINE` keeps its first :data:`INLINE` items in the page (readable without
a script) and puts the rest in files of :data:`PART_ITEMS` items, each one call
``chainkgDom.receive({"file", "items"})`` (:func:`chainkg.views.inline.data_file_text`) that
the page adds as a ``<script>`` when asked for more (``assets/site_more.js``); the index's
project table and search list are split the same way (:mod:`chainkg.views.index_page`).

>>> files = {}
>>> listed = paged_list(list(range(7)), "product", "more/ab-0", files, inline=2, size=3)
>>> listed.shown, listed.total, listed.files
([0, 1], 7, {'stem': 'more/ab-0', 'size': 3, 'rest': 5})
>>> listed.parts()
[{'file': 'more/ab-0-0.js', 'count': 3}, {'file': 'more/ab-0-1.js', 'count': 2}]
>>> files["product/more/ab-0-1.js"]
{'file': 'more/ab-0-1.js', 'items': [5, 6]}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, overload

T = TypeVar("T")
K = TypeVar("K")

INLINE = 100
"""Items of a list shown in the page itself."""
PART_ITEMS = 500
"""Items of a list in one file beside the page."""


class FileSink(Protocol):
    """Where :func:`paged_list` puts each file: site path -> payload (a ``dict``, or a writer
    that writes each file as it comes, so a long list is never held whole)."""

    def __setitem__(self, path: str, payload: dict[str, Any]) -> None: ...


class MadeItems(Sequence[T]):
    """The items ``make(key)`` of ``keys``, each made when it is read: a slice makes only its
    run. A long list paged into a :class:`FileSink` that writes as it goes is then held a file
    at a time (the index's project rows and search entries, thousands at 1,000 documents).

    >>> items = MadeItems(["a", "b", "c"], str.upper)
    >>> len(items), items[1], items[1:]
    (3, 'B', ['B', 'C'])
    """

    def __init__(self, keys: Sequence[K], make: Callable[[K], T]) -> None:
        self._keys, self._make = keys, make

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(key) for key in self._keys[index]]
        return self._make(self._keys[index])


@dataclass(frozen=True)
class PagedList(Generic[T]):
    """A list as a page holds it: the items ``shown`` in it, how many there are in all, and
    where the rest are: files ``<stem>-<n>.js`` (relative to the page) of ``size`` items, the
    last one shorter. The page is told only ``files`` (stem, size and the items in files), so it
    does not grow with the list: ``assets/dom.js`` ``chainkgDom.parts`` names the files."""

    shown: list[T]
    total: int
    stem: str
    size: int

    @property
    def files(self) -> dict[str, Any]:
        """What the page needs to load the rest: ``{"stem", "size", "rest"}`` (items in files)."""
        return {"stem": self.stem, "size": self.size, "rest": self.total - len(self.shown)}

    def parts(self) -> list[dict[str, Any]]:
        """The files, in order: ``{"file": name relative to the page, "count": items}``."""
        rest = self.total - len(self.shown)
        return [{"file": f"{self.stem}-{n}.js", "count": min(self.size, rest - start)}
                for n, start in enumerate(range(0, rest, self.size))]


def paged_list(items: Sequence[T], folder: str, stem: str, files: FileSink,
               inline: int | None = None, size: int | None = None) -> PagedList[T]:
    """``items`` of a page in site folder ``folder`` (``""``: the site root): the first
    ``inline`` (default :data:`INLINE`) shown, the rest in files ``<stem>-<n>.js`` (relative to
    the page) of ``size`` items (default :data:`PART_ITEMS`), put in ``files`` (site path ->
    the file's payload) one file at a time, each file's items read from ``items`` as a slice."""
    inline = INLINE if inline is None else inline
    listed = PagedList(list(items[:inline]), len(items), stem, PART_ITEMS if size is None else size)
    for part, start in zip(listed.parts(), range(inline, listed.total, listed.size)):
        files[f"{folder}/{part['file']}" if folder else part["file"]] = {"file": part["file"],
                                                                         "items": list(items[start:start + listed.size])}
    return listed
