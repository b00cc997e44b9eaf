/* SPDX-License-Identifier: MIT */
/* cxm report: one report over FILEs, journals and snapshots. */
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

static const char report_description_head[] =
    "GROUPS is a comma-separated list of:\n"
    "  teams, employees, channels\n"
    "  periods:day, periods:week, periods:month  days (2026-03-02, UTC unless\n"
    "      --timezone), ISO 8601 weeks (2026-W10) or months (2026-03), in time\n"
    "      order: each period's totals and levels, and its teams and channels\n"
    "      when asked for too (the table: a row per period, its teams or\n"
    "      channels under it)\n"
    "  scopes    each person's scope: their own interactions (direct) and\n"
    "      theirs and everyone's below them (cumulative), in org-chart order\n"
    "      (the table indents each person under their manager); employees not\n"
    "      in the org count under unknown_manager. Needs --org\n"
    "  scopes:LEVEL  the scopes of the people at LEVEL only (frontline,\n"
    "      manager or senior_leader)\n"
    "  hotspots  difficulty kind by team and by channel, most disappointments\n"
    "      first (or as --hotspots-by says), with recovery rates\n"
    "--group may be given more than once.\n"
    "\n"
    "Without --policy, records are classified under the defaults of the\n"
    "specification (csat 4-5 positive, 1-2 negative, and so on). With --org,\n"
    "a record without a level or team takes its employee's from the org file\n"
    "({\"people\": [{\"id\", \"level\", \"team\", \"manager\"}, ...]}).\n"
    "\n"
    "--compare A,B adds a \"comparison\" section to the JSON\n"
    "report: for the totals, levels, teams and channels, the change from A to\n"
    "B in net momentum and NPS (delta, standard error, z, two-sided p) and in\n"
    "the momentum, disappointment, recovery and CSAT rates (two-proportion\n"
    "z-test). The table shows net momentum and the disappointment rate in A\n"
    "and B, their change and p; the CSV appends the columns\n"
    "compare_INDICATOR_delta and compare_INDICATOR_p for net_momentum, nps,\n"
    "momentum_rate, disappointment_rate, recovery_rate and csat_top2_rate,\n"
    "filled on the all-time rows of the totals, levels, teams and channels.\n"
    "It needs exactly one periods:KIND group and two periods of that\n"
    "kind, such as --group periods:week --compare 2026-W09,2026-W10.\n"
    "\n"
    "--sort INDICATOR ranks the teams, employees and channels (all-time and\n"
    "within each period) and the scopes (by their cumulative figures), in\n"
    "every format, smallest first, or largest first with INDICATOR:desc\n"
    "(INDICATOR:asc is the default). INDICATOR is a count (n, momentum,\n"
    "disappointment, neutral, difficult, nps_responses, csat_responses,\n"
    "effort_responses), a rate (momentum_rate, disappointment_rate,\n"
    "difficult_rate, recovery_rate, csat_top2_rate, csat_fan_rate,\n"
    "effort_easy_rate, fcr_rate, beyond_role_rate, proactive_rate,\n"
    "empowered_rate), a score (net_momentum, nps) or a mean (csat_mean,\n"
    "effort_mean, employee_satisfaction_mean). Groups without a value (no\n"
    "data, or suppressed) come last; ties keep the default order (keys\n"
    "bytewise, channels in SPEC order, scopes in org-chart order). --top N\n"
    "then keeps the first N of each kind. Totals, levels and periods keep\n"
    "their order; the HTML report ranks its charts by net momentum. Such as:\n"
    "--group teams,periods:month --sort disappointment_rate:desc --top 1 for\n"
    "each month's worst team.\n"
    "\n"
    "--hotspots-by RANKING ranks the hot spots in every format: disappointment\n"
    "(the default: most disappointments, then most records),\n"
    "disappointment_rate (the highest share first) or recovery_rate (the\n"
    "lowest share turned into momentum first). A hot spot suppressed by the\n"
    "policy's min_group shows no rate and comes last in a rate ranking; ties\n"
    "keep the default order. --hotspots-min N leaves out the hot spots of\n"
    "fewer than N records, in any ranking (0, the default, keeps all), so that\n"
    "a rate of 2 in 2 does not top the list: such as --group hotspots\n"
    "--hotspots-by disappointment_rate --hotspots-min 30.\n"
    "\n"
    "--format table takes 80 columns, or --width N: a wider table widens its\n"
    "name columns as far as the longest name needs, so that names are not cut\n"
    "('…' marks a cut one). Printed to a terminal, the table takes its width.\n"
    "\n";

