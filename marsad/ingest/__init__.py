"""Ingest: read ``.txt`` files, folders, JSON Lines and standard input into :class:`~marsad.models.Article`.

>>> from marsad.ingest import read_articles, IngestError
>>> for item in read_articles("samples/"):
...     if isinstance(item, IngestError):
...         print("failed:", item)
...     else:
...         print(item.id, item.language)
seed-ar-001 ar

Bad input (an empty or binary file, a wrong encoding, a file over the size limit, invalid JSON, an
unsupported language) becomes an :class:`IngestError` in the stream and the batch goes on.
"""

from marsad.ingest.readers import (
    DEFAULT_MAX_BYTES,
    IngestError,
    article_from_record,
    make_article,
    parse_date,
    read_articles,
    read_sources,
)
from marsad.text.language import SUPPORTED_LANGUAGES, LanguageGuess, detect_language

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_LANGUAGES",
    "IngestError",
    "LanguageGuess",
    "article_from_record",
    "detect_language",
    "make_article",
    "parse_date",
    "read_articles",
    "read_sources",
]
