"""Project statuses: phrases as written mapped to a small ordered scale.

The phrases live in ``data/patterns/status.jsonl`` (spaCy span-ruler patterns, label
``STATUS``, ``id`` = scale key), so the pipeline and this module read one list. The scale,
from least to most advanced: negotiating (洽谈) < signed (签约) < preparing (备案立项, 前期工作)
< under_construction (开工建设, 有序推进 …) < trial (建成试产, 试车) < operating (投产, 并网发电).

>>> status_of("建成试产")
('trial', 5)
>>> status_of("有序推进")
('under_construction', 4)
>>> best_status(["签约", "开工"])
('under_construction', 4, '开工')
>>> status_of("讨论") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from chainkg.lexicon import pattern_rows

SCALE: tuple[str, ...] = ("negotiating", "signed", "preparing", "under_construction", "trial", "operating")
"""Status keys, least advanced first; a key's rank is its position + 1 (0 = no status)."""


@cache
def status_patterns() -> tuple[dict[str, Any], ...]:
    """The status patterns of ``data/patterns/status.jsonl`` (label, pattern, id)."""
    rows = pattern_rows("status.jsonl")
    unknown = {r["id"] for r in rows} - set(SCALE)
    if unknown:
        raise ValueError(f"data/patterns/status.jsonl: unknown status keys {sorted(unknown)}")
    return rows


@cache
def _phrase_table() -> dict[str, str]:
    return {row["pattern"]: row["id"] for row in status_patterns()}


def status_phrases() -> tuple[str, ...]:
    """Every status phrase of the table."""
    return tuple(_phrase_table())


def rank(key: str | None) -> int:
    """Position of ``key`` on the scale, 1-based; 0 for no status."""
    return SCALE.index(key) + 1 if key in SCALE else 0


def status_of(phrase: str) -> tuple[str, int] | None:
    """(key, rank) of a status phrase as written, or None if it is not one."""
    key = _phrase_table().get(phrase)
    return (key, rank(key)) if key else None


def best_status(phrases: Iterable[str]) -> tuple[str, int, str] | None:
    """The most advanced of several phrases stated together ("试车成功并试产", "签约并开工"):
    (key, rank, phrase), or None when none is a status phrase."""
    found = [(s[1], s[0], p) for p in phrases if (s := status_of(p))]
    if not found:
        return None
    r, key, phrase = max(found, key=lambda t: t[0])
    return key, r, phrase
