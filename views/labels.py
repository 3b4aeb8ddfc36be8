"""How big a label is drawn, and where it wraps: the text metrics the fixed layouts plan with.

vis-network draws node labels at :data:`FONT_PX` (14 px in canvas units) with lines of the
same height; in the project's CJK fonts a Chinese character is as wide as the font is high and
digits and Latin letters are a little over half of it (measured in Debian chromium with
fonts-noto-cjk: "10.7万吨碳酸锂" is 101 px). The layouts wrap names themselves, at a width in
canvas pixels, so they know every label's size before the browser draws it; runs of digits and
Latin letters ("10.7", "GW") are never split, and a line breaks after "·" or a space when it can.

>>> text_width("10.7万吨碳酸锂") <= 104
True
>>> wrap("青海国源化工科技二期年产4.5万吨氯酸盐", 112)
'青海国源化工科技\\n二期年产4.5万吨\\n氯酸盐'
>>> label_lines(wrap("基础锂盐", 112))
1
"""

from __future__ import annotations

import re
import unicodedata

FONT_PX = 14
"""Label font size in canvas pixels (vis ``nodes.font.size``)."""
LINE_PX = 14
"""Height of one label line in canvas pixels (vis draws lines one font size apart)."""
NARROW_PX = 8.2
"""Width of a digit, Latin letter or ASCII sign at :data:`FONT_PX` (a little generous)."""

_TOKEN = re.compile(r"[A-Za-z0-9.,%/+\-~]+|\s+|.", re.DOTALL)


def char_width(ch: str) -> float:
    """Width of one character at :data:`FONT_PX`: wide (CJK, full-width) or narrow."""
    return float(FONT_PX) if unicodedata.east_asian_width(ch) in ("W", "F", "A") else NARROW_PX


def text_width(text: str) -> float:
    """Width of one line of ``text`` at :data:`FONT_PX`, in canvas pixels."""
    return sum(char_width(ch) for ch in text)


def wrap(text: str, max_px: float) -> str:
    """``text`` broken into lines of at most ``max_px`` (newlines between them); a run of digits
    or Latin letters wider than a line is the only thing that can overflow."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(str(text).split())):
        if line and text_width(line + token) > max_px:
            if token.isspace():
                lines.append(line)
                line = ""
                continue
            cut = max(line.rfind("·"), line.rfind(" "))
            if 0 < cut < len(line) - 1 and text_width(line[cut + 1:] + token) <= max_px:
                lines.append(line[:cut + 1].rstrip())
                line = line[cut + 1:].lstrip()
            else:
                lines.append(line.rstrip())
                line = ""
        if not (token.isspace() and not line):
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines) or str(text)


def label_lines(text: str) -> int:
    """Number of lines of a wrapped label."""
    return text.count("\n") + 1


def label_size(text: str) -> tuple[float, float]:
    """(width, height) in canvas pixels of a wrapped label."""
    return max(text_width(line) for line in text.split("\n")), float(LINE_PX * label_lines(text))
