"""Which language is an article written in? Marsad reads Arabic, English and French.

Detection is deliberately simple and fast, because it runs on every article of a batch:

1. **Script.** Count the letters of each script in the first :data:`SAMPLE_CHARS` characters.
   Arabic letters in the majority → Arabic script; Latin letters → Latin script; anything else
   (Cyrillic, Chinese, Hebrew, …) is a script Marsad does not read.
2. **Function words.** Within a script, count the short words every sentence is full of ("the",
   "of" / "le", "des" / «في», «من») for each candidate language; the language with most hits wins.
   Competing languages (Spanish, German, Persian, …) have lists too, so that a Spanish text is
   recognised as Spanish (unsupported) rather than mistaken for French.

>>> detect_language("اشتدت المعارك اليوم غرب ولاية ميناكا شمال مالي بين التنظيمين")
LanguageGuess(code='ar', script='Arabic', reason='')
>>> detect_language("Clashes broke out on Thursday between the two groups in the west of Menaka").code
'en'
>>> detect_language("Привет, как дела?").reason
'unsupported language: the text is in Cyrillic script (Marsad reads ar, en, fr)'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from marsad.lexicon.datafile import read_yaml
from marsad.text.normalize import fold

#: The languages Marsad codes.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("ar", "en", "fr")

#: Only the start of a long text is looked at: a few thousand characters settle the question.
SAMPLE_CHARS = 10_000

#: The script each supported language is written in.
LANGUAGE_SCRIPT = {"ar": "Arabic", "en": "Latin", "fr": "Latin"}

# Letters only: the Arabic blocks minus digits, punctuation and diacritics where they are separable.
_ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f\u08a0-\u08c9"
    "\ufb50-\ufdfb\ufe70-\ufefc]"
)
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Function words. Lists overlap ("de", "la", "in"); the distinctive words decide.
_LATIN_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in is was were are that for on with by as at from have has had which this it be "
        "been their they said after an its who not but"
    ),
    "fr": _words(
        "le la les des du de et un une est sont dans pour par sur avec qui que au aux ont été il elle "
        "ils ne pas cette ce à selon leur lors"
    ),
    "es": _words("el los las del y en un una es son por para con que se su sus al fue según como pero"),
    "pt": _words("o os as do da dos das e em um uma é são para com que não por foi no na"),
    "it": _words("il lo gli della delle del e di che è sono per con un una nel nella non da"),
    "de": _words("der die das und ist sind nicht mit von den dem ein eine zu auf für im sich auch wurde"),
    "nl": _words("de het een en van is zijn niet met op voor dat die te werd"),
}
_ARABIC_SCRIPT_STOPWORDS: dict[str, frozenset[str]] = {
    "ar": _words("في من على إلى الى عن أن ان التي الذي هذا هذه مع قد كان بين بعد قال وقال حيث"),
    "fa": _words("است این را که می از با برای آن شد های بود کرد"),
    "ur": _words("ہے کے کی کا میں اور نے سے کو ہیں"),
}
_LANGUAGE_NAMES = {
    "es": "Spanish", "pt": "Portuguese", "it": "Italian", "de": "German", "nl": "Dutch",
    "fa": "Persian", "ur": "Urdu",
}
# First word of a letter's Unicode name → a script name a reader recognises.
_SCRIPT_NAMES = {"CJK": "Chinese/Japanese (CJK)", "HANGUL": "Korean (Hangul)"}


@dataclass(frozen=True)
class LanguageGuess:
    """What :func:`detect_language` concluded.

    ``code`` is one of :data:`SUPPORTED_LANGUAGES`, or ``None`` when the text is in a language
    Marsad does not read; ``reason`` then says why, in one line, ready for an error message.
    """

    code: str | None
    script: str | None
    reason: str = ""


def normalize_language_code(value: str) -> str:
    """``"AR"``, ``"ar-SA"``, ``"ara"``, ``"fr_FR"`` → ``"ar"``, ``"ar"``, ``"ar"``, ``"fr"``.

    Codes Marsad does not know are returned lower-cased and otherwise untouched, so the caller can
    name them in an error message.
    """
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return {"ara": "ar", "arabic": "ar", "eng": "en", "english": "en", "fra": "fr", "fre": "fr",
            "french": "fr"}.get(code, code)


def dominant_script(text: str) -> tuple[str | None, float]:
    """The script most of the letters of ``text`` are written in, and its share of the letters.

    Returns ``(None, 0.0)`` for a text without letters (digits and punctuation only).
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_ANY_LETTER.findall(sample))
    if not letters:
        return None, 0.0
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if arabic >= latin and arabic * 2 >= letters:
        return "Arabic", arabic / letters
    if latin * 2 >= letters:
        return "Latin", latin / letters
    # Neither: name the commonest other script, from the Unicode names of the letters.
    import unicodedata

    scripts = Counter(
        unicodedata.name(ch, "UNKNOWN").split()[0]
        for ch in sample
        if ch.isalpha() and not _ARABIC_LETTER.match(ch) and not _LATIN_LETTER.match(ch)
    )
    name, count = scripts.most_common(1)[0]
    return _SCRIPT_NAMES.get(name, name.title()), count / letters


