"""Project nodes by rule, per set: which rules are precise across sets and which make junk.

The strict scorer (:mod:`chainkg.strict`) says how many Project nodes of a set match a gold row; this
benchmark says which rule made them. Every Project node is counted under the rule of its first mention
(the ``rule`` a project mention records, :func:`chainkg.rules.project_rule`; the node's ``rules`` keep
them in source order), split by its anchor rule and, in a second table, by its company rule, with the
node's verdict (:attr:`chainkg.strict.StrictDoc.verdicts`):

- **match**: the node is a gold row;
- **paired**: false, but it holds a gold row's product or figure (the wrong firm, phase or figure of a
  row, or a second node for one);
- **junk**: false and neither (totals, outputs, policy phrases, lists, … that the gold does not hold).

A cell is ``match/nodes paired junk``; ``P`` is match / nodes over the sets asked for. ``--details``
prints every false node (set, file, verdict, rule, firm|product|figure, the text around its first
mention) before the tables:

    CHAINKG_PAGES=/work/realpages python benchmarks/rule_precision.py --set pages --set pages-holdout \\
        --set pages-holdout2 --set pages-holdout3 --set pages-holdout4 --set pages-holdout5 --set pages-holdout6

Pages that are absent or came back with other bytes are left out of their set, each named on stderr.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from testkit.gold_graphs import gold_graphs, sets_parser

VERDICTS = ("match", "paired", "junk")


def tally(sets: list[str]) -> tuple[dict[tuple[str, str, str], Counter[str]], list[str]]:
    """Counts keyed by (part, rule, set) with part ``anchor`` or ``company``, each a Counter of verdicts;
    and a line for every false node."""
    from chainkg.gold import load_aliases
    from chainkg.model import BUILDS, DOCUMENT, PROJECT, node_id
    from chainkg.rules import rule_parts
    from chainkg.strict import MATCH, _describe, _mentioned, score_document_graph
    from chainkg.templates import load_templates

    templates = load_templates()
    aliases = load_aliases()
    counts: dict[tuple[str, str, str], Counter[str]] = {}
    lines: list[str] = []
    for gold, doc, G, extraction in gold_graphs(sets, templates, "rule-precision-"):
        verdicts = score_document_graph(gold, doc, G, templates, aliases).verdicts
        for pid in _mentioned(G, node_id(DOCUMENT, doc.id), PROJECT):
            node = G.nodes[pid]
            first = (node.get("rules") or ["(none)"])[0]
            parts = rule_parts(first) or (first, first, first)
            verdict = verdicts[pid]
            for part, rule in (("anchor", parts[0]), ("company", parts[1])):
                counts.setdefault((part, rule, gold["corpus"]), Counter())[verdict] += 1
            if verdict != MATCH:
                builders = [u for u, _, d in G.in_edges(pid, data=True) if d.get("type") == BUILDS]
                firm = G.nodes[builders[0]]["name"] if builders else None
                lines.append(f"{gold['corpus']}  {gold['file']}  {verdict}  {first}  {_describe(node, firm)}"
                             f"  «{_where(G, pid, doc)}»")
    return counts, lines


def _where(G: Any, pid: str, doc: Any, margin: int = 40) -> str:
    """The text around a node's first mention in the document (``margin`` characters either side)."""
    from chainkg.model import DOCUMENT, MENTIONED_IN, node_id

    doc_node = node_id(DOCUMENT, doc.id)
    d = min((d for _, v, d in G.out_edges(pid, data=True) if v == doc_node and d.get("type") == MENTIONED_IN),
            key=lambda d: (d["start"], d["end"]))
    return doc.text[max(0, d["start"] - margin):d["end"] + margin].replace("\n", " ")


def table(counts: dict[tuple[str, str, str], Counter[str]], part: str, sets: list[str]) -> list[str]:
    """A markdown table of one part's rules (most nodes first): a cell per set, then the sum and P."""
    rules = Counter[str]()
    for (p, rule, _), c in counts.items():
        if p == part:
            rules[rule] += sum(c.values())
    out = [f"| {part} rule | " + " | ".join(sets) + " | all (match/nodes paired junk) | P |",
           "|---" * (len(sets) + 3) + "|"]
    for rule, _ in rules.most_common():
        cells = []
        whole = Counter[str]()
        for s in sets:
            c = counts.get((part, rule, s), Counter())
            whole += c
            cells.append(_cell(c) if c else "")
        nodes = sum(whole.values())
        out.append(f"| {rule} | " + " | ".join(cells) + f" | {_cell(whole)} | {whole['match'] / nodes:.2f} |")
    return out


def _cell(c: Counter[str]) -> str:
    return f"{c['match']}/{sum(c.values())} {c['paired']} {c['junk']}"


def main() -> None:
    args = sets_parser(__doc__.splitlines()[0], "every false node, a line each, before the tables").parse_args()
    counts, lines = tally(args.set)
    if args.details:
        print("\n".join(lines))
    for part in ("anchor", "company"):
        print("\n".join(table(counts, part, args.set)) + "\n")


if __name__ == "__main__":
    main()
