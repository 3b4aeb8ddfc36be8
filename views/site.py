"""The offline explorer site that ``chainkg build`` writes to ``OUT/site/``.

::

    index.html            chains with coverage and 补链/延链/强链, the project table, search
    index/*.js            the project table's rows and the search entries (views/index_page.py)
    graph.html            the whole-graph view
    whole/<hash>.js       a chain's members for graph.html, on a large graph (views/whole_parts.py)
    chain/<slug>.html     one chain map per chain (slug from data/chains.yaml)
    zhaoshang/<slug>.html one 招商 page per chain: ranked candidate firms per target link
    company/<hash>.html   one page per company   (hash: first 12 hex of sha1 of the node id)
    project/<hash>.html   one page per project
    product/<hash>.html   one page per product
    place/<hash>.html     one page per place
    <folder>/more/*.js    the rest of an entity page's long lists (views/paged.py)

File names are ASCII and stable across rebuilds (:func:`page_path`). Every page stands alone
from ``file://``: views inline vis-network (:mod:`chainkg.views.page`), the index and entity
pages inline their CSS and script, data sits in ``<script type="application/json">`` made safe
by :func:`chainkg.views.inline.json_for_script`, and scripts put text on the page with
``textContent`` only. What would make a page grow with the corpus (the index's projects and
search entries, an entity page's long lists, a large graph's chains) is in data files beside
it that its script adds as ``<script>`` elements, escaped the same way (a page opened from
``file://`` may not fetch a file, but loads a script). The site is built in a temporary
folder beside ``OUT/site`` and swapped in at the end, so a failed build leaves the previous
site whole (a failure between the two renames of the swap puts the old one back; ``chainkg
build`` itself writes the site into a new build folder and switches whole builds, see
:mod:`chainkg.outputs`).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:盐湖化工", label="Chain", name="盐湖化工", slug="salt-lake-chemicals")
>>> G.add_node("company:南玻", label="Company", name="南玻")
>>> page_path(G, "chain:盐湖化工"), page_path(G, "company:南玻")
('chain/salt-lake-chemicals.html', 'company/5bca1398080c.html')
>>> site_links(G, "chain")("company:南玻")
'../company/5bca1398080c.html'
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup

from chainkg.atomic import make_temp_dir
from chainkg.errors import ChainkgError
from chainkg.file_writer import FileWriter
from chainkg.graph import model
from chainkg.views.chain_map import chain_map
from chainkg.views.facts import (Coverage, Links, capacity_text, chain_of_segment, coverage_of, coverage_text, evidence,
                                 neighbours, node_facts, node_style, project_places, segment_of_product, status_text)
from chainkg.views.index_page import index_html, index_page
from chainkg.views.inline import data_file_text, script_text
from chainkg.views.page import asset, render_page_pieces, render_part_pieces, template
from chainkg.views.paged import paged_list
from chainkg.views.style import NODE_LOOKS
from chainkg.views.targets_page import targets_html, targets_path
from chainkg.views.whole_parts import whole_graph

INDEX = "index.html"
WHOLE_GRAPH = "graph.html"
PAGE_LABELS: dict[str, str] = {model.COMPANY: "company", model.PROJECT: "project", model.PRODUCT: "product",
                               model.PLACE: "place", model.STATEMENT: "statement"}
"""Labels with a page of their own, and the site folder of those pages."""
SITE_TITLE = "海西州产业链知识图谱"
MORE_FOLDER = "more"
"""The folder, inside each entity folder, of the entity pages' data files (their long lists)."""


@dataclass(frozen=True)
class Site:
    """A written site: its folder and how many pages of each kind it holds."""

    path: Path
    pages: dict[str, int]


def page_path(G: nx.MultiDiGraph, node: str) -> str | None:
    """Where ``node``'s page is, relative to the site root; None for nodes without one (documents).

    A segment's page is its chain's map.
    """
    label = G.nodes[node]["label"]
    if label == model.CHAIN:
        return f"chain/{G.nodes[node]['slug']}.html"
    if label == model.SEGMENT:
        return page_path(G, chain_of_segment(G, node))
    if label in PAGE_LABELS and not is_national_only(G, node):
        return f"{PAGE_LABELS[label]}/{hashlib.sha1(node.encode('utf-8')).hexdigest()[:12]}.html"
    return None


