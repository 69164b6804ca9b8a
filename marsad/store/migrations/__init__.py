"""Alembic migrations of the event store (``env.py``, ``versions/``); run by :meth:`marsad.store.Store.open`."""
