# SPDX-License-Identifier: MIT
"""Tests of the Python bindings (run by `make check` through run-pytest.py)."""

import io
import json
import os
import subprocess
import sys

import pytest

import cxm
from cxm import _native

GOOD = {"id": "a", "ts": "2026-03-02T09:15:00Z", "channel": "phone",
        "level": "frontline", "team": "north", "employee": "e-1", "csat": 5,
        "difficulties": ["customer_upset"], "resolution": "resolved"}


def line(record):
    return (json.dumps(record) + "\n").encode()


# ---- loading -------------------------------------------------------------

def test_library_version_is_the_package_version():
    assert cxm.library_version() == cxm.__version__


@pytest.mark.parametrize("version", [0x000100, 0x000105, 0x000200])
def test_check_version_accepts_same_major_and_later_minor(version):
    _native.check_version(version, required=(0, 1))


@pytest.mark.parametrize("version", [0x000000, 0x010100])
def test_check_version_refuses_older_minor_or_other_major(version):
    with pytest.raises(cxm.VersionError, match="needs 0.1"):
        _native.check_version(version, required=(0, 1))


def _import_in_child(library):
    env = dict(os.environ, CXM_LIBRARY=library)
    return subprocess.run([sys.executable, "-c", "import cxm"], env=env,
                          capture_output=True, text=True,
                          cwd=os.path.dirname(os.path.dirname(cxm.__file__)))


def test_missing_library_is_an_import_error_listing_what_was_tried():
    child = _import_in_child("/nonexistent/libcxm.so.0")
    assert child.returncode != 0
    assert "LibraryError" in child.stderr
    assert "tried: /nonexistent/libcxm.so.0" in child.stderr
    assert "CXM_LIBRARY" in child.stderr


def test_a_library_that_is_not_libcxm_is_refused():
    child = _import_in_child("libglib-2.0.so.0")
    assert child.returncode != 0
    assert "not libcxm: no cxm_version" in child.stderr


def test_library_error_is_an_import_error():
    assert issubclass(cxm.LibraryError, ImportError)
    assert issubclass(cxm.VersionError, cxm.LibraryError)


# ---- enums ---------------------------------------------------------------

@pytest.mark.parametrize("enum_class, c_name", [
    (cxm.Channel, "cxm_channel_name"), (cxm.Level, "cxm_level_name"),
    (cxm.Difficulty, "cxm_difficulty_name"), (cxm.Emotion, "cxm_emotion_name"),
    (cxm.Resolution, "cxm_resolution_name"), (cxm.Class, "cxm_class_name"),
    (cxm.Reason, "cxm_reason_name"),
    (cxm.LeadershipType, "cxm_leadership_type_name"),
])
def test_enums_match_the_library(enum_class, c_name):
    names = getattr(_native.lib, c_name)
    assert [m.json_name for m in enum_class] == \
        [names(i).decode() for i in range(len(enum_class))]
    assert names(len(enum_class)) is None
    for member in enum_class:
        assert enum_class.from_name(member.json_name) is member


@pytest.mark.parametrize("name", ["fax", "WEB", "", "web "])
def test_unknown_enum_names_are_value_errors(name):
    with pytest.raises(ValueError):
        cxm.Channel.from_name(name)


# ---- policy --------------------------------------------------------------

def test_policy_defaults():
    policy = cxm.Policy()
    assert policy.name == "default"
    assert policy["csat_positive_min"] == 4
    assert policy["nps_negative_max"] == 6
    assert policy["z"] == pytest.approx(1.959964)
    assert policy["min_sample"] == 30
    assert len(policy.fingerprint) == 16
    assert policy.to_dict()["effort_positive_min"] == 5


def test_policy_set_changes_fingerprint_not_name():
    policy = cxm.Policy()
    before = policy.fingerprint
    policy.name = "renamed"
    assert policy.fingerprint == before
    policy["csat_positive_min"] = 5
    assert policy["csat_positive_min"] == 5
    assert policy.fingerprint != before


def test_policy_errors():
    policy = cxm.Policy()
    with pytest.raises(cxm.PolicyError, match='unknown policy key "colour"'):
        policy["colour"] = 1
    with pytest.raises(cxm.PolicyError, match="csat_positive_min must be an integer 1..5"):
        policy["csat_positive_min"] = 9
    with pytest.raises(cxm.PolicyError, match="must be below"):
        policy["csat_negative_max"] = 4
    with pytest.raises(cxm.PolicyError, match='unknown policy key "colour"'):
        policy["colour"]
    assert policy["csat_negative_max"] == 2


