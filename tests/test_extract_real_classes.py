"""Failure classes found on the real dev texts (issue 16), each tested on invented sentences:
no sentence of a corpus is copied here."""

from __future__ import annotations

import pytest

from chainkg.ingest.nlp import shared_pipeline

from tests.test_extract_generalization import by_product, companies, extract


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()


# ------------------------------------------------------------------ words glued before a name


@pytest.mark.parametrize("text, name", [
    ("据某某锂能科技股份有限公司副总经理介绍,二期已投产。", "某某锂能科技股份有限公司"),
    ("该集团旗下甲乙能源化工有限公司的新装置投产。", "甲乙能源化工有限公司"),
    ("此次签约跟丙丁光电科技有限公司的合作有关。", "丙丁光电科技有限公司"),
])
def test_a_source_companion_or_owner_word_is_not_part_of_the_name(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in companies(nlp, text), companies(nlp, text)


@pytest.mark.parametrize("text, wrong", [
    ("全县聚力打造新能源产业集群。", "新能源"),
    ("截至去年底,总装机容量达300万千瓦。", "容量达"),
    ("天然气产量当量超500万吨。", "当量超"),
    ("该园区已具备年产4万吨碳酸锂的能力。", "具备"),
    ("本市与某科技公司签订年产8GW电池片项目协议。", "某科技"),
    ("努力建设世界知名新能源产业基地。", "知名新能源"),
    ("疆内现代煤化工产业加快发展。", "现代煤化工"),
])
def test_policy_verbs_measures_and_unnamed_firms_are_no_names(nlp, text: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(wrong in c for c in companies(nlp, text)), companies(nlp, text)


# ------------------------------------------------------------------ a product phrase ends before a retrofit or a place


@pytest.mark.parametrize("sentence, product", [
    ("加快推进某某钾业年产30万吨氯化钾智能工厂建设。", "钾肥"),  # 氯化钾 is a synonym of 钾肥
    ("推进某某锂业年产5000吨碳酸锂工艺提升改造。", "碳酸锂"),
    ("某某钾肥年产80万吨硫酸钾节能降耗扩能改造项目开工。", "硫酸钾"),
    ("某某化学60万吨/年煤热解启动工程完成投资12亿元。", "煤热解"),
    ("某某碳材料8万吨负极材料新区生产基地项目开工。", "负极材料"),
    ("园区建成200兆瓦风机装配项目。", "风电机组"),  # 风机 is the template's 风电机组
])
def test_product_ends_before_a_retrofit_a_plant_or_a_place(sentence: str, product: str) -> None:
    ex = extract([sentence])
    assert [p.product for p in ex.projects] == [product], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a clause stating a project's content


def test_a_content_clause_keeps_the_firm_of_the_project_before() -> None:
    ex = extract(["某某碳材料8万吨负极材料生产基地项目总投资30亿元,主要建设8万吨负极材料生产线、8万吨石墨化装置生产线。"])
    assert sorted((p.company, p.product) for p in ex.projects) == [("某某碳材料", "石墨化"), ("某某碳材料", "负极材料")]


def test_without_a_content_opener_a_later_figure_takes_no_firm() -> None:
    ex = extract(["某某碳材料8万吨负极材料项目开工,全区另有8万吨石墨化项目在建。"])
    assert {p.product: p.company for p in ex.projects}.get("石墨化") is None


# ------------------------------------------------------------------ totals listed after 形成…


def test_every_item_of_a_listed_total_is_no_project() -> None:
    ex = extract(["全县已形成300万吨某甲盐、20万吨某乙酸、5万吨某丙碱等产能。"])
    assert ex.projects == (), [p.name for p in ex.projects]


def test_a_listed_build_is_still_projects() -> None:
    ex = extract(["某某化工开工建设3万吨某乙酸、5万吨某丙碱项目。"])
    assert len(ex.projects) == 2, [p.name for p in ex.projects]


def test_a_listed_work_without_a_firm_is_a_project_of_no_firm() -> None:
    ex = extract(["全力推进岚峰锂业金属锂、澄岭镇铁矿选矿、汀澜矿业镍钴矿采选等重点产业项目建设。"])
    ore = by_product(ex, "铁矿石")
    assert ore.company is None and "listed_work" in ore.rules[0]


def test_bare_products_in_a_project_list_are_lines_of_business() -> None:
    ex = extract(["推进岚峰锂业金属锂、风电场、光热电站等重点项目建设。"])
    assert [p.product for p in ex.projects] == ["金属锂"], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a copy in traditional script


def test_a_traditional_script_copy_is_read_in_simplified_characters() -> None:
    from chainkg.reading.normalize import normalize

    text = ("某某鋰業(yè)年產(chǎn)2萬噸碳酸鋰項目開工建設。" * 3)
    n = normalize(text)
    assert n.text.startswith("某某锂业年产2万吨碳酸锂项目开工建设。")
    assert n.offsets[n.text.index("碳酸锂")] == text.index("碳酸鋰")  # one character for one: offsets kept
    assert normalize("某某锂业乾坤" * 9).text.startswith("某某锂业乾坤")  # a simplified text stays as it is


def test_the_character_table_simplifies_alkali_and_shaanxi_and_keeps_qian() -> None:
    from chainkg.reading.normalize import normalize

    text = "某某化工氯堿項目與陜西某某乾恒達簽約。" * 4
    assert normalize(text).text.startswith("某某化工氯碱项目与陕西某某乾恒达签约。")  # 乾 is in simplified use


# ------------------------------------------------------------------ figures that change or stand, names of polysilicon


def test_a_figure_that_rises_is_no_product() -> None:
    ex = extract(["某某油田日产从1000万立方米提升至1100万立方米。"])
    assert not any(p.product.startswith("提升") for p in ex.projects), [p.name for p in ex.projects]


def test_a_capacity_a_firm_already_has_is_no_project() -> None:
    ex = extract(["投产前某某锂业已具备3万吨/年碳酸锂产能。"])
    assert ex.projects == (), [p.name for p in ex.projects]


def test_high_purity_crystalline_silicon_is_polysilicon() -> None:
    ex = extract(["某某硅材料10万吨高纯晶硅项目开工建设。"])
    assert [p.product for p in ex.projects] == ["多晶硅"]


def test_a_gold_alias_in_traditional_script_matches_the_simplified_name() -> None:
    from chainkg.ingest.evaluate import GoldMatcher
    from chainkg.ingest.vocab import vocabulary

    match = GoldMatcher({"companies": [{"name": "某某锂业", "aliases": ["某某鋰業(yè)"]}]}, {}, vocabulary(None))
    assert match.company(["某某锂业"]) == "某某锂业"


# ------------------------------------------------------------------ the paragraph's running subject


def test_a_paragraph_about_one_firm_lends_it_to_a_figure_without_one() -> None:
    ex = extract(["据某某纳米科技股份有限公司负责人介绍,某某纳米一期3万吨磷酸铁锂项目去年投产。",
                  "今年5月,8万吨磷酸铁锂项目开工建设。"])
    assert ({p.capacity.text: p.company for p in ex.projects}["8万吨"] or "").startswith("某某纳米")


def test_no_running_subject_across_paragraphs_two_firms_or_a_named_place() -> None:
    two = extract(["甲乙锂业一期3万吨碳酸锂项目投产,丙丁化工2万吨氯化锂项目开工。", "今年5月,8万吨磷酸铁锂项目开工建设。"])
    assert {p.capacity.text: p.company for p in two.projects}["8万吨"] is None
    apart = extract(["甲乙锂业一期3万吨碳酸锂项目投产。"], ["今年5月,8万吨磷酸铁锂项目开工建设。"])
    assert {p.capacity.text: p.company for p in apart.projects}["8万吨"] is None
    place = extract(["甲乙锂业一期3万吨碳酸锂项目投产。谋划实施德令哈30万千瓦光伏项目。"])
    assert {p.capacity.text: p.company for p in place.projects}["30万千瓦"] is None


# ------------------------------------------------------------------ product names: a grade inside, locants


def test_a_grade_after_what_the_product_is_for_starts_the_product() -> None:
    ex = extract(["某某碳素12万吨锂电池高端负极材料项目开工。"])
    assert [p.product for p in ex.projects] == ["负极材料"]


def test_a_chemical_name_keeps_its_locants() -> None:
    ex = extract(["某某化工年产20万吨1,4-丁二醇项目开工。"])
    assert [p.product for p in ex.projects] == ["1,4-丁二醇"]


# ------------------------------------------------------------------ one product for a list of figures


def test_figures_of_an_enumeration_share_the_product_written_after_the_last() -> None:
    ex = extract(["新能源项目3项,分别是甲乙770兆瓦、丙丁新能源90兆瓦、戊己能源120兆瓦光伏发电等项目。"])
    assert sorted((p.company, p.product) for p in ex.projects) == [
        ("丙丁新能源", "光伏电站"), ("戊己能源", "光伏电站"), ("甲乙", "光伏电站")]


def test_a_figure_of_another_unit_or_clause_shares_no_product() -> None:
    ex = extract(["甲乙锂业完成投资5亿元,丙丁新能源90兆瓦光伏发电等项目开工。"])
    assert [p.company for p in ex.projects] == ["丙丁新能源"]


# ------------------------------------------------------------------ a restatement without the firm


def test_a_title_and_a_later_restatement_without_firm_are_the_firms_project() -> None:
    ex = extract(["3GW光伏组件项目开工"],
                 ["9月1日,某某光能(宁夏)新能源有限公司3GW光伏组件项目开工。"],
                 ["据了解,3GW光伏组件项目建成后年产值约8亿元。"])
    assert [p.company for p in ex.projects] == ["某某光能新能源"], [p.name for p in ex.projects]
    assert len(ex.projects[0].evidence) == 3


def test_a_figure_without_firm_and_two_firms_with_it_stays_apart() -> None:
    ex = extract(["甲乙光能3GW光伏组件项目开工,丙丁光能3GW光伏组件项目投产。"], ["3GW光伏组件项目带动就业。"])
    assert sum(1 for p in ex.projects if p.company is None) == 1, [p.name for p in ex.projects]


# ------------------------------------------------------------------ capacities listed as totals, classes of machines


def test_items_closed_by_a_capacity_word_are_totals() -> None:
    ex = extract(["园区已聚集一批企业,12万吨某甲材料、2亿平方米某乙膜、30吉瓦时某丙电池等产能规模。"])
    assert ex.projects == (), [p.name for p in ex.projects]


def test_a_figure_with_a_class_is_no_capacity() -> None:
    ex = extract(["该项目承担了2000吨级某某气化炉示范任务。"])
    assert ex.projects == (), [p.name for p in ex.projects]


def test_a_policy_verb_right_before_an_ending_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "某市抢抓能源革命机遇。") == []


def test_metal_and_coal_industry_endings_make_names(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "甲乙铝业电解槽升级改造、丙丁煤业矿井改造等项目开工。") == ["甲乙铝业", "丙丁煤业"]


# ------------------------------------------------------------------ items of a list of projects


def test_a_firm_and_a_works_name_in_a_list_of_projects_is_a_project() -> None:
    ex = extract(["某某硅材料10万吨多晶硅、庚辛矿业铁多金属矿等一批重点项目相继开工建设。"])
    assert ("庚辛矿业", "铁多金属矿") in {(p.company, p.product) for p in ex.projects}, [p.name for p in ex.projects]


def test_a_firm_and_a_word_outside_a_list_of_projects_is_none() -> None:
    ex = extract(["某某硅材料10万吨多晶硅项目开工,庚辛矿业铁多金属矿储量丰富。"])
    assert {p.company for p in ex.projects} == {"某某硅材料"}, [p.name for p in ex.projects]


def test_a_product_word_across_a_names_ending_keeps_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "融金矿业" in companies(nlp, "融金矿业铁矿项目开工。")  # 金矿 is a product word


# ------------------------------------------------------------------ joint builders, bought equipment, machine ratings


def test_of_two_joined_firms_working_jointly_the_first_leads() -> None:
    ex = extract(["某市举行了甲乙纳米科技股份有限公司和丙丁锂能合作建设的年产10万吨磷酸铁锂项目开工仪式。"])
    assert [p.company for p in ex.projects] == ["甲乙纳米科技"]


def test_two_joined_firms_without_joint_work_keep_the_nearest() -> None:
    ex = extract(["甲乙纳米科技股份有限公司和丙丁锂能年产10万吨磷酸铁锂项目开工。"])
    assert [p.company for p in ex.projects] != ["甲乙纳米科技"]


def test_equipment_bought_for_a_plant_is_no_project() -> None:
    ex = extract(["建设内容包括引进和购置3GW全自动组件生产线设备及测试仪器。"])
    assert ex.projects == (), [p.name for p in ex.projects]


def test_a_machines_rating_is_no_project_but_making_machines_is() -> None:
    assert extract(["该项目首次应用30MW超大型国产电动机。"]).projects == ()
    assert len(extract(["某某电气年产500MW电动机项目开工。"]).projects) == 1


# ------------------------------------------------------------------ a project named by its place; a title before a dated story


@pytest.mark.parametrize("sentence", ["德令哈抽水蓄能电站正式开工建设。", "格尔木南山口抽水蓄能电站项目完成可研。"])
def test_a_plant_named_by_its_place_is_a_project_without_company(sentence: str) -> None:
    ex = extract([sentence])
    assert [(p.company, p.product) for p in ex.projects] == [(None, "抽水蓄能")]


@pytest.mark.parametrize("sentence", ["全州光伏产业加快发展。", "110千伏茶卡变电站间隔扩建工程投运。"])
def test_an_industry_or_a_grid_work_by_place_is_no_project(sentence: str) -> None:
    assert extract([sentence]).projects == ()


def test_a_title_line_is_not_glued_to_a_dated_first_sentence() -> None:
    from chainkg.reading.normalize import normalize

    text = "某某股份2万吨/年某盐项目投料试车总产能翻倍\n9月28日晚间,某某股份发布公告,项目进入投料试车阶段。"
    assert normalize(text).text.count("\n") == 1


def test_a_subsidiary_glued_to_its_known_groups_name_is_named_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "国家能源集团某地化工公司5万吨/年某酸项目机械竣工。") == ["国家能源集团某地化工公司"]
    assert companies(nlp, "国家能源集团、某地化工公司签约。") == ["国家能源集团", "某地化工公司"]


