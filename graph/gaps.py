"""Coverage from evidence: the one written definition of a link's state and of the 招商 targets.

Every query (embedded and Cypher), every view and the docs take coverage from here. It is
computed once per build (:func:`annotate_coverage`, called by ``graph/build.py``) and written on
the Segment and Chain nodes, so the Cypher files read the same answer from Neo4j that the
embedded store gives, and nothing decides coverage a second time.

**The facts behind a link** (:func:`segment_facts`): everything whose product is in the segment
(``(Project)-[:PRODUCES]->(Product)-[:IN_SEGMENT]->(Segment)``,
``(Statement)-[:ABOUT]->(Product)-[:IN_SEGMENT]->(Segment)``), each with what it says of the link:
  - a project: ``present`` when it operates (reported, status rank >= :data:`TRIAL_RANK`: 试产,
    投产 …), ``building`` when it is being built (reported, rank >= :data:`ACTIVE_RANK`),
    ``planned`` otherwise (洽谈, 签约, 前期, or named only among this year's tasks);
  - a statement (:class:`chainkg.ingest.facts.Statement`): its own standing: ``present`` (output,
    standing capacity, a firm or finished work that makes it, a base, a strong industry, a gap
    filled), ``building`` (a base being built, a gap being filled) or ``lacking`` (短板, 空白 …).
Each fact has a date (its source's) and a *source*: the firm behind it (a project or statement
naming one), else the project, else the kind of statement (all output figures of a link count as
one source, all bases as one, …), so that one firm said twice is not two sources.

**States** (:func:`decide_state`), first that applies:
  - 缺 ``lacking``: a source says the link is missing or weak, and no later-dated source shows it
    present or being built (a later source wins; on the same date, presence wins);
  - 强 ``strong``: presence from two or more independent sources;
  - 有 ``present``: presence from one source;
  - 在建 ``building``: something being built, nothing present;
  - 规划 ``planned``: only negotiations, signings and plans;
  - 待核实 ``unknown``: the sources say nothing. Silence is shown as unknown, never as a gap.
When sources disagree (lacking against present or building), the state says which facts disagreed.

**Targets** (:func:`decide_targets`), disjoint, along the chain's own SUPPLIES links
(``cross_chain`` false); *held* links are strong, present or building:
  - 补链 ``fill``: a lacking or unknown link with held links both upstream and downstream of it
    (a hole inside the chain);
  - 延链 ``extend``: a lacking or unknown link downstream of a held link, with nothing held
    further down (past the chain's last held links);
  - 强链 ``strengthen``: a present (not strong) link whose presence rests on one company or one
    project.
Each target has a one-sentence reason made from the rule and its facts.

**Capacity** (:func:`capacity_totals`): per Product node and chain, split operating (status rank
>= :data:`TRIAL_RANK`) / under construction / planned; figures in different base units are never
added.

>>> project_standing({"status_rank": 4, "mode": "reported"})
'active'
>>> project_standing({"status_rank": 4, "mode": "planned"})
'planned'
>>> decide_state([Fact("a", "output", PRESENT, "figures", "2023")])
('present', ['a'], [])
>>> decide_state([Fact("a", "output", PRESENT, "figures", "2021"), Fact("b", "lacking", LACKING, "lacking", "2023")])
('lacking', ['b'], ['a'])
>>> decide_state([])
('unknown', [], [])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from chainkg.graph.adjacency import cached, edges_of_type, nodes_of, out_edges, sources, targets
from chainkg.graph.model import (ABOUT, BUILDS, BY, CHAIN, IN_SEGMENT, MENTIONED_IN, PART_OF, PRODUCES, PROJECT,
                                 SEGMENT, STATEMENT, SUPPLIES)
from chainkg.status import rank

ACTIVE_RANK: int = rank("under_construction")
"""Lowest status rank at which a reported project is being built."""

TRIAL_RANK: int = rank("trial")
"""Lowest status rank at which a reported project makes its product (trial runs included)."""

REPORTED = "reported"

# what a fact says of its link
PRESENT, BUILDING, PLANNED_STANDING, LACKING = "present", "building", "planned", "lacking"

# the states of a link, strongest first, and their Chinese names
STRONG, PRESENT_STATE, BUILDING_STATE, PLANNED, LACKING_STATE, UNKNOWN = (
    "strong", "present", "building", "planned", "lacking", "unknown")
STATES: tuple[str, ...] = (STRONG, PRESENT_STATE, BUILDING_STATE, PLANNED, LACKING_STATE, UNKNOWN)
STATE_ZH: dict[str, str] = {STRONG: "强", PRESENT_STATE: "有", BUILDING_STATE: "在建", PLANNED: "规划",
                            LACKING_STATE: "缺", UNKNOWN: "待核实"}
STATE_MEANING: dict[str, str] = {
    STRONG: "两个及以上独立来源表明已有(如两家在产企业,或产量数据加一家在产企业)",
    PRESENT_STATE: "有一个来源表明已有(产量、产能、在产企业、基地或已投产项目)",
    BUILDING_STATE: "有在建项目或在建基地,尚无投产",
    PLANNED: "只有洽谈、签约或计划中的项目",
    LACKING_STATE: "有来源称该环节缺失或薄弱,且没有更晚的来源表明已有",
    UNKNOWN: "资料中没有提到,待核实(不等于缺口)",
}
"""What each state means, in the words the legend, the docs and the CLI help show."""

HELD: frozenset[str] = frozenset({STRONG, PRESENT_STATE, BUILDING_STATE})
"""States that count as the chain holding a link, for placing targets."""

FILL, EXTEND, STRENGTHEN = "fill", "extend", "strengthen"
TARGETS: tuple[str, ...] = (FILL, EXTEND, STRENGTHEN)
TARGET_ZH: dict[str, str] = {FILL: "补链", EXTEND: "延链", STRENGTHEN: "强链"}
TARGET_MEANING: dict[str, str] = {
    FILL: "缺或待核实的环节,沿本链上下游两侧都有已有或在建环节(链条中间的缺口)",
    EXTEND: "缺或待核实的环节,位于本链最后的已有或在建环节下游,其下游再无已有或在建环节",
    STRENGTHEN: "已有(非强)且只依靠一家企业或一个项目的环节",
}
"""What each target means: legend, docs and CLI help show these words."""

CAPACITY_CLASSES: tuple[str, ...] = ("operating", "under_construction", "planned")
"""How capacity totals are split: in operation (trial runs included), being built, planned."""

# the properties annotate_coverage writes on a Segment node, and on a Chain node
SEGMENT_PROPS: tuple[str, ...] = ("coverage", "coverage_zh", "target", "target_zh", "reason", "facts",
                                  "fact_count", "sources", "disagree", "disagreement")
CHAIN_PROPS: tuple[str, ...] = ("n_strong", "n_present", "n_building", "n_planned", "n_lacking", "n_unknown",
                                "coverage_ratio", "fill", "extend", "strengthen")


@dataclass(frozen=True)
class Fact:
    """One fact behind a link: its node id, kind (``project`` or a statement kind), what it
    says of the link, its independent source, its date (sortable text, "" when unknown), and a
    short label for reasons."""

    id: str
    kind: str
    standing: str
    source: str
    date: str
    label: str = ""


def project_standing(project: dict[str, Any]) -> str:
    """``active`` or ``planned`` for a Project node's properties: reported and at least under
    construction is active."""
    active = project.get("mode") == REPORTED and project.get("status_rank", 0) >= ACTIVE_RANK
    return "active" if active else "planned"


def project_fact_standing(project: dict[str, Any]) -> str:
    """What a project says of its link: present (operating or trial), building, or planned.

    >>> project_fact_standing({"status_rank": 5, "mode": "reported"})
    'present'
    """
    if project_standing(project) == "planned":
        return PLANNED_STANDING
    return PRESENT if project.get("status_rank", 0) >= TRIAL_RANK else BUILDING


def fact_standing(node: dict[str, Any]) -> str:
    """What a Project or Statement node says of its link: present, building, planned or lacking.

    >>> fact_standing({"label": "Statement", "standing": "lacking"}), fact_standing({"label": "Project"})
    ('lacking', 'planned')
    """
    return project_fact_standing(node) if node.get("label") == PROJECT else node["standing"]


def capacity_class(project: dict[str, Any]) -> str:
    """Which capacity total a project counts in: operating, under_construction or planned.

    >>> capacity_class({"status_rank": 6, "mode": "reported"})
    'operating'
    """
    return {PRESENT: "operating", BUILDING: "under_construction"}.get(project_fact_standing(project), "planned")


# ----------------------------------------------------------------------------- facts


def _segment_of_product(G: nx.MultiDiGraph, product: str) -> list[str]:
    return targets(G, product, IN_SEGMENT)


def _latest_date(G: nx.MultiDiGraph, node: str) -> str:
    """The latest date among a node's evidence (its MENTIONED_IN), else its own ``date``."""
    dates = [d.get("date") or G.nodes[doc].get("date") or "" for doc, _, d in out_edges(G, node, MENTIONED_IN)]
    return max(dates, default=G.nodes[node].get("date") or "")


