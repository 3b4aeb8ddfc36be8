"""A view graph as one self-contained HTML page: canvas, legend, and a text-only info panel.

The page references nothing outside itself (vis-network, CSS and our script are inlined; see
:mod:`chainkg.views.inline`), fills whatever holds it (window or iframe of any size), and
shows document text only as text. A chain map is::

    view = chain_view_graph(store, "盐湖化工")                 # a builder, from the knowledge graph
    html = render_page(view, "盐湖化工产业链", layout="hierarchical")
    write_page(html, out / "site" / "chain" / "盐湖化工.html")

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("company:x", label="Company", name="<img src=x onerror=alert(1)>",
...            evidence=[{"document": "示例文件", "sentence": "示例句子。"}], href="company/x.html")
>>> html = render_page(g, "示例 <Demo>")
>>> "<img src=x" in html, "&lt;Demo&gt;" in html, "\\\\u003cimg src=x" in html
(False, True, True)
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, Literal

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from chainkg.atomic import write_chunks
from chainkg.errors import ChainkgError
from chainkg.views.inline import json_pieces_for_script, script_text, vis_network_js
from chainkg.views.layered import MAX_SCALE, MIN_SCALE
from chainkg.views.network import LAYOUT_BUDGET_MS, Layout, build_network
from chainkg.views.style import EDGE_LOOKS, NODE_LOOKS, STYLE_LOOKS, legend_entries
from chainkg.views.viewgraph import STYLES, is_relative_href

Legend = Literal["present", "all", "none"]
LEGENDS: tuple[str, ...] = ("present", "all", "none")


_DATA, _INFO = "\x00chainkg-data\x00", "\x00chainkg-info\x00"
"""Where the page's two JSON blocks go in the rendered template (no template text has a NUL)."""


def render_page(graph: nx.DiGraph, title: str, layout: Layout = "force", legend: Legend = "present",
                nav: Sequence[tuple[str, str]] = (), embed: bool = False) -> str:
    """The HTML page drawing view graph ``graph``: :func:`render_page_pieces` as one text."""
    return "".join(render_page_pieces(graph, title, layout, legend, nav, embed))


def render_page_pieces(graph: nx.DiGraph, title: str, layout: Layout = "force", legend: Legend = "present",
                       nav: Sequence[tuple[str, str]] = (), embed: bool = False) -> Iterator[str]:
    """The HTML page drawing view graph ``graph`` (see :mod:`chainkg.views.viewgraph`), in pieces
    for :func:`write_page`: the page's data (the whole-graph view's is a hundred megabytes at a
    province's scale) is never one string.

    ``layout``: ``"force"`` (physics, for whole-graph and neighbourhood views) or
    ``"hierarchical"`` (directed, upstream on the left to downstream on the right, for chain
    maps) or ``"fixed"`` (every node at the ``x``, ``y`` its builder gave, physics off). ``legend``: ``"present"`` lists the node types, coverage styles and edge types that
    occur; ``"all"`` lists every one (so all chain maps share one legend, gap included even
    where there is none); ``"none"`` leaves it out (tiny embeds). ``nav``: ``(text, href)``
    links shown in the header (a site's way back to its index); relative hrefs only.
    ``embed``: a page for an iframe in another page: a one-line header, the legend folded
    until asked for whatever the frame's size, and any view that opens smaller than the
    legible zoom (labels under 12 px) zoomed to it on its first node.
    ``graph`` is not changed.
    """
    if legend not in LEGENDS:
        raise ChainkgError(f"legend {legend!r} is not one of {list(LEGENDS)}")
    if not isinstance(title, str) or not title.strip():
        raise ChainkgError("page title must be a non-empty string")
    for text, href in nav:
        if not is_relative_href(href):
            raise ChainkgError(f"page link {text!r}: href {href!r} must be a relative link")
    net = build_network(graph, layout)
    data = {"nodes": net.nodes, "edges": net.edges, "edgeLooks": net.edge_looks, "options": net.options,
            "layoutBudgetMs": LAYOUT_BUDGET_MS}
    if layout == "fixed":
        data["chart"] = _chart(graph)
    data["embed"] = bool(embed)
    data["minScale"] = MIN_SCALE
    explore = graph.graph.get("explore")
    if explore:
        data["explore"] = explore
    html = template("page.html").render(
        title=title,
        embed=bool(embed),
        nav=list(nav),
        legend=_legend(graph, legend),
        css=Markup(asset("page.css")),
        data=Markup(_DATA),
        info=Markup(_INFO),
        explore=bool(explore),
        statuses=(explore or {}).get("statuses", []),
        places=(explore or {}).get("places", []),
        chains=[(g["id"], g["name"]) for g in (explore or {}).get("groups", [])],
        explore_js=Markup(script_text(asset("explore.js"))) if explore else "",
        vis_js=Markup(vis_network_js()),
        dom_js=Markup(script_text(asset("dom.js"))),
        chart_js=Markup(script_text(asset("chart.js"))),
        page_js=Markup(script_text(asset("page.js"))),
    )
    head, rest = html.split(_DATA)
    middle, tail = rest.split(_INFO)
    return _pieces(head, data, middle, graph, tail)


def _pieces(head: str, data: dict[str, Any], middle: str, graph: nx.DiGraph, tail: str) -> Iterator[str]:
    """The page's text around and inside its two JSON blocks (the checks ran before the first piece)."""
    yield head
    yield from json_pieces_for_script(data)
    yield middle
    yield from json_pieces_for_script(_info(graph))
    yield tail


