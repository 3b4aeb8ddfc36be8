"""Reading every format and encoding, every bad input, and `chainkg ingest` over a corpus.

All sample files are made here from Chinese text we wrote ourselves.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from chainkg.cli import main
from chainkg.errors import ChainkgError
from chainkg.reading.corpus import ingest_corpus
from chainkg.reading.document import Document
from chainkg.reading.read import decode, read_bytes

SIMPLIFIED = (
    "格尔木某新材料公司今年计划投资12.5亿元,建设年产3万吨高纯氟化锂项目。"
    "项目一期预计明年投产,二期正在洽谈。园区还将引进储能电池企业,补齐产业链条。"
)
TRADITIONAL = "德令哈某光熱公司計劃投資8億元,建設50兆瓦光熱電站。項目已完成備案,預計年底開工。當地還將配套建設儲能設施。"


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (lines drawn in a CJK CID font), or no text if empty."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.setFont("STSong-Light", 11)
    page.rect(60, 60, 200, 100, fill=1)
    for i, line in enumerate(lines):
        page.drawString(60, 760 - 16 * i, line)
    page.showPage()
    page.save()
    return buf.getvalue()


def docx_bytes() -> bytes:
    """A Word file with a heading, a bold line, body text and a table."""
    document = docx.Document()
    document.add_heading("某园区项目简报", level=1)
    bold = document.add_paragraph()
    bold.add_run("一期进展").bold = True
    document.add_paragraph(SIMPLIFIED)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "项目名称"
    table.rows[0].cells[1].text = "年产3万吨高纯氟化锂"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


HTML = f"""<!doctype html><html><head><meta charset="gbk"><title>页面标题</title>
<style>p {{ color: red }}</style><script>var hidden = "脚本里的字";</script></head>
<body><header><a href="/">首页</a> 导航栏文字</header><nav><a>新闻中心</a></nav>
<article><h1>某园区新项目开工</h1><p>{SIMPLIFIED[:36]}
{SIMPLIFIED[36:]}</p><p style="display:none">隐藏的字</p><div hidden>也隐藏</div>
<p>第二段<b>加粗</b>文字,仍是一句。</p></article>
<footer>版权所有 联系我们</footer></body></html>"""


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_simplified_chinese_text_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "a.txt", SIMPLIFIED.encode(encoding))
    decoded = decode(path, read_bytes(path))
    assert decoded.text == SIMPLIFIED
    expected = {"utf-8": {"utf_8"}, "utf-8-sig": {"utf_8_sig"}, "gb18030": {"gb18030"}, "gbk": {"gb18030", "gbk", "cp936"}}
    assert decoded.encoding in expected[encoding]


def test_big5_traditional_chinese(tmp_path: Path) -> None:
    path = write(tmp_path / "b.md", TRADITIONAL.encode("big5"))
    decoded = decode(path, read_bytes(path))
    assert decoded.text == TRADITIONAL
    assert decoded.encoding in {"big5", "cp950", "big5hkscs"}


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", HTML.encode("gbk"))
    decoded = decode(path, read_bytes(path))
    assert decoded.encoding.lower() in {"gbk", "gb2312", "gb18030"}
    for chrome in ("脚本里的字", "color", "首页", "导航栏", "新闻中心", "版权所有", "隐藏的字", "也隐藏", "页面标题"):
        assert chrome not in decoded.text
    assert "# 某园区新项目开工" in decoded.text
    assert "第二段加粗文字" in decoded.text
    assert SIMPLIFIED[:36] in decoded.text


def test_docx_text_headings_bold_and_tables(tmp_path: Path) -> None:
    path = write(tmp_path / "brief.docx", docx_bytes())
    decoded = decode(path, read_bytes(path))
    assert decoded.encoding == "docx"
    assert decoded.text.split("\n\n") == ["# 某园区项目简报", "**一期进展**", SIMPLIFIED, "项目名称", "年产3万吨高纯氟化锂"]


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = write(tmp_path / "scan.pdf", pdf_bytes(["某园区年产3万吨高纯氟化锂项", "目建成投产。二期 and 三期在谈。"]))
    decoded = decode(path, read_bytes(path))
    assert decoded.encoding == "pdf"
    assert "年产3万吨高纯氟化锂项" in decoded.text and "二期 and 三期" in decoded.text


BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.md": ("  \n\u3000\n".encode("utf-8"), "empty file"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file"),
    "garbled.txt": (bytes(range(128, 256)) * 10, "undecodable"),
    "notext.pdf": (pdf_bytes([]), "no text layer"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage", "corrupt PDF"),
    "broken.docx": (b"PK\x03\x04 this is not really a zip archive", "corrupt"),
    "renamed.docx": (SIMPLIFIED.encode("utf-8"), "corrupt"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_one_clear_error(tmp_path: Path, name: str) -> None:
    data, problem = BAD[name]
    path = write(tmp_path / name, data)
    with pytest.raises(ChainkgError) as caught:
        decode(path, read_bytes(path))
    message = str(caught.value)
    assert str(path) in message and problem in message and "\n" not in message


def test_unreadable_file(tmp_path: Path) -> None:
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ChainkgError, match=r"gone\.txt: cannot read"):
        read_bytes(dangling)
    if os.geteuid() != 0:
        locked = write(tmp_path / "locked.txt", SIMPLIFIED.encode("utf-8"))
        locked.chmod(0)
        with pytest.raises(ChainkgError, match=r"locked\.txt: cannot read .*ermission"):
            read_bytes(locked)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus of one file per format and encoding, two bad files, and a corpus.yaml for one."""
    root = tmp_path / "corpus"
    root.mkdir()
    write(root / "a_utf8.txt", ("某园区简报\n\n" + SIMPLIFIED).encode("utf-8"))
    write(root / "b_bom.md", ("# 某园区简报\n\n" + SIMPLIFIED).encode("utf-8-sig"))
    write(root / "c_gbk.txt", SIMPLIFIED.encode("gbk"))
    write(root / "d_big5.txt", TRADITIONAL.encode("big5"))
    write(root / "e_page.html", HTML.encode("gbk"))
    write(root / "f_brief.docx", docx_bytes())
    write(root / "g_layer.pdf", pdf_bytes(["某园区年产3万吨高纯氟化锂项目建成投产。"]))
    write(root / "notes.png", b"\x89PNG\r\n\x1a\n")
    write(root / "corpus.yaml", "documents:\n  - file: a_utf8.txt\n    title: 某园区简报(测试)\n"
          "    kind: briefing\n    issuer: 某园区管委会\n    published: 2024\n".encode("utf-8"))
    return root


