/* SPDX-License-Identifier: MIT */
/* Reports (cxm/report.h): the options, and the walk over the groups that
 * every format follows, so that they hold the same groups in the same
 * order, read through the same CxmStats. */
#include "config.h"

#include <string.h>

#include "enums-private.h"
#include "error-private.h"
#include "org-private.h"
#include "period-private.h"
#include "policy-private.h"
#include "recorder-private.h"
#include "report-private.h"
#include "stats-private.h"

const CxmReportGroup cxm_report_groups[3] = {
  { CXM_REPORT_TEAMS, CXM_GROUP_TEAM, "team", "teams" },
  { CXM_REPORT_EMPLOYEES, CXM_GROUP_EMPLOYEE, "employee", "employees" },
  { CXM_REPORT_CHANNELS, CXM_GROUP_CHANNEL, "channel", "channels" },
};

const unsigned int cxm_report_period_flags[CXM_PERIOD_KIND_COUNT] = { CXM_REPORT_DAYS,
                                                                      CXM_REPORT_WEEKS,
                                                                      CXM_REPORT_MONTHS };

static const char *const format_names[] = { "json", "table", "csv", "html", NULL };

const char *
cxm_report_format_name(CxmReportFormat format)
{
  /* As for every enumeration's names, out of range is a question with no
   * answer, not misuse. */
  return (int) format >= 0 && format < CXM_REPORT_FORMAT_COUNT ? format_names[format]
                                                               : NULL;
}

int
cxm_report_format_from_name(const char *name)
{
  for (int i = 0; name != NULL && format_names[i] != NULL; i++)
    if (strcmp(name, format_names[i]) == 0)
      return i;
  return CXM_UNSET;
}

/* ---- options --------------------------------------------------------------- */

CxmReportOptions *
cxm_report_options_new(void)
{
  CxmReportOptions *options = g_new0(CxmReportOptions, 1);
  options->format = CXM_REPORT_JSON;
  options->compared = CXM_UNSET;
  options->sort = CXM_UNSET;
  options->scope_level = CXM_UNSET;
  return options;
}

void
cxm_report_options_free(CxmReportOptions *options)
{
  if (options == NULL)
    return;
  g_free(options->compare_a);
  g_free(options->compare_b);
  g_free(options);
}

void
cxm_report_options_set_format(CxmReportOptions *options, CxmReportFormat format)
{
  g_return_if_fail(options != NULL);
  g_return_if_fail((int) format >= 0 && format < CXM_REPORT_FORMAT_COUNT);
  options->format = format;
}

CxmReportFormat
cxm_report_options_get_format(const CxmReportOptions *options)
{
  g_return_val_if_fail(options != NULL, CXM_REPORT_JSON);
  return options->format;
}

void
cxm_report_options_set_flags(CxmReportOptions *options, unsigned int flags)
{
  g_return_if_fail(options != NULL);
  options->flags = flags;
}

unsigned int
cxm_report_options_get_flags(const CxmReportOptions *options)
{
  g_return_val_if_fail(options != NULL, 0);
  return options->flags;
}

static const struct {
  const char *name;
  unsigned int flag;
} group_names[] = {
  { "teams", CXM_REPORT_TEAMS },        { "employees", CXM_REPORT_EMPLOYEES },
  { "channels", CXM_REPORT_CHANNELS },  { "periods:day", CXM_REPORT_DAYS },
  { "periods:week", CXM_REPORT_WEEKS }, { "periods:month", CXM_REPORT_MONTHS },
  { "scopes", CXM_REPORT_SCOPES },      { "hotspots", CXM_REPORT_HOTSPOTS },
};

