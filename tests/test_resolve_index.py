"""Resolution through indexes gives exactly what the scans it replaced gave.

The reference functions below are the scanning versions (every project compared with every
mention, every company group with every brand), kept here as the specification; random
mentions with many collisions (few companies, products, phases and figures) must resolve to
identical entities, rules and surface names both ways.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from chainkg.ingest import resolve
from chainkg.ingest.facts import Capacity, Evidence, ProjectMention
from chainkg.ingest.mentions import BRANCH_ENDINGS
from chainkg.ingest.resolve import (
    _Group, _name_rest, _project_entity, _same_amount, _restates, _where, alias_table, company_key, company_lexicon,
    resolve_companies, resolve_projects, squeeze_name, strip_legal_form,
)
from chainkg.ingest.vocab import vocabulary

# ---------------------------------------------------------------- reference: the scans


@dataclass
class _RefGroup:
    mentions: list[ProjectMention] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)

    @property
    def capacity(self) -> Capacity | None:
        return next((m.capacity for m in self.mentions if m.capacity is not None), None)


def _ref_phased_twin(groups, company, m):
    if m.capacity is None:
        return None
    return next((g for (c, p, phase), g in groups if c == company and p == m.product and phase != m.phase
                 and None in (phase, m.phase) and g.capacity is not None and g.capacity.same_amount(m.capacity)), None)


def _ref_named_only(groups, company, m):
    if m.capacity is not None or m.phase is not None:
        return None
    same = [(k, g) for k, g in groups if k[0] == company and k[1] == m.product]
    whole = [g for k, g in same if k[2] is None]
    if len(whole) == 1:
        return whole[0]
    return same[0][1] if len(same) == 1 else None


def reference_projects(mentions: Sequence[ProjectMention], company_of, vocab):
    groups = []
    for m in mentions:
        company = company_of.get(m.company, m.company) if m.company else None
        key = (company, m.product, m.phase)
        target = _ref_named_only(groups, company, m) if company else None
        if target is None and company:
            target = _ref_phased_twin(groups, company, m)
        for gkey, group in groups:
            if target is not None:
                break
            if gkey != key:
                continue
            if _same_amount(group.capacity, m.capacity):
                if company is None and group.capacity is None and m.capacity is None:
                    continue
                target = group
                break
            other_docs = {x.evidence.doc_id for x in group.mentions}
            if company is not None and m.evidence.doc_id not in other_docs:
                first = group.mentions[0]
                group.conflicts.append(
                    f"capacity: {first.capacity.text if first.capacity else '-'} ({_where(first.evidence)}) "
                    f"vs {m.capacity.text if m.capacity else '-'} ({_where(m.evidence)})")
                target = group
                break
        if target is None:
            target = _RefGroup()
            groups.append((key, target))
        target.mentions.append(m)
    groups = _ref_restated_without_firm(groups, mentions)
    used: set[str] = set()
    return [_project_entity(c, p, ph, g, vocab, used) for (c, p, ph), g in groups]


def _ref_restated_without_firm(groups, mentions):
    """The rule as a scan of every firm's project for each project without a company."""
    order = {id(m): i for i, m in enumerate(mentions)}
    absorbed = set()
    for key, group in [(k, g) for k, g in groups if k[0] is None]:
        docs = {m.evidence.doc_id for m in group.mentions}
        firms = [g for k, g in groups if k[0] is not None and k[1:] == key[1:] and _restates(g, group, docs)]
        if not firms and key[2] is None:  # rule restated_phase
            firms = [g for k, g in groups if k[0] is not None and k[1] == key[1] and k[2] is not None
                     and _restates(g, group, docs)]
        if len(firms) != 1:
            continue
        firms[0].mentions = sorted(firms[0].mentions + group.mentions, key=lambda m: order[id(m)])
        firms[0].docs.update(docs)
        absorbed.add(id(group))
    return [(k, g) for k, g in groups if id(g) not in absorbed]


def _ref_merge_brands(groups, lex, first_seen):
    """Rule brand-prefix, and brand_in_document page by page: the brand's firms as a scan of every group."""
    per_document = {}
    for key in sorted(groups, key=len):
        group = groups.get(key)
        if group is None or group.canonical or len(key) > 4:
            continue
        firms = [k for k in groups if k != key and not k.startswith("alias:") and k.startswith(key)]
        targets = [k for k in firms if _name_rest(k[len(key):], groups[k].names, lex)]
        unambiguous = len(firms) == 1 and not groups[firms[0]].names[0].endswith(BRANCH_ENDINGS)
        resolve.merge_brand(groups, key, targets, unambiguous, first_seen, per_document)
    return per_document


