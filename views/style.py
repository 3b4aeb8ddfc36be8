"""How views look: colour and shape per node label, overlays per coverage style, edge looks.

One table for every view so a gap looks the same on each page, plus the legend entries the
page template draws (outside the canvas). Values are vis-network option fragments.

Coverage styles (the states of :mod:`chainkg.graph.gaps`) overlay the label's look: *strong*
dark green with a thick solid outline, *present* green, *building* blue with a long-dashed
outline, *planned* amber with a dotted outline, *lacking* white with a thick dashed red outline
and red text, *unknown* pale grey with a thin dotted grey outline (unknown is not a gap). Dash
patterns and weights, not colour alone, tell them apart (colour-blind readers, grey print).
Legend texts are the states' Chinese names and meanings from gaps.py, never written again here.

>>> node_look("Segment", "lacking")["shapeProperties"]["borderDashes"]
[8, 5]
>>> [e["text"] for e in legend_entries({"Chain"}, {"lacking"}, {"SUPPLIES"})]
['产业链', '缺:有来源称该环节缺失或薄弱,且没有更晚的来源表明已有', '供应 (上游→下游)']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chainkg.graph import model
from chainkg.graph.gaps import (BUILDING_STATE, LACKING_STATE, PLANNED, PRESENT_STATE, STATE_MEANING, STATE_ZH, STRONG,
                                UNKNOWN)
from chainkg.views.viewgraph import STYLES

FONT_FACE = "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

# label -> (shape, background, border, legend text); the shapes with the label inside
# (box, ellipse, database) are for the nodes whose names people read most.
NODE_LOOKS: dict[str, tuple[str, str, str, str]] = {
    model.CHAIN: ("hexagon", "#7b5ea7", "#4b2f7a", "产业链"),
    model.SEGMENT: ("box", "#dce8f5", "#3b6ea5", "环节"),
    model.PRODUCT: ("ellipse", "#e6e8f7", "#5c6bc0", "产品"),
    model.COMPANY: ("diamond", "#4fa3a5", "#2a6f71", "企业"),
    model.PROJECT: ("dot", "#c38bb5", "#8a4f7d", "项目"),
    model.PLACE: ("triangle", "#b9b0a6", "#7a6f63", "地点"),
    model.DOCUMENT: ("database", "#eeeeee", "#777777", "文献"),
    model.STATEMENT: ("square", "#f3e9c6", "#9a7b1c", "现状陈述(产量、在产、基地、短板)"),
}

# style -> (background, border, border width, dashes or None, font colour, legend text)
STYLE_LOOKS: dict[str, tuple[str, str, float, list[int] | None, str, str]] = {
    state: (*look, f"{STATE_ZH[state]}:{STATE_MEANING[state]}") for state, look in {
        STRONG: ("#8fd18a", "#1b5e20", 4, None, "#0d2e10"),
        PRESENT_STATE: ("#cdebc5", "#2e7d32", 2, None, "#1b3d1d"),
        BUILDING_STATE: ("#cfe3fa", "#1565c0", 2.5, [10, 3], "#0d3c73"),
        PLANNED: ("#ffe8b0", "#c77700", 2.5, [2, 4], "#5c3a00"),
        LACKING_STATE: ("#ffffff", "#d32f2f", 3.5, [8, 5], "#b71c1c"),
        UNKNOWN: ("#f4f4f4", "#9e9e9e", 1.5, [1, 3], "#555555"),
    }.items()
}

# rel type -> (colour, width, dashes or False, legend text)
EDGE_LOOKS: dict[str, tuple[str, float, list[int] | bool, str]] = {
    model.SUPPLIES: ("#3b6ea5", 2.5, False, "供应 (上游→下游)"),
    model.PART_OF: ("#9e8cc0", 1, False, "属于"),
    model.IN_SEGMENT: ("#8d96d6", 1, False, "归入环节"),
    model.BUILDS: ("#2a6f71", 1.5, False, "建设"),
    model.PRODUCES: ("#8a4f7d", 1.5, False, "生产"),
    model.LOCATED_IN: ("#7a6f63", 1, [4, 4], "位于"),
    model.MENTIONED_IN: ("#aaaaaa", 0.8, [1, 3], "出处"),
    model.ABOUT: ("#9a7b1c", 1, [3, 3], "陈述关于"),
    model.BY: ("#2a6f71", 1, [3, 3], "陈述的企业"),
    model.AT: ("#7a6f63", 1, [3, 3], "陈述的地点"),
}
CROSS_CHAIN_EDGE = ("#e07b00", 2.5, [10, 6], "跨链联系")

EXPANDER_LOOK: dict[str, Any] = {
    "shape": "box",
    "borderWidth": 1,
    "color": {"background": "#ffffff", "border": "#1a5fa8", "highlight": {"background": "#eef4fb", "border": "#1a5fa8"},
              "hover": {"background": "#eef4fb", "border": "#1a5fa8"}},
    "font": {"color": "#1a5fa8", "face": FONT_FACE},
    "shapeProperties": {"borderDashes": False, "borderRadius": 12},
}
"""A "+N" expander: a link-blue rounded button, not an entity."""


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
