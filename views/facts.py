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
>>> _ = G.add_edge("company:示例", "document:d1", key="k2", type="MENTIONED_IN", sentence="示例句。",
...               rule="ledger_row")
>>> evidence(G, "company:示例")
[{'document': '示例文件', 'sentence': '示例句。', 'rule': '项目台账行'}]
>>> dict(node_facts(G, "company:示例", coverage_of(G)))["别名"]
'示例、示例公司'
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chainkg.graph import model
from chainkg.graph.adjacency import in_edges, nodes_of, out_edges
from chainkg.graph.gaps import STATE_ZH, TARGET_ZH, chain_gaps, project_fact_standing, segment_coverage
from chainkg.rules import rule_text, rules_text
from chainkg.status import SCALE
from chainkg.views.style import STYLE_LOOKS

Links = Callable[[str], "str | None"]
"""Node id -> relative href of the node's page, or None when it has none."""

STAGE_TEXT = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
MODE_TEXT = {"reported": "已报告进展", "planned": "年度计划任务"}
STANDING_TEXT = {"present": "已投产或试产:表明该环节已有", "building": "在建:表明该环节在建",
                 "planned": "仅洽谈、签约或计划", "lacking": "表明该环节缺失或薄弱"}
STATEMENT_STANDING_TEXT = {"present": "该环节已有", "building": "该环节在建", "planned": "该环节在规划",
                           "lacking": "该环节缺失或薄弱"}
MAX_LISTED = 12
"""Most names listed in one fact (a segment's template products); the rest are counted."""
MAX_PANEL_SENTENCES = 3
"""Most evidence sentences a view's panel shows for a node with a page of its own (the page
lists them all); a firm named in a thousand documents would otherwise carry all its sentences
into every chain map and the whole-graph view."""


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
    placed: dict[str, list[str]]
    """Place name -> the projects whose ``place`` names it, in node order (a place's facts and
    page count and list them: made once, not a scan of every project per place)."""


def coverage_of(G: nx.MultiDiGraph) -> Coverage:
    """Segment and chain coverage of ``G`` (see :mod:`chainkg.graph.gaps`), and the projects by place name.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("project:甲", label="Project", name="甲", place="乙市")
    >>> G.add_node("project:丙", label="Project", name="丙")
    >>> coverage_of(G).placed
    {'乙市': ['project:甲']}
    """
    segments = segment_coverage(G)
    placed: dict[str, list[str]] = {}
    for project in nodes_of(G, model.PROJECT):
        if G.nodes[project].get("place"):
            placed.setdefault(str(G.nodes[project]["place"]), []).append(project)
    return Coverage(segments, {row["chain"]: row for row in chain_gaps(G, segments)}, placed)


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
    """The node's evidence: one ``{document, sentence}`` per distinct sentence, in document
    order, with ``rule`` when a rule read a fact there: why (the meanings of the rules its
    mentions there record, :func:`chainkg.rules.rule_text`).

    A ledger row (evidence with a ``row``) names its place as the document: file · sheet · row
    ("项目台账.xlsx · 台账 · 第5行"), its sentence being the row as "表头: 值" text.
    """
    return evidence_head(G, node, None)[0]


def evidence_head(G: nx.MultiDiGraph, node: str, limit: int | None) -> tuple[list[dict[str, str]], int]:
    """The first ``limit`` items of :func:`evidence` (all for None) and how many there are: a
    panel shows three sentences of a firm named in a thousand, and only those three are made."""
    seen: dict[tuple[str, str], tuple[str, int, int]] = {}
    rules: dict[tuple[str, str], dict[str, None]] = {}
    titles: dict[str, str] = {}
    for doc, _, data in out_edges(G, node, model.MENTIONED_IN):
        if "sentence" not in data:
            continue
        if doc not in titles:
            titles[doc] = document_text(G.nodes[doc])
        title = titles[doc]
        if data.get("row") is not None:
            title = ledger_place(str(G.nodes[doc].get("file") or title), data.get("sheet"), int(data["row"]))
        key = (title, str(data["sentence"]))
        order = (doc, int(data.get("sentence_index", 0)), int(data.get("start", 0)))
        seen[key] = min(seen.get(key, order), order)
        if data.get("rule"):
            rules.setdefault(key, {})[data["rule"]] = None
    keys = sorted(seen, key=seen.__getitem__) if limit is None else heapq.nsmallest(limit, seen, key=seen.__getitem__)
    return [{"document": title, "sentence": sentence,
             **({"rule": ";".join(dict.fromkeys(rule_text(r) for r in rules[key]))} if key in rules else {})}
            for key in keys for title, sentence in [key]], len(seen)


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
    edges = out_edges(G, node, rel_type) if direction == "out" else in_edges(G, node, rel_type)
    return sorted({end for end, _, _ in edges})


