"""The gold set is sound: every file loads, fits its document, and our own and holdout texts are our own.

The seeds are read from ``$CHAINKG_CORPUS`` or ``../shared/corpus`` beside the repo root; the real web pages
from ``$CHAINKG_PAGES`` or ``../realpages``: where that folder is absent (CI), their gold files are skipped with
the reason (tests/test_gold_pages.py checks the pages code on made-up texts).
"""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from chainkg.errors import ChainkgError
from chainkg.gold import (
    CORPORA,
    PAGES_CORPORA,
    REAL_CORPORA,
    PagesMissing,
    PageUnavailable,
    capacity_problems,
    corpus_dirs,
    eval_dir,
    gold_paths,
    gold_problems,
    load_aliases,
    load_gold,
    real_split,
    seeds_dir,
    shared_dir,
    squeeze,
)

GOLD = gold_paths()
RUN = 24  # the copy hook's window: no run this long may come from the seeds


def _load_or_skip(path):  # type: ignore[no-untyped-def]
    """load_gold, or skip the test when the file's text (a real page) is not on this machine as it was annotated."""
    try:
        return load_gold(path)
    except (PagesMissing, PageUnavailable) as e:
        pytest.skip(str(e))


def _present() -> list:
    """(gold, text) of every gold file whose text is on this machine (the real pages may be absent)."""
    out = []
    for path in GOLD:
        try:
            out.append(load_gold(path))
        except (PagesMissing, PageUnavailable):
            continue
    return out


def test_seed_corpus_is_there():
    assert seeds_dir().is_dir(), f"seed corpus {seeds_dir()} missing (set CHAINKG_CORPUS)"


def test_gold_covers_both_seeds_and_at_least_three_own_and_three_holdout_documents():
    by_corpus: dict[str, set[str]] = {c: set() for c in CORPORA}
    for path in GOLD:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == gold["file"].rsplit(".", 1)[0], f"{path.name} annotates {gold['file']}"
        by_corpus[gold["corpus"]].add(gold["file"])
    assert by_corpus["seeds"] == {"000_23d47f473b91a069.txt", "004_e909b15a1484d67a.txt"}
    for corpus, folder in (("own", eval_dir() / "corpus"), ("holdout", eval_dir() / "holdout")):
        files = {p.name for p in folder.glob("*.txt")}
        assert len(files) >= 3, f"{folder}: fewer than three documents"
        assert by_corpus[corpus] == files, f"every {corpus} document needs a gold file, and no gold without a document"
        listed = yaml.safe_load((folder / "corpus.yaml").read_text(encoding="utf-8"))
        assert {d["file"] for d in listed["documents"]} == files, f"{folder}/corpus.yaml lists other files"


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_file_fits_its_document(path):
    gold, text = _load_or_skip(path)
    assert gold_problems(gold, text) == []
    if gold["corpus"] in (*REAL_CORPORA, *PAGES_CORPORA):
        # a real text is what it is: one with no project still measures false hits on its look-alikes
        assert gold["companies"] or gold["projects"] or gold["not_projects"], "a gold document with nothing in it measures nothing"
    else:
        assert gold["companies"] and gold["projects"], "a gold document with nothing in it measures nothing"


REAL = [p for p in GOLD if yaml.safe_load(p.read_text(encoding="utf-8"))["corpus"] in REAL_CORPORA]
PAGES = gold_paths(corpora=PAGES_CORPORA)


def test_real_split_lists_each_real_text_once_and_only_texts_that_are_there():
    split = real_split()
    folders = {"dev": "corpus-dev", "real-holdout": "corpus-dev", "haixi": "corpus-haixi"}
    for name, corpus in split.items():
        assert (shared_dir() / folders[corpus] / name).is_file(), f"real_split.yaml lists {name}, not in {folders[corpus]}"
    for folder in set(folders.values()):
        listed = yaml.safe_load((shared_dir() / folder / "corpus.yaml").read_text(encoding="utf-8"))
        files = {d["file"] for d in listed["documents"]}
        assert files == {n for n, c in split.items() if folders[c] == folder}, f"real_split.yaml and {folder} disagree"


