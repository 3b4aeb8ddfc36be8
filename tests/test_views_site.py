"""The views of the real knowledge graph and the offline site ``chainkg build`` writes.

The seeds are built into a temporary OUT (corpus from $CHAINKG_CORPUS or ../shared/corpus);
expected values come from the graph itself and its one gap definition (``graph.gaps``), never
from numbers written here. Browser tests open the pages from file:// in headless Debian
chromium (tests/conftest.py) and leave screenshots under tests/output/.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from bs4 import BeautifulSoup

from chainkg.cli import main
from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.graph.gaps import segment_coverage
from chainkg.graph.model import edge_key, node_id
from chainkg.graph.store import read_graph_json
from chainkg.pipeline import build
from chainkg.views.browser import watch_page
from chainkg.views.chain_map import chain_map
from chainkg.views.entity import company_view, product_view
from chainkg.views.facts import segment_of_product
from chainkg.views.lookup import find_entity, named_view
from chainkg.views.site import INDEX, PAGE_LABELS, WHOLE_GRAPH, is_national_only, page_path, write_site
from chainkg.views.whole import whole_graph_view

REPORT = "000_23d47f473b91a069.txt"
SALT = node_id(model.CHAIN, "盐湖化工")
KUNLUN = node_id(model.COMPANY, "中信昆仑锂业")
XSS = "<img src=x onerror=alert(1)>"
XSS_SENTENCE = "测试句：<script>alert('s')</script>某公司在示例园区开工建设年产1万吨碳酸锂。"
SETTLED = "body[data-settled=true]"


@pytest.fixture(scope="module")
def corpus() -> Path:
    """$CHAINKG_CORPUS, else ../shared/corpus beside the repo."""
    path = Path(os.environ.get("CHAINKG_CORPUS") or Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus")
    if not (path / REPORT).exists():
        pytest.fail(f"the seed corpus is not at {path} (set CHAINKG_CORPUS)")
    return path


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    result = build(corpus, tmp_path_factory.mktemp("out"))
    assert result.failures == ()
    return result


@pytest.fixture(scope="module")
def G(built) -> nx.MultiDiGraph:
    return built.graph


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built.site


def with_xss_company(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of G with a company named like markup building a lithium-carbonate project, with evidence."""
    H = copy.deepcopy(G)
    company, product = node_id(model.COMPANY, XSS), node_id(model.PRODUCT, "碳酸锂")
    project = node_id(model.PROJECT, XSS, G.nodes[product]["name"], "")
    doc = next(n for n, label in G.nodes(data="label") if label == model.DOCUMENT)
    H.add_node(company, label=model.COMPANY, name=XSS, aliases=[XSS], merge_rules=[], docs=[])
    H.add_node(project, label=model.PROJECT, name=XSS + "年产1万吨碳酸锂", company=XSS,
               product=G.nodes[product]["name"], product_id=product, chain="盐湖化工", segment="基础锂盐",
               status="under_construction", status_rank=4, status_text="开工建设", mode="reported",
               capacity_text="年产1万吨", capacity_value=1.0, capacity_unit="万吨", capacity_base_value=10000.0,
               capacity_base_unit="t", capacity_per_year=True, conflicts=[], docs=[])
    H.add_edge(company, project, key=edge_key(model.BUILDS, company, project), type=model.BUILDS)
    H.add_edge(project, product, key=edge_key(model.PRODUCES, project, product), type=model.PRODUCES)
    for node in (company, project):
        H.add_edge(node, doc, key=edge_key(model.MENTIONED_IN, node, doc, "x"), type=model.MENTIONED_IN,
                   sentence=XSS_SENTENCE, sentence_index=0, start=0, end=1)
    return H


# ---- view graphs from the real graph -------------------------------------------------------------

