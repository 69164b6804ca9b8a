"""``python -m marsad …`` runs the ``marsad`` command (:mod:`marsad.cli`)."""

from marsad.cli import main

raise SystemExit(main())
