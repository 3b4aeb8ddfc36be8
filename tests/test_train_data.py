"""Training data of the company tagger (issue 16 item 6, docs/extraction.md "A trained company tagger"):
gold spans of the original text onto the reader's normalized text, windows that never cut a name,
Docs with ORG entities. Texts and firms made up here (岚峡, 澜沣): no sentence of a page is copied."""

from __future__ import annotations

import pytest
import yaml

from chainkg.errors import ChainkgError
from chainkg.gold import UNTOUCHED
from chainkg.ingest.company_tagger import gold_windows, training_sets
from chainkg.ingest.nlp import blank_char_zh
from chainkg.ingest.train_data import (LABEL, Window, document_windows, gold_document, ingest_text,
                                       longest_spans, normalized_spans, to_doc, windows)


def test_spans_of_the_original_land_on_the_normalized_text() -> None:
    """Layout spaces inside and around a name are dropped by the reader; the span follows the name."""
    original = "  岚峡 锂业 有限公司年产3万吨碳酸锂。\n澜沣新材料投产。"
    a = original.index("岚")
    b = original.index("司") + 1
    c = original.index("澜")
    document = ingest_text(original, "a.txt")
    spans = normalized_spans(document, [[a, b], [c, c + 5]])
    assert [document.text[x:y].replace(" ", "") for x, y in spans] == ["岚峡锂业有限公司", "澜沣新材料"]


def test_a_long_sentence_is_cut_before_a_name_it_would_cross() -> None:
    text = "甲" * 8 + "岚峡锂业" + "乙" * 8
    got = windows(text, [(0, len(text))], [(8, 12)], max_len=10)
    assert [len(w.text) for w in got] == [8, 10, 2]
    assert got[1].text.startswith("岚峡锂业") and got[1].companies == ((0, 4),) and got[1].start == 8
    assert all(len(w.text) <= 10 for w in got)


def test_nested_and_overlapping_spans_keep_the_longest() -> None:
    assert longest_spans([(2, 4), (0, 6), (5, 9), (10, 12)]) == [(0, 6), (10, 12)]


def test_docs_carry_one_org_entity_per_company() -> None:
    nlp = blank_char_zh()
    doc = to_doc(nlp, Window("支持岚峡锂业和澜沣建厂", 0, ((2, 6), (7, 9))))
    assert [(e.text, e.label_) for e in doc.ents] == [("岚峡锂业", LABEL), ("澜沣", LABEL)]
    assert len(doc) == len("支持岚峡锂业和澜沣建厂")  # one token per character


def test_a_gold_file_becomes_windows_with_its_companies(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A made-up gold file of the `own` corpus kind, read through load_gold's own checks."""
    text = "岚峡锂业年产3万吨碳酸锂项目开工。\n澜沣投产。\n"
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    gold = {"file": "doc.txt", "corpus": "own", "products": [], "projects": [], "not_projects": [],
            "companies": [{"name": "岚峡锂业", "aliases": ["岚峡锂业"], "spans": [[0, 4]]},
                          {"name": "澜沣", "aliases": ["澜沣"], "spans": [[18, 20]]}]}
    path = tmp_path / "doc.yaml"
    path.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    _, document, spans = gold_document(path, {"own": tmp_path})
    got = document_windows(document, spans)
    assert [[w.text[a:b] for a, b in w.companies] for w in got] == [["岚峡锂业"], ["澜沣"]]


def test_the_untouched_holdout_is_never_a_training_set() -> None:
    assert UNTOUCHED[0] not in training_sets(["pages-holdout2"])
    assert "pages-holdout9" in training_sets([])  # spent: scored once on 2026-12-07
    with pytest.raises(ChainkgError, match=UNTOUCHED[0]):
        gold_windows(["own", UNTOUCHED[0]])
    with pytest.raises(ChainkgError, match="--leave-out nonsense"):
        training_sets(["nonsense"])


def test_the_strict_benchmarks_refuse_the_untouched_holdout() -> None:
    """miss_causes, rule_precision, firm_causes … all read gold through gold_graphs: it refuses the holdout before
    extracting anything (a generator: the refusal comes at the first row asked for)."""
    from testkit.gold_graphs import gold_graphs

    with pytest.raises(ChainkgError, match=f"miss-causes: {UNTOUCHED[0]} is untouched"):
        next(gold_graphs(["pages", UNTOUCHED[0]], None, "miss-causes-"))


def test_the_company_tagger_benchmark_refuses_the_untouched_holdout() -> None:
    import company_tagger as bench

    with pytest.raises(ChainkgError, match=f"benchmarks/company_tagger.py: {UNTOUCHED[0]} is untouched"):
        bench.main(["--set", "own", "--set", UNTOUCHED[0]])
