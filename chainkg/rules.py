"""The named extraction rules, in their fixed order, each with what it means to a user.

Every fact extraction records the rules that produced it, so a user can ask "why this fact"
(为何得出) and an analyst can count facts per rule. A project mention is read by three
rules, one of each kind, tried in the order of this table:

- an **anchor** rule: how the project was found in its sentence (a figure before a product,
  a firm before a known product, an item of a project list …; see
  :meth:`chainkg.ingest.extract.SentenceReader.anchors`);
- a **company** rule: how its company was chosen, from the name right before it through the
  firms named in the sentence to the text before (the company priority chain of
  :meth:`chainkg.ingest.extract.SentenceReader.company_for` and
  ``_company_from_context``);
- a **status** rule: where its status phrase was found (after it in its clause, before it,
  in a later clause … the headings; :meth:`chainkg.ingest.extract.SentenceReader.status_for`).

Reading rules (kind ``reading``) shape what a mention holds, its figure's yearly reading, its
phase, the firm carried to it, without being one of the three it records; each is named in the
docstring of the function that applies it, with its example. Resolution rules (kind
``resolution``) say why two names are one firm or stay two; a company's ``merge_rules`` record
them (:mod:`chainkg.ingest.resolve`).

:func:`project_rule` joins the three into the one ``rule`` a project mention carries; a
statement (:mod:`chainkg.ingest.presence`) and a ledger row (:mod:`chainkg.ingest.ledger`)
carry one rule of their own kind. :func:`rule_text` says a recorded rule in Chinese, as the
pages show it. The example sentences of the extraction rules run as doctests beside the code
that implements them, in ``ingest/extract.py``.

>>> rule = project_rule("capacity_product", "company_previous", "status_after")
>>> rule
'capacity_product+company_previous+status_after'
>>> rule_text(rule)
'规模+产品 · 主语承前句 · 状态在项目之后'
>>> [r.name for r in RULES if r.kind == "status"][:2]
['status_after', 'status_before']
>>> BY_NAME["shared_phase"].kind
'reading'
"""

from __future__ import annotations

from dataclasses import dataclass

ANCHOR = "anchor"
COMPANY = "company"
STATUS = "status"
STATEMENT = "statement"
LEDGER = "ledger"
READING = "reading"
RESOLUTION = "resolution"
JOIN = "+"


@dataclass(frozen=True)
class Rule:
    """One named rule: its ``name`` (recorded on facts), its ``kind`` (anchor, company,
    status, statement, ledger; reading: not recorded; resolution: of company merges) and its
    meaning in Chinese for users (``zh``)."""

    name: str
    kind: str
    zh: str


