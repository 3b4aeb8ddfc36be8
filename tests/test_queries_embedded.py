"""The query library on the embedded store: headers, every query on the seeds' graph, errors, CLI.

The graph is ``chainkg build`` of the two seeds (fixture ``seed_build``), read back from
``OUT/graph.json`` as the CLI reads it. Content assertions are facts of the seeds (中信昆仑锂业
builds 碳酸锂 capacity that is under construction) and of the templates (segment order), and
cross-checks against :mod:`chainkg.graph.gaps`, the one gap definition.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from chainkg.cli import main
from chainkg.errors import ChainkgError
from chainkg.graph import gaps
from chainkg.graph.store import read_graph_json
from chainkg.reading.document import Document
from chainkg.queries.catalog import RULE_SOURCES, bind, get_query, list_queries, parse_query, rule_values
from chainkg.queries.embedded import EMBEDDED
from chainkg.queries.headers import header
from chainkg.queries.run import format_rows, run_embedded, text_width
from chainkg.templates import load_templates


@pytest.fixture(scope="module")
def G(seed_build) -> nx.MultiDiGraph:
    return read_graph_json(seed_build.path)


@pytest.fixture(scope="module")
def out(seed_build) -> Path:
    return seed_build.path.parent


def _user_example(name: str) -> dict:
    query = get_query(name)
    return {p.name: query.example[p.name] for p in query.params}


# ----------------------------------------------------------------------------- the library itself


def test_every_cypher_file_has_an_embedded_implementation() -> None:
    names = [q.name for q in list_queries()]
    assert names == sorted(EMBEDDED)
    assert {"chain_overview", "chain_gaps", "chain_projects", "company", "product_upstream", "product_downstream",
            "capacity_totals", "projects_by_status", "evidence", "linked_chains", "search"} <= set(names)


def test_browser_examples_set_the_gap_rules_to_graph_gaps_values() -> None:
    for query in list_queries():
        for rule in query.rules:
            assert query.example[rule.name] == rule_values(query)[rule.name], (query.name, rule.name)
    assert RULE_SOURCES["ACTIVE_RANK"] == gaps.ACTIVE_RANK and RULE_SOURCES["REPORTED"] == gaps.REPORTED
    assert gaps.capacity_class({"status_rank": RULE_SOURCES["TRIAL_RANK"], "mode": gaps.REPORTED}) == "operating"
    assert gaps.capacity_class({"status_rank": RULE_SOURCES["TRIAL_RANK"] - 1, "mode": gaps.REPORTED}) != "operating"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_query_decides_standing_with_the_same_cypher_text() -> None:
    """One definition: the active test and the capacity class read the same in every file."""
    active = "coalesce(p.mode, '') = $reported AND coalesce(p.status_rank, 0) >= $active_rank"
    klass = ("CASE WHEN NOT active THEN 'planned' WHEN coalesce(p.status_rank, 0) >= $trial_rank THEN 'operating' "
             "ELSE 'under_construction' END")
    for query in list_queries():
        body = _squeeze(query.body)
        if "$active_rank" in body:
            assert active in body, query.name
            assert body.count("$active_rank") == body.count(active), query.name
        if "$trial_rank" in body:
            assert body.count("$trial_rank") == body.count(klass), query.name


def test_every_query_orders_its_rows_and_binds_every_value() -> None:
    for query in list_queries():
        body = query.body
        assert "ORDER BY" in body, query.name
        assert not re.search(r"\bLIMIT \d|\bSKIP \d", body), query.name
        assert "apoc." not in body.lower(), query.name


def test_a_header_that_disagrees_with_its_query_is_refused() -> None:
    header = "// Question: q?\n// Columns: a\n// Example:\n//   :param x => 1\n"
    with pytest.raises(ChainkgError, match=r"queries/bad.cypher: .*undeclared \$y"):
        parse_query("bad", "// Question: q?\n// Parameters:\n//   x integer 1 an x\n// Columns: a\n"
                           "// Example:\n//   :param x => 1\nRETURN $x + $y AS a ORDER BY a")
    with pytest.raises(ChainkgError, match="no Question"):
        parse_query("bad", "// Columns: a\nRETURN 1 AS a")
    with pytest.raises(ChainkgError, match="the example sets"):
        parse_query("bad", header.replace(":param x", ":param z") .replace("// Columns", "// Parameters:\n//   x integer 1 x\n// Columns")
                    + "RETURN $x AS a ORDER BY a")


# ----------------------------------------------------------------------------- parameters and errors


def test_unknown_query_lists_the_valid_ones() -> None:
    with pytest.raises(ChainkgError) as err:
        get_query("chain_overveiw")
    assert "unknown query 'chain_overveiw'" in str(err.value)
    assert "chain_overview" in str(err.value) and "search" in str(err.value)


def test_unknown_parameter_lists_the_valid_ones() -> None:
    with pytest.raises(ChainkgError) as err:
        bind(get_query("search"), {"txt": "昆仑"})
    message = str(err.value)
    assert "unknown parameter txt" in message
    assert "text (string, required)" in message and "limit (integer 1..100000, default 50)" in message


def test_rule_parameters_cannot_be_overridden() -> None:
    with pytest.raises(ChainkgError, match="unknown parameter active_rank"):
        bind(get_query("chain_overview"), {"chain": "盐湖化工", "active_rank": "1"})


@pytest.mark.parametrize(("name", "params", "message"), [
    ("search", {"text": "x", "limit": "abc"}, "parameter limit must be an integer, got 'abc'"),
    ("search", {"text": "x", "limit": "2.5"}, "parameter limit must be an integer, got '2.5'"),
    ("search", {"text": "x", "limit": True}, "parameter limit must be an integer, got True"),
    ("search", {"text": "x", "limit": "0"}, "parameter limit must be between 1 and 100000, got 0"),
    ("product_upstream", {"product": "碳酸锂", "depth": "13"}, "parameter depth must be between 1 and 12, got 13"),
    ("coverage_summary", {"official": "perhaps"}, "parameter official must be true or false, got 'perhaps'"),
    ("search", {"text": 5}, "parameter text must be a string, got 5"),
    ("search", {}, "parameter text is required"),
    ("chain_overview", {}, "parameter chain is required"),
])
def test_bad_parameter_values_say_what_is_wrong(name: str, params: dict, message: str) -> None:
    with pytest.raises(ChainkgError, match=re.escape(f"query {name}: {message}")):
        bind(get_query(name), params)


def test_parameters_are_typed_and_defaulted() -> None:
    assert bind(get_query("product_downstream"), {"product": "多晶硅", "depth": " 2 "}) == {"product": "多晶硅", "depth": 2}
    assert bind(get_query("coverage_summary"), {"official": "TRUE"}) == {"official": True}
    assert bind(get_query("coverage_summary"), {}) == {"official": None}


# ----------------------------------------------------------------------------- each query on the seeds


def test_rows_have_the_header_columns_in_order(G) -> None:
    for query in list_queries():
        rows = run_embedded(G, query.name, _user_example(query.name))
        assert rows, f"{query.name}: the Browser example finds nothing on the seeds"
        for row in rows:
            assert tuple(row) == query.columns, query.name


def test_chain_overview_lists_the_template_segments_in_order(G) -> None:
    template = next(c for c in load_templates().chains if c.name == "盐湖化工")
    rows = run_embedded(G, "chain_overview", {"chain": "盐湖化工"})
    assert [r["segment"] for r in rows] == [s.name for s in template.segments]
    assert [r["segment_order"] for r in rows] == sorted(r["segment_order"] for r in rows)
    assert run_embedded(G, "chain_overview", {"chain": "chain:盐湖化工"}) == rows
    coverage = gaps.segment_coverage(G)
    for r in rows:
        assert r["coverage"] == coverage[r["segment_id"]]["coverage"]
        assert r["projects"] == len(coverage[r["segment_id"]]["projects"])
    lithium = next(r for r in rows if r["segment"] == "基础锂盐")
    assert lithium["coverage"] in ("present", "strong") and lithium["active_projects"] >= 1
    assert "中信昆仑锂业" in lithium["companies"]
    assert {r["coverage"] for r in rows} <= set(gaps.STATES)
    assert any(r["coverage"] == "unknown" for r in rows)
    assert all(r["coverage_zh"] == gaps.STATE_ZH[r["coverage"]] for r in rows)
    assert run_embedded(G, "chain_overview", {"chain": "没有这条链"}) == []


def test_chain_gaps_follow_graph_gaps(G) -> None:
    rows = run_embedded(G, "chain_gaps", {})
    for summary in gaps.chain_gaps(G):
        mine = [r for r in rows if r["chain"] == summary["name"]]
        for kind, zh in (("fill", "补链"), ("extend", "延链"), ("strengthen", "强链")):
            assert [r["segment"] for r in mine if r["kind"] == kind] == summary[kind]
            assert all(r["kind_zh"] == zh for r in mine if r["kind"] == kind)
        kinds = [r["kind"] for r in mine]
        assert kinds == sorted(kinds, key=["fill", "extend", "strengthen"].index)
    salt = run_embedded(G, "chain_gaps", {"chain": "盐湖化工"})
    overview = run_embedded(G, "chain_overview", {"chain": "盐湖化工"})
    assert [r["segment"] for r in salt if r["kind"] == "fill"] == [r["segment"] for r in overview if r["target_zh"] == "补链"]
    assert all(r["coverage"] in ("lacking", "unknown") for r in salt if r["kind"] in ("fill", "extend"))
    assert all(r["coverage"] == "present" for r in salt if r["kind"] == "strengthen")
    assert all(r["reason"] for r in rows)
    segments = [r["segment_id"] for r in rows]
    assert len(segments) == len(set(segments)), "a link is under at most one target"


def test_coverage_summary_has_every_chain_with_its_ratio(G) -> None:
    rows = run_embedded(G, "coverage_summary", {})
    assert [r["chain"] for r in rows] == [c.name for c in load_templates().chains]
    for r in rows:
        assert sum(r[state] for state in gaps.STATES) == r["segments"]
        assert r["coverage_ratio"] == round((r["strong"] + r["present"]) / r["segments"], 4)
    salt = rows[0]
    assert salt["chain"] == "盐湖化工" and salt["strong"] >= 1
    official = run_embedded(G, "coverage_summary", {"official": "true"})
    others = run_embedded(G, "coverage_summary", {"official": "false"})
    assert len(official) + len(others) == len(rows) and len(official) == load_templates().counts.named


def test_chain_projects_show_company_product_capacity_status(G) -> None:
    rows = run_embedded(G, "chain_projects", {"chain": "盐湖化工"})
    assert rows and all(r["chain"] == "盐湖化工" for r in rows)
    citic = next(r for r in rows if r["company"] == "中信昆仑锂业" and r["product"] == "碳酸锂")
    assert citic["segment"] == "基础锂盐"
    assert citic["capacity_base_value"] == 20000.0 and citic["capacity_base_unit"] == "t"
    assert citic["status"] == "under_construction" and citic["standing"] == "active"
    assert citic["capacity_class"] == "under_construction"
    overview = {r["segment"]: r for r in run_embedded(G, "chain_overview", {"chain": "盐湖化工"})}
    for segment, row in overview.items():
        assert sum(r["segment"] == segment for r in rows) == row["projects"]


def test_company_by_alias_shows_its_projects(G) -> None:
    rows = run_embedded(G, "company", {"company": "赣锋锂电"})
    assert rows and {r["company"] for r in rows} == {"赣锋锂业"}
    assert "赣锋锂电" in rows[0]["aliases"] and rows[0]["merge_rules"]
    assert any(r["product"] == "金属锂" and r["chain"] == "盐湖化工" for r in rows)
    assert run_embedded(G, "company", {"company": "company:赣锋锂业"}) == rows


def test_company_without_projects_has_one_row(G) -> None:
    idle = sorted(n for n, d in G.nodes(data=True) if d["label"] == "Company"
                  and not any(e["type"] == "BUILDS" for _, _, e in G.out_edges(n, data=True)))
    if not idle:
        pytest.skip("every company of the seeds builds a project")
    rows = run_embedded(G, "company", {"company": idle[0]})
    assert len(rows) == 1 and rows[0]["project_id"] is None and rows[0]["standing"] is None


def test_product_upstream_and_downstream_follow_supplies(G) -> None:
    up = run_embedded(G, "product_upstream", {"product": "碳酸锂", "depth": 2})
    depth = {r["segment"]: r["depth"] for r in up}
    assert depth["卤水提锂"] == 1 and depth["盐湖资源开采"] == 2
    assert all(r["from_segment"] == "基础锂盐" for r in up)
    assert run_embedded(G, "product_upstream", {"product": "电池级碳酸锂", "depth": 2}) == up
    assert all(r["depth"] == 1 for r in run_embedded(G, "product_upstream", {"product": "碳酸锂", "depth": 1}))
    down = run_embedded(G, "product_downstream", {"product": "碳酸锂", "depth": 1})
    assert ("新材料", "正极材料") in {(r["chain"], r["segment"]) for r in down}
    pv = run_embedded(G, "product_downstream", {"product": "多晶硅", "depth": 3})
    assert [(r["segment"], r["depth"]) for r in pv][:2] == [("单晶硅与硅片", 1), ("电池片", 2)]
    coverage = gaps.segment_coverage(G)
    assert all(r["coverage"] == coverage[r["segment_id"]]["coverage"] for r in up + down + pv)


def test_capacity_totals_split_by_status(G) -> None:
    rows = run_embedded(G, "capacity_totals", {})
    assert rows == gaps.capacity_totals(G)
    lithium = next(r for r in rows if r["product"] == "碳酸锂" and r["base_unit"] == "t")
    assert lithium["under_construction"] >= 20000.0 and lithium["chain"] == "盐湖化工"
    assert lithium["total"] == lithium["operating"] + lithium["under_construction"] + lithium["planned"]
    salt = run_embedded(G, "capacity_totals", {"chain": "盐湖化工"})
    assert salt and all(r["chain"] == "盐湖化工" for r in salt)
    assert run_embedded(G, "capacity_totals", {"product": "碳酸锂"}) == [r for r in rows if r["product"] == "碳酸锂"]


def test_projects_by_status_most_advanced_first(G) -> None:
    rows = run_embedded(G, "projects_by_status", {})
    ranks = [r["status_rank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True) and len(rows) == sum(
        d["label"] == "Project" for _, d in G.nodes(data=True))
    building = run_embedded(G, "projects_by_status", {"status": "under_construction"})
    assert building and {r["status"] for r in building} == {"under_construction"}
    assert len(run_embedded(G, "projects_by_status", {"limit": 3})) == 3
    for r in rows:
        assert r["standing"] == gaps.project_standing(G.nodes[r["project_id"]])


def test_what_is_made_once_per_graph_follows_a_changed_graph(G) -> None:
    """Project listings, capacity totals and the status order are kept in the graph's cache: a
    project added afterwards is in every one of them, and a row changed by the caller is not
    changed in the cache."""
    from chainkg.status import rank

    H = G.copy()
    lithium = next(n for n, d in H.nodes(data=True) if d["label"] == "Product" and d["name"] == "碳酸锂")
    def lithium_totals() -> dict:
        return next(r for r in run_embedded(H, "capacity_totals", {"product": "碳酸锂"}) if r["base_unit"] == "t")
    def overview() -> dict:
        return next(r for r in run_embedded(H, "chain_overview", {"chain": "盐湖化工"}) if r["segment"] == "基础锂盐")
    before_totals, before_overview = lithium_totals(), overview()
    lithium_totals()["under_construction"] = -1.0
    assert lithium_totals() == before_totals
    assert run_embedded(H, "projects_by_status", {"status": "under_construction"})
    H.add_node("company:某测试锂业", label="Company", name="某测试锂业")
    H.add_node("project:某测试锂业/碳酸锂", label="Project", name="某测试锂业12345吨碳酸锂",
               status="under_construction", status_rank=rank("under_construction"), mode="reported",
               capacity_base_value=12345.0, capacity_base_unit="t", capacity_text="12345吨")
    H.add_edge("company:某测试锂业", "project:某测试锂业/碳酸锂", type="BUILDS")
    H.add_edge("project:某测试锂业/碳酸锂", lithium, type="PRODUCES")
    after = lithium_totals()
    assert after["under_construction"] == before_totals["under_construction"] + 12345.0
    assert after["total"] == before_totals["total"] + 12345.0
    row = overview()
    assert (row["projects"], row["active_projects"]) == (before_overview["projects"] + 1,
                                                         before_overview["active_projects"] + 1)
    assert "某测试锂业" in row["companies"]
    listed = run_embedded(H, "chain_projects", {"chain": "盐湖化工"})
    assert any(r["project_id"] == "project:某测试锂业/碳酸锂" and r["company"] == "某测试锂业" for r in listed)
    building = run_embedded(H, "projects_by_status", {"status": "under_construction", "limit": 1000})
    assert "project:某测试锂业/碳酸锂" in {r["project_id"] for r in building}


@pytest.mark.parametrize("name", sorted(EMBEDDED))
def test_only_the_evidence_queries_need_the_evidence(name: str, G) -> None:
    """``chainkg query`` loads the graph without its MENTIONED_IN relationships for every query
    but EVIDENCE_QUERIES: those answer the same on it, for every parameter case; each evidence
    query answers differently for some case, and refuses to run on it."""
    from chainkg.queries.embedded import EVIDENCE_QUERIES
    from tests.test_graph_snapshot import without_evidence
    from testkit.query_cases import parameter_cases

    H = without_evidence(G)
    cases = parameter_cases(G)[name]
    if name not in EVIDENCE_QUERIES:
        for params in cases:
            assert run_embedded(H, name, params) == run_embedded(G, name, params), (name, params)
        return
    assert any(run_embedded(G, name, params) != run_embedded(without_evidence_marker_off(H), name, params)
               for params in cases), f"{name} answers the same without the evidence"
    with pytest.raises(ChainkgError, match=f"query {name} reads the evidence"):
        run_embedded(H, name, cases[0])


def without_evidence_marker_off(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``H`` as a graph that merely has no evidence (the refusal lifted), to see what it answers."""
    from chainkg.graph.snapshot import EVIDENCE_OMITTED

    bare = H.copy()
    del bare.graph[EVIDENCE_OMITTED]
    return bare


