"""The Neo4j store against the real local server: round trip, idempotence, per-document replacement,
failures that leave a document as it was, awkward names, and clear errors for bad settings.

Every test starts from an empty database (Community has one user database, ``neo4j``): run them
against the project's server (scripts/test.sh starts a separate test one), not a database you keep.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from chainkg.errors import ChainkgError
from chainkg.graph.model import (
    LABELS, BUILDS, CHAIN, COMPANY, DOCUMENT, IN_SEGMENT, LOCATED_IN, MENTIONED_IN, PART_OF, PLACE, PRODUCES,
    PRODUCT, PROJECT, SEGMENT, edge_key, node_id,
)
from chainkg.graph.neo4j_store import (
    Neo4jSettings, StoredOwnership, connect, count_graph, graph_rows, load_graph, plan_units, read_graph,
    unit_queries,
)
from chainkg.graph.store import graph_to_data, write_graph_json

NASTY = [
    'say "hi" and \'bye\'',
    "back\\slash \\n not a newline",
    "{braces} {{double}} $param",
    "line one\nline two\r\nline three\ttab",
    "MATCH (n) DETACH DELETE n",
    "`) DETACH DELETE n //",
    "<script>alert('x')</script>",
    "锂电 😀 \u200b zero-width",
]

Fact = tuple[str, str, str, float]  # company, product, place, capacity (万吨)


def corpus_graph(facts: dict[str, list[Fact]]) -> nx.MultiDiGraph:
    """A small graph in our model: template chain/segment/product plus, per document, projects
    (company builds project producing product in place) with their evidence."""
    G = nx.MultiDiGraph()
    chain, segment = node_id(CHAIN, "锂电"), node_id(SEGMENT, "锂电", "碳酸锂")
    G.add_node(chain, label=CHAIN, name="锂电", order=1, official=True, branches=[], docs=[], template=True)
    G.add_node(segment, label=SEGMENT, name="碳酸锂", chain=chain, stage="upstream", order=1, docs=[], template=True)
    G.add_edge(segment, chain, key=edge_key(PART_OF, segment, chain), type=PART_OF, template=True)

    def fact_node(nid: str, doc: str, **props: Any) -> None:
        if nid not in G:
            G.add_node(nid, docs=[], **props)
        G.nodes[nid]["docs"] = sorted(set(G.nodes[nid]["docs"]) | {doc})

    def fact_edge(rel: str, source: str, target: str, doc: str, *extra: str, **props: Any) -> None:
        key = edge_key(rel, source, target, *extra)
        if not G.has_edge(source, target, key):
            G.add_edge(source, target, key=key, type=rel, docs=[], **props)
        data = G.edges[source, target, key]
        data["docs"] = sorted(set(data["docs"]) | {doc})

    for doc, rows in facts.items():
        document = node_id(DOCUMENT, doc)
        G.add_node(document, label=DOCUMENT, name=f"报告{doc}", title=f"报告{doc}", doc_id=doc, docs=[doc])
        for i, (company, product, place, capacity) in enumerate(rows):
            cid, pid = node_id(COMPANY, company), node_id(PRODUCT, product)
            prj, plc = node_id(PROJECT, company, product, "-"), node_id(PLACE, place)
            if pid not in G:
                G.add_node(pid, label=PRODUCT, name=product, synonyms=[], segment=segment, docs=[], template=True)
                G.add_edge(pid, segment, key=edge_key(IN_SEGMENT, pid, segment), type=IN_SEGMENT, template=True)
            fact_node(cid, doc, label=COMPANY, name=company, aliases=[company], merge_rules=[])
            fact_node(plc, doc, label=PLACE, name=place, kind="city")
            fact_node(prj, doc, label=PROJECT, name=f"{company}{capacity}万吨{product}", company=cid,
                      product=pid, capacity_value=capacity, capacity_unit="万吨", capacity_per_year=True)
            fact_edge(BUILDS, cid, prj, doc)
            fact_edge(PRODUCES, prj, pid, doc, capacity_value=capacity)
            fact_edge(LOCATED_IN, prj, plc, doc)
            for node in (cid, prj):
                fact_edge(MENTIONED_IN, node, document, doc, str(i), sentence=f"{company}年产{capacity}万吨{product}",
                          sentence_index=i, start=10 * i, end=10 * i + 9, headings=["一、项目"])
    return G


BASE: dict[str, list[Fact]] = {
    "doca": [("甲锂业", "碳酸锂", "格尔木市", 2.0), ("丙化工", "碳酸锂", "德令哈市", 1.0)],
    "docb": [("甲锂业", "碳酸锂", "格尔木市", 2.0), ("乙新能源", "碳酸锂", "格尔木市", 3.0)],
}


def same(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    """Assert the two graphs hold the same nodes, relationships and properties (with a readable diff)."""
    a, b = graph_to_data(G), graph_to_data(H)
    assert {n["id"] for n in a["nodes"]} == {n["id"] for n in b["nodes"]}
    assert [(e["source"], e["target"], e["key"]) for e in a["edges"]] == \
           [(e["source"], e["target"], e["key"]) for e in b["edges"]]
    assert a == b


# ----------------------------------------------------------------------------- no server needed


def test_a_first_load_creates_each_element_once_and_then_only_adds_docs() -> None:
    """Into a database holding nothing: every element is CREATEd by the first unit that has it,
    later units only add their own documents to its ``docs``; what the database held is
    MERGEd (and never CREATEd twice)."""
    rows = graph_rows(corpus_graph(BASE))
    units = [unit for phase in plan_units(rows, StoredOwnership({}, {}), batch_size=1) for unit in phase]
    created = [n for unit in units for n in unit.created]
    assert sorted(created) == sorted(rows.nodes)
    assert sorted(r for unit in units for r in unit.created_rels) == sorted(rows.rels)
    place = node_id(PLACE, "格尔木市")
    assert [place in unit.again for unit in units if unit.docs] == [False, True]
    added = [row for unit in units for q in unit_queries(unit, 1000) if "+ row.docs" in q.query
             for row in q.params["rows"] if row.get("id") == place]
    assert added == [{"id": place, "docs": ["docb"]}]
    held = StoredOwnership({"doca": {(PLACE, place)}}, {})
    units = [unit for phase in plan_units(rows, held, batch_size=1) for unit in phase]
    assert all(place not in unit.created and place not in unit.again for unit in units)


def test_a_first_load_sends_each_document_of_a_shared_element_once() -> None:
    """A node every document mentions (a chain, a place) gets, from each unit, only that unit's
    documents: the rows a load sends grow with the corpus, not with its square (a list of all
    the documents before, sent by every unit, took a 10,000-document load past 20 GB)."""
    corpus = {f"doc{i:03d}": [("甲锂业", "碳酸锂", "格尔木市", 2.0)] for i in range(60)}
    rows = graph_rows(corpus_graph(corpus))
    units = [unit for phase in plan_units(rows, StoredOwnership({}, {}), batch_size=1) for unit in phase]
    place = node_id(PLACE, "格尔木市")
    sent = []  # the documents of every row that writes the place: a CREATE's props, an addition's docs
    for unit in units:
        for query in unit_queries(unit, 1000):
            for row in query.params.get("rows", ()):
                written = row.get("props", row)
                if written.get("id") == place:
                    sent += written["docs"]
    assert sent == sorted(corpus)


def test_a_unit_writes_only_its_own_documents_even_when_they_are_not_neighbours() -> None:
    """An element's documents that a unit holds are looked up between the unit's first and last
    document; a document in that range that the unit does not hold is not written, whether the
    element is created, extended or merged."""
    from chainkg.graph.neo4j_store import Unit

    corpus = {doc: [("甲锂业", "碳酸锂", "格尔木市", 2.0)] for doc in ("d1", "d2", "d3", "d4")}
    rows = graph_rows(corpus_graph(corpus))
    place = node_id(PLACE, "格尔木市")
    node = rows.nodes[place]
    assert node.owners == ("d1", "d2", "d3", "d4")
    for how in ("created", "again", ""):
        unit = Unit(docs=("d1", "d3"), nodes={place: node})
        if how:
            getattr(unit, how).add(place)
        # a MERGE's documents are its row's "mine", else all the unit's ($docs); an addition's its
        # row's "docs"; a CREATE's its properties'
        sent = [row.get("mine", q.params["docs"]) if "docs" in q.params else row.get("docs", row.get("props", {}).get("docs"))
                for q in unit_queries(unit, 1000) for row in q.params.get("rows", ())]
        assert sent == [["d1", "d3"]], how


def test_rows_reject_labels_types_and_values_outside_the_model() -> None:
    G = nx.MultiDiGraph()
    G.add_node("x", label="Evil`) DETACH DELETE n //", name="x", docs=[])
    with pytest.raises(ChainkgError, match="label .* is not one of the model's"):
        graph_rows(G)
    G = corpus_graph(BASE)
    u, v, k = next(iter(G.edges(keys=True)))
    G.edges[u, v, k]["type"] = "OWNS"
    with pytest.raises(ChainkgError, match="type 'OWNS' is not one of the model's"):
        graph_rows(G)
    for bad in ({"a": 1}, [1, "a"], None, 2**70, [[1]]):
        G = corpus_graph(BASE)
        G.nodes[node_id(COMPANY, "甲锂业")]["extra"] = bad
        with pytest.raises(ChainkgError, match=r"node 'company:甲锂业': property 'extra'"):
            graph_rows(G)


# ----------------------------------------------------------------------------- against the server


@pytest.mark.neo4j
def test_round_trip_is_exact(db) -> None:
    driver, database = db
    G = corpus_graph(BASE)
    stats = load_graph(driver, database, G)
    same(read_graph(driver, database), G)
    assert (stats.nodes, stats.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert stats.counts[PROJECT] == 3 and stats.counts[MENTIONED_IN] == 8


@pytest.mark.neo4j
def test_loading_twice_changes_nothing(db) -> None:
    driver, database = db
    G = corpus_graph(BASE)
    load_graph(driver, database, G)
    before = count_graph(driver, database)
    stats = load_graph(driver, database, G, batch_size=3)
    assert stats.counts == before
    same(read_graph(driver, database), G)


@pytest.mark.neo4j
def test_schema_is_there_and_idempotent(db) -> None:
    driver, database = db
    load_graph(driver, database, corpus_graph(BASE))
    load_graph(driver, database, corpus_graph(BASE))
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                                         "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties",
                                         database_=database)
    unique = {(r["label"], tuple(r["properties"])) for r in records}
    assert {(label, ("id",)) for label in (CHAIN, SEGMENT, PRODUCT, COMPANY, PROJECT, PLACE, DOCUMENT)} <= unique
    records, _, _ = driver.execute_query("SHOW INDEXES YIELD name WHERE name STARTS WITH 'chainkg_' "
                                         "AND name ENDS WITH '_name' RETURN count(*) AS n", database_=database)
    assert records[0]["n"] == len(LABELS)


@pytest.mark.neo4j
def test_a_changed_document_replaces_its_facts_only(db) -> None:
    driver, database = db
    load_graph(driver, database, corpus_graph(BASE))
    # docb now names a new company and drops 乙新能源; 甲锂业 is still in doca, so it stays.
    changed = {"doca": BASE["doca"], "docb": [("丁材料", "氢氧化锂", "大柴旦", 5.0)]}
    G2 = corpus_graph(changed)
    load_graph(driver, database, G2, batch_size=1)
    H = read_graph(driver, database)
    same(H, G2)
    assert H.nodes[node_id(COMPANY, "甲锂业")]["docs"] == ["doca"]
    assert node_id(COMPANY, "乙新能源") not in H
    assert H.nodes[node_id(PLACE, "格尔木市")]["docs"] == ["doca"]


@pytest.mark.neo4j
def test_a_removed_document_takes_its_facts_with_it(db) -> None:
    driver, database = db
    load_graph(driver, database, corpus_graph(BASE))
    G2 = corpus_graph({"docb": BASE["docb"]})
    stats = load_graph(driver, database, G2)
    assert stats.removed_documents == ("doca",)
    H = read_graph(driver, database)
    same(H, G2)
    assert node_id(COMPANY, "丙化工") not in H and node_id(DOCUMENT, "doca") not in H
    assert H.nodes[node_id(COMPANY, "甲锂业")]["docs"] == ["docb"]
    # and a template chain with no document at all survives
    assert H.nodes[node_id(CHAIN, "锂电")]["template"] is True


@pytest.mark.neo4j
def test_a_load_failing_in_the_database_leaves_that_document_as_it_was(db, neo4j_settings) -> None:
    driver, database = db
    G1 = corpus_graph(BASE)
    load_graph(driver, database, G1)
    # The analyst's database has a constraint of its own that docb's new facts violate.
    driver.execute_query("CREATE CONSTRAINT test_project_name IF NOT EXISTS "
                         "FOR (n:Project) REQUIRE n.capacity_text IS UNIQUE", database_=database)
    try:
        G2 = corpus_graph({"doca": BASE["doca"],
                           "docb": [("戊公司", "碳酸锂", "格尔木市", 9.0), ("己公司", "碳酸锂", "格尔木市", 9.0)]})
        for company in ("戊公司", "己公司"):
            G2.nodes[node_id(PROJECT, company, "碳酸锂", "-")]["capacity_text"] = "年产9万吨"
        with pytest.raises(ChainkgError, match="ConstraintValidationFailed"), connect(neo4j_settings) as checked:
            load_graph(checked, database, G2, batch_size=1)
        same(read_graph(driver, database), G1)
    finally:
        driver.execute_query("DROP CONSTRAINT test_project_name IF EXISTS", database_=database)


@pytest.mark.neo4j
def test_a_bad_value_is_refused_before_anything_is_written(db) -> None:
    driver, database = db
    G1 = corpus_graph(BASE)
    load_graph(driver, database, G1)
    G2 = corpus_graph({"docb": BASE["docb"]})
    G2.nodes[node_id(COMPANY, "乙新能源")]["capacity"] = {"value": 3}
    with pytest.raises(ChainkgError, match="property 'capacity'"):
        load_graph(driver, database, G2)
    same(read_graph(driver, database), G1)


@pytest.mark.neo4j
def test_awkward_names_are_stored_exactly(db) -> None:
    driver, database = db
    G = corpus_graph({"doca": [(name, f"产品{i}", name, 1.0) for i, name in enumerate(NASTY)]})
    G.nodes[node_id(DOCUMENT, "doca")]["title"] = NASTY[4]
    load_graph(driver, database, G)
    H = read_graph(driver, database)
    same(H, G)
    names = {d["name"] for _, d in H.nodes(data=True) if d["label"] == COMPANY}
    assert names == set(NASTY)
    assert count_graph(driver, database)[COMPANY] == len(NASTY)


@pytest.mark.neo4j
def test_cli_load_uses_the_local_server_and_reports_counts(db, tmp_path: Path, monkeypatch, capsys) -> None:
    from chainkg.cli import main
    from chainkg.server.launcher import status

    if status() is None:
        pytest.skip("NEO4J_URI names another server; this test is about the local one")
    driver, database = db
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    G = corpus_graph(BASE)
    write_graph_json(G, tmp_path / "graph.json")
    assert main(["load", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{G.number_of_nodes()} nodes, {G.number_of_edges()} relationships" in out
    same(read_graph(driver, database), G)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.neo4j
@pytest.mark.parametrize("fault", ["unreachable", "password", "database"])
def test_bad_settings_give_one_clear_line_and_exit_2(fault: str, neo4j_settings, tmp_path, monkeypatch, capsys) -> None:
    from chainkg.cli import main

    uri, password, database = neo4j_settings.uri, neo4j_settings.password, neo4j_settings.database
    if fault == "unreachable":
        uri = f"bolt://127.0.0.1:{_free_port()}"
    elif fault == "password":
        password = "not-the-password"
    else:
        database = "nosuchdb"
    expected = {"unreachable": "is unreachable", "password": "wrong user or password",
                "database": "has no database 'nosuchdb'"}[fault]
    bad = Neo4jSettings(uri, neo4j_settings.user, password, database)
    with pytest.raises(ChainkgError, match=expected):
        with connect(bad):
            pass

    write_graph_json(corpus_graph(BASE), tmp_path / "graph.json")
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    monkeypatch.setenv("NEO4J_DATABASE", database)
    assert main(["load", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chainkg: error: ") and expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


# ----------------------------------------------------------------------------- the seeds, both stores


@pytest.mark.neo4j
def test_the_seeds_give_the_same_graph_in_both_stores(db, seed_build) -> None:
    """The contract: ``chainkg build`` of the seeds, loaded into Neo4j and read back, has exactly
    the nodes, relationships and properties of the embedded store's graph.json."""
    from chainkg.graph.store import read_graph_json

    driver, database = db
    embedded = read_graph_json(seed_build.path)
    load_graph(driver, database, embedded)
    same(read_graph(driver, database), embedded)
    load_graph(driver, database, embedded)
    same(read_graph(driver, database), embedded)