RULES: tuple[Rule, ...] = (
    # anchors, in the order the sentence reader tries them
    Rule("capacity_product", ANCHOR, "规模+产品"),
    Rule("product_capacity", ANCHOR, "产品在前、规模在后"),
    Rule("company_product", ANCHOR, "企业+已知产品(列举项)"),
    Rule("work_at_company", ANCHOR, "项目「在/由」某企业"),
    Rule("relative_work", ANCHOR, "某企业「建设的」某产品项目"),
    Rule("listed_item", ANCHOR, "项目清单中的企业+工程名"),
    Rule("listed_work", ANCHOR, "项目清单中未署企业的产品项"),
    Rule("built_line", ANCHOR, "「建设」+已知产品+生产线/项目(无规模),句中有企业"),
    Rule("line_capacity", ANCHOR, "「建设N条某产品生产线,年生产能力N万吨」:规模属前一分句的生产线产品"),
    Rule("phase_product", ANCHOR, "分期+已知产品+工程(无规模)"),
    Rule("place_named", ANCHOR, "地名+电站类产品"),
    Rule("resource_works", ANCHOR, "企业+某元素资源开发利用"),
    Rule("works_products", ANCHOR, "「该工程主要生产A、B、C」:各为工程所属企业的无规模项目"),
    Rule("feedstock_route", ANCHOR, "「建设」+同一原料的多条路线(甲醇制A、甲醇制B),各为企业的无规模项目"),
    Rule("phase_figure", ANCHOR, "分期规模归于总项目"),
    Rule("record_scale", ANCHOR, "项目信息表的建设规模"),
    Rule("shared_product", ANCHOR, "列举项共用其后的产品"),
    # companies: the priority chain, first in the sentence, then from the text before
    Rule("company_respective", COMPANY, "「分别」逐一对应的企业"),
    Rule("company_row", COMPANY, "表格行中的企业"),
    Rule("company_adjacent", COMPANY, "紧挨项目之前的企业"),
    Rule("company_of_total", COMPANY, "随总项目的企业"),
    Rule("company_after", COMPANY, "项目「在/由」之后的企业"),
    Rule("company_label", COMPANY, "「建设单位」等字段"),
    Rule("company_listed", COMPANY, "重点项目清单括号内的建设单位"),
    Rule("company_bracketed", COMPANY, "项目名后括号内的企业"),
    Rule("company_joint", COMPANY, "合作建设的牵头企业"),
    Rule("company_in_sentence", COMPANY, "主语在句内"),
    Rule("company_enumeration", COMPANY, "列举项承首项企业"),
    Rule("company_content", COMPANY, "「主要建设」从句承前企业"),
    Rule("company_builder_for", COMPANY, "「为…配套建设」的建设方"),
    Rule("company_described", COMPANY, "下一句所述建设方"),
    Rule("company_short_form", COMPANY, "前文企业的简称"),
    Rule("company_section", COMPANY, "章节标题所列企业"),
    Rule("company_voice", COMPANY, "企业自述"),
    Rule("company_speaker", COMPANY, "受访企业"),
    Rule("company_subject", COMPANY, "段落主语"),
    Rule("company_lead", COMPANY, "前段唯一企业承至无主语段落"),
    Rule("company_issuer", COMPANY, "发文企业(「公司」)"),
    Rule("company_document", COMPANY, "全文所述企业(「公司」)"),
    Rule("company_group", COMPANY, "前文所述集团"),
    Rule("company_project", COMPANY, "句指前述项目(「项目」「一期」):其建设企业,而非其后顺带提及的企业"),
    Rule("company_previous", COMPANY, "主语承前句"),
    Rule("company_stated", COMPANY, "文中「建设单位为」所述企业(项目名称中的品牌让位)"),
    Rule("company_restated", COMPANY, "前文已述同一项目(产品与规模相同)的企业"),
    Rule("subject_named", COMPANY, "句中所提企业均为全文主题企业:无主规模归之"),
    Rule("single_firm", COMPANY, "全文只提及一家企业:未指明企业的项目归之"),
    Rule("company_stated_after", COMPANY, "后一句「该项目由某某公司投资建设」「某某公司为项目业主」所述企业(位置近者让位)"),
    Rule("lead_builder", COMPANY, "导语段所述项目:下一段首句以「该项目由某某公司建设」指明的唯一企业"),
    Rule("company_unit", COMPANY, "文中以地名冠名的唯一下属单位(平川某某公司):母公司品牌所写的项目归之"),
    Rule("document_subject", COMPANY, "全文主题企业(标题、受访或通篇所述)"),
    Rule("company_none", COMPANY, "未指明企业"),
    # statuses, in the order they are looked for
    Rule("status_after", STATUS, "状态在项目之后"),
    Rule("status_before", STATUS, "状态在项目之前"),
    Rule("status_following", STATUS, "状态在后续分句"),
    Rule("status_earlier", STATUS, "状态在前面分句"),
    Rule("status_described", STATUS, "下一句所述进展"),
    Rule("status_topic", STATUS, "段落导语所述状态"),
    Rule("status_heading", STATUS, "标题所述状态"),
    Rule("status_none", STATUS, "未述状态"),
    # presence and absence statements (ingest/presence.py), in its order
    Rule("lacking", STATEMENT, "短板或空白"),
    Rule("filled", STATEMENT, "填补空白"),
    Rule("output", STATEMENT, "产出"),
    Rule("capacity", STATEMENT, "产能"),
    Rule("operating", STATEMENT, "在产"),
    Rule("base", STATEMENT, "基地"),
    Rule("strength", STATEMENT, "优势产业"),
    Rule("plan", STATEMENT, "规划"),
    Rule("operator-name", STATEMENT, "在产企业名称"),
    # reading rules: what a mention holds, not recorded on it (ingest/capacity.py, ingest/extract.py)
    # reading rules of products, figures and phases (the spent pages holdout, issue 16)
    Rule("per_day_slash", READING, "「吨/天」「t/d」为日产规模"),
    Rule("built_output", READING, "「建成后可实现年产」为设计规模而非产量"),
    Rule("use_head_product", READING, "「用途+已知产品+材料类别」取已知产品"),
    Rule("emphasis_word", READING, "产品名中的「关键」「核心」等强调词去掉"),
    Rule("product_word", READING, "产品名后的「产品」一词去掉(只去一次,其前的工序词保留)"),
    Rule("integrated_kinds", READING, "「风光电」「光热储」一体化:每种电源各为一项,无规模"),
    Rule("fed_work", READING, "「光伏制氢」:制氢另为一项,无规模"),
    Rule("figure_of_work", READING, "「规模+的+产品+(分期)+项目」:产品在「的」之后"),
    Rule("spaced_of", READING, "规模与「的」之间的一个空格不断开「规模+的+产品」(N MW/N MWh 的储能)"),
    Rule("auxiliary_unit", READING, "「…气体脱硫装置、污水处理装置」:同句有主产品时,辅助装置不是项目"),
    Rule("freight_throughput", READING, "「百万吨仓储物流」:物流、仓储前的吨数是货运量,不是产能"),
    Rule("grid_word", READING, "「30兆瓦并网光伏」:规模与产品之间的「并网」不属产品"),
    Rule("rating_between", READING, "「30万吨500kA电解铝」:规模与产品之间的设备参数不属产品"),
    Rule("stage_of_phase", READING, "分期内「一阶段」规模归于该期"),
    Rule("opening_phase", READING, "分句开头的「一期工程」为其后规模的分期"),
    Rule("phase_investment", READING, "只写分期及其投资额的分句(其中一期计划投资N亿元)之分期归于其后分句的规模"),
    Rule("latin_multiplied", READING, "「万t/a」「万kW」:倍数词在字母单位前"),
    Rule("bracketed_year", READING, "「200万吨(年)」:单位后括号内的「年」为年产规模"),
    Rule("approximate_tail", READING, "「3万余吨」「300多吨」:数与单位之间的「余」「多」不改规模"),
    Rule("worded_hundred", READING, "「百万吨」「千万吨」:万、亿前单独的百、千即一百、一千"),
    Rule("short_form_product", READING, "同句同企业的产品简写取前面的全称"),
    Rule("code_gloss", READING, "产品中文名后的字母缩写不计入产品"),
    Rule("nickname", READING, "「被誉为“白色石油”」:引号内比喻非产品"),
    Rule("chain_link", READING, "「多晶硅—切片—电池组件」链条环节非企业项目"),
    Rule("summed_parts", READING, "「2+3万吨」:各部分各为一项"),
    Rule("place_tail", READING, "产品后紧接的地市名不属产品"),
    # reading rules of the general product lexicon (data/products.yaml, ingest/mentions.py; issue 16)
    Rule("general_sector", READING, "通用产品词后接「产业」「行业」「企业」等:指行业,非产品"),
    Rule("gloss_product", READING, "「(英文缩写PTA)」:注释词后的产品为前文产品的另称,不另计"),
    Rule("listed_kind", READING, "「门窗铝材、汽车铝材」:并列项同一产品时其前为品种,非企业简称"),
    # reading rules of products by their head (ingest/heads.py, ingest/mentions.py; issue 16)
    Rule("head_product", READING, "产品短语以已知产品(中心词)结尾:取该产品,用途、工艺路线等作限定语"),
    Rule("trailing_word", READING, "产品后粘连的工序词、用途(「改」「制备」「用于…」)不属产品"),
    Rule("rated_cell", READING, "表格单元格中的产品及其规模(「光伏电站 100MW」「风电项目(5万千瓦)」)"),
    # reading rules of the earlier rounds
    Rule("under_yearly", READING, "一个「年产」统领其并列项与分期"),
    Rule("shared_phase", READING, "列举项承前项的分期"),
    Rule("carried_subject", READING, "承前句所得企业继续承至后续句"),
    Rule("phase_name", READING, "分期统一写法(首期即一期)"),
    Rule("product_tail", READING, "去掉产品前的互补模式与其后的行业词、工序词"),
    Rule("coded_brand", READING, "带股票代码的简称即企业"),
    Rule("announcer", READING, "发布公告的企业即文中「公司」"),
    Rule("sector_opening", READING, "以行业词开头者非企业名"),
    Rule("terrain_site", READING, "地名+沙漠戈壁等场址+产品+规模:无企业"),
    Rule("county_site", READING, "某县+地名+规模:场址而非企业"),
    Rule("brand_before_product", READING, "简称+产品+分期+规模:简称即建设企业"),
    Rule("bracketed_phase", READING, "总规模后括号内分期承其企业"),
    Rule("bracketed_list", READING, "总项目后括号内的分期列举项(一期建设A、B…)承总项目的企业"),
    Rule("contract_content", READING, "以「本次合同内容包括」开头的句子:各项承前句签约企业"),
    Rule("signing_lead", READING, "「甲、乙与丙签订…」:并列签约企业中的首家为后文所承的企业"),
    Rule("builder_stated", READING, "「该项目由某某公司投资建设」「某某公司为项目业主」:后一句指明的建设企业取代前一句按位置所选的企业"),
    Rule("joint_run", READING, "「由甲、乙和丙联合投资建设」「某县与甲、乙签约」:并列的共建或被签约企业中的首家为项目企业,并为后文所承的企业"),
    Rule("investor_not_carried", READING, "「旗下」「投资设立」「参股N%」之前的企业是他企业的投资方或股东,不承至后文"),
    Rule("position_not_carried", READING, "仅凭位置得出的名称不承至后句"),
    Rule("yearly_total_phases", READING, "年产总规模的分期亦按年计"),
    Rule("clause_phase", READING, "前一分句末的分期归于其后的规模"),
    Rule("phase_of_total", READING, "总项目名后无规模的分期另为一项"),
    # reading rules of company names (ingest/mentions.py; the spent pages holdout, issue 16)
    Rule("paired_opener", READING, "「继…之后」的「继」不属企业名"),
    Rule("not_a_firm_word", READING, "学科、政府局、场站之前的行业词不是企业名尾"),
    Rule("counted_firms", READING, "「N家上市公司」是计数,不是企业名"),
    Rule("technique_after_brand", READING, "简称与规模之间的技术路线词(塔式)不属企业名"),
    Rule("listed_firm", READING, "企业列举(含首项及「等N个项目」收尾)各项均为企业"),
    Rule("under_group", READING, "紧接集团名的注册单位与集团合为一名"),
    Rule("site_before_brand", READING, "「喀什华电」:地市名+已知企业(按位置得出)即该企业,地名是场址"),
    Rule("process_word", READING, "「深加工」「煤制」等处理或工艺路线词(按位置得出)不是企业名"),
    Rule("branded_unit", READING, "集团名后「地名+自有字号+行业」的注册单位自为一家企业,不与集团合名"),
    # reading rules of the document's subject firm (ingest/subject.py; the second pages holdout, issue 16)
    Rule("company_quoted", READING, "引语后署名的企业负责人:其企业为全文主题"),
    Rule("firms_listed", READING, "「引进了甲铝业铝板带、乙硅业工业硅等企业」:以「等企业」收尾的列举是企业,无规模的产品项非项目"),
    Rule("listed_bears", READING, "无规模、无状态的顿号列举项(企业+产品)不是项目"),
    Rule("respective_groups", READING, "「甲、乙分别建成A联产B和C联产D」:按顿号/和分组逐一对应企业"),
    # evidence for a firm (ingest/firm_evidence.py, ingest/mentions.py; issue 16, round 3), in their order
    Rule("pos_opening", READING, "名称左端的动词、副词、介词、代词(按词性)不属企业名"),
    Rule("product_stem", READING, "紧接规模或「生产」之后、或产品词+行业尾的名称是产品,不是企业"),
    Rule("group_sector", READING, "「某集团+新能源等行业词」是集团的产业,企业名止于集团"),
    Rule("county_sector", READING, "文中称为县市的地名+行业词是该地产业,不是企业"),
    Rule("firm_evidence", READING, "仅凭位置得出的名称须有企业证据(名录、同文全称、地域前缀、生造词、企业列举)"),
    # firm choice and boundaries (ingest/extract.py, ingest/firm_evidence.py; issue 16, the pages' firm errors by cause)
    Rule("titled_brand", READING, "仅见于书名号内项目名称中的企业品牌,让位于文中标明的建设单位"),
    Rule("time_clause", READING, "名称左端的时间从句(增资后、投产后)不属企业名"),
    Rule("letter_opening", READING, "名称左端单字连词、介词(而、暨、就)不属企业名"),
    Rule("quantity_in_name", READING, "企业名不含数量词(亿元、百万吨):开头者为前面数字的单位,去掉;居中者整体非企业名"),
    Rule("known_product", READING, "名录企业名后紧接产品词:企业及其产品,不是更长的企业名"),
    Rule("named_park", READING, "企业名+产业园+规模:以企业命名的园区,企业名止于园区词之前"),
    Rule("short_subject", READING, "句首为前文企业名的开头(三字以上):即该企业的简称,为句中项目的企业"),
    Rule("listed_means", READING, "以「等…技术、理念」收尾的列举项是技术或理念,不是企业"),
    Rule("list_lead", READING, "引出企业列举的动词(主要有、包括、引进)及其前的词不属企业名"),
    Rule("listed_first_item", READING, "冒号后以「等N家企业」收尾的企业列举:首项整体亦为企业"),
    Rule("listed_works", READING, "「等…项目」收尾的项目列举中,他项企业有证据时,各项开头的简称亦为企业"),
    Rule("plant_gap", READING, "列举项之间的「车间、生产线、装置」不断开列举:后项承首项企业"),
    # guards against false projects whose shape recurs across the spent pages sets (issue 16, branch prec)
    Rule("industry_item", READING, "项目列举中以「的」描述或以工艺路线(煤制)开头、未署企业的产品项是行业门类,不是项目"),
    Rule("supply_figure", READING, "「投放」「供应」「拿出」之后的规模是供货量,不是项目"),
    Rule("aim_noun", READING, "规模后紧接「目标」「任务」:是目标,不是产品"),
    Rule("plant_name_cue", READING, "「生产线」「生产项目」中的「生产」是厂名的一部分:其后的规模仍是项目规模"),
    Rule("visit_verb", READING, "「一行深入」「莅临」等视察动词不属企业名"),
    # firm boundaries on the spent holdouts 3 to 7 (ingest/mentions.py; issue 16)
    Rule("located_firm", READING, "未带法定形式的名称以县市旗名开头:是企业所在地,企业名从其后起(重庆市、国网等已知企业不拆)"),
    Rule("legal_tail", READING, "「某某有限公司」中「限公司」等法定形式的残尾不是企业简称"),
    # company resolution (ingest/resolve.py), in its order
    Rule("alias-table", RESOLUTION, "别名表所列同一企业"),
    Rule("legal-form", RESOLUTION, "去掉法定形式后同名"),
    Rule("region-prefix", RESOLUTION, "去掉地域前缀后同名"),
    Rule("defined-alias", RESOLUTION, "文中「以下简称」"),
    Rule("brand-prefix", RESOLUTION, "简称为全称开头"),
    Rule("brand_in_document", RESOLUTION, "简称按文档解析:即本文所写的该简称全称;他文全称仅当全库唯一且非分公司时适用"),
    Rule("group_unit", RESOLUTION, "集团与其驻地单位为两家企业"),
    Rule("group_subsidiary", RESOLUTION, "集团与其「集团某业」子公司为两家企业"),
    Rule("group_branch", RESOLUTION, "企业名后紧接「某地分公司」为其分支机构"),
    Rule("branch_whole", READING, "「某某分公司」整名保留,不去掉「公司」成「某某分」"),
    Rule("stated_subsidiary", RESOLUTION, "文中写明「甲为乙的全资子公司」:两家企业,不合并"),
    Rule("stated_period", RESOLUTION, "同一规模取写明「年产」的表述"),
    Rule("restated_phase", RESOLUTION, "无企业无分期的项目复述本文某企业带分期的同产品同规模项目:即该项目"),
    Rule("restated_headline", RESOLUTION, "「原标题:」句中的列举项为正文项目的复述,不作独立列举"),
    # rows of staff ledgers (ingest/ledger.py)
    Rule("ledger_row", LEDGER, "项目台账行"),
    Rule("ledger-directory", LEDGER, "企业名录台账行"),
)
"""Every rule, in its fixed order: the order extraction tries them within each kind."""

BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def project_rule(anchor: str, company: str, status: str) -> str:
    """The rule a project mention records: its anchor, company and status rules, joined.

    >>> project_rule("listed_item", "company_none", "status_heading")
    'listed_item+company_none+status_heading'
    >>> project_rule("capacity_product", "status_after", "company_none")
    Traceback (most recent call last):
    ...
    ValueError: project_rule: status_after is no company rule
    """
    for name, kind in ((anchor, ANCHOR), (company, COMPANY), (status, STATUS)):
        rule = BY_NAME.get(name)
        if rule is None or rule.kind != kind:
            raise ValueError(f"project_rule: {name} is no {kind} rule")
    return JOIN.join((anchor, company, status))


def rule_parts(rule: str) -> tuple[str, str, str] | None:
    """The anchor, company and status rules of a project rule written by :func:`project_rule`, or
    None for any other rule (one name, a ledger row's): the rules that re-give a project its firm
    keep its anchor and status and change the company rule.

    >>> rule_parts("listed_item+company_none+status_heading"), rule_parts("ledger_row")
    (('listed_item', 'company_none', 'status_heading'), None)
    """
    parts = rule.split(JOIN)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def rule_text(rule: str | None) -> str:
    """What a recorded rule (one name, or names joined by :func:`project_rule`) means, in
    Chinese; a name this table does not know (a graph written by an older version) is shown
    as written, and no rule gives an empty text.

    >>> rule_text("ledger_row"), rule_text("operating"), rule_text(None)
    ('项目台账行', '在产', '')
    >>> rule_text("capacity_product+some_old_rule")
    '规模+产品 · some_old_rule'
    """
    if not rule:
        return ""
    return " · ".join(BY_NAME[name].zh if name in BY_NAME else name for name in rule.split(JOIN))


def rules_text(rules: list[str] | tuple[str, ...]) -> str:
    """The meanings of several recorded rules (a project's ``rules``), one after another.

    >>> rules_text(["capacity_product+company_adjacent+status_after", "ledger_row"])
    '规模+产品 · 紧挨项目之前的企业 · 状态在项目之后;项目台账行'
    """
    return ";".join(rule_text(r) for r in rules)
