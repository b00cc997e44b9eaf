/* The JSON report of SPEC section 8, built from CxmStats so that the
 * report and the C API can never disagree. */
#include "config.h"

#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include <cxm/report.h>

#include "enums-private.h"
#include "error-private.h"
#include "period-private.h"
#include "recorder-private.h"
#include "stats-private.h"

/* A number rounded to @decimals, serialised exactly as rounded ("0.4213",
 * "20.5", never "-0.0"). */
static json_object *
rounded(double value, int decimals)
{
  const double scale = pow(10, decimals);
  double r = round(value * scale) / scale;
  char text[G_ASCII_DTOSTR_BUF_SIZE], format[8];
  gsize len;

  if (r == 0)
    r = 0; /* drops the sign of -0 */
  g_snprintf(format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd(text, sizeof text, format, r);
  len = strlen(text);
  while (len > 2 && text[len - 1] == '0' && text[len - 2] != '.')
    text[--len] = '\0';
  return json_object_new_double_s(r, text);
}

#define RATE_DECIMALS 4
#define SCORE_DECIMALS 2
#define MEAN_DECIMALS 3

static json_object *
count(guint64 value)
{
  return json_object_new_uint64(value);
}

static json_object *
interval(const CxmRate *rate)
{
  json_object *obj = json_object_new_object();
  json_object_object_add(obj, "value", rounded(rate->value, RATE_DECIMALS));
  json_object_object_add(obj, "low", rounded(rate->low, RATE_DECIMALS));
  json_object_object_add(obj, "high", rounded(rate->high, RATE_DECIMALS));
  return obj;
}

/* Wilson object, or null without a denominator. */
static json_object *
rate_interval(const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  return cxm_stats_get_rate(stats, kind, &rate) ? interval(&rate) : NULL;
}

/* Plain fraction, or null. */
static json_object *
rate_value(const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  return cxm_stats_get_rate(stats, kind, &rate) ? rounded(rate.value, RATE_DECIMALS)
                                                : NULL;
}

static json_object *
mean_value(const CxmStats *stats, CxmMeanKind kind)
{
  double mean;
  return cxm_stats_get_mean(stats, kind, &mean) ? rounded(mean, MEAN_DECIMALS) : NULL;
}

static json_object *
breakdown_recovery(const CxmBreakdown *b, const CxmStats *stats)
{
  const double z = cxm_stats_get_z(stats);
  CxmRate rate;
  return cxm_wilson_interval(b->recovered, b->difficult, z, &rate) ? interval(&rate)
                                                                   : NULL;
}

static void
add_class_counts(json_object *obj, const CxmStats *stats)
{
  json_object_object_add(obj, "n", count(cxm_stats_get_count(stats, CXM_COUNT_N)));
  json_object_object_add(obj, "momentum",
                         count(cxm_stats_get_count(stats, CXM_COUNT_MOMENTUM)));
  json_object_object_add(obj, "disappointment",
                         count(cxm_stats_get_count(stats, CXM_COUNT_DISAPPOINTMENT)));
  json_object_object_add(obj, "neutral",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NEUTRAL)));
}