def chain_of_segment(G: nx.MultiDiGraph, segment: str) -> str:
    """The chain a segment is PART_OF."""
    return neighbours(G, segment, model.PART_OF)[0]


def segment_of_product(G: nx.MultiDiGraph, product: str) -> str | None:
    """The segment a product is IN_SEGMENT, or None when the product is unmapped."""
    segments = neighbours(G, product, model.IN_SEGMENT)
    return segments[0] if segments else None


def project_places(G: nx.MultiDiGraph, projects: list[str]) -> list[str]:
    """The places of ``projects``, sorted: each one's ``place`` (when the graph has that Place)
    and the places it is LOCATED_IN."""
    named = {model.node_id(model.PLACE, G.nodes[p]["place"]) for p in projects if G.nodes[p].get("place")}
    located = {end for p in projects for end in neighbours(G, p, model.LOCATED_IN)}
    return sorted({n for n in named if n in G} | located)


def node_facts(G: nx.MultiDiGraph, node: str, coverage: Coverage) -> list[tuple[str, str]]:
    """``(key, value)`` facts shown for a node, by label; values are plain text."""
    attrs = G.nodes[node]
    facts = _FACTS.get(attrs["label"], _document_facts)(G, node, attrs, coverage)
    return [(key, value) for key, value in facts if value not in (None, "", [])]


def view_node(G: nx.MultiDiGraph, node: str, coverage: Coverage, links: Links = no_links,
              name: str | None = None, level: int | None = None) -> dict[str, Any]:
    """View-graph node attributes for knowledge-graph node ``node`` (see :mod:`chainkg.views.viewgraph`):
    a node with a page (``links`` gives one) carries its first :data:`MAX_PANEL_SENTENCES`
    sentences of evidence and their total, the page the rest."""
    attrs = G.nodes[node]
    href = links(node)
    found, total = evidence_head(G, node, None if href is None else MAX_PANEL_SENTENCES)
    out: dict[str, Any] = {
        "label": attrs["label"],
        "name": name or str(attrs.get("name") or node),
        "facts": node_facts(G, node, coverage),
        "evidence": found,
    }
    style = node_style(G, node, coverage)
    if style is not None:
        out["style"] = style
    if href is not None:
        out["href"] = href
        if total > MAX_PANEL_SENTENCES:  # the node's page shows them all
            out["evidence_total"] = total
    if level is not None:
        out["level"] = level
    return out


def coverage_text(style: str | None) -> str:
    """The legend text of a coverage style ("缺:有来源称…" …)."""
    return STYLE_LOOKS[style][5] if style else ""


STATUS_ZH: dict[str, str] = {"negotiating": "洽谈", "signed": "签约", "preparing": "前期", "under_construction": "在建",
                             "trial": "试产", "operating": "投产"}
"""The Chinese name of each step of the status scale (:data:`chainkg.status.SCALE`)."""

BASE_UNIT_ZH: dict[str, str] = {"t": "吨", "W": "瓦", "Wh": "瓦时", "m3": "立方米", "m³": "立方米"}
_PREFIXES = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def document_text(attrs: dict[str, Any]) -> str:
    """How a document is named to people: its title and date (``海西州政府工作报告(节选) · 2023``),
    never its file name or hash."""
    title = str(attrs.get("title") or attrs.get("name") or "未具名文献")
    date = str(attrs.get("published") or attrs.get("date") or "")
    return f"{title} · {date}" if date and date not in title else title


def status_text(attrs: dict[str, Any]) -> str:
    """A project's status as written, with its step on the scale in Chinese: ``有序推进(在建,4/6)``."""
    key = attrs.get("status")
    if not key:
        return ""
    written = attrs.get("status_text") or STATUS_ZH.get(key, key)
    step = STATUS_ZH.get(str(key), "")
    return f"{written}({step},{attrs.get('status_rank', 0)}/{len(SCALE)})" if step and step != written else written


def capacity_text(attrs: dict[str, Any]) -> str:
    """A project's capacity as written (``年产2万吨``, ``140万千瓦``, ``10GW``): the main text."""
    return str(attrs.get("capacity_text") or "")


