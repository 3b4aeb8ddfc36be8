"""Products, figures and phases on the spent pages holdout (issue 16, docs/extraction.md, "The real pages,
holdout, first scoring", "Products, figures and phases"): each rule tested on sentences written here with
made-up firms; no sentence of a page is copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainkg.ingest.capacity import parse_capacity
from chainkg.ingest.extract import run_extraction, text_mentions
from chainkg.ingest.facts import ProjectMention
from chainkg.ingest.vocab import clean_product
from chainkg.reading.corpus import ingest_corpus


def read(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    """(company, product, capacity as written, phase) of every project mention of ``text``."""
    return [(m.company, m.product, m.capacity.text if m.capacity else None, m.phase) for m in text_mentions(text)]


def figure(text: str, product: str) -> ProjectMention:
    """The one mention of ``product`` in ``text``."""
    found = [m for m in text_mentions(text) if m.product == product]
    assert len(found) == 1, read(text)
    return found[0]


# ------------------------------------------------------------------ rule per_day_slash


@pytest.mark.parametrize("written, base", [("100t/d", 100.0), ("600吨/天", 600.0), ("1.2万吨/日", 12000.0)])
def test_a_figure_per_day_after_a_slash_is_a_daily_rate(written: str, base: float) -> None:
    cap = parse_capacity(written)
    assert cap is not None and (cap.base_value, cap.per_year, cap.period, cap.text) == (base, False, "day", written)


def test_a_daily_figure_makes_a_project_and_stays_daily_under_a_yearly_word() -> None:
    m = figure("澜汐玻璃有限公司年产600吨/天压延玻璃生产线项目开工。", "压延玻璃")
    assert (m.company, m.capacity.base_value, m.capacity.per_year) == ("澜汐玻璃有限公司", 600.0, False)
    assert read("甲乙黄金有限公司一期80t/d冶炼工程建成投产。") == [("甲乙黄金有限公司", "冶炼", "80t/d", "一期")]


def test_a_slash_word_in_letters_is_no_period() -> None:
    assert parse_capacity("8t/day").text == "8t" and parse_capacity("8t/day").period is None


# ------------------------------------------------------------------ vehicles counted


def test_vehicles_made_a_year_are_a_projects_scale_but_vehicles_sold_are_none() -> None:
    assert read("甲乙汽车有限公司年产3万辆新能源重卡项目开工。") == [("甲乙汽车有限公司", "新能源重卡", "年产3万辆", None)]
    assert read("今年全县销售汽车2万辆。") == []
    assert read("丙丁物流公司购置运输车辆40辆。") == []


# ------------------------------------------------------------------ rule built_output


def test_what_a_project_will_make_once_built_is_its_capacity() -> None:
    text = "澜汐化工有限公司某煤气综合利用项目开工。项目建成后可实现年产12万吨液化天然气。"
    assert read(text)[-1] == ("澜汐化工有限公司", "液化天然气", "年产12万吨", None)


def test_a_repeated_verb_of_output_after_a_once_built_clause_still_states_the_design() -> None:
    text = "澜汐镁业有限公司落户园区。该项目竣工后每年可生产10万吨金属镁,生产20万吨硅铁合金、50万吨兰炭。"
    found = read(text)
    assert ("澜汐镁业有限公司", "金属镁", "每年可生产10万吨", None) in found
    assert {p for _c, p, _f, _ph in found} == {"金属镁", "硅铁", "兰炭"}
    assert all(m.capacity.per_year for m in text_mentions(text))


@pytest.mark.parametrize("text", [
    "项目建成后每年可节约标准煤3万吨,减少二氧化碳排放8万吨。",
    "今年全市生产钾肥500万吨。",
    "甲乙钾肥有限公司去年生产氯化钾80万吨。",
])
def test_savings_and_outputs_stay_no_projects(text: str) -> None:
    assert read(text) == []


# ------------------------------------------------------------------ rules use_head_product, emphasis_word


def test_a_known_product_between_its_use_and_its_class_is_the_product() -> None:
    assert read("甲乙锂能年产8万吨锂电池磷酸铁锂正极材料项目开工。")[0][1] == "磷酸铁锂"


@pytest.mark.parametrize("text, product", [  # what it is for is no part of the product (rule head_product)
    ("丙丁新能源有限公司年产6万吨锂电池负极材料项目开工。", "负极材料"),
    ("澜汐储能有限公司年产2万吨全钒液流电池电解液项目开工。", "电解液"),
])
def test_a_class_after_what_it_is_for_is_the_product(text: str, product: str) -> None:
    assert read(text)[0][1] == product


@pytest.mark.parametrize("phrase, product", [
    ("钠离子电池关键正极材料", "钠离子电池正极材料"), ("汽车核心零部件", "汽车零部件"), ("高档涂料", "涂料"),
    ("中高档面料", "面料"),
])
def test_words_of_emphasis_and_market_grades_are_no_part_of_a_product(phrase: str, product: str) -> None:
    assert clean_product(phrase) == product


# ------------------------------------------------------------------ rules integrated_kinds, fed_work


@pytest.mark.parametrize("text, kinds", [
    ("甲乙新能源有限公司80万千瓦风光电一体化项目开工。", ["风电", "光伏"]),
    ("甲乙能源有限公司20万千瓦风光项目开工。", ["风电", "光伏"]),
    ("丙丁电力有限公司50万千瓦光热储一体化项目签约。", ["光热发电", "储能"]),
    ("戊己能源有限公司30万千瓦风光储一体化项目开工。", ["风电", "光伏", "储能"]),
])
def test_kinds_written_as_one_word_under_one_figure_are_a_project_each_without_figure(text: str, kinds: list[str]) -> None:
    found = text_mentions(text)
    assert [m.product for m in found] == kinds and all(m.capacity is None for m in found)


def test_kinds_of_their_own_keep_their_figure() -> None:
    assert read("丙丁能源有限公司100万千瓦源网荷储一体化项目开工。")[0][1:3] == ("源网荷储", "100万千瓦")
    assert read("甲乙能源有限公司70万千瓦风光互补项目并网。")[0][1:3] == ("风光互补", "70万千瓦")


def test_the_work_a_rated_plant_feeds_is_a_project_of_its_own() -> None:
    found = read("澜汐新能源有限公司20万千瓦风光制氢一体化示范项目获备案。")
    assert found == [("澜汐新能源有限公司", "风电", None, None), ("澜汐新能源有限公司", "光伏", None, None),
                     ("澜汐新能源有限公司", "绿氢", None, None)]
    found = read("澜汐新能源有限公司一期10万千瓦光伏制氢项目开工。")
    assert found == [("澜汐新能源有限公司", "光伏电站", "10万千瓦", "一期"), ("澜汐新能源有限公司", "绿氢", None, "一期")]


# ------------------------------------------------------------------ rule figure_of_work


def test_a_figure_of_a_named_work_after_de_takes_the_work_s_product() -> None:
    assert read("甲丙电力有限公司一期装机容量为30兆瓦的风电项目建成投运。") == [
        ("甲丙电力有限公司", "风电场", "30兆瓦", "一期")]
    assert read("甲丙锂业有限公司年产2万吨的碳酸锂项目开工。")[0][1:3] == ("碳酸锂", "年产2万吨")


@pytest.mark.parametrize("text", ["全县形成10万吨的产能。", "甲丙锂业有限公司具备年产3万吨的碳酸锂生产能力。",
                                  "甲丙锂业有限公司拥有5万吨的碳酸锂储备。"])
def test_a_figure_before_de_without_a_work_word_is_no_project(text: str) -> None:
    assert read(text) == []


# ------------------------------------------------------------------ rule stage_of_phase


def test_a_stage_of_a_phase_with_its_own_figure_is_a_project_of_that_phase() -> None:
    text = "岚澄新能源年产10万吨负极材料项目一期2万吨已投产,二期8万吨项目一阶段4万吨正在安装设备。"
    assert read(text) == [("岚澄新能源", "负极材料", "年产10万吨", None), ("岚澄新能源", "负极材料", "2万吨", "一期"),
                          ("岚澄新能源", "负极材料", "8万吨", "二期"), ("岚澄新能源", "负极材料", "4万吨", "二期")]


def test_a_stage_without_a_phase_before_it_is_no_phase_figure() -> None:
    assert [f for _c, _p, f, _ph in read("岚澄新能源年产10万吨负极材料项目第一阶段4万吨正在建设。")] == ["年产10万吨"]


# ------------------------------------------------------------------ traditional script, whole chain


TRADITIONAL = ("據悉,甲乙鋰業有限公司年產3萬噸電池級碳酸鋰項目已於上月正式開工建設。丙丁化工有限公司年產600噸/天浮法玻璃"
               "生產線項目簽約落戶園區。戊己新能源有限公司100萬千瓦風光電一體化基地項目開工。庚辛鎂業有限公司該項目竣工後"
               "每年可生產(chǎn)30萬噸金屬鎂。壬癸汽車有限公司年產5萬輛新能源汽車項目已經投產。甲丙光熱有限公司50兆瓦光熱項(xià")


def test_a_traditional_script_page_reads_like_a_simplified_one(tmp_path: Path) -> None:
    """Sentences, status verbs (開工, 簽約, 投產), units (萬噸, 噸/天, 萬千瓦, 萬輛) and a pinyin reading cut by
    the page's end, through ingestion and extraction."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "trad.txt").write_text(TRADITIONAL, encoding="utf-8")
    documents = ingest_corpus(tmp_path / "in", tmp_path / "out").documents
    assert len(documents[0].sentences) == 6
    found = [(m.company, m.product, m.capacity.base_value if m.capacity else None, m.status)
             for m in run_extraction(documents).mentions]
    assert found == [
        ("甲乙锂业有限公司", "碳酸锂", 30000.0, "under_construction"),
        ("丙丁化工有限公司", "平板玻璃", 600.0, "signed"),
        ("戊己新能源有限公司", "风电", None, "under_construction"),
        ("戊己新能源有限公司", "光伏", None, "under_construction"),
        ("庚辛镁业有限公司", "金属镁", 300000.0, found[4][3]),
        ("壬癸汽车有限公司", "新能源汽车", 50000.0, "operating"),
        ("甲丙光热有限公司", "光热电站", 50000000.0, None),
    ]


