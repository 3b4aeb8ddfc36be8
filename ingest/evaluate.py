"""Score extraction against the gold set: precision, recall and F1 per type, misses listed.

The gold (``data/eval/gold/*.yaml``, format in ``data/eval/README.md``, loaded and checked by
:mod:`chainkg.gold`) covers the two seeds and our own unseen documents
(``data/eval/corpus``). Each corpus is ingested the normal way and extracted with
:func:`chainkg.ingest.extract.run_extraction`; the two are reported separately because the
seeds are what the rules were written on and the own documents are not.

Matching, per document:

- company: a predicted company matches a gold company when one of its names as written in
  that document is one of the gold company's aliases (whitespace ignored) or maps to the
  same firm through the scoring alias table (``gold/aliases.yaml``);
- product: the set of products of the document (of projects and of output figures); two
  names match when equal or when the templates list both for one product (晶硅组件 / 光伏组件);
- project: company + product + capacity (base amount and unit; both without a figure also
  match), and the yearly reading and the phase wherever the gold states them
  (:func:`stated_attributes_agree`), one gold project matched at most once;
- status: for matched projects, the status on the scale of :mod:`chainkg.status`
  (the gold's phrase as written mapped to the scale; an unknown phrase must equal ours).

>>> Score(tp=3, fp=1, fn=0).f1
0.857
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chainkg.errors import ChainkgError
from chainkg.gold import CORPORA, DEFAULT_SETS, PAGES_CORPORA, corpus_dirs, gold_paths, load_aliases, load_golds
from chainkg.reading.document import Document
from chainkg.ingest.facts import Extraction, ProjectEntity, ProjectMention
from chainkg.ingest.mentions import company_lexicon
from chainkg.reading.normalize import plain_name
from chainkg.ingest.resolve import squeeze_name, strip_legal_form
from chainkg.status import status_of, status_phrases
from chainkg.ingest.vocab import ProductVocabulary, vocabulary
from chainkg.templates import Templates

TYPES = ("company", "product", "project", "status")


@dataclass(frozen=True)
class Score:
    """Counts of one type; precision, recall, F1 rounded to three places."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0, \
            self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass
class DocReport:
    """Scores of one document, with what was missed and what was found wrongly."""

    file: str
    corpus: str
    scores: dict[str, Score] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_hits: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalReport:
    """Every document's report; :meth:`total` sums a corpus."""

    documents: tuple[DocReport, ...]
    #: pages left out of their set (absent, or other bytes than the manifest's), one line each with the reason
    left_out: tuple[str, ...] = ()

    def total(self, corpus: str) -> dict[str, Score]:
        """Summed scores of the documents of ``corpus`` (seeds or own)."""
        out = {t: Score(0, 0, 0) for t in TYPES}
        for d in self.documents:
            if d.corpus == corpus:
                for t in TYPES:
                    out[t] = out[t] + d.scores[t]
        return out


class GoldMatcher:
    """Name equivalences used when matching: gold aliases, scoring alias table, templates."""

    def __init__(self, gold: dict[str, Any], aliases: dict[str, str], vocab: ProductVocabulary) -> None:
        self.aliases = aliases
        self.vocab = vocab
        self.gold_company: dict[str, str] = {}
        for c in gold["companies"] or []:
            for a in {n for written in [c["name"], *c["aliases"]] for n in (written, plain_name(written))}:
                self.gold_company[squeeze_name(a)] = c["name"]
                self.gold_company.setdefault(strip_legal_form(a, company_lexicon()), c["name"])

    def firm(self, name: str) -> str:
        """The cross-document firm a name stands for (itself when the table has no entry)."""
        return self.aliases.get(squeeze_name(name), squeeze_name(name))

    def company(self, names: Sequence[str]) -> str | None:
        """The gold company one of ``names`` is, or None."""
        for n in names:  # as written, else with the legal form dropped (某某气体公司 is 某某气体)
            hit = self.gold_company.get(squeeze_name(n)) or self.gold_company.get(strip_legal_form(n, company_lexicon()))
            if hit is not None:
                return hit
        firms = {self.firm(n) for n in names}
        for alias, gold_name in self.gold_company.items():
            if self.firm(alias) in firms:
                return gold_name
        return None

    def product_key(self, name: str) -> str:
        """A product's identity: the template product it names, else the name itself."""
        return self.vocab.terms.get(squeeze_name(name), squeeze_name(name))

    def capacity_key(self, cap: Any) -> tuple[float, str] | None:
        if cap is None:
            return None
        if isinstance(cap, dict):
            return (round(float(cap["base_value"]), 6), cap["base_unit"])
        return (round(cap.base_value, 6), cap.base_unit)


