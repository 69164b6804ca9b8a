"""Find every lexicon entry in a text in one pass, Arabic clitics included.

Marsad's lexicons (actors, triggers, places, cue words) hold thousands of forms. They are compiled
into one Aho–Corasick automaton per lexicon (``pyahocorasick``) over the *normalised* text
(:mod:`marsad.text.normalize`), so matching costs one scan of the article whatever the lexicon size.

Arabic attaches conjunctions, prepositions and the article to the word: «وتنظيم», «بمقتل»,
«للجماعة», «والمسلمين». A match is accepted when what precedes it inside the same word is a
permitted proclitic chain, and what follows it is a permitted suffix. «للجماعة» is «ل» + «الجماعة»
with the alef of the article dropped; entries starting with «ال» are also compiled without the
alef and accepted only after «ل».
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from marsad.text.normalize import NormalizedText, fold, is_word_char

# Proclitic chains that may stand before a word: conjunction (و ف), preposition (ب ل ك), future (س).
PROCLITICS = frozenset(
    ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "س", "وس", "فس", "لـ"]
)
ARTICLE_PROCLITICS = frozenset(["ال", "وال", "فال", "بال", "كال", "وبال", "وكال", "فبال", "لل", "ولل", "فلل"])
LAM_PROCLITICS = frozenset(["ل", "ول", "فل"])

# Suffixes after the matched form: pronouns, plural/dual and verb endings (for entries marked as stems).
PRONOUN_SUFFIXES = frozenset(["ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا", "ي"])
STEM_MAX_SUFFIX = 5
LATIN_STEM_MAX_SUFFIX = 6


@dataclass(frozen=True)
class Match:
    """One lexicon entry found in a text; offsets are into the ORIGINAL text."""

    start: int
    end: int
    text: str
    key: str
    payloads: tuple[Any, ...]
    norm_start: int = 0
    norm_end: int = 0

    @property
    def payload(self) -> Any:
        return self.payloads[0]


@dataclass
class Lexicon:
    """A named set of surface forms, each with payloads (what the form means).

    ``suffixes``: "exact" (nothing may follow), "none" (only pronoun suffixes), or "stem" (any ending up
    to five letters: the form is a stem such as «اشتباك» for «اشتباكات»). ``article``: whether «ال» may
    be prefixed to forms that do not carry it («مدنيين» → «المدنيين»).
    """

    name: str
    suffixes: str = "none"
    article: bool = False
    _entries: dict[str, list[Any]] = field(default_factory=dict)
    _automaton: Any = None

    def add(self, form: str, payload: Any) -> None:
        key = fold(form).strip()
        key = " ".join(key.split())
        if not key:
            return
        self._entries.setdefault(key, []).append(payload)
        self._automaton = None

    def extend(self, items: Iterable[tuple[str, Any]]) -> None:
        for form, payload in items:
            self.add(form, payload)

    def __len__(self) -> int:
        return len(self._entries)

    def forms(self) -> list[str]:
        """The folded forms of the lexicon."""
        return list(self._entries)

    def __contains__(self, form: str) -> bool:
        return fold(form) in self._entries

    def build(self) -> None:
        a = ahocorasick.Automaton()
        for key, payloads in self._entries.items():
            a.add_word(key, (key, False, tuple(payloads)))
            if key.startswith("ال") and len(key) > 3:
                lam_key = key[1:]
                if lam_key not in self._entries:
                    a.add_word(lam_key, (key, True, tuple(payloads)))
        if len(a) == 0:
            a.add_word("\x00", ("\x00", False, ()))
        a.make_automaton()
        self._automaton = a

    def finditer(self, nt: NormalizedText) -> Iterator[Match]:
        """All accepted matches, leftmost-longest, non-overlapping."""
        if self._automaton is None:
            self.build()
        text = nt.text
        candidates: list[tuple[int, int, str, tuple[Any, ...]]] = []
        for end_idx, (key, lam_only, payloads) in self._automaton.iter(text):
            if not payloads:
                continue
            length = len(key) - (1 if lam_only else 0)
            start = end_idx - length + 1
            end = end_idx + 1
            if not self._left_ok(text, start, key, lam_only):
                continue
            word_end = self._right_end(text, end, key)
            if word_end is None:
                continue
            candidates.append((start, word_end, key, payloads))
        # leftmost, then longest word, then the entry that needs the least suffix («مائة» over «ماي»+«ه»)
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), -len(c[2])))
        last_end = -1
        for start, end, key, payloads in candidates:
            if start < last_end:
                continue
            last_end = end
            o_start, o_end = nt.span(start, end)
            yield Match(o_start, o_end, nt.original[o_start:o_end], key, payloads, start, end)

    # ------------------------------------------------------------ boundaries

    def _left_ok(self, text: str, start: int, key: str, lam_only: bool) -> bool:
        ws = start
        while ws > 0 and is_word_char(text[ws - 1]):
            ws -= 1
        prefix = text[ws:start]
        if lam_only:
            return prefix in LAM_PROCLITICS
        if not prefix:
            return True
        if not _is_arabic_key(key):
            return False
        if prefix in PROCLITICS:
            return True
        return self.article and not key.startswith("ال") and prefix in ARTICLE_PROCLITICS

    def _right_end(self, text: str, end: int, key: str) -> int | None:
        we = end
        while we < len(text) and is_word_char(text[we]):
            we += 1
        suffix = text[end:we]
        if not suffix:
            return end
        if self.suffixes == "exact" or key[-1].isdigit():
            return None
        if not _is_arabic_key(key):
            # Latin stems: "attack" → "attacks", "attacked"; « attaqu » → « attaquée »
            if self.suffixes == "stem" and len(suffix) <= LATIN_STEM_MAX_SUFFIX and suffix.isalpha():
                return we
            return None
        if suffix in PRONOUN_SUFFIXES:
            return we
        if self.suffixes == "stem" and len(suffix) <= STEM_MAX_SUFFIX and not suffix.isdigit():
            return we
        return None


def _is_arabic_key(key: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in key)
