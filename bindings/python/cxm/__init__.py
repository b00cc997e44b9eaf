# SPDX-License-Identifier: MIT
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

from . import _native
from ._enums import (Channel, Class, Difficulty, Emotion, Group, LeadershipType,
                     Level, Period, Reason, Resolution, Sync)
from ._errors import (BusyError, DuplicateError, DuplicateIdError, EnumError,
                      Error, FileError, FormatError, InvalidArgumentError,
                      InvalidJSONError, InvalidUTF8Error, LibraryError,
                      LimitError, MissingKeyError, NotFoundError,
                      NotObjectError, OrgError, PolicyError,
                      PolicyMismatchError, RangeError, RecordError,
                      SnapshotError, TooDeepError, TooLongError, VersionError,
                      WrongTypeError)
from ._import import ImportResult, Rejection
from ._org import Org
from ._policy import Classification, Policy, classify
from ._recorder import Recorder
from ._stats import net_score, period_name, wilson_interval

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


def library_version() -> str:
    """The version of the loaded libcxm, e.g. "0.1.0"."""
    return _native.text(_native.lib.cxm_version_string())
