#!/bin/sh
# TAP tests of the cxm command-line tool: exact outputs for the small
# inputs in tests/cli/ (expected outputs in tests/cli/expected/), exit
# statuses and messages, and the examples' sample data.
#
# Run by `make check` with top_srcdir and top_builddir set (tests/local.mk).
# Inputs are read from the source tree, so that VPATH builds and distcheck
# work; scratch files go to a temporary directory. With CXM_VALGRIND=1 every
# cxm run goes through valgrind, and any error it finds fails the last test.
set -u

top_srcdir=$(cd "${top_srcdir:-.}" && pwd) || exit 99
top_builddir=$(cd "${top_builddir:-.}" && pwd) || exit 99
cli="$top_srcdir/tests/cli"
expected="$cli/expected"
cxm="$top_builddir/tools/cxm"
generate="$top_builddir/examples/generate"
sample="$top_srcdir/examples/data/interactions.jsonl"

# Messages and number formats must not depend on the user's locale.
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cxm-test-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' 0
trap 'exit 1' HUP INT TERM

# Errors name files as given: run from the fixtures' directory so that they
# read "small.jsonl: line 2: ..." whatever the build layout.
cd "$cli" || exit 99

count=0

ok() {
  count=$((count + 1))
  echo "ok $count - $1"
}

not_ok() {
  count=$((count + 1))
  echo "not ok $count - $1"
}

# Prints standard input as TAP comments.
diag() {
  sed 's/^/# /'
}

# run ARG...: runs cxm with standard input from $input, leaving standard
# output in $tmp/out, standard error in $tmp/err and the exit status in
# $status.
input=/dev/null
run() {
  if [ "${CXM_VALGRIND:-0}" != 0 ]; then
    "$top_builddir/libtool" --mode=execute \
      valgrind --quiet --log-file="$tmp/vg.%p" --leak-check=full \
      --errors-for-leak-kinds=definite,indirect \
      --show-leak-kinds=definite,indirect --error-exitcode=99 \
      "$cxm" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
  else
    "$cxm" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
  fi
  status=$?
}

# check DESCRIPTION STATUS STDOUT STDERR: judges the last run. STDOUT and
# STDERR are a file to compare with, "empty", or "any".
check() {
  desc=$1 want_status=$2 want_out=$3 want_err=$4
  : >"$tmp/why"
  if [ "$status" -ne "$want_status" ]; then
    echo "exit status $status, expected $want_status" >>"$tmp/why"
  fi
  for stream in out err; do
    if [ "$stream" = out ]; then want=$want_out; else want=$want_err; fi
    case $want in
    any) ;;
    empty)
      if [ -s "$tmp/$stream" ]; then
        echo "std$stream should be empty, it is:" >>"$tmp/why"
        head -n 20 "$tmp/$stream" >>"$tmp/why"
      fi
      ;;
    *.json)
      # One long line: diff it a value per line to show what differs.
      if ! cmp -s "$want" "$tmp/$stream"; then
        echo "std$stream differs from $want:" >>"$tmp/why"
        tr ',' '\n' <"$want" >"$tmp/want.split"
        tr ',' '\n' <"$tmp/$stream" >"$tmp/got.split"
        diff -u "$tmp/want.split" "$tmp/got.split" | head -n 60 >>"$tmp/why"
      fi
      ;;
    *)
      if ! diff -u "$want" "$tmp/$stream" >"$tmp/diff" 2>&1; then
        echo "std$stream differs from $want:" >>"$tmp/why"
        head -n 60 "$tmp/diff" >>"$tmp/why"
      fi
      ;;
    esac
  done
  if [ -s "$tmp/why" ]; then
    not_ok "$desc"
    diag <"$tmp/why"
  else
    ok "$desc"
  fi
}

# expect_line DESCRIPTION FILE PATTERN: FILE has a line matching the
# grep basic regular expression PATTERN.
expect_line() {
  if grep -q -e "$3" "$2"; then
    ok "$1"
  else
    not_ok "$1"
    echo "no line matches: $3" | diag
    head -n 20 "$2" | diag
  fi
}

