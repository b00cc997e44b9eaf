/* cxm/recorder.h: validate, classify and aggregate interactions per group. */
#ifndef CXM_RECORDER_H
#define CXM_RECORDER_H

#include <cxm/classify.h>
#include <cxm/org.h>
#include <cxm/period.h>
#include <cxm/policy.h>
#include <cxm/stats.h>

G_BEGIN_DECLS

typedef enum {
  CXM_GROUP_TOTALS,    /* key ignored */
  CXM_GROUP_LEVEL,     /* key: a level name or "unassigned" */
  CXM_GROUP_TEAM,      /* key: the team */
  CXM_GROUP_EMPLOYEE,  /* key: the employee */
  CXM_GROUP_CHANNEL,   /* key: a channel name */
  CXM_GROUP_KIND_COUNT
} CxmGroupKind;

/**
 * CxmRecorder:
 * Aggregates of accepted interactions: totals, each level (records without
 * a level count under "unassigned"), each team, employee and channel, and
 * the same but employees per UTC day (weeks and months are sums of days).
 * With an org (cxm_recorder_set_org()), a record without level or team
 * takes its employee's, and each person's scope can be read: direct (their
 * own interactions) and cumulative (theirs and everyone's below them).
 * Aggregates are sums and counts only, so two recorders merge exactly.
 * Records themselves are not kept, except in a journal
 * (cxm_journal_open()).
 *
 * Thread-safe: every function takes the recorder's lock, so any number of
 * threads may record into and read from one recorder at once; a report
 * sees the sums as they were at one instant. Recording holds the lock for
 * about 150 ns (plus the write and any sync of a journal).
 */
typedef struct _CxmRecorder CxmRecorder;

/* Returns a new, empty recorder working under a copy of @policy (NULL: the
 * defaults). Free with cxm_recorder_free(). Never returns NULL. */
CXM_EXTERN CxmRecorder *cxm_recorder_new(const CxmPolicy *policy);
/* Frees a recorder. Accepts NULL. */
CXM_EXTERN void cxm_recorder_free(CxmRecorder *recorder);
/* The recorder's own policy, valid as long as the recorder. */
CXM_EXTERN const CxmPolicy *cxm_recorder_get_policy(const CxmRecorder *recorder);

/**
 * cxm_recorder_record:
 * @klass: (out) (optional), @reason: (out) (optional): the classification
 *
 * Checks that the required fields (id, ts, channel) are present, classifies
 * the interaction and adds it to its groups. On error (CXM_ERROR_MISSING
 * naming the key, or CXM_ERROR_INVALID_ARGUMENT) nothing changes. The
 * interaction is only read; the recorder copies what it keeps.
 */
CXM_EXTERN gboolean cxm_recorder_record(CxmRecorder *recorder,
                                        const CxmInteraction *interaction,
                                        CxmClass *klass, CxmReason *reason,
                                        GError **error);

/**
 * cxm_recorder_record_json:
 * @json: one JSON Lines record (SPEC section 2), without its line end
 * @length: bytes in @json, or -1 when it is NUL-terminated
 * @id: (out) (optional): the record's id whenever it is a valid record,
 *   added or not (CXM_ERROR_DUPLICATE_ID, LIMIT, IO), else NULL; free with
 *   cxm_free()
 *
 * Validates, classifies and adds one record given as JSON text: an
 * interaction, or a leadership event ("kind": "leadership"), which is
 * counted. With a journal it is appended as parsed, as one line of compact
 * JSON (unknown keys kept, spaces dropped). Errors are those
 * of the import (SPEC section 7), of cxm_recorder_record() and, with a
 * journal, CXM_ERROR_IO and CXM_ERROR_DUPLICATE_ID; on error nothing
 * changes. @json is not kept.
 */
CXM_EXTERN gboolean cxm_recorder_record_json(CxmRecorder *recorder,
                                             const char *json, gssize length,
                                             char **id, GError **error);

/* The default of cxm_recorder_set_max_groups(). */
#define CXM_DEFAULT_MAX_GROUPS G_GUINT64_CONSTANT(4000000)

/* Bounds the sets of sums a recorder keeps, about 1 KiB each, so that
 * hostile input cannot exhaust memory: each team, employee and team within
 * a UTC day counts one, and each UTC day 11 (its levels and channels). A
 * record or merge that would go beyond fails with CXM_ERROR_LIMIT and
 * changes nothing. A bound below the groups already kept only stops new
 * ones. 0 means no bound. */
CXM_EXTERN void cxm_recorder_set_max_groups(CxmRecorder *recorder,
                                            guint64 max_groups);
CXM_EXTERN guint64 cxm_recorder_get_max_groups(const CxmRecorder *recorder);
/* The distinct groups kept so far, counted as cxm_recorder_set_max_groups()
 * counts them. */
CXM_EXTERN guint64 cxm_recorder_get_n_groups(const CxmRecorder *recorder);

/* Attaches @org (the recorder takes a reference): from now on a record
 * without level or team takes its employee's from the org, and scopes can
 * be read. Only an empty recorder accepts an org, since records already
 * counted would not be re-grouped: CXM_ERROR_INVALID_ARGUMENT otherwise.
 * NULL detaches. */
CXM_EXTERN gboolean cxm_recorder_set_org(CxmRecorder *recorder, CxmOrg *org,
                                         GError **error);
