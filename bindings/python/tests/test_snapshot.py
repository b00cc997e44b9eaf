"""Snapshots: Recorder.to_snapshot and Recorder.from_snapshot."""

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


def test_a_snapshot_is_a_json_document(snapshot):
    document = json.loads(snapshot)
    assert document["cxm_snapshot"] == 1
    assert document["policy"]["name"] == "default"
    assert document["fingerprint"] == cxm.Policy().fingerprint
    assert set(document) >= {"leadership", "days", "employees"}


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


def _tampered(snapshot, change):
    document = json.loads(snapshot)
    change(document)
    return json.dumps(document)


def _set(path, value):
    """Set the member at ``path``, where "*" is an object's first member."""
    def change(document):
        *parents, last = path
        node = document
        for key in parents:
            node = node[key] if key != "*" else next(iter(node.values()))
        node[last] = value
    return change


@pytest.mark.parametrize("make, message", [
    (lambda s: b"", "not valid JSON"),
    (lambda s: b"snapshot", "not valid JSON"),
    (lambda s: s[:-1], "not valid JSON"),
    (lambda s: s + b"x", "not valid JSON"),
    (lambda s: s + s, "not valid JSON"),
    (lambda s: b"\xff" + s, "invalid UTF-8 (byte 1)"),
    (lambda s: b"[]", 'not a cxm snapshot (no "cxm_snapshot" member)'),
    (lambda s: b'{"cxm_report": 1}', 'not a cxm snapshot'),
    (lambda s: _tampered(s, _set(["cxm_snapshot"], 2)),
     "version 2 is not supported (this library reads version 1)"),
    (lambda s: _tampered(s, _set(["cxm_snapshot"], "1")), "version \"1\" is not supported"),
    (lambda s: _tampered(s, _set(["fingerprint"], "0000000000000000")),
     "fingerprint: \"0000000000000000\" does not match the policy's settings"),
    (lambda s: _tampered(s, _set(["policy", "csat_positive_min"], 5)),
     "does not match the policy's settings"),
    (lambda s: _tampered(s, _set(["policy", "colour"], 1)),
     'policy: unknown policy key "colour"'),
    (lambda s: _tampered(s, lambda d: d.pop("employees")), '"employees" is missing'),
    (lambda s: _tampered(s, _set(["days"], [])), '"days" has the wrong type'),
    (lambda s: _tampered(s, _set(["leadership", "gossip"], 1)), 'unknown type "gossip"'),
    (lambda s: _tampered(s, _set(["leadership", "coaching"], -1)), '"coaching" must be a count'),
    (lambda s: _tampered(s, _set(["days", "2026-02-30"], {})), '"2026-02-30" is not a day'),
    (lambda s: _tampered(s, _set(["days", "*", "levels", "frontline", "reason"],
                                 [0] * 11)),
     "reasons do not add up to the records"),
    (lambda s: _tampered(s, _set(["days", "*", "levels", "frontline", "class"],
                                 [1, 2])),
     '"class" must be an array of 3 counts'),
    (lambda s: _tampered(s, _set(["days", "*", "levels", "boss"], {})),
     "levels.boss: not a known name"),
    (lambda s: _tampered(s, _set(["days", "*", "channels"], {})),
     "the channels do not add up to the levels"),
    (lambda s: _tampered(s, _set(["days", "*", "teams", "*", "colour"], [])),
     'unknown member "colour"'),
])
def test_a_bad_snapshot_raises_with_a_clear_message(snapshot, make, message):
    data = make(snapshot)
    with pytest.raises(cxm.SnapshotError) as caught:
        cxm.Recorder.from_snapshot(data)
    assert caught.value.code == 19
    assert caught.value.message.startswith("invalid snapshot: ")
    assert message in caught.value.message


@pytest.mark.parametrize("before, after", [(b" \n", b""), (b"", b"\n"),
                                           (b"", b"\r\n"), (b"\t", b" ")])
def test_whitespace_around_a_snapshot_is_allowed(snapshot, before, after):
    """As in a file that ends with a line end."""
    again = cxm.Recorder.from_snapshot(before + snapshot + after)
    assert again.to_snapshot() == snapshot


def test_a_snapshot_is_bytes_or_str():
    with pytest.raises(TypeError, match="bytes or str"):
        cxm.Recorder.from_snapshot({"cxm_snapshot": 1})
    with pytest.raises(TypeError):
        cxm.Recorder.from_snapshot(None)


def test_a_closed_recorder_has_no_snapshot():
    recorder = cxm.Recorder()
    recorder.close()
    with pytest.raises(ValueError, match="closed"):
        recorder.to_snapshot()
