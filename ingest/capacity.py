"""Capacity figures as written in Chinese project texts: value, unit, period, base unit.

Planning texts state capacity in many shapes: ``年产4.5万吨``, ``10.5吉瓦``, ``10GW``,
``240万千瓦``, ``50兆瓦``, ``100MW/200MWh`` (power and energy of one storage plant),
ranges ``30-50GWh``, class markers ``1万吨吨级`` / ``1万吨级``, counts ``500台套``, cable
lengths ``12芯公里``. :func:`find_capacities` finds them in a text and :func:`parse_capacity`
reads one; each gives a :class:`~chainkg.ingest.facts.Capacity` whose ``base_value`` is in a
base unit (t, W, Wh, set, core_km, km, m2, m3, piece, item) so figures in different units compare. Figures in units we
do not know (千伏, 亿元, 万人, 平方公里 …) are not capacities: nothing is returned.

>>> c = parse_capacity("年产4.5万吨")
>>> (c.value, c.unit, c.base_value, c.base_unit, c.per_year)
(4.5, '万吨', 45000.0, 't', True)
>>> parse_capacity("100MW/200MWh").secondary.base_value
200000000.0
>>> parse_capacity("750千伏") is None
True

A power figure is a plant's rating, yearly only as the output of a factory (年产5GW组件):

>>> parse_capacity("今年100万千瓦").per_year, parse_capacity("年产5GW").per_year
(False, True)

A unit "per year" written after the figure counts like 年产 before it (8000t/a, 30-50kt/a,
2.4万吨/年):

>>> c = parse_capacity("30-50kt/a")
>>> (c.base_value, c.base_value_max, c.per_year, c.text)
(30000.0, 50000.0, True, '30-50kt/a')

and so does 年 in brackets right after the unit (rule ``bracketed_year``: 200万吨(年), 60亿立方米（年）):

>>> [(c.text, c.base_value, c.per_year) for c in map(parse_capacity, ["200万吨(年)焦化", "60亿立方米（年）"])]
[('200万吨(年)', 2000000.0, True), ('60亿立方米（年）', 6000000000.0, True)]

A bare 百 or 千 before 万 or 亿 is one hundred or one thousand (rule ``worded_hundred``: 百万吨钾肥), not
after a word that makes it vague (数百万吨) nor as a class (百万千瓦级基地); gas is also written in 亿方, 万方:

>>> [c and c.base_value for c in map(parse_capacity, ["某湖百万吨钾肥", "千万吨级", "数百万吨", "年产30亿方"])]
[1000000.0, None, None, 3000000000.0]

A word of "some more" before the unit leaves the figure as written (rule ``approximate_tail``):

>>> [(c.text, c.base_value) for c in map(parse_capacity, ["年产3万余吨", "300多吨", "20亿Nm3/a"])]
[('年产3万余吨', 30000.0), ('300多吨', 300.0), ('20亿Nm3/a', 2000000000.0)]

A multiplier before a unit in letters counts as before a Chinese one (rule ``latin_multiplied``):

>>> c = parse_capacity("1万t/a")
>>> (c.base_value, c.per_year, c.unit), parse_capacity("10万kW").base_value
((10000.0, True, '万t'), 100000000.0)

and a unit "per day" so is a daily rate (rule ``per_day_slash``: 100t/d, 600吨/天, 500吨/日):

>>> c = parse_capacity("600吨/天")
>>> (c.base_value, c.per_year, c.period, c.text)
(600.0, False, 'day', '600吨/天')
>>> parse_capacity("100t/d").text, parse_capacity("8t/day").text
('100t/d', '8t')

Parts of a sum written once in the unit of the last are one figure, read by :func:`summed_parts`:

>>> [(c.value, c.text) for _s, _e, c in find_capacities("启动2+3万吨碳酸锂项目")]
[(3.0, '2+3万吨')]

A count of equal units before the figure multiplies it (rule ``unit_count``):

>>> c = parse_capacity("2×66万千瓦")
>>> (c.value, c.unit, c.base_value, c.text)
(132.0, '万千瓦', 1320000000.0, '2×66万千瓦')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace

from chainkg.ingest.facts import Capacity
from chainkg.lexicon import char_class, cue_tables, cues, one_of

_CUES = cue_tables()  # data/cues.yaml, section "capacity figures"
# unit as written (after NFKC, case-folded for ASCII) -> (base unit, factor)
_UNITS: dict[str, tuple[str, float]] = {u: (base, float(f)) for u, (base, f) in _CUES["capacity_units"].items()}
_MULTIPLIERS: dict[str, float] = {m: float(f) for m, f in _CUES["unit_multipliers"].items()}
_TEN_THOUSAND = next(m for m, f in _MULTIPLIERS.items() if f == 1e4)  # splits a Chinese number in two
_LARGEST = 1e13  # in the base unit: 10 billion t, 10 TW, 10 TWh are far past any one plant
_CN_UNITS: dict[str, int] = dict(_CUES["numeral_places"])
_CN_DIGITS: dict[str, int] = dict(_CUES["numeral_digits"])
_ZERO = next(d for d, v in _CN_DIGITS.items() if v == 0)
_POINT = cues()["decimal_point"][0]
_BARE_PLACES = frozenset(cues()["numeral_bare_places"])
_PER_DAY = cues()["period_per_day"]
_POWER_MADE = frozenset(cues()["yearly_making_words"])  # 年产5GW: watts made in a year
# a yearly making word, then the product, right before a figure (年产镁合金型材|4万吨)
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?\t]")
_YEARLY_PRODUCT_BEFORE = re.compile(one_of(cues()["yearly_making_words"]) + r"[^，,；;。：:！？!?\t0-9]{1,12}$")

_NONZERO = [d for d, v in _CN_DIGITS.items() if v]
_TENS = [p for p, v in _CN_UNITS.items() if v == 10]
_PLAIN_DIGITS = [d for d in _CN_DIGITS if d not in cues()["numeral_colloquial"]]
_INNER = char_class([*_CN_DIGITS, *_CN_UNITS])
_NUM = (r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
        rf"|(?:{char_class(_NONZERO + _TENS)}{_INNER}{{0,6}}"
        rf"(?:{_TEN_THOUSAND}{char_class(_NONZERO + [_ZERO])}{_INNER}{{0,6}})?|{_ZERO}(?={_POINT}))"
        rf"(?:{_POINT}{char_class(_PLAIN_DIGITS)}{{1,3}})?"
        # rule worded_hundred: 百万吨, 千万吨 (a bare place word before 万 or 亿 is one hundred, one thousand)
        rf"|(?<!{char_class(cues()['numeral_bare_places_not_after'])}){char_class(_BARE_PLACES)}"
        rf"(?={char_class([m for m, f in _MULTIPLIERS.items() if f >= 1e4])}))")
_UNIT_ALT = one_of(_UNITS)
_CN_UNIT_STARTS = char_class(dict.fromkeys(u[0] for u in _UNITS if not u.isascii()))
# what a multiplier stands before: a Chinese unit, or a unit in letters of multiplied_latin_units
_MULTIPLIED = f"(?:{_CN_UNIT_STARTS}|{one_of(cues()['multiplied_latin_units'])})"
_ENERGY_UNITS = one_of(u for u, (base, _f) in _UNITS.items() if base == "Wh")
_APPROXIMATE = char_class(cues()["approximate_tails"])  # rule approximate_tail: 3万余吨, 300多吨
_NO_WORD_ON = r"(?:(?<![A-Za-z])|(?![A-Za-z]))"  # a period letter after a slash is no word's first (/a, not /about)


def _figure(n: str) -> str:
    """Regex of one figure (number, optional range end, multiplier, unit), groups prefixed ``n``."""
    return (
        rf"(?P<{n}num>{_NUM})(?:\s*[-~～—{''.join(cues()['figure_range_words'])}]\s*(?P<{n}hi>{_NUM}))?\s*"
        rf"(?P<{n}mult>{char_class(_MULTIPLIERS)}(?={_APPROXIMATE}?{_MULTIPLIED}))?{_APPROXIMATE}?"
        rf"(?P<{n}unit>{_UNIT_ALT})"
    )


_PATTERN = re.compile(
    rf"(?P<period>{one_of(cues()['period_per_year'] + _PER_DAY)})?\s*(?:(?P<count>[1-9][0-9]?)\s*[×xX*]\s*)?"
    rf"{_figure('a')}"
    rf"(?P<cls>{one_of(cues()['rating_class_units'])}?{one_of(cues()['rating_class'])})?"
    rf"(?:\s*(?:/|、(?=\s*{_NUM}\s*{char_class(_MULTIPLIERS)}?{_ENERGY_UNITS}))\s*{_figure('b')})?"
    # /a but not /about, /d but not /day; /年 also before a product in letters (/年LDPE)
    rf"(?:(?P<annual>/{one_of(cues()['per_year_after_slash'])}{_NO_WORD_ON}"
    rf"|[(（]{one_of(cues()['per_year_in_brackets'])}[)）])"  # rule bracketed_year: 200万吨(年)
    rf"|(?P<daily>/{one_of(cues()['per_day_after_slash'])}{_NO_WORD_ON}))?",
    re.IGNORECASE,
)
# a number directly after a letter, digit or decimal point belongs to something else
_BAD_LEFT = re.compile(r"[0-9A-Za-z.]$")
# '千瓦' etc. must not be read as '千' + '瓦' when it is '千伏' (kV): the regex needs the unit right after
# (项 counts items, 10万项; 项目 after a unit ends the figure: 10万千瓦项目)
_BAD_RIGHT = re.compile("^" + one_of(cues()["figure_not_followed_by"], escape=False))
# a letter right after a unit written in letters continues it (a unit we do not know: 10Gbps);
# after a Chinese unit it starts the product (年产1万吨PVDF)
_LETTERS_GO_ON = re.compile(r"[A-Za-z][A-Za-z]")
# full-width ASCII (digits, letters, punctuation) folded to ASCII, one character for one, so
# offsets in the folded text are offsets in the original
_FOLD = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_TO_FOLD = re.compile("[\uff01-\uff5e\u3000]")  # a character _FOLD changes (most sentences have none)


def _number(text: str) -> float | None:
    """A decimal or a Chinese numeral (below a hundred million), with decimals after 点, as a float;
    None if unreadable.

    >>> _number("4.5"), _number("十二"), _number("一百五十"), _number("一点二"), _number("二十点五")
    (4.5, 12.0, 150.0, 1.2, 20.5)
    >>> _number("一万五千"), _number("零点六"), _number("两千")
    (15000.0, 0.6, 2000.0)
    >>> _number("一二三") is None
    True
    """
    text = unicodedata.normalize("NFKC", text).replace(",", "")
    if text[0].isdigit():
        try:
            return float(text)
        except ValueError:
            return None
    whole, _, decimals = text.partition(_POINT)
    high, _, low = whole.rpartition(_TEN_THOUSAND)
    parts = [_cn_below_10000(high) if high else 0, _cn_below_10000(low)]
    if None in parts:
        return None
    value = float(parts[0] * 10000 + parts[1])  # type: ignore[operator]
    if decimals:
        value += float("0." + "".join(str(_CN_DIGITS[ch]) for ch in decimals))
    return value


def _cn_below_10000(text: str) -> int | None:
    """A Chinese numeral below ten thousand (十二, 一百五十, 五千零八, 零), or None for digits
    side by side (一二三)."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif digit is not None and ch != _ZERO:
            return None
        else:
            digit = _CN_DIGITS[ch] if ch != _ZERO else None
    return total + (digit or 0)


