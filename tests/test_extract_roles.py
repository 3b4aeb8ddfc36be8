"""Which firm builds which project, by the firm's role (issue 16, docs/extraction.md "Which firm builds which
project (firm roles)"): each rule on sentences written here with made-up firms; no sentence of a corpus or a
page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import rules_fired
from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


# ------------------------------------------------------------------ rule joint_run


@pytest.mark.parametrize("text", [
    # three co-investors, a count word between the run and the verb of joint work
    "该项目由霁岚锂业有限公司、澄岭化工有限公司和岚峰矿业有限公司三家联合投资建设年产2万吨碳酸锂项目。",
    # an adverb between, the work in the next clause
    "霁岚锂业有限公司与澄岭化工有限公司将共同出资,合作建设年产2万吨碳酸锂项目。",
])
def test_the_first_of_firms_building_together_is_the_builder(text: str) -> None:
    assert [(c, rule.split("+")[1]) for c, _p, rule in rules_fired(text)] == [("霁岚锂业有限公司", "company_joint")]


def test_the_first_of_firms_building_together_is_carried_to_the_sentences_after() -> None:
    text = ("由霁岚锂业有限公司、澄岭化工有限公司、岚峰矿业有限公司联合投资建设的碳酸锂项目举行开工仪式。"
            "该项目分两期建设,一期工程年产碳酸锂5000吨。二期工程年产碳酸锂1万吨。")
    assert [c for c, _p, _f, _ph in found(text)] == ["霁岚锂业有限公司", "霁岚锂业有限公司"], found(text)


def test_the_first_of_firms_a_county_signs_with_builds_the_work_signed() -> None:
    text = "某县人民政府与霁岚锂业有限公司、澄岭化工有限公司年产2万吨碳酸锂项目成功签约。"
    assert [c for c, _p, _f, _ph in found(text)] == ["霁岚锂业有限公司"], found(text)


def test_the_first_of_firms_a_county_signs_with_is_carried() -> None:
    text = ("某县人民政府与霁岚锂业有限公司、澄岭化工有限公司签约。"
            "签约企业将在县内投资建设年产2万吨碳酸锂项目。")
    assert [c for c, _p, _f, _ph in found(text)] == ["霁岚锂业有限公司"], found(text)


@pytest.mark.parametrize("text, firm", [
    # no verb of joint work and no signing party: the firm right before the figure
    ("霁岚锂业有限公司、澄岭化工有限公司年产2万吨碳酸锂项目开工。", "澄岭化工有限公司"),
    # two firms signing with each other (no third party before the run): the signing lead is not the joint run's
    ("霁岚锂业有限公司与澄岭化工有限公司签约,澄岭化工有限公司将建设年产2万吨碳酸锂项目。", "澄岭化工有限公司"),
    # a figure between the firms: two items, not a run
    ("霁岚锂业有限公司年产2万吨碳酸锂、澄岭化工有限公司年产3万吨烧碱项目合作推进。", "霁岚锂业有限公司"),
])
def test_firms_not_building_together_keep_their_own_works(text: str, firm: str) -> None:
    assert found(text)[0][0] == firm, found(text)


# ------------------------------------------------------------------ rule investor_not_carried


@pytest.mark.parametrize("text", [
    # the subject defined as a firm another invested in
    "霁岚锂业有限公司为澄岭集团投资的公司,计划总投资20亿元。项目分两期建设,一期年产碳酸锂1万吨。",
    # the owner, then its investor
    "项目业主变更为霁岚锂业有限公司,新业主由澄岭集团有限公司投资设立。该项目年产碳酸锂1万吨,已开工建设。",
    # the subject, then its parent named with 旗下
    "霁岚锂业有限公司是澄岭集团有限公司旗下的企业。项目年产碳酸锂1万吨,已开工建设。",
])
def test_an_investor_or_parent_is_not_the_firm_carried(text: str) -> None:
    assert [c for c, _p, _f, _ph in found(text)] == ["霁岚锂业有限公司"], found(text)


def test_shareholders_leave_the_firm_carried_before() -> None:
    text = ("霁岚锂业有限公司成立于2020年。其中,澄岭集团有限公司持股51%,岚峰投资有限公司参股49%。"
            "项目分两期建设,一期年产碳酸锂1万吨。")
    assert [c for c, _p, _f, _ph in found(text)] == ["霁岚锂业有限公司"], found(text)


def test_a_firm_named_last_without_an_investor_mark_is_still_carried() -> None:
    text = "澄岭集团有限公司与霁岚锂业有限公司签约。项目分两期建设,一期年产碳酸锂1万吨。"
    assert [c for c, _p, _f, _ph in found(text)] == ["霁岚锂业有限公司"], found(text)



# ------------------------------------------------------------------ rule builder_stated


@pytest.mark.parametrize("text, firm", [
    # a parent named with the figure, its unit stated as the builder in the next sentence
    ("霁岚集团公司年产5万吨正极材料项目一期建成投产。该项目由霁岚集团公司旗下的澄岭新材料有限公司实施。",
     "澄岭新材料有限公司"),
    # a neighbour named before, the builder stated after by 由…投资建设
    ("霁岚化工有限公司与澄岭锂能有限公司毗邻而建。年产2万吨碳酸锂项目近日开工。该项目由澄岭锂能有限公司投资建设。",
     "澄岭锂能有限公司"),
    # the builder stated by a label after the firm
    ("霁岚化工有限公司年产2万吨碳酸锂项目近日开工。澄岭锂能有限公司为项目业主。", "澄岭锂能有限公司"),
    # the builder stated by a label before the firm
    ("霁岚化工有限公司年产2万吨碳酸锂项目近日开工。项目建设单位为澄岭锂能有限公司。", "澄岭锂能有限公司"),
])
def test_a_builder_stated_in_the_next_sentence_builds_its_project(text: str, firm: str) -> None:
    assert {c for c, _p, _f, _ph in found(text)} == {firm}, found(text)


@pytest.mark.parametrize("text", [
    # no statement of the builder: a firm merely named after
    "霁岚化工有限公司年产2万吨碳酸锂项目近日开工。澄岭锂能有限公司董事长出席仪式。",
    # the sentence before states two products: which the statement refers to is unsaid
    "霁岚化工有限公司年产2万吨碳酸锂、5万吨硫酸钾项目开工。该项目由澄岭锂能有限公司投资建设。",
    # joined co-investors stated after: whose the figure is, unsaid (tests/test_extract_round7.py)
    "霁岚化工有限公司年产2万吨碳酸锂项目近日开工。该项目由澄岭锂能有限公司、岚峰矿业有限公司共同投资建设。",
    # the statement two sentences after, another sentence between
    "霁岚化工有限公司年产2万吨碳酸锂项目近日开工。仪式现场气氛热烈。该项目由澄岭锂能有限公司投资建设。",
])
def test_no_stated_builder_for_the_sentence_before_keeps_its_firm(text: str) -> None:
    assert {c for c, _p, _f, _ph in found(text)} == {"霁岚化工有限公司"}, found(text)


def test_a_label_in_the_next_item_of_a_list_is_that_items_builder() -> None:
    text = ("1.霁岚化工有限公司年产2万吨碳酸锂项目:去年建成投产。"
            "2.某镇30万千瓦风电项目:建设单位为澄岭新能源有限公司,年底并网。")
    assert [(c, p) for c, p, _f, _ph in found(text)] == [("霁岚化工有限公司", "碳酸锂"), ("澄岭新能源有限公司", "风电场")], found(text)


def test_a_statement_restating_the_project_gives_its_builder_to_both() -> None:
    text = ("9月1日,岚山20万吨正极材料产业园项目开工仪式举行。"
            "据悉,岚山20万吨正极材料产业园项目由澄岭新能源科技有限公司(简称:澄岭新能源)投资建设,总投资25亿元。")
    assert {c for c, _p, _f, _ph in found(text)} == {"澄岭新能源科技有限公司"}, found(text)
