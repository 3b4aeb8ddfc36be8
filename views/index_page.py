"""The site's index at any corpus size: a page of a fixed size, the project table and the search
list in files beside it that the page loads when they are needed.

The index lists every project and searches every company, project, product, place and chain:
held inline, the page grows with the corpus (24.9 MB at 1,000 synthetic documents, 73.9 MB at
3,000), which no intranet PC opens. So ``index.html`` holds what does not grow with the corpus
(the chains with their coverage and targets, the legend, the counts) and, as data, where the
rest is (per list its files' stem, size and count, :class:`chainkg.views.paged.PagedList`):

- ``index/projects-<chain slug>-<n>.js``: the projects of one chain (``other`` for those in
  none), :data:`PROJECT_PART_ROWS` rows a file, in id order;
- ``index/search-<n>.js``: the search entries, :data:`SEARCH_PART_ENTRIES` a file.

Each file is one call, ``chainkgDom.receive({"file": …, "items": […]})``
(:mod:`chainkg.views.paged`), added by the page as a ``<script>`` (a page opened from
``file://`` may not read a file with fetch/XHR, but loads a script beside it, in a window or
an iframe, with no server). The page shows the projects a page of :data:`PAGE_ROWS` at a
time and loads only the files that page needs; sorting or filtering loads every file of the
chosen chain (or of all) first, so both work across files.
The first search typed loads the search files. JSON is escaped as in the pages
(:func:`chainkg.views.inline.data_file_text`) and the page script puts text on the page
with ``textContent`` only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from markupsafe import Markup

from chainkg.graph import model
from chainkg.status import SCALE
from chainkg.graph.adjacency import nodes_of
from chainkg.graph.gaps import STATE_MEANING, STATE_ZH, STATES, TARGET_MEANING, TARGET_ZH, TARGETS
from chainkg.views.facts import (STATUS_ZH, Coverage, Links, capacity_base_text, capacity_text, neighbours, node_style,
                                 project_places, status_text)
from chainkg.views.inline import json_for_script, script_text
from chainkg.views.lookup import entity_names
from chainkg.views.page import asset, template
from chainkg.views.paged import FileSink, MadeItems, paged_list
from chainkg.views.style import NODE_LOOKS
from chainkg.views.targets_page import targets_path

PROJECT_PART_ROWS = 500
"""Projects in one file of the project table (about 0.3 MB)."""
SEARCH_PART_ENTRIES = 5000
"""Entries in one file of the search list (about 0.6 MB)."""
PAGE_ROWS = 100
"""Project rows the page shows at a time (the pager turns them)."""
FOLDER = "index"
"""The folder of the index's files, beside ``index.html``."""
OTHER = "other"
"""The file-name key of the projects in no chain (chain slugs are words with hyphens)."""

STEPS: tuple[tuple[str, str], ...] = (*((f"{rank:02d}", STATUS_ZH[key]) for rank, key in enumerate(SCALE, 1)),
                                      ("00", "未说明"))
"""The status filter's choices: a row's ``status_key`` (its rank on the scale) and the step's name."""

@dataclass(frozen=True)
class IndexPage:
    """The index as written: ``context`` for the page template ``site_index.html`` (the chains
    table, legend, counts, and ``data``: the project groups and search files the page script
    loads), ``files`` maps each file's site path to its payload ``{"file", "items"}``."""

    context: dict[str, Any]
    files: FileSink


def index_page(G: nx.MultiDiGraph, coverage: Coverage, links: Links, title: str, graph_href: str,
               searchable: Sequence[str], chains_of: Callable[[list[str]], list[str]],
               files: FileSink | None = None) -> IndexPage:
    """The index of ``G``: ``links`` from the site root, ``searchable`` the nodes the search
    finds, ``chains_of`` the chains of some products (``EntityPages.chains`` of
    :mod:`chainkg.views.site`); ``G`` is only read. The files go to ``files`` (a new dict by
    default) a file at a time, each file's rows made only then: given a sink that writes them
    as they come, the rows of every project and search entry are never held at once."""
    chains = [{**row, "href": links(chain), "targets_href": targets_path(G, chain),
               "ratio_text": f"{row['coverage_ratio']:.0%}", "official": G.nodes[chain].get("official", True)}
              for chain, row in coverage.chains.items()]
    files = {} if files is None else files
    groups, statuses = [], set()
    for key, name, nodes in _project_groups(G, coverage, chains_of):
        rows = MadeItems(nodes, lambda node: _project_row(G, node, coverage, links, chains_of))
        listed = paged_list(rows, "", f"{FOLDER}/projects-{key}", files, inline=0, size=PROJECT_PART_ROWS)
        groups.append({"key": key, "name": name, "count": len(rows), "files": listed.files})
        statuses |= {_status_key(G.nodes[node]) for node in nodes}
    entries = MadeItems(searchable, lambda node: _search_entry(G.nodes[node], links(node)))
    search = paged_list(entries, "", f"{FOLDER}/search", files, inline=0, size=SEARCH_PART_ENTRIES).files
    counts = Counter(label for _, label in G.nodes(data="label"))
    data = {"groups": groups, "search": search, "pageRows": PAGE_ROWS,
            "statuses": [{"key": key, "text": text} for key, text in STEPS if key in statuses]}
    context = {
        "title": title, "chains": chains, "graph_href": graph_href,
        "states": [{"key": k, "zh": STATE_ZH[k], "meaning": STATE_MEANING[k]} for k in STATES],
        "targets": [{"key": k, "zh": TARGET_ZH[k], "meaning": TARGET_MEANING[k]} for k in TARGETS],
        "counts": {NODE_LOOKS[label][3]: counts[label] for label in NODE_LOOKS if counts[label]},
        "groups": groups, "projects": sum(g["count"] for g in groups), "statuses": data["statuses"],
        "data": data,
    }
    return IndexPage(context, files)


