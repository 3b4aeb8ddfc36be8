"""The analysts' notebooks run top to bottom against the seeds, and are committed without outputs.

Each notebook runs in a fresh python3 kernel (nbclient + ipykernel) from the notebooks/ folder,
with ``CHAINKG_OUT`` pointing at a ``chainkg build`` of the seeds (fixture ``seed_build``), the
way an analyst runs it after ``chainkg build``. The Neo4j notebook needs the local Neo4j (or
``NEO4J_URI`` …): the seeds' graph is loaded into it first, as ``chainkg load`` would.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TIMEOUT = 600


def _run(name: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Execute notebook ``name`` with CHAINKG_OUT=out; a failing cell fails the test with its traceback."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    monkeypatch.setenv("CHAINKG_OUT", str(out))
    NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _text(nb: nbformat.NotebookNode) -> str:
    """Every output of the notebook as text (plain text and HTML)."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["01_explore_embedded.ipynb", "02_cypher_on_neo4j.ipynb"])
def test_notebooks_are_committed_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: clear the outputs before committing"


def test_explore_embedded_notebook_runs_on_the_seeds(seed_build, monkeypatch) -> None:
    nb = _run("01_explore_embedded.ipynb", seed_build.path.parent, monkeypatch)
    text = _text(nb)
    assert f"{seed_build.graph.number_of_nodes()} nodes" in text
    for expected in ("盐湖化工", "基础锂盐", "present", "补链", "碳酸锂", "under_construction", "中信昆仑锂业"):
        assert expected in text, expected


@pytest.mark.neo4j
def test_cypher_notebook_runs_on_neo4j_with_an_inline_view(seed_build, neo4j_settings, monkeypatch) -> None:
    from chainkg.graph.neo4j_store import connect, load_graph

    with connect(neo4j_settings) as driver:
        load_graph(driver, neo4j_settings.database, seed_build.graph)
    nb = _run("02_cypher_on_neo4j.ipynb", seed_build.path.parent, monkeypatch)
    text = _text(nb)
    for expected in ("chain_overview", "基础锂盐", "present", "新材料", "<iframe srcdoc="):
        assert expected in text, expected
    view = next(o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
                if "<iframe srcdoc=" in o.get("data", {}).get("text/html", ""))
    assert "vis-network" in view or "vis.Network" in view
