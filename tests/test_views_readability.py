"""Chain maps can be read as they open: measured in headless Debian chromium.

For every chain page of the site built from the seeds, and from the seeds with the Haixi
development corpus (../shared/corpus-haixi, when present), at 1366x768: every label (node
labels and lane names) is drawn at 12 px or more on screen at the first view (font size x
network scale), no two labels overlap, with the "+N" expanders closed and open; and the chain's
own supply links are drawn through at most a few labels. A chain embedded in a 480x320 iframe
follows the rule chosen for small frames: it opens at the legible zoom on the chain's upstream
corner (the first segment's label wholly in view, legend folded) and the user pans; the same
label checks hold. Measuring is :mod:`testkit.readability`; screenshots go to tests/output/.
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest
import yaml

from chainkg.graph import model
from chainkg.views.browser import watch_page
from testkit.readability import MIN_LABEL_PX, measure_readability

REPO = Path(__file__).resolve().parents[1]
SETTLED = "body[data-settled=true]"
MAX_EDGES_THROUGH_LABELS = 6  # links that skip a column of a busy map (seeds + haixi: 5 on 盐湖化工); vis draws no routed edges
"""Supply links (S-curves between columns) a map may draw through another node's label."""


@pytest.fixture(scope="module")
def combined_build(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """``chainkg build`` of the seeds together with ../shared/corpus-haixi (linked into a temp
    folder with a merged corpus.yaml; nothing is copied into the repo)."""
    haixi = Path(os.environ.get("CHAINKG_CORPUS_HAIXI") or REPO.parent / "shared" / "corpus-haixi")
    if not (haixi / "corpus.yaml").is_file():
        pytest.skip(f"no Haixi development corpus at {haixi}")
    from chainkg.pipeline import build

    folder = tmp_path_factory.mktemp("combined-corpus")
    entries = []
    for source in (seed_corpus, haixi):
        entries += yaml.safe_load((source / "corpus.yaml").read_text(encoding="utf-8"))["documents"]
        for path in source.iterdir():
            if path.name != "corpus.yaml" and path.is_file():
                (folder / path.name).symlink_to(path.resolve())
    (folder / "corpus.yaml").write_text(yaml.safe_dump({"documents": entries}, allow_unicode=True), encoding="utf-8")
    return build(folder, tmp_path_factory.mktemp("combined-out"))


def chain_pages(result) -> list[tuple[str, Path]]:
    G: nx.MultiDiGraph = result.graph
    return [(G.nodes[n]["name"], result.site / "chain" / f"{G.nodes[n]['slug']}.html")
            for n, label in sorted(G.nodes(data="label"), key=lambda nl: G.nodes[nl[0]].get("order", 0))
            if label == model.CHAIN]


def check_page(chromium, name: str, path: Path, test_output: Path, tag: str) -> str:
    watch = watch_page(chromium, 1366, 768)
    try:
        page = watch.open(path)
        page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
        closed = measure_readability(page)
        page.screenshot(path=test_output / f"readable_{tag}_{path.stem}.png")
        assert closed.labels, f"{name}: no labels drawn"
        assert closed.small == [], f"{name}: labels under {MIN_LABEL_PX}px at the first view: {closed.small[:5]}"
        assert closed.smallest_px >= MIN_LABEL_PX, f"{name}: {closed.summary()}"
        assert closed.overlaps == [], f"{name}: overlapping labels {closed.overlaps[:5]}"
        assert len(closed.edges_through_labels) <= MAX_EDGES_THROUGH_LABELS, \
            f"{name}: {closed.edges_through_labels}"
        if page.evaluate("window.chainkgNodes.get().some(n => n.expands)"):
            page.evaluate("window.chainkgChart.setOpen(true)")
            opened = measure_readability(page)
            assert len(opened.labels) > len(closed.labels)
            assert opened.overlaps == [], f"{name} (expanded): overlapping labels {opened.overlaps[:5]}"
        assert watch.problems() == []
        return f"{name}: {closed.summary()}"
    finally:
        watch.close()


@pytest.mark.browser
def test_seed_chain_maps_are_readable_at_1366(chromium, seed_build, test_output) -> None:
    lines = [check_page(chromium, name, path, test_output, "seeds") for name, path in chain_pages(seed_build)]
    assert len(lines) == 13
    (test_output / "readability_seeds.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.browser
def test_combined_chain_maps_are_readable_at_1366(chromium, combined_build, test_output) -> None:
    lines = [check_page(chromium, name, path, test_output, "combined")
             for name, path in chain_pages(combined_build)]
    assert len(lines) == 13
    (test_output / "readability_combined.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("chain", ["盐湖化工", "清洁能源"])
def test_embedded_chain_map_is_readable_at_480x320(chromium, combined_build, tmp_path, test_output, chain) -> None:
    from chainkg.cli import main

    target = tmp_path / "chain.html"
    assert main(["view", "chain", chain, "--embed", "-o", str(target), "--out", str(combined_build.path.parent)]) == 0
    host = tmp_path / "host.html"
    host.write_text('<!DOCTYPE html><meta charset="utf-8"><title>host</title><body style="margin:0">'
                    '<iframe src="chain.html" width="480" height="320" style="border:0" title="chain"></iframe>',
                    encoding="utf-8")
    watch = watch_page(chromium, 800, 500)
    try:
        page = watch.open(host)
        frame = page.frames[1]
        frame.wait_for_selector(SETTLED, state="attached", timeout=30_000)
        report = measure_readability(frame)
        page.screenshot(path=test_output / f"readable_embed_{combined_build.graph.nodes[model.node_id(model.CHAIN, chain)]['slug']}.png",
                        clip={"x": 0, "y": 0, "width": 480, "height": 320})
        assert report.small == [] and report.smallest_px >= MIN_LABEL_PX, report.summary()
        assert report.overlaps == [], report.overlaps[:5]
        first = min((label for label in report.labels if label["id"].startswith("segment:")),
                    key=lambda label: (label["left"], label["top"]))
        assert first["id"] in report.on_screen, "the upstream corner is where a small frame opens"
        assert frame.evaluate("document.getElementById('chainkg-legend').open") is False
        size = frame.evaluate("[document.body.scrollWidth, document.body.scrollHeight]")
        assert size[0] <= 480 and size[1] <= 320, f"the page overflows its frame: {size}"
        assert watch.problems() == []
    finally:
        watch.close()


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "name"), [("company", "中信昆仑锂业"), ("product", "碳酸锂")])
def test_embedded_entity_views_are_readable_at_480x320(chromium, seed_build, tmp_path, test_output, kind, name) -> None:
    from chainkg.cli import main

    target = tmp_path / f"{kind}.html"
    assert main(["view", kind, name, "--embed", "-o", str(target), "--out", str(seed_build.path.parent)]) == 0
    watch = watch_page(chromium, 480, 320)
    try:
        page = watch.open(target)
        page.wait_for_selector(SETTLED, state="attached", timeout=30_000)
        report = measure_readability(page)
        page.screenshot(path=test_output / f"readable_embed_{kind}.png")
        assert report.small == [] and report.smallest_px >= MIN_LABEL_PX, report.summary()
        assert report.overlaps == [], report.overlaps[:5]
        assert report.on_screen, "something is readable in the frame as it opens"
        assert watch.problems() == []
    finally:
        watch.close()