gboolean
cxm_report_options_add_groups(CxmReportOptions *options, const char *groups,
                              GError **error)
{
  static const char scopes_prefix[] = "scopes:";
  g_auto(GStrv) names = NULL;
  unsigned int flags = 0;
  int scope_level = options ? options->scope_level : CXM_UNSET;

  cxm_return_val_if_null(options, error, FALSE);
  cxm_return_val_if_null(groups, error, FALSE);
  names = g_strsplit(groups, ",", -1);
  for (char **name = names; *name != NULL; name++) {
    gsize i = 0;
    while (i < G_N_ELEMENTS(group_names) && strcmp(*name, group_names[i].name) != 0)
      i++;
    if (i < G_N_ELEMENTS(group_names)) {
      flags |= group_names[i].flag;
      continue;
    }
    if (g_str_has_prefix(*name, scopes_prefix)) {
      const char *level = *name + strlen(scopes_prefix);
      scope_level = cxm_level_from_name(level);
      if (scope_level != CXM_UNSET && scope_level != CXM_LEVEL_UNASSIGNED) {
        flags |= CXM_REPORT_SCOPES;
        continue;
      }
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "group \"%s\": the scopes of a level are scopes:frontline, "
                  "scopes:manager or scopes:senior_leader",
                  *name);
    } else if (strcmp(*name, "periods") == 0) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "group \"periods\" needs a kind: periods:day, periods:week or "
                  "periods:month");
    } else {
      GString *expected = g_string_new(NULL);
      for (i = 0; i < G_N_ELEMENTS(group_names); i++)
        g_string_append_printf(expected, "%s%s",
                               i == 0                              ? ""
                               : i + 1 < G_N_ELEMENTS(group_names) ? ", "
                                                                   : " or ",
                               group_names[i].name);
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "unknown group \"%s\" (expected %s)", *name, expected->str);
      g_string_free(expected, TRUE);
    }
    return FALSE;
  }
  options->flags |= flags;
  options->scope_level = scope_level;
  return TRUE;
}

void
cxm_report_options_set_width(CxmReportOptions *options, guint columns)
{
  g_return_if_fail(options != NULL);
  options->width = columns;
}

/* The one period kind in @flags, or CXM_UNSET. */
static int
single_period_kind(unsigned int flags)
{
  int kind = CXM_UNSET;

  for (int k = 0; k < CXM_PERIOD_KIND_COUNT; k++) {
    if (!(flags & cxm_report_period_flags[k]))
      continue;
    if (kind != CXM_UNSET)
      return CXM_UNSET;
    kind = k;
  }
  return kind;
}

gboolean
cxm_report_options_set_compare(CxmReportOptions *options, const char *a, const char *b,
                               GError **error)
{
  int kind;

  cxm_return_val_if_null(options, error, FALSE);
  if ((a == NULL) != (b == NULL)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "a comparison needs two periods");
    return FALSE;
  }
  kind = CXM_UNSET;
  if (a != NULL) {
    kind = single_period_kind(options->flags);
    if (kind == CXM_UNSET) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "a comparison needs exactly one period kind (day, week or month)");
      return FALSE;
    }
    const char *const names[] = { a, b };
    for (int i = 0; i < 2; i++) {
      if (!cxm_period_day_range(names[i], kind, NULL, NULL)) {
        g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                    "\"%s\" is not a %s period", names[i], cxm_period_kind_name(kind));
        return FALSE;
      }
    }
  }
  g_free(options->compare_a);
  g_free(options->compare_b);
  options->compare_a = g_strdup(a);
  options->compare_b = g_strdup(b);
  options->compared = kind;
  return TRUE;
}

/* ---- ranking ------------------------------------------------------------- */

typedef enum {
  IND_COUNT,
  IND_RATE,
  IND_NET,
  IND_MEAN
} IndicatorType;

/* What --sort accepts, named as in the JSON and CSV reports. */
static const struct {
  const char *name;
  IndicatorType type;
  int which;
} indicators[] = {
  { "n", IND_COUNT, CXM_COUNT_N },
  { "momentum", IND_COUNT, CXM_COUNT_MOMENTUM },
  { "disappointment", IND_COUNT, CXM_COUNT_DISAPPOINTMENT },
  { "neutral", IND_COUNT, CXM_COUNT_NEUTRAL },
  { "difficult", IND_COUNT, CXM_COUNT_DIFFICULT },
  { "nps_responses", IND_COUNT, CXM_COUNT_NPS_RESPONSES },
  { "csat_responses", IND_COUNT, CXM_COUNT_CSAT_RESPONSES },
  { "effort_responses", IND_COUNT, CXM_COUNT_EFFORT_RESPONSES },
  { "momentum_rate", IND_RATE, CXM_RATE_MOMENTUM },
  { "disappointment_rate", IND_RATE, CXM_RATE_DISAPPOINTMENT },
  { "difficult_rate", IND_RATE, CXM_RATE_DIFFICULT },
  { "recovery_rate", IND_RATE, CXM_RATE_RECOVERY },
  { "csat_top2_rate", IND_RATE, CXM_RATE_CSAT_TOP2 },
  { "csat_fan_rate", IND_RATE, CXM_RATE_CSAT_FAN },
  { "effort_easy_rate", IND_RATE, CXM_RATE_EFFORT_EASY },
  { "fcr_rate", IND_RATE, CXM_RATE_FCR },
  { "beyond_role_rate", IND_RATE, CXM_RATE_BEYOND_ROLE },
  { "proactive_rate", IND_RATE, CXM_RATE_PROACTIVE },
  { "empowered_rate", IND_RATE, CXM_RATE_EMPOWERED },
  { "net_momentum", IND_NET, CXM_NET_MOMENTUM },
  { "nps", IND_NET, CXM_NET_NPS },
  { "csat_mean", IND_MEAN, CXM_MEAN_CSAT },
  { "effort_mean", IND_MEAN, CXM_MEAN_EFFORT },
  { "employee_satisfaction_mean", IND_MEAN, CXM_MEAN_EMPLOYEE_SATISFACTION },
};