def test_evidence_points_at_the_mention_in_the_document(G, out) -> None:
    documents = {}
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = Document.from_dict(json.loads(line))
        documents[f"document:{doc.id}"] = doc.text
    rows = run_embedded(G, "evidence", {"id": "company:中信昆仑锂业"})
    assert rows
    for r in rows:
        assert documents[r["document_id"]][r["start"]:r["end"]] == "中信昆仑锂业"
        assert "中信昆仑锂业" in r["sentence"] and r["label"] == "Company"
    assert run_embedded(G, "evidence", {"id": "company:没有这家"}) == []


def test_linked_chains_follow_cross_chain_supplies(G) -> None:
    rows = run_embedded(G, "linked_chains", {"chain": "盐湖化工"})
    assert any(r["direction"] == "downstream" and r["linked_chain"] == "新材料" and r["from_segment"] == "基础锂盐"
               for r in rows)
    for r in rows:
        assert "盐湖化工" in (r["from_chain"], r["to_chain"]) and r["from_chain"] != r["to_chain"]
        assert r["linked_chain"] == (r["to_chain"] if r["direction"] == "downstream" else r["from_chain"])
    upstream = run_embedded(G, "linked_chains", {"chain": "新材料"})
    assert any(r["direction"] == "upstream" and r["linked_chain"] == "盐湖化工" for r in upstream)


