"""Coverage from evidence (graph/gaps.py): what the sources show is never a gap, silence is
unknown, later sources win, targets are disjoint and explained, and every text that defines them
(legend, docs, Cypher headers, CLI help) says the same thing.

The dated documents here are written by us, with invented firms; the seeds are read from the
shared corpus.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import yaml
from bs4 import BeautifulSoup

from chainkg.graph import gaps
from chainkg.graph.model import PROJECT, SEGMENT, STATEMENT, node_id
from chainkg.queries.catalog import get_query
from chainkg.queries.run import run_embedded

REPO = Path(__file__).resolve().parents[1]

# Links the seed texts show producing or operating (output 856万吨 of potash, lithium carbonate
# output, trial production of chlorate, anhydrous MgCl2 and a magnesium material, a tower CSP
# plant on the grid, a 750 kV line in use, the oilfield's operator, a magnesium-alloy cluster that
# has risen, five leading farm and herd industries, rated scenic spots), written from the texts.
SEEDS_PRESENT = {
    ("盐湖化工", "钾肥"), ("盐湖化工", "基础锂盐"), ("盐湖化工", "氯碱及氯酸盐"), ("盐湖化工", "镁盐"),
    ("新材料", "化工新材料"), ("新材料", "金属新材料"), ("清洁能源", "光热电站"), ("清洁能源", "输变电"),
    ("油气化工", "油气勘探开发"), ("绿色有机农畜产品", "种植"), ("绿色有机农畜产品", "养殖"),
    ("生态旅游", "旅游资源与景区"),
}
# Links the seed texts show being built (started projects, a PV base under construction).
SEEDS_BUILDING = {
    ("清洁能源", "光伏电站"), ("清洁能源", "多晶硅"), ("清洁能源", "新能源装备制造"), ("清洁能源", "新型储能"),
    ("新材料", "电解质与电解液"), ("盐湖化工", "锂盐深加工"), ("数字经济与信息安全", "数字基础设施"),
}
HELD = {gaps.STRONG, gaps.PRESENT_STATE}


def _state(G: nx.MultiDiGraph, chain: str, segment: str) -> dict:
    return gaps.segment_coverage(G)[node_id(SEGMENT, chain, segment)]


def test_links_the_seeds_show_operating_are_present_not_gaps(seed_build) -> None:
    G = seed_build.graph
    for chain, segment in sorted(SEEDS_PRESENT):
        row = _state(G, chain, segment)
        assert row["coverage"] in HELD, f"{chain}/{segment}: {row['coverage']} ({row['reason']})"
        assert row["target"] in (None, gaps.STRENGTHEN) and row["facts"]
    for chain, segment in sorted(SEEDS_BUILDING):
        row = _state(G, chain, segment)
        assert row["coverage"] in HELD | {gaps.BUILDING_STATE}, f"{chain}/{segment}: {row['coverage']}"
        assert row["target"] in (None, gaps.STRENGTHEN)


def test_potash_is_strong_on_the_seeds_with_its_output_figure(seed_build) -> None:
    G = seed_build.graph
    row = _state(G, "盐湖化工", "钾肥")
    assert row["coverage"] == gaps.STRONG and row["sources"] >= 2
    figures = [f for f in row["facts"] if G.nodes[f]["label"] == STATEMENT and G.nodes[f]["kind"] == "output"]
    assert figures and G.nodes[figures[0]]["capacity_base_value"] == 8_560_000
    assert G.nodes[figures[0]]["capacity_base_unit"] == "t"
    evidence = run_embedded(G, "evidence", {"id": figures[0]})
    assert evidence and all(r["document"] and "856" in r["sentence"] for r in evidence)


def test_silence_is_unknown_never_lacking_on_the_seeds(seed_build) -> None:
    """The seeds state no lack of any product: every link without facts is 待核实."""
    for row in gaps.segment_coverage(seed_build.graph).values():
        assert row["coverage"] != gaps.LACKING_STATE
        if not row["facts"]:
            assert row["coverage"] in (gaps.UNKNOWN,), row
    building_materials = [r for r in gaps.segment_coverage(seed_build.graph).values()
                          if seed_build.graph.nodes[r["chain"]]["name"] == "建材"]
    assert {r["coverage"] for r in building_materials} == {gaps.UNKNOWN}


def _assert_targets_follow_the_rules(G: nx.MultiDiGraph) -> None:
    rows = gaps.segment_coverage(G)
    S = gaps.chain_supplies(G)
    held = {s for s, r in rows.items() if r["coverage"] in gaps.HELD}
    for seg, r in rows.items():
        up, down = nx.ancestors(S, seg) & held, nx.descendants(S, seg) & held
        open_ = r["coverage"] in (gaps.LACKING_STATE, gaps.UNKNOWN)
        if r["target"] == gaps.FILL:
            assert open_ and up and down, seg
        elif r["target"] == gaps.EXTEND:
            assert open_ and up and not down, seg
        elif r["target"] == gaps.STRENGTHEN:
            assert r["coverage"] == gaps.PRESENT_STATE and r["sources"] == 1, seg
        else:
            assert not (open_ and up), f"{seg} is open with held links upstream but no target"
        assert (r["target"] is None) == (r["target_zh"] is None)
        assert r["reason"], seg


def test_targets_are_disjoint_and_follow_their_rules(seed_build) -> None:
    from testkit.synthetic_graph import synthetic_graph

    _assert_targets_follow_the_rules(seed_build.graph)
    _assert_targets_follow_the_rules(synthetic_graph(1500, seed=5))
    rows = run_embedded(seed_build.graph, "chain_gaps", {})
    assert len({r["segment_id"] for r in rows}) == len(rows), "a link under two targets"
    assert all(r["reason"] for r in rows)


def test_stored_coverage_equals_a_fresh_computation(seed_build) -> None:
    G = seed_build.graph
    fresh = gaps.compute_coverage(G)
    for seg, row in gaps.segment_coverage(G).items():
        assert G.nodes[seg]["coverage"] == fresh[seg]["coverage"] == row["coverage"]
        assert G.nodes[seg].get("target") == fresh[seg]["target"]


# ---------------------------------------------------------------------------- dated sources


def test_rows_without_projects_are_the_rows_less_their_project_columns(seed_build) -> None:
    """What chain_gaps, coverage_summary and the supply paths read: the same states, without the
    per-link project lists (stored coverage, and coverage computed on a graph without it)."""
    G = seed_build.graph
    unannotated = G.copy()
    del unannotated.nodes[next(n for n, d in G.nodes(data=True) if d["label"] == SEGMENT)]["coverage"]
    for graph in (G, unannotated):
        full, bare = gaps.segment_coverage(graph), gaps.segment_coverage(graph, projects=False)
        assert any(r["projects"] for r in full.values())
        assert bare == {s: {k: v for k, v in r.items() if k not in gaps.PROJECT_COLUMNS} for s, r in full.items()}


def _corpus(folder: Path, docs: dict[str, tuple[str, str]]) -> Path:
    """A corpus of our own sentences: file -> (published, text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, text) in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    entries = [{"file": name, "title": f"测试文献{i}", "kind": "news", "published": date}
               for i, (name, (date, _)) in enumerate(docs.items())]
    (folder / "corpus.yaml").write_text(yaml.safe_dump({"documents": entries}, allow_unicode=True), encoding="utf-8")
    return folder