# One line on standard error, "cxm: " and the message; nothing on stdout.
check_usage_error() {
  desc=$1
  if [ "$status" -eq 2 ] && [ ! -s "$tmp/out" ] &&
     [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^cxm: .' "$tmp/err"; then
    ok "$desc"
  else
    not_ok "$desc"
    {
      echo "exit status $status (expected 2); stderr:"
      cat "$tmp/err"
      echo "stdout:"
      head -n 5 "$tmp/out"
    } | diag
  fi
}

# Widest line of a file, in columns, for the table's 80-column promise.
# Bytes in the C locale, once the tool's two multibyte characters count one.
widest() {
  sed 's/±/+/g; s/…/./g' "$1" |
    awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }'
}

# ---- version and help --------------------------------------------------

version=$(sed -n 's/^#define CXM_VERSION_STRING "\(.*\)"$/\1/p' \
  "$top_builddir/include/cxm/version.h")
echo "cxm $version" >"$tmp/version"
run --version
check "--version prints cxm $version" 0 "$tmp/version" empty

run --help
if [ "$status" -eq 0 ] && grep -q '^Usage:' "$tmp/out" &&
   grep -q 'report' "$tmp/out" && grep -q '^Exit status:' "$tmp/out"; then
  ok "--help documents the commands and exit statuses"
else
  not_ok "--help documents the commands and exit statuses"
  head -n 40 "$tmp/out" "$tmp/err" | diag
fi

run report --help
missing=""
for word in '--policy' '--group' '--format' '--strict' '--pretty' \
  'Exit status:' 'cxm report'; do
  grep -q -e "$word" "$tmp/out" || missing="$missing $word"
done
if [ "$status" -eq 0 ] && [ -z "$missing" ] && [ ! -s "$tmp/err" ]; then
  ok "report --help documents every option and the exit statuses"
else
  not_ok "report --help documents every option and the exit statuses"
  echo "exit status $status; missing:$missing" | diag
fi

# ---- reports -----------------------------------------------------------

run report small.jsonl
check "json report of a small file" 0 "$expected/small.json" empty

run report --strict small.jsonl
check "--strict changes nothing on clean input" 0 "$expected/small.json" empty

input=small.jsonl
run report -
input=/dev/null
check "- reads standard input" 0 "$expected/small.json" empty

run report --pretty small.jsonl
tr -d ' \n' <"$tmp/out" >"$tmp/pretty"
tr -d ' \n' <"$expected/small.json" >"$tmp/compact"
if [ "$status" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -gt 10 ] &&
   cmp -s "$tmp/pretty" "$tmp/compact"; then
  ok "--pretty indents the same report"
else
  not_ok "--pretty indents the same report"
  head -n 5 "$tmp/out" | diag
fi

run report --format table small.jsonl
check "table report" 0 "$expected/small.table" empty

run report --group teams,channels small.jsonl
check "--group teams,channels (json)" 0 "$expected/small-groups.json" empty

run report --group teams --group channels small.jsonl
check "--group may be repeated" 0 "$expected/small-groups.json" empty

run report --format table --group teams,channels small.jsonl
check "--group teams,channels (table)" 0 "$expected/small-groups.table" empty

run report --policy policy.json --format table --group teams small.jsonl
check "--policy: thresholds, min_sample and min_group apply" 0 \
  "$expected/small-policy.table" empty

run report --format table --group teams,employees long.jsonl
check "table: long and wide keys cut to fit, control characters shown as ?" 0 \
  "$expected/long.table" empty