def stated_attributes_agree(gold: dict[str, Any], per_year: bool | None, phase: str | None) -> bool:
    """Whether a found project agrees with a gold row on what the gold states beyond the figure:
    ``per_year`` (true for 年产, false for 日产; null when nothing is written: not checked) and
    the ``phase`` (一期, 二期 …; null: not checked). Both scorers check it, so a node of the
    wrong phase, or a daily figure read as yearly, is no match.

    >>> row = {"capacity": {"base_value": 1e4, "base_unit": "t", "per_year": True}, "phase": "一期"}
    >>> stated_attributes_agree(row, True, "一期"), stated_attributes_agree(row, False, "一期")
    (True, False)
    >>> stated_attributes_agree(row, True, "二期"), stated_attributes_agree(row, True, None)
    (False, False)
    >>> stated_attributes_agree({"capacity": None, "phase": None}, None, "二期")
    True
    """
    cap = gold.get("capacity") or {}
    if cap.get("per_year") is not None and bool(per_year) != cap["per_year"]:
        return False
    return gold.get("phase") is None or gold["phase"] == phase


def _score(gold_keys: list[str], found_keys: list[str]) -> tuple[Score, list[str], list[str]]:
    gold_set, found_set = set(gold_keys), set(found_keys)
    misses = sorted(gold_set - found_set)
    false_hits = sorted(found_set - gold_set)
    return Score(len(gold_set & found_set), len(false_hits), len(misses)), misses, false_hits


def score_document(gold: dict[str, Any], doc: Document, extraction: Extraction, aliases: dict[str, str],
                   vocab: ProductVocabulary) -> DocReport:
    """Score one document's part of ``extraction`` against its gold."""
    match = GoldMatcher(gold, aliases, vocab)
    report = DocReport(file=gold["file"], corpus=gold["corpus"])
    mentions = [m for m in extraction.mentions if m.evidence.doc_id == doc.id]
    companies = [c for c in extraction.companies if any(e.doc_id == doc.id for e in c.evidence)]

    # companies: one predicted entity per real firm; its names as written in this document
    gold_names = sorted({c["name"] for c in gold["companies"] or []})
    found_names = []
    for c in companies:
        written = sorted({s.text for e in c.evidence if e.doc_id == doc.id for s in e.spans if s.kind == "company"})
        hit = match.company(written or list(c.aliases))
        found_names.append(hit if hit is not None else f"{c.name} (not in gold)")
    _put(report, "company", *_score(gold_names, found_names))

    # products
    gold_products = [match.product_key(p) for p in gold["products"] or []]
    found_products = [match.product_key(m.product) for m in mentions]
    found_products += [match.product_key(p) for p, _t, ev in extraction.production if ev.doc_id == doc.id]
    _put(report, "product", *_score(gold_products, found_products))

    # projects (resolved: a repeated mention is one project) and their status
    gold_projects = gold["projects"] or []
    used: set[int] = set()
    tp = 0
    status_tp = status_fp = 0
    false_hits: list[str] = []
    for project, here in _projects_in(extraction, doc):
        cap = next((m.capacity for m in here if m.capacity is not None), None)  # as this document states it
        names = [m.company for m in here if m.company] + ([project.company] if project.company else [])
        key = (match.company(names) if names else None, match.product_key(project.product),
               match.capacity_key(cap))
        first = here[0]
        hit = next((i for i, g in enumerate(gold_projects) if i not in used and _project_key(g, match) == key
                    and stated_attributes_agree(g, cap.per_year if cap else None, project.phase)), None)
        if hit is None:
            false_hits.append(_describe_mention(first))
            status_fp += 1 if first.status else 0
            continue
        used.add(hit)
        tp += 1
        if _status_agrees(gold_projects[hit].get("status"), first):
            status_tp += 1
        elif gold_projects[hit].get("status") or first.status:  # both without a status: correct, not a miss
            status_fp += 1 if first.status else 0
            report.misses.setdefault("status", []).append(
                f"{gold_projects[hit]['id']}: gold {gold_projects[hit].get('status')!r}, found {first.status_text!r}")
    misses = [f"{g['id']} ({g.get('company')}|{g['product']}|{(g.get('capacity') or {}).get('text')})"
              for i, g in enumerate(gold_projects) if i not in used]
    report.scores["project"] = Score(tp, len(false_hits), len(misses))
    report.misses["project"] = misses
    report.false_hits["project"] = false_hits
    gold_with_status = sum(1 for g in gold_projects if g.get("status"))
    report.scores["status"] = Score(status_tp, status_fp, max(0, gold_with_status - status_tp))
    return report


