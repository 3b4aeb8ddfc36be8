"""Rows for which no Project node was built (issue 16, docs/extraction.md "Rows with no node (branch rows)"):
each rule on sentences written here with made-up firms; no sentence of a corpus or a page is copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import rules_fired


def products(text: str) -> list[tuple[str | None, str]]:
    """(company, product) of every project mention of ``text``."""
    return [(company, product) for company, product, _rule in rules_fired(text)]


# ------------------------------------------------------------------ rule plant_name_cue


@pytest.mark.parametrize("text, expected", [
    ("汀澜水泥有限公司日产2500吨水泥熟料生产线及配套3000千瓦余热发电项目开工。",
     [("汀澜水泥有限公司", "水泥熟料"), ("汀澜水泥有限公司", "余热发电")]),
    ("澄岭化工有限公司间苯二酚生产项目(年产间苯二酚3万吨)", [("澄岭化工有限公司", "间苯二酚")]),
])
def test_a_plant_word_after_the_cue_names_a_plant_not_an_output(text: str, expected: list) -> None:
    assert products(text) == expected


@pytest.mark.parametrize("text", [
    "汀澜建材公司今年将生产80万吨水泥。",
    "澄岭化工有限公司去年累计生产间苯二酚3万吨。",
    "汀澜能源公司合计项目装机40万千瓦光伏。",  # a total before a work word stays a total
    "汀澜能源公司累计项目投产40万千瓦光伏电站。",
])
def test_the_cue_before_a_figure_still_reads_an_output(text: str) -> None:
    assert rules_fired(text) == [], rules_fired(text)