# ------------------------------------------------------------------ rules opening_phase, latin_multiplied, short_form_product


def test_a_phase_opening_an_earlier_clause_is_the_phase_of_the_figure_after_it() -> None:
    text = "岚澄新能源有限公司分期建设10万吨负极材料项目。其中,一期工程计划明年开工,建设年产3万吨负极材料。"
    assert [m.phase for m in text_mentions(text)] == [None, "一期"]


def test_a_phase_closing_a_clause_with_a_figure_of_its_own_is_not_carried() -> None:
    text = "岚澄新能源有限公司一期工程年产2万吨负极材料已投产,二期建设年产3万吨负极材料。"
    assert [m.phase for m in text_mentions(text)] == ["一期", "二期"]


@pytest.mark.parametrize("written, base, per_year", [("30万t/a", 300000.0, True), ("1万t", 10000.0, False),
                                                     ("10万kW", 1e8, False), ("2万kWh", 2e7, False)])
def test_a_multiplier_before_a_unit_in_letters(written: str, base: float, per_year: bool) -> None:
    cap = parse_capacity(written)
    assert cap is not None and (cap.base_value, cap.per_year) == (base, per_year)


def test_a_product_written_short_after_its_full_name_is_the_full_product() -> None:
    text = "岚澄新材料有限公司建设年产10万吨硅碳复合微粉项目,该公司已建成2万吨复合微粉项目。"
    assert [m.product for m in text_mentions(text)] == ["硅碳复合微粉"] * 2


