"""The rule that produced a fact is recorded on it (issue 16, item 3): from a made-up sentence to
the Project's ``rules`` in graph.json, ``MENTIONED_IN.rule`` in both Neo4j loaders, the evidence
query, and 为何得出 on the site's evidence panel.

The corpus is one short text we wrote: 霁岚锂盐科技 is named in one sentence and builds in the
next (主语承前句), 澄岭化工 builds right before its figure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest

from chainkg.graph import model
from chainkg.graph.model import node_id
from chainkg.graph.neo4j_store import connect, connection_settings, delete_everything, load_graph
from chainkg.pipeline import BuildResult, build
from chainkg.queries.run import run_embedded, run_neo4j
from chainkg.rules import rule_text
from chainkg.views.site import page_path

TEXT = ("岚川县产业项目简报\n\n"
        "霁岚锂盐科技有限公司是县里的骨干企业，去年产值稳步增长。该公司年产2万吨碳酸锂项目已开工建设。\n\n"
        "澄岭化工年产5000吨硝酸锶项目建成投产。\n")
CARRIED = node_id(model.PROJECT, "霁岚锂盐科技", "碳酸锂", "")
ADJACENT = node_id(model.PROJECT, "澄岭化工", "硝酸锶", "")
CARRIED_RULE = "capacity_product+company_previous+status_after"
ADJACENT_RULE = "capacity_product+company_adjacent+status_after"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "brief.txt").write_text(TEXT, encoding="utf-8")
    result = build(corpus, tmp_path_factory.mktemp("out"))
    assert result.failures == ()
    return result


def _mention_rules(G: nx.MultiDiGraph, node: str) -> set[str]:
    return {d["rule"] for _, _, d in G.out_edges(node, data=True) if d["type"] == model.MENTIONED_IN and "rule" in d}


def test_the_rules_are_recorded_in_graph_json(built: BuildResult) -> None:
    data = json.loads(built.path.read_text(encoding="utf-8"))
    projects = {n["id"]: n for n in data["nodes"] if n.get("label") == model.PROJECT}
    assert projects[CARRIED]["rules"] == [CARRIED_RULE]
    assert projects[ADJACENT]["rules"] == [ADJACENT_RULE]
    mentioned = [e for e in data["edges"] if e["type"] == model.MENTIONED_IN and e["source"] == CARRIED]
    assert [(e["rule"], e["rule_zh"]) for e in mentioned] == [(CARRIED_RULE, "规模+产品 · 主语承前句 · 状态在项目之后")]


def test_the_evidence_query_says_why(built: BuildResult) -> None:
    rows = run_embedded(built.graph, "evidence", {"id": CARRIED})
    assert [(r["rule"], r["rule_zh"]) for r in rows] == [(CARRIED_RULE, rule_text(CARRIED_RULE))]
    # a company named where no rule read a fact has evidence with no rule
    company_rows = run_embedded(built.graph, "evidence", {"id": node_id(model.COMPANY, "霁岚锂盐科技")})
    assert {r["rule"] for r in company_rows} == {None, CARRIED_RULE}


def test_the_project_page_shows_its_rules(built: BuildResult) -> None:
    html = (built.site / str(page_path(built.graph, CARRIED))).read_text(encoding="utf-8")
    assert "依据规则" in html and "为何得出:规模+产品 · 主语承前句 · 状态在项目之后" in html


@pytest.mark.neo4j
def test_both_neo4j_loaders_carry_the_rules(built: BuildResult, neo4j_settings) -> None:
    G = built.graph
    query = ("MATCH (p:Project {id: $id})-[m:MENTIONED_IN]->(:Document) "
             "RETURN p.rules AS rules, collect(m.rule) AS rule")
    with connect(neo4j_settings) as driver:
        delete_everything(driver, neo4j_settings.database)
        load_graph(driver, neo4j_settings.database, G)
        record = driver.execute_query(query, id=CARRIED, database_=neo4j_settings.database).records[0]
        assert (record["rules"], record["rule"]) == ([CARRIED_RULE], [CARRIED_RULE])
        rows = run_neo4j(driver, neo4j_settings.database, "evidence", {"id": ADJACENT})
        assert rows == run_embedded(G, "evidence", {"id": ADJACENT})
        assert {r["rule_zh"] for r in rows} == {rule_text(ADJACENT_RULE)}
        delete_everything(driver, neo4j_settings.database)
    if os.environ.get("NEO4J_URI"):
        return  # the bulk importer writes the project's own server only
    from chainkg.graph.neo4j_bulk import bulk_load

    bulk_load(G, environ={})
    settings = connection_settings({})  # the server was restarted: connect again
    with connect(settings) as driver:
        record = driver.execute_query(query, id=ADJACENT, database_=settings.database).records[0]
        assert (record["rules"], record["rule"]) == ([ADJACENT_RULE], [ADJACENT_RULE])
        delete_everything(driver, settings.database)


@pytest.mark.browser
def test_the_evidence_panel_shows_the_rule_meaning(browser_page, built: BuildResult) -> None:
    page = browser_page.open(built.site / str(page_path(built.graph, CARRIED)))
    why = page.locator(".ck-evidence .ck-why")
    assert why.count() == 1
    assert why.inner_text() == "为何得出:规模+产品 · 主语承前句 · 状态在项目之后"
    assert why.is_visible()
    assert browser_page.problems() == []


def test_every_extraction_rule_has_an_example_that_fires_it() -> None:
    """Each anchor, company and status rule of the table is shown firing by a doctest of
    ``ingest/extract.py`` (examples run through ``rules_fired``), so no rule is only a name."""
    import doctest

    import chainkg.ingest.extract as extract_module
    from chainkg.rules import ANCHOR, COMPANY, RULES, STATUS

    shown = " ".join(example.want for test in doctest.DocTestFinder().find(extract_module)
                     for example in test.examples if "rules_fired(" in example.source)
    fired = {name for part in shown.replace("'", " ").split() for name in part.split("+")}
    missing = [r.name for r in RULES if r.kind in (ANCHOR, COMPANY, STATUS) and r.name not in fired]
    assert missing == []


@pytest.mark.browser
def test_the_chain_map_info_panel_shows_the_rule_meaning(browser_page, built: BuildResult) -> None:
    chain = node_id(model.CHAIN, built.graph.nodes[CARRIED]["chain"])
    page = browser_page.open(built.site / str(page_path(built.graph, chain)))
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=30_000)
    node = page.evaluate("id => window.chainkgNodes.get().find(n => (n.ref || n.id) === id).id", CARRIED)
    page.evaluate("id => window.chainkgShowInfo(id)", node)
    why = page.locator(".ck-info .ck-why")
    assert why.count() == 1 and why.inner_text() == "为何得出:规模+产品 · 主语承前句 · 状态在项目之后"
    assert browser_page.problems() == []


def test_two_facts_read_at_one_span_keep_the_same_rule_whatever_their_order() -> None:
    """A total and its phase share a span: the rule their MENTIONED_IN keeps does not depend on
    the order the evidence comes in (set order varies with the hash seed between runs)."""
    from dataclasses import replace

    from chainkg.graph.build import add_project, add_templates
    from chainkg.ingest.extract import run_extraction
    from chainkg.templates import load_templates

    from tests.test_extract_facts import document

    project = run_extraction([document("d1", ["澜汐锂业年产1万吨碳酸锂项目开工建设。"])]).projects[0]
    ev = project.evidence[0]
    first, second = replace(ev, rule=ADJACENT_RULE), replace(ev, rule=CARRIED_RULE)
    kept, templates = set(), load_templates()
    for order in ((first, second), (second, first)):
        G = nx.MultiDiGraph()
        add_templates(G, templates)
        add_project(G, templates, replace(project, evidence=order))
        kept.add(frozenset(_mention_rules(G, project.id)))
    assert len(kept) == 1 and len(next(iter(kept))) == 1


def test_two_facts_of_one_rule_at_one_span_keep_the_same_status_whatever_their_order() -> None:
    """Two statements of one firm in one sentence, read by the same rule with different status
    words, share the MENTIONED_IN: the status it keeps does not depend on their order (it did,
    from run to run, on a real corpus)."""
    from dataclasses import replace

    from chainkg.graph.build import add_project, add_templates
    from chainkg.ingest.extract import run_extraction
    from chainkg.templates import load_templates

    from tests.test_extract_facts import document

    project = run_extraction([document("d1", ["澜汐锂业年产1万吨碳酸锂项目开工建设。"])]).projects[0]
    ev = project.evidence[0]
    first, second = replace(ev, status_text="开工建设"), replace(ev, status_text="签约")
    kept, templates = set(), load_templates()
    for order in ((first, second), (second, first)):
        G = nx.MultiDiGraph()
        add_templates(G, templates)
        add_project(G, templates, replace(project, evidence=order))
        kept.add(frozenset(d.get("status_text") for _, _, d in G.out_edges(project.id, data=True)
                           if d["type"] == "MENTIONED_IN"))
    assert len(kept) == 1 and len(next(iter(kept))) == 1
