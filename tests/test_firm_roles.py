"""benchmarks/firm_roles.py: the role of the firm chosen and where the right firm is, on made-up groups."""

from __future__ import annotations

import firm_roles as fr
from firm_linker import NONE, Group


def _group(rule: str, rule_right: bool, **features: float) -> Group:
    base = {"contract_between": 0.0, "contract_after_name": 0.0, "state_name": 0.0, "signing_between": 0.0,
            "joiner_between": 0.0, "group_name": 0.0, "sentences": 0.0, "same_clause": 0.0, "same_sentence": 1.0,
            "before": 1.0, "in_title": 0.0, "no_mention": 0.0}
    right = {**base, "same_sentence": 0.0, "sentences": 1.0}
    options = {"Acme Build": {**base, **features}, "Beta Works": right, NONE: {}}
    return Group("pages", "f", "p", rule, rule_right, options,
                 {"Acme Build": rule_right, "Beta Works": not rule_right, NONE: False})


def test_a_contract_word_makes_the_chosen_firm_a_contractor_and_the_right_one_sits_before() -> None:
    g = _group("Acme Build", False, contract_after_name=1.0)
    assert fr.chosen_role(g, []) == "contractor"
    assert fr.right_place(g) == "previous sentence"


def test_only_wrong_builders_are_counted_per_set_and_in_all() -> None:
    groups = [_group("Acme Build", False, state_name=1.0), _group("Acme Build", True), _group(NONE, False)]
    table = fr.role_table(groups, [])
    assert table["pages"] == table["all"]
    assert sum(table["all"].values()) == 2
    assert table["all"][("state", "previous sentence")] == 1 and table["all"][("none", "previous sentence")] == 1
    text = fr.format_table(groups, table)
    assert "| pages | 3 | 2 |" in text and "| all | 3 | 2 |" in text
