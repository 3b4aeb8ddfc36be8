"""Company causes of the spent pages holdout (issue 16, docs/extraction.md, "The real pages, holdout,
first scoring", **Companies**), each tested on sentences written here with made-up firms: no sentence
of a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import rules_fired
from chainkg.ingest.nlp import shared_pipeline
from tests.test_extract_facts import extract_from, projects
from tests.test_extract_generalization import companies


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


# ------------------------------------------------------------------ clause openings glued to a name


@pytest.mark.parametrize("text, name", [
    ("该基地已拥有甲乙锂业、丙丁化工两家企业。", "甲乙锂业"),
    ("某集团出资建立澜汐镁业有限公司,主营金属镁。", "澜汐镁业有限公司"),
    ("2021年某集团完成重组澜汐矿业的工作。", "澜汐矿业"),
])
def test_a_verb_of_owning_founding_or_merging_is_not_part_of_the_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, text)
    assert name in found and not any(c.endswith(name) and c != name for c in found), found


def test_agreeing_with_the_company_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "该交易符合公司长远利益。") == []


@pytest.mark.parametrize("text, name", [
    ("这是继甲乙材料有限公司去年在某县投产1万吨产线后,公司的第二个项目。", "甲乙材料有限公司"),
    ("继澜汐锂业之后,又有三家企业落户园区。", "澜汐锂业"),
])
def test_a_time_clause_opener_is_not_part_of_the_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in companies(nlp, text), companies(nlp, text)


def test_a_brand_opening_with_the_same_character_keeps_it(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "继丰锂业有限公司" in companies(nlp, "继丰锂业有限公司年产2万吨碳酸锂项目开工。")


# ------------------------------------------------------------------ words that only look like firms


@pytest.mark.parametrize("text", [
    "团队来自某某大学材料科学专业。",
    "该项目的备案机关为某某旗能源局。",
    "园区另建孤网能源站一座。",
    "曲靖新能源电池产业加快发展。",
    "三期8万吨项目一阶段4万吨已开工。",
    "随著科技进步,成本持续下降。",
    "今年又出资设立合资公司。",
    "车队拥有冷藏运输车辆80台。",
])
def test_no_firm_in_a_department_a_bureau_a_plant_a_city_sector_or_a_stage(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [], companies(nlp, text)


def test_a_count_of_listed_firms_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "全市已有甲乙锂业、丙丁科技等4家上市公司投资。")
    assert not any(c.startswith("家") for c in found), found


# ------------------------------------------------------------------ names of groups, units and branches


def test_a_technique_between_brand_and_figure_is_not_part_of_the_brand(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "澜汐光热发电有限公司建成10兆瓦光热电站。澜汐塔式50兆瓦光热项目开工。")
    assert "澜汐" in found and not any(c.endswith("塔式") for c in found), found


def test_a_registered_unit_glued_to_its_group_is_one_name(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "甲乙电建集团某某勘测设计研究院有限公司编制完成可研报告。")
    assert found == ["甲乙电建集团某某勘测设计研究院有限公司"], found


def test_a_county_branch_is_one_name_with_its_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "项目建设单位为澜汐新能源有限公司某某旗分公司。")
    assert found == ["澜汐新能源有限公司某某旗分公司"], found


# ------------------------------------------------------------------ enumerations of firms


def test_the_first_item_of_a_firm_list_is_a_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "园区先后引进甲乙水电、丙丁电力、戊己国际等一批电力企业。")
    assert {"甲乙水电", "戊己国际"} <= set(found), found


def test_a_list_of_firms_closed_by_a_count_of_projects(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "今年重点推进甲乙、丙丁化工、戊己硅业、庚辛拓疆等4个项目开工。")
    assert {"甲乙", "丙丁化工", "戊己硅业", "庚辛拓疆"} <= set(found), found


def test_a_list_of_works_closed_by_projects_names_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "推进甲乙化工、光伏制氢、储能电站等3个项目建设。")
    assert found == ["甲乙化工"], found


def test_the_builder_of_a_listed_firm_project_is_carried(nlp) -> None:  # type: ignore[no-untyped-def]
    fired = rules_fired("继澜汐锂业有限公司在某县建成1万吨碳酸锂产线之后,公司又开工2万吨氢氧化锂项目。")
    assert fired and all(c == "澜汐锂业有限公司" for c, _, _ in fired), fired


# ------------------------------------------------------------------ rule company_restated


def test_a_restated_project_and_its_phase_take_the_firm_stated_first() -> None:
    fired = rules_fired("澜汐钠电有限公司的年产3万吨正极材料项目今天签约。随后岚峰建投风电项目举行开工仪式。\n"
                        "年产3万吨正极材料项目一期1万吨明年投产。")
    assert {c for c, p, _ in fired if p == "正极材料"} == {"澜汐钠电有限公司"}, fired


def test_an_item_of_a_firmless_list_is_no_restatement() -> None:
    fired = rules_fired("澜汐锂业有限公司年产1万吨碳酸锂项目开工。\n今年开工建设年产1万吨碳酸锂、2万吨硫酸钾等项目。")
    assert [c for c, p, _ in fired if p == "硫酸钾"] == [None], fired
    assert None in [c for c, p, _ in fired if p == "碳酸锂"], fired


def test_another_firms_project_of_the_same_figure_keeps_its_firm() -> None:
    fired = rules_fired("澜汐锂业有限公司年产1万吨碳酸锂项目开工。岚峰锂业有限公司年产1万吨碳酸锂项目签约。")
    assert sorted(c for c, _, _ in fired) == ["岚峰锂业有限公司", "澜汐锂业有限公司"], fired


# ------------------------------------------------------------------ rule stated_subsidiary


def test_the_two_names_of_a_subsidiary_statement_are_firms(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "澜汐锂源是岚峰锂源的控股子公司。")
    assert found[:2] == ["澜汐锂源", "岚峰锂源"], found


def test_a_statement_with_a_policy_word_names_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "该项目为园区的全资子公司建设。") == []


def test_a_subsidiary_and_its_parent_of_another_region_stay_two_firms() -> None:
    ex = extract_from("澜汐锂电有限公司系湖南澜汐锂电股份有限公司设在某市的全资子公司。",
                      "公司计划新建年产30万吨磷酸铁项目。")
    assert sorted(c.name for c in ex.companies) == ["湖南澜汐锂电", "澜汐锂电"], [c.name for c in ex.companies]
    assert projects(ex) == {("澜汐锂电", "磷酸铁", 300000.0)}, projects(ex)


def test_a_subsidiary_named_after_its_listed_parent_stays_apart() -> None:
    ex = extract_from("澜汐新材(300999)披露公告,将通过全资子公司澜汐新材料(四川)有限公司投资建设新基地。")
    assert sorted(c.name for c in ex.companies) == ["澜汐新材", "澜汐新材料"], [c.name for c in ex.companies]


def test_without_a_statement_the_region_prefix_still_merges() -> None:
    ex = extract_from("澜汐锂电有限公司年产1万吨磷酸铁项目开工。", "湖南澜汐锂电股份有限公司年产2万吨磷酸铁项目签约。")
    assert [c.name for c in ex.companies] == ["湖南澜汐锂电"], [c.name for c in ex.companies]


# ------------------------------------------------------------------ policy verbs, colours, units and measures


@pytest.mark.parametrize("text", [
    "这些光伏电站全部并网发电。",
    "园区建成百兆瓦光伏发电项目。",
    "某厂出货量超100GWh。",
    "该地素有“白色石油”之称。",
    "为园区注入强劲电力。",
    "公司拟设立参股公司和销售公司。",
])
def test_no_firm_in_a_demonstrative_a_unit_a_measure_or_a_metaphor(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [], companies(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("帮助澜汐新材料解决用工难题。", "澜汐新材料"),
    ("督促岚峰储能加快建设。", "岚峰储能"),
])
def test_a_verb_of_help_or_supervision_is_not_part_of_the_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name], companies(nlp, text)


def test_a_banks_branch_is_a_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "日前,澜行宁夏分行一行考察园区。") == ["澜行宁夏分行"]
