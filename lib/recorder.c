/* The recorder: per-group sums of accepted interactions, overall and per
 * UTC day, and the org roll-up (scopes) derived from per-employee sums. */
#include "cxm-private.h"

#include <string.h>

/* One set of groups. The recorder has one for all time and one per UTC day;
 * days keep no employees (scopes and employees are not per period). There
 * are no totals: every record is in exactly one level, so the totals are
 * the sum of the levels. */
typedef struct {
  CxmAgg levels[CXM_LEVEL_COUNT];
  CxmAgg channels[CXM_CHANNEL_COUNT];
  /* All time: owned name -> owned CxmAgg. A day: the name as owned by the
   * recorder's all-time table (compared by address) -> owned CxmAgg, so a
   * record's team is hashed as a string once. */
  GHashTable *teams;
  GHashTable *employees;  /* all time only: owned name -> owned CxmAgg */
} Groups;

struct _CxmRecorder {
  CxmPolicy *policy;
  CxmOrg *org;
  Groups all;
  GHashTable *days;       /* owned gint64 day number -> owned Groups */
  gint64 last_day;        /* cache: records tend to come in time order */
  Groups *last_day_groups;
  guint64 leadership[CXM_LEADERSHIP_COUNT];
};

static GHashTable *
agg_table_new(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static void
groups_init(Groups *g, gboolean all_time)
{
  memset(g, 0, sizeof *g);
  g->teams = all_time ? agg_table_new()
                      : g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  g->employees = all_time ? agg_table_new() : NULL;
}

static void
groups_clear(Groups *g)
{
  g_clear_pointer(&g->teams, g_hash_table_destroy);
  g_clear_pointer(&g->employees, g_hash_table_destroy);
}

static void
groups_free(gpointer g)
{
  groups_clear(g);
  g_free(g);
}

/* The sums under @key in @table, created empty if needed. In an all-time
 * table @key is copied; in a day's table it must be the all-time name. */
static CxmAgg *
agg_for(GHashTable *table, const char *key, gboolean copy_key)
{
  CxmAgg *agg = g_hash_table_lookup(table, key);
  if (agg == NULL) {
    agg = g_new0(CxmAgg, 1);
    g_hash_table_insert(table, copy_key ? g_strdup(key) : (gpointer) key, agg);
  }
  return agg;
}

/* The all-time team sums and the team name they own, created if needed. */
static CxmAgg *
team_for(CxmRecorder *rec, const char *team, const char **owned_name)
{
  gpointer key, agg;

  if (g_hash_table_lookup_extended(rec->all.teams, team, &key, &agg)) {
    *owned_name = key;
    return agg;
  }
  agg = agg_for(rec->all.teams, team, TRUE);
  g_hash_table_lookup_extended(rec->all.teams, team, &key, NULL);
  *owned_name = key;
  return agg;
}

static void
merge_table(GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, agg;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &agg))
    cxm_agg_merge(agg_for(dest, key, TRUE), agg);
}

/* Adds @src (all-time or a day) into the all-time groups @dest. */
static void
groups_merge(Groups *dest, const Groups *src)
{
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(&dest->levels[i], &src->levels[i]);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&dest->channels[i], &src->channels[i]);
  merge_table(dest->teams, src->teams);
  if (src->employees != NULL)
    merge_table(dest->employees, src->employees);
}

static void
totals_of(const Groups *g, CxmAgg *totals)
{
  memset(totals, 0, sizeof *totals);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(totals, &g->levels[i]);
}

static guint64
n_of(const Groups *g)
{
  guint64 n = 0;
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    n += cxm_agg_n(&g->levels[i]);
  return n;
}

CxmRecorder *
cxm_recorder_new(const CxmPolicy *policy)
{
  CxmRecorder *rec = g_new0(CxmRecorder, 1);
  rec->policy = cxm_policy_copy(policy ? policy : cxm_policy_default());
  groups_init(&rec->all, TRUE);
  rec->days = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, groups_free);
  return rec;
}

