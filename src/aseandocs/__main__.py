"""``python -m aseandocs``: the same as the ``aseandocs`` command."""

from aseandocs.cli import main

raise SystemExit(main())
