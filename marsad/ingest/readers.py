"""Read articles from files, folders, JSON Lines and standard input.

:func:`read_articles` turns one *source* into a stream of :class:`~marsad.models.Article` objects.
Whatever cannot become an article becomes an :class:`IngestError` in the same stream, at the same
place, and the stream goes on: one bad file never stops a batch.

==========================  ====================================================================
source                      what is read
==========================  ====================================================================
``report.txt``              one article; its id is the file stem (``report``)
``articles.jsonl``          one article per line: ``{"id", "text", "publication_date"?,
                            "language"?, "outlet"?, "url"?, "title"?}`` (``.ndjson`` too)
``dev-ar-001.json``         one article in the gold format (``{"id", "text", "language",
                            "source": {"outlet", "publication_date", "url"}}``), or a JSON list
                            of article objects
``folder/``                 every ``.txt``, ``.jsonl``, ``.ndjson`` and ``.json`` file below it,
                            in sorted path order (hidden files and folders are skipped)
``-``                       standard input: JSON Lines when every non-empty line is a JSON
                            object, otherwise one text article with the id ``stdin``
==========================  ====================================================================

The keyword arguments are *defaults*: an article's own ``publication_date``, ``outlet`` or
``language`` wins over them. A language that is not given is detected
(:mod:`marsad.text.language`).

>>> for item in read_articles("samples/"):
...     print(item.id, item.language, len(item.text))
seed-ar-001 ar 2898
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from marsad.ingest.decode import DecodeError, bom_encoding, decode_bytes
from marsad.models import Article
from marsad.text.language import check_language, detect_language

#: Largest article (a ``.txt`` or ``.json`` file, a JSON Lines line, standard input) read by
#: default, in bytes. A news report is a few kilobytes; anything near this is not one.
DEFAULT_MAX_BYTES = 5_000_000

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES

STDIN = "-"
STDIN_ID = "stdin"


@dataclass(frozen=True)
class IngestError:
    """An input that could not become an article: its id (or where it was) and a one-line reason."""

    id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.id}: {self.reason}"


class _Reject(Exception):
    """Raised inside the readers; becomes an :class:`IngestError`."""


# ---------------------------------------------------------------- public API


def read_articles(
    source: str | os.PathLike[str],
    *,
    publication_date: dt.date | str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestError]:
    """Articles (and errors) from one source: a file, a folder, or ``"-"`` for standard input.

    ``publication_date``, ``outlet`` and ``language`` fill in what an article does not state
    itself. ``max_bytes`` caps the size of one article; a larger input is refused without being
    read. A ``publication_date`` that is not a date raises :class:`ValueError` at once (it is the
    caller's mistake, not the data's).

    An id seen twice is reported as an error for the second article, so that no output line
    silently overwrites another.
    """
    return read_sources(
        [source], publication_date=publication_date, outlet=outlet, language=language, max_bytes=max_bytes
    )


def read_sources(
    sources: Iterable[str | os.PathLike[str]],
    *,
    publication_date: dt.date | str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestError]:
    """:func:`read_articles` over several sources in turn, with ids unique across all of them."""
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    defaults = _Defaults(parse_date(publication_date), outlet, language, max_bytes)
    return _unique_ids(item for src in sources for item in _read_source(src, defaults))


def make_article(
    text: Any,
    *,
    id: str = "article",
    publication_date: dt.date | str | None = None,
    language: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    max_bytes: int | None = None,
) -> Article | IngestError:
    """Validate one article given as values (e.g. by :func:`marsad.code_article`).

    Checks that ``text`` is non-empty text (within ``max_bytes`` when given), that the date is a
    date, and that the language is one Marsad reads — detecting it when it is not given.

    >>> make_article("   ", id="a1")
    IngestError(id='a1', reason='empty text')
    """
    if not isinstance(text, str):
        return IngestError(id, f'"text" must be a string, not {type(text).__name__}')
    if not text.strip():
        return IngestError(id, "empty text")
    if max_bytes is not None and len(text) > max_bytes // 4 and len(text.encode("utf-8")) > max_bytes:
        return IngestError(id, f"text too large: over the {max_bytes:,}-byte limit (--max-bytes)")
    try:
        date = parse_date(publication_date)
    except ValueError as exc:
        return IngestError(id, str(exc))
    if language:
        code, reason = check_language(str(language), text)
    else:
        guess = detect_language(text)
        code, reason = guess.code, guess.reason
    if code is None:
        return IngestError(id, reason)
    return Article(
        id=id,
        text=text,
        publication_date=date,
        language=code,
        outlet=_opt_str(outlet),
        url=_opt_str(url),
        title=_opt_str(title),
    )


def article_from_record(
    record: Any, *, default_id: str = "article", max_bytes: int = DEFAULT_MAX_BYTES
) -> Article | IngestError:
    """An article from a decoded JSON object, in the JSON Lines or the gold format.

    ``default_id`` is used when the object has no ``"id"``. The gold format's ``source`` object
    supplies ``outlet``, ``publication_date`` and ``url`` when they are not at the top level.
    """
    return _article_from_record(record, default_id, _Defaults(None, None, None, max_bytes))


def parse_date(value: dt.date | str | None) -> dt.date | None:
    """A publication date from ``YYYY-MM-DD`` (or a full ISO timestamp); ``None``/``""`` → ``None``.

    Raises :class:`ValueError` with a one-line reason for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            pass
        try:  # a timestamp such as 2022-11-03T08:15:00Z
            return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise ValueError(f"bad publication_date {value!r}: expected YYYY-MM-DD")


