"""The cue lexicons of ``data/cues.yaml`` (Arabic), ``cues.en.yaml`` and ``cues.fr.yaml``, compiled once.

Each cue list (attribution verbs, target markers, anaphora, victim nouns…) becomes one
:class:`~marsad.lexicon.automaton.Lexicon`; a text is scanned once per list and the matches are
kept on the annotated document for the stages that need them. The three files have the same list
names, so a coding stage asks for "agent_markers" and gets «على يد», "by" or « par » by language.
A list may be absent from a language (Arabic VSO subject heads have no English use); it is then
empty.
"""

from __future__ import annotations

from functools import cache

from marsad.lexicon.automaton import Lexicon, Match
from marsad.lexicon.datafile import read_yaml
from marsad.text.normalize import NormalizedText

# Lists whose forms may take the article («المدنيين» for «مدنيين») or endings.
_ARTICLE_LISTS = {"victim_nouns", "person_nouns", "statement_nouns", "near_markers", "sources"}
_STEM_LISTS: set[str] = set()
# Lists whose forms may carry a pronoun suffix («أكدته»); all others must match exactly, because
# folding turns the feminine «ة» into «ه», which looks like the pronoun suffix.
_PRONOUN_LISTS = {"attribution"}


CUE_FILES = {"ar": "cues.yaml", "en": "cues.en.yaml", "fr": "cues.fr.yaml"}


@cache
def cue_lexicons(language: str = "ar") -> dict[str, Lexicon]:
    """One lexicon per cue list; payload is the value (polarity, label, kind) or True."""
    if language not in CUE_FILES:
        raise ValueError(f"no cue lexicon for language {language!r}")
    data = read_yaml(CUE_FILES[language])
    out: dict[str, Lexicon] = {}
    for name, entries in data.items():
        if name == "settings":
            continue
        suffixes = "stem" if name in _STEM_LISTS else "none" if name in _PRONOUN_LISTS else "exact"
        lex = Lexicon(name, suffixes=suffixes, article=name in _ARTICLE_LISTS)
        if isinstance(entries, dict):
            for form, value in entries.items():
                if isinstance(value, list):  # kind → forms (victim_nouns)
                    for f in value:
                        lex.add(str(f), form)
                else:
                    lex.add(str(form), value)
        else:
            for form in entries:
                lex.add(str(form), True)
        lex.build()
        out[name] = lex
    return out


def find_cues(nt: NormalizedText, language: str = "ar") -> dict[str, list[Match]]:
    """Every cue of every list in ``nt``, by list name, in text order."""
    return {name: list(lex.finditer(nt)) for name, lex in cue_lexicons(language).items()}


@cache
def cue_settings(language: str) -> dict[str, int]:
    """The ``settings`` of a cue file: distances that differ by language (English puts the toll
    further from its verb than Arabic: "Two Iraqi soldiers, one of them a lieutenant, were killed")."""
    return dict(read_yaml(CUE_FILES[language]).get("settings") or {})


@cache
def cue_words(language: str, name: str) -> frozenset[str]:
    """The folded forms of one cue list, for the stages that compare the words next to a mention
    («بين», "between", « entre ») rather than scan the text."""
    lex = cue_lexicons(language).get(name)
    return frozenset(lex.forms()) if lex is not None else frozenset()