static const char report_description_tail[] =
    "\n"
    "--format csv prints a header line, then one row per group (and per hot\n"
    "spot), lines ending in LF, in these columns (a stable order: new ones\n"
    "are only appended):\n"
    "  period,group,key,n,momentum,disappointment,neutral,momentum_rate,\n"
    "  momentum_low,momentum_high,disappointment_rate,disappointment_low,\n"
    "  disappointment_high,net_momentum,net_momentum_moe95,difficult,\n"
    "  difficult_rate,recovery_rate,recovery_low,recovery_high,nps_responses,\n"
    "  nps,nps_moe95,csat_responses,csat_mean,csat_top2_rate,csat_fan_rate,\n"
    "  effort_responses,effort_mean,effort_easy_rate,\n"
    "  employee_satisfaction_responses,employee_satisfaction_mean,fcr_rate,\n"
    "  beyond_role_rate,proactive_rate,empowered_rate,small_sample,suppressed,\n"
    "  leadership_events,purpose_huddle,recognition,coaching,standard_review,\n"
    "  communication,received_purpose_huddle,received_recognition,\n"
    "  received_coaching,received_standard_review,received_communication,\n"
    "  recognition_per_100,team_weeks,weekly_cadence,daily_cadence,\n"
    "  weekly_cadence_rate,weekly_cadence_low,weekly_cadence_high,\n"
    "  daily_cadence_rate,daily_cadence_low,daily_cadence_high,met_n,\n"
    "  met_momentum_rate,met_momentum_low,met_momentum_high,not_met_n,\n"
    "  not_met_momentum_rate,not_met_momentum_low,not_met_momentum_high,\n"
    "  cadence_delta,cadence_se,cadence_z,cadence_p,coaching_employees,coached,\n"
    "  coaching_coverage,coaching_coverage_low,coaching_coverage_high,\n"
    "  period_start,team,level,channel\n"
    "The leadership columns (doc/report-format.md) are empty where a group has\n"
    "no such indicator (received: employees only; cadence: totals, teams,\n"
    "scopes, weeks; met and not met: totals and teams; coaching: totals and\n"
    "scopes).\n"
    "period is empty for all-time rows, else the period's name, and\n"
    "period_start its first day (2026-W10: 2026-03-02); group is totals,\n"
    "level, team, employee, channel, scope (direct), scope_cumulative or\n"
    "hotspot; key is empty for totals, the difficulty kind for a hot spot.\n"
    "team and level are an employee's in the org (empty without --org or for\n"
    "someone not in it: the records' teams are not kept per employee); a hot\n"
    "spot has its team or its channel. Rows come in this order: totals,\n"
    "levels, teams, employees, channels, then each period in time order (its\n"
    "totals, levels, teams, channels), then a scope and a scope_cumulative\n"
    "row per person, then the hot spots in their ranking; a hot spot fills\n"
    "n to neutral, the momentum, disappointment and recovery rates,\n"
    "difficult, small_sample and suppressed. Numbers are written as in the JSON\n"
    "report: rates as fractions (4 decimals), scores and margins 2, means 3;\n"
    "_low and _high are the Wilson interval. An empty cell has no value; a\n"
    "suppressed group (policy min_group) has only n to neutral, small_sample\n"
    "and suppressed. Booleans are true or false; a text cell (key, team,\n"
    "channel) holding a comma, a quote or a line break is quoted (RFC 4180),\n"
    "and one that starts with =, +, -, @, a tab or a CR is quoted with a '\n"
    "before it, so that no spreadsheet runs it as a formula.\n"
    "\n"
    "A bad record is rejected and the rest still count: the first 10\n"
    "rejections are listed on standard error as \"FILE: line N: message\", and\n"
    "the JSON report lists up to 100 in input.errors. With --strict the first\n"
    "bad record stops the command: \"cxm: FILE: line N: message\", no report.\n"
    "When standard error is a terminal, it shows the progress of the reading\n"
    "(records, megabytes, records per second).\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  some records were rejected (the report is still printed),\n"
    "     or --strict stopped at a bad record (no report)\n"
    "  2  usage error (unknown option, group or format; no input; --group\n"
    "     scopes without --org; a bad --compare or --max-groups) or I/O\n"
    "     error (unreadable FILE or journal, bad policy, org file or\n"
    "     snapshot, a snapshot under another policy, a journal or snapshot\n"
    "     beyond --max-groups, failed output)\n";

