"""Gold rows without a figure that no Project node holds, per pages set, by shape and by what the marks found.

Reads the details ``chainkg eval`` prints (``--summary`` off) for the pages sets asked for, and for every missed
gold row whose capacity is null and whose product no false Project node of its document holds (no node at all):

- the **shape** of its first span in the page: ``list item`` (a 、-item, or one closed by 等, with the firm inside
  the span), ``firm + product + work`` (the firm inside the span, no list), ``firm far`` (the firm neither in the
  span nor in the 60 characters before: a 公司 of the document or its subject), ``firm before`` (the firm in the
  60 characters before the span), ``no firm`` (gold company null: a place- or proper-named work);
- what the pipeline marked in its sentence: the gold firm among the company spans (``firm``), the gold product
  among the product spans (``product``).

The untouched pages set (``chainkg.gold.UNTOUCHED``) is never read::

    CHAINKG_PAGES=/work/realpages python -m chainkg eval --skip-unavailable-pages --set pages \\
        --set pages-holdout --set pages-holdout2 --set pages-holdout3 --set pages-holdout4 \\
        --set pages-holdout5 --set pages-holdout6 > eval.txt
    CHAINKG_PAGES=/work/realpages python benchmarks/figless_shapes.py eval.txt
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

_DOC = re.compile(r"-- (\S+) (\S+): ")
_MISS = re.compile(r"\s+miss  project: (.*) \((.*?)\|(.*?)\|(.*)\)$")
_FALSE = re.compile(r"\s+false project: (.*?)\|(.*?)\|")
_NEAR = 60  # characters before a span where its firm counts as named before it
SHAPES = ("list item", "firm + product + work", "firm far", "firm before", "no firm")


def figureless_misses(details: str) -> list[tuple[str, str, str, str]]:
    """(set, file, company, product) of each missed gold row without a figure whose product no false node of its
    document holds, from ``chainkg eval`` details."""
    out, doc, misses, falses = [], None, {}, {}
    for line in details.splitlines():
        if (m := _DOC.match(line)) is not None:
            doc = (m.group(1), m.group(2))
        elif doc is not None and (m := _MISS.match(line)) is not None and m.group(4) == "None":
            misses.setdefault(doc, []).append((m.group(2), m.group(3)))
        elif doc is not None and (m := _FALSE.match(line)) is not None:
            falses.setdefault(doc, set()).add(m.group(2))
    for (corpus, name), rows in sorted(misses.items()):
        out += [(corpus, name, c, p) for c, p in rows if p not in falses.get((corpus, name), set())]
    return out


def shape(text: str, span: tuple[int, int], aliases: list[str], firm: str, etc: tuple[str, ...]) -> str:
    """The shape of a gold row's span (the module docstring's names)."""
    start, end = span
    inside, before = text[start:end], text[max(0, start - _NEAR):start]
    if firm == "None":
        return "no firm"
    if not any(a in inside for a in aliases):
        return "firm before" if any(a in before for a in aliases) else "firm far"
    listed = text[start - 1:start] == "\u3001" or text.startswith(("\u3001", *etc), end) or "\u3001" in inside
    return "list item" if listed else "firm + product + work"


def main() -> None:
    from chainkg.gold import UNTOUCHED, eval_dir
    from chainkg.ingest.mentions import COMPANY, PRODUCT, group_spans
    from chainkg.ingest.nlp import shared_pipeline
    from chainkg.lexicon import cues
    from chainkg.reading.normalize import normalize
    from chainkg.reading.sentences import sentence_bounds

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("details", type=Path, help="the output of chainkg eval (--summary off) on pages sets")
    args = parser.parse_args()
    pages = Path(os.environ.get("CHAINKG_PAGES", "../realpages"))
    gold_dir, etc, nlp = eval_dir() / "gold", tuple(cues()["etc_words"]), shared_pipeline()
    by_shape: dict[str, Counter[str]] = {}
    by_marks: dict[str, Counter[str]] = {}
    for corpus, name, firm, product in figureless_misses(args.details.read_text(encoding="utf-8")):
        if corpus in UNTOUCHED:
            continue  # the untouched holdout is never read
        gold: dict[str, Any] = yaml.safe_load((gold_dir / (Path(name).stem + ".yaml")).read_text(encoding="utf-8"))
        text = (pages / gold["file"]).read_text(encoding="utf-8")
        row = next(p for p in gold["projects"] if str(p["company"]) == firm and p["product"] == product)
        aliases = [a for c in gold["companies"] if c["name"] == firm for a in c.get("aliases", [])] + [firm]
        span = tuple(row["spans"][0])
        by_shape.setdefault(corpus, Counter())[shape(text, span, aliases, firm, etc)] += 1
        line_start = text.rfind("\n", 0, span[0]) + 1
        line = text[line_start:text.find("\n", span[0]) if "\n" in text[span[0]:] else len(text)]
        sentence = next((line[a:b] for a, b in sentence_bounds(line) if line_start + a <= span[0] < line_start + b), line)
        doc = nlp(normalize(sentence).text)
        firms = [s.text for s in group_spans(doc, COMPANY)]
        found_firm = firm != "None" and any(a in f or f in a for f in firms for a in aliases if len(a) >= 2)
        found_product = any(product in (s.text, s.id_) for s in group_spans(doc, PRODUCT))
        by_marks.setdefault(corpus, Counter())[f"firm {'yes' if found_firm else 'no'}, "
                                               f"product {'yes' if found_product else 'no'}"] += 1
    sets = sorted(by_shape)
    print("shape".ljust(26) + "".join(s.rjust(16) for s in sets) + "sum".rjust(6))
    for table, keys in ((by_shape, SHAPES), (by_marks, sorted({k for c in by_marks.values() for k in c}))):
        for key in keys:
            counts = [table.get(s, Counter())[key] for s in sets]
            print(key.ljust(26) + "".join(str(n).rjust(16) for n in counts) + str(sum(counts)).rjust(6))


if __name__ == "__main__":
    main()