# ---------------------------------------------------------------- dispatch


@dataclass(frozen=True)
class _Defaults:
    publication_date: dt.date | None
    outlet: str | None
    language: str | None
    max_bytes: int


# Each reader yields (item, where): where the item came from, for duplicate-id messages.
_Located = tuple[Article | IngestError, str]


def _read_source(source: str | os.PathLike[str], d: _Defaults) -> Iterator[_Located]:
    if str(source) == STDIN:
        yield from _read_stdin(d)
        return
    path = Path(source)
    if path.is_dir():
        yield from _read_folder(path, d)
    elif path.exists():
        yield from _read_path(path, d)
    else:
        yield IngestError(str(source), "no such file or folder"), str(source)


def _read_folder(root: Path, d: _Defaults) -> Iterator[_Located]:
    def visible(p: Path) -> bool:
        return not any(part.startswith(".") for part in p.relative_to(root).parts)

    files = sorted(
        (p for p in root.rglob("*") if p.suffix.lower() in FOLDER_SUFFIXES and visible(p) and p.is_file()),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    if not files:
        yield IngestError(str(root), "no .txt, .jsonl or .json files in this folder"), str(root)
    for path in files:
        yield from _read_path(path, d)


def _read_path(path: Path, d: _Defaults) -> Iterator[_Located]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, d)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json_file(path, d)
    else:
        yield _read_text_file(path, d), str(path)


def _unique_ids(items: Iterator[_Located]) -> Iterator[Article | IngestError]:
    first_seen: dict[str, str] = {}
    for item, where in items:
        if isinstance(item, Article):
            if item.id in first_seen:
                yield IngestError(where, f"duplicate id {item.id!r} (first read from {first_seen[item.id]})")
                continue
            first_seen[item.id] = where
        yield item


# ---------------------------------------------------------------- plain text


def _read_text_file(path: Path, d: _Defaults) -> Article | IngestError:
    try:
        text = _decode_text(_read_limited(path, d.max_bytes), what="file")
    except _Reject as exc:
        return IngestError(path.stem, str(exc))
    return make_article(
        text, id=path.stem, publication_date=d.publication_date, language=d.language, outlet=d.outlet
    )


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, refusing (before reading) a file larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Reject(_too_large("file", size, max_bytes))
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown, or be a device
    except OSError as exc:
        raise _Reject(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _Reject(_too_large("file", None, max_bytes))
    return data


def _too_large(what: str, size: int | None, max_bytes: int) -> str:
    got = f"{size:,} bytes" if size is not None else f"over {max_bytes:,} bytes"
    return f"{what} too large: {got}, over the {max_bytes:,}-byte limit (--max-bytes)"


def _decode_text(data: bytes, *, what: str) -> str:
    if not data:
        raise _Reject(f"empty {what}")
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        raise _Reject(str(exc)) from None
    if not text.strip():
        raise _Reject(f"empty {what} (only white space)")
    return text


# ---------------------------------------------------------------- JSON and JSON Lines


def _article_from_record(record: Any, default_id: str, d: _Defaults) -> Article | IngestError:
    """An article from a JSON object: the JSON Lines fields, or the gold format's ``source``."""
    if not isinstance(record, dict):
        return IngestError(default_id, f"not a JSON object but {_json_type(record)}")
    rid = record.get("id")
    aid = str(rid).strip() if rid is not None and str(rid).strip() else default_id
    if "text" not in record:
        return IngestError(aid, 'missing "text"')
    source = record.get("source") if isinstance(record.get("source"), dict) else {}

    def field(name: str) -> Any:
        value = record.get(name)
        return value if value not in (None, "") else source.get(name)

    return make_article(
        record["text"],
        id=aid,
        publication_date=field("publication_date") or d.publication_date,
        language=record.get("language") or d.language,
        outlet=field("outlet") or d.outlet,
        url=field("url"),
        title=record.get("title"),
        max_bytes=d.max_bytes,
    )


def _json_type(value: Any) -> str:
    return {list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), "null"
    )


