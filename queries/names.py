"""Checking the names a user passes to a query against the graph, before it runs.

A chain, company, product, place or project that is not in the graph would make the query
answer "(0 rows)", which reads like "nothing there"; instead it is an error naming the
parameter, with the closest names of the graph ("did you mean …"), as ``chainkg view`` does.
A status may be given as its key (``under_construction``) or its Chinese step (``在建``); the
Chinese one is turned into the key the query compares.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:盐湖化工", label="Chain", name="盐湖化工")
>>> check_names(G, "chain_overview", {"chain": "盐湖化工", "status": "在建"})
{'chain': '盐湖化工', 'status': 'under_construction'}
>>> try:
...     check_names(G, "chain_overview", {"chain": "盐湖"})
... except ChainkgError as exc:
...     print(exc)
query chain_overview: --param chain='盐湖' is no chain of the graph; did you mean 盐湖化工?
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.status import SCALE

NAMED_PARAMS: dict[str, tuple[str, str]] = {
    "chain": (model.CHAIN, "chain"), "company": (model.COMPANY, "company"), "product": (model.PRODUCT, "product"),
    "place": (model.PLACE, "place"), "project": (model.PROJECT, "project"),
}
"""Parameter name -> (node label it names, the word used in messages)."""

STATUS_ZH: dict[str, str] = {"洽谈": "negotiating", "签约": "signed", "前期": "preparing", "在建": "under_construction",
                             "试产": "trial", "投产": "operating"}
"""Chinese steps of the status scale -> their keys."""


def _names(attrs: Mapping) -> list[str]:
    names = [attrs.get("name")] + list(attrs.get("aliases") or []) + list(attrs.get("synonyms") or [])
    return [str(n) for n in names if n]


def suggestions(wanted: str, names: list[str], n: int = 5) -> list[str]:
    """The names closest to ``wanted``: those containing it (or contained in it) first, then similar ones."""
    near = [name for name in names if wanted and (wanted in name or name in wanted)]
    near += difflib.get_close_matches(wanted, names, n=n, cutoff=0.4)
    return list(dict.fromkeys(near))[:n]


def _did_you_mean(close: list[str]) -> str:
    return f"did you mean {'、'.join(close)}?" if close else "no similar name in the graph"


def check_names(G: nx.MultiDiGraph, query: str, params: Mapping[str, str]) -> dict[str, str]:
    """``params`` with every named value checked against ``G`` (a ChainkgError naming the
    parameter and the closest names when one is unknown) and Chinese statuses made keys."""
    out = dict(params)
    for key, value in params.items():
        if value is None or value == "" or str(value).lower() == "null":
            continue
        if key == "status":
            if value in SCALE:
                continue
            if value in STATUS_ZH:
                out[key] = STATUS_ZH[value]
                continue
            close = suggestions(value, [*STATUS_ZH, *SCALE])
            raise ChainkgError(f"query {query}: --param status={value!r} is no status; valid: "
                               f"{'、'.join(STATUS_ZH)} or {', '.join(SCALE)}"
                               + (f"; did you mean {'、'.join(close)}?" if close else ""))
        if key not in NAMED_PARAMS:
            continue
        label, word = NAMED_PARAMS[key]
        known: list[str] = []
        for node, attrs in G.nodes(data=True):
            if attrs.get("label") != label:
                continue
            names = _names(attrs)
            if value == node or value in names:
                break
            known += names
        else:
            raise ChainkgError(f"query {query}: --param {key}={value!r} is no {word} of the graph; "
                               + _did_you_mean(suggestions(value, list(dict.fromkeys(known)))))
    return out
