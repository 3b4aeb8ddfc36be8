"""The output folder under bad luck: an empty corpus, two writers, kills at any point, failures
between steps, leftovers, an older layout, the umask, an unwritable --out.

The corpora are two small documents written here (our own sentences), so a build takes a few
seconds and the kill test can run twenty of them.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from chainkg import outputs
from chainkg.cli import main
from chainkg.graph.store import read_graph_json

DOC_A = "# 某园区项目简报\n\n某新材料公司在格尔木建设年产3万吨碳酸锂项目,项目已开工。\n"
DOC_B = "# 某工业园动态\n\n某光伏公司在德令哈建设年产5万吨多晶硅项目,项目已投产。\n"


def corpus(root: Path, *texts: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (root / f"doc{i}.txt").write_text(text, encoding="utf-8")
    return root


def state(out: Path) -> tuple[bytes, bytes, bytes]:
    """What a reader sees: documents.jsonl, graph.json and the site's index, through OUT's links."""
    return ((out / "documents.jsonl").read_bytes(), (out / "graph.json").read_bytes(),
            (out / "site" / "index.html").read_bytes())


def run_cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chainkg", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Corpus a (one document), corpus b (two documents)."""
    root = tmp_path_factory.mktemp("corpora")
    return {"a": corpus(root / "a", DOC_A), "b": corpus(root / "b", DOC_A, DOC_B)}


@pytest.fixture(scope="module")
def expected(two: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes, bytes]]:
    """What OUT holds after a build of each corpus."""
    result = {}
    for name, folder in two.items():
        out = tmp_path_factory.mktemp(f"ref-{name}")
        assert main(["build", "--corpus", str(folder), "--out", str(out)]) == 0
        result[name] = state(out)
    assert result["a"] != result["b"]
    return result


def test_layout_links_and_one_build_kept(two, expected, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    assert main(["build", "--corpus", str(two["b"]), "--out", str(out)]) == 0
    assert state(out) == expected["b"]
    assert [os.readlink(out / name) for name in outputs.ENTRIES] == [f"current/{n}" for n in outputs.ENTRIES]
    assert os.readlink(out / "current").startswith("builds/")
    assert len(list((out / "builds").iterdir())) == 1
    assert sorted(p.name for p in out.iterdir()) == [".lock", "builds", "current", "documents.jsonl",
                                                     "graph.json", "graph.pickle", "site"]


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_outputs_follow_the_umask(two, tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert main(["build", "--corpus", str(two["a"]), "--out", str(tmp_path / "out")]) == 0
    finally:
        os.umask(old)
    build = outputs.current_build(tmp_path / "out")
    assert build is not None
    for path in [build, *build.rglob("*")]:
        want = (0o777 if path.is_dir() else 0o666) & ~umask
        assert path.stat().st_mode & 0o777 == want, path


# ---------------------------------------------------------------------------- item 2: empty corpus


def test_an_empty_corpus_keeps_the_previous_build(two, expected, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["b"]), "--out", str(out)]) == 0
    capsys.readouterr()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", "--corpus", str(empty), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read no document" in err and "kept the build" in err
    assert state(out) == expected["b"]
    assert main(["ingest", "--corpus", str(empty), "--out", str(out)]) == 1
    assert state(out) == expected["b"]
    assert len(list((out / "builds").iterdir())) == 1