def test_a_short_name_of_another_firm_s_product_is_not_taken() -> None:
    text = "岚澄新材料有限公司建设年产10万吨硅碳复合微粉项目,汀澜碳素有限公司建设2万吨复合微粉项目。"
    assert [m.product for m in text_mentions(text)] == ["硅碳复合微粉", "复合微粉"]


@pytest.mark.parametrize("text", ["甲乙能源开发有限公司拟新建25万千瓦地面光伏集中电站。",
                                  "甲乙能源有限公司10万千瓦集中式光伏电站项目开工。"])
def test_a_ground_mounted_centralized_plant_is_its_kind_of_generation(text: str) -> None:
    assert [m.product for m in text_mentions(text)] == ["光伏电站"]


# ------------------------------------------------------------------ rules code_gloss, nickname, chain_link


def test_a_code_in_letters_glued_after_a_product_restates_it() -> None:
    assert read("澜汐钠电有限公司布局1万吨复合磷酸焦磷酸铁钠NFPP产线。") == [
        ("澜汐钠电有限公司", "复合磷酸焦磷酸铁钠", "1万吨", None)]
    assert read("甲乙化工有限公司年产1万吨PVDF项目开工。")[0][1] == "PVDF"


def test_a_product_word_in_a_quoted_nickname_is_no_product() -> None:
    assert read("据了解,锂被誉为新能源金属和“白色石油”,是核心资源。") == []
    assert read("甲乙油田公司年产原油700万吨。")[0][1] == "原油"


