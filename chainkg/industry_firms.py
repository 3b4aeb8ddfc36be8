"""The national leading producers of each chain segment (``data/industry_firms.yaml``).

Investment-promotion staff ask of a missing segment: whom could we invite? The file answers
with the leading producers in China of that segment's products, each with a public source a
reader can check (an annual report on an exchange, an association ranking). Segments where
fewer than three national leaders exist say so in ``niche``. The file is written by us, see
``docs/chains.md`` (section "Industry firms").

:func:`read_industry_firms` reads and validates the file against the chain templates (every
key must be a template segment and every template segment must be covered);
:func:`load_industry_firms` gives just the firms by segment id. Every problem is a
:class:`ChainkgError` naming the file and the entry. ``in_haixi: true`` records public
knowledge that the firm already operates in Haixi; the graph still decides local presence from
the documents.

Examples
--------
>>> firms = load_industry_firms()
>>> [f["name"] for f in firms["segment:清洁能源/多晶硅"]][:3]
['通威股份', '协鑫科技', '大全能源']
>>> firms["segment:盐湖化工/钾肥"][0]["source"]["year"]
2024
>>> "segment:天文科技/天文台址资源" in read_industry_firms().niche
True
"""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from chainkg.lexicon import cues
from chainkg.templates import Templates, YamlChecker, load_templates, read_curated_yaml, segment_index

PROVINCES: frozenset[str] = frozenset(cues()["provinces"])
"""China's 34 provincial-level divisions, by the short names the file uses."""

MIN_FIRMS = 3
"""Firms a segment lists unless it says why it is ``niche``."""

YEARS = range(2015, 2027)
"""Years a source may carry (publication year)."""

EXCHANGES: tuple[str, ...] = cues()["stock_exchanges"]
_LISTED = re.compile(rf"^({'|'.join(EXCHANGES)}) [0-9A-Z]+$")

_SEGMENT = ({"firms"}, {"niche", "note"})
_FIRM = ({"name", "province", "makes", "source"}, {"full_name", "listed", "in_haixi"})
_SOURCE = ({"title", "publisher", "year"}, {"url"})


@dataclass(frozen=True)
class IndustryFirms:
    """The validated file: firms and niche reasons and notes, each by segment id."""

    source: str
    firms: dict[str, list[dict[str, Any]]]
    niche: dict[str, str]
    notes: dict[str, str]


def default_path() -> Traversable:
    """The packaged ``industry_firms.yaml`` (``chainkg.data``)."""
    return importlib.resources.files("chainkg.data") / "industry_firms.yaml"


def load_industry_firms(path: Path | None = None, templates: Templates | None = None) -> dict[str, list[dict[str, Any]]]:
    """The leading firms of every template segment, by segment id (``segment:<chain>/<segment>``).

    A niche segment may have fewer than three firms, or none. Each firm is a dict with
    ``name``, ``province``, ``makes``, ``source`` (``title``, ``publisher``, ``year``, maybe
    ``url``) and maybe ``full_name``, ``listed``, ``in_haixi``.

    >>> load_industry_firms()["segment:盐湖化工/基础锂盐"][0]["name"]
    '赣锋锂业'
    """
    return read_industry_firms(path, templates).firms


def read_industry_firms(path: Path | None = None, templates: Templates | None = None) -> IndustryFirms:
    """Read and validate an industry-firms file (default: the packaged one) against the templates.

    Raises :class:`ChainkgError` naming the file and the entry for: unreadable file, bad YAML
    or a duplicate key, an unknown chain or segment, a template segment left out, missing or
    unknown fields, fewer than three firms without a ``niche`` reason, a firm twice in one
    segment, a province that is no provincial-level division, a source year outside
    2015-2026, a ``listed`` that is not "<exchange> <code>", and ``in_haixi`` other than true.
    """
    source: Path | Traversable = default_path() if path is None else path
    return _Parser(str(source), templates or load_templates()).parse(read_curated_yaml(source, "industry firms"))