void
cxm_recorder_free(CxmRecorder *rec)
{
  if (rec == NULL)
    return;
  cxm_policy_free(rec->policy);
  cxm_org_unref(rec->org);
  groups_clear(&rec->all);
  g_hash_table_destroy(rec->days);
  g_free(rec);
}

const CxmPolicy *
cxm_recorder_get_policy(const CxmRecorder *rec)
{
  g_return_val_if_fail(rec != NULL, NULL);
  return rec->policy;
}

gboolean
cxm_recorder_set_org(CxmRecorder *rec, CxmOrg *org, GError **error)
{
  cxm_return_val_if_null(rec, error, FALSE);
  if (n_of(&rec->all) > 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "an org must be set before the first record");
    return FALSE;
  }
  if (org != NULL)
    cxm_org_ref(org);
  cxm_org_unref(rec->org);
  rec->org = org;
  return TRUE;
}

CxmOrg *
cxm_recorder_get_org(const CxmRecorder *rec)
{
  g_return_val_if_fail(rec != NULL, NULL);
  return rec->org;
}

static Groups *
day_groups(CxmRecorder *rec, gint64 day)
{
  Groups *g;

  if (rec->last_day_groups != NULL && rec->last_day == day)
    return rec->last_day_groups;
  g = g_hash_table_lookup(rec->days, &day);
  if (g == NULL) {
    g = g_new(Groups, 1);
    groups_init(g, FALSE);
    g_hash_table_insert(rec->days, g_memdup2(&day, sizeof day), g);
  }
  rec->last_day = day;
  rec->last_day_groups = g;
  return g;
}

gboolean
cxm_recorder_record(CxmRecorder *rec, const CxmInteraction *it,
                    CxmClass *klass, CxmReason *reason, GError **error)
{
  const char *missing, *team, *employee, *team_name = NULL;
  CxmAggDelta delta;
  CxmClass c;
  CxmReason r;
  int level;
  Groups *day;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(it, error, FALSE);
  missing = cxm_interaction_missing_key(it);
  if (missing != NULL) {
    cxm_set_record_error(error, CXM_ERROR_MISSING, missing, "is required");
    return FALSE;
  }

  c = cxm_classify_fast(rec->policy, it, &r);
  level = it->level;
  team = it->team_len ? it->team : NULL;
  employee = it->employee_len ? it->employee : NULL;
  if (rec->org != NULL && employee != NULL) {
    if (level == CXM_UNSET)
      level = cxm_org_get_level(rec->org, employee);
    if (team == NULL)
      team = cxm_org_get_team(rec->org, employee);
  }
  if (level == CXM_UNSET)
    level = CXM_LEVEL_UNASSIGNED;

  cxm_agg_delta(&delta, it, c, r);
  day = day_groups(rec, cxm_day_number(it->ts));
  cxm_agg_apply(&rec->all.levels[level], &delta);
  cxm_agg_apply(&day->levels[level], &delta);
  cxm_agg_apply(&rec->all.channels[it->channel], &delta);
  cxm_agg_apply(&day->channels[it->channel], &delta);
  if (team != NULL) {
    cxm_agg_apply(team_for(rec, team, &team_name), &delta);
    cxm_agg_apply(agg_for(day->teams, team_name, FALSE), &delta);
  }
  if (employee != NULL)
    cxm_agg_apply(agg_for(rec->all.employees, employee, TRUE), &delta);
  if (klass)
    *klass = c;
  if (reason)
    *reason = r;
  return TRUE;
}

void
cxm_recorder_add_leadership(CxmRecorder *rec, CxmLeadershipType type)
{
  rec->leadership[type]++;
}

guint64
cxm_recorder_get_n(const CxmRecorder *rec)
{
  g_return_val_if_fail(rec != NULL, 0);
  return n_of(&rec->all);
}

