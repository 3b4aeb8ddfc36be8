"""`chainkg load --bulk`: a first load through Neo4j's bulk importer gives exactly what the Cypher
loader gives (nodes, relationships, properties, the ``docs`` the incremental loader relies on,
the schema), later loads go on incrementally, and it refuses any target but the empty database
of the project's own server. Also: the project's server keeps its transaction logs bounded.

The server tests stop and restart the local server (scripts/test.sh's test instance) once.
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest

from chainkg.errors import ChainkgError
from chainkg.graph.model import LABELS, PLACE
from chainkg.graph.neo4j_bulk import (
    ARRAY_DELIMITER, ImportFiles, bulk_load, write_import_files,
)
from chainkg.graph.neo4j_store import (
    connect, connection_settings, count_graph, delete_everything, graph_rows, load_graph, read_graph,
    stored_ownership,
)
from chainkg.graph.store import graph_to_data, write_graph_json
from testkit.synthetic_graph import synthetic_graph



def _store_tests():
    """The store tests' module, for its graphs and helpers (pytest imports test files by path,
    ``--import-mode=importlib``, so they are not importable by name)."""
    import importlib.util
    import sys

    name = "chainkg_tests_neo4j_store"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("test_neo4j_store.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_store = _store_tests()
BASE, NASTY, corpus_graph, same, _synthetic_changed = (
    _store.BASE, _store.NASTY, _store.corpus_graph, _store.same, _store._synthetic_changed)


def awkward_graph() -> nx.MultiDiGraph:
    """A synthetic graph with the awkward strings of the store tests as names, an empty string,
    integer, boolean and list values of every kind, and empty lists on nodes and relationships."""
    G = synthetic_graph(3_000, seed=5)
    companies = [n for n, d in G.nodes(data=True) if d["label"] == "Company"]
    for node, name in zip(companies, [*NASTY, "", " leading and trailing ", "a,b;c|d"]):
        G.nodes[node]["name"] = name
    G.nodes[companies[0]].update(scores=[1.5, 2.0, 1e-7], ranks=[3, -4, 2**40], flags=[True, False], note="")
    u, v, k = next((u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] == "MENTIONED_IN")
    G.edges[u, v, k].update(headings=[], quote='他说:"好"')
    return G


def import_files(G: nx.MultiDiGraph, folder: Path) -> ImportFiles:
    rows = graph_rows(G)
    return write_import_files(rows.nodes.values(), rows.rels.values(), folder)


def test_csv_rows_carry_sorted_docs_and_leave_empty_lists_for_later(tmp_path: Path) -> None:
    G = corpus_graph(BASE)
    G.nodes["company:甲锂业"]["docs"] = ["docb", "doca", "docb"]  # as the Cypher loader stores: sorted, unique
    files = import_files(G, tmp_path)
    text = next(p for label, p in files.nodes if label == "Company").read_text(encoding="utf-8")
    assert f'"doca{ARRAY_DELIMITER}docb"' in text
    company_markers = [files.node_markers.get(path.name) for label, path in files.nodes if label == "Company"]
    assert ("merge_rules",) in [files.empty_node_lists.get(marker) for marker in company_markers]
    assert set(files.node_markers.values()) == set(files.empty_node_lists)  # one marker per set of empty lists
    assert len(set(files.empty_node_lists.values())) == len(files.empty_node_lists)
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for _, p in files.rels) == G.number_of_edges()
    assert files.counts["BUILDS"] == 3 and sum(files.counts.values()) == G.number_of_nodes() + G.number_of_edges()
    assert files.documents == len({d for _, d in G.nodes(data="docs") for d in d or ()})


def _same_files(got: ImportFiles, expected: ImportFiles) -> None:
    """The same files (rows in any order), empty lists, counts and documents."""
    assert [(n, p.name) for n, p in got.nodes + got.rels] == [(n, p.name) for n, p in expected.nodes + expected.rels]
    for (_, p), (_, q) in zip(got.nodes + got.rels, expected.nodes + expected.rels):
        header, *lines = p.read_text(encoding="utf-8").splitlines()
        want, *wanted = q.read_text(encoding="utf-8").splitlines()
        assert [header, *sorted(lines)] == [want, *sorted(wanted)]
    assert (got.empty_node_lists, got.node_markers, got.empty_rel_lists, got.counts, got.documents) == (
        expected.empty_node_lists, expected.node_markers, expected.empty_rel_lists, expected.counts, expected.documents)


def test_csv_files_from_graph_json_are_those_from_the_graph(tmp_path: Path) -> None:
    """`chainkg load --bulk` streams graph.json into the CSV files: the same files (rows in any order)."""
    from chainkg.graph.json_rows import GraphStream

    G = awkward_graph()
    write_graph_json(G, tmp_path / "graph.json")
    stream = GraphStream(tmp_path / "graph.json")
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    _same_files(write_import_files(stream.nodes(), stream.rels(), tmp_path / "a"), import_files(G, tmp_path / "b"))


def _without_line_breaks(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` with every line break in its string values (lists' items too) a space."""
    def flat(value):
        if type(value) is str:
            return value.replace("\r", " ").replace("\n", " ")
        return [flat(v) for v in value] if type(value) is list else value

    H = G.copy()
    for attrs in [*(d for _, d in H.nodes(data=True)), *(d for *_, d in H.edges(keys=True, data=True))]:
        attrs.update({name: flat(value) for name, value in attrs.items()})
    return H