class _Parser(YamlChecker):
    """Turns the raw YAML of one file into :class:`IndustryFirms`, failing on the first problem."""

    def __init__(self, source: str, templates: Templates) -> None:
        super().__init__(source)
        self.segments = segment_index(templates)
        self.by_key = {(s.chain, s.name): s.id for s in self.segments.values()}

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected a non-empty text, got {value!r}")
        return unicodedata.normalize("NFKC", value).strip()

    def parse(self, raw: object) -> IndustryFirms:
        top = self.fields(raw, "top level", ({"chains"}, set()))
        chains = top["chains"]
        if not isinstance(chains, Mapping):
            raise self.fail("chains", "expected a mapping: chain -> segment -> entry")
        firms: dict[str, list[dict[str, Any]]] = {}
        niche: dict[str, str] = {}
        notes: dict[str, str] = {}
        for chain, segments in chains.items():
            chain = self.text(chain, "chains")
            if not isinstance(segments, Mapping):
                raise self.fail(f"chain {chain}", "expected a mapping: segment -> entry")
            for name, entry in segments.items():
                name = self.text(name, f"chain {chain}")
                where = f"{chain}/{name}"
                seg_id = self.by_key.get((chain, name))
                if seg_id is None:
                    raise self.fail(where, "no such segment in the chain templates (data/chains.yaml)")
                fields = self.fields(entry, where, _SEGMENT)
                if "niche" in fields:
                    niche[seg_id] = self.text(fields["niche"], f"{where}.niche")
                if "note" in fields:
                    notes[seg_id] = self.text(fields["note"], f"{where}.note")
                firms[seg_id] = self.firms(fields["firms"], where, seg_id in niche)
        missing = [seg_id for seg_id in self.segments if seg_id not in firms]
        if missing:
            raise self.fail("chains", f"{len(missing)} template segment(s) not covered: {', '.join(missing)}")
        return IndustryFirms(self.source, firms, niche, notes)

    def firms(self, raw: object, where: str, is_niche: bool) -> list[dict[str, Any]]:
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            raise self.fail(f"{where}.firms", f"expected a list of firms, got {type(raw).__name__}")
        firms = [self.firm(f, f"{where}.firms[{i}]") for i, f in enumerate(raw)]
        if len(firms) < MIN_FIRMS and not is_niche:
            raise self.fail(where, f"{len(firms)} firm(s); list at least {MIN_FIRMS} or say why "
                                   f"the segment is niche (niche: <reason>)")
        seen: set[str] = set()
        for firm in firms:
            if firm["name"] in seen:
                raise self.fail(where, f"firm {firm['name']} listed twice")
            seen.add(firm["name"])
        return firms

    def firm(self, raw: object, where: str) -> dict[str, Any]:
        fields = self.fields(raw, where, _FIRM)
        name = self.text(fields["name"], f"{where}.name")
        where = f"{where} ({name})"
        firm: dict[str, Any] = {"name": name}
        if "full_name" in fields:
            firm["full_name"] = self.text(fields["full_name"], f"{where}.full_name")
        province = self.text(fields["province"], f"{where}.province")
        if province not in PROVINCES:
            raise self.fail(f"{where}.province", f"{province!r} is not a provincial-level division "
                                                 f"(write the short name as data/cues.yaml lists it under provinces)")
        firm["province"] = province
        firm["makes"] = self.text(fields["makes"], f"{where}.makes")
        if "listed" in fields:
            listed = self.text(fields["listed"], f"{where}.listed")
            if not _LISTED.match(listed):
                raise self.fail(f"{where}.listed", f"{listed!r} is not '<exchange> <code>' with the "
                                                   f"exchange one of {', '.join(EXCHANGES)}")
            firm["listed"] = listed
        if "in_haixi" in fields:
            if fields["in_haixi"] is not True:
                raise self.fail(f"{where}.in_haixi", f"write in_haixi: true or leave it out, "
                                                     f"got {fields['in_haixi']!r}")
            firm["in_haixi"] = True
        firm["source"] = self.source_of(fields["source"], f"{where}.source")
        return firm

    def source_of(self, raw: object, where: str) -> dict[str, Any]:
        fields = self.fields(raw, where, _SOURCE)
        year = fields["year"]
        if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
            raise self.fail(f"{where}.year", f"expected a year {YEARS.start}-{YEARS.stop - 1}, got {year!r}")
        source: dict[str, Any] = {"title": self.text(fields["title"], f"{where}.title"),
                                  "publisher": self.text(fields["publisher"], f"{where}.publisher"),
                                  "year": year}
        if "url" in fields:
            url = self.text(fields["url"], f"{where}.url")
            if not url.startswith(("https://", "http://")):
                raise self.fail(f"{where}.url", f"expected an http(s) address, got {url!r}")
            source["url"] = url
        return source