def is_national_only(G: nx.MultiDiGraph, node: str) -> bool:
    """A curated national leader no document names: listed on the 招商 pages, without a page
    of its own (it has no local fact to show)."""
    attrs = G.nodes[node]
    return bool(attrs.get("curated") and attrs.get("template"))


def page_paths(G: nx.MultiDiGraph) -> dict[str, str]:
    """:func:`page_path` of every node that has a page, made once for a whole site (its links
    ask for the same nodes' pages hundreds of thousands of times)."""
    return {node: path for node in G if (path := page_path(G, node)) is not None}


def site_links(G: nx.MultiDiGraph, folder: str | None, paths: Mapping[str, str] | None = None) -> Links:
    """Link function for pages in site ``folder`` (None: the site root); ``paths``: the
    graph's :func:`page_paths`, when made already."""
    prefix = "../" if folder else ""
    find = paths.get if paths is not None else partial(page_path, G)

    def link(node: str) -> str | None:
        path = find(node)
        return prefix + path if path else None

    return link


def write_site(G: nx.MultiDiGraph, site: Path) -> Site:
    """Write the whole site for ``G`` to ``site`` (replacing what was there); ``G`` is only read."""
    site = Path(site)
    if site.exists() and not site.is_dir():
        raise ChainkgError(f"site output {site} exists and is not a folder")
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = make_temp_dir(site.parent, f".{site.name}.")
    old = None
    try:
        pages = _write_pages(G, tmp)
        if site.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old.", dir=site.parent))
            site.replace(old / site.name)
        tmp.replace(site)
    except BaseException:
        if old is not None and (old / site.name).exists() and not site.exists():
            (old / site.name).replace(site)  # failed between the two renames: the old site goes back
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old)
    return Site(site, pages)


def _write_pages(G: nx.MultiDiGraph, root: Path) -> dict[str, int]:
    """Write every page into ``root``, a new folder that :func:`write_site` swaps in whole (the
    files made by a second process, :mod:`chainkg.file_writer`, while the next pages are rendered)."""
    with FileWriter(root) as files:
        return _render_pages(G, files)


def _render_pages(G: nx.MultiDiGraph, files: FileWriter) -> dict[str, int]:
    """Render every page and hand it to ``files``; how many pages of each kind."""
    coverage = coverage_of(G)
    paths = page_paths(G)
    pages: Counter[str] = Counter()
    for chain in coverage.chains:
        _write_chain_pages(G, files, chain, coverage, paths, pages)
    _write_whole_graph(G, files, coverage, paths, pages)
    entities = EntityPages(G, coverage, paths)
    for node in sorted(paths):
        folder = PAGE_LABELS.get(G.nodes[node]["label"])
        if folder:
            html, data = entities.page(node)
            files.write(paths[node], html)
            pages[folder] += 1
            _write_data_files(files, data, pages, f"{folder} files")
    searchable = [n for n in sorted(paths) if G.nodes[n]["label"] in (*PAGE_LABELS, model.CHAIN)]
    index = index_page(G, coverage, site_links(G, None, paths), SITE_TITLE, WHOLE_GRAPH, searchable, entities.chains,
                       files=_DataFileWriter(files, pages, "index files"))  # each file written as it is made
    files.write(INDEX, index_html(index))
    pages["index"] += 1
    return dict(pages)


def _write_chain_pages(G: nx.MultiDiGraph, files: FileWriter, chain: str, coverage: Coverage,
                       paths: Mapping[str, str], pages: Counter[str]) -> None:
    """Write ``chain``'s map and its 招商 page, counted in ``pages``."""
    row = coverage.chains[chain]
    title = (f"{row['name']} 产业链图 · 已有 {row['n_strong'] + row['n_present']}/{row['segments']}"
             f" · 缺 {row['n_lacking']} · 待核实 {row['n_unknown']}")
    view = chain_map(G, chain, site_links(G, "chain", paths), coverage)
    targets = "../" + targets_path(G, chain)
    files.write(paths[chain], render_page_pieces(view, title, layout="fixed",
                                                 nav=[("← 总览", "../" + INDEX), ("招商清单", targets)]))
    pages["chain"] += 1
    files.write(targets_path(G, chain), targets_html(G, chain, "../" + paths[chain], "../" + INDEX))
    pages["zhaoshang"] += 1


