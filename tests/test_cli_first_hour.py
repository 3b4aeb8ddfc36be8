"""The first hour with the command line and the notebooks: a wrong name is an error with the
closest names, not an empty answer; the notebooks find the build wherever Jupyter started;
every notebook is executed by the test suite (and so by CI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chainkg.cli import main
from chainkg.settings import notebook_out, repository_root

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def out(seed_build) -> Path:
    return seed_build.path.parent


@pytest.mark.parametrize(("query", "param", "expected"), [
    ("chain_overview", "chain=盐湖", "did you mean 盐湖化工"),
    ("chain_gaps", "chain=清洁能", "清洁能源"),
    ("company", "company=昆仑锂业", "中信昆仑锂业"),
    ("product_upstream", "product=碳酸锂锂", "碳酸锂"),
    ("projects_by_status", "status=开工了", "valid: 洽谈、签约、前期、在建、试产、投产"),
])
def test_unknown_names_exit_2_with_the_closest_names(out, capsys, query, param, expected) -> None:
    assert main(["query", query, "--param", param, "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert err.count("\n") == 0 and err.startswith("chainkg: error: query ") and expected in err, err
    assert f"--param {param.split('=')[0]}=" in err


def test_known_names_and_chinese_statuses_run(out, capsys) -> None:
    assert main(["query", "projects_by_status", "--param", "status=在建", "--format", "json", "--out", str(out)]) == 0
    chinese = json.loads(capsys.readouterr().out)
    assert main(["query", "projects_by_status", "--param", "status=under_construction", "--format", "json",
                 "--out", str(out)]) == 0
    assert chinese == json.loads(capsys.readouterr().out) and chinese
    assert main(["query", "chain_overview", "--param", "chain=盐湖化工", "--out", str(out)]) == 0
    assert "(0 rows)" not in capsys.readouterr().out


def test_notebooks_read_the_repository_out_from_any_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("CHAINKG_OUT", raising=False)
    monkeypatch.chdir(REPO / "notebooks")
    assert repository_root() == REPO and notebook_out() == REPO / "out"
    monkeypatch.chdir(tmp_path)
    assert repository_root() is None and notebook_out() == Path("out")
    monkeypatch.setenv("CHAINKG_OUT", str(tmp_path / "elsewhere"))
    assert notebook_out() == tmp_path / "elsewhere"
    source = (REPO / "notebooks" / "01_explore_embedded.ipynb").read_text(encoding="utf-8")
    assert "notebook_out()" in source and "default_out()" not in source


def test_every_notebook_is_executed_by_the_suite() -> None:
    executed = (REPO / "tests" / "test_notebooks.py").read_text(encoding="utf-8")
    notebooks = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    assert notebooks and all(f'_run("{name}"' in executed for name in notebooks), notebooks


def test_notebooks_extra_installs_jupyter() -> None:
    import tomllib

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(req.startswith(("jupyterlab", "notebook", "jupyter")) for req in extras["notebooks"])


def test_queries_name_documents_by_title(out, seed_build, capsys) -> None:
    assert main(["query", "company", "--param", "company=中信昆仑锂业", "--format", "json", "--out", str(out)]) == 0
    rows = json.loads(capsys.readouterr().out)
    titles = {a["title"] for _, a in seed_build.graph.nodes(data=True) if a["label"] == "Document"}
    assert rows and all(set(r["documents"]) <= titles and r["documents"] for r in rows)
