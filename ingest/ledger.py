"""Staff ledgers as a source: the spreadsheets offices keep, read row by row into facts.

Two kinds of sheet, told apart by their columns (``data/ledger_columns.yaml`` maps every header
variant to its field):

- a **项目台账** (project ledger: 项目名称, 建设单位, 产品, 产能, 总投资, 状态, 日期, 地点) has a
  project or a status column; each row is a :class:`~chainkg.ingest.facts.ProjectMention`
  (rule ``ledger_row``);
- a **企业名录** (firm directory: 企业名称, 主要产品, 地点, 规上) has company and product but no
  project or status column; each row is one ``operating`` :class:`~chainkg.ingest.facts.Statement`
  per product listed in its product cell (rule ``ledger-directory``).

``.xlsx`` files are read with openpyxl (every sheet), ``.csv`` files are decoded like text files
(charset-normalizer: GB18030 exports of Excel/WPS are common) and parsed with :mod:`csv`. The
header row may sit below title rows: it is the row of the first :data:`HEADER_ROWS` with the
most known headers.

Each file becomes a :class:`~chainkg.reading.document.Document` (kind ``ledger``, title from
``corpus.yaml`` or the file name), whose text is its rows written as "表头: 值; 表头: 值" lines,
one :class:`~chainkg.reading.document.Sentence` per row. A row is evidence exactly as a sentence
is: :class:`~chainkg.ingest.facts.Evidence` with ``sheet`` and ``row`` (the row number Excel
shows) and ``date`` (the row's own date cell, else the document's).

Problems are one line each in ``LedgerResult.failures`` and never stop the other rows or files:
a missing required column skips its sheet, a bad row (no product, a capacity with no figure …)
skips that row, an unreadable file skips the file. An unknown column is a ``log.info`` note.

>>> normalize_header(" 产能\\n(万吨/年)* ")
('产能', '万吨/年')
>>> ledger_spec().fields["建设单位"], ledger_spec().fields["主要产品"]
('company', 'product')
>>> split_products("碳酸锂、氯化锂及氢氧化锂/金属锂")
['碳酸锂', '氯化锂', '氢氧化锂', '金属锂']
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from chainkg.errors import ChainkgError
from chainkg.ingest.capacity import find_capacities, parse_capacity
from chainkg.reading.corpus import ID_LENGTH, _file_day, date_in, load_metadata, metadata
from chainkg.reading.document import Document, Sentence
from chainkg.ingest.facts import Capacity, Evidence, Mentions, MentionSpan, ProjectMention, Statement
from chainkg.lexicon import cue_tables, one_of, pattern_rows, phase_pattern
from chainkg.reading.read import LEDGER_SUFFIXES, decode_text, read_bytes
from chainkg.status import best_status, rank, status_phrases
from chainkg.ingest.vocab import ProductVocabulary, clean_product, vocabulary
from chainkg.templates import Templates

log = logging.getLogger(__name__)

LEDGER_COLUMNS = "ledger_columns.yaml"
LEDGER_ROW = "ledger_row"  # the rule a project row is read by (chainkg.rules)
LEDGER_DIRECTORY = "ledger-directory"  # the rule a firm-directory row is read by
HEADER_ROWS = 10
"""How many rows from the top of a sheet are searched for its header row."""

_TABLES = cue_tables(LEDGER_COLUMNS)
_MESSAGES = _TABLES["messages"]
PROJECT_LEDGER, DIRECTORY = _TABLES["sheet_kinds"]["project_ledger"], _TABLES["sheet_kinds"]["directory"]
FIELD_ZH: dict[str, str] = dict(_MESSAGES["fields"])
"""How messages name a field (its usual header)."""

_UNIT_BRACKET = re.compile(r"[（(【\[]([^（()）【】\[\]]*)[)）】\]]$")
_MARKS = re.compile(r"^[*＊※]+|[*＊※:：]+$")
_SPACE = re.compile(r"\s+")
# what separates the products of a directory cell (碳酸锂、氯化锂及氢氧化锂)
_PRODUCT_SEPARATORS = re.compile(r"[、,，;；/／\n]|" + one_of(_TABLES["product_separator_words"]))
# a phase in a project's name (二期), as the text's product marker reads it
_PHASE = re.compile(phase_pattern())
# a row that is a note or a total below the table, not a record
_NOT_A_RECORD = tuple(_TABLES["not_a_record"])
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")


@dataclass(frozen=True)
class LedgerSpec:
    """``data/ledger_columns.yaml``: normalized header -> field, ledger status words -> status key,
    the words that deny a status phrase after them."""

    fields: dict[str, str]
    status_words: dict[str, str]
    negations: tuple[str, ...]


@cache
def ledger_spec() -> LedgerSpec:
    """The header variants and status words of ``data/ledger_columns.yaml``."""
    raw = cue_tables(LEDGER_COLUMNS)
    fields = {normalize_header(h)[0]: name for name, headers in raw["columns"].items() for h in headers}
    words = {str(k): str(v) for k, v in (raw.get("status_words") or {}).items()}
    bad = {v for v in words.values() if not rank(v)}
    if bad:
        raise ValueError(f"data/{LEDGER_COLUMNS}: unknown status keys {sorted(bad)}")
    return LedgerSpec(fields, words, tuple(raw.get("status_negations") or ()))


def normalize_header(text: str) -> tuple[str, str | None]:
    """(header as compared, unit in brackets after it or None): spaces, line breaks and marks
    (*, ：) removed, full-width folded."""
    name = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    name = _MARKS.sub("", name)
    unit = None
    m = _UNIT_BRACKET.search(name)
    if m and m.start() > 0:
        name, unit = name[:m.start()], m.group(1) or None
    return _MARKS.sub("", name), unit


def split_products(cell: str) -> list[str]:
    """The products listed in one directory cell, in order, empty items dropped."""
    return [p.strip() for p in _PRODUCT_SEPARATORS.split(cell) if p.strip()]


@dataclass(frozen=True)
class LedgerResult:
    """What :func:`read_ledgers` read: one document per ledger file, the project mentions of
    project-ledger rows, the statements of directory rows, the places named, one line per problem."""

    documents: tuple[Document, ...] = ()
    projects: tuple[ProjectMention, ...] = ()
    statements: tuple[Statement, ...] = ()
    failures: tuple[str, ...] = ()
    places: tuple[tuple[str, str, Evidence], ...] = ()

    def __add__(self, other: "LedgerResult") -> "LedgerResult":
        """Two folders' ledgers together (``chainkg build --corpus A --corpus B``)."""
        return LedgerResult(self.documents + other.documents, self.projects + other.projects,
                            self.statements + other.statements, self.failures + other.failures,
                            self.places + other.places)

    def mentions(self) -> Mentions:
        """The rows' facts as :class:`Mentions`, to resolve together with the text's."""
        return Mentions(projects=self.projects, companies=(), places=self.places, chains=(), production=(),
                        statements=self.statements)


