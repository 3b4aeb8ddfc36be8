"""The site's index and entity pages at any size: the page stays small, the project table, the
search list and long entity lists are in files beside the page, loaded on demand.

The graph is the seeds' with made-up projects added (lithium carbonate in the salt-lake chain,
one of them named like markup, one sentence of made-up evidence each) and the file sizes
lowered, so the real page is split into many files: the browser tests open it from file://
in headless Debian chromium at 1366x768 and inside a 480x360 iframe, and check that search
finds a project in a later file, sorting and filtering run across files, nothing is logged as
an error and no document text becomes markup.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from bs4 import BeautifulSoup

from chainkg.graph import model
from chainkg.graph.model import edge_key, node_id
from chainkg.views import index_page as index_module
from chainkg.views import paged
from chainkg.views.paged import PagedList
from chainkg.views.browser import iframe_host, watch_page
from chainkg.views.index_page import FOLDER, OTHER, index_html, index_page
from chainkg.views.facts import coverage_of
from chainkg.views.site import INDEX, PAGE_LABELS, WHOLE_GRAPH, page_path, page_paths, site_links, write_site
from testkit.readability import MIN_LABEL_PX

SALT = node_id(model.CHAIN, "盐湖化工")
G_SLUG = "salt-lake-chemicals"
PRODUCT = node_id(model.PRODUCT, "碳酸锂")
MARKUP = "<img src=x onerror=alert(1)>示例矿业"
ROWS, ENTRIES, PAGE, INLINE, ITEMS = 7, 40, 10, 5, 8
"""The sizes lowered for these tests: project rows and search entries a file, rows a page shows,
items an entity list shows and items in one of its files."""


def with_projects(G: nx.MultiDiGraph, n: int) -> nx.MultiDiGraph:
    """A copy of ``G`` with ``n`` made-up firms each building a lithium-carbonate project in the
    salt-lake chain (capacity i thousand tonnes, status by turns), the last firm named like markup;
    each project and the product read in a made-up sentence."""
    H = copy.deepcopy(G)
    doc = next(d for d, label in G.nodes(data="label") if label == model.DOCUMENT)
    for i in range(n):
        name = MARKUP if i == n - 1 else f"示例{i:03d}矿业"
        company, project = node_id(model.COMPANY, name), node_id(model.PROJECT, name, "碳酸锂", "")
        status, rank = (("signed", 2), ("under_construction", 4), ("operating", 6))[i % 3]
        H.add_node(company, label=model.COMPANY, name=name, aliases=[], merge_rules=[], docs=[])
        H.add_node(project, label=model.PROJECT, name=f"{name}年产{i + 1}千吨碳酸锂项目", company=name,
                   product="碳酸锂", chain="盐湖化工", segment="基础锂盐", status=status, status_rank=rank,
                   mode="reported", capacity_text=f"年产{i + 1}千吨", capacity_value=float(i + 1),
                   capacity_unit="千吨", capacity_base_value=1000.0 * (i + 1), capacity_base_unit="t",
                   capacity_per_year=True, conflicts=[], docs=[])
        H.add_edge(company, project, key=edge_key(model.BUILDS, company, project), type=model.BUILDS)
        H.add_edge(project, PRODUCT, key=edge_key(model.PRODUCES, project, PRODUCT), type=model.PRODUCES)
        sentence = f"测试句{i}:</script><b>{name}</b>建设碳酸锂项目。"
        for node in (project, PRODUCT):
            H.add_edge(node, doc, key=edge_key(model.MENTIONED_IN, node, doc, f"t{i}"), type=model.MENTIONED_IN,
                       sentence=sentence, sentence_index=5000 + i, start=0, end=3)
    return H


def lower_sizes(patch: pytest.MonkeyPatch) -> None:
    """Files and pages a few rows long, so the seeds' site is split into many files."""
    patch.setattr(index_module, "PROJECT_PART_ROWS", ROWS)
    patch.setattr(index_module, "SEARCH_PART_ENTRIES", ENTRIES)
    patch.setattr(index_module, "PAGE_ROWS", PAGE)
    patch.setattr(paged, "INLINE", INLINE)
    patch.setattr(paged, "PART_ITEMS", ITEMS)


