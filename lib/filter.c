/* SPDX-License-Identifier: MIT */
/* CxmFilter: which records an import keeps (include/cxm/filter.h). */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "import-private.h"
#include "interaction-private.h"
#include "org-private.h"
#include "period-private.h"
#include "policy-private.h"
#include "timestamp.h"

/* A bound: an instant, or a day, compared with a record's day in its
 * time zone (a date means the local day, wherever the reader is). */
typedef struct {
  gboolean given, is_day;
  gint64 value; /* Unix seconds, or a day number */
} Bound;

struct _CxmFilter {
  Bound since, until; /* [since, until) */
  /* Per key: whether values were given; the strings (team, employee) or
   * the enum values as bits (channel, level). */
  gboolean given[CXM_FILTER_KEY_COUNT];
  GHashTable *teams, *employees; /* string sets */
  guint32 channels, levels;
};

CxmFilter *
cxm_filter_new(void)
{
  CxmFilter *filter = g_new0(CxmFilter, 1);
  filter->teams = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  filter->employees = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return filter;
}

void
cxm_filter_free(CxmFilter *filter)
{
  if (filter == NULL)
    return;
  g_hash_table_unref(filter->teams);
  g_hash_table_unref(filter->employees);
  g_free(filter);
}

static void
copy_set(gpointer key, gpointer value, gpointer set)
{
  (void) value;
  g_hash_table_add(set, g_strdup(key));
}

CxmFilter *
cxm_filter_copy(const CxmFilter *filter)
{
  if (filter == NULL)
    return NULL;
  CxmFilter *copy = cxm_filter_new();
  GHashTable *teams = copy->teams, *employees = copy->employees;
  *copy = *filter;
  copy->teams = teams;
  copy->employees = employees;
  g_hash_table_foreach(filter->teams, copy_set, teams);
  g_hash_table_foreach(filter->employees, copy_set, employees);
  return copy;
}

void
cxm_filter_set_since(CxmFilter *filter, gint64 unix_seconds)
{
  g_return_if_fail(filter != NULL);
  filter->since = (Bound){ TRUE, FALSE, unix_seconds };
}

void
cxm_filter_set_until(CxmFilter *filter, gint64 unix_seconds)
{
  g_return_if_fail(filter != NULL);
  filter->until = (Bound){ TRUE, FALSE, unix_seconds };
}

gboolean
cxm_filter_set_period(CxmFilter *filter, const char *name, GError **error)
{
  gint64 first, last;

  cxm_return_val_if_null(filter, error, FALSE);
  cxm_return_val_if_null(name, error, FALSE);
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++)
    if (cxm_period_day_range(name, (CxmPeriodKind) kind, &first, &last)) {
      filter->since = (Bound){ TRUE, TRUE, first };
      filter->until = (Bound){ TRUE, TRUE, last + 1 };
      return TRUE;
    }
  g_set_error(error, CXM_ERROR, CXM_ERROR_FORMAT,
              "period must be a day (2026-03-02), a week (2026-W10) or a month "
              "(2026-03), got \"%s\"",
              name);
  return FALSE;
}

/* A date as a day number, or an RFC 3339 instant, into @bound. */
static gboolean
parse_bound(const char *text, Bound *bound, GError **error)
{
  gint64 value;

  if (strlen(text) == 10 && cxm_period_day_range(text, CXM_PERIOD_DAY, &value, NULL)) {
    *bound = (Bound){ TRUE, TRUE, value };
    return TRUE;
  }
  if (cxm_parse_rfc3339(text, strlen(text), &value)) {
    *bound = (Bound){ TRUE, FALSE, value };
    return TRUE;
  }
  g_set_error(error, CXM_ERROR, CXM_ERROR_FORMAT,
              "time must be a date (2026-03-02) or an RFC 3339 instant "
              "(2026-03-02T09:30:00Z), got \"%s\"",
              text);
  return FALSE;
}

gboolean
cxm_filter_parse_time(const char *text, gint64 *unix_seconds, GError **error)
{
  Bound bound;

  cxm_return_val_if_null(text, error, FALSE);
  cxm_return_val_if_null(unix_seconds, error, FALSE);
  if (!parse_bound(text, &bound, error))
    return FALSE;
  *unix_seconds = bound.is_day ? bound.value * 86400 : bound.value;
  return TRUE;
}

gboolean
cxm_filter_set_since_text(CxmFilter *filter, const char *text, GError **error)
{
  cxm_return_val_if_null(filter, error, FALSE);
  cxm_return_val_if_null(text, error, FALSE);
  return parse_bound(text, &filter->since, error);
}

gboolean
cxm_filter_set_until_text(CxmFilter *filter, const char *text, GError **error)
{
  cxm_return_val_if_null(filter, error, FALSE);
  cxm_return_val_if_null(text, error, FALSE);
  return parse_bound(text, &filter->until, error);
}

static const char *const key_names[CXM_FILTER_KEY_COUNT] = { "team", "channel", "level",
                                                             "employee" };

