"""Products by their head (issue 16, docs/extraction.md, "Products by their head"): rules head_product,
trailing_word and rated_cell, the product node a name maps to and the qualifier a Project keeps. Every
sentence is written here with made-up firms; no sentence of a page is copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainkg.graph.build import build_graph, product_name, product_node_id
from chainkg.ingest.extract import run_extraction, text_mentions
from chainkg.ingest.heads import product_head, qualifier_of, word_edges
from chainkg.ingest.vocab import vocabulary
from chainkg.model import PRODUCES, PROJECT
from chainkg.reading.corpus import ingest_corpus
from chainkg.reading.document import Document
from chainkg.templates import load_templates


def read(text: str) -> list[tuple[str | None, str, str | None]]:
    """(company, product, capacity as written) of every project mention of ``text``."""
    return [(m.company, m.product, m.capacity.text if m.capacity else None) for m in text_mentions(text)]


TERMS = vocabulary(None).terms


# ------------------------------------------------------------------ rule head_product


@pytest.mark.parametrize("phrase, product, qualifier", [
    ("锂离子电池负极材料", "负极材料", "锂离子电池"),  # what it is for
    ("石墨化负极材料", "负极材料", "石墨化"),  # a process
    ("焦炉煤气制甲醇", "甲醇", "焦炉煤气制"),  # a route
    ("直拉单晶硅棒", "单晶硅", "直拉"),  # 单晶硅棒 is a synonym of 单晶硅
    ("磷酸锰铁锂正极材料", "磷酸锰铁锂", None),  # a known product before its class stays the product
    ("磷酸铁前驱体", "磷酸铁", None),
    ("碳酸锂沉淀法", "碳酸锂", None),  # a route after it
    ("吸附法碳酸锂", "碳酸锂", "吸附法"),  # a route before it
])
def test_a_phrase_ending_in_a_known_product_is_that_product(phrase: str, product: str, qualifier: str | None) -> None:
    head = product_head(phrase, TERMS)
    assert (head.product, head.qualifier, head.rule) == (product, qualifier, "head_product")


@pytest.mark.parametrize("phrase", ["小苏打", "聚乙烯", "碳酸锂母液", "动力电池回收利用", "某某新料"])
def test_a_phrase_without_a_known_head_on_a_word_edge_stays_as_written(phrase: str) -> None:
    # 小苏打 and 聚乙烯 are one word each (no 苏打, no 乙烯 inside them); a product made of a known one, a
    # treatment plant's work and an unknown word have no head
    assert product_head(phrase, TERMS).product == phrase


def test_word_edges_are_jieba_s_dictionary_words() -> None:
    assert sorted(word_edges("聚乙烯")) == [0, 3]


def test_a_project_takes_its_head_and_keeps_the_use_on_its_mention() -> None:
    found = text_mentions("澜汐碳素有限公司年产5万吨锂离子电池负极材料项目开工。")
    assert [(m.product, m.product_text) for m in found] == [("负极材料", "锂离子电池负极材料")]
    assert read("汀岚化工有限公司年产30万吨焦炉煤气制甲醇项目投产。") == [("汀岚化工有限公司", "甲醇", "年产30万吨")]


def test_a_firm_s_product_written_with_and_without_its_use_is_one_project(tmp_path: Path) -> None:
    text = "澜汐碳素有限公司年产5万吨锂电池负极材料项目开工。澜汐碳素有限公司5万吨负极材料项目年底投产。"
    documents = _documents(text, tmp_path)
    projects = run_extraction(documents).projects
    assert [(p.company, p.product, p.product_qualifier) for p in projects] == [("澜汐碳素", "负极材料", "锂电池")]


# ------------------------------------------------------------------ rule trailing_word


@pytest.mark.parametrize("phrase, product", [("硫酸钾改", "硫酸钾"), ("某某新料制备", "某某新料"),
                                             ("储能用于调峰", "储能")])
def test_a_trailing_word_of_the_work_or_a_use_after_it_is_no_part_of_the_product(phrase: str, product: str) -> None:
    assert product_head(phrase, TERMS).product == product


def test_a_trailing_word_glued_after_a_figure_s_product_goes() -> None:
    assert read("澜汐钾业有限公司年产10万吨硫酸钾改扩建项目开工。") == [("澜汐钾业有限公司", "硫酸钾", "年产10万吨")]


# ------------------------------------------------------------------ rule rated_cell


@pytest.mark.parametrize("row, product, figure", [
    ("1\t甲乙新能源有限公司\t光伏电站 100MW\t已开工", "光伏电站", "100MW"),
    ("2\t丙丁能源有限公司\t风电项目（5万千瓦）\t已开工", "风电场", "5万千瓦"),
    ("3\t戊己电力有限公司\t分散式风电项目\t5万千瓦\t已开工", "风电场", "5万千瓦"),
])
def test_a_table_cell_s_product_takes_its_rating(row: str, product: str, figure: str) -> None:
    found = text_mentions(row)
    assert [(m.product, m.capacity.text if m.capacity else None) for m in found] == [(product, figure)]
    assert found[0].rule.startswith("product_capacity+company_row")


@pytest.mark.parametrize("row", ["1\t甲乙新能源有限公司\t100MW\t已开工", "2\t丙丁光伏科技有限公司\t100MW\t已开工",
                                 "3\t戊己能源有限公司\t光伏电站 100MW等\t已开工"])
def test_a_firm_s_cell_or_a_rating_that_does_not_close_its_cell_is_no_rated_product(row: str) -> None:
    assert [m for m in text_mentions(row) if m.capacity is not None] == []


# ------------------------------------------------------------------ the graph: node by head, qualifier kept


@pytest.mark.parametrize("name, node", [
    ("锂离子负极材料", "负极材料"), ("锂电池负极材料", "负极材料"), ("负极材料", "负极材料"),
    ("焦炉煤气制甲醇", "甲醇"), ("某某新料", "某某新料"),
])
def test_a_product_name_and_a_gold_row_map_to_the_node_of_their_head(name: str, node: str) -> None:
    templates = load_templates()
    assert product_name(templates, name) == node
    assert product_node_id(templates, name) == product_node_id(templates, node)


def test_a_project_node_keeps_its_qualifier_and_produces_the_head_s_product(tmp_path: Path) -> None:
    documents = _documents("澜汐碳素有限公司年产5万吨锂离子电池负极材料项目开工。", tmp_path)
    G = build_graph(documents, run_extraction(documents), load_templates())
    project = next(n for n, d in G.nodes(data=True) if d.get("label") == PROJECT)
    produced = [v for _, v, d in G.out_edges(project, data=True) if d.get("type") == PRODUCES]
    assert G.nodes[project]["product_qualifier"] == "锂离子电池"
    assert produced == [product_node_id(load_templates(), "负极材料")]


def test_the_qualifier_is_what_is_written_before_the_product_s_name() -> None:
    assert qualifier_of("高纯多晶硅", "多晶硅") == "高纯" and qualifier_of("切片", "硅片") is None


def _documents(text: str, root: Path) -> list[Document]:
    """The documents of a corpus folder holding ``text`` alone."""
    (root / "in").mkdir()
    (root / "in" / "doc.txt").write_text(text, encoding="utf-8")
    return list(ingest_corpus(root / "in", root / "out").documents)
