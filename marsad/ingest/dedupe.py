"""Has this article been read before? Exact copies by hash, reprints by MinHash.

The same report reaches an analyst many times: the same page fetched twice, a file re-saved in
another encoding, a wire story reprinted by ten outlets under ten headlines, a copy with one
paragraph of background added. None of them should be coded twice. Two *different* reports of the
same clash, though, are not duplicates: they are independent sources, and merging them is fusion's
job (it keeps both, with both claims).

**Exact copies** — :func:`content_hash`: SHA-256 of the text folded the way the coder folds it
(:func:`marsad.text.normalize.fold`: diacritics, tatweel, alef/yaa/taa-marbuta forms, Arabic-Indic
digits, typographic quotes, letter case; after Unicode NFKC, so presentation forms and
compatibility characters agree) with all white space collapsed. Re-encoding, re-wrapping or
re-vocalising a text does not change its hash.

**Near copies** — :class:`NearDuplicateIndex`, the classic recipe for finding reprints in a large
collection (Broder 1997; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3):

1. *Shingles.* A text becomes the set of its word 5-grams, over the folded words. Two texts are as
   similar as the Jaccard index of their shingle sets, |A ∩ B| / |A ∪ B|. Changing one word touches
   5 shingles; changing a paragraph that holds a share *f* of the text leaves J ≈ (1−f)/(1+f), so
   the default threshold 0.8 tolerates changes to about a tenth of a text, and an added paragraph
   of up to about a fifth of it.
2. *MinHash.* Each shingle set is summarised by :data:`NUM_PERM` = 128 numbers: for each of 128
   random hash functions h(x) = (a·x + b) mod p, the smallest value over the shingles. Two sets
   have the same minimum for one function with probability exactly J, so the share of equal
   positions in two signatures estimates J (standard error √(J(1−J)/128) ≈ 0.035 at J = 0.8).
3. *LSH banding.* To avoid comparing a new text with every stored one, the signature is cut into
   *b* bands of *r* rows, and texts that agree on all rows of at least one band become candidates:
   probability 1 − (1 − Jʳ)ᵇ, an S-curve. *b* and *r* are chosen so that the curve has risen
   already 0.1 below the threshold (:func:`optimal_bands`: a missed candidate is a missed
   duplicate; an extra one costs only one signature comparison), then candidates are kept when
   their estimated J reaches the threshold.

**Figures.** A report updated with a new toll ("the toll rose to 12 dead") is textually nearly the
same as the report it updates, but it is new information that must be coded. So by default a text
is *not* a near-duplicate of a stored one when it states a figure — digits or a number word of
``marsad/data/numbers.yaml`` — that the stored text does not (``figures_must_match=False`` turns
this off).

The index persists with :meth:`NearDuplicateIndex.to_bytes` / :meth:`~NearDuplicateIndex.from_bytes`
(a versioned, pickle-free format: loading a file never runs code). Hash functions are derived from
SHA-256 of fixed strings, so signatures stay comparable across processes, machines and versions.

>>> index = NearDuplicateIndex()
>>> story = " ".join(f"word{i}" for i in range(60))
>>> index.add("reuters-1", story)
True
>>> index.find(story + " and a little more at the end")
'reuters-1'
>>> index.find("a completely different text about something else entirely, with many words") is None
True
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import unicodedata
from collections.abc import Iterable
from functools import cache

import numpy as np

from marsad.text.normalize import fold

#: Default Jaccard threshold for "near-duplicate".
DEFAULT_THRESHOLD = 0.8
#: Words per shingle.
SHINGLE_WORDS = 5
#: Hash functions in a MinHash signature.
NUM_PERM = 128

_PRIME = (1 << 31) - 1  # a Mersenne prime: (a·x + b) with a, x, b < 2³¹ fits in 64 bits
_MAGIC = b"MARSAD-NEARDUP"
_FORMAT = 1
_WORD = re.compile(r"[^\W_]+")
_CLITICS = ("و", "ف", "ب", "ل")


# ---------------------------------------------------------------- exact


def normalized_text(text: str) -> str:
    """``text`` as :func:`content_hash` sees it: NFKC, folded, white space collapsed to one space."""
    return " ".join(fold(unicodedata.normalize("NFKC", text)).split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of :func:`normalized_text`: equal for copies that differ only in encoding,
    line wrapping, spacing, diacritics or letter forms.

    >>> content_hash("قُتِلَ ثلاثة جنود") == content_hash("قتل  ثلاثة\\nجنود")
    True
    """
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- shingles


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; punctuation dropped)."""
    return _WORD.findall(fold(unicodedata.normalize("NFKC", text)))


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``k``-word shingles of ``text``; a text shorter than ``k`` words is one shingle."""
    w = words(text)
    if not w:
        return set()
    if len(w) <= k:
        return {" ".join(w)}
    return {" ".join(w[i : i + k]) for i in range(len(w) - k + 1)}


