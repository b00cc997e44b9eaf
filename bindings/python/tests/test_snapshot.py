# SPDX-License-Identifier: MIT
"""Snapshots: Recorder.to_snapshot, save_snapshot, from_snapshot and
from_snapshot_file; format 2 (JSON Lines) and the legacy format 1."""

import json
import os

import pytest

import cxm

GROUPS = ("teams", "employees", "channels", "periods:day", "periods:week",
          "periods:month", "hotspots")


@pytest.fixture(scope="module")
def sample_lines():
    from conftest import TOP_SRCDIR
    with open(os.path.join(TOP_SRCDIR, "examples", "data", "interactions.jsonl"),
              "rb") as file:
        return file.readlines()


@pytest.fixture(scope="module")
def snapshot(sample_lines):
    recorder = cxm.Recorder()
    recorder.import_jsonl(b"".join(sample_lines))
    return recorder.to_snapshot()


def test_round_trip_reports_the_same(sample_lines, policy_path):
    policy = cxm.Policy.from_file(policy_path)
    recorder = cxm.Recorder(policy)
    recorder.import_jsonl(b"".join(sample_lines))
    data = recorder.to_snapshot()
    assert isinstance(data, bytes)
    again = cxm.Recorder.from_snapshot(data)
    assert again.report(groups=GROUPS) == recorder.report(groups=GROUPS)
    assert again.report(groups=("periods:week",), compare=("2026-W05", "2026-W06")) == \
        recorder.report(groups=("periods:week",), compare=("2026-W05", "2026-W06"))
    assert again.policy.name == policy.name
    assert again.policy.fingerprint == policy.fingerprint
    assert (again.n, again.leadership_count(), again.n_groups) == \
        (recorder.n, recorder.leadership_count(), recorder.n_groups)
    assert again.to_snapshot() == data  # equal recorders, equal bytes
    assert cxm.Recorder.from_snapshot(data.decode()).to_snapshot() == data  # str
    assert cxm.Recorder.from_snapshot(bytearray(data)).n == recorder.n


def test_a_snapshot_is_json_lines(snapshot):
    assert snapshot.endswith(b"\n")
    lines = [json.loads(line) for line in snapshot.splitlines()]
    header, groups, end = lines[0], lines[1:-1], lines[-1]
    assert header["cxm_snapshot"] == 2
    assert header["policy"]["name"] == "default"
    assert header["fingerprint"] == cxm.Policy().fingerprint
    assert set(header) == {"cxm_snapshot", "policy", "fingerprint"}
    kinds = {next(k for k in group if k not in ("day", "sums", "events"))
             for group in groups}
    assert kinds == {"level", "channel", "team", "employee", "lead_level",
                     "lead_team", "lead_actor", "lead_subject"}
    records = sum(sum(g["sums"]["class"]) for g in groups if "level" in g)
    events = sum(sum(g["events"].values()) for g in groups if "lead_level" in g)
    assert end == {"end": {"groups": len(groups), "records": records,
                           "events": events}}


def test_leadership_sums_round_trip():
    """Per day by level and team, all time by actor and subject: every
    leadership indicator reports the same."""
    records = [
        {"kind": "leadership", "id": "l1", "ts": "2026-03-02T08:00:00Z",
         "type": "purpose_huddle", "actor": "dev", "team": "south", "level": "manager"},
        {"id": "s1", "ts": "2026-03-02T09:15:00Z", "channel": "phone", "employee": "ana",
         "team": "north", "level": "frontline", "csat": 5},
        {"kind": "leadership", "id": "l2", "ts": "2026-03-03T17:00:00Z",
         "type": "coaching", "actor": "dev", "team": "north", "level": "manager",
         "subject": "ana"},
        {"kind": "leadership", "id": "l3", "ts": "2026-03-10T17:00:00Z",
         "type": "recognition", "actor": "eve", "subject": "ana"},
    ]
    recorder = cxm.Recorder()
    recorder.import_jsonl("".join(json.dumps(r) + "\n" for r in records).encode(),
                          strict=True)
    data = recorder.to_snapshot()
    assert b'{"lead_subject":"ana","events":{"recognition":1,"coaching":1}}\n' in data
    again = cxm.Recorder.from_snapshot(data)
    assert again.report(groups=GROUPS) == recorder.report(groups=GROUPS)
    for kind in cxm.LeadershipType:
        assert again.leadership_count(kind) == recorder.leadership_count(kind)
    assert again.to_snapshot() == data


