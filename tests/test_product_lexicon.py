"""The general product lexicon (``data/products.yaml``, issue 16): products the chain templates lack,
from GB/T 4754-2017, known without a figure, in no chain unless they end in a template product, and
the guards that keep a sector, a gloss or a listed kind from reading as a product. Made-up firms and
sentences only."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from chainkg.errors import ChainkgError
from chainkg.graph.build import product_node_id
from chainkg.graph.model import IN_SEGMENT
from chainkg.graph.summary import format_summary, summarize
from chainkg.ingest.extract import rules_fired
from chainkg.ingest.vocab import vocabulary
from chainkg.model import normalize_key
from chainkg.pipeline import build
from chainkg.products import check_segments, load_product_lexicon
from chainkg.templates import load_templates, product_index, segment_index
from chainkg.views.facts import coverage_of, node_facts

GROUPS = 'groups:\n  "14": 食品制造业\n  "28": 化学纤维制造业\n'


def _lexicon(tmp_path: Path, classes: str) -> Path:
    path = tmp_path / "products.yaml"
    path.write_text(GROUPS + "classes:\n" + classes, encoding="utf-8")
    return path


def test_every_entry_cites_the_standard_and_a_known_major_group_and_segment() -> None:
    lex = load_product_lexicon()
    segments = segment_index(load_templates())
    assert len(lex.products) >= 300
    for p in lex.products:
        assert p.source == f"GB/T 4754-2017 {p.code} {p.class_name}" and len(p.code) in (2, 3, 4) and p.sector
        assert len(p.name) >= 2 and all(len(s) >= 2 for s in p.synonyms)
        assert p.segment is None or p.segment in segments


def test_the_templates_stay_the_authority_for_their_names() -> None:
    templates = {normalize_key(k) for k in product_index(load_templates())}
    vocab = vocabulary(None)
    assert not templates & set(vocab.lexicon)
    assert vocab.terms["烧碱"] == "烧碱" and vocab.place_of("烧碱") == ("盐湖化工", "氯碱及氯酸盐")


def test_a_lexicon_product_is_in_the_segment_its_entry_names_or_in_none() -> None:
    vocab = vocabulary(None)
    assert vocab.terms["奶粉"] == "乳粉" and vocab.place_of("奶粉") == ("绿色有机农畜产品", "农畜产品加工")
    assert vocab.place_of("农药") is None  # 药 is a head of 大健康, 农药 a product of 2631
    assert vocab.place_of("光学玻璃") is None  # 玻璃 is only a head; 钢化玻璃 (3051) names 基础建材
    assert vocab.place_of("苯乙烯") is None  # no segment named, though it ends in the template's 乙烯
    assert vocab.place_of("铝合金锭") == ("新材料", "金属新材料")  # its class's segment, not 金锭's
    assert vocab.place_of("锰铁") == ("金属冶金", "铁合金")
    assert vocab.place_of("高碳锰铁") == ("金属冶金", "铁合金") and vocab.place_of("锂电池隔膜") == ("新材料", "负极与隔膜")
    assert vocab.general("婴幼儿配方奶粉").code == "1442"


@pytest.mark.parametrize(("classes", "problem"), [
    ('  - {code: "1442", class: 乳粉制造, products: [乳]}\n', "shorter than 2"),
    ('  - {code: "1442", class: 乳粉制造, products: [乳粉]}\n  - {code: "14", class: 食品制造业, products: [乳粉]}\n',
     "already listed"),
    ('  - {code: "3011", class: 水泥制造, products: [水泥块]}\n', "not in groups"),
    ('  - {code: "14421", class: 乳粉制造, products: [乳粉]}\n', "two-, three- or four-digit"),
    ('  - {code: "1442", class: 乳粉制造, products: [{name: 乳粉, kind: x}]}\n', "unknown field"),
    ('  - {code: "1442", class: 乳粉制造, segment: 乳粉, products: [乳粉]}\n', "not written 'chain/segment'"),
])
def test_a_bad_entry_names_the_file_and_the_entry(tmp_path: Path, classes: str, problem: str) -> None:
    with pytest.raises(ChainkgError, match=problem) as info:
        load_product_lexicon(_lexicon(tmp_path, classes))
    assert "products.yaml" in str(info.value)


def test_a_segment_the_templates_lack_names_the_file_and_the_product(tmp_path: Path) -> None:
    lex = load_product_lexicon(_lexicon(tmp_path, '  - {code: "1442", class: 乳粉制造, segment: 乳业/乳粉, '
                                                    'products: [乳粉]}\n'))
    with pytest.raises(ChainkgError, match="products.yaml: 乳粉 \\(1442\\): unknown segment"):
        check_segments(lex, load_templates())


def test_a_synonym_reads_as_its_product(tmp_path: Path) -> None:
    lex = load_product_lexicon(_lexicon(tmp_path, '  - {code: "28", class: 化学纤维制造业, '
                                                    'products: [{name: 芳纶, synonyms: [芳纶纤维]}]}\n'))
    assert lex.terms["芳纶纤维"].name == "芳纶" and lex.terms["芳纶"].source == "GB/T 4754-2017 28 化学纤维制造业"


def test_a_middle_class_names_the_general_word_of_its_classes() -> None:
    lex = load_product_lexicon()
    drink = lex.terms["饮料"]
    assert (drink.code, drink.source, drink.sector) == ("152", "GB/T 4754-2017 152 饮料制造", "酒、饮料和精制茶制造业")
    assert vocabulary(None).place_of("饮料") is None  # in no chain: its class names no segment
    found = rules_fired("澄岭食品有限公司年产10万吨饮料项目开工建设。")
    assert [(c, p) for c, p, _ in found] == [("澄岭食品有限公司", "饮料")]


def test_a_firm_and_a_lexicon_product_make_a_project_without_a_figure() -> None:
    found = rules_fired("澄岭乳业有限公司婴幼儿配方奶粉项目开工建设。")
    assert found == [("澄岭乳业有限公司", "婴幼儿配方奶粉", "company_product+company_adjacent+status_after")]


def test_a_phrase_after_a_figure_takes_the_lexicon_name_it_ends_in() -> None:
    found = rules_fired("甲乙金属有限公司年加工22万吨精密不锈钢板带项目开工。")
    assert [(c, p) for c, p, _ in found] == [("甲乙金属有限公司", "不锈钢板带")]
    assert product_node_id(load_templates(), "精密不锈钢板带") == "product:不锈钢板带"


def test_a_sector_a_gloss_and_a_listed_kind_are_no_projects() -> None:
    assert rules_fired("汀澜公司地处纺织服装产业链下游。") == []  # rule general_sector
    assert rules_fired("汀澜石化的主产品为精对苯二甲酸(英文缩写PTA)。") == []  # rule gloss_product
    assert rules_fired("汀澜铝厂产品有门窗铝材、汽车铝材、家用电器铝材等类别。") == []  # rule listed_kind


def test_brands_of_a_list_of_works_stay_brands() -> None:
    found = rules_fired("澄岭科技人造金刚石、汀澜科技人造金刚石等项目投入运行。")
    assert [(c, p) for c, p, _ in found] == [("澄岭科技", "人造金刚石"), ("汀澜科技", "人造金刚石")]


def test_the_build_summary_lists_lexicon_products_by_sector_not_as_unmapped() -> None:
    G = nx.MultiDiGraph()
    G.add_node("product:某某新料", label="Product", name="某某新料")
    G.add_node("product:乳粉", label="Product", name="乳粉", sector="食品制造业",
               classification="GB/T 4754-2017 1442 乳粉制造")
    s = summarize(G, stated_chains=12)
    assert s["unmapped_products"] == ["某某新料"] and s["sector_products"] == {"食品制造业": ["乳粉"]}
    assert "products in no chain, by GB/T 4754 sector (1): 食品制造业 乳粉" in format_summary(s)


def test_a_built_graph_gives_a_lexicon_product_its_class_or_its_segment(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief.txt").write_text("澄岭化工有限公司年产2万吨农药项目开工建设。汀澜乳业有限公司年产5万吨奶粉项目投产。\n",
                                      encoding="utf-8")
    result = build(corpus, tmp_path / "out")
    G = result.graph
    pesticide, milk = G.nodes["product:农药"], G.nodes["product:乳粉"]
    assert pesticide["sector"] == "化学原料和化学制品制造业" and "segment" not in pesticide
    assert ("国民经济行业", "GB/T 4754-2017 2631 化学农药制造") in node_facts(G, "product:农药", coverage_of(G))
    assert milk["segment"] == "segment:绿色有机农畜产品/农畜产品加工" and "sector" not in milk
    assert [d["rule"] for _, _, d in G.out_edges("product:乳粉", data=True) if d["type"] == IN_SEGMENT] == ["lexicon"]


def test_a_product_and_figure_continuing_a_total_is_no_project() -> None:
    """Rule ``total_continued``: 再生铝, now a known product, continues the region's capacity total."""
    assert rules_fired("全州已建电解铝产能达到3万吨,再生铝1万吨,签约企业五户。") == []
    found = rules_fired("甲乙铝业有限公司一期建设电解铝3万吨,再生铝1万吨。")
    assert [p for _, p, _ in found] == ["电解铝", "再生铝"]


def test_a_class_words_synonym_reads_as_its_product_and_a_part_makes_a_project() -> None:
    lex = load_product_lexicon()
    assert (lex.terms["化肥"].name, lex.terms["化肥"].code) == ("化学肥料", "262")  # 化肥 is 化学肥料, of 262 肥料制造
    assert lex.terms["五金工具"].source == "GB/T 4754-2017 332 金属工具制造"
    assert lex.terms["BDO"].name == "1,4-丁二醇"  # the abbreviation reads as the chemical name of 2614
    found = rules_fired("澄岭汽车部件有限公司车桥项目开工建设。")  # 3660 汽车零部件及配件制造
    assert [(c, p) for c, p, _ in found] == [("澄岭汽车部件有限公司", "车桥")]
