"""Normalise Arabic (and Latin) news text for matching, without losing offsets.

News Arabic writes the same word many ways: «الإسلام»/«الاسلام», «ميناكا»/«ميناكآ», «القاعدة»/«القاعده»,
with or without diacritics and tatweel, with Arabic-Indic (٣٠) or Persian (۳۰) digits and typographic
quotes. Every lexicon entry and every text is folded with the same function so they meet.

The folding maps each original character to zero or one character, and :class:`NormalizedText`
keeps, for each normalised character, the index of the original character it came from. A match
found in the normalised text is therefore always reported at its place in the original.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

# Arabic diacritics (harakat, shadda, sukun, superscript alef, Quranic marks) and tatweel: dropped.
_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640", "\u06E1", "\u06ED"}
_MARKS = frozenset(_DROP)
_DROP |= {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"}

_FOLD: dict[str, str] = {
    # alef forms → bare alef; alef maqsura → yaa; taa marbuta → haa; hamza carriers → their letter
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ھ": "ه", "ہ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ڤ": "ف", "پ": "ب", "چ": "ج",
    # typographic punctuation → ASCII
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "`": "'",
    "،": ",", "؛": ";", "؟": "?", "٫": ".", "٬": ",",
    "–": "-", "—": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits


def fold_char(c: str) -> str:
    """The normalised form of one character: '' (dropped) or one character."""
    if c in _DROP:
        return ""
    f = _FOLD.get(c)
    if f is not None:
        return f
    if c.isascii():
        return c.lower()
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
        return c
    # Latin letters with accents (Ménaka, Tillabéri) fold to their base letter.
    base = unicodedata.normalize("NFKD", c)
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    if len(base) == 1:
        return base.lower()
    if not base:
        return ""
    return base[0].lower()


@dataclass
class NormalizedText:
    """A normalised copy of a text, with the way back to original offsets."""

    original: str
    text: str
    origin: list[int]  # origin[i] = index in ``original`` of normalised char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of normalised ``text[start:end]``."""
        if start >= len(self.origin):
            n = len(self.original)
            return n, n
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1 if end > start else o_start
        # a word's trailing diacritics (tanween, shadda) belong to it
        while end > start and o_end < len(self.original) and self.original[o_end] in _MARKS:
            o_end += 1
        return o_start, o_end

    def norm_pos(self, original_pos: int) -> int:
        """Index in ``text`` of the first normalised character at or after ``original_pos``."""
        return bisect_left(self.origin, original_pos)

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def normalize(text: str) -> NormalizedText:
    """Fold ``text`` for matching; see the module docstring for what is folded."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text):  # nothing dropped: offsets are the identity
        return NormalizedText(original=text, text=folded, origin=list(range(len(text))))
    out: list[str] = []
    origin: list[int] = []
    table = _TABLE
    for i, c in enumerate(text):
        f = table[ord(c)]
        if f:
            out.append(f)
            origin.append(i)
    return NormalizedText(original=text, text="".join(out), origin=origin)


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """The normalised string only (for lexicon entries and keys)."""
    return text.translate(_TABLE)


ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("ٮٯپچژکگی")


def is_arabic(text: str, threshold: float = 0.5) -> bool:
    """True when most letters of ``text`` are Arabic script."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    ar = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    return ar / len(letters) >= threshold


def ends_with_conjunction(text: str, conjunctions: frozenset[str]) -> bool:
    """True when folded ``text`` ends with a conjunction: Arabic «و» is written onto the next word,
    so it ends the text between two names; "and" / « et » must stand as a word of its own."""
    for c in conjunctions:
        if text.endswith(c):
            before = text[: -len(c)]
            if is_arabic(c) or not before or not is_word_char(before[-1]):
                return True
    return False


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
