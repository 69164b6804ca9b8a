"""English and French reports: the same stages with their own lexicons, one ontology, one catalogue,
one gazetteer — and the three languages' reports of one clash fused into one event.

Texts are written for these tests (fictional events in real places).
"""

from __future__ import annotations

import marsad
from marsad.fuse.fuse import SourceRef, fuse
from marsad.text.language import detect_language, paragraph_languages
from marsad.text.segment import split_paragraphs

AR = (
    "قُتل خمسة جنود ماليين في هجوم شنه مسلحون من جماعة نصرة الإسلام والمسلمين يوم الاثنين على موقع للجيش "
    "في بلدة بوني بولاية موبتي، بحسب مصادر محلية."
)
EN = (
    "Mali's army said on Wednesday that five of its soldiers were killed and 20 terrorists neutralised when "
    "militants of the Group for Support of Islam and Muslims (JNIM) attacked its post at Boni, in the Mopti "
    "region, on Monday."
)
FR = (
    "L'armée malienne a indiqué mercredi que cinq de ses soldats ont été tués et 20 terroristes neutralisés "
    "lundi lors d'une attaque du GSIM contre son poste de Boni, dans la région de Mopti."
)


def _code(text: str, date: str = "2023-08-16", language: str | None = None):
    coded = marsad.code_article(text, publication_date=date, outlet="Test Wire", language=language)
    assert coded.error is None, coded.error
    return coded


def test_language_is_detected_and_can_be_overridden():
    assert detect_language(EN).code == "en"
    assert detect_language(FR).code == "fr"
    assert detect_language(AR).code == "ar"
    assert _code(FR).article.language == "fr"
    assert _code(FR, language="fr").article.language == "fr"
    bad = marsad.code_article(FR, publication_date="2023-08-16", language="ar")
    assert bad.error is not None and "script" in bad.error


def test_one_clash_in_three_languages_is_one_place_one_actor_one_day():
    records = {}
    for lang, text in (("ar", AR), ("en", EN), ("fr", FR)):
        (e,) = _code(text).events
        records[lang] = e
        assert e.location == "Boni" and e.admin1 == "Mopti", (lang, e.location)
        assert e.event_date.isoformat() == "2023-08-14", (lang, e.event_date)
        names = {e.actor1.name, e.actor2.name}
        assert names == {"JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali"}, (lang, names)
    fused = fuse(
        (r, SourceRef(article_id=lang, outlet="Test Wire", language=lang, record=r)) for lang, r in records.items()
    )
    assert len(fused) == 1


def test_a_communique_with_tolls_for_both_sides_is_two_claims_by_one_claimant():
    (e,) = _code(EN).events
    claims = {(c.claimant, c.type, c.killed, getattr(c.victim, "name", c.victim)) for c in e.claims}
    assert ("Military Forces of Mali", "admission", 5, "Military Forces of Mali") in claims
    assert ("Military Forces of Mali", "claim", 20, "JNIM: Group for Support of Islam and Muslims") in claims
    assert (e.fatalities_low, e.fatalities_high) == (5, 25) or e.fatalities == 25
    (f,) = _code(FR).events
    kinds = {(c.type, c.killed) for c in f.claims}
    assert ("admission", 5) in kinds and ("claim", 20) in kinds


def test_passive_report_of_unidentified_gunmen_against_civilians():
    (e,) = _code(
        "Unidentified gunmen killed at least 12 villagers near Kukawa in Borno State on Sunday, "
        "local officials said.",
        date="2022-10-12",
    ).events
    assert e.event_type == "Violence against civilians"
    assert e.actor1.name == "Unidentified Armed Group (Nigeria)" and e.actor2.name == "Civilians (Nigeria)"
    assert e.fatalities == 12 and e.event_date.isoformat() == "2022-10-09"
    (f,) = _code(
        "Des hommes armés non identifiés ont tué une dizaine de civils dimanche dans le village de Boni, "
        "dans la région de Mopti, selon des sources locales.",
    ).events
    assert f.event_type == "Violence against civilians" and f.fatalities == 10
    assert f.actor1.name == "Unidentified Armed Group (Mali)"


def test_an_unclaimed_attack_keeps_its_unidentified_perpetrator():
    (e,) = _code(
        "Gunmen killed seven civilians in the village of Boni, in the Mopti region, on Monday, residents said. "
        "No group has claimed the attack, but JNIM fighters are active in the area and JNIM has attacked "
        "the town before."
    ).events
    assert e.actor1.name == "Unidentified Armed Group (Mali)"


def test_a_statement_day_is_not_the_event_day():
    (e,) = _code(
        "Al-Shabaab fighters attacked an army base in Adan Yabaal, in the Middle Shabelle region, on Tuesday. "
        "Al-Shabaab claimed the attack on Wednesday through its Radio Andalus, saying it had killed 20 soldiers.",
        date="2023-03-16",
    ).events
    assert e.event_date.isoformat() == "2023-03-14"
    assert any(c.killed == 20 and c.type == "claim" for c in e.claims)


