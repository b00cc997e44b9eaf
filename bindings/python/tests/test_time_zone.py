# SPDX-License-Identifier: MIT
"""Time zones (cxm_policy_set_time_zone): periods in a policy's zone."""
import pytest

import cxm

# 20:00 EST on 03-31 (01:00Z on 04-01); 04:30Z on 03-08, still 23:30 EST on
# 03-07; 23:30Z on 03-31, 01:30 on 04-01 in Paris (CEST).
RECORDS = [
    {"id": "a", "ts": "2026-03-31T20:00:00-05:00", "channel": "phone", "team": "ny",
     "csat": 5},
    {"id": "b", "ts": "2026-03-08T04:30:00Z", "channel": "phone", "team": "ny", "csat": 1},
    {"id": "c", "ts": "2026-03-31T23:30:00Z", "channel": "phone", "team": "paris",
     "csat": 1},
]


def new_york(paris=False):
    policy = cxm.Policy()
    policy.set_time_zone("America/New_York")
    if paris:
        policy.set_time_zone("Europe/Paris", team="paris")
    return policy


def recorded(policy):
    rec = cxm.Recorder(policy=policy)
    for record in RECORDS:
        rec.record(record)
    return rec


def test_days_are_the_zones():
    assert recorded(cxm.Policy()).periods("day") == ["2026-03-08", "2026-03-31",
                                                     "2026-04-01"]
    assert recorded(new_york()).periods("day") == ["2026-03-07", "2026-03-31"]
    rec = recorded(new_york(paris=True))
    assert rec.periods("day") == ["2026-03-07", "2026-03-31", "2026-04-01"]
    assert rec.periods("month") == ["2026-03", "2026-04"]


def test_the_policy_names_and_fingerprints_its_zones():
    policy = new_york(paris=True)
    assert policy.time_zone() == "America/New_York"
    assert policy.time_zone("paris") == "Europe/Paris"
    assert policy.time_zone("ny") == "America/New_York"
    settings = policy.to_dict()
    assert settings["time_zone"] == "America/New_York"
    assert settings["team_time_zones"] == {"paris": "Europe/Paris"}
    assert cxm.Policy.from_dict(settings).fingerprint == policy.fingerprint
    assert policy.fingerprint != cxm.Policy().fingerprint
    policy.set_time_zone(None, team="paris")
    policy.set_time_zone(None)
    assert policy.fingerprint == cxm.Policy().fingerprint
    assert "time_zone" not in policy.to_dict()


def test_an_unknown_zone_is_a_policy_error():
    policy = cxm.Policy()
    with pytest.raises(cxm.PolicyError, match='got "Mars/Olympus"') as caught:
        policy.set_time_zone("Mars/Olympus")
    assert isinstance(caught.value, ValueError)
    assert policy.time_zone() == "UTC"


def test_a_snapshot_keeps_the_zone_and_refuses_another():
    rec = recorded(new_york(paris=True))
    back = cxm.Recorder.from_snapshot(rec.to_snapshot())
    assert back.periods("day") == ["2026-03-07", "2026-03-31", "2026-04-01"]
    with pytest.raises(cxm.PolicyMismatchError,
                       match=r"different time zones \(UTC and America/New_York\)"):
        cxm.Recorder().merge(back)


def test_filters_read_dates_in_the_zone():
    data = "".join(
        '{"id":"%s","ts":"%s","channel":"phone","team":"%s","csat":%d}\n'
        % (r["id"], r["ts"], r["team"], r["csat"]) for r in RECORDS).encode()
    rec = cxm.Recorder(policy=new_york(paris=True))
    result = rec.import_jsonl(data, period="2026-03")
    assert (result.accepted, result.filtered) == (2, 1)
    assert rec.periods("day") == ["2026-03-07", "2026-03-31"]
    rec = cxm.Recorder(policy=new_york())
    result = rec.import_jsonl(data, since="2026-03-08", until="2026-04-01")
    assert (result.accepted, result.filtered) == (2, 1)
