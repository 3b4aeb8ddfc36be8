"""No import cycles between the stages (issue 16, item 5).

Nodes: each stage package (``chainkg.ingest``: reading documents and extracting facts;
``chainkg.graph``; ``chainkg.queries``; ``chainkg.views``; ``chainkg.server``) and each top-level
module of ``chainkg`` (``chainkg.model``, ``chainkg.templates``, ``chainkg.cli`` …). Edges: every
import written in a module's source, at the top or inside a function (a lazy import is a
dependency too). The graph of those nodes must have no cycle, and extraction must not import the
graph package at all: the two share only small modules (``chainkg.model`` for ids and names,
``chainkg.templates``, ``chainkg.errors``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
#: package -> its folder (pyproject's package-dir)
STAGES = {"chainkg.ingest": "ingest", "chainkg.graph": "graph", "chainkg.queries": "queries",
          "chainkg.views": "views", "chainkg.server": "server"}


def node_of(module: str) -> str | None:
    """The layer node a dotted module name belongs to (None outside chainkg)."""
    if module != "chainkg" and not module.startswith("chainkg."):
        return None
    for stage in STAGES:
        if module == stage or module.startswith(stage + "."):
            return stage
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else "chainkg"


def modules() -> dict[str, Path]:
    """Every source module of the package: dotted name -> file."""
    out = {f"chainkg.{p.stem}": p for p in (REPO / "chainkg").glob("*.py") if p.stem != "__init__"}
    for stage, folder in STAGES.items():
        for p in (REPO / folder).rglob("*.py"):
            rel = p.relative_to(REPO / folder).with_suffix("")
            out[".".join([stage, *rel.parts]).removesuffix(".__init__")] = p
    return out


def imports(path: Path, module: str) -> set[str]:
    """Dotted names ``path`` imports (relative imports resolved against ``module``)."""
    out: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)  # from chainkg import graph
    return out


@pytest.fixture(scope="module")
def layers() -> nx.DiGraph:
    G = nx.DiGraph()
    for module, path in modules().items():
        source = node_of(module)
        G.add_node(source)
        for name in imports(path, module):
            target = node_of(name)
            if target is not None and target != source and (target in STAGES or target in
                                                            {node_of(m) for m in modules()}):
                G.add_edge(source, target, via=f"{module} imports {name}")
    return G


def test_the_stages_import_each_other_without_a_cycle(layers: nx.DiGraph) -> None:
    cycles = list(nx.simple_cycles(layers))
    shown = [" -> ".join(c) + "  (" + "; ".join(layers.edges[a, b]["via"] for a, b in zip(c, c[1:] + c[:1])) + ")"
             for c in cycles[:5]]
    assert cycles == [], "\n".join(shown)


def test_extraction_does_not_import_the_graph_package(layers: nx.DiGraph) -> None:
    assert not layers.has_edge("chainkg.ingest", "chainkg.graph"), layers.edges["chainkg.ingest", "chainkg.graph"]


def test_the_test_sees_the_stages_and_their_known_dependencies(layers: nx.DiGraph) -> None:
    assert set(STAGES) <= set(layers.nodes)
    assert layers.has_edge("chainkg.graph", "chainkg.ingest")  # the graph is built from extraction's facts
    assert layers.has_edge("chainkg.ingest", "chainkg.model")  # project ids come from the shared module