def test_paragraphs_in_another_language_are_read_with_their_own_lexicons():
    text = (
        "L'armée malienne a annoncé lundi avoir repoussé une attaque contre son poste de Boni, dans la région "
        "de Mopti, et publié le communiqué du groupe.\n\n"
        "وقالت جماعة نصرة الإسلام والمسلمين في بيان إن مقاتليها قتلوا 14 جندياً في الهجوم على بوني."
    )
    paras = split_paragraphs(text)
    assert paragraph_languages(text, paras, "fr") == [(paras[1][0], paras[1][1], "ar")]
    coded = _code(text, date="2023-08-15")
    (e,) = coded.events
    assert e.location == "Boni"
    assert any(c.killed == 14 and c.claimant.startswith("JNIM") for c in e.claims)


def test_short_and_headline_paragraphs_keep_the_article_language():
    text = "Mali : attaque à Boni\n\nMali's army said five soldiers were killed in an attack on its post at Boni."
    assert paragraph_languages(text, split_paragraphs(text), "en") == []


def test_short_headlines_are_identified_by_their_vocabulary():
    assert detect_language("Mali: army repels attack").code == "en"
    assert detect_language("Clashes near Menaka").code == "en"
    assert detect_language("Niger : 7 soldats tués").code == "fr"
    assert detect_language("Explosion à Gao").code == "fr"
    # a competing language's function words still win over accents
    assert detect_language("Hola, ¿cómo estás? El ejército").code is None


def test_the_armys_own_losses_and_the_enemys_dead_in_one_sentence():
    (e,) = _code(
        "The Malian army said it lost 5 soldiers and neutralised 20 terrorists in fighting near Boni, "
        "in the Mopti region, on Monday."
    ).events
    kinds = {(c.type, c.killed) for c in e.claims}
    assert kinds == {("admission", 5), ("claim", 20)}
    assert e.fatalities == 25
    (f,) = _code(
        "L'armée malienne a indiqué qu'elle a perdu 5 soldats et neutralisé 20 terroristes lors de combats "
        "près de Boni, dans la région de Mopti, lundi."
    ).events
    assert {(c.type, c.killed) for c in f.claims} == {("admission", 5), ("claim", 20)}


def test_french_and_english_date_and_number_forms():
    cases = [
        ("Des hommes armés ont attaqué dans la nuit de samedi à dimanche le village de Tamalat, près de "
         "Ménaka, tuant une trentaine de civils.", "2023-08-16", "2023-08-12", 1, 30),
        ("Des hommes armés ont attaqué mardi dernier le village de Tamalat, près de Ménaka, tuant une "
         "dizaine de civils.", "2023-08-16", "2023-08-15", 1, 10),
        ("Gunmen attacked the village of Tamalat near Menaka on Tuesday, killing at least 12 civilians, "
         "residents said.", "2023-08-16", "2023-08-15", 1, 12),
        ("Gunmen attacked the village of Tamalat near Menaka early this week, killing dozens of civilians, "
         "residents said.", "2023-08-18", "2023-08-14", 2, 12),
    ]
    for text, published, day, precision, killed in cases:
        (e,) = _code(text, date=published).events
        assert (e.event_date.isoformat(), e.time_precision, e.fatalities) == (day, precision, killed), text
        assert e.location == "Tamalat" and e.actor2.name == "Civilians (Mali)"


def test_no_one_killed_is_a_toll_of_zero_that_does_not_hide_a_real_one():
    (e,) = _code(
        "Gunmen abducted ten people from a hamlet near Boni, in the Mopti region, on Monday, a local official "
        "said. No one was killed."
    ).events
    assert e.sub_event_type == "Abduction/forced disappearance" and e.fatalities == 0
    assert any(c.killed == 0 for c in e.claims)
    (f,) = _code(
        "Des hommes armés ont tué cinq civils lundi dans le village de Boni, dans la région de Mopti, selon un "
        "élu local. L'armée affirme pour sa part qu'aucune victime n'est à déplorer."
    ).events
    assert f.fatalities == 5


def test_an_earlier_event_recalled_without_its_day_is_background():
    events = _code(
        "Burkina Faso : une embuscade meurtrière près de Djibo\n\n"
        "Ouagadougou – Au moins douze soldats ont été tués jeudi dans une embuscade tendue par des jihadistes "
        "près de Djibo, selon une source sécuritaire.\n\n"
        "Cette attaque intervient une semaine après celle de Sebba, où une trentaine de civils avaient été tués.",
        date="2024-05-10",
    ).events
    assert [(e.location, e.fatalities) for e in events] == [("Djibo", 12)]
