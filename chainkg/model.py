"""The graph model's names and ids, in one place (see ``docs/graph-model.md``).

Shared by the stages: extraction makes project ids with :func:`node_id`, the graph package
re-exports everything from :mod:`chainkg.graph.model`.

Nothing else in the code spells a label or a relationship type: stores and queries import
them from here, and the Neo4j loader accepts no label or type outside these sets.

Examples
--------
>>> node_id(CHAIN, "盐湖化工")
'chain:盐湖化工'
>>> node_id(COMPANY, " 中信 昆仑锂业 ")
'company:中信昆仑锂业'
>>> edge_key(BUILDS, "company:南玻", "project:南玻/多晶硅/-")
'BUILDS|company:南玻|project:南玻/多晶硅/-'
"""

from __future__ import annotations

import re
import unicodedata

CHAIN = "Chain"
SEGMENT = "Segment"
PRODUCT = "Product"
COMPANY = "Company"
PROJECT = "Project"
PLACE = "Place"
DOCUMENT = "Document"
STATEMENT = "Statement"

LABELS: frozenset[str] = frozenset({CHAIN, SEGMENT, PRODUCT, COMPANY, PROJECT, PLACE, DOCUMENT, STATEMENT})

BUILDS = "BUILDS"
PRODUCES = "PRODUCES"
LOCATED_IN = "LOCATED_IN"
IN_SEGMENT = "IN_SEGMENT"
PART_OF = "PART_OF"
SUPPLIES = "SUPPLIES"
MENTIONED_IN = "MENTIONED_IN"
ABOUT = "ABOUT"
BY = "BY"
AT = "AT"
LEADS_IN = "LEADS_IN"

REL_TYPES: frozenset[str] = frozenset(
    {BUILDS, PRODUCES, LOCATED_IN, IN_SEGMENT, PART_OF, SUPPLIES, MENTIONED_IN, ABOUT, BY, AT, LEADS_IN}
)

_SPACE = re.compile(r"\s+")


def normalize_key(name: str) -> str:
    """Normalize a name for use in an id: NFKC, no whitespace, ASCII lower-cased.

    >>> normalize_key("ＧＷ 级 Ａ")
    'gw级a'
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).lower()


def node_id(label: str, *parts: str) -> str:
    """Deterministic node id ``<label lower>:<part>/<part>…`` from normalized parts.

    Empty parts are written ``-`` so that ids keep their shape.
    """
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; expected one of {sorted(LABELS)}")
    keys = [normalize_key(p) or "-" for p in parts]
    return f"{label.lower()}:" + "/".join(keys)


def edge_key(rel_type: str, source: str, target: str, *extra: str) -> str:
    """Deterministic relationship key: type, endpoints and any distinguishing parts."""
    if rel_type not in REL_TYPES:
        raise ValueError(f"unknown relationship type {rel_type!r}; expected one of {sorted(REL_TYPES)}")
    return "|".join((rel_type, source, target, *extra))
