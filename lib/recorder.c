/* SPDX-License-Identifier: MIT */
/* The recorder: per-group sums of accepted interactions, overall and per
 * UTC day. This file holds its groups, its shards and its lock; recording
 * (recorder-record.c), merging, reading, scopes, the journal and snapshots
 * have files of their own. */
#include "config.h"

#include <string.h>

#include "classify-private.h"
#include "error-private.h"
#include "limits.h"
#include "period-private.h"
#include "policy-private.h"
#include "record-json.h"
#include "recorder-private.h"

#define LOCK(rec) cxm_recorder_lock(rec)
#define UNLOCK(rec) cxm_recorder_unlock(rec)

/* Shards beyond this many CPUs would only add folding. */
#define MAX_SHARDS 64

/* ---- groups --------------------------------------------------------------- */

static void groups_free(gpointer g);

static GHashTable *
agg_table_new(void)
{
  /* Each name lives in its sums' allocation (table_sums). */
  return g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
}

void
cxm_groups_init(Groups *g, gboolean all_time)
{
  memset(g, 0, sizeof *g);
  g->teams = all_time
                 ? agg_table_new()
                 : g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  g->lead_teams =
      all_time ? agg_table_new()
               : g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  g->employees = all_time ? agg_table_new() : NULL;
  g->lead_actors = all_time ? agg_table_new() : NULL;
  g->lead_subjects = all_time ? agg_table_new() : NULL;
}

void
cxm_groups_clear(Groups *g)
{
  g_clear_pointer(&g->teams, g_hash_table_destroy);
  g_clear_pointer(&g->employees, g_hash_table_destroy);
  g_clear_pointer(&g->lead_teams, g_hash_table_destroy);
  g_clear_pointer(&g->lead_actors, g_hash_table_destroy);
  g_clear_pointer(&g->lead_subjects, g_hash_table_destroy);
}

static void
groups_free(gpointer g)
{
  cxm_groups_clear(g);
  g_free(g);
}

void
cxm_groups_totals(const Groups *g, CxmAgg *totals)
{
  memset(totals, 0, sizeof *totals);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(totals, &g->levels[i]);
}

void
cxm_groups_lead_totals(const Groups *g, CxmLead *totals)
{
  memset(totals, 0, sizeof *totals);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_lead_merge(totals, &g->lead_levels[i]);
}

void
cxm_store_init(CxmStore *store)
{
  memset(store, 0, sizeof *store);
  cxm_groups_init(&store->all, TRUE);
  store->days = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, groups_free);
}

void
cxm_store_clear(CxmStore *store)
{
  cxm_groups_clear(&store->all);
  g_clear_pointer(&store->days, g_hash_table_destroy);
}

/* The sums of @size bytes under @key in @table, made (zeros) if needed. A
 * copied key follows the sums in one allocation: an employee's name costs
 * no allocation of its own. */
static gpointer
table_sums(GHashTable *table, const char *key, gboolean copy_key, gsize size,
           guint64 *n_groups)
{
  gpointer sums = g_hash_table_lookup(table, key);
  if (sums == NULL) {
    const gsize key_size = copy_key ? strlen(key) + 1 : 0;
    sums = g_malloc0(size + key_size);
    if (copy_key)
      key = memcpy((char *) sums + size, key, key_size);
    g_hash_table_insert(table, (gpointer) key, sums);
    ++*n_groups;
  }
  return sums;
}

CxmAgg *
cxm_store_table_agg(GHashTable *table, const char *key, gboolean copy_key,
                    guint64 *n_groups)
{
  return table_sums(table, key, copy_key, sizeof(CxmAgg), n_groups);
}

CxmLead *
cxm_store_table_lead(GHashTable *table, const char *key, gboolean copy_key,
                     guint64 *n_groups)
{
  return table_sums(table, key, copy_key, sizeof(CxmLead), n_groups);
}

/* The @size bytes of sums under @name in the all-time @table, created if
 * needed, and the name the table owns (days key their tables by it). */
static gpointer
owned_sums(GHashTable *table, const char *name, gsize size, const char **owned_name,
           guint64 *n_groups)
{
  gpointer key, sums;

  if (!g_hash_table_lookup_extended(table, name, &key, &sums)) {
    sums = table_sums(table, name, TRUE, size, n_groups);
    g_hash_table_lookup_extended(table, name, &key, NULL);
  }
  *owned_name = key;
  return sums;
}

