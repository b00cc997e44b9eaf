/* The recorder: per-group sums of accepted interactions, overall and per
 * UTC day, and the org roll-up (scopes) derived from per-employee sums.
 * One recursive lock guards it all; the report holds it across its reads. */
#include "cxm-private.h"

#include <json-c/json.h>
#include <string.h>


static GHashTable *
agg_table_new(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

void
cxm_groups_init(Groups *g, gboolean all_time)
{
  memset(g, 0, sizeof *g);
  g->teams = all_time ? agg_table_new()
                      : g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  g->employees = all_time ? agg_table_new() : NULL;
}

void
cxm_groups_clear(Groups *g)
{
  g_clear_pointer(&g->teams, g_hash_table_destroy);
  g_clear_pointer(&g->employees, g_hash_table_destroy);
}

static void
groups_free(gpointer g)
{
  cxm_groups_clear(g);
  g_free(g);
}

#define LOCK(rec) g_rec_mutex_lock((GRecMutex *) &(rec)->lock)
#define UNLOCK(rec) g_rec_mutex_unlock((GRecMutex *) &(rec)->lock)

void
cxm_recorder_lock(const CxmRecorder *rec)
{
  LOCK(rec);
}

void
cxm_recorder_unlock(const CxmRecorder *rec)
{
  UNLOCK(rec);
}

/* The sums under @key in @table, created empty (one more of @rec's groups)
 * if needed. In an all-time table @key is copied; in a day's table it must
 * be the all-time name. */
static CxmAgg *
agg_for(CxmRecorder *rec, GHashTable *table, const char *key, gboolean copy_key)
{
  CxmAgg *agg = g_hash_table_lookup(table, key);
  if (agg == NULL) {
    agg = g_new0(CxmAgg, 1);
    g_hash_table_insert(table, copy_key ? g_strdup(key) : (gpointer) key, agg);
    rec->n_groups++;
  }
  return agg;
}

/* The all-time team sums and the team name they own, created if needed. */
static CxmAgg *
team_for(CxmRecorder *rec, const char *team, const char **owned_name)
{
  gpointer key, agg;

  if (!g_hash_table_lookup_extended(rec->all.teams, team, &key, &agg)) {
    agg = agg_for(rec, rec->all.teams, team, TRUE);
    g_hash_table_lookup_extended(rec->all.teams, team, &key, NULL);
  }
  *owned_name = key;
  return agg;
}

static void
merge_table(CxmRecorder *rec, GHashTable *dest, GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, agg;

  g_hash_table_iter_init(&iter, src);
  while (g_hash_table_iter_next(&iter, &key, &agg))
    cxm_agg_merge(agg_for(rec, dest, key, TRUE), agg);
}

void
cxm_groups_merge(CxmRecorder *rec, const Groups *src)
{
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(&rec->all.levels[i], &src->levels[i]);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    cxm_agg_merge(&rec->all.channels[i], &src->channels[i]);
  merge_table(rec, rec->all.teams, src->teams);
  if (src->employees != NULL)
    merge_table(rec, rec->all.employees, src->employees);
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
  g_rec_mutex_init(&rec->lock);
  rec->max_groups = CXM_DEFAULT_MAX_GROUPS;
  rec->policy = cxm_policy_copy(policy ? policy : cxm_policy_default());
  cxm_groups_init(&rec->all, TRUE);
  rec->days = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, groups_free);
  return rec;
}

