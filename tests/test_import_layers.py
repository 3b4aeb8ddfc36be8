"""The stages import only themselves and earlier stages (issue 16, item 5: no import cycles).

Layers, first to last; a module may import its own layer and earlier ones, never a later one:

0. ``chainkg`` shared modules (ids and labels ``chainkg.model``, the status scale
   ``chainkg.status``, the cue lexicon ``chainkg.lexicon``, ``templates``, ``errors`` …);
1. ``chainkg.reading``: files to documents (formats, encodings, layout repair, sentences);
2. ``chainkg.ingest``: facts extracted from documents and ledgers, resolved;
3. ``chainkg.server``: the local Neo4j server;
4. ``chainkg.graph``: the graph model and its stores, built from the facts;
5. ``chainkg.queries``: the Cypher library and its embedded twins;
6. ``chainkg.views``: pages and the lists they show;
7. ``chainkg.export``: workbooks, sheets, GraphML, CSV;
8. the commands that run the stages (``chainkg.cli``, ``chainkg.pipeline``, ``chainkg.strict``).

Imports are read from the source with :mod:`ast` (nothing is imported), at the top or inside a
function: a lazy import is a dependency too. Shared modules must also not import each other in a
cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = "chainkg (shared)"
COMMANDS = "chainkg (commands)"
#: stage package -> its folder (pyproject's package-dir), in layer order
STAGES = {"chainkg.reading": "reading", "chainkg.ingest": "ingest", "chainkg.server": "server",
          "chainkg.graph": "graph", "chainkg.queries": "queries", "chainkg.views": "views",
          "chainkg.export": "export"}
#: top-level modules of chainkg/ that run the stages rather than serve them
COMMAND_MODULES = frozenset({"chainkg.cli", "chainkg.__main__", "chainkg.pipeline", "chainkg.strict"})
LAYERS = (SHARED, *STAGES, COMMANDS)


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name (None outside chainkg).

    >>> layer_of("chainkg.ingest.extract"), layer_of("chainkg.model"), layer_of("chainkg.cli")
    ('chainkg.ingest', 'chainkg (shared)', 'chainkg (commands)')
    >>> layer_of("networkx") is None
    True
    """
    if module != "chainkg" and not module.startswith("chainkg."):
        return None
    for stage in STAGES:
        if module == stage or module.startswith(stage + "."):
            return stage
    return COMMANDS if ".".join(module.split(".")[:2]) in COMMAND_MODULES else SHARED


def modules(repo: Path) -> Iterator[tuple[str, Path]]:
    """Every source module under ``repo``: (dotted name, file), folders as in pyproject."""
    folders = {"chainkg": "chainkg", **STAGES}
    for package, folder in folders.items():
        for path in sorted((repo / folder).rglob("*.py")):
            rel = path.relative_to(repo / folder).with_suffix("")
            yield ".".join([package, *rel.parts]).removesuffix(".__init__"), path


def imports(path: Path, module: str) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every import in ``path`` (relative ones resolved against ``module``);
    ``from a import b`` gives both ``a`` and ``a.b`` (b may be a module)."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((a.name, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            yield base, node.lineno
            yield from ((f"{base}.{a.name}", node.lineno) for a in node.names)


def import_edges(repo: Path) -> list[tuple[str, str, str]]:
    """(importing module, imported chainkg module, "file:line") for every chainkg import."""
    return [(module, name, f"{path.relative_to(repo)}:{line}")
            for module, path in modules(repo)
            for name, line in imports(path, module) if layer_of(name) is not None]


def violations(edges: list[tuple[str, str, str]]) -> list[str]:
    """Every import of a later layer, as "where: importer (layer) imports name (layer)".

    >>> violations([("chainkg.graph.build", "chainkg.ingest.facts", "graph/build.py:1")])
    []
    >>> violations([("chainkg.reading.read", "chainkg.views.page", "reading/read.py:9")])
    ['reading/read.py:9: chainkg.reading.read (chainkg.reading) imports chainkg.views.page (chainkg.views)']
    """
    out = []
    for module, name, where in edges:
        source, target = layer_of(module), layer_of(name)
        if LAYERS.index(target) > LAYERS.index(source):
            out.append(f"{where}: {module} ({source}) imports {name} ({target})")
    return out


@pytest.fixture(scope="module")
def edges() -> list[tuple[str, str, str]]:
    return import_edges(REPO)


def test_no_module_imports_a_later_stage(edges: list[tuple[str, str, str]]) -> None:
    assert violations(edges) == []


def test_the_shared_modules_import_each_other_without_a_cycle(edges: list[tuple[str, str, str]]) -> None:
    shared = nx.DiGraph((m, n) for m, n, _ in edges
                        if layer_of(m) == layer_of(n) == SHARED and n in dict(modules(REPO)))
    assert list(nx.simple_cycles(shared)) == []


def test_the_checker_sees_every_stage_and_the_known_dependencies(edges: list[tuple[str, str, str]]) -> None:
    layers_seen = {layer_of(m) for m, _ in modules(REPO)}
    assert layers_seen == set(LAYERS)
    pairs = {(layer_of(m), layer_of(n)) for m, n, _ in edges}
    assert ("chainkg.graph", "chainkg.ingest") in pairs  # the graph is built from extraction's facts
    assert ("chainkg.ingest", "chainkg.reading") in pairs  # extraction reads documents
    assert ("chainkg.reading", SHARED) in pairs  # reading finds place names in the cue lexicon


def test_the_checker_catches_a_made_up_violation(tmp_path: Path) -> None:
    """A tree where reading imports extraction lazily, inside a function, and ingest imports a
    view through a relative import: both are found, with file and line."""
    for folder in ("chainkg", *STAGES.values()):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "reading" / "read.py").write_text(
        "import re\n\ndef f():\n    from chainkg.ingest import extract\n    return extract\n", encoding="utf-8")
    (tmp_path / "ingest" / "rule.py").write_text("from ..views.page import render\n", encoding="utf-8")
    (tmp_path / "graph" / "build.py").write_text("from chainkg.ingest import rule\n", encoding="utf-8")
    found = violations(import_edges(tmp_path))
    assert sorted(found) == [
        "ingest/rule.py:1: chainkg.ingest.rule (chainkg.ingest) imports chainkg.views.page (chainkg.views)",
        "ingest/rule.py:1: chainkg.ingest.rule (chainkg.ingest) imports chainkg.views.page.render (chainkg.views)",
        "reading/read.py:4: chainkg.reading.read (chainkg.reading) imports chainkg.ingest (chainkg.ingest)",
        "reading/read.py:4: chainkg.reading.read (chainkg.reading) imports chainkg.ingest.extract (chainkg.ingest)",
    ]
