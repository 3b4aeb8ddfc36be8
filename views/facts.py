"""What a view says about one knowledge-graph node: its facts, its evidence, its coverage style.

Every view builder (chain map, company and product views, the whole graph) and every site page
describe a node through :func:`view_node`, so a project shows the same capacity, status and
coverage wherever it appears. Coverage comes from :mod:`chainkg.graph.gaps` (the one written
definition) through :class:`Coverage`; nothing here decides coverage again.

Links are given by the caller as a function from node id to a relative href (or ``None``):
the site knows where its pages are, a stand-alone view has none (:func:`no_links`).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("document:d1", label="Document", name="示例文件", title="示例文件")
>>> G.add_node("company:示例", label="Company", name="示例", aliases=["示例", "示例公司"])
>>> _ = G.add_edge("company:示例", "document:d1", key="k1", type="MENTIONED_IN", sentence="示例句。")
>>> _ = G.add_edge("company:示例", "document:d1", key="k2", type="MENTIONED_IN", sentence="示例句。")
>>> evidence(G, "company:示例")
[{'document': '示例文件', 'sentence': '示例句。'}]
>>> dict(node_facts(G, "company:示例", coverage_of(G)))["别名 aliases"]
'示例、示例公司'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chainkg.graph import model
from chainkg.graph.gaps import STATE_ZH, TARGET_ZH, chain_gaps, project_fact_standing, segment_coverage
from chainkg.ingest.status import SCALE
from chainkg.views.style import STYLE_LOOKS

Links = Callable[[str], "str | None"]
"""Node id -> relative href of the node's page, or None when it has none."""

STAGE_TEXT = {"upstream": "上游 upstream", "midstream": "中游 midstream", "downstream": "下游 downstream"}
MODE_TEXT = {"reported": "已报告进展 reported", "planned": "年度计划任务 planned (this year's tasks)"}
STANDING_TEXT = {"present": "已投产或试产:表明该环节已有", "building": "在建:表明该环节在建",
                 "planned": "仅洽谈、签约或计划", "lacking": "表明该环节缺失或薄弱"}
STATEMENT_STANDING_TEXT = {"present": "该环节已有", "building": "该环节在建", "planned": "该环节在规划",
                           "lacking": "该环节缺失或薄弱"}
MAX_LISTED = 12
"""Most names listed in one fact (a segment's template products); the rest are counted."""


def no_links(node: str) -> str | None:
    """The link function of a stand-alone view: no node has a page."""
    return None


@dataclass(frozen=True)
class Coverage:
    """Coverage of a graph as :mod:`chainkg.graph.gaps` decides it, computed once per graph."""

    segments: dict[str, dict[str, Any]]
    """Segment id -> :func:`chainkg.graph.gaps.segment_coverage` row."""
    chains: dict[str, dict[str, Any]]
    """Chain id -> :func:`chainkg.graph.gaps.chain_gaps` row."""


def coverage_of(G: nx.MultiDiGraph) -> Coverage:
    """Segment and chain coverage of ``G`` (see :mod:`chainkg.graph.gaps`)."""
    segments = segment_coverage(G)
    return Coverage(segments, {row["chain"]: row for row in chain_gaps(G, segments)})


def node_style(G: nx.MultiDiGraph, node: str, coverage: Coverage) -> str | None:
    """Coverage style of a node: a segment's coverage, a project's standing, else None."""
    label = G.nodes[node]["label"]
    if label == model.SEGMENT:
        return coverage.segments[node]["coverage"]
    if label == model.PROJECT:
        return project_fact_standing(G.nodes[node])
    if label == model.STATEMENT:
        return {"lacking": "lacking", "building": "building"}.get(G.nodes[node].get("standing", ""), "present")
    return None


def evidence(G: nx.MultiDiGraph, node: str) -> list[dict[str, str]]:
    """The node's evidence: one ``{document, sentence}`` per distinct sentence, in document order.

    A ledger row (evidence with a ``row``) names its place as the document: file · sheet · row
    ("项目台账.xlsx · 台账 · 第5行"), its sentence being the row as "表头: 值" text.
    """
    seen: dict[tuple[str, str], tuple[str, int, int]] = {}
    for _, doc, data in G.out_edges(node, data=True):
        if data["type"] != model.MENTIONED_IN or "sentence" not in data:
            continue
        doc_attrs = G.nodes[doc]
        title = str(doc_attrs.get("title") or doc_attrs.get("name") or doc)
        if data.get("row") is not None:
            title = ledger_place(str(doc_attrs.get("file") or title), data.get("sheet"), int(data["row"]))
        key = (title, str(data["sentence"]))
        order = (doc, int(data.get("sentence_index", 0)), int(data.get("start", 0)))
        seen[key] = min(seen.get(key, order), order)
    return [{"document": title, "sentence": sentence}
            for (title, sentence), _ in sorted(seen.items(), key=lambda item: item[1])]


