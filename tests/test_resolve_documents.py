"""A bare brand is read page by page (rule ``brand_in_document``, ``ingest/resolve.py``): it never
becomes another page's firm of the same brand unless the brand is unambiguous across the corpus.
Made-up firms and sentences only."""

from __future__ import annotations

from chainkg.ingest.extract import run_extraction
from chainkg.ingest.facts import Extraction
from tests.test_extract_facts import document


def builders(*pages: tuple[str, ...]) -> dict[tuple[str, str], str | None]:
    """(document, product) -> the company of each project of ``pages`` resolved together."""
    ex: Extraction = run_extraction([document(f"p{i}", sentences) for i, sentences in enumerate(pages)])
    return {(e.doc_id, p.product): p.company for p in ex.projects for e in p.evidence}


def test_a_bare_brand_is_the_firm_its_own_page_names() -> None:
    found = builders(("汀澜能源有限公司建设50兆瓦光伏项目。", "汀澜公司还将建设年产2万吨碳酸锂项目。"),
                     ("汀澜化工有限公司年产10万吨烧碱项目投产。", "汀澜公司还将建设年产5万吨电石项目。"))
    assert found[("p0", "碳酸锂")] == "汀澜能源" and found[("p1", "电石")] == "汀澜化工", found


def test_a_bare_brand_does_not_take_another_pages_firm_when_the_brand_is_ambiguous() -> None:
    found = builders(("汀澜公司建设的2×66万千瓦热电联产项目开工建设。",),
                     ("汀澜能源有限公司建设的50兆瓦光伏项目并网发电。", "汀澜能源西藏分公司负责运营。"))
    assert found[("p0", "热电联产")] == "汀澜" and found[("p1", "光伏电站")] == "汀澜能源", found


def test_a_bare_brand_takes_the_one_firm_of_an_unambiguous_brand() -> None:
    found = builders(("汀澜公司建设的2×66万千瓦热电联产项目开工建设。",),
                     ("汀澜能源有限公司建设的50兆瓦光伏项目并网发电。",))
    assert found[("p0", "热电联产")] == "汀澜能源", found


def test_a_bare_brand_never_takes_another_pages_branch() -> None:
    found = builders(("汀澜公司建设的2×66万千瓦热电联产项目开工建设。",),
                     ("汀澜能源分公司建设的50兆瓦光伏项目并网发电。",))
    assert found[("p0", "热电联产")] == "汀澜", found


# ------------------------------------------------------------------ rules restated_headline, restated_phase

STORY = ("霁岚硅材料有限公司三期12GW单晶硅项目已竣工。", "澄岭新材料有限公司8万吨工业硅项目已竣工。")


def test_a_title_line_restating_the_storys_projects_makes_no_second_nodes() -> None:
    ex = run_extraction([document("p0", (*STORY, "原标题:某市:12GW单晶硅、8万吨工业硅、30万吨多晶硅等项目竣工"))])
    assert sorted((p.company or "", p.product, p.phase or "") for p in ex.projects) == [
        ("", "多晶硅", ""), ("澄岭新材料", "工业硅", ""), ("霁岚硅材料", "单晶硅", "三期")], ex.projects


def test_a_list_without_a_title_label_stays_its_own() -> None:
    ex = run_extraction([document("p0", (*STORY, "今年12GW单晶硅、30万吨多晶硅等项目竣工。"))])
    assert ("", "单晶硅", "") in {(p.company or "", p.product, p.phase or "") for p in ex.projects}, ex.projects
