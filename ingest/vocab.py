"""What extraction needs from the chain templates: product words, chain names, segments.

The templates (:mod:`chainkg.templates`, ``data/chains.yaml``) hold every product name and
synonym with its segment, a heads table for products no list holds, and the chains; the general
product lexicon (:mod:`chainkg.products`, ``data/products.yaml``) the products of GB/T 4754-2017
the templates lack. :class:`ProductVocabulary` is the view extraction uses: the phrases to mark
(product names and synonyms of both -> canonical product, the templates first) and
:meth:`ProductVocabulary.place_of` to find a product's chain and segment (a lexicon product has
one only where its entry names a template segment, never by a suffix or head: 农药 is no 药 of 大健康);
:func:`clean_product` drops grade and plant words.

>>> v = vocabulary(None)
>>> v.terms[clean_product("高纯多晶硅项目")]
'多晶硅'
>>> v.place_of("氟化锂")
('盐湖化工', '锂盐深加工')
>>> v.place_of("某某服务") is None
True
>>> v.terms["奶粉"], v.place_of("奶粉"), v.general("奶粉").sector
('乳粉', ('绿色有机农畜产品', '农畜产品加工'), '食品制造业')
>>> v.place_of("农药") is None, v.place_of("锰铁"), v.place_of("铝合金锭")
(True, ('金属冶金', '铁合金'), ('新材料', '金属新材料'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from chainkg.lexicon import char_class, cue_tables, cues, one_of
from chainkg.model import normalize_key
from chainkg.products import LexiconProduct, check_segments, load_product_lexicon
from chainkg.templates import (SegmentRef, Templates, load_templates, product_index, segment_for_product,
                               segment_index)

# Words before a product that say its grade, and words after it that name the plant, not the
# product (10万吨高纯多晶硅 -> 多晶硅; 塔式光热发电站 -> 光热发电; 金属镁一体化项目 -> 金属镁).
GRADE_WORDS = cues()["grade_words"]  # data/cues.yaml
PLANT_WORDS: tuple[tuple[str, str], ...] = tuple(cue_tables()["plant_word_endings"].items())
_PLANT_ENDINGS = tuple(w for w, _ in PLANT_WORDS)
# What a treatment plant does to its input (年处理10万吨电解镁渣综合利用): the work is the
# product, so these words stay when the figure is a treatment capacity.
TREATMENT_WORDS = cues()["treatment_words"]
_PLANT_WORDS_TREATED = tuple((w, r) for w, r in PLANT_WORDS if w not in TREATMENT_WORDS)  # after a treatment figure
# a word for "product" after a product (医疗器械产品): cut once after the plant words, so what it
# follows stays whole (枸杞深加工产品 -> 枸杞深加工, not 枸杞)
_PRODUCT_WORD = re.compile(one_of(cues()["product_word_endings"]) + "$")
_SPACE = re.compile(r"\s+")
# any grade or kind written as two characters + 级 or 型 (食品级, 医药级, 饲料级; 构网型, 节能型),
# not only the listed ones
_GRADE = re.compile(r"^[\u4e00-\u9fff]{2}" + char_class(cues()["grade_kind_marks"]))
# what a product is for, written before it with 用 (锂电池用|导电浆料, 车用|柴油); not the 用 of
# a verb (应用, 利用, 采用, 通用水泥)
_USE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,8}?" + f"(?<!{char_class(cues()['use_verb_firsts'])})"
                         + one_of(cues()["use_marks"]))


# the metal content after a concentrate (铜精矿|含铜, 锌精矿|含锌量): not part of the product
_METAL_CONTENT = re.compile(rf"{one_of(cues()['metal_content_marks'])}[\u4e00-\u9fff]{{1,2}}"
                            rf"{one_of(cues()['metal_content_ends'])}?$")


# a mode of a plant before its product (水光互补|光伏, any …互补 as 牧光互补 in grade_words)
_MODE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,3}?" + one_of(cues()["mode_prefix_ends"]))


# a grade word inside the phrase after what the product is for (锂电池|高端|负极材料): the product follows it
_INNER_GRADE = re.compile(r"^[\u4e00-\u9fff]{0,6}?" + one_of(cues()["grade_use_heads"]) + "(?:" + "|".join(
    w for w in GRADE_WORDS if w.startswith(cues()["inner_grade_starts"])) + ")")


# a word of emphasis before the rest of the phrase (…电池|关键|正极材料): dropped wherever it stands
_EMPHASIS = re.compile(one_of(cues()["emphasis_words"]) + r"(?=[\u4e00-\u9fffA-Za-z]{2})")


def is_grade(word: str) -> bool:
    """``word`` says a product's grade or kind (高纯, 电池级, 食品级, 构网型), no name of a firm.

    >>> is_grade("高纯"), is_grade("医药级"), is_grade("甲乙")
    (True, True, False)
    """
    return word in GRADE_WORDS or _GRADE.fullmatch(word) is not None


@dataclass(frozen=True, eq=False)
class ProductVocabulary:
    """Product and chain phrases of one set of templates.

    ``terms``: every product name and synonym of the templates and of the lexicon -> canonical
    product (a name both hold is the templates'); ``chain_terms``: chain names -> chain;
    ``lexicon``: the lexicon's names and synonyms the templates lack (normalized keys) -> product.
    """

    templates: Templates
    terms: dict[str, str]
    chain_terms: dict[str, str]
    lexicon: dict[str, LexiconProduct]

    def general(self, product: str) -> LexiconProduct | None:
        """The lexicon product a product name ends in (longest first), or None."""
        key = normalize_key(product)
        return next((p for start in range(len(key)) if (p := self.lexicon.get(key[start:])) is not None), None)

    def segment_ref(self, product: str) -> SegmentRef | None:
        """The segment of a product name: the templates' (:func:`chainkg.templates.segment_for_product`)
        unless the lexicon product the name ends in is at least as long as what the templates matched;
        then the segment that lexicon entry names (rule ``lexicon``), or None (农药: 药 is a head, 农药 a
        product of GB/T 4754 2631 in no chain; 铝合金锭 is no 金锭)."""
        ref = segment_for_product(self.templates, product)
        if ref is not None and ref.rule in ("name", "synonym"):
            return ref
        known = self.general(product)
        if known is None:
            return ref
        key = normalize_key(product)
        ending = max(len(t) for t in (known.name, *known.synonyms) if key.endswith(normalize_key(t)))
        if ref is not None and ending < len(normalize_key(ref.matched)):
            return ref
        segment = segment_index(self.templates).get(known.segment or "")
        return SegmentRef(segment, "lexicon", key[-ending:], None) if segment is not None else None

    def place_of(self, product: str) -> tuple[str, str] | None:
        """(chain, segment) of a product name, by name, synonym, product suffix or head."""
        ref = self.segment_ref(product)
        return (ref.segment.chain, ref.segment.name) if ref is not None else None


def clean_product(phrase: str, treatment: bool = False) -> str:
    """A product phrase without grade words or a use (…用) in front and plant words behind;
    ``treatment`` (the phrase follows a treatment figure, 年处理…) keeps the words of the work done.

    >>> clean_product("高端六氟磷酸锂")
    '六氟磷酸锂'
    >>> clean_product("塔式光热发电站"), clean_product("光伏发电系统"), clean_product("储能系统")
    ('光热发电', '光伏发电', '储能系统')
    >>> clean_product("氢能装备制造基地"), clean_product("有机肥加工")
    ('氢能装备', '有机肥')
    >>> clean_product("废铝综合利用"), clean_product("废铝综合利用", treatment=True)
    ('废铝', '废铝综合利用')
    >>> clean_product("试剂级氯化锶"), clean_product("食品级")
    ('氯化锶', '食品级')
    >>> clean_product("构网型储能电站")
    '储能'
    >>> clean_product("储能电池用隔膜"), clean_product("通用水泥"), clean_product("农用")
    ('隔膜', '通用水泥', '农用')
    >>> clean_product("锂电池高端负极材料"), clean_product("钠离子电池正极材料")
    ('负极材料', '钠离子电池正极材料')
    >>> clean_product("煤基乙醇")
    '乙醇'
    >>> clean_product("铜精矿含铜"), clean_product("锌精矿含锌量")
    ('铜精矿', '锌精矿')

    Rule ``product_tail``: a mode before a plant's product (水光互补光伏, like 牧光互补), a
    sector word (…电池新能源) and the process of a crystal (单晶硅拉棒切片) are not the product:

    >>> clean_product("水光互补光伏"), clean_product("晶硅电池新能源"), clean_product("单晶硅拉棒切片")
    ('光伏', '晶硅电池', '单晶硅')

    Rule ``emphasis_word``: a word of emphasis is no part of the name, wherever it stands:

    >>> clean_product("钠离子电池关键正极材料"), clean_product("高档涂料"), clean_product("关键")
    ('钠离子电池正极材料', '涂料', '关键')

    Rule ``product_word``: 产品 after a product is no part of it, cut once (a plant word before
    it stays), and a grade of three characters + 级 is listed (太阳能级):

    >>> clean_product("医疗器械产品"), clean_product("枸杞深加工产品"), clean_product("太阳能级多晶硅片")
    ('医疗器械', '枸杞深加工', '多晶硅片')
    """
    plant_words = _PLANT_WORDS_TREATED if treatment else PLANT_WORDS
    name = _EMPHASIS.sub("", _SPACE.sub("", phrase))
    changed = True
    while changed:
        changed = False
        for w in GRADE_WORDS if name.startswith(GRADE_WORDS) else ():  # one test of every word first
            if name.startswith(w) and len(name) > len(w) + 1:
                name, changed = name[len(w):], True
        inner = _INNER_GRADE.match(name)  # what it is for, then its grade (锂电池|高端|负极材料)
        if inner and len(name) > inner.end() + 1:
            name, changed = name[inner.end():], True
            continue
        for prefix in (_GRADE.match(name), _USE_PREFIX.match(name), _MODE_PREFIX.match(name)):
            if prefix and len(name) > prefix.end() + 1:
                name, changed = name[prefix.end():], True
                break
        for w, repl in plant_words if name.endswith(_PLANT_ENDINGS) else ():  # one test of every word first
            if name.endswith(w) and len(name) > len(w) + 1:
                name, changed = name[: -len(w)] + repl, True
                break
        content = _METAL_CONTENT.search(name)
        if content and content.start() >= 2:
            name, changed = name[:content.start()], True
    word = _PRODUCT_WORD.search(name)
    return name[:word.start()] if word and word.start() >= 2 else name


@cache
def _default_templates() -> Templates:
    return load_templates()


def vocabulary(templates: Templates | None) -> ProductVocabulary:
    """The vocabulary of ``templates`` (None: the packaged templates)."""
    t = templates if templates is not None else _default_templates()
    return _vocabulary(t)


@cache
def _vocabulary(t: Templates) -> ProductVocabulary:
    terms = {name: ref.product.name for name, ref in product_index(t).items()}
    known = {normalize_key(name) for name in terms}
    lexicon = load_product_lexicon()
    if t is _default_templates():  # the packaged lexicon names segments of the packaged templates
        check_segments(lexicon, t)
    general = {term: p for term, p in lexicon.terms.items() if normalize_key(term) not in known}
    chains = {c.name: c.name for c in t.chains}
    return ProductVocabulary(t, {**{term: p.name for term, p in general.items()}, **terms}, chains,
                             {normalize_key(term): p for term, p in general.items()})
