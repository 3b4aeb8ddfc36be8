"""Chinese table headers for query columns: ``chainkg query --format table`` shows these; the
JSON keys and CSV header stay the column names (scripts read those).

>>> header("coverage_zh"), header("capacity_base_unit"), header("no_such_column")
('覆盖', '标准单位', 'no_such_column')
"""

from __future__ import annotations

HEADERS_ZH: dict[str, str] = {
    "product": "产品", "chain": "产业链", "base_unit": "标准单位", "operating": "在产", "under_construction": "在建",
    "planned": "规划", "total": "合计", "kind": "类型", "kind_zh": "类型", "segment_order": "环节序号",
    "segment": "环节", "segment_id": "环节编号", "stage": "阶段", "coverage": "覆盖状态", "coverage_zh": "覆盖",
    "reason": "依据", "fact_count": "事实数", "target_zh": "招商", "projects": "项目", "active_projects": "在建及以上项目",
    "companies": "企业", "project_id": "项目编号", "project": "项目", "company": "企业", "capacity": "产能",
    "capacity_base_value": "产能(标准单位)", "capacity_base_unit": "标准单位", "status": "状态代码",
    "status_text": "状态", "mode": "来源类型", "standing": "表明", "capacity_class": "产能类别", "place": "地点",
    "company_id": "企业编号", "aliases": "别名", "merge_rules": "合并依据", "documents": "文献", "official": "十二条链之一",
    "segments": "环节数", "strong": "强", "present": "有", "building": "在建", "lacking": "缺", "unknown": "待核实",
    "coverage_ratio": "已有占比", "fill": "补链", "extend": "延链", "strengthen": "强链", "node_id": "节点编号",
    "label": "类别", "name": "名称", "document_id": "文献编号", "document": "文献", "published": "发布日期",
    "sentence_index": "句序", "sentence": "原句", "start": "起", "end": "止", "direction": "方向",
    "linked_chain": "关联产业链", "from_chain": "上游产业链", "from_segment": "上游环节", "to_chain": "下游产业链",
    "to_segment": "下游环节", "via": "经由", "depth": "层级", "current_status": "当前状态", "date": "日期",
    "sheet": "工作表", "row": "行", "status_rank": "状态等级", "id": "编号", "matched": "匹配", "state": "状态代码",
    "state_zh": "状态", "target": "招商代码", "facts": "事实", "sources": "来源数", "disagreement": "来源不一致",
    "rule": "依据规则", "rule_zh": "为何得出",
}
"""Column name -> the header a table shows."""


def header(column: str) -> str:
    """The Chinese header of ``column`` (the column name itself when none is written)."""
    return HEADERS_ZH.get(column, column)
