/* cxm: the command-line tool.
 *
 *   cxm report   [--policy FILE] [--org FILE] [--group GROUPS]
 *                [--compare A,B] [--format json|table|csv] [--strict]
 *                [--pretty] [--max-groups N] [--journal FILE]...
 *                [--snapshot SNAP]... [FILE...]
 *   cxm record   --journal FILE [--sync always|batch|os] [--unique-ids]
 *                [--policy FILE] [--org FILE] [--max-groups N]
 *   cxm snapshot [--policy FILE] [--org FILE] [--strict] [--max-groups N]
 *                [--journal FILE]... [--snapshot SNAP]... [FILE...] -o SNAP
 *   cxm classify [--policy FILE] [--org FILE] FILE...
 *   cxm validate FILE...
 *
 * Reads interaction records (JSON Lines, SPEC section 2) and prints the
 * report of SPEC section 8 (as JSON, as a table for people or as CSV), the
 * class of each record, or the list of bad records; appends records read
 * from standard input to a durable journal, acknowledging each; writes and
 * merges snapshots of the aggregates. It uses the public API only, so it
 * doubles as an example of it. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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
#define MAX_SHOWN_HOTSPOTS 10
#define TABLE_WIDTH 80
/* The longest record line (SPEC section 7); classify passes one byte more
 * of a longer line to the library, which rejects it with its own message. */
#define LINE_LIMIT (1u << 20)
/* Progress on a terminal: redraw at most this often (microseconds). */
#define PROGRESS_INTERVAL 200000

static const char main_exit_status_help[] =
  "Exit status:\n"
  "  0  success\n"
  "  1  some records were rejected (see each command's --help)\n"
  "  2  usage error (unknown command, option or value; no input)\n"
  "     or I/O error (unreadable file, failed output, a journal that\n"
  "     another writer holds, a bad snapshot)\n";

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

/* fail() with a GError's message, which it frees. */
static int
fail_error(GError *error)
{
  fail("%s", error->message);
  g_error_free(error);
  return EXIT_USAGE;
}

/* Flushes standard output; EXIT_USAGE with a message when writing failed. */
static int
finish_output(int status)
{
  if (fflush(stdout) != 0 || ferror(stdout))
    return fail("standard output: write failed");
  return status;
}

/* The name errors and outputs give an input FILE argument. */
static const char *
source_name(const char *file)
{
  return strcmp(file, STDIN_NAME) == 0 ? STDIN_SOURCE : file;
}

/* A command's --help: GOption names the program only, the usage line needs
 * the command too. */
static char *
command_help(GOptionContext *context, const char *command)
{
  g_autofree char *help = g_option_context_get_help(context, TRUE, NULL);
  GString *text = g_string_new(help);
  g_autofree char *usage = g_strdup_printf("  cxm %s [", command);
  g_string_replace(text, "  cxm [", usage, 1);
  return g_string_free(text, FALSE);
}

/* Parses a command's options; on --help prints the help. Returns -1 to go
 * on, else the exit status. */
static int
parse_command_line(GOptionContext *context, const char *command, gboolean *help,
                   int *argc, char ***argv)
{
  GError *error = NULL;
  if (!g_option_context_parse(context, argc, argv, &error)) {
    fail("%s (see 'cxm %s --help')", error->message, command);
    g_error_free(error);
    return EXIT_USAGE;
  }
  if (*help) {
    g_autofree char *text = command_help(context, command);
    fputs(text, stdout);
    return finish_output(EXIT_OK);
  }
  return -1;
}

static CxmPolicy *
load_policy(const char *path, GError **error)
{
  /* The messages name the file already. */
  return path != NULL ? cxm_policy_new_from_file(path, error) : cxm_policy_new();
}

/* ---- Progress on a terminal ----------------------------------------------- */

typedef struct {
  gint64 start;  /* monotonic time the command started reading */
  gint64 drawn;  /* of the last redraw */
  gboolean shown;
} Progress;

/* "12,345,678": a count with its thousands grouped. */
static char *
grouped_count(guint64 n)
{
  g_autofree char *digits = g_strdup_printf("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new(NULL);
  gsize len = strlen(digits);
  for (gsize i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0)
      g_string_append_c(out, ',');
    g_string_append_c(out, digits[i]);
  }
  return g_string_free(out, FALSE);
}

static void
progress_draw(guint64 records, guint64 bytes, gpointer data)
{
  Progress *progress = data;
  gint64 now = g_get_monotonic_time();
  if (progress->shown && now - progress->drawn < PROGRESS_INTERVAL)
    return;
  double seconds = (double) (now - progress->start) / G_USEC_PER_SEC;
  g_autofree char *count = grouped_count(records);
  /* Clear to the end of the line: the rate may have fewer digits. */
  fprintf(stderr, "\r%s records, %.1f MB, %.0f records/s\033[K", count,
          (double) bytes / 1e6, seconds > 0 ? (double) records / seconds : 0.0);
  fflush(stderr);
  progress->drawn = now;
  progress->shown = TRUE;
}

/* Shows progress of the imports into @result when standard error is a
 * terminal, and only then: pipes and files never see it. */
static void
progress_start(Progress *progress, CxmImportResult *result)
{
  progress->start = g_get_monotonic_time();
  progress->shown = FALSE;
  if (isatty(STDERR_FILENO))
    cxm_import_result_set_progress(result, progress_draw, progress);
}

/* Erases the progress line, if any, once an import has ended. */
static void
progress_clear(Progress *progress)
{
  if (!progress->shown)
    return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  progress->shown = FALSE;
}

static gboolean
import_file(CxmRecorder *recorder, const char *file, CxmImportFlags flags,
            CxmImportResult *result, Progress *progress, GError **error)
{
  gboolean ok;
  if (strcmp(file, STDIN_NAME) == 0)
    ok = cxm_import_stream(recorder, stdin, STDIN_SOURCE, flags, result, error);
  else
    ok = cxm_import_path(recorder, file, flags, result, error);
  progress_clear(progress);
  return ok;
}

/* ---- Groups: all time or one period ---------------------------------------- */

/* Where a group's numbers come from: the whole input, or one period. */
typedef struct {
  const CxmRecorder *recorder;
  CxmPeriodKind period_kind;
  const char *period; /* NULL: all time */
} View;

static CxmStats *
view_stats(const View *view, CxmGroupKind kind, const char *key, GError **error)
{
  if (view->period == NULL)
    return cxm_recorder_get_stats(view->recorder, kind, key, error);
  return cxm_recorder_get_period_stats(view->recorder, view->period_kind, view->period,
                                       kind, key, error);
}

/* Called with each group of one kind; FALSE (with @error) stops. */
typedef gboolean (*GroupFunc)(const char *key, const CxmStats *stats, gpointer data,
                              GError **error);

/* Calls @func for each group of @kind in @view, in the report's order:
 * levels and channels in SPEC order, teams and employees bytewise. Within
 * a period, as in the JSON report, only the teams with interactions there
 * and "unassigned" only when it has some. @count (optional) gets how many
 * groups were passed. */
static gboolean
for_each_group(const View *view, CxmGroupKind kind, GroupFunc func, gpointer data,
               guint *count, GError **error)
{
  if (count != NULL)
    *count = 0;
  if (kind == CXM_GROUP_TOTALS) {
    g_autoptr(CxmStats) stats = view_stats(view, kind, NULL, error);
    if (count != NULL)
      *count = 1;
    return stats != NULL && func(NULL, stats, data, error);
  }
  char **keys = cxm_recorder_get_keys(view->recorder, kind, error);
  if (keys == NULL)
    return FALSE;
  gboolean ok = TRUE;
  for (char **key = keys; *key != NULL && ok; key++) {
    g_autoptr(CxmStats) stats = view_stats(view, kind, *key, error);
    if (stats == NULL) {
      ok = FALSE;
      break;
    }
    if (view->period != NULL && cxm_stats_get_count(stats, CXM_COUNT_N) == 0 &&
        (kind == CXM_GROUP_TEAM ||
         (kind == CXM_GROUP_LEVEL && strcmp(*key, "unassigned") == 0)))
      continue;
    ok = func(*key, stats, data, error);
    if (count != NULL)
      (*count)++;
  }
  cxm_strv_free(keys);
  return ok;
}

static const struct {
  unsigned int flag;
  CxmPeriodKind kind;
} period_flags[] = {
  {CXM_REPORT_DAYS, CXM_PERIOD_DAY},
  {CXM_REPORT_WEEKS, CXM_PERIOD_WEEK},
  {CXM_REPORT_MONTHS, CXM_PERIOD_MONTH},
};

/* The groups besides totals and levels, in the report's order. */
static const struct {
  unsigned int flag;
  CxmGroupKind kind;
  const char *name; /* the table's title, the CSV's group column */
} optional_groups[] = {
  {CXM_REPORT_TEAMS, CXM_GROUP_TEAM, "team"},
  {CXM_REPORT_EMPLOYEES, CXM_GROUP_EMPLOYEE, "employee"},
  {CXM_REPORT_CHANNELS, CXM_GROUP_CHANNEL, "channel"},
};

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
  W_NET = W_SCORE + 3 + W_MARGIN,
  /* Hot spots: 75 columns. */
  W_DIFFICULTY = 22, /* the longest kind, service_chain_failure, and a space */
  W_WHERE = 32,      /* "team KEY" or "channel KEY", cut to W_WHERE - 1 */
  W_SPOT_COUNT = 7
};

/* "42.1" for a percentage, "-" when it has no value. */
static void
append_percent(GString *out, gboolean has_value, double fraction)
{
  char text[16] = "-";
  if (has_value)
    g_snprintf(text, sizeof text, "%.1f", 100.0 * fraction);
  append_cell(out, text, W_RATE, FALSE);
}

