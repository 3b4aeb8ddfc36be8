"""From marked sentences to project mentions: who builds what, how much, how far along.

:func:`extract` runs the pipeline of :mod:`chainkg.ingest.nlp` over every sentence
(``nlp.pipe``) and reads the span groups the components wrote (:mod:`chainkg.ingest.mentions`);
:func:`run_extraction` adds resolution (:mod:`chainkg.ingest.resolve`) and is the entry point.

A project is anchored on a capacity followed by a product (南玻10万吨多晶硅); on a bare phase
figure inside a total (…年产20万吨磷酸铁项目,其中一期5万吨: the phase takes the total's
product and company); or on a company followed by a known product that closes an
enumeration item (赣锋锂业金属锂、…) or named as the place of the work (…项目已在某某镁业投产).
For each anchor:

- company: the name right before it (places, a phase, 年产 may sit between); else the last
  company named before it in the sentence when that name is no other item's own
  (某某有限公司计划投资…建设年产…; "…1000吨氯化锂和1万吨碳酸锂"; "其中" lists); else, when the
  sentence has no company and refers back (公司, 该企业, 其中), quotes someone, or names a
  further phase, the last company of the three sentences before.
- status: the phrase after the item in its clause (an enumeration shares it); else a strong
  one before it in the clause (开工建设格尔木…); else one in a following clause without an
  item; else one in an earlier clause; else one in the headings (签约项目, 洽谈项目); else a
  bare 建设 before it. Adjacent phrases count together, the most advanced wins (试车成功并试产).
- mode: ``planned`` under a heading of this year's plan or tasks (二、2023年主要目标和重点任务),
  ``reported`` under a review heading and everywhere else.
- not a project: totals, targets, output, savings, reserves (产能87万吨, 生产钾肥856万吨,
  新增100万吨…, 节约…吨, 探明储量…) — a cue word between the item start and the capacity —
  and aggregates with no product (450万千瓦大基地项目). Products named with such figures are
  kept as ``production``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from chainkg.ingest.document import Document, Sentence
from chainkg.ingest.facts import Capacity, Evidence, Extraction, Mentions, MentionSpan, ProjectMention
from chainkg.ingest.mentions import CAPACITY, COMPANY, PHASE, PRODUCT, SEPARATORS, TERMS, pattern_rows
from chainkg.ingest.nlp import build_pipeline
from chainkg.ingest.resolve import resolve
from chainkg.ingest.status import best_status, status_phrases
from chainkg.ingest.vocab import vocabulary
from chainkg.templates import Templates

_CLAUSE_END = re.compile(r"[，；;：:。！？!?]|(?<![0-9]),|,(?![0-9])")
_ITEM_TAIL = re.compile(r"([^、，,；;。：:！？!?（）()“”\"]{0,8}?)(?:$|[、，,；;。：:！？!?）)”\"]|等|项目|和|及)")
_COUNT_THEN = re.compile(r"^等[0-9一二三四五六七八九十百]+[个项]$")
_NOT_PROJECT = ("产能", "产量", "生产", "储量", "探明", "节约", "节省", "减少", "减排", "累计", "形成",
                "新增", "达到", "突破", "超过", "合计", "共计", "总计", "总量", "完成", "实现", "销售",
                "出口", "进口", "消纳", "外送", "全市", "全州", "全省", "全县", "同比")
# capacity + one of these is an aggregate of many plants, not a product (450万千瓦大基地项目)
_AGGREGATES = ("大基地", "基地", "市场化", "规模化", "集中式", "分布式", "装机", "新能源", "清洁能源", "可再生能源")
_ANAPHORA = ("该公司", "这家公司", "公司", "该企业", "这家企业", "企业", "其中", "该项目", "项目方")
_PLAN_HEADING = re.compile(r"(今年|新的一年|下一步|(\d{4})年.*(目标|任务|计划|安排|重点|工作))")
_REVIEW_HEADING = re.compile(r"(过去|一年来|回顾|上一年|去年)")
_BETWEEN_COMPANY_AND_ANCHOR = re.compile(r"^(?:年产能?|年|投资建设|建设|新建|实施)?$")
_LOOKBACK_SENTENCES = 3
_WEAK_STATUS = frozenset({"建设", "规划", "前期", "推进"})  # too common to decide alone
_OUTPUT_GAP = re.compile(r"^(?:总)?(?:产能|产量|年产量|年产能|规模)?(?:达到|达|为|突破|超过|约)?$")


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    product: Span
    capacity: Span | None
    parent: "_Anchor | None" = None  # the total a phase figure belongs to


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause ranges of a sentence (split at ，；：。 and commas not inside numbers)."""
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in clauses if s <= pos < e), (pos, pos + 1))