def test_policy_from_dict_and_file(policy_path, tmp_path):
    policy = cxm.Policy.from_dict({"name": "strict", "csat_positive_min": 5})
    assert (policy.name, policy["csat_positive_min"]) == ("strict", 5)
    same = cxm.Policy.from_file(policy_path)
    assert same.name == json.load(open(policy_path))["name"]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(policy.to_dict()))
    assert cxm.Policy.from_file(path).fingerprint == policy.fingerprint
    with pytest.raises(cxm.PolicyError, match='unknown policy key "bogus"'):
        cxm.Policy.from_dict({"bogus": 1})
    with pytest.raises(cxm.FileError):
        cxm.Policy.from_file(tmp_path / "missing.json")


def test_policy_copy_is_independent_and_close_is_final():
    policy = cxm.Policy()
    copy = policy.copy()
    copy["nps_positive_min"] = 10
    assert policy["nps_positive_min"] == 9
    with cxm.Policy() as scoped:
        assert scoped.name == "default"
    with pytest.raises(ValueError, match="closed"):
        scoped.name
    policy.close()
    policy.close()  # idempotent


# ---- classify ------------------------------------------------------------

@pytest.mark.parametrize("fields, expected", [
    ({"csat": 2}, (cxm.Class.DISAPPOINTMENT, cxm.Reason.CUSTOMER_NEGATIVE)),
    ({"difficulties": ["miscommunication"], "resolution": "unresolved", "csat": 3},
     (cxm.Class.DISAPPOINTMENT, cxm.Reason.DIFFICULTY_UNRESOLVED)),
    ({"difficulties": ["customer_upset"], "employee_satisfaction": 1},
     (cxm.Class.DISAPPOINTMENT, cxm.Reason.BOTH_HURT)),
    ({"nps": 8}, (cxm.Class.NEUTRAL, cxm.Reason.NO_POSITIVE_SIGNAL)),
    ({"csat": 5, "employee_satisfaction": 3}, (cxm.Class.NEUTRAL, cxm.Reason.ONE_SIDED)),
    ({"csat": 4, "difficulties": ["exceeds_offering"]},
     (cxm.Class.MOMENTUM, cxm.Reason.DIFFICULTY_OVERCOME)),
    ({"csat": 4, "proactive": True, "empowered": True},
     (cxm.Class.MOMENTUM, cxm.Reason.PROACTIVE)),
    ({"nps": 9}, (cxm.Class.MOMENTUM, cxm.Reason.DELIGHTED)),
    ({"csat": 4}, (cxm.Class.NEUTRAL, cxm.Reason.ROUTINE)),
])
def test_classify(fields, expected):
    record = {"id": "x", "ts": 1772442900, "channel": "web", **fields}
    assert cxm.classify(record) == expected
    assert cxm.classify(json.dumps(record)) == expected


def test_classify_under_a_policy():
    record = {"id": "x", "ts": 1, "channel": "web", "csat": 4}
    fans_only = cxm.Policy.from_dict({"csat_positive_min": 5, "csat_negative_max": 3})
    assert cxm.classify(record, fans_only).cls is cxm.Class.NEUTRAL
    assert cxm.classify(record, fans_only).reason is cxm.Reason.NO_POSITIVE_SIGNAL


def test_classify_bad_records_raise_with_key():
    with pytest.raises(cxm.RangeError) as caught:
        cxm.classify({"id": "x", "ts": 1, "channel": "web", "csat": 7})
    assert caught.value.key == "csat"
    assert caught.value.message == "csat must be an integer 1..5, got 7"
    assert caught.value.line is None
    assert isinstance(caught.value, cxm.RecordError)
    with pytest.raises(cxm.MissingKeyError) as caught:
        cxm.classify({"ts": 1, "channel": "web"})
    assert (caught.value.key, str(caught.value)) == ("id", "id is required")
    with pytest.raises(cxm.EnumError, match='got "fax"'):
        cxm.classify({"id": "x", "ts": 1, "channel": "fax"})
    with pytest.raises(cxm.InvalidJSONError):
        cxm.classify('{"id": ')
    with pytest.raises(cxm.InvalidArgumentError) as caught:
        cxm.classify({"kind": "leadership", "id": "l", "ts": 1, "type": "coaching",
                      "actor": "m"})
    assert caught.value.key == "kind"


