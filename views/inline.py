"""Making a page self-contained and safe: inlined scripts and data inside ``<script>`` tags.

pyvis 0.3.2 writes pages that load vis-network, Bootstrap and tom-select from CDNs even in its
``local``/``in_line`` modes; our pages work offline from ``file://``, so the vis-network build
that ships inside the pyvis package (``pyvis/lib/vis-9.1.2``, Apache-2.0 / MIT) is read from
there and inlined, and nothing else external is used. vis-network draws on a canvas and our
pages enable none of its HTML widgets (tooltips, navigation buttons, manipulation), so its CSS
(mostly base64 button images) is not needed.

Text that ends up inside a ``<script>`` element must not be able to close it: data goes into a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as JSON
``\\u`` escapes, which ``JSON.parse`` turns back into the same characters.

>>> json_for_script({"name": "</script><img src=x onerror=alert(1)>"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
>>> "</script" in script_text("var s = '</script>';")
False
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from chainkg.errors import ChainkgError

VIS_NETWORK_JS = ("lib", "vis-9.1.2", "vis-network.min.js")

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CLOSE_SCRIPT = re.compile(r"</(script)", re.IGNORECASE)


def json_for_script(data: Any) -> str:
    """JSON text that is safe as the body of a ``<script type="application/json">`` element."""
    return "".join(json_pieces_for_script(data))


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""One value as JSON text, by the json module's C encoder (``iterencode``, which streams, is its
pure-Python twin: several times slower, with the same text)."""
PIECE_DEPTH = 2
"""Containers down to this depth are written item by item; deeper values are one piece each."""


def json_pieces_for_script(data: Any) -> Iterator[str]:
    """:func:`json_for_script` in pieces, for a page written piece by piece: the items of the
    outer containers (down to :data:`PIECE_DEPTH`: the nodes of a view's data, the rows of a
    search list) one piece each, so no piece grows with the page. The escapes are of single
    characters, so each piece is escaped on its own.

    >>> list(json_pieces_for_script({"nodes": [{"id": "<a>"}], "n": 1}))
    ['{"nodes":', '[', '{"id":"\\\\u003ca\\\\u003e"}', ']', ',"n":', '1', '}']
    """
    for piece in _pieces(data, PIECE_DEPTH):
        yield _script_safe(piece)


def _script_safe(json_text: str) -> str:
    """JSON text with ``<``, ``>`` and ``&`` as ``\\u`` escapes (module docstring)."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _pieces(data: Any, depth: int) -> Iterator[str]:
    """The JSON text of ``data`` as :data:`_ENCODE` gives it, in pieces: the text of a container
    is its brackets around its items' texts joined by commas, so it is made item by item down
    to ``depth``. Dicts with a key that is not a string (the encoder converts those) are one piece."""
    if depth and type(data) is dict and data and all(type(key) is str for key in data):
        opening = "{"
        for key, value in data.items():
            yield opening + _ENCODE(key) + ":"
            yield from _pieces(value, depth - 1)
            opening = ","
        yield "}"
    elif depth and type(data) in (list, tuple) and data:
        opening = "["
        for item in data:
            yield opening
            yield from _pieces(item, depth - 1)
            opening = ","
        yield "]"
    else:
        yield _ENCODE(data)


def data_file_text(payload: dict[str, Any]) -> str:
    """A page's data file: one call, ``chainkgDom.receive({...});`` (``assets/dom.js``), that
    the page adds as a ``<script>`` beside it; ``payload["file"]`` is the file's name as the page
    asks for it. The JSON is escaped as in a page, so no text of a document can end or change
    the script. A data file is bounded (:data:`chainkg.views.paged.PART_ITEMS` items), so its
    JSON is made by one call of the C encoder, not item by item as a page's
    (:func:`json_pieces_for_script`: a call per item was most of a file's time); same text.

    >>> data_file_text({"file": "a/b.js", "rows": ["</script>"]})
    'chainkgDom.receive({"file":"a/b.js","rows":["\\\\u003c/script\\\\u003e"]});\\n'
    """
    return f"chainkgDom.receive({_script_safe(_ENCODE(payload))});\n"


def script_text(js: str) -> str:
    """JavaScript source made safe to inline: no ``</script`` and no ``<!--`` to end the element early.

    Both only occur inside string or regex literals in real code, where ``<\\/`` and ``\\x3c!--``
    mean the same characters.
    """
    return _CLOSE_SCRIPT.sub(r"<\\/\1", js).replace("<!--", "\\x3c!--")


@cache
def vis_network_js() -> str:
    """The vis-network 9.1.2 standalone build shipped in the pyvis package, ready to inline.

    The trailing ``sourceMappingURL`` comment is dropped so that no tool ever asks for a file
    beside the page.
    """
    spec = importlib.util.find_spec("pyvis")  # found, not imported: pyvis's package imports IPython
    if spec is None or spec.origin is None:
        raise ChainkgError("vis-network not found: the views need pyvis==0.3.2 installed")
    resource = Path(spec.origin).parent.joinpath(*VIS_NETWORK_JS)
    try:
        js = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ChainkgError(
            f"vis-network not found at {resource}: the views need pyvis==0.3.2 installed ({exc})"
        ) from exc
    return script_text(_SOURCE_MAP.sub("", js))
