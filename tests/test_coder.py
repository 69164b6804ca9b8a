"""The coder's rules on short texts written for these tests (fictional events in real places)."""

from __future__ import annotations

import marsad


def _events(text: str, date: str | None = "2024-03-12"):
    coded = marsad.code_article(text, publication_date=date, outlet="Test Wire")
    assert coded.error is None, coded.error
    return coded.events


def test_admission_beats_the_enemys_claim():
    (e,) = _events(
        "أعلن الجيش المالي مقتل خمسة من جنوده في كمين نصبه مسلحون أمس الاثنين قرب بلدة أنسونغو. "
        "وزعمت جماعة نصرة الإسلام والمسلمين في بيان نشرته مؤسسة الزلاقة أن مقاتليها قتلوا 19 جندياً في الكمين."
    )
    assert e.event_type == "Battles" and e.location == "Ansongo"
    assert e.event_date.isoformat() == "2024-03-11"
    assert e.fatalities == 5 and (e.fatalities_low, e.fatalities_high) == (5, 19)
    kinds = {(c.claimant, c.type, c.killed) for c in e.claims}
    assert ("Military Forces of Mali", "admission", 5) in kinds
    assert ("JNIM: Group for Support of Islam and Muslims", "claim", 19) in kinds
    assert {e.actor1.name, e.actor2.name} == {"JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali"}


def test_two_villages_are_two_events_and_the_toll_is_split():
    events = _events(
        "قالت مصادر محلية إن تنظيم داعش هاجم يوم الأحد قريتي تامالات وإنيكار في منطقة ميناكا، "
        "ما أسفر عن مقتل 11 مدنياً."
    )
    assert sorted(e.location for e in events) == ["Inekar", "Tamalat"]
    assert sorted(e.fatalities for e in events) == [5, 6]
    assert all(e.event_type == "Violence against civilians" and e.actor2.name == "Civilians (Mali)" for e in events)


def test_an_unconfirmed_death_adds_nothing():
    (e,) = _events(
        "اندلعت اشتباكات عنيفة أمس بين الجيش الصومالي وحركة الشباب في بلدة جلب. "
        "وتداولت مواقع التواصل أنباء عن مقتل قائد ميداني في الحركة، لكن لم يتم تأكيد ذلك."
    )
    assert e.fatalities == 0 and e.fatalities_high == 1
    assert any(c.type == "unconfirmed" and c.killed == 1 for c in e.claims)


def test_analysis_yields_no_event():
    assert _events(
        "يرى محللون أن الجماعات المسلحة في منطقة الساحل تشن هجمات متكررة على القوافل العسكرية منذ سنوات، "
        "وأن الحلول الأمنية وحدها لن تكفي لوقف العنف في مالي والنيجر وبوركينا فاسو."
    ) == []


def test_a_death_sentence_is_no_killing():
    assert _events("أصدرت محكمة في بغداد اليوم حكماً بالإعدام على مدان بالانتماء إلى تنظيم داعش.") == []


def test_evidence_points_into_the_original_text():
    text = "قُتل ثلاثة مدنيين، أمس الاثنين، بقصف مدفعي لقوات الدعم السريع على حي سكني في مدينة الفاشر."
    (e,) = _events(text)
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.actor1.name == "Rapid Support Forces" and e.actor2.name == "Civilians (Sudan)"
    for spans in e.evidence.values():
        for span in spans:
            assert text[span.start : span.end] == span.text
    assert e.evidence["location"][0].text == "الفاشر"


def test_year_inferred_from_weekday_when_no_publication_date():
    (e,) = _events("اشتبك الجيش النيجري مع مسلحين من ولاية غرب إفريقيا يوم الخميس 3 نوفمبر قرب بلدة مارتي.", date=None)
    assert e.event_date.isoformat() == "2022-11-03"


def test_bad_input_is_reported_not_raised():
    assert marsad.code_article("   ").error == "empty text"
    assert "unsupported language" in marsad.code_article("Привет, мир. Это текст.").error
    assert "publication_date" in marsad.code_article("نص", publication_date="2022-02-30").error