# ------------------------------------------------------------------ a group and its unit at a place


def test_a_groups_brand_and_its_unit_at_a_place_stay_two_firms() -> None:
    ex = extract(["甲煤酒泉化学80万吨/年某醇项目进入收尾阶段;", "甲煤60万吨/年煤热解工程计划年底建成。"])
    assert sorted((p.company, p.product) for p in ex.projects) == [("甲煤", "煤热解"), ("甲煤酒泉化学", "某醇")], \
        [p.name for p in ex.projects]


def test_a_brand_and_its_full_name_without_a_place_are_one_firm() -> None:
    ex = extract(["乙丙半导体年产5万吨多晶硅项目开工。", "乙丙年产1万吨单晶硅项目签约。"])
    assert {p.company for p in ex.projects} == {"乙丙半导体"}, [p.name for p in ex.projects]


# ------------------------------------------------------------------ a person's post in a work


@pytest.mark.parametrize("sentence", ["随着某某化工公司二期聚乙烯项目经理王五一声令下,新装置开工。",
                                      "某某化工公司多晶硅项目负责人介绍了进度。"])
def test_a_product_before_a_persons_post_is_no_project(sentence: str) -> None:
    assert extract([sentence]).projects == (), [p.name for p in extract([sentence]).projects]


def test_a_product_work_without_a_post_stays_a_project() -> None:
    ex = extract(["某某化工公司二期聚乙烯项目开工。"])
    assert [(p.company, p.product) for p in ex.projects] == [("某某化工", "聚乙烯")], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a group's unit in short; a content sentence


