"""Document text made safe for the tools it is shown in: a terminal, a spreadsheet, a JSON reader.

Names and sentences come from documents anyone may have written. Printed raw, an escape
sequence in them drives the terminal (colours, cursor moves, a changed window title); a CSV
cell opening with ``=`` is a formula in Excel or WPS (``=HYPERLINK(…)``, OWASP "CSV
injection"). So:

- terminal text (tables, error lines, summaries): control characters (C0, DEL, C1) and the
  bidirectional controls are taken out, tabs and line breaks become spaces, so an error stays
  on one line;
- CSV cells of text that open with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a
  leading ``'`` (OWASP's advice), so a spreadsheet shows them as text; control characters
  other than tab and line break are taken out;
- JSON keeps every character, escaping those a terminal would act on (``\\u001b``, ``\\u009b``).

>>> for_terminal("南玻\\x1b[2J集团\\n二期\\u202e")
'南玻[2J集团 二期'
>>> csv_text("=HYPERLINK(\\"http://x\\")"), csv_text("-3 万吨"), csv_text("碳酸锂")
('\\'=HYPERLINK("http://x")', "'-3 万吨", '碳酸锂')
>>> json_text('["a\\x9b\\u202eb"]')
'["a\\\\u009b\\\\u202eb"]'
"""

from __future__ import annotations

import re

BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]")
_CONTROLS = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI}]")
_CSV_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")  # keeps tab and line break
_JSON_RAW = re.compile(f"[\\x7f-\\x9f{BIDI}\u2028\u2029]")  # json.dumps escapes C0 itself
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: str) -> str:
    """``text`` without control characters and bidirectional controls; breaks become spaces."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


def csv_text(text: str) -> str:
    """A CSV cell of document text: neutralised when a spreadsheet would read it as a formula,
    carriage returns made line breaks (the CSV writer quotes those; a bare one would cut the
    row), other control characters taken out."""
    text = "'" + text if text.startswith(FORMULA_START) else text
    return _CSV_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1 and bidirectional
    controls escaped as ``\\uXXXX`` (they can only occur inside strings there)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
