"""Written variants of an alias that the normaliser does not fold.

:func:`marsad.text.normalize.fold` already makes «الإسلام»/«الاسلام», «القاعده»/«القاعدة» and
"Ménaka"/"Menaka" meet. Three kinds of variation remain, and each is generated here so that the data
files list an alias once:

* spelling variants of whole stems that the press writes two ways («ميليشيا»/«مليشيا»,
  «الديمقراطية»/«الديموقراطية», «الأمريكية»/«الأميركية»): the substring pairs come from
  ``spelling_variants`` in ``generic_actors.yaml``;
* quoted names: the press quotes the proper part of a name after its head noun — «وكالة “أعماق”»,
  «حركة "الشباب"», «جماعة «نصرة الإسلام والمسلمين»». For an Arabic alias whose first word is one of
  the ``quotable_heads`` of the YAML, the rest is also compiled in quotes (every quote mark folds to
  ``"``);
* Latin punctuation: "al-Shabaab" / "al Shabaab", "Jama'at" / "Jamaat".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from marsad.text.normalize import fold_char

_ARABIC = re.compile("[\u0600-\u06ff]")


class _FoldTable(dict[int, str]):
    """``str.translate`` table that asks :func:`fold_char` once per distinct character."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fast_fold(text: str) -> str:
    """Exactly :func:`marsad.text.normalize.fold`, several times faster on many short strings
    (the catalogue folds tens of thousands of aliases when it starts)."""
    return text.translate(_FOLD_TABLE)


def spelling_variants(alias: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """``alias`` and the forms made by applying each (from, to) substring pair (to a fixed point)."""
    out = [alias]
    seen = {alias}
    pairs = list(pairs)
    i = 0
    while i < len(out) and len(out) < 16:
        cur = out[i]
        for a, b in pairs:
            if a in cur:
                v = cur.replace(a, b)
                if v not in seen:
                    seen.add(v)
                    out.append(v)
        i += 1
    return out


def quoted_variants(alias: str, heads: frozenset[str]) -> list[str]:
    """«وكالة أعماق» → ['وكالة "أعماق"'] when the first word is a quotable head noun.

    With three words or more the second word alone is quoted too («حركة "الشباب" المجاهدين»).
    ``heads`` are folded forms.
    """
    words = alias.split()
    if len(words) < 2 or fast_fold(words[0]) not in heads:
        return []
    out = [f'{words[0]} "{" ".join(words[1:])}"']
    if len(words) > 2:
        out.append(f'{words[0]} "{words[1]}" {" ".join(words[2:])}')
    return out


def latin_variants(alias: str) -> list[str]:
    """ "al-Shabaab" → ["al Shabaab"]; "Jama'at" → ["Jamaat"]."""
    out: list[str] = []
    if "-" in alias:
        out.append(" ".join(alias.replace("-", " ").split()))
    if "'" in alias or "’" in alias:
        out.append(alias.replace("'", "").replace("’", ""))
    return [v for v in out if v != alias]


def all_variants(alias: str, pairs: Iterable[tuple[str, str]], heads: frozenset[str]) -> list[str]:
    """Every form under which ``alias`` is compiled, the alias itself first."""
    if not _has_arabic(alias):
        return [alias, *latin_variants(alias)]
    out: list[str] = []
    for v in spelling_variants(alias, pairs):
        out.append(v)
        out.extend(quoted_variants(v, heads))
    return out


def _has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None
