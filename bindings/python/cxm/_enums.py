# SPDX-License-Identifier: MIT
"""The enumerations of cxm and the C flag constants.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

import enum
from typing import Optional, TypeVar, Union

_N = TypeVar("_N", bound="_Named")


class _Named(enum.IntEnum):
    """An enumeration of SPEC names; the value is the C enum value."""

    @property
    def json_name(self) -> str:
        """The name as the JSON formats spell it ("in_person")."""
        return self.name.lower()

    @classmethod
    def from_name(cls: type[_N], name: str) -> _N:
        """The member for a JSON name; ValueError naming the names if there
        is none."""
        if name != name.lower() or name.upper() not in cls.__members__:
            raise ValueError(f"{name!r} is not a {cls.__name__} name "
                             f"(expected one of {cls.names()})")
        return cls[name.upper()]

    @classmethod
    def coerce(cls: type[_N], value: Union[_N, str], what: str) -> _N:
        """A member, from itself or its JSON name; ``what`` names the
        argument in the ValueError or TypeError for anything else."""
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise TypeError(f"{what} must be a cxm.{cls.__name__} or one of "
                            f"{cls.names()}, not {value!r}")
        try:
            return cls.from_name(value)
        except ValueError:
            raise ValueError(f"{what} must be a cxm.{cls.__name__} or one of "
                             f"{cls.names()}, not {value!r}") from None

    @classmethod
    def names(cls) -> str:
        """The JSON names, quoted, as errors list them: "'a', 'b', 'c'"."""
        return ", ".join(repr(member.json_name) for member in cls)


class Channel(_Named):
    """Where an interaction took place (the record's ``channel``)."""
    WEB = 0
    PHONE = 1
    EMAIL = 2
    CHAT = 3
    IN_PERSON = 4
    SOCIAL = 5
    OTHER = 6


class Level(_Named):
    """An organisational level (the record's ``level``).

    UNASSIGNED is the group of records whose level is unknown; a record
    cannot carry it.
    """
    FRONTLINE = 0
    MANAGER = 1
    SENIOR_LEADER = 2
    UNASSIGNED = 3


class Difficulty(_Named):
    """A kind of difficult moment (the record's ``difficulties``)."""
    NO_IMMEDIATE_ANSWER = 0
    EXCEEDS_OFFERING = 1
    SERVICE_CHAIN_FAILURE = 2
    MISSING_INFORMATION = 3
    MISCOMMUNICATION = 4
    CUSTOMER_INSISTS = 5
    CUSTOMER_UPSET = 6


class Emotion(_Named):
    """An emotion the employee felt (the record's ``emotions``)."""
    FEAR = 0
    ANGER = 1
    ANXIETY = 2
    STRESS = 3


class Resolution(_Named):
    """How an interaction ended (the record's ``resolution``)."""
    RESOLVED = 0
    ESCALATED = 1
    UNRESOLVED = 2


class Class(_Named):
    """The classification of an interaction: Momentum, neutral or Moment of
    Disappointment."""
    MOMENTUM = 0
    NEUTRAL = 1
    DISAPPOINTMENT = 2


class Reason(_Named):
    """The classification rule (SPEC section 4) that decided, in rule order."""
    CUSTOMER_NEGATIVE = 0
    DIFFICULTY_UNRESOLVED = 1
    BOTH_HURT = 2
    NO_POSITIVE_SIGNAL = 3
    ONE_SIDED = 4
    DIFFICULTY_OVERCOME = 5
    BEYOND_ROLE = 6
    PROACTIVE = 7
    EMPOWERED = 8
    DELIGHTED = 9
    ROUTINE = 10


class LeadershipType(_Named):
    """The type of a leadership event (the record's ``type``)."""
    PURPOSE_HUDDLE = 0
    RECOGNITION = 1
    COACHING = 2
    STANDARD_REVIEW = 3
    COMMUNICATION = 4


class Group(enum.Enum):
    """Kinds of group; the value is what ``report(groups=...)`` accepts.

    TOTALS to CHANNELS are also what ``keys`` and ``indicators`` read;
    periods are a ``Period`` (``report(groups=[cxm.Period.WEEK])`` is
    "periods:week"); scopes are read with ``scopes`` and
    ``scope_indicators``, hot spots only in the report.
    """
    TOTALS = "totals"
    LEVELS = "levels"
    TEAMS = "teams"
    EMPLOYEES = "employees"
    CHANNELS = "channels"
    SCOPES = "scopes"
    HOTSPOTS = "hotspots"


class Period(_Named):
    """Time buckets (UTC): "2026-03-02", "2026-W10" (ISO 8601), "2026-03".

    Wherever a Period is taken, so is its name ("week") and the report
    group's ("periods:week").
    """
    DAY = 0
    WEEK = 1
    MONTH = 2


class Sync(_Named):
    """When a journaled record reaches the disk (``Recorder.set_sync``).

    Every mode writes each record to the file before the call returns, so
    an acknowledged record survives the death of the process; they differ
    on an OS crash or power loss. ALWAYS: fdatasync before each record call
    returns, nothing acknowledged is lost. BATCH: fdatasync once
    ``batch_records`` records or ``batch_ms`` milliseconds have gone by
    since the last; call ``Recorder.sync()`` when a burst ends. OS: never
    synced by cxm, the kernel writes back within about 30 s.
    """
    ALWAYS = 0
    BATCH = 1
    OS = 2


# CxmGroupKind, by Group.
GROUP_KIND = {Group.TOTALS: 0, Group.LEVELS: 1, Group.TEAMS: 2,
              Group.EMPLOYEES: 3, Group.CHANNELS: 4}
IMPORT_STRICT = 1 << 0
JOURNAL_UNIQUE_IDS = 1 << 0
JOURNAL_READ_ONLY = 1 << 1


def group_kind(group: Union[Group, str]) -> int:
    """The CxmGroupKind of a Group or its value; ValueError naming the
    accepted ones for others, TypeError for what is neither."""
    if not isinstance(group, (Group, str)):
        raise TypeError(f"group must be a cxm.Group or its name, not {group!r}")
    found = group if isinstance(group, Group) else _GROUPS.get(group)
    if found not in GROUP_KIND:
        hint = {Group.SCOPES: " (read scopes with scopes() and scope_indicators())",
                Group.HOTSPOTS: " (hot spots are only in the report)"}
        names = ", ".join(repr(g.value) for g in GROUP_KIND)
        given = group.value if isinstance(group, Group) else group
        raise ValueError(f"group must be a cxm.Group or one of {names}, not "
                         f"{given!r}{hint.get(found, '') if found else ''}")
    return GROUP_KIND[found]


_GROUPS = {group.value: group for group in Group}
_PERIOD_GROUP = "periods:"


def period_kind(kind: Union[Period, str]) -> Period:
    """The Period of a Period, its name ("week") or the report group's
    ("periods:week"); ValueError naming those for others."""
    if isinstance(kind, str) and kind.startswith(_PERIOD_GROUP):
        kind = kind[len(_PERIOD_GROUP):]
    return Period.coerce(kind, "a period kind")


def report_group(group: Union[Group, Period, str]) -> Optional[str]:
    """The name ``cxm_report_options_add_groups`` takes for ``group``;
    None for the groups every report holds (totals, levels). Other strings
    go to the library as they are, which names the accepted ones."""
    if isinstance(group, Period):
        return _PERIOD_GROUP + group.json_name
    if isinstance(group, Group):
        group = group.value
    if not isinstance(group, str):
        raise TypeError(f"a report group is a cxm.Group, a cxm.Period or a name, "
                        f"not {group!r}")
    if group in (Group.TOTALS.value, Group.LEVELS.value):
        return None
    if group in (Period.DAY.json_name, Period.WEEK.json_name, Period.MONTH.json_name):
        return _PERIOD_GROUP + group
    return group


def key_name(key: Union[str, _Named, None]) -> Optional[str]:
    """A group's key: a str as it is, an enum (a Level, a Channel) its name."""
    return key.json_name if isinstance(key, _Named) else key
