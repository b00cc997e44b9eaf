# SPDX-License-Identifier: MIT
"""The journal: Recorder.open_journal, sync, torn tails, locks, unique ids."""

import json
import os
import subprocess
import sys

import pytest

import cxm

GROUPS = ("teams", "employees", "channels", "periods:day", "hotspots")


def record(i, **fields):
    return {"id": f"r-{i}", "ts": 1772442900 + 3600 * i, "channel": "phone",
            "team": f"t-{i % 3}", "employee": f"e-{i % 5}", "csat": 1 + i % 5,
            **fields}


LEADERSHIP = {"kind": "leadership", "id": "l-1", "ts": 1772442900,
              "type": "coaching", "actor": "m-1"}


def journal_lines(path):
    with open(path, "rb") as file:
        data = file.read()
    assert data == b"" or data.endswith(b"\n")
    return [json.loads(text) for text in data.splitlines()]


def test_round_trip_through_every_way_of_recording(tmp_path, sample_path):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        # (sync="always" would sync 4,000 times in the import)
        replay = recorder.open_journal(path, sync="batch", batch_records=1000)
        assert (replay.records, replay.accepted, replay.rejected) == (0, 0, 0)
        assert recorder.journal_path == str(path)
        recorder.record(record(1))
        assert recorder.record_json(json.dumps(record(2))) == "r-2"
        recorder.record(LEADERSHIP)
        imported = recorder.import_jsonl(sample_path)
        assert imported.rejected == 12  # rejected lines are not journaled
        before = recorder.report(groups=GROUPS)
        n, leaders = recorder.n, recorder.leadership_count()
    assert len(journal_lines(path)) == n + leaders == 2 + 1 + 4000

    with cxm.Recorder() as again:
        replay = again.open_journal(path)
        assert (replay.records, replay.accepted, replay.rejected,
                replay.leadership) == (4003, 4003, 0, 254)
        assert again.report(groups=GROUPS) == before
        assert again.journal_torn == 0 and again.duplicates == 0


def test_the_replay_result_is_the_report_input(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_bytes(b"".join(json.dumps(record(i)).encode() + b"\n" for i in range(3))
                     + b'{"id": "bad"}\n')
    recorder = cxm.Recorder()
    result = cxm.ImportResult()
    assert recorder.open_journal(path, result=result) is result
    assert (result.records, result.accepted, result.rejected) == (4, 3, 1)
    (error,) = result.errors
    assert (error.source, error.line, error.key) == (str(path), 4, "ts")
    assert recorder.report(input=result)["input"]["rejected"] == 1
    # Bad lines stay in the file; new records go after them.
    recorder.record(record(9))
    recorder.close()
    assert [r.get("id") for r in journal_lines(path)] == ["r-0", "r-1", "r-2", "bad",
                                                          "r-9"]


def test_a_failed_record_is_not_journaled(tmp_path):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        recorder.record(record(1))
        with pytest.raises(cxm.RangeError):
            recorder.record(record(2, csat=9))
        with pytest.raises(cxm.InvalidJSONError):
            recorder.record_json('{"id": "x", ')
        recorder.max_groups = recorder.n_groups
        with pytest.raises(cxm.LimitError):
            recorder.record(record(1, id="new-team", team="elsewhere"))
    assert [r["id"] for r in journal_lines(path)] == ["r-1"]


def test_unique_ids_refuse_duplicates(tmp_path):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        recorder.open_journal(path, unique_ids=True)
        assert recorder.record_json(json.dumps(record(1))) == "r-1"
        before = recorder.report(groups=GROUPS)
        with pytest.raises(cxm.DuplicateIdError) as caught:
            recorder.record(record(1, csat=5))  # another record, the same id
        assert caught.value.key == "id"
        assert caught.value.message == 'id "r-1" is already in the journal'
        assert isinstance(caught.value, cxm.RecordError)
        with pytest.raises(cxm.DuplicateIdError):
            recorder.record_json(json.dumps(record(1)))
        recorder.record(LEADERSHIP)
        with pytest.raises(cxm.DuplicateIdError):
            recorder.record(LEADERSHIP)  # leadership events too
        result = recorder.import_jsonl(
            (json.dumps(record(1)) + "\n" + json.dumps(record(2)) + "\n").encode())
        assert (result.accepted, result.rejected) == (1, 1)
        assert result.errors[0].code == 21 and result.errors[0].key == "id"
        assert recorder.duplicates == 4
        assert (recorder.n, recorder.leadership_count()) == (2, 1)
        recorder.record(record(3))
        assert recorder.report(groups=GROUPS) != before
    assert [r["id"] for r in journal_lines(path)] == ["r-1", "l-1", "r-2", "r-3"]

    with cxm.Recorder() as again:  # ids are remembered across a reopen
        again.open_journal(path, unique_ids=True)
        assert again.duplicates == 0
        with pytest.raises(cxm.DuplicateIdError):
            again.record(record(2))
        assert again.duplicates == 1


def test_unique_ids_on_a_journal_written_without(tmp_path):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        for i in (1, 2, 1, 1):
            recorder.record(record(i))
    with cxm.Recorder() as unique:
        replay = unique.open_journal(path, unique_ids=True)
        assert (replay.accepted, replay.rejected, unique.duplicates) == (2, 2, 2)
        assert unique.n == 2
    with cxm.Recorder() as plain:
        plain.open_journal(path)
        assert plain.n == 4


def test_a_second_writer_is_busy(tmp_path):
    path = tmp_path / "j.jsonl"
    first = cxm.Recorder()
    first.open_journal(path)
    first.record(record(1))
    second = cxm.Recorder()
    with pytest.raises(cxm.BusyError, match="is locked by another writer") as caught:
        second.open_journal(path)
    assert caught.value.code == 20
    assert second.journal_path is None and second.n == 0  # unchanged
    reader = cxm.Recorder()  # a reader takes no lock
    reader.open_journal(path, read_only=True)
    assert reader.n == 1
    first.close()  # releases the lock
    second.open_journal(path)
    assert second.n == 1


def test_a_second_writer_in_another_process_is_busy(tmp_path):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        child = subprocess.run(
            [sys.executable, "-c",
             "import sys, cxm\n"
             "try:\n"
             "    cxm.Recorder().open_journal(sys.argv[1])\n"
             "except cxm.BusyError:\n"
             "    sys.exit(3)\n", str(path)],
            env=dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(cxm.__file__))),
            capture_output=True, text=True)
        assert child.returncode == 3, child.stderr


