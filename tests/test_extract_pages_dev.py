"""Causes found on the 22 real dev pages (issue 16, docs/extraction.md, "The real pages, dev part,
first scoring"), each tested on sentences written here with made-up firms: no sentence of a page
is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.nlp import shared_pipeline

from chainkg.ingest.extract import rules_fired
from chainkg.ingest.facts import Evidence
from chainkg.ingest.resolve import resolve_companies
from tests.test_extract_facts import extract_from, projects
from tests.test_extract_generalization import companies


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


# ------------------------------------------------------------------ rule opening_char


@pytest.mark.parametrize("text, name", [
    ("8月3日上午,其丰新疆集团硅业公司年产20万吨多晶硅项目开工。", "其丰新疆集团硅业公司"),
    ("今年推进甲乙能源有限公司8万吨多晶硅、新疆其丰硅业有限公司5万吨多晶硅项目建设。", "新疆其丰硅业有限公司"),
    ("其丰集团规划建设年产20万吨工业硅项目。", "其丰集团"),
])
def test_a_brand_opening_with_a_function_character_keeps_it(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in companies(nlp, text), companies(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("该公司表示,其子公司丙丁锂业运营年产1万吨碳酸锂生产线。", "丙丁锂业"),
    ("大力推进其中甲乙硅业有限公司的多晶硅项目。", "甲乙硅业有限公司"),
])
def test_the_pronoun_its_stays_out_of_a_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, text)
    assert name in found and not any(c.startswith("其") for c in found), found


# ------------------------------------------------------------------ verbs glued before a name


@pytest.mark.parametrize("text, name", [
    ("5月6日,某冶集团中标甲乙盐湖有限公司一里坪1万吨碳酸锂项目。", "甲乙盐湖有限公司"),
    ("协调落实丙丁化工30万吨电石扩能项目建设条件。", "丙丁化工"),
    ("锁定戊己化工股份有限公司等领先企业对接争取。", "戊己化工股份有限公司"),
])
def test_a_verb_of_award_or_follow_through_is_not_part_of_the_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, text)
    assert name in found and not any(c.endswith(name) and c != name for c in found), found


@pytest.mark.parametrize("text, wrong", [
    ("其子公司已自建和运营年产1万吨碳酸锂生产线。", "运营"),
    ("某盐湖资源丰富,探明氯化钾、氯化镁资源储量均居首位。", "探明"),
    ("该公司不断优化工艺路线,新建30万吨再生铝项目。", "优化工"),
])
def test_a_deed_or_a_word_inside_a_longer_one_is_no_name(nlp, text: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(wrong in c for c in companies(nlp, text)), companies(nlp, text)


# ------------------------------------------------------------------ rule after_park


def test_a_park_in_words_before_a_registered_name_is_no_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "开工仪式在某某经济技术开发区丙丁工业园区甲乙能源股份有限公司年产30GW单晶拉棒生产项目现场举行。"
    assert "甲乙能源股份有限公司" in companies(nlp, text), companies(nlp, text)


def test_a_park_company_keeps_its_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "戊己开发区投资开发有限公司与对方签订合作协议。"
    assert not any(c.startswith("投资开发") for c in companies(nlp, text)), companies(nlp, text)


# ------------------------------------------------------------------ grades and routes before a product


@pytest.mark.parametrize("text, company, product", [
    ("吸引甲乙年产16万吨高能密度锂电材料、丙丁年产5万吨高精度铝板带等项目入驻。", "甲乙", "锂电材料"),
    ("吸引甲乙年产16万吨高能密度锂电材料、丙丁年产5万吨高精度铝板带等项目入驻。", "丙丁", "铝板带"),
    ("加快日产5000吨干法水泥等项目建设进度。", None, "水泥"),
])
def test_a_quality_or_a_kiln_route_is_dropped_from_the_product(text: str, company: str | None, product: str) -> None:
    assert (company, product) in [(c, p) for c, p, _ in rules_fired(text)], rules_fired(text)


# ------------------------------------------------------------------ rule per_unit, means


def test_a_consumption_per_unit_and_a_mean_are_no_projects() -> None:
    text = "甲乙铝业能耗低于同行:1吨铝消耗交流电13470千瓦时,低于国内平均13500千瓦时标准;1吨铝碳消耗447公斤。"
    assert rules_fired(text) == []


def test_a_project_beside_a_consumption_stays() -> None:
    text = "甲乙铝业新建30万吨再生铝项目,1吨铝消耗交流电13470千瓦时。"
    assert [(c, p) for c, p, _ in rules_fired(text)] == [("甲乙铝业", "再生铝")], rules_fired(text)


# ------------------------------------------------------------------ rule straddling_word


def test_a_policy_word_across_brand_and_ending_does_not_reject_a_registered_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“公司将新建30万吨再生铝项目。”4月6日,在某某工业园区,宁夏甲创新材料科技有限公司总经理助理张三介绍。"
    assert "宁夏甲创新材料科技有限公司" in companies(nlp, text), companies(nlp, text)


# ------------------------------------------------------------------ rule group_and_unit


def _evidence(doc: str) -> Evidence:
    return Evidence(doc_id=doc, sentence_index=0, sentence="句子。", sentence_start=0, sentence_end=3, orig_start=0,
                    orig_end=3, spans=(), headings=(), status_text=None, mode="reported")


def test_a_group_and_a_firm_of_its_brand_stay_two_companies() -> None:
    names = [("甲乙集团", _evidence("a")), ("甲乙能源(宁夏)有限公司", _evidence("a")), ("丙丁", _evidence("b")),
             ("丙丁硅业有限公司", _evidence("b"))]
    companies_, _ = resolve_companies(names)
    assert sorted(c.name for c in companies_) == ["丙丁硅业", "甲乙", "甲乙能源"], companies_


# ------------------------------------------------------------------ a phase's works, a coal unit


def test_a_phase_figure_before_the_works_and_a_tense_word_is_the_total_product() -> None:
    text = "目前,甲乙硅业公司年产40万吨高纯晶硅项目首期10万吨工程即将进入系统调试阶段。"
    assert [(c, p) for c, p, _ in rules_fired(text)] == [("甲乙硅业公司", "多晶硅")] * 2, rules_fired(text)


def test_a_coal_fired_unit_is_thermal_power() -> None:
    assert [p for _, p, _ in rules_fired("甲乙集团将配套建设660MW超超临界机组。")] == ["火电"]


# ------------------------------------------------------------------ rule listed_not_restated


def test_an_item_of_a_firmless_list_is_not_a_firms_project_of_the_same_figure() -> None:
    found = projects(extract_from("某基地正在建设年产20万吨多晶硅、40万吨有机硅等项目。",
                                  "今年,当地推进甲乙能源股份有限公司20万吨多晶硅项目建设。"))
    assert {(c, p) for c, p, _ in found} == {(None, "多晶硅"), (None, "有机硅"), ("甲乙能源", "多晶硅")}, found


# ------------------------------------------------------------------ rule listed_count, pieces


def test_a_count_ending_an_item_of_a_project_list_is_its_scale() -> None:
    text = "重点抓好丙丁公司5000台环卫设备、戊己公司6000吨钝化金属镁等9个项目。确保正某公司1亿块节能环保砖等7个项目年内建成投产。"
    found = [(c, p) for c, p, _ in rules_fired(text)]
    assert ("丙丁公司", "环卫设备") in found and ("正某公司", "节能环保砖") in found, found


def test_counts_of_machines_and_pieces_outside_a_project_list_stay_counts(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "首批20台风机已吊装,3块展板已布置,政协委员提案120件已办结。"
    assert rules_fired(text) == [] and companies(nlp, text) == [], companies(nlp, text)


# ------------------------------------------------------------------ rule purpose_phrase


def test_a_long_phrase_of_what_the_product_is_for_leaves_the_product() -> None:
    text = "甲乙集团公司年产10万吨动力锂离子电池用三元前驱体项目一期工程建成,开始投料试车。"
    # the whole project's figure and the first phase's status are two mentions (rule phase_of_total)
    assert {(c, p) for c, p, _ in rules_fired(text)} == {("甲乙集团公司", "三元前驱体")}, rules_fired(text)


# ------------------------------------------------------------------ a kind of energy business in a registered name


def test_a_registered_name_holding_a_kind_of_energy_business_is_a_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "甲乙市多能互补能源有限公司100MW光伏项目2#地块50MW已并网发电。"
    assert companies(nlp, text) == ["甲乙市多能互补能源有限公司"], companies(nlp, text)


def test_the_policy_phrase_stays_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "大力发展多能互补能源产业。") == []


def test_a_noun_opening_like_a_modal_starts_a_product_phrase() -> None:
    text = "甲乙市多能互补能源有限公司100MW可再生能源替代光伏项目已并网发电。"
    assert [(c, p) for c, p, _ in rules_fired(text)] == [("甲乙市多能互补能源有限公司", "光伏电站")], rules_fired(text)
