/* SPDX-License-Identifier: MIT */
/* Leadership indicators (SPEC section 5a) from a recorder's sums: events
 * of each group, and the cadence of the active team-weeks read from its
 * days. */
#include "config.h"

#include "leadership.h"
#include "period-private.h"
#include "policy-private.h"
#include "recorder-private.h"

void
cxm_lead_merge(CxmLead *dest, const CxmLead *src)
{
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    dest->by_type[i] += src->by_type[i];
}

guint64
cxm_lead_total(const CxmLead *lead)
{
  guint64 n = 0;
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    n += lead->by_type[i];
  return n;
}

void
cxm_lead_add_cadence(CxmLeadSums *sums, const CxmLeadSums *more)
{
  sums->team_weeks += more->team_weeks;
  sums->weekly += more->weekly;
  sums->daily += more->daily;
  sums->met_n += more->met_n;
  sums->met_momentum += more->met_momentum;
  sums->not_met_n += more->not_met_n;
  sums->not_met_momentum += more->not_met_momentum;
}

/* ---- cadence ------------------------------------------------------------- */

/* One team's ISO week: its interactions and the days it held a purpose
 * huddle. Day tables key teams by different all-time names (teams and
 * lead_teams), so the team is compared as a string. */
typedef struct {
  const char *team;
  gint64 monday;
  guint64 n, momentum;
  guint huddle_days;
} TeamWeek;

static guint
team_week_hash(gconstpointer p)
{
  const TeamWeek *w = p;
  return g_str_hash(w->team) * 31u + (guint) w->monday;
}

static gboolean
team_week_equal(gconstpointer a, gconstpointer b)
{
  const TeamWeek *x = a, *y = b;
  return x->monday == y->monday && g_str_equal(x->team, y->team);
}

static TeamWeek *
team_week(GHashTable *weeks, const char *team, gint64 monday)
{
  TeamWeek probe = { .team = team, .monday = monday }, *w;

  w = g_hash_table_lookup(weeks, &probe);
  if (w == NULL) {
    w = g_memdup2(&probe, sizeof probe);
    g_hash_table_add(weeks, w);
  }
  return w;
}

static void
add_day(GHashTable *weeks, const Groups *day, gint64 monday, const char *only)
{
  GHashTableIter iter;
  gpointer team, sums;

  g_hash_table_iter_init(&iter, day->teams);
  while (g_hash_table_iter_next(&iter, &team, &sums)) {
    const CxmAgg *agg = sums;
    TeamWeek *w;
    if (only != NULL && !g_str_equal(team, only))
      continue;
    w = team_week(weeks, team, monday);
    w->n += cxm_agg_n(agg);
    w->momentum += agg->by_class[CXM_CLASS_MOMENTUM];
  }
  g_hash_table_iter_init(&iter, day->lead_teams);
  while (g_hash_table_iter_next(&iter, &team, &sums)) {
    const CxmLead *lead = sums;
    if ((only == NULL || g_str_equal(team, only)) &&
        lead->by_type[CXM_LEADERSHIP_PURPOSE_HUDDLE] > 0)
      team_week(weeks, team, monday)->huddle_days++;
  }
}

GHashTable *
cxm_lead_cadence(const CxmRecorder *rec, const char *only, CxmLeadSums *total)
{
  g_autoptr(GHashTable) weeks =
      g_hash_table_new_full(team_week_hash, team_week_equal, g_free, NULL);
  GHashTable *by_team = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (total != NULL)
    memset(total, 0, sizeof *total);
  g_hash_table_iter_init(&iter, rec->main.days);
  while (g_hash_table_iter_next(&iter, &key, &value))
    add_day(weeks, value, cxm_week_monday(*(gint64 *) key), only);
  g_hash_table_iter_init(&iter, weeks);
  while (g_hash_table_iter_next(&iter, &key, NULL)) {
    const TeamWeek *w = key;
    const gboolean met = w->huddle_days >= (guint) rec->policy->huddle_days_min;
    CxmLeadSums *sums;

    if (w->n == 0) /* huddles alone do not make a team-week active */
      continue;
    sums = g_hash_table_lookup(by_team, w->team);
    if (sums == NULL) {
      sums = g_new0(CxmLeadSums, 1);
      g_hash_table_insert(by_team, (gpointer) w->team, sums);
    }
    sums->team_weeks++;
    sums->weekly += met;
    sums->daily += w->huddle_days >= (guint) rec->policy->huddle_days_target;
    if (met) {
      sums->met_n += w->n;
      sums->met_momentum += w->momentum;
    } else {
      sums->not_met_n += w->n;
      sums->not_met_momentum += w->momentum;
    }
  }
  if (total != NULL) {
    g_hash_table_iter_init(&iter, by_team);
    while (g_hash_table_iter_next(&iter, NULL, &value))
      cxm_lead_add_cadence(total, value);
  }
  return by_team;
}

