#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the man page of the cxm tool, or of one of its commands, on
# standard output, from the tool's own --help: the help is the one source,
# so the page cannot say anything else.
#   doc/make-man.sh path/to/cxm            > cxm.1
#   doc/make-man.sh path/to/cxm COMMAND    > cxm-COMMAND.1
#   doc/make-man.sh path/to/cxm --commands   the commands, one a line
#
# The help has GOption's layout: "Usage:" and its line, a summary paragraph,
# "Options:" with one option a line, then paragraphs of text in which
# indented lines are tables laid out for 80 columns (kept as they are, in
# no-fill mode), and "Commands:" and "Exit status:" (sections of their own).
# The date is SOURCE_DATE_EPOCH's when it is set, else none, so that the
# same help gives the same page.
set -eu
LC_ALL=C
export LC_ALL

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 CXM [COMMAND|--commands]" >&2
  exit 2
fi
cxm=$1
command=${2:-}

# The command table, from "Commands:": "  NAME  summary" and continuation
# lines indented further; one "NAME<TAB>summary" a line.
commands() {
  "$cxm" --help | awk '
    /^Commands:$/ { inside = 1; next }
    inside && /^$/ { exit }
    inside && /^  [^ ]/ {
      if (name != "") print name "\t" summary
      name = $1; sub(/^  [^ ]+ +/, ""); summary = $0; next
    }
    inside { sub(/^ +/, ""); summary = summary " " $0 }
    END { if (name != "") print name "\t" summary }'
}

if [ "$command" = --commands ]; then
  commands | cut -f1
  exit 0
fi

version=$("$cxm" --version | sed -n 's/^cxm //p')
[ -n "$version" ] || { echo "$0: $cxm --version printed no version" >&2; exit 1; }
date=""
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
fi
see_also=""
if [ -n "$command" ]; then
  page="cxm-$command"
  name=$(commands | awk -F '\t' -v c="$command" '$1 == c { print $2 }')
  [ -n "$name" ] || { echo "$0: $cxm --help lists no command $command" >&2; exit 1; }
  help=$("$cxm" "$command" --help)
  program="cxm $command"
  see_also=cxm
else
  page=cxm
  name=""
  help=$("$cxm" --help)
  program=cxm
  see_also=$(commands | cut -f1 | sed 's/^/cxm-/')
fi

printf '%s\n' "$help" | awk -v page="$page" -v name="$name" -v program="$program" \
  -v version="$version" -v date="$date" -v see_also="$see_also" \
  -v ellipsis="$(printf '\342\200\246')" -v quote="'" '
# Text for troff: backslashes, minus signs, the ellipsis, and lines that
# would otherwise be requests.
function roff(s) {
  gsub(/\\/, "\\e", s)
  gsub(/-/, "\\-", s)
  gsub(ellipsis, "\\[u2026]", s)
  if (substr(s, 1, 1) == "." || substr(s, 1, 1) == quote) s = "\\&" s
  return s
}
# "-f, --format=FORMAT" in bold, with its argument in italics.
function option_term(s,   n, parts, i, out, eq) {
  n = split(s, parts, /, /)
  out = ""
  for (i = 1; i <= n; i++) {
    eq = index(parts[i], "=")
    if (eq > 0)
      parts[i] = "\\fB" roff(substr(parts[i], 1, eq - 1)) "\\fR=\\fI" \
          roff(substr(parts[i], eq + 1)) "\\fR"
    else
      parts[i] = "\\fB" roff(parts[i]) "\\fR"
    out = out (i > 1 ? ", " : "") parts[i]
  }
  return out
}
# Appends a line of text to the section being written: a paragraph, or
# the indented lines of a table kept as they are.
function text(line) {
  if (line == "") {
    close_table()
    new_paragraph = 1
    return
  }
  if (line ~ /^  /) {
    if (!in_table) {
      body[section] = body[section] (new_paragraph ? ".PP\n" : "") ".RS 2\n.nf\n"
      in_table = 1
    }
    body[section] = body[section] roff(substr(line, 3)) "\n"
  } else {
    if (in_table) {
      close_table()
      new_paragraph = 1
    }
    body[section] = body[section] (new_paragraph ? ".PP\n" : "") roff(line) "\n"
  }
  new_paragraph = 0
}
function close_table() {
  if (in_table) body[section] = body[section] ".fi\n.RE\n"
  in_table = 0
}
BEGIN { state = "start"; section = "DESCRIPTION"; new_paragraph = 1 }
state == "start" && /^Usage:$/ { state = "usage"; next }
state == "usage" && /^  / {
  sub(/^ +/, "")
  rest = substr($0, length(program) + 1)
  synopsis = synopsis "\\fB" roff(program) "\\fR" roff(rest) "\n.br\n"
  next
}
state == "usage" && /^$/ { state = "summary"; next }
state == "summary" && /^$/ { state = "text"; new_paragraph = 1; next }
state == "summary" {
  summary = summary (summary == "" ? "" : " ") $0
  text($0)
  next
}
/^([A-Z][A-Za-z ]* )?Options:$/ { close_table(); state = "options"; next }
state == "options" && /^  -/ {
  sub(/^  /, "")
  term = $0; sub(/  .*/, "", term)
  description = substr($0, length(term) + 1); sub(/^ +/, "", description)
  options = options ".TP\n" option_term(term) "\n" roff(description) "\n"
  next
}
state == "options" && /^$/ { state = "text"; section = "DESCRIPTION"; new_paragraph = 1; next }
state == "text" && /^(Commands|Exit status):$/ {
  close_table()
  section = toupper(substr($0, 1, length($0) - 1))
  order[++sections] = section
  new_paragraph = 0
  next
}
state == "text" { text($0); next }
state == "options" { print "make-man.sh: unexpected line in the options: " $0 > "/dev/stderr"; exit 1 }
END {
  close_table()
  if (synopsis == "" || summary == "") {
    print "make-man.sh: no Usage: line or no summary in the help" > "/dev/stderr"
    exit 1
  }
  if (name == "") name = summary
  name = tolower(substr(name, 1, 1)) substr(name, 2)
  sub(/\.$/, "", name)
  printf ".\\\" Generated by doc/make-man.sh from %s --help: edit the help, not this.\n", program
  printf ".TH %s 1 \"%s\" \"cxm %s\" \"User Commands\"\n", toupper(roff(page)), date, version
  printf ".SH NAME\n%s \\- %s\n", roff(page), roff(name)
  printf ".SH SYNOPSIS\n%s", synopsis
  printf ".SH DESCRIPTION\n%s", body["DESCRIPTION"]
  for (i = 1; i <= sections; i++)
    if (order[i] == "COMMANDS") printf ".SH COMMANDS\n%s", body["COMMANDS"]
  if (options != "") printf ".SH OPTIONS\n%s", options
  for (i = 1; i <= sections; i++)
    if (order[i] != "COMMANDS") printf ".SH %s\n%s", order[i], body[order[i]]
  n = split(see_also, pages, /[ \n]+/)
  printf ".SH SEE ALSO\n"
  for (i = 1; i <= n; i++)
    printf "\\fB%s\\fR(1)%s\n", roff(pages[i]), (i < n ? "," : "")
}'
