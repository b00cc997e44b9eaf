# SPDX-License-Identifier: MIT
"""The base class of every cxm object that owns a libcxm handle.

Internal: the public classes are re-exported by the package itself.
"""

from __future__ import annotations

import weakref
from typing import Any, Callable, TypeVar

Self = TypeVar("Self", bound="Handle")


class Handle:
    """An object that owns one C handle and releases it exactly once.

    ``close()``, or the end of a ``with`` block, releases it now; an object
    never closed is released when it is collected, or at interpreter exit.
    That finalizer holds the free function and the pointer, not the object
    or a module global, so it is safe while the interpreter shuts down.
    Once released, every use raises ValueError("the <kind> is closed").
    """

    #: What the object is called in "the <kind> is closed"; each subclass
    #: sets its own.
    _KIND = "object"

    def __init__(self, handle: int, free: Callable[[int], None]) -> None:
        self._handle = handle
        self._finalizer = weakref.finalize(self, free, handle)

    def close(self) -> None:
        """Release the C object now; the object is unusable afterwards.

        Idempotent: closing a closed object does nothing.
        """
        self._finalizer()

    def __enter__(self: Self) -> Self:
        """The object itself: ``with`` closes it at the end of the block."""
        return self

    def __exit__(self, *exc: Any) -> None:
        """Close the object; exceptions propagate."""
        self.close()

    def __repr__(self) -> str:
        """``<cxm.Kind fields>`` (``_fields``), or ``<cxm.Kind closed>``."""
        name = f"cxm.{type(self).__name__}"
        if not self._finalizer.alive:
            return f"<{name} closed>"
        return f"<{name} {self._fields()}>"

    def _fields(self) -> str:
        """What the repr shows of an open object; each subclass says."""
        return hex(self._handle)

    def _ptr(self) -> int:
        """The C handle to pass to a call; ValueError once closed."""
        if not self._finalizer.alive:
            raise ValueError(f"the {self._KIND} is closed")
        return self._handle
