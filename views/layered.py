"""The layered layout of a chain map: columns along the chain's supply order, a lane per branch,
a card per segment, computed here and drawn by the page with physics off.

**Columns.** A segment's column is the length of the longest chain-internal SUPPLIES path that
reaches it (:func:`supply_columns`, over the condensation if the template ever has a cycle), so
every supply link runs left to right and the chain is as short as its longest path: 盐湖化工's
13 segments take 4 columns, not 13. A segment nothing in the chain supplies stands just before
the first segment it feeds, so its links stay short.

**Lanes.** One horizontal lane per branch of the chain (data/chains.yaml ``branches``, in their
order; 盐湖化工: 钾, 锂, 镁 …), the segments shared by all branches (no branch) in a lane of
their own on top. The page draws each lane as a band with its name at the left.

**Cards.** A segment and what belongs to it are one card: the segment box on top, then links
into other chains as short stubs (two to a row, the other chain's name in the label), then one
row per project, the project on the left and the company that builds it on its right (the
``BUILDS`` edge is a short horizontal line). ``PRODUCES`` edges from a card's projects to its
segment are not drawn as lines: the card shows them (edge ``grouped``). Past
:data:`MAX_ROWS` projects the rest wait behind a "+N" expander; the layout is computed twice,
closed (``x``, ``y``) and open (``x_open``, ``y_open``), and the page switches between them.

Every size comes from :mod:`chainkg.views.labels`, so no two labels overlap in either layout
(the browser tests measure it), and at :data:`MIN_SCALE` every label is drawn at 12 px or more.

>>> import networkx as nx
>>> S = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "c")])
>>> sorted(supply_columns(S).items())      # x only feeds c: it stands just before it
[('a', 0), ('b', 1), ('c', 2), ('x', 1)]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from chainkg.views.labels import label_size, wrap

MIN_SCALE = 0.875
"""Smallest zoom a chain map opens at: 14 px labels are drawn at 12.25 px on screen."""
MAX_SCALE = 1.25
"""Largest zoom a small chain map opens at (fitting 3 segments would blow them up)."""
CARD_W = 250
"""Width of a card (canvas px): a project column and a company column of :data:`ITEM_TEXT_PX`."""
COLUMN_GAP = 90
"""Room between the cards of neighbouring columns, where the supply links run."""
PITCH = CARD_W + COLUMN_GAP
ITEM_DX = 62
"""Projects sit this far left of the card's centre, their companies this far right; stubs too."""
ITEM_TEXT_PX = 110
"""Wrap width of project, company and stub labels (8 Chinese characters at 14 px)."""
SEGMENT_TEXT_PX = 210
"""Wrap width of a segment's label."""
BOX_MARGIN = 8
"""vis ``nodes.margin``: space between a box's label and its border."""
ITEM_SIZE = 9
"""Radius of a project dot and a company diamond."""
LABEL_BELOW = ITEM_SIZE + 11
"""Top of a dot's label below the dot's centre (vis: the shape's size plus a small gap)."""
ROW_GAP = 14
CARD_GAP = 30
LANE_GAP = 46
MAX_ROWS = 3
"""Projects a card shows before its "+N" expander."""
MAX_CARD_ROWS = 24
"""Rows a card draws at most, the expander open; the projects past them are named (and counted)
in the expander's panel, and listed whole in the site's project table: a link with thousands
of projects would make a chain page of tens of megabytes that no one can read."""
LANE_MARGIN = 100
"""Room left of the first column for the lane names."""


@dataclass
class Card:
    """One segment's card: the view-node ids it shows, top to bottom."""

    segment: str
    lane: str
    """The segment's branch, "" for segments every branch shares."""
    stubs: list[str] = field(default_factory=list)
    """Other chains' segments linked to this one (stubs)."""
    rows: list[tuple[str | None, str | None]] = field(default_factory=list)
    """(project, company) per row, in the order shown; a project's second company has a row
    of its own with no project."""
    expander: str | None = None
    """The "+N" node, when there are more than :data:`MAX_ROWS` rows."""

    def members(self, open_: bool) -> list[str]:
        """Every view node of the card shown in the closed (``open_`` false) or open layout."""
        rows = self.rows if open_ else self.rows[:MAX_ROWS]
        out = [self.segment, *self.stubs, *(n for row in rows for n in row if n)]
        return out + ([self.expander] if self.expander else [])


def supply_columns(S: nx.DiGraph) -> dict[str, int]:
    """Column of each node of the supply graph ``S``: the longest path reaching it (0 for sources).

    A cycle (not in the templates, but possible in a hand-made graph) shares one column.
    """
    C = nx.condensation(S)
    depth: dict[int, int] = {}
    order = list(nx.topological_sort(C))
    for c in order:
        depth[c] = max((depth[p] + 1 for p in C.predecessors(c)), default=0)
    # a source that only feeds later links moves right, next to what it feeds (short links)
    for c in reversed(order):
        if C.in_degree(c) == 0 and C.out_degree(c):
            depth[c] = max(depth[c], min(depth[s] for s in C.successors(c)) - 1)
    return {n: depth[C.graph["mapping"][n]] for n in S}


