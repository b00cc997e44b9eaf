/* The recorder: per-group sums of accepted interactions, overall and per
 * UTC day, and the org roll-up (scopes) derived from per-employee sums. */
#include "cxm-private.h"

#include <string.h>

/* One set of groups. The recorder has one for all time and one per UTC day;
 * days keep no employees (scopes and employees are not per period). */
typedef struct {
  CxmAgg totals;
  CxmAgg levels[CXM_LEVEL_COUNT];
  CxmAgg channels[CXM_CHANNEL_COUNT];
  GHashTable *teams;      /* owned key -> owned CxmAgg */
  GHashTable *employees;  /* idem; NULL in a day */
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
groups_init(Groups *g, gboolean with_employees)
{
  memset(g, 0, sizeof *g);
  g->teams = agg_table_new();
  g->employees = with_employees ? agg_table_new() : NULL;
}

static void
groups_clear(Groups *g)
{
  g_clear_pointer(&g->teams, g_hash_table_destroy);
  g_clear_pointer(&g->employees, g_hash_table_destroy);
}

static Groups *
groups_new(gboolean with_employees)
{
  Groups *g = g_new(Groups, 1);
  groups_init(g, with_employees);
  return g;
}

static void
groups_free(gpointer g)
{
  groups_clear(g);
  g_free(g);
}

static CxmAgg *
agg_for(GHashTable *table, const char *key)
{
  CxmAgg *agg = g_hash_table_lookup(table, key);
  if (agg == NULL) {
    agg = g_new0(CxmAgg, 1);
    g_hash_table_insert(table, g_strdup(key), agg);
  }
  return agg;
}

/* What a record counts as, once the org has filled in level and team. */
typedef struct {
  const CxmInteraction *it;
  CxmClass klass;
  CxmReason reason;
  int level;              /* a CxmLevel, CXM_LEVEL_UNASSIGNED when unknown */
  const char *team;       /* NULL: none */
  const char *employee;   /* NULL: none */
} Entry;

static void
groups_add(Groups *g, const Entry *e)
{
  cxm_agg_add(&g->totals, e->it, e->klass, e->reason);
  cxm_agg_add(&g->levels[e->level], e->it, e->klass, e->reason);
  cxm_agg_add(&g->channels[e->it->channel], e->it, e->klass, e->reason);
  if (e->team != NULL)
    cxm_agg_add(agg_for(g->teams, e->team), e->it, e->klass, e->reason);
  if (e->employee != NULL && g->employees != NULL)
    cxm_agg_add(agg_for(g->employees, e->employee), e->it, e->klass, e->reason);
}

static void
merge_table(GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, agg;

  if (dest == NULL || src == NULL)
    return;
  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &agg))
    cxm_agg_merge(agg_for(dest, key), agg);
}

static void
groups_merge(Groups *dest, const Groups *src)
{
  cxm_agg_merge(&dest->totals, &src->totals);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(&dest->levels[i], &src->levels[i]);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&dest->channels[i], &src->channels[i]);
  merge_table(dest->teams, src->teams);
  merge_table(dest->employees, src->employees);
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
  if (cxm_agg_n(&rec->all.totals) > 0) {
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
    g = groups_new(FALSE);
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
  const char *missing;
  Entry e;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(it, error, FALSE);
  missing = cxm_interaction_missing_key(it);
  if (missing != NULL) {
    cxm_set_record_error(error, CXM_ERROR_MISSING, missing, "is required");
    return FALSE;
  }

  e.it = it;
  e.klass = cxm_classify_fast(rec->policy, it, &e.reason);
  e.level = it->level;
  e.team = it->team_len ? it->team : NULL;
  e.employee = it->employee_len ? it->employee : NULL;
  if (rec->org != NULL && e.employee != NULL) {
    if (e.level == CXM_UNSET)
      e.level = cxm_org_get_level(rec->org, e.employee);
    if (e.team == NULL)
      e.team = cxm_org_get_team(rec->org, e.employee);
  }
  if (e.level == CXM_UNSET)
    e.level = CXM_LEVEL_UNASSIGNED;
  groups_add(&rec->all, &e);
  groups_add(day_groups(rec, cxm_day_number(it->ts)), &e);
  if (klass)
    *klass = e.klass;
  if (reason)
    *reason = e.reason;
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
  return cxm_agg_n(&rec->all.totals);
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
    groups_merge(day_groups(dest, *(gint64 *) day), groups);
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

/* The group's sums in @g, or NULL when the team/employee/name is unknown. */
static const CxmAgg *
lookup(const Groups *g, CxmGroupKind kind, const char *key)
{
  int index;

  switch (kind) {
  case CXM_GROUP_TOTALS:
    return &g->totals;
  case CXM_GROUP_LEVEL:
    index = cxm_level_from_name(key);
    return index == CXM_UNSET ? NULL : &g->levels[index];
  case CXM_GROUP_CHANNEL:
    index = cxm_channel_from_name(key);
    return index == CXM_UNSET ? NULL : &g->channels[index];
  case CXM_GROUP_TEAM:
    return g_hash_table_lookup(g->teams, key);
  case CXM_GROUP_EMPLOYEE:
    return g->employees ? g_hash_table_lookup(g->employees, key) : NULL;
  default:
    return NULL;
  }
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
  const CxmAgg *agg;

  if (!check_group_args(rec, kind, key, error))
    return NULL;
  agg = lookup(&rec->all, kind, key);
  if (agg == NULL) {
    set_not_found(error, kind, key);
    return NULL;
  }
  return cxm_stats_new(agg, rec->policy);
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
  g_autoptr(GHashTable) views = NULL;
  const CxmRecorder *view;
  const CxmAgg *agg;

  if (!check_group_args(rec, kind, key, error) ||
      !check_period_kind(period_kind, error))
    return NULL;
  cxm_return_val_if_null(period, error, NULL);
  if (kind == CXM_GROUP_EMPLOYEE) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "employees are not kept per period");
    return NULL;
  }
  if (!cxm_period_name_is_valid(period, period_kind)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "\"%s\" is not a %s period", period, cxm_period_kind_name(period_kind));
    return NULL;
  }
  views = cxm_recorder_period_views(rec, period_kind);
  view = g_hash_table_lookup(views, period);
  agg = lookup(view ? &view->all : &rec->all, kind, key);
  if (agg == NULL && (kind == CXM_GROUP_LEVEL || kind == CXM_GROUP_CHANNEL)) {
    set_not_found(error, kind, key);
    return NULL;
  }
  /* A period or team without interactions has zeros. */
  if (view == NULL || agg == NULL) {
    CxmAgg zero = { 0 };
    return cxm_stats_new(&zero, rec->policy);
  }
  return cxm_stats_new(agg, rec->policy);
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
    g_autoptr(GHashTable) sums = cxm_recorder_scope_sums(rec);
    sum = *(const CxmAgg *) g_hash_table_lookup(sums, person);
  }
  return cxm_stats_new(&sum, rec->policy);
}
