/* cxm/journal.h: a durable, append-only JSON Lines journal of a recorder. */
#ifndef CXM_JOURNAL_H
#define CXM_JOURNAL_H

#include <cxm/import.h>

G_BEGIN_DECLS

/**
 * CxmSyncMode:
 * When a journaled record reaches the disk. Every mode writes each record
 * to the file (one write(2) of the whole line) before the record call
 * returns, so a record acknowledged by a return of TRUE survives the death
 * of the process in every mode. The modes differ on an OS crash or power
 * loss:
 * @CXM_SYNC_ALWAYS: fdatasync(2) before each record call returns (an
 *   import syncs once, before it returns). Nothing acknowledged is lost;
 *   each record waits for the disk (about 1 to 10 ms on rotating disks, far
 *   less on SSDs). The default.
 * @CXM_SYNC_BATCH: fdatasync(2) when a record finds that @max_records
 *   records or @max_ms milliseconds have passed since the last sync. Up to
 *   that many acknowledged records, or those of that long, can be lost;
 *   nothing syncs while no records come, so call cxm_journal_sync() when a
 *   burst ends.
 * @CXM_SYNC_OS: never synced by cxm; the kernel writes back when it
 *   chooses (about 30 s on Linux). Fastest; the last seconds of records
 *   can be lost.
 */
typedef enum {
  CXM_SYNC_ALWAYS,
  CXM_SYNC_BATCH,
  CXM_SYNC_OS
} CxmSyncMode;

typedef enum {
  CXM_JOURNAL_DEFAULT = 0,
  /* A record whose id the journal already holds, interaction or leadership
   * event, is ignored: CXM_ERROR_DUPLICATE_ID, counted by
   * cxm_journal_get_duplicates(). So a client that retries after a timeout
   * cannot count an interaction twice. The ids are kept in memory. */
  CXM_JOURNAL_UNIQUE_IDS = 1 << 0,
  /* Replay only, for reading a journal that a writer may still append to:
   * no lock is taken, a torn last line is skipped rather than cut off, and
   * the recorder does not journal what it records afterwards. */
  CXM_JOURNAL_READ_ONLY = 1 << 1
} CxmJournalFlags;

/**
 * cxm_journal_open:
 * @path: the journal file, created (mode 0644 less the umask) if absent
 * @replay: (nullable): where the replay's counts and rejections are added
 *
 * Opens @path, takes an exclusive lock on it (flock(2)), replays its
 * records into @recorder, which must be empty and not journaled yet, and
 * from then on appends every record that @recorder accepts (through
 * cxm_recorder_record(), cxm_recorder_record_json() or an import) before
 * the call returns. A last line without its line end was torn by a crash
 * during a write: it is cut off (cxm_journal_get_torn() says how
 * many bytes); every complete line before it is kept. Lines that are not
 * valid records are rejected into @replay, as an import would, and kept in
 * the file.
 *
 * Errors: CXM_ERROR_BUSY when another writer holds the lock,
 * CXM_ERROR_IO, CXM_ERROR_INVALID_ARGUMENT (a recorder that is not empty
 * or already journaled). On error @recorder is unchanged. The journal is
 * synced and closed by cxm_recorder_free().
 */
CXM_EXTERN gboolean cxm_journal_open(CxmRecorder *recorder,
                                              const char *path,
                                              unsigned int flags,
                                              CxmImportResult *replay,
                                              GError **error);

/* Sets when the journal is synced (CxmSyncMode); @max_records and @max_ms
 * are read for CXM_SYNC_BATCH only, where 0 disables that bound (both 0:
 * as CXM_SYNC_OS). May be called before or after opening the journal. */
CXM_EXTERN gboolean cxm_journal_set_sync(CxmRecorder *recorder,
                                          CxmSyncMode mode, guint max_records,
                                          guint max_ms, GError **error);
/* Syncs the journal to disk now. TRUE without a journal. CXM_ERROR_IO. */
CXM_EXTERN gboolean cxm_journal_sync(CxmRecorder *recorder, GError **error);
/* The path of the journal, or NULL; owned by the recorder. */
CXM_EXTERN const char *cxm_journal_get_path(const CxmRecorder *recorder);
/* Bytes of the torn last line that opening the journal cut off (or, read
 * only, skipped); 0 when the journal ended cleanly. */
CXM_EXTERN guint64 cxm_journal_get_torn(const CxmRecorder *recorder);
/* Records ignored as duplicates (CXM_JOURNAL_UNIQUE_IDS), in the replay
 * and since. */
CXM_EXTERN guint64 cxm_journal_get_duplicates(const CxmRecorder *recorder);

G_END_DECLS

#endif
