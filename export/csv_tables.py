"""``chainkg export csv``: the whole graph as CSV files, one per node label and one per
relationship type, for spreadsheets, pandas and bulk loaders.

::

    DIR/nodes/Company.csv         id, then every property any Company has (sorted)
    DIR/relationships/BUILDS.csv  source, target, key, then every property (sorted)

UTF-8 with a byte-order mark, so Excel opens Chinese text correctly; one header row; a
property a node lacks is an empty cell; a list is written as JSON (``["甲","乙"]``) so it reads
back exactly; booleans as ``true``/``false``; a text a spreadsheet would read as a formula
(``=…``, ``+…``, ``-…``, ``@…``) gets a leading ``'`` (:func:`chainkg.safe_text.csv_text`).

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("company:甲", label="Company", name="甲", aliases=["甲", "甲公司"])
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> files = write_csv(G, d)
>>> (d / "nodes" / "Company.csv").read_text(encoding="utf-8-sig").splitlines()
['id,aliases,name', 'company:甲,"[""甲"", ""甲公司""]",甲']
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.safe_text import csv_text

ENCODING = "utf-8-sig"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return csv_text(value)  # document text a spreadsheet would run as a formula gets a leading '
    return str(value)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, path)
    return path


def write_csv(G: nx.MultiDiGraph, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``nodes/<Label>.csv`` and ``relationships/<TYPE>.csv`` under ``folder``; the files written."""
    folder = Path(folder)
    nodes: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, attrs in sorted(G.nodes(data=True)):
        nodes[attrs["label"]].append((node, attrs))
    rels: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, key, attrs in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        rels[attrs["type"]].append((u, v, key, attrs))
    written = []
    for label, items in sorted(nodes.items()):
        props = sorted({k for _, a in items for k in a} - {"label"})
        written.append(_write(folder / "nodes" / f"{label}.csv", ["id", *props],
                              [[n, *(_cell(a.get(k)) for k in props)] for n, a in items]))
    for rel_type, items in sorted(rels.items()):
        props = sorted({k for *_, a in items for k in a} - {"type"})
        written.append(_write(folder / "relationships" / f"{rel_type}.csv", ["source", "target", "key", *props],
                              [[u, v, key, *(_cell(a.get(k)) for k in props)] for u, v, key, a in items]))
    return written
