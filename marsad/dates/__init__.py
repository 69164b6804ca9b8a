"""Dates stage: date expressions (:mod:`.expressions`), their resolution to ACLED event dates and the
reference date of an article without a publication date (:mod:`.resolve`)."""

from marsad.dates.expressions import DateExpression, find_date_expressions
from marsad.dates.resolve import (
    ResolvedDate,
    hijri_to_gregorian,
    infer_reference_date,
    resolve_event_date,
)

__all__ = [
    "DateExpression",
    "ResolvedDate",
    "find_date_expressions",
    "hijri_to_gregorian",
    "infer_reference_date",
    "resolve_event_date",
]
