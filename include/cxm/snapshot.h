/* cxm/snapshot.h: a recorder's aggregates as JSON, to store, ship and merge. */
#ifndef CXM_SNAPSHOT_H
#define CXM_SNAPSHOT_H

#include <cxm/recorder.h>

G_BEGIN_DECLS

/* The snapshot format this library writes and reads. */
#define CXM_SNAPSHOT_VERSION 1

/**
 * cxm_snapshot_save:
 * @length: (out) (optional): bytes in the result, without the NUL
 *
 * Returns the recorder's aggregates as a JSON document (a format version,
 * the policy with its fingerprint, leadership counts, the sums of each UTC
 * day per level, channel and team, and the all-time sums per employee),
 * NUL-terminated; free with cxm_free(). Records, the org and the journal
 * are not part of it. Returns NULL only for a NULL recorder
 * (CXM_ERROR_INVALID_ARGUMENT).
 */
CXM_EXTERN char *cxm_snapshot_save(const CxmRecorder *recorder,
                                          gsize *length, GError **error);

/**
 * cxm_snapshot_load:
 * @length: bytes in @data, or -1 when it is NUL-terminated
 *
 * Returns a new recorder under the snapshot's policy holding its
 * aggregates, identical in every report to the recorder that wrote it; free
 * with cxm_recorder_free(). Several snapshots combine with
 * cxm_recorder_merge(). NULL with CXM_ERROR_SNAPSHOT for a snapshot of
 * another version, invalid JSON, a missing or ill-typed member, a policy
 * whose fingerprint does not match its settings, or sums that do not add
 * up; with CXM_ERROR_LIMIT beyond CXM_DEFAULT_MAX_GROUPS groups. @data is
 * not kept.
 */
CXM_EXTERN CxmRecorder *cxm_snapshot_load(const char *data,
                                                       gssize length,
                                                       GError **error);

G_END_DECLS

#endif
