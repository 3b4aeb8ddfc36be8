"""One token per character, in linear time: the tokenizer of the extraction pipeline.

spaCy's ``zh`` tokenizer with the ``char`` segmenter gives the tokens the rules need (every
character edge a token edge, :mod:`chainkg.ingest.nlp` says why), but it gets them by aligning
``list(text)`` back onto the text with ``spacy.util.get_words_and_spaces``, which slices the rest
of the text for every character: quadratic in a sentence's length, and a tenth of extraction's
time on ordinary sentences. :func:`char_words` makes the same words and spaces in one pass, and
:class:`CharTokenizer` builds the ``Doc`` from them; ``tests/test_extract_pipeline.py`` checks
both give spaCy's tokens on the corpus.

Registered the spaCy way (``@tokenizers = "chainkg.char_tokenizer.v1"`` in the ``[nlp.tokenizer]``
block of the config), so ``nlp.to_disk`` and ``spacy.load`` give the pipeline back once this
module is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

TOKENIZER = "chainkg.char_tokenizer.v1"
_SPACE = re.compile(r"\s")


def char_words(text: str) -> tuple[list[str], list[bool]]:
    """The words and spaces of a ``Doc`` with one token per non-space character: a single
    ASCII space after a character is that token's trailing space, any other run of whitespace
    is a token of its own (as spaCy's ``char`` segmenter has it).

    >>> char_words("年产 3万吨")
    (['年', '产', '3', '万', '吨'], [False, True, False, False, False])
    >>> char_words("A  B\\n")
    (['A', ' ', 'B', '\\n'], [True, False, False, False])
    """
    if _SPACE.search(text) is None:  # most sentences: every character a token, no spaces
        return list(text), [False] * len(text)
    words: list[str] = []
    spaces: list[bool] = []
    pos, end = 0, len(text)
    for i, char in enumerate(text):
        if i < pos or char.isspace():
            continue
        if i > pos:
            words.append(text[pos:i])
            spaces.append(False)
        words.append(char)
        pos = i + 1
        trailing = pos < end and text[pos] == " "
        spaces.append(trailing)
        pos += trailing
    if pos < end:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


class CharTokenizer:
    """A ``Doc`` of one token per character (:func:`char_words`); holds no state to save.

    The ``Doc`` is made from the words' ids in the vocab's strings, not the words: given a
    string, ``Doc`` hashes it again for every token (two thirds of making a sentence's
    ``Doc``); the ids of the characters seen so far are kept (a few thousand at most).

    >>> import spacy
    >>> nlp = spacy.blank("zh")
    >>> doc = CharTokenizer(nlp.vocab)("年产 3万吨")
    >>> [t.text for t in doc], doc.text, doc.to_bytes() == Doc(nlp.vocab, *char_words("年产 3万吨")).to_bytes()
    (['年', '产', '3', '万', '吨'], '年产 3万吨', True)
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.ids: dict[str, int] = {}  # word -> its id in vocab.strings

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words(text)
        try:
            ids = list(map(self.ids.__getitem__, words))
        except KeyError:  # a character not seen before
            self.ids.update((w, self.vocab.strings.add(w)) for w in words if w not in self.ids)
            ids = list(map(self.ids.__getitem__, words))
        return Doc(self.vocab, words=ids, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize ``texts`` one after another (``batch_size`` is spaCy's signature, unused)."""
        return (self(text) for text in texts)

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> CharTokenizer:
        self.ids.clear()  # the pipeline's vocab is loaded anew: ids seen before may name no string of it
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        """Nothing to save: the tokenizer is its code."""

    def from_disk(self, path: str | Path, **kwargs: Any) -> CharTokenizer:
        self.ids.clear()  # as in from_bytes
        return self


@spacy.registry.tokenizers(TOKENIZER)
def create_char_tokenizer() -> Callable[[Language], CharTokenizer]:
    """The factory spaCy's config calls: a :class:`CharTokenizer` over the pipeline's vocab."""

    def create(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return create
