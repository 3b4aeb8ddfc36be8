"""The whole-graph page of a large graph: a bounded overview, each chain's members loaded on demand.

Sizes are measured on synthetic graphs (``testkit.synthetic_graph``) of two sizes: the page and
each chain's file must not grow with the graph. The site and the browser tests use the seeds'
graph with the size threshold lowered, so the bounded page is drawn from real facts; the
browser opens it from file:// at 1366x768 and inside a 480x360 iframe of another page.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from chainkg.graph import model
from chainkg.graph.model import edge_key, node_id
from chainkg.views import whole_parts
from chainkg.views.browser import iframe_host, watch_page
from chainkg.views.layered import MIN_SCALE
from chainkg.views.page import render_page_pieces, render_part_pieces
from chainkg.views.site import WHOLE_GRAPH, write_site
from chainkg.views.whole import chain_members, drawable, whole_graph_view
from chainkg.views.whole_parts import OVERVIEW_TOP, PART_TOP, UNASSIGNED, part_path, whole_graph
from testkit.synthetic_graph import synthetic_graph

SALT = node_id(model.CHAIN, "盐湖化工")
MARKUP = "<b>标记</b>&测试矿业"


def page_bytes(whole: whole_parts.WholeGraph) -> int:
    return len("".join(render_page_pieces(whole.view, "全图")).encode("utf-8"))


def part_bytes(whole: whole_parts.WholeGraph) -> dict[str, int]:
    return {path: len("".join(render_part_pieces(part, whole.view)).encode("utf-8"))
            for path, part in whole.parts.items()}


@pytest.fixture(scope="module")
def graphs() -> dict[int, nx.MultiDiGraph]:
    return {n: synthetic_graph(n, seed=2) for n in (5_000, 15_000)}


def test_a_small_graph_keeps_the_full_view() -> None:
    G = synthetic_graph(1_500, seed=2)
    whole = whole_graph(G)
    assert whole.parts == {} and set(whole.view) == set(whole_graph_view(G)) == set(drawable(G))
    assert all("file" not in g for g in whole.view.graph["explore"]["groups"])


def test_page_and_files_stay_the_same_size_as_the_graph_grows(graphs) -> None:
    small, large = (whole_graph(graphs[n]) for n in sorted(graphs))
    assert large.nodes > 2.5 * small.nodes > 2.5 * whole_parts.FULL_VIEW_MAX_NODES
    pages = page_bytes(small), page_bytes(large)
    parts = part_bytes(small), part_bytes(large)
    assert pages[1] <= 1.2 * pages[0] and pages[1] < 3_000_000, pages
    assert max(parts[1].values()) <= 1.2 * max(parts[0].values()) and max(parts[1].values()) < 1_500_000, parts
    chains = [n for n, label in graphs[15_000].nodes(data="label") if label == model.CHAIN]
    assert sorted(large.parts) == sorted(part_path(c) for c in chains), "every node is in a chain"
    for part in large.parts.values():
        drawn = [n for n in part if n not in large.view]
        assert drawn and len(drawn) <= sum(PART_TOP.values())


def test_every_member_is_drawn_in_order_of_connections_or_counted(graphs) -> None:
    G = graphs[15_000]
    whole = whole_graph(G)
    shown = set(drawable(G))
    explore = whole.view.graph["explore"]
    for group in explore["groups"]:
        members = {m for m in chain_members(G, group["id"]) if m in shown}
        part = whole.parts[group["file"]]
        assert group["total"] == len(members) and set(group["members"]) <= members
        assert group["projects"] == sum(G.nodes[m]["label"] == model.PROJECT for m in members)
        in_part = {n for n in part if n not in whole.view}
        assert in_part <= members
        def of_label(nodes, label: str) -> list[str]:
            return [m for m in nodes if G.nodes[m]["label"] == label]

        def ranked(firms: set[str]):
            # a drawn firm's projects first (the chain's firms in the page for the page, every firm
            # in the page or the file for the file), then the most relationships
            return lambda n: (any(p in firms for p in G.pred[n]), G.degree(n))

        page_firms, part_firms = of_label(group["members"], model.COMPANY), of_label(in_part, model.COMPANY)
        page_projects, part_projects = of_label(group["members"], model.PROJECT), of_label(in_part, model.PROJECT)
        left_firms = of_label(members - set(page_firms) - set(part_firms), model.COMPANY)
        left_projects = of_label(members - set(page_projects) - set(part_projects), model.PROJECT)
        assert len(page_firms) == len(page_projects) == OVERVIEW_TOP and left_firms and left_projects
        assert len(part_firms) == PART_TOP[model.COMPANY] and len(part_projects) == PART_TOP[model.PROJECT]
        assert min(map(G.degree, page_firms)) >= max(map(G.degree, part_firms)) >= max(map(G.degree, left_firms))
        in_page, drawn = ranked(set(page_firms)), ranked(set(of_label(whole.view, model.COMPANY)) | set(part_firms))
        assert min(in_page(p)[0] for p in page_projects) >= max(in_page(p)[0] for p in part_projects + left_projects)
        assert min(drawn(p)[0] for p in part_projects) >= max(drawn(p)[0] for p in left_projects)
        assert sum(drawn(p)[0] for p in part_projects) > len(part_projects) / 2, "most have their firm drawn"
        owners = Counter(c for p in part_projects for c in G.pred[p] if c in part_firms)
        assert len(owners) >= min(len(part_firms), len(part_projects)) * 0.8, "firms take turns"
        assert {m for m in members if G.nodes[m]["label"] in (model.SEGMENT, model.PRODUCT)} <= set(group["members"])
    assert explore["unassignedTotal"] == len(shown - {n for g in explore["groups"]
                                                      for n in chain_members(G, g["id"])}
                                             - {n for n in shown if G.nodes[n]["label"] == model.CHAIN})


def with_marked_up_firm(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the seeds' graph where a made-up firm named like markup builds a lithium-carbonate
    project (one made-up sentence of evidence): it is in no top five, so it goes into a file."""
    H = copy.deepcopy(G)
    company, product = node_id(model.COMPANY, MARKUP), node_id(model.PRODUCT, "碳酸锂")
    project = node_id(model.PROJECT, MARKUP, "碳酸锂", "")
    doc = next(n for n, label in G.nodes(data="label") if label == model.DOCUMENT)
    H.add_node(company, label=model.COMPANY, name=MARKUP, aliases=[], merge_rules=[], docs=[])
    H.add_node(project, label=model.PROJECT, name=MARKUP + "碳酸锂项目", company=MARKUP, product="碳酸锂",
               chain="盐湖化工", status="signed", status_rank=2, mode="planned", docs=[])
    H.add_edge(company, project, key=edge_key(model.BUILDS, company, project), type=model.BUILDS)
    H.add_edge(project, product, key=edge_key(model.PRODUCES, project, product), type=model.PRODUCES)
    H.add_edge(company, doc, key=edge_key(model.MENTIONED_IN, company, doc, "m"), type=model.MENTIONED_IN,
               sentence="测试句:</script><b>某矿业</b>签约建设碳酸锂项目。", sentence_index=990, start=0, end=3)
    return H


