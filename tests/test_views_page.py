"""View pages: self-contained, safe, laid out upstream to downstream, usable in an iframe.

The view graphs here are made by hand in our model (ids from ``graph.model.node_id``); the
sentences are our own test text. Browser tests run the real page in headless Debian chromium
(see tests/conftest.py) and leave screenshots under tests/output/ for people to look at.
"""

from __future__ import annotations

import copy
import json

import networkx as nx
import pytest
from bs4 import BeautifulSoup

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.graph.model import node_id
from chainkg.views.page import render_page, write_page
from testkit.synthetic_view import synthetic_view_graph
from chainkg.graph.gaps import LACKING_STATE as GAP
from chainkg.views.viewgraph import check_view_graph

XSS = "<img src=x onerror=alert(1)>"
XSS_SENTENCE = "测试句：<script>alert('s')</script>某公司拟建年产1万吨示例产品。"


def chain_view() -> nx.DiGraph:
    """A small lithium chain map: four segments upstream to downstream, one planned, one gap."""
    g = nx.DiGraph()
    chain = node_id(model.CHAIN, "锂电")
    g.add_node(chain, label=model.CHAIN, name="锂电", level=5, href="chain/锂电.html")
    segments = [("卤水提锂", "present"), ("碳酸锂", "present"), ("正极材料", "planned"), ("锂电池", GAP)]
    previous = None
    for order, (name, style) in enumerate(segments):
        seg = node_id(model.SEGMENT, "锂电", name)
        g.add_node(seg, label=model.SEGMENT, name=name, style=style, level=order, facts=[("环节序号 order", order)])
        g.add_edge(seg, chain, type=model.PART_OF)
        if previous:
            g.add_edge(previous, seg, type=model.SUPPLIES)
        previous = seg
    company, project = node_id(model.COMPANY, "中信昆仑锂业"), node_id(model.PROJECT, "中信昆仑锂业", "碳酸锂", "")
    g.add_node(company, label=model.COMPANY, name="中信昆仑锂业", level=1, href="company/中信昆仑锂业.html",
               facts=[("别名 aliases", "昆仑锂业")])
    g.add_node(project, label=model.PROJECT, name="中信昆仑锂业碳酸锂项目", level=1, style="present",
               facts=[("产能", "2万吨/年"), ("状态", "在建")],
               evidence=[{"document": "测试文件甲", "sentence": "测试句：昆仑锂业在大柴旦推进碳酸锂扩产。"}])
    g.add_node(node_id(model.COMPANY, XSS), label=model.COMPANY, name=XSS, level=3, href="company/x.html",
               evidence=[{"document": "<b>测试文件乙</b>", "sentence": XSS_SENTENCE}])
    g.add_edge(company, project, type=model.BUILDS)
    g.add_edge(project, node_id(model.SEGMENT, "锂电", "碳酸锂"), type=model.PRODUCES)
    g.add_edge(node_id(model.COMPANY, XSS), node_id(model.SEGMENT, "锂电", "正极材料"), type=model.BUILDS)
    other = node_id(model.SEGMENT, "光伏", "多晶硅")
    g.add_node(other, label=model.SEGMENT, name="多晶硅 (光伏)", level=2, style="present")
    g.add_edge(other, node_id(model.SEGMENT, "锂电", "正极材料"), type=model.SUPPLIES, cross_chain=True)
    return g


def data_block(html: str) -> dict:
    """The page's data, with the panel texts (their own block, parsed on first use) as ``info``."""
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.find("script", id="chainkg-data").string)
    data["info"] = json.loads(soup.find("script", id="chainkg-info-data").string)
    return data


# ---- the page as text -------------------------------------------------------------------------

def test_render_does_not_change_the_graph() -> None:
    g = chain_view()
    before = (copy.deepcopy(dict(g.nodes(data=True))), copy.deepcopy(list(g.edges(data=True))))
    render_page(g, "锂电", layout="hierarchical")
    assert (dict(g.nodes(data=True)), list(g.edges(data=True))) == before


