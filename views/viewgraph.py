"""The view graph: what a browser view shows, as a plain ``networkx.DiGraph``.

Views do not draw the knowledge graph directly. A builder (a chain map, an entity page, the
whole-graph view) first turns the knowledge graph into a small *view graph* with everything
the page needs, then :func:`chainkg.views.page.render_page` draws it. Keeping that contract
here means the page code never needs the store, and tests can hand-make view graphs.

Node attributes (the node key is the vis id, a string such as ``company:南玻``):

``label`` (required)
    One of the graph model's node labels (:data:`chainkg.graph.model.LABELS`); picks colour,
    shape and legend entry.
``name`` (required)
    Text drawn on the node and shown in the info panel. Always shown as text, never HTML.
``facts``
    List of ``(key, value)`` pairs shown in the info panel (values are shown as text).
``evidence``
    List of ``{"document": <document title>, "sentence": <sentence>}`` dicts.
``evidence_total``
    Optional integer: how many sentences the node's evidence has in all, when ``evidence``
    holds only the first of them (the node's page, ``href``, lists them all).
``href``
    Optional link to the entity's page. Only relative links (``company/x.html``, ``#id``,
    ``../index.html``) are allowed: no scheme, no ``//host``, no backslash or whitespace.
``style``
    Optional coverage style: one of the coverage states of :mod:`chainkg.graph.gaps`
    (``"strong"``, ``"present"``, ``"building"``, ``"planned"``, ``"lacking"``, ``"unknown"``: :data:`STYLES`).
``level``
    Optional integer column for the hierarchical layout (0 = most upstream). Either every node
    has one or none has; without levels the hierarchical layout follows the edge directions.
``x``, ``y``
    Optional position (numbers, canvas pixels, y downwards) for the ``fixed`` layout, where the
    builder has placed every node itself (a chain map's grid). Every node has both or none has.
``x_open``, ``y_open``
    Optional second position, for a fixed layout with expanders: where the node is once the
    "+N" expanders are open. Every node has both or none has.
``hidden``
    Optional bool: drawn only once the expanders are open.
``expands``
    Optional bool: the node is a "+N" expander (clicking it opens or closes the hidden nodes).
``text``
    Optional text drawn on the canvas instead of ``name`` (the name wrapped into lines by the
    builder, which planned the layout with those sizes); the panel always shows ``name``.
``ref``
    Optional id of the knowledge-graph node this node draws, when a view draws one node in two
    places (the second gets an id of its own).

Edge attributes: ``type`` (required, one of :data:`chainkg.graph.model.REL_TYPES`),
``cross_chain`` (optional bool: a link into another chain, drawn dashed) and ``grouped``
(optional bool: not drawn as a line, because the layout shows it by grouping, e.g. a project
inside its segment's card).

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("chain:锂电", label="Chain", name="锂电")
>>> g.add_node("segment:锂电/碳酸锂", label="Segment", name="碳酸锂", style="lacking")
>>> g.add_edge("segment:锂电/碳酸锂", "chain:锂电", type="PART_OF")
>>> check_view_graph(g)
>>> is_relative_href("company/南玻.html"), is_relative_href("javascript:alert(1)")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph.gaps import STATES
from chainkg.graph.model import LABELS, REL_TYPES

STYLES: tuple[str, ...] = STATES
"""A node's optional coverage style: the coverage states, so a view draws what gaps.py decided."""

_SCHEME = re.compile(r"^[^/?#]*:")
_UNSAFE_HREF_CHARS = re.compile(r"[\\\x00-\x20\x7f]")


def is_relative_href(href: str) -> bool:
    """True when ``href`` is a plain relative link that stays on the site (see module doc).

    >>> [is_relative_href(h) for h in ["#top", "../a.html", "//evil.example/", "\\\\\\\\evil", "a b.html"]]
    [True, True, False, False, False]
    """
    return bool(href) and not href.startswith("//") and not _SCHEME.match(href) and not _UNSAFE_HREF_CHARS.search(href)