def _read_json_file(path: Path, d: _Defaults) -> Iterator[_Located]:
    try:
        doc = json.loads(_decode_text(_read_limited(path, d.max_bytes), what="file"))
    except _Reject as exc:
        yield IngestError(path.stem, str(exc)), str(path)
        return
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        yield IngestError(path.stem, reason), str(path)
        return
    if isinstance(doc, list):
        if not doc:
            yield IngestError(path.stem, "empty file (an empty JSON list)"), str(path)
        for i, record in enumerate(doc, 1):
            yield _article_from_record(record, f"{path.stem}-{i}", d), f"{path} item {i}"
    else:
        yield _article_from_record(doc, path.stem, d), str(path)


def _read_jsonl_file(path: Path, d: _Defaults) -> Iterator[_Located]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestError(path.name, f"cannot read: {exc.strerror or exc}"), str(path)
        return
    with fh:
        yield from _read_jsonl_stream(fh, path.name, str(path), d)


def _read_jsonl_stream(fh: BinaryIO, name: str, where: str, d: _Defaults) -> Iterator[_Located]:
    """JSON Lines from a binary stream, one line in memory at a time.

    Lines longer than ``max_bytes`` are skipped without being held in memory. ``name`` labels
    errors that have no article id (``articles.jsonl:3``).
    """
    any_record = False
    for lineno, line in _lines(fh, d.max_bytes):
        label = f"{name}:{lineno}"
        if isinstance(line, _Reject):
            any_record = True
            yield IngestError(label, f"{line} (line {lineno})"), f"{where}:{lineno}"
            continue
        if not line.strip():
            continue
        any_record = True
        yield _jsonl_record(line, lineno, label, d), f"{where}:{lineno}"
    if not any_record:
        yield IngestError(name, "empty file"), where


def _jsonl_record(line: str, lineno: int, label: str, d: _Defaults) -> Article | IngestError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestError(label, f"invalid JSON on line {lineno}: {exc.msg} (column {exc.colno})")
    item = _article_from_record(record, label, d)
    if isinstance(item, IngestError):
        return IngestError(item.id, f"{item.reason} (line {lineno})")
    return item


def _lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, str | _Reject]]:
    """Numbered, decoded lines of ``fh``; a line that cannot be used is a :class:`_Reject`."""
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):  # line breaks are not single bytes: read as text
        text_fh = io.TextIOWrapper(fh, encoding=encoding)  # type: ignore[arg-type]
        yield from _numbered(text_fh.readline, max_bytes, "\n", lambda s: s)
        return

    def decode(raw: bytes) -> str | _Reject:
        try:
            return decode_bytes(raw)
        except DecodeError as exc:
            return _Reject(str(exc))

    yield from _numbered(fh.readline, max_bytes, b"\n", decode)


def _numbered(
    readline: Callable[[int], Any], max_bytes: int, newline: Any, decode: Callable[[Any], Any]
) -> Iterator[tuple[int, Any]]:
    lineno = 0
    while True:
        line = readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(newline):
            while True:  # skip the rest of the over-long line, a chunk at a time
                chunk = readline(1 << 16)
                if not chunk or chunk.endswith(newline):
                    break
            yield lineno, _Reject(f"line too large: over the {max_bytes:,}-byte limit (--max-bytes)")
            continue
        yield lineno, decode(line)


# ---------------------------------------------------------------- standard input


def _read_stdin(d: _Defaults) -> Iterator[_Located]:
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        yield IngestError(STDIN_ID, "no standard input"), STDIN_ID
        return
    stream: BinaryIO = getattr(stdin, "buffer", None) or io.BytesIO(stdin.read().encode("utf-8"))
    head = stream.read(d.max_bytes + 1)
    if len(head) > d.max_bytes:
        # Too large for one article; fine for JSON Lines, which are read a line at a time.
        first = head.lstrip().split(b"\n", 1)[0]
        if _is_json_object(first.decode("utf-8", "replace")):
            chained = io.BufferedReader(_Prefixed(head, stream))  # type: ignore[arg-type]
            yield from _read_jsonl_stream(chained, STDIN_ID, STDIN_ID, d)
        else:
            yield IngestError(STDIN_ID, _too_large("input", None, d.max_bytes)), STDIN_ID
        return
    try:
        text = _decode_text(head, what="input")
    except _Reject as exc:
        yield IngestError(STDIN_ID, str(exc)), STDIN_ID
        return
    # split on "\n" only: a JSON string may hold U+2028, which str.splitlines() would break at
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if all(_is_json_object(line) for _, line in lines):
        for n, line in lines:
            yield _jsonl_record(line, n, f"{STDIN_ID}:{n}", d), f"{STDIN_ID}:{n}"
        return
    yield make_article(
        text, id=STDIN_ID, publication_date=d.publication_date, language=d.language, outlet=d.outlet
    ), STDIN_ID


def _is_json_object(line: str) -> bool:
    line = line.strip()
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


class _Prefixed(io.RawIOBase):
    """A raw stream that yields ``prefix`` and then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None
