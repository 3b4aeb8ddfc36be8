"""From marked sentences to project mentions: who builds what, how much, how far along.

:func:`extract` runs the pipeline of :mod:`chainkg.ingest.nlp` over every sentence
(``nlp.pipe``) and reads the span groups the components wrote (:mod:`chainkg.ingest.mentions`);
:func:`run_extraction` adds resolution (:mod:`chainkg.ingest.resolve`) and is the entry point.

A project is anchored on a capacity followed by a product (南玻10万吨多晶硅); on a bare phase
figure inside a total (…年产20万吨磷酸铁项目,其中一期5万吨: the phase takes the total's
product and company); or on a company followed by a known product that closes an
enumeration item (赣锋锂业金属锂、…) or named as the place of the work (…项目已在某某镁业投产).
For each anchor:

- company: the name right before it (places, a phase, 年产 may sit between); else the last
  company named before it in the sentence when that name is no other item's own
  (某某有限公司计划投资…建设年产…; "…1000吨氯化锂和1万吨碳酸锂", "…光伏配套…储能"; "其中" lists); else the
  builder a title sentence's next sentence opens with (see ``described_by``); else, when the
  sentence has no company and refers back (公司, 该企业, 其中), quotes someone, or names a
  further phase, the last company of the three sentences before; else the firm the whole
  document is about (its headline's, its quoted officer's, the one it names most:
  :mod:`chainkg.ingest.subject`).
- status: the phrase after the item in its clause (an enumeration shares it); else a strong
  one before it in the clause (开工建设格尔木…); else one in a following clause without an
  item; else one in an earlier clause; else one in the headings (签约项目, 洽谈项目); else a
  bare 建设 before it. Adjacent phrases count together, the most advanced wins (试车成功并试产).
- mode: ``planned`` under a heading of this year's plan or tasks (二、2023年主要目标和重点任务),
  ``reported`` under a review heading and everywhere else.
- not a project: totals, targets, output, savings, reserves (产能87万吨, 生产钾肥856万吨,
  新增100万吨…, 节约…吨, 探明储量…) — a cue word between the item start and the capacity —,
  an aim to attract an unnamed project (引进一个年产…项目), and aggregates with no product (450万千瓦大基地项目). Products named with such figures are
  kept as ``production``.

Each anchor finder, each step of the company choice and each place a status is looked for is a
named rule of :mod:`chainkg.rules`, tried in the table's order; a mention records the three that
read it (``ProjectMention.rule``: ``anchor+company+status``), and :func:`rules_fired` shows them
on any text. The rules' docstrings carry an example of each firing.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import groupby
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from chainkg.collector import rarer_young_collections
from chainkg.ingest.context import SentencePlace, place_sentence, sentence_place
from chainkg.reading.document import Document, Sentence
from chainkg.ingest.capacity import summed_parts, under_yearly
from chainkg.ingest.firm_evidence import FirmEvidence, county_sector, gazetteer_names
from chainkg.ingest.facts import Capacity, Evidence, Extraction, Mentions, MentionSpan, ProjectMention, Statement
from chainkg.ingest.mentions import (CAPACITY, COUNT_OF_WORKS, COUNT_UNIT, doc_text, COMPANY, CONNECTORS, ETC, figure_of_end,
                                     GRADE_LIST, PHASE, PHASE_OR_YEARLY, PRODUCT, RATING_GAP, SEPARATORS, SUBSIDIARY_TAIL, TECH_WORD,
                                     TERMS, TEXT_KEY, WORK_LIST_END, capacity_of, company_lexicon, drop_groups,
                                     enumeration_items, group_spans, set_group, span_text)
from chainkg.lexicon import canonical_phase, char_class, counting_numerals, cue_tables, cues, one_of, pattern_rows, phase_pattern, place_names
from chainkg.ingest.presence import Mark, Marks, read_presence
from chainkg.ingest.resolve import company_key, listed_items, resolve
from chainkg.reading.headings import is_heading_line
from chainkg.reading.sentences import sentence_bounds
from chainkg.status import best_status, status_phrases
from chainkg.ingest.vocab import clean_product, vocabulary
from chainkg.rules import JOIN, project_rule, rule_parts
from chainkg.templates import Templates, product_index

_CLAUSE_END = re.compile(r"[，；;：:。！？!?\t]|(?<![0-9]),|,(?![0-9])")
_ITEM_TAIL = re.compile(r"([^、，,；;。：:！？!?（）()“”\"]{0,8}?)(?:$|[、，,；;。：:！？!?）)”\"]|"
                        + one_of(cues()["item_tail_words"]) + ")")
# the end of an enumeration whose last item names the product all items share (…120兆瓦光伏发电|等项目)
_SHARED_END = re.compile("|".join(cues()["enumeration_ends"]))
_TOTAL_CLOSING = re.compile(ETC + "[^、]{0,8}?(?:" + "|".join(cues()["total_closings"]) + ")")
_RATING_CLASS = tuple(cues()["rating_class"])
_CONSUMPTION = re.compile("|".join(cues()["consumption_words"]))
_COUNTED_UNITS = ("set", COUNT_UNIT)  # base units of figures that count things unless made or listed (台, 件)
_UNIT_AGAIN = re.compile(r"(\D)\1(?:" + "|".join(_RATING_CLASS) + ")$")
# an enumeration closed as a list of projects (…等一批重点项目, …等项目) and a work's name filling an item
_LISTED_WORK = re.compile(rf"([\u4e00-\u9fff]{{2,10}})(?=、|{ETC})")
_JOINERS = (*cues()["list_joiners"], *cues()["joiner_words"])  # 和, 及, 与, 以及
_JOINED = (*_JOINERS, "、")
_JOINT_VERBS = tuple(cues()["joint_verbs"])
_MACHINE_AFTER = re.compile("[^，,。；;、：:]{0,6}?(?:" + "|".join(cues()["machine_words"]) + ")")
_PLANT_AFTER = re.compile("|".join(cues()["plant_words_after_place"]))
_PLANT_ENDINGS = tuple(cues()["plant_words_after_place"])
_GRID_WORKS = tuple(cues()["grid_works"])
_GROUP_WORDS = cues()["group_words"]
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_COUNT_THEN = re.compile(f"^{COUNT_OF_WORKS}$")
_NOT_PROJECT = cues()["not_project_before"]
# verbs of making: a count of sets (台套) after one in its clause is output (年产某某电解槽500台套)
_MAKING = cues()["making_words"]
# a figure followed by a machine and how many of them is the rating of one machine (6.25兆瓦风机80台)
_MACHINE_RATING = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,6}?[0-9]+" + char_class(cues()["machine_count_measures"])
                             + r"(?![\u4e00-\u9fff])")
# a cue right after a direction is part of a place (园区西出口10万千瓦…: the west exit, not exports)
# (and one right before money is no output: 完成|投资亿元以上的…项目; nor a verb of output right before a plant word,
# rule plant_name_cue: 生产|线, 生产|项目 name a plant)
_NOT_PROJECT_CUE = re.compile(
    f"(?<!{char_class(cues()['directions'])})(?:"
    + "|".join(f"{w}(?!{one_of(cues()['not_project_plants'])})" if w in cues()["plant_name_verbs"] else w
               for w in _NOT_PROJECT)
    + f")(?!{one_of(cues()['not_project_money'])})")
# an aim to attract some project not yet found (力争引进一个年产…项目, 招引两家…企业): no firm builds it
_ATTRACT_AIM = re.compile(f"{one_of(cues()['attract_verbs'])}[^，,；;。]{{0,3}}?"
                          f"(?:[0-9]|{char_class(cues()['aim_count_numerals'])})+{char_class(cues()['aim_count_measures'])}")
# capacity + one of these is an aggregate of many plants, not a product (450万千瓦大基地项目)
_AGGREGATES = cues()["aggregate_words"]
_THROUGHPUT = tuple(cues()["throughput_words"])  # rule freight_throughput
_AUXILIARY = tuple(cues()["auxiliary_works"])  # rule auxiliary_unit


def auxiliary_units(anchors: list[_Anchor]) -> list[_Anchor]:
    """Rule ``auxiliary_unit``: among the anchors of one sentence, those whose product is an auxiliary unit of a works
    (…气体脱硫, …污水处理装置: ``auxiliary_works``) are no projects when the sentence also names the works' main
    product (建设内容包括:N万吨/年甲装置、N万吨/年气体脱硫装置、N万吨/年污水处理装置); alone, such a unit is one.

    >>> [r[1] for r in rules_fired("甲乙化学有限公司建设内容包括:60万吨/年兰炭装置、8万吨/年气体脱硫装置、"
    ...                            "30万吨/年污水处理装置。")]
    ['兰炭']
    >>> [r[1] for r in rules_fired("甲乙水务有限公司10万吨/日污水处理项目开工。")]
    ['污水处理']
    """
    main = [a for a in anchors if not (a.product.id_ or span_text(a.product)).endswith(_AUXILIARY)]
    return main if main else anchors


def freight_throughput(cap: Capacity, product: str) -> bool:
    """Rule ``freight_throughput``: a tonnage before a product of moving or storing goods (百万吨|仓储物流, 3000万吨
    物流) is the freight it handles, no plant's capacity and no project's scale.

    >>> from chainkg.ingest.capacity import parse_capacity
    >>> freight_throughput(parse_capacity("3000万吨"), "物流"), freight_throughput(parse_capacity("3万吨"), "碳酸锂")
    (True, False)
    >>> rules_fired("某某物流园建设百万吨仓储物流基地。")
    []
    """
    return cap.base_unit == "t" and product.endswith(_THROUGHPUT)


_ANAPHORA = cues()["anaphora_words"]
_QUOTE_MARKS = cues()["quote_marks"]
_FIRM_ANAPHORA = tuple(cues()["firm_anaphora_words"])


def _quoted(text: str) -> bool:
    """Whether ``text`` holds a quotation mark (``quote_marks``): a quote is someone's words.

    >>> _quoted("甲说:“项目将于年底投产。”"), _quoted("项目投产。")
    (True, False)
    """
    return any(q in text for q in _QUOTE_MARKS)


# between a status phrase and the firm it describes (竣工投产的|某某公司…, 同日投产的还有|某某公司…,
# 开工项目中,|某某公司…)
_OF = one_of(cues()["of_marks"])
_PROJECT = one_of(cues()["project_words"])
_STATUS_OF_FIRM = re.compile(f"{_OF}{one_of(cues()['status_of_firm_also'])}?"
                             f"|{_OF}?{_PROJECT}{one_of(cues()['within_words'])}?[，,：:]")
# a clause that opens by referring back to the firm named before it in the sentence
_CLAUSE_REFERENCE = re.compile(f"{one_of(cues()['clause_adverbs'])}?{one_of(cues()['firm_references'])}")
# a status phrase after one of these (or followed by 后: 建成后) is an aim or a condition, not
# where the project stands (计划年底并网, 力争年内开工, 投产后每年…)
_TENTATIVE_BEFORE = re.compile(one_of(cues()["tentative_words"]) + "[^，,；;。]{0,10}$")  # 计划2026年4月开工
_TENTATIVE_AFTER = re.compile(one_of(cues()["after_words"]))  # used with .match at the phrase's end
# 分两期|建设, 分期|实施: how the work is split, not where it stands
_IN_PHASES_BEFORE = re.compile(
    f"{one_of(cues()['split_marks'])}(?:[0-9]|{char_class([*counting_numerals(), *cues()['numeral_colloquial']])})?"
    f"{one_of(cues()['phase_marks'])}$")
# a stage said not to have happened (原定3月投产未能实现, 并网时间推迟): no status at all
_FAILED_AFTER = re.compile(f"{one_of(cues()['failed_aims'])}?{one_of(cues()['failed_words'])}")
_ITEM_SIGNS = cues()["item_signs"]
# what joins the items of one enumeration (A、B, A+B, A及B, A和B, A配套B: a work and its supporting
# work), after a word that may close an item (甲产能+乙产能) or the plant that makes it (rule plant_gap:
# 甲5万吨A|车间、|10万吨B|生产线、…: the items stay one enumeration)
_ENUM_GAP = re.compile(f"{one_of([*cues()['item_capacity_words'], *cues()['item_plant_words']])}?"
                       f"{char_class(['、', *_ITEM_SIGNS])}?"
                       f"{one_of(_JOINERS)}?{one_of(cues()['mode_words'])}?")
# a field that describes the work (建设内容：…), and any field label (where it ends)
_DESCRIPTION_LABEL = re.compile(one_of(cues()["description_labels"]) + r"\s*[：:]")
_ANY_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[：:]")
# a stage stated as done (完成设备安装): the stage stated after it, if more advanced, is where it stands
_DONE_BEFORE = re.compile(one_of(cues()["done_words"]) + "$")
# a phase right before a product, or before a word joined to it (二期|甲和|乙), and the work word after it
_PHASE_BEFORE_PRODUCT = re.compile(rf"{phase_pattern()}(?:[\u4e00-\u9fffA-Za-z]{{1,6}}{one_of(_JOINERS)})?$")
_PHASE_PRODUCT_WORK = re.compile(rf"[\u4e00-\u9fff]{{0,2}}?{one_of(cues()['phase_product_works'])}")
# what may stand before such a phase in its clause: times and aims (计划2011年11月|一期…), no subject
_PHASE_LEAD = re.compile(f"(?:{one_of(cues()['tentative_words'] + cues()['np_time_adverbs'])}|[0-9]+"
                         f"|{char_class(cues()['date_marks'] + cues()['date_parts'])}|\\s)*")
# a stage of a phase right before a figure (二期…项目|一阶段|5万吨; rule stage_of_phase)
_STAGE_END = re.compile(f"{one_of(cues()['stage_ordinal'])}?(?:{char_class(counting_numerals())}|{one_of(cues()['phase_firsts'])})"
                        f"{one_of(cues()['stage_marks'])}$")
# a company introduced by a label after the project: "…风电项目:建设单位为某某公司"
_COMPANY_LABEL = re.compile(f"{one_of(cues()['builder_labels'])}{one_of(cues()['label_copulas'])}?[：:]?$")
_TITLE_OPEN, _TITLE_CLOSE = cues()["title_brackets"]
# a record of labelled fields, one per sentence (项目名称:…;建设单位:…;建设规模:…;进展:…)
# the label of a field (现有产能:…), at the start of the text or after a sentence or field end
_FIELD_LABEL = re.compile(r"(?:^|(?<=[。；;\n\t]))\s*([\u4e00-\u9fff]{2,6})[：:]")
_FIELD_END = re.compile(r"[。；;\n\t]")
# between a builder and the firm it builds for (甲|为|乙配套建设…)
_FOR = re.compile(f"{one_of(cues()['for_auxiliaries'])}?{one_of(cues()['for_words'])}")
# a table cell holding only a unit (the unit column of an output table)
_UNIT_CELL = re.compile(f"{one_of(cues()['list_figure_multipliers'])}?{one_of(cues()['unit_cell_units'])}")
# the owners named after the items (…项目同日开工,业主分别为甲和乙)
_RESPECTIVELY = cues()["respective_words"][0]  # 分别: each of the items before, in order
_RESPECTIVE_AFTER = re.compile(f"{one_of(cues()['respective_owners'])}?{re.escape(_RESPECTIVELY)}"
                               f"{one_of(cues()['respective_verbs'])}")
# between a project's name and its builder in brackets (年产…X项目(某某有限公司))
_WORK = one_of(cues()["work_words"])  # 项目, 工程
# a work named after its firm, right after the firm's name (甲公司|焦炉煤气综合利用|项目): rule company_project
_NAMED_WORK = re.compile(f"[^{''.join([*cues()['of_marks'], *cues()['named_work_stops']])}\\W\\d]"
                         f"{{0,{int(cue_tables()['named_work_letters'])}}}{_WORK}")
_BRACKET_AFTER_WORK = re.compile(rf"[\u4e00-\u9fff]{{0,6}}?{_WORK}?[（(]")
# a list number alone (1. / (一) / 一、), perhaps with a closing mark
_NUMERAL = char_class(counting_numerals())
_NUMBER = rf"(?:[0-9]{{1,3}}\s*[.．、]|[(（](?:{_NUMERAL}|[0-9]){{1,3}}[)）]|{_NUMERAL}{{1,3}}、)"  # 1. / (一) / 一、
_LIST_NUMBER = re.compile(rf"{_NUMBER}?\s*[。.]?")
_NUMBERED = re.compile(rf"\s*{_NUMBER}")  # a sentence that opens a numbered item (5.某镇…项目)
_RECORD_START = re.compile(rf"^\s*(?:{_NUMBER}\s*)?{one_of(cues()['record_name_labels'])}\s*[：:]")
_SCALE_LABEL = re.compile(one_of(cues()["scale_labels"]) + r"\s*[：:]\s*$")
# a status word that starts a field's label (建设|内容:, 建设|规模:) is the label, not a status
_FIELD_LABEL_AFTER = re.compile(one_of(cues()["field_label_ends"]) + r"\s*[：:]")
_RECORD_FIELD = re.compile(r"^\s*" + one_of(cues()["record_fields"]) + r"\s*[：:]")
_YEAR = one_of(cues()["date_marks"][:1])  # 年
_PLAN_HEADING = re.compile(rf"({one_of(cues()['plan_words'])}|(\d{{4}}){_YEAR}.*({one_of(cues()['plan_aims'])}))")
_REVIEW_HEADING = re.compile(f"({one_of(cues()['review_topics'])}{one_of(cues()['review_situation'])}"
                             f"|{one_of(cues()['review_words'])})")  # 工作总结, 重点项目推进情况
# an item of a key-project list: number, project name, builder in brackets (3. 某某项目（某某有限公司）)
_LISTED_BUILDER = re.compile(r"\s*[0-9]{1,3}\s*[.．、]\s*[^，,；;。（(）)]{2,40}?" + _WORK + "[（(]")
_BETWEEN_COMPANY_AND_ANCHOR = re.compile(f"^{one_of(cues()['company_anchor_gaps'])}?$")
# between a product named before its figure and it: a phase or a word for capacity (铁矿采选能力230万吨),
# a word of approximation (绿氢约4000吨)
_PHASE_GAP = re.compile(f"(?:{phase_pattern()}|{one_of(cues()['capacity_words_before_figure'])})?"
                        f"{char_class(cues()['approximate_words'])}?")
_LOOKBACK_SENTENCES = 3
# a relative clause before a known product and its work word: 某某公司|建设的|光伏|项目 (rule relative_work)
_RELATIVE_WORK = re.compile(one_of(cues()["relative_work_verbs"]) + one_of(cues()["of_marks"]) + "$")
_WORK_AFTER = re.compile(one_of(cues()["work_words"]))
_WORK_BY = re.compile(_WORK + one_of(cues()["by_words"]) + "$")  # …项目由|某某公司: rule lead_builder
# rule built_line: a verb of building, then a known product and its plant or work word (建设|碳酸锂|生产线), and the
# next item of such a list (…生产线、|氯化锂生产线)
_LINE_VERBS = tuple(cues()["name_build_verbs"])
_LINE_AFTER = re.compile(one_of([*cues()["plant_ends"], *cues()["work_words"]]))
_LINE_ITEM_BEFORE = re.compile(one_of([*cues()["plant_ends"], *cues()["work_words"]]) + "、$")
_LINE_BACK = 8  # how far back the verb or the item before is looked for
# rule line_capacity: a clause closing with a product's line (…A|生产线), and one opening with a word for capacity
# before a bare figure (,|年生产能力|200万吨)
_LINE_END = re.compile(r"\s*" + one_of(cues()["plant_ends"]) + r"\s*")
_LINE_CAPACITY = re.compile(r"\s*" + one_of(cues()["line_capacity_words"]) + r"\s*"
                            + one_of([*cues()["line_capacity_links"], *cues()["approximate_words"]]) + r"?\s*")
# 等 and a word for firms, none for works (…等企业, 等龙头企业; not 等一批龙头项目): the list names firms (rule firms_listed)
_FIRMS_ONLY_END = re.compile(ETC + "[^、，,。；;：:]{0,6}?" + one_of(
    w for w in cues()["firm_list_closings"] if not w.endswith(tuple(cues()["project_list_closings"]))))
_WORK_BEFORE_PHASE = re.compile(one_of(cues()["work_words"]))  # 年产10GWh甲项目|一期: rule phase_of_total
# a clause opening with a phase and its work word, after 其中 (其中,|一期工程计划…): rule opening_phase
# or with the phase and its investment (其中一期计划投资N亿元,|建设…; rule phase_investment)
_OPENING_PHASE = re.compile(rf"\s*{one_of(cues()['among_words'])}?[，,]?\s*(?P<phase>{phase_pattern()})"
                            rf"(?:{one_of(cues()['work_words'])}|(?P<invest>{one_of(cues()['phase_investment_words'])}))")
_INVESTMENT_AMOUNT = re.compile(r"\s*" + char_class(cues()["approximate_words"]) + r"?\s*[0-9.０-９]+\s*"
                                + one_of(cues()["money_units"]) + r"\s*")  # 50亿元
_BRACKETED_PHASE = re.compile(rf"\s*[（(]{phase_pattern()}[)）]\s*")  # 年产12万吨甲(二期)|9万吨甲: the total's phase
# a list of a phase's items opened in brackets right after the total's project (rule bracketed_list):
# 甲公司60万吨A一体化项目|(一期建设|年产20万吨B、…) or …项目|,一期建设|…: a few words and the work word, then
# the bracket and its phase, or a comma and a phase, and the verb or word that opens the list
_LIST_BRACKET = re.compile(
    rf"\s*(?:[^，,。；;、（(）)]{{0,8}}?{one_of(cues()['work_words'])})?\s*"
    rf"(?:[（(]\s*(?:{phase_pattern()})?|[，,]\s*{phase_pattern()})[，,]?\s*"
    rf"{one_of([*cues()['content_openers'], *cues()['name_build_verbs'], *cues()['among_words']])}?\s*")
# anchors of list items without a figure: a project only when a status is stated for them (rule listed_bears)
_BARE_LISTED = frozenset({"company_product", "built_line"})
_FIRM_NEEDED = frozenset({"feedstock_route", "works_products"})  # anchors without figure that make a project only with a firm
_CARRIED = "company_previous"  # the company rule of a firm carried from the sentences before
_SPEAKER_OPENING = 4  # sentences at a document's start that may introduce an interviewee
_FIRST_PERSON_PLACE = re.compile(f"{_OF}?{one_of(cues()['first_person_places'])}")
_QUOTED_SPEECH = re.compile(r"[“「\"][^”」\"]*[”」\"]")
# a verb's aspect marker (or 的): the words between a company and a product are a clause (承担着)
_ASPECT = "".join(cues()["aspect_marks"])
_OF_CHARS = "".join(cues()["of_marks"])  # 的
_TRAILING_PHASE = re.compile(PHASE_OR_YEARLY + "+$")
_WEAK_STATUS = frozenset(cues()["weak_status_words"])  # too common to decide alone
_SECTION_HEADING_MAX = 30  # a longer heading with clause marks is a list item, not a section's name
# the firm itself, in a text it issues (公司拟…, 本公司…); not 该公司, 这家公司, 子公司
_ISSUER_REFERENCE = re.compile(f"(?<!{char_class(cues()['issuer_not_after'])}){one_of(cues()['issuer_words'])}")
# a sentence that opens by naming the project of the sentence before (该项目总投资…,目前主体已封顶)
_PROJECT_REFERENCE = re.compile(f"{one_of(cues()['project_demonstratives'])}?{_PROJECT}")
# a definition after a company name: (以下简称"海西某某"或"标的公司")
_DEFINITION = re.compile(f"[（(]{one_of(cues()['definition_openers'])}{one_of(cues()['definition_verbs'])}[：:]?"
                         r'((?:[“"「『][^”"」』]{1,12}[”"」』]'
                         + char_class([*cues()["definition_joiners"], "、", ",", "，"]) + r"?)+)[）)]")
# a name right before its stock code in brackets (某某(002999.SZ)): rule coded_brand
_CODED_BRAND = re.compile(r"([\u4e00-\u9fff]{2,10})[（(]\s*(?:" + one_of(cues()["stock_code_labels"]) + r"\s*[：:]?\s*)?"
                          r"(?:[0-9]{6}(?:\.(?:" + one_of(cues()["stock_code_markets"]) + r"))?|[0-9]{4,5}\.(?:"
                          + one_of(cues()["stock_code_markets"]) + r"))\s*[)）]")  # 6 digits (A shares), or a market
_ANNOUNCES = re.compile(one_of(cues()["announce_words"]))
_SUBSIDIARY_COPULA = re.compile(one_of(cues()["subsidiary_copulas"]))
_SUBSIDIARY_ROLE_BEFORE = re.compile(SUBSIDIARY_TAIL.pattern + "$")  # a firm right after …全资子公司 (rule stated_subsidiary)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{1,12})[”\"」』]")
# a sentence that only names its project (1.某某公司年产…项目。): the next sentence describes it
_TITLE_END = re.compile(_WORK + r"?[。.；;！!]?\s*$")
# ... and may open with who builds it (由某某公司投资…建设)
_BY = one_of(cues()["by_words"])
_BUILDER_OPENING = re.compile(rf"\s*{one_of(cues()['builder_openers'])}?{_BY}$")
_BUILDER_VERB = re.compile("[^，,；;。]{0,12}?" + one_of(cues()["builder_verbs"]))
_OUTPUT_GAP = re.compile(f"^{one_of(cues()['output_totals'])}?{one_of(cues()['output_words'])}?"
                         f"{one_of(cues()['output_verbs'])}?$")
# before a firm after a product: the project is at or by it (…项目在|某某公司)
_AT_OR_BY = one_of(cues()["at_by_words"])
_AT_OR_BY_END = re.compile(_AT_OR_BY + "$")
_PROJECT_AT_OR_BY_END = re.compile(f"{_PROJECT}{char_class(cues()['project_adverbs'])}?{_AT_OR_BY}$")
_OWNER_JOINED = re.compile("^" + one_of([*_JOINERS, *cues()["clause_joiners"]]))
_AMONG = cues()["among_words"][0]  # 其中
_WE = cues()["first_person_plural"][0]  # 我们


@dataclass(frozen=True)
class _Anchor:
    """Where a project is found in a sentence and by which anchor rule (``rule``), with its
    product, its figure (if any) and the total a phase figure belongs to (``parent``). Rules
    ``capacity_product`` (a figure, then its product) and ``product_capacity`` (a product named
    before its figure), read in :meth:`SentenceReader.anchors`:

    >>> rules_fired("霁川新能源配套储能30MW项目并网发电。")
    [('霁川新能源', '储能', 'product_capacity+company_in_sentence+status_after')]
    """

    start: int
    end: int
    product: Span
    capacity: Span | None
    parent: "_Anchor | None" = None  # the total a phase figure belongs to
    rule: str = "capacity_product"  # the anchor rule that found it (chainkg.rules)


@dataclass(frozen=True)
class _Context:
    """What the text before a sentence tells it: the last company named within the look-back
    (``previous``), whether the sentence goes on from the one before (that one ended with ；),
    every company named so far in the document (each once, the last named last), the status
    its paragraph's lead phrase gives (签约项目涵盖…, 洽谈项目中, …), and the firm the
    document's title names (``issuer``:
    the 公司 of an annual report or a firm's own announcement)."""

    previous: str | None = None
    continued: bool = False
    named: tuple[str, ...] = ()
    topic: tuple[str, int, str] | None = None
    issuer: str | None = None
    section_firm: str | None = None  # the firm a heading above names and nothing else (一、某某有限公司)
    subject: str | None = None  # the one firm the paragraph's earlier sentences name (running_subject)
    lead: str | None = None  # the one firm earlier paragraphs named, when this one has named none yet
    document: str | None = None  # the firm the whole document is about (doc._.subject, chainkg.ingest.subject)
    builder: str | None = None  # the firm of the last project the document stated with one (rule company_project)