@pytest.mark.neo4j
def test_rebuilding_without_one_seed_removes_only_its_facts(db, seed_build, seed_corpus: Path, tmp_path: Path) -> None:
    """Load both seeds, then the build of one seed alone: Neo4j must hold exactly that build
    (a project both seeds name stays, with one document left)."""
    from chainkg.pipeline import build

    driver, database = db
    load_graph(driver, database, seed_build.graph)
    only = tmp_path / "corpus"
    only.mkdir()
    report = sorted(p for p in seed_corpus.glob("*.txt"))[0]
    (only / report.name).write_bytes(report.read_bytes())
    one = build(only, tmp_path / "out").graph
    load_graph(driver, database, one)
    stored = read_graph(driver, database)
    same(stored, one)
    nanbo = node_id(PROJECT, "南玻", "多晶硅", "")
    assert len(seed_build.graph.nodes[nanbo]["docs"]) == 2 and len(stored.nodes[nanbo]["docs"]) == 1


@pytest.mark.neo4j
def test_the_routing_driver_loads_too(db, neo4j_settings: Neo4jSettings, monkeypatch, tmp_path: Path, capsys) -> None:
    """A cluster or Aura is reached through the routing scheme (neo4j://): `chainkg load` with
    NEO4J_URI set that way loads through the routing driver into the same server."""
    from dataclasses import replace

    from chainkg.cli import main

    routing = replace(neo4j_settings, uri=neo4j_settings.uri.replace("bolt://", "neo4j://", 1))
    assert routing.uri.startswith("neo4j://")
    G = corpus_graph(BASE)
    write_graph_json(G, tmp_path / "graph.json")
    monkeypatch.setenv("NEO4J_URI", routing.uri)
    monkeypatch.setenv("NEO4J_USER", routing.user)
    monkeypatch.setenv("NEO4J_PASSWORD", routing.password)
    monkeypatch.setenv("NEO4J_DATABASE", routing.database)
    assert main(["load", "--out", str(tmp_path)]) == 0
    assert "neo4j://" in capsys.readouterr().out
    with connect(routing) as driver:
        same(read_graph(driver, routing.database), G)