static json_object *
group_json(const CxmStats *stats)
{
  json_object *obj = json_object_new_object(), *sub, *kinds;
  CxmNetScore net;
  CxmBreakdown b;

  add_class_counts(obj, stats);
  if (cxm_stats_is_suppressed(stats)) {
    json_object_object_add(obj, "suppressed", json_object_new_boolean(TRUE));
    json_object_object_add(obj, "small_sample",
                           json_object_new_boolean(cxm_stats_is_small_sample(stats)));
    return obj;
  }
  json_object_object_add(obj, "momentum_rate", rate_interval(stats, CXM_RATE_MOMENTUM));
  json_object_object_add(obj, "disappointment_rate",
                         rate_interval(stats, CXM_RATE_DISAPPOINTMENT));
  if (cxm_stats_get_net_score(stats, CXM_NET_MOMENTUM, &net)) {
    sub = json_object_new_object();
    json_object_object_add(sub, "score", rounded(net.score, SCORE_DECIMALS));
    json_object_object_add(sub, "moe95", rounded(net.moe95, SCORE_DECIMALS));
    json_object_object_add(obj, "net_momentum", sub);
  } else {
    json_object_object_add(obj, "net_momentum", NULL);
  }
  json_object_object_add(obj, "difficult",
                         count(cxm_stats_get_count(stats, CXM_COUNT_DIFFICULT)));
  json_object_object_add(obj, "difficult_rate", rate_value(stats, CXM_RATE_DIFFICULT));
  json_object_object_add(obj, "recovery_rate", rate_interval(stats, CXM_RATE_RECOVERY));

  kinds = json_object_new_object();
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    cxm_stats_get_difficulty(stats, k, &b);
    sub = json_object_new_object();
    json_object_object_add(sub, "count", count(b.count));
    json_object_object_add(sub, "momentum", count(b.momentum));
    json_object_object_add(sub, "disappointment", count(b.disappointment));
    json_object_object_add(sub, "recovery_rate", breakdown_recovery(&b, stats));
    json_object_object_add(kinds, cxm_difficulty_names[k], sub);
  }
  json_object_object_add(obj, "by_difficulty", kinds);

  sub = json_object_new_object();
  json_object_object_add(sub, "responses",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_RESPONSES)));
  json_object_object_add(sub, "promoters",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_PROMOTERS)));
  json_object_object_add(sub, "passives",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_PASSIVES)));
  json_object_object_add(sub, "detractors",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_DETRACTORS)));
  if (cxm_stats_get_net_score(stats, CXM_NET_NPS, &net)) {
    json_object_object_add(sub, "score", rounded(net.score, SCORE_DECIMALS));
    json_object_object_add(sub, "moe95", rounded(net.moe95, SCORE_DECIMALS));
  } else {
    json_object_object_add(sub, "score", NULL);
    json_object_object_add(sub, "moe95", NULL);
  }
  json_object_object_add(obj, "nps", sub);

  sub = json_object_new_object();
  json_object_object_add(sub, "responses",
                         count(cxm_stats_get_count(stats, CXM_COUNT_CSAT_RESPONSES)));
  json_object_object_add(sub, "mean", mean_value(stats, CXM_MEAN_CSAT));
  json_object_object_add(sub, "top2_rate", rate_value(stats, CXM_RATE_CSAT_TOP2));
  json_object_object_add(sub, "fan_rate", rate_value(stats, CXM_RATE_CSAT_FAN));
  json_object_object_add(obj, "csat", sub);

  sub = json_object_new_object();
  json_object_object_add(sub, "responses",
                         count(cxm_stats_get_count(stats, CXM_COUNT_EFFORT_RESPONSES)));
  json_object_object_add(sub, "mean", mean_value(stats, CXM_MEAN_EFFORT));
  json_object_object_add(sub, "easy_rate", rate_value(stats, CXM_RATE_EFFORT_EASY));
  json_object_object_add(obj, "effort", sub);

  sub = json_object_new_object();
  json_object_object_add(
      sub, "responses",
      count(cxm_stats_get_count(stats, CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES)));
  json_object_object_add(sub, "mean", mean_value(stats, CXM_MEAN_EMPLOYEE_SATISFACTION));
  json_object_object_add(obj, "employee_satisfaction", sub);

  json_object_object_add(obj, "fcr_rate", rate_value(stats, CXM_RATE_FCR));
  json_object_object_add(obj, "beyond_role_rate", rate_value(stats, CXM_RATE_BEYOND_ROLE));
  json_object_object_add(obj, "proactive_rate", rate_value(stats, CXM_RATE_PROACTIVE));
  json_object_object_add(obj, "empowered_rate", rate_value(stats, CXM_RATE_EMPOWERED));

  kinds = json_object_new_object();
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    cxm_stats_get_emotion(stats, e, &b);
    sub = json_object_new_object();
    json_object_object_add(sub, "count", count(b.count));
    json_object_object_add(sub, "recovery_rate", breakdown_recovery(&b, stats));
    json_object_object_add(kinds, cxm_emotion_names[e], sub);
  }
  json_object_object_add(obj, "emotions", kinds);

  kinds = json_object_new_object();
  for (int r = 0; r < CXM_REASON_COUNT; r++)
    json_object_object_add(kinds, cxm_reason_names[r],
                           count(cxm_stats_get_reason_count(stats, r)));
  json_object_object_add(obj, "reasons", kinds);

  json_object_object_add(obj, "small_sample",
                         json_object_new_boolean(cxm_stats_is_small_sample(stats)));
  return obj;
}

