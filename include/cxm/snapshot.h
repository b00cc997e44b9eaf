/* SPDX-License-Identifier: MIT */
/**
 * SECTION:snapshot
 * @title: cxm/snapshot.h
 * @short_description: a recorder's aggregates as JSON Lines, to store, ship and merge
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
 * The snapshot format this library writes: 2, JSON Lines. It reads this
 * one and format 1 (doc/snapshot-format.md).
 */
#define CXM_SNAPSHOT_VERSION 2

/**
 * CXM_SNAPSHOT_MAX_LINE:
 *
 * Bytes in one line of a format 2 snapshot at most: 1 MiB. A group's line
 * takes a few KiB.
 */
#define CXM_SNAPSHOT_MAX_LINE (1u << 20)

/**
 * CXM_SNAPSHOT_V1_MAX_SIZE:
 *
 * Bytes in a format 1 snapshot at most: 256 MiB. Format 1 is one JSON
 * document, read whole; format 2 has no bound on its size, only on its
 * lines.
 */
#define CXM_SNAPSHOT_V1_MAX_SIZE (256u << 20)

/**
 * cxm_snapshot_write:
 * @recorder: a recorder
 * @func: (scope call): where the snapshot goes, a block at a time
 * @user_data: passed to @func
 * @error: return location for a #GError, or %NULL
 *
 * Writes the recorder's sums as a format 2 snapshot (%CXM_SNAPSHOT_VERSION),
 * JSON Lines: a header with the version, the policy and its fingerprint;
 * one line per group of sums (each UTC day's levels, channels and teams
 * and their leadership events, the all-time employees, leadership actors
 * and subjects); a last line that counts them. Records, the org and the
 * journal are not part of it. Equal recorders give equal bytes. It is
 * written as it is made, so it needs little memory beyond the recorder's;
 * the recorder's lock is held meanwhile (records wait).
 *
 * Returns: %TRUE on success. %FALSE with %CXM_ERROR_LIMIT when the recorder
 *   holds more than 2^53 records or leadership events (nothing is written
 *   then: no snapshot could hold them), with the error of @func when it
 *   failed, or %CXM_ERROR_INVALID_ARGUMENT for a %NULL argument.
 */
CXM_EXTERN gboolean cxm_snapshot_write(const CxmRecorder *recorder, CxmWriteFunc func,
                                       gpointer user_data, GError **error);

/**
 * cxm_snapshot_save:
 * @recorder: a recorder
 * @length: (out) (optional): bytes in the result, without the NUL
 * @error: return location for a #GError, or %NULL
 *
 * The snapshot that cxm_snapshot_write() writes, in memory.
 *
 * Returns: (transfer full) (nullable): the snapshot, NUL-terminated; free
 *   with cxm_free(). %NULL with an error as for cxm_snapshot_write().
 */
CXM_EXTERN char *cxm_snapshot_save(const CxmRecorder *recorder,
                                          gsize *length, GError **error);

/**
 * cxm_snapshot_save_file:
 * @recorder: a recorder
 * @path: the file to write; replaced if it exists
 * @error: return location for a #GError, or %NULL
 *
 * Writes the snapshot of cxm_snapshot_write() to @path atomically: into a
 * new file in @path's directory (unnamed, O_TMPFILE, where the file system
 * has it, so that a crash leaves nothing behind; else
 * "@path.cxm-tmp-XXXXXX"), synced to the disk, then put in @path's place,
 * and the directory synced. A crash leaves the old @path or the new one,
 * never a part. The temporary files beside @path that a killed writer left
 * (no writer holds their lock) are removed first.
 *
 * Returns: %TRUE on success. %FALSE, @path unchanged, with
 *   %CXM_ERROR_IO ("write failed: ...", "sync failed: ...", "cannot create a
 *   file beside it: ..."), or an error as for cxm_snapshot_write(). After
 *   "sync failed" on the directory, @path holds the new snapshot but it may
 *   not survive a crash.
 */
CXM_EXTERN gboolean cxm_snapshot_save_file(const CxmRecorder *recorder, const char *path,
                                           GError **error);

/**
 * cxm_snapshot_load:
 * @data: a snapshot of format 2 or 1, as cxm_snapshot_save() writes it;
 *   not kept
 * @length: bytes in @data, or -1 when it is NUL-terminated
 * @error: return location for a #GError, or %NULL
 *
 * Creates a recorder under the snapshot's policy holding its sums,
 * identical in every report to the recorder that wrote it, without an org
 * or a journal and with a bound of %CXM_DEFAULT_MAX_GROUPS groups. Several
 * snapshots combine with cxm_recorder_merge(). Format 1's leadership
 * totals belong to no day, level or team: they count as the unassigned
 * level's events of all time.
 *
 * Returns: (transfer full) (nullable): a new recorder; free with
 *   cxm_recorder_free(). %NULL with %CXM_ERROR_SNAPSHOT, naming the line
 *   and group, for a snapshot of another version, invalid JSON or UTF-8, a
 *   line longer than %CXM_SNAPSHOT_MAX_LINE, a format 1 snapshot larger
 *   than %CXM_SNAPSHOT_V1_MAX_SIZE, a missing or ill-typed member, a group
 *   given twice, a count above 2^53 (named), a policy whose fingerprint does
 *   not match its settings, sums that do not add up, or a snapshot cut
 *   short (without its last line); with %CXM_ERROR_LIMIT beyond
 *   %CXM_DEFAULT_MAX_GROUPS groups; with %CXM_ERROR_INVALID_ARGUMENT for a
 *   %NULL @data.
 */
CXM_EXTERN CxmRecorder *cxm_snapshot_load(const char *data,
                                                       gssize length,
                                                       GError **error);

/**
 * cxm_snapshot_load_file:
 * @path: a snapshot file (or a pipe: it is read once, in order)
 * @error: return location for a #GError, or %NULL
 *
 * cxm_snapshot_load() of the file @path, read a line at a time: memory
 * goes to the recorder's sums, not to the file's text (but a format 1
 * snapshot is read whole).
 *
 * Returns: (transfer full) (nullable): a new recorder; free with
 *   cxm_recorder_free(). %NULL with the errors of cxm_snapshot_load(), or
 *   %CXM_ERROR_IO when @path cannot be opened or read.
 */
CXM_EXTERN CxmRecorder *cxm_snapshot_load_file(const char *path, GError **error);

G_END_DECLS

#endif
