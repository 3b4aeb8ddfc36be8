"""Sentence splitting and heading paths, on text we wrote in the styles of reports and news features."""

from __future__ import annotations

from chainkg.reading.normalize import normalize
from chainkg.reading.sentences import sentence_bounds, split_sentences

REPORT = """某县政府工作报告

一、2024年工作回顾

(一)产业发展稳中有进。某锂业公司年产4.5万吨碳酸锂项目建成投产,全年产值增长12.5%!园区新增企业8家;

（二）民生保障更加有力。新增就业1.2万人。

二、2025年重点任务

(一)做强特色产业。推进两个重点项目。

加快新材料产业发展。某公司年产2万吨氯化锂项目开工建设。力争年内投产。

培育光伏制造产业。引进组件企业一家。

**保障措施**

他说:"抓项目就是抓发展。"全年签约项目十个。
"""


def sentences_of(text: str):
    return list(split_sentences(normalize(text), text))


def test_split_on_chinese_marks_never_inside_numbers() -> None:
    text = '某公司年产4.5万吨,增长12.5%!新增企业8家;产值1.2亿元?他说:"好。"随后签约。'
    pieces = [text[a:b] for a, b in sentence_bounds(text)]
    assert pieces == ["某公司年产4.5万吨,增长12.5%!", "新增企业8家;", "产值1.2亿元?", '他说:"好。"', "随后签约。"]


def test_full_width_marks_and_closing_quotes() -> None:
    text = "园区提出“先建后补。”企业积极响应！真的吗？是的；明年再议"
    assert [text[a:b] for a, b in sentence_bounds(text)] == ["园区提出“先建后补。”", "企业积极响应！", "真的吗？", "是的；", "明年再议"]


def test_heading_paths_of_a_report() -> None:
    by_text = {s.text: s for s in sentences_of(REPORT)}
    title = "某县政府工作报告"
    review, tasks = "一、2024年工作回顾", "二、2025年重点任务"
    assert by_text[title].headings == (title,) and by_text[title].flags == ("heading",)
    assert by_text["某锂业公司年产4.5万吨碳酸锂项目建成投产,全年产值增长12.5%!"].headings == (
        title, review, "(一)产业发展稳中有进")
    assert by_text["新增就业1.2万人。"].headings == (title, review, "（二）民生保障更加有力")
    assert by_text["推进两个重点项目。"].headings == (title, tasks, "(一)做强特色产业")
    assert by_text["某公司年产2万吨氯化锂项目开工建设。"].headings == (
        title, tasks, "(一)做强特色产业", "加快新材料产业发展")
    assert by_text["引进组件企业一家。"].headings == (title, tasks, "(一)做强特色产业", "培育光伏制造产业")
    # an unnumbered standalone or bold line ranks above numbered headings: it closes them
    assert by_text["全年签约项目十个。"].headings == (title, "保障措施")
    headings = [s.text for s in by_text.values() if "heading" in s.flags]
    assert headings == [title, review, "(一)产业发展稳中有进。", "（二）民生保障更加有力。", tasks, "(一)做强特色产业。",
                        "加快新材料产业发展。", "培育光伏制造产业。", "保障措施"]


FEATURE = """高原小城的新能源之路

去年以来,某市新开工光伏项目六个,总投资超过九十亿元。

风光储一体化加速推进

某能源公司建设的储能电站已经并网。当地还计划配套建设制氢项目。

老工业基地焕发生机

传统企业纷纷转型。
"""


def test_article_sub_headings_are_short_standalone_lines() -> None:
    sentences = sentences_of(FEATURE)
    assert [s.text for s in sentences if "heading" in s.flags] == ["高原小城的新能源之路", "风光储一体化加速推进", "老工业基地焕发生机"]
    assert sentences[1].headings == ("高原小城的新能源之路",)
    assert sentences[3].headings == ("高原小城的新能源之路", "风光储一体化加速推进")
    assert sentences[-1].headings == ("高原小城的新能源之路", "老工业基地焕发生机")
    for s in sentences:
        assert s.text == normalize(FEATURE).text[s.start : s.end]
        assert FEATURE[s.orig_start : s.orig_end] == s.text
