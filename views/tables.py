"""The lists of the 招商 work pack as plain data: one :class:`Table` per sheet, Chinese headers.

Every list a chain's workbook holds (:func:`chain_tables`) and the prefecture-wide summary
(:func:`summary_tables`) is built here from the graph and the library queries' rows (the
embedded store, the same rows as the Cypher files); the workbook writer
(:mod:`chainkg.export.workbook`) and the printable sheet (:mod:`chainkg.export.sheet`) only lay
them out. Every row names its source: ``《document title》date`` (plus the ledger sheet and
row when the fact came from a ledger), or the public source of a curated firm, so a printed
list can be checked by a reader who never opens the tool.

>>> [c.header for c in TARGET_COLUMNS][:6]
['产业链', '招商目标', '目标环节', '环节状态', '排序', '企业']
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from chainkg.graph import model
from chainkg.graph.candidates import KIND_MEANING, KIND_ZH, KINDS, source_of
from chainkg.graph.gaps import project_standing
from chainkg.graph.gaps import STATE_MEANING, STATE_ZH, STATES, TARGET_MEANING, TARGET_ZH, TARGETS
from chainkg.queries.run import run_embedded

SHEETS: tuple[str, ...] = ("产业链概况", "环节覆盖", "重点项目清单", "企业清单", "产能汇总", "短板清单", "招商目标企业清单")
"""The sheets of every chain workbook, in order."""

SUMMARY_SHEETS: tuple[str, ...] = ("全州概况", "环节覆盖", "重点项目清单", "产能汇总", "短板清单", "招商目标企业清单", "说明")
"""The sheets of the prefecture-wide summary workbook, in order."""

STAGE_ZH: dict[str, str] = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
CLASS_ZH: dict[str, str] = {"operating": "在产(含试产)", "under_construction": "在建", "planned": "规划/签约"}
NO_TARGETS = "本链暂无补链、延链、强链目标"

# base unit -> (unit shown, divisor): the figures staff read (万吨, 万千瓦), not base units
DISPLAY_UNITS: dict[str, tuple[str, float]] = {
    "t": ("万吨", 1e4), "W": ("万千瓦", 1e7), "Wh": ("万千瓦时", 1e7), "set": ("台(套)", 1.0),
    "piece": ("片", 1.0), "item": ("件", 1.0), "km": ("公里", 1.0), "core_km": ("芯公里", 1.0), "m3": ("立方米", 1.0), "m2": ("平方米", 1.0),
}


@dataclass(frozen=True)
class Column:
    """One column: the row key, its Chinese header, a width in characters (Excel's unit),
    whether it holds long text that should wrap, and an Excel number format (``0%``)."""

    key: str
    header: str
    width: float
    wrap: bool = False
    number_format: str | None = None


@dataclass
class Table:
    """One sheet: its Chinese name, a one-line note on what it lists, columns and rows."""

    name: str
    note: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def keys(self) -> list[str]:
        """The row keys, in column order."""
        return [c.key for c in self.columns]


_ROWS: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, list[dict[str, Any]]]] = weakref.WeakKeyDictionary()


def query_rows(G: nx.MultiDiGraph, name: str, chain: str | None = None) -> list[dict[str, Any]]:
    """Rows of library query ``name`` over every chain (run once per graph and kept), or only
    those of ``chain`` (a name or id). The export only reads ``G``; :func:`forget` drops the
    kept rows of a graph that changed."""
    kept = _ROWS.setdefault(G, {})
    if name not in kept:
        kept[name] = run_embedded(G, name)
    if chain is None:
        return kept[name]
    wanted = G.nodes[_chain_id(G, chain)]["name"]
    return [r for r in kept[name] if r["chain"] == wanted]


def forget(G: nx.MultiDiGraph) -> None:
    """Drop the rows :func:`query_rows` kept for ``G``."""
    _ROWS.pop(G, None)


def _join(items: list[str] | tuple[str, ...] | set[str], sep: str = "、") -> str:
    return sep.join(items)


def _dates(G: nx.MultiDiGraph, node: str) -> str:
    """The span of dates of a node's evidence: ``2023`` or ``2022–2023`` ('' when none)."""
    dates = sorted({str(m.get("date") or G.nodes[d].get("date") or G.nodes[d].get("published") or "")
                    for _, d, m in G.out_edges(node, data=True) if m["type"] == model.MENTIONED_IN} - {""})
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]}–{dates[-1]}"


def _chain_id(G: nx.MultiDiGraph, chain: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["label"] == model.CHAIN and chain in (n, d["name"]))


