# SPDX-License-Identifier: MIT
"""Python for data users: records from DataFrames and programs, one spelling
of group and period names, standard exceptions, reprs, report_frame."""
import csv
import datetime
import io
import json
import math
import os
import subprocess
import sys

import pytest

import cxm
from cxm import _native

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

UTC = datetime.timezone.utc
BASE = {"id": "x", "ts": 1772442900, "channel": "web"}


def encoded(**values):
    """The JSON object ``record()`` hands to the library for ``values``."""
    return json.loads(_native.encode_record(values))


# ---- record(): what a program or a DataFrame holds -------------------------

def test_datetimes_are_written_as_rfc_3339():
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    assert encoded(ts=datetime.datetime(2026, 3, 2, 9, 15, tzinfo=plus_two)) == {
        "ts": "2026-03-02T09:15:00+02:00"}
    assert encoded(ts=datetime.datetime(2026, 3, 2, 9, 15, 0, 250000, tzinfo=UTC)) == {
        "ts": "2026-03-02T09:15:00.250000+00:00"}
    assert encoded(ts=pd.Timestamp("2026-03-31 20:00", tz="America/New_York")) == {
        "ts": "2026-03-31T20:00:00-04:00"}
    assert encoded(ts=pd.Timestamp("2026-03-02 09:15:00.000000001", tz="UTC")) == {
        "ts": "2026-03-02T09:15:00.000000001+00:00"}
    # RFC 3339 offsets are whole minutes: a finer one is written in UTC.
    odd = datetime.timezone(datetime.timedelta(minutes=53, seconds=28))
    assert encoded(ts=datetime.datetime(1900, 1, 1, 12, 0, tzinfo=odd)) == {
        "ts": "1900-01-01T11:06:32+00:00"}
    assert encoded(ts=pd.NaT) == {"ts": None}
    assert encoded(ts=np.datetime64("NaT")) == {"ts": None}


def test_an_aware_datetime_records_its_instant():
    new_york = pd.Timestamp("2026-03-31 20:00", tz="America/New_York")
    with cxm.Recorder() as recorder:
        recorder.record(dict(BASE, ts=new_york))
        recorder.record(dict(BASE, id="y", ts=new_york.to_pydatetime()))
        assert recorder.periods("day") == ["2026-04-01"]  # 00:00Z
        assert recorder.n == 2


def test_a_naive_datetime_is_refused():
    with cxm.Recorder() as recorder:
        with pytest.raises(ValueError) as caught:
            recorder.record(dict(BASE, ts=datetime.datetime(2026, 3, 2, 9, 15)))
        assert isinstance(caught.value, cxm.FormatError)
        assert caught.value.key == "ts"
        assert str(caught.value) == (
            "ts is a naive datetime (2026-03-02T09:15:00), which names no instant: "
            "cxm needs an offset (give it a tzinfo, e.g. datetime.timezone.utc, "
            "or tz_localize the column)")
        with pytest.raises(cxm.FormatError, match="^ts is a numpy datetime64"):
            recorder.record(dict(BASE, ts=np.datetime64("2026-03-02T09:15")))
        with pytest.raises(cxm.FormatError, match="naive"):
            recorder.record(dict(BASE, ts=pd.Timestamp("2026-03-02 09:15")))
        assert recorder.n == 0


def test_numbers_of_numpy_and_integral_floats():
    assert encoded(csat=np.int64(5), nps=np.uint8(9), effort=np.int32(7),
                   contact_number=np.float32(2.0), employee_satisfaction=4.0,
                   beyond_role=np.bool_(True), channel=np.str_("web"),
                   ts=np.float64(1772442900.0)) == {
        "csat": 5, "nps": 9, "effort": 7, "contact_number": 2,
        "employee_satisfaction": 4, "beyond_role": True, "channel": "web",
        "ts": 1772442900}
    for value in (5, 5.0, np.int64(5), np.float64(5.0), np.int8(5)):
        assert _native.encode_record(dict(csat=value)) == b'{"csat": 5}'
    # Fractions stay for the library to judge: ts may have one, csat not.
    assert encoded(ts=1772442900.5, csat=5.5) == {"ts": 1772442900.5, "csat": 5.5}
    assert encoded(ts=1e300) == {"ts": 1e300}  # beyond 2**53: as written
    with cxm.Recorder() as recorder:
        recorder.record(dict(BASE, ts=1772442900.5))
        with pytest.raises(cxm.WrongTypeError) as caught:
            recorder.record(dict(BASE, csat=5.5))
        assert (caught.value.key, str(caught.value)) == (
            "csat", "csat must be an integer, got 5.5")
        with pytest.raises(cxm.RangeError) as caught:
            recorder.record(dict(BASE, csat=float("inf")))
        assert (caught.value.key, str(caught.value)) == (
            "csat", "csat must be a finite number, got inf")
        assert isinstance(caught.value, ValueError)
        assert recorder.n == 1