void
cxm_recorder_free(CxmRecorder *rec)
{
  if (rec == NULL)
    return;
  cxm_journal_close(rec->journal);
  cxm_policy_free(rec->policy);
  cxm_org_unref(rec->org);
  cxm_groups_clear(&rec->all);
  g_hash_table_destroy(rec->days);
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
  ok = n_of(&rec->all) == 0;
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

guint64
cxm_recorder_get_max_groups(const CxmRecorder *rec)
{
  guint64 max;

  g_return_val_if_fail(rec != NULL, 0);
  LOCK(rec);
  max = rec->max_groups;
  UNLOCK(rec);
  return max;
}

guint64
cxm_recorder_get_n_groups(const CxmRecorder *rec)
{
  guint64 n;

  g_return_val_if_fail(rec != NULL, 0);
  LOCK(rec);
  n = rec->n_groups;
  UNLOCK(rec);
  return n;
}

Groups *
cxm_recorder_day_groups(CxmRecorder *rec, gint64 day)
{
  Groups *g;

  if (rec->last_day_groups != NULL && rec->last_day == day)
    return rec->last_day_groups;
  g = g_hash_table_lookup(rec->days, &day);
  if (g == NULL) {
    g = g_new(Groups, 1);
    cxm_groups_init(g, FALSE);
    g_hash_table_insert(rec->days, g_memdup2(&day, sizeof day), g);
    rec->n_groups += CXM_DAY_GROUPS;
  }
  rec->last_day = day;
  rec->last_day_groups = g;
  return g;
}

/* FALSE, with CXM_ERROR_LIMIT about record key @key (NULL: a merge), when
 * @n_new more groups would go beyond the limit. */
static gboolean
check_limit(const CxmRecorder *rec, guint64 n_new, const char *key, GError **error)
{
  if (n_new == 0 || rec->max_groups == 0 || rec->n_groups + n_new <= rec->max_groups)
    return TRUE;
  if (key != NULL)
    cxm_set_record_error(error, CXM_ERROR_LIMIT, key,
                         "would make a new group beyond the recorder's limit of %"
                         G_GUINT64_FORMAT " groups", rec->max_groups);
  else
    g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
                "the merge would make %" G_GUINT64_FORMAT " new groups, beyond the "
                "recorder's limit of %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " kept)",
                n_new, rec->max_groups, rec->n_groups);
  return FALSE;
}

/* Where an interaction goes. Looked up before anything changes, so that a
 * record beyond the group limit is refused whole. */
typedef struct {
  int level;
  const char *team, *employee;
  CxmAgg *team_agg, *employee_agg, *day_team_agg;
  const char *team_name;         /* owned by the all-time table */
  Groups *day;
  gint64 day_number;
} Targets;

static gboolean
find_targets(CxmRecorder *rec, const CxmInteraction *it, Targets *t, GError **error)
{
  gpointer name = NULL, agg = NULL;
  const char *first_new = NULL;
  guint64 n_new = 0;

  memset(t, 0, sizeof *t);
  t->level = it->level;
  t->team = it->team_len ? it->team : NULL;
  t->employee = it->employee_len ? it->employee : NULL;
  if (rec->org != NULL && t->employee != NULL) {
    if (t->level == CXM_UNSET)
      t->level = cxm_org_get_level(rec->org, t->employee);
    if (t->team == NULL)
      t->team = cxm_org_get_team(rec->org, t->employee);
  }
  if (t->level == CXM_UNSET)
    t->level = CXM_LEVEL_UNASSIGNED;

  t->day_number = cxm_day_number(it->ts);
  if (rec->last_day_groups != NULL && rec->last_day == t->day_number)
    t->day = rec->last_day_groups;
  else
    t->day = g_hash_table_lookup(rec->days, &t->day_number);
  if (t->day == NULL) {
    n_new += CXM_DAY_GROUPS;
    first_new = "ts";
  }
  if (t->team != NULL) {
    if (g_hash_table_lookup_extended(rec->all.teams, t->team, &name, &agg)) {
      t->team_agg = agg;
      t->team_name = name;
      if (t->day != NULL)
        t->day_team_agg = g_hash_table_lookup(t->day->teams, name);
    } else {
      n_new++;
    }
    if (t->day_team_agg == NULL) {
      n_new++;
      first_new = first_new ? first_new : "team";
    }
  }
  if (t->employee != NULL) {
    t->employee_agg = g_hash_table_lookup(rec->all.employees, t->employee);
    if (t->employee_agg == NULL) {
      n_new++;
      first_new = first_new ? first_new : "employee";
    }
  }
  return check_limit(rec, n_new, first_new, error);
}

static void
apply_targets(CxmRecorder *rec, Targets *t, const CxmAggDelta *delta,
              const CxmInteraction *it)
{
  Groups *day = t->day ? t->day : cxm_recorder_day_groups(rec, t->day_number);

  rec->last_day = t->day_number;
  rec->last_day_groups = day;
  cxm_agg_apply(&rec->all.levels[t->level], delta);
  cxm_agg_apply(&day->levels[t->level], delta);
  cxm_agg_apply(&rec->all.channels[it->channel], delta);
  cxm_agg_apply(&day->channels[it->channel], delta);
  if (t->team != NULL) {
    if (t->team_agg == NULL)
      t->team_agg = team_for(rec, t->team, &t->team_name);
    if (t->day_team_agg == NULL)
      t->day_team_agg = agg_for(rec, day->teams, t->team_name, FALSE);
    cxm_agg_apply(t->team_agg, delta);
    cxm_agg_apply(t->day_team_agg, delta);
  }
  if (t->employee != NULL) {
    if (t->employee_agg == NULL)
      t->employee_agg = agg_for(rec, rec->all.employees, t->employee, TRUE);
    cxm_agg_apply(t->employee_agg, delta);
  }
}

