"""Relationships per second into the local Neo4j: chainkg's batched loader against a per-row MERGE loader.

The graph is :func:`testkit.synthetic_graph.synthetic_graph` (default 100,000 nodes, about
400,000 relationships, fixed seed). The per-row loader is the way most published examples
load: one auto-commit query per relationship that MERGEs both endpoints and the relationship.
It runs on a random sample of the relationships (``--sample``) and its rate is extrapolated;
the output says so. Both run against the same server, an emptied database and the same
constraints (unique ``id`` per label).

The database is emptied first, so this only runs against the project's own local server
(``chainkg neo4j start``; started here if it is not running), never against NEO4J_URI.

    python benchmarks/neo4j_load.py [--nodes 100000] [--sample 3000] [--batch-size 2500] [--seed 1] [--bulk]
"""

from __future__ import annotations

import argparse
import random
import time

from neo4j import Driver, GraphDatabase

from chainkg.graph.neo4j_store import (
    DEFAULT_BATCH_SIZE, delete_everything, ensure_schema, graph_rows, load_graph,
)
from testkit.synthetic_graph import synthetic_graph
from chainkg.server import launcher


def per_row_rate(driver: Driver, database: str, rels: list, nodes: dict) -> tuple[int, float]:
    """Load ``rels`` one query each, endpoints MERGEd in the same query; return (count, seconds)."""
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for rel in rels:
            query = (f"MERGE (a:`{rel.source_label}` {{id: $source}}) SET a += $source_props "
                     f"MERGE (b:`{rel.target_label}` {{id: $target}}) SET b += $target_props "
                     f"MERGE (a)-[r:`{rel.type}` {{key: $key}}]->(b) SET r += $props")
            session.run(query, source=rel.source, target=rel.target, key=rel.props["key"], props=rel.props,
                        source_props=nodes[rel.source].props, target_props=nodes[rel.target].props).consume()
    return len(rels), time.perf_counter() - started


def main() -> None:
    """Run both loaders and print their rates and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=3_000, help="relationships the per-row loader loads")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bulk", action="store_true", help="also load with the bulk importer (restarts the server)")
    args = parser.parse_args()

    info = launcher.start()
    database = "neo4j"
    warm = synthetic_graph(20_000, seed=args.seed + 1)
    G = synthetic_graph(args.nodes, seed=args.seed)
    rows = graph_rows(G)
    n_rels = G.number_of_edges()
    print(f"synthetic graph: {G.number_of_nodes():,} nodes, {n_rels:,} relationships (seed {args.seed})")
    with GraphDatabase.driver(info.uri, auth=(info.user, info.password()),
                              notifications_min_severity="OFF") as driver:
        # Warm the server's JIT with both loaders on another, smaller graph, so neither pays for it.
        delete_everything(driver, database)
        warm_rows = graph_rows(warm)
        per_row_rate(driver, database, list(warm_rows.rels.values())[:1000], warm_rows.nodes)
        delete_everything(driver, database)
        load_graph(driver, database, warm, batch_size=args.batch_size)
        print("warm-up: both loaders on a 20,000-node graph (seed + 1), database emptied after")

        delete_everything(driver, database)
        ensure_schema(driver, database)
        sample = random.Random(args.seed).sample(sorted(rows.rels.values(), key=lambda r: r.props["key"]),
                                                 args.sample)
        count, seconds = per_row_rate(driver, database, sample, rows.nodes)
        row_rate = count / seconds
        print(f"per-row MERGE loader: {count:,} relationships (random sample, one auto-commit query each) "
              f"in {seconds:.1f}s = {row_rate:,.0f} rel/s; extrapolated to all {n_rels:,}: {n_rels / row_rate:,.0f}s")

        delete_everything(driver, database)
        stats = load_graph(driver, database, G, batch_size=args.batch_size)
        batch_rate = stats.relationships / stats.seconds
        print(f"chainkg batched loader: {stats.nodes:,} nodes + {stats.relationships:,} relationships in "
              f"{stats.seconds:.1f}s ({stats.transactions:,} transactions, batch size {args.batch_size}, "
              "one at a time, "
              f"whole load incl. schema and scans) = {batch_rate:,.0f} rel/s")
        print(f"ratio batched / per-row: {batch_rate / row_rate:.1f}x (target >= 20x)")
        delete_everything(driver, database)
    if args.bulk:
        from chainkg.graph.neo4j_bulk import bulk_load

        stats = bulk_load(G, environ={})
        bulk_rate = stats.relationships / stats.seconds
        print(f"bulk importer (chainkg load --bulk): {stats.relationships:,} relationships in {stats.seconds:.1f}s, "
              f"server stop and start included = {bulk_rate:,.0f} rel/s = {bulk_rate / batch_rate:.1f}x the batched loader")
        with GraphDatabase.driver(info.uri, auth=(info.user, info.password())) as driver:
            delete_everything(driver, database)


if __name__ == "__main__":
    main()