def test_nan_is_absent():
    assert encoded(csat=float("nan"), nps=np.float64("nan"), team=pd.NA,
                   difficulties=math.nan) == {
        "csat": None, "nps": None, "team": None, "difficulties": None}
    with cxm.Recorder() as recorder:
        assert recorder.record(dict(BASE, csat=math.nan, nps=9.0)) == \
            cxm.classify(dict(BASE, nps=9))
        assert recorder.indicators()["csat"]["responses"] == 0
        with pytest.raises(cxm.MissingKeyError) as caught:
            recorder.record(dict(BASE, id=math.nan))  # required: refused
        assert str(caught.value) == "id is required"


def test_the_package_enums_are_their_names():
    assert encoded(channel=cxm.Channel.PHONE, level=cxm.Level.SENIOR_LEADER,
                   resolution=cxm.Resolution.ESCALATED,
                   difficulties=(cxm.Difficulty.CUSTOMER_UPSET,
                                 cxm.Difficulty.MISCOMMUNICATION),
                   emotions=[cxm.Emotion.STRESS, "fear"],
                   type=cxm.LeadershipType.COACHING) == {
        "channel": "phone", "level": "senior_leader", "resolution": "escalated",
        "difficulties": ["customer_upset", "miscommunication"],
        "emotions": ["stress", "fear"], "type": "coaching"}
    # A set has no order: its names are sorted.
    assert encoded(emotions={cxm.Emotion.STRESS, cxm.Emotion.ANGER}) == {
        "emotions": ["anger", "stress"]}
    with cxm.Recorder() as recorder:
        assert recorder.record(dict(BASE, channel=cxm.Channel.PHONE,
                                    difficulties=[cxm.Difficulty.EXCEEDS_OFFERING],
                                    resolution=cxm.Resolution.RESOLVED, csat=4)) == (
            cxm.Class.MOMENTUM, cxm.Reason.DIFFICULTY_OVERCOME)
        assert recorder.record({"kind": "leadership", "id": "l-1", "ts": 1772442900,
                                "type": cxm.LeadershipType.COACHING, "actor": "m-1",
                                "level": cxm.Level.MANAGER}) is None
        assert recorder.keys("channels") == [c.json_name for c in cxm.Channel]
        assert recorder.indicators("channels", cxm.Channel.PHONE)["n"] == 1
        assert recorder.leadership_count(cxm.LeadershipType.COACHING) == 1
        assert recorder.leadership_count("coaching") == 1
    assert cxm.classify(dict(BASE, channel=cxm.Channel.EMAIL, csat=2)) == (
        cxm.Class.DISAPPOINTMENT, cxm.Reason.CUSTOMER_NEGATIVE)


def test_what_has_no_json_form_names_its_key():
    with pytest.raises(TypeError, match="^team cannot be a object: it has no JSON form$"):
        _native.encode_record(dict(team=object()))
    with pytest.raises(TypeError, match=r"^difficulties\[1\] cannot be a complex"):
        _native.encode_record(dict(difficulties=["customer_upset", 1j]))


def frame():
    """Three interactions as an analyst's DataFrame holds them: a csat
    column with NaN (so float), aware timestamps, numpy integers."""
    return pd.DataFrame({
        "id": ["a", "b", "c"],
        "ts": pd.to_datetime(["2026-03-02T09:15:00Z", "2026-03-09T10:00:00Z",
                              "2026-03-10T11:30:00+01:00"], utc=True),
        # Not enums: to_dict("records") makes an IntEnum a plain int.
        "channel": ["phone", "web", "phone"],
        "team": ["north", "south", "north"],
        "csat": [5, None, 2],
        "nps": np.array([9, 7, 3], dtype=np.int64),
        "proactive": [True, False, False],
    })