def index_html(index: IndexPage) -> Iterator[str]:
    """The page ``index.html`` in pieces, for :func:`chainkg.views.page.write_page`."""
    return template("site_index.html").generate(
        **{k: v for k, v in index.context.items() if k != "data"},
        data=Markup(json_for_script(index.context["data"])),
        css=Markup(asset("site.css") + asset("site_index.css")),
        dom_js=Markup(script_text(asset("dom.js"))),
        index_js=Markup(script_text(asset("site_index.js"))),
    )


def _project_groups(G: nx.MultiDiGraph, coverage: Coverage, chains_of: Callable[[list[str]], list[str]]
                    ) -> list[tuple[str, str, list[str]]]:
    """The projects by chain, (file key, chain name, project ids in id order), in the order of
    ``coverage.chains``, then the projects in no chain (:func:`_project_chain`)."""
    by_chain: dict[str | None, list[str]] = {}
    for node in sorted(nodes_of(G, model.PROJECT)):
        by_chain.setdefault(_project_chain(G, node, coverage, chains_of), []).append(node)
    groups = [(str(G.nodes[chain]["slug"]), str(G.nodes[chain]["name"]), by_chain[chain])
              for chain in coverage.chains if chain in by_chain]
    groups += [(OTHER, "未归入产业链", by_chain[None])] if None in by_chain else []
    return groups


def _project_chain(G: nx.MultiDiGraph, node: str, coverage: Coverage,
                   chains_of: Callable[[list[str]], list[str]]) -> str | None:
    """The chain whose group a project is in: ``chain`` as the project states it, else its
    products' first chain (None: no chain)."""
    stated = model.node_id(model.CHAIN, G.nodes[node]["chain"]) if G.nodes[node].get("chain") else None
    if stated in coverage.chains:
        return stated
    in_chains = chains_of(neighbours(G, node, model.PRODUCES))
    return in_chains[0] if in_chains else None


def _status_key(attrs: dict[str, Any]) -> str:
    """A project row's ``status_key``: its rank on the status scale, two digits."""
    return f"{attrs.get('status_rank', 0):02d}"


def _search_entry(attrs: dict[str, Any], href: str) -> dict[str, Any]:
    """One entry of the search list: the name, its other names, the kind and the page."""
    return {"name": str(attrs["name"]), "also": [n for n in entity_names(attrs) if n != attrs["name"]],
            "kind": NODE_LOOKS[attrs["label"]][3], "href": href}


def _project_row(G: nx.MultiDiGraph, node: str, coverage: Coverage, links: Links,
                 chains_of: Callable[[list[str]], list[str]]) -> dict[str, Any]:
    """A project's row of the table."""
    attrs = G.nodes[node]
    products = neighbours(G, node, model.PRODUCES)
    in_chains = chains_of(products)
    return {
        "name": str(attrs["name"]), "href": links(node),
        "companies": [[G.nodes[c]["name"], links(c)] for c in neighbours(G, node, model.BUILDS, "in")],
        "products": [[G.nodes[p]["name"], links(p)] for p in products],
        "chain": attrs.get("chain") or "", "segment": attrs.get("segment") or "",
        "chain_href": links(in_chains[0]) if in_chains else None,
        "capacity": capacity_text(attrs), "capacity_base": capacity_base_text(attrs),
        "capacity_key": f"{attrs.get('capacity_base_unit', '~')}|{float(attrs.get('capacity_base_value', 0)):020.3f}",
        "status": status_text(attrs), "status_key": _status_key(attrs),
        "style": node_style(G, node, coverage),
        "places": [[G.nodes[p]["name"], links(p)] for p in project_places(G, [node])],
    }