def _grade_list_end(text: str, pos: int) -> int | None:
    """Where a list of grades at ``pos`` ends (年产1万吨|食品级、|医药级…), or None."""
    m = GRADE_LIST.match(text, pos)
    return m.end() if m else None


def _nth_firm(text: str, anchor: _Anchor, items: list[_Anchor], firms: list[Span], end: int | None = None) -> Span | None:
    """The firm in ``anchor``'s place among ``items`` when firms and items pair one to one
    (甲、乙分别…X、Y), or when the items before ``end`` (the clause of 分别) fall into as many
    groups as there are firms (rule ``respective_groups``), else None."""
    if len(firms) < 2 or anchor not in items:
        return None
    if len(items) == len(firms):
        return firms[items.index(anchor)]
    items = [a for a in items if end is None or a.start < end]
    if anchor not in items:
        return None
    group = respective_groups(text, [(a.start, a.end) for a in items])
    return firms[group[items.index(anchor)]] if group and group[-1] == len(firms) - 1 else None


def respective_groups(text: str, items: Sequence[tuple[int, int]]) -> list[int]:
    """Rule ``respective_groups``: the group of each item (start, end) of a 分别 enumeration in
    ``text``, a new group after each list joiner (、, 和, 及) between two items; the items of one
    group are joined otherwise (联产, 配套: one firm's line making two products). With as many
    groups as firms before 分别, the n-th group is the n-th firm's.

    >>> [r[:2] for r in rules_fired("澜汐锂业、汀澜化工分别建成年产1万吨氯化锂联产2万吨硼酸和3万吨氯化锂联产4万吨硼酸生产线。")]
    [('澜汐锂业', '氯化锂'), ('澜汐锂业', '硼酸'), ('汀澜化工', '氯化锂'), ('汀澜化工', '硼酸')]
    """
    out: list[int] = []
    for i, (start, _) in enumerate(items):
        gap = text[items[i - 1][1]:start] if i else ""
        out.append((out[-1] + any(j in gap for j in _JOINED)) if out else 0)
    return out


def _tech_word_end(text: str, pos: int) -> int | None:
    """Where a technology word in Latin letters right at ``pos`` ends (5GW| TOPCon |光伏组件)."""
    m = TECH_WORD.match(text, pos)
    return m.end() if m else None


_GRID_WORD = re.compile(one_of(cues()["grid_words_before_product"]))


