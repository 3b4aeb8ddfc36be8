"""Round 7 of the extraction rules (issue 16, docs/extraction.md "Round 7 (branch r7)"): each rule on
sentences written here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import text_mentions


def found(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(company, product, figure as written, phase) of every project mention of ``text``."""
    return [(m.company, m.product, m.capacity.text if m.capacity else None, m.phase) for m in text_mentions(text)]


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
