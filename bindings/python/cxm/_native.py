# SPDX-License-Identifier: MIT
"""Loading libcxm with ctypes, its prototypes, and GError translation.

Internal: the public API is in the package itself.
"""

from __future__ import annotations

import ctypes
import datetime
import importlib
import json
import math
import numbers
import operator
import os
import sys
from typing import Any, Callable, Mapping, NoReturn, Optional, Union

from . import _enums, _errors

#: The shared library's SONAME: the name that exists without the -dev package.
SONAME = "libcxm.so.0"
#: The library version this package was written for: the same major, and
#: at least this minor.
REQUIRED_VERSION = (0, 1)

_GLIB_SONAME = "libglib-2.0.so.0"


class GError(ctypes.Structure):
    _fields_ = [
        ("domain", ctypes.c_uint32),
        ("code", ctypes.c_int),
        ("message", ctypes.c_char_p),
    ]


GErrorP = ctypes.POINTER(GError)


class CxmRate(ctypes.Structure):
    _fields_ = [("value", ctypes.c_double), ("low", ctypes.c_double),
                ("high", ctypes.c_double)]


class CxmNetScore(ctypes.Structure):
    _fields_ = [("score", ctypes.c_double), ("moe95", ctypes.c_double),
                ("variance", ctypes.c_double)]


def _candidates() -> list[str]:
    """Where to look for the library, in order."""
    names = []
    override = os.environ.get("CXM_LIBRARY")
    if override:
        return [override]
    try:  # written by `make install`; absent from the source tree
        build_config = importlib.import_module(f"{__package__}._build_config")
        names.append(os.path.join(build_config.LIBDIR, SONAME))
    except ImportError:
        pass
    names.append(SONAME)
    return names


def check_version(version_hex: int,
                  required: tuple[int, int] = REQUIRED_VERSION) -> None:
    """Raise VersionError unless the library's version fits ``required``."""
    major, minor = version_hex >> 16, (version_hex >> 8) & 0xFF
    micro = version_hex & 0xFF
    if major != required[0] or minor < required[1]:
        raise _errors.VersionError(
            f"libcxm {major}.{minor}.{micro} is loaded, but this cxm package "
            f"needs {required[0]}.{required[1]} or a later "
            f"{required[0]}.x")


def _load() -> ctypes.CDLL:
    tried = []
    for name in _candidates():
        try:
            lib = ctypes.CDLL(name)
        except OSError as exc:
            tried.append(f"{name} ({exc})")
            continue
        if not hasattr(lib, "cxm_version"):
            tried.append(f"{name} (not libcxm: no cxm_version)")
            continue
        lib.cxm_version.restype = ctypes.c_uint
        lib.cxm_version.argtypes = []
        check_version(lib.cxm_version())
        return lib
    raise _errors.LibraryError(
        "cannot load libcxm; tried: " + "; ".join(tried) +
        ". Install libcxm0, or set CXM_LIBRARY=/path/to/" + SONAME)


lib = _load()
_glib = ctypes.CDLL(_GLIB_SONAME)
_glib.g_error_free.argtypes = [GErrorP]
_glib.g_error_free.restype = None

c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
c_int = ctypes.c_int
c_uint = ctypes.c_uint
c_size_t = ctypes.c_size_t
c_ssize_t = ctypes.c_ssize_t
c_int64 = ctypes.c_int64
c_uint64 = ctypes.c_uint64
c_double = ctypes.c_double
c_bool = ctypes.c_int  # gboolean
GErrorPP = ctypes.POINTER(GErrorP)
# CxmWriteFunc: (data, length, user_data, error) -> gboolean
WRITE_FUNC = ctypes.CFUNCTYPE(c_bool, c_void_p, c_size_t, c_void_p, GErrorPP)

