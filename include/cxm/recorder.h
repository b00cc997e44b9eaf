/* SPDX-License-Identifier: MIT */
/**
 * SECTION:recorder
 * @title: cxm/recorder.h
 * @short_description: validate, classify and aggregate interactions per group
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_RECORDER_H
#define CXM_RECORDER_H

#include <cxm/classify.h>
#include <cxm/filter.h>
#include <cxm/org.h>
#include <cxm/period.h>
#include <cxm/policy.h>
#include <cxm/stats.h>

G_BEGIN_DECLS

/**
 * CxmGroupKind:
 * @CXM_GROUP_TOTALS: every interaction; the key is ignored
 * @CXM_GROUP_LEVEL: key: a level name or "unassigned"
 * @CXM_GROUP_TEAM: key: the team
 * @CXM_GROUP_EMPLOYEE: key: the employee
 * @CXM_GROUP_CHANNEL: key: a channel name
 * @CXM_GROUP_KIND_COUNT: the number of kinds; not a kind
 *
 * The kinds of group a recorder keeps sums for, each with the key that
 * names one group of it.
 */
typedef enum {
  CXM_GROUP_TOTALS,
  CXM_GROUP_LEVEL,
  CXM_GROUP_TEAM,
  CXM_GROUP_EMPLOYEE,
  CXM_GROUP_CHANNEL,
  CXM_GROUP_KIND_COUNT
} CxmGroupKind;

/**
 * CxmRecorder:
 *
 * Aggregates of accepted interactions: totals, each level (records without
 * a level count under "unassigned"), each team, employee and channel, and
 * the same but employees per UTC day (weeks and months are sums of days).
 * With an org (cxm_recorder_set_org()), a record without level or team
 * takes its employee's, and each person's scope can be read: direct (their
 * own interactions) and cumulative (theirs and everyone's below them).
 * Aggregates are sums and counts only, so two recorders merge exactly.
 * Records themselves are not kept, except in a journal
 * (cxm_journal_open()). g_autoptr(CxmRecorder) frees a recorder.
 *
 * Thread-safe: every function takes the recorder's lock, so any number of
 * threads may record into and read from one recorder at once; a report
 * sees the sums as they were at one instant. Recording holds the lock for
 * about 150 ns (plus the write and any sync of a journal).
 */
typedef struct _CxmRecorder CxmRecorder;

/**
 * cxm_recorder_new:
 * @policy: (nullable): the policy to work under, copied; %NULL means the
 *   defaults
 *
 * Creates an empty recorder working under a copy of @policy, with no org,
 * no journal and a bound of %CXM_DEFAULT_MAX_GROUPS groups.
 *
 * Returns: (transfer full): a new recorder; free with cxm_recorder_free().
 *   Never %NULL.
 */
CXM_EXTERN CxmRecorder *cxm_recorder_new(const CxmPolicy *policy);
/**
 * cxm_recorder_free:
 * @recorder: (nullable) (transfer full): a recorder
 *
 * Frees a recorder, releases its reference to its org, and closes its
 * journal (see cxm_journal_open()). Accepts %NULL.
 */
CXM_EXTERN void cxm_recorder_free(CxmRecorder *recorder);
/**
 * cxm_recorder_get_policy:
 * @recorder: a recorder
 *
 * The recorder's own policy, which never changes.
 *
 * Returns: (transfer none): the policy, owned by the recorder and valid as
 *   long as it
 */
CXM_EXTERN const CxmPolicy *cxm_recorder_get_policy(const CxmRecorder *recorder);

