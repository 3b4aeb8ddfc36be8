"""The ``chainkg`` command: one sub-command per job, each a thin shell over a stage.

Errors a user can fix (:class:`chainkg.errors.ChainkgError`, and files or folders that cannot
be read or written) print one line and exit 2; partial failures (some files not ingested) and a
build refused because it read no document exit 1. Text from documents is printed without
control characters (:mod:`chainkg.safe_text`), log records one line each (:mod:`chainkg.logline`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from collections.abc import Callable, Sequence

from chainkg import __version__
from chainkg.collector import freeze_at_exit
from chainkg.errors import ChainkgError
from chainkg.gold import CORPORA, DEFAULT_SETS, PAGES_CORPORA
from chainkg.ingest.parallel import default_jobs
from chainkg.logline import setup_logging
from chainkg.safe_text import for_terminal
from chainkg.settings import corpus_dirs, default_out

Handler = Callable[[argparse.Namespace], int]


def _print_failures(failures: Sequence[str]) -> None:
    for failure in failures:
        print(f"chainkg: {for_terminal(failure)}", file=sys.stderr)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from chainkg.reading.corpus import ingest_corpus
    from chainkg.outputs import DOCUMENTS, EmptyBuildRefused, new_build, refuse_empty

    corpus = corpus_dirs(args.corpus)
    try:
        with new_build(args.out, "chainkg ingest", args.wait) as stage:
            result = ingest_corpus(corpus, stage)
            refuse_empty(args.out, len(result.documents), result.failures)
    except EmptyBuildRefused as exc:
        _print_failures(exc.failures)
        raise
    _print_failures(result.failures)
    print(
        f"ingested {len(result.documents)} document(s), "
        f"{sum(len(d.sentences) for d in result.documents)} sentence(s) -> {args.out / DOCUMENTS}"
    )
    return 1 if result.failures else 0


def _cmd_build(args: argparse.Namespace) -> int:
    from chainkg.graph.summary import format_summary
    from chainkg.outputs import EmptyBuildRefused
    from chainkg.pipeline import build

    try:
        result = build(corpus_dirs(args.corpus), args.out, wait=args.wait, jobs=args.jobs)
    except EmptyBuildRefused as exc:
        _print_failures(exc.failures)
        raise
    _print_failures(result.failures)
    print(f"built {result.path}")
    print(f"site {result.site / 'index.html'}")
    print("\n".join(for_terminal(line) for line in format_summary(result.summary).split("\n")))
    return 1 if result.failures else 0


def _cmd_neo4j(args: argparse.Namespace) -> int:
    from chainkg.server import launcher

    if args.action == "start":
        print(launcher.start(args.port).describe())
    elif args.action == "stop":
        stopped = launcher.stop()
        print(f"stopped the local Neo4j (pid {stopped.pid})" if stopped else "the local Neo4j was not running")
    else:
        info = launcher.status()
        print(info.describe() if info else "the local Neo4j is not running (`chainkg neo4j start`)")
        return 0 if info else 3
    return 0


def _cmd_load(args: argparse.Namespace) -> int:
    from chainkg.graph.json_rows import read_graph_rows
    from chainkg.graph.neo4j_lock import load_lock
    from chainkg.graph.neo4j_store import connect, connection_settings, load_graph
    from chainkg.graph.removal import check_removal
    from chainkg.graph.store import GRAPH_FILE

    source = args.out / GRAPH_FILE  # read as a stream of rows, never as a networkx graph
    if args.bulk:
        from chainkg.graph.neo4j_bulk import bulk_load

        stats = bulk_load(source, batch_size=args.batch_size)
        settings = connection_settings()
        print(f"bulk-imported {stats.documents} document(s) into the local Neo4j {settings.uri} database "
              f"{settings.database}: {stats.nodes} nodes, {stats.relationships} relationships ({stats.seconds:.1f}s, "
              "server restarted)")
        return 0
    rows = read_graph_rows(source)
    settings = connection_settings()
    with connect(settings) as driver, load_lock(driver, settings.database, wait=args.wait) as lock:
        check_removal(driver, settings.database, rows.nodes, source, prune=args.prune)
        stats = load_graph(driver, settings.database, rows, batch_size=args.batch_size, before_unit=lock.check)
    print(f"loaded {stats.documents} document(s) into {settings.uri} database {settings.database}: "
          f"{stats.nodes} nodes, {stats.relationships} relationships "
          f"({stats.transactions} transactions, {stats.seconds:.1f}s)")
    if stats.removed_documents:
        print(f"removed document(s) no longer in the graph: {', '.join(stats.removed_documents)}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.loose:
        from chainkg.ingest.evaluate import evaluate, format_report

        print(format_report(evaluate(args.gold, corpora=args.set or DEFAULT_SETS,
                                     skip_unavailable_pages=args.skip_unavailable_pages), details=not args.summary))
        return 0
    from chainkg.strict import evaluate_strict, format_strict

    print(format_strict(evaluate_strict(args.gold, corpora=args.set or DEFAULT_SETS,
                                        skip_unavailable_pages=args.skip_unavailable_pages), details=not args.summary))
    return 0


def _cmd_queries(args: argparse.Namespace) -> int:
    from chainkg.queries.catalog import list_queries

    for query in list_queries():
        print(f"{query.name}: {query.question}")
        print("    " + (", ".join(p.describe() for p in query.params) or "no parameters"))
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from chainkg.graph.snapshot import read_graph_fast
    from chainkg.graph.store import GRAPH_FILE
    from chainkg.queries.catalog import bind, get_query, parse_assignments
    from chainkg.queries.names import check_names
    from chainkg.queries.run import format_rows, needs_evidence, run_query

    params = parse_assignments(args.param)
    bind(get_query(args.name), params)  # unknown parameter names first
    G = None
    if not args.neo4j or (args.out / GRAPH_FILE).is_file():
        # a chain, company, product … the graph does not know is an error, not "(0 rows)"
        # loaded once: names are checked on the graph queried; its evidence only if the query reads it
        G = read_graph_fast(args.out / GRAPH_FILE, freeze=True, evidence=needs_evidence(args.name))
        params = check_names(G, args.name, params)
    query, rows = run_query(args.name, params, out=args.out, neo4j=args.neo4j, graph=G)
    sys.stdout.write(format_rows(rows, query.columns, args.format))
    return 0


def _cmd_view(args: argparse.Namespace) -> int:
    from chainkg.graph.snapshot import read_graph_fast
    from chainkg.graph.store import GRAPH_FILE
    from chainkg.views.lookup import named_view
    from chainkg.views.page import render_page, write_page

    view, title, layout = named_view(read_graph_fast(args.out / GRAPH_FILE, freeze=True), args.kind, args.name)
    print(f"wrote {write_page(render_page(view, title, layout=layout, embed=args.embed), args.output)}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from chainkg.graph.snapshot import read_graph_fast
    from chainkg.graph.store import GRAPH_FILE

    G = read_graph_fast(args.out / GRAPH_FILE, freeze=True)
    if args.what == "pack":
        from chainkg.export.pack import export_pack

        if not any(d.get("curated") for _, d in G.nodes(data=True)):
            raise ChainkgError(f"{args.out / GRAPH_FILE}: built before the national leaders and 招商 targets "
                               "existed; run `chainkg build` again")

        pack = export_pack(G, args.output, chains=args.chain, pdf=not args.no_pdf)
        pdfs = sum(1 for f in pack.chains if f.pdf)
        print(f"wrote {len(pack.chains)} chain workbook(s), sheet(s) and map(s) and the summary "
              f"{pack.summary.name} to {pack.folder} ({pdfs} PDF(s), {pack.seconds:.1f}s)")
        if pack.pdf_note:
            print(f"chainkg: {pack.pdf_note}", file=sys.stderr)
    elif args.what == "graphml":
        from chainkg.export.graphml import write_graphml

        path = write_graphml(G, args.output)
        print(f"wrote {path}: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships")
    else:
        from chainkg.export.csv_tables import write_csv

        files = write_csv(G, args.output)
        print(f"wrote {len(files)} CSV file(s) to {args.output} (nodes/<Label>.csv, relationships/<TYPE>.csv)")
    return 0


def _seconds(text: str) -> float:
    """argparse type: a number of seconds >= 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
    return value


