"""Round 8 of the extraction rules (issue 16, docs/extraction.md "Round 8 (branch r8)"): each rule on
sentences written here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.nlp import shared_pipeline
from chainkg.ingest.extract import rules_fired
from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


# ------------------------------------------------------------------ name_edge_words: 届时, 下称, 单位


@pytest.mark.parametrize("text, firm", [
    ("项目明年投产,届时霁岚锂业有限公司将建成年产10万吨碳酸锂项目。", "霁岚锂业有限公司"),
    ("项目总承包单位霁岚工程有限公司建设年产30万吨合成氨项目。", "霁岚工程有限公司"),
])
def test_a_time_or_role_word_before_a_firm_is_no_part_of_its_name(text: str, firm: str) -> None:
    assert [c for c, _p, _f, _ph in found(text)] == [firm], found(text)


def test_the_word_of_a_definition_is_no_part_of_the_defined_name() -> None:
    doc = shared_pipeline()("省政府与北方澄岭投资有限公司(下称澄岭科技有限公司)签订协议。")
    names = [s.text for s in doc.spans["company"]]
    assert "澄岭科技有限公司" in names and not any(n.startswith("下称") for n in names), names


# ------------------------------------------------------------------ rule figure_tail


def test_a_years_mark_right_after_its_digits_is_no_part_of_a_firm() -> None:
    doc = shared_pipeline()("2025年澄岭化工集团生产钾肥80万吨。")
    assert [s.text for s in doc.spans["company"]] == ["澄岭化工集团"]


# ------------------------------------------------------------------ rule lead_builder


def test_a_leads_project_takes_the_builder_the_next_paragraph_opens_with() -> None:
    got = rules_fired("一个年产2万吨碳酸锂的项目近日在园区开工。\n据悉,该项目由澄岭锂业有限公司投资建设,计划总投资20亿元。")
    assert got == [("澄岭锂业有限公司", "碳酸锂", "capacity_product+lead_builder+status_after")], got


@pytest.mark.parametrize("text", [
    "年产2万吨碳酸锂项目近日在园区开工。\n当日,澄岭锂业有限公司举行了仪式。",  # the firm named, not as the builder
    "年产2万吨碳酸锂项目近日在园区开工。\n园区面积很大。\n据悉,该项目由澄岭锂业有限公司投资建设。",  # not the next paragraph
    "年产2万吨碳酸锂项目近日开工。\n据悉,该项目由澄岭锂业有限公司与岚峰化工有限公司共同建设。",  # two firms
])
def test_a_leads_project_keeps_no_firm_without_a_single_builder_right_after(text: str) -> None:
    assert [r[0] for r in rules_fired(text)] == [None], rules_fired(text)