def _builder(G: nx.MultiDiGraph, project: str) -> str | None:
    return min(sources(G, project, BUILDS), default=None)


def _statement_firm(G: nx.MultiDiGraph, statement: str) -> str | None:
    return min(targets(G, statement, BY), default=None)


def _fact(G: nx.MultiDiGraph, node: str) -> Fact:
    """The fact a Project or Statement node is (see the module docstring: its source and date)."""
    attrs = G.nodes[node]
    if attrs["label"] == PROJECT:
        return Fact(node, "project", fact_standing(attrs), _builder(G, node) or node, _latest_date(G, node),
                    attrs.get("name", node))
    return Fact(node, attrs["kind"], fact_standing(attrs), _statement_firm(G, node) or f"kind:{attrs['kind']}",
                attrs.get("date") or "", attrs.get("name", node))


def _segments_by_fact(G: nx.MultiDiGraph, label: str, rel: str) -> dict[str, list[str]]:
    """Node of ``label`` -> the segments of the products it points to along ``rel`` (PRODUCES
    for projects, ABOUT for statements), for every such node with at least one product."""
    in_segment = edges_of_type(G, IN_SEGMENT)
    return {node: [s for product, _, _ in products for s, _, _ in in_segment.get(product, ())]
            for node, products in edges_of_type(G, rel).items() if G.nodes[node]["label"] == label}