def chains_in_order(G: nx.MultiDiGraph) -> list[str]:
    """Chain ids, in the order the templates name them."""
    return [n for _, n in sorted((d.get("order", 0), n) for n, d in G.nodes(data=True) if d["label"] == model.CHAIN)]


def _fact_text(G: nx.MultiDiGraph, fact: str) -> str:
    source = source_of(G, [fact])
    return f"{G.nodes[fact].get('name', fact)}({source or '无来源'})"


# ----------------------------------------------------------------------------- per-chain lists


def overview_table(G: nx.MultiDiGraph, chain: str) -> Table:
    """产业链概况: key figures of one chain, as item / value / note rows."""
    cid = _chain_id(G, chain)
    c = G.nodes[cid]
    summary = query_rows(G, "coverage_summary")
    row = next(r for r in summary if r["chain"] == c["name"])
    projects = run_embedded(G, "chain_projects", {"chain": cid})
    companies = {r["company"] for r in projects if r["company"]}
    documents = _chain_documents(G, cid)
    items: list[tuple[str, Any, str]] = [
        ("产业链", c["name"], "官方链条" if c.get("official", True) else "资料提及的其他产业方向"),
        ("链上环节数", row["segments"], "按产业链模板(data/chains.yaml)"),
    ]
    items += [(f"状态为「{STATE_ZH[s]}」的环节", row[s], STATE_MEANING[s]) for s in STATES]
    items += [
        ("覆盖率(强+有)", f"{row['coverage_ratio']:.0%}", "状态为强或有的环节占全部环节的比例"),
        *[(f"{TARGET_ZH[t]}目标环节", _join(row[t]) or "无", TARGET_MEANING[t]) for t in TARGETS],
        ("本链项目数", len({r["project_id"] for r in projects}), "资料中提到的本链项目(含规划、签约)"),
        ("本链企业数", len(companies), "建设本链项目的企业"),
        ("依据文件", _join(documents, ";") or "无", "本链事实来自这些文件(标题与日期)"),
    ]
    table = Table("产业链概况", f"{c['name']}产业链概况", [
        Column("item", "项目", 22), Column("value", "内容", 40, wrap=True), Column("note", "说明", 60, wrap=True)])
    table.rows = [{"item": i, "value": v, "note": n} for i, v, n in items]
    return table


def _chain_documents(G: nx.MultiDiGraph, cid: str) -> list[str]:
    """《title》date of every document behind a fact of the chain's segments, by date then title."""
    docs: set[str] = set()
    for seg in (s for s, _, d in G.in_edges(cid, data=True) if d["type"] == model.PART_OF):
        for fact in G.nodes[seg].get("facts", []):
            docs |= {d for _, d, m in G.out_edges(fact, data=True) if m["type"] == model.MENTIONED_IN}
    for r in (p for p in G.nodes if G.nodes[p]["label"] == model.PROJECT and G.nodes[p].get("chain") == G.nodes[cid]["name"]):
        docs |= {d for _, d, m in G.out_edges(r, data=True) if m["type"] == model.MENTIONED_IN}
    rows = sorted((str(G.nodes[d].get("date") or ""), str(G.nodes[d].get("title"))) for d in docs)
    return [f"《{title}》{date or '日期不详'}" for date, title in rows]


def coverage_table(G: nx.MultiDiGraph, chain: str | None) -> Table:
    """环节覆盖: every link's state, target, reason and the facts behind it with their sources."""
    table = Table("环节覆盖", "每个环节的状态、招商目标、判断理由与依据(事实及其来源)", [
        Column("chain", "产业链", 14), Column("order", "序号", 6), Column("segment", "环节", 18),
        Column("stage", "位置", 7), Column("state", "状态", 8), Column("target", "招商目标", 9),
        Column("reason", "判断理由", 50, True), Column("fact_count", "依据数", 8),
        Column("sources", "独立来源数", 10), Column("evidence", "依据与来源", 60, True),
        Column("disagreement", "来源不一致", 30, True)])
    for r in query_rows(G, "segment_coverage", chain):
        facts = [_fact_text(G, f) for f in r["facts"] if f in G]
        table.rows.append({
            "chain": r["chain"], "order": r["segment_order"], "segment": r["segment"],
            "stage": STAGE_ZH.get(r["stage"] or "", r["stage"]), "state": r["state_zh"], "target": r["target_zh"] or "",
            "reason": r["reason"] or "", "fact_count": r["fact_count"], "sources": r["sources"],
            "evidence": _join(facts, ";\n") or "资料未提及", "disagreement": r["disagreement"] or ""})
    return table