def jaccard(text_a: str, text_b: str, k: int = SHINGLE_WORDS) -> float:
    """The exact Jaccard index of two texts' shingle sets (what MinHash estimates)."""
    a, b = shingles(text_a, k), shingles(text_b, k)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def figures(text: str) -> frozenset[str]:
    """The figures a text states: its numbers in digits and its number words (Arabic, English,
    French), folded and without a leading conjunction, preposition or article («وثلاثة» → «ثلاثه»).
    """
    vocab = _number_words()
    out = set()
    for w in words(text):
        if w.isdigit():
            out.add(w.lstrip("0") or "0")
            continue
        for form in _bare_forms(w):
            if form in vocab:
                out.add(form)
                break
    return frozenset(out)


def _bare_forms(word: str) -> Iterable[str]:
    yield word
    w = word
    if w[:1] in _CLITICS and len(w) > 3:
        w = w[1:]
        yield w
    if w.startswith("ال") and len(w) > 4:
        yield w[2:]


@cache
def _number_words() -> frozenset[str]:
    """Single-word number forms of ``numbers.yaml`` (words, scales, vague quantities), folded."""
    from marsad.lexicon.datafile import read_yaml

    data = read_yaml("numbers.yaml") or {}
    out: set[str] = set()
    for lang in data.values():
        if not isinstance(lang, dict):
            continue
        skip = {fold(str(f)) for f in lang.get("not_alone") or []}
        for key in ("words", "scales", "vague"):
            for forms in (lang.get(key) or {}).values():
                for form in forms or []:
                    f = fold(str(form))
                    if f and " " not in f and "-" not in f and f not in skip:
                        out.add(f[2:] if f.startswith("ال") and len(f) > 4 else f)
    return frozenset(out)


# ---------------------------------------------------------------- MinHash


@cache
def _hash_params(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each hash function, derived from SHA-256 so they never change."""
    a = np.empty(num_perm, dtype=np.uint64)
    b = np.empty(num_perm, dtype=np.uint64)
    for i in range(num_perm):
        d = hashlib.sha256(f"marsad-minhash-{i}".encode()).digest()
        a[i] = 1 + int.from_bytes(d[:8], "big") % (_PRIME - 1)  # a ≠ 0
        b[i] = int.from_bytes(d[8:16], "big") % _PRIME
    return a, b


def _shingle_hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big") % _PRIME


def minhash(shingle_set: Iterable[str], num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``uint32[num_perm]``) of a set of shingles.

    An empty set gives the all-``p`` signature, equal for every empty text: never index it
    (:meth:`NearDuplicateIndex.add` does not).
    """
    a, b = _hash_params(num_perm)
    x = np.fromiter((_shingle_hash(s) for s in shingle_set), dtype=np.uint64)
    sig = np.full(num_perm, _PRIME, dtype=np.uint64)
    for start in range(0, len(x), 2048):  # bounded memory for very long texts
        chunk = x[start : start + 2048]
        values = (a[:, None] * chunk[None, :] + b[:, None]) % np.uint64(_PRIME)
        np.minimum(sig, values.min(axis=1), out=sig)
    return sig.astype(np.uint32)


def optimal_bands(
    threshold: float, num_perm: int = NUM_PERM, *, margin: float = 0.1, recall: float = 0.99
) -> tuple[int, int]:
    """The (bands, rows) for a threshold: as many rows per band as possible (fewer chance candidates)
    while a pair whose true Jaccard is ``margin`` *below* the threshold still becomes a candidate with
    probability ``recall`` under the S-curve 1 − (1 − Jʳ)ᵇ.

    The margin covers the MinHash estimate's own noise: a pair at J = 0.75 may be estimated at 0.8
    and should be compared. A missed candidate is a missed duplicate; an extra candidate costs one
    signature comparison. For the default threshold 0.8 this gives 32 bands of 4 rows.

    >>> optimal_bands(0.8)
    (32, 4)
    """
    target = max(threshold - margin, 0.01)
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - target**rows) ** bands >= recall:
            best = (bands, rows)
    return best


# ---------------------------------------------------------------- the index