/* A rate as a percentage, "-" when it has no value (denominator 0). */
static void
append_rate(GString *out, const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  gboolean has_value = cxm_stats_get_rate(stats, kind, &rate);
  append_percent(out, has_value, has_value ? rate.value : 0.0);
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

/* A count in @width columns: exact below 10^(width) - 1, then "12.3M"
 * and so on. */
static void
append_count_width(GString *out, guint64 n, int width)
{
  char text[32];
  g_snprintf(text, sizeof text, "%" G_GUINT64_FORMAT, n);
  if ((int) strlen(text) > width) {
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
  append_cell(out, text, width, FALSE);
}

/* A count in W_N columns: exact up to 9,999,999, then "12.3M". */
static void
append_count(GString *out, guint64 n)
{
  append_count_width(out, n, W_N);
}

static void
append_header(GString *out, const char *kind)
{
  g_autofree char *title = fit_text(kind, W_GROUP - 1);
  append_cell(out, title, W_GROUP, TRUE);
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
table_row(const char *key, const CxmStats *stats, gpointer data, GError **error)
{
  append_row(data, key != NULL ? key : "totals", stats);
  return TRUE;
}

/* A section: a header naming the kind, then a row per group. */
static gboolean
append_section(GString *out, const View *view, CxmGroupKind kind, const char *title,
               GError **error)
{
  guint count;
  g_string_append_c(out, '\n');
  append_header(out, title);
  if (!for_each_group(view, kind, table_row, out, &count, error))
    return FALSE;
  if (count == 0)
    g_string_append(out, "(none)\n");
  return TRUE;
}

/* Levels (frontline, manager, senior_leader, unassigned when it has
 * records), the totals, then the groups of @groups that @view keeps. */
static gboolean
append_view(GString *out, const View *view, unsigned int groups, const char *prefix,
            GError **error)
{
  g_autofree char *title = g_strconcat(prefix, "level", NULL);
  if (!append_section(out, view, CXM_GROUP_LEVEL, title, error) ||
      !for_each_group(view, CXM_GROUP_TOTALS, table_row, out, NULL, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS(optional_groups); i++) {
    if (!(groups & optional_groups[i].flag))
      continue;
    g_free(title);
    title = g_strconcat(prefix, optional_groups[i].name, NULL);
    if (!append_section(out, view, optional_groups[i].kind, title, error))
      return FALSE;
  }
  return TRUE;
}

/* Writes one period's groups (the table's or the CSV's way). */
typedef gboolean (*ViewWriter)(GString *out, const View *view, unsigned int groups,
                               GError **error);

/* Writes every period of each period kind asked for in @flags, in time
 * order, with @write; @none (nullable) notes a kind that has no period. */
static gboolean
write_periods(GString *out, const CxmRecorder *recorder, unsigned int flags,
              ViewWriter write, void (*none)(GString *out, CxmPeriodKind kind),
              GError **error)
{
  /* Employees are not kept per period. */
  const unsigned int groups = flags & (CXM_REPORT_TEAMS | CXM_REPORT_CHANNELS);
  for (gsize k = 0; k < G_N_ELEMENTS(period_flags); k++) {
    if (!(flags & period_flags[k].flag))
      continue;
    char **names = cxm_recorder_get_periods(recorder, period_flags[k].kind, error);
    if (names == NULL)
      return FALSE;
    gboolean ok = TRUE;
    for (char **name = names; *name != NULL && ok; name++) {
      View view = {recorder, period_flags[k].kind, *name};
      ok = write(out, &view, groups, error);
    }
    if (names[0] == NULL && none != NULL)
      none(out, period_flags[k].kind);
    cxm_strv_free(names);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

/* A period's block in the table: its levels and totals, and its teams and
 * channels when asked for, titled "2026-W10 level", ... */
static gboolean
append_period_view(GString *out, const View *view, unsigned int groups, GError **error)
{
  g_autofree char *prefix = g_strconcat(view->period, " ", NULL);
  return append_view(out, view, groups, prefix, error);
}

static void
append_no_period(GString *out, CxmPeriodKind kind)
{
  g_string_append_printf(out, "\nperiods by %s\n(none)\n", cxm_period_kind_name(kind));
}

/* Each person's scope, everyone in and below them, followed by an "own"
 * row for their own interactions. */
static gboolean
append_scopes(GString *out, const CxmRecorder *recorder, GError **error)
{
  char **people = cxm_recorder_get_scopes(recorder, error);
  if (people == NULL)
    return FALSE;
  gboolean ok = TRUE;
  g_string_append_c(out, '\n');
  append_header(out, "scope");
  if (people[0] == NULL)
    g_string_append(out, "(none)\n");
  for (char **person = people; *person != NULL && ok; person++) {
    g_autoptr(CxmStats) cumulative = cxm_recorder_get_scope_stats(recorder, *person,
                                                                  TRUE, error);
    g_autoptr(CxmStats) direct = NULL;
    if (cumulative != NULL)
      direct = cxm_recorder_get_scope_stats(recorder, *person, FALSE, error);
    ok = direct != NULL;
    if (ok) {
      append_row(out, *person, cumulative);
      append_row(out, "  own", direct);
    }
  }
  cxm_strv_free(people);
  return ok;
}

/* ---- Hot spots ------------------------------------------------------------ */

/* The worst MAX_SHOWN_HOTSPOTS: kind, where, count, disappointments and
 * the share of them turned into momentum. */
static gboolean
append_hotspots(GString *out, const CxmRecorder *recorder, GError **error)
{
  gsize n = 0;
  g_autoptr(GError) local = NULL;
  CxmHotspot *spots = cxm_recorder_get_hotspots(recorder, &n, &local);
  if (local != NULL) {
    g_propagate_error(error, g_steal_pointer(&local));
    return FALSE;
  }
  double min_group = 0;
  cxm_policy_get(cxm_recorder_get_policy(recorder), "min_group", &min_group, NULL);

  g_string_append_c(out, '\n');
  append_cell(out, "hot spot", W_DIFFICULTY, TRUE);
  append_cell(out, "team or channel", W_WHERE, TRUE);
  append_cell(out, "count", W_SPOT_COUNT, FALSE);
  append_cell(out, "disap.", W_SPOT_COUNT, FALSE);
  append_cell(out, "recov%", W_RATE, FALSE);
  g_string_append_c(out, '\n');
  if (n == 0)
    g_string_append(out, "(none)\n");
  for (gsize i = 0; i < n && i < MAX_SHOWN_HOTSPOTS; i++) {
    const CxmHotspot *spot = &spots[i];
    g_autofree char *where = g_strconcat(spot->kind == CXM_GROUP_TEAM ? "team " : "channel ",
                                         spot->key, NULL);
    g_autofree char *cell = fit_text(where, W_WHERE - 1);
    append_cell(out, cxm_difficulty_name(spot->difficulty), W_DIFFICULTY, TRUE);
    append_cell(out, cell, W_WHERE, TRUE);
    append_count_width(out, spot->counts.count, W_SPOT_COUNT);
    append_count_width(out, spot->counts.disappointment, W_SPOT_COUNT);
    if (min_group > 0 && (double) spot->counts.count < min_group)
      append_cell(out, "supp.", W_RATE, FALSE);
    else
      append_percent(out, spot->counts.difficult > 0,
                     spot->counts.difficult > 0
                       ? (double) spot->counts.recovered / (double) spot->counts.difficult
                       : 0.0);
    g_string_append_c(out, '\n');
  }
  if (n > MAX_SHOWN_HOTSPOTS)
    g_string_append_printf(out, "(%" G_GSIZE_FORMAT " more in the JSON report)\n",
                           n - MAX_SHOWN_HOTSPOTS);
  cxm_hotspots_free(spots, n);
  return TRUE;
}

/* The counts of the report's "input" section. */
typedef struct {
  guint64 records, accepted, rejected, leadership;
} InputCounts;

static void
append_title(GString *out, const CxmRecorder *recorder, const InputCounts *input)
{
  g_autofree char *counts = g_strdup_printf(
    ": %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT " accepted (%"
    G_GUINT64_FORMAT " leadership), %" G_GUINT64_FORMAT " rejected",
    input->records, input->accepted, input->leadership, input->rejected);
  /* The name gets what the counts leave of the line (policy "…"). */
  int room = MAX(TABLE_WIDTH - 9 - text_width(counts), 8);
  g_autofree char *name = fit_text(cxm_policy_get_name(cxm_recorder_get_policy(recorder)),
                                   room);
  g_string_append_printf(out, "policy \"%s\"%s\n", name, counts);
}

static void
append_legend(GString *out, const CxmRecorder *recorder, unsigned int flags)
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
  if (flags & CXM_REPORT_SCOPES)
    g_string_append(out,
                    "scope: the person and everyone below them; own: their own.\n");
  if (flags & CXM_REPORT_HOTSPOTS)
    g_string_append(out,
                    "hot spot: a difficulty kind in a team or channel, most\n"
                    "disappointments (disap.) first; supp.: count below min_group.\n");
}

static char *
table_report(const CxmRecorder *recorder, const InputCounts *input, unsigned int flags,
             GError **error)
{
  g_autoptr(GString) out = g_string_new(NULL);
  const View all = {recorder, CXM_PERIOD_DAY, NULL};
  append_title(out, recorder, input);
  if (!append_view(out, &all, flags, "", error) ||
      !write_periods(out, recorder, flags, append_period_view, append_no_period, error) ||
      ((flags & CXM_REPORT_SCOPES) && !append_scopes(out, recorder, error)) ||
      ((flags & CXM_REPORT_HOTSPOTS) && !append_hotspots(out, recorder, error)))
    return NULL;
  append_legend(out, recorder, flags);
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* ---- CSV ------------------------------------------------------------------ */

/* The columns, in their documented, stable order. */
static const char csv_header[] =
  "period,group,key,n,momentum,disappointment,neutral,"
  "momentum_rate,momentum_low,momentum_high,"
  "disappointment_rate,disappointment_low,disappointment_high,"
  "net_momentum,net_momentum_moe95,difficult,difficult_rate,"
  "recovery_rate,recovery_low,recovery_high,nps_responses,nps,nps_moe95,"
  "csat_responses,csat_mean,csat_top2_rate,csat_fan_rate,"
  "effort_responses,effort_mean,effort_easy_rate,"
  "employee_satisfaction_responses,employee_satisfaction_mean,"
  "fcr_rate,beyond_role_rate,proactive_rate,empowered_rate,"
  "small_sample,suppressed\n";

/* Columns from momentum_rate to empowered_rate, left empty when a group
 * is suppressed. */
#define CSV_INDICATOR_COLUMNS 29

enum { RATE_DECIMALS = 4, SCORE_DECIMALS = 2, MEAN_DECIMALS = 3 };

/* ",TEXT": a field, quoted (RFC 4180) when it holds a comma, a quote or a
 * line break. */
static void
csv_text(GString *out, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c(out, ',');
  if (text == NULL)
    return;
  if (strpbrk(text, ",\"\r\n") == NULL) {
    g_string_append(out, text);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static void
csv_count(GString *out, guint64 value)
{
  g_string_append_printf(out, ",%" G_GUINT64_FORMAT, value);
}

/* ",0.4213": a number rounded to @decimals and written as the JSON report
 * writes it (trailing zeros dropped, one decimal kept, never "-0"). */
static void
csv_number(GString *out, double value, int decimals)
{
  const double scale = decimals == RATE_DECIMALS    ? 1e4
                       : decimals == MEAN_DECIMALS ? 1e3
                                                   : 1e2;
  double rounded = round(value * scale) / scale;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = decimals == RATE_DECIMALS    ? "%.4f"
                       : decimals == MEAN_DECIMALS ? "%.3f"
                                                   : "%.2f";
  if (rounded == 0)
    rounded = 0; /* drops the sign of -0 */
  g_ascii_formatd(text, sizeof text, format, rounded);
  gsize len = strlen(text);
  while (len > 2 && text[len - 1] == '0' && text[len - 2] != '.')
    text[--len] = '\0';
  g_string_append_c(out, ',');
  g_string_append(out, text);
}

/* A rate: its value, with @interval the Wilson bounds too; empty cells
 * when it has no value. */
static void
csv_rate(GString *out, const CxmStats *stats, CxmRateKind kind, gboolean interval)
{
  CxmRate rate;
  if (!cxm_stats_get_rate(stats, kind, &rate)) {
    g_string_append(out, interval ? ",,," : ",");
    return;
  }
  csv_number(out, rate.value, RATE_DECIMALS);
  if (interval) {
    csv_number(out, rate.low, RATE_DECIMALS);
    csv_number(out, rate.high, RATE_DECIMALS);
  }
}

static void
csv_net_score(GString *out, const CxmStats *stats, CxmNetKind kind)
{
  CxmNetScore score;
  if (!cxm_stats_get_net_score(stats, kind, &score)) {
    g_string_append(out, ",,");
    return;
  }
  csv_number(out, score.score, SCORE_DECIMALS);
  csv_number(out, score.moe95, SCORE_DECIMALS);
}

static void
csv_mean(GString *out, const CxmStats *stats, CxmMeanKind kind)
{
  double mean;
  if (cxm_stats_get_mean(stats, kind, &mean))
    csv_number(out, mean, MEAN_DECIMALS);
  else
    g_string_append_c(out, ',');
}

static void
csv_row(GString *out, const char *period, const char *group, const char *key,
        const CxmStats *stats)
{
  csv_text(out, period, TRUE);
  csv_text(out, group, FALSE);
  csv_text(out, key, FALSE);
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_N));
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_MOMENTUM));
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_DISAPPOINTMENT));
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_NEUTRAL));
  gboolean suppressed = cxm_stats_is_suppressed(stats);
  if (suppressed) {
    for (int i = 0; i < CSV_INDICATOR_COLUMNS; i++)
      g_string_append_c(out, ',');
  } else {
    csv_rate(out, stats, CXM_RATE_MOMENTUM, TRUE);
    csv_rate(out, stats, CXM_RATE_DISAPPOINTMENT, TRUE);
    csv_net_score(out, stats, CXM_NET_MOMENTUM);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_DIFFICULT));
    csv_rate(out, stats, CXM_RATE_DIFFICULT, FALSE);
    csv_rate(out, stats, CXM_RATE_RECOVERY, TRUE);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_NPS_RESPONSES));
    csv_net_score(out, stats, CXM_NET_NPS);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_CSAT_RESPONSES));
    csv_mean(out, stats, CXM_MEAN_CSAT);
    csv_rate(out, stats, CXM_RATE_CSAT_TOP2, FALSE);
    csv_rate(out, stats, CXM_RATE_CSAT_FAN, FALSE);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_EFFORT_RESPONSES));
    csv_mean(out, stats, CXM_MEAN_EFFORT);
    csv_rate(out, stats, CXM_RATE_EFFORT_EASY, FALSE);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES));
    csv_mean(out, stats, CXM_MEAN_EMPLOYEE_SATISFACTION);
    csv_rate(out, stats, CXM_RATE_FCR, FALSE);
    csv_rate(out, stats, CXM_RATE_BEYOND_ROLE, FALSE);
    csv_rate(out, stats, CXM_RATE_PROACTIVE, FALSE);
    csv_rate(out, stats, CXM_RATE_EMPOWERED, FALSE);
  }
  g_string_append(out, cxm_stats_is_small_sample(stats) ? ",true" : ",false");
  g_string_append(out, suppressed ? ",true\n" : ",false\n");
  /* Rows go out as they come: a report with many employees is large. */
  if (out->len >= 65536) {
    fwrite(out->str, 1, out->len, stdout);
    g_string_truncate(out, 0);
  }
}

