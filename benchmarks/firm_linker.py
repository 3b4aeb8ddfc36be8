"""A learned firm-to-project linker against the rules, leave-one-set-out on the spent pages sets (issue 16 item 6).

Question: on pages it was not trained on, does a small learned model choose a project's builder among the
firms of the document more often than the extraction rules do?

Data. Each set is extracted once (as :mod:`chainkg.strict` does: its gold texts only, the graph built the way
``chainkg build`` builds it). For every Project node of a gold page whose product and figure fit a gold row
(the firm ignored: the rows :mod:`benchmarks.firm_causes` pairs with a node), the options are:

- every Company node the document mentions (its mentions' offsets from the MENTIONED_IN edges), plus the
  rules' builder when the document has no mention of it;
- "none" (no builder).

Each option has features computed from plain data (:func:`option_features`): distances in characters and
sentences from the project's anchor (the product and figure spans of its first evidence in the document),
before/after, same sentence and clause, first firm of the sentence, the rules' choice, the words between
(cue lists of ``data/cues.yaml``: verbs of building, joiners, 由, contract and signing words, builder
labels), the name's shape (a state asset holder or investment platform, a group, a legal form, a known
firm of ``data/known_firms.yaml``), how often the document names it. Label: the option is the company of a
fitting gold row (through the scorer's alias matching, :class:`chainkg.ingest.evaluate.GoldMatcher`), or
"none" when a fitting row has no company.

Model. Logistic regression (``lr``, the declared model) or gradient-boosted trees (``gbt``, shown beside
it) of scikit-learn, scoring options one by one; the option with the highest score is the model's
builder. Leave-one-set-out: trained on the groups of the other sets, tested on the one.

Output, per held-out set: matched nodes, how many have the right firm among their options (reachable),
how many the rules get right, how many the model gets right, and the nodes the model would fix (rules
wrong, model right) and break (rules right, model wrong)::

    export CHAINKG_PAGES=/work/realpages OMP_NUM_THREADS=1
    python benchmarks/firm_linker.py --cache out/linker.json          # extract once, cache the options
    python benchmarks/firm_linker.py --cache out/linker.json --model gbt   # re-read the cache

Only the spent pages sets (``chainkg.gold.PAGES_CORPORA`` but ``UNTOUCHED``) are read; the untouched holdout
is refused. Needs scikit-learn (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import json
import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from chainkg.gold import PAGES_CORPORA, UNTOUCHED
from testkit.gold_graphs import gold_graphs

#: the spent pages sets the linker is trained and tested on: every pages set but the untouched holdout
SPENT_SETS = tuple(c for c in PAGES_CORPORA if c not in UNTOUCHED)
#: the option standing for "no builder"
NONE = ""
#: how far (characters) the words between a firm and its project are read
BETWEEN_CHARS = 60


@dataclass(frozen=True)
class Mention:
    """One place a firm is named: offsets in the document text and the sentence index."""

    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Site:
    """Where a project is read: its anchor (product and figure spans) and sentence."""

    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class LinkerCues:
    """The word lists the features look for (all from ``data/``)."""

    build: tuple[str, ...]
    joiners: tuple[str, ...]
    by: tuple[str, ...]
    contract: tuple[str, ...]
    signing: tuple[str, ...]
    labels: tuple[str, ...]
    state: tuple[str, ...]
    group: tuple[str, ...]
    legal: tuple[str, ...]
    known: frozenset[str] = frozenset()


def linker_cues() -> LinkerCues:
    """The cue lists of ``data/cues.yaml`` and ``data/company_shape.yaml`` and the known firms' names."""
    from chainkg.ingest.firm_evidence import known_firm_aliases
    from chainkg.ingest.mentions import company_lexicon
    from chainkg.lexicon import cue_tables, cues

    c = cues()
    shape = cue_tables("company_shape.yaml")
    build = tuple(dict.fromkeys((*c["name_build_verbs"], *c["relative_work_verbs"], *c["builder_verbs"])))
    return LinkerCues(build=build, joiners=c["list_joiners"], by=c["by_words"], contract=c["linker_contract_words"],
                      signing=tuple(company_lexicon().signing_verbs), labels=c["builder_labels"],
                      state=c["linker_state_words"], group=c["group_words"],
                      legal=tuple(str(s) for s in shape["legal_suffixes"]),
                      known=frozenset(known_firm_aliases()))


