# SPDX-License-Identifier: MIT
"""The exceptions of cxm: one per CxmError code.

Each also derives from the standard exception it is a case of, so that
code catching those catches cxm's too: a bad value (a record, a policy,
an org, a snapshot, an argument) is a ValueError, a file that cannot be
read an OSError, a group that does not exist a KeyError.
"""

from __future__ import annotations

from typing import Optional


class Error(Exception):
    """A libcxm error (GError in the CXM_ERROR domain).

    ``code`` is the CxmError code (left out: the code of the class, 0 for
    Error itself), ``message`` the library's message; for a rejected record
    ``key`` names the key at fault and ``line`` (strict imports) the input
    line, else they are None.
    """

    def __init__(self, message: str, *, code: Optional[int] = None,
                 key: Optional[str] = None, line: Optional[int] = None):
        super().__init__(message)
        self.message = message
        self.code = code if code is not None else _CODE.get(type(self), 0)
        self.key = key
        self.line = line

    def __str__(self) -> str:  # KeyError and OSError would reword it
        return self.message

    def __repr__(self) -> str:
        """``cxm.RangeError('csat must be ...', key='csat')``."""
        extra = "".join(f", {name}={getattr(self, name)!r}" for name in ("key", "line")
                        if getattr(self, name) is not None)
        return f"cxm.{type(self).__name__}({self.message!r}{extra})"


class InvalidArgumentError(Error, ValueError):
    """API misuse: a NULL handle, an out-of-range enum."""


class FileError(Error, OSError):
    """A file or descriptor could not be read (CXM_ERROR_IO)."""


class RecordError(Error, ValueError):
    """A record broke a rule of the record format and was rejected."""


class InvalidJSONError(RecordError):
    """A line or file is not valid JSON."""


class InvalidUTF8Error(RecordError):
    """A line is not valid UTF-8."""


class TooLongError(RecordError):
    """A line is longer than 1 MiB."""


class TooDeepError(RecordError):
    """JSON nested deeper than 8 levels."""


class NotObjectError(RecordError):
    """A record is not a JSON object."""


class MissingKeyError(RecordError):
    """A required key is absent (``key`` names it)."""


class WrongTypeError(RecordError):
    """A value has the wrong JSON type."""


class RangeError(RecordError):
    """A number or length is out of range for its key."""


class EnumError(RecordError):
    """A string is not one of the allowed names."""


class DuplicateError(RecordError):
    """An array holds the same name twice."""


class FormatError(RecordError):
    """A string breaks its format (timestamp, control characters)."""


class PolicyError(Error, ValueError):
    """A policy is invalid: unknown key, bad value, inconsistent thresholds."""


class PolicyMismatchError(Error, ValueError):
    """Aggregates built under different policies cannot merge."""


class OrgError(Error, ValueError):
    """An org file is invalid: duplicate ids, unknown managers, cycles."""


class NotFoundError(Error, KeyError):
    """No such group."""


class LimitError(Error):
    """A record, merge or snapshot would make more groups than the
    recorder's ``max_groups``; nothing changed."""


class SnapshotError(Error, ValueError):
    """A snapshot is invalid: not a snapshot, another version, corrupt or
    inconsistent sums, a policy that does not match its fingerprint."""


class BusyError(Error):
    """Another writer (another recorder, in this process or another) holds
    the journal's lock."""


class DuplicateIdError(RecordError):
    """The journal already holds a record with this id (``unique_ids``);
    the record was ignored and counted in ``Recorder.duplicates``."""


# Index = CxmError code (include/cxm/common.h); codes are only appended.
_BY_CODE = [
    Error, InvalidArgumentError, FileError, InvalidJSONError, InvalidUTF8Error,
    TooLongError, TooDeepError, NotObjectError, MissingKeyError,
    WrongTypeError, RangeError, EnumError, DuplicateError, FormatError,
    PolicyError, PolicyMismatchError, NotFoundError, OrgError, LimitError,
    SnapshotError, BusyError, DuplicateIdError,
]
_CODE = {cls: code for code, cls in enumerate(_BY_CODE) if code}


def error_class(code: int) -> type[Error]:
    """The exception class of a CxmError code; Error for unknown codes."""
    return _BY_CODE[code] if 0 < code < len(_BY_CODE) else Error


class LibraryError(ImportError):
    """libcxm could not be loaded; the message lists what was tried."""


class VersionError(LibraryError):
    """The loaded libcxm does not fit this package's version."""
