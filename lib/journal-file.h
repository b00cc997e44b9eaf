/* SPDX-License-Identifier: MIT */
/* The journal's file: an append-only JSON Lines file under an flock(2),
 * its torn last line cut off, each line written with one write(2) and
 * synced as the sync mode says, and the ids it holds. It knows nothing of
 * records or recorders: lib/recorder-journal.c replays it and
 * lib/recorder.c appends to it. */
#ifndef CXM_JOURNAL_FILE_H
#define CXM_JOURNAL_FILE_H

#include <cxm/journal.h>

typedef struct _CxmJournalFile CxmJournalFile;

/* Opens and locks @path (read only: no lock) and cuts off (read only:
 * skips) a torn last line, whose bytes go to *@torn. With @unique_ids it
 * keeps the ids of the records it is told of. */
CxmJournalFile *cxm_journal_file_open(const char *path, gboolean writable,
                                      gboolean unique_ids, guint64 *torn, GError **error);
/* The descriptor and the bytes of complete lines, for the replay. */
int cxm_journal_file_get_fd(const CxmJournalFile *file);
guint64 cxm_journal_file_get_size(const CxmJournalFile *file);
/* After the replay: a read-only journal closes its descriptor. */
void cxm_journal_file_end_replay(CxmJournalFile *file);
const char *cxm_journal_file_get_path(const CxmJournalFile *file);
void cxm_journal_file_set_sync(CxmJournalFile *file, CxmSyncMode mode, guint max_records,
                               guint max_ms);
gboolean cxm_journal_file_sync(CxmJournalFile *file, GError **error);
/* The sync that appends in @bulk left to their caller: in CXM_SYNC_ALWAYS
 * mode, what is not synced yet; nothing in the other modes. */
gboolean cxm_journal_file_sync_bulk(CxmJournalFile *file, GError **error);
/* FALSE with CXM_ERROR_DUPLICATE_ID when unique ids are kept and the
 * journal holds @id. */
gboolean cxm_journal_file_check_id(const CxmJournalFile *file, const char *id,
                                   GError **error);
/* Notes @id as held by the journal (a replayed record). */
void cxm_journal_file_remember_id(CxmJournalFile *file, const char *id);
/* Appends @n_lines lines, the @length bytes of @lines (each ending in
 * "\n"), with one write(2) (a read-only journal takes nothing) and syncs
 * as the sync mode says, except that @bulk leaves CXM_SYNC_ALWAYS's sync
 * to the caller. On error the file is as before. The caller remembers the
 * lines' ids. */
gboolean cxm_journal_file_append(CxmJournalFile *file, const char *lines, gsize length,
                                 guint n_lines, gboolean bulk, GError **error);
/* Takes back what was appended since the journal was @size bytes long, and
 * forgets @ids (nullable): an import that failed as a whole. */
void cxm_journal_file_roll_back(CxmJournalFile *file, guint64 size, const GPtrArray *ids);
/* TRUE when the journal keeps the ids of its records (unique ids). */
gboolean cxm_journal_file_has_ids(const CxmJournalFile *file);
/* Syncs (unless CXM_SYNC_OS), unlocks and closes. Accepts NULL. */
void cxm_journal_file_close(CxmJournalFile *file);

#endif
