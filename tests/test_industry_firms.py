"""The national leading firms per segment (data/industry_firms.yaml) and their loader."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.errors import ChainkgError
from chainkg.graph.model import SEGMENT, node_id
from chainkg.industry_firms import (
    MIN_FIRMS,
    PROVINCES,
    default_path,
    load_industry_firms,
    read_industry_firms,
)
from chainkg.templates import load_templates, segment_index

# The 34 provincial-level divisions, written out here rather than imported, so the test does
# not just repeat the loader's own list.
DIVISIONS = set(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """The file as plain YAML, to check its shape independently of the loader."""
    return yaml.safe_load(default_path().read_text(encoding="utf-8"))


def entries(raw: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(chain, segment, entry) for chain, segments in raw["chains"].items()
            for segment, entry in segments.items()]


def test_provinces_are_the_34_divisions() -> None:
    assert PROVINCES == DIVISIONS
    assert len(DIVISIONS) == 34


def test_the_file_loads() -> None:
    firms = load_industry_firms()
    assert firms and all(isinstance(v, list) for v in firms.values())


def test_every_key_is_a_template_segment(raw: dict[str, Any]) -> None:
    segments = segment_index(load_templates())
    for chain, segment, _ in entries(raw):
        assert node_id(SEGMENT, chain, segment) in segments, f"{chain}/{segment}"


def test_every_template_segment_is_covered(raw: dict[str, Any]) -> None:
    covered = {node_id(SEGMENT, chain, segment) for chain, segment, _ in entries(raw)}
    missing = set(segment_index(load_templates())) - covered
    assert not missing
    assert set(load_industry_firms()) == set(segment_index(load_templates()))


def test_each_segment_has_three_firms_or_a_niche_reason(raw: dict[str, Any]) -> None:
    for chain, segment, entry in entries(raw):
        firms = entry.get("firms") or []
        if len(firms) < MIN_FIRMS:
            reason = entry.get("niche")
            assert isinstance(reason, str) and len(reason.strip()) >= 20, f"{chain}/{segment}: niche reason"


def test_every_firm_has_its_fields_and_a_source(raw: dict[str, Any]) -> None:
    for chain, segment, entry in entries(raw):
        for firm in entry.get("firms") or []:
            where = f"{chain}/{segment}: {firm.get('name')}"
            for field in ("name", "province", "makes"):
                assert isinstance(firm.get(field), str) and firm[field].strip(), f"{where}: {field}"
            assert firm["province"] in DIVISIONS, f"{where}: province {firm['province']!r}"
            source = firm.get("source")
            assert isinstance(source, dict), f"{where}: source"
            assert isinstance(source.get("title"), str) and source["title"].strip(), f"{where}: source title"
            year = source.get("year")
            assert type(year) is int and 2015 <= year <= 2026, f"{where}: source year {year!r}"
            assert firm.get("in_haixi", True) is True, f"{where}: in_haixi is only ever true"


def test_no_firm_twice_in_a_segment(raw: dict[str, Any]) -> None:
    for chain, segment, entry in entries(raw):
        names = [f["name"] for f in entry.get("firms") or []]
        assert len(names) == len(set(names)), f"{chain}/{segment}: {names}"


def test_a_firm_is_the_same_firm_wherever_it_appears() -> None:
    """A firm listed in several segments has one full name, province and listing."""
    seen: dict[str, tuple[Any, ...]] = {}
    for segment, firms in load_industry_firms().items():
        for firm in firms:
            facts = (firm.get("full_name"), firm["province"], firm.get("listed"), firm.get("in_haixi"))
            assert seen.setdefault(firm["name"], facts) == facts, f"{segment}: {firm['name']}"


def test_niche_and_firms_by_segment_id() -> None:
    data = read_industry_firms()
    assert data.firms["segment:天文科技/天文台址资源"] == []
    assert "segment:天文科技/天文台址资源" in data.niche
    assert "segment:新材料/正极材料" not in data.niche
    salt = [f["name"] for f in data.firms["segment:盐湖化工/钾肥"]]
    assert salt[:2] == ["盐湖股份", "藏格矿业"]
    assert data.firms["segment:盐湖化工/钾肥"][0]["in_haixi"] is True


# --- bad data: each problem is a ChainkgError naming the file and the entry ---------------------


def write_changed(tmp_path: Path, raw: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> Path:
    data = copy.deepcopy(raw)
    change(data)
    path = tmp_path / "industry_firms.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def first_firm(data: dict[str, Any]) -> dict[str, Any]:
    return data["chains"]["盐湖化工"]["基础锂盐"]["firms"][0]


def set_province(data: dict[str, Any]) -> None:
    first_firm(data)["province"] = "柴达木"


def set_year(data: dict[str, Any]) -> None:
    first_firm(data)["source"]["year"] = 2031


def set_year_text(data: dict[str, Any]) -> None:
    first_firm(data)["source"]["year"] = "2024"


def drop_title(data: dict[str, Any]) -> None:
    del first_firm(data)["source"]["title"]


def drop_makes(data: dict[str, Any]) -> None:
    del first_firm(data)["makes"]


def add_field(data: dict[str, Any]) -> None:
    first_firm(data)["revenue"] = 1


def duplicate_firm(data: dict[str, Any]) -> None:
    firms = data["chains"]["盐湖化工"]["基础锂盐"]["firms"]
    firms.append(copy.deepcopy(firms[0]))


def too_few(data: dict[str, Any]) -> None:
    del data["chains"]["盐湖化工"]["基础锂盐"]["firms"][2:]


def unknown_segment(data: dict[str, Any]) -> None:
    data["chains"]["盐湖化工"]["提钒"] = {"niche": "no such segment in the templates", "firms": []}


def missing_segment(data: dict[str, Any]) -> None:
    del data["chains"]["建材"]["新型建材"]


def haixi_false(data: dict[str, Any]) -> None:
    first_firm(data)["in_haixi"] = False


def bad_listing(data: dict[str, Any]) -> None:
    first_firm(data)["listed"] = "002460"


@pytest.mark.parametrize(("change", "message"), [
    (set_province, "柴达木"),
    (set_year, "2031"),
    (set_year_text, "year"),
    (drop_title, "missing title"),
    (drop_makes, "missing makes"),
    (add_field, "unknown field(s) revenue"),
    (duplicate_firm, "listed twice"),
    (too_few, "niche"),
    (unknown_segment, "盐湖化工/提钒"),
    (missing_segment, "segment:建材/新型建材"),
    (haixi_false, "in_haixi"),
    (bad_listing, "002460"),
])
def test_bad_data_is_a_clear_error(tmp_path: Path, raw: dict[str, Any],
                                   change: Callable[[dict[str, Any]], None], message: str) -> None:
    path = write_changed(tmp_path, raw, change)
    with pytest.raises(ChainkgError) as err:
        read_industry_firms(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_duplicate_yaml_key_and_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("chains:\n  建材: {}\n  建材: {}\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match="duplicate key"):
        read_industry_firms(path)
    with pytest.raises(ChainkgError, match="cannot read"):
        read_industry_firms(tmp_path / "absent.yaml")