def _has(text: str, words: Sequence[str]) -> float:
    return 1.0 if any(w and w in text for w in words) else 0.0


def _clause_ends(text: str) -> list[int]:
    """Offsets of the clause breaks of ``text`` (the extraction's clause splitter)."""
    from chainkg.ingest.extract import _clauses

    return [e for _, e in _clauses(text)][:-1]


def option_features(text: str, site: Site, options: dict[str, list[Mention]], rule_firm: str | None,
                    cues: LinkerCues, clause_ends: Sequence[int] | None = None) -> dict[str, dict[str, float]]:
    """Features of each option (a firm's name -> its mentions; :data:`NONE` is added) for one project.

    ``clause_ends`` are the clause breaks of ``text`` (default: computed). A firm never mentioned has
    its distances at the cap (``no_mention`` 1).

    >>> cues = LinkerCues(("build",), ("and",), ("by",), ("contractor",), ("sign",), ("owner:",), ("State",),
    ...                   ("Group",), ("Ltd",))
    >>> text = "Acme Ltd and State Invest build 5 t widget. Beta Group signs."
    >>> f = option_features(text, Site(32, 42, 0), {"Acme Ltd": [Mention(0, 8, 0)],
    ...     "State Invest": [Mention(13, 25, 0)], "Beta Group": [Mention(44, 54, 1)]}, "State Invest", cues,
    ...     clause_ends=[])
    >>> f["Acme Ltd"]["first_of_sentence"], f["Acme Ltd"]["legal_form"], f["State Invest"]["state_name"]
    (1.0, 1.0, 1.0)
    >>> f["State Invest"]["rule_choice"], f["State Invest"]["build_between"], f["Beta Group"]["after"]
    (1.0, 1.0, 1.0)
    >>> f[NONE]["is_none"], f[NONE]["rule_choice"]
    (1.0, 0.0)
    """
    ends = list(clause_ends) if clause_ends is not None else _clause_ends(text)
    clause_of = lambda pos: bisect_right(ends, pos)  # noqa: E731
    in_sentence = sorted((m.start, name) for name, ms in options.items() for m in ms if m.sentence == site.sentence)
    first = in_sentence[0][1] if in_sentence else None
    nearest_before = sorted(((site.start - m.end, name) for name, ms in options.items() for m in ms
                             if m.end <= site.start), key=lambda t: t[0])
    before_rank = {}
    for _, name in nearest_before:
        before_rank.setdefault(name, len(before_rank))
    out: dict[str, dict[str, float]] = {}
    firms = [n for n in options if n != NONE]
    by_count = {n: i for i, n in enumerate(sorted(firms, key=lambda n: -len(options[n])))}
    opening = min(((m.start, n) for n in firms for m in options[n]), default=(0, None))[1]
    near = {n: min((abs(m.sentence - site.sentence) for m in options[n]), default=99) for n in firms}
    by_sentence = {n: sum(1 for o in firms if near[o] < near[n]) for n in firms}
    for name in firms:
        mentions = options[name]
        f: dict[str, float] = {"is_none": 0.0, "rule_choice": 1.0 if rule_firm == name else 0.0,
                               "n_options": float(len(firms))}
        if mentions:
            m = min(mentions, key=lambda m: (abs(m.sentence - site.sentence),
                                             min(abs(site.start - m.end), abs(m.start - site.end))))
            before = m.end <= site.start
            gap = site.start - m.end if before else max(0, m.start - site.end)
            between = text[m.end:site.start] if before else text[site.end:m.start]
            between = between[:BETWEEN_CHARS] if before is False else between[-BETWEEN_CHARS:]
            after_name = text[m.end:m.end + 8]
            f.update(no_mention=0.0, log_chars=math.log1p(gap), sentences=float(min(abs(m.sentence - site.sentence), 5)),
                     before=1.0 if before else 0.0, after=0.0 if before else 1.0,
                     same_sentence=1.0 if m.sentence == site.sentence else 0.0,
                     same_clause=1.0 if m.sentence == site.sentence and clause_of(m.start) == clause_of(site.start) else 0.0,
                     first_of_sentence=1.0 if first == name else 0.0,
                     nearest_before=1.0 if before_rank.get(name) == 0 else 0.0,
                     before_rank=float(min(before_rank.get(name, 5), 5)),
                     build_between=_has(between, cues.build), joiner_between=_has(between, cues.joiners),
                     by_between=_has(between, cues.by), contract_between=_has(between, cues.contract),
                     signing_between=_has(between, cues.signing), label_between=_has(between, cues.labels),
                     build_after_name=_has(after_name, cues.build), contract_after_name=_has(after_name, cues.contract),
                     log_mentions=math.log1p(len(mentions)))
        else:
            f.update(no_mention=1.0, log_chars=math.log1p(2000), sentences=5.0, before=0.0, after=0.0,
                     same_sentence=0.0, same_clause=0.0, first_of_sentence=0.0, nearest_before=0.0, before_rank=5.0,
                     build_between=0.0, joiner_between=0.0, by_between=0.0, contract_between=0.0,
                     signing_between=0.0, label_between=0.0, build_after_name=0.0, contract_after_name=0.0,
                     log_mentions=0.0)
        f.update(count_rank=float(min(by_count[name], 5)), first_of_document=1.0 if opening == name else 0.0,
                 in_title=1.0 if any(m.sentence == 0 for m in mentions) else 0.0,
                 sentence_rank=float(min(by_sentence[name], 5)))
        f.update(state_name=_has(name, cues.state), group_name=_has(name, cues.group),
                 legal_form=1.0 if any(name.endswith(s) for s in cues.legal) else 0.0,
                 known_firm=1.0 if name in cues.known else 0.0, name_length=float(min(len(name), 20)))
        out[name] = f
    same = [g for g in out.values() if g["same_sentence"]]
    out[NONE] = {"is_none": 1.0, "rule_choice": 1.0 if rule_firm is None else 0.0, "n_options": float(len(firms)),
                 "none_firm_in_sentence": 1.0 if same else 0.0,
                 "none_min_chars": min((g["log_chars"] for g in out.values()), default=math.log1p(2000))}
    return out