def projects_table(G: nx.MultiDiGraph, chains: list[str]) -> Table:
    """重点项目清单: every project of the chains with company, product, capacity, status, dates, source."""
    table = Table("重点项目清单", "资料中提到的本链项目:企业、产品、产能、进度、日期与来源", [
        Column("chain", "产业链", 14), Column("segment", "环节", 16), Column("project", "项目", 34, True),
        Column("company", "企业", 16), Column("product", "产品", 14), Column("capacity", "产能(原文)", 16),
        Column("status", "进度", 10), Column("status_text", "进度原文", 12), Column("class", "类别", 12),
        Column("place", "地点", 12), Column("dates", "资料日期", 11), Column("source", "来源", 44, True)])
    for chain in chains:
        for r in run_embedded(G, "chain_projects", {"chain": chain}):
            table.rows.append({
                "chain": r["chain"], "segment": r["segment"], "project": r["project"], "company": r["company"] or "",
                "product": r["product"], "capacity": r["capacity"] or "", "status": _status_zh(r["status"]),
                "status_text": r["status_text"] or "", "class": CLASS_ZH[r["capacity_class"]],
                "place": r["place"] or "", "dates": _dates(G, r["project_id"]),
                "source": source_of(G, [r["project_id"]]) or ""})
    return table


STATUS_ZH: dict[str, str] = {"negotiating": "洽谈", "signed": "签约", "preparing": "前期", "under_construction": "在建",
                             "trial": "试产", "operating": "投产"}
"""The status scale (:data:`chainkg.status.SCALE`) in the words staff use."""


def _status_zh(status: str | None) -> str:
    return "" if status is None else STATUS_ZH.get(status, status)


def companies_table(G: nx.MultiDiGraph, chain: str) -> Table:
    """企业清单: the firms with projects or statements in the chain, with their links and source."""
    cid = _chain_id(G, chain)
    segments = {s for s, _, d in G.in_edges(cid, data=True) if d["type"] == model.PART_OF}
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for seg in segments:
        for product in (p for p, _, d in G.in_edges(seg, data=True) if d["type"] == model.IN_SEGMENT):
            for fact, _, d in G.in_edges(product, data=True):
                if d["type"] == model.PRODUCES and G.nodes[fact]["label"] == model.PROJECT:
                    firms = [c for c, _, e in G.in_edges(fact, data=True) if e["type"] == model.BUILDS]
                elif d["type"] == model.ABOUT and G.nodes[fact]["label"] == model.STATEMENT:
                    firms = [c for _, c, e in G.out_edges(fact, data=True) if e["type"] == model.BY]
                else:
                    continue
                for firm in firms:
                    facts[firm]["segments"].add(G.nodes[seg]["name"])
                    facts[firm]["facts"].add(fact)
                    facts[firm]["products"].add(G.nodes[product]["name"])
    table = Table("企业清单", "在本链有项目或被资料提及在产的企业", [
        Column("company", "企业", 18), Column("segments", "所在环节", 22, True), Column("products", "产品", 22, True),
        Column("projects", "项目数", 8), Column("active", "在产/在建项目数", 14),
        Column("facts", "相关事实", 40, True), Column("leader", "全国龙头环节", 18, True),
        Column("source", "来源", 44, True)])
    for firm in sorted(facts, key=lambda f: (G.nodes[f]["name"], f)):
        f = facts[firm]
        projects = [x for x in f["facts"] if G.nodes[x]["label"] == model.PROJECT]
        active = [p for p in projects if project_standing(G.nodes[p]) == "active"]
        leads = sorted(G.nodes[s]["name"] for _, s, d in G.out_edges(firm, data=True) if d["type"] == model.LEADS_IN)
        table.rows.append({
            "company": G.nodes[firm]["name"], "segments": _join(sorted(f["segments"])),
            "products": _join(sorted(f["products"])), "projects": len(projects), "active": len(active),
            "facts": _join(sorted(str(G.nodes[x]["name"]) for x in f["facts"])), "leader": _join(leads),
            "source": source_of(G, sorted(f["facts"])) or ""})
    return table


