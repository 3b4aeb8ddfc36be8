"""The pages sets of the gold (``corpus: pages`` / ``pages-holdout`` / ``pages-holdout2`` / ``pages-holdout3`` / ``pages-holdout4`` / ``pages-holdout5`` / ``pages-holdout6``): real web pages kept outside the repo.

Every test here runs on made-up tiny texts in temporary folders, never on the real pages: their texts must stay
unseen, and CI has no such folder. What is checked: the manifest reader, the sha256 check, the clear error when
the folder is absent (``chainkg eval --set pages`` included), the split check, and that no default evaluation
touches the pages.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import pytest
import yaml

from chainkg.cli import main
from chainkg.errors import ChainkgError
from chainkg.gold import (
    CORPORA,
    DEFAULT_SETS,
    PAGES_CORPORA,
    Page,
    PagesMissing,
    corpus_dirs,
    eval_dir,
    gold_paths,
    gold_problems,
    load_gold,
    load_golds,
    pages_dir,
    pages_manifest,
)

TEXT = "本报讯 青海甲乙锂材有限公司年产 3 万吨高纯氟化锂项目开工。"


def _gold(corpus: str = "pages", file: str = "p1.txt") -> dict:
    """A sound gold document on :data:`TEXT` (our own sentence)."""
    start = TEXT.index("青海")
    return {"file": file, "corpus": corpus, "products": ["氟化锂"],
            "companies": [{"name": "青海甲乙锂材", "aliases": ["青海甲乙锂材有限公司"], "spans": [[start, start + 10]]}],
            "projects": [{"id": "甲乙3万吨氟化锂", "company": "青海甲乙锂材", "product": "氟化锂",
                          "capacity": {"value": 3, "unit": "万吨", "base_value": 30000, "base_unit": "t",
                                       "per_year": True, "text": "年产 3 万吨"},
                          "phase": None, "status": "开工", "mode": "reported", "place": None,
                          "spans": [[start, TEXT.index("项目")]]}],
            "not_projects": []}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, Path, dict[str, Path]]:
    """A pages folder holding p1.txt, a gold file for it, and the folders load_gold reads from."""
    folder = tmp_path / "realpages"
    folder.mkdir()
    (folder / "p1.txt").write_bytes(TEXT.encode("utf-8"))
    gold_file = tmp_path / "p1.yaml"
    gold_file.write_text(yaml.safe_dump(_gold(), allow_unicode=True), encoding="utf-8")
    return folder, gold_file, {**corpus_dirs(), "pages": folder, "pages-holdout": folder}


def test_a_page_with_the_manifests_hash_and_split_loads(pages) -> None:  # type: ignore[no-untyped-def]
    _folder, gold_file, dirs = pages
    gold, text = load_gold(gold_file, dirs, {"p1.txt": Page("pages", _sha(TEXT))})
    assert text == TEXT and gold["projects"][0]["id"] == "甲乙3万吨氟化锂"


def test_a_page_whose_bytes_differ_from_the_manifest_is_refused_naming_file_and_manifest(pages) -> None:  # type: ignore[no-untyped-def]
    folder, gold_file, dirs = pages
    (folder / "p1.txt").write_bytes((TEXT + " ").encode("utf-8"))
    with pytest.raises(ChainkgError, match=r"p1\.txt: its sha256 .* differs .* manifest"):
        load_gold(gold_file, dirs, {"p1.txt": Page("pages", _sha(TEXT))})


def test_a_page_missing_from_its_folder_or_from_the_manifest_is_named(pages) -> None:  # type: ignore[no-untyped-def]
    folder, gold_file, dirs = pages
    with pytest.raises(ChainkgError, match=r"p1\.txt: not listed in the pages manifest"):
        load_gold(gold_file, dirs, {"other.txt": Page("pages", _sha(TEXT))})
    (folder / "p1.txt").unlink()
    with pytest.raises(ChainkgError, match=r"p1\.txt: cannot be read .*pages\.yaml"):
        load_gold(gold_file, dirs, {"p1.txt": Page("pages", _sha(TEXT))})


def test_unavailable_pages_stop_a_scoring_unless_left_out_by_name(pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, gold_file, dirs = pages
    manifest = {"p1.txt": Page("pages", _sha(TEXT)), "p2.txt": Page("pages", _sha(TEXT))}
    (folder / "p2.txt").write_bytes(TEXT.encode("utf-8"))
    second = tmp_path / "p2.yaml"
    second.write_text(yaml.safe_dump(_gold(file="p2.txt"), allow_unicode=True), encoding="utf-8")
    (folder / "p1.txt").write_bytes((TEXT + "(xiàng)").encode("utf-8"))  # re-collected with a gloss more
    with pytest.raises(ChainkgError, match=r"p1\.txt: its sha256"):
        load_golds([gold_file, second], dirs=dirs, pages=manifest)
    golds, left_out = load_golds([gold_file, second], skip_unavailable_pages=True, dirs=dirs, pages=manifest)
    assert [g["file"] for g in golds] == ["p2.txt"]
    assert len(left_out) == 1 and left_out[0].startswith("left out p1.yaml: ") and "differs" in left_out[0]
    (folder / "p1.txt").unlink()
    assert "cannot be read" in load_golds([gold_file], skip_unavailable_pages=True, dirs=dirs, pages=manifest)[1][0]
    broken = tmp_path / "p3.yaml"
    broken.write_text("file: p3.txt\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match="p3.yaml: needs 'file' and 'corpus"):
        load_golds([broken], skip_unavailable_pages=True, dirs=dirs, pages=manifest)


def test_an_absent_pages_folder_says_which_folder_and_how_to_collect(pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _folder, gold_file, dirs = pages
    gone = tmp_path / "nowhere"
    with pytest.raises(PagesMissing, match=re.escape(str(gone)) + r" does not exist.*pages\.yaml.*CHAINKG_PAGES"):
        load_gold(gold_file, {**dirs, "pages": gone}, {"p1.txt": Page("pages", _sha(TEXT))})


def test_a_pages_gold_file_must_carry_the_corpus_its_split_gives() -> None:
    split = {"p1.txt": "pages-holdout"}
    assert gold_problems(_gold("pages-holdout"), TEXT, split) == []
    problems = gold_problems(_gold("pages"), TEXT, split)
    assert any("pages.yaml" in p and "its split gives 'pages-holdout'" in p for p in problems), problems
    problems = gold_problems(_gold("pages", file="p9.txt"), TEXT, split)
    assert any("not listed" in p for p in problems), problems


def test_eval_of_the_pages_without_their_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "p1.yaml").write_text(yaml.safe_dump(_gold(), allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("CHAINKG_PAGES", str(tmp_path / "no-pages-here"))
    assert pages_dir() == tmp_path / "no-pages-here"
    assert main(["eval", "--set", "pages", "--gold", str(gold_dir), "--summary"]) == 2
    err = capsys.readouterr().err
    assert "no-pages-here does not exist" in err and "data/eval/pages.yaml" in err, err


def test_no_default_evaluation_reads_the_pages() -> None:
    """`chainkg eval` without --set and the scorers' defaults leave both pages sets out: scored only when named."""
    assert set(PAGES_CORPORA) <= set(CORPORA) and not set(PAGES_CORPORA) & set(DEFAULT_SETS)
    assert all(yaml.safe_load(p.read_text(encoding="utf-8"))["corpus"] not in PAGES_CORPORA
               for p in gold_paths(corpora=DEFAULT_SETS))


