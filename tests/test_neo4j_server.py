"""The project's own Neo4j server: status and CLI, and a server stopped in the middle of a load.

These drive the real local server of ``chainkg neo4j start`` (scripts/test.sh starts a test one
before pytest and stops it after); the restart test leaves it running again.
"""

from __future__ import annotations

import os
import stat
import threading
import time

import pytest

from chainkg.errors import ChainkgError
from chainkg.graph.neo4j_store import Neo4jSettings, connect, count_graph, delete_everything, graph_rows, load_graph
from testkit.synthetic_graph import synthetic_graph
from chainkg.server import launcher

pytestmark = pytest.mark.neo4j


@pytest.fixture
def local_server(neo4j_settings: Neo4jSettings) -> launcher.ServerInfo:
    """The running local server; these tests make no sense against another one."""
    info = launcher.status()
    if info is None or info.uri != neo4j_settings.uri:
        message = "the local Neo4j is not the one under test (NEO4J_URI names another server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return info


def test_status_and_start_are_idempotent(local_server, capsys) -> None:
    from chainkg.cli import main

    assert launcher.start() == local_server  # already running: the same server, no second JVM
    with pytest.raises(ChainkgError, match="already runs on port"):
        launcher.start(port=local_server.port + 1)
    assert main(["neo4j", "status"]) == 0
    out = capsys.readouterr().out
    assert local_server.uri in out and "user:          neo4j" in out and str(local_server.password_file) in out
    mode = stat.S_IMODE(local_server.password_file.stat().st_mode)
    assert mode == 0o600, oct(mode)


def test_stopped_in_the_middle_of_a_load_then_the_next_load_completes(local_server, neo4j_settings) -> None:
    G = synthetic_graph(12_000, seed=5)
    rows = graph_rows(G)
    expected = {}
    for node in rows.nodes.values():
        expected[node.label] = expected.get(node.label, 0) + 1
    for rel in rows.rels.values():
        expected[rel.type] = expected.get(rel.type, 0) + 1

    with connect(neo4j_settings) as driver:  # start from an empty database
        delete_everything(driver, neo4j_settings.database)

    stopper = threading.Timer(1.5, launcher.stop)
    try:
        with pytest.raises(ChainkgError, match="unreachable or went away"):
            with connect(neo4j_settings, max_transaction_retry_time=3.0) as driver:
                stopper.start()
                load_graph(driver, neo4j_settings.database, G, batch_size=500)
    finally:
        stopper.join()
        started = time.monotonic()
        info = launcher.start(local_server.port)
    assert info.port == local_server.port and time.monotonic() - started < 120

    with connect(neo4j_settings) as driver:
        half = count_graph(driver, neo4j_settings.database)
        assert sum(half.values()) < sum(expected.values()), "the load finished before the stop"
        stats = load_graph(driver, neo4j_settings.database, G)
        assert {k: v for k, v in stats.counts.items() if v} == expected
