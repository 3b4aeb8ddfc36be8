"""Entity resolution: one company per real company, one project per real project.

Companies. Every name found is given a comparison key: whitespace and a bracketed place
((青海)) removed, legal forms stripped (有限公司, 股份有限公司, 集团 …), a leading province or
city stripped (青海西部镁业 -> 西部镁业). Names merge when

1. the alias table ``data/aliases.yaml`` says so (赣锋锂电 -> 赣锋锂业) — rule ``alias-table``;
2. their keys are equal — rule ``legal-form`` or ``region-prefix`` (南玻集团 / 南玻);
3. a short brand is the start of exactly one longer name whose rest is a company ending
   (丽豪 / 丽豪半导体) — rule ``brand-prefix``; not when the rest opens with a place: that
   name is the group's unit there (陕煤 / 陕煤榆林化学) — rule ``group_unit``; nor when it holds
   a group word and more: a group's subsidiary (某能源集团 / 某能源集团硅业) — rule ``group_subsidiary``;
   nor when the brand is written only as a group and the longer name never (某某集团 /
   某某能源有限公司) — rule ``group_and_unit``;
4. a document defines the short name for the full one (某某锂电材料有限公司(以下简称"海西某某"))
   — rule ``defined-alias``;
5. after the brands are read (below), every name of the group is a name of one known firm
   (``data/known_firms.yaml``: 国能 / 国家能源集团 / 国家能源投资集团有限责任公司) — rule ``known_firm``.

A brand written bare is read page by page (rule ``brand_in_document``): in a document that names
one longer firm of the brand, the brand there is that firm; in a document that names none, it is
the longer firm of another document only when the brand is unambiguous across the corpus (one
firm of the brand, and no branch), else the brand stays a firm of its own there. The surface
names then map to a firm per document (:class:`FirmNames`).

The canonical name is the alias table's, else the fullest form seen, legal form dropped.
Every merge is written into ``CompanyEntity.merge_rules`` with the rule and the evidence.

Projects. Mentions merge when company, product and phase agree and the capacities are the
same amount (or one mention states none): 南玻10万吨多晶硅 in two documents is one project
with two pieces of evidence; a mention that restates the same figure with a phase, or without
the phase another gave it, joins that project; 聚之源 6000吨 and 聚之源二期 4000吨 stay apart (phases). When two
documents give different figures for the same company, product and phase, the mentions are
one project whose ``conflicts`` lists both figures with their sources; nothing is overwritten.

>>> company_key("青海西部镁业有限公司", company_lexicon())
'西部镁业'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from functools import cache
from importlib import resources

import yaml

from chainkg.collector import collector_paused
from chainkg.lexicon import cues, one_of
from chainkg.model import PROJECT, node_id
from chainkg.ingest.facts import (Capacity, ChainEntity, CompanyEntity, Evidence, Extraction, Mentions,
                                  PlaceEntity, ProjectEntity, Statement, ProjectMention)
from chainkg.ingest.firm_evidence import known_firm_aliases
from chainkg.ingest.mentions import BRANCH_ENDINGS, CompanyLexicon, company_lexicon, strip_endings
from chainkg.ingest.heads import qualifier_of
from chainkg.status import rank
from chainkg.ingest.vocab import ProductVocabulary

_SPACE = re.compile(r"\s+")
_BRACKET = re.compile(r"[（(][^（()）]{1,8}[)）]")


@cache
def alias_table() -> dict[str, str]:
    """``data/aliases.yaml`` as alias (and canonical) -> canonical."""
    raw = yaml.safe_load(resources.files("chainkg.data").joinpath("aliases.yaml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for canonical, aliases in (raw or {}).items():
        for name in (canonical, *(aliases or ())):
            out[squeeze_name(name)] = canonical
    return out


def squeeze_name(name: str) -> str:
    """``name`` NFKC-normalized without whitespace: how names are compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def strip_legal_form(name: str, lex: CompanyLexicon) -> str:
    """``name`` without bracketed places and trailing legal forms (有限公司, (集团), 股份 …).

    Rule ``branch_whole``: a branch's name (ending in ``branch_endings``: 某某分公司) is kept whole, as a
    branch is written and named; stripping 公司 would leave the half word 某某分.

    >>> lex = company_lexicon()
    >>> strip_legal_form("汀澜能源有限公司", lex), strip_legal_form("汀澜能源格尔木分公司", lex)
    ('汀澜能源', '汀澜能源格尔木分公司')
    """
    name = _BRACKET.sub("", squeeze_name(name))
    return name if name.endswith(BRANCH_ENDINGS) else strip_endings(name, lex.legal_forms)


