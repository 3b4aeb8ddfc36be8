"""The two seed documents, read from the shared corpus (never copied here): layout noise gone,
every sentence traceable to the exact original characters, cut paragraphs rejoined or
flagged, headings attached. Fragments named here are short names, not corpus sentences.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from chainkg.reading.corpus import ingest_corpus
from chainkg.reading.document import Document, Sentence

REPORT = "000_23d47f473b91a069.txt"
FEATURE = "004_e909b15a1484d67a.txt"
CJK = "\u4e00-\u9fff"
ENDS = "。!?;:…！？；：)"
CLOSERS = "”\"’"
MARKS = re.compile(r"\((上接|下转)[一二三四五六七八九十]版\)")


@pytest.fixture(scope="module")
def corpus(seed_corpus: Path) -> Path:
    """The seed corpus (see tests/conftest.py), holding both seeds."""
    if not (seed_corpus / REPORT).exists():
        pytest.fail(f"{seed_corpus} does not hold {REPORT} (set CHAINKG_CORPUS)")
    return seed_corpus


@pytest.fixture(scope="module")
def docs(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    result = ingest_corpus(corpus, tmp_path_factory.mktemp("out"))
    assert result.failures == ()
    return {d.file: d for d in result.documents}


@pytest.fixture(scope="module")
def originals(corpus: Path) -> dict[str, str]:
    return {name: (corpus / name).read_text(encoding="utf-8") for name in (REPORT, FEATURE)}


def squeeze(text: str) -> str:
    """Whitespace removed, widths folded, and the dash read back as the "一" it was printed as."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("-", "一")


def containing(doc: Document, offset: int) -> Sentence:
    """The sentence whose original pieces hold ``offset``."""
    return next(s for s in doc.sentences if any(a <= offset < b for a, b in s.orig_spans))


def with_fragment(doc: Document, fragment: str) -> Sentence:
    return next(s for s in doc.sentences if fragment in s.text)


@pytest.mark.parametrize("name", [REPORT, FEATURE])
def test_no_space_left_between_chinese_or_in_numbers(docs: dict[str, Document], name: str) -> None:
    text = docs[name].text
    space = r"[^\S\n]+"  # whitespace other than the line break between paragraphs
    assert not re.search(rf"[{CJK}，。、“”]{space}[{CJK}]|[{CJK}]{space}\d|\d{space}[{CJK}%]", text)
    assert "上接" not in text and "下转" not in text


@pytest.mark.parametrize("name", [REPORT, FEATURE])
def test_every_sentence_traces_to_its_original_characters(
    docs: dict[str, Document], originals: dict[str, str], name: str
) -> None:
    doc, original = docs[name], originals[name]
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    for s in doc.sentences:
        assert s.text == doc.text[s.start : s.end]
        pieces = "".join(original[a:b] for a, b in s.orig_spans)
        assert squeeze(pieces) == squeeze(s.text), s.index
        if len(s.orig_spans) == 1:
            assert squeeze(original[s.orig_start : s.orig_end]) == squeeze(s.text)
    for i, char in enumerate(doc.text):
        source = original[doc.orig_index(i)]
        assert source.isspace() if char.isspace() else squeeze(source) == squeeze(char)


@pytest.mark.parametrize("name", [REPORT, FEATURE])
def test_page_jump_marks_are_outside_every_sentence(docs: dict[str, Document], originals: dict[str, str], name: str) -> None:
    for mark in MARKS.finditer(originals[name]):
        for s in docs[name].sentences:
            assert all(b <= mark.start() or a >= mark.end() for a, b in s.orig_spans)


@pytest.mark.parametrize("name", [REPORT, FEATURE])
def test_every_cut_paragraph_is_rejoined_or_flagged(docs: dict[str, Document], originals: dict[str, str], name: str) -> None:
    doc, original = docs[name], originals[name]
    cuts = 0
    for line in re.finditer(r"[^\n]+", original):
        body = MARKS.sub("", line.group()).rstrip()
        if not body.strip() or body.rstrip(CLOSERS)[-1] in ENDS:
            continue
        sentence = containing(doc, line.start() + len(body) - 1)
        if "heading" in sentence.flags:
            continue
        cuts += 1
        assert "joined" in sentence.flags or "cut" in sentence.flags, sentence.text
    assert cuts >= 5


def test_report_cuts_rejoined_and_flagged(docs: dict[str, Document]) -> None:
    doc = docs[REPORT]
    for fragment in ("海西发展迎来", "协调金融机构", "办复率100%", "落实中央八项", "成如容易", "促进经济全面",
                     "需求侧双向", "进一步巩固", "深化金融暖企", "三线一单"):
        assert "joined" in with_fragment(doc, fragment).flags, fragment
    assert len(with_fragment(doc, "海西发展迎来").orig_spans) == 2  # resumed after the next section
    flagged = [s for s in doc.sentences if "cut" in s.flags]
    ends = ["保障了高", "取得新", "实现只减", "示衷心感", "反馈问题", "新海西的活"]
    assert len(flagged) == 1 + len(ends) and all(s.text.endswith(end) for s, end in zip(flagged[1:], ends))
    assert flagged[0].index == 1 and flagged[0].text.startswith("均超额完成")  # after "(上接一版)"


def test_feature_cuts_rejoined_and_flagged(docs: dict[str, Document]) -> None:
    doc = docs[FEATURE]
    for fragment in ("人力资源趋紧", "推动循环经济", "责任部门", "释疑解惑"):
        assert "joined" in with_fragment(doc, fragment).flags, fragment
    assert len(with_fragment(doc, "推动循环经济").orig_spans) == 2  # resumed four sections later
    flagged = [s for s in doc.sentences if "cut" in s.flags]
    assert len(flagged) == 2 and flagged[0].text.endswith("建立完善") and flagged[1].text.endswith("招商引资、")


def test_report_headings(docs: dict[str, Document]) -> None:
    sentences = docs[REPORT].sentences
    tasks = next(s.index for s in sentences if s.text.startswith("二、2023年") and "heading" in s.flags)
    for s in sentences:
        assert any(h.startswith("二、2023年") for h in s.headings) == (s.index >= tasks)
    first = next(s.index for s in sentences if s.text.startswith("(一)以产业"))
    second = next(s.index for s in sentences if s.text.startswith("(二)不断扩大"))
    for s in sentences[first:second]:
        assert s.headings[1].startswith("二、2023年") and s.headings[2].startswith("(一)以产业")
    salt_lake = with_fragment(docs[REPORT], "基础锂盐")
    assert salt_lake.headings[-1] == "奋力做强盐湖产业"
    assert with_fragment(docs[REPORT], "南玻10万吨").headings[-1].startswith("(四)创新举措")


def test_feature_sub_headings(docs: dict[str, Document]) -> None:
    sentences = docs[FEATURE].sentences
    headings = [s for s in sentences if "heading" in s.flags]
    assert len(headings) == 6 and headings[0].index == 0
    for s in sentences[headings[1].index :]:
        assert len(s.headings) == 2
    assert with_fragment(docs[FEATURE], "人力资源趋紧").headings[1].startswith("打造一流营商环境")


def test_dash_and_stray_english_word(docs: dict[str, Document]) -> None:
    assert "鱼卡-托素-海西750千伏" in docs[REPORT].text
    assert docs[REPORT].text.count("-") == 2
    assert "政策支持 and 资金投入" in docs[FEATURE].text
