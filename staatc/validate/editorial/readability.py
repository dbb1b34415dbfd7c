"""Taalniveau: the Flesch-Douma score per chapter and paragraph, and over-long sentences.

Flesch-Douma (Douma's 1960 Dutch adaptation of Flesch's Reading Ease):

    206.84 − 0.77 × (syllables per 100 words) − 0.93 × (words per sentence)

60–70 reads as "normaal", below 45 as "moeilijk". Syllables come from pyphen's
`nl_NL` hyphenation dictionary: the hyphenation points of a word plus one. A word
with a hyphen (`ICT-systeem`) counts each part; a number counts as one syllable.
Headings, tables, captions, code and link targets are not running prose and are
left out (see `text.paragraphs`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from staatc.codes import problem
from staatc.validate.editorial.hyphenation import hyphenator  # pyphen, its patterns kept parsed
from staatc.errors import Problem
from staatc.validate.editorial.document import Context
from staatc.validate.editorial.text import Paragraph, bare

# A score from a handful of words says nothing: below these sizes we do not judge.
MIN_CHAPTER_WORDS = 50
MIN_PARAGRAPH_WORDS = 15
HARDEST_SHOWN = 3


# Words counted before, in this process or kept by the check cache (validate/cache.py), so an
# edited chapter needs pyphen's dictionary (a third of a second to load) for new words only.
KNOWN: dict[str, int] = {}


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points + 1 per part."""
    n = KNOWN.get(word)
    if n is None:
        n = KNOWN[word] = _count(word)
    return n


def _count(word: str) -> int:
    parts = [p for p in re.split(r"[-/–]", bare(word).lower()) if p]
    if not parts:
        return 1
    return sum(len(hyphenator().positions(p)) + 1 if re.search(r"[^\W\d_]", p) else 1 for p in parts)


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    syllables: int

    @property
    def value(self) -> float:
        if not self.words or not self.sentences:
            return 100.0
        return flesch_douma(self.words, self.sentences, self.syllables)

    def __add__(self, other: Score) -> Score:
        return Score(self.words + other.words, self.sentences + other.sentences,
                     self.syllables + other.syllables)


def flesch_douma(words: int, sentences: int, syllables_: int) -> float:
    return 206.84 - 0.77 * (100 * syllables_ / words) - 0.93 * (words / sentences)


def score(paragraph: Paragraph) -> Score:
    words = paragraph.words
    return Score(len(words), len(paragraph.sentences), sum(syllables(w) for w in words))


def score_text(paragraphs: Iterable[Paragraph]) -> Score:
    total = Score(0, 0, 0)
    for p in paragraphs:
        total = total + score(p)
    return total


def readability(ctx: Context) -> Iterable[Problem]:
    """A chapter below the edition's minimum, naming its hardest paragraphs."""
    minimum = ctx.readability.minimum
    for doc in ctx.chapters:
        scored = [(p, score(p)) for p in doc.paragraphs]
        total = score_text(p for p, _ in scored)
        if total.words < MIN_CHAPTER_WORDS or total.value >= minimum:
            continue
        hardest = sorted((s.value, p.line) for p, s in scored
                         if s.words >= MIN_PARAGRAPH_WORDS and s.value < minimum)[:HARDEST_SHOWN]
        named = ", ".join(f"line {line} ({value:.0f})" for value, line in sorted(hardest, key=lambda h: h[1]))
        where = f" The hardest paragraphs: {named}." if named else ""
        yield problem(
            "readability", doc.path, doc.doc.source.line_of("title"),
            f"this chapter is hard to read: Flesch-Douma {total.value:.0f}, below this edition's "
            f"minimum of {minimum:g} (60–70 is 'normaal'; {total.words} words in "
            f"{total.sentences} sentences, {total.words / total.sentences:.0f} words per sentence, "
            f"{100 * total.syllables / total.words:.0f} syllables per 100 words).{where} "
            "Use shorter sentences and shorter, everyday words",
        )


def long_sentence(ctx: Context) -> Iterable[Problem]:
    """A sentence longer than the edition's limit (default 25 words), at its first line."""
    limit = ctx.readability.sentence_words
    for doc in ctx.documents:
        if doc.kind not in ("chapter", "kamerbrief"):
            continue
        for paragraph in doc.paragraphs:
            for sentence in paragraph.sentences:
                if len(sentence.words) > limit:
                    start = " ".join(sentence.words[:6])
                    yield problem(
                        "long-sentence", doc.path, sentence.line,
                        f"this sentence has {len(sentence.words)} words (more than {limit}): "
                        f"split it into shorter sentences. It begins: '{start} …'",
                    )
