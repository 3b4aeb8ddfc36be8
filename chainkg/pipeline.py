"""The main job, ``chainkg build``: ingest -> extract -> resolve -> graph -> save.

Side effects stay here at the edge (reading the corpus, writing ``OUT``); every step in
between is a plain function from the stage that owns it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.graph.build import build_graph
from chainkg.graph.snapshot import write_snapshot
from chainkg.graph.store import GRAPH_FILE, write_graph_json
from chainkg.graph.summary import summarize
from chainkg.ingest.corpus import ingest_corpus
from chainkg.ingest.extract import run_extraction
from chainkg.templates import load_templates
from chainkg.views.site import write_site

log = logging.getLogger(__name__)

SITE_DIR = "site"


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` made: the graph, its summary, where it and the site were written, files that failed."""

    graph: nx.MultiDiGraph
    summary: dict[str, Any]
    path: Path
    failures: tuple[str, ...]
    site: Path


def build(corpus: Path, out: Path, jobs: int = 1) -> BuildResult:
    """Ingest ``corpus`` into ``OUT/documents.jsonl``, extract and resolve the facts, build the
    graph and save it as ``OUT/graph.json`` (node-link JSON, see :mod:`chainkg.graph.store`),
    with its fast-loading snapshot ``OUT/graph.pickle`` (:mod:`chainkg.graph.snapshot`),
    then write the offline explorer site ``OUT/site/`` (see :mod:`chainkg.views.site`).

    Files that cannot be read are reported in ``failures`` and left out; the graph is built
    from the others. Extraction runs on up to ``jobs`` processes (:mod:`chainkg.ingest.parallel`);
    the graph is the same for any ``jobs``.
    """
    templates = load_templates()
    ingested = ingest_corpus(corpus, out)
    log.info("extracting facts from %d document(s)", len(ingested.documents))
    extraction = run_extraction(ingested.documents, templates, jobs=jobs)
    G = build_graph(ingested.documents, extraction, templates)
    path = out / GRAPH_FILE
    write_graph_json(G, path)
    write_snapshot(G, path)  # OUT/graph.pickle: what `chainkg query` loads while graph.json is unchanged
    site = write_site(G, out / SITE_DIR)
    summary = summarize(G, stated_chains=templates.counts.stated)
    log.debug("summary: %s", json.dumps(summary, ensure_ascii=False))
    return BuildResult(graph=G, summary=summary, path=path, failures=ingested.failures, site=site.path)
