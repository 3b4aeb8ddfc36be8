"""The embedded store: ``chainkg build`` on the seeds gives a graph in our model, saved as
node-link JSON that plain networkx loads back identically, the same bytes on every run."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from chainkg.cli import main
from chainkg.graph.gaps import chain_gaps, segment_coverage
from chainkg.graph.model import (
    BUILDS,
    COMPANY,
    DOCUMENT,
    LABELS,
    MENTIONED_IN,
    PRODUCES,
    PROJECT,
    REL_TYPES,
    node_id,
)
from chainkg.graph.store import graphs_equal, read_graph_json
from chainkg.templates import load_templates


def projects(G: nx.MultiDiGraph) -> dict[str, dict]:
    return {n: d for n, d in G.nodes(data=True) if d["label"] == PROJECT}


def test_graph_json_loads_with_plain_networkx_and_round_trips(seed_build) -> None:
    data = json.loads(seed_build.path.read_text(encoding="utf-8"))
    plain = nx.node_link_graph(data)  # what an analyst without chainkg would type
    assert plain.number_of_nodes() == seed_build.graph.number_of_nodes()
    assert plain.number_of_edges() == seed_build.graph.number_of_edges()
    assert graphs_equal(read_graph_json(seed_build.path), seed_build.graph)


def test_every_node_has_label_and_name_and_every_edge_a_type(seed_build) -> None:
    G = seed_build.graph
    for node, d in G.nodes(data=True):
        assert d["label"] in LABELS, node
        assert isinstance(d["name"], str) and d["name"], node
        assert node.startswith(d["label"].lower() + ":"), node
    for u, v, key, d in G.edges(keys=True, data=True):
        assert d["type"] in REL_TYPES, key
        assert key.startswith(d["type"] + "|"), key


def test_projects_carry_capacity_status_and_evidence(seed_build) -> None:
    G = seed_build.graph
    nanbo = G.nodes[node_id(PROJECT, "南玻", "多晶硅", "")]
    assert nanbo["capacity_base_value"] == 100000 and nanbo["capacity_base_unit"] == "t"
    assert nanbo["capacity_text"] and nanbo["status"] and nanbo["status_text"]
    # one project named in both seeds: two documents, evidence from each
    assert len(nanbo["docs"]) == 2
    evidence = [d for _, _, d in G.out_edges(node_id(PROJECT, "南玻", "多晶硅", ""), data=True) if d["type"] == MENTIONED_IN]
    assert {e["docs"][0] for e in evidence} == set(nanbo["docs"])
    for e in evidence:
        doc = G.nodes[node_id(DOCUMENT, e["docs"][0])]
        assert doc["title"] and e["sentence"] and e["end"] > e["start"]
    for pid, d in projects(G).items():
        assert d.get("status") is None or isinstance(d["status_rank"], int)
        assert any(t == PRODUCES for _, _, t in G.out_edges(pid, data="type")), pid


def test_a_mention_belongs_to_its_own_document_only(tmp_path: Path) -> None:
    """Every MENTIONED_IN lists the one document it points at, a product's too: a product no
    template knows, named in several documents, once gave each of its mentions all of them (a list
    per mention that grew with the corpus, and a Neo4j load that rewrote them in every later
    document's transaction)."""
    from chainkg.pipeline import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, firm in enumerate(("甲", "乙", "丙")):  # made up: an unknown product, three documents
        (corpus / f"d{i}.txt").write_text(f"{firm}岚峰科技有限公司年产{i + 2}万吨蓝晶微粉项目开工建设。\n",
                                          encoding="utf-8")
    G = build(corpus, tmp_path / "out").graph
    product = [u for u, _, d in G.edges(data=True) if d["type"] == MENTIONED_IN and u.startswith("product:")]
    assert len(product) == 3 and len(set(product)) == 1
    for _, document, d in G.edges(data=True):
        if d["type"] == MENTIONED_IN:
            assert [node_id(DOCUMENT, doc) for doc in d["docs"]] == [document]


def test_companies_build_their_projects(seed_build) -> None:
    G = seed_build.graph
    citic = node_id(COMPANY, "中信昆仑锂业")
    built = [G.nodes[v]["product"] for _, v, t in G.out_edges(citic, data="type") if t == BUILDS]
    assert "碳酸锂" in built
    ganfeng = G.nodes[node_id(COMPANY, "赣锋锂业")]
    assert "赣锋锂电" in ganfeng["aliases"]


def test_every_template_segment_is_in_the_graph_with_a_coverage(seed_build) -> None:
    templates = load_templates()
    coverage = segment_coverage(seed_build.graph)
    assert set(coverage) == {s.id for c in templates.chains for s in c.segments}
    assert coverage[node_id("Segment", "盐湖化工", "基础锂盐")]["coverage"] in ("present", "strong")
    chains = chain_gaps(seed_build.graph)
    assert len(chains) == 13 and all(0 <= c["coverage_ratio"] <= 1 for c in chains)


def test_build_is_deterministic(seed_corpus: Path, seed_build, tmp_path: Path) -> None:
    from chainkg.pipeline import build

    again = build(seed_corpus, tmp_path)
    assert again.path.read_bytes() == seed_build.path.read_bytes()


def test_build_command_prints_the_summary(seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--corpus", str(seed_corpus), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Project" in out and "projects per chain" in out and "unmapped products" in out
    assert "13 named, the text says 12" in out
    assert (tmp_path / "graph.json").is_file()


def test_build_on_a_missing_corpus_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_reading_a_bad_graph_file_is_a_clear_error(tmp_path: Path) -> None:
    from chainkg.errors import ChainkgError

    bad = tmp_path / "graph.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ChainkgError, match="graph.json"):
        read_graph_json(bad)
    with pytest.raises(ChainkgError, match="chainkg build"):
        read_graph_json(tmp_path / "missing.json")


def test_equal_evidence_values_are_one_object(seed_build) -> None:
    """The evidence holds one object per distinct value (issue 15, item 5: memory): a list per
    distinct headings or documents, one string per sentence or rule meaning, over every
    MENTIONED_IN, so the evidence's size grows with what the corpus says, not how often."""
    mentions = [d for _, _, d in seed_build.graph.edges(data=True) if d["type"] == MENTIONED_IN]
    for prop in ("headings", "docs", "sentence", "rule_zh", "status_text"):
        values = [d[prop] for d in mentions if prop in d]
        distinct = {json.dumps(v, ensure_ascii=False) for v in values}
        assert len(values) > len(distinct) > 1, prop
        assert len({id(v) for v in values}) == len(distinct), prop


def test_evidence_is_held_compactly_and_reads_as_before(seed_build, tmp_path: Path) -> None:
    """Every MENTIONED_IN's properties are one MentionProps (issue 15, item 5: a third of a
    dict's memory), in the build, in its snapshot and in a graph read from graph.json, and each
    reads as the dict it replaced: the same properties and values, equal to a dict of them."""
    import pickle

    from chainkg.graph.evidence import MentionProps
    from chainkg.graph.store import write_graph_json

    G = seed_build.graph
    mentions = [d for _, _, d in G.edges(data=True) if d["type"] == MENTIONED_IN]
    assert mentions and all(isinstance(d, MentionProps) for d in mentions)
    assert all(dict(d) == d and None not in d.values() for d in mentions)
    write_graph_json(G, tmp_path / "graph.json")
    for H in (pickle.loads(pickle.dumps(G)), read_graph_json(tmp_path / "graph.json")):
        assert graphs_equal(G, H)
        assert all(isinstance(d, MentionProps) for _, _, d in H.edges(data=True) if d["type"] == MENTIONED_IN)


def test_every_resolved_project_is_its_own_node(seed_corpus: Path, seed_build, tmp_path: Path) -> None:
    """Two projects without a company and with the same product (two pumped-storage plants of
    different size) stay two Project nodes: the graph never merges what resolution kept apart."""
    from chainkg.reading.corpus import ingest_corpus
    from chainkg.ingest.extract import run_extraction

    extraction = run_extraction(ingest_corpus(seed_corpus, tmp_path).documents)
    assert set(projects(seed_build.graph)) == {p.id for p in extraction.projects}
    storage = [d for d in projects(seed_build.graph).values() if d["product"] == "抽水蓄能"]
    assert sorted(d["capacity_text"] for d in storage) == ["140万千瓦", "240万千瓦"]