def reference_companies(names, defined=()):
    lex = company_lexicon()
    aliases = alias_table()
    groups: dict[str, _Group] = {}
    first_seen: dict[str, Evidence] = {}
    for name, ev in names:
        first_seen.setdefault(name, ev)
        squeezed = squeeze_name(name)
        key = company_key(name, lex)
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
    for short, full, ev in defined:
        group = next((g for g in groups.values() if full in g.names), None)
        if group is not None and short not in group.names:
            group.rules.append(f"defined-alias: {short} = {full} ({_where(ev)})")
            group.names.append(short)
    per_document = _ref_merge_brands(groups, lex, first_seen)
    entities = []
    surface = {}
    canonical_of = {}
    for group in groups.values():
        canonical = canonical_of[id(group)] = group.canonical or max((strip_legal_form(n, lex) for n in group.names), key=len)
        for n in group.names:
            if surface.get(n) is None or n in group.own:
                surface[n] = canonical
        evidence = tuple(sorted(set(group.evidence), key=lambda e: (e.doc_id, e.sentence_index)))
        entities.append(resolve.CompanyEntity(canonical, tuple(sorted(set(group.names))), tuple(group.rules), evidence))
    in_document = {(doc, n): canonical_of[id(g)] for (doc, n), g in per_document.items()}
    return sorted(entities, key=lambda c: c.name), surface, in_document


# ---------------------------------------------------------------- random mentions


def _evidence(rng: random.Random, i: int) -> Evidence:
    return Evidence(doc_id=f"d{rng.randrange(6)}", sentence_index=i, sentence=f"句子{i}。", sentence_start=0,
                    sentence_end=4, orig_start=0, orig_end=4, spans=(), headings=(), status_text=None,
                    mode=rng.choice(("reported", "planned")))


def _capacity(value: float) -> Capacity:
    return Capacity(value=value, unit="万吨", base_value=value * 1e4, base_unit="t", per_year=True, period="year",
                    text=f"年产{value:g}万吨")


BRANDS = ("丽豪", "澹禾", "金阳", "柴源枸杞", "盐湖", "西部", "昆仑", "")
ENDINGS = ("", "锂业", "半导体", "玻璃集团", "有限公司", "股份有限公司", "生物科技", "新材料有限公司")
REGIONS = ("", "", "青海", "格尔木")


def random_names(rng: random.Random, n: int) -> list[str]:
    names = []
    while len(names) < n:
        name = rng.choice(REGIONS) + rng.choice(BRANDS) + rng.choice(ENDINGS)
        if name:
            names.append(name)
    return names


@pytest.mark.parametrize("seed", range(12))
def test_indexed_project_resolution_equals_the_scan(seed: int) -> None:
    rng = random.Random(seed)
    vocab = vocabulary(None)
    products = sorted(vocab.terms.values())[:: max(1, len(vocab.terms) // 5)][:5]
    companies = random_names(rng, 6) + [None]
    company_of = {c: rng.choice([c, companies[0]]) for c in companies if c}
    figures = [None, _capacity(1.0), _capacity(2.0), _capacity(2.0), _capacity(5.0)]
    mentions = [ProjectMention(company=rng.choice(companies), product=rng.choice(products), product_text="x",
                               capacity=rng.choice(figures), phase=rng.choice((None, None, "一期", "二期")),
                               status=rng.choice((None, "building", "operating")), status_rank=rng.randrange(5),
                               status_text=None, mode=rng.choice(("reported", "planned")),
                               place=rng.choice((None, "格尔木市")), evidence=_evidence(rng, i))
                for i in range(rng.randint(50, 300))]
    assert resolve_projects(mentions, company_of, vocab) == reference_projects(mentions, company_of, vocab)


@pytest.mark.parametrize("seed", range(12))
def test_indexed_company_resolution_equals_the_scan(seed: int) -> None:
    rng = random.Random(100 + seed)
    names = [(name, _evidence(rng, i)) for i, name in enumerate(random_names(rng, rng.randint(20, 120)))]
    written = [n for n, _ in names]
    defined = [(rng.choice(("海西丽豪", "公司", "子公司", "丽豪")), rng.choice(written + ["不在其中有限公司"]),
                _evidence(rng, 1000 + i)) for i in range(rng.randint(0, 8))]
    companies, surface = resolve_companies(names, defined)
    assert (companies, surface, surface.in_document) == reference_companies(names, defined)