def _grid_word_end(text: str, pos: int) -> int | None:
    """Rule ``grid_word``: where a word of the plant's link to the grid right at ``pos`` ends
    (30兆瓦|并网|光伏发电: a grid-connected plant of 30兆瓦), or None; the product follows it.

    >>> rules_fired("汀澜能源30兆瓦并网光伏发电项目开工建设。")[0][:2]
    ('汀澜能源', '光伏电站')

    Nor is it the status of the items before it (甲20兆瓦、乙30兆瓦并网光伏项目正在建设: both are being built):

    >>> [m.status for m in text_mentions("甲厂20兆瓦、乙厂6兆瓦并网光伏发电等项目正在建设。")]
    ['under_construction', 'under_construction']
    """
    m = _GRID_WORD.match(text, pos)
    return m.end() if m else None


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause ranges of a sentence (split at ，；：。 and commas not inside numbers)."""
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _description_fields(text: str) -> list[tuple[int, int]]:
    """Ranges of the work-description fields of a record (建设内容：… up to the next label):
    a weak word there (建设年产…生产线) describes the work, it says nothing of its progress.

    >>> t = "建设内容：建设年产1万吨X。合作方式：独资"
    >>> [t[a:b] for a, b in _description_fields(t)]
    ['建设年产1万吨X。']
    """
    out = []
    for m in _DESCRIPTION_LABEL.finditer(text):
        nxt = _ANY_LABEL.search(text, m.end())
        out.append((m.end(), nxt.start() if nxt else len(text)))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in clauses if s <= pos < e), (pos, pos + 1))


# rule short_subject: how many letters a firm's short form opening a sentence has (岚州海泰|今年…)
_SHORT_SUBJECT_MIN, _SHORT_SUBJECT_MAX = 3, 8


def _item_start(text: str, clause_start: int, pos: int) -> int:
    """Start of the enumeration item holding ``pos``: after the last 、 or item sign (+), or
    the clause start.

    >>> text = "建设2万吨甲产能+1万吨乙产能"
    >>> text[_item_start(text, 0, text.index("1万吨")):]
    '1万吨乙产能'
    """
    cut = max(text.rfind(sep, clause_start, pos) for sep in ("、", *_ITEM_SIGNS))
    return cut + 1 if cut >= 0 else clause_start


def section_headings(headings: Sequence[str]) -> list[str]:
    """The headings that name a section: not a numbered list item that reads as a sentence
    ("(一)某某公司年产…项目,已完成设备安装,…", taken as a heading for its number), whose words
    are its own and say nothing of the items under it.

    >>> section_headings(["二、签约项目", "(一)某某公司年产1万吨某盐项目,已完成设备安装,进入单机调试阶段"])
    ['二、签约项目']
    """
    return [h for h in headings if len(h) <= _SECTION_HEADING_MAX or not any(c in h for c in "，,；;")]


def _mode(sentence: Sentence, published: int | None) -> str:
    """planned under a heading of this year's tasks, reported under a review heading or none;
    the innermost heading that says either decides."""
    return _headings_mode(sentence.headings, published)


@functools.lru_cache(maxsize=4096)
def _headings_mode(headings: tuple[str, ...], published: int | None) -> str:
    """:func:`_mode` of a sentence under ``headings``: read once per section, not per fact."""
    for heading in reversed(section_headings(headings)):
        if _REVIEW_HEADING.search(heading):
            return "reported"
        m = _PLAN_HEADING.search(heading)
        if m:
            year = m.group(2)
            if year is None or published is None or int(year) >= published:
                return "planned"
            return "reported"
    return "reported"


def _published_year(doc: Document) -> int | None:
    m = re.search(r"(\d{4})", str(doc.meta.get("published", "")))
    return int(m.group(1)) if m else None


def running_subject(named: Sequence[str]) -> str | None:
    """Rule ``running_subject``: the firm a paragraph is about, when its sentences so far name
    only that one, and more than once (written longer or shorter: 某某纳米科技股份有限公司 /
    某某纳米): the last name.

    >>> running_subject(["曲江某某纳米科技股份有限公司", "某某纳米"]), running_subject(["甲乙锂业", "丙丁化工"])
    ('某某纳米', None)
    >>> running_subject(["甲乙锂业"]) is None
    True
    """
    if len(named) < 2:
        return None  # named once, a firm is not yet what the paragraph is about
    return only_firm(named)


def only_firm(named: Sequence[str]) -> str | None:
    """The last of ``named`` when all of them name one firm (written longer or shorter), else None.

    >>> only_firm(["甲乙锂业有限公司", "甲乙锂业"]), only_firm(["甲乙锂业", "丙丁化工"]), only_firm([])
    ('甲乙锂业', None, None)
    """
    if not named:
        return None
    keys = [_company_key(n) for n in named]
    shortest = min(keys, key=len)
    return named[-1] if all(shortest in k for k in keys) else None


def _firm_runs(text: str, firms: Sequence[Span]) -> Iterator[tuple[int, int]]:
    """(first, last) indexes of each maximal run of ``firms`` joined by 、, 和, 及 or 与 only."""
    i = 0
    while i < len(firms):
        j = i
        while j + 1 < len(firms) and text[firms[j].end_char:firms[j + 1].start_char] in _JOINED:
            j += 1
        yield i, j
        i = j + 1


_SIGNED_WITH_WORDS = tuple(cues()["signed_with_words"])  # 与|甲、乙…签约: rule joint_run
_SIGNED_WITH = re.compile(one_of(_SIGNED_WITH_WORDS) + r"[^，,。；;：:]{1,20}?"
                          + one_of(company_lexicon().signing_verbs))
# a verb of joint work after a run of firms, a few letters (三家, 将, 拟) between (甲、乙三家|联合投资建设…)
_JOINT_AFTER = re.compile(r"[^，,。；;：:、\d]{0,4}?" + one_of(_JOINT_VERBS))
# a verb of signing later in the clause of a run that another party signs with (某县与甲、乙|…项目成功签约)
_SIGNS_AFTER = re.compile(r"[^，,。；;：:]{0,40}?" + one_of(company_lexicon().signing_verbs))


_INVESTOR_MARK = re.compile(one_of(cues()["investor_marks"]) + "|" + one_of(cues()["shareholding_words"]) + r"\d")


def investor_named(text: str, firm: Span) -> bool:
    """Rule ``investor_not_carried``: a firm right before a word that makes it the investor, parent or
    shareholder of another firm (某某集团|旗下的…, 新业主由某某集团|投资设立, 某某公司|参股49%) is not the firm
    the sentences after go on about: the carried firm is the last other firm the sentence names, or, when it
    names no other, the firm carried before it.

    >>> [r[0] for r in rules_fired("澜汐锂业有限公司为汀澜集团投资的公司。项目分两期建设,一期年产碳酸锂1万吨。")]
    ['澜汐锂业有限公司']
    >>> [r[0] for r in rules_fired("澜汐锂业有限公司成立于2020年。其中,汀澜集团有限公司持股51%,岚峰投资有限公司参股49%。"
    ...                            "公司将建设年产1万吨碳酸锂项目。")]
    ['澜汐锂业有限公司']
    """
    return _INVESTOR_MARK.match(text, firm.end_char) is not None


def joint_run(text: str, firms: Sequence[Span]) -> tuple[Span, Span] | None:
    """Rule ``joint_run``: a run of two or more firms joined by 、, 和, 及 or 与 that build together (由甲、乙和
    丙三家联合投资建设…; 甲与乙将共同出资…) or that another party signs with (某县人民政府与甲、乙签约) names
    one work with its first firm as the builder (company rule ``company_joint``), and the first is the firm the
    sentences after go on about, not the last named. (first, last) of the first such run, else None.

    >>> rules_fired("澜汐锂业和汀澜化工合作建设的年产1万吨碳酸锂项目开工。")
    [('澜汐锂业', '碳酸锂', 'capacity_product+company_joint+status_after')]
    >>> [r[0] for r in rules_fired("该项目由澜汐锂业有限公司、汀澜化工有限公司和岚峰矿业有限公司三家联合投资建设。"
    ...                            "一期工程年产碳酸锂5000吨。")]
    ['澜汐锂业有限公司']
    >>> [r[0] for r in rules_fired("某县人民政府与澜汐锂业有限公司、汀澜化工有限公司年产1万吨碳酸锂项目签约。")]
    ['澜汐锂业有限公司']
    >>> [r[0] for r in rules_fired("澜汐锂业有限公司、汀澜化工有限公司年产1万吨碳酸锂项目开工。")]
    ['汀澜化工有限公司']
    """
    for i, j in _firm_runs(text, firms):
        if j == i:
            continue
        first, last = firms[i], firms[j]
        if _JOINT_AFTER.match(text, last.end_char) or (
                text.endswith(_SIGNED_WITH_WORDS, 0, first.start_char)
                and _SIGNS_AFTER.match(text, last.end_char)):
            return first, last
    return None


def signing_lead(text: str, firms: Sequence[Span]) -> Span | None:
    """Rule ``signing_lead``: of firms joined by 、, 和, 及 that sign with another party (甲公司、乙公司与施工单位
    签订…合同), the first leads: it is the firm the sentences after go on about, not the last named; so is the
    first of a run of firms that build together or that another party signs with (rule ``joint_run``); None when
    no such run of firms signs.

    >>> [r[0] for r in rules_fired("霁岚能源有限公司、澄岭新能源有限公司与施工单位签订了施工合同。"
    ...                            "本次合同内容包括200万吨焦化工程、30万吨甲醇。")]
    ['霁岚能源有限公司', '霁岚能源有限公司']
    """
    for i, j in _firm_runs(text, firms):
        if j > i and _SIGNED_WITH.match(text, firms[j].end_char):
            return firms[i]
    run = joint_run(text, firms)
    return run[0] if run is not None else None


def total_closing(text: str, end: int) -> bool:
    """Rule ``total_closing``: a figure with no firm in an enumeration that closes by calling its
    items capacities (…16万吨某材料、37.5吉瓦时某电池等产能规模) is a total, not a project.

    >>> t = "16万吨甲材料、1.5亿平方米乙膜等产能规模"
    >>> total_closing(t, 4), total_closing("16万吨甲材料项目开工,年产值等指标", 4)
    (True, False)
    """
    m = _CLAUSE_END.search(text, end)
    clause = text[end:m.start() if m else len(text)]
    return _TOTAL_CLOSING.search(clause) is not None


def rating_class(figure: str) -> bool:
    """Rule ``rating_class``: a figure that ends in 级 is a class of machine or plant (3000吨级某炉),
    not a capacity, unless its unit is written again before 级 (1万吨|吨级: the figure, then a grade).

    >>> rating_class("3000吨级"), rating_class("1万吨吨级"), rating_class("2万吨")
    (True, False, False)
    """
    return figure.endswith(_RATING_CLASS) and _UNIT_AGAIN.search(figure) is None


def per_unit(capacity: Capacity, after: str) -> bool:
    """Rule ``per_unit``: a figure of one unit followed, within six characters, by a word of use
    (1吨铝|消耗交流电…) is the unit a consumption is stated for, not a project.

    >>> from chainkg.ingest.capacity import parse_capacity
    >>> one, many = parse_capacity("1吨"), parse_capacity("30万吨")
    >>> per_unit(one, "铝消耗交流电约1.3万千瓦时"), per_unit(many, "铝消耗…"), per_unit(one, "样品已下线")
    (True, False, False)
    """
    return capacity.value == 1 and _CONSUMPTION.search(after[:6]) is not None


def listed_count(text: str, end: int) -> bool:
    """Rule ``listed_count``: a count of machines (5000台) that ends an item of a list of projects
    (…、甲乙公司5000台环卫设备、…等9个项目) is that project's scale, not a count of machines bought:
    the list closes its clause after the figure, with no other clause between.

    >>> text = "重点抓好甲乙公司5000台环卫设备、丙丁公司6000吨金属镁等9个项目。首批20台风机已吊装。"
    >>> listed_count(text, text.index("台环卫") + 1), listed_count(text, text.index("台风机") + 1)
    (True, False)
    """
    m = _CLAUSE_END.search(text, end)
    closing = WORK_LIST_END.search(text, end)
    return closing is not None and (m is None or closing.end() <= m.start())


# a once-built word, then the verb of output in its clause or opening a later clause of the sentence
# (建成后,将形成…: a comma and a few letters may stand between); after the verb, at most two letters, or a yearly
# making word and the first item's product (形成|年产电铅|10万吨、…)
_BUILT_OUTPUT = re.compile(f"{one_of(cues()['once_built_words'])}(?:[^；;。]*?[，,])?[^，,；;。]{{0,4}}?"
                           f"(?P<verb>{one_of(cues()['built_output_verbs'])})"
                           rf"(?:[^，,；;。]{{0,2}}|{one_of(cues()['yearly_making_words'])}[\u4e00-\u9fff]{{1,8}})$")


def built_output(before: str, sentence_before: str) -> str:
    """Rule ``built_output``: the text ``before`` a figure (the figure's item) without the verb of output
    that ends it when the sentence up to the figure (``sentence_before``) says what the project will make
    once built (建成后可实现…, 竣工后…生产A,生产B): there the verb states a design capacity, no output or
    total; any other cue before it (节约, 累计 …) still makes the figure none.

    >>> built_output("项目建成后可实现", "项目建成后可实现"), built_output("累计节约", "累计节约")
    ('项目建成后可', '累计节约')
    >>> built_output("生产", "竣工后每年可生产30万吨甲,生产")
    ''
    >>> built_output("将形成年产电铅", "项目建成后,将形成年产电铅")
    '将'
    >>> [r[1:] for r in rules_fired("甲乙矿业有限公司新建某某项目,建成后将形成年产电铅2万吨、银锭100吨生产能力。")]
    [('铅锭', 'product_capacity+company_in_sentence+status_before'), ('白银', 'product_capacity+company_in_sentence+status_before')]
    >>> rules_fired("甲乙化工有限公司新建某某项目。项目建成后可实现年产23万吨液化天然气。")
    [('甲乙化工有限公司', '液化天然气', 'capacity_product+company_previous+status_before')]
    """
    m = _BUILT_OUTPUT.search(sentence_before)
    if m is None or len(sentence_before) - m.start("verb") > len(before):
        return before
    return before[:len(before) - (len(sentence_before) - m.start("verb"))]


_INTEGRATED_KINDS: dict[str, list[str]] = cue_tables()["integrated_kinds"]
_FED_WORK_PRODUCTS: dict[str, str] = cue_tables()["fed_work_products"]


def short_form_of(mention: ProjectMention, before: Sequence[ProjectMention]) -> ProjectMention:
    """Rule ``short_form_product``: a figure's product written as the end of the product of an earlier figure
    of the same firm in the sentence (…10万吨硅碳复合微粉项目,已建成2万吨复合微粉…) is that product,
    written short.

    >>> [m.product for m in text_mentions("岚澄新材料有限公司建设年产10万吨硅碳复合微粉项目,该公司已建成2万吨复合微粉项目。")]
    ['硅碳复合微粉', '硅碳复合微粉']
    """
    longer = next((m.product for m in reversed(before) if m.company == mention.company and m.capacity is not None
                   and len(m.product) > len(mention.product) and m.product.endswith(mention.product)), None)
    return replace(mention, product=longer) if longer is not None and mention.capacity is not None else mention


# a dash joining links of a chain of industries, with the few letters of a link between it and a product
_CHAIN_BEFORE = re.compile(one_of(cues()["chain_dashes"]) + r"[\u4e00-\u9fff]{0,4}$")
_CHAIN_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}" + one_of(cues()["chain_dashes"]))


def chain_link(text: str, start: int, end: int) -> bool:
    """Rule ``chain_link``: a product in a link joined to the next or the one before by a dash
    (多晶硅—单晶切片—电池组件) is a link of a chain of industries, no one firm's project without a figure.

    >>> text = "建成全球首个多晶硅—单晶切片—电池组件一体化园区"
    >>> chain_link(text, text.index("组件"), text.index("组件") + 2), chain_link("甲乙硅业多晶硅项目", 4, 7)
    (True, False)
    """
    return _CHAIN_BEFORE.search(text, 0, start) is not None or _CHAIN_AFTER.match(text, end) is not None


def split_kinds(mention: ProjectMention, after: str) -> list[ProjectMention]:
    """The projects one mention states, its product read as written and ``after`` the text right after
    the product.

    Rule ``integrated_kinds``: kinds of generation and storage written as one word under one figure
    (100万千瓦|风光电|一体化) are a project per kind, with no figure, since the text does not split it.
    Rule ``fed_work``: the work a rated power plant feeds (…光伏|制氢) is a project of its own, with
    no figure, beside the plant that takes the figure.

    >>> [(m.product, m.capacity.text if m.capacity else None)
    ...  for m in text_mentions("甲乙新能源有限公司100万千瓦风光电一体化基地项目开工。")]
    [('风电', None), ('光伏', None)]
    >>> [(m.product, m.phase, m.capacity.text if m.capacity else None)
    ...  for m in text_mentions("甲乙新能源有限公司一期10万千瓦光伏制氢项目获备案。")]
    [('光伏电站', '一期', '10万千瓦'), ('绿氢', '一期', None)]
    """
    kinds = _INTEGRATED_KINDS.get(mention.product)
    out = [replace(mention, product=k, capacity=None) for k in kinds] if kinds else [mention]
    fed = next((w for w in _FED_WORK_PRODUCTS if after.startswith(w)), None) if mention.capacity else None
    if fed is not None:
        out.append(replace(mention, product=_FED_WORK_PRODUCTS[fed], product_text=fed, capacity=None))
    return out


def total_enumeration(before: str, said_before: str = "") -> bool:
    """Rule ``total_enumeration``: a later item of an enumeration (…、) whose clause opens with a
    cue of a total or an output before its first item is a total too, not a project; not when
    the sentence before the clause (``said_before``) says the output is what a project will make
    once built (rule ``built_output``).

    >>> total_enumeration("已形成850万吨某盐、3万吨某酸、"), total_enumeration("开工建设3万吨某酸、")
    (True, False)
    >>> total_enumeration("主要建设10万吨某材料生产线、")
    False
    >>> total_enumeration("生产4万吨某铁、", "项目竣工后每年可生产3万吨某镁,")
    False
    """
    lead = re.split(r"[0-9]", before.split("、", 1)[0], maxsplit=1)[0]  # before the first item's figure
    return "、" in before and _NOT_PROJECT_CUE.search(built_output(lead, said_before + lead)) is not None


_FIGURE_AT_END = re.compile(r"[0-9][^0-9，,。；;]{1,4}$")  # a clause closing with its figure (…343万吨)


def total_continued(text: str, clauses: list[tuple[int, int]], clause_start: int, products: Sequence[Span],
                    pos: int) -> bool:
    """Rule ``total_continued``: a clause that is only a marked product and its figure at ``pos`` (…,某铝N万吨)
    right after a clause stating a total with its figure at the end (某地某品产能达到N万吨,) continues that
    total: no project.

    >>> from chainkg.ingest.nlp import shared_pipeline
    >>> doc = shared_pipeline()("全州已建电解铝产能达到3万吨,再生铝1万吨,签约企业五户")
    >>> total_continued(doc.text, _clauses(doc.text), 15, doc.spans["product"], 18)
    True
    >>> doc = shared_pipeline()("甲乙公司一期建设电解铝3万吨,再生铝1万吨")
    >>> total_continued(doc.text, _clauses(doc.text), 15, doc.spans["product"], 18)
    False
    """
    before = [(s, e) for s, e in clauses if e <= clause_start]
    if not before or not any(p.start_char == clause_start and p.end_char == pos for p in products):
        return False
    s, e = before[-1]
    lead = re.split(r"[0-9]", text[s:e], maxsplit=1)[0]
    return _FIGURE_AT_END.search(text, s, e) is not None and _NOT_PROJECT_CUE.search(lead) is not None


_POST_AFTER = re.compile(f"{one_of(cues()['post_work_words'])}?{one_of(cues()['person_posts'])}")
_PROCESSING = tuple(cues()["processing_words"])
_RESOURCE_WORKS = re.compile(f"({char_class(company_lexicon().element_chars)}{{1,3}})"
                             f"{one_of(cues()['resource_words'])}{one_of(cues()['resource_works'])}")


def person_post(text: str, end: int) -> bool:
    """Rule ``person_post``: the product ending at ``end`` is followed by a person's post in its
    work (…二期某品项目经理张三): it names the work the person runs, not a project stated here.

    >>> text = "随着某某化工公司二期聚乙烯项目经理李四一声令下,项目开工。"
    >>> person_post(text, text.index("项目经理")), person_post(text, text.index("项目开工"))
    (True, False)
    """
    return _POST_AFTER.match(text, end) is not None


def processed_input(text: str, end: int) -> bool:
    """Rule ``processed_input``: the product ending at ``end`` is followed by a processing word
    (某地煤炭|深加工基地项目): it is what the works treats, not what it makes.

    >>> text = "某煤某地煤炭深加工基地项目获批。"
    >>> processed_input(text, text.index("深加工")), processed_input(text, text.index("项目"))
    (True, False)
    """
    return text.startswith(_PROCESSING, end)


def resource_works(text: str) -> list[tuple[int, int, int]]:
    """Rule ``resource_works``: a firm's works on a resource named by its elements (某某锂业|盐湖|
    锂|资源综合利用项目, …|锂硼钾|资源开发) are its project of those elements: (start, end) of the
    elements and the end of the works' words, for each such phrase in ``text``.

    >>> text = "某某锂业股份有限公司盐湖锂资源综合利用项目签约。"
    >>> [(text[s:e], text[s:w]) for s, e, w in resource_works(text)]
    [('锂', '锂资源综合利用')]
    """
    return [(m.start(1), m.end(1), m.end()) for m in _RESOURCE_WORKS.finditer(text)]


def content_clause(before: str) -> bool:
    """Rule ``content_clause``: the clause (up to the figure) opens by stating what the project
    before it holds, so its works are that project's firm's.

    >>> content_clause("主要建设10万吨某材料生产线、"), content_clause("同时新建")
    (True, False)

    A clause opening with 建设 after the firm's project and its investment (甲公司年产10万吨X系列项目,总投资
    11亿元,建设年产A2万吨、B3万吨) lists the parts of that project:

    >>> [r[0] for r in rules_fired("澄岭化工有限公司年产10万吨苯甲醇系列项目开工,总投资11亿元,建设年产苯甲酸钠2万吨、"
    ...                            "苯甲醛3万吨。")]
    ['澄岭化工有限公司', '澄岭化工有限公司', '澄岭化工有限公司']

    Rule ``contract_content``: so does a sentence opening with the content of the contract the sentence
    before signed (本次合同内容包括…): its works are the contracting firm's, every item of its list.

    >>> [r[0] for r in rules_fired("霁岚能源有限公司与施工单位签订了施工合同。本次合同内容包括200万吨焦化工程、"
    ...                            "30万吨甲醇、30万吨合成氨工程。")]
    ['霁岚能源有限公司', '霁岚能源有限公司', '霁岚能源有限公司']
    """
    return before.startswith(_CONTENT_OPENERS)


_CONTENT_OPENERS = (*cues()["content_openers"], *cues()["contract_content_openers"])


_ROUTE_WORDS = tuple(cues()["route_words"])  # 制
# the works referred to (该工程, 该项目), then what it makes (主要生产): rule works_products
_WORKS_PRODUCTS = re.compile(f"{one_of(cues()['project_demonstratives'])}{one_of(cues()['work_words'])}"
                             f"{one_of(cues()['works_products_openers'])}")


def industry_item(before: str) -> bool:
    """Rule ``industry_item``: the words of a list item before its product (``before``) say a kind of work, not
    a site's work, when they describe it (a clause with 的: 首座投运的|光热电站) or name its route (煤制|烯烃):
    an item of an industry list (…、煤制烯烃、…等项目), which rule ``listed_work`` leaves without a project.

    >>> industry_item("煤制"), industry_item("首座投运的塔式"), industry_item("岚峰镇")
    (True, True, False)
    """
    return before.endswith(_ROUTE_WORDS) or any(mark in before for mark in _OF_CHARS)


def feedstock_route(text: str, start: int, end: int, products: Sequence[Span]) -> tuple[int, str] | None:
    """Where the route to the product at ``start``-``end`` starts and its feedstock, when a known product and a
    route word stand right before it (甲醇|制|醋酸), or the product is written with them (甲醇制烯烃); else None.

    >>> feedstock_route("配套甲醇制烯烃", 2, 7, [])
    (2, '甲醇')
    """
    written = text[start:end]
    for word in _ROUTE_WORDS:
        feed, joined, _rest = written.partition(word)
        if joined and feed in vocabulary(None).terms:
            return start, feed
        before = next((p for p in products if p.end_char + len(word) == start and text.startswith(word, p.end_char)),
                      None)
        if before is not None:
            return before.start_char, span_text(before)
    return None


def _route_runs(text: str, routes: list[tuple[int, Span, str]]) -> list[list[tuple[int, Span, str]]]:
    """The routes in runs of items joined by 、 or a joiner (和, 及 …), left to right."""
    runs: list[list[tuple[int, Span, str]]] = []
    for route in sorted(routes, key=lambda r: r[0]):
        gap = text[runs[-1][-1][1].end_char:route[0]] if runs else None
        if gap is not None and (gap == "、" or gap in _JOINERS):
            runs[-1].append(route)
        else:
            runs.append([route])
    return runs


class SentenceReader:
    """Reads the anchors and their facts out of one marked sentence (made by :func:`read_documents`)."""

    def __init__(self, document: Document, sentence: Sentence, sdoc: Doc, published: int | None,
                 defined: dict[str, str] | None = None, voice: str | None = None) -> None:
        self.document = document
        self.voice = voice  # the firm the whole text is written by (see voice_firm)
        self.sentence = sentence
        self.doc = sdoc
        self.place = sentence_place(sdoc)  # the context extensions, read once
        self.text = doc_text(sdoc)
        self.published = published
        terms = group_spans(sdoc, TERMS)
        described = _description_fields(self.text)
        self.statuses = filter_spans([s for s in terms if s.label_ == "STATUS"
                                      and not _FIELD_LABEL_AFTER.match(self.text, s.end_char)
                                      and not _FAILED_AFTER.match(self.text, s.end_char)
                                      and not _IN_PHASES_BEFORE.search(self.text, 0, s.start_char)
                                      and not (span_text(s) in _WEAK_STATUS and any(a <= s.start_char < b for a, b in described))])
        self.places = filter_spans([s for s in terms if s.label_ == "PLACE"])
        self.chains = filter_spans([s for s in terms if s.label_ == "CHAIN"])
        self.companies = group_spans(sdoc, COMPANY)
        named = [(c.start_char, c.end_char) for c in self.companies]  # before the defined words join them
        self.referents: dict[tuple[int, int], str] = {}
        # the firm an interview lets speak (see speaker_firm): the default of quoted sentences
        self.speaker = next((defined[w] for w in company_lexicon().first_person_words if w in (defined or {})), None)
        if defined:
            self._add_references(defined)
        self.products = [p for p in group_spans(sdoc, PRODUCT)  # a product word inside a firm's name is the name
                         if not any(s <= p.start_char and p.end_char <= e for s, e in named)]
        self.capacities = group_spans(sdoc, CAPACITY)
        # each figure as read in its sentence: a bare one under a 年产 before it is yearly too
        self.figure_of = dict(zip(((c.start_char, c.end_char) for c in self.capacities),
                                  under_yearly(self.text, [(c.start_char, capacity_of(c)) for c in self.capacities])))
        self.phases = group_spans(sdoc, PHASE)
        self.clauses = _clauses(self.text)

    @property
    def mode(self) -> str:
        """``planned`` under a heading of this year's tasks, else ``reported`` (:func:`_mode`)."""
        return _mode(self.sentence, self.published)

    def _add_references(self, defined: dict[str, str]) -> None:
        """Mark the words the document defined for a firm (short names, 全资子公司, 标的公司,
        公司 …; see :func:`defined_references`) as mentions of it, longest first; a reference
        word the document did not define (本公司 when only 公司 is defined) marks nothing but
        keeps a shorter defined word inside it from matching; a first-person word before a place
        (我们厂区) marks nothing; a company already marked with exactly a defined word's letters
        stands for what the word was defined for."""
        taken = [(c.start_char, c.end_char) for c in self.companies]
        found = set(taken)
        first_person = set(company_lexicon().first_person_words)
        for word in sorted({*defined, *company_lexicon().reference_words}, key=len, reverse=True):
            start = self.text.find(word)
            while start >= 0:
                end = start + len(word)
                where = word in first_person and _FIRST_PERSON_PLACE.match(self.text, end)  # 在我们厂区…: where, not who
                if word in defined and (start, end) in found:
                    self.referents[(start, end)] = defined[word]  # a brand found by position is the defined word
                elif not where and not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    span = self.doc.char_span(start, end, label="ORG", alignment_mode="expand") if word in defined else None
                    if span is not None:
                        self.companies.append(Span(self.doc, span.start, span.end, label="ORG", span_id="defined"))
                        self.referents[(span.start_char, span.end_char)] = defined[word]
                start = self.text.find(word, end)
        self.companies.sort(key=lambda c: c.start_char)

    def signing_lead(self) -> str | None:
        """The name of the firm that leads a run of firms signing with another party (:func:`signing_lead`)."""
        lead = signing_lead(self.text, self.companies)
        return self.name_of(lead) if lead is not None else None

    def names_only_a_firm(self) -> bool:
        """The sentence is one firm's name with at most a list number (一、某某有限公司), as a
        directory's section heading is."""
        if len(self.companies) != 1:
            return False
        c = self.companies[0]
        return _LIST_NUMBER.fullmatch((self.text[:c.start_char] + self.text[c.end_char:]).strip()) is not None

    def name_of(self, company: Span) -> str:
        """The name a company mention stands for: the full name a reference was defined for,
        else the text as written."""
        return self.referents.get((company.start_char, company.end_char), span_text(company))

    # -- anchors ---------------------------------------------------------------------
    @cached_property
    def anchors(self) -> list[_Anchor]:
        """The project anchors of the sentence, left to right: capacity + product; company +
        known product as a whole enumeration item (丽豪单晶硅、…); a phase figure inside a
        total (…年产5万吨X,其中一期2万吨) taking the product of the item before it; in a
        record of labelled fields, the figure of 建设规模 with the product of 项目名称."""
        out: list[_Anchor] = []
        bare: list[Span] = []  # figures with no product right after them
        for cap in self.capacities:
            product = next((p for p in self.products if p.start_char == cap.end_char
                            or _COUNT_THEN.match(self.text[cap.end_char:p.start_char])
                            or _grade_list_end(self.text, cap.end_char) == p.start_char
                            or _tech_word_end(self.text, cap.end_char) == p.start_char
                            or _grid_word_end(self.text, cap.end_char) == p.start_char
                            or (p.label_ == "NP"  # rules figure_of_work, spaced_of
                                and figure_of_end(self.text, cap.end_char) == p.start_char)
                            or (p.label_ == "NP_BEFORE" and (_PHASE_GAP.fullmatch(self.text, p.end_char, cap.start_char)
                                                             or RATING_GAP.fullmatch(self.text, p.end_char, cap.start_char)))),
                           None)
            if product is None:
                bare.append(cap)
            elif not (self._not_a_project(cap, of_work=product.start_char == figure_of_end(self.text, cap.end_char))
                      or product.id_ in _AGGREGATES or span_text(product) in _AGGREGATES
                      or freight_throughput(capacity_of(cap), product.id_ or span_text(product))):
                rule = "product_capacity" if product.end_char <= cap.start_char else "capacity_product"
                out.append(_Anchor(min(cap.start_char, product.start_char), max(cap.end_char, product.end_char),
                                   product, cap, rule=rule))
        out += self._product_anchors(out)
        out += self._listed_items(out)
        out += self._place_named(out)
        out += self._resource_works(out)
        out += self._feedstock_routes(out)
        out += self._works_products(out)
        out.sort(key=lambda a: a.start)
        for cap in bare:
            anchor = (self._phase_anchor(cap, out) or self._record_anchor(cap) or self._shared_product(cap, out)
                      or self._line_capacity(cap, out))
            if anchor is not None:
                out = [a for a in out if not (a.product is anchor.product and a.capacity is None)]  # built_line
                out.append(anchor)
                out.sort(key=lambda a: a.start)
        return auxiliary_units(out)

    def _line_capacity(self, cap: Span, anchors: list[_Anchor]) -> _Anchor | None:
        """Rule ``line_capacity``: a bare figure opening its clause after a word for capacity (年生产能力, 产能)
        is the size of the line the clause before closes with: a known product and its plant word
        (建设2条A生产线,|年生产能力N万吨), when no figure of that clause claims the product.

        >>> rules_fired("澜汐建材有限公司建设2条水泥熟料生产线,年生产能力200万吨。")
        [('澜汐建材有限公司', '水泥熟料', 'line_capacity+company_in_sentence+status_before')]
        >>> [r[2].split("+")[0] for r in rules_fired("澜汐建材有限公司建设水泥熟料生产线,年销售收入200万元。")]
        ['company_product']
        """
        cs, _ = _clause_of(self.clauses, cap.start_char)
        if cs == 0 or not _LINE_CAPACITY.fullmatch(self.text, cs, cap.start_char):
            return None
        before = [c for c in self.clauses if c[1] <= cs]
        if not before:
            return None
        ps, pe = before[-1]
        product = next((p for p in self.products if ps <= p.start_char and _LINE_END.fullmatch(self.text, p.end_char, pe)),
                       None)
        if product is None or any(c.start_char < product.start_char and ps <= c.start_char for c in self.capacities
                                  if not _COUNT_THEN.match(self.text[c.end_char:product.start_char])):
            return None
        if any(a.product is product and a.capacity is not None for a in anchors):
            return None
        return _Anchor(product.start_char, cap.end_char, product, cap, rule="line_capacity")

    def _shared_product(self, cap: Span, anchors: list[_Anchor]) -> _Anchor | None:
        """Rule ``shared_product``: a bare figure that is an item of an enumeration (甲770兆瓦、乙90兆瓦、
        丙120兆瓦光伏发电等项目) takes the product written once after the enumeration's last figure of
        the same unit, when only 、-joined items lie between them.

        The item before the last may be joined by 和, 及 (甲200兆瓦、乙65兆瓦和丙30兆瓦光伏…).
        A figure not followed by 、 or a joiner, or one whose later items hold a clause end, keeps no
        product.

        >>> rules_fired("甲厂770兆瓦、乙厂90兆瓦光伏发电等项目并网。")[0]
        ('甲厂', '光伏电站', 'shared_product+company_adjacent+status_after')
        >>> [r[:2] for r in rules_fired("甲厂20兆瓦、乙厂6兆瓦和丙厂3兆瓦光伏发电等三个项目并网。")]
        [('甲厂', '光伏电站'), ('乙厂', '光伏电站'), ('丙厂', '光伏电站')]
        """
        if not self.text.startswith(("、", *_JOINERS), cap.end_char):
            return None
        unit = capacity_of(cap).base_unit
        for later in anchors:
            if later.capacity is None or later.capacity.start_char <= cap.end_char:
                continue
            between = self.text[cap.end_char:later.capacity.start_char]
            if _CLAUSE_END.search(between) or capacity_of(later.capacity).base_unit != unit:
                return None
            if _SHARED_END.match(self.text, later.product.end_char):
                return _Anchor(cap.start_char, cap.end_char, later.product, cap, rule="shared_product")
        return None

    def _place_named(self, anchored: list[_Anchor]) -> list[_Anchor]:
        """Rule ``place_named``: a known product named after its place and followed by a plant
        word (德令哈|抽水蓄能|电站, 格尔木南山口|抽水蓄能|电站项目) is a project without company, when
        no firm or figure in its clause claims it; up to three letters of a spot may stand between
        the place and the product (南山口).

        >>> rules_fired("德令哈抽水蓄能电站项目开工建设。")
        [(None, '抽水蓄能', 'place_named+company_none+status_after')]
        """
        taken = [(a.start, a.end) for a in anchored]
        out: list[_Anchor] = []
        for product in self.products:
            if product.label_ != "PRODUCT" or any(s <= product.start_char < e for s, e in taken):
                continue
            if not (_PLANT_AFTER.match(self.text, product.end_char) or span_text(product).endswith(_PLANT_ENDINGS)):
                continue
            if span_text(product).startswith(_GRID_WORKS) or (product.id_ or "").startswith(_GRID_WORKS):
                continue  # a grid work (茶卡变电站) is no project
            place = next((pl for pl in self.places if 0 <= product.start_char - pl.end_char <= 3), None)
            if place is None:
                continue
            gap = self.text[place.end_char:product.start_char]
            if gap and (not _CJK_RUN.fullmatch(gap) or any(w in gap for w in company_lexicon().left_trim if len(w) > 1)):
                continue
            cs, ce = _clause_of(self.clauses, product.start_char)
            if any(cs <= o.start_char < ce for o in (*self.companies, *self.capacities)):
                continue
            out.append(_Anchor(place.start_char, product.end_char, product, None, rule="place_named"))
        return out

    def _resource_works(self, anchored: list[_Anchor]) -> list[_Anchor]:
        """Rule ``resource_works`` (see :func:`resource_works`): the firm must end right before
        the elements (a place or a short word between), and no anchor may hold them yet.

        >>> rules_fired("澜汐锂业盐湖锂资源综合利用项目签约。")
        [('澜汐锂业', '锂', 'resource_works+company_adjacent+status_after')]
        """
        taken = [(a.start, a.end) for a in anchored]
        out: list[_Anchor] = []
        for start, end, works_end in resource_works(self.text):
            if any(s <= start < e for s, e in taken):
                continue
            company = self._company_before(start, max_gap=4)
            span = self.doc.char_span(start, end, label="NP_ITEM", alignment_mode="expand")
            if company is None or span is None:
                continue
            product = Span(self.doc, span.start, span.end, label="NP_ITEM", span_id=self.text[start:end])
            out.append(_Anchor(company.end_char, works_end, product, None, rule="resource_works"))
        return out

    def _feedstock_routes(self, anchored: list[_Anchor]) -> list[_Anchor]:
        """Rule ``feedstock_route``: an enumeration of two or more routes from one known feedstock to a known
        product (配套建设甲醇制烯烃、甲醇制醋酸), right after a verb of building and with no figure among them,
        names the works the sentence's firm builds: each route's product is a project without figure (kept only
        when a firm is found for it, see :meth:`projects`).

        >>> rules_fired("澜汐能源集团将配套建设甲醇制烯烃、甲醇制醋酸。")[0]
        ('澜汐能源集团', '烯烃', 'feedstock_route+company_in_sentence+status_before')
        >>> rules_fired("全区将配套建设甲醇制烯烃、甲醇制醋酸。"), rules_fired("澜汐能源集团研究甲醇制烯烃、甲醇制醋酸。")
        ([], [])
        """
        if not any(w in self.text for w in _ROUTE_WORDS):
            return []
        taken = [(a.start, a.end) for a in anchored]
        routes: list[tuple[int, Span, str]] = []  # (where the route starts, its product, its feedstock)
        for product in self.products:
            if any(s <= product.start_char < e for s, e in taken):
                continue
            route = feedstock_route(self.text, product.start_char, product.end_char, self.products)
            if route is not None:
                routes.append((route[0], product, route[1]))
        out: list[_Anchor] = []
        for run in _route_runs(self.text, routes):
            first = run[0][0]
            if (len(run) < 2 or len({feed for _s, _p, feed in run}) != 1
                    or not self.text[max(0, first - _LINE_BACK):first].endswith(_LINE_VERBS)
                    or any(first <= c.start_char < run[-1][1].end_char for c in self.capacities)):
                continue
            out += [_Anchor(start, product.end_char, product, None, rule="feedstock_route") for start, product, _f in run]
        return out

    def _works_products(self, anchored: list[_Anchor]) -> list[_Anchor]:
        """Rule ``works_products``: the known products of the 、-list after a reference to the works and a word
        for what it makes (该工程主要生产A、B、C等…), in a sentence with no figure, are the works' projects
        without figure (kept only when a firm is found for them, see :meth:`projects`); a firm's own products
        (该公司主要生产…) are none.

        >>> rules_fired("澜汐化工有限公司煤炭综合利用工程今年投资5亿元,该工程主要生产烯烃、烧碱等化工原料。")[0]
        ('澜汐化工有限公司', '烯烃', 'works_products+company_in_sentence+status_none')
        >>> rules_fired("澜汐化工有限公司今年投资5亿元,该公司主要生产烯烃、烧碱等化工原料。")
        []
        """
        opener = _WORKS_PRODUCTS.search(self.text)
        if opener is None or self.capacities:
            return []
        _start, end = _clause_of(self.clauses, opener.end())
        taken = [(a.start, a.end) for a in anchored]
        items = [p for p in self.products if opener.end() <= p.start_char < end and p.label_ == "PRODUCT"
                 and not any(s <= p.start_char < e for s, e in taken)]
        return [_Anchor(p.start_char, p.end_char, p, None, rule="works_products") for p in items]

    def _listed_items(self, anchored: list[_Anchor]) -> list[_Anchor]:
        """Rule ``listed_item``: in an enumeration of projects (甲矿业某某矿、乙锂业2万吨…等一批重点项目),
        an item that is a firm followed only by a work's name (no figure, no known product, no
        other firm) is that firm's project of that work: the name, its plant words dropped, is
        the product (甲矿业|铁多金属矿 -> 铁多金属矿).

        >>> rules_fired("今年签约了岚峰能源光伏项目、澜汐矿业铁多金属矿、汀澜锂业2万吨碳酸锂等一批重点项目。")[0]
        ('澜汐矿业', '铁多金属矿', 'listed_item+company_adjacent+status_none')
        """
        ends = list(WORK_LIST_END.finditer(self.text))
        taken = [(a.start, a.end) for a in anchored]
        out: list[_Anchor] = []
        for company in self.companies:
            m = next((e for e in ends if e.start() >= company.end_char), None)
            if m is None or any(s <= company.start_char < e for s, e in taken):
                continue
            if company.start_char > 0 and self.text[company.start_char - 1] not in "、":
                continue  # only later items (after 、): the first may be the list's lead-in
            item = _LISTED_WORK.match(self.text, company.end_char)
            if item is None or item.end() > m.end():
                continue
            start, end = item.span(1)
            if any(start <= o.start_char < end for o in (*self.capacities, *self.products, *self.companies)):
                continue
            name = clean_product(item.group(1))
            if len(name) < 2 or name in _AGGREGATES:
                continue
            span = self.doc.char_span(start, end, label="NP_ITEM", alignment_mode="expand")
            if span is None:
                continue
            product = Span(self.doc, span.start, span.end, label="NP_ITEM", span_id=name)
            out.append(_Anchor(company.end_char, end, product, None, rule="listed_item"))
        return out

    def _product_anchors(self, anchored: list[_Anchor]) -> list[_Anchor]:
        """Company + known product closing an item, or named with the company after it.

        Rules ``company_product`` and ``work_at_company``:

        >>> rules_fired("岚峰光伏、汀澜硅业单晶硅、澄岭化工金属锂等项目加快建设。")[0]
        ('汀澜硅业', '单晶硅', 'company_product+company_adjacent+status_after')
        >>> rules_fired("金属镁项目已在澜汐镁业投料试产。")
        [('澜汐镁业', '金属镁', 'work_at_company+company_adjacent+status_after')]
        """
        used = [(a.product.start_char, a.product.end_char) for a in anchored]
        out: list[_Anchor] = []
        for product in self.products:
            if any(s <= product.start_char < e for s, e in used):
                continue
            company, rule = self._company_after(product), "work_at_company"
            if company is None and self._ends_item(product):
                company, rule = self._company_before(product.start_char, max_gap=4), "company_product"
            if company is None:
                company, rule = self._relative_builder(product), "relative_work"
            if company is None:
                work = self._listed_work(product) or self._phase_product(product) or self._built_line(product)
                if work is not None:
                    out.append(work)
                continue
            if self.capacities and any(
                    company.end_char <= c.start_char < product.start_char for c in self.capacities):
                continue
            if (person_post(self.text, product.end_char) or processed_input(self.text, product.end_char)
                    or chain_link(self.text, product.start_char, product.end_char)):
                continue
            out.append(_Anchor(company.end_char, product.end_char, product, None, rule=rule))
        return out

    def _relative_builder(self, product: Span) -> Span | None:
        """Rule ``relative_work``: the firm of a relative clause that names its work without a
        figure (某某公司|建设的|光伏|项目, 同日开工的还有某某公司投资的储能电站): a firm right before a
        building verb and 的, right before a known product and its work word.

        >>> rules_fired("同日开工的还有澄岭氢能科技有限公司建设的光伏项目。")
        [('澄岭氢能科技有限公司', '光伏电站', 'relative_work+company_adjacent+status_before')]
        >>> rules_fired("澄岭氢能科技有限公司建设的光伏电站年发电量1亿千瓦时。")
        []
        """
        m = _RELATIVE_WORK.search(self.text, 0, product.start_char)
        if m is None or not _WORK_AFTER.match(self.text, product.end_char):
            return None
        return self._company_before(m.start())

    def _built_line(self, product: Span) -> _Anchor | None:
        """Rule ``built_line``: a known product and its plant or work word right after a verb of building (建设|碳酸锂
        |生产线), or as an item of a 、-list of such lines, in a sentence that names a firm before it, is a project of
        that product with no figure; its firm is found as any project's (the sentence's firm). A list of lines with
        neither a status nor 项目 after it names what exists (rule ``listed_bears``).

        >>> rules_fired("澜汐锂业有限公司将开工建设碳酸锂生产线、氯化锂生产线。")
        [('澜汐锂业有限公司', '碳酸锂', 'built_line+company_in_sentence+status_topic'), \
('澜汐锂业有限公司', '氯化锂', 'built_line+company_in_sentence+status_topic')]
        >>> rules_fired("全州将建设光伏电站。"), rules_fired("澜汐锂业有限公司拥有碳酸锂生产线、氯化锂生产线。")
        ([], [])
        """
        line = _LINE_AFTER.match(self.text, product.end_char)
        if line is None or not any(c.end_char <= product.start_char for c in self.companies):
            return None
        start = product.start_char
        before = self.text[max(0, start - _LINE_BACK):start]
        if not (before.endswith(_LINE_VERBS) or (before.endswith("、") and _LINE_ITEM_BEFORE.search(before))
                or self.text.startswith("、", line.end())):
            return None
        return _Anchor(start, product.end_char, product, None, rule="built_line")

    def _listed_work(self, product: Span) -> _Anchor | None:
        """Rule ``listed_work``: in an enumeration of projects (…、甲地铁矿选矿、乙锂业金属锂等重点项目),
        a later item that names no firm but closes with a known product is a project of that
        product with no company: it is not the item before's (company ``company_none``). A bare
        product as the item (…、风电场、…) names a line of business, not a work, and makes none.

        >>> rules_fired("推进澄岭锂业金属锂、岚峰镇铁矿选矿、汀澜矿业镍钴矿采选等重点产业项目建设。")[1]
        (None, '铁矿石', 'listed_work+company_none+status_after')
        >>> [r for r in rules_fired("推进澄岭锂业金属锂、风电场、光热电站等重点项目建设。") if r[0] is None]
        []
        >>> rules_fired("主要实施百万风电大基地、风电制氢一体化、电网侧储能等11个项目。")
        []
        >>> rules_fired("推进澄岭锂业金属锂、煤制烯烃、首座投运的塔式光热电站等重点项目建设。")
        [('澄岭锂业', '金属锂', 'company_product+company_adjacent+status_after')]
        """
        if not self._ends_item(product):
            return None
        closing = WORK_LIST_END.search(self.text, product.end_char)
        if closing is None:
            return None
        items = enumeration_items(self.text, closing.start())
        item = next(((s, e) for s, e in items[1:] if s <= product.start_char and product.end_char <= e), None)
        if item is None or product.start_char - item[0] < 2:
            return None  # a bare product (…、风电场、…) names a line of business, not a work
        if any(item[0] <= o.start_char < item[1] for o in (*self.companies, *self.capacities)):
            return None
        if any(item[0] <= p.start_char < product.start_char for p in self.products):
            return None  # a kind of work named by two products (…、风电制氢一体化、…), not a site's work
        if industry_item(self.text[item[0]:product.start_char]):
            return None
        return _Anchor(item[0], product.end_char, product, None, rule="listed_work")

    def _phase_product(self, product: Span) -> _Anchor | None:
        """Rule ``phase_product``: a known product right after a phase (or joined by 和/及 to a word right
        after one) and before its plant or work word, with no figure in its clause, is that phase's project
        of the firm the text is about (计划明年一期某品净化厂投产, 二期甲和乙项目投产), when only times and
        aims stand before the phase in its clause.

        >>> rules_fired("澜汐化工有限公司某煤气综合利用项目总投资10亿元。项目建成后年产20万吨液化天然气,"
        ...             "计划明年一期液化天然气装置投产,后年二期甲醇项目投产。")[1:]
        [('澜汐化工有限公司', '液化天然气', 'phase_product+company_previous+status_after'), \
('澜汐化工有限公司', '甲醇', 'phase_product+company_previous+status_after')]
        """
        before = _PHASE_BEFORE_PRODUCT.search(self.text, 0, product.start_char)
        if before is None or not _PHASE_PRODUCT_WORK.match(self.text, product.end_char):
            return None
        clause_start, clause_end = _clause_of(self.clauses, product.start_char)
        if (any(clause_start <= c.start_char < clause_end for c in self.capacities)
                or not _PHASE_LEAD.fullmatch(self.text, clause_start, before.start())):
            return None  # a figure of its own, or a subject before the phase (某区计划首期…): not the firm's
        return _Anchor(product.start_char, product.end_char, product, None, rule="phase_product")

    def _ends_item(self, product: Span) -> bool:
        """The product closes its enumeration item, perhaps with a short tail naming the work
        (…镍钴矿采选、, …装备制造零碳产业园、) or its phase and status (…数据中心二期上月投入运营。)
        that holds no other product, figure or company."""
        m = _ITEM_TAIL.match(self.text, product.end_char)
        if m is None:
            return False
        tail_end = product.end_char + len(m.group(1))
        others = self.products + self.capacities + self.companies
        return not any(product.end_char <= o.start_char < tail_end for o in others)

    def _phase_anchor(self, cap: Span, anchors: list[_Anchor]) -> _Anchor | None:
        """A bare phase figure ("一期2万吨", "同步开工建设二期3万吨") right after a phase word
        belongs to the item before it in the sentence (the total, or the phase before it).

        Rule ``phase_figure``; its company is the total's (``company_of_total``):

        >>> rules_fired("澜汐锂业年产20万吨磷酸铁项目开工，其中一期5万吨已投产。")[1]
        ('澜汐锂业', '磷酸铁', 'phase_figure+company_of_total+status_after')
        """
        if not any(p.end_char == cap.start_char for p in self.phases) and not self._stage_of_phase(cap):
            return None
        earlier = [a for a in anchors if a.end <= cap.start_char]
        if not earlier:
            return None
        parent = earlier[-1].parent or earlier[-1]
        return _Anchor(cap.start_char, cap.end_char, parent.product, cap, parent, "phase_figure")

    def _stage_of_phase(self, cap: Span) -> bool:
        """Rule ``stage_of_phase``: a figure right after a stage (一阶段, 第一阶段) of a phase named
        before it in its clause (二期10万吨项目|一阶段|5万吨) is a part of that phase with a figure
        of its own: a project of the phase, like a phase figure.

        >>> [(m.capacity.text, m.phase) for m in text_mentions("岚澄锂能年产20万吨磷酸铁项目二期10万吨项目一阶段5万吨正在安装设备。")]
        [('年产20万吨', None), ('10万吨', '二期'), ('5万吨', '二期')]
        """
        stage = _STAGE_END.search(self.text, 0, cap.start_char)
        if stage is None:
            return False
        clause_start, _ = _clause_of(self.clauses, cap.start_char)
        return any(clause_start <= p.start_char and p.end_char <= stage.start() for p in self.phases)

    def _record_anchor(self, cap: Span) -> _Anchor | None:
        """In a record of labelled fields (项目名称:…;建设单位:…;建设规模:…), the figure of the
        scale field and the product named in the 项目名称 field (a figure elsewhere in the
        record, 安装…15台, 年加工…1.5万吨, is no figure of the project).

        Rule ``record_scale``:

        >>> rules_fired("项目名称：年产1万吨碳酸锂项目；建设单位：澜汐锂业有限公司；建设规模：年产1万吨；进展：已开工。")[1]
        ('澜汐锂业有限公司', '碳酸锂', 'record_scale+company_label+status_following')
        """
        name_field = _RECORD_START.match(self.text)
        if name_field is None or not _SCALE_LABEL.search(self.text, 0, cap.start_char):
            return None
        field_end = next((e for s, e in self.clauses if s >= name_field.end()), len(self.text))
        product = next((p for p in self.products if name_field.end() <= p.start_char and p.end_char <= field_end), None)
        if product is None or product.end_char > cap.start_char:
            return None
        return _Anchor(product.start_char, cap.end_char, product, cap, rule="record_scale")

    def production(self) -> list[Span]:
        """Products stated with a figure that is no project: output and capacity totals
        (生产钾肥856万吨, 多晶硅产能87万吨, 新增100万吨钾肥…), and the rows of an output table
        (钾肥(实物量)\t万吨\t862.4\t1.9: a known product in the first cell, a unit in another)."""
        if "\t" in self.text and any(_UNIT_CELL.fullmatch(cell.strip()) for cell in self.text.split("\t")[1:]):
            first = next((p for p in self.products if p.start_char == 0 and p.label_ == "PRODUCT"), None)
            if first is not None:
                return [first]
        out = []
        anchored = {id(a.capacity) for a in self.anchors}
        for cap in self.capacities:
            if id(cap) in anchored:
                continue
            for p in self.products:
                if p.label_ != "PRODUCT" or p.id_ in _AGGREGATES or span_text(p) in _AGGREGATES:
                    continue
                gap = self.text[p.end_char:cap.start_char] if p.end_char <= cap.start_char else None
                if gap is not None and _OUTPUT_GAP.match(gap):
                    out.append(p)
                elif p.start_char == cap.end_char:
                    out.append(p)
        return out

    def _field_label(self, pos: int) -> str | None:
        """The label of the field ``pos`` is in (现有产能:…, 在建项目:…), if any: the last
        label before it with no sentence or field end between."""
        labels = list(_FIELD_LABEL.finditer(self.text, 0, pos))
        if not labels or _FIELD_END.search(self.text, labels[-1].end(), pos):
            return None
        return labels[-1].group(1)

    def _not_a_project(self, cap: Span, of_work: bool = False) -> bool:
        """Whether the figure ``cap`` is a total, an output, a rating … rather than a project's scale. A cue of
        output before it (产量) says nothing when the figure is the scale of a work (``of_work``: rule
        ``figure_of_work``, 产量5万吨的纯碱二期工程).

        >>> rules_fired("甲乙碱业有限公司产量5万吨的纯碱二期工程已开工建设。")
        [('甲乙碱业有限公司', '纯碱', 'capacity_product+company_in_sentence+status_after')]

        A cue before money is no output (完成|投资…):

        >>> [r[1] for r in rules_fired("完成投资亿元以上的10万吨甲乙硅、3万吨丙丁纤维等8个项目已开工。")]
        ['甲乙硅', '丙丁纤维']

        Rule ``supply_figure``: goods put on a market or handed to buyers (投放, 供应, 拿出) are a supply; rule
        ``aim_noun``: a figure closed by the noun of an aim (…万吨目标) is a target (``np_bad_start``):

        >>> rules_fired("甲乙建材公司今年将向区域内投放60万吨水泥。"), rules_fired("甲乙矿业锚定年底产煤600万吨目标。")
        ([], [])

        Rule ``plant_name_cue``: a verb of output right before a plant word (生产|线, 生产|项目: ``plant_name_verbs``,
        ``not_project_plants``) is part of a plant's name, not an output, so the figure after it is still a project's
        scale; a total before a work word (合计|项目…) is still a total:

        >>> [r[1] for r in rules_fired("甲乙水泥有限公司日产3000吨水泥熟料生产线及配套4500千瓦余热发电项目开工。")]
        ['水泥熟料', '余热发电']
        >>> rules_fired("甲乙水泥有限公司今年将生产4500吨水泥熟料。"), rules_fired("甲乙能源公司合计项目装机30万千瓦光伏。")
        ([], [])
        """
        clause_start, _ = _clause_of(self.clauses, cap.start_char)
        item_start = _item_start(self.text, clause_start, cap.start_char)
        company = self._company_before(cap.start_char)
        left = company.end_char if company is not None else item_start
        before = built_output(self.text[left:cap.start_char], self.text[:cap.start_char])
        label = self._field_label(clause_start)  # 现有产能:|硼酸4万吨/年,硼砂2万吨/年
        if label is not None and _NOT_PROJECT_CUE.search(label):
            return True
        figure = capacity_of(cap)
        counted = (figure.base_unit in _COUNTED_UNITS and not figure.per_year  # 首批20台风机…, not 年产X500台套
                   and not any(verb in self.text[clause_start:cap.start_char] for verb in _MAKING)
                   and not listed_count(self.text, cap.end_char))
        return (_NOT_PROJECT_CUE.search(before) is not None and not of_work or _ATTRACT_AIM.search(before) is not None
                or _MACHINE_RATING.match(self.text, cap.end_char) is not None or counted
                or (company is None and total_enumeration(self.text[clause_start:cap.start_char],
                                                          self.text[:clause_start]))
                or (company is None and total_closing(self.text, cap.end_char))
                or (company is None and total_continued(self.text, self.clauses, clause_start, self.products,
                                                        cap.start_char))
                or rating_class(span_text(cap)) or self._machine_rating(cap, clause_start)
                or per_unit(capacity_of(cap), self.text[cap.end_char:]))

    def _machine_rating(self, cap: Span, clause_start: int) -> bool:
        """Rule ``machine_rating``: a figure in watts before a machine's name in its clause
        (应用40MW某型电动机) is the machine's rating, unless the clause makes machines (年产…)."""
        if capacity_of(cap).base_unit != "W":
            return False
        m = _MACHINE_AFTER.match(self.text, cap.end_char)
        return m is not None and not any(v in self.text[clause_start:cap.end_char] for v in _MAKING)

    # -- companies -------------------------------------------------------------------
    def _company_before(self, pos: int, max_gap: int = 0) -> Span | None:
        """The company whose name ends right before ``pos``; places, a phase and 年产 may sit
        between (and up to ``max_gap`` other letters: 天合光能|晶硅|组件, but no verb:
        某某锂业|签订|碳酸锂…协议 is no project, and no 的: 某某硅业的|工业硅车间 is its plant).

        Rule ``company_adjacent``:

        >>> rules_fired("甲乙锂业年产3万吨碳酸锂项目已开工建设。")
        [('甲乙锂业', '碳酸锂', 'capacity_product+company_adjacent+status_after')]
        """
        for comp in reversed(self.companies):
            if comp.end_char > pos:
                continue
            gap = self.text[comp.end_char:pos]
            for span in self.places + self.phases:
                if comp.end_char <= span.start_char and span.end_char <= pos:
                    gap = gap.replace(span_text(span), "", 1)
            if _BETWEEN_COMPANY_AND_ANCHOR.match(gap) or (
                    len(gap) <= max_gap and not any(ch in SEPARATORS or ch in _ASPECT or ch in _OF_CHARS for ch in gap)
                    and not any(w in gap for w in company_lexicon().left_trim if len(w) > 1)):
                return comp
            return None
        return None

    def _continues(self, anchor: _Anchor) -> bool:
        """The sentence goes on about the company of the sentences before: it refers back
        (公司, 该企业, 其中), quotes someone, names a further phase, opens by stating the
        content of the project before (主要建设内容为…: rule ``content_sentence``), or opens
        with the project itself (项目建成后,年产…: rule ``project_sentence``)."""
        before = self.text[:anchor.start]
        return (any(w in before for w in _ANAPHORA) or _quoted(self.text)
                or self.phase_for(anchor) is not None or content_clause(self.text)
                or _PROJECT_REFERENCE.match(self.text) is not None)

    def _company_from_context(self, anchor: _Anchor, context: _Context) -> tuple[str | None, str]:
        """The company of an anchor with none in its sentence, and the company rule that chose
        it (company_short_form … company_previous, company_none): a short form of a company named
        earlier in the document right before it (柴源枸杞|二期年产…); else, when the sentence
        has no company and goes on from the text before (refers back, quotes, a further phase,
        or follows a ；), the firm of the document's title for 公司 (an annual report's issuer),
        the group named before for 集团 and the last company named otherwise.

        Rules ``company_short_form``, ``company_section``, ``company_voice``, ``company_speaker``,
        ``company_subject``, ``company_issuer``, ``company_document``, ``company_group``,
        ``company_previous``, ``document_subject`` (the firm the whole document is about:
        :mod:`chainkg.ingest.subject`; also for a work named by its place), in order:

        >>> rules_fired("格尔木汀澜新材料科技有限公司是本地龙头。新建汀澜二期年产1万吨碳酸锂项目开工建设。")[0][2]
        'capacity_product+company_short_form+status_after'
        >>> rules_fired("企业名录\\n一、澜汐锂业有限公司\\n在建项目：年产1万吨碳酸锂项目。")[0][2]
        'capacity_product+company_section+status_earlier'
        >>> rules_fired("今天是澜汐锂业有限公司的七岁生日。我们从戈壁起步。我们一路走来。年产1万吨碳酸锂项目已投产。")[0][2]
        'capacity_product+company_voice+status_after'
        >>> rules_fired("——访澜汐锂业有限公司董事长王某\\n记者来到园区。园区很大。天气晴朗。道路宽阔。\\n"
        ...             "“年产1万吨碳酸锂项目已投产。”王某说。")[0][2]
        'capacity_product+company_speaker+status_after'
        >>> rules_fired("澜汐锂业有限公司位于园区。澜汐锂业去年营收增长。年产1万吨碳酸锂项目开工建设。")[0][2]
        'capacity_product+company_subject+status_after'
        >>> rules_fired("澜汐锂业有限公司2025年年度报告\\n公司拟在园区建设年产1万吨碳酸锂项目。")[0][2]
        'capacity_product+company_issuer+status_before'
        >>> rules_fired("澜汐锂业有限公司成立于2020年。澜汐锂业去年营收增长。汀澜化工也来考察。天气晴朗。道路宽阔。"
        ...             "工地繁忙。澜汐锂业员工超过千人。天气晴朗。道路宽阔。工地繁忙。公司还将建设年产1万吨氯化锂项目。")[0][2]
        'capacity_product+company_document+status_before'
        >>> rules_fired("年产2万吨碳酸锂项目在园区开工建设。\\n“项目年底投产。”澜汐锂业有限公司总经理王某说。")[0]
        ('澜汐锂业有限公司', '碳酸锂', 'capacity_product+document_subject+status_after')
        >>> rules_fired("汀澜集团与岚峰锂业签约。集团年产1万吨碳酸锂项目开工建设。")[0]
        ('汀澜集团', '碳酸锂', 'capacity_product+company_group+status_after')
        >>> rules_fired("澜汐锂业有限公司今年产值增长。公司年产1万吨碳酸锂项目开工建设。")[0]
        ('澜汐锂业有限公司', '碳酸锂', 'capacity_product+company_previous+status_after')
        """
        short = self._short_form(anchor, context.named)
        if short is not None:
            return short, "company_short_form"
        if context.section_firm is not None and not self.companies:
            return context.section_firm, "company_section"  # a firm's section of a directory (一、某某有限公司 / 在建项目:…)
        if self.companies or not (context.continued or self._continues(anchor)):
            quoted = _quoted(self.text)
            if self.voice is not None and not self.companies:
                return self.voice, "company_voice"  # a firm's own article: its work unless another firm is named
            if quoted and self.speaker is not None:
                return self.speaker, "company_speaker"  # an interviewee speaks of the firm's own work
            if self.companies:
                if self._names_only(context.document):
                    return context.document, "subject_named"
                return None, "company_none"
            if any(p.start_char < anchor.start for p in self.places):  # a work named by its place (某某乡30万千瓦光伏)
                return context.document, "document_subject" if context.document is not None else "company_none"
            if context.subject is None and context.lead is not None and not _NUMBERED.match(self.text):
                return context.lead, "company_lead"  # a later paragraph with no subject goes on about the lead's firm;
                # a numbered item is a record of its own
            if context.subject is not None:
                return context.subject, "company_subject"
            return context.document, "document_subject" if context.document is not None else "company_none"
        if _ISSUER_REFERENCE.search(self.text, 0, anchor.start):
            if context.issuer is not None:
                return context.issuer, "company_issuer"  # 公司拟在…建设 in the report of the firm the title names
            if context.document is not None:
                return context.document, "company_document"  # 公司 in a text about one firm is that firm
        if any(g in self.text[:anchor.start] for g in _GROUP_WORDS):
            group = next((n for n in reversed(context.named) if any(g in n for g in _GROUP_WORDS)), None)
            if group is not None:
                return group, "company_group"
        builder = self._project_builder(anchor, context)
        if builder is not None:
            return builder, "company_project"
        if context.previous is not None:
            return context.previous, "company_previous"
        if self.speaker is not None:
            return self.speaker, "company_speaker"
        return context.document, "document_subject" if context.document is not None else "company_none"

    def _project_builder(self, anchor: _Anchor, context: _Context) -> str | None:
        """Rule ``company_project``: a sentence without a firm that refers back to the project (项目…, 该项目…,
        a phase: 一期…) and not to a firm (``firm_anaphora_words``: 公司, 该企业 …) goes on about the project
        stated last and its builder, not about the firm named last: guests, investors, a parent or a bank named
        in the sentences between build nothing of it. A quote's project (“我们将…建设…项目”) is the speaker's: there
        the firm named last stays.

        >>> rules_fired("澜汐锂业年产3万吨碳酸锂项目开工。汀澜集团董事长出席。项目分两期建设,一期建设1万吨碳酸锂。")[1]
        ('澜汐锂业', '碳酸锂', 'capacity_product+company_project+status_before')
        >>> rules_fired("澜汐锂业年产3万吨碳酸锂项目开工。汀澜集团董事长出席。该公司还将建设1万吨氯化锂项目。")[1][:2]
        ('汀澜集团', '氯化锂')
        """
        builder = context.builder
        before = self.text[:anchor.start]
        if (builder is None or builder == context.previous or any(w in before for w in _FIRM_ANAPHORA)
                or _quoted(self.text)):
            return None
        refers = _PROJECT_REFERENCE.search(before) is not None or self.phase_for(anchor) is not None
        return builder if refers else None

    def _names_only(self, firm: str | None) -> bool:
        """Rule ``subject_named``: the firms the sentence names are all ``firm``, the one the whole document
        is about, so a figure no firm of its own claims is that firm's (…年产N吨X,成为某某矿业新的增长点).
        A sentence naming another firm too keeps its figures without one.

        >>> rules_fired("澜汐矿业:多金属项目开工\\n项目建成后,将形成年产铅锭20万吨生产能力,成为澜汐矿业新的增长点。")
        [('澜汐矿业', '铅锭', 'product_capacity+subject_named+status_topic')]
        >>> [r[0] for r in rules_fired("澜汐矿业:多金属项目开工\\n项目建成后,将形成年产铅锭20万吨生产能力,"
        ...                             "成为澜汐矿业与汀澜化工的增长点。")]
        [None]
        """
        if firm is None:
            return False
        key = _company_key(firm)
        return all(_company_key(self.name_of(c)) == key for c in self.companies)

    def _short_form(self, anchor: _Anchor, named: Sequence[str]) -> str | None:
        """The one company named earlier whose name (legal form and region dropped) starts
        with the words that end the item right before the anchor (a phase word skipped); else
        the one whose name starts with the words that open the sentence (:meth:`_short_subject`)."""
        cs, _ = _clause_of(self.clauses, anchor.start)
        before = _TRAILING_PHASE.sub("", self.text[_item_start(self.text, cs, anchor.start):anchor.start])
        keys = {name: _company_key(name) for name in named}
        places = {span_text(p) for p in self.places}
        for size in range(len(before), 1, -1):
            if before[-size:] in places:
                continue  # 大柴旦|20万千瓦 is where, not 大柴旦某某物流 in short
            hits = {name for name, key in keys.items() if len(key) > size and key.startswith(before[-size:])}
            if len({keys[h] for h in hits}) == 1:
                return max(hits, key=len)
        return self._short_subject(keys, places)

    def _short_subject(self, keys: dict[str, str], places: set[str]) -> str | None:
        """Rule ``short_subject``: the one company named earlier whose name, or its name without legal
        form and region, is longer than and starts with the sentence's first three letters or more
        (岚州海泰|今年计划投资…建设…: the subject, written short); a place alone (格尔木…) is none.

        >>> rules_fired("岚州海泰新能科技股份有限公司与汀澜集团签约。岚州海泰下半年将开建80万千瓦光伏组件项目。")[0]
        ('岚州海泰新能科技股份有限公司', '光伏组件', 'capacity_product+company_short_form+status_topic')
        """
        lex = company_lexicon()
        for size in range(min(len(self.text), _SHORT_SUBJECT_MAX), _SHORT_SUBJECT_MIN - 1, -1):
            head = self.text[:size]
            if head in places or len(lex.without_region(head)) < _SHORT_SUBJECT_MIN - 1:
                continue
            hits = {name for name, key in keys.items()
                    if any(len(n) > size and n.startswith(head) for n in (name, key))}
            if len({keys[h] for h in hits}) == 1:
                return max(hits, key=len)
        return None

    def _company_after(self, product: Span) -> Span | None:
        """A company named after the product in its clause as the place or maker of the work:
        "…项目已在某某镁业成功投料试产", "…项目由某某公司承建".

        Rule ``company_after``:

        >>> rules_fired("年产2万吨金属镁项目已在澜汐镁业投料试产。")
        [('澜汐镁业', '金属镁', 'capacity_product+company_after+status_after')]
        """
        _, ce = _clause_of(self.clauses, product.start_char)
        for comp in self.companies:
            if any(product.end_char <= p.start_char < comp.start_char for p in self.products):
                continue
            if product.end_char <= comp.start_char < ce and _AT_OR_BY_END.search(self.text[:comp.start_char]) \
                    and _PROJECT_AT_OR_BY_END.search(self.text[product.end_char:comp.start_char]):
                return comp
        return None

    def _labelled_company(self, anchor: _Anchor, anchors: list[_Anchor]) -> Span | None:
        """A company named after the project's product under a label (…风电项目:建设单位为
        某某公司; 项目名称:…;建设单位:某某公司), with no other project between them but
        further items of the same name (项目名称:年产…X及…Y项目).

        Rule ``company_label``:

        >>> rules_fired("年产10万千瓦风电项目：建设单位为澜汐新能源有限公司。")[0][:2]
        ('澜汐新能源有限公司', '风电场')
        """
        for comp in self.companies:
            if comp.start_char < anchor.product.end_char or not _COMPANY_LABEL.search(self.text, 0, comp.start_char):
                continue
            between = sorted((a for a in anchors if a is not anchor and anchor.product.end_char <= a.start < comp.start_char),
                             key=lambda a: a.start)
            end = anchor.end
            for a in between:  # only further items of the same name (年产3000吨X及2000吨Y项目)
                if not _ENUM_GAP.fullmatch(self.text, end, a.start):
                    return None
                end = a.end
            return comp
        return None

    def _listed_builder(self) -> Span | None:
        """In an item of a key-project list ("N. 项目名称（建设单位） 建设规模：…"), the builder
        in brackets right after the project's name: the company of every figure of the item.

        Rule ``company_listed``:

        >>> rules_fired("3. 年产1万吨碳酸锂项目（澜汐锂业有限公司） 建设规模：年产1万吨。")
        [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+company_listed+status_none')]
        """
        m = _LISTED_BUILDER.match(self.text)
        if m is None:
            return None
        return next((c for c in self.companies if c.start_char == m.end()
                     and self.text.startswith(("）", ")"), c.end_char)), None)

    def _row_builder(self) -> Span | None:
        """In a table row (cells cut by tabs), the firm that fills a cell by itself
        ("1\t年产…项目\t某某有限公司\t续建\t…"): the builder of every item of the row.

        Rule ``company_row``:

        >>> rules_fired("1\\t年产1万吨碳酸锂项目\\t澜汐锂业有限公司\\t续建")
        [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+company_row+status_following')]
        """
        if "\t" not in self.text:
            return None
        return next((c for c in self.companies if (c.start_char == 0 or self.text[c.start_char - 1] == "\t")
                     and (c.end_char == len(self.text) or self.text[c.end_char] == "\t")), None)

    def _respective_company(self, anchor: _Anchor, anchors: list[_Anchor]) -> Span | None:
        """"甲、乙分别建设年产1万吨X、2万吨Y": with 分别 after a list of firms and as many items
        after it, the n-th item is the n-th firm's.

        Rule ``company_respective``:

        >>> rules_fired("澜汐锂业、汀澜化工分别建设年产1万吨碳酸锂、2万吨硝酸锶。")[1]
        ('汀澜化工', '硝酸锶', 'capacity_product+company_respective+status_before')
        """
        pos = self.text.find(_RESPECTIVELY, 0, anchor.start)
        if pos < 0:
            return self._respective_after(anchor, anchors)
        firms: list[Span] = []
        for comp in reversed([c for c in self.companies if c.end_char <= pos]):
            gap = self.text[comp.end_char:firms[0].start_char if firms else pos]
            if not (_ENUM_GAP.fullmatch(gap) or (not firms and len(gap) <= 2 and not any(c in SEPARATORS for c in gap))):
                break
            firms.insert(0, comp)
        return _nth_firm(self.text, anchor, [a for a in anchors if a.start > pos and a.parent is None], firms,
                         _clause_of(self.clauses, pos)[1])

    def _builder_for(self, beneficiary: Span) -> Span | None:
        """The firm that builds for ``beneficiary`` in "甲为乙配套建设…": the one right before 为/给.

        Rule ``company_builder_for``:

        >>> rules_fired("澜汐锂业为汀澜化工配套建设年产1万吨碳酸锂项目。")
        [('澜汐锂业', '碳酸锂', 'capacity_product+company_builder_for+status_before')]
        """
        cs, _ = _clause_of(self.clauses, beneficiary.start_char)
        return next((c for c in reversed(self.companies) if cs <= c.start_char and c.end_char < beneficiary.start_char
                     and _FOR.fullmatch(self.text, c.end_char, beneficiary.start_char)), None)

    def _respective_after(self, anchor: _Anchor, anchors: list[_Anchor]) -> Span | None:
        """"年产…X项目、年产…Y项目同日开工,业主分别为甲和乙": as many firms listed after 分别为
        as items before it, the n-th item is the n-th firm's.

        Rule ``company_respective``, the firms after the items:

        >>> rules_fired("年产1万吨碳酸锂项目、年产2万吨硝酸锶项目同日开工，业主分别为澜汐锂业和汀澜化工。")[1]
        ('汀澜化工', '硝酸锶', 'capacity_product+company_respective+status_after')
        """
        m = _RESPECTIVE_AFTER.search(self.text, anchor.end)
        if m is None:
            return None
        firms: list[Span] = []
        for comp in (c for c in self.companies if c.start_char >= m.end()):
            gap = self.text[firms[-1].end_char if firms else m.end():comp.start_char]
            if gap and not _ENUM_GAP.fullmatch(gap):
                break
            firms.append(comp)
        return _nth_firm(self.text, anchor, [a for a in anchors if a.end <= m.start() and a.parent is None], firms)

    def _bracketed_builder(self, anchor: _Anchor) -> Span | None:
        """A firm in brackets right after the project's name: 年产…X项目(某某有限公司).

        Rule ``company_bracketed``:

        >>> rules_fired("年产1万吨碳酸锂项目（澜汐锂业有限公司）已开工。")
        [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+company_bracketed+status_after')]
        """
        m = _BRACKET_AFTER_WORK.match(self.text, anchor.end)
        if m is None:
            return None
        return next((c for c in self.companies if c.start_char == m.end()
                     and self.text.startswith(("）", ")"), c.end_char)), None)

    def company_for(self, anchor: _Anchor, anchors: list[_Anchor]) -> tuple[Span | None, str]:
        """The anchor's company and the rule that found it (see :meth:`_found_company`); the firm
        that builds for it when it is only the beneficiary (甲为乙配套建设…: 甲, company_builder_for)."""
        company, how = self._found_company(anchor, anchors)
        builder = self._builder_for(company) if company is not None else None
        return (builder, "company_builder_for") if builder is not None else (company, how)

    def _found_company(self, anchor: _Anchor, anchors: list[_Anchor]) -> tuple[Span | None, str]:
        """The anchor's company and the company rule that found it (:data:`chainkg.rules.RULES`,
        in their order: company_respective … company_content, else company_none).

        Rules ``company_in_sentence`` and ``company_content`` (the last two of the sentence):

        >>> rules_fired("澜汐锂业开工建设年产1万吨碳酸锂项目。")
        [('澜汐锂业', '碳酸锂', 'capacity_product+company_in_sentence+status_before')]
        >>> rules_fired("澜汐锂业有限公司年产1万吨碳酸锂项目投产，主要建设2万吨硝酸锶生产线。")[1]
        ('澜汐锂业有限公司', '硝酸锶', 'capacity_product+company_content+status_before')
        """
        if anchor.rule == "listed_work":
            return None, "company_none"
        respective = self._respective_company(anchor, anchors)
        if respective is not None:
            return respective, "company_respective"
        direct = self._company_before(anchor.start)
        row = self._row_builder()
        if direct is not None and row is not None and direct.id_ == "position":
            return row, "company_row"  # the builder's cell speaks for a brand inside the name's cell
        if direct is not None:
            run = joint_run(self.text, self.companies)
            return (run[0], "company_joint") if run is not None and run[1] is direct else (direct, "company_adjacent")
        if anchor.parent is not None:
            return self._found_company(anchor.parent, anchors)[0], "company_of_total"
        after = self._company_after(anchor.product)
        if after is not None:
            return after, "company_after"
        labelled = self._labelled_company(anchor, anchors)
        if labelled is not None:
            return labelled, "company_label"
        builder = self._listed_builder()
        if builder is not None:
            return builder, "company_listed"
        builder = self._row_builder()
        if builder is not None:
            return builder, "company_row"
        builder = self._bracketed_builder(anchor)
        if builder is not None:
            return builder, "company_bracketed"
        before = [c for c in self.companies if c.end_char <= anchor.start]
        if not before:
            return None, "company_none"
        run = joint_run(self.text, before)
        if run is not None and run[1] is before[-1]:
            return run[0], "company_joint"
        last = before[-1]
        owners = [a for a in anchors if a is not anchor and self._company_before(a.start) == last]
        if not owners:
            return last, "company_in_sentence"
        owner = owners[-1]
        between = self.text[owner.end:anchor.start]
        if owner.end <= anchor.start and (_OWNER_JOINED.match(between) or _AMONG in between
                                          or between.startswith(CONNECTORS) or _BRACKETED_PHASE.fullmatch(between)):
            return last, "company_in_sentence"  # …(二期)9万吨: the total's phase (rule bracketed_phase)
        if self._next_item(owner, anchor, anchors):
            return last, "company_enumeration"
        if self._bracketed_item(owner, anchor, anchors):
            return last, "company_of_total"
        cs, _ = _clause_of(self.clauses, anchor.start)
        if owner.end <= cs and _CLAUSE_REFERENCE.match(self.text, cs, anchor.start):
            return last, "company_in_sentence"  # …项目建成投产,该公司同步实施的年产…; 其配套建设的…
        if owner.end <= cs and content_clause(self.text[cs:anchor.start]):
            return last, "company_content"
        return None, "company_none"

    def _next_item(self, owner: _Anchor, anchor: _Anchor, anchors: list[_Anchor]) -> bool:
        """Rule ``shared_firm``: ``anchor`` is a later item of the enumeration ``owner`` opens
        (某某化工年产5万吨A、3万吨B、2万吨C项目): every anchor from the owner to it follows the one
        before across only an enumeration gap (、, 及, 和配套 …), so the owner's firm is its firm
        (company rule ``company_enumeration``).

        >>> rules_fired("汀澜化工年产5万吨甲醇、3万吨乙二醇、2万吨醋酸项目开工建设。")[1:]
        [('汀澜化工', '乙二醇', 'capacity_product+company_enumeration+status_after'), \
('汀澜化工', '醋酸', 'capacity_product+company_enumeration+status_after')]

        Rule ``plant_gap``: the plant that closes an item (车间, 生产线, 装置: ``item_plant_words``) keeps the
        items one enumeration, so the later ones keep the firm:

        >>> [r[0] for r in rules_fired("汀澜化工5万吨甲醇车间、3万吨乙二醇生产线、年产2万吨醋酸项目投产。")]
        ['汀澜化工', '汀澜化工', '汀澜化工']
        """
        chain = sorted((a for a in anchors if owner.start <= a.start and a.end <= anchor.start), key=lambda a: a.start)
        if not chain or chain[0] is not owner:
            return False
        ends = [a.end for a in chain]
        starts = [a.start for a in chain[1:]] + [anchor.start]
        return all(e <= s and _ENUM_GAP.fullmatch(self.text, e, s) for e, s in zip(ends, starts))

    def _bracketed_item(self, owner: _Anchor, anchor: _Anchor, anchors: list[_Anchor]) -> bool:
        """Rule ``bracketed_list``: ``anchor`` is an item of the phase's list written in brackets right
        after the total project (``owner`` and the items it lists: 甲公司60万吨A项目(一期建设20万吨B、
        10万吨C)), or in the clause after it when that clause opens with the phase (…A、B项目,一期建设
        20万吨B、…): at most a phase and a word that opens the list (建设, 包括, 其中) come before its
        first item, and the items up to ``anchor`` follow one another across enumeration gaps. The
        phase's items are the total's, so the owner's firm is theirs (company rule ``company_of_total``).

        >>> [r[:2] for r in rules_fired("汀澜化工有限公司年产30万吨氯碱项目(一期建设年产10万吨烧碱、"
        ...                              "8万吨聚氯乙烯、5万吨电石),现已投产。")]
        [('汀澜化工有限公司', '氯碱'), ('汀澜化工有限公司', '烧碱'), ('汀澜化工有限公司', '聚氯乙烯'), \
('汀澜化工有限公司', '电石')]
        >>> [r[0] for r in rules_fired("汀澜化工有限公司20万吨烧碱、10万吨电石一体化项目,一期建设10万吨烧碱、"
        ...                            "5万吨电石、3万吨石灰。")]
        ['汀澜化工有限公司', '汀澜化工有限公司', '汀澜化工有限公司', '汀澜化工有限公司', '汀澜化工有限公司']
        """
        later = sorted((a for a in anchors if owner.end <= a.start), key=lambda a: a.start)
        total = owner  # the last item of the total's own enumeration
        for item in later:
            if item is anchor or not _ENUM_GAP.fullmatch(self.text, total.end, item.start):
                break
            total = item
        if total.end > anchor.start:
            return False
        opened = _LIST_BRACKET.match(self.text, total.end)
        if opened is None:
            return False
        first = min((a for a in anchors if a.start >= opened.end()), key=lambda a: a.start, default=None)
        if first is None or self.text[opened.end():first.start].strip():
            return False
        return first is anchor or self._next_item(first, anchor, anchors)

    # -- status ----------------------------------------------------------------------
    def status_for(self, anchor: _Anchor, anchors: list[_Anchor], company: Span | None = None,
                   topic: tuple[str, int, str] | None = None, described: tuple[str, int, str] | None = None
                   ) -> tuple[list[Span], str | None, int, str | None, str]:
        """(status spans, key, rank, phrase as written, status rule) of the anchor, looked for in
        order (the status rules of :data:`chainkg.rules.RULES`, status_after … status_heading):
        after it in its clause (an enumeration shares it); before it in its clause
        ("开工建设格尔木…", or before its firm with 的: 竣工投产的某某公司…); in a following
        clause with no item of its own (in a table row, any later cell without an item: the
        progress cell); in an earlier clause
        of the sentence ("…项目开工,其中…"); in the sentence that describes a title sentence
        (``described``, see :meth:`described_by`); in the paragraph's lead (``topic``: 签约项目…) or
        the headings ("签约项目"). A phrase before the item counts only after its company: in
        "引进某某公司建设…" 引进 governs the company. Weak words (建设, 推进) count only when
        nothing else does; in a reported text, an aim or a condition (计划年底并网, 建成后) only
        when nothing else does either, except a phase's own aim after it (其中一期…计划年内开工).
        Adjacent phrases count together. A stage stated as done (完成设备安装) gives way to a more
        advanced one in the clauses after it (,进入试车). A phrase before the first item of an
        enumeration is every item's (签约A及B项目); one after another item in an earlier clause is
        that item's only.

        >>> rules_fired("年产1万吨碳酸锂项目，目前已开工建设。")[0][2]
        'capacity_product+company_none+status_following'
        >>> rules_fired("澜汐锂业签约落地，年产1万吨碳酸锂项目。")[0][2]
        'capacity_product+company_in_sentence+status_earlier'
        >>> rules_fired("签约项目涵盖新材料等领域，澜汐锂业年产1万吨碳酸锂项目。")[0][2]
        'capacity_product+company_adjacent+status_topic'
        >>> rules_fired("澜汐锂业年产1万吨碳酸锂项目。", ["签约项目"])[0][2]
        'capacity_product+company_adjacent+status_heading'
        >>> rules_fired("澜汐锂业年产1万吨碳酸锂项目。")[0][2]
        'capacity_product+company_adjacent+status_none'
        """
        cs, ce = _clause_of(self.clauses, anchor.start)
        first = self._enumeration_start(anchor, anchors)
        lower = max([cs] + [a.end for a in anchors if a.end <= first]
                    + ([company.end_char] if company is not None and cs <= company.end_char <= anchor.start else []))
        phases = [a.start for a in anchors if a.parent is anchor]
        limit = min(phases, default=len(self.text))  # a total's status is not its phase's (…项目,其中一期…投产)
        inside = [(a.start, a.end) for a in anchors]  # a word within an item (30兆瓦|并网|光伏) is not its status
        after = [s for s in self.statuses if anchor.end <= s.start_char < min(ce, limit)
                 and not any(b <= s.start_char and s.end_char <= e for b, e in inside)]
        before = [s for s in self.statuses if lower <= s.start_char and s.end_char <= anchor.start]
        if company is not None and company.start_char <= anchor.start:  # 竣工投产的|某某公司…
            before = [s for s in self.statuses if _STATUS_OF_FIRM.fullmatch(self.text, s.end_char, company.start_char)
                      and (cs <= s.start_char or s.end_char + 4 >= cs)] + before
        following: list[Span] = []
        for s, e in self.clauses:
            if s < ce:
                continue
            if any(s <= a.start < e for a in anchors):
                if "\t" in self.text:
                    continue  # a table row: the progress cell speaks for every item of the row
                break
            following += [st for st in self.statuses if s <= st.start_char < min(e, limit)]
        floor = company.end_char if company is not None and company.end_char <= anchor.start else 0
        earlier = [s for s in self.statuses if floor <= s.start_char and s.end_char <= cs
                   and not self._owned_by_other(s, anchor, anchors)]
        planned = _mode(self.sentence, self.published) == "planned"
        for weak, tentative in ((False, False), (True, False), (False, True), (True, True)):
            own_aim = anchor.parent is not None  # a phase's own aim (其中一期…计划年内开工) is its status
            allowed = [s for s in after if self._counts(s, weak, tentative or planned or own_aim)]
            if allowed:
                later = [s for s in following if self._counts(s, weak, tentative or planned)]
                return (*self._past_done(self._adjacent(allowed), later), "status_after")
            for group, rule in ((before[::-1], "status_before"), (following, "status_following"),
                                (earlier[::-1], "status_earlier")):
                allowed = [s for s in group if self._counts(s, weak, tentative or planned)]
                if allowed:
                    return (*self._past_done([allowed[0]], allowed[1:] if group is following else []), rule)
            if not weak and not tentative:
                heading, rule = ((described, "status_described") if described is not None
                                 else (topic, "status_topic") if topic is not None
                                 else (heading_status(self.sentence.headings), "status_heading"))
                if heading is not None:
                    return [], heading[0], heading[1], heading[2], rule
        return [], None, 0, None, "status_none"

    def described_by(self, anchor: _Anchor, description: "SentenceReader | None"
                     ) -> tuple[str | None, tuple[str, int, str] | None]:
        """(builder, status) that ``description`` (the next sentence of the paragraph, naming no
        project of its own) gives ``anchor`` when this sentence is a title that only names the
        project (1.某某年产…项目。/ 2.某地20万千瓦光伏项目。): the firm it opens with as the
        builder (由某某公司投资…建设), and its most advanced stage stated as done, not as an aim
        (…3月开工,11月实现全容量并网 -> 全容量并网; 计划…开工 is none). When the next sentence
        opens with 该项目 / 项目 and speaks of one project of this one (its phase when it names
        one), that stage only (no builder).

        Rules ``company_described`` and ``status_described``:

        >>> rules_fired("1.年产1万吨碳酸锂项目。由澜汐锂业有限公司投资建设，今年3月开工，11月建成投产。")
        [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+company_described+status_described')]
        """
        if description is None or description.anchors:
            return None, None
        title = _TITLE_END.fullmatch(self.text, anchor.end) is not None
        if not title and not (_PROJECT_REFERENCE.match(description.text) and self._described_item(description) is anchor):
            return None, None
        first = next(iter(description.companies), None)
        builder = (description.name_of(first) if title and first is not None
                   and _BUILDER_OPENING.fullmatch(description.text, 0, first.start_char)
                   and _BUILDER_VERB.match(description.text, first.end_char) else None)
        planned = _mode(description.sentence, description.published) == "planned"
        stated = best_status(span_text(s) for s in description.statuses if description._counts(s, False, planned))
        return builder, stated

    def _described_item(self, description: "SentenceReader") -> "_Anchor | None":
        """The one project a following 该项目… sentence speaks of: the phase it names (该项目一期…)
        when this sentence has that phase, else the sentence's only project that is no phase."""
        named = {span_text(p) for p in description.phases}
        phases = [a for a in self.anchors if a.parent is not None and (p := self.phase_for(a)) is not None
                  and span_text(p) in named]
        if named:
            return phases[0] if len(phases) == 1 else None
        wholes = [a for a in self.anchors if a.parent is None]
        return wholes[0] if len(wholes) == 1 else None

    def _counts(self, status: Span, weak: bool, tentative: bool) -> bool:
        """Whether a status phrase may decide in this round (weak words, aims allowed or not)."""
        return (weak or span_text(status) not in _WEAK_STATUS) and (tentative or not self._tentative(status))

    def _tentative(self, status: Span) -> bool:
        """The phrase states an aim or a condition, not where the work stands: after 计划,
        预计, 力争, 拟, 将 … in its clause (计划年底并网), or followed by 后 (建成后)."""
        cs, _ = _clause_of(self.clauses, status.start_char)
        return bool(_TENTATIVE_BEFORE.search(self.text, cs, status.start_char)
                    or _TENTATIVE_AFTER.match(self.text, status.end_char))

    def _enumeration_start(self, anchor: _Anchor, anchors: list[_Anchor]) -> int:
        """Where the enumeration holding ``anchor`` starts: items joined only by 、, 及, 和 …
        (签约A及B项目) share the phrase before the first of them."""
        start = anchor.start
        for a in sorted((a for a in anchors if a.end <= anchor.start), key=lambda a: -a.end):
            if not _ENUM_GAP.fullmatch(self.text, a.end, start):
                break
            start = a.start
        return start

    def _owned_by_other(self, status: Span, anchor: _Anchor, anchors: list[_Anchor]) -> bool:
        """``status`` follows another item in its clause, so it is that item's, not the status of
        ``anchor`` in a later clause (…X项目进入试车,年产2万吨Y项目在某地启动…: Y is not 试车);
        a total's status stays its phases' (…Z项目开工,其中一期…)."""
        s, _ = _clause_of(self.clauses, status.start_char)
        return any(s <= a.start and a.end <= status.start_char and a is not anchor.parent for a in anchors)

    def _past_done(self, group: list[Span], later: list[Span]) -> tuple[list[Span], str | None, int, str | None]:
        """The status of ``group``; when it is a stage stated as done (完成设备安装), the more
        advanced of it and the stage ``later`` names next (,进入联动试车 / ,11月投料试车)."""
        found = self._best(group)
        if later and _DONE_BEFORE.search(self.text, max(0, group[0].start_char - 3), group[0].start_char):
            nxt = self._best(self._adjacent(later))
            return nxt if nxt[2] > found[2] else found
        return found

    @staticmethod
    def _adjacent(spans: list[Span]) -> list[Span]:
        """The first span and those that follow it closely (试车成功并试产)."""
        group = [spans[0]]
        for s in spans[1:]:
            if s.start_char - group[-1].end_char <= 4:
                group.append(s)
        return group

    def _best(self, group: list[Span]) -> tuple[list[Span], str | None, int, str | None]:
        best = best_status(span_text(s) for s in group)
        if best is None:
            return group, None, 0, None
        key, rank, _phrase = best
        text = self.text[group[0].start_char:group[-1].end_char]
        return group, key, rank, text

    # -- place and phase -------------------------------------------------------------
    def place_for(self, anchor: _Anchor, company: Span | None) -> Span | None:
        cs, _ = _clause_of(self.clauses, anchor.start)
        lo = company.start_char if company is not None and company.start_char >= cs else _item_start(self.text, cs, anchor.start)
        inside = [p for p in self.places if lo <= p.start_char and p.end_char <= anchor.start]
        if company is not None:
            inside += [p for p in self.places if company.start_char <= p.start_char and p.end_char <= company.end_char]
        return inside[-1] if inside else None

    def phase_for(self, anchor: _Anchor) -> Span | None:
        """The phase of the anchor's item (一期年产…, 某某风电二期10万千瓦, …项目二期); not a
        phase after the anchor with a figure of its own (年产5万吨X项目|一期2万吨: the total's).

        Rule ``shared_phase``: a later item of an enumeration without a phase of its own
        (一期建设10万吨甲产能+5万吨乙产能, 一期5万吨甲、2万吨乙) is in the phase of the item it
        follows, so it also goes on about the firm of the sentences before, as that item does:

        >>> rules_fired("汀澜硅业有限公司将投建年产20万吨多晶硅项目。一期建设10万吨多晶硅产能+5万吨工业硅产能。")[2]
        ('汀澜硅业有限公司', '工业硅', 'capacity_product+company_previous+status_before')
        """
        cs, ce = _clause_of(self.clauses, anchor.start)
        item = _item_start(self.text, cs, anchor.start)
        cap_starts = {c.start_char for c in self.capacities}
        own = [p for p in self.phases if item <= p.start_char < min(ce, anchor.end + 3)
               and not (p.start_char >= anchor.end and p.end_char in cap_starts)]
        before = [p for p in own if p.start_char < anchor.start]
        if own:  # the nearest before it (一期5万吨甲及二期3万吨乙: 乙's is 二期), else the one after
            return before[-1] if before else own[0]
        before = next((a for a in reversed(self.anchors) if a.end <= anchor.start), None)
        if before is not None and _ENUM_GAP.fullmatch(self.text, before.end, anchor.start):
            return self.phase_for(before)
        return self._clause_phase(cs)

    def _clause_phase(self, clause_start: int) -> Span | None:
        """Rule ``clause_phase``: a phase that closes the clause before, with no figure of its
        own there, is the phase of the figures that follow (正在筹建二期,再上8000吨甲和3000吨乙).

        >>> [m.phase for m in text_mentions("岚澄化工有限公司正在筹建二期,再上8000吨碳酸锶和3000吨硝酸锶。")]
        ['二期', '二期']
        """
        previous = next(((s, e) for s, e in reversed(self.clauses) if e <= clause_start), None)
        if previous is None or any(previous[0] <= c.start_char < previous[1] for c in self.capacities):
            return None
        end = len(self.text[:previous[1]].rstrip())
        closing = next((p for p in self.phases if p.end_char == end and p.start_char >= previous[0]), None)
        return closing or self._opening_phase(previous[0])

    def _opening_phase(self, clause_start: int) -> Span | None:
        """Rule ``opening_phase``: a phase and its work word opening a clause with no figure
        (其中,一期工程计划年底开工,建设年产…) is the phase of the figures in the clauses after it.

        >>> [m.phase for m in text_mentions("岚澄新能源有限公司分期建设10万吨负极材料项目。其中,一期工程计划明年开工,建设年产3万吨负极材料。")]
        [None, '一期']
        """
        opening = _OPENING_PHASE.match(self.text, clause_start)
        if opening is None:
            return None
        if opening.group("invest") and not self._invested_phase(opening.end()):
            return None
        return next((p for p in self.phases if p.start_char == opening.start("phase")), None)

    def _invested_phase(self, pos: int) -> bool:
        """Rule ``phase_investment``: a clause that opens with a phase and its investment (其中一期计划投资50亿元,
        二期计划投资…) and holds nothing else is the phase of the figures in the clauses after it, as a phase
        with its work word is (rule ``opening_phase``); the investment's amount, ``pos`` on, is money only.

        >>> [m.phase for m in text_mentions("澄岭硅业有限公司分两期建设,其中一期计划投资50亿元,建设年产3万吨多晶硅。"
        ...                                 "二期计划投资40亿元,建设年产3万吨多晶硅。")]
        ['一期', '二期']
        """
        _cs, ce = _clause_of(self.clauses, pos)
        return _INVESTMENT_AMOUNT.fullmatch(self.text, pos, ce) is not None

    # -- presence ---------------------------------------------------------------------
    def marks(self) -> Marks:
        """What the pipeline marked in the sentence, as plain data for :mod:`chainkg.ingest.presence`."""
        def mark(span: Span, key: str | None = None) -> Mark:
            text = self.text[span.start_char:span.end_char]  # span.text would join its tokens again
            return Mark(span.start_char, span.end_char, text, key if key is not None else (span.id_ or text))

        known = _known_products()

        return Marks(
            text=self.text,
            # known products, and phrases after a figure that name one (850万吨|氯化钾); not 油气 of 油气化工
            products=tuple(mark(p) for p in self.products if p.id_ in known
                           and not any(c.start_char <= p.start_char and p.end_char <= c.end_char for c in self.chains)),
            companies=tuple(mark(c, self.name_of(c)) for c in self.companies),
            capacities=tuple(mark(c, "") for c in self.capacities),
            statuses=tuple(mark(s) for s in self.statuses),
            places=tuple(mark(p) for p in self.places),
            anchored=tuple((a.product.start_char, a.product.end_char) for a in self.anchors),
            mode=_mode(self.sentence, self.published),
        )

    def statements(self, mode: str) -> list[Statement]:
        """The presence and absence statements of the sentence (:func:`chainkg.ingest.presence.read_presence`),
        its evidence read in ``mode``."""
        if not (self.products or self.companies):
            return []  # presence reads a product (read_presence's own guard) or a firm's name (operator_names)
        out = []
        for hit in read_presence(self.marks()):
            spans = [self._mark_span("product", hit.product), self._mark_span("cue", hit.cue)]
            spans += [self._mark_span(kind, m) for kind, m in (("company", hit.company), ("place", hit.place),
                                                               ("capacity", hit.capacity)) if m is not None]
            out.append(Statement(
                kind=hit.kind, standing=hit.standing, product=hit.product.key, product_text=hit.product.text,
                company=hit.company.key if hit.company else None, place=hit.place.key if hit.place else None,
                capacity=self.figure_of.get((hit.capacity.start, hit.capacity.end)) if hit.capacity else None,
                rule=hit.rule, cue=hit.cue.text, evidence=(self.evidence(spans, None, mode, hit.rule),)))
        return out

    def _mark_span(self, kind: str, mark: Mark) -> MentionSpan:
        start, end = self.sentence.start + mark.start, self.sentence.start + mark.end
        orig_start = orig_end = None
        if self.document.char_map:
            orig_start, orig_end = self.document.orig_index(start), self.document.orig_index(end - 1) + 1
        return MentionSpan(kind=kind, text=mark.text, start=start, end=end, orig_start=orig_start, orig_end=orig_end)

    # -- evidence --------------------------------------------------------------------
    def span(self, kind: str, span: Span) -> MentionSpan:
        """A mention's span in the document's normalized text and in its original text."""
        return self._mark_span(kind, Mark(span.start_char, span.end_char, span_text(span), ""))

    def evidence(self, spans: list[MentionSpan], status_text: str | None, mode: str,
                 rule: str | None = None) -> Evidence:
        """The sentence as evidence of a fact with these spans, read by ``rule`` (if any)."""
        s = self.sentence
        return Evidence(doc_id=self.document.id, sentence_index=s.index, sentence=s.text,
                        sentence_start=s.start, sentence_end=s.end, orig_start=s.orig_start,
                        orig_end=s.orig_end, spans=tuple(spans), headings=s.headings,
                        status_text=status_text, mode=mode, date=self.document.meta.get("date"), rule=rule)

    def projects(self, context: _Context, description: "SentenceReader | None" = None) -> list[ProjectMention]:
        """The project mentions of the sentence, read with what the text before it says and,
        for a title sentence, with the sentence that describes it (see :meth:`described_by`)."""
        anchors = self.anchors
        out: list[ProjectMention] = []
        for anchor in anchors:
            builder, stated = self.described_by(anchor, description)
            company, how = self.company_for(anchor, anchors)
            if company is not None:
                company_name: str | None = self.name_of(company)
            elif builder is not None:
                company_name, how = builder, "company_described"
            else:
                company_name, how = self._company_from_context(anchor, context)
            if anchor.rule in _FIRM_NEEDED and company_name is None:
                continue  # rule feedstock_route: routes of nobody named are a plan's lines of business
            status_spans, key, rank, status_text, status_rule = self.status_for(anchor, anchors, company,
                                                                                context.topic, stated)
            if anchor.rule in _BARE_LISTED and (status_rule == "status_none" and self._listed(anchor)
                                                or self._firms_listed(anchor)):
                continue  # rules listed_bears, firms_listed: a list item with no figure is no project
            rule = project_rule(anchor.rule, how, status_rule)
            place = self.place_for(anchor, company)
            phase = self.phase_for(anchor)
            mode = _mode(self.sentence, self.published)
            spans = [self.span("product", anchor.product)]
            if company is not None:
                spans.append(self.span("company", company))
            if anchor.capacity is not None:
                spans.append(self.span("capacity", anchor.capacity))
            spans += [self.span("status", s) for s in status_spans]
            if place is not None:
                spans.append(self.span("place", place))
            if phase is not None:
                spans.append(self.span("phase", phase))
            capacity: Capacity | None = (self.figure_of.get((anchor.capacity.start_char, anchor.capacity.end_char),
                                                            capacity_of(anchor.capacity))
                                         if anchor.capacity is not None else None)
            out.append(ProjectMention(
                company=company_name,
                product=anchor.product.id_ or span_text(anchor.product),
                product_text=span_text(anchor.product),
                capacity=capacity,
                phase=canonical_phase(span_text(phase)) if phase is not None else None,
                status=key,
                status_rank=rank,
                status_text=status_text,
                mode=mode,
                place=place.id_ or span_text(place) if place is not None else None,
                evidence=self.evidence(sorted(spans, key=lambda m: m.start), status_text, mode, rule),
                rule=rule,
            ))
            out[-1] = short_form_of(out[-1], out[:-1])
            if capacity is not None and len(parts := summed_parts(capacity)) > 1:  # a figure alone is its one part
                out[-1:] = [replace(out[-1], capacity=part) for part in parts]
            out[-1:] = split_kinds(out[-1], self.text[anchor.product.end_char:])
            if phase is not None and capacity is not None and self._phase_of_named_total(anchor, phase):
                total = project_rule(anchor.rule, how, "status_none")
                out[-1:] = [replace(out[-1], phase=None, status=None, status_rank=0, status_text=None, rule=total,
                                    evidence=replace(out[-1].evidence, status_text=None, rule=total)),
                            replace(out[-1], capacity=None)]
        return out

    def _listed(self, anchor: _Anchor) -> bool:
        """Rule ``listed_bears``: the anchor is an item of a 、-list (its clause holds one) that
        the clause does not call projects (no 项目, 工程 after it), which makes a project only when
        it bears a figure or a status: a list of a firm's works or process steps without either
        (贯通甲光伏、乙硅业单晶硅…全流程) names what exists or flows, not projects.

        >>> rules_fired("园区贯通岚峰光伏、汀澜硅业单晶硅、澄岭化工金属锂全流程。")
        []
        >>> rules_fired("岚峰光伏、汀澜硅业单晶硅、澄岭化工金属锂等项目加快建设。")[0][:2]
        ('汀澜硅业', '单晶硅')
        """
        start, end = _clause_of(self.clauses, anchor.start)
        return "、" in self.text[start:end] and not _WORK_AFTER.search(self.text, anchor.end, end)

    def _firms_listed(self, anchor: _Anchor) -> bool:
        """Rule ``firms_listed``: the anchor is an item of a list its clause closes as firms (…等企业, 等龙头企业):
        a product written after each firm names its line of business (引进了甲铝业铝板带、乙硅业工业硅等企业), not a
        project; a list closed as projects (等项目) is one.

        >>> rules_fired("园区引进了岚峰铝业铝板带、汀澜硅业工业硅等企业。")
        []
        >>> [r[:2] for r in rules_fired("园区引进了岚峰铝业铝板带、汀澜硅业工业硅等项目。")]
        [('岚峰铝业', '铝板带'), ('汀澜硅业', '工业硅')]
        """
        _start, end = _clause_of(self.clauses, anchor.start)
        return _FIRMS_ONLY_END.search(self.text, anchor.end, end) is not None

    def _phase_of_named_total(self, anchor: _Anchor, phase: Span) -> bool:
        """Rule ``phase_of_total``: a phase written right after a total's work word, with no
        figure of its own (年产10GWh甲项目|一期|开工建设), is a phase of that total: the mention
        is two, the total with its figure and no status, and the phase without figure with the
        status.

        >>> [(m.capacity.text if m.capacity else None, m.phase, m.status_text)
        ...  for m in text_mentions("岚澄电池科技有限公司年产10GWh钠离子电池项目一期开工建设。")]
        [('年产10GWh', None, None), (None, '一期', '开工建设')]
        """
        work = _WORK_BEFORE_PHASE.fullmatch(self.text, anchor.end, phase.start_char)
        return work is not None and not any(c.start_char == phase.end_char for c in self.capacities)


