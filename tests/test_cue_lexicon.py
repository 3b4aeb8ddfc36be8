"""One cue lexicon (issue 16, item 2): no Chinese cue word is written in the product's Python.

Every string constant with a Chinese character in the source of the product packages is found
with :mod:`ast` (docstrings and comments are documentation, not cues, and are left out). A rule's
words live in ``data/`` and are read through :mod:`chainkg.lexicon`; what may still hold Chinese
text is named below, each with its reason:

- :data:`UI_TEXT`: modules whose Chinese strings are what people read (page labels, workbook
  headers, the reasons of a coverage judgement, command help), not words a rule looks for.

Tests and their helpers (``tests/``, ``benchmarks/``) are not scanned: test sentences are theirs.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: the folders of the product's packages (pyproject's package-dir)
PACKAGES = ("chainkg", "reading", "ingest", "server", "graph", "queries", "views", "export")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

UI_TEXT: dict[str, str] = {
    "chainkg/cli.py": "the command line's help text names Chinese examples (--param chain=…)",
    "chainkg/rules.py": "what each named extraction rule means to users (为何得出, 依据规则)",
    "graph/build.py": "STATEMENT_KINDS: how pages name each kind of statement",
    "graph/candidates.py": "the kinds of 招商 candidate and the one-line reason shown for each",
    "graph/gaps.py": "the Chinese names of the coverage states and targets and their one-line reasons",
    "queries/headers.py": "Chinese column headers of the query results analysts read",
    "queries/names.py": "the Chinese names of the status steps a query parameter may use",
    "views/chain_map.py": "page labels",
    "views/facts.py": "the evidence panel's labels and the Chinese names of stages and statuses",
    "views/index_page.py": "the index's labels: the group of projects in no chain, the status choice for none",
    "views/layered.py": "page labels",
    "views/lookup.py": "page titles",
    "views/site.py": "page titles and headings",
    "views/style.py": "legend labels",
    "views/tables.py": "sheet names and column headers of the 招商 lists",
    "views/targets_page.py": "page title",
    "export/chain_svg.py": "the chain map's title and legend",
    "export/pack.py": "file names and titles of the work pack",
    "export/sheet.py": "headings of the printable sheet",
    "export/workbook.py": "the workbook's print header and yes/no cells",
}



def docstrings(tree: ast.AST) -> set[int]:
    """ids of the constants that are documentation: every bare string statement (module, class
    and function docstrings, and the attribute docstrings under an assignment)."""
    return {id(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant of ``source`` with a Chinese character, docstrings left out.

    >>> chinese_literals('\"\"\"德令哈\"\"\"\\nX = ["开工", "ok"]\\ndef f():\\n    \"\"\"投产\"\"\"\\n    return f"{X}吨"\\n')
    [(2, '开工'), (5, '吨')]
    """
    tree = ast.parse(source)
    docs = docstrings(tree)
    found = [(n.lineno, n.value) for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs and CJK.search(n.value)]
    return sorted(found)


def scanned() -> dict[str, list[tuple[int, str]]]:
    """Repo-relative path -> its Chinese literals, for every product module that has any."""
    out = {}
    for folder in PACKAGES:
        for path in sorted((REPO / folder).rglob("*.py")):
            found = chinese_literals(path.read_text(encoding="utf-8"))
            if found:
                out[path.relative_to(REPO).as_posix()] = found
    return out


@pytest.fixture(scope="module")
def literals() -> dict[str, list[tuple[int, str]]]:
    return scanned()


def test_no_cue_literal_outside_the_lexicon(literals: dict[str, list[tuple[int, str]]]) -> None:
    stray = {path: found for path, found in literals.items() if path not in UI_TEXT}
    shown = [f"{path}:{line}: {text[:60]!r}" for path, found in stray.items() for line, text in found]
    assert not shown, "Chinese cue words belong in data/ (read through chainkg.lexicon):\n" + "\n".join(shown)


def test_every_allowance_names_a_module_that_exists() -> None:
    """An allowance for a module that moved or went would silently allow its successor nothing
    and hide nothing: keep the lists true."""
    missing = [p for p in UI_TEXT if not (REPO / p).is_file()]
    assert missing == []


def test_the_scan_finds_a_cue_written_in_code(tmp_path: Path) -> None:
    """A status verb written in a rule is a literal the scan reports; the same word in a
    docstring or a comment is not."""
    source = '"""Rules.\n\n>>> rule("开工")\n"""\n# 投产\nSTARTED = ("开工", "started")\n'
    assert chinese_literals(source) == [(6, "开工")]


def test_company_shapes_are_read_by_the_one_cue_loader() -> None:
    """mentions.py's word lists come from chainkg.lexicon's reader of data/company_shape.yaml
    (longest first), and a cue file that is not there is an error naming it."""
    from chainkg.errors import ChainkgError
    from chainkg.ingest.mentions import company_lexicon
    from chainkg.lexicon import cue_tables

    lex = company_lexicon()
    written = cue_tables("company_shape.yaml")["suffixes"]
    assert set(lex.suffixes) == set(written)
    assert [len(w) for w in lex.suffixes] == sorted((len(w) for w in lex.suffixes), reverse=True)
    with pytest.raises(ChainkgError, match=r"data/no_such_shape\.yaml"):
        company_lexicon("no_such_shape.yaml")