def ledger_place(file: str, sheet: str | None, row: int) -> str:
    """Where a ledger row is: its file's name, its sheet (none for a CSV file) and its row number.

    >>> ledger_place("ledgers/项目台账示例.xlsx", "台账", 5), ledger_place("名录.csv", None, 3)
    ('项目台账示例.xlsx · 台账 · 第5行', '名录.csv · 第3行')
    """
    return " · ".join([file.rsplit("/", 1)[-1], *([sheet] if sheet else []), f"第{row}行"])


def neighbours(G: nx.MultiDiGraph, node: str, rel_type: str, direction: str = "out") -> list[str]:
    """Distinct nodes at the other end of ``node``'s ``rel_type`` relationships, sorted.

    ``direction``: ``"out"`` (node is the source) or ``"in"`` (node is the target).
    """
    edges = G.out_edges(node, data="type") if direction == "out" else G.in_edges(node, data="type")
    ends = {target if direction == "out" else source for source, target, t in edges if t == rel_type}
    return sorted(ends)


def chain_of_segment(G: nx.MultiDiGraph, segment: str) -> str:
    """The chain a segment is PART_OF."""
    return neighbours(G, segment, model.PART_OF)[0]


def segment_of_product(G: nx.MultiDiGraph, product: str) -> str | None:
    """The segment a product is IN_SEGMENT, or None when the product is unmapped."""
    segments = neighbours(G, product, model.IN_SEGMENT)
    return segments[0] if segments else None


def node_facts(G: nx.MultiDiGraph, node: str, coverage: Coverage) -> list[tuple[str, str]]:
    """``(key, value)`` facts shown for a node, by label; values are plain text."""
    attrs = G.nodes[node]
    facts = _FACTS.get(attrs["label"], _document_facts)(G, node, attrs, coverage)
    return [(key, value) for key, value in facts if value not in (None, "", [])]


def view_node(G: nx.MultiDiGraph, node: str, coverage: Coverage, links: Links = no_links,
              name: str | None = None, level: int | None = None) -> dict[str, Any]:
    """View-graph node attributes for knowledge-graph node ``node`` (see :mod:`chainkg.views.viewgraph`)."""
    attrs = G.nodes[node]
    out: dict[str, Any] = {
        "label": attrs["label"],
        "name": name or str(attrs.get("name") or node),
        "facts": node_facts(G, node, coverage),
        "evidence": evidence(G, node),
    }
    style = node_style(G, node, coverage)
    if style is not None:
        out["style"] = style
    href = links(node)
    if href is not None:
        out["href"] = href
    if level is not None:
        out["level"] = level
    return out


def coverage_text(style: str | None) -> str:
    """The legend text of a coverage style ("缺:有来源称…" …)."""
    return STYLE_LOOKS[style][5] if style else ""


def status_text(attrs: dict[str, Any]) -> str:
    """A project's status as written, with its place on the scale: ``有序推进 (under_construction 4/6)``."""
    key = attrs.get("status")
    if not key:
        return ""
    written = attrs.get("status_text") or key
    return f"{written} ({key} {attrs.get('status_rank', 0)}/{len(SCALE)})"


def capacity_text(attrs: dict[str, Any]) -> str:
    """A project's capacity as written, with its value in base units: ``年产2万吨 (= 20000 t/年)``."""
    written = attrs.get("capacity_text")
    if not written:
        return ""
    if "capacity_base_value" not in attrs:
        return str(written)
    value = float(attrs["capacity_base_value"])
    shown = f"{value:,.0f}" if value == int(value) else f"{value:,g}"
    per = "/年" if attrs.get("capacity_per_year") else ""
    return f"{written} (= {shown} {attrs.get('capacity_base_unit', '')}{per})"


def _names(G: nx.MultiDiGraph, nodes: list[str]) -> str:
    names = [str(G.nodes[n].get("name", n)) for n in nodes]
    more = len(names) - MAX_LISTED
    return "、".join(names[:MAX_LISTED]) + (f" … (+{more})" if more > 0 else "")


def _chain_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage) -> list[tuple[str, Any]]:
    row = coverage.chains.get(node, {})
    return [
        ("环节 segments", str(row.get("segments", 0))),
        ("已有环节占比", f"{row.get('coverage_ratio', 0.0):.0%} "
                     f"({row.get('n_strong', 0) + row.get('n_present', 0)}/{row.get('segments', 0)})"),
        ("强 / 有 / 在建 / 规划 / 缺 / 待核实", " / ".join(str(row.get(f"n_{k}", 0)) for k in STATE_ZH)),
        ("补链 fill", "、".join(row.get("fill", []))),
        ("延链 extend", "、".join(row.get("extend", []))),
        ("强链 strengthen", "、".join(row.get("strengthen", []))),
        ("分支 branches", "、".join(attrs.get("branches", []))),
        ("十二条链之一 official", "是 yes" if attrs.get("official") else "否 no (extra sector)"),
    ]