# ----------------------------------------------------------------------------- many units


def _synthetic_changed(G: nx.MultiDiGraph, doc: str) -> nx.MultiDiGraph:
    """``G`` without ``doc``: what a rebuild gives when that document is taken out of the corpus."""
    H = G.copy()
    for node, data in list(H.nodes(data=True)):
        if doc in data.get("docs", []):
            data["docs"] = [d for d in data["docs"] if d != doc]
    for u, v, k, data in list(H.edges(keys=True, data=True)):
        if doc in data.get("docs", []):
            data["docs"] = [d for d in data["docs"] if d != doc]
            if not data["docs"]:
                H.remove_edge(u, v, k)
    H.remove_nodes_from([n for n, data in H.nodes(data=True)
                         if data.get("docs") == [] and not data.get("template") and not H.degree(n)])
    return H


@pytest.mark.neo4j
def test_elements_the_database_holds_without_a_document_are_kept_or_swept(db) -> None:
    """What a failed load leaves (a node created only as an endpoint) is taken over by the
    document that supports it; a template relationship that a document now supports, and back,
    stays one relationship; a template the graph no longer has is swept."""
    driver, database = db
    G = corpus_graph(BASE)
    left = node_id(COMPANY, "乙新能源")
    driver.execute_query("CREATE (:Company {id: $id, docs: []})", id=left, database_=database)
    load_graph(driver, database, G)
    same(read_graph(driver, database), G)

    segment, chain = node_id(SEGMENT, "锂电", "碳酸锂"), node_id(CHAIN, "锂电")
    G2 = G.copy()
    G2.edges[segment, chain, edge_key(PART_OF, segment, chain)].update(docs=["doca"], template=False)
    extra = node_id(PRODUCT, "氯化钾")
    G2.add_node(extra, label=PRODUCT, name="氯化钾", synonyms=[], segment=segment, docs=[], template=True)
    load_graph(driver, database, G2)
    same(read_graph(driver, database), G2)
    load_graph(driver, database, G)
    H = read_graph(driver, database)
    same(H, G)
    assert extra not in H and count_graph(driver, database)[PART_OF] == 1


