"""API tokens: configured on the server, kept only as hashes, compared in constant time.

Tokens come from ``MARSAD_API_TOKENS``: either the path of a file with one entry a line (``#``
comments allowed), or the entries themselves separated by commas. An entry is a plain token
(hashed as soon as it is read) or an already hashed one, ``sha256:<64 hex digits>``:

>>> hashes = parse_tokens("s3cret, sha256:" + "0" * 64)
>>> len(hashes), token_hash("s3cret") in hashes
(2, True)

Make the hash of a new token with ``python -c "from marsad.serve.auth import token_hash; print(token_hash('…'))"``.
Clients send ``Authorization: Bearer TOKEN`` (or ``X-API-Token: TOKEN``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable
from pathlib import Path

#: The environment variable that holds the tokens, or the path of a file of tokens.
TOKENS_ENV = "MARSAD_API_TOKENS"


def token_hash(token: str) -> str:
    """``sha256:`` and the hex SHA-256 of the token (tokens are long random strings: no salt needed)."""
    return "sha256:" + hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_tokens(entries: str | Iterable[str]) -> frozenset[str]:
    """Hashes of the tokens in ``entries`` (comma- or line-separated text, or a list)."""
    if isinstance(entries, str):
        entries = entries.replace(",", "\n").splitlines()
    out = set()
    for entry in entries:
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        is_hash = entry.startswith("sha256:") and len(entry) == 71
        out.add(entry.lower() if is_hash else token_hash(entry))
    return frozenset(out)


def tokens_from_env(environ: dict[str, str] | None = None) -> frozenset[str]:
    """The token hashes configured by ``MARSAD_API_TOKENS`` (a file path or the entries); empty if unset."""
    value = (environ if environ is not None else os.environ).get(TOKENS_ENV, "").strip()
    if not value:
        return frozenset()
    path = Path(value).expanduser()
    if "," not in value and path.is_file():
        return parse_tokens(path.read_text(encoding="utf-8"))
    return parse_tokens(value)


def check_token(token: str | None, hashes: frozenset[str]) -> bool:
    """Whether ``token`` is one of the configured ones (constant-time comparison of hashes)."""
    if not token or not hashes:
        return False
    candidate = token_hash(token)
    return any(hmac.compare_digest(candidate, h) for h in hashes)