@dataclass
class Group:
    """One matched Project node: its options' features and labels, the rules' choice, its set and page."""

    corpus: str
    file: str
    project: str
    rule: str  # the rules' option (:data:`NONE` for no builder)
    rule_right: bool
    options: dict[str, dict[str, float]] = field(default_factory=dict)
    labels: dict[str, bool] = field(default_factory=dict)


def labels_of(options: Sequence[str], resolve: Any, gold_firms: set[str | None]) -> dict[str, bool]:
    """Label each option: its name resolves (``resolve(name) -> gold company or None``) to a company of
    ``gold_firms`` (the fitting rows' companies), or it is :data:`NONE` and a fitting row has none.

    >>> labels_of(["Acme", "Beta", NONE], {"Acme": "Acme Ltd"}.get, {"Acme Ltd"})
    {'Acme': True, 'Beta': False, '': False}
    >>> labels_of(["Acme", NONE], {"Acme": "Acme Ltd"}.get, {None})
    {'Acme': False, '': True}
    """
    out = {}
    for name in options:
        if name == NONE:
            out[name] = None in gold_firms
        else:
            hit = resolve(name)
            out[name] = hit is not None and hit in gold_firms
    return out


def collect(sets: Sequence[str]) -> list[Group]:
    """Extract each set's gold pages once and make one :class:`Group` per matched Project node."""

    from chainkg.gold import load_aliases
    from chainkg.graph.build import product_node_id
    from chainkg.ingest.evaluate import GoldMatcher
    from chainkg.ingest.vocab import vocabulary
    from chainkg.model import BUILDS, COMPANY, DOCUMENT, MENTIONED_IN, PRODUCES, PROJECT, node_id
    from chainkg.strict import _capacity_ok, _company_of, _mentioned
    from chainkg.templates import load_templates

    bad = [s for s in sets if s not in SPENT_SETS]
    if bad:
        raise SystemExit(f"only the spent pages sets ({', '.join(SPENT_SETS)}), not {', '.join(bad)}")
    cues = linker_cues()
    templates = load_templates()
    aliases = load_aliases()
    groups: list[Group] = []
    for gold, doc, G, extraction in gold_graphs(sets, templates, "firm-linker-"):
        projects = {p.id: p for p in extraction.projects}
        match = GoldMatcher(gold, aliases, vocabulary(templates))
        doc_node = node_id(DOCUMENT, doc.id)
        starts = [s.start for s in doc.sentences]
        sentence_of = lambda pos: max(0, bisect_right(starts, pos) - 1)  # noqa: E731
        firms: dict[str, list[Mention]] = {}
        resolved: dict[str, str | None] = {}
        for cid in _mentioned(G, doc_node, COMPANY):
            name = G.nodes[cid]["name"]
            firms[name] = sorted({Mention(d["start"], d["end"], sentence_of(d["start"]))
                                  for _, v, d in G.out_edges(cid, data=True)
                                  if v == doc_node and d.get("type") == MENTIONED_IN},
                                 key=lambda m: m.start)
            resolved[name] = _company_of(G, cid, doc_node, doc, match)
        rows = [(g.get("company"), product_node_id(templates, g["product"]), g.get("capacity"))
                for g in gold["projects"] or []]
        ends = _clause_ends(doc.text)
        for pid in _mentioned(G, doc_node, PROJECT):
            made = [v for _, v, d in G.out_edges(pid, data=True) if d.get("type") == PRODUCES]
            fitting = {gc for gc, gp, gcap in rows if gp in made and _capacity_ok(G.nodes[pid], gcap)}
            entity = projects.get(pid)
            if not fitting or entity is None:
                continue
            evidence = sorted((e for e in entity.evidence if e.doc_id == doc.id), key=lambda e: e.sentence_index)
            if not evidence:
                continue
            spans = [s for s in evidence[0].spans if s.kind in ("product", "capacity")]
            start = min((s.start for s in spans), default=evidence[0].sentence_start)
            end = max((s.end for s in spans), default=evidence[0].sentence_end)
            site = Site(start, end, sentence_of(start))
            by = [u for u, _, d in G.in_edges(pid, data=True) if d.get("type") == BUILDS]
            rule = G.nodes[by[0]]["name"] if by else None
            options = dict(firms)
            if rule is not None and rule not in options:
                options[rule] = []
                resolved[rule] = _company_of(G, by[0], doc_node, doc, match)
            feats = option_features(doc.text, site, options, rule, cues, ends)
            labels = labels_of(list(feats), resolved.get, fitting)
            groups.append(Group(gold["corpus"], gold["file"], pid, rule or NONE, labels[rule or NONE],
                                feats, labels))
    return groups


