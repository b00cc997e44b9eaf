#!/bin/sh
# SPDX-License-Identifier: MIT
# The large reports of issue 11, as ratios measured in one run:
#   - 300,000 employees (one record each): the JSON report against the CSV
#     of the same input, time and peak memory;
#   - the scopes of a 1,000,000-person org, a chain (depth 1,000,000)
#     against a flat org (everyone under one manager), 100,000 records.
# Usage: large-reports.sh CXM DIR   (DIR receives about 600 MB of input)
set -eu
cxm=$1 dir=$2
mkdir -p "$dir"

python=$(command -v python3)
[ -s "$dir/e300k.jsonl" ] || "$python" - "$dir" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/e300k.jsonl", "w") as f:
    for i in range(300000):
        f.write('{"id":"r%d","ts":1772442900,"channel":"phone","employee":"e-%06d",'
                '"team":"t-%d","csat":%d}\n' % (i, i, i % 500, 1 + i % 5))
n = 1000000
for name, boss in (("chain", lambda i: i - 1), ("flat", lambda i: 0)):
    with open("%s/%s1m.json" % (d, name), "w") as f:
        f.write('{"people":[\n')
        f.write(",\n".join('{"id":"%d","level":"manager"%s}'
                           % (i, ',"manager":"%d"' % boss(i) if i else "")
                           for i in range(n)))
        f.write("]}\n")
with open(d + "/r100k.jsonl", "w") as f:
    for i in range(0, n, 10):
        f.write('{"id":"r%d","ts":1772442900,"channel":"phone","employee":"%d",'
                '"csat":%d}\n' % (i, i, 1 + i % 5))
PY

# run LABEL ARGS...: the best of three wall times and the peak RSS of that run
run() {
  label=$1
  shift
  best=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$dir/time" "$cxm" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
    read -r t m <"$dir/time"
    if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t rss=$m; fi
  done
  printf '%-34s %7.2f s %8.1f MiB\n' "$label" "$best" "$(awk "BEGIN { print $rss / 1024 }")"
  eval "${label%% *}_t=$best"
}

run "csv 300k employees" report --group employees --format csv "$dir/e300k.jsonl"
run "json 300k employees" report --group employees "$dir/e300k.jsonl"
awk "BEGIN { printf \"json / csv time: %.2f (target <= 2)\\n\", $json_t / $csv_t }"
run "chain scopes 1M people (csv)" report --org "$dir/chain1m.json" --group scopes \
  --format csv "$dir/r100k.jsonl"
run "flat scopes 1M people (csv)" report --org "$dir/flat1m.json" --group scopes \
  --format csv "$dir/r100k.jsonl"
awk "BEGIN { printf \"chain / flat time: %.2f\\n\", $chain_t / $flat_t }"
