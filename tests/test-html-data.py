#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Inputs for the HTML report's tests (test-html.py, test-html-browser.sh).

  test-html-data.py year FILE   a year of ISO weeks x 60 teams: interactions
                                and purpose huddles (about 19,000 records)
  test-html-data.py nasty FILE  records whose team, employee and id look like
                                markup, and FILE.policy.json naming the
                                policy likewise

Deterministic (a fixed seed), so sizes and pictures compare between runs.
"""
import datetime
import json
import random
import sys

NASTY_TEAM = "</script><img src=x onerror=alert(1)>"
NASTY_EMPLOYEE = "\"O'Brien\" & co <b>"
NASTY_POLICY = "</script><script>alert('&')</script>"

CHANNELS = ["web", "phone", "email", "chat", "in_person", "social", "other"]
DIFFICULTIES = ["no_immediate_answer", "exceeds_offering", "service_chain_failure",
                "missing_information", "miscommunication", "customer_insists",
                "customer_upset"]


def interaction(rng, n, ts, team, employee):
    record = {"id": f"ix-{n:06d}", "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
              "channel": rng.choice(CHANNELS), "employee": employee, "team": team,
              "level": "frontline",
              "resolution": "resolved" if rng.random() < 0.7 else "unresolved",
              "csat": rng.randint(1, 5), "nps": rng.randint(0, 10)}
    if rng.random() < 0.35:
        record["difficulties"] = rng.sample(DIFFICULTIES, rng.randint(1, 2))
    return record


def year(path, teams=60, weeks=52, per_week=6):
    rng = random.Random(15)
    monday = datetime.datetime(2025, 12, 29)  # 2026-W01
    n = 0
    with open(path, "w") as out:
        for w in range(weeks):
            for t in range(teams):
                team = f"team-{t:02d}"
                # A team's quality drifts, so that the ranks and the trend differ.
                for _ in range(per_week):
                    n += 1
                    ts = monday + datetime.timedelta(weeks=w, minutes=rng.randrange(7 * 1440))
                    rec = interaction(rng, n, ts, team, f"emp-{t:02d}-{rng.randrange(5)}")
                    out.write(json.dumps(rec, separators=(",", ":")) + "\n")
                for d in range(rng.randint(0, 4)):
                    n += 1
                    ts = monday + datetime.timedelta(weeks=w, days=d, hours=9)
                    out.write(json.dumps({"kind": "leadership", "id": f"ld-{n:06d}",
                                          "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                          "type": "purpose_huddle", "actor": f"mgr-{t:02d}",
                                          "team": team, "level": "manager"},
                                         separators=(",", ":")) + "\n")


def nasty(path):
    rng = random.Random(1)
    monday = datetime.datetime(2026, 3, 2)
    with open(path, "w") as out:
        for n in range(12):
            ts = monday + datetime.timedelta(days=n)
            rec = interaction(rng, n, ts, NASTY_TEAM if n % 2 else "plain & simple",
                              NASTY_EMPLOYEE)
            rec["id"] = f"<id-{n}>&\"'"
            out.write(json.dumps(rec) + "\n")
    with open(path + ".policy.json", "w") as out:
        json.dump({"name": NASTY_POLICY}, out)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("year", "nasty"):
        sys.exit(__doc__)
    {"year": year, "nasty": nasty}[sys.argv[1]](sys.argv[2])
