"""Forgiving match keys: one spelling-blind form for Arabic and Latin place names.

News writes the same village many ways: «أغزرأغن», «أغزراغن», «أغزرغن», «ايغزراغن»; GeoNames and the
French press write Ménaka, Menaka, Ménaca; the English press Tillaberi, the French Tillabéri. A
*match key* keeps only what these spellings share: the consonant skeleton, each consonant reduced to
a class.

* Vowels are dropped: Arabic writes only long vowels (and not always), Latin writes them all and
  differently (Menaka/Ménaka/Minaka). Semi-vowels go too (و ي / w y ou), and so do the letters that
  transcriptions drop or keep at will: ع ء ح ه / h ' `.
* Each consonant becomes a class letter shared by both scripts::

      B  ب پ / b p           F  ف ڤ / f v ph          M  م / m          N  ن / n
      L  ل / l               R  ر / r                 Z  ز / z          S  س ص / s ss c(e,i)
      T  ت ط / t th          D  د ض / d dh            C  ش / sh ch sch  X  خ / kh
      G  غ / g gh            K  ك / k q c ck qu       J  ج / j dj

* Letters that transcriptions render two ways give the Arabic side *several* keys: ق → K or G
  (Gedaref «القضارف»), ج → J or G (Niger «النيجر», Egyptian g), ك → K or G (Persian گ folds to ك),
  ذ ظ → D or Z, ث → T or S. A Latin name has one key; an Arabic name matches it when any of its
  keys does.
* Repeated classes collapse (Tillabéri → TLBR), and the article goes: «ال» on each Arabic word,
  al-/el- (and the assimilated ar-, as-, ash-, ad-… before the same consonant) on Latin words.
  Words are then joined, so «تين زواتين» and Tinzaouaten share a key.

So «أغزراغن» → GZRGN = Aghazraghen; «ميناكا» → MNK = Ménaka = Menaca; «تيلابيري» → TLBR = Tillabéri.

A key only *retrieves* candidates; :func:`similarity` then ranks them on a finer form that keeps the
place of the vowels.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from itertools import product

from marsad.text.normalize import fold, is_arabic

# ---------------------------------------------------------------- Arabic side

# Each Arabic letter (after marsad.text.normalize.fold) → its possible classes; "" means dropped.
_AR_CLASSES: dict[str, tuple[str, ...]] = {
    "ب": ("B",), "پ": ("B",), "ت": ("T",), "ط": ("T",), "ث": ("T", "S"),
    "ج": ("J", "G"), "ح": ("",), "خ": ("X",), "د": ("D",), "ض": ("D",),
    "ذ": ("D", "Z"), "ظ": ("D", "Z"), "ر": ("R",), "ز": ("Z",), "س": ("S",), "ص": ("S",),
    "ش": ("C",), "ع": ("",), "غ": ("G",), "ف": ("F",), "ق": ("K", "G"), "ك": ("K", "G"),
    "ل": ("L",), "م": ("M",), "ن": ("N",), "ه": ("",), "و": ("",), "ي": ("",), "ا": ("",),
    "ء": ("",), "ى": ("",), "ة": ("",),
}
# Vowel letters, for the fine form used by similarity().
_AR_VOWELS = frozenset("اويىءئؤعة")
MAX_ARABIC_KEYS = 16

_AR_WORD = re.compile(r"[\u0621-\u064a\u067e\u06a4]+")


def arabic_words(name: str) -> list[str]:
    """The folded Arabic words of ``name``, article removed from each («الفاشر» → «فاشر»)."""
    words = _AR_WORD.findall(fold(name))
    out = []
    for w in words:
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        out.append(w)
    return out


def arabic_keys(name: str) -> set[str]:
    """All match keys of an Arabic name (at most ``MAX_ARABIC_KEYS``)."""
    options: list[tuple[str, ...]] = []
    for w in arabic_words(name):
        for ch in w:
            cls = _AR_CLASSES.get(ch)
            if cls is None or cls == ("",):
                continue
            options.append(cls)
    n_variants = 1
    for i, cls in enumerate(options):
        if n_variants * len(cls) > MAX_ARABIC_KEYS:
            options[i] = cls[:1]
        else:
            n_variants *= len(cls)
    keys = {_collapse("".join(p)) for p in product(*options)} if options else set()
    keys.discard("")
    return keys


def arabic_fine(name: str) -> str:
    """The fine form of an Arabic name: first-choice classes, vowel letters as ``V``."""
    out = []
    for w in arabic_words(name):
        if len(w) > 2 and w.endswith("ه"):
            w = w[:-1] + "ا"  # final taa marbuta / haa: a vowel («الرقة» Raqqa)
        for ch in w:
            if ch in _AR_VOWELS:
                out.append("V")
                continue
            cls = _AR_CLASSES.get(ch)
            if cls and cls[0]:
                out.append(cls[0])
    return _collapse("".join(out))


# ---------------------------------------------------------------- Latin side

_LATIN_ARTICLES = frozenset(["al", "el", "ul", "il"])
_ASSIMILATED = re.compile(r"^[aeu](d|dh|r|s|sh|t|th|z|n|ch)$")
# Latin letter groups → class, longest first; vowels and semi-vowels → "" (dropped).
_LATIN_GROUPS: list[tuple[str, str]] = [
    ("sch", "C"), ("tch", "TC"), ("dj", "J"), ("kh", "X"), ("gh", "G"), ("sh", "C"), ("ch", "C"),
    ("th", "T"), ("dh", "D"), ("ph", "F"), ("ck", "K"), ("qu", "K"), ("ou", ""), ("zh", "J"),
]
_LATIN_SINGLE: dict[str, str] = {
    "b": "B", "p": "B", "f": "F", "v": "F", "m": "M", "n": "N", "l": "L", "r": "R", "z": "Z",
    "s": "S", "t": "T", "d": "D", "g": "G", "j": "J", "k": "K", "q": "K", "x": "KS",
    "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": "", "h": "",
}
_LATIN_VOWELS = frozenset("aeiouyw")


def latin_plain(name: str) -> str:
    """Lower-case ASCII letters and spaces: accents stripped, apostrophes dropped, dashes → spaces.

    This is also the form exact Latin lookups use: «N'Djaména» → "ndjamena", «Bi’r al ‘Abd» →
    "bir al abd".
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’‘`ʿʾ´]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def latin_words(name: str) -> list[str]:
    """Words of a Latin name without articles (al-, el-, and ar-/as-/ad-… before their consonant)."""
    words = latin_plain(name).split()
    out: list[str] = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt and w in _LATIN_ARTICLES:
            continue
        m = _ASSIMILATED.match(w)
        if nxt and m and nxt.startswith(m.group(1)):
            continue
        out.append(w)
    return out


def _latin_classes(word: str, fine: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        for group, cls in _LATIN_GROUPS:
            if word.startswith(group, i):
                if fine and not cls:
                    out.append("V")
                else:
                    out.append(cls)
                i += len(group)
                break
        else:
            ch = word[i]
            if ch == "c":
                nxt = word[i + 1] if i + 1 < len(word) else ""
                out.append("S" if nxt in ("e", "i", "y") else "K")
            elif fine and ch in _LATIN_VOWELS:
                out.append("V")
            else:
                out.append(_LATIN_SINGLE.get(ch, ""))
            i += 1
    return "".join(out)


def latin_key(name: str) -> str:
    """The match key of a Latin name ("Aghazraghen" → "GZRGN")."""
    return _collapse("".join(_latin_classes(w, fine=False) for w in latin_words(name)))


def latin_fine(name: str) -> str:
    """The fine form of a Latin name: classes with vowels as ``V`` ("Menaka" → "MVNVKV")."""
    return _collapse("".join(_latin_classes(w, fine=True) for w in latin_words(name)))


# ---------------------------------------------------------------- either script


def _collapse(s: str) -> str:
    """Collapse runs of the same class letter ("TTLLB" → "TLB")."""
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def match_keys(name: str) -> set[str]:
    """The match keys of a name in either script (one for Latin, one or more for Arabic)."""
    if is_arabic(name):
        return arabic_keys(name)
    k = latin_key(name)
    return {k} if k else set()


def fine_form(name: str) -> str:
    """The fine (vowel-aware) form of a name in either script."""
    return arabic_fine(name) if is_arabic(name) else latin_fine(name)


def similarity(a: str, b: str) -> float:
    """How alike two names are once spelling is set aside (0…1), across scripts.

    Compares the fine forms (consonant classes with vowel slots). Two spellings of one name score
    0.8–1.0 («أغزراغن» vs Aghazraghen ≈ 0.9); names that merely share a skeleton score lower.
    """
    return fine_similarity(fine_form(a), fine_form(b))


def fine_similarity(fa: str, fb: str) -> float:
    """:func:`similarity` on two fine forms already computed."""
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    # Vowel slots are the least reliable part across scripts: compare them at half weight.
    ratio = SequenceMatcher(None, fa, fb, autojunk=False).ratio()
    ca, cb = fa.replace("V", ""), fb.replace("V", "")
    cons = SequenceMatcher(None, ca, cb, autojunk=False).ratio() if ca and cb else 0.0
    return 0.5 * ratio + 0.5 * cons
