# SPDX-License-Identifier: MIT
"""One Recorder shared by Python threads (ctypes releases the GIL in C)."""

import json
import os
import threading

import pytest

import cxm

GROUPS = ("teams", "employees", "channels", "periods:day", "hotspots")


@pytest.fixture(scope="module")
def sample_lines():
    from conftest import TOP_SRCDIR
    with open(os.path.join(TOP_SRCDIR, "examples", "data", "interactions.jsonl"),
              "rb") as file:
        return file.readlines()


def run_threads(*targets):
    """Run each target in its own thread, started together; re-raise."""
    barrier = threading.Barrier(len(targets))
    failures = []

    def run(target):
        try:
            barrier.wait()
            target()
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def record_all(recorder, lines, rejected):
    def target():
        for text in lines:
            try:
                recorder.record_json(text)
            except cxm.RecordError:
                rejected.append(text)
    return target


def test_four_threads_record_as_one_thread_does(sample_lines):
    lines = (sample_lines * 20)[:80000]
    chunks = [lines[i::4] for i in range(4)]  # 20,000 each, interleaved
    assert [len(chunk) for chunk in chunks] == [20000] * 4

    single, single_rejected = cxm.Recorder(), []
    record_all(single, lines, single_rejected)()

    shared, rejected = cxm.Recorder(), []
    done = threading.Event()
    reports = []

    def read_while_recording():
        while not done.is_set():
            report = shared.report(groups=("channels",))
            # A report sees one instant: its parts add up.
            n = report["totals"]["n"]
            assert n == sum(level["n"] for level in report["levels"].values())
            assert n == sum(channel["n"] for channel in report["channels"].values())
            reports.append(n)

    def writers_then_done():
        try:
            run_threads(*(record_all(shared, chunk, rejected) for chunk in chunks))
        finally:
            done.set()

    run_threads(writers_then_done, read_while_recording)
    assert reports == sorted(reports)  # never went back
    assert len(rejected) == len(single_rejected) > 0
    assert (shared.n, shared.leadership_count()) == (single.n, single.leadership_count())
    assert shared.report(groups=GROUPS) == single.report(groups=GROUPS)
    assert shared.to_snapshot() == single.to_snapshot()
    imported = cxm.Recorder()
    imported.import_jsonl(b"".join(lines))
    assert shared.to_snapshot() == imported.to_snapshot()


def test_threads_mixing_every_way_of_recording(sample_lines):
    lines = sample_lines * 2
    chunks = [lines[i::4] for i in range(4)]
    shared = cxm.Recorder()

    def by_record_json():
        for text in chunks[0]:
            try:
                shared.record_json(text)
            except cxm.RecordError:
                pass

    def by_record():
        for text in chunks[1]:
            try:
                shared.record(text)  # interactions; leadership lines are refused
            except cxm.InvalidArgumentError:
                shared.record_json(text)
            except cxm.RecordError:
                pass

    def by_import():
        for start in range(0, len(chunks[2]), 100):
            shared.import_jsonl(b"".join(chunks[2][start:start + 100]))

    def by_merge():
        for start in range(0, len(chunks[3]), 500):
            part = cxm.Recorder()
            part.import_jsonl(b"".join(chunks[3][start:start + 500]))
            shared.merge(cxm.Recorder.from_snapshot(part.to_snapshot()))
            part.close()

    run_threads(by_record_json, by_record, by_import, by_merge)
    whole = cxm.Recorder()
    whole.import_jsonl(b"".join(lines))
    assert shared.report(groups=GROUPS) == whole.report(groups=GROUPS)


def test_threads_share_a_journal(tmp_path):
    path = tmp_path / "j.jsonl"

    def records(thread):
        return [json.dumps({"id": f"{thread}-{i}", "ts": 1772442900 + 60 * i,
                            "channel": "chat", "team": f"t-{i % 7}",
                            "csat": 1 + (i + thread) % 5}) for i in range(2000)]

    with cxm.Recorder() as shared:
        shared.open_journal(path, unique_ids=True, sync="batch", batch_records=500)
        # Each id twice, from two threads: exactly one of each pair gets in.
        run_threads(*(record_all(shared, records(t % 2), []) for t in range(4)))
        assert (shared.n, shared.duplicates) == (4000, 4000)
        before = shared.report(groups=GROUPS)
    with open(path, "rb") as file:
        lines = file.read().splitlines()
    assert len(lines) == 4000 and len({json.loads(text)["id"] for text in lines}) == 4000
    with cxm.Recorder() as again:
        replay = again.open_journal(path)
        assert (replay.accepted, replay.rejected) == (4000, 0)
        assert again.report(groups=GROUPS) == before