def segment_facts(G: nx.MultiDiGraph) -> dict[str, list[Fact]]:
    """Segment id -> the facts behind it (projects and statements of its products), sorted by id."""
    out: dict[str, set[Fact]] = defaultdict(set)
    for label, rel in ((PROJECT, PRODUCES), (STATEMENT, ABOUT)):
        for node, segments in _segments_by_fact(G, label, rel).items():
            fact = _fact(G, node)
            for segment in segments:
                out[segment].add(fact)
    return {s: sorted(facts, key=lambda f: f.id) for s, facts in out.items()}


# ----------------------------------------------------------------------------- states


def _latest(facts: Iterable[Fact]) -> str:
    return max((f.date for f in facts), default="")


def decide_state(facts: list[Fact]) -> tuple[str, list[str], list[str]]:
    """(state, ids of the facts behind it, ids of the facts that disagree) for one link."""
    by: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by[f.standing].append(f)
    present, building, lacking = by[PRESENT], by[BUILDING], by[LACKING]
    ids = lambda fs: [f.id for f in fs]  # noqa: E731
    if lacking and _latest(lacking) > _latest(present + building):
        return LACKING_STATE, ids(lacking), ids(present + building)
    if present:
        state = STRONG if len({f.source for f in present}) >= 2 else PRESENT_STATE
        return state, ids(present), ids(lacking)
    if building:
        return BUILDING_STATE, ids(building), ids(lacking)
    if lacking:
        return LACKING_STATE, ids(lacking), []
    if by[PLANNED_STANDING]:
        return PLANNED, ids(by[PLANNED_STANDING]), []
    return UNKNOWN, [], []