def test_search_by_substring_ignoring_case(G) -> None:
    rows = run_embedded(G, "search", {"text": "昆仑"})
    assert "company:中信昆仑锂业" in {r["id"] for r in rows}
    assert [len(r["name"]) for r in rows] == sorted(len(r["name"]) for r in rows)
    pvc = run_embedded(G, "search", {"text": "pvc"})
    assert any(r["name"] == "聚氯乙烯" and r["matched"] == "PVC" for r in pvc)
    assert run_embedded(G, "search", {"text": "TopCon"}) == run_embedded(G, "search", {"text": "topcon"})
    companies = run_embedded(G, "search", {"text": "锂", "label": "Company", "limit": "2"})
    assert len(companies) == 2 and {r["label"] for r in companies} == {"Company"}


# ----------------------------------------------------------------------------- formats and the command line


def test_table_aligns_chinese_by_display_width(G) -> None:
    query = get_query("chain_overview")
    rows = run_embedded(G, "chain_overview", {"chain": "盐湖化工"})
    lines = format_rows(rows, query.columns, "table").splitlines()
    assert lines[-1] == f"({len(rows)} rows)"
    start = text_width(lines[0][:lines[0].index(header("segment_id"))])
    for line in lines[2:-1]:
        assert text_width(line[:line.index("segment:")]) == start