gboolean
cxm_filter_get_days(const CxmFilter *filter, gint64 *first, gint64 *last, GError **error)
{
  const Bound *bounds[2] = { &filter->since, &filter->until };

  /* A day's sums hold its levels, channels and teams each apart, so no
   * key can pick the records of one team within a channel or a level. */
  for (int key = 0; key < CXM_FILTER_KEY_COUNT; key++)
    if (filter->given[key]) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "sums cannot be filtered by %s: a day's sums keep levels, channels "
                  "and teams apart, not the records of one within another",
                  key_names[key]);
      return FALSE;
    }
  for (int i = 0; i < 2; i++)
    if (bounds[i]->given && !bounds[i]->is_day) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                  "sums are kept per day: %s must be a date (2026-03-02), not an instant",
                  i == 0 ? "since" : "until");
      return FALSE;
    }
  *first = filter->since.given ? filter->since.value : G_MININT64;
  *last = filter->until.given ? filter->until.value - 1 : G_MAXINT64;
  return TRUE;
}

gboolean
cxm_filter_add(CxmFilter *filter, CxmFilterKey key, const char *value, GError **error)
{
  int v;

  cxm_return_val_if_null(filter, error, FALSE);
  cxm_return_val_if_null(value, error, FALSE);
  if (*value == '\0') {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "%s: value must not be empty", G_STRFUNC);
    return FALSE;
  }
  switch (key) {
  case CXM_FILTER_TEAM:
    g_hash_table_add(filter->teams, g_strdup(value));
    break;
  case CXM_FILTER_EMPLOYEE:
    g_hash_table_add(filter->employees, g_strdup(value));
    break;
  case CXM_FILTER_CHANNEL:
    if ((v = cxm_channel_from_name(value)) < 0) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_ENUM,
                  "channel must be a channel name (phone, email, ...), got \"%s\"",
                  value);
      return FALSE;
    }
    filter->channels |= 1u << v;
    break;
  case CXM_FILTER_LEVEL:
    if ((v = cxm_level_from_name(value)) < 0) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_ENUM,
                  "level must be a level name (frontline, manager, ...), got \"%s\"",
                  value);
      return FALSE;
    }
    filter->levels |= 1u << v;
    break;
  default:
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT, "%s: no filter key %d",
                G_STRFUNC, (int) key);
    return FALSE;
  }
  filter->given[key] = TRUE;
  return TRUE;
}

/* Whether @ts, of a record counting under @team, is at or after @bound:
 * an instant, or a day in the zone @policy gives the team. */
static gboolean
after(const Bound *bound, const CxmPolicy *policy, const char *team, gint64 ts)
{
  return bound->is_day ? cxm_policy_day_number(policy, team, ts) >= bound->value
                       : ts >= bound->value;
}

/* The one test: @channel is CXM_UNSET for a leadership event, @team and
 * @employee NULL when absent, @level already resolved; days are read in
 * @policy's zones. */
static gboolean
passes(const CxmFilter *f, const CxmPolicy *policy, gint64 ts, int channel, int level,
       const char *team, const char *employee)
{
  if (f->since.given && !after(&f->since, policy, team, ts))
    return FALSE;
  if (f->until.given && after(&f->until, policy, team, ts))
    return FALSE;
  if (f->given[CXM_FILTER_CHANNEL] && (channel < 0 || !(f->channels & (1u << channel))))
    return FALSE;
  if (f->given[CXM_FILTER_LEVEL] && (level < 0 || !(f->levels & (1u << level))))
    return FALSE;
  if (f->given[CXM_FILTER_TEAM] &&
      (team == NULL || !g_hash_table_contains(f->teams, team)))
    return FALSE;
  if (f->given[CXM_FILTER_EMPLOYEE] &&
      (employee == NULL || !g_hash_table_contains(f->employees, employee)))
    return FALSE;
  return TRUE;
}

gboolean
cxm_filter_matches(const CxmFilter *filter, const CxmInteraction *it)
{
  g_return_val_if_fail(filter != NULL, FALSE);
  g_return_val_if_fail(it != NULL, FALSE);
  return passes(filter, cxm_policy_default(), it->ts, it->channel,
                it->level == CXM_UNSET ? CXM_LEVEL_UNASSIGNED : it->level,
                it->team_len ? it->team : NULL, it->employee_len ? it->employee : NULL);
}

gboolean
cxm_filter_matches_record(const CxmFilter *filter, const CxmRecord *record,
                          const CxmOrg *org, const CxmPolicy *policy)
{
  const CxmInteraction *it = record->it;
  const gboolean leadership = record->kind == CXM_RECORD_LEADERSHIP;
  const char *employee = leadership ? (record->actor[0] ? record->actor : NULL)
                                    : (it->employee_len ? it->employee : NULL);
  int level;
  const char *team;

  /* the team and level the recorder will count it under */
  cxm_org_resolve(org, it, employee, &level, &team);
  return passes(filter, policy, it->ts, leadership ? CXM_UNSET : it->channel, level, team,
                employee);
}
