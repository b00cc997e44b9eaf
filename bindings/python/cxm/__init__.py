"""cxm: customer-experience metrics, from Python.

A thin layer over libcxm (loaded with ctypes, no compiler needed): classify
interactions as Momentum, neutral or Moment of Disappointment with a stated
reason, and aggregate the indicators per level, team, employee and channel.

    import cxm
    with cxm.Recorder() as recorder:
        result = recorder.import_jsonl("interactions.jsonl")
        report = recorder.report(groups=("teams",), input=result)

Bulk paths (``import_jsonl``) hand whole files or buffers to C. Every C
object is released deterministically by ``close()`` or a ``with`` block,
and otherwise by a finalizer that is safe at interpreter exit.
"""

from __future__ import annotations

import ctypes
import enum
import io
import json
import os
import weakref
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Mapping, NamedTuple, Optional, Union

from . import _native
from ._errors import (DuplicateError, EnumError, Error, FileError,
                      FormatError, InvalidArgumentError, InvalidJSONError,
                      InvalidUTF8Error, LibraryError, MissingKeyError,
                      NotFoundError, NotObjectError, OrgError, PolicyError,
                      PolicyMismatchError, RangeError, RecordError,
                      TooDeepError, TooLongError, VersionError, WrongTypeError)

__version__ = "0.1.0"

__all__ = [
    "Channel", "Level", "Difficulty", "Emotion", "Resolution", "Class",
    "Reason", "LeadershipType", "Group", "Period", "Classification",
    "Rejection", "ImportResult", "Policy", "Org", "Recorder", "classify",
    "period_name", "wilson_interval",
    "net_score", "library_version", "Error", "InvalidArgumentError",
    "FileError", "RecordError", "InvalidJSONError", "InvalidUTF8Error",
    "TooLongError", "TooDeepError", "NotObjectError", "MissingKeyError",
    "WrongTypeError", "RangeError", "EnumError", "DuplicateError",
    "FormatError", "PolicyError", "PolicyMismatchError", "NotFoundError",
    "OrgError", "LibraryError", "VersionError",
]

_lib = _native.lib
_call = _native.call


def library_version() -> str:
    """The version of the loaded libcxm, e.g. "0.1.0"."""
    return _lib.cxm_version_string().decode()


class _Named(enum.IntEnum):
    """An enumeration of SPEC names; the value is the C enum value."""

    @property
    def json_name(self) -> str:
        """The name as the JSON formats spell it ("in_person")."""
        return self.name.lower()

    @classmethod
    def from_name(cls, name: str):
        """The member for a JSON name; ValueError if there is none."""
        if name != name.lower() or name.upper() not in cls.__members__:
            raise ValueError(f"{name!r} is not a {cls.__name__} name")
        return cls[name.upper()]


class Channel(_Named):
    WEB = 0
    PHONE = 1
    EMAIL = 2
    CHAT = 3
    IN_PERSON = 4
    SOCIAL = 5
    OTHER = 6


class Level(_Named):
    FRONTLINE = 0
    MANAGER = 1
    SENIOR_LEADER = 2
    UNASSIGNED = 3


class Difficulty(_Named):
    NO_IMMEDIATE_ANSWER = 0
    EXCEEDS_OFFERING = 1
    SERVICE_CHAIN_FAILURE = 2
    MISSING_INFORMATION = 3
    MISCOMMUNICATION = 4
    CUSTOMER_INSISTS = 5
    CUSTOMER_UPSET = 6


class Emotion(_Named):
    FEAR = 0
    ANGER = 1
    ANXIETY = 2
    STRESS = 3


class Resolution(_Named):
    RESOLVED = 0
    ESCALATED = 1
    UNRESOLVED = 2


class Class(_Named):
    MOMENTUM = 0
    NEUTRAL = 1
    DISAPPOINTMENT = 2


class Reason(_Named):
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


_GROUP_KIND = {Group.TOTALS: 0, Group.LEVELS: 1, Group.TEAMS: 2,
               Group.EMPLOYEES: 3, Group.CHANNELS: 4}
# Report sections by the names `cxm report --group` takes.
_REPORT_FLAG = {"teams": 1 << 0, "employees": 1 << 1, "channels": 1 << 2,
                "periods:day": 1 << 3, "periods:week": 1 << 4,
                "periods:month": 1 << 5, "scopes": 1 << 6, "hotspots": 1 << 7}
_REPORT_PRETTY = 1 << 8
_IMPORT_STRICT = 1 << 0


