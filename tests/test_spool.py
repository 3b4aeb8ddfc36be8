"""A stage run in a child process hands back the same value, its errors, and a clear error for a bad spool
(:mod:`chainkg.spool`); ``chainkg build`` through it writes what it wrote in one process."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from chainkg.errors import ChainkgError
from chainkg.ingest.facts import Evidence, MentionSpan
from chainkg.spool import MAGIC, InParts, SpoolError, read_spool, run_apart, write_spool


def _evidence(sentence: str) -> Evidence:
    span = MentionSpan("company", "甲乙公司", 0, 4, 0, 4)
    return Evidence("d1", 0, sentence, 0, len(sentence), 0, len(sentence), (span,), ("一、概况",), None, "text")


def _shared_pair(sentence: str) -> tuple[Evidence, Evidence, int]:
    ev = _evidence(sentence)
    return ev, ev, os.getpid()


def _refuse(name: str) -> None:
    raise ChainkgError(f"{name}: refused in the child")


def _die() -> None:
    os._exit(3)


def test_the_value_comes_back_from_another_process_with_its_sharing_and_the_spool_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "x.spool"
    a, b, pid = run_apart(path, _shared_pair, "甲乙公司建设年产1万吨碳酸锂项目。")
    assert pid != os.getpid()
    assert a == _evidence("甲乙公司建设年产1万吨碳酸锂项目。") and a is b
    assert not path.exists()


def test_an_error_in_the_child_is_raised_here_with_its_traceback_as_a_note(tmp_path: Path) -> None:
    with pytest.raises(ChainkgError, match="corpus-x: refused in the child") as caught:
        run_apart(tmp_path / "x.spool", _refuse, "corpus-x")
    assert any("in the child process" in note and "_refuse" in note for note in caught.value.__notes__)
    assert not (tmp_path / "x.spool").exists()


def test_a_child_that_dies_without_a_spool_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SpoolError, match=r"x\.spool: the child process running '_die' ended \(exit code 3\)"):
        run_apart(tmp_path / "x.spool", _die)


@pytest.mark.parametrize("damage, message", [
    (lambda good: b"", "not a chainkg spool"),
    (lambda good: b"PK\x03\x04 a zip file", "not a chainkg spool"),
    (lambda good: good[: len(good) // 2], "unreadable, cut short or damaged"),
    (lambda good: MAGIC + b"\x00\x01\x02 not a pickle", "unreadable, cut short or damaged"),
])
def test_an_unreadable_spool_is_an_error_naming_the_file(tmp_path: Path, damage, message: str) -> None:
    path = tmp_path / "facts.spool"
    write_spool(path, ("made", [_evidence("乙。")] * 50))
    assert read_spool(path)[1][0] == _evidence("乙。")
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(SpoolError, match=f"spool {path}: {message}"):
        read_spool(path)


def test_a_missing_spool_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(SpoolError, match=f"spool {tmp_path / 'none.spool'}: cannot read it"):
        read_spool(tmp_path / "none.spool")


def _digests(out: Path) -> dict[str, str]:
    """sha256 of graph.json, documents.jsonl and every site file, by path under ``out``."""
    files = [out / "graph.json", out / "documents.jsonl", *sorted((out / "site").rglob("*"))]
    return {str(f.relative_to(out)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


def test_a_build_through_the_child_writes_what_one_process_writes(tmp_path: Path, monkeypatch) -> None:
    """The same graph.json, documents.jsonl and site, byte for byte, whether ingest, extraction and
    resolution run in a child process (as ``chainkg build`` does) or in the build's own."""
    from chainkg import pipeline

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("甲乙锂业有限公司在某某工业园区建设年产2万吨碳酸锂项目，已开工建设。\n"
                                  "丙丁新能源公司年产5万吨磷酸铁锂正极材料项目已投产。\n", encoding="utf-8")
    (corpus / "b.txt").write_text("某某市盐湖化工产业链：甲乙锂业有限公司生产氢氧化锂。\n", encoding="utf-8")
    apart = pipeline.build(corpus, tmp_path / "apart")
    monkeypatch.setattr(pipeline, "run_apart", lambda path, make, *args: make(*args))
    here = pipeline.build(corpus, tmp_path / "here")
    assert apart.graph.number_of_edges() == here.graph.number_of_edges() > 0
    assert _digests(tmp_path / "apart") == _digests(tmp_path / "here")
    assert not list((tmp_path / "apart").rglob(pipeline.FACTS_SPOOL))


