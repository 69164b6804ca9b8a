"""Ingest: every reader, and every kind of bad input ending in a one-line error while the batch goes on."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from marsad.ingest import (
    DEFAULT_MAX_BYTES,
    IngestError,
    article_from_record,
    detect_language,
    make_article,
    read_articles,
    read_sources,
)
from marsad.ingest.decode import DecodeError, decode_bytes
from marsad.models import Article
from marsad.text.language import check_language, normalize_language_code

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_TEXT = (REPO / "samples" / "seed-ar-001.txt").read_text(encoding="utf-8")

AR = "اشتدت المعارك اليوم الخميس غرب ولاية ميناكا شمال مالي بين جماعة نصرة الإسلام والمسلمين وتنظيم داعش."
EN = "Clashes broke out on Thursday between the two groups in the west of the Menaka region, sources said."
FR = "Des affrontements ont éclaté jeudi entre les deux groupes dans l'ouest de la région de Ménaka."


def read(source, **kwargs) -> list[Article | IngestError]:
    return list(read_articles(source, **kwargs))


def only(source, **kwargs) -> Article | IngestError:
    items = read(source, **kwargs)
    assert len(items) == 1, items
    return items[0]


def error_of(source, **kwargs) -> str:
    item = only(source, **kwargs)
    assert isinstance(item, IngestError), item
    assert "\n" not in item.reason
    return item.reason


# ---------------------------------------------------------------- text files


def test_text_file_is_one_article_named_by_its_stem(tmp_path):
    path = tmp_path / "report-7.txt"
    path.write_text(AR, encoding="utf-8")
    a = only(path, publication_date="2022-11-03", outlet="Akhbar Al Aan")
    assert isinstance(a, Article)
    assert (a.id, a.text, a.language) == ("report-7", AR, "ar")
    assert a.publication_date == dt.date(2022, 11, 3) and a.outlet == "Akhbar Al Aan"


def test_seed_sample_reads_unchanged_so_offsets_hold():
    a = only(REPO / "samples" / "seed-ar-001.txt")
    assert a.id == "seed-ar-001" and a.language == "ar" and a.publication_date is None
    assert a.text == SEED_TEXT


def test_utf8_bom_is_dropped_and_utf16_with_bom_is_read(tmp_path):
    (tmp_path / "bom8.txt").write_bytes(AR.encode("utf-8-sig"))
    (tmp_path / "bom16.txt").write_bytes(EN.encode("utf-16"))  # with BOM, as PowerShell writes
    (tmp_path / "bom16be.txt").write_bytes(b"\xfe\xff" + FR.encode("utf-16-be"))
    texts = {a.id: a for a in read(tmp_path)}
    assert texts["bom8"].text == AR
    assert texts["bom16"].text == EN and texts["bom16"].language == "en"
    assert texts["bom16be"].text == FR and texts["bom16be"].language == "fr"


def test_windows_arabic_is_read_when_it_decodes_to_arabic(tmp_path):
    path = tmp_path / "cp1256.txt"
    path.write_bytes(AR.encode("cp1256"))
    a = only(path)
    assert isinstance(a, Article) and a.text == AR and a.language == "ar"


# ---------------------------------------------------------------- bad files


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert only(tmp_path / "empty.txt") == IngestError("empty", "empty file")


def test_blank_file(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    assert error_of(tmp_path / "blank.txt") == "empty file (only white space)"


def test_binary_file_with_nul_bytes(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert error_of(tmp_path / "image.txt") == "binary data, not text (contains NUL bytes)"


def test_binary_file_without_nul_bytes(tmp_path):
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 256)) * 20)
    assert error_of(tmp_path / "noise.txt").startswith("binary data, not text")


def test_valid_utf8_that_is_mostly_control_characters_is_binary(tmp_path):
    (tmp_path / "ctl.txt").write_bytes(b"\x01\x02\x03\x04 abc " * 50)
    assert error_of(tmp_path / "ctl.txt") == "binary data, not text (mostly non-text characters)"


def test_latin1_text_is_not_utf8(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(FR.encode("latin-1"))
    assert error_of(tmp_path / "latin1.txt") == "not UTF-8 text (invalid byte 0xe9 at offset 22)"


def test_file_over_the_limit_is_refused(tmp_path):
    (tmp_path / "big.txt").write_text(AR * 10, encoding="utf-8")
    reason = error_of(tmp_path / "big.txt", max_bytes=100)
    assert reason.startswith("file too large: ") and "over the 100-byte limit (--max-bytes)" in reason
    assert isinstance(only(tmp_path / "big.txt"), Article)  # the default limit is 5 MB


def test_a_50_mb_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    chunk = (AR + "\n").encode("utf-8") * (1 << 14)
    with path.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        reason = error_of(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason.startswith("file too large: 52,428,800 bytes, ")
    assert f"over the {DEFAULT_MAX_BYTES:,}-byte limit" in reason
    assert peak < 1_000_000  # nothing of the file was loaded


def test_missing_path():
    assert only("no/such/file.txt") == IngestError("no/such/file.txt", "no such file or folder")


def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(AR, encoding="utf-8")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            assert error_of(path) == "cannot read: Permission denied"
        else:
            pytest.skip("this user can read any file (root)")
    finally:
        path.chmod(0o644)


# ---------------------------------------------------------------- languages


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Привет, это новостная статья о событиях в городе.", "the text is in Cyrillic script"),
        ("中国新闻报道了这次冲突事件的详细情况。", "the text is in Chinese/Japanese (CJK) script"),
        ("Lorem ipsum dolor sit amet consectetur adipiscing elit", "neither English nor French"),
        ("El ataque de los rebeldes en la ciudad fue condenado por el gobierno.", "looks like Spanish"),
        ("Der Angriff auf die Stadt wurde von den Rebellen verübt und ist nicht geklärt.", "like German"),
        ("این یک گزارش خبری است که از درگیری ها در شهر خبر می دهد", "looks like Persian"),
    ],
)
def test_text_in_another_language_is_unsupported(tmp_path, text, reason):
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    got = error_of(tmp_path / "x.txt")
    assert got.startswith("unsupported language: ") and reason in got
    assert got.endswith("(Marsad reads ar, en, fr)")


def test_text_without_letters(tmp_path):
    (tmp_path / "digits.txt").write_text("12 345 — 2022/11/03 !!!", encoding="utf-8")
    assert error_of(tmp_path / "digits.txt") == "no text to code: no letters found"


def test_a_language_code_outside_ar_en_fr_is_unsupported(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    reason = error_of(tmp_path / "a.txt", language="de")
    assert reason == "unsupported language 'de' (Marsad reads ar, en, fr)"


def test_a_given_language_must_match_the_script(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    reason = error_of(tmp_path / "a.txt", language="en")
    assert reason == "language 'en' was given, but the text is in Arabic script"
    assert only(tmp_path / "a.txt", language="AR").language == "ar"


def test_given_language_is_trusted_within_its_script(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    assert only(tmp_path / "a.txt", language="fr").language == "fr"


@pytest.mark.parametrize(("text", "code"), [(AR, "ar"), (EN, "en"), (FR, "fr"), (SEED_TEXT, "ar"),
                                             ("هجوم على ميناكا", "ar")])
def test_detect_language(text, code):
    assert detect_language(text).code == code


def test_an_arabic_article_quoting_english_names_is_arabic():
    assert detect_language(AR + " (JNIM, ISGS, Wagner Group, Menaka)").code == "ar"


def test_language_codes_are_normalised():
    assert [normalize_language_code(c) for c in ("AR", "ar-SA", "ara", "fr_FR", "English", "de")] == [
        "ar", "ar", "ar", "fr", "en", "de"]
    assert check_language("ar-EG", AR) == ("ar", "")


# ---------------------------------------------------------------- JSON Lines


def write_jsonl(path: Path, *records, raw: str = "") -> Path:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(lines + raw, encoding="utf-8")
    return path


def test_jsonl_reads_every_field(tmp_path):
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "a1", "text": AR, "publication_date": "2022-11-03", "language": "ar", "outlet": "Al Jazeera",
         "url": "https://example.org/a1", "title": "معارك في ميناكا"},
        {"id": 7, "text": EN},
    )
    a1, a2 = read(path, outlet="Default outlet", publication_date=dt.date(2023, 1, 1))
    assert a1 == Article("a1", AR, dt.date(2022, 11, 3), "ar", "Al Jazeera", "https://example.org/a1",
                         "معارك في ميناكا")
    assert (a2.id, a2.language, a2.outlet) == ("7", "en", "Default outlet")
    assert a2.publication_date == dt.date(2023, 1, 1)


def test_jsonl_without_id_is_named_by_file_and_line_and_blank_lines_are_skipped(tmp_path):
    path = write_jsonl(tmp_path / "b.jsonl", {"text": AR}, raw="\n   \n" + json.dumps({"text": EN}) + "\n")
    assert [a.id for a in read(path)] == ["b.jsonl:1", "b.jsonl:4"]


def test_jsonl_accepts_timestamps_as_dates(tmp_path):
    path = write_jsonl(tmp_path / "b.jsonl", {"id": "a", "text": AR, "publication_date": "2022-11-03T08:15Z"})
    assert only(path).publication_date == dt.date(2022, 11, 3)


def test_jsonl_bad_lines_become_errors_and_the_batch_goes_on(tmp_path):
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        {"id": "good1", "text": AR},
        raw="{not json\n"
        + json.dumps({"id": "notext"}) + "\n"
        + json.dumps({"id": "baddate", "text": AR, "publication_date": "2022-13-45"}) + "\n"
        + json.dumps({"id": "numtext", "text": 42}) + "\n"
        + json.dumps({"id": "empty", "text": "  "}) + "\n"
        + json.dumps({"id": "de", "text": EN, "language": "de"}) + "\n"
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"id": "good2", "text": FR}) + "\n",
    )
    items = read(path)
    assert [i.id for i in items] == ["good1", "mixed.jsonl:2", "notext", "baddate", "numtext", "empty", "de",
                                     "mixed.jsonl:8", "good2"]
    assert isinstance(items[0], Article) and isinstance(items[-1], Article)
    reasons = [i.reason for i in items[1:-1]]
    assert reasons == [
        "invalid JSON on line 2: Expecting property name enclosed in double quotes (column 2)",
        'missing "text" (line 3)',
        "bad publication_date '2022-13-45': expected YYYY-MM-DD (line 4)",
        '"text" must be a string, not int (line 5)',
        "empty text (line 6)",
        "unsupported language 'de' (Marsad reads ar, en, fr) (line 7)",
        "not a JSON object but a list (line 8)",
    ]


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_line_read(tmp_path):
    path = write_jsonl(tmp_path / "b.jsonl", {"id": "long", "text": AR * 200}, {"id": "short", "text": AR})
    items = read(path, max_bytes=2000)
    assert items[0] == IngestError(
        "b.jsonl:1", "line too large: over the 2,000-byte limit (--max-bytes) (line 1)"
    )
    assert items[1].id == "short"


def test_jsonl_in_utf16_is_read(tmp_path):
    path = tmp_path / "ps.jsonl"
    path.write_bytes((json.dumps({"id": "a", "text": AR}, ensure_ascii=False) + "\r\n").encode("utf-16"))
    assert only(path).text == AR


def test_jsonl_with_a_non_utf8_line(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(json.dumps({"id": "a", "text": FR}, ensure_ascii=False).encode("latin-1") + b"\n")
    assert only(path) == IngestError("b.jsonl:1", "not UTF-8 text (invalid byte 0xe9 at offset 43) (line 1)")


def test_empty_jsonl_file(tmp_path):
    (tmp_path / "e.jsonl").write_text("\n\n", encoding="utf-8")
    assert only(tmp_path / "e.jsonl") == IngestError("e.jsonl", "empty file")


# ---------------------------------------------------------------- JSON (gold format)


def gold_doc(**overrides) -> dict:
    doc = {
        "id": "dev-ar-001",
        "language": "ar",
        "source": {"outlet": "Akhbar Al Aan", "url": None, "publication_date": "2022-11-03"},
        "text": AR,
        "events": [],
        "notes": "",
    }
    doc.update(overrides)
    return doc


def test_gold_json_file(tmp_path):
    (tmp_path / "g.json").write_text(json.dumps(gold_doc(), ensure_ascii=False), encoding="utf-8")
    a = only(tmp_path / "g.json", outlet="ignored", publication_date="2000-01-01")
    assert a == Article("dev-ar-001", AR, dt.date(2022, 11, 3), "ar", "Akhbar Al Aan")


def test_gold_json_without_publication_date_takes_the_default(tmp_path):
    doc = gold_doc(source={"outlet": "X", "publication_date": None})
    (tmp_path / "g.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert only(tmp_path / "g.json").publication_date is None
    assert only(tmp_path / "g.json", publication_date="2022-11-04").publication_date == dt.date(2022, 11, 4)


def test_shared_seed_gold_file():
    path = SHARED / "dev" / "seed-ar-001.json"
    if not path.exists():
        pytest.skip("../shared is not beside the repository")
    a = only(path)
    assert a.id == "seed-ar-001" and a.outlet == "Akhbar Al Aan" and a.publication_date is None
    assert a.text == json.loads(path.read_text(encoding="utf-8"))["text"]


def test_json_list_of_articles(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"id": "x", "text": AR}, {"text": EN}, 3]))
    items = read(tmp_path / "list.json")
    assert [i.id for i in items] == ["x", "list-2", "list-3"]
    assert items[2].reason == "not a JSON object but a number"


def test_invalid_json_file(tmp_path):
    (tmp_path / "bad.json").write_text('{"id": "x",\n "text": }', encoding="utf-8")
    reason = "invalid JSON: Expecting value (line 2, column 10)"
    assert only(tmp_path / "bad.json") == IngestError("bad", reason)


def test_article_from_record_reads_gold_documents():
    a = article_from_record(gold_doc(id=None), default_id="fallback")
    assert a.id == "fallback" and a.outlet == "Akhbar Al Aan"


# ---------------------------------------------------------------- folders


def test_folder_reads_txt_jsonl_and_json_in_sorted_order_recursively(tmp_path):
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", {"id": "c1", "text": FR}, {"id": "c2", "text": AR})
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.json").write_text(json.dumps(gold_doc(id="d")), encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "e.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = read(tmp_path)
    assert [i.id for i in items] == ["a", "b", "c1", "c2", "empty", "d"]
    assert isinstance(items[4], IngestError)


def test_folder_without_articles(tmp_path):
    (tmp_path / "notes.md").write_text("nothing", encoding="utf-8")
    assert only(tmp_path) == IngestError(str(tmp_path), "no .txt, .jsonl or .json files in this folder")


def test_samples_folder_holds_the_seed():
    ids = [a.id for a in read(REPO / "samples")]
    assert "seed-ar-001" in ids
    assert all(not isinstance(a, IngestError) for a in read(REPO / "samples"))


def test_duplicate_ids_are_refused_without_hiding_the_first(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "y" / "same.txt").write_text(EN, encoding="utf-8")
    first, second = read(tmp_path)
    assert isinstance(first, Article) and first.text == AR
    assert second.id == str(tmp_path / "y" / "same.txt")
    assert second.reason == f"duplicate id 'same' (first read from {tmp_path / 'x' / 'same.txt'})"


def test_several_sources_in_turn(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    items = list(read_sources([tmp_path / "b.txt", "missing.txt", tmp_path / "a.txt", tmp_path / "a.txt"]))
    assert [i.id for i in items] == ["b", "missing.txt", "a", str(tmp_path / "a.txt")]


def test_bad_date_option_is_the_callers_mistake():
    with pytest.raises(ValueError, match="bad publication_date '03/11/2022'"):
        read("samples", publication_date="03/11/2022")
    with pytest.raises(ValueError, match="max_bytes must be positive"):
        read("samples", max_bytes=0)


# ---------------------------------------------------------------- standard input


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch):
    set_stdin(monkeypatch, AR.encode("utf-8"))
    a = only("-", publication_date="2022-11-03", outlet="Akhbar Al Aan")
    assert (a.id, a.text, a.outlet) == ("stdin", AR, "Akhbar Al Aan")
    assert a.publication_date == dt.date(2022, 11, 3)


def test_stdin_json_lines(monkeypatch):
    lines = [json.dumps({"id": "s1", "text": AR}), "", json.dumps({"id": "s2", "text": EN})]
    set_stdin(monkeypatch, "\n".join(lines).encode("utf-8"))
    assert [(a.id, a.language) for a in read("-")] == [("s1", "ar"), ("s2", "en")]


def test_stdin_json_lines_keep_line_separators_inside_strings(monkeypatch):
    text = AR + "\u2028" + AR
    line = json.dumps({"id": "s", "text": text}, ensure_ascii=False) + "\r\n"
    set_stdin(monkeypatch, line.encode("utf-8"))
    assert only("-").text == text


def test_stdin_with_one_json_line_among_text_is_text(monkeypatch):
    set_stdin(monkeypatch, (AR + "\n" + json.dumps({"id": "x", "text": EN}) + "\n").encode("utf-8"))
    assert only("-").id == "stdin"


def test_stdin_text_stream_without_buffer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(FR))
    assert only("-").language == "fr"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"\n \n", "empty input (only white space)"),
        (b"\x00\x01\x02", "binary data, not text (contains NUL bytes)"),
        ("mañana".encode("latin-1"), "not UTF-8 text (invalid byte 0xf1 at offset 2)"),
    ],
)
def test_bad_stdin(monkeypatch, data, reason):
    set_stdin(monkeypatch, data)
    assert only("-") == IngestError("stdin", reason)


def test_no_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    assert only("-") == IngestError("stdin", "no standard input")


class _Endless(io.RawIOBase):
    """50 MB of Arabic text, produced as it is read (never held in memory)."""

    def __init__(self, size: int = 50 * 1024 * 1024) -> None:
        self.left = size
        self.unit = (AR + "\n").encode("utf-8")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.left)
        data = (self.unit * (n // len(self.unit) + 1))[:n]
        buffer[:n] = data
        self.left -= n
        return n


def test_50_mb_on_stdin_is_refused_after_reading_only_the_limit(monkeypatch):
    source = _Endless()
    stdin = io.TextIOWrapper(io.BufferedReader(source), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    tracemalloc.start()
    try:
        item = only("-")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert item == IngestError("stdin", f"input too large: over {DEFAULT_MAX_BYTES:,} bytes, over the "
                                        f"{DEFAULT_MAX_BYTES:,}-byte limit (--max-bytes)")
    assert source.left > 40 * 1024 * 1024  # the rest was never read
    assert peak < 3 * DEFAULT_MAX_BYTES


def test_large_json_lines_on_stdin_are_streamed(monkeypatch):
    line = json.dumps({"id": "x", "text": AR}, ensure_ascii=False) + "\n"
    data = "".join(line.replace('"x"', f'"a{i}"') for i in range(60)).encode("utf-8")
    set_stdin(monkeypatch, data)
    items = read("-", max_bytes=1000)  # the whole input is over the limit, each line within it
    assert [a.id for a in items] == [f"a{i}" for i in range(60)]
    assert all(isinstance(a, Article) for a in items)


# ---------------------------------------------------------------- building blocks


def test_make_article_validates_values():
    assert make_article(AR, id="x", publication_date="2022-11-03").publication_date == dt.date(2022, 11, 3)
    assert make_article("", id="x") == IngestError("x", "empty text")
    assert make_article(None, id="x") == IngestError("x", '"text" must be a string, not NoneType')
    assert make_article(AR, id="x", publication_date="yesterday").reason == (
        "bad publication_date 'yesterday': expected YYYY-MM-DD")
    assert make_article(AR * 100, id="x", max_bytes=1000).reason == (
        "text too large: over the 1,000-byte limit (--max-bytes)")


def test_decode_bytes_directly():
    assert decode_bytes("نص".encode("utf-16-le").join([b"\xff\xfe", b""])) == "نص"
    with pytest.raises(DecodeError, match="not UTF-8 text"):
        decode_bytes("été".encode("latin-1"))
    assert str(IngestError("a", "empty file")) == "a: empty file"
