"""Write :class:`~chainkg.views.tables.Table` lists as an Excel workbook with openpyxl.

Each table is one sheet with its Chinese name: a bold header row on a tinted fill, frozen
(it stays on screen while scrolling), an auto-filter over the header, column widths from the
table's columns (long-text columns wrap), and print settings for A4 landscape with the header
row repeated on every printed page and the sheet fitted to the page width. The table's note
goes into the sheet's header/footer so a printed page says what it lists. Values are written
as they are (numbers stay numbers), never as formulas: a text starting with ``=`` is written
as text.

>>> from chainkg.views.tables import Column, Table
>>> import io, openpyxl
>>> t = Table("清单", "示例", [Column("a", "名称", 10), Column("b", "数量", 8)], [{"a": "=1+1", "b": 3}])
>>> buffer = io.BytesIO()
>>> write_workbook([t], buffer)
>>> ws = openpyxl.load_workbook(buffer)["清单"]
>>> [c.value for c in ws[1]], [c.value for c in ws[2]], ws.freeze_panes, ws.auto_filter.ref
(['名称', '数量'], ['=1+1', 3], 'A2', 'A1:B2')
>>> ws["A2"].data_type
's'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chainkg.errors import ChainkgError
from chainkg.views.tables import Table

HEADER_FILL = PatternFill("solid", fgColor="DCE8F5")
HEADER_FONT = Font(bold=True, color="1F3B5C")
THIN = Side(style="thin", color="B0B8C4")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MAX_SHEET_NAME = 31
"""Excel's limit on a sheet name's length."""


def _cell_value(value: Any) -> Any:
    """A value Excel keeps as written: lists joined with "、", None empty, bools as 是/否."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value


def _styles(wb: Workbook) -> None:
    """Register the three cell styles once per workbook: naming a style per cell is far cheaper
    than setting font, fill, border and alignment on each."""
    wb.add_named_style(NamedStyle("表头", font=HEADER_FONT, fill=HEADER_FILL, border=BORDER,
                                  alignment=Alignment(vertical="center", wrap_text=True)))
    wb.add_named_style(NamedStyle("单元格", border=BORDER, alignment=Alignment(vertical="top")))
    wb.add_named_style(NamedStyle("长文本", border=BORDER, alignment=Alignment(vertical="top", wrap_text=True)))


def _fill_sheet(ws: Worksheet, table: Table) -> None:
    ws.append([c.header for c in table.columns])
    for row in table.rows:
        ws.append([_cell_value(row.get(c.key)) for c in table.columns])
    for i, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    for cell in ws[1]:
        cell.style = "表头"
    styles = ["长文本" if c.wrap else "单元格" for c in table.columns]
    formats = [c.number_format for c in table.columns]
    for r in ws.iter_rows(min_row=2):
        for cell, style, number_format in zip(r, styles, formats):
            cell.style = style
            if number_format:
                cell.number_format = number_format
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    last = f"{get_column_letter(len(table.columns))}{max(ws.max_row, 1)}"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = f"{table.name}:{table.note}"
    ws.oddFooter.center.text = "第 &P 页,共 &N 页"


def write_workbook(tables: Sequence[Table], target: str | os.PathLike[str] | IO[bytes],
                   properties: dict[str, str] | None = None) -> None:
    """Write ``tables`` as one workbook, a sheet each, to a path (atomically) or a binary stream.

    ``properties``: document properties (title, subject …). A sheet name longer than Excel's 31
    characters or given twice is a ChainkgError.
    """
    names = [t.name for t in tables]
    for name in names:
        if len(name) > MAX_SHEET_NAME or names.count(name) > 1:
            raise ChainkgError(f"sheet name {name!r}: longer than {MAX_SHEET_NAME} characters or used twice")
    wb = Workbook()
    wb.remove(wb.active)
    _styles(wb)
    for table in tables:
        _fill_sheet(wb.create_sheet(table.name), table)
    for key, value in (properties or {}).items():
        setattr(wb.properties, key, value)
    if not isinstance(target, (str, os.PathLike)):
        wb.save(target)
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