/**
 * cxm_recorder_record:
 * @recorder: a recorder
 * @interaction: the record; only read, the recorder copies what it keeps
 * @klass: (out) (optional): the class it was given
 * @reason: (out) (optional): the reason of its class
 * @error: return location for a #GError, or %NULL
 *
 * Checks that the required fields (id, ts, channel) are present, classifies
 * the interaction and adds it to its groups; with a journal, appends it to
 * the journal first. On error nothing changes.
 *
 * Returns: %TRUE when recorded, with @klass and @reason set; %FALSE with
 *   %CXM_ERROR_MISSING naming the key, %CXM_ERROR_LIMIT when it would make
 *   groups beyond the recorder's bound (cxm_recorder_set_max_groups()) or
 *   the recorder already holds 2^53 records (no snapshot could hold one
 *   more; in a recorder from cxm_recorder_new(), the calling thread's
 *   shard, one of one per CPU, may take only its equal share of the room
 *   left), with a journal %CXM_ERROR_DUPLICATE_ID (%CXM_JOURNAL_UNIQUE_IDS)
 *   or %CXM_ERROR_IO (the journal could not be written or synced), or
 *   %CXM_ERROR_INVALID_ARGUMENT
 */
CXM_EXTERN gboolean cxm_recorder_record(CxmRecorder *recorder,
                                        const CxmInteraction *interaction,
                                        CxmClass *klass, CxmReason *reason,
                                        GError **error);

/**
 * cxm_recorder_record_json:
 * @recorder: a recorder
 * @json: one JSON Lines record (SPEC section 2), without its line end
 * @length: bytes in @json, or -1 when it is NUL-terminated
 * @id: (out) (optional) (nullable) (transfer full): the record's id whenever
 *   it is a valid record, added or not (%CXM_ERROR_DUPLICATE_ID, LIMIT, IO),
 *   else %NULL; free with cxm_free()
 * @error: return location for a #GError, or %NULL
 *
 * Validates, classifies and adds one record given as JSON text: an
 * interaction, or a leadership event ("kind": "leadership"), which is
 * counted. With a journal it is appended as parsed, as one line of compact
 * JSON (unknown keys kept, spaces dropped). @json is not kept.
 *
 * Returns: %TRUE when added; %FALSE, with nothing changed, with the errors
 *   of the import (SPEC section 7: %CXM_ERROR_TOO_LONG,
 *   %CXM_ERROR_INVALID_UTF8, %CXM_ERROR_INVALID_JSON, %CXM_ERROR_TOO_DEEP,
 *   %CXM_ERROR_NOT_OBJECT, %CXM_ERROR_MISSING, %CXM_ERROR_TYPE,
 *   %CXM_ERROR_ENUM, %CXM_ERROR_RANGE, %CXM_ERROR_FORMAT,
 *   %CXM_ERROR_DUPLICATE), those of cxm_recorder_record() and, with a
 *   journal, %CXM_ERROR_IO and %CXM_ERROR_DUPLICATE_ID
 */
CXM_EXTERN gboolean cxm_recorder_record_json(CxmRecorder *recorder, const char *json,
                                             gssize length, char **id, GError **error);

/**
 * CXM_DEFAULT_MAX_GROUPS:
 *
 * The default of cxm_recorder_set_max_groups(): 4,000,000 groups.
 */
#define CXM_DEFAULT_MAX_GROUPS G_GUINT64_CONSTANT(4000000)

/**
 * cxm_recorder_set_max_groups:
 * @recorder: a recorder
 * @max_groups: the bound; 0 means no bound
 *
 * Bounds the sets of sums a recorder keeps, about 1 KiB each, so that
 * hostile input cannot exhaust memory: each team, employee and team within
 * a UTC day counts one, and each UTC day 11 (its levels and channels). A
 * record or merge that would go beyond fails with %CXM_ERROR_LIMIT and
 * changes nothing. A bound below the groups already kept only stops new
 * ones.
 */
CXM_EXTERN void cxm_recorder_set_max_groups(CxmRecorder *recorder, guint64 max_groups);
/**
 * cxm_recorder_get_max_groups:
 * @recorder: a recorder
 *
 * The bound set by cxm_recorder_set_max_groups().
 *
 * Returns: the bound; 0 means no bound
 */
