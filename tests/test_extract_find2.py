"""Builders the company finder does not find (issue 16, docs/extraction.md "Builders the company finder does not
find"): each rule on sentences written here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.nlp import shared_pipeline
from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


def companies(text: str) -> list[str]:
    return [s.text for s in shared_pipeline()(text).spans["company"]]


# ------------------------------------------------------------------ rule works_firm


@pytest.mark.parametrize("text, firm", [
    # a works before its figure, an item of a list of projects
    ("园区今年开工霁岚锂业有限公司年产1万吨碳酸锂项目、澄岭福利铁合金厂4×2.5万千伏安硅铁项目。", "澄岭福利铁合金厂"),
    # a works before a product's figure with a unit
    ("今年还有岚峰半导体材料厂500吨多晶硅扩建项目开工。", "岚峰半导体材料厂"),
])
def test_a_works_before_its_figure_is_a_firm(text: str, firm: str) -> None:
    assert firm in companies(text)


def test_a_works_builds_the_project_after_it() -> None:
    assert [c for c, _p, _f, _ph in found("今年还有岚峰半导体材料厂500吨多晶硅扩建项目开工。")] == ["岚峰半导体材料厂"]


@pytest.mark.parametrize("text", [
    "岚峰污水处理厂2万吨/日扩建工程开工。",  # a utility
    "园区建成澄岭分厂。",  # no figure or product after it
])
def test_a_plant_or_a_works_without_a_figure_is_no_firm(text: str) -> None:
    assert not any(c.endswith("厂") for c in companies(text))


def test_a_works_of_the_common_noun_is_no_firm() -> None:
    assert "岚峰光伏智能工厂" not in companies("岚峰光伏智能工厂200MW电池片项目投产。")


def test_a_groups_works_is_no_firm_of_its_own() -> None:
    assert "霁岚集团澄岭酒厂" not in companies("霁岚集团澄岭酒厂2万吨白酒项目开工。")


def test_a_works_name_starts_after_a_word_adding_one_more_work() -> None:
    assert "岚峰半导体材料厂" in companies("某市今年还有岚峰半导体材料厂500吨多晶硅扩建项目开工。")
