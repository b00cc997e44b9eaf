/* SPDX-License-Identifier: MIT */
/* Reading a recorder: the stats of one group, all time or within a period,
 * and the keys and periods there are. */
#include "config.h"

#include <string.h>

#include "enums-private.h"
#include "error-private.h"
#include "import-private.h"
#include "leadership.h"
#include "period-private.h"
#include "recorder-private.h"
#include "stats-private.h"

/* ---- reading groups ------------------------------------------------------ */

static const char *const group_kind_names[] = { "totals", "level", "team", "employee",
                                                "channel" };

static gboolean
check_kind(CxmGroupKind kind, GError **error)
{
  if ((int) kind < 0 || kind >= CXM_GROUP_KIND_COUNT) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "group kind %d is out of range", (int) kind);
    return FALSE;
  }
  return TRUE;
}

/* Copies the group's sums in @g to @out; FALSE when the team, employee
 * or name is unknown. */
static gboolean
lookup(const Groups *g, CxmGroupKind kind, const char *key, CxmAgg *out)
{
  const CxmAgg *agg = NULL;
  gboolean known = FALSE;
  int index;

  switch (kind) {
  case CXM_GROUP_TOTALS:
    cxm_groups_totals(g, out);
    return TRUE;
  case CXM_GROUP_LEVEL:
    index = cxm_level_from_name(key);
    agg = index == CXM_UNSET ? NULL : &g->levels[index];
    break;
  case CXM_GROUP_CHANNEL:
    index = cxm_channel_from_name(key);
    agg = index == CXM_UNSET ? NULL : &g->channels[index];
    break;
  case CXM_GROUP_TEAM:
    agg = g_hash_table_lookup(g->teams, key);
    known = g_hash_table_contains(g->lead_teams, key);
    break;
  case CXM_GROUP_EMPLOYEE:
    agg = g->employees ? g_hash_table_lookup(g->employees, key) : NULL;
    known = g->employees && (g_hash_table_contains(g->lead_actors, key) ||
                             g_hash_table_contains(g->lead_subjects, key));
    break;
  default:
    break;
  }
  /* A team or person known from leadership events alone has no
   * interactions. */
  if (agg == NULL && !known)
    return FALSE;
  if (agg != NULL)
    *out = *agg;
  else
    memset(out, 0, sizeof *out);
  return TRUE;
}

static gboolean
check_group_args(const CxmRecorder *rec, CxmGroupKind kind, const char *key,
                 GError **error)
{
  cxm_return_val_if_null(rec, error, FALSE);
  if (!check_kind(kind, error))
    return FALSE;
  if (kind != CXM_GROUP_TOTALS)
    cxm_return_val_if_null(key, error, FALSE);
  return TRUE;
}

static void
set_not_found(GError **error, CxmGroupKind kind, const char *key)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_FOUND, "no %s group \"%s\"",
              group_kind_names[kind], key);
}

CxmStats *
cxm_recorder_stats_unlocked(const CxmRecorder *rec, CxmGroupKind kind, const char *key,
                            GHashTable *cadence)
{
  CxmAgg agg;
  CxmLeadSums lead;

  if (!lookup(&rec->main.all, kind, key, &agg))
    return NULL;
  cxm_lead_sums(rec, kind, key, cadence, &lead);
  return cxm_stats_new(&agg, &lead, rec->policy);
}

CxmStats *
cxm_recorder_get_stats(const CxmRecorder *rec, CxmGroupKind kind, const char *key,
                       GError **error)
{
  CxmStats *stats;

  if (!check_group_args(rec, kind, key, error))
    return NULL;
  cxm_recorder_lock(rec);
  stats = cxm_recorder_stats_unlocked(rec, kind, key, NULL);
  cxm_recorder_unlock(rec);
  if (stats == NULL)
    set_not_found(error, kind, key);
  return stats;
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* @keys (a GPtrArray of owned strings) sorted and NULL-terminated. */
static char **
finish_keys(GPtrArray *keys, gboolean sort)
{
  if (sort)
    g_ptr_array_sort(keys, compare_strings);
  g_ptr_array_add(keys, NULL);
  return (char **) g_ptr_array_free(keys, FALSE);
}

/* The keys of @table that neither @seen nor @also_seen (nullable) has. */
static void
add_table_keys(GPtrArray *keys, GHashTable *table, GHashTable *seen,
               GHashTable *also_seen)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    if ((seen == NULL || !g_hash_table_contains(seen, key)) &&
        (also_seen == NULL || !g_hash_table_contains(also_seen, key)))
      g_ptr_array_add(keys, g_strdup(key));
}

