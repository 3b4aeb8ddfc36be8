"""The cue lexicon: the one place that reads the cue words of ``data/`` (issue 16, item 2).

Every rule that looks for a word (a status verb, a lack or production word, a company suffix, a
unit, a list or heading marker) finds it here, never as a literal in its own module
(``tests/test_cue_lexicon.py`` checks that). The files, each read once:

- ``data/cues.yaml``: named word lists and small tables (:func:`cues`, :func:`cue_tables`);
- ``data/presence.yaml``, ``data/company_shape.yaml``, ``data/ledger_columns.yaml``: the cue files
  of one rule each (:func:`cue_tables` with the file's name);
- ``data/patterns/*.jsonl``: span-ruler patterns (:func:`pattern_rows`): places, status words,
  known firms. Extraction (:mod:`chainkg.ingest.nlp`) turns them into span-ruler patterns;
  normalization (:mod:`chainkg.reading.normalize`) reads the place names to tell a dateline from a
  firm's name.

:func:`one_of` and :func:`char_class` turn a word list into a piece of a regular expression;
:func:`phase_pattern` is the one such piece several rules share (a project's 二期, 首期).
No spaCy needed.

>>> "德令哈" in place_names()
True
>>> "察尔汗" in unregistered_places(), "大柴旦" in unregistered_places()
(True, False)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

from chainkg.errors import ChainkgError


@cache
def pattern_rows(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of ``data/patterns/<name>`` (JSON lines: label, pattern, id, extra keys)."""
    text = resources.files("chainkg.data").joinpath("patterns", name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@cache
def place_names() -> frozenset[str]:
    """Every place name of ``data/patterns/places.jsonl`` (patterns and canonical names)."""
    return frozenset(n for row in pattern_rows("places.jsonl") for n in (row["pattern"], row.get("id")) if n)


#: Place kinds below a county: enterprise names are registered with a county-level or higher
#: division, so a town or a park is never the first part of a registered name.
_UNREGISTERED_KINDS = frozenset({"town", "park"})


@cache
def unregistered_places() -> frozenset[str]:
    """Place patterns no registered firm name starts with: towns and parks, and any row marked
    ``"in_firm_names": false`` (a former county-level unit now a town). Before a firm name such a
    place is where the firm is, not part of its name (察尔汗|某某有限公司)."""
    return frozenset(row["pattern"] for row in pattern_rows("places.jsonl")
                     if row.get("kind") in _UNREGISTERED_KINDS or row.get("in_firm_names") is False)


#: libyaml's safe loader when PyYAML has it (ten times faster: the lexicon is read at every start)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Tables(dict[str, Any]):
    """The tables of one cue file: a table the file lacks is a :class:`ChainkgError` naming the
    file and the table (a rule asking for it cannot run), not a bare ``KeyError``.

    >>> Tables("data/x.yaml", {"a": [1]})["b"]
    Traceback (most recent call last):
    ...
    chainkg.errors.ChainkgError: data/x.yaml: no table 'b' (the rules need it)
    """

    def __init__(self, source: str, tables: dict[str, Any]) -> None:
        super().__init__(tables)
        self.source = source

    def __missing__(self, key: str) -> Any:
        raise ChainkgError(f"{self.source}: no table {key!r} (the rules need it)")


def read_cue_file(text: str, source: str) -> Tables:
    """The tables of a cue file's ``text`` (YAML: table name -> words or a mapping); ``source``
    names the file in errors. Text that is no YAML mapping is a :class:`ChainkgError`.

    >>> read_cue_file("units: [吨, 千瓦]", "data/x.yaml")["units"]
    ['吨', '千瓦']
    >>> read_cue_file("- 吨", "data/x.yaml")
    Traceback (most recent call last):
    ...
    chainkg.errors.ChainkgError: data/x.yaml: the cue lexicon must be a mapping of table name -> words
    """
    try:
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as e:
        raise ChainkgError(f"{source}: cannot read the cue lexicon: {e}") from e
    if not isinstance(raw, dict):
        raise ChainkgError(f"{source}: the cue lexicon must be a mapping of table name -> words")
    return Tables(source, raw)


@cache
def cue_tables(name: str = "cues.yaml") -> Tables:
    """The tables of the cue file ``data/<name>`` as written, read once (shared: never change them).

    >>> "lacking" in cue_tables("presence.yaml")
    True
    """
    try:
        text = resources.files("chainkg.data").joinpath(name).read_text(encoding="utf-8")
    except OSError as e:
        raise ChainkgError(f"data/{name}: cannot read the cue lexicon: {e}") from e
    return read_cue_file(text, f"data/{name}")


@cache
def cues() -> Tables:
    """The word lists of ``data/cues.yaml``: list name -> its words (a tuple, as written, in file
    order).

    Only the tables that are lists; a table of another shape (a mapping, e.g. a rank per word) is
    read with :func:`cue_tables`.

    >>> "新区" in cues()["np_stops"]
    True
    """
    tables = cue_tables()
    return Tables(tables.source, {k: tuple(str(w) for w in v) for k, v in tables.items() if isinstance(v, list)})


def counting_numerals(up_to: int = 10) -> tuple[str, ...]:
    """The Chinese numerals headings, pages and phases are counted with (一、, 第三版, 二期): the
    digits one to nine of ``numeral_digits`` (no zero, no colloquial digit) and the place words of
    ``numeral_places`` up to ``up_to``.

    >>> "".join(counting_numerals()), "".join(counting_numerals(100))
    ('一二三四五六七八九十', '一二三四五六七八九十百')
    """
    tables = cue_tables()
    digits = [d for d, v in tables["numeral_digits"].items() if v and d not in cues()["numeral_colloquial"]]
    return (*digits, *(p for p, v in tables["numeral_places"].items() if v <= up_to))


def one_of(words: Iterable[str], *, escape: bool = True) -> str:
    """A non-capturing regex group matching any of ``words``, longest first (so 电站项目 wins
    over 电站); ``escape=False`` keeps words that are themselves patterns.

    >>> one_of(["电站", "电站项目", "万吨/年"])
    '(?:电站项目|万吨/年|电站)'
    >>> re.fullmatch(one_of(["年产", "产"]), "年产") is not None
    True
    """
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    if not ordered:
        raise ValueError("one_of: no words (an empty alternation would match everywhere)")
    return "(?:" + "|".join(re.escape(w) if escape else w for w in ordered) + ")"


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of single characters (a cue table of one-character words).

    >>> char_class(["省", "市", "县"])
    '[省市县]'
    >>> re.fullmatch(char_class(["-", "]"]), "]") is not None
    True
    """
    chars = list(dict.fromkeys(chars))
    if not chars or any(len(c) != 1 for c in chars):
        raise ValueError(f"char_class: expected single characters, got {chars!r}")
    return "[" + "".join(re.escape(c) if c in "\\]^-[" else c for c in chars) + "]"


@cache
def canonical_phase(phase: str) -> str:
    """Rule ``phase_name``: a phase as the gold and the graph name it, counted in Chinese
    numerals: a first word (首期) is 一期, a digit (3期) its numeral; a phase of more than
    nine, or one not written with a phase mark, stays as written.

    >>> canonical_phase("首期"), canonical_phase("3期"), canonical_phase("二期"), canonical_phase("12期")
    ('一期', '三期', '二期', '12期')
    """
    numerals = counting_numerals()
    head, mark = phase[:-1], phase[-1:]
    if mark not in cues()["phase_marks"]:
        return phase
    if head in cues()["phase_firsts"]:
        return numerals[0] + mark
    if len(head) == 1 and head in "123456789":
        return numerals[int(head) - 1] + mark
    return phase


def phase_pattern() -> str:
    """A regex piece matching a phase of a project (二期, 首期, 3期): a counting numeral up to ten,
    a word of ``phase_firsts`` or a digit, then a word of ``phase_marks``.

    >>> [bool(re.fullmatch(phase_pattern(), p)) for p in ("二期", "首期", "3期", "分期")]
    [True, True, True, False]
    """
    return (f"(?:{char_class(counting_numerals())}|{one_of(cues()['phase_firsts'])}|[0-9])"
            + one_of(cues()["phase_marks"]))
