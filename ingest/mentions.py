"""spaCy components that mark the mentions extraction builds facts from.

Each is a factory registered with ``@Language.factory`` whose ``default_config`` holds its
settings (the span groups it reads and writes, its limits and data files), added by name in
:func:`chainkg.ingest.nlp.build_pipeline`, so ``nlp.config`` shows them and ``nlp.to_disk`` /
``spacy.load`` rebuild the same pipeline (once this module is imported). As in spaCy's own
rulers, each component's :meth:`~SpanGroupMarker.find` computes its spans from a ``Doc``
without touching it and :meth:`~SpanGroupMarker.set_annotations` writes them; calling the
component does both. The span groups, under their default keys:

- ``capacity`` (``chainkg_capacity``): capacity figures (:mod:`chainkg.ingest.capacity`);
  ``span._.capacity`` gives the parsed :class:`~chainkg.ingest.facts.Capacity`.
- ``terms`` (``span_ruler``: spaCy's span ruler, as :class:`TermRuler`): PRODUCT, CHAIN, PLACE, STATUS, ORG
  phrases from the templates and ``data/patterns/*.jsonl``; ``span.id_`` is the canonical name.
- ``product`` (``chainkg_products``): the noun phrase after each capacity (label NP:
  年产3万吨高纯氟化锂 -> 高纯氟化锂, whether or not a list holds it), else the one filling
  the cell or clause before it (label NP_BEFORE: 光伏15万千瓦, 配套储能30MW), and every other
  known product phrase (label PRODUCT); ``span.id_`` is the product's name: grade and plant words
  dropped (氟化锂), then the template's name for a listed synonym.
- ``phase`` (``chainkg_products``): 一期, 二期 …
- ``company`` (``chainkg_companies``): company names found by the known list, by name shape
  (…锂业, …化工, …有限公司) and by position (a short brand right before a capacity or a
  product: 南玻10万吨多晶硅); ``span.id_`` says which rule found it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.language import Language
from spacy.pipeline import Pipe, SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from chainkg.ingest.capacity import find_capacities, parse_capacity
from chainkg.ingest.facts import Capacity
from chainkg.ingest.firm_evidence import known_firm_kept, lead_length, opening_length, quantity_cut
from chainkg.lexicon import (char_class, counting_numerals, cue_tables, cues, one_of, phase_pattern,
                             unregistered_places)
from chainkg.ingest.heads import product_head, word_end
from chainkg.ingest.vocab import clean_product, is_grade
from chainkg.products import load_product_lexicon

# default span group keys (the factories' default_config; chainkg.ingest.extract reads these)
TERMS = "terms"
CAPACITY = "capacity"
PRODUCT = "product"
PHASE = "phase"
COMPANY = "company"
COMPANY_SHAPE = "company_shape.yaml"  # default word lists of chainkg_companies, in data/
NP_MAX_LENGTH = 12  # default longest noun phrase (characters, exclusive) of chainkg_products

# characters that end a clause or an enumeration item
SEPARATORS = "，,；;：:。！？!?、（）()“”\"'‘’《》【】[]<>〈〉「」『』/|·—…\n\t "
_CJK_OR_LETTER = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffffA-Za-zＡ-Ｚａ-ｚ]")
_PHASE = re.compile(phase_pattern())
# the noun phrase's cue words (data/cues.yaml): where a product phrase ends, and how it may not start
_NP_PROGRESS = cues()["np_progress"]
_NP_TIME_ADVERBS = cues()["np_time_adverbs"]
CONNECTORS = cues()["np_connectors"]
_NP_STOPS = _NP_PROGRESS + _NP_TIME_ADVERBS + CONNECTORS + cues()["np_stops"]
_NP_BAD_START = cues()["np_bad_start"]
_NP_NOUN_STARTS = tuple(cues()["np_noun_starts"])
_TREATMENT = re.compile(one_of(cues()["treatment_periods"]))  # a figure of input treated (年处理5万吨), not output made
# a numeral or 首 with a measure word (三家, 两个, 首条): a count, never part of a firm's name
_COUNTED = re.compile(f"(?:[0-9]|{char_class([*counting_numerals(), *cues()['numeral_colloquial'], *cues()['count_vague_numerals']])})"
                      + char_class(cues()["count_measures"]))
ETC = one_of(cues()["etc_words"])  # the word closing an enumeration (甲、乙等)
# 等 and a count of works right after a figure (…140万千瓦等4个抽水蓄能项目)
COUNT_OF_WORKS = f"{ETC}(?:[0-9]|{char_class(counting_numerals(100))})+{char_class(cues()['work_count_measures'])}"
_COUNT_THEN_NP = re.compile(COUNT_OF_WORKS)
# a technology written in Latin letters, set off by a space, before the product (5GW |TOPCon |光伏组件), or a
# rating of the plant's unit (rule rating_between: 30万吨|500kA |电解铝, 100万吨|5.5米|焦炉)
TECH_WORD = re.compile(rf"(?: [A-Za-z][A-Za-z0-9-]*|\s?[0-9]+(?:\.[0-9]+)?\s?{one_of(cues()['ratings_before_product'])})"
                       r" ?(?=[\u4e00-\u9fff])")
_GRADE_MARK = one_of(cues()["grade_list_mark"])
GRADE_LIST = re.compile(rf"(?:[\u4e00-\u9fff]{{2}}{_GRADE_MARK}{char_class(['、', *cues()['list_joiners']])})+"
                        rf"(?=[\u4e00-\u9fff]{{2}}{_GRADE_MARK})")  # 食品级、|医药级…

_parsed_capacity = cache(parse_capacity)  # a figure's text always parses the same (Capacity is frozen)


def capacity_of(span: Span) -> Capacity | None:
    """``span._.capacity`` (its getter), read without the ``Underscore`` object spaCy makes at
    every ``span._``: the figure's text cut from the Doc's text joined once (:func:`doc_text`,
    not joined again per call as ``span.text`` is), parsed once per text.

    >>> import spacy
    >>> doc = spacy.blank("zh")("某厂年产3万吨")
    >>> capacity_of(doc[2:7]) == doc[2:7]._.capacity and capacity_of(doc[2:7]).base_value
    30000.0
    """
    return _parsed_capacity(doc_text(span.doc)[span.start_char:span.end_char])


if not Span.has_extension("capacity"):
    Span.set_extension("capacity", getter=capacity_of)


def strip_endings(name: str, endings: Sequence[str]) -> str:
    """``name`` without any of ``endings`` at its end, repeatedly (first match in the order
    given), keeping at least two characters.

    >>> strip_endings("某某技术开发", ("开发", "技术")), strip_endings("开发", ("开发",))
    ('某某', '开发')
    """
    ends = tuple(endings)
    changed = True
    while changed and name.endswith(ends):  # one test of every ending first: most names end in none
        changed = False
        for word in ends:
            if name.endswith(word) and len(name) > len(word) + 1:
                name, changed = name[: -len(word)], True
                break
    return name


def _in_order(words: Sequence[str]) -> re.Pattern[str]:
    """One pattern for ``words`` whose alternatives are tried in the order given (not longest
    first, as :func:`chainkg.lexicon.one_of` has them): ``match(text, pos, endpos)`` finds the
    first word of the list at ``pos`` that ends by ``endpos``, as a loop of ``startswith`` would."""
    return re.compile("|".join(re.escape(w) for w in words if w) or "(?!)")


@dataclass(frozen=True)
class CompanyLexicon:
    """The word lists of ``data/company_shape.yaml`` (see the comments there)."""

    legal_suffixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    legal_forms: tuple[str, ...]
    region_prefixes: tuple[str, ...]
    unit_places: tuple[str, ...]
    national_words: tuple[str, ...]
    left_trim: tuple[str, ...]
    contact_verbs: tuple[str, ...]
    generic_stems: frozenset[str]
    sector_openings: tuple[str, ...]
    not_followed_by: tuple[str, ...]
    stop_chars: frozenset[str]
    opening_chars: frozenset[str]
    park_words: tuple[str, ...]
    pronoun_openings: tuple[str, ...]
    bad_stem_words: tuple[str, ...]
    sector_words: tuple[str, ...]
    reference_words: tuple[str, ...]
    business_words: tuple[str, ...]
    measure_words: tuple[str, ...]
    speaker_titles: tuple[str, ...]
    first_person_words: tuple[str, ...]
    brand_bad_starts: tuple[str, ...]
    weak_suffixes: frozenset[str]
    class_stem_ends: tuple[str, ...]
    weak_class_stem_ends: tuple[str, ...]
    signing_suffixes: frozenset[str]
    signing_verbs: tuple[str, ...]
    element_chars: frozenset[str]
    max_brand_length: int
    max_stem_length: int
    max_legal_stem_length: int

    @cached_property
    def region_opening(self) -> re.Pattern[str]:
        """The regions of ``region_prefixes`` as one pattern, tried in their order."""
        return _in_order(self.region_prefixes)

    @cached_property
    def unit_place_words(self) -> tuple[str, ...]:
        """``region_prefixes`` then ``unit_places``: the places a unit's name opens with, in the order tried."""
        return (*self.region_prefixes, *self.unit_places)

    @cached_property
    def unit_opening(self) -> re.Pattern[str]:
        """:attr:`unit_place_words` as one pattern, tried in that order."""
        return _in_order(self.unit_place_words)

    @cached_property
    def _bad_stem_index(self) -> tuple[frozenset[str], tuple[int, ...]]:
        """``bad_stem_words`` as a set, and their lengths."""
        return frozenset(self.bad_stem_words), tuple(sorted({len(w) for w in self.bad_stem_words}))

    def holds_bad_stem_word(self, stem: str) -> bool:
        """A word of ``bad_stem_words`` is part of ``stem``: its parts of each word length looked up
        in a set (a name part is short), not every word searched for.

        >>> company_lexicon().holds_bad_stem_word("三家子"), company_lexicon().holds_bad_stem_word("岚峡")
        (False, False)
        """
        words, sizes = self._bad_stem_index
        return any(stem[i:i + n] in words for n in sizes for i in range(len(stem) - n + 1))

    @cached_property
    def left_words(self) -> re.Pattern[str]:
        """``left_trim`` then ``reference_words`` as one pattern, tried in that order."""
        return _in_order((*self.left_trim, *self.reference_words))

    def without_region(self, name: str) -> str:
        """``name`` without a leading province or city (青海西部镁业 -> 西部镁业), the first of
        ``region_prefixes`` that leaves two characters at least.

        >>> company_lexicon().without_region("青海西部镁业"), company_lexicon().without_region("青海镁")
        ('西部镁业', '青海镁')
        """
        region = self.region_opening.match(name, 0, len(name) - 2)
        return name[region.end():] if region else name

    def unit_place(self, rest: str) -> str | None:
        """The province or city ``rest``, what follows a group's brand in a longer name, opens
        with: that name is the group's unit at the place, another firm (中煤 / 中煤|陕西|公司,
        某集团 / 某集团|榆林|化学), not the brand's full name (丽豪 / 丽豪|半导体); None when
        ``rest`` opens with no place.

        >>> lex = company_lexicon()
        >>> lex.unit_place("榆林化学"), lex.unit_place("陕西"), lex.unit_place("半导体")
        ('榆林', '陕西', None)
        """
        place = self.unit_opening.match(rest)
        return place.group(0) if place else None

    def without_business_words(self, stem: str) -> str:
        """``stem`` without the words that close a registered name before its legal ending
        (禺沣生态农业开发 -> 禺沣), so they are not read as policy language.

        >>> company_lexicon().without_business_words("某某生态农业开发")
        '某某'
        """
        return strip_endings(stem, self.business_words)

    def without_closing_words(self, stem: str) -> str:
        """Rule ``straddling_word``: the brand of a registered name's ``stem``, without the business
        words and the industry ending that close it (宁创新材料科技 -> 宁创), so that a policy word
        made by the brand's last character and the ending's first (创|新) is not read as one.

        >>> company_lexicon().without_closing_words("甲创新材料科技"), company_lexicon().without_closing_words("推进")
        ('甲创', '推进')
        >>> company_lexicon().without_closing_words("甲乙市多能互补能源")
        '甲乙市'

        """
        return strip_endings(stem, self.business_words + self.suffixes + tuple(self.weak_suffixes))

    def is_reference(self, name: str, ending: str) -> bool:
        """``name`` (ending in ``ending``) is a word that refers to a firm without naming it
        (全资子公司, 标的公司, 本公司), not a name.

        >>> lex = company_lexicon()
        >>> lex.is_reference("全资子公司", "公司"), lex.is_reference("某某化工公司", "公司")
        (True, False)
        """
        return any(name.endswith(w) for w in self.reference_words if len(w) > len(ending))

    def without_opening(self, stem: str) -> str:
        """``stem`` without the function character that opens its brand (rule ``opening_char``:
        其丰硅业, 新疆其丰硅业), so that the character is not read as a function word there.

        >>> company_lexicon().without_opening("新疆其丰硅"), company_lexicon().without_opening("丰其硅")
        ('新疆丰硅', '丰其硅')
        """
        core = self.without_region(stem)
        if core[:1] in self.opening_chars:
            return stem[:len(stem) - len(core)] + core[1:]
        return stem

    def opens_name(self, text: str, at: int) -> bool:
        """Rule ``opening_char``: the function character at ``at`` (其) is the first of a brand,
        not a pronoun, because it opens a clause or follows a region and opens no pronoun word
        (其子公司, 其中 …).

        >>> lex = company_lexicon()
        >>> text = "8月3日,其丰集团年产2万吨工业硅项目开工,其子公司甲乙锂业随后投产;新疆其丰硅业同日签约"
        >>> [lex.opens_name(text, at) for at in (5, 22, 37)]
        [True, False, True]
        >>> lex.opens_name("推进其丰集团项目", 2)
        False
        """
        if text[at] not in self.opening_chars or text.startswith(self.pronoun_openings, at):
            return False
        before = text[:at]
        return (not before or before[-1] in SEPARATORS or not _CJK_OR_LETTER.match(before[-1])
                or before.endswith(self.region_prefixes))

    def plausible(self, stem: str) -> bool:
        """A name part (before its ending) that could be a firm's: no function word, no word
        of policy language, no count (先后组建三家|子公司).

        >>> company_lexicon().plausible("三家子")
        False
        """
        stem = self.without_opening(stem)
        return (bool(stem) and self.stop_chars.isdisjoint(stem)
                and not self.holds_bad_stem_word(stem) and not _COUNTED.search(stem))


