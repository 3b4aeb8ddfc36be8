"""Extraction measured on the gold set: the targets of issue 3, and the scorer itself."""

from __future__ import annotations

import pytest

from chainkg.gold import gold_paths, seeds_dir
from chainkg.ingest.evaluate import EvalReport, Score, evaluate, format_report


@pytest.fixture(scope="module")
def report() -> EvalReport:
    if not gold_paths():
        pytest.skip("no gold files in data/eval/gold")
    if not seeds_dir().is_dir():
        pytest.skip(f"seed corpus not found at {seeds_dir()}")
    return evaluate(corpora=("seeds", "own"))  # never the holdout: a failing test would print its misses


def test_seed_targets(report: EvalReport) -> None:
    seeds = report.total("seeds")
    assert seeds["project"].f1 >= 0.95, format_report(report)
    assert seeds["company"].f1 >= 0.95, format_report(report)


def test_unseen_documents_target(report: EvalReport) -> None:
    own = report.total("own")
    assert own["project"].tp + own["project"].fn > 0, "no gold projects in our own documents"
    assert own["project"].f1 >= 0.85, format_report(report)


def test_report_lists_both_corpora_and_every_type(report: EvalReport) -> None:
    text = format_report(report)
    assert "== seeds" in text and "== own" in text
    for kind in ("company", "product", "project", "status"):
        assert kind in text


def test_a_set_left_out_is_neither_scored_nor_read(report: EvalReport) -> None:
    assert {d.corpus for d in report.documents} == {"seeds", "own"}
    assert "== holdout" not in format_report(report)


def test_a_found_name_matches_the_gold_name_without_its_legal_form() -> None:
    from chainkg.ingest.evaluate import GoldMatcher
    from chainkg.ingest.vocab import vocabulary

    gold = {"companies": [{"name": "某某气体", "aliases": ["某某气体"]}]}
    match = GoldMatcher(gold, {}, vocabulary(None))
    assert match.company(["某某气体公司"]) == match.company(["某某气体有限公司"]) == "某某气体"
    assert match.company(["某某气"]) is None


def test_score_arithmetic() -> None:
    s = Score(tp=8, fp=2, fn=0) + Score(tp=0, fp=0, fn=2)
    assert (s.precision, s.recall, s.f1) == (0.8, 0.8, 0.8)
    assert Score(0, 0, 0).f1 == 1.0
    assert Score(0, 3, 0).f1 == 0.0


def test_status_misses_list_only_disagreements(report: EvalReport) -> None:
    """A matched project without a status where the gold has none is correct: never a listed miss."""
    agreeing = [m for d in report.documents for m in d.misses.get("status", []) if m.endswith("gold None, found None")]
    assert agreeing == []
