"""File bytes to decoded text, one reader per format, and a clear error for each bad file.

- ``.txt``/``.md``: the text encoding is detected by charset-normalizer (UTF-8 with or without
  BOM, GB18030/GBK, Big5, …); the decoded text is the original every offset indexes.
- ``.html``/``.htm``: visible text only (BeautifulSoup): no scripts, styles, forms, navigation,
  page header/footer chrome or hidden elements; block elements become paragraphs and
  ``<h1>``-``<h6>`` become Markdown ``#`` lines.
- ``.docx``: paragraphs and table cells in document order (python-docx); heading styles
  become Markdown ``#`` lines, wholly bold paragraphs ``**…**``.
- ``.pdf``: the text layer, page by page (pypdf).

Spreadsheets (``.xlsx``, ``.csv``: :data:`LEDGER_SUFFIXES`) are staff ledgers, read row by row
by :mod:`chainkg.ingest.ledger`, not here.

For html, docx and pdf the "original text" that ``orig_start``/``orig_end`` index is this
extracted plain text (rebuild it with :func:`decode`), not the file's bytes.

Every problem is a :class:`~chainkg.errors.ChainkgError` naming the file: unreadable, not a
regular file (FIFO, device, socket), larger than the limit (``$CHAINKG_MAX_FILE_MB``), empty,
binary, undecodable, corrupt docx or pdf, pdf without a text layer.

>>> decode(Path("a.txt"), "某园区年产3万吨碳酸锂项目开工。".encode("gb18030"))
Decoded(text='某园区年产3万吨碳酸锂项目开工。', encoding='gb18030')

Detection needs some text: a file of only a few words can be ambiguous between GB18030 and
Big5 (both read the same bytes as Chinese); such files are safest in UTF-8.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import charset_normalizer

from chainkg.errors import ChainkgError
from chainkg.settings import MAX_FILE_ENV, max_file_bytes

if TYPE_CHECKING:  # the html, docx and pdf libraries load in their readers, only for files of their kind
    from bs4 import Tag
    from docx.text.paragraph import Paragraph

UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f")
CHROME = ["script", "style", "noscript", "template", "nav", "form", "button", "select", "iframe", "svg", "head", "aside"]
BLOCKS = [
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "td", "th", "blockquote", "pre", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "footer", "address", "caption",
]
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
DOCX_HEADING = re.compile(r"^Heading (\d)$")


@dataclass(frozen=True)
class Decoded:
    """A file's text and what it was decoded as (an encoding, or "docx"/"pdf")."""

    text: str
    encoding: str


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (after symlinks); a ChainkgError naming it when it
    cannot be read, is not a regular file (a FIFO, device or socket: never waited on), or is
    larger than ``limit`` bytes (default :func:`chainkg.settings.max_file_bytes`).

    The file is opened without blocking and checked on the open descriptor, so a FIFO or a
    device never holds the build.
    """
    limit = max_file_bytes() if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        try:  # a socket cannot be opened at all: say what it is
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise ChainkgError(f"{path}: {_kind(mode)}, not a regular file; skipped") from exc
        raise ChainkgError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ChainkgError(f"{path}: {_kind(info.st_mode)}, not a regular file; skipped")
        if info.st_size > limit:
            raise ChainkgError(f"{path}: {info.st_size / 1e6:.1f} MB, larger than the limit of {limit / 1e6:.0f} MB; "
                               f"skipped (raise it with {MAX_FILE_ENV}=<MB>)")
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise ChainkgError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > limit:  # it grew while we read it
        raise ChainkgError(f"{path}: larger than the limit of {limit / 1e6:.0f} MB; skipped (raise it with {MAX_FILE_ENV}=<MB>)")
    return data


def check_not_binary(path: Path, data: bytes) -> None:
    """Refuse bytes with NULs or many control bytes (unless a UTF-16/32 BOM explains them)."""
    if data.startswith(UTF16_32_BOMS):
        return
    if b"\x00" in data or sum(data.count(b) for b in CONTROL_BYTES) > len(data) // 20:
        raise ChainkgError(f"{path}: binary file, not text (it holds NUL or control bytes)")


def decode_text(path: Path, data: bytes) -> Decoded:
    """Plain text bytes decoded with the encoding charset-normalizer detects.

    Among its equally good candidates (short texts fit several CJK encodings) the one it
    reads as Chinese is taken: this is a Chinese corpus.
    """
    check_not_binary(path, data)
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is not None:
        best = next((m for m in matches if m.language == "Chinese" and m.chaos <= best.chaos), best)
    if best is None:
        raise ChainkgError(f"{path}: undecodable text: no text encoding (UTF-8, GB18030, Big5, …) fits its bytes")
    encoding = "utf_8_sig" if best.encoding == "utf_8" and best.bom else best.encoding
    return Decoded(str(best).removeprefix("\ufeff"), encoding)


def _visible(tag: Tag) -> bool:
    style = tag.get("style")
    return not (
        tag.has_attr("hidden")
        or tag.get("aria-hidden") == "true"
        or (isinstance(style, str) and HIDDEN_STYLE.search(style))
    )


def decode_html(path: Path, data: bytes) -> Decoded:
    """The visible text of an HTML page, one block element per paragraph."""
    from bs4 import BeautifulSoup  # here: a corpus of text files never loads it (a tenth of a second of a build)

    check_not_binary(path, data)
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup.find_all(CHROME):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        if tag.find_parent("article") is None:
            tag.decompose()
    for tag in [t for t in soup.find_all(True) if not _visible(t)]:
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        tag.insert(0, "#" * int(tag.name[1]) + " ")
    for tag in soup.find_all(BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    return Decoded(soup.get_text(), soup.original_encoding or "utf-8")


def _docx_paragraph(paragraph: Paragraph) -> str:
    text = paragraph.text
    level = DOCX_HEADING.match(paragraph.style.name if paragraph.style is not None else "")
    if level:
        return "#" * min(int(level.group(1)), 6) + " " + text
    if paragraph.style is not None and paragraph.style.name == "Title":
        return "# " + text
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.bold for r in runs):
        return f"**{text.strip()}**"
    return text


def decode_docx(path: Path, data: bytes) -> Decoded:
    """The text of a Word document: paragraphs and table cells in document order."""
    import docx  # here, with what follows: only Word files need python-docx and lxml
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise ChainkgError(f"{path}: corrupt or not a Word .docx file ({exc})") from exc
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(p.text for row in block.rows for cell in row.cells for p in cell.paragraphs)
        else:
            parts.append(_docx_paragraph(block))
    return Decoded("\n\n".join(parts), "docx")


def decode_pdf(path: Path, data: bytes) -> Decoded:
    """The text layer of a PDF, page after page."""
    import pypdf  # here: only PDF files need it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ChainkgError(f"{path}: PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ChainkgError(f"{path}: corrupt PDF ({exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ChainkgError(f"{path}: PDF has no text layer (scanned pages?); run OCR on it first")
    return Decoded(text, "pdf")


READERS: dict[str, Callable[[Path, bytes], Decoded]] = {
    ".txt": decode_text,
    ".md": decode_text,
    ".html": decode_html,
    ".htm": decode_html,
    ".docx": decode_docx,
    ".pdf": decode_pdf,
}


LEDGER_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv")
"""Spreadsheets read as staff ledgers (:mod:`chainkg.ingest.ledger`), not as text documents."""


def decode(path: Path, data: bytes) -> Decoded:
    """``data`` (the bytes of ``path``) decoded by the reader for its suffix; never empty."""
    if not data.strip():
        raise ChainkgError(f"{path}: empty file")
    decoded = READERS[path.suffix.lower()](path, data)
    if not decoded.text.strip():
        raise ChainkgError(f"{path}: empty file (no text in it)")
    return decoded
