"""Project nodes with the wrong builder, by the role of the firm the rules chose and where the right firm is.

Reads the groups of :mod:`benchmarks.firm_linker` (one per Project node of a spent pages set whose product and
figure fit a gold row; its options are the page's Company nodes and "none", each with its features and label)
and counts, per set, the nodes whose builder is not a company of a fitting row:

- **chosen**: what the rules gave the node: ``none`` (no builder), else the chosen firm's role, the first that
  holds: ``contractor`` (a contract word between it and the project or right after its name: 中标, 承建, 施工,
  总承包 …, ``linker_contract_words``), ``state`` (a state asset holder, investment platform or public body by
  its name, ``linker_state_words``), ``developer`` (a park's or zone's developer by its name,
  ``linker_developer_words``), ``partner`` (a signing verb or a joiner between: a co-signer or co-investor),
  ``parent`` (a group whose brand the right firm's name shares), ``carried`` (named in another sentence than
  the project's), else ``in sentence``;
- **right firm**: where the nearest mention of a right option is: ``same clause``, ``same sentence``,
  ``previous sentence``, ``title`` (the page's first line), ``earlier``, ``later``; ``not a node`` when no
  Company node of the page is a fitting row's company (a firm not found, or named only as 公司/本公司), and
  ``gold: none`` when the fitting row has no company (the rules should have given none).

    export CHAINKG_PAGES=/work/realpages OMP_NUM_THREADS=1
    python benchmarks/firm_roles.py --cache out/roles.json          # extracts the spent sets once

The cache is the linker's (:func:`benchmarks.firm_linker.collect`): one written by ``firm_linker.py --cache``
serves both. Only the spent pages sets are read.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from firm_linker import NONE, SPENT_SETS, Group, cached_groups

ROLES = ("none", "contractor", "state", "developer", "partner", "parent", "carried", "in sentence")
PLACES = ("same clause", "same sentence", "previous sentence", "title", "earlier", "later", "not a node", "gold: none")


def chosen_role(group: Group, developer_words: Sequence[str]) -> str:
    """The role of the firm the rules chose for ``group`` (:data:`ROLES`), read from its option's features.

    >>> g = Group("s", "f", "p", "Acme Dev", False, {"Acme Dev": {"contract_between": 0.0, "contract_after_name": 0.0,
    ...     "state_name": 0.0, "signing_between": 0.0, "joiner_between": 0.0, "group_name": 0.0, "sentences": 1.0}},
    ...     {"Acme Dev": False})
    >>> chosen_role(g, ["Dev"]), chosen_role(g, [])
    ('developer', 'carried')
    """
    if group.rule == NONE:
        return "none"
    f = group.options[group.rule]
    if f.get("contract_between") or f.get("contract_after_name"):
        return "contractor"
    if f.get("state_name"):
        return "state"
    if any(w in group.rule for w in developer_words):
        return "developer"
    if f.get("signing_between") or f.get("joiner_between"):
        return "partner"
    right = [n for n, ok in group.labels.items() if ok and n != NONE]
    if f.get("group_name") and any(n[:2] == group.rule[:2] for n in right):
        return "parent"
    return "carried" if f.get("sentences", 0.0) > 0 else "in sentence"


def right_place(group: Group) -> str:
    """Where the right firm of ``group`` is (:data:`PLACES`), by the features of its nearest right option.

    >>> g = Group("s", "f", "p", "", False, {"A": {"no_mention": 0.0, "same_clause": 0.0, "same_sentence": 0.0,
    ...     "sentences": 1.0, "before": 1.0, "in_title": 0.0}, "": {}}, {"A": True, "": False})
    >>> right_place(g)
    'previous sentence'
    """
    if group.labels.get(NONE):
        return "gold: none"
    right = [group.options[n] for n, ok in group.labels.items() if ok and n != NONE and not group.options[n].get("no_mention")]
    if not right:
        return "not a node"
    f = min(right, key=lambda f: (-f.get("same_clause", 0.0), -f.get("same_sentence", 0.0), f.get("sentences", 5.0)))
    if f.get("same_clause"):
        return "same clause"
    if f.get("same_sentence"):
        return "same sentence"
    if f.get("sentences") == 1.0 and f.get("before"):
        return "previous sentence"
    if f.get("in_title"):
        return "title"
    return "earlier" if f.get("before") else "later"


def role_table(groups: Sequence[Group], developer_words: Sequence[str]) -> dict[str, Counter[tuple[str, str]]]:
    """Per set: (chosen role, right firm's place) -> count of the nodes whose builder is wrong; ``all`` sums."""
    out: dict[str, Counter[tuple[str, str]]] = {}
    for g in groups:
        if g.rule_right:
            continue
        key = (chosen_role(g, developer_words), right_place(g))
        out.setdefault(g.corpus, Counter())[key] += 1
        out.setdefault("all", Counter())[key] += 1
    return out


def format_table(groups: Sequence[Group], table: dict[str, Counter[tuple[str, str]]]) -> str:
    """Markdown: one row per set (matched nodes, wrong builder, by chosen role), then the all-sets role × place grid."""
    sets = [s for s in (*SPENT_SETS, "all") if s in table or any(g.corpus == s for g in groups)]
    lines = ["| set | matched nodes | wrong builder | " + " | ".join(ROLES) + " |",
             "|---|---|---|" + "---|" * len(ROLES)]
    for s in sets:
        mine = [g for g in groups if s == "all" or g.corpus == s]
        by_role = Counter(role for (role, _), n in table.get(s, Counter()).items() for _ in range(n))
        lines.append(f"| {s} | {len(mine)} | {sum(not g.rule_right for g in mine)} | "
                     + " | ".join(str(by_role[r]) for r in ROLES) + " |")
    grid = table.get("all", Counter())
    lines += ["", "| chosen \\ right firm | " + " | ".join(PLACES) + " |", "|---|" + "---|" * len(PLACES)]
    for r in ROLES:
        lines.append(f"| {r} | " + " | ".join(str(grid[(r, p)]) for p in PLACES) + " |")
    return "\n".join(lines)


def main() -> None:
    from chainkg.lexicon import cues

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="a spent pages set (repeat; default all seven)")
    parser.add_argument("--cache", type=Path, help="JSON of the linker's groups: read when it exists, else written")
    args = parser.parse_args()
    groups = cached_groups(args.cache, args.set or SPENT_SETS)
    print(format_table(groups, role_table(groups, cues()["linker_developer_words"])))


if __name__ == "__main__":
    main()