gboolean
cxm_recorder_add(CxmRecorder *rec, const CxmInteraction *it, int leadership_type,
                 struct json_object *json, gboolean bulk, CxmClass *klass,
                 CxmReason *reason, GError **error)
{
  CxmAggDelta delta;
  Targets targets;
  CxmClass c = CXM_CLASS_NEUTRAL;
  CxmReason r = 0;
  gboolean ok = TRUE;

  if (leadership_type == CXM_UNSET)
    c = cxm_classify_fast(rec->policy, it, &r); /* the policy never changes */
  LOCK(rec);
  if (rec->journal != NULL &&
      !cxm_journal_check_id(rec->journal, it->id, &rec->duplicates, error))
    ok = FALSE;
  else if (leadership_type == CXM_UNSET)
    ok = find_targets(rec, it, &targets, error);
  if (ok && rec->journal != NULL)
    ok = cxm_journal_append(rec->journal, it, json, bulk, error);
  if (ok && leadership_type != CXM_UNSET) {
    rec->leadership[leadership_type]++;
  } else if (ok) {
    cxm_agg_delta(&delta, it, c, r);
    apply_targets(rec, &targets, &delta, it);
  }
  UNLOCK(rec);
  if (ok && klass)
    *klass = c;
  if (ok && reason)
    *reason = r;
  return ok;
}

gboolean
cxm_recorder_record(CxmRecorder *rec, const CxmInteraction *it,
                    CxmClass *klass, CxmReason *reason, GError **error)
{
  const char *missing;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(it, error, FALSE);
  missing = cxm_interaction_missing_key(it);
  if (missing != NULL) {
    cxm_set_record_error(error, CXM_ERROR_MISSING, missing, "is required");
    return FALSE;
  }
  return cxm_recorder_add(rec, it, CXM_UNSET, NULL, FALSE, klass, reason, error);
}

gboolean
cxm_recorder_record_json(CxmRecorder *rec, const char *json, gssize length,
                         char **id, GError **error)
{
  struct json_tokener *tok;
  struct json_object *obj;
  CxmInteraction it;
  CxmRecordKind kind;
  int leadership_type;
  gboolean ok;

  if (id != NULL)
    *id = NULL;
  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(json, error, FALSE);
  tok = cxm_record_tokener_new();
  obj = cxm_record_parse(tok, json, length < 0 ? strlen(json) : (gsize) length, error);
  json_tokener_free(tok);
  if (obj == NULL)
    return FALSE;
  ok = cxm_record_from_json(obj, &it, &kind, &leadership_type, error);
  if (ok && id != NULL)
    *id = g_strdup(it.id);
  ok = ok && cxm_recorder_add(rec, &it,
                              kind == CXM_RECORD_LEADERSHIP ? leadership_type : CXM_UNSET,
                              obj, FALSE, NULL, NULL, error);
  json_object_put(obj);
  return ok;
}

guint64
cxm_recorder_get_n(const CxmRecorder *rec)
{
  guint64 n;

  g_return_val_if_fail(rec != NULL, 0);
  LOCK(rec);
  n = n_of(&rec->all);
  UNLOCK(rec);
  return n;
}

guint64
cxm_recorder_get_leadership_count(const CxmRecorder *rec, int type)
{
  guint64 sum = 0;

  g_return_val_if_fail(rec != NULL, 0);
  g_return_val_if_fail(type == CXM_UNSET || (type >= 0 && type < CXM_LEADERSHIP_COUNT), 0);
  LOCK(rec);
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    if (type == CXM_UNSET || type == i)
      sum += rec->leadership[i];
  UNLOCK(rec);
  return sum;
}

/* ---- the journal ---------------------------------------------------------- */