def ledger_files(corpus: Path) -> list[Path]:
    """The ledger files of the corpus (.xlsx, .csv), sorted, skipping hidden folders and the
    lock files Excel leaves beside an open workbook (~$name.xlsx)."""
    return sorted(
        p for p in corpus.rglob("*")
        if p.suffix.lower() in LEDGER_SUFFIXES and not p.is_dir() and not p.name.startswith("~$")
        and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
    )


def read_ledgers(corpus: Path, entries: dict[str, dict[str, Any]] | None = None,
                 templates: Templates | None = None) -> LedgerResult:
    """Every ledger of ``corpus`` read into documents, mentions and failure lines.

    ``entries``: ``corpus.yaml``'s entries by file name (None: read them from ``corpus``);
    ``templates``: the chain templates whose product vocabulary names the products (None: the
    packaged ones).
    """
    entries = load_metadata(corpus) if entries is None else entries
    reader = _Reader(vocabulary(templates))
    for path in ledger_files(corpus):
        name = path.relative_to(corpus).as_posix()
        try:
            reader.read_file(path, name, entries.get(name))
        except ChainkgError as exc:
            log.info("failed: %s", exc)
            reader.failures.append(str(exc))
    return LedgerResult(tuple(reader.documents), tuple(reader.projects), tuple(reader.statements),
                        tuple(reader.failures), tuple(reader.places))


# ---------------------------------------------------------------- reading cells


Table = tuple["str | None", list[list[Any]]]