static char **
get_keys_unlocked(const CxmRecorder *rec, CxmGroupKind kind, GError **error)
{
  GPtrArray *keys;

  cxm_return_val_if_null(rec, error, NULL);
  if (!check_kind(kind, error))
    return NULL;
  keys = g_ptr_array_new();
  switch (kind) {
  case CXM_GROUP_LEVEL:
    for (int i = 0; i < CXM_LEVEL_COUNT; i++)
      if (i != CXM_LEVEL_UNASSIGNED || cxm_agg_n(&rec->main.all.levels[i]) > 0 ||
          cxm_lead_total(&rec->main.all.lead_levels[i]) > 0)
        g_ptr_array_add(keys, g_strdup(cxm_level_names[i]));
    return finish_keys(keys, FALSE);
  case CXM_GROUP_CHANNEL:
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      g_ptr_array_add(keys, g_strdup(cxm_channel_names[i]));
    return finish_keys(keys, FALSE);
  case CXM_GROUP_TEAM:
    add_table_keys(keys, rec->main.all.teams, NULL, NULL);
    add_table_keys(keys, rec->main.all.lead_teams, rec->main.all.teams, NULL);
    return finish_keys(keys, TRUE);
  case CXM_GROUP_EMPLOYEE:
    add_table_keys(keys, rec->main.all.employees, NULL, NULL);
    add_table_keys(keys, rec->main.all.lead_actors, rec->main.all.employees, NULL);
    add_table_keys(keys, rec->main.all.lead_subjects, rec->main.all.employees,
                   rec->main.all.lead_actors);
    return finish_keys(keys, TRUE);
  default:
    return finish_keys(keys, FALSE);
  }
}

char **
cxm_recorder_get_keys(const CxmRecorder *rec, CxmGroupKind kind, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_recorder_lock(rec);
  result = get_keys_unlocked(rec, kind, error);
  cxm_recorder_unlock(rec);
  return result;
}

/* ---- periods --------------------------------------------------------------- */

static gboolean
check_period_kind(CxmPeriodKind kind, GError **error)
{
  if ((int) kind < 0 || kind >= CXM_PERIOD_KIND_COUNT) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "period kind %d is out of range", (int) kind);
    return FALSE;
  }
  return TRUE;
}

static char **
get_periods_unlocked(const CxmRecorder *rec, CxmPeriodKind kind, GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *names;
  GHashTableIter iter;
  gpointer day;

  cxm_return_val_if_null(rec, error, NULL);
  if (!check_period_kind(kind, error))
    return NULL;
  names = g_ptr_array_new();
  g_hash_table_iter_init(&iter, rec->main.days);
  while (g_hash_table_iter_next(&iter, &day, NULL)) {
    char name[16];
    cxm_period_key_of_day(*(gint64 *) day, kind, name);
    if (!g_hash_table_contains(seen, name)) {
      char *copy = g_strdup(name);
      g_hash_table_add(seen, copy);
      g_ptr_array_add(names, copy);
    }
  }
  return finish_keys(names, TRUE); /* names sort in time order */
}

char **
cxm_recorder_get_periods(const CxmRecorder *rec, CxmPeriodKind kind, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_recorder_lock(rec);
  result = get_periods_unlocked(rec, kind, error);
  cxm_recorder_unlock(rec);
  return result;
}

