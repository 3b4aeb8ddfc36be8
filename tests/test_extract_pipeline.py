"""The spaCy pipeline: segmenter chosen by measurement, components, evidence on the real corpus."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from chainkg.ingest.corpus import ingest_corpus
from chainkg.ingest.document import Document
from chainkg.ingest.extract import extract, run_extraction
from chainkg.ingest.nlp import SEGMENTER, blank_zh, build_pipeline, names_cut, term_patterns
from chainkg.ingest.vocab import vocabulary
from chainkg.settings import default_corpus

NAMES_OF_OURS = ["察尔汗盐湖股份年产10万吨碳酸锂", "某某锂能年产5万吨六氟磷酸锂", "澜峤光能德令哈20万千瓦光伏"]


@pytest.fixture(scope="module")
def seeds() -> tuple[Document, ...]:
    corpus = default_corpus()
    if not corpus.is_dir():
        pytest.skip(f"seed corpus not found at {corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        return ingest_corpus(corpus, Path(tmp)).documents


def test_char_segmenter_cuts_no_name_of_the_corpus(seeds: tuple[Document, ...]) -> None:
    texts = [s.text for d in seeds for s in d.sentences]
    names = {row["pattern"] for row in term_patterns(vocabulary(None))}
    names |= {name for name, _rule, _ev in extract(seeds, build_pipeline(None)).companies}
    total, cut, which = names_cut(blank_zh(SEGMENTER), texts, names)
    assert SEGMENTER == "char"
    assert total > 100 and cut == 0, which


def test_jieba_cuts_names_the_char_segmenter_keeps(seeds: tuple[Document, ...]) -> None:
    pytest.importorskip("jieba")
    jieba, char = blank_zh("jieba"), blank_zh("char")
    total, cut, which = names_cut(jieba, NAMES_OF_OURS, ["盐湖", "碳酸锂", "光伏"])
    assert (total, cut, which) == (3, 1, ["盐湖"])  # 察尔汗盐湖|股份: 盐湖 is inside a token
    assert names_cut(char, NAMES_OF_OURS, ["盐湖", "碳酸锂", "光伏"])[1] == 0
    texts = [s.text for d in seeds for s in d.sentences]
    names = {row["pattern"] for row in term_patterns(vocabulary(None))}
    assert names_cut(jieba, texts, names)[1] > 10


def test_pipeline_components_in_order() -> None:
    nlp = build_pipeline(None)
    assert nlp.pipe_names == ["chainkg_capacity", "span_ruler", "chainkg_products", "chainkg_companies"]
    doc = nlp("汀溪锂业年产3万吨碳酸锂项目在格尔木开工建设")
    assert [s.text for s in doc.spans["company"]] == ["汀溪锂业"]
    assert [s.id_ for s in doc.spans["product"] if s.text == "碳酸锂"] == ["碳酸锂"]
    assert {s.label_ for s in doc.spans["terms"]} >= {"PLACE", "STATUS", "PRODUCT"}


def test_seed_projects_and_evidence_trace_back_to_the_original(seeds: tuple[Document, ...]) -> None:
    ex = run_extraction(seeds)
    nanbo = [p for p in ex.projects if p.company == "南玻" and p.product == "多晶硅"]
    assert len(nanbo) == 1 and len({e.doc_id for e in nanbo[0].evidence}) == 2
    juzhiyuan = {p.phase for p in ex.projects if p.company == "聚之源"}
    assert juzhiyuan == {None, "二期"}
    originals = {d.id: (Path(default_corpus()) / Path(d.file).name).read_text(encoding="utf-8") for d in seeds}
    checked = 0
    for p in ex.projects:
        for ev in p.evidence:
            for span in ev.spans:
                assert span.orig_start is not None and span.orig_end is not None
                written = re.sub(r"\s+", "", originals[ev.doc_id][span.orig_start:span.orig_end])
                assert written == span.text
                checked += 1
    assert checked > 50
    assert all(c.evidence for c in ex.companies)
    assert {"格尔木市", "德令哈市"} <= {p.name for p in ex.places}
    assert "盐湖化工" in {c.name for c in ex.chains}
