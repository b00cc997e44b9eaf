/* The recorder: per-group sums of accepted interactions. */
#include "cxm-private.h"

#include <string.h>

struct _CxmRecorder {
  CxmPolicy *policy;
  CxmAgg totals;
  CxmAgg levels[CXM_LEVEL_COUNT];
  CxmAgg channels[CXM_CHANNEL_COUNT];
  GHashTable *teams;      /* owned key -> owned CxmAgg */
  GHashTable *employees;
  guint64 leadership[CXM_LEADERSHIP_COUNT];
};

static GHashTable *
group_table_new(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

CxmRecorder *
cxm_recorder_new(const CxmPolicy *policy)
{
  CxmRecorder *rec = g_new0(CxmRecorder, 1);
  rec->policy = cxm_policy_copy(policy ? policy : cxm_policy_default());
  rec->teams = group_table_new();
  rec->employees = group_table_new();
  return rec;
}

void
cxm_recorder_free(CxmRecorder *rec)
{
  if (rec == NULL)
    return;
  cxm_policy_free(rec->policy);
  g_hash_table_destroy(rec->teams);
  g_hash_table_destroy(rec->employees);
  g_free(rec);
}

const CxmPolicy *
cxm_recorder_get_policy(const CxmRecorder *rec)
{
  g_return_val_if_fail(rec != NULL, NULL);
  return rec->policy;
}

static CxmAgg *
group_for(GHashTable *table, const char *key)
{
  CxmAgg *agg = g_hash_table_lookup(table, key);
  if (agg == NULL) {
    agg = g_new0(CxmAgg, 1);
    g_hash_table_insert(table, g_strdup(key), agg);
  }
  return agg;
}

gboolean
cxm_recorder_record(CxmRecorder *rec, const CxmInteraction *it,
                    CxmClass *klass, CxmReason *reason, GError **error)
{
  const char *missing;
  CxmReason r;
  CxmClass c;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(it, error, FALSE);
  missing = cxm_interaction_missing_key(it);
  if (missing != NULL) {
    cxm_set_record_error(error, CXM_ERROR_MISSING, missing, "is required");
    return FALSE;
  }

  c = cxm_classify_fast(rec->policy, it, &r);
  cxm_agg_add(&rec->totals, it, c, r);
  cxm_agg_add(&rec->levels[it->level == CXM_UNSET ? CXM_LEVEL_UNASSIGNED : it->level],
              it, c, r);
  cxm_agg_add(&rec->channels[it->channel], it, c, r);
  if (it->team_len != 0)
    cxm_agg_add(group_for(rec->teams, it->team), it, c, r);
  if (it->employee_len != 0)
    cxm_agg_add(group_for(rec->employees, it->employee), it, c, r);
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
  return cxm_agg_n(&rec->totals);
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

static void
merge_table(GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, agg;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &agg))
    cxm_agg_merge(group_for(dest, key), agg);
}

gboolean
cxm_recorder_merge(CxmRecorder *dest, const CxmRecorder *src, GError **error)
{
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
  cxm_agg_merge(&dest->totals, &src->totals);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(&dest->levels[i], &src->levels[i]);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&dest->channels[i], &src->channels[i]);
  merge_table(dest->teams, src->teams);
  merge_table(dest->employees, src->employees);
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    dest->leadership[i] += src->leadership[i];
  return TRUE;
}

/* The group's sums, or NULL when the team/employee/name is unknown. */
static const CxmAgg *
lookup(const CxmRecorder *rec, CxmGroupKind kind, const char *key)
{
  int index;

  switch (kind) {
  case CXM_GROUP_TOTALS:
    return &rec->totals;
  case CXM_GROUP_LEVEL:
    index = cxm_level_from_name(key);
    return index == CXM_UNSET ? NULL : &rec->levels[index];
  case CXM_GROUP_CHANNEL:
    index = cxm_channel_from_name(key);
    return index == CXM_UNSET ? NULL : &rec->channels[index];
  case CXM_GROUP_TEAM:
    return key ? g_hash_table_lookup(rec->teams, key) : NULL;
  case CXM_GROUP_EMPLOYEE:
    return key ? g_hash_table_lookup(rec->employees, key) : NULL;
  default:
    return NULL;
  }
}

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

CxmStats *
cxm_recorder_get_stats(const CxmRecorder *rec, CxmGroupKind kind,
                       const char *key, GError **error)
{
  const CxmAgg *agg;

  cxm_return_val_if_null(rec, error, NULL);
  if (!check_kind(kind, error))
    return NULL;
  if (kind != CXM_GROUP_TOTALS)
    cxm_return_val_if_null(key, error, NULL);
  agg = lookup(rec, kind, key);
  if (agg == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_FOUND, "no %s group \"%s\"",
                kind == CXM_GROUP_LEVEL     ? "level"
                : kind == CXM_GROUP_CHANNEL ? "channel"
                : kind == CXM_GROUP_TEAM    ? "team"
                                            : "employee",
                key);
    return NULL;
  }
  return cxm_stats_new(agg, rec->policy);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
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
      if (i != CXM_LEVEL_UNASSIGNED || cxm_agg_n(&rec->levels[i]) > 0)
        g_ptr_array_add(keys, g_strdup(cxm_level_names[i]));
    break;
  case CXM_GROUP_CHANNEL:
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      g_ptr_array_add(keys, g_strdup(cxm_channel_names[i]));
    break;
  case CXM_GROUP_TEAM:
  case CXM_GROUP_EMPLOYEE: {
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init(&iter, kind == CXM_GROUP_TEAM ? rec->teams : rec->employees);
    while (g_hash_table_iter_next(&iter, &key, NULL))
      g_ptr_array_add(keys, g_strdup(key));
    g_ptr_array_sort(keys, compare_strings);
    break;
  }
  default:
    break;
  }
  g_ptr_array_add(keys, NULL);
  return (char **) g_ptr_array_free(keys, FALSE);
}