static int
compare_days(gconstpointer a, gconstpointer b)
{
  const gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* A new recorder holding the sums of @rec's days @first to @last, read as
 * a period of @kind; the caller holds the lock. */
static CxmRecorder *
days_view(const CxmRecorder *rec, gint64 first, gint64 last, CxmPeriodKind kind)
{
  CxmRecorder *view = cxm_recorder_new_private(rec->policy);
  GArray *days = g_array_new(FALSE, FALSE, sizeof(gint64));

  view->max_groups = 0; /* a view never has more groups than @rec */
  view->view_period = kind;
  /* A month is at most 31 lookups; a longer run reads the days there are,
   * in time order so that the sums add up in the same order each time. */
  if ((guint64) last - (guint64) first < g_hash_table_size(rec->main.days)) {
    for (gint64 day = first; day <= last; day++)
      if (g_hash_table_contains(rec->main.days, &day))
        g_array_append_val(days, day);
  } else {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init(&iter, rec->main.days);
    while (g_hash_table_iter_next(&iter, &key, NULL))
      if (*(gint64 *) key >= first && *(gint64 *) key <= last)
        g_array_append_val(days, *(gint64 *) key);
    g_array_sort(days, compare_days);
  }
  /* The days are kept for the cadence of the view's team-weeks. */
  for (guint i = 0; i < days->len; i++) {
    const gint64 day = g_array_index(days, gint64, i);
    const Groups *g = g_hash_table_lookup(rec->main.days, &day);
    cxm_recorder_merge_groups(view, g);
    cxm_recorder_merge_day(view, cxm_recorder_day_groups(view, day), g);
  }
  g_array_free(days, TRUE);
  return view;
}

CxmRecorder *
cxm_recorder_period_view(const CxmRecorder *rec, CxmPeriodKind kind, const char *name)
{
  gint64 first, last;

  if (!cxm_period_day_range(name, kind, &first, &last)) {
    first = 1;
    last = 0; /* no day */
  }
  return days_view(rec, first, last, kind);
}

CxmRecorder *
cxm_recorder_new_filtered(const CxmRecorder *rec, const CxmFilter *filter, GError **error)
{
  CxmRecorder *view;
  gint64 first, last;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_return_val_if_null(filter, error, NULL);
  if (!cxm_filter_get_days(filter, &first, &last, error))
    return NULL;
  /* Whole weeks when each bound given is a Monday: then the team-weeks
   * are whole too, as a week's view keeps them. */
  const gboolean weeks = (first == G_MININT64 || cxm_week_monday(first) == first) &&
                         (last == G_MAXINT64 || cxm_week_monday(last + 1) == last + 1);
  cxm_recorder_lock(rec);
  view = days_view(rec, first, last, weeks ? CXM_PERIOD_WEEK : CXM_PERIOD_DAY);
  cxm_recorder_unlock(rec);
  return view;
}

static CxmStats *
get_period_stats_unlocked(const CxmRecorder *rec, CxmPeriodKind period_kind,
                          const char *period, CxmGroupKind kind, const char *key,
                          GError **error)
{
  g_autoptr(CxmRecorder) view = NULL;
  CxmStats *stats;

  if (!check_group_args(rec, kind, key, error) || !check_period_kind(period_kind, error))
    return NULL;
  cxm_return_val_if_null(period, error, NULL);
  if (kind == CXM_GROUP_EMPLOYEE) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "employees are not kept per period");
    return NULL;
  }
  if (!cxm_period_day_range(period, period_kind, NULL, NULL)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT, "\"%s\" is not a %s period",
                period, cxm_period_kind_name(period_kind));
    return NULL;
  }
  if ((kind == CXM_GROUP_LEVEL && cxm_level_from_name(key) == CXM_UNSET) ||
      (kind == CXM_GROUP_CHANNEL && cxm_channel_from_name(key) == CXM_UNSET)) {
    set_not_found(error, kind, key);
    return NULL;
  }
  view = cxm_recorder_period_view(rec, period_kind, period);
  stats = cxm_recorder_stats_unlocked(view, kind, key, NULL);
  if (stats == NULL) { /* a team without records in the period: zeros */
    const CxmAgg none = { 0 };
    CxmLeadSums lead;
    cxm_lead_sums(view, kind, key, NULL, &lead);
    stats = cxm_stats_new(&none, &lead, rec->policy);
  }
  return stats;
}

CxmStats *
cxm_recorder_get_period_stats(const CxmRecorder *rec, CxmPeriodKind period_kind,
                              const char *period, CxmGroupKind kind, const char *key,
                              GError **error)
{
  CxmStats *result;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_recorder_lock(rec);
  result = get_period_stats_unlocked(rec, period_kind, period, kind, key, error);
  cxm_recorder_unlock(rec);
  return result;
}