def company_key(name: str, lex: CompanyLexicon) -> str:
    """The key two names of one firm share: legal form and leading region stripped."""
    return lex.without_region(strip_legal_form(name, lex))


@dataclass
class _Group:
    names: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    canonical: str | None = None
    own: set[str] = field(default_factory=set)  # brand names that stay this firm's outside the documents read apart


def _where(ev: Evidence) -> str:
    if ev.row is not None:  # a ledger row
        return f"{ev.doc_id} {'sheet ' + ev.sheet + ' ' if ev.sheet else ''}row {ev.row}"
    return f"{ev.doc_id} sentence {ev.sentence_index}"


class FirmNames(dict[str, str]):
    """Surface name -> canonical firm, and where a brand is read page by page (rule
    ``brand_in_document``) the firm it is in one document: ``in_document[(doc id, name)]``.

    >>> names = FirmNames({"汀澜": "汀澜"}, in_document={("d1", "汀澜"): "汀澜能源"})
    >>> names.firm("汀澜", "d1"), names.firm("汀澜", "d2"), names.firm("澄岭", "d2")
    ('汀澜能源', '汀澜', '澄岭')
    """

    def __init__(self, *args: Any, in_document: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__(*args)
        self.in_document = dict(in_document or {})

    def firm(self, name: str, doc_id: str) -> str:
        """The canonical firm ``name`` means in document ``doc_id`` (``name`` itself when unknown)."""
        return self.in_document.get((doc_id, name)) or self.get(name, name)


def firm_in(company_of: dict[str, str], name: str, doc_id: str) -> str:
    """The canonical firm of ``name`` written in ``doc_id``: per document for a :class:`FirmNames`."""
    return company_of.firm(name, doc_id) if isinstance(company_of, FirmNames) else company_of.get(name, name)


def resolve_companies(names: Sequence[tuple[str, Evidence]], defined: Sequence[tuple[str, str, Evidence]] = (),
                      apart: Sequence[tuple[str, str]] = ()) -> tuple[list[CompanyEntity], FirmNames]:
    """Companies from (name as written, evidence) pairs; also surface name -> canonical.
    ``defined``: (short name, full name, evidence) a document's definitions (以下简称"…"):
    the short name joins the full name's company (rule ``defined-alias``). ``apart``: (subsidiary,
    parent) names a document states to be two firms (rule ``stated_subsidiary``): they never merge,
    neither by the region-prefix rule (湖南甲乙锂电 / 贵州甲乙锂电: each keeps its region) nor by
    the brand-prefix rule (甲乙新材 / 甲乙新材料(四川)).

    >>> ev = Evidence("d", 0, "", 0, 0, 0, 0, (), (), None, "reported")
    >>> names = [(n, ev) for n in ("贵州甲乙锂电有限公司", "湖南甲乙锂电股份有限公司", "甲乙新材", "甲乙新材料(四川)有限公司")]
    >>> [c.name for c in resolve_companies(names)[0]]
    ['甲乙新材料', '贵州甲乙锂电']
    >>> [c.name for c in resolve_companies(names, apart=[("贵州甲乙锂电有限公司", "湖南甲乙锂电股份有限公司"),
    ...                                                 ("甲乙新材料(四川)有限公司", "甲乙新材")])[0]]
    ['湖南甲乙锂电', '甲乙新材', '甲乙新材料', '贵州甲乙锂电']
    """
    lex = company_lexicon()
    aliases = alias_table()
    groups: dict[str, _Group] = {}
    first_seen: dict[str, Evidence] = {}
    kept_region = {n for a, b in apart if company_key(a, lex) == company_key(b, lex) for n in (a, b)}

    @cache  # for this call: a name is written in many sentences
    def key_of(name: str) -> str:  # a stated subsidiary and parent of one key keep their regions apart
        return strip_legal_form(name, lex) if name in kept_region else company_key(name, lex)

    for name, ev in names:
        first_seen.setdefault(name, ev)
        squeezed = squeeze_name(name)
        key = key_of(name)
        canonical = aliases.get(squeezed) or aliases.get(key)
        gkey = f"alias:{canonical}" if canonical else key
        group = groups.setdefault(gkey, _Group(canonical=canonical))
        if name not in group.names:
            if group.names:
                same_form = strip_legal_form(name, lex) == strip_legal_form(group.names[0], lex)
                rule = "alias-table" if canonical else "legal-form" if same_form else "region-prefix"
                group.rules.append(f"{rule}: {name} = {group.names[0]} ({_where(ev)})")
            group.names.append(name)
        group.evidence.append(ev)
    holder = _name_index(groups)
    for short, full, ev in defined:
        found = holder.get(full)
        group = groups[found[1]] if found is not None else None
        if group is not None and short not in group.names:
            group.rules.append(f"defined-alias: {short} = {full} ({_where(ev)})")
            group.names.append(short)
            if short not in holder or holder[short][0] > found[0]:
                holder[short] = found
    two = {frozenset(key_of(n) for n in pair) for pair in apart}
    per_document = _merge_brands(groups, lex, first_seen, two)
    join_known_firms(groups, per_document, lex, first_seen)
    entities: list[CompanyEntity] = []
    surface = FirmNames()
    canonical_of: dict[int, str] = {}
    for group in groups.values():
        canonical = canonical_of[id(group)] = (group.canonical
                                               or max((strip_legal_form(n, lex) for n in group.names), key=len))
        for n in group.names:
            if surface.get(n) is None or n in group.own:
                surface[n] = canonical
        evidence = tuple(sorted(set(group.evidence), key=lambda e: (e.doc_id, e.sentence_index)))
        entities.append(CompanyEntity(canonical, tuple(sorted(set(group.names))), tuple(group.rules), evidence))
    surface.in_document = {(doc, n): canonical_of[id(g)] for (doc, n), g in per_document.items()}
    return sorted(entities, key=lambda c: c.name), surface


@cache
def _known_names(lex: CompanyLexicon) -> dict[str, str]:
    """Each name of a known firm, as written and without its legal form -> the firm's canonical name."""
    out: dict[str, str] = {}
    for name, firm in known_firm_aliases().items():
        out.setdefault(squeeze_name(name), firm)
        out.setdefault(strip_legal_form(name, lex), firm)
    return out


def known_firm_of(names: Sequence[str], lex: CompanyLexicon) -> str | None:
    """The known firm (``data/known_firms.yaml``) every one of ``names`` is a name of, as written or
    without its legal form; None when one is not, or two firms are named (a local unit that took a
    group's bare brand, 某能 / 某能格尔木光伏, is not the group).

    >>> lex = company_lexicon()
    >>> known_firm_of(["国能", "国家能源投资集团有限责任公司"], lex), known_firm_of(["华能", "华能澄岭光伏"], lex)
    ('国家能源集团', None)
    """
    known = _known_names(lex)
    firms = {known.get(squeeze_name(n)) or known.get(strip_legal_form(n, lex)) for n in names}
    return firms.pop() if len(firms) == 1 and None not in firms else None


def join_known_firms(groups: dict[str, _Group], per_document: dict[tuple[str, str], _Group], lex: CompanyLexicon,
                     first_seen: dict[str, Evidence]) -> None:
    """Rule ``known_firm``: groups all of whose names are names of one known firm (:func:`known_firm_of`)
    become one company, named as any company is (the alias table's name, else the fullest form seen:
    a name the pages write, so a page's own reading of a brand is kept); run after the brands are read page by page, so a bare brand that a document's own unit took
    (rule ``brand_in_document``) stays that unit's there. ``per_document`` is updated in place."""
    first: dict[str, str] = {}
    for key in list(groups):
        group = groups[key]
        firm = known_firm_of(group.names, lex)
        if firm is None:
            continue
        into = first.setdefault(firm, key)
        if into == key:
            continue
        target = groups[into]
        target.canonical = target.canonical or group.canonical
        name = group.names[0]
        target.rules += group.rules
        target.rules.append(f"known_firm: {name} = {target.names[0]} ({_where(first_seen.get(name) or group.evidence[0])})")
        target.names += [n for n in group.names if n not in target.names]
        target.evidence += group.evidence
        target.own |= group.own
        for where, held in per_document.items():
            if held is group:
                per_document[where] = target
        del groups[key]


def _name_index(groups: dict[str, _Group]) -> dict[str, tuple[int, str]]:
    """Each name -> (position, key) of the first group (in order) that has it."""
    holder: dict[str, tuple[int, str]] = {}
    for position, (key, group) in enumerate(groups.items()):
        for name in group.names:
            holder.setdefault(name, (position, key))
    return holder


_BRAND_MAX = 4  # a brand is a key of at most this many characters
_SUBSIDIARY_REST = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?{one_of(cues()['group_words'])}.")  # (能源)集团|硅业


def _merge_brands(groups: dict[str, _Group], lex: CompanyLexicon, first_seen: dict[str, Evidence],
                  apart: set[frozenset[str]] = frozenset()) -> dict[tuple[str, str], _Group]:
    """Merge a short brand group into the one longer group whose key starts with it and
    continues with a company ending (丽豪 / 丽豪半导体) or with words that end in one
    (澹禾 / 澹禾玻璃集团, 柴源枸杞 / 柴源枸杞生物科技) (rule brand-prefix); never into a name
    whose rest opens with a place, the group's unit there (rule ``group_unit``: 某煤 / 某煤榆林化学
    stay two firms, :meth:`CompanyLexicon.unit_place`), nor into a group whose key ``apart`` pairs
    with the brand's (a subsidiary and its parent, rule ``stated_subsidiary``).

    A brand is merged page by page (rule ``brand_in_document``, :func:`brand_documents`): the
    documents it is read apart in are returned, (document, name) -> the group it is there. A known
    firm's brand (rule ``known_firm``: 华能) is never unambiguous: in a document naming none of its
    units it is the known firm, not the one unit another document names.

    The longer keys are found through an index of every key by its first one to four
    characters (groups only ever go away here, so a key still in ``groups`` is a candidate)."""
    per_document: dict[tuple[str, str], _Group] = {}
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        if not k.startswith("alias:"):
            for n in range(min(len(k), _BRAND_MAX) + 1):  # from 0: an empty key is the start of every key
                by_prefix[k[:n]].append(k)
    for key in sorted(groups, key=len):
        group = groups.get(key)
        if group is None or group.canonical or len(key) > _BRAND_MAX:
            continue
        targets = [k for k in by_prefix.get(key, ()) if k != key and k in groups
                   and _name_rest(k[len(key):], groups[k].names, lex)
                   and not group_and_unit(group.names, groups[k].names) and frozenset((key, k)) not in apart]
        firms = [k for k in by_prefix.get(key, ()) if k != key and k in groups]  # every longer firm of the brand
        unambiguous = (len(firms) == 1 and not groups[firms[0]].names[0].endswith(BRANCH_ENDINGS)
                       and known_firm_of(group.names, lex) is None)  # a known firm's brand is the firm elsewhere
        merge_brand(groups, key, targets, unambiguous, first_seen, per_document)
    return per_document


def merge_brand(groups: dict[str, _Group], key: str, targets: Sequence[str], unambiguous: bool,
                first_seen: dict[str, Evidence], per_document: dict[tuple[str, str], _Group]) -> None:
    """Merge the brand group ``key`` into its longer firms ``targets`` document by document
    (:func:`brand_documents`): whole (rule ``brand-prefix``) when one firm takes it in every document it
    is written in, else only where a firm takes it (rule ``brand_in_document``, recorded in ``per_document``);
    the brand keeps its mentions elsewhere as a firm of its own."""
    group = groups[key]
    plan = brand_documents({e.doc_id for e in group.evidence},
                           {k: {e.doc_id for e in groups[k].evidence} for k in targets}, unambiguous)
    if not plan:
        return
    name = group.names[0]
    whole = len(set(plan.values())) == 1 and len(plan) == len({e.doc_id for e in group.evidence})
    for k in sorted(set(plan.values())):
        target = groups[k]
        docs = sorted(d for d, t in plan.items() if t == k)
        if whole:
            target.rules += group.rules
            target.rules.append(f"brand-prefix: {name} = {target.names[0]} ({_where(first_seen[name])})")
        else:
            target.rules.append(f"brand_in_document: {name} = {target.names[0]} (in {', '.join(docs)})")
            per_document.update({(d, n): target for d in docs for n in group.names})
        target.names += [n for n in group.names if n not in target.names]
        target.evidence += [e for e in group.evidence if e.doc_id in docs]
    group.evidence = [e for e in group.evidence if e.doc_id not in plan]
    group.own.update(group.names)
    if not group.evidence:
        del groups[key]


def brand_documents(brand_docs: set[str], target_docs: dict[str, set[str]], unambiguous: bool) -> dict[str, str]:
    """Rule ``brand_in_document``: the longer firm a bare brand is in each document it is written in.
    In a document that names one of the brand's longer firms (``target_docs``: firm key -> its
    documents), the brand is that firm; in one that names none, the corpus's one longer firm when
    the brand is ``unambiguous`` (the corpus names one firm of the brand, not a branch), else the
    brand stays a firm of its own there (the document is left out).

    >>> brand_documents({"d1", "d2"}, {"汀澜能源": {"d1"}}, unambiguous=True)
    {'d1': '汀澜能源', 'd2': '汀澜能源'}
    >>> brand_documents({"d1", "d2"}, {"汀澜能源": {"d1"}}, unambiguous=False)
    {'d1': '汀澜能源'}
    >>> brand_documents({"d1", "d2", "d3"}, {"汀澜能源": {"d1"}, "汀澜化工": {"d2"}}, unambiguous=False)
    {'d1': '汀澜能源', 'd2': '汀澜化工'}
    """
    plan: dict[str, str] = {}
    for doc in sorted(brand_docs):
        here = [k for k, docs in target_docs.items() if doc in docs]
        if len(here) == 1:
            plan[doc] = here[0]
        elif not here and unambiguous and len(target_docs) == 1:
            plan[doc] = next(iter(target_docs))
    return plan


_GROUP_WORDS = tuple(cues()["group_words"])


def group_and_unit(brand_names: Sequence[str], longer_names: Sequence[str]) -> bool:
    """Rule ``group_and_unit``: a brand written only as a group (某某集团) and a longer name of the
    brand that no name writes as a group (某某能源有限公司, 某某硅业) are a group and one of its
    firms, two companies: the brand-prefix rule does not merge them.

    >>> group_and_unit(["甲乙集团"], ["甲乙能源(宁夏)有限公司"]), group_and_unit(["甲乙"], ["甲乙能源有限公司"])
    (True, False)
    >>> group_and_unit(["甲乙集团"], ["甲乙能源集团有限公司"])
    False
    """
    def grouped(name: str) -> bool:
        return any(w in name for w in _GROUP_WORDS)

    return all(grouped(n) for n in brand_names) and not any(grouped(n) for n in longer_names)


def _name_rest(rest: str, longer_names: list[str], lex: CompanyLexicon) -> bool:
    """What follows a brand in a longer name is the rest of a firm's name: a company ending,
    or a few words before one in a name written with its ending (玻璃|集团, 生物|科技); not a
    place and more, which names the group's unit there (rule ``group_unit``).

    Rule ``group_subsidiary``: nor a group word and more (某某能源|集团硅业): that is a
    subsidiary of the group, another firm, so neither the group (某某能源集团) nor its brand
    merges into it.

    >>> lex = company_lexicon()
    >>> _name_rest("集团", ["汀澜能源集团"], lex), _name_rest("集团硅业", ["汀澜能源集团硅业有限公司"], lex)
    (True, False)
    """
    endings = (*lex.suffixes, *lex.legal_suffixes)
    if lex.unit_place(rest) is not None or _SUBSIDIARY_REST.match(rest):
        return False
    if rest in endings:
        return True
    return 0 < len(rest) <= 6 and any(n.endswith(endings) for n in longer_names)


# ---------------------------------------------------------------- projects


def _same_amount(a: Capacity | None, b: Capacity | None) -> bool:
    return a is None or b is None or a.same_amount(b)


@dataclass
class _ProjectGroup:
    mentions: list[ProjectMention] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    capacity: Capacity | None = None  # the first figure its mentions state (with a period, if one says it)
    docs: set[str] = field(default_factory=set)  # the documents its mentions come from

    def add(self, m: ProjectMention) -> None:
        """Take mention ``m`` into this project. Rule ``stated_period``: of mentions stating
        the same amount, one that says its period (年产6万吨, 日产…) gives the project's figure
        over a plain restatement (6万吨原镁项目), whichever comes first.

        >>> from chainkg.ingest.capacity import parse_capacity
        >>> g, ev = _ProjectGroup(), Evidence("d", 0, "", 0, 0, 0, 0, (), (), None, "reported")
        >>> for figure in ("6万吨", "年产6万吨"):  # 二期6万吨原镁项目…, 年产6万吨原镁项目…
        ...     g.add(ProjectMention("某镁业", "原镁", "原镁", parse_capacity(figure), "二期", None, 0, None,
        ...                          "reported", None, ev))
        >>> g.capacity.text
        '年产6万吨'
        """
        self.mentions.append(m)
        self.docs.add(m.evidence.doc_id)
        if self.capacity is None or (self.capacity.period is None and m.capacity is not None
                                     and m.capacity.period is not None and _same_amount(self.capacity, m.capacity)):
            self.capacity = m.capacity


_NAME_FIGURE_DROP = re.compile("^" + one_of(cues()["name_figure_drops"]))
ProjectKey = tuple[str | None, str, str | None]  # (canonical company, product, phase)
_Candidates = list[tuple[ProjectKey, _ProjectGroup]]  # the projects of one company and product, oldest first


def _project_name(company: str | None, product: str, phase: str | None, cap: Capacity | None) -> str:
    figure = ""
    if cap is not None:
        figure = _NAME_FIGURE_DROP.sub("", cap.text)
    return f"{company or ''}{phase or ''}{figure}{product}"


def resolve_projects(mentions: Sequence[ProjectMention], company_of: dict[str, str],
                     vocab: ProductVocabulary) -> list[ProjectEntity]:
    """Projects from mentions: same company, product and phase, and the same amount (or one
    without a figure) is one project; a different figure in another document is a conflict.

    Every rule compares a mention only with the projects of its own company and product, so the
    projects are indexed by (company, product), each list in the order the projects were
    made: a mention looks at its few candidates, not at every project of the corpus, and picks
    the same one a scan of all projects in order would."""
    groups: list[tuple[ProjectKey, _ProjectGroup]] = []
    index: dict[tuple[str | None, str], _Candidates] = defaultdict(list)
    for m in mentions:
        company = firm_in(company_of, m.company, m.evidence.doc_id) if m.company else None
        key = (company, m.product, m.phase)
        candidates = index[(company, m.product)]
        target = _named_only(candidates, m) if company else None
        if target is None and company:
            target = _phased_twin(candidates, m)
        for gkey, group in candidates:
            if target is not None:
                break
            if gkey != key:
                continue
            if _same_amount(group.capacity, m.capacity):
                if company is None and group.capacity is None and m.capacity is None:
                    continue  # two company-less mentions without figures: nothing says they are one
                target = group
                break
            if company is not None and m.evidence.doc_id not in group.docs:
                first = group.mentions[0]
                group.conflicts.append(
                    f"capacity: {first.capacity.text if first.capacity else '-'} ({_where(first.evidence)}) "
                    f"vs {m.capacity.text if m.capacity else '-'} ({_where(m.evidence)})")
                target = group
                break
        if target is None:
            target = _ProjectGroup()
            groups.append((key, target))
            candidates.append((key, target))
        target.add(m)
    groups = _restated_without_firm(groups, mentions)
    entities: list[ProjectEntity] = []
    used_ids: set[str] = set()
    for (company, product, phase), group in groups:
        entities.append(_project_entity(company, product, phase, group, vocab, used_ids))
    return entities


def _restated_without_firm(groups: list[tuple[tuple[str | None, str, str | None], "_ProjectGroup"]],
                           mentions: Sequence[ProjectMention]
                           ) -> list[tuple[tuple[str | None, str, str | None], "_ProjectGroup"]]:
    """Rule ``restated_without_firm``: a project without company whose every mention restates,
    in a document, the product, phase and figure of exactly one firm's project of that document
    (a title 某某:5GW光伏组件项目开工 before the story, 一期1GW…建成后 after it) is that project.
    Mentions keep their order, so the first still gives the status. The firms' projects are
    indexed by (product, phase), so each project without company is compared with those only.

    Rule ``restated_phase``: a project without company and without phase whose figure no firm's
    project of no phase has restates the one firm's project of that product and figure that has a
    phase (a headline 某地:10GW单晶硅等项目竣工 after 某某公司10GW单晶硅三期 in the story)."""
    seen = {id(m): i for i, m in enumerate(mentions)}
    listed = listed_items(mentions)
    by_product: dict[tuple[str, str | None], list[_ProjectGroup]] = defaultdict(list)
    phased: dict[str, list[_ProjectGroup]] = defaultdict(list)  # the firms' projects with a phase, by product
    for k, g in groups:  # the firms' projects by (product, phase), in order: a group looks at its own only
        if k[0] is not None:
            by_product[k[1:]].append(g)
            if k[2] is not None:
                phased[k[1]].append(g)
    kept = []
    for key, group in groups:
        if key[0] is None and not any(id(m) in listed for m in group.mentions):
            docs = {m.evidence.doc_id for m in group.mentions}
            twins = [g for g in by_product.get(key[1:], ()) if _restates(g, group, docs)]
            if not twins and key[2] is None:  # rule restated_phase: a headline drops the phase
                twins = [g for g in phased.get(key[1], ()) if _restates(g, group, docs)]
            if len(twins) == 1:
                twins[0].mentions[:] = sorted([*twins[0].mentions, *group.mentions], key=lambda m: seen[id(m)])
                twins[0].docs |= docs
                continue
        kept.append((key, group))
    return kept


def listed_items(mentions: Sequence[ProjectMention]) -> set[int]:
    """Rule ``listed_not_restated``: the ids of the mentions without company whose sentence states
    projects of other products too and of no firm (某基地在建年产20万吨A、40万吨B、40万吨C等项目): each is
    an item of a list of projects, the list's own, not a restatement of a firm's project of the
    same figure elsewhere in the document (rule ``restated_without_firm`` leaves them).

    >>> from chainkg.ingest.facts import Capacity, Evidence
    >>> def mention(product, company=None, sentence=0):
    ...     ev = Evidence(doc_id="d", sentence_index=sentence, sentence="", sentence_start=0, sentence_end=0,
    ...                   orig_start=0, orig_end=0, spans=(), headings=(), status_text=None, mode="reported")
    ...     cap = Capacity(value=2, unit="万吨", base_value=2e4, base_unit="t", per_year=True, period="year", text="2万吨")
    ...     return ProjectMention(company=company, product=product, product_text=product, capacity=cap, phase=None,
    ...                           status=None, status_rank=0, status_text=None, mode="reported", place=None,
    ...                           evidence=ev)
    >>> a, b, c, d = mention("多晶硅"), mention("有机硅"), mention("多晶硅", sentence=1), mention("工业硅", "甲乙", 1)
    >>> sorted(listed_items([a, b, c, d])) == sorted([id(a), id(b)])
    True
    """
    products: dict[tuple[str, int], set[str]] = defaultdict(set)
    firms: set[tuple[str, int]] = set()
    for m in mentions:
        at = (m.evidence.doc_id, m.evidence.sentence_index)
        products[at].add(m.product)
        if m.company is not None:
            firms.add(at)
    return {id(m) for m in mentions if m.company is None and not restating_title(m.evidence.sentence)
            and (at := (m.evidence.doc_id, m.evidence.sentence_index)) not in firms and len(products[at]) > 1}


_TITLE_LABEL = re.compile(r"\s*[【\[（(]?" + one_of(cues()["title_labels"]) + r"[】\]）)]?\s*[:：]")


def restating_title(sentence: str) -> bool:
    """Rule ``restated_headline``: a sentence that a title label opens (原标题:…) restates the story's
    projects, so the items of a list in it are not the list's own (rule ``listed_not_restated`` spares
    them): each joins the one firm's project it restates, as any project without company does.

    >>> restating_title("原标题:某市:10GW单晶硅、20GW硅片等项目竣工"), restating_title("某市10GW单晶硅等项目竣工")
    (True, False)
    """
    return _TITLE_LABEL.match(sentence) is not None


def _restates(firm: "_ProjectGroup", group: "_ProjectGroup", docs: set[str]) -> bool:
    """A project without company (``group``, its mentions in the documents ``docs``) restates a
    firm's project of the same product and phase: one document, which names the firm's project
    too, and every mention with the firm's figure."""
    return (len(docs) == 1 and any(x.evidence.doc_id in docs for x in firm.mentions)
            and all(m.capacity is not None and firm.capacity is not None and firm.capacity.same_amount(m.capacity)
                    for m in group.mentions))


def _phased_twin(candidates: _Candidates, m: ProjectMention) -> _ProjectGroup | None:
    """The project a mention restates with or without its phase: same company, product (the
    candidates) and figure, one of the two naming a phase (年产…及500吨X项目 / 二期建设…500吨X)."""
    if m.capacity is None:
        return None
    return next((g for (_c, _p, phase), g in candidates if phase != m.phase and None in (phase, m.phase)
                 and g.capacity is not None and g.capacity.same_amount(m.capacity)), None)


def _named_only(candidates: _Candidates, m: ProjectMention) -> _ProjectGroup | None:
    """The project a mention without figure and phase refers back to (格润硼业项目 after
    格润硼业年产…): the one project of that company and product (the candidates), or the one
    without a phase."""
    if m.capacity is not None or m.phase is not None:
        return None
    whole = [g for k, g in candidates if k[2] is None]
    if len(whole) == 1:
        return whole[0]
    return candidates[0][1] if len(candidates) == 1 else None


def _project_entity(company: str | None, product: str, phase: str | None, group: _ProjectGroup,
                    vocab: ProductVocabulary, used_ids: set[str]) -> ProjectEntity:
    ms = group.mentions
    capacity = group.capacity
    reported = [m for m in ms if m.mode == "reported" and m.status]
    stated = reported or [m for m in ms if m.status]
    # the current status is the one the latest-dated source reports; on one date, the most advanced
    best = max(stated, key=lambda m: (m.evidence.date or "", m.status_rank)) if stated else None
    place = next((m.place for m in ms if m.place), None)
    chain_segment = vocab.place_of(product)
    pid = node_id(PROJECT, company or "", product, phase or "")
    if pid in used_ids:
        pid = node_id(PROJECT, company or "", product, phase or "", capacity.text if capacity else "")
    n = 2
    base = pid
    while pid in used_ids:
        pid, n = f"{base}#{n}", n + 1
    used_ids.add(pid)
    evidence = tuple(sorted({m.evidence for m in ms}, key=lambda e: (e.doc_id, e.sentence_index)))
    in_order = sorted(ms, key=lambda m: (m.evidence.doc_id, m.evidence.sentence_index))
    return ProjectEntity(
        id=pid,
        name=_project_name(company, product, phase, capacity),
        company=company,
        product=product,
        chain=chain_segment[0] if chain_segment else None,
        segment=chain_segment[1] if chain_segment else None,
        capacity=capacity,
        phase=phase,
        status=best.status if best else None,
        status_rank=rank(best.status) if best else 0,
        status_text=best.status_text if best else None,
        mode="reported" if any(m.mode == "reported" for m in ms) else "planned",
        place=place,
        evidence=evidence,
        conflicts=tuple(group.conflicts),
        rules=tuple(dict.fromkeys(m.rule for m in in_order if m.rule)),
        product_qualifier=next((q for m in in_order if (q := qualifier_of(m.product_text, product))), None),
    )


# ---------------------------------------------------------------- everything


@collector_paused()  # no cycles to find, and each full collection walked every mention held (docs/scale.md)
def resolve(mentions: Mentions, vocab: ProductVocabulary) -> Extraction:
    """Canonical companies, projects, places and chains from the mentions of a corpus."""
    names = [(name, ev) for name, _rule, ev in mentions.companies]
    names += [(m.company, m.evidence) for m in mentions.projects if m.company]
    names += [(s.company, s.evidence[0]) for s in mentions.statements if s.company]
    companies, company_of = resolve_companies(names, mentions.aliases, mentions.subsidiaries)
    projects = resolve_projects(mentions.projects, company_of, vocab)
    places: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for name, kind, ev in mentions.places:
        places[(name, kind)].append(ev)
    chains: dict[str, list[Evidence]] = defaultdict(list)
    for name, ev in mentions.chains:
        chains[name].append(ev)
    unmapped = sorted({p.product for p in projects if p.segment is None})
    return Extraction(
        companies=tuple(companies),
        projects=tuple(projects),
        places=tuple(PlaceEntity(n, k, tuple(evs)) for (n, k), evs in sorted(places.items())),
        chains=tuple(ChainEntity(n, tuple(evs)) for n, evs in sorted(chains.items())),
        mentions=tuple(mentions.projects),
        unmapped_products=tuple(unmapped),
        production=mentions.production,
        statements=resolve_statements(mentions.statements, company_of),
    )


def resolve_statements(statements: Sequence[Statement], company_of: dict[str, str]) -> tuple[Statement, ...]:
    """One statement per (kind, standing, product, firm, place, document), its firm under the
    canonical name, with the evidence of every sentence of that document that says it. The same
    words in two documents stay two statements: their dates are compared, not merged."""
    groups: dict[tuple[Any, ...], list[Statement]] = defaultdict(list)
    for st in statements:
        company = firm_in(company_of, st.company, st.evidence[0].doc_id) if st.company else None
        groups[(st.kind, st.standing, st.product, company, st.place, st.evidence[0].doc_id)].append(
            replace(st, company=company))
    out = []
    for group in groups.values():
        evidence = tuple(sorted({e for st in group for e in st.evidence}, key=lambda e: (e.sentence_index, [(m.start, m.end, m.kind) for m in e.spans])))
        figure = next((st.capacity for st in group if st.capacity is not None), None)
        out.append(replace(group[0], capacity=figure, evidence=evidence))
    return tuple(sorted(out, key=lambda st: (st.evidence[0].doc_id, st.evidence[0].sentence_index, st.product, st.kind)))
