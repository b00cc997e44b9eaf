/* SPDX-License-Identifier: MIT */
/**
 * SECTION:journal
 * @title: cxm/journal.h
 * @short_description: a durable, append-only JSON Lines journal of a recorder
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_JOURNAL_H
#define CXM_JOURNAL_H

#include <cxm/import.h>

G_BEGIN_DECLS

/**
 * CxmSyncMode:
 * @CXM_SYNC_ALWAYS: fdatasync(2) before each record call returns (an
 *   import syncs once, before it returns, unless %CXM_IMPORT_LIVE). Nothing
 *   acknowledged is lost; each record waits for the disk (about 1 to 10 ms
 *   on rotating disks, far less on SSDs). The default.
 * @CXM_SYNC_BATCH: fdatasync(2) when a record finds that max_records
 *   records or max_ms milliseconds (cxm_journal_set_sync()) have passed
 *   since the last sync. Up to that many acknowledged records, or those of
 *   that long, can be lost; nothing syncs while no records come, so call
 *   cxm_journal_sync() when a burst ends.
 * @CXM_SYNC_OS: no record call syncs; the kernel writes back when it
 *   chooses (about 30 s on Linux). Fastest; the last seconds of records
 *   can be lost.
 *
 * When a journaled record reaches the disk. Every mode writes each record
 * to the file (one write(2) of the whole line) before the record call
 * returns, so a record acknowledged by a return of %TRUE survives the death
 * of the process in every mode. The modes differ on an OS crash or power
 * loss. In every mode, an import (cxm_import_path() and the like) syncs
 * what it appended before it returns, and cxm_journal_sync() syncs at once.
 */
typedef enum {
  CXM_SYNC_ALWAYS,
  CXM_SYNC_BATCH,
  CXM_SYNC_OS
} CxmSyncMode;

/**
 * CxmJournalFlags:
 * @CXM_JOURNAL_DEFAULT: none of the flags below.
 * @CXM_JOURNAL_UNIQUE_IDS: a record whose id the journal already holds,
 *   interaction or leadership event, is ignored: %CXM_ERROR_DUPLICATE_ID,
 *   counted by cxm_journal_get_duplicates(). So a client that retries after
 *   a timeout cannot count an interaction twice. The ids are kept in
 *   memory.
 * @CXM_JOURNAL_READ_ONLY: replay only, for reading a journal that a writer
 *   may still append to: the file must exist, no lock is taken, a torn last
 *   line is skipped rather than cut off, and the recorder does not journal
 *   what it records afterwards.
 *
 * How cxm_journal_open() opens a journal. Flags combine with |; the function
 * takes them as an unsigned int.
 */
typedef enum {
  CXM_JOURNAL_DEFAULT = 0,
  CXM_JOURNAL_UNIQUE_IDS = 1 << 0,
  CXM_JOURNAL_READ_ONLY = 1 << 1
} CxmJournalFlags;

/**
 * cxm_journal_open:
 * @recorder: an empty recorder, not journaled yet
 * @path: the journal file, created (mode 0644 less the umask) if absent; a
 *   regular file (a journal is read from its end and appended to in place)
 * @flags: #CxmJournalFlags combined with |
 * @replay: (nullable): where the replay's counts and rejections are added
 * @error: return location for a #GError, or %NULL
 *
 * Opens @path, takes an exclusive lock on it (flock(2)), replays its
 * records into @recorder, under its policy, org and group bound, and
 * from then on appends every record that @recorder accepts (through
 * cxm_recorder_record(), cxm_recorder_record_json() or an import) before
 * the call returns. A last line without its line end was torn by a crash
 * during a write: it is cut off (cxm_journal_get_torn() says how
 * many bytes); every complete line before it is kept. Lines that are not
 * valid records are rejected into @replay, as an import would, and kept in
 * the file.
 *
 * The journal is closed by cxm_recorder_free(), which first syncs it unless
 * the mode is %CXM_SYNC_OS; it cannot report a failed sync, so call
 * cxm_journal_sync() before it to see one.
 *
 * Returns: %TRUE when open; %FALSE, with @recorder unchanged, with
 *   %CXM_ERROR_BUSY when another writer holds the lock, %CXM_ERROR_IO (the
 *   file cannot be opened, locked, read or cut, or it is not a regular
 *   file: a pipe, FIFO, socket, device or directory, refused at once,
 *   read only or not), or
 *   %CXM_ERROR_INVALID_ARGUMENT (a recorder that is not empty, holding
 *   interactions, leadership events or duplicates, or already journaled)
 */
CXM_EXTERN gboolean cxm_journal_open(CxmRecorder *recorder,
                                              const char *path,
                                              unsigned int flags,
                                              CxmImportResult *replay,
                                              GError **error);

/**
 * cxm_journal_set_sync:
 * @recorder: a recorder
 * @mode: when the journal is synced
 * @max_records: for %CXM_SYNC_BATCH, records between syncs; 0 disables
 *   that bound
 * @max_ms: for %CXM_SYNC_BATCH, milliseconds between syncs; 0 disables that
 *   bound
 * @error: return location for a #GError, or %NULL
 *
 * Sets when the journal is synced (#CxmSyncMode); @max_records and @max_ms
 * are read for %CXM_SYNC_BATCH only, where both 0 act as %CXM_SYNC_OS. May
 * be called before or after opening the journal.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for a
 *   @mode out of range
 */
CXM_EXTERN gboolean cxm_journal_set_sync(CxmRecorder *recorder,
                                          CxmSyncMode mode, guint max_records,
                                          guint max_ms, GError **error);
/**
 * cxm_journal_sync:
 * @recorder: a recorder
 * @error: return location for a #GError, or %NULL
 *
 * Syncs the journal to disk now (fdatasync(2)), whatever its mode.
 *
 * Returns: %TRUE when synced, and without a journal; %FALSE with
 *   %CXM_ERROR_IO when the sync fails
 */
CXM_EXTERN gboolean cxm_journal_sync(CxmRecorder *recorder, GError **error);
/**
 * cxm_journal_get_path:
 * @recorder: a recorder
 *
 * The path of the recorder's journal.
 *
 * Returns: (transfer none) (nullable): the path, or %NULL without a journal;
 *   owned by the recorder
 */
CXM_EXTERN const char *cxm_journal_get_path(const CxmRecorder *recorder);
/**
 * cxm_journal_get_torn:
 * @recorder: a recorder
 *
 * The torn last line that opening the journal cut off (or, read only,
 * skipped).
 *
 * Returns: its bytes; 0 when the journal ended cleanly
 */
CXM_EXTERN guint64 cxm_journal_get_torn(const CxmRecorder *recorder);
/**
 * cxm_journal_get_duplicates:
 * @recorder: a recorder
 *
 * Records ignored as duplicates (%CXM_JOURNAL_UNIQUE_IDS), in the replay
 * and since.
 *
 * Returns: the number of records
 */
CXM_EXTERN guint64 cxm_journal_get_duplicates(const CxmRecorder *recorder);

G_END_DECLS

#endif
