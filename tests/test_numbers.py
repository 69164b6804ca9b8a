"""Tests of marsad.numbers: figures, number words, qualifiers, vague quantities and what is not a number."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from marsad.dates import find_date_expressions
from marsad.numbers import Quantity, find_quantities, parse_number_words
from marsad.text.normalize import normalize

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_b281ad9146f457d5.txt"


def quantities(text: str, language: str = "ar", **kw: object) -> list[Quantity]:
    found = find_quantities(normalize(text), language, **kw)  # type: ignore[arg-type]
    for q in found:  # offsets always point into the original text
        assert text[q.start : q.end] == q.text
    return found


def only(text: str, language: str = "ar") -> Quantity:
    found = quantities(text, language)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ exact figures


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("قتل 12 شخصا في الهجوم", 12, "12"),
        ("أسفرت عن مقتل ٣٠ مدنيا", 30, "٣٠"),  # Arabic-Indic digits
        ("أسفرت عن مقتل ۳۰ مدنيا", 30, "۳۰"),  # Persian digits
        ("نزوح 1,200 شخص", 1200, "1,200"),
        ("نزوح 1.200 شخص", 1200, "1.200"),
        ("نزوح ١٬٢٠٠ شخص", 1200, "١٬٢٠٠"),
        ("نزوح 1,250,000 شخص", 1250000, "1,250,000"),
        ("بـ 12 قتيلاً", 12, "12"),
        ("قتل خمسة أشخاص", 5, "خمسة"),
        ("قتل ثلاث نساء", 3, "ثلاث"),
        ("مقتل الثلاثة", 3, "الثلاثة"),
        ("إلى جانب الخمسين", 50, "الخمسين"),
        ("مع والخمسين", 50, "الخمسين"),
        ("أصيب بخمسة عيارات", 5, "خمسة"),
        ("قتل عشرة جنود", 10, "عشرة"),
        ("قتل عشر نساء", 10, "عشر"),
        ("قتل أحد عشر جنديا", 11, "أحد عشر"),
        ("قتلت إحدى عشرة امرأة", 11, "إحدى عشرة"),
        ("قتل اثنا عشر جنديا", 12, "اثنا عشر"),
        ("مقتل اثني عشر جنديا", 12, "اثني عشر"),
        ("مقتل اثنتي عشرة امرأة", 12, "اثنتي عشرة"),
        ("مقتل ثلاث عشرة امرأة", 13, "ثلاث عشرة"),
        ("مقتل تسعة عشر شخصا", 19, "تسعة عشر"),
        ("مقتل عشرين شخصا", 20, "عشرين"),
        ("قتل تسعون شخصا", 90, "تسعون"),
        ("قتل خمسة وعشرين شخصا", 25, "خمسة وعشرين"),
        ("قتل خمسة و عشرين شخصا", 25, "خمسة و عشرين"),
        ("مئة وخمسون جريحا", 150, "مئة وخمسون"),
        ("مائة وخمسة وعشرون جريحا", 125, "مائة وخمسة وعشرون"),
        ("مئتان من المقاتلين", 200, "مئتان"),
        ("نحو مئتي مقاتل", 200, "نحو مئتي"),
        ("ثلاثمائة عائلة", 300, "ثلاثمائة"),
        ("ثلاثمئة عائلة", 300, "ثلاثمئة"),
        ("ثلاث مئة عائلة", 300, "ثلاث مئة"),
        ("ألف مقاتل", 1000, "ألف"),
        ("ألفي لاجئ", 2000, "ألفي"),
        ("ألفان من اللاجئين", 2000, "ألفان"),
        ("ألف ومئتان من اللاجئين", 1200, "ألف ومئتان"),
        ("ألف ومئتان وخمسة وعشرون لاجئا", 1225, "ألف ومئتان وخمسة وعشرون"),
        ("ثلاثة آلاف نازح", 3000, "ثلاثة آلاف"),
        ("3 آلاف نازح", 3000, "3 آلاف"),
        ("ثلاثة آلاف وخمسمئة نازح", 3500, "ثلاثة آلاف وخمسمئة"),
        ("خمسة عشر ألفا من النازحين", 15000, "خمسة عشر ألفا"),
        ("عشرة آلاف نازح", 10000, "عشرة آلاف"),
        ("مئة ألف نازح", 100000, "مئة ألف"),
        ("2.5 مليون نازح", 2500000, "2.5 مليون"),
        ("٢٫٥ مليون نازح", 2500000, "٢٫٥ مليون"),
        ("مليون نازح", 1000000, "مليون"),
        ("نزوح مليون ونصف شخص", 1500000, "مليون ونصف"),
        ("نزوح ثلاثة ملايين ونصف", 3500000, "ثلاثة ملايين ونصف"),
        ("قتل شخص واحد", 1, "واحد"),
    ],
)
def test_exact_figures(text: str, value: int, span: str) -> None:
    q = only(text)
    assert q.value == value
    assert q.text == span
    if q.qualifier is None:
        assert q.literal == value
        assert not q.approximate


# ------------------------------------------------------------------ qualifiers


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "span"),
    [
        ("أقرت الجماعة بمقتل نحو 30 من مقاتليها", 30, "about", "نحو 30"),
        ("قتل قرابة 50 شخصا", 50, "about", "قرابة 50"),
        ("قتل حوالي 20 شخصا", 20, "about", "حوالي 20"),
        ("قتل حوالى 20 شخصا", 20, "about", "حوالى 20"),
        ("قتل زهاء مئة شخص", 100, "about", "زهاء مئة"),
        ("قتل ما يقارب 40 شخصا", 40, "about", "ما يقارب 40"),
        ("قتل ما لا يقل عن 12 شخصا", 12, "at_least", "ما لا يقل عن 12"),
        ("قتل 12 على الأقل", 12, "at_least", "12 على الأقل"),
        ("قتل على الأقل 7 أشخاص", 7, "at_least", "على الأقل 7"),
        ("قتل أكثر من 100 شخص", 100, "more_than", "أكثر من 100"),
        ("قتل ما يزيد على مئتي شخص", 200, "more_than", "ما يزيد على مئتي"),
        ("قتل أزيد من 15 شخصا", 15, "more_than", "أزيد من 15"),
        ("قتل عشرون ونيف", 20, "more_than", "عشرون ونيف"),
        ("قتل أقل من 10 أشخاص", 10, "less_than", "أقل من 10"),
        ("قتل أكثر من مئة وثلاثة عشر شخصا", 113, "more_than", "أكثر من مئة وثلاثة عشر"),
    ],
)
def test_qualifiers(text: str, value: int, qualifier: str, span: str) -> None:
    q = only(text)
    assert (q.value, q.literal, q.qualifier, q.text) == (value, value, qualifier, span)
    assert q.approximate


def test_qualifier_after_the_counted_noun_keeps_the_span_on_the_number() -> None:
    q = only("قتل 12 شخصا على الأقل في الهجوم")
    assert (q.value, q.qualifier, q.text) == (12, "at_least", "12")


# ------------------------------------------------------------------ vague quantities (ACLED values)


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("سقط عشرات القتلى", 10, "عشرات"),
        ("سقط العشرات من الجرحى", 10, "العشرات"),
        ("نزح مئات المدنيين", 100, "مئات"),
        ("نزح المئات", 100, "المئات"),
        ("نزح آلاف المدنيين", 1000, "آلاف"),
        ("نزح عشرات الآلاف", 10000, "عشرات الآلاف"),
        ("نزح مئات الآلاف", 100000, "مئات الآلاف"),
        ("دمرت عدد من الآليات", 3, "عدد من"),
        ("هاجموا عدة قرى", 3, "عدة"),
        ("أصيب بعدة رصاصات", 3, "عدة"),
        ("قتل بضعة أشخاص", 3, "بضعة"),
        ("قتل بعض المسلحين", 3, "بعض"),
        ("قتل العديد من المدنيين", 10, "العديد من"),
        ("قتل عدد كبير من المدنيين", 10, "عدد كبير من"),
        ("هاجموا أعداداً كبيرة من المقاتلين", 10, "أعداداً كبيرة من"),
    ],
)
def test_vague_quantities(text: str, value: int, span: str) -> None:
    q = only(text)
    assert (q.value, q.literal, q.qualifier, q.approximate, q.text) == (value, None, "vague", True, span)


# ------------------------------------------------------------------ duals


@pytest.mark.parametrize(
    ("text", "span", "noun"),
    [
        ("مقتل جنديين في الهجوم", "جنديين", "جنديين"),
        ("قتل جنديان", "جنديان", "جنديان"),
        ("سقوط قتيلين", "قتيلين", "قتيلين"),
        ("إصابة شخصين", "شخصين", "شخصين"),
        ("مقتل مدنيين اثنين", "مدنيين اثنين", "مدنيين"),
        ("مقتل جنديين اثنين", "جنديين اثنين", "جنديين"),
        ("مقتل امرأتين", "امرأتين", "امرأتين"),
        ("شن غارتين", "غارتين", "غارتين"),
        ("قتل مدنيان", "مدنيان", "مدنيان"),
    ],
)
def test_dual_nouns_are_two(text: str, span: str, noun: str) -> None:
    q = only(text)
    assert (q.value, q.literal, q.qualifier, q.text) == (2, 2, None, span)
    assert q.noun_start is not None
    assert text[q.noun_start :].startswith(noun)


def test_conjunction_before_a_postposed_two_is_not_part_of_the_noun() -> None:
    text = "قتل جندي ومدنيين اثنين"
    q = only(text)
    assert q.text == "مدنيين اثنين"
    assert q.noun_start == text.index("مدنيين")


def test_sound_plural_is_not_a_dual() -> None:
    assert quantities("قتل مدنيين في القصف") == []
    assert quantities("استهدف مسلحين") == []


# ------------------------------------------------------------------ not quantities


@pytest.mark.parametrize(
    "text",
    [
        "وقع الانفجار الساعة الثالثة",
        "وقع الانفجار الساعة 3",
        "وقع الانفجار عند الساعة الواحدة",
        "وقع الانفجار عند 10:30",
        "وقع الانفجار 3 صباحا",
        "شنت الحملة في 27 أكتوبر",
        "شنت الحملة في الثالث من نوفمبر",
        "شنت الحملة في 3 من نوفمبر",
        "شنت الحملة في أكتوبر 2022",
        "منذ العام ٢٠١١",
        "منذ 2011",
        "في عام ألفين واثنين وعشرين",
        "في عام 2022م",
        "في 15 ربيع الأول 1444 هـ",
        "اشتدت المعارك اليوم، الخميس 3 نوفمبر",
        "بتاريخ 3/11/2022",
        "ارتفعت الأسعار 30 في المئة",
        "ارتفعت الأسعار 30 بالمئة",
        "ارتفعت الأسعار 30%",
        "ارتفعت الأسعار ٣٠٪",
        "في القرن الحادي عشر",
        "في الطابق الثالث عشر",
        "الساعة الثالثة عشرة",
        "صدر القرار 2334",
        "عناصر اللواء 12",
        "يوم الاثنين",
        "وبعده جاء القائد",
        "لست أدري",
        "نزح نصف السكان",
        "بلغ الطول 1.5",
        "في محافظة الأنبار بين عامي 2014 و2016",
        "لا شيء هنا",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_range_is_two_numbers_not_their_sum() -> None:
    assert [q.value for q in quantities("قتل بين عشرة وعشرين")] == [10, 20]
    assert [q.value for q in quantities("قتل بين 10 و15 شخصا")] == [10, 15]


def test_sentence_end_is_not_a_thousands_separator() -> None:
    qs = quantities("قتل 12. وفي حادث آخر قتل 3")
    assert [(q.value, q.text) for q in qs] == [(12, "12"), (3, "3")]


def test_several_figures_in_one_sentence() -> None:
    qs = quantities("أدى إلى مقتل 40 من عناصر الجماعة وإحراق 5 آليات والاستيلاء على 9 آليات أخرى")
    assert [q.value for q in qs] == [40, 5, 9]


# ------------------------------------------------------------------ offsets


def test_offsets_with_diacritics_and_tatweel() -> None:
    text = "قُتِلَ ثلاثــةٌ وعشرونَ جنديًّا، وأُصيبَ نحوُ ٤٠ آخرين"
    qs = quantities(text)
    assert [q.value for q in qs] == [23, 40]
    assert qs[0].text == "ثلاثــةٌ وعشرونَ"
    assert qs[1].text == "نحوُ ٤٠"
    assert qs[1].qualifier == "about"


def test_exclude_spans_from_the_date_stage() -> None:
    text = "قبل ثلاثة أيام قتل 5 أشخاص"
    nt = normalize(text)
    assert [q.value for q in find_quantities(nt)] == [3, 5]
    dates = [(d.start, d.end) for d in find_date_expressions(nt)]
    assert [q.value for q in find_quantities(nt, exclude=dates)] == [5]


def test_quantity_is_immutable() -> None:
    q = only("قتل 12 شخصا")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 3  # type: ignore[misc]


# ------------------------------------------------------------------ the seed article


def test_seed_sentences() -> None:
    qs = quantities(
        "وقد أقرّت جماعة نصرة الإسلام والمسلمين بمقتل نحو 30 من مقاتليها في الاشتباكات. "
        "وأسفرت تلك الحملة عن مقتل 10 من عناصر داعش"
    )
    assert [(q.value, q.qualifier, q.text) for q in qs] == [(30, "about", "نحو 30"), (10, None, "10")]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    qs = quantities(text)
    assert [(q.value, q.literal) for q in qs] == [
        (3, None),  # «عدد من الآليات»
        (30, 30),  # «نحو 30 من مقاتليها»
        (10, 10),
        (10, None),  # «أعداداً كبيرة من مقاتلي»
        (40, 40),
        (5, 5),
        (9, 9),
    ]


# ------------------------------------------------------------------ parse_number_words


@pytest.mark.parametrize(
    ("words", "language", "value"),
    [
        ("مئة وخمسون", "ar", 150),
        ("خمسة وعشرين", "ar", 25),
        ("ثلاثة آلاف وخمسمئة", "ar", 3500),
        ("ألف ومئتان وخمسة وعشرون", "ar", 1225),
        ("اثنا عشر", "ar", 12),
        ("ثلاثة", "ar", 3),
        ("12", "ar", 12),
        ("عشرات", "ar", None),
        ("ليس رقما", "ar", None),
        ("twenty-five", "en", 25),
        ("two hundred and fifty", "en", 250),
        ("quatre-vingt-dix-neuf", "fr", 99),
        ("vingt et un", "fr", 21),
        ("un", "fr", 1),
    ],
)
def test_parse_number_words(words: str, language: str, value: int | None) -> None:
    assert parse_number_words(words, language) == value


# ------------------------------------------------------------------ English and French basics


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("At least 12 people were killed", "en", [(12, "at_least", "At least 12")]),
        ("dozens were wounded", "en", [(12, "vague", "dozens")]),
        ("about 30 fighters", "en", [(30, "about", "about 30")]),
        (
            "more than two hundred and fifty civilians",
            "en",
            [(250, "more_than", "more than two hundred and fifty")],
        ),
        (
            "twenty-five soldiers and several vehicles",
            "en",
            [(25, None, "twenty-five"), (3, "vague", "several")],
        ),
        ("hundreds of families", "en", [(100, "vague", "hundreds of")]),
        ("tens of thousands of people", "en", [(10000, "vague", "tens of thousands of")]),
        ("two thousand people", "en", [(2000, None, "two thousand")]),
        ("one million and a half", "en", [(1500000, None, "one million and a half")]),
        ("des dizaines de milliers de déplacés", "fr", [(10000, "vague", "des dizaines de milliers de")]),
        ("deux cent trois morts", "fr", [(203, None, "deux cent trois")]),
        ("prices rose 3 percent on November 3, 2022", "en", []),
        ("Au moins 12 morts", "fr", [(12, "at_least", "Au moins 12")]),
        ("une dizaine de blessés", "fr", [(10, "vague", "une dizaine de")]),
        ("une trentaine de combattants", "fr", [(30, "vague", "une trentaine de")]),
        ("vingt et un soldats", "fr", [(21, None, "vingt et un")]),
        ("des dizaines de maisons", "fr", [(10, "vague", "des dizaines de")]),
        ("il y a un mort", "fr", []),
        ("le 3 novembre 2022", "fr", []),
    ],
)
def test_english_and_french(text: str, language: str, expected: list[tuple[int, str | None, str]]) -> None:
    assert [(q.value, q.qualifier, q.text) for q in quantities(text, language)] == expected


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="no number vocabulary"):
        find_quantities(normalize("12"), "xx")
