"""The learned firm linker's features and labels (benchmarks/firm_linker.py) on a made-up document.

The sentences are invented for this test (甲乙新材料, 丙丁国投, 戊己建设 are no real firms); no corpus
sentence is used. The model itself (scikit-learn, the optional ``bench`` extra) is not needed here.
"""

from __future__ import annotations

import firm_linker as fl

TEXT = "甲乙新材料有限公司与丙丁国有资本投资有限公司合作建设年产5万吨碳酸锂项目。戊己建设公司承建该项目。"


def _mention(name: str, nth: int = 0) -> fl.Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    return fl.Mention(start, start + len(name), 0 if start < TEXT.index("。") else 1)


def _site() -> fl.Site:
    start = TEXT.index("年产")
    return fl.Site(start, TEXT.index("项目"), 0)


OPTIONS = {"甲乙新材料有限公司": [_mention("甲乙新材料有限公司")],
           "丙丁国有资本投资有限公司": [_mention("丙丁国有资本投资有限公司")],
           "戊己建设公司": [_mention("戊己建设公司")]}


def test_features_of_a_made_up_document() -> None:
    f = fl.option_features(TEXT, _site(), OPTIONS, "丙丁国有资本投资有限公司", fl.linker_cues())
    first, state, contractor, none = (f["甲乙新材料有限公司"], f["丙丁国有资本投资有限公司"], f["戊己建设公司"], f[fl.NONE])
    assert first["first_of_sentence"] == 1.0 and state["first_of_sentence"] == 0.0
    assert first["before"] == state["before"] == 1.0 and contractor["after"] == 1.0
    assert first["same_sentence"] == 1.0 and contractor["same_sentence"] == 0.0 and contractor["sentences"] == 1.0
    assert state["nearest_before"] == 1.0 and first["before_rank"] == 1.0
    assert first["joiner_between"] == 1.0 and state["joiner_between"] == 0.0  # 与 lies between the first and the figure
    assert state["build_between"] == 1.0
    assert contractor["contract_after_name"] == 1.0 and first["contract_after_name"] == 0.0
    assert state["state_name"] == 1.0 and first["state_name"] == 0.0
    assert first["legal_form"] == state["legal_form"] == contractor["legal_form"] == 1.0
    assert state["rule_choice"] == 1.0 and first["rule_choice"] == 0.0 and none["rule_choice"] == 0.0
    assert none["is_none"] == 1.0 and none["none_firm_in_sentence"] == 1.0 and first["n_options"] == 3.0
    assert first["log_chars"] > state["log_chars"]


def test_a_firm_never_mentioned_and_no_rule_firm() -> None:
    f = fl.option_features(TEXT, _site(), {**OPTIONS, "庚辛集团": []}, None, fl.linker_cues())
    assert f["庚辛集团"]["no_mention"] == 1.0 and f["庚辛集团"]["group_name"] == 1.0
    assert f[fl.NONE]["rule_choice"] == 1.0 and all(g["rule_choice"] == 0.0 for n, g in f.items() if n)


def test_labels_through_the_resolver() -> None:
    resolve = {"甲乙新材料有限公司": "甲乙新材料", "戊己建设公司": "戊己建设"}.get
    names = [*OPTIONS, fl.NONE]
    assert fl.labels_of(names, resolve, {"甲乙新材料"}) == {
        "甲乙新材料有限公司": True, "丙丁国有资本投资有限公司": False, "戊己建设公司": False, fl.NONE: False}
    assert fl.labels_of(names, resolve, {None})[fl.NONE] is True
    assert not any(fl.labels_of(names, resolve, {"壬癸"}).values())
