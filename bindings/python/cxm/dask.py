# SPDX-License-Identifier: MIT
"""cxm on a Dask cluster: one import over many files, on many machines.

    import cxm.dask
    from distributed import Client
    client = Client("tcp://scheduler:8786")
    recorder, result = cxm.dask.import_jsonl("/shared/contacts/*.jsonl")
    report = recorder.report(groups=("teams",), input=result)

Each file (or partition of a ``dask.bag``) is imported on a worker, in C,
into a snapshot of its sums; the worker reads its own files, so records
never travel through the scheduler or the client. The snapshots and the
import results are merged on the workers in a tree, in file order, and only
the last one comes to the client, as a Recorder and an ImportResult: the
report is byte for byte that of one process importing the same files in
turn. Every worker needs libcxm and this package (Debian: ``apt install
libcxm0 python3-cxm``) and the paths given (shared storage, or any fsspec
URL); nothing else of the client's.

Dask is imported by this module alone: ``import cxm`` does not need it.
"""

# distributed's Client is not annotated: calling its methods is allowed.
# mypy: disallow-untyped-calls=False
from __future__ import annotations

import datetime
import os
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence, Union

try:
    import dask.bag
    import fsspec  # type: ignore[import]  # no type hints
    import fsspec.implementations.local  # type: ignore[import]
    from dask.bag.core import Bag
    from dask.delayed import delayed
    from distributed import Client, get_client, get_worker
except ImportError as e:
    raise ImportError(f"cxm.dask needs Dask and distributed ({e}): apt install "
                      f"python3-dask python3-distributed, or pip install "
                      f"'dask[bag,distributed]'", name=e.name) from e

from . import _native
from ._enums import Channel, Level
from ._errors import Error, FileError, LibraryError, PolicyMismatchError, error_class
from ._handle import check, held
from ._import import ImportResult
from ._org import Org
from ._policy import Policy
from ._recorder import Recorder, _set_filter

__all__ = ["import_jsonl", "INSTALL_HINT"]

#: What a worker without cxm lacks, in the words of its package manager.
INSTALL_HINT = ("install libcxm and the cxm Python package on every worker "
                "(Debian: apt install libcxm0 python3-cxm), or set CXM_LIBRARY "
                "there to the path of libcxm.so.0")

#: How many snapshots one merge task adds up. Each snapshot costs a load and
#: a merge (a file of 500,000 generated records: 741 KB, 20 ms and 6 ms,
#: against 380 ms to import it) and each task one save; 8 keeps the tree
#: shallow (4 levels for 4,096 files) while a merge task stays short.
FAN_IN = 8

_Path = Union[str, "os.PathLike[str]"]
PathsType = Union[_Path, Sequence[_Path], Bag]
#: A policy or org as sent to workers: None (defaults), a dict, a path.
_Spec = Union[None, dict[str, Any], str]


class _Settings(NamedTuple):
    """What every partition is imported with: plain data, sent to workers."""
    policy: _Spec   # None: defaults; a dict; a path read there
    org: _Spec      # likewise
    strict: bool
    threads: Optional[int]           # None: from worker_threads
    worker_threads: dict[str, int]  # worker address: its host's share of cores
    max_errors: int
    compression: Optional[str]
    storage_options: dict[str, Any]
    filter: dict[str, Any]          # Recorder.import_jsonl's filter keywords


class _Part(NamedTuple):
    """The import of consecutive partitions: what a task returns.

    ``first`` and ``last`` name the partitions it covers (for errors),
    ``fingerprint`` and ``policy`` the policy it was imported under,
    ``counts`` (records, accepted, rejected, filtered, leadership), ``errors`` the kept
    rejections in input order as (source, line, key, code, message), and
    ``failure`` a strict import's first error as (code, message, key, line).
    """
    snapshot: bytes
    first: str
    last: str
    fingerprint: str
    policy: str
    counts: tuple[int, int, int, int, int]
    errors: list[tuple[Optional[str], int, Optional[str], int, str]]
    failure: Optional[tuple[int, str, Optional[str], Optional[int]]]


