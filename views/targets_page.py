"""The 招商 page of a chain on the site: ``zhaoshang/<slug>.html``.

The ranked candidate firms of each 补链 / 延链 / 强链 link of the chain, each with why and
source: the very rows of the work pack's 招商目标企业清单 sheet
(:func:`chainkg.views.tables.targets_table`, from the ``targets`` query), so the page and the
workbook always agree, a chain without targets saying so in its one row. Jinja2 escapes every
text; the page needs no script.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from markupsafe import Markup

from chainkg.views.tables import targets_table
from chainkg.graph.candidates import KIND_MEANING, KIND_ZH, KINDS
from chainkg.graph.gaps import TARGET_ZH, TARGETS
from chainkg.views.page import asset, template

FOLDER = "zhaoshang"
GROUP_KEYS: tuple[str, ...] = ("target", "segment", "coverage", "reason")
"""The columns shown once per target link (its heading) instead of on every row."""


def targets_path(G: nx.MultiDiGraph, chain: str) -> str:
    """Where a chain's 招商 page is, relative to the site root."""
    return f"{FOLDER}/{G.nodes[chain]['slug']}.html"


def targets_html(G: nx.MultiDiGraph, chain: str, chain_href: str, index_href: str) -> str:
    """The 招商 page of ``chain`` (a Chain node id); hrefs relative to the page's folder."""
    table = targets_table(G, chain)
    counts = {t: len({r["segment"] for r in table.rows if r["target"] == TARGET_ZH[t]}) for t in TARGETS}
    counts["firms"] = len({r["company"] for r in table.rows if r["kind"]})
    name = str(G.nodes[chain]["name"])
    groups: list[dict[str, Any]] = []
    for row in table.rows:
        if not groups or (groups[-1]["target"], groups[-1]["segment"]) != (row["target"], row["segment"]):
            groups.append({k: row[k] for k in GROUP_KEYS} | {"rows": []})
        groups[-1]["rows"].append(row)
    return template("site_targets.html").render(
        title=f"{name} 招商目标企业清单", chain=name, chain_href=chain_href, index=index_href, counts=counts,
        kinds=[{"zh": KIND_ZH[k], "meaning": KIND_MEANING[k]} for k in KINDS], groups=groups,
        columns=[c for c in table.columns if c.key not in (*GROUP_KEYS, "chain")], css=Markup(asset("site.css")))
