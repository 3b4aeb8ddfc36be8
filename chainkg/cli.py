"""The ``chainkg`` command: one sub-command per job, each a thin shell over a stage.

Errors a user can fix (:class:`chainkg.errors.ChainkgError`) print one line and exit 2;
partial failures (some files not ingested) exit 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from collections.abc import Callable, Sequence

from chainkg import __version__
from chainkg.errors import ChainkgError
from chainkg.settings import corpus_dir, default_out

Handler = Callable[[argparse.Namespace], int]


def _cmd_ingest(args: argparse.Namespace) -> int:
    from chainkg.ingest.corpus import ingest_corpus

    result = ingest_corpus(corpus_dir(args.corpus), args.out)
    for failure in result.failures:
        print(f"chainkg: {failure}", file=sys.stderr)
    print(
        f"ingested {len(result.documents)} document(s), "
        f"{sum(len(d.sentences) for d in result.documents)} sentence(s) -> {result.path}"
    )
    return 1 if result.failures else 0


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

    def corpus_out(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: $CHAINKG_CORPUS, else ../shared/corpus)")
        p.add_argument("--out", metavar="DIR", type=Path, default=default_out(),
                       help="output folder (default: out/)")

    p = sub.add_parser("ingest", help="read the corpus into OUT/documents.jsonl",
                       description="Read every document of the corpus (txt, md, html, docx, pdf), normalize "
                       "newspaper-layout noise, split sentences with their headings and write "
                       "OUT/documents.jsonl (one document per line, spans back to the original file).")
    corpus_out(p)
    p.set_defaults(handler=_cmd_ingest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chainkg`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Handler = args.handler
    try:
        return handler(args)
    except ChainkgError as exc:
        print(f"chainkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("chainkg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