gboolean
cxm_recorder_open_journal(CxmRecorder *rec, const char *path, CxmJournalFlags flags,
                          CxmImportResult *replay, GError **error)
{
  CxmJournal *journal;
  CxmRecorder *scratch;
  guint64 torn;
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(path, error, FALSE);
  LOCK(rec);
  if (rec->journal != NULL || n_of(&rec->all) > 0 || rec->duplicates > 0 ||
      cxm_recorder_get_leadership_count(rec, CXM_UNSET) > 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "a journal can only be opened on an empty recorder without one");
    UNLOCK(rec);
    return FALSE;
  }
  journal = cxm_journal_open(path, flags, &torn, error);
  if (journal == NULL) {
    UNLOCK(rec);
    return FALSE;
  }
  cxm_journal_set_sync(journal, rec->sync_mode, rec->sync_records, rec->sync_ms);
  /* Replayed into a scratch recorder first, so that a failed replay leaves
   * @rec as it was; @rec is empty, so the merge is the replay itself. */
  scratch = cxm_recorder_new(rec->policy);
  scratch->org = rec->org ? cxm_org_ref(rec->org) : NULL;
  scratch->max_groups = rec->max_groups;
  scratch->journal = journal;
  ok = cxm_journal_replay(journal, scratch, replay, error);
  scratch->journal = NULL;
  if (ok)
    ok = cxm_recorder_merge(rec, scratch, error);
  if (ok) {
    rec->journal = journal;
    rec->journal_torn = torn;
    rec->duplicates = scratch->duplicates;
  } else {
    cxm_journal_close(journal);
  }
  cxm_recorder_free(scratch);
  UNLOCK(rec);
  return ok;
}

gboolean
cxm_recorder_set_sync(CxmRecorder *rec, CxmSyncMode mode, guint max_records,
                      guint max_ms, GError **error)
{
  cxm_return_val_if_null(rec, error, FALSE);
  if ((int) mode < 0 || mode > CXM_SYNC_OS) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "sync mode %d is out of range", (int) mode);
    return FALSE;
  }
  if (mode == CXM_SYNC_BATCH && max_records == 0 && max_ms == 0)
    mode = CXM_SYNC_OS;
  LOCK(rec);
  rec->sync_mode = mode;
  rec->sync_records = max_records;
  rec->sync_ms = max_ms;
  if (rec->journal != NULL)
    cxm_journal_set_sync(rec->journal, mode, max_records, max_ms);
  UNLOCK(rec);
  return TRUE;
}

gboolean
cxm_recorder_sync(CxmRecorder *rec, GError **error)
{
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  LOCK(rec);
  ok = rec->journal == NULL || cxm_journal_sync(rec->journal, error);
  UNLOCK(rec);
  return ok;
}

const char *
cxm_recorder_get_journal_path(const CxmRecorder *rec)
{
  const char *path;

  g_return_val_if_fail(rec != NULL, NULL);
  LOCK(rec);
  path = rec->journal ? cxm_journal_get_path(rec->journal) : NULL;
  UNLOCK(rec);
  return path;
}

guint64
cxm_recorder_get_journal_torn(const CxmRecorder *rec)
{
  guint64 torn;

  g_return_val_if_fail(rec != NULL, 0);
  LOCK(rec);
  torn = rec->journal_torn;
  UNLOCK(rec);
  return torn;
}

guint64
cxm_recorder_get_duplicates(const CxmRecorder *rec)
{
  guint64 n;

  g_return_val_if_fail(rec != NULL, 0);
  LOCK(rec);
  n = rec->duplicates;
  UNLOCK(rec);
  return n;
}

/* ---- merging ------------------------------------------------------------- */