/* ---- one group ------------------------------------------------------------- */

static void
add_table_lead(CxmLead *dest, GHashTable *table, const char *key)
{
  const CxmLead *lead = table != NULL ? g_hash_table_lookup(table, key) : NULL;
  if (lead != NULL)
    cxm_lead_merge(dest, lead);
}

/* Employees with an interaction, and those of them who were coached. */
static void
count_coverage(const CxmRecorder *rec, CxmLeadSums *sums)
{
  GHashTableIter iter;
  gpointer employee, agg;

  g_hash_table_iter_init(&iter, rec->main.all.employees);
  while (g_hash_table_iter_next(&iter, &employee, &agg)) {
    const CxmLead *received = g_hash_table_lookup(rec->main.all.lead_subjects, employee);
    if (cxm_agg_n(agg) == 0)
      continue;
    sums->employees++;
    sums->coached += received != NULL && received->by_type[CXM_LEADERSHIP_COACHING] > 0;
  }
}

/* What each kind of group has (SPEC section 5a). A period view has no
 * employees, and only a week is made of whole team-weeks. */
static unsigned int
parts_of(const CxmRecorder *rec, CxmGroupKind kind)
{
  const gboolean period = rec->view_period != CXM_UNSET;
  const unsigned int weeks = !period || rec->view_period == CXM_PERIOD_WEEK
                                 ? CXM_LEAD_CADENCE | CXM_LEAD_MOMENTUM
                                 : 0;

  switch (kind) {
  case CXM_GROUP_TOTALS:
    return CXM_LEAD_RECOGNITION | (weeks & CXM_LEAD_CADENCE) |
           (period ? 0 : CXM_LEAD_MOMENTUM | CXM_LEAD_COVERAGE);
  case CXM_GROUP_TEAM:
    return CXM_LEAD_RECOGNITION | weeks;
  case CXM_GROUP_EMPLOYEE:
    return CXM_LEAD_RECEIVED;
  default:
    return 0;
  }
}

void
cxm_lead_sums(const CxmRecorder *rec, CxmGroupKind kind, const char *key,
              GHashTable *cadence, CxmLeadSums *sums)
{
  const Groups *all = &rec->main.all;
  int index;

  memset(sums, 0, sizeof *sums);
  sums->parts = parts_of(rec, kind);
  switch (kind) {
  case CXM_GROUP_TOTALS:
    cxm_groups_lead_totals(all, &sums->events);
    break;
  case CXM_GROUP_LEVEL:
    index = cxm_level_from_name(key);
    if (index != CXM_UNSET)
      sums->events = all->lead_levels[index];
    break;
  case CXM_GROUP_TEAM:
    add_table_lead(&sums->events, all->lead_teams, key);
    break;
  case CXM_GROUP_EMPLOYEE:
    add_table_lead(&sums->events, all->lead_actors, key);
    add_table_lead(&sums->received, all->lead_subjects, key);
    break;
  default: /* channels: no leadership event has one */
    break;
  }
  if (sums->parts & (CXM_LEAD_CADENCE | CXM_LEAD_MOMENTUM)) {
    g_autoptr(GHashTable) made = NULL;
    CxmLeadSums cadence_sums = { 0 };
    if (cadence == NULL)
      cadence = made = cxm_lead_cadence(rec, kind == CXM_GROUP_TEAM ? key : NULL, NULL);
    if (kind == CXM_GROUP_TEAM) {
      const CxmLeadSums *team = g_hash_table_lookup(cadence, key);
      if (team != NULL)
        cadence_sums = *team;
    } else {
      GHashTableIter iter;
      gpointer team;
      g_hash_table_iter_init(&iter, cadence);
      while (g_hash_table_iter_next(&iter, NULL, &team))
        cxm_lead_add_cadence(&cadence_sums, team);
    }
    cxm_lead_add_cadence(sums, &cadence_sums);
  }
  if (sums->parts & CXM_LEAD_COVERAGE)
    count_coverage(rec, sums);
}