CxmLead *
cxm_store_team_lead(CxmStore *store, const char *team, const char **owned_name,
                    guint64 *n_groups)
{
  return owned_sums(store->all.lead_teams, team, sizeof(CxmLead), owned_name, n_groups);
}

CxmAgg *
cxm_store_team_agg(CxmStore *store, const char *team, const char **owned_name,
                   guint64 *n_groups)
{
  return owned_sums(store->all.teams, team, sizeof(CxmAgg), owned_name, n_groups);
}

Groups *
cxm_store_day_groups(CxmStore *store, gint64 day, guint64 *n_groups)
{
  Groups *g;

  if (store->last_day_groups != NULL && store->last_day == day)
    return store->last_day_groups;
  g = g_hash_table_lookup(store->days, &day);
  if (g == NULL) {
    g = g_new(Groups, 1);
    cxm_groups_init(g, FALSE);
    g_hash_table_insert(store->days, g_memdup2(&day, sizeof day), g);
    *n_groups += CXM_DAY_GROUPS;
  }
  store->last_day = day;
  store->last_day_groups = g;
  return g;
}

CxmAgg *
cxm_recorder_table_agg(CxmRecorder *rec, GHashTable *table, const char *key,
                       gboolean copy_key)
{
  return cxm_store_table_agg(table, key, copy_key, &rec->n_groups);
}

CxmAgg *
cxm_recorder_team_agg(CxmRecorder *rec, const char *team, const char **owned_name)
{
  return cxm_store_team_agg(&rec->main, team, owned_name, &rec->n_groups);
}

Groups *
cxm_recorder_day_groups(CxmRecorder *rec, gint64 day)
{
  return cxm_store_day_groups(&rec->main, day, &rec->n_groups);
}

gboolean
cxm_recorder_check_limit(const CxmRecorder *rec, guint64 n_new, const char *key,
                         GError **error)
{
  const guint64 kept =
      rec->n_groups + (guint64) g_atomic_pointer_get((gsize *) &rec->pending);
  if (n_new == 0 || rec->max_groups == 0 || kept + n_new <= rec->max_groups)
    return TRUE;
  if (key != NULL)
    cxm_set_record_error(
        error, CXM_ERROR_LIMIT, key,
        "would make a new group beyond the recorder's limit of %" G_GUINT64_FORMAT
        " groups",
        rec->max_groups);
  else
    g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
                "the merge would make %" G_GUINT64_FORMAT " new groups, beyond the "
                "recorder's limit of %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " kept)",
                n_new, rec->max_groups, kept);
  return FALSE;
}

/* ---- the lock and the shards ----------------------------------------------- */

/* Adds a shard's sums into the recorder's store and empties the shard. */
static void
fold(CxmRecorder *rec, CxmShard *shard)
{
  CxmStore *store = shard->store;
  GHashTableIter iter;
  gpointer day, groups;

  if (store == NULL)
    return;
  cxm_recorder_fold_groups(rec, &store->all);
  g_hash_table_iter_init(&iter, store->days);
  while (g_hash_table_iter_next(&iter, &day, &groups))
    cxm_recorder_merge_day(rec, cxm_recorder_day_groups(rec, *(gint64 *) day), groups);
  cxm_store_clear(store);
  g_free(store);
  shard->store = NULL;
  g_atomic_pointer_add(&rec->pending, -(gssize) shard->n_new);
  shard->n_new = 0;
}

void
cxm_recorder_lock(const CxmRecorder *crec)
{
  CxmRecorder *rec = (CxmRecorder *) crec;

  g_rec_mutex_lock(&rec->lock);
  /* The first time this thread takes it: hold the shards too, so that no
   * record comes in while the recorder is read, and fold them in. */
  if (rec->lock_depth++ == 0) {
    for (guint i = 0; i < rec->n_shards; i++)
      pthread_mutex_lock(&rec->shards[i].lock);
    for (guint i = 0; i < rec->n_shards; i++)
      fold(rec, &rec->shards[i]);
  }
}

