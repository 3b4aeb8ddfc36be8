"""Every library query gives the same rows on Neo4j as on the embedded store.

The seeds' graph (``chainkg build``, fixture ``seed_build``) is loaded into the real local Neo4j
with :func:`chainkg.graph.neo4j_store.load_graph`; each ``.cypher`` file then runs on Neo4j as
the CLI runs it, for several parameter values, and its rows must equal the embedded
implementation's (same columns, order and values; floats to 1e-9 relative). The Browser
examples run too, with exactly the values their ``:param`` lines set.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

from chainkg.graph.neo4j_store import connect, load_graph
from chainkg.graph.store import read_graph_json
from chainkg.queries.catalog import get_query, list_queries
from chainkg.queries.run import run_embedded, run_neo4j
from testkit.query_cases import ids_of as _ids, names_of as _names, parameter_cases

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def neo4j(neo4j_settings) -> Iterator[tuple[Any, str]]:
    """(driver, database) of the Neo4j the settings name (NEO4J_URI, else the local server)."""
    with connect(neo4j_settings) as driver:
        yield driver, neo4j_settings.database


@pytest.fixture(scope="module")
def G(neo4j, seed_build) -> nx.MultiDiGraph:
    """The seeds' graph as the CLI reads it, loaded into Neo4j."""
    graph = read_graph_json(seed_build.path)
    driver, database = neo4j
    load_graph(driver, database, graph)
    return graph


def same(a: Any, b: Any) -> bool:
    """Equal, with floats compared to 1e-9 relative (sums may add in another order)."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def test_every_query_has_parameter_cases(G) -> None:
    assert set(parameter_cases(G)) == {q.name for q in list_queries()}


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_query_gives_the_same_rows_on_both_stores(name: str, G, neo4j) -> None:
    driver, database = neo4j
    cases = parameter_cases(G)[name]
    found = 0
    for params in cases:
        embedded = run_embedded(G, name, params)
        cypher = run_neo4j(driver, database, name, params)
        assert same(cypher, embedded), f"{name} {params}:\nneo4j    {cypher}\nembedded {embedded}"
        found += bool(embedded)
    assert found, f"{name}: no parameter case found any rows; the comparison proves nothing"


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_browser_example_runs_as_written(name: str, G, neo4j) -> None:
    """The file's text with exactly its ``:param`` values: what an analyst pastes into Neo4j Browser."""
    driver, database = neo4j
    query = get_query(name)
    records, _, keys = driver.execute_query(query.text, query.example, database_=database)
    assert tuple(keys) == query.columns
    user = {p.name: query.example[p.name] for p in query.params}
    assert same([r.data() for r in records], run_embedded(G, name, user))


def test_cli_runs_a_query_on_neo4j(G, capsys) -> None:
    from chainkg.cli import main

    assert main(["query", "chain_overview", "--param", "chain=盐湖化工", "--neo4j", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("chain,segment_order,segment,")
    assert len(lines) == 1 + len(run_embedded(G, "chain_overview", {"chain": "盐湖化工"}))


def test_curated_leaders_load_as_shared_elements(G, neo4j) -> None:
    """The national leaders of data/industry_firms.yaml are in Neo4j as in the graph, and a
    second load of the same graph leaves them as they were (they belong to no document)."""
    driver, database = neo4j
    count = ("MATCH (c:Company) WHERE c.curated RETURN count(c) AS firms, "
             "COUNT { MATCH (:Company)-[l:LEADS_IN]->(:Segment) RETURN l } AS leads")
    expected = {"firms": sum(1 for _, d in G.nodes(data=True) if d.get("curated")),
                "leads": sum(1 for *_, d in G.edges(data=True) if d["type"] == "LEADS_IN")}
    for _ in range(2):
        load_graph(driver, database, G)
        assert driver.execute_query(count, database_=database).records[0].data() == expected
    assert expected["firms"] > 200 and expected["leads"] > expected["firms"]


def test_the_routing_scheme_reads_too(G, neo4j_settings, monkeypatch, capsys) -> None:
    """Past one machine (a cluster, Aura) the URI is ``neo4j://`` (or ``neo4j+s://``): the driver
    asks the server for a routing table and sends the read queries to a reader. Against the
    local server, ``neo4j://127.0.0.1:PORT``: the table names it as reader, writer and router,
    and `chainkg query --neo4j` gives the embedded store's rows."""
    from dataclasses import replace

    from chainkg.cli import main

    if not neo4j_settings.uri.startswith("bolt://"):
        pytest.skip(f"NEO4J_URI={neo4j_settings.uri} already names its own scheme")
    routing = replace(neo4j_settings, uri=neo4j_settings.uri.replace("bolt://", "neo4j://", 1))
    address = routing.uri.removeprefix("neo4j://")
    with connect(routing) as driver:
        table = driver.execute_query("CALL dbms.routing.getRoutingTable({}, $db)", db=routing.database,
                                     database_="system").records[0]["servers"]
    roles = {server["role"]: server["addresses"] for server in table}
    assert set(roles) == {"READ", "WRITE", "ROUTE"} and all(address in a for a in roles.values())
    monkeypatch.setenv("NEO4J_URI", routing.uri)
    monkeypatch.setenv("NEO4J_USER", routing.user)
    monkeypatch.setenv("NEO4J_PASSWORD", routing.password)
    monkeypatch.setenv("NEO4J_DATABASE", routing.database)
    assert main(["query", "coverage_summary", "--neo4j", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and same(rows, run_embedded(G, "coverage_summary", {}))


def test_same_rows_on_a_larger_synthetic_graph(neo4j) -> None:
    """A generated graph of our shape (560 projects, thirteen chains): more ties, sums and nulls.
    Runs last in this module: it replaces the seeds in the database."""
    from testkit.synthetic_graph import synthetic_graph

    driver, database = neo4j
    G = synthetic_graph(1500, seed=3)
    load_graph(driver, database, G)
    chains = _names(G, "Chain")
    products = sorted({G.nodes[t]["name"] for _, t, d in G.edges(data=True) if d["type"] == "PRODUCES"})[:6]
    statuses = sorted({d["status"] for _, d in G.nodes(data=True) if d["label"] == "Project"})
    cases = {
        "capacity_totals": [{}],
        "chain_gaps": [{}],
        "chain_overview": [{"chain": c} for c in chains],
        "chain_projects": [{"chain": c} for c in chains[:3]],
        "company": [{"company": c} for c in _ids(G, "Company")[:8]],
        "coverage_summary": [{}, {"official": False}],
        "evidence": [{"id": n} for n in _ids(G, "Project")[:8]],
        "linked_chains": [{"chain": c} for c in chains[:3]],
        "product_downstream": [{"product": p, "depth": d} for p in products for d in (1, 12)],
        "product_upstream": [{"product": p, "depth": d} for p in products for d in (1, 12)],
        "projects_by_status": [{"limit": 100000}] + [{"status": s, "limit": 10} for s in statuses],
        "project_history": [{"project": p} for p in _ids(G, "Project")[:8]],
        "segment_coverage": [{}],
        "search": [{"text": "锂", "limit": 100000}, {"text": "产业链1", "label": "Chain"}],
        "targets": [{}],
    }
    assert set(cases) == {q.name for q in list_queries()}
    for name, params_list in cases.items():
        for params in params_list:
            embedded = run_embedded(G, name, params)
            assert embedded or name in ("linked_chains", "product_upstream", "product_downstream"), (name, params)
            assert same(run_neo4j(driver, database, name, params), embedded), f"{name} {params}"

