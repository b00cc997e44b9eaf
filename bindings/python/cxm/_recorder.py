# SPDX-License-Identifier: MIT
"""The recorder: aggregates, imports, the journal, snapshots and reports.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

import csv
import ctypes
import datetime
import importlib
import io
import json
import os
from typing import Any, BinaryIO, Iterable, Iterator, Mapping, Optional, Union

from ._enums import (IMPORT_STRICT, JOURNAL_READ_ONLY, JOURNAL_UNIQUE_IDS,
                     Channel, Group, LeadershipType, Level, Period, Sync,
                     group_kind, key_name, period_kind, report_group)
from ._errors import InvalidArgumentError
from ._handle import Handle, held, held_optional
from ._import import ImportResult
from ._native import (UINT64_MAX, UINT_MAX, WRITE_FUNC, c_integer,
                      call, encode, encode_path, encode_record, encode_str, lib, take_json,
                      take_string, take_strv)
from ._org import Org
from ._policy import Classification, Policy, classify_with
from ._stats import take_stats


class Recorder(Handle):
    """Aggregates of accepted interactions, per level, team, employee, channel.

    ``Recorder(policy)`` works under a copy of ``policy`` (None: defaults).
    With an ``org``, records without level or team take their employee's,
    and scopes can be read. ``open_journal`` makes it durable,
    ``to_snapshot``/``from_snapshot`` carry its sums elsewhere.

    Thread-safe: any number of threads may record into and read from one
    recorder at once (the C calls release the GIL; each takes the
    recorder's lock, and a report sees one instant). ``close()`` waits for
    the calls other threads have in flight; calls begun after it raise
    ValueError("the recorder is closed").

    A recorder owns its C object: ``close()`` (or a ``with`` block)
    releases it and its journal, after which every use raises ValueError.
    It keeps its own copy of the policy and its own reference to the org,
    so those may be closed as soon as the recorder is made.
    """

    _KIND = "recorder"

    def __init__(self, policy: Optional[Policy] = None, org: Optional[Org] = None):
        with held_optional(policy, Policy, "policy") as pointer:
            self._adopt(lib.cxm_recorder_new(pointer))
        if org is not None:
            try:
                with held(org, Org, "org") as org_pointer:
                    call(lib.cxm_recorder_set_org, self._handle, org_pointer)
            except BaseException:
                self.close()
                raise

    def _adopt(self, handle: int) -> None:
        """Own ``handle``, a new recorder (journal sync mode ALWAYS)."""
        super().__init__(handle, lib.cxm_recorder_free)
        self._sync_mode = Sync.ALWAYS

    @classmethod
    def from_snapshot(cls, snapshot: Union[bytes, bytearray, memoryview, str],
                      org: Optional[Org] = None) -> Recorder:
        """A new recorder holding the sums of a ``to_snapshot()`` snapshot.

        It works under the snapshot's policy and reports exactly as the
        recorder that wrote it did. A snapshot holds no org: pass ``org``
        to read scopes (the sums stay as they were recorded). Combine
        several snapshots with ``merge``. Format 2 (JSON Lines) and the
        legacy format 1 are read (doc/snapshot-format.md). Raises
        SnapshotError for anything that is not a valid snapshot, naming the
        line and group, LimitError beyond the default ``max_groups``,
        TypeError for a snapshot that is neither bytes-like nor str.
        """
        if not isinstance(snapshot, (bytes, bytearray, memoryview, str)):
            raise TypeError("a snapshot is bytes or str, not "
                            f"{type(snapshot).__name__}")
        data = encode_record(snapshot)
        loaded = cls.__new__(cls)
        loaded._adopt(call(lib.cxm_snapshot_load, data, len(data)))
        return cls._with_org(loaded, org)

    @classmethod
    def from_snapshot_file(cls, path: Union[str, os.PathLike[str], os.PathLike[bytes]],
                           org: Optional[Org] = None) -> Recorder:
        """``from_snapshot`` of the file ``path``, read by C a line at a
        time: memory goes to the sums, not to the file's text. Raises
        FileError when it cannot be opened or read, else as
        ``from_snapshot``."""
        loaded = cls.__new__(cls)
        loaded._adopt(call(lib.cxm_snapshot_load_file, encode_path(path)))
        return cls._with_org(loaded, org)

    @classmethod
    def _with_org(cls, loaded: Recorder, org: Optional[Org]) -> Recorder:
        """``loaded`` itself, or with ``org`` a new recorder holding its sums."""
        if org is None:
            return loaded
        with loaded:  # an org can only join an empty recorder: merge into one
            with loaded.policy as policy:
                recorder = cls(policy, org=org)
            recorder.merge(loaded)
        return recorder

    def close(self) -> None:
        """Release the C object now; the recorder is unusable afterwards.

        Calls other threads have in flight finish first; calls begun after
        raise ValueError. A journal is synced (unless its sync mode is OS)
        and closed, which releases its lock; should that sync fail,
        FileError is raised once the recorder is released. Idempotent.
        """
        super().close()

    def _before_free(self) -> None:
        if (self._sync_mode is not Sync.OS and
                lib.cxm_journal_get_path(self._handle) is not None):
            call(lib.cxm_journal_sync, self._handle)

    def _fields(self) -> str:
        return (f"n={self.n} groups={self.n_groups} "
                f"journal={self.journal_path!r}")

    @property
    def policy(self) -> Policy:
        """A copy of the recorder's policy (the caller closes it)."""
        return Policy._own(lib.cxm_policy_copy(lib.cxm_recorder_get_policy(self._ptr())))

    @property
    def n(self) -> int:
        """Interactions accepted so far."""
        return int(lib.cxm_recorder_get_n(self._ptr()))

    def leadership_count(self, type: Union[LeadershipType, str, None] = None) -> int:
        """Leadership events accepted, of one type (a LeadershipType or its
        name, "coaching") or (None) all."""
        value = -1 if type is None else int(LeadershipType.coerce(type, "type"))
        return int(lib.cxm_recorder_get_leadership_count(self._ptr(), value))

    def record(self, record: Union[Mapping[str, Any], str, bytes]
               ) -> Optional[Classification]:
        """Record one record (a dict in the JSON Lines format).

        The dict's values may also be what a program or a DataFrame row
        holds: the package's enums (``cxm.Channel.PHONE``, lists of
        ``cxm.Difficulty``), an aware ``datetime`` or pandas ``Timestamp``
        for ``ts`` (a naive one raises FormatError, a ValueError: cxm needs
        an offset), numpy scalars, integral floats (5.0 is 5), and NaN, NaT
        or pandas' NA for an absent value, so that the rows of
        ``df.to_dict("records")`` can be recorded as they are.
        ``record`` may also be the JSON text of one interaction (str or
        bytes). Returns the classification of an interaction, None for a
        leadership event (a dict with ``"kind": "leadership"``). A bad
        record raises a RecordError subclass with ``key`` set, and changes
        nothing; so do LimitError beyond ``max_groups`` and, with a
        journal, DuplicateIdError and FileError.
        """
        if isinstance(record, Mapping) and record.get("kind") == "leadership":
            self.record_json(record)
            return None
        return classify_with(lib.cxm_recorder_record, self, Recorder, record)

    def record_json(self, record: Union[str, bytes, Mapping[str, Any]]) -> str:
        """Record one JSON Lines record, interaction or leadership event.

        ``record`` is the JSON text of one line (str or bytes; a line end
        is allowed), or a dict. Returns the record's id. A bad record
        raises a RecordError subclass with ``key`` set and changes nothing;
        so does LimitError and, with a journal, DuplicateIdError and
        FileError. The fastest way to record one line at a time.
        """
        data = encode_record(record)
        record_id = ctypes.c_void_p()
        try:
            call(lib.cxm_recorder_record_json, self._ptr(), data, len(data),
                 ctypes.byref(record_id))
        finally:
            # The id comes back for a refused valid record too.
            if record_id.value:
                text = take_string(record_id.value)
        return text

    @property
    def max_groups(self) -> Optional[int]:
        """The most sets of sums the recorder keeps; None: no bound.

        Each set is about 1 KiB: each team, employee and team within a UTC
        day counts one, each UTC day 11 (its levels and channels), so that
        hostile input cannot exhaust memory. A record, import line or
        merge that would go beyond raises (or is rejected with) LimitError
        and changes nothing. Default 4,000,000. Set it to None for no
        bound; a bound below ``n_groups`` only stops new groups. Setting
        anything but a positive integer raises ValueError or TypeError.
        """
        return int(lib.cxm_recorder_get_max_groups(self._ptr())) or None

    @max_groups.setter
    def max_groups(self, value: Optional[int]) -> None:
        if value is None:
            bound = 0
        else:
            if isinstance(value, bool):
                raise ValueError(f"max_groups must be a positive integer, or None "
                                 f"for no bound, not {value!r}")
            bound = c_integer(value, "max_groups", 1, UINT64_MAX)
        lib.cxm_recorder_set_max_groups(self._ptr(), bound)

    @property
    def n_groups(self) -> int:
        """The sets of sums kept so far, counted as ``max_groups`` counts."""
        return int(lib.cxm_recorder_get_n_groups(self._ptr()))

    # ---- the journal ------------------------------------------------------

    def open_journal(self, path: Union[str, os.PathLike[str], os.PathLike[bytes]], *,
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
        (initially Sync.ALWAYS) stays. ``result``: add the replay to this
        result instead of a new one.

        Raises BusyError when another recorder, in this process or another,
        holds the journal; InvalidArgumentError for a recorder that is not
        empty or already has a journal; FileError; ValueError or TypeError
        for sync settings ``set_sync`` would refuse, before anything
        happens. On error the recorder is unchanged.
        """
        settings = None if sync is None else _sync_settings(sync, batch_records,
                                                            batch_ms)
        if settings is None and (batch_records is not None or batch_ms is not None):
            raise ValueError("batch_records and batch_ms need sync='batch'")
        result = result if result is not None else ImportResult()
        flags = ((JOURNAL_UNIQUE_IDS if unique_ids else 0) |
                 (JOURNAL_READ_ONLY if read_only else 0))
        with held(result, ImportResult, "result") as result_pointer:
            call(lib.cxm_journal_open, self._ptr(), encode_path(path), flags,
                 result_pointer)
        if settings is not None:
            self._set_sync(*settings)
        return result

    def set_sync(self, mode: Union[Sync, str], *, batch_records: Optional[int] = None,
                 batch_ms: Optional[int] = None) -> None:
        """When journaled records reach the disk (see ``Sync``).

        ``mode`` is a Sync or its name ("always", "batch", "os"). "batch"
        needs ``batch_records`` (sync after that many records) or
        ``batch_ms`` (after that many milliseconds), or both; the other
        modes take neither. Before or after ``open_journal``. Raises
        TypeError for a mode that is neither a Sync nor a str, ValueError
        for an unknown name or bounds that do not fit the mode.
        """
        self._set_sync(*_sync_settings(mode, batch_records, batch_ms))

    def _set_sync(self, mode: Sync, records: int, ms: int) -> None:
        call(lib.cxm_journal_set_sync, self._ptr(), int(mode), records, ms)
        self._sync_mode = mode

    def sync(self) -> None:
        """Sync the journal to disk now (nothing without one). FileError."""
        call(lib.cxm_journal_sync, self._ptr())

    @property
    def journal_path(self) -> Optional[str]:
        """The journal's path as given to ``open_journal``, or None."""
        path = lib.cxm_journal_get_path(self._ptr())
        return None if path is None else os.fsdecode(path)

    @property
    def journal_torn(self) -> int:
        """Bytes of a torn last line that opening the journal cut off (read
        only: skipped); 0 when it ended cleanly."""
        return int(lib.cxm_journal_get_torn(self._ptr()))

    @property
    def duplicates(self) -> int:
        """Records refused as duplicates (``unique_ids``), replay included."""
        return int(lib.cxm_journal_get_duplicates(self._ptr()))

    # ---- snapshots ----------------------------------------------------------

    def to_snapshot(self) -> bytes:
        """The recorder's sums as a snapshot, JSON Lines (UTF-8 bytes).

        A header line with the policy and its fingerprint, one line per
        group of sums (each UTC day's levels, channels, teams and their
        leadership events; all-time employees, leadership actors and
        subjects) and a last line that counts them: everything the report
        needs, but not the org, the journal or the records. Equal recorders
        give equal bytes. ``from_snapshot`` reads it back; store it, ship
        it, ``json.loads`` each line. For a large recorder,
        ``save_snapshot`` writes a file without holding the text.
        """
        length = ctypes.c_size_t()
        pointer = call(lib.cxm_snapshot_save, self._ptr(), ctypes.byref(length))
        try:
            return ctypes.string_at(pointer, length.value)
        finally:
            lib.cxm_free(pointer)

    def save_snapshot(self, path: Union[str, os.PathLike[str], os.PathLike[bytes]]) -> None:
        """Write ``to_snapshot()`` to the file ``path`` atomically, as it is
        made: a crash leaves the old file or the new one, never a part.
        Raises FileError when it cannot be written or synced ("sync
        failed"), LimitError for more than 2^53 records."""
        call(lib.cxm_snapshot_save_file, self._ptr(), encode_path(path))

    def import_jsonl(self, source: Union[str, os.PathLike[str], os.PathLike[bytes],
                                         bytes, bytearray, memoryview, BinaryIO,
                                         io.TextIOBase],
                     *, strict: bool = False, name: Optional[str] = None,
                     result: Optional[ImportResult] = None,
                     threads: Optional[int] = None,
                     since: Union[str, int, datetime.datetime, None] = None,
                     until: Union[str, int, datetime.datetime, None] = None,
                     period: Optional[str] = None,
                     teams: Union[str, Iterable[str], None] = None,
                     channels: Union[str, Channel, Iterable[Union[str, Channel]],
                                     None] = None,
                     levels: Union[str, Level, Iterable[Union[str, Level]],
                                   None] = None,
                     employees: Union[str, Iterable[str], None] = None) -> ImportResult:
        """Import JSON Lines from a path, a bytes-like buffer or a file object.

        The whole input goes to C in one call: a path is read by C, a
        seekable file from its current position through its descriptor,
        anything else is read into memory first. Bad records are rejected
        and listed in the result; with ``strict`` the first one raises
        (with ``line`` and ``key``). ``name`` names the source in errors
        (default: the path or the file's name). Pass ``result`` to add this
        import to an earlier one's counts. ``threads`` is how many threads
        parse and sum the records (default: one per online CPU; the result
        is the same whatever the number); the interpreter's lock is released
        meanwhile. Returns that result (or a new one). A file object is left
        at its end.

        Filters keep only some valid records, as the CLI's options do:
        ``since`` (inclusive) and ``until`` (exclusive), each a date
        "2026-03-02" (that UTC day's start), an RFC 3339 instant, an aware
        ``datetime`` or Unix seconds; ``period``, a day, ISO week or month
        name ("2026-W10"), the same as since and until of its bounds (not
        with them); ``teams``, ``channels`` (``cxm.Channel`` or names),
        ``levels`` (``cxm.Level`` or names) and ``employees``, each one value
        or several: a record passes when it matches any value of a key, and
        every key given. Team and level are those the record counts under
        (its own, else the org's); a leadership event's employee is its
        actor. Records that do not pass are counted in ``result.filtered``,
        not as rejected. The filter is set on ``result`` and applies to the
        imports that add to it later as well; a call without filter
        keywords leaves a result's filter as it was.

        Raises FileError when the input cannot be read (records read before
        stay recorded), and with ``strict`` the first bad record's error;
        ValueError (FormatError, EnumError) for a bad filter value.
        """
        result = result if result is not None else ImportResult()
        if threads is not None:
            if not isinstance(threads, int) or isinstance(threads, bool) or threads < 0:
                raise ValueError(f"threads must be a count >= 0, got {threads!r}")
            threads = c_integer(threads, "threads", 0, UINT_MAX)
        with held(result, ImportResult, "result") as result_pointer:
            _set_filter(result, since=since, until=until, period=period, teams=teams,
                        channels=channels, levels=levels, employees=employees)
            if threads is not None:
                lib.cxm_import_result_set_threads(result_pointer, threads)
            self._import(source, strict, name, result, threads, result_pointer)
        return result

    def _import(self, source: Any, strict: bool, name: Optional[str],
                result: ImportResult, threads: Optional[int], rp: int) -> None:
        """``import_jsonl`` once its arguments are checked."""
        flags = IMPORT_STRICT if strict else 0
        handle = self._ptr()
        if isinstance(source, (str, os.PathLike)):
            if name is not None:
                encode(name, "name")  # refused before the file is opened
                with open(encode_path(source), "rb") as file:
                    self._import(file, strict, name, result, threads, rp)
                return
            call(lib.cxm_import_path, handle, encode_path(source), flags, rp)
        elif isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            call(lib.cxm_import_data, handle, data, len(data),
                 encode(name, "name"), flags, rp)
        elif not callable(getattr(source, "read", None)):
            raise TypeError(f"source must be a path, a bytes-like buffer or a file "
                            f"object, not {type(source).__name__}")
        else:
            name = name if name is not None else getattr(source, "name", None)
            name = name if isinstance(name, str) else None
            fd = _seekable_fd(source)
            if fd is not None:
                try:
                    call(lib.cxm_import_fd, handle, fd, encode(name),
                         flags, rp)
                finally:
                    source.seek(0, io.SEEK_END)  # the file was read to its end
            else:
                read = source.read()
                data = read.encode("utf-8") if isinstance(read, str) else bytes(read)
                call(lib.cxm_import_data, handle, data, len(data),
                     encode(name), flags, rp)

    def merge(self, other: Recorder) -> None:
        """Add ``other``'s aggregates to this recorder.

        ``other`` is not changed, and the merge is not journaled. Raises
        PolicyMismatchError if the two policies differ, LimitError if the
        merge would go beyond ``max_groups``; this recorder is then
        unchanged.
        """
        with held(other, Recorder, "other") as other_pointer:
            call(lib.cxm_recorder_merge, self._ptr(), other_pointer)

    def filtered(self, *, since: Optional[str] = None, until: Optional[str] = None,
                 period: Optional[str] = None) -> Recorder:
        """A new recorder holding this one's sums of the days that pass:
        what a filter can read from sums, a snapshot's for one, where
        ``import_jsonl``'s keywords pick records.

        ``since`` (inclusive) and ``until`` (exclusive) are dates
        ("2026-03-02", days as the policy's time zone counts them);
        ``period`` is a day, ISO week or month name, not with them. The new
        recorder's totals, levels, teams, channels, hot spots and periods
        are exactly those of the records of those days. It has no
        employees, no org and no leadership by person, which are kept for
        all time only, and cadence only when the days are whole weeks
        (each bound given a Monday). This recorder is not changed.

        Raises InvalidArgumentError (a ValueError) for a bound that is an
        instant rather than a date (sums are kept per day), FormatError for
        a bad date or period name, ValueError for period with since or
        until.
        """
        handle = _new_filter(since=since, until=until, period=period)
        try:
            days = Recorder.__new__(Recorder)
            days._adopt(call(lib.cxm_recorder_new_filtered, self._ptr(), handle))
        finally:
            lib.cxm_filter_free(handle)
        return days

    def keys(self, group: Union[Group, str]) -> list[str]:
        """The keys of a kind of group (levels and channels in SPEC order).

        ``group`` is a Group or its name. Teams and employees are sorted
        bytewise; "totals" has none. Raises ValueError for an unknown kind
        of group.
        """
        return take_strv(call(lib.cxm_recorder_get_keys, self._ptr(),
                              group_kind(group)))

    def indicators(self, group: Union[Group, str] = Group.TOTALS,
                   key: Union[str, Level, Channel, None] = None) -> dict[str, Any]:
        """Every indicator of one group, as the report holds it.

        ``group`` is "totals", "levels", "teams", "employees" or
        "channels" (or the Group); ``key`` names the level, team, employee
        or channel (a Level or Channel will do). Raises NotFoundError (a
        KeyError) for a group never seen, ValueError for an unknown kind of
        group.
        """
        return take_stats(call(lib.cxm_recorder_get_stats, self._ptr(),
                               group_kind(group), encode(key_name(key), "key")))

    def periods(self, kind: Union[Period, str]) -> list[str]:
        """The periods of ``kind`` that hold interactions, in time order.

        ``kind`` is a Period, its name ("week") or the report group's
        ("periods:week").
        """
        return take_strv(call(lib.cxm_recorder_get_periods, self._ptr(),
                              int(period_kind(kind))))

    def period_indicators(self, kind: Union[Period, str], period: str,
                          group: Union[Group, str] = Group.TOTALS,
                          key: Union[str, Level, Channel, None] = None
                          ) -> dict[str, Any]:
        """One group within one period (employees are not kept per period).

        ``kind`` as for ``periods``; ``period`` is a name ``period_name``
        gives for it; ``group`` and ``key`` as for ``indicators``. A period
        or group without interactions gives zeros. Raises
        InvalidArgumentError (a ValueError) for a period name of another
        kind and for employees.
        """
        return take_stats(call(lib.cxm_recorder_get_period_stats, self._ptr(),
                               int(period_kind(kind)), encode_str(period, "period"),
                               group_kind(group), encode(key_name(key), "key")))

    def scopes(self) -> list[str]:
        """Every person of the org, then "unknown_manager" when used.

        Raises InvalidArgumentError for a recorder without an org.
        """
        return take_strv(call(lib.cxm_recorder_get_scopes, self._ptr()))

    def scope_indicators(self, person: str, cumulative: bool = True) -> dict[str, Any]:
        """A person's own interactions, or (cumulative) theirs and everyone's below.

        ``person`` is an id of the org or "unknown_manager" (employees
        absent from the org). Raises NotFoundError for anyone else,
        InvalidArgumentError for a recorder without an org.
        """
        return take_stats(call(lib.cxm_recorder_get_scope_stats, self._ptr(),
                               encode_str(person, "person"), int(cumulative)))

    def report(self, groups: Iterable[Union[Group, Period, str]] = (),
               input: Optional[ImportResult] = None,
               compare: Optional[tuple[str, str]] = None,
               format: str = "json", *, sort: Optional[str] = None,
               descending: bool = False, top: int = 0, width: int = 0) -> Any:
        """The report (SPEC section 8): a dict for "json", else its text.

        ``groups`` adds any of "teams", "employees", "channels",
        "periods:day", "periods:week", "periods:month", "scopes" (needs an
        org; "scopes:manager" and the other level names keep that level's
        people only) and "hotspots", as ``cxm report --group`` does (or their Group
        or Period: ``cxm.Period.WEEK``, or "week"; "totals" and "levels"
        are always there); ``input`` fills
        the input section (else the recorder's own counts); ``compare`` =
        (period_a, period_b) adds the comparison of two periods of the one
        period kind in ``groups``; ``format`` is "json", "table", "csv" or "html":
        the bytes ``cxm report --format`` writes. ``sort`` ranks the teams,
        employees, channels (all-time and in each period) and scopes by an
        indicator named as in the JSON and CSV reports ("n",
        "disappointment_rate", "net_momentum", "nps", "csat_mean", ...),
        smallest first or, with ``descending``, largest first, groups
        without a value last, as ``cxm report --sort NAME[:desc]`` does;
        ``top`` keeps the first ``top`` of each kind (0: all), as ``--top``;
        ``width`` lets the "table" take more than 80 columns so that names
        are not cut, as ``--width``.
        Raises ValueError for an unknown group, format or sort indicator or
        a negative ``top``, InvalidArgumentError for "scopes" without an
        org or a comparison without exactly one period kind.

        The whole report is held in memory, twice for "json" (its text and
        the dict): for a large one, ``write_report`` streams it to a file
        and ``iter_indicators`` walks its groups one at a time.
        """
        with _ReportOptions(groups, compare, format, sort, descending, top,
                            width) as options, \
                held_optional(input, ImportResult, "input") as input_pointer:
            text = take_string(call(lib.cxm_report_to_string, self._ptr(),
                                    input_pointer, options, None))
        return json.loads(text) if format == "json" else text

    def report_frame(self, groups: Iterable[Union[Group, Period, str]] = (),
                     input: Optional[ImportResult] = None,
                     compare: Optional[tuple[str, str]] = None, *,
                     sort: Optional[str] = None, descending: bool = False,
                     top: int = 0) -> Any:
        """The CSV report as a pandas DataFrame: one row per group.

        The arguments are those of ``report``. The frame is read from
        ``report(..., format="csv")``, the bytes ``cxm report --format csv``
        writes, so it has exactly the CSV's columns in its order and the
        two never disagree. Text columns (``period``, ``group``, ``key``
        and the like) are str, counts int64, rates, scores and means
        float64, ``small_sample`` and ``suppressed`` bool; an empty cell is
        NaN, so a count column with one (a figure that only some kinds of
        group carry) is float64, as pandas makes an integer column with
        missing values. pandas is imported by this call only; ImportError
        without it.
        """
        pandas = importlib.import_module("pandas")
        text = self.report(groups, input, compare, format="csv", sort=sort,
                           descending=descending, top=top)
        header = next(csv.reader(io.StringIO(text)))
        return pandas.read_csv(
            io.StringIO(text), keep_default_na=False, na_values=[""],
            true_values=["true"], false_values=["false"],
            # Keys such as a team called "007" or "NA" stay as written.
            dtype={column: str for column in header if column in _CSV_TEXT_COLUMNS})

    def write_report(self, file: BinaryIO,
                     groups: Iterable[Union[Group, Period, str]] = (),
                     input: Optional[ImportResult] = None,
                     compare: Optional[tuple[str, str]] = None,
                     format: str = "json", *, sort: Optional[str] = None,
                     descending: bool = False, top: int = 0, width: int = 0) -> None:
        """Writes the report to the binary ``file``, about 64 KiB at a time.

        The arguments are those of ``report``; the bytes are those of
        ``report(...)`` as text (the JSON without a final line end), so a
        report of any size needs the memory of its largest group beyond the
        recorder's sums. An exception that ``file.write`` raises stops the
        report and is raised again here.
        """
        failure: list[BaseException] = []

        def write(data: int, length: int, user_data: Any, error: Any) -> int:
            try:
                file.write(ctypes.string_at(data, length))
                return 1
            except BaseException as e:  # raised again below, not lost in C
                failure.append(e)
                return 0

        callback = WRITE_FUNC(write)
        with _ReportOptions(groups, compare, format, sort, descending, top,
                            width) as options, \
                held_optional(input, ImportResult, "input") as input_pointer:
            try:
                call(lib.cxm_report_write, self._ptr(), input_pointer, options,
                     callback, None)
            except Exception:
                if failure:
                    raise failure[0] from None
                raise

    def iter_indicators(self, group: Union[Group, str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each group of one kind with its indicators, one at a time.

        ``(key, indicators(group, key))`` for every key of ``keys(group)``:
        a way to walk the employees of a large organisation without holding
        the whole report.
        """
        for key in self.keys(group):
            yield key, self.indicators(group, key)


#: The CSV columns that hold names, never numbers, whatever they look like.
_CSV_TEXT_COLUMNS = frozenset({
    "period", "period_start", "group", "key", "team", "level", "employee",
    "channel", "difficulty", "manager", "scope", "person", "period_a", "period_b",
})


class _ReportOptions:
    """A CxmReportOptions for one report, released at the end of a block."""

    def __init__(self, groups: Iterable[Union[Group, Period, str]],
                 compare: Optional[tuple[str, str]], format: str,
                 sort: Optional[str] = None, descending: bool = False, top: int = 0,
                 width: int = 0):
        kind = lib.cxm_report_format_from_name(encode_str(format, "format"))
        if kind < 0:
            raise ValueError(f"unknown report format {format!r}")
        if isinstance(top, bool) or not isinstance(top, int):
            raise TypeError(f"top must be an integer, not {top!r}")
        if not 0 <= top <= 0xFFFFFFFF:
            raise ValueError(f"top must be 0 (all) or more, not {top}")
        width = c_integer(width, "width", 0, UINT_MAX)
        self._ptr: int = lib.cxm_report_options_new()
        try:
            lib.cxm_report_options_set_format(self._ptr, kind)
            for group in groups:
                name = report_group(group)
                if name is None:
                    continue
                try:
                    call(lib.cxm_report_options_add_groups, self._ptr,
                         encode_str(name, "a group"))
                except InvalidArgumentError as e:
                    raise ValueError(f"unknown report group {name!r}: {e}") from None
            if compare is not None:
                if isinstance(compare, (str, bytes)) or len(compare) != 2:
                    raise ValueError("compare is (period_a, period_b)")
                a, b = (encode_str(p, "a compared period") for p in compare)
                call(lib.cxm_report_options_set_compare, self._ptr, a, b)
            if sort is not None:
                # InvalidArgumentError, a ValueError, names the accepted ones.
                call(lib.cxm_report_options_set_sort, self._ptr, encode_str(sort, "sort"),
                     bool(descending))
            lib.cxm_report_options_set_top(self._ptr, top)
            lib.cxm_report_options_set_width(self._ptr, width)
        except BaseException:
            lib.cxm_report_options_free(self._ptr)
            raise

    def __enter__(self) -> int:
        return self._ptr

    def __exit__(self, *exc: Any) -> None:
        lib.cxm_report_options_free(self._ptr)


def _sync_settings(mode: Union[Sync, str], batch_records: Optional[int],
                   batch_ms: Optional[int]) -> tuple[Sync, int, int]:
    """(mode, max_records, max_ms) for cxm_journal_set_sync, checked."""
    if isinstance(mode, Sync):
        sync = mode
    elif not isinstance(mode, str):
        raise TypeError(f"sync must be a cxm.Sync or its name, not {mode!r}")
    else:
        try:
            sync = Sync.from_name(mode)
        except ValueError:
            raise ValueError(f"sync must be one of 'always', 'batch', 'os', "
                             f"not {mode!r}") from None
    if sync is not Sync.BATCH:
        if batch_records is not None or batch_ms is not None:
            raise ValueError("batch_records and batch_ms need sync='batch'")
        return sync, 0, 0
    bounds = []
    for name, value in (("batch_records", batch_records), ("batch_ms", batch_ms)):
        bounds.append(0 if value is None else c_integer(value, name, 0, UINT_MAX))
    if bounds == [0, 0]:
        raise ValueError("sync='batch' needs batch_records or batch_ms")
    return sync, bounds[0], bounds[1]


def _seekable_fd(file: Any) -> Optional[int]:
    """The descriptor positioned where binary ``file`` stands, or None."""
    if isinstance(file, io.TextIOBase):
        return None  # its tell() is a decoder cookie, not a byte offset
    try:
        fd: int = file.fileno()
        if not file.seekable():
            return None
        position = file.tell()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None
    os.lseek(fd, position, os.SEEK_SET)
    return fd


# CxmFilterKey (cxm/filter.h).
FILTER_TEAM, FILTER_CHANNEL, FILTER_LEVEL, FILTER_EMPLOYEE = range(4)


def _values(value: Any) -> list[Any]:
    """One filter value or an iterable of them, as a list."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, Channel, Level)):
        return [value]
    return list(value)


def _set_bound(handle: int, value: Union[str, int, datetime.datetime], what: str) -> None:
    """Sets since or until from a date or RFC 3339 text (a date is a day in
    the recorder's time zone), an aware datetime or Unix seconds."""
    if isinstance(value, str):
        call(getattr(lib, f"cxm_filter_set_{what}_text"), handle, encode(value))
        return
    if isinstance(value, bool) or not isinstance(value, (int, datetime.datetime)):
        raise TypeError(f"{what} must be a date, an RFC 3339 text, an aware "
                        f"datetime or Unix seconds, not {value!r}")
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            raise ValueError(f"{what} is a naive datetime ({value.isoformat()}), "
                             f"which names no instant: give it a tzinfo")
        value = int(value.timestamp() // 1)
    getattr(lib, f"cxm_filter_set_{what}")(handle, value)


def _new_filter(*, since: Any = None, until: Any = None, period: Any = None,
                teams: Any = None, channels: Any = None, levels: Any = None,
                employees: Any = None) -> int:
    """A new C filter from import_jsonl's keywords; the caller frees it."""
    if period is not None and (since is not None or until is not None):
        raise ValueError("period sets both bounds: it cannot be combined with "
                         "since or until")
    handle: int = lib.cxm_filter_new()
    try:
        if period is not None:
            if not isinstance(period, str):
                raise TypeError(f"period must be a period name, not {period!r}")
            call(lib.cxm_filter_set_period, handle, encode(period))
        if since is not None:
            _set_bound(handle, since, "since")
        if until is not None:
            _set_bound(handle, until, "until")
        for key, values, kind in ((FILTER_TEAM, teams, None),
                                  (FILTER_CHANNEL, channels, Channel),
                                  (FILTER_LEVEL, levels, Level),
                                  (FILTER_EMPLOYEE, employees, None)):
            for value in _values(values):
                if kind is not None:
                    value = kind.coerce(value, kind.__name__.lower()).json_name
                elif not isinstance(value, str):
                    raise TypeError(f"filter values must be strings, not {value!r}")
                call(lib.cxm_filter_add, handle, key, encode(value))
    except BaseException:
        lib.cxm_filter_free(handle)
        raise
    return handle


def _set_filter(result: ImportResult, *, since: Any = None, until: Any = None,
                period: Any = None, teams: Any = None, channels: Any = None,
                levels: Any = None, employees: Any = None) -> None:
    """Sets ``result``'s filter from import_jsonl's keywords, when any is
    given, and keeps them as plain data in ``result._filter`` (an iterable
    of values becomes a list): the C API cannot read a filter back, and
    cxm.dask sends them to its workers."""
    keywords = dict(since=since, until=until, period=period, teams=teams,
                    channels=channels, levels=levels, employees=employees)
    spec = {key: value if key in ("since", "until", "period") else _values(value)
            for key, value in keywords.items() if value is not None}
    if not spec:
        return
    handle = _new_filter(**spec)
    try:
        lib.cxm_import_result_set_filter(result._ptr(), handle)
    finally:
        lib.cxm_filter_free(handle)
    result._filter = spec