@cache
def company_lexicon(file_name: str = COMPANY_SHAPE) -> CompanyLexicon:
    """Read the word lists of ``data/<file_name>`` once (default ``company_shape.yaml``).

    Read through :func:`chainkg.lexicon.cue_tables`, the one reader of cue files: a missing file or
    list is a :class:`~chainkg.errors.ChainkgError` naming the file (and the list).
    """
    raw = cue_tables(file_name)

    def longest_first(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(words), key=len, reverse=True))

    return CompanyLexicon(
        legal_suffixes=longest_first(raw["legal_suffixes"]),
        suffixes=longest_first(raw["suffixes"]),
        legal_forms=longest_first(raw["legal_forms"]),
        region_prefixes=longest_first(raw["region_prefixes"]),
        unit_places=longest_first(raw["unit_places"]),
        national_words=longest_first(raw["national_words"]),
        left_trim=longest_first(raw["left_trim"]),
        contact_verbs=longest_first([*raw["contact_verbs"], *raw["run_verbs"]]),
        generic_stems=frozenset(raw["generic_stems"]),
        sector_openings=longest_first(raw["sector_openings"]),
        not_followed_by=longest_first(raw["not_followed_by"]),
        stop_chars=frozenset(raw["stop_chars"]),
        opening_chars=frozenset(raw["opening_chars"]),
        park_words=longest_first(raw["park_words"]),
        pronoun_openings=longest_first(raw["pronoun_openings"]),
        bad_stem_words=longest_first(raw["bad_stem_words"]),
        sector_words=longest_first(raw["sector_words"]),
        reference_words=longest_first(raw["reference_words"]),
        business_words=longest_first(raw["business_words"]),
        measure_words=longest_first(raw["measure_words"]),
        brand_bad_starts=longest_first(raw["brand_bad_starts"]),
        speaker_titles=longest_first(raw["speaker_titles"]),
        first_person_words=longest_first(raw["first_person_words"]),
        weak_suffixes=frozenset(raw["weak_suffixes"]),
        class_stem_ends=longest_first(raw["class_stem_ends"]),
        weak_class_stem_ends=longest_first(raw["weak_class_stem_ends"]),
        signing_suffixes=frozenset(raw["signing_suffixes"]),
        signing_verbs=longest_first(raw["signing_verbs"]),
        element_chars=frozenset(raw["element_chars"]),
        max_brand_length=int(raw["max_brand_length"]),
        max_stem_length=int(raw["max_stem_length"]),
        max_legal_stem_length=int(raw["max_legal_stem_length"]),
    )


TEXT_KEY = "chainkg_text"
"""The ``doc.user_data`` key of a Doc's text (:func:`doc_text`); a caller that has the text may
set it before the pipeline runs, and no token is joined at all."""


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins the tokens again at every ``.text``, and a
    sentence's text is read by every component and rule (a third of extraction time before).

    >>> import spacy
    >>> doc = spacy.blank("zh")("年产3万吨")
    >>> doc_text(doc) == doc.text, "chainkg_text" in doc.user_data
    (True, True)
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from its Doc's text joined once (:func:`doc_text`): spaCy joins the
    span's tokens again at every ``.text``, a token object made per character.

    >>> import spacy
    >>> doc = spacy.blank("zh")("某厂年产3万吨")
    >>> span_text(doc[2:7]) == doc[2:7].text == "年产3万吨"
    True
    """
    return doc_text(span.doc)[span.start_char:span.end_char]


GROUPS_KEY = "chainkg_groups"
"""The ``doc.user_data`` key of the span groups the rule components have read or written: key -> (the
group in ``doc.spans``, its Spans). spaCy makes a Span (and three Tokens) per span at every read of a
group; a later reader (a component, the document rules of extraction) gets the same Spans back while
the group is the one they were read from (not replaced, not grown). Extraction drops it after each
document (:func:`drop_groups`), so its Docs hold no Spans of themselves for it."""


def group_spans(doc: Doc, key: str) -> list[Span]:
    """The spans of ``doc.spans[key]`` (none when an earlier component did not write it).

    >>> import spacy
    >>> doc = spacy.blank("zh")("某厂年产3万吨")
    >>> doc.spans["g"] = [doc[0:2]]
    >>> first = group_spans(doc, "g")
    >>> [s.text for s in first], group_spans(doc, "g")[0] is first[0], group_spans(doc, "none")
    (['某厂'], True, [])
    >>> doc.spans["g"] = [doc[2:4]]
    >>> [s.text for s in group_spans(doc, "g")]
    ['年产']
    """
    group = doc.spans.get(key)
    if group is None:
        return []
    held = doc.user_data.setdefault(GROUPS_KEY, {})
    read = held.get(key)
    if read is not None and read[0] is group and len(read[1]) == len(group):
        return list(read[1])
    spans = list(group)
    held[key] = (group, spans)
    return list(spans)



def set_group(doc: Doc, key: str, spans: list[Span]) -> None:
    """``doc.spans[key] = spans``, the Spans kept for the readers after (:func:`group_spans`)."""
    doc.spans[key] = spans
    doc.user_data.setdefault(GROUPS_KEY, {})[key] = (doc.spans[key], list(spans))


def drop_groups(doc: Doc) -> None:
    """Forget the Spans :func:`group_spans` kept for ``doc`` (they refer to it: a cycle until then)."""
    doc.user_data.pop(GROUPS_KEY, None)


def in_batches(component: Callable[[Doc], Doc], stream: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """``component`` called on each Doc of ``stream``, ``batch_size`` Docs before the first is passed on: the
    pipeline's components run over a batch one after another, not each over one sentence in turn, so each
    keeps its tables and code in the processor's caches (a fifth of the pipeline's time on short sentences,
    where spaCy's ``Pipe.pipe`` hands each Doc on at once). An error is raised, as spaCy's default handler does.

    >>> calls = []
    >>> out = in_batches(lambda d: calls.append(d) or d, iter("abc"), 2)
    >>> next(out), calls
    ('a', ['a', 'b'])
    >>> list(out), calls
    (['b', 'c'], ['a', 'b', 'c'])
    """
    for batch in minibatch(stream, batch_size):
        yield from [component(doc) for doc in batch]


def _char_span(doc: Doc, start: int, end: int, label: str, span_id: str = "") -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand", span_id=span_id)


SpanGroups = dict[str, list[Span]]
"""Span group key -> the spans a component puts under it."""


class SpanGroupMarker(Pipe):
    """Base of our rule components, shaped like spaCy's own rulers: :meth:`find` computes the
    span groups from a ``Doc`` without changing it (its main group under ``spans_key``),
    :meth:`set_annotations` writes them into ``doc.spans`` (replacing what those keys held);
    calling the component does both, and ``pipe`` comes from :class:`spacy.pipeline.Pipe`."""

    def __init__(self, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Find the spans of ``doc`` and write them; the same ``doc`` back."""
        self.set_annotations(doc, self.find(doc))
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """The Docs of ``stream`` marked, a batch at a time (:func:`in_batches`)."""
        return in_batches(self, stream, batch_size)

    def find(self, doc: Doc) -> SpanGroups:
        """The span groups this component marks in ``doc`` (``doc`` is left unchanged)."""
        raise NotImplementedError(f"{type(self).__name__}.find")

    def set_annotations(self, doc: Doc, groups: SpanGroups) -> None:
        """Write ``groups`` (from :meth:`find`) into ``doc.spans``."""
        for key, spans in groups.items():
            set_group(doc, key, spans)  # the same Spans read back by the readers after this one (group_spans)


# ---------------------------------------------------------------- terms


@Language.factory("chainkg_terms", assigns=["doc.spans"], default_config={"spans_key": TERMS, "overwrite": False})
def make_terms(nlp: Language, name: str, spans_key: str, overwrite: bool) -> TermRuler:
    """Factory of :class:`TermRuler` (``spans_key``: the group it writes; ``overwrite``: whether it replaces
    what the group held)."""
    return TermRuler(nlp, name, spans_key=spans_key, overwrite=overwrite)


class TermRuler(SpanRuler):
    """spaCy's span ruler, for phrase patterns: the terms of the templates, the data files and the known
    firms (:func:`chainkg.ingest.nlp.term_patterns`).

    >>> import spacy
    >>> nlp = spacy.blank("zh")
    >>> ruler = TermRuler(nlp, "span_ruler", spans_key="terms", overwrite=False)
    >>> ruler.add_patterns([{"label": "PRODUCT", "pattern": "碳酸锂", "id": "碳酸锂"},
    ...                     {"label": "ORG", "pattern": "某某锂业", "id": "某某锂业股份"},
    ...                     {"label": "ORG", "pattern": "某某锂业", "id": "某某锂业股份"}])
    >>> doc = ruler(nlp("某某锂业年产3万吨碳酸锂"))
    >>> [(s.text, s.label_, s.id_) for s in doc.spans["terms"]]
    [('某某锂业', 'ORG', '某某锂业股份'), ('碳酸锂', 'PRODUCT', '碳酸锂')]
    >>> ruler.match(doc) == SpanRuler.match(ruler, doc)
    True
    """

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """The Docs of ``stream`` marked, a batch at a time (:func:`in_batches`)."""
        return in_batches(self, stream, batch_size)

    def match(self, doc: Doc) -> list[Span]:
        """The spans of the patterns in ``doc``, each once, sorted: :meth:`SpanRuler.match`, without running
        the token matcher when it holds no pattern (spaCy runs it, under a warnings filter set anew for each
        Doc, whatever it holds: half the ruler's time on a sentence)."""
        if len(self.matcher):
            return super().match(doc)
        self._require_patterns()
        labels = self._match_label_id_map
        return sorted({Span(doc, start, end, label=labels[m_id]["label"], span_id=labels[m_id]["id"])
                       for m_id, start, end in self.phrase_matcher(doc) if start != end})


# ---------------------------------------------------------------- capacity


@Language.factory("chainkg_capacity", assigns=["doc.spans"], default_config={"spans_key": CAPACITY})
def make_capacity(nlp: Language, name: str, spans_key: str) -> CapacityMarker:
    """Factory of :class:`CapacityMarker` (``spans_key``: the group it writes)."""
    return CapacityMarker(name, spans_key=spans_key)


class CapacityMarker(SpanGroupMarker):
    """Marks capacity figures (``doc.spans[spans_key]``, label CAPACITY).

    >>> import spacy
    >>> marker = CapacityMarker("chainkg_capacity", spans_key="capacity")
    >>> doc = spacy.blank("zh")("某厂年产3万吨碳酸锂")
    >>> [s.text for s in marker.find(doc)["capacity"]], list(doc.spans)
    (['年产3万吨'], [])
    """

    def find(self, doc: Doc) -> SpanGroups:
        """The capacity figures of ``doc``, under ``spans_key``."""
        spans = [_char_span(doc, s, e, "CAPACITY") for s, e, _cap in find_capacities(doc_text(doc))]
        return {self.spans_key: [s for s in spans if s is not None]}


# ---------------------------------------------------------------- products


@Language.factory("chainkg_products", assigns=["doc.spans"], default_config={
    "spans_key": PRODUCT, "phases_key": PHASE, "terms_key": TERMS, "capacity_key": CAPACITY,
    "max_phrase_length": NP_MAX_LENGTH})
def make_products(nlp: Language, name: str, spans_key: str, phases_key: str, terms_key: str, capacity_key: str,
                  max_phrase_length: int) -> ProductMarker:
    """Factory of :class:`ProductMarker`: writes ``spans_key`` and ``phases_key``, reads the
    span ruler's ``terms_key`` and the capacities of ``capacity_key``."""
    return ProductMarker(name, spans_key=spans_key, phases_key=phases_key, terms_key=terms_key,
                         capacity_key=capacity_key, max_phrase_length=max_phrase_length)


# a product named before its figure: a whole table cell (…\t光伏15万千瓦), after a mode word
# (配套储能30MW/120MWh) or a verb of making (年产镁合金型材4万吨, 提取枸杞多糖300吨); a known
# product also at a clause's start (建设规模：光伏100万千瓦) or before a phase (…风电二期10万千瓦);
# the next items of such a list under one verb of making (年产甲1000台套、乙2000台套)
_MODE_WORDS = cues()["mode_words"]
_MAKE_VERBS = cues()["make_verbs"]
_APPROXIMATE = "".join(cues()["approximate_words"])
_PLANT_ENDS = cues()["plant_ends"]  # a plant word ends the product phrase after a figure
_NP_BEFORE_MAX = 6
_PHASE_END = re.compile(phase_pattern() + "$")
_CAPACITY_WORDS = tuple(sorted(cues()["capacity_words_before_figure"], key=len, reverse=True))
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_CLAUSE_OPEN = "，,；;：:。\n"


