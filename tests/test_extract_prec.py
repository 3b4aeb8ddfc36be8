"""Guards against false Project nodes (issue 16, docs/extraction.md "False Project nodes by rule (branch prec)"):
each guard on sentences written here with made-up firms; no sentence of a corpus or a page is copied; and the
strict scorer's verdict on each Project node (match, paired, junk) that benchmarks/rule_precision.py counts."""

from __future__ import annotations

import networkx as nx
import pytest

from chainkg.ingest.extract import industry_item, rules_fired
from chainkg.model import BUILDS, COMPANY, DOCUMENT, MENTIONED_IN, PRODUCES, PRODUCT, PROJECT, node_id
from chainkg.reading.document import Document
from chainkg.strict import JUNK, MATCH, PAIRED, score_document_graph
from chainkg.graph.build import product_node_id
from chainkg.templates import Templates, load_templates
from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


# ------------------------------------------------------------------ rule industry_item


@pytest.mark.parametrize("text", [
    "推进澄岭锂业金属锂、煤制烯烃等高端项目建设。",
    "建成岚峰硅业工业硅、全省首座投运的塔式光热电站等项目。",
])
def test_an_item_naming_a_kind_of_industry_is_no_project(text: str) -> None:
    assert all(company is not None for company, _p, _r in rules_fired(text)), rules_fired(text)


def test_an_item_naming_a_site_stays_a_project_without_firm() -> None:
    fired = rules_fired("推进澄岭锂业金属锂、岚峰镇铁矿选矿、汀澜矿业镍钴矿采选等重点产业项目建设。")
    assert (None, "铁矿石", "listed_work+company_none+status_after") in fired


@pytest.mark.parametrize("before, kind", [("煤制", True), ("首座投运的", True), ("岚峰镇", False), ("", False)])
def test_industry_item_reads_the_words_before_the_product(before: str, kind: bool) -> None:
    assert industry_item(before) is kind


# ------------------------------------------------------------------ rules supply_figure and aim_noun


@pytest.mark.parametrize("text", [
    "汀澜建材公司今年将向区域内投放80万吨水泥。",
    "汀澜铝业每年拿出20万吨铝水给下游企业。",
    "汀澜矿业锚定年底产煤800万吨目标。",
    "汀澜矿业今年冲刺原煤300万吨任务。",
])
def test_a_supply_or_an_aim_is_no_project(text: str) -> None:
    assert rules_fired(text) == [], rules_fired(text)


def test_a_plant_that_will_supply_stays_a_project() -> None:
    assert [p for _c, p, _f, _ph in found("汀澜建材有限公司年产80万吨水泥项目开工建设,建成后供应周边市场。")] == ["水泥"]


# ------------------------------------------------------------------ rule visit_verb


@pytest.mark.parametrize("verb", ["深入", "莅临", "来到"])
def test_the_verb_of_a_visit_is_no_part_of_the_firm(verb: str) -> None:
    text = f"市领导一行{verb}澄岭铁合金有限公司年产10万吨板材项目观摩。"
    assert [c for c, _p, _f, _ph in found(text)] == ["澄岭铁合金有限公司"], found(text)


# ------------------------------------------------------------------ the strict verdicts


def _graph(nodes: list[tuple[str, str | None, str, float | None]], templates: Templates) -> nx.MultiDiGraph:
    """A document's graph: one Project node per (id, firm, product, capacity in t)."""
    G = nx.MultiDiGraph()
    doc = node_id(DOCUMENT, "d")
    G.add_node(doc, label=DOCUMENT)
    for pid, firm, product, tons in nodes:
        G.add_node(pid, label=PROJECT, capacity_base_value=tons, capacity_base_unit="t" if tons else None)
        G.add_edge(pid, doc, type=MENTIONED_IN, start=0, end=1)
        G.add_node(product_node_id(templates, product), label=PRODUCT, name=product)
        G.add_edge(pid, product_node_id(templates, product), type=PRODUCES)
        if firm:
            cid = node_id(COMPANY, firm)
            G.add_node(cid, label=COMPANY, name=firm)
            G.add_edge(cid, pid, type=BUILDS)
            G.add_edge(cid, doc, type=MENTIONED_IN, start=0, end=1)
    return G


