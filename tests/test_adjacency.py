"""The adjacency index (graph/adjacency.py) answers exactly what scanning the graph answers, in
the same order, and is made again whenever the graph changes. The scans it replaced are kept
here as the specification."""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx
import pytest

from chainkg.graph import adjacency as adj
from chainkg.graph.gaps import Fact, fact_standing, segment_facts
from chainkg.graph.model import ABOUT, BUILDS, BY, IN_SEGMENT, MENTIONED_IN, PRODUCES, PROJECT, STATEMENT
from testkit.synthetic_graph import synthetic_graph

LABELS = ("Company", "Project", "Product", "Segment", "Document")
TYPES = ("BUILDS", "PRODUCES", "IN_SEGMENT", "MENTIONED_IN", "SUPPLIES")


# ----------------------------------------------------------------------------- the scans


def scan_nodes_of(G: nx.MultiDiGraph, label: str) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["label"] == label]


def scan_out(G: nx.MultiDiGraph, node: str, rel: str) -> list[tuple]:
    return [(t, k, d) for _, t, k, d in G.out_edges(node, keys=True, data=True) if d["type"] == rel]


def scan_in(G: nx.MultiDiGraph, node: str, rel: str) -> list[tuple]:
    return [(s, k, d) for s, _, k, d in G.in_edges(node, keys=True, data=True) if d["type"] == rel]


def scan_segment_facts(G: nx.MultiDiGraph) -> dict[str, list[Fact]]:
    """gaps.segment_facts as it was: one pass over every edge, each fact's firm and date by scans."""
    def latest(node: str) -> str:
        dates = [d.get("date") or G.nodes[doc].get("date") or ""
                 for _, doc, d in G.out_edges(node, data=True) if d["type"] == MENTIONED_IN]
        return max(dates, default=G.nodes[node].get("date") or "")

    out: dict[str, list[Fact]] = defaultdict(list)
    for node, product, data in G.edges(data=True):
        attrs = G.nodes[node]
        if data["type"] == PRODUCES and attrs["label"] == PROJECT:
            firm = min((c for c, _, d in G.in_edges(node, data=True) if d["type"] == BUILDS), default=None)
            fact = Fact(node, "project", fact_standing(attrs), firm or node, latest(node), attrs.get("name", node))
        elif data["type"] == ABOUT and attrs["label"] == STATEMENT:
            firm = min((c for _, c, d in G.out_edges(node, data=True) if d["type"] == BY), default=None)
            fact = Fact(node, attrs["kind"], fact_standing(attrs), firm or f"kind:{attrs['kind']}",
                        attrs.get("date") or "", attrs.get("name", node))
        else:
            continue
        for _, segment, d in G.out_edges(product, data=True):
            if d["type"] == IN_SEGMENT:
                out[segment].append(fact)
    return {s: sorted(set(facts), key=lambda f: f.id) for s, facts in out.items()}


# ----------------------------------------------------------------------------- graphs


def random_graph(seed: int) -> nx.MultiDiGraph:
    """Nodes of every label, edges of every type between random nodes: parallel edges, edges
    both ways, self-loops, isolated nodes."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(60)]
    for n in nodes:
        G.add_node(n, label=rng.choice(LABELS))
    for _ in range(400):
        G.add_edge(rng.choice(nodes), rng.choice(nodes), type=rng.choice(TYPES), w=rng.random())
    return G


def assert_index_is_the_scan(G: nx.MultiDiGraph) -> None:
    for label in (*LABELS, "Chain"):
        assert adj.nodes_of(G, label) == scan_nodes_of(G, label)
    for node in G:
        for rel in (*TYPES, "PART_OF"):
            assert adj.out_edges(G, node, rel) == scan_out(G, node, rel)
            assert adj.in_edges(G, node, rel) == scan_in(G, node, rel)
            assert adj.targets(G, node, rel) == [t for t, _, _ in scan_out(G, node, rel)]
            assert adj.sources(G, node, rel) == [s for s, _, _ in scan_in(G, node, rel)]
    for rel in TYPES:
        by_type = [(u, v, k, d) for u, edges in adj.edges_of_type(G, rel).items() for v, k, d in edges]
        assert by_type == [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] == rel]


# ----------------------------------------------------------------------------- tests


@pytest.mark.parametrize("seed", range(5))
def test_the_index_answers_what_the_scans_answer_in_the_same_order(seed: int) -> None:
    assert_index_is_the_scan(random_graph(seed))


def test_the_index_is_made_once_and_again_after_every_change() -> None:
    G = random_graph(7)
    first = adj.adjacency(G)
    assert adj.adjacency(G) is first  # cached: no second pass
    changes = [
        lambda: G.add_node("new", label="Company"),
        lambda: G.add_edge("new", "n1", type="BUILDS"),
        lambda: G.add_edges_from([("n2", "new", {"type": "PRODUCES"})]),
        lambda: G.remove_edge("new", "n1"),
        lambda: G.remove_node("n3"),
        lambda: G.add_nodes_from([("m", {"label": "Project"})]),
    ]
    for change in changes:
        before = adj.adjacency(G)
        change()
        assert adj.adjacency(G) is not before
        assert_index_is_the_scan(G)


def test_edge_properties_changed_in_place_are_seen_without_a_new_index() -> None:
    G = random_graph(8)
    node, rel = next((u, d["type"]) for u, _, d in G.edges(data=True))
    index = adj.adjacency(G)
    for _, _, data in G.out_edges(node, data=True):
        data["w"] = -1.0
    assert adj.adjacency(G) is index
    assert all(d["w"] == -1.0 for _, _, d in adj.out_edges(G, node, rel))


def test_a_graph_without_networkx_cache_is_indexed_each_time() -> None:
    G = random_graph(9)
    del G.__networkx_cache__
    assert adj.adjacency(G) is not adj.adjacency(G)
    assert_index_is_the_scan(G)


def test_segment_facts_are_those_of_the_scan() -> None:
    G = synthetic_graph(3_000, seed=5)
    facts = segment_facts(G)
    assert facts and facts == scan_segment_facts(G)


def test_what_is_cached_on_the_graph_is_made_again_after_a_change() -> None:
    G = random_graph(11)
    made = []
    make = lambda g: made.append(1) or len(g)  # noqa: E731
    assert adj.cached(G, "test.size", make) == adj.cached(G, "test.size", make) == 60 and made == [1]
    G.add_node("extra", label="Company")
    assert adj.cached(G, "test.size", make) == 61 and made == [1, 1]


def test_segment_coverage_rows_do_not_share_lists_with_the_cache() -> None:
    from chainkg.graph.gaps import segment_coverage

    G = synthetic_graph(2_000, seed=2)
    first = segment_coverage(G)
    for row in first.values():
        row["projects"].append("project:nothing")
    assert segment_coverage(G) == {s: {**r, "projects": r["projects"][:-1]} for s, r in first.items()}