void
cxm_recorder_unlock(const CxmRecorder *crec)
{
  CxmRecorder *rec = (CxmRecorder *) crec;

  if (--rec->lock_depth == 0)
    for (guint i = rec->n_shards; i > 0; i--)
      pthread_mutex_unlock(&rec->shards[i - 1].lock);
  g_rec_mutex_unlock(&rec->lock);
}

/* ---- the recorder ----------------------------------------------------------- */

static CxmRecorder *
recorder_new(const CxmPolicy *policy, guint n_shards)
{
  CxmRecorder *rec = g_new0(CxmRecorder, 1);
  g_rec_mutex_init(&rec->lock);
  pthread_mutex_init(&rec->journal_lock, NULL);
  rec->max_groups = CXM_DEFAULT_MAX_GROUPS;
  rec->view_period = CXM_UNSET;
  rec->policy = cxm_policy_copy(policy ? policy : cxm_policy_default());
  cxm_store_init(&rec->main);
  rec->line = g_string_new(NULL);
  rec->n_shards = n_shards;
  if (n_shards > 0) {
    rec->shards = g_aligned_alloc0(n_shards, sizeof(CxmShard), G_ALIGNOF(CxmShard));
    for (guint i = 0; i < n_shards; i++) {
      pthread_mutex_init(&rec->shards[i].lock, NULL);
      rec->shards[i].line = g_string_new(NULL);
    }
  }
  return rec;
}

CxmRecorder *
cxm_recorder_new(const CxmPolicy *policy)
{
  return recorder_new(policy, CLAMP(g_get_num_processors(), 1, MAX_SHARDS));
}

CxmRecorder *
cxm_recorder_new_private(const CxmPolicy *policy)
{
  return recorder_new(policy, 0);
}

void
cxm_recorder_free(CxmRecorder *rec)
{
  if (rec == NULL)
    return;
  cxm_journal_file_close(rec->journal);
  cxm_policy_free(rec->policy);
  cxm_org_unref(rec->org);
  cxm_store_clear(&rec->main);
  for (guint i = 0; i < rec->n_shards; i++) {
    if (rec->shards[i].store != NULL) {
      cxm_store_clear(rec->shards[i].store);
      g_free(rec->shards[i].store);
    }
    g_string_free(rec->shards[i].line, TRUE);
    pthread_mutex_destroy(&rec->shards[i].lock);
  }
  g_aligned_free(rec->shards);
  g_string_free(rec->line, TRUE);
  pthread_mutex_destroy(&rec->journal_lock);
  g_rec_mutex_clear(&rec->lock);
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
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  LOCK(rec);
  ok = cxm_groups_n(&rec->main.all) == 0;
  if (!ok) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "an org must be set before the first record");
  } else {
    if (org != NULL)
      cxm_org_ref(org);
    cxm_org_unref(rec->org);
    rec->org = org;
  }
  UNLOCK(rec);
  return ok;
}

CxmOrg *
cxm_recorder_get_org(const CxmRecorder *rec)
{
  g_return_val_if_fail(rec != NULL, NULL);
  return rec->org;
}

void
cxm_recorder_set_max_groups(CxmRecorder *rec, guint64 max_groups)
{
  g_return_if_fail(rec != NULL);
  LOCK(rec);
  rec->max_groups = max_groups;
  UNLOCK(rec);
}

CXM_RECORDER_GETTER(guint64, cxm_recorder_get_max_groups, rec->max_groups)
CXM_RECORDER_GETTER(guint64, cxm_recorder_get_n_groups, rec->n_groups)
CXM_RECORDER_GETTER(guint64, cxm_recorder_get_n, cxm_groups_n(&rec->main.all))

guint64
cxm_recorder_get_leadership_count(const CxmRecorder *rec, int type)
{
  CxmLead totals;

  g_return_val_if_fail(rec != NULL, 0);
  g_return_val_if_fail(type == CXM_UNSET || (type >= 0 && type < CXM_LEADERSHIP_COUNT),
                       0);
  LOCK(rec);
  cxm_groups_lead_totals(&rec->main.all, &totals);
  UNLOCK(rec);
  return type == CXM_UNSET ? cxm_lead_total(&totals) : totals.by_type[type];
}
