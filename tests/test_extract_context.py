"""Document context as a spaCy component (issue 16, item 4): ``chainkg_context`` sets where each
sentence stands in its document as Doc extensions, and the pipeline is built once per process.

The document is made up: invented firms and headings, our own sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from chainkg.ingest.context import PLACE_KEY, place_sentence
from chainkg.reading.document import Document, Sentence
from chainkg.ingest.extract import extract
from chainkg.ingest.nlp import build_pipeline, shared_pipeline

HEADINGS = ("岚川县2026年招商工作情况", "一、签约项目")
PARAGRAPHS = (
    ("签约项目涵盖新材料和储能两个方向。", "澜汐锂业年产2万吨碳酸锂项目。"),
    ("(一)蔚峤储能年产5GWh储能电池项目已开工建设。",),
)


def _document() -> Document:
    """The made-up document: paragraphs of the sentences above, a line break between them."""
    rows, text = [], ""
    for p, paragraph in enumerate(PARAGRAPHS):
        if p:
            text += "\n"
        for sentence in paragraph:
            rows.append(Sentence(index=len(rows), text=sentence, start=len(text), end=len(text) + len(sentence),
                                 orig_start=len(text), orig_end=len(text) + len(sentence), headings=HEADINGS))
            text += sentence
    return Document(id="ctx", file="ctx.txt", meta={"published": 2026}, encoding="utf-8", sha256="ctx", text=text,
                    sentences=tuple(rows))


def test_the_context_component_is_the_last_pipe_with_its_config() -> None:
    nlp = build_pipeline(None)
    assert nlp.pipe_names[-1] == "chainkg_context"
    assert dict(nlp.config["components"]["chainkg_context"]) == {"factory": "chainkg_context", "place_key": PLACE_KEY}


def test_saved_pipeline_loads_the_context_component_by_its_factory(tmp_path: Path) -> None:
    build_pipeline(None).to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    doc = loaded(place_sentence(loaded.make_doc("二、洽谈项目"), ("总览",), True, None))
    assert (doc._.headings, doc._.is_heading, doc._.list_item.text, doc._.list_rank) == (("总览",), True, "二、", 8)


def test_extensions_on_a_made_up_document() -> None:
    nlp = shared_pipeline()
    document = _document()
    docs = [nlp(place_sentence(nlp.make_doc(s.text), s.headings, False,
                               document.text[document.sentences[i - 1].end:s.start] if i else None))
            for i, s in enumerate(document.sentences)]
    assert [d._.new_paragraph for d in docs] == [True, False, True]
    assert [d._.headings for d in docs] == [HEADINGS] * 3
    # the lead of the first paragraph gives its items a status; the second paragraph has no lead
    assert [d._.paragraph_topic[0] if d._.paragraph_topic else None for d in docs] == ["signed", "signed", None]
    assert [d._.list_item.text if d._.list_item is not None else None for d in docs] == [None, None, "(一)"]


def test_a_bare_text_is_one_paragraph_of_its_own() -> None:
    nlp = shared_pipeline()
    nlp(place_sentence(nlp.make_doc("签约项目有三个。"), (), False, None))  # leaves a topic behind
    doc = nlp("某某公司年产1万吨某盐项目。")
    assert doc._.new_paragraph and doc._.paragraph_topic is None and doc._.headings == ()


def test_extraction_reads_the_paragraph_lead_from_the_component() -> None:
    mentions = extract([_document()], shared_pipeline())
    status = {m.company: (m.status, m.rule.split("+")[-1]) for m in mentions.projects}
    assert status == {"澜汐锂业": ("signed", "status_topic"), "蔚峤储能": ("under_construction", "status_after")}


def test_the_pipeline_is_built_once_per_process() -> None:
    assert shared_pipeline() is shared_pipeline(None) is shared_pipeline()
    assert build_pipeline(None) is not shared_pipeline()