@cache
def _heading_phrases() -> tuple[str, ...]:
    """The status phrases that may decide from a heading or a paragraph's lead, longest first
    (weak words left out), sorted once."""
    return tuple(sorted((p for p in status_phrases() if p not in _WEAK_STATUS), key=len, reverse=True))


def heading_status(headings: Sequence[str]) -> tuple[str, int, str] | None:
    """The status a heading gives the items under it ("一、签约项目" -> signed), innermost
    heading first; weak words (建设, 推进) in a heading say nothing.

    >>> heading_status(("2023年招商成果", "二、洽谈项目"))
    ('negotiating', 1, '洽谈')
    """
    for heading in reversed(section_headings(headings)):
        hit = next((p for p in _heading_phrases() if p in heading), None)
        if hit is not None:
            found = best_status([hit])
            if found is not None:
                return found[0], found[1], hit
    return None


def paragraph_topic(text: str) -> tuple[str, int, str] | None:
    """The status the lead phrase of a paragraph gives the items in it (签约项目涵盖…,
    洽谈项目中, 框架协议方面): a strong status phrase in the first clause of the paragraph's
    first sentence when that clause names no figure.

    >>> paragraph_topic("洽谈项目中,某某公司拟建设年产1万吨某某")
    ('negotiating', 1, '洽谈')
    >>> paragraph_topic("某某公司年产1万吨某某项目已签约") is None
    True
    """
    clauses = _clauses(text)
    first = text[clauses[0][0]:clauses[0][1]] if clauses else ""
    if not first or re.search(r"[0-9０-９]", first):
        return None
    return heading_status((first,))


