#!/bin/sh
# SPDX-License-Identifier: MIT
# TAP: replays each seed corpus tests/fuzz/corpus/TARGET/ through its fuzz
# target tests/fuzz/TARGET, one test per target. The targets are either
# plain programs around replay-main.c (the normal build) or libFuzzer
# binaries (--enable-fuzzing); both run each file named on the command
# line once. A target that was not built is skipped.
#
# Inputs listed in tests/fuzz/known-crashes still crash because of a bug
# in lib/ that is not fixed yet: each is skipped, with its own test line,
# until its line is removed from that file.
#
# Run by `make check` with top_srcdir and top_builddir set (tests/local.mk).
# With CXM_VALGRIND=1 the plain targets run under valgrind, and any error it
# finds fails the target's test.
set -u

top_srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
top_builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
fuzz_src="$top_srcdir/tests/fuzz"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxm-fuzz-replay.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' 0
trap 'exit 1' HUP INT TERM

# GLib's slice allocator would hide leaks and overruns from valgrind.
G_SLICE=always-malloc
G_DEBUG=gc-friendly
export G_SLICE G_DEBUG

# The known crashes, one TARGET/FILE a line.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$fuzz_src/known-crashes" \
  >"$tmp/known" 2>/dev/null || : >"$tmp/known"

# Runs target $1 on the files named after it; output to $tmp/out.
run() {
  target=$1
  shift
  # Valgrind cannot run what ASan instruments (--enable-fuzzing).
  if [ "${CXM_VALGRIND:-0}" != 0 ] && ! grep -q __asan_init "$target"; then
    rm -f "$tmp"/vg.*
    "$top_builddir/libtool" --mode=execute \
      valgrind --quiet --log-file="$tmp/vg.%p" --leak-check=full \
      --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
      --error-exitcode=99 "$target" "$@" >"$tmp/out" 2>&1
    status=$?
    if [ $status -eq 0 ] && [ -n "$(find "$tmp" -name 'vg.*' -size +0)" ]; then
      status=99
    fi
    cat "$tmp"/vg.* >>"$tmp/out" 2>/dev/null
    return $status
  fi
  "$target" "$@" >"$tmp/out" 2>&1
}

count=0
for dir in "$fuzz_src"/corpus/*/; do
  name=$(basename "$dir")
  target="$top_builddir/tests/fuzz/$name"
  # The files, in name order, named one by one (a libFuzzer binary given a
  # directory would start fuzzing it), less the known crashes.
  set --
  for file in "$dir"*; do
    [ -f "$file" ] || continue
    if grep -qxF "$name/$(basename "$file")" "$tmp/known"; then
      count=$((count + 1))
      echo "ok $count - $name/$(basename "$file") # SKIP known crash (tests/fuzz/known-crashes)"
    else
      set -- "$@" "$file"
    fi
  done
  count=$((count + 1))
  if [ ! -x "$target" ]; then
    echo "ok $count - $name # SKIP not built"
    continue
  fi
  # Without files a libFuzzer binary would fuzz.
  if [ $# -eq 0 ]; then
    echo "ok $count - $name # SKIP no inputs"
    continue
  fi
  if run "$target" "$@"; then
    echo "ok $count - $name: $# inputs"
    continue
  fi
  # Name the inputs that fail, one run each.
  failing=""
  for file in "$@"; do
    run "$target" "$file" || failing="$failing $(basename "$file")"
  done
  echo "not ok $count - $name: fails on${failing:- the inputs together}"
  run "$target" "$@"
  tail -n 40 "$tmp/out" | sed 's/^/# /'
done
echo "1..$count"