def import_jsonl(paths: PathsType, *, client: Optional[Client] = None,
                 policy: Union[Policy, Mapping[str, Any], _Path, None] = None,
                 org: Union[Org, Mapping[str, Any], _Path, None] = None,
                 strict: bool = False, result: Optional[ImportResult] = None,
                 threads: Optional[int] = None, max_errors: int = 100,
                 compression: Optional[str] = "infer",
                 storage_options: Optional[Mapping[str, Any]] = None,
                 fan_in: int = FAN_IN,
                 since: Union[str, int, datetime.datetime, None] = None,
                 until: Union[str, int, datetime.datetime, None] = None,
                 period: Optional[str] = None,
                 teams: Union[str, Iterable[str], None] = None,
                 channels: Union[str, Channel, Iterable[Union[str, Channel]],
                                 None] = None,
                 levels: Union[str, Level, Iterable[Union[str, Level]], None] = None,
                 employees: Union[str, Iterable[str], None] = None,
                 ) -> tuple[Recorder, ImportResult]:
    """Import JSON Lines files on a Dask cluster: ``(recorder, result)``.

    ``paths``: a path or URL, a glob (expanded by a worker, with fsspec), a
    list of them, or a ``dask.bag`` of JSON lines (str or bytes, one record
    each; rejections then name their source "partition N", lines counted
    within it; read text with ``errors="surrogateescape"`` so that bad
    UTF-8 reaches cxm and is rejected, not raised by the codec). A local
    file is read by C on the worker, as ``Recorder.import_jsonl`` reads a
    path; any other fsspec URL (and a compressed file, ``compression`` as
    fsspec infers it) is read into the worker's memory first. Relative
    paths are relative to the workers.

    ``client``: the distributed client (default: the current one).
    ``policy``: a Policy or its settings (sent to the workers), a policy
    file's path (read on each worker, ``~`` being the worker's home), or
    None for the defaults. ``org``: an Org or its ``{"people": ...}``
    object, or an org file's path (read on the workers and here); the
    recorder returned has it. ``strict``, ``threads``: as
    ``Recorder.import_jsonl``, per file (threads default: a host's cores
    shared by the task threads of the workers on that host). ``result``:
    add to this result. ``max_errors``: rejections kept in detail, the
    first in file order. ``fan_in``: snapshots per merge task. ``since``,
    ``until``, ``period``, ``teams``, ``channels``, ``levels``,
    ``employees``: the filter of ``Recorder.import_jsonl``, applied to
    every file (the records it drops count in ``result.filtered``). Without
    them, the filter of an earlier import into ``result`` applies, as in
    ``Recorder.import_jsonl``; the result returned has the filter used.

    Returns a new Recorder (under the files' policy) and the result: the
    counts and the first rejections with their file and line, in the order
    of ``paths``. Raises LibraryError naming a worker that cannot load
    libcxm; FileError for a glob that matches nothing or a file a worker
    cannot read; PolicyMismatchError when files were imported under
    different policies (workers reading different policy files, or
    libcxm versions with different defaults); with ``strict``, the first
    bad record's error in file order (and nothing is returned). A worker
    that dies is replaced by Dask and its partitions imported again: each
    task is a pure function of its file, so nothing counts twice.
    """
    if not isinstance(fan_in, int) or fan_in < 2:
        raise ValueError(f"fan_in must be an integer >= 2, not {fan_in!r}")
    if result is not None:
        check(result, ImportResult, "result")  # before the cluster works
    _native.c_integer(max_errors, "max_errors", 0, _native.UINT_MAX)
    filter_spec = _filter_spec(since=since, until=until, period=period, teams=teams,
                               channels=channels, levels=levels, employees=employees)
    if not filter_spec and result is not None:
        filter_spec = result._filter  # as Recorder.import_jsonl: it goes on
    client = client if client is not None else get_client()
    worker_threads = _check_workers(client)
    settings = _Settings(_policy_spec(policy), _org_spec(org), bool(strict),
                         _threads(threads), worker_threads, int(max_errors), compression,
                         dict(storage_options or {}), filter_spec)
    if isinstance(paths, Bag):
        parts = paths.to_delayed()
        level = client.compute([delayed(_import_lines, pure=True)(
            part, f"partition {i}", settings) for i, part in enumerate(parts)])
    else:
        urls = _expand(client, paths, settings.storage_options)
        level = [client.submit(_import_url, url, settings, pure=False) for url in urls]
    recorder_org = _client_org(org)
    if not level:
        recorder = Recorder(_client_policy(policy), org=recorder_org)
        return recorder, _result_of(None, result, max_errors, filter_spec)
    # A tree of merges of consecutive shards, submitted level by level (not
    # dask.bag.reduction: paths are no bag, and this keeps the order of the
    # files, hence of the rejections, explicit): no task waits on more than
    # fan_in, and only the root's part comes to the client.
    while len(level) > 1:
        level = [client.submit(_merge_parts, settings.max_errors, *level[i:i + fan_in],
                               pure=False)
                 for i in range(0, len(level), fan_in)]
    whole: _Part = level[0].result()
    if whole.failure is not None:
        code, message, key, line = whole.failure
        raise error_class(code)(message, code=code, key=key, line=line)
    recorder = Recorder.from_snapshot(whole.snapshot, org=recorder_org)
    return recorder, _result_of(whole, result, max_errors, filter_spec)