def chain_supplies(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The SUPPLIES links that stay inside one chain, as a plain directed graph of segments."""
    S = nx.DiGraph()
    S.add_nodes_from(nodes_of(G, SEGMENT))
    S.add_edges_from((u, v) for u, edges in edges_of_type(G, SUPPLIES).items()
                     for v, _, d in edges if not d.get("cross_chain"))
    return S


def _names(G: nx.MultiDiGraph, nodes: Iterable[str]) -> str:
    return "、".join(f"「{G.nodes[n]['name']}」" for n in sorted(nodes, key=lambda n: G.nodes[n].get("order", 0)))


def decide_targets(G: nx.MultiDiGraph, states: dict[str, str], facts: dict[str, list[Fact]]
                   ) -> dict[str, tuple[str, str]]:
    """Segment id -> (target, reason) for the links that are 补链 / 延链 / 强链 targets."""
    S = chain_supplies(G)
    held = {s for s, state in states.items() if state in HELD}
    out: dict[str, tuple[str, str]] = {}
    for seg, state in states.items():
        here = "缺失或薄弱" if state == LACKING_STATE else "资料未提及(待核实)"
        if state in (LACKING_STATE, UNKNOWN):
            up, down = nx.ancestors(S, seg) & held, nx.descendants(S, seg) & held
            if up and down:
                out[seg] = (FILL, f"上游{_names(G, up)}与下游{_names(G, down)}已有或在建,本环节{here},是链条中间的缺口。")
            elif up:
                out[seg] = (EXTEND, f"本链已有或在建的{_names(G, up)}向下游延伸到本环节,本环节{here},其下游也无已有环节。")
        elif state == PRESENT_STATE:
            present = [f for f in facts.get(seg, []) if f.id in _behind(G, seg, facts)]
            source = present[0].source if present else ""
            if source and not source.startswith("kind:"):
                who = G.nodes[source]["name"] if source in G else source
                out[seg] = (STRENGTHEN, f"本环节已有,但只依靠「{who}」一个来源,需引进更多企业或项目。")
    return out


def _behind(G: nx.MultiDiGraph, seg: str, facts: dict[str, list[Fact]]) -> set[str]:
    return set(decide_state(facts.get(seg, []))[1])


def _disagreement(G: nx.MultiDiGraph, state: str, behind: list[str], disagree: list[str], facts: list[Fact]) -> str:
    """One line naming the sources that disagreed and which one won (the later)."""
    if not disagree:
        return ""
    by_id = {f.id: f for f in facts}
    def said(ids: list[str]) -> str:
        return "、".join(f"{by_id[i].label}({by_id[i].date or '日期不详'})" for i in ids[:3])
    return f"来源不一致:{said(behind)} 与 {said(disagree)};按较晚的来源判为「{STATE_ZH[state]}」。"


def compute_coverage(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per segment (chain order, then segment order): state, target, reason, the facts behind
    the state, and the legacy counts (projects, active projects, their companies)."""
    facts = segment_facts(G)
    segments = _segments(G)
    decided = {seg: decide_state(facts.get(seg, [])) for seg, _ in segments}
    targets = decide_targets(G, {s: d[0] for s, d in decided.items()}, facts)
    out: dict[str, dict[str, Any]] = {}
    for seg, data in segments:
        state, behind, disagree = decided[seg]
        seg_facts = facts.get(seg, [])
        target, reason = targets.get(seg, (None, ""))
        present = {f.source for f in seg_facts if f.id in behind}
        out[seg] = {
            "segment": seg, "name": data["name"], "chain": _chain_of(G, seg), "stage": data.get("stage"),
            "order": data.get("order"), "coverage": state, "coverage_zh": STATE_ZH[state],
            "target": target, "target_zh": TARGET_ZH.get(target or ""), "reason": reason or _state_reason(state),
            "facts": behind, "fact_count": len(behind), "sources": len(present), "disagree": disagree,
            "disagreement": _disagreement(G, state, behind, disagree, seg_facts),
            **_project_columns(G, [f.id for f in seg_facts if f.kind == "project"]),
        }
    return out


def _state_reason(state: str) -> str:
    return STATE_MEANING[state] + "。"


def _chain_of(G: nx.MultiDiGraph, segment: str) -> str:
    """The chain ``segment`` is PART_OF (from :func:`_make_segment_chains`, kept in the graph's
    cache and carried by its snapshots: a coverage query then makes no adjacency index)."""
    return cached(G, CHAINS_KEY, _make_segment_chains)[segment]


def _make_segment_chains(G: nx.MultiDiGraph) -> dict[str, str]:
    """Segment id -> the chain it is PART_OF (the first, as ``targets`` gives them), for every
    segment that is part of one."""
    return {seg: chains[0] for seg in nodes_of(G, SEGMENT) if (chains := targets(G, seg, PART_OF))}


def summarize_chains(G: nx.MultiDiGraph, coverage: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Per chain, in chain order: counts per state, coverage ratio (strong + present over all
    links), and the 补链 / 延链 / 强链 segment names upstream to downstream."""
    per_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in coverage.values():
        per_chain[row["chain"]].append(row)
    chains = sorted((G.nodes[n].get("order", 0), n) for n in nodes_of(G, CHAIN))
    out = []
    for _, chain in chains:
        rows = per_chain.get(chain, [])
        counts = {f"n_{s}": sum(r["coverage"] == s for r in rows) for s in STATES}
        held = counts["n_strong"] + counts["n_present"]
        out.append({
            "chain": chain, "name": G.nodes[chain]["name"], "segments": len(rows), **counts,
            "coverage_ratio": round(held / len(rows), 4) if rows else 0.0,
            **{t: [r["name"] for r in rows if r["target"] == t] for t in TARGETS},
        })
    return out


def annotate_coverage(G: nx.MultiDiGraph) -> None:
    """Compute coverage once and write it on the Segment nodes (:data:`SEGMENT_PROPS`) and the
    Chain nodes (:data:`CHAIN_PROPS`), where every query, view and store reads it. A property
    with no value is removed, as everywhere in the model."""
    coverage = compute_coverage(G)
    for seg, row in coverage.items():
        _set(G.nodes[seg], {k: row[k] for k in SEGMENT_PROPS})
    for row in summarize_chains(G, coverage):
        _set(G.nodes[row["chain"]], {k: row[k] for k in CHAIN_PROPS})


def _set(attrs: dict[str, Any], values: dict[str, Any]) -> None:
    for k, v in values.items():
        if v is None or v == "":
            attrs.pop(k, None)
        else:
            attrs[k] = v


def segment_coverage(G: nx.MultiDiGraph, *, projects: bool = True) -> dict[str, dict[str, Any]]:
    """Per segment, the coverage rows of :func:`compute_coverage`. A graph annotated by
    :func:`annotate_coverage` (every build) answers from what is written on its nodes, with the
    project columns made once per graph (:func:`_segment_listings`); a graph never annotated
    (built by hand) is computed here, without changing it. The rows are the caller's to change.
    ``projects=False``: rows without the project columns (:data:`PROJECT_COLUMNS`), for a
    caller that reads only the states: their copies are most of the work on a large graph."""
    if not is_annotated(G):
        computed = compute_coverage(G)
        return computed if projects else {s: _without_projects(r) for s, r in computed.items()}
    listings = _segment_listings(G) if projects else {}
    out: dict[str, dict[str, Any]] = {}
    for seg, data in _segments(G):
        row = {"segment": seg, "name": data["name"], "chain": _chain_of(G, seg), "stage": data.get("stage"),
               "order": data.get("order"), **{k: data.get(k) for k in SEGMENT_PROPS}}
        row.update(facts=list(data.get("facts", [])), disagree=list(data.get("disagree", [])),
                   fact_count=data.get("fact_count", 0), sources=data.get("sources", 0),
                   reason=data.get("reason") or "", disagreement=data.get("disagreement") or "")
        if projects:  # copies: the cache keeps its own
            row.update({k: list(v) for k, v in listings.get(seg, _NO_PROJECTS).items()})
        out[seg] = row
    return out


PROJECT_COLUMNS: tuple[str, ...] = ("projects", "active_projects", "companies")
"""The columns of a coverage row that list a link's projects (:func:`_project_columns`)."""


def _without_projects(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in PROJECT_COLUMNS}


def is_annotated(G: nx.MultiDiGraph) -> bool:
    """True when :func:`annotate_coverage` wrote coverage on every Segment node (every build
    does): coverage is then read, not computed from the facts and their evidence."""
    return all("coverage" in G.nodes[seg] for seg in nodes_of(G, SEGMENT))


def _segments(G: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    """The Segment nodes in chain order, then segment order."""
    segments = [(n, G.nodes[n]) for n in nodes_of(G, SEGMENT)]
    segments.sort(key=lambda nd: (G.nodes[_chain_of(G, nd[0])].get("order", 0), nd[1].get("order", 0), nd[0]))
    return segments


_NO_PROJECTS: dict[str, list[str]] = dict.fromkeys(PROJECT_COLUMNS, [])


def _segment_listings(G: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """Segment id -> its project columns (:func:`_project_columns`: projects, active projects,
    their builders), for the segments with projects. Made once per graph and kept in its cache
    (:func:`chainkg.graph.adjacency.cached`): it walks every project, which each coverage query
    did on every call (0.4 s at 10,000 documents). It follows from the graph's structure and
    from the projects' ``status_rank`` and ``mode``, which are written when the graph is built
    and never changed in place (a graph whose project status is changed by hand: call
    ``nx._clear_cache(G)``, as for a changed label)."""
    return cached(G, LISTINGS_KEY, _make_segment_listings)


def _make_segment_listings(G: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    projects: dict[str, set[str]] = defaultdict(set)
    for node, segments in _segments_by_fact(G, PROJECT, PRODUCES).items():
        for segment in segments:
            projects[segment].add(node)
    return {s: _project_columns(G, sorted(ps)) for s, ps in projects.items()}


def _project_columns(G: nx.MultiDiGraph, projects: list[str]) -> dict[str, Any]:
    """A link's projects, the active ones and their builders (the listing columns)."""
    active = [p for p in projects if project_standing(G.nodes[p]) == "active"]
    return {"projects": projects, "active_projects": active,
            "companies": sorted({c for p in active for c in [_builder(G, p)] if c})}


def chain_gaps(G: nx.MultiDiGraph, coverage: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Per chain: :func:`summarize_chains` of ``coverage`` (default: :func:`segment_coverage`)."""
    return summarize_chains(G, segment_coverage(G, projects=False) if coverage is None else coverage)


def capacity_totals(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Capacity per Product node (and its chain), split by :data:`CAPACITY_CLASSES`, per base unit.

    Only projects with a stated capacity count; figures in different base units (t, W, Wh …)
    are never added together. ``chain`` is empty for a product mapped to no segment. The totals
    walk every PRODUCES relationship: they are made once per graph and kept in its cache, like
    :func:`_segment_listings` (the same caveat: project properties are not changed in place);
    the rows returned are copies.
    """
    return [dict(row) for row in cached(G, TOTALS_KEY, _make_capacity_totals)]


def _make_capacity_totals(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    totals: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: dict.fromkeys(CAPACITY_CLASSES, 0.0))
    chain_names: dict[str, str] = {}
    for project, product in _produces_edges(G):
        node = G.nodes[project]
        if node["label"] != PROJECT or "capacity_base_value" not in node:
            continue
        segment = G.nodes[product].get("segment")
        if segment not in chain_names:
            chain_names[segment] = G.nodes[_chain_of(G, segment)]["name"] if segment else ""
        key = (G.nodes[product]["name"], chain_names[segment], node["capacity_base_unit"])
        totals[key][capacity_class(node)] += float(node["capacity_base_value"])
    return [
        {"product": product, "chain": chain, "base_unit": unit, **values, "total": sum(values.values())}
        for (product, chain, unit), values in sorted(totals.items())
    ]


LISTINGS_KEY = "chainkg.segment_listings"
TOTALS_KEY = "chainkg.capacity_totals"
CHAINS_KEY = "chainkg.segment_chains"
PER_GRAPH: dict[str, Callable[[nx.MultiDiGraph], Any]] = {
    LISTINGS_KEY: _make_segment_listings, TOTALS_KEY: _make_capacity_totals, CHAINS_KEY: _make_segment_chains}
"""What this module keeps in a graph's cache, by key, with the function that makes it: the
snapshots (:mod:`chainkg.graph.snapshot`) carry them, so a command's first query does not make
them again (capacity totals walk every project: about a second at 10,000 documents)."""


def _produces_edges(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(source, product) of every PRODUCES relationship, in the graph's edge order (totals are
    added in that order, so they do not change in the last digit from one run to the next)."""
    return [(u, v) for u, edges in edges_of_type(G, PRODUCES).items() for v, _, _ in edges]
