"""The strict scorer: extraction measured on the built graph, not on strings.

:mod:`chainkg.ingest.evaluate` (``chainkg eval --loose``) matches the names extraction wrote
down; this module builds the graph the way ``chainkg build`` does and scores its nodes, so a
fact only counts when the graph holds it:

- a gold project matches a **Project node** only when the node's BUILDS company is the gold
  company (the Company node's name, or failing that a name it is written with in this
  document, resolves to it through the gold aliases and ``gold/aliases.yaml``; a gold company
  null means no BUILDS at all), its PRODUCES product is the gold product's node (the template
  product the name, a synonym or the name's head names, else the Product of the same name: the
  gold product maps to a node exactly as extraction's does, :func:`~chainkg.graph.build.product_node_id`),
  and, when the gold
  has a capacity, the node's capacity attributes hold the same base value and unit, and its
  yearly reading and phase agree wherever the gold states them
  (:func:`~chainkg.ingest.evaluate.stated_attributes_agree`);
- **one node per gold row**: a second node matching a gold row already matched is a false hit;
- **companies**: the Company nodes mentioned in the document, each resolved to a gold company
  or not; recall over the gold companies, precision over those nodes;
- **matching share**: of the Project nodes the document's sentences produced, how many match a
  gold row; a false one is **paired** when it is a second node for a matched row or holds a missed
  row's product or figure (the wrong firm, phase or figure of a row) and **junk** otherwise (a
  total, an output, a policy phrase …: :attr:`StrictDoc.verdicts`).

The documents of each set are ingested on their own (only the texts that have a gold file of
the sets asked for are copied into a scratch folder), so a text of a set not asked for is never
read.

>>> s = StrictScore(project=Score(3, 1, 1), company=Score(4, 0, 1), nodes=4, matching=3)
>>> s.share
0.75
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.gold import CORPORA, DEFAULT_SETS, gold_paths, load_aliases, load_golds
from chainkg.graph.build import build_graph, product_node_id
from chainkg.model import BUILDS, COMPANY, DOCUMENT, MENTIONED_IN, PRODUCES, PROJECT, node_id
from chainkg.reading.document import Document
from chainkg.ingest.evaluate import Score, GoldMatcher, extracted_sets, stated_attributes_agree
from chainkg.ingest.vocab import vocabulary
from chainkg.templates import Templates, load_templates


@dataclass(frozen=True)
class StrictScore:
    """A document's (or a set's) strict counts: projects, companies, produced nodes matching."""

    project: Score
    company: Score
    nodes: int
    matching: int

    @property
    def share(self) -> float:
        """Share of the produced Project nodes that match a gold row."""
        return round(self.matching / self.nodes, 3) if self.nodes else 1.0

    def __add__(self, other: "StrictScore") -> "StrictScore":
        return StrictScore(self.project + other.project, self.company + other.company,
                           self.nodes + other.nodes, self.matching + other.matching)


#: a Project node's verdict (:attr:`StrictDoc.verdicts`)
MATCH, PAIRED, JUNK = "match", "paired", "junk"

ZERO = StrictScore(Score(0, 0, 0), Score(0, 0, 0), 0, 0)


@dataclass
class StrictDoc:
    """One document's strict score with its misses and false hits."""

    file: str
    corpus: str
    score: StrictScore = ZERO
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_hits: dict[str, list[str]] = field(default_factory=dict)
    #: each Project node of the document: ``match`` (it is a gold row), ``paired`` (false, but it holds a gold
    #: row's product or figure: the wrong firm, phase or figure, or a second node) or ``junk`` (false, neither)
    verdicts: dict[str, str] = field(default_factory=dict)
    #: (id, cause) of each missed gold row: what the document's unmatched Project nodes say about it (:data:`MISS_CAUSES`)
    miss_causes: list[tuple[str, str]] = field(default_factory=list)


#: why a gold row is missed, judged by the unmatched Project nodes of its document, first that applies: ``firm`` (a node
#: holds its product and figure with another builder or none), ``phase`` (product, figure and builder, but its yearly
#: reading or phase disagrees), ``figure`` (a node holds its product with another figure), ``product`` (a node holds its
#: figure with another product), else no node at all, the row having a figure (``no node``) or not (``no node, no figure``)
MISS_CAUSES = ("firm", "phase", "figure", "product", "no node", "no node, no figure")