def _unit_key(unit: str) -> str:
    return unicodedata.normalize("NFKC", unit).lower()


def _build(m: re.Match[str], n: str, period: str | None, text: str) -> Capacity | None:
    num_text = m.group(f"{n}num")
    value = _number(num_text)
    unit_key = _unit_key(m.group(f"{n}unit"))
    if value is None or unit_key not in _UNITS or value <= 0:
        return None
    if not num_text[0].isdigit() and _UNITS[unit_key][0] in {"set", "piece", "item"}:
        return None  # 一套, 两台, 一片 … are words, not counts
    hi_text = m.group(f"{n}hi")
    value_max = _number(hi_text) if hi_text else None
    mult_text = m.group(f"{n}mult") or ""
    base_unit, factor = _UNITS[unit_key]
    factor *= _MULTIPLIERS.get(mult_text, 1.0)
    if value * factor > _LARGEST:
        return None  # no plant makes 10^13 of anything: a garbled number, not a capacity
    unit = mult_text + unicodedata.normalize("NFKC", m.group(f"{n}unit"))
    if base_unit == "W" and m.group("period") not in _POWER_MADE:
        period = None  # a plant's rating is no yearly output; 年产5GW (组件) is
    return Capacity(
        value=value,
        unit=unit,
        base_value=value * factor,
        base_unit=base_unit,
        per_year=period == "year",
        period=period,
        text=text,
        value_max=value_max,
        base_value_max=value_max * factor if value_max is not None else None,
    )