LINES = b"""\
{"id": "a", "ts": "2026-03-02T09:15:00Z", "channel": "phone", "team": "north", "csat": 5, "nps": 9, "proactive": true}
{"id": "b", "ts": "2026-03-09T10:00:00Z", "channel": "web", "team": "south", "nps": 7, "proactive": false}
{"id": "c", "ts": "2026-03-10T10:30:00Z", "channel": "phone", "team": "north", "csat": 2, "nps": 3, "proactive": false}
"""


def test_rows_of_a_dataframe_record_as_their_json_lines():
    df = frame()
    assert df["csat"].dtype == np.float64
    rows = df.to_dict("records")
    assert math.isnan(rows[1]["csat"])
    with cxm.Recorder() as recorder, cxm.Recorder() as imported:
        classes = [recorder.record(row) for row in rows]
        assert classes == [(cxm.Class.MOMENTUM, cxm.Reason.PROACTIVE),
                           (cxm.Class.NEUTRAL, cxm.Reason.NO_POSITIVE_SIGNAL),
                           (cxm.Class.DISAPPOINTMENT, cxm.Reason.CUSTOMER_NEGATIVE)]
        imported.import_jsonl(LINES)
        groups = ("teams", "channels", "periods:week")
        assert recorder.report(groups=groups) == imported.report(groups=groups)
        assert recorder.indicators()["csat"]["responses"] == 2
        assert recorder.periods("week") == ["2026-W10", "2026-W11"]
        # Rows of itertuples hold numpy scalars; they record as well.
        with cxm.Recorder() as by_tuples:
            for row in df.itertuples(index=False):
                by_tuples.record(row._asdict())
            assert by_tuples.to_snapshot() == recorder.to_snapshot()


# ---- one spelling of group and period names --------------------------------

@pytest.fixture
def recorder():
    with cxm.Recorder() as recorder:
        recorder.import_jsonl(LINES)
        yield recorder


@pytest.mark.parametrize("kind", [cxm.Period.WEEK, "week", "periods:week"])
def test_a_period_kind_is_an_enum_or_either_name(recorder, kind):
    assert recorder.periods(kind) == ["2026-W10", "2026-W11"]
    assert recorder.period_indicators(kind, "2026-W11", "teams", "north")["n"] == 1
    assert recorder.period_indicators(kind, "2026-W11", cxm.Group.CHANNELS,
                                      cxm.Channel.PHONE)["n"] == 1
    assert cxm.period_name(1772442900, kind) == "2026-W10"


def test_a_period_kind_error_names_the_accepted_spellings(recorder):
    with pytest.raises(ValueError) as caught:
        recorder.periods("fortnight")
    assert str(caught.value) == ("a period kind must be a cxm.Period or one of "
                                 "'day', 'week', 'month', not 'fortnight'")
    with pytest.raises(TypeError, match="^a period kind must be a cxm.Period or one "
                                        "of 'day', 'week', 'month', not 1$"):
        recorder.periods(1)


def test_a_group_is_an_enum_or_its_name(recorder):
    assert recorder.keys("teams") == recorder.keys(cxm.Group.TEAMS) == ["north", "south"]
    assert recorder.indicators(cxm.Group.LEVELS, cxm.Level.FRONTLINE) == \
        recorder.indicators("levels", "frontline")
    with pytest.raises(ValueError) as caught:
        recorder.keys("team")
    assert str(caught.value) == (
        "group must be a cxm.Group or one of 'totals', 'levels', 'teams', "
        "'employees', 'channels', not 'team'")
    with pytest.raises(ValueError, match=r"not 'scopes' \(read scopes with scopes\(\)"):
        recorder.indicators(cxm.Group.SCOPES, "s-1")


