#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""cxm.dask.import_jsonl on a LocalCluster next to one process, same files.

    python3 bench/dask-bench.py --dir DIR [--generate PATH] [--files 20]
        [--records 10000000] [--workers 2] [--repeat 1]

DIR holds the JSON Lines files (part-NN.jsonl); with --generate (the path
of examples/generate) missing files are written first, records/files valid
records each with 5 bad lines. Keep DIR out of the source tree (/tmp): 10M
records are 2.5 GB.

Times, best of --repeat, alternating so that load on the machine hits both:
one process importing every file in turn with every thread
(Recorder.import_jsonl, threads=None), and cxm.dask.import_jsonl over a
LocalCluster of --workers processes of one task thread each (the cluster's
start-up is not counted). From Dask's task stream it prints where the
cluster's time goes: the imports (compute, the snapshot written included),
the merge tree (compute, per partition), transfers between workers, and
the rest of the wall time (scheduling, the client's probe and its
from_snapshot). It also times to_snapshot and from_snapshot of one file's
sums, and prints the snapshot's size: what serialising costs per partition.

Measured on the 2-core build machine (Debian 12, shared with other work,
load about 4), 10,000,100 lines in 20 files, best of 2:

    bench one process: files=20 records=10000100 seconds=3.47 rate=2880070/s threads=2
    bench dask: workers=2 seconds=4.52 rate=2210652/s ratio=0.77
    bench dask where: import=7.60s (20 partitions, 380 ms each) merge=0.681s
      (4 tasks, 34.1 ms per partition) transfer=0.086s idle=0.34s of wall 4.52s
    bench snapshot: bytes=741109 to_snapshot=30.4ms from_snapshot=20.0ms merge=5.8ms

The cluster's extra second on one machine: a snapshot written per
partition (30 ms), the merge tree (34 ms per partition, 9% of the import),
scheduling and the client (0.3 s). With snapshot format 2 (every
leadership sum): ratio 0.66 in a noisier run, 911 KB snapshots, the merge
tree 31 ms per partition.
"""
import argparse
import glob
import os
import subprocess
import sys
import time

import cxm
import cxm.dask
from distributed import Client, LocalCluster, get_task_stream


def generate(tool, directory, files, records):
    os.makedirs(directory, exist_ok=True)
    for i in range(files):
        path = os.path.join(directory, f"part-{i:02d}.jsonl")
        if not os.path.exists(path):
            subprocess.run([tool, "--count", str(records // files), "--seed",
                            str(100 + i), "--bad", "5", "--output", path + ".tmp"],
                           check=True)
            os.rename(path + ".tmp", path)


def one_process(paths):
    start = time.perf_counter()
    recorder, result = cxm.Recorder(), cxm.ImportResult()
    for path in paths:
        recorder.import_jsonl(path, result=result)
    report = recorder.report(input=result)
    return time.perf_counter() - start, report, recorder.to_snapshot()


def on_dask(client, paths):
    start = time.perf_counter()
    with get_task_stream(client) as stream:
        recorder, result = cxm.dask.import_jsonl(paths, client=client)
        report = recorder.report(input=result)
    return time.perf_counter() - start, report, recorder.to_snapshot(), stream.data


def breakdown(tasks, wall, workers, partitions):
    """Seconds of each kind of work, from the task stream."""
    sums = {"import": 0.0, "merge": 0.0, "transfer": 0.0, "other": 0.0}
    merges = 0
    for task in tasks:
        kind = ("import" if task["key"].startswith("_import") else
                "merge" if task["key"].startswith("_merge") else "other")
        merges += kind == "merge"
        for span in task["startstops"]:
            seconds = span["stop"] - span["start"]
            if span["action"] == "compute":
                sums[kind] += seconds
            elif span["action"] == "transfer":
                sums["transfer"] += seconds
    busy = sum(sums.values()) / workers
    print(f"bench dask where: import={sums['import']:.2f}s (task-seconds over "
          f"{partitions} partitions, {sums['import'] / partitions * 1000:.0f} ms each) "
          f"merge={sums['merge']:.3f}s ({merges} tasks, "
          f"{sums['merge'] / partitions * 1000:.1f} ms per partition) "
          f"transfer={sums['transfer']:.3f}s other={sums['other']:.3f}s "
          f"idle={max(0.0, wall - busy):.2f}s of wall {wall:.2f}s x {workers} workers "
          f"(scheduling, probe, client)")


def serialising(path):
    recorder = cxm.Recorder()
    recorder.import_jsonl(path)
    start = time.perf_counter()
    data = recorder.to_snapshot()
    saved = time.perf_counter() - start
    start = time.perf_counter()
    again = cxm.Recorder.from_snapshot(data)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    again.merge(recorder)
    merged = time.perf_counter() - start
    print(f"bench snapshot: bytes={len(data)} to_snapshot={saved * 1000:.1f}ms "
          f"from_snapshot={loaded * 1000:.1f}ms merge={merged * 1000:.1f}ms "
          f"(one file's sums)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--generate", help="examples/generate, to write missing files")
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.dir, args.files, args.records)
    paths = sorted(glob.glob(os.path.join(args.dir, "part-*.jsonl")))[:args.files]
    if not paths:
        sys.exit(f"dask-bench: no part-*.jsonl in {args.dir} (use --generate)")
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster, \
            Client(cluster) as client:
        best_one = best_dask = None
        for _ in range(args.repeat):
            seconds, report, snapshot = one_process(paths)
            best_one = seconds if best_one is None else min(best_one, seconds)
            dask_seconds, dask_report, dask_snapshot, tasks = on_dask(client, paths)
            if dask_seconds < (best_dask or float("inf")):
                best_dask, best_tasks = dask_seconds, tasks
            if snapshot.startswith(b'{"cxm_snapshot":1,'):
                # Format 1 carries the leadership totals only (format 2 all
                # of its sums): compare what it carries.
                same = dask_report["input"] == report["input"]
            else:
                same = (dask_report, dask_snapshot) == (report, snapshot)
            if not same:
                sys.exit("dask-bench: the cluster's report differs from one process's")
        records = report["input"]["records"]
        print(f"bench one process: files={len(paths)} records={records} "
              f"seconds={best_one:.2f} rate={records / best_one:.0f}/s "
              f"threads={os.cpu_count()}")
        print(f"bench dask: workers={args.workers} seconds={best_dask:.2f} "
              f"rate={records / best_dask:.0f}/s ratio={best_one / best_dask:.2f} "
              f"(one process's time over the cluster's; same report)")
        breakdown(best_tasks, best_dask, args.workers, len(paths))
    serialising(paths[0])


if __name__ == "__main__":
    main()
