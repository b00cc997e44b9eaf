#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Per-level momentum report from JSON Lines files, through the cxm package.

    python3 examples/python/report.py examples/data/interactions.jsonl

Prints each level's momentum and disappointment rates with their 95%
intervals, the recovery rate of difficult moments, and the rejected lines.
"""
import sys

import cxm


def percent(rate):
    """"31.1% [29.6, 32.7]" for a rate object of the report, "-" for null."""
    if rate is None:
        return "-"
    return (f"{100 * rate['value']:.1f}% "
            f"[{100 * rate['low']:.1f}, {100 * rate['high']:.1f}]")


def main(paths):
    with cxm.Recorder() as recorder, cxm.ImportResult() as result:
        for path in paths:
            recorder.import_jsonl(path, result=result)  # one C call per file
        report = recorder.report(input=result)
        for rejection in result.errors[:5]:
            print(f"rejected: {rejection}", file=sys.stderr)

    counts = report["input"]
    print(f"{counts['accepted']} of {counts['records']} records accepted "
          f"(policy {report['policy']['name']})")
    for level, group in report["levels"].items():
        print(f"  {level:14} n={group['n']:<6} "
              f"momentum {percent(group['momentum_rate']):22} "
              f"disappointment {percent(group['disappointment_rate']):22} "
              f"recovery {percent(group['recovery_rate'])}")
    return 1 if counts["rejected"] else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} FILE...")
    sys.exit(main(sys.argv[1:]))
