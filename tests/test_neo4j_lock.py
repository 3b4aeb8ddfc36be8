"""One load at a time per Neo4j database (issue 17, item 1) and no mass removal unasked (item 2).

Against the test server, like tests/test_neo4j_store.py: every test starts from an empty database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

from chainkg.cli import main
from chainkg.errors import ChainkgError
from chainkg.graph import neo4j_lock
from chainkg.graph.model import LABELS
from chainkg.graph.neo4j_lock import acquire, load_lock, read_holder
from chainkg.graph.neo4j_store import Neo4jSettings, load_graph, read_graph
from chainkg.graph.store import write_graph_json
from testkit.synthetic_graph import synthetic_graph

from tests.test_neo4j_store import BASE, corpus_graph, same

pytestmark = pytest.mark.neo4j


@pytest.fixture
def env(neo4j_settings: Neo4jSettings, monkeypatch) -> dict[str, str]:
    """The environment that points a `chainkg` process at the test server."""
    for key, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                       ("NEO4J_PASSWORD", neo4j_settings.password), ("NEO4J_DATABASE", neo4j_settings.database)):
        monkeypatch.setenv(key, value)
    return dict(os.environ)


def graph_dir(root: Path, G: nx.MultiDiGraph) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_graph_json(G, root / "graph.json")
    return root


def load_cli(out: Path, env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chainkg", "load", "--out", str(out), "--prune", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_second_load_refuses_naming_the_holder(db, env, tmp_path: Path, capsys) -> None:
    driver, database = db
    out = graph_dir(tmp_path / "g", corpus_graph(BASE))
    with load_lock(driver, database, command="chainkg load (test holder)"):
        assert main(["load", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is being loaded by `chainkg load (test holder)`" in err
        assert f"pid {os.getpid()}" in err
        with pytest.raises(ChainkgError, match="being loaded by"):
            acquire(driver, database)
    assert read_holder(driver, database) is None  # released: the node is gone
    assert main(["load", "--out", str(out)]) == 0


def test_wait_takes_the_lock_once_it_is_released(db) -> None:
    driver, database = db
    first = acquire(driver, database, command="first")
    started = time.monotonic()
    import threading

    threading.Timer(1.0, first.release).start()
    second = acquire(driver, database, command="second", wait=30)
    assert time.monotonic() - started >= 0.9
    assert read_holder(driver, database).command == "second"
    second.release()


def test_an_expired_lease_is_taken_over(db, caplog) -> None:
    driver, database = db
    driver.execute_query("CREATE (:ChainkgLock {name: 'load', owner: 'gone', command: 'chainkg load', "
                         "pid: 1, host: 'elsewhere', since: timestamp() - 5000, expires: timestamp() - 1})",
                         database_=database)
    with caplog.at_level("WARNING"):
        lock = acquire(driver, database)
    assert "took over the Neo4j load lock" in caplog.text and "lease had run out" in caplog.text
    assert read_holder(driver, database).owner == lock.owner
    lock.release()


def test_a_lock_whose_process_is_gone_is_taken_over_at_once(db, caplog) -> None:
    driver, database = db
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    import socket

    driver.execute_query("CREATE (:ChainkgLock {name: 'load', owner: 'dead', command: 'chainkg load', "
                         "pid: $pid, host: $host, since: timestamp(), expires: timestamp() + 600000})",
                         pid=dead.pid, host=socket.gethostname(), database_=database)
    with caplog.at_level("WARNING"):
        lock = acquire(driver, database)
    assert "its process is gone" in caplog.text
    lock.release()


def test_a_load_stalled_past_its_lease_stops_before_writing_more(db) -> None:
    driver, database = db
    lock = acquire(driver, database, lease=1.0)
    lock._stop.set()  # no more renewals: as if the process had been stopped
    lock._thread.join()
    time.sleep(1.2)
    with pytest.raises(ChainkgError, match="no longer holds the Neo4j load lock"):
        load_graph(driver, database, corpus_graph(BASE), before_unit=lock.check)
    other = acquire(driver, database)  # the lease ran out: another load may go
    assert lock.renew() is False
    other.release()
    lock.release()


def test_the_lease_is_renewed_while_a_load_runs(db) -> None:
    driver, database = db
    lock = acquire(driver, database, lease=1.5)
    first = read_holder(driver, database).expires
    time.sleep(1.2)
    lock.check()  # renewed by the thread, so still ours
    assert read_holder(driver, database).expires > first
    lock.release()


def test_concurrent_loads_of_two_graphs_end_in_one_of_them(db, env, tmp_path: Path) -> None:
    """Two `chainkg load` of different graphs started together, five times: the database ends
    holding exactly one of the graphs, and a load that did not run said who held the lock."""
    driver, database = db
    graphs = {"a": synthetic_graph(1_500, seed=1), "b": synthetic_graph(1_500, seed=2)}
    dirs = {name: graph_dir(tmp_path / name, G) for name, G in graphs.items()}
    refused = 0
    for _ in range(5):
        procs = {name: load_cli(dirs[name], env) for name in ("a", "b")}
        results = {name: (p.wait(), p.communicate()) for name, p in procs.items()}
        ran = [name for name, (rc, _) in results.items() if rc == 0]
        for name, (rc, (_, err)) in results.items():
            if rc != 0:
                assert rc == 2 and "is being loaded by `chainkg load`" in err and err.count("\n") == 1, err
                refused += 1
        assert ran
        stored = read_graph(driver, database)
        if len(ran) == 1:
            same(stored, graphs[ran[0]])
        else:
            assert any(_equal(stored, G) for G in graphs.values())
    print(f"loads refused: {refused} of 10")


def test_waiting_loads_run_one_after_the_other(db, env, tmp_path: Path) -> None:
    driver, database = db
    graphs = {"a": synthetic_graph(2_000, seed=3), "b": synthetic_graph(2_000, seed=4)}
    dirs = {name: graph_dir(tmp_path / name, G) for name, G in graphs.items()}
    procs = {name: load_cli(dirs[name], env, "--wait", "120") for name in ("a", "b")}
    for name, p in procs.items():
        rc = p.wait()
        assert rc == 0, p.communicate()[1]
    assert any(_equal(read_graph(driver, database), G) for G in graphs.values())


def test_a_killed_load_is_taken_over_and_repaired(db, env, tmp_path: Path) -> None:
    driver, database = db
    big, small = synthetic_graph(6_000, seed=5), corpus_graph(BASE)
    proc = load_cli(graph_dir(tmp_path / "big", big), env)
    deadline = time.monotonic() + 60
    while read_holder(driver, database) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.kill()
    proc.wait()
    assert read_holder(driver, database) is not None  # left behind by the killed load
    done = subprocess.run([sys.executable, "-m", "chainkg", "load", "--out", str(graph_dir(tmp_path / "s", small)),
                           "--prune"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "took over the Neo4j load lock" in done.stderr and done.stderr.count("\n") == 1
    same(read_graph(driver, database), small)


def _equal(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> bool:
    try:
        same(G, H)
    except AssertionError:
        return False
    return True


# ----------------------------------------------------------------------------- item 2: no mass removal unasked


def test_load_refuses_to_remove_many_documents_without_prune(db, env, tmp_path: Path, capsys) -> None:
    driver, database = db
    full = corpus_graph(BASE)
    load_graph(driver, database, full)
    templates_only = corpus_graph({})
    out = graph_dir(tmp_path / "empty", templates_only)
    assert main(["load", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lacks 2 of the 2 document(s)" in err and "--prune" in err
    assert "报告doca" in err or "document:doca" in err
    same(read_graph(driver, database), full)  # nothing written
    assert main(["load", "--out", str(out), "--prune"]) == 0
    assert "removed document(s) no longer in the graph" in capsys.readouterr().out
    same(read_graph(driver, database), templates_only)


def test_load_removes_a_few_documents_unasked(db, tmp_path: Path, env, capsys) -> None:
    driver, database = db
    many = {f"doc{i:02d}": [(f"公司{i}", "碳酸锂", "格尔木市", float(i))] for i in range(12)}
    load_graph(driver, database, corpus_graph(many))
    fewer = corpus_graph({k: v for k, v in many.items() if k != "doc03"})
    assert main(["load", "--out", str(graph_dir(tmp_path / "g", fewer))]) == 0
    assert "doc03" in capsys.readouterr().out
    same(read_graph(driver, database), fewer)


def test_the_lock_label_is_not_part_of_the_graph(db) -> None:
    driver, database = db
    lock = acquire(driver, database)
    assert read_graph(driver, database).number_of_nodes() == 0
    lock.release()
    assert neo4j_lock.LOCK_LABEL not in LABELS