typedef struct {
  CliSources sources;
  char *output;
  char **groups;
  char *compare;
  char *sort;
  int top;
  char *hotspots_by;
  int hotspots_min;
  int width;
  char *format;
  gboolean pretty;
  gboolean help;
} ReportOptions;

static void
report_options_clear(ReportOptions *options)
{
  cli_sources_clear(&options->sources);
  g_free(options->output);
  g_strfreev(options->groups);
  g_free(options->compare);
  g_free(options->sort);
  g_free(options->hotspots_by);
  g_free(options->format);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ReportOptions, report_options_clear)

/* The columns of the terminal the report is printed to: COLUMNS, as a
 * shell sets it, else the terminal's own; 0 when it goes to a file or a
 * pipe, which then get the table's 80 columns whatever the terminal. */
static guint
terminal_width(const ReportOptions *options)
{
  const char *columns = g_getenv("COLUMNS");
  guint64 n;
  struct winsize size;

  if ((options->output != NULL && strcmp(options->output, "-") != 0) ||
      !isatty(STDOUT_FILENO))
    return 0;
  if (columns != NULL && g_ascii_string_to_unsigned(columns, 10, 1, G_MAXUINT16, &n, NULL))
    return (guint) n;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0)
    return size.ws_col;
  return 0;
}

/* The report's options from the command line's; FALSE after a message. */
static gboolean
report_options(const ReportOptions *options, CxmReportOptions *report)
{
  GError *error = NULL;

  if (options->format != NULL) {
    int format = cxm_report_format_from_name(options->format);
    if (format == CXM_UNSET) {
      cli_fail("unknown format \"%s\" (expected json, table, csv or html)",
               options->format);
      return FALSE;
    }
    cxm_report_options_set_format(report, format);
  }
  for (char **groups = options->groups; groups != NULL && *groups != NULL; groups++) {
    if (!cxm_report_options_add_groups(report, *groups, &error)) {
      cli_fail_error(error);
      return FALSE;
    }
  }
  unsigned int flags = cxm_report_options_get_flags(report);
  if ((flags & CXM_REPORT_SCOPES) && options->sources.org == NULL) {
    cli_fail("--group scopes needs --org FILE");
    return FALSE;
  }
  if ((flags & (CXM_REPORT_EMPLOYEES | CXM_REPORT_SCOPES)) &&
      options->sources.snapshots != NULL && cli_filter_given(&options->sources.filter)) {
    cli_fail("--group %s: a snapshot keeps its employees' sums for all time, not per "
             "day: they cannot be filtered",
             flags & CXM_REPORT_EMPLOYEES ? "employees" : "scopes");
    return FALSE;
  }
  if (options->pretty)
    cxm_report_options_set_flags(report, flags | CXM_REPORT_PRETTY);
  if (options->sort != NULL) {
    /* INDICATOR, INDICATOR:asc or INDICATOR:desc. */
    g_autofree char *name = g_strdup(options->sort);
    char *direction = strrchr(name, ':');
    gboolean descending = FALSE;
    if (direction != NULL) {
      *direction++ = '\0';
      if (strcmp(direction, "desc") == 0) {
        descending = TRUE;
      } else if (strcmp(direction, "asc") != 0) {
        cli_fail("--sort \"%s\": the direction after ':' must be asc or desc",
                 options->sort);
        return FALSE;
      }
    }
    if (!cxm_report_options_set_sort(report, name, descending, &error)) {
      cli_fail_error(error);
      return FALSE;
    }
  }
  if (options->top < 0) {
    cli_fail("--top must be 0 (all) or more, not %d", options->top);
    return FALSE;
  }
  cxm_report_options_set_top(report, (guint) options->top);
  if (options->hotspots_min < 0) {
    cli_fail("--hotspots-min must be 0 (all) or more, not %d", options->hotspots_min);
    return FALSE;
  }
  if (!cxm_report_options_set_hotspot_rank(report, options->hotspots_by,
                                           (guint) options->hotspots_min, &error)) {
    cli_fail_error(error);
    return FALSE;
  }
  if (options->width < 0) {
    cli_fail("--width must be 0 (80 columns) or more, not %d", options->width);
    return FALSE;
  }
  cxm_report_options_set_width(report, options->width > 0 ? (guint) options->width
                                                           : terminal_width(options));
  if (options->compare == NULL)
    return TRUE;
  /* Checked before any input is read. */
  g_auto(GStrv) names = g_strsplit(options->compare, ",", -1);
  if (g_strv_length(names) != 2 || names[0][0] == '\0' || names[1][0] == '\0') {
    cli_fail(
        "--compare needs two periods separated by a comma, such as 2026-W09,2026-W10");
    return FALSE;
  }
  guint kinds = 0;
  for (unsigned int kind = CXM_REPORT_DAYS; kind <= CXM_REPORT_MONTHS; kind <<= 1)
    kinds += (flags & kind) != 0;
  if (kinds != 1) {
    cli_fail("--compare needs exactly one of --group periods:day, periods:week or "
             "periods:month");
    return FALSE;
  }
  if (!cxm_report_options_set_compare(report, names[0], names[1], &error)) {
    cli_fail_error(error);
    return FALSE;
  }
  return TRUE;
}

