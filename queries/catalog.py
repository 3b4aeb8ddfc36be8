"""The Cypher query library: one ``.cypher`` file per question, read with its header.

Each file in this package (``chainkg.queries``, read with :mod:`importlib.resources`) starts
with a comment header that says what the query answers and how to call it::

    // Question: What are the segments of a chain … ?
    // Parameters:
    //   chain        string          required     chain name or id …
    //   depth        integer(1..12)  3            how many steps …
    //   label        string          null         only nodes of this label …
    // Rules (chainkg fills them from chainkg.graph.gaps; …):
    //   active_rank  integer  ACTIVE_RANK  lowest status rank …
    // Columns: chain, segment_order, segment, …
    // Example (Neo4j Browser …):
    //   :param chain => '盐湖化工'
    //   :param active_rank => 4

Parameters are what a user passes (``--param k=v``): a type (string, integer, float, boolean,
an integer may carry a range), and a default (``required``, ``null`` or a value). Rules are the
thresholds of the gap definition (:mod:`chainkg.graph.gaps`): the runner fills them from there
(:func:`rule_values`), so no Python code spells them again; the Browser example sets them by
hand. Columns are the names, in order, of what the query returns, on either store.

Loading checks each file: a header with a question and columns, every ``$name`` of the query
declared, every declared name used, and an example that sets every parameter and rule.

>>> q = get_query("search")
>>> q.question
'Which nodes have a name (or alias, or synonym) containing some text, ignoring case?'
>>> bind(q, {"text": "昆仑", "limit": "5"})
{'text': '昆仑', 'label': None, 'limit': 5}
>>> bind(q, {"limit": "abc", "text": "x"})
Traceback (most recent call last):
...
chainkg.errors.ChainkgError: query search: parameter limit must be an integer, got 'abc'
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chainkg.errors import ChainkgError
from chainkg.graph import gaps

PACKAGE = "chainkg.queries"
TYPES: tuple[str, ...] = ("string", "integer", "float", "boolean")

RULE_SOURCES: dict[str, Any] = {
    "ACTIVE_RANK": gaps.ACTIVE_RANK,
    "REPORTED": gaps.REPORTED,
    "TRIAL_RANK": gaps.TRIAL_RANK,
}
"""Where the rule parameters' values come from: the names a header's Rules section may cite."""

_SECTION = re.compile(r"^(Question|Parameters|Rules|Columns|Example)(?:\s*\([^)]*\))?:\s*(.*)$")
_TYPE = re.compile(r"^(?P<type>[a-z]+)(?:\((?P<min>-?\d+)\.\.(?P<max>-?\d+)\))?$")
_EXAMPLE = re.compile(r"^:param\s+(?P<name>[A-Za-z_]\w*)\s*=>\s*(?P<value>.+)$")
_DOLLAR = re.compile(r"\$([A-Za-z_]\w*)")
_BOOLEANS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


@dataclass(frozen=True)
class Param:
    """A parameter a user passes: name, type, default (None = null), bounds for integers."""

    name: str
    type: str
    required: bool
    default: Any
    description: str
    minimum: int | None = None
    maximum: int | None = None

    def describe(self) -> str:
        """``name (type, default)`` for messages and listings."""
        bounds = f" {self.minimum}..{self.maximum}" if self.minimum is not None else ""
        default = "required" if self.required else f"default {_show(self.default)}"
        return f"{self.name} ({self.type}{bounds}, {default})"


@dataclass(frozen=True)
class Rule:
    """A threshold of the gap definition the runner fills from :data:`RULE_SOURCES`."""

    name: str
    type: str
    source: str
    description: str


@dataclass(frozen=True)
class Query:
    """One ``.cypher`` file: its name, header, whole text (what runs) and the query after the header."""

    name: str
    question: str
    params: tuple[Param, ...]
    rules: tuple[Rule, ...]
    columns: tuple[str, ...]
    example: dict[str, Any]
    notes: str
    text: str
    body: str

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def _literal(text: str, where: str) -> Any:
    """A value as written in a header: 'quoted string', null, true/false, integer or float."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]
    if text in ("null", "true", "false"):
        return {"null": None, "true": True, "false": False}[text]
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    raise ChainkgError(f"{where}: {text!r} is not a value ('text', null, true, false or a number)")


def _header(text: str) -> tuple[list[str], str]:
    """The leading ``//`` comment lines (without ``//``) and the query body after them."""
    lines = text.splitlines()
    header = []
    for i, line in enumerate(lines):
        if not line.startswith("//"):
            return header, "\n".join(lines[i:])
        header.append(line[2:].strip())
    return header, ""


def _param(line: str, where: str) -> Param:
    fields = line.split(maxsplit=3)
    if len(fields) < 4:
        raise ChainkgError(f"{where}: parameter line {line!r} needs: name type default description")
    name, type_text, default_text, description = fields
    m = _TYPE.match(type_text)
    if not m or m["type"] not in TYPES:
        raise ChainkgError(f"{where}: parameter {name}: type {type_text!r} is not one of {', '.join(TYPES)}")
    if m["min"] is not None and m["type"] != "integer":
        raise ChainkgError(f"{where}: parameter {name}: only integers take a range")
    required = default_text == "required"
    default = None if required else _literal(default_text, f"{where}: parameter {name} default")
    lo, hi = (int(m["min"]), int(m["max"])) if m["min"] is not None else (None, None)
    return Param(name, m["type"], required, default, description, lo, hi)


def _rule(line: str, where: str) -> Rule:
    fields = line.split(maxsplit=3)
    if len(fields) < 4 or fields[2] not in RULE_SOURCES:
        raise ChainkgError(f"{where}: rule line {line!r} needs: name type source description, the source "
                           f"one of {', '.join(RULE_SOURCES)}")
    return Rule(fields[0], fields[1], fields[2], fields[3])


