"""招商目标企业: the candidate firms for each 补链 / 延链 / 强链 target link, ranked, each with a
one-line reason and the source a reader can check.

The target links are those :mod:`chainkg.graph.gaps` decided (``target`` on the Segment node).
For each, three kinds of candidate, in this order (the rule ``queries/targets.cypher`` states
in its header; both stores give the same rows):

1. **本地上下游** (``local``): firms with local facts on a link next to the target along any
   SUPPLIES relationship (either direction, cross-chain too): an active project (reported, at
   least under construction) or a statement of presence or building by the firm. Downstream
   firms are local demand for the target's products, upstream firms a local supply of its
   inputs; either can extend into the target. Within the kind: more facts first.
2. **语料中的意向企业** (``corpus``): firms the documents name with only negotiated, signed or
   planned projects in the target link itself (first) or in a link next to it.
3. **全国龙头** (``leader``): the curated national leaders of the target link
   (``data/industry_firms.yaml``, LEADS_IN), in the file's order.

A firm already holding the target link (an active project or a presence / building statement
in it) is no candidate. A firm that qualifies several ways is listed once, under its first
kind (and its best line there: most facts, then the neighbouring link's id). Ties: company
name, then id. ``rank`` counts 1, 2, … per target link. A target link with no candidate gives
one row with an empty company and why saying so (the leaders file's niche reason when it has
one), so no target is silently left out.

Sources: a document fact's source is its latest mention (date, then document id, then
sentence): ``《title》date`` plus ``表「sheet」第row行`` for a ledger row (no sheet for a CSV); a curated firm's is
``title(publisher,year)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chainkg.graph.adjacency import in_edges, nodes_of, out_edges, sources, targets
from chainkg.graph.gaps import BUILDING, PLANNED_STANDING, PRESENT, TARGETS, fact_standing
from chainkg.graph.model import (ABOUT, BUILDS, BY, CHAIN, COMPANY, DOCUMENT, IN_SEGMENT, LEADS_IN, MENTIONED_IN,
                                 PART_OF, PRODUCES, PROJECT, SEGMENT, STATEMENT, SUPPLIES)

LOCAL, CORPUS, LEADER = "local", "corpus", "leader"
KINDS: tuple[str, ...] = (LOCAL, CORPUS, LEADER)
KIND_ZH: dict[str, str] = {LOCAL: "本地上下游", CORPUS: "语料中的意向企业", LEADER: "全国龙头"}
KIND_MEANING: dict[str, str] = {
    LOCAL: "在本环节相邻的上下游环节已有在产、在建项目或在产陈述的本地企业(本地需求或本地供应)",
    CORPUS: "资料中提到、在本环节或相邻环节只有洽谈、签约或规划项目的企业",
    LEADER: "本环节产品的全国龙头企业(data/industry_firms.yaml,附公开来源)",
}
"""What each kind of candidate means, in the words the pages, the pack and the docs show."""

NO_CANDIDATE = "未找到候选企业:相邻环节没有本地企业,资料中没有意向企业,也没有整理全国龙头。"
"""``why`` of the one row of a target link without any candidate (no niche reason known)."""

Row = dict[str, Any]


@dataclass(frozen=True)
class Candidate:
    """One way a firm qualifies for one target link; the best one per firm is kept."""

    company: str
    kind: str
    sub: int
    why: str
    makes: str | None
    source: str | None


def _join(items: Iterable[str]) -> str:
    return "、".join(items)


def _segment_facts(G: nx.MultiDiGraph, segment: str) -> list[tuple[str, str, str]]:
    """(firm, fact node, product) for every project or firm statement on a product of ``segment``."""
    out = []
    for product in sources(G, segment, IN_SEGMENT):
        for fact in sources(G, product, PRODUCES):
            if G.nodes[fact]["label"] == PROJECT:
                out += [(c, fact, product) for c in sources(G, fact, BUILDS) if G.nodes[c]["label"] == COMPANY]
        for fact in sources(G, product, ABOUT):
            if G.nodes[fact]["label"] == STATEMENT:
                out += [(c, fact, product) for c in targets(G, fact, BY) if G.nodes[c]["label"] == COMPANY]
    return out


def _holds(G: nx.MultiDiGraph, fact: str) -> bool:
    """The fact shows its firm holding the link: an active project, a presence/building statement."""
    return fact_standing(G.nodes[fact]) in (PRESENT, BUILDING)


def _planned(G: nx.MultiDiGraph, fact: str) -> bool:
    node = G.nodes[fact]
    return node["label"] == PROJECT and fact_standing(node) == PLANNED_STANDING


def source_of(G: nx.MultiDiGraph, facts: Iterable[str]) -> str | None:
    """``《title》date`` (plus ``表「sheet」第row行`` for a ledger row) of the latest mention of any of
    ``facts``: latest date, then smallest document id, then first sentence.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("document:d", label="Document", title="项目台账", date="2024-03-01")
    >>> G.add_node("project:x", label="Project", name="x")
    >>> _ = G.add_edge("project:x", "document:d", type="MENTIONED_IN", sheet="2024年", row=7, sentence_index=0)
    >>> source_of(G, ["project:x"])
    '《项目台账》2024-03-01 表「2024年」第7行'
    """
    best: tuple[str, str, int, dict[str, Any]] | None = None
    for fact in facts:
        for doc, _, m in out_edges(G, fact, MENTIONED_IN):
            if G.nodes[doc]["label"] != DOCUMENT:
                continue
            d = G.nodes[doc]
            date = str(m.get("date") or d.get("date") or d.get("published") or "")
            key = (date, doc, m.get("sentence_index", 0), {"title": d.get("title"), "sheet": m.get("sheet"),
                                                           "row": m.get("row")})
            if best is None or (key[0] > best[0]) or (key[0] == best[0] and key[1:3] < best[1:3]):
                best = key
    if best is None:
        return None
    date, _, _, info = best
    text = f"《{info['title']}》{date or '日期不详'}"
    if info["row"] is not None:
        sheet = f"表「{info['sheet']}」" if info["sheet"] is not None else ""
        text += f" {sheet}第{info['row']}行"
    return text


def _names(G: nx.MultiDiGraph, nodes: Iterable[str], limit: int | None = None) -> str:
    names = sorted({str(G.nodes[n]["name"]) for n in nodes})
    return _join(names[:limit] if limit else names)


def _neighbours(G: nx.MultiDiGraph, target: str) -> list[tuple[str, bool, bool, list[str]]]:
    """(link, is upstream, cross-chain, via) for each SUPPLIES relationship touching ``target``."""
    out = []
    for n, _, d in out_edges(G, target, SUPPLIES):
        if n != target:
            out.append((n, False, bool(d.get("cross_chain")), list(d.get("via", []))))
    for n, _, d in in_edges(G, target, SUPPLIES):
        if n != target:
            out.append((n, True, bool(d.get("cross_chain")), list(d.get("via", []))))
    return out


def _side(up: bool, cross: bool) -> str:
    return ("跨链" if cross else "") + ("上游" if up else "下游")


def _local(G: nx.MultiDiGraph, target: str, excluded: set[str]) -> list[Candidate]:
    out = []
    for n, up, cross, via in _neighbours(G, target):
        by_firm: dict[str, set[tuple[str, str]]] = {}
        for firm, fact, product in _segment_facts(G, n):
            if firm not in excluded and _holds(G, fact):
                by_firm.setdefault(firm, set()).add((fact, product))
        for firm, facts in by_firm.items():
            fact_ids = {f for f, _ in facts}
            need = f"可就地供应「{_join(via)}」" if up else f"需要本环节产品「{_join(via)}」"
            if not via:
                need = "可就地供应本环节原料" if up else "需要本环节产品"
            why = f"{_side(up, cross)}「{G.nodes[n]['name']}」本地已有其{len(fact_ids)}项:{_names(G, fact_ids, 2)};{need}"
            out.append(Candidate(firm, LOCAL, -len(fact_ids), f"{n}\t{why}", _names(G, {p for _, p in facts}),
                                 source_of(G, fact_ids)))
    return out


def _corpus(G: nx.MultiDiGraph, target: str, excluded: set[str]) -> list[Candidate]:
    places = [(target, 0, "")] + [(n, 1, _side(up, cross)) for n, up, cross, _ in _neighbours(G, target)]
    out = []
    for seg, sub, side in places:
        by_firm: dict[str, set[tuple[str, str]]] = {}
        for firm, fact, product in _segment_facts(G, seg):
            if firm not in excluded and _planned(G, fact):
                by_firm.setdefault(firm, set()).add((fact, product))
        for firm, facts in by_firm.items():
            fact_ids = {f for f, _ in facts}
            k, names = len(fact_ids), _names(G, fact_ids, 2)
            why = (f"本环节已有其{k}个洽谈、签约或规划项目:{names}" if sub == 0 else
                   f"在{side}「{G.nodes[seg]['name']}」有其{k}个洽谈、签约或规划项目:{names},可延伸到本环节")
            out.append(Candidate(firm, CORPUS, sub, f"{seg}\t{why}", _names(G, {p for _, p in facts}),
                                 source_of(G, fact_ids)))
    return out


def _leaders(G: nx.MultiDiGraph, target: str, excluded: set[str]) -> list[Candidate]:
    out = []
    for firm, _, d in in_edges(G, target, LEADS_IN):
        if firm in excluded:
            continue
        here = ",已在海西布局" if G.nodes[firm].get("in_haixi") else ""
        why = f"全国龙头企业,主营{d['makes']}{here}"
        source = f"{d['source_title']}({d['source_publisher']},{d['source_year']})"
        out.append(Candidate(firm, LEADER, int(d["rank"]), f"\t{why}", d["makes"], source))
    return out


def holders(G: nx.MultiDiGraph, segment: str) -> set[str]:
    """Firms already holding ``segment``: an active project or a presence/building statement in it."""
    return {firm for firm, fact, _ in _segment_facts(G, segment) if _holds(G, fact)}


def candidates_for(G: nx.MultiDiGraph, target: str) -> list[Candidate]:
    """The ranked candidates of one target link, one per firm (see the module docstring)."""
    excluded = holders(G, target)
    found = _local(G, target, excluded) + _corpus(G, target, excluded) + _leaders(G, target, excluded)
    best: dict[str, Candidate] = {}
    for c in sorted(found, key=lambda c: (KINDS.index(c.kind), c.sub, c.why)):
        best.setdefault(c.company, c)
    ranked = sorted(best.values(), key=lambda c: (KINDS.index(c.kind), c.sub, G.nodes[c.company]["name"], c.company))
    return ranked


def _order(G: nx.MultiDiGraph, node: str) -> tuple[int, str]:
    return G.nodes[node].get("order", 0), node


def target_firms(G: nx.MultiDiGraph, chain: str | None = None) -> list[Row]:
    """One row per (target link, candidate firm), ranked, for every chain or the chain named
    (name or id): the rows of ``queries/targets.cypher``."""
    rows: list[tuple[tuple[Any, ...], Row]] = []
    for seg in nodes_of(G, SEGMENT):
        attrs = G.nodes[seg]
        if attrs.get("target") not in TARGETS:
            continue
        ch = next(t for t in targets(G, seg, PART_OF) if G.nodes[t]["label"] == CHAIN)
        if chain is not None and chain not in (ch, G.nodes[ch]["name"]):
            continue
        head = {"chain": G.nodes[ch]["name"], "target": attrs["target"], "target_zh": attrs.get("target_zh"),
                "segment_order": attrs.get("order"), "segment": attrs["name"], "segment_id": seg,
                "coverage_zh": attrs.get("coverage_zh"), "reason": attrs.get("reason")}
        key = (_order(G, ch), TARGETS.index(attrs["target"]), _order(G, seg))
        found = candidates_for(G, seg)
        if not found:
            why = f"暂无候选企业:{attrs['leaders_niche']}" if attrs.get("leaders_niche") else NO_CANDIDATE
            rows.append(((*key, 0), {**head, "rank": None, "company": None, "company_id": None, "company_kind": None,
                                     "kind_zh": None, "province": None, "makes": None, "why": why, "source": None}))
        for rank, c in enumerate(found, start=1):
            firm = G.nodes[c.company]
            rows.append(((*key, rank), {
                **head, "rank": rank, "company": firm["name"], "company_id": c.company, "company_kind": c.kind,
                "kind_zh": KIND_ZH[c.kind], "province": firm.get("province"), "makes": c.makes,
                "why": c.why.split("\t", 1)[1], "source": c.source}))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]
