"""jieba's part-of-speech HMM, decoded with numpy: the same words and tags, a hundred times fewer Python steps.

jieba cuts a run of characters its dictionary does not know (a brand, a coined firm name) with a hidden Markov
model over 256 states (B/M/E/S x a tag) and decodes it with a Viterbi search written in plain Python
(``jieba.posseg.viterbi``): for every character, every state it may take against every state the character
before it took. A character the model has no table for may take any of the 256, so a two-letter block such as
an unknown brand costs thousands of dictionary lookups. On a corpus of many distinct firm names that search was
more than half of extraction's CPU time (``benchmarks/extract_speed.py`` on synthetic documents).

:class:`PosViterbi` runs the same search over dense arrays: transitions as a 256 x 256 matrix (``-inf`` where
jieba has no transition), emissions as one vector per character. Every sum is made in jieba's order
(``(V + trans) + emit``, in float64) and every tie is broken as jieba's ``max`` over ``(prob, state)`` tuples
breaks it (the greater state wins: the states are kept in descending order and ``argmax`` takes the first), so the
route is the one jieba finds (tested against it). :class:`PosTokenizer` is jieba's ``POSTokenizer`` with this
search in place of jieba's, sharing the default tokenizer's dictionary and word-tag table (no second load).

>>> tagger = PosTokenizer(jieba.posseg.dt)
>>> [tuple(p) for p in tagger.cut("岚峡锂业投产")] == [tuple(p) for p in jieba.posseg.dt.cut("岚峡锂业投产")]
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

import jieba.posseg
import numpy as np
from jieba.posseg.viterbi import MIN_FLOAT

State = tuple[str, str]
#: the longest run of letters whose route is remembered
CACHED_RUN = 16


class PosViterbi:
    """The most likely route of states for a run of characters under jieba's part-of-speech HMM."""

    def __init__(self, char_states: Mapping[str, tuple[State, ...]], start: Mapping[State, float],
                 trans: Mapping[State, Mapping[State, float]], emit: Mapping[State, Mapping[str, float]]) -> None:
        # descending, so that argmax (the first of equal values) picks the greatest state, as max((prob, state)) does
        self.states: list[State] = sorted(trans, reverse=True)
        index = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self._index = index
        self._trans = np.full((n, n), -np.inf)
        self._follows = np.zeros((n, n), dtype=bool)
        for a, row in trans.items():
            for b, p in row.items():
                self._trans[index[a], index[b]] = p
                self._follows[index[a], index[b]] = True
        self._leads = self._follows.any(axis=1)  # states with a transition out (jieba's prev_states)
        self._start = np.array([start.get(s, -np.inf) for s in self.states])
        self._char_states = char_states
        self._emit = emit
        self._all = np.ones(n, dtype=bool)

    @lru_cache(maxsize=1 << 12)  # two 256-vectors (4 KiB) a character: at most 16 MiB
    def _char(self, char: str) -> tuple[np.ndarray, np.ndarray]:
        """The states ``char`` may take (a mask; all when the model has no table for it) and its emissions
        (jieba's ``MIN_FLOAT`` where a state never emits it)."""
        mask = np.zeros(len(self.states), dtype=bool)
        listed = self._char_states.get(char)
        if listed is None:
            mask[:] = True
        else:
            mask[[self._index[s] for s in listed]] = True
        emit = np.array([self._emit[s].get(char, MIN_FLOAT) for s in self.states])
        mask.flags.writeable = emit.flags.writeable = False  # shared by every later run holding the character
        return mask, emit

    def route(self, chars: str) -> tuple[State, ...]:
        """The state of each character of ``chars`` (not empty) on the most likely route; runs of up to
        :data:`CACHED_RUN` letters (unknown brands, short coinages: they recur) are remembered."""
        return self._cached_route(chars) if len(chars) <= CACHED_RUN else self._route(chars)

    def clear(self) -> None:
        """Forget the remembered characters and runs (for a process done cutting words for a while)."""
        self._char.cache_clear()
        self._cached_route.cache_clear()

    @lru_cache(maxsize=1 << 15)  # runs of at most CACHED_RUN letters: a few MiB
    def _cached_route(self, chars: str) -> tuple[State, ...]:
        return self._route(chars)

    def _route(self, chars: str) -> tuple[State, ...]:
        mask, emit = self._char(chars[0])
        alive = mask
        score = np.full(len(self.states), -np.inf)
        score[mask] = self._start[mask] + emit[mask]
        back: list[np.ndarray] = []
        for char in chars[1:]:
            prev = np.flatnonzero(alive & self._leads)
            expected = self._follows[prev].any(axis=0)
            mask, emit = self._char(char)
            now = mask & expected
            if not now.any():
                now = expected if expected.any() else self._all
            cur = np.flatnonzero(now)
            sums = (score[prev][:, None] + self._trans[np.ix_(prev, cur)]) + emit[cur][None, :]
            best = sums.argmax(axis=0)  # ValueError on no previous state, as jieba's max() of nothing
            score = np.full(len(self.states), -np.inf)
            score[cur] = sums[best, np.arange(len(cur))]
            step = np.full(len(self.states), -1)
            step[cur] = prev[best]
            back.append(step)
            alive = now
        last = np.flatnonzero(alive)
        state = int(last[score[last].argmax()])
        out = [state]
        for step in reversed(back):
            state = int(step[state])
            out.append(state)
        return tuple(self.states[i] for i in reversed(out))


@lru_cache(maxsize=1)
def jieba_viterbi() -> PosViterbi:
    """The search over jieba's own model tables (made once: a 256 x 256 matrix)."""
    p = jieba.posseg
    return PosViterbi(p.char_state_tab_P, p.start_P, p.trans_P, p.emit_P)


class PosTokenizer(jieba.posseg.POSTokenizer):
    """jieba's ``POSTokenizer`` whose HMM cut of unknown runs uses :class:`PosViterbi` (same words, same tags).

    Made over an existing tokenizer (normally ``jieba.posseg.dt``), whose dictionary and word-tag table it shares
    rather than reading the tag file again."""

    def __init__(self, base: jieba.posseg.POSTokenizer) -> None:  # pylint: disable=super-init-not-called
        # no POSTokenizer.__init__: it would read the tag file again; the base's tables are used instead
        self._base = base

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """The base's dictionary tokenizer (the same object, whatever jieba rebinds later)."""
        return self._base.tokenizer

    @tokenizer.setter
    def tokenizer(self, value: jieba.Tokenizer) -> None:
        self._base.tokenizer = value

    @property
    def word_tag_tab(self) -> dict[str, str]:
        """The base's word-tag table: ``jieba.posseg.initialize`` or a user dictionary rebinding it on either
        tokenizer is seen by both."""
        return self._base.word_tag_tab

    @word_tag_tab.setter
    def word_tag_tab(self, value: dict[str, str]) -> None:
        self._base.word_tag_tab = value

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        """jieba's ``POSTokenizer.__cut`` (a run of Han characters into words by the HMM route), over
        :meth:`PosViterbi.route`. A word runs from a B to its E; an S is a word alone; a tail left open is one."""
        route = jieba_viterbi().route(sentence)
        begin, done = 0, 0
        for i, (position, tag) in enumerate(route):
            if position == "B":
                begin = i
            elif position == "E":
                yield jieba.posseg.pair(sentence[begin:i + 1], tag)
                done = i + 1
            elif position == "S":
                yield jieba.posseg.pair(sentence[i], tag)
                done = i + 1
        if done < len(sentence):
            yield jieba.posseg.pair(sentence[done:], route[done][1])
