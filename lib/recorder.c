/* The recorder: per-group sums of accepted interactions, overall and per
 * UTC day. This file holds its groups and records into them; merging,
 * reading, scopes, the journal and snapshots have files of their own. One
 * recursive lock guards it all; the report holds it across its reads. */
#include "config.h"

#include <string.h>

#include "classify-private.h"
#include "error-private.h"
#include "limits.h"
#include "period-private.h"
#include "policy-private.h"
#include "record-json.h"
#include "recorder-private.h"

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

/* ---- groups --------------------------------------------------------------- */

static GHashTable *
agg_table_new(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

void
cxm_groups_init(Groups *g, gboolean all_time)
{
  memset(g, 0, sizeof *g);
  g->teams = all_time
                 ? agg_table_new()
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

void
cxm_groups_totals(const Groups *g, CxmAgg *totals)
{
  memset(totals, 0, sizeof *totals);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    cxm_agg_merge(totals, &g->levels[i]);
}

guint64
cxm_groups_n(const Groups *g)
{
  guint64 n = 0;
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    n += cxm_agg_n(&g->levels[i]);
  return n;
}

CxmAgg *
cxm_recorder_table_agg(CxmRecorder *rec, GHashTable *table, const char *key,
                       gboolean copy_key)
{
  CxmAgg *agg = g_hash_table_lookup(table, key);
  if (agg == NULL) {
    agg = g_new0(CxmAgg, 1);
    g_hash_table_insert(table, copy_key ? g_strdup(key) : (gpointer) key, agg);
    rec->n_groups++;
  }
  return agg;
}

CxmAgg *
cxm_recorder_team_agg(CxmRecorder *rec, const char *team, const char **owned_name)
{
  gpointer key, agg;

  if (!g_hash_table_lookup_extended(rec->all.teams, team, &key, &agg)) {
    agg = cxm_recorder_table_agg(rec, rec->all.teams, team, TRUE);
    g_hash_table_lookup_extended(rec->all.teams, team, &key, NULL);
  }
  *owned_name = key;
  return agg;
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

gboolean
cxm_recorder_check_limit(const CxmRecorder *rec, guint64 n_new, const char *key,
                         GError **error)
{
  if (n_new == 0 || rec->max_groups == 0 || rec->n_groups + n_new <= rec->max_groups)
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
                n_new, rec->max_groups, rec->n_groups);
  return FALSE;
}

/* ---- the recorder ----------------------------------------------------------- */

CxmRecorder *
cxm_recorder_new(const CxmPolicy *policy)
{
  CxmRecorder *rec = g_new0(CxmRecorder, 1);
  g_rec_mutex_init(&rec->lock);
  rec->max_groups = CXM_DEFAULT_MAX_GROUPS;
  rec->policy = cxm_policy_copy(policy ? policy : cxm_policy_default());
  cxm_groups_init(&rec->all, TRUE);
  rec->days = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, groups_free);
  rec->line = g_string_new(NULL);
  return rec;
}

void
cxm_recorder_free(CxmRecorder *rec)
{
  if (rec == NULL)
    return;
  cxm_journal_file_close(rec->journal);
  cxm_policy_free(rec->policy);
  cxm_org_unref(rec->org);
  cxm_groups_clear(&rec->all);
  g_hash_table_destroy(rec->days);
  g_string_free(rec->line, TRUE);
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
  ok = cxm_groups_n(&rec->all) == 0;
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
CXM_RECORDER_GETTER(guint64, cxm_recorder_get_n, cxm_groups_n(&rec->all))

guint64
cxm_recorder_get_leadership_count(const CxmRecorder *rec, int type)
{
  guint64 sum = 0;

  g_return_val_if_fail(rec != NULL, 0);
  g_return_val_if_fail(type == CXM_UNSET || (type >= 0 && type < CXM_LEADERSHIP_COUNT),
                       0);
  LOCK(rec);
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    if (type == CXM_UNSET || type == i)
      sum += rec->leadership[i];
  UNLOCK(rec);
  return sum;
}

/* ---- recording -------------------------------------------------------------- */

/* Where an interaction goes. Looked up before anything changes, so that a
 * record beyond the group limit is refused whole. */
typedef struct {
  int level;
  const char *team, *employee;
  CxmAgg *team_agg, *employee_agg, *day_team_agg;
  const char *team_name; /* owned by the all-time table */
  Groups *day;
  gint64 day_number;
} Targets;

/* The level and team @it counts under: its own, else its employee's in
 * the org; records of no known level go to CXM_LEVEL_UNASSIGNED. */
static void
resolve_groups(const CxmRecorder *rec, const CxmInteraction *it, int *level,
               const char **team)
{
  const char *employee = it->employee_len ? it->employee : NULL;

  *level = it->level;
  *team = it->team_len ? it->team : NULL;
  if (rec->org != NULL && employee != NULL) {
    if (*level == CXM_UNSET)
      *level = cxm_org_get_level(rec->org, employee);
    if (*team == NULL)
      *team = cxm_org_get_team(rec->org, employee);
  }
  if (*level == CXM_UNSET)
    *level = CXM_LEVEL_UNASSIGNED;
}

static gboolean
find_targets(CxmRecorder *rec, const CxmInteraction *it, Targets *t, GError **error)
{
  gpointer name = NULL, agg = NULL;
  const char *first_new = NULL;
  guint64 n_new = 0;

  memset(t, 0, sizeof *t);
  resolve_groups(rec, it, &t->level, &t->team);
  t->employee = it->employee_len ? it->employee : NULL;

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
  return cxm_recorder_check_limit(rec, n_new, first_new, error);
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
      t->team_agg = cxm_recorder_team_agg(rec, t->team, &t->team_name);
    if (t->day_team_agg == NULL)
      t->day_team_agg = cxm_recorder_table_agg(rec, day->teams, t->team_name, FALSE);
    cxm_agg_apply(t->team_agg, delta);
    cxm_agg_apply(t->day_team_agg, delta);
  }
  if (t->employee != NULL) {
    if (t->employee_agg == NULL)
      t->employee_agg =
          cxm_recorder_table_agg(rec, rec->all.employees, t->employee, TRUE);
    cxm_agg_apply(t->employee_agg, delta);
  }
}

/* Appends @record to the journal or, replaying the journal itself, notes
 * its id. */
static gboolean
journal_record(CxmRecorder *rec, const CxmRecord *record, gboolean bulk, GError **error)
{
  const char *id = record->it->id;

  if (rec->replaying) {
    cxm_journal_file_remember_id(rec->journal, id);
    return TRUE;
  }
  cxm_record_to_line(record, rec->line);
  if (!cxm_journal_file_append(rec->journal, rec->line->str, rec->line->len, 1, bulk, error))
    return FALSE;
  cxm_journal_file_remember_id(rec->journal, id);
  return TRUE;
}

void
cxm_recorder_classify_record(const CxmRecorder *rec, const CxmRecord *record,
                             CxmOutcome *outcome)
{
  outcome->klass = cxm_classify_fast(rec->policy, record->it, &outcome->reason);
  resolve_groups(rec, record->it, &outcome->level, &outcome->team);
}

gboolean
cxm_recorder_add(CxmRecorder *rec, const CxmRecord *record, gboolean bulk,
                 CxmOutcome *outcome, GError **error)
{
  const gboolean interaction = record->kind == CXM_RECORD_INTERACTION;
  CxmAggDelta delta;
  Targets targets;
  CxmClass c = CXM_CLASS_NEUTRAL;
  CxmReason r = 0;
  gboolean ok = TRUE;

  if (interaction)
    c = cxm_classify_fast(rec->policy, record->it, &r); /* the policy never changes */
  LOCK(rec);
  if (rec->journal != NULL &&
      !cxm_journal_file_check_id(rec->journal, record->it->id, error)) {
    rec->duplicates++;
    ok = FALSE;
  } else if (interaction) {
    ok = find_targets(rec, record->it, &targets, error);
  }
  if (ok && rec->journal != NULL)
    ok = journal_record(rec, record, bulk, error);
  if (ok && !interaction) {
    rec->leadership[record->leadership_type]++;
  } else if (ok) {
    cxm_agg_delta(&delta, record->it, c, r);
    apply_targets(rec, &targets, &delta, record->it);
  }
  UNLOCK(rec);
  if (ok && interaction && outcome != NULL) {
    outcome->klass = c;
    outcome->reason = r;
    outcome->level = targets.level;
    outcome->team = targets.team;
  }
  return ok;
}

gboolean
cxm_recorder_record(CxmRecorder *rec, const CxmInteraction *it, CxmClass *klass,
                    CxmReason *reason, GError **error)
{
  CxmRecord record;
  const char *missing;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(it, error, FALSE);
  missing = cxm_interaction_missing_key(it);
  if (missing != NULL) {
    cxm_set_record_error(error, CXM_ERROR_MISSING, missing, "is required");
    return FALSE;
  }
  /* An interaction built through the API: its journal line is written out. */
  record.kind = CXM_RECORD_INTERACTION;
  record.leadership_type = CXM_UNSET;
  record.it = it;
  record.text = NULL;
  CxmOutcome outcome;
  gboolean ok = cxm_recorder_add(rec, &record, FALSE, &outcome, error);
  if (ok && klass)
    *klass = outcome.klass;
  if (ok && reason)
    *reason = outcome.reason;
  return ok;
}

gboolean
cxm_recorder_record_json(CxmRecorder *rec, const char *json, gssize length, char **id,
                         GError **error)
{
  CxmInteraction it;
  CxmRecord record;
  gboolean ok;

  if (id != NULL)
    *id = NULL;
  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(json, error, FALSE);
  ok = cxm_record_parser_parse(cxm_record_parser_for_thread(), json,
                               length < 0 ? strlen(json) : (gsize) length, FALSE, &it,
                               &record, error);
  if (ok && id != NULL)
    *id = g_strdup(it.id);
  return ok && cxm_recorder_add(rec, &record, FALSE, NULL, error);
}
