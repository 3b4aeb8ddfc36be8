"""The trained decider for figure-less projects (issue 16 item 6, docs/extraction.md "A trained decider for
figure-less projects"): its candidates, their text and labels, training and the refusal of the untouched set.

Texts and firms made up here (澜汐锂业, 岚峡化工 are no real firms): no sentence of a page or corpus is copied.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import figless_decider as bench
from chainkg.errors import ChainkgError
from chainkg.gold import UNTOUCHED
from chainkg.ingest.figless_decider import (FIRM, RULE, candidates, marked_text, project_mention, read_config,
                                            rule_example, scores, train)
from chainkg.ingest.nlp import shared_pipeline
from chainkg.ingest.parallel import extract_mentions
from chainkg.ingest.train_data import ingest_text
from chainkg.templates import load_templates

TEXT = "澜汐锂业主要生产碳酸锂和氢氧化锂。岚峡化工年产3万吨碳酸锂项目开工建设。"


def _read() -> tuple[list, object]:
    document = replace(ingest_text(TEXT, "a.txt"), id="doc1")
    mentions = extract_mentions([document])
    return candidates([document], shared_pipeline(), mentions), mentions


def test_the_text_hides_the_firm_and_brackets_the_product() -> None:
    sentence = "一" * 30 + "澜汐锂业建设碳酸锂项目" + "二" * 40
    start = sentence.index("澜")
    got = marked_text(sentence, (start, start + 4), (start + 6, start + 9), before=5, after=3)
    assert got == "一" * 5 + FIRM + "建设〖碳酸锂〗项目二"
    assert marked_text("碳酸锂由澜汐锂业建设", (4, 8), (0, 3)) == "〖碳酸锂〗由" + FIRM + "建设"
    assert marked_text("建设碳酸锂项目", None, (2, 5)) == FIRM + "｜建设〖碳酸锂〗项目"


def test_candidates_are_the_unprojected_products_with_the_firm_before_them() -> None:
    found, mentions = _read()
    assert [(m.company, m.product) for m in mentions.projects] == [("岚峡化工", "碳酸锂")]
    assert [(c.company, c.product, c.evidence.sentence_index) for c in found] == [
        ("澜汐锂业", "碳酸锂", 0), ("澜汐锂业", "氢氧化锂", 0)]
    assert found[0].text == FIRM + "主要生产〖碳酸锂〗和氢氧化锂。"


def test_a_firm_named_before_the_sentence_is_the_candidates_firm() -> None:
    document = replace(ingest_text("澜汐锂业召开年会。会上表示将建设氢氧化锂生产线。", "b.txt"), id="doc2")
    found = candidates([document], shared_pipeline(), extract_mentions([document]))
    assert [(c.company, c.product, c.text.startswith(FIRM + "｜")) for c in found] == [("澜汐锂业", "氢氧化锂", True)]


def test_a_rule_mention_without_figure_is_a_training_text() -> None:
    document = replace(ingest_text("澜汐锂业碳酸锂项目开工建设。", "c.txt"), id="doc3")
    mention = extract_mentions([document]).projects[0]
    example = rule_example(mention, "c.txt")
    assert (example.company, example.product, example.text) == ("澜汐锂业", "碳酸锂", FIRM + "〖碳酸锂〗项目开工建设。")


def test_a_decided_candidate_is_a_figure_less_mention_of_its_rule() -> None:
    m = project_mention(_read()[0][1])
    assert (m.company, m.product, m.capacity, m.rule, m.evidence.rule) == ("澜汐锂业", "氢氧化锂", None, RULE, RULE)
    assert [s.kind for s in m.evidence.spans] == ["company", "product"]


def test_labels_follow_the_gold_rows_without_a_figure() -> None:
    found, _ = _read()
    gold = {"companies": [{"name": "澜汐锂业", "aliases": ["澜汐锂业"], "spans": [[0, 4]]}],
            "projects": [{"company": "澜汐锂业", "product": "氢氧化锂", "capacity": None},
                         {"company": "澜汐锂业", "product": "碳酸锂",
                          "capacity": {"base_value": 1, "base_unit": "t"}}]}
    assert bench.labels_of(found, gold, load_templates(), {}) == [False, True]


def test_training_learns_and_refuses_one_label() -> None:
    texts = [FIRM + "正在建设〖碳酸锂〗项目", FIRM + "主要生产〖碳酸锂〗产品"] * 20
    nlp = train(texts, [True, False] * 20)
    yes, no = scores(nlp, texts[:2])
    assert yes > 0.5 > no
    with pytest.raises(ChainkgError, match="both labels"):
        train(texts[:2], [True, True])


def test_a_bad_config_is_named(tmp_path: Path) -> None:
    with pytest.raises(ChainkgError, match="missing.cfg"):
        read_config(tmp_path / "missing.cfg")


def test_the_untouched_holdout_is_never_read(tmp_path: Path) -> None:
    with pytest.raises(ChainkgError, match=UNTOUCHED[0]):
        bench.read_set(UNTOUCHED[0], load_templates(), {}, tmp_path)
    assert UNTOUCHED[0] not in bench.SPENT