# Several files add up: the same report as their concatenation.
cat small.jsonl small2.jsonl >"$tmp/both.jsonl"
input="$tmp/both.jsonl"
run report --group teams,employees,channels -
input=/dev/null
mv "$tmp/out" "$tmp/concatenated"
run report --group teams,employees,channels small.jsonl small2.jsonl
check "two files add up to their concatenation" 0 "$tmp/concatenated" empty
expect_line "two files: 15 + 4 records" "$tmp/out" \
  '"input":{"records":19,"accepted":19,"rejected":0,"leadership":3,'

# ---- rejections --------------------------------------------------------

run report rejects.jsonl
check "rejected records: exit 1, report and first 10 errors" 1 \
  "$expected/rejects.json" "$expected/rejects.stderr"

run report --format table rejects.jsonl
check "rejected records, table: the same errors on stderr" 1 any \
  "$expected/rejects.stderr"
expect_line "table header counts the rejections" "$tmp/out" \
  '^policy "default": 16 records, 4 accepted (1 leadership), 12 rejected$'

run report --strict rejects.jsonl
echo 'cxm: rejects.jsonl: line 2: csat must be an integer 1..5, got 7' >"$tmp/want"
check "--strict stops at the first bad record, no report" 1 empty "$tmp/want"

input=rejects.jsonl
run report --strict -
input=/dev/null
echo 'cxm: <stdin>: line 2: csat must be an integer 1..5, got 7' >"$tmp/want"
check "--strict on standard input names <stdin>" 1 empty "$tmp/want"

# Messages about JSON syntax and UTF-8 carry details from the parser: only
# their start is fixed.
run report malformed.jsonl
if [ "$status" -eq 1 ] &&
   [ "$(sed -n 1p "$tmp/err")" = "cxm: 3 of 5 records rejected" ] &&
   sed -n 2p "$tmp/err" | grep -q '^malformed\.jsonl: line 1: invalid JSON: ' &&
   sed -n 3p "$tmp/err" | grep -q '^malformed\.jsonl: line 2: invalid UTF-8' &&
   [ "$(sed -n 4p "$tmp/err")" = "malformed.jsonl: line 3: JSON nested deeper than 8 levels" ] &&
   [ "$(wc -l <"$tmp/err")" -eq 4 ]; then
  ok "invalid JSON, invalid UTF-8 and nesting deeper than 8 are rejected"
else
  not_ok "invalid JSON, invalid UTF-8 and nesting deeper than 8 are rejected"
  { echo "exit status $status; stderr:"; cat "$tmp/err"; } | diag
fi

# ---- usage and I/O errors ----------------------------------------------

run
check_usage_error "no arguments: exit 2"

run report
check_usage_error "report without FILE: exit 2"

run frobnicate small.jsonl
check_usage_error "unknown command: exit 2"

run --frobnicate
check_usage_error "unknown option before the command: exit 2"

run report --frobnicate small.jsonl
check_usage_error "unknown option: exit 2"

run report --group teams,bogus small.jsonl
echo 'cxm: unknown group "bogus" (expected teams, employees or channels)' >"$tmp/want"
check "unknown group: exit 2" 2 empty "$tmp/want"

run report --format xml small.jsonl
echo 'cxm: unknown format "xml" (expected json or table)' >"$tmp/want"
check "unknown format: exit 2" 2 empty "$tmp/want"

run report small.jsonl no-such-file.jsonl
check_usage_error "missing file: exit 2, no report"
expect_line "missing file: the message names it" "$tmp/err" 'no-such-file\.jsonl'

run report --policy bad-policy.json small.jsonl
check_usage_error "bad policy file: exit 2"
expect_line "bad policy file: the message names the file and the key" "$tmp/err" \
  'bad-policy\.json.*csat_postive_min'

run report --policy no-such-policy.json small.jsonl
check_usage_error "missing policy file: exit 2"

if [ -w /dev/full ]; then
  "$cxm" report small.jsonl >/dev/full 2>"$tmp/err"
  status=$?
  if [ "$status" -eq 2 ] && grep -q '^cxm: ' "$tmp/err"; then
    ok "write error on standard output: exit 2"
  else
    not_ok "write error on standard output: exit 2"
    { echo "exit status $status; stderr:"; cat "$tmp/err"; } | diag
  fi