# Opaque handles are plain pointers; the Python classes own them.
_PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {
    "cxm_version_string": (c_char_p, []),
    "cxm_error_quark": (ctypes.c_uint32, []),
    "cxm_error_get_key": (c_char_p, [GErrorP]),
    "cxm_error_get_line": (c_uint64, [GErrorP]),
    "cxm_free": (None, [c_void_p]),
    "cxm_strv_free": (None, [c_void_p]),
    # enums
    "cxm_channel_name": (c_char_p, [c_int]),
    "cxm_level_name": (c_char_p, [c_int]),
    "cxm_difficulty_name": (c_char_p, [c_int]),
    "cxm_emotion_name": (c_char_p, [c_int]),
    "cxm_resolution_name": (c_char_p, [c_int]),
    "cxm_class_name": (c_char_p, [c_int]),
    "cxm_reason_name": (c_char_p, [c_int]),
    "cxm_leadership_type_name": (c_char_p, [c_int]),
    # interaction
    "cxm_interaction_new_from_json": (c_void_p, [c_char_p, c_ssize_t, GErrorPP]),
    "cxm_interaction_free": (None, [c_void_p]),
    # policy
    "cxm_policy_new": (c_void_p, []),
    "cxm_policy_new_from_file": (c_void_p, [c_char_p, GErrorPP]),
    "cxm_policy_new_from_data": (c_void_p, [c_char_p, c_ssize_t, GErrorPP]),
    "cxm_policy_copy": (c_void_p, [c_void_p]),
    "cxm_policy_free": (None, [c_void_p]),
    "cxm_policy_set": (c_bool, [c_void_p, c_char_p, c_double, GErrorPP]),
    "cxm_policy_get": (c_bool, [c_void_p, c_char_p, ctypes.POINTER(c_double),
                                GErrorPP]),
    "cxm_policy_set_name": (c_bool, [c_void_p, c_char_p, GErrorPP]),
    "cxm_policy_get_name": (c_char_p, [c_void_p]),
    "cxm_policy_set_time_zone": (c_bool, [c_void_p, c_char_p, c_char_p, GErrorPP]),
    "cxm_policy_get_time_zone": (c_char_p, [c_void_p, c_char_p]),
    "cxm_policy_get_fingerprint": (c_char_p, [c_void_p]),
    "cxm_policy_to_json": (c_void_p, [c_void_p]),
    "cxm_classify": (c_bool, [c_void_p, c_void_p, ctypes.POINTER(c_int),
                              ctypes.POINTER(c_int), GErrorPP]),
    # recorder
    "cxm_recorder_new": (c_void_p, [c_void_p]),
    "cxm_recorder_free": (None, [c_void_p]),
    "cxm_recorder_get_policy": (c_void_p, [c_void_p]),
    "cxm_recorder_record": (c_bool, [c_void_p, c_void_p, ctypes.POINTER(c_int),
                                     ctypes.POINTER(c_int), GErrorPP]),
    "cxm_recorder_get_n": (c_uint64, [c_void_p]),
    "cxm_recorder_get_leadership_count": (c_uint64, [c_void_p, c_int]),
    "cxm_recorder_merge": (c_bool, [c_void_p, c_void_p, GErrorPP]),
    "cxm_recorder_new_filtered": (c_void_p, [c_void_p, c_void_p, GErrorPP]),
    "cxm_recorder_get_stats": (c_void_p, [c_void_p, c_int, c_char_p, GErrorPP]),
    "cxm_recorder_get_keys": (c_void_p, [c_void_p, c_int, GErrorPP]),
    "cxm_recorder_record_json": (c_bool, [c_void_p, c_char_p, c_ssize_t,
                                          ctypes.POINTER(c_void_p), GErrorPP]),
    "cxm_recorder_set_max_groups": (None, [c_void_p, c_uint64]),
    "cxm_recorder_get_max_groups": (c_uint64, [c_void_p]),
    "cxm_recorder_get_n_groups": (c_uint64, [c_void_p]),
    # journal
    "cxm_journal_open": (c_bool, [c_void_p, c_char_p, c_int, c_void_p,
                                           GErrorPP]),
    "cxm_journal_set_sync": (c_bool, [c_void_p, c_int, c_uint, c_uint, GErrorPP]),
    "cxm_journal_sync": (c_bool, [c_void_p, GErrorPP]),
    "cxm_journal_get_path": (c_char_p, [c_void_p]),
    "cxm_journal_get_torn": (c_uint64, [c_void_p]),
    "cxm_journal_get_duplicates": (c_uint64, [c_void_p]),
    # snapshot
    "cxm_snapshot_save": (c_void_p, [c_void_p, ctypes.POINTER(c_size_t),
                                            GErrorPP]),
    "cxm_snapshot_save_file": (c_bool, [c_void_p, c_char_p, GErrorPP]),
    "cxm_snapshot_load": (c_void_p, [c_char_p, c_ssize_t, GErrorPP]),
    "cxm_snapshot_load_file": (c_void_p, [c_char_p, GErrorPP]),
    # stats
    "cxm_stats_free": (None, [c_void_p]),
    "cxm_stats_to_json": (c_void_p, [c_void_p, c_bool]),
    "cxm_wilson_interval": (c_bool, [c_uint64, c_uint64, c_double,
                                     ctypes.POINTER(CxmRate)]),
    "cxm_net_score": (c_bool, [c_uint64, c_uint64, c_uint64, c_double,
                               ctypes.POINTER(CxmNetScore)]),
    # import
    "cxm_import_result_new": (c_void_p, []),
    "cxm_import_result_free": (None, [c_void_p]),
    "cxm_import_result_set_max_errors": (None, [c_void_p, c_uint]),
    "cxm_import_result_get_records": (c_uint64, [c_void_p]),
    "cxm_import_result_get_accepted": (c_uint64, [c_void_p]),
    "cxm_import_result_get_rejected": (c_uint64, [c_void_p]),
    "cxm_import_result_get_leadership": (c_uint64, [c_void_p]),
    "cxm_import_result_get_n_errors": (c_uint, [c_void_p]),
    "cxm_import_result_get_error_source": (c_char_p, [c_void_p, c_uint]),
    "cxm_import_result_get_error_line": (c_uint64, [c_void_p, c_uint]),
    "cxm_import_result_get_error_key": (c_char_p, [c_void_p, c_uint]),
    "cxm_import_result_get_error_code": (c_int, [c_void_p, c_uint]),
    "cxm_import_result_get_error_message": (c_char_p, [c_void_p, c_uint]),
    "cxm_import_result_add_counts": (None, [c_void_p, c_uint64, c_uint64,
                                            c_uint64, c_uint64]),
    "cxm_import_result_add_filtered": (None, [c_void_p, c_uint64]),
    "cxm_import_result_add_error": (c_bool, [c_void_p, c_char_p, c_uint64,
                                             c_char_p, c_int, c_char_p]),
    "cxm_import_path": (c_bool, [c_void_p, c_char_p, c_int, c_void_p,
                                          GErrorPP]),
    "cxm_import_fd": (c_bool, [c_void_p, c_int, c_char_p, c_int,
                                        c_void_p, GErrorPP]),
    "cxm_import_data": (c_bool, [c_void_p, c_char_p, c_size_t,
                                          c_char_p, c_int, c_void_p, GErrorPP]),
    # org
    "cxm_org_new_from_file": (c_void_p, [c_char_p, GErrorPP]),
    "cxm_org_new_from_data": (c_void_p, [c_char_p, c_ssize_t, GErrorPP]),
    "cxm_org_unref": (None, [c_void_p]),
    "cxm_org_get_n_people": (c_uint, [c_void_p]),
    "cxm_org_has_person": (c_bool, [c_void_p, c_char_p]),
    "cxm_org_get_level": (c_int, [c_void_p, c_char_p]),
    "cxm_org_get_team": (c_char_p, [c_void_p, c_char_p]),
    "cxm_org_get_manager": (c_char_p, [c_void_p, c_char_p]),
    "cxm_org_get_people": (c_void_p, [c_void_p]),
    "cxm_org_get_reports": (c_void_p, [c_void_p, c_char_p]),
    "cxm_recorder_set_org": (c_bool, [c_void_p, c_void_p, GErrorPP]),
    # periods and scopes
    "cxm_period_name": (c_void_p, [c_int64, c_int]),
    "cxm_recorder_get_periods": (c_void_p, [c_void_p, c_int, GErrorPP]),
    "cxm_recorder_get_period_stats": (c_void_p, [c_void_p, c_int, c_char_p, c_int,
                                                 c_char_p, GErrorPP]),
    "cxm_recorder_get_scopes": (c_void_p, [c_void_p, GErrorPP]),
    "cxm_recorder_get_scope_stats": (c_void_p, [c_void_p, c_char_p, c_bool, GErrorPP]),
    # report
    "cxm_import_result_set_threads": (None, [c_void_p, c_uint]),
    "cxm_import_result_get_filtered": (c_uint64, [c_void_p]),
    "cxm_import_result_set_filter": (None, [c_void_p, c_void_p]),
    # filter
    "cxm_filter_new": (c_void_p, []),
    "cxm_filter_free": (None, [c_void_p]),
    "cxm_filter_set_since": (None, [c_void_p, c_int64]),
    "cxm_filter_set_until": (None, [c_void_p, c_int64]),
    "cxm_filter_set_period": (c_bool, [c_void_p, c_char_p, GErrorPP]),
    "cxm_filter_parse_time": (c_bool, [c_char_p, ctypes.POINTER(c_int64), GErrorPP]),
    "cxm_filter_set_since_text": (c_bool, [c_void_p, c_char_p, GErrorPP]),
    "cxm_filter_set_until_text": (c_bool, [c_void_p, c_char_p, GErrorPP]),
    "cxm_filter_add": (c_bool, [c_void_p, c_int, c_char_p, GErrorPP]),
    "cxm_report_options_new": (c_void_p, []),
    "cxm_report_options_free": (None, [c_void_p]),
    "cxm_report_options_set_format": (None, [c_void_p, c_int]),
    "cxm_report_options_get_flags": (c_uint, [c_void_p]),
    "cxm_report_options_set_flags": (None, [c_void_p, c_uint]),
    "cxm_report_options_add_groups": (c_bool, [c_void_p, c_char_p, GErrorPP]),
    "cxm_report_options_set_compare": (c_bool, [c_void_p, c_char_p, c_char_p, GErrorPP]),
    "cxm_report_options_set_sort": (c_bool, [c_void_p, c_char_p, c_bool, GErrorPP]),
    "cxm_report_options_set_top": (None, [c_void_p, c_uint]),
    "cxm_report_options_set_width": (None, [c_void_p, c_uint]),
    "cxm_report_options_set_hotspot_rank": (c_bool, [c_void_p, c_char_p, c_uint,
                                                     GErrorPP]),
    "cxm_report_format_from_name": (c_int, [c_char_p]),
    "cxm_report_to_string": (c_void_p, [c_void_p, c_void_p, c_void_p,
                                        ctypes.POINTER(ctypes.c_size_t), GErrorPP]),
    "cxm_report_write": (c_bool, [c_void_p, c_void_p, c_void_p, WRITE_FUNC, c_void_p,
                                  GErrorPP]),
}


