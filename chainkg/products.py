"""The general product lexicon (``data/products.yaml``): products the chain templates lack.

The chain templates (:mod:`chainkg.templates`) hold the products of Haixi's chains; pages name
many more (dairy, textiles, basic chemicals, building materials, machinery …). The lexicon lists
them class by class from GB/T 4754-2017 《国民经济行业分类》 (sections B, C, D), each product with
the class (or, where the four-digit class is not certain, the major group) it belongs to, so
extraction knows them without a capacity figure; a middle class (中类, three digits) gives the general
word of its classes (152 饮料制造 -> 饮料). Its sector is the class's major group (大类).

:func:`load_product_lexicon` reads and validates the file; every problem is a
:class:`~chainkg.errors.ChainkgError` naming the file and the entry. The vocabulary extraction
uses (:func:`chainkg.ingest.vocab.vocabulary`) joins it to the templates, the templates first.

>>> lex = load_product_lexicon()
>>> p = lex.terms["奶粉"]
>>> (p.name, p.code, p.sector)
('乳粉', '1442', '食品制造业')
>>> p.source
'GB/T 4754-2017 1442 乳粉制造'
>>> lex.terms["芳纶"].source
'GB/T 4754-2017 28 化学纤维制造业'
>>> p.segment, lex.terms["农药"].segment
('segment:绿色有机农畜产品/农畜产品加工', None)
"""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from chainkg.errors import ChainkgError
from chainkg.model import SEGMENT, node_id, normalize_key
from chainkg.templates import Templates, YamlChecker, read_curated_yaml, segment_index

STANDARD = "GB/T 4754-2017"
"""The classification every entry cites."""

_TOP = ({"groups", "classes"}, set())
_CLASS = ({"code", "class", "products"}, {"segment"})
_PRODUCT = ({"name"}, {"synonyms", "segment"})
_CODE = re.compile(r"^[0-9]{2}(?:[0-9]{1,2})?$")
_MIN_LENGTH = 2  # no one-character product: it would match inside every other word


@dataclass(frozen=True)
class LexiconProduct:
    """A product of the lexicon: its canonical ``name``, ``synonyms``, and the GB/T 4754-2017
    ``code`` and ``class_name`` it is listed under, with the major group (``sector``), and the id of
    the template ``segment`` it belongs to (None: in no chain)."""

    name: str
    synonyms: tuple[str, ...]
    code: str
    class_name: str
    sector: str
    segment: str | None

    @property
    def source(self) -> str:
        """The public source of the entry, as a reader looks it up."""
        return f"{STANDARD} {self.code} {self.class_name}"


@dataclass(frozen=True, eq=False)
class ProductLexicon:
    """The validated file: its products in file order and every name and synonym -> its product."""

    source: str
    products: tuple[LexiconProduct, ...]
    terms: Mapping[str, LexiconProduct]


def default_path() -> Traversable:
    """The packaged ``products.yaml`` (``chainkg.data``)."""
    return importlib.resources.files("chainkg.data") / "products.yaml"


def load_product_lexicon(path: Path | None = None) -> ProductLexicon:
    """Read and validate a product lexicon (default: the packaged ``products.yaml``, read once).

    Raises :class:`ChainkgError` naming the file and the entry for: bad YAML or a duplicate key,
    missing or unknown fields, a code that is not two, three or four digits or whose major group is not
    in ``groups``, a name shorter than two characters, a name or synonym in two entries, and a
    segment not written ``chain/segment`` (whether the templates have it: :func:`check_segments`).
    """
    return _packaged() if path is None else _read(path)


@cache
def _packaged() -> ProductLexicon:
    return _read(default_path())


def _read(source: Path | Traversable) -> ProductLexicon:
    return _Parser(str(source)).lexicon(read_curated_yaml(source, "product lexicon"))


class _Parser(YamlChecker):
    """Turns the raw YAML of one lexicon file into a :class:`ProductLexicon`."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.seen: dict[str, str] = {}  # name key -> the product it names

    def segment(self, value: object, where: str, default: str | None) -> str | None:
        if value is None:
            return default
        chain, slash, name = str(value).partition("/")
        if not (chain and slash and name) or "/" in name:
            raise self.fail(where, f"segment {value!r} is not written 'chain/segment' of data/chains.yaml")
        return node_id(SEGMENT, chain, name)

    def name(self, value: object, where: str) -> str:
        if not isinstance(value, str | int) or not str(value).strip():
            raise self.fail(where, f"expected a product name, got {value!r}")
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if len(text) < _MIN_LENGTH:
            raise self.fail(where, f"{text!r} is shorter than {_MIN_LENGTH} characters")
        return text

    def lexicon(self, raw: object) -> ProductLexicon:
        top = self.fields(raw, "top level", _TOP)
        groups = top["groups"]
        if not isinstance(groups, Mapping) or not groups:
            raise self.fail("groups", "expected a mapping: two-digit code -> major group name")
        sectors = {str(code): str(name) for code, name in groups.items()}
        if not isinstance(top["classes"], list) or not top["classes"]:
            raise self.fail("classes", "expected a non-empty list of classes")
        products = [p for i, c in enumerate(top["classes"]) for p in self.klass(c, f"classes[{i}]", sectors)]
        terms = {term: p for p in products for term in (p.name, *p.synonyms)}
        return ProductLexicon(self.source, tuple(products), terms)

    def klass(self, raw: object, where: str, sectors: Mapping[str, str]) -> list[LexiconProduct]:
        fields = self.fields(raw, where, _CLASS)
        code = str(fields["code"])
        if not _CODE.match(code):
            raise self.fail(f"{where}.code", f"{code!r} is not a two-, three- or four-digit GB/T 4754 code (quote it)")
        if code[:2] not in sectors:
            raise self.fail(f"{where}.code", f"major group {code[:2]!r} is not in groups")
        class_name = str(fields["class"]).strip()
        segment = self.segment(fields.get("segment"), f"{where}.segment", None)
        if not isinstance(fields["products"], list) or not fields["products"]:
            raise self.fail(f"{where}.products", "expected a non-empty list of products")
        return [self.product(p, f"{where} ({code}), products[{i}]", (code, class_name, sectors[code[:2]]), segment)
                for i, p in enumerate(fields["products"])]

    def product(self, raw: object, where: str, klass: tuple[str, str, str], segment: str | None) -> LexiconProduct:
        fields: Mapping[str, Any] = self.fields(raw, where, _PRODUCT) if isinstance(raw, Mapping) else {"name": raw}
        name = self.name(fields["name"], f"{where}.name")
        synonyms = tuple(self.name(s, f"{where} ({name}).synonyms") for s in fields.get("synonyms") or ())
        for term in (name, *synonyms):
            key = normalize_key(term)
            if key in self.seen:
                raise self.fail(f"{where} ({name})", f"{term!r} is already listed under {self.seen[key]}")
            self.seen[key] = name
        return LexiconProduct(name, synonyms, *klass, self.segment(fields.get("segment"), f"{where}.segment", segment))


def check_segments(lexicon: ProductLexicon, templates: Templates) -> None:
    """Raise :class:`ChainkgError` naming the lexicon file and the product when a segment it names
    is not a segment of ``templates`` (the vocabulary checks the packaged lexicon against the
    packaged templates once).

    >>> from chainkg.templates import load_templates
    >>> check_segments(load_product_lexicon(), load_templates())
    """
    known = segment_index(templates)
    for p in lexicon.products:
        if p.segment is not None and p.segment not in known:
            raise ChainkgError(f"{lexicon.source}: {p.name} ({p.code}): unknown segment {p.segment!r} "
                               f"(not a segment of {templates.source})")
