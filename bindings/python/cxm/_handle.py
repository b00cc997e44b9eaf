# SPDX-License-Identifier: MIT
"""The base class of every cxm object that owns a libcxm handle.

Internal: the public classes are re-exported by the package itself.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import weakref
from threading import get_ident
from typing import Any, Callable, Iterator, Optional, TypeVar

Self = TypeVar("Self", bound="Handle")
H = TypeVar("H", bound="Handle")

#: Special methods that reach C, guarded as the public methods are.
_GUARDED_SPECIALS = frozenset({"__len__", "__contains__", "__getitem__",
                               "__setitem__", "__iter__"})
#: What a subclass defines that must not be guarded: close() waits for the
#: calls in flight, and the context manager only calls it.
_UNGUARDED = frozenset({"close", "__enter__", "__exit__"})


class Handle:
    """An object that owns one C handle and releases it exactly once.

    ``close()``, or the end of a ``with`` block, releases it now; an object
    never closed is released when it is collected, or at interpreter exit.
    That finalizer holds the free function and the pointer, not the object
    or a module global, so it is safe while the interpreter shuts down.
    Once released, every use raises ValueError("the <kind> is closed").

    Every public method and property of a subclass counts itself in flight
    while it runs (C calls release the interpreter's lock, so other
    threads run meanwhile): ``close()`` refuses new calls, waits for those
    in flight, then releases the handle, so that no thread is ever left
    inside C with a freed handle.
    """

    #: What the object is called in "the <kind> is closed"; each subclass
    #: sets its own.
    _KIND = "object"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in list(vars(cls).items()):
            if name in _UNGUARDED or (name.startswith("_") and
                                      name not in _GUARDED_SPECIALS):
                continue
            if isinstance(member, property):
                setattr(cls, name, property(
                    _guarded(member.fget) if member.fget else None,
                    _guarded(member.fset) if member.fset else None,
                    member.fdel, member.__doc__))
            elif callable(member) and not isinstance(member, type):
                setattr(cls, name, _guarded(member))

    def __init__(self, handle: int, free: Callable[[int], None]) -> None:
        if not handle:
            raise MemoryError(f"libcxm could not make the {self._KIND}")
        self._handle = handle
        self._finalizer = weakref.finalize(self, free, handle)
        # A plain lock, not a Condition: entering and leaving are on every
        # call's path, and close() alone waits (on an Event).
        self._lock = threading.Lock()
        self._closing = False
        self._idle: Optional[threading.Event] = None
        #: Threads inside a call, by thread id: how many calls deep.
        self._inside: dict[int, int] = {}

    def close(self) -> None:
        """Release the C object now; the object is unusable afterwards.

        Calls other threads have in flight finish first; calls begun
        after raise ValueError. Idempotent: closing a closed object does
        nothing. RuntimeError when called from inside one of the object's
        own calls (a callback), which would free what that call uses.
        """
        with self._lock:
            if get_ident() in self._inside:
                raise RuntimeError(f"the {self._KIND} cannot be closed from "
                                   f"inside one of its own calls")
            self._closing = True
            idle = self._idle = self._idle or threading.Event()
            if not self._inside:
                idle.set()
        idle.wait()
        # Concurrent closers all get here; the lock lets one free.
        with self._lock:
            if self._finalizer.alive:
                try:
                    self._before_free()
                finally:
                    self._finalizer()

    def _before_free(self) -> None:
        """What a subclass does with the handle just before it is freed,
        once no call is in flight."""

    def _enter(self) -> int:
        """Count this thread in flight; the C handle. ValueError once
        closed or closing."""
        me = get_ident()
        with self._lock:
            # A finalizer run at interpreter exit frees without close().
            if self._closing or not self._finalizer.alive:
                raise ValueError(f"the {self._KIND} is closed")
            inside = self._inside
            inside[me] = inside.get(me, 0) + 1
        return self._handle

    def _leave(self) -> None:
        """The end of what ``_enter`` began; the last one out lets a
        waiting close() go on."""
        me = get_ident()
        with self._lock:
            inside = self._inside
            depth = inside[me] - 1
            if depth:
                inside[me] = depth
            else:
                del inside[me]
                if not inside and self._idle is not None:
                    self._idle.set()

    @contextlib.contextmanager
    def _using(self) -> Iterator[int]:
        """The C handle, counted in flight for the block."""
        handle = self._enter()
        try:
            yield handle
        finally:
            self._leave()

    def __enter__(self: Self) -> Self:
        """The object itself: ``with`` closes it at the end of the block."""
        return self

    def __exit__(self, *exc: Any) -> None:
        """Close the object; exceptions propagate."""
        self.close()

    def __repr__(self) -> str:
        """``<cxm.Kind fields>`` (``_fields``), or ``<cxm.Kind closed>``."""
        name = f"cxm.{type(self).__name__}"
        try:
            with self._using():
                return f"<{name} {self._fields()}>"
        except ValueError:
            return f"<{name} closed>"

    def _fields(self) -> str:
        """What the repr shows of an open object; each subclass says."""
        return hex(self._handle)

    def _ptr(self) -> int:
        """The C handle to pass to a call; ValueError once closed.

        Inside a guarded method the handle stays valid until it returns.
        """
        if self._closing or not self._finalizer.alive:
            raise ValueError(f"the {self._KIND} is closed")
        return self._handle


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a method) run with its object counted in flight."""
    @functools.wraps(function)
    def method(self: Handle, *args: Any, **kwargs: Any) -> Any:
        self._enter()
        try:
            return function(self, *args, **kwargs)
        finally:
            self._leave()
    return method


def check(value: Any, cls: type[H], what: str) -> H:
    """``value`` itself when it is a ``cls``; TypeError naming the class
    otherwise, before any pointer reaches C."""
    if not isinstance(value, cls):
        raise TypeError(f"{what} must be a cxm.{cls.__name__}, not "
                        f"{type(value).__name__}")
    return value


@contextlib.contextmanager
def held(value: Any, cls: type[H], what: str) -> Iterator[int]:
    """The C handle of ``value``, a ``cls``, counted in flight for the
    block so that another thread's ``close()`` waits; TypeError for
    anything else."""
    with check(value, cls, what)._using() as pointer:
        yield pointer


@contextlib.contextmanager
def held_optional(value: Any, cls: type[H], what: str) -> Iterator[Optional[int]]:
    """``held``, with None for ``value`` None (the C argument's NULL)."""
    if value is None:
        yield None
    else:
        with held(value, cls, what) as pointer:
            yield pointer