def test_a_units_short_form_by_brand_and_place_is_the_unit() -> None:
    ex = extract(["甲煤陕西公司举行开工仪式,甲煤酒泉聚丙烯项目开工建设。", "该项目也是甲煤集团的重点项目。"])
    assert [(p.company, p.product) for p in ex.projects] == [("甲煤陕西", "聚丙烯")], [p.name for p in ex.projects]


def test_a_content_sentence_takes_the_firm_of_the_project_before() -> None:
    ex = extract(["丁戊化工公司某地新材料基地项目总投资80亿元。", "主要建设内容为60万吨/年甲醇、30万吨/年聚丙烯。"])
    assert sorted((p.company, p.product) for p in ex.projects) == [("丁戊化工", "甲醇"), ("丁戊化工", "聚丙烯")], \
        [p.name for p in ex.projects]


def test_a_product_before_a_processing_word_is_no_project() -> None:
    assert extract(["某煤公司煤炭深加工基地项目获批。"]).projects == ()


# ------------------------------------------------------------------ a yearly figure before a product in letters


@pytest.mark.parametrize("sentence, product", [
    ("某某石化建设12万吨/年PP/PE延链工程。", "PP/PE"),
    ("某某石化建设12万吨/年PC/ABS合金装置。", "PC/ABS"),
])
def test_a_yearly_figure_before_two_codes_in_letters(sentence: str, product: str) -> None:
    ex = extract([sentence])
    assert [(p.product, p.capacity.text, p.capacity.per_year) for p in ex.projects] == [(product, "12万吨/年", True)], \
        [p.name for p in ex.projects]


# ------------------------------------------------------------------ works on a resource named by its elements


@pytest.mark.parametrize("sentence, product", [
    ("某某锂业股份有限公司盐湖锂资源勘探开发及综合利用项目签约。", "锂"),
    ("推进甲乙矿业锂硼资源综合利用项目建设。", "锂硼"),
])
def test_a_firms_works_on_a_resource_make_its_elements(sentence: str, product: str) -> None:
    ex = extract([sentence])
    assert [p.product for p in ex.projects] == [product], [p.name for p in ex.projects]