# ---- recorder ------------------------------------------------------------

def test_record_returns_the_classification_and_counts():
    with cxm.Recorder() as recorder:
        assert recorder.record(GOOD) == (cxm.Class.MOMENTUM,
                                         cxm.Reason.DIFFICULTY_OVERCOME)
        assert recorder.record({"kind": "leadership", "id": "l1", "ts": 1,
                                "type": "recognition", "actor": "m-1"}) is None
        assert recorder.n == 1
        assert recorder.leadership_count() == 1
        assert recorder.leadership_count(cxm.LeadershipType.RECOGNITION) == 1
        assert recorder.leadership_count(cxm.LeadershipType.COACHING) == 0


def test_a_rejected_record_changes_nothing():
    recorder = cxm.Recorder()
    recorder.record(GOOD)
    before = recorder.report(groups=("teams", "employees", "channels"))
    for bad in [dict(GOOD, nps=11), dict(GOOD, difficulties=["fear"]),
                dict(GOOD, team=""), {"kind": "leadership", "id": "l", "ts": 1,
                                      "type": "gossip", "actor": "m"}]:
        with pytest.raises(cxm.RecordError):
            recorder.record(bad)
    assert recorder.report(groups=("teams", "employees", "channels")) == before


def test_import_from_path_bytes_and_files(sample_path, tmp_path):
    with open(sample_path, "rb") as f:
        data = f.read()
    results = []
    for source in [sample_path, data, io.BytesIO(data)]:
        recorder = cxm.Recorder()
        results.append((recorder.import_jsonl(source), recorder.report()))
    with open(sample_path, "rb") as file:
        recorder = cxm.Recorder()
        results.append((recorder.import_jsonl(file), recorder.report()))
        assert file.read() == b""  # the file was read to its end
    counts = {(r.records, r.accepted, r.rejected, r.leadership) for r, _ in results}
    assert counts == {(4012, 4000, 12, 253)}
    totals = {json.dumps(report["totals"]) for _, report in results}
    assert len(totals) == 1


def test_import_a_text_stream():
    text = (line(GOOD) + line(dict(GOOD, id="b", team="s\u00fcd"))).decode()
    recorder = cxm.Recorder()
    result = recorder.import_jsonl(io.StringIO(text))
    assert (result.records, result.accepted) == (2, 2)
    assert recorder.keys("teams") == ["north", "s\u00fcd"]


