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
import operator
import os
import weakref
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Mapping, NamedTuple, Optional, Union

from . import _native
from ._errors import (BusyError, DuplicateError, DuplicateIdError, EnumError,
                      Error, FileError, FormatError, InvalidArgumentError,
                      InvalidJSONError, InvalidUTF8Error, LibraryError,
                      LimitError, MissingKeyError, NotFoundError,
                      NotObjectError, OrgError, PolicyError,
                      PolicyMismatchError, RangeError, RecordError,
                      SnapshotError, TooDeepError, TooLongError, VersionError,
                      WrongTypeError)

__version__ = "0.1.0"

__all__ = [
    "Channel", "Level", "Difficulty", "Emotion", "Resolution", "Class",
    "Reason", "LeadershipType", "Group", "Period", "Sync", "Classification",
    "Rejection", "ImportResult", "Policy", "Org", "Recorder", "classify",
    "period_name", "wilson_interval",
    "net_score", "library_version", "Error", "InvalidArgumentError",
    "FileError", "RecordError", "InvalidJSONError", "InvalidUTF8Error",
    "TooLongError", "TooDeepError", "NotObjectError", "MissingKeyError",
    "WrongTypeError", "RangeError", "EnumError", "DuplicateError",
    "FormatError", "PolicyError", "PolicyMismatchError", "NotFoundError",
    "OrgError", "LimitError", "SnapshotError", "BusyError",
    "DuplicateIdError", "LibraryError", "VersionError",
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


_GROUP_KIND = {Group.TOTALS: 0, Group.LEVELS: 1, Group.TEAMS: 2,
               Group.EMPLOYEES: 3, Group.CHANNELS: 4}
_IMPORT_STRICT = 1 << 0
_JOURNAL_UNIQUE_IDS = 1 << 0
_JOURNAL_READ_ONLY = 1 << 1
_UINT_MAX = (1 << 32) - 1
_UINT64_MAX = (1 << 64) - 1


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
    if isinstance(record, (bytearray, memoryview)):
        return bytes(record)
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
    and scopes can be read. ``open_journal`` makes it durable,
    ``to_snapshot``/``from_snapshot`` carry its sums elsewhere.

    Thread-safe: any number of threads may record into and read from one
    recorder at once (the C calls release the GIL; each takes the
    recorder's lock, and a report sees one instant). Only ``close()`` must
    not run while another thread still uses the recorder.
    """

    def __init__(self, policy: Optional[Policy] = None, org: Optional[Org] = None):
        self._adopt(_lib.cxm_recorder_new(policy._ptr() if policy else None))
        if org is not None:
            _call(_lib.cxm_recorder_set_org, self._handle, org._ptr())

    def _adopt(self, handle: int) -> None:
        self._handle = handle
        self._finalizer = weakref.finalize(self, _lib.cxm_recorder_free, handle)
        self._sync_mode = Sync.ALWAYS

    @classmethod
    def from_snapshot(cls, snapshot: Union[bytes, bytearray, memoryview, str],
                      org: Optional[Org] = None) -> "Recorder":
        """A new recorder holding the sums of a ``to_snapshot()`` document.

        It works under the snapshot's policy and reports exactly as the
        recorder that wrote it did. A snapshot holds no org: pass ``org``
        to read scopes (the sums stay as they were recorded). Combine
        several snapshots with ``merge``. Raises SnapshotError for anything
        that is not a valid snapshot of this version, LimitError beyond the
        default ``max_groups``.
        """
        if not isinstance(snapshot, (bytes, bytearray, memoryview, str)):
            raise TypeError("a snapshot is bytes or str, not "
                            f"{type(snapshot).__name__}")
        data = _encode_record(snapshot)
        loaded = cls.__new__(cls)
        loaded._adopt(_call(_lib.cxm_snapshot_load, data, len(data)))
        if org is None:
            return loaded
        with loaded:  # an org can only join an empty recorder: merge into one
            with loaded.policy as policy:
                recorder = cls(policy, org=org)
            recorder.merge(loaded)
        return recorder

    def close(self) -> None:
        """Release the C object now; the recorder is unusable afterwards.

        A journal is synced (unless its sync mode is OS) and closed, which
        releases its lock; should that sync fail, FileError is raised once
        the recorder is released. Idempotent.
        """
        if not self._finalizer.alive:
            return
        try:
            if (self._sync_mode is not Sync.OS and
                    _lib.cxm_journal_get_path(self._handle) is not None):
                _call(_lib.cxm_journal_sync, self._handle)
        finally:
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
        if isinstance(record, Mapping) and record.get("kind") == "leadership":
            self.record_json(record)
            return None
        data = _encode_record(record)
        interaction = _call(_lib.cxm_interaction_new_from_json, data, len(data))
        try:
            klass, reason = ctypes.c_int(), ctypes.c_int()
            _call(_lib.cxm_recorder_record, self._ptr(), interaction,
                  ctypes.byref(klass), ctypes.byref(reason))
            return _classification(klass, reason)
        finally:
            _lib.cxm_interaction_free(interaction)

    def record_json(self, record: Union[str, bytes, Mapping[str, Any]]) -> str:
        """Record one JSON Lines record, interaction or leadership event.

        ``record`` is the JSON text of one line (str or bytes; a line end
        is allowed), or a dict. Returns the record's id. A bad record
        raises a RecordError subclass with ``key`` set and changes nothing;
        with a journal, so do DuplicateIdError and FileError. The fastest
        way to record one line at a time.
        """
        data = _encode_record(record)
        record_id = ctypes.c_void_p()
        try:
            _call(_lib.cxm_recorder_record_json, self._ptr(), data, len(data),
                  ctypes.byref(record_id))
        finally:
            # The id comes back for a refused valid record too.
            if record_id.value:
                text = _native.take_string(record_id.value)
        return text

    @property
    def max_groups(self) -> Optional[int]:
        """The most sets of sums the recorder keeps; None: no bound.

        Each set is about 1 KiB: each team, employee and team within a UTC
        day counts one, each UTC day 11 (its levels and channels), so that
        hostile input cannot exhaust memory. A record, import line or
        merge that would go beyond raises (or is rejected with) LimitError
        and changes nothing. Default 4,000,000. Set it to None for no
        bound; a bound below ``n_groups`` only stops new groups.
        """
        return _lib.cxm_recorder_get_max_groups(self._ptr()) or None

    @max_groups.setter
    def max_groups(self, value: Optional[int]) -> None:
        if value is None:
            bound = 0
        else:
            bound = operator.index(value)
            if isinstance(value, bool) or not 1 <= bound <= _UINT64_MAX:
                raise ValueError(f"max_groups must be a positive integer, or None "
                                 f"for no bound, not {value!r}")
        _lib.cxm_recorder_set_max_groups(self._ptr(), bound)

    @property
    def n_groups(self) -> int:
        """The sets of sums kept so far, counted as ``max_groups`` counts."""
        return _lib.cxm_recorder_get_n_groups(self._ptr())

    # ---- the journal ------------------------------------------------------

    def open_journal(self, path: Union[str, os.PathLike], *,
                     unique_ids: bool = False, read_only: bool = False,
                     sync: Union[Sync, str, None] = None,
                     batch_records: Optional[int] = None,
                     batch_ms: Optional[int] = None,
                     result: Optional[ImportResult] = None) -> ImportResult:
        """Make this (empty) recorder durable: replay ``path``, then append.

        Creates the JSON Lines file if absent, locks it, replays its
        records into the recorder (returning the replay's ImportResult, as
        ``import_jsonl`` does: lines that are not valid records are
        rejected there and kept in the file) and from then on appends every
        record the recorder accepts before the recording call returns
        (``record_json`` and imports write the record's JSON with every
        key, ``record`` the interaction as read; ``merge`` is not
        journaled). A torn last line (a crash during a write) is cut off;
        ``journal_torn`` says how many bytes. ``close()`` syncs and closes
        the journal. Under Sync.ALWAYS an import syncs after each record:
        for bulk imports prefer Sync.BATCH, then ``sync()``.

        ``unique_ids``: a record whose id the journal holds is refused with
        DuplicateIdError (in an import: rejected) and counted in
        ``duplicates``, so retries cannot count twice. ``read_only``:
        replay a journal another process may be writing, without locking
        it, cutting it or appending to it. ``sync``, ``batch_records``,
        ``batch_ms``: as ``set_sync``; left out, the recorder's setting
        (initially Sync.ALWAYS) stays.

        Raises BusyError when another recorder, in this process or another,
        holds the journal; InvalidArgumentError for a recorder that is not
        empty or already has a journal; FileError. On error the recorder is
        unchanged.
        """
        settings = None if sync is None else _sync_settings(sync, batch_records,
                                                            batch_ms)
        if settings is None and (batch_records is not None or batch_ms is not None):
            raise ValueError("batch_records and batch_ms need sync='batch'")
        result = result if result is not None else ImportResult()
        flags = ((_JOURNAL_UNIQUE_IDS if unique_ids else 0) |
                 (_JOURNAL_READ_ONLY if read_only else 0))
        _call(_lib.cxm_journal_open, self._ptr(), os.fsencode(path), flags,
              result._ptr())
        if settings is not None:
            self._set_sync(*settings)
        return result

    def set_sync(self, mode: Union[Sync, str], *, batch_records: Optional[int] = None,
                 batch_ms: Optional[int] = None) -> None:
        """When journaled records reach the disk (see ``Sync``).

        ``mode`` is a Sync or its name ("always", "batch", "os"). "batch"
        needs ``batch_records`` (sync after that many records) or
        ``batch_ms`` (after that many milliseconds), or both; the other
        modes take neither. Before or after ``open_journal``.
        """
        self._set_sync(*_sync_settings(mode, batch_records, batch_ms))

    def _set_sync(self, mode: Sync, records: int, ms: int) -> None:
        _call(_lib.cxm_journal_set_sync, self._ptr(), int(mode), records, ms)
        self._sync_mode = mode

    def sync(self) -> None:
        """Sync the journal to disk now (nothing without one). FileError."""
        _call(_lib.cxm_journal_sync, self._ptr())

    @property
    def journal_path(self) -> Optional[str]:
        """The journal's path as given to ``open_journal``, or None."""
        path = _lib.cxm_journal_get_path(self._ptr())
        return None if path is None else os.fsdecode(path)

    @property
    def journal_torn(self) -> int:
        """Bytes of a torn last line that opening the journal cut off (read
        only: skipped); 0 when it ended cleanly."""
        return _lib.cxm_journal_get_torn(self._ptr())

    @property
    def duplicates(self) -> int:
        """Records refused as duplicates (``unique_ids``), replay included."""
        return _lib.cxm_journal_get_duplicates(self._ptr())

    # ---- snapshots ----------------------------------------------------------

    def to_snapshot(self) -> bytes:
        """The recorder's sums as a JSON document (UTF-8 bytes).

        Holds the policy, the leadership counts, the sums of each UTC day
        per level, channel and team, and the all-time sums per employee:
        everything the report needs, but not the org, the journal or the
        records. Equal recorders give equal bytes. ``from_snapshot`` reads
        it back; store it, ship it, ``json.loads`` it.
        """
        length = ctypes.c_size_t()
        pointer = _call(_lib.cxm_snapshot_save, self._ptr(), ctypes.byref(length))
        try:
            return ctypes.string_at(pointer, length.value)
        finally:
            _lib.cxm_free(pointer)

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
            _call(_lib.cxm_import_path, handle, os.fsencode(source), flags, rp)
        elif isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            _call(_lib.cxm_import_data, handle, data, len(data),
                  _encode_name(name), flags, rp)
        else:
            name = name if name is not None else getattr(source, "name", None)
            name = name if isinstance(name, str) else None
            fd = _seekable_fd(source)
            if fd is not None:
                try:
                    _call(_lib.cxm_import_fd, handle, fd, _encode_name(name),
                          flags, rp)
                finally:
                    source.seek(0, io.SEEK_END)  # the file was read to its end
            else:
                data = source.read()
                data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
                _call(_lib.cxm_import_data, handle, data, len(data),
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
               compare: Optional[tuple[str, str]] = None,
               format: str = "json") -> Any:
        """The report (SPEC section 8): a dict for "json", else the text.

        ``groups`` adds any of "teams", "employees", "channels",
        "periods:day", "periods:week", "periods:month", "scopes" (needs an
        org) and "hotspots", as ``cxm report --group`` does; ``input`` fills
        the input section (else the recorder's own counts); ``compare`` =
        (period_a, period_b) adds the comparison of two periods of the one
        period kind in ``groups``; ``format`` is "json", "table" or "csv",
        the same bytes as ``cxm report --format``.
        """
        kind = _lib.cxm_report_format_from_name(format.encode("utf-8"))
        if kind < 0:
            raise ValueError(f"unknown report format {format!r}")
        options = _lib.cxm_report_options_new()
        try:
            _lib.cxm_report_options_set_format(options, kind)
            for group in groups:
                name = group.value if isinstance(group, Group) else group
                try:
                    _call(_lib.cxm_report_options_add_groups, options, name.encode("utf-8"))
                except InvalidArgumentError as e:
                    raise ValueError(f"unknown report group {name!r}: {e}") from None
            if compare is not None:
                a, b = (p.encode("utf-8") for p in compare)
                _call(_lib.cxm_report_options_set_compare, options, a, b)
            text = _native.take_string(_call(
                _lib.cxm_report_to_string, self._ptr(),
                input._ptr() if input is not None else None, options, None))
        finally:
            _lib.cxm_report_options_free(options)
        return json.loads(text) if format == "json" else text


def _sync_settings(mode: Union[Sync, str], batch_records: Optional[int],
                   batch_ms: Optional[int]) -> tuple[Sync, int, int]:
    """(mode, max_records, max_ms) for cxm_journal_set_sync, checked."""
    if not isinstance(mode, Sync):
        if not isinstance(mode, str):
            raise TypeError(f"sync must be a cxm.Sync or its name, not {mode!r}")
        try:
            mode = Sync.from_name(mode)
        except ValueError:
            raise ValueError(f"sync must be one of 'always', 'batch', 'os', "
                             f"not {mode!r}") from None
    if mode is not Sync.BATCH:
        if batch_records is not None or batch_ms is not None:
            raise ValueError("batch_records and batch_ms need sync='batch'")
        return mode, 0, 0
    bounds = []
    for name, value in (("batch_records", batch_records), ("batch_ms", batch_ms)):
        value = 0 if value is None else operator.index(value)
        if not 0 <= value <= _UINT_MAX:
            raise ValueError(f"{name} must be 0..{_UINT_MAX}, not {value}")
        bounds.append(value)
    if bounds == [0, 0]:
        raise ValueError("sync='batch' needs batch_records or batch_ms")
    return mode, bounds[0], bounds[1]


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
