"""Text that remembers, for every character, where it came from in the original text.

Normalization drops characters (spaces, page-jump marks, markup), swaps some one for one
(full-width digits, a "一" used as a dash) and moves whole paragraphs (a column that
continues further down the page). :class:`Mapped` carries the original index of each
character through all of that, so any span of the normalized text can be traced back.

>>> m = Mapped.of("年产 3 万吨")
>>> m = m.sub(SPACES, lambda match: "")
>>> m.text, m.offsets
('年产3万吨', (0, 1, 3, 5, 6))
>>> orig_spans(m.offsets, "年产 3 万吨", 0, 5)
((0, 7),)
>>> to_runs(m.offsets)
((0, 0, 2), (2, 3, 1), (3, 5, 2))
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Mapped:
    """A string plus the original index of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str, start: int = 0) -> "Mapped":
        """``text`` mapped to itself (character i comes from ``start + i``)."""
        return cls(text, tuple(range(start, start + len(text))))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, part: slice) -> "Mapped":
        return Mapped(self.text[part], self.offsets[part])

    def __add__(self, other: "Mapped") -> "Mapped":
        return Mapped(self.text + other.text, self.offsets + other.offsets)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> "Mapped":
        """Replace every match of ``pattern`` by ``repl(match)``.

        The replacement may be empty (the match is dropped) or any length; its character i
        is mapped to the match's character ``min(i, len(match) - 1)``, so one-for-one swaps
        keep exact offsets and a run squeezed to one character keeps its first offset.
        """
        matches = pattern.finditer(self.text)
        first = next(matches, None)
        if first is None and type(self.offsets) is tuple:
            return self  # nothing to replace: the same text and offsets (both immutable)
        text: list[str] = []
        offsets: list[int] = []
        pos = 0
        for match in itertools.chain((first,) if first is not None else (), matches):
            start, end = match.span()
            text.append(self.text[pos:start])
            offsets.extend(self.offsets[pos:start])
            new = repl(match)
            text.append(new)
            offsets.extend(self.offsets[start + min(i, end - start - 1)] for i in range(len(new)))
            pos = end
        text.append(self.text[pos:])
        offsets.extend(self.offsets[pos:])
        return Mapped("".join(text), tuple(offsets))

    def strip(self) -> "Mapped":
        """Without leading and trailing whitespace."""
        left = len(self.text) - len(self.text.lstrip())
        return self[left : left + len(self.text.strip())]


def join(parts: Sequence[Mapped]) -> Mapped:
    """Concatenate mapped strings."""
    return Mapped("".join(p.text for p in parts), tuple(o for p in parts for o in p.offsets))


def orig_spans(offsets: Sequence[int], original: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The pieces of ``original`` that normalized ``[start, end)`` came from, in text order.

    A piece runs on while the original characters between two mapped ones are only
    whitespace; it breaks where the original jumps back, or skips anything else (a dropped
    page-jump mark or markup, or text that normalization moved elsewhere). So dropped marks
    are never inside a piece, and each piece, whitespace removed, is the normalized text.

    >>> orig_spans((0, 1, 6, 7), "甲乙(接)丙丁", 0, 4)
    ((0, 2), (6, 8))
    """
    spans: list[tuple[int, int]] = []
    first = prev = offsets[start]
    for o in offsets[start + 1 : end]:
        if o == prev + 1:  # the next original character: the piece runs on
            prev = o
            continue
        if o <= prev or original[prev + 1 : o].strip():
            spans.append((first, prev + 1))
            first = o
        prev = o
    spans.append((first, prev + 1))
    return tuple(spans)


def to_runs(offsets: Sequence[int]) -> tuple[tuple[int, int, int], ...]:
    """Compress offsets into runs ``(normalized start, original start, length)``."""
    runs: list[list[int]] = []
    for i, o in enumerate(offsets):
        if runs and runs[-1][1] + runs[-1][2] == o and runs[-1][0] + runs[-1][2] == i:
            runs[-1][2] += 1
        else:
            runs.append([i, o, 1])
    return tuple((a, b, c) for a, b, c in runs)