def test_import_a_file_from_its_current_position(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_bytes(line(GOOD) + line(dict(GOOD, id="b")))
    with open(path, "rb") as file:
        file.readline()
        result = cxm.Recorder().import_jsonl(file)
    assert result.records == 1


def test_import_rejections_carry_source_line_key():
    data = line(GOOD) + b"\n" + line(dict(GOOD, csat=7)) + b"[1]\n"
    result = cxm.Recorder().import_jsonl(data, name="mem")
    assert (result.records, result.accepted, result.rejected) == (3, 1, 2)
    first, second = result.errors
    assert (first.source, first.line, first.key, first.code) == ("mem", 3, "csat", 10)
    assert str(first) == "mem: line 3: csat must be an integer 1..5, got 7"
    assert (second.line, second.key) == (4, None)
    assert second.message == "record must be a JSON object, got [1]"


def test_strict_import_raises_with_line_and_key():
    data = line(GOOD) + line(dict(GOOD, channel="fax")) + line(GOOD)
    recorder = cxm.Recorder()
    with pytest.raises(cxm.EnumError) as caught:
        recorder.import_jsonl(data, strict=True)
    assert (caught.value.line, caught.value.key) == (2, "channel")
    assert str(caught.value).startswith("line 2: channel must be one of web,")
    assert recorder.n == 0  # a strict import that fails changes nothing


def test_import_result_accumulates_and_bounds_errors():
    result = cxm.ImportResult(max_errors=1)
    recorder = cxm.Recorder()
    recorder.import_jsonl(line(dict(GOOD, nps=-1)), result=result)
    recorder.import_jsonl(line(dict(GOOD, nps=99)) + line(GOOD), result=result)
    assert (result.records, result.accepted, result.rejected) == (3, 1, 2)
    assert [e.message for e in result.errors] == ["nps must be an integer 0..10, got -1"]


def test_import_missing_file_is_a_file_error(tmp_path):
    with pytest.raises(cxm.FileError, match="No such file"):
        cxm.Recorder().import_jsonl(tmp_path / "missing.jsonl")


def test_merge_of_halves_equals_the_whole(sample_path):
    with open(sample_path, "rb") as f:
        lines = f.readlines()
    whole, a, b = cxm.Recorder(), cxm.Recorder(), cxm.Recorder()
    whole.import_jsonl(b"".join(lines))
    a.import_jsonl(b"".join(lines[:1500]))
    b.import_jsonl(b"".join(lines[1500:]))
    a.merge(b)
    groups = ("teams", "employees", "channels")
    assert a.report(groups=groups) == whole.report(groups=groups)


def test_merge_refuses_different_policies():
    a = cxm.Recorder()
    b = cxm.Recorder(cxm.Policy.from_dict({"nps_positive_min": 10}))
    b.record(GOOD)
    with pytest.raises(cxm.PolicyMismatchError):
        a.merge(b)
    assert a.n == 0


def test_keys_and_indicators(sample_path):
    recorder = cxm.Recorder()
    recorder.import_jsonl(sample_path)
    report = recorder.report(groups=("teams", "channels"))
    assert recorder.keys("levels") == ["frontline", "manager", "senior_leader",
                                       "unassigned"]
    assert recorder.keys(cxm.Group.CHANNELS) == [c.json_name for c in cxm.Channel]
    assert recorder.keys("teams") == sorted(report["teams"])
    assert recorder.indicators() == report["totals"]
    assert recorder.indicators("levels", "manager") == report["levels"]["manager"]
    team = recorder.keys("teams")[0]
    assert recorder.indicators("teams", team) == report["teams"][team]
    with pytest.raises(cxm.NotFoundError, match='no team group "nobody"'):
        recorder.indicators("teams", "nobody")
    with pytest.raises(ValueError):
        recorder.indicators("planets", "mars")


def test_recorder_policy_is_a_copy():
    policy = cxm.Policy.from_dict({"name": "mine"})
    recorder = cxm.Recorder(policy)
    policy.close()
    assert recorder.policy.name == "mine"
    assert recorder.report()["policy"]["name"] == "mine"


def test_report_equals_the_c_tool(sample_path, policy_path):
    tool = os.environ.get("CXM_TOOL")
    if not tool or not os.path.exists(tool):
        pytest.skip("CXM_TOOL is not built")
    for extra, policy in [([], None), (["--policy", policy_path],
                                       cxm.Policy.from_file(policy_path))]:
        out = subprocess.run([tool, "report", "--group", "teams,employees,channels",
                              *extra, sample_path], capture_output=True, check=False)
        assert out.returncode == 1  # the sample holds bad lines
        recorder = cxm.Recorder(policy)
        result = recorder.import_jsonl(sample_path)
        assert recorder.report(groups=("teams", "employees", "channels"),
                               input=result) == json.loads(out.stdout)


def test_check_values_of_spec():
    value, low, high = cxm.wilson_interval(4, 5)
    assert (round(low, 4), round(high, 4)) == (0.3755, 0.9638)
    assert cxm.wilson_interval(0, 10)[1:] == (0.0, pytest.approx(0.2775, abs=1e-4))
    assert cxm.wilson_interval(0, 0) is None
    score, moe = cxm.net_score(120, 60, 300)
    assert (score, round(moe, 2)) == (pytest.approx(20.0), 8.47)
    assert cxm.net_score(0, 0, 0) is None


def test_closed_objects_refuse_use():
    recorder = cxm.Recorder()
    recorder.close()
    with pytest.raises(ValueError, match="closed"):
        recorder.record(GOOD)
    result = cxm.ImportResult()
    result.close()
    with pytest.raises(ValueError, match="closed"):
        result.records


def _rss_kib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _assert_no_leak(cycle, cycles, warm_up, max_growth_kib, check_rss=True):
    for _ in range(warm_up):  # warm up allocators and caches
        cycle()
    before = _rss_kib()
    for _ in range(cycles):
        cycle()
    growth = _rss_kib() - before
    if check_rss:
        assert growth < max_growth_kib, \
            f"RSS grew by {growth} KiB over {cycles:,} cycles"


# ASan (preloaded by .ci/run) keeps freed memory in quarantine, up to 256 MB:
# cycles that free a few KiB each then look like leaks. Its LeakSanitizer run
# of the C tests covers the journal and snapshots.
_UNDER_ASAN = "libasan" in os.environ.get("LD_PRELOAD", "")


def test_no_leak_across_100000_create_free_cycles():
    good_line = line(GOOD)

    def cycle():
        with cxm.Policy() as policy, cxm.Recorder(policy) as recorder, \
                cxm.ImportResult() as result:
            recorder.record(GOOD)
            recorder.import_jsonl(b'{"id": 1}\n', result=result)
            assert result.rejected == 1
            assert recorder.record_json(good_line) == "a"
    # A leak of even 16 bytes per cycle would show as 1.6 MB.
    _assert_no_leak(cycle, 100000, 10000, 1024)


def test_no_leak_across_10000_journal_and_snapshot_cycles(tmp_path):
    journal = tmp_path / "j.jsonl"
    with cxm.Recorder() as first:
        first.open_journal(journal)
        first.record(GOOD)
    good_line = line(GOOD)
    with cxm.Recorder() as durable:  # a journal that grows by a line a cycle
        durable.open_journal(tmp_path / "growing.jsonl", sync="os")

        def cycle():
            with cxm.Recorder() as recorder:  # opened, replayed, closed
                recorder.open_journal(journal, unique_ids=True, read_only=True).close()
                with pytest.raises(cxm.DuplicateIdError):
                    recorder.record_json(good_line)
                with cxm.Recorder.from_snapshot(recorder.to_snapshot()) as copy:
                    assert copy.n == 1
            durable.record_json(good_line)
        # These cycles cost ten times more; 32 bytes each would show as 320 KB.
        _assert_no_leak(cycle, 10000, 2000, 256, check_rss=not _UNDER_ASAN)


def test_the_python_example_runs(sample_path):
    from conftest import TOP_SRCDIR
    example = os.path.join(TOP_SRCDIR, "examples", "python", "report.py")
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(cxm.__file__)))
    child = subprocess.run([sys.executable, example, sample_path], env=env,
                           capture_output=True, text=True)
    assert child.returncode == 1  # the sample's bad lines
    assert child.stdout.startswith("4000 of 4012 records accepted (policy default)\n")
    assert "  frontline      n=3378 " in child.stdout
    assert child.stderr.count("rejected: ") == 5


