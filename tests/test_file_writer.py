"""The files of a new folder made by a helper process (chainkg.file_writer): the same bytes as
writing them in place, their folders made, and a file it cannot make an error of the caller's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chainkg import file_writer
from chainkg.file_writer import FileWriter


def test_files_hold_the_text_as_utf8_in_new_folders(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_writer, "CHUNK_CHARS", 5)  # a text handed over in several chunks
    given = {"index.html": ("<p>总览</p>\n", "<p>总览</p>\n"),
             "company/ab12.html": (["甲", "", "乙丙丁戊己庚", "\n"], "甲乙丙丁戊己庚\n"),
             "company/more/ab12-0-0.js": ("x" * 23, "x" * 23), "empty.js": ("", ""),
             "deep/a/b/c.txt": (iter(["深", "处"]), "深处")}
    with FileWriter(tmp_path) as files:
        for path, (text, _) in given.items():
            files.write(path, text)
    written = {str(p.relative_to(tmp_path)): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {path: expected.encode("utf-8") for path, (_, expected) in given.items()}
    mask = os.umask(0o022)
    os.umask(mask)
    assert {(tmp_path / path).stat().st_mode & 0o777 for path in given} == {0o666 & ~mask}


def test_a_file_that_cannot_be_made_is_an_os_error(tmp_path: Path) -> None:
    (tmp_path / "taken.html").mkdir()
    with pytest.raises(OSError, match="Is a directory.*taken.html"):
        with FileWriter(tmp_path) as files:
            files.write("a.html", "甲")
            files.write("taken.html", "乙")
            for n in range(2000):  # more than the pipe holds: a write finds the helper gone
                files.write(f"more/{n}.html", "丙" * 1000)
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "甲"


def test_an_exception_of_the_caller_stops_the_helper(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        with FileWriter(tmp_path) as files:
            files.write("a.html", "甲")
            raise RuntimeError("rendering failed")
    assert files._helper.returncode is not None  # waited for: the folder can be removed


def test_only_relative_one_line_paths(tmp_path: Path) -> None:
    with FileWriter(tmp_path) as files:
        for bad in ("/etc/x", "a\nb"):
            with pytest.raises(ValueError):
                files.write(bad, "x")
    assert list(tmp_path.iterdir()) == []