def render_part_pieces(part: nx.DiGraph, known: Collection[str]) -> Iterator[str]:
    """A file of the whole-graph page's explorer (:mod:`chainkg.views.whole_parts`), in pieces for
    :func:`write_page`: one call, ``chainkgExplore.receive({...})``, with the vis nodes, edges,
    node and edge looks, panel texts and project filters of view graph ``part`` (its
    ``graph["group"]`` and ``graph["filters"]``), leaving out the nodes in ``known`` (the page
    holds them) and the edges between two of them. The page adds it as a ``<script>``: it loads
    from ``file://`` and inside an iframe, where reading a file is refused. The JSON is escaped
    as in the page, so no text of a document can end or change the script."""
    net = build_network(part)
    payload = {"group": part.graph["group"],
               "nodes": [n for n in net.nodes if n["id"] not in known],
               "edges": [e for e in net.edges if e["from"] not in known or e["to"] not in known],
               "groups": net.options["groups"], "edgeLooks": net.edge_looks,
               "info": {n: item for n, item in _info(part).items() if n not in known},
               "filters": part.graph["filters"]}
    yield "chainkgExplore.receive("
    yield from json_pieces_for_script(payload)
    yield ");\n"


def write_page(html: str | Iterable[str], path: str | os.PathLike[str]) -> Path:
    """Write ``html`` (a text, or its pieces as a template's ``generate`` gives them: a page of
    a hundred megabytes is then never one string) to ``path`` as UTF-8, atomically (temp file,
    then ``os.replace``), with the mode the umask gives; return the path. (The site's pages, in
    a new folder swapped in whole, are written in place by :mod:`chainkg.file_writer`.)"""
    target = Path(path)
    pieces = [html] if isinstance(html, str) else html
    if target.is_dir():
        raise ChainkgError(f"output {target} is a folder; give a file name such as {target / 'view.html'}")
    return write_chunks(target, pieces)


def _info(graph: nx.DiGraph) -> dict[str, dict[str, Any]]:
    """What the info panel shows per node id: plain strings and lists, never markup. A node
    drawn a second time (``ref``) whose panel is the first drawing's is ``{"ref": id}``: a firm
    drawn in twenty cards is written once."""
    info: dict[str, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        style = attrs.get("style")
        item = {
            "name": attrs["name"],
            "kind": NODE_LOOKS[attrs["label"]][3],
            "style": style,
            "styleText": STYLE_LOOKS[style][5] if style else None,
            "facts": [[str(key), "" if value is None else str(value)] for key, value in attrs.get("facts", [])],
            "evidence": [{"document": e["document"], "sentence": e["sentence"], "rule": e.get("rule", "")}
                         for e in attrs.get("evidence", [])],
            "evidenceTotal": attrs.get("evidence_total"),
            "href": attrs.get("href"),
        }
        ref = attrs.get("ref")
        info[node] = {"ref": ref} if ref is not None and info.get(ref) == item else item
    return info


def _chart(graph: nx.DiGraph) -> dict[str, Any]:
    """What the page draws around a fixed layout and how it opens: cards and lane bands (node
    ids, so they follow the nodes), and the zoom range of the first view (:mod:`chainkg.views.layered`)."""
    return {"cards": graph.graph.get("cards", []), "lanes": graph.graph.get("lanes", []),
            "extent": graph.graph.get("extent") or _extent(graph), "laneMargin": graph.graph.get("lane_margin", 0),
            "minScale": MIN_SCALE, "maxScale": MAX_SCALE}


def _extent(graph: nx.DiGraph) -> dict[str, list[float]]:
    """The rectangle round every node's position (a fixed layout drawn without a planned extent)."""
    if graph.number_of_nodes() == 0:
        return {}
    xs = [float(x) for _, x in graph.nodes(data="x")]
    ys = [float(y) for _, y in graph.nodes(data="y")]
    rect = [min(xs) - 60, min(ys) - 20, max(xs) + 60, max(ys) + 40]
    return {"closed": rect, "open": rect}


def _legend(graph: nx.DiGraph, legend: Legend) -> list[dict[str, Any]]:
    if legend == "none":
        return []
    if legend == "all":
        return legend_entries(NODE_LOOKS, STYLES, EDGE_LOOKS, cross_chain=True)
    return legend_entries(
        {label for _, label in graph.nodes(data="label")},
        {style for _, style in graph.nodes(data="style") if style},
        {rel_type for _, _, rel_type in graph.edges(data="type")},
        cross_chain=any(cross for _, _, cross in graph.edges(data="cross_chain")),
    )


@cache
def _environment() -> Environment:
    # auto_reload off: the templates are package files, not edited while a site is written (a
    # check would stat the file on every page)
    return Environment(loader=PackageLoader("chainkg.views", "assets"), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True, auto_reload=False)


def template(name: str) -> Template:
    """The Jinja template ``views/assets/<name>`` (autoescaped: values are text unless marked safe)."""
    return _environment().get_template(name)


@cache
def asset(name: str) -> str:
    """The text of ``views/assets/<name>`` (CSS and scripts inlined into pages)."""
    return resources.files("chainkg.views").joinpath("assets", name).read_text(encoding="utf-8")
