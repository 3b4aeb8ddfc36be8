"""Round 7 of the extraction rules (issue 16, docs/extraction.md "Round 7 (branch r7)"): each rule on
sentences written here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


# ------------------------------------------------------------------ rule feedstock_route


@pytest.mark.parametrize("text", [
    "霁岚煤化有限公司将配套建设甲醇制烯烃、甲醇制芳烃和甲醇制醋酸。",
    "霁岚煤化有限公司在园区新建甲醇制烯烃、甲醇制芳烃、甲醇制醋酸等装置。",
])
def test_routes_from_one_feedstock_are_the_firms_works(text: str) -> None:
    assert [(c, p, f) for c, p, f, _ph in found(text)] == [
        ("霁岚煤化有限公司", "烯烃", None), ("霁岚煤化有限公司", "芳烃", None), ("霁岚煤化有限公司", "醋酸", None)]


def test_routes_beside_a_figure_keep_the_figure_of_the_core_project() -> None:
    got = found("霁岚煤化有限公司以300万吨煤制甲醇项目为核心,配套建设甲醇制烯烃、甲醇制醋酸。")
    assert ("霁岚煤化有限公司", "甲醇", "300万吨", None) in got
    assert {p for c, p, f, _ph in got if f is None} == {"烯烃", "醋酸"}


@pytest.mark.parametrize("text", [
    "园区将配套建设甲醇制烯烃、甲醇制醋酸。",  # no firm: a plan's lines of business
    "霁岚煤化有限公司正在研究甲醇制烯烃、甲醇制醋酸。",  # no verb of building before the routes
    "霁岚煤化有限公司将配套建设甲醇制烯烃。",  # one route is no enumeration
    "霁岚煤化有限公司将配套建设甲醇制烯烃、煤制醋酸。",  # two feedstocks
])
def test_routes_without_firm_verb_or_enumeration_are_no_projects(text: str) -> None:
    assert [r for r in found(text) if r[2] is None] == []


# ------------------------------------------------------------------ rule local_unit


@pytest.mark.parametrize("text, unit", [
    ("乌兰霁岚建材有限公司是霁岚集团的全资子公司。霁岚集团在当地建设年产300万吨水泥项目。", "乌兰霁岚建材有限公司"),
    ("霁岚集团在都兰建设年产300万吨水泥项目。都兰霁岚建材有限公司负责建设运营。", "都兰霁岚建材有限公司"),
    ("霁岚建材(大柴旦)有限公司已注册。霁岚集团年产300万吨水泥项目开工。", "霁岚建材(大柴旦)有限公司"),
])
def test_the_parents_brand_gives_way_to_the_one_unit_named_with_its_place(text: str, unit: str) -> None:
    assert [(c, p) for c, p, _f, _ph in found(text)] == [(unit, "水泥")], found(text)


def test_the_brands_whole_name_gives_way_to_the_unit_that_is_it_with_a_place() -> None:
    text = "天水霁岚硅能源有限公司是江西霁岚硅能源投资的全资子公司,其中霁岚硅能源6GW单晶硅项目分三期建设。"
    assert [c for c, _p, _f, _ph in found(text)] == ["天水霁岚硅能源有限公司"], found(text)


@pytest.mark.parametrize("text", [
    # two units at two places: which one builds is not said
    "乌兰霁岚建材有限公司、都兰霁岚水泥有限公司均已投产。霁岚集团再建年产300万吨水泥项目。",
    # a province before the brand names the firm's region, not a unit at a site
    "江西霁岚建材有限公司是霁岚集团的子公司。霁岚集团在当地建设年产300万吨水泥项目。",
    # the unit with a place is the parent of another: the parent's brand stays the parent's
    "都兰霁岚建材有限公司的全资子公司澄岭矿业有限公司已设立。霁岚集团建设年产300万吨水泥项目。",
])
def test_no_unit_or_an_unclear_one_leaves_the_brand(text: str) -> None:
    assert ("霁岚集团", "水泥") in [(c, p) for c, p, _f, _ph in found(text)], found(text)


# ------------------------------------------------------------------ rule subject_named


def test_a_sentence_naming_only_the_documents_firm_gives_it_the_unclaimed_figures() -> None:
    text = ("霁岚矿业:循环利用项目开工\n"
            "项目计划投资10亿元。项目建成后,将形成年产电铅10万吨、硫酸20万吨的生产能力,成为霁岚矿业新的利润来源。")
    assert [(c, p, f) for c, p, f, _ph in found(text)] == [
        ("霁岚矿业", "铅锭", "10万吨"), ("霁岚矿业", "硫酸", "20万吨")], found(text)


def test_a_sentence_naming_another_firm_too_keeps_its_figures_unclaimed() -> None:
    text = ("霁岚矿业:循环利用项目开工\n"
            "项目建成后,将形成年产电铅10万吨的生产能力,霁岚矿业与澄岭化工将共同受益。")
    assert [c for c, _p, _f, _ph in found(text)] == [None], found(text)


# ------------------------------------------------------------------ rule single_firm


@pytest.mark.parametrize("text", [
    "年产5万吨电池级碳酸锂项目近日试产。该项目由霁岚锂业有限公司投资建设。",
    "近日,一个年产5万吨电池级碳酸锂的项目试产。据悉,锂盐产业园项目是霁岚锂业有限公司投资的。",
])
def test_an_opening_figure_is_the_one_firms_that_the_next_sentence_names_as_builder(text: str) -> None:
    assert [(c, p) for c, p, _f, _ph in found(text)] == [("霁岚锂业有限公司", "碳酸锂")], found(text)


@pytest.mark.parametrize("text", [
    "年产5万吨电池级碳酸锂项目近日试产。该项目由霁岚锂业与澄岭化工共同投资。",  # two firms: whose is unsaid
    "年产5万吨电池级碳酸锂项目近日试产。记者获悉,项目已完成设备调试。",  # no firm at all
    # the firm is named, but not as the project's: the figure is not said to be its
    "年产5万吨电池级碳酸锂项目近日试产。当天,霁岚锂业有限公司举行了仪式。",
    # the firm is named first in another paragraph, not as the builder its opening names (项目由…: round 8's
    # lead_builder, tests/test_extract_round8.py)
    "年产5万吨电池级碳酸锂项目近日试产。\n当天,霁岚锂业有限公司投资建设的车间竣工。",
    # the sentence names the one firm and still leaves the figure without it: the park's, not the firm's
    "霁岚锂业有限公司碳酸锂车间已投产,园区另有年产5万吨电池级碳酸锂项目在建。",
])
def test_two_firms_or_none_leave_the_project_without_one(text: str) -> None:
    assert [c for c, _p, f, _ph in found(text) if f is not None] == [None], found(text)


# ------------------------------------------------------------------ rule works_products


def test_the_products_a_named_works_will_make_are_its_firms_projects() -> None:
    text = "霁岚煤化有限公司煤炭综合利用工程年度投资8亿元,该工程主要生产烯烃、烧碱、醋酸等化工原料。"
    assert [(c, p, f) for c, p, f, _ph in found(text)] == [
        ("霁岚煤化有限公司", "烯烃", None), ("霁岚煤化有限公司", "烧碱", None), ("霁岚煤化有限公司", "醋酸", None)]


@pytest.mark.parametrize("text", [
    "霁岚煤化有限公司年度投资8亿元,该公司主要生产烯烃、烧碱等化工原料。",  # a firm's products, not a works'
    "全县煤炭综合利用工程年度投资8亿元,该工程主要生产烯烃、烧碱等化工原料。",  # no firm
])
def test_a_firms_own_products_or_a_works_of_nobody_named_make_no_project(text: str) -> None:
    assert found(text) == [], found(text)


def test_a_works_with_a_figure_keeps_its_figure_and_lists_no_more() -> None:
    text = "霁岚煤化有限公司年产60万吨烯烃项目开工,该项目主要生产聚乙烯、聚丙烯等产品。"
    assert [(c, p, f) for c, p, f, _ph in found(text)] == [("霁岚煤化有限公司", "烯烃", "年产60万吨")], found(text)