def test_a_resource_without_a_firm_is_no_project() -> None:
    assert extract(["全州锂资源综合利用水平不断提高。"]).projects == ()


def test_a_brand_before_a_place_is_the_one_firm_of_that_brand() -> None:
    ex = extract(["加快推进丙矿一里坪锂硼资源综合利用开发、丁化年产2万吨碳酸锂等续建项目。", "丙矿盐湖公司负责实施。"])
    assert ("丙矿盐湖", "锂硼") in [(p.company, p.product) for p in ex.projects], [p.name for p in ex.projects]


def test_a_national_word_before_a_place_stands_for_no_firm() -> None:
    from chainkg.ingest.extract import unit_short_forms

    assert unit_short_forms(["中国西宁某品项目开工。"], ["中国某某集团"]) == {}


def test_a_group_and_its_unit_named_by_place_and_legal_form_stay_two_firms() -> None:
    ex = extract(["甲煤陕西公司年产30万吨聚丙烯项目开工。", "甲煤集团年产10万吨甲醇项目签约。"])
    assert sorted(p.company for p in ex.projects) == ["甲煤", "甲煤陕西"], [p.name for p in ex.projects]


# ------------------------------------------------------------------ firms listed as leading projects


def test_firms_in_a_list_of_leading_firms_are_named_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "洽谈引进某某碳业、甲乙铜箔、丙丁希望等一批新材料产业龙头项目。")
    assert found == ["某某碳业", "甲乙铜箔", "丙丁希望"], found
    assert extract(["洽谈引进某某碳业、甲乙铜箔、丙丁希望等一批新材料产业龙头项目。"]).projects == ()


def test_a_list_of_works_without_a_firm_alone_names_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "推进光伏组件、储能电池等重点企业项目。") == []


# ------------------------------------------------------------------ banks and credit unions


@pytest.mark.parametrize("text, name", [
    ("甲乙银行行长出席开工仪式。", "甲乙银行"),
    ("将与州政府以及青海省某某信用联社深度合作。", "青海省某某信用联社"),
])
def test_a_bank_or_a_credit_union_is_a_firm(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in companies(nlp, text), companies(nlp, text)


def test_a_policy_phrase_on_banks_names_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "鼓励商业银行加大对实体企业的信贷投放。") == []


# ------------------------------------------------------------------ a brand before a product and its plant in a list


def test_a_brand_before_a_product_and_its_plant_in_a_list_is_a_firm() -> None:
    ex = extract(["分别是甲厂料场改造、岚澄工业硅矿热炉及配套余热发电、乙丙20万吨负极材料等项目。"])
    assert ("岚澄", "工业硅") in [(p.company, p.product) for p in ex.projects], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a brand before a grade word in a list of projects


def test_a_brand_before_a_grade_word_in_a_project_list_builds_the_product() -> None:
    ex = extract(["园区先后引进了甲乙科技15GW光伏面板、丙丁戊高纯硅粉、己庚5000吨单晶硅棒等光伏产业项目。"])
    assert ("丙丁戊", "硅粉") in [(p.company, p.product) for p in ex.projects], [p.name for p in ex.projects]


def test_a_building_verb_before_a_grade_word_is_no_brand(nlp) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, "推进甲乙科技某某面板、新建高纯硅粉等产业项目。")
    assert not any("新建" in c for c in found), found


# ------------------------------------------------------------------ the nation is no firm


@pytest.mark.parametrize("text", ["1958年,中国第一袋某肥诞生,实现中国钾肥零的突破。",
                                  "中国石油和化学工业联合会副会长说,应提升电子级锂盐供应。"])
