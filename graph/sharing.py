"""One object for equal property values while a graph is built, so the evidence takes less memory.

A corpus of ten thousand documents gives over a million MENTIONED_IN relationships, each a dict
of its sentence, headings, offsets, status, rule and documents. Many of those values are equal
(the sentence and headings of every node named in one sentence, the meaning of a rule, the
``[doc_id]`` of every relationship into one document) but each was its own object: a list per
relationship for the headings and the documents, a string per relationship for the rule's
meaning. :class:`SharedValues` hands out one object per value instead. The graph is the same
value for value (graph.json, the Neo4j rows, every page); only fewer objects hold it, and the
snapshot (a pickle, which keeps sharing) is smaller too.

Shared lists are safe because no reader changes a property's list in place: properties are
replaced, never mutated (the build already gave a fact's node and its relationships one
``docs`` list). Values are keyed by type as well as value, so ``1``, ``1.0`` and ``True`` stay
what they were.

>>> shared = SharedValues()
>>> a, b = shared(["一、概况", "二、项目"]), shared(("一、概况", "二、项目"))
>>> a is b, a
(True, ['一、概况', '二、项目'])
>>> shared(1) is shared(1), shared(True), shared(1.0)
(True, True, 1.0)
>>> shared([1]) is shared([True])
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from chainkg.graph.evidence import MentionProps, holds
from chainkg.graph.model import MENTIONED_IN


class SharedValues:
    """A table of canonical values: calling it with a value returns the first equal one it was
    given (a list or tuple comes back as a list, shared; a dict or other unhashable value
    comes back as it is). One table per graph build; it is dropped with the build."""

    def __init__(self) -> None:
        self._table: dict[Any, Any] = {}
        # the most common values, each kind in a table of its own keyed by the value alone (no key
        # tuple made per call): texts, ints, and lists of texts (headings, documents) by their tuple
        self._texts: dict[str, str] = {}
        self._ints: dict[int, int] = {}
        self._text_lists: dict[tuple[str, ...], list[str]] = {}

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self._texts.setdefault(value, value)
        if kind is int:
            return self._ints.setdefault(value, value)
        if (kind is tuple or kind is list) and all(type(item) is str for item in value):
            listed = value if kind is tuple else tuple(value)
            shared = self._text_lists.get(listed)
            if shared is None:
                texts = self._texts
                shared = self._text_lists[listed] = [texts.setdefault(item, item) for item in listed]
            return shared
        if isinstance(value, (list, tuple)):
            items = [self(item) for item in value]
            key: Any = (list, tuple((type(item), item) for item in items))
            try:
                return self._table.setdefault(key, items)
            except TypeError:  # an unhashable item: the list as it is
                return items
        try:
            return self._table.setdefault((type(value), value), value)
        except TypeError:
            return value


def shared_props(props: Mapping[str, Any], shared: SharedValues) -> dict[str, Any]:
    """``props`` with every value the table's equal one."""
    return {name: shared(value) for name, value in props.items()}


def shared_present_props(props: Mapping[str, Any], shared: SharedValues) -> dict[str, Any]:
    """``props`` without its None values, every other value the table's equal one (a tuple a
    shared list): ``shared_props`` of ``graph.build._props`` in one pass, the texts and ints
    (most values: a MENTIONED_IN's sentence, offsets, rule …) looked up here, not by a call each.

    >>> shared = SharedValues()
    >>> shared_present_props({"a": None, "b": ("x",), "c": 1}, shared)
    {'b': ['x'], 'c': 1}
    """
    texts, ints = shared._texts, shared._ints
    out = {}
    for name, value in props.items():
        kind = type(value)
        if kind is str:
            out[name] = texts.setdefault(value, value)
        elif kind is int:
            out[name] = ints.setdefault(value, value)
        elif value is not None:
            out[name] = shared(value)
    return out


def share_evidence(G: nx.MultiDiGraph) -> None:
    """Make the equal values of ``G``'s MENTIONED_IN one object, each relationship's properties
    a :class:`~chainkg.graph.evidence.MentionProps`, in place, as the build makes them: for a
    graph read from graph.json, where every value is an object of its own (at 1,000 synthetic
    documents 2,030 B per MENTIONED_IN read, 885 B shared; 1.8 s of CPU on a 3.1 s parse). The
    values stay equal; the snapshot written from the graph keeps the sharing.

    >>> G = nx.MultiDiGraph()
    >>> for n in ("a", "b"):
    ...     _ = G.add_edge(n, "d", key=n, type=MENTIONED_IN, headings=["一、概况"])
    >>> share_evidence(G)
    >>> G.edges["a", "d", "a"]["headings"] is G.edges["b", "d", "b"]["headings"]
    True
    """
    shared = SharedValues()
    for nbrs in G._succ.values():
        for keyed in nbrs.values():  # the same dict as in G._pred
            for key, props in keyed.items():
                if props.get("type") == MENTIONED_IN:
                    props = shared_props(props, shared)
                    keyed[key] = MentionProps(props) if holds(props) else props
