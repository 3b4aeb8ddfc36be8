"""The one-line promise for what others log (issue 17, item 8): the Neo4j driver's retry
warnings, pypdf's warnings, ``warnings.warn``; and NEO4J_URI that is not a Bolt address."""

from __future__ import annotations

import subprocess
import sys

import pytest

from chainkg.cli import main

SCRIPT = r'''
import logging, warnings
from chainkg.logline import setup_logging
setup_logging(0)
try:
    raise RuntimeError("server said no\n  at line 1\n  at line 2")
except RuntimeError:
    logging.getLogger("neo4j.pool").warning("Transaction failed and will be retried in 1.0s\nmore detail", exc_info=True)
for _ in range(5):
    logging.getLogger("pypdf._reader").warning("Ignoring wrong pointing object 6 0 (offset 0)")
warnings.warn("deprecated\nsecond line")
logging.getLogger("chainkg.x").info("not shown at the default level")
logging.getLogger("chainkg.x").warning("name with \x1b[31m escape")
'''


def test_other_libraries_log_one_line_per_record_and_each_line_once() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    lines = done.stderr.splitlines()
    assert lines == [
        "WARNING neo4j.pool: Transaction failed and will be retried in 1.0s: RuntimeError: server said no (3 more lines)",
        "WARNING pypdf._reader: Ignoring wrong pointing object 6 0 (offset 0)",
        lines[2],
        "WARNING chainkg.x: name with [31m escape",
    ]
    assert lines[2].startswith("WARNING py.warnings: ") and "UserWarning: deprecated" in lines[2]


def test_more_verbose_shows_whole_records() -> None:
    script = SCRIPT.replace("setup_logging(0)", "setup_logging(2)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "Traceback" in done.stderr and "at line 2" in done.stderr


@pytest.mark.parametrize("uri", ["http://localhost:7474", "https://x.databases.neo4j.io", "localhost:7687"])
def test_a_neo4j_uri_that_is_not_bolt_is_one_line(uri: str, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    for argv in (["load", "--out", str(tmp_path)], ["query", "chain_overview", "--param", "chain=盐湖化工", "--neo4j"]):
        (tmp_path / "graph.json").write_text('{"directed": true, "multigraph": true, "graph": {}, "nodes": [], '
                                             '"edges": []}', encoding="utf-8")
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is not a Bolt address" in err and "Traceback" not in err
