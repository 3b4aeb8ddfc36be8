"""Benchmark: how long a large whole-graph view takes to open and stop moving in a real browser.

Builds synthetic view graphs (default 5,000 nodes, see ``testkit.synthetic_view``), renders
each as a page under ``OUT/benchmarks/``, opens it from file:// in headless Debian chromium
(Playwright, network requests outside file:// counted) and prints, per size:

- ``render s``: Python time to build the page; ``MB``: its size;
- ``DOM ready s``: DOMContentLoaded after navigation start (parsing the inlined scripts and data);
- ``settled s``: when the capped stabilization ended and physics was switched off;
- ``moved px``: largest node movement in the second after settling (0 = it stopped moving).

Run: ``python benchmarks/views_large.py`` (``--sizes 1000 5000 --repeat 3``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from chainkg.settings import default_out
from chainkg.views.browser import launch_chromium
from chainkg.views.network import LAYOUT_BUDGET_MS, STABILIZATION_ITERATIONS
from chainkg.views.page import render_page, write_page
from testkit.synthetic_view import synthetic_view_graph

SETTLE_TIMEOUT_MS = 120_000

_MAX_MOVE_JS = """(before) => {
  const after = window.chainkgNetwork.getPositions();
  let moved = 0;
  for (const id in before) {
    moved = Math.max(moved, Math.hypot(after[id].x - before[id].x, after[id].y - before[id].y));
  }
  return moved;
}"""


def measure(path: Path, browser) -> dict[str, float]:
    """Open ``path`` in a fresh page; seconds to DOM ready and to settled, movement after settling."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith("file://") else None)
    try:
        page.goto(path.resolve().as_uri(), timeout=SETTLE_TIMEOUT_MS)
        page.wait_for_selector("body[data-settled=true]", state="attached", timeout=SETTLE_TIMEOUT_MS)
        dom_ready = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd") / 1000
        settled = page.evaluate("window.chainkgSettledAt") / 1000
        before = page.evaluate("window.chainkgNetwork.getPositions()")
        page.wait_for_timeout(1000)
        moved = page.evaluate(_MAX_MOVE_JS, before)
    finally:
        page.close()
    if outside:
        raise SystemExit(f"{path}: the page asked for {len(outside)} URLs outside file://, e.g. {outside[0]}")
    return {"dom_ready": dom_ready, "settled": settled, "moved": moved}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000], help="node counts (default: 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size; medians are printed")
    parser.add_argument("--out", type=Path, default=default_out() / "benchmarks", help="folder for the pages")
    args = parser.parse_args()
    print(f"stabilization bounded by {STABILIZATION_ITERATIONS} iterations and {LAYOUT_BUDGET_MS} ms; "
          f"medians of {args.repeat} loads in headless Debian chromium, 1280x800")
    print(f"{'nodes':>6} {'edges':>6} {'render s':>8} {'MB':>5} {'DOM ready s':>11} "
          f"{'settled s':>9} {'moved px':>8}")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size in args.sizes:
            graph = synthetic_view_graph(size)
            start = time.perf_counter()
            html = render_page(graph, f"合成全图 synthetic whole graph, {size} nodes")
            render = time.perf_counter() - start
            path = write_page(html, args.out / f"views_large_{size}.html")
            runs = [measure(path, browser) for _ in range(args.repeat)]
            print(f"{size:>6} {graph.number_of_edges():>6} {render:>8.2f} "
                  f"{len(html.encode()) / 1e6:>5.1f} {statistics.median(r['dom_ready'] for r in runs):>11.2f} "
                  f"{statistics.median(r['settled'] for r in runs):>9.2f} "
                  f"{max(r['moved'] for r in runs):>8.1f}")
        browser.close()


if __name__ == "__main__":
    main()