guint64
cxm_recorder_get_leadership_count(const CxmRecorder *rec, int type)
{
  guint64 sum = 0;

  g_return_val_if_fail(rec != NULL, 0);
  g_return_val_if_fail(type == CXM_UNSET || (type >= 0 && type < CXM_LEADERSHIP_COUNT), 0);
  if (type != CXM_UNSET)
    return rec->leadership[type];
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    sum += rec->leadership[i];
  return sum;
}

/* Adds another recorder's day into one of @rec's: same as groups_merge()
 * but for the team keys, which must be @rec's own all-time names (all-time
 * groups are merged first, so they exist). */
static void
merge_day(CxmRecorder *rec, Groups *dest, const Groups *src)
{
  GHashTableIter iter;
  gpointer key, agg;

  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(&dest->levels[i], &src->levels[i]);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&dest->channels[i], &src->channels[i]);
  g_hash_table_iter_init(&iter, src->teams);
  while (g_hash_table_iter_next(&iter, &key, &agg)) {
    const char *name;
    team_for(rec, key, &name);
    cxm_agg_merge(agg_for(dest->teams, name, FALSE), agg);
  }
}

gboolean
cxm_recorder_merge(CxmRecorder *dest, const CxmRecorder *src, GError **error)
{
  GHashTableIter iter;
  gpointer day, groups;

  cxm_return_val_if_null(dest, error, FALSE);
  cxm_return_val_if_null(src, error, FALSE);
  if (dest == src) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "cannot merge a recorder into itself");
    return FALSE;
  }
  if (strcmp(dest->policy->fingerprint, src->policy->fingerprint) != 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY_MISMATCH,
                "cannot merge aggregates built under different policies "
                "(fingerprints %s and %s)",
                dest->policy->fingerprint, src->policy->fingerprint);
    return FALSE;
  }
  groups_merge(&dest->all, &src->all);
  g_hash_table_iter_init(&iter, src->days);
  while (g_hash_table_iter_next(&iter, &day, &groups))
    merge_day(dest, day_groups(dest, *(gint64 *) day), groups);
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    dest->leadership[i] += src->leadership[i];
  return TRUE;
}

/* ---- reading groups ------------------------------------------------------ */

static const char *const group_kind_names[] = {
  "totals", "level", "team", "employee", "channel"
};

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
  int index;

  switch (kind) {
  case CXM_GROUP_TOTALS:
    totals_of(g, out);
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
    break;
  case CXM_GROUP_EMPLOYEE:
    agg = g->employees ? g_hash_table_lookup(g->employees, key) : NULL;
    break;
  default:
    break;
  }
  if (agg == NULL)
    return FALSE;
  *out = *agg;
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
cxm_recorder_get_stats(const CxmRecorder *rec, CxmGroupKind kind,
                       const char *key, GError **error)
{
  CxmAgg agg;

  if (!check_group_args(rec, kind, key, error))
    return NULL;
  if (!lookup(&rec->all, kind, key, &agg)) {
    set_not_found(error, kind, key);
    return NULL;
  }
  return cxm_stats_new(&agg, rec->policy);
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

static void
add_table_keys(GPtrArray *keys, GHashTable *table)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    g_ptr_array_add(keys, g_strdup(key));
}

