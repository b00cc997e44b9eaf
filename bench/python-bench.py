#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Python import rate next to C's, on the same JSON Lines file, same run.

    python3 bench/python-bench.py --jsonl FILE --c-bench PATH [--repeat K]

Alternates K rounds of the C benchmark's import phase (bench/cxm-bench
--phase import --repeat 1) with K timings of cxm.Recorder().import_jsonl(FILE)
from Python, so that load on the machine hits both alike, and prints the
best rate of each and their ratio. `make bench-python` runs it on the
1,000,000-record file of `make bench`.
"""
import argparse
import re
import subprocess
import sys
import time

import cxm


def c_rate(c_bench, jsonl):
    out = subprocess.run([c_bench, "--phase", "import", "--jsonl", jsonl,
                          "--repeat", "1"], check=True,
                         capture_output=True, text=True).stdout
    match = re.search(r"^bench import .*\brate=(\S+)", out, re.M)
    if match is None:
        sys.exit("python-bench: no 'bench import' line from " + c_bench)
    return float(match.group(1))


def python_seconds(jsonl):
    with cxm.Recorder() as recorder:
        start = time.perf_counter()
        result = recorder.import_jsonl(jsonl)
        return time.perf_counter() - start, result.records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", required=True)
    parser.add_argument("--c-bench", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    c, seconds = 0.0, None
    for _ in range(args.repeat):
        c = max(c, c_rate(args.c_bench, args.jsonl))
        round_seconds, records = python_seconds(args.jsonl)
        seconds = round_seconds if seconds is None else min(seconds, round_seconds)
    py = records / seconds
    print(f"  C      import_path():   {c:10.3e} records/s")
    print(f"  Python import_jsonl():  {py:10.3e} records/s "
          f"({records} records in {seconds:.3f} s, best of {args.repeat})")
    print(f"bench python-import records={records} rate={py:.3e} c_rate={c:.3e} "
          f"ratio={py / c:.3f}")


if __name__ == "__main__":
    main()
