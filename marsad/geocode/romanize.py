"""Readable Latin spellings for Arabic place names the gazetteer does not know.

When a report names a village Marsad has never heard of («قرب بلدة تاكاباراتين»), the record still
needs a ``location`` a reader of the English output can use. Arabic script writes consonants and
long vowels only, so a romanisation has to *guess* the short vowels. This module guesses the way
transcribers of Sahel and Arab place names usually do:

1. Letters map to the common English/ACLED transcription (غ gh, ق q, ش sh, ج j, خ kh, ذ dh, ث th,
   ظ z, ض d, ط t, ص s, ح h; ع and ء are dropped or read as a vowel; ا و ي are long vowels a o i,
   or the consonants w y at the start of a word or between vowels).
2. A word is then made pronounceable: a consonant cluster that starts a word gets an ``a`` after
   its first consonant («منكا» → Manka); inside a word, two consonants may stand together and
   longer runs are split into pairs from the right with ``a`` between («أغزراغن»: gh-z-r → ghazr);
   two consonants that end a word get an ``e`` between them («أغزراغن» → Aghazraghen, «أينيكر» →
   Ainiker).
3. A word with no written vowel gets ``a`` between all its consonants («جبل» → Jabal); «ال» becomes
   ``Al`` before the capitalised word («الجورة» → Al Jora); final «ة» is ``a``.

The result is a *plausible* Latin form, not a scholarly transliteration: «أماكرا» → Amakra,
«أغزراغن» → Aghazraghen, «ميناكا» → Minaka (GeoNames: Ménaka). For matching, use
:mod:`marsad.geocode.keys`, which does not depend on vowels at all.
"""

from __future__ import annotations

import re

from marsad.text.normalize import is_arabic

_CONSONANTS: dict[str, str] = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p", "چ": "ch", "ڤ": "v",
    "گ": "g", "ک": "k",
}
_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u06a4\u06a9\u06af\u06cc]+")

# A token is ("C", letters) for a consonant or ("V", letters) for a vowel.
Token = tuple[str, str]


def _tokens(word: str) -> list[Token]:
    """Consonant/vowel tokens of one Arabic word (diacritics already removed)."""
    toks: list[Token] = []
    n = len(word)
    for i, ch in enumerate(word):
        prev_v = bool(toks) and toks[-1][0] == "V"
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in "اأآٱ":
            if i == 0 and ch == "ا" and nxt in "يی" and n > 2 and word[2] not in "اوي":
                continue  # «ايغزراغن» → I-; but «أينيكر» → Ai-
            if not (prev_v and toks[-1][1] == "a"):
                toks.append(("V", "a"))
        elif ch == "إ":
            toks.append(("V", "i"))
        elif ch in "يیى":
            if ch == "ى":
                toks.append(("V", "a"))
            elif i == 0 or (prev_v and nxt and nxt in "اوي"):
                toks.append(("C", "y"))
            elif not (prev_v and toks[-1][1] == "i"):
                toks.append(("V", "i"))
        elif ch == "و":
            if i == 0 or (prev_v and nxt and nxt in "اوي"):
                toks.append(("C", "w"))
            elif not (prev_v and toks[-1][1] == "o"):
                toks.append(("V", "o"))
        elif ch == "ة":
            toks.append(("V", "a"))
        elif ch == "ه" and i == n - 1 and i > 1:
            toks.append(("V", "a"))  # final haa is nearly always a taa marbuta
        elif ch in "ع":
            if not prev_v:
                toks.append(("V", "a"))
        elif ch in "ءئؤ":
            if ch == "ئ" and not prev_v:
                toks.append(("V", "i"))
            elif ch == "ؤ" and not prev_v:
                toks.append(("V", "u"))
        elif ch in _CONSONANTS:
            c = _CONSONANTS[ch]
            if toks and toks[-1] == ("C", c):
                continue  # doubled letter: write once
            toks.append(("C", c))
    return toks


def _pairs(run: list[str]) -> str:
    """A consonant run inside a word, split into pairs from the right and joined by «a».

    Two consonants may stand together between vowels (Am-kra); longer runs need a vowel:
    gh-z-r → gh·a·zr, m-b-k-t → mb·a·kt.
    """
    chunks: list[str] = []
    k = len(run)
    while k > 0:
        chunks.append("".join(run[max(0, k - 2):k]))
        k -= 2
    return "a".join(reversed(chunks))


def _vowelize(toks: list[Token]) -> str:
    """Insert short vowels so the consonant runs of one word can be pronounced."""
    out: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        if toks[i][0] == "V":
            out.append(toks[i][1])
            i += 1
            continue
        j = i
        while j < n and toks[j][0] == "C":
            j += 1
        run = [t[1] for t in toks[i:j]]
        at_start, at_end = i == 0, j == n
        head: list[str] = run
        prefix = ""
        if at_start and at_end:  # no written vowel at all: the common CaCaC («جبل» Jabal, «بلد» Balad)
            out.append("a".join(run))
            i = j
            continue
        if at_start and len(run) > 1:  # onset cluster: a vowel after the first consonant
            prefix, head = run[0] + "a", run[1:]
        if at_end and len(head) > 1:  # coda: «e» between the last two consonants
            body, tail = head[:-2], head[-2:]
            coda = tail[0] + "e" + tail[1]
            out.append(prefix + (_pairs(body) + "a" if body else "") + coda)
        else:
            out.append(prefix + _pairs(head))
        i = j
    return "".join(out)


def romanize(text: str) -> str:
    """A readable Latin spelling of an Arabic name («أغزراغن» → "Aghazraghen").

    Latin input is returned unchanged. Words are capitalised; the article becomes "Al ".
    """
    if not is_arabic(text):
        return text
    clean = "".join(c for c in text if c not in _DROP)
    words = []
    for w in _WORD.findall(clean):
        article = False
        if len(w) > 3 and w[:2] in ("ال", "آل"):
            article, w = True, w[2:]
        roman = _vowelize(_tokens(w))
        if not roman:
            continue
        roman = roman[0].upper() + roman[1:]
        words.append(("Al " if article else "") + roman)
    return " ".join(words)
