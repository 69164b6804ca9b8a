"""Export: coded articles as JSON Lines, JSON, CSV (ACLED's columns) or a terminal table.

>>> import sys
>>> from marsad.export import make_writer
>>> writer = make_writer("jsonl", sys.stdout)
>>> writer.write(coded_article)    # doctest: +SKIP
>>> writer.close()

:func:`acled_row` turns one :class:`~marsad.models.EventRecord` into ACLED's 31 columns plus
Marsad's; it is what the CSV writer uses, and what any other tabular export should use.
"""

from marsad.export.acled import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    MARSAD_COLUMNS,
    EventIds,
    acled_region,
    acled_row,
    claim_summary,
    claims_summary,
    country_codes,
)
from marsad.export.writers import (
    FORMATS,
    CsvWriter,
    JsonlWriter,
    JsonWriter,
    Writer,
    dumps_article,
    make_writer,
)

__all__ = [
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "FORMATS",
    "MARSAD_COLUMNS",
    "CsvWriter",
    "EventIds",
    "JsonWriter",
    "JsonlWriter",
    "Writer",
    "acled_region",
    "acled_row",
    "claim_summary",
    "claims_summary",
    "country_codes",
    "dumps_article",
    "make_writer",
]
