"""Normalizing newspaper-layout noise, on text we wrote in the seeds' style, with the char map checked."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from chainkg.reading.normalize import Normalized, normalize
from chainkg.reading.sentences import split_sentences


def same_char(normalized: str, original: str) -> bool:
    """A normalized character and the original one it maps to agree (up to width, dash, whitespace)."""
    if normalized.isspace():
        return original.isspace()
    return unicodedata.normalize("NFKC", original) == normalized or (normalized, original) == ("-", "一")


def assert_map_exact(norm: Normalized, original: str) -> None:
    assert len(norm.offsets) == len(norm.text)
    for char, offset in zip(norm.text, norm.offsets):
        assert same_char(char, original[offset]), (char, original[offset])


def paragraphs(norm: Normalized) -> list[str]:
    return [norm.text[p.start : p.end] for p in norm.paragraphs]


def test_spaces_inside_words_and_numbers_go_english_words_stay() -> None:
    original = "某园区完成年度任 务,52 项工程累计投资 87.6 亿元,印发\"1+ 5\"文件,落实资金 300 万 元,建成 4A 级景区。对技术改造 and 人才引进给予奖励。It is  a test."
    norm = normalize(original)
    assert norm.text == (
        "某园区完成年度任务,52项工程累计投资87.6亿元,印发\"1+5\"文件,落实资金300万元,建成4A级景区。"
        "对技术改造 and 人才引进给予奖励。It is a test."
    )
    assert_map_exact(norm, original)


def test_full_width_digits_and_letters_become_half_width() -> None:
    original = "\u3000\u3000某企业建成ＡＢＣ线路,年产１２．５万吨,增长８％。"
    norm = normalize(original)
    assert norm.text == "某企业建成ABC线路,年产12.5万吨,增长8%。"
    assert_map_exact(norm, original)
    assert original[norm.offsets[norm.text.index("12.5")]] == "１"


def test_dash_only_where_clearly_a_dash() -> None:
    original = "甲城一乙镇一丙湾330千伏线路建成,进一步统一一批标准,落实\"一企一策\"。"
    norm = normalize(original)
    assert norm.text.startswith("甲城-乙镇-丙湾330千伏")
    assert "进一步统一一批标准" in norm.text and "\"一企一策\"" in norm.text
    assert_map_exact(norm, original)


def test_page_jump_marks_dropped_and_flagged() -> None:
    original = "(上接二版)已经全部完成。新的一年继续推进。\n\n园区项目全部开工。\n\n(下转六版)\n"
    norm = normalize(original)
    assert paragraphs(norm) == ["已经全部完成。新的一年继续推进。", "园区项目全部开工。"]
    assert norm.paragraphs[0].cut_start and not norm.paragraphs[1].cut_start
    sentences = list(split_sentences(norm, original))
    assert [s.flags for s in sentences] == [("cut",), (), ()]
    for s in sentences:
        assert all("接" not in original[a:b] and "转" not in original[a:b] for a, b in s.orig_spans)


def test_wrapped_lines_of_one_paragraph_are_joined() -> None:
    original = (
        "一、总体情况\n"
        "今年以来,某工业园区围绕锂电材料\n"
        "和光伏制造两条产业链招商,签约项\n"
        "目十二个。\n"
        "下一步将继续推进。\n"
    )
    norm = normalize(original)
    assert paragraphs(norm) == ["一、总体情况", "今年以来,某工业园区围绕锂电材料和光伏制造两条产业链招商,签约项目十二个。", "下一步将继续推进。"]
    assert_map_exact(norm, original)


COLUMNS = (
    "一、园区建设\n\n"
    "园区全年引进项目二十个,其中储能电池项目五个,带动就业两千人,缓解了本地人才资\n\n"
    "源不足的问题。\n\n"
    "二、存在问题\n\n"
    "部分企业反映,物流成本偏高,原材料供应不稳定,特别是高纯碳\n\n"
    "(一)物流成本。运输距离远,运价偏高。\n\n"
    "酸锂的供应受制于上游产能。\n\n"
    "此外,园区配套设施仍显不足,污水处理能力有待提\n\n"
    "同时,园区将加快道路建设。\n\n"
    "全年目标全部完成,迎来\n\n"
    "(二)用工问题。技术工人不足。\n\n"
    "新的发展阶段!\n"
)


def test_paragraphs_cut_at_column_breaks() -> None:
    norm = normalize(COLUMNS)
    texts = paragraphs(norm)
    # next paragraph goes on mid-word (人才资|源)
    assert "缓解了本地人才资源不足的问题。" in texts[1]
    # a later paragraph bridges the cut word (高纯碳|酸锂), past a heading paragraph
    assert texts[3].endswith("特别是高纯碳酸锂的供应受制于上游产能。")
    # a stray single line further down goes on with the sentence (迎来|新的发展阶段!)
    assert texts[-2:] == ["全年目标全部完成,迎来新的发展阶段!", "(二)用工问题。技术工人不足。"]
    # "同时," opens anew, so the cut before it is kept and flagged
    assert "此外,园区配套设施仍显不足,污水处理能力有待提" in texts
    assert [p.cut_end for p in norm.paragraphs].count(True) == 1
    assert_map_exact(norm, COLUMNS)
    sentences = list(split_sentences(norm, COLUMNS))
    joined = [s for s in sentences if "joined" in s.flags]
    assert [s.text for s in joined] == [
        "园区全年引进项目二十个,其中储能电池项目五个,带动就业两千人,缓解了本地人才资源不足的问题。",
        "部分企业反映,物流成本偏高,原材料供应不稳定,特别是高纯碳酸锂的供应受制于上游产能。",
        "全年目标全部完成,迎来新的发展阶段!",
    ]
    assert len(joined[1].orig_spans) == 2
    first, second = joined[1].orig_spans
    assert COLUMNS[first[0] : first[1]].endswith("高纯碳") and COLUMNS[second[0] : second[1]].startswith("酸锂")
    assert [s.text for s in sentences if "cut" in s.flags] == ["此外,园区配套设施仍显不足,污水处理能力有待提"]


def test_markup_dropped_and_bold_line_marked() -> None:
    original = "## 第二部分\n\n**重点任务**\n\n(三)全面深化改革,不断增 **强发展活力**。用好改革这一招。"
    norm = normalize(original)
    assert paragraphs(norm) == ["第二部分", "重点任务", "(三)全面深化改革,不断增强发展活力。用好改革这一招。"]
    assert [p.markup for p in norm.paragraphs] == [2, 7, 0]
    heading = next(iter(split_sentences(norm, original)))
    assert heading.text == "第二部分"
    bold_inside = list(split_sentences(norm, original))[2]
    assert len(bold_inside.orig_spans) == 3
    assert all("*" not in original[a:b] for a, b in bold_inside.orig_spans)


# ------------------------------------------------------------------ tables and datelines


def test_table_cells_cut_by_tabs_wide_spaces_or_two_spaces_stay_apart() -> None:
    original = (
        "序号\t单位\t内容\t进度\n"
        "1\t某甲化工有限公司\t年产3万吨某某微粉\t完成设备安装,调试中\n"
        "2　某乙建材有限公司　年产8万平方米某某板　主体完工\n"
        "3  某丙农业有限公司  年产1万吨某某粉  厂房 封顶\n"
    )
    norm = normalize(original)
    assert paragraphs(norm) == [
        "序号\t单位\t内容\t进度",
        "1\t某甲化工有限公司\t年产3万吨某某微粉\t完成设备安装,调试中",
        "2\t某乙建材有限公司\t年产8万平方米某某板\t主体完工",
        "3\t某丙农业有限公司\t年产1万吨某某粉\t厂房封顶",
    ]
    assert_map_exact(norm, original)
    # the cell gap maps back to the whitespace it replaces
    gap = norm.text.index("\t", norm.text.index("某乙") - 2)
    assert original[norm.offsets[gap]] == "\u3000"


def test_rows_typed_with_single_spaces_join_a_table_with_as_many_cells() -> None:
    original = "1\t某甲有限公司\t某项目\t开工\n2 某乙有限公司 某项目 投产\n这是 一段 说明文字。"
    assert paragraphs(normalize(original)) == [
        "1\t某甲有限公司\t某项目\t开工", "2\t某乙有限公司\t某项目\t投产", "这是一段说明文字。"]


def test_single_spaces_without_a_table_still_go() -> None:
    """Newspaper layout noise: one space inside a word or a number is no cell gap."""
    norm = normalize("某园区完成年度任 务,52 项工程累计投资 87.6 亿元。\n2 项 工程 已经 开工。")
    assert "\t" not in norm.text
    assert norm.text == "某园区完成年度任务,52项工程累计投资87.6亿元。\n2项工程已经开工。"


def test_table_rows_are_not_rejoined_into_one_paragraph_nor_headings() -> None:
    norm = normalize("一、进展\n\n名称\t进度\n某甲项目\t开工\n某乙项目\t投产\n")
    assert paragraphs(norm) == ["一、进展", "名称\t进度", "某甲项目\t开工", "某乙项目\t投产"]
    sentences = list(split_sentences(norm, "一、进展\n\n名称\t进度\n某甲项目\t开工\n某乙项目\t投产\n"))
    assert [s.headings for s in sentences[1:]] == [("一、进展",)] * 3


def test_labelled_fields_and_bulleted_items_stay_on_their_own_lines() -> None:
    norm = normalize("公司名称：某某有限公司\n注册资本：3亿元\n●投资金额：约5亿元\n●风险提示：尚需审批\n")
    assert paragraphs(norm) == ["公司名称：某某有限公司", "注册资本：3亿元", "●投资金额：约5亿元", "●风险提示：尚需审批"]


@pytest.mark.parametrize("line, expected", [
    ("◆德令哈 上海某某科技有限公司签约。", "◆德令哈\t上海某某科技有限公司签约。"),
    ("◆格尔木　某某公司开工。", "◆格尔木\t某某公司开工。"),
    ("【格尔木】某某公司开工。", "【格尔木】某某公司开工。"),
    # negatives: the place goes on into a longer place, or the word is no place
    ("海西 州某某公司开工。", "海西州某某公司开工。"),
    ("德令哈 市某某公司开工。", "德令哈市某某公司开工。"),
    ("某某 公司开工。", "某某公司开工。"),
])
def test_a_place_opening_a_line_before_a_space_is_a_dateline(line: str, expected: str) -> None:
    norm = normalize(line)
    assert norm.text == expected
    assert_map_exact(norm, line)


def test_a_speakers_line_wrapped_inside_a_name_goes_on() -> None:
    text = "记者:下一步有何打算?\n岍某某:我们将加快推进青海岍澈光\n电科技有限公司年产3万吨光伏玻璃项目建设。\n注册资本:3亿元\n法定代表人:岍某"
    lines = normalize(text).text.split("\n")
    assert "岍某某:我们将加快推进青海岍澈光电科技有限公司年产3万吨光伏玻璃项目建设。" in lines
    assert "注册资本:3亿元" in lines and "法定代表人:岍某" in lines  # fields stay whole


def test_the_dictionary_read_from_jiebas_cache_is_the_one_jieba_loads() -> None:
    """``read_cached_dictionary`` (the cache read whole, issue 16) gives the words, frequencies, order and
    total jieba's own ``initialize`` gives, and leaves a tokenizer with a dictionary of its own alone."""
    import jieba

    from chainkg.reading.rejoin import read_cached_dictionary, word_tokenizer

    word_tokenizer()  # jieba's cache exists from here on
    ours, theirs = jieba.Tokenizer(), jieba.Tokenizer()
    read_cached_dictionary(ours)
    theirs.initialize()
    assert ours.initialized and ours.total == theirs.total
    assert list(ours.FREQ.items()) == list(theirs.FREQ.items())
    other = jieba.Tokenizer(str(Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)))
    read_cached_dictionary(other)
    assert not other.initialized