int
cmd_report(int argc, char **argv)
{
  g_auto(ReportOptions) options = { 0 };
  GOptionEntry entries[CLI_SOURCE_ENTRIES + 12] = { { 0 } };
  cli_source_entries(entries, &options.sources,
                     "Stop at the first bad record, with no report");
  const GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      "Write the report to FILE, whole or not at all", "FILE" },
    { "group", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &options.groups,
      "Also report these groups (see below)", "GROUPS" },
    { "compare", 'c', 0, G_OPTION_ARG_STRING, &options.compare,
      "Compare period A with period B", "A,B" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options.sort,
      "Rank the groups by INDICATOR[:desc] (see below)", "INDICATOR" },
    { "top", 0, 0, G_OPTION_ARG_INT, &options.top,
      "Keep the first N groups of each kind (0: all)", "N" },
    { "hotspots-by", 0, 0, G_OPTION_ARG_STRING, &options.hotspots_by,
      "Rank the hot spots by RANKING (see below)", "RANKING" },
    { "hotspots-min", 0, 0, G_OPTION_ARG_INT, &options.hotspots_min,
      "Leave out hot spots of fewer than N records", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
      "json (the default), table, csv or html", "FORMAT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &options.width,
      "The table's columns (default: the terminal's, or 80)", "N" },
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &options.pretty,
      "Indent the JSON report (default: one line)", NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  memcpy(entries + CLI_SOURCE_ENTRIES, own, sizeof own);
  g_autofree char *description = g_strconcat(report_description_head, cli_sources_help,
                                             report_description_tail, NULL);
  g_autoptr(GOptionContext) context = cli_context_new(
      "[FILE…]",
      "Reads interaction records and leadership events (JSON Lines: one object\n"
      "per line) from each FILE, '-' for standard input, and from journals and\n"
      "snapshots, and prints one report over all of them: momentum,\n"
      "disappointment, recovery, NPS and CSAT for the totals and each level\n"
      "(frontline, manager, senior_leader, and unassigned for records without\n"
      "a level), and the groups asked for.",
      description, entries);
  int status = cli_parse(context, "report", &options.help, &argc, &argv);
  if (status >= 0)
    return status;

  g_autoptr(CxmReportOptions) report = cxm_report_options_new();
  if (!report_options(&options, report))
    return EXIT_USAGE;
  if (argc < 2 && options.sources.journals == NULL && options.sources.snapshots == NULL)
    return cli_fail("no input FILE, --journal or --snapshot (use - for standard input; "
                    "see 'cxm report --help')");

  g_auto(CliLoaded) loaded = { 0 };
  status = cli_load_sources(&options.sources, argv + 1, argc - 1, &loaded);
  if (status >= 0)
    return status;

  g_auto(CliOutput) output = { 0 };
  if (!cli_output_open(&output, options.output))
    return EXIT_USAGE;
  GError *error = NULL;
  if (!cxm_report_write(loaded.recorder, loaded.result, report, cli_output_write, &output,
                        &error))
    return cli_fail_error(error);
  /* A text file ends with a line end; the table and CSV have theirs. */
  if (cxm_report_options_get_format(report) == CXM_REPORT_JSON)
    fputc('\n', output.stream);
  status = cli_output_finish(&output, EXIT_OK);
  if (status != EXIT_OK)
    return status;
  cli_print_rejections(loaded.result);
  return cxm_import_result_get_rejected(loaded.result) > 0 ? EXIT_REJECTED : EXIT_OK;
}
