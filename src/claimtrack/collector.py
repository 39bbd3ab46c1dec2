"""Pausing Python's cyclic garbage collector around bulk reads and cross-checks.

Reading a topic's 40,000 claims and judging their 230,000 pairs makes hundreds
of thousands of small objects that hold no reference cycles (reference counting
frees them); the cyclic collector would still walk every live object again and
again while they pile up, which took up to 40% of `claimtrack compare` at a
million claims. Inside ``paused()`` it does not run; it is switched back on after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off within the block (as it was after it).

    >>> with paused():
    ...     pairs = [(a, b) for a in range(100) for b in range(a)]
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
