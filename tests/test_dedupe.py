"""Exact and near duplicates: reprints are found, different reports of the same clash are not."""

from __future__ import annotations

import random

import pytest

from marsad.ingest.dedupe import (
    NearDuplicateIndex,
    content_hash,
    figures,
    jaccard,
    minhash,
    normalized_text,
    optimal_bands,
    shingles,
)

# A 12-paragraph Arabic report (one outlet's story of a clash).
STORY = [
    "اشتدت المعارك يوم الخميس غرب ولاية ميناكا شمال شرقي مالي بين جماعة نصرة الإسلام والمسلمين التابعة "
    "لتنظيم القاعدة وتنظيم داعش في الصحراء الكبرى، بحسب ما أفادت مصادر محلية وأمنية متطابقة.",
    "وقالت المصادر إن الاشتباكات اندلعت في ساعات الصباح الأولى قرب بلدة تيدرمين واستمرت حتى المساء، "
    "واستخدم فيها الطرفان الأسلحة الثقيلة والدراجات النارية.",
    "وأكد مسؤول محلي أن ثمانية مدنيين على الأقل قتلوا خلال المعارك، فيما أصيب آخرون بجروح متفاوتة نقلوا "
    "على إثرها إلى المركز الصحي في مدينة ميناكا.",
    "ولم يتسن التحقق بشكل مستقل من حصيلة القتلى في صفوف المقاتلين، غير أن سكانا تحدثوا عن جثث كثيرة "
    "شوهدت في محيط البلدة بعد انسحاب المسلحين.",
    "وأشار شهود عيان إلى أن مئات العائلات فرت من القرى المجاورة باتجاه مدينة ميناكا خشية امتداد القتال، "
    "في ظل نقص حاد في الغذاء والمياه.",
    "ويتنافس التنظيمان منذ سنوات على النفوذ في منطقة الحدود الثلاثية بين مالي والنيجر وبوركينا فاسو، "
    "وهي منطقة تشهد أعمال عنف متكررة.",
    "ولم يصدر أي تعليق رسمي من السلطات الانتقالية في باماكو حتى الآن على هذه الاشتباكات التي تعد الأعنف "
    "في المنطقة منذ أشهر.",
    "ودعت منظمات إنسانية إلى حماية المدنيين وتسهيل وصول المساعدات إلى النازحين الذين يعيشون في ظروف صعبة.",
    "وكانت المنطقة قد شهدت خلال الأسابيع الماضية هجمات متفرقة استهدفت قرى ومخيمات للرعاة، ما أدى إلى نزوح "
    "آلاف السكان نحو المدن الكبرى.",
    "ويقول محللون إن انسحاب القوات الأجنبية من شمال البلاد ترك فراغا أمنيا استغلته الجماعات المسلحة لتوسيع "
    "نفوذها وفرض الإتاوات على السكان.",
    "وتتهم منظمات حقوقية أطراف النزاع بارتكاب انتهاكات جسيمة بحق المدنيين، من بينها الإعدامات الميدانية "
    "وحرق المنازل ونهب المواشي.",
    "وتعهدت السلطات المحلية بإرسال تعزيزات إلى المنطقة في الأيام المقبلة، دون أن تحدد طبيعة هذه التعزيزات "
    "أو موعد وصولها.",
]
AR = "\n\n".join(STORY)