def miss_cause(wanted: tuple[str | None, str, dict[str, Any] | None],
               nodes: list[tuple[dict[str, Any], str | None, list[str]]]) -> str:
    """Why a gold row no node matched is missed (:data:`MISS_CAUSES`): ``wanted`` is the row's (company, product node,
    capacity), ``nodes`` each unmatched Project node's (attributes, the gold company its builder is, "" for a builder
    that is none, None for no builder, its products).

    >>> node = {"capacity_base_value": 2e4, "capacity_base_unit": "t"}
    >>> cap = {"base_value": 2e4, "base_unit": "t"}
    >>> miss_cause(("甲", "product:碳酸锂", cap), [(node, None, ["product:碳酸锂"])])
    'firm'
    >>> miss_cause(("甲", "product:碳酸锂", cap), [(node, "甲", ["product:钾肥"])])
    'product'
    >>> miss_cause(("甲", "product:碳酸锂", None), [])
    'no node, no figure'
    """
    company, product, cap = wanted
    held = [(n, firm) for n, firm, products in nodes if product in products and _capacity_ok(n, cap)]
    if any(firm != company for _n, firm in held):
        return "firm"
    if held:
        return "phase"
    if cap and any(product in products for _n, _f, products in nodes):
        return "figure"
    if cap and any(_capacity_ok(n, cap) for n, _f, _p in nodes):
        return "product"
    return "no node" if cap else "no node, no figure"


@dataclass(frozen=True)
class StrictReport:
    documents: tuple[StrictDoc, ...]
    #: pages left out of their set (absent, or other bytes than the manifest's), one line each with the reason
    left_out: tuple[str, ...] = ()

    def total(self, corpus: str) -> StrictScore:
        out = ZERO
        for d in self.documents:
            if d.corpus == corpus:
                out = out + d.score
        return out


def _mentioned(G: nx.MultiDiGraph, doc_node: str, label: str) -> list[str]:
    """Nodes of ``label`` with a MENTIONED_IN edge to the document, sorted by id."""
    return sorted({u for u, _, d in G.in_edges(doc_node, data=True)
                   if d.get("type") == MENTIONED_IN and G.nodes[u].get("label") == label})


def _written(G: nx.MultiDiGraph, node: str, doc_node: str, doc: Document) -> list[str]:
    """The names a Company node is written with in this document (its mention spans)."""
    return sorted({doc.text[d["start"]:d["end"]] for _, v, d in G.out_edges(node, data=True)
                   if v == doc_node and d.get("type") == MENTIONED_IN})


def _company_of(G: nx.MultiDiGraph, cid: str, doc_node: str, doc: Document, match: GoldMatcher) -> str | None:
    """The gold company a Company node is: by its name, else by a name written here."""
    hit = match.company([G.nodes[cid]["name"]])
    if hit is None:
        hit = match.company(_written(G, cid, doc_node, doc))
    return hit


def _produced(G: nx.MultiDiGraph, pid: str) -> list[str]:
    """The Product nodes a Project node PRODUCES."""
    return [v for _, v, d in G.out_edges(pid, data=True) if d.get("type") == PRODUCES]


def _capacity_ok(node: dict[str, Any], gold_cap: dict[str, Any] | None) -> bool:
    if not gold_cap:
        return True
    if node.get("capacity_base_unit") != gold_cap["base_unit"] or node.get("capacity_base_value") is None:
        return False
    return round(float(node["capacity_base_value"]), 6) == round(float(gold_cap["base_value"]), 6)


def _describe(node: dict[str, Any], company: str | None) -> str:
    return f"{company or '-'}|{node.get('product')}|{node.get('capacity_text')} ({node.get('phase') or ''})"