def capacity_base_text(attrs: dict[str, Any]) -> str:
    """The normalised figure, for a secondary line: ``折合 2万吨/年``, ``折合 1.4 GW``; "" without one.

    >>> capacity_base_text({"capacity_base_value": 1.4e9, "capacity_base_unit": "W"})
    '折合 1.4 GW'
    >>> capacity_base_text({"capacity_base_value": 20000.0, "capacity_base_unit": "t", "capacity_per_year": True})
    '折合 2万吨/年'
    """
    if "capacity_base_value" not in attrs:
        return ""
    value, unit = float(attrs["capacity_base_value"]), str(attrs.get("capacity_base_unit", ""))
    per = "/年" if attrs.get("capacity_per_year") else ""
    if unit == "t":
        shown = f"{value / 1e4:,.4g}万吨" if value >= 1e4 else f"{value:,.4g}吨"
    elif unit in ("W", "Wh"):
        factor, prefix = next(((f, p) for f, p in _PREFIXES if value >= f), (1.0, ""))
        shown = f"{value / factor:,.4g} {prefix}{unit}"
    else:
        shown = f"{value:,.4g} {BASE_UNIT_ZH.get(unit, unit)}"
    return f"折合 {shown}{per}"


_DOC_ID = re.compile(r"\b([0-9a-f]{16})\b(?: sentence (\d+))?")


def _with_titles(G: nx.MultiDiGraph, text: str) -> str:
    """``text`` with each document id in it (16 hex digits, maybe followed by ``sentence N``)
    replaced by the document's title and date: people read titles, not hashes."""
    def title(match: re.Match[str]) -> str:
        doc = model.node_id(model.DOCUMENT, match.group(1))
        if doc not in G:
            return match.group(0)
        where = f"第{int(match.group(2)) + 1}句" if match.group(2) else ""
        return f"《{document_text(G.nodes[doc])}》{where}"
    return _DOC_ID.sub(title, text)


def _names(G: nx.MultiDiGraph, nodes: list[str]) -> str:
    names = [str(G.nodes[n].get("name", n)) for n in nodes]
    more = len(names) - MAX_LISTED
    return "、".join(names[:MAX_LISTED]) + (f" … (+{more})" if more > 0 else "")


def _chain_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage) -> list[tuple[str, Any]]:
    row = coverage.chains.get(node, {})
    return [
        ("环节", str(row.get("segments", 0))),
        ("已有环节占比", f"{row.get('coverage_ratio', 0.0):.0%} "
                     f"({row.get('n_strong', 0) + row.get('n_present', 0)}/{row.get('segments', 0)})"),
        ("强 / 有 / 在建 / 规划 / 缺 / 待核实", " / ".join(str(row.get(f"n_{k}", 0)) for k in STATE_ZH)),
        ("补链", "、".join(row.get("fill", []))),
        ("延链", "、".join(row.get("extend", []))),
        ("强链", "、".join(row.get("strengthen", []))),
        ("分支", "、".join(attrs.get("branches", []))),
        ("十二条链之一", "是" if attrs.get("official") else "否"),
    ]


def _segment_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    row = coverage.segments[node]
    products = neighbours(G, node, model.IN_SEGMENT, "in")
    return [
        ("产业链", G.nodes[row["chain"]]["name"]),
        ("阶段", STAGE_TEXT.get(str(attrs.get("stage")), attrs.get("stage"))),
        ("环节序号", str(attrs.get("order", ""))),
        ("分支", attrs.get("branch")),
        ("覆盖", coverage_text(row["coverage"])),
        ("招商", TARGET_ZH.get(row.get("target") or "", "")),
        ("依据", row.get("reason")),
        ("来源不一致", row.get("disagreement")),
        ("判断依据的事实", _names(G, [f for f in row.get("facts", []) if f in G])),
        ("项目", f"{len(row['projects'])} (在建及以上{len(row['active_projects'])})"),
        ("企业", _names(G, row["companies"])),
        ("产品", _names(G, products)),
    ]


def _product_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    segment = segment_of_product(G, node)
    return [
        ("环节", G.nodes[segment]["name"] if segment else "未归入环节"),
        ("产业链", G.nodes[chain_of_segment(G, segment)]["name"] if segment else None),
        ("环节覆盖", coverage_text(coverage.segments[segment]["coverage"]) if segment else None),
        # a product in no chain that the general product lexicon knows (data/products.yaml): its class
        ("国民经济行业", attrs.get("classification")),
        ("同义词", "、".join(attrs.get("synonyms", []))),
        ("项目", str(len(neighbours(G, node, model.PRODUCES, "in")))),
    ]


