"""Which firm a project gets when its sentence names none but refers back to the project (issue 16,
docs/extraction.md "The project's builder, not the firm named last"): rule company_project on sentences written
here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import rules_fired
from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


# ------------------------------------------------------------------ rule company_project


@pytest.mark.parametrize("between", [
    "汀澜集团董事长王某、岚峰银行行长李某出席仪式。",  # guests
    "该项目由汀澜投资有限公司和岚峰国资公司共同出资。",  # investors stated after the project, no product
    "霁岚锂业是汀澜集团控股的企业。",  # the parent, named last
])
def test_a_phase_of_the_project_is_its_builders_not_the_firm_named_last(between: str) -> None:
    text = "霁岚锂业有限公司年产3万吨碳酸锂项目开工。" + between + "项目分两期建设,一期建设1万吨碳酸锂。"
    assert found(text)[-1] == ("霁岚锂业有限公司", "碳酸锂", "1万吨", "一期"), found(text)
    assert rules_fired(text)[-1][2].split("+")[1] == "company_project"


def test_the_project_referred_to_far_below_is_still_its_builders() -> None:
    text = ("霁岚锂业有限公司年产3万吨碳酸锂项目开工。该项目意义重大。各方高度重视。园区道路通畅。"
            "项目总投资20亿元,主要建设2万吨碳酸锂和1万吨氯化锂装置。")
    assert [c for c, *_ in found(text)] == ["霁岚锂业有限公司"] * 3, found(text)


@pytest.mark.parametrize("text", [
    # the sentence refers to a firm (该公司), not to the project: the firm named last
    "霁岚锂业有限公司年产3万吨碳酸锂项目开工。澄岭化工有限公司也来考察。该公司还将建设年产1万吨氯化锂项目。",
    # a sentence that goes on without referring to a project keeps the firm carried as before
    "霁岚锂业有限公司年产3万吨碳酸锂项目开工。澄岭化工有限公司今年产值增长。公司年产1万吨氯化锂项目开工建设。",
])
def test_a_firm_referred_to_is_the_firm_named_last(text: str) -> None:
    assert found(text)[-1][0] == "澄岭化工有限公司", found(text)


@pytest.mark.parametrize("text, builder", [
    # a new firm's project becomes the project referred to
    ("霁岚锂业有限公司年产3万吨碳酸锂项目开工。澄岭化工有限公司年产2万吨氯化锂项目签约。"
     "项目分两期建设,一期建设1万吨氯化锂。", "澄岭化工有限公司"),
    # a firm named right before its work (no figure) is the builder of the next sentences
    ("澄岭管业有限公司年产6万吨管材项目投产。霁岚天然气有限公司焦炉煤气综合利用项目总投资10亿元。"
     "项目建成后可实现年产23万吨液化天然气。", "霁岚天然气有限公司"),
    # 与…签订了 is no work's name: the builder before stays
    ("澄岭管业有限公司年产6万吨管材项目开工。霁岚天然气有限公司与施工单位签订了项目合同。"
     "项目建成后可实现年产8万吨管材。", "澄岭管业有限公司"),
    # an owner changed to a firm (项目业主变更为) states the builder
    ("澄岭矿业有限公司年产3000吨多晶硅项目备案。后该项目业主变更为霁岚硅业有限公司。"
     "该项目位于某县,年产多晶硅3000吨。", "霁岚硅业有限公司"),
    # a quote's project is the speaker's, not the builder before
    ("澄岭管业有限公司年产6万吨管材项目开工。霁岚氢能有限公司建设的光伏项目也已开工。\n"
     "“该项目建成后,将年产1万吨绿氢。”\n王某说。", "霁岚氢能有限公司"),
])
def test_the_builder_the_next_sentences_refer_to(text: str, builder: str) -> None:
    assert found(text)[-1][0] == builder, found(text)
