"""Documents a load would remove from Neo4j, and the refusal to remove many of them unasked.

A load makes the database hold the graph's documents: those it holds and the graph does not
are removed with their facts. When a graph comes from a wrong or empty corpus that would empty
the database, so ``chainkg load`` removes at most :data:`MAX_SHARE` of the documents Neo4j
holds unless ``--prune`` says so, and otherwise stops before writing anything, naming them.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("document:a", label="Document", file="a.txt")
>>> removal({"document:a": "a.txt", "document:b": "b.txt"}, G)
[('document:b', 'b.txt')]
>>> refused(removal({"document:a": "a.txt", "document:b": "b.txt"}, G), 2)
True
>>> refused([("document:c", "c.txt")], 40)
False
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

from neo4j import Driver

from chainkg.errors import ChainkgError
from chainkg.graph.model import DOCUMENT

MAX_SHARE = 0.1
SHOWN = 10


def stored_documents(driver: Driver, database: str) -> dict[str, str]:
    """The documents Neo4j holds: node id -> file name."""
    records, _, _ = driver.execute_query(f"MATCH (d:`{DOCUMENT}`) RETURN d.id AS id, d.file AS file",
                                         database_=database, routing_="r")
    return {r["id"]: r["file"] or r["id"] for r in records}


def removal(stored: dict[str, str], G: Container[str]) -> list[tuple[str, str]]:
    """(id, file) of the stored documents ``G`` (a graph, or any container of node ids such as
    the ``nodes`` of :class:`~chainkg.graph.neo4j_store.GraphRows`) does not have, sorted by file."""
    return sorted(((i, f) for i, f in stored.items() if i not in G), key=lambda item: (item[1], item[0]))


def refused(removed: list[tuple[str, str]], held: int, max_share: float = MAX_SHARE) -> bool:
    """Removing ``removed`` of ``held`` documents is more than ``max_share`` of them."""
    return bool(removed) and len(removed) > max_share * held


def check_removal(driver: Driver, database: str, G: Container[str], source: Path, prune: bool) -> list[str]:
    """Raise a one-line ChainkgError naming the documents a load of ``G`` would remove, when they
    are more than :data:`MAX_SHARE` of those Neo4j holds and ``prune`` is false; else return
    their files."""
    stored = stored_documents(driver, database)
    removed = removal(stored, G)
    if refused(removed, len(stored)) and not prune:
        files = [f for _, f in removed]
        shown = ", ".join(files[:SHOWN]) + (f" and {len(files) - SHOWN} more" if len(files) > SHOWN else "")
        raise ChainkgError(f"{source} lacks {len(removed)} of the {len(stored)} document(s) Neo4j holds "
                           f"({shown}); a load would remove them, more than {MAX_SHARE:.0%}: nothing written. "
                           "Rerun with --prune to remove them")
    return [f for _, f in removed]
