"""The properties of one MENTIONED_IN held compactly: a mapping over one tuple of values.

A corpus of ten thousand documents gives over a million MENTIONED_IN relationships, and a
``dict`` of their 15-odd properties needs CPython's 32-slot table: 464 bytes each, more than
the values it holds (which :mod:`chainkg.graph.sharing` makes one object per equal value).
:class:`MentionProps` holds the same properties as one tuple in a fixed field order (absent
ones as None, which no property of the graph is: the build leaves them out), 216 bytes with
the tuple. It is a mutable mapping, so every reader (``d["sentence"]``, ``d.get("rule")``,
``d.items()``, ``{**d}``, equality with a dict) sees what the dict showed; only the order of
its keys is the fixed one, which no output depends on (graph.json sorts keys, Neo4j
properties have no order). It pickles as its tuple (the tuple is the only object written for
it, so the pickler's memo keeps nothing alive that the graph did not hold already).

>>> p = MentionProps({"type": "MENTIONED_IN", "sentence": "甲乙锂业扩建项目开工。", "start": 0, "end": 4})
>>> p["sentence"], p.get("rule"), "rule" in p, len(p)
('甲乙锂业扩建项目开工。', None, False, 4)
>>> p == {"type": "MENTIONED_IN", "sentence": "甲乙锂业扩建项目开工。", "start": 0, "end": 4}
True
>>> p["rule"] = "project_sentence"
>>> list(p)
['type', 'sentence', 'start', 'end', 'rule']
>>> import pickle
>>> pickle.loads(pickle.dumps(p)) == p
True
>>> MentionProps({"colour": "red"})
Traceback (most recent call last):
...
KeyError: "a MENTIONED_IN holds no property 'colour' (its properties: type, sentence, ...)"
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, MutableMapping
from typing import Any

FIELDS: tuple[str, ...] = ("type", "sentence", "sentence_index", "start", "end", "orig_start", "orig_end",
                           "headings", "status_text", "status", "mode", "date", "sheet", "row", "rule",
                           "rule_zh", "docs")
"""Every property a MENTIONED_IN can carry (:func:`chainkg.graph.build._add_mentions`), in
the order the build writes them."""

_INDEX: dict[str, int] = {name: i for i, name in enumerate(FIELDS)}
_EMPTY: tuple[None, ...] = (None,) * len(FIELDS)


class MentionProps(MutableMapping[str, Any]):
    """The properties of one MENTIONED_IN (see the module docstring); ``props``: a mapping of
    names of :data:`FIELDS` to values (None values are left out, as the build leaves them)."""

    __slots__ = ("_values",)

    def __init__(self, props: Mapping[str, Any] = ()) -> None:
        values = list(_EMPTY)
        index = _INDEX
        for name, value in (props if type(props) is dict else dict(props)).items():
            i = index.get(name)
            values[_slot(name) if i is None else i] = value  # _slot: the error for a name it lacks
        self._values = tuple(values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_values, self._values)  # the tuple itself as the arguments: no new object to memoize

    def __getitem__(self, name: str) -> Any:
        i = _INDEX.get(name)
        value = None if i is None else self._values[i]
        if value is None:
            raise KeyError(name)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        i = _INDEX.get(name)
        value = None if i is None else self._values[i]
        return default if value is None else value

    def __contains__(self, name: object) -> bool:
        i = _INDEX.get(name) if isinstance(name, str) else None
        return i is not None and self._values[i] is not None

    def __setitem__(self, name: str, value: Any) -> None:
        i = _slot(name)
        if self._values[i] is value:  # the build sets a product's shared documents again and again
            return
        self._values = self._values[:i] + (value,) + self._values[i + 1:]

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self[name] = None

    def update(self, other: Any = (), /, **more: Any) -> None:  # one new tuple, not one per value
        values = list(self._values)
        for name, value in {**dict(other), **more}.items():
            values[_slot(name)] = value
        self._values = tuple(values)

    def __iter__(self) -> Iterator[str]:
        return (name for name, value in zip(FIELDS, self._values) if value is not None)

    def items(self) -> ItemsView[str, Any]:
        return _Items(self)

    def __len__(self) -> int:
        return len(self._values) - self._values.count(None)

    def copy(self) -> dict[str, Any]:
        """A plain dict of the properties (as ``dict.copy`` gives a dict)."""
        return {name: value for name, value in zip(FIELDS, self._values) if value is not None}

    def __repr__(self) -> str:
        return f"MentionProps({self.copy()!r})"


class _Items(ItemsView[str, Any]):
    """The (name, value) pairs, read off the tuple in one pass."""

    _mapping: MentionProps

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return ((name, value) for name, value in zip(FIELDS, self._mapping._values) if value is not None)


def _from_values(*values: Any) -> MentionProps:
    """A :class:`MentionProps` over ``values`` as they are (unpickling: no check)."""
    return from_values(values)


def from_values(values: tuple[Any, ...]) -> MentionProps:
    """A :class:`MentionProps` over ``values``, the tuple its ``_values`` were (a snapshot's
    parts, :mod:`chainkg.graph.snapshot`: no check, the tuple itself is held)."""
    props = MentionProps.__new__(MentionProps)
    props._values = values
    return props


def _slot(name: str) -> int:
    try:
        return _INDEX[name]
    except KeyError:
        raise KeyError(f"a MENTIONED_IN holds no property {name!r} (its properties: type, sentence, ...)") from None


def holds(props: Mapping[str, Any]) -> bool:
    """True when every property of ``props`` is one a :class:`MentionProps` holds and none is None.

    >>> holds({"type": "MENTIONED_IN", "start": 0}), holds({"type": "MENTIONED_IN", "weight": 1})
    (True, False)
    """
    return all(name in _INDEX and value is not None for name, value in props.items())