def bind(library: Any, prototypes: dict[str, tuple[Any, list[Any]]]) -> None:
    """Give each function its prototype; VersionError naming any missing."""
    missing = [name for name in prototypes if not hasattr(library, name)]
    if missing:
        raise _errors.VersionError(
            f"the loaded libcxm lacks {', '.join(missing)}: this cxm package "
            f"needs the libcxm it was released with, or a later one")
    for name, (restype, argtypes) in prototypes.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes


bind(lib, _PROTOTYPES)

ERROR_DOMAIN = lib.cxm_error_quark()


#: A C ``unsigned int`` and ``guint64`` hold at most these.
UINT_MAX = (1 << 32) - 1
UINT64_MAX = (1 << 64) - 1
#: A C ``gint64``.
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1

def decode(value: Optional[bytes]) -> Optional[str]:
    """A C string that may be NULL, as str or None."""
    return None if value is None else value.decode("utf-8")


def text(value: bytes) -> str:
    """A library-owned C string that is never NULL, as str."""
    return value.decode("utf-8")


def encode(value: Optional[str], what: str = "a string") -> Optional[bytes]:
    """A str or None as the UTF-8 C string or NULL a C call takes;
    otherwise as ``encode_str``."""
    return None if value is None else encode_str(value, what)


def encode_str(value: str, what: str = "a string") -> bytes:
    """A str as the UTF-8 C string a C call takes (never NULL).

    The one way a str goes to C: TypeError for anything but a str (None
    included), ValueError for a NUL, which C would take as the string's
    end (and so answer for another string), UnicodeEncodeError (a
    ValueError) for a lone surrogate.
    """
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise ValueError(f"{what} must not contain NUL: {_shown(value)}")
    return value.encode("utf-8")


