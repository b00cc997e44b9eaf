# SPDX-License-Identifier: MIT
"""The org: the people of an organisation and who reports to whom.

Internal: the public names are re-exported by the package itself.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Mapping, Optional, Union

from ._enums import Level
from ._handle import Handle
from ._native import call, decode, encode_path, encode_str, lib, take_strv


class Org(Handle):
    """The people of an organisation and who reports to whom (SPEC 3).

    ``Org.from_file(path)`` or ``Org.from_dict({"people": [...]})``; give it
    to ``Recorder(org=...)`` for level and team inference and scopes.
    Raises OrgError for duplicate ids, unknown managers and cycles.

    An org is immutable once loaded, so threads may share it. This object
    holds one reference to the C org: ``close()`` (or a ``with`` block)
    drops it, after which every use raises ValueError; recorders given the
    org keep their own reference and are not affected.
    """

    _KIND = "org"

    def __init__(self, *args: Any, **kwargs: Any):
        raise TypeError("an Org is made by Org.from_file or Org.from_dict")

    @classmethod
    def _own(cls, handle: int) -> Org:
        """An Org owning ``handle``, a new reference to a C org."""
        org = cls.__new__(cls)
        Handle.__init__(org, handle, lib.cxm_org_unref)
        return org

    @classmethod
    def from_file(cls, path: Union[str, os.PathLike[str], os.PathLike[bytes]]) -> Org:
        """Load a JSON org file. Raises OrgError or FileError.

        The file holds ``{"people": [{"id": ..., "level": ..., "team": ...,
        "manager": ...}, ...]}``; id and level are required.
        """
        return cls._own(call(lib.cxm_org_new_from_file, encode_path(path)))

    @classmethod
    def from_dict(cls, org: Mapping[str, Any]) -> Org:
        """An org from the org file's object, ``{"people": [...]}``.

        Raises OrgError.
        """
        if not isinstance(org, Mapping):
            raise TypeError(f"an org is a mapping, not {type(org).__name__}")
        data = json.dumps(dict(org)).encode("utf-8")
        return cls._own(call(lib.cxm_org_new_from_data, data, len(data)))

    def close(self) -> None:
        """Drop this reference now (recorders keep their own)."""
        super().close()

    def _fields(self) -> str:
        return f"people={len(self)}"

    def _about(self, function: Callable[..., Any], person: str) -> Any:
        """What the C getter ``function`` says of ``person``."""
        return function(self._ptr(), encode_str(person, "a person"))

    def __len__(self) -> int:
        """The number of people."""
        return int(lib.cxm_org_get_n_people(self._ptr()))

    def __contains__(self, person: str) -> bool:
        """Whether ``person`` (an id) is in the org."""
        return bool(self._about(lib.cxm_org_has_person, person))

    @property
    def people(self) -> list[str]:
        """Every id, sorted bytewise."""
        return take_strv(lib.cxm_org_get_people(self._ptr()))

    def level(self, person: str) -> Optional[Level]:
        """The level of ``person``; None for an id not in the org."""
        value = self._about(lib.cxm_org_get_level, person)
        return None if value < 0 else Level(value)

    def team(self, person: str) -> Optional[str]:
        """The team of ``person``; None when it has none or is not in the org."""
        return decode(self._about(lib.cxm_org_get_team, person))

    def manager(self, person: str) -> Optional[str]:
        """The id of the manager of ``person``; None for the top of the
        org or an id not in it."""
        return decode(self._about(lib.cxm_org_get_manager, person))

    def reports(self, person: str) -> list[str]:
        """Direct reports of ``person``, sorted; empty for an unknown id."""
        return take_strv(self._about(lib.cxm_org_get_reports, person))
