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

from typing import Any


class SharedValues:
    """A table of canonical values: calling it with a value returns the first equal one it was
    given (a list or tuple comes back as a list, shared; a dict or other unhashable value
    comes back as it is). One table per graph build; it is dropped with the build."""

    def __init__(self) -> None:
        self._table: dict[Any, Any] = {}

    def __call__(self, value: Any) -> Any:
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
