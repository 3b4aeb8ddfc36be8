"""OUT/graph.pickle: `chainkg build` writes it, `chainkg query` and `chainkg view` load it, and a
snapshot that was not made from the present bytes of graph.json is never used."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from chainkg.graph import snapshot
from chainkg.graph.gaps import PER_GRAPH
from chainkg.graph.model import MENTIONED_IN
from chainkg.graph.snapshot import EVIDENCE_OMITTED, SNAPSHOT_FILE, read_graph_fast, snapshot_is_current, write_snapshot
from chainkg.graph.store import GRAPH_FILE, graphs_equal, read_graph_json, write_graph_json


def small_graph(name: str = "建材") -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(f"chain:{name}", label="Chain", name=name, docs=[])
    G.add_node("segment:x", label="Segment", name="水泥", docs=[])
    G.add_edge("segment:x", f"chain:{name}", key="PART_OF|x", type="PART_OF")
    return G


@pytest.fixture
def out(tmp_path: Path) -> Path:
    write_graph_json(small_graph(), tmp_path / GRAPH_FILE)
    write_snapshot(small_graph(), tmp_path / GRAPH_FILE)
    return tmp_path


def test_a_current_snapshot_is_loaded_without_parsing_the_json(out: Path, monkeypatch) -> None:
    def no_json(*_args, **_kwargs):
        raise AssertionError("parsed graph.json although the snapshot is current")

    monkeypatch.setattr(snapshot, "parse_graph_json", no_json)
    assert graphs_equal(read_graph_fast(out / GRAPH_FILE), small_graph())


def test_a_rewritten_graph_json_is_read_and_the_snapshot_renewed(out: Path) -> None:
    write_graph_json(small_graph("新材料"), out / GRAPH_FILE)
    assert not snapshot_is_current(out / GRAPH_FILE)
    assert "chain:新材料" in read_graph_fast(out / GRAPH_FILE)
    assert snapshot_is_current(out / GRAPH_FILE)


def test_an_edit_that_keeps_size_and_time_is_caught(out: Path) -> None:
    path = out / GRAPH_FILE
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "水泥" in text
    path.write_text(text.replace("水泥", "石膏"), encoding="utf-8")  # same length in UTF-8
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert read_graph_fast(path).nodes["segment:x"]["name"] == "石膏"


def test_a_snapshot_from_another_folder_is_not_used(out: Path, tmp_path_factory) -> None:
    other = tmp_path_factory.mktemp("other")
    write_graph_json(small_graph("大健康"), other / GRAPH_FILE)
    write_snapshot(small_graph("大健康"), other / GRAPH_FILE)
    shutil.copy(other / SNAPSHOT_FILE, out / SNAPSHOT_FILE)
    assert "chain:建材" in read_graph_fast(out / GRAPH_FILE)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other format"])
def test_a_damaged_snapshot_falls_back_to_the_json(out: Path, damage: str) -> None:
    target = out / SNAPSHOT_FILE
    if damage == "truncated":
        target.write_bytes(target.read_bytes()[:40])
    elif damage == "garbage":
        target.write_bytes(b"not a pickle at all")
    else:
        import pickle

        header = {"format": 0, "graph_sha256": snapshot.content_hash(out / GRAPH_FILE), "networkx": nx.__version__}
        target.write_bytes(pickle.dumps(header) + pickle.dumps(small_graph("别的")))
    assert graphs_equal(read_graph_fast(out / GRAPH_FILE), small_graph())
    assert snapshot_is_current(out / GRAPH_FILE)


def test_a_missing_graph_is_one_clear_error(tmp_path: Path) -> None:
    from chainkg.errors import ChainkgError

    with pytest.raises(ChainkgError, match=r"graph.json: no graph there; run `chainkg build` first"):
        read_graph_fast(tmp_path / GRAPH_FILE)


def test_build_writes_it_and_query_uses_it_until_graph_json_changes(seed_build, tmp_path: Path,
                                                                   monkeypatch, capsys) -> None:
    from chainkg.cli import main

    graph_path = seed_build.path  # OUT/graph.json, a link into the current build; the snapshot is linked beside it
    assert os.readlink(graph_path.parent / SNAPSHOT_FILE) == f"current/{SNAPSHOT_FILE}"
    assert (graph_path.parent / SNAPSHOT_FILE).is_file() and snapshot_is_current(graph_path)
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(graph_path, out / GRAPH_FILE)
    shutil.copy(graph_path.parent / SNAPSHOT_FILE, out / SNAPSHOT_FILE)
    parsed: list[Path] = []
    real = snapshot.parse_graph_json
    monkeypatch.setattr(snapshot, "parse_graph_json", lambda raw, path: parsed.append(path) or real(raw, path))
    assert main(["query", "coverage_summary", "--out", str(out), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first and parsed == []

    G = read_graph_json(out / GRAPH_FILE)  # the same graph with one chain renamed
    chain = next(n for n, d in G.nodes(data=True) if d["label"] == "Chain")
    old_name = G.nodes[chain]["name"]
    G.nodes[chain]["name"] = old_name + "(改)"
    write_graph_json(G, out / GRAPH_FILE)
    assert main(["query", "coverage_summary", "--out", str(out), "--format", "json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert parsed == [out / GRAPH_FILE]
    assert json.dumps(second, ensure_ascii=False).count(old_name + "(改)") >= 1
    assert snapshot_is_current(out / GRAPH_FILE)


def test_a_renewed_snapshot_goes_into_the_build_and_keeps_the_link(tmp_path: Path) -> None:
    from chainkg.outputs import new_build

    out = tmp_path / "out"
    with new_build(out, "test") as stage:
        write_graph_json(small_graph(), stage / GRAPH_FILE)
        write_snapshot(small_graph(), stage / GRAPH_FILE)
    (out / "current" / SNAPSHOT_FILE).write_bytes(b"stale")
    assert graphs_equal(read_graph_fast(out / GRAPH_FILE), small_graph())
    assert os.path.islink(out / SNAPSHOT_FILE) and snapshot_is_current(out / GRAPH_FILE)
    assert snapshot_is_current(out / "current" / GRAPH_FILE)


def tricky_graph() -> nx.MultiDiGraph:
    """Nested values, escapes, parallel edges, an edge attribute called like a node-link field."""
    G = small_graph()
    G.graph["made_by"] = {"tool": "测试", "steps": [1, {"缩进": ["a\nb", "\"q\""]}]}
    G.add_node("company:甲", label="Company", name="甲\t乙", aliases=[], docs=["d1", "d2"], score=1.5, flag=None)
    for i in range(3):
        G.add_edge("company:甲", "segment:x", key=f"K|{i}", type="LEADS_IN", rank=i, via=[], note={"x": [i]})
    return G


@pytest.mark.parametrize("graph", [tricky_graph, nx.MultiDiGraph, small_graph])
def test_graph_json_is_streamed_as_one_json_dumps_would_write_it(graph, tmp_path: Path) -> None:
    import hashlib

    from chainkg.graph.store import graph_to_data

    G = graph()
    digest = write_graph_json(G, tmp_path / GRAPH_FILE)
    written = (tmp_path / GRAPH_FILE).read_bytes()
    assert written == (json.dumps(graph_to_data(G), ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
    assert digest == hashlib.sha256(written).hexdigest()
    assert graphs_equal(read_graph_json(tmp_path / GRAPH_FILE), G)


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    from chainkg.graph import store

    write_graph_json(small_graph(), tmp_path / GRAPH_FILE)
    before = (tmp_path / GRAPH_FILE).read_bytes()

    def broken(G):
        yield b"{"
        raise OSError("disk full")

    monkeypatch.setattr(store, "graph_json_bytes", broken)
    with pytest.raises(OSError, match="disk full"):
        write_graph_json(tricky_graph(), tmp_path / GRAPH_FILE)
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [GRAPH_FILE]


def test_the_snapshot_carries_the_listings_and_nothing_else_of_the_cache(tmp_path: Path) -> None:
    """The listings of PER_GRAPH come loaded; the adjacency index is made by its first reader."""
    from chainkg.graph.adjacency import adjacency, build_adjacency

    G = tricky_graph()
    adjacency(G)
    G.__networkx_cache__["other"] = object()  # not ours: left out of the snapshot
    kept = set(G.__networkx_cache__)
    write_snapshot(G, tmp_path / GRAPH_FILE, write_graph_json(G, tmp_path / GRAPH_FILE))
    assert set(G.__networkx_cache__) == kept | set(PER_GRAPH), "the graph keeps its cache"
    H = read_graph_fast(tmp_path / GRAPH_FILE)
    assert set(H.__networkx_cache__) == set(PER_GRAPH) and graphs_equal(H, G)
    assert all(H.__networkx_cache__[key] == make(H) for key, make in PER_GRAPH.items())
    assert adjacency(H) == build_adjacency(H)
    for _, _, data in H.out_edges("company:甲", data=True):  # the index holds the graph's own edge dicts
        data["rank"] = 99
    assert all(d["rank"] == 99 for _, _, d in adjacency(H).outgoing["LEADS_IN"]["company:甲"])
    H.add_node("new", label="Company")
    assert "new" in adjacency(H).labels["Company"]


def without_evidence(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """What ``graph.facts.pickle`` holds, made in memory (the reference a loaded one is held to):
    ``G`` without its MENTIONED_IN relationships, marked ``EVIDENCE_OMITTED``, sharing ``G``'s
    node and edge property dicts and the listings ``G`` has cached of ``PER_GRAPH`` (they read
    no evidence). Every node stays, and the other relationships keep their order (each node's
    successors and predecessors as in ``G``)."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph[EVIDENCE_OMITTED] = True
    H._node.update(G._node)
    succ: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {}
    for node, others in G._succ.items():
        kept = succ[node] = {}
        for other, keyed in others.items():
            facts = {k: d for k, d in keyed.items() if d.get("type") != MENTIONED_IN}
            if facts:  # the same dict as in the graph when no evidence was among them
                kept[other] = keyed if len(facts) == len(keyed) else facts
    H._succ = H._adj = succ
    H._pred = {node: {other: succ[other][node] for other in others if node in succ[other]}
               for node, others in G._pred.items()}
    H.__networkx_cache__.update({k: v for k, v in G.__networkx_cache__.items() if k in PER_GRAPH})  # none reads evidence
    return H


