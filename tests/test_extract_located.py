"""Firm boundaries read on the spent holdouts 3 to 7 (issue 16, docs/extraction.md "Places that open a firm's
name"): rules located_firm and legal_tail, on sentences written here with made-up firms and places; no sentence
of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.nlp import shared_pipeline

from tests.test_extract_round6 import found  # (company, product, figure as written, phase) of each mention


def _firms(text: str) -> list[str | None]:
    return [company for company, _p, _f, _ph in found(text)]


# ------------------------------------------------------------------ rule located_firm


@pytest.mark.parametrize("text, firm", [
    ("会议在岚峰县召开,澄岭县汀澜化学年产5万吨纯碱项目开工建设。", "汀澜化学"),
    ("岚峰市汀澜能源公司年产10万吨碳酸锂项目投产。", "汀澜能源公司"),
])
def test_a_county_or_city_before_an_unregistered_name_is_where_the_firm_is(text: str, firm: str) -> None:
    assert _firms(text) == [firm], found(text)


@pytest.mark.parametrize("text, firm", [
    ("澄岭县汀澜文旅发展有限公司年产10万吨碳酸锂项目投产。", "澄岭县汀澜文旅发展有限公司"),  # registered: the name holds
    ("汀澜上市公司年产10万吨碳酸锂项目投产。", "汀澜上市公司"),  # 上市 names no city
])
def test_a_registered_name_or_a_word_in_shi_keeps_its_whole_name(text: str, firm: str) -> None:
    assert _firms(text) == [firm], found(text)


# ------------------------------------------------------------------ rule legal_tail


@pytest.mark.parametrize("text", [
    "澄岭中大铝型材有限公司年产5万吨铝型材项目投产。",
    "岚峰中大铝型材有限公司5万吨铝型材项目开工。",
])
def test_the_tail_of_a_refused_legal_name_is_no_brand(text: str) -> None:
    """The whole name is refused by its shape (型, a one-letter word, inside: a known limit); what is
    left of its legal ending (限公司) is no brand of its own."""
    doc = shared_pipeline()(text)
    assert [s.text for s in doc.spans["company"]] == [], [s.text for s in doc.spans["company"]]
    assert _firms(text) == [None], found(text)