def test_page_references_nothing_outside_itself() -> None:
    html = render_page(chain_view(), "锂电", layout="hierarchical")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("meta", charset=True)["charset"].lower() == "utf-8"
    assert soup.find_all("link") == [] and soup.find_all(["img", "iframe"]) == []
    assert [s for s in soup.find_all("script") if s.get("src")] == []
    assert [tag.name for tag in soup.find_all(src=True)] == []
    assert [tag.name for tag in soup.find_all(href=True)] == []
    assert "sourceMappingURL" not in html
    assert "bootstrap" not in html and "tom-select" not in html and "cdn." not in html


def test_document_text_is_never_markup_in_the_source() -> None:
    html = render_page(chain_view(), "<b>title</b>")
    assert XSS not in html and "<script>alert" not in html and "<b>title</b>" not in html
    assert "&lt;b&gt;title&lt;/b&gt;" in html
    data = data_block(html)
    info = data["info"][node_id(model.COMPANY, XSS)]
    assert info["name"] == XSS and info["evidence"][0]["sentence"] == XSS_SENTENCE
    assert all("title" not in node for node in data["nodes"])


def test_write_page_is_utf8_and_atomic(tmp_path) -> None:
    target = write_page(render_page(chain_view(), "锂电产业链"), tmp_path / "maps" / "锂电.html")
    assert "锂电产业链" in target.read_bytes().decode("utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["锂电.html"]
    with pytest.raises(ChainkgError, match="is a folder"):
        write_page("<p>x</p>", tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.add_node("x:1", label="Firm", name="x"), "label 'Firm'"),
        (lambda g: g.add_node("x:2", label=model.COMPANY, name=" "), "name must be"),
        (lambda g: g.add_node("x:3", label=model.COMPANY, name="x", href="javascript:alert(1)"), "relative link"),
        (lambda g: g.add_node("x:4", label=model.COMPANY, name="x", href="https://example.com/"), "relative link"),
        (lambda g: g.add_node("x:5", label=model.COMPANY, name="x", href="//example.com/a"), "relative link"),
        (lambda g: g.add_node("x:6", label=model.COMPANY, name="x", href="\\\\example.com\\a"), "relative link"),
        (lambda g: g.add_node("x:7", label=model.COMPANY, name="x", href=" java\tscript:x"), "relative link"),
        (lambda g: g.add_node("x:8", label=model.SEGMENT, name="x", style="missing"), "style 'missing'"),
        (lambda g: g.add_node("x:9", label=model.COMPANY, name="x", facts=[("only key",)]), "facts must be"),
        (lambda g: g.add_node("x:10", label=model.COMPANY, name="x", evidence=[{"sentence": "s"}]), "evidence"),
        (lambda g: g.add_node("x:11", label=model.COMPANY, name="x"), "every node has a level"),
        (lambda g: g.add_edge("chain:锂电", "segment:锂电/碳酸锂", type="OWNS"), "type 'OWNS'"),
    ],
)
def test_bad_view_graphs_are_named(change, message) -> None:
    g = chain_view()
    change(g)
    with pytest.raises(ChainkgError, match=message):
        render_page(g, "bad")


def test_rejects_bad_layout_legend_and_graph_type() -> None:
    with pytest.raises(ChainkgError, match="layout 'radial'"):
        render_page(chain_view(), "x", layout="radial")
    with pytest.raises(ChainkgError, match="legend 'some'"):
        render_page(chain_view(), "x", legend="some")
    with pytest.raises(ChainkgError, match="DiGraph"):
        check_view_graph(nx.MultiDiGraph())


def test_legend_lists_present_all_or_none() -> None:
    g = chain_view()
    for node in list(g):
        if g.nodes[node].get("style") == GAP:
            g.nodes[node]["style"] = "present"

    def legend(html: str) -> list[str]:
        ul = BeautifulSoup(html, "html.parser").find("ul", class_="ck-legend")
        return [li.get_text(strip=True) for li in ul.find_all("li")] if ul else []

    present = legend(render_page(g, "x", legend="present"))
    assert "企业" in present and "跨链联系" in present
    assert not any(text.startswith("缺:") for text in present) and "地点" not in present
    every = legend(render_page(g, "x", legend="all"))
    assert any(text.startswith("缺:") for text in every) and "地点" in every
    assert legend(render_page(g, "x", legend="none")) == []


