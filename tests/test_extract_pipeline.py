"""The spaCy pipeline: segmenter chosen by measurement, components, evidence on the real corpus."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from chainkg.errors import ChainkgError
from chainkg.reading.corpus import ingest_corpus
from chainkg.reading.document import Document
from chainkg.ingest.extract import extract, run_extraction
from chainkg.ingest.mentions import COMPANY_SHAPE, NP_MAX_LENGTH
from chainkg.ingest.nlp import SEGMENTER, blank_char_zh, blank_zh, build_pipeline, names_cut, term_patterns
from chainkg.ingest.vocab import vocabulary
from chainkg.settings import default_corpus

NAMES_OF_OURS = ["察尔汗盐湖股份年产10万吨碳酸锂", "某某锂能年产5万吨六氟磷酸锂", "澜峤光能德令哈20万千瓦光伏"]
# written for these tests: a shape name, a phase, a capacity with a graded product, a place,
# statuses, a brand before a known product as an enumeration item, a brand before a capacity
OUR_SENTENCE = "汀溪锂业二期年产3万吨高纯碳酸锂项目在格尔木开工建设，丽豪单晶硅、某某光能5万千瓦光伏"


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


WHITESPACE_CASES = ["", " ", "  ", "\n", "年产 3万吨", "年产  3万吨", "年产\u3000\u30003万吨", " 年产 ", "A \n B\t",
                    "项目\r\n开工  ", "a\u00a0b c  d   e"]


def test_our_char_tokenizer_gives_spacys_char_tokens(seeds: tuple[Document, ...]) -> None:
    """The pipeline's linear tokenizer makes exactly the tokens and spaces of spaCy's ``char``
    segmenter: on whitespace shapes, on the seeds, and on every raw file of the shared corpora."""
    spacys, ours = blank_zh("char").tokenizer, blank_char_zh().tokenizer
    texts = WHITESPACE_CASES + [s.text for d in seeds for s in d.sentences]
    for name in ("corpus-dev", "corpus-haixi"):
        folder = default_corpus().parent / name
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) > 100
    for text in texts:
        expected = [(t.text, t.whitespace_) for t in spacys(text)]
        assert [(t.text, t.whitespace_) for t in ours(text)] == expected, text[:40]
    assert type(build_pipeline(None).tokenizer) is type(ours)


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
    assert nlp.pipe_names == ["chainkg_capacity", "span_ruler", "chainkg_products", "chainkg_companies",
                              "chainkg_context"]
    doc = nlp("汀溪锂业年产3万吨碳酸锂项目在格尔木开工建设")
    assert [s.text for s in doc.spans["company"]] == ["汀溪锂业"]
    assert [s.id_ for s in doc.spans["product"] if s.text == "碳酸锂"] == ["碳酸锂"]
    assert {s.label_ for s in doc.spans["terms"]} >= {"PLACE", "STATUS", "PRODUCT"}


def _groups(nlp: Language, text: str) -> dict[str, list[tuple[str, str, str]]]:
    doc = nlp(text)
    return {key: [(s.text, s.label_, s.id_) for s in group] for key, group in doc.spans.items()}


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipeline")
    build_pipeline(None).to_disk(path)
    return path


def test_config_names_our_factories_and_their_settings() -> None:
    components = build_pipeline(None).config["components"]
    assert dict(components["chainkg_capacity"]) == {"factory": "chainkg_capacity", "spans_key": "capacity"}
    assert dict(components["chainkg_products"]) == {
        "factory": "chainkg_products", "spans_key": "product", "phases_key": "phase", "terms_key": "terms",
        "capacity_key": "capacity", "max_phrase_length": NP_MAX_LENGTH}
    assert dict(components["chainkg_companies"]) == {
        "factory": "chainkg_companies", "spans_key": "company", "terms_key": "terms", "capacity_key": "capacity",
        "product_key": "product", "lexicon_file": COMPANY_SHAPE}
    assert components["span_ruler"]["spans_key"] == "terms"


def test_saved_pipeline_loads_with_the_same_config_and_spans(saved_pipeline: Path) -> None:
    nlp = build_pipeline(None)
    loaded = spacy.load(saved_pipeline)
    assert loaded.config.to_str() == nlp.config.to_str()
    expected = _groups(nlp, OUR_SENTENCE)
    assert _groups(loaded, OUR_SENTENCE) == expected
    assert [name for name, _label, _id in expected["company"]] == ["汀溪锂业", "丽豪", "某某光能"]
    assert [name for name, _label, _id in expected["product"]] == ["高纯碳酸锂", "单晶硅", "光伏"]
    assert [name for name, _label, _id in expected["phase"]] == ["二期"]


def test_components_follow_their_config(saved_pipeline: Path) -> None:
    renamed = spacy.load(saved_pipeline, config={
        "components.chainkg_capacity.spans_key": "figures", "components.chainkg_products.capacity_key": "figures",
        "components.chainkg_companies.capacity_key": "figures", "components.chainkg_products.spans_key": "goods",
        "components.chainkg_companies.product_key": "goods"})
    default = _groups(build_pipeline(None), OUR_SENTENCE)
    moved = _groups(renamed, OUR_SENTENCE)
    assert moved["figures"] == default["capacity"] and moved["goods"] == default["product"]
    assert moved["company"] == default["company"] and "capacity" not in moved and "product" not in moved
    short = spacy.load(saved_pipeline, config={"components.chainkg_products.max_phrase_length": 5})
    # 高纯碳酸锂 (5 characters) is no longer a noun phrase after the figure, only the known product
    assert [(name, label) for name, label, _id in default["product"]][0] == ("高纯碳酸锂", "NP")
    assert [(name, label) for name, label, _id in _groups(short, OUR_SENTENCE)["product"]] == [
        ("高纯碳酸锂", "PRODUCT"), ("单晶硅", "PRODUCT"), ("光伏", "NP")]
    with pytest.raises(ChainkgError, match="no_such_shape.yaml"):
        spacy.load(saved_pipeline, config={"components.chainkg_companies.lexicon_file": "no_such_shape.yaml"})


def test_find_leaves_the_doc_alone_and_set_annotations_writes() -> None:
    nlp = build_pipeline(None)
    doc = nlp.make_doc(OUR_SENTENCE)
    for name in ["chainkg_capacity", "span_ruler"]:
        doc = nlp.get_pipe(name)(doc)
    before = {key: list(group) for key, group in doc.spans.items()}
    for name in ["chainkg_products", "chainkg_companies"]:
        component = nlp.get_pipe(name)
        groups = component.find(doc)
        assert {key: list(group) for key, group in doc.spans.items()} == before
        component.set_annotations(doc, groups)
        before.update(groups)
        assert {key: list(group) for key, group in doc.spans.items()} == before
    assert [s.text for s in doc.spans["company"]] == ["汀溪锂业", "丽豪", "某某光能"]
    assert [d.spans["company"][0].text for d in nlp.pipe([OUR_SENTENCE, "某某光能5万千瓦光伏"])] == ["汀溪锂业", "某某光能"]


def test_piped_in_batches_each_sentence_is_marked_as_alone() -> None:
    """The components pipe a batch of Docs at a time (``in_batches``): each Doc gets the spans it gets alone,
    whatever batch it falls in."""
    nlp = build_pipeline(None)
    texts = [OUR_SENTENCE, *NAMES_OF_OURS, "甲乙化工、丙丁科技等企业落户", "本段没有名称"]

    def marked(doc: spacy.tokens.Doc) -> dict[str, list[tuple[int, int, str, str]]]:
        return {key: [(s.start_char, s.end_char, s.label_, s.id_) for s in group] for key, group in doc.spans.items()}

    alone = [marked(nlp(text)) for text in texts]
    assert sum(len(groups["company"]) for groups in alone) >= 6
    for batch_size in (1, 2, 4, 64):
        assert [marked(doc) for doc in nlp.pipe(texts, batch_size=batch_size)] == alone


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