def _projects_in(extraction: Extraction, doc: Document) -> list[tuple[ProjectEntity, list[ProjectMention]]]:
    """Each resolved project with evidence in ``doc``, with its mentions there (document order)."""
    out = []
    for project in extraction.projects:
        evidence = set(project.evidence)
        here = sorted((m for m in extraction.mentions if m.evidence.doc_id == doc.id and m.evidence in evidence),
                      key=lambda m: m.evidence.sentence_index)
        if here:
            out.append((project, here))
    return out


def _project_key(g: dict[str, Any], match: GoldMatcher) -> tuple[Any, ...]:
    return (g["company"], match.product_key(g["product"]), match.capacity_key(g.get("capacity")))


def _status_agrees(gold_status: str | None, m: ProjectMention) -> bool:
    if not gold_status:
        return False
    known = status_of(squeeze_name(gold_status)) or _contained_status(squeeze_name(gold_status))
    if known is not None:
        return known[0] == m.status
    return m.status_text is not None and squeeze_name(m.status_text) == squeeze_name(gold_status)


def _contained_status(phrase: str) -> tuple[str, int] | None:
    """The scale entry of the longest status phrase inside ``phrase`` (试车成功 -> 试车)."""
    hits = [p for p in status_phrases() if p in phrase]
    return status_of(max(hits, key=len)) if hits else None


def _describe_mention(m: ProjectMention) -> str:
    cap = m.capacity.text if m.capacity else None
    return f"{m.company}|{m.product}|{cap} (sentence {m.evidence.sentence_index})"


def _put(report: DocReport, kind: str, score: Score, misses: list[str], false_hits: list[str]) -> None:
    report.scores[kind] = score
    report.misses[kind] = misses
    report.false_hits[kind] = false_hits


def scratch_corpus(folder: Path, files: Sequence[str], into: Path) -> Path:
    """A copy of ``folder`` holding only ``files`` (and their ``corpus.yaml`` entries), so that
    the other texts of the folder are never read."""
    into.mkdir(parents=True)
    for name in files:
        shutil.copy2(folder / name, into / name)
    meta = folder / "corpus.yaml"
    if meta.exists():
        data = yaml.safe_load(meta.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("documents"), list):
            keep = [e for e in data["documents"] if isinstance(e, dict) and e.get("file") in set(files)]
            (into / "corpus.yaml").write_text(yaml.safe_dump({"documents": keep}, allow_unicode=True),
                                              encoding="utf-8")
    return into