class NearDuplicateIndex:
    """Finds, among the texts added so far, one that a new text nearly copies.

    ``threshold``: the smallest estimated Jaccard index of shingle sets that counts as a copy.
    ``figures_must_match``: a text that states a figure absent from the stored one (a new toll) is
    never its copy. ``bands`` (with ``num_perm // bands`` rows each) defaults to
    :func:`optimal_bands` for the threshold.

    Ids are the caller's (the store's article ids); adding an id again replaces its text.
    """

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        num_perm: int = NUM_PERM,
        bands: int | None = None,
        shingle_words: int = SHINGLE_WORDS,
        figures_must_match: bool = True,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        if num_perm < 1 or shingle_words < 1:
            raise ValueError("num_perm and shingle_words must be positive")
        if bands is None:
            bands, _ = optimal_bands(threshold, num_perm)
        if not 1 <= bands <= num_perm:
            raise ValueError(f"bands must be between 1 and num_perm ({num_perm}), not {bands}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self.shingle_words = shingle_words
        self.figures_must_match = figures_must_match
        self._sigs: dict[str, np.ndarray] = {}
        self._figures: dict[str, frozenset[str]] = {}
        self._buckets: list[dict[bytes, set[str]]] = [{} for _ in range(bands)]

    # ---- building

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature of ``text``, or ``None`` when it has no words."""
        sh = shingles(text, self.shingle_words)
        return minhash(sh, self.num_perm) if sh else None

    def add(self, id: str, text: str) -> bool:
        """Index ``text`` under ``id``; ``False`` (and nothing indexed) when it has no words."""
        sig = self.signature(text)
        if id in self._sigs:
            self.remove(id)
        if sig is None:
            return False
        self._insert(id, sig, figures(text) if self.figures_must_match else frozenset())
        return True

    def remove(self, id: str) -> None:
        """Forget ``id`` (no error if it is not there)."""
        sig = self._sigs.pop(id, None)
        self._figures.pop(id, None)
        if sig is None:
            return
        for band, key in enumerate(self._band_keys(sig)):
            bucket = self._buckets[band].get(key)
            if bucket is not None:
                bucket.discard(id)
                if not bucket:
                    del self._buckets[band][key]

    def _insert(self, id: str, sig: np.ndarray, figs: frozenset[str]) -> None:
        self._sigs[id] = sig
        self._figures[id] = figs
        for band, key in enumerate(self._band_keys(sig)):
            self._buckets[band].setdefault(key, set()).add(id)

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        r = self.rows
        return [sig[i * r : (i + 1) * r].tobytes() for i in range(self.bands)]

    # ---- querying

    def find(self, text: str) -> str | None:
        """The id of the stored text that ``text`` best nearly copies, or ``None``."""
        found = self.matches(text)
        return found[0][0] if found else None

    def matches(self, text: str) -> list[tuple[str, float]]:
        """Every stored ``(id, estimated Jaccard)`` at or above the threshold, best first."""
        sig = self.signature(text)
        if sig is None:
            return []
        candidates: set[str] = set()
        for band, key in enumerate(self._band_keys(sig)):
            candidates |= self._buckets[band].get(key, set())
        if not candidates:
            return []
        figs = figures(text) if self.figures_must_match else frozenset()
        out = []
        for cid in candidates:
            score = float(np.count_nonzero(self._sigs[cid] == sig)) / self.num_perm
            if score >= self.threshold and figs <= self._figures[cid]:
                out.append((cid, score))
        out.sort(key=lambda pair: (-pair[1], pair[0]))
        return out

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, id: object) -> bool:
        return id in self._sigs

    # ---- persistence

    def to_bytes(self) -> bytes:
        """The index as bytes: a magic string, a JSON header (settings, ids, figures), signatures."""
        ids = list(self._sigs)
        header = {
            "format": _FORMAT,
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "bands": self.bands,
            "shingle_words": self.shingle_words,
            "figures_must_match": self.figures_must_match,
            "ids": ids,
            "figures": [sorted(self._figures[i]) for i in ids],
        }
        head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        sigs = np.stack([self._sigs[i] for i in ids]) if ids else np.empty((0, self.num_perm), np.uint32)
        return _MAGIC + struct.pack(">I", len(head)) + head + sigs.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> NearDuplicateIndex:
        """An index saved by :meth:`to_bytes`; :class:`ValueError` with the reason if ``data`` is not one."""
        if not data.startswith(_MAGIC):
            raise ValueError("not a Marsad near-duplicate index (bad magic bytes)")
        pos = len(_MAGIC)
        try:
            (n,) = struct.unpack_from(">I", data, pos)
            header = json.loads(data[pos + 4 : pos + 4 + n].decode("utf-8"))
        except (struct.error, ValueError) as exc:
            raise ValueError(f"corrupt near-duplicate index header: {exc}") from None
        if not isinstance(header, dict) or header.get("format") != _FORMAT:
            got = header.get("format") if isinstance(header, dict) else None
            raise ValueError(f"unsupported near-duplicate index format {got!r} (this Marsad reads {_FORMAT})")
        index = cls(
            header["threshold"],
            num_perm=header["num_perm"],
            bands=header["bands"],
            shingle_words=header["shingle_words"],
            figures_must_match=header["figures_must_match"],
        )
        ids, figs = header["ids"], header["figures"]
        body = data[pos + 4 + n :]
        if len(ids) != len(figs) or len(body) != 4 * len(ids) * index.num_perm:
            raise ValueError("corrupt near-duplicate index: signature data does not match its header")
        sigs = np.frombuffer(body, dtype="<u4").astype(np.uint32).reshape(len(ids), index.num_perm)
        for i, (aid, f) in enumerate(zip(ids, figs, strict=True)):
            index._insert(aid, sigs[i].copy(), frozenset(f))
        return index


__all__ = [
    "DEFAULT_THRESHOLD",
    "NUM_PERM",
    "SHINGLE_WORDS",
    "NearDuplicateIndex",
    "content_hash",
    "figures",
    "jaccard",
    "minhash",
    "normalized_text",
    "optimal_bands",
    "shingles",
    "words",
]
