"""The plainest writer of a graph's rows into an empty Neo4j: the yardstick of issue 15's Neo4j target.

Per label, then per relationship type and endpoint labels, one ``UNWIND $rows … CREATE`` query
per 1,000 rows, each its own transaction, one after another: no ``docs`` bookkeeping, no
transaction per document, no lookups but the endpoints'. The incremental loader
(:func:`chainkg.graph.neo4j_store.load_graph`) is measured against it (``benchmarks/neo4j_pairs.py``,
``benchmarks/scale.py --neo4j``), and a test checks that both leave the same database.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from chainkg.graph.neo4j_store import GraphRows


def plain_queries(rows: GraphRows, batch: int = 1000) -> list[tuple[str, list[dict[str, Any]]]]:
    """The rows as the plainest writer sends them into an empty database: per label, then per
    relationship type and endpoint labels, one ``UNWIND $rows … CREATE`` query per ``batch`` rows;
    no ``docs`` bookkeeping, no transaction per document. Made before the clock starts."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in rows.nodes.values():
        by_label.setdefault(node.label, []).append(node.props)
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel in rows.rels.values():
        by_type.setdefault((rel.type, rel.source_label, rel.target_label), []).append(
            {"s": rel.source, "t": rel.target, "p": rel.props})
    queries = [(f"UNWIND $rows AS row CREATE (n:`{label}`) SET n = row", props[i:i + batch])
               for label, props in by_label.items() for i in range(0, len(props), batch)]
    queries += [(f"UNWIND $rows AS row MATCH (a:`{sl}` {{id: row.s}}) MATCH (b:`{tl}` {{id: row.t}}) "
                 f"CREATE (a)-[r:`{t}`]->(b) SET r = row.p", items[i:i + batch])
                for (t, sl, tl), items in by_type.items() for i in range(0, len(items), batch)]
    return queries


def plain_create(driver: Driver, database: str, queries: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """Run :func:`plain_queries`, each query its own transaction, one after another."""
    for query, chunk in queries:
        driver.execute_query(query, rows=chunk, database_=database)