def _positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="chainkg",
        description="Industrial-chain knowledge graph of Haixi (海西州): "
        "read documents, extract projects and companies, build the graph, query and view it.",
    )
    parser.add_argument("--version", action="version", version=f"chainkg {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more detail (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def out(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--out", metavar="DIR", type=Path, default=default_out(),
                       help=f"{what} (default: $CHAINKG_OUT, else out/)")

    def wait(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--wait", metavar="SECONDS", type=_seconds, default=0.0,
                       help=f"when another {what} is running, wait this long for it to finish "
                       "(default 0: refuse at once, naming it)")

    def corpus_out(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", metavar="DIR", action="append",
                       help="corpus folder; repeat for several (--corpus A --corpus B); default: $CHAINKG_CORPUS, "
                       "else ../shared/corpus")
        out(p, "output folder")
        wait(p, "build or ingest into the same output folder")

    p = sub.add_parser("ingest", help="read the corpus into OUT/documents.jsonl",
                       description="Read every document of the corpus (txt, md, html, docx, pdf), normalize "
                       "newspaper-layout noise, split sentences with their headings and write "
                       "OUT/documents.jsonl (one document per line, spans back to the original file).")
    corpus_out(p)
    p.set_defaults(handler=_cmd_ingest)

    p = sub.add_parser("build", help="ingest, extract and build the graph into OUT/graph.json (embedded store)",
                       description="The main job: ingest the corpus, extract companies, products and projects "
                       "with their evidence (staff ledgers, .xlsx and .csv, row by row), resolve them, add the chain "
                       "templates and save the graph as "
                       "networkx node-link JSON in OUT/graph.json; prints counts per label, projects per "
                       "chain and unmapped products.")
    corpus_out(p)
    p.add_argument("--jobs", metavar="N", type=_positive_int, default=default_jobs(),
                   help=f"processes for extraction (default: the cores here, {default_jobs()}); the graph is the "
                   "same for any N; a small corpus is extracted in one process")
    p.set_defaults(handler=_cmd_build)

    p = sub.add_parser("load", help="load OUT/graph.json into Neo4j (NEO4J_URI, else the local server)",
                       description="Load OUT/graph.json into Neo4j: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, "
                       "NEO4J_DATABASE, else the local server of `chainkg neo4j start`. Each document's facts "
                       "are replaced in one transaction; documents no longer in the graph are removed, "
                       "but only up to 10% of those Neo4j holds unless --prune is given. One load at a time "
                       "per database (a lock in the database).")
    out(p, "output folder holding graph.json")
    p.add_argument("--prune", action="store_true",
                   help="remove the documents Neo4j holds that the graph lacks even when they are more than "
                   "10%% of them (without it such a load stops, naming them)")
    wait(p, "load into the same Neo4j database")
    p.add_argument("--batch-size", metavar="N", type=_positive_int, default=2500,
                   help="rows per transaction of documents, and per query (default 2500, "
                   "graph.neo4j_store.DEFAULT_BATCH_SIZE)")
    p.add_argument("--bulk", action="store_true",
                   help="first load into the EMPTY database of the project's own server (not NEO4J_URI) with "
                   "Neo4j's bulk importer (neo4j-admin database import full): stops the server, imports, starts it "
                   "again; later changes with a plain `chainkg load`")
    p.set_defaults(handler=_cmd_load)

    p = sub.add_parser("neo4j", help="start, stop or show the local Neo4j Community server",
                       description="The project's own Neo4j Community 5.26 (Java 17+ and Maven; built on first "
                       "start), Bolt on 127.0.0.1, data and password file under the cache folder "
                       "($CHAINKG_NEO4J_DIR, default .cache/chainkg/neo4j).")
    p.add_argument("action", choices=("start", "stop", "status"))
    p.add_argument("--port", type=int, metavar="N",
                   help="Bolt port for start (default: $CHAINKG_NEO4J_PORT, else the last one, else 7688)")
    p.set_defaults(handler=_cmd_neo4j)

    p = sub.add_parser("eval", help="score extraction against the gold set",
                       description="Ingest the seed corpus, our dev documents (data/eval/corpus) and the "
                       "holdout (data/eval/holdout, never tuned on), extract, and print precision/recall/F1 per "
                       "type (company, product, project = company+product+capacity, status) for each set "
                       "separately, with every miss and false hit. By default the strict scores on the built "
                       "graph (chainkg/strict.py); --loose for the name-based ones.")
    p.add_argument("--gold", metavar="DIR", type=Path, default=None,
                   help="gold folder (default: data/eval/gold); the seeds are read from $CHAINKG_CORPUS "
                   "or ../shared/corpus")
    p.add_argument("--summary", action="store_true", help="only the score tables, no misses")
    p.add_argument("--loose", action="store_true",
                   help="the name-based scorer (company, product, project, status as strings) instead of the "
                   "strict one, which scores the built graph: a project counts only as a Project node whose "
                   "BUILDS company, PRODUCES product and capacity attributes are the gold row's, one node per row")
    p.add_argument("--set", action="append", choices=CORPORA, metavar="SET",
                   help=f"score only this set ({', '.join(CORPORA)}; repeat for several; default: all but "
                   f"the pages sets ({', '.join(PAGES_CORPORA)}), the real web pages of $CHAINKG_PAGES (default ../realpages), scored only "
                   "when named). Leave out holdout while changing extraction, so its text and misses stay unseen")
    p.add_argument("--skip-unavailable-pages", action="store_true",
                   help="score a pages set without its pages that are absent or whose bytes differ from "
                   "data/eval/pages.yaml (a re-collection that came back otherwise); each is named at the end. "
                   "Without it such a page stops the run")
    p.set_defaults(handler=_cmd_eval)

    p = sub.add_parser("queries", help="list the Cypher query library with each query's question",
                       description="List the named, parameterised queries of queries/*.cypher: name, the "
                       "question it answers, its parameters. Run one with `chainkg query NAME`.")
    p.set_defaults(handler=_cmd_queries)

    p = sub.add_parser("query", help="run a library query on the embedded store (default) or Neo4j",
                       description="Run one query of the library (`chainkg queries` lists them) on OUT/graph.json, "
                       "or with --neo4j as its Cypher on Neo4j (NEO4J_URI …, else the local server). Both "
                       "stores give the same rows.",
                       epilog=coverage_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", metavar="NAME", help="query name, e.g. chain_overview")
    p.add_argument("--param", action="append", metavar="K=V", help="a parameter, e.g. --param chain=盐湖化工 "
                   "(repeat for more)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format (default table)")
    p.add_argument("--neo4j", action="store_true", help="run the Cypher on Neo4j instead of the embedded store")
    out(p, "output folder holding graph.json")
    p.set_defaults(handler=_cmd_query)

    p = sub.add_parser("view", help="write one view (a chain map, a company or a product) as an HTML file",
                       description="Draw one view from OUT/graph.json as a self-contained HTML page (works "
                       "offline from file://): a chain map (segments upstream to downstream, gaps marked), a "
                       "company with its projects, or a product with its segment and neighbours.")
    p.add_argument("kind", choices=("chain", "company", "product"))
    p.add_argument("name", metavar="NAME", help="name, alias or synonym (a chain also by its slug)")
    p.add_argument("-o", "--output", metavar="FILE.html", type=Path, required=True, help="HTML file to write")
    p.add_argument("--embed", action="store_true", help="a page for an iframe in another page: one-line header, "
                   "legend folded, opening at a readable zoom even in a 480x320 frame")
    out(p, "output folder holding graph.json")
    p.set_defaults(handler=_cmd_view)

    p = sub.add_parser("export", help="write the 招商 work pack (Excel + A4 sheets), GraphML or CSV",
                       description="Write what people use outside the tool, from OUT/graph.json. pack: per chain "
                       "a workbook (产业链概况, 环节覆盖, 重点项目清单, 企业清单, 产能汇总, 短板清单, "
                       "招商目标企业清单), a printable A4 sheet (HTML, and PDF when chromium is installed) and "
                       "the chain map as SVG, plus the prefecture-wide summary workbook. graphml: one file for "
                       "Gephi / yEd. csv: one file per node label and relationship type. See docs/exports.md.")
    p.add_argument("what", choices=("pack", "graphml", "csv"))
    p.add_argument("-o", "--output", metavar="PATH", type=Path, required=True,
                   help="pack and csv: a folder; graphml: a .graphml file")
    p.add_argument("--chain", action="append", metavar="NAME",
                   help="pack: only this chain (name or slug; repeat for more; default: all); the summary "
                   "always covers every chain")
    p.add_argument("--no-pdf", action="store_true", help="pack: HTML sheets only, do not start chromium")
    out(p, "output folder holding graph.json")
    p.set_defaults(handler=_cmd_export)
    return parser


def coverage_help() -> str:
    """The coverage states and 招商 targets, in the words of :mod:`chainkg.graph.gaps` (the one
    definition), for ``chainkg query --help``."""
    from chainkg.graph.gaps import STATE_MEANING, STATE_ZH, STATES, TARGET_MEANING, TARGET_ZH, TARGETS

    lines = ["coverage states (segment_coverage, chain_overview, coverage_summary):"]
    lines += [f"  {s:<9} {STATE_ZH[s]}: {STATE_MEANING[s]}" for s in STATES]
    lines += ["targets (chain_gaps, segment_coverage), a link is under at most one:"]
    lines += [f"  {t:<9} {TARGET_ZH[t]}: {TARGET_MEANING[t]}" for t in TARGETS]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chainkg`` console script."""
    freeze_at_exit()
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ChainkgError as exc:
        print(f"chainkg: error: {for_terminal(str(exc))}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        print("chainkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `chainkg queries | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # a file or folder we could not read or write (permissions, full disk)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"chainkg: error: {for_terminal(f'{where}{exc.strerror or exc}')}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