def capacity_table(G: nx.MultiDiGraph, chain: str | None) -> Table:
    """产能汇总: capacity per product, in operation / being built / planned, in the units staff read."""
    table = Table("产能汇总", "按产品汇总的本地产能(单位不同的数字从不相加);来源为计入的项目", [
        Column("chain", "产业链", 14), Column("product", "产品", 16), Column("unit", "单位", 10),
        Column("operating", "在产(含试产)", 13), Column("under_construction", "在建", 10),
        Column("planned", "规划/签约", 11), Column("total", "合计", 10), Column("projects", "计入项目", 40, True),
        Column("source", "来源", 44, True)])
    for r in query_rows(G, "capacity_totals", chain):
        if not r["chain"]:
            continue
        unit, div = DISPLAY_UNITS.get(r["base_unit"], (r["base_unit"], 1.0))
        projects = sorted(p for p, d in G.nodes(data=True) if d["label"] == model.PROJECT
                          and d.get("capacity_base_unit") == r["base_unit"]
                          and d.get("product_id") in G and G.nodes[d["product_id"]].get("name") == r["product"])
        table.rows.append({
            "chain": r["chain"], "product": r["product"], "unit": unit,
            **{k: round(r[k] / div, 4) for k in ("operating", "under_construction", "planned", "total")},
            "projects": _join([str(G.nodes[p]["name"]) for p in projects]),
            "source": _join(sorted({s for p in projects for s in [source_of(G, [p])] if s}), ";")})
    return table


def shortfall_table(G: nx.MultiDiGraph, chain: str | None) -> Table:
    """短板清单: the links that are 补链 / 延链 / 强链 targets or lacking, with reason and source."""
    table = Table("短板清单", "补链、延链、强链目标环节和资料称缺失或薄弱的环节", [
        Column("chain", "产业链", 14), Column("segment", "环节", 18), Column("stage", "位置", 7),
        Column("state", "状态", 8), Column("target", "招商目标", 9), Column("reason", "理由", 56, True),
        Column("source", "依据与来源", 56, True)])
    for r in query_rows(G, "segment_coverage", chain):
        if r["target"] is None and r["state"] != "lacking":
            continue
        facts = [_fact_text(G, f) for f in r["facts"] if f in G]
        table.rows.append({
            "chain": r["chain"], "segment": r["segment"], "stage": STAGE_ZH.get(r["stage"] or "", ""),
            "state": r["state_zh"], "target": r["target_zh"] or "", "reason": r["reason"] or "",
            "source": _join(facts, ";\n") or "资料未提及本环节(依据为产业链模板与上下游环节的事实)"})
    return table


NO_CANDIDATE_SOURCE = "产业链模板(data/chains.yaml)与全国龙头清单(data/industry_firms.yaml)"
"""The source of a target link's no-candidate row: what was searched."""

TARGET_COLUMNS: list[Column] = [
    Column("chain", "产业链", 14), Column("target", "招商目标", 9), Column("segment", "目标环节", 16),
    Column("coverage", "环节状态", 9), Column("rank", "排序", 6), Column("company", "企业", 16),
    Column("kind", "类别", 14), Column("province", "省份", 8), Column("listed", "上市", 13),
    Column("makes", "主营/相关产品", 24, True),
    Column("why", "推荐理由", 56, True), Column("source", "来源", 48, True), Column("reason", "环节理由", 48, True)]


def target_rows(G: nx.MultiDiGraph, chain: str | None) -> list[dict[str, Any]]:
    """The targets query's rows (candidate firms per target link) as the 招商目标企业清单 shows them."""
    rows = query_rows(G, "targets", chain)
    return [{"chain": r["chain"], "target": r["target_zh"], "segment": r["segment"], "coverage": r["coverage_zh"],
             "rank": r["rank"] if r["rank"] is not None else "", "company": r["company"] or "(暂无候选)",
             "kind": r["kind_zh"] or "", "province": r["province"] or "",
             "listed": G.nodes[r["company_id"]].get("listed", "") if r["company_id"] in G else "",
             "makes": r["makes"] or "",
             "why": r["why"], "source": r["source"] or NO_CANDIDATE_SOURCE, "reason": r["reason"] or ""} for r in rows]


def targets_table(G: nx.MultiDiGraph, chain: str | None) -> Table:
    """招商目标企业清单: ranked candidate firms per target link; an explicit row when there is none."""
    table = Table("招商目标企业清单", "每个补链、延链、强链环节的候选企业:先本地上下游,再资料中的意向企业,再全国龙头",
                  list(TARGET_COLUMNS))
    table.rows = target_rows(G, chain)
    if not table.rows and chain:
        name = G.nodes[_chain_id(G, chain)]["name"]
        table.rows.append({"chain": name, "target": "无", "segment": "", "coverage": "", "rank": "",
                           "company": "(无)", "kind": "", "province": "", "listed": "", "makes": "",
                           "why": f"{NO_TARGETS}:没有缺或待核实且位于已有环节之间或下游的环节,也没有只依靠一家企业的环节。",
                           "source": "按本链各环节的覆盖状态判定(见产业链图)", "reason": ""})
    return table


