"""Evidence for a firm (issue 16, round 3; docs/extraction.md, "Structural rules, round 3 (issue 16):
companies"): rules pos_opening, product_stem, county_sector and firm_evidence, each shown firing and not
firing on sentences written here with made-up firms (岚峡, 澜沣, 东方智能 …): no sentence of a page is
copied."""

from __future__ import annotations

import pytest

from chainkg.ingest.extract import keep_evidenced_firms, text_mentions
from chainkg.ingest.firm_evidence import coined, opening_length, withheld
from chainkg.ingest.nlp import shared_pipeline
from tests.test_extract_generalization import companies


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


def builders(text: str) -> dict[str, str | None]:
    """product -> the company of its project mention, as extraction reads ``text``."""
    return {m.product: m.company for m in text_mentions(text)}


# ------------------------------------------------------------------ pos_opening


@pytest.mark.parametrize("text, name", [
    ("根据澜沣10万吨碳酸锂项目的进度,年内投产。", "澜沣"),
    ("带动岚峡5万吨氯化锂项目落地。", "岚峡"),
    ("不断推动岚峡锂业扩大产能。", "岚峡锂业"),
])
def test_a_verb_adverb_or_preposition_never_opens_a_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


@pytest.mark.parametrize("text", ["不断推动盐化工综合利用。", "突出盐化工产业特色。", "缓解我国钾肥紧缺的矛盾。"])
def test_a_verb_glued_to_a_sector_word_leaves_no_name(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == []


@pytest.mark.parametrize("text, name", [
    ("会议期间,汀澜集团签约多个项目,而岚峡石化年产10万吨丙烯项目开工建设。", "岚峡石化"),
    ("项目集中开工,暨澜汐汽车制造厂年产5万辆纯电动汽车项目开工。", "澜汐汽车制造厂"),
    ("据悉,就上海岚峡新材料年产5万吨包装纸项目,双方达成一致。", "上海岚峡新材料"),
])
def test_a_one_letter_conjunction_never_opens_a_name(text: str, name: str) -> None:
    """Rule letter_opening: 而, 暨, 就 glued at a name's left edge are the clause's, not the firm's."""
    assert builders(text) and set(builders(text).values()) == {name}
    assert opening_length("和邦化工") == 0  # a name that opens with a letter of another kind keeps it


def test_a_name_opening_with_a_noun_of_place_or_time_keeps_it(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "东方澜沣10万吨碳酸锂项目开工。") == ["东方澜沣"]
    assert opening_length("东方澜沣") == 0 and opening_length("突出") == 0  # never trimmed to nothing


def test_policy_words_dropped_at_the_opening_make_the_whole_a_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "年内计划安装单晶炉600台。") == []


# ------------------------------------------------------------------ product_stem


@pytest.mark.parametrize("text", ["项目生产焦岚96万吨、甲醇10万吨。", "一期200万吨焦岚联产20万吨甲醇。",
                                  "光伏发电材料需求旺盛。"])
def test_a_product_is_no_firm(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == []


def test_a_brand_before_a_product_and_an_ending_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "岚峡储能材料10万吨项目开工。") == ["岚峡储能材料"]


# ------------------------------------------------------------------ county_sector


def document_firms(nlp, *sentences: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The firms of a document of ``sentences`` once the document-wide rules have read them."""
    sdocs = [nlp(s) for s in sentences]
    keep_evidenced_firms(sdocs)
    return [c.text for sdoc in sdocs for c in sdoc.spans["company"]]


def test_a_county_the_text_names_and_a_sector_word_is_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "岚川储能二期10万千瓦项目开工。") == ["岚川储能"]  # by its ending, in the sentence
    assert document_firms(nlp, "岚川县位于河西走廊。", "岚川储能二期10万千瓦项目开工。") == []


def test_a_brand_and_a_sector_word_in_a_named_county_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    assert document_firms(nlp, "岚川县位于河西走廊。", "岚峡储能二期10万千瓦项目开工。") == ["岚峡储能"]


# ------------------------------------------------------------------ firm_evidence


@pytest.mark.parametrize("text", ["热电联产5万千瓦光伏项目开工。", "光伏智能工厂200兆瓦电池项目开工。",
                                  "某某10万吨碳酸锂项目开工。", "年产1万吨氯化锂联产2万吨硼酸。"])
def test_a_word_or_placeholder_by_position_is_no_firm(text: str) -> None:
    found = builders(text)
    assert found and set(found.values()) == {None}, found


@pytest.mark.parametrize("text, firm", [
    ("岚峡10万吨碳酸锂项目开工。", "岚峡"),  # a coinage
    ("大全10万吨多晶硅项目开工。", "大全"),  # the start of a name of data/industry_firms.yaml
    ("宁夏东方10万吨碳酸锂项目开工。", "宁夏东方"),  # a region opening
    ("东方智能科技有限公司落户园区。东方智能10万吨碳酸锂项目开工。", "东方智能"),  # named with its legal form
    ("推进澜沣锂业有限公司3万吨碳酸锂、东方智能1万吨氯化锂项目。", "东方智能"),  # listed beside a firm
])
def test_a_name_by_position_with_evidence_is_a_firm(text: str, firm: str) -> None:
    assert firm in builders(text).values(), builders(text)


def test_ordinary_words_by_position_without_evidence_are_no_firm() -> None:
    assert set(builders("东方智能10万吨碳酸锂项目开工。").values()) == {None}


def test_coinage_and_placeholders_by_jieba_and_the_lexicon() -> None:
    assert coined("岫筠") and coined("澜沣") and not coined("联产") and not coined("智能工厂")
    assert withheld("某某") and withheld("甲方") and not withheld("岚峡") and not withheld("某某纳米")


# ------------------------------------------------------------------ group_sector, a park in words


def test_a_group_and_a_sector_word_is_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "岚峡集团新能源耦合一体化项目开工。") == ["岚峡集团"]


@pytest.mark.parametrize("text, name", [("岚峡集团新能源有限公司承建该项目。", "岚峡集团新能源有限公司"),
                                        ("岚峡锂业集团年产1万吨碳酸锂。", "岚峡锂业集团")])
def test_a_registered_unit_or_a_longer_group_name_goes_on(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


def test_an_industrial_zone_in_words_is_no_part_of_a_registered_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "走进某县白马工业园区岚川工业区岚峡股份20万吨磷酸铁项目现场。") == ["岚峡股份"]
