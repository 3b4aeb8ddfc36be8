"""Missed gold projects by cause, per set: what the document's unmatched Project nodes say about each miss.

The strict scorer (:mod:`chainkg.strict`) says a gold row is missed; this benchmark says how far extraction got
with it, by :func:`chainkg.strict.miss_cause`, first that applies: a node holds its product and figure with
another builder or none (``firm``), or with its builder but another yearly reading or phase (``phase``); a node
holds its product with another figure (``figure``) or its figure with another product (``product``); else no node
at all, for a row with a figure (``no node``) or without one (``no node, no figure``). ``--details`` prints every
miss (set, file, cause, row id) before the table:

    CHAINKG_PAGES=/work/realpages python benchmarks/miss_causes.py --set pages --set pages-holdout \\
        --set pages-holdout2 --set pages-holdout3 --set pages-holdout4 --set pages-holdout5 --set pages-holdout6

Pages that are absent or came back with other bytes are left out of their set, each named on stderr.
"""

from __future__ import annotations

from collections import Counter

from testkit.gold_graphs import gold_graphs, sets_parser


def tally(sets: list[str]) -> tuple[dict[str, Counter[str]], list[str]]:
    """Counts of causes per set, and a line for every missed row."""
    from chainkg.gold import load_aliases
    from chainkg.strict import score_document_graph
    from chainkg.templates import load_templates

    templates, aliases = load_templates(), load_aliases()
    counts: dict[str, Counter[str]] = {s: Counter() for s in sets}
    lines: list[str] = []
    for gold, doc, G, _extraction in gold_graphs(sets, templates, "miss-causes-"):
        for row, cause in score_document_graph(gold, doc, G, templates, aliases).miss_causes:
            counts[gold["corpus"]][cause] += 1
            lines.append(f"{gold['corpus']}  {gold['file']}  {cause}  {row}")
    return counts, lines


def table(counts: dict[str, Counter[str]]) -> list[str]:
    """A markdown table: a row per cause (:data:`chainkg.strict.MISS_CAUSES`), a column per set and their sum."""
    from chainkg.strict import MISS_CAUSES

    sets = list(counts)
    out = ["| cause | " + " | ".join(sets) + " | all |", "|---" * (len(sets) + 2) + "|"]
    for cause in (*MISS_CAUSES, None):
        cells = [sum(counts[s].values()) if cause is None else counts[s][cause] for s in sets]
        out.append(f"| {cause or 'missed'} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    return out


def main() -> None:
    args = sets_parser(__doc__.splitlines()[0], "every miss, a line each, before the table").parse_args()
    counts, lines = tally(args.set)
    if args.details:
        print("\n".join(lines))
    print("\n".join(table(counts)))


if __name__ == "__main__":
    main()
