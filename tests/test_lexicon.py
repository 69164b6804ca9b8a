"""The Aho–Corasick lexicon: clitics, boundaries, longest match, offsets."""

from marsad.lexicon.automaton import Lexicon
from marsad.text.normalize import normalize


def _lex(**kw):
    lex = Lexicon("t", **kw)
    lex.add("جماعة نصرة الإسلام والمسلمين", "JNIM")
    lex.add("نصرة الإسلام", "JNIM")
    lex.add("تنظيم داعش", "IS")
    lex.add("داعش", "IS")
    lex.add("الجماعة", "ANAPHOR")
    lex.add("Menaka", "MENAKA")
    return lex


def _found(lex, text):
    return [(m.text, m.payload) for m in lex.finditer(normalize(text))]


def test_proclitics_and_spelling_variants():
    assert _found(_lex(), "وجماعة نصرة الاسلام والمسلمين") == [("جماعة نصرة الاسلام والمسلمين", "JNIM")]
    assert _found(_lex(), "ولداعش") == [("داعش", "IS")]
    assert _found(_lex(), "لتنظيم داعش") == [("تنظيم داعش", "IS")]


def test_lam_plus_article():
    assert _found(_lex(), "الذراع الإعلامي للجماعة") == [("لجماعة", "ANAPHOR")]


def test_no_match_inside_a_word():
    lex = Lexicon("w")
    lex.add("بين", "B")
    assert _found(lex, "تبين أن") == []
    assert _found(lex, "بين الطرفين") == [("بين", "B")]


def test_suffix_policies():
    stems = Lexicon("s", suffixes="stem")
    stems.add("اشتباك", "CLASH")
    assert _found(stems, "اشتباكات عنيفة") == [("اشتباكات", "CLASH")]
    exact = Lexicon("e", suffixes="exact")
    exact.add("مسلح", "M")
    assert _found(exact, "جماعة مسلحة") == []
    none = Lexicon("n")
    none.add("مقاتلي", "F")
    assert _found(none, "من مقاتليها") == [("مقاتليها", "F")]


def test_latin_whole_words_only():
    lex = _lex()
    assert _found(lex, "near Ménaka, Mali") == [("Ménaka", "MENAKA")]
    assert _found(lex, "Menakaville") == []


def test_longest_match_wins_and_offsets_are_original():
    text = "هاجم مقاتلو جماعة نصرة الإسلام والمسلمين مواقع"
    (m,) = list(_lex().finditer(normalize(text)))
    assert text[m.start:m.end] == "جماعة نصرة الإسلام والمسلمين"


def test_article_option():
    lex = Lexicon("a", article=True)
    lex.add("مدنيين", "CIV")
    # the match covers the word without its clitics
    assert _found(lex, "استهدف المدنيين") == [("مدنيين", "CIV")]
    assert _found(lex, "وللمدنيين") == [("مدنيين", "CIV")]
    assert _found(Lexicon("b", suffixes="exact"), "المدنيين") == []
