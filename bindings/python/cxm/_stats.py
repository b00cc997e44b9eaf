# SPDX-License-Identifier: MIT
"""Statistics: Wilson intervals, net scores, period names, group indicators.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

import ctypes
from typing import Any, Optional, Union

from . import _native
from ._enums import Period, period_kind
from ._native import (INT64_MAX, INT64_MIN, UINT64_MAX, c_integer, lib, take_json,
                      take_string)


def wilson_interval(x: int, n: int, z: float = 1.959964
                    ) -> Optional[tuple[float, float, float]]:
    """(value, low, high) of the Wilson score interval; None when n = 0.

    The proportion ``x`` / ``n`` and its interval at the normal quantile
    ``z`` (1.959964: 95%), all in 0..1. Also None when x > n or z <= 0.
    OverflowError for a count outside 0..2**64-1.
    """
    rate = _native.CxmRate()
    x, n = (c_integer(v, name, 0, UINT64_MAX) for v, name in ((x, "x"), (n, "n")))
    if not lib.cxm_wilson_interval(x, n, float(z), ctypes.byref(rate)):
        return None
    return rate.value, rate.low, rate.high


def net_score(positive: int, negative: int, n: int, z: float = 1.959964
              ) -> Optional[tuple[float, float]]:
    """(score, moe95) of a net score (NPS, net momentum); None when n = 0.

    The score is 100 (positive - negative) / n, on -100..100; ``moe95`` is
    its margin of error at the normal quantile ``z`` (1.959964: 95%), from
    the trinomial variance of SPEC section 5. Also None when positive +
    negative > n or z <= 0.
    """
    score = _native.CxmNetScore()
    positive, negative, n = (c_integer(v, name, 0, UINT64_MAX) for v, name in
                             ((positive, "positive"), (negative, "negative"), (n, "n")))
    if not lib.cxm_net_score(positive, negative, n, float(z), ctypes.byref(score)):
        return None
    return score.score, score.moe95


def period_name(unix_seconds: int, kind: Union[Period, str]) -> str:
    """The name of the UTC day, ISO week or month holding ``unix_seconds``.

    E.g. "2026-03-02", "2026-W10", "2026-03"; ``kind`` is a Period or its
    name, as ``Recorder.periods`` takes it. Raises ValueError outside
    1970-01-01..9999-12-31 (OverflowError, also a ValueError, beyond a
    64-bit count of seconds).
    """
    seconds = c_integer(unix_seconds, "unix_seconds", INT64_MIN, INT64_MAX)
    pointer = lib.cxm_period_name(seconds, int(period_kind(kind)))
    if not pointer:
        raise ValueError(f"{unix_seconds} is outside 1970-01-01..9999-12-31")
    return take_string(pointer)


def take_stats(stats: int) -> dict[str, Any]:
    """A caller-owned CxmStats as the report's group object; frees the stats."""
    try:
        return take_json(lib.cxm_stats_to_json(stats, 0))
    finally:
        lib.cxm_stats_free(stats)
