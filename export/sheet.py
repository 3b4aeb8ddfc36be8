"""The printable A4 chain sheet (产业链招商工作单): one HTML page per chain, with print CSS.

What a 招商 officer carries into a meeting: the chain's key figures, its chain map
(:mod:`chainkg.export.chain_svg`), every link's state and target with the reason and its
evidence, the ranked candidate firms with why and source, and the chain's projects with their
sources. The lists are the workbook's (:mod:`chainkg.views.tables`), so paper and Excel agree.
A4 portrait, fixed-layout tables whose long texts wrap (nothing is cut at the page edge), the
header row repeated on each page. The template is Jinja2 with autoescaping: document text is
always escaped; only the SVG, escaped where it is made, goes in as markup.

:func:`render_sheets` also makes the prefecture-wide booklet: a cover listing every chain
(each a link to its section) followed by every chain's sheet, which the PDF step prints once
and splits per chain (:mod:`chainkg.export.pdf`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from chainkg.export.chain_svg import chain_svg
from chainkg.views.tables import Table
from chainkg.graph.gaps import STATE_ZH, STATES


@dataclass(frozen=True)
class ChainSheet:
    """What one chain's sheet shows: its id, name, anchor, SVG and the workbook's tables by name."""

    chain: str
    name: str
    anchor: str
    svg: str
    tables: dict[str, Table]


@cache
def _template() -> Template:
    env = Environment(loader=PackageLoader("chainkg.export", "assets"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("chain_sheet.html")


def chain_sheet(G: nx.MultiDiGraph, chain: str, tables: list[Table]) -> ChainSheet:
    """The sheet of one chain (``chain``: the Chain node id) from its workbook tables."""
    attrs = G.nodes[chain]
    return ChainSheet(chain, str(attrs["name"]), f"chain-{attrs['slug']}", chain_svg(G, chain),
                      {t.name: t for t in tables})


def _figures(G: nx.MultiDiGraph, sheet: ChainSheet) -> list[dict[str, Any]]:
    c = G.nodes[sheet.chain]
    n = sum(c.get(f"n_{s}", 0) for s in STATES)
    figures = [{"label": "环节", "value": n}]
    figures += [{"label": STATE_ZH[s], "value": c.get(f"n_{s}", 0)} for s in STATES]
    figures.append({"label": "覆盖率", "value": f"{c.get('coverage_ratio', 0.0):.0%}"})
    figures.append({"label": "项目", "value": sum(1 for r in sheet.tables["重点项目清单"].rows if r.get("segment"))})
    candidates = {r["company"] for r in sheet.tables["招商目标企业清单"].rows if r.get("kind")}
    figures.append({"label": "候选企业", "value": len(candidates)})
    return figures


def _sheet_data(G: nx.MultiDiGraph, sheet: ChainSheet) -> dict[str, Any]:
    return {"name": sheet.name, "anchor": sheet.anchor, "svg": Markup(sheet.svg), "figures": _figures(G, sheet),
            "coverage": sheet.tables["环节覆盖"].rows, "targets": sheet.tables["招商目标企业清单"].rows,
            "projects": sheet.tables["重点项目清单"].rows}


def render_sheets(G: nx.MultiDiGraph, sheets: list[ChainSheet], cover: dict[str, Any] | None = None,
                  generated: str | None = None) -> str:
    """The HTML of one or more chain sheets (a booklet when ``cover`` is given: title, chains,
    documents). ``generated`` is the date printed on each sheet (default: today)."""
    title = cover["title"] if cover else f"{sheets[0].name} 产业链招商工作单"
    return _template().render(title=title, cover=cover, generated=generated or date.today().isoformat(),
                              sheets=[_sheet_data(G, s) for s in sheets])