def evidenced_graph(name: str = "建材") -> nx.MultiDiGraph:
    """A graph whose coverage is written (as every build's is) with evidence: two documents, a
    mention beside another relationship between the same two nodes."""
    G = small_graph(name)
    G.nodes["segment:x"].update(coverage="unknown", coverage_zh="待核实")
    for doc in ("document:甲", "document:乙"):
        G.add_node(doc, label="Document", title=f"{doc}的标题")
    G.add_edge("segment:x", "document:乙", key="M|1", type="MENTIONED_IN", sentence="某句。", start=0, end=2)
    G.add_edge("segment:x", "document:乙", key="CITES|1", type="CITES")
    G.add_edge(f"chain:{name}", "document:甲", key="M|2", type="MENTIONED_IN", sentence="另一句。", start=1, end=3)
    G.add_edge("document:甲", f"chain:{name}", key="ABOUT|1", type="ABOUT")
    return G


def test_the_facts_snapshot_is_the_graph_without_its_evidence(tmp_path: Path) -> None:
    from chainkg.graph.adjacency import adjacency, build_adjacency
    from chainkg.graph.snapshot import FACTS_FILE

    G = evidenced_graph()
    write_snapshot(G, tmp_path / GRAPH_FILE, write_graph_json(G, tmp_path / GRAPH_FILE))
    assert (tmp_path / FACTS_FILE).is_file()
    H = read_graph_fast(tmp_path / GRAPH_FILE, evidence=False)
    assert H.graph[EVIDENCE_OMITTED] is True and graphs_equal(H, without_evidence(G))
    kept = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] != "MENTIONED_IN"]
    assert list(H.edges(keys=True)) == kept == [("segment:x", "chain:建材", "PART_OF|x"),
                                                ("segment:x", "document:乙", "CITES|1"),
                                                ("document:甲", "chain:建材", "ABOUT|1")]
    assert [list(H.in_edges(n, keys=True)) for n in H] == [
        [e for e in G.in_edges(n, keys=True) if e in kept] for n in G]
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert adjacency(H) == build_adjacency(H) and "MENTIONED_IN" not in adjacency(H).outgoing
    assert all(H.__networkx_cache__[key] == make(H) for key, make in PER_GRAPH.items())
    whole = read_graph_fast(tmp_path / GRAPH_FILE)
    assert EVIDENCE_OMITTED not in whole.graph and graphs_equal(whole, G)