def test_the_importer_reads_lines_inside_values_only_when_a_value_holds_one(tmp_path: Path) -> None:
    from chainkg.graph.neo4j_bulk import importer_command

    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    G = awkward_graph()
    broken, flat = import_files(G, tmp_path / "a"), import_files(_without_line_breaks(G), tmp_path / "b")
    assert (broken.line_breaks, flat.line_breaks) == (True, False)
    assert "--multiline-fields=true" in importer_command(broken, "neo4j", tmp_path / "report")
    assert "--multiline-fields=false" in importer_command(flat, "neo4j", tmp_path / "report")


def test_two_relationships_with_one_identity_are_refused_before_the_import(tmp_path: Path) -> None:
    G = corpus_graph(BASE)
    source, target, key, attrs = next(iter(G.edges(keys=True, data=True)))
    other = next(n for n in G if n not in (source, target))
    rows = graph_rows(G)
    twin = rows.rels[attrs["type"], source, key].__class__(**{**rows.rels[attrs["type"], source, key].__dict__,
                                                               "target": other})
    with pytest.raises(ChainkgError, match=f"two {attrs['type']} relationships from .* share this key"):
        write_import_files(rows.nodes.values(), [*rows.rels.values(), twin], tmp_path)


def test_a_value_holding_the_list_delimiter_is_refused(tmp_path: Path) -> None:
    G = corpus_graph(BASE)
    G.nodes["company:甲锂业"]["aliases"] = [f"甲{ARRAY_DELIMITER}锂业"]
    with pytest.raises(ChainkgError, match=r"node 'company:甲锂业': property 'aliases' holds the character U\+001F"):
        import_files(G, tmp_path)


def test_bulk_refuses_other_servers_and_databases() -> None:
    G = corpus_graph(BASE)
    with pytest.raises(ChainkgError, match="NEO4J_URI is set .*bolt://example:7687.* unset NEO4J_URI"):
        bulk_load(G, environ={"NEO4J_URI": "bolt://example:7687", "NEO4J_PASSWORD": "x"})
    with pytest.raises(ChainkgError, match="NEO4J_DATABASE='other'"):
        bulk_load(G, environ={"NEO4J_DATABASE": "other"})


def test_bulk_refuses_when_the_local_server_is_not_running(monkeypatch) -> None:
    from chainkg.server import launcher

    monkeypatch.setattr(launcher, "status", lambda: None)
    with pytest.raises(ChainkgError, match="the local Neo4j is not running; `chainkg neo4j start` first"):
        bulk_load(corpus_graph(BASE), environ={})


@pytest.fixture
def local(neo4j_settings):
    """The project's own server, emptied (skipped when the tests run against NEO4J_URI)."""
    if os.environ.get("NEO4J_URI"):
        pytest.skip("--bulk writes the project's own server only; the tests run against NEO4J_URI")
    with connect(neo4j_settings) as driver:
        delete_everything(driver, neo4j_settings.database)
    return neo4j_settings