def test_chain_maps_follow_the_gap_definition(G) -> None:
    coverage = segment_coverage(G)
    for chain, label in G.nodes(data="label"):
        if label != model.CHAIN:
            continue
        view = chain_map(G, chain)
        rows = sorted((r for r in coverage.values() if r["chain"] == chain), key=lambda r: r["order"])
        segments = [n for n, d in view.nodes(data=True) if d["label"] == model.SEGMENT and n in coverage
                    and coverage[n]["chain"] == chain]
        assert sorted(segments) == sorted(r["segment"] for r in rows)
        assert all(view.nodes[r["segment"]]["style"] == r["coverage"] for r in rows)
        for source, target, rel in view.edges(data="type"):
            if rel == model.SUPPLIES and source in segments and target in segments:
                assert view.nodes[source]["x"] < view.nodes[target]["x"], f"{chain}: supply runs right to left"
        lanes = view.graph["lanes"]  # a lane per branch, in the template's order, one below the other
        names = [lane["name"] for lane in lanes]
        branches = [b for b in G.nodes[chain].get("branches", []) if b in names]
        assert [n for n in names if n in branches] == branches
        for state in ("closed", "open"):
            bands = [lane[state] for lane in lanes]
            assert all(a[1] < b[0] for a, b in zip(bands, bands[1:])), f"{chain}: lanes overlap"
        band = {lane["name"]: lane["open"] for lane in lanes}
        for seg in segments:
            top, bottom = band[G.nodes[seg].get("branch") or "共用环节"]
            assert top <= view.nodes[seg]["y_open"] <= bottom, f"{chain}: {seg} outside its lane"
        projects = {n for n, d in view.nodes(data=True) if d["label"] == model.PROJECT and not d.get("expands")}
        assert {ref(view, p) for p in projects} == {p for r in rows for p in r["projects"]}
        for r in rows:
            assert {ref(view, p) for p in view.predecessors(r["segment"]) if p in projects} == set(r["projects"])
        others = [n for n, d in view.nodes(data=True) if d["label"] == model.SEGMENT and n not in segments]
        assert all(view.nodes[n]["style"] == coverage[ref(view, n)]["coverage"] for n in others)
        assert all("href" not in attrs for _, attrs in view.nodes(data=True)), "a stand-alone map links nowhere"
        for source, target, cross in view.edges(data="cross_chain"):
            assert bool(cross) == ((source in others) or (target in others))


def ref(view: nx.DiGraph, node: str) -> str:
    """The knowledge-graph id a view node draws (a node drawn twice has an id of its own)."""
    return view.nodes[node].get("ref", node)


def test_kunlun_sits_in_the_card_of_lithium_carbonate(G) -> None:
    view = chain_map(G, SALT)
    segment = segment_of_product(G, node_id(model.PRODUCT, "碳酸锂"))
    drawn = [n for n in view if ref(view, n) == KUNLUN]
    projects = [p for k in drawn for p in view.successors(k)]
    assert projects and all(view.has_edge(p, segment) for p in projects)
    assert view.edges[projects[0], segment]["grouped"] is True, "the card shows the project's segment"
    assert view.nodes[segment]["name"] == G.nodes[segment]["name"]
    card = next(c for c in view.graph["cards"] if c["segment"] == segment)
    left, top, right, bottom = card["open"]
    assert all(left <= view.nodes[k]["x_open"] <= right and top <= view.nodes[k]["y_open"] <= bottom for k in drawn)
    for k in drawn:  # beside its project, below the segment
        project = next(iter(view.successors(k)))
        assert view.nodes[k]["x_open"] > view.nodes[project]["x_open"]
        assert view.nodes[k]["y_open"] == view.nodes[project]["y_open"] > view.nodes[segment]["y_open"]
    project = view.nodes[projects[0]]
    facts = dict(project["facts"])
    assert facts["产品"] == "碳酸锂" and G.nodes[projects[0]]["status_text"] in facts["状态"]
    assert project["evidence"] and all("中信昆仑锂业" in e["sentence"] for e in project["evidence"])