def parse_query(name: str, text: str) -> Query:
    """A :class:`Query` from a ``.cypher`` file's text; ChainkgError naming the file when the
    header is incomplete or disagrees with the query body."""
    where = f"queries/{name}.cypher"
    header, body = _header(text)
    sections: dict[str, list[str]] = {}
    notes: list[str] = []
    current: list[str] = notes
    for line in header:
        m = _SECTION.match(line)
        if m:
            current = sections.setdefault(m[1], [])
            if m[2]:
                current.append(m[2])
        elif not line:
            current = notes
        else:
            current.append(line)
    for needed in ("Question", "Columns", "Example"):
        if not sections.get(needed):
            raise ChainkgError(f"{where}: the header has no {needed}: section")
    params = tuple(_param(line, where) for line in sections.get("Parameters", []))
    rules = tuple(_rule(line, where) for line in sections.get("Rules", []))
    example: dict[str, Any] = {}
    for line in sections["Example"]:
        m = _EXAMPLE.match(line)
        if not m:
            raise ChainkgError(f"{where}: example line {line!r} is not ':param name => value'")
        example[m["name"]] = _literal(m["value"], f"{where}: example {m['name']}")
    declared = [p.name for p in params] + [r.name for r in rules]
    used = set(_DOLLAR.findall(body))
    problems = []
    if len(set(declared)) != len(declared):
        problems.append("a parameter or rule is declared twice")
    if used - set(declared):
        problems.append(f"the query uses undeclared ${', $'.join(sorted(used - set(declared)))}")
    if set(declared) - used:
        problems.append(f"declared but unused: {', '.join(sorted(set(declared) - used))}")
    if set(example) != set(declared):
        problems.append(f"the example sets {sorted(example)}, not the parameters and rules {sorted(declared)}")
    if problems:
        raise ChainkgError(f"{where}: " + "; ".join(problems))
    columns = tuple(c.strip() for c in " ".join(sections["Columns"]).split(",") if c.strip())
    return Query(name, " ".join(sections["Question"]), params, rules, columns, example, "\n".join(notes).strip(), text,
                 body)


@functools.cache
def _load_all() -> dict[str, Query]:
    files = importlib.resources.files(PACKAGE)
    found = sorted((f.name.removesuffix(".cypher"), f) for f in files.iterdir() if f.name.endswith(".cypher"))
    return {name: parse_query(name, f.read_text(encoding="utf-8")) for name, f in found}


def list_queries() -> list[Query]:
    """Every query of the library, by name.

    >>> [q.name for q in list_queries()][:3]
    ['capacity_totals', 'chain_gaps', 'chain_overview']
    """
    return list(_load_all().values())


def get_query(name: str) -> Query:
    """The query called ``name``; ChainkgError listing the valid names when there is none."""
    queries = _load_all()
    if name not in queries:
        raise ChainkgError(f"unknown query {name!r}; valid queries: {', '.join(queries)}")
    return queries[name]


def coerce(query: Query, param: Param, value: Any) -> Any:
    """``value`` (text from the command line, or already a Python value) as ``param``'s type."""
    where = f"query {query.name}: parameter {param.name}"
    if value is None:
        if param.required:
            raise ChainkgError(f"{where} is required")
        return None
    if param.type == "string":
        if not isinstance(value, str):
            raise ChainkgError(f"{where} must be a string, got {value!r}")
        return value
    if param.type == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
            return _BOOLEANS[value.strip().lower()]
        raise ChainkgError(f"{where} must be true or false, got {value!r}")
    convert = int if param.type == "integer" else float
    article = "an integer" if param.type == "integer" else "a number"
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ChainkgError(f"{where} must be {article}, got {value!r}")
    try:
        number = convert(value.strip()) if isinstance(value, str) else value
    except ValueError:
        raise ChainkgError(f"{where} must be {article}, got {value!r}") from None
    if param.type == "integer" and number != int(number):
        raise ChainkgError(f"{where} must be {article}, got {value!r}")
    number = convert(number)
    if param.minimum is not None and not param.minimum <= number <= param.maximum:
        raise ChainkgError(f"{where} must be between {param.minimum} and {param.maximum}, got {number}")
    return number


def bind(query: Query, given: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter of ``query`` with a value: the given ones coerced, the rest defaulted.

    Unknown names and missing required ones are ChainkgErrors listing the valid parameters.
    """
    valid = ", ".join(p.describe() for p in query.params) or "none"
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        raise ChainkgError(f"query {query.name}: unknown parameter {', '.join(unknown)}; valid parameters: {valid}")
    bound = {}
    for param in query.params:
        if param.name in given:
            bound[param.name] = coerce(query, param, given[param.name])
        elif param.required:
            raise ChainkgError(f"query {query.name}: parameter {param.name} is required "
                               f"(--param {param.name}=…); valid parameters: {valid}")
        else:
            bound[param.name] = param.default
    return bound


def rule_values(query: Query) -> dict[str, Any]:
    """The rule parameters of ``query`` with their values from :mod:`chainkg.graph.gaps`."""
    return {rule.name: RULE_SOURCES[rule.source] for rule in query.rules}


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """``["k=v", …]`` from ``--param`` into a dict; ChainkgError for an item with no ``=``.

    >>> parse_assignments(["chain=盐湖化工", "depth=2"])
    {'chain': '盐湖化工', 'depth': '2'}
    """
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ChainkgError(f"--param {item!r}: expected NAME=VALUE")
        if key.strip() in out:
            raise ChainkgError(f"--param {key.strip()}: given twice")
        out[key.strip()] = value
    return out