# Another outlet's report of the same clash: same facts, same names, its own words.
OTHER_REPORT_AR = "\n\n".join([
    "قتل ثمانية مدنيين على الأقل في اشتباكات عنيفة دارت الخميس بين مسلحين من تنظيم الدولة الإسلامية في "
    "الصحراء الكبرى وعناصر من جماعة نصرة الإسلام والمسلمين قرب تيدرمين في منطقة ميناكا بشمال مالي، وفق ما "
    "أعلن مسؤولون محليون الجمعة.",
    "وأوضح أحد المسؤولين، طالبا عدم الكشف عن هويته لأسباب أمنية، أن المواجهات بدأت فجرا ولم تتوقف إلا مع "
    "حلول الليل، مضيفا أن عشرات المقاتلين من الجانبين سقطوا.",
    "وتسبب القتال في موجة نزوح جديدة، إذ وصلت مئات الأسر إلى ميناكا خلال الساعات الماضية، بحسب عاملين في "
    "المجال الإنساني.",
    "ويخوض الفرعان المحليان للقاعدة وداعش صراعا داميا على مناطق النفوذ في الساحل منذ عام 2020.",
    "ولم تعلق الحكومة المالية على الأحداث.",
])

EN_PARAS = [
    "BAMAKO, Mali (AP) — Fighting between two rival jihadist groups killed at least 8 civilians on Thursday "
    "near the town of Tidermene in Mali's Menaka region, local officials said.",
    "The clashes between fighters of al-Qaida's affiliate JNIM and the Islamic State group in the Greater "
    "Sahara began at dawn and lasted until the evening, according to two officials who spoke on condition "
    "of anonymity because they were not authorized to talk to reporters.",
    "Residents said they saw many bodies around the town after the fighters withdrew, but the toll among "
    "the combatants could not be independently verified.",
    "Hundreds of families fled toward the city of Menaka, where aid workers said food and water were "
    "running short.",
    "The two groups have fought for years over territory in the tri-border area between Mali, Niger and "
    "Burkina Faso, one of the most violent regions of the Sahel.",
    "Mali's transitional authorities in Bamako did not comment on the fighting.",
    "Human rights groups have accused all sides of abuses against civilians, including summary executions "
    "and the burning of homes.",
    "Analysts say the withdrawal of foreign forces from the north has left a security vacuum that armed "
    "groups have used to extend their reach and tax the local population.",
]
EN = "\n\n".join(EN_PARAS)


@pytest.fixture()
def index() -> NearDuplicateIndex:
    ix = NearDuplicateIndex()
    ix.add("sahel-1", AR)
    ix.add("ap-1", EN)
    return ix


# ---------------------------------------------------------------- exact: content_hash


def test_content_hash_ignores_encoding_wrapping_and_spacing():
    rewrapped = AR.replace("\n\n", " ").replace("، ", "،\n")
    reencoded = AR.encode("cp1256").decode("cp1256")
    assert content_hash(rewrapped) == content_hash(AR) == content_hash(reencoded)
    assert content_hash("  " + AR.replace(" ", "   ") + "\n") == content_hash(AR)


def test_content_hash_ignores_diacritics_letter_forms_and_tatweel():
    vocalised = "اشتدّت المعـارك يومَ الخميسِ غربَ ولايه ميناكا بين جماعة نصرة الاسلام والمسلمين"
    plain = "اشتدت المعارك يوم الخميس غرب ولاية ميناكا بين جماعة نصرة الإسلام والمسلمين"
    assert content_hash(vocalised) == content_hash(plain)
    assert content_hash("ﻻ يوجد") == content_hash("لا يوجد")  # presentation forms (NFKC)
    assert content_hash("قتل ٨ مدنيين") == content_hash("قتل 8 مدنيين")  # Arabic-Indic digits
    assert content_hash("Clashes near MÉNAKA") == content_hash("clashes near Menaka")


def test_content_hash_differs_for_different_text():
    assert content_hash(AR) != content_hash(AR.replace("ثمانية", "تسعة"))
    assert len(content_hash("")) == 64 and normalized_text(" a \n b ") == "a b"


# ---------------------------------------------------------------- near duplicates: found


def test_same_text_under_another_headline(index):
    # Marsad keeps the headline in Article.title, so a retitled reprint has the same text
    assert index.find(AR) == "sahel-1"
    assert index.find(EN) == "ap-1"


