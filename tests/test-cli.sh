#!/bin/sh
# SPDX-License-Identifier: MIT
# TAP tests of the cxm command-line tool (report, record, snapshot,
# classify, validate): exact outputs for the small inputs in tests/cli/ and
# tests/data/ (expected outputs in tests/cli/expected/), exit statuses and
# messages, journals (acknowledgements, replay, torn lines, the writer's
# lock), snapshots and their merges, the group bound, progress on a
# terminal, and the examples' sample data.
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
# The message of the first bad record of rejects.jsonl (csat 7), from its
# case (tests/cases/README.md).
csat7=$(sed -n 2p "${CXM_TEST_CASES:-$top_srcdir/tests/cases}/records/csat-above-5/expect")

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

# expect_but_not DESCRIPTION PRESENT ABSENT: the last run succeeded, and a
# line of its output matches PRESENT and none ABSENT.
expect_but_not() {
  if [ "$status" -eq 0 ] && grep -q -e "$2" "$tmp/out" && ! grep -q -e "$3" "$tmp/out"
  then
    ok "$1"
  else
    not_ok "$1"
    echo "exit status $status; expected a line matching: $2; none matching: $3" | diag
    head -n 40 "$tmp/out" | diag
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
   grep -q '^  report ' "$tmp/out" && grep -q '^  classify ' "$tmp/out" &&
   grep -q '^  validate ' "$tmp/out" && grep -q '^  record ' "$tmp/out" &&
   grep -q '^  snapshot ' "$tmp/out" && grep -q '^Exit status:' "$tmp/out"; then
  ok "--help documents the commands and exit statuses"
else
  not_ok "--help documents the commands and exit statuses"
  head -n 40 "$tmp/out" "$tmp/err" | diag
fi

# check_help COMMAND WORD...: COMMAND --help mentions every WORD, its usage
# line and its exit statuses, and fits in 80 columns.
check_help() {
  command=$1
  shift
  run "$command" --help
  missing=""
  for word in "$@" 'Exit status:' "cxm $command \\[OPTION"; do
    grep -q -e "$word" "$tmp/out" || missing="$missing $word"
  done
  width=$(widest "$tmp/out")
  if [ "$status" -eq 0 ] && [ -z "$missing" ] && [ ! -s "$tmp/err" ] &&
     [ "$width" -le 80 ]; then
    ok "$command --help documents every option and the exit statuses"
  else
    not_ok "$command --help documents every option and the exit statuses"
    echo "exit status $status; widest line $width; missing:$missing" | diag
  fi
}

check_help report --policy --org --group --compare --format --output --strict --pretty --threads --timezone \
  --sort --top disappointment_rate:desc employee_satisfaction_mean \
  periods:day periods:week periods:month scopes hotspots csv \
  'period,group,key,n,momentum,disappointment,neutral,momentum_rate,' \
  'beyond_role_rate,proactive_rate,empowered_rate,small_sample,suppressed,' \
  'coaching_coverage,coaching_coverage_low,coaching_coverage_high' 'as a formula' \
  'period_start,team,level,channel' --hotspots-by --hotspots-min \
  disappointment_rate recovery_rate 'then the hot spots' 'progress' --journal --snapshot --max-groups \
  'torn last line' 'fingerprint' 'without locking' --width scopes:LEVEL
check_help record --journal --sync --unique-ids --policy --org --max-groups \
  '^  ok ID' '^  duplicate ID' '^  rejected N: REASON' 'always' 'batch' 'os' \
  '100 records or 50 ms' 'OS crash or power loss' 'survives the death of cxm' \
  '1048576 bytes' 'torn last line' 'another writer' 'accepted, R rejected, D duplicates'
check_help snapshot --policy --org --journal --snapshot --max-groups --strict --threads --timezone \
  --output "'-o -'" 'atomically' 'never a part' 'fingerprint'
check_help classify --policy --org '"line":N,"id":' '"kind":"leadership"' \
  '"key":"csat","error":' '"source"'
check_help validate 'FILE: line N: message' 'records rejected' 'records valid'

# ---- reports -----------------------------------------------------------

run report small.jsonl
check "json report of a small file" 0 "$expected/small.json" empty

run report --strict small.jsonl
check "--strict changes nothing on clean input" 0 "$expected/small.json" empty

input=small.jsonl
run report -
input=/dev/null
check "- reads standard input" 0 "$expected/small.json" empty

# -o FILE: the same bytes, written whole or not at all; the old FILE stays
# when the report fails, and no temporary file is left beside it.
mkdir "$tmp/o"
run report -o "$tmp/o/r.json" small.jsonl
if [ "$status" -eq 0 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/o/r.json" "$expected/small.json"; then
  ok "-o FILE writes the report to FILE"
else
  not_ok "-o FILE writes the report to FILE"
  diag <"$tmp/err"
fi
run report --strict -o "$tmp/o/r.json" rejects.jsonl
if [ "$status" -eq 1 ] && cmp -s "$tmp/o/r.json" "$expected/small.json" &&
   [ "$(ls "$tmp/o")" = r.json ]; then
  ok "-o FILE: a report that fails leaves FILE as it was"
else
  not_ok "-o FILE: a report that fails leaves FILE as it was"
  ls "$tmp/o" | diag
fi
run report -o "$tmp/none/r.json" small.jsonl
if [ "$status" -eq 2 ] && grep -q "^cxm: $tmp/none/r.json: cannot write: " "$tmp/err"; then
  ok "-o FILE in a missing folder: exit 2, a message"
else
  not_ok "-o FILE in a missing folder: exit 2, a message"
  diag <"$tmp/err"
fi

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

# ---- ranking: --sort and --top ---------------------------------------------

# small.jsonl's channels by disappointment rate, largest first: in_person
# (1 of 1), chat (1 of 2), then phone (1 of 4) and the 0% ones in SPEC order.
run report --format table --group teams,channels --sort disappointment_rate:desc \
  --top 2 small.jsonl
check "--sort disappointment_rate:desc --top 2 (table)" 0 \
  "$expected/rank-top.table" empty

# Within each day too; a group with no value (a day's south: n = 0) last.
run report --format csv --group teams,channels,periods:day \
  --sort disappointment_rate:desc --top 2 small.jsonl
check "--sort --top apply within each period (csv)" 0 "$expected/rank-top.csv" empty

run report --group teams,employees,channels --sort n --top 1 small.jsonl
check "--sort n (ascending) --top 1 (json): ties keep the key order" 0 \
  "$expected/rank-n.json" empty

run report --group teams,employees --top 1 small.jsonl
check "--top without --sort keeps the first keys" 0 "$expected/rank-keys.json" empty

run report --org ../data/org-small.json --group scopes --sort net_momentum:desc \
  --top 1 --format table ../data/scopes.jsonl
check "--sort --top rank the scopes by their cumulative figures" 0 \
  "$expected/rank-scopes.table" empty

run report --sort bogus small.jsonl
printf '%s\n' 'cxm: unknown sort indicator "bogus" (expected one of n, momentum, disappointment, neutral, difficult, nps_responses, csat_responses, effort_responses, momentum_rate, disappointment_rate, difficult_rate, recovery_rate, csat_top2_rate, csat_fan_rate, effort_easy_rate, fcr_rate, beyond_role_rate, proactive_rate, empowered_rate, net_momentum, nps, csat_mean, effort_mean, employee_satisfaction_mean)' >"$tmp/want"
check "--sort: an unknown indicator is a usage error naming the accepted ones" 2 \
  empty "$tmp/want"

run report --sort n:up small.jsonl
echo 'cxm: --sort "n:up": the direction after '"':'"' must be asc or desc' >"$tmp/want"
check "--sort: a direction other than asc or desc is a usage error" 2 empty "$tmp/want"

run report --top -1 small.jsonl
echo 'cxm: --top must be 0 (all) or more, not -1' >"$tmp/want"
check "--top: a negative count is a usage error" 2 empty "$tmp/want"

# Several files add up: the same report as their concatenation.
cat small.jsonl small2.jsonl >"$tmp/both.jsonl"
input="$tmp/both.jsonl"
run report --group teams,employees,channels -
input=/dev/null
mv "$tmp/out" "$tmp/concatenated"
run report --group teams,employees,channels small.jsonl small2.jsonl
check "two files add up to their concatenation" 0 "$tmp/concatenated" empty
expect_line "two files: 15 + 4 records" "$tmp/out" \
  '"input":{"records":19,"accepted":19,"rejected":0,"filtered":0,"leadership":3,'

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
echo "cxm: rejects.jsonl: line 2: $csat7" >"$tmp/want"
check "--strict stops at the first bad record, no report" 1 empty "$tmp/want"

input=rejects.jsonl
run report --strict -
input=/dev/null
echo "cxm: <stdin>: line 2: $csat7" >"$tmp/want"
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

# ---- org, periods, scopes, hot spots, comparisons --------------------------

# tests/data/scopes.jsonl under tests/data/org-small.json: s-1 <- m-1 <-
# e-1, e-2; x-9 is outside the org. The expected numbers are worked out in
# the comment at the top of tests/test-scopes.c.
org=../data/org-small.json
scopes=../data/scopes.jsonl

run report --org "$org" --group scopes "$scopes"
check "--org with --group scopes (json)" 0 "$expected/scopes.json" empty

run report --org "$org" --group periods:week,teams "$scopes"
check "--group periods:week,teams (json)" 0 "$expected/scopes-week.json" empty

run report --org "$org" --group periods:week,teams --format table "$scopes"
check "--group periods:week,teams (table): a row per week, its teams under it" 0 \
  "$expected/scopes-week.table" empty

run report --group periods:day --format table small.jsonl
check "--group periods:day (table): a trend table, a row per day" 0 \
  "$expected/trend-day.table" empty

run report --group periods:day,teams,channels --sort n:desc --top 1 --format table \
  small.jsonl
check "trend tables per team and per channel, ranked and cut within each day" 0 \
  "$expected/trend-top.table" empty

run report --org "$org" --group periods:week,teams --compare 2026-W10,2026-W11 "$scopes"
check "--compare 2026-W10,2026-W11 (json)" 0 "$expected/scopes-compare.json" empty

run report --org "$org" --group periods:week,teams --compare 2026-W10,2026-W11 \
  --format table "$scopes"
check "--compare (table): a comparison section after the trend" 0 \
  "$expected/scopes-compare.table" empty

run report --org "$org" --group periods:week,teams --compare 2026-W10,2026-W11 \
  --format csv "$scopes"
check "--compare (csv): change and p columns on the all-time rows" 0 \
  "$expected/scopes-compare.csv" empty
head -n 1 "$tmp/out" | tr ',' '\n' | tail -n 12 >"$tmp/columns"
printf 'compare_%s_delta\ncompare_%s_p\n' net_momentum net_momentum nps nps \
  momentum_rate momentum_rate disappointment_rate disappointment_rate \
  recovery_rate recovery_rate csat_top2_rate csat_top2_rate >"$tmp/want"
if cmp -s "$tmp/columns" "$tmp/want" &&
   [ "$(awk -F, '{ print NF }' "$tmp/out" | sort -u)" = 92 ]; then
  ok "--compare (csv): 12 columns appended, every row 92 fields"
else
  not_ok "--compare (csv): 12 columns appended, every row 92 fields"
  diff "$tmp/want" "$tmp/columns" | diag
fi

run report --group periods:day,channels --compare 2026-03-02,2026-03-03 --format csv \
  small.jsonl
head -n 1 "$expected/small-policy.csv" >"$tmp/header"
if [ "$(head -n 1 "$tmp/out" | cut -d, -f1-80)" = "$(cat "$tmp/header")" ]; then
  ok "--compare (csv): the columns before the comparison's are the usual ones"
else
  not_ok "--compare (csv): the columns before the comparison's are the usual ones"
fi

run report --org "$org" --group scopes,hotspots --format table "$scopes"
check "--group scopes,hotspots (table)" 0 "$expected/scopes-hotspots.table" empty

run report --org "$org" --group scopes:manager --format table "$scopes"
check "--group scopes:manager keeps the managers' scopes, not indented" 0 \
  "$expected/scopes-manager.table" empty

run report --org "$org" --group scopes:boss "$scopes"
echo 'cxm: group "scopes:boss": the scopes of a level are scopes:frontline, scopes:manager or scopes:senior_leader' >"$tmp/want"
check "--group scopes:LEVEL: an unknown level is a usage error" 2 empty "$tmp/want"

# Names longer than the 80-column table's 19: cut with '…', whole when
# --width leaves room (and the table then only as wide as they need).
run report --org ../data/org-long.json --group scopes,hotspots --format table \
  ../data/scopes-long.jsonl
check "--format table: long names are cut to 80 columns" 0 \
  "$expected/scopes-long.table" empty
run report --org ../data/org-long.json --group scopes,hotspots --format table \
  --width 200 ../data/scopes-long.jsonl
check "--width 200: the name columns widen to the longest name, no more" 0 \
  "$expected/scopes-wide.table" empty
run report --width -1 small.jsonl
echo 'cxm: --width must be 0 (80 columns) or more, not -1' >"$tmp/want"
check "--width: a negative width is a usage error" 2 empty "$tmp/want"

# ---- CSV -------------------------------------------------------------------

run report --org "$org" --group teams,periods:week,scopes --format csv "$scopes"
check "csv: totals, levels, teams, weeks, scopes" 0 "$expected/scopes.csv" empty

run report --policy policy.json --group teams,channels,periods:day --format csv \
  small.jsonl
check "csv: suppressed groups keep their counts only" 0 \
  "$expected/small-policy.csv" empty

run report --group teams,employees --format csv keys.jsonl
check "csv: keys with commas, quotes and line breaks are quoted, formulas defused" 0 \
  "$expected/keys.csv" empty

run report --org "$org" --group hotspots --format csv "$scopes"
check "csv: hot spots are rows of group hotspot, after the groups" 0 \
  "$expected/scopes-hotspots.csv" empty
head -n 6 "$expected/scopes.csv" >"$tmp/want"
if [ "$(head -n 6 "$tmp/out")" = "$(cat "$tmp/want")" ]; then
  ok "csv: hot spot rows leave the other rows as they were"
else
  not_ok "csv: hot spot rows leave the other rows as they were"
fi

# The hot spots' key (difficulty kind), team and channel, in their ranking.
hotspot_order() {
  awk -F, '$2 == "hotspot" { print $3 "," $78 "," $80 }' "$tmp/out" | tr '\n' ' '
}
run report --org "$org" --group hotspots --format csv --hotspots-by disappointment_rate \
  "$scopes"
want='no_immediate_answer,,chat miscommunication,north, miscommunication,,web '
want="${want}customer_upset,,web customer_upset,north, customer_upset,,phone "
if [ "$status" -eq 0 ] && [ "$(hotspot_order)" = "$want" ]; then
  ok "--hotspots-by disappointment_rate: the highest share first, ties in the default order"
else
  not_ok "--hotspots-by disappointment_rate: the highest share first, ties in the default order"
  echo "exit status $status; got: $(hotspot_order)" | diag
fi
run report --org "$org" --group hotspots --format csv --hotspots-by disappointment_rate \
  --hotspots-min 2 "$scopes"
if [ "$status" -eq 0 ] && [ "$(hotspot_order)" = 'customer_upset,north, ' ] &&
   [ "$(grep -c ',hotspot,' "$tmp/out")" -eq 1 ]; then
  ok "--hotspots-min 2: the hot spots of 1 record (rate 1.0) are left out"
else
  not_ok "--hotspots-min 2: the hot spots of 1 record (rate 1.0) are left out"
  echo "exit status $status; got: $(hotspot_order)" | diag
fi
run report --org "$org" --group hotspots --format csv --hotspots-by recovery_rate "$scopes"
want='no_immediate_answer,,chat miscommunication,north, miscommunication,,web '
want="${want}customer_upset,,web customer_upset,north, customer_upset,,phone "
if [ "$status" -eq 0 ] && [ "$(hotspot_order)" = "$want" ]; then
  ok "--hotspots-by recovery_rate: the lowest recovery first"
else
  not_ok "--hotspots-by recovery_rate: the lowest recovery first"
  echo "exit status $status; got: $(hotspot_order)" | diag
fi
run report --group hotspots --hotspots-by count "$scopes"
echo 'cxm: unknown hot spot ranking "count" (expected disappointment,' \
  'disappointment_rate or recovery_rate)' >"$tmp/want"
check "--hotspots-by: an unknown ranking is a usage error" 2 empty "$tmp/want"
run report --group hotspots --hotspots-min -1 "$scopes"
echo 'cxm: --hotspots-min must be 0 (all) or more, not -1' >"$tmp/want"
check "--hotspots-min: a negative minimum is a usage error" 2 empty "$tmp/want"

# period_start: a period's first day; team and level: the org's, for employees.
run report --org "$org" --group employees,periods:week,periods:month,periods:day \
  --format csv "$scopes"
starts=$(awk -F, '$2 == "totals" { print $1 "=" $77 }' "$tmp/out" | tr '\n' ' ')
want='= 2026-03-02=2026-03-02 2026-03-03=2026-03-03 2026-03-09=2026-03-09 '
want="${want}2026-03-10=2026-03-10 2026-03-11=2026-03-11 2026-W10=2026-03-02 "
want="${want}2026-W11=2026-03-09 2026-03=2026-03-01 "
if [ "$status" -eq 0 ] && [ "$starts" = "$want" ]; then
  ok "csv: period_start is the Monday of a week, the 1st of a month, the day"
else
  not_ok "csv: period_start is the Monday of a week, the 1st of a month, the day"
  echo "exit status $status; got: $starts" | diag
fi
people=$(awk -F, '$2 == "employee" { print $3 "," $77 "," $78 "," $79 "," $80 }' \
  "$tmp/out" | tr '\n' ' ')
want='e-1,,north,frontline, e-2,,north,frontline, m-1,,north,manager, x-9,,,, '
if [ "$status" -eq 0 ] && [ "$people" = "$want" ]; then
  ok "csv: an employee's team and level are the org's (none for x-9, not in it)"
else
  not_ok "csv: an employee's team and level are the org's (none for x-9, not in it)"
  echo "exit status $status; got: $people" | diag
fi

# A hot spot's team goes through the same quoting as a key.
printf '%s\n' '{"id":"f1","ts":"2026-03-02T09:00:00Z","channel":"web","team":"=cmd|x","csat":1,"difficulties":["customer_upset"]}' \
  >"$tmp/formula.jsonl"
run report --group hotspots --format csv "$tmp/formula.jsonl"
if [ "$status" -eq 0 ] &&
   grep -q "^,hotspot,customer_upset,1,0,1,0,.*,\"'=cmd|x\",,\$" "$tmp/out"; then
  ok "csv: a hot spot's team that looks like a formula is quoted with a '"
else
  not_ok "csv: a hot spot's team that looks like a formula is quoted with a '"
  grep hotspot "$tmp/out" | diag
fi

input="$scopes"
run report --org "$org" --group teams,periods:week,scopes --format csv -
input=/dev/null
check "csv: - reads standard input" 0 "$expected/scopes.csv" empty

# ---- classify ----------------------------------------------------------------

# classify.jsonl: interactions, leadership events (one valid, one not), bad
# records, blank lines, a CRLF line, an id with a quote, a backslash and
# UTF-8, a message quoting a control character, no final newline.
run classify classify.jsonl
check "classify: a JSON line per record, exit 1 for the bad ones" 1 \
  "$expected/classify.out" empty

input=small2.jsonl
run classify --org "$org" classify.jsonl -
input=/dev/null
check "classify --org, two files: source, level and team" 1 \
  "$expected/classify-org.out" empty

run classify --policy policy.json classify.jsonl
check "classify --policy: the policy's thresholds apply" 1 \
  "$expected/classify-policy.out" empty

run classify small.jsonl
if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l <"$tmp/out")" -eq 15 ] &&
   [ "$(grep -c '^{"line":[0-9]*,"kind":"leadership"}$' "$tmp/out")" -eq 2 ] &&
   [ "$(grep -c '^{"line":[0-9]*,"id":"s[0-9]*","class":"[a-z]*","reason":"[a-z_]*"}$' \
       "$tmp/out")" -eq 13 ]; then
  ok "classify: clean input, exit 0"
else
  not_ok "classify: clean input, exit 0"
  { echo "exit status $status"; cat "$tmp/out" "$tmp/err"; } | diag
fi

# The bad records and their messages are those validate and report give.
run classify rejects.jsonl
sed -n 's/^{"line":\([0-9]*\),"key":[^,]*,"error":"\(.*\)"}$/rejects.jsonl: line \1: \2/p' \
  "$tmp/out" | sed 's/\\"/"/g' >"$tmp/classify-errors"
run validate rejects.jsonl
check "classify and validate agree on the bad records" 1 "$tmp/classify-errors" any

# File names are JSON-escaped too.
mkdir "$tmp/names"
name=$(printf 'tab\t"quote".jsonl')
cp small2.jsonl "$tmp/names/$name"
run classify "$tmp/names/$name" small2.jsonl
expect_line "classify: source names are JSON strings" "$tmp/out" \
  '"source":".*/names/tab\\t\\"quote\\".jsonl","line":1,"id":"t01",'

# A line over 1 MiB is a bad record, the same for classify and validate.
{
  cat small2.jsonl
  printf '{"id":"big","ts":1,"channel":"web","x":"'
  head -c 1048600 /dev/zero | tr '\0' 'x'
  printf '"}\n'
  cat small2.jsonl
} >"$tmp/long-line.jsonl"
run classify "$tmp/long-line.jsonl"
echo '{"line":5,"key":null,"error":"line longer than 1048576 bytes"}' >"$tmp/want"
if [ "$status" -eq 1 ] && [ "$(sed -n 5p "$tmp/out")" = "$(cat "$tmp/want")" ] &&
   [ "$(wc -l <"$tmp/out")" -eq 9 ]; then
  ok "classify: a line over 1 MiB is bad, the next ones still count"
else
  not_ok "classify: a line over 1 MiB is bad, the next ones still count"
  { echo "exit status $status"; cut -c 1-200 "$tmp/out" "$tmp/err"; } | diag
fi
run validate "$tmp/long-line.jsonl"
echo "$tmp/long-line.jsonl: line 5: line longer than 1048576 bytes" >"$tmp/want"
check "validate: the same message for a line over 1 MiB" 1 "$tmp/want" any

# ---- validate ----------------------------------------------------------------

run validate small.jsonl
echo 'cxm: all 15 records valid' >"$tmp/want"
check "validate: clean input, exit 0" 0 empty "$tmp/want"

run validate rejects.jsonl classify.jsonl small.jsonl
check "validate: every bad line of every file, exit 1" 1 \
  "$expected/validate.out" "$expected/validate.err"

# report lists the first 10 of the same lines, after its summary.
sed -n '2,11p' "$expected/rejects.stderr" >"$tmp/want"
head -n 10 "$expected/validate.out" >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
  ok "validate and report give the same messages"
else
  not_ok "validate and report give the same messages"
  diff -u "$tmp/want" "$tmp/got" | diag
fi

input=rejects.jsonl
run validate -
input=/dev/null
sed 's/^rejects\.jsonl:/<stdin>:/' "$expected/validate.out" | head -n 12 >"$tmp/want"
echo 'cxm: 12 of 16 records rejected' >"$tmp/want.err"
check "validate: - reads standard input, named <stdin>" 1 "$tmp/want" "$tmp/want.err"

run validate /dev/null
echo 'cxm: no records' >"$tmp/want"
check "validate: an empty file" 0 empty "$tmp/want"

# ---- progress on a terminal --------------------------------------------------

# script(1) from util-linux runs a command on a pseudo-terminal: standard
# error is a terminal there, and only there does the progress line show.
if script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
  script -qec "'$cxm' validate small.jsonl" /dev/null </dev/null >"$tmp/tty" 2>&1
  tr '\r\033' 'RE' <"$tmp/tty" >"$tmp/tty.seen"
  expect_line "validate on a terminal: progress, then cleared" "$tmp/tty.seen" \
    '^R15 records, 0\.0 MB, [0-9]* records/sE\[KRE\[Kcxm: all 15 records valid'
  script -qec "'$cxm' report rejects.jsonl >/dev/null" /dev/null </dev/null \
    >"$tmp/tty" 2>&1
  tr '\r\033' 'RE' <"$tmp/tty" >"$tmp/tty.seen"
  expect_line "report on a terminal: progress, then cleared" "$tmp/tty.seen" \
    '^R16 records, 0\.0 MB, [0-9]* records/sE\[KRE\[Kcxm: 12 of 16 records rejected'
  # The table takes the terminal's width (COLUMNS, as a shell sets it), but
  # not when written to a file.
  wide="'$cxm' report --org ../data/org-long.json --group scopes --format table"
  COLUMNS=200 script -qec "$wide ../data/scopes-long.jsonl" /dev/null </dev/null \
    >"$tmp/tty" 2>&1
  expect_line "report --format table on a terminal: names as wide as COLUMNS allows" \
    "$tmp/tty" '^    agent-americas-billing-escalations-0001  '
  COLUMNS=200 script -qec "$wide -o '$tmp/table' ../data/scopes-long.jsonl" /dev/null \
    </dev/null >/dev/null 2>&1
  expect_line "report --format table -o FILE on a terminal: 80 columns" \
    "$tmp/table" '^    agent-americas…  '
  # Without COLUMNS, the terminal's own size (stty sets it on script's).
  env -u COLUMNS script -qec "stty cols 100 rows 40; $wide ../data/scopes-long.jsonl" \
    /dev/null </dev/null >"$tmp/tty" 2>&1
  expect_line "report --format table on a terminal without COLUMNS: the terminal's width" \
    "$tmp/tty" '^    agent-americas-billing-escalations…      1\*'
else
  ok "validate on a terminal: progress, then cleared # SKIP no util-linux script"
  ok "report on a terminal: progress, then cleared # SKIP no util-linux script"
  ok "report --format table on a terminal: names as wide as COLUMNS allows # SKIP no util-linux script"
  ok "report --format table -o FILE on a terminal: 80 columns # SKIP no util-linux script"
  ok "report --format table on a terminal without COLUMNS: the terminal's width # SKIP no util-linux script"
fi
COLUMNS=200 "$cxm" report --org ../data/org-long.json --group scopes --format table \
  ../data/scopes-long.jsonl >"$tmp/out"
expect_line "report --format table into a pipe: 80 columns whatever COLUMNS says" \
  "$tmp/out" '^    agent-americas…  '

# ---- record: the journal ---------------------------------------------------

# record.jsonl: two interactions, a blank line, a duplicate id, a bad
# channel, a leadership event twice, a CRLF line, a bad csat, and a last
# line without its line end.
journal="$tmp/record.journal"
input=record.jsonl
run record --unique-ids --journal "$journal"
input=/dev/null
echo 'cxm: 9 records: 5 accepted, 2 rejected, 2 duplicates' >"$tmp/want"
check "record: ok, duplicate and rejected lines, exit 1" 1 \
  "$expected/record.out" "$tmp/want"

# The journal holds the accepted records, a line each (compact JSON in,
# the same out; the line end of the last one added).
grep -v '"id":"r[35]"' record.jsonl | sed '/^$/d; s/\r$//' | awk '!seen[$0]++' |
  grep -v '"channel":"chat"' >"$tmp/want"
if cmp -s "$tmp/want" "$journal"; then
  ok "record: the journal holds the accepted records, in order"
else
  not_ok "record: the journal holds the accepted records, in order"
  diff -u "$tmp/want" "$journal" | diag
fi

input=record.jsonl
run record --unique-ids --journal "$journal"
input=/dev/null
echo 'cxm: 9 records: 0 accepted, 2 rejected, 7 duplicates' >"$tmp/want"
check "record --unique-ids again: the replayed ids are duplicates" 1 \
  "$expected/record-again.out" "$tmp/want"

input=record.jsonl
run record --journal "$tmp/plain.journal"
input=/dev/null
grep -c '^ok ' "$tmp/out" >"$tmp/got"
if [ "$status" -eq 1 ] && [ "$(cat "$tmp/got")" -eq 7 ] &&
   ! grep -q '^duplicate' "$tmp/out"; then
  ok "record without --unique-ids: the same id is recorded twice"
else
  not_ok "record without --unique-ids: the same id is recorded twice"
  cat "$tmp/out" "$tmp/err" | diag
fi

# Record, then report from the journal: the report of the original file.
for mode in always batch os; do
  rm -f "$tmp/small.journal"
  input=small.jsonl
  run record --sync "$mode" --journal "$tmp/small.journal"
  input=/dev/null
  echo 'cxm: 15 records: 15 accepted, 0 rejected, 0 duplicates' >"$tmp/want"
  check "record --sync $mode: exit 0, the summary on stderr" 0 any "$tmp/want"
  run report --journal "$tmp/small.journal"
  check "report --journal after record --sync $mode: the file's report" 0 \
    "$expected/small.json" empty
done
run report --format table --group teams,channels --journal "$tmp/small.journal"
check "report --journal: table and groups" 0 "$expected/small-groups.table" empty

# Journals, FILEs and standard input add up.
input=small2.jsonl
run report --group teams,employees,channels --journal "$tmp/small.journal" -
input=/dev/null
check "report --journal with - : the two files' report" 0 "$tmp/concatenated" empty

# The sample data through a journal: every group as from the file, only
# the input counts differ (the journal holds no bad lines).
input="$sample"
run record --sync batch --journal "$tmp/sample.journal"
input=/dev/null
echo 'cxm: 4012 records: 4000 accepted, 12 rejected, 0 duplicates' >"$tmp/want"
if [ "$status" -eq 1 ] && cmp -s "$tmp/want" "$tmp/err" &&
   [ "$(grep -c '^ok ' "$tmp/out")" -eq 4000 ] &&
   [ "$(grep -c '^rejected [0-9]*: ' "$tmp/out")" -eq 12 ] &&
   [ "$(wc -l <"$tmp/out")" -eq 4012 ]; then
  ok "record the sample data: 4000 ok, 12 rejected, a line each"
else
  not_ok "record the sample data: 4000 ok, 12 rejected, a line each"
  { echo "exit status $status"; cat "$tmp/err"; } | diag
fi
all_groups=teams,employees,channels,periods:day,periods:week,periods:month,hotspots
# Drops the "input" section of a one-line JSON report.
without_input() {
  sed 's/,"input":{.*},"leadership":{"events"/,"leadership":{"events"/' "$1"
}
run report --group "$all_groups" "$sample"
without_input "$tmp/out" >"$tmp/sample-all.json"
run report --format csv --group "$all_groups" "$sample"
mv "$tmp/out" "$tmp/sample-all.csv"
run report --group "$all_groups" --journal "$tmp/sample.journal"
without_input "$tmp/out" >"$tmp/got"
if [ "$status" -eq 0 ] && cmp -s "$tmp/sample-all.json" "$tmp/got" &&
   grep -q '"input":{"records":4000,"accepted":4000,"rejected":0,"filtered":0,"leadership":253,"errors":\[\]}' \
     "$tmp/out"; then
  ok "sample data: report --journal equals the file's report (all groups, json)"
else
  not_ok "sample data: report --journal equals the file's report (all groups, json)"
  diff "$tmp/sample-all.json" "$tmp/got" | head -c 2000 | diag
fi
run report --format csv --group "$all_groups" --journal "$tmp/sample.journal"
check "sample data: report --journal equals the file's report (csv)" 0 \
  "$tmp/sample-all.csv" empty

# A line over 1 MiB is rejected with the library's message; the next ones
# still count.
input="$tmp/long-line.jsonl"
run record --journal "$tmp/long.journal"
input=/dev/null
{
  echo 'ok t01' && echo 'ok l03' && echo 'ok t02' && echo 'ok t03'
  echo 'rejected 5: line longer than 1048576 bytes'
  echo 'ok t01' && echo 'ok l03' && echo 'ok t02' && echo 'ok t03'
} >"$tmp/want"
check "record: a line over 1 MiB is rejected, the next ones still count" 1 \
  "$tmp/want" any

# A journal with bad lines in it: replayed, listed, kept.
cp "$tmp/small.journal" "$tmp/bad.journal"
printf '{"id":"x","ts":1,"channel":"fax"}\n' >>"$tmp/bad.journal"
cat small2.jsonl >>"$tmp/bad.journal"
run record --journal "$tmp/bad.journal"
cat >"$tmp/want" <<EOF
cxm: $tmp/bad.journal: 1 of 20 records in the journal rejected (they stay in the file)
$tmp/bad.journal: line 16: channel must be one of web, phone, email, chat, in_person, social, other, got "fax"
cxm: 0 records: 0 accepted, 0 rejected, 0 duplicates
EOF
check "record: bad lines in the journal are listed, exit 0" 0 empty "$tmp/want"
expect_line "record: bad lines stay in the journal" "$tmp/bad.journal" '"fax"'

# A torn last line: a crash during a write. The reader skips it and
# leaves the file alone; the next writer cuts it off.
cp "$tmp/small.journal" "$tmp/torn.journal"
size=$(wc -c <"$tmp/torn.journal")
printf '{"id":"torn","ts":"2026-03-02T1' >>"$tmp/torn.journal"
run report --journal "$tmp/torn.journal"
echo "cxm: $tmp/torn.journal: skipped a torn last line (31 bytes): a record being written, or cut short by a crash" \
  >"$tmp/want"
check "report --journal: a torn last line is skipped and mentioned" 0 \
  "$expected/small.json" "$tmp/want"
if [ "$(wc -c <"$tmp/torn.journal")" -eq $((size + 31)) ]; then
  ok "report --journal: the torn line stays (a reader changes nothing)"
else
  not_ok "report --journal: the torn line stays (a reader changes nothing)"
fi
input=small2.jsonl
run record --journal "$tmp/torn.journal"
input=/dev/null
cat >"$tmp/want" <<EOF
cxm: $tmp/torn.journal: cut off a torn last line (31 bytes), a record that a crash interrupted while it was written (never acknowledged)
cxm: 4 records: 4 accepted, 0 rejected, 0 duplicates
EOF
printf 'ok t01\nok l03\nok t02\nok t03\n' >"$tmp/want.out"
check "record: a torn last line is cut off, with its size" 0 "$tmp/want.out" "$tmp/want"
if [ "$(wc -c <"$tmp/torn.journal")" -eq $((size + $(wc -c <small2.jsonl))) ] &&
   ! grep -q torn "$tmp/torn.journal"; then
  ok "record: the journal is cut where its complete lines end"
else
  not_ok "record: the journal is cut where its complete lines end"
  tail -n 3 "$tmp/torn.journal" | diag
fi
run report --group teams,employees,channels --journal "$tmp/torn.journal"
check "record after a torn line: every record intact" 0 "$tmp/concatenated" empty

# One writer at a time: a second 'cxm record' on a journal held by a
# running one fails at once; readers go on.
if mkfifo "$tmp/fifo" 2>/dev/null; then
  rm -f "$tmp/held.journal"
  "$cxm" record --journal "$tmp/held.journal" <"$tmp/fifo" >"$tmp/held.out" \
    2>"$tmp/held.err" &
  writer=$!
  exec 3>"$tmp/fifo"
  head -n 2 small.jsonl >&3
  tries=0
  while [ "$(wc -l <"$tmp/held.out")" -lt 2 ] && [ "$tries" -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  input=small2.jsonl
  run record --journal "$tmp/held.journal"
  input=/dev/null
  echo "cxm: $tmp/held.journal: another writer holds this journal (its lock is taken): only one 'cxm record' may append to a journal at a time" \
    >"$tmp/want"
  check "record: a second writer on a held journal fails, exit 2" 2 empty "$tmp/want"
  run report --format table --journal "$tmp/held.journal"
  expect_line "report --journal reads a journal a writer holds" "$tmp/out" \
    '^policy "default": 2 records, 2 accepted (1 leadership), 0 rejected$'
  tail -n +3 small.jsonl >&3
  exec 3>&-
  wait "$writer"
  status=$?
  mv "$tmp/held.out" "$tmp/out"
  mv "$tmp/held.err" "$tmp/err"
  echo 'cxm: 15 records: 15 accepted, 0 rejected, 0 duplicates' >"$tmp/want"
  check "record: the first writer goes on undisturbed" 0 any "$tmp/want"
  run report --journal "$tmp/held.journal"
  check "record: the held journal reports as the file" 0 "$expected/small.json" empty
else
  for desc in "record: a second writer on a held journal fails, exit 2" \
    "report --journal reads a journal a writer holds" \
    "record: the first writer goes on undisturbed" \
    "record: the held journal reports as the file"; do
    ok "$desc # SKIP no mkfifo"
  done
fi

# --policy and --org apply to the replay and to new records.
rm -f "$tmp/org.journal"
input="$scopes"
run record --org "$org" --journal "$tmp/org.journal"
input=/dev/null
run report --org "$org" --group scopes --journal "$tmp/org.journal"
check "record --org, report --journal --org: the scopes" 0 "$expected/scopes.json" empty

run record
check_usage_error "record without --journal: exit 2"
run record --journal "$tmp/x.journal" small.jsonl
check_usage_error "record with a FILE argument: exit 2"
run record --journal "$tmp/x.journal" --sync sometimes
echo 'cxm: unknown --sync mode "sometimes" (expected always, batch or os)' >"$tmp/want"
check "record --sync with an unknown mode: exit 2" 2 empty "$tmp/want"
run record --journal "$tmp/no-such-dir/x.journal"
check_usage_error "record: a journal that cannot be created: exit 2"
run record --journal "$tmp/x.journal" --policy bad-policy.json
check_usage_error "record: bad policy file: exit 2"
run report --journal "$tmp/no-such.journal"
check_usage_error "report --journal: a missing journal: exit 2"
if [ -w /dev/full ]; then
  "$cxm" record --journal "$tmp/full.journal" <small.jsonl >/dev/full 2>"$tmp/err"
  status=$?
  if [ "$status" -eq 2 ] &&
     grep -q '^cxm: standard output: write failed: stopped at input line 1$' "$tmp/err"; then
    ok "record: write error on standard output: exit 2"
  else
    not_ok "record: write error on standard output: exit 2"
    { echo "exit status $status; stderr:"; cat "$tmp/err"; } | diag
  fi
else
  ok "record: write error on standard output: exit 2 # SKIP no /dev/full"
fi

# A journal is a regular file: a pipe, a FIFO or a device is refused at
# open (exit 2), never read as empty, for readers and writers.
for command in report "snapshot -o -"; do
  # shellcheck disable=SC2086 # the command's words
  cat small.jsonl | "$cxm" $command --journal /dev/stdin >"$tmp/out" 2>"$tmp/err"
  status=$?
  echo "cxm: journal /dev/stdin: not a regular file (a pipe or FIFO): a journal must be a file" \
    >"$tmp/want"
  check "$command --journal /dev/stdin (a pipe): exit 2" 2 empty "$tmp/want"
done
rm -f "$tmp/fifo"
if mkfifo "$tmp/fifo"; then
  run record --journal "$tmp/fifo"
  echo "cxm: journal $tmp/fifo: not a regular file (a pipe or FIFO): a journal must be a file" \
    >"$tmp/want"
  check "record --journal FIFO: exit 2 at once" 2 empty "$tmp/want"
  rm -f "$tmp/fifo"
else
  ok "record --journal FIFO: exit 2 at once # SKIP no mkfifo"
fi

# ---- snapshots -------------------------------------------------------------

# The sample data in two halves, a snapshot each: merged, every report is
# the whole file's, except that the input counts hold no rejections.
half=$(($(wc -l <"$sample") / 2))
head -n "$half" "$sample" >"$tmp/half1.jsonl"
tail -n +$((half + 1)) "$sample" >"$tmp/half2.jsonl"
run snapshot "$tmp/half1.jsonl" -o "$tmp/half1.snap"
expect_line "snapshot: rejections listed, exit 1" "$tmp/err" \
  '^cxm: [0-9]* of 2006 records rejected$'
if [ "$status" -eq 1 ] && [ ! -s "$tmp/out" ] && [ -s "$tmp/half1.snap" ]; then
  ok "snapshot: written despite rejections"
else
  not_ok "snapshot: written despite rejections"
fi
run snapshot -o "$tmp/half2.snap" "$tmp/half2.jsonl"
run report --group "$all_groups" --snapshot "$tmp/half1.snap" --snapshot "$tmp/half2.snap"
without_input "$tmp/out" >"$tmp/got"
if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$tmp/sample-all.json" "$tmp/got" &&
   grep -q '"input":{"records":4000,"accepted":4000,"rejected":0,"filtered":0,"leadership":253,"errors":\[\]}' \
     "$tmp/out"; then
  ok "two snapshots merged: the whole file's report (all groups, json)"
else
  not_ok "two snapshots merged: the whole file's report (all groups, json)"
  diff "$tmp/sample-all.json" "$tmp/got" | head -c 2000 | diag
fi
run report --format csv --group "$all_groups" --snapshot "$tmp/half1.snap" \
  --snapshot "$tmp/half2.snap"
check "two snapshots merged: the whole file's report (all groups, csv)" 0 \
  "$tmp/sample-all.csv" empty
run report --format table --group "$all_groups" "$sample"
sed 1d "$tmp/out" >"$tmp/want"
run report --format table --group "$all_groups" --snapshot "$tmp/half2.snap" \
  --snapshot "$tmp/half1.snap"
sed 1d "$tmp/out" >"$tmp/got"
if [ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/got" &&
   [ "$(sed -n 1p "$tmp/out")" = 'policy "default": 4000 records, 4000 accepted (253 leadership), 0 rejected' ]; then
  ok "two snapshots merged, in either order: the whole file's table"
else
  not_ok "two snapshots merged, in either order: the whole file's table"
  diff "$tmp/want" "$tmp/got" | head -n 20 | diag
fi

# A snapshot and a FILE: the input counts add the snapshot's accepted
# records to the file's.
run report --group "$all_groups" --snapshot "$tmp/half1.snap" "$tmp/half2.jsonl"
without_input "$tmp/out" >"$tmp/got"
"$cxm" report "$tmp/half1.jsonl" 2>/dev/null |
  sed -n 's/.*"input":{"records":[0-9]*,"accepted":\([0-9]*\),.*/\1/p' >"$tmp/accepted1"
"$cxm" report "$tmp/half2.jsonl" 2>/dev/null |
  sed -n 's/.*"input":{"records":\([0-9]*\),"accepted":[0-9]*,"rejected":\([0-9]*\),.*/\1 \2/p' \
  >"$tmp/counts2"
read -r records2 rejected2 <"$tmp/counts2"
want_input="\"input\":{\"records\":$(($(cat "$tmp/accepted1") + records2)),\"accepted\":4000,\"rejected\":$rejected2,\"filtered\":0,\"leadership\":253,"
if [ "$status" -eq 1 ] && cmp -s "$tmp/sample-all.json" "$tmp/got" &&
   grep -q "$want_input" "$tmp/out"; then
  ok "a snapshot and a FILE: the report, input counts added up"
else
  not_ok "a snapshot and a FILE: the report, input counts added up"
  { echo "want $want_input"; grep -o '"input":{[^]]*' "$tmp/out"; } | diag
fi

# Snapshots of snapshots, and '-o -'.
run snapshot --snapshot "$tmp/half1.snap" --snapshot "$tmp/half2.snap" -o -
mv "$tmp/out" "$tmp/whole.snap"
run snapshot "$tmp/half1.jsonl" "$tmp/half2.jsonl" -o "$tmp/whole-files.snap"
if cmp -s "$tmp/whole.snap" "$tmp/whole-files.snap"; then
  ok "snapshot -o -: the merged snapshots are the snapshot of both files"
else
  not_ok "snapshot -o -: the merged snapshots are the snapshot of both files"
fi
input="$tmp/whole.snap"
run report --format csv --group "$all_groups" --snapshot -
input=/dev/null
check "report --snapshot - reads standard input" 0 "$tmp/sample-all.csv" empty

# Scopes: the snapshots keep the employees, the org rolls them up.
head -n 2 "$scopes" >"$tmp/scopes1.jsonl"
tail -n +3 "$scopes" >"$tmp/scopes2.jsonl"
run snapshot --org "$org" "$tmp/scopes1.jsonl" -o "$tmp/scopes1.snap"
run snapshot --org "$org" --journal "$tmp/org.journal" -o "$tmp/scopes-journal.snap"
"$cxm" snapshot --org "$org" "$tmp/scopes2.jsonl" -o "$tmp/scopes2.snap"
run report --org "$org" --group scopes --snapshot "$tmp/scopes1.snap" \
  --snapshot "$tmp/scopes2.snap"
check "snapshots with --org: the scopes of the whole file" 0 "$expected/scopes.json" empty
run report --org "$org" --group teams,periods:week,scopes --format csv \
  --snapshot "$tmp/scopes-journal.snap"
check "snapshot of a journal: the csv of the file" 0 "$expected/scopes.csv" empty

# Policies: without --policy the first snapshot's; a snapshot under
# another policy does not merge, and the message names both fingerprints.
run snapshot --policy policy.json small.jsonl -o "$tmp/policy.snap"
run snapshot small.jsonl -o "$tmp/default.snap"
run report --group teams,employees,channels --snapshot "$tmp/policy.snap" small2.jsonl
mv "$tmp/out" "$tmp/got"
run report --group teams,employees,channels --policy policy.json small.jsonl small2.jsonl
check "report --snapshot: its policy applies to the FILEs too" 0 "$tmp/got" empty
fp_default=$("$cxm" report small.jsonl | sed 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/')
fp_policy=$("$cxm" report --policy policy.json small.jsonl |
  sed 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/')
run report --snapshot "$tmp/default.snap" --snapshot "$tmp/policy.snap"
echo "cxm: $tmp/policy.snap: a snapshot under policy \"fans-only\" (fingerprint $fp_policy) cannot merge with $tmp/default.snap, under policy \"default\" (fingerprint $fp_default)" \
  >"$tmp/want"
check "snapshots under two policies: exit 2, both fingerprints named" 2 empty "$tmp/want"
run report --policy policy.json --snapshot "$tmp/default.snap" small2.jsonl
echo "cxm: $tmp/default.snap: a snapshot under policy \"default\" (fingerprint $fp_default) cannot merge with --policy policy.json, under policy \"fans-only\" (fingerprint $fp_policy)" \
  >"$tmp/want"
check "a snapshot under another policy than --policy: exit 2" 2 empty "$tmp/want"
run snapshot --policy policy.json --snapshot "$tmp/default.snap" -o "$tmp/never.snap"
if [ "$status" -eq 2 ] && [ ! -e "$tmp/never.snap" ]; then
  ok "snapshot: a policy mismatch writes nothing"
else
  not_ok "snapshot: a policy mismatch writes nothing"
fi

# Time zones: days, weeks and months in the zone of --timezone, a team's
# own with TEAM=ZONE; a snapshot keeps them and merges only in its zone.
cat >"$tmp/zones.jsonl" <<'EOF'
{"id":"z1","ts":"2026-03-31T20:00:00-05:00","channel":"phone","team":"ny","csat":5}
{"id":"z2","ts":"2026-03-08T04:30:00Z","channel":"phone","team":"ny","csat":1}
{"id":"z3","ts":"2026-11-02T04:30:00Z","channel":"phone","team":"ny","csat":5}
{"id":"z4","ts":"2026-03-31T23:30:00Z","channel":"phone","team":"paris","csat":1}
EOF
# check_periods DESCRIPTION EXPECTED ARGUMENT...: the periods and n of the
# totals rows of `report --format csv ARGUMENT...` are EXPECTED.
check_periods() {
  desc=$1 want=$2
  shift 2
  run report --format csv "$@"
  got=$(grep '^[0-9].*,totals,' "$tmp/out" | cut -d, -f1,4 | tr '\n' ' ')
  if [ "$status" -eq 0 ] && [ "$got" = "$want" ]; then
    ok "$desc"
  else
    not_ok "$desc"
    echo "exit status $status; got \"$got\", expected \"$want\"" | diag
    head -n 5 "$tmp/err" | diag
  fi
}
check_periods "UTC days by default" "2026-03-08,1 2026-03-31,1 2026-04-01,1 2026-11-02,1 " \
  --group periods:day "$tmp/zones.jsonl"
check_periods "--timezone: New York's days across both DST changes" \
  "2026-03-07,1 2026-03-31,2 2026-11-01,1 " --group periods:day --timezone America/New_York \
  "$tmp/zones.jsonl"
check_periods "--timezone TEAM=ZONE: 01:30 on 04-01 in Paris is in April" \
  "2026-03,2 2026-04,1 2026-11,1 " --group periods:month --timezone America/New_York \
  --timezone paris=Europe/Paris "$tmp/zones.jsonl"
check_periods "--period 2026-03 is New York's March" "2026-03-07,1 2026-03-31,2 " \
  --group periods:day --timezone America/New_York --period 2026-03 "$tmp/zones.jsonl"
check_periods "--since DATE is New York's day" "2026-03-31,2 2026-11-01,1 " \
  --group periods:day --timezone America/New_York --since 2026-03-08 "$tmp/zones.jsonl"
run report --timezone America/New_York --timezone paris=Europe/Paris "$tmp/zones.jsonl"
expect_line "the json report names the zones" "$tmp/out" \
  '"time_zone":"America/New_York","team_time_zones":{"paris":"Europe/Paris"}},"input"'
run report --format table --timezone America/New_York "$tmp/zones.jsonl"
expect_line "the table names the zone" "$tmp/out" '^days in America/New_York$'
run report --timezone Mars/Olympus "$tmp/zones.jsonl"
echo 'cxm: --timezone: time_zone must be a tz database name (America/New_York), UTC or an offset (+05:30), got "Mars/Olympus"' \
  >"$tmp/want"
check "an unknown zone: exit 2, named" 2 empty "$tmp/want"
"$cxm" snapshot --timezone America/New_York "$tmp/zones.jsonl" -o "$tmp/ny.snap"
"$cxm" snapshot "$tmp/zones.jsonl" -o "$tmp/utc.snap"
check_periods "a snapshot keeps its zone's days" "2026-03-07,1 2026-03-31,2 2026-11-01,1 " \
  --group periods:day --snapshot "$tmp/ny.snap"
run report --snapshot "$tmp/ny.snap" --snapshot "$tmp/utc.snap"
echo "cxm: $tmp/utc.snap: a snapshot whose days are in UTC cannot merge with $tmp/ny.snap, in America/New_York: its sums cannot be re-counted in another zone" \
  >"$tmp/want"
check "snapshots in two zones: exit 2, both named" 2 empty "$tmp/want"
run report --timezone UTC --snapshot "$tmp/ny.snap"
echo "cxm: $tmp/ny.snap: a snapshot whose days are in America/New_York cannot merge with --timezone, in UTC: its sums cannot be re-counted in another zone" \
  >"$tmp/want"
check "a snapshot in another zone than --timezone: exit 2" 2 empty "$tmp/want"

# Bad snapshots: exit 2 and the library's reason.
sed 's/^{"cxm_snapshot":2,/{"cxm_snapshot":3,/' "$tmp/default.snap" >"$tmp/v3.snap"
run report --snapshot "$tmp/v3.snap"
echo "cxm: $tmp/v3.snap: invalid snapshot: version 3 is not supported (this library reads versions 1 and 2)" \
  >"$tmp/want"
check "a snapshot of another version: exit 2" 2 empty "$tmp/want"
head -c 1000 "$tmp/default.snap" >"$tmp/truncated.snap"
run report --snapshot "$tmp/truncated.snap"
check_usage_error "a truncated snapshot: exit 2"
expect_line "a truncated snapshot: the message says why" "$tmp/err" \
  "^cxm: $tmp/truncated.snap: invalid snapshot: line 3: not valid JSON"
sed '$d' "$tmp/default.snap" >"$tmp/cut.snap"
run report --snapshot "$tmp/cut.snap"
check_usage_error "a snapshot cut at a line end: exit 2"
expect_line "a snapshot cut at a line end: the message says why" "$tmp/err" \
  "^cxm: $tmp/cut.snap: invalid snapshot: it ends at line [0-9]* without its last line"
# One more momentum in the first day's frontline sums: they no longer add up.
sed '0,/"level":"frontline","sums":{"class":\[1,/s//"level":"frontline","sums":{"class":[2,/' \
  "$tmp/default.snap" >"$tmp/corrupt.snap"
run report --snapshot "$tmp/corrupt.snap"
if cmp -s "$tmp/default.snap" "$tmp/corrupt.snap"; then
  not_ok "a snapshot with corrupt counts: exit 2 # the fixture did not change"
else
  check_usage_error "a snapshot with corrupt counts: exit 2"
fi
expect_line "a snapshot with corrupt counts: the message names the group" "$tmp/err" \
  "^cxm: $tmp/corrupt.snap: invalid snapshot: line 2 (level \"frontline\" of 2026-03-02): "
run report --snapshot small.jsonl
check_usage_error "JSON Lines given as a snapshot: exit 2"
run report --snapshot "$tmp/no-such.snap"
echo "cxm: $tmp/no-such.snap: cannot open: No such file or directory" >"$tmp/want"
check "a missing snapshot: exit 2" 2 empty "$tmp/want"
run snapshot small.jsonl
echo "cxm: no output: give -o SNAP, or -o - for standard output (see 'cxm snapshot --help')" \
  >"$tmp/want"
check "snapshot without -o: exit 2" 2 empty "$tmp/want"
run snapshot -o "$tmp/x.snap"
check_usage_error "snapshot without input: exit 2"
run snapshot small.jsonl -o "$tmp/no-such-dir/x.snap"
check_usage_error "snapshot: SNAP cannot be written: exit 2"
run snapshot --strict rejects.jsonl -o "$tmp/strict.snap"
echo "cxm: rejects.jsonl: line 2: $csat7" >"$tmp/want"
if [ "$status" -eq 1 ] && cmp -s "$tmp/want" "$tmp/err" && [ ! -e "$tmp/strict.snap" ]; then
  ok "snapshot --strict: stops at the first bad record, no snapshot"
else
  not_ok "snapshot --strict: stops at the first bad record, no snapshot"
  cat "$tmp/err" | diag
fi
input=small.jsonl
run snapshot --snapshot - - -o "$tmp/x.snap"
input=/dev/null
echo 'cxm: standard input (-) can only be read once' >"$tmp/want"
check "standard input read twice: exit 2" 2 empty "$tmp/want"
if [ -w /dev/full ]; then
  "$cxm" snapshot small.jsonl -o - >/dev/full 2>"$tmp/err"
  status=$?
  if [ "$status" -eq 2 ] &&
     grep -q '^cxm: standard output: write failed: No space left on device$' "$tmp/err"; then
    ok "snapshot -o -: write error on standard output: exit 2"
  else
    not_ok "snapshot -o -: write error on standard output: exit 2"
  fi
else
  ok "snapshot -o -: write error on standard output: exit 2 # SKIP no /dev/full"
fi

# ---- --max-groups ------------------------------------------------------------

# groups.jsonl: e1 and e2 on one day in team t1 make 15 sets of sums (11
# for the day, the team, the team that day, two employees); a third
# employee, a second day, a second team would each make more.
input=groups.jsonl
run record --max-groups 15 --journal "$tmp/groups.journal"
input=/dev/null
echo 'cxm: 7 records: 4 accepted, 3 rejected, 0 duplicates' >"$tmp/want"
check "record --max-groups 15: beyond it, rejected with the limit message" 1 \
  "$expected/groups.out" "$tmp/want"
input=groups.jsonl
run record --max-groups 5 --journal "$tmp/groups5.journal"
input=/dev/null
for line in 1 2 3 4 5 6 7; do
  echo "rejected $line: ts would make a new group beyond the recorder's limit of 5 groups"
done >"$tmp/want"
check "record --max-groups 5: a day alone is beyond it" 1 "$tmp/want" any
run report --max-groups 15 --format table groups.jsonl
cat >"$tmp/want" <<EOF
cxm: 3 of 7 records rejected
groups.jsonl: line 3: employee would make a new group beyond the recorder's limit of 15 groups
groups.jsonl: line 5: ts would make a new group beyond the recorder's limit of 15 groups
groups.jsonl: line 7: team would make a new group beyond the recorder's limit of 15 groups
EOF
check "report --max-groups 15: the same rejections" 1 any "$tmp/want"
run snapshot --max-groups 15 groups.jsonl -o "$tmp/groups.snap"
check "snapshot --max-groups 15: the same rejections" 1 empty "$tmp/want"
run report --max-groups 0 groups.jsonl
expect_line "--max-groups 0: no bound" "$tmp/out" '"input":{"records":7,"accepted":7,'
run report --max-groups 14 --snapshot "$tmp/groups.snap"
echo "cxm: $tmp/groups.snap: the merge would make 15 new groups, beyond the recorder's limit of 14 (0 kept)" \
  >"$tmp/want"
check "report --max-groups: a snapshot beyond it as a whole: exit 2" 2 empty "$tmp/want"
run report --max-groups 14 --journal "$tmp/groups.journal"
expect_line "report --max-groups: a journal's records beyond it are rejected" "$tmp/err" \
  "^$tmp/groups.journal: line 2: employee would make a new group"
run report --max-groups lots groups.jsonl
echo 'cxm: --max-groups needs a count of groups (0: no bound), got "lots"' >"$tmp/want"
check "--max-groups that is not a count: exit 2" 2 empty "$tmp/want"

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
echo 'cxm: unknown group "bogus" (expected teams, employees, channels, periods:day, periods:week, periods:month, scopes or hotspots)' >"$tmp/want"
check "unknown group: exit 2" 2 empty "$tmp/want"

run report --format xml small.jsonl
echo 'cxm: unknown format "xml" (expected json, table, csv or html)' >"$tmp/want"
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

run report --group scopes small.jsonl
echo 'cxm: --group scopes needs --org FILE' >"$tmp/want"
check "--group scopes without --org: exit 2" 2 empty "$tmp/want"

run report --group periods small.jsonl
echo 'cxm: group "periods" needs a kind: periods:day, periods:week or periods:month' \
  >"$tmp/want"
check "--group periods without a kind: exit 2" 2 empty "$tmp/want"

run report --compare 2026-W10,2026-W11 small.jsonl
echo 'cxm: --compare needs exactly one of --group periods:day, periods:week or periods:month' \
  >"$tmp/want"
check "--compare without periods: exit 2" 2 empty "$tmp/want"

run report --group periods:week,periods:day --compare 2026-W10,2026-W11 small.jsonl
check "--compare with two period kinds: exit 2" 2 empty "$tmp/want"

run report --group periods:week --compare 2026-W10 small.jsonl
echo 'cxm: --compare needs two periods separated by a comma, such as 2026-W09,2026-W10' \
  >"$tmp/want"
check "--compare with one period: exit 2" 2 empty "$tmp/want"

run report --group periods:week --compare 2026-W10,2026-W11,2026-W12 small.jsonl
check "--compare with three periods: exit 2" 2 empty "$tmp/want"

run report --group periods:week --compare 2026-W10,W11 small.jsonl
echo 'cxm: "W11" is not a week period' >"$tmp/want"
check "--compare with a bad week name: exit 2, the library's message" 2 empty "$tmp/want"

run report --group periods:month --compare 2026-W10,2026-W11 small.jsonl
echo 'cxm: "2026-W10" is not a month period' >"$tmp/want"
check "--compare with weeks for months: exit 2" 2 empty "$tmp/want"

run report --org no-such-org.json small.jsonl
check_usage_error "missing org file: exit 2"
expect_line "missing org file: the message names it" "$tmp/err" 'no-such-org\.json'

run report --org ../data/org-cycle.json small.jsonl
check_usage_error "org file with a cycle: exit 2"
expect_line "org file with a cycle: the library's message names the ids" "$tmp/err" \
  '^cxm: \.\./data/org-cycle\.json: .*e-2.*m-1.*m-2'

run classify
check_usage_error "classify without FILE: exit 2"

run classify --frobnicate small.jsonl
check_usage_error "classify, unknown option: exit 2"

run classify --policy bad-policy.json small.jsonl
check_usage_error "classify, bad policy file: exit 2"

run classify --org ../data/org-cycle.json small.jsonl
check_usage_error "classify, bad org file: exit 2"

run classify small.jsonl no-such-file.jsonl
if [ "$status" -eq 2 ] && [ "$(wc -l <"$tmp/out")" -eq 15 ] &&
   [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
   grep -q '^cxm: no-such-file\.jsonl: ' "$tmp/err"; then
  ok "classify, missing file: exit 2 after the records before it"
else
  not_ok "classify, missing file: exit 2 after the records before it"
  { echo "exit status $status"; cat "$tmp/err"; } | diag
fi

run validate
check_usage_error "validate without FILE: exit 2"

run validate --frobnicate small.jsonl
check_usage_error "validate, unknown option: exit 2"

run validate rejects.jsonl no-such-file.jsonl
if [ "$status" -eq 2 ] && cmp -s "$tmp/out" "$tmp/classify-errors" &&
   [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
   grep -q '^cxm: no-such-file\.jsonl: ' "$tmp/err"; then
  ok "validate, missing file: exit 2 after the bad lines before it"
else
  not_ok "validate, missing file: exit 2 after the bad lines before it"
  { echo "exit status $status"; cat "$tmp/out" "$tmp/err"; } | diag
fi

for command in "report small.jsonl" "report --format csv small.jsonl" \
  "report --format table small.jsonl" "classify small.jsonl" \
  "validate rejects.jsonl"; do
  if [ -w /dev/full ]; then
    # shellcheck disable=SC2086 # the command's words are meant to split
    "$cxm" $command >/dev/full 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 2 ] &&
       grep -q '^cxm: standard output: write failed: No space left on device$' "$tmp/err"; then
      ok "write error on standard output: exit 2 ($command)"
    else
      not_ok "write error on standard output: exit 2 ($command)"
      { echo "exit status $status; stderr:"; cat "$tmp/err"; } | diag
    fi
  else
    ok "write error on standard output: exit 2 ($command) # SKIP no /dev/full"
  fi
done

# ---- the examples' sample data -------------------------------------------

# The committed file is what the generator writes: its output must be the
# same on every platform for a seed.
if "$generate" --count 4000 --seed 42 --bad 12 --org "$tmp/org.json" >"$tmp/generated.jsonl" &&
   cmp -s "$tmp/generated.jsonl" "$sample" &&
   cmp -s "$tmp/org.json" "$top_srcdir/examples/data/org.json"; then
  ok "generate --count 4000 --seed 42 --bad 12 --org reproduces the sample data and org"
else
  not_ok "generate --count 4000 --seed 42 --bad 12 --org reproduces the sample data and org"
  cmp "$tmp/generated.jsonl" "$sample" 2>&1 | diag
  cmp "$tmp/org.json" "$top_srcdir/examples/data/org.json" 2>&1 | diag
fi

# The sample's teams huddle daily, weekly or rarely: every team has a
# cadence row, and the weeks that met the cadence have more Momentum
# (an association the generator builds in).
run report --org "$top_srcdir/examples/data/org.json" --group teams,scopes --format table "$sample"
if [ "$status" -eq 1 ] &&
   [ "$(sed -n '/^cadence/,/^coaching coverage/p' "$tmp/out" | wc -l)" -eq 15 ] &&
   grep -q '^totals  *96 .* +[0-9.]*  <\.001 ' "$tmp/out" &&
   sed -n '/^leadership by scope/,/^$/p' "$tmp/out" | grep -q '^cx-head  *[0-9]*  *253  *96 ' &&
   [ "$(sed -n '/^leadership by scope/,/^$/p' "$tmp/out" | wc -l)" -eq 18 ]; then
  ok "sample data with its org: cadence of 12 teams, more momentum when met, 16 leaders' scopes"
else
  not_ok "sample data with its org: cadence of 12 teams, more momentum when met, 16 leaders' scopes"
  diag <"$tmp/out"
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

run report --format table --group teams,employees,channels,periods:week,hotspots "$sample"
width=$(widest "$tmp/out")
if [ "$status" -eq 1 ] && [ "$width" -le 80 ] && [ "$(wc -l <"$tmp/out")" -gt 150 ]; then
  ok "sample data table: no line over 80 columns"
else
  not_ok "sample data table: no line over 80 columns"
  echo "exit status $status, widest line $width columns" | diag
fi
expect_line "sample data table: the 10 worst hot spots, then how many more" "$tmp/out" \
  '^([0-9]* more in the JSON report)$'
if grep -q "$(printf '\r')" "$tmp/err"; then
  not_ok "no progress when standard error is not a terminal"
  cat -A "$tmp/err" | diag
else
  ok "no progress when standard error is not a terminal"
fi

# Every CSV row has the 80 columns (no key needs quoting here), and a row per
# group of the JSON report (each has one "small_sample"): 1 + 4 levels + 7
# channels + teams + employees, then per week 1 + its levels + 7 channels +
# its teams.
run report --format csv --group teams,employees,channels,periods:week "$sample"
mv "$tmp/out" "$tmp/sample.csv"
run report --group teams,employees,channels,periods:week "$sample"
groups=$(grep -o '"small_sample":' "$tmp/out" | wc -l)
if [ "$status" -eq 1 ] &&
   awk -F, 'NF != 80 { exit 1 }' "$tmp/sample.csv" &&
   [ "$(wc -l <"$tmp/sample.csv")" -eq $((groups + 1)) ]; then
  ok "sample data csv: 80 columns, a row per group"
else
  not_ok "sample data csv: 80 columns, a row per group"
  echo "exit status $status; $(wc -l <"$tmp/sample.csv") lines for $groups groups" | diag
fi

# ---- filters -----------------------------------------------------------------

# input_counts: the report's input counts, as "records accepted rejected
# filtered leadership".
input_counts() {
  sed -n 's/.*"input":{"records":\([0-9]*\),"accepted":\([0-9]*\),"rejected":\([0-9]*\),"filtered":\([0-9]*\),"leadership":\([0-9]*\),.*/\1 \2 \3 \4 \5/p' "$tmp/out"
}
# check_counts DESCRIPTION COUNTS: the last run succeeded with these counts.
check_counts() {
  got=$(input_counts)
  if [ "$status" -eq 0 ] && [ "$got" = "$2" ]; then
    ok "$1"
  else
    not_ok "$1"
    echo "exit status $status; input counts \"$got\", expected \"$2\"" | diag
    head -n 5 "$tmp/err" | diag
  fi
}

for command in report snapshot classify; do
  run "$command" --help
  missing=""
  for word in --since --until --period --team --channel --level --employee \
      'since TIME' 'inclusive' 'exclusive' '"filtered"'; do
    grep -q -e "$word" "$tmp/out" || missing="$missing $word"
  done
  if [ "$status" -eq 0 ] && [ -z "$missing" ]; then
    ok "$command --help documents the filters"
  else
    not_ok "$command --help documents the filters"
    echo "exit status $status; missing:$missing" | diag
  fi
done

run report --team north --since 2026-03-03 "$cli/small.jsonl"
check_counts "report --team north --since: 4 kept, 11 filtered" "15 4 0 11 0"
run report --format table --team north --since 2026-03-03 "$cli/small.jsonl"
if grep -q ': 15 records, 4 accepted (0 leadership), 0 rejected, 11 filtered out$' "$tmp/out"; then
  ok "the table's title counts the filtered records"
else
  not_ok "the table's title counts the filtered records"
  head -3 "$tmp/out" | diag
fi
run report --period 2026-03-04 "$cli/small.jsonl"
check_counts "report --period DAY: that UTC day's 4 records, one leadership event" \
  "15 4 0 11 1"
run report --since 2026-03-04 --until 2026-03-04T11:00:00Z "$cli/small.jsonl"
check_counts "--since inclusive, --until exclusive (an RFC 3339 instant)" "15 2 0 13 0"
run report --period 2026-W10 "$cli/small.jsonl"
check_counts "report --period WEEK keeps the whole week" "15 15 0 0 2"
run report --channel phone --channel chat "$cli/small.jsonl"
check_counts "repeated --channel: any of them; leadership events have none" \
  "15 6 0 9 0"
run report --team south --level manager "$cli/small.jsonl"
check_counts "--team and --level: both must match (the leadership event's own)" \
  "15 3 0 12 1"
run report --employee ana "$cli/small.jsonl"
check_counts "--employee: its interactions" "15 3 0 12 0"
run report --journal "$cli/small.jsonl" --team north --since 2026-03-03
check_counts "a journal is filtered as a FILE is" "15 4 0 11 0"
run snapshot --team north -o "$tmp/north.snap" "$cli/small.jsonl"
run report --snapshot "$tmp/north.snap"
check_counts "snapshot --team keeps that team's 7 interactions" "7 7 0 0 0"
run classify --channel phone --channel chat "$cli/small.jsonl"
if [ "$status" -eq 0 ] &&
   [ "$(sed 's/^{"line":\([0-9]*\),.*/\1/' "$tmp/out" | tr '\n' ' ')" = "2 4 5 10 16 17 " ]; then
  ok "classify prints nothing for a filtered record"
else
  not_ok "classify prints nothing for a filtered record"
  cat "$tmp/out" | diag
fi
run report --level boss "$cli/small.jsonl"
check_usage_error "--level with an unknown level is a usage error"
run report --channel fax "$cli/small.jsonl"
check_usage_error "--channel with an unknown channel is a usage error"
run report --since yesterday "$cli/small.jsonl"
check_usage_error "--since with a bad time is a usage error"
run report --period 2026-W99 "$cli/small.jsonl"
check_usage_error "--period with no such period is a usage error"
run report --period 2026-03 --since 2026-03-02 "$cli/small.jsonl"
check_usage_error "--period with --since is a usage error"
# A snapshot's days: what the sums of whole days can tell.
run snapshot -o "$tmp/small.snap" "$cli/small.jsonl"
run report --snapshot "$tmp/small.snap" --period 2026-03-04
check_counts "report --snapshot --period DAY: that day's sums, the rest filtered" \
  "15 4 0 11 1"
run report --snapshot "$tmp/small.snap" --since 2026-03-03 --until 2026-03-05 \
  --snapshot "$tmp/north.snap"
check_counts "--since and --until dates apply to each snapshot, as to records" "22 9 0 13 1"
week_groups=teams,channels,hotspots,periods:day
run report --snapshot "$tmp/small.snap" --period 2026-W10 --format csv \
  --group "$week_groups"
sed '/^,totals,/d' "$tmp/out" >"$tmp/week-sums.csv"
run report --period 2026-W10 --format csv --group "$week_groups" "$cli/small.jsonl"
sed '/^,totals,/d' "$tmp/out" >"$tmp/week-records.csv"
if [ "$status" -eq 0 ] && [ -s "$tmp/week-sums.csv" ] &&
   cmp -s "$tmp/week-sums.csv" "$tmp/week-records.csv"; then
  ok "a snapshot's week has the CSV rows of the week's records, totals aside"
else
  not_ok "a snapshot's week has the CSV rows of the week's records, totals aside"
  diff "$tmp/week-sums.csv" "$tmp/week-records.csv" | head -n 20 | diag
fi
run report --snapshot "$tmp/small.snap" --period 2026-W10 --format table \
  --group "$week_groups"
check "a snapshot's week: totals without coverage or momentum by cadence" 0 \
  "$expected/snapshot-week.table" empty
run report --snapshot "$tmp/small.snap" --period 2026-03-04 --format table
expect_but_not "a snapshot's day has no team-weeks and no coaching coverage" \
  '^totals                    -       -      -      -      -      -      -   33\.3$' \
  '^coaching coverage:'
run report --snapshot "$tmp/small.snap" --period 2026-03-04 --format html
expect_but_not "the HTML page of a snapshot's day says why it has no cadence" \
  '<p>Cadence is counted in whole weeks, Monday to Sunday: not in these days\.</p>' \
  'leadership-table\|Coaching coverage'
for bad in "--team north|sums cannot be filtered by team: a day's sums keep levels, channels and teams apart, not the records of one within another" \
    "--channel phone|sums cannot be filtered by channel: a day's sums keep levels, channels and teams apart, not the records of one within another" \
    "--since 2026-03-04T11:00:00Z|sums are kept per day: since must be a date (2026-03-02), not an instant"; do
  run report --snapshot "$tmp/small.snap" ${bad%%|*}
  if [ "$(cat "$tmp/err")" = "cxm: --snapshot: ${bad#*|}" ]; then
    check_usage_error "report --snapshot ${bad%%|*} is refused, saying why"
  else
    not_ok "report --snapshot ${bad%%|*} is refused, saying why"
    diag <"$tmp/err"
  fi
done
run report --snapshot "$tmp/small.snap" --period 2026-W10 --group employees
check_usage_error "a snapshot's days have no employees: --group employees is refused"
run report --snapshot "$tmp/small.snap" --period 2026-W10 --group scopes \
  --org "$cli/../data/org-small.json"
check_usage_error "nor --group scopes"
run snapshot --snapshot "$tmp/small.snap" --period 2026-W10 -o "$tmp/w10.snap"
check_usage_error "snapshot does not write a snapshot from a snapshot's days"

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