def test_the_nation_before_a_product_or_an_industry_is_no_firm(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(c.startswith("中国") for c in companies(nlp, text)), companies(nlp, text)
    assert extract([text]).projects == ()


# ------------------------------------------------------------------ classes of goods before an industry ending


@pytest.mark.parametrize("text, wrong", [
    ("打造电池材料、特种合金材料、高分子化学材料为重点的示范基地。", "化学材料"),
    ("园区配套供应化学原材料和包装物。", "原材料"),
    ("打造电池材料、特种合金材料为重点的示范基地。", "合金材料"),
])
def test_a_class_of_goods_before_an_industry_ending_is_no_firm(nlp, text: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(c.endswith(wrong) for c in companies(nlp, text)), companies(nlp, text)


def test_a_brand_before_a_materials_ending_is_still_a_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "甲乙新材料" in companies(nlp, "甲乙新材料年产2万吨某膜项目开工。")


# ------------------------------------------------------------------ a kind before a known product


@pytest.mark.parametrize("sentence, product", [
    ("某某化工高密度聚乙烯项目正式开工建设。", "高密度聚乙烯"),
    ("某某化工聚乙烯项目正式开工建设。", "聚乙烯"),
])
def test_a_kind_before_a_known_product_stays_in_its_name(sentence: str, product: str) -> None:
    ex = extract([sentence])
    assert [(p.company, p.product) for p in ex.projects] == [("某某化工", product)], [p.name for p in ex.projects]


# ------------------------------------------------------------------ the builder after 由


def test_a_builder_after_you_is_named_without_the_project_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "年产20万吨磷酸铁锂项目由丙丁科技有限公司投资建设,目前主体完工。"
    assert companies(nlp, text) == ["丙丁科技有限公司"]
    assert [(p.company, p.product) for p in extract([text]).projects] == [("丙丁科技", "磷酸铁锂")]


# ------------------------------------------------------------------ later items of one firm's enumeration


def test_later_items_of_a_firms_enumeration_are_its_projects() -> None:
    ex = extract(["甲乙化工有限公司年产5万吨碳酸锂、3万吨氢氧化锂、2万吨某盐项目开工建设。"])
    assert [p.company for p in ex.projects] == ["甲乙化工"] * 3, [p.name for p in ex.projects]


def test_an_item_after_a_clause_is_not_the_firms_by_enumeration() -> None:
    ex = extract(["甲乙化工有限公司年产5万吨碳酸锂项目开工,园区另有3万吨氢氧化锂项目在建。"])
    assert [(p.company, p.product) for p in ex.projects] == [("甲乙化工", "碳酸锂"), (None, "氢氧化锂")], \
        [p.name for p in ex.projects]


# ------------------------------------------------------------------ a concentrate and its metal content


def test_a_concentrates_metal_content_is_not_part_of_the_product() -> None:
    ex = extract(["甲乙铜业有限公司年产铜精矿含铜15万吨改扩建项目顺利投产。"])
    assert [(p.company, p.product) for p in ex.projects] == [("甲乙铜业", "铜精矿")], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a sentence that opens with the project


def test_a_sentence_opening_with_the_project_takes_the_firm_before() -> None:
    ex = extract(["甲乙风电公司200万千瓦风电制氢示范项目开工。", "该项目分两期实施,总投资70亿元。",
                  "项目建成后,预计年产某气10万吨。"])
    assert ("甲乙风电", "某气") in [(p.company, p.product) for p in ex.projects], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a grade is no brand


@pytest.mark.parametrize("text", ["推动高纯氯化锂、电池级碳酸锂等产品向高端化发展。", "发展食品级氯化钾、医药级碳酸锂等产品。"])
def test_a_grade_before_a_listed_product_is_no_firm(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, text) == [], companies(nlp, text)
    assert extract([text]).projects == ()


# ------------------------------------------------------------------ an aim to attract a project


def test_an_aim_to_attract_a_project_is_none_but_a_firm_attracted_builds() -> None:
    assert extract(["力争引进年产10万吨锂电池正极材料项目。"]).projects == ()
    ex = extract(["园区引进甲乙锂业年产5万吨碳酸锂项目。"])
    assert [(p.company, p.product) for p in ex.projects] == [("甲乙锂业", "碳酸锂")], [p.name for p in ex.projects]


# ------------------------------------------------------------------ a count of equal units


@pytest.mark.parametrize("sentence, base", [
    ("甲乙电力2×66万千瓦煤电项目开工建设。", 1.32e9),
    ("甲乙电力4x35万千瓦热电联产项目签约。", 1.4e9),
    ("甲乙电力66万千瓦煤电项目开工建设。", 6.6e8),
])
def test_a_count_of_equal_units_multiplies_the_figure(sentence: str, base: float) -> None:
    ex = extract([sentence])
    assert [p.capacity.base_value for p in ex.projects] == [base], [p.name for p in ex.projects]


def test_a_clause_of_what_the_project_makes_once_built_takes_its_firm() -> None:
    ex = extract(["甲乙矿业有限公司铜矿改扩建工程项目,建成后年产铜精矿含铜12万吨。"])
    assert ("甲乙矿业", "铜精矿") in [(p.company, p.product) for p in ex.projects], [p.name for p in ex.projects]


# ------------------------------------------------------------------ position brands that are clauses (issue 16 A)


@pytest.mark.parametrize("text, firm, wrong", [
    ("甲乙控股将投建年产5GW高效电池片项目。", "甲乙控股", "投建"),
    ("丙丁能源的储能电站建成后可年产3亿千瓦时电量。", "丙丁能源", "后可"),
    ("庚辛集团拟投资建设壬癸矿80万吨铁矿采选项目。", "庚辛集团", "壬癸矿"),
])
def test_a_verb_clause_or_mine_before_a_figure_is_no_firm(nlp, text: str, firm: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    found = companies(nlp, text)
    assert firm in found and wrong not in found, found


def test_a_short_brand_before_a_figure_is_still_a_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "南玻10万吨超白玻璃项目投产。") == ["南玻"]
    assert by_product(extract(["岚澄10万吨超白玻璃项目已投产。"]), "超白玻璃").company == "岚澄"


# ------------------------------------------------------------------ items joined by '+' (issue 16 P)


@pytest.mark.parametrize("text", [
    "丙丁锂业建设年产2万吨碳酸锂+1万吨氢氧化锂项目。",
    "丙丁锂业建设年产2万吨碳酸锂产能+1万吨氢氧化锂产能项目。",
    "丙丁锂业建设年产2万吨碳酸锂产能、1万吨氢氧化锂产能项目。",
])
def test_a_plus_sign_separates_items_like_a_list_comma(text: str) -> None:
    projects = extract([text]).projects
    assert sorted((p.company, p.product) for p in projects) == [("丙丁锂业", "氢氧化锂"), ("丙丁锂业", "碳酸锂")]


def test_a_product_before_a_plus_sign_keeps_no_sign() -> None:
    assert not any("+" in p.product for p in extract(["甲乙光能建设年产10GW单晶拉棒+切片+电池项目。"]).projects)
    # the negative: a single item with no sign keeps its product and firm
    assert by_product(extract(["丙丁锂业年产3万吨碳酸锂项目已投产。"]), "碳酸锂").company == "丙丁锂业"


# ------------------------------------------------------------------ product written before the figure (issue 16 C)


@pytest.mark.parametrize("text, product, value", [
    ("甲乙新能源在某县新建风电21万千瓦。", "风电场", 21.0),
    ("甲乙新能源将在德令哈建设光伏60万千瓦。", "光伏电站", 60.0),
    ("甲乙新能源德令哈光伏60万千瓦项目开工。", "光伏电站", 60.0),
])
def test_a_known_product_after_a_build_verb_or_place_takes_the_figure(text: str, product: str, value: float) -> None:
    project = by_product(extract([text]), product)
    assert project.company == "甲乙新能源"
    assert project.capacity is not None and (project.capacity.value, project.capacity.unit) == (value, "万千瓦")


def test_a_product_after_a_verb_of_growth_is_still_no_project() -> None:
    assert not extract(["全市新增光伏15万千瓦。"]).projects


def test_a_capacity_word_between_a_known_product_and_its_figure_keeps_the_project() -> None:
    project = by_product(extract(["甲乙矿业的铁矿采选能力230万吨/年。"]), "铁矿石")
    assert project.company == "甲乙矿业" and project.capacity is not None and project.capacity.value == 230.0


def test_a_whole_region_s_capacity_is_still_no_project() -> None:
    assert not extract(["全州铁矿采选能力500万吨。"]).projects


# ------------------------------------------------------------------ the lead paragraph's firm (issue 16 E)


def test_a_later_paragraph_without_a_subject_goes_on_about_the_lead_s_firm() -> None:
    ex = extract(["近日，甲乙锂业有限公司召开年度大会。"], ["年产3万吨碳酸锂项目已投产。"])
    project = by_product(ex, "碳酸锂")
    assert (project.company, project.rules[0].split("+")[1]) == ("甲乙锂业", "company_lead")


@pytest.mark.parametrize("paras", [
    (["近日，甲乙锂业有限公司与丙丁化工有限公司签约。"], ["年产3万吨碳酸锂项目已投产。"]),
    (["近日，甲乙锂业有限公司召开年度大会。"], ["会上，丙丁化工有限公司作了发言。"], ["年产3万吨碳酸锂项目已投产。"]),
])
def test_no_lead_firm_when_the_lead_names_two_or_another_firm_follows(paras) -> None:  # type: ignore[no-untyped-def]
    assert by_product(extract(*paras), "碳酸锂").company is None


def test_a_later_item_of_a_phase_enumeration_shares_the_phase_and_the_carried_firm() -> None:
    ex = extract(["岚澄硅材有限公司将投建年产30万吨多晶硅项目。", "一期建设10万吨多晶硅产能+8万吨工业硅产能;",
                  "二期建设20万吨多晶硅产能、16万吨工业硅产能。"])
    got = sorted((m.company, m.product, m.phase) for m in ex.mentions if m.product == "工业硅")
    assert got == [("岚澄硅材有限公司", "工业硅", "一期"), ("岚澄硅材有限公司", "工业硅", "二期")]


def test_an_item_with_a_phase_of_its_own_keeps_it() -> None:
    ex = extract(["岚澄硅材有限公司一期5万吨多晶硅及二期3万吨工业硅项目开工。"])
    assert sorted((m.product, m.phase) for m in ex.mentions) == [("多晶硅", "一期"), ("工业硅", "二期")]


def test_a_firm_carried_through_a_run_of_phase_sentences() -> None:
    ex = extract(["泓岭新能源有限公司将投建年产60GW光伏组件项目。", "项目分为三期进行建设。", "一期建设20GW光伏组件产能。",
                  "二期建设20GW光伏组件产能。", "三期建设20GW光伏组件产能。"])
    assert [m.company for m in ex.mentions] == ["泓岭新能源有限公司"] * 4


def test_a_carried_firm_ends_where_the_text_stops_referring_back() -> None:
    ex = extract(["泓岭新能源有限公司将投建年产60GW光伏组件项目。", "一期建设20GW光伏组件产能。"],
                 ["全市新建5万吨碳酸锂项目两个。"], ["会议指出。", "要抓好安全生产。", "要做好防汛。", "年产3万吨硫酸项目开工。"])
    assert [(m.product, m.company) for m in ex.mentions if m.product == "硫酸"] == [("硫酸", None)]


def test_a_group_and_its_group_named_subsidiary_are_two_firms() -> None:
    ex = extract(["在某园区,由汀澜能源集团投资建设的产业园项目,规划年产40万吨工业硅。", "汀澜能源集团硅业有限公司负责人介绍了进展。"])
    assert by_product(ex, "工业硅").company == "汀澜能源"
    assert sorted(c.name for c in ex.companies) == ["汀澜能源", "汀澜能源集团硅业"]


def test_a_brand_still_merges_into_its_group() -> None:
    ex = extract(["汀澜能源集团有限公司年产40万吨工业硅项目开工。", "汀澜能源年产20万吨多晶硅项目投产。"])
    assert [c.name for c in ex.companies] == ["汀澜能源"]


@pytest.mark.parametrize("sentence, product", [
    ("某县150万千瓦水光互补光伏项目开工建设。", "光伏电站"),
    ("某县80万千瓦林光互补光伏项目并网。", "光伏电站"),
    ("澄岭光能有限公司年产30GW切片项目投产。", "硅片"),
    ("澄岭光能有限公司年产10GW单晶硅拉棒切片项目开工。", "单晶硅"),
    ("澄岭光能有限公司年产10GW晶硅电池新能源项目签约。", "电池片"),
    ("澄岭硅材有限公司年产3000吨半导体多晶硅项目投产。", "多晶硅"),
    ("除新建400万千瓦煤电之外,还配套新能源。", "火电"),
])
def test_a_mode_a_sector_word_a_process_or_a_following_word_is_not_the_product(sentence: str, product: str) -> None:
    assert [m.product for m in extract([sentence]).mentions] == [product]


def test_first_phase_written_as_shou_or_a_digit_is_one_phase() -> None:
    ex = extract(["澄岭风能有限公司首期50万千瓦风电项目开工。", "澄岭风能有限公司一期50万千瓦风电项目进展顺利。"],
                 ["澄岭风能有限公司2期50万千瓦风电项目签约。"])
    assert sorted(p.phase for p in ex.projects) == ["一期", "二期"]


def test_a_brand_with_its_stock_code_is_a_firm_and_issues_the_announcement() -> None:
    ex = extract(["川岚龙泽:拟投资80亿元建设锂电材料项目"],
                 ["川岚龙泽(002999.SZ)发布公告,公司计划在某产业园投资80亿元建设锂电材料项目。"],
                 ["建设年产10万吨磷酸铁锂、10万吨磷酸铁及配套产品项目。"])
    assert sorted((m.company, m.product) for m in ex.mentions) == [("川岚龙泽", "磷酸铁"), ("川岚龙泽", "磷酸铁锂")]


def test_a_bracketed_figure_is_no_stock_code() -> None:
    from chainkg.ingest.extract import coded_brands

    assert coded_brands(["川岚龙泽(2023年)签约", "某县(1200亩)光伏", "年度会议(2023)召开", "澄岭锂业(002999)公告",
                         "岚峰能源(01234.HK)公告"]) == ["澄岭锂业", "岚峰能源"]


def test_the_announcing_firm_is_what_company_means_in_a_later_field() -> None:
    ex = extract(["某资讯:12月1日晚间,岚澄股份发布公告,公司将与汀澜锂业有限公司合作。"],
                 ["建设内容:公司投资建设年产5万吨磷酸铁项目。"])
    assert [(m.company, m.product) for m in ex.mentions] == [("岚澄股份", "磷酸铁")]


@pytest.mark.parametrize("text, wrong", [
    ("公司将充分发挥公司在氯碱领域的优势。", "充分发挥"),
    ("投资主体为公司新设公司及现有子公司。", "新设"),
    ("拟另设公司负责运营。", "另设"),
    ("双方同意设立公司推进项目。", "设立"),
])
def test_a_company_to_be_set_up_or_a_verb_before_gongsi_is_no_firm(nlp, text: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(wrong in name for name in companies(nlp, text))


def test_a_stem_opening_with_a_sector_word_is_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "公司向新能源先进化学电池产业延伸。") == []
    assert companies(nlp, "岚澄新能源科技有限公司开工。") == ["岚澄新能源科技有限公司"]


def test_a_route_word_before_a_product_is_dropped() -> None:
    ex = extract(["岚澄化工有限公司年产8万吨湿法净化磷酸项目开工。"])
    assert [m.product for m in ex.mentions] == ["磷酸"]


def test_a_work_named_by_its_terrain_site_has_no_firm() -> None:
    ex = extract(["通道配套新能源500万千瓦,其中甲乙沙漠光伏300万千瓦、丙丁戈壁光伏100万千瓦与戊己等风电100万千瓦。"])
    assert sorted((m.company, m.product, m.capacity.text if m.capacity else None) for m in ex.mentions) == [
        (None, "光伏电站", "100万千瓦"), (None, "光伏电站", "300万千瓦"), (None, "风电场", "100万千瓦")]
    assert ex.companies == ()


def test_a_firm_with_a_product_ending_is_still_a_firm() -> None:
    ex = extract(["岚澄光伏有限公司年产5GW光伏组件项目开工。"], ["澄岭光伏5GW组件项目投产。"])
    assert sorted(m.company for m in ex.mentions) == ["岚澄光伏有限公司", "澄岭光伏"]


def test_a_brand_before_a_product_written_before_its_phase_and_figure_builds_it() -> None:
    ex = extract(["实施澄岭日升源网荷储一期2GW等项目。"])
    assert [(m.company, m.product, m.phase) for m in ex.mentions] == [("澄岭日升", "源网荷储", "一期")]


def test_a_verb_of_making_before_a_product_is_no_brand() -> None:
    ex = extract(["岚澄生物有限公司年加工鲜果1万吨,提取枸杞多糖300吨。"])
    assert all(m.company in (None, "岚澄生物有限公司") for m in ex.mentions), [m.company for m in ex.mentions]
    assert [c.name for c in ex.companies] == ["岚澄生物"]


def test_a_phase_in_brackets_after_a_total_keeps_the_firm() -> None:
    ex = extract(["其中,岚澄希望年产12万吨多晶硅(二期)9万吨多晶硅项目装置均已安装完毕。"])
    phase = [m for m in ex.mentions if m.capacity is not None and m.capacity.value == 9]
    assert [(m.company, m.phase) for m in phase] == [("岚澄希望", "二期")]


@pytest.mark.parametrize("sentence, company, product", [
    ("同日开工的还有澄岭氢能科技有限公司建设的光伏项目。", "澄岭氢能科技有限公司", "光伏电站"),
    ("岚峰储能有限公司投资建设的储能电站项目已并网。", "岚峰储能有限公司", "储能"),
])
def test_a_relative_clause_names_a_firms_work_without_a_figure(sentence: str, company: str, product: str) -> None:
    assert [(m.company, m.product, m.capacity) for m in extract([sentence]).mentions] == [(company, product, None)]


def test_a_relative_clause_without_a_work_word_is_no_project() -> None:
    assert extract(["澄岭氢能科技有限公司建设的光伏电站年发电量1亿千瓦时。"]).mentions == ()


def test_a_name_found_only_by_position_is_not_carried_to_the_next_sentence() -> None:
    ex = extract(["园区点对点供电50万千瓦光伏项目开工。", "该项目同步建设1万吨绿氢项目。"])
    assert [m.company for m in ex.mentions if m.product == "绿氢"] == [None]


def test_a_name_found_by_its_shape_is_still_carried() -> None:
    ex = extract(["岚澄锂业有限公司年产2万吨碳酸锂项目开工。", "该项目同步建设1万吨氯化锂项目。"])
    assert [m.company for m in ex.mentions if m.product == "氯化锂"] == ["岚澄锂业有限公司"]


def test_a_groups_branch_at_a_place_is_one_name_with_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "澄岭控股集团有限公司与岚峡集团湖南分公司签署投资协议。") == ["澄岭控股集团有限公司", "岚峡集团湖南分公司"]
    assert companies(nlp, "岚峡集团与澄岭科技分公司签约。") == ["岚峡集团", "澄岭科技分公司"]


def test_a_plant_and_its_retrofit_are_not_the_product() -> None:
    ex = extract(["岚澄矿业80万吨/年选矿厂改造提升项目开工。"], ["澄岭氢能有限公司建设年产5000吨制氢工厂。"])
    assert sorted(m.product for m in ex.mentions) == ["绿氢", "选矿"]


def test_a_restatement_that_says_its_period_gives_the_projects_figure() -> None:
    ex = extract(["澄岭化工有限公司6万吨硫酸项目开工。"], ["澄岭化工有限公司年产6万吨硫酸项目进展顺利。"])
    assert [(p.capacity.text, p.capacity.per_year) for p in ex.projects if p.capacity] == [("年产6万吨", True)]


def test_a_person_walking_into_a_firm_is_not_part_of_its_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "调研组王某走进青海澄岭锂能科技有限公司生产车间。") == ["青海澄岭锂能科技有限公司"]


