"""Marsad (مرصد): Arabic-first conflict event coding.

    >>> import marsad
    >>> coded = marsad.code_article(text, publication_date="2022-11-03")
    >>> [e.to_dict() for e in coded.events]

Each event is an ACLED-style record with its claims (who asserts what), low/best/high fatalities
and the text spans behind every field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.models import Article, Claim, CodedArticle, EventRecord

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "CodedArticle", "EventRecord", "code_article", "query", "__version__"]


def code_article(text: str, publication_date: str | dt.date | None = None, language: str | None = None,
                 outlet: str | None = None, article_id: str = "article", title: str | None = None,
                 url: str | None = None) -> CodedArticle:
    """Code one article's text into event records.

    Bad input (empty or binary text, a malformed date, an unsupported language) does not raise: the
    returned :class:`CodedArticle` has no events and says why in ``error``.
    """
    from marsad.ingest import IngestError, make_article
    from marsad.pipeline import CodingError, code

    article = make_article(text, id=article_id, publication_date=publication_date, language=language,
                           outlet=outlet, url=url, title=title)
    if isinstance(article, IngestError):
        return CodedArticle(Article(id=article_id, text=text if isinstance(text, str) else ""), error=article.reason)
    try:
        return code(article)
    except CodingError as exc:
        return CodedArticle(article, error=str(exc))


def query(db: Any = None, **filters: Any) -> Any:
    """The events of the store as a pandas DataFrame, one row per (fused) event.

    ``db`` is the store (a SQLite path, a ``postgresql://`` URL, or ``None`` for the default store
    that ``marsad ingest`` fills); ``filters`` are ``country``, ``date_from``, ``date_to``,
    ``actor``, ``event_type`` and ``bbox`` (``(min_lon, min_lat, max_lon, max_lat)``)::

        df = marsad.query(country="Mali", date_from="2024-01-01", actor="JNIM")
        df.groupby("admin1")["fatalities"].sum()

    Columns: ACLED's 31, then ``fatalities_low``, ``fatalities_high``, ``certainty``, ``claims``,
    ``sources``, ``n_sources``, ``evidence``, ``event_id``, ``created_at``, ``updated_at``
    (:func:`marsad.store.query`). The store, SQLAlchemy and pandas are imported on the first call.
    """
    from marsad.store.queries import query as store_query

    return store_query(db, **filters)
