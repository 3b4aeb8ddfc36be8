"""The gazetteer of well-known firms (``data/known_firms.yaml``) and rule ``known_firm`` (issue 16): the
file's shape, the finder's guards and the joining of a firm's names, on sentences written here (the
firms are real, the sentences made up: no sentence of a page is copied)."""

from __future__ import annotations

import re

import pytest

from chainkg.errors import ChainkgError
from chainkg.ingest.facts import Evidence
from chainkg.ingest.firm_evidence import gazetteer_names, known_firm_aliases, known_firms, read_known_firms
from chainkg.ingest.nlp import shared_pipeline
from chainkg.ingest.resolve import resolve_companies
from tests.test_extract_generalization import companies

_SOURCE = re.compile(r"国务院国资委|(上交所|深交所|北交所|港交所) \d{5,6}|官网|年度报告")


def ev(doc: str) -> Evidence:
    """A sentence's evidence in document ``doc`` (only the document matters here)."""
    return Evidence(doc, 0, "", 0, 0, 0, 0, (), (), None, "reported")


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


def test_every_firm_names_a_checkable_source_and_each_name_one_firm() -> None:
    firms = known_firms()
    assert len(firms) >= 300
    assert all(_SOURCE.search(f.source) for f in firms), [f.name for f in firms if not _SOURCE.search(f.source)]
    owners: dict[str, str] = {}
    for firm in firms:
        for name in firm.every_name:
            assert owners.setdefault(name, firm.name) == firm.name, name


def test_a_name_of_two_firms_is_refused() -> None:
    with pytest.raises(ChainkgError, match="is a name of"):
        read_known_firms([{"name": "甲", "names": ["乙丙"], "source": "x"}, {"name": "乙丙", "source": "y"}])
    with pytest.raises(ChainkgError, match="name and a source"):
        read_known_firms([{"name": "甲"}])


def test_the_gazetteer_holds_every_known_name_and_the_aliases_join_them() -> None:
    names = set(gazetteer_names())
    assert {"国能", "国家能源投资集团有限责任公司", "宁德时代", "伊利"} <= names
    aliases = known_firm_aliases()
    assert aliases["国能"] == aliases["国家能源投资集团"] == "国家能源集团"


@pytest.mark.parametrize("text, name", [
    ("某县与国能集团签订年产10万吨某某项目协议。", "国能集团"),
    ("中石化在某地建设绿氢示范项目。", "中石化"),
    ("隆基与某县签约建设某基地。", "隆基"),
    ("宁德时代和比亚迪分别在某地投资。", "宁德时代"),
])
def test_a_known_firm_is_found_by_its_short_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in companies(nlp, text)


@pytest.mark.parametrize("text, word", [
    ("全国能源消费总量稳中有降。", "国能"),          # inside a longer word (全国|能源)
    ("沿华能路向东行驶两公里。", "华能"),            # a street
    ("某省伊利河谷的牧场。", "伊利"),               # a word: never found bare
    ("中国石油和化学工业联合会发布报告。", "中国石油"),  # an association's name
])
def test_a_known_name_that_is_not_the_firm_there_is_not_marked(nlp, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(word in c for c in companies(nlp, text)), companies(nlp, text)


def test_a_county_brand_and_trade_is_the_county_unit_not_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "澄岭旗伊泰化工某项目备案。") == ["澄岭旗伊泰化工"]


def test_the_longer_registered_name_wins(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "国能澄岭化工有限公司年产5万吨某产品项目开工。") == ["国能澄岭化工有限公司"]
    # a known name running on to a legal ending is part of that longer name, found or not by shape
    assert "黄河上游水电开发" not in companies(nlp, "澄岭黄河上游水电开发有限责任公司某分公司投资。")


def test_two_names_of_one_known_firm_are_one_company() -> None:
    names = [("国能", ev("d1")), ("国家能源投资集团有限责任公司", ev("d2")), ("国家能源集团", ev("d3"))]
    companies_found, surface = resolve_companies(names)
    assert len(companies_found) == 1 and set(companies_found[0].aliases) == {n for n, _ in names}
    assert any(r.startswith("known_firm:") for r in companies_found[0].merge_rules)
    assert surface.firm("国能", "d1") == surface.firm("国家能源集团", "d3") == companies_found[0].name


def test_a_local_unit_keeps_the_brand_its_document_gives_it() -> None:
    names = [("华能", ev("d1")), ("华能澄岭光伏发电有限公司", ev("d1")), ("华能", ev("d2")), ("中国华能", ev("d3"))]
    found, surface = resolve_companies(names)
    assert surface.firm("华能", "d1") == "华能澄岭光伏发电", surface.firm("华能", "d1")
    assert surface.firm("华能", "d2") == surface.firm("中国华能", "d3") != "华能澄岭光伏发电"