def test_a_torn_last_line_is_cut_off(tmp_path):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        for i in range(5):
            recorder.record(record(i))
        before = recorder.report(groups=GROUPS)
    clean_size = path.stat().st_size
    torn = b'{"id": "r-5", "ts": 1772460900, "chan'
    with open(path, "ab") as file:
        file.write(torn)

    # A reader skips the torn line and leaves the file alone.
    with cxm.Recorder() as reader:
        replay = reader.open_journal(path, read_only=True)
        assert (replay.records, replay.rejected, reader.journal_torn) == (5, 0, len(torn))
        reader.record(record(7))  # recorded, but not journaled
        assert reader.n == 6
    assert path.stat().st_size == clean_size + len(torn)

    with cxm.Recorder() as recorder:
        replay = recorder.open_journal(path)
        assert (replay.records, replay.accepted, replay.rejected) == (5, 5, 0)
        assert recorder.journal_torn == len(torn)
        assert path.stat().st_size == clean_size
        assert recorder.report(groups=GROUPS) == before
        recorder.record(record(6))
    assert [r["id"] for r in journal_lines(path)] == [f"r-{i}" for i in (0, 1, 2, 3, 4, 6)]
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        assert (recorder.n, recorder.journal_torn) == (6, 0)


def test_a_journal_that_is_only_a_torn_line(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"id": ')
    with cxm.Recorder() as recorder:
        replay = recorder.open_journal(path)
        assert (replay.records, recorder.journal_torn, recorder.n) == (0, 7, 0)
    assert path.stat().st_size == 0


def test_open_journal_needs_an_empty_recorder_without_one(tmp_path):
    used = cxm.Recorder()
    used.record(record(1))
    with pytest.raises(cxm.InvalidArgumentError, match="empty recorder"):
        used.open_journal(tmp_path / "a.jsonl")
    journaled = cxm.Recorder()
    journaled.open_journal(tmp_path / "b.jsonl")
    with pytest.raises(cxm.InvalidArgumentError, match="without one"):
        journaled.open_journal(tmp_path / "c.jsonl")
    assert journaled.journal_path == str(tmp_path / "b.jsonl")
    with pytest.raises(cxm.FileError, match="cannot open"):
        cxm.Recorder().open_journal(tmp_path / "no-such-dir" / "j.jsonl")


def test_replay_respects_policy_org_and_group_limit(tmp_path):
    path = tmp_path / "j.jsonl"
    org = cxm.Org.from_dict({"people": [
        {"id": "m-1", "level": "manager", "team": "north"},
        {"id": "e-1", "level": "frontline", "manager": "m-1", "team": "north"}]})
    policy = cxm.Policy.from_dict({"csat_positive_min": 5})
    with cxm.Recorder(policy, org=org) as recorder:
        recorder.open_journal(path)
        recorder.record({"id": "a", "ts": 1, "channel": "web", "employee": "e-1",
                         "csat": 4})
        before = recorder.report(groups=("teams", "scopes"))
    with cxm.Recorder(policy, org=org) as again:
        again.open_journal(path)
        assert again.report(groups=("teams", "scopes")) == before
        assert again.indicators("teams", "north")["n"] == 1
    with cxm.Recorder(policy) as limited:
        limited.max_groups = 1  # not even the day fits
        replay = limited.open_journal(path)
        assert (replay.accepted, replay.rejected) == (0, 1)
        assert replay.errors[0].code == 18


@pytest.mark.parametrize("sync, batch", [
    ("always", {}), ("os", {}), (cxm.Sync.BATCH, {"batch_records": 2}),
    ("batch", {"batch_ms": 50}), ("batch", {"batch_records": 10, "batch_ms": 1}),
])
def test_sync_modes(tmp_path, sync, batch):
    path = tmp_path / "j.jsonl"
    with cxm.Recorder() as recorder:
        recorder.open_journal(path, sync=sync, **batch)
        for i in range(5):
            recorder.record(record(i))
        recorder.sync()
        # Every mode writes each record before the call returns.
        assert len(journal_lines(path)) == 5
        recorder.set_sync("always")
        recorder.record(record(5))
    assert len(journal_lines(path)) == 6


def test_sync_settings_are_checked_before_anything_happens(tmp_path):
    recorder = cxm.Recorder()
    path = tmp_path / "j.jsonl"
    for kwargs, match in [
        ({"sync": "batch"}, "needs batch_records or batch_ms"),
        ({"sync": "batch", "batch_records": 0, "batch_ms": 0}, "needs batch_records"),
        ({"sync": "always", "batch_ms": 5}, "need sync='batch'"),
        ({"batch_records": 5}, "need sync='batch'"),
        ({"sync": "sometimes"}, "one of 'always', 'batch', 'os'"),
        ({"sync": "batch", "batch_records": -1}, "0..4294967295"),
        ({"sync": "batch", "batch_ms": 1 << 32}, "0..4294967295"),
    ]:
        with pytest.raises(ValueError, match=match):
            recorder.open_journal(path, **kwargs)
    with pytest.raises(TypeError):
        recorder.set_sync(1)
    with pytest.raises(TypeError):
        recorder.set_sync("batch", batch_ms=1.5)
    assert not path.exists() and recorder.journal_path is None
    recorder.set_sync("batch", batch_records=100)  # kept by open_journal
    recorder.open_journal(path)
    assert recorder._sync_mode is cxm.Sync.BATCH


def test_sync_without_a_journal_is_a_no_op():
    with cxm.Recorder() as recorder:
        recorder.sync()
        recorder.set_sync(cxm.Sync.OS)
        assert recorder.journal_path is None
        assert (recorder.journal_torn, recorder.duplicates) == (0, 0)


def test_the_journal_holds_the_records_as_json_lines(tmp_path):
    path = tmp_path / "j.jsonl"
    given = {"id": "a", "ts": "2026-03-02T09:15:00+01:00", "channel": "in_person",
             "team": "s\u00fcd", "difficulties": ["miscommunication", "customer_upset"],
             "resolution": "resolved", "csat": 5, "proactive": True}
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        recorder.record(given)
        recorder.record_json(json.dumps(dict(given, id="b")))
    first, second = journal_lines(path)
    # record() journals the interaction it read, record_json() the text given.
    assert first == dict(given, ts="2026-03-02T08:15:00Z")
    assert second == dict(given, id="b")


def test_closing_releases_the_journal_and_is_final(tmp_path):
    path = tmp_path / "j.jsonl"
    recorder = cxm.Recorder()
    recorder.open_journal(path, sync="os")
    recorder.record(record(1))
    recorder.close()
    recorder.close()
    with pytest.raises(ValueError, match="closed"):
        recorder.journal_path
    with pytest.raises(ValueError, match="closed"):
        recorder.sync()
    del recorder
    # A recorder dropped without close() releases its journal too.
    dropped = cxm.Recorder()
    dropped.open_journal(path)
    del dropped
    with cxm.Recorder() as recorder:
        recorder.open_journal(path)
        assert recorder.n == 1


FAILED_WRITE = r'''
import json, os, resource, signal, sys
import cxm

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit: EFBIG
path = sys.argv[1]
record = lambda i: {"id": f"r-{i}", "ts": 1772442900, "channel": "web",
                    "team": "t", "csat": 4}
recorder = cxm.Recorder()
recorder.open_journal(path, unique_ids=True)
for i in range(3):
    recorder.record(record(i))
size = os.path.getsize(path)
before = recorder.report(groups=("teams",))
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 30, resource.RLIM_INFINITY))
try:
    recorder.record_json(record(3))  # a part of the line gets written
    sys.exit("no error")
except cxm.FileError as error:
    print(error)
assert os.path.getsize(path) == size, "the part written was not taken back"
assert recorder.report(groups=("teams",)) == before and recorder.duplicates == 0
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
recorder.record(record(3))  # the retry is no duplicate
recorder.close()
'''


def test_a_failed_write_is_taken_back_and_changes_nothing(tmp_path):
    path = tmp_path / "j.jsonl"
    child = subprocess.run(
        [sys.executable, "-c", FAILED_WRITE, str(path)],
        env=dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(cxm.__file__))),
        capture_output=True, text=True)
    assert child.returncode == 0, child.stderr
    assert child.stdout == f"journal {path}: write failed: File too large\n"
    assert [r["id"] for r in journal_lines(path)] == ["r-0", "r-1", "r-2", "r-3"]