class Classification(NamedTuple):
    """How an interaction was classified, and by which rule."""
    cls: Class
    reason: Reason


@dataclass(frozen=True)
class Rejection:
    """One rejected record of an import."""
    source: Optional[str]
    line: int
    key: Optional[str]
    code: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}line {self.line}: {self.message}"


class ImportResult:
    """Counts and first rejections of one or more imports.

    Pass the same result to several ``import_jsonl`` calls to add them up,
    and to ``Recorder.report(input=...)`` for the report's input section.
    """

    def __init__(self, max_errors: int = 100):
        self._handle = _lib.cxm_import_result_new()
        self._finalizer = weakref.finalize(self, _lib.cxm_import_result_free,
                                           self._handle)
        _lib.cxm_import_result_set_max_errors(self._handle, max_errors)

    def close(self) -> None:
        """Release the C object now; the result is unusable afterwards."""
        self._finalizer()

    def __enter__(self) -> "ImportResult":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _ptr(self) -> int:
        if not self._finalizer.alive:
            raise ValueError("the import result is closed")
        return self._handle

    @property
    def records(self) -> int:
        """Non-blank lines read."""
        return _lib.cxm_import_result_get_records(self._ptr())

    @property
    def accepted(self) -> int:
        """Interactions and leadership events accepted."""
        return _lib.cxm_import_result_get_accepted(self._ptr())

    @property
    def rejected(self) -> int:
        return _lib.cxm_import_result_get_rejected(self._ptr())

    @property
    def leadership(self) -> int:
        """Leadership events accepted (also counted in ``accepted``)."""
        return _lib.cxm_import_result_get_leadership(self._ptr())

    @property
    def errors(self) -> list[Rejection]:
        """The rejections kept in detail, in input order."""
        h = self._ptr()
        return [
            Rejection(
                source=_native.decode(_lib.cxm_import_result_get_error_source(h, i)),
                line=_lib.cxm_import_result_get_error_line(h, i),
                key=_native.decode(_lib.cxm_import_result_get_error_key(h, i)),
                code=_lib.cxm_import_result_get_error_code(h, i),
                message=_native.decode(_lib.cxm_import_result_get_error_message(h, i)),
            )
            for i in range(_lib.cxm_import_result_get_n_errors(h))
        ]


def _encode_record(record: Union[Mapping[str, Any], str, bytes]) -> bytes:
    if isinstance(record, bytes):
        return record
    if isinstance(record, str):
        return record.encode("utf-8")
    return json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")


class Policy:
    """Classification thresholds and report settings (SPEC sections 4, 5).

    ``Policy()`` has the defaults; ``Policy.from_file`` and
    ``Policy.from_dict`` load the JSON policy format. Settings are read and
    written by key: ``policy["csat_positive_min"] = 5``.
    """

    def __init__(self, _handle: Optional[int] = None):
        self._handle = _handle if _handle is not None else _lib.cxm_policy_new()
        self._finalizer = weakref.finalize(self, _lib.cxm_policy_free, self._handle)

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike]) -> "Policy":
        """Load a JSON policy file. Raises PolicyError or FileError."""
        return cls(_call(_lib.cxm_policy_new_from_file, os.fsencode(path)))

    @classmethod
    def from_dict(cls, settings: Mapping[str, Any]) -> "Policy":
        """Defaults overridden by ``settings``. Raises PolicyError."""
        data = json.dumps(dict(settings)).encode("utf-8")
        return cls(_call(_lib.cxm_policy_new_from_data, data, len(data)))

    def close(self) -> None:
        """Release the C object now; the policy is unusable afterwards."""
        self._finalizer()

    def __enter__(self) -> "Policy":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _ptr(self) -> int:
        if not self._finalizer.alive:
            raise ValueError("the policy is closed")
        return self._handle

    def copy(self) -> "Policy":
        return Policy(_lib.cxm_policy_copy(self._ptr()))

    def __getitem__(self, key: str) -> float:
        value = ctypes.c_double()
        _call(_lib.cxm_policy_get, self._ptr(), key.encode(), ctypes.byref(value))
        return int(value.value) if value.value.is_integer() and key != "z" else value.value

    def __setitem__(self, key: str, value: float) -> None:
        _call(_lib.cxm_policy_set, self._ptr(), key.encode(), float(value))

    @property
    def name(self) -> str:
        return _lib.cxm_policy_get_name(self._ptr()).decode("utf-8")

    @name.setter
    def name(self, value: str) -> None:
        _call(_lib.cxm_policy_set_name, self._ptr(), value.encode("utf-8"))

    @property
    def fingerprint(self) -> str:
        """Hex digest of every setting but the name."""
        return _lib.cxm_policy_get_fingerprint(self._ptr()).decode()

    def to_dict(self) -> dict[str, Any]:
        """Every setting, as a policy file holds them."""
        return json.loads(_native.take_string(_lib.cxm_policy_to_json(self._ptr())))

    def __repr__(self) -> str:
        return f"<cxm.Policy {self.name!r} {self.fingerprint}>"