def noun_phrase_before(text: str, pos: int, known: frozenset[tuple[int, int]] = frozenset(),
                       place_ends: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """Character range of the product named right before a figure at ``pos`` when it opens a
    table cell (after a tab), follows a mode word (配套) or a verb of making (年产, 提取), or is
    a known product (a range of ``known``) at a clause's start, before a phase (风电二期), or
    right after a verb of building or a place (one of ``place_ends``: rule ``built_product``,
    新建|风电|21万千瓦, 某县|光伏|60万千瓦); None otherwise. The phase between product and figure
    is not part of the range.

    >>> text = "某公司\\t光伏15万千瓦，配套储能30MW，年产镁合金型材4万吨"
    >>> [text[slice(*noun_phrase_before(text, i))] for i in (6, 16, 28)]
    ['光伏', '储能', '镁合金型材']
    >>> noun_phrase_before("全市新增光伏15万千瓦", 6), noun_phrase_before("某公司\\t一期15万千瓦", 6)
    (None, None)
    >>> text = "规模：光伏100万千瓦，某某风电二期10万千瓦"
    >>> [text[slice(*noun_phrase_before(text, i, frozenset({(3, 5), (14, 16)})))] for i in (5, 18)]
    ['光伏', '风电']
    >>> noun_phrase_before("全市新增光伏15万千瓦", 6, frozenset({(4, 6)})) is None
    True
    >>> text = "某某在某县新建风电21万千瓦，甲县光伏6万千瓦"
    >>> [text[slice(*noun_phrase_before(text, i, frozenset({(7, 9), (17, 19)}), frozenset({17})))]
    ...  for i in (9, 19)]
    ['风电', '光伏']
    >>> text = "其中甲地沙漠光伏60万千瓦、乙地等风电40万千瓦"  # rule terrain_site
    >>> [text[slice(*noun_phrase_before(text, i, frozenset({(6, 8), (17, 19)})))] for i in (8, 19)]
    ['光伏', '风电']
    >>> text = "某某矿业的铁矿采选能力230万吨"
    >>> text[slice(*noun_phrase_before(text, 11, frozenset({(5, 7)})))]
    '铁矿'
    >>> text = "年产某某变桨系统1000台套、偏航减速器2000台套"
    >>> text[slice(*noun_phrase_before(text, 20))]
    '偏航减速器'
    """
    phase = _PHASE_END.search(text[max(0, pos - 2):pos])
    end = pos - 2 if phase else pos
    worded = next((w for w in _CAPACITY_WORDS if text.endswith(w, 0, end)), None)
    if worded is not None:
        end -= len(worded)  # rule capacity_word: 铁矿|采选能力|230万吨, read like a phase
    while end > 0 and text[end - 1] in _APPROXIMATE:
        end -= 1  # 年产绿氢约|4000吨
    for start in range(end - 2, max(-1, end - _NP_BEFORE_MAX - 1), -1):
        opens = (start == 0 or text[start - 1] in _CLAUSE_OPEN or start in place_ends
                 or text.endswith(_BUILD_VERBS + _SITE_BEFORE, 0, start))
        if (start, end) in known and (phase or worded or opens):
            return start, end
        if (start > 0 and text[start - 1] == "\t") or text.endswith(_MODE_WORDS + _MAKE_VERBS, 0, start) \
                or _listed_after_figure(text, start):
            phrase = text[start:end]
            if (_HAN_ONLY.fullmatch(phrase) and not _PHASE.match(phrase)
                    and not phrase.startswith(_NP_BAD_START) and not any(w in phrase for w in _NP_STOPS)):
                return start, end
            return None
    return None


# rule rated_cell: what may stand between a cell's product and its rating (a space, a tab, an opening bracket),
# and what closes the rating's cell
RATING_GAP = re.compile(r"[ \u3000\t]{0,2}[（(]?")
_RATING_CLOSE = re.compile(r"[）)]?(?:[\t\n。；;，,]|$)")
_CELL_PHRASE_MAX = 12


def rated_cell(text: str, start: int, end: int, known: Sequence[Span]) -> tuple[int, int] | None:
    """Rule ``rated_cell``: the product of a table cell (opened by a tab) that holds only a product, with its
    plant word, and the product's rating ``text[start:end]`` (in the same cell after a space or in brackets, or
    alone in the next cell); the product's known name (of ``known``) must end the phrase once plant words go.

    >>> from chainkg.ingest.nlp import shared_pipeline
    >>> doc = shared_pipeline()("某某有限公司\\t风电项目（5万千瓦）\\t已开工")
    >>> at = doc.text.index("5")
    >>> doc.text[slice(*rated_cell(doc.text, at, at + 4, group_spans(doc, TERMS)))]
    '风电项目'
    >>> doc = shared_pipeline()("某某能源有限公司\\t5万千瓦\\t已开工")
    >>> rated_cell(doc.text, 9, 13, group_spans(doc, TERMS)) is None
    True
    """
    if not _RATING_CLOSE.match(text, end):
        return None
    phrase_end = start
    while phrase_end > 0 and RATING_GAP.fullmatch(text, phrase_end - 1, start):
        phrase_end -= 1
    cell = text.rfind("\t", 0, phrase_end)
    phrase = text[cell + 1:phrase_end]
    if cell < 0 or not 2 <= len(phrase) <= _CELL_PHRASE_MAX or not _HAN_ONLY.fullmatch(phrase) \
            or phrase.startswith(_NP_BAD_START) or _PHASE.match(phrase):
        return None
    cleaned = clean_product(phrase)
    names = {span_text(k) for k in known if cell < k.start_char and k.end_char <= phrase_end}
    return (cell + 1, phrase_end) if any(cleaned.endswith(n) for n in names) else None


_FIGURE_ITEM_END = re.compile(rf"[0-9][0-9.]*{one_of(cues()['list_figure_multipliers'])}?[\u4e00-\u9fffA-Za-z/]{{1,4}}、$")


def _listed_after_figure(text: str, start: int) -> bool:
    """``start`` opens the next item of a list whose items name the product before the figure,
    under one verb of making in the clause: "年产某某系统1000台套、|某某器2000台套"."""
    if not _FIGURE_ITEM_END.search(text, max(0, start - 12), start):
        return False
    clause = max(text.rfind(c, 0, start) for c in _CLAUSE_OPEN + "\t")
    return any(verb in text[clause + 1:start] for verb in _MAKE_VERBS)


# a plant whose power feeds another work (光伏制氢, 风电制氨): a figure in watts rates the plant
_FED_BY_POWER = re.compile(f"({one_of(cues()['power_sources'])}){one_of(cues()['power_fed_works'])}")


_LOCANT = re.compile(r"[0-9](?:[,，][0-9])+-(?=[\u4e00-\u9fff])")


# rule code_pair: two product codes in Latin letters joined by a slash are one unit's either-or
# product (年产25万吨/年|LDPE/EVA|延链…), the whole phrase
# signs between enumeration items like 、 (单晶拉棒+切片): a product phrase ends before one
_ITEM_SIGNS = tuple(cues()["item_signs"])
_CODE_PAIR = re.compile(r"[A-Za-z][A-Za-z0-9-]*/[A-Za-z][A-Za-z0-9-]*(?![/A-Za-z0-9])")


# a code in letters glued after a product's Chinese name, restating it (…铁钠|NFPP|产线): rule code_gloss
_CODE_GLOSS = re.compile(r"[A-Za-z]{2,8}")
_GLOSS_ENDS = (*_NP_STOPS, *cues()["plant_ends"], *cues()["code_gloss_ends"])
_OVER_STOPS = tuple(cues()["np_words_over_stops"])


def _over_stop(text: str, pos: int) -> bool:
    """Whether the stop word at ``pos`` is inside a word that does not stop a phrase (集|中).

    >>> _over_stop("光伏集中电站", 3), _over_stop("建设中", 2)
    (True, False)
    """
    return any(text.startswith(w, pos - i) for w in _OVER_STOPS for i in range(1, len(w)))


FIGURE_OF = tuple(cues()["figure_of_marks"])
_FIGURE_OF_WORKS = tuple(cues()["figure_of_works"])
_SPACED_OF = re.compile("[ \u00a0]?" + one_of(FIGURE_OF))


def figure_of_end(text: str, pos: int) -> int | None:
    """Where the phrase after a figure's 的 starts (rule ``figure_of_work``), the figure ending at ``pos``; None
    when no 的 follows it. Rule ``spaced_of``: one space may stand between a figure and its 的
    (N MW/N MWh 的储能).

    >>> text = "配置20MW/40MWh 的储能设施"
    >>> figure_of_end(text, text.index(" ")), figure_of_end("年产5万吨纯碱", 5)
    (14, None)
    """
    m = _SPACED_OF.match(text, pos)
    return m.end() if m else None


def open_noun_phrase(text: str, pos: int, blocker_starts: set[int], max_length: int) -> tuple[int, int] | None:
    """Character range of the noun phrase that starts at ``pos`` (right after a capacity), or
    None. It runs to the first stop word, separator or blocking span (where a status, place or
    figure starts); a phrase of ``max_length`` characters or more is no noun phrase. "等N个…"
    right after the capacity is skipped (大柴旦140万千瓦等4个抽水蓄能项目 -> 抽水蓄能), and so is
    a list of grades (年产20万吨食品级、医药级小苏打 -> 医药级小苏打, cleaned to 小苏打), and so is
    a technology word in Latin letters set off by a space (年产5GW TOPCon光伏组件 -> 光伏组件), and so is a rating
    of the plant's unit (rule ``rating_between``: 30万吨500kA电解铝 -> 电解铝).

    >>> text = "年产3万吨高纯氟化锂项目"
    >>> text[slice(*open_noun_phrase(text, 5, set(), 12))]
    '高纯氟化锂'
    >>> open_noun_phrase(text, 5, set(), 5) is None
    True
    >>> text = "年产10万吨电动汽车用动力锂离子电池用三元前驱体项目"
    >>> text[slice(*open_noun_phrase(text, 6, set(), 12))]
    '电动汽车用动力锂离子电池用三元前驱体'
    >>> text = "建设30万吨500kA电解铝生产线"
    >>> text[slice(*open_noun_phrase(text, 7, set(), 12))]
    '电解铝'
    >>> text = "年产30万吨1,4-丁二醇项目"
    >>> text[slice(*open_noun_phrase(text, 6, set(), 12))]
    '1,4-丁二醇'

    Rule ``code_gloss``: a code in letters glued after the Chinese name, before a plant or stop word, restates
    the name and is no part of it:

    >>> text = "布局1万吨复合磷酸焦磷酸铁钠NFPP产线,年产2万吨PVDF,5万吨磷酸铁锂LFP"
    >>> [text[slice(*open_noun_phrase(text, text.index(w) + 1, set(), 12))] for w in ("吨复", "吨P", "吨磷")]
    ['复合磷酸焦磷酸铁钠', 'PVDF', '磷酸铁锂']

    Rule ``figure_of_work``: after 的, the phrase is the figure's product when a work word closes it, a phase
    between them or not:

    >>> text = "一期装机容量为49.5兆瓦的风电项目建成,10万吨的规模,年产5万吨的纯碱二期工程"
    >>> [open_noun_phrase(text, p, set(), 12) and text[slice(*open_noun_phrase(text, p, set(), 12))]
    ...  for p in (14, 27, text.rindex("的"))]
    ['风电', None, '纯碱']

    Two codes in Latin letters joined by a slash are the whole phrase (rule ``code_pair``):

    >>> text = "建设8万吨/年PP/PE延链工程"
    >>> text[slice(*open_noun_phrase(text, 7, set(), 12))]
    'PP/PE'
    """
    m = _COUNT_THEN_NP.match(text, pos) or GRADE_LIST.match(text, pos) or TECH_WORD.match(text, pos)
    if m:
        pos = m.end()
    if pos in blocker_starts:
        return None
    of = figure_of_end(text, pos)
    if of is not None:  # rule figure_of_work
        after = open_noun_phrase(text, of, blocker_starts, max_length)
        work = _PHASE.match(text, after[1]) if after is not None else None  # …的纯碱|一期|工程
        return after if after is not None and text.startswith(_FIGURE_OF_WORKS, work.end() if work else after[1]) else None
    pair = _CODE_PAIR.match(text, pos)
    if pair:
        return pair.span()
    locant = _LOCANT.match(text, pos)  # a chemical name's locants are part of it (1,4-丁二醇)
    end = locant.end() if locant else pos
    head = pos  # rule purpose_phrase: after what it is for (…电池用|三元前驱体) the length counts anew
    while end < len(text) and end - head < max_length:
        ch = text[end]
        if end - pos >= 2 and ch in _USE_MARKS and text[end - 1] not in _USE_VERB_FIRSTS:
            head = end + 1
        if ch in SEPARATORS or ch in _ITEM_SIGNS or ch.isdigit():
            break  # rule item_sign: 单晶拉棒|+切片 (a sign between items, like 、)
        gloss = _CODE_GLOSS.match(text, end) if end - pos >= 2 and _HAN_ONLY.match(text, end - 1) else None
        if gloss and (gloss.end() == len(text) or text.startswith(_GLOSS_ENDS, gloss.end())
                      or text[gloss.end()] in SEPARATORS):
            break  # rule code_gloss: 复合磷酸焦磷酸铁钠|NFPP|产线
        if end > pos and (text.startswith(_NP_STOPS, end) and not _over_stop(text, end) or _PHASE.match(text, end)
                          or _COUNTED.match(text, end) or text.endswith(_PLANT_ENDS, pos, end)):
            break  # 碳酸锶|两个项目; 光热电站|吸热塔
        if end > pos and end in blocker_starts:
            break
        end += 1
    if end - pos < 2 or end - head >= max_length:
        return None
    if text.startswith(_NP_BAD_START + _NP_PROGRESS + _NP_TIME_ADVERBS, pos) and not text.startswith(_NP_NOUN_STARTS, pos):
        return None
    return pos, end


_USE_MARKS = frozenset("".join(cues()["use_marks"]))
_USE_VERB_FIRSTS = frozenset(cues()["use_verb_firsts"])
_GROUP_WORDS = cues()["group_words"]  # the ending of a group's name a subsidiary's registered name may follow


_PRODUCT_KINDS = tuple(cues()["product_kinds"])


def kind_start(text: str, start: int) -> int:
    """Rule ``product_kind``: where a known product starting at ``start`` starts with the kind
    written before it (高密度|聚乙烯: another product, kept in the name, not a grade dropped).

    >>> text = "某某化工高密度聚乙烯项目开工"
    >>> text[kind_start(text, text.index("聚乙烯")):text.index("项目")]
    '高密度聚乙烯'
    """
    kind = next((k for k in _PRODUCT_KINDS if text.endswith(k, 0, start)), "")
    return start - len(kind)


_SECTOR_AFTER = tuple(cues()["general_sector_after"])
_GLOSS_WORDS = tuple(cues()["gloss_words"])
_ITEM_SEPARATORS = frozenset(SEPARATORS)
_CLAUSE_END = re.compile("[，,。；;：:！？!?]")
_KIND_MAX = 8  # longest kind written before a listed product (家用电器|铝材)


def general_sense(text: str, start: int, end: int) -> bool:
    """Rule ``general_sector``: a product of the general lexicon at ``start``-``end`` right before a
    word of a sector or trade (…|产业链, …|行业, …|企业) names the sector, no goods; rule
    ``gloss_product``: one right after a gloss word ((英文缩写|PTA)) restates a product named before it.

    >>> text = "甲地延伸纺织服装产业链,甲乙公司服装项目"
    >>> general_sense(text, 6, 8), general_sense(text, text.rindex("服装"), text.rindex("服装") + 2)
    (True, False)
    >>> general_sense("精对苯二甲酸(英文缩写PTA)", 11, 14)
    True
    """
    return text.startswith(_SECTOR_AFTER, end) or text.endswith(_GLOSS_WORDS, 0, start)


def _item_start(text: str, start: int) -> int:
    """Where the enumeration item ending at (or holding) ``start`` begins: after the last separator."""
    i = start
    while i > 0 and start - i < _KIND_MAX and text[i - 1] not in _ITEM_SEPARATORS:
        i -= 1
    return i if i == 0 or text[i - 1] in _ITEM_SEPARATORS else start


def listed_kind_start(text: str, start: int, end: int) -> int:
    """Rule ``listed_kind``: where a product of the general lexicon starts when a 、-list's items end in
    that same product (门窗铝材、汽车铝材): the words before it are its kind (the item's start), no
    firm's brand; else ``start``. A list closed as one of works (…等项目) names a firm's work in each
    item (甲乙铝材、丙丁铝材等项目): there the words before are brands.

    >>> text = "产品有门窗铝材、家用电器铝材等类别"
    >>> text[listed_kind_start(text, 12, 14):14]
    '家用电器铝材'
    >>> text = "甲乙公司铝材、丙丁公司铜材"
    >>> listed_kind_start(text, 4, 6)
    4
    >>> listed_kind_start("甲乙铝材、丙丁铝材等项目投产", 2, 4)
    2
    """
    item = _item_start(text, start)
    works = WORK_LIST_END.search(text, end)
    if item == start or (works is not None and not _CLAUSE_END.search(text, end, works.start())):
        return start
    word = text[start:end]
    before = item >= 1 and text[item - 1] == "、" and text.endswith(word, 0, item - 1)
    after_end = next((i for i in range(end + 1, min(len(text), end + 1 + _KIND_MAX + len(word)))
                      if text[i] in _ITEM_SEPARATORS), len(text))
    after = text.startswith("、", end) and text.endswith(word, end + 1, after_end)
    return item if before or after else start


@cache
def _general_names() -> frozenset[str]:
    """Canonical names of the general lexicon's products (``data/products.yaml``)."""
    return frozenset(p.name for p in load_product_lexicon().products)


_USE_HEADS = tuple(cues()["grade_use_heads"])
_CLASS_WORDS = frozenset(cues()["product_class_words"])


def use_head_product(text: str, start: int, end: int, known: Sequence[Span]) -> Span | None:
    """Rule ``use_head_product``: in the product phrase ``text[start:end]``, the known product
    (of ``known``) written after what it is for (…电池, …组件) and followed by nothing but its class of
    goods (正极材料, 材料) is the product; a class word alone is no such product, nor is a known word without
    the class after it (全钒液流电池|电解液, 钠离子电池|储能): there the phrase's head decides (rule
    ``head_product``, :mod:`chainkg.ingest.heads`).

    >>> from chainkg.ingest.nlp import shared_pipeline
    >>> doc = shared_pipeline()("锂电池磷酸铁锂正极材料")
    >>> use_head_product(doc.text, 0, len(doc.text), group_spans(doc, TERMS)).id_
    '磷酸铁锂'
    >>> [use_head_product(d.text, 0, len(d.text), group_spans(d, TERMS))
    ...  for d in map(shared_pipeline(), ["锂电池负极材料", "钠离子电池储能"])]
    [None, None]
    """
    for k in sorted(known, key=lambda k: k.start_char):
        if (start < k.start_char and k.end_char <= end and span_text(k) not in _CLASS_WORDS
                and text[start:k.start_char].endswith(_USE_HEADS)
                and text[k.end_char:end] in _CLASS_WORDS):
            return k
    return None


_NICKNAME_OPEN = re.compile(one_of(cues()["nickname_words"]) + r"[^“”\"，,。；;]{0,16}?[“\"][^“”\"]{0,6}$")


def nickname(text: str, start: int) -> bool:
    """Rule ``nickname``: a product word at ``start`` inside the quotes of a nickname (被誉为“白色石油”) is a
    figure of speech, no product.

    >>> text = "锂被誉为绿色能源金属和“白色石油”,甲乙公司石油储运项目"
    >>> nickname(text, text.index("石油")), nickname(text, text.rindex("石油"))
    (True, False)
    """
    return _NICKNAME_OPEN.search(text, 0, start) is not None


def place_tail(text: str, start: int, end: int) -> int:
    """Rule ``place_tail``: where the product phrase ``text[start:end]`` ends without a prefecture or province
    glued after it (…动力电池|某城|项目: the plant's place, no part of the product), when two characters or more
    are left.

    >>> text = "年产能12吉瓦时动力电池宜宾项目"
    >>> text[8:place_tail(text, 8, 14)], place_tail("光伏组件", 0, 4)
    ('动力电池', 4)
    """
    places = company_lexicon().unit_place_words
    if not text.endswith(places, start, end):  # one test of every place first: most phrases end in none
        return end
    place = next(p for p in places if text.endswith(p, start, end))
    return end - len(place) if end - len(place) - start >= 2 else end


class ProductMarker(SpanGroupMarker):
    """Marks products (``spans_key``): every known product phrase of the ``terms_key`` group,
    and the noun phrase (shorter than ``max_phrase_length``) right after each capacity of the
    ``capacity_key`` group (its ``id_`` the phrase without grade and plant words, see
    :func:`chainkg.ingest.vocab.clean_product`, then the template's name for it when the
    templates list it). Also marks phases (一期, 二期) under ``phases_key``."""

    def __init__(self, name: str, *, spans_key: str, phases_key: str, terms_key: str, capacity_key: str,
                 max_phrase_length: int) -> None:
        super().__init__(name, spans_key)
        self.phases_key = phases_key
        self.terms_key = terms_key
        self.capacity_key = capacity_key
        self.max_phrase_length = max_phrase_length

    @staticmethod
    def _named(doc: Doc, text: str, start: int, end: int, known: list[Span], label: str,
               treatment: bool = False) -> Span | None:
        """The product span over [start, end): its ``id_`` the phrase without grade and plant
        words (``treatment``: after a treatment figure, the work done stays), then the
        template's name for that (a known phrase of exactly that text), else the phrase's head
        among the known products inside it (:func:`chainkg.ingest.heads.product_head`)."""
        if label != "PRODUCT":  # rule trailing_word: no word cut at the phrase's end
            end = word_end(text, start, end)
        cleaned = clean_product(text[start:end], treatment)
        inside = [k for k in known if start <= k.start_char and k.end_char <= end]
        same = next((k for k in inside if span_text(k) == cleaned), None) or use_head_product(text, start, end, inside)
        if same is not None and same.id_:
            canonical = same.id_
        elif label == "PRODUCT":  # a known product with the kind before it stays (rule product_kind)
            canonical = cleaned
        else:  # rules trailing_word, head_product
            canonical = product_head(cleaned, {span_text(k): k.id_ for k in inside}).product
        return _char_span(doc, start, end, label, canonical)

    def find(self, doc: Doc) -> SpanGroups:
        """The products of ``doc`` (sorted by start, longest first) and its phases."""
        text = doc_text(doc)
        terms = group_spans(doc, self.terms_key)
        caps = group_spans(doc, self.capacity_key)
        known = [s for s in terms if s.label_ == "PRODUCT"]
        blocker_starts = {s.start_char for s in terms if s.label_ in {"STATUS", "PLACE"}}
        blocker_starts |= {s.start_char for s in caps}
        place_ends = frozenset(s.end_char for s in terms if s.label_ == "PLACE")
        products: list[Span] = []
        fed_works: list[tuple[int, int]] = []  # 光伏制氢 after a figure in watts: not a product there
        for cap in caps:
            rng = open_noun_phrase(text, cap.end_char, blocker_starts, self.max_phrase_length)
            if rng is not None and (figure := capacity_of(cap)) is not None and figure.base_unit == "W":
                fed = _FED_BY_POWER.match(text, rng[0], rng[1])  # 100MW|光伏|制氢: the figure rates the plant
                if fed:
                    fed_works.append(fed.span())
                    rng = (rng[0], rng[0] + len(fed.group(1)))
            label = "NP"
            if rng is None:
                known_ranges = frozenset((k.start_char, k.end_char) for k in known)
                rng, label = (rated_cell(text, cap.start_char, cap.end_char, known)
                              or noun_phrase_before(text, cap.start_char, known_ranges, place_ends)), "NP_BEFORE"
            if rng is not None:
                rng = (rng[0], place_tail(text, *rng))
                span = self._named(doc, text, rng[0], rng[1], known, label, _TREATMENT.match(span_text(cap)) is not None)
                if span is not None:
                    products.append(span)
        covered = [(p.start_char, p.end_char) for p in products] + fed_works
        for k in filter_spans(known):
            if not any(s <= k.start_char and k.end_char <= e for s, e in covered) and not nickname(text, k.start_char):
                start = kind_start(text, k.start_char)
                if k.id_ in _general_names():  # rules general_sector, gloss_product, listed_kind
                    if general_sense(text, k.start_char, k.end_char):
                        continue
                    start = min(start, listed_kind_start(text, k.start_char, k.end_char))
                span = self._named(doc, text, start, k.end_char, known, "PRODUCT")
                if span is not None:
                    products.append(span)
        phases = [_char_span(doc, m.start(), m.end(), "PHASE") for m in _PHASE.finditer(text)]
        return {self.spans_key: sorted(products, key=lambda s: (s.start_char, -s.end_char)),
                self.phases_key: [p for p in phases if p is not None]}


# ---------------------------------------------------------------- companies


@Language.factory("chainkg_companies", assigns=["doc.spans"], default_config={
    "spans_key": COMPANY, "terms_key": TERMS, "capacity_key": CAPACITY, "product_key": PRODUCT,
    "lexicon_file": COMPANY_SHAPE})
def make_companies(nlp: Language, name: str, spans_key: str, terms_key: str, capacity_key: str, product_key: str,
                   lexicon_file: str) -> CompanyMarker:
    """Factory of :class:`CompanyMarker`: writes ``spans_key``, reads the groups ``terms_key``,
    ``capacity_key`` and ``product_key``; its word lists are read from ``data/<lexicon_file>`` when
    the pipeline is built (or loaded), so the file's name is all the pipeline stores."""
    return CompanyMarker(name, lexicon=company_lexicon(lexicon_file), spans_key=spans_key, terms_key=terms_key,
                         capacity_key=capacity_key, product_key=product_key)


# a name starts right after these (龙头企业|某某毛纺, 行业龙头|某某集团)
_EDGE_WORDS = cues()["name_edge_words"]
_PLACE_ENDINGS = cues()["place_endings"]
# a phase or the yearly-output word (二期, 年产), which a name's end may hold
PHASE_OR_YEARLY = f"(?:{phase_pattern()}|{one_of(cues()['yearly_output_words'])})"
_PHASE_OR_YEARLY_END = re.compile(PHASE_OR_YEARLY + "$")
_BUILD_VERBS = cues()["name_build_verbs"]
_CLAUSE_TAILS = cues()["position_clause_tails"]
BRANCH_ENDINGS = tuple(cues()["branch_endings"])  # 分公司: a firm's branch (rules group_branch, branch_whole)
_SITE_ENDINGS = (*cues()["site_endings"], *cues()["terrain_sites"])
_WORKS_RE = re.compile("|".join(re.escape(w) for w in cues()["works_endings"]))
_WORKS_PLANT_STEMS = tuple(cues()["works_plant_stems"])
_ALSO_WORDS = tuple(cues()["status_of_firm_also"])
# a treatment or a route closing the words before a figure or product (煤炭深加工|120万吨烯烃, 煤制|烯烃): no firm's
# name (rule process_word)
_PROCESS_ENDS = (*cues()["processing_words"], *cues()["route_ends"])
# before a known product that takes the figure after it: a terrain site, or 等 closing a list of sites
# a county and a spot in it (某某县|某地): rule county_site
_COUNTY_SITE = re.compile(rf"[\u4e00-\u9fff]{{1,4}}{char_class(cues()['county_marks'])}[\u4e00-\u9fff]{{1,4}}")
_LOCATED_PLACE = re.compile(rf"[\u4e00-\u9fff]{{2,5}}?{char_class(cues()['located_place_marks'])}")
_NOT_CITY = tuple(cues()["not_city_words"])
_REGISTERED_FORMS = tuple(cues()["registered_forms"])
_SITE_BEFORE = (*cues()["terrain_sites"], *cues()["etc_words"])
COUNT_UNIT = "item"
"""The base unit of pieces counted (件, 块): a figure in it is a count unless made or listed as a
project (extract.py, rule listed_count), and no brand is read before it by position."""
_MAX_RUN = 30  # how far back a name's left edge is looked for before trimming
_BRACKETED_PLACE = re.compile(r"[（(][\u4e00-\u9fff]{2,5}[)）]$")
_ITEM_END = re.compile(r"(?:$|[、，,；;。：:！？!?）)”\"]|"
                       + one_of([*cues()["item_end_words"], *cues()["item_plant_words"]]) + ")")


class _Marks:
    """The spans the company rules look at (the span ruler's terms, capacities, products),
    indexed by position for one text (so a long sentence with thousands of figures costs
    linear time)."""

    def __init__(self, text: str, terms: list[Span], caps: list[Span], products: list[Span],
                 named_starts: Collection[int] = ()) -> None:
        self.text = text
        self.named_starts = named_starts  # where a known firm's name starts, kept or not (rule located_firm)
        self.places = [s for s in terms if s.label_ == "PLACE"]
        self.statuses = [s for s in terms if s.label_ == "STATUS"]
        self.sectors = [s for s in terms if s.label_ in {"CHAIN", "PRODUCT"}]
        self.known = [s for s in terms if s.label_ == "ORG"]
        self.caps = caps
        self.products = products
        self.product_starts = {p.start_char for p in self.sectors}
        self.sector_spans = {(p.start_char, p.end_char) for p in self.sectors}
        self.cap_ends = {s.end_char for s in self.caps}
        self.cap_starts = {s.start_char for s in self.caps}
        self.known_ends = {s.end_char for s in self.known}
        self.hard_ends = {s.end_char for s in self.statuses + self.caps}
        self.brand_ends = self.hard_ends | {s.end_char for s in self.sectors}
        self.place_by_end = {p.end_char: p.start_char for p in self.places}
        self.place_by_start = {p.start_char: p.end_char for p in self.places}
        self.place_names = {span_text(p) for p in self.places}
        self.skip_status: dict[int, int] = {}
        self.skip_all: dict[int, int] = {}
        for span in self.statuses:
            self.skip_status[span.start_char] = max(self.skip_status.get(span.start_char, 0), span.end_char)
        for span in self.statuses + self.places:
            self.skip_all[span.start_char] = max(self.skip_all.get(span.start_char, 0), span.end_char)
        self.hard = self._cover(self.statuses + self.caps)
        self.sector_cover = self._cover(self.sectors + self.caps)
        self.brand_block = self._cover(self.statuses + self.caps + self.sectors + self.places
                                       + [p for p in products if p.label_ == "NP_BEFORE"])
        # for each character, the (start, end) of the widest sector or status span over it
        self.term_over: list[tuple[int, int] | None] = [None] * len(self.text)
        for span in self.sectors + self.statuses:
            for i in range(span.start_char, span.end_char):
                old = self.term_over[i]
                if old is None or span.end_char - span.start_char > old[1] - old[0]:
                    self.term_over[i] = (span.start_char, span.end_char)

    def _cover(self, spans: list[Span]) -> bytearray:
        covered = bytearray(len(self.text))
        for span in spans:
            covered[span.start_char:span.end_char] = b"\x01" * (span.end_char - span.start_char)
        return covered


_FIRM_LIST_END = re.compile(ETC + "[^、，,。；;：:]{0,10}?(?:" + "|".join(cues()["firm_list_closings"]) + ")")
WORK_LIST_END = re.compile(ETC + "[^、，,。；;：:]{0,6}?(?:" + "|".join(cues()["project_list_closings"]) + ")")
# 等, a count and a word for projects (甲、乙化工等6个新材料项目): a list of firms' projects (rule listed_firm)
_FIRMS_WORKS_END = re.compile(ETC + "[^、，,。；;：:]{0,10}?(?:" + "|".join(cues()["project_list_closings"]) + ")")
# 等 and a word for means (甲、乙等先进技术): a list of techniques or ideas, no firms (rule listed_means)
_MEANS_LIST_END = re.compile(ETC + "[^、，,。；;：:]{0,6}?(?:" + "|".join(cues()["means_list_closings"]) + ")")
_FIRM_LIST_LEADS = tuple(cues()["firm_list_leads"])
_TECHNIQUE_WORDS = tuple(sorted(cues()["brand_technique_words"], key=len, reverse=True))
_COUNT_MEASURES = tuple(cues()["count_measures"])
_FIGURE_DATE_MARKS = tuple(cues()["figure_tail_dates"])


def figure_tail(text: str, left: int, end: int) -> int | None:
    """Rule ``figure_tail``: a name found by its ending that opens right after a digit with a date mark
    (2026|年|某某集团) starts after the mark: the date's year, month or day is no part of the firm. Returns
    the new left edge, None when fewer than two characters would stay.

    >>> text = "2026年澄岭集团投产"
    >>> figure_tail(text, text.index("年澄"), text.index("集团") + 2), figure_tail("澄岭集团", 0, 4)
    (5, 0)
    >>> figure_tail("12月岚", 2, 4) is None
    True
    """
    if left == 0 or not text[left - 1].isdigit():
        return left
    mark = next((m for m in _FIGURE_DATE_MARKS if text.startswith(m, left)), None)
    if mark is None:
        return left
    return left + len(mark) if end - left - len(mark) >= 2 else None
_POSSESSION_VERBS = cues()["possession_verbs"]
_MAKING_WORDS = tuple(cues()["making_words"])
_COUNTY_ENDINGS = (*cues()["county_marks"], *cues()["place_endings"])  # a place named as a county, city …
_CLAUSE_OPENERS: dict[str, list[str]] = dict(cue_tables()["name_clause_openers"])
_SUBSIDIARY_ROLES = one_of(sorted((w for w in company_lexicon().reference_words if w.endswith(tuple(cues()["subsidiary_word"]))),
                                  key=len, reverse=True))
SUBSIDIARY_TAIL = re.compile(f"(?:{one_of(cues()['subsidiary_place_words'])}[^，,。；;、]{{1,12}}?)?"
                             f"(?:{one_of(cues()['subsidiary_of'])})?{_SUBSIDIARY_ROLES}")
"""What follows the parent's name in a statement of a subsidiary (…在某地注册的全资子公司; rule stated_subsidiary)."""
_SUBSIDIARY_COPULAS = one_of(cues()["subsidiary_copulas"])
_STATED_PARENT = re.compile(rf"({_SUBSIDIARY_COPULAS})([\u4e00-\u9fff]{{2,8}}?)(?={SUBSIDIARY_TAIL.pattern})")
_LIST_COLONS = ("：", ":")
_LISTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}")
_GRADED_ITEM = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:" + "|".join(cues()["grade_words"]) + r")[\u4e00-\u9fff]{2,6}")


