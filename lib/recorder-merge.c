/* Merging recorders: sums add up, so a merge is exact whatever the order. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "limits.h"
#include "policy-private.h"
#include "recorder-private.h"

static void
merge_table(CxmRecorder *rec, GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, agg;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &agg))
    cxm_agg_merge(cxm_recorder_table_agg(rec, dest, key, TRUE), agg);
}

void
cxm_recorder_merge_groups(CxmRecorder *rec, const Groups *src)
{
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(&rec->main.all.levels[i], &src->levels[i]);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&rec->main.all.channels[i], &src->channels[i]);
  merge_table(rec, rec->main.all.teams, src->teams);
  if (src->employees != NULL)
    merge_table(rec, rec->main.all.employees, src->employees);
}

/* The groups that merging @src would add to @dest. */
static guint64
count_new_groups(const CxmRecorder *dest, const CxmRecorder *src)
{
  GHashTableIter iter, teams;
  gpointer key, groups;
  guint64 n = 0;

  g_hash_table_iter_init(&iter, src->main.all.teams);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    n += !g_hash_table_contains(dest->main.all.teams, key);
  g_hash_table_iter_init(&iter, src->main.all.employees);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    n += !g_hash_table_contains(dest->main.all.employees, key);
  g_hash_table_iter_init(&iter, src->main.days);
  while (g_hash_table_iter_next(&iter, &key, &groups)) {
    const Groups *mine = g_hash_table_lookup(dest->main.days, key);
    gpointer team;

    if (mine == NULL) {
      n += CXM_DAY_GROUPS + g_hash_table_size(((Groups *) groups)->teams);
      continue;
    }
    g_hash_table_iter_init(&teams, ((Groups *) groups)->teams);
    while (g_hash_table_iter_next(&teams, &team, NULL)) {
      gpointer name;
      /* A day's teams are keyed by the all-time name's address. */
      if (!g_hash_table_lookup_extended(dest->main.all.teams, team, &name, NULL) ||
          !g_hash_table_contains(mine->teams, name))
        n++;
    }
  }
  return n;
}

/* Adds another recorder's day into one of @rec's: the team keys must be
 * @rec's own all-time names (all-time groups are merged first, so they
 * exist). */
void
cxm_recorder_merge_day(CxmRecorder *rec, Groups *dest, const Groups *src)
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
    cxm_recorder_team_agg(rec, key, &name);
    cxm_agg_merge(cxm_recorder_table_agg(rec, dest->teams, name, FALSE), agg);
  }
}

gboolean
cxm_recorder_merge_check(const CxmRecorder *dest, const CxmRecorder *src, GError **error)
{
  if (strcmp(dest->policy->fingerprint, src->policy->fingerprint) != 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY_MISMATCH,
                "cannot merge aggregates built under different policies "
                "(fingerprints %s and %s)",
                dest->policy->fingerprint, src->policy->fingerprint);
    return FALSE;
  }
  if (cxm_groups_n(&dest->main.all) + cxm_groups_n(&src->main.all) > CXM_MAX_RECORDS) {
    /* Sums of real records never come near; snapshots could. */
    g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
                "the merge would hold more than 2^53 records");
    return FALSE;
  }
  return cxm_recorder_check_limit(dest, count_new_groups(dest, src), NULL, error);
}

void
cxm_recorder_merge_apply(CxmRecorder *dest, const CxmRecorder *src)
{
  GHashTableIter iter;
  gpointer day, groups;

  cxm_recorder_merge_groups(dest, &src->main.all);
  g_hash_table_iter_init(&iter, src->main.days);
  while (g_hash_table_iter_next(&iter, &day, &groups))
    cxm_recorder_merge_day(dest, cxm_recorder_day_groups(dest, *(gint64 *) day), groups);
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    dest->main.leadership[i] += src->main.leadership[i];
}

gboolean
cxm_recorder_merge(CxmRecorder *dest, const CxmRecorder *src, GError **error)
{
  gboolean ok;

  cxm_return_val_if_null(dest, error, FALSE);
  cxm_return_val_if_null(src, error, FALSE);
  if (dest == src) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "cannot merge a recorder into itself");
    return FALSE;
  }
  /* Always in address order, so that two merges in opposite directions
   * cannot deadlock. */
  cxm_recorder_lock(dest < src ? dest : src);
  cxm_recorder_lock(dest < src ? src : dest);
  ok = cxm_recorder_merge_check(dest, src, error);
  if (ok)
    cxm_recorder_merge_apply(dest, src);
  cxm_recorder_unlock(src);
  cxm_recorder_unlock(dest);
  return ok;
}
