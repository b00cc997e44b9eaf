#!/bin/sh
# SPDX-License-Identifier: MIT
# TAP: the cases taken from JSONTestSuite (tests/cases/records/jsts-*,
# tests/cases/README.md) keep the verdicts RFC 8259 gives them: every n_
# case is refused as not JSON (invalid JSON, invalid UTF-8, or nesting too
# deep), no y_ case is (it is valid JSON, then judged as a record), and
# every i_ case has an outcome written down. The runners check each
# outcome exactly; this checks that the outcomes stay on the right side.
set -u

cases=${CXM_TEST_CASES:-${top_srcdir:-.}/tests/cases}/records
n=0
fail=0
for dir in "$cases"/jsts-*; do
  name=${dir##*/jsts-}
  code=$(sed -n '1s/ .*//p' "$dir/expect")
  syntax=no
  case $code in INVALID_JSON | INVALID_UTF8 | TOO_DEEP | TOO_LONG) syntax=yes ;; esac
  n=$((n + 1))
  case $name in
  n_*) want=yes ;;
  y_*) want=no ;;
  *) want=$syntax ;;
  esac
  if [ "$syntax" = "$want" ]; then
    echo "ok $n - $name: $code"
  else
    echo "not ok $n - $name: $code"
    fail=1
  fi
done
echo "1..$n"
exit $fail
