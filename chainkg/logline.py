"""Log records as one line each on stderr, whoever logs them (ours, pypdf, the Neo4j driver).

Libraries log multi-line messages: the Neo4j driver's "will be retried" warnings carry the
server's whole error, ``warnings.warn`` adds the source line, records with ``exc_info`` a
traceback. Below ``-vv`` each record is printed as ``LEVEL logger: first line`` (with the
exception's first line when there is one, and how many lines were left out), control
characters taken out, and a line already printed is not printed again. With ``-vv`` everything
is printed whole.

>>> record = logging.LogRecord("neo4j", logging.WARNING, "", 0, "retrying\\n  detail\\n  more", None, None)
>>> OneLineFormatter().format(record)
'WARNING neo4j: retrying (2 more lines)'
"""

from __future__ import annotations

import logging
import sys

from chainkg.safe_text import for_terminal


def _first_line(text: str) -> tuple[str, int]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else ""), max(0, len(lines) - 1)


class OneLineFormatter(logging.Formatter):
    """``LEVEL logger: message``, on one line, however the message or its exception is shaped."""

    def format(self, record: logging.LogRecord) -> str:
        text, more = _first_line(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            first, extra = _first_line(str(exc))
            text += f": {type(exc).__name__}: {first}" if first else f": {type(exc).__name__}"
            more += extra
        line = f"{record.levelname} {record.name}: {text}" + (f" ({more} more lines)" if more else "")
        return for_terminal(line)


class SeenOnce(logging.Filter):
    """Let a formatted line through once: the same warning repeated (a PDF's many broken
    objects) is said once."""

    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__()
        self.formatter = formatter
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        line = self.formatter.format(record)
        if line in self.seen:
            return False
        self.seen.add(line)
        return True


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler writing to whatever ``sys.stderr`` is at the time (tests swap it)."""

    @property  # type: ignore[override]
    def stream(self):  # noqa: ANN201
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # noqa: ANN001
        pass


def setup_logging(verbose: int) -> None:
    """Log to stderr at WARNING (``verbose`` 0), INFO (1) or DEBUG (2+): one line per record and
    each line once below DEBUG, whole records at DEBUG. ``warnings.warn`` goes to the log too."""
    level = logging.WARNING - 10 * min(verbose, 2)
    handler = _Stderr()
    if verbose >= 2:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        formatter = OneLineFormatter()
        handler.setFormatter(formatter)
        handler.addFilter(SeenOnce(formatter))
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_chainkg", False)]:
        root.removeHandler(old)
    handler._chainkg = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    logging.captureWarnings(True)
