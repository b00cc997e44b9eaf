#!/bin/sh
# SPDX-License-Identifier: MIT
# TAP test: every command of `cxm --help` has its man page (doc/local.mk
# lists them), each page is what doc/make-man.sh makes of the help now,
# and groff formats it without a warning.
LC_ALL=C
export LC_ALL

srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
cxm="$builddir/tools/cxm"
make_man="$srcdir/doc/make-man.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxm-man.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! commands=$(sh "$make_man" "$cxm" --commands) || [ -z "$commands" ]; then
  echo "1..1"
  echo "not ok 1 - the commands of cxm --help # none found"
  exit 0
fi
pages="cxm"
for c in $commands; do pages="$pages cxm-$c"; done
set -- $pages
echo "1..$(($# * 2))"

n=0
for page in $pages; do
  file="$builddir/doc/$page.1"
  command=${page#cxm}
  command=${command#-}
  n=$((n + 1))
  if [ ! -f "$file" ]; then
    echo "not ok $n - $page.1 is up to date # not built: add doc/$page.1 to cxm_man_pages in doc/local.mk"
  elif ! sh "$make_man" "$cxm" $command >"$tmp/$page.1" ||
      ! cmp -s "$tmp/$page.1" "$file"; then
    echo "not ok $n - $page.1 is up to date # differs from doc/make-man.sh's output"
  else
    echo "ok $n - $page.1 is up to date"
  fi
  n=$((n + 1))
  if ! command -v groff >/dev/null 2>&1; then
    echo "ok $n - groff formats $page.1 # SKIP groff not installed"
  elif [ ! -f "$file" ]; then
    echo "not ok $n - groff formats $page.1 # not built"
  else
    warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$file" 2>&1)
    if [ -n "$warnings" ]; then
      echo "not ok $n - groff formats $page.1"
      printf '%s\n' "$warnings" | sed 's/^/# /'
    else
      echo "ok $n - groff formats $page.1"
    fi
  fi
done
