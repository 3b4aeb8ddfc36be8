"""Status phrases on the ordered scale; the data file is consistent."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import heading_status
from chainkg.status import SCALE, best_status, rank, status_of, status_patterns


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("洽谈", "negotiating"), ("签约", "signed"), ("备案立项", "preparing"), ("前期工作", "preparing"),
        ("开工建设", "under_construction"), ("开复工", "under_construction"), ("加快推进", "under_construction"),
        ("有序推进", "under_construction"), ("稳步推进", "under_construction"), ("加快建设", "under_construction"),
        ("建成试产", "trial"), ("试车", "trial"), ("投料试产", "trial"),
        ("投产", "operating"), ("建成投用", "operating"), ("并网发电", "operating"),
    ],
)
def test_phrases_map_to_the_scale(phrase: str, key: str) -> None:
    assert status_of(phrase) == (key, rank(key))


def test_scale_is_ordered() -> None:
    ranks = [rank(k) for k in ("negotiating", "signed", "preparing", "under_construction", "trial", "operating")]
    assert ranks == sorted(ranks) == list(range(1, len(SCALE) + 1))
    assert rank(None) == 0


def test_most_advanced_of_phrases_stated_together() -> None:
    assert best_status(["试车", "试产"]) == ("trial", 5, "试车")
    assert best_status(["签约", "开工"]) == ("under_construction", 4, "开工")
    assert best_status(["研究", "讨论"]) is None


def test_every_pattern_is_a_status_row() -> None:
    rows = status_patterns()
    assert rows and all(r["label"] == "STATUS" and r["id"] in SCALE and r["pattern"] for r in rows)
    assert len({r["pattern"] for r in rows}) == len(rows), "a phrase is listed twice"


def test_heading_gives_status_but_not_weak_words() -> None:
    assert heading_status(("三、招商成果", "（一）已签约项目")) == ("signed", 2, "签约")
    assert heading_status(("二、对接洽谈项目",)) == ("negotiating", 1, "对接洽谈")
    assert heading_status(("产业基地建设稳步提升",)) is None
