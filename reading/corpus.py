"""Ingest a corpus folder into ``OUT/documents.jsonl``: read, normalize, split, write.

Every file with a known suffix (see :data:`chainkg.reading.read.READERS`) under the corpus
folder is read in sorted order; spreadsheets (.xlsx, .csv) are staff ledgers, read by
:mod:`chainkg.ingest.ledger` instead. Metadata (title, kind, issuer, published, covers) comes from
``corpus.yaml`` when it lists the file, otherwise from the file alone (title: its first
heading or first sentence; kind: "unknown"). A file that fails is reported in
``IngestResult.failures`` as one line naming the file and the problem; the others go on. Only
regular files are read (a FIFO, device or socket is reported, never waited on), up to a size
limit (``$CHAINKG_MAX_FILE_MB``). A file with the same bytes as one read before is reported and
left out: a document's id is the hash of its bytes.

``documents.jsonl`` holds one :meth:`Document.to_dict` per line, keys sorted, UTF-8 as is,
so the same corpus always gives the same bytes; it is written to a temporary file in ``OUT``
and renamed into place, so it is never seen half-written.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chainkg.errors import ChainkgError
from chainkg.lexicon import cues
from chainkg.reading.charmap import to_runs
from chainkg.reading.document import Document, Sentence
from chainkg.reading.normalize import normalize
from chainkg.reading.read import LEDGER_SUFFIXES, READERS, decode, read_bytes
from chainkg.reading.rejoin import word_tokenizer
from chainkg.reading.sentences import split_sentences
from chainkg.processes import process_pool, worth_processes
from chainkg.progress import progress

log = logging.getLogger(__name__)

CORPUS_YAML = "corpus.yaml"
META_KEYS = ("title", "kind", "issuer", "published", "covers")
ID_LENGTH = 16
TITLE_MAX = 60


@dataclass(frozen=True)
class IngestResult:
    """What ``ingest_corpus`` made: the documents, one line per failed file, the output path."""

    documents: tuple[Document, ...]
    failures: tuple[str, ...]
    path: Path


def load_metadata(corpus: Path) -> dict[str, dict[str, Any]]:
    """``corpus.yaml``'s entries by file name (empty when there is no ``corpus.yaml``)."""
    path = corpus / CORPUS_YAML
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(read_bytes(path))
    except yaml.YAMLError as exc:
        raise ChainkgError(f"{path}: not valid YAML ({exc})") from exc
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "file" in e for e in entries):
        raise ChainkgError(f"{path}: expected 'documents:' with a list of entries, each with a 'file:'")
    return {str(e["file"]): e for e in entries}


def corpus_files(corpus: Path) -> list[Path]:
    """Files of the corpus with a known suffix, sorted, skipping hidden folders."""
    return sorted(
        p for p in corpus.rglob("*")
        if p.suffix.lower() in READERS and not p.is_dir()
        and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
    )


def metadata(entry: dict[str, Any] | None, sentences: tuple[Sentence, ...], file_date: str | None = None,
             text: str = "") -> dict[str, Any]:
    """The document's metadata: the ``corpus.yaml`` entry, completed from the text itself.

    ``date`` is the document's date for comparing sources: ``published`` from corpus.yaml, else
    the first full date in the opening of the text, else ``file_date`` (the file's modification
    day); ``date_source`` says which.

    >>> metadata(None, (Sentence(0, "海西州报告", 0, 5, 0, 5, flags=("heading",)),), "2024-01-02")
    {'title': '海西州报告', 'kind': 'unknown', 'issuer': None, 'published': None, 'covers': None, 'date': '2024-01-02', 'date_source': 'file'}
    """
    meta = {key: (entry or {}).get(key) for key in META_KEYS}
    if not meta["title"] and sentences:
        heading = next((s for s in sentences if "heading" in s.flags), sentences[0])
        meta["title"] = heading.text[:TITLE_MAX]
    meta["kind"] = meta["kind"] or "unknown"
    stated = date_in(str(meta["published"])) if meta["published"] is not None else None
    in_text = date_in(text[:DATE_WINDOW])
    meta["date"], meta["date_source"] = (stated, "corpus.yaml") if stated else (in_text, "text") if in_text \
        else (file_date, "file") if file_date else (None, None)
    return meta


_YEAR, _MONTH, _DAY = cues()["date_marks"]
_DATE = re.compile(rf"((?:19|20)\d{{2}})(?:\s*[{_YEAR}./-]\s*(\d{{1,2}})(?:\s*[{_MONTH}./-]\s*(\d{{1,2}}))?)?")
DATE_WINDOW = 400
"""How much of a text's opening is searched for its date (a dateline, a byline)."""


