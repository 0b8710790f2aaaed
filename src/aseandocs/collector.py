"""Pausing Python's cycle collector while a document tree is built.

Building a tree allocates tens of thousands of objects and frees none of them until it
is done, so the collector's passes in between find nothing and only cost time; on large
documents they cost more with every pass, as each one walks the tree built so far.

The pause is a pair of functions around a ``try`` block rather than a context manager
because a context manager is an object allocated before the pause: that allocation runs
the collection the previous build left due, once per call, where in a loop of builds it
can wait for the end of the loop and walk all the new trees once.
"""

from __future__ import annotations

import gc


def pause() -> bool:
    """Disable the cycle collector; return whether it was enabled, for :func:`resume`."""
    collecting = gc.isenabled()
    gc.disable()
    return collecting


def resume(collecting: bool) -> None:
    """Enable the cycle collector again if :func:`pause` found it enabled (so nested and
    concurrent pauses end with it as it was)."""
    if collecting:
        gc.enable()