def under_yearly(text: str, figures: Sequence[tuple[int, Capacity]]) -> list[Capacity]:
    """Rule ``under_yearly``: the figures of one sentence ``text`` (each with its start), left to right, each bare
    one (no 年产, 日产 of its own) read as yearly when a yearly making word and its product
    stand right before it (年产镁合金型材4万吨), or a yearly figure of the same base unit comes
    before it: one 年产 governs a coordination (年产3000吨甲及2000吨乙) and the phases of its
    total (年产6万吨…(其中一期3万吨), …分两期建设,一期1.5万吨).

    >>> text = "年产6万吨甲,其中一期3万吨,配套50万千瓦光伏,日产80吨乙和2万吨丙"
    >>> figures = [(m.start(), parse_capacity(m.group())) for m in re.finditer("[年日]?产?[0-9]+万?[吨千瓦]+", text)]
    >>> [c.per_year for c in under_yearly(text, figures)]
    [True, True, False, False, True]
    >>> [c.per_year for c in under_yearly("3万吨乙,年产6万吨", [(0, parse_capacity("3万吨")),
    ...                                                      (6, parse_capacity("年产6万吨"))])]
    [False, True]
    >>> under_yearly("年产镁合金型材4万吨", [(7, parse_capacity("4万吨"))])[0].per_year
    True
    >>> [c.per_year for c in under_yearly("年产1万吨甲和6万平方米乙", [(0, parse_capacity("年产1万吨")),
    ...                                                          (8, parse_capacity("6万平方米"))])]
    [True, True]
    """
    yearly: set[str] = set()
    last_end: int | None = None  # where the last yearly figure ends
    out = []
    for start, cap in figures:
        if cap.period is None and (cap.base_unit in yearly or cap.base_unit != "W" and (
                _YEARLY_PRODUCT_BEFORE.search(text, 0, start)
                or (last_end is not None and not _CLAUSE_BREAK.search(text, last_end, start)))):
            cap = replace(cap, per_year=True, period="year")
        if cap.period == "year":
            yearly.add(cap.base_unit)
            last_end = start + len(cap.text)
        out.append(cap)
    return out


