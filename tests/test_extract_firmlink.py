"""Firm choice and boundaries on pages never seen (issue 16; docs/extraction.md, "Firms after finding
them: errors by cause"): each rule shown firing and not firing on sentences written here with made-up
firms (岚峡, 澜沣, 汀澜 …): no sentence of a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import text_mentions
from chainkg.ingest.nlp import shared_pipeline
from tests.test_extract_generalization import companies


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


def builders(text: str) -> list[tuple[str | None, str]]:
    """(company, product) of each project mention, as extraction reads ``text``."""
    return [(m.company, m.product) for m in text_mentions(text)]


# ------------------------------------------------------------------ plant_gap


@pytest.mark.parametrize("gap", ["车间", "生产线", "装置"])
def test_a_plant_closing_an_item_keeps_the_firm_for_the_next_items(gap: str) -> None:
    text = f"岚峡工业投资有限公司5万吨碳酸锂{gap}、10万吨电解铝{gap}、年产20万吨硝铵项目投产。"
    assert [firm for firm, _ in builders(text)] == ["岚峡工业投资有限公司"] * 3


def test_a_clause_between_items_still_ends_the_enumeration() -> None:
    found = builders("岚峡锂业5万吨碳酸锂车间已投产,园区另有10万吨电解铝生产线在建。")
    assert ("岚峡锂业", "碳酸锂") in found and (None, "电解铝") in found, found


# ------------------------------------------------------------------ quantity_in_name


@pytest.mark.parametrize("text, name", [
    ("投资5亿元岚峡锆业化工年产2万吨氯氧化锆项目开工。", "岚峡锆业化工"),  # money glued before a name by its ending
    ("总投资3亿元岚峡10万吨碳酸锂项目开工。", "岚峡"),  # ... before a brand by position
])
def test_a_unit_glued_before_a_name_is_cut_off(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


@pytest.mark.parametrize("text", ["澜川百万吨钾肥项目通过验收。", "澜川千万吨煤化工项目开工。"])
def test_a_quantity_is_never_inside_a_name(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    # 百万吨 is a figure since rule worded_hundred: what stands before it is a brand by position (as
    # 岚峡 before 10万吨), never a name holding the quantity
    assert companies(nlp, text) == ["澜川"]


@pytest.mark.parametrize("name", ["一道新能源", "三一重能"])
def test_a_numeral_without_a_unit_still_opens_a_brand(nlp, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, f"{name}10GW组件项目签约。") == [name]


# ------------------------------------------------------------------ listed_first_item


def test_the_first_item_of_a_firm_list_after_a_colon_is_a_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "园区已有企业12户,其中:乐岚冶炼、恒岚碳化硅、文岚磨料科技等三家企业去年建成。")
    assert found == ["乐岚冶炼", "恒岚碳化硅", "文岚磨料科技"]


def test_without_a_colon_the_first_item_may_hold_lead_in_words(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "加快乐岚冶炼、恒岚碳化硅、文岚磨料科技等企业投产。")
    assert "加快乐岚冶炼" not in found and "恒岚碳化硅" in found


# ------------------------------------------------------------------ list_lead


@pytest.mark.parametrize("text, name", [
    ("主要有岚峡昆仑2万吨碳酸锂、澜沣矿业镍矿采选等项目。", "岚峡昆仑"),  # a brand by position
    ("主要有岚峡锂业年产2万吨碳酸锂项目。", "岚峡锂业"),  # a name by its ending
])
def test_the_verb_leading_a_list_is_no_part_of_the_first_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text)[0] == name


def test_a_lead_verb_inside_a_brand_word_stays() -> None:
    from chainkg.ingest.firm_evidence import lead_length

    assert lead_length("有研新材") == 0 and lead_length("其中有岚峡") == 3


# ------------------------------------------------------------------ listed_means


def test_items_of_a_list_of_techniques_are_no_firms() -> None:
    text = "岚峡化工有限公司依托智能互联、澜沣环保等先进技术,新建年产10万吨硫酸钾生产装置。"
    assert builders(text) == [("岚峡化工有限公司", "硫酸钾")]


def test_items_of_a_list_of_firms_stay_firms(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "园区引进智能互联、澜沣环保等企业。") == ["智能互联", "澜沣环保"]


# ------------------------------------------------------------------ short_subject

FULL = "岚州海泰新能科技股份有限公司与汀澜集团签约。"


def test_a_short_form_opening_the_sentence_is_the_firm_named_before() -> None:
    found = builders(FULL + "岚州海泰明年拟出资3亿元新建80万千瓦光伏组件、150万千瓦光伏支架项目。")
    assert [firm for firm, _ in found] == ["岚州海泰新能科技股份有限公司"] * 2


def test_a_place_opening_the_sentence_names_no_firm() -> None:
    found = builders("格尔木岚峡锂业有限公司与汀澜集团签约。格尔木今年计划建设100万千瓦光伏组件项目。")
    assert [firm for firm, _ in found] == [None], found


# ------------------------------------------------------------------ a superlative is no part of a name


def test_a_superlative_makes_a_claim_not_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "岚州最大钾肥复合造粒项目开工。") == []


# ------------------------------------------------------------------ under_group, a known brand and 集团


def test_a_unit_under_a_known_brand_and_its_group_word_is_named_with_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "国家电投集团岚州能源化工有限责任公司与澜沣公司签约。")
    assert found[0] == "国家电投集团岚州能源化工有限责任公司", found


# ------------------------------------------------------------------ named_park


def test_a_park_named_after_a_firm_before_a_figure_is_the_firms_work() -> None:
    assert builders("青海岚峡光伏科技产业园50GW单晶硅棒项目上月奠基。") == [("青海岚峡光伏科技", "单晶硅")]


@pytest.mark.parametrize("text", ["格尔木化工产业园100万吨纯碱项目开工。", "岚峡科技园区内道路已建成。"])
def test_a_place_s_park_or_a_park_without_a_figure_names_no_firm(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == []


# ------------------------------------------------------------------ a resource closing a registered name


def test_a_registered_name_may_close_with_the_resource_it_works(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "内蒙古岚东煤炭集团公司" in companies(nlp, "澜华能源公司由内蒙古岚东煤炭集团公司和澜蒙集团有限公司共同组建。")
    assert companies(nlp, "推进煤炭有限公司整合。") == []  # the resource alone names no firm


# ------------------------------------------------------------------ time_clause


@pytest.mark.parametrize("text, name", [
    ("增资后岚峡新能源将建设10万吨绿氢项目。", "岚峡新能源"),  # a rare verb and 后
    ("投产后岚峡锂业年产值将超10亿元。", "岚峡锂业"),  # 后 alone, its verb read as a status before it
])
def test_a_clause_of_time_opens_no_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


# ------------------------------------------------------------------ titled_brand

TITLED = "《岚峡集团某旗20万千瓦光伏制氢项目》环评文件已受理。该项目建设内容包括10万千瓦光伏电站。"


def test_a_brand_only_in_the_title_gives_way_to_the_stated_builder() -> None:
    found = builders(TITLED + "项目建设单位为澜沣新能源有限公司,总投资6亿元。")
    assert found and {firm for firm, _ in found} == {"澜沣新能源有限公司"}, found


def test_two_stated_builders_or_a_brand_named_outside_the_title_change_nothing() -> None:
    two = builders(TITLED + "项目建设单位为澜沣新能源有限公司,二期建设单位为汀岚能源有限公司。")
    assert "澜沣新能源有限公司" not in {firm for firm, _ in two}, two
    outside = builders(TITLED + "岚峡集团董事长出席。项目建设单位为澜沣新能源有限公司。")
    assert "澜沣新能源有限公司" not in {firm for firm, _ in outside}, outside


# ------------------------------------------------------------------ known_product, a news site


def test_a_known_firm_and_its_product_are_no_longer_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "主要有盐湖股份钾肥扩能改造、澜沣矿业镍矿采选等项目。") == ["盐湖股份", "澜沣矿业"]


def test_a_news_site_named_after_an_industry_is_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "据岚峡石化网报道,澜沣钾肥10万吨硫酸钾项目投产。") == ["澜沣钾肥"]


# ------------------------------------------------------------------ listed_works


def test_a_bare_brand_in_a_list_of_works_beside_a_firm_is_a_firm() -> None:
    found = builders("争取新能60万吨新材料、岚瑞20万立方米天然气液化等项目开工建设。")
    assert found == [("新能", "新材料"), ("岚瑞", "液化天然气")], found  # the template synonym of 天然气液化


@pytest.mark.parametrize("text", [
    "争取新能60万吨新材料、高原20万立方米天然气液化等项目开工建设。",  # no item's name has evidence
    "争取新能60万吨新材料,岚瑞20万立方米天然气液化项目开工建设。",  # no list of works
])
def test_without_an_evidenced_neighbour_in_a_list_of_works_the_bare_name_stays_no_firm(text: str) -> None:
    assert builders(text)[0] == (None, "新材料"), builders(text)