def test_a_kiln_is_a_plant_word_and_a_cause_is_no_product() -> None:
    ex = extract(["岚澄玻璃科技有限公司日产650吨光伏背板玻璃窑炉点火。"])
    assert [m.product for m in ex.mentions] == ["光伏背板玻璃"]
    ex = extract(["岚岫镁业有限公司年产12万吨原镁项目分两期实施,一期6万吨已建成;", "二期6万吨因资金问题已停建。"])
    assert "因资金问题" not in {m.product for m in ex.mentions}


def test_the_phases_of_a_yearly_total_stated_in_a_later_sentence_are_yearly() -> None:
    ex = extract(["年产8万吨石英砂项目由岚澄硅材有限公司投资,按两期实施。", "其中一期3万吨石英砂生产线已投产。"])
    phase = [m for m in ex.mentions if m.phase == "一期"]
    assert [(m.capacity.per_year if m.capacity else None) for m in phase] == [True]


def test_a_phase_closing_the_clause_before_is_the_phase_of_the_figures_after() -> None:
    ex = extract(["“我们正在筹建二期,再上8000吨碳酸锶和3000吨硝酸锶。”岚澄化工有限公司总经理说。"])
    assert sorted((m.product, m.phase) for m in ex.mentions) == [("硝酸锶", "二期"), ("碳酸锶", "二期")]


