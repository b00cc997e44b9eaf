/* SPDX-License-Identifier: MIT */
/* Recording: a record classified and added to its groups. A private
 * recorder adds to its store under its lock; a shared one adds to the
 * calling thread's shard under the shard's lock only, so that threads
 * recording at once do not wait for each other (a read folds the shards
 * in). A record beyond the group limit is refused whole, with the groups
 * counted as the store would count them. */
#include "config.h"

#include <string.h>

#include "classify-private.h"
#include "error-private.h"
#include "org-private.h"
#include "period-private.h"
#include "policy-private.h"
#include "record-json.h"
#include "recorder-private.h"

/* The calling thread's number, from 0, given when it first records. */
static guint
thread_number(void)
{
  static gint next;
  static __thread guint number; /* 0: none yet; else the number plus one */

  if (number == 0)
    number = (guint) g_atomic_int_add(&next, 1) + 1;
  return number - 1;
}

/* Where an interaction goes in a store. Looked up before anything changes,
 * so that a record beyond the group limit is refused whole. */
typedef struct {
  int level;
  const char *team, *employee;
  CxmAgg *team_agg, *employee_agg, *day_team_agg;
  const char *team_name; /* owned by the store's all-time table */
  Groups *day;
  gint64 day_number;
  guint64 n_new; /* groups the recorder lacks: in neither store */
} Targets;

static Groups *
store_day(CxmStore *store, gint64 day)
{
  if (store->last_day_groups != NULL && store->last_day == day)
    return store->last_day_groups;
  return g_hash_table_lookup(store->days, &day);
}

/* TRUE when the recorder's own store, which a shard's record adds to
 * later, lacks the team within @day. */
static gboolean
main_lacks_day_team(CxmRecorder *rec, gint64 day, const char *team)
{
  gpointer name;
  const Groups *g = store_day(&rec->main, day);
  return g == NULL ||
         !g_hash_table_lookup_extended(rec->main.all.teams, team, &name, NULL) ||
         !g_hash_table_contains(g->teams, name);
}

static gboolean
find_targets(CxmRecorder *rec, CxmStore *store, const CxmInteraction *it, Targets *t,
             GError **error)
{
  const gboolean shard = store != &rec->main;
  gpointer name = NULL, agg = NULL;
  const char *first_new = NULL;

  memset(t, 0, sizeof *t);
  t->employee = it->employee_len ? it->employee : NULL;
  cxm_org_resolve(rec->org, it, t->employee, &t->level, &t->team);
  t->day_number = cxm_policy_day_number(rec->policy, t->team, it->ts);
  t->day = store_day(store, t->day_number);
  if (t->day == NULL && (!shard || store_day(&rec->main, t->day_number) == NULL)) {
    t->n_new += CXM_DAY_GROUPS;
    first_new = "ts";
  }
  if (t->team != NULL) {
    if (g_hash_table_lookup_extended(store->all.teams, t->team, &name, &agg)) {
      t->team_agg = agg;
      t->team_name = name;
      if (t->day != NULL)
        t->day_team_agg = g_hash_table_lookup(t->day->teams, name);
    } else if (!shard || !g_hash_table_contains(rec->main.all.teams, t->team)) {
      t->n_new++;
    }
    if (t->day_team_agg == NULL &&
        (!shard || main_lacks_day_team(rec, t->day_number, t->team))) {
      t->n_new++;
      first_new = first_new ? first_new : "team";
    }
  }
  if (t->employee != NULL) {
    t->employee_agg = g_hash_table_lookup(store->all.employees, t->employee);
    if (t->employee_agg == NULL &&
        (!shard || !g_hash_table_contains(rec->main.all.employees, t->employee))) {
      t->n_new++;
      first_new = first_new ? first_new : "employee";
    }
  }
  return cxm_recorder_check_limit(rec, t->n_new, first_new, error);
}

/* Adds an interaction to its groups in @store, counting what it makes in
 * *@n_groups. */
static void
apply_targets(CxmStore *store, Targets *t, const CxmAggDelta *delta,
              const CxmInteraction *it, guint64 *n_groups)
{
  Groups *day = t->day ? t->day : cxm_store_day_groups(store, t->day_number, n_groups);
  CxmAgg *aggs[CXM_AGG_RECORD_GROUPS];
  guint n = 0;

  store->last_day = t->day_number;
  store->last_day_groups = day;
  aggs[n++] = &store->all.levels[t->level];
  aggs[n++] = &day->levels[t->level];
  aggs[n++] = &store->all.channels[it->channel];
  aggs[n++] = &day->channels[it->channel];
  if (t->team != NULL) {
    if (t->team_agg == NULL)
      t->team_agg = cxm_store_team_agg(store, t->team, &t->team_name, n_groups);
    if (t->day_team_agg == NULL)
      t->day_team_agg = cxm_store_table_agg(day->teams, t->team_name, FALSE, n_groups);
    aggs[n++] = t->team_agg;
    aggs[n++] = t->day_team_agg;
  }
  if (t->employee != NULL) {
    if (t->employee_agg == NULL)
      t->employee_agg =
          cxm_store_table_agg(store->all.employees, t->employee, TRUE, n_groups);
    aggs[n++] = t->employee_agg;
  }
  cxm_agg_apply(aggs, n, delta);
}