# ---- org, periods, scopes, hot spots, comparisons (issue 4) ---------------

ORG = {"people": [
    {"id": "s-1", "level": "senior_leader"},
    {"id": "m-1", "level": "manager", "manager": "s-1", "team": "north"},
    {"id": "e-1", "level": "frontline", "manager": "m-1", "team": "north"},
    {"id": "e-2", "level": "frontline", "manager": "m-1", "team": "north"},
]}


@pytest.fixture
def scoped():
    from conftest import TOP_SRCDIR
    scopes = os.path.join(TOP_SRCDIR, "tests", "data", "scopes.jsonl")
    org = cxm.Org.from_dict(ORG)
    recorder = cxm.Recorder(org=org)
    org.close()  # the recorder keeps its own reference
    recorder.import_jsonl(scopes, strict=True)
    return recorder


def test_org_getters():
    org = cxm.Org.from_dict(ORG)
    assert len(org) == 4 and "m-1" in org and "x" not in org
    assert org.people == ["e-1", "e-2", "m-1", "s-1"]
    assert org.level("m-1") is cxm.Level.MANAGER
    assert (org.team("e-1"), org.manager("e-1")) == ("north", "m-1")
    assert org.reports("m-1") == ["e-1", "e-2"]
    assert org.level("nobody") is None and org.reports("nobody") == []


def test_org_errors():
    with pytest.raises(cxm.OrgError, match='unknown manager "m-9"'):
        cxm.Org.from_dict({"people": [{"id": "e", "level": "frontline",
                                       "manager": "m-9"}]})
    with pytest.raises(cxm.OrgError, match="reporting cycle: a -> b -> a"):
        cxm.Org.from_dict({"people": [
            {"id": "a", "level": "manager", "manager": "b"},
            {"id": "b", "level": "manager", "manager": "a"}]})


def test_scopes(scoped):
    assert scoped.scopes() == ["e-1", "e-2", "m-1", "s-1", "unknown_manager"]
    assert scoped.scope_indicators("m-1", cumulative=False)["n"] == 1
    assert scoped.scope_indicators("m-1")["n"] == 4
    assert scoped.scope_indicators("unknown_manager")["n"] == 1
    with pytest.raises(cxm.NotFoundError):
        scoped.scope_indicators("x-9")
    assert scoped.indicators("levels", "frontline")["n"] == 2  # from the org