/* The groups that merging @src would add to @dest. */
static guint64
count_new_groups(const CxmRecorder *dest, const CxmRecorder *src)
{
  GHashTableIter iter, teams;
  gpointer key, groups;
  guint64 n = 0;

  g_hash_table_iter_init(&iter, src->all.teams);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    n += !g_hash_table_contains(dest->all.teams, key);
  g_hash_table_iter_init(&iter, src->all.employees);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    n += !g_hash_table_contains(dest->all.employees, key);
  g_hash_table_iter_init(&iter, src->days);
  while (g_hash_table_iter_next(&iter, &key, &groups)) {
    const Groups *mine = g_hash_table_lookup(dest->days, key);
    gpointer team;

    if (mine == NULL) {
      n += CXM_DAY_GROUPS + g_hash_table_size(((Groups *) groups)->teams);
      continue;
    }
    g_hash_table_iter_init(&teams, ((Groups *) groups)->teams);
    while (g_hash_table_iter_next(&teams, &team, NULL)) {
      gpointer name;
      /* A day's teams are keyed by the all-time name's address. */
      if (!g_hash_table_lookup_extended(dest->all.teams, team, &name, NULL) ||
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
    team_for(rec, key, &name);
    cxm_agg_merge(agg_for(rec, dest->teams, name, FALSE), agg);
  }
}

gboolean
cxm_recorder_merge(CxmRecorder *dest, const CxmRecorder *src, GError **error)
{
  GHashTableIter iter;
  gpointer day, groups;
  gboolean ok = FALSE;

  cxm_return_val_if_null(dest, error, FALSE);
  cxm_return_val_if_null(src, error, FALSE);
  if (dest == src) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "cannot merge a recorder into itself");
    return FALSE;
  }
  /* Always in address order, so that two merges in opposite directions
   * cannot deadlock. */
  LOCK(dest < src ? dest : src);
  LOCK(dest < src ? src : dest);
  if (strcmp(dest->policy->fingerprint, src->policy->fingerprint) != 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY_MISMATCH,
                "cannot merge aggregates built under different policies "
                "(fingerprints %s and %s)",
                dest->policy->fingerprint, src->policy->fingerprint);
  } else if (n_of(&dest->all) + n_of(&src->all) > CXM_MAX_RECORDS) {
    /* Sums of real records never come near; snapshots could. */
    g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
                "the merge would hold more than 2^53 records");
  } else if (check_limit(dest, count_new_groups(dest, src), NULL, error)) {
    cxm_groups_merge(dest, &src->all);
    g_hash_table_iter_init(&iter, src->days);
    while (g_hash_table_iter_next(&iter, &day, &groups))
      cxm_recorder_merge_day(dest, cxm_recorder_day_groups(dest, *(gint64 *) day), groups);
    for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
      dest->leadership[i] += src->leadership[i];
    ok = TRUE;
  }
  UNLOCK(src);
  UNLOCK(dest);
  return ok;
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
  gboolean found;

  if (!check_group_args(rec, kind, key, error))
    return NULL;
  LOCK(rec);
  found = lookup(&rec->all, kind, key, &agg);
  UNLOCK(rec);
  if (!found) {
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

char **
cxm_recorder_get_keys(const CxmRecorder *rec, CxmGroupKind kind, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  LOCK(rec);
  result = get_keys_unlocked(rec, kind, error);
  UNLOCK(rec);
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

char **
cxm_recorder_get_periods(const CxmRecorder *rec, CxmPeriodKind kind, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  LOCK(rec);
  result = get_periods_unlocked(rec, kind, error);
  UNLOCK(rec);
  return result;
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
      view->max_groups = 0; /* a view never has more groups than @rec */
      g_hash_table_insert(views, g_strdup(name), view);
    }
    cxm_groups_merge(view, groups); /* a period is the sum of its days */
  }
  return views;
}

static CxmStats *
get_period_stats_unlocked(const CxmRecorder *rec, CxmPeriodKind period_kind,
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

CxmStats *
cxm_recorder_get_period_stats(const CxmRecorder *rec, CxmPeriodKind period_kind,
                              const char *period, CxmGroupKind kind,
                              const char *key, GError **error)
{
  CxmStats *result;

  cxm_return_val_if_null(rec, error, NULL);
  LOCK(rec);
  result = get_period_stats_unlocked(rec, period_kind, period, kind, key, error);
  UNLOCK(rec);
  return result;
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
  return finish_keys(keys, FALSE);
}

char **
cxm_recorder_get_scopes(const CxmRecorder *rec, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  LOCK(rec);
  result = get_scopes_unlocked(rec, error);
  UNLOCK(rec);
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

static CxmStats *
get_scope_stats_unlocked(const CxmRecorder *rec, const char *person,
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

CxmStats *
cxm_recorder_get_scope_stats(const CxmRecorder *rec, const char *person,
                             gboolean cumulative, GError **error)
{
  CxmStats *result;

  cxm_return_val_if_null(rec, error, NULL);
  LOCK(rec);
  result = get_scope_stats_unlocked(rec, person, cumulative, error);
  UNLOCK(rec);
  return result;
}