def test_report_groups_take_enums_and_names(recorder):
    by_names = recorder.report(groups=("teams", "periods:week", "hotspots"))
    assert recorder.report(groups=(cxm.Group.TEAMS, cxm.Period.WEEK,
                                   cxm.Group.HOTSPOTS)) == by_names
    # "week" as periods() takes it; totals and levels are always there.
    assert recorder.report(groups=("totals", cxm.Group.LEVELS, "teams", "week",
                                   "hotspots")) == by_names
    with pytest.raises(ValueError, match="^unknown report group 'fortnight'"):
        recorder.report(groups=("fortnight",))


def test_enum_names_in_errors():
    with pytest.raises(ValueError) as caught:
        cxm.Channel.from_name("fax")
    assert str(caught.value) == (
        "'fax' is not a Channel name (expected one of 'web', 'phone', 'email', "
        "'chat', 'in_person', 'social', 'other')")
    with cxm.Recorder() as recorder, pytest.raises(ValueError) as caught:
        recorder.leadership_count("gossip")
    assert str(caught.value) == (
        "type must be a cxm.LeadershipType or one of 'purpose_huddle', "
        "'recognition', 'coaching', 'standard_review', 'communication', not 'gossip'")


# ---- standard exceptions and reprs -----------------------------------------

@pytest.mark.parametrize("cls, standard", [
    (cxm.RangeError, ValueError), (cxm.RecordError, ValueError),
    (cxm.WrongTypeError, ValueError), (cxm.InvalidArgumentError, ValueError),
    (cxm.PolicyError, ValueError), (cxm.PolicyMismatchError, ValueError),
    (cxm.OrgError, ValueError), (cxm.SnapshotError, ValueError),
    (cxm.FileError, OSError), (cxm.NotFoundError, KeyError),
    (cxm.LibraryError, ImportError),
])
def test_errors_are_standard_ones_too(cls, standard):
    assert issubclass(cls, standard)
    if cls is not cxm.LibraryError:
        assert issubclass(cls, cxm.Error)


def test_errors_keep_their_message_code_and_key(tmp_path):
    with pytest.raises(OSError) as caught:
        cxm.Policy.from_file(tmp_path / "absent.json")
    assert isinstance(caught.value, cxm.FileError) and caught.value.code == 2
    assert str(caught.value) == caught.value.message
    with cxm.Recorder() as recorder, pytest.raises(KeyError) as caught:
        recorder.indicators("teams", "nobody")
    assert str(caught.value) == 'no team group "nobody"'  # not quoted by KeyError
    with pytest.raises(ValueError) as caught:
        cxm.classify(dict(BASE, csat=7))
    assert repr(caught.value) == "cxm.RangeError('csat must be an integer 1..5, got 7', key='csat')"
    # Made in Python, an error has its class's code.
    assert (cxm.RangeError("x").code, cxm.FormatError("x").code, cxm.Error("x").code) == (10, 13, 0)


def test_reprs(tmp_path):
    with cxm.ImportResult() as result, cxm.Recorder() as recorder:
        recorder.import_jsonl(LINES + b"{}\n", result=result)
        assert repr(result) == ("<cxm.ImportResult records=4 accepted=3 rejected=1 "
                                "filtered=0 leadership=0>")
        assert repr(recorder) == "<cxm.Recorder n=3 groups=38 journal=None>"
    assert repr(recorder) == "<cxm.Recorder closed>"
    # Records a filter drops are neither accepted nor rejected: filtered.
    with cxm.Recorder().import_jsonl(LINES + b"{}\n", teams="north") as result:
        assert repr(result) == ("<cxm.ImportResult records=4 accepted=2 rejected=1 "
                                "filtered=1 leadership=0>")
    journal = str(tmp_path / "journal.jsonl")
    with cxm.Recorder() as recorder:
        recorder.open_journal(journal)
        assert repr(recorder) == f"<cxm.Recorder n=0 groups=0 journal={journal!r}>"
    with cxm.Policy.from_dict({"name": "strict"}) as policy:
        assert repr(policy) == f"<cxm.Policy name='strict' fingerprint={policy.fingerprint}>"
    with cxm.Org.from_dict({"people": [{"id": "s-1", "level": "senior_leader"},
                                       {"id": "m-1", "level": "manager",
                                        "manager": "s-1"}]}) as org:
        assert repr(org) == "<cxm.Org people=2>"
    assert repr(cxm.classify(dict(BASE, csat=2))) == (
        "Classification(cls=Class.DISAPPOINTMENT, reason=Reason.CUSTOMER_NEGATIVE)")


