# SPDX-License-Identifier: MIT
"""Policies and the classification of one interaction.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

import ctypes
import json
import os
from typing import Any, Callable, Mapping, NamedTuple, Optional, Union

from ._enums import Class, Reason
from ._handle import Handle, held_optional
from ._native import call, encode_path, encode_record, encode_str, lib, take_json, text


class Classification(NamedTuple):
    """How an interaction was classified, and by which rule.

    ``cls`` is Momentum, neutral or disappointment; ``reason`` the rule of
    SPEC section 4 that decided it.
    """
    cls: Class
    reason: Reason

    def __repr__(self) -> str:
        """``Classification(cls=Class.MOMENTUM, reason=Reason.PROACTIVE)``."""
        return (f"Classification(cls=Class.{self.cls.name}, "
                f"reason=Reason.{self.reason.name})")


class Policy(Handle):
    """Classification thresholds and report settings (SPEC sections 4, 5).

    ``Policy()`` has the defaults; ``Policy.from_file`` and
    ``Policy.from_dict`` load the JSON policy format. Settings are read and
    written by key: ``policy["csat_positive_min"] = 5``.

    A policy owns its C object: ``close()`` (or a ``with`` block) releases
    it, after which every use raises ValueError. Recorders and ``copy()``
    take their own copies, so closing a policy never affects them. Not
    thread-safe to modify; a policy only read may be shared.
    """

    _KIND = "policy"

    def __init__(self) -> None:
        super().__init__(lib.cxm_policy_new(), lib.cxm_policy_free)

    @classmethod
    def _own(cls, handle: int) -> Policy:
        """A Policy owning ``handle``, a new C policy."""
        policy = cls.__new__(cls)
        Handle.__init__(policy, handle, lib.cxm_policy_free)
        return policy

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike[str], os.PathLike[bytes]]) -> Policy:
        """Load a JSON policy file. Raises PolicyError or FileError.

        Keys left out keep their defaults.
        """
        return cls._own(call(lib.cxm_policy_new_from_file, encode_path(path)))

    @classmethod
    def from_dict(cls, settings: Mapping[str, Any]) -> Policy:
        """Defaults overridden by ``settings``. Raises PolicyError.

        ``settings`` holds keys of the JSON policy format, e.g.
        ``{"name": "strict", "csat_positive_min": 5}``.
        """
        if not isinstance(settings, Mapping):
            raise TypeError(f"settings are a mapping, not {type(settings).__name__}")
        data = json.dumps(dict(settings)).encode("utf-8")
        return cls._own(call(lib.cxm_policy_new_from_data, data, len(data)))

    def copy(self) -> Policy:
        """An independent copy: changing one leaves the other as it was."""
        return Policy._own(lib.cxm_policy_copy(self._ptr()))

    def __getitem__(self, key: str) -> float:
        """The value of the numeric setting ``key``.

        An int for the integer settings, a float for ``z``. Raises
        PolicyError for an unknown key.
        """
        value = ctypes.c_double()
        call(lib.cxm_policy_get, self._ptr(), encode_str(key, "a setting"),
             ctypes.byref(value))
        return int(value.value) if value.value.is_integer() and key != "z" else value.value

    def __setitem__(self, key: str, value: float) -> None:
        """Set the numeric setting ``key``.

        Raises PolicyError for an unknown key, a value out of range or with
        a fraction for an integer setting, or thresholds that would cross
        (each ``*_negative_max`` must stay below its ``*_positive_min``);
        the policy is then unchanged.
        """
        call(lib.cxm_policy_set, self._ptr(), encode_str(key, "a setting"), float(value))

    @property
    def name(self) -> str:
        """The policy's name (1..64 bytes); not part of the fingerprint.

        Setting it raises PolicyError for an invalid name.
        """
        return text(lib.cxm_policy_get_name(self._ptr()))

    @name.setter
    def name(self, value: str) -> None:
        call(lib.cxm_policy_set_name, self._ptr(), encode_str(value, "a policy name"))

    def time_zone(self, team: Optional[str] = None) -> str:
        """The time zone whose days ``team``'s records (``None``: the
        default's) are counted in: its own, else the default, ``"UTC"``
        unless set."""
        value = lib.cxm_policy_get_time_zone(
            self._ptr(), None if team is None else encode_str(team, "a team"))
        return text(value)

    def set_time_zone(self, zone: Optional[str], team: Optional[str] = None) -> None:
        """Counts days, weeks and months in ``zone``: a tz database name
        (``"America/New_York"``), ``"UTC"`` or an offset (``"+05:30"``), for
        ``team``'s records or (``team=None``) every team without a zone of
        its own. ``zone=None`` removes the team's zone, or sets the default
        back to UTC. Zones other than UTC enter the fingerprint.

        Raises PolicyError for a zone the system's tz database lacks, the
        policy then unchanged.
        """
        call(lib.cxm_policy_set_time_zone, self._ptr(),
             None if team is None else encode_str(team, "a team"),
             None if zone is None else encode_str(zone, "a time zone"))

    @property
    def fingerprint(self) -> str:
        """Hex digest of every setting but the name, time zones included."""
        return text(lib.cxm_policy_get_fingerprint(self._ptr()))

    def to_dict(self) -> dict[str, Any]:
        """Every setting, as a policy file holds them."""
        return take_json(lib.cxm_policy_to_json(self._ptr()))

    def _fields(self) -> str:
        """``<cxm.Policy name='default' fingerprint=…>``."""
        return f"name={self.name!r} fingerprint={self.fingerprint}"


def classify_with(function: Callable[..., Any], owner: Optional[Handle],
                  owner_class: type[Handle], record: Union[Mapping[str, Any], str, bytes]) -> Classification:
    """Parse ``record`` and pass it to ``function`` (cxm_classify or
    cxm_recorder_record) with ``owner``'s handle (NULL for None); returns
    the classification it wrote. The record is parsed first, so a bad
    record raises its RecordError even for a closed ``owner``."""
    data = encode_record(record)
    interaction = call(lib.cxm_interaction_new_from_json, data, len(data))
    try:
        klass, reason = ctypes.c_int(), ctypes.c_int()
        # A recorder is never None here; a policy may be (the defaults).
        with held_optional(owner, owner_class, owner_class._KIND) as pointer:
            call(function, pointer, interaction,
                 ctypes.byref(klass), ctypes.byref(reason))
        return Classification(Class(klass.value), Reason(reason.value))
    finally:
        lib.cxm_interaction_free(interaction)


def classify(record: Union[Mapping[str, Any], str, bytes],
             policy: Optional[Policy] = None) -> Classification:
    """Classify one interaction record (a dict in the JSON Lines format).

    ``record`` may also be the JSON text of one line (str or bytes).
    ``policy`` gives the thresholds (None: the defaults). Nothing is
    recorded. Raises a RecordError subclass, with ``key`` set, for a bad
    record, and InvalidArgumentError for a leadership event.
    """
    return classify_with(lib.cxm_classify, policy, Policy, record)