@pytest.mark.neo4j
def test_many_units_over_shared_places_give_the_graph(db) -> None:
    """Many small units over a graph whose places and companies many documents share: the
    stored graph, ``docs`` lists of the shared nodes included, is exactly the graph, also
    after a document is taken out and after loading twice."""
    from testkit.synthetic_graph import synthetic_graph

    driver, database = db
    G = synthetic_graph(3_000, seed=3)
    stats = load_graph(driver, database, G, batch_size=40)
    assert stats.transactions > 6
    H = read_graph(driver, database)
    same(H, G)
    places = [n for n, d in G.nodes(data=True) if d["label"] == PLACE and len(d["docs"]) > 1]
    assert places and all(H.nodes[p]["docs"] == G.nodes[p]["docs"] for p in places)

    doc = G.nodes[places[0]]["docs"][0]
    G2 = _synthetic_changed(G, doc)
    stats = load_graph(driver, database, G2, batch_size=40)
    assert stats.removed_documents == (doc,)
    same(read_graph(driver, database), G2)
    load_graph(driver, database, G2, batch_size=40)
    same(read_graph(driver, database), G2)



# ----------------------------------------------------------------------------- the plan as a stream


def test_the_plan_is_made_a_unit_at_a_time_and_in_order() -> None:
    """A unit is planned when it is taken, not before: a load's client holds one unit of the
    plan, not the whole corpus's (held whole, it grew with the corpus beside the rows). The phases must be taken in order (how a
    unit writes depends on what the units before it wrote)."""
    corpus = {f"doc{i:03d}": [("甲锂业", "碳酸锂", "格尔木市", 2.0)] for i in range(30)}
    rows = graph_rows(corpus_graph(corpus))
    _, documents, _ = plan_units(rows, StoredOwnership({}, {}), batch_size=1)
    with pytest.raises(RuntimeError, match="phase 1 taken before phase 0"):
        next(documents)
    first, documents, last = plan_units(rows, StoredOwnership({}, {}), batch_size=1)
    shared = list(first)
    taken = next(documents)
    assert taken.docs == ("doc000",) and not taken.again
    assert not any(unit.docs for unit in shared)
    again = next(documents)
    assert again.docs == ("doc001",) and node_id(PLACE, "格尔木市") in again.again
    assert sum(1 for _ in documents) == 28 and list(last)


