"""Capacity figures: value, unit, period, base amount; unknown units give nothing."""

from __future__ import annotations

import pytest

from chainkg.ingest.capacity import find_capacities, parse_capacity


@pytest.mark.parametrize(
    ("text", "value", "unit", "base_value", "base_unit", "per_year"),
    [
        ("年产4.5万吨", 4.5, "万吨", 45_000, "t", True),
        ("6000吨", 6000, "吨", 6000, "t", False),
        ("10.5吉瓦", 10.5, "吉瓦", 10.5e9, "W", False),
        ("10GW", 10, "GW", 1e10, "W", False),
        ("240万千瓦", 240, "万千瓦", 2.4e9, "W", False),
        ("50兆瓦", 50, "兆瓦", 5e7, "W", False),
        ("年产8GWh", 8, "GWh", 8e9, "Wh", True),
        ("500台套", 500, "台套", 500, "set", False),
        ("年产50万芯公里", 50, "万芯公里", 5e5, "core_km", True),
        ("年产30万片", 30, "万片", 3e5, "piece", True),
        ("日产600吨", 600, "吨", 600, "t", False),
        ("1,200吨", 1200, "吨", 1200, "t", False),
        ("十万吨", 10, "万吨", 1e5, "t", False),
    ],
)
def test_capacity_values(text: str, value: float, unit: str, base_value: float, base_unit: str,
                         per_year: bool) -> None:
    cap = parse_capacity(text)
    assert cap is not None
    assert (cap.value, cap.unit, cap.base_unit, cap.per_year, cap.text) == (value, unit, base_unit, per_year, text)
    assert cap.base_value == pytest.approx(base_value)


def test_daily_output_is_not_yearly() -> None:
    daily, yearly = parse_capacity("日产600吨"), parse_capacity("年产600吨")
    assert daily is not None and yearly is not None
    assert (daily.period, daily.per_year) == ("day", False)
    assert (yearly.period, yearly.per_year) == ("year", True)


def test_power_energy_pair_keeps_both() -> None:
    cap = parse_capacity("100MW/200MWh")
    assert cap is not None and cap.secondary is not None
    assert (cap.base_value, cap.base_unit) == (1e8, "W")
    assert (cap.secondary.base_value, cap.secondary.base_unit) == (2e8, "Wh")


def test_range_keeps_upper_end() -> None:
    cap = parse_capacity("30-50GWh")
    assert cap is not None
    assert (cap.value, cap.value_max, cap.base_value_max) == (30, 50, 5e10)


@pytest.mark.parametrize("text", ["1万吨吨级", "1万吨级"])
def test_class_marker_is_the_amount(text: str) -> None:
    cap = parse_capacity(text)
    assert cap is not None and cap.base_value == 1e4 and cap.text == text


def test_full_width_digits_and_letters() -> None:
    cap = parse_capacity("年产１２万吨")
    assert cap is not None and cap.base_value == 1.2e5
    gw = parse_capacity("３ＧＷ")
    assert gw is not None and gw.base_value == 3e9


def test_spaces_inside_a_figure() -> None:
    cap = parse_capacity("年产 1.2 万吨")
    assert cap is not None and cap.base_value == pytest.approx(1.2e4)


@pytest.mark.parametrize(
    "text",
    ["750千伏输变电", "投资38.5亿元", "新增就业1.1万人", "治理水土流失143.7平方公里", "增长6.2%",
     "10万光年", "一方面", "一套制度", "2023年", "0吨", "999999999999999999999吨", "3.5.6万吨", "年产万吨"],
)
def test_not_a_capacity(text: str) -> None:
    assert parse_capacity(text) is None


def test_year_before_figure_is_not_yearly_output() -> None:
    found = list(find_capacities("2023年5万吨"))
    assert len(found) == 1
    start, end, cap = found[0]
    assert (start, end, cap.per_year) == (5, 8, False)


def test_offsets_point_at_the_figure() -> None:
    text = "某甲公司拟建年产3万吨氟化锂和日产200吨纯碱"
    assert [text[s:e] for s, e, _c in find_capacities(text)] == ["年产3万吨", "日产200吨"]


def test_a_power_figure_is_yearly_only_as_a_factorys_output() -> None:
    made, rating = parse_capacity("年产3GW"), parse_capacity("今年80万千瓦")
    assert made is not None and rating is not None
    assert (made.per_year, made.period, rating.per_year, rating.period) == (True, "year", False, None)


@pytest.mark.parametrize("sentence, product, per_year", [
    ("甲乙化工有限公司建设年产4000吨丙烯酸及1500吨丙烯酸酯项目。", "丙烯酸酯", True),
    ("丙丁锂业有限公司年产8万吨磷酸铁项目分两期建设,一期4万吨已投产。", "磷酸铁", True),
    ("戊己镁业有限公司年产镁合金压铸件6万吨项目开工。", "镁合金制品", True),
    ("庚辛材料有限公司年产2万吨硬碳和30万平方米隔膜项目开工。", "隔膜", True),
    ("壬癸化工有限公司日产300吨液氨,另建2000吨储罐项目。", "储罐", False),
])
def test_one_yearly_word_governs_its_coordination_and_phases(sentence: str, product: str, per_year: bool) -> None:
    from tests.test_extract_generalization import extract

    found = [m for m in extract([sentence]).mentions if m.product == product]
    assert found and all(m.capacity is not None and m.capacity.per_year is per_year for m in found), found


# ------------------------------------------------------------------ shapes of the third pages holdout (issue 16, capshape)


@pytest.mark.parametrize(("text", "figure", "base_value", "per_year"), [
    ("某厂200万吨(年)焦化", "200万吨(年)", 2e6, True),          # rule bracketed_year
    ("某厂60亿立方米（年）煤制气", "60亿立方米（年）", 6e9, True),
    ("某湖百万吨钾肥", "百万吨", 1e6, False),                     # rule worded_hundred
    ("年产30亿方天然气", "年产30亿方", 3e9, True),
    ("年产3万余吨某盐", "年产3万余吨", 3e4, True),                # rule approximate_tail
    ("某气20亿Nm3/a", "20亿Nm3/a", 2e9, True),
])
def test_capacity_shapes_of_unseen_pages(text: str, figure: str, base_value: float, per_year: bool) -> None:
    found = [(c.text, c.base_value, c.per_year) for _s, _e, c in find_capacities(text)]
    assert found == [(figure, pytest.approx(base_value), per_year)]


@pytest.mark.parametrize("text", ["数百万吨", "百万千瓦级基地", "制氢2万标准立方米/小时", "三方协议"])
def test_vague_classed_or_hourly_figures_are_no_capacity(text: str) -> None:
    assert list(find_capacities(text)) == []