def encode_path(path: Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"],
                what: str = "a path") -> bytes:
    """A path (str, bytes or path-like) as the C string a C call takes:
    TypeError for anything else, ValueError for a NUL in it."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise TypeError(f"{what} must be a str, bytes or os.PathLike, not "
                        f"{type(path).__name__}")
    encoded = os.fsencode(path)
    if b"\0" in encoded:
        raise ValueError(f"{what} must not contain NUL: {_shown(path)}")
    return encoded


def _shown(value: Any) -> str:
    """``value``'s repr, cut short: a hostile string may be megabytes."""
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


class OutOfRangeError(OverflowError, ValueError):
    """An integer that the C type it goes to cannot hold.

    An OverflowError, and a ValueError as these were first reported."""


def c_integer(value: Any, what: str, low: int, high: int) -> int:
    """``value`` as an integer for a C argument of range low..high:
    TypeError for what is not an integer (a bool included),
    OutOfRangeError (an OverflowError) outside the range, which ctypes
    would otherwise wrap."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, not a bool")
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not "
                        f"{type(value).__name__}") from None
    if not low <= number <= high:
        raise OutOfRangeError(f"{what} must be {low}..{high}, not {number}")
    return number


def encode_record(record: Union[Mapping[str, Any], str, bytes, bytearray,
                                memoryview]) -> bytes:
    """A record's JSON text as bytes: bytes-likes as they are, str in UTF-8,
    a mapping through ``json.dumps`` (non-ASCII kept) once each value is
    made a JSON value by ``record_value``."""
    if isinstance(record, bytes):
        return record
    if isinstance(record, (bytearray, memoryview)):
        return bytes(record)
    if isinstance(record, str):
        return record.encode("utf-8")
    if not isinstance(record, Mapping):
        raise TypeError(f"a record is a mapping, str or bytes, not "
                        f"{type(record).__name__}")
    values = {key: record_value(value, key) for key, value in record.items()}
    return json.dumps(values, ensure_ascii=False, allow_nan=False).encode("utf-8")


#: Up to 2**53 an integral float is exactly its integer; beyond, it stays a
#: float, for the library to judge as written.
_EXACT_FLOAT = float(1 << 53)


def record_value(value: Any, key: str) -> Any:
    """``value`` as the JSON value a record holds at ``key``.

    What a DataFrame row or a program holds becomes what the JSON Lines
    format takes: the package's enums their names ("phone"); an aware
    ``datetime`` (a pandas ``Timestamp`` too) its RFC 3339 text; numpy
    scalars their Python value; an integral float an int (5.0 is 5, as a
    column with NaN holds integers); NaN, NaT and pandas' NA null, which
    the format reads as absent; lists, tuples and sets element by element
    (sets sorted, as their order is not kept). Other floats stay floats for
    the library to accept (``ts``) or refuse (``csat``). Raises FormatError
    (a ValueError) for a naive datetime, which names no instant, RangeError
    for an infinite float, TypeError for what has no JSON form.
    """
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, _enums._Named):
        return value.json_name
    if isinstance(value, int):
        return int(value)  # an IntEnum of another package: its number
    if isinstance(value, float):
        return _record_float(float(value), key)
    if isinstance(value, datetime.datetime):
        return _record_datetime(value, key)
    if isinstance(value, (list, tuple)):
        return [record_value(item, f"{key}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        return sorted(record_value(item, key) for item in value)
    if isinstance(value, Mapping):
        return {k: record_value(v, f"{key}.{k}") for k, v in value.items()}
    # numpy and pandas are only looked at when the caller imported them.
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.generic):
        if isinstance(value, numpy.datetime64):
            if numpy.isnat(value):
                return None
            raise _errors.FormatError(
                f"{key} is a numpy datetime64, which has no offset: cxm needs "
                f"an instant (convert it to an aware datetime or a "
                f"pandas Timestamp with a time zone)", key=key)
        return record_value(value.item(), key)
    if numpy is not None and isinstance(value, numpy.ndarray):
        return record_value(value.tolist(), key)
    pandas = sys.modules.get("pandas")
    if pandas is not None and value is pandas.NA:
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return _record_float(float(value), key)
    raise TypeError(f"{key} cannot be a {type(value).__name__}: it has no "
                    f"JSON form")


def _record_float(value: float, key: str) -> Union[int, float, None]:
    if math.isnan(value):
        return None
    if math.isinf(value):
        raise _errors.RangeError(f"{key} must be a finite number, got {value}", key=key)
    if value.is_integer() and abs(value) <= _EXACT_FLOAT:
        return int(value)
    return value


def _record_datetime(value: datetime.datetime, key: str) -> Optional[str]:
    if value != value:  # pandas' NaT, a datetime unequal to itself
        return None
    offset = value.utcoffset()
    if offset is None:
        raise _errors.FormatError(
            f"{key} is a naive datetime ({value.isoformat()}), which names no "
            f"instant: cxm needs an offset (give it a tzinfo, e.g. "
            f"datetime.timezone.utc, or tz_localize the column)", key=key)
    if offset % datetime.timedelta(minutes=1):
        # RFC 3339 offsets are whole minutes: the same instant in UTC.
        value = value.astimezone(datetime.timezone.utc)
    return value.isoformat()


def take_string(pointer: Optional[int]) -> str:
    """A caller-owned C string: copy it into Python, then free it."""
    if not pointer:
        raise MemoryError("libcxm returned no string")
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        lib.cxm_free(pointer)


def take_json(pointer: Optional[int]) -> dict[str, Any]:
    """A caller-owned C string holding a JSON object, parsed, then freed."""
    document: dict[str, Any] = json.loads(take_string(pointer))
    return document


def take_strv(pointer: int) -> list[str]:
    """A caller-owned NULL-terminated string array, copied then freed."""
    array = ctypes.cast(pointer, ctypes.POINTER(ctypes.c_char_p))
    try:
        items = []
        i = 0
        while array[i] is not None:
            items.append(array[i].decode("utf-8"))
            i += 1
        return items
    finally:
        lib.cxm_strv_free(pointer)


def raise_error(error: "ctypes._Pointer[GError]") -> NoReturn:
    """Turn a GError into the matching cxm.Error, freeing the GError."""
    try:
        key = decode(lib.cxm_error_get_key(error))
        line = lib.cxm_error_get_line(error) or None
        code = error.contents.code
        message = error.contents.message.decode("utf-8", "replace")
        domain = error.contents.domain
    finally:
        _glib.g_error_free(error)
    if domain != ERROR_DOMAIN:
        raise _errors.Error(message, code=code)
    raise _errors.error_class(code)(message, code=code, key=key, line=line)


def call(function: Callable[..., Any], *args: Any) -> Any:
    """Call a C function whose last argument is GError **; raise on failure.

    Returns what the function returned: a truth value or a pointer.
    """
    error = GErrorP()
    result = function(*args, ctypes.byref(error))
    if error:
        raise_error(error)
    if not result:
        raise _errors.Error(f"{function.__name__} failed without an error")
    return result