def _build(tmp_path: Path, docs: dict[str, tuple[str, str]]) -> nx.MultiDiGraph:
    from chainkg.pipeline import build

    return build(_corpus(tmp_path / "corpus", docs), tmp_path / "out").graph


SIGNED = "澄湖锂业年产1万吨碳酸锂项目正式签约。"
STARTED = "澄湖锂业年产1万吨碳酸锂项目开工建设。"


@pytest.mark.parametrize(("dates", "current"), [(("2022-03-01", "2023-06-01"), "under_construction"),
                                                (("2023-06-01", "2022-03-01"), "signed")])
def test_the_latest_source_gives_the_status_and_history_keeps_every_report(tmp_path, dates, current) -> None:
    G = _build(tmp_path, {"a.txt": (dates[0], SIGNED), "b.txt": (dates[1], STARTED)})
    projects = [n for n, d in G.nodes(data=True) if d["label"] == PROJECT]
    assert len(projects) == 1
    assert G.nodes[projects[0]]["status"] == current
    history = run_embedded(G, "project_history", {"project": projects[0]})
    assert [r["date"] for r in history] == sorted(dates)
    assert [r["status_text"] for r in history] == (["正式签约", "开工建设"] if dates[0] < dates[1] else ["开工建设", "正式签约"])
    assert {r["current_status"] for r in history} == {current}
    assert all(r["document"].startswith("测试文献") for r in history)