def check_view_graph(graph: nx.DiGraph) -> None:
    """Raise :class:`ChainkgError` naming the node or edge and attribute that breaks the contract."""
    if not isinstance(graph, nx.DiGraph) or graph.is_multigraph():
        raise ChainkgError(f"view graph must be a networkx.DiGraph, got {type(graph).__name__}")
    for node, attrs in graph.nodes(data=True):
        _check_node(node, attrs)
    for source, target, attrs in graph.edges(data=True):
        if attrs.get("type") not in REL_TYPES:
            raise ChainkgError(
                f"view graph edge {source!r} -> {target!r}: type {attrs.get('type')!r} is not one of {sorted(REL_TYPES)}"
            )
        for flag in ("cross_chain", "grouped"):
            if not isinstance(attrs.get(flag, False), bool):
                raise ChainkgError(f"view graph edge {source!r} -> {target!r}: {flag} must be true or false")
    for attr in ("level", "x", "y", "x_open", "y_open"):
        with_attr = [n for n, value in graph.nodes(data=attr) if value is not None]
        if with_attr and len(with_attr) != graph.number_of_nodes():
            missing = sorted(n for n, value in graph.nodes(data=attr) if value is None)
            raise ChainkgError(
                f"view graph: either every node has a {attr} or none has; {len(missing)} lack one, e.g. {missing[0]!r}"
            )


def _check_node(node: Any, attrs: Mapping[str, Any]) -> None:
    where = f"view graph node {node!r}"
    if not isinstance(node, str) or not node:
        raise ChainkgError(f"{where}: node keys must be non-empty strings (the graph model's ids)")
    if attrs.get("label") not in LABELS:
        raise ChainkgError(f"{where}: label {attrs.get('label')!r} is not one of {sorted(LABELS)}")
    if not isinstance(attrs.get("name"), str) or not attrs["name"].strip():
        raise ChainkgError(f"{where}: name must be a non-empty string")
    for pair in attrs.get("facts", []):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and isinstance(pair[0], str)):
            raise ChainkgError(f"{where}: facts must be (key, value) pairs with a string key, got {pair!r}")
    for item in attrs.get("evidence", []):
        if not (
            isinstance(item, Mapping) and isinstance(item.get("document"), str) and isinstance(item.get("sentence"), str)
        ):
            raise ChainkgError(f"{where}: evidence items need string 'document' and 'sentence', got {item!r}")
    total = attrs.get("evidence_total")
    if total is not None and (not isinstance(total, int) or isinstance(total, bool)
                              or total < len(attrs.get("evidence", []))):
        raise ChainkgError(f"{where}: evidence_total must be an integer no smaller than the evidence listed, got {total!r}")
    href = attrs.get("href")
    if href is not None and not (isinstance(href, str) and is_relative_href(href)):
        raise ChainkgError(f"{where}: href {href!r} must be a relative link (no scheme, no //host, no spaces)")
    style = attrs.get("style")
    if style is not None and style not in STYLES:
        raise ChainkgError(f"{where}: style {style!r} is not one of {list(STYLES)}")
    level = attrs.get("level")
    if level is not None and (not isinstance(level, int) or isinstance(level, bool) or level < 0):
        raise ChainkgError(f"{where}: level must be a non-negative integer, got {level!r}")
    for flag in ("hidden", "expands"):
        if not isinstance(attrs.get(flag, False), bool):
            raise ChainkgError(f"{where}: {flag} must be true or false, got {attrs.get(flag)!r}")
    for key in ("text", "ref"):
        if key in attrs and (not isinstance(attrs[key], str) or not attrs[key].strip()):
            raise ChainkgError(f"{where}: {key} must be a non-empty string, got {attrs[key]!r}")
    for axis in ("x", "y", "x_open", "y_open"):
        value = attrs.get(axis)
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)
                                  or value != value or value in (float("inf"), float("-inf"))):
            raise ChainkgError(f"{where}: {axis} must be a finite number, got {value!r}")