def _segment_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    row = coverage.segments[node]
    products = neighbours(G, node, model.IN_SEGMENT, "in")
    return [
        ("产业链 chain", G.nodes[row["chain"]]["name"]),
        ("阶段 stage", STAGE_TEXT.get(str(attrs.get("stage")), attrs.get("stage"))),
        ("环节序号 order", str(attrs.get("order", ""))),
        ("分支 branch", attrs.get("branch")),
        ("覆盖 coverage", coverage_text(row["coverage"])),
        ("招商 target", TARGET_ZH.get(row.get("target") or "", "")),
        ("依据 reason", row.get("reason")),
        ("来源不一致", row.get("disagreement")),
        ("判断依据的事实", _names(G, [f for f in row.get("facts", []) if f in G])),
        ("项目 projects", f"{len(row['projects'])} (在建及以上 active {len(row['active_projects'])})"),
        ("企业 companies", _names(G, row["companies"])),
        ("产品 products", _names(G, products)),
    ]


def _product_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    segment = segment_of_product(G, node)
    return [
        ("环节 segment", G.nodes[segment]["name"] if segment else "未归入环节 unmapped"),
        ("产业链 chain", G.nodes[chain_of_segment(G, segment)]["name"] if segment else None),
        ("环节覆盖 segment coverage", coverage_text(coverage.segments[segment]["coverage"]) if segment else None),
        ("同义词 synonyms", "、".join(attrs.get("synonyms", []))),
        ("项目 projects", str(len(neighbours(G, node, model.PRODUCES, "in")))),
    ]


def _company_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    projects = neighbours(G, node, model.BUILDS)
    chains = sorted({G.nodes[p].get("chain") for p in projects if G.nodes[p].get("chain")})
    stated = neighbours(G, node, model.BY, "in")
    return [
        ("别名 aliases", "、".join(attrs.get("aliases", []))),
        ("项目 projects", str(len(projects))),
        ("在产与现状", _names(G, stated)),
        ("产业链 chains", "、".join(chains)),
        ("合并依据 merged by", "; ".join(attrs.get("merge_rules", []))),
    ]


def _project_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    return [
        ("企业 company", attrs.get("company") or "未具名 not named"),
        ("产品 product", attrs.get("product")),
        ("环节 segment", attrs.get("segment")),
        ("产业链 chain", attrs.get("chain")),
        ("产能 capacity", capacity_text(attrs)),
        ("状态 status", status_text(attrs)),
        ("状态沿革", status_history_text(G, node)),
        ("覆盖 coverage", STANDING_TEXT[project_fact_standing(attrs)]),
        ("来源类型 mode", MODE_TEXT.get(str(attrs.get("mode")), attrs.get("mode"))),
        ("地点 place", attrs.get("place")),
        ("期次 phase", attrs.get("phase")),
        ("冲突 conflicts", "; ".join(str(c) for c in attrs.get("conflicts", []))),
    ]


def status_history_text(G: nx.MultiDiGraph, project: str) -> str:
    """The statuses the sources report for a project, oldest first: ``2022 签约 → 2023-05 开工``."""
    return " → ".join(f"{row['date'] or '日期不详'} {row['status_text']}" for row in status_history(G, project))


def status_history(G: nx.MultiDiGraph, project: str) -> list[dict[str, Any]]:
    """Each reported status of a project with its date and source, oldest first (the
    ``project_history`` query's rows for one project, without the project columns)."""
    rows = {}
    for _, doc, m in G.out_edges(project, data=True):
        if m["type"] != model.MENTIONED_IN or not m.get("status_text"):
            continue
        d = G.nodes[doc]
        date = m.get("date") or d.get("date") or ""
        rows[(date, doc, m.get("sentence_index", 0))] = {
            "date": date, "status": m.get("status"), "status_text": m["status_text"],
            "document": d.get("title"), "sentence": m.get("sentence")}
    return [rows[k] for k in sorted(rows)]


def _statement_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                     ) -> list[tuple[str, Any]]:
    return [
        ("类型", attrs.get("kind_zh")),
        ("表明", STATEMENT_STANDING_TEXT.get(str(attrs.get("standing")), attrs.get("standing"))),
        ("产品 product", attrs.get("product")),
        ("企业 company", attrs.get("company")),
        ("地点 place", attrs.get("place")),
        ("数量", capacity_text(attrs)),
        ("日期", attrs.get("date")),
        ("依据规则", f"{attrs.get('rule')}(关键词「{attrs.get('cue')}」)"),
    ]


def _place_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage) -> list[tuple[str, Any]]:
    return [("类型 kind", attrs.get("kind")),
            ("项目 projects", str(sum(1 for _, d in G.nodes(data=True)
                                      if d["label"] == model.PROJECT and d.get("place") == attrs.get("name"))))]


def _document_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                    ) -> list[tuple[str, Any]]:
    return [(key, attrs.get(field)) for key, field in
            (("标题 title", "title"), ("类型 kind", "kind"), ("发布 issuer", "issuer"),
             ("日期 published", "published"), ("用于比较的日期", "date"), ("文件 file", "file"))]


_FACTS: dict[str, Callable[[nx.MultiDiGraph, str, dict[str, Any], Coverage], list[tuple[str, Any]]]] = {
    model.CHAIN: _chain_facts,
    model.SEGMENT: _segment_facts,
    model.PRODUCT: _product_facts,
    model.COMPANY: _company_facts,
    model.PROJECT: _project_facts,
    model.PLACE: _place_facts,
    model.DOCUMENT: _document_facts,
    model.STATEMENT: _statement_facts,
}
