#!/bin/sh
# SPDX-License-Identifier: MIT
# TAP: every record case of tests/cases/records/ (tests/cases/README.md)
# through `cxm validate`, between the two good lines the C runner
# (tests/test-cases.c) puts around it: a rejected record is listed as
# "FILE: line 2: message", with exit status 1 and "cxm: 1 of 3 records
# rejected"; an accepted one leaves the output empty, with exit status 0 and
# "cxm: all 3 records valid". One test a case; a case with a file known is
# a known bug: its outcome today (known, after the first line) is checked,
# and the test skipped.
#
# Run by `make check` with top_srcdir, top_builddir and CXM_TEST_CASES set
# (tests/local.mk). With CXM_VALGRIND=1 every fourth case's cxm run goes
# through valgrind, and any error it finds fails the case: tests/test-cases
# already runs every case in process under valgrind, and a valgrind start
# a case made this script CI's longest.
set -u

top_srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
top_builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
cases=${CXM_TEST_CASES:-$top_srcdir/tests/cases}
cxm="$top_builddir/tools/cxm"

GOOD1='{"id":"g1","ts":"2026-03-02T09:15:00Z","channel":"web","team":"t","csat":5}'
GOOD2='{"id":"g2","ts":"2026-03-02T09:16:00Z","channel":"phone","team":"t","csat":2}'

# Byte semantics for the comparisons, and messages in no other language.
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxm-test-cases-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' 0
trap 'exit 1' HUP INT TERM

count=0

# matches PATTERN TEXT: TEXT is PATTERN, in which "*" matches any run of
# characters (and nothing else is special).
matches() {
  P=$1 T=$2 awk 'BEGIN {
    p = ENVIRON["P"]; t = ENVIRON["T"]
    n = split(p, part, /\*/)
    if (n <= 1) exit !(p == t)
    if (substr(t, 1, length(part[1])) != part[1]) exit 1
    pos = length(part[1]) + 1
    for (i = 2; i < n; i++) {
      k = index(substr(t, pos), part[i])
      if (k == 0) exit 1
      pos += k - 1 + length(part[i])
    }
    rest = substr(t, pos)
    if (length(rest) < length(part[n])) exit 1
    exit !(substr(rest, length(rest) - length(part[n]) + 1) == part[n])
  }'
}

# run FILE: cxm validate FILE in $tmp; output in $tmp/out and $tmp/err,
# exit status in $status.
runs=0
run() {
  runs=$((runs + 1))
  if [ "${CXM_VALGRIND:-0}" != 0 ] && [ $((runs % 4)) -eq 1 ]; then
    (cd "$tmp" && "$top_builddir/libtool" --mode=execute \
      valgrind --quiet --log-file="$tmp/vg.%p" --leak-check=full \
      --errors-for-leak-kinds=definite,indirect \
      --show-leak-kinds=definite,indirect --error-exitcode=99 \
      "$cxm" validate "$1" >"$tmp/out" 2>"$tmp/err")
  else
    (cd "$tmp" && "$cxm" validate "$1" >"$tmp/out" 2>"$tmp/err")
  fi
  status=$?
  # what valgrind found goes with the case
  if [ -n "$(find "$tmp" -name 'vg.*' -size +0)" ]; then
    echo "valgrind:"
    cat "$tmp"/vg.*
  fi
  rm -f "$tmp"/vg.*
}

# check CASE_DIR EXPECT: prints why the case's outcome differs from the
# expect file EXPECT, nothing when not.
check() {
  file="$(basename "$1").jsonl"
  {
    printf '%s\n' "$GOOD1"
    cat "$1/input"
    # the input's line end, when it has none (od: the last byte may be a NUL)
    [ "$(tail -c 1 "$1/input" | od -An -tx1 | tr -d ' ')" = 0a ] || echo
    printf '%s\n' "$GOOD2"
  } >"$tmp/$file"
  run "$file"
  first=$(sed -n 1p "$2")
  case $first in
  accepted*)
    [ "$status" -eq 0 ] || echo "exit status $status, expected 0"
    [ ! -s "$tmp/out" ] || { echo "output, expected none:"; cat "$tmp/out"; }
    [ "$(cat "$tmp/err")" = "cxm: all 3 records valid" ] ||
      { echo "standard error, expected \"cxm: all 3 records valid\":"; cat "$tmp/err"; }
    ;;
  *)
    message=$(sed -n 2p "$2")
    [ "$status" -eq 1 ] || echo "exit status $status, expected 1"
    if [ "$(wc -l <"$tmp/out")" -ne 1 ] ||
       ! matches "$file: line 2: $message" "$(cat "$tmp/out")"; then
      printf 'output, expected "%s":\n' "$file: line 2: $message"
      cat "$tmp/out"
    fi
    [ "$(cat "$tmp/err")" = "cxm: 1 of 3 records rejected" ] ||
      { echo "standard error, expected \"cxm: 1 of 3 records rejected\":"; cat "$tmp/err"; }
    ;;
  esac
}

for dir in "$cases"/records/*/; do
  dir=${dir%/}
  [ -f "$dir/input" ] || continue
  name="records/$(basename "$dir")"
  count=$((count + 1))
  if [ -f "$dir/known" ]; then
    # a known bug: its first line says which, the rest what happens today
    tail -n +2 "$dir/known" >"$tmp/today"
    check "$dir" "$tmp/today" >"$tmp/why" 2>&1
    if [ -s "$tmp/why" ]; then
      echo "not ok $count - $name: the outcome of a known bug changed (if it is fixed, delete its file known)"
      sed 's/^/# /' "$tmp/why"
    else
      echo "ok $count - $name # SKIP known bug: $(sed -n 1p "$dir/known")"
    fi
    continue
  fi
  check "$dir" "$dir/expect" >"$tmp/why" 2>&1
  if [ -s "$tmp/why" ]; then
    echo "not ok $count - $name"
    sed 's/^/# /' "$tmp/why"
  else
    echo "ok $count - $name"
  fi
done

# A missing folder fails here rather than running nothing.
count=$((count + 1))
if [ "$count" -gt 10 ]; then
  echo "ok $count - $((count - 1)) record cases under $cases"
else
  echo "not ok $count - $((count - 1)) record cases under $cases"
fi

echo "1..$count"
