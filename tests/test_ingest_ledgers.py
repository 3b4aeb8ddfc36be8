"""Staff ledgers as a source: .xlsx and .csv 项目台账 / 企业名录 build into the graph with row
evidence; a broken row, a broken sheet and a broken file each give one line and the rest loads.

The ledgers are our own (``data/examples/ledgers``, fictional firms); the .xlsx workbooks are
made here with openpyxl from the same rows. The seed text is copied into a temporary corpus at
test time, never into the repo.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
import yaml

from chainkg.graph.gaps import segment_coverage
from chainkg.graph.store import read_graph_json
from chainkg.graph.model import ABOUT, BUILDS, DOCUMENT, MENTIONED_IN, PRODUCES, PROJECT, STATEMENT, node_id
from chainkg.reading.corpus import ingest_corpus
from chainkg.ingest.ledger import find_header, read_ledgers
from chainkg.reading.read import decode_text
from chainkg.views.facts import evidence
from chainkg.views.site import page_path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "data" / "examples" / "ledgers"
SEED = "000_23d47f473b91a069.txt"
XLSX = "项目台账示例.xlsx"
XLSX_TITLE = "项目台账示例(虚构企业)"
BAD_CAPACITY_ROW = ["示例坏行年产100万吨工业盐项目", "示例坏行有限公司(虚构)", "工业盐", "占地200亩", "1", "在建",
                    "2023-05-01", "格尔木市"]


def example_rows(name: str) -> list[list[str]]:
    """The rows of one example CSV (decoded the way the ledger reader decodes it)."""
    path = EXAMPLES / name
    return list(csv.reader(io.StringIO(decode_text(path, path.read_bytes()).text)))


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def project_sheet() -> list[list[object]]:
    """The example project ledger's rows under a title row and other header variants, and one
    row whose capacity has no figure (row 9)."""
    rows = example_rows("project_ledger.csv")[2:]
    header = ["项目名称", "业主单位", "主要产品", "设计产能", "计划总投资(亿元)", "建设进度", "填报日期", "所在园区"]
    body = [[r[1], r[2], r[3], r[4], float(r[5]), r[6], r[7], r[8]] for r in rows]
    return [["海西州重点项目台账示例(企业均为虚构,仅供测试) 2023年6月"], header, *body, BAD_CAPACITY_ROW]


DIRECTORY_SHEET = [
    ["公司名称", "主导产品", "所在地", "规模以上"],
    ["示例硼化工有限公司(虚构)", "硼酸、硼砂", "大柴旦", "是"],
    ["示例溴业有限公司(虚构)", "溴素", "大柴旦", "否"],
]


@pytest.fixture(scope="module")
def ledger_corpus(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of one seed text, the two example CSV ledgers, a workbook with a title row and
    three sheets (台账, 名录, a note sheet), a corrupt workbook and a CSV missing a column."""
    corpus = tmp_path_factory.mktemp("ledger-corpus")
    shutil.copy(seed_corpus / SEED, corpus / SEED)
    (corpus / "ledgers").mkdir()
    for name in ("project_ledger.csv", "firm_directory.csv"):
        shutil.copy(EXAMPLES / name, corpus / "ledgers" / name)
    write_xlsx(corpus / XLSX, {"台账": project_sheet(), "名录": DIRECTORY_SHEET,
                               "填表说明": [["本工作簿为测试自编,企业均为虚构。"]]})
    (corpus / "损坏台账.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    (corpus / "缺列名录.csv").write_text("企业名称,所在园区\n示例某某有限公司(虚构),格尔木市\n", encoding="utf-8")
    seed_entry = next(e for e in yaml.safe_load((seed_corpus / "corpus.yaml").read_text(encoding="utf-8"))["documents"]
                      if e["file"] == SEED)
    entries = [seed_entry, {"file": XLSX, "title": XLSX_TITLE, "issuer": "示例工信局(虚构)", "published": "2023-06"}]
    (corpus / "corpus.yaml").write_text(yaml.safe_dump({"documents": entries}, allow_unicode=True), encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def ledger_build(ledger_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    from chainkg.pipeline import build

    return build(ledger_corpus, tmp_path_factory.mktemp("ledger-out"))


def mentions(G: nx.MultiDiGraph, node: str) -> list[dict]:
    return [d for _, _, d in G.out_edges(node, data=True) if d["type"] == MENTIONED_IN]


def test_broken_row_sheet_and_file_each_give_one_line(ledger_build, ledger_corpus: Path) -> None:
    failures = ledger_build.failures
    assert len(failures) == 3, failures
    row, = [f for f in failures if "row" in f]
    assert row.startswith(f"{ledger_corpus / XLSX} sheet 台账 row 9: ") and "占地200亩" in row
    corrupt, = [f for f in failures if "损坏台账.xlsx" in f]
    assert corrupt.startswith(f"{ledger_corpus / '损坏台账.xlsx'}: corrupt or not an Excel .xlsx workbook")
    missing, = [f for f in failures if "缺列名录.csv" in f]
    assert missing.startswith(f"{ledger_corpus / '缺列名录.csv'}: missing required column(s) 产品")
    assert "headers found: 企业名称, 所在园区" in missing
    assert all("\n" not in f for f in failures)


def test_rows_become_projects_with_row_evidence(ledger_build, ledger_corpus: Path) -> None:
    G = ledger_build.graph
    lithium = node_id(PROJECT, "示例锂业", "碳酸锂", "")
    attrs = G.nodes[lithium]
    assert attrs["status"] == "operating" and attrs["capacity_base_value"] == 20000 and attrs["place"] == "格尔木市"
    assert any(d["type"] == BUILDS for _, _, d in G.in_edges(lithium, data=True))
    assert [v for _, v, d in G.out_edges(lithium, data=True) if d["type"] == PRODUCES] == ["product:碳酸锂"]
    # the same row in the workbook (title row above the header: row 3) and in the CSV (note row above: row 3)
    rows = {(e.get("sheet"), e["row"], e["date"]) for e in mentions(G, lithium)}
    assert rows == {("台账", 3, "2023-06-30"), (None, 3, "2023-06-30")}
    for e in mentions(G, lithium):
        assert "项目名称: 示例锂业年产2万吨电池级碳酸锂项目; " in e["sentence"]
        assert e["mode"] == "reported" and e["status"] == "operating"
    potash = G.nodes[node_id(PROJECT, "示例盐化", "钾肥", "二期")]
    assert potash["status"] == "under_construction" and potash["capacity_base_value"] == 500000
    # every example row loads but the broken one
    ledger_projects = [n for n, d in G.nodes(data=True) if d["label"] == PROJECT and d.get("company", "").startswith("示例")]
    assert len(ledger_projects) == 6
    assert not any("示例坏行" in n for n in G)


def test_ledgers_are_documents(ledger_build) -> None:
    G = ledger_build.graph
    docs = {d["file"]: d for _, d in G.nodes(data=True) if d["label"] == DOCUMENT}
    assert docs[XLSX]["title"] == XLSX_TITLE and docs[XLSX]["kind"] == "ledger" and docs[XLSX]["date"] == "2023-06"
    assert docs["ledgers/project_ledger.csv"]["title"] == "project_ledger"
    assert docs["ledgers/firm_directory.csv"]["kind"] == "ledger"
    assert "损坏台账.xlsx" not in docs and "缺列名录.csv" not in docs


def test_directory_rows_become_statements_and_coverage(ledger_build) -> None:
    G = ledger_build.graph
    statements = {d["name"]: n for n, d in G.nodes(data=True) if d["label"] == STATEMENT and d.get("rule") == "ledger-directory"}
    assert {"示例钾肥钾肥在产", "示例钾肥硫酸钾在产", "示例硼化工硼酸在产", "示例硼化工硼砂在产", "示例溴业溴素在产"} <= set(statements)
    potash = statements["示例钾肥钾肥在产"]
    attrs = G.nodes[potash]
    assert attrs["kind"] == "operating" and attrs["standing"] == "present" and attrs["cue"] == "主营产品"
    assert [v for _, v, d in G.out_edges(potash, data=True) if d["type"] == ABOUT] == ["product:钾肥"]
    evidence_rows = [(e.get("sheet"), e["row"]) for e in mentions(G, potash)]
    assert evidence_rows == [(None, 3)]
    coverage = segment_coverage(G)
    assert potash in coverage["segment:盐湖化工/钾肥"]["facts"]
    # a link the text is silent on is present from a directory row alone
    rare = coverage["segment:盐湖化工/稀散元素"]
    assert rare["coverage"] in ("present", "strong") and statements["示例锶业碳酸锶在产"] in rare["facts"]
    # the workbook's 名录 sheet too
    boron = coverage["segment:盐湖化工/硼酸与硼砂"]
    assert statements["示例硼化工硼酸在产"] in boron["facts"]


def test_pages_show_a_row_as_file_sheet_row(ledger_build) -> None:
    G = ledger_build.graph
    lithium = node_id(PROJECT, "示例锂业", "碳酸锂", "")
    shown = evidence(G, lithium)
    assert {e["document"] for e in shown} == {f"{XLSX} · 台账 · 第3行", "project_ledger.csv · 第3行"}
    assert all("项目名称: 示例锂业年产2万吨电池级碳酸锂项目; " in e["sentence"] for e in shown)
    page = (ledger_build.site / page_path(G, lithium)).read_text(encoding="utf-8")
    assert f"{XLSX} · 台账 · 第3行" in page


# ---------------------------------------------------------------- the reader alone


def test_gb18030_csv_is_read(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "firm_directory.csv", tmp_path / "名录.csv")
    result = read_ledgers(tmp_path)
    assert result.failures == ()
    assert result.documents[0].encoding == "gb18030"
    assert [s.company for s in result.statements][:2] == ["示例钾肥有限公司（虚构）"] * 2
    assert [s.product for s in result.statements] == ["钾肥", "硫酸钾", "氢氧化镁", "氧化镁", "碳酸锶", "光伏组件"]


@pytest.mark.parametrize("headers, kind, fields", [
    (["项目名称", "建设单位", "产品", "产能", "状态"], "台账", {"project", "company", "product", "capacity", "status"}),
    (["项 目 名 称", "投资主体", "建设内容", "建设规模", "进展情况", "开工时间", "建设地点"], "台账",
     {"project", "company", "product", "capacity", "status", "date", "place"}),
    (["序号", "实施主体", "主营产品", "年产能(吨)", "项目状态*", "所在地"], "台账",
     {"company", "product", "capacity", "status", "place"}),
    (["企业名称", "主要产品", "所在园区", "是否规上"], "名录", {"company", "product", "place", "scale"}),
    (["公司名称：", "产品\n名称", "园区"], "名录", {"company", "product", "place"}),
])
def test_header_variants(headers: list[str], kind: str, fields: set[str]) -> None:
    header = find_header([["某表(标题行)"], [], headers, ["甲", "乙"]])
    assert header is not None and header.index == 2
    assert header.kind == kind and set(header.columns) == fields and header.missing() == []


def test_bare_numbers_take_the_header_unit_and_ledger_status_words(tmp_path: Path) -> None:
    rows = [["项目名称", "建设单位", "产品", "产能(万吨/年)", "状态"],
            ["示例项目甲", "示例甲有限公司(虚构)", "碳酸锂", 2, "未投产,正在施工"],
            ["示例项目乙", "示例乙有限公司(虚构)", "高纯氯化锂", "", "运营"]]
    write_xlsx(tmp_path / "t.xlsx", {"Sheet1": rows})
    result = read_ledgers(tmp_path)
    assert result.failures == ()
    first, second = result.projects
    assert first.capacity.base_value == 20000 and first.capacity.per_year
    assert first.status == "under_construction" and first.status_text == "未投产"
    assert second.product == "氯化锂" and second.capacity is None and second.status == "operating"


def test_missing_column_in_a_sheet_names_file_and_sheet_and_other_sheets_load(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "book.xlsx", {"名录": [["企业名称", "地点"], ["示例甲(虚构)", "格尔木"]],
                                        "台账": [["项目名称", "建设单位", "产品"], ["示例项目", "示例乙有限公司(虚构)", "金属镁"]]})
    result = read_ledgers(tmp_path)
    assert result.failures == (f"{tmp_path / 'book.xlsx'} [sheet 名录]: missing required column(s) 产品 "
                               "(headers found: 企业名称, 地点)",)
    assert [p.product for p in result.projects] == ["金属镁"]
    assert result.projects[0].evidence.sheet == "台账" and result.projects[0].evidence.row == 2


def test_a_file_with_no_ledger_header_and_a_bad_row(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("企业名称,主要产品\n示例甲有限公司(虚构),\n示例乙有限公司(虚构),碳酸锂\n",
                                       encoding="utf-8")
    result = read_ledgers(tmp_path)
    assert result.failures == (
        f"{tmp_path / 'notes.csv'}: no ledger header in the first 10 rows (expected columns such as 项目名称, "
        "建设单位, 企业名称, 产品, 产能, 状态; see data/ledger_columns.yaml)",
        f"{tmp_path / 'rows.csv'} row 2: no product (主要产品 is empty)",
    )
    assert [(s.company, s.product, s.evidence[0].row) for s in result.statements] == [("示例乙有限公司(虚构)", "碳酸锂", 3)]


def test_ingest_leaves_ledgers_to_the_ledger_reader(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "project_ledger.csv", corpus / "台账.csv")
    (corpus / "a.txt").write_text("某园区年产3万吨碳酸锂项目开工。", encoding="utf-8")
    (corpus / "corpus.yaml").write_text("documents:\n  - file: 台账.csv\n    title: 台账\n", encoding="utf-8")
    result = ingest_corpus(corpus, tmp_path / "out")
    assert result.failures == ()
    assert [d.file for d in result.documents] == ["a.txt"]


def test_build_of_ledgers_alone_prints_one_line_per_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from chainkg.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "project_ledger.csv", corpus / "台账.csv")
    rows = example_rows("project_ledger.csv")[1:]
    rows[2][4] = "若干"  # row 3 (header at row 1): a capacity with no figure
    write_xlsx(corpus / "台账副本.xlsx", {"Sheet1": rows})
    (corpus / "坏.xlsx").write_bytes(b"not a zip at all")
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"chainkg: {corpus / '台账副本.xlsx'} sheet Sheet1 row 3: 建设规模 '若干': no capacity figure in a known "
                   "unit (吨, 万吨, 千瓦, MW, GWh …)",
                   f"chainkg: {corpus / '坏.xlsx'}: corrupt or not an Excel .xlsx workbook (BadZipFile: File is not a zip file)"]
    G = read_graph_json(tmp_path / "out" / "graph.json")
    assert len([n for n, d in G.nodes(data=True) if d["label"] == PROJECT]) == 6
