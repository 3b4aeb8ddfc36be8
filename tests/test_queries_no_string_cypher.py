"""No Python file builds Cypher with values in it: values go in as ``$`` parameters.

Reads every ``.py`` file of the repo with :mod:`ast` and looks at each string that is built
(f-strings, ``str.format``, ``%``) and reads like Cypher (``MATCH (``, ``MERGE (``, ``UNWIND $``, …). A spliced
piece is allowed only where no value can stand: a backtick-quoted label or type
(``(n:`{label}`)``), a name part (``chainkg_{label}_id``) or a whole clause fragment. It is a
defect where a value stands: inside quotes, after ``:`` in a property map, after a comparison
or ``IN``/``CONTAINS``/``STARTS WITH``/``ENDS WITH``, after ``LIMIT``/``SKIP``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".cache", "out", "node_modules", "target", "build", "dist", "chainkg.egg-info", "__pycache__"}
CYPHER = re.compile(r"\b(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|\bCREATE\s+(?:CONSTRAINT|INDEX)\b")
"""Text that reads like Cypher: a pattern clause opening a node, an UNWIND of a parameter, DDL."""
VALUE_BEFORE = re.compile(r"(['\"]|:\s*|[=<>]\s*|\b(?:IN|CONTAINS|WITH|LIMIT|SKIP)\s+)$", re.IGNORECASE)


def _python_files() -> list[Path]:
    return sorted(p for p in REPO.rglob("*.py") if not SKIP_DIRS & set(p.relative_to(REPO).parts))


def _problems(source: str, where: str) -> list[str]:
    """Places in ``source`` where a value is spliced into Cypher text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "\x00" for v in node.values)
            if not CYPHER.search(text):
                continue
            pieces = text.split("\x00")
            for before in pieces[:-1]:
                if VALUE_BEFORE.search(before):
                    found.append(f"{where}:{node.lineno}: f-string splices a value into Cypher after {before[-20:]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and CYPHER.search(target.value):
                found.append(f"{where}:{node.lineno}: str.format builds Cypher")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = node.left
            if isinstance(left, ast.Constant) and isinstance(left.value, str) and CYPHER.search(left.value):
                found.append(f"{where}:{node.lineno}: %-formatting builds Cypher")
    return found


def test_no_python_file_splices_values_into_cypher() -> None:
    problems = []
    files = _python_files()
    assert len(files) > 20, "the scan found too few files to be looking in the right place"
    for path in files:
        problems += _problems(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", [
    'q = f"MATCH (n:Company) WHERE n.name = \'{name}\' RETURN n"',
    'q = f"MATCH (n {{id: {node}}}) RETURN n"',
    'q = f"MATCH (n) WHERE n.rank >= {rank} RETURN n"',
    'q = f"MATCH (n) RETURN n LIMIT {limit}"',
    'q = f"MATCH (n) WHERE n.id IN {ids} RETURN n"',
    'q = "MATCH (n) WHERE n.name = \'{}\' RETURN n".format(name)',
    'q = "MATCH (n) WHERE n.name = \'%s\' RETURN n" % name',
])
def test_the_scan_catches_values_spliced_into_cypher(source: str) -> None:
    assert _problems(source, "example.py")


@pytest.mark.parametrize("source", [
    'q = f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}) SET n = row.props"',
    'q = f"CREATE CONSTRAINT chainkg_{label}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"',
    'q = f"MATCH (a)-[r:`{rel_type}`]->() RETURN {fragment()} AS label"',
    'message = f"cannot MATCH {name}"',
])
def test_the_scan_lets_labels_and_fragments_through(source: str) -> None:
    assert not _problems(source, "example.py")
