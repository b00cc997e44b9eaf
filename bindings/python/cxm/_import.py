# SPDX-License-Identifier: MIT
"""The result of JSON Lines imports: counts and the first rejections.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ._handle import Handle
from ._native import UINT_MAX, c_integer, decode, lib, text


@dataclass(frozen=True)
class Rejection:
    """One rejected record of an import.

    ``source`` names the input (the path, the file's name, the ``name``
    given to ``import_jsonl``; None for an unnamed buffer), ``line`` is the
    line number from 1, ``key`` the key at fault (None for a line that is
    not a JSON object), ``code`` the CxmError code (as ``Error.code``),
    ``message`` the reason without the line. ``str()`` gives
    "source: line N: message".
    """
    source: Optional[str]
    line: int
    key: Optional[str]
    code: int
    message: str

    def __str__(self) -> str:
        """"source: line N: message" ("line N: message" without a source)."""
        where = f"{self.source}: " if self.source else ""
        return f"{where}line {self.line}: {self.message}"


class ImportResult(Handle):
    """Counts and first rejections of one or more imports.

    Pass the same result to several ``import_jsonl`` calls to add them up,
    and to ``Recorder.report(input=...)`` for the report's input section.
    ``max_errors`` bounds the rejections kept in detail (0 keeps none); the
    counts are never bounded.

    A result owns its C object: ``close()`` (or a ``with`` block) releases
    it, after which every use raises ValueError.
    """

    _KIND = "import result"

    def __init__(self, max_errors: int = 100):
        bound = c_integer(max_errors, "max_errors", 0, UINT_MAX)
        super().__init__(lib.cxm_import_result_new(), lib.cxm_import_result_free)
        lib.cxm_import_result_set_max_errors(self._handle, bound)
        #: The filter keywords last set on it (Recorder.import_jsonl's).
        self._filter: dict[str, Any] = {}

    def _fields(self) -> str:
        return (f"records={self.records} accepted={self.accepted} "
                f"rejected={self.rejected} filtered={self.filtered} "
                f"leadership={self.leadership}")

    @property
    def records(self) -> int:
        """Non-blank lines read."""
        return int(lib.cxm_import_result_get_records(self._ptr()))

    @property
    def accepted(self) -> int:
        """Interactions and leadership events accepted."""
        return int(lib.cxm_import_result_get_accepted(self._ptr()))

    @property
    def rejected(self) -> int:
        """Records rejected (all of them, kept in ``errors`` or not)."""
        return int(lib.cxm_import_result_get_rejected(self._ptr()))

    @property
    def filtered(self) -> int:
        """Valid records that an import's filter did not pass (neither
        accepted nor rejected)."""
        return int(lib.cxm_import_result_get_filtered(self._ptr()))

    @property
    def leadership(self) -> int:
        """Leadership events accepted (also counted in ``accepted``)."""
        return int(lib.cxm_import_result_get_leadership(self._ptr()))

    @property
    def errors(self) -> list[Rejection]:
        """The rejections kept in detail, in input order."""
        h = self._ptr()
        return [
            Rejection(
                source=decode(lib.cxm_import_result_get_error_source(h, i)),
                line=lib.cxm_import_result_get_error_line(h, i),
                key=decode(lib.cxm_import_result_get_error_key(h, i)),
                code=lib.cxm_import_result_get_error_code(h, i),
                message=text(lib.cxm_import_result_get_error_message(h, i)),
            )
            for i in range(lib.cxm_import_result_get_n_errors(h))
        ]