def xlsx_tables(path: Path, data: bytes) -> list[Table]:
    """(sheet name, rows of cell values) for every sheet of a workbook (cached formula values)."""
    import openpyxl  # here: a build whose corpus holds no workbook never loads it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # not a zip (BadZipFile), missing parts (KeyError), broken XML inside: many kinds
        raise ChainkgError(f"{path}: corrupt or not an Excel .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    tables = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
    book.close()
    return tables


def csv_tables(path: Path, data: bytes) -> tuple[list[Table], str]:
    """The one table of a CSV file (sheet None) and the encoding it was decoded as."""
    decoded = decode_text(path, data)
    text = decoded.text
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise ChainkgError(f"{path}: not a readable CSV file ({exc})") from exc
    return [(None, rows)], decoded.encoding


def cell_text(value: Any) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without ".0", text stripped."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"
    return _SPACE.sub(" ", str(value)).strip()


# ---------------------------------------------------------------- header


@dataclass(frozen=True)
class Header:
    """A sheet's header row: its index (0-based) and, per field, the column, the header as
    written and the unit in brackets; the headers of every column; the ignored ones (unknown,
    or a second column of a field: the first one is read)."""

    index: int
    columns: dict[str, int]
    written: dict[str, str]
    units: dict[str, str | None]
    names: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def kind(self) -> str:
        """台账 when there is a project or status column, else 名录."""
        return PROJECT_LEDGER if {"project", "status"} & set(self.columns) else DIRECTORY

    def missing(self) -> list[str]:
        """The required columns this sheet lacks, as messages name them."""
        have = set(self.columns)
        if self.kind == PROJECT_LEDGER:
            out = [] if {"product", "project"} & have else [_MESSAGES["missing_product"]]
            return out + ([] if {"company", "project"} & have else [_MESSAGES["missing_company"]])
        return [FIELD_ZH[f] for f in ("company", "product") if f not in have]


def find_header(rows: Sequence[Sequence[Any]]) -> Header | None:
    """The header row among the first :data:`HEADER_ROWS` rows: the one with the most known
    headers (the first of equals); None when no row has one."""
    spec = ledger_spec()
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_ROWS]):
        known = {spec.fields.get(normalize_header(cell_text(c))[0]) for c in row} - {None}
        if known and (best is None or len(known) > best[1]):
            best = (i, len(known))
    if best is None:
        return None
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    units: dict[str, str | None] = {}
    unknown = []
    names = tuple(cell_text(c) for c in rows[best[0]])
    for col, text in enumerate(names):
        if not text:
            continue
        key, unit = normalize_header(text)
        name = spec.fields.get(key)
        if name is None or name in columns:
            unknown.append(text if name is None else f"{text} (a second {FIELD_ZH[name]} column)")
            continue
        columns[name], written[name], units[name] = col, text, unit
    return Header(best[0], columns, written, units, names, tuple(unknown))


# ---------------------------------------------------------------- rows


class BadRow(Exception):
    """A row that cannot be read: the message says why."""


@dataclass
class _Row:
    """One data row: its cells by field, and its text with where each field's value sits in it."""

    number: int
    values: dict[str, str]
    text: str
    offsets: dict[str, int]  # field -> start of its value in ``text``

    def span(self, kind: str, fld: str, base: int, inner: tuple[int, int] | None = None) -> MentionSpan | None:
        """The span of field ``fld`` (or of ``inner`` within its value) as a mention of ``kind``,
        in the document's text (``base``: where the row's text starts)."""
        if fld not in self.offsets:
            return None
        value = self.values[fld]
        a, b = inner or (0, len(value))
        start = base + self.offsets[fld] + a
        return MentionSpan(kind=kind, text=value[a:b], start=start, end=start + b - a, orig_start=start,
                           orig_end=start + b - a)


def row_text(names: Sequence[str], cells: Sequence[str]) -> tuple[str, dict[int, int]]:
    """The row as "表头: 值; 表头: 值" (empty cells left out) and where each column's value starts."""
    parts, starts, pos = [], {}, 0
    for col, value in enumerate(cells):
        header = names[col] if col < len(names) else ""
        if not value or not header:
            continue
        prefix = ("; " if parts else "") + f"{header}: "
        starts[col] = pos + len(prefix)
        parts.append(prefix + value)
        pos += len(prefix) + len(value)
    return "".join(parts), starts