def _period(prefix: str | None) -> str | None:
    if not prefix:
        return None
    return "day" if prefix in _PER_DAY else "year"


def find_capacities(text: str) -> Iterator[tuple[int, int, Capacity]]:
    """Every capacity figure in ``text`` as ``(start, end, Capacity)``, left to right.

    >>> [(s, e, c.text) for s, e, c in find_capacities("甲公司年产3万吨乙,丙750千伏")]
    [(3, 8, '年产3万吨')]
    """
    folded = text.translate(_FOLD) if _TO_FOLD.search(text) else text  # translate copies even when nothing changes
    for m in _PATTERN.finditer(folded):
        period_text = m.group("period")
        if period_text and _BAD_LEFT.search(folded[:m.start("period")]):
            period_text = None  # '2023年5万吨': the 年 closes a date, it is not 年产
        start = m.start("period") if period_text else m.start("count") if m.group("count") else m.start("anum")
        if _BAD_LEFT.search(folded[:start]):
            continue
        if _BAD_RIGHT.match(folded[m.end():]) or _LETTERS_GO_ON.match(folded, m.end() - 1):
            continue
        if m.group("anum") in _BARE_PLACES and m.group("cls"):
            continue  # 百万千瓦级光伏基地: a class in words, no figure (rule worded_hundred)
        period = "year" if m.group("annual") else "day" if m.group("daily") else _period(period_text)
        cap_text = text[start:m.end()]
        first = _build(m, "a", period, cap_text)
        if first is None:
            continue
        if m.group("count"):  # 2×66万千瓦: two units of 66万千瓦, the plant's 132万千瓦 (rule unit_count)
            first = first.times(int(m.group("count")))
        if m.group("bnum"):
            second = _build(m, "b", period, cap_text)
            if second is not None:
                first = first.with_secondary(second)
        part = _PART_BEFORE.search(folded, 0, start) if not (period_text or m.group("count") or m.group("ahi")) else None
        if part is not None:  # rule summed_parts: 2+3万吨, one figure whose parts summed_parts reads
            start, first = part.start(1), replace(first, text=text[part.start(1):m.end()])
        yield start, m.end(), first


# a bare number and + right before a figure: a part of a sum written in the unit of the figure (2+|3万吨)
_PART_BEFORE = re.compile(r"(?<![0-9A-Za-z.+])([0-9]+(?:\.[0-9]+)?)\s*[+＋]\s*$")
_PARTS = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*[+＋]\s*([0-9]+(?:\.[0-9]+)?)")


def summed_parts(cap: Capacity) -> list[Capacity]:
    """Rule ``summed_parts``: the parts of a figure written as a sum in the unit of its last part (2+3万吨: a
    2万吨 and a 3万吨 part, each a project as phases are), else the figure alone.

    >>> [(c.base_value, c.text) for c in summed_parts(parse_capacity("启动2+3万吨碳酸锂项目"))]
    [(20000.0, '2+3万吨'), (30000.0, '2+3万吨')]
    >>> [c.text for c in summed_parts(parse_capacity("3万吨"))]
    ['3万吨']
    """
    m = _PARTS.match(unicodedata.normalize("NFKC", cap.text))
    if m is None:
        return [cap]
    unit_factor = cap.base_value / cap.value
    return [replace(cap, value=float(v), base_value=float(v) * unit_factor) for v in m.groups()]


def parse_capacity(text: str) -> Capacity | None:
    """The first capacity figure in ``text``, or None when there is none in a known unit.

    >>> parse_capacity("30-50GWh").value_max
    50.0
    >>> parse_capacity("日产500吨").per_year
    False
    >>> parse_capacity("1万吨吨级").base_value
    10000.0
    """
    for _start, _end, cap in find_capacities(text):
        return cap
    return None
