/**
 * SECTION:snapshot
 * @title: cxm/snapshot.h
 * @short_description: a recorder's aggregates as JSON, to store, ship and merge
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_SNAPSHOT_H
#define CXM_SNAPSHOT_H

#include <cxm/recorder.h>

G_BEGIN_DECLS

/**
 * CXM_SNAPSHOT_VERSION:
 *
 * The snapshot format this library writes and reads.
 */
#define CXM_SNAPSHOT_VERSION 1

/**
 * cxm_snapshot_save:
 * @recorder: a recorder
 * @length: (out) (optional): bytes in the result, without the NUL
 * @error: return location for a #GError, or %NULL
 *
 * Writes the recorder's aggregates as one JSON document: a format version
 * (%CXM_SNAPSHOT_VERSION), the policy with its fingerprint, leadership
 * counts, the sums of each UTC day per level, channel and team, and the
 * all-time sums per employee. Records, the org and the journal are not part
 * of it.
 *
 * Returns: (transfer full) (nullable): the document, NUL-terminated; free
 *   with cxm_free(). %NULL only for a %NULL recorder
 *   (%CXM_ERROR_INVALID_ARGUMENT).
 */
CXM_EXTERN char *cxm_snapshot_save(const CxmRecorder *recorder,
                                          gsize *length, GError **error);

/**
 * cxm_snapshot_load:
 * @data: a snapshot, as cxm_snapshot_save() wrote it; not kept
 * @length: bytes in @data, or -1 when it is NUL-terminated
 * @error: return location for a #GError, or %NULL
 *
 * Creates a recorder under the snapshot's policy holding its aggregates,
 * identical in every report to the recorder that wrote it, without an org
 * or a journal and with a bound of %CXM_DEFAULT_MAX_GROUPS groups. Several
 * snapshots combine with cxm_recorder_merge().
 *
 * Returns: (transfer full) (nullable): a new recorder; free with
 *   cxm_recorder_free(). %NULL with %CXM_ERROR_SNAPSHOT for a snapshot of
 *   another version, invalid JSON or UTF-8, a missing or ill-typed member, a
 *   policy whose fingerprint does not match its settings, or sums that do not
 *   add up; with %CXM_ERROR_LIMIT beyond %CXM_DEFAULT_MAX_GROUPS groups; with
 *   %CXM_ERROR_INVALID_ARGUMENT for a %NULL @data.
 */
CXM_EXTERN CxmRecorder *cxm_snapshot_load(const char *data,
                                                       gssize length,
                                                       GError **error);

G_END_DECLS

#endif
