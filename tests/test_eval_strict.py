"""The strict scorer (chainkg/strict.py): gold rows matched against the built graph's nodes."""

from __future__ import annotations

from typing import Any

import pytest

from chainkg.gold import gold_paths, seeds_dir
from chainkg.graph.build import build_graph
from chainkg.ingest.extract import run_extraction
from chainkg.strict import StrictReport, evaluate_strict, format_strict, score_document_graph
from chainkg.templates import load_templates

from tests.test_extract_generalization import paragraphs

TEXT = ["某某锂业有限公司年产2万吨碳酸锂项目开工建设。"]


def gold(company: Any = "某某锂业", product: str = "碳酸锂", value: int = 20000) -> dict[str, Any]:
    return {"file": "g1.txt", "corpus": "own",
            "companies": [{"name": "某某锂业", "aliases": ["某某锂业有限公司"]}],
            "projects": [{"id": "p1", "company": company, "product": product,
                          "capacity": {"value": 2, "unit": "万吨", "base_value": value, "base_unit": "t",
                                       "per_year": True, "text": "年产2万吨"}}]}


@pytest.fixture(scope="module")
def built():  # type: ignore[no-untyped-def]
    doc = paragraphs(TEXT)
    templates = load_templates()
    return doc, build_graph([doc], run_extraction([doc], templates), templates), templates


def test_a_node_with_the_gold_company_product_and_capacity_matches(built) -> None:  # type: ignore[no-untyped-def]
    doc, G, t = built
    s = score_document_graph(gold(), doc, G, t, {}).score
    assert (s.project.tp, s.project.fp, s.project.fn, s.company.recall, s.share) == (1, 0, 0, 1.0, 1.0)


@pytest.mark.parametrize("row", [gold(company=None), gold(company="别的公司"), gold(value=30000),
                                 gold(product="氢氧化锂")])
def test_a_differing_company_capacity_or_product_is_no_match(built, row) -> None:  # type: ignore[no-untyped-def]
    doc, G, t = built
    s = score_document_graph(row, doc, G, t, {}).score
    assert (s.project.tp, s.project.fp, s.project.fn, s.share) == (0, 1, 1, 0.0)


def test_a_second_node_for_one_gold_row_is_a_false_hit(built) -> None:  # type: ignore[no-untyped-def]
    doc, G, t = built
    G = G.copy()
    pid = next(n for n, d in G.nodes(data=True) if d.get("label") == "Project")
    twin = pid + "#twin"
    G.add_node(twin, **G.nodes[pid])
    for u, v, k, d in list(G.in_edges(pid, keys=True, data=True)):
        G.add_edge(u, twin, key=k + "#", **d)
    for u, v, k, d in list(G.out_edges(pid, keys=True, data=True)):
        G.add_edge(twin, v, key=k + "#", **d)
    r = score_document_graph(gold(), doc, G, t, {})
    assert (r.score.project.tp, r.score.project.fp, r.score.nodes) == (1, 1, 2)
    assert "second node for p1" in r.false_hits["project"][0]


def test_strict_report_of_the_seeds() -> None:
    if not gold_paths() or not seeds_dir().is_dir():
        pytest.skip("no gold or seeds")
    report: StrictReport = evaluate_strict(corpora=("seeds",))
    assert {d.corpus for d in report.documents} == {"seeds"}
    assert report.total("seeds").project.recall >= 0.9
    text = format_strict(report, details=False)
    assert "seeds" in text and "holdout" not in text


def with_attributes(per_year: Any = True, phase: str | None = None) -> dict[str, Any]:
    row = gold()
    row["projects"][0]["capacity"]["per_year"] = per_year
    row["projects"][0]["phase"] = phase
    return row


@pytest.mark.parametrize("row, tp", [(with_attributes(per_year=False), 0), (with_attributes(phase="二期"), 0),
                                     (with_attributes(per_year=None), 1), (with_attributes(phase=None), 1)])
def test_a_stated_yearly_reading_or_phase_must_agree(built, row, tp) -> None:  # type: ignore[no-untyped-def]
    doc, G, t = built
    s = score_document_graph(row, doc, G, t, {}).score
    assert (s.project.tp, s.project.fp) == (tp, 1 - tp)