CXM_EXTERN guint64 cxm_recorder_get_max_groups(const CxmRecorder *recorder);
/**
 * cxm_recorder_get_n_groups:
 * @recorder: a recorder
 *
 * The distinct groups kept so far, counted as cxm_recorder_set_max_groups()
 * counts them.
 *
 * Returns: the number of groups
 */
CXM_EXTERN guint64 cxm_recorder_get_n_groups(const CxmRecorder *recorder);

/**
 * cxm_recorder_set_org:
 * @recorder: a recorder
 * @org: (nullable) (transfer none): the org; the recorder takes a reference.
 *   %NULL detaches the org.
 * @error: return location for a #GError, or %NULL
 *
 * Attaches @org: from now on a record without level or team takes its
 * employee's from the org, and scopes can be read. Only an empty recorder
 * (one without interactions) accepts an org, or detaches one, since records
 * already counted would not be re-grouped.
 *
 * Returns: %TRUE when attached; %FALSE with %CXM_ERROR_INVALID_ARGUMENT when
 *   the recorder holds interactions
 */
CXM_EXTERN gboolean cxm_recorder_set_org(CxmRecorder *recorder, CxmOrg *org,
                                         GError **error);
/**
 * cxm_recorder_get_org:
 * @recorder: a recorder
 *
 * The attached org.
 *
 * Returns: (transfer none) (nullable): the org, or %NULL; owned by the
 *   recorder (take a reference with cxm_org_ref() to keep it)
 */
CXM_EXTERN CxmOrg *cxm_recorder_get_org(const CxmRecorder *recorder);

/**
 * cxm_recorder_get_n:
 * @recorder: a recorder
 *
 * Interactions accepted so far (the totals' n), merged ones included.
 *
 * Returns: the number of interactions
 */
CXM_EXTERN guint64 cxm_recorder_get_n(const CxmRecorder *recorder);
/**
 * cxm_recorder_get_leadership_count:
 * @recorder: a recorder
 * @type: a #CxmLeadershipType, or %CXM_UNSET for all types
 *
 * Leadership events accepted so far, of all types or of one.
 *
 * Returns: the number of events
 */
CXM_EXTERN guint64 cxm_recorder_get_leadership_count(const CxmRecorder *recorder,
                                                     int type);

/**
 * cxm_recorder_merge:
 * @dest: the recorder that receives the sums
 * @src: another recorder; not modified
 * @error: return location for a #GError, or %NULL
 *
 * Adds @src's aggregates, leadership counts included, to @dest. Both must
 * have been built under policies with the same fingerprint. @src is not
 * journaled in @dest. The two locks are taken in address order, so that
 * crossed merges cannot deadlock.
 *
 * Returns: %TRUE when merged; %FALSE, with @dest unchanged, with
 *   %CXM_ERROR_POLICY_MISMATCH for different fingerprints,
 *   %CXM_ERROR_LIMIT when the merge would exceed @dest's group bound or hold
 *   more than 2^53 records or leadership events, or
 *   %CXM_ERROR_INVALID_ARGUMENT (also when @dest
 *   is @src)
 */
CXM_EXTERN gboolean cxm_recorder_merge(CxmRecorder *dest, const CxmRecorder *src,
                                       GError **error);

/**
 * cxm_recorder_get_stats:
 * @recorder: a recorder
 * @kind: which kind of group
 * @key: (nullable): the group's key; ignored for %CXM_GROUP_TOTALS
 * @error: return location for a #GError, or %NULL
 *
 * Copies one group's sums. Levels and channels always exist, with zeros
 * where empty.
 *
 * Returns: (transfer full) (nullable): a copy of the group's sums, free with
 *   cxm_stats_free(); %NULL with %CXM_ERROR_NOT_FOUND for a team or employee
 *   never seen or an unknown level or channel name, or
 *   %CXM_ERROR_INVALID_ARGUMENT for bad arguments (a @kind out of range, a
 *   %NULL @key for another kind than %CXM_GROUP_TOTALS)
 */