def located_firm(text: str, left: int, name_end: int, end: int, known_starts: Collection[int] = ()) -> int:
    """Rule ``located_firm``: where a name found by its ending (``text[left:end]``, its ending from
    ``name_end``) starts when a county or city opens it (two to five letters and 县, 旗 or 市:
    ``located_place_marks``): right after the place, unless the name is registered (its legal form
    ends in 有限公司: ``registered_forms``), the place leaves fewer than two letters before the
    ending, or a known firm's name starts inside the place or right after it (``known_starts``: 国网|某市|
    电力公司 is the grid's unit at the city, 某旗|伊泰|化工 the group's unit in the banner, kept whole as the
    known-firm rules read it). A place there says where the firm is (会场在某县|某某化学,
    某市|某某能源公司), a registered name holds its own (某县某某文旅发展有限公司). Words ending in 市
    that name no city (上市, 城市 …: ``not_city_words``) are no place.

    >>> def name(text, ending):
    ...     end = len(text)
    ...     return text[located_firm(text, 0, end - len(ending), end):]
    >>> name("甲乙县丙丁化学", "化学"), name("甲乙市戊己能源公司", "公司"), name("甲乙县庚辛文旅有限公司", "有限公司")
    ('丙丁化学', '戊己能源公司', '甲乙县庚辛文旅有限公司')
    >>> name("甲乙上市公司", "公司"), name("甲乙县丙化学", "化学")
    ('甲乙上市公司', '甲乙县丙化学')
    >>> text = "甲乙丙丁市戊己公司"
    >>> text[located_firm(text, 0, 7, 9):], text[located_firm(text, 0, 7, 9, known_starts=[0]):]
    ('戊己公司', '甲乙丙丁市戊己公司')
    """
    place = _LOCATED_PLACE.match(text, left, name_end)
    if (place is None or name_end - place.end() < 2 or text.endswith(_REGISTERED_FORMS, left, end)
            or text.endswith(_NOT_CITY, left, place.end()) or any(left <= k <= place.end() for k in known_starts)):
        return left
    return place.end()