char **
cxm_recorder_get_keys(const CxmRecorder *rec, CxmGroupKind kind, GError **error)
{
  GPtrArray *keys;

  cxm_return_val_if_null(rec, error, NULL);
  if (!check_kind(kind, error))
    return NULL;
  keys = g_ptr_array_new();
  switch (kind) {
  case CXM_GROUP_LEVEL:
    for (int i = 0; i < CXM_LEVEL_COUNT; i++)
      if (i != CXM_LEVEL_UNASSIGNED || cxm_agg_n(&rec->all.levels[i]) > 0)
        g_ptr_array_add(keys, g_strdup(cxm_level_names[i]));
    return finish_keys(keys, FALSE);
  case CXM_GROUP_CHANNEL:
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      g_ptr_array_add(keys, g_strdup(cxm_channel_names[i]));
    return finish_keys(keys, FALSE);
  case CXM_GROUP_TEAM:
    add_table_keys(keys, rec->all.teams);
    return finish_keys(keys, TRUE);
  case CXM_GROUP_EMPLOYEE:
    add_table_keys(keys, rec->all.employees);
    return finish_keys(keys, TRUE);
  default:
    return finish_keys(keys, FALSE);
  }
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

char **
cxm_recorder_get_periods(const CxmRecorder *rec, CxmPeriodKind kind, GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *names;
  GHashTableIter iter;
  gpointer day;

  cxm_return_val_if_null(rec, error, NULL);
  if (!check_period_kind(kind, error))
    return NULL;
  names = g_ptr_array_new();
  g_hash_table_iter_init(&iter, rec->days);
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

GHashTable *
cxm_recorder_period_views(const CxmRecorder *rec, CxmPeriodKind kind)
{
  GHashTable *views = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) cxm_recorder_free);
  GHashTableIter iter;
  gpointer day, groups;

  g_hash_table_iter_init(&iter, rec->days);
  while (g_hash_table_iter_next(&iter, &day, &groups)) {
    char name[16];
    CxmRecorder *view;

    cxm_period_key_of_day(*(gint64 *) day, kind, name);
    view = g_hash_table_lookup(views, name);
    if (view == NULL) {
      view = cxm_recorder_new(rec->policy);
      g_hash_table_insert(views, g_strdup(name), view);
    }
    groups_merge(&view->all, groups); /* a period is the sum of its days */
  }
  return views;
}

CxmStats *
cxm_recorder_get_period_stats(const CxmRecorder *rec, CxmPeriodKind period_kind,
                              const char *period, CxmGroupKind kind,
                              const char *key, GError **error)
{
  CxmAgg sum = { 0 }, agg;
  gint64 first, last;
  const char *team_name = NULL;

  if (!check_group_args(rec, kind, key, error) ||
      !check_period_kind(period_kind, error))
    return NULL;
  cxm_return_val_if_null(period, error, NULL);
  if (kind == CXM_GROUP_EMPLOYEE) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "employees are not kept per period");
    return NULL;
  }
  if (!cxm_period_day_range(period, period_kind, &first, &last)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "\"%s\" is not a %s period", period, cxm_period_kind_name(period_kind));
    return NULL;
  }
  if ((kind == CXM_GROUP_LEVEL && cxm_level_from_name(key) == CXM_UNSET) ||
      (kind == CXM_GROUP_CHANNEL && cxm_channel_from_name(key) == CXM_UNSET)) {
    set_not_found(error, kind, key);
    return NULL;
  }
  /* A day's teams are keyed by the all-time table's own name. */
  if (kind == CXM_GROUP_TEAM &&
      !g_hash_table_lookup_extended(rec->all.teams, key, (gpointer *) &team_name, NULL))
    return cxm_stats_new(&sum, rec->policy); /* a team never seen: zeros */
  /* The period is the sum of its days (at most 31 lookups). */
  for (gint64 day = first; day <= last; day++) {
    const Groups *g = g_hash_table_lookup(rec->days, &day);
    if (g != NULL && lookup(g, kind, team_name ? team_name : key, &agg))
      cxm_agg_merge(&sum, &agg);
  }
  return cxm_stats_new(&sum, rec->policy);
}

/* ---- scopes ---------------------------------------------------------------- */

static gboolean
check_org(const CxmRecorder *rec, GError **error)
{
  if (rec->org == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "scopes need an org (cxm_recorder_set_org())");
    return FALSE;
  }
  return TRUE;
}