LACK = "本市锂电产业链下游短板明显,亟需引进正极材料企业。"
BUILT = "岚峰新能源年产2万吨正极材料项目建成投产。"


@pytest.mark.parametrize(("dates", "state"), [(("2024-01-01", "2025-01-01"), gaps.PRESENT_STATE),
                                              (("2025-01-01", "2024-01-01"), gaps.LACKING_STATE)])
def test_a_later_source_wins_and_the_disagreement_is_named(tmp_path, dates, state) -> None:
    G = _build(tmp_path, {"lack.txt": (dates[0], LACK), "built.txt": (dates[1], BUILT)})
    row = _state(G, "新材料", "正极材料")
    assert row["coverage"] == state
    assert row["disagree"] and "来源不一致" in row["disagreement"] and gaps.STATE_ZH[state] in row["disagreement"]
    lack = [n for n, d in G.nodes(data=True) if d["label"] == STATEMENT and d["standing"] == "lacking"]
    assert lack and G.nodes[lack[0]]["product"] == "正极材料" and G.nodes[lack[0]]["rule"] == "lacking"


def test_a_lack_alone_is_lacking_and_silence_elsewhere_unknown(tmp_path) -> None:
    G = _build(tmp_path, {"lack.txt": ("2024-01-01", LACK)})
    assert _state(G, "新材料", "正极材料")["coverage"] == gaps.LACKING_STATE
    assert _state(G, "新材料", "负极与隔膜")["coverage"] == gaps.UNKNOWN


# ---------------------------------------------------------------------------- one definition


def test_the_site_legend_equals_the_definitions(seed_build) -> None:
    html = (seed_build.site / "index.html").read_text(encoding="utf-8")
    legend = BeautifulSoup(html, "html.parser").find("dl", id="ck-legend")
    pairs = list(zip([dt.get_text(strip=True) for dt in legend.find_all("dt")],
                     [dd.get_text(strip=True) for dd in legend.find_all("dd")]))
    assert pairs == ([(gaps.STATE_ZH[s], gaps.STATE_MEANING[s]) for s in gaps.STATES]
                     + [(gaps.TARGET_ZH[t], gaps.TARGET_MEANING[t]) for t in gaps.TARGETS])


def test_docs_cypher_headers_and_cli_help_say_the_same(capsys) -> None:
    from chainkg.cli import coverage_help

    chains_md = (REPO / "docs" / "chains.md").read_text(encoding="utf-8")
    help_text = coverage_help()
    for meaning in [*gaps.STATE_MEANING.values(), *gaps.TARGET_MEANING.values()]:
        assert meaning in chains_md and meaning in help_text
    for name in ("segment_coverage", "chain_gaps"):
        header = get_query(name).text
        for key in (*gaps.STATES, *gaps.TARGETS):
            assert key in header, f"{name}.cypher does not name {key}"
        assert "chainkg.graph.gaps" in header