CXM_EXTERN CxmStats *cxm_recorder_get_stats(const CxmRecorder *recorder,
                                            CxmGroupKind kind, const char *key,
                                            GError **error);
/**
 * cxm_recorder_get_keys:
 * @recorder: a recorder
 * @kind: which kind of group
 * @error: return location for a #GError, or %NULL
 *
 * The keys of one kind of group. Teams and employees are sorted bytewise;
 * levels and channels list every name in SPEC order ("unassigned" only when
 * it has records); totals gives an empty array.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the keys as
 *   a %NULL-terminated array, free with cxm_strv_free(); %NULL with
 *   %CXM_ERROR_INVALID_ARGUMENT
 */
CXM_EXTERN char **cxm_recorder_get_keys(const CxmRecorder *recorder, CxmGroupKind kind,
                                        GError **error);

/**
 * cxm_recorder_get_periods:
 * @recorder: a recorder
 * @kind: which kind of period
 * @error: return location for a #GError, or %NULL
 *
 * The periods of @kind that hold interactions, in time order.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): their names
 *   (cxm_period_name()) as a %NULL-terminated array, free with
 *   cxm_strv_free(); %NULL with %CXM_ERROR_INVALID_ARGUMENT
 */
CXM_EXTERN char **cxm_recorder_get_periods(const CxmRecorder *recorder,
                                           CxmPeriodKind kind, GError **error);
/**
 * cxm_recorder_get_period_stats:
 * @recorder: a recorder
 * @period_kind: the kind of @period
 * @period: a period's name ("2026-W09"), as cxm_period_name() writes it
 * @kind: which kind of group, as for cxm_recorder_get_stats() except that
 *   %CXM_GROUP_EMPLOYEE is not kept per period
 * @key: (nullable): the group's key, as for cxm_recorder_get_stats()
 * @error: return location for a #GError, or %NULL
 *
 * Copies one group's sums within one period. A period or team without
 * interactions gives zeros, not an error.
 *
 * Returns: (transfer full) (nullable): a copy of the sums, free with
 *   cxm_stats_free(); %NULL with %CXM_ERROR_NOT_FOUND for an unknown level
 *   or channel name, or %CXM_ERROR_INVALID_ARGUMENT for
 *   %CXM_GROUP_EMPLOYEE, a malformed period name, a @period_kind out of range
 *   and the bad arguments of cxm_recorder_get_stats()
 */
CXM_EXTERN CxmStats *cxm_recorder_get_period_stats(const CxmRecorder *recorder,
                                                   CxmPeriodKind period_kind,
                                                   const char *period, CxmGroupKind kind,
                                                   const char *key, GError **error);

/**
 * cxm_recorder_new_filtered:
 * @recorder: a recorder, a loaded snapshot for one
 * @filter: which days to keep: since and until (either, both or neither),
 *   each a date (cxm_filter_set_since_text() with "2026-03-02", or
 *   cxm_filter_set_period()), and no key values
 * @error: return location for a #GError, or %NULL
 *
 * Creates a recorder holding the sums of the days of @recorder that
 * @filter passes: what a filter can read from sums, where
 * cxm_import_result_set_filter() picks records. Its totals, levels, teams,
 * channels, hot spots and periods are those of the records of those days,
 * exactly; leadership by level and team too, with the cadence of team-weeks
 * when each bound given is a Monday (whole weeks). It has no employees,
 * no org and no leadership by person, which are kept for all time only,
 * so its report has no employees, scopes or coaching coverage, and its
 * totals no momentum by cadence (as a period's totals). @recorder
 * is not changed; the new recorder is independent of it, under the same
 * policy, and can be recorded into, merged and written as a snapshot as any.
 *
 * Returns: (transfer full) (nullable): a new recorder, free with
 *   cxm_recorder_free(); %NULL with %CXM_ERROR_INVALID_ARGUMENT when
 *   @filter picks by a key (a day's sums keep levels, channels and teams
 *   apart) or has a bound that is an instant rather than a date
 */
