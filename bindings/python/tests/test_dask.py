# SPDX-License-Identifier: MIT
"""cxm.dask: an import on a cluster of processes equals one process's."""

import json
import os
import sys

import pytest

# configure picks an interpreter with pytest; Debian's python3-dask and
# python3-distributed may not be there (dev.sh installs them).
dask = pytest.importorskip("dask", reason="needs Dask: apt install python3-dask "
                           "python3-distributed (dev.sh does)")
distributed = pytest.importorskip("distributed", reason="needs distributed: apt "
                                  "install python3-distributed (dev.sh does)")
import dask.bag  # noqa: E402
from distributed import Client, LocalCluster, Nanny, Scheduler, SpecCluster  # noqa: E402

import cxm  # noqa: E402
import cxm.dask  # noqa: E402

GROUPS = ("teams", "employees", "channels", "periods:day", "periods:week",
          "periods:month", "hotspots")
HERE = os.path.dirname(os.path.abspath(__file__))
# The workers are new processes: they find the package and the build tree's
# library as this one does.
WORKER_ENV = {"PYTHONPATH": os.pathsep.join([os.path.dirname(HERE)] + sys.path[1:]),
              "CXM_LIBRARY": os.environ.get("CXM_LIBRARY", "")}


def cluster(**kwargs):
    options = dict(n_workers=2, threads_per_worker=1, processes=True,
                   dashboard_address=None, silence_logs=40, env=WORKER_ENV)
    options.update(kwargs)
    return LocalCluster(**options)


@pytest.fixture(scope="module")
def client():
    with cluster() as local, Client(local) as client:
        yield client


@pytest.fixture(scope="module")
def sample_lines():
    from conftest import TOP_SRCDIR
    with open(os.path.join(TOP_SRCDIR, "examples", "data", "interactions.jsonl"),
              "rb") as file:
        return file.readlines()