def _write_whole_graph(G: nx.MultiDiGraph, files: FileWriter, coverage: Coverage, paths: Mapping[str, str],
                       pages: Counter[str]) -> None:
    """Write the whole-graph page and its chains' files, counted in ``pages``; the view is let
    go on return, before the entity pages are made (held to the end of the site, it was 19 MiB
    at 1,000 documents)."""
    whole = whole_graph(G, site_links(G, None, paths), coverage)
    files.write(WHOLE_GRAPH, render_page_pieces(whole.view, f"全图 · {whole.nodes} 个节点", nav=[("← 总览", INDEX)]))
    pages["graph"] += 1
    for path, part in whole.parts.items():
        files.write(path, render_part_pieces(part, whole.view))
        pages["whole"] += 1


def _write_data_files(files: FileWriter, data: Mapping[str, dict[str, Any]], pages: Counter[str], kind: str) -> None:
    """Write a page's data files (site path -> payload, :mod:`chainkg.views.paged`), counted as ``kind``."""
    writer = _DataFileWriter(files, pages, kind)
    for path, payload in data.items():
        writer[path] = payload


class _DataFileWriter:
    """A :class:`~chainkg.views.paged.FileSink` that hands each data file to ``files`` as it is
    put (site path -> payload), counted in ``pages`` as ``kind``."""

    def __init__(self, files: FileWriter, pages: Counter[str], kind: str) -> None:
        self.files, self.pages, self.kind = files, pages, kind

    def __setitem__(self, path: str, payload: dict[str, Any]) -> None:
        self.files.write(path, data_file_text(payload))
        self.pages[self.kind] += 1


# ---- entity pages ---------------------------------------------------------------------------

ITEMS_HELD = 50_000
"""Link items :class:`EntityPages` keeps made at most (a hub's page lists thousands; a corpus's pages list every node)."""


class EntityPages:
    """The pages of the companies, projects, products, places and statements of one graph.

    Every such page is one folder down from the site root, so a node's link item (its name,
    href and note) is the same on every page that lists it: each is made once, as is each
    product's chain, and the page template is looked up once.
    """

    def __init__(self, G: nx.MultiDiGraph, coverage: Coverage, paths: Mapping[str, str] | None = None) -> None:
        self.G, self.coverage = G, coverage
        self.paths = paths if paths is not None else page_paths(G)
        self.links = site_links(G, "company", self.paths)  # "../" + the page's path, for every entity folder
        self._items: dict[str, dict[str, Any]] = {}
        self._chains: dict[str, str | None] = {}
        self._template = template("site_entity.html")
        self._css = Markup(asset("site.css"))
        self._more_js = Markup(script_text(asset("dom.js") + asset("site_more.js")))  # of every page with files

    def page(self, node: str) -> tuple[str, dict[str, dict[str, Any]]]:
        """The page of ``node`` and its data files (site path -> payload): a list longer than
        :data:`chainkg.views.paged.INLINE` shows its first items, the rest are in files beside
        the page (``<folder>/more/<page name>-<list>-<n>.js``) that it loads when asked."""
        G, coverage = self.G, self.coverage
        attrs = G.nodes[node]
        style = node_style(G, node, coverage)
        folder, name = self.paths[node].rsplit("/", 1)
        stem = f"{MORE_FOLDER}/{name.removesuffix('.html')}"
        files: dict[str, dict[str, Any]] = {}
        groups = [{"heading": heading, "list": paged_list([self.item(n) for n in nodes], folder, f"{stem}-{i}", files)}
                  for i, (heading, nodes) in enumerate(_link_groups(G, node, coverage, self.chains)) if nodes]
        html = self._template.render(
            title=f"{attrs['name']} · {NODE_LOOKS[attrs['label']][3]}",
            name=attrs["name"],
            kind=NODE_LOOKS[attrs["label"]][3],
            style=style,
            style_text=coverage_text(style),
            facts=node_facts(G, node, coverage),
            groups=groups,
            evidence=paged_list(evidence(G, node), folder, f"{stem}-e", files),
            index="../" + INDEX,
            css=self._css,
            more_js=self._more_js if files else "",
        )
        return html, files

    def item(self, node: str) -> dict[str, Any]:
        """``node`` as an entry of a page's link list (not to be changed): made once while the
        cache holds it, which it does for the last :data:`ITEMS_HELD` nodes made (emptied when full:
        at 10,000 documents one item per node listed anywhere was some 150 MB held to the end)."""
        found = self._items.get(node)
        if found is None:
            if len(self._items) >= ITEMS_HELD:
                self._items.clear()
            found = self._items[node] = _link_item(self.G, node, self.links)
        return found

    def chains(self, products: list[str]) -> list[str]:
        """The chains of ``products``, sorted (:func:`_chains`, each product's looked up once)."""
        found = set()
        for product in products:
            if product not in self._chains:
                self._chains[product] = next(iter(_chains(self.G, [product])), None)
            if self._chains[product]:
                found.add(self._chains[product])
        return sorted(found)


