"""A synthetic corpus of any size, written as text files, for the scale benchmark and tests.

Every document is a made-up work report: a title, numbered headings, and paragraphs whose
sentences name made-up companies (``金阳锂业有限公司``, built from a fixed set of
syllables and endings) building projects of a capacity of a product of the chain templates, in
a place of ``data/patterns/places.jsonl``, at a status of ``data/patterns/status.jsonl``, plus
filler sentences with no fact. The sentence shapes are our own, written for this module; no
sentence comes from a real document. About 2,000 characters a document (the real texts range
from a few hundred to a few thousand). Companies recur across documents (a pool that grows with
the corpus), so resolution has work to do as in a real corpus. Same ``seed``, same files.

>>> import tempfile
>>> folder = write_synthetic_corpus(Path(tempfile.mkdtemp()), 3, seed=1)
>>> sorted(p.name for p in folder.iterdir())
['doc-00000.txt', 'doc-00001.txt', 'doc-00002.txt']
>>> text = (folder / "doc-00000.txt").read_text(encoding="utf-8")
>>> text.splitlines()[0].endswith("工作报告(合成)"), "有限公司" in text
(True, True)
"""

from __future__ import annotations

import random
from pathlib import Path

from chainkg.lexicon import pattern_rows
from chainkg.ingest.vocab import vocabulary

_SYLLABLES = "金阳泰华源宏达盛鑫瑞恒昌隆兴嘉润丰博远通汇晶辉锦祥安"
_TRADES = ("锂业", "化工", "新材料", "新能源", "镁业", "硅业", "光伏科技", "钾肥", "矿业", "储能科技")
_LEGAL = ("有限公司", "股份有限公司", "有限责任公司", "")
_STATUSES = ("建成投产", "开工建设", "加快建设", "签约落地", "试车成功", "完成备案", "正在洽谈")
_UNITS = (("万吨", 1, 60), ("吨", 500, 9000), ("GWh", 1, 40), ("万千瓦", 5, 200))
_HEADINGS = ("重点项目建设", "产业链延链补链", "招商引资成果", "园区基础设施", "下一步工作安排")
_FILLER = (
    "全年围绕产业发展目标持续发力,各项工作稳步推进。",
    "进一步优化营商环境,落实惠企政策,服务企业发展。",
    "强化要素保障,协调解决用地、用水、用电等问题。",
    "坚持绿色低碳发展,推动资源综合利用水平不断提升。",
    "加强安全生产监管,开展隐患排查整治专项行动。",
    "完善园区配套设施,提升承载能力和服务水平。",
)
CHARS_PER_DOCUMENT = 2_000


def _company(rng: random.Random) -> str:
    brand = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
    return brand + rng.choice(_TRADES) + rng.choice(_LEGAL)


def _fact(rng: random.Random, company: str, product: str, place: str) -> str:
    unit, low, high = rng.choice(_UNITS)
    figure = f"{rng.randint(low, high)}{unit}"
    status = rng.choice(_STATUSES)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{company}年产{figure}{product}项目{status}。"
    if shape == 1:
        return f"在{place},{company}投资{rng.randint(2, 90)}亿元建设{figure}{product}生产线,目前已{status}。"
    if shape == 2:
        return f"{place}{company}{figure}{product}项目于{rng.randint(2019, 2024)}年{status}。"
    return f"{company}二期{figure}{product}项目{status},一期已稳定运行。"


def synthetic_document(rng: random.Random, index: int, companies: list[str], products: list[str],
                       places: list[str]) -> str:
    """The text of one synthetic document (about :data:`CHARS_PER_DOCUMENT` characters)."""
    place = rng.choice(places)
    lines = [f"{place}{2020 + index % 5}年产业发展工作报告(合成)", ""]
    for h, heading in enumerate(rng.sample(_HEADINGS, 4)):
        lines.append(f"{'一二三四'[h]}、{heading}")
        for _ in range(3):
            sentences = []
            for _ in range(rng.randint(4, 7)):
                if rng.random() < 0.55:
                    sentences.append(_fact(rng, rng.choice(companies), rng.choice(products), rng.choice(places)))
                else:
                    sentences.append(rng.choice(_FILLER))
            lines.append("".join(sentences))
        lines.append("")
    return "\n".join(lines) + "\n"


def write_synthetic_corpus(folder: Path, n_documents: int, seed: int = 0) -> Path:
    """Write ``n_documents`` synthetic documents into ``folder`` (created) as ``doc-NNNNN.txt``; return it."""
    rng = random.Random(seed)
    products = sorted(vocabulary(None).terms)
    places = sorted({row["pattern"] for row in pattern_rows("places.jsonl") if len(row["pattern"]) >= 3})
    companies = sorted({_company(rng) for _ in range(max(20, 3 * n_documents))})
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_documents):
        text = synthetic_document(rng, i, companies, products, places)
        (folder / f"doc-{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder
