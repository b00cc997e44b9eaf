/* cxm: the command-line tool.
 *
 *   cxm report [--policy FILE] [--group teams,employees,channels]
 *              [--format json|table] [--strict] [--pretty] FILE...
 *
 * Reads interaction records (JSON Lines, SPEC section 2) and prints the
 * report of SPEC section 8, as JSON or as a table for people. It uses the
 * public API only, so it doubles as an example of it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cxm/cxm.h>

/* Exit statuses, documented in --help. */
enum {
  EXIT_OK = 0,
  EXIT_REJECTED = 1, /* records rejected, or --strict stopped at one */
  EXIT_USAGE = 2     /* usage or I/O error */
};

#define STDIN_NAME "-"
#define STDIN_SOURCE "<stdin>"
#define MAX_SHOWN_REJECTIONS 10
#define TABLE_WIDTH 80

static const char exit_status_help[] =
  "Exit status:\n"
  "  0  success\n"
  "  1  some records were rejected (the report is still printed),\n"
  "     or --strict stopped at a bad record (no report)\n"
  "  2  usage error (unknown command, option, group or format; no FILE)\n"
  "     or I/O error (unreadable FILE, bad policy file, failed output)\n";

/* Prints "cxm: MESSAGE" on stderr and returns EXIT_USAGE. */
static int G_GNUC_PRINTF(1, 2)
fail(const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *message = g_strdup_vprintf(format, args);
  va_end(args);
  /* stdio, not g_printerr(): that one would turn UTF-8 into '?' in the C
   * locale, and messages quote the input. */
  fprintf(stderr, "cxm: %s\n", message);
  return EXIT_USAGE;
}

/* ---- Text cells for the table ------------------------------------------ */

/* Columns a character takes on a terminal. */
static int
char_width(gunichar c)
{
  if (g_unichar_iszerowidth(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

static int
text_width(const char *text)
{
  int width = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
    width += char_width(g_utf8_get_char(p));
  return width;
}

/* Returns @text made safe for a terminal (valid UTF-8, control characters
 * shown as '?') and cut to @width columns, ending in "…" when cut. */
static char *
fit_text(const char *text, int width)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_new(NULL);
  int used = 0;
  gboolean cut = text_width(valid) > width;
  int room = cut ? width - 1 : width; /* keep a column for the ellipsis */
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_iscntrl(c))
      c = '?';
    int w = char_width(c);
    if (used + w > room)
      break;
    g_string_append_unichar(out, c);
    used += w;
  }
  if (cut)
    g_string_append(out, "…");
  return g_string_free(out, FALSE);
}

/* Appends @text padded with spaces to @width columns (it must fit). */
static void
append_cell(GString *out, const char *text, int width, gboolean left)
{
  int pad = MAX(width - text_width(text), 0);
  if (!left)
    g_string_append_printf(out, "%*s", pad, "");
  g_string_append(out, text);
  if (left)
    g_string_append_printf(out, "%*s", pad, "");
}

/* ---- The table ---------------------------------------------------------- */

/* Column widths: 78 columns in all, so rows fit in TABLE_WIDTH. */
enum {
  W_GROUP = 20, /* the key, cut to W_GROUP - 1 so a space always follows */
  W_N = 7,      /* then one column for the small-sample mark */
  W_RATE = 7,
  W_SCORE = 7,  /* net momentum: score, " ± ", margin */
  W_MARGIN = 5,
  W_NET = W_SCORE + 3 + W_MARGIN
};

/* "42.1" for a rate, "-" when it has no value (denominator 0). */
static void
append_rate(GString *out, const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  char text[16] = "-";
  if (cxm_stats_get_rate(stats, kind, &rate))
    g_snprintf(text, sizeof text, "%.1f", 100.0 * rate.value);
  append_cell(out, text, W_RATE, FALSE);
}

static void
format_score(char *text, gsize size, double score)
{
  if (score > -0.05 && score < 0.05)
    score = 0.0; /* no "-0.0" */
  g_snprintf(text, size, "%+.1f", score);
}

/* "+17.9 ±  2.0": net momentum with its margin, ± aligned down the column. */
static void
append_net_momentum(GString *out, const CxmStats *stats)
{
  CxmNetScore net;
  if (!cxm_stats_get_net_score(stats, CXM_NET_MOMENTUM, &net)) {
    append_cell(out, "-", W_NET, FALSE);
    return;
  }
  char score[16], margin[16];
  format_score(score, sizeof score, net.score);
  /* A margin reaches 1000 only with a huge z and n = 1; drop the decimal. */
  g_snprintf(margin, sizeof margin, net.moe95 < 999.95 ? "%.1f" : "%.0f", net.moe95);
  append_cell(out, score, W_SCORE, FALSE);
  g_string_append(out, " ± ");
  append_cell(out, margin, W_MARGIN, FALSE);
}

static void
append_nps(GString *out, const CxmStats *stats)
{
  CxmNetScore nps;
  char text[16] = "-";
  if (cxm_stats_get_net_score(stats, CXM_NET_NPS, &nps))
    format_score(text, sizeof text, nps.score);
  append_cell(out, text, W_RATE, FALSE);
}

/* A count in W_N columns: exact up to 9,999,999, then "12.3M" and so on. */
static void
append_count(GString *out, guint64 n)
{
  char text[32];
  if (n < 10000000) {
    g_snprintf(text, sizeof text, "%" G_GUINT64_FORMAT, n);
  } else {
    static const char units[] = "kMGTPE";
    double value = (double) n;
    int unit = -1;
    while (value >= 9999.5 && unit < 5) {
      value /= 1000.0;
      unit++;
    }
    g_snprintf(text, sizeof text, value < 99.95 ? "%.1f%c" : "%.0f%c", value,
               units[unit]);
  }
  append_cell(out, text, W_N, FALSE);
}

static void
append_header(GString *out, const char *kind)
{
  append_cell(out, kind, W_GROUP, TRUE);
  append_cell(out, "n", W_N, FALSE);
  g_string_append_c(out, ' ');
  append_cell(out, "mom%", W_RATE, FALSE);
  append_cell(out, "disap%", W_RATE, FALSE);
  append_cell(out, "net momentum", W_NET, FALSE);
  append_cell(out, "recov%", W_RATE, FALSE);
  append_cell(out, "NPS", W_RATE, FALSE);
  append_cell(out, "CSAT%", W_RATE, FALSE);
  g_string_append_c(out, '\n');
}

/* One row: the group's key and its indicators, read through the CxmStats
 * getters. A suppressed group (policy min_group) shows its size only. */
static void
append_row(GString *out, const char *key, const CxmStats *stats)
{
  g_autofree char *name = fit_text(key, W_GROUP - 1);
  append_cell(out, name, W_GROUP, TRUE);
  append_count(out, cxm_stats_get_count(stats, CXM_COUNT_N));
  g_string_append_c(out, cxm_stats_is_small_sample(stats) ? '*' : ' ');
  if (cxm_stats_is_suppressed(stats)) {
    g_string_append(out, "  (suppressed: n below the policy's min_group)\n");
    return;
  }
  append_rate(out, stats, CXM_RATE_MOMENTUM);
  append_rate(out, stats, CXM_RATE_DISAPPOINTMENT);
  append_net_momentum(out, stats);
  append_rate(out, stats, CXM_RATE_RECOVERY);
  append_nps(out, stats);
  append_rate(out, stats, CXM_RATE_CSAT_TOP2);
  g_string_append_c(out, '\n');
}

static gboolean
append_group_row(GString *out, const CxmRecorder *recorder, CxmGroupKind kind,
                 const char *key, const char *label, GError **error)
{
  g_autoptr(CxmStats) stats = cxm_recorder_get_stats(recorder, kind, key, error);
  if (stats == NULL)
    return FALSE;
  append_row(out, label, stats);
  return TRUE;
}

/* A section: a header naming the kind, then a row per key (sorted). */
static gboolean
append_section(GString *out, const CxmRecorder *recorder, CxmGroupKind kind,
               const char *title, GError **error)
{
  char **keys = cxm_recorder_get_keys(recorder, kind, error);
  if (keys == NULL)
    return FALSE;
  gboolean ok = TRUE;
  g_string_append_c(out, '\n');
  append_header(out, title);
  if (keys[0] == NULL)
    g_string_append(out, "(none)\n");
  for (char **key = keys; *key != NULL && ok; key++)
    ok = append_group_row(out, recorder, kind, *key, *key, error);
  cxm_strv_free(keys);
  return ok;
}

static void
append_title(GString *out, const CxmRecorder *recorder,
             const CxmImportResult *result)
{
  g_autofree char *counts = g_strdup_printf(
    ": %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT " accepted (%"
    G_GUINT64_FORMAT " leadership), %" G_GUINT64_FORMAT " rejected",
    cxm_import_result_get_records(result), cxm_import_result_get_accepted(result),
    cxm_import_result_get_leadership(result), cxm_import_result_get_rejected(result));
  /* The name gets what the counts leave of the line (policy "…"). */
  int room = MAX(TABLE_WIDTH - 9 - text_width(counts), 8);
  g_autofree char *name = fit_text(cxm_policy_get_name(cxm_recorder_get_policy(recorder)),
                                   room);
  g_string_append_printf(out, "policy \"%s\"%s\n", name, counts);
}

static void
append_legend(GString *out, const CxmRecorder *recorder)
{
  double min_sample = 30;
  cxm_policy_get(cxm_recorder_get_policy(recorder), "min_sample", &min_sample, NULL);
  g_string_append_printf(
    out,
    "\n"
    "mom%%, disap%%: momentum and disappointment shares; net momentum: their\n"
    "difference with its margin of error; recov%%: momentum share of difficult\n"
    "moments; CSAT%%: share of csat 4-5; *: small sample (n < %.0f); -: no data.\n",
    min_sample);
}

static char *
table_report(const CxmRecorder *recorder, const CxmImportResult *result,
             unsigned int groups, GError **error)
{
  static const struct {
    unsigned int flag;
    CxmGroupKind kind;
    const char *title;
  } sections[] = {
    {CXM_REPORT_TEAMS, CXM_GROUP_TEAM, "team"},
    {CXM_REPORT_EMPLOYEES, CXM_GROUP_EMPLOYEE, "employee"},
    {CXM_REPORT_CHANNELS, CXM_GROUP_CHANNEL, "channel"},
  };
  g_autoptr(GString) out = g_string_new(NULL);
  append_title(out, recorder, result);
  /* Levels (frontline, manager, senior_leader, unassigned when it has
   * records: the keys sort in that order), then the totals. */
  gboolean ok = append_section(out, recorder, CXM_GROUP_LEVEL, "level", error) &&
                append_group_row(out, recorder, CXM_GROUP_TOTALS, NULL, "totals", error);
  for (gsize i = 0; i < G_N_ELEMENTS(sections) && ok; i++)
    if (groups & sections[i].flag)
      ok = append_section(out, recorder, sections[i].kind, sections[i].title, error);
  if (!ok)
    return NULL;
  append_legend(out, recorder);
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* ---- cxm report --------------------------------------------------------- */

typedef struct {
  char *policy;
  char **groups;
  char *format;
  gboolean strict;
  gboolean pretty;
  gboolean help;
} ReportOptions;

static void
report_options_clear(ReportOptions *options)
{
  g_free(options->policy);
  g_strfreev(options->groups);
  g_free(options->format);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ReportOptions, report_options_clear)

/* Turns the --group values (comma-separated lists) into report flags. */
static gboolean
parse_groups(char **values, unsigned int *flags)
{
  static const struct {
    const char *name;
    unsigned int flag;
  } names[] = {
    {"teams", CXM_REPORT_TEAMS},
    {"employees", CXM_REPORT_EMPLOYEES},
    {"channels", CXM_REPORT_CHANNELS},
  };
  *flags = 0;
  for (char **value = values; value != NULL && *value != NULL; value++) {
    g_auto(GStrv) items = g_strsplit(*value, ",", -1);
    for (char **item = items; *item != NULL; item++) {
      gsize i = 0;
      while (i < G_N_ELEMENTS(names) && strcmp(*item, names[i].name) != 0)
        i++;
      if (i == G_N_ELEMENTS(names)) {
        fail("unknown group \"%s\" (expected teams, employees or channels)", *item);
        return FALSE;
      }
      *flags |= names[i].flag;
    }
  }
  return TRUE;
}

static gboolean
import_file(CxmRecorder *recorder, const char *file, CxmImportFlags flags,
            CxmImportResult *result, GError **error)
{
  if (strcmp(file, STDIN_NAME) == 0)
    return cxm_recorder_import_stream(recorder, stdin, STDIN_SOURCE, flags,
                                      result, error);
  return cxm_recorder_import_path(recorder, file, flags, result, error);
}

/* "FILE: line N: message" for the first rejections, after a summary. */
static void
print_rejections(const CxmImportResult *result)
{
  guint64 rejected = cxm_import_result_get_rejected(result);
  if (rejected == 0)
    return;
  guint64 records = cxm_import_result_get_records(result);
  fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s rejected\n",
          rejected, records, records == 1 ? "record" : "records");
  guint shown = MIN(cxm_import_result_get_n_errors(result), MAX_SHOWN_REJECTIONS);
  for (guint i = 0; i < shown; i++) {
    const char *source = cxm_import_result_get_error_source(result, i);
    fprintf(stderr, "%s%sline %" G_GUINT64_FORMAT ": %s\n", source != NULL ? source : "",
            source != NULL ? ": " : "", cxm_import_result_get_error_line(result, i),
            cxm_import_result_get_error_message(result, i));
  }
  if (rejected > shown)
    fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " more %s not shown\n",
            rejected - shown, rejected - shown == 1 ? "rejection" : "rejections");
}

