/* cxm/recorder.h: validate, classify and aggregate interactions per group. */
#ifndef CXM_RECORDER_H
#define CXM_RECORDER_H

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
 * a level count under "unassigned"), each team, employee and channel.
 * Aggregates are sums and counts only, so two recorders merge exactly.
 * Records themselves are not kept.
 *
 * Not thread-safe: use one recorder per thread and merge them.
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

/* Interactions accepted so far (the totals' n). */
CXM_EXTERN guint64 cxm_recorder_get_n(const CxmRecorder *recorder);
/* Leadership events accepted so far, all types (@type CXM_UNSET) or one. */
CXM_EXTERN guint64 cxm_recorder_get_leadership_count(const CxmRecorder *recorder,
                                                     int type);

/* Adds @src's aggregates to @dest. Both must have been built under policies
 * with the same fingerprint, else CXM_ERROR_POLICY_MISMATCH and @dest is
 * unchanged. @src is not modified. */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmRecorder, cxm_recorder_free)

G_END_DECLS

#endif
