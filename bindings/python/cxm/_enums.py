"""The enumerations of cxm and the C flag constants.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

import enum
from typing import TypeVar, Union

_N = TypeVar("_N", bound="_Named")


class _Named(enum.IntEnum):
    """An enumeration of SPEC names; the value is the C enum value."""

    @property
    def json_name(self) -> str:
        """The name as the JSON formats spell it ("in_person")."""
        return self.name.lower()

    @classmethod
    def from_name(cls: type[_N], name: str) -> _N:
        """The member for a JSON name; ValueError if there is none."""
        if name != name.lower() or name.upper() not in cls.__members__:
            raise ValueError(f"{name!r} is not a {cls.__name__} name")
        return cls[name.upper()]


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
    """Kinds of group; the value is what ``report(groups=...)`` accepts."""
    TOTALS = "totals"
    LEVELS = "levels"
    TEAMS = "teams"
    EMPLOYEES = "employees"
    CHANNELS = "channels"


class Period(_Named):
    """Time buckets (UTC): "2026-03-02", "2026-W10" (ISO 8601), "2026-03"."""
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
    """The CxmGroupKind of a Group or its value; ValueError for others."""
    return GROUP_KIND[group if isinstance(group, Group) else Group(group)]
