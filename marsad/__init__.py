"""Marsad (مرصد): Arabic-first conflict event coding.

    >>> import marsad
    >>> coded = marsad.code_article(text, publication_date="2022-11-03")
    >>> [e.to_dict() for e in coded.events]

Each event is an ACLED-style record with its claims (who asserts what), low/best/high fatalities
and the text spans behind every field.
"""

from __future__ import annotations

import datetime as dt

from marsad.models import Article, Claim, CodedArticle, EventRecord

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "CodedArticle", "EventRecord", "code_article", "__version__"]


def code_article(text: str, publication_date: str | dt.date | None = None, language: str | None = None,
                 outlet: str | None = None, article_id: str = "article", title: str | None = None,
                 url: str | None = None) -> CodedArticle:
    """Code one article's text into event records."""
    from marsad.pipeline import code

    if isinstance(publication_date, str):
        publication_date = dt.date.fromisoformat(publication_date)
    article = Article(id=article_id, text=text, publication_date=publication_date, language=language,
                      outlet=outlet, url=url, title=title)
    return code(article)
