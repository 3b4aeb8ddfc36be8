"""A chain map as a static SVG image: the links upstream (left) to downstream (right), each box
in its coverage state's look, with its 补链 / 延链 / 强链 target, and the chain's own SUPPLIES
arrows. For print and for pasting into slides and reports; the interactive map is the site's.

Columns are supply levels (a link's longest SUPPLIES path from the chain's sources; a source
just before the nearest link it supplies), rows the template order within a level. Colours, outline widths and dashes are those of every other view
(:data:`chainkg.views.style.STYLE_LOOKS`), so grey print still tells the states apart; a legend
of the states sits under the map. Every text is escaped (MarkupSafe).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:甲", label="Chain", name="甲<链>")
>>> for i, n in enumerate(["a", "b"]):
...     _ = G.add_node(f"segment:甲/{n}", label="Segment", name=n, order=i, coverage="unknown", coverage_zh="待核实")
...     _ = G.add_edge(f"segment:甲/{n}", "chain:甲", type="PART_OF")
>>> _ = G.add_edge("segment:甲/a", "segment:甲/b", type="SUPPLIES", cross_chain=False)
>>> svg = chain_svg(G, "chain:甲")
>>> svg.startswith("<svg") and "甲&lt;链&gt;" in svg and svg.count("<rect") >= 2
True
"""

from __future__ import annotations

import networkx as nx
from markupsafe import escape

from chainkg.graph import model
from chainkg.graph.gaps import STATE_ZH, STATES
from chainkg.views.style import STYLE_LOOKS

BOX_H, GAP_X, GAP_Y, MARGIN, TITLE_H, LEGEND_H = 58, 34, 16, 16, 40, 64
CHAR_W = 14
"""Width of one Chinese character of a link's name (14 px bold)."""
FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
MAX_NAME = 8
"""Most characters of a link's name on one line (longer names take a second line), so that a
chain of seven levels still prints legibly across an A4 page."""


def _segments(G: nx.MultiDiGraph, chain: str) -> list[str]:
    segs = [s for s, _, d in G.in_edges(chain, data=True) if d["type"] == model.PART_OF]
    return sorted(segs, key=lambda s: (G.nodes[s].get("order", 0), s))


def levels(G: nx.MultiDiGraph, segments: list[str]) -> dict[str, int]:
    """Segment -> column: its longest path from a source along the chain's own SUPPLIES links (a
    source: one column before the nearest link it supplies)."""
    inside = set(segments)
    S = nx.DiGraph()
    S.add_nodes_from(segments)
    S.add_edges_from((u, v) for u, v, d in G.edges(data=True)
                     if d["type"] == model.SUPPLIES and u in inside and v in inside and u != v)
    if not nx.is_directed_acyclic_graph(S):  # never in the templates; fall back to the stage
        stage = {"upstream": 0, "midstream": 1, "downstream": 2}
        return {s: stage.get(G.nodes[s].get("stage", ""), 1) for s in segments}
    level: dict[str, int] = {}
    for s in nx.topological_sort(S):
        level[s] = max((level[p] + 1 for p in S.predecessors(s)), default=0)
    for s in segments:  # a source sits just before its nearest link, not at the far left
        if S.in_degree(s) == 0 and S.out_degree(s):
            level[s] = max(min(level[c] for c in S.successors(s)) - 1, 0)
    return level


def _lines(name: str, per_line: int) -> list[str]:
    return [name] if len(name) <= per_line else [name[:per_line], name[per_line:2 * per_line]]


def chain_svg(G: nx.MultiDiGraph, chain: str) -> str:
    """The SVG text of one chain's map (``chain`` is the Chain node id)."""
    segments = _segments(G, chain)
    level = levels(G, segments)
    columns: dict[int, list[str]] = {}
    for s in segments:
        columns.setdefault(level[s], []).append(s)
    rows = max((len(v) for v in columns.values()), default=1)
    per_line = min(MAX_NAME, max((len(str(G.nodes[s]["name"])) for s in segments), default=4))
    box_w = max(per_line * CHAR_W + 20, 96)  # this chain's boxes: its longest name, at most MAX_NAME a line
    width = max(2 * MARGIN + len(columns) * box_w + (len(columns) - 1) * GAP_X, 6 * 100 + 2 * MARGIN)
    height = TITLE_H + rows * (BOX_H + GAP_Y) + LEGEND_H
    pos = {s: (MARGIN + c * (box_w + GAP_X), TITLE_H + r * (BOX_H + GAP_Y))
           for c, segs in columns.items() for r, s in enumerate(segs)}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{FONT}">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3b6ea5"/></marker></defs>',
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="{MARGIN}" y="26" font-size="18" font-weight="bold" fill="#1f2d3d">'
           f'{escape(G.nodes[chain]["name"])} 产业链图谱(上游 → 下游)</text>']
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1])):
        if d["type"] != model.SUPPLIES or u not in pos or v not in pos or u == v:
            continue
        (x1, y1), (x2, y2) = pos[u], pos[v]
        sx, sy, ex, ey = x1 + box_w, y1 + BOX_H / 2, x2, y2 + BOX_H / 2
        if x2 <= x1:  # same column: go round below
            sx, ex = x1 + box_w / 2, x2 + box_w / 2
            sy, ey = y1 + BOX_H, y2
        mid = (sx + ex) / 2
        out.append(f'<path d="M{sx:.0f},{sy:.0f} C{mid:.0f},{sy:.0f} {mid:.0f},{ey:.0f} {ex - 2:.0f},{ey:.0f}" '
                   'fill="none" stroke="#3b6ea5" stroke-width="1.6" marker-end="url(#arrow)"/>')
    for s, (x, y) in pos.items():
        attrs = G.nodes[s]
        state = attrs.get("coverage", "unknown")
        bg, border, bw, dashes, font, _ = STYLE_LOOKS.get(state, STYLE_LOOKS["unknown"])
        dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if dashes else ""
        out.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="{BOX_H}" rx="6" fill="{bg}" stroke="{border}" '
                   f'stroke-width="{bw}"{dash}/>')
        lines = _lines(str(attrs["name"]), per_line)
        for i, line in enumerate(lines):
            out.append(f'<text x="{x + box_w / 2:.0f}" y="{y + 20 + i * 16}" font-size="14" font-weight="bold" '
                       f'text-anchor="middle" fill="{font}">{escape(line)}</text>')
        note = str(attrs.get("coverage_zh") or STATE_ZH.get(state, ""))
        if attrs.get("target_zh"):
            note += f" · {attrs['target_zh']}"
        out.append(f'<text x="{x + box_w / 2:.0f}" y="{y + BOX_H - 8}" font-size="12" text-anchor="middle" '
                   f'fill="{font}">{escape(note)}</text>')
    ly = height - LEGEND_H + 20
    out.append(f'<text x="{MARGIN}" y="{ly}" font-size="12" fill="#333">图例(状态):</text>')
    for i, state in enumerate(STATES):
        bg, border, bw, dashes, font, _ = STYLE_LOOKS[state]
        x = MARGIN + i * 100
        dash = f' stroke-dasharray="{",".join(map(str, dashes))}"' if dashes else ""
        out.append(f'<rect x="{x}" y="{ly + 10}" width="34" height="20" rx="4" fill="{bg}" stroke="{border}" '
                   f'stroke-width="{bw}"{dash}/>'
                   f'<text x="{x + 42}" y="{ly + 25}" font-size="12" fill="#333">{escape(STATE_ZH[state])}</text>')
    out.append("</svg>")
    return "\n".join(out)