# ---- on the client ---------------------------------------------------------

# Pickled by value (it is not importable by name), so that it runs on a
# worker that has no cxm package at all and says so.
_PROBE_SOURCE = '''
def probe():
    import os
    try:
        import cxm
        return None, os.cpu_count()
    except Exception as e:
        return f"{type(e).__name__}: {e}", None
'''


def _check_workers(client: Client) -> dict[str, int]:
    """The import threads of each worker's tasks: its host's cores over the
    task threads of every worker on that host. Raises LibraryError naming
    the workers that cannot use cxm."""
    namespace: dict[str, Any] = {}
    exec(_PROBE_SOURCE, namespace)
    answers = client.run(namespace["probe"])
    if not answers:
        raise LibraryError("the Dask cluster has no workers")
    failed = [f"worker {address}: {problem}"
              for address, (problem, _) in sorted(answers.items()) if problem]
    if failed:
        raise LibraryError("cannot import with cxm on " + "; ".join(failed) +
                           f": {INSTALL_HINT}")
    workers = client.scheduler_info()["workers"]
    per_host: dict[str, int] = {}
    for address, info in workers.items():
        per_host[info["host"]] = per_host.get(info["host"], 0) + info["nthreads"]
    return {address: max(1, (answers[address][1] or 1) // per_host[info["host"]])
            for address, info in workers.items() if address in answers}


def _policy_spec(policy: Any) -> _Spec:
    if policy is None or isinstance(policy, dict):
        return policy
    if isinstance(policy, Policy):
        return policy.to_dict()
    if isinstance(policy, Mapping):
        return dict(policy)
    if isinstance(policy, (str, os.PathLike)):
        return os.fspath(policy)
    raise TypeError(f"policy must be a Policy, a mapping or a path, not "
                    f"{type(policy).__name__}")


def _org_spec(org: Any) -> _Spec:
    if org is None or isinstance(org, dict):
        return org
    if isinstance(org, Org):
        people = []
        for person in org.people:
            level = org.level(person)
            assert level is not None  # a person of the org
            entry: dict[str, Any] = {"id": person, "level": level.json_name}
            for field, value in (("team", org.team(person)),
                                 ("manager", org.manager(person))):
                if value is not None:
                    entry[field] = value
            people.append(entry)
        return {"people": people}
    if isinstance(org, Mapping):
        return dict(org)
    if isinstance(org, (str, os.PathLike)):
        return os.fspath(org)
    raise TypeError(f"org must be an Org, a mapping or a path, not {type(org).__name__}")


def _client_org(org: Any) -> Optional[Org]:
    if org is None or isinstance(org, Org):
        return org
    return _load_org(_org_spec(org))


def _client_policy(policy: Any) -> Optional[Policy]:
    return None if policy is None else _load_policy(_policy_spec(policy))


def _threads(threads: Optional[int]) -> Optional[int]:
    if threads is None:
        return None
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 0:
        raise ValueError(f"threads must be a count >= 0, got {threads!r}")
    return _native.c_integer(threads, "threads", 0, _native.UINT_MAX)


def _filter_spec(**keywords: Any) -> dict[str, Any]:
    """The filter keywords given, as plain data for the workers; a bad value
    raises here, before any work."""
    with ImportResult(0) as scratch:
        _set_filter(scratch, **keywords)
        return scratch._filter


def _expand(client: Client, paths: Any, storage_options: dict[str, Any]) -> list[str]:
    """The files of ``paths``, in order: globs are expanded by a worker."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    urls = [os.fspath(p) for p in paths]
    if not any(fsspec.core.has_magic(u) for u in urls):
        return urls
    found: list[str] = client.submit(_glob, urls, storage_options, pure=False).result()
    return found


def _result_of(whole: Optional[_Part], result: Optional[ImportResult],
               max_errors: int, filter_spec: dict[str, Any]) -> ImportResult:
    """``result`` (or a new one) with ``whole``'s counts and errors added,
    and the filter the files were imported under, as one process leaves it
    for the imports that add to it later."""
    result = result if result is not None else ImportResult(max_errors)
    _set_filter(result, **filter_spec)
    if whole is None:
        return result
    with held(result, ImportResult, "result") as pointer:
        records, accepted, rejected, filtered, leadership = whole.counts
        _native.lib.cxm_import_result_add_counts(pointer, records, accepted, rejected,
                                                 leadership)
        _native.lib.cxm_import_result_add_filtered(pointer, filtered)
        for source, line, key, code, message in whole.errors:
            _native.lib.cxm_import_result_add_error(
                pointer, _native.encode(source), line, _native.encode(key),
                code, _native.encode_str(message))
    return result


# ---- on the workers --------------------------------------------------------

def _glob(urls: list[str], storage_options: dict[str, Any]) -> list[str]:
    files = []
    for url in urls:
        if not fsspec.core.has_magic(url):
            files.append(url)
            continue
        fs, _, found = fsspec.core.get_fs_token_paths(url, mode="rb",
                                                      storage_options=storage_options)
        if not found:
            raise FileError(f"{url}: no file matches")
        local = isinstance(fs, fsspec.implementations.local.LocalFileSystem)
        files.extend(found if local else (fs.unstrip_protocol(p) for p in found))
    return files


def _load_policy(spec: _Spec) -> Optional[Policy]:
    if spec is None:
        return None
    if isinstance(spec, dict):
        return Policy.from_dict(spec)
    return Policy.from_file(os.path.expanduser(spec))


def _load_org(spec: _Spec) -> Optional[Org]:
    if spec is None:
        return None
    if isinstance(spec, dict):
        return Org.from_dict(spec)
    return Org.from_file(os.path.expanduser(spec))


def _worker_threads(settings: _Settings) -> Optional[int]:
    """The threads one import uses: as asked, else the host's cores shared
    by the task threads of the workers on it (2 workers of 1 thread on 2
    cores: 1 each), so that workers on one host do not oversubscribe it."""
    if settings.threads is not None:
        return settings.threads
    worker = get_worker()
    if worker.address in settings.worker_threads:
        return settings.worker_threads[str(worker.address)]
    # A worker that joined (or restarted) since: its own cores over its tasks.
    return max(1, (os.cpu_count() or 1) // max(1, worker.state.nthreads))


def _import_one(source: Any, name: Optional[str], label: str,
                settings: _Settings) -> _Part:
    """Import ``source`` (a path, file or bytes) into a new recorder: a _Part."""
    policy = _load_policy(settings.policy)
    org = _load_org(settings.org)
    with Recorder(policy, org=org) as recorder, \
            ImportResult(settings.max_errors) as result:
        failure = None
        try:
            recorder.import_jsonl(source, strict=settings.strict, name=name,
                                  result=result, threads=_worker_threads(settings),
                                  **settings.filter)
        except Error as e:
            if not settings.strict or isinstance(e, FileError):
                raise
            failure = (e.code, e.message, e.key, e.line)
        with recorder.policy as used:
            fingerprint, policy_name = used.fingerprint, used.name
        counts = (result.records, result.accepted, result.rejected, result.filtered,
                  result.leadership)
        errors = [(e.source, e.line, e.key, e.code, e.message) for e in result.errors]
        return _Part(recorder.to_snapshot(), label, label, fingerprint, policy_name,
                     counts, errors, failure)


def _import_url(url: str, settings: _Settings) -> _Part:
    try:
        return _read_url(url, settings)
    except (FileError, OSError) as e:
        # Storage mounted on some workers only: say which one failed.
        message = e.message if isinstance(e, FileError) else f"{url}: {e}"
        raise FileError(f"{message} (on worker {get_worker().address})",
                        code=getattr(e, "code", 0)) from None


def _read_url(url: str, settings: _Settings) -> _Part:
    fs, path = fsspec.core.url_to_fs(url, **settings.storage_options)
    compression = settings.compression
    if compression == "infer":
        compression = fsspec.utils.infer_compression(path)
    local_fs = isinstance(fs, fsspec.implementations.local.LocalFileSystem)
    if local_fs and compression is None:
        # C reads the file, on threads, as a single process would; a plain
        # path stays as given, so that rejections name it as one process does.
        local = os.path.expanduser(url) if "://" not in url else path
        return _import_one(local, None, url, settings)
    with fsspec.open(url, "rb", compression=compression,
                     **settings.storage_options) as file:
        return _import_one(file.read(), url, url, settings)


def _import_lines(lines: list[Any], label: str, settings: _Settings) -> _Part:
    # surrogateescape: the bytes of read_text(errors="surrogateescape"), so
    # that bad UTF-8 is rejected as a single process rejects it.
    chunks = []
    for line in lines:
        line = (line.encode("utf-8", "surrogateescape") if isinstance(line, str)
                else bytes(line))
        chunks.append(line if line.endswith(b"\n") else line + b"\n")
    return _import_one(b"".join(chunks), label, label, settings)


def _merge_parts(max_errors: int, *parts: _Part) -> _Part:
    """Consecutive parts as one, in order: sums merged, the first
    ``max_errors`` rejections kept.

    Pure: merging the same parts again gives the same part, so a merge that
    Dask runs again after a worker died counts nothing twice.
    """
    head = parts[0]
    for part in parts[1:]:
        if part.fingerprint != head.fingerprint:
            raise PolicyMismatchError(
                f"the shards were imported under different policies: {head.first} "
                f"under {head.policy!r} ({head.fingerprint}), {part.first} under "
                f"{part.policy!r} ({part.fingerprint}); give every worker the same "
                f"policy (pass a cxm.Policy rather than a path) and the same libcxm")
    failure = next((p.failure for p in parts if p.failure is not None), None)
    records, accepted, rejected, filtered, leadership = (
        sum(c) for c in zip(*(p.counts for p in parts)))
    counts = (records, accepted, rejected, filtered, leadership)
    errors = [e for p in parts for e in p.errors][:max_errors]
    with Recorder.from_snapshot(head.snapshot) as recorder:
        for part in parts[1:]:
            with Recorder.from_snapshot(part.snapshot) as other:
                recorder.merge(other)
        snapshot = recorder.to_snapshot()
    return _Part(snapshot, head.first, parts[-1].last, head.fingerprint, head.policy,
                 counts, errors, failure)