/* ---- leadership events ---------------------------------------------------- */

static gboolean
day_lacks_lead_team(CxmStore *store, gint64 day, const char *team)
{
  gpointer name;
  const Groups *g = store_day(store, day);
  return g == NULL ||
         !g_hash_table_lookup_extended(store->all.lead_teams, team, &name, NULL) ||
         !g_hash_table_contains(g->lead_teams, name);
}

/* Where a leadership event goes: its actor's level, its team (its own,
 * else the actor's in the org), its day, its actor and subject. The groups
 * it would make are counted in @t->n_new as find_targets() counts them. */
static gboolean
find_lead_targets(CxmRecorder *rec, CxmStore *store, const CxmRecord *record, Targets *t,
                  GError **error)
{
  const gboolean shard = store != &rec->main;
  const char *first_new = NULL;
  const char *subject = record->subject[0] ? record->subject : NULL;

  memset(t, 0, sizeof *t);
  cxm_org_resolve(rec->org, record->it, record->actor, &t->level, &t->team);
  t->day_number = cxm_policy_day_number(rec->policy, t->team, record->it->ts);
/* New to @store and, recording into a shard, to the recorder's own. */
#define LACKS(in_store, in_main) ((in_store) && (!shard || (in_main)))
  if (LACKS(store_day(store, t->day_number) == NULL,
            store_day(&rec->main, t->day_number) == NULL)) {
    t->n_new += CXM_DAY_GROUPS;
    first_new = "ts";
  }
  if (t->team != NULL) {
    if (LACKS(!g_hash_table_contains(store->all.lead_teams, t->team),
              !g_hash_table_contains(rec->main.all.lead_teams, t->team)))
      t->n_new++;
    if (LACKS(day_lacks_lead_team(store, t->day_number, t->team),
              day_lacks_lead_team(&rec->main, t->day_number, t->team))) {
      t->n_new++;
      first_new = first_new ? first_new : "team";
    }
  }
  if (LACKS(!g_hash_table_contains(store->all.lead_actors, record->actor),
            !g_hash_table_contains(rec->main.all.lead_actors, record->actor))) {
    t->n_new++;
    first_new = first_new ? first_new : "actor";
  }
  if (subject != NULL &&
      LACKS(!g_hash_table_contains(store->all.lead_subjects, subject),
            !g_hash_table_contains(rec->main.all.lead_subjects, subject))) {
    t->n_new++;
    first_new = first_new ? first_new : "subject";
  }
#undef LACKS
  return cxm_recorder_check_limit(rec, t->n_new, first_new, error);
}

static void
apply_lead_targets(CxmStore *store, const Targets *t, const CxmRecord *record,
                   guint64 *n_groups)
{
  const int type = record->leadership_type;
  Groups *day = cxm_store_day_groups(store, t->day_number, n_groups);

  store->all.lead_levels[t->level].by_type[type]++;
  day->lead_levels[t->level].by_type[type]++;
  if (t->team != NULL) {
    const char *name;
    cxm_store_team_lead(store, t->team, &name, n_groups)->by_type[type]++;
    cxm_store_table_lead(day->lead_teams, name, FALSE, n_groups)->by_type[type]++;
  }
  cxm_store_table_lead(store->all.lead_actors, record->actor, TRUE, n_groups)
      ->by_type[type]++;
  if (record->subject[0])
    cxm_store_table_lead(store->all.lead_subjects, record->subject, TRUE, n_groups)
        ->by_type[type]++;
}

/* Appends @record to the journal or, replaying the journal itself, notes
 * its id. */
static gboolean
journal_record(CxmRecorder *rec, const CxmRecord *record, GString *line, gboolean bulk,
               GError **error)
{
  const char *id = record->it->id;

  if (!rec->replaying) {
    cxm_record_to_line(record, line);
    if (!cxm_journal_file_append(rec->journal, line->str, line->len, 1, bulk, error))
      return FALSE;
  }
  cxm_journal_file_remember_id(rec->journal, id);
  return TRUE;
}

void
cxm_recorder_classify_record(const CxmRecorder *rec, const CxmRecord *record,
                             CxmOutcome *outcome)
{
  outcome->klass = cxm_classify_fast(rec->policy, record->it, &outcome->reason);
  cxm_org_resolve(rec->org, record->it,
                  record->it->employee_len ? record->it->employee : NULL, &outcome->level,
                  &outcome->team);
}