/* The interactions of employees that the org does not know. */
static void
sum_unknown(const CxmRecorder *rec, CxmAgg *sum)
{
  GHashTableIter iter;
  gpointer employee, agg;

  g_hash_table_iter_init(&iter, rec->all.employees);
  while (g_hash_table_iter_next(&iter, &employee, &agg))
    if (!cxm_org_has_person(rec->org, employee))
      cxm_agg_merge(sum, agg);
}

char **
cxm_recorder_get_scopes(const CxmRecorder *rec, GError **error)
{
  CxmAgg unknown = { 0 };
  char **people;
  GPtrArray *keys;

  cxm_return_val_if_null(rec, error, NULL);
  if (!check_org(rec, error))
    return NULL;
  people = cxm_org_get_people(rec->org);
  keys = g_ptr_array_new();
  for (char **p = people; *p != NULL; p++)
    g_ptr_array_add(keys, *p);
  g_free(people); /* the strings moved to keys */
  sum_unknown(rec, &unknown);
  if (cxm_agg_n(&unknown) > 0)
    g_ptr_array_add(keys, g_strdup(CXM_SCOPE_UNKNOWN_MANAGER));
  return finish_keys(keys, FALSE);
}

GHashTable *
cxm_recorder_scope_sums(const CxmRecorder *rec)
{
  GHashTable *sums = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
  guint n;
  const char *const *order = cxm_org_people_order(rec->org, &n);

  /* Everyone comes after their reports, so one pass adds each finished
   * cumulative scope into the manager's. */
  for (guint i = 0; i < n; i++) {
    CxmAgg *sum = g_hash_table_lookup(sums, order[i]);
    const CxmAgg *own = g_hash_table_lookup(rec->all.employees, order[i]);
    const char *manager = cxm_org_get_manager(rec->org, order[i]);

    if (sum == NULL) {
      sum = g_new0(CxmAgg, 1);
      g_hash_table_insert(sums, (gpointer) order[i], sum);
    }
    if (own != NULL)
      cxm_agg_merge(sum, own);
    if (manager != NULL) {
      CxmAgg *up = g_hash_table_lookup(sums, manager);
      if (up == NULL) {
        up = g_new0(CxmAgg, 1);
        g_hash_table_insert(sums, (gpointer) manager, up); /* owned by the org */
      }
      cxm_agg_merge(up, sum);
    }
  }
  return sums;
}

CxmStats *
cxm_recorder_get_scope_stats(const CxmRecorder *rec, const char *person,
                             gboolean cumulative, GError **error)
{
  CxmAgg sum = { 0 };

  cxm_return_val_if_null(rec, error, NULL);
  cxm_return_val_if_null(person, error, NULL);
  if (!check_org(rec, error))
    return NULL;
  if (strcmp(person, CXM_SCOPE_UNKNOWN_MANAGER) == 0) {
    sum_unknown(rec, &sum);
  } else if (!cxm_org_has_person(rec->org, person)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_FOUND, "no person \"%s\" in the org",
                person);
    return NULL;
  } else if (!cumulative) {
    const CxmAgg *own = g_hash_table_lookup(rec->all.employees, person);
    if (own != NULL)
      sum = *own;
  } else {
    /* The person and everyone below: a walk of their subtree only. */
    GQueue todo = G_QUEUE_INIT;
    char *next;
    g_queue_push_tail(&todo, g_strdup(person));
    while ((next = g_queue_pop_head(&todo)) != NULL) {
      const CxmAgg *own = g_hash_table_lookup(rec->all.employees, next);
      char **reports = cxm_org_get_reports(rec->org, next);
      if (own != NULL)
        cxm_agg_merge(&sum, own);
      for (char **r = reports; *r != NULL; r++)
        g_queue_push_tail(&todo, *r); /* the queue takes the string */
      g_free(reports);
      g_free(next);
    }
  }
  return cxm_stats_new(&sum, rec->policy);
}