gboolean
cxm_report_options_set_sort(CxmReportOptions *options, const char *indicator,
                            gboolean descending, GError **error)
{
  cxm_return_val_if_null(options, error, FALSE);
  if (indicator == NULL) {
    options->sort = CXM_UNSET;
    options->descending = FALSE;
    return TRUE;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(indicators); i++) {
    if (strcmp(indicator, indicators[i].name) == 0) {
      options->sort = (int) i;
      options->descending = descending;
      return TRUE;
    }
  }
  GString *expected = g_string_new(NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(indicators); i++)
    g_string_append_printf(expected, "%s%s", i == 0 ? "" : ", ", indicators[i].name);
  g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
              "unknown sort indicator \"%s\" (expected one of %s)", indicator,
              expected->str);
  g_string_free(expected, TRUE);
  return FALSE;
}

void
cxm_report_options_set_top(CxmReportOptions *options, guint n)
{
  g_return_if_fail(options != NULL);
  options->top = n;
}

/* Indexed by CxmHotspotRank. */
static const char *const hotspot_rank_names[] = { "disappointment", "disappointment_rate",
                                                  "recovery_rate", NULL };

gboolean
cxm_report_options_set_hotspot_rank(CxmReportOptions *options, const char *by,
                                    guint min_count, GError **error)
{
  int rank = CXM_HOTSPOT_BY_DISAPPOINTMENT;

  cxm_return_val_if_null(options, error, FALSE);
  if (by != NULL) {
    rank = cxm_name_lookup(hotspot_rank_names, by, strlen(by));
    if (rank == CXM_UNSET) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "unknown hot spot ranking \"%s\" (expected disappointment, "
                  "disappointment_rate or recovery_rate)",
                  by);
      return FALSE;
    }
  }
  options->hotspot_rank = rank;
  options->hotspot_min = min_count;
  return TRUE;
}

/* The value of the sort indicator in @stats: FALSE when it has none. A
 * suppressed group shows no indicator but its counts, so it ranks by
 * them only. */
static gboolean
indicator_value(int index, const CxmStats *stats, double *value)
{
  CxmRate rate;
  CxmNetScore net;

  if (indicators[index].type == IND_COUNT) {
    *value = (double) cxm_stats_get_count(stats, indicators[index].which);
    return TRUE;
  }
  if (cxm_stats_is_suppressed(stats))
    return FALSE;
  switch (indicators[index].type) {
  case IND_RATE:
    if (!cxm_stats_get_rate(stats, indicators[index].which, &rate))
      return FALSE;
    *value = rate.value;
    return TRUE;
  case IND_NET:
    if (!cxm_stats_get_net_score(stats, indicators[index].which, &net))
      return FALSE;
    *value = net.score;
    return TRUE;
  case IND_MEAN:
    return cxm_stats_get_mean(stats, indicators[index].which, value);
  default:
    return FALSE;
  }
}

/* One group to rank: its place in the default order breaks ties. */
typedef struct {
  const char *key;
  CxmStats *stats, *direct;
  double value;
  gboolean has_value;
  guint index;
} Ranked;

