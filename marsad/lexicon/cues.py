"""The cue lexicons of ``data/cues.yaml``, compiled once.

Each cue list (attribution verbs, target markers, anaphora, victim nouns…) becomes one
:class:`~marsad.lexicon.automaton.Lexicon`; a text is scanned once per list and the matches are
kept on the annotated document for the stages that need them.
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


@cache
def cue_lexicons(language: str = "ar") -> dict[str, Lexicon]:
    """One lexicon per cue list; payload is the value (polarity, label, kind) or True."""
    data = read_yaml("cues.yaml")
    out: dict[str, Lexicon] = {}
    for name, entries in data.items():
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