@pytest.fixture(scope="module")
def bounded_site(seed_build, tmp_path_factory) -> tuple[nx.MultiDiGraph, Path]:
    """The seeds' site with the whole-graph page bounded (threshold lowered to 50 view nodes, one
    firm and one project per chain in the page, so the made-up firm is in its chain's file)."""
    H = with_marked_up_firm(seed_build.graph)
    folder = tmp_path_factory.mktemp("bounded")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(whole_parts, "FULL_VIEW_MAX_NODES", 50)
        patch.setattr(whole_parts, "OVERVIEW_TOP", 1)
        site = write_site(H, folder / "site").path
    return H, site


def test_the_bounded_site_writes_a_file_per_chain_beside_the_page(bounded_site) -> None:
    H, site = bounded_site
    chains = [n for n, label in H.nodes(data="label") if label == model.CHAIN]
    files = sorted(str(p.relative_to(site)) for p in (site / whole_parts.PART_FOLDER).iterdir())
    assert files == sorted([part_path(c) for c in chains] + [part_path(UNASSIGNED)])
    text = (site / part_path(SALT)).read_text(encoding="utf-8")
    assert re.fullmatch(r"chainkgExplore\.receive\(\{.*\}\);\n", text, re.S)
    assert "<" not in text and ">" not in text and "\\u003c/script\\u003e" in text, "document text stays escaped"
    assert "\\u003cb\\u003e标记" in text
    page = (site / WHOLE_GRAPH).read_text(encoding="utf-8")
    assert MARKUP not in page and "\\u003cb\\u003e标记" not in page, "the firm is only in its chain's file"