def _records(document: Document) -> list[Sentence]:
    """The document's sentences, with each record of labelled fields (项目名称:…;建设单位:…;
    建设规模:…;进展:…) joined into one sentence: fields split at ； by the sentence splitter,
    or one per line (an investment catalogue: 1.项目名称:… / 建设内容:… / 意向企业:…), with
    the further sentences of a field's line."""
    out: list[Sentence] = []
    for sentence in document.sentences:
        prev = out[-1] if out else None
        gap = document.text[prev.end:sentence.start] if prev is not None else ""
        if (prev is not None and _RECORD_START.match(prev.text) and prev.end <= sentence.start
                and ((_RECORD_FIELD.match(sentence.text) and (prev.text.rstrip().endswith(("；", ";"))
                                                               or gap.strip(" \t") == "\n"))
                     or ("\n" in prev.text and not gap.strip() and "\n" not in gap))):
            out[-1] = replace(prev, text=document.text[prev.start:sentence.end], end=sentence.end,
                              orig_end=sentence.orig_end, orig_spans=prev.orig_spans + sentence.orig_spans)
        else:
            out.append(sentence)
    return out


def _sentences(docs: Sequence[Document], nlp: Language) -> Iterator[tuple[Doc, tuple[Document, Sentence]]]:
    """Each sentence (record) of ``docs`` as a Doc to pipe, placed in its document for the
    ``chainkg_context`` component (:func:`chainkg.ingest.context.place_sentence`)."""
    for document in docs:
        last: Sentence | None = None
        for sentence in _records(document):
            before = document.text[last.end:sentence.start] if last is not None else None
            sdoc = nlp.make_doc(sentence.text)
            sdoc.user_data[TEXT_KEY] = sentence.text  # the text as read: doc_text need not join the tokens
            place_sentence(sdoc, sentence.headings, "heading" in sentence.flags, before)
            yield sdoc, (document, sentence)
            last = sentence


