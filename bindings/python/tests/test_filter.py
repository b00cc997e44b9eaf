# SPDX-License-Identifier: MIT
"""Recorder.import_jsonl's filter keywords (cxm/filter.h)."""
import datetime
import os

import pytest

import cxm

from conftest import TOP_SRCDIR

SMALL = os.path.join(TOP_SRCDIR, "tests", "cli", "small.jsonl")


def counts(result):
    return (result.records, result.accepted, result.rejected, result.filtered,
            result.leadership)


def test_team_and_since_as_the_cli():
    rec = cxm.Recorder()
    result = rec.import_jsonl(SMALL, teams="north", since="2026-03-03")
    assert counts(result) == (15, 4, 0, 11, 0)
    assert rec.n == 4
    report = rec.report(input=result)
    assert report["input"]["filtered"] == 11
    assert report["input"]["rejected"] == 0


def test_since_inclusive_until_exclusive_in_every_spelling():
    start = datetime.datetime(2026, 3, 4, tzinfo=datetime.timezone.utc)
    for since, until in (("2026-03-04", "2026-03-04T11:00:00Z"),
                         (start, start + datetime.timedelta(hours=11)),
                         (int(start.timestamp()), int(start.timestamp()) + 11 * 3600)):
        result = cxm.Recorder().import_jsonl(SMALL, since=since, until=until)
        assert counts(result) == (15, 2, 0, 13, 0)


def test_period_and_repeated_values():
    assert counts(cxm.Recorder().import_jsonl(SMALL, period="2026-03-04")) == \
        (15, 4, 0, 11, 1)
    result = cxm.Recorder().import_jsonl(SMALL, channels=[cxm.Channel.PHONE, "chat"])
    assert counts(result) == (15, 6, 0, 9, 0)
    result = cxm.Recorder().import_jsonl(SMALL, teams=["south"], levels=cxm.Level.MANAGER)
    assert counts(result) == (15, 3, 0, 12, 1)
    result = cxm.Recorder().import_jsonl(SMALL, employees=("ana",))
    assert counts(result) == (15, 3, 0, 12, 0)


def test_bad_filter_values():
    with pytest.raises(ValueError, match="channel"):
        cxm.Recorder().import_jsonl(SMALL, channels="fax")
    with pytest.raises(cxm.FormatError, match="2026-W99"):
        cxm.Recorder().import_jsonl(SMALL, period="2026-W99")
    with pytest.raises(cxm.FormatError, match="yesterday"):
        cxm.Recorder().import_jsonl(SMALL, since="yesterday")
    with pytest.raises(ValueError, match="naive"):
        cxm.Recorder().import_jsonl(SMALL, since=datetime.datetime(2026, 3, 4))
    with pytest.raises(ValueError, match="period"):
        cxm.Recorder().import_jsonl(SMALL, period="2026-03", since="2026-03-02")


def without_cadence(teams):
    """A report's teams without the cadence figures, which need whole weeks."""
    return {team: {**stats, "leadership": {key: value for key, value
                                           in stats["leadership"].items()
                                           if key not in ("cadence", "momentum_by_cadence")}}
            for team, stats in teams.items()}


def test_the_days_of_a_snapshot_as_the_cli():
    rec = cxm.Recorder()
    rec.import_jsonl(SMALL)
    snapshot = cxm.Recorder.from_snapshot(rec.to_snapshot())
    day = snapshot.filtered(period="2026-03-04")
    records = cxm.Recorder()
    records.import_jsonl(SMALL, period="2026-03-04")
    assert (day.n, day.leadership_count(), records.n) == (3, 1, 3)
    groups = ("teams", "channels", "hotspots", "periods:day")
    got, want = day.report(groups=groups), records.report(groups=groups)
    assert got["teams"] == without_cadence(want["teams"])
    for key in ("levels", "channels", "hotspots", "periods"):
        assert got[key] == want[key], key
    assert day.keys("employees") == []
    assert snapshot.n == 13  # unchanged
    week = snapshot.filtered(since="2026-03-02", until="2026-03-09")
    assert week.report(groups=("teams",))["teams"] == rec.report(groups=("teams",))["teams"]
    assert snapshot.filtered().n == 13


def test_the_days_of_a_snapshot_refuse_instants():
    rec = cxm.Recorder()
    rec.import_jsonl(SMALL)
    with pytest.raises(cxm.InvalidArgumentError, match="since must be a date"):
        rec.filtered(since="2026-03-04T11:00:00Z")
    with pytest.raises(ValueError, match="until must be a date"):
        rec.filtered(until=datetime.datetime(2026, 3, 4, tzinfo=datetime.timezone.utc))
    with pytest.raises(cxm.FormatError, match="2026-W99"):
        rec.filtered(period="2026-W99")
    with pytest.raises(ValueError, match="period sets both bounds"):
        rec.filtered(period="2026-03", since="2026-03-02")
    with pytest.raises(TypeError):
        rec.filtered(teams="north")  # type: ignore[call-arg]