def _link_groups(G: nx.MultiDiGraph, node: str, coverage: Coverage,
                 chains: Callable[[list[str]], list[str]]) -> list[tuple[str, list[str]]]:
    """Sections of links on an entity page: (heading, the nodes listed, sorted; maybe none).
    ``chains``: the chains of some products (:func:`_chains`, or a faster equal)."""
    label, attrs = G.nodes[node]["label"], G.nodes[node]
    if label == model.COMPANY:
        projects = neighbours(G, node, model.BUILDS)
        stated = neighbours(G, node, model.BY, "in")
        made = _ends(G, projects, model.PRODUCES) + _ends(G, stated, model.ABOUT)
        related = [("项目", projects), ("在产与现状", stated), ("产品", sorted(set(made))),
                   ("产业链图", chains(made))]
    elif label == model.STATEMENT:
        products = neighbours(G, node, model.ABOUT)
        related = [("产品", products), ("企业", neighbours(G, node, model.BY)), ("地点", neighbours(G, node, model.AT)),
                   ("产业链图", chains(products))]
    elif label == model.PROJECT:
        products = neighbours(G, node, model.PRODUCES)
        related = [("企业", neighbours(G, node, model.BUILDS, "in")), ("产品", products),
                   ("产业链图", chains(products)), ("地点", project_places(G, [node]))]
    elif label == model.PRODUCT:
        projects = neighbours(G, node, model.PRODUCES, "in")
        stated = neighbours(G, node, model.ABOUT, "in")
        segment = segment_of_product(G, node)
        related = [("项目", projects), ("现状陈述(产量、在产、基地、短板)", stated),
                   ("企业", sorted(set(_ends(G, projects, model.BUILDS, "in") + _ends(G, stated, model.BY)))),
                   ("产业链图", chains([node]))]
        if segment:
            related += [("上游环节", neighbours(G, segment, model.SUPPLIES, "in")),
                        ("下游环节", neighbours(G, segment, model.SUPPLIES))]
    else:
        projects = sorted(set(coverage.placed.get(str(attrs["name"]), [])) | set(neighbours(G, node, model.LOCATED_IN, "in")))
        related = [("项目", projects), ("产业链图", chains(_ends(G, projects, model.PRODUCES)))]
    return related


def _link_item(G: nx.MultiDiGraph, node: str, links: Links) -> dict[str, Any]:
    attrs = G.nodes[node]
    text = str(attrs["name"])
    note = ""
    if attrs["label"] == model.SEGMENT:
        text = f"{text} · {G.nodes[chain_of_segment(G, node)]['name']}"
    if attrs["label"] == model.PROJECT:
        note = " · ".join(t for t in (capacity_text(attrs), status_text(attrs)) if t)
    if attrs["label"] == model.STATEMENT:
        note = " · ".join(str(t) for t in (attrs.get("kind_zh"), attrs.get("date")) if t)
    return {"text": text, "href": links(node), "note": note}


def _ends(G: nx.MultiDiGraph, nodes: list[str], rel_type: str, direction: str = "out") -> list[str]:
    return sorted({end for n in nodes for end in neighbours(G, n, rel_type, direction)})


def _chains(G: nx.MultiDiGraph, products: list[str]) -> list[str]:
    segments = [s for s in (segment_of_product(G, p) for p in products) if s]
    return sorted({chain_of_segment(G, s) for s in segments})
