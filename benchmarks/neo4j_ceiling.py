"""How fast can this Neo4j take our synthetic graph at all? A ceiling for ``neo4j_load.py``.

Loads :func:`testkit.synthetic_graph.synthetic_graph` with the plainest batched loader there
is — ``UNWIND $rows`` + ``MERGE`` per label and per relationship type, no per-document
transactions, no ``docs`` bookkeeping, no removal of stale facts — with 1, 2 and 3 concurrent
writers (deadlocks between writers are retried by the driver). chainkg's own loader does more
than this (it replaces each document's facts atomically), so the numbers here bound what it can
reach on the same server; comparing them with ``neo4j_load.py`` shows how much the bookkeeping
costs and what concurrency could buy.

With ``--units document`` the jobs are instead one transaction per document of the graph (its
nodes, then its relationships; shared template elements first, as one batch job per label and
type), elements written only when created (``ON CREATE SET``), so an element several documents
share is never rewritten: the best a per-document loader could do if a node's support were
derived from its relationships rather than stored on it. It shows whether per-document
transactions over shared places and products still scale with writers.

With ``--rels create`` relationships are CREATEd instead of MERGEd (no lookup, no lock on both
end nodes to keep the MERGE unique): what a loader could do for relationships it knows are new.

The database is emptied first, so this only runs against the project's own local server
(``chainkg neo4j start``; started here if it is not running), never against NEO4J_URI.

    python benchmarks/neo4j_ceiling.py [--nodes 100000] [--batch 2000] [--workers 1 2 3] [--seed 1]
                                       [--units batch|document] [--rels merge|create]
"""

from __future__ import annotations

import argparse
import logging
import threading
import time
from collections import defaultdict

from neo4j import Driver, GraphDatabase, ManagedTransaction

from chainkg.graph.neo4j_store import GraphRows, delete_everything, ensure_schema, graph_rows
from testkit.synthetic_graph import synthetic_graph
from chainkg.server import launcher

Job = tuple[str, list[dict]]


def rel_query(rel_type: str, source_label: str, target_label: str, rels: str, on_create: bool = False) -> str:
    """UNWIND rows of {s, t, p} into relationships: MERGEd on ``key`` (SET, or ON CREATE SET
    with ``on_create``) or, with ``rels == "create"``, CREATEd."""
    write = (f"CREATE (a)-[r:`{rel_type}`]->(b) SET r = row.p" if rels == "create" else
             f"MERGE (a)-[r:`{rel_type}` {{key: row.p.key}}]->(b) {'ON CREATE ' if on_create else ''}SET r = row.p")
    return (f"UNWIND $rows AS row MATCH (a:`{source_label}` {{id: row.s}}) "
            f"MATCH (b:`{target_label}` {{id: row.t}}) " + write)


def plain_jobs(nodes_by_label: dict[str, list[dict]], rels_by_type: dict[tuple[str, str, str], list[dict]],
               batch: int, rels: str) -> tuple[list[Job], list[Job]]:
    """(node jobs, relationship jobs): one UNWIND query per batch of one label or type."""
    node_jobs = [(f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}) SET n = row", props[i:i + batch])
                 for label, props in nodes_by_label.items() for i in range(0, len(props), batch)]
    rel_jobs = [(rel_query(t, sl, tl, rels), rows[i:i + batch])
                for (t, sl, tl), rows in rels_by_type.items() for i in range(0, len(rows), batch)]
    return node_jobs, rel_jobs


Unit = list[Job]  # the queries of one transaction


