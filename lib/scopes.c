/* Scopes: the org roll-up of per-employee sums, each person with everyone
 * below them. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "org-private.h"
#include "recorder-private.h"
#include "stats-private.h"

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

  g_hash_table_iter_init(&iter, rec->main.all.employees);
  while (g_hash_table_iter_next(&iter, &employee, &agg))
    if (!cxm_org_has_person(rec->org, employee))
      cxm_agg_merge(sum, agg);
}

static char **
get_scopes_unlocked(const CxmRecorder *rec, GError **error)
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
  g_ptr_array_add(keys, NULL);
  return (char **) g_ptr_array_free(keys, FALSE);
}

char **
cxm_recorder_get_scopes(const CxmRecorder *rec, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_recorder_lock(rec);
  result = get_scopes_unlocked(rec, error);
  cxm_recorder_unlock(rec);
  return result;
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
    const CxmAgg *own = g_hash_table_lookup(rec->main.all.employees, order[i]);
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

static CxmStats *
get_scope_stats_unlocked(const CxmRecorder *rec, const char *person, gboolean cumulative,
                         GError **error)
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
    const CxmAgg *own = g_hash_table_lookup(rec->main.all.employees, person);
    if (own != NULL)
      sum = *own;
  } else {
    /* The person and everyone below: a walk of their subtree only. */
    GQueue todo = G_QUEUE_INIT;
    char *next;
    g_queue_push_tail(&todo, g_strdup(person));
    while ((next = g_queue_pop_head(&todo)) != NULL) {
      const CxmAgg *own = g_hash_table_lookup(rec->main.all.employees, next);
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

CxmStats *
cxm_recorder_get_scope_stats(const CxmRecorder *rec, const char *person,
                             gboolean cumulative, GError **error)
{
  CxmStats *result;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_recorder_lock(rec);
  result = get_scope_stats_unlocked(rec, person, cumulative, error);
  cxm_recorder_unlock(rec);
  return result;
}
