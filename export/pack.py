"""``chainkg export pack``: the 招商 work pack (一图N清单) of every chain, for Excel and for paper.

::

    DIR/
      海西州产业链汇总.xlsx                  every chain together (全州概况, 环节覆盖, 重点项目清单,
                                              产能汇总, 短板清单, 招商目标企业清单, 说明)
      海西州产业链招商工作单.html / .pdf      the booklet: a cover, then every chain's A4 sheet
      01_盐湖化工/
        盐湖化工_产业链清单.xlsx             产业链概况, 环节覆盖, 重点项目清单, 企业清单, 产能汇总,
                                              短板清单, 招商目标企业清单
        盐湖化工_招商工作单.html / .pdf       the chain's A4 sheet
        盐湖化工_产业链图.svg                 the chain map as an image
      02_…/

Folders are numbered in the order the text names the chains. The lists come from
:mod:`chainkg.views.tables`, the workbooks are written by :mod:`chainkg.export.workbook`
(openpyxl), the sheets by :mod:`chainkg.export.sheet` and printed by one chromium
(:mod:`chainkg.export.pdf`) on a worker thread while the workbooks are written (no chromium:
HTML only, and :attr:`Pack.pdf_note` says why).
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.export import pdf as pdf_step
from chainkg.export.sheet import chain_sheet, render_sheets
from chainkg.views.tables import chain_tables, chains_in_order, chains_table, forget, summary_tables
from chainkg.export.workbook import write_workbook
from chainkg.graph import model
from chainkg.views.page import write_page

SUMMARY = "海西州产业链汇总.xlsx"
BOOKLET = "海西州产业链招商工作单"


@dataclass(frozen=True)
class ChainFiles:
    """The files of one chain in the pack."""

    chain: str
    name: str
    folder: Path
    workbook: Path
    sheet: Path
    map: Path
    pdf: Path | None = None
    pages: int | None = None


@dataclass
class Pack:
    """A written pack: its folder, the summary workbook, the booklet and each chain's files."""

    folder: Path
    summary: Path
    booklet: Path
    booklet_pdf: Path | None
    chains: list[ChainFiles] = field(default_factory=list)
    pdf_note: str = ""
    seconds: float = 0.0


def chain_folder(G: nx.MultiDiGraph, chain: str) -> str:
    """``NN_<name>``: a chain's folder in the pack, numbered in template order."""
    attrs = G.nodes[chain]
    return f"{attrs.get('order', 0):02d}_{attrs['name']}"


def select_chains(G: nx.MultiDiGraph, names: list[str] | None) -> list[str]:
    """Chain ids for ``--chain`` values (name, id or slug), in template order; all when none given.
    ChainkgError naming the value and listing the chains when one matches nothing."""
    every = chains_in_order(G)
    if not names:
        return every
    chosen = set()
    for name in names:
        hit = [c for c in every if name in (c, G.nodes[c]["name"], G.nodes[c].get("slug"))]
        if not hit:
            valid = "、".join(G.nodes[c]["name"] for c in every)
            raise ChainkgError(f"--chain {name!r}: no such chain; the chains are {valid}")
        chosen.update(hit)
    return [c for c in every if c in chosen]


def export_pack(G: nx.MultiDiGraph, out: Path, chains: list[str] | None = None, pdf: bool = True,
                generated: str | None = None) -> Pack:
    """Write the pack for ``chains`` (names; default all) and the summary of all chains to ``out``."""
    started = time.perf_counter()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ChainkgError(f"-o {out}: exists and is not a folder")
    selected = select_chains(G, chains)
    forget(G)
    generated = generated or date.today().isoformat()
    out.mkdir(parents=True, exist_ok=True)
    props = {"creator": "chainkg", "subject": "海西州产业链招商工作包(一图N清单)"}
    printer = pdf_step.open_printer() if pdf else None
    pack = Pack(out, out / SUMMARY, out / f"{BOOKLET}.html", None)
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chainkg-pdf") as prints:
            pages: dict[Path, Future[int]] = {}

            def queue(html: Path) -> None:  # chromium prints while the workbooks are written
                if printer is not None:
                    pages[html] = prints.submit(printer.print_pdf, html, html.with_suffix(".pdf"))

            sheets = []
            for chain in selected:
                name = str(G.nodes[chain]["name"])
                folder = out / chain_folder(G, chain)
                folder.mkdir(parents=True, exist_ok=True)
                tables = chain_tables(G, chain)
                sheet = chain_sheet(G, chain, tables)
                sheets.append(sheet)
                html = write_page(render_sheets(G, [sheet], generated=generated), folder / f"{name}_招商工作单.html")
                queue(html)
                svg = write_page(sheet.svg, folder / f"{name}_产业链图.svg")
                workbook = folder / f"{name}_产业链清单.xlsx"
                write_workbook(tables, workbook, {**props, "title": f"{name}产业链清单"})
                pack.chains.append(ChainFiles(chain, name, folder, workbook, html, svg))
            cover = {"title": f"海西州产业链招商工作单({len(sheets)}条产业链)", "documents": _all_documents(G),
                     "chains": _cover_rows(G, selected, sheets)}
            write_page(render_sheets(G, sheets, cover=cover, generated=generated), pack.booklet)
            queue(pack.booklet)
            write_workbook(summary_tables(G), pack.summary, {**props, "title": "海西州产业链汇总"})
            if printer is not None:
                pack.chains = [replace(f, pdf=f.sheet.with_suffix(".pdf"), pages=pages[f.sheet].result())
                               for f in pack.chains]
                pages[pack.booklet].result()
                pack.booklet_pdf = pack.booklet.with_suffix(".pdf")
    finally:
        if printer is not None:
            printer.close()
    if printer is None and pdf:
        pack.pdf_note = "no PDF: chromium is not installed (the HTML sheets print from any browser)"
    pack.seconds = time.perf_counter() - started
    return pack


def _all_documents(G: nx.MultiDiGraph) -> list[str]:
    rows = sorted((str(d.get("date") or ""), str(d.get("title"))) for _, d in G.nodes(data=True)
                  if d["label"] == model.DOCUMENT)
    return [f"《{title}》{day or '日期不详'}" for day, title in rows]


def _cover_rows(G: nx.MultiDiGraph, selected: list[str], sheets: list) -> list[dict[str, object]]:
    rows = {r["chain"]: r for r in chains_table(G).rows}
    out = []
    for chain, sheet in zip(selected, sheets):
        r = rows[G.nodes[chain]["name"]]
        targets = ";".join(f"{zh}:{r[k]}" for k, zh in (("fill", "补链"), ("extend", "延链"), ("strengthen", "强链"))
                           if r[k])
        out.append({"name": sheet.name, "anchor": sheet.anchor, "segments": r["segments"], "ratio": f"{r['ratio']:.0%}",
                    "candidates": r["candidates"], "targets": targets})
    return out
