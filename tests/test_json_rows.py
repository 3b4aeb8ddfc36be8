"""`chainkg load` reads graph.json as a stream of rows (chainkg.graph.json_rows): the rows are those
the networkx graph read from the same file gives, and a bad file is refused with its name and what
is wrong before anything is loaded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chainkg.errors import ChainkgError
from chainkg.graph.json_rows import GraphStream, read_graph_rows
from chainkg.graph.neo4j_store import graph_rows
from chainkg.graph.neo4j_bulk import stream_import_files
from chainkg.graph.store import read_graph_json, write_graph_json
from testkit.synthetic_graph import synthetic_graph


def test_rows_from_the_stream_are_those_of_the_graph_read_from_the_file(tmp_path: Path) -> None:
    G = synthetic_graph(2_000, seed=3)
    company = next(n for n, label in G.nodes(data="label") if label == "Company")
    G.nodes[company].update(scores=[1.5, 2.0, 1e-7], ranks=[3, -4, 2**40], flags=[True, False], note="", aliases=[])
    path = tmp_path / "graph.json"
    write_graph_json(G, path)
    streamed, read = read_graph_rows(path), graph_rows(read_graph_json(path))
    assert streamed == read
    assert list(streamed.nodes) == list(read.nodes) and list(streamed.rels) == list(read.rels)
    assert streamed.nodes[company].props["ranks"] == [3, -4, 2**40]


def test_equal_values_and_endpoints_are_one_object(tmp_path: Path) -> None:
    G = synthetic_graph(2_000, seed=3)
    path = tmp_path / "graph.json"
    write_graph_json(G, path)
    rows = read_graph_rows(path)
    by_target: dict[str, list] = {}
    for rel in rows.rels.values():
        by_target.setdefault(rel.target, []).append(rel)
    rels = max(by_target.values(), key=len)
    assert len(rels) > 1 and all(rel.target is rels[0].target for rel in rels)
    assert all(rel.target is next(n for n in rows.nodes if n == rel.target) for rel in rels[:3])
    docs = [rel.props["docs"] for rel in rels if rel.props.get("docs") == rels[0].props.get("docs")]
    assert all(d is docs[0] for d in docs)


def _graph_file(tmp_path: Path, nodes: list, edges: list) -> Path:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps({"directed": True, "edges": edges, "graph": {}, "multigraph": True, "nodes": nodes},
                               ensure_ascii=False), encoding="utf-8")
    return path


A = {"id": "company:a", "label": "Company", "name": "A", "docs": ["d1"]}
B = {"id": "project:b", "label": "Project", "name": "B", "docs": ["d1"]}
EDGE = {"source": "company:a", "target": "project:b", "key": "BUILDS|a|b", "type": "BUILDS", "docs": ["d1"]}


@pytest.mark.parametrize("nodes, edges, message", [
    ([A, A], [], "node 'company:a' is written twice"),
    ([A], [EDGE], r"relationship 'BUILDS\|a\|b' \(company:a -> project:b\): its endpoint 'project:b' is not a node"),
    ([A, B], [{k: v for k, v in EDGE.items() if k != "key"}], "relationship 0 has no 'key'"),
    ([{k: v for k, v in A.items() if k != "id"}], [], "node 0 has no 'id'"),
    ([{**A, "label": "Firm"}], [], "node 'company:a': label 'Firm' is not one of the model's"),
    ([A, B], [EDGE, {**EDGE, "target": "company:a"}], "two BUILDS relationships from 'company:a' share this key"),
    ([A, ["not", "an", "object"]], [], "item 1 of 'nodes' is not an object"),
    ([{**A, "docs": "d1"}], [], "'docs' must be a list of document ids"),
])
def test_a_bad_graph_file_is_refused_naming_it(tmp_path: Path, nodes: list, edges: list, message: str) -> None:
    path = _graph_file(tmp_path, nodes, edges)
    with pytest.raises(ChainkgError, match=f"^{re.escape(str(path))}: .*{message}"):
        read_graph_rows(path)


def test_unreadable_files_are_refused_naming_them(tmp_path: Path) -> None:
    with pytest.raises(ChainkgError, match=f"^{re.escape(str(tmp_path / 'graph.json'))}: no graph there; run `chainkg build` first"):
        read_graph_rows(tmp_path / "graph.json")
    # Python's json writes NaN (JSON has none; graph.json, written by orjson, has null there)
    (tmp_path / "graph.json").write_bytes(b'{"edges": [], "nodes": [{"id": "company:a", "capacity": NaN}]}')
    with pytest.raises(ChainkgError, match="graph.json: not a readable graph JSON file .*lexical error"):
        read_graph_rows(tmp_path / "graph.json")
    (tmp_path / "graph.json").write_bytes(b'{"edges": [], "nodes": [{"id": "company:a", "label": "Comp')
    with pytest.raises(ChainkgError, match="graph.json: not a readable graph JSON file .*premature EOF"):
        read_graph_rows(tmp_path / "graph.json")
    (tmp_path / "graph.json").write_bytes('{"edges": [], "nodes": []}'.encode("utf-16"))
    with pytest.raises(ChainkgError, match="graph.json: not a readable graph JSON file"):
        read_graph_rows(tmp_path / "graph.json")


def test_relationships_wait_for_the_nodes(tmp_path: Path) -> None:
    stream = GraphStream(_graph_file(tmp_path, [A, B], [EDGE]))
    with pytest.raises(RuntimeError, match="before nodes"):
        next(stream.rels())


def test_a_duplicate_relationship_found_by_the_bulk_writer_names_the_file(tmp_path: Path) -> None:
    path = _graph_file(tmp_path, [A, B], [EDGE, {**EDGE, "target": "company:a"}])
    (tmp_path / "csv").mkdir()
    with pytest.raises(ChainkgError, match=f"^{re.escape(str(path))}: .*two BUILDS relationships from 'company:a'"):
        stream_import_files(GraphStream(path), tmp_path / "csv")