def _matrix(groups: Sequence[Group], names: Sequence[str]) -> tuple[list[list[float]], list[int]]:
    X, y = [], []
    for g in groups:
        for option, f in g.options.items():
            X.append([f.get(n, 0.0) for n in names])
            y.append(1 if g.labels[option] else 0)
    return X, y


def _model(kind: str) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if kind == "lr":
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    return HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_leaf_nodes=15, random_state=16)


@dataclass(frozen=True)
class SetResult:
    """One held-out set's counts (matched nodes, right firm among the options, rules right, model right,
    fixed, broken)."""

    corpus: str
    nodes: int
    reachable: int
    rules: int
    model: int
    fixed: int
    broken: int
    train_groups: int
    fixed_pages: int = 0
    broken_pages: int = 0


def leave_one_set_out(groups: Sequence[Group], kind: str = "lr", drop: Sequence[str] = ()) -> list[SetResult]:
    """Train on every set but one, choose the best-scored option on the one; per held-out set.
    ``drop`` names features left out (``rule_choice``: a linker that does not see the rules' choice)."""
    names = sorted({n for g in groups for f in g.options.values() for n in f} - set(drop))
    out = []
    for corpus in dict.fromkeys(g.corpus for g in groups):
        train = [g for g in groups if g.corpus != corpus]
        test = [g for g in groups if g.corpus == corpus]
        model = _model(kind).fit(*_matrix(train, names))
        rules = right = fixed = broken = reachable = 0
        fixed_on, broken_on = set(), set()
        for g in test:
            options = list(g.options)
            scores = model.predict_proba([[g.options[o].get(n, 0.0) for n in names] for o in options])[:, 1]
            chosen = options[max(range(len(options)), key=lambda i: scores[i])]
            ok = g.labels[chosen]
            rules += g.rule_right
            right += ok
            fixed += ok and not g.rule_right
            broken += g.rule_right and not ok
            if ok != g.rule_right:
                (fixed_on if ok else broken_on).add(g.file)
            reachable += any(g.labels.values())
        out.append(SetResult(corpus, len(test), reachable, rules, right, fixed, broken, len(train),
                             len(fixed_on), len(broken_on)))
    return out