static int
compare_ranked(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const Ranked *a = pa, *b = pb;
  const gboolean descending = *(const gboolean *) data;

  if (a->has_value != b->has_value)
    return a->has_value ? -1 : 1; /* no value last, either way */
  if (a->has_value && a->value != b->value)
    return (a->value < b->value) != descending ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* Ranks @n groups by the options' sort indicator, and returns how many of
 * them to write (top). */
static guint
rank(const CxmReportOptions *options, Ranked *groups, guint n)
{
  for (guint i = 0; i < n; i++) {
    groups[i].index = i;
    groups[i].has_value =
        indicator_value(options->sort, groups[i].stats, &groups[i].value);
  }
  g_qsort_with_data(groups, (gint) n, sizeof *groups, compare_ranked,
                    (gpointer) &options->descending);
  return options->top > 0 ? MIN(n, options->top) : n;
}

/* Groups the sort and top apply to: not the totals, the levels or hot
 * spots, which are a fixed set or ranked by their own rule. */
static gboolean
is_ranked_kind(CxmGroupKind kind)
{
  return kind == CXM_GROUP_TEAM || kind == CXM_GROUP_EMPLOYEE ||
         kind == CXM_GROUP_CHANNEL;
}

/* ---- the walk over the groups ------------------------------------------ */

void
cxm_report_input_counts(const CxmReport *report, CxmReportInput *counts)
{
  counts->leadership = cxm_recorder_get_leadership_count(report->recorder, CXM_UNSET);
  counts->accepted = cxm_recorder_get_n(report->recorder) + counts->leadership;
  counts->rejected = report->input ? cxm_import_result_get_rejected(report->input) : 0;
  counts->filtered = report->input ? cxm_import_result_get_filtered(report->input) : 0;
  counts->records = counts->accepted + counts->rejected + counts->filtered;
}

guint
cxm_report_for_each(CxmReport *report, const CxmRecorder *view, CxmGroupKind kind,
                    CxmGroupFunc func, gpointer data)
{
  const CxmReportOptions *options = report->options;
  char **keys;
  guint n = 0, limit = G_MAXUINT;

  if (kind == CXM_GROUP_TOTALS) {
    g_autoptr(CxmStats) stats = cxm_recorder_get_stats(view, kind, NULL, NULL);
    func(report, NULL, stats, data);
    return 1;
  }
  keys = cxm_recorder_get_keys(view, kind, NULL);
  if (is_ranked_kind(kind) && options->sort != CXM_UNSET) {
    /* Ranking needs every group's stats at once. */
    guint count = g_strv_length(keys);
    Ranked *groups = g_new0(Ranked, count);
    for (guint i = 0; i < count; i++) {
      groups[i].key = keys[i];
      groups[i].stats = cxm_recorder_get_stats(view, kind, keys[i], NULL);
    }
    n = rank(options, groups, count);
    for (guint i = 0; i < n; i++)
      func(report, groups[i].key, groups[i].stats, data);
    for (guint i = 0; i < count; i++)
      cxm_stats_free(groups[i].stats);
    g_free(groups);
    g_strfreev(keys);
    return n;
  }
  if (is_ranked_kind(kind) && options->top > 0)
    limit = options->top;
  for (char **key = keys; *key != NULL && n < limit; key++, n++) {
    g_autoptr(CxmStats) stats = cxm_recorder_get_stats(view, kind, *key, NULL);
    func(report, *key, stats, data);
  }
  g_strfreev(keys);
  return n;
}

guint
cxm_report_for_each_period(CxmReport *report, CxmPeriodKind kind, CxmPeriodFunc func,
                           gpointer data)
{
  char **names = cxm_recorder_get_periods(report->recorder, kind, NULL);
  guint n = 0;

  for (char **name = names; *name != NULL; name++, n++) {
    CxmRecorder *view = cxm_recorder_period_view(report->recorder, kind, *name);
    func(report, kind, *name, view, data);
    cxm_recorder_free(view);
  }
  g_strfreev(names);
  return n;
}

guint
cxm_report_scope_depth(const CxmReport *report, const char *person)
{
  const CxmReportOptions *options = report->options;

  if (options->sort != CXM_UNSET || options->scope_level != CXM_UNSET)
    return 0;
  return (guint) MAX(cxm_org_get_depth(report->recorder->org, person), 0);
}

void
cxm_report_for_each_scope(CxmReport *report, CxmScopeFunc func, gpointer data)
{
  const CxmReportOptions *options = report->options;
  CxmScopeIndex *index = cxm_scope_index_new(report->recorder);
  guint count = g_strv_length(report->scopes), n;
  Ranked *scopes = g_new0(Ranked, count);

  for (guint i = 0; i < count; i++) {
    scopes[i].key = report->scopes[i];
    scopes[i].direct = cxm_scope_index_get(index, scopes[i].key, FALSE);
    scopes[i].stats = cxm_scope_index_get(index, scopes[i].key, TRUE);
  }
  cxm_scope_index_free(index);
  if (options->sort != CXM_UNSET)
    n = rank(options, scopes, count);
  else
    n = options->top > 0 ? MIN(count, options->top) : count;
  for (guint i = 0; i < n; i++)
    func(report, scopes[i].key, cxm_report_scope_depth(report, scopes[i].key),
         scopes[i].direct, scopes[i].stats, data);
  for (guint i = 0; i < count; i++) {
    cxm_stats_free(scopes[i].direct);
    cxm_stats_free(scopes[i].stats);
  }
  g_free(scopes);
}

/* ---- comparisons ------------------------------------------------------------ */

const CxmComparedIndicator cxm_report_compared[6] = {
  { "net_momentum", TRUE, CXM_NET_MOMENTUM },
  { "nps", TRUE, CXM_NET_NPS },
  { "momentum_rate", FALSE, CXM_RATE_MOMENTUM },
  { "disappointment_rate", FALSE, CXM_RATE_DISAPPOINTMENT },
  { "recovery_rate", FALSE, CXM_RATE_RECOVERY },
  { "csat_top2_rate", FALSE, CXM_RATE_CSAT_TOP2 },
};

CxmStats *
cxm_report_compared_stats(const CxmReport *report, gboolean b, CxmGroupKind kind,
                          const char *key)
{
  const CxmReportOptions *o = report->options;
  return cxm_recorder_get_period_stats(report->recorder, o->compared,
                                       b ? o->compare_b : o->compare_a, kind, key, NULL);
}

gboolean
cxm_report_compare(const CxmStats *a, const CxmStats *b, gsize i,
                   CxmComparison *comparison)
{
  if (cxm_stats_is_suppressed(a) || cxm_stats_is_suppressed(b))
    return FALSE;
  return cxm_report_compared[i].is_net
             ? cxm_stats_compare_net_score(a, b, cxm_report_compared[i].kind, comparison)
             : cxm_stats_compare_rate(a, b, cxm_report_compared[i].kind, comparison);
}

gboolean
cxm_report_suppressed_count(const CxmReport *report, guint64 count)
{
  const int min_group = report->recorder->policy->min_group;
  return min_group > 0 && count < (guint64) min_group;
}

/* ---- writing ------------------------------------------------------------- */

static void (*const writers[CXM_REPORT_FORMAT_COUNT])(CxmReport *) = {
  cxm_report_write_json,
  cxm_report_write_table,
  cxm_report_write_csv,
  cxm_report_write_html,
};

/* Writes the report into @sink, which it finishes. */
static gboolean
write_report(const CxmRecorder *recorder, const CxmImportResult *input,
             const CxmReportOptions *options, CxmSink *sink, GError **error)
{
  static const CxmReportOptions defaults = CXM_REPORT_OPTIONS_INIT(CXM_REPORT_JSON, 0);
  CxmReport report = { 0 };

  report.recorder = recorder;
  report.input = input;
  report.options = options ? options : &defaults;
  report.flags = report.options->flags;
  report.sink = sink;
  if ((report.flags & CXM_REPORT_SCOPES) &&
      (report.scopes = cxm_recorder_scope_tree(recorder, report.options->scope_level,
                                               error)) == NULL)
    return FALSE;
  /* One state for the whole report, while other threads may record. */
  cxm_recorder_lock(recorder);
  writers[report.options->format](&report);
  cxm_recorder_unlock(recorder);
  g_strfreev(report.scopes);
  return TRUE;
}

gboolean
cxm_report_write(const CxmRecorder *recorder, const CxmImportResult *input,
                 const CxmReportOptions *options, CxmWriteFunc write, gpointer user_data,
                 GError **error)
{
  CxmSink sink;
  gboolean ok;

  cxm_return_val_if_null(recorder, error, FALSE);
  cxm_return_val_if_null(write, error, FALSE);
  cxm_sink_init(&sink, write, user_data);
  ok = write_report(recorder, input, options, &sink, error);
  return cxm_sink_finish(&sink, ok ? error : NULL) && ok;
}

char *
cxm_report_to_string(const CxmRecorder *recorder, const CxmImportResult *input,
                     const CxmReportOptions *options, gsize *length, GError **error)
{
  CxmSink sink;

  cxm_return_val_if_null(recorder, error, NULL);
  cxm_sink_init(&sink, NULL, NULL);
  if (!write_report(recorder, input, options, &sink, error)) {
    cxm_sink_finish(&sink, NULL);
    return NULL;
  }
  return cxm_sink_steal(&sink, length);
}

char *
cxm_report_to_json(const CxmRecorder *recorder, const CxmImportResult *input,
                   unsigned int flags, GError **error)
{
  CxmReportOptions options = CXM_REPORT_OPTIONS_INIT(CXM_REPORT_JSON, flags);
  return cxm_report_to_string(recorder, input, &options, NULL, error);
}