/* Serialises and releases @root. */
static char *
take_text(json_object *root, gboolean pretty)
{
  char *text = g_strdup(json_object_to_json_string_ext(
      root, JSON_C_TO_STRING_NOSLASHESCAPE |
                (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                        : JSON_C_TO_STRING_PLAIN)));
  json_object_put(root);
  return text;
}

static json_object *
groups_json(const CxmRecorder *recorder, CxmGroupKind kind)
{
  json_object *obj = json_object_new_object();
  char **keys = cxm_recorder_get_keys(recorder, kind, NULL);

  for (char **key = keys; *key != NULL; key++) {
    g_autoptr(CxmStats) stats = cxm_recorder_get_stats(recorder, kind, *key, NULL);
    json_object_object_add(obj, *key, group_json(stats));
  }
  g_strfreev(keys);
  return obj;
}

static json_object *
input_json(const CxmRecorder *recorder, const CxmImportResult *input)
{
  json_object *obj = json_object_new_object(), *errors = json_object_new_array();
  guint64 leadership = cxm_recorder_get_leadership_count(recorder, CXM_UNSET);
  guint64 accepted = cxm_recorder_get_n(recorder) + leadership;
  guint64 rejected = input ? cxm_import_result_get_rejected(input) : 0;

  if (input != NULL) {
    for (guint i = 0; i < cxm_import_result_get_n_errors(input); i++) {
      json_object *e = json_object_new_object();
      const char *source = cxm_import_result_get_error_source(input, i);
      const char *key = cxm_import_result_get_error_key(input, i);
      if (source != NULL)
        json_object_object_add(e, "source", json_object_new_string(source));
      json_object_object_add(e, "line", count(cxm_import_result_get_error_line(input, i)));
      json_object_object_add(e, "key", key ? json_object_new_string(key) : NULL);
      json_object_object_add(e, "message",
                             json_object_new_string(
                                 cxm_import_result_get_error_message(input, i)));
      json_object_array_add(errors, e);
    }
  }
  json_object_object_add(obj, "records", count(accepted + rejected));
  json_object_object_add(obj, "accepted", count(accepted));
  json_object_object_add(obj, "rejected", count(rejected));
  json_object_object_add(obj, "leadership", count(leadership));
  json_object_object_add(obj, "errors", errors);
  return obj;
}

static json_object *
leadership_json(const CxmRecorder *recorder)
{
  json_object *obj = json_object_new_object(), *by_type = json_object_new_object();

  json_object_object_add(obj, "events",
                         count(cxm_recorder_get_leadership_count(recorder, CXM_UNSET)));
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++)
    json_object_object_add(by_type, cxm_leadership_type_names[t],
                           count(cxm_recorder_get_leadership_count(recorder, t)));
  json_object_object_add(obj, "by_type", by_type);
  return obj;
}

/* The groups asked for in @flags, of @recorder (or of a period's view). */
static void
add_groups(json_object *obj, const CxmRecorder *recorder, unsigned int flags)
{
  g_autoptr(CxmStats) totals = cxm_recorder_get_stats(recorder, CXM_GROUP_TOTALS, NULL, NULL);

  json_object_object_add(obj, "totals", group_json(totals));
  json_object_object_add(obj, "levels", groups_json(recorder, CXM_GROUP_LEVEL));
  if (flags & CXM_REPORT_TEAMS)
    json_object_object_add(obj, "teams", groups_json(recorder, CXM_GROUP_TEAM));
  if (flags & CXM_REPORT_EMPLOYEES)
    json_object_object_add(obj, "employees", groups_json(recorder, CXM_GROUP_EMPLOYEE));
  if (flags & CXM_REPORT_CHANNELS)
    json_object_object_add(obj, "channels", groups_json(recorder, CXM_GROUP_CHANNEL));
}

