#!/bin/sh
# SPDX-License-Identifier: MIT
# TAP test: the shared library exports exactly the public API.
# tests/cxm.symbols lists every CXM_EXTERN function of include/cxm/*.h,
# sorted bytewise, one per line. Regenerate it after an API change with:
#   cat include/cxm/*.h | tr '\n' ' ' | grep -o 'CXM_EXTERN[^;(]*(' \
#     | sed -E 's/.*[ *]([a-z_0-9]+)\s*\($/\1/' | grep '^cxm_' \
#     | LC_ALL=C sort -u > tests/cxm.symbols
LC_ALL=C
export LC_ALL

srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
nm_prog=${NM:-nm}
lib="$builddir/lib/.libs/libcxm.so"
expected="$srcdir/tests/cxm.symbols"

echo "1..2"

if [ ! -f "$lib" ]; then
  echo "not ok 1 - every exported symbol starts with cxm_ # $lib not found"
  echo "not ok 2 - exported symbols match tests/cxm.symbols # $lib not found"
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxm-symbols.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# Defined text, data, BSS and read-only symbols of the dynamic table; the
# "@VERSION" suffix of versioned symbols is dropped.
if ! $nm_prog -D --defined-only "$lib" >"$tmp/nm" 2>"$tmp/nm.err"; then
  echo "not ok 1 - every exported symbol starts with cxm_ # $nm_prog failed"
  sed 's/^/# /' "$tmp/nm.err"
  echo "not ok 2 - exported symbols match tests/cxm.symbols # $nm_prog failed"
  exit 1
fi
# Weak (W, V) and unique (u) symbols too: template instantiations of the
# C++ standard library have default visibility and would leak as those.
awk 'NF >= 3 && $2 ~ /^[TDBRWVu]$/ { sub(/@.*/, "", $3); print $3 }' "$tmp/nm" \
  | sort -u >"$tmp/actual"

status=0

if grep -v '^cxm_' "$tmp/actual" >"$tmp/foreign"; then
  echo "not ok 1 - every exported symbol starts with cxm_"
  sed 's/^/# exported: /' "$tmp/foreign"
  status=1
elif [ ! -s "$tmp/actual" ]; then
  echo "not ok 1 - every exported symbol starts with cxm_ # no symbols found"
  status=1
else
  echo "ok 1 - every exported symbol starts with cxm_"
fi

sort -u "$expected" >"$tmp/expected"
if diff -u "$tmp/expected" "$tmp/actual" >"$tmp/diff"; then
  echo "ok 2 - exported symbols match tests/cxm.symbols"
else
  echo "not ok 2 - exported symbols match tests/cxm.symbols"
  echo "# --- tests/cxm.symbols, +++ exported by $lib"
  sed 's/^/# /' "$tmp/diff"
  status=1
fi

exit $status
