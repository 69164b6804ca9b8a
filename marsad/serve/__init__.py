"""``marsad serve``: the REST API (FastAPI) and the map dashboard over the event store.

=====================================  ===========================================================
module                                 job
=====================================  ===========================================================
:mod:`marsad.serve.app`                :func:`create_app`: routes, error bodies, size limit
:mod:`marsad.serve.data`               the reads the API needs beyond :class:`marsad.store.Store`:
                                       paged summaries, actors, places, statistics, source texts
:mod:`marsad.serve.auth`               API tokens, kept hashed (``MARSAD_API_TOKENS``)
:mod:`marsad.serve.cli`                ``marsad serve`` once parsed (uvicorn)
``marsad/serve/static/``               the dashboard: HTML, JS, CSS, vendored Leaflet, Natural Earth
=====================================  ===========================================================

FastAPI and uvicorn are imported only here: ``marsad code`` never loads them.
"""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    """The FastAPI application; see :func:`marsad.serve.app.create_app`."""
    from marsad.serve.app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