def _item_start(text: str, clause_start: int, pos: int) -> int:
    """Start of the enumeration item holding ``pos``: after the last 、 or clause start."""
    cut = text.rfind("、", clause_start, pos)
    return cut + 1 if cut >= 0 else clause_start


def _mode(sentence: Sentence, published: int | None) -> str:
    """planned under a heading of this year's tasks, reported under a review heading or none;
    the innermost heading that says either decides."""
    for heading in reversed(sentence.headings):
        if _REVIEW_HEADING.search(heading):
            return "reported"
        m = _PLAN_HEADING.search(heading)
        if m:
            year = m.group(2)
            if year is None or published is None or int(year) >= published:
                return "planned"
            return "reported"
    return "reported"


def _published_year(doc: Document) -> int | None:
    m = re.search(r"(\d{4})", str(doc.meta.get("published", "")))
    return int(m.group(1)) if m else None


class _SentenceReader:
    """Reads the anchors and their facts out of one marked sentence."""

    def __init__(self, document: Document, sentence: Sentence, sdoc: Doc, published: int | None) -> None:
        self.document = document
        self.sentence = sentence
        self.doc = sdoc
        self.text = sdoc.text
        self.published = published
        terms = list(sdoc.spans.get(TERMS, []))
        self.statuses = filter_spans([s for s in terms if s.label_ == "STATUS"])
        self.places = filter_spans([s for s in terms if s.label_ == "PLACE"])
        self.chains = filter_spans([s for s in terms if s.label_ == "CHAIN"])
        self.companies = list(sdoc.spans.get(COMPANY, []))
        self.products = list(sdoc.spans.get(PRODUCT, []))
        self.capacities = list(sdoc.spans.get(CAPACITY, []))
        self.phases = list(sdoc.spans.get(PHASE, []))
        self.clauses = _clauses(self.text)

    # -- anchors ---------------------------------------------------------------------
    @cached_property
    def anchors(self) -> list[_Anchor]:
        """The project anchors of the sentence, left to right: capacity + product; a phase
        figure inside a total (…年产5万吨X,其中一期2万吨) taking the product of the item before
        it; company + known product as a whole enumeration item (丽豪单晶硅、…)."""
        out: list[_Anchor] = []
        for cap in self.capacities:
            product = next((p for p in self.products if p.start_char == cap.end_char
                            or _COUNT_THEN.match(self.text[cap.end_char:p.start_char])), None)
            if product is None:
                parent = self._phase_parent(cap, out)
                if parent is not None:
                    out.append(_Anchor(cap.start_char, cap.end_char, parent.product, cap, parent))
                continue
            if self._not_a_project(cap) or product.id_ in _AGGREGATES or product.text in _AGGREGATES:
                continue
            out.append(_Anchor(cap.start_char, product.end_char, product, cap))
        used = [(a.product.start_char, a.product.end_char) for a in out]
        for product in self.products:
            if any(s <= product.start_char < e for s, e in used):
                continue
            company = self._company_after(product)
            if company is None and self._ends_item(product):
                company = self._company_before(product.start_char, max_gap=4)
            if company is None or self.capacities and any(
                    company.end_char <= c.start_char < product.start_char for c in self.capacities):
                continue
            out.append(_Anchor(company.end_char, product.end_char, product, None))
        return sorted(out, key=lambda a: a.start)

    def _ends_item(self, product: Span) -> bool:
        """The product closes its enumeration item, perhaps with a short tail naming the work
        (…镍钴矿采选、, …装备制造零碳产业园、) that holds no other mention."""
        m = _ITEM_TAIL.match(self.text, product.end_char)
        if m is None:
            return False
        tail_end = product.end_char + len(m.group(1))
        others = self.products + self.capacities + self.statuses + self.companies
        return not any(product.end_char <= o.start_char < tail_end for o in others)

    def _phase_parent(self, cap: Span, earlier: list[_Anchor]) -> _Anchor | None:
        """The item a bare phase figure belongs to: "一期2万吨" right after a phase word, with
        an earlier item in the sentence (the total, or the phase before it)."""
        if not earlier or not any(p.end_char == cap.start_char for p in self.phases):
            return None
        return earlier[-1].parent or earlier[-1]

    def production(self) -> list[Span]:
        """Products stated with a figure that is no project: output and capacity totals
        (生产钾肥856万吨, 多晶硅产能87万吨, 新增100万吨钾肥…)."""
        out = []
        anchored = {id(a.capacity) for a in self.anchors}
        for cap in self.capacities:
            if id(cap) in anchored:
                continue
            for p in self.products:
                if p.label_ != "PRODUCT" or p.id_ in _AGGREGATES or p.text in _AGGREGATES:
                    continue
                gap = self.text[p.end_char:cap.start_char] if p.end_char <= cap.start_char else None
                if gap is not None and _OUTPUT_GAP.match(gap):
                    out.append(p)
                elif p.start_char == cap.end_char:
                    out.append(p)
        return out

    def _not_a_project(self, cap: Span) -> bool:
        clause_start, _ = _clause_of(self.clauses, cap.start_char)
        item_start = _item_start(self.text, clause_start, cap.start_char)
        company = self._company_before(cap.start_char)
        left = company.end_char if company is not None else item_start
        before = self.text[left:cap.start_char]
        return any(w in before for w in _NOT_PROJECT)

    # -- companies -------------------------------------------------------------------
    def _company_before(self, pos: int, max_gap: int = 0) -> Span | None:
        """The company whose name ends right before ``pos``; places, a phase and 年产 may sit
        between (and up to ``max_gap`` other letters: 天合光能|晶硅|组件)."""
        for comp in reversed(self.companies):
            if comp.end_char > pos:
                continue
            gap = self.text[comp.end_char:pos]
            for span in self.places + self.phases:
                if comp.end_char <= span.start_char and span.end_char <= pos:
                    gap = gap.replace(span.text, "", 1)
            if _BETWEEN_COMPANY_AND_ANCHOR.match(gap) or (
                    len(gap) <= max_gap and not any(ch in SEPARATORS for ch in gap)):
                return comp
            return None
        return None

    def _continues(self, anchor: _Anchor) -> bool:
        """The sentence goes on about the company of the sentences before: it refers back
        (公司, 该企业, 其中), quotes someone, or names a further phase."""
        before = self.text[:anchor.start]
        return (any(w in before for w in _ANAPHORA) or any(q in self.text for q in "“”「」\"")
                or self.phase_for(anchor) is not None)

    def _company_after(self, product: Span) -> Span | None:
        """A company named after the product in its clause as the place or maker of the work:
        "…项目已在某某镁业成功投料试产", "…项目由某某公司承建"."""
        _, ce = _clause_of(self.clauses, product.start_char)
        for comp in self.companies:
            if any(product.end_char <= p.start_char < comp.start_char for p in self.products):
                continue
            if product.end_char <= comp.start_char < ce and re.search(r"(?:在|由)$", self.text[:comp.start_char]) \
                    and re.search(r"项目[已正将]?(?:在|由)$", self.text[product.end_char:comp.start_char]):
                return comp
        return None

    def company_for(self, anchor: _Anchor, anchors: list[_Anchor]) -> tuple[Span | None, str]:
        """The anchor's company and how it was found (adjacent, after, sentence, previous)."""
        direct = self._company_before(anchor.start)
        if direct is not None:
            return direct, "adjacent"
        if anchor.parent is not None:
            return self.company_for(anchor.parent, anchors)[0], "total"
        after = self._company_after(anchor.product)
        if after is not None:
            return after, "after"
        before = [c for c in self.companies if c.end_char <= anchor.start]
        if not before:
            return None, "none"
        last = before[-1]
        owners = [a for a in anchors if a is not anchor and self._company_before(a.start) == last]
        if not owners:
            return last, "sentence"
        owner = owners[-1]
        between = self.text[owner.end:anchor.start]
        if owner.end <= anchor.start and (re.match(r"^(?:和|及|以及|与|并)", between) or "其中" in between):
            return last, "sentence"
        return None, "none"

    # -- status ----------------------------------------------------------------------
    def status_for(self, anchor: _Anchor, anchors: list[_Anchor],
                   company: Span | None = None) -> tuple[list[Span], str | None, int, str | None]:
        """(status spans, key, rank, phrase as written) of the anchor, looked for in order:
        after it in its clause (an enumeration shares it); before it in its clause
        ("开工建设格尔木…"); in a following clause with no item of its own; in an earlier clause
        of the sentence ("…项目开工,其中…"); in the headings ("签约项目"). A phrase before the
        item counts only after its company: in "引进某某公司建设…" 引进 governs the company. Weak words (建设, 推进)
        count only when nothing else does. Adjacent phrases count together."""
        cs, ce = _clause_of(self.clauses, anchor.start)
        lower = max([cs] + [a.end for a in anchors if a.end <= anchor.start]
                    + ([company.end_char] if company is not None and cs <= company.end_char <= anchor.start else []))
        after = [s for s in self.statuses if anchor.end <= s.start_char < ce]
        before = [s for s in self.statuses if lower <= s.start_char and s.end_char <= anchor.start]
        following: list[Span] = []
        for s, e in self.clauses:
            if s < ce:
                continue
            if any(s <= a.start < e for a in anchors):
                break
            following += [st for st in self.statuses if s <= st.start_char < e]
        floor = company.end_char if company is not None and company.end_char <= anchor.start else 0
        earlier = [s for s in self.statuses if floor <= s.start_char and s.end_char <= cs]
        for weak in (False, True):
            strong_after = [s for s in after if weak or s.text not in _WEAK_STATUS]
            if strong_after:
                return self._best(self._adjacent(strong_after))
            for group in (before[::-1], following, earlier[::-1]):
                usable = [s for s in group if weak or s.text not in _WEAK_STATUS]
                if usable:
                    return self._best([usable[0]])
            if not weak:
                heading = heading_status(self.sentence.headings)
                if heading is not None:
                    return [], heading[0], heading[1], heading[2]
        return [], None, 0, None

    @staticmethod
    def _adjacent(spans: list[Span]) -> list[Span]:
        """The first span and those that follow it closely (试车成功并试产)."""
        group = [spans[0]]
        for s in spans[1:]:
            if s.start_char - group[-1].end_char <= 4:
                group.append(s)
        return group

    def _best(self, group: list[Span]) -> tuple[list[Span], str | None, int, str | None]:
        best = best_status(s.text for s in group)
        if best is None:
            return group, None, 0, None
        key, rank, _phrase = best
        text = self.text[group[0].start_char:group[-1].end_char]
        return group, key, rank, text

    # -- place and phase -------------------------------------------------------------
    def place_for(self, anchor: _Anchor, company: Span | None) -> Span | None:
        cs, _ = _clause_of(self.clauses, anchor.start)
        lo = company.start_char if company is not None and company.start_char >= cs else _item_start(self.text, cs, anchor.start)
        inside = [p for p in self.places if lo <= p.start_char and p.end_char <= anchor.start]
        if company is not None:
            inside += [p for p in self.places if company.start_char <= p.start_char and p.end_char <= company.end_char]
        return inside[-1] if inside else None

    def phase_for(self, anchor: _Anchor) -> Span | None:
        cs, ce = _clause_of(self.clauses, anchor.start)
        item = _item_start(self.text, cs, anchor.start)
        return next((p for p in self.phases if item <= p.start_char < min(ce, anchor.end + 3)), None)

    # -- evidence --------------------------------------------------------------------
    def span(self, kind: str, span: Span) -> MentionSpan:
        """A mention's span in the document's normalized text and in its original text."""
        start, end = self.sentence.start + span.start_char, self.sentence.start + span.end_char
        orig_start = orig_end = None
        if self.document.char_map:
            orig_start, orig_end = self.document.orig_index(start), self.document.orig_index(end - 1) + 1
        return MentionSpan(kind=kind, text=span.text, start=start, end=end,
                           orig_start=orig_start, orig_end=orig_end)

    def evidence(self, spans: list[MentionSpan], status_text: str | None, mode: str) -> Evidence:
        s = self.sentence
        return Evidence(doc_id=self.document.id, sentence_index=s.index, sentence=s.text,
                        sentence_start=s.start, sentence_end=s.end, orig_start=s.orig_start,
                        orig_end=s.orig_end, spans=tuple(spans), headings=s.headings,
                        status_text=status_text, mode=mode)

    def projects(self, previous_company: str | None) -> list[ProjectMention]:
        anchors = self.anchors
        out: list[ProjectMention] = []
        for anchor in anchors:
            company, how = self.company_for(anchor, anchors)
            company_name = company.text if company is not None else None
            if company is None and previous_company and not self.companies and self._continues(anchor):
                company_name, how = previous_company, "previous"
            status_spans, key, rank, status_text = self.status_for(anchor, anchors, company)
            place = self.place_for(anchor, company)
            phase = self.phase_for(anchor)
            mode = _mode(self.sentence, self.published)
            spans = [self.span("product", anchor.product)]
            if company is not None:
                spans.append(self.span("company", company))
            if anchor.capacity is not None:
                spans.append(self.span("capacity", anchor.capacity))
            spans += [self.span("status", s) for s in status_spans]
            if place is not None:
                spans.append(self.span("place", place))
            if phase is not None:
                spans.append(self.span("phase", phase))
            capacity: Capacity | None = anchor.capacity._.capacity if anchor.capacity is not None else None
            out.append(ProjectMention(
                company=company_name,
                product=anchor.product.id_ or anchor.product.text,
                product_text=anchor.product.text,
                capacity=capacity,
                phase=phase.text if phase is not None else None,
                status=key,
                status_rank=rank,
                status_text=status_text,
                mode=mode,
                place=place.id_ or place.text if place is not None else None,
                evidence=self.evidence(sorted(spans, key=lambda m: m.start), status_text, mode),
            ))
        return out