typedef struct {
  GString *out;
  const char *period;
  const char *group;
} CsvRows;

static gboolean
csv_group_row(const char *key, const CxmStats *stats, gpointer data, GError **error)
{
  const CsvRows *rows = data;
  csv_row(rows->out, rows->period, rows->group, key, stats);
  return TRUE;
}

/* Totals, levels and the groups of @groups that @view keeps. */
static gboolean
csv_view(GString *out, const View *view, unsigned int groups, GError **error)
{
  CsvRows rows = {out, view->period, "totals"};
  if (!for_each_group(view, CXM_GROUP_TOTALS, csv_group_row, &rows, NULL, error))
    return FALSE;
  rows.group = "level";
  if (!for_each_group(view, CXM_GROUP_LEVEL, csv_group_row, &rows, NULL, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS(optional_groups); i++) {
    if (!(groups & optional_groups[i].flag))
      continue;
    rows.group = optional_groups[i].name;
    if (!for_each_group(view, optional_groups[i].kind, csv_group_row, &rows, NULL, error))
      return FALSE;
  }
  return TRUE;
}

/* Writes the CSV report to standard output. */
static gboolean
csv_report(const CxmRecorder *recorder, unsigned int flags, GError **error)
{
  g_autoptr(GString) out = g_string_new(csv_header);
  const View all = {recorder, CXM_PERIOD_DAY, NULL};
  if (!csv_view(out, &all, flags, error))
    return FALSE;
  if (!write_periods(out, recorder, flags, csv_view, NULL, error))
    return FALSE;
  if (flags & CXM_REPORT_SCOPES) {
    char **people = cxm_recorder_get_scopes(recorder, error);
    if (people == NULL)
      return FALSE;
    gboolean ok = TRUE;
    for (char **person = people; *person != NULL && ok; person++) {
      for (int cumulative = 0; cumulative <= 1 && ok; cumulative++) {
        g_autoptr(CxmStats) stats = cxm_recorder_get_scope_stats(recorder, *person,
                                                                 cumulative, error);
        ok = stats != NULL;
        if (ok)
          csv_row(out, NULL, cumulative ? "scope_cumulative" : "scope", *person, stats);
      }
    }
    cxm_strv_free(people);
    if (!ok)
      return FALSE;
  }
  fwrite(out->str, 1, out->len, stdout);
  return TRUE;
}

/* ---- Inputs: FILEs, journals and snapshots into one recorder ---------------- */

/* What report and snapshot read besides their FILE arguments. */
typedef struct {
  char *policy;
  char *org;
  char *max_groups;  /* --max-groups, as given */
  char **journals;   /* --journal, repeatable */
  char **snapshots;  /* --snapshot, repeatable */
  gboolean strict;
} SourceOptions;

static void
source_options_clear(SourceOptions *options)
{
  g_free(options->policy);
  g_free(options->org);
  g_free(options->max_groups);
  g_strfreev(options->journals);
  g_strfreev(options->snapshots);
}

/* What the sources added up to. */
typedef struct {
  CxmRecorder *recorder;
  CxmImportResult *result;     /* FILEs and journals */
} Loaded;

static void
loaded_clear(Loaded *loaded)
{
  g_clear_pointer(&loaded->recorder, cxm_recorder_free);
  g_clear_pointer(&loaded->result, cxm_import_result_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Loaded, loaded_clear)

/* The "input" counts, as the JSON report has them: what the recorder holds
 * (imports and snapshots alike) and the imports' rejections. */
static InputCounts
input_counts(const Loaded *loaded)
{
  guint64 leadership = cxm_recorder_get_leadership_count(loaded->recorder, CXM_UNSET);
  guint64 accepted = cxm_recorder_get_n(loaded->recorder) + leadership;
  guint64 rejected = cxm_import_result_get_rejected(loaded->result);
  InputCounts counts = { accepted + rejected, accepted, rejected, leadership };
  return counts;
}

/* Parses --max-groups: a count, 0 for no bound. FALSE after a message. */
static gboolean
parse_max_groups(const char *text, guint64 *value)
{
  g_autoptr(GError) error = NULL;
  if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, value, &error)) {
    fail("--max-groups needs a count of groups (0: no bound), got \"%s\"", text);
    return FALSE;
  }
  return TRUE;
}

/* A new recorder under @policy with @org and the group bound, if any. */
static CxmRecorder *
new_recorder(const CxmPolicy *policy, CxmOrg *org, gboolean bounded, guint64 max_groups)
{
  CxmRecorder *recorder = cxm_recorder_new(policy);
  /* An empty recorder always accepts an org. */
  if (org != NULL)
    cxm_recorder_set_org(recorder, org, NULL);
  if (bounded)
    cxm_recorder_set_max_groups(recorder, max_groups);
  return recorder;
}

/* Reads a whole snapshot file, '-' for standard input; FALSE after a
 * message. */
static gboolean
read_snapshot(const char *file, char **data, gsize *length)
{
  const char *name = source_name(file);
  gboolean from_stdin = strcmp(file, STDIN_NAME) == 0;
  FILE *in = from_stdin ? stdin : fopen(file, "rb");
  if (in == NULL) {
    fail("%s: %s", name, g_strerror(errno));
    return FALSE;
  }
  GString *text = g_string_new(NULL);
  char block[65536];
  gsize n;
  while ((n = fread(block, 1, sizeof block, in)) > 0)
    g_string_append_len(text, block, (gssize) n);
  int saved_errno = errno;
  gboolean ok = !ferror(in);
  if (!from_stdin)
    fclose(in);
  if (!ok) {
    fail("%s: read failed: %s", name, g_strerror(saved_errno));
    g_string_free(text, TRUE);
    return FALSE;
  }
  *length = text->len;
  *data = g_string_free(text, FALSE);
  return TRUE;
}

