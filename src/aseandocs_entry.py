"""The ``aseandocs`` console script.

It lives outside the ``aseandocs`` package so that it runs before the package's imports
(pydantic, the models): Ctrl-C while they load exits 130 with one line, no traceback.
"""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from aseandocs.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("aseandocs: error: interrupted\n")
        return 130
    return run()
