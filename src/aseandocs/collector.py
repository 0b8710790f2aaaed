"""Pausing Python's cycle collector while a document tree is built.

Building a tree allocates tens of thousands of objects and frees none of them until it
is done, so the collector's passes in between find nothing and only cost time; on large
documents they cost more with every pass, as each one walks the tree built so far.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cycle collector for the ``with`` block, and enable it again after only
    if it was enabled before (so nested and concurrent pauses end with it as it was)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