def _company_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    projects = neighbours(G, node, model.BUILDS)
    chains = sorted({G.nodes[p].get("chain") for p in projects if G.nodes[p].get("chain")})
    stated = neighbours(G, node, model.BY, "in")
    return [
        ("别名", "、".join(attrs.get("aliases", []))),
        ("项目", str(len(projects))),
        ("在产与现状", _names(G, stated)),
        ("产业链", "、".join(chains)),
        ("合并依据", "; ".join(_merge_text(G, str(rule)) for rule in attrs.get("merge_rules", []))),
    ]


def _project_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                   ) -> list[tuple[str, Any]]:
    return [
        ("企业", attrs.get("company") or "未具名"),
        ("产品", attrs.get("product")),
        ("环节", attrs.get("segment")),
        ("产业链", attrs.get("chain")),
        ("产能", capacity_text(attrs)),
        ("产能折合", capacity_base_text(attrs).removeprefix("折合 ")),
        ("状态", status_text(attrs)),
        ("状态沿革", status_history_text(G, node)),
        ("覆盖", STANDING_TEXT[project_fact_standing(attrs)]),
        ("来源类型", MODE_TEXT.get(str(attrs.get("mode")), attrs.get("mode"))),
        ("地点", attrs.get("place")),
        ("期次", attrs.get("phase")),
        ("冲突", "; ".join(str(c) for c in attrs.get("conflicts", []))),
        ("依据规则", rules_text(attrs.get("rules", []))),
    ]


def status_history_text(G: nx.MultiDiGraph, project: str) -> str:
    """The statuses the sources report for a project, oldest first: ``2022 签约 → 2023-05 开工``."""
    return " → ".join(f"{row['date'] or '日期不详'} {row['status_text']}" for row in status_history(G, project))


def status_history(G: nx.MultiDiGraph, project: str) -> list[dict[str, Any]]:
    """Each reported status of a project with its date and source, oldest first (the
    ``project_history`` query's rows for one project, without the project columns)."""
    rows = {}
    for doc, _, m in out_edges(G, project, model.MENTIONED_IN):
        if not m.get("status_text"):
            continue
        d = G.nodes[doc]
        date = m.get("date") or d.get("date") or ""
        rows[(date, doc, m.get("sentence_index", 0))] = {
            "date": date, "status": m.get("status"), "status_text": m["status_text"],
            "document": document_text(d), "sentence": m.get("sentence")}
    return [rows[k] for k in sorted(rows)]


def _statement_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                     ) -> list[tuple[str, Any]]:
    return [
        ("类型", attrs.get("kind_zh")),
        ("表明", STATEMENT_STANDING_TEXT.get(str(attrs.get("standing")), attrs.get("standing"))),
        ("产品", attrs.get("product")),
        ("企业", attrs.get("company")),
        ("地点", attrs.get("place")),
        ("数量", capacity_text(attrs)),
        ("数量折合", capacity_base_text(attrs).removeprefix("折合 ")),
        ("日期", attrs.get("date")),
        ("依据规则", f"{rule_text(attrs.get('rule')) or attrs.get('kind_zh')}(关键词「{attrs.get('cue')}」)"),
    ]


PLACE_KIND_ZH: dict[str, str] = {"prefecture": "州", "city": "市", "county": "县", "district": "区", "town": "镇",
                                 "park": "园区", "zone": "园区", "village": "村"}
MERGE_RULE_ZH: dict[str, str] = {"alias-table": "别名表", "brand-prefix": "品牌前缀", "legal-form": "去掉公司组织形式",
                                 "region-prefix": "去掉地名前缀"}


def _merge_text(G: nx.MultiDiGraph, rule: str) -> str:
    """A merge reason in Chinese, documents named by title: ``别名表: 赣锋锂电 = 赣锋锂业 (《…》第67句)``."""
    head, sep, rest = rule.partition(":")
    return _with_titles(G, f"{MERGE_RULE_ZH.get(head.strip(), head)}{sep}{rest}")


def _place_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage) -> list[tuple[str, Any]]:
    return [("类型", PLACE_KIND_ZH.get(str(attrs.get("kind")), attrs.get("kind"))),
            ("项目", str(len(coverage.placed.get(str(attrs.get("name")), []))))]


def _document_facts(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any], coverage: Coverage
                    ) -> list[tuple[str, Any]]:
    return [(key, attrs.get(field)) for key, field in
            (("标题", "title"), ("类型", "kind"), ("发布", "issuer"),
             ("日期", "published"), ("用于比较的日期", "date"))]


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