def test_format_1_loads():
    """Its leadership totals are all-time events of the unassigned level."""
    from conftest import TOP_SRCDIR
    path = os.path.join(TOP_SRCDIR, "tests", "cases", "snapshot", "one-record", "input")
    with open(path, "rb") as file:
        legacy = file.read()
    assert legacy.startswith(b'{"cxm_snapshot":1,')
    recorder = cxm.Recorder.from_snapshot(legacy)
    assert recorder.n == 1
    assert cxm.Recorder.from_snapshot_file(path).to_snapshot() == recorder.to_snapshot()
    assert recorder.to_snapshot().startswith(b'{"cxm_snapshot":2,')


def test_files(tmp_path, snapshot):
    recorder = cxm.Recorder.from_snapshot(snapshot)
    path = tmp_path / "s.snap"
    path.write_bytes(b"old")
    recorder.save_snapshot(path)
    assert path.read_bytes() == snapshot
    assert os.listdir(tmp_path) == ["s.snap"]  # no temporary file left
    assert cxm.Recorder.from_snapshot_file(str(path)).to_snapshot() == snapshot
    with pytest.raises(cxm.FileError, match="cannot open"):
        cxm.Recorder.from_snapshot_file(tmp_path / "missing")
    with pytest.raises(cxm.FileError):
        recorder.save_snapshot(tmp_path / "missing" / "s.snap")
    with pytest.raises(ValueError, match="NUL"):
        recorder.save_snapshot(str(path) + "\0x")
    with pytest.raises(ValueError, match="NUL"):
        cxm.Recorder.from_snapshot_file(str(path) + "\0x")
    with pytest.raises(TypeError):
        cxm.Recorder.from_snapshot_file(None)
    assert os.listdir(tmp_path) == ["s.snap"]


def test_an_empty_recorder_round_trips():
    data = cxm.Recorder().to_snapshot()
    again = cxm.Recorder.from_snapshot(data)
    assert again.n == 0 and again.report() == cxm.Recorder().report()


def test_merged_snapshots_of_two_halves_equal_one_import(sample_lines):
    whole = cxm.Recorder()
    whole.import_jsonl(b"".join(sample_lines))
    halves = []
    for part in (sample_lines[:2006], sample_lines[2006:]):
        recorder = cxm.Recorder()
        recorder.import_jsonl(b"".join(part))
        halves.append(recorder.to_snapshot())
        recorder.close()
    merged = cxm.Recorder.from_snapshot(halves[0])
    merged.merge(cxm.Recorder.from_snapshot(halves[1]))
    assert merged.report(groups=GROUPS) == whole.report(groups=GROUPS)
    assert merged.to_snapshot() == whole.to_snapshot()
    # Into a plain recorder too: merge(from_snapshot) is how sums are shipped.
    target = cxm.Recorder()
    for data in halves:
        target.merge(cxm.Recorder.from_snapshot(data))
    assert target.to_snapshot() == whole.to_snapshot()


def test_a_snapshot_under_another_policy_does_not_merge(snapshot):
    other = cxm.Recorder(cxm.Policy.from_dict({"nps_positive_min": 10}))
    with pytest.raises(cxm.PolicyMismatchError):
        other.merge(cxm.Recorder.from_snapshot(snapshot))
    assert other.n == 0


def test_an_org_given_to_from_snapshot_gives_scopes():
    from conftest import TOP_SRCDIR
    org = cxm.Org.from_file(os.path.join(TOP_SRCDIR, "tests", "data", "org-example.json"))
    policy = cxm.Policy.from_dict({"name": "mine", "min_group": 1})
    recorder = cxm.Recorder(policy, org=org)
    recorder.import_jsonl(os.path.join(TOP_SRCDIR, "tests", "data", "scopes.jsonl"),
                          strict=True)
    data = recorder.to_snapshot()
    with pytest.raises(cxm.InvalidArgumentError, match="need an org"):
        cxm.Recorder.from_snapshot(data).report(groups=("scopes",))
    again = cxm.Recorder.from_snapshot(data, org=org)
    groups = ("teams", "scopes", "periods:week")
    assert again.report(groups=groups) == recorder.report(groups=groups)
    assert again.policy.name == "mine"
    assert again.scopes() == recorder.scopes()


def _lines(snapshot):
    return [json.loads(line) for line in snapshot.splitlines()]


def _joined(lines):
    return "".join(json.dumps(line, separators=(",", ":")) + "\n"
                   for line in lines).encode()


def _change(kind, change):
    """The snapshot with ``change`` made to its first line of ``kind``
    ("header", "end" or a group's kind)."""
    def make(snapshot):
        lines = _lines(snapshot)
        for line in lines:
            if (kind == "header" and "cxm_snapshot" in line) or kind in line:
                change(line)
                break
        return _joined(lines)
    return make


def _set(*path_and_value):
    *path, last, value = path_and_value

    def change(node):
        for key in path:
            node = node[key]
        node[last] = value
    return change


