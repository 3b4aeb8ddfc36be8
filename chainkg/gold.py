"""The gold set: hand-made answers that extraction is measured against.

Each gold file (``data/eval/gold/<stem>.yaml``, format in ``data/eval/README.md``) lists the
companies, products, projects and look-alike non-projects of one document, with character
spans into that document's original text. This module loads the files, finds the text each
one annotates (the seeds in the shared corpus, our own documents in ``data/eval/corpus``,
the never-tuned-on holdout in ``data/eval/holdout``, the real pages of ``$CHAINKG_PAGES``) and
checks that every annotation is consistent with that text, so a gold file that drifts from its
document is caught before it skews a score.

>>> base_of(10.5, "吉瓦")
(10500000000, 'W')
>>> capacity_problems({"value": 2, "unit": "万吨", "base_value": 2000, "base_unit": "t",
...                    "per_year": True, "text": "年产2万吨"})
['base_value 2000 != 20000 for 2 万吨']
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from chainkg.errors import ChainkgError
from chainkg.lexicon import char_class, counting_numerals, cue_tables, cues, one_of

#: unit as written -> (base unit, factor). Power in W, energy in Wh, mass in t (``gold_units`` of
#: ``data/cues.yaml``).
UNIT_BASE: dict[str, tuple[str, int]] = {u: (base, f) for u, (base, f) in cue_tables()["gold_units"].items()}

TOP_KEYS = {"file", "corpus", "companies", "products", "projects", "not_projects"}
PROJECT_KEYS = {"id", "company", "product", "capacity", "phase", "status", "mode", "place", "spans"}
PROJECT_OPTIONAL = {"product_text", "note"}
CAPACITY_KEYS = {"value", "unit", "base_value", "base_unit", "per_year", "text"}
CAPACITY_OPTIONAL = {"value_max", "base_value_max", "paired"}
MODES = {"reported", "planned"}
#: the ``corpus:`` values of a gold file: the seeds, our own documents (tuned on), the holdout (never tuned on);
#: then the real texts of ``../shared``: corpus-dev's dev part, all of corpus-haixi, and corpus-dev's held-out
#: third (``data/eval/real_split.yaml``, scored once at the end of the extraction work); then the real web pages
#: of ``$CHAINKG_PAGES`` (``data/eval/pages.yaml``): their dev part, their first holdout (scored once, spent) and a
#: second to a twelfth holdout, each untouched until its one scoring
#: the ``split:`` values of ``data/eval/pages.yaml``: dev, then the holdouts in the order they were collected
PAGES_SPLITS = ("dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7",
                "holdout8", "holdout9", "holdout10", "holdout11", "holdout12")
#: the pages sets not yet scored: no prototype trains on them and no analysis reads them until their one scoring
#: (a holdout is declared before its pages are collected, so nothing reads them while they are gathered)
UNTOUCHED = ("pages-holdout12",)
#: the ``split:`` of a file in ``data/eval/pages.yaml`` -> the ``corpus:`` value its gold file must have
PAGES_SPLIT_CORPUS = {split: "pages" if split == "dev" else f"pages-{split}" for split in PAGES_SPLITS}
CORPORA = ("seeds", "own", "holdout", "dev", "haixi", "real-holdout", *PAGES_SPLIT_CORPUS.values())
#: the sets of ``data/eval/pages.yaml``, kept outside the repo: scored only when named (``chainkg eval --set``), so
#: the untouched holdout is never scored by accident and a checkout without the pages is no error
PAGES_CORPORA = tuple(PAGES_SPLIT_CORPUS.values())
#: what ``chainkg eval`` scores when no set is named
DEFAULT_SETS = tuple(c for c in CORPORA if c not in PAGES_CORPORA)
PHASE = re.compile("^" + char_class(counting_numerals()) + "+" + one_of(cues()["phase_marks"]) + "$")
_PHASE_EXAMPLE = "/".join(n + cues()["phase_marks"][0] for n in counting_numerals()[:2])


def refuse_untouched(sets: Collection[str], reader: str) -> None:
    """Raise when ``sets`` names an untouched holdout (:data:`UNTOUCHED`): it is scored once, by ``chainkg eval``,
    and no trainer or analysis (``reader``) may read it before that.

    >>> refuse_untouched(["pages", "seeds"], "benchmarks/miss_causes.py")
    >>> refuse_untouched(["pages-holdout12"], "benchmarks/miss_causes.py")
    Traceback (most recent call last):
    ...
    chainkg.errors.ChainkgError: benchmarks/miss_causes.py: pages-holdout12 is untouched: it is scored once, by chainkg eval, and read by nothing else before that
    """
    touched = next((s for s in sets if s in UNTOUCHED), None)
    if touched is not None:
        raise ChainkgError(f"{reader}: {touched} is untouched: it is scored once, by chainkg eval, and read by nothing "
                           "else before that")


def eval_dir() -> Path:
    """``data/eval`` of this checkout (gold files, our own corpus, the holdout, the README)."""
    import chainkg.data

    return Path(chainkg.data.__file__).resolve().parent / "eval"


def seeds_dir() -> Path:
    """The seed corpus: ``$CHAINKG_CORPUS``, else ``../shared/corpus`` beside the repo root."""
    env = os.environ.get("CHAINKG_CORPUS")
    return Path(env) if env else shared_dir() / "corpus"


def shared_dir() -> Path:
    """``../shared`` beside the repo root: the corpora we may read but never copy."""
    return eval_dir().parents[2] / "shared"


def pages_dir() -> Path:
    """The real web pages of ``data/eval/pages.yaml``: ``$CHAINKG_PAGES``, else ``../realpages`` beside the repo
    root. Third-party texts: never in the repo, so a checkout (CI) may not have them."""
    env = os.environ.get("CHAINKG_PAGES")
    return Path(env) if env else eval_dir().parents[2] / "realpages"


def corpus_dirs() -> dict[str, Path]:
    """Where the texts of each ``corpus:`` value of a gold file live (keys in :data:`CORPORA` order)."""
    return {"seeds": seeds_dir(), "own": eval_dir() / "corpus", "holdout": eval_dir() / "holdout",
            "dev": shared_dir() / "corpus-dev", "haixi": shared_dir() / "corpus-haixi",
            "real-holdout": shared_dir() / "corpus-dev", **{name: pages_dir() for name in PAGES_CORPORA}}


#: which ``corpus:`` value a gold file of each split of ``data/eval/real_split.yaml`` must have:
#: (folder under ../shared, split) -> value. corpus-haixi has no held-out part (its holdout list is empty).
SPLIT_CORPUS = {("corpus-dev", "holdout"): "real-holdout", ("corpus-dev", "dev"): "dev", ("corpus-haixi", "dev"): "haixi"}
#: the corpus values of the real texts of ../shared, each checked against the split file
REAL_CORPORA = ("dev", "haixi", "real-holdout")


def real_split(path: Path | None = None) -> dict[str, str]:
    """The real texts of ``data/eval/real_split.yaml``: file name -> the ``corpus:`` value its gold file must have.

    A file listed twice, or in a split :data:`SPLIT_CORPUS` does not know, is an error: the split decides
    which texts are held out, so it must be read without guessing."""
    path = path or eval_dir() / "real_split.yaml"
    try:
        table = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ChainkgError(f"split file {path}: cannot read it: {e}") from e
    out: dict[str, str] = {}
    for folder, splits in (table or {}).items():
        for split, files in (splits or {}).items():
            for name in files or []:
                if (folder, split) not in SPLIT_CORPUS:
                    raise ChainkgError(f"split file {path}: {folder}/{split} ({name}) has no corpus value")
                if name in out:
                    raise ChainkgError(f"split file {path}: {name} is listed twice")
                out[name] = SPLIT_CORPUS[(folder, split)]
    return out


_SHA256 = re.compile("^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Page:
    """One text of the pages manifest: the ``corpus:`` value its gold file must have and the sha256 of its bytes."""

    corpus: str
    sha256: str


class PagesMissing(ChainkgError):
    """The folder of the real pages is not on this machine (they are never in the repo): not a broken gold file."""


class PageUnavailable(ChainkgError):
    """One real page is absent from its folder or has other bytes than the manifest's sha256 (a re-collection that
    came back different, e.g. a traditional-script mirror glossed otherwise): its gold cannot be scored here."""


def pages_manifest(path: Path | None = None) -> dict[str, Page]:
    """The texts of ``data/eval/pages.yaml``: file name -> :class:`Page`.

    A file listed twice, a split not in :data:`PAGES_SPLITS` or a malformed sha256 is an error naming the manifest:
    the split decides what is held out and the hash what text the gold was made on."""
    path = path or eval_dir() / "pages.yaml"
    try:
        table = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ChainkgError(f"pages manifest {path}: cannot read it: {e}") from e
    files = table.get("files") if isinstance(table, dict) else None
    if not isinstance(files, list):
        raise ChainkgError(f"pages manifest {path}: needs a 'files:' list")
    out: dict[str, Page] = {}
    for entry in files:
        name = entry.get("file") if isinstance(entry, dict) else None
        if not name:
            raise ChainkgError(f"pages manifest {path}: an entry has no 'file': {entry!r}")
        if entry.get("split") not in PAGES_SPLIT_CORPUS:
            raise ChainkgError(f"pages manifest {path}: {name} has split {entry.get('split')!r}, not one of {', '.join(PAGES_SPLIT_CORPUS)}")
        if not _SHA256.match(str(entry.get("sha256", ""))):
            raise ChainkgError(f"pages manifest {path}: {name} has no sha256 of 64 hex digits")
        if name in out:
            raise ChainkgError(f"pages manifest {path}: {name} is listed twice")
        out[name] = Page(PAGES_SPLIT_CORPUS[entry["split"]], entry["sha256"])
    return out


def _split_of(corpus: str) -> tuple[dict[str, str], str]:
    """The table (file name -> corpus value) a gold file of ``corpus`` is checked against, and its file's name;
    ({}, '') for the sets we wrote, which no split file lists."""
    if corpus in REAL_CORPORA:
        return real_split(), "data/eval/real_split.yaml"
    if corpus in PAGES_CORPORA:
        return {name: page.corpus for name, page in pages_manifest().items()}, "data/eval/pages.yaml"
    return {}, ""


def squeeze(s: str) -> str:
    """``s`` without whitespace: layout spaces and line breaks do not count when comparing.

    >>> squeeze("中信昆仑 锂业\\n")
    '中信昆仑锂业'
    """
    return re.sub(r"\s+", "", s)


def base_of(value: float, unit: str) -> tuple[int | float, str]:
    """``value`` in ``unit`` as (value in the base unit, base unit); exact decimal arithmetic."""
    if unit not in UNIT_BASE:
        raise ValueError(f"unknown unit {unit!r}")
    base_unit, factor = UNIT_BASE[unit]
    b = Decimal(str(value)) * factor
    return (int(b) if b == b.to_integral_value() else float(b)), base_unit


def _number_text(value: float) -> str:
    """How a capacity value is written: 2 -> '2', 10.5 -> '10.5'."""
    return format(Decimal(str(value)).normalize(), "f")


def capacity_problems(cap: dict[str, Any]) -> list[str]:
    """What is inconsistent in one gold capacity (keys, unit, base values, text)."""
    if not isinstance(cap, dict):
        return [f"capacity must be a mapping or null, got {cap!r}"]
    problems = []
    missing = CAPACITY_KEYS - cap.keys()
    extra = cap.keys() - CAPACITY_KEYS - CAPACITY_OPTIONAL
    if missing or extra:
        return [f"capacity keys: missing {sorted(missing)}, unknown {sorted(extra)}"]
    unit = cap["unit"]
    if unit not in UNIT_BASE:
        return [f"unknown unit {unit!r}"]
    if cap["per_year"] not in (True, False, None):
        problems.append(f"per_year must be true, false or null, got {cap['per_year']!r}")
    pairs = [("value", "base_value", unit)]
    if "value_max" in cap or "base_value_max" in cap:
        pairs.append(("value_max", "base_value_max", unit))
    for vkey, bkey, u in pairs:
        want, want_unit = base_of(cap.get(vkey), u) if isinstance(cap.get(vkey), (int, float)) else (None, None)
        if want is None:
            problems.append(f"{vkey} must be a number, got {cap.get(vkey)!r}")
        elif cap.get(bkey) != want:
            problems.append(f"{bkey} {cap.get(bkey)} != {want} for {cap[vkey]} {u}")
    if cap["base_unit"] != UNIT_BASE[unit][0]:
        problems.append(f"base_unit {cap['base_unit']!r} != {UNIT_BASE[unit][0]!r} for {unit}")
    text = unicodedata.normalize("NFKC", squeeze(str(cap["text"])))  # full-width ２０万吨 shows 20
    written = [unit] + ([_number_text(cap["value"])] if isinstance(cap["value"], (int, float)) else [])
    if "value_max" in cap and isinstance(cap["value_max"], (int, float)):
        written.append(_number_text(cap["value_max"]))
    if "paired" in cap:
        p = cap["paired"]
        if not isinstance(p, dict) or {"value", "unit", "base_value", "base_unit"} != p.keys():
            problems.append(f"paired must have value, unit, base_value, base_unit: {p!r}")
        elif p["unit"] not in UNIT_BASE:
            problems.append(f"paired: unknown unit {p['unit']!r}")
        else:
            if (p["base_value"], p["base_unit"]) != base_of(p["value"], p["unit"]):
                problems.append(f"paired base {p['base_value']} {p['base_unit']} wrong for {p['value']} {p['unit']}")
            written += [_number_text(p["value"]), p["unit"]]
    for piece in written:
        if piece not in text:
            problems.append(f"capacity text {cap['text']!r} does not show {piece!r}")
    return problems


def _span_problem(span: Any, text: str) -> str | None:
    """Why ``span`` is not a valid [start, end] inside ``text`` (None when it is)."""
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return f"span {span!r} is not [start, end]"
    start, end = span
    if not 0 <= start < end <= len(text):
        return f"span {span} outside the text (length {len(text)})"
    return None


def _surfaces(spans: Any, text: str, label: str, problems: list[str]) -> list[tuple[list[int], str]]:
    """(span, its text without whitespace) for every valid span; invalid ones go to ``problems``."""
    out = []
    for span in spans or []:
        bad = _span_problem(span, text)
        if bad:
            problems.append(f"{label}: {bad}")
        else:
            out.append((span, squeeze(text[span[0]:span[1]])))
    return out


def gold_problems(gold: Any, text: str, split: dict[str, str] | None = None) -> list[str]:
    """Everything in one gold document that does not fit its text or the format; [] when sound.

    A gold file of a real text (``corpus:`` dev, haixi or real-holdout; pages or pages-holdout) must carry the
    corpus value that ``data/eval/real_split.yaml`` (``data/eval/pages.yaml``) gives its file (``split``: that
    table, read from the file when None)."""
    if not isinstance(gold, dict):
        return ["a gold file must be a mapping"]
    if gold.keys() != TOP_KEYS:
        return [f"top-level keys must be {sorted(TOP_KEYS)}, got {sorted(gold.keys())}"]
    problems: list[str] = []
    if gold["corpus"] not in CORPORA:
        problems.append(f"corpus must be one of {', '.join(CORPORA)}, got {gold['corpus']!r}")
    elif gold["corpus"] in (*REAL_CORPORA, *PAGES_CORPORA):
        table, where = _split_of(gold["corpus"])
        want = (split if split is not None else table).get(str(gold["file"]))
        if want != gold["corpus"]:
            problems.append(f"corpus {gold['corpus']!r} disagrees with {where} for {gold['file']}: "
                            + (f"its split gives {want!r}" if want else "the file is not listed there"))

    aliases_of: dict[str, set[str]] = {}
    for c in gold["companies"] or []:
        name = c.get("name")
        if not name or not c.get("aliases") or not c.get("spans"):
            problems.append(f"company {c!r}: name, aliases and spans are required")
            continue
        if name in aliases_of:
            problems.append(f"company {name} listed twice")
        aliases = {squeeze(a) for a in c["aliases"]}
        aliases_of[name] = aliases
        used = set()
        for span, surface in _surfaces(c["spans"], text, f"company {name}", problems):
            used.add(surface)
            if surface not in aliases:
                problems.append(f"company {name}: span {span} reads {surface!r}, not one of its aliases")
        if used and used != aliases:
            problems.append(f"company {name}: aliases {sorted(aliases - used)} have no span")

    products = gold["products"] or []
    if len(set(products)) != len(products) or not all(isinstance(p, str) and p for p in products):
        problems.append(f"products must be distinct non-empty names: {products!r}")

    ids = set()
    for p in gold["projects"] or []:
        pid = p.get("id")
        keys = set(p.keys())
        if not PROJECT_KEYS <= keys or keys - PROJECT_KEYS - PROJECT_OPTIONAL:
            problems.append(f"project {pid}: keys missing {sorted(PROJECT_KEYS - keys)}, "
                            f"unknown {sorted(keys - PROJECT_KEYS - PROJECT_OPTIONAL)}")
            continue
        if pid in ids:
            problems.append(f"project id {pid} used twice")
        ids.add(pid)
        if p["company"] is not None and p["company"] not in aliases_of:
            problems.append(f"project {pid}: company {p['company']} is not among the companies")
        if p["product"] not in products:
            problems.append(f"project {pid}: product {p['product']} is not in products")
        if p["mode"] not in MODES:
            problems.append(f"project {pid}: mode must be one of {sorted(MODES)}")
        if p["phase"] is not None and not PHASE.match(str(p["phase"])):
            problems.append(f"project {pid}: phase {p['phase']!r} is not like {_PHASE_EXAMPLE}")
        if p["capacity"] is not None:
            problems += [f"project {pid}: {x}" for x in capacity_problems(p["capacity"])]
        product_surface = squeeze(p.get("product_text") or str(p["product"]))
        names = aliases_of.get(p["company"], set())
        surfaces = []
        for span, surface in _surfaces(p["spans"], text, f"project {pid}", problems):
            surfaces.append(surface)
            if product_surface not in surface and not any(n in surface for n in names):
                problems.append(f"project {pid}: span {span} reads {surface!r}, names neither product nor company")
        if not surfaces:
            problems.append(f"project {pid}: no valid span")
            continue
        if not any(product_surface in s for s in surfaces):
            problems.append(f"project {pid}: no span shows the product {product_surface!r}")
        if isinstance(p["capacity"], dict) and not any(squeeze(str(p["capacity"].get("text"))) in s for s in surfaces):
            problems.append(f"project {pid}: no span shows the capacity {p['capacity'].get('text')!r}")

    for n in gold["not_projects"] or []:
        bad = _span_problem(n.get("text_span"), text) if isinstance(n, dict) else "not a mapping"
        if bad:
            problems.append(f"not_project {n!r}: {bad}")
        elif not n.get("reason"):
            problems.append(f"not_project {n['text_span']}: reason is required")
    return problems


def load_gold(path: Path, dirs: dict[str, Path] | None = None,
              pages: dict[str, Page] | None = None) -> tuple[dict[str, Any], str]:
    """Read one gold file and the text it annotates; raise :class:`ChainkgError` on any problem.

    A text of the pages sets must have the sha256 that ``pages`` (``data/eval/pages.yaml`` when None) records:
    offsets made on other bytes would score nonsense. When their folder is absent, :class:`PagesMissing`."""
    try:
        gold = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ChainkgError(f"gold file {path}: cannot read it: {e}") from e
    if not isinstance(gold, dict) or gold.get("corpus") not in CORPORA or not gold.get("file"):
        raise ChainkgError(f"gold file {path}: needs 'file' and 'corpus: {'|'.join(CORPORA)}' at the top")
    folder = (dirs or corpus_dirs())[gold["corpus"]]
    split = None  # the split file's table, read by gold_problems (a given manifest's for the pages)
    if gold["corpus"] in PAGES_CORPORA:
        text = _page_text(folder, str(gold["file"]), pages)
        split = None if pages is None else {name: page.corpus for name, page in pages.items()}
    else:
        source = folder / gold["file"]
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as e:
            raise ChainkgError(f"gold file {path}: its document {source} cannot be read: {e}") from e
    problems = gold_problems(gold, text, split)
    if problems:
        raise ChainkgError(f"gold file {path}: {len(problems)} problem(s), first: {problems[0]}")
    return gold, text


_COLLECT = ("collect them as the header of data/eval/pages.yaml says (the search tool, corpus pages, each file's "
            "query and url, its sha256 to check) or set $CHAINKG_PAGES to their folder")


def _page_text(folder: Path, name: str, pages: dict[str, Page] | None) -> str:
    """The text of one real page, after checking its bytes against the manifest's sha256."""
    if not folder.is_dir():
        raise PagesMissing(f"the real pages are not on this machine: {folder} does not exist; {_COLLECT}")
    manifest = "data/eval/pages.yaml" if pages is None else "the pages manifest"
    page = (pages if pages is not None else pages_manifest()).get(name)
    source = folder / name
    if page is None:
        raise ChainkgError(f"{source}: not listed in {manifest}")
    try:
        data = source.read_bytes()
    except OSError as e:
        raise PageUnavailable(f"{source}: cannot be read ({e.strerror or e}); {_COLLECT}") from e
    digest = hashlib.sha256(data).hexdigest()
    if digest != page.sha256:
        raise PageUnavailable(f"{source}: its sha256 {digest[:12]}… differs from {page.sha256[:12]}… in {manifest}: "
                           "not the text the gold was made on; re-collect it as the manifest says")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ChainkgError(f"{source}: not UTF-8 ({e})") from e


