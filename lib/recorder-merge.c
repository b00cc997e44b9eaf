/* SPDX-License-Identifier: MIT */
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

static void
merge_lead_table(CxmRecorder *rec, GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, lead;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &lead))
    cxm_lead_merge(cxm_store_table_lead(dest, key, TRUE, &rec->n_groups), lead);
}

void
cxm_recorder_merge_groups(CxmRecorder *rec, const Groups *src)
{
  Groups *all = &rec->main.all;

  for (int i = 0; i < CXM_LEVEL_COUNT; i++) {
    cxm_agg_merge(&all->levels[i], &src->levels[i]);
    cxm_lead_merge(&all->lead_levels[i], &src->lead_levels[i]);
  }
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&all->channels[i], &src->channels[i]);
  merge_table(rec, all->teams, src->teams);
  merge_lead_table(rec, all->lead_teams, src->lead_teams);
  if (src->employees != NULL) { /* all-time groups only */
    merge_table(rec, all->employees, src->employees);
    merge_lead_table(rec, all->lead_actors, src->lead_actors);
    merge_lead_table(rec, all->lead_subjects, src->lead_subjects);
  }
}

/* Moves each entry of @src that @dest lacks into @dest rather than copying
 * it, and merges the others: a fold does not hold every person's sums
 * twice. */
static void
steal_table(CxmRecorder *rec, GHashTable *dest, GHashTable *src, gboolean lead)
{
  GHashTableIter iter;
  gpointer key, sums, mine;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &sums)) {
    mine = g_hash_table_lookup(dest, key);
    if (mine == NULL) {
      g_hash_table_iter_steal(&iter);
      g_hash_table_insert(dest, key, sums);
      rec->n_groups++;
    } else if (lead) {
      cxm_lead_merge(mine, sums);
    } else {
      cxm_agg_merge(mine, sums);
    }
  }
}

void
cxm_recorder_fold_groups(CxmRecorder *rec, Groups *src)
{
  Groups *all = &rec->main.all;
  GHashTable *const employees = src->employees, *const actors = src->lead_actors,
                    *const subjects = src->lead_subjects;

  steal_table(rec, all->employees, employees, FALSE);
  steal_table(rec, all->lead_actors, actors, TRUE);
  steal_table(rec, all->lead_subjects, subjects, TRUE);
  src->employees = src->lead_actors = src->lead_subjects = NULL;
  cxm_recorder_merge_groups(rec, src);
  src->employees = employees;
  src->lead_actors = actors;
  src->lead_subjects = subjects;
}

/* The keys of @src that @dest lacks. */
static guint64
count_new_keys(GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key;
  guint64 n = 0;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    n += !g_hash_table_contains(dest, key);
  return n;
}

/* The day teams of @src (keyed by names of @src_all) that @mine (keyed by
 * names of @dest_all) lacks. */
static guint64
count_new_day_teams(GHashTable *dest_all, GHashTable *mine, GHashTable *src)
{
  GHashTableIter iter;
  gpointer team, name;
  guint64 n = 0;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &team, NULL))
    n += !g_hash_table_lookup_extended(dest_all, team, &name, NULL) ||
         !g_hash_table_contains(mine, name);
  return n;
}