class _Reader:
    """Reads ledger files one after the other, gathering documents, facts and failures."""

    def __init__(self, vocab: ProductVocabulary) -> None:
        self.vocab = vocab
        self.terms = sorted(vocab.terms, key=len, reverse=True)
        spec = ledger_spec()
        self.spec = spec
        self.phrases = sorted(status_phrases(), key=len, reverse=True)
        self.words = sorted(spec.status_words, key=len, reverse=True)
        self.place_ids = {row["pattern"]: (row["id"], row.get("kind", "place"))
                          for row in pattern_rows("places.jsonl") if isinstance(row.get("pattern"), str)}
        self.place_patterns = sorted(self.place_ids, key=len, reverse=True)
        self.documents: list[Document] = []
        self.projects: list[ProjectMention] = []
        self.statements: list[Statement] = []
        self.places: list[tuple[str, str, Evidence]] = []
        self.failures: list[str] = []

    # -- files ---------------------------------------------------------------
    def read_file(self, path: Path, name: str, entry: dict[str, Any] | None) -> None:
        data = read_bytes(path)
        if not data.strip():
            raise ChainkgError(f"{path}: empty file")
        if path.suffix.lower() == ".xlsx":
            tables, encoding = xlsx_tables(path, data), "xlsx"
        else:
            tables, encoding = csv_tables(path, data)
        headers = [(sheet, rows, find_header(rows)) for sheet, rows in tables]
        if all(h is None for _, _, h in headers):
            raise ChainkgError(f"{path}: no ledger header in the first {HEADER_ROWS} rows"
                               f"{' of any sheet' if len(tables) > 1 else ''} (expected columns such as "
                               f"{', '.join(_MESSAGES['expected_columns'])}; see data/{LEDGER_COLUMNS})")
        digest = hashlib.sha256(data).hexdigest()
        doc_id = digest[:ID_LENGTH]
        above = " ".join(cell_text(c) for _, rows, h in headers if h is not None for r in rows[:h.index] for c in r)
        meta = metadata(entry, (), _file_day(path), above)
        if not (entry or {}).get("title"):
            meta["title"] = path.stem
        if not (entry or {}).get("kind"):
            meta["kind"] = "ledger"
        lines: list[str] = []
        sentences: list[Sentence] = []
        pos = 0
        for sheet, rows, header in headers:
            where = f"{path} [sheet {sheet}]" if sheet is not None else str(path)
            if header is None:
                log.info("%s: no ledger header in the first %d rows, sheet skipped", where, HEADER_ROWS)
                continue
            missing = header.missing()
            if missing:
                found = ", ".join(n for n in header.names if n) or "none"
                self.failures.append(f"{where}: missing required column(s) {', '.join(missing)} "
                                     f"(headers found: {found})")
                continue
            if header.unknown:
                log.info("%s: column(s) ignored (see data/%s): %s", where, LEDGER_COLUMNS, ", ".join(header.unknown))
            for number, cells in enumerate(rows[header.index + 1:], start=header.index + 2):
                texts = [cell_text(c) for c in cells]
                if not any(texts):
                    continue
                first = next(t for t in texts if t)
                if first.startswith(_NOT_A_RECORD) and sum(bool(t) for t in texts) <= 2:
                    log.info("%s row %d: a note or total, not a record: %s", where, number, first[:30])
                    continue
                text, starts = row_text(header.names, texts)
                values = {f: texts[c] for f, c in header.columns.items() if c < len(texts) and texts[c]}
                offsets = {f: starts[c] for f, c in header.columns.items() if c in starts}
                row = _Row(number, values, text, offsets)
                row_where = f"{path} sheet {sheet} row {number}" if sheet is not None else f"{path} row {number}"
                try:
                    if header.kind == PROJECT_LEDGER:
                        facts = self.project_row(row, header, doc_id, sheet, pos, meta.get("date"))
                    else:
                        facts = self.directory_row(row, header, doc_id, sheet, pos, meta.get("date"))
                except BadRow as exc:
                    self.failures.append(f"{row_where}: {exc}")
                    continue
                self.add(facts)
                sentences.append(Sentence(index=number, text=text, start=pos, end=pos + len(text), orig_start=pos,
                                          orig_end=pos + len(text), headings=(sheet,) if sheet else ()))
                lines.append(text)
                pos += len(text) + 1
        log.info("%s: ledger, %d row(s) read", name, len(sentences))
        if sentences:  # a file none of whose rows loaded is no source
            self.documents.append(Document(id=doc_id, file=name, meta=meta, encoding=encoding, sha256=digest,
                                           text="\n".join(lines), sentences=tuple(sentences)))

    def add(self, facts: Iterable[ProjectMention | Statement | tuple[str, str, Evidence]]) -> None:
        for fact in facts:
            if isinstance(fact, ProjectMention):
                self.projects.append(fact)
            elif isinstance(fact, Statement):
                self.statements.append(fact)
            else:
                self.places.append(fact)

    # -- cells ---------------------------------------------------------------
    def product(self, *cells: str) -> tuple[str, str, tuple[int, int] | None, int] | None:
        """(canonical product, as written, where in the cell, which cell) of the first cell
        holding a known product (the longest one in it); else the first non-empty cell without
        a leading figure, grade and plant words; None when all are empty."""
        for i, cell in enumerate(cells):
            hits = [(cell.find(t), t) for t in self.terms if t in cell]
            if hits:
                longest = max(len(t) for _, t in hits)
                at, term = min((a, t) for a, t in hits if len(t) == longest)
                return self.vocab.terms[term], term, (at, at + len(term)), i
        for i, cell in enumerate(cells):
            rest = cell
            for _s, end, _cap in find_capacities(cell):
                rest = cell[end:]
                break
            cleaned = clean_product(rest.strip(" :：,，。"))
            if cleaned:
                return cleaned, rest.strip(), None, i
        return None

    def capacity(self, row: _Row, header: Header, fallback: Sequence[str]) -> Capacity | None:
        """The capacity cell parsed (a bare number takes the unit of its header: 产能(万吨/年));
        without one, a figure in the project name or product cell; a capacity cell with no
        figure in a known unit is a bad row."""
        cell = row.values.get("capacity")
        if not cell:
            return next((c for text in fallback for c in [parse_capacity(text)] if c is not None), None)
        found = parse_capacity(cell)
        unit = header.units.get("capacity")
        if found is None and unit and _NUMBER.match(unicodedata.normalize("NFKC", cell)):
            found = parse_capacity(cell + unit)
        if found is None:
            raise BadRow(f"{header.written['capacity']} {cell!r}: no capacity figure in a known unit "
                         f"({', '.join(_MESSAGES['capacity_units'])} …)")
        return found

    def status(self, cell: str) -> tuple[str, int, str] | None:
        """(key, rank, phrase) of the status cell: the text's status phrases first (the most
        advanced of those in it, a denied one skipped: 未投产), else the ledger's own words."""
        found = []
        taken = [False] * len(cell)
        for phrase in self.phrases:
            for m in re.finditer(re.escape(phrase), cell):
                if any(taken[m.start():m.end()]):
                    continue
                taken[m.start():m.end()] = [True] * len(phrase)
                if not cell[:m.start()].endswith(self.spec.negations):
                    found.append(phrase)
        best = best_status(found)
        if best is not None:
            return best
        word = next((w for w in self.words if w in cell), None)
        if word is None:
            return None
        key = self.spec.status_words[word]
        return key, rank(key), word

    def place(self, cell: str) -> tuple[str, str | None]:
        """(place, kind): the longest known place in the cell under its canonical name, else the
        cell as written (kind None)."""
        hit = next((p for p in self.place_patterns if p in cell), None)
        return self.place_ids[hit] if hit is not None else (cell, None)

    def evidence(self, row: _Row, doc_id: str, sheet: str | None, base: int, doc_date: str | None,
                 spans: list[MentionSpan | None], status_text: str | None = None) -> Evidence:
        date = date_in(row.values["date"]) if row.values.get("date") else None
        return Evidence(doc_id=doc_id, sentence_index=row.number, sentence=row.text, sentence_start=base,
                        sentence_end=base + len(row.text), orig_start=base, orig_end=base + len(row.text),
                        spans=tuple(sorted((s for s in spans if s is not None), key=lambda s: (s.start, s.kind))),
                        headings=(), status_text=status_text, mode="reported", sheet=sheet, row=row.number,
                        date=date or doc_date)

    def _place_facts(self, row: _Row, ev: Evidence, base: int) -> tuple[str | None, list[tuple[str, str, Evidence]]]:
        cell = row.values.get("place")
        if not cell:
            return None, []
        place, kind = self.place(cell)
        if kind is None:
            return place, []
        span = row.span("place", "place", base)
        return place, [(place, kind, replace(ev, spans=(span,) if span else ()))]

    # -- records -------------------------------------------------------------
    def project_row(self, row: _Row, header: Header, doc_id: str, sheet: str | None, base: int,
                    doc_date: str | None) -> list[Any]:
        """A project-ledger row -> one project mention (and the place it names)."""
        v = row.values
        fields = [f for f in ("product", "project") if v.get(f)]
        found = self.product(*(v[f] for f in fields))
        if found is None:
            raise BadRow(f"no product ({FIELD_ZH['product']} and {FIELD_ZH['project']} are empty)")
        product, written, inner, which = found
        company = v.get("company")
        if not company and not v.get("project"):
            raise BadRow(f"no company and no project name ({FIELD_ZH['company']}, {FIELD_ZH['project']} are empty)")
        capacity = self.capacity(row, header, [v[f] for f in ("project", "product") if v.get(f)])
        status = self.status(v["status"]) if v.get("status") else None
        if v.get("status") and status is None:
            log.info("%s row %d: status %r is not on the status scale", sheet or doc_id, row.number, v["status"])
        phase = next((m.group() for f in ("project", "product") if v.get(f) for m in [_PHASE.search(v[f])] if m), None)
        status_span = None
        if status is not None:
            at = v["status"].find(status[2])
            status_span = row.span("status", "status", base, (at, at + len(status[2])))
        spans = [row.span("product", fields[which], base, inner), row.span("company", "company", base),
                 row.span("capacity", "capacity", base), status_span]
        ev = self.evidence(row, doc_id, sheet, base, doc_date, spans, status[2] if status else None)
        place, places = self._place_facts(row, ev, base)
        place_span = row.span("place", "place", base)
        if place is not None and place_span is not None:
            ev = replace(ev, spans=tuple(sorted([*ev.spans, place_span], key=lambda s: (s.start, s.kind))))
        mention = ProjectMention(
            company=company or None, product=product, product_text=written, capacity=capacity, phase=phase,
            status=status[0] if status else None, status_rank=status[1] if status else 0,
            status_text=status[2] if status else None, mode="reported", place=place,
            evidence=replace(ev, rule=LEDGER_ROW), rule=LEDGER_ROW)
        return [mention, *places]

    def directory_row(self, row: _Row, header: Header, doc_id: str, sheet: str | None, base: int,
                      doc_date: str | None) -> list[Any]:
        """A firm-directory row -> one ``operating`` statement per product in its product cell."""
        v = row.values
        company = v.get("company")
        if not company:
            raise BadRow(f"no company ({header.written['company']} is empty)")
        cell = v.get("product", "")
        items = split_products(cell)
        if not items:
            raise BadRow(f"no product ({header.written['product']} is empty)")
        capacity = self.capacity(row, header, []) if len(items) == 1 else None
        if len(items) > 1 and v.get("capacity"):
            log.info("%s row %d: one capacity for %d products: not attached", sheet or doc_id, row.number, len(items))
        out: list[Any] = []
        place = None
        at = 0
        for item in items:
            start = cell.find(item, at)
            at = start + len(item)
            found = self.product(item)
            assert found is not None  # item is not empty
            product, written, inner, _ = found
            span_at = (start + inner[0], start + inner[1]) if inner else (start, start + len(item))
            spans = [row.span("product", "product", base, span_at), row.span("company", "company", base)]
            ev = self.evidence(row, doc_id, sheet, base, doc_date, spans)
            place, places = self._place_facts(row, ev, base)
            if not out:
                out += places
            out.append(Statement(kind="operating", standing="present", product=product, product_text=written,
                                 company=company, place=place, capacity=capacity, rule=LEDGER_DIRECTORY,
                                 cue=header.written["product"], evidence=(replace(ev, rule=LEDGER_DIRECTORY),)))
        return out