/* "policy "NAME" (fingerprint F)" */
static char *
describe_policy(const CxmPolicy *policy)
{
  return g_strdup_printf("policy \"%s\" (fingerprint %s)", cxm_policy_get_name(policy),
                         cxm_policy_get_fingerprint(policy));
}

/* Reads the snapshots, then the journals, then the FILEs into one recorder
 * (@loaded): its policy is --policy's, else the first snapshot's, else the
 * defaults. Returns -1 when all went well, with rejections or not, else the
 * exit status, after a message. */
static int
load_sources(const SourceOptions *options, char **files, int n_files, Loaded *loaded)
{
  GError *error = NULL;
  guint64 max_groups = 0;
  gboolean bounded = options->max_groups != NULL;
  if (bounded && !parse_max_groups(options->max_groups, &max_groups))
    return EXIT_USAGE;

  /* Standard input can only be read once. */
  guint stdin_uses = 0;
  for (int i = 0; i < n_files; i++)
    stdin_uses += strcmp(files[i], STDIN_NAME) == 0;
  for (char **s = options->snapshots; s != NULL && *s != NULL; s++)
    stdin_uses += strcmp(*s, STDIN_NAME) == 0;
  if (stdin_uses > 1)
    return fail("standard input (-) can only be read once");

  g_autoptr(CxmPolicy) policy = NULL;
  g_autofree char *chosen_by = NULL; /* where the policy came from */
  if (options->policy != NULL &&
      (policy = cxm_policy_new_from_file(options->policy, &error)) == NULL)
    return fail_error(error);
  if (policy != NULL)
    chosen_by = g_strconcat("--policy ", options->policy, NULL);
  g_autoptr(CxmOrg) org = NULL;
  if (options->org != NULL && (org = cxm_org_new_from_file(options->org, &error)) == NULL)
    return fail_error(error);

  loaded->result = cxm_import_result_new();
  for (char **s = options->snapshots; s != NULL && *s != NULL; s++) {
    const char *name = source_name(*s);
    g_autofree char *data = NULL;
    gsize length = 0;
    if (!read_snapshot(*s, &data, &length))
      return EXIT_USAGE;
    g_autoptr(CxmRecorder) snapshot = cxm_snapshot_load(data, (gssize) length,
                                                                      &error);
    if (snapshot == NULL) {
      fail("%s: %s", name, error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
    const CxmPolicy *own = cxm_recorder_get_policy(snapshot);
    if (policy == NULL) {
      policy = cxm_policy_copy(own);
      chosen_by = g_strdup(name);
    }
    if (loaded->recorder == NULL)
      loaded->recorder = new_recorder(policy, org, bounded, max_groups);
    if (strcmp(cxm_policy_get_fingerprint(own), cxm_policy_get_fingerprint(policy)) != 0) {
      g_autofree char *theirs = describe_policy(own);
      g_autofree char *ours = describe_policy(policy);
      return fail("%s: a snapshot under %s cannot merge with %s, under %s", name,
                  theirs, chosen_by, ours);
    }
    if (!cxm_recorder_merge(loaded->recorder, snapshot, &error)) {
      fail("%s: %s", name, error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
  }
  if (loaded->recorder == NULL)
    loaded->recorder = new_recorder(policy, org, bounded, max_groups);

  Progress progress;
  progress_start(&progress, loaded->result);
  for (char **j = options->journals; j != NULL && *j != NULL; j++) {
    /* A journal replays into an empty recorder only: one each, merged. */
    g_autoptr(CxmRecorder) part = new_recorder(policy, org, bounded, max_groups);
    guint64 rejected = cxm_import_result_get_rejected(loaded->result);
    gboolean ok = cxm_journal_open(part, *j, CXM_JOURNAL_READ_ONLY,
                                            loaded->result, &error);
    progress_clear(&progress);
    if (!ok)
      return fail_error(error);
    guint64 torn = cxm_journal_get_torn(part);
    if (torn > 0)
      fprintf(stderr,
              "cxm: %s: skipped a torn last line (%" G_GUINT64_FORMAT " %s): a record "
              "being written, or cut short by a crash\n",
              *j, torn, torn == 1 ? "byte" : "bytes");
    if (options->strict && cxm_import_result_get_rejected(loaded->result) > rejected) {
      /* No rejection before this journal's (strict stops at the first). */
      fail("%s: line %" G_GUINT64_FORMAT ": %s", *j,
           cxm_import_result_get_error_line(loaded->result, 0),
           cxm_import_result_get_error_message(loaded->result, 0));
      return EXIT_REJECTED;
    }
    if (!cxm_recorder_merge(loaded->recorder, part, &error)) {
      fail("%s: %s", *j, error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
  }

  CxmImportFlags import_flags = options->strict ? CXM_IMPORT_STRICT : CXM_IMPORT_DEFAULT;
  for (int i = 0; i < n_files; i++) {
    if (import_file(loaded->recorder, files[i], import_flags, loaded->result, &progress,
                    &error))
      continue;
    /* An I/O error is the command's failure; a strict stop is the data's. */
    gboolean io = g_error_matches(error, CXM_ERROR, CXM_ERROR_IO);
    if (io)
      fail("%s", error->message);
    else
      fail("%s: %s", source_name(files[i]), error->message);
    g_error_free(error);
    return io ? EXIT_USAGE : EXIT_REJECTED;
  }
  return -1;
}

/* The help on --journal, --snapshot and --max-groups, shared by report and
 * snapshot. */
#define SOURCES_HELP \
  "Besides the FILEs, --journal FILE reads a journal that 'cxm record'\n" \
  "writes (JSON Lines too) without locking it, so a running writer goes on\n" \
  "undisturbed; a torn last line (a record being written, or cut short by a\n" \
  "crash) is skipped, with a note on standard error. --snapshot SNAP adds\n" \
  "the aggregates of a snapshot that 'cxm snapshot' wrote: several\n" \
  "snapshots, journals and FILEs add up exactly. Without --policy the\n" \
  "first snapshot's policy applies to everything; a snapshot built under\n" \
  "another policy (its fingerprint differs) is an error naming both. With\n" \
  "--org, scopes come from the snapshots' employees, and the levels and\n" \
  "teams a snapshot's records took when it was written stay as they were.\n" \
  "The input counts (records, accepted) include each snapshot's accepted\n" \
  "records; a snapshot keeps no rejections. '-' reads a FILE or a SNAP from\n" \
  "standard input, once.\n" \
  "\n" \
  "--max-groups N bounds the sets of sums kept, about 1 KiB each, so that\n" \
  "hostile input cannot exhaust memory: each team, employee and team within\n" \
  "a UTC day counts one, each UTC day 11 (its levels and channels). A\n" \
  "record that would go beyond is rejected with\n" \
  "\"KEY would make a new group beyond the recorder's limit of N groups\";\n" \
  "a journal or snapshot that would, as a whole, is an error (exit 2).\n"

/* ---- cxm report --------------------------------------------------------- */

typedef struct {
  SourceOptions sources;
  char **groups;
  char *compare;
  char *format;
  gboolean pretty;
  gboolean help;
} ReportOptions;

static void
report_options_clear(ReportOptions *options)
{
  source_options_clear(&options->sources);
  g_strfreev(options->groups);
  g_free(options->compare);
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
    {"periods:day", CXM_REPORT_DAYS},
    {"periods:week", CXM_REPORT_WEEKS},
    {"periods:month", CXM_REPORT_MONTHS},
    {"scopes", CXM_REPORT_SCOPES},
    {"hotspots", CXM_REPORT_HOTSPOTS},
  };
  *flags = 0;
  for (char **value = values; value != NULL && *value != NULL; value++) {
    g_auto(GStrv) items = g_strsplit(*value, ",", -1);
    for (char **item = items; *item != NULL; item++) {
      gsize i = 0;
      while (i < G_N_ELEMENTS(names) && strcmp(*item, names[i].name) != 0)
        i++;
      if (i < G_N_ELEMENTS(names)) {
        *flags |= names[i].flag;
      } else if (strcmp(*item, "periods") == 0) {
        fail("--group periods needs a kind: periods:day, periods:week or periods:month");
        return FALSE;
      } else {
        fail("unknown group \"%s\" (expected teams, employees, channels, periods:day, "
             "periods:week, periods:month, scopes or hotspots)", *item);
        return FALSE;
      }
    }
  }
  return TRUE;
}

/* Splits --compare's "A,B" and checks both names against the one period
 * kind asked for, with the library's messages, before any input is read. */
static gboolean
parse_compare(const char *value, unsigned int flags, char **a, char **b)
{
  g_auto(GStrv) names = g_strsplit(value, ",", -1);
  if (g_strv_length(names) != 2 || names[0][0] == '\0' || names[1][0] == '\0') {
    fail("--compare needs two periods separated by a comma, such as 2026-W09,2026-W10");
    return FALSE;
  }
  int kind = CXM_UNSET, kinds = 0;
  for (gsize k = 0; k < G_N_ELEMENTS(period_flags); k++) {
    if (flags & period_flags[k].flag) {
      kind = (int) period_flags[k].kind;
      kinds++;
    }
  }
  if (kinds != 1) {
    fail("--compare needs exactly one of --group periods:day, periods:week or "
         "periods:month");
    return FALSE;
  }
  g_autoptr(CxmRecorder) scratch = cxm_recorder_new(NULL);
  for (int i = 0; i < 2; i++) {
    GError *error = NULL;
    CxmStats *stats = cxm_recorder_get_period_stats(scratch, (CxmPeriodKind) kind, names[i],
                                                    CXM_GROUP_TOTALS, NULL, &error);
    if (stats == NULL) {
      fail_error(error);
      return FALSE;
    }
    cxm_stats_free(stats);
  }
  *a = g_strdup(names[0]);
  *b = g_strdup(names[1]);
  return TRUE;
}

/* "FILE: line N: message" for the first of @rejected rejections kept in
 * @result, then how many more there were. */
static void
print_error_lines(const CxmImportResult *result, guint64 rejected)
{
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

/* The first rejections, after a summary. */
static void
print_rejections(const CxmImportResult *result)
{
  guint64 rejected = cxm_import_result_get_rejected(result);
  if (rejected == 0)
    return;
  guint64 records = cxm_import_result_get_records(result);
  fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s rejected\n",
          rejected, records, records == 1 ? "record" : "records");
  print_error_lines(result, rejected);
}

static const char report_description[] =
  "GROUPS is a comma-separated list of:\n"
  "  teams, employees, channels\n"
  "  periods:day, periods:week, periods:month  UTC days (2026-03-02), ISO 8601\n"
  "      weeks (2026-W10) or months (2026-03), in time order: each period's\n"
  "      totals and levels, and its teams and channels when asked for too\n"
  "  scopes    each person's scope: their own interactions (direct) and\n"
  "      theirs and everyone's below them (cumulative); employees not in the\n"
  "      org count under unknown_manager. Needs --org\n"
  "  hotspots  difficulty kind by team and by channel, most disappointments\n"
  "      first, with recovery rates (JSON and table only)\n"
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
  "z-test). It needs exactly one periods:KIND group and two periods of that\n"
  "kind, such as --group periods:week --compare 2026-W09,2026-W10.\n"
  "\n"
  SOURCES_HELP
  "\n"
  "--format csv prints a header line, then one row per group, lines ending\n"
  "in LF, in these columns (a stable order: new ones are only appended):\n"
  "  period,group,key,n,momentum,disappointment,neutral,momentum_rate,\n"
  "  momentum_low,momentum_high,disappointment_rate,disappointment_low,\n"
  "  disappointment_high,net_momentum,net_momentum_moe95,difficult,\n"
  "  difficult_rate,recovery_rate,recovery_low,recovery_high,nps_responses,\n"
  "  nps,nps_moe95,csat_responses,csat_mean,csat_top2_rate,csat_fan_rate,\n"
  "  effort_responses,effort_mean,effort_easy_rate,\n"
  "  employee_satisfaction_responses,employee_satisfaction_mean,fcr_rate,\n"
  "  beyond_role_rate,proactive_rate,empowered_rate,small_sample,suppressed\n"
  "period is empty for all-time rows, else the period's name; group is\n"
  "totals, level, team, employee, channel, scope (direct) or\n"
  "scope_cumulative; key is empty for totals. Rows come in this order:\n"
  "totals, levels, teams, employees, channels, then each period in time\n"
  "order (its totals, levels, teams, channels), then a scope and a\n"
  "scope_cumulative row per person. Numbers are written as in the JSON\n"
  "report: rates as fractions (4 decimals), scores and margins 2, means 3;\n"
  "_low and _high are the Wilson interval. An empty cell has no value; a\n"
  "suppressed group (policy min_group) has only n to neutral, small_sample\n"
  "and suppressed. Booleans are true or false; a key holding a comma, a\n"
  "quote or a line break is quoted (RFC 4180). Hot spots are not groups:\n"
  "the CSV leaves them out.\n"
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

typedef enum { FORMAT_JSON, FORMAT_TABLE, FORMAT_CSV } Format;

/* The options that say what report and snapshot read, with @strict's
 * description; @org_short is 'o' or, for snapshot (-o is its output), 0. */
static void
source_entries(GOptionEntry *entries, SourceOptions *options, char org_short,
               const char *strict)
{
  const GOptionEntry list[] = {
    {"policy", 'p', 0, G_OPTION_ARG_FILENAME, &options->policy,
     "Classify under the policy in FILE (JSON)", "FILE"},
    {"org", org_short, 0, G_OPTION_ARG_FILENAME, &options->org,
     "Read the org (who reports to whom) from FILE", "FILE"},
    {"journal", 'j', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->journals,
     "Also read the journal FILE (repeatable)", "FILE"},
    {"snapshot", 'S', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->snapshots,
     "Also add the snapshot SNAP (repeatable)", "SNAP"},
    {"max-groups", 0, 0, G_OPTION_ARG_STRING, &options->max_groups,
     "Keep at most N groups (0: no bound; default 4000000)", "N"},
    {"strict", 's', 0, G_OPTION_ARG_NONE, &options->strict, strict, NULL},
  };
  memcpy(entries, list, sizeof list);
}

#define N_SOURCE_ENTRIES 6

static int
command_report(int argc, char **argv)
{
  g_auto(ReportOptions) options = {0};
  GOptionEntry entries[N_SOURCE_ENTRIES + 6] = {
    {"group", 'g', 0, G_OPTION_ARG_STRING_ARRAY, &options.groups,
     "Also report these groups (see below)", "GROUPS"},
    {"compare", 'c', 0, G_OPTION_ARG_STRING, &options.compare,
     "Compare period A with period B (JSON only)", "A,B"},
    {"format", 'f', 0, G_OPTION_ARG_STRING, &options.format,
     "json (the default), table or csv", "FORMAT"},
    {"pretty", 0, 0, G_OPTION_ARG_NONE, &options.pretty,
     "Indent the JSON report (default: one line)", NULL},
    {"help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  /* --policy, --org, ... first, then the report's own. */
  memmove(entries + N_SOURCE_ENTRIES, entries, 6 * sizeof *entries);
  source_entries(entries, &options.sources, 'o',
                 "Stop at the first bad record, with no report");
  g_autoptr(GOptionContext) context = g_option_context_new("[FILE…]");
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(
    context,
    "Reads interaction records and leadership events (JSON Lines: one object\n"
    "per line) from each FILE, '-' for standard input, and from journals and\n"
    "snapshots, and prints one report over all of them: momentum,\n"
    "disappointment, recovery, NPS and CSAT for the totals and each level\n"
    "(frontline, manager, senior_leader, and unassigned for records without\n"
    "a level), and the groups asked for.");
  g_option_context_set_description(context, report_description);
  g_option_context_add_main_entries(context, entries, NULL);
  int status = parse_command_line(context, "report", &options.help, &argc, &argv);
  if (status >= 0)
    return status;

  Format format = FORMAT_JSON;
  if (options.format != NULL && strcmp(options.format, "table") == 0)
    format = FORMAT_TABLE;
  else if (options.format != NULL && strcmp(options.format, "csv") == 0)
    format = FORMAT_CSV;
  else if (options.format != NULL && strcmp(options.format, "json") != 0)
    return fail("unknown format \"%s\" (expected json, table or csv)", options.format);
  unsigned int flags = 0;
  if (!parse_groups(options.groups, &flags))
    return EXIT_USAGE;
  if ((flags & CXM_REPORT_SCOPES) && options.sources.org == NULL)
    return fail("--group scopes needs --org FILE");
  g_autofree char *compare_a = NULL, *compare_b = NULL;
  if (options.compare != NULL) {
    if (format != FORMAT_JSON)
      return fail("--compare needs --format json");
    if (!parse_compare(options.compare, flags, &compare_a, &compare_b))
      return EXIT_USAGE;
  }
  if (options.pretty)
    flags |= CXM_REPORT_PRETTY;
  if (argc < 2 && options.sources.journals == NULL && options.sources.snapshots == NULL)
    return fail("no input FILE, --journal or --snapshot (use - for standard input; "
                "see 'cxm report --help')");

  g_auto(Loaded) loaded = {0};
  status = load_sources(&options.sources, argv + 1, argc - 1, &loaded);
  if (status >= 0)
    return status;
  const CxmRecorder *recorder = loaded.recorder;
  const InputCounts input = input_counts(&loaded);

  GError *error = NULL;
  gboolean ok;
  if (format == FORMAT_CSV) {
    ok = csv_report(recorder, flags, &error);
  } else {
    g_autofree char *text = NULL;
    if (format == FORMAT_TABLE) {
      text = table_report(recorder, &input, flags, &error);
    } else {
      char *json = cxm_report_to_json_full(recorder, loaded.result, flags, compare_a,
                                           compare_b, &error);
      if (json != NULL)
        text = g_strconcat(json, "\n", NULL);
      cxm_free(json);
    }
    ok = text != NULL;
    if (ok)
      fputs(text, stdout);
  }
  if (!ok)
    return fail_error(error);
  status = finish_output(EXIT_OK);
  if (status != EXIT_OK)
    return status;
  print_rejections(loaded.result);
  return input.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
}

/* ---- cxm snapshot --------------------------------------------------------- */

typedef struct {
  SourceOptions sources;
  char *output;
  gboolean help;
} SnapshotOptions;

static void
snapshot_options_clear(SnapshotOptions *options)
{
  source_options_clear(&options->sources);
  g_free(options->output);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(SnapshotOptions, snapshot_options_clear)

static const char snapshot_description[] =
  "A snapshot is one JSON document (\"cxm_snapshot\": 1): the policy with its\n"
  "fingerprint, the leadership counts, each UTC day's sums per level,\n"
  "channel and team, and the all-time sums per employee. It holds no\n"
  "records, so it is small, and 'cxm report --snapshot SNAP' gives from it\n"
  "every report (all formats and groups; scopes with --org) that the\n"
  "records would give. Snapshots of disjoint records add up exactly: build\n"
  "one per day, machine or region and report on all of them at once.\n"
  "\n"
  "SNAP is written atomically: to a temporary file beside it, synced to the\n"
  "disk, then renamed over SNAP, so a crash leaves the old SNAP or the new\n"
  "one, never a part. '-o -' writes to standard output.\n"
  "\n"
  SOURCES_HELP
  "\n"
  "A bad record is rejected and the rest still count: the first 10\n"
  "rejections are listed on standard error as \"FILE: line N: message\". With\n"
  "--strict the first bad record stops the command: \"cxm: FILE: line N:\n"
  "message\", and no snapshot is written.\n"
  "\n"
  "Exit status:\n"
  "  0  success\n"
  "  1  some records were rejected (the snapshot is still written),\n"
  "     or --strict stopped at a bad record (no snapshot)\n"
  "  2  usage error (unknown option, no input, no -o, a bad --max-groups)\n"
  "     or I/O error (unreadable FILE or journal, bad policy, org file or\n"
  "     snapshot, a snapshot under another policy, a journal or snapshot\n"
  "     beyond --max-groups, SNAP not written)\n";

/* Writes all of @length bytes; FALSE with errno set. */
static gboolean
write_all(int fd, const char *data, gsize length)
{
  while (length > 0) {
    gssize n = write(fd, data, length);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = ENOSPC;
      return FALSE;
    }
    data += n;
    length -= (gsize) n;
  }
  return TRUE;
}

/* Replaces @path with @data so that a crash leaves the old file or the new
 * one, never a part: a temporary file beside it, written and synced, then
 * renamed over it, and the directory synced. FALSE after a message. */
static gboolean
write_atomically(const char *path, const char *data, gsize length)
{
  g_autofree char *temporary = g_strconcat(path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full(temporary, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail("%s: cannot create a temporary file beside it: %s", path, g_strerror(errno));
    return FALSE;
  }
  /* mkstemp makes it 0600; a snapshot is as readable as a report. */
  mode_t mask = umask(0);
  umask(mask);
  gboolean ok = fchmod(fd, 0644 & ~mask) == 0 && write_all(fd, data, length) &&
                fsync(fd) == 0;
  int saved_errno = errno;
  if (close(fd) != 0 && ok) {
    ok = FALSE;
    saved_errno = errno;
  }
  if (ok && rename(temporary, path) != 0) {
    ok = FALSE;
    saved_errno = errno;
  }
  if (!ok) {
    unlink(temporary);
    fail("%s: not written: %s", path, g_strerror(saved_errno));
    return FALSE;
  }
  g_autofree char *dir = g_path_get_dirname(path);
  int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return TRUE;
}

static int
command_snapshot(int argc, char **argv)
{
  g_auto(SnapshotOptions) options = {0};
  GOptionEntry entries[N_SOURCE_ENTRIES + 3] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
     "Write the snapshot to SNAP ('-': standard output)", "SNAP"},
    {"help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  memmove(entries + N_SOURCE_ENTRIES, entries, 3 * sizeof *entries);
  source_entries(entries, &options.sources, 0,
                 "Stop at the first bad record, with no snapshot");
  g_autoptr(GOptionContext) context = g_option_context_new("[FILE…] -o SNAP");
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(
    context,
    "Reads records (JSON Lines) from each FILE, '-' for standard input, and\n"
    "from journals and snapshots, and writes their aggregates to the\n"
    "snapshot SNAP.");
  g_option_context_set_description(context, snapshot_description);
  g_option_context_add_main_entries(context, entries, NULL);
  int status = parse_command_line(context, "snapshot", &options.help, &argc, &argv);
  if (status >= 0)
    return status;
  if (options.output == NULL)
    return fail("no output: give -o SNAP, or -o - for standard output "
                "(see 'cxm snapshot --help')");
  if (argc < 2 && options.sources.journals == NULL && options.sources.snapshots == NULL)
    return fail("no input FILE, --journal or --snapshot (use - for standard input; "
                "see 'cxm snapshot --help')");

  g_auto(Loaded) loaded = {0};
  status = load_sources(&options.sources, argv + 1, argc - 1, &loaded);
  if (status >= 0)
    return status;

  GError *error = NULL;
  gsize length = 0;
  char *json = cxm_snapshot_save(loaded.recorder, &length, &error);
  if (json == NULL)
    return fail_error(error);
  /* A text file: it ends with a line end. */
  char *text = g_strconcat(json, "\n", NULL);
  length++;
  cxm_free(json);
  gboolean ok;
  if (strcmp(options.output, STDIN_NAME) == 0) {
    fwrite(text, 1, length, stdout);
    ok = finish_output(EXIT_OK) == EXIT_OK;
  } else {
    ok = write_atomically(options.output, text, length);
  }
  g_free(text);
  if (!ok)
    return EXIT_USAGE;
  print_rejections(loaded.result);
  return cxm_import_result_get_rejected(loaded.result) > 0 ? EXIT_REJECTED : EXIT_OK;
}

/* ---- cxm classify --------------------------------------------------------- */

/* Appends @text as a JSON string: quotes and backslashes escaped, control
 * characters as \u00XX, invalid UTF-8 (a file name) replaced by U+FFFD. */
static void
append_json_string(GString *out, const char *text)
{
  g_autofree char *valid = g_utf8_validate(text, -1, NULL) ? NULL
                                                           : g_utf8_make_valid(text, -1);
  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *) (valid ? valid : text); *p; p++) {
    if (*p == '"' || *p == '\\') {
      g_string_append_c(out, '\\');
      g_string_append_c(out, (char) *p);
    } else if (*p < 0x20) {
      g_string_append_printf(out, "\\u%04x", *p);
    } else {
      g_string_append_c(out, (char) *p);
    }
  }
  g_string_append_c(out, '"');
}

/* ,"name":"value" or ,"name":null */
static void
append_json_member(GString *out, const char *name, const char *value)
{
  g_string_append_printf(out, ",\"%s\":", name);
  if (value != NULL)
    append_json_string(out, value);
  else
    g_string_append(out, "null");
}

/* Reads one line, without its "\n", into @line; keeps at most
 * LINE_LIMIT + 2 bytes (a maximal line and its "\r") and says in
 * @overlong whether there were more. FALSE at the end of the input or on a
 * read error (ferror()). */
static gboolean
read_line(FILE *in, GString *line, gboolean *overlong)
{
  int c;
  gboolean any = FALSE;
  g_string_truncate(line, 0);
  *overlong = FALSE;
  while ((c = getc_unlocked(in)) != EOF) {
    any = TRUE;
    if (c == '\n')
      return TRUE;
    if (line->len < LINE_LIMIT + 2)
      g_string_append_c(line, (char) c);
    else
      *overlong = TRUE;
  }
  return any && !ferror(in);
}

static gboolean
is_blank(const GString *line)
{
  for (gsize i = 0; i < line->len; i++)
    if (!g_ascii_isspace(line->str[i]))
      return FALSE;
  return TRUE;
}

typedef struct {
  const CxmPolicy *policy;
  CxmOrg *org;               /* nullable */
  gboolean with_source;
  guint64 bad;
} Classifier;

/* The level and team a recorder with the org counts @it under. */
static void
append_org_groups(GString *out, const CxmInteraction *it, const CxmOrg *org)
{
  const char *employee = cxm_interaction_get_employee(it);
  int level = cxm_interaction_get_level(it);
  const char *team = cxm_interaction_get_team(it);
  if (employee != NULL && level == CXM_UNSET)
    level = cxm_org_get_level(org, employee);
  if (employee != NULL && team == NULL)
    team = cxm_org_get_team(org, employee);
  append_json_member(out, "level",
                     cxm_level_name(level == CXM_UNSET ? CXM_LEVEL_UNASSIGNED : level));
  append_json_member(out, "team", team);
}

/* One output line for one record. */
static void
classify_line(Classifier *classifier, GString *out, const char *source, guint64 number,
              const char *text, gsize length)
{
  GError *error = NULL;
  g_autoptr(CxmInteraction) it = cxm_interaction_new_from_json(text, (gssize) length,
                                                               &error);
  g_string_append_c(out, '{');
  if (classifier->with_source) {
    g_string_append(out, "\"source\":");
    append_json_string(out, source);
    g_string_append_c(out, ',');
  }
  g_string_append_printf(out, "\"line\":%" G_GUINT64_FORMAT, number);
  if (it != NULL) {
    CxmClass klass = CXM_CLASS_NEUTRAL;
    CxmReason reason = CXM_REASON_ROUTINE;
    cxm_classify(classifier->policy, it, &klass, &reason, NULL);
    append_json_member(out, "id", cxm_interaction_get_id(it));
    append_json_member(out, "class", cxm_class_name(klass));
    append_json_member(out, "reason", cxm_reason_name(reason));
    if (classifier->org != NULL)
      append_org_groups(out, it, classifier->org);
  } else if (g_error_matches(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT) &&
             g_strcmp0(cxm_error_get_key(error), "kind") == 0) {
    /* A valid leadership event: not an interaction, nothing to classify. */
    append_json_member(out, "kind", "leadership");
  } else {
    append_json_member(out, "key", cxm_error_get_key(error));
    append_json_member(out, "error", error->message);
    classifier->bad++;
  }
  g_string_append(out, "}\n");
  g_clear_error(&error);
}

/* Classifies every record of @file; FALSE with a message on an I/O error. */
static gboolean
classify_file(Classifier *classifier, const char *file)
{
  const char *source = source_name(file);
  gboolean from_stdin = strcmp(file, STDIN_NAME) == 0;
  FILE *in = from_stdin ? stdin : fopen(file, "rb");
  if (in == NULL) {
    fail("%s: %s", source, g_strerror(errno));
    return FALSE;
  }
  g_autoptr(GString) line = g_string_new(NULL);
  g_autoptr(GString) out = g_string_new(NULL);
  gboolean overlong;
  guint64 number = 0;
  int saved_errno = 0;
  while (read_line(in, line, &overlong)) {
    number++;
    gsize length = line->len;
    if (overlong)
      length = LINE_LIMIT + 1; /* the library rejects it as too long */
    else if (length > 0 && line->str[length - 1] == '\r')
      length--;
    if (!overlong && is_blank(line))
      continue;
    classify_line(classifier, out, source, number, line->str, length);
    if (out->len >= 65536) {
      fwrite(out->str, 1, out->len, stdout);
      g_string_truncate(out, 0);
    }
  }
  saved_errno = errno;
  fwrite(out->str, 1, out->len, stdout);
  gboolean ok = !ferror(in);
  if (!ok)
    fail("%s: read failed: %s", source, g_strerror(saved_errno));
  if (!from_stdin)
    fclose(in);
  return ok;
}

typedef struct {
  char *policy;
  char *org;
  gboolean help;
} ClassifyOptions;

static void
classify_options_clear(ClassifyOptions *options)
{
  g_free(options->policy);
  g_free(options->org);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ClassifyOptions, classify_options_clear)

static const char classify_description[] =
  "Output, one JSON object per line, for a record on line N:\n"
  "  {\"line\":N,\"id\":\"s01\",\"class\":\"momentum\",\"reason\":\"difficulty_overcome\"}\n"
  "      an interaction, with its class (momentum, neutral, disappointment)\n"
  "      and the reason of the rule that decided it (SPEC section 4)\n"
  "  {\"line\":N,\"kind\":\"leadership\"}\n"
  "      a valid leadership event: nothing to classify\n"
  "  {\"line\":N,\"key\":\"csat\",\"error\":\"csat must be an integer 1..5, got 7\"}\n"
  "      a bad record: the key at fault (null when the record is not valid\n"
  "      JSON or not an object) and the reason, as 'cxm report' gives it\n"
  "With several FILEs each object starts with \"source\", the FILE (or\n"
  "<stdin>). With --org, interactions also carry the \"level\" and \"team\"\n"
  "a report with that org counts them under (level unassigned and team\n"
  "null when neither the record nor the org gives one). Line numbers count\n"
  "every line; blank lines are skipped.\n"
  "\n"
  "Exit status:\n"
  "  0  every record is valid\n"
  "  1  some records were bad (each has its line in the output)\n"
  "  2  usage error (unknown option, no FILE) or I/O error (unreadable\n"
  "     FILE, bad policy or org file, failed output)\n";

static int
command_classify(int argc, char **argv)
{
  g_auto(ClassifyOptions) options = {0};
  const GOptionEntry entries[] = {
    {"policy", 'p', 0, G_OPTION_ARG_FILENAME, &options.policy,
     "Classify under the policy in FILE (JSON)", "FILE"},
    {"org", 'o', 0, G_OPTION_ARG_FILENAME, &options.org,
     "Add level and team, as the org in FILE gives them", "FILE"},
    {"help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  g_autoptr(GOptionContext) context = g_option_context_new("FILE…");
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(
    context,
    "Reads records (JSON Lines) from each FILE, '-' for standard input, and\n"
    "prints for each one its class and reason, or why it is bad.");
  g_option_context_set_description(context, classify_description);
  g_option_context_add_main_entries(context, entries, NULL);
  int status = parse_command_line(context, "classify", &options.help, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc < 2)
    return fail("no input FILE (use - for standard input; see 'cxm classify --help')");

  GError *error = NULL;
  g_autoptr(CxmPolicy) policy = load_policy(options.policy, &error);
  if (policy == NULL)
    return fail_error(error);
  g_autoptr(CxmOrg) org = NULL;
  if (options.org != NULL && (org = cxm_org_new_from_file(options.org, &error)) == NULL)
    return fail_error(error);

  Classifier classifier = {policy, org, argc > 2, 0};
  for (int i = 1; i < argc; i++) {
    if (!classify_file(&classifier, argv[i])) {
      finish_output(EXIT_USAGE);
      return EXIT_USAGE;
    }
  }
  return finish_output(classifier.bad > 0 ? EXIT_REJECTED : EXIT_OK);
}

/* ---- cxm validate --------------------------------------------------------- */

static const char validate_description[] =
  "Prints every bad record on standard output as \"FILE: line N: message\"\n"
  "(<stdin> for '-'), then a summary on standard error: \"cxm: N of M\n"
  "records rejected\", \"cxm: all M records valid\" or \"cxm: no records\".\n"
  "The checks are those of 'cxm report': a bad record there is a bad record\n"
  "here. When standard error is a terminal, it shows the progress of the\n"
  "reading.\n"
  "\n"
  "Exit status:\n"
  "  0  every record is valid\n"
  "  1  some records are bad\n"
  "  2  usage error (unknown option, no FILE) or I/O error (unreadable\n"
  "     FILE, failed output); the bad records read before are listed\n";

static int
command_validate(int argc, char **argv)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    {"help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  g_autoptr(GOptionContext) context = g_option_context_new("FILE…");
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(
    context,
    "Checks the records (JSON Lines) of each FILE, '-' for standard input,\n"
    "and lists every bad one.");
  g_option_context_set_description(context, validate_description);
  g_option_context_add_main_entries(context, entries, NULL);
  int status = parse_command_line(context, "validate", &help, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc < 2)
    return fail("no input FILE (use - for standard input; see 'cxm validate --help')");

  guint64 records = 0, rejected = 0;
  Progress progress;
  for (int i = 1; i < argc; i++) {
    /* One file at a time, so that its rejections are printed and freed
     * before the next one is read. */
    g_autoptr(CxmRecorder) scratch = cxm_recorder_new(NULL);
    g_autoptr(CxmImportResult) result = cxm_import_result_new();
    GError *error = NULL;
    cxm_import_result_set_max_errors(result, G_MAXUINT);
    progress_start(&progress, result);
    gboolean ok = import_file(scratch, argv[i], CXM_IMPORT_DEFAULT, result, &progress,
                              &error);
    for (guint e = 0; e < cxm_import_result_get_n_errors(result); e++) {
      const char *source = cxm_import_result_get_error_source(result, e);
      printf("%s: line %" G_GUINT64_FORMAT ": %s\n",
             source != NULL ? source : source_name(argv[i]),
             cxm_import_result_get_error_line(result, e),
             cxm_import_result_get_error_message(result, e));
    }
    if (!ok) {
      finish_output(EXIT_USAGE);
      return fail_error(error);
    }
    records += cxm_import_result_get_records(result);
    rejected += cxm_import_result_get_rejected(result);
  }
  status = finish_output(rejected > 0 ? EXIT_REJECTED : EXIT_OK);
  if (status == EXIT_USAGE)
    return status;
  if (rejected > 0)
    fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s rejected\n",
            rejected, records, records == 1 ? "record" : "records");
  else if (records == 0)
    fprintf(stderr, "cxm: no records\n");
  else
    fprintf(stderr, "cxm: all %" G_GUINT64_FORMAT " %s valid\n", records,
            records == 1 ? "record" : "records");
  return status;
}

/* ---- cxm record ----------------------------------------------------------- */

/* --sync batch: a sync after this many records, or when a record comes this
 * many milliseconds after the last sync (and whenever the input pauses). */
#define BATCH_RECORDS 100
#define BATCH_MS 50

/* Lines from a descriptor through a fixed buffer, so that cxm knows when
 * no input is waiting (stdio hides that). */
typedef struct {
  int fd;
  char buffer[65536];
  gsize start, end;
  /* Called before a read that may wait (no input waiting). */
  void (*idle)(gpointer data);
  gpointer data;
} LineReader;

/* Refills @reader's buffer; 0 at the end of the input, -1 on a read error
 * (errno set). */
static gssize
reader_fill(LineReader *reader)
{
  if (reader->idle != NULL) {
    struct pollfd pfd = {reader->fd, POLLIN, 0};
    int ready;
    do
      ready = poll(&pfd, 1, 0);
    while (ready < 0 && errno == EINTR);
    if (ready == 0)
      reader->idle(reader->data);
  }
  gssize n;
  do
    n = read(reader->fd, reader->buffer, sizeof reader->buffer);
  while (n < 0 && errno == EINTR);
  reader->start = 0;
  reader->end = n > 0 ? (gsize) n : 0;
  return n;
}

/* As read_line(): one line without its "\n" in @line, at most
 * LINE_LIMIT + 2 bytes kept, @overlong when there were more. 1 for a line,
 * 0 at the end of the input, -1 on a read error (errno set). */
static int
reader_next(LineReader *reader, GString *line, gboolean *overlong)
{
  gboolean any = FALSE;
  g_string_truncate(line, 0);
  *overlong = FALSE;
  for (;;) {
    if (reader->start == reader->end) {
      gssize n = reader_fill(reader);
      if (n < 0)
        return -1;
      if (n == 0)
        return any ? 1 : 0;
    }
    const char *from = reader->buffer + reader->start;
    gsize available = reader->end - reader->start;
    const char *nl = memchr(from, '\n', available);
    gsize take = nl != NULL ? (gsize) (nl - from) : available;
    gsize room = LINE_LIMIT + 2 - MIN(line->len, LINE_LIMIT + 2);
    if (take > room)
      *overlong = TRUE;
    g_string_append_len(line, from, (gssize) MIN(take, room));
    any = TRUE;
    reader->start += take;
    if (nl != NULL) {
      reader->start++;
      return 1;
    }
  }
}

typedef struct {
  char *journal;
  char *sync;
  gboolean unique_ids;
  char *policy;
  char *org;
  char *max_groups;
  gboolean help;
} RecordOptions;

static void
record_options_clear(RecordOptions *options)
{
  g_free(options->journal);
  g_free(options->sync);
  g_free(options->policy);
  g_free(options->org);
  g_free(options->max_groups);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RecordOptions, record_options_clear)

/* @text on one line: control characters (a line break in a message would
 * break the one-line-per-record protocol) become spaces. */
static char *
one_line(const char *text)
{
  char *copy = g_strdup(text);
  for (char *p = copy; *p != '\0'; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

/* LineReader's idle hook for --sync batch: the input pauses, so what was
 * acknowledged goes to the disk now rather than with the next batch. */
static void
sync_when_idle(gpointer data)
{
  GError *error = NULL;
  if (!cxm_journal_sync(data, &error)) {
    /* Reported again, and fatally, by the sync at the end of the input. */
    fail("%s", error->message);
    g_error_free(error);
  }
}

static const char record_description[] =
  "Output, one line per non-blank input line, written and flushed at once\n"
  "(a client may wait for it before it sends the next record):\n"
  "  ok ID          the record is in the journal (see --sync for when it is\n"
  "                 on the disk too) and counts in the aggregates\n"
  "  duplicate ID   with --unique-ids: the journal already holds a record\n"
  "                 with this id, so this one was not added again; the\n"
  "                 first one is as durable as an \"ok\", so a client that\n"
  "                 retried after a timeout can take it as success\n"
  "  rejected N: REASON\n"
  "                 input line N (counting from 1, blank lines included) is\n"
  "                 not a valid record, or would go beyond --max-groups;\n"
  "                 nothing was written. REASON is the message 'cxm report'\n"
  "                 gives, such as \"csat must be an integer 1..5, got 7\" or\n"
  "                 \"line longer than 1048576 bytes\" (a line over 1 MiB is\n"
  "                 rejected without being held in memory)\n"
  "Records are interactions or leadership events (\"kind\": \"leadership\"),\n"
  "one JSON object per line, as 'cxm report' reads them; each accepted one\n"
  "is appended to the journal as one line of compact JSON (the same keys and\n"
  "values), so the journal is JSON Lines that 'cxm report --journal FILE'\n"
  "(or any FILE argument) reads. A journal must end with a line end: a last\n"
  "line without one is taken for a torn write (see below).\n"
  "\n"
  "The journal is created if absent, and replayed if not: records that are\n"
  "not valid stay in the file and are listed on standard error (\"FILE:\n"
  "line N: message\"); a torn last line, one that a crash cut short while\n"
  "it was being written (its record was never acknowledged), is cut off,\n"
  "and standard error says how many bytes. Only one writer may hold a\n"
  "journal: a second 'cxm record' on it fails at once (exit 2). Readers\n"
  "('cxm report --journal') do not disturb a writer.\n"
  "\n"
  "--sync MODE says when a record reaches the disk. In every mode \"ok\" is\n"
  "printed after the record was written to the journal (one write(2)), so\n"
  "an acknowledged record survives the death of cxm itself (a crash, a\n"
  "kill). The modes differ on an OS crash or power loss:\n"
  "  always  (the default) fdatasync(2) before each \"ok\": nothing\n"
  "          acknowledged is lost; each record waits for the disk (about 1\n"
  "          to 10 ms on rotating disks, far less on SSDs)\n"
  "  batch   \"ok\" means written, not yet synced: fdatasync(2) when a record\n"
  "          finds that 100 records or 50 ms have passed since the last\n"
  "          sync, and whenever cxm has answered every line sent so far and\n"
  "          waits for more. Up to 100 acknowledged records, or those of\n"
  "          the last 50 ms, can be lost; none once the input pauses\n"
  "  os      never synced by cxm until the input ends; the kernel writes\n"
  "          back when it chooses (about 30 s on Linux). Fastest; the last\n"
  "          seconds of acknowledged records can be lost\n"
  "At the end of the input the journal is synced in every mode.\n"
  "\n"
  "With --unique-ids a record whose id the journal already holds\n"
  "(interaction or leadership event) is not added again (\"duplicate ID\");\n"
  "the ids are kept in memory. --policy, --org and --max-groups apply to\n"
  "the replay and to every record, as for 'cxm report'.\n"
  "\n"
  "At the end of the input a summary goes to standard error: \"cxm: N\n"
  "records: A accepted, R rejected, D duplicates\".\n"
  "\n"
  "Exit status:\n"
  "  0  no line was rejected (duplicates are not rejections, nor are\n"
  "     bad lines already in the journal)\n"
  "  1  some lines were rejected\n"
  "  2  usage error (unknown option or --sync mode, no --journal, a FILE\n"
  "     argument) or I/O error: bad policy or org file, the journal cannot\n"
  "     be opened or another writer holds it, a write or sync of the\n"
  "     journal failed (cxm stops after a \"rejected\" line for the record\n"
  "     it could not write), standard input or output failed\n";

static int
command_record(int argc, char **argv)
{
  g_auto(RecordOptions) options = {0};
  const GOptionEntry entries[] = {
    {"journal", 'j', 0, G_OPTION_ARG_FILENAME, &options.journal,
     "Append to the journal FILE (required)", "FILE"},
    {"sync", 0, 0, G_OPTION_ARG_STRING, &options.sync,
     "always (the default), batch or os: see below", "MODE"},
    {"unique-ids", 'u', 0, G_OPTION_ARG_NONE, &options.unique_ids,
     "Refuse a record whose id the journal holds", NULL},
    {"policy", 'p', 0, G_OPTION_ARG_FILENAME, &options.policy,
     "Classify under the policy in FILE (JSON)", "FILE"},
    {"org", 'o', 0, G_OPTION_ARG_FILENAME, &options.org,
     "Read the org (who reports to whom) from FILE", "FILE"},
    {"max-groups", 0, 0, G_OPTION_ARG_STRING, &options.max_groups,
     "Keep at most N groups (0: no bound; default 4000000)", "N"},
    {"help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL},
    G_OPTION_ENTRY_NULL};
  g_autoptr(GOptionContext) context = g_option_context_new("--journal FILE");
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(
    context,
    "Reads records (JSON Lines) from standard input, appends each valid one\n"
    "to the journal FILE and acknowledges it on standard output, one line\n"
    "per record.");
  g_option_context_set_description(context, record_description);
  g_option_context_add_main_entries(context, entries, NULL);
  int status = parse_command_line(context, "record", &options.help, &argc, &argv);
  if (status >= 0)
    return status;
  if (options.journal == NULL)
    return fail("no journal: give --journal FILE (see 'cxm record --help')");
  if (argc > 1)
    return fail("unexpected argument \"%s\": records come from standard input "
                "(see 'cxm record --help')", argv[1]);
  CxmSyncMode mode = CXM_SYNC_ALWAYS;
  if (options.sync == NULL || strcmp(options.sync, "always") == 0)
    mode = CXM_SYNC_ALWAYS;
  else if (strcmp(options.sync, "batch") == 0)
    mode = CXM_SYNC_BATCH;
  else if (strcmp(options.sync, "os") == 0)
    mode = CXM_SYNC_OS;
  else
    return fail("unknown --sync mode \"%s\" (expected always, batch or os)", options.sync);
  guint64 max_groups = 0;
  if (options.max_groups != NULL && !parse_max_groups(options.max_groups, &max_groups))
    return EXIT_USAGE;

  GError *error = NULL;
  g_autoptr(CxmPolicy) policy = load_policy(options.policy, &error);
  if (policy == NULL)
    return fail_error(error);
  g_autoptr(CxmOrg) org = NULL;
  if (options.org != NULL && (org = cxm_org_new_from_file(options.org, &error)) == NULL)
    return fail_error(error);
  g_autoptr(CxmRecorder) recorder = new_recorder(policy, org, options.max_groups != NULL,
                                                 max_groups);
  cxm_journal_set_sync(recorder, mode, BATCH_RECORDS, BATCH_MS, NULL);

  g_autoptr(CxmImportResult) replay = cxm_import_result_new();
  CxmJournalFlags flags = options.unique_ids ? CXM_JOURNAL_UNIQUE_IDS : CXM_JOURNAL_DEFAULT;
  if (!cxm_journal_open(recorder, options.journal, flags, replay, &error)) {
    if (g_error_matches(error, CXM_ERROR, CXM_ERROR_BUSY)) {
      g_error_free(error);
      return fail("%s: another writer holds this journal (its lock is taken): only "
                  "one 'cxm record' may append to a journal at a time",
                  options.journal);
    }
    return fail_error(error);
  }
  guint64 replay_rejected = cxm_import_result_get_rejected(replay);
  if (replay_rejected > 0) {
    guint64 records = cxm_import_result_get_records(replay);
    fprintf(stderr,
            "cxm: %s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s in the journal "
            "rejected (they stay in the file)\n",
            options.journal, replay_rejected, records, records == 1 ? "record" : "records");
    print_error_lines(replay, replay_rejected);
  }
  guint64 torn = cxm_journal_get_torn(recorder);
  if (torn > 0)
    fprintf(stderr,
            "cxm: %s: cut off a torn last line (%" G_GUINT64_FORMAT " %s), a record that "
            "a crash interrupted while it was written (never acknowledged)\n",
            options.journal, torn, torn == 1 ? "byte" : "bytes");

  /* A client that goes away is a write error, not a signal. */
  signal(SIGPIPE, SIG_IGN);
  LineReader *reader = g_new0(LineReader, 1);
  reader->fd = STDIN_FILENO;
  if (mode == CXM_SYNC_BATCH) {
    reader->idle = sync_when_idle;
    reader->data = recorder;
  }
  g_autoptr(GString) line = g_string_new(NULL);
  guint64 number = 0, records = 0, accepted = 0, rejected = 0, duplicates = 0;
  gboolean overlong, io_failed = FALSE, out_failed = FALSE;
  int got = 0;
  while (!io_failed && !out_failed && (got = reader_next(reader, line, &overlong)) > 0) {
    number++;
    gsize length = line->len;
    if (overlong)
      length = LINE_LIMIT + 1; /* the library rejects it as too long */
    else if (length > 0 && line->str[length - 1] == '\r')
      length--;
    if (!overlong && is_blank(line))
      continue;
    records++;
    g_autofree char *id = NULL;
    if (cxm_recorder_record_json(recorder, line->str, (gssize) length, &id, &error)) {
      printf("ok %s\n", id);
      accepted++;
    } else if (g_error_matches(error, CXM_ERROR, CXM_ERROR_DUPLICATE_ID)) {
      printf("duplicate %s\n", id);
      duplicates++;
    } else {
      g_autofree char *reason = one_line(error->message);
      printf("rejected %" G_GUINT64_FORMAT ": %s\n", number, reason);
      rejected++;
      /* The journal can no longer be trusted to take what comes. */
      io_failed = g_error_matches(error, CXM_ERROR, CXM_ERROR_IO);
    }
    g_clear_error(&error);
    out_failed = fflush(stdout) != 0 || ferror(stdout);
  }
  int read_errno = got < 0 ? errno : 0;
  g_free(reader);

  status = rejected > 0 ? EXIT_REJECTED : EXIT_OK;
  if (!cxm_journal_sync(recorder, &error)) {
    fail_error(error);
    status = EXIT_USAGE;
  }
  if (io_failed) {
    fail("%s: the journal could not be written: stopped at input line %" G_GUINT64_FORMAT,
         options.journal, number);
    status = EXIT_USAGE;
  }
  if (out_failed) {
    fail("standard output: write failed: stopped at input line %" G_GUINT64_FORMAT,
         number);
    status = EXIT_USAGE;
  }
  if (read_errno != 0) {
    fail("%s: read failed: %s", STDIN_SOURCE, g_strerror(read_errno));
    status = EXIT_USAGE;
  }
  fprintf(stderr,
          "cxm: %" G_GUINT64_FORMAT " %s: %" G_GUINT64_FORMAT " accepted, %"
          G_GUINT64_FORMAT " rejected, %" G_GUINT64_FORMAT " %s\n",
          records, records == 1 ? "record" : "records", accepted, rejected, duplicates,
          duplicates == 1 ? "duplicate" : "duplicates");
  return status;
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
    "  report    Read interaction records (JSON Lines), journals and\n"
    "            snapshots and print a report (JSON, table or CSV): totals,\n"
    "            levels, teams, periods, scopes\n"
    "  record    Append records from standard input to a durable journal,\n"
    "            acknowledging each one (ok, duplicate or rejected)\n"
    "  snapshot  Write the aggregates of records, journals and snapshots to\n"
    "            a snapshot, which 'report --snapshot' reads and merges\n"
    "  classify  Print each record's class and reason, one JSON line each\n"
    "  validate  Check records and list every bad one\n"
    "\n"
    "Run 'cxm COMMAND --help' for the options of a command.\n"
    "\n",
    main_exit_status_help, NULL);
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
    return finish_output(EXIT_OK);
  }
  if (version) {
    printf("cxm %s\n", cxm_version_string());
    return finish_output(EXIT_OK);
  }
  if (argc < 2)
    return fail("no command (see 'cxm --help')");
  if (strcmp(argv[1], "report") == 0)
    return command_report(argc - 1, argv + 1);
  if (strcmp(argv[1], "record") == 0)
    return command_record(argc - 1, argv + 1);
  if (strcmp(argv[1], "snapshot") == 0)
    return command_snapshot(argc - 1, argv + 1);
  if (strcmp(argv[1], "classify") == 0)
    return command_classify(argc - 1, argv + 1);
  if (strcmp(argv[1], "validate") == 0)
    return command_validate(argc - 1, argv + 1);
  return fail("unknown command \"%s\" (see 'cxm --help')", argv[1]);
}