def test_large_graphs_get_bounded_layout_options() -> None:
    options = data_block(render_page(synthetic_view_graph(2000), "x"))["options"]
    assert options["layout"]["improvedLayout"] is False
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["physics"]["stabilization"]["iterations"] <= 300
    assert options["edges"]["smooth"] is False


# ---- the page in a real browser -----------------------------------------------------------------

SETTLED = "body[data-settled=true]"


def node_center(page, node: str) -> tuple[float, float]:
    """Where on screen a node is drawn."""
    pos = page.evaluate("id => window.chainkgNetwork.getPosition(id)", node)
    dom = page.evaluate("p => window.chainkgNetwork.canvasToDOM(p)", pos)
    box = page.locator("#chainkg-canvas").bounding_box()
    return box["x"] + dom["x"], box["y"] + dom["y"]


@pytest.mark.browser
@pytest.mark.parametrize("levels", [True, False], ids=["levels", "edge-directions"])
def test_chain_map_in_browser(browser_page, tmp_path, test_output, levels) -> None:
    g = chain_view()
    if not levels:
        for node in g:
            del g.nodes[node]["level"]
    page = browser_page.open(write_page(render_page(g, "锂电产业链 · 测试", layout="hierarchical", legend="all"),
                                        tmp_path / "chain.html"))
    page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
    nodes = {n["id"]: n for n in page.evaluate("window.chainkgNodes.get()")}
    assert set(nodes) == set(g.nodes)
    assert nodes[node_id(model.COMPANY, XSS)]["label"] == XSS
    edges = page.evaluate("window.chainkgEdges.get().map(e => [e.from, e.to, e.relType])")
    assert sorted(map(tuple, edges)) == sorted((s, t, d["type"]) for s, t, d in g.edges(data=True))
    gap = node_id(model.SEGMENT, "锂电", "锂电池")
    assert nodes[gap]["viewStyle"] == GAP
    drawn = page.evaluate("id => window.chainkgNetwork.body.nodes[id].options", gap)
    assert drawn["shapeProperties"]["borderDashes"] == [8, 5] and drawn["color"]["border"] == "#d32f2f"
    covered = page.evaluate("id => window.chainkgNetwork.body.nodes[id].options",
                            node_id(model.SEGMENT, "锂电", "碳酸锂"))
    assert covered["shapeProperties"]["borderDashes"] is False
    xs = [page.evaluate("id => window.chainkgNetwork.getPosition(id).x", node_id(model.SEGMENT, "锂电", s))
          for s in ("卤水提锂", "碳酸锂", "正极材料", "锂电池")]
    assert xs == sorted(xs) and len(set(xs)) == 4, "segments must run upstream (left) to downstream (right)"
    assert page.evaluate("window.chainkgNetwork.physics.physicsEnabled") is False
    assert page.locator("#chainkg-info").is_hidden()
    page.screenshot(path=test_output / f"views_chain_map_{'levels' if levels else 'directed'}.png")
    assert browser_page.problems() == []


@pytest.mark.browser
def test_click_shows_text_not_markup(browser_page, tmp_path, test_output) -> None:
    page = browser_page.open(write_page(render_page(chain_view(), "XSS", layout="hierarchical"),
                                        tmp_path / "xss.html"))
    page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
    page.mouse.click(*node_center(page, node_id(model.COMPANY, XSS)))
    info = page.locator("#chainkg-info")
    info.wait_for(state="visible")
    assert info.locator("h2").inner_text() == XSS
    assert info.locator("blockquote").inner_text() == XSS_SENTENCE
    assert info.locator("cite").inner_text() == "<b>测试文件乙</b>"
    assert page.locator("img").count() == 0 and page.locator("#chainkg-info script, #chainkg-info b").count() == 0
    link = info.locator("a.ck-open")
    assert link.get_attribute("href") == "company/x.html"
    assert link.evaluate("a => a.href").endswith(f"{tmp_path.name}/company/x.html")
    page.screenshot(path=test_output / "views_info_panel.png")
    page.keyboard.press("Escape")
    assert info.is_hidden()
    assert browser_page.dialogs == [] and browser_page.problems() == []


