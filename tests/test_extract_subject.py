"""The document's subject firm and the rules of the same round (issue 16, docs/extraction.md,
"Structural rules, round 3 (issue 16): the subject firm"), each tested on texts written here with
made-up firms: no sentence of a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import rules_fired
from chainkg.ingest.subject import quoted_firms, subject_firm

FILLER = "天气晴朗，道路宽阔。\n记者在工地看到机器轰鸣。\n"  # sentences that name nothing, past the look-back


def company_rule(rule: str) -> str:
    return rule.split("+")[1]


# ------------------------------------------------------------------ what the subject is


def test_the_headline_firm_is_the_subject_though_the_lead_names_another() -> None:
    text = ("澜汐锂业新基地奠基\n近日，汀澜化工有限公司总经理来园区考察。\n" + FILLER
            + "\n位于园区东侧的年产2万吨碳酸锂项目开工建设。")
    assert [(c, company_rule(r)) for c, _, r in rules_fired(text)] == [("澜汐锂业", "document_subject")]


def test_the_firm_whose_officer_is_quoted_is_the_subject_of_the_sentences_before() -> None:
    text = ("年产2万吨碳酸锂项目在园区开工建设。\n汀澜化工有限公司也来园区考察。\n"
            "“项目预计年底投产。”澜汐锂业有限公司总经理王某说。")
    assert [(c, company_rule(r)) for c, _, r in rules_fired(text)] == [("澜汐锂业有限公司", "document_subject")]


def test_a_quote_closing_the_sentence_before_still_quotes_the_officer() -> None:
    sentences = [("“项目预计年底投产。”", False, []),
                 ("澜汐锂业有限公司规划部主任王某介绍。", False, [("澜汐锂业有限公司", 0, 8, "shape")]),
                 ("汀澜化工也来考察。", False, [("汀澜化工", 0, 4, "shape")])]
    assert subject_firm(sentences) == ("澜汐锂业有限公司", "quoted")


def test_a_firm_beside_a_quote_without_an_officer_is_not_quoted() -> None:
    assert quoted_firms("“主体年底完工。”澜汐建工有限公司技术员王某说。", [("澜汐建工有限公司", 8, 16, "shape")]) == []
    assert quoted_firms("澜汐锂业有限公司总经理王某出席仪式。", [("澜汐锂业有限公司", 0, 8, "shape")]) == []


def test_the_firm_named_most_is_the_subject_and_its_longest_name_is_written() -> None:
    text = ("澜汐锂业有限公司成立于2020年。\n澜汐锂业去年营收增长。\n汀澜化工也来园区考察。\n" + FILLER
            + "澜汐锂业员工超过千人。\n\n该一体化项目计划建成年产2万吨碳酸锂、1万吨氯化锂项目。")
    assert {(c, company_rule(r)) for c, _, r in rules_fired(text)} == {("澜汐锂业有限公司", "document_subject")}


def test_two_firms_named_alike_make_no_subject() -> None:
    text = ("澜汐锂业有限公司成立于2020年。\n汀澜化工有限公司成立于2021年。\n" + FILLER
            + "\n该一体化项目计划建成年产2万吨碳酸锂项目。")
    assert [(c, company_rule(r)) for c, _, r in rules_fired(text)] == [(None, "company_none")]


@pytest.mark.parametrize("firms, subject", [
    ([[("澜汐锂业", 0, 4, "shape")], [("澜汐锂业", 0, 4, "shape")], [("一车间", 0, 3, "position")],
      [("二车间", 0, 3, "position")], [("三车间", 0, 3, "position")]],
     ("澜汐锂业", "dominant")),  # names found only by position do not count
    ([[("澜汐锂业", 0, 4, "shape")]], None),  # a firm named once is no subject: it may be one the text only mentions
    ([[("澜汐锂业有限公司", 0, 8, "shape")], [("青海澜汐锂业", 0, 6, "shape")], [("汀澜化工", 0, 4, "shape")]], None),
    ([[("澜汐锂业有限公司", 0, 8, "shape"), ("汀澜化工", 9, 13, "shape")], [("澜汐锂业", 0, 4, "shape")],
      [("青海澜汐锂业", 0, 6, "shape")]], ("澜汐锂业有限公司", "dominant")),  # three sentences to one: two names of one firm
    ([], None),
])
def test_the_dominant_firm(firms, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_firm([("某句。", False, f) for f in firms]) == subject


def test_a_government_report_of_many_firms_has_no_subject() -> None:
    text = ("一、重点项目\n澜汐锂业有限公司年产2万吨碳酸锂项目开工。\n汀澜化工有限公司年产1万吨硝酸锶项目投产。\n"
            "岚峰硅业有限公司年产5万吨工业硅项目签约。\n" + FILLER + "\n某镇年产3万吨石英砂项目开工建设。")
    assert rules_fired(text)[-1][0] is None


# ------------------------------------------------------------------ how the subject is used


def test_company_in_a_text_about_one_firm_is_that_firm() -> None:
    text = ("澜汐锂业有限公司成立于2020年。\n澜汐锂业去年营收增长。\n汀澜化工也来园区考察。\n" + FILLER
            + "澜汐锂业员工超过千人。\n" + FILLER + "公司还将建设年产1万吨氯化锂项目。")
    assert [(c, company_rule(r)) for c, _, r in rules_fired(text)] == [("澜汐锂业有限公司", "company_document")]


def test_a_firm_named_in_the_sentence_is_never_replaced_by_the_subject() -> None:
    text = "澜汐锂业新基地奠基\n" + FILLER + "\n汀澜化工有限公司年产1万吨硝酸锶项目投产。"
    assert [c for c, _, _ in rules_fired(text)] == ["汀澜化工有限公司"]


def test_a_restated_project_keeps_the_firm_that_stated_it() -> None:
    text = ("澜汐锂业新基地奠基\n汀澜化工有限公司年产1万吨硝酸锶项目投产。\n" + FILLER + FILLER
            + "\n年产1万吨硝酸锶项目分两期建设。")
    assert [c for c, p, _ in rules_fired(text) if p == "硝酸锶"] == ["汀澜化工有限公司", "汀澜化工有限公司"]


# ------------------------------------------------------------------ 分别 in groups, bare list items


def test_firms_before_respectively_pair_with_groups_of_items() -> None:
    text = "澜汐锂业、汀澜化工分别建成年产1万吨氯化锂联产2万吨硼酸和一期3万吨氯化锂联产4万吨硼酸生产线,岚峰硅业年产5万吨工业硅项目投产。"
    assert [r[:2] for r in rules_fired(text)] == [("澜汐锂业", "氯化锂"), ("澜汐锂业", "硼酸"), ("汀澜化工", "氯化锂"),
                                                  ("汀澜化工", "硼酸"), ("岚峰硅业", "工业硅")]


def test_groups_that_do_not_match_the_firms_pair_nothing() -> None:
    text = "澜汐锂业、汀澜化工分别建成年产1万吨氯化锂、2万吨硼酸和3万吨碳酸锂生产线。"
    assert [c for c, _, r in rules_fired(text) if company_rule(r) == "company_respective"] == []


def test_a_bare_list_item_needs_a_figure_or_a_status() -> None:
    assert rules_fired("项目打通岚峰光伏、汀澜硅业单晶硅、澄岭化工金属锂全流程。") == []
    assert [r[:2] for r in rules_fired("岚峰光伏、汀澜硅业单晶硅、澄岭化工金属锂等项目加快建设。")][:1] == [("汀澜硅业", "单晶硅")]
    assert [r[:2] for r in rules_fired("园区引进了汀澜硅业单晶硅项目。")] == [("汀澜硅业", "单晶硅")]  # no list: kept