@cache
def _company_key(name: str) -> str:
    """:func:`company_key` of a name, computed once per name."""
    return company_key(name, company_lexicon())


@dataclass(frozen=True)
class _Said:
    """What one sentence said that the sentences after it go on from (:meth:`_ContextTracker.after`).

    ``companies``: every name it named, in text order; ``firms``: those found by a list, a shape or a definition
    (not only by their position before a figure), the ones carried on; ``firm_heading``: it is a heading naming
    only a firm; ``stated``: it stated a project; ``carried``: the firm its project took from the sentences before
    (rule ``company_previous``); ``lead``: the lead of firms signing together (rule ``signing_lead``); ``built``:
    the builder :func:`project_builder` reads in it (None: the last one stays, "": none known any more)."""

    companies: tuple[str, ...] = ()
    firms: tuple[str, ...] = ()
    firm_heading: bool = False
    stated: bool = False
    carried: str | None = None
    lead: str | None = None
    built: str | None = None


class _ContextTracker:
    """Carries :class:`_Context` from sentence to sentence within one document."""

    def __init__(self) -> None:
        self.doc_id: str | None = None
        self.latest: tuple[str, int] | None = None  # (company, sentence index) of the last company named
        self.named: dict[str, None] = {}  # the companies named so far, each once, in the order last named
        self.last: Sentence | None = None
        self.run: set[str] = set()  # the firms named in the current run of ；-joined sentences
        self.issuer: str | None = None  # the firm the document's title names
        self.section: tuple[str, str] | None = None  # (heading, firm) of the last heading that is a firm's name
        self.paragraph: list[str] = []  # the firms the current paragraph has named so far
        self.body_seen = False  # a sentence that is no heading has been read (the lead paragraph has begun)
        self.lead_stated = False  # the title or lead paragraph stated a project: it is an item, not an introduction
        self.lead: tuple[str, int] | None = None  # (the one firm the title and lead paragraph name, how many names then)
        self.builder: str | None = None  # the firm of the last project stated with one

    def before(self, document: Document, sentence: Sentence, place: SentencePlace,
               announcer: str | None = None) -> _Context:
        """The context of ``sentence`` (the sentences of a document come in order), its
        paragraph, headings and the paragraph's lead status as the ``chainkg_context`` component
        set them on its Doc (``place``); ``announcer``: the firm whose announcement the document reports
        (:func:`announcing_firm`), its issuer unless its title names one."""
        if document.id != self.doc_id:
            self.doc_id, self.latest, self.named, self.last, self.run = document.id, None, {}, None, set()
            self.issuer, self.section, self.body_seen, self.lead, self.lead_stated = announcer, None, False, None, False
            self.builder = None
        if place.new_paragraph:
            self.paragraph = []
            if self.body_seen and self.lead is None:
                firm = only_firm(tuple(self.named))
                self.lead = (firm, len(self.named)) if firm is not None else ("", -1)  # -1: no one firm led
        # the sentence indexes only grow: if the last company named is out of reach, so are the others
        previous = self.latest[0] if self.latest and sentence.index - self.latest[1] <= _LOOKBACK_SENTENCES else None
        continued = self._after_semicolon() and len(self.run) <= 1
        section_firm = self.section[1] if self.section is not None and self.section[0] in place.headings else None
        lead = self._lead_firm()
        document_subject = place.subject[0] if place.subject is not None else None
        return _Context(previous, continued, tuple(self.named), place.paragraph_topic, self.issuer, section_firm,
                        running_subject(self.paragraph), lead, document_subject, self.builder)

    def after(self, sentence: Sentence, place: SentencePlace, said: _Said) -> None:
        """Record what ``sentence`` (its Doc's context ``place``) ``said``: the companies it names, whether it
        stated a project, and its builder, carried for rule ``company_project``. A run of ；-joined sentences that names two
        or more firms is a list of separate items (督促甲…；加快乙…；谋划…): an item without a
        firm there does not go on from the one before.

        Rule ``carried_subject``: a sentence naming no firm whose project took the firm of the
        sentences before (``carried``, rule ``company_previous``) names it again for the
        sentences after it, so a run of phases goes on about one firm however long it is
        (某公司将投建… / 项目分为三期 / 一期… / 二期… / 三期…).

        Rule ``position_not_carried``: of the ``companies`` named, only ``firms`` (names found by
        a list, a shape or a definition, not only by their position before a figure) are carried
        to the sentences after; a run before a figure is too often a clause's tail (点对点|供电).

        >>> [r[0] for r in rules_fired("汀澜硅业有限公司将投建年产40万吨工业硅项目。项目分为三期进行建设。"
        ...                            "一期建设10万吨工业硅产能。二期建设10万吨工业硅产能。三期建设20万吨工业硅产能。")]
        ['汀澜硅业有限公司', '汀澜硅业有限公司', '汀澜硅业有限公司', '汀澜硅业有限公司']
        """
        if said.built is not None:  # "": the builder is no longer known
            self.builder = said.built or None
        companies = said.companies
        for name in companies:  # kept once each, in the order last named, so a long document stays linear
            self.named.pop(name, None)
            self.named[name] = None
        if said.firms:  # the last firm named, or the lead of firms signing together (rule signing_lead)
            self.latest = (said.lead if said.lead in said.firms else said.firms[-1], sentence.index)
        elif said.carried is not None:
            self.latest = (said.carried, sentence.index)
        self.paragraph += companies
        self.body_seen = self.body_seen or not place.is_heading
        self.lead_stated = self.lead_stated or (said.stated and self.lead is None)
        if sentence.index == 0 and place.is_heading and companies:
            self.issuer = companies[0]
        if sentence.index > 0 and place.is_heading and said.firm_heading and len(companies) == 1:
            self.section = (place.headings[-1] if place.headings else sentence.text, companies[0])
        self.run = (self.run if self._after_semicolon() else set()) | set(companies)
        self.last = sentence

    def _lead_firm(self) -> str | None:
        """Rule ``company_lead``: the one firm the title and lead paragraph named, for a later
        paragraph that has named no firm so far, while the document has named no other name. A
        lead that states a project of its own is an item of a list, not an introduction: it lends
        its firm to no later paragraph.

        >>> rules_fired("近日，澜汐锂业有限公司召开年度大会。\\n年产1万吨碳酸锂项目已投产。")
        [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+company_lead+status_after')]
        """
        if self.lead is None or self.lead_stated or self.paragraph or len(self.named) != self.lead[1]:
            return None
        return self.lead[0]

    def _after_semicolon(self) -> bool:
        return self.last is not None and self.last.text.rstrip().endswith(("；", ";"))


