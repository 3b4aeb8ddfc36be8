"""Company errors by cause, per set: where a firm is lost between finding it and building with it.

The strict scorer (:mod:`chainkg.strict`) says a gold company is missed or a Company node is false,
and a project row is missed or a Project node is false; it does not say at which stage the firm was
lost. This benchmark extracts each set once in this process, recording the names the company
finder found in every document before the firm-evidence gate and the names the gate dropped
(:func:`chainkg.ingest.extract.keep_evidenced_firms`), and gives every error one cause:

- companies: a gold company no Company node is is **gated out** (a name the gate dropped is it),
  **mis-cut** (a name found, kept or dropped, holds one of its names or is held by one, without
  being it) or **not found**; a Company node no gold company is is **mis-cut** (its name holds or is
  held by a gold company's name) or **junk accepted**;
- projects: a missed row with a gold firm whose product and figure a Project node holds with another
  builder or none is **linked wrong** when its firm is a Company node of the document, else the
  firm's company cause; a false Project node whose product and figure fit a gold row but whose
  builder is no gold firm of such a row is **linked wrong** (another gold firm), **mis-cut** or
  **junk accepted** (its builder's company cause). Rows whose product or figure no node holds are
  not the firm's errors and are not counted here.

``--gate`` measures the gate's variants on the same texts: ``asis`` (the code), ``off`` (every name
found by position kept, a bare placeholder still dropped), or relaxed: a name without evidence kept
when the document writes it twice or more (``recurs``), when the document writes it right before a
verb of building or signing (``verb``: ``name_build_verbs``, the lexicon's ``signing_verbs``), or either
(``recurs+verb``):

    CHAINKG_PAGES=/work/realpages python benchmarks/firm_causes.py --set pages --set pages-holdout \
        --set pages-holdout2 --set pages-holdout3
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any
from testkit.gold_graphs import gold_graphs

GATES = ("asis", "off", "recurs", "verb", "recurs+verb")
CAUSES = ("not found", "gated out", "found, no node", "mis-cut", "linked wrong", "junk accepted")


def _overlaps(name: str, names: list[str]) -> bool:
    """``name`` holds one of ``names`` or is held by one (two characters at least on the short side)."""
    return any(len(min(name, n, key=len)) >= 2 and (name in n or n in name) for n in names)


def causes(sets: list[str], gate: str) -> tuple[dict[str, Counter[str]], list[str]]:
    """Per set: ``company miss: <cause>``, ``company false: <cause>``, ``project fn: <cause>``,
    ``project fp: <cause>`` counts (causes in the module docstring) and the strict ``proj P``,
    ``proj R``, ``co P``, ``co R`` in thousandths; and each error, a line each."""
    import chainkg.ingest.extract as extract
    from chainkg.gold import load_aliases
    from chainkg.graph.build import product_node_id
    from chainkg.ingest.evaluate import GoldMatcher
    from chainkg.ingest.firm_evidence import FirmEvidence, withheld
    from chainkg.ingest.mentions import COMPANY, company_lexicon
    from chainkg.lexicon import cues
    from chainkg.ingest.vocab import vocabulary
    from chainkg.model import BUILDS, COMPANY as COMPANY_NODE, DOCUMENT, PRODUCES, PROJECT, node_id
    from chainkg.strict import ZERO, StrictScore, _capacity_ok, _company_of, _mentioned, score_document_graph
    from chainkg.templates import load_templates

    seen: list[tuple[str, list[str], list[str]]] = []  # (first sentence, names found, names dropped)
    gated = extract.keep_evidenced_firms
    document = [""]  # the text of the document the gate reads now

    def recording(sdocs: Any) -> list[list[Any]]:
        found = [c.text for sdoc in sdocs for c in sdoc.spans.get(COMPANY, [])]
        document[0] = "\n".join(extract.doc_text(sdoc) for sdoc in sdocs)
        dropped = gated(sdocs)
        seen.append((extract.doc_text(sdocs[0]) if sdocs else "", found, [c.text for d in dropped for c in d]))
        return dropped

    extract.keep_evidenced_firms = recording
    evidenced = FirmEvidence.of
    verbs = (*cues()["name_build_verbs"], *company_lexicon().signing_verbs)

    def relaxed(self: FirmEvidence, name: str, named: Any) -> str | None:
        kind = evidenced(self, name, named)
        if kind is not None or withheld(name) or gate == "asis":
            return kind
        recurs = document[0].count(name) >= 2
        verb = any(name + v in document[0] for v in verbs)
        return {"off": "off", "recurs": "recurs" if recurs else None, "verb": "verb" if verb else None,
                "recurs+verb": "relaxed" if recurs or verb else None}[gate]

    FirmEvidence.of = relaxed  # type: ignore[method-assign]
    templates = load_templates()
    aliases = load_aliases()
    out: dict[str, Counter[str]] = {s: Counter() for s in sets}
    scores: dict[str, StrictScore] = {s: ZERO for s in sets}
    lines: list[str] = []
    for gold, doc, G, extraction in gold_graphs(sets, templates, "firm-causes-"):
        scores[gold["corpus"]] += score_document_graph(gold, doc, G, templates, aliases).score
        tally = out[gold["corpus"]]

        def count(what: str, about: object) -> None:
            tally[what] += 1
            lines.append(f"{gold['file']}  {what}  {about}")
        found, dropped = next(((f, d) for first, f, d in seen if first and first in doc.text), ([], []))
        match = GoldMatcher(gold, aliases, vocabulary(templates))
        doc_node = node_id(DOCUMENT, doc.id)
        gold_names = {c["name"]: [c["name"], *(c.get("aliases") or [])] for c in gold["companies"] or []}
        every_alias = [a for names in gold_names.values() for a in names]
        nodes = {c: _company_of(G, c, doc_node, doc, match) for c in _mentioned(G, doc_node, COMPANY_NODE)}
        linked = {h for h in nodes.values() if h}

        def lost(firm: str) -> str:
            if any(match.company([n]) == firm for n in dropped):
                return "gated out"
            if any(match.company([n]) == firm for n in found):
                return "found, no node"
            return "mis-cut" if any(_overlaps(n, gold_names[firm]) for n in found) else "not found"

        def false_firm(name: str) -> str:
            return "mis-cut" if _overlaps(name, every_alias) else "junk accepted"

        for firm in sorted(set(gold_names) - linked):
            count(f"company miss: {lost(firm)}", firm)
        for cid, hit in nodes.items():
            if hit is None:
                count(f"company false: {false_firm(G.nodes[cid]['name'])}", G.nodes[cid]["name"])
        rows = [(g.get("company"), product_node_id(templates, g["product"]), g.get("capacity"))
                for g in gold["projects"] or []]
        built: list[tuple[str | None, str | None, list[str], dict[str, Any]]] = []
        for pid in _mentioned(G, doc_node, PROJECT):
            by = [u for u, _, d in G.in_edges(pid, data=True) if d.get("type") == BUILDS]
            made = [v for _, v, d in G.out_edges(pid, data=True) if d.get("type") == PRODUCES]
            firm = _company_of(G, by[0], doc_node, doc, match) if by else None
            built.append((firm, G.nodes[by[0]]["name"] if by else None, made, G.nodes[pid]))
        for gc, gp, gcap in rows:
            fits = [b for b in built if gp in b[2] and _capacity_ok(b[3], gcap)]
            if gc is None or not fits or any(b[0] == gc for b in fits):
                continue
            count(f"project fn: {'linked wrong' if gc in linked else lost(gc)}", (gc, gp, [b[1] for b in fits]))
        for firm, name, made, node in built:
            fitting = [gc for gc, gp, gcap in rows if gp in made and _capacity_ok(node, gcap)]
            if name is None or not fitting or firm in fitting:
                continue
            count(f"project fp: {'linked wrong' if firm else false_firm(name)}", (name, made, fitting))
            seen.clear()
    for name, score in scores.items():
        out[name].update({"proj P": round(score.project.precision * 1000), "proj R": round(score.project.recall * 1000),
                          "co P": round(score.company.precision * 1000), "co R": round(score.company.recall * 1000)})
    return out, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", required=True, help="a gold set (repeat)")
    parser.add_argument("--gate", choices=GATES, default="asis")
    parser.add_argument("--details", action="store_true", help="each error, a line each, before the table")
    args = parser.parse_args()
    result, lines = causes(args.set, args.gate)
    if args.details:
        print("\n".join(lines))
    columns = [f"{k}: {c}" for k, shown in _COLUMNS.items() for c in shown] + ["proj P", "proj R", "co P", "co R"]
    print("| set | " + " | ".join(columns) + " |")
    for name, count in result.items():
        print(f"| {name} | " + " | ".join(str(count[c]) for c in columns) + " |")


_COLUMNS = {"company miss": CAUSES[:4], "company false": ("mis-cut", "junk accepted"),
            "project fn": CAUSES[:5], "project fp": ("mis-cut", "linked wrong", "junk accepted")}

if __name__ == "__main__":
    main()