def test_links_of_a_chain_of_industries_are_no_projects() -> None:
    assert read("建成后将是首个多晶硅—单晶切片—电池组件和光伏玻璃—光伏发电一体化产业园区。") == []
    assert read("甲乙光伏有限公司电池组件项目开工。") == [("甲乙光伏有限公司", "光伏组件", None, None)]


# ------------------------------------------------------------------ rule summed_parts


def test_the_parts_of_a_sum_in_one_unit_are_a_project_each() -> None:
    found = text_mentions("甲乙盐湖集团2+3万吨碳酸锂项目已经启动。")
    assert [(m.company, m.product, m.capacity.base_value) for m in found] == [
        ("甲乙盐湖集团", "碳酸锂", 20000.0), ("甲乙盐湖集团", "碳酸锂", 30000.0)]


@pytest.mark.parametrize("written, value", [("3万吨", 30000.0), ("2×66万千瓦", 1.32e9), ("30-50万吨", 300000.0)])
def test_a_figure_that_is_no_sum_stays_one(written: str, value: float) -> None:
    from chainkg.ingest.capacity import summed_parts
    assert [c.base_value for c in summed_parts(parse_capacity(written))] == [value]


# ------------------------------------------------------------------ rule phase_product


def test_a_phase_s_known_product_without_figure_is_the_phase_project_of_the_firm_before() -> None:
    text = ("澜汐化工有限公司焦炉煤气综合利用项目总投资8亿元。项目建成后可实现年产10万吨液化天然气,"
            "计划2011年11月一期液化天然气装置投产,2012年二期乙烯和液化气项目投产。")
    found = [(c, p, f, ph) for c, p, f, ph in read(text) if f is None]
    assert found == [("澜汐化工有限公司", "液化天然气", None, "一期"), ("澜汐化工有限公司", "液化石油气", None, "二期")]


@pytest.mark.parametrize("text", [
    "甲乙新能源科技有限公司签署投资协议。某某区计划首期光伏项目今年上半年开工。",
    "甲乙新能源科技有限公司签署投资协议。一期光伏10万千瓦项目今年开工。",
])
def test_a_phase_after_a_subject_or_with_a_figure_is_not_the_phase_product_rule(text: str) -> None:
    assert all("phase_product" not in m.rule for m in text_mentions(text))


def test_time_words_open_no_name() -> None:
    text = "澜汐化工有限公司某项目总投资8亿元。后年二期甲醇项目投产。"
    assert "后年" not in {c for c, _p, _f, _ph in read(text)}


def test_a_generating_system_is_the_plant_but_a_storage_system_is_a_product() -> None:
    assert clean_product("光伏发电系统") == "光伏发电" and clean_product("储能系统") == "储能系统"


# ------------------------------------------------------------------ rule place_tail


def test_a_prefecture_glued_after_a_product_is_the_plant_s_place() -> None:
    text = "甲乙公司与丙丁合作打造甲丁年产能12吉瓦时动力电池宜宾项目。"
    assert [m.product for m in text_mentions(text)] == ["动力电池"]
    from chainkg.ingest.mentions import place_tail
    assert place_tail("硅宜宾", 0, 3) == 3 and place_tail("光伏组件", 0, 4) == 4  # one letter left, or no place