def test_reprint_with_a_paragraph_added(index):
    intro = ("وفي سياق متصل، تواصل الجماعات المسلحة في منطقة الساحل توسيع رقعة نشاطها رغم الجهود الإقليمية "
             "والدولية المبذولة لاحتواء الأزمة الأمنية المتفاقمة.")
    reprint = intro + "\n\n" + AR
    assert jaccard(reprint, AR) > 0.85
    assert index.find(reprint) == "sahel-1"


def test_reprint_with_a_changed_paragraph(index):
    changed = STORY[:7] + [
        "وطالبت هيئات إغاثية دولية بضمان سلامة السكان وفتح ممرات آمنة لإيصال المعونات إلى العائلات المشردة.",
    ] + STORY[8:]
    reprint = "\n\n".join(changed)
    assert 0.8 < jaccard(reprint, AR) < 1
    assert index.find(reprint) == "sahel-1"


def test_reprint_with_diacritics_and_spelling_variants(index):
    vocalised = (AR.replace("اشتدت", "اشتدّت").replace("المعارك", "المعـارك").replace("الإسلام", "الاسلام")
                 .replace("ولاية", "ولايه").replace("إلى", "الى").replace("مدينة", "مَدينة"))
    assert vocalised != AR and content_hash(vocalised) == content_hash(AR)
    assert index.find(vocalised) == "sahel-1"


def test_wire_copy_trimmed_and_retitled(index):
    trimmed = "\n\n".join(EN_PARAS[:-1])  # a subscriber cut the last paragraph
    assert index.find(trimmed) == "ap-1"
    assert index.matches(trimmed)[0][1] >= 0.8


# ---------------------------------------------------------------- near duplicates: not found


def test_another_report_of_the_same_clash_is_not_a_duplicate(index):
    # same clash, same place, same toll, same groups: fusion's job, not dedupe's
    assert jaccard(OTHER_REPORT_AR, AR) < 0.1
    assert index.find(OTHER_REPORT_AR) is None


def test_english_report_of_the_same_clash_is_not_a_duplicate_of_the_arabic_one(index):
    index.remove("ap-1")
    assert index.find(EN) is None


def test_toll_update_is_not_a_duplicate():
    ix = NearDuplicateIndex()
    ix.add("sahel-1", AR)
    update = AR.replace("ثمانية مدنيين", "اثني عشر مدنيا")
    assert jaccard(update, AR) > 0.9
    assert ix.find(update) is None  # a new figure: must be coded, and fused as an update
    digits = EN.replace("at least 8 civilians", "at least 12 civilians")
    ix.add("ap-1", EN)
    assert ix.find(digits) is None
    # without the figures rule, textual similarity alone would call them copies
    loose = NearDuplicateIndex(figures_must_match=False)
    loose.add("sahel-1", AR)
    assert loose.find(update) == "sahel-1"


def test_a_roundup_that_contains_the_story_is_not_a_copy_of_it(index):
    roundup = "\n\n".join([AR, OTHER_REPORT_AR] + STORY[::-1][:2] + ["\n\n".join(EN_PARAS)])
    assert index.find(roundup) is None


def test_empty_and_short_texts():
    ix = NearDuplicateIndex()
    assert ix.add("empty", "  ،،  ") is False and "empty" not in ix and len(ix) == 0
    assert ix.find("") is None
    assert ix.add("short", "اشتباكات في ميناكا")
    assert ix.find("اشتباكات في ميناكا") == "short"
    assert ix.find("اشتباكات في غاو") is None
    assert shingles("a b c") == {"a b c"}


# ---------------------------------------------------------------- index bookkeeping


def test_readding_an_id_replaces_its_text_and_remove_forgets(index):
    index.add("sahel-1", OTHER_REPORT_AR)
    assert index.find(AR) is None and index.find(OTHER_REPORT_AR) == "sahel-1"
    index.remove("sahel-1")
    index.remove("never-added")
    assert index.find(OTHER_REPORT_AR) is None and len(index) == 1