def wrap_labels(view: nx.DiGraph, cards: list[Card]) -> None:
    """Give every node of a chain map its drawn ``text``: the name wrapped to its box or column."""
    heads = {card.segment for card in cards}
    for node, attrs in view.nodes(data=True):
        attrs["text"] = wrap(attrs["name"], SEGMENT_TEXT_PX if node in heads else ITEM_TEXT_PX)


def _box_height(text: str) -> float:
    return label_size(text)[1] + 2 * BOX_MARGIN


def _card_layout(view: nx.DiGraph, card: Card, open_: bool) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Positions relative to the segment's centre, the card's top and its bottom."""
    pos: dict[str, tuple[float, float]] = {card.segment: (0.0, 0.0)}
    head = _box_height(view.nodes[card.segment]["text"])
    cursor = head / 2 + ROW_GAP
    for i in range(0, len(card.stubs), 2):
        pair = card.stubs[i:i + 2]
        height = max(_box_height(view.nodes[s]["text"]) for s in pair)
        for j, stub in enumerate(pair):
            pos[stub] = (-ITEM_DX if j == 0 and len(pair) == 2 else (ITEM_DX if len(pair) == 2 else 0.0),
                         cursor + height / 2)
        cursor += height + ROW_GAP
    rows = card.rows if open_ else card.rows[:MAX_ROWS]
    for project, company in rows:
        lines = max(label_size(view.nodes[n]["text"])[1] for n in (project, company) if n)
        centre = cursor + ITEM_SIZE
        if project:
            pos[project] = (-ITEM_DX, centre)
        if company:
            pos[company] = (ITEM_DX, centre)
        cursor = centre + LABEL_BELOW + lines + ROW_GAP
    if card.expander:
        height = _box_height(view.nodes[card.expander]["text"])
        pos[card.expander] = (0.0, cursor + height / 2)
        cursor += height + ROW_GAP
    return pos, -head / 2, cursor - ROW_GAP


def lay_out(view: nx.DiGraph, cards: list[Card], lanes: list[str], columns: dict[str, int]) -> None:
    """Set ``x``, ``y`` (closed) and ``x_open``, ``y_open`` on every node of the cards, and what
    the page draws behind them, in canvas units for each layout (``closed``, ``open``):
    ``view.graph["cards"]`` (segment, rectangle [left, top, right, bottom]), ``view.graph["lanes"]``
    (name, [top, bottom]) and ``view.graph["extent"]`` (the rectangle around everything). The
    rectangles come from the planned label sizes, so the page never waits for vis to measure."""
    rects: dict[str, dict[str, list[float]]] = defaultdict(dict)
    bands: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for open_ in (False, True):
        state = "open" if open_ else "closed"
        layouts = {card.segment: _card_layout(view, card, open_) for card in cards}
        cells: dict[tuple[str, int], list[Card]] = defaultdict(list)
        for card in cards:
            cells[(card.lane, columns[card.segment])].append(card)
        top = 0.0
        for lane in lanes:
            bottom = top
            for (cell_lane, column), stacked in sorted(cells.items(), key=lambda kv: kv[0][1]):
                if cell_lane != lane:
                    continue
                cursor = top
                for card in stacked:
                    pos, card_top, card_bottom = layouts[card.segment]
                    y0 = cursor - card_top
                    for node, (dx, dy) in pos.items():
                        _place(view.nodes[node], open_, column * PITCH + dx, y0 + dy)
                    xs = [column * PITCH + dx + sign * _half_width(view, node, card)
                          for node, (dx, _) in pos.items() for sign in (-1, 1)]
                    rects[card.segment][state] = [min(xs), y0 + card_top, max(xs), y0 + card_bottom]
                    cursor = y0 + card_bottom + CARD_GAP
                bottom = max(bottom, cursor - CARD_GAP)
            if bottom > top:
                bands[lane][state] = [top, bottom]
            top = bottom + LANE_GAP
    view.graph["cards"] = [{"segment": c.segment, **{k: [round(v, 1) for v in r] for k, r in rects[c.segment].items()}}
                           for c in cards]
    view.graph["lanes"] = [{"name": lane or "共用环节", **bands[lane]} for lane in lanes if lane in bands]
    view.graph["extent"] = {state: [min(r[state][0] for r in rects.values()), min(r[state][1] for r in rects.values()),
                                    max(r[state][2] for r in rects.values()), max(r[state][3] for r in rects.values())]
                            for state in ("closed", "open")} if rects else {}
    view.graph["lane_margin"] = LANE_MARGIN


def _half_width(view: nx.DiGraph, node: str, card: Card) -> float:
    """Half the drawn width of a node of a card: a box is its label plus margins; a dot's label
    hangs below it."""
    width = label_size(view.nodes[node]["text"])[0]
    boxed = node == card.segment or node in card.stubs or node == card.expander
    return width / 2 + (BOX_MARGIN if boxed else 0)


def _place(attrs: dict[str, Any], open_: bool, x: float, y: float) -> None:
    if open_:
        attrs["x_open"], attrs["y_open"] = round(x, 1), round(y, 1)
    else:
        attrs["x"], attrs["y"] = round(x, 1), round(y, 1)


def place_hidden(view: nx.DiGraph) -> None:
    """Nodes only in the open layout get their open position as their closed one, hidden."""
    for attrs in view.nodes.values():
        if "x" not in attrs and "x_open" in attrs:
            attrs["x"], attrs["y"], attrs["hidden"] = attrs["x_open"], attrs["y_open"], True