def test_table_headers_are_chinese_and_json_keys_are_not(G) -> None:
    query = get_query("chain_overview")
    rows = run_embedded(G, "chain_overview", {"chain": "盐湖化工"})
    head = format_rows(rows, query.columns, "table").splitlines()[0].split()
    assert head == [header(c) for c in query.columns] and "产业链" in head
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in head), head
    assert list(json.loads(format_rows(rows, query.columns, "json"))[0]) == list(query.columns)
    assert format_rows(rows, query.columns, "csv").splitlines()[0] == ",".join(query.columns)


def test_cli_lists_and_runs_queries(out, capsys) -> None:
    assert main(["queries"]) == 0
    listing = capsys.readouterr().out
    for query in list_queries():
        assert f"{query.name}: {query.question}" in listing
    assert main(["query", "chain_overview", "--param", "chain=盐湖化工", "--format", "json", "--out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == run_embedded(read_graph_json(out / "graph.json"), "chain_overview", {"chain": "盐湖化工"})
    assert main(["query", "search", "--param", "text=昆仑", "--format", "csv", "--out", str(out)]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert "中信昆仑锂业" in {r["name"] for r in table} and list(table[0]) == list(get_query("search").columns)


@pytest.mark.parametrize(("argv", "message"), [
    (["query", "nope"], "unknown query 'nope'; valid queries: capacity_totals, chain_gaps"),
    (["query", "search", "--param", "txt=1"], "unknown parameter txt; valid parameters: text (string, required)"),
    (["query", "search", "--param", "text=x", "--param", "limit=abc"], "limit must be an integer, got 'abc'"),
    (["query", "search", "--param", "text"], "--param 'text': expected NAME=VALUE"),
])
def test_cli_errors_are_one_line(argv: list[str], message: str, out, capsys) -> None:
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_without_a_graph_says_to_build(tmp_path, capsys) -> None:
    assert main(["query", "search", "--param", "text=x", "--out", str(tmp_path)]) == 2
    assert "run `chainkg build` first" in capsys.readouterr().err
