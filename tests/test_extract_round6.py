"""Round 6 of the extraction rules (issue 16, docs/extraction.md "Round 6 (branch r6)"): each rule on
sentences written here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import text_mentions


def found(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(company, product, figure as written, phase) of every project mention of ``text``."""
    return [(m.company, m.product, m.capacity.text if m.capacity else None, m.phase) for m in text_mentions(text)]


# ------------------------------------------------------------------ rule spaced_of


@pytest.mark.parametrize("text", [
    "澄岭储能科技有限公司在园区建设20MW/40MWh 的储能设施。",
    "澄岭储能科技有限公司在园区建设20MW/40MWh的储能设施。",
    "澄岭储能科技有限公司计划新建20MW/40MWh 的储能电站项目。",
])
def test_a_space_between_a_paired_figure_and_its_of_keeps_the_product(text: str) -> None:
    assert found(text) == [("澄岭储能科技有限公司", "储能", "20MW/40MWh", None)], found(text)


def test_a_figure_of_no_work_is_still_no_project() -> None:
    assert found("澄岭储能科技有限公司今年完成20MW 的目标。") == []


# ------------------------------------------------------------------ rule line_capacity


@pytest.mark.parametrize("text, figure", [
    ("霁岚建材有限公司建设2条水泥熟料生产线,年生产能力120万吨。", "120万吨"),
    ("霁岚锂盐有限公司新建一条碳酸锂生产线，年产能为1.5万吨，预计年底投产。", "1.5万吨"),
])
def test_a_capacity_clause_sizes_the_line_before_it(text: str, figure: str) -> None:
    (company, product, written, _phase), = found(text)
    assert (product, written) in {("水泥熟料", figure), ("碳酸锂", figure)} and company is not None, found(text)


def test_a_revenue_clause_sizes_no_line() -> None:
    assert [w for _c, _p, w, _ph in found("霁岚锂盐有限公司建设碳酸锂生产线,年销售收入3亿元。")] == [None]


# ------------------------------------------------------------------ rule phase_investment


def test_a_second_phase_with_the_first_phases_figures_stays_its_own() -> None:
    text = ("霁岚硅业有限公司项目分两期实施,其中一期计划投资40亿元,建设年产2万吨多晶硅及配套6万吨工业硅项目;"
            "二期计划投资40亿元,建设年产2万吨多晶硅及配套6万吨工业硅项目。")
    assert [(p, ph) for _c, p, _w, ph in found(text)] == [
        ("多晶硅", "一期"), ("工业硅", "一期"), ("多晶硅", "二期"), ("工业硅", "二期")], found(text)


def test_a_phase_clause_with_more_than_its_investment_gives_no_phase() -> None:
    text = "霁岚硅业有限公司一期投资40亿元已建成投产,建设年产2万吨多晶硅。"
    assert [ph for _c, _p, _w, ph in found(text)] == [None], found(text)


# ------------------------------------------------------------------ rules contract_content, signing_lead


def test_every_item_of_a_contracts_content_takes_the_contracting_firm() -> None:
    text = "澄岭化工有限公司与承建单位签订了总承包合同。合同内容包括100万吨焦化工程、20万吨甲醇、10万吨合成氨工程。"
    assert [c for c, _p, _w, _ph in found(text)] == ["澄岭化工有限公司"] * 3, found(text)


def test_the_first_of_firms_signing_together_leads() -> None:
    text = ("澄岭化工有限公司、霁岚能源有限公司与承建单位签订了总承包合同。"
            "合同内容包括100万吨焦化工程、20万吨甲醇。")
    assert [c for c, _p, _w, _ph in found(text)] == ["澄岭化工有限公司"] * 2, found(text)


def test_a_list_after_a_sentence_without_a_contract_takes_no_firm_from_it() -> None:
    text = "澄岭化工有限公司今年产值增长。园区今年建设100万吨焦化、20万吨甲醇。"
    assert "澄岭化工有限公司" not in [c for c, _p, _w, _ph in found(text)][1:], found(text)
