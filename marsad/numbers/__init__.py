"""Numbers stage: digits, number words, approximations and vague quantities (see :mod:`.quantities`)."""

from marsad.numbers.quantities import Quantity, find_quantities, parse_number_words

__all__ = ["Quantity", "find_quantities", "parse_number_words"]