def test_a_corpus_of_bad_files_keeps_the_previous_build(two, expected, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    capsys.readouterr()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)))
    assert main(["build", "--corpus", str(bad), "--out", str(out)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and "empty.txt: empty file" in lines[1] and "binary.txt: binary" in lines[0]
    assert "all 2 file(s) failed" in lines[2]
    assert state(out) == expected["a"]


def test_an_empty_corpus_into_a_new_folder_builds_the_templates(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", "--corpus", str(empty), "--out", str(tmp_path / "out")]) == 0
    assert read_graph_json(tmp_path / "out" / "graph.json").number_of_nodes() > 0


# ---------------------------------------------------------------------------- item 5: the lock


def test_a_second_writer_refuses_naming_the_holder(two, expected, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    capsys.readouterr()
    with outputs.locked(out, "chainkg build (test holder)"):
        assert main(["build", "--corpus", str(two["b"]), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"is being written by `chainkg build (test holder)` (pid {os.getpid()}" in err
        assert main(["ingest", "--corpus", str(two["b"]), "--out", str(out)]) == 2
    assert state(out) == expected["a"]


def test_wait_lets_the_second_writer_go_after_the_first(two, expected, tmp_path: Path) -> None:
    out = tmp_path / "out"
    held = threading.Event()

    def hold() -> None:
        with outputs.locked(out, "holder"):
            held.set()
            time.sleep(1.5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    started = time.monotonic()
    assert main(["build", "--corpus", str(two["b"]), "--out", str(out), "--wait", "30"]) == 0
    assert time.monotonic() - started >= 1.0
    thread.join()
    assert state(out) == expected["b"]


def test_a_killed_holder_leaves_no_lock(two, expected, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from chainkg.outputs import locked\n"
                               f"with locked(__import__('pathlib').Path({str(out)!r}), 'sleeper'):\n"
                               "    print('held', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert "sleeper" in outputs.holder(out)
    finally:
        holder.kill()
        holder.wait()
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    assert state(out) == expected["a"]


def test_two_builds_at_once_leave_one_whole_build(two, expected, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        procs = {name: run_cli("build", "--corpus", str(two[name]), "--out", str(out)) for name in ("a", "b")}
        results = {name: (p.wait(), p.communicate()[1]) for name, p in procs.items()}
        finished = [name for name, (rc, _) in results.items() if rc == 0]
        for name, (rc, err) in results.items():
            if rc != 0:
                # the holder is named once it has written .lock.owner; in the moment between taking the lock
                # and writing it, the refusal says "another chainkg process" (chainkg.outputs.holder)
                named = "is being written by `chainkg build`" in err or "is being written by another chainkg process" in err
                assert rc == 2 and named and err.count("\n") == 1, err
        assert finished
        assert state(out) in (expected["a"], expected["b"])
        if len(finished) == 1:
            assert state(out) == expected[finished[0]]


# ---------------------------------------------------------------------------- item 5: whole builds


def test_a_failure_at_any_step_leaves_the_old_build(two, expected, tmp_path: Path, monkeypatch) -> None:
    """Fail each rename of a rebuild in turn (every file written, the site's swap, the switch):
    OUT stays the old build until the switch, is the new one after it, and the next build
    cleans up."""
    from chainkg.pipeline import build

    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    real_replace = os.replace
    calls = 0
    fail_at = 0

    def replace(src, dst, *args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == fail_at:
            raise OSError(28, "No space left on device (injected)")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    build(two["b"], out)  # count the renames of a rebuild
    renames = calls
    assert renames > 5
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    # the first renames (documents.jsonl, graph.json …), the last (the site's swap, the switch
    # of current) and a few at random between
    picks = {1, 2, 3, renames - 2, renames - 1, renames} | set(random.Random(5).sample(range(4, renames - 2),
                                                                                        min(4, renames - 6)))
    for fail_at in sorted(picks):
        calls = 0
        with pytest.raises(OSError, match="injected"):
            build(two["b"], out)
        assert state(out) == expected["a"], fail_at
    fail_at = 0
    # the site's files are made in place inside its temporary folder, by the helper process of
    # chainkg.file_writer: a file it cannot make (a folder in its way) fails the build
    from chainkg.file_writer import FileWriter
    real_write = FileWriter.write
    written = 0

    def write_until_blocked(files, path, text):
        nonlocal written
        written += 1
        if written == 7:
            (files.root / path).mkdir(parents=True)
        real_write(files, path, text)

    monkeypatch.setattr(FileWriter, "write", write_until_blocked)
    with pytest.raises(OSError, match="Is a directory"):
        build(two["b"], out)
    assert written >= 7 and state(out) == expected["a"]
    monkeypatch.setattr(FileWriter, "write", real_write)
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    assert len(list((out / "builds").iterdir())) == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock"]


def test_leftovers_of_killed_runs_are_removed_at_the_next_start(two, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    (out / "builds" / "20260101T000000-1-abcdef").mkdir()
    (out / "builds" / "20260101T000000-1-abcdef" / "graph.json").write_text("{", encoding="utf-8")
    (out / ".graph.json.x1y2z3").write_text("half", encoding="utf-8")
    (out / ".site.k2j3h4").mkdir()
    (out / ".documents.q1w2.tmp").write_text("", encoding="utf-8")
    (out / ".current.ab12cd34.tmp").symlink_to("builds/nothing")
    (out / ".lock.owner.k3j4.tmp").write_text("{", encoding="utf-8")
    (out / ".graph.pickle.m5n6").write_bytes(b"half")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".lock", "builds", "current", "documents.jsonl",
                                                     "graph.json", "graph.pickle", "notes.txt", "site"]
    assert len(list((out / "builds").iterdir())) == 1


def test_an_older_layout_is_adopted_without_losing_it(two, expected, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ref = outputs.current_build(tmp_path)  # None: just to use the API on a folder without builds
    assert ref is None
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    old = tmp_path / "old"
    old.mkdir()
    build = outputs.current_build(out)
    for name in outputs.ENTRIES:  # what an older chainkg left: plain files and folder
        os.replace(build / name, old / name)
    for name in outputs.ENTRIES:
        (out / name).unlink()
        os.replace(old / name, out / name)
    (out / "current").unlink()
    assert state(out) == expected["a"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", "--corpus", str(empty), "--out", str(out)]) == 1  # refused: the old one is kept
    assert all((out / name).is_symlink() for name in outputs.ENTRIES)
    assert state(out) == expected["a"]
    assert main(["build", "--corpus", str(two["b"]), "--out", str(out)]) == 0
    assert state(out) == expected["b"]


KILL_RUNS = 20


def test_kill_9_at_random_points_leaves_the_old_build_or_the_new(two, expected, tmp_path: Path) -> None:
    """Twenty builds killed at random moments, each of the other corpus than OUT holds: after
    each kill OUT is wholly one build or the other, and a later build cleans up."""
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    started = time.monotonic()
    proc = run_cli("build", "--corpus", str(two["b"]), "--out", str(out))
    assert proc.wait() == 0
    span = time.monotonic() - started  # how long one build takes here
    rng = random.Random(17)
    outcomes = {"old": 0, "new": 0}
    held = "b"
    for _ in range(KILL_RUNS):
        target = "a" if held == "b" else "b"
        proc = run_cli("build", "--corpus", str(two[target]), "--out", str(out))
        time.sleep(rng.uniform(0.3, 1.1) * span)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        seen = state(out)
        assert seen in (expected["a"], expected["b"])
        now = "a" if seen == expected["a"] else "b"
        outcomes["new" if now == target else "old"] += 1
        held = now
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    assert len(list((out / "builds").iterdir())) == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock"]
    print(f"kills that left the old build: {outcomes['old']}, the new: {outcomes['new']}")


# ---------------------------------------------------------------------------- item 8: --out not writable


def test_an_unwritable_out_is_one_line_exit_2(two, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for command in ("build", "ingest"):
        assert main([command, "--corpus", str(two["a"]), "--out", str(blocker / "out")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("chainkg: error: output folder") and "Traceback" not in err
    assert main(["build", "--corpus", str(two["a"]), "--out", str(blocker)]) == 2
    assert "is a file" in capsys.readouterr().err


def test_a_view_into_an_unwritable_place_is_one_line(two, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    capsys.readouterr()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["view", "chain", "盐湖化工", "-o", str(blocker / "v.html"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "file" in err


def test_owner_file_is_json_naming_the_command(tmp_path: Path) -> None:
    with outputs.locked(tmp_path, "chainkg build"):
        owner = json.loads((tmp_path / outputs.OWNER_FILE).read_text(encoding="utf-8"))
        assert owner["pid"] == os.getpid() and owner["command"] == "chainkg build"
    assert not (tmp_path / outputs.OWNER_FILE).exists()


def test_write_site_puts_the_old_site_back_when_the_swap_fails(two, tmp_path: Path, monkeypatch) -> None:
    """The site writer on its own (outside a build): a failure between its two renames leaves
    the old site, not none."""
    from chainkg.views.site import write_site

    out = tmp_path / "out"
    assert main(["build", "--corpus", str(two["a"]), "--out", str(out)]) == 0
    G = read_graph_json(out / "graph.json")
    site = tmp_path / "site"
    write_site(G, site)
    before = (site / "index.html").read_bytes()
    real_replace = os.replace

    failed = []

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == site and not failed:  # the new site's rename into place, once
            failed.append(src)
            raise OSError(5, "Input/output error (injected)")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="injected"):
        write_site(G, site)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (site / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_a_killed_writer_of_the_lock_owner_leaves_a_temporary_name_the_cleanup_knows() -> None:
    """chainkg.atomic names a temporary file ``.<name>.<random>.tmp``: for ``.lock.owner`` that is
    ``..lock.owner.<random>.tmp``, left behind when a kill -9 lands while the owner is written."""
    from chainkg.outputs import LEFTOVER

    assert LEFTOVER.match("..lock.owner.0qfh4r3k.tmp")
    assert not LEFTOVER.match(".lock.owner") and not LEFTOVER.match(".lock")