def shard(lines, directory, n, leadership=True):
    """``lines`` in ``n`` consecutive files under ``directory``: their paths."""
    if not leadership:
        lines = [line for line in lines if b'"kind":"leadership"' not in line]
    size = -(-len(lines) // n)
    paths = []
    for i in range(n):
        path = os.path.join(directory, f"shard-{i:02d}.jsonl")
        with open(path, "wb") as file:
            file.writelines(lines[i * size:(i + 1) * size])
        paths.append(path)
    return paths


def one_process(paths, policy=None, strict=False, **filter):
    recorder, result = cxm.Recorder(policy), cxm.ImportResult()
    for path in paths:
        recorder.import_jsonl(path, result=result, strict=strict, **filter)
    return recorder, result


def assert_same(got, want):
    (recorder, result), (one, one_result) = got, want
    assert (result.records, result.accepted, result.rejected, result.filtered,
            result.leadership) == \
        (one_result.records, one_result.accepted, one_result.rejected,
         one_result.filtered, one_result.leadership)
    assert result.errors == one_result.errors
    for format in ("json", "table", "csv"):
        assert recorder.report(groups=GROUPS, input=result, format=format) == \
            one.report(groups=GROUPS, input=one_result, format=format)
    assert recorder.to_snapshot() == one.to_snapshot()


def test_sharded_files_report_as_one_process(client, sample_lines, tmp_path):
    paths = shard(sample_lines, tmp_path, 6, leadership=False)
    want = one_process(paths)
    assert want[1].rejected == 12  # the sample's bad lines, in several shards
    # fan_in 2 over 6 files: a tree of three levels.
    assert_same(cxm.dask.import_jsonl(paths, client=client, fan_in=2), want)
    # A glob, expanded on a worker, in the files' order.
    assert_same(cxm.dask.import_jsonl(str(tmp_path / "shard-*.jsonl"), client=client),
                want)


def test_a_filtered_import_counts_what_it_dropped_as_one_process(client, sample_lines,
                                                                tmp_path):
    paths = shard(sample_lines, tmp_path, 5, leadership=False)
    filter = dict(since="2026-02-01", until="2026-03-01",
                  teams=(t for t in ("apac-sales", "emea-field")),
                  channels=[cxm.Channel.PHONE, "web"])
    want = one_process(paths, **dict(filter, teams=["apac-sales", "emea-field"]))
    # As `cxm report --since 2026-02-01 --until 2026-03-01 --team apac-sales
    # --team emea-field --channel phone --channel web` counts them.
    assert (want[1].records, want[1].accepted, want[1].rejected,
            want[1].filtered) == (3759, 113, 12, 3634)
    # fan_in 2: the filtered counts add up through two levels of merges.
    got = cxm.dask.import_jsonl(paths, client=client, fan_in=2, **filter)
    assert got[1].filtered == want[1].filtered
    assert_same(got, want)
    assert repr(got[1]) == repr(want[1])
    # A result filtered by an earlier import keeps its filter, as in one
    # process: the files imported into it on the cluster are filtered too,
    # and so are those imported into it afterwards.
    one, one_result = cxm.Recorder(), cxm.ImportResult()
    one.import_jsonl(paths[0], result=one_result, **dict(filter, teams=["apac-sales",
                                                                        "emea-field"]))
    for path in paths[1:]:
        one.import_jsonl(path, result=one_result)
    assert one_result.filtered == want[1].filtered
    first, carried = cxm.Recorder(), cxm.ImportResult()
    first.import_jsonl(paths[0], result=carried, **dict(filter, teams=["apac-sales",
                                                                       "emea-field"]))
    rest, carried = cxm.dask.import_jsonl(paths[1:-1], client=client, result=carried)
    rest.import_jsonl(paths[-1], result=carried)
    first.merge(rest)
    assert_same((first, carried), (one, one_result))
    # A bad filter value is refused on the client, before any work.
    with pytest.raises(ValueError, match="^channel must be a cxm.Channel .* not 'fax'$"):
        cxm.dask.import_jsonl(paths, client=client, channels="fax")
    with pytest.raises(ValueError, match="period sets both bounds"):
        cxm.dask.import_jsonl(paths, client=client, period="2026-W10", since="2026-03-01")


def test_leadership_events_survive(client, sample_lines, tmp_path):
    paths = shard(sample_lines, tmp_path, 4)
    recorder, result = cxm.dask.import_jsonl(paths, client=client)
    one, one_result = one_process(paths)
    assert result.leadership == one_result.leadership == 253
    assert recorder.leadership_count() == 253
    if recorder.to_snapshot().startswith(b'{"cxm_snapshot":1,'):
        # Snapshot format 1 carries only the leadership totals; format 2
        # carries every leadership sum, and this becomes exact.
        if recorder.report(groups=GROUPS, input=result) != \
                one.report(groups=GROUPS, input=one_result):
            pytest.xfail("snapshot format 1 drops the leadership sums")
    assert_same((recorder, result), (one, one_result))


def test_rejections_keep_their_file_and_line(client, sample_lines, tmp_path):
    paths = shard(sample_lines, tmp_path, 3, leadership=False)
    _, result = cxm.dask.import_jsonl(paths, client=client, max_errors=5)
    _, one_result = one_process(paths)
    assert result.rejected == 12
    assert result.errors == one_result.errors[:5]
    assert [e.source for e in result.errors] == [paths[0]] * 4 + [paths[1]]


def test_a_file_a_worker_cannot_read_names_it_and_the_worker(client, tmp_path):
    missing = str(tmp_path / "missing.jsonl")
    with pytest.raises(cxm.FileError, match=f"^{missing}: .* \\(on worker tcp://"):
        cxm.dask.import_jsonl([missing], client=client)
    with pytest.raises(cxm.FileError, match="no file matches"):
        cxm.dask.import_jsonl(str(tmp_path / "none-*.jsonl"), client=client)


def test_strict_raises_the_first_bad_record_in_file_order(client, sample_lines, tmp_path):
    paths = shard(sample_lines, tmp_path, 3, leadership=False)
    with pytest.raises(cxm.RecordError) as one:
        one_process(paths, strict=True)
    with pytest.raises(cxm.RecordError) as got:
        cxm.dask.import_jsonl(paths, client=client, strict=True)
    assert type(got.value) is type(one.value)
    assert (got.value.message, got.value.key, got.value.line) == \
        (one.value.message, one.value.key, one.value.line)


def test_a_bag_of_lines(client, sample_lines, tmp_path):
    paths = shard(sample_lines, tmp_path, 4, leadership=False)
    # Read by the workers, a partition a file; the sample's bad UTF-8 line
    # reaches cxm as its bytes.
    bag = dask.bag.read_text(paths, errors="surrogateescape")
    recorder, result = cxm.dask.import_jsonl(bag, client=client)
    one, one_result = one_process(paths)
    assert recorder.to_snapshot() == one.to_snapshot()
    assert result.rejected == one_result.rejected
    assert [(e.line, e.message) for e in result.errors] == \
        [(e.line, e.message) for e in one_result.errors]
    assert {e.source for e in result.errors} <= {f"partition {i}" for i in range(4)}


def test_a_policy_object_goes_to_the_workers(client, sample_lines, tmp_path, policy_path):
    policy = cxm.Policy.from_file(policy_path)
    paths = shard(sample_lines, tmp_path, 2, leadership=False)
    # A client of the scheduler's address, as of a cluster elsewhere.
    with Client(client.scheduler.address) as other:
        recorder, result = cxm.dask.import_jsonl(paths, client=other, policy=policy)
    assert recorder.policy.fingerprint == policy.fingerprint
    assert_same((recorder, result), one_process(paths, policy))


def test_an_org_goes_to_the_workers_and_comes_back(client, sample_lines, tmp_path):
    lines = [line for line in sample_lines if b'"kind":"leadership"' not in line]
    employees = sorted({json.loads(line)["employee"] for line in lines
                        if line.startswith(b'{"id"') and b'"employee"' in line})
    # Every other employee in a team of the org: records without a team
    # take it, so the import itself depends on the org.
    people = [{"id": "boss", "level": "senior_leader"}] + [
        {"id": e, "level": "frontline", "manager": "boss", "team": f"org-{i % 3}"}
        for i, e in enumerate(employees[::2])]
    org = cxm.Org.from_dict({"people": people})
    stripped = [line.replace(b'"team":', b'"x_team":') for line in lines]
    paths = shard(stripped, tmp_path, 3)
    recorder, result = cxm.dask.import_jsonl(paths, client=client, org=org)
    one, one_result = cxm.Recorder(org=org), cxm.ImportResult()
    for path in paths:
        one.import_jsonl(path, result=one_result)
    assert "org-1" in one.keys("teams")
    assert recorder.report(groups=GROUPS + ("scopes",), input=result) == \
        one.report(groups=GROUPS + ("scopes",), input=one_result)


def _die_once(path, marker):
    """The lines of ``path``; the first call kills its worker process."""
    if not os.path.exists(marker):
        with open(marker, "w"):
            pass
        os._exit(1)  # as a crash would: no cleanup, no answer
    with open(path, "rb") as file:
        return file.readlines()


def test_a_worker_killed_mid_import_counts_nothing_twice(sample_lines, tmp_path):
    paths = shard(sample_lines, tmp_path, 6, leadership=False)
    marker = str(tmp_path / "died")
    with cluster() as local, Client(local) as client:
        before = set(client.scheduler_info()["workers"])
        # Partition 3 dies the first time, after the worker holds others' results.
        parts = [dask.delayed(_die_once if i == 3 else _read)(p, marker)
                 for i, p in enumerate(paths)]
        recorder, result = cxm.dask.import_jsonl(dask.bag.from_delayed(parts),
                                                 client=client, fan_in=2)
        assert before - set(client.scheduler_info()["workers"])  # one died
    assert os.path.exists(marker)
    one, one_result = one_process(paths)
    assert (result.records, result.rejected) == (one_result.records, one_result.rejected)
    assert recorder.n == one.n
    assert recorder.to_snapshot() == one.to_snapshot()


def _read(path, marker):
    with open(path, "rb") as file:
        return file.readlines()


def test_a_policy_mismatch_between_shards_is_an_error(sample_lines, tmp_path, policy_path):
    # Two workers whose homes hold different policy files.
    homes = [tmp_path / "a", tmp_path / "b"]
    for home, target in zip(homes, (4, 5)):
        home.mkdir()
        (home / "policy.json").write_text(f'{{"name": "p{target}", '
                                          f'"csat_positive_min": {target}}}')
    paths = shard(sample_lines, tmp_path, 4, leadership=False)
    workers = {
        name: {"cls": Nanny, "options": {"nthreads": 1,
                                         "env": dict(WORKER_ENV, HOME=str(home))}}
        for name, home in zip("ab", homes)}
    scheduler = {"cls": Scheduler, "options": {"dashboard_address": None}}
    with SpecCluster(workers=workers, scheduler=scheduler, silence_logs=40) as spec, \
            Client(spec) as client:
        client.wait_for_workers(2)
        with pytest.raises(cxm.PolicyMismatchError, match="different policies"):
            cxm.dask.import_jsonl(paths, client=client, policy="~/policy.json")


def test_workers_without_libcxm_are_named():
    env = dict(WORKER_ENV, CXM_LIBRARY="/nonexistent/libcxm.so.0")
    with cluster(n_workers=1, env=env) as local, Client(local) as client:
        address = next(iter(client.scheduler_info()["workers"]))
        with pytest.raises(cxm.LibraryError) as raised:
            cxm.dask.import_jsonl(["/nonexistent.jsonl"], client=client)
    assert f"worker {address}: LibraryError: cannot load libcxm" in str(raised.value)
    assert "apt install libcxm0 python3-cxm" in str(raised.value)