@pytest.fixture
def small_files(monkeypatch: pytest.MonkeyPatch) -> None:
    lower_sizes(monkeypatch)


@pytest.fixture(scope="module")
def grown(seed_build) -> nx.MultiDiGraph:
    return with_projects(seed_build.graph, 60)


@pytest.fixture(scope="module")
def split_site(grown, tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        lower_sizes(patch)
        return write_site(grown, tmp_path_factory.mktemp("split") / "site").path


def the_index(G: nx.MultiDiGraph):
    paths = page_paths(G)
    searchable = [n for n in sorted(paths) if G.nodes[n]["label"] in (*PAGE_LABELS, model.CHAIN)]
    return index_page(G, coverage_of(G), site_links(G, None, paths), "索引", WHOLE_GRAPH, searchable, lambda ps: [])


def parts(files: dict) -> list[dict]:
    """The files a page names by ``{"stem", "size", "rest"}``, as ``chainkgDom.parts`` names them."""
    return PagedList([], files["rest"], files["stem"], files["size"]).parts()


def index_data(site: Path) -> dict:
    """The index page's data: its project groups and search files."""
    page = (site / INDEX).read_text(encoding="utf-8")
    return json.loads(re.search(r'id="ck-index-data">(.*?)</script>', page, re.S).group(1))


def received(path: Path) -> dict:
    """The payload of a data file: ``chainkgDom.receive({...});``."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(r"chainkgDom\.receive\((\{.*\})\);\n", text, re.S)
    assert match, path
    return json.loads(match.group(1))


# ---- sizes and files ---------------------------------------------------------------------------

def test_the_page_does_not_grow_with_the_projects(seed_build, small_files) -> None:
    small, large = (the_index(with_projects(seed_build.graph, n)) for n in (10, 200))
    pages = [len("".join(index_html(i)).encode("utf-8")) for i in (small, large)]
    assert pages[1] - pages[0] < 400, f"the page grew from {pages[0]} to {pages[1]} bytes"
    for index in (small, large):
        for path, payload in index.files.items():
            assert path.startswith(FOLDER + "/") and re.fullmatch(r"[a-z0-9./-]+", path) and payload["file"] == path
            assert len(payload["items"]) <= (ROWS if "/projects-" in path else ENTRIES)
    groups = large.context["data"]["groups"]
    salt = next(g for g in groups if g["name"] == "盐湖化工")
    assert salt["files"] == {"stem": f"{FOLDER}/projects-{G_SLUG}", "size": ROWS, "rest": salt["count"]}
    assert len([p for p in large.files if p.startswith(salt["files"]["stem"] + "-")]) == -(-salt["count"] // ROWS) > 20


def test_every_project_and_entry_is_in_one_file(grown, small_files) -> None:
    index = the_index(grown)
    projects = {n for n, label in grown.nodes(data="label") if label == model.PROJECT}
    rows = [r for g in index.context["data"]["groups"] for p in parts(g["files"]) for r in index.files[p["file"]]["items"]]
    assert sorted(r["href"] for r in rows) == sorted(page_path(grown, p) for p in projects)
    assert index.context["projects"] == len(projects)
    chains = [g["name"] for g in index.context["data"]["groups"] if g["key"] != OTHER]
    assert chains == [grown.nodes[c]["name"] for c in coverage_of(grown).chains if c in
                      {node_id(model.CHAIN, r["chain"]) for r in rows}]
    salt = next(g for g in index.context["data"]["groups"] if g["name"] == "盐湖化工")
    assert all(r["chain"] == "盐湖化工" for p in parts(salt["files"]) for r in index.files[p["file"]]["items"])
    entries = [e for p in parts(index.context["data"]["search"]) for e in index.files[p["file"]]["items"]]
    assert len(entries) == len({e["href"] for e in entries}) == sum(
        1 for n, label in grown.nodes(data="label") if label != model.SEGMENT and page_path(grown, n))


def test_the_site_writes_the_files_and_keeps_text_escaped(grown, split_site) -> None:
    page = (split_site / INDEX).read_text(encoding="utf-8")
    assert "示例001矿业" not in page, "projects are in the files, not the page"
    files = sorted(p.relative_to(split_site).as_posix() for p in (split_site / FOLDER).iterdir())
    data = index_data(split_site)
    listed = [p["file"] for g in data["groups"] for p in parts(g["files"])] + [p["file"] for p in parts(data["search"])]
    assert sorted(listed) == files
    for name in files:
        text = (split_site / name).read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text, f"{name}: document text must stay escaped"
        assert received(split_site / name)["file"] == name
    product = split_site / str(page_path(grown, PRODUCT))
    soup = BeautifulSoup(product.read_text(encoding="utf-8"), "html.parser")
    listed = next(ul for ul in soup.select("section.ck-links ul") if ul.find_previous("h2").text.startswith("项目"))
    makers = [n for n, _, t in grown.in_edges(PRODUCT, data="type") if t == model.PRODUCES]
    files = parts(json.loads(listed["data-files"]))
    assert len(listed.find_all("li")) == INLINE and listed.find_previous("h2").text == f"项目({len(makers)})"
    items = [item for part in files for item in received(product.parent / part["file"])["items"]]
    assert len(items) == len(makers) - INLINE and all(len(received(product.parent / p["file"])["items"]) <= ITEMS
                                                      for p in files)
    names = sorted(grown.nodes[m]["name"] for m in makers)
    assert sorted([li.a.text for li in listed.find_all("li")] + [i["text"] for i in items]) == names
    assert soup.find("b") is None and soup.find("img") is None


# ---- in the browser ----------------------------------------------------------------------------

def ready(page) -> None:
    page.wait_for_selector("#ck-projects[data-state=ready]", state="attached", timeout=30_000)


def shown_rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#ck-projects tbody tr", """rows => rows.map(r => ({
        name: r.cells[0].textContent, capacity: r.cells[4].dataset.sort, status: r.cells[5].dataset.sort}))""")


def font_px(page, selector: str) -> float:
    return page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.mark.browser
def test_search_sort_and_filter_work_across_files(chromium, grown, split_site, test_output) -> None:
    watch = watch_page(chromium, 1366, 768)
    try:
        page = watch.open(split_site / INDEX)
        ready(page)
        assert len(shown_rows(page)) == PAGE and page.inner_text("#ck-page-text").startswith("第 1–10 条")
        loaded = page.evaluate("[...document.scripts].filter(s => s.src).map(s => s.getAttribute('src'))")
        files = [p for g in index_data(split_site)["groups"] for p in parts(g["files"])]
        needed = next(k for k in range(1, len(files) + 1) if sum(p["count"] for p in files[:k]) >= PAGE)
        assert loaded == [p["file"] for p in files[:needed]], "the first page loads only the files it shows"
        assert min(font_px(page, sel) for sel in ("#ck-projects td", "#ck-projects .ck-note", "#ck-search-input",
                                                  "#ck-project-chain")) >= MIN_LABEL_PX
        page.screenshot(path=test_output / "index_split_1366.png")

        page.select_option("#ck-project-chain", value=grown.nodes[SALT]["slug"])
        ready(page)
        page.locator("#ck-projects th", has_text="产能").click()
        ready(page)
        salt = [grown.nodes[p] for p, label in grown.nodes(data="label") if label == model.PROJECT
                and grown.nodes[p].get("chain") == "盐湖化工"]
        keys = sorted(f"{a.get('capacity_base_unit', '~')}|{float(a.get('capacity_base_value', 0)):020.3f}"
                      for a in salt)
        assert [r["capacity"] for r in shown_rows(page)] == keys[:PAGE], "sorted across every file of the chain"
        page.locator("#ck-projects th", has_text="产能").click()
        ready(page)
        assert [r["capacity"] for r in shown_rows(page)] == keys[::-1][:PAGE]
        assert page.locator("#ck-projects th[aria-sort=descending]").inner_text().startswith("产能")

        page.select_option("#ck-project-chain", value="")
        page.select_option("#ck-project-status", label="投产")
        ready(page)
        operating = sum(1 for _, a in grown.nodes(data=True) if a["label"] == model.PROJECT
                        and a.get("status") == "operating")
        assert f"共 {operating} 条" in page.inner_text("#ck-page-text")
        assert {r["status"] for r in shown_rows(page)} == {"06"}
        page.select_option("#ck-project-status", value="")
        page.fill("#ck-project-filter", "onerror")  # the last made-up project: in the chain's last file
        ready(page)
        rows = page.locator("#ck-projects tbody tr")
        assert rows.count() == 1 and MARKUP in rows.first.inner_text()
        assert page.locator("main img, main b").count() == 0
        page.fill("#ck-project-filter", "")
        ready(page)
        page.click("#ck-page-next")
        ready(page)
        assert page.inner_text("#ck-page-text").startswith("第 11–20 条")

        files = parts(index_data(split_site)["search"])
        later = [e for p in files[1:] for e in received(split_site / p["file"])["items"] if e["href"].startswith("project/")]
        project = later[-1]  # a project in a later file than the first
        page.fill("#ck-search-input", project["name"])
        page.wait_for_selector("#ck-search-results[data-complete=true]", state="attached", timeout=10_000)
        link = page.locator("#ck-search-results a", has_text=project["name"]).first
        assert link.get_attribute("href") == project["href"]
        page.fill("#ck-search-input", "onerror")
        assert page.locator("#ck-search-results a").first.inner_text() == MARKUP
        page.fill("#ck-search-input", "示例058")
        page.locator("#ck-search-results a", has_text="示例058矿业").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("示例058矿业")
        assert watch.problems() == []
    finally:
        watch.close()


@pytest.mark.browser
def test_a_long_entity_list_loads_the_rest_on_demand(chromium, grown, split_site, test_output) -> None:
    watch = watch_page(chromium, 1366, 768)
    try:
        page = watch.open(split_site / str(page_path(grown, PRODUCT)))
        makers = sum(1 for _, _, t in grown.in_edges(PRODUCT, data="type") if t == model.PRODUCES)
        projects = page.locator("section.ck-links", has=page.locator("h2", has_text="项目"))
        assert projects.locator("li").count() == INLINE
        button = projects.locator("button.ck-more-button")
        while button.count():
            before = projects.locator("li").count()
            button.click()
            page.wait_for_function("n => document.querySelectorAll('.ck-more')[0].children.length > n", arg=before)
        assert projects.locator("li").count() == makers
        assert projects.locator("li", has_text=MARKUP).count() == 1 and page.locator("main img, main b").count() == 0
        evidence = page.locator("ol.ck-evidence")
        page.locator("ol.ck-evidence + .ck-more-bar button").click()
        page.wait_for_function("n => document.querySelector('ol.ck-evidence').children.length > n", arg=INLINE)
        assert "</script><b>" in evidence.inner_text() and font_px(page, "ol.ck-evidence blockquote") >= MIN_LABEL_PX
        page.screenshot(path=test_output / "product_more_1366.png", full_page=True)
        assert watch.problems() == []
    finally:
        watch.close()


@pytest.mark.browser
def test_the_index_works_in_a_small_iframe(chromium, split_site, test_output) -> None:
    host = iframe_host(split_site, INDEX, "embed-index-test.html")
    watch = watch_page(chromium, 640, 480)
    try:
        page = watch.open(host)
        frame = page.frames[1]
        ready(frame)
        assert frame.locator("#ck-projects tbody tr").count() == PAGE
        assert frame.evaluate("document.getElementById('ck-search-input').getBoundingClientRect().right") <= 480
        assert frame.evaluate("document.documentElement.scrollWidth") <= 480, "only the tables scroll sideways"
        frame.fill("#ck-search-input", "onerror")
        frame.wait_for_selector("#ck-search-results[data-complete=true]", state="attached", timeout=10_000)
        assert frame.locator("#ck-search-results a").first.inner_text() == MARKUP
        frame.locator("#ck-projects th", has_text="状态").click()
        ready(frame)
        ranks = [r["status"] for r in shown_rows(frame)]
        assert ranks == sorted(ranks)
        assert font_px(frame, "#ck-projects td") >= MIN_LABEL_PX
        page.screenshot(path=test_output / "index_iframe_480x360.png")
        assert watch.problems() == []
    finally:
        watch.close()
        host.unlink()