def test_periods(scoped):
    assert scoped.periods(cxm.Period.WEEK) == ["2026-W10", "2026-W11"]
    assert scoped.period_indicators(cxm.Period.WEEK, "2026-W11", "teams", "south")["n"] == 1
    assert cxm.period_name(1798675200, cxm.Period.WEEK) == "2026-W53"  # 2026-12-31
    with pytest.raises(cxm.InvalidArgumentError, match="is not a week period"):
        scoped.period_indicators(cxm.Period.WEEK, "2026-03")


def test_report_sections_and_comparison(scoped):
    report = scoped.report(groups=("teams", "periods:week", "scopes", "hotspots"),
                           compare=("2026-W10", "2026-W11"))
    assert report["periods"]["week"]["2026-W11"]["totals"]["n"] == 3
    assert report["scopes"]["m-1"]["cumulative"]["n"] == 4
    assert report["hotspots"][0]["difficulty"] == "customer_upset"
    assert report["comparison"]["totals"]["momentum_rate"]["p_value"] == 0.7094
    with pytest.raises(ValueError, match="unknown report group"):
        scoped.report(groups=("planets",))
    with pytest.raises(cxm.InvalidArgumentError):
        scoped.report(groups=("periods:week", "periods:day"), compare=("2026-W10", "2026-W11"))
    with pytest.raises(cxm.InvalidArgumentError, match="need an org"):
        cxm.Recorder().report(groups=("scopes",))


def test_scopes_in_org_chart_order_by_level_and_wide(scoped):
    assert list(scoped.report(groups=("scopes",))["scopes"]) == \
        ["s-1", "m-1", "e-1", "e-2", "unknown_manager"]
    assert list(scoped.report(groups=("scopes:frontline",))["scopes"]) == ["e-1", "e-2"]
    table = scoped.report(groups=("scopes",), format="table")
    assert "\n  m-1   " in table and "\n    e-1   " in table and "\n    (own)   " in table
    assert scoped.report(groups=("scopes",), format="table", width=200) == table, \
        "short names: the 80-column table"
    with pytest.raises(ValueError, match="the scopes of a level are"):
        scoped.report(groups=("scopes:vp",))
    with pytest.raises(ValueError, match="width must be"):
        scoped.report(format="table", width=-1)


# ---- record_json, the group limit, new errors (issue 5) -------------------

def test_record_json_returns_the_id():
    recorder = cxm.Recorder()
    assert recorder.record_json(json.dumps(GOOD)) == "a"
    assert recorder.record_json(line(dict(GOOD, id="b"))) == "b"  # a line end is fine
    assert recorder.record_json(dict(GOOD, id="s\u00fcd")) == "s\u00fcd"
    assert recorder.record_json(json.dumps(dict(GOOD, id="c")).encode() + b"\r\n") == "c"
    assert recorder.record_json('{"kind": "leadership", "id": "l-1", "ts": 1, '
                                '"type": "coaching", "actor": "m-1"}') == "l-1"
    assert (recorder.n, recorder.leadership_count()) == (4, 1)


def test_record_json_refuses_bad_records_and_changes_nothing():
    recorder = cxm.Recorder()
    recorder.record_json(json.dumps(GOOD))
    before = recorder.report(groups=("teams", "employees", "channels"))
    with pytest.raises(cxm.RangeError) as caught:
        recorder.record_json(json.dumps(dict(GOOD, csat=7)))
    assert (caught.value.key, caught.value.line) == ("csat", None)
    assert caught.value.message == "csat must be an integer 1..5, got 7"
    with pytest.raises(cxm.InvalidJSONError):
        recorder.record_json(line(GOOD) + line(GOOD))  # one record only
    with pytest.raises(cxm.InvalidJSONError):
        recorder.record_json(b"")
    with pytest.raises(cxm.InvalidUTF8Error):
        recorder.record_json(b'{"id": "\xff"}')
    with pytest.raises(cxm.EnumError):
        recorder.record_json({"kind": "leadership", "id": "l", "ts": 1,
                              "type": "gossip", "actor": "m"})
    assert recorder.report(groups=("teams", "employees", "channels")) == before


def test_record_json_of_every_line_equals_the_import(sample_path):
    lines = open(sample_path, "rb").readlines()
    imported, one_by_one = cxm.Recorder(), cxm.Recorder()
    imported.import_jsonl(sample_path)
    rejected = 0
    for text in lines:
        try:
            one_by_one.record_json(text)
        except cxm.RecordError:
            rejected += 1
    assert rejected == 12
    groups = ("teams", "employees", "channels", "periods:day")
    assert one_by_one.report(groups=groups) == imported.report(groups=groups)