def load_golds(paths: Iterable[Path], *, skip_unavailable_pages: bool = False, dirs: dict[str, Path] | None = None,
               pages: dict[str, Page] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold of every path (:func:`load_gold`), and the pages left out, one line each.

    By default any problem stops with its error. With ``skip_unavailable_pages``, a real page that is absent or whose
    bytes differ from the manifest (:class:`PageUnavailable`) is left out and named with its reason instead, so the
    rest of its set can still be scored; a broken gold file still stops. The caller prints the lines: a set scored
    without some of its pages must say so. ``dirs`` and ``pages`` as in :func:`load_gold`."""
    golds: list[dict[str, Any]] = []
    left_out: list[str] = []
    for path in paths:
        try:
            golds.append(load_gold(path, dirs, pages)[0])
        except PageUnavailable as e:
            if not skip_unavailable_pages:
                raise
            left_out.append(f"left out {path.name}: {e}")
    return golds, left_out


def gold_paths(gold_dir: Path | None = None, corpora: Collection[str] = CORPORA) -> list[Path]:
    """Every gold file (``*.yaml`` except the alias table) of the sets ``corpora``, sorted by
    name. A file whose ``corpus:`` cannot be read is kept, so that :func:`load_gold` reports it."""
    folder = gold_dir or eval_dir() / "gold"
    return sorted(p for p in folder.glob("*.yaml") if p.name != "aliases.yaml"
                  and (set(corpora) == set(CORPORA) or _corpus_of(p) in (*corpora, None)))


def _corpus_of(path: Path) -> str | None:
    """The ``corpus:`` line of a gold file (read without parsing the rest), or None."""
    try:
        with path.open(encoding="utf-8") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith("corpus:")), None)
    except OSError:
        return None


def load_aliases(path: Path | None = None) -> dict[str, str]:
    """Cross-document company aliases for scoring: every alias (and canonical) -> canonical."""
    path = path or eval_dir() / "gold" / "aliases.yaml"
    try:
        table = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ChainkgError(f"alias table {path}: cannot read it: {e}") from e
    if not isinstance(table, dict):
        raise ChainkgError(f"alias table {path}: must map canonical name -> list of aliases")
    out: dict[str, str] = {}
    for canonical, aliases in table.items():
        if not isinstance(aliases, list):
            raise ChainkgError(f"alias table {path}: aliases of {canonical} must be a list")
        for name in [canonical, *aliases]:
            if out.get(name, canonical) != canonical:
                raise ChainkgError(f"alias table {path}: {name} belongs to both {out[name]} and {canonical}")
            out[name] = canonical
    return out