@pytest.mark.parametrize("body, expect", [
    ("files:\n  - {file: a.txt, split: dev, sha256: %s}\n  - {file: a.txt, split: holdout, sha256: %s}\n", "twice"),
    ("files:\n  - {file: a.txt, split: test, sha256: %s}\n", "not one of dev, holdout, holdout2, holdout3, holdout4, holdout5, holdout6"),
    ("files:\n  - {file: a.txt, split: dev, sha256: abc}\n", "64 hex"),
    ("pages: []\n", "'files:' list"),
])
def test_a_malformed_manifest_is_refused_naming_it(tmp_path: Path, body: str, expect: str) -> None:
    bad = tmp_path / "pages.yaml"
    bad.write_text(body.replace("%s", "ab" * 32), encoding="utf-8")
    with pytest.raises(ChainkgError, match=re.escape(str(bad)) + ".*" + re.escape(expect)):
        pages_manifest(bad)


def test_the_manifest_split_of_301_320_is_the_documented_draw() -> None:
    """The holdout of files 301-320 is random.Random(20261205).sample(sorted names, k=round(n/3)), as its header says."""
    entries = yaml.safe_load((eval_dir() / "pages.yaml").read_text(encoding="utf-8"))["files"]
    ours = sorted(e["file"] for e in entries if 301 <= int(e["file"].split("_", 1)[0]) <= 320)
    held = {e["file"] for e in entries if e["file"] in ours and e["split"] == "holdout"}
    assert ours and held == set(random.Random(20261205).sample(ours, k=round(len(ours) / 3)))



def test_every_page_of_the_manifest_has_one_gold_file_and_no_other_pages_gold_exists() -> None:
    manifest = pages_manifest()
    annotated: dict[str, str] = {}
    for path in gold_paths(corpora=PAGES_CORPORA):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert gold["file"] not in annotated, f"{gold['file']} has two gold files"
        annotated[gold["file"]] = gold["corpus"]
    assert annotated == {name: page.corpus for name, page in manifest.items()}, (
        f"missing: {sorted(manifest.keys() - annotated.keys())}, not in the manifest: "
        f"{sorted(annotated.keys() - manifest.keys())}")


def test_scoring_the_dev_pages_extracts_no_other_text_of_their_folder(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages folder holds the untouched holdout beside the dev pages: even the loose scorer (which reads a
    whole folder for the other sets) ingests only the texts of the set asked for."""
    from chainkg.ingest import evaluate as loose

    folder = tmp_path / "realpages"
    folder.mkdir()
    (folder / "p1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "p2.txt").write_text("乙丙新材料有限公司年产1万吨硼酸项目投产。", encoding="utf-8")
    monkeypatch.setattr(loose, "corpus_dirs", lambda: {"pages": folder, "pages-holdout": folder})
    [(wanted, by_file, _extraction, documents)] = list(loose.extracted_sets([_gold()], None, tmp_path / "work"))
    assert [g["file"] for g in wanted] == ["p1.txt"]
    assert set(by_file) == {"p1.txt"} and len(documents) == 1


def test_a_pages_manifest_given_to_load_gold_checks_only_pages_gold(tmp_path: Path) -> None:
    """A gold file of another real set keeps its own split file (real_split.yaml) when a manifest is passed."""
    name = "202_xining-etdz-investment-plan.txt"  # a dev text of real_split.yaml; the text here is ours
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    gold_file = tmp_path / "g.yaml"
    gold_file.write_text(yaml.safe_dump(_gold("dev", file=name), allow_unicode=True), encoding="utf-8")
    gold, text = load_gold(gold_file, {**corpus_dirs(), "dev": tmp_path}, {})
    assert gold["corpus"] == "dev" and text == TEXT
