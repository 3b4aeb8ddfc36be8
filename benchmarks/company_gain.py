"""Companies of projects gained right, gained wrong and lost against a base commit, per set.

A change to how extraction picks a project's company is judged by precision as well as recall:
a firm given to ten more projects may be right for eight and wrong for two, which the strict
scores (one node per gold row) blur. For every Project node a set's documents produce, its
builder is read as the strict scorer reads it (:mod:`chainkg.strict`): right when it is the gold
company of a row of the document that fits the node (its product, and its figure where both state
one; when no row has the node's product, since products are not what is judged here, any row of
its figure), wrong when it is another firm, or none. Nodes are compared by document, product,
figure and phase between the base commit and the working tree:

- **gained right**: a node whose builder is a gold company now and was not at the base;
- **gained wrong**: a node whose builder is a firm no gold row names now, and none or another
  before;
- **lost**: a node whose builder was a gold company at the base and is not now.

The base commit runs from a ``git archive`` of it in a scratch folder, in a process of its own
(:mod:`testkit.base_commit`).

    CHAINKG_PAGES=/work/realpages python benchmarks/company_gain.py --base main --set pages-holdout2 --set pages
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from testkit.base_commit import export_commit
from testkit.gold_graphs import gold_graphs


def builders(sets: list[str]) -> dict[str, list[str | None]]:
    """(set, file, product node, base value, unit, phase), joined by ``|`` -> the builder of each
    Project node with that key in the documents of ``sets``: ``right:<gold firm>``,
    ``wrong:<name>`` or None (no builder)."""
    from chainkg.gold import load_aliases
    from chainkg.graph.build import product_node_id
    from chainkg.ingest.evaluate import GoldMatcher
    from chainkg.ingest.vocab import vocabulary
    from chainkg.model import BUILDS, DOCUMENT, PRODUCES, PROJECT, node_id
    from chainkg.strict import _capacity_ok, _company_of, _mentioned
    from chainkg.templates import load_templates

    templates = load_templates()
    aliases = load_aliases()
    out: dict[str, list[str | None]] = {}
    for gold, doc, G, extraction in gold_graphs(sets, templates, "company-gain-"):
        match = GoldMatcher(gold, aliases, vocabulary(templates))
        doc_node = node_id(DOCUMENT, doc.id)
        rows = [(g.get("company"), product_node_id(templates, g["product"]), g.get("capacity"))
                for g in gold["projects"] or []]
        for pid in _mentioned(G, doc_node, PROJECT):
            node = G.nodes[pid]
            built = [u for u, _, d in G.in_edges(pid, data=True) if d.get("type") == BUILDS]
            made = sorted(v for _, v, d in G.out_edges(pid, data=True) if d.get("type") == PRODUCES)
            key = "|".join(str(x) for x in (gold["corpus"], gold["file"], ",".join(made),
                                             node.get("capacity_base_value"), node.get("capacity_base_unit"),
                                             node.get("phase")))
            firm = _company_of(G, built[0], doc_node, doc, match) if built else None
            fitting = [g for g in rows if g[1] in made and _capacity_ok(node, g[2])] or [
                g for g in rows if _capacity_ok(node, g[2]) and not any(r[1] in made for r in rows)]
            right = firm is not None and firm in {g[0] for g in fitting}
            out.setdefault(key, []).append(None if not built else f"right:{firm}" if right
                                           else f"wrong:{G.nodes[built[0]]['name']}")
    return out


def base_builders(base: str, sets: list[str]) -> dict[str, list[str | None]]:
    """:func:`builders` as the code of commit ``base`` reads them (run in a process of its own)."""
    with tempfile.TemporaryDirectory(prefix="company-gain-base-") as tmp:
        _commit, src, pkg = export_commit(base, Path(tmp))
        dump = Path(tmp) / "base.json"
        env = {**os.environ, "PYTHONPATH": str(pkg)}
        cmd = [sys.executable, str(Path(__file__).resolve()), "--dump", str(dump)] + [a for s in sets for a in ("--set", s)]
        subprocess.run(cmd, check=True, env=env, cwd=src)
        return json.loads(dump.read_text(encoding="utf-8"))


def gains(base: dict[str, list[str | None]], head: dict[str, list[str | None]]) -> dict[str, Counter[str]]:
    """Per set: builders gained right, gained wrong, lost (see the module docstring), counted per
    key over its nodes, so two nodes that merged into one or swapped builders are no change.

    >>> g = gains({"s|a|x": [None], "s|a|y": ["right:甲", None], "s|a|z": [None]},
    ...           {"s|a|x": ["right:甲"], "s|a|y": [None, "right:甲"], "s|a|z": ["wrong:丙"], "s|b|x": ["right:丁"]})
    >>> dict(g["s"])
    {'gained right': 2, 'gained wrong': 1}
    >>> dict(gains({"s|a|y": ["right:甲"]}, {"s|a|y": ["wrong:乙"]})["s"])
    {'gained wrong': 1, 'lost': 1}
    """
    out: dict[str, Counter[str]] = {}
    for key in sorted(set(base) | set(head)):
        before, now = Counter(base.get(key, [])), Counter(head.get(key, []))
        counts = out.setdefault(key.split("|", 1)[0], Counter())
        for verdict in set(before) | set(now):
            if verdict is None:
                continue
            more, fewer = now[verdict] - before[verdict], before[verdict] - now[verdict]
            if more > 0:
                counts["gained right" if verdict.startswith("right:") else "gained wrong"] += more
            if fewer > 0 and verdict.startswith("right:"):
                counts["lost"] += fewer
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="the commit to compare with (default main)")
    parser.add_argument("--set", action="append", dest="sets", required=True, help="a set of chainkg eval (repeat)")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # the base's process: write its builders here
    parser.add_argument("-v", "--verbose", action="store_true", help="list every changed node")
    args = parser.parse_args(argv)
    if args.dump is not None:
        args.dump.write_text(json.dumps(builders(args.sets), ensure_ascii=False), encoding="utf-8")
        return 0
    base, head = base_builders(args.base, args.sets), builders(args.sets)
    print(f"{'set':<15} {'gained right':>12} {'gained wrong':>12} {'lost':>5}   (vs {args.base})")
    for corpus, counts in gains(base, head).items():
        print(f"{corpus:<15} {counts['gained right']:>12} {counts['gained wrong']:>12} {counts['lost']:>5}")
    if args.verbose:
        for key in sorted(set(base) | set(head)):
            if base.get(key) != head.get(key):
                print(f"  {key}: {base.get(key)} -> {head.get(key)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