def _in_parts(head: str, n: int) -> InParts[str, list[Evidence]]:
    return InParts(head, ([_evidence(f"第{i}句。")] * 3 for i in range(n)))


def test_a_value_in_parts_comes_back_part_by_part_each_with_its_own_sharing(tmp_path: Path) -> None:
    value = run_apart(tmp_path / "x.spool", _in_parts, "头", 4)
    assert value.head == "头" and not (tmp_path / "x.spool").exists()  # removed: the parts come from the open file
    parts = list(value.parts)
    assert [p[0].sentence for p in parts] == ["第0句。", "第1句。", "第2句。", "第3句。"]
    assert all(p[0] is p[2] for p in parts)
    assert list(value.parts) == []  # one pass


@pytest.mark.parametrize("cut, message", [
    (lambda good, parts_at: good[:-3], "unreadable, cut short or damaged"),  # the end record cut
    (lambda good, parts_at: good[: parts_at + 7], "unreadable, cut short or damaged"),  # inside the first part
])
def test_a_spool_cut_inside_its_parts_is_an_error_naming_the_file_when_the_cut_is_reached(
        tmp_path: Path, cut, message: str) -> None:
    path = tmp_path / "facts.spool"
    write_spool(path, ("made", InParts("头", [[1], [2]])))
    good = path.read_bytes()
    parts_at = len(MAGIC) + len(pickle.dumps(("parts", "头"), protocol=pickle.HIGHEST_PROTOCOL))
    path.write_bytes(cut(good, parts_at))
    kind, value = read_spool(path)  # the head reads
    assert (kind, value.head) == ("made", "头")
    with pytest.raises(SpoolError, match=f"spool {path}: {message}"):
        list(value.parts)


def test_a_spool_whose_end_record_counts_other_parts_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "facts.spool"
    with open(path, "wb") as f:
        f.write(MAGIC)
        for record in (("parts", "头"), ("part", [1]), ("end", 2)):
            pickle.dump(record, f)
    with pytest.raises(SpoolError, match=r"damaged \(1 part\(s\) read, its end record says 2\)"):
        list(read_spool(path)[1].parts)


def test_a_graph_built_from_parts_is_the_graph_built_from_the_whole_extraction() -> None:
    from chainkg.graph.build import build_graph, fact_parts
    from chainkg.graph.store import graph_json_bytes
    from chainkg.ingest.extract import run_extraction
    from chainkg.templates import load_templates
    from tests.test_extract_generalization import paragraphs

    templates = load_templates()
    doc = paragraphs(["甲乙锂业有限公司在某某工业园区建设年产2万吨碳酸锂项目，已开工建设。",
                      "丙丁新能源公司年产5万吨磷酸铁锂正极材料项目已投产，甲乙锂业有限公司生产氢氧化锂。",
                      "某某市盐湖化工产业链缺少电池级碳酸锂深加工企业。"])
    extraction = run_extraction([doc], templates)
    parts = list(fact_parts(extraction, evidence=1))
    assert len(parts) > 3 and not any(p.mentions for p in parts)
    whole = b"".join(graph_json_bytes(build_graph([doc], extraction, templates)))
    assert b"".join(graph_json_bytes(build_graph([doc], iter(parts), templates))) == whole


def test_a_spool_that_opens_with_a_part_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "facts.spool"
    with open(path, "wb") as f:
        f.write(MAGIC)
        pickle.dump(("part", [1]), f)
    with pytest.raises(SpoolError, match=r"damaged \(it opens with a 'part' record\)"):
        read_spool(path)