@pytest.mark.neo4j
def test_the_first_unit_is_written_before_the_last_is_planned(db, monkeypatch) -> None:
    """In a load, each unit is planned at most one transaction ahead (the next unit is made while
    the current one is written): the client holds two units of the plan, never all of them."""
    import chainkg.graph.neo4j_store as store

    driver, database = db
    events: list[str] = []
    decide = store._WritePlanner.decide
    monkeypatch.setattr(store._WritePlanner, "decide", lambda self, unit: events.append("plan") or decide(self, unit))
    G = corpus_graph({f"doc{i:02d}": [("甲锂业", "碳酸锂", "格尔木市", 2.0)] for i in range(12)})
    stats = load_graph(driver, database, G, batch_size=5, before_unit=lambda: events.append("write"))
    writes = [i for i, event in enumerate(events) if event == "write"]
    assert len(writes) == stats.transactions > 3 and events.count("plan") == stats.transactions
    assert all(events[:at].count("plan") <= n + 1 for n, at in enumerate(writes, start=1))
    same(read_graph(driver, database), G)


@pytest.mark.neo4j
def test_the_stored_graph_equals_the_plain_writers(db) -> None:
    """After an incremental load of many small units, the database holds exactly what a plain
    ``UNWIND … CREATE`` of the same rows leaves (the yardstick of the load's speed): the same
    counts per label and type, the same properties, ``docs`` lists included."""
    from testkit.plain_writer import plain_create, plain_queries

    from chainkg.graph.neo4j_store import delete_everything, ensure_schema
    from testkit.synthetic_graph import synthetic_graph

    driver, database = db
    rows = graph_rows(synthetic_graph(2_000, seed=5))
    load_graph(driver, database, rows, batch_size=30)
    loaded, loaded_counts = graph_to_data(read_graph(driver, database)), count_graph(driver, database)
    delete_everything(driver, database)
    ensure_schema(driver, database)
    plain_create(driver, database, plain_queries(rows))
    assert count_graph(driver, database) == loaded_counts
    assert graph_to_data(read_graph(driver, database)) == loaded


