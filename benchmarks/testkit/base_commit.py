"""The code of an earlier commit, importable as ``chainkg``: for benchmarks that compare a change
with its base in processes of their own.

:func:`export_commit` writes ``git archive REV`` into a folder and lays it out as the installed
package (``pyproject.toml``'s package-dir: ``chainkg/`` with ``reading/``, ``ingest/`` …  as its
subpackages, a folder the commit lacks left out); put the layout first on ``PYTHONPATH``. The
corpora beside the repository root (``../shared``, ``../realpages``) are linked beside the export
too, so the base's default paths find them when it runs from there. :func:`run_chainkg` runs a
``chainkg`` command on the code of such an export (or on this tree's).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = {"reading": "reading", "ingest": "ingest", "graph": "graph", "queries": "queries", "views": "views",
            "server": "server", "data": "data", "export": "export"}
"""``chainkg.<name>`` -> the repository folder it comes from (pyproject.toml's package-dir)."""
BESIDE = ("shared", "realpages")


def export_commit(rev: str, folder: Path) -> tuple[str, Path, Path]:
    """The full id of ``rev``, its source tree and the layout to put on ``PYTHONPATH``, written under
    ``folder`` once (``folder/<id[:12]>/source`` and ``…/import``) and reused after."""
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", rev], check=True, capture_output=True,
                            text=True).stdout.strip()
    root = Path(folder).resolve() / commit[:12]  # absolute: a base runs from its own folder (run_chainkg)
    source, layout = root / "source", root / "import"
    if not layout.exists():
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True).stdout
        source.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(source, filter="data")
        package = layout / "chainkg"
        package.mkdir(parents=True)
        for entry in (source / "chainkg").iterdir():
            (package / entry.name).symlink_to(entry)
        for name, sub in PACKAGES.items():
            if (source / sub).is_dir():
                (package / name).symlink_to(source / sub)
        for beside in BESIDE:
            if (REPO.parent / beside).exists() and not (root / beside).exists():
                (root / beside).symlink_to(REPO.parent / beside)
    return commit, source, layout


def run_chainkg(args: Sequence[str], layout: Path | None = None, cwd: Path | None = None
                ) -> subprocess.CompletedProcess[str]:
    """``python -m chainkg ARGS`` in a process of its own (:func:`run_python`)."""
    return run_python(["-m", "chainkg", *args], layout, cwd)


def run_python(args: Sequence[str], layout: Path | None = None, cwd: Path | None = None,
               env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in a process of its own, its output captured as text: on the code of the
    export whose ``layout`` (:func:`export_commit`) is given, else on the installed ``chainkg``
    (this tree, installed editable), from ``cwd`` (default: this one), with ``env`` (default: this
    process's). With ``layout`` it runs from the layout itself, put first on ``PYTHONPATH`` too:
    ``-m`` and ``-c`` put the working folder ahead of ``PYTHONPATH``, so from the repository root the
    base would import this tree's ``chainkg``."""
    env = dict(os.environ if env is None else env)
    if layout is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(layout), env.get("PYTHONPATH", "")]))
        cwd = layout
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
