/* SPDX-License-Identifier: MIT */
/* The recorder's state, shared by the files that record into it
 * (recorder.c), merge it (recorder-merge.c), read it (recorder-query.c,
 * scopes.c, hotspots.c), journal it (recorder-journal.c) and snapshot it
 * (snapshot.c). */
#ifndef CXM_RECORDER_PRIVATE_H
#define CXM_RECORDER_PRIVATE_H

#include <pthread.h>

#include <cxm/journal.h>
#include <cxm/recorder.h>

#include "agg.h"
#include "journal-file.h"
#include "leadership.h"
#include "record-parse.h"

/* One set of groups. The recorder has one for all time and one per UTC day;
 * days keep no employees (scopes and employees are not per period). There
 * are no totals: every record is in exactly one level, so the totals are
 * the sum of the levels. */
typedef struct {
  CxmAgg levels[CXM_LEVEL_COUNT];
  CxmAgg channels[CXM_CHANNEL_COUNT];
  /* All time: name -> owned CxmAgg, the name stored after the sums. A
   * day: the name as owned by the recorder's all-time table (compared by
   * address) -> owned CxmAgg, so a record's team is hashed as a string
   * once. */
  GHashTable *teams;
  GHashTable *employees; /* all time only: as teams */
  /* Leadership events by their actor's level, and by team (keyed as
   * teams, by the all-time lead_teams' names) -> owned CxmLead. */
  CxmLead lead_levels[CXM_LEVEL_COUNT];
  GHashTable *lead_teams;
  /* All time only: actor or subject -> owned CxmLead, as teams. */
  GHashTable *lead_actors, *lead_subjects;
} Groups;

/* What a day weighs against the group limit: its level and channel sums. */
#define CXM_DAY_GROUPS (CXM_LEVEL_COUNT + CXM_CHANNEL_COUNT)

/* A set of sums: the recorder's own, or a shard's. */
typedef struct {
  Groups all;
  GHashTable *days; /* owned gint64 day number -> owned Groups */
  gint64 last_day;  /* cache: records tend to come in time order */
  Groups *last_day_groups;
} CxmStore;

/* What one thread records while no one reads: threads that record at once
 * each add to a shard of their own, under its own lock, and a read folds
 * the shards into the recorder's store. On cache lines of its own. */
typedef struct {
  /* pthread mutexes here, not GMutex: GLib's GMutex is a futex of its own
   * on Linux, which ThreadSanitizer cannot see, so every access it guards
   * would be reported as a race. */
  pthread_mutex_t lock;
  CxmStore *store; /* NULL until a record comes */
  guint64 n_new;   /* groups it made that the recorder's store lacked */
  GString *line;   /* the journal line being written */
} __attribute__((aligned(64))) CxmShard;

struct _CxmRecorder {
  /* Readers, merges and settings take @lock, recursive (a report calls
   * the public getters), and with it every shard's, folding them in; a
   * thread that records takes its shard's only. */
  GRecMutex lock;
  guint lock_depth; /* of the thread that holds @lock */
  CxmShard *shards;
  guint n_shards; /* 0: a private recorder, recorded into under @lock */
  CxmPolicy *policy;
  CxmOrg *org;
  CxmJournalFile *journal;
  pthread_mutex_t journal_lock; /* shards append one record at a time */
  gboolean replaying;    /* the journal's own records: ids only, no append */
  CxmSyncMode sync_mode; /* kept for a journal opened later */
  guint sync_records, sync_ms;
  guint64 journal_torn, duplicates;
  guint64 n_groups; /* groups of the store */
  guint64 max_groups;
  gsize pending; /* atomic: the groups shards made, not folded yet */
  CxmStore main;
  GString *line;   /* the journal line being written, private */
  int view_period; /* a period's view: its CxmPeriodKind; else CXM_UNSET */
};

/* A recorder that one thread at a time records into: no shards. For the
 * import's own sums, views and scratch recorders. */
CxmRecorder *cxm_recorder_new_private(const CxmPolicy *policy);

/* The recorder's lock, recursive: hold it across several reads that must
 * see one state (a report). */
void cxm_recorder_lock(const CxmRecorder *recorder);
void cxm_recorder_unlock(const CxmRecorder *recorder);

/* Defines a public getter of one value of a recorder, read under its lock. */
#define CXM_RECORDER_GETTER(Type, function, expr) \
  Type function(const CxmRecorder *rec)           \
  {                                               \
    Type value;                                   \
    g_return_val_if_fail(rec != NULL, 0);         \
    cxm_recorder_lock(rec);                       \
    value = (expr);                               \
    cxm_recorder_unlock(rec);                     \
    return value;                                 \
  }

/* ---- groups (recorder.c) ---------------------------------------------- */

/* An empty store, and its release. */
void cxm_store_init(CxmStore *store);
void cxm_store_clear(CxmStore *store);
/* The sums under @key in @table, created empty if needed (one more of
 * *@n_groups). In an all-time table @key is copied; in a day's table it
 * must be the store's all-time name. */
CxmAgg *cxm_store_table_agg(GHashTable *table, const char *key, gboolean copy_key,
                            guint64 *n_groups);
/* The same for leadership tables: CxmLead sums. */
CxmLead *cxm_store_table_lead(GHashTable *table, const char *key, gboolean copy_key,
                              guint64 *n_groups);
/* The all-time lead_teams sums of @store and the name they own. */
CxmLead *cxm_store_team_lead(CxmStore *store, const char *team, const char **owned_name,
                             guint64 *n_groups);
/* The all-time team sums of @store and the team name they own, created if
 * needed. */
CxmAgg *cxm_store_team_agg(CxmStore *store, const char *team, const char **owned_name,
                           guint64 *n_groups);