def format_results(results: Sequence[SetResult], kind: str) -> str:
    """A markdown table, one row per held-out set and a total."""
    lines = [f"model: {kind}", "| held-out set | matched nodes | right firm reachable | rules right | model right "
             "| model fixes (pages) | model breaks (pages) | net |", "|---|---|---|---|---|---|---|---|"]
    total = [0] * 8
    for r in results:
        row = [r.nodes, r.reachable, r.rules, r.model, r.fixed, r.broken, r.fixed_pages, r.broken_pages]
        total = [a + b for a, b in zip(total, row)]
        lines.append(f"| {r.corpus} | " + " | ".join(map(str, row[:4])) + f" | {r.fixed} ({r.fixed_pages}) "
                     f"| {r.broken} ({r.broken_pages}) | {r.fixed - r.broken:+d} |")
    lines.append("| **all** | " + " | ".join(map(str, total[:4])) + f" | {total[4]} ({total[6]}) "
                 f"| {total[5]} ({total[7]}) | {total[4] - total[5]:+d} |")
    return "\n".join(lines)


def cached_groups(cache: Path | None, sets: Sequence[str]) -> list[Group]:
    """The groups of ``sets``: read from ``cache`` when it exists (its groups of other sets left out), else
    collected (:func:`collect`) and written there."""
    if cache is not None and cache.exists():
        groups = [Group(**g) for g in json.loads(cache.read_text(encoding="utf-8"))]
        return [g for g in groups if g.corpus in sets]
    groups = collect(sets)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps([asdict(g) for g in groups], ensure_ascii=False), encoding="utf-8")
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="a spent pages set (repeat; default all seven)")
    parser.add_argument("--cache", type=Path, help="JSON of the groups: read when it exists, else written")
    parser.add_argument("--model", choices=("lr", "gbt"), default="lr")
    parser.add_argument("--drop", action="append", default=[], help="a feature to leave out (repeat)")
    args = parser.parse_args()
    sets = args.set or list(SPENT_SETS)
    groups = cached_groups(args.cache, sets)
    kind = args.model + "".join(f" without {d}" for d in args.drop)
    print(format_results(leave_one_set_out(groups, args.model, args.drop), kind))


if __name__ == "__main__":
    main()