@pytest.mark.browser
def test_hover_shows_facts_and_page_guards_links(browser_page, tmp_path) -> None:
    project = node_id(model.PROJECT, "中信昆仑锂业", "碳酸锂", "")
    html = render_page(chain_view(), "hover", layout="hierarchical")
    # a page whose data was tampered with still never makes a script link
    html = html.replace('"href":"company/中信昆仑锂业.html"', '"href":"javascript:alert(2)"')
    page = browser_page.open(write_page(html, tmp_path / "hover.html"))
    page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
    page.mouse.move(*node_center(page, project))
    info = page.locator("#chainkg-info")
    info.wait_for(state="visible")
    assert "2万吨/年" in info.inner_text() and "测试文件甲" in info.inner_text()
    page.mouse.click(*node_center(page, node_id(model.COMPANY, "中信昆仑锂业")))
    assert info.locator("h2").inner_text() == "中信昆仑锂业"
    assert info.locator("a").count() == 0
    assert browser_page.problems() == []


@pytest.mark.browser
def test_view_fits_iframes_of_any_size(browser_page, tmp_path, test_output) -> None:
    write_page(render_page(chain_view(), "锂电产业链 (嵌入 embedded)", layout="hierarchical"), tmp_path / "view.html")
    sizes = [(220, 160), (360, 240), (800, 450)]
    frames = "".join(f'<iframe src="view.html" width="{w}" height="{h}" title="view {w}x{h}"></iframe>'
                     for w, h in sizes)
    host = write_page(f'<!DOCTYPE html><meta charset="utf-8"><title>host</title><body>{frames}</body>',
                      tmp_path / "host.html")
    page = browser_page.open(host)
    for index, (width, height) in enumerate(sizes):
        frame = page.frame_locator(f"iframe >> nth={index}")
        frame.locator(SETTLED).wait_for(state="attached", timeout=30_000)
        canvas = frame.locator("#chainkg-canvas canvas").bounding_box()
        assert canvas["width"] > 0.9 * width and canvas["height"] > 0.3 * height, (width, height, canvas)
        body = frame.locator("body").evaluate("b => [b.scrollWidth, b.scrollHeight]")
        assert body[0] <= width and body[1] <= height, f"the page overflows a {width}x{height} iframe: {body}"
    page.screenshot(path=test_output / "views_iframes.png")
    assert browser_page.problems() == []


@pytest.mark.browser
def test_large_view_stops_moving(browser_page, tmp_path) -> None:
    page = browser_page.open(write_page(render_page(synthetic_view_graph(1500), "large"), tmp_path / "large.html"))
    page.wait_for_selector(SETTLED, state="attached", timeout=60_000)
    assert page.evaluate("window.chainkgNodes.length") == 1500
    assert page.evaluate("window.chainkgNetwork.physics.physicsEnabled") is False
    before = page.evaluate("window.chainkgNetwork.getPositions()")
    page.wait_for_timeout(500)
    assert page.evaluate("window.chainkgNetwork.getPositions()") == before
    assert browser_page.problems() == []


def test_a_page_written_in_pieces_is_the_page(tmp_path) -> None:
    from chainkg.views.inline import json_for_script, json_pieces_for_script
    from chainkg.views.page import render_page_pieces

    data = {"a": ["</script>", "x & y", {"深": [1, 2.5, None, True]}], "b": "<!--"}
    pieces = list(json_pieces_for_script(data))
    assert "".join(pieces) == json_for_script(data)
    assert json.loads("".join(pieces)) == data and not any(c in "".join(pieces) for c in "<>&")
    written = write_page(render_page_pieces(chain_view(), "锂电产业链"), tmp_path / "p.html")
    assert written.read_text(encoding="utf-8") == render_page(chain_view(), "锂电产业链")
    with pytest.raises(ChainkgError, match="legend"):
        render_page_pieces(chain_view(), "x", legend="some")  # checked at the call, before any piece
