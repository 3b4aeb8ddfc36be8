"""Document context as a spaCy component: where each sentence stands in its document.

Extraction pipes a document's sentences through the pipeline one ``Doc`` each, in document
order (:func:`chainkg.ingest.extract.extract`). Before it does, it puts where the sentence
stands into ``doc.user_data`` (:func:`place_sentence`: its headings, whether it is a heading,
and the text between it and the sentence before it — none for a document's first sentence).
``chainkg_context``, the last pipe, turns that into extensions the rules read:

- ``doc._.headings``: the section headings above the sentence, outermost first;
- ``doc._.is_heading``: the sentence is itself a heading;
- ``doc._.list_item``: the span of the list number the sentence opens with (一、, (二), 3.),
  or None; ``doc._.list_rank`` its rank among list levels (:data:`chainkg.reading.headings.NUMBERED`);
- ``doc._.new_paragraph``: the sentence opens a paragraph (its document's first sentence, or a
  line break before it);
- ``doc._.paragraph_topic``: the status the lead phrase of the paragraph gives its items
  (签约项目涵盖…: signed; :func:`chainkg.ingest.extract.paragraph_topic`), read at the
  paragraph's first sentence and carried to the others: the one thing the component keeps
  from one Doc to the next, and only within a paragraph.

A Doc with no place (``nlp("…")`` on a bare text) is a document of one paragraph. The
running subject (the firm carried from the sentence before) stays with extraction's context
tracker: it names firms through what the whole document defines (以下简称…, 子公司 …), known
only once every sentence of the document has been through the pipeline.

>>> from chainkg.ingest.nlp import shared_pipeline
>>> nlp = shared_pipeline()
>>> first = nlp(place_sentence(nlp.make_doc("二、签约项目"), ("招商成果",), True, None))
>>> first._.headings, first._.is_heading, first._.list_item.text, first._.new_paragraph
(('招商成果',), True, '二、', True)
>>> lead = nlp(place_sentence(nlp.make_doc("签约项目涵盖新材料、储能等领域。"), ("招商成果", "二、签约项目"), False, "\\n"))
>>> later = nlp(place_sentence(nlp.make_doc("甲乙锂业年产1万吨碳酸锂项目。"), ("招商成果", "二、签约项目"), False, ""))
>>> lead._.paragraph_topic, later._.new_paragraph, later._.paragraph_topic
(('signed', 2, '签约'), False, ('signed', 2, '签约'))
>>> title = place_sentence(nlp.make_doc("澜汐锂业有限公司年产1万吨碳酸锂项目开工"), (), True, None)
>>> body = place_sentence(nlp.make_doc("项目分两期建设。"), ("澜汐锂业有限公司年产1万吨碳酸锂项目开工",), False, "\\n")
>>> [doc._.subject for doc in nlp.pipe([title, body])]
[('澜汐锂业有限公司', 'headline'), ('澜汐锂业有限公司', 'headline')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from chainkg.reading.headings import NUMBERED
from chainkg.ingest.mentions import COMPANY, doc_text, group_spans, span_text
from chainkg.ingest.subject import subject_firm

PLACE_KEY = "chainkg_place"
"""The ``doc.user_data`` key :func:`place_sentence` writes and the component reads."""

PLACED_KEY = "chainkg_placed"
"""The ``doc.user_data`` key of the :class:`SentencePlace` the component writes (the extensions read it)."""


class SentencePlace(NamedTuple):
    """Where a sentence Doc stands, as ``chainkg_context`` marks it: the values of the extensions
    ``doc._.<field>`` (see the module docstring), kept as one record. The extensions read it (one
    write per sentence, not seven), and extraction takes it whole (:func:`sentence_place`): each
    ``doc._.name`` makes spaCy's accessor object and a key tuple anew (about 2 µs), and a sentence's
    context is read a dozen times. The defaults are those of a Doc the component has not marked."""

    headings: tuple[str, ...] = ()
    is_heading: bool = False
    list_item: Span | None = None
    list_rank: int | None = None
    new_paragraph: bool = True
    paragraph_topic: tuple[str, int, str] | None = None
    subject: tuple[str, str] | None = None


_UNPLACED = SentencePlace()


def sentence_place(doc: Doc) -> SentencePlace:
    """The context of ``doc`` as the component marked it (the defaults if it did not).

    >>> from chainkg.ingest.nlp import shared_pipeline
    >>> nlp = shared_pipeline()
    >>> place = sentence_place(nlp("一、甲乙锂业年产1万吨碳酸锂项目。"))
    >>> place.headings, place.list_item.text, place.new_paragraph, sentence_place(nlp.make_doc("甲")) == SentencePlace()
    ((), '一、', True, True)
    """
    return doc.user_data.get(PLACED_KEY, _UNPLACED)


for _name in SentencePlace._fields:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=lambda doc, field=_name: getattr(sentence_place(doc), field))


def place_sentence(doc: Doc, headings: Sequence[str], is_heading: bool, before: str | None) -> Doc:
    """Put where a sentence stands into its (not yet processed) ``doc``: the headings above it,
    whether it is one, and the text between it and the sentence before it in its document
    (None: it is the document's first). The same ``doc`` back."""
    doc.user_data[PLACE_KEY] = (tuple(headings), is_heading, before)
    return doc


@Language.factory("chainkg_context", assigns=[f"doc._.{name}" for name in SentencePlace._fields],
                  default_config={"place_key": PLACE_KEY})
def make_context(nlp: Language, name: str, place_key: str) -> "ContextMarker":
    """Factory of :class:`ContextMarker` (``place_key``: the ``user_data`` key it reads), with
    extraction's reading of a paragraph's lead (imported here, when a pipeline is built:
    extraction imports this module for :func:`place_sentence`)."""
    from chainkg.ingest.extract import paragraph_topic

    return ContextMarker(name, place_key, paragraph_topic)


class ContextMarker:
    """Sets the document-context extensions of each sentence Doc (see the module docstring)."""

    def __init__(self, name: str, place_key: str,
                 topic_of: Callable[[str], tuple[str, int, str] | None]) -> None:
        self.name = name
        self.place_key = place_key
        self.topic_of = topic_of  # the status a paragraph's first sentence gives it, if any
        self.topic: tuple[str, int, str] | None = None  # the current paragraph's

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc``'s context (its :class:`SentencePlace`, which the extensions read); the same ``doc`` back."""
        headings, is_heading, before = doc.user_data.get(self.place_key, ((), False, None))
        text = doc_text(doc)
        new_paragraph = before is None or "\n" in before
        if new_paragraph:
            self.topic = self.topic_of(text)
        list_item, list_rank = None, None
        for pattern, rank in NUMBERED:
            m = pattern.match(text)
            if m is not None:
                list_item, list_rank = doc.char_span(0, m.end(), alignment_mode="expand"), rank
                break
        doc.user_data[PLACED_KEY] = SentencePlace(headings, is_heading, list_item, list_rank, new_paragraph, self.topic)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Each Doc of the stream marked as :meth:`__call__` marks it, and the sentences of a
        document (from one without a sentence before it to the next such) given its subject firm
        (``doc._.subject``) once the whole document has been read: a firm named late (a quoted
        officer at the end) is the subject of the sentences before it too."""
        held: list[Doc] = []
        for doc in docs:
            doc = self(doc)
            if held and doc.user_data.get(self.place_key, ((), False, None))[2] is None:
                yield from _with_subject(held)
                held = []
            held.append(doc)
        yield from _with_subject(held)


def _with_subject(docs: list[Doc]) -> list[Doc]:
    """The sentence Docs of one document, each given the document's subject firm."""
    subject = subject_firm([(doc_text(doc), sentence_place(doc).is_heading,
                             [(span_text(c), c.start_char, c.end_char, c.id_) for c in group_spans(doc, COMPANY)])
                            for doc in docs])
    for doc in docs:
        doc.user_data[PLACED_KEY] = sentence_place(doc)._replace(subject=subject)
    return docs