def test_company_and_product_views(G) -> None:
    company = company_view(G, KUNLUN)
    assert {d["label"] for _, d in company.nodes(data=True)} >= {model.COMPANY, model.PROJECT, model.PRODUCT,
                                                                 model.SEGMENT, model.CHAIN}
    assert company.has_edge(KUNLUN, next(iter(company.successors(KUNLUN))))
    product = node_id(model.PRODUCT, "碳酸锂")
    view = product_view(G, product)
    segment = segment_of_product(G, product)
    makers = {p for p, _, t in G.in_edges(product, data="type") if t == model.PRODUCES}
    assert makers <= set(view) and view.has_edge(product, segment)
    upstream = {s for s, _, t in G.in_edges(segment, data="type") if t == model.SUPPLIES}
    downstream = {t for _, t, r in G.out_edges(segment, data="type") if r == model.SUPPLIES}
    assert upstream | downstream <= set(view)
    assert all(view.nodes[s]["level"] == 2 for s in upstream) and all(view.nodes[s]["level"] == 4 for s in downstream)


def test_builders_leave_the_graph_alone(G) -> None:
    before = copy.deepcopy(G)
    chain_map(G, SALT), company_view(G, KUNLUN), product_view(G, node_id(model.PRODUCT, "碳酸锂"))
    whole = whole_graph_view(G)
    assert nx.utils.graphs_equal(G, before) and dict(G.nodes(data=True)) == dict(before.nodes(data=True))
    assert model.DOCUMENT not in {d["label"] for _, d in whole.nodes(data=True)}
    made = {t for _, t, kind in G.edges(data="type") if kind == model.PRODUCES}
    sited = {t for _, t, kind in G.edges(data="type") if kind == model.LOCATED_IN}
    leaders_only = {n for n, d in G.nodes(data=True) if d["label"] == model.COMPANY and d.get("template")}
    assert leaders_only, "the curated national leaders no document names are in the graph"
    assert set(whole) == {n for n, label in G.nodes(data="label") if label != model.DOCUMENT
                          and (label != model.PRODUCT or n in made) and (label != model.PLACE or n in sited)
                          and n not in leaders_only}
    assert made and sited and made | sited <= set(whole)  # the products made and the places used stay


def test_names_resolve_or_name_close_matches(G) -> None:
    assert find_entity(G, "chain", "salt-lake-chemicals") == SALT
    assert find_entity(G, "company", "赣锋锂电") == node_id(model.COMPANY, "赣锋锂业")
    with pytest.raises(ChainkgError, match="no company named '昆仑锂业'.*中信昆仑锂业"):
        find_entity(G, "company", "昆仑锂业")
    with pytest.raises(ChainkgError, match="no chain named '盐湖'.*盐湖化工"):
        named_view(G, "chain", "盐湖")


def test_cli_writes_one_view(built, tmp_path, capsys) -> None:
    out = built.path.parent
    for kind, name in (("chain", "盐湖化工"), ("company", "中信昆仑锂业"), ("product", "碳酸锂")):
        target = tmp_path / f"{kind}.html"
        assert main(["view", kind, name, "-o", str(target), "--out", str(out)]) == 0
        soup = BeautifulSoup(target.read_bytes().decode("utf-8"), "html.parser")
        assert name in soup.title.string and soup.find("script", id="chainkg-data")
    assert main(["view", "company", "中信昆仑锂业", "--embed", "-o", str(tmp_path / "e.html"), "--out", str(out)]) == 0
    soup = BeautifulSoup((tmp_path / "e.html").read_bytes().decode("utf-8"), "html.parser")
    assert soup.body["class"] == ["ck-embed"] and not soup.find("details", id="chainkg-legend").has_attr("open")
    assert main(["view", "company", "昆仑锂业", "-o", str(tmp_path / "x.html"), "--out", str(out)]) == 2
    assert "close matches: 中信昆仑锂业" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
    assert main(["view", "chain", "盐湖化工", "-o", str(tmp_path / "y.html"), "--out", str(tmp_path)]) == 2
    assert "run `chainkg build` first" in capsys.readouterr().err


# ---- the site as files ------------------------------------------------------------------------------