# ---- report_frame ------------------------------------------------------------

def cell_matches(value, cell):
    """Whether the frame's ``value`` is what the CSV's ``cell`` says."""
    if cell == "":
        return isinstance(value, float) and math.isnan(value)
    if cell in ("true", "false"):
        return isinstance(value, (bool, np.bool_)) and bool(value) == (cell == "true")
    if isinstance(value, str):
        return value == cell
    if isinstance(value, (int, np.integer)):
        return str(int(value)) == cell
    return float(cell) == value


@pytest.mark.parametrize("groups", [(), ("teams", "channels", "periods:week"),
                                    ("employees",), ("periods:day", "teams")])
def test_report_frame_is_the_csv(sample_path, groups):
    with cxm.Recorder() as recorder:
        result = recorder.import_jsonl(sample_path)
        text = recorder.report(groups=groups, input=result, format="csv")
        frame = recorder.report_frame(groups=groups, input=result)
    rows = list(csv.reader(io.StringIO(text)))
    assert list(frame.columns) == rows[0]
    assert len(frame) == len(rows) - 1
    for (_, values), row in zip(frame.iterrows(), rows[1:]):
        for column, cell in zip(rows[0], row):
            assert cell_matches(values[column], cell), (column, cell, values[column])


def test_report_frame_dtypes(sample_path):
    with cxm.Recorder() as recorder:
        recorder.import_jsonl(sample_path)
        frame = recorder.report_frame(groups=(cxm.Group.TEAMS, cxm.Period.WEEK))
    dtypes = frame.dtypes.astype(str).to_dict()
    assert {column: dtypes[column] for column in (
        "period", "group", "key", "n", "momentum", "difficult", "nps_responses",
        "momentum_rate", "disappointment_low", "net_momentum", "csat_mean",
        "small_sample", "suppressed")} == {
        "period": "object", "group": "object", "key": "object", "n": "int64",
        "momentum": "int64", "difficult": "int64", "nps_responses": "int64",
        "momentum_rate": "float64", "disappointment_low": "float64",
        "net_momentum": "float64", "csat_mean": "float64",
        "small_sample": "bool", "suppressed": "bool"}
    totals = frame[frame["group"] == "totals"].iloc[0]
    assert (math.isnan(totals["period"]), math.isnan(totals["key"]),
            totals["n"]) == (True, True, 3747)
    assert list(frame[frame["group"] == "level"]["key"].iloc[:3]) == [
        "frontline", "manager", "senior_leader"]
    assert frame["period"].dropna().iloc[0] == "2026-W05"


def test_report_frame_keeps_keys_as_written():
    with cxm.Recorder() as recorder:
        for i, team in enumerate(("007", "NA", "1e3", "true")):
            recorder.record(dict(BASE, id=str(i), team=team))
        frame = recorder.report_frame(groups=("teams",))
    assert list(frame[frame["group"] == "team"]["key"]) == ["007", "1e3", "NA", "true"]


@pytest.mark.skipif(not os.access(os.environ.get("CXM_TOOL", ""), os.X_OK),
                    reason="the cxm tool is not built")
def test_report_frame_has_the_columns_of_the_cli(sample_path):
    cli = subprocess.run([os.environ["CXM_TOOL"], "report", "--format", "csv",
                          "--group", "teams,periods:month", sample_path],
                         capture_output=True, check=False)
    assert cli.returncode == 1  # the sample's deliberately bad lines
    with cxm.Recorder() as recorder:
        result = recorder.import_jsonl(sample_path)
        assert recorder.report(groups=("teams", "month"), input=result,
                               format="csv") == cli.stdout.decode()
        frame = recorder.report_frame(groups=("teams", "month"), input=result)
    assert ",".join(frame.columns) == cli.stdout.decode().splitlines()[0]


# ---- type hints --------------------------------------------------------------

def test_the_package_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy", reason="mypy is not installed")
    package = os.path.dirname(os.path.abspath(cxm.__file__))
    assert os.path.exists(os.path.join(package, "py.typed"))
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-color-output",
         "--cache-dir", str(tmp_path), package],
        capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("Success: no issues found")