static char *
report_help(GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help(context, TRUE, NULL);
  GString *text = g_string_new(help);
  /* GOption names the program only; the usage line needs the command too. */
  g_string_replace(text, "  cxm [", "  cxm report [", 1);
  return g_string_free(text, FALSE);
}

static int
command_report(int argc, char **argv)
{
  g_auto(ReportOptions) options = {0};
  const GOptionEntry entries[] = {
    {"policy", 'p', 0, G_OPTION_ARG_FILENAME, &options.policy,
     "Classify under the policy in FILE (JSON)", "FILE"},
    {"group", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &options.groups,
     "Also report teams, employees, channels", "GROUPS"},
    {"format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
     "json (the default) or table", "FORMAT"},
    {"strict", 's', 0, G_OPTION_ARG_NONE, &options.strict,
     "Stop at the first bad record, with no report", NULL},
    {"pretty", 0, 0, G_OPTION_ARG_NONE, &options.pretty,
     "Indent the JSON report (default: one line)", NULL},
    {"help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  g_autoptr(GOptionContext) context = g_option_context_new("FILE…");
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(
    context,
    "Reads interaction records and leadership events (JSON Lines: one object\n"
    "per line) from each FILE, '-' for standard input, and prints one report\n"
    "over all of them: momentum, disappointment, recovery, NPS and CSAT for\n"
    "the totals and each level (frontline, manager, senior_leader, and\n"
    "unassigned for records without a level), and the groups asked for.");
  g_autofree char *description = g_strconcat(
    "GROUPS is a comma-separated list; --group may be given more than once.\n"
    "Without --policy, records are classified under the defaults of the\n"
    "specification (csat 4-5 positive, 1-2 negative, and so on).\n"
    "\n"
    "A bad record is rejected and the rest still count: the first 10\n"
    "rejections are listed on standard error as \"FILE: line N: message\", and\n"
    "the JSON report lists up to 100 in input.errors. With --strict the first\n"
    "bad record stops the command: \"cxm: FILE: line N: message\", no report.\n"
    "\n",
    exit_status_help, NULL);
  g_option_context_set_description(context, description);
  g_option_context_add_main_entries(context, entries, NULL);

  GError *error = NULL;
  if (!g_option_context_parse(context, &argc, &argv, &error)) {
    fail("%s (see 'cxm report --help')", error->message);
    g_error_free(error);
    return EXIT_USAGE;
  }
  if (options.help) {
    g_autofree char *help = report_help(context);
    fputs(help, stdout);
    return fflush(stdout) == 0 ? EXIT_OK : fail("standard output: write failed");
  }

  gboolean table = FALSE;
  if (options.format != NULL && strcmp(options.format, "table") == 0)
    table = TRUE;
  else if (options.format != NULL && strcmp(options.format, "json") != 0)
    return fail("unknown format \"%s\" (expected json or table)", options.format);
  unsigned int flags = 0;
  if (!parse_groups(options.groups, &flags))
    return EXIT_USAGE;
  if (options.pretty)
    flags |= CXM_REPORT_PRETTY;
  if (argc < 2)
    return fail("no input FILE (use - for standard input; see 'cxm report --help')");

  g_autoptr(CxmPolicy) policy = NULL;
  if (options.policy != NULL) {
    policy = cxm_policy_new_from_file(options.policy, &error);
    if (policy == NULL) {
      /* The message names the file already. */
      fail("%s", error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
  }

  g_autoptr(CxmRecorder) recorder = cxm_recorder_new(policy);
  g_autoptr(CxmImportResult) result = cxm_import_result_new();
  CxmImportFlags import_flags = options.strict ? CXM_IMPORT_STRICT : CXM_IMPORT_DEFAULT;
  for (int i = 1; i < argc; i++) {
    if (import_file(recorder, argv[i], import_flags, result, &error))
      continue;
    /* An I/O error is the command's failure; a strict stop is the data's. */
    gboolean io = g_error_matches(error, CXM_ERROR, CXM_ERROR_IO);
    if (io)
      fail("%s", error->message);
    else
      fail("%s: %s", strcmp(argv[i], STDIN_NAME) == 0 ? STDIN_SOURCE : argv[i],
           error->message);
    g_error_free(error);
    return io ? EXIT_USAGE : EXIT_REJECTED;
  }

  g_autofree char *text = NULL;
  if (table) {
    text = table_report(recorder, result, flags, &error);
  } else {
    char *json = cxm_report_to_json(recorder, result, flags, &error);
    if (json != NULL)
      text = g_strconcat(json, "\n", NULL);
    cxm_free(json);
  }
  if (text == NULL) {
    fail("%s", error->message);
    g_error_free(error);
    return EXIT_USAGE;
  }
  fputs(text, stdout);
  if (fflush(stdout) != 0 || ferror(stdout))
    return fail("standard output: write failed");
  print_rejections(result);
  return cxm_import_result_get_rejected(result) > 0 ? EXIT_REJECTED : EXIT_OK;
}

/* ---- main --------------------------------------------------------------- */

int
main(int argc, char **argv)
{
  /* Fixed, so that messages and help do not depend on how cxm was started
   * (libtool runs it as lt-cxm in the build tree). */
  g_set_prgname("cxm");

  gboolean version = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    {"version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL},
    {"help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  g_autoptr(GOptionContext) context = g_option_context_new("COMMAND [ARG…]");
  /* Our own --help: GOption's exits from inside the parser. Strict POSIX
   * parsing stops at the command, leaving its options to it. */
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_strict_posix(context, TRUE);
  g_option_context_set_summary(
    context,
    "Customer-experience metrics: Momentums and Moments of Disappointment,\n"
    "recovery of difficult moments, NPS and CSAT, from interaction records.");
  g_autofree char *description = g_strconcat(
    "Commands:\n"
    "  report   Read interaction records (JSON Lines) and print a report\n"
    "\n"
    "Run 'cxm report --help' for the options of report.\n"
    "\n",
    exit_status_help, NULL);
  g_option_context_set_description(context, description);
  g_option_context_add_main_entries(context, entries, NULL);

  GError *error = NULL;
  if (!g_option_context_parse(context, &argc, &argv, &error)) {
    fail("%s (see 'cxm --help')", error->message);
    g_error_free(error);
    return EXIT_USAGE;
  }
  if (help) {
    g_autofree char *text = g_option_context_get_help(context, TRUE, NULL);
    fputs(text, stdout);
    return fflush(stdout) == 0 ? EXIT_OK : fail("standard output: write failed");
  }
  if (version) {
    printf("cxm %s\n", cxm_version_string());
    return fflush(stdout) == 0 ? EXIT_OK : fail("standard output: write failed");
  }
  if (argc < 2)
    return fail("no command (see 'cxm --help')");
  if (strcmp(argv[1], "report") == 0)
    return command_report(argc - 1, argv + 1);
  return fail("unknown command \"%s\" (see 'cxm --help')", argv[1]);
}