/* The attached org, or NULL; owned by the recorder. */
CXM_EXTERN CxmOrg *cxm_recorder_get_org(const CxmRecorder *recorder);

/* Interactions accepted so far (the totals' n). */
CXM_EXTERN guint64 cxm_recorder_get_n(const CxmRecorder *recorder);
/* Leadership events accepted so far, all types (@type CXM_UNSET) or one. */
CXM_EXTERN guint64 cxm_recorder_get_leadership_count(const CxmRecorder *recorder,
                                                     int type);

/* Adds @src's aggregates to @dest. Both must have been built under policies
 * with the same fingerprint, else CXM_ERROR_POLICY_MISMATCH and @dest is
 * unchanged; so is it when the merge would exceed @dest's group limit or
 * hold more than 2^53 records (CXM_ERROR_LIMIT). @src is not modified, and
 * not journaled in @dest. */
CXM_EXTERN gboolean cxm_recorder_merge(CxmRecorder *dest, const CxmRecorder *src,
                                       GError **error);

/* Returns a copy of one group's sums (free with cxm_stats_free()), or NULL
 * with CXM_ERROR_NOT_FOUND for a team or employee never seen or an unknown
 * level or channel name, CXM_ERROR_INVALID_ARGUMENT for bad arguments.
 * Levels and channels always exist, with zeros where empty. */
CXM_EXTERN CxmStats *cxm_recorder_get_stats(const CxmRecorder *recorder,
                                            CxmGroupKind kind, const char *key,
                                            GError **error);
/* The keys of one kind of group as a NULL-terminated array (free with
 * cxm_strv_free()), or NULL with CXM_ERROR_INVALID_ARGUMENT. Teams and
 * employees are sorted bytewise; levels and channels list every name in
 * SPEC order ("unassigned" only when it has records); totals gives an
 * empty array. */
CXM_EXTERN char **cxm_recorder_get_keys(const CxmRecorder *recorder,
                                        CxmGroupKind kind, GError **error);

/* The periods of @kind that hold interactions, in time order, as a
 * NULL-terminated array (free with cxm_strv_free()). */
CXM_EXTERN char **cxm_recorder_get_periods(const CxmRecorder *recorder,
                                           CxmPeriodKind kind, GError **error);
/* One group within one period ("2026-W09"): @kind and @key as for
 * cxm_recorder_get_stats() except that CXM_GROUP_EMPLOYEE is not kept per
 * period (CXM_ERROR_INVALID_ARGUMENT). A period or team without
 * interactions gives zeros, not an error; a malformed period name is
 * CXM_ERROR_INVALID_ARGUMENT. Free with cxm_stats_free(). */
CXM_EXTERN CxmStats *cxm_recorder_get_period_stats(const CxmRecorder *recorder,
                                                   CxmPeriodKind period_kind,
                                                   const char *period,
                                                   CxmGroupKind kind,
                                                   const char *key,
                                                   GError **error);

/* The name of the scope of employees absent from the org. */
#define CXM_SCOPE_UNKNOWN_MANAGER "unknown_manager"

/* The scope keys: every person of the org, sorted bytewise, then
 * CXM_SCOPE_UNKNOWN_MANAGER when employees outside the org have
 * interactions. CXM_ERROR_INVALID_ARGUMENT without an org. */
CXM_EXTERN char **cxm_recorder_get_scopes(const CxmRecorder *recorder,
                                          GError **error);
/* A person's scope: @cumulative FALSE gives their own interactions, TRUE
 * theirs and those of everyone who reports to them, recursively. For
 * CXM_SCOPE_UNKNOWN_MANAGER both are the interactions of employees absent
 * from the org. CXM_ERROR_NOT_FOUND for anyone else not in the org,
 * CXM_ERROR_INVALID_ARGUMENT without an org. Free with cxm_stats_free(). */
CXM_EXTERN CxmStats *cxm_recorder_get_scope_stats(const CxmRecorder *recorder,
                                                  const char *person,
                                                  gboolean cumulative,
                                                  GError **error);

/* A hot spot: one difficult-moment kind within one team or channel. */
typedef struct {
  CxmDifficulty difficulty;
  CxmGroupKind kind;      /* CXM_GROUP_TEAM or CXM_GROUP_CHANNEL */
  char *key;              /* the team or channel name */
  CxmBreakdown counts;    /* count, momentum, disappointment, recovered */
} CxmHotspot;

/* Every (kind, team) and (kind, channel) pair with records, worst first:
 * most disappointments, then most records, kinds in SPEC order, teams
 * before channels, keys bytewise: the list a team sits down with to find
 * which difficult moments recur and where. Returns *@n_hotspots entries
 * (possibly none, then NULL); free with cxm_hotspots_free(). NULL with
 * CXM_ERROR_INVALID_ARGUMENT for NULL arguments. */
CXM_EXTERN CxmHotspot *cxm_recorder_get_hotspots(const CxmRecorder *recorder,
                                                 gsize *n_hotspots,
                                                 GError **error);
/* Frees what cxm_recorder_get_hotspots() returned. Accepts NULL. */
CXM_EXTERN void cxm_hotspots_free(CxmHotspot *hotspots, gsize n_hotspots);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmRecorder, cxm_recorder_free)

G_END_DECLS

#endif