def open_bounded(watch, path: Path):
    page = watch.open(path)
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=30_000)
    return page


@pytest.mark.browser
def test_a_chain_loads_its_members_on_demand_from_file(chromium, bounded_site, test_output) -> None:
    H, site = bounded_site
    company = node_id(model.COMPANY, MARKUP)
    watch = watch_page(chromium, 1366, 768)
    page = open_bounded(watch, site / WHOLE_GRAPH)
    chains = {n for n, label in H.nodes(data="label") if label == model.CHAIN}
    assert set(page.evaluate("window.chainkgNodes.getIds()")) <= chains | {UNASSIGNED}
    assert page.evaluate("id => window.chainkgExplorer.loaded(id)", SALT) is False
    page.screenshot(path=test_output / "whole_bounded_1366.png")

    page.evaluate("id => window.chainkgExplorer.open(id)", SALT)
    page.wait_for_function("id => window.chainkgExplorer.loaded(id)", arg=SALT, timeout=10_000)
    page.wait_for_function("id => window.chainkgNodes.get(id) !== null", arg=company, timeout=10_000)
    shown = set(page.evaluate("window.chainkgNodes.getIds()"))
    segments = [n for n in chain_members(H, SALT) if H.nodes[n]["label"] == model.SEGMENT]
    assert set(segments) <= shown and node_id(model.PROJECT, MARKUP, "碳酸锂", "") in shown
    edges = {tuple(e) for e in page.evaluate("window.chainkgEdges.get().map(e => [e.from, e.to])")}
    assert (company, node_id(model.PROJECT, MARKUP, "碳酸锂", "")) in edges, "the file's edges are drawn"
    page.evaluate("id => window.chainkgShowInfo(id)", company)
    info = page.locator("#chainkg-info")
    info.wait_for(state="visible")
    assert info.locator("h2").inner_text() == MARKUP
    assert info.locator("blockquote").first.inner_text() == "测试句:</script><b>某矿业</b>签约建设碳酸锂项目。"
    assert page.locator("main b, #chainkg-info b").count() == 0
    page.fill("#ck-find", "标记")
    page.press("#ck-find", "Enter")
    assert page.evaluate("window.chainkgNetwork.getSelectedNodes()")[0] in {company, node_id(model.PROJECT, MARKUP, "碳酸锂", "")}
    page.screenshot(path=test_output / "whole_bounded_1366_open.png")
    page.evaluate("id => window.chainkgExplorer.close(id)", SALT)
    assert company not in set(page.evaluate("window.chainkgNodes.getIds()"))
    problems = watch.problems()
    watch.close()
    assert problems == []


@pytest.mark.browser
def test_the_bounded_page_works_in_a_small_iframe(chromium, bounded_site, test_output) -> None:
    H, site = bounded_site
    host = iframe_host(site, WHOLE_GRAPH, "embed-test.html")
    watch = watch_page(chromium, 640, 480)
    try:
        page = watch.open(host)
        frame = page.frames[1]
        frame.wait_for_selector("body[data-settled=true]", state="attached", timeout=30_000)
        assert frame.evaluate("window.chainkgNetwork.getScale()") >= MIN_SCALE, "chain names legible in a small frame"
        page.screenshot(path=test_output / "whole_bounded_iframe_480x360_first.png")
        frame.evaluate("id => window.chainkgExplorer.open(id)", SALT)
        frame.wait_for_function("id => window.chainkgExplorer.loaded(id)", arg=SALT, timeout=10_000)
        frame.wait_for_function("id => window.chainkgNodes.get(id) !== null", arg=node_id(model.COMPANY, MARKUP))
        page.wait_for_timeout(500)
        page.screenshot(path=test_output / "whole_bounded_iframe_480x360.png")
        assert watch.problems() == []
    finally:
        watch.close()
        host.unlink()