EMPTY: dict[str, str] = {
    "重点项目清单": "资料中没有本链的项目",
    "企业清单": "资料中没有在本链有项目或在产陈述的企业",
    "产能汇总": "资料中本链项目没有可汇总的产能数字",
    "短板清单": "本链没有补链、延链、强链目标环节,资料也没有称某环节缺失或薄弱",
}
"""What an empty list says in its one row: a sheet never stands empty under its header."""


def say_none(table: Table, chain: str) -> Table:
    """Give an empty ``table`` one row saying why it is empty (:data:`EMPTY`), chain named."""
    if table.rows or table.name not in EMPTY:
        return table
    text_key = next((c.key for c in table.columns if c.wrap), table.columns[-1].key)
    row = {c.key: "" for c in table.columns}
    row[table.columns[0].key] = chain if table.columns[0].key == "chain" else "(无)"
    row[text_key] = f"(无){EMPTY[table.name]}。"
    table.rows.append(row)
    return table


def chain_tables(G: nx.MultiDiGraph, chain: str) -> list[Table]:
    """The seven lists of one chain's workbook (:data:`SHEETS`), in order; an empty list gets
    one row saying so (:func:`say_none`)."""
    cid = _chain_id(G, chain)
    name = str(G.nodes[cid]["name"])
    return [say_none(t, name) for t in (
        overview_table(G, cid), coverage_table(G, cid), projects_table(G, [cid]), companies_table(G, cid),
        capacity_table(G, cid), shortfall_table(G, cid), targets_table(G, cid))]


# ----------------------------------------------------------------------------- prefecture-wide


def chains_table(G: nx.MultiDiGraph) -> Table:
    """全州概况: one row per chain with its states, coverage, targets, projects and candidates."""
    table = Table("全州概况", "海西州各产业链的环节状态、覆盖率、招商目标与候选企业数", [
        Column("chain", "产业链", 16), Column("official", "类型", 9), Column("segments", "环节数", 8),
        *[Column(s, f"{STATE_ZH[s]}", 6) for s in STATES], Column("ratio", "覆盖率", 8, number_format="0%"),
        *[Column(t, TARGET_ZH[t], 28, True) for t in TARGETS], Column("projects", "项目数", 8),
        Column("candidates", "候选企业数", 10), Column("file", "分链工作簿", 34)])
    targets = query_rows(G, "targets")
    for r in query_rows(G, "coverage_summary"):
        cid = _chain_id(G, r["chain"])
        table.rows.append({
            "chain": r["chain"], "official": "官方链条" if r["official"] is not False else "其他方向",
            "segments": r["segments"], **{s: r[s] for s in STATES}, "ratio": r["coverage_ratio"],
            **{t: _join(r[t]) for t in TARGETS},
            "projects": len({p["project_id"] for p in run_embedded(G, "chain_projects", {"chain": cid})}),
            "candidates": len({t["company_id"] for t in targets if t["chain"] == r["chain"] and t["company_id"]}),
            "file": chain_file_name(G, cid)})
    return table


def notes_table() -> Table:
    """说明: what the states, targets and candidate kinds mean (the words gaps.py and candidates.py give)."""
    table = Table("说明", "状态、招商目标与候选企业类别的含义", [
        Column("term", "术语", 18), Column("meaning", "含义", 90, True)])
    table.rows = ([{"term": f"状态:{STATE_ZH[s]}", "meaning": STATE_MEANING[s]} for s in STATES]
                  + [{"term": f"目标:{TARGET_ZH[t]}", "meaning": TARGET_MEANING[t]} for t in TARGETS]
                  + [{"term": f"候选:{KIND_ZH[k]}", "meaning": KIND_MEANING[k]} for k in KINDS]
                  + [{"term": "来源", "meaning": "《文件标题》日期(台账另注表名与行号);全国龙头为公开资料(发布单位,年份)"}])
    return table


def summary_tables(G: nx.MultiDiGraph) -> list[Table]:
    """The prefecture-wide workbook's lists (:data:`SUMMARY_SHEETS`), every chain together."""
    return [chains_table(G), coverage_table(G, None), projects_table(G, chains_in_order(G)), capacity_table(G, None),
            shortfall_table(G, None), targets_table(G, None), notes_table()]


def chain_file_name(G: nx.MultiDiGraph, chain: str) -> str:
    """The chain workbook's path in the pack: ``NN_<name>/<name>_产业链清单.xlsx`` (see export/pack.py)."""
    c = G.nodes[_chain_id(G, chain)]
    return f"{c.get('order', 0):02d}_{c['name']}/{c['name']}_产业链清单.xlsx"
