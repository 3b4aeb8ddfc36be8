"""How views look: colour and shape per node label, overlays per coverage style, edge looks.

One table for every view so a gap looks the same on each page, plus the legend entries the
page template draws (outside the canvas). Values are vis-network option fragments.

Coverage styles overlay the label's look: a *gap* is white with a thick dashed red outline and
red text, *planned* is amber with a dotted orange outline, *covered* is green with a solid
outline. Dash patterns, not colour alone, tell them apart (colour-blind readers, grey print).

>>> node_look("Segment", "gap")["shapeProperties"]["borderDashes"]
[8, 5]
>>> [e["text"] for e in legend_entries({"Chain"}, {"gap"}, {"SUPPLIES"})]
['产业链 Chain', '缺口 Gap (补链)', '供应 SUPPLIES (上游→下游)']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chainkg.graph import model
from chainkg.views.viewgraph import COVERED, GAP, PLANNED, STYLES

FONT_FACE = "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

# label -> (shape, background, border, legend text); the shapes with the label inside
# (box, ellipse, database) are for the nodes whose names people read most.
NODE_LOOKS: dict[str, tuple[str, str, str, str]] = {
    model.CHAIN: ("hexagon", "#7b5ea7", "#4b2f7a", "产业链 Chain"),
    model.SEGMENT: ("box", "#dce8f5", "#3b6ea5", "环节 Segment"),
    model.PRODUCT: ("ellipse", "#e6e8f7", "#5c6bc0", "产品 Product"),
    model.COMPANY: ("diamond", "#4fa3a5", "#2a6f71", "企业 Company"),
    model.PROJECT: ("dot", "#c38bb5", "#8a4f7d", "项目 Project"),
    model.PLACE: ("triangle", "#b9b0a6", "#7a6f63", "地点 Place"),
    model.DOCUMENT: ("database", "#eeeeee", "#777777", "文献 Document"),
}

# style -> (background, border, border width, dashes or None, font colour, legend text)
STYLE_LOOKS: dict[str, tuple[str, str, float, list[int] | None, str, str]] = {
    COVERED: ("#cdebc5", "#2e7d32", 2, None, "#1b3d1d", "已覆盖 Covered"),
    PLANNED: ("#ffe8b0", "#c77700", 2.5, [2, 4], "#5c3a00", "仅规划/签约 Planned"),
    GAP: ("#ffffff", "#d32f2f", 3.5, [8, 5], "#b71c1c", "缺口 Gap (补链)"),
}

# rel type -> (colour, width, dashes or False, legend text)
EDGE_LOOKS: dict[str, tuple[str, float, list[int] | bool, str]] = {
    model.SUPPLIES: ("#3b6ea5", 2.5, False, "供应 SUPPLIES (上游→下游)"),
    model.PART_OF: ("#9e8cc0", 1, False, "属于 PART_OF"),
    model.IN_SEGMENT: ("#8d96d6", 1, False, "归入环节 IN_SEGMENT"),
    model.BUILDS: ("#2a6f71", 1.5, False, "建设 BUILDS"),
    model.PRODUCES: ("#8a4f7d", 1.5, False, "生产 PRODUCES"),
    model.LOCATED_IN: ("#7a6f63", 1, [4, 4], "位于 LOCATED_IN"),
    model.MENTIONED_IN: ("#aaaaaa", 0.8, [1, 3], "出处 MENTIONED_IN"),
}
CROSS_CHAIN_EDGE = ("#e07b00", 2.5, [10, 6], "跨链 cross-chain link")


def node_look(label: str, style: str | None) -> dict[str, Any]:
    """vis node options for a node of ``label`` with an optional coverage ``style``."""
    shape, background, border, _ = NODE_LOOKS[label]
    width, dashes, font_color = 1.5, None, "#222222"
    if style is not None:
        background, border, width, dashes, font_color, _ = STYLE_LOOKS[style]
    look: dict[str, Any] = {
        "shape": shape,
        "borderWidth": width,
        "borderWidthSelected": width + 2,
        "color": {
            "background": background,
            "border": border,
            "highlight": {"background": background, "border": "#111111"},
            "hover": {"background": background, "border": "#111111"},
        },
        "font": {"color": font_color, "face": FONT_FACE},
        "shapeProperties": {"borderDashes": dashes or False},
    }
    return look


def edge_look(rel_type: str, cross_chain: bool) -> dict[str, Any]:
    """vis edge options for a relationship type (cross-chain links stand out, dashed orange)."""
    color, width, dashes, _ = CROSS_CHAIN_EDGE if cross_chain else EDGE_LOOKS[rel_type]
    return {"color": {"color": color}, "width": width, "dashes": dashes}


def legend_entries(labels: Iterable[str], styles: Iterable[str], rel_types: Iterable[str], cross_chain: bool = False
                   ) -> list[dict[str, Any]]:
    """Legend rows, in table order, for the given node labels, coverage styles and edge types.

    Each row is plain data for the template: ``kind`` ("node" or "edge"), ``text``, ``shape``,
    ``fill``, ``stroke``, ``stroke_width`` and ``dashes`` (SVG dash array or "").
    """
    wanted_labels, wanted_styles, wanted_types = set(labels), set(styles), set(rel_types)
    rows: list[dict[str, Any]] = []
    for label, (shape, fill, stroke, text) in NODE_LOOKS.items():
        if label in wanted_labels:
            rows.append(_row("node", text, shape, fill, stroke, 1.5, None))
    for style in STYLES:
        if style in wanted_styles:
            fill, stroke, width, dashes, _, text = STYLE_LOOKS[style]
            rows.append(_row("node", text, "box", fill, stroke, width, dashes))
    for rel_type, (color, width, dashes, text) in EDGE_LOOKS.items():
        if rel_type in wanted_types:
            rows.append(_row("edge", text, "line", "none", color, width, dashes or None))
    if cross_chain:
        color, width, dashes, text = CROSS_CHAIN_EDGE
        rows.append(_row("edge", text, "line", "none", color, width, dashes))
    return rows


def _row(kind: str, text: str, shape: str, fill: str, stroke: str, width: float, dashes: Any) -> dict[str, Any]:
    # the swatches are ~24px wide: half-length dashes show the same pattern at that size
    dash_array = " ".join(str(d / 2) for d in dashes) if isinstance(dashes, list) else ""
    return {"kind": kind, "text": text, "shape": shape, "fill": fill, "stroke": stroke,
            "stroke_width": width, "dashes": dash_array}