def test_leadership_records_through_record_have_no_line():
    with pytest.raises(cxm.EnumError) as caught:
        cxm.Recorder().record({"kind": "leadership", "id": "l", "ts": 1,
                               "type": "gossip", "actor": "m"})
    assert caught.value.line is None and caught.value.key == "type"


def test_the_group_limit_refuses_new_groups_and_changes_nothing():
    recorder = cxm.Recorder()
    assert recorder.max_groups == 4000000
    recorder.record(GOOD)
    # The team, the team that day, the employee, and the day's 11 sets of sums.
    assert recorder.n_groups == 14
    recorder.max_groups = 14
    groups = ("teams", "employees", "channels", "periods:day")
    before, snapshot = recorder.report(groups=groups), recorder.to_snapshot()
    for new, key in [({"team": "south"}, "team"), ({"employee": "e-2"}, "employee"),
                     ({"ts": "2026-03-03T09:00:00Z"}, "ts")]:
        record = dict(GOOD, id="b", **new)
        with pytest.raises(cxm.LimitError) as caught:
            recorder.record(record)
        assert caught.value.key == key and caught.value.code == 18
        assert caught.value.message == \
            f"{key} would make a new group beyond the recorder's limit of 14 groups"
        assert not isinstance(caught.value, cxm.RecordError)
        with pytest.raises(cxm.LimitError):
            recorder.record_json(record)
        result = recorder.import_jsonl(line(record))
        assert (result.rejected, result.errors[0].code) == (1, 18)
    other = cxm.Recorder()
    other.record(dict(GOOD, team="west"))
    with pytest.raises(cxm.LimitError, match="the merge would make 2 new groups"):
        recorder.merge(other)
    assert recorder.report(groups=groups) == before
    assert recorder.to_snapshot() == snapshot
    assert recorder.n_groups == 14

    recorder.record(dict(GOOD, id="c"))  # groups it already has
    recorder.max_groups = 1  # below what it holds: only stops new groups
    recorder.record(dict(GOOD, id="d"))
    recorder.max_groups = None
    assert recorder.max_groups is None
    recorder.merge(other)
    assert (recorder.n, recorder.n_groups) == (4, 16)


@pytest.mark.parametrize("value, error", [
    (0, ValueError), (-1, ValueError), (True, ValueError), (1 << 64, ValueError),
    (1.5, TypeError), ("10", TypeError),
])
def test_max_groups_must_be_a_positive_integer_or_none(value, error):
    recorder = cxm.Recorder()
    with pytest.raises(error):
        recorder.max_groups = value
    assert recorder.max_groups == 4000000


def test_new_error_codes_have_their_classes():
    from cxm import _errors
    assert [_errors.error_class(code) for code in (18, 19, 20, 21)] == \
        [cxm.LimitError, cxm.SnapshotError, cxm.BusyError, cxm.DuplicateIdError]
    assert _errors.error_class(22) is cxm.Error  # a code from a later library
    assert issubclass(cxm.DuplicateIdError, cxm.RecordError)
    for name in ("LimitError", "SnapshotError", "BusyError", "DuplicateIdError", "Sync"):
        assert name in cxm.__all__


def test_a_library_without_a_function_is_a_version_error():
    class Old:
        def cxm_version(self):
            return 0x000100
    with pytest.raises(cxm.VersionError, match="lacks cxm_journal_sync"):
        _native.bind(Old(), {"cxm_version": (None, []),
                             "cxm_journal_sync": (None, [])})


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_every_report_format_is_the_bytes_the_tool_writes(sample_path, fmt):
    """One renderer: Python's report text is the CLI's output."""
    tool = os.environ["CXM_TOOL"]
    groups = ("teams", "channels", "periods:week")
    cli = subprocess.run([tool, "report", "--format", fmt, "--group", ",".join(groups),
                          sample_path], capture_output=True, check=False)
    assert cli.returncode in (0, 1), cli.stderr
    with cxm.Recorder() as recorder:
        result = recorder.import_jsonl(sample_path)
        report = recorder.report(groups=groups, input=result, format=fmt)
    if fmt == "json":
        assert report == json.loads(cli.stdout)
    else:
        assert report == cli.stdout.decode("utf-8")


def test_an_unknown_report_format_is_a_value_error():
    with cxm.Recorder() as recorder, pytest.raises(ValueError, match="unknown report format"):
        recorder.report(format="xml")


