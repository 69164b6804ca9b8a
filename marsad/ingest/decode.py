"""Bytes → text, or a one-line reason why the bytes are not an article.

News text reaches Marsad from scrapers, exports and copy-paste, so the decoder accepts the encodings
that actually occur and refuses everything else with a reason a user can act on:

==============================  ==================================================================
bytes                           result
==============================  ==================================================================
UTF-8, with or without BOM      the text (the BOM is dropped)
UTF-16 / UTF-32 with a BOM      the text (what Windows tools such as PowerShell's ``>`` write)
NUL bytes, control bytes        :class:`DecodeError` ``binary data, not text``
Windows-1256 (Windows Arabic)   the text, *only* if it decodes to mostly Arabic letters
anything else                   :class:`DecodeError` ``not UTF-8 text (…)``
==============================  ==================================================================

>>> decode_bytes("غرب ميناكا".encode("cp1256"))
'غرب ميناكا'
>>> decode_bytes(b"caf\\xe9")
Traceback (most recent call last):
...
marsad.ingest.decode.DecodeError: not UTF-8 text (invalid byte 0xe9 at offset 3)
"""

from __future__ import annotations

import codecs
import re

from marsad.text.language import dominant_script

#: Above this share of control characters a "text" is binary data.
MAX_CONTROL_SHARE = 0.05

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return; DEL.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


class DecodeError(ValueError):
    """The bytes are not text Marsad can read; ``str(error)`` is the one-line reason."""


def bom_encoding(data: bytes) -> str | None:
    """The encoding announced by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes) -> str:
    """Decode an article's bytes (see the module docstring for what is accepted).

    Raises :class:`DecodeError` with a one-line reason. An empty or blank text is *not* an error
    here: the caller decides what an empty article means.
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            reason = f"invalid {encoding.upper()} text ({exc.reason} at offset {exc.start})"
            raise DecodeError(reason) from None
        _check_not_binary(text)
        return text
    if b"\x00" in data:
        raise DecodeError("binary data, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if len(_CONTROL_BYTES.findall(data)) > MAX_CONTROL_SHARE * len(data):
            raise DecodeError("binary data, not text (mostly non-text bytes)") from None
        text = _windows_arabic(data)
        if text is None:
            bad = data[exc.start]
            raise DecodeError(f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start})") from None
    _check_not_binary(text)
    return text


def _windows_arabic(data: bytes) -> str | None:
    """``data`` decoded as Windows-1256, if that gives mostly Arabic letters; else ``None``.

    Any byte sequence decodes as a single-byte code page, so the decoded text must *look* Arabic
    before it is believed: Latin-1 French, say, decodes to Latin letters and is refused.
    """
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    script, share = dominant_script(text)
    return text if script == "Arabic" and share >= 0.6 else None


def _check_not_binary(text: str) -> None:
    if text and len(_CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise DecodeError("binary data, not text (mostly non-text characters)")
