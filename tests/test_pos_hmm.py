"""The numpy search of :mod:`chainkg.reading.pos_hmm` finds jieba's own route and cut, on made-up runs of
characters: known and unknown to the model's tables, brands and firm-like names, one to a dozen letters."""

from __future__ import annotations

import random

import jieba.posseg
import pytest
from jieba.posseg.viterbi import viterbi

from chainkg.reading.pos_hmm import PosTokenizer, jieba_viterbi
from chainkg.reading.rejoin import segmenter

_COMMON = "岚峡澜沣锂业镁业硅业有限公司青海柴达木年产万吨项目开工建设投产签约新能源光伏储能电池材料碳酸钾盐湖化工集团股份"
_ANY = [chr(c) for c in range(0x4E00, 0x9FA5)]


def _runs(seed: int, count: int, longest: int, extra: str = "") -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_COMMON + extra) if rng.random() < 0.7 else rng.choice(_ANY)
                    for _ in range(rng.randint(1, longest))) for _ in range(count)]


def test_the_route_is_jieba_s_on_random_runs() -> None:
    p = jieba.posseg
    for run in _runs(16, 600, 12):
        assert jieba_viterbi().route(run) == tuple(viterbi(run, p.char_state_tab_P, p.start_P, p.trans_P,
                                                           p.emit_P)[1]), run


@pytest.mark.parametrize("seed", [1, 2])
def test_the_cut_is_jieba_s_words_and_tags(seed: int) -> None:
    tagger = PosTokenizer(jieba.posseg.dt)
    for text in _runs(seed, 150, 40, extra="，。、0123ABC "):
        assert [tuple(p) for p in tagger.cut(text)] == [tuple(p) for p in jieba.posseg.dt.cut(text)], text


def test_the_segmenter_shares_jieba_s_tables() -> None:
    """No second read of the word-tag file: the default tokenizer's dictionary and tags are the tagger's."""
    assert segmenter().tokenizer is jieba.posseg.dt.tokenizer
    assert segmenter().word_tag_tab is jieba.posseg.dt.word_tag_tab


def test_the_override_is_what_cuts() -> None:
    """jieba's cut reaches our search: a jieba that renamed ``__cut`` would make the tests above compare jieba with
    itself, so check the name and that a cut of a run never seen asks the search."""
    assert "_POSTokenizer__cut" in vars(jieba.posseg.POSTokenizer)
    search = jieba_viterbi()
    search.clear()
    list(segmenter().cut("岚峡澜沣投产"))
    assert search._cached_route.cache_info().misses > 0


def test_a_rebound_tag_table_is_seen_by_both() -> None:
    """jieba.posseg.initialize (or any load of the tags) rebinds the table: the tagger reads the base's, not a copy."""
    base = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    base.tokenizer, base.word_tag_tab = jieba.posseg.dt.tokenizer, {"岚峡": "nt"}
    tagger = PosTokenizer(base)
    base.word_tag_tab = {"澜沣": "nt"}
    assert tagger.word_tag_tab == {"澜沣": "nt"}
    tagger.word_tag_tab = {"某某": "nt"}
    assert base.word_tag_tab == {"某某": "nt"}


def test_long_runs_are_searched_not_remembered() -> None:
    search = jieba_viterbi()
    search.clear()
    run = "岚峡澜沣" * 10
    assert search.route(run) == search.route(run)
    assert search._cached_route.cache_info().currsize == 0
