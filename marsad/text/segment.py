"""Split an article into paragraphs and sentences, keeping original offsets.

A sentence ends at . ! ? ؟ or a line break. Arabic news often runs one sentence across many
clauses joined by «،» and «و»; those stay in one sentence, which is the unit in which a trigger, its
actors, its place, its date and its figures are first looked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARA = re.compile(r"\n\s*\n|\n")
# a full stop that is not a decimal point or an abbreviation dot between digits
_SENT_END = re.compile(r"(?<!\d)[.!?؟](?!\d)[\"'”»)]*\s+|(?<=\d)\.\s+(?=\D)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph."""
    out = []
    pos = 0
    for m in _PARA.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their paragraph number; offsets into ``text``."""
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        para = text[p_start:p_end]
        pos = 0
        for m in _SENT_END.finditer(para):
            end = m.start() + len(m.group(0).rstrip())
            if para[pos:end].strip():
                sentences.append(Sentence(p_start + pos, p_start + end, p_index, len(sentences)))
            pos = m.end()
        if para[pos:].strip():
            sentences.append(Sentence(p_start + pos, p_end, p_index, len(sentences)))
    return sentences