class DocumentRead(NamedTuple):
    """One document's sentences as :func:`extract` reads them: a reader per sentence (its firms without
    evidence already dropped, the document's defined references read first), the names dropped per
    sentence (:func:`keep_evidenced_firms`) and the firm that announces the document (:func:`announcing_firm`)."""

    readers: list[SentenceReader]
    dropped: list[list[Span]]
    announcer: str | None


def read_documents(docs: Sequence[Document], nlp: Language, batch_size: int = 64) -> Iterator[DocumentRead]:
    """The sentences (records of labelled fields joined) of ``docs`` through ``nlp.pipe`` in document order,
    a :class:`DocumentRead` per document. The readers' Docs are let go of their span groups once the caller
    asks for the next document (the Spans the readers share refer to them)."""
    marked = nlp.pipe(_sentences(docs, nlp), as_tuples=True, batch_size=batch_size)
    for _doc_id, group in groupby(marked, key=lambda item: item[1][0].id):
        items = list(group)
        sdocs = [sdoc for sdoc, _ in items]
        dropped = keep_evidenced_firms(sdocs)
        interviewee = speaker_firm(sdocs)
        voice = voice_firm(sdocs) if interviewee is None else None
        defined = defined_references(sdocs, interviewee or voice)
        announcer = announcing_firm(sdocs)
        published = _published_year(items[0][1][0])  # the group's one document
        yield DocumentRead([SentenceReader(document, sentence, sdoc, published, defined, voice)
                            for sdoc, (document, sentence) in items], dropped, announcer)
        for sdoc in sdocs:
            drop_groups(sdoc)


@rarer_young_collections()  # a Doc made and dropped per sentence: young collections once per 10,000 allocations
def extract(docs: Sequence[Document], nlp: Language, batch_size: int = 64) -> Mentions:
    """Every project, company, place and chain mention of ``docs``, and the products stated
    with output figures.

    Sentences (records of labelled fields joined) go through ``nlp.pipe`` in document order;
    what the text before says (the last company named, the paragraph's lead status …, see
    :class:`_Context`) is carried from sentence to sentence within a document, and what the
    whole document defines for its firms (:func:`defined_references`) is read first.
    """
    projects: list[ProjectMention] = []
    companies: list[tuple[str, str, Evidence]] = []
    places: list[tuple[str, str, Evidence]] = []
    chains: list[tuple[str, Evidence]] = []
    production: list[tuple[str, str, Evidence]] = []
    statements: list[Statement] = []
    tracker = _ContextTracker()
    aliases: list[tuple[str, str, Evidence]] = []
    subsidiaries: list[tuple[str, str]] = []
    place_kinds = place_kind_table()
    for readers, unevidenced, announcer in read_documents(docs, nlp, batch_size):
        first, units = len(projects), len(subsidiaries)
        for reader, following, dropped in zip(readers, [*readers[1:], None], unevidenced):
            document, sentence, sdoc = reader.document, reader.sentence, reader.doc
            same_paragraph = following is not None and not following.place.new_paragraph
            stated = reader.projects(tracker.before(document, sentence, reader.place, announcer),
                                     following if same_paragraph else None)
            projects.extend(stated)
            carried = next((m.company for m in reversed(stated) if _CARRIED in m.rule.split(JOIN)), None)
            pairs = stated_subsidiaries(sdoc, announcer)
            topic = {parent: sub for sub, parent in pairs}  # the sentence is about the subsidiary, not its parent
            named = [(comp, topic.get(span_text(comp)) or reader.name_of(comp)) for comp in reader.companies]
            # a name found by position without evidence builds nothing, but was named: the context goes on as with it
            said = sorted([(comp.start_char, name) for comp, name in named] + [(s.start_char, span_text(s)) for s in dropped])
            firms = [name for comp, name in named if comp.id_ != "position" and not investor_named(reader.text, comp)]
            tracker.after(sentence, reader.place, _Said(tuple(name for _, name in said), tuple(firms),
                                                        reader.names_only_a_firm(), bool(stated), carried,
                                                        reader.signing_lead(), project_builder(reader, stated, firms)))
            _collect(reader, companies, places, chains, production, place_kinds, statements)
            aliases += [(short, full, reader.evidence([], None, "reported")) for short, full in _definitions(sdoc)]
            subsidiaries += pairs
        names = [r.name_of(c) for r in readers for c in r.companies]
        projects[first:] = builder_stated(single_firm(local_unit(
            titled_brand(restated_firms(phases_of_yearly(projects[first:])), labelled_builders(readers)),
            names, {parent for _sub, parent in subsidiaries[units:]}), names, before_builder(readers)), readers)
    return Mentions(tuple(projects), tuple(companies), tuple(places), tuple(chains), tuple(production), tuple(aliases),
                    tuple(statements), tuple(dict.fromkeys(subsidiaries)))


@cache
def _firm_evidence() -> FirmEvidence:
    return FirmEvidence(_company_key, gazetteer_names())


def keep_evidenced_firms(sdocs: Sequence[Doc]) -> list[list[Span]]:
    """Rules ``county_sector`` and ``firm_evidence`` over one document's marked sentences (``sdocs``,
    changed in place): a name by an ending that is a place the document names and a sector word
    (:func:`county_sector`) is no company; a name found only by its position stays one only with
    evidence (:class:`FirmEvidence`: the gazetteer, the same brand with a company ending elsewhere in
    the document, a region opening, a coinage, or a later item of an enumeration beside a firm with
    other evidence); the others are dropped, so the project takes no company or the firm the text is
    about. Returns the names dropped, per sentence.

    >>> from chainkg.ingest.nlp import shared_pipeline
    >>> nlp = shared_pipeline()
    >>> sdocs = [nlp("岚峡10万吨碳酸锂项目开工。"), nlp("风光同场5万千瓦项目开工。")]
    >>> [[c.text for c in dropped] for dropped in keep_evidenced_firms(sdocs)]
    [[], ['风光同场']]
    >>> [[c.text for c in sdoc.spans[COMPANY]] for sdoc in sdocs]
    [['岚峡'], []]
    """
    lex = company_lexicon()
    document = "\n".join(doc_text(sdoc) for sdoc in sdocs)
    sectors = (*lex.sector_words, *lex.weak_suffixes)
    found = [group_spans(sdoc, COMPANY) for sdoc in sdocs]  # each group read once (group_spans: the Spans of the pipeline)
    named = [span_text(c) for companies in found for c in companies if c.id_ != "position"]
    evidence = _firm_evidence()
    unevidenced: list[list[Span]] = []
    for sdoc, companies in zip(sdocs, found):
        unevidenced.append([])
        if all(c.id_ not in ("position", "shape") for c in companies):
            continue
        kinds = {(c.start_char, c.end_char): evidence.of(span_text(c), named) if c.id_ == "position"
                 else None if c.id_ == "shape" and county_sector(span_text(c), sectors, document) else c.id_
                 for c in companies}
        strong = [span for span, kind in kinds.items() if kind not in (None, "coined")]
        evidenced = [span for span, kind in kinds.items() if kind is not None]
        text = doc_text(sdoc)
        works = [enumeration_items(text, m.start()) for m in WORK_LIST_END.finditer(text)]  # rule listed_works
        kept = [c for c in companies if kinds[(c.start_char, c.end_char)] is not None
                or (c.id_ == "position" and (FirmEvidence.listed(text, c.start_char, c.end_char, strong) or any(
                    FirmEvidence.listed_works(items, c.start_char, c.end_char, evidenced) for items in works)))]
        unevidenced[-1] = [c for c in companies if c not in kept]
        set_group(sdoc, COMPANY, kept)
    return unevidenced


def phases_of_yearly(mentions: Sequence[ProjectMention]) -> list[ProjectMention]:
    """Rule ``yearly_total_phases``: the mentions of one document, each phase stated with a
    bare figure read as yearly when the document states the same firm's product as a yearly
    total of the same base unit (年产8万吨甲项目开工,按两期实施。…其中一期3万吨甲…): the phases of a
    yearly total are yearly, as within one sentence (rule ``under_yearly``).

    >>> from chainkg.ingest.capacity import parse_capacity
    >>> ev = Evidence("d", 0, "", 0, 0, 0, 0, (), (), None, "reported")
    >>> total, phase = (ProjectMention("某公司", "石英砂", "石英砂", parse_capacity(f), p, None, 0, None, "reported",
    ...                                None, ev) for f, p in (("年产8万吨", None), ("3万吨", "一期")))
    >>> [m.capacity.per_year for m in phases_of_yearly([total, phase])]
    [True, True]
    """
    totals = {(m.company, m.product, m.capacity.base_unit) for m in mentions
              if m.phase is None and m.capacity is not None and m.capacity.per_year}
    return [replace(m, capacity=replace(m.capacity, per_year=True, period="year"))
            if m.phase is not None and m.capacity is not None and m.capacity.period is None
            and (m.company, m.product, m.capacity.base_unit) in totals else m
            for m in mentions]


_SENTENCE_FIRM_RULES = frozenset({"company_respective", "company_row", "company_adjacent", "company_after",
                                  "company_label", "company_listed", "company_bracketed", "company_in_sentence"})
_PROVINCES = tuple(cues()["provinces"])
_FIRMLESS_WORKS = frozenset({"listed_work", "place_named"})  # anchors that name works without firms (single_firm)
_CONTEXT_FIRM_RULES = frozenset({"company_none", "company_previous", "company_project", "company_subject", "company_lead",
                                 "document_subject"})
_RESTATABLE = frozenset({"company_none", "document_subject"})  # a restatement names its firm better than the subject


def labelled_builders(readers: Sequence["SentenceReader"]) -> tuple[list[str], set[str]]:
    """The firms one document's sentences (``readers``) name right after a builder's label (建设单位为…:
    ``builder_labels``), and the keys (:func:`company_key`) of the firms it names only inside the brackets
    of a title (《某某…项目》: ``title_brackets``), never outside one."""
    labelled: list[str] = []
    titled: set[str] = set()
    untitled: set[str] = set()
    for reader in readers:
        text = reader.text
        for comp in reader.companies:
            key = _company_key(reader.name_of(comp))
            inside = text.rfind(_TITLE_OPEN, 0, comp.start_char) > text.rfind(_TITLE_CLOSE, 0, comp.start_char)
            (titled if inside else untitled).add(key)
            if not inside and _COMPANY_LABEL.search(text, 0, comp.start_char):
                labelled.append(reader.name_of(comp))
    return labelled, titled - untitled


_BY_AFTER_WORK = re.compile(_WORK + one_of(cues()["by_words"]))  # 该项目|由: rule builder_stated
# 甲|(共同)投资建设, 甲|(简称:甲)投资建设
_VERB_AFTER_BUILDER = re.compile(r"(?:[（(][^）)]{0,20}[）)])?[^，,；;。、]{0,4}?" + one_of(cues()["builder_verbs"]))
_LABEL_AFTER_FIRM = re.compile(one_of(cues()["label_copulas"]) + "[^，,；;。]{0,2}?" + one_of(cues()["builder_labels"]))


def project_builder(reader: "SentenceReader", stated: Sequence[ProjectMention], firms: Sequence[str]) -> str | None:
    """The builder a sentence gives the project it is about (rule ``company_project``, which carries it): the firm it
    states to build (:func:`stated_builder`: 该项目由甲实施); else the firm of its last project with a figure that has
    one; else, when it states projects without a firm, the one firm it names, or "" (no builder known any more) when
    it names another number of firms or only by position; else, when it states no project (a work named without a
    figure, 甲动力电池项目, is often a passing mention), the last firm written right before the name of a work
    (甲公司|焦炉煤气综合利用|项目: ``named_work_letters`` letters at most, none of 的 and ``named_work_stops``:
    甲公司与乙签订了项目 names none); else None (the builder before stays).
    A name the sentence gives only by its position before a figure (not in ``firms``, as for rule
    ``position_not_carried``) is no builder: a clause's tail (聚酯|化纤项目副总经理) is too often read as one.

    >>> rules_fired("汀澜管业有限公司年产6万吨管材项目投产。澜汐天然气有限公司焦炉煤气综合利用项目总投资10亿元。"
    ...             "项目建成后可年产23万吨液化天然气。")[1][0]
    '澜汐天然气有限公司'
    """
    position = {reader.name_of(c) for c in reader.companies} - set(firms)
    firm = stated_builder(reader.text, reader.companies)
    built = reader.name_of(firm) if firm is not None else next(
        (m.company for m in reversed(stated) if m.company and m.capacity is not None), None)
    if built is None and stated:
        if any(m.company for m in stated) or not reader.companies:
            return None
        return firms[0] if len(set(firms)) == 1 else ""  # figures without a firm: 甲产量达8000吨,扩建的1万吨…项目…
    if built is None:
        firm = next((f for f in reversed(reader.companies) if _NAMED_WORK.match(reader.text, f.end_char)), None)
        built = reader.name_of(firm) if firm is not None else None
    return built if built not in position else None


def stated_builder(text: str, firms: Sequence[Span]) -> Span | None:
    """Rule ``builder_stated``: the firm a sentence states to build the project it refers to, by 由 after a work
    word and a verb of building after the firm (该项目由某某公司投资建设; of a parent and its unit, 由甲旗下的乙实施,
    the unit; joined firms, 由甲、乙联合投资建设, state none), or by a builder's label (项目业主为某某公司;
    某某公司为项目建设单位). None when the sentence states no builder so, or two by labels (建设单位为甲,二期建设单位为乙).
    ``firms`` in order of position.

    >>> rules_fired("澜汐集团公司年产10万吨三元前驱体项目一期建成。该项目由澜汐集团公司旗下的岚峰新材料有限公司实施。")[0][0]
    '岚峰新材料有限公司'
    >>> [rules_fired(f"澜汐化工有限公司年产2万吨碳酸锂项目近日开工。岚峰新能源有限公司{s}。")[0][0]
    ...  for s in ("为项目业主", "董事长出席")]
    ['岚峰新能源有限公司', '澜汐化工有限公司']
    """
    for by in _BY_AFTER_WORK.finditer(text):
        after = [f for f in firms if f.start_char >= by.end()]
        run = [f for k, f in enumerate(after) if k == 0 and f.start_char == by.end()
               or k and f.start_char - after[k - 1].end_char <= 4]
        for k, firm in enumerate(run):
            if _VERB_AFTER_BUILDER.match(text, firm.end_char):
                owned = k and _INVESTOR_MARK.search(text, run[k - 1].end_char, firm.start_char)
                return firm if owned or not k else None  # joined firms (由甲与乙共同投资): whose the figure is, unsaid
    labelled = [f for f in firms if _COMPANY_LABEL.search(text, 0, f.start_char) or _LABEL_AFTER_FIRM.match(text, f.end_char)]
    return labelled[0] if len({span_text(f) for f in labelled}) == 1 else None  # two builders stated: of which, unsaid


def builder_stated(mentions: Sequence[ProjectMention], readers: Sequence["SentenceReader"]) -> list[ProjectMention]:
    """Rule ``builder_stated`` (company rule ``company_stated_after``): a sentence that states the builder of the
    project it refers to (:func:`stated_builder`) gives that firm to the projects the sentence right before it
    states, whatever firm their own sentence named nearer (a place, a parent, a neighbour), and to the projects of
    that product the statement restates itself (某地年产N吨A项目由某某公司投资建设): the statement is the page's
    word on who builds. Only when that sentence states one product (the project and its phases); a
    sentence stating several leaves them as they are, and so does a statement whose own first project is of
    another product (an item of a list: 2.某镇风电项目:建设单位为某某公司 is its own item's builder).

    >>> rules_fired("澜汐化工有限公司与岚峰新能源有限公司毗邻。年产2万吨碳酸锂项目近日开工。该项目由岚峰新能源有限公司投资建设。")
    [('岚峰新能源有限公司', '碳酸锂', 'capacity_product+company_stated_after+status_after')]
    >>> [r[0] for r in rules_fired("澜汐化工有限公司年产2万吨碳酸锂、5万吨硫酸钾项目开工。该项目由岚峰新能源有限公司投资建设。")]
    ['澜汐化工有限公司', '澜汐化工有限公司']
    """
    products: dict[int, list[str]] = defaultdict(list)  # sentence index -> the products it states, in order
    for m in mentions:
        products[m.evidence.sentence_index].append(m.product)
    stated: dict[int, tuple[str, set[str]]] = {}  # sentence index -> the builder stated, of the products said
    for before, reader in zip(readers, readers[1:]):
        firm = stated_builder(reader.text, reader.companies)
        said, own = set(products.get(before.sentence.index, ())), products.get(reader.sentence.index, [])
        if firm is not None and len(said) == 1 and (not own or own[0] in said):
            stated[before.sentence.index] = stated[reader.sentence.index] = (reader.name_of(firm), said)
    out = []
    for m in mentions:
        firm, said = stated.get(m.evidence.sentence_index, (None, set()))
        if (firm is not None and m.product in said and rule_parts(m.rule) is not None
                and (m.company is None or _company_key(m.company) != _company_key(firm))):
            m = given_firm(m, firm, "company_stated_after")
        out.append(m)
    return out


def given_firm(mention: ProjectMention, firm: str, how: str) -> ProjectMention:
    """A copy of a project mention (whose rule :func:`chainkg.rules.rule_parts` splits) given ``firm`` by
    the company rule ``how``; its anchor and status rules stay: the document-level rules below
    (``titled_brand``, ``company_unit``, ``single_firm``, ``company_restated``) change who builds, not
    what was read."""
    anchor, _how, status = rule_parts(mention.rule) or ("", "", "")
    return replace(mention, company=firm, rule=project_rule(anchor, how, status))


def titled_brand(mentions: Sequence[ProjectMention], builders: tuple[list[str], set[str]]) -> list[ProjectMention]:
    """Rule ``titled_brand``: in a document that states one builder by a label (项目建设单位为某某有限公司,
    ``builders`` of :func:`labelled_builders`), a project given a firm the document names only inside a
    title (《甲乙某地…项目》: the group's brand in the work's name) is the stated builder's (company rule
    ``company_stated``). Two builders stated, or none, change nothing.

    >>> rules_fired("《岚峡集团20万千瓦光伏项目》环评受理。项目建设单位为澜沣新能源有限公司,总投资8亿元。")[0]
    ('澜沣新能源有限公司', '光伏电站', 'capacity_product+company_stated+status_after')
    """
    labelled, titled = builders
    if len({_company_key(n) for n in labelled}) != 1 or not titled:
        return list(mentions)
    out = []
    for m in mentions:
        if m.company is not None and _company_key(m.company) in titled and rule_parts(m.rule) is not None:
            m = given_firm(m, labelled[0], "company_stated")
        out.append(m)
    return out