def test_each_project_node_is_a_match_a_near_miss_or_junk() -> None:
    templates = load_templates()
    gold = {"file": "d.txt", "corpus": "own", "companies": [{"name": "澄岭锂业", "aliases": []}, {"name": "岚峰化工", "aliases": []}],
            "projects": [{"id": "a", "company": "澄岭锂业", "product": "碳酸锂",
                          "capacity": {"base_value": 10000, "base_unit": "t", "text": "1万吨"}},
                         {"id": "b", "company": "岚峰化工", "product": "金属镁", "capacity": None}]}
    G = _graph([("p1", "澄岭锂业", "碳酸锂", 10000.0),   # row a
                ("p2", "澄岭锂业", "碳酸锂", 10000.0),   # a second node for row a
                ("p3", None, "金属镁", 50000.0),         # row b's product, without its firm
                ("p4", None, "烧碱", 300000.0)], templates)  # nothing the gold holds
    report = score_document_graph(gold, Document("d", "d.txt", {}, "utf-8", "0", "甲"), G, templates, {})
    assert report.verdicts == {"p1": MATCH, "p2": PAIRED, "p3": PAIRED, "p4": JUNK}
    assert (report.score.nodes, report.score.matching) == (4, 1)
    assert report.miss_causes == [("b", "firm")]  # row b's product is read, its firm is not


@pytest.mark.parametrize("node, cause", [
    (("p1", "岚峰化工", "碳酸锂", 10000.0), "firm"),     # product and figure, another builder
    (("p1", "澄岭锂业", "碳酸锂", 20000.0), "figure"),   # the product with another figure
    (("p1", "澄岭锂业", "金属镁", 10000.0), "product"),  # the figure with another product
    (("p1", "澄岭锂业", "烧碱", 300000.0), "no node"),   # nothing of the row
])
def test_a_missed_row_says_how_far_extraction_got(node: tuple[str, str, str, float], cause: str) -> None:
    templates = load_templates()
    gold = {"file": "d.txt", "corpus": "own", "companies": [{"name": "澄岭锂业", "aliases": []}],
            "projects": [{"id": "a", "company": "澄岭锂业", "product": "碳酸锂",
                          "capacity": {"base_value": 10000, "base_unit": "t", "text": "1万吨"}}]}
    report = score_document_graph(gold, Document("d", "d.txt", {}, "utf-8", "0", "甲"), _graph([node], templates),
                                  templates, {})
    assert report.miss_causes == [("a", cause)]


def test_the_miss_table_sums_each_cause_over_the_sets() -> None:
    from collections import Counter

    import miss_causes as mc

    lines = mc.table({"a": Counter(firm=2, product=1), "b": Counter({"no node, no figure": 3})})
    assert lines[2] == "| firm | 2 | 0 | 2 |"
    assert lines[-1] == "| missed | 3 | 3 | 6 |"


def test_the_rule_table_sums_each_rules_nodes_over_the_sets() -> None:
    from collections import Counter

    import rule_precision as rp

    counts = {("anchor", "capacity_product", "a"): Counter(match=3, paired=1),
              ("anchor", "capacity_product", "b"): Counter(match=1, junk=1),
              ("anchor", "listed_work", "b"): Counter(junk=1),
              ("company", "company_none", "a"): Counter(match=3)}
    assert rp.table(counts, "anchor", ["a", "b"])[2:] == [
        "| capacity_product | 3/4 1 0 | 1/2 0 1 | 4/6 1 1 | 0.67 |",
        "| listed_work |  | 0/1 0 1 | 0/1 0 1 | 0.00 |"]