else
  ok "write error on standard output: exit 2 # SKIP no /dev/full"
fi

# ---- the examples' sample data -------------------------------------------

# The committed file is what the generator writes: its output must be the
# same on every platform for a seed.
if "$generate" --count 4000 --seed 42 --bad 12 >"$tmp/generated.jsonl" &&
   cmp -s "$tmp/generated.jsonl" "$sample"; then
  ok "generate --count 4000 --seed 42 --bad 12 reproduces the sample data"
else
  not_ok "generate --count 4000 --seed 42 --bad 12 reproduces the sample data"
  cmp "$tmp/generated.jsonl" "$sample" 2>&1 | diag
fi

run report --group teams,employees,channels "$sample"
mv "$tmp/out" "$tmp/sample.json"
if [ "$status" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 12 ] &&
   sed -n 12p "$tmp/err" | grep -q '^cxm: 2 more rejections not shown$' &&
   grep -q '"input":{"records":4012,"accepted":4000,"rejected":12,' "$tmp/sample.json"; then
  ok "sample data: 4012 records, 12 rejected, 10 shown"
else
  not_ok "sample data: 4012 records, 12 rejected, 10 shown"
  { echo "exit status $status; stderr:"; cat "$tmp/err"; } | diag
fi

# Every reason, level, channel, difficulty and emotion occurs in the totals.
sed 's/.*"totals":{//; s/,"levels":.*//' "$tmp/sample.json" >"$tmp/totals"
sed 's/.*"levels":{//' "$tmp/sample.json" >"$tmp/levels"
absent=""
for name in customer_negative difficulty_unresolved both_hurt \
  no_positive_signal one_sided difficulty_overcome beyond_role proactive \
  empowered delighted routine; do
  grep -q "\"reasons\":{[^}]*\"$name\":[1-9]" "$tmp/totals" || absent="$absent $name"
done
for name in no_immediate_answer exceeds_offering service_chain_failure \
  missing_information miscommunication customer_insists customer_upset \
  fear anger anxiety stress; do
  grep -q "\"$name\":{\"count\":[1-9]" "$tmp/totals" || absent="$absent $name"
done
for name in frontline manager senior_leader unassigned; do
  grep -q "\"$name\":{\"n\":[1-9]" "$tmp/levels" || absent="$absent $name"
done
for name in web phone email chat in_person social other; do
  grep -q "\"channels\":{.*\"$name\":{\"n\":[1-9]" "$tmp/sample.json" || absent="$absent $name"
done
for name in purpose_huddle recognition coaching standard_review communication; do
  grep -q "\"by_type\":{[^}]*\"$name\":[1-9]" "$tmp/sample.json" || absent="$absent $name"
done
if [ -z "$absent" ]; then
  ok "sample data: every reason, level, channel, difficulty, emotion, leadership type"
else
  not_ok "sample data: every reason, level, channel, difficulty, emotion, leadership type"
  echo "absent:$absent" | diag
fi

run report --format table --group teams,employees,channels "$sample"
width=$(widest "$tmp/out")
if [ "$status" -eq 1 ] && [ "$width" -le 80 ] && [ "$(wc -l <"$tmp/out")" -gt 150 ]; then
  ok "sample data table: no line over 80 columns"
else
  not_ok "sample data table: no line over 80 columns"
  echo "exit status $status, widest line $width columns" | diag
fi

# ---- memory ----------------------------------------------------------------

if [ "${CXM_VALGRIND:-0}" = 0 ]; then
  ok "valgrind finds no errors # SKIP CXM_VALGRIND is not set"
elif [ -z "$(find "$tmp" -name 'vg.*' -size +0)" ]; then
  ok "valgrind finds no errors"
else
  not_ok "valgrind finds no errors"
  cat "$tmp"/vg.* | diag
fi

echo "1..$count"