def _drop(kind):
    """The snapshot without its lines of ``kind``, the last line counting
    the rest."""
    def make(snapshot):
        lines = [line for line in _lines(snapshot) if kind not in line]
        if "end" in lines[-1]:
            lines[-1]["end"]["groups"] = len(lines) - 2
        return _joined(lines)
    return make


@pytest.mark.parametrize("make, message", [
    (lambda s: b"", "it is empty (0 bytes)"),
    (lambda s: b"snapshot", "line 1: not valid JSON"),
    (lambda s: s[:-2], "line %(last)d: not valid JSON: it ends too early"),
    (lambda s: s + b"x", "line %(after)d: text after the last line"),
    (lambda s: s + s, "line %(after)d: text after the last line"),
    (lambda s: b"\xff" + s, "line 1: invalid UTF-8 (byte 1 of the line)"),
    (lambda s: b"[]", 'not a cxm snapshot (no "cxm_snapshot" member)'),
    (lambda s: b'{"cxm_report": 1}', 'not a cxm snapshot'),
    (lambda s: b"[" + b"0," * 600000 + b"0]", "line 1 is longer than 1048576 bytes"),
    (_change("header", _set("cxm_snapshot", 3)),
     "version 3 is not supported (this library reads versions 1 and 2)"),
    (_change("header", _set("cxm_snapshot", "2")), "version \"2\" is not supported"),
    (_change("header", _set("fingerprint", "0000000000000000")),
     "fingerprint: \"0000000000000000\" does not match the policy's settings"),
    (_change("header", _set("policy", "csat_positive_min", 5)),
     "does not match the policy's settings"),
    (_change("header", _set("policy", "colour", 1)),
     'policy: unknown policy key "colour"'),
    (lambda s: s[:s.rindex(b'{"end"')], "it ends at line %(before)d without its last line"),
    (_change("end", _set("end", "records", 1)), "it counts 1 records"),
    (_change("team", _set("day", "2026-02-30")), '"2026-02-30" is not a day'),
    (_change("team", lambda line: line.pop("day")), '"day" is missing'),
    (_change("employee", _set("day", "2026-03-02")), 'an all-time group has no "day"'),
    (_change("lead_level", _set("events", "gossip", 1)), 'unknown type "gossip"'),
    (_change("lead_level", _set("events", "coaching", -1)), '"coaching" must be a count'),
    (_change("lead_actor", _set("events", "coaching", 2 ** 53 + 1)),
     '"coaching" holds 9007199254740993, more than 2^53'),
    (_change("level", _set("sums", "reason", [0] * 11)),
     "reasons do not add up to the records"),
    (_change("level", _set("sums", "class", [1, 2])), '"class" must be an array of 3 counts'),
    (_change("level", _set("level", "boss")), "not a known level"),
    (_drop("channel"), "the channels do not add up to the levels"),
    (_change("team", _set("sums", "colour", [])), 'unknown member "colour"'),
    (_change("team", _set("colour", 1)), 'unknown member "colour"'),
])
def test_a_bad_snapshot_raises_with_a_clear_message(snapshot, make, message):
    data = make(snapshot)
    with pytest.raises(cxm.SnapshotError) as caught:
        cxm.Recorder.from_snapshot(data)
    assert caught.value.code == 19
    assert caught.value.message.startswith("invalid snapshot: ")
    n = snapshot.count(b"\n")
    assert message % {"last": n, "after": n + 1, "before": n - 1} in caught.value.message


def test_a_group_twice_is_refused(snapshot):
    lines = snapshot.splitlines(keepends=True)
    with pytest.raises(cxm.SnapshotError, match="the group is already in the snapshot"):
        cxm.Recorder.from_snapshot(b"".join(lines[:2] + lines[1:]))


@pytest.mark.parametrize("change", [lambda s: s.replace(b"\n", b"\r\n"),
                                    lambda s: s[:-1],
                                    lambda s: b" " + s.replace(b"\n", b" \n")])
def test_spaces_within_lines_are_allowed(snapshot, change):
    """As in a file edited on another system; but no blank line."""
    again = cxm.Recorder.from_snapshot(change(snapshot))
    assert again.to_snapshot() == snapshot
    with pytest.raises(cxm.SnapshotError, match="line 2: an empty line"):
        cxm.Recorder.from_snapshot(snapshot.replace(b"\n", b"\n\n", 1))


def test_a_snapshot_is_bytes_or_str():
    with pytest.raises(TypeError, match="bytes or str"):
        cxm.Recorder.from_snapshot({"cxm_snapshot": 2})
    with pytest.raises(TypeError):
        cxm.Recorder.from_snapshot(None)


def test_a_closed_recorder_has_no_snapshot():
    recorder = cxm.Recorder()
    recorder.close()
    with pytest.raises(ValueError, match="closed"):
        recorder.to_snapshot()