def test_best_match_first():
    ix = NearDuplicateIndex()
    ix.add("original", AR)
    ix.add("reprint", AR + "\n\nوقالت مصادر محلية إن الوضع لا يزال متوترا في المنطقة.")
    assert [m[0] for m in ix.matches(AR)] == ["original", "reprint"]
    assert ix.find(AR) == "original"


def test_threshold_is_configurable():
    strict = NearDuplicateIndex(threshold=0.99)
    strict.add("sahel-1", AR)
    changed = "\n\n".join(STORY[:7] + ["نص مختلف تماما في هذه الفقرة عن الإغاثة والمساعدات الإنسانية."] + STORY[8:])
    assert strict.find(changed) is None and strict.find(AR) == "sahel-1"
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
    with pytest.raises(ValueError):
        NearDuplicateIndex(bands=500)


def test_many_texts_only_the_copy_is_found():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)]
    ix = NearDuplicateIndex()
    docs = {f"d{i}": " ".join(rng.choice(vocab) for _ in range(150)) for i in range(300)}
    for k, v in docs.items():
        ix.add(k, v)
    ix.add("sahel-1", AR)
    assert ix.find(AR) == "sahel-1"
    assert ix.find(docs["d123"] + " w1 w2 w3") == "d123"
    assert ix.find(" ".join(rng.choice(vocab) for _ in range(150))) is None


# ---------------------------------------------------------------- persistence


def test_round_trip_through_bytes(index):
    data = index.to_bytes()
    again = NearDuplicateIndex.from_bytes(data)
    assert len(again) == 2 and "sahel-1" in again
    assert (again.threshold, again.bands, again.rows) == (index.threshold, index.bands, index.rows)
    assert again.find(AR) == "sahel-1" and again.find(OTHER_REPORT_AR) is None
    assert again.find(AR.replace("ثمانية مدنيين", "اثني عشر مدنيا")) is None  # figures persisted
    assert again.to_bytes() == data
    empty = NearDuplicateIndex.from_bytes(NearDuplicateIndex().to_bytes())
    assert len(empty) == 0 and empty.find(AR) is None


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda b: b"not an index", "bad magic"),
        (lambda b: b[:20], "corrupt"),
        (lambda b: b[:-4], "does not match its header"),
        (lambda b: b.replace(b'"format":1', b'"format":9'), "unsupported near-duplicate index format 9"),
    ],
)
def test_corrupt_bytes_are_refused(index, mutate, message):
    with pytest.raises(ValueError, match=message):
        NearDuplicateIndex.from_bytes(mutate(index.to_bytes()))


# ---------------------------------------------------------------- building blocks


def test_minhash_estimates_jaccard():
    a = shingles(AR)
    b = shingles("\n\n".join(STORY[:9]))
    exact = len(a & b) / len(a | b)
    sa, sb = minhash(a), minhash(b)
    assert abs((sa == sb).mean() - exact) < 0.15
    assert (minhash(a) == sa).all()  # deterministic: stable hash functions


def test_optimal_bands_catch_pairs_at_the_threshold():
    bands, rows = optimal_bands(0.8)
    assert bands * rows <= 128
    assert 1 - (1 - 0.7**rows) ** bands >= 0.99  # even a pair at J = 0.7 almost surely is a candidate
    assert 1 - (1 - 0.1**rows) ** bands < 0.01  # unrelated texts almost never are
    assert optimal_bands(0.5) == (64, 2) and optimal_bands(0.9) == (21, 6)


def test_figures():
    assert figures("قتل ثمانية مدنيين وأصيب 12 آخرون") == {"ثمانيه", "12"}
    assert figures("وثلاثة جنود") == {"ثلاثه"}
    assert figures("at least 8 civilians and dozens of fighters") == {"8", "dozens"}
    assert figures("la guerre") == frozenset()
