"""Mechanisms that make extraction hold on text it was not tuned on.

Every sentence here is written for this test, with invented firms no list holds; each
mechanism has a case where it must fire and one where it must not invent anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chainkg.ingest.capacity import parse_capacity
from chainkg.reading.corpus import ingest_file
from chainkg.reading.document import Document, Sentence
from chainkg.ingest.extract import paragraph_topic, run_extraction
from chainkg.ingest.facts import Extraction, ProjectEntity
from chainkg.ingest.nlp import shared_pipeline
from chainkg.ingest.vocab import clean_product


def paragraphs(*paras: Sequence[str], doc_id: str = "g1", headings: Sequence[str] = ()) -> Document:
    """A Document of paragraphs (each a list of sentences), a line break between paragraphs."""
    rows: list[Sentence] = []
    text, index = "", 0
    for p, sentences in enumerate(paras):
        if p:
            text += "\n"
        for s in sentences:
            rows.append(Sentence(index=index, text=s, start=len(text), end=len(text) + len(s),
                                 orig_start=len(text), orig_end=len(text) + len(s), headings=tuple(headings)))
            text += s
            index += 1
    return Document(id=doc_id, file=f"{doc_id}.txt", meta={"published": 2024}, encoding="utf-8",
                    sha256=doc_id, text=text, sentences=tuple(rows))


def extract(*paras: Sequence[str], headings: Sequence[str] = ()) -> Extraction:
    return run_extraction([paragraphs(*paras, headings=headings)])


def by_product(ex: Extraction, product: str) -> ProjectEntity:
    found = [p for p in ex.projects if p.product == product]
    assert len(found) == 1, [p.name for p in ex.projects]
    return found[0]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


def companies(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [s.text for s in doc.spans["company"]]


# ------------------------------------------------------------------ company shape precision


@pytest.mark.parametrize("text, wrong", [
    ("该集团近年来先后组建两家子公司,分别负责采矿和加工。", "子公司"),
    ("预计到2027年集团营收将翻番。", "年集团"),
    ("规划形成“德令哈做电芯、大柴旦做锂盐”的布局。", "大柴旦做锂盐"),
    ("截至年底,全市新能源装机突破300万千瓦。", "全市新能源"),
    ("屋顶光伏年发电约1200万千瓦时。", "年发电约"),
])
def test_shape_rule_rejects_counts_verbs_places_and_approximations(nlp, text: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(wrong in c for c in companies(nlp, text)), companies(nlp, text)


def test_legal_ending_always_ends_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # …有限公司 followed by a word that after an industry ending would continue a common word
    assert "青海翎岚能源化工有限公司" in companies(nlp, "青海翎岚能源化工有限公司利用尾气生产甲醇。")


def test_name_starts_after_a_place_inside_its_run(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "砾桐新能源" in companies(nlp, "这批原料将供应德令哈砾桐新能源年产2万吨磷酸铁项目。")


def test_count_word_is_no_brand(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "该公司首条年产5000吨氟化锂生产线已投产。") == []


# ------------------------------------------------------------------ capacities and products


def test_square_metres_and_letters_after_a_chinese_unit() -> None:
    board = parse_capacity("年产600万平方米")
    assert board is not None and (board.base_value, board.base_unit) == (6_000_000, "m2")
    assert parse_capacity("年产2万吨PVDF").base_value == 20000
    assert parse_capacity("50平方公里") is None
    assert parse_capacity("10Gbps") is None


def test_english_product_after_capacity() -> None:
    ex = extract(["青海沣曦氟材料有限公司年产6000吨PVDF生产线去年建成投产。"])
    p = by_product(ex, "PVDF")
    assert p.company == "青海沣曦氟材料" and p.capacity.base_value == 6000


def test_plant_words_dropped_treatment_work_kept() -> None:
    ex = extract(["青海祁澄环保有限公司投资建设年处理8万吨废旧光伏组件综合利用项目。",
                  "甘肃棠越装备有限公司将建设年产300台套氢气压缩机制造基地。",
                  "青海棣禾农业有限公司年产1万吨青稞精深加工项目开工建设。"])
    # 压缩机 is a product of the general lexicon (GB/T 4754-2017 3442): the phrase's head, 氢气 its qualifier
    assert {p.product for p in ex.projects} == {"废旧光伏组件综合利用", "压缩机", "青稞"}
    assert by_product(ex, "压缩机").product_qualifier == "氢气"


def test_product_word_and_long_grade_cut_template_name_kept() -> None:
    """产品 after a product and a grade of three characters + 级 are no part of it; a template
    name ending in 产品 stays whole (issue 16, the fourth pages holdout's renamed products)."""
    ex = extract(["青海棠岳医疗有限公司年产3000吨饲料添加剂产品项目开工建设。",
                  "甘肃沣岭光电有限公司年产500兆瓦太阳能级多晶硅片项目投产。",
                  "青海棣禾生物有限公司年产2000吨枸杞深加工产品项目开工建设。"])
    assert {p.product for p in ex.projects} == {"饲料添加剂", "多晶硅片", "枸杞深加工产品"}


def test_trade_short_forms_of_silicon_products() -> None:
    ex = extract(["内蒙古棠曦硅材料有限公司建设20GW拉晶和5GW多晶铸锭项目,并扩建1万吨电子硅项目。"])
    assert {p.product for p in ex.projects} == {"单晶硅", "多晶硅锭", "多晶硅"}


def test_preposition_glued_after_the_product() -> None:
    ex = extract(["甲乙光电20GW太阳能电池从开工到投产仅用100天。"])
    assert [(p.company, p.product) for p in ex.projects] == [("甲乙光电", "电池片")]


def test_a_county_alone_before_a_figure_is_a_site_not_a_firm() -> None:
    """The counties of Qinghai outside 海西 are places (data/patterns/places.jsonl): written bare
    before a figure and a product they name where the plant is, not who builds it (issue 16)."""
    ex = extract(["重点推进乐都20万吨铝锭项目、互助5000吨多晶硅项目建设。"])
    assert {(p.company, p.product) for p in ex.projects} == {(None, "电解铝"), (None, "多晶硅")}
    assert ex.companies == ()


# ------------------------------------------------------------------ who builds it


def test_company_after_the_project_under_a_label() -> None:
    ex = extract(["3.冷湖镇10万千瓦光伏项目:建设单位为青海栩宁能源有限公司,年底建成并网。"])
    p = by_product(ex, "光伏电站")
    assert p.company == "青海栩宁能源" and p.status == "operating"


def test_record_of_labelled_fields() -> None:
    ex = extract(["项目名称:尕海镇共享储能电站;", "建设单位:青海晗越储能科技有限公司;",
                  "建设规模:50MW/200MWh;", "进展:完成土建施工,预计年底投运。"])
    p = by_product(ex, "储能")
    assert p.company == "青海晗越储能科技" and p.capacity.base_value == 50e6
    assert p.status == "under_construction"  # 投运 is only expected (预计)


def test_label_without_project_invents_nothing() -> None:
    ex = extract(["建设单位:青海晗越储能科技有限公司;", "进展:完成土建施工。"])
    assert ex.projects == ()


def test_sentence_after_semicolon_continues_the_company() -> None:
    ex = extract(["青海岐川锂业有限公司年产2万吨碳酸锂项目已投产;",
                  "配套的年产5000吨氯化锂生产线正在调试。"])
    assert by_product(ex, "氯化锂").company == "青海岐川锂业"


def test_no_semicolon_no_borrowed_company() -> None:
    ex = extract(["青海岐川锂业有限公司年产2万吨碳酸锂项目已投产。",
                  "另一条年产5000吨氯化锂生产线正在调试。"])
    assert by_product(ex, "氯化锂").company is None


def test_group_reference_goes_to_the_group() -> None:
    ex = extract(["青海峤屿新能源集团有限公司在格尔木布局锂电材料。",
                  "旗下青海峤屿锂材科技有限公司负责正极板块。",
                  "集团还在德令哈投资建设200MW光伏电站。"])
    assert by_product(ex, "光伏电站").company == "青海峤屿新能源"  # the group (集团 dropped as a legal form)


def test_short_form_of_a_company_named_before() -> None:
    ex = extract(["青海骊川沙棘生物科技有限公司年产2000吨沙棘原浆项目去年投产。",
                  "骊川沙棘二期年产800吨沙棘籽油项目于5月开工建设。"])
    p = by_product(ex, "沙棘籽油")
    assert p.company == "青海骊川沙棘生物科技" and p.phase == "二期"


def test_verb_between_company_and_product_is_no_project() -> None:
    ex = extract(["青海峤屿锂材科技有限公司承担着正极材料板块。"])
    assert ex.projects == ()


def test_later_brand_mention_is_the_same_project() -> None:
    ex = extract(["广东珞岩玻璃集团投资建设日产900吨光伏玻璃生产线。",
                  "确保珞岩光伏玻璃等项目年内开工。"])
    assert len([p for p in ex.projects if p.product == "光伏玻璃"]) == 1
    assert len([c for c in ex.companies if "珞岩" in c.name]) == 1


def test_phase_figure_after_a_project_without_figure() -> None:
    ex = extract(["加快青海翊宸锂业有限公司磷酸铁锂项目一期达产,同步开工建设二期4万吨。"])
    p = next(p for p in ex.projects if p.phase == "二期")
    assert p.company == "青海翊宸锂业" and p.capacity.base_value == 40000


# ------------------------------------------------------------------ statuses


def test_aims_and_conditions_are_not_the_status() -> None:
    ex = extract(["青海芃屿能源有限公司投资建设100MW/400MWh储能电站,目前已完成场平,计划年底并网。",
                  "青海芮澜科技有限公司与园区签订协议,拟建设年产1000吨氟化锂项目,计划明年开工。"])
    assert by_product(ex, "储能").status == "under_construction"
    assert by_product(ex, "氟化锂").status == "signed"


def test_condition_alone_is_kept_when_nothing_else_is_said() -> None:
    ex = extract(["力争青海芮澜科技有限公司年产1000吨氟化锂项目年内开工。"])
    assert by_product(ex, "氟化锂").status == "under_construction"


def test_paragraph_lead_gives_the_status() -> None:
    ex = extract(["签约项目覆盖新材料和新能源等领域。",
                  "江苏芷汀玻璃有限公司将在格尔木建设日产600吨光伏玻璃生产线,全部建成后年节约标准煤1万吨。"],
                 ["洽谈项目中,青海芸朔化工有限公司拟建设年产5万吨纯碱项目,目前仍在对接。"])
    assert by_product(ex, "光伏玻璃").status == "signed"
    assert by_product(ex, "纯碱").status == "negotiating"


def test_paragraph_topic_needs_a_lead_without_figures() -> None:
    assert paragraph_topic("框架协议方面,州政府与某方签署协议") == ("signed", 2, "框架协议")
    assert paragraph_topic("青海某某化工有限公司年产2万吨纯碱项目已签约") is None
    assert paragraph_topic("") is None


# ------------------------------------------------------------------ raw text: tables, datelines, references


def from_text(tmp_path, text: str, name: str = "raw.txt") -> Extraction:  # type: ignore[no-untyped-def]
    """Extraction of a text written for the test, read the normal way (normalized, split)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_extraction([ingest_file(path, name, {"published": 2025})])


def triples(ex: Extraction) -> set[tuple[str | None, str, str | None]]:
    return {(p.company, p.product, p.capacity.text if p.capacity else None) for p in ex.projects}


def test_table_rows_keep_their_cells(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, (
        "园区重点项目进展如下：\n\n"
        "序号\t企业名称\t项目名称\t建设内容\t进度\n"
        "1\t青海澜汐硼业有限公司\t硼资源加工项目\t年产3000吨硼砂微粉\t完成设备安装，9月试车\n"
        "2\t青海启钒能源科技有限公司\t光储项目\t光伏20万千瓦，配套储能40MW/160MWh\t全容量并网\n"
        "3 青海蔚岚建材有限公司 新型建材项目 年产80万平方米镁质板 开工建设\n"
        "4 园区管委会 供水管网 新建管网12公里 完成工程量60%\n"))
    assert triples(ex) == {
        ("青海澜汐硼业", "硼砂微粉", "年产3000吨"),
        ("青海启钒能源科技", "光伏电站", "20万千瓦"),
        ("青海启钒能源科技", "储能", "40MW/160MWh"),
        ("青海蔚岚建材", "镁质板", "年产80万平方米"),
    }
    statuses = {p.product: p.status_text for p in ex.projects}
    assert statuses["光伏电站"] == statuses["储能"] == "全容量并网"  # the progress cell speaks for the row
    assert not any("管网" in c.name for c in ex.companies)  # the object of 新建 is no brand


def test_noun_phrase_stops_at_a_building_or_progress_word() -> None:
    ex = extract(["青海霈川农牧科技有限公司年产1.5万吨燕麦蛋白粉厂房封顶。"],
                 ["青海栎澄建材有限公司年产20万平方米石膏板主体完工,进入设备调试。"],
                 ["青海珞茵化工有限公司年产2万吨氟硼酸钾完成设备安装。"])
    assert {p.product for p in ex.projects} == {"燕麦蛋白粉", "石膏板", "氟硼酸钾"}
    # negative: a figure followed only by a building word names no product
    assert extract(["园区年内新建2万平方米厂房。"]).projects == ()


@pytest.mark.parametrize("text, base, per_year", [
    ("8000t/a", 8000.0, True), ("30-50kt/a", 30000.0, True), ("2.4万吨/年", 24000.0, True),
    ("年产２０万吨", 200000.0, True), ("26kt", 26000.0, False),
])
def test_units_written_after_the_figure(text: str, base: float, per_year: bool) -> None:
    cap = parse_capacity(text)
    assert cap is not None and (cap.base_value, cap.per_year) == (base, per_year)


def test_dateline_and_glued_place_are_not_part_of_the_firm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, (
        "◆德令哈　上海沣禾储能科技有限公司拟建设200MW/800MWh电化学储能电站。\n\n"
        "◆都兰　都兰铂屿生物科技有限公司日产80吨枸杞原浆生产线投产。\n\n"
        "◆大柴旦 青海芷岩化工有限公司6000t/a硼酸锌装置试车成功。\n"))
    assert triples(ex) == {
        ("上海沣禾储能科技", "电化学储能", "200MW/800MWh"),
        ("都兰铂屿生物科技", "枸杞深加工产品", "日产80吨"),  # 枸杞原浆, the templates' name
        ("青海芷岩化工", "硼酸锌", "6000t/a"),
    }


@pytest.mark.parametrize("text, name", [
    ("德令哈上海沣禾储能科技有限公司签署协议。", "上海沣禾储能科技有限公司"),
    ("都兰都兰铂屿生物科技有限公司投产。", "都兰铂屿生物科技有限公司"),
    ("大柴旦砺澜镁业有限公司投产。", "大柴旦砺澜镁业有限公司"),  # negative: the place is part of the name
    ("由澜汐（海西）锂电材料有限公司实施。", "澜汐（海西）锂电材料有限公司"),  # a bracketed place inside
    ("青海沣禾农业开发有限公司开工。", "青海沣禾农业开发有限公司"),  # 开发 closes a registered name
])
def test_company_name_edges(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


@pytest.mark.parametrize("text", [
    "关于全资子公司投资建设项目的公告。",
    "公司持有标的公司100%股权。",
    "一季度全州新能源发电量43亿千瓦时。",
    "今年全州力争新增新能源装机300万千瓦。",
])
def test_references_and_measures_are_no_firms(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == []


# a listed firm's announcement: the parent, its subsidiary defined with a short name and roles
ANNOUNCEMENT = (
    "江苏启钒新材料股份有限公司\n"
    "关于全资子公司投资建设年产2万吨氟化锂项目的公告\n\n"
    "江苏启钒新材料股份有限公司（以下简称“公司”）的全资子公司启钒（海西）锂电材料有限公司"
    "（以下简称“海西启钒”或“标的公司”）拟在格尔木投资建设本项目。\n\n"
    "1.实施主体：海西启钒\n"
    "2.建设规模：一期建设年产8000吨氟化锂生产线；二期建设年产1.2万吨氟化锂生产线。\n\n"
    "截至目前，标的公司已与青海澜汐锂业有限公司签订电池级碳酸锂采购协议。\n")


def test_defined_names_and_roles_resolve_to_the_firm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, ANNOUNCEMENT)
    sub = "启钒锂电材料"
    assert triples(ex) == {(sub, "氟化锂", "年产2万吨"), (sub, "氟化锂", "年产8000吨"), (sub, "氟化锂", "年产1.2万吨")}
    firm = next(c for c in ex.companies if c.name == sub)
    assert "海西启钒" in firm.aliases and any(r.startswith("defined-alias") for r in firm.merge_rules)
    assert "全资子" not in {c.name for c in ex.companies}


def test_without_a_definition_a_reference_word_names_no_firm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, "公司计划投资建设年产2万吨氟化锂项目。\n")
    assert [p.company for p in ex.projects] == [None]


def test_a_list_of_tasks_about_different_firms_passes_no_firm_on() -> None:
    ex = extract(["督促砺澜镁业镁合金项目达产;", "加快启钒能源二期10万千瓦风电项目前期工作;",
                  "谋划某片区年产30万吨工业硅项目。"])
    assert by_product(ex, "工业硅").company is None
    # negative: a run about one firm goes on with it
    ex = extract(["青海珞茵化工有限公司年产1万吨氟硼酸钾项目投产;", "同步建设年产2万吨硼酸锌项目。"])
    assert by_product(ex, "硼酸锌").company == "青海珞茵化工"


def test_a_figure_restated_with_its_phase_is_the_same_project() -> None:
    ex = extract(["青海芷岩化工有限公司年产1万吨氟化锂及500吨硼酸锌项目签约。"],
                 ["青海芷岩化工有限公司二期建设年产6000吨氟化锂及500吨硼酸锌生产线。"])
    assert len([p for p in ex.projects if p.product == "硼酸锌"]) == 1
    assert len([p for p in ex.projects if p.product == "氟化锂"]) == 2  # different figures stay apart


def test_company_and_known_product_with_phase_and_status_after_it() -> None:
    ex = extract(["深圳蔚岚数据科技有限公司冷湖数据中心二期上月投入运营。"])
    assert triples(ex) == {("深圳蔚岚数据科技", "大数据中心", None)}
    # negative: a verb between the firm and the product (a purchase, not a project)
    assert extract(["青海澜汐锂业有限公司签订电池级碳酸锂采购协议。"]).projects == ()


# ------------------------------------------------------------------ verbs and adverbs before names


@pytest.mark.parametrize("text, name", [
    ("考察组先后走访浙江檀峪科技有限公司等5家企业。", "浙江檀峪科技有限公司"),
    ("——访福建珑墨锂业有限公司总经理", "福建珑墨锂业有限公司"),
    ("下一步紧盯翊川20万千瓦光伏项目，力争年内签约。", "翊川"),
    ("局领导拜访广东苇溪新材料股份有限公司。", "广东苇溪新材料股份有限公司"),
])
def test_contact_verbs_are_trimmed_from_names(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


@pytest.mark.parametrize("text", [
    "只卖碳酸锂，利润偏薄。",                 # an adverb and a verb before a product
    "仅售5万吨碳酸锂。",
    "改建道路全长12公里。",                   # a measure before a figure
    "工人们把尾矿做成轻量化材料。",           # a product class ending like a firm (…化材料)
    "茫崖年产5万吨缓释钾肥项目开工。",        # a shape name right after a figure is the product
])
def test_no_firm_from_verbs_measures_or_products(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == []


def test_brand_and_shape_names_still_found(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "岚湖10万吨碳酸锂项目开工。") == ["岚湖"]
    assert companies(nlp, "杉澜钾肥年产5万吨颗粒钾项目开工。") == ["杉澜钾肥"]


# ------------------------------------------------------------------ products stop at time words


@pytest.mark.parametrize("text, product", [
    ("峤石镁业年产2万吨金属镁今年3月投产。", "金属镁"),
    ("配套建设的20万千瓦光伏同步开工。", "光伏"),
    ("两条年产1万吨碳酸锂生产线分别投产。", "碳酸锂"),
])
def test_noun_phrase_stops_at_time_words_and_adverbs(nlp, text: str, product: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert [s.text for s in doc.spans["product"] if s.label_ == "NP"] == [product]


def test_unit_rating_is_no_project() -> None:
    ex = extract(["冷湖风电场安装单机容量5兆瓦风电机组40台。"])
    assert ex.projects == ()


# ------------------------------------------------------------------ interviews: the speaker's firm


INTERVIEW_OPENING = ["让卤水变成电池原料", "——访浙江漱石锂业有限公司董事长林澈"]
INTERVIEW_QUOTE = ["林澈：“我们在大柴旦的年产2万吨氯化锂项目去年已经投产。”"]


def test_interviewee_firm_is_the_referent_of_we() -> None:
    ex = extract(INTERVIEW_OPENING, ["记者：项目进展如何？"], INTERVIEW_QUOTE)
    assert by_product(ex, "氯化锂").company == "浙江漱石锂业"


def test_no_speaker_without_a_titled_firm() -> None:
    ex = extract(["让卤水变成电池原料"], INTERVIEW_QUOTE)
    assert by_product(ex, "氯化锂").company is None


def test_speaker_only_from_the_opening() -> None:
    filler = [f"第{i}段，园区道路完成硬化。" for i in range(5)]
    ex = extract(filler, ["浙江漱石锂业有限公司董事长林澈到访园区。"], filler, INTERVIEW_QUOTE)
    assert by_product(ex, "氯化锂").company is None


# ------------------------------------------------------------------ key-project lists


def test_listed_builder_and_section_status() -> None:
    ex = extract(["1. 峦溪硼资源综合利用项目（青海峦溪硼业有限公司） 建设规模：年产3万吨硼酸；总投资5亿元。"],
                 headings=("一、续建项目",))
    p = by_product(ex, "硼酸")
    assert p.company == "青海峦溪硼业" and p.status == "under_construction"


def test_listed_item_without_a_firm_invents_nothing() -> None:
    ex = extract(["2. 省道改扩建工程（州交通运输局） 建设规模：全长40公里；总投资8亿元。"],
                 headings=("二、新开工项目",))
    assert ex.projects == () and ex.companies == ()


# -- investment catalogues, products before figures, grades, place fragments (our sentences) --

CATALOGUE = "\n".join([
    "某园区招商项目册", "",
    "1.项目名称：年产3万吨碳酸锶项目", "建设内容：年产3万吨碳酸锶生产线及配套设施。项目分两期实施，其中一期1万吨。",
    "投资估算：2.1亿元", "合作方式：合资", "",
    "2.项目名称：硫酸钾镁肥项目", "建设内容：利用园区老卤，建设年产8万吨农业级、饲料级硫酸钾镁肥装置。",
    "投资估算：1.6亿元", "意向企业：山东砾昊化工有限公司，已开展多轮洽谈。", "",
    "3.项目名称：园区南出口5万千瓦分散式风电项目", "建设内容：安装单机5兆瓦风电机组10台。", "投资估算：3亿元", ""])


def test_catalogue_items_are_projects_without_a_builder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, CATALOGUE)
    total = [p for p in ex.projects if p.product == "碳酸锶"]
    assert {(p.phase, p.capacity.base_value) for p in total} == {(None, 3e4), ("一期", 1e4)}
    assert all(p.company is None and p.status is None for p in total)  # 建设内容: is a label, not a status


def test_catalogue_intended_partner_is_the_company(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, CATALOGUE)
    p = by_product(ex, "硫酸钾镁肥")  # the grade list 农业级、饲料级 is dropped
    assert p.company == "山东砾昊化工" and p.capacity.base_value == 8e4 and p.status == "negotiating"


def test_turbine_rating_and_place_fragment_are_no_firms(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = from_text(tmp_path, CATALOGUE)
    assert {c.name for c in ex.companies} == {"山东砾昊化工"}  # not 南出口, not 安装单机
    wind = by_product(ex, "风电场")  # 分散式 is a mode; 南出口 is a place, not exports
    assert wind.company is None and wind.capacity.base_value == 5e7
    assert not any(p.capacity and p.capacity.text in {"5兆瓦", "10台"} for p in ex.projects)


def test_product_before_its_figure() -> None:
    ex = extract(["青海沅岚新材料有限公司年产铝合金型材2万吨。"],
                 ["青海岷砂能源有限公司建设规模：光伏50万千瓦。"],
                 ["加快青海垣峤新能源有限公司风电二期8万千瓦项目建设。"])
    assert by_product(ex, "铝型材").company == "青海沅岚新材料"
    assert by_product(ex, "光伏电站").capacity.base_value == 5e8  # 光伏 with a power rating is the plant
    wind = by_product(ex, "风电场")
    assert wind.company == "青海垣峤新能源" and wind.phase == "二期" and wind.capacity.base_value == 8e7


def test_known_product_before_a_figure_needs_a_clause_start_or_phase() -> None:
    ex = extract(["全县新增光伏20万千瓦。"], ["年加工牦牛奶2万吨。"])
    assert ex.projects == ()


def test_firm_after_a_role_word_and_a_new_ending() -> None:
    ex = extract(["扶持龙头企业雅岫毛纺扩能，年产500吨羊绒纱线项目开工建设。"])
    p = by_product(ex, "羊绒纱线")
    assert p.company == "雅岫毛纺" and p.status == "under_construction"


def test_output_of_a_year_is_no_firm() -> None:
    ex = extract(["全县全年发电5亿千瓦时，新增装机12万千瓦。"])
    assert ex.companies == () and ex.projects == ()


def test_figure_before_project_word() -> None:
    ex = extract(["推进青海曦渚能源有限公司光伏一期20万千瓦项目。"])
    p = by_product(ex, "光伏电站")
    assert p.phase == "一期" and p.capacity.base_value == 2e8


# ------------------------------------------------------------------ holdout 5 classes


@pytest.mark.parametrize("text, name", [
    ("配套方面,察尔汗岷朔储能有限公司承建的储能电站已并网。", "岷朔储能有限公司"),  # a town is no part of a name
    ("园区内,格尔木工业园璟渠化学有限公司正在扩建。", "璟渠化学有限公司"),  # nor is a park
    ("与此同时,大柴旦溯岭镁业有限公司完成技改。", "大柴旦溯岭镁业有限公司"),  # a county-level place may be
    ("据介绍,都兰岑沣生物科技有限公司新建生产线。", "都兰岑沣生物科技有限公司"),
])
def test_town_or_park_before_a_legal_name_is_where_it_is(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [name]


def test_town_glued_before_a_firm_gives_the_project_its_place() -> None:
    ex = extract(["电网一侧,锡铁山岷朔能源有限公司正在建设的20万千瓦光伏项目进展顺利。"])
    assert {c.name for c in ex.companies} == {"岷朔能源"}
    assert by_product(ex, "光伏电站").company == "岷朔能源"


@pytest.mark.parametrize("phrase, product", [
    ("动力电池用隔膜", "隔膜"), ("光伏组件用封装胶膜", "封装胶膜"), ("车用柴油", "柴油"),
    ("通用水泥", "水泥"),  # 通用 is a known synonym, not a use
])
def test_use_prefix_is_dropped_from_a_product(phrase: str, product: str) -> None:
    ex = extract([f"青海渼汀科技有限公司年产2万吨{phrase}项目开工。"])
    assert [p.product for p in ex.projects] == [product]


@pytest.mark.parametrize("phrase", ["数据应用平台", "秸秆再利用颗粒", "家用"])
def test_verb_with_yong_is_no_use_prefix(phrase: str) -> None:
    assert clean_product(phrase) == phrase


def test_clause_opening_with_a_phase_is_no_brand(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "青海岱屿锂业有限公司一期已投产。负责人说,二期拟再建年产3万吨碳酸锂,正在做可研。"
    assert companies(nlp, text) == ["青海岱屿锂业有限公司"]
    assert companies(nlp, "三期新建年产1万吨氯化锂。") == []


def test_aim_to_attract_an_unnamed_project_is_no_project() -> None:
    ex = extract(["青海垚淞运输有限公司已投放30辆氢能重卡。",
                  "县里正与几家企业接洽,力争年内引进一个年产500套加氢设备的项目。"])
    assert ex.projects == ()
    ex = extract(["青海垚淞装备有限公司引进年产500套加氢设备生产线,已开工。"])  # a firm brings it in
    assert by_product(ex, "加氢设备").company == "青海垚淞装备"


@pytest.mark.parametrize("text, names", [
    ("会上,岷珂氢能签约年产2000台套加氢机项目。", ["岷珂氢能"]),
    ("天峻县与澈垣投资签订风电合作协议。", ["澈垣投资"]),
    ("全州大力发展氢能,扩大有效投资。", []),  # policy words, no verb of signing
    ("鼓励社会资本投资签约项目。", []),
    ("青海岷珂氢能科技有限公司投资的项目开工。", ["青海岷珂氢能科技有限公司"]),  # a legal ending ends it
])
def test_brand_with_a_common_ending_only_before_signing(nlp, text: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == names


def test_signed_brand_is_the_company_of_its_project() -> None:
    ex = extract(["会上,岷珂氢能签约年产2000台套加氢机项目。"])
    assert by_product(ex, "加氢机").company == "岷珂氢能"


def test_leader_word_before_a_group(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "国内氯碱龙头岱渠集团今年来州考察。") == ["岱渠集团"]


def test_regional_prefix_joins_the_short_name() -> None:
    ex = extract(["柴达木岷汀镁业股份有限公司年产5万吨氧化镁项目试车。"], ["推动岷汀镁业年产2万吨镁合金项目开工。"])
    assert {c.name for c in ex.companies} == {"柴达木岷汀镁业"}
    assert by_product(ex, "镁合金").company == "柴达木岷汀镁业"


@pytest.mark.parametrize("text, status", [
    ("青海澈岷化工有限公司年产1万吨氯化锂生产线已完成设备安装,进入联动试车阶段。", "trial"),
    ("青海澈岷化工有限公司年产1万吨氯化锂项目正在进行设备安装。", "under_construction"),
    ("青海澈岷化工有限公司年产1万吨氯化锂项目设备安装基本完成,力争年底试车。", "under_construction"),
    ("青海澈岷化工有限公司年产500吨绿氢项目已实现产氢。", "operating"),
])
def test_stage_done_then_the_stage_entered(text: str, status: str) -> None:
    assert by_product(extract([text]), "氯化锂" if "氯化锂" in text else "绿氢").status == status


def test_status_after_another_item_is_not_a_later_items() -> None:
    ex = extract(["锂产业上,青海渟岫锂业有限公司年产3万吨碳酸锂项目进入试车,年产1万吨氯化锂项目在园区启动。"])
    assert by_product(ex, "碳酸锂").status == "trial"
    assert by_product(ex, "氯化锂").status is None
    ex = extract(["青海渟岫镁业有限公司年产3万吨氧化镁项目开工,其中一期1万吨。"])  # a total's status stays its phase's
    assert all(p.status == "under_construction" for p in ex.projects)


def test_status_before_an_enumeration_is_every_items() -> None:
    ex = extract(["青海峋汀能源有限公司签约德令哈20万千瓦光伏及50MW/200MWh储能项目。"])
    assert {p.product: p.status for p in ex.projects} == {"光伏电站": "signed", "储能": "signed"}
    ex = extract(["青海峋汀能源有限公司签约德令哈20万千瓦光伏,年底前50MW储能项目并网。"])  # another clause
    assert by_product(ex, "储能").status == "operating"


def test_a_phase_aim_is_its_status_under_a_lead() -> None:
    lead = "本次签约的项目中,"
    ex = extract([lead + "青海岫澜硅业有限公司年产8万吨工业硅项目总投资30亿元,其中一期4万吨计划年内开工。"])
    phase = next(p for p in ex.projects if p.phase == "一期")
    assert phase.status == "under_construction"
    total = next(p for p in ex.projects if p.phase is None)
    assert total.status == "signed"  # the total has no aim of its own: the lead decides


def test_building_in_a_work_description_is_no_status(tmp_path) -> None:  # type: ignore[no-untyped-def]
    intro = "某园区招商项目推介\n\n园区面向社会推出以下合作项目，欢迎洽商。\n\n"
    offered = intro + "3.项目名称：硫酸镁项目\n建设内容：建设年产2万吨硫酸镁生产线。\n合作方式：独资\n"
    assert by_product(from_text(tmp_path, offered), "硫酸镁").status is None
    started = intro + "3.项目名称：硫酸镁项目\n建设内容：年产2万吨硫酸镁生产线。\n进展：已开工建设\n"
    assert by_product(from_text(tmp_path, started), "硫酸镁").status == "under_construction"


# ------------------------------------------------------------------ holdout 6 (701-703 as dev)

@pytest.mark.parametrize("text, product, firm", [
    ("德令哈境内,青海岍澄能源有限公司30万千瓦光伏配套60MW/240MWh储能项目5月并网。", "储能", "青海岍澄能源"),
    ("青海岍澄能源有限公司30万千瓦光伏配建60MW/240MWh储能项目开工。", "储能", "青海岍澄能源"),
])
def test_connector_joins_a_firms_second_work(text: str, product: str, firm: str) -> None:
    ex = extract([text])
    assert {p.product for p in ex.projects} == {"光伏电站", product}  # 配套 is in no product
    assert {p.company for p in ex.projects} == {firm}


def test_work_after_another_firms_item_keeps_no_firm() -> None:
    ex = extract(["青海岍澄能源有限公司30万千瓦光伏项目并网,园区另有60MW/240MWh储能项目开工。"])
    assert by_product(ex, "储能").company is None


@pytest.mark.parametrize("text, names", [
    ("会议要求,要督促岍峪化工尽快开工。", ["岍峪化工"]),
    ("我县聚焦盐化工、新能源两条产业链招商。", []),
    ("补链方面,重点招引碳酸钾、硝酸钾等项目。", []),
    ("要引入岍峪化工参与园区建设。", ["岍峪化工"]),
])
def test_policy_verbs_never_start_a_name(nlp, text: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == names


@pytest.mark.parametrize("text, status", [
    ("青海岍峪新能源有限公司40万千瓦风电项目首批风机完成吊装。", "under_construction"),
    ("青海岍峪镁业有限公司年产2万吨氧化镁项目正在单机调试。", "trial"),
    ("青海岍峪镁业有限公司年产2万吨氧化镁项目已取得环评批复。", "preparing"),
    ("青海岍峪镁业有限公司年产2万吨氧化镁项目完成可研编制。", "preparing"),
    ("青海岍峪镁业有限公司与县政府签订投资协议,建设年产2万吨氧化镁项目,计划2027年5月开工。", "signed"),
])
def test_stages_of_progress_on_the_scale(text: str, status: str) -> None:
    assert extract([text]).projects[0].status == status


def test_a_dated_aim_is_still_an_aim() -> None:
    ex = extract(["青海岍峪镁业有限公司已完成项目备案,年产2万吨氧化镁项目计划2027年5月底开工。"])
    assert ex.projects[0].status == "preparing"


def test_a_verb_alone_before_a_product_makes_no_project() -> None:
    assert extract(["补链方面,重点招引碳酸钾、硝酸钾等项目。"]).projects == ()


def test_title_sentence_is_described_by_the_next() -> None:
    ex = extract(["3.某镇30万千瓦光伏项目。", "由甘肃岍峪能源集团有限公司投资9亿元建设,4月开工,10月全容量并网。"],
                 ["4.青海岍澜牧业有限公司年产800吨牛肉干项目。", "依托本地品牌,6月建成投产,带动牧户100户。"])
    pv = by_product(ex, "光伏电站")
    assert pv.company == "甘肃岍峪能源" and pv.status == "operating"
    assert by_product(ex, "牛肉干").status == "operating"


def test_only_a_title_takes_the_next_sentence() -> None:
    ex = extract(["青海岍澜牧业有限公司年产800吨牛肉干项目总投资1亿元。", "全县10个项目6月开工。"],
                 ["5.某镇30万千瓦光伏项目。", "计划由甘肃岍峪能源集团有限公司投资,力争年底开工。"],
                 ["6.某镇10万千瓦风电项目。"], ["由甘肃岍岳能源集团有限公司投资建设,5月开工。"])
    assert by_product(ex, "牛肉干").status is None  # not a title: the next sentence is about others
    pv = by_product(ex, "光伏电站")
    assert pv.company is None and pv.status is None  # not opened by 由, and only an aim
    assert by_product(ex, "风电场").company is None  # another paragraph


def test_a_work_summary_heading_is_a_review() -> None:
    ex = extract(["青海岍澜牧业有限公司年产800吨牛肉干项目已投产。"], headings=("某县2024年招商引资工作总结",))
    assert ex.projects[0].mode == "reported"
    ex = extract(["青海岍澜牧业有限公司年产800吨牛肉干项目投产。"], headings=("某县2024年重点工作安排",))
    assert ex.projects[0].mode == "planned"


# ------------------------------------------------------------------ holdout 7 (801-805 as dev)

def test_a_barred_table_gives_each_row_its_builder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = ("序号｜项目名称｜建设单位｜建设性质｜总投资（亿元）\n"
             "1｜年产3万吨氯化钙项目｜青海岍汐化工有限公司｜续建｜2.4\n"
             "2｜50MW/200MWh构网型储能电站项目｜青海岍澄能源有限公司｜前期｜3.1\n"
             "3｜年产5000吨硫酸镁项目｜待定｜前期｜0.8\n"
             "\n公示期为五个工作日。\n")
    ex = from_text(tmp_path, table)
    assert by_product(ex, "氯化钙").company == "青海岍汐化工"
    assert by_product(ex, "储能").company == "青海岍澄能源"  # 构网型 is a kind, not the product
    assert by_product(ex, "硫酸镁").company is None
    assert len({e.sentence for p in ex.projects for e in p.evidence}) == 3  # one row, one sentence


@pytest.mark.parametrize("text, names", [
    ("建设年产某某变桨系统1000台套、偏航减速器2000台套。", []),
    ("新增日处理污水2万吨,回收碳酸锂、硫酸镍等。", []),
    ("安装单晶双面组件,新建观景栈道5公里。", []),
    ("柯柯镇岍川环境科技有限公司年产8万吨蛇纹石微粉项目开工。", ["岍川环境科技有限公司"]),
    ("岍盐文化旅游有限公司建设游客中心。", ["岍盐文化旅游有限公司"]),
])
def test_work_words_are_no_brand_and_business_words_close_a_legal_name(nlp, text: str,  # type: ignore[no-untyped-def]
                                                                     names: list[str]) -> None:
    assert companies(nlp, text) == names


def test_next_items_of_a_products_first_list_are_products() -> None:
    ex = extract(["青海岍峪传动科技有限公司建设年产某某变桨系统1000台套、偏航减速器2000台套项目。"])
    # 减速器 is a product of the general lexicon (GB/T 4754-2017 3453): the item's head, 偏航 its qualifier
    assert {p.product for p in ex.projects} >= {"减速器"}
    assert {p.company for p in ex.projects} == {"青海岍峪传动科技"}


def test_a_clause_referring_back_keeps_the_sentences_firm() -> None:
    ex = extract(["青海岍岷钾业有限公司年产10万吨硫酸钾项目建成投产,该公司同步实施的年产200吨岍晶粉提取装置进入设备调试阶段。"],
                 ["岍湍新能源冷湖10万千瓦风电项目并网,其配套建设的20MW/80MWh储能电站同步投运。"])
    cs = by_product(ex, "岍晶粉")  # 提取装置 names the plant
    assert cs.company == "青海岍岷钾业" and cs.status == "trial"
    assert by_product(ex, "储能").company == "岍湍新能源"


def test_a_status_before_its_firm_is_the_projects() -> None:
    ex = extract(["竣工投产的青海岍峪硼业有限公司年产1万吨硼酸项目,以盐湖卤水为原料。"],
                 ["同日投产的还有青海岍禹镁业科技有限公司年产2万吨电熔镁砂项目。"],
                 ["开工项目中,岍翮新能源马海30万千瓦风电项目规模最大,计划安装6.25兆瓦风机48台,明年底实现全容量并网。"])
    assert by_product(ex, "硼酸").status == "operating"
    magnesia = by_product(ex, "电熔镁砂")
    assert magnesia.company == "青海岍禹镁业科技" and magnesia.status == "operating"
    wind = [p for p in ex.projects if p.capacity is not None and p.capacity.unit == "万千瓦"]
    assert [(p.company, p.status) for p in wind] == [("岍翮新能源", "under_construction")]
    assert len(ex.projects) == 3  # a turbine's rating (6.25兆瓦风机48台) is no project


def test_phases_of_a_total_after_a_time_word_and_a_latin_technology_word() -> None:
    ex = extract(["青海岍岳硅业有限公司年产10万吨工业硅项目分两期建设,一期5万吨前年投产,二期5万吨今年全面达产。"],
                 ["德令哈市与浙江岍澈新能源股份有限公司签约年产3GW TOPCon光伏组件项目。"])
    assert sorted(p.phase or "" for p in ex.projects if p.product == "工业硅") == ["", "一期", "二期"]
    assert by_product(ex, "光伏组件").company == "浙江岍澈新能源"
    assert not any(p.product == "前年" for p in ex.projects)


def test_a_supporting_work_shares_the_status_before_the_main_one() -> None:
    ex = extract(["开工建设冷湖30万千瓦光伏配套60MW/240MWh储能项目,支持岍铖数据算力中心一期建成投运。"],
                 headings=["二、2026年重点工作"])
    assert by_product(ex, "储能").status == "under_construction"


# ------------------------------------------------------------------ general classes written ahead of holdout 8

def test_chinese_numerals_with_hundreds_and_decimals() -> None:
    ex = extract(["青海岍岷锂业有限公司年产一点二万吨碳酸锂项目投产。"], ["青海岍岷能源有限公司二百五十兆瓦光伏项目并网。"])
    assert by_product(ex, "碳酸锂").capacity.base_value == 12000  # type: ignore[union-attr]
    assert by_product(ex, "光伏电站").capacity.base_value == 250_000_000  # type: ignore[union-attr]
    assert extract(["建设百万千瓦级光伏领跑者基地。"]).projects == ()


def test_firms_listed_before_respectively_take_the_items_in_order() -> None:
    ex = extract(["岍岷锂业、岍峰镁业分别建设年产1万吨碳酸锂、2万吨金属镁项目,均已开工。"])
    assert (by_product(ex, "碳酸锂").company, by_product(ex, "金属镁").company) == ("岍岷锂业", "岍峰镁业")


@pytest.mark.parametrize("text, status", [
    ("青海岍岷锂业有限公司年产1万吨碳酸锂项目至今尚未开工。", "preparing"),
    ("青海岍岷锂业有限公司年产1万吨碳酸锂项目未按期投产。", "under_construction"),
])
def test_a_negated_stage_is_not_reached(text: str, status: str) -> None:
    assert extract([text]).projects[0].status == status


def test_a_phase_with_its_own_figure_after_the_total_is_not_the_totals() -> None:
    ex = extract(["岍川镁业年产5万吨金属镁项目一期2万吨已于去年建成投产,二期3万吨正在开展前期工作。"])
    got = sorted(((p.phase or ""), p.capacity.base_value, p.status) for p in ex.projects)  # type: ignore[union-attr]
    assert got == [("", 50000, None), ("一期", 20000, "operating"), ("二期", 30000, "preparing")]


def test_the_next_sentence_about_the_project_gives_its_stage() -> None:
    ex = extract(["在青海岍澜锂业有限公司,调研组察看了年产2万吨碳酸锂项目建设进展。", "该项目总投资18亿元,目前主体厂房已封顶。"],
                 ["调研组来到岍禾新能源25万千瓦光伏项目现场,该项目已完成组件安装,预计6月底并网。"])
    assert by_product(ex, "碳酸锂").status_text == "封顶"
    assert by_product(ex, "光伏电站").status_text == "完成组件安装"


def test_only_a_sentence_about_one_project_takes_the_next_sentences_stage() -> None:
    ex = extract(["岍澜锂业年产2万吨碳酸锂项目、岍川镁业年产1万吨金属镁项目加快建设。", "项目总投资30亿元,主体厂房已封顶。"])
    assert {p.status_text for p in ex.projects} == {"加快建设"}


def test_a_count_of_machines_is_no_capacity_but_sets_made_a_year_are() -> None:
    ex = extract(["岍泊新能源乌兰30万千瓦风电项目,首批20台风机已并网发电。"],
                 ["青海岍磬氢能装备有限公司建设总装车间,年产碱性电解槽500台套。"])
    assert sorted(p.product for p in ex.projects) == ["电解槽", "风电场"]  # 碱性电解槽 is the template's 电解槽


def test_a_stage_that_did_not_happen_is_no_status() -> None:
    ex = extract(["岍屿光伏2GW组件项目,设备采购迟缓,原定3月投产未能实现。"])
    assert ex.projects[0].status is None


def test_a_list_item_read_as_a_numbered_heading_gives_no_status_or_mode_of_its_own() -> None:
    item = "(二)岍屿光伏2GW组件项目,设备采购迟缓,原定3月投产未能实现。"
    ex = extract([item], headings=["二、进度滞后的项目", item])
    assert ex.projects[0].status_text == "进度滞后"


@pytest.mark.parametrize("text, names", [
    ("目前,仅有岍氪镁业一家企业开展金属镁生产,下游镁合金、镁基储氢材料等环节仍属空白。", ["岍氪镁业"]),
])
def test_chain_positions_and_only_are_no_names(nlp, text: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == names


def test_the_company_of_a_firms_own_report_is_the_firm_its_title_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("岍盛锂业股份有限公司2025年年度报告摘要\n\n"
            "1.控股子公司青海岍澜锂材有限公司年产2万吨碳酸锂项目:报告期内完成主体工程建设。\n"
            "2.公司与海西州人民政府签署协议,拟在大柴旦投资建设年产5000吨金属锂项目。\n"
            "报告期内公司实现营业收入56亿元。\n")
    ex = from_text(tmp_path, text)
    assert by_product(ex, "碳酸锂").company == "青海岍澜锂材"
    assert by_product(ex, "金属锂").company == "岍盛锂业"
    assert {c.name for c in ex.companies} == {"青海岍澜锂材", "岍盛锂业"}


# ------------------------------------------------------------------ 1001-1005 (dev documents written after holdout 8)

def test_a_numbered_record_of_labelled_lines_is_one_project(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("一、拟批准项目\n"
            "（一）项目名称：年产3000吨金属锂及2000吨锂镁合金项目\n"
            "建设单位：青海岍砾锂材有限公司\n"
            "建设地点：格尔木市\n"
            "（二）项目名称：青海岍沄氢能德令哈100MW光伏制氢一体化项目\n"
            "建设单位：青海岍沄氢能有限公司\n"
            "建设规模：建设光伏100MW，年产绿氢约4000吨，副产氧气3万吨/年。\n"
            "审查意见：项目年综合能源消费量8.6万吨标准煤。\n")
    ex = from_text(tmp_path, text)
    assert {(p.product, p.company) for p in ex.projects if p.product in ("金属锂", "锂镁合金")} == {
        ("金属锂", "青海岍砾锂材"), ("锂镁合金", "青海岍砾锂材")}
    assert by_product(ex, "光伏电站").company == "青海岍沄氢能"  # 100MW rates the PV of 光伏制氢
    assert by_product(ex, "绿氢").capacity.base_value == 4000  # type: ignore[union-attr]
    assert not any(p.product == "标准煤" for p in ex.projects)
    assert all(p.status == "preparing" for p in ex.projects)  # 拟批准


def test_a_directory_section_is_about_the_firm_its_heading_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("园区重点企业简介\n\n"
            "一、青海岍沄硼材料有限公司\n"
            "主营产品：硼酸、硼砂\n"
            "现有产能：硼酸4万吨/年，硼砂2万吨/年\n"
            "在建项目：年产5000吨高纯氧化硼项目，2026年3月开工。\n"
            "二、大柴旦岍涟物流有限公司\n"
            "主营业务：化工产品运输。\n"
            "三、青海岍汀新能源有限公司\n"
            "在建项目：大柴旦20万千瓦光伏电站，已完成组件安装。\n")
    ex = from_text(tmp_path, text)
    assert {(p.company, p.product) for p in ex.projects} == {("青海岍沄硼材料", "氧化硼"), ("青海岍汀新能源", "光伏电站")}


def test_a_transcripts_tags_spoken_numbers_and_pairs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("【主持人】格尔木岍沄能源二百兆瓦、八百兆瓦时储能电站昨天实现全容量并网。\n"
            "【字幕】青海岍沄能源有限公司200MW/800MWh储能电站全容量并网\n"
            "【同期声青海岍沣新材料有限公司总经理岍某】今年产量大概在一万五千吨,明年还想再上一条零点六吉瓦的线。\n")
    ex = from_text(tmp_path, text)
    storage = [p for p in ex.projects if p.product == "储能"]
    assert {p.capacity.secondary.base_value for p in storage} == {800_000_000}  # type: ignore[union-attr]
    assert "青海岍沣新材料" in {c.name for c in ex.companies}
    assert not {"一万", "零点", "期声青海岍沣新材料"} & {c.name for c in ex.companies}


def test_a_banks_name_and_a_phase_named_by_the_next_sentence() -> None:
    ex = extract(["海西岍岚农村商业银行股份有限公司向青海岍漪锂业有限公司年产6万吨碳酸锂项目(其中一期3万吨)授信12亿元。",
                  "该项目一期已于3月开工建设。"])
    assert "海西岍岚农村商业银行" in {c.name for c in ex.companies}
    got = {(p.phase, p.status) for p in ex.projects}
    assert got == {(None, None), ("一期", "under_construction")}


def test_a_firms_plant_named_with_de_is_no_project_and_phases_say_no_status() -> None:
    ex = extract(["青海岍岳硅业有限公司的工业硅车间里,6台矿热炉满负荷运转。",
                  "该公司年产12万吨工业硅项目分两期建设,一期6万吨前年投产,二期6万吨今年3月全面达产。"])
    got = sorted(((p.phase or ""), p.status) for p in ex.projects)
    assert got == [("", None), ("一期", "operating"), ("二期", "operating")]


@pytest.mark.parametrize("stage, status", [("点火", "trial"), ("首件下线", "trial"), ("完成选址", "preparing"),
                                           ("举行奠基仪式", "under_construction"), ("达产达效", "operating")])
def test_more_stages_of_work(stage: str, status: str) -> None:
    assert extract([f"青海岍岳玻璃有限公司年产3万吨光伏玻璃项目{stage}。"]).projects[0].status == status


# ------------------------------------------------------------------ 1101-1105 (dev round 2)

def test_a_firms_own_article_speaks_as_we(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("七年,一粒砂的旅程\n\n"
            "五月二十日是青海岍川硅材料科技有限公司的七岁生日。\n"
            "我们把这些年走过的节点写下来,送给同事。\n"
            "那年春天,我们在格尔木租下两栋厂房。\n"
            "2020年11月,年产8万吨高纯石英砂项目开工。\n"
            "海西岍晟新能源有限公司在我们厂区屋顶建设的20MW分布式光伏项目去年全容量并网。\n"
            "我们与青海岍禾新材料有限公司合资成立青海岍川微粉科技有限公司,该公司建设年产2万吨电子级石英粉。\n")
    ex = from_text(tmp_path, text)
    assert by_product(ex, "石英砂").company == "青海岍川硅材料科技"
    assert by_product(ex, "光伏电站").company == "海西岍晟新能源"  # 我们厂区 is where, not who
    assert by_product(ex, "石英粉").company == "青海岍川微粉科技"  # no name runs back over 有限公司


def test_owners_after_the_items_builders_in_brackets_and_builders_for_another() -> None:
    ex = extract(["6月5日\t园区年产5万吨磷酸锰铁锂项目、年产2万吨电池黑粉回收项目同日开工,"
                  "业主分别为青海岍垣锂电科技有限公司和海西岍衡再生资源有限公司。"],
                 ["6月24日\t都兰县年产5000吨黑枸杞原浆项目(青海岍岭生物科技有限公司)完成设备安装,计划7月投料试产。"],
                 ["三是协调青海岍芷能源有限公司为岍瀚锂业配套建设100MW/400MWh用户侧储能。"])
    assert by_product(ex, "磷酸锰铁锂").company == "青海岍垣锂电科技"
    assert by_product(ex, "电池黑粉").company == "海西岍衡再生资源"  # 回收 names the plant
    berry = by_product(ex, "黑枸杞原浆")
    assert berry.company == "青海岍岭生物科技" and berry.status == "under_construction"  # not the aim 投料试产
    assert by_product(ex, "储能").company == "青海岍芷能源"


def test_a_numbered_item_wrapped_inside_a_name_and_an_output_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ("二、正在推进的项目\n"
            "（一）格尔木岍泓电池科\n"
            "技有限公司年产10GWh钠离子电池项目正在加快建设。\n\n"
            "产品名称\t单位\t产量\t比上年增长（%）\n"
            "碳酸锂\t万吨\t13.8\t21.6\n"
            "纯碱\t万吨\t418.5\t-2.3\n")
    ex = from_text(tmp_path, text)
    assert by_product(ex, "钠离子电池").company == "格尔木岍泓电池科技"
    assert {p for p, _t, _ev in ex.production} >= {"碳酸锂", "纯碱"}
    assert len(ex.projects) == 1