def test_a_stale_facts_snapshot_is_never_used(tmp_path: Path) -> None:
    from chainkg.graph.snapshot import FACTS_FILE, facts_path

    write_snapshot(evidenced_graph(), tmp_path / GRAPH_FILE, write_graph_json(evidenced_graph(), tmp_path / GRAPH_FILE))
    old_facts = (tmp_path / FACTS_FILE).read_bytes()
    write_graph_json(evidenced_graph("新材料"), tmp_path / GRAPH_FILE)  # edited: both snapshots are stale
    assert "chain:新材料" in read_graph_fast(tmp_path / GRAPH_FILE, evidence=False)
    assert facts_path(tmp_path / GRAPH_FILE).read_bytes() != old_facts, "renewed with the whole snapshot"
    assert "chain:新材料" in read_graph_fast(tmp_path / GRAPH_FILE, evidence=False)
    (tmp_path / FACTS_FILE).write_bytes(old_facts)  # an old one put back: its hash is not graph.json's
    G = read_graph_fast(tmp_path / GRAPH_FILE, evidence=False)
    assert "chain:新材料" in G and G.has_edge("chain:新材料", "document:甲", key="M|2"), "read from the whole snapshot"


def test_a_graph_without_coverage_gets_no_facts_snapshot(tmp_path: Path) -> None:
    """Coverage computed afresh reads the evidence's dates: such a graph is always loaded whole."""
    from chainkg.graph.snapshot import FACTS_FILE

    write_snapshot(evidenced_graph(), tmp_path / GRAPH_FILE, write_graph_json(evidenced_graph(), tmp_path / GRAPH_FILE))
    bare = evidenced_graph()
    del bare.nodes["segment:x"]["coverage"]
    write_snapshot(bare, tmp_path / GRAPH_FILE, write_graph_json(bare, tmp_path / GRAPH_FILE))
    assert not (tmp_path / FACTS_FILE).exists(), "the older facts snapshot is removed"
    G = read_graph_fast(tmp_path / GRAPH_FILE, evidence=False)
    assert EVIDENCE_OMITTED not in G.graph and graphs_equal(G, bare)


