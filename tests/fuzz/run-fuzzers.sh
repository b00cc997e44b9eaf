#!/bin/sh
# SPDX-License-Identifier: MIT
# Fuzzes each target of tests/fuzz/ for SECONDS seconds (CI):
#   tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]
# Builds the targets with clang, libFuzzer, ASan and UBSan in a build
# directory of its own (_build-fuzz/ in the source tree, or $CXM_FUZZ_BUILD),
# then runs each target with -max_total_time=SECONDS on a copy of its seed
# corpus (less tests/fuzz/known-crashes) in a temporary directory, where new
# inputs go: the source tree is not written to. Crashes, leaks, timeouts and
# out-of-memory inputs are saved in the build directory's fuzz-artifacts/
# and printed (hex); the script fails if any target found one.
#
# CXM_FUZZ_FLAGS adds libFuzzer flags (e.g. "-max_len=8192 -jobs=2").
#
# Installs clang (and the libFuzzer runtime) with apt-get when missing: CI
# runs as root on a fresh Debian 12.
set -eu

usage() {
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
}
[ $# -ge 1 ] || usage
seconds=$1
shift
case $seconds in '' | *[!0-9]*) usage ;; esac

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
build=${CXM_FUZZ_BUILD:-$srcdir/_build-fuzz}
if [ $# -gt 0 ]; then
  targets="$*"
else
  targets=$(for dir in "$srcdir"/tests/fuzz/corpus/*/; do basename "$dir"; done | tr '\n' ' ')
  targets=${targets% }
fi
jobs=$(nproc 2>/dev/null || echo 2)

# clang, and libFuzzer's runtime (only recommended by Debian's clang).
can_fuzz() {
  probe=$(mktemp -d "${TMPDIR:-/tmp}/cxm-fuzz-probe.XXXXXX")
  printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return d == NULL && n > 0; }' \
    >"$probe/probe.c"
  ok=0
  clang -fsanitize=fuzzer,address,undefined -o "$probe/probe" "$probe/probe.c" \
    >/dev/null 2>&1 || ok=1
  rm -rf "$probe"
  return $ok
}
if ! command -v clang >/dev/null 2>&1 || ! can_fuzz; then
  echo "run-fuzzers: installing clang and libFuzzer"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang libclang-rt-dev
  can_fuzz || { echo "run-fuzzers: clang cannot build libFuzzer targets" >&2; exit 1; }
fi

echo "== building the fuzz targets in $build"
[ -x "$srcdir/configure" ] || (cd "$srcdir" && ./autogen.sh)
mkdir -p "$build"
(
  cd "$build"
  # Reconfigure unless this directory is already a fuzzing build.
  grep -q '^FUZZ_LDFLAGS = -fsanitize=fuzzer' Makefile 2>/dev/null ||
    "$srcdir/configure" --quiet CC=clang CXX=clang++ --enable-fuzzing --disable-tests \
      --disable-python
  for target in $targets; do
    make -j"$jobs" "tests/fuzz/$target"
  done
)

work=$(mktemp -d "${TMPDIR:-/tmp}/cxm-fuzz.XXXXXX")
trap 'rm -rf "$work"' 0
trap 'exit 1' HUP INT TERM
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
known=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$srcdir/tests/fuzz/known-crashes")

# Runs are reproducible from the seeds and the log; GLib's slice allocator
# would hide allocations from ASan.
export G_SLICE=always-malloc
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=""
for target in $targets; do
  echo "== fuzzing $target for $seconds s"
  corpus="$work/$target"
  mkdir -p "$corpus"
  for file in "$srcdir/tests/fuzz/corpus/$target"/*; do
    [ -f "$file" ] || continue
    case "
$known
" in
    *"
$target/$(basename "$file")
"*) echo "(leaving out known crash $(basename "$file"))" ;;
    *) cp "$file" "$corpus/" ;;
    esac
  done
  rm -f "$artifacts/$target-"*
  status=0
  # shellcheck disable=SC2086 # CXM_FUZZ_FLAGS: more libFuzzer flags
  "$build/tests/fuzz/$target" ${CXM_FUZZ_FLAGS:-} -max_total_time="$seconds" -timeout=25 \
    -rss_limit_mb=2048 -print_final_stats=1 -dict="$srcdir/tests/fuzz/cxm.dict" \
    -artifact_prefix="$artifacts/$target-" "$corpus" >"$work/$target.log" 2>&1 ||
    status=$?
  # The progress lines are long; keep the start, the end and any report.
  grep -E '^INFO: seed|^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|^Done ' \
    "$work/$target.log" || true
  if [ $status -ne 0 ]; then
    failed="$failed $target"
    echo "!! $target failed (exit status $status):"
    # From the report on, or else the end of the log.
    sed -n '/^==[0-9]*==ERROR\|runtime error\|invariant failed\|^fuzz: \|^ALARM\|^==[0-9]*== ERROR: libFuzzer/,$p' \
      "$work/$target.log" >"$work/report"
    [ -s "$work/report" ] || tail -n 40 "$work/$target.log" >"$work/report"
    head -n 80 "$work/report"
    for artifact in "$artifacts/$target-"*; do
      [ -f "$artifact" ] || continue
      echo "-- $artifact ($(wc -c <"$artifact") bytes):"
      od -An -c "$artifact" | head -n 40
    done
  fi
done

if [ -n "$failed" ]; then
  echo "run-fuzzers: failed:$failed (inputs in $artifacts)"
  exit 1
fi
echo "run-fuzzers: no crash in $seconds s per target: $targets"