def test_a_phase_with_a_figure_of_its_own_lends_none_to_the_next_clause() -> None:
    ex = extract(["岚澄化工有限公司一期5000吨碳酸锶已投产,另建3000吨硝酸锶项目。"])
    assert sorted((m.product, m.phase) for m in ex.mentions) == [("硝酸锶", None), ("碳酸锶", "一期")]


def test_a_phase_after_a_totals_work_word_is_a_phase_of_it_without_figure() -> None:
    ex = extract(["岚澄电池科技有限公司年产10GWh钠离子电池项目一期开工建设。"])
    got = sorted(((p.capacity.text if p.capacity else ""), p.phase or "", p.status or "") for p in ex.projects)
    assert [(c, ph) for c, ph, _ in got] == [("", "一期"), ("年产10GWh", "")]
    assert got[0][2] and not got[1][2]  # the phase has the status, the total none


def test_a_phase_with_its_own_figure_after_the_work_word_keeps_it() -> None:
    ex = extract(["岚澄电池科技有限公司年产10GWh钠离子电池项目一期4GWh开工建设。"])
    assert not [p for p in ex.projects if p.phase == "一期" and p.capacity is None]


def test_spots_in_counties_listed_before_a_shared_product_are_sites_of_no_firm() -> None:
    ex = extract(["该基地包含三个光伏项目,分别为:甲乙县丙丁160万千瓦、戊己县庚辛70万千瓦、壬癸县子丑120万千瓦光伏项目。"])
    assert sorted((m.company, m.product, m.capacity.text if m.capacity else None) for m in ex.mentions) == [
        (None, "光伏电站", "120万千瓦"), (None, "光伏电站", "160万千瓦"), (None, "光伏电站", "70万千瓦")]
    assert ex.companies == ()