def test_site_has_every_page_with_ascii_names(G, site) -> None:
    labels = [label for n, label in G.nodes(data="label") if not is_national_only(G, n)]  # leaders only: no page
    for label, folder in PAGE_LABELS.items():
        assert len(list((site / folder).glob("*.html"))) == labels.count(label)
    assert len(list((site / "chain").glob("*.html"))) == labels.count(model.CHAIN)
    assert len(list((site / "zhaoshang").glob("*.html"))) == labels.count(model.CHAIN)
    assert (site / INDEX).is_file() and (site / WHOLE_GRAPH).is_file()
    files = [p for p in site.rglob("*") if p.is_file()]
    assert all(re.fullmatch(r"[a-z0-9./-]+", str(p.relative_to(site))) for p in files)
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == []
    assert read_graph_json(site.parent / "graph.json").number_of_nodes() == G.number_of_nodes()


def test_site_pages_reference_only_the_site(site) -> None:
    for page in site.rglob("*.html"):
        html = page.read_bytes().decode("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("meta", charset=True)["charset"].lower() == "utf-8", page
        assert soup.find_all("link") == [] and [s for s in soup.find_all("script") if s.get("src")] == [], page
        for tag in soup.find_all(href=True):
            href = tag["href"]
            assert not re.match(r"^[a-z]+:|^//", href), (page, href)
            assert (page.parent / href).resolve().is_file(), f"{page}: broken link {href}"


def test_site_is_replaced_whole_or_not_at_all(G, tmp_path) -> None:
    first = write_site(G, tmp_path / "site")
    before = sorted(p.relative_to(first.path) for p in first.path.rglob("*"))
    broken = copy.deepcopy(G)
    del broken.nodes[SALT]["slug"]
    with pytest.raises(KeyError):
        write_site(broken, tmp_path / "site")
    assert sorted(p.relative_to(first.path) for p in first.path.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ChainkgError, match="not a folder"):
        write_site(G, tmp_path / "file")


# ---- the site in a real browser ------------------------------------------------------------------

def open_page(browser_page, path: Path):
    page = browser_page.open(path)
    if page.locator("#chainkg-canvas").count():
        page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
    return page


@pytest.mark.browser
def test_every_kind_of_page_loads_cleanly(chromium, G, site) -> None:
    company = next(n for n, label in G.nodes(data="label") if label == model.COMPANY)
    project = next(n for n, label in G.nodes(data="label") if label == model.PROJECT)
    pages = [site / INDEX, site / WHOLE_GRAPH, site / str(page_path(G, company)), site / str(page_path(G, project))]
    pages += sorted((site / "chain").glob("*.html"))
    for path in pages:
        watch = watch_page(chromium)
        page = open_page(watch, path)
        assert page.title(), path
        if path.parent.name == "chain" or path.name == WHOLE_GRAPH:
            assert page.evaluate("window.chainkgNodes.length") > 0
            assert page.evaluate("window.chainkgNetwork.physics.physicsEnabled") is False
        problems = watch.problems()
        watch.close()
        assert problems == [], f"{path}: {problems}"


@pytest.mark.browser
def test_salt_lake_chain_map_in_browser(browser_page, G, site, test_output) -> None:
    page = open_page(browser_page, site / str(page_path(G, SALT)))
    nodes = {n["id"]: n for n in page.evaluate("window.chainkgNodes.get()")}
    edges = {tuple(e) for e in page.evaluate("window.chainkgEdges.get().map(e => [e.from, e.to, e.relType])")}
    rows = sorted((r for r in segment_coverage(G).values() if r["chain"] == SALT), key=lambda r: r["order"])
    assert {r["segment"] for r in rows} <= set(nodes)
    assert all(nodes[r["segment"]]["viewStyle"] == r["coverage"] for r in rows)
    projects = {p for r in rows for p in r["projects"]}
    assert {v.get("ref", n) for n, v in nodes.items() if v["kind"] == model.PROJECT and not v.get("expands")} == projects
    assert all((p, r["segment"], model.PRODUCES) in edges for r in rows for p in r["projects"])
    kunlun_projects = [t for s, t, _ in edges if s == KUNLUN]
    segment = segment_of_product(G, node_id(model.PRODUCT, "碳酸锂"))
    assert kunlun_projects and all((p, segment, model.PRODUCES) in edges for p in kunlun_projects)
    assert nodes[KUNLUN]["label"] == "中信昆仑锂业"
    unknown = [r["segment"] for r in rows if r["coverage"] == "unknown"]
    assert unknown, "the salt-lake chain has links the seeds never mention"
    for segment in unknown:
        drawn = page.evaluate("id => window.chainkgNetwork.body.nodes[id].options", segment)
        assert drawn["shapeProperties"]["borderDashes"] == [1, 3] and drawn["color"]["border"] == "#9e9e9e"
    covered = next(r["segment"] for r in rows if r["coverage"] in ("present", "strong"))
    assert page.evaluate("id => window.chainkgNetwork.body.nodes[id].options", covered)[
        "shapeProperties"]["borderDashes"] is False
    xs = {r["segment"]: page.evaluate("id => window.chainkgNetwork.getPosition(id).x", r["segment"]) for r in rows}
    assert all(xs[a] < xs[b] for a, b, t in edges if t == model.SUPPLIES and a in xs and b in xs), \
        "supply links must run upstream (left) to downstream (right)"
    cross = page.evaluate("window.chainkgEdges.get().filter(e => e.crossChain).map(e => [e.from, e.to])")
    assert cross and all((a in nodes and b in nodes) for a, b in cross)
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.click("#chainkg-fit")
    page.screenshot(path=test_output / "site_chain_salt_lake.png")
    assert browser_page.problems() == []


@pytest.mark.browser
def test_index_search_leads_to_the_company(browser_page, G, site, test_output) -> None:
    page = open_page(browser_page, site / INDEX)
    rows = page.locator("#ck-projects tbody tr")
    assert rows.count() == sum(1 for _, label in G.nodes(data="label") if label == model.PROJECT)
    assert page.locator("#ck-chains tbody tr").count() == sum(1 for _, l in G.nodes(data="label") if l == model.CHAIN)
    page.screenshot(path=test_output / "site_index.png", full_page=True)
    page.locator("#ck-projects th", has_text="状态").click()
    ranks = [int(r) for r in page.eval_on_selector_all("#ck-projects tbody td:nth-child(6)",
                                                        "tds => tds.map(td => td.dataset.sort)")]
    assert ranks == sorted(ranks)
    page.fill("#ck-search-input", "昆仑锂业")
    link = page.locator("#ck-search-results a", has_text="中信昆仑锂业").first
    assert link.get_attribute("href") == page_path(G, KUNLUN)
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "中信昆仑锂业"
    assert page.url.endswith(str(page_path(G, KUNLUN)))
    titles = {G.nodes[d]["title"] for _, d, t in G.out_edges(KUNLUN, data="type") if t == model.MENTIONED_IN}
    cites = page.locator(".ck-evidence cite").all_inner_texts()
    assert cites and set(cites) <= titles
    page.locator("a", has_text="盐湖化工").first.click()
    page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
    assert page.evaluate("id => window.chainkgNodes.get(id).label", KUNLUN) == "中信昆仑锂业"
    assert browser_page.problems() == []


@pytest.mark.browser
def test_markup_in_a_company_name_stays_text_everywhere(chromium, G, tmp_path, test_output) -> None:
    H = with_xss_company(G)
    site = write_site(H, tmp_path / "site").path
    company = node_id(model.COMPANY, XSS)
    seen = []
    for path in (site / INDEX, site / str(page_path(H, company)), site / str(page_path(H, SALT))):
        watch = watch_page(chromium)
        page = open_page(watch, path)
        if path.name == INDEX:
            assert XSS in page.locator("#ck-projects").inner_text()
            page.fill("#ck-search-input", "onerror")
            assert page.locator("#ck-search-results a").first.inner_text() == XSS
        elif path.parent.name == "company":
            assert page.locator("h1").inner_text() == XSS
            assert page.locator(".ck-evidence blockquote").first.inner_text() == XSS_SENTENCE
        else:
            page.evaluate("id => window.chainkgNetwork.focus(id, {scale: 1.2})", company)
            pos = page.evaluate("id => window.chainkgNetwork.canvasToDOM(window.chainkgNetwork.getPosition(id))",
                                company)
            box = page.locator("#chainkg-canvas").bounding_box()
            page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
            info = page.locator("#chainkg-info")
            info.wait_for(state="visible")
            assert info.locator("h2").inner_text() == XSS
            assert info.locator("blockquote").first.inner_text() == XSS_SENTENCE
            page.screenshot(path=test_output / "site_xss_panel.png")
        assert page.locator("img").count() == 0 and page.locator("main script, #chainkg-info script").count() == 0
        seen.append(path.name)
        problems = watch.problems()
        watch.close()
        assert problems == [], f"{path}: {problems}"
    assert len(seen) == 3


def test_fixed_layout_and_nav_links_are_checked(G) -> None:
    from chainkg.views.page import render_page

    view = chain_map(G, SALT)
    with pytest.raises(ChainkgError, match="relative link"):
        render_page(view, "x", layout="fixed", nav=[("home", "https://example.com/")])
    del view.nodes[next(iter(view))]["x"]
    with pytest.raises(ChainkgError, match="every node has a x"):
        render_page(view, "x", layout="fixed")


# ---- Chinese first ---------------------------------------------------------------------------------

ENGLISH_STATUS = re.compile(r"\b(negotiating|signed|preparing|under_construction|trial|operating)\b")


def visible_texts(path: Path) -> list[str]:
    """What a person can read on a site page: its text outside scripts, and for a view page
    every name, fact and evidence its panel can show."""
    import json

    soup = BeautifulSoup(path.read_bytes().decode("utf-8"), "html.parser")
    data = soup.find("script", id="chainkg-data")
    texts = []
    if data is not None:
        payload = json.loads(data.string)
        for item in json.loads(soup.find("script", id="chainkg-info-data").string).values():
            if set(item) == {"ref"}:  # a second drawing: the first one's panel, read there
                continue
            texts += [item["name"], item["kind"], item.get("styleText") or ""]
            texts += [f"{k} {v}" for k, v in item["facts"]]
            texts += [f"{e['sentence']} {e['document']}" for e in item["evidence"]]
        texts += [str(n.get("label", "")) for n in payload["nodes"]]
    for tag in soup(["script", "style"]):
        tag.decompose()
    texts.append(soup.get_text(" "))
    return texts


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def page_chrome(path: Path) -> str:
    """The words a page itself writes around the data: navigation, headings, table heads, legends, buttons."""
    soup = BeautifulSoup(path.read_bytes().decode("utf-8"), "html.parser")
    return " ".join(tag.get_text(" ") for tag in soup(["nav", "h1", "h2", "h3", "th", "dt", "button", "label",
                                                       "summary", "option", "caption", "title"]))


def test_pages_speak_chinese_and_name_documents_by_title(G, site) -> None:
    data_words = {w for _, attrs in G.nodes(data=True) for v in attrs.values() if isinstance(v, str)
                  for w in LATIN_WORD.findall(v)}
    docs = [attrs for _, attrs in G.nodes(data=True) if attrs["label"] == model.DOCUMENT]
    hidden = {d["file"] for d in docs if d.get("file")} | {d["doc_id"] for d in docs} | \
        {d["sha256"][:12] for d in docs if d.get("sha256")}
    pages = sorted(site.rglob("*.html"))
    cited = set()
    for page in pages:
        for text in visible_texts(page):
            assert not ENGLISH_STATUS.search(text), f"{page.relative_to(site)}: English status in {text[:120]!r}"
            assert "(= " not in text and "(=" not in text, f"{page.relative_to(site)}: '(= …)' in {text[:120]!r}"
            assert not [h for h in hidden if h in text], f"{page.relative_to(site)}: a file name or hash in view"
            cited |= {d["title"] for d in docs if d["title"] in text}
        english = set(LATIN_WORD.findall(page_chrome(page))) - data_words
        assert not english, f"{page.relative_to(site)}: English words {sorted(english)} in the page's own headings"
    assert cited, "documents are cited by their titles"
    salt = visible_texts(site / str(page_path(G, SALT)))
    assert any("折合" in t for t in salt) or not any(G.nodes[n].get("capacity_base_value") for n in G)
    dated = [d for d in docs if d.get("published")]
    assert any(f"{d['title']} · {d['published']}" in " ".join(salt) for d in dated), "evidence names title and date"


# ---- the whole graph, explored -----------------------------------------------------------------------

@pytest.mark.browser
def test_whole_graph_opens_as_chains_and_grows_on_demand(browser_page, G, site, test_output) -> None:
    from testkit.readability import measure_readability

    page = open_page(browser_page, site / WHOLE_GRAPH)
    chains = {n for n, label in G.nodes(data="label") if label == model.CHAIN}
    shown = set(page.evaluate("window.chainkgNodes.getIds()"))
    assert chains <= shown and len(shown - chains) <= 1, "one node per chain (and one for what is in none)"
    first = measure_readability(page)
    assert first.overlaps == [], first.overlaps
    assert page.evaluate("window.chainkgSettledAt") < 2000, "opens in under 2 s"
    page.screenshot(path=test_output / "site_whole_graph.png")

    page.evaluate("id => window.chainkgExplorer.open(id)", SALT)
    page.wait_for_timeout(300)
    shown = set(page.evaluate("window.chainkgNodes.getIds()"))
    segments = {r["segment"] for r in segment_coverage(G).values() if r["chain"] == SALT}
    assert segments <= shown and KUNLUN in shown
    edges = {tuple(e) for e in page.evaluate("window.chainkgEdges.get().map(e => [e.from, e.to])")}
    assert all((s, SALT) in edges for s in segments), "segments hang on their chain"

    page.select_option("#ck-filter-status", "在建")
    visible = page.evaluate("window.chainkgNodes.get().filter(n => n.kind === 'Project' && !n.hidden).map(n => n.id)")
    assert visible and all(G.nodes[p].get("status") == "under_construction" for p in visible)
    page.select_option("#ck-filter-status", "")

    page.click("#ck-collapse")
    assert set(page.evaluate("window.chainkgNodes.getIds()")) <= chains | {"cluster:unassigned"}, "all closed again"
    page.fill("#ck-find", "中信昆仑锂业")
    page.press("#ck-find", "Enter")
    info = page.locator("#chainkg-info")
    info.wait_for(state="visible")
    assert info.locator("h2").inner_text() == "中信昆仑锂业"
    assert page.evaluate("window.chainkgNetwork.getSelectedNodes()") == [KUNLUN]
    assert "找到" in page.inner_text("#ck-find-note")
    page.screenshot(path=test_output / "site_whole_graph_found.png")
    assert browser_page.problems() == []


# ---- a crowded link: bounded cards, panels written once ------------------------------------------

CROWD_FIRM = node_id(model.COMPANY, "测试众建材料")


def with_a_crowded_link(G: nx.MultiDiGraph, projects: int = 40, mentions: int = 6) -> nx.MultiDiGraph:
    """A copy of G where one made-up firm builds ``projects`` lithium-carbonate projects, the firm
    named in ``mentions`` sentences of its own (made-up sentences, one document)."""
    H = copy.deepcopy(G)
    product = node_id(model.PRODUCT, "碳酸锂")
    doc = next(n for n, label in G.nodes(data="label") if label == model.DOCUMENT)
    H.add_node(CROWD_FIRM, label=model.COMPANY, name="测试众建材料", aliases=[], merge_rules=[], docs=[])
    for i in range(mentions):
        H.add_edge(CROWD_FIRM, doc, key=edge_key(model.MENTIONED_IN, CROWD_FIRM, doc, str(i)), type=model.MENTIONED_IN,
                   sentence=f"测试句{i}:众建材料第{i}条动态。", sentence_index=900 + i, start=0, end=4)
    for i in range(projects):
        project = node_id(model.PROJECT, "测试众建材料", "碳酸锂", f"{i}期")
        H.add_node(project, label=model.PROJECT, name=f"测试众建材料{i}期碳酸锂", company="测试众建材料",
                   product="碳酸锂", chain="盐湖化工", status="signed", status_rank=2, mode="planned", docs=[])
        H.add_edge(CROWD_FIRM, project, key=edge_key(model.BUILDS, CROWD_FIRM, project), type=model.BUILDS)
        H.add_edge(project, product, key=edge_key(model.PRODUCES, project, product), type=model.PRODUCES)
    return H


def test_a_crowded_card_is_bounded_and_its_firm_is_described_once(G) -> None:
    from chainkg.views.facts import MAX_PANEL_SENTENCES
    from chainkg.views.layered import MAX_CARD_ROWS
    from chainkg.views.page import _info

    H = with_a_crowded_link(G)
    segment = segment_of_product(H, node_id(model.PRODUCT, "碳酸锂"))
    view = chain_map(H, SALT, lambda node: "company/x.html")
    card = next(c for c in view.graph["cards"] if c["segment"] == segment)
    in_card = [n for n in view.predecessors(segment) if view.edges[n, segment].get("grouped")]
    assert len(in_card) == MAX_CARD_ROWS, card
    all_projects = segment_coverage(H)[segment]["projects"]
    expander = view.nodes[f"more:{segment}"]
    assert expander["name"] == f"+{len(all_projects) - 3} 个项目"
    assert f"等{len(all_projects) - MAX_CARD_ROWS}个" in dict(expander["facts"])["未画出的项目"]
    firm = [n for n in view if ref(view, n) == CROWD_FIRM]
    assert len(firm) > 1 and view.nodes[CROWD_FIRM]["evidence_total"] == 6
    assert len(view.nodes[CROWD_FIRM]["evidence"]) == MAX_PANEL_SENTENCES
    info = _info(view)
    assert info[CROWD_FIRM]["evidenceTotal"] == 6
    assert all(info[n] == {"ref": CROWD_FIRM} for n in firm if n != CROWD_FIRM)
    assert len(chain_map(H, SALT).nodes[CROWD_FIRM]["evidence"]) == 6, "a map without pages shows every sentence"


@pytest.mark.browser
def test_a_second_drawing_opens_the_first_ones_panel(chromium, G, tmp_path) -> None:
    H = with_a_crowded_link(G, projects=5)
    site = write_site(H, tmp_path / "site").path
    watch = watch_page(chromium)
    page = open_page(watch, site / str(page_path(H, SALT)))
    second = page.evaluate("id => window.chainkgNodes.getIds().filter(n => n.startsWith(id + '@'))[0]", CROWD_FIRM)
    assert second
    page.evaluate("id => window.chainkgNetwork.selectNodes([id])", second)
    page.evaluate("""id => window.chainkgNetwork.body.emitter.emit('click', {nodes: [id], edges: []})""", second)
    panel = page.locator("#chainkg-info")
    assert panel.locator("h2").inner_text() == "测试众建材料"
    assert "共 6 句,列出前 3 句" in panel.locator("h3", has_text="来源").inner_text()
    assert panel.locator("blockquote").count() == 3
    assert panel.locator("a.ck-open").get_attribute("href") == "../" + str(page_path(H, CROWD_FIRM))
    assert watch.problems() == []
    watch.close()


def test_entity_pages_are_the_same_when_the_link_item_cache_empties_itself(seed_build, tmp_path: Path, monkeypatch) -> None:
    """The link items are made again after the cache is emptied (``ITEMS_HELD``): every page is the same."""
    from chainkg.views import site as site_module

    def pages(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    held = pages(site_module.write_site(seed_build.graph, tmp_path / "held").path)
    monkeypatch.setattr(site_module, "ITEMS_HELD", 3)
    emptied = pages(site_module.write_site(seed_build.graph, tmp_path / "emptied").path)
    assert emptied == held and len(held) > 50