static const unsigned int period_flags[CXM_PERIOD_KIND_COUNT] = {
  CXM_REPORT_DAYS, CXM_REPORT_WEEKS, CXM_REPORT_MONTHS
};

/* {"week": {"2026-W09": {"totals": ..., "levels": ...}, ...}, ...} */
static json_object *
periods_json(const CxmRecorder *recorder, unsigned int flags)
{
  json_object *obj = json_object_new_object();
  /* Employees are not kept per period. */
  const unsigned int groups = flags & (CXM_REPORT_TEAMS | CXM_REPORT_CHANNELS);

  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++) {
    if (!(flags & period_flags[kind]))
      continue;
    g_autoptr(GHashTable) views = cxm_recorder_period_views(recorder, kind);
    char **names = cxm_recorder_get_periods(recorder, kind, NULL);
    json_object *periods = json_object_new_object();
    for (char **name = names; *name != NULL; name++) {
      json_object *period = json_object_new_object();
      add_groups(period, g_hash_table_lookup(views, *name), groups);
      json_object_object_add(periods, *name, period);
    }
    g_strfreev(names);
    json_object_object_add(obj, cxm_period_kind_name(kind), periods);
  }
  return obj;
}

/* {"e-1": {"direct": ..., "cumulative": ...}, ..., "unknown_manager": ...} */
static json_object *
scopes_json(const CxmRecorder *recorder, char **people)
{
  json_object *obj = json_object_new_object();
  g_autoptr(GHashTable) sums = cxm_recorder_scope_sums(recorder);
  const CxmPolicy *policy = cxm_recorder_get_policy(recorder);

  for (char **person = people; *person != NULL; person++) {
    json_object *scope = json_object_new_object();
    g_autoptr(CxmStats) direct = cxm_recorder_get_scope_stats(recorder, *person, FALSE, NULL);
    g_autoptr(CxmStats) cumulative = NULL;
    const CxmAgg *sum = g_hash_table_lookup(sums, *person);

    /* unknown_manager has no reports: its cumulative scope is its own. */
    cumulative = sum ? cxm_stats_new(sum, policy)
                     : cxm_recorder_get_scope_stats(recorder, *person, TRUE, NULL);
    json_object_object_add(scope, "direct", group_json(direct));
    json_object_object_add(scope, "cumulative", group_json(cumulative));
    json_object_object_add(obj, *person, scope);
  }
  return obj;
}

/* Difficulty kind x team and x channel: where difficult moments recur and
 * go wrong, worst first. */
static json_object *
hotspots_json(const CxmRecorder *recorder)
{
  json_object *list = json_object_new_array();
  g_autoptr(CxmStats) totals = cxm_recorder_get_stats(recorder, CXM_GROUP_TOTALS, NULL, NULL);
  double min_group = 0;
  gsize n;
  CxmHotspot *spots = cxm_recorder_get_hotspots(recorder, &n, NULL);

  cxm_policy_get(cxm_recorder_get_policy(recorder), "min_group", &min_group, NULL);
  for (gsize i = 0; i < n; i++) {
    const CxmHotspot *spot = &spots[i];
    json_object *obj = json_object_new_object();
    json_object_object_add(obj, "difficulty",
                           json_object_new_string(cxm_difficulty_name(spot->difficulty)));
    json_object_object_add(obj, spot->kind == CXM_GROUP_TEAM ? "team" : "channel",
                           json_object_new_string(spot->key));
    json_object_object_add(obj, "count", count(spot->counts.count));
    json_object_object_add(obj, "momentum", count(spot->counts.momentum));
    json_object_object_add(obj, "disappointment", count(spot->counts.disappointment));
    if (min_group > 0 && spot->counts.count < (guint64) min_group)
      json_object_object_add(obj, "suppressed", json_object_new_boolean(TRUE));
    else
      json_object_object_add(obj, "recovery_rate", breakdown_recovery(&spot->counts, totals));
    json_object_array_add(list, obj);
  }
  cxm_hotspots_free(spots, n);
  return list;
}