def test_firms_listed_before_a_shared_product_and_its_work_word_build_it() -> None:
    ex = extract(["分别为:甲厂160万千瓦、乙厂70万千瓦、丙厂120万千瓦光伏项目。"])
    assert sorted((m.company, m.product) for m in ex.mentions) == [
        ("丙厂", "光伏电站"), ("乙厂", "光伏电站"), ("甲厂", "光伏电站")]


def test_a_city_alone_before_a_figure_is_no_firm(nlp) -> None:  # type: ignore[no-untyped-def]
    assert companies(nlp, "海东2万吨磷酸铁锂建设项目。") == []
    assert companies(nlp, "海东澄岭2万吨磷酸铁锂建设项目。") != []


def test_a_run_ending_in_a_supply_verb_is_no_firm_and_the_firm_before_builds() -> None:
    ex = extract(["澄岭油田某区点对点供电50万千瓦光伏项目于当天开工建设。"])
    assert [(m.company, m.product) for m in ex.mentions] == [("澄岭油田", "光伏电站")]


def test_hydrogen_production_is_green_hydrogen_and_a_kind_of_work_in_a_list_is_none() -> None:
    ex = extract(["澄岭氢能有限公司建设年产1万吨制氢工厂。"])
    assert [m.product for m in ex.mentions] == ["绿氢"]
    assert extract(["主要实施风电大基地、风电制氢一体化、电网侧储能等8个项目。"]).mentions == ()


def test_a_time_word_after_a_figure_is_no_product() -> None:
    assert extract(["某铜矿改扩建后年采选能力达1800万吨每年产生效益约20亿元。"]).mentions == ()


# ------------------------------------------------------------------ product words of the third pages holdout (capshape)


@pytest.mark.parametrize(("sentence", "product", "segment"), [
    ("某某铝业有限公司5万吨特种铝棒材车间投产。", "铝棒", "金属加工"),          # not 钢材 by the head 棒材
    ("某某铝业有限公司将建设30万吨500kA电解铝生产线。", "电解铝", "有色金属冶炼"),  # rule rating_between
    ("某某冶炼有限公司10万吨粗铅冶炼项目开工。", "粗铅", "有色金属冶炼"),
    ("某某建材有限公司100万吨水泥粉磨站项目开工。", "水泥", "基础建材"),
    ("某某煤化有限公司60万吨(年)焦化项目开工。", "焦炭", "煤焦化与电石"),
    ("某某能源有限公司5亿立方米(年)天然气液化项目开工。", "液化天然气", "天然气液化与储运"),
])
def test_products_the_templates_now_hold(sentence: str, product: str, segment: str) -> None:
    found = by_product(extract([sentence]), product)
    assert found.segment == segment and found.capacity is not None