def _classification(klass: ctypes.c_int, reason: ctypes.c_int) -> Classification:
    return Classification(Class(klass.value), Reason(reason.value))


def classify(record: Union[Mapping[str, Any], str, bytes],
             policy: Optional[Policy] = None) -> Classification:
    """Classify one interaction record (a dict in the JSON Lines format).

    Raises a RecordError subclass, with ``key`` set, for a bad record.
    """
    data = _encode_record(record)
    interaction = _call(_lib.cxm_interaction_new_from_json, data, len(data))
    try:
        klass, reason = ctypes.c_int(), ctypes.c_int()
        _call(_lib.cxm_classify, policy._ptr() if policy else None, interaction,
              ctypes.byref(klass), ctypes.byref(reason))
        return _classification(klass, reason)
    finally:
        _lib.cxm_interaction_free(interaction)


def _group(group: Union[Group, str]) -> Group:
    return group if isinstance(group, Group) else Group(group)


class Org:
    """The people of an organisation and who reports to whom (SPEC 3).

    ``Org.from_file(path)`` or ``Org.from_dict({"people": [...]})``; give it
    to ``Recorder(org=...)`` for level and team inference and scopes.
    Raises OrgError for duplicate ids, unknown managers and cycles.
    """

    def __init__(self, _handle: int):
        self._handle = _handle
        self._finalizer = weakref.finalize(self, _lib.cxm_org_unref, _handle)

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike]) -> "Org":
        return cls(_call(_lib.cxm_org_new_from_file, os.fsencode(path)))

    @classmethod
    def from_dict(cls, org: Mapping[str, Any]) -> "Org":
        data = json.dumps(dict(org)).encode("utf-8")
        return cls(_call(_lib.cxm_org_new_from_data, data, len(data)))

    def close(self) -> None:
        """Drop this reference now (recorders keep their own)."""
        self._finalizer()

    def __enter__(self) -> "Org":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _ptr(self) -> int:
        if not self._finalizer.alive:
            raise ValueError("the org is closed")
        return self._handle

    def __len__(self) -> int:
        return _lib.cxm_org_get_n_people(self._ptr())

    def __contains__(self, person: str) -> bool:
        return bool(_lib.cxm_org_has_person(self._ptr(), person.encode("utf-8")))

    @property
    def people(self) -> list[str]:
        """Every id, sorted bytewise."""
        return _native.take_strv(_lib.cxm_org_get_people(self._ptr()))

    def level(self, person: str) -> Optional[Level]:
        value = _lib.cxm_org_get_level(self._ptr(), person.encode("utf-8"))
        return None if value < 0 else Level(value)

    def team(self, person: str) -> Optional[str]:
        return _native.decode(_lib.cxm_org_get_team(self._ptr(), person.encode("utf-8")))

    def manager(self, person: str) -> Optional[str]:
        return _native.decode(_lib.cxm_org_get_manager(self._ptr(), person.encode("utf-8")))

    def reports(self, person: str) -> list[str]:
        """Direct reports of ``person``, sorted."""
        return _native.take_strv(_lib.cxm_org_get_reports(self._ptr(),
                                                          person.encode("utf-8")))


def period_name(unix_seconds: int, kind: Period) -> str:
    """The name of the UTC day, ISO week or month holding ``unix_seconds``."""
    pointer = _lib.cxm_period_name(unix_seconds, int(kind))
    if not pointer:
        raise ValueError(f"{unix_seconds} is outside 1970-01-01..9999-12-31")
    return _native.take_string(pointer)


def _stats_dict(stats: int) -> dict[str, Any]:
    """A CxmStats as the report's group object; frees the stats."""
    try:
        return json.loads(_native.take_string(_lib.cxm_stats_to_json(stats, 0)))
    finally:
        _lib.cxm_stats_free(stats)


