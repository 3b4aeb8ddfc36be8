"""Extraction and resolution on sentences we wrote (invented firms no list holds).

Each test states one behaviour of issue 3: enumerations sharing a status, the company not
next to the capacity, names cut badly, units, look-alikes that are not projects, one project
with many mentions, conflicts, and bad input that must give no invented fact.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chainkg.reading.document import Document, Sentence
from chainkg.ingest.extract import run_extraction
from chainkg.ingest.facts import Extraction, ProjectEntity


def document(doc_id: str, sentences: Sequence[str], headings: Sequence[str] = (), published: int = 2024) -> Document:
    """A Document of the given sentences, offsets consecutive, every sentence under ``headings``."""
    rows, pos = [], 0
    for i, text in enumerate(sentences):
        rows.append(Sentence(index=i, text=text, start=pos, end=pos + len(text), orig_start=pos,
                             orig_end=pos + len(text), headings=tuple(headings)))
        pos += len(text)
    return Document(id=doc_id, file=f"{doc_id}.txt", meta={"published": published}, encoding="utf-8",
                    sha256=doc_id, text="".join(sentences), sentences=tuple(rows))


def extract_from(*sentences: str, headings: Sequence[str] = ()) -> Extraction:
    return run_extraction([document("d1", sentences, headings)])


def projects(ex: Extraction) -> set[tuple[str | None, str, float | None]]:
    """(company, product, base capacity) of every resolved project."""
    return {(p.company, p.product, p.capacity.base_value if p.capacity else None) for p in ex.projects}


def one(ex: Extraction, product: str) -> ProjectEntity:
    found = [p for p in ex.projects if p.product == product]
    assert len(found) == 1, [p.name for p in ex.projects]
    return found[0]


# ------------------------------------------------------------------ companies and products


def test_shape_names_and_products_outside_lists() -> None:
    ex = extract_from("霁川锂业年产3万吨高纯氟化锂项目、澄岭化工年产5000吨电子级硝酸锶项目开工建设。")
    assert projects(ex) == {("霁川锂业", "氟化锂", 30000.0), ("澄岭化工", "硝酸锶", 5000.0)}
    fluoride = one(ex, "氟化锂")
    assert (fluoride.chain, fluoride.segment) == ("盐湖化工", "锂盐深加工")
    assert fluoride.status == "under_construction" and fluoride.status_text == "开工建设"


def test_brand_by_position_before_capacity_and_product() -> None:
    ex = extract_from("汀澜12万吨单晶硅、岫峰电池片等项目进入实质性洽谈阶段。")
    assert ("汀澜", "单晶硅", 120000.0) in projects(ex)
    assert {p.status for p in ex.projects} == {"negotiating"}


def test_bylines_verbs_and_places_trimmed_from_the_left() -> None:
    ex = extract_from("本报讯 支持珀溪新能源在德令哈建设年产2万吨磷酸锰铁锂项目。",
                      "推动格尔木岚栖镁业年产5万吨高纯氧化镁项目有序推进。")
    names = {c.name for c in ex.companies}
    assert {"珀溪新能源", "岚栖镁业"} <= names
    assert not any(n.startswith(("本报讯", "支持", "推动", "格尔木")) for n in names)


def test_suffix_inside_a_longer_word_is_not_a_name() -> None:
    ex = extract_from("引进曜衡光电源设备有限公司建设年产2000台套储能变流器生产线。")
    assert [c.name for c in ex.companies] == ["曜衡光电源设备"]


def test_sector_words_and_generic_firms_are_not_companies() -> None:
    ex = extract_from("做强盐湖化工、清洁能源和新材料产业,培育一批龙头企业,支持硅基材料、镁基材料配套发展。")
    assert ex.companies == ()
    assert ex.projects == ()


# ------------------------------------------------------------------ sentence structure


def test_enumeration_shares_the_status_after_it() -> None:
    ex = extract_from("棠溪8万吨多晶硅、渝鸿20GW光伏组件等一批项目集中开工。")
    assert projects(ex) == {("棠溪", "多晶硅", 80000.0), ("渝鸿", "光伏组件", 2e10)}
    assert {p.status_text for p in ex.projects} == {"集中开工"}


def test_first_of_n_projects_takes_the_status() -> None:
    ex = extract_from("钧澜化工年产6万吨纯碱等12个项目建成试产。")
    assert projects(ex) == {("钧澜化工", "纯碱", 60000.0)}
    assert one(ex, "纯碱").status == "trial"


def test_company_far_from_the_capacity() -> None:
    ex = extract_from("青海曦澄新材料有限公司计划投资12亿元,在园区东区建设年产2万吨电池级氢氧化锂项目。")
    assert projects(ex) == {("青海曦澄新材料", "氢氧化锂", 20000.0)}


def test_company_named_in_an_earlier_sentence() -> None:
    ex = extract_from("柘原钾业是一家钾盐深加工企业。", "公司预计明年建成年产10万吨硫酸钾项目。")
    assert projects(ex) == {("柘原钾业", "硫酸钾", 100000.0)}


def test_total_with_phases_gives_each_phase() -> None:
    ex = extract_from("澜峤能源年产20万吨磷酸铁项目开工,其中一期5万吨年内投产。")
    phases = {(p.company, p.product, p.phase, p.capacity.base_value if p.capacity else None) for p in ex.projects}
    assert phases == {("澜峤能源", "磷酸铁", None, 200000.0), ("澜峤能源", "磷酸铁", "一期", 50000.0)}


def test_two_products_of_one_company_joined_by_he() -> None:
    ex = extract_from("沅屿锂电1000吨氯化锂和2万吨碳酸锂项目开工建设。")
    assert projects(ex) == {("沅屿锂电", "氯化锂", 1000.0), ("沅屿锂电", "碳酸锂", 20000.0)}


def test_place_between_company_and_capacity() -> None:
    ex = extract_from("嵘川光能德令哈30万千瓦光伏项目并网发电。")
    p = one(ex, "光伏电站")
    assert (p.company, p.place, p.status) == ("嵘川光能", "德令哈市", "operating")


def test_status_before_the_item() -> None:
    ex = extract_from("开工建设大柴旦80万千瓦抽水蓄能项目。")
    p = one(ex, "抽水蓄能")
    assert (p.company, p.status, p.place) == (None, "under_construction", "大柴旦")


def test_heading_decides_planned_or_reported() -> None:
    planned = extract_from("抓好漪川钠业3万吨元明粉项目建设。", headings=("二、2024年重点任务",))
    reported = extract_from("漪川钠业3万吨元明粉项目建成投产。", headings=("一、过去一年工作回顾",))
    assert one(planned, "元明粉").mode == "planned"
    assert one(reported, "元明粉").mode == "reported"


def test_status_from_a_list_heading() -> None:
    ex = extract_from("1.瀚汐储能科技有限公司:年产5GWh储能电池项目,建设周期两年。", headings=("一、签约项目",))
    assert one(ex, "储能电池").status == "signed"


def test_verb_before_the_company_is_not_the_project_status() -> None:
    ex = extract_from("引进沣岚储能设备有限公司建设年产800台套储能变流器项目。")
    p = one(ex, "储能变流器")
    assert (p.company, p.status_text, p.capacity.base_unit if p.capacity else None) == ("沣岚储能设备", "建设", "set")


# ------------------------------------------------------------------ not projects


@pytest.mark.parametrize(
    "sentence",
    [
        "全市形成多晶硅产能30万吨,光伏组件产能突破10GW。",
        "全年生产钾肥800万吨,新增碳酸锂产能2万吨。",
        "项目投产后年可节约标准煤5万吨,减少二氧化碳排放12万吨。",
        "新探明氯化锂储量300万吨。",
        "全州新能源装机力争突破3000万千瓦。",
        "330千伏输变电工程建成投运。",
        "完成投资120亿元,实施项目86个。",
    ],
)
def test_totals_savings_reserves_are_not_projects(sentence: str) -> None:
    assert extract_from(sentence).projects == ()


def test_output_figure_names_its_product_as_production() -> None:
    ex = extract_from("全年生产钾肥800万吨。")
    assert [p for p, _text, _ev in ex.production] == ["钾肥"]


# ------------------------------------------------------------------ resolution


def test_one_project_in_two_documents_has_two_pieces_of_evidence() -> None:
    a = document("a", ["瀚岳集团10万吨多晶硅项目开工建设。"])
    b = document("b", ["瀚岳10万吨高纯多晶硅项目加快推进。"])
    ex = run_extraction([a, b])
    p = one(ex, "多晶硅")
    assert p.company == "瀚岳" and {e.doc_id for e in p.evidence} == {"a", "b"}
    company = next(c for c in ex.companies if c.name == "瀚岳")
    assert set(company.aliases) == {"瀚岳", "瀚岳集团"}
    assert any(r.startswith("legal-form: ") for r in company.merge_rules)


def test_phases_stay_two_projects_of_one_company() -> None:
    ex = run_extraction([document("a", ["聆川年产6000吨六氟磷酸锂项目加快推进。"]),
                         document("b", ["聆川二期4000吨六氟磷酸锂项目开工建设。"])])
    phases = {(p.company, p.phase, p.capacity.base_value if p.capacity else None) for p in ex.projects}
    assert phases == {("聆川", None, 6000.0), ("聆川", "二期", 4000.0)}


def test_alias_table_and_region_prefix_merges_are_recorded() -> None:
    ex = run_extraction([document("a", ["赣锋锂业金属锂项目加快建设。", "青海西部镁业年产1万吨氧化镁项目投产。"]),
                         document("b", ["赣锋锂电1000吨金属锂项目开工建设。", "西部镁业年产2万吨氢氧化镁项目试产。"])])
    by_name = {c.name: c for c in ex.companies}
    assert set(by_name["赣锋锂业"].aliases) == {"赣锋锂业", "赣锋锂电"}
    assert any(r.startswith("alias-table: 赣锋锂电") for r in by_name["赣锋锂业"].merge_rules)
    magnesium = [c for c in ex.companies if "西部镁业" in c.aliases]
    assert len(magnesium) == 1 and set(magnesium[0].aliases) == {"西部镁业", "青海西部镁业"}
    lithium = one(ex, "金属锂")
    assert {e.doc_id for e in lithium.evidence} == {"a", "b"}


def test_different_figures_in_two_documents_are_a_conflict() -> None:
    ex = run_extraction([document("a", ["岑溪锂业年产2万吨碳酸锂项目开工建设。"]),
                         document("b", ["岑溪锂业年产3万吨碳酸锂项目有序推进。"])])
    p = one(ex, "碳酸锂")
    assert len(p.conflicts) == 1 and "2万吨" in p.conflicts[0] and "3万吨" in p.conflicts[0]
    assert {e.doc_id for e in p.evidence} == {"a", "b"}


def test_a_later_mention_by_name_only_is_the_same_project() -> None:
    ex = extract_from("翎溪硼业年产1万吨硼酸项目开工建设。", "翎溪硼业硼酸项目预计年底投产。")
    p = one(ex, "硼酸")
    assert len(p.evidence) == 2 and p.capacity is not None and p.capacity.base_value == 10000


def test_evidence_spans_point_into_the_text() -> None:
    doc = document("d1", ["前言。", "霁川锂业年产3万吨氟化锂项目开工建设。"])
    ex = run_extraction([doc])
    ev = one(ex, "氟化锂").evidence[0]
    assert ev.sentence_index == 1
    for span in ev.spans:
        assert doc.text[span.start:span.end] == span.text
    assert {s.kind for s in ev.spans} >= {"company", "product", "capacity", "status"}


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "sentence",
    [
        "",
        "。",
        "会议强调,要坚持稳中求进工作总基调。",
        "１２３４５６７８９０",
        "年产万吨",
        "增长3.5.6个百分点,实现9999999999999999999999吨",
        "10万光年之外的星系",
        "\x00\x01\x02",
        "锂业" * 3000,
        "年产" * 3000,
    ],
)
def test_no_facts_no_invented_projects(sentence: str) -> None:
    assert extract_from(sentence).projects == ()


def test_mixed_width_digits_read_as_digits() -> None:
    ex = extract_from("霁川锂业年产３万吨氟化锂项目开工建设。")
    assert projects(ex) == {("霁川锂业", "氟化锂", 30000.0)}


def test_very_long_sentence_no_crash_and_each_fact_once() -> None:
    item = "霁川锂业年产3万吨氟化锂项目、"
    ex = extract_from(item * 500 + "开工建设。")
    assert projects(ex) == {("霁川锂业", "氟化锂", 30000.0)}