@pytest.mark.neo4j
def test_a_relationship_s_docs_are_extended_between_its_two_ends(db) -> None:
    """The query that adds documents to a relationship's ``docs`` finds it from its two matched
    ends (Expand(Into): the end with fewer such relationships is walked), not by walking every
    relationship of one end: the planner picked the segment's side, every product's IN_SEGMENT,
    0.3 ms a row at 1,000 documents. It still finds and extends every row it is given."""
    from chainkg.graph.neo4j_store import _add_docs_rels

    driver, database = db
    G = corpus_graph({f"doc{i}": [("甲锂业", "碳酸锂", "格尔木市", 2.0)] for i in range(3)})
    load_graph(driver, database, G)
    rel = next(r for r in graph_rows(G).rels.values() if r.type == LOCATED_IN)
    query = _add_docs_rels(rel.type, rel.source_label, rel.target_label)
    _, summary, _ = driver.execute_query("EXPLAIN " + query, rows=[], database_=database)

    def operators(plan: dict[str, Any]) -> list[str]:
        return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", ()) for op in operators(child))]

    assert "Expand(Into)" in operators(summary.plan) and "Expand(All)" not in operators(summary.plan)
    source, target, key = rel.source, rel.target, rel.props["key"]
    records, _, _ = driver.execute_query(query, rows=[{"source": source, "target": target, "key": key, "docs": ["doc9"]}],
                                         database_=database)
    assert records[0]["n"] == 1
    assert read_graph(driver, database).edges[source, target, key]["docs"] == [*G.edges[source, target, key]["docs"], "doc9"]