def enumeration_items(text: str, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each 、-separated item of the enumeration that ends at ``end``,
    back to the clause's start (the first item may hold the lead-in words).

    >>> text = "引进甲、乙丙、丁等项目"
    >>> [text[s:e] for s, e in enumeration_items(text, text.index("等"))]
    ['引进甲', '乙丙', '丁']
    """
    lead = max(text.rfind(ch, 0, end) for ch in "，,；;。：:\n（(")
    items: list[tuple[int, int]] = []
    start = lead + 1
    for part in text[lead + 1:end].split("、"):
        items.append((start, start + len(part)))
        start += len(part) + 1
    return items


def listed_firms(text: str, found: Sequence[tuple[int, int, str]], blocked: bytearray | None = None
                 ) -> list[tuple[int, int, str]]:
    """Rule ``listed_firm``: in an enumeration closed by 等 and a word for firms (引进甲碳业、乙铜箔、
    丙希望等一批龙头项目: ``firm_list_closings`` in data/cues.yaml) whose items include a name
    found by itself (``found``: (start, end, rule)), every other item that is a name of two to six
    letters with no figure is a firm as written (乙铜箔 whole, not 乙 and a product), as
    (start, end, "listed"); the first item from the last verb that leads the list
    (先后引进|甲乙水电: ``firm_list_leads``). An enumeration closed by a word for projects
    (推进甲、乙化工、丙硅业等6个项目) lists firms the same way when at least two items and half of
    them are names found by themselves; an item there over a product or sector term (``blocked``,
    光伏制氢) is no firm.

    >>> text = "洽谈引进甲碳业、乙铜箔、丙希望等一批龙头项目。"
    >>> [text[s:e] for s, e, _ in listed_firms(text, [(4, 7, "shape")])]
    ['乙铜箔', '丙希望']
    >>> text = "园区先后引进甲乙水电、丙丁核、戊己国际等一批电力企业。"
    >>> [text[s:e] for s, e, _ in listed_firms(text, [(11, 14, "known")])]
    ['甲乙水电', '戊己国际']
    >>> text = "推进甲乙、丙丁化工、戊己硅业、庚辛等6个新材料项目。"
    >>> [text[s:e] for s, e, _ in listed_firms(text, [(5, 9, "shape"), (10, 14, "shape")])]
    ['甲乙', '庚辛']
    >>> listed_firms("推进甲光伏、乙储能等项目。", [])
    []

    Rule ``listed_first_item``: a list closed by a word for firms that opens right after a colon (其中：)
    has its first item whole, verbs and adverbs there dropped (rule ``pos_opening``):

    >>> text = "园区企业中：甲乙冶炼、丙丁碳化硅、戊己磨料科技等三家企业已投产。"
    >>> [text[s:e] for s, e, _ in listed_firms(text, [(17, 23, "shape")])]
    ['甲乙冶炼', '丙丁碳化硅']
    """
    out: list[tuple[int, int, str]] = []
    closings = [(m, True) for m in _FIRM_LIST_END.finditer(text)]
    closings += [(m, False) for m in _FIRMS_WORKS_END.finditer(text)
                 if not any(f.start() == m.start() for f, _ in closings)]
    for closing, firm_words in closings:
        items = enumeration_items(text, closing.start())
        alone = [(s, e) for s, e in items if any(fe == e and s <= fs for fs, fe, _ in found)]
        if not alone or (not firm_words and (len(alone) < 2 or 2 * len(alone) < len(items))):
            continue
        first = items[0]
        lead = max((text.rfind(w, *first) + len(w) for w in _FIRM_LIST_LEADS if text.rfind(w, *first) >= 0),
                   default=None)
        if lead is None and firm_words and text.endswith(_LIST_COLONS, 0, first[0]):
            lead = first[0] + opening_length(text[first[0]:first[1]])  # rule listed_first_item: 其中：|甲冶炼、…
        for s, e in ([(lead, first[1])] if lead is not None else []) + items[1:]:
            if (s, e) in alone or any(fe == e for fs, fe, _ in found) or not _LISTED_NAME.fullmatch(text, s, e):
                continue
            if not firm_words and blocked is not None and any(blocked[s:e]):
                continue
            out.append((s, e, "listed"))
    return out


def listed_means(text: str) -> list[tuple[int, int]]:
    """Rule ``listed_means``: the (start, end) of the items of each enumeration closed by 等 and a word
    for means (``means_list_closings``: 技术, 理念, 模式 …; the first item from the clause's start): a
    name that ends an item is a technique or an idea (甲互联、乙环保等先进技术), no firm, whatever its
    ending; a firm before the list (丙化工通过|甲互联) ends no item.

    >>> text = "丙化工通过甲互联、乙环保等先进技术建设项目。"
    >>> [text[s:e] for s, e in listed_means(text)]
    ['丙化工通过甲互联', '乙环保']
    """
    out: list[tuple[int, int]] = []
    for closing in _MEANS_LIST_END.finditer(text):
        items = enumeration_items(text, closing.start())
        if len(items) >= 2:
            out += items
    return out


def group_branches(text: str, found: Sequence[tuple[int, int, str]], lex: CompanyLexicon
                   ) -> list[tuple[int, int, str]]:
    """Rule ``group_branch``: a branch named by a place alone (a province, a city, or a county's
    name ending in 县, 旗, 市 …) right after a firm's name (某某集团|湖南分公司, 某某有限公司|某某旗分公司)
    is that firm's branch, one name with it, not a firm of its own; the two names found are joined.
    After a name with its legal form (某某有限责任公司|格尔木某某发电分公司) any branch is joined: a
    branch named by its place and its trade belongs to the firm written whole right before it.

    >>> text = "与岚峡集团湖南分公司签约"
    >>> group_branches(text, [(1, 5, "shape"), (5, 10, "shape")], company_lexicon())
    [(1, 10, 'shape')]
    >>> text = "建设单位为甲乙能源有限公司丙丁旗分公司"
    >>> group_branches(text, [(5, 13, "shape"), (13, 19, "shape")], company_lexicon())
    [(5, 19, 'shape')]
    >>> text = "甲乙水电有限公司丙丁太阳能发电分公司"
    >>> group_branches(text, [(0, 8, "shape"), (8, 18, "shape")], company_lexicon())
    [(0, 18, 'shape')]
    """
    ends = {e: (s, e, how) for s, e, how in found}
    out = list(found)
    for s, e, how in found:
        stem = text[s:e]
        before = ends.get(s)
        if before is None or not stem.endswith(BRANCH_ENDINGS):
            continue
        place = stem[:-len(next(w for w in BRANCH_ENDINGS if stem.endswith(w)))]
        legal = text[before[0]:before[1]].endswith(lex.legal_forms)
        if place and (legal or lex.unit_place(place) == place or place.endswith(_COUNTY_ENDINGS)):
            out = [f for f in out if f not in (before, (s, e, how))] + [(before[0], e, before[2])]
    return out


def graded_brands(text: str, lex: CompanyLexicon) -> list[tuple[int, int, str]]:
    """Rule ``graded_brand``: a later item of an enumeration of projects (…、甲乙|高纯|某粉、…等
    产业项目) that is a short name, a grade word and a product, with no figure, names its firm
    by the name before the grade word, as (start, end, "position").

    >>> text = "先后引进了甲公司某板、乙丙丁高纯硅粉、戊己5000吨某棒等光伏产业项目"
    >>> [text[s:e] for s, e, _ in graded_brands(text, company_lexicon())]
    ['乙丙丁']
    """
    out: list[tuple[int, int, str]] = []
    for closing in WORK_LIST_END.finditer(text):
        for s, e in enumeration_items(text, closing.start())[1:]:
            m = _GRADED_ITEM.fullmatch(text, s, e)
            if m is None:
                continue
            name = m.group(1)
            if lex.plausible(name) and name not in lex.generic_stems and not name.startswith(_BUILD_VERBS):
                out.append((*m.span(1), "position"))
    return out


def after_paired_opener(text: str, start: int, end: int) -> int:
    """Rule ``paired_opener``: where a name opening at ``start`` (ending at ``end``) starts when a
    time clause opens there with a character whose closing word follows the name in the clause
    (继|某某有限公司在某地布局…后, 继|甲乙集团…之后: ``name_clause_openers``): right after it, the
    opener being no part of the name; elsewhere (a brand that opens with that character) at
    ``start``.

    >>> text = "这是继甲乙材料有限公司去年在某县投产1万吨产线后,公司的第二个项目。"
    >>> text[after_paired_opener(text, 2, 11):11]
    '甲乙材料有限公司'
    >>> text = "继丰集团年产5万吨某产品。"
    >>> text[after_paired_opener(text, 0, 4):4]
    '继丰集团'
    """
    closers = _CLAUSE_OPENERS.get(text[start:start + 1])
    if not closers or end - start < 3:
        return start
    clause_end = min((i for i in (text.find(ch, end) for ch in "。；;！？!?\n") if i >= 0), default=len(text))
    return start + 1 if any(text.find(w, end, clause_end) >= 0 for w in closers) else start


class CompanyMarker(SpanGroupMarker):
    """Marks company names (``doc.spans[spans_key]``, label ORG, ``id_`` = rule:
    ``known``, ``shape`` or ``position``), from the groups ``terms_key`` (span ruler),
    ``capacity_key`` and ``product_key`` and the word lists of ``lexicon``.

    - known: a name of a known firm (``data/known_firms.yaml``, marked by the span ruler) where rule
      ``known_firm`` keeps it (:func:`chainkg.ingest.firm_evidence.known_firm_kept`: not inside a
      longer word, not before a place ending); a longer name found by shape over it wins;
    - shape: a name ending (…锂业, …化工, …有限公司) with a plausible name before it, back to a
      separator or function word, bylines, verbs and places trimmed from the left
      (本报讯, 推动, 德令哈 …); a place stays when the name has a legal ending
      (格尔木远澈光伏科技有限公司), and a bracketed place before the legal ending is part of it;
    - position: a short brand right before a capacity (南玻10万吨…, 青海中控德令哈50兆瓦…) or,
      as a whole enumeration item, right before a known product (丽豪单晶硅、…).
    """

    def __init__(self, name: str, *, lexicon: CompanyLexicon, spans_key: str, terms_key: str, capacity_key: str,
                 product_key: str) -> None:
        super().__init__(name, spans_key)
        self.lex = lexicon
        self.terms_key = terms_key
        self.capacity_key = capacity_key
        self.product_key = product_key
        endings = sorted({*lexicon.legal_suffixes, *lexicon.suffixes, *lexicon.weak_suffixes,
                          *lexicon.signing_suffixes}, key=len, reverse=True)
        self._suffix_re = re.compile("|".join(re.escape(s) for s in endings))
        self._legal_re = re.compile("|".join(re.escape(s) for s in lexicon.legal_suffixes))
        self._industry_after = tuple(sorted(lexicon.suffixes, key=len, reverse=True))
        self._contact_re = re.compile("|".join(re.escape(v) for v in lexicon.contact_verbs))  # any verb of contact

    def trim_left(self, text: str, start: int, end: int, skip: dict[int, int]) -> int:
        """Move ``start`` right past bylines, verbs, time words, words that refer to a firm
        (全资子公司) and the spans of ``skip`` (start -> end: statuses, places) that sit before
        a name (本报讯, 推动, 格尔木市 …), leaving at least two characters; first past the last
        verb of contact anywhere in the run (考察组先后走访|某某公司), last past a verb that leads a
        list (rule ``list_lead``: 主要有|某某昆仑…)."""
        start = after_paired_opener(text, self.after_contact_verb(text, start, end), end)
        changed = True
        while changed and start < end:
            changed = False
            word = self.lex.left_words.match(text, start, end - 2)  # the first in order leaving two characters
            if word:
                start, changed = word.end(), True
            else:
                span_end = skip.get(start)
                if span_end is not None and span_end < end and end - span_end >= 2:
                    start, changed = span_end, True
        return start + lead_length(text[start:end])  # rule list_lead: 主要有|某某…

    def after_contact_verb(self, text: str, start: int, end: int) -> int:
        """Where a name in ``text[start:end]`` starts given the verbs of contact (走访, 紧盯, 访 …)
        a name never holds: right after the last one, when at least two characters follow it.

        >>> marker = CompanyMarker("c", lexicon=company_lexicon(), spans_key="company", terms_key="terms",
        ...                        capacity_key="capacity", product_key="product")
        >>> text = "考察组先后走访某某科技有限公司"
        >>> text[marker.after_contact_verb(text, 0, len(text)):]
        '某某科技有限公司'

        Rule ``visit_verb``: the verb of a visit by officials (一行深入, 莅临) is one of them:

        >>> text = "市领导一行深入某某铁合金有限公司"
        >>> text[marker.after_contact_verb(text, 0, len(text)):]
        '某某铁合金有限公司'
        """
        best = start
        if self._contact_re.search(text, start, end) is None:
            return best  # no verb inside the run (most runs): no rfind per verb
        for verb in self.lex.contact_verbs:
            at = text.rfind(verb, start, end)
            if at >= 0 and end - (at + len(verb)) >= 2:
                best = max(best, at + len(verb))
        return best

    def left_edge(self, text: str, end: int, stop_ends: set[int], limit: int = _MAX_RUN) -> int:
        """Leftmost start of a name ending at ``end``: back to a separator, a non-letter, a
        function word, the end of a blocking span (``stop_ends``), or ``limit`` characters."""
        start = end
        while start > 0 and end - start < limit:
            ch = text[start - 1]
            if ch in SEPARATORS or not _CJK_OR_LETTER.match(ch):
                break
            if ch in self.lex.stop_chars and not self.lex.opens_name(text, start - 1):
                break
            if start in stop_ends or text.endswith(_EDGE_WORDS, 0, start):
                break
            start -= 1
        return start

    def find(self, doc: Doc) -> SpanGroups:
        """The company names of ``doc``, under ``spans_key``."""
        text = doc_text(doc)
        terms = group_spans(doc, self.terms_key)
        named_starts = {s.start_char for s in terms if s.label_ == "ORG"}
        terms = [s for s in terms if s.label_ != "ORG"] + self.known_names(doc, text, terms)
        marks = _Marks(text, terms, group_spans(doc, self.capacity_key), group_spans(doc, self.product_key),
                       named_starts)
        text = marks.text
        found: list[tuple[int, int, str]] = [(s.start_char, s.end_char, "known") for s in marks.known]
        found += self.by_shape(marks)
        found += self.works_names(marks)
        for cap in marks.caps:
            if (figure := capacity_of(cap)) is not None and figure.base_unit == COUNT_UNIT:
                continue  # a count of pieces (提案120件) names no firm before it
            brand = self.brand_before(marks, cap.start_char)
            if brand is not None:
                found.append((*self.site_before_known(marks, *brand), "position"))
        for product in marks.products:  # an item's product, or one before its figure (某某|源网荷储一期2GW: rule brand_before_product)
            if not (_ITEM_END.match(text, product.end_char) or product.label_ == "NP_BEFORE"):
                continue
            if product.label_ == "NP_BEFORE" and text.endswith(_MAKE_VERBS + _MODE_WORDS, 0, product.start_char):
                continue  # a verb of making or a mode introduced it (提取|枸杞多糖300吨), not a brand
            brand = self.brand_before(marks, product.start_char, whole_item=True)
            if brand is not None:
                found.append((*self.site_before_known(marks, *brand), "position"))
        found += listed_firms(text, found, marks.sector_cover) + graded_brands(text, self.lex)
        found += self.stated_pair(marks)
        means = listed_means(text)  # rule listed_means: 甲互联、乙环保等先进技术
        found = [f for f in found if f[2] == "known" or not any(s <= f[0] and e == f[1] for s, e in means)]
        return {self.spans_key: self._spans(doc, group_branches(text, found, self.lex))}

    def known_names(self, doc: Doc, text: str, terms: Sequence[Span]) -> list[Span]:
        """Rule ``known_firm``: the known firms' names of the span ruler (label ORG) that name the firm
        where they stand. Two names of one firm overlapping (中国宝武|宝武集团) are one name; a name is
        dropped when :func:`~chainkg.ingest.firm_evidence.known_firm_kept` says so (inside a longer word,
        before a place ending or an association's word), when a product or chain term of the templates
        covers it (the product, not the firm), when a county's or city's name ends right before it and a trade
        ending follows (某旗|岚峡|化工: the county's local unit, not the group), and when its run goes on to a
        legal ending (岚峡|水电开发有限公司): it is then part of the longer name, found by shape.

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("中国宝武集团承建,华能格尔木光伏发电有限公司投资,全国能源消费下降")
        >>> [(s.text, s.id_) for s in doc.spans["company"]]
        [('中国宝武集团', 'known'), ('华能格尔木光伏发电有限公司', 'shape')]
        """
        known = sorted((s for s in terms if s.label_ == "ORG"), key=lambda s: (s.start_char, -s.end_char))
        joined: list[tuple[int, int, str]] = []
        for span in known:
            last = joined[-1] if joined else None
            if last is not None and last[2] == span.id_ and span.start_char < last[1]:
                joined[-1] = (last[0], max(last[1], span.end_char), last[2])  # one firm's names overlapping
            else:
                joined.append((span.start_char, span.end_char, span.id_))
        sectors = [(s.start_char, s.end_char) for s in terms if s.label_ in {"CHAIN", "PRODUCT"}]
        kept = []
        for start, end, firm in joined:
            if not known_firm_kept(text, start, end) or any(ts <= start and end <= te for ts, te in sectors):
                continue
            if text.endswith(_COUNTY_ENDINGS, 0, start) and text.startswith(self._industry_after, end):
                continue  # a county, a brand and a trade (某旗|某某|化工): the county's local unit, not the group
            legal = self._legal_re.search(text, end, end + _MAX_RUN)
            inner = {m.end() for m in self._legal_re.finditer(text, start, legal.start())} if legal else set()
            if legal is not None and self.left_edge(text, legal.start(), inner) <= start:
                continue  # the known name opens a longer registered name (found by shape)
            span = doc.char_span(start, end, label="ORG", span_id=firm)
            if span is not None:
                kept.append(span)
        return kept

    def stated_pair(self, marks: _Marks) -> list[tuple[int, int, str]]:
        """Rule ``stated_subsidiary``: the two names of a statement that one firm is another's
        subsidiary (甲乙锂源是丙丁锂源的控股子公司) are firms, though neither has a company ending,
        as (start, end, "listed"): the parent from the copula to the role words, the subsidiary
        back from the copula to the clause's start (lead-in words trimmed). A name part holding a
        policy word (该项目为…) is none.

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("甲乙锂源是丙丁锂源的控股子公司。")
        >>> [s.text for s in doc.spans["company"]]
        ['甲乙锂源', '丙丁锂源']
        """
        text = marks.text
        out: list[tuple[int, int, str]] = []
        for m in _STATED_PARENT.finditer(text):
            parent = m.span(2)
            start = self.left_edge(text, m.start(), marks.hard_ends)
            start = self.trim_left(text, start, m.start(), marks.skip_all)
            names = [(start, m.start()), parent]
            if all(2 <= e - s <= 8 and self.lex.plausible(text[s:e]) and not any(marks.hard[s:e]) for s, e in names):
                out += [(s, e, "listed") for s, e in names]
        return out

    def by_shape(self, marks: _Marks) -> list[tuple[int, int, str]]:
        """Names found by their ending.

        Rule ``not_a_firm_word``: an industry ending right before a discipline, a government
        office or a plant (材料|科学, 能源|局, 能源|站: ``not_followed_by``) ends no name. Rule
        ``counted_firms``: a name by a legal ending never opens with a measure right after a
        figure (等4|家上市公司: a count of firms). A name never holds a verb of owning, founding
        or merging (拥有, 建立, 重组: ``run_verbs``). Rule ``pos_opening``: dictionary verbs, adverbs,
        prepositions and pronouns at a name's left are dropped (不断推动|盐化工 leaves no name, 根据|岚峡锂业
        a name); rule ``product_stem``: a product or sector term before an industry ending
        (光伏发电|材料) is no name.

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("某大学材料科学专业团队在某旗能源局备案;已拥有甲乙锂业、丙丁科技等4家上市公司。")
        >>> [s.text for s in doc.spans["company"]]
        ['甲乙锂业', '丙丁科技']
        >>> doc = shared_pipeline()("不断推动盐化工发展,光伏发电材料需求旺盛,根据岚峡锂业的计划开工。")
        >>> [s.text for s in doc.spans["company"]]
        ['岚峡锂业']

        Rule ``known_product``: a known firm (``data/known_firms.yaml``) and a product term right after it
        (盐湖股份|钾肥…) are the firm and its product, no longer name by the product's ending:

        >>> doc = shared_pipeline()("推进盐湖股份钾肥扩能改造。")
        >>> [s.text for s in doc.spans["company"]]
        ['盐湖股份']
        """
        text = marks.text
        out = []
        # a legal ending ends a name: no name runs back over one (某甲有限公司合资成立|某乙有限公司)
        endings = list(self._suffix_re.finditer(text))
        stops = marks.hard_ends | {m.end() for m in endings
                                   if m.group() in self.lex.legal_suffixes and not self._ending_at(text, m.end())}
        for m in endings:
            s, e = m.span()
            legal = m.group() in self.lex.legal_suffixes
            if not legal and text.startswith(self.lex.not_followed_by, e) and not self.names_park(marks, s, e):
                continue  # a legal ending always ends a name (…有限公司利用…)
            if not self._ending_at(text, s):
                continue  # 氢能, 投资 end a firm's name only before 签约, 落户 … (某某氢能签约)
            if self._ending_at(text, e) and e not in marks.product_starts and not self.group_sector(text, s, e):
                continue  # a longer name goes on (赣锋锂业集团), unless a product starts there
            if not legal and m.group() in self.lex.sector_words and text.endswith(_GROUP_WORDS, 0, s):
                continue  # rule group_sector: a group and a sector word (某某集团|新能源…项目) is the group's sector
            if not legal and s in marks.product_starts and s in marks.known_ends:
                continue  # rule known_product: a known firm and its product (某某股份|钾肥…), not a longer name
            over = [marks.term_over[i] for i in range(s, e) if marks.term_over[i] is not None]
            if any(o[1] > e or (o[0] < s and o[1] >= e) for o in over):
                continue  # inside 盐湖化工 (a chain), 锂电池 (a product) …; not a term ending inside the ending (融|金矿|业)
            name_end = s
            bracket = _BRACKETED_PLACE.search(text, max(0, s - 7), s) if legal else None
            if bracket and bracket.end() == s:
                name_end = bracket.start()
            left = self.left_edge(text, name_end, stops)
            if legal:
                left = self.over_inner_bracket(text, left, stops)
            left = self.trim_left(text, left, name_end, marks.skip_status if legal else marks.skip_all)
            if legal:
                left = self.after_park(text, self.after_datelines(marks, left, name_end), name_end)
                left += opening_length(text[left:name_end])  # rule pos_opening: 根据|某某工业股份有限公司
                if self.lex.is_reference(text[left:e], m.group()):
                    continue
            else:
                if left in marks.cap_ends:
                    continue  # right after a figure it is the product (年产10万吨|某某钾肥), not a firm
                left = self.after_inner_place(marks, left, name_end)
                if left is None:
                    continue
                opening = opening_length(text[left:e])  # rule pos_opening: 不断推动|盐化工, 根据我们|某某储能
                if opening and not self.lex.plausible(text[left:name_end]):
                    continue  # the words dropped are policy words (注入|强劲电力): a phrase, no name
                left += opening
                if (left, name_end) in marks.sector_spans:
                    continue  # rule product_stem: a product or sector and an ending (光伏发电|材料), no name
            cut = quantity_cut(text[left:name_end])
            if cut is None:
                continue  # rule quantity_in_name: a quantity inside (某省|百万吨|钾肥), a phrase
            left += cut  # ... or the figure's unit glued before the name (5|亿元|某某化工)
            left = located_firm(text, left, name_end, e, marks.named_starts)
            if self._bad_stem(text[left:name_end], m.group(), legal):
                continue
            if left > 0 and text[left - 1].isdigit() and text.startswith(_COUNT_MEASURES, left):
                continue  # rule counted_firms: a count of firms (等4|家上市公司), no name
            tail = figure_tail(text, left, name_end)
            if tail is None:
                continue
            left = tail  # rule figure_tail: a date's mark cut (2026|年|某某集团)

            if any(marks.hard[left:e]) or self._sector_phrase(text[left:e], marks.place_names):
                continue
            out.append((self.under_group(marks, left, out, e) if legal else left, e, "shape"))
        return out

    def works_names(self, marks: _Marks) -> list[tuple[int, int, str]]:
        """Rule ``works_firm``: a works (``works_endings``: 某某铁合金厂) right before a figure or a product is
        the firm that builds it, as (start, end, "shape"): a name of four to sixteen letters back to a
        separator or a function word, not a plant or a utility (发电厂, 水厂, 智能工厂: ``works_plant_stems``), and
        not a group's works (某某集团某某酒厂: the group builds, its name is found by its ending). A name starts
        after a word that adds one more work (今年还有|某某厂: ``status_of_firm_also``); a run cut at a function
        word is no name (the word may end a place: 民和|某某厂).

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("园区引进甲乙半导体材料厂500吨多晶硅扩建项目、丙丁福利铁合金厂4×2.5万KVA硅铁项目。")
        >>> [s.text for s in doc.spans["company"]]
        ['甲乙半导体材料厂', '丙丁福利铁合金厂']
        """
        text = marks.text
        out: list[tuple[int, int, str]] = []
        for ending in _WORKS_RE.finditer(text):
            s, e = ending.span()
            if not (e in marks.cap_starts or e in marks.product_starts or text[e:e + 1].isdigit()):
                continue  # a works not right before its figure or product: a place of work, no builder
            edge = self.left_edge(text, s, marks.hard_ends)
            if edge > 0 and text[edge - 1] in self.lex.stop_chars:
                continue  # cut at a function word, maybe inside a place (民和|某某厂): no whole name
            left = self.trim_left(text, edge, s, marks.skip_status)
            left += opening_length(text[left:s])
            left = max([left, *(text.rfind(w, left, s) + len(w) for w in _ALSO_WORDS if w in text[left:s])])
            stem = text[left:s]
            if (not 4 <= len(stem) <= self.lex.max_legal_stem_length or stem.endswith(_WORKS_PLANT_STEMS)
                    or any(w in stem for w in self.lex.legal_suffixes)
                    or not self.lex.plausible(stem) or any(marks.hard[left:e])):
                continue
            out.append((left, e, "shape"))
        return out

    def names_park(self, marks: _Marks, start: int, end: int) -> bool:
        """Rule ``named_park``: the name whose ending runs from ``start`` to ``end`` names a park right before a
        figure (某某光伏科技|产业园|50GW…项目: ``park_words``), the firm's own park and work, so the ending ends a
        name there though a park word after it is otherwise part of a common word (科技园, 产业园区); a place
        and a sector word (某市|化工|产业园) name the place's park, no firm.

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("青海岚峡光伏科技产业园50GW单晶硅棒项目奠基。")
        >>> [s.text for s in doc.spans["company"]]
        ['青海岚峡光伏科技']
        >>> doc = shared_pipeline()("格尔木化工产业园100万吨纯碱项目开工。")
        >>> [s.text for s in doc.spans["company"]]
        []
        """
        park = next((w for w in self.lex.park_words if marks.text.startswith(w, end)), None)
        return park is not None and end + len(park) in marks.cap_starts and start not in marks.place_by_end

    def group_sector(self, text: str, start: int, end: int) -> bool:
        """Rule ``group_sector``: the group's name ending at ``end`` (its ending 集团 from ``start``) is
        followed by a sector word (``sector_words``: 新能源, 光伏 …) with no company ending after it: the
        group's sector (某某集团|新能源…项目), so the name ends at the group; a registered unit
        (某某集团新能源有限公司) goes on.

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("岚峡集团新能源耦合一体化项目开工,岚峡集团新能源有限公司承建。")
        >>> [s.text for s in doc.spans["company"]]
        ['岚峡集团', '岚峡集团新能源有限公司']
        """
        if not text.endswith(_GROUP_WORDS, 0, end) or start == end:
            return False
        after = self._suffix_re.match(text, end)
        return (after is not None and after.group() in self.lex.sector_words
                and not self._ending_at(text, after.end()))

    def under_group(self, marks: _Marks, left: int, earlier: Sequence[tuple[int, int, str]] = (),
                    end: int | None = None) -> int:
        """Rule ``under_group``: a registered name glued to a group's name that ends in 集团, a known
        one or one found by its ending before it (``earlier``: 某某能源集团|某地化工公司, 中国某建集团|
        某地勘测设计研究院有限公司), or a known brand and its group word (某电投|集团|某地能源化工有限责任公司),
        is the group's unit, named with it: start at the group.

        Rule ``branded_unit``: a unit whose name (ending at ``end``) holds a brand of its own after its
        place (某集团|阿克苏|华锦|化肥有限公司: place, brand, trade) is a firm of its own, named without the
        group: the group only says whose it is; so is a unit whose name opens with a known firm's name
        (某集团|某矿|新疆能化有限公司: rule ``known_firm``).
        """
        if end is not None and self._branded_unit(marks.text[left:end]):
            return left
        if end is not None and any(k.start_char == left for k in marks.known):
            return left  # a unit opening with a known firm's name (某集团|某矿新疆能化有限公司) is that firm's
        groups = [(k.start_char, k.end_char) for k in marks.known]
        groups += [(s, e) for s, e, _ in earlier]
        group = next((s for s, e in groups if e == left and marks.text.endswith(_GROUP_WORDS, s, e)), None)
        if group is None:  # a known brand and its group word (某电投|集团|某地能源化工有限公司): the group is the brand's
            group = next((k.start_char for k in marks.known
                          if marks.text[k.end_char:left] in _GROUP_WORDS and k.end_char < left), None)
        return group if group is not None else left

    def site_before_known(self, marks: _Marks, start: int, end: int) -> tuple[int, int]:
        """Rule ``site_before_brand``: a name found by its position that is a city's or a prefecture's
        name (``unit_places``) glued before a known firm (喀什|华电2×66万千瓦…) is that firm at the
        project's site: the name starts after the place. Other names are kept as found, a province's
        name before a known brand too (浙江吉利: the firm's home, as registered names write it).

        >>> from chainkg.ingest.extract import rules_fired
        >>> [r[0] for r in rules_fired("此次喀什华电2×66万千瓦热电联产项目开工。")]
        ['华电']
        """
        place = next((p for p in self.lex.unit_places if marks.text.startswith(p, start, end)), None)
        if place is not None and any(k.start_char == start + len(place) and k.end_char == end for k in marks.known):
            return start + len(place), end
        return start, end

    def _branded_unit(self, name: str) -> bool:
        """``name`` (a registered name) opens with a place and holds a brand of its own between the
        place and its trade and legal words (阿克苏|华锦|化肥有限公司), not only its trade (榆林|化学有限公司).

        >>> marker = CompanyMarker("c", lexicon=company_lexicon(), spans_key="company", terms_key="terms",
        ...                        capacity_key="capacity", product_key="product")
        >>> [marker._branded_unit(n) for n in ("阿克苏汀澜化肥有限公司", "榆林化学有限公司", "榆林能源化工有限公司")]
        [True, False, False]
        """
        stem = strip_endings(name, self.lex.legal_suffixes)
        place = self.lex.unit_place(stem)
        if place is None:
            return False
        rest = stem[len(place):]
        closing = (*self.lex.business_words, *self.lex.suffixes, *self.lex.weak_suffixes)
        while (word := next((w for w in closing if rest.endswith(w)), None)) is not None:
            rest = rest[:-len(word)]  # every closing word, to the last character (能源化工 -> "")
        return len(rest) >= 2

    def _ending_at(self, text: str, pos: int) -> bool:
        """A name ending starts at ``pos``; one of the ``signing_suffixes`` only when a verb of
        signing follows it (某某氢能|签约, but 某某有限公司|投资的… ends at 公司)."""
        m = self._suffix_re.match(text, pos)
        if m is None:
            return False
        return m.group() not in self.lex.signing_suffixes or text.startswith(self.lex.signing_verbs, m.end())

    def over_inner_bracket(self, text: str, left: int, stop_ends: set[int]) -> int:
        """Where a name with a legal ending starts when a bracketed place sits inside it
        (某某|(海西)|锂电材料有限公司): before the bracket, when a name part precedes it."""
        bracket = _BRACKETED_PLACE.search(text, max(0, left - 7), left)
        if bracket is None or bracket.end() != left:
            return left
        outer = self.left_edge(text, bracket.start(), stop_ends)
        return outer if outer < bracket.start() else left

    def after_park(self, text: str, left: int, name_end: int) -> int:
        """Rule ``after_park``: where a registered name starts when a park no gazetteer holds is
        glued before it: right after the park's last word (…开发区某某工业园区|甲乙能源股份有限公司),
        unless what remains is only words that close a registered name (…开发区|投资开发有限公司).

        >>> marker = CompanyMarker("c", lexicon=company_lexicon(), spans_key="company", terms_key="terms",
        ...                        capacity_key="capacity", product_key="product")
        >>> text = "某某经济技术开发区丙丁工业园区甲乙能源股份有限公司"
        >>> text[marker.after_park(text, 0, text.index("股份")):]
        '甲乙能源股份有限公司'
        >>> text = "某某开发区投资开发有限公司"
        >>> text[marker.after_park(text, 0, text.index("有限")):]
        '某某开发区投资开发有限公司'
        """
        at = max((text.rfind(w, left, name_end) + len(w) for w in self.lex.park_words
                  if text.rfind(w, left, name_end) >= 0), default=left)
        rest = self.lex.without_business_words(text[at:name_end])
        return at if len(rest) >= 2 and rest not in self.lex.signing_suffixes else left

    def after_datelines(self, marks: _Marks, left: int, name_end: int) -> int:
        """:meth:`after_dateline` as often as it moves (茫崖市|花土沟镇|青海某某有限公司)."""
        moved = self.after_dateline(marks, left, name_end)
        while moved != left:
            left, moved = moved, self.after_dateline(marks, moved, name_end)
        return left

    def after_dateline(self, marks: _Marks, left: int, name_end: int) -> int:
        """Where a name with a legal ending starts when a place glued before it is a dateline:
        the place is followed by a province or city prefix or by another place
        (德令哈|上海某某科技有限公司, 都兰|都兰某某有限公司), or it is a town or park, which no
        registered name starts with (察尔汗|某某有限公司, see ``unregistered_places``); a county-level
        place can be part of the registered name and stays (大柴旦某某镁业有限公司)."""
        place_end = marks.place_by_start.get(left)
        if place_end is None or name_end - place_end < 2:
            return left
        rest = marks.text[place_end:name_end]
        dateline = rest.startswith(self.lex.region_prefixes) or place_end in marks.place_by_start
        return place_end if dateline or marks.text[left:place_end] in unregistered_places() else left

    def _bad_stem(self, stem: str, ending: str, legal: bool) -> bool:
        """The part before a name ending is no firm's name: too long or too short, a policy
        phrase, a generic or product-class word, or a place-like word (全县|新能源). Before a
        legal ending, the words that close a registered name (…开发, …技术) are no policy words."""
        core = self.lex.without_region(stem)
        if stem.endswith(self.lex.contact_verbs):
            return True  # a verb a name never holds, right before the ending (某市抢抓|能源)
        if len(core) > (self.lex.max_legal_stem_length if legal else self.lex.max_stem_length) or len(core) < 2:
            return True
        checked = self.lex.without_closing_words(stem) if legal else stem
        if not self.lex.plausible(checked) or core in self.lex.generic_stems or stem in self.lex.left_trim:
            return True
        if core.startswith(self.lex.sector_openings):
            return True  # rule sector_opening: a name opens with a brand or a place, not a sector (新能源先进|化学)
        return not legal and (self._product_like(core, ending) or stem.endswith(_PLACE_ENDINGS)
                              or stem.endswith(_SITE_ENDINGS))  # rule terrain_site: 某地沙漠|光伏

    @staticmethod
    def after_inner_place(marks: _Marks, left: int, name_end: int) -> int | None:
        """Where a name with an industry ending starts when a place sits inside its run: right
        after the place (供应德令哈|朔川新能源); None when only one character follows the place
        that starts the run (格尔木|做|材料: a place and a verb, no name). A place that ends the
        run stays (中信昆仑|锂业)."""
        inner = [p for p in marks.places if left <= p.start_char and p.end_char < name_end]
        if not inner:
            return left
        place = max(inner, key=lambda p: p.end_char)
        rest = name_end - place.end_char
        if rest >= 2:
            return place.end_char
        return None if place.start_char == left else left

    def _product_like(self, core: str, ending: str) -> bool:
        """The part before an industry ending reads like a product class, not a brand:
        硅基(材料), 镁基(新材料), 第三代半导体(材料), 锂电(材料), 轻量化(材料), 固态电池(材料),
        高分子化学(材料) (``class_stem_ends`` and ``weak_class_stem_ends`` of the lexicon)."""
        return core.endswith(self.lex.class_stem_ends) or (
            ending in self.lex.weak_suffixes and (core.endswith(self.lex.weak_class_stem_ends)
                                                  or any(ch in self.lex.element_chars for ch in core)))

    def _sector_phrase(self, name: str, place_names: set[str]) -> bool:
        """A place or nothing before a sector word: 柯柯盐化工, 格尔木光伏 (not firms)."""
        for word in self.lex.sector_words:
            if name.endswith(word):
                rest = name[: -len(word)]
                return (len(rest) < 2 or rest in place_names or rest in self.lex.region_prefixes
                        or self.lex.unit_place(rest) == rest)  # a city's industry (某市|新能源电池产业)
        return False

    def brand_before(self, marks: _Marks, anchor: int, whole_item: bool = False) -> tuple[int, int] | None:
        """A short brand directly before ``anchor`` (a capacity or product start), places and
        a phase between them allowed: 南玻|10万吨, 青海中控|德令哈|50兆瓦, 丽豪|单晶硅.
        ``whole_item``: the brand must start the enumeration item (after a separator).

        Rule ``technique_after_brand``: a plant's technique written between the brand and the
        figure (``brand_technique_words``) is no part of the brand; what follows a verb of owning
        (拥有|专用车辆120台) is what is owned, no brand.

        Rule ``pos_opening`` (:func:`chainkg.ingest.firm_evidence.opening_length`): verbs, adverbs,
        prepositions and pronouns of the dictionary open no brand (根据|岚峡…); when the words so dropped
        are policy words the whole is a phrase (安装|某炉600台). Rule ``product_stem``: a name right after
        a figure or a verb of making is the product (200万吨|某焦, 生产|某焦96万吨), no brand.

        >>> from chainkg.ingest.nlp import shared_pipeline
        >>> doc = shared_pipeline()("澜汐塔式50兆瓦光热项目开工。")
        >>> [s.text for s in doc.spans["company"]]
        ['澜汐']
        >>> doc = shared_pipeline()("根据岚峡10万吨碳酸锂项目的安排,生产焦岚96万吨。")
        >>> [s.text for s in doc.spans["company"]]
        ['岚峡']

        Rule ``process_word``: a treatment or a route (``processing_words``, ``route_ends``) is no brand:

        >>> doc = shared_pipeline()("汀澜集团煤炭深加工120万吨烯烃项目开工。")
        >>> [s.text for s in doc.spans["company"]]
        ['汀澜集团']
        """
        text = marks.text
        end = anchor
        while True:  # step back over a phase, 年产 and places right before the anchor
            m = _PHASE_OR_YEARLY_END.search(text, max(0, end - 3), end)
            if m:
                end = m.start()
                continue
            if end in marks.place_by_end:
                end = marks.place_by_end[end]
                continue
            technique = next((w for w in _TECHNIQUE_WORDS if text.endswith(w, 0, end)), None)
            if technique is not None:  # rule technique_after_brand: 某某中控|塔式|50兆瓦
                end -= len(technique)
                continue
            break
        start = self.left_edge(text, end, marks.brand_ends)
        if whole_item and start > 0 and text[start - 1] not in SEPARATORS:
            return None
        trimmed = self.trim_left(text, start, end, marks.skip_all)
        if text.endswith(_BUILD_VERBS + _POSSESSION_VERBS, start, trimmed):
            return None  # the object of a building or owning verb (新建|管网18公里, 拥有|某车辆120台), not a firm
        start = trimmed + opening_length(text[trimmed:end])  # rule pos_opening: 根据|某某, 带动|某某
        if start > trimmed and not self.lex.plausible(text[trimmed:end]):
            return None  # the words dropped are policy words (安装|单晶炉600台): a phrase, no brand
        if start in marks.cap_ends or text.endswith(_MAKING_WORDS, 0, start):
            return None  # rule product_stem: the product of the figure before (200万吨|某焦) or made (生产|某焦96万吨)
        cut = quantity_cut(text[start:end])
        if cut is None:
            return None  # rule quantity_in_name: a quantity inside the run (某省|百万吨|…), a phrase
        start += cut
        name = text[start:end]
        core = self.lex.without_region(name)
        longest = 4 if whole_item else self.lex.max_brand_length
        if not 2 <= len(core) <= longest or (start > 0 and text[start - 1].isdigit()):
            return None
        if not self.lex.plausible(name) or name.endswith(self.lex.left_trim) or name in self.lex.legal_suffixes:
            return None
        if any(text.endswith(ending, 0, end) and end - len(ending) < start for ending in self.lex.legal_suffixes):
            return None  # rule legal_tail: the tail of a legal ending (某某有|限公司) whose name the shape refused
        if core in self.lex.generic_stems or name.endswith(_PLACE_ENDINGS) or name.endswith(self.lex.measure_words):
            return None
        if core.startswith(self.lex.brand_bad_starts):
            return None  # an adverb and a verb (只卖|镁锭), not a name
        if is_grade(name):
            return None  # a product's grade (推动|高纯|氯化锂、…), not a name
        if _PHASE.match(core) or name.endswith(_BUILD_VERBS):
            return None  # a clause that opens with a phase or ends in building (二期拟再建|年产…)
        if name.endswith(_CLAUSE_TAILS) or name.endswith(_SITE_ENDINGS):
            return None  # position_not_clause: a verb, clause fragment or mine (将|投建|年产…, 后可, 某某矿)
        if name.endswith(_PROCESS_ENDS):
            return None  # rule process_word: a treatment or a route of its feedstock (煤炭|深加工|120万吨…, 煤制|烯烃)
        if _COUNTY_SITE.fullmatch(name) or self.lex.unit_place(name) == name:
            return None  # rule county_site: a spot in a county (某某县|某地|120万千瓦), or a city alone (海东|2万吨), no firm
        product = next((p.start_char for p in marks.products if p.end_char == end and p.start_char > start), None)
        if product is not None and text.endswith(_SITE_ENDINGS, start, product):
            return None  # rule terrain_site: a site and its product (某地沙漠|光伏|60万千瓦), no firm
        if any(marks.brand_block[start:end]):
            return None
        return start, end

    @staticmethod
    def _spans(doc: Doc, found: list[tuple[int, int, str]]) -> list[Span]:
        """Keep the longest of overlapping names (known names first among equals); a brand
        found by position gives way to a name found by list or shape that overlaps it and ends
        elsewhere (泓源化工 in 泓源化工扩建), not to one it only extends (浙江吉利 over 吉利)."""
        order = {"known": 0, "shape": 1, "position": 2, "listed": 3}
        named = [(s, e) for s, e, rule in found if rule != "position"]
        found = [(s, e, rule) for s, e, rule in found
                 if rule != "position" or not any(s < ne and ns < e and ne != e for ns, ne in named)]
        chosen: list[tuple[int, int, str]] = []
        for s, e, rule in sorted(found, key=lambda t: (-(t[1] - t[0]), order[t[2]], t[0])):
            if any(s < ce and cs < e for cs, ce, _ in chosen):
                continue
            chosen.append((s, e, rule))
        spans = [_char_span(doc, s, e, "ORG", rule) for s, e, rule in sorted(chosen)]
        return [s for s in spans if s is not None]