def date_in(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (sortable as text).

    >>> date_in("2023年5月4日 本报讯"), date_in("2020-03-31"), date_in("published 2023"), date_in("无")
    ('2023-05-04', '2020-03-31', '2023', None)
    """
    m = _DATE.search(text)
    if m is None:
        return None
    year, month, day = m.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def ingest_file(path: Path, name: str, entry: dict[str, Any] | None) -> Document:
    """One file read, normalized and split into a :class:`Document`."""
    data = read_bytes(path)
    decoded = decode(path, data)
    norm = normalize(decoded.text)
    sentences = tuple(progress(split_sentences(norm, decoded.text), desc=f"sentences {name}", unit="sentence"))
    digest = hashlib.sha256(data).hexdigest()
    log.info("%s: %s, %d sentences, %d rejoined, %d cut", name, decoded.encoding, len(sentences),
             sum("joined" in s.flags for s in sentences), sum("cut" in s.flags for s in sentences))
    return Document(
        id=digest[:ID_LENGTH],
        file=name,
        meta=metadata(entry, sentences, _file_day(path), norm.text),
        encoding=decoded.encoding,
        sha256=digest,
        text=norm.text,
        sentences=sentences,
        char_map=to_runs(norm.offsets),
    )


def _file_day(path: Path) -> str | None:
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except OSError:
        return None


def write_jsonl(documents: tuple[Document, ...], out: Path) -> Path:
    """Write ``OUT/documents.jsonl`` atomically (temporary file, then rename)."""
    if out.exists() and not out.is_dir():
        raise ChainkgError(f"output folder {out} is a file")
    out.mkdir(parents=True, exist_ok=True)
    target = out / "documents.jsonl"
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".documents.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for doc in documents:
                f.write(json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
    return target


def ingest_corpus(corpus: Path | Sequence[Path], out: Path, jobs: int = 1) -> IngestResult:
    """Ingest every document of ``corpus`` (one folder, or several) into ``out/documents.jsonl``,
    the files read on up to ``jobs`` processes (:func:`read_files`; the same documents, failures
    and bytes for any ``jobs``).

    With several folders, each keeps its own ``corpus.yaml`` and a document's ``file`` is named
    with its folder (``corpus-haixi/101_….txt``) so that files of the same name stay apart.
    """
    folders = [corpus] if isinstance(corpus, Path) else list(corpus)
    listed = [_list_folder(folder, "" if len(folders) == 1 else f"{folder.resolve().name}/") for folder in folders]
    every = [file for _, files in listed for file in files]
    documents: list[Document] = []
    failures: list[str] = []
    first: dict[str, str] = {}  # document id -> the file read with those bytes, across folders
    with closing(read_files(every, jobs)) as read:
        results = iter(progress(read, desc="files", total=len(every), unit="file"))
        for unlisted, files in listed:  # each folder's failures in the order one process finds them
            failures += unlisted
            for (path, _name, _entry), document in zip(files, results):  # zip takes a file first: none over
                if isinstance(document, str):
                    log.info("failed: %s", document)
                    failures.append(document)
                elif document.id in first:  # the id is the bytes' hash: one document, not two with one id
                    failures.append(f"{path}: the same bytes as {first[document.id]}, which is read; "
                                    "left out (each text counts once)")
                else:
                    first[document.id] = str(path)
                    documents.append(document)
    target = write_jsonl(tuple(documents), out)
    return IngestResult(tuple(documents), tuple(failures), target)


FileToRead = tuple[Path, str, "dict[str, Any] | None"]
"""A corpus file, the name its document takes and its ``corpus.yaml`` entry (the arguments of :func:`ingest_file`)."""


def _list_folder(corpus: Path, prefix: str) -> tuple[list[str], list[FileToRead]]:
    """One line per file ``corpus.yaml`` lists that is not there to read, and the files to read
    (names with ``prefix``), in order."""
    entries = load_metadata(corpus)
    files = corpus_files(corpus)
    names = {p.relative_to(corpus).as_posix() for p in files}
    unlisted = [
        f"{corpus / name}: listed in {CORPUS_YAML} but "
        + ("not a supported format (" + ", ".join((*READERS, *LEDGER_SUFFIXES)) + ")" if (corpus / name).exists()
           else "not found")
        for name in entries if name not in names
        and not (Path(name).suffix.lower() in LEDGER_SUFFIXES and (corpus / name).is_file())
    ]
    named = [(path, path.relative_to(corpus).as_posix()) for path in files]
    return unlisted, [(path, prefix + name, entries.get(name)) for path, name in named]


MIN_BYTES_PER_JOB = 500_000
"""About a third of a second of ingest on one core: below this per process, starting it costs more than it saves."""


def read_files(files: Sequence[FileToRead], jobs: int = 1) -> Generator[Document | str, None, None]:
    """Each file read into its :class:`Document`, or the line saying why it could not be, in the
    order of ``files``: on up to ``jobs`` processes (:mod:`chainkg.processes`), no more than one
    per :data:`MIN_BYTES_PER_JOB` bytes of files; in this one when that is one. Each file is read
    on its own (nothing crosses files), so the results are the same for any ``jobs``."""
    processes = worth_processes(jobs, len(files), sum(_size(path) for path, _, _ in files), MIN_BYTES_PER_JOB)
    if processes == 1:
        yield from map(_read_file, files)
        return
    log.info("reading %d file(s) on %d processes", len(files), processes)
    word_tokenizer()  # jieba's dictionary (paragraph joins) loaded here once, for the forked workers to share
    with process_pool(processes) as pool:  # in order; a batch of files a task, so each reply carries some
        yield from pool.map(_read_file, files, chunksize=max(1, min(16, len(files) // (processes * 8))))


def _read_file(file: FileToRead) -> Document | str:
    """:func:`ingest_file` of ``file``, or the line saying why it failed."""
    try:
        return ingest_file(*file)
    except ChainkgError as exc:
        return str(exc)


def _size(path: Path) -> int:
    """The size of ``path`` in bytes (0 when it cannot be read: its reading reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
