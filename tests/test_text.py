"""Normalisation keeps offsets; segmentation keeps paragraphs and sentences."""

from marsad.text.normalize import fold, is_arabic, normalize
from marsad.text.segment import split_paragraphs, split_sentences


def test_fold_hamza_alef_yaa_taa_marbuta():
    assert fold("الإسلام") == fold("الاسلام") == "الاسلام"
    assert fold("القاعدة") == fold("القاعده")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("أغزرأغن") == "اغزراغن"


def test_fold_drops_diacritics_and_tatweel():
    assert fold("المسلّحة") == fold("المسلحة")
    assert fold("قُتِلَ") == "قتل"
    assert fold("الجـــيش") == "الجيش"


def test_fold_digits_and_quotes():
    assert fold("٢٠١١") == "2011"
    assert fold("۳۰") == "30"
    assert fold("“أعماق”") == '"اعماق"'
    assert fold("Ménaka") == "menaka"


def test_offsets_point_into_original():
    text = "قُتِلَ ٣٠ جنديّاً في «ميناكا»"
    nt = normalize(text)
    i = nt.text.index("30")
    a, b = nt.span(i, i + 2)
    assert text[a:b] == "٣٠"
    j = nt.text.index("ميناكا")
    a, b = nt.span(j, j + len("ميناكا"))
    assert text[a:b] == "ميناكا"
    k = nt.text.index("جنديا")
    a, b = nt.span(k, k + len("جنديا"))
    assert text[a:b] == "جنديّاً"


def test_is_arabic():
    assert is_arabic("اشتباكات في ميناكا")
    assert not is_arabic("clashes in Menaka")
    assert not is_arabic("123 456")


def test_paragraphs_and_sentences():
    text = "العنوان هنا\n\nقال الجيش إن 5 جنود قتلوا. وأضاف أن الهجوم وقع فجرا؟ نعم\nسطر آخر"
    paras = split_paragraphs(text)
    assert [text[a:b] for a, b in paras] == ["العنوان هنا", "قال الجيش إن 5 جنود قتلوا. وأضاف أن الهجوم وقع فجرا؟ نعم",
                                             "سطر آخر"]
    sents = split_sentences(text)
    assert [text[s.start:s.end] for s in sents] == [
        "العنوان هنا", "قال الجيش إن 5 جنود قتلوا.", "وأضاف أن الهجوم وقع فجرا؟", "نعم", "سطر آخر"]
    assert [s.paragraph for s in sents] == [0, 1, 1, 1, 2]


def test_decimal_point_does_not_end_sentence():
    text = "قتل 2.5 ألف شخص في المعارك. ثم انتهى"
    sents = split_sentences(text)
    assert len(sents) == 2