/* The groups of @day in @store, created if needed (CXM_DAY_GROUPS more). */
Groups *cxm_store_day_groups(CxmStore *store, gint64 day, guint64 *n_groups);

/* Empty groups: all-time ones (@all_time) own their keys and keep
 * employees. */
void cxm_groups_init(Groups *groups, gboolean all_time);
void cxm_groups_clear(Groups *groups);
/* The totals of @groups: the sum of its levels. */
void cxm_groups_totals(const Groups *groups, CxmAgg *totals);
/* The leadership events of @groups: the sum of its levels'. */
void cxm_groups_lead_totals(const Groups *groups, CxmLead *totals);
/* The records of @groups: the sum of its levels'. */
static inline guint64
cxm_groups_n(const Groups *groups)
{
  guint64 n = 0;
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    n += cxm_agg_n(&groups->levels[i]);
  return n;
}
/* The cxm_store_*() of the recorder's own store, counted in its groups. */
CxmAgg *cxm_recorder_table_agg(CxmRecorder *recorder, GHashTable *table, const char *key,
                               gboolean copy_key);
CxmAgg *cxm_recorder_team_agg(CxmRecorder *recorder, const char *team,
                              const char **owned_name);
Groups *cxm_recorder_day_groups(CxmRecorder *recorder, gint64 day);
/* FALSE, with CXM_ERROR_LIMIT about record key @key (NULL: a merge), when
 * @n_new more groups would go beyond the limit. */
gboolean cxm_recorder_check_limit(const CxmRecorder *recorder, guint64 n_new,
                                  const char *key, GError **error);

/* ---- recording (recorder.c) ------------------------------------------- */

/* What became of an interaction: its class and the groups it counts in.
 * @team is the record's or the org's. */
typedef struct {
  CxmClass klass;
  CxmReason reason;
  int level;
  const char *team;
} CxmOutcome;

/* Adds one valid record. Checks the journal's ids and the group limit,
 * appends to the journal, then adds; nothing changes on error. In @bulk
 * (an import, which syncs once at its end) CXM_SYNC_ALWAYS does not sync
 * each record. @outcome (nullable) is filled for an interaction. */
gboolean cxm_recorder_add(CxmRecorder *recorder, const CxmRecord *record, gboolean bulk,
                          CxmOutcome *outcome, GError **error);
/* The outcome of an interaction that is not added (a dry run). */
void cxm_recorder_classify_record(const CxmRecorder *recorder, const CxmRecord *record,
                                  CxmOutcome *outcome);

/* The journal's sync that the appends of an import (@bulk) deferred to its
 * end (recorder-journal.c). */
gboolean cxm_recorder_sync_bulk(CxmRecorder *recorder, GError **error);

/* ---- merging (recorder-merge.c) ---------------------------------------- */

/* cxm_recorder_merge() in two steps, both recorders locked by the caller:
 * whether @src may merge into @dest (policy, 2^53 records, group limit),
 * then the merge itself, which cannot fail. */
gboolean cxm_recorder_merge_check(const CxmRecorder *dest, const CxmRecorder *src,
                                  GError **error);
void cxm_recorder_merge_apply(CxmRecorder *dest, const CxmRecorder *src);
/* The same, taking the per-person sums that @dest lacks from @src rather
 * than copying them: an import's block of new employees then costs their
 * sums once. @src is left with only what it had in common with @dest. */
void cxm_recorder_merge_consume(CxmRecorder *dest, CxmRecorder *src);

/* Adds @src (all-time or a day's groups) into @recorder's all-time groups. */
void cxm_recorder_merge_groups(CxmRecorder *recorder, const Groups *src);
/* The same for a shard's all-time groups, which it may empty. */
void cxm_recorder_fold_groups(CxmRecorder *recorder, Groups *src);
/* Adds a day of another recorder (team keys are plain names) into @dest,
 * a day of @recorder. */
void cxm_recorder_merge_day(CxmRecorder *recorder, Groups *dest, const Groups *src);

/* ---- reading (recorder-query.c, scopes.c) ------------------------------- */

/* A new recorder holding the sums of the period @name of @kind (no
 * employees); empty for a name that is not a period. The caller holds
 * @recorder's lock and frees the view. */
CxmRecorder *cxm_recorder_period_view(const CxmRecorder *recorder, CxmPeriodKind kind,
                                      const char *name);
/* The stats of one group of @recorder, lock held; NULL when it has no
 * such group. @cadence: as for cxm_lead_sums(). */
CxmStats *cxm_recorder_stats_unlocked(const CxmRecorder *recorder, CxmGroupKind kind,
                                      const char *key, GHashTable *cadence);
/* The scopes of @recorder's org (scopes.c), made once to be read in any
 * order, each in O(log n); the caller holds the lock while it is used. */
typedef struct _CxmScopeIndex CxmScopeIndex;
CxmScopeIndex *cxm_scope_index_new(const CxmRecorder *recorder);
void cxm_scope_index_free(CxmScopeIndex *index);
/* The stats of @person's scope, with everyone below them (@cumulative) or
 * their own; NULL for someone neither in the org nor unknown_manager. */
CxmStats *cxm_scope_index_get(const CxmScopeIndex *index, const char *person,
                              gboolean cumulative);
/* The scope keys as a report lists them: the org chart from the top (each
 * person before their reports, cxm_org_tree_order()), only the people at
 * @level (a CxmLevel) unless it is CXM_UNSET, then unknown_manager when it
 * has records and no level is asked. NULL with an error without an org. */
char **cxm_recorder_scope_tree(const CxmRecorder *recorder, int level, GError **error);

#endif