def test_every_real_text_of_the_split_has_one_gold_file_and_no_other_real_gold_exists():
    """All 40 real texts are annotated: each listed file has its gold file, with the corpus value its split gives."""
    split = real_split()
    annotated: dict[str, str] = {}
    for path in REAL:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert gold["file"] not in annotated, f"{gold['file']} has two gold files"
        annotated[gold["file"]] = gold["corpus"]
    assert annotated == split, (f"missing: {sorted(split.keys() - annotated.keys())}, "
                                f"not in the split: {sorted(annotated.keys() - split.keys())}, "
                                f"wrong corpus: {sorted(f for f in split.keys() & annotated.keys() if split[f] != annotated[f])}")


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_gold_file_matches_the_split(path):
    """Each gold file of a real text says the corpus its split gives it (holdout stays holdout)."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert real_split().get(gold["file"]) == gold["corpus"], f"{path.name}: corpus {gold['corpus']} against real_split.yaml"


@pytest.mark.parametrize("path", REAL + PAGES, ids=[p.stem for p in REAL + PAGES])
def test_real_gold_copies_no_sentence_of_its_text(path):
    """Gold of a real text holds names, figures and offsets, never its sentences (no shared run of RUN characters)."""
    gold, text = _load_or_skip(path)
    copied = _runs(path.read_text(encoding="utf-8")) & _runs(text)
    assert not copied, f"{path.name} copies from {gold['file']}: {sorted(copied)[:3]}"


OWN = [p for p in GOLD if yaml.safe_load(p.read_text(encoding="utf-8"))["corpus"] in ("own", "holdout")]


@pytest.mark.parametrize("path", OWN, ids=[p.stem for p in OWN])
def test_own_documents_are_sized_like_the_brief(path):
    gold, text = load_gold(path)
    assert 600 <= len(text) <= 1500


def _runs(text: str) -> set[str]:
    s = squeeze(text)
    return {s[i:i + RUN] for i in range(len(s) - RUN + 1)}


def test_own_and_holdout_documents_and_gold_notes_copy_no_run_from_the_seeds():
    seed_runs: set[str] = set()
    for f in ("000_23d47f473b91a069.txt", "004_e909b15a1484d67a.txt"):
        seed_runs |= _runs((seeds_dir() / f).read_text(encoding="utf-8"))
    ours = [p for d in ("corpus", "holdout") for p in (eval_dir() / d).iterdir() if p.is_file()]
    ours += list((eval_dir() / "gold").glob("*.yaml")) + [eval_dir() / "README.md"]
    for path in ours:
        copied = _runs(path.read_text(encoding="utf-8")) & seed_runs
        assert not copied, f"{path.name} copies from the seeds: {sorted(copied)[:3]}"


def test_holdout_documents_copy_no_run_from_our_own_documents():
    """The holdout must be new text: a run taken from the (tuned-on) own documents would leak them into it."""
    own_runs: set[str] = set()
    for path in (eval_dir() / "corpus").glob("*.txt"):
        own_runs |= _runs(path.read_text(encoding="utf-8"))
    for path in (eval_dir() / "holdout").glob("*.txt"):
        copied = _runs(path.read_text(encoding="utf-8")) & own_runs
        assert not copied, f"{path.name} copies from our own documents: {sorted(copied)[:3]}"


def test_copy_check_would_catch_a_copied_sentence():
    seed = (seeds_dir() / "004_e909b15a1484d67a.txt").read_text(encoding="utf-8")
    sentence = squeeze(seed)[500:540]
    assert _runs("我们写的开头," + sentence) & _runs(seed)


def _sample() -> tuple[dict, str]:
    """A small gold document on our own sentence, to show the checks can fail."""
    text = "本报讯 青海甲乙锂材有限公司年产 3 万吨高纯氟化锂项目开工。"
    start = text.index("青海")
    gold = {
        "file": "x.txt", "corpus": "own", "products": ["氟化锂"],
        "companies": [{"name": "青海甲乙锂材", "aliases": ["青海甲乙锂材有限公司"],
                       "spans": [[start, start + 10]]}],
        "projects": [{"id": "甲乙3万吨氟化锂", "company": "青海甲乙锂材", "product": "氟化锂",
                      "capacity": {"value": 3, "unit": "万吨", "base_value": 30000, "base_unit": "t",
                                   "per_year": True, "text": "年产 3 万吨"},
                      "phase": None, "status": "开工", "mode": "reported", "place": None,
                      "spans": [[start, text.index("项目")]]}],
        "not_projects": [],
    }
    return gold, text


def test_a_real_gold_file_must_carry_the_corpus_its_split_gives():
    gold, text = _sample()
    split = {"x.txt": "real-holdout"}
    assert gold_problems({**gold, "corpus": "real-holdout"}, text, split) == []
    for corpus, expect in (("dev", "its split gives 'real-holdout'"), ("haixi", "its split gives 'real-holdout'")):
        problems = gold_problems({**gold, "corpus": corpus}, text, split)
        assert any(expect in p for p in problems), problems
    problems = gold_problems({**gold, "corpus": "dev", "file": "y.txt"}, text, split)
    assert any("not listed" in p for p in problems), problems
    assert gold_problems(gold, text, split) == [], "own/seeds/holdout files are not in the split file"


def test_the_split_file_gives_each_real_text_its_corpus_value():
    split = real_split()
    assert split["201_haidong-industry-vitality.txt"] == "real-holdout"
    assert split["202_xining-etdz-investment-plan.txt"] == "dev"
    assert split["101_haixi-gov-work-report-2020.txt"] == "haixi"
    assert sum(v == "real-holdout" for v in split.values()) == 13


def test_a_split_file_listing_a_text_twice_is_refused(tmp_path):
    bad = tmp_path / "split.yaml"
    bad.write_text("corpus-dev:\n  holdout: [a.txt]\n  dev: [a.txt]\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match="twice"):
        real_split(bad)


def test_sample_gold_is_sound():
    gold, text = _sample()
    assert gold_problems(gold, text) == []


@pytest.mark.parametrize("break_it, expect", [
    (lambda g: g["companies"][0]["spans"][0].__setitem__(0, 0), "not one of its aliases"),
    (lambda g: g["companies"][0]["spans"][0].__setitem__(1, 999), "outside the text"),
    (lambda g: g["projects"][0]["capacity"].__setitem__("base_value", 3), "base_value"),
    (lambda g: g["projects"][0]["capacity"].__setitem__("unit", "万斤"), "unknown unit"),
    (lambda g: g["projects"][0].__setitem__("product", "碳酸锂"), "not in products"),
    (lambda g: g["projects"][0].__setitem__("company", "别的公司"), "not among the companies"),
    (lambda g: g["projects"][0].__setitem__("mode", "maybe"), "mode"),
    (lambda g: g["projects"][0].__setitem__("phase", "第一阶段"), "phase"),
    (lambda g: g["projects"][0]["spans"].__setitem__(0, [0, 3]), "names neither"),
    (lambda g: g["projects"][0]["capacity"].__setitem__("text", "年产3吨"), "does not show"),
    (lambda g: g.pop("not_projects"), "top-level keys"),
])
def test_checks_catch_broken_gold(break_it, expect):
    gold, text = _sample()
    broken = copy.deepcopy(gold)
    break_it(broken)
    problems = gold_problems(broken, text)
    assert any(expect in p for p in problems), problems


@pytest.mark.parametrize("value, unit, base, base_unit", [
    (2, "万吨", 20000, "t"), (6000, "吨", 6000, "t"), (10.5, "吉瓦", 10_500_000_000, "W"),
    (10, "GW", 10_000_000_000, "W"), (240, "万千瓦", 2_400_000_000, "W"), (50, "兆瓦", 50_000_000, "W"),
    (100, "MW", 100_000_000, "W"), (400, "MWh", 400_000_000, "Wh"), (30, "GWh", 30_000_000_000, "Wh"),
    (300, "台套", 300, "set"), (50, "万芯公里", 500_000, "core_km"), (1.2, "万吨", 12000, "t"),
    (8000, "t", 8000, "t"), (30, "kt", 30000, "t"),
    (30, "万锭", 300_000, "spindle"), (2, "萬噸", 20000, "t"), (500, "噸", 500, "t"), (100, "萬千瓦", 1_000_000_000, "W"),
])
def test_capacity_base_values(value, unit, base, base_unit):
    cap = {"value": value, "unit": unit, "base_value": base, "base_unit": base_unit,
           "per_year": None, "text": f"{value}{unit}"}
    assert capacity_problems(cap) == []
    assert capacity_problems({**cap, "base_value": base * 10})


def test_full_width_digits_in_a_capacity_text_show_the_value():
    cap = {"value": 20, "unit": "万吨", "base_value": 200000, "base_unit": "t", "per_year": True, "text": "年产２０万吨"}
    assert capacity_problems(cap) == []
    assert capacity_problems({**cap, "text": "年产３０万吨"})


def test_every_gold_capacity_unit_is_checked():
    units = set()
    for gold, _ in _present():
        units |= {p["capacity"]["unit"] for p in gold["projects"] if p["capacity"]}
    assert {"万吨", "吨", "万千瓦", "MW", "GWh", "台套", "万芯公里", "吉瓦", "GW", "兆瓦"} <= units


def test_alias_table_joins_names_the_gold_uses():
    aliases = load_aliases()
    names = set()
    for path in GOLD:  # names only: no text needed, so the pages' gold counts where their texts are absent too
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        for c in gold["companies"]:
            names.add(c["name"])
            names |= set(c["aliases"])
    canonicals = set(aliases.values())
    assert canonicals <= names, f"alias table names firms no gold file has: {sorted(canonicals - names)}"


def test_loading_a_gold_file_whose_document_is_missing_names_the_file(tmp_path):
    bad = tmp_path / "zz.yaml"
    bad.write_text("file: nowhere.txt\ncorpus: own\n", encoding="utf-8")
    with pytest.raises(ChainkgError, match=re.escape(str(bad))):
        load_gold(bad, corpus_dirs())
