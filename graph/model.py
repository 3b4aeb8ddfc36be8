"""The graph model's names and ids, re-exported from :mod:`chainkg.model`.

They are defined in the shared module so that extraction (``chainkg.ingest``) can make node ids
without importing the graph package (no import cycle between the stages, see
``tests/test_import_layers.py``); the graph code keeps importing them from here.
"""

from chainkg.model import (  # noqa: F401
    CHAIN,
    SEGMENT,
    PRODUCT,
    COMPANY,
    PROJECT,
    PLACE,
    DOCUMENT,
    STATEMENT,
    LABELS,
    BUILDS,
    PRODUCES,
    LOCATED_IN,
    IN_SEGMENT,
    PART_OF,
    SUPPLIES,
    MENTIONED_IN,
    ABOUT,
    BY,
    AT,
    LEADS_IN,
    REL_TYPES,
    normalize_key,
    node_id,
    edge_key,
)

__all__ = [
    "CHAIN",
    "SEGMENT",
    "PRODUCT",
    "COMPANY",
    "PROJECT",
    "PLACE",
    "DOCUMENT",
    "STATEMENT",
    "LABELS",
    "BUILDS",
    "PRODUCES",
    "LOCATED_IN",
    "IN_SEGMENT",
    "PART_OF",
    "SUPPLIES",
    "MENTIONED_IN",
    "ABOUT",
    "BY",
    "AT",
    "REL_TYPES",
    "normalize_key",
    "node_id",
    "edge_key",
]