def test_query_loads_the_evidence_only_for_a_query_that_reads_it(seed_build, tmp_path: Path, monkeypatch,
                                                                  capsys) -> None:
    """With only graph.json and the facts snapshot: coverage_summary is answered from the facts
    snapshot (no JSON parsed), evidence needs the whole graph (parsed from the JSON)."""
    from chainkg.cli import main
    from chainkg.graph.snapshot import FACTS_FILE

    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(seed_build.path, out / GRAPH_FILE)
    shutil.copy(seed_build.path.parent / "current" / FACTS_FILE, out / FACTS_FILE)
    parsed: list[Path] = []
    real = snapshot.parse_graph_json
    monkeypatch.setattr(snapshot, "parse_graph_json", lambda raw, path: parsed.append(path) or real(raw, path))
    assert main(["query", "coverage_summary", "--out", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) and parsed == []
    project = next(n for n, d in read_graph_json(out / GRAPH_FILE).nodes(data=True) if d["label"] == "Project")
    assert main(["query", "evidence", "--param", f"id={project}", "--out", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) and parsed == [out / GRAPH_FILE]


@pytest.fixture
def small_parts(monkeypatch) -> None:
    """Parts of a few nodes and relationships, so a small graph is written in many."""
    monkeypatch.setattr(snapshot, "PART_NODES", 7)
    monkeypatch.setattr(snapshot, "PART_RELATIONSHIPS", 40)


def assert_same_graph(H: nx.MultiDiGraph, G: nx.MultiDiGraph) -> None:
    """``H`` is ``G`` as networkx holds it: the same nodes, successors, predecessors and keys in
    the same order, equal property dicts (their keys in order), ``H``'s two adjacency dicts one
    dict per node pair, its adjacency index what ``G``'s is, over ``H``'s own edge dicts."""
    from chainkg.graph.adjacency import adjacency

    assert H.graph == G.graph and list(H._node.items()) == list(G._node.items())
    assert all(list(H._node[n]) == list(G._node[n]) for n in G)
    for side in ("_succ", "_pred"):
        mine, theirs = getattr(H, side), getattr(G, side)
        assert list(mine) == list(theirs)
        for node, others in theirs.items():
            assert [(o, list(keyed.items())) for o, keyed in mine[node].items()] == [
                (o, list(keyed.items())) for o, keyed in others.items()], (side, node)
    assert all(H._pred[v][u] is keyed for u, others in H._succ.items() for v, keyed in others.items())
    assert adjacency(H) == adjacency(G)
    assert all(data is H._succ[node][other][key]
               for per_node in adjacency(H).outgoing.values() for node, edges in per_node.items()
               for other, key, data in edges)


def shared_groups(G: nx.MultiDiGraph, name: str) -> set[frozenset[tuple[str, str, str]]]:
    """The MENTIONED_IN (source, target, key) into one document that hold one object as their
    ``name``, grouped (an equal text in two documents is one object in the build, two loaded)."""
    groups: dict[tuple[int, str], set[tuple[str, str, str]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if d["type"] == "MENTIONED_IN" and name in d:
            groups.setdefault((id(d[name]), v), set()).add((u, v, k))
    return {frozenset(g) for g in groups.values()}


def test_a_built_graph_comes_back_from_its_parts_as_it_was(seed_build, tmp_path: Path, small_parts) -> None:
    """Written in many parts, the seed build's graph and its facts are loaded in every order and
    property they had; the mentions of one sentence share its text, headings and documents as
    the build made them (within a document: the parts keep a document's mentions together)."""
    G = seed_build.graph
    write_snapshot(G, tmp_path / GRAPH_FILE, write_graph_json(G, tmp_path / GRAPH_FILE))
    H = read_graph_fast(tmp_path / GRAPH_FILE)
    assert_same_graph(H, G)
    assert sum(1 for _ in G.edges) > 10 * snapshot.PART_RELATIONSHIPS, "written in many parts"
    for name in ("sentence", "headings", "docs"):
        assert shared_groups(H, name) == shared_groups(G, name)
        assert any(len(group) > 1 for group in shared_groups(G, name))
    assert_same_graph(read_graph_fast(tmp_path / GRAPH_FILE, evidence=False), without_evidence(G))


@pytest.mark.parametrize("damage", ["cut in a part", "cut before the end", "bytes of a part changed", "a part left out"])
def test_a_damaged_part_falls_back_to_the_json(tmp_path: Path, small_parts, monkeypatch, caplog, damage: str) -> None:
    import logging

    G = tricky_graph()
    for i in range(30):  # some parts' worth of nodes and relationships
        G.add_node(f"company:{i}", label="Company", name=f"公司{i}", docs=[f"d{i}"])
        G.add_edge(f"company:{i}", "segment:x", key=f"LEADS_IN|{i}", type="LEADS_IN", docs=[f"d{i}"])
    if damage == "a part left out":
        written = snapshot._parts
        monkeypatch.setattr(snapshot, "_parts", lambda *args: [p for i, p in enumerate(written(*args)) if i != 2])
    write_snapshot(G, tmp_path / GRAPH_FILE, write_graph_json(G, tmp_path / GRAPH_FILE))
    monkeypatch.undo()
    target = tmp_path / SNAPSHOT_FILE
    data = target.read_bytes()
    if damage == "cut in a part":
        target.write_bytes(data[:len(data) * 2 // 3])
    elif damage == "cut before the end":
        target.write_bytes(data[:-1])
    elif damage == "bytes of a part changed":
        middle = len(data) * 2 // 3
        target.write_bytes(data[:middle] + b"\xff" * 8 + data[middle + 8:])
    with caplog.at_level(logging.INFO, logger="chainkg.graph.snapshot"):
        H = read_graph_fast(tmp_path / GRAPH_FILE)
    assert graphs_equal(H, G) and "unreadable snapshot, reading the JSON" in caplog.text
    assert snapshot_is_current(tmp_path / GRAPH_FILE), "written again"


def wide_graph(nodes: int) -> nx.MultiDiGraph:
    """``nodes`` nodes with ASCII properties (no UTF-8 copies cached by the pickler), each with
    eight relationships to the nodes after it, and a Segment without coverage (no facts snapshot,
    whose adjacency dicts are made for the writing)."""
    G = nx.MultiDiGraph()
    G.add_node("segment:s", label="Segment")
    for i in range(nodes):
        G.add_node(f"n{i}", label="Company", name=f"name {i}", docs=[f"d{i}", f"e{i}"])
    for i in range(nodes):
        for j in range(1, 9):
            G.add_edge(f"n{i}", f"n{(i + j) % nodes}", key=f"LEADS_IN|{i}|{j}", type="LEADS_IN", note=f"{i}-{j}")
    return G


def transient_peak(write) -> int:
    """Bytes traced at the peak of ``write()`` over what was held before and after it."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        write()
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - max(before, after)


def test_writing_holds_one_part_not_the_graph(tmp_path: Path, monkeypatch) -> None:
    """The pickler's memo holds one part: four times the graph, not much more held while writing
    (the id index grows with the nodes, 60 bytes each); one whole pickle of the same graphs grows
    with them, for comparison. The adjacency index and listings are made first (kept in the
    graph's cache, they are not the writing's)."""
    import pickle

    from chainkg.graph.adjacency import adjacency, cached

    monkeypatch.setattr(snapshot, "PART_NODES", 512)
    monkeypatch.setattr(snapshot, "PART_RELATIONSHIPS", 4096)
    peaks, whole = [], []
    for nodes in (2_000, 8_000):
        G = wide_graph(nodes)
        adjacency(G)
        for key, make in PER_GRAPH.items():
            cached(G, key, make)
        peaks.append(transient_peak(lambda: write_snapshot(G, tmp_path / GRAPH_FILE, "0" * 64)))
        with open(tmp_path / "whole.pickle", "wb") as fh:
            whole.append(transient_peak(lambda: pickle.dump(G, fh, protocol=pickle.HIGHEST_PROTOCOL)))
    assert whole[1] > 3 * whole[0], f"the comparison is not one (whole pickle: {whole})"
    assert peaks[1] < 2 * peaks[0] and peaks[1] < whole[1] / 4, f"parts {peaks}, whole {whole}"


@pytest.mark.parametrize("evidence", [True, False])
def test_every_query_answers_the_same_on_a_lazy_and_an_eager_load(seed_build, evidence: bool) -> None:
    """A loaded graph makes each part of its adjacency index when a query first reads it (and
    only then); every query of the library, for every parameter case, gives the same rows as on
    the same snapshot loaded with the whole index made at once (as the load did before)."""
    from chainkg.graph.adjacency import LABELS_KEY, OUTGOING_KEY, adjacency, build_adjacency
    from chainkg.queries.embedded import EMBEDDED, EVIDENCE_QUERIES
    from chainkg.queries.run import run_embedded
    from testkit.query_cases import parameter_cases

    assert snapshot_is_current(seed_build.path)
    lazy = read_graph_fast(seed_build.path, evidence=evidence)
    parts = {LABELS_KEY, OUTGOING_KEY}
    assert not parts & set(lazy.__networkx_cache__), "nothing of the index is made at load"
    run_embedded(lazy, "coverage_summary", {})
    assert OUTGOING_KEY not in lazy.__networkx_cache__, "coverage reads the carried listings"
    eager = read_graph_fast(seed_build.path, evidence=evidence)
    adjacency(eager)
    cases = parameter_cases(eager)
    asked = 0
    for name in sorted(EMBEDDED):
        if name in EVIDENCE_QUERIES and not evidence:
            continue
        for params in cases[name]:
            assert run_embedded(lazy, name, params) == run_embedded(eager, name, params), (name, params)
            asked += 1
    assert asked > len(EMBEDDED) // 2
    assert parts <= set(lazy.__networkx_cache__) and adjacency(lazy) == build_adjacency(eager)
