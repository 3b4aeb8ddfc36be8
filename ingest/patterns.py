"""The pattern files of ``data/patterns/`` (JSON lines), read once; no spaCy needed.

Extraction (:mod:`chainkg.ingest.nlp`) turns them into span-ruler patterns; normalization
(:mod:`chainkg.reading.normalize`) reads the place names to tell a dateline from a firm's name.

>>> "德令哈" in place_names()
True
>>> "察尔汗" in unregistered_places(), "大柴旦" in unregistered_places()
(True, False)
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def pattern_rows(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``data/patterns/<name>`` (JSON lines: label, pattern, id, extra keys)."""
    text = resources.files("chainkg.data").joinpath("patterns", name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@cache
def place_names() -> frozenset[str]:
    """Every place name of ``data/patterns/places.jsonl`` (patterns and canonical names)."""
    return frozenset(n for row in pattern_rows("places.jsonl") for n in (row["pattern"], row.get("id")) if n)


#: Place kinds below a county: enterprise names are registered with a county-level or higher
#: division, so a town or a park is never the first part of a registered name.
_UNREGISTERED_KINDS = frozenset({"town", "park"})


@cache
def unregistered_places() -> frozenset[str]:
    """Place patterns no registered firm name starts with: towns and parks, and any row marked
    ``"in_firm_names": false`` (a former county-level unit now a town). Before a firm name such a
    place is where the firm is, not part of its name (察尔汗|某某有限公司)."""
    return frozenset(row["pattern"] for row in pattern_rows("places.jsonl")
                     if row.get("kind") in _UNREGISTERED_KINDS or row.get("in_firm_names") is False)


@cache
def cues() -> dict[str, tuple[str, ...]]:
    """The cue lexicon ``data/cues.yaml``: list name -> its words (as written, in file order).

    >>> "新区" in cues()["np_stops"]
    True
    """
    raw = yaml.safe_load(resources.files("chainkg.data").joinpath("cues.yaml").read_text(encoding="utf-8"))
    return {k: tuple(str(w) for w in v) for k, v in raw.items()}