@pytest.mark.neo4j
@pytest.mark.parametrize("line_breaks", [True, False], ids=["line-breaks", "no-line-breaks"])
def test_bulk_gives_what_the_cypher_loader_gives_and_later_loads_go_on_incrementally(local, tmp_path: Path,
                                                                                    line_breaks: bool) -> None:
    """The bulk load streams graph.json (as `chainkg load --bulk` does); the Cypher load takes the graph."""
    G = awkward_graph() if line_breaks else _without_line_breaks(awkward_graph())
    database = local.database
    with connect(local) as driver:
        load_graph(driver, database, G)
        by_cypher, cypher_owners = read_graph(driver, database), stored_ownership(driver, database)
        delete_everything(driver, database)
    write_graph_json(G, tmp_path / "graph.json")
    stats = bulk_load(tmp_path / "graph.json", environ={})
    assert (stats.nodes, stats.relationships) == (G.number_of_nodes(), G.number_of_edges())
    settings = connection_settings({})  # the server was restarted: connect again
    with connect(settings) as driver:
        by_bulk = read_graph(driver, database)
        assert graph_to_data(by_bulk) == graph_to_data(by_cypher)
        same(by_bulk, G)
        assert stored_ownership(driver, database) == cypher_owners
        constraints = driver.execute_query("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'chainkg_' "
                                           "RETURN count(*) AS n", database_=database).records[0]["n"]
        assert constraints == len(LABELS)
        in_use = driver.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS labels",
                                      database_=database).records[0]["labels"]
        assert set(in_use) <= LABELS  # the marker labels of the nodes holding empty lists are gone

        place = next(n for n, d in G.nodes(data=True) if d["label"] == PLACE and len(d["docs"]) > 1)
        doc = G.nodes[place]["docs"][0]
        G2 = _synthetic_changed(G, doc)
        later = load_graph(driver, database, G2)
        assert later.removed_documents == (doc,)
        same(read_graph(driver, database), G2)


@pytest.mark.neo4j
def test_bulk_refuses_a_database_that_is_not_empty_and_leaves_the_server_alone(local, tmp_path: Path,
                                                                              monkeypatch, capsys) -> None:
    from chainkg.cli import main
    from chainkg.server import launcher

    with connect(local) as driver:
        load_graph(driver, local.database, corpus_graph(BASE))
        before = count_graph(driver, local.database)
    pid = launcher.status().pid
    write_graph_json(corpus_graph(BASE), tmp_path / "graph.json")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["load", "--bulk", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    held = sum(n for k, n in before.items() if k in LABELS)
    assert err.count("\n") == 1 and f"holds {held} nodes" in err and "use `chainkg load`" in err
    assert launcher.status().pid == pid
    with connect(local) as driver:
        assert count_graph(driver, local.database) == before


@pytest.mark.neo4j
def test_a_row_refused_while_the_server_stops_leaves_it_running_and_the_database_empty(local, tmp_path: Path) -> None:
    from chainkg.server import launcher

    G = corpus_graph(BASE)
    G.nodes["company:甲锂业"]["aliases"] = [f"甲{ARRAY_DELIMITER}锂业"]
    with pytest.raises(ChainkgError, match="property 'aliases' holds the character U\\+001F"):
        bulk_load(G, environ={})
    assert launcher.status() is not None
    with connect(connection_settings({})) as driver:
        assert sum(count_graph(driver, local.database).values()) == 0


@pytest.mark.neo4j
def test_the_local_server_bounds_its_transaction_logs(local) -> None:
    """Keep only the latest log, rotate at 64 MiB without preallocating, checkpoint every 64 MiB:
    after repeated loads the logs the server wrote are at most about 64 MiB each (they were
    preallocated to 256 MiB each before). The bulk importer preallocates the first log of the
    database it writes at 256 MiB whatever it is told; it is rotated away like any other."""
    from chainkg.server import launcher

    with connect(local) as driver:
        records = driver.execute_query("SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
                                       names=["db.tx_log.rotation.retention_policy", "db.tx_log.rotation.size",
                                              "db.checkpoint.interval.volume", "db.tx_log.preallocate"]).records
        settings = {r["name"]: r["value"] for r in records}
        assert settings["db.tx_log.rotation.retention_policy"] == "false"
        assert settings["db.tx_log.rotation.size"] in ("64.00MiB", "67108864")
        assert settings["db.checkpoint.interval.volume"] in ("64.00MiB", "67108864")
        assert settings["db.tx_log.preallocate"] == "false"
        for _ in range(3):
            delete_everything(driver, local.database)
            load_graph(driver, local.database, synthetic_graph(3_000, seed=9))
        delete_everything(driver, local.database)
    logs = launcher.server_dir() / "home" / "data" / "transactions" / local.database
    sizes = {p.name: p.stat().st_size for p in logs.iterdir() if p.is_file()}
    mib = 2**20
    imported_first = {name for name, size in sizes.items() if name.endswith(".db.0") and size == 256 * mib}
    assert all(size <= 70 * mib for name, size in sizes.items() if name not in imported_first), sizes
    assert sum(sizes.values()) <= 256 * mib + 3 * 70 * mib, sizes
