#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one Criterion test binary with TAP on stdout.
#
# With CXM_VALGRIND=1 the binary runs under valgrind. Criterion runs each
# test in a forked worker whose stderr it captures and whose exit status
# does not reflect valgrind's findings, so every process logs to its own
# file (valgrind --quiet writes only what it finds) and this script fails
# the test if any log is not empty. Under valgrind Criterion runs one
# worker at a time unless told otherwise; it is told to run one per CPU, as
# it does without valgrind (it warns that valgrind's reports may interleave:
# here they are apart, a file per process).
test="$1"
shift
if [ "${CXM_VALGRIND:-0}" = 0 ]; then
  exec "$test" --tap=- -q "$@"
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/cxm-valgrind.XXXXXX") || exit 99
"${top_builddir:-.}/libtool" --mode=execute \
  valgrind --quiet --trace-children=yes --log-file="$logs/vg.%p" \
  --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect --error-exitcode=99 \
  "$test" --tap=- -q -j"$(nproc 2>/dev/null || echo 1)" "$@"
status=$?
if [ -n "$(find "$logs" -type f -size +0)" ]; then
  echo "valgrind found errors in $test:" >&2
  cat "$logs"/vg.* >&2
  status=1
fi
rm -rf "$logs"
exit $status
