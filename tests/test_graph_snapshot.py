"""OUT/graph.pickle: `chainkg build` writes it, `chainkg query` and `chainkg view` load it, and a
snapshot that was not made from the present bytes of graph.json is never used."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

from chainkg.graph import snapshot
from chainkg.graph.snapshot import SNAPSHOT_FILE, read_graph_fast, snapshot_is_current, write_snapshot
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
    assert written == (json.dumps(graph_to_data(G), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()
    assert digest == hashlib.sha256(written).hexdigest()
    assert graphs_equal(read_graph_json(tmp_path / GRAPH_FILE), G)


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    from chainkg.graph import store

    write_graph_json(small_graph(), tmp_path / GRAPH_FILE)
    before = (tmp_path / GRAPH_FILE).read_bytes()

    def broken(G):
        yield "{"
        raise OSError("disk full")

    monkeypatch.setattr(store, "graph_json_text", broken)
    with pytest.raises(OSError, match="disk full"):
        write_graph_json(tricky_graph(), tmp_path / GRAPH_FILE)
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [GRAPH_FILE]


def test_the_snapshot_carries_the_adjacency_index_and_nothing_else_of_the_cache(tmp_path: Path) -> None:
    from chainkg.graph.adjacency import CACHE_KEY, adjacency, build_adjacency

    G = tricky_graph()
    G.__networkx_cache__["other"] = object()  # not ours: left out of the snapshot
    write_snapshot(G, tmp_path / GRAPH_FILE, write_graph_json(G, tmp_path / GRAPH_FILE))
    assert set(G.__networkx_cache__) == {CACHE_KEY, "other"}, "the graph keeps its cache"
    H = read_graph_fast(tmp_path / GRAPH_FILE)
    assert set(H.__networkx_cache__) == {CACHE_KEY} and graphs_equal(H, G)
    assert adjacency(H) == build_adjacency(H)
    for _, _, data in H.out_edges("company:甲", data=True):  # the index holds the graph's own edge dicts
        data["rank"] = 99
    assert all(d["rank"] == 99 for _, _, d in adjacency(H).outgoing["LEADS_IN"]["company:甲"])
    H.add_node("new", label="Company")
    assert "new" in adjacency(H).labels["Company"]
