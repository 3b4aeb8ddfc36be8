"""招商目标企业: the curated leaders in the graph and the ranked candidates of the targets query.

On the seeds' graph (fixture ``seed_build``): every target link gets rows, each with why and
source; the kinds come in the ranking rule's order; a firm holding the link is never proposed;
the leaders come from data/industry_firms.yaml with their public source.
"""

from __future__ import annotations

import networkx as nx
import pytest

from chainkg.graph import model
from chainkg.graph.candidates import KIND_ZH, KINDS, holders
from chainkg.graph.store import read_graph_json
from chainkg.industry_firms import read_industry_firms
from chainkg.queries.run import run_embedded


@pytest.fixture(scope="module")
def G(seed_build) -> nx.MultiDiGraph:
    return read_graph_json(seed_build.path)


@pytest.fixture(scope="module")
def rows(G) -> list[dict]:
    return run_embedded(G, "targets")


def test_every_curated_firm_leads_in_its_segments(G) -> None:
    firms = read_industry_firms()
    leads = {(u, v): d for u, v, d in G.edges(data=True) if d["type"] == model.LEADS_IN}
    expected = {(model.node_id(model.COMPANY, f["name"]), seg) for seg, fs in firms.firms.items() for f in fs}
    assert set(leads) == expected
    first = leads[("company:通威股份", "segment:清洁能源/多晶硅")]
    assert first["rank"] == 1 and first["source_year"] and first["template"] is True
    assert G.nodes["company:通威股份"]["curated"] is True and G.nodes["company:通威股份"]["province"] == "四川"
    assert G.nodes["company:通威股份"]["docs"] == [] and G.nodes["company:通威股份"]["template"] is True
    # a firm the documents name too stays one node, keeps its evidence, and gains the file's fields
    assert G.nodes["company:赣锋锂业"]["docs"] and G.nodes["company:赣锋锂业"]["curated"] is True
    assert not G.nodes["company:赣锋锂业"].get("template")
    niche = {s for s in firms.niche}
    assert all(G.nodes[s]["leaders_niche"] for s in niche)


def test_every_target_link_has_rows_with_why_and_source(G, rows) -> None:
    targets = {n for n, d in G.nodes(data=True) if d["label"] == model.SEGMENT and d.get("target")}
    assert targets and {r["segment_id"] for r in rows} == targets
    for r in rows:
        assert r["why"] and r["reason"], r
        if r["company"] is not None:
            assert r["source"] and r["rank"] >= 1 and r["kind_zh"] == KIND_ZH[r["company_kind"]], r
        else:
            assert r["rank"] is None and r["why"].startswith(("暂无候选企业", "未找到候选企业")), r


def test_rank_follows_the_kinds_and_each_firm_once(rows) -> None:
    by_link: dict[str, list[dict]] = {}
    for r in rows:
        by_link.setdefault(r["segment_id"], []).append(r)
    for link, found in by_link.items():
        firms = [r for r in found if r["company"]]
        assert [r["rank"] for r in firms] == list(range(1, len(firms) + 1)), link
        kinds = [KINDS.index(r["company_kind"]) for r in firms]
        assert kinds == sorted(kinds), link
        assert len({r["company_id"] for r in firms}) == len(firms), link


def test_local_demand_comes_first_with_its_document(rows) -> None:
    """卤水提锂 (a 补链 hole): the local lithium-salt makers downstream need its concentrate."""
    found = [r for r in rows if r["segment_id"] == "segment:盐湖化工/卤水提锂"]
    assert found[0]["target_zh"] == "补链" and found[0]["company_kind"] == "local"
    local = {r["company"] for r in found if r["company_kind"] == "local"}
    assert {"中信昆仑锂业", "盐湖镁业"} <= local
    kunlun = next(r for r in found if r["company"] == "中信昆仑锂业")
    assert "下游「基础锂盐」" in kunlun["why"] and "锂浓缩液" in kunlun["why"]
    assert kunlun["source"].startswith("《") and "2023" in kunlun["source"]
    leaders = [r for r in found if r["company_kind"] == "leader"]
    assert leaders and all("年度报告" in r["source"] or "(" in r["source"] for r in leaders)


def test_a_firm_holding_the_link_is_no_candidate(G, rows) -> None:
    for link in {r["segment_id"] for r in rows}:
        held = holders(G, link)
        assert not held & {r["company_id"] for r in rows if r["segment_id"] == link}, link
    # 盐湖资源开采 is a 强链 link resting on 盐湖镁业: other firms are proposed, not it
    assert "company:盐湖镁业" in holders(G, "segment:盐湖化工/盐湖资源开采")


def test_chain_parameter_and_cli(G, seed_build, capsys) -> None:
    from chainkg.cli import main

    assert {r["chain"] for r in run_embedded(G, "targets", {"chain": "清洁能源"})} == {"清洁能源"}
    assert run_embedded(G, "targets", {"chain": "没有这条链"}) == []
    assert main(["query", "targets", "--param", "chain=盐湖化工", "--format", "csv", "--out",
                 str(seed_build.path.parent)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("chain,target,target_zh,segment_order,segment,")
    assert len(lines) == 1 + len(run_embedded(G, "targets", {"chain": "盐湖化工"}))