def test_any_number_of_threads_gives_the_same_import(sample_path):
    reports = []
    for threads in (1, 2, 5):
        with cxm.Recorder() as recorder:
            result = recorder.import_jsonl(sample_path, threads=threads)
            reports.append((recorder.report(groups=("teams", "employees"), input=result),
                            [(r.line, r.message) for r in result.errors]))
    assert reports[1] == reports[0] and reports[2] == reports[0]
    with cxm.Recorder() as recorder:
        with pytest.raises(ValueError, match="threads must be a count"):
            recorder.import_jsonl(sample_path, threads=-1)
        with pytest.raises(OverflowError):
            recorder.import_jsonl(sample_path, threads=2**40)


def test_leadership_indicators_of_the_sample(sample_path):
    """SPEC 5a from Python: the same objects as the report, by group."""
    org = cxm.Org.from_file(os.path.join(os.path.dirname(sample_path), "org.json"))
    recorder = cxm.Recorder(org=org)
    recorder.import_jsonl(sample_path)
    report = recorder.report(groups=("teams", "employees", "scopes"))
    totals = recorder.indicators()["leadership"]
    assert totals == report["totals"]["leadership"]
    assert (totals["events"], totals["by_type"]["purpose_huddle"]) == (253, 157)
    cadence = totals["cadence"]
    assert (cadence["team_weeks"], cadence["weekly"], cadence["daily"]) == (96, 71, 16)
    by_cadence = totals["momentum_by_cadence"]
    assert by_cadence["comparison"]["delta"] > 0 and by_cadence["comparison"]["p"] < 0.001
    assert set(totals) == {"events", "by_type", "recognition_per_100", "cadence",
                           "momentum_by_cadence", "coaching_coverage"}
    # a team that huddles every day met the weekly cadence every week: no
    # "not met" side to compare with
    daily = recorder.indicators("teams", "emea-support")["leadership"]
    assert daily["cadence"]["weekly"] == daily["cadence"]["team_weeks"] == 8
    assert daily["momentum_by_cadence"]["comparison"] is None
    assert "coaching_coverage" not in daily
    # employees: what they led and what they received
    manager = recorder.indicators("employees", "emp-0002")["leadership"]
    assert manager == report["employees"]["emp-0002"]["leadership"]
    assert set(manager) == {"events", "by_type", "received"}
    # a leader's scope: the leadership given within it, its cadence, its coverage
    head = recorder.scope_indicators("cx-head")["leadership"]
    assert head == report["scopes"]["cx-head"]["cumulative"]["leadership"]
    assert head["events"] == 253 and head["cadence"]["team_weeks"] == 96
    assert head["coaching_coverage"]["employees"] == 155


def test_write_report_streams_the_same_bytes(sample_path, tmp_path):
    recorder = cxm.Recorder()
    recorder.import_jsonl(sample_path)
    groups = ("teams", "employees", "periods:week", "hotspots")
    for format in ("json", "table", "csv", "html"):
        out = io.BytesIO()
        recorder.write_report(out, groups=groups, format=format)
        text = recorder.report(groups=groups, format=format)
        if format == "json":
            assert json.loads(out.getvalue()) == text
        else:
            assert out.getvalue().decode() == text
    with open(tmp_path / "r.csv", "wb") as file:
        recorder.write_report(file, groups=("employees",), format="csv")
    assert (tmp_path / "r.csv").read_text() == recorder.report(groups=("employees",),
                                                               format="csv")


def test_write_report_passes_the_file_s_error_on():
    class Full(io.RawIOBase):
        def __init__(self):
            self.calls = 0

        def write(self, data):
            self.calls += 1
            raise OSError(28, "No space left on device")

    recorder = cxm.Recorder()
    recorder.record(GOOD)
    full = Full()
    with pytest.raises(OSError, match="No space left"):
        recorder.write_report(full, groups=("employees",))
    assert full.calls == 1
    with pytest.raises(ValueError, match="unknown report format"):
        recorder.write_report(io.BytesIO(), format="xml")


def test_iter_indicators_walks_the_groups_one_at_a_time(sample_path):
    recorder = cxm.Recorder()
    recorder.import_jsonl(sample_path)
    report = recorder.report(groups=("employees",))
    walked = dict(recorder.iter_indicators("employees"))
    assert walked == report["employees"]
    assert list(walked) == list(report["employees"])
