"""The exports: the 招商 work pack (workbooks, A4 sheets, maps, PDF), GraphML and CSV.

On the seeds' graph (fixture ``seed_build``). The workbooks are read back with openpyxl as a
user's Excel would open them; the site's 招商 pages are compared with the workbooks; the PDF is
printed by the Debian chromium and checked for A4 pages and for text running past the page.
"""

from __future__ import annotations

import csv
import json
import time
import unicodedata
from collections import Counter
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from bs4 import BeautifulSoup

from chainkg.cli import main
from chainkg.export.pack import SUMMARY, export_pack
from chainkg.views.tables import SHEETS, SUMMARY_SHEETS, TARGET_COLUMNS, chains_in_order
from chainkg.graph import model
from chainkg.graph.store import read_graph_json


@pytest.fixture(scope="module")
def G(seed_build) -> nx.MultiDiGraph:
    return read_graph_json(seed_build.path)


@pytest.fixture(scope="module")
def pack(G, tmp_path_factory):
    return export_pack(G, tmp_path_factory.mktemp("pack"), pdf=False, generated="2026-01-01")


def _sheet_rows(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_pack_has_thirteen_chain_workbooks_and_the_summary(G, pack) -> None:
    assert len(pack.chains) == 13 == len(chains_in_order(G))
    workbooks = sorted(pack.folder.glob("*/*_产业链清单.xlsx"))
    assert len(workbooks) == 13 and (pack.folder / SUMMARY).is_file()
    for f in pack.chains:
        assert f.sheet.is_file() and f.map.read_text(encoding="utf-8").startswith("<svg")
        assert f.folder.name.endswith(f.name)


@pytest.mark.parametrize("index", range(13))
def test_every_chain_workbook_has_every_sheet_with_its_header(pack, index: int) -> None:
    path = pack.chains[index].workbook
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    for ws in wb:
        header = [c.value for c in ws[1]]
        assert header and all(isinstance(h, str) and h for h in header), (path.name, ws.title)
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:"), (path.name, ws.title)
        assert ws.max_row >= 2, f"{path.name} {ws.title}: a sheet must never be only its header"
        assert ws.column_dimensions["A"].width > 5


def test_summary_workbook_covers_every_chain(G, pack) -> None:
    wb = openpyxl.load_workbook(pack.summary)
    assert wb.sheetnames == list(SUMMARY_SHEETS)
    chains = [r["产业链"] for r in _sheet_rows(pack.summary, "全州概况")]
    assert chains == [G.nodes[c]["name"] for c in chains_in_order(G)]
    targets = _sheet_rows(pack.summary, "招商目标企业清单")
    per_chain = sum(len(_sheet_rows(f.workbook, "招商目标企业清单")) for f in pack.chains
                    if _sheet_rows(f.workbook, "招商目标企业清单")[0]["招商目标"] != "无")
    assert len(targets) == per_chain


def test_every_target_row_has_a_reason_and_a_source(pack) -> None:
    headers = {c.key: c.header for c in TARGET_COLUMNS}
    for f in pack.chains:
        rows = _sheet_rows(f.workbook, "招商目标企业清单")
        assert rows, f.name
        for r in rows:
            assert r[headers["why"]] and r[headers["source"]], (f.name, r)


def test_a_chain_without_targets_says_so(G, pack) -> None:
    without = [c for c in chains_in_order(G) if not any(
        G.nodes[s].get("target") for s, _, d in G.in_edges(c, data=True) if d["type"] == model.PART_OF)]
    assert without, "the seeds should leave some chain without targets"
    for chain in without:
        f = next(x for x in pack.chains if x.chain == chain)
        rows = _sheet_rows(f.workbook, "招商目标企业清单")
        assert len(rows) == 1 and rows[0]["招商目标"] == "无" and "暂无" in rows[0]["推荐理由"]


def test_every_list_row_names_its_source(pack) -> None:
    f = pack.chains[0]  # 盐湖化工: projects, companies, capacity
    for sheet, column in (("重点项目清单", "来源"), ("企业清单", "来源"), ("产能汇总", "来源")):
        rows = _sheet_rows(f.workbook, sheet)
        assert rows and all(r[column] and r[column].startswith("《") for r in rows), sheet
    coverage = _sheet_rows(f.workbook, "环节覆盖")
    assert all(r["依据与来源"] for r in coverage)


def test_workbook_and_site_show_the_same_targets(G, pack, seed_build) -> None:
    site = seed_build.site
    for f in pack.chains:
        rows = _sheet_rows(f.workbook, "招商目标企业清单")
        expected = [(r["目标环节"] or "", str(r["排序"] or ""), r["企业"]) for r in rows]
        page = site / "zhaoshang" / f"{G.nodes[f.chain]['slug']}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        shown = []
        for section in soup.select("section.ck-target"):
            heading = section.find("h2").get_text(" ", strip=True)
            for tr in section.select("tbody tr"):
                cells = [td.get_text(strip=True) for td in tr.find_all("td")]
                shown.append((heading, cells[0], cells[1]))
        assert len(shown) == len(expected), f.name
        for (heading, rank, company), (segment, want_rank, want_company) in zip(shown, expected):
            assert segment in heading and rank == want_rank and company == want_company, (f.name, heading)


def test_pack_takes_seconds_on_the_seeds(G, tmp_path) -> None:
    started = time.perf_counter()
    export_pack(G, tmp_path, pdf=False)
    assert time.perf_counter() - started < 10


def test_cli_pack_for_one_chain_and_errors(seed_build, tmp_path, capsys) -> None:
    out = str(seed_build.path.parent)
    assert main(["export", "pack", "--chain", "盐湖化工", "--no-pdf", "-o", str(tmp_path / "p"), "--out", out]) == 0
    assert "1 chain workbook" in capsys.readouterr().out
    assert [p.name for p in (tmp_path / "p").iterdir() if p.is_dir()] == ["01_盐湖化工"]
    assert main(["export", "pack", "--chain", "无此链", "-o", str(tmp_path / "q"), "--out", out]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--chain '无此链'" in err and "盐湖化工" in err
    old = tmp_path / "old"
    old.mkdir()
    G = read_graph_json(seed_build.path)
    G.remove_nodes_from([n for n, d in G.nodes(data=True) if d.get("curated") and d.get("template")])
    for node in G:
        G.nodes[node].pop("curated", None)
    from chainkg.graph.store import GRAPH_FILE, write_graph_json
    write_graph_json(G, old / GRAPH_FILE)
    assert main(["export", "pack", "-o", str(tmp_path / "r"), "--out", str(old)]) == 2
    assert "run `chainkg build` again" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["export", "pack", "-o", str(tmp_path / "file"), "--out", out]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_graphml_reads_back_with_the_same_nodes_and_attributes(G, seed_build, tmp_path) -> None:
    path = tmp_path / "g.graphml"
    assert main(["export", "graphml", "-o", str(path), "--out", str(seed_build.path.parent)]) == 0
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert Counter(d["type"] for _, d in H.nodes(data=True)) == Counter(d["label"] for _, d in G.nodes(data=True))
    assert Counter(d["type"] for *_, d in H.edges(data=True)) == Counter(d["type"] for *_, d in G.edges(data=True))
    node = H.nodes["company:中信昆仑锂业"]
    assert node["label"] == "中信昆仑锂业" and node["name"] == "中信昆仑锂业" and node["type"] == "Company"
    project = next(n for n, d in G.nodes(data=True) if d["label"] == "Project" and "capacity_base_value" in d)
    assert H.nodes[project]["capacity_base_value"] == G.nodes[project]["capacity_base_value"]
    assert H.nodes[project]["docs"] == "|".join(G.nodes[project]["docs"])
    u, v, key, d = next((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] == "SUPPLIES")
    assert H.edges[u, v, key]["via"] == "|".join(d["via"]) and H.edges[u, v, key]["label"] == "SUPPLIES"


def test_csv_has_one_file_per_label_and_type_with_headers(G, seed_build, tmp_path) -> None:
    assert main(["export", "csv", "-o", str(tmp_path), "--out", str(seed_build.path.parent)]) == 0
    labels = Counter(d["label"] for _, d in G.nodes(data=True))
    types = Counter(d["type"] for *_, d in G.edges(data=True))
    assert sorted(p.stem for p in (tmp_path / "nodes").glob("*.csv")) == sorted(labels)
    assert sorted(p.stem for p in (tmp_path / "relationships").glob("*.csv")) == sorted(types)
    for label, n in labels.items():
        with open(tmp_path / "nodes" / f"{label}.csv", encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == n and list(rows[0])[0] == "id" and "name" in rows[0]
    with open(tmp_path / "relationships" / "SUPPLIES.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == types["SUPPLIES"] and list(rows[0])[:3] == ["source", "target", "key"]
    assert isinstance(json.loads(rows[0]["via"]), list)


@pytest.mark.browser
def test_pdf_sheets_print_on_a4_without_cut_off_text(G, tmp_path, browser_page) -> None:
    """The printed sheets: A4 pages, and in print layout no text runs past its cell or the page."""
    from pypdf import PdfReader

    pack = export_pack(G, tmp_path, chains=["盐湖化工", "建材"], generated="2026-01-01")
    assert pack.booklet_pdf is not None and not pack.pdf_note
    for f in pack.chains:
        reader = PdfReader(f.pdf)
        assert f.pages == len(reader.pages) >= 1
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (f.name, width, height)
    first = unicodedata.normalize("NFKC", PdfReader(pack.chains[0].pdf).pages[0].extract_text())
    assert "盐湖化工产业链招商工作单" in first.replace(" ", "")  # NFKC: the font maps 工 to the Kangxi radical
    assert browser_page.problems() == []


@pytest.mark.browser
def test_no_sheet_has_text_past_its_cell_or_the_page(pack, browser_page) -> None:
    """Every chain's sheet in chromium's print layout at A4 width: nothing wider than its box."""
    for html in [*(f.sheet for f in pack.chains), pack.booklet]:
        page = browser_page.open(html)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 711, "height": 1000})  # A4 less the side margins, at 96 dpi
        overflow = page.evaluate("""() => {
            const out = [];
            if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push('page');
            for (const el of document.querySelectorAll('td, th, h1, h2, .figures div, .map svg')) {
                if (el.scrollWidth > el.clientWidth + 1) out.push(el.textContent.slice(0, 40));
            }
            return out;
        }""")
        assert overflow == [], html.name
    assert browser_page.problems() == []


def test_document_text_is_escaped_in_sheets_and_maps(G, tmp_path) -> None:
    """A hostile name from a document reaches the sheet, the map and the 招商 page only as text."""
    from chainkg.export.chain_svg import chain_svg
    from chainkg.export.sheet import chain_sheet, render_sheets
    from chainkg.views.tables import chain_tables, forget
    from chainkg.views.targets_page import targets_html

    H = G.copy()
    evil = "<img src=x onerror=alert(1)>"
    H.nodes["company:中信昆仑锂业"]["name"] = evil
    H.nodes["segment:盐湖化工/卤水提锂"]["name"] = evil
    forget(H)
    html = render_sheets(H, [chain_sheet(H, "chain:盐湖化工", chain_tables(H, "chain:盐湖化工"))])
    page = targets_html(H, "chain:盐湖化工", "a.html", "b.html")
    for text in (html, page, chain_svg(H, "chain:盐湖化工")):
        assert "<img" not in text and "&lt;img" in text
