"""Hostile or unlucky corpus files (issue 17, items 4 and 8): FIFOs, devices, sockets, files past
the size limit, invisible characters inside names, two files with the same bytes.

All text here is our own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from chainkg.errors import ChainkgError
from chainkg.graph.model import COMPANY
from chainkg.reading.corpus import ingest_corpus
from chainkg.reading.normalize import normalize
from chainkg.reading.read import read_bytes

GOOD = "# 某园区项目简报\n\n青海某某锂业有限公司在格尔木建设年产3万吨碳酸锂项目,项目已开工。\n"


def test_a_fifo_a_device_and_a_socket_are_skipped_and_the_rest_built(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "sock.md"))
    try:
        done = subprocess.run([sys.executable, "-m", "chainkg", "build", "--corpus", str(corpus),
                               "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    finally:
        sock.close()
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 3, lines
    assert any("pipe.txt: a FIFO (named pipe), not a regular file; skipped" in line for line in lines)
    assert any("zero.txt: a character device, not a regular file; skipped" in line for line in lines)
    assert any("sock.md: a socket, not a regular file; skipped" in line for line in lines)
    assert (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_a_file_past_the_size_limit_is_one_line(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 100, encoding="utf-8")
    monkeypatch.setenv("CHAINKG_MAX_FILE_MB", "0.001")
    with pytest.raises(ChainkgError, match=r"big\.txt: 0\.0 MB, larger than the limit of 0 MB; skipped "
                                           r"\(raise it with CHAINKG_MAX_FILE_MB=<MB>\)"):
        read_bytes(big)
    monkeypatch.setenv("CHAINKG_MAX_FILE_MB", "many")
    with pytest.raises(ChainkgError, match="CHAINKG_MAX_FILE_MB='many'"):
        read_bytes(big)
    monkeypatch.delenv("CHAINKG_MAX_FILE_MB")
    assert read_bytes(big) == big.read_bytes()
    assert read_bytes(big, limit=len(big.read_bytes())) == big.read_bytes()
    with pytest.raises(ChainkgError, match="larger than the limit"):
        read_bytes(big, limit=len(big.read_bytes()) - 1)


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\x1b"])
def test_an_invisible_character_splits_no_name(mark: str) -> None:
    text = "青海某某锂" + mark + "业有限公司在格尔木建设年产3万吨碳酸锂项目。"
    norm = normalize(text)
    assert norm.text == "青海某某锂业有限公司在格尔木建设年产3万吨碳酸锂项目。"
    assert norm.offsets[5] == 6  # "业" still points at its place in the original text


def test_a_company_name_with_a_zero_width_space_is_one_company(tmp_path: Path) -> None:
    from chainkg.pipeline import build

    clean, marked = tmp_path / "clean", tmp_path / "marked"
    for folder, text in ((clean, GOOD), (marked, GOOD.replace("锂业", "锂\u200b业"))):
        folder.mkdir()
        (folder / "a.txt").write_text(text, encoding="utf-8")
    companies = []
    for folder in (clean, marked):
        G = build(folder, tmp_path / f"out-{folder.name}").graph
        companies.append(sorted(d["name"] for _, d in G.nodes(data=True) if d["label"] == COMPANY))
    assert companies[0] and companies[0] == companies[1]


def test_two_files_with_the_same_bytes_are_said_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text(GOOD, encoding="utf-8")
    result = ingest_corpus(corpus, tmp_path / "out")
    assert [d.file for d in result.documents] == ["a.txt"]
    assert len(result.failures) == 1
    assert "b.txt: the same bytes as" in result.failures[0] and "a.txt, which is read" in result.failures[0]