def heading_status(headings: Sequence[str]) -> tuple[str, int, str] | None:
    """The status a heading gives the items under it ("一、签约项目" -> signed), innermost
    heading first; weak words (建设, 推进) in a heading say nothing.

    >>> heading_status(("2023年招商成果", "二、洽谈项目"))
    ('negotiating', 1, '洽谈')
    """
    phrases = sorted((p for p in status_phrases() if p not in _WEAK_STATUS), key=len, reverse=True)
    for heading in reversed(headings):
        hit = next((p for p in phrases if p in heading), None)
        if hit is not None:
            found = best_status([hit])
            if found is not None:
                return found[0], found[1], hit
    return None


def _sentences(docs: Sequence[Document]) -> Iterator[tuple[str, tuple[Document, Sentence]]]:
    for document in docs:
        for sentence in document.sentences:
            yield sentence.text, (document, sentence)


def extract(docs: Sequence[Document], nlp: Language, batch_size: int = 64) -> Mentions:
    """Every project, company, place and chain mention of ``docs``, and the products stated
    with output figures.

    Sentences go through ``nlp.pipe`` in document order; "the last company named" is carried
    from sentence to sentence within a document.
    """
    projects: list[ProjectMention] = []
    companies: list[tuple[str, str, Evidence]] = []
    places: list[tuple[str, str, Evidence]] = []
    chains: list[tuple[str, Evidence]] = []
    production: list[tuple[str, str, Evidence]] = []
    recent: list[tuple[str, int]] = []  # (company, sentence index) in the current document
    current_doc: str | None = None
    place_kinds = place_kind_table()
    for sdoc, (document, sentence) in nlp.pipe(_sentences(docs), as_tuples=True, batch_size=batch_size):
        if document.id != current_doc:
            current_doc, recent = document.id, []
        reader = _SentenceReader(document, sentence, sdoc, _published_year(document))
        previous = next((name for name, idx in reversed(recent)
                         if sentence.index - idx <= _LOOKBACK_SENTENCES), None)
        found = reader.projects(previous)
        projects.extend(found)
        plain = reader.evidence([], None, _mode(sentence, reader.published))
        for comp in reader.companies:
            companies.append((comp.text, comp.id_, _with_spans(plain, [reader.span("company", comp)])))
            recent.append((comp.text, sentence.index))
        for place in reader.places:
            name = place.id_ or place.text
            places.append((name, place_kinds.get(name, "place"), _with_spans(plain, [reader.span("place", place)])))
        for chain in reader.chains:
            chains.append((chain.id_ or chain.text, _with_spans(plain, [reader.span("chain", chain)])))
        for prod in reader.production():
            production.append((prod.id_ or prod.text, prod.text, _with_spans(plain, [reader.span("product", prod)])))
    return Mentions(tuple(projects), tuple(companies), tuple(places), tuple(chains), tuple(production))


def _with_spans(evidence: Evidence, spans: list[MentionSpan]) -> Evidence:
    return replace(evidence, spans=tuple(spans))


def place_kind_table() -> dict[str, str]:
    """Canonical place -> kind (city, county, town, park …) from ``data/patterns/places.jsonl``."""
    return {row["id"]: row.get("kind", "place") for row in pattern_rows("places.jsonl")}


def run_extraction(documents: Sequence[Document], templates: Templates | None = None) -> Extraction:
    """The single entry point: build the pipeline for ``templates`` (None: the packaged
    ones), read every sentence of ``documents``, resolve companies and projects."""
    nlp = build_pipeline(templates)
    return resolve(extract(documents, nlp), vocabulary(templates))
