"""Measuring, in a real browser, whether a view page can be read as it opens.

:func:`measure_readability` runs :data:`MEASURE_JS` in a page that has settled and returns what
vis-network drew at the current view: every visible node label's box (canvas units, read after bringing each node into view once, since
vis places a label only when it draws its node) and its
on-screen font size (font size x network scale), the pairs of labels that overlap, and the
visible edges drawn through a label that is not one of their own ends. Lane names drawn by
the chart script are counted as labels too. The browser tests assert on it; a person can print
it for any page::

    from testkit.readability import measure_readability
    report = measure_readability(page)          # a Playwright page on a settled view
    report.smallest_px, report.overlaps, report.edges_through_labels
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

MIN_LABEL_PX = 12.0
"""Smallest on-screen label size that counts as readable."""

MEASURE_JS = """() => {
  const net = window.chainkgNetwork, scale = net.getScale(), home = net.getViewPosition();
  const labels = [];
  for (const id of net.body.nodeIndices) {
    const node = net.body.nodes[id];
    if (node.options.hidden || !node.options.label) continue;
    // vis places a label when it draws its node in view: bring each node into view once
    net.moveTo({position: {x: node.x, y: node.y}, scale: scale, animation: false});
    net.redraw();
    const s = node.labelModule.size;
    labels.push({id: id, text: node.options.label, px: node.labelModule.fontOptions.size * scale,
                 left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height});
  }
  net.moveTo({position: home, scale: scale, animation: false});
  net.redraw();
  const overlaps = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i], b = labels[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) overlaps.push([a.id, b.id]);
    }
  }
  const through = [];
  for (const id of net.body.edgeIndices) {
    const edge = net.body.edges[id];
    if (edge.options.hidden || !edge.from || !edge.to || edge.from.options.hidden || edge.to.options.hidden) continue;
    for (const l of labels) {
      if (l.id === edge.fromId || l.id === edge.toId) continue;
      for (let t = 0.02; t < 0.99; t += 0.02) {
        const p = edge.edgeType.getPoint(t);
        if (p.x > l.left + 1 && p.x < l.right - 1 && p.y > l.top + 1 && p.y < l.bottom - 1) {
          through.push([edge.fromId, edge.toId, l.id]);
          break;
        }
      }
    }
  }
  const frame = net.canvas.frame.canvas.getBoundingClientRect();
  const onScreen = labels.filter(l => {
    const a = net.canvasToDOM({x: l.left, y: l.top}), b = net.canvasToDOM({x: l.right, y: l.bottom});
    return a.x >= 0 && a.y >= 0 && b.x <= frame.width && b.y <= frame.height;
  }).map(l => l.id);
  const lanes = window.chainkgChart ? window.chainkgChart.laneCount : 0;
  const laneFont = lanes > 1 ? Math.min(13 / scale, 20) * scale : null;
  return {scale: scale, labels: labels, overlaps: overlaps, through: through, onScreen: onScreen,
          laneFontPx: laneFont, width: frame.width, height: frame.height};
}"""


@dataclass(frozen=True)
class Readability:
    """What one view shows as it stands: see the module doc."""

    scale: float
    labels: list[dict[str, Any]]
    """Per visible label: id, text, px (on screen), left/top/right/bottom (canvas units)."""
    overlaps: list[tuple[str, str]]
    edges_through_labels: list[tuple[str, str, str]]
    """(edge from, edge to, label id) per edge drawn through another node's label."""
    on_screen: list[str]
    """Ids of the labels wholly inside the canvas."""
    lane_font_px: float | None
    canvas: tuple[float, float]

    @property
    def smallest_px(self) -> float:
        """The smallest on-screen font size among the labels (and lane names)."""
        sizes = [label["px"] for label in self.labels] + ([self.lane_font_px] if self.lane_font_px else [])
        return min(sizes, default=0.0)

    @property
    def small(self) -> list[str]:
        """Texts of the labels drawn under :data:`MIN_LABEL_PX`."""
        return [label["text"] for label in self.labels if label["px"] < MIN_LABEL_PX - 1e-6]

    def summary(self) -> str:
        """One line: labels, smallest size, small, overlapping, edges through labels, on screen."""
        return (f"{len(self.labels)} labels, smallest {self.smallest_px:.1f}px (scale {self.scale:.3f}), "
                f"{len(self.small)} under {MIN_LABEL_PX:g}px, {len(self.overlaps)} overlapping pairs, "
                f"{len(self.edges_through_labels)} edges through labels, {len(self.on_screen)} wholly on screen")


def measure_readability(page: Page) -> Readability:
    """Measure the view in ``page`` (a Playwright page or frame whose view has settled)."""
    raw = page.evaluate(MEASURE_JS)
    return Readability(raw["scale"], raw["labels"], [tuple(p) for p in raw["overlaps"]],
                       [tuple(t) for t in raw["through"]], raw["onScreen"], raw["laneFontPx"],
                       (raw["width"], raw["height"]))