def document_units(rows: GraphRows, batch: int, rels: str) -> tuple[list[Job], list[Unit]]:
    """(shared jobs, units): the template elements (no owner) as plain batch jobs, then one
    unit per document with every element it supports, written only when created."""
    shared_nodes: dict[str, list[dict]] = defaultdict(list)
    shared_rels: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    doc_nodes: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    doc_rels: dict[str, dict[tuple[str, str, str], list[dict]]] = defaultdict(lambda: defaultdict(list))
    for node in rows.nodes.values():
        for target in [doc_nodes[d][node.label] for d in node.owners] or [shared_nodes[node.label]]:
            target.append(node.props)
    for rel in rows.rels.values():
        row = {"s": rel.source, "t": rel.target, "p": rel.props}
        kind = (rel.type, rel.source_label, rel.target_label)
        for target in [doc_rels[d][kind] for d in rel.owners] or [shared_rels[kind]]:
            target.append(row)
    node_jobs, rel_jobs = plain_jobs(shared_nodes, shared_rels, batch, rels)
    units = []
    for doc in sorted(set(doc_nodes) | set(doc_rels)):
        unit = [(f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}) ON CREATE SET n = row", props)
                for label, props in sorted(doc_nodes[doc].items())]
        unit += [(rel_query(t, sl, tl, rels, on_create=True), rows)
                 for (t, sl, tl), rows in sorted(doc_rels[doc].items())]
        units.append(unit)
    return node_jobs + rel_jobs, units


def run_units(driver: Driver, database: str, units: list[Unit], workers: int) -> None:
    """Run ``units`` spread over ``workers`` threads, each unit one managed transaction."""
    def write(tx: ManagedTransaction, unit: Unit) -> None:
        for query, rows in unit:
            tx.run(query, rows=rows).consume()

    def work(share: list[Unit]) -> None:
        with driver.session(database=database) as session:
            for unit in share:
                session.execute_write(write, unit)

    threads = [threading.Thread(target=work, args=(units[k::workers],)) for k in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_jobs(driver: Driver, database: str, jobs: list[Job], workers: int) -> None:
    """Run ``jobs`` spread over ``workers`` threads, each query its own managed transaction."""
    def work(share: list[Job]) -> None:
        for query, rows in share:
            driver.execute_query(query, rows=rows, database_=database)

    threads = [threading.Thread(target=work, args=(jobs[k::workers],)) for k in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> None:
    """Load the synthetic graph once per worker count and print relationships per second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", choices=("batch", "document"), default="batch",
                        help="one transaction per batch of a label or type (default), or per document")
    parser.add_argument("--rels", choices=("merge", "create"), default="merge",
                        help="MERGE relationships on their key (default) or CREATE them")
    args = parser.parse_args()
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # deadlock retries are expected here

    info = launcher.start()
    database = "neo4j"
    rows = graph_rows(synthetic_graph(args.nodes, seed=args.seed))
    nodes_by_label: dict[str, list[dict]] = defaultdict(list)
    for node in rows.nodes.values():
        nodes_by_label[node.label].append(node.props)
    rels_by_type: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for rel in rows.rels.values():
        rels_by_type[(rel.type, rel.source_label, rel.target_label)].append(
            {"s": rel.source, "t": rel.target, "p": rel.props})
    node_jobs, rel_jobs = plain_jobs(nodes_by_label, rels_by_type, args.batch, args.rels)
    shared_jobs, units = document_units(rows, args.batch, args.rels)
    print(f"synthetic graph: {len(rows.nodes):,} nodes, {len(rows.rels):,} relationships (seed {args.seed}); "
          f"plain UNWIND, relationships {args.rels.upper()}d, batches of {args.batch}, no per-document bookkeeping"
          + (f", one transaction per document ({len(units)})" if args.units == "document" else ""))
    with GraphDatabase.driver(info.uri, auth=(info.user, info.password()), max_connection_pool_size=8) as driver:
        for workers in args.workers:
            delete_everything(driver, database)
            ensure_schema(driver, database)
            started = time.perf_counter()
            if args.units == "document":
                run_jobs(driver, database, shared_jobs, workers)
                run_units(driver, database, units, workers)
            else:
                run_jobs(driver, database, node_jobs, workers)
                run_jobs(driver, database, rel_jobs, workers)
            seconds = time.perf_counter() - started
            print(f"{workers} writer(s): {seconds:.1f}s = {len(rows.rels) / seconds:,.0f} rel/s")


if __name__ == "__main__":
    main()