/* FALSE, with CXM_ERROR_LIMIT naming the count, when one more record
 * (@interaction) or leadership event could take the recorder past 2^53,
 * which no snapshot could hold. @store is the recorder's own or a shard's;
 * the other shards are not read, so each shard takes at most its share of
 * what the recorder's own store leaves: main + n_shards * (shard + 1) <=
 * 2^53 bounds their sum. (The recorder's own store changes only under
 * every shard's lock, one of which the caller holds.) */
static gboolean
check_room(const CxmRecorder *rec, const CxmStore *store, gboolean interaction,
           GError **error)
{
  const gboolean own = store == &rec->main;
  guint64 main, mine;

  if (interaction) {
    main = cxm_groups_n(&rec->main.all);
    mine = own ? 0 : cxm_groups_n(&store->all);
  } else {
    CxmLead lead;
    cxm_groups_lead_totals(&rec->main.all, &lead);
    main = cxm_lead_total(&lead);
    cxm_groups_lead_totals(&store->all, &lead);
    mine = own ? 0 : cxm_lead_total(&lead);
  }
  /* (CXM_MAX_RECORDS - main) / n >= mine + 1, without a division on
   * every record: mine <= 2^53 and n <= 64, so the product fits. */
  if (main < CXM_MAX_RECORDS &&
      (mine + 1) * MAX(rec->n_shards, 1) <= CXM_MAX_RECORDS - main)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
              "the recorder holds %" G_GUINT64_FORMAT " %s, the most it can (2^53)",
              main + mine, interaction ? "records" : "leadership events");
  return FALSE;
}

/* Adds @record to @store: the journal's part first (its id, then the
 * line), then the sums. */
static gboolean
add_to(CxmRecorder *rec, CxmStore *store, GString *line, const CxmRecord *record,
       gboolean bulk, CxmClass c, CxmReason r, Targets *targets, guint64 *n_groups,
       GError **error)
{
  const gboolean interaction = record->kind == CXM_RECORD_INTERACTION;
  gboolean ok = TRUE;

  if (rec->journal != NULL) {
    /* One record at a time in the file, whichever shard it counts in. */
    pthread_mutex_lock(&rec->journal_lock);
    if (!cxm_journal_file_check_id(rec->journal, record->it->id, error)) {
      rec->duplicates++;
      ok = FALSE;
    }
  }
  if (ok)
    ok = check_room(rec, store, interaction, error);
  if (ok)
    ok = interaction ? find_targets(rec, store, record->it, targets, error)
                     : find_lead_targets(rec, store, record, targets, error);
  if (ok && rec->journal != NULL)
    ok = journal_record(rec, record, line, bulk, error);
  if (rec->journal != NULL)
    pthread_mutex_unlock(&rec->journal_lock);
  if (ok && !interaction) {
    apply_lead_targets(store, targets, record, n_groups);
  } else if (ok) {
    CxmAggDelta delta;
    cxm_agg_delta(&delta, record->it, c, r);
    apply_targets(store, targets, &delta, record->it, n_groups);
  }
  return ok;
}

gboolean
cxm_recorder_add(CxmRecorder *rec, const CxmRecord *record, gboolean bulk,
                 CxmOutcome *outcome, GError **error)
{
  const gboolean interaction = record->kind == CXM_RECORD_INTERACTION;
  Targets targets;
  CxmClass c = CXM_CLASS_NEUTRAL;
  CxmReason r = 0;
  gboolean ok;

  if (interaction)
    c = cxm_classify_fast(rec->policy, record->it, &r); /* the policy never changes */
  if (rec->n_shards == 0) {
    cxm_recorder_lock(rec);
    ok = add_to(rec, &rec->main, rec->line, record, bulk, c, r, &targets, &rec->n_groups,
                error);
    cxm_recorder_unlock(rec);
  } else {
    CxmShard *shard = &rec->shards[thread_number() % rec->n_shards];
    guint64 made = 0; /* what the shard makes; the recorder counts targets.n_new */
    pthread_mutex_lock(&shard->lock);
    if (shard->store == NULL) {
      shard->store = g_new(CxmStore, 1);
      cxm_store_init(shard->store);
    }
    ok = add_to(rec, shard->store, shard->line, record, bulk, c, r, &targets, &made,
                error);
    if (ok && targets.n_new > 0) {
      shard->n_new += targets.n_new;
      g_atomic_pointer_add(&rec->pending, (gssize) targets.n_new);
    }
    pthread_mutex_unlock(&shard->lock);
  }
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
  CxmOutcome outcome;
  const char *missing;
  gboolean ok;

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
  ok = cxm_recorder_add(rec, &record, FALSE, &outcome, error);
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
