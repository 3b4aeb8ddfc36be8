"""Normalizing newspaper-layout noise, on text we wrote in the seeds' style, with the char map checked."""

from __future__ import annotations

import unicodedata

from chainkg.ingest.normalize import Normalized, normalize
from chainkg.ingest.sentences import split_sentences


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