/* ---- comparison of two periods ------------------------------------------- */

static json_object *
comparison_value(gboolean ok, const CxmComparison *c, int decimals)
{
  json_object *obj;

  if (!ok)
    return NULL;
  obj = json_object_new_object();
  json_object_object_add(obj, "a", rounded(c->a, decimals));
  json_object_object_add(obj, "b", rounded(c->b, decimals));
  json_object_object_add(obj, "delta", rounded(c->delta, decimals));
  json_object_object_add(obj, "se", rounded(c->se, decimals));
  json_object_object_add(obj, "z", rounded(c->z, 3));
  json_object_object_add(obj, "p_value", rounded(c->p_value, 4));
  return obj;
}

static json_object *
compare_group(const CxmStats *a, const CxmStats *b)
{
  static const struct {
    const char *name;
    CxmRateKind kind;
  } rates[] = {
    { "momentum_rate", CXM_RATE_MOMENTUM },
    { "disappointment_rate", CXM_RATE_DISAPPOINTMENT },
    { "recovery_rate", CXM_RATE_RECOVERY },
    { "csat_top2_rate", CXM_RATE_CSAT_TOP2 },
  };
  json_object *obj = json_object_new_object();
  CxmComparison c;

  if (cxm_stats_is_suppressed(a) || cxm_stats_is_suppressed(b)) {
    json_object_object_add(obj, "suppressed", json_object_new_boolean(TRUE));
    return obj;
  }
  json_object_object_add(obj, "net_momentum",
                         comparison_value(cxm_stats_compare_net_score(a, b, CXM_NET_MOMENTUM, &c),
                                          &c, SCORE_DECIMALS));
  json_object_object_add(obj, "nps",
                         comparison_value(cxm_stats_compare_net_score(a, b, CXM_NET_NPS, &c), &c,
                                          SCORE_DECIMALS));
  for (gsize i = 0; i < G_N_ELEMENTS(rates); i++)
    json_object_object_add(obj, rates[i].name,
                           comparison_value(cxm_stats_compare_rate(a, b, rates[i].kind, &c), &c,
                                            RATE_DECIMALS));
  return obj;
}

/* One kind of group compared between periods @a and @b. */
static json_object *
compare_groups(const CxmRecorder *recorder, CxmPeriodKind period, const char *a,
               const char *b, CxmGroupKind kind)
{
  json_object *obj = json_object_new_object();
  char **keys = cxm_recorder_get_keys(recorder, kind, NULL);

  for (char **key = keys; *key != NULL; key++) {
    g_autoptr(CxmStats) sa = cxm_recorder_get_period_stats(recorder, period, a, kind, *key, NULL);
    g_autoptr(CxmStats) sb = cxm_recorder_get_period_stats(recorder, period, b, kind, *key, NULL);
    json_object_object_add(obj, *key, compare_group(sa, sb));
  }
  g_strfreev(keys);
  return obj;
}

static json_object *
comparison_json(const CxmRecorder *recorder, unsigned int flags, CxmPeriodKind period,
                const char *a, const char *b)
{
  json_object *obj = json_object_new_object();
  g_autoptr(CxmStats) ta = cxm_recorder_get_period_stats(recorder, period, a,
                                                         CXM_GROUP_TOTALS, NULL, NULL);
  g_autoptr(CxmStats) tb = cxm_recorder_get_period_stats(recorder, period, b,
                                                         CXM_GROUP_TOTALS, NULL, NULL);

  json_object_object_add(obj, "period", json_object_new_string(cxm_period_kind_name(period)));
  json_object_object_add(obj, "a", json_object_new_string(a));
  json_object_object_add(obj, "b", json_object_new_string(b));
  json_object_object_add(obj, "totals", compare_group(ta, tb));
  json_object_object_add(obj, "levels", compare_groups(recorder, period, a, b, CXM_GROUP_LEVEL));
  if (flags & CXM_REPORT_TEAMS)
    json_object_object_add(obj, "teams", compare_groups(recorder, period, a, b, CXM_GROUP_TEAM));
  if (flags & CXM_REPORT_CHANNELS)
    json_object_object_add(obj, "channels",
                           compare_groups(recorder, period, a, b, CXM_GROUP_CHANNEL));
  return obj;
}