def extracted_sets(golds: Sequence[dict[str, Any]], templates: Templates | None, tmp: Path, only_gold_files: bool = False
                   ) -> Iterator[tuple[list[dict[str, Any]], dict[str, Document], Extraction, tuple[Document, ...]]]:
    """Per set with gold files in ``golds``: its gold files, its documents by file name, their
    extraction and all documents ingested; the whole folder, or ``only_gold_files`` (a scratch
    copy of the texts that have a gold file of these sets). The pages sets always take the scratch
    copy: their folder holds the untouched holdout beside the dev pages, and no text of a set is
    extracted unless that set is asked for."""
    from chainkg.reading.corpus import ingest_corpus
    from chainkg.ingest.extract import run_extraction

    for corpus, folder in corpus_dirs().items():
        wanted = [g for g in golds if g["corpus"] == corpus]
        if not wanted:
            continue
        source = (scratch_corpus(folder, sorted({str(g["file"]) for g in wanted}), tmp / corpus / "in")
                  if only_gold_files or corpus in PAGES_CORPORA else folder)
        result = ingest_corpus(source, tmp / corpus / "out")
        by_file = {Path(d.file).name: d for d in result.documents}
        missing = next((g["file"] for g in wanted if g["file"] not in by_file), None)
        if missing is not None:
            raise ChainkgError(f"gold file for {missing}: the document was not ingested from {folder}")
        yield wanted, by_file, run_extraction(result.documents, templates), result.documents


def evaluate(gold_dir: Path | None = None, templates: Templates | None = None,
             corpora: Collection[str] = DEFAULT_SETS, skip_unavailable_pages: bool = False) -> EvalReport:
    """Ingest the documents of the sets ``corpora`` (seeds, own, holdout), extract, and score
    every gold file of those sets. Leaving out ``holdout`` lets one work on extraction without
    seeing the holdout's text or misses at all. ``skip_unavailable_pages`` as in
    :func:`chainkg.strict.evaluate_strict`."""
    paths = gold_paths(gold_dir, corpora)
    if not paths:
        raise ChainkgError(f"no gold files of {', '.join(corpora)} in {gold_dir or 'data/eval/gold'}")
    golds, left_out = load_golds(paths, skip_unavailable_pages=skip_unavailable_pages)
    aliases = load_aliases()
    vocab = vocabulary(templates)
    reports: list[DocReport] = []
    with tempfile.TemporaryDirectory(prefix="chainkg-eval-") as tmp:
        for wanted, by_file, extraction, _documents in extracted_sets(golds, templates, Path(tmp)):
            reports += [score_document(g, by_file[g["file"]], extraction, aliases, vocab) for g in wanted]
    return EvalReport(tuple(reports), tuple(left_out))


def format_report(report: EvalReport, details: bool = True) -> str:
    """The report as text: per corpus, per type P/R/F1, then each document's misses."""
    lines: list[str] = []
    for corpus in CORPORA:
        docs = [d for d in report.documents if d.corpus == corpus]
        if not docs:
            continue
        lines.append(f"== {corpus} ({len(docs)} document(s)) ==")
        lines.append(f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for t, s in report.total(corpus).items():
            lines.append(f"{t:<8} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}  {s.tp:>3} {s.fp:>3} {s.fn:>3}")
        if details:
            for d in docs:
                lines.append(f"-- {d.file}: " + ", ".join(f"{t} F1 {d.scores[t].f1:.3f}" for t in TYPES))
                for t in TYPES:
                    for miss in d.misses.get(t, []):
                        lines.append(f"   miss  {t}: {miss}")
                    for hit in d.false_hits.get(t, []):
                        lines.append(f"   false {t}: {hit}")
        lines.append("")
    lines += report.left_out
    return "\n".join(lines)
