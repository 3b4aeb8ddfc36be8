"""The main job, ``chainkg build``: ingest -> extract -> resolve -> graph -> save.

Side effects stay here at the edge (reading the corpus, writing ``OUT``); every step in
between is a plain function from the stage that owns it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.collector import frozen
from chainkg.graph.build import build_graph, fact_parts
from chainkg.graph.snapshot import write_snapshot
from chainkg.graph.store import GRAPH_FILE, write_graph_json
from chainkg.graph.summary import summarize
from chainkg.reading.corpus import ingest_corpus
from chainkg.ingest.parallel import extract_mentions
from chainkg.ingest.resolve import resolve
from chainkg.ingest.vocab import vocabulary
from chainkg.ingest.facts import Extraction
from chainkg.ingest.ledger import LedgerResult, read_ledgers
from chainkg.outputs import new_build, refuse_empty
from chainkg.reading.document import Document
from chainkg.reading.rejoin import release_dictionary, word_tokenizer
from chainkg.spool import InParts, run_apart
from chainkg.templates import Templates
from chainkg.views.site import write_site

log = logging.getLogger(__name__)

SITE_DIR = "site"
FACTS_SPOOL = "facts.spool"
"""The resolved facts handed from the extraction process to the graph's (in the new build, removed once read)."""


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` made: the graph, its summary, where it and the site were written, files that failed."""

    graph: nx.MultiDiGraph
    summary: dict[str, Any]
    path: Path
    failures: tuple[str, ...]
    site: Path


def build(corpus: Path | Sequence[Path], out: Path, *, wait: float = 0.0, jobs: int = 1) -> BuildResult:
    """Ingest ``corpus`` (a folder, or several) into ``OUT/documents.jsonl``, extract and resolve the
    facts, build the graph and save it as ``OUT/graph.json`` (node-link JSON, see
    :mod:`chainkg.graph.store`), then write the offline explorer site ``OUT/site/`` (see
    :mod:`chainkg.views.site`), with the graph's fast-loading snapshot ``OUT/graph.pickle``
    (:mod:`chainkg.graph.snapshot`). Extraction runs on up to ``jobs`` processes
    (:mod:`chainkg.ingest.parallel`); the graph is the same for any ``jobs``. Ingest, extraction
    and resolution run in a child process (:func:`resolved_facts` through
    :func:`chainkg.spool.run_apart`), so this process holds the graph and one part of the resolved
    facts at a time, never the texts and mentions.

    Staff ledgers (.xlsx, .csv; :mod:`chainkg.ingest.ledger`) in ``corpus`` are read too: their
    rows are resolved with the text's mentions. Files, sheets and rows that cannot be read are
    reported in ``failures`` (one line each) and left out; the graph is built from the others.
    The outputs are written as one new build and switched in whole, with ``OUT`` locked
    meanwhile (``wait``: seconds to wait for another writer; see :mod:`chainkg.outputs`). A build
    that read no document does not replace one that did (:class:`~chainkg.outputs.EmptyBuildRefused`).
    """
    # the packaged templates and their vocabulary, made before the fork so that the extraction child
    # and this process share them (the very objects extraction's `vocabulary(None)` gives)
    templates = vocabulary(None).templates
    folders = [corpus] if isinstance(corpus, Path) else list(corpus)
    with new_build(out, "chainkg build", wait) as stage:
        # jieba's dictionary, loaded once for both processes: the child cuts words with it (paragraph
        # joins, firm names, product heads) and so does this one (the graph names products by their heads)
        word_tokenizer()
        # ingest, extraction and resolution in a child process that hands back only the resolved facts:
        # the memory of the texts and mentions goes back to the system before the graph is made
        handed = run_apart(stage / FACTS_SPOOL, resolved_facts, folders, out, stage, templates, jobs)
        (documents, failures), parts = handed.head, handed.parts
        del handed
        G = build_graph(documents, parts, templates)  # the facts read part by part, each let go once added
        del documents, parts
        release_dictionary()  # jieba's, not cut with again here: memory for the save and the site
        with frozen():  # the collector would walk the graph again and again while these write
            digest = write_graph_json(G, stage / GRAPH_FILE)
            write_snapshot(G, stage / GRAPH_FILE, digest)  # OUT/graph.pickle: what `chainkg query` loads while graph.json is unchanged
            write_site(G, stage / SITE_DIR)
    summary = summarize(G, stated_chains=templates.counts.stated)
    log.debug("summary: %s", json.dumps(summary, ensure_ascii=False))
    return BuildResult(graph=G, summary=summary, path=out / GRAPH_FILE, failures=failures, site=out / SITE_DIR)


def resolved_facts(folders: list[Path], out: Path, stage: Path, templates: Templates, jobs: int
                   ) -> InParts[tuple[tuple[Document, ...], tuple[str, ...]], Extraction]:
    """Ingest (``stage/documents.jsonl``) and extract, each on up to ``jobs`` processes, and
    resolve: as its head the documents' headers (what the graph's Document nodes are made of,
    :meth:`~chainkg.reading.document.Document.header`)
    and the files that failed, as its parts the resolved facts the graph reads
    (:func:`~chainkg.graph.build.fact_parts`). The texts and sentences are dropped once extraction
    has read them, the mentions once they are resolved. ``build`` runs this in a process of its own
    (:func:`chainkg.spool.run_apart`): at ten thousand documents the texts and mentions are
    gigabytes the graph's process need never hold, and the facts, read back a part at a time, are
    let go as the graph takes them."""
    ingested = ingest_corpus(folders, stage, jobs)
    # staff spreadsheets: rows are evidence like sentences
    ledgers = sum((read_ledgers(folder, templates=templates) for folder in folders), LedgerResult())
    failures = ingested.failures + ledgers.failures
    refuse_empty(out, len(ingested.documents) + len(ledgers.documents), failures)
    log.info("extracting facts from %d document(s)", len(ingested.documents))
    mentions = extract_mentions(ingested.documents, templates, jobs).merged(ledgers.mentions())
    documents = tuple(d.header() for d in ingested.documents) + ledgers.documents
    del ingested  # every text and sentence: the mentions hold what resolution reads of them
    extraction = resolve(mentions, vocabulary(templates))
    del mentions
    return InParts((documents, failures), fact_parts(extraction))