/* The one period kind in @flags, or CXM_UNSET with an error. */
static int
compared_period_kind(unsigned int flags, const char *a, const char *b, GError **error)
{
  int kind = CXM_UNSET;

  for (int k = 0; k < CXM_PERIOD_KIND_COUNT; k++) {
    if (!(flags & period_flags[k]))
      continue;
    if (kind != CXM_UNSET) {
      kind = CXM_UNSET;
      break;
    }
    kind = k;
  }
  if (kind == CXM_UNSET) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "a comparison needs exactly one period kind (day, week or month)");
    return CXM_UNSET;
  }
  const char *const names[] = { a, b };
  for (int i = 0; i < 2; i++)
    if (!cxm_period_day_range(names[i], kind, NULL, NULL)) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT, "\"%s\" is not a %s period",
                  names[i], cxm_period_kind_name(kind));
      return CXM_UNSET;
    }
  return kind;
}

char *
cxm_report_to_json_full(const CxmRecorder *recorder, const CxmImportResult *input,
                        unsigned int flags, const char *compare_a,
                        const char *compare_b, GError **error)
{
  g_auto(GStrv) people = NULL;
  const CxmPolicy *policy;
  json_object *root, *obj;
  int compared = CXM_UNSET;

  cxm_return_val_if_null(recorder, error, NULL);
  if ((compare_a == NULL) != (compare_b == NULL)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "a comparison needs two periods");
    return NULL;
  }
  if (compare_a != NULL &&
      (compared = compared_period_kind(flags, compare_a, compare_b, error)) == CXM_UNSET)
    return NULL;
  if ((flags & CXM_REPORT_SCOPES) &&
      (people = cxm_recorder_get_scopes(recorder, error)) == NULL)
    return NULL;

  /* One state for the whole report, while other threads may record. */
  cxm_recorder_lock(recorder);
  policy = cxm_recorder_get_policy(recorder);
  root = json_object_new_object();
  json_object_object_add(root, "cxm_report", json_object_new_int(1));
  obj = json_object_new_object();
  json_object_object_add(obj, "name", json_object_new_string(cxm_policy_get_name(policy)));
  json_object_object_add(obj, "fingerprint",
                         json_object_new_string(cxm_policy_get_fingerprint(policy)));
  json_object_object_add(root, "policy", obj);
  json_object_object_add(root, "input", input_json(recorder, input));
  json_object_object_add(root, "leadership", leadership_json(recorder));
  add_groups(root, recorder, flags);
  if (flags & (CXM_REPORT_DAYS | CXM_REPORT_WEEKS | CXM_REPORT_MONTHS))
    json_object_object_add(root, "periods", periods_json(recorder, flags));
  if (people != NULL)
    json_object_object_add(root, "scopes", scopes_json(recorder, people));
  if (flags & CXM_REPORT_HOTSPOTS)
    json_object_object_add(root, "hotspots", hotspots_json(recorder));
  if (compared != CXM_UNSET)
    json_object_object_add(root, "comparison",
                           comparison_json(recorder, flags, compared, compare_a, compare_b));
  cxm_recorder_unlock(recorder);
  return take_text(root, (flags & CXM_REPORT_PRETTY) != 0);
}

char *
cxm_report_to_json(const CxmRecorder *recorder, const CxmImportResult *input,
                   unsigned int flags, GError **error)
{
  return cxm_report_to_json_full(recorder, input, flags, NULL, NULL, error);
}

char *
cxm_stats_to_json(const CxmStats *stats, gboolean pretty)
{
  g_return_val_if_fail(stats != NULL, NULL);
  return take_text(group_json(stats), pretty);
}
