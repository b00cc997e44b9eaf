/* SPDX-License-Identifier: MIT */
/* A recorder's journal (cxm/journal.h): opening replays it into the
 * recorder, which from then on appends every record it accepts. */
#include "config.h"

#include "error-private.h"
#include "import-private.h"
#include "recorder-private.h"

gboolean
cxm_journal_open(CxmRecorder *rec, const char *path, unsigned int flags,
                 CxmImportResult *replay, GError **error)
{
  CxmJournalFile *journal;
  CxmRecorder *scratch;
  guint64 torn;
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(path, error, FALSE);
  cxm_recorder_lock(rec);
  if (rec->journal != NULL || cxm_groups_n(&rec->main.all) > 0 || rec->duplicates > 0 ||
      cxm_recorder_get_leadership_count(rec, CXM_UNSET) > 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "a journal can only be opened on an empty recorder without one");
    cxm_recorder_unlock(rec);
    return FALSE;
  }
  journal = cxm_journal_file_open(path, (flags & CXM_JOURNAL_READ_ONLY) == 0,
                                  (flags & CXM_JOURNAL_UNIQUE_IDS) != 0, &torn, error);
  if (journal == NULL) {
    cxm_recorder_unlock(rec);
    return FALSE;
  }
  cxm_journal_file_set_sync(journal, rec->sync_mode, rec->sync_records, rec->sync_ms);
  /* Replayed into a scratch recorder first, so that a failed replay leaves
   * @rec as it was; @rec is empty, so the merge is the replay itself. */
  scratch = cxm_recorder_new_private(rec->policy);
  scratch->org = rec->org ? cxm_org_ref(rec->org) : NULL;
  scratch->max_groups = rec->max_groups;
  scratch->journal = journal;
  scratch->replaying = TRUE;
  ok = cxm_import_fd_prefix(scratch, cxm_journal_file_get_fd(journal),
                            cxm_journal_file_get_size(journal),
                            cxm_journal_file_get_path(journal), replay, error);
  cxm_journal_file_end_replay(journal);
  scratch->journal = NULL;
  if (ok)
    ok = cxm_recorder_merge(rec, scratch, error);
  if (ok) {
    rec->journal = journal;
    rec->journal_torn = torn;
    rec->duplicates = scratch->duplicates;
  } else {
    cxm_journal_file_close(journal);
  }
  cxm_recorder_free(scratch);
  cxm_recorder_unlock(rec);
  return ok;
}

gboolean
cxm_journal_set_sync(CxmRecorder *rec, CxmSyncMode mode, guint max_records, guint max_ms,
                     GError **error)
{
  cxm_return_val_if_null(rec, error, FALSE);
  if ((int) mode < 0 || mode > CXM_SYNC_OS) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "sync mode %d is out of range", (int) mode);
    return FALSE;
  }
  if (mode == CXM_SYNC_BATCH && max_records == 0 && max_ms == 0)
    mode = CXM_SYNC_OS;
  cxm_recorder_lock(rec);
  rec->sync_mode = mode;
  rec->sync_records = max_records;
  rec->sync_ms = max_ms;
  if (rec->journal != NULL)
    cxm_journal_file_set_sync(rec->journal, mode, max_records, max_ms);
  cxm_recorder_unlock(rec);
  return TRUE;
}

gboolean
cxm_journal_sync(CxmRecorder *rec, GError **error)
{
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_recorder_lock(rec);
  ok = rec->journal == NULL || cxm_journal_file_sync(rec->journal, error);
  cxm_recorder_unlock(rec);
  return ok;
}

gboolean
cxm_recorder_sync_bulk(CxmRecorder *rec, GError **error)
{
  gboolean ok;

  cxm_recorder_lock(rec);
  ok = rec->journal == NULL || cxm_journal_file_sync_bulk(rec->journal, error);
  cxm_recorder_unlock(rec);
  return ok;
}

CXM_RECORDER_GETTER(const char *, cxm_journal_get_path,
                    rec->journal ? cxm_journal_file_get_path(rec->journal) : NULL)

CXM_RECORDER_GETTER(guint64, cxm_journal_get_torn, rec->journal_torn)
CXM_RECORDER_GETTER(guint64, cxm_journal_get_duplicates, rec->duplicates)