def score_document_graph(gold: dict[str, Any], doc: Document, G: nx.MultiDiGraph, templates: Templates,
                         aliases: dict[str, str]) -> StrictDoc:
    """Score one document's part of the graph ``G`` against its gold (rules in the module docstring)."""
    match = GoldMatcher(gold, aliases, vocabulary(templates))
    out = StrictDoc(file=gold["file"], corpus=gold["corpus"])
    doc_node = node_id(DOCUMENT, doc.id)

    # companies: the Company nodes this document mentions
    gold_companies = {c["name"] for c in gold["companies"] or []}
    company_hits: dict[str, str | None] = {c: _company_of(G, c, doc_node, doc, match)
                                           for c in _mentioned(G, doc_node, COMPANY)}
    found = {h for h in company_hits.values() if h is not None}
    wrong = sorted(G.nodes[c]["name"] for c, h in company_hits.items() if h is None)
    company = Score(len(found & gold_companies), len(wrong), len(gold_companies - found))
    out.misses["company"] = sorted(gold_companies - found)
    out.false_hits["company"] = wrong

    # projects: the Project nodes this document's sentences produced
    rows = gold["projects"] or []
    wanted = [(g.get("company"), product_node_id(templates, g["product"]), g.get("capacity")) for g in rows]
    used: set[int] = set()
    false_hits: list[str] = []
    unmatched: list[tuple[dict[str, Any], str | None, list[str]]] = []
    nodes = _mentioned(G, doc_node, PROJECT)
    for pid in nodes:
        node = G.nodes[pid]
        builders = [u for u, _, d in G.in_edges(pid, data=True) if d.get("type") == BUILDS]
        products = _produced(G, pid)
        firm = _company_of(G, builders[0], doc_node, doc, match) if builders else None
        candidates = [i for i, (gc, gp, gcap) in enumerate(wanted)
                      if (gc is None) == (not builders) and (gc is None or gc == firm)
                      and gp in products and _capacity_ok(node, gcap)
                      and stated_attributes_agree(rows[i], node.get("capacity_per_year"), node.get("phase"))]
        # a row whose capacity the node holds before a row with no capacity to check
        free = sorted((i for i in candidates if i not in used), key=lambda i: wanted[i][2] is None)
        if free:
            used.add(free[0])
            out.verdicts[pid] = MATCH
            continue
        out.verdicts[pid] = PAIRED if candidates else JUNK
        unmatched.append((node, "" if builders and firm is None else firm, products))  # "": a builder no gold firm is
        label = G.nodes[builders[0]]["name"] if builders else None
        why = f" (second node for {rows[candidates[0]]['id']})" if candidates else ""
        false_hits.append(_describe(node, label) + why)
    missed = [row for i, row in enumerate(wanted) if i not in used]
    for pid, verdict in out.verdicts.items():  # a false node holding a missed row's product or figure is paired
        if verdict == JUNK and any(gp in _produced(G, pid) or (gcap and _capacity_ok(G.nodes[pid], gcap))
                                   for _, gp, gcap in missed):
            out.verdicts[pid] = PAIRED
    out.miss_causes = [(rows[i]["id"], miss_cause(wanted[i], unmatched)) for i in range(len(rows)) if i not in used]
    out.misses["project"] = [f"{g['id']} ({g.get('company')}|{g['product']}|{(g.get('capacity') or {}).get('text')})"
                             for i, g in enumerate(rows) if i not in used]
    out.false_hits["project"] = false_hits
    out.score = StrictScore(Score(len(used), len(false_hits), len(rows) - len(used)), company,
                            len(nodes), len(used))
    return out


def evaluate_strict(gold_dir: Path | None = None, templates: Templates | None = None,
                    corpora: Collection[str] = DEFAULT_SETS, skip_unavailable_pages: bool = False) -> StrictReport:
    """Per set in ``corpora``: ingest its gold texts, extract, build the graph, score it strictly.

    ``skip_unavailable_pages``: score a pages set without its pages that are absent or have other bytes
    (:func:`chainkg.gold.load_golds`); the report names them."""
    templates = templates or load_templates()
    paths = gold_paths(gold_dir, corpora)
    if not paths:
        raise ChainkgError(f"no gold files of {', '.join(corpora)} in {gold_dir or 'data/eval/gold'}")
    golds, left_out = load_golds(paths, skip_unavailable_pages=skip_unavailable_pages)
    aliases = load_aliases()
    reports: list[StrictDoc] = []
    with tempfile.TemporaryDirectory(prefix="chainkg-strict-") as tmp:
        for wanted, by_file, extraction, documents in extracted_sets(golds, templates, Path(tmp), only_gold_files=True):
            G = build_graph(documents, extraction, templates)
            reports += [score_document_graph(g, by_file[g["file"]], G, templates, aliases) for g in wanted]
    return StrictReport(tuple(reports), tuple(left_out))


def format_strict(report: StrictReport, details: bool = True) -> str:
    """Per set: strict project P/R/F1, company P/R, the share of produced nodes matching; then misses."""
    lines = [f"{'set':<13} {'docs':>4}  {'proj P':>6} {'proj R':>6} {'proj F1':>7}  {'co P':>5} {'co R':>5}"
             f"  {'match':>5}   tp  fp  fn  nodes"]
    for corpus in CORPORA:
        docs = [d for d in report.documents if d.corpus == corpus]
        if not docs:
            continue
        s = report.total(corpus)
        p = s.project
        lines.append(f"{corpus:<13} {len(docs):>4}  {p.precision:>6.3f} {p.recall:>6.3f} {p.f1:>7.3f}  "
                     f"{s.company.precision:>5.3f} {s.company.recall:>5.3f}  {s.share:>5.3f}  "
                     f"{p.tp:>3} {p.fp:>3} {p.fn:>3}  {s.nodes:>5}")
    if details:
        for d in report.documents:
            lines.append(f"-- {d.corpus} {d.file}: project R {d.score.project.recall:.3f}, "
                         f"company R {d.score.company.recall:.3f}, matching {d.score.share:.3f}")
            for kind in ("project", "company"):
                for miss in d.misses.get(kind, []):
                    lines.append(f"   miss  {kind}: {miss}")
                for hit in d.false_hits.get(kind, []):
                    lines.append(f"   false {kind}: {hit}")
    lines += report.left_out
    return "\n".join(lines) + "\n"
