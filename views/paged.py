"""Long lists of a site page in data files beside it, so that no page grows with the corpus.

A product of a 3,000-document corpus is made by thousands of projects and read in hundreds of
sentences: every one inline made its page 0.61 MB, about 2 MB at 10,000 documents. A list
longer than :data:`INLINE` keeps its first :data:`INLINE` items in the page (readable without
a script) and puts the rest in files of :data:`PART_ITEMS` items, each one call
``chainkgDom.receive({"file", "items"})`` (:func:`chainkg.views.inline.data_file_pieces`) that
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

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

INLINE = 100
"""Items of a list shown in the page itself."""
PART_ITEMS = 500
"""Items of a list in one file beside the page."""


def split(items: list[T], size: int) -> list[list[T]]:
    """``items`` in runs of ``size`` (the last one shorter), none for no items.

    >>> split(list(range(5)), 2)
    [[0, 1], [2, 3], [4]]
    """
    return [items[start:start + size] for start in range(0, len(items), size)]


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


def paged_list(items: list[T], folder: str, stem: str, files: dict[str, dict[str, Any]],
               inline: int | None = None, size: int | None = None) -> PagedList[T]:
    """``items`` of a page in site folder ``folder`` (``""``: the site root): the first
    ``inline`` (default :data:`INLINE`) shown, the rest in files ``<stem>-<n>.js`` (relative to
    the page) of ``size`` items (default :data:`PART_ITEMS`), added to ``files`` (site path ->
    the file's payload)."""
    inline = INLINE if inline is None else inline
    listed = PagedList(items[:inline], len(items), stem, PART_ITEMS if size is None else size)
    for part, rows in zip(listed.parts(), split(items[inline:], listed.size)):
        files[f"{folder}/{part['file']}" if folder else part["file"]] = {"file": part["file"], "items": rows}
    return listed