class Recorder:
    """Aggregates of accepted interactions, per level, team, employee, channel.

    ``Recorder(policy)`` works under a copy of ``policy`` (None: defaults).
    With an ``org``, records without level or team take their employee's,
    and scopes can be read. Not thread-safe: use one recorder per thread
    and ``merge`` them.
    """

    def __init__(self, policy: Optional[Policy] = None, org: Optional[Org] = None):
        self._handle = _lib.cxm_recorder_new(policy._ptr() if policy else None)
        self._finalizer = weakref.finalize(self, _lib.cxm_recorder_free, self._handle)
        if org is not None:
            _call(_lib.cxm_recorder_set_org, self._handle, org._ptr())

    def close(self) -> None:
        """Release the C object now; the recorder is unusable afterwards."""
        self._finalizer()

    def __enter__(self) -> "Recorder":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _ptr(self) -> int:
        if not self._finalizer.alive:
            raise ValueError("the recorder is closed")
        return self._handle

    @property
    def policy(self) -> Policy:
        """A copy of the recorder's policy."""
        return Policy(_lib.cxm_policy_copy(_lib.cxm_recorder_get_policy(self._ptr())))

    @property
    def n(self) -> int:
        """Interactions accepted so far."""
        return _lib.cxm_recorder_get_n(self._ptr())

    def leadership_count(self, type: Optional[LeadershipType] = None) -> int:
        """Leadership events accepted, of one type or all."""
        return _lib.cxm_recorder_get_leadership_count(
            self._ptr(), -1 if type is None else int(type))

    def record(self, record: Union[Mapping[str, Any], str, bytes]
               ) -> Optional[Classification]:
        """Record one record (a dict in the JSON Lines format).

        Returns the classification of an interaction, None for a leadership
        event. A bad record raises a RecordError subclass with ``key`` set,
        and changes nothing.
        """
        data = _encode_record(record)
        if isinstance(record, Mapping) and record.get("kind") == "leadership":
            _call(_lib.cxm_recorder_import_data, self._ptr(), data, len(data),
                  None, _IMPORT_STRICT, None)
            return None
        interaction = _call(_lib.cxm_interaction_new_from_json, data, len(data))
        try:
            klass, reason = ctypes.c_int(), ctypes.c_int()
            _call(_lib.cxm_recorder_record, self._ptr(), interaction,
                  ctypes.byref(klass), ctypes.byref(reason))
            return _classification(klass, reason)
        finally:
            _lib.cxm_interaction_free(interaction)

    def import_jsonl(self, source: Union[str, os.PathLike, bytes, bytearray,
                                         memoryview, BinaryIO, io.TextIOBase],
                     *, strict: bool = False, name: Optional[str] = None,
                     result: Optional[ImportResult] = None) -> ImportResult:
        """Import JSON Lines from a path, a bytes-like buffer or a file object.

        The whole input goes to C in one call: a path is read by C, a
        seekable file from its current position through its descriptor,
        anything else is read into memory first. Bad records are rejected
        and listed in the result; with ``strict`` the first one raises
        (with ``line`` and ``key``). ``name`` names the source in errors
        (default: the path or the file's name). Pass ``result`` to add this
        import to an earlier one's counts.
        """
        result = result if result is not None else ImportResult()
        flags = _IMPORT_STRICT if strict else 0
        handle, rp = self._ptr(), result._ptr()
        if isinstance(source, (str, os.PathLike)):
            if name is not None:
                with open(source, "rb") as file:
                    return self.import_jsonl(file, strict=strict, name=name,
                                             result=result)
            _call(_lib.cxm_recorder_import_path, handle, os.fsencode(source), flags, rp)
        elif isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            _call(_lib.cxm_recorder_import_data, handle, data, len(data),
                  _encode_name(name), flags, rp)
        else:
            name = name if name is not None else getattr(source, "name", None)
            name = name if isinstance(name, str) else None
            fd = _seekable_fd(source)
            if fd is not None:
                try:
                    _call(_lib.cxm_recorder_import_fd, handle, fd, _encode_name(name),
                          flags, rp)
                finally:
                    source.seek(0, io.SEEK_END)  # the file was read to its end
            else:
                data = source.read()
                data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
                _call(_lib.cxm_recorder_import_data, handle, data, len(data),
                      _encode_name(name), flags, rp)
        return result

    def merge(self, other: "Recorder") -> None:
        """Add ``other``'s aggregates to this recorder.

        Raises PolicyMismatchError if the two policies differ.
        """
        _call(_lib.cxm_recorder_merge, self._ptr(), other._ptr())

    def keys(self, group: Union[Group, str]) -> list[str]:
        """The keys of a kind of group (levels and channels in SPEC order)."""
        return _native.take_strv(_call(_lib.cxm_recorder_get_keys, self._ptr(),
                                       _GROUP_KIND[_group(group)]))

    def indicators(self, group: Union[Group, str] = Group.TOTALS,
                   key: Optional[str] = None) -> dict[str, Any]:
        """Every indicator of one group, as the report holds it.

        ``group`` is "totals", "levels", "teams", "employees" or
        "channels"; ``key`` names the level, team, employee or channel.
        Raises NotFoundError for a group never seen.
        """
        return _stats_dict(_call(_lib.cxm_recorder_get_stats, self._ptr(),
                                 _GROUP_KIND[_group(group)],
                                 None if key is None else key.encode("utf-8")))

    def periods(self, kind: Period) -> list[str]:
        """The periods of ``kind`` that hold interactions, in time order."""
        return _native.take_strv(_call(_lib.cxm_recorder_get_periods, self._ptr(),
                                       int(kind)))

    def period_indicators(self, kind: Period, period: str,
                          group: Union[Group, str] = Group.TOTALS,
                          key: Optional[str] = None) -> dict[str, Any]:
        """One group within one period (employees are not kept per period)."""
        return _stats_dict(_call(_lib.cxm_recorder_get_period_stats, self._ptr(),
                                 int(kind), period.encode("utf-8"),
                                 _GROUP_KIND[_group(group)],
                                 None if key is None else key.encode("utf-8")))

    def scopes(self) -> list[str]:
        """Every person of the org, then "unknown_manager" when used."""
        return _native.take_strv(_call(_lib.cxm_recorder_get_scopes, self._ptr()))

    def scope_indicators(self, person: str, cumulative: bool = True) -> dict[str, Any]:
        """A person's own interactions, or (cumulative) theirs and everyone's below."""
        return _stats_dict(_call(_lib.cxm_recorder_get_scope_stats, self._ptr(),
                                 person.encode("utf-8"), int(cumulative)))

    def report(self, groups: Iterable[Union[Group, str]] = (),
               input: Optional[ImportResult] = None,
               compare: Optional[tuple[str, str]] = None) -> dict[str, Any]:
        """The JSON report (SPEC section 8) as a dict.

        ``groups`` adds any of "teams", "employees", "channels",
        "periods:day", "periods:week", "periods:month", "scopes" (needs an
        org) and "hotspots", as ``cxm report --group`` does; ``input`` fills
        the input section (else the recorder's own counts); ``compare`` =
        (period_a, period_b) adds the comparison of two periods of the one
        period kind in ``groups``.
        """
        flags = 0
        for group in groups:
            name = group.value if isinstance(group, Group) else group
            if name not in _REPORT_FLAG:
                raise ValueError(f"unknown report group {name!r}")
            flags |= _REPORT_FLAG[name]
        a, b = (None, None) if compare is None else (p.encode("utf-8") for p in compare)
        text = _call(_lib.cxm_report_to_json_full, self._ptr(),
                     input._ptr() if input is not None else None, flags, a, b)
        return json.loads(_native.take_string(text))


def _encode_name(name: Optional[str]) -> Optional[bytes]:
    return None if name is None else name.encode("utf-8")


def _seekable_fd(file: Any) -> Optional[int]:
    """The descriptor positioned where binary ``file`` stands, or None."""
    if isinstance(file, io.TextIOBase):
        return None  # its tell() is a decoder cookie, not a byte offset
    try:
        fd = file.fileno()
        if not file.seekable():
            return None
        position = file.tell()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None
    os.lseek(fd, position, os.SEEK_SET)
    return fd


def wilson_interval(x: int, n: int, z: float = 1.959964
                    ) -> Optional[tuple[float, float, float]]:
    """(value, low, high) of the Wilson score interval; None when n = 0."""
    rate = _native.CxmRate()
    if not _lib.cxm_wilson_interval(x, n, z, ctypes.byref(rate)):
        return None
    return rate.value, rate.low, rate.high


def net_score(positive: int, negative: int, n: int, z: float = 1.959964
              ) -> Optional[tuple[float, float]]:
    """(score, moe95) of a net score (NPS, net momentum); None when n = 0."""
    score = _native.CxmNetScore()
    if not _lib.cxm_net_score(positive, negative, n, z, ctypes.byref(score)):
        return None
    return score.score, score.moe95
