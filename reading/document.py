"""The document model every later stage reads: normalized text, sentences, provenance.

A :class:`Document` is what ``chainkg ingest`` writes, one JSON object per line of
``documents.jsonl``. Every :class:`Sentence` carries two spans: ``start``/``end`` into the
normalized ``Document.text`` and ``orig_start``/``orig_end`` into the original file's decoded
text, so a fact found in a sentence can be traced back to the exact characters of the source.
``orig_spans`` are the exact pieces of the original (several when the sentence was rejoined
across a column break, or when a dropped mark sat inside it); ``Document.char_map`` maps
every character of the normalized text back to the original.

Example
-------
>>> s = Sentence(index=0, text="甲。", start=0, end=2, orig_start=0, orig_end=3,
...              headings=("一、总述",))
>>> Sentence.from_dict(s.to_dict()) == s
True
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document.

    ``text == Document.text[start:end]``; the original file's decoded text at
    ``orig_start:orig_end`` is the same sentence with its layout noise (spaces, line breaks,
    page-jump marks); when the sentence was rejoined from parts of the original that are
    apart (a paragraph resumed further down), ``orig_start:orig_end`` is the envelope and
    ``orig_spans`` the parts, in sentence order: each part holds only the sentence's own
    characters and whitespace (dropped marks fall between parts), so the parts, whitespace
    removed, read as ``text`` whitespace removed. ``headings`` is the path of section
    headings above the sentence, outermost first. ``flags`` marks doubts and structure:
    ``"cut"`` for a paragraph that ends mid-sentence and whose continuation could not be
    found, ``"joined"`` for a sentence rejoined across a column break, ``"heading"``.
    """

    index: int
    text: str
    start: int
    end: int
    orig_start: int
    orig_end: int
    headings: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    orig_spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists), keys in field order: what ``asdict`` gave,
        written out (``asdict``'s recursive copy was a third of ``chainkg ingest``'s time).

        >>> from dataclasses import asdict
        >>> s = Sentence(3, "甲。", 0, 2, 5, 8, ("一",), ("cut",), ((5, 6), (7, 8)))
        >>> s.to_dict() == {**asdict(s), "headings": ["一"], "flags": ["cut"], "orig_spans": [[5, 6], [7, 8]]}
        True
        >>> list(s.to_dict()) == list(asdict(s))
        True
        """
        return {"index": self.index, "text": self.text, "start": self.start, "end": self.end,
                "orig_start": self.orig_start, "orig_end": self.orig_end, "headings": list(self.headings),
                "flags": list(self.flags), "orig_spans": [list(span) for span in self.orig_spans]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Sentence":
        """Inverse of :meth:`to_dict`."""
        return cls(**{
            **d,
            "headings": tuple(d.get("headings", ())),
            "flags": tuple(d.get("flags", ())),
            "orig_spans": tuple((a, b) for a, b in d.get("orig_spans", ())),
        })


@dataclass(frozen=True)
class Document:
    """One source file, read and normalized.

    ``id`` is a prefix of the SHA-256 of the file's bytes (same bytes, same id).
    ``meta`` holds title, kind, issuer, published, covers (from ``corpus.yaml``, else from the
    file alone). ``encoding`` is what the bytes were decoded as ("docx"/"pdf" for those,
    whose "original text" is the plain text extracted from them).
    ``char_map`` maps the normalized ``text`` back to the original decoded text as runs
    ``(text start, original start, length)``: characters ``text[a:a+n]`` came from
    ``original[b:b+n]``; see :meth:`orig_index`.

    >>> doc = Document("0", "a.txt", {}, "utf-8", "0", "年产3万吨", char_map=((0, 0, 2), (2, 3, 3)))
    >>> [doc.orig_index(i) for i in range(5)]
    [0, 1, 3, 4, 5]
    """

    id: str
    file: str
    meta: dict[str, Any]
    encoding: str
    sha256: str
    text: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)
    char_map: tuple[tuple[int, int, int], ...] = ()

    def orig_index(self, i: int) -> int:
        """Index in the original decoded text of character ``i`` of ``text``."""
        run = self.char_map[bisect_right(self.char_map, (i, math.inf)) - 1]
        return run[1] + i - run[0]

    def header(self) -> "Document":
        """This document without its text, sentences and character map: what the graph's
        Document node is made of, so that a build need not hold every text until the graph is made.

        >>> Document("0", "a.txt", {"title": "甲"}, "utf-8", "0", "乙。").header().text
        ''
        """
        return replace(self, text="", sentences=(), char_map=())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id,
            "file": self.file,
            "meta": dict(self.meta),
            "encoding": self.encoding,
            "sha256": self.sha256,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "char_map": [list(run) for run in self.char_map],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        """Inverse of :meth:`to_dict`."""
        return cls(
            id=d["id"],
            file=d["file"],
            meta=dict(d.get("meta", {})),
            encoding=d.get("encoding", "utf-8"),
            sha256=d["sha256"],
            text=d["text"],
            sentences=tuple(Sentence.from_dict(s) for s in d.get("sentences", ())),
            char_map=tuple((a, b, n) for a, b, n in d.get("char_map", ())),
        )