def _best_by_stopwords(sample: str, lists: dict[str, frozenset[str]]) -> tuple[str | None, int]:
    counts = Counter()
    for word in _WORD.findall(sample.lower()):
        for lang, words in lists.items():
            if word in words:
                counts[lang] += 1
    if not counts:
        return None, 0
    # Ties go to the language listed first (the supported ones are listed first).
    order = list(lists)
    lang, hits = max(counts.items(), key=lambda kv: (kv[1], -order.index(kv[0])))
    return lang, hits


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text``: ``ar``, ``en`` or ``fr``, or say why it is none of them."""
    script, _share = dominant_script(text)
    if script is None:
        return LanguageGuess(None, None, "no text to code: no letters found")
    sample = text[:SAMPLE_CHARS]
    if script == "Arabic":
        lang, _ = _best_by_stopwords(sample, _ARABIC_SCRIPT_STOPWORDS)
        if lang in (None, "ar"):  # an Arabic-script text without any function word: a headline
            return LanguageGuess("ar", script)
        return LanguageGuess(None, script, _unsupported(f"the text looks like {_LANGUAGE_NAMES[lang]}"))
    if script == "Latin":
        lang, hits = _best_by_stopwords(sample, _LATIN_STOPWORDS)
        if lang in ("en", "fr") and hits >= 2:
            return LanguageGuess(lang, script)
        if lang is None or lang in ("en", "fr"):
            short = _short_text_language(sample)  # a headline or a flash: its vocabulary decides
            if short is not None:
                return LanguageGuess(short, script)
        if lang in ("en", "fr"):
            return LanguageGuess(lang, script)
        if lang is None:
            why = "Latin-script text that is neither English nor French"
            return LanguageGuess(None, script, _unsupported(why))
        return LanguageGuess(None, script, _unsupported(f"the text looks like {_LANGUAGE_NAMES[lang]}"))
    return LanguageGuess(None, script, _unsupported(f"the text is in {script} script"))


_FRENCH_ACCENTS = re.compile("[éèêàçùâîôûëï]")


@cache
def _news_words() -> tuple[frozenset[str], frozenset[str]]:
    words = read_yaml("language_words.yaml")
    return frozenset(words["en"]), frozenset(words["fr"])


def _short_text_language(sample: str) -> str | None:
    """English or French by news vocabulary and French accents (``data/language_words.yaml``)."""
    en_words, fr_words = _news_words()
    tokens = _WORD.findall(fold(sample))
    en = sum(1 for w in tokens if w in en_words)
    fr = sum(1 for w in tokens if w in fr_words) + min(3, len(_FRENCH_ACCENTS.findall(sample.lower())))
    if en == fr:
        return None
    return "en" if en > fr else "fr"


def _unsupported(why: str) -> str:
    return f"unsupported language: {why} (Marsad reads {', '.join(SUPPORTED_LANGUAGES)})"


def check_language(code: str, text: str) -> tuple[str | None, str]:
    """Validate a language the caller *gave*: ``(code, "")`` if usable, else ``(None, reason)``.

    A supported code is trusted as long as the text is in that language's script: an Arabic text
    labelled ``en`` would be coded by the wrong rules and silently yield nothing, so it is refused.
    """
    norm = normalize_language_code(code)
    if norm not in SUPPORTED_LANGUAGES:
        return None, f"unsupported language {code!r} (Marsad reads {', '.join(SUPPORTED_LANGUAGES)})"
    script, _ = dominant_script(text)
    if script is not None and script != LANGUAGE_SCRIPT[norm]:
        return None, f"language {norm!r} was given, but the text is in {script} script"
    return norm, ""


#: A paragraph is given a language of its own only when it is long enough to say which.
MIN_PARAGRAPH_LETTERS = 40
#: …and, between two Latin-script languages, when its function words say so this many times.
MIN_PARAGRAPH_HITS = 3


def paragraph_languages(text: str, paragraphs: list[tuple[int, int]], main: str) -> list[tuple[int, int, str]]:
    """The paragraphs of ``text`` written in a supported language other than ``main``.

    A French dispatch quoting an Arabic statement, an Arabic article with an English communiqué:
    each such paragraph is coded with its own lexicons. Short paragraphs (a headline, a byline) and
    paragraphs whose evidence is thin keep the article's language.

    >>> text = "Le chef du groupe a publié ce message.\\n\\nقال المتحدث باسم الجماعة إن مقاتليها هاجموا الموقع"
    >>> paragraph_languages(text, [(0, 38), (40, len(text))], "fr")
    [(40, 89, 'ar')]
    """
    out: list[tuple[int, int, str]] = []
    other_script = _LATIN_LETTER if LANGUAGE_SCRIPT.get(main) == "Arabic" else _ARABIC_LETTER
    for start, end in paragraphs:
        para = text[start:end]
        if main == "ar" and other_script.search(para) is None:
            continue  # an Arabic paragraph without a Latin letter is Arabic (the common case, made cheap)
        if len(_ANY_LETTER.findall(para)) < MIN_PARAGRAPH_LETTERS:
            continue
        script, share = dominant_script(para)
        if script is None or share < 0.8:
            continue
        if script == "Arabic":
            lang = "ar"
        elif script == "Latin":
            lang, hits = _best_by_stopwords(para, {k: _LATIN_STOPWORDS[k] for k in ("en", "fr")})
            if lang is None or hits < MIN_PARAGRAPH_HITS:
                continue
            other = "fr" if lang == "en" else "en"
            _, other_hits = _best_by_stopwords(para, {other: _LATIN_STOPWORDS[other]})
            if hits < 2 * other_hits:
                continue  # "de", "la", "in" are in both lists; a mixed count settles nothing
        else:
            continue
        if lang != main and lang in SUPPORTED_LANGUAGES:
            out.append((start, end, lang))
    return out