GOOD = ["a_utf8.txt", "b_bom.md", "c_gbk.txt", "d_big5.txt", "e_page.html", "f_brief.docx", "g_layer.pdf"]


def test_ingest_corpus_every_format(corpus: Path, tmp_path: Path) -> None:
    result = ingest_corpus(corpus, tmp_path / "out")
    assert result.failures == ()
    assert [d.file for d in result.documents] == GOOD
    by_file = {d.file: d for d in result.documents}
    assert by_file["a_utf8.txt"].meta == {"title": "某园区简报(测试)", "kind": "briefing", "issuer": "某园区管委会",
                                          "published": 2024, "covers": None, "date": "2024",
                                          "date_source": "corpus.yaml"}
    assert by_file["b_bom.md"].meta["title"] == "某园区简报"
    assert by_file["b_bom.md"].meta["kind"] == "unknown"
    assert by_file["e_page.html"].meta["title"] == "某园区新项目开工"
    assert by_file["f_brief.docx"].sentences[1].headings == ("某园区项目简报", "一期进展")
    for path in corpus.iterdir():
        if path.name in by_file:
            assert by_file[path.name].id == hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    lines = result.path.read_text(encoding="utf-8").splitlines()
    assert [Document.from_dict(json.loads(line)) for line in lines] == list(result.documents)
    assert "年产3万吨高纯氟化锂" in lines[GOOD.index("g_layer.pdf")]
    assert sorted(p.name for p in result.path.parent.iterdir()) == ["documents.jsonl"]


def test_same_input_same_bytes(corpus: Path, tmp_path: Path) -> None:
    first = ingest_corpus(corpus, tmp_path / "one").path.read_bytes()
    second = ingest_corpus(corpus, tmp_path / "two").path.read_bytes()
    assert first == second


def test_bad_files_are_reported_and_the_rest_ingested(corpus: Path, tmp_path: Path) -> None:
    write(corpus / "empty.txt", b"")
    write(corpus / "broken.docx", b"PK\x03\x04 nope")
    with open(corpus / "corpus.yaml", "a", encoding="utf-8") as f:
        f.write("  - file: missing.txt\n    title: 不存在\n")
    result = ingest_corpus(corpus, tmp_path / "out")
    assert [d.file for d in result.documents] == GOOD
    assert len(result.failures) == 3
    assert any("missing.txt: listed in corpus.yaml but not found" in f for f in result.failures)
    assert any("empty.txt: empty file" in f for f in result.failures)
    assert any("broken.docx: corrupt" in f for f in result.failures)


def test_several_processes_read_what_one_reads(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from chainkg import processes
    from chainkg.reading import corpus as reading

    pools: list[int] = []

    class Recording(processes.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(processes, "ProcessPoolExecutor", Recording)
    write(corpus / "empty.txt", b"")
    write(corpus / "h_again.txt", (corpus / "c_gbk.txt").read_bytes())  # the same bytes: left out, said so
    other = tmp_path / "other"
    other.mkdir()
    write(other / "a_utf8.txt", (corpus / "a_utf8.txt").read_bytes())  # the first folder's bytes again
    write(other / "broken.docx", b"PK\x03\x04 nope")
    write(other / "z_own.txt", TRADITIONAL.encode("utf-8"))
    one = ingest_corpus([corpus, other], tmp_path / "one", jobs=1)
    assert pools == []
    monkeypatch.setattr(reading, "MIN_BYTES_PER_JOB", 1)  # a small corpus: spread it anyway
    several = ingest_corpus([corpus, other], tmp_path / "several", jobs=3)
    assert pools == [3]
    assert several.documents == one.documents and several.failures == one.failures
    assert several.path.read_bytes() == one.path.read_bytes()
    assert len(one.failures) == 4 and "h_again.txt: the same bytes as" in one.failures[1]
    assert "other/a_utf8.txt: the same bytes as" in one.failures[2]
    assert [d.file for d in one.documents][-1] == "other/z_own.txt"


def test_cli_exit_status_with_one_bad_file(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["ingest", "--corpus", str(corpus), "--out", str(out)]) == 0
    good = (out / "documents.jsonl").read_bytes()
    write(corpus / "zz_binary.txt", bytes(range(256)))
    assert main(["ingest", "--corpus", str(corpus), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "zz_binary.txt: binary file" in err
    assert (out / "documents.jsonl").read_bytes() == good


def test_cli_missing_corpus_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "nope does not exist" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_bad_corpus_yaml_and_out_is_a_file(corpus: Path, tmp_path: Path) -> None:
    (corpus / "corpus.yaml").write_text("documents: [file: a\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match="corpus.yaml: not valid YAML"):
        ingest_corpus(corpus, tmp_path / "out")
    (corpus / "corpus.yaml").unlink()
    taken = write(tmp_path / "taken", b"")
    with pytest.raises(ChainkgError, match="is a file"):
        ingest_corpus(corpus, taken)