def local_unit(mentions: Sequence[ProjectMention], names: Sequence[str], parents: Collection[str]
               ) -> list[ProjectMention]:
    """Rule ``company_unit``: in a document that names one unit of a brand with a place below a province
    before it or in brackets (澜汐 / 德令哈澜汐水泥有限公司, 澜汐锂业(德令哈)有限公司; a place of
    ``data/patterns/places.jsonl`` or the firm places of ``data/company_shape.yaml``), a project given
    the bare brand, its group (澜汐, 澜汐集团) or the brand's whole name (澜汐水泥, the unit being 平凉澜汐水泥)
    is the unit's (company rule ``company_unit``): the page names the local unit that builds, and the
    parent by its brand. Two such units, or a unit the
    document states to be a parent of another (``parents``), change nothing.

    >>> rules_fired("德令哈澜汐水泥有限公司是澜汐集团的全资子公司。澜汐集团在此建设年产200万吨水泥项目。")
    [('德令哈澜汐水泥有限公司', '水泥', 'capacity_product+company_unit+status_before')]
    >>> rules_fired("青海澜汐水泥有限公司是澜汐集团的子公司。澜汐集团在此建设年产200万吨水泥项目。")[0][0]
    '澜汐集团'
    """
    parent_keys = {_company_key(n) for n in parents}
    units: dict[str, dict[str, str]] = defaultdict(dict)  # brand's key -> unit (place + key) -> as written first
    for name in names:
        unit = _unit_rest(name)
        if unit is None or unit[0].startswith(_PROVINCES) or _company_key(name) in parent_keys:
            continue  # a province before a brand (青海某某) names the firm's region, not a unit at a site
        place, rest = unit
        for end in range(2, len(rest) + 1):  # the brand (2+ characters), perhaps more (某某 / 某某水泥)
            units[rest[:end]].setdefault(place + rest, name)
    out = []
    for m in mentions:
        brand = _company_key(m.company) if m.company is not None else ""
        found = units.get(brand, {})
        if (len(found) == 1 and rule_parts(m.rule) is not None
                and not any(_company_key(n) == brand for n in found.values())):
            m = given_firm(m, next(iter(found.values())), "company_unit")
        out.append(m)
    return out


def single_firm(mentions: Sequence[ProjectMention], names: Sequence[str], opening: Mapping[int, str]
                ) -> list[ProjectMention]:
    """Rule ``single_firm``: in a document that names one firm only (written longer or shorter, see
    :func:`only_firm`), a project left without a firm (company rule ``company_none``) in one of the
    ``opening`` sentences (:func:`before_builder`: those before the first naming the firm, in its paragraph,
    when that one names it after the project: 该项目由某某公司投资建设) is that firm's (company rule
    ``single_firm``, or ``lead_builder`` for a sentence of the lead paragraph before): the opening figure names
    the project, the next sentence its builder. Figures after the
    firm is named, or before it in another paragraph, keep no firm as before; an item of a list of works
    without firms (``listed_work``) or a work named by its place (``place_named``) stays without one.

    >>> rules_fired("年产2万吨碳酸锂项目开工。该项目由澜汐锂业有限公司投资建设。")
    [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+single_firm+status_after')]
    >>> rules_fired("年产2万吨碳酸锂项目开工。当日,澜汐锂业有限公司举行了开工仪式。")[0][0] is None
    True
    >>> rules_fired("一个年产2万吨碳酸锂的项目近日开工。\\n据悉,该项目由澜汐锂业有限公司投资建设。")
    [('澜汐锂业有限公司', '碳酸锂', 'capacity_product+lead_builder+status_after')]
    """
    firm = only_firm(names)
    if firm is None or not opening:
        return list(mentions)
    out = []
    for m in mentions:
        anchor, how, _status = rule_parts(m.rule) or ("", "", "")
        if (m.company is None and how == "company_none" and anchor not in _FIRMLESS_WORKS
                and m.evidence.sentence_index in opening):
            m = given_firm(m, firm, opening[m.evidence.sentence_index])
        out.append(m)
    return out


def before_builder(readers: Sequence["SentenceReader"]) -> dict[int, str]:
    """The indexes of the sentences of a document (its ``readers``, in order) that open the paragraph of the
    first sentence naming a firm and come before it, when that sentence names the firm after a work word
    (该项目由某某公司…, …项目是某某公司的…): the project they state is the one it gives a builder
    (rule ``single_firm``), each with the company rule it gives; none otherwise. When that sentence opens its
    paragraph, the paragraph before it is the story's lead (rule ``lead_builder``, see :func:`lead_paragraph`).
    """
    start, before = 0, 0
    for i, reader in enumerate(readers):
        if i and reader.place.new_paragraph:
            start, before = i, start
        if reader.companies:
            firm = min(c.start_char for c in reader.companies)
            if _WORK_AFTER.search(reader.text, 0, firm) is None:
                return {}
            first = lead_paragraph(start, before, i) if _WORK_BY.search(reader.text, 0, firm) else start
            return {r.sentence.index: "lead_builder" if r.sentence.index < readers[start].sentence.index
                    else "single_firm" for r in readers[first:i]}
    return {}


def lead_paragraph(start: int, before: int, naming: int) -> int:
    """Rule ``lead_builder``: where the sentences stating the project a builder is given begin, for the
    sentence ``naming`` the document's first firm right after a work word and 由, in the paragraph from ``start``
    (the paragraph before it from ``before``). A news story's lead states the project in a paragraph of its
    own and the next paragraph opens with its builder (一个年产N吨A的项目近日开工。|据悉,该项目由某某公司
    投资建设。): when ``naming`` opens its paragraph, the lead paragraph is the opening; otherwise the
    paragraph's own sentences before it are.

    >>> lead_paragraph(start=3, before=1, naming=3), lead_paragraph(start=3, before=1, naming=5)
    (1, 3)
    """
    return before if naming == start else start


def _unit_rest(name: str) -> tuple[str, str] | None:
    """The place a unit's name is written with, before it (德令哈|澜汐水泥有限公司) or in brackets
    (澜汐锂业|(德令哈)|有限公司), and the key of the rest; None when the name holds no such place.

    >>> _unit_rest("德令哈澜汐水泥有限公司"), _unit_rest("澜汐锂业(德令哈)有限公司"), _unit_rest("澜汐水泥有限公司")
    (('德令哈', '澜汐水泥'), ('德令哈', '澜汐锂业'), None)
    """
    _places, at = _firm_places()
    opening = at.match(name)
    if opening is not None and len(name) > opening.end() + 2:
        return opening.group(0), _company_key(name[opening.end():])
    bracketed = next((p.group(0) for p in at.finditer(name) for o, c in ("()", "（）")
                      if name[p.start() - 1:p.start()] == o and name[p.end():p.end() + 1] == c), None)
    return (bracketed, _company_key(name)) if bracketed is not None else None


def restated_firms(mentions: Sequence[ProjectMention]) -> list[ProjectMention]:
    """Rule ``company_restated``: the mentions of one document, each project stated without a firm
    (company ``company_none``) that restates the product and figure of a project an earlier
    sentence gave a firm of its own sentence (甲公司年产3万吨X项目签约。… 年产3万吨X项目分两期建设:
    一期1万吨…) taking that firm, and so do the phases its sentence gives it (``phase_figure``) in
    place of a firm only carried from the text before: a restated project is the project, whatever
    firm was named last. When two firms stated that figure before, the restatement is neither's.
    An item of a firmless list of projects is the list's own (rule ``listed_not_restated``), not a
    restatement.

    >>> for r in rules_fired("澜汐钠电有限公司年产3万吨正极材料项目签约落地。岚峰建投风电项目也已开工。\\n"
    ...                      "年产3万吨正极材料项目分两期建设:一期1万吨明年投产。"):
    ...     print(r[0], r[2]) if r[1] == "正极材料" else None
    澜汐钠电有限公司 capacity_product+company_adjacent+status_after
    澜汐钠电有限公司 capacity_product+company_restated+status_none
    澜汐钠电有限公司 phase_figure+company_restated+status_after
    """
    firms: dict[tuple[str, float, str], dict[str, str]] = defaultdict(dict)  # key -> firm's key -> firm, in order
    out: list[ProjectMention] = []
    restated_at: dict[int, tuple[str, str]] = {}  # sentence index -> (product, firm) of its restated project
    listed = listed_items(mentions)
    for m in mentions:
        anchor, how, _status = rule_parts(m.rule) or ("", "", "")
        cap = m.capacity
        key = (m.product, cap.base_value, cap.base_unit) if cap is not None else None
        if m.company is not None and key is not None and m.phase is None and how in _SENTENCE_FIRM_RULES:
            firms[key].setdefault(_company_key(m.company), m.company)
        restates = key is not None and m.phase is None and how in _RESTATABLE and id(m) not in listed
        stated = firms.get(key, {}) if restates else {}
        firm = next(iter(stated.values())) if len(stated) == 1 else None  # two firms stated it: which one is unsaid
        if firm is None and m.phase is not None and anchor == "phase_figure" and how in _CONTEXT_FIRM_RULES:
            product, total_firm = restated_at.get(m.evidence.sentence_index, ("", None))
            firm = total_firm if product == m.product else None
        if firm is None:
            out.append(m)
            continue
        if m.phase is None:
            restated_at[m.evidence.sentence_index] = (m.product, firm)
        out.append(given_firm(m, firm, "company_restated"))
    return out


def _collect(reader: SentenceReader, companies: list[tuple[str, str, Evidence]],
             places: list[tuple[str, str, Evidence]], chains: list[tuple[str, Evidence]],
             production: list[tuple[str, str, Evidence]], place_kinds: dict[str, str],
             statements: list[Statement]) -> None:
    """Add the company, place, chain, output-product and presence mentions of one sentence."""
    mode = _mode(reader.sentence, reader.published)

    def alone(kind: str, span: Span) -> Evidence:  # the sentence as evidence of one mention
        return reader.evidence([reader.span(kind, span)], None, mode)

    for comp in reader.companies:
        companies.append((reader.name_of(comp), comp.id_, alone("company", comp)))
    for place in reader.places:
        name = place.id_ or span_text(place)
        places.append((name, place_kinds.get(name, "place"), alone("place", place)))
    for chain in reader.chains:
        chains.append((chain.id_ or span_text(chain), alone("chain", chain)))
    for prod in reader.production():
        production.append((prod.id_ or span_text(prod), span_text(prod), alone("product", prod)))
    statements += reader.statements(mode)


def stated_subsidiaries(sdoc: Doc, announcer: str | None = None) -> list[tuple[str, str]]:
    """Rule ``stated_subsidiary``: (subsidiary, parent), as written, of each statement in the
    sentence ``sdoc`` that one firm is another's subsidiary: 甲为|乙|(设在某地)的全资子公司, or
    a firm right after the role word (…通过全资子公司|甲…建设) with the firm named before it in the
    sentence as parent, else the firm whose announcement the text reports (``announcer``). The two
    are two firms, whatever their names share (resolution keeps them apart), and the sentence is
    about the subsidiary: the text goes on about it, not about the parent (its mention there counts
    as one of the subsidiary, the topic).

    >>> rules_fired("甲乙锂电有限公司系湖南甲乙锂电股份有限公司设在某市的全资子公司。公司计划新建年产30万吨磷酸铁项目。")
    [('甲乙锂电有限公司', '磷酸铁', 'capacity_product+company_previous+status_none')]

    >>> from chainkg.ingest.nlp import shared_pipeline
    >>> nlp = shared_pipeline()
    >>> stated_subsidiaries(nlp("甲乙锂电有限公司系湖南甲乙锂电股份有限公司设在某市的全资子公司。"))
    [('甲乙锂电有限公司', '湖南甲乙锂电股份有限公司')]
    >>> stated_subsidiaries(nlp("公司将通过全资子公司澜汐材料(四川)有限公司建设新基地。"), "澜汐新材")
    [('澜汐材料(四川)有限公司', '澜汐新材')]
    """
    text = doc_text(sdoc)
    comps = group_spans(sdoc, COMPANY)
    out: list[tuple[str, str]] = []
    for sub, parent in zip(comps, comps[1:]):
        if _SUBSIDIARY_COPULA.fullmatch(text, sub.end_char, parent.start_char) and SUBSIDIARY_TAIL.match(text, parent.end_char):
            out.append((span_text(sub), span_text(parent)))
    for i, sub in enumerate(comps):
        if _SUBSIDIARY_ROLE_BEFORE.search(text, 0, sub.start_char):
            parent_name = span_text(comps[i - 1]) if i > 0 else announcer
            if parent_name is not None and parent_name != span_text(sub):
                out.append((span_text(sub), parent_name))
    return out


def _definitions(sdoc: Doc, companies: Sequence[Span] | None = None) -> list[tuple[str, str]]:
    """(short name, full name as written) for each (以下简称"…") right after a company name
    (``companies``: the sentence's, when the caller has read them)."""
    out = []
    text = doc_text(sdoc)
    for comp in group_spans(sdoc, COMPANY) if companies is None else companies:
        m = _DEFINITION.match(text, comp.end_char)
        if m:
            out += [(short, span_text(comp)) for short in _QUOTED.findall(m.group(1))]
    return out


def defined_references(sdocs: Sequence[Doc], speaker: str | None = None) -> dict[str, str]:
    """What one document defines for its firms -> the full name as written: the short names of
    (以下简称"…") after a company name, and a reference word right before one with its
    shorter forms (全资子公司某某有限公司: 全资子公司 and 子公司 mean that firm); the first-person
    words mean ``speaker``, the firm that speaks (:func:`speaker_firm`, :func:`voice_firm`).
    The first definition of a word holds. Reference words and legal endings are in
    ``data/company_shape.yaml``."""
    lex = company_lexicon()
    out: dict[str, str] = {}
    found = [group_spans(sdoc, COMPANY) for sdoc in sdocs]  # each group read once (group_spans: the Spans of the pipeline)
    for sdoc, companies in zip(sdocs, found):
        for short, full in _definitions(sdoc, companies):
            out.setdefault(short, full)
        text = doc_text(sdoc)
        for comp in companies:
            if not text.endswith(lex.reference_words, 0, comp.start_char):
                continue  # one test of every word first: most names follow none
            role = next(w for w in lex.reference_words if text.endswith(w, 0, comp.start_char))
            for word in lex.reference_words:
                if role.endswith(word) and word not in lex.legal_suffixes:
                    out.setdefault(word, span_text(comp))
    for brand in coded_brands([doc_text(sdoc) for sdoc in sdocs]):
        out.setdefault(brand, brand)
    for word in lex.first_person_words if speaker is not None else ():
        out.setdefault(word, speaker)
    for word, unit in unit_short_forms([doc_text(sdoc) for sdoc in sdocs],
                                       [span_text(comp) for companies in found for comp in companies]).items():
        out.setdefault(word, unit)
    return out


def _coded_brand_matches(text: str) -> Iterator[re.Match[str]]:
    """The brands with a stock code of ``text`` (:data:`_CODED_BRAND`): none without an opening bracket,
    which most sentences lack, so the pattern's run of letters is not tried at every position."""
    return _CODED_BRAND.finditer(text) if "(" in text or "（" in text else iter(())


def coded_brands(texts: Sequence[str]) -> list[str]:
    """Rule ``coded_brand``: a listed firm written as its brand with its stock code in
    brackets (川岚龙泽(002999.SZ)) is a firm, wherever the document writes the brand, though the
    brand has no company ending; a source or left word before it (据, 近日) is not part of it.

    >>> coded_brands(["据川岚龙泽(002999.SZ)公告,公司拟投资。", "岚泽控股（股票代码：600999）称"])
    ['川岚龙泽', '岚泽控股']
    """
    lex = company_lexicon()
    out = []
    for text in texts:
        for m in _coded_brand_matches(text):
            brand = m.group(1)
            trimmed = next((w for w in sorted(lex.left_trim, key=len, reverse=True)
                            if brand.startswith(w) and len(brand) - len(w) >= 2), "")
            out.append(brand[len(trimmed):])
    return list(dict.fromkeys(out))


def announcing_firm(sdocs: Sequence[Doc]) -> str | None:
    """Rule ``announcer``: the firm whose announcement a text reports (…晚间,岚澄股份发布公告,
    公司拟…): the first firm its opening sentences name right before an announcing word. Like
    the firm a title names, it is what 公司 means there (company rule ``company_issuer``).

    >>> rules_fired("某资讯:昨日晚间,岚澄股份发布公告,公司拟在园区投资建设年产5万吨磷酸铁项目。")[0][:2]
    ('岚澄股份', '磷酸铁')

    A brand with its stock code (rule ``coded_brand``) announces too: 岚澄新材(300999)公告称….
    """
    for sdoc in sdocs[:_SPEAKER_OPENING]:
        text = doc_text(sdoc)
        for comp in group_spans(sdoc, COMPANY):
            if _ANNOUNCES.match(text, comp.end_char):
                return span_text(comp)
        coded = next((m.group(0) for m in _coded_brand_matches(text) if _ANNOUNCES.match(text, m.end())), None)
        if coded is not None:
            return coded_brands([coded])[0]
    return None


_BRAND_SIZES = range(2, 5)  # a group's brand: two to four characters (中煤, 某某集)


def _names_unit(name: str, brand: str) -> bool:
    """``name`` is ``brand`` + a place + more (某煤|陕西|公司): a group's unit named in full."""
    place = company_lexicon().unit_place(name[len(brand):])
    return place is not None and len(name) > len(brand) + len(place)


def unit_short_forms(texts: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """Rule ``unit_short_form``: a firm is also written as its brand and a place of its works
    (某煤|酒泉|某品项目, 某矿|某湖|某资源开发): each such brand + place in ``texts`` -> the firm of
    ``names`` it stands for: the one unit of that brand named in full as brand + place + ending
    (某煤陕西公司, not the group 某煤集团), else the one firm whose name starts with the brand.
    A brand that is a place or a national word (中国) stands for no firm; the places are those of
    ``data/patterns/places.jsonl`` and the region prefixes and unit places of
    ``data/company_shape.yaml``.

    >>> unit_short_forms(["某煤陕西公司开工。", "某煤酒泉某品项目签约,某煤集团出席。"], ["某煤陕西公司", "某煤集团"])
    {'某煤酒泉': '某煤陕西公司'}
    >>> unit_short_forms(["推进甲矿西宁某资源开发、甲矿锂业扩能。"], ["甲矿锂业"])
    {'甲矿西宁': '甲矿锂业'}
    """
    lex = company_lexicon()
    places, place_at = _firm_places()
    names = sorted(set(names))
    firms: dict[str, set[str]] = {}
    for name in names:
        for size in _BRAND_SIZES:
            brand = name[:size]
            if len(name) > size + 1 and brand not in places and not brand.startswith(lex.national_words):
                firms.setdefault(brand, set()).add(name)
    out: dict[str, str] = {}
    # the texts searched as one: normalized text holds no NUL (reading.normalize drops control
    # characters), so no brand or place runs across two texts and the matches are each text's, in order
    joined = "\x00".join(texts)
    starts_a_name: dict[str, bool] = {}
    for brand, found in firms.items():
        units = {n for n in found if _names_unit(n, brand)}
        chosen = units or found
        if len(chosen) != 1:
            continue
        at = joined.find(brand)
        while at >= 0:
            m = place_at.match(joined, at + len(brand))
            word = joined[at:m.end()] if m else ""
            if word:
                if word not in starts_a_name:
                    starts_a_name[word] = any(n != word and n.startswith(word) for n in names)
                if not starts_a_name[word]:  # not a full name's start
                    out.setdefault(word, next(iter(chosen)))
            at = joined.find(brand, at + 1)
    return out


@cache
def _firm_places() -> tuple[frozenset[str], re.Pattern[str]]:
    """The places a firm's short form may name after its brand (see :func:`unit_short_forms`),
    and a pattern matching one of them, longest first."""
    lex = company_lexicon()
    places = frozenset((*lex.region_prefixes, *lex.unit_places, *place_names()))
    return places, re.compile("|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)))


def voice_firm(sdocs: Sequence[Doc]) -> str | None:
    """The firm a text is written by (a firm's own article: "…是某某有限公司的七岁生日。
    我们…"): the one firm its opening sentences name, when the text speaks as 我们 outside
    quotes in at least two of its first sentences; None otherwise. Its first-person words then
    mean it, and so does a project no firm is named for."""
    head = sdocs[:2 * _SPEAKER_OPENING]
    voiced = sum(1 for sdoc in head if _WE in _QUOTED_SPEECH.sub("", doc_text(sdoc)))
    firms = {span_text(comp) for sdoc in sdocs[:_SPEAKER_OPENING] for comp in group_spans(sdoc, COMPANY)}
    return next(iter(firms)) if voiced >= 2 and len(firms) == 1 else None


def speaker_firm(sdocs: Sequence[Doc]) -> str | None:
    """The firm an interview or feature lets speak: in a document that quotes someone, the
    first company its opening sentences (title, subtitle, lead: ``_SPEAKER_OPENING``) name
    right before a title of its officer (——访某某有限公司董事长…); None when there is no such
    firm. Its first-person words (我们, 我们公司, 公司) then mean it (``speaker_titles`` and
    ``first_person_words`` in ``data/company_shape.yaml``)."""
    lex = company_lexicon()
    if not any(_quoted(doc_text(sdoc)) for sdoc in sdocs):
        return None
    for sdoc in sdocs[:_SPEAKER_OPENING]:
        for comp in group_spans(sdoc, COMPANY):
            if doc_text(sdoc).startswith(lex.speaker_titles, comp.end_char):
                return span_text(comp)
    return None


@functools.cache
def _known_products() -> frozenset[str]:
    """Canonical names of the packaged templates' products (presence reads only these, not the
    general lexicon's: presence is about the chains' links)."""
    return frozenset(ref.product.name for ref in product_index(vocabulary(None).templates).values())


def place_kind_table() -> dict[str, str]:
    """Canonical place -> kind (city, county, town, park …) from ``data/patterns/places.jsonl``."""
    return {row["id"]: row.get("kind", "place") for row in pattern_rows("places.jsonl")}


def rules_fired(text: str, headings: Sequence[str] = ()) -> list[tuple[str | None, str, str]]:
    """(company, product, rule) of every project mention ``text`` states, read as a document of
    its own (a paragraph per line, every sentence under ``headings`` and the heading line before
    it, :func:`chainkg.reading.headings.is_heading_line`) with the shared pipeline:
    which named rules (:mod:`chainkg.rules`) fire on a sentence, for anyone asking why a fact
    was read, and for the example sentences of the rules in this module.

    >>> rules_fired("甲乙锂业年产3万吨碳酸锂项目已开工建设。")
    [('甲乙锂业', '碳酸锂', 'capacity_product+company_adjacent+status_after')]
    """
    return [(m.company, m.product, m.rule) for m in text_mentions(text, headings)]


def text_mentions(text: str, headings: Sequence[str] = ()) -> tuple[ProjectMention, ...]:
    """The project mentions ``text`` states, read as :func:`rules_fired` reads it."""
    from chainkg.ingest.nlp import shared_pipeline

    sentences: list[Sentence] = []
    at, under = 0, tuple(headings)
    for line in text.split("\n"):
        heading = is_heading_line(line)  # a heading line is the heading of the lines after it
        under = (*headings, line) if heading else under
        for start, end in sentence_bounds(line):
            sentences.append(Sentence(index=len(sentences), text=line[start:end], start=at + start, end=at + end,
                                      orig_start=at + start, orig_end=at + end, headings=under,
                                      flags=("heading",) if heading else ()))
        at += len(line) + 1
    document = Document(id="text", file="text", meta={}, encoding="utf-8", sha256="", text=text,
                        sentences=tuple(sentences))
    return extract([document], shared_pipeline()).projects


def run_extraction(documents: Sequence[Document], templates: Templates | None = None,
                   extra: Mentions | None = None, jobs: int = 1) -> Extraction:
    """The single entry point: build the pipeline for ``templates`` (None: the packaged
    ones), read every sentence of ``documents`` (on up to ``jobs`` processes, see
    :mod:`chainkg.ingest.parallel`; the same result as one), resolve companies and projects
    together with the ``extra`` mentions read elsewhere (the rows of staff ledgers,
    :mod:`chainkg.ingest.ledger`)."""
    from chainkg.ingest.parallel import extract_mentions

    return resolve(extract_mentions(documents, templates, jobs).merged(extra), vocabulary(templates))
