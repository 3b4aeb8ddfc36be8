"""The document model every later stage reads: normalized text, sentences, provenance.

A :class:`Document` is what ``chainkg ingest`` writes, one JSON object per line of
``documents.jsonl``. Every :class:`Sentence` carries two spans: ``start``/``end`` into the
normalized ``Document.text`` and ``orig_start``/``orig_end`` into the original file's decoded
text, so a fact found in a sentence can be traced back to the exact characters of the source.

Example
-------
>>> s = Sentence(index=0, text="甲。", start=0, end=2, orig_start=0, orig_end=3,
...              headings=("一、总述",))
>>> Sentence.from_dict(s.to_dict()) == s
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document.

    ``text == Document.text[start:end]``; the original file's decoded text at
    ``orig_start:orig_end`` is the same sentence with its layout noise (spaces, line breaks,
    page-jump marks). ``headings`` is the path of section headings above the sentence,
    outermost first. ``flags`` marks doubts, e.g. ``"cut"`` for a paragraph that ends
    mid-sentence and whose continuation could not be found.
    """

    index: int
    text: str
    start: int
    end: int
    orig_start: int
    orig_end: int
    headings: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        d = asdict(self)
        d["headings"] = list(self.headings)
        d["flags"] = list(self.flags)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Sentence":
        """Inverse of :meth:`to_dict`."""
        return cls(**{**d, "headings": tuple(d.get("headings", ())), "flags": tuple(d.get("flags", ()))})


@dataclass(frozen=True)
class Document:
    """One source file, read and normalized.

    ``id`` is a prefix of the SHA-256 of the file's bytes (same bytes, same id).
    ``meta`` holds title, kind, issuer, published, covers (from ``corpus.yaml``, else from the
    file alone). ``encoding`` is what the bytes were decoded as.
    """

    id: str
    file: str
    meta: dict[str, Any]
    encoding: str
    sha256: str
    text: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)

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
        )