CXM_EXTERN CxmRecorder *cxm_recorder_new_filtered(const CxmRecorder *recorder,
                                                  const CxmFilter *filter,
                                                  GError **error);

/**
 * CXM_SCOPE_UNKNOWN_MANAGER:
 *
 * The name of the scope of employees absent from the org.
 */
#define CXM_SCOPE_UNKNOWN_MANAGER "unknown_manager"

/**
 * cxm_recorder_get_scopes:
 * @recorder: a recorder with an org
 * @error: return location for a #GError, or %NULL
 *
 * The scope keys: every person of the org, sorted bytewise, then
 * %CXM_SCOPE_UNKNOWN_MANAGER when employees outside the org have
 * interactions.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the keys as
 *   a %NULL-terminated array, free with cxm_strv_free(); %NULL with
 *   %CXM_ERROR_INVALID_ARGUMENT without an org
 */
CXM_EXTERN char **cxm_recorder_get_scopes(const CxmRecorder *recorder, GError **error);
/**
 * cxm_recorder_get_scope_stats:
 * @recorder: a recorder with an org
 * @person: a person of the org, or %CXM_SCOPE_UNKNOWN_MANAGER
 * @cumulative: %FALSE for their own interactions, %TRUE for theirs and
 *   those of everyone who reports to them, recursively
 * @error: return location for a #GError, or %NULL
 *
 * Copies the sums of a person's scope. For %CXM_SCOPE_UNKNOWN_MANAGER both
 * scopes are the interactions of employees absent from the org.
 *
 * Returns: (transfer full) (nullable): a copy of the sums, free with
 *   cxm_stats_free(); %NULL with %CXM_ERROR_NOT_FOUND for anyone else not in
 *   the org, or %CXM_ERROR_INVALID_ARGUMENT without an org
 */
CXM_EXTERN CxmStats *cxm_recorder_get_scope_stats(const CxmRecorder *recorder,
                                                  const char *person, gboolean cumulative,
                                                  GError **error);

/**
 * CxmHotspot:
 * @difficulty: the difficult-moment kind
 * @kind: %CXM_GROUP_TEAM or %CXM_GROUP_CHANNEL
 * @key: the team or channel name, owned by the array
 * @counts: count, momentum, disappointment, recovered (difficult equals
 *   count)
 *
 * A hot spot: one difficult-moment kind within one team or channel.
 */
typedef struct {
  CxmDifficulty difficulty;
  CxmGroupKind kind;
  char *key;
  CxmBreakdown counts;
} CxmHotspot;

/**
 * cxm_recorder_get_hotspots:
 * @recorder: a recorder
 * @n_hotspots: (out): where the number of entries is stored
 * @error: return location for a #GError, or %NULL
 *
 * Every (kind, team) and (kind, channel) pair with records, worst first:
 * most disappointments, then most records, kinds in SPEC order, teams
 * before channels, keys bytewise: the list a team sits down with to find
 * which difficult moments recur and where.
 *
 * Returns: (transfer full) (array length=n_hotspots) (nullable): *@n_hotspots
 *   entries, free with cxm_hotspots_free(); %NULL when there are none, or
 *   with %CXM_ERROR_INVALID_ARGUMENT for %NULL arguments
 */
CXM_EXTERN CxmHotspot *cxm_recorder_get_hotspots(const CxmRecorder *recorder,
                                                 gsize *n_hotspots, GError **error);
/**
 * cxm_hotspots_free:
 * @hotspots: (nullable) (transfer full) (array length=n_hotspots): what
 *   cxm_recorder_get_hotspots() returned
 * @n_hotspots: the number of entries it returned
 *
 * Frees what cxm_recorder_get_hotspots() returned, keys included. Accepts
 * %NULL.
 */
CXM_EXTERN void cxm_hotspots_free(CxmHotspot *hotspots, gsize n_hotspots);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmRecorder, cxm_recorder_free)

G_END_DECLS

#endif
