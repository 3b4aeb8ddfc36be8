"""How chainkg scales: per stage time, growth exponent and peak memory on synthetic corpora, query
latency, and Neo4j load rates.

For each size (default 1,000 and 10,000 documents; ``--big`` adds 100,000) a synthetic corpus
(:mod:`testkit.synthetic_corpus`, about 2,000 characters a document, written once under
``--folder``) is built stage by stage in a fresh process, and each stage is timed (wall, and the
CPU seconds of the process and of its children) with its peak resident memory (Linux: ``VmHWM``,
reset before each stage through ``/proc/self/clear_refs``; extraction workers: the largest child). Stages: ingest and extraction (each on ``--jobs`` processes),
resolution (these three in a forked child, as ``chainkg build`` runs them), hand-over (the
child's spool written, and its head read back), graph (the resolved facts read from the spool
part by part as the graph takes them), save (graph.json and its snapshot),
site, each holding what ``chainkg build`` holds then (the documents until extracted, the
mentions until they are resolved, the facts until the graph is made), so the peaks are the
build's. As a yardstick, spaCy's blank ``zh`` tokenizer runs over the same sentences. Then:

- every library query in-process on the built graph (frozen, as ``chainkg query`` freezes it): the
  first call, then ``--rounds`` more: p50 and p95 (ms);
- ``chainkg query coverage_summary`` as a command, wall time (median of 3);
- the largest chain page of the site;
- with ``--speedup``: extraction on 1 process against ``--jobs`` processes (the smallest size);
- with ``--neo4j``: in another fresh process that reads the built graph.json, as ``chainkg load``
  does, into the project's own server (its database is emptied; never NEO4J_URI) a plain
  single-writer ``UNWIND … CREATE`` of the same rows, the incremental Cypher loader and the bulk
  importer (``chainkg load --bulk``; whole, with the server's stop and start, and the importer
  alone), each into an empty database, as relationships per second; and the peak resident memory of
  that process during each of the two loaders (the client side of a load: reading graph.json as a stream
  of rows, then the plan, or the CSV files).

The growth exponent of a stage between two sizes is log(t2 / t1) / log(n2 / n1): 1 is linear.

    python benchmarks/scale.py [--sizes 1000 10000] [--big] [--jobs N] [--speedup] [--neo4j]
                               [--rounds 20] [--folder DIR] [--seed 1]

The machine's other load changes every number here; run it on a quiet machine, and read two
runs before believing a difference of less than 20 %.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chainkg.settings import default_out

BUILD_STAGES = ("ingest", "extraction", "resolution", "hand-over", "graph", "save", "site")

QUERY_PARAMS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "capacity_totals": lambda g: {},
    "chain_gaps": lambda g: {"chain": g["chain"]},
    "chain_overview": lambda g: {"chain": g["chain"]},
    "chain_projects": lambda g: {"chain": g["chain"]},
    "company": lambda g: {"company": g["company"]},
    "coverage_summary": lambda g: {},
    "evidence": lambda g: {"id": g["project"]},
    "linked_chains": lambda g: {"chain": g["chain"]},
    "product_downstream": lambda g: {"product": g["product"]},
    "product_upstream": lambda g: {"product": g["product"]},
    "projects_by_status": lambda g: {},
    "search": lambda g: {"text": "锂"},
    "segment_coverage": lambda g: {},
    "targets": lambda g: {},
}


def _status_kib(field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    return int(match.group(1)) if match else 0


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


@contextmanager
def stage(results: dict[str, dict[str, float]], name: str) -> Iterator[None]:
    """Time the block, wall and CPU (this process's and its children's that ended in it: on a
    machine shared with other work the CPU seconds are what compare), and record its peak
    resident memory (MiB) as ``results[name]``."""
    _reset_peak()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, cpu_started = time.perf_counter(), time.process_time()
    yield
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = (children.ru_utime + children.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
    results[name] = {"seconds": seconds, "cpu_seconds": cpu + children_cpu, "peak_mib": _status_kib("VmHWM") / 1024,
                     "child_peak_mib": children.ru_maxrss / 1024 if children.ru_maxrss > children_before.ru_maxrss
                     else 0.0}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _examples(G: Any) -> dict[str, str]:
    def first(label: str, attr: str = "name") -> str:
        return next(d.get(attr) or n for n, d in sorted(G.nodes(data=True)) if d["label"] == label)

    by_projects = max((n for n, d in G.nodes(data=True) if d["label"] == "Product"),
                      key=lambda n: (G.in_degree(n), n))
    return {"chain": first("Chain"), "company": first("Company"), "product": G.nodes[by_projects]["name"],
            "project": next(n for n, d in sorted(G.nodes(data=True)) if d["label"] == "Project")}


def _neo4j_rates(folder: Path) -> dict[str, float]:
    """The Neo4j measurements on the graph.json of ``folder`` (see the module's docstring): the
    bulk load first, while the process holds nothing (a peak cannot be reset below what it holds),
    then the incremental loader, then the plain writer."""
    from chainkg.graph.json_rows import read_graph_rows
    from chainkg.graph.neo4j_bulk import bulk_load
    from chainkg.graph.neo4j_store import connect, connection_settings, delete_everything, ensure_schema, load_graph
    from chainkg.graph.store import GRAPH_FILE
    from chainkg.server import launcher
    from testkit.plain_writer import plain_create, plain_queries

    if os.environ.get("NEO4J_URI"):
        raise SystemExit("--neo4j empties the database: only against the project's own server (unset NEO4J_URI)")
    launcher.start()
    source = folder / GRAPH_FILE
    with connect(connection_settings({})) as driver:
        delete_everything(driver, connection_settings({}).database)
    _reset_peak()
    stats = bulk_load(source, environ={})  # streams graph.json into the CSV files, as `chainkg load --bulk`
    out: dict[str, float] = {"bulk_s": stats.seconds, "bulk_peak_mib": _status_kib("VmHWM") / 1024}
    log = (launcher.server_dir() / "import.log").read_text(encoding="utf-8", errors="replace")
    done = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", log)
    if done:
        out["importer_s"] = int(done.group(1) or 0) * 60 + int(done.group(2)) + int(done.group(3)) / 1000
    settings = connection_settings({})  # the server was restarted
    with connect(settings) as driver:
        db = settings.database
        delete_everything(driver, db)
        _reset_peak()
        stats = load_graph(driver, db, read_graph_rows(source))  # as `chainkg load`
        out["incremental_s"] = stats.seconds
        out["incremental_peak_mib"] = _status_kib("VmHWM") / 1024
        delete_everything(driver, db)
        ensure_schema(driver, db)
        rows = read_graph_rows(source)
        out |= {"relationships": len(rows.rels), "nodes": len(rows.nodes)}
        queries = plain_queries(rows)
        started = time.perf_counter()
        plain_create(driver, db, queries)
        out["plain_create_s"] = time.perf_counter() - started
        delete_everything(driver, db)
    return out


def _speedup(documents: Any, templates: Any, mentions: Any, most: int) -> dict[int, float]:
    """Seconds to extract ``documents`` on 1 and on ``most`` processes, each checked to give ``mentions``."""
    from chainkg.ingest.parallel import extract_mentions

    times = {}
    for jobs in sorted({1, most}):
        started = time.perf_counter()
        again = extract_mentions(documents, templates, jobs)
        times[jobs] = time.perf_counter() - started
        assert again == mentions, "extraction differs between process counts"
    return times


def facts_stages(corpus: Path, out: Path, templates: Any, jobs: int, speedup: bool) -> Any:
    """Ingest, extraction and resolution of ``corpus``, each a stage, as ``chainkg build`` runs them
    in its child process (:func:`chainkg.pipeline.resolved_facts`), holding what it holds (the
    documents until their headers are taken, the mentions until they are resolved): the document
    headers, the resolved facts, the stages' measurements, the characters, the speed-up."""
    from chainkg.ingest.nlp import blank_zh
    from chainkg.ingest.parallel import extract_mentions
    from chainkg.ingest.resolve import resolve
    from chainkg.graph.build import fact_parts
    from chainkg.ingest.vocab import vocabulary
    from chainkg.reading.corpus import ingest_corpus
    from chainkg.spool import InParts

    stages: dict[str, dict[str, float]] = {}
    with stage(stages, "ingest"):
        ingested = ingest_corpus(corpus, out, jobs).documents
    texts = [s.text for d in ingested for s in d.sentences]
    chars = sum(len(t) for t in texts)
    tokenizer = blank_zh().tokenizer
    with stage(stages, "blank zh tokenizer (yardstick)"):
        for _ in tokenizer.pipe(texts, batch_size=256):
            pass
    del texts
    with stage(stages, "extraction"):
        mentions = extract_mentions(ingested, templates, jobs)
    by_jobs = _speedup(ingested, templates, mentions, jobs) if speedup else None
    documents = tuple(d.header() for d in ingested)
    del ingested  # as `chainkg build`: the texts dropped once extracted
    with stage(stages, "resolution"):
        extraction = resolve(mentions, vocabulary(templates))
    return InParts({"documents": documents, "stages": stages, "characters": chars, "speedup": by_jobs},
                   fact_parts(extraction))


def run_one(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Build a corpus of ``n`` documents stage by stage, as ``chainkg build`` does: ingest,
    extraction and resolution in a forked child (:func:`facts_stages`) that hands the resolved
    facts back through a spool (:func:`chainkg.spool.run_apart`; the stage ``hand-over``: its
    seconds the child's life beyond its stages (fork, spool written, its head read), its peak this
    process's while reading, its child peak the extraction process's over its whole life), then
    the graph, the save and the site in this process; return the measurements."""
    from chainkg.graph.build import build_graph
    from chainkg.graph.snapshot import write_snapshot
    from chainkg.graph.store import GRAPH_FILE, write_graph_json
    from chainkg.pipeline import FACTS_SPOOL
    from chainkg.queries.run import run_embedded
    from chainkg.reading.rejoin import release_dictionary
    from chainkg.spool import run_apart
    from chainkg.templates import load_templates
    from chainkg.views.site import write_site
    from testkit.synthetic_corpus import write_synthetic_corpus

    corpus = args.folder / f"corpus-{n}-seed{args.seed}"
    if not (corpus / ".complete").exists():
        write_synthetic_corpus(corpus, n, seed=args.seed)
        (corpus / ".complete").write_text("")
    out = args.folder / f"out-{n}"
    out.mkdir(parents=True, exist_ok=True)
    templates = load_templates()
    handed: dict[str, dict[str, float]] = {}
    with stage(handed, "hand-over"):
        handed_over = run_apart(out / FACTS_SPOOL, facts_stages, corpus, out, templates, args.jobs, args.speedup)
    facts, parts = handed_over.head, handed_over.parts
    del handed_over
    stages: dict[str, dict[str, float]] = facts["stages"]
    for measure in ("seconds", "cpu_seconds"):
        handed["hand-over"][measure] -= sum(s[measure] for s in stages.values())
    stages |= handed
    documents, chars, speedup = facts["documents"], facts["characters"], facts["speedup"]
    del facts
    with stage(stages, "graph"):  # the facts read from the spool part by part, as `chainkg build` does
        G = build_graph(documents, parts, templates)
    del documents, parts
    release_dictionary()  # as `chainkg build` does
    with stage(stages, "save"):
        write_snapshot(G, out / GRAPH_FILE, write_graph_json(G, out / GRAPH_FILE))
    with stage(stages, "site"):
        write_site(G, out / "site")
    result: dict[str, Any] = {"documents": n, "characters": chars, "nodes": G.number_of_nodes(),
                              "relationships": G.number_of_edges(), "stages": stages, "jobs": args.jobs}
    result["queries"] = query_latencies(G, args.rounds, run_embedded)
    walls = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "chainkg", "query", "coverage_summary", "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
    result["query_command_s"] = statistics.median(walls)
    pages = list((out / "site" / "chain").glob("*.html"))
    result["largest_chain_page_mb"] = max((p.stat().st_size for p in pages), default=0) / 1e6
    if speedup is not None:
        result["extraction_by_jobs_s"] = speedup
    return result


def query_latencies(G: Any, rounds: int, run: Callable[[Any, str, dict[str, Any]], Any]) -> dict[str, dict[str, float]]:
    """Per query: the first call on the graph (it makes what the graph caches for that query,
    :func:`chainkg.graph.adjacency.cached`), then p50 and p95 of ``rounds`` more calls (ms).

    The graph is frozen first (``gc.freeze``), as ``chainkg query`` freezes what it loaded: else
    the collector's full passes over the millions of objects of the graph land in whichever
    query triggers them (0.1-10 s at 3,000 documents), which is not what the command does."""
    gc.collect()
    gc.freeze()
    examples = _examples(G)
    latencies = {}
    for name, params in QUERY_PARAMS.items():
        started = time.perf_counter()
        run(G, name, params(examples))
        first = 1000 * (time.perf_counter() - started)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            run(G, name, params(examples))
            times.append(1000 * (time.perf_counter() - started))
        latencies[name] = {"first_ms": first, "p50_ms": statistics.median(times), "p95_ms": _percentile(times, 0.95)}
    return latencies


def _exponent(t1: float, t2: float, n1: int, n2: int) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1) if t1 > 0 and t2 > 0 else float("nan")


def _build_peak(result: dict[str, Any]) -> float:
    """The build's peak (MiB): the largest of its stages' (each stage resets the peak, so the
    process's ``ru_maxrss`` at the end is the last stage's only)."""
    return max(max(s["peak_mib"], s["child_peak_mib"]) for name, s in result["stages"].items()
               if name in BUILD_STAGES)


def report(results: list[dict[str, Any]]) -> str:
    """The measurements as text tables."""
    lines = []
    sizes = [r["documents"] for r in results]
    lines.append("documents: " + ", ".join(f"{r['documents']:,} ({r['characters']:,} chars, {r['nodes']:,} nodes, "
                                            f"{r['relationships']:,} rels, jobs {r['jobs']})" for r in results))
    header = f"{'stage':<32}" + "".join(f"{f'{n:,} docs s':>14}{'CPU s':>9}{'peak MiB':>10}" for n in sizes)
    if len(sizes) > 1:
        header += "".join(f"{f'exp {a:,}->{b:,}':>18}" for a, b in zip(sizes, sizes[1:]))
    lines += [header, "-" * len(header)]
    for name in [*BUILD_STAGES, "blank zh tokenizer (yardstick)"]:
        row = f"{name:<32}"
        for r in results:
            s = r["stages"][name]
            peak = max(s["peak_mib"], s["child_peak_mib"])
            row += f"{s['seconds']:>14.2f}{s.get('cpu_seconds', math.nan):>9.2f}{peak:>10.0f}"
        for a, b in zip(results, results[1:]):
            row += f"{_exponent(a['stages'][name]['seconds'], b['stages'][name]['seconds'], a['documents'], b['documents']):>18.2f}"
        lines.append(row)
    row = f"{'build (sum of stages)':<32}"
    totals = [sum(r["stages"][s]["seconds"] for s in BUILD_STAGES) for r in results]
    for r, total in zip(results, totals):
        cpu = sum(r["stages"][s].get("cpu_seconds", math.nan) for s in BUILD_STAGES)
        row += f"{total:>14.2f}{cpu:>9.2f}{_build_peak(r):>10.0f}"
    for (a, ta), (b, tb) in zip(zip(results, totals), zip(results[1:], totals[1:])):
        row += f"{_exponent(ta, tb, a['documents'], b['documents']):>18.2f}"
    lines.append(row)
    for r, total in zip(results, totals):
        tok = r["stages"]["blank zh tokenizer (yardstick)"]["seconds"]
        ext = r["stages"]["extraction"]["seconds"]
        lines.append(f"{r['documents']:,} docs: build / blank zh tokenizer = {total / tok:.1f}x; extraction "
                     f"{r['characters'] / ext:,.0f} chars/s on {r['jobs']} process(es) = {tok / ext:.2f}x the tokenizer; "
                     f"`chainkg query coverage_summary` {r['query_command_s']:.2f}s; largest chain page "
                     f"{r['largest_chain_page_mb']:.2f} MB")
        if "extraction_by_jobs_s" in r:
            by = {int(k): v for k, v in r["extraction_by_jobs_s"].items()}
            lines.append("  extraction by processes: " + ", ".join(f"{k}: {v:.1f}s" for k, v in sorted(by.items()))
                         + (f" (speed-up {by[1] / by[max(by)]:.2f}x)" if len(by) > 1 else ""))
    lines.append("")
    qheader = f"{'query (in-process, ms)':<24}" + "".join(f"{f'{n:,} first':>12}{f'{n:,} p50':>12}{f'{n:,} p95':>12}"
                                                          for n in sizes)
    lines += [qheader, "-" * len(qheader)]
    for name in QUERY_PARAMS:
        lines.append(f"{name:<24}" + "".join(f"{r['queries'][name].get('first_ms', math.nan):>12.1f}"
                                             f"{r['queries'][name]['p50_ms']:>12.1f}{r['queries'][name]['p95_ms']:>12.1f}"
                                             for r in results))
    for r in results:
        neo = r.get("neo4j")
        if not neo:
            continue
        rels = neo["relationships"]
        lines.append("")
        lines.append(f"Neo4j, {r['documents']:,} docs ({int(neo['nodes']):,} nodes, {int(rels):,} rels), each into an empty database:")
        lines.append(f"  plain single-writer UNWIND CREATE: {neo['plain_create_s']:.1f}s = {rels / neo['plain_create_s']:,.0f} rel/s")
        lines.append(f"  incremental Cypher loader:         {neo['incremental_s']:.1f}s = {rels / neo['incremental_s']:,.0f} rel/s "
                     f"({neo['plain_create_s'] / neo['incremental_s']:.2f}x the plain writer)")
        lines.append(f"  bulk importer, whole (with restart): {neo['bulk_s']:.1f}s = {rels / neo['bulk_s']:,.0f} rel/s "
                     f"({neo['incremental_s'] / neo['bulk_s']:.1f}x the Cypher loader)"
                     + (f"; the importer alone {neo['importer_s']:.1f}s" if "importer_s" in neo else ""))
        lines.append(f"  peak memory of the loading process (graph.json read as `chainkg load` reads it, the loader's "
                     f"own peak): Cypher {neo['incremental_peak_mib']:,.0f} MiB, bulk {neo['bulk_peak_mib']:,.0f} MiB")
    return "\n".join(lines)


def main() -> None:
    """Run each size in a fresh process (``--one``) and print the tables."""
    from chainkg.ingest.parallel import default_jobs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--big", action="store_true", help="add 100,000 documents")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--speedup", action="store_true", help="also time extraction on 1 process (smallest size)")
    parser.add_argument("--neo4j", action="store_true", help="also load into the project's own server (emptied)")
    parser.add_argument("--rounds", type=int, default=20, help="runs of each query")
    parser.add_argument("--folder", type=Path, default=default_out() / "scale")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the measurements here (after each size)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--neo4j-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.folder = args.folder.absolute()
    if args.one:
        print(json.dumps(run_one(args.one, args)))
        return
    if args.neo4j_one:
        print(json.dumps(_neo4j_rates(args.neo4j_one)))
        return
    sizes = sorted(set(args.sizes + ([100_000] if args.big else [])))
    results = []
    for n in sizes:
        argv = [sys.executable, __file__, "--one", str(n), "--jobs", str(args.jobs), "--rounds", str(args.rounds),
                "--folder", str(args.folder), "--seed", str(args.seed)]
        argv += ["--speedup"] * (args.speedup and n == sizes[0])
        done = subprocess.run(argv, check=True, stdout=subprocess.PIPE, text=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if args.neo4j:  # a fresh process, as a user's `chainkg load` after the build
            done = subprocess.run([sys.executable, __file__, "--neo4j-one", str(args.folder / f"out-{n}")],
                                  check=True, stdout=subprocess.PIPE, text=True)
            results[-1]["neo4j"] = json.loads(done.stdout.strip().splitlines()[-1])
        if args.json:  # after each size, so a long run interrupted later keeps what it measured
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(report(results), file=sys.stderr)
        print(f"{n:,} documents done", file=sys.stderr)
    print(report(results))


if __name__ == "__main__":
    main()
