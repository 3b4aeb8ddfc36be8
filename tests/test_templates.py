"""The chain templates (data/chains.yaml) and their loader (chainkg.templates)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from chainkg.errors import ChainkgError
from chainkg.graph.model import PRODUCT, SEGMENT, node_id
from chainkg.settings import corpus_dir
from chainkg.templates import (
    STAGES,
    Templates,
    chain_counts,
    chain_names,
    load_templates,
    product_index,
    segment_for_product,
    segment_index,
    summary,
)

# The sectors the chain-leader passage names, in its order.
SECTORS = [
    "盐湖化工", "油气化工", "金属冶金", "新材料", "清洁能源", "绿色有机农畜产品",
    "数字经济与信息安全", "生态旅游", "天文科技", "商贸流通", "节能环保", "大健康", "建材",
]

# Product names that stand in the two seed documents (checked below against the text), with
# the chain each belongs to.
SEED_PRODUCTS = {
    "碳酸锂": "盐湖化工", "基础锂盐": "盐湖化工", "金属锂": "盐湖化工", "氯化锂": "盐湖化工",
    "钾肥": "盐湖化工", "氯酸盐": "盐湖化工", "金属镁": "盐湖化工", "无水氯化镁": "盐湖化工",
    "多晶硅": "清洁能源", "高纯多晶硅": "清洁能源", "单晶硅": "清洁能源", "晶硅组件": "清洁能源",
    "风电光伏装备": "清洁能源", "电化学储能": "清洁能源", "抽水蓄能": "清洁能源",
    "压缩空气储能": "清洁能源", "空气压缩储能": "清洁能源", "熔盐储能": "清洁能源",
    "光伏制氢": "清洁能源", "新能源制氢": "清洁能源", "输变电工程": "清洁能源", "变电站": "清洁能源",
    "塔式光热发电站": "清洁能源", "火电": "清洁能源", "气电": "清洁能源", "储能电站": "清洁能源",
    "六氟磷酸锂": "新材料", "高端六氟磷酸锂": "新材料", "动力储能电池": "新材料",
    "镁基修复新材料": "新材料", "镁合金": "新材料", "镍钴材料": "新材料",
    "镍钴矿": "金属冶金", "铁矿": "金属冶金", "油气资源": "油气化工",
    "有机枸杞": "绿色有机农畜产品", "藏羊": "绿色有机农畜产品", "牦牛": "绿色有机农畜产品",
    "青稞": "绿色有机农畜产品", "藜麦": "绿色有机农畜产品", "柴达木绒山羊": "绿色有机农畜产品",
    "柴达木双峰驼": "绿色有机农畜产品",
    "大数据中心": "数字经济与信息安全", "大数据灾备中心": "数字经济与信息安全",
    "工业互联网平台": "数字经济与信息安全", "信息技术服务": "数字经济与信息安全",
    "国际陆港": "商贸流通", "检验检测认证": "商贸流通",
    "智慧文旅": "生态旅游", "乡村旅游": "生态旅游",
}

# Longer seed phrases that are no template name and must map by a suffix or a head.
SEED_PHRASES = {
    "750千伏输变电工程": "segment:清洁能源/输变电",
    "塔式太阳能光热发电站": "segment:清洁能源/光热电站",
    "夏日哈木镍钴矿": "segment:金属冶金/矿产资源开采",
    "新能源储能": "segment:清洁能源/新型储能",
}

# Products we invented (no list holds them) -> the segment their head should give.
UNSEEN = {
    "高纯氟化锂": "segment:盐湖化工/锂盐深加工",
    "硫酸锂": "segment:盐湖化工/基础锂盐",
    "二氟草酸硼酸锂": "segment:新材料/电解质与电解液",
    "镍锰酸锂": "segment:新材料/正极材料",
    "高镍三元前驱体": "segment:新材料/锂电前驱体",
    "N型单晶硅片": "segment:清洁能源/单晶硅与硅片",
    "钙钛矿电池": "segment:清洁能源/电池片",
    "双玻组件": "segment:清洁能源/光伏组件",
    "半固态电池": "segment:新材料/动力与储能电池",
    "独立储能": "segment:清洁能源/新型储能",
    "磷酸二氢钾": "segment:盐湖化工/钾盐深加工",
    "掺混肥": "segment:盐湖化工/钾肥",
    "氟化镁": "segment:盐湖化工/镁盐",
    "高纯镁砂": None,
    "溴化钠": "segment:盐湖化工/钠盐",
    "工业副产盐": "segment:盐湖化工/钠盐",
}

# Products that are in the lists, named by the brief as "unseen" examples of the head rule.
LISTED = {
    "硅片": "segment:清洁能源/单晶硅与硅片",
    "磷酸铁锂": "segment:新材料/正极材料",
    "氢氧化锂": "segment:盐湖化工/基础锂盐",
    "储能电池": "segment:新材料/动力与储能电池",
}


@pytest.fixture(scope="module")
def t() -> Templates:
    return load_templates()


@pytest.fixture(scope="module")
def seed_text() -> str:
    folder = corpus_dir(None)
    return "".join(re.sub(r"\s+", "", p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt")))


def test_every_sector_is_a_chain_in_the_text_order(t: Templates) -> None:
    assert chain_names(t) == SECTORS
    assert [c.order for c in t.chains] == list(range(1, 14))
    assert all(c.official for c in t.chains)
    assert len({c.slug for c in t.chains}) == 13


def test_twelve_stated_thirteen_named(t: Templates) -> None:
    counts = chain_counts(t)
    assert (counts.stated, counts.named, counts.mismatch) == (12, 13, True)
    assert counts.named == len(t.chains)
    assert "twelve" in counts.note and "thirteen" in counts.note


@pytest.mark.parametrize("name", SECTORS)
def test_segments_run_upstream_to_downstream(t: Templates, name: str) -> None:
    chain = next(c for c in t.chains if c.name == name)
    assert len(chain.segments) >= 3
    orders = [s.order for s in chain.segments]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    ranks = [STAGES.index(s.stage) for s in chain.segments]
    assert ranks == sorted(ranks)
    assert chain.segments[0].stage == "upstream" and chain.segments[-1].stage == "downstream"
    for segment in chain.segments:
        assert segment.id == node_id(SEGMENT, name, segment.name)
        assert segment.chain == name and segment.chain_id == chain.id
        assert segment.products
        assert not segment.branch or segment.branch in chain.branches


def test_salt_lake_branches(t: Templates) -> None:
    chain = t.chains[0]
    assert {"钾", "锂", "镁", "钠", "硼"} <= set(chain.branches)
    used = {s.branch for s in chain.segments}
    assert {"钾", "锂", "镁", "钠", "硼"} <= used


def test_clean_energy_covers_pv_wind_storage_hydrogen_grid(t: Templates) -> None:
    by_name = {s.name: s for s in next(c for c in t.chains if c.name == "清洁能源").segments}
    pv = ["工业硅", "多晶硅", "单晶硅与硅片", "电池片", "光伏组件", "光伏电站"]
    assert [by_name[n].order for n in pv] == sorted(by_name[n].order for n in pv)
    for product in ("抽水蓄能", "电化学储能", "压缩空气储能", "熔盐储能", "绿氢", "风电机组",
                    "输变电工程", "光热电站"):
        ref = segment_for_product(t, product)
        assert ref is not None and ref.segment.chain == "清洁能源", product


@pytest.mark.parametrize(("name", "chain"), sorted(SEED_PRODUCTS.items()))
def test_seed_products_map(t: Templates, seed_text: str, name: str, chain: str) -> None:
    assert name in seed_text, f"{name} is not in the seeds; fix the test list"
    ref = segment_for_product(t, name)
    assert ref is not None and ref.rule in ("name", "synonym")
    assert ref.segment.chain == chain


@pytest.mark.parametrize(("name", "segment"), sorted(SEED_PHRASES.items()))
def test_seed_phrases_map_by_suffix(t: Templates, seed_text: str, name: str, segment: str) -> None:
    assert name in seed_text
    ref = segment_for_product(t, name)
    assert ref is not None and ref.rule in ("product-suffix", "head") and ref.segment.id == segment


@pytest.mark.parametrize(("name", "segment"), sorted(UNSEEN.items()))
def test_unseen_products_map_by_head(t: Templates, name: str, segment: str | None) -> None:
    assert name not in product_index(t)
    ref = segment_for_product(t, name)
    if segment is None:  # 镁砂 is a refractory (建材), no head of ours claims …砂
        assert ref is None
    else:
        assert ref is not None and ref.rule in ("product-suffix", "head") and ref.segment.id == segment


@pytest.mark.parametrize(("name", "segment"), sorted(LISTED.items()))
def test_listed_products(t: Templates, name: str, segment: str) -> None:
    ref = segment_for_product(t, name)
    assert ref is not None and ref.rule == "name" and ref.segment.id == segment


def test_lookup_normalizes_width_space_and_case(t: Templates) -> None:
    for variant in ("ＴＯＰＣｏｎ 电池", "topcon电池", " 碳酸 锂 "):
        assert segment_for_product(t, variant) is not None, variant
    assert segment_for_product(t, "ＴＯＰＣｏｎ 电池") == segment_for_product(t, "TOPCon电池")


@pytest.mark.parametrize("name", ["零碳产业园", "某某服务", "", "   "])
def test_unknown_products_do_not_map(t: Templates, name: str) -> None:
    assert segment_for_product(t, name) is None


def test_product_index_names_and_synonyms(t: Templates) -> None:
    index = product_index(t)
    for name, synonym in [("碳酸锂", "电池级碳酸锂"), ("碳酸锂", "工业级碳酸锂"), ("六氟磷酸锂", "高端六氟磷酸锂"),
                          ("多晶硅", "高纯多晶硅"), ("钾肥", "氯化钾"), ("光伏组件", "晶硅组件"),
                          ("光伏组件", "组件"), ("基础锂盐", "锂盐")]:
        assert index[synonym].product.name == name
        assert index[synonym].product.id == node_id(PRODUCT, name)
        assert index[name] == index[synonym]
    products = [p for c in t.chains for s in c.segments for p in s.products]
    assert len(index) == sum(1 + len(p.synonyms) for p in products)
    index["碳酸锂"] = index["钾肥"]  # a copy: the caller cannot spoil the next lookup
    assert product_index(t)["碳酸锂"].product.name == "碳酸锂"


def test_brief_heads_are_in_the_table(t: Templates) -> None:
    suffixes = {h.suffix for h in t.heads}
    assert {"锂", "硅", "电池", "肥", "镁", "储能", "组件", "盐"} <= suffixes
    segments = segment_index(t)
    assert all(h.segment in segments for h in t.heads)


def _supplies(t: Templates) -> nx.DiGraph:
    return nx.DiGraph([(link.source, link.target) for link in t.links])


@pytest.mark.parametrize(("source", "target"), [
    ("盐湖化工/基础锂盐", "新材料/正极材料"),
    ("盐湖化工/基础锂盐", "新材料/电解质与电解液"),
    ("新材料/正极材料", "新材料/动力与储能电池"),
    ("新材料/动力与储能电池", "清洁能源/储能系统集成"),
    ("清洁能源/储能系统集成", "清洁能源/新型储能"),
    ("清洁能源/工业硅", "清洁能源/多晶硅"),
    ("清洁能源/多晶硅", "清洁能源/单晶硅与硅片"),
    ("清洁能源/单晶硅与硅片", "清洁能源/电池片"),
    ("清洁能源/电池片", "清洁能源/光伏组件"),
    ("清洁能源/光伏组件", "清洁能源/光伏电站"),
    ("盐湖化工/钾肥", "盐湖化工/镁盐"),
    ("盐湖化工/卤水提锂", "盐湖化工/镁盐"),
    ("盐湖化工/金属镁", "新材料/金属新材料"),
    ("金属冶金/矿产资源开采", "清洁能源/工业硅"),
])
def test_direct_links(t: Templates, source: str, target: str) -> None:
    assert _supplies(t).has_edge(f"segment:{source}", f"segment:{target}")


def test_cross_chain_paths(t: Templates) -> None:
    graph = _supplies(t)
    assert nx.has_path(graph, "segment:盐湖化工/基础锂盐", "segment:清洁能源/新型储能")
    assert nx.has_path(graph, "segment:清洁能源/多晶硅", "segment:清洁能源/输变电")
    assert nx.is_directed_acyclic_graph(graph)
    segments = segment_index(t)
    for link in t.links:
        assert link.cross_chain == (segments[link.source].chain != segments[link.target].chain)
        assert set(link.via) <= {p.name for p in segments[link.source].products}
    assert sum(link.cross_chain for link in t.links) >= 10


def test_default_path_is_the_repo_data_file(t: Templates) -> None:
    repo_file = Path(__file__).resolve().parents[1] / "data" / "chains.yaml"
    other = load_templates(repo_file)
    assert chain_names(other) == chain_names(t)
    assert segment_index(other).keys() == segment_index(t).keys()


# --- validation: small bad files ------------------------------------------------------------


def _good() -> dict[str, Any]:
    def segment(name: str, stage: str, order: int, products: list[dict[str, Any]],
                supplies: dict[str, list[str]] | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"name": name, "stage": stage, "order": order, "products": products}
        if supplies is not None:
            out["supplies"] = supplies
        return out

    return {
        "stated_chain_count": 2,
        "named_chain_count": 2,
        "chain_count_note": "两条链",
        "chains": [
            {"name": "甲链", "slug": "chain-a", "order": 1, "official": True, "branches": ["支一"],
             "segments": [
                 segment("上游", "upstream", 1, [{"name": "甲料", "synonyms": ["甲原料"]}], {"中游": ["甲料"]}),
                 segment("中游", "midstream", 2, [{"name": "乙品"}], {"下游": ["乙品"], "乙链/装配": ["乙品"]}),
                 segment("下游", "downstream", 3, [{"name": "丙件"}]),
             ]},
            {"name": "乙链", "slug": "chain-b", "order": 2, "official": True,
             "segments": [segment("装配", "midstream", 1, [{"name": "丁机"}])]},
        ],
        "heads": {"件": "甲链/下游", "料": "甲链/上游"},
    }


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "chains.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_small_good_file_loads(tmp_path: Path) -> None:
    t = load_templates(_write(tmp_path, _good()))
    assert chain_names(t) == ["甲链", "乙链"]
    assert [(link.source, link.target, link.cross_chain) for link in t.links] == [
        ("segment:甲链/上游", "segment:甲链/中游", False),
        ("segment:甲链/中游", "segment:甲链/下游", False),
        ("segment:甲链/中游", "segment:乙链/装配", True),
    ]
    assert summary(t) == ("2 chains named, the text says 2 (they agree), 4 segments, 4 products "
                          "(5 names with synonyms), 3 SUPPLIES links (1 across chains), 2 heads")
    assert segment_for_product(t, "新型配件").segment.id == "segment:甲链/下游"  # type: ignore[union-attr]
    assert segment_for_product(t, "甲原料").product.name == "甲料"  # type: ignore[union-attr]


def _segments(data: dict[str, Any], chain: int = 0) -> list[dict[str, Any]]:
    return data["chains"][chain]["segments"]


def _dup_segment(d: dict[str, Any]) -> None:
    _segments(d).append({**copy.deepcopy(_segments(d)[2]), "order": 4, "products": [{"name": "戊件"}]})


def _cycle(d: dict[str, Any]) -> None:
    _segments(d, 1)[0]["supplies"] = {"甲链/上游": ["丁机"]}


BAD = {
    "duplicate segment": (_dup_segment, "segment 下游: duplicate segment"),
    "unknown stage": (lambda d: _segments(d)[1].update(stage="sidestream"), "unknown stage 'sidestream'"),
    "stages out of order": (lambda d: _segments(d)[0].update(stage="downstream"), "stages must run upstream"),
    "link to unknown segment": (lambda d: _segments(d)[2].update(supplies={"丙链/总装": []}),
                                "link to unknown segment '丙链/总装'"),
    "link upstream": (lambda d: _segments(d)[2].update(supplies={"上游": []}), "link goes upstream"),
    "via not a product": (lambda d: _segments(d)[0].update(supplies={"中游": ["丙件"]}),
                          "'丙件' is not a product of 上游"),
    "product in two segments": (lambda d: _segments(d)[2]["products"].append({"name": "甲料"}),
                                "'甲料' is already used by product 甲料"),
    "synonym in two segments": (lambda d: _segments(d)[2]["products"].append({"name": "己料", "synonyms": ["甲原料"]}),
                                "'甲原料' is already used by product 甲料"),
    "cycle": (_cycle, "SUPPLIES links form a cycle"),
    "unknown branch": (lambda d: _segments(d)[0].update(branch="支二"), "unknown branch '支二'"),
    "named count": (lambda d: d.update(named_chain_count=3), "says 3 but 2 chain(s) are official"),
    "head to unknown segment": (lambda d: d["heads"].update({"机": "乙链/总装"}), "unknown segment '乙链/总装'"),
    "head contradicts product": (lambda d: d["heads"].update({"乙品": "甲链/下游"}), "'乙品' is product 乙品"),
    "unknown field": (lambda d: _segments(d)[0].update(stgae="upstream"), "unknown field(s) stgae"),
    "missing field": (lambda d: _segments(d)[0].pop("stage"), "missing stage"),
    "duplicate chain": (lambda d: d["chains"][1].update(name="甲链"), "chain 甲链: duplicate chain"),
    "bad slug": (lambda d: d["chains"][0].update(slug="Chain A"), "not lower-case ASCII"),
    "slash in name": (lambda d: _segments(d)[2].update(name="下/游"), "must not contain '/'"),
    "order not a number": (lambda d: _segments(d)[2].update(order="三"), "expected a whole number"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_fail_clearly(tmp_path: Path, case: str) -> None:
    mutate, message = BAD[case]
    data = _good()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(ChainkgError) as err:
        load_templates(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "chains.yaml"
    path.write_text(yaml.safe_dump(_good(), allow_unicode=True) + "heads: {}\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match="duplicate key 'heads'"):
        load_templates(path)


def test_unreadable_or_broken_files(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    with pytest.raises(ChainkgError, match=r"none\.yaml: cannot read chain templates"):
        load_templates(missing)
    broken = tmp_path / "broken.yaml"
    broken.write_text("chains: [\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match=r"broken\.yaml: not valid YAML"):
        load_templates(broken)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("chains: café".encode("latin-1"))
    with pytest.raises(ChainkgError, match="cannot read"):
        load_templates(latin)
    listing = tmp_path / "list.yaml"
    listing.write_text("- 甲\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match="top level: expected a mapping"):
        load_templates(listing)