/* The groups that merging @src would add to @dest. */
static guint64
count_new_groups(const CxmRecorder *dest, const CxmRecorder *src)
{
  const Groups *all = &dest->main.all, *src_all = &src->main.all;
  GHashTableIter iter;
  gpointer key, groups;
  guint64 n = count_new_keys(all->teams, src_all->teams) +
              count_new_keys(all->employees, src_all->employees) +
              count_new_keys(all->lead_teams, src_all->lead_teams) +
              count_new_keys(all->lead_actors, src_all->lead_actors) +
              count_new_keys(all->lead_subjects, src_all->lead_subjects);

  g_hash_table_iter_init(&iter, src->main.days);
  while (g_hash_table_iter_next(&iter, &key, &groups)) {
    const Groups *mine = g_hash_table_lookup(dest->main.days, key), *day = groups;

    if (mine == NULL)
      n += CXM_DAY_GROUPS + g_hash_table_size(day->teams) +
           g_hash_table_size(day->lead_teams);
    else
      n += count_new_day_teams(all->teams, mine->teams, day->teams) +
           count_new_day_teams(all->lead_teams, mine->lead_teams, day->lead_teams);
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
  gpointer key, sums;

  for (int i = 0; i < CXM_LEVEL_COUNT; i++) {
    cxm_agg_merge(&dest->levels[i], &src->levels[i]);
    cxm_lead_merge(&dest->lead_levels[i], &src->lead_levels[i]);
  }
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&dest->channels[i], &src->channels[i]);
  g_hash_table_iter_init(&iter, src->teams);
  while (g_hash_table_iter_next(&iter, &key, &sums)) {
    const char *name;
    cxm_recorder_team_agg(rec, key, &name);
    cxm_agg_merge(cxm_recorder_table_agg(rec, dest->teams, name, FALSE), sums);
  }
  g_hash_table_iter_init(&iter, src->lead_teams);
  while (g_hash_table_iter_next(&iter, &key, &sums)) {
    const char *name;
    cxm_store_team_lead(&rec->main, key, &name, &rec->n_groups);
    cxm_lead_merge(cxm_store_table_lead(dest->lead_teams, name, FALSE, &rec->n_groups),
                   sums);
  }
}

gboolean
cxm_recorder_merge_check(const CxmRecorder *dest, const CxmRecorder *src, GError **error)
{
  const char *dest_zone = cxm_policy_get_time_zone(dest->policy, NULL);
  const char *src_zone = cxm_policy_get_time_zone(src->policy, NULL);
  if (strcmp(dest_zone, src_zone) != 0) {
    /* The days of one are not the days of the other: no sum is exact. */
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY_MISMATCH,
                "cannot merge aggregates whose days are in different time zones "
                "(%s and %s)",
                dest_zone, src_zone);
    return FALSE;
  }
  if (strcmp(dest->policy->fingerprint, src->policy->fingerprint) != 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY_MISMATCH,
                "cannot merge aggregates built under different policies "
                "(fingerprints %s and %s)",
                dest->policy->fingerprint, src->policy->fingerprint);
    return FALSE;
  }
  CxmLead dest_lead, src_lead;
  const guint64 records = cxm_groups_n(&dest->main.all) + cxm_groups_n(&src->main.all);
  cxm_groups_lead_totals(&dest->main.all, &dest_lead);
  cxm_groups_lead_totals(&src->main.all, &src_lead);
  const guint64 events = cxm_lead_total(&dest_lead) + cxm_lead_total(&src_lead);
  if (records > CXM_MAX_RECORDS || events > CXM_MAX_RECORDS) {
    /* Sums of real records never come near; snapshots could. Each side
     * holds at most 2^53, so the sum does not wrap. */
    g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
                "the merge would hold %" G_GUINT64_FORMAT " %s, more than 2^53",
                records > CXM_MAX_RECORDS ? records : events,
                records > CXM_MAX_RECORDS ? "records" : "leadership events");
    return FALSE;
  }
  return cxm_recorder_check_limit(dest, count_new_groups(dest, src), NULL, error);
}

static void
merge_days(CxmRecorder *dest, const CxmRecorder *src)
{
  GHashTableIter iter;
  gpointer day, groups;

  g_hash_table_iter_init(&iter, src->main.days);
  while (g_hash_table_iter_next(&iter, &day, &groups))
    cxm_recorder_merge_day(dest, cxm_recorder_day_groups(dest, *(gint64 *) day), groups);
}

void
cxm_recorder_merge_apply(CxmRecorder *dest, const CxmRecorder *src)
{
  cxm_recorder_merge_groups(dest, &src->main.all);
  merge_days(dest, src);
}

void
cxm_recorder_merge_consume(CxmRecorder *dest, CxmRecorder *src)
{
  cxm_recorder_fold_groups(dest, &src->main.all);
  merge_days(dest, src);
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
