"""The pattern files of ``data/patterns/`` (JSON lines), read once; no spaCy needed.

Extraction (:mod:`chainkg.ingest.nlp`) turns them into span-ruler patterns; normalization
(:mod:`chainkg.ingest.normalize`) reads the place names to tell a dateline from a firm's name.

>>> "德令哈" in place_names()
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def pattern_rows(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``data/patterns/<name>`` (JSON lines: label, pattern, id, extra keys)."""
    text = resources.files("chainkg.data").joinpath("patterns", name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@cache
def place_names() -> frozenset[str]:
    """Every place name of ``data/patterns/places.jsonl`` (patterns and canonical names)."""
    return frozenset(n for row in pattern_rows("places.jsonl") for n in (row["pattern"], row.get("id")) if n)
