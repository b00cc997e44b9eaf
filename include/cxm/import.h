/* cxm/import.h: JSON Lines import (SPEC sections 2 and 7). */
#ifndef CXM_IMPORT_H
#define CXM_IMPORT_H

#include <stdio.h>
#include <cxm/recorder.h>

G_BEGIN_DECLS

/**
 * CxmImportFlags:
 * @CXM_IMPORT_STRICT: stop at the first bad record: the import fails with
 *   that record's error ("line N: reason"). Records before it stay
 *   recorded.
 * @CXM_IMPORT_DRY_RUN: read, validate and classify every record, count it
 *   and tell the record function (cxm_import_result_set_record_func()),
 *   but add nothing to the recorder, whose policy and org only classify:
 *   what `cxm validate` and `cxm classify` do, in memory that does not
 *   grow with the input.
 * @CXM_IMPORT_LIVE: records come from a client that waits for each one's
 *   answer (`cxm record`): each accepted record reaches the journal and is
 *   synced as its CxmSyncMode says before the record function hears of it
 *   (by default an import syncs once, at its end), and, in an import from
 *   a descriptor into a journal synced in CXM_SYNC_BATCH mode, the journal
 *   is synced whenever no input is waiting.
 *
 * Flags combine with |; functions take them as an unsigned int.
 */
typedef enum {
  CXM_IMPORT_DEFAULT = 0,
  CXM_IMPORT_STRICT = 1 << 0,
  CXM_IMPORT_DRY_RUN = 1 << 1,
  CXM_IMPORT_LIVE = 1 << 2
} CxmImportFlags;

/**
 * CxmImportResult:
 * What one or more imports read: records (non-blank lines), accepted
 * (interactions and leadership events), rejected, and the first rejections
 * (100 unless changed) with source, line, key and message. Pass the same
 * result to several imports to add them up.
 */
typedef struct _CxmImportResult CxmImportResult;

/* Returns a new, empty result. Free with cxm_import_result_free(). */
CXM_EXTERN CxmImportResult *cxm_import_result_new(void);
/* Frees a result. Accepts NULL. */
CXM_EXTERN void cxm_import_result_free(CxmImportResult *result);
/* How many rejections to keep in detail (0 keeps none); those already kept
 * beyond a lowered bound are dropped. Counts are never bounded. */
CXM_EXTERN void cxm_import_result_set_max_errors(CxmImportResult *result,
                                                 guint max_errors);
/* Called while an import reads a file or stream, after each block read
 * (about every MiB), with the result's records and bytes so far. */
typedef void (*CxmImportProgressFunc)(guint64 records, guint64 bytes,
                                      gpointer user_data);
/* Sets (or, with NULL, removes) the progress callback of the imports that
 * add to @result. @user_data is passed as is and not kept beyond the
 * result. */
CXM_EXTERN void cxm_import_result_set_progress(CxmImportResult *result,
                                               CxmImportProgressFunc func,
                                               gpointer user_data);
/**
 * CxmImportRecord:
 * @source: (nullable): the name the import was given
 * @line: the record's line, counting from 1, blank lines included
 * @id: (nullable): the record's id once it was read as a valid record,
 *   accepted or not (a duplicate, beyond the group limit, not journaled);
 *   NULL for a line that is not a valid record
 * @error: (nullable): why the record was rejected; NULL when accepted
 * @leadership: the record is a leadership event
 * @klass, @reason: an accepted interaction's classification
 * @level: the level an accepted interaction counts under (its own, its
 *   employee's in the org, else CXM_LEVEL_UNASSIGNED); CXM_UNSET otherwise
 * @team: (nullable): the team it counts under (its own, else its
 *   employee's in the org)
 *
 * One record as an import read it, for the record function. Everything it
 * points to belongs to the import and lives until the function returns.
 * Only cxm makes these, so fields may be added at the end.
 */
typedef struct {
  const char *source;
  guint64 line;
  const char *id;
  const GError *error;
  gboolean leadership;
  CxmClass klass;
  CxmReason reason;
  int level;
  const char *team;
} CxmImportRecord;

/* Called by an import with each record it read, in input order. Returns
 * TRUE to go on; FALSE stops the import after this record, as if its input
 * had ended there. */
typedef gboolean (*CxmImportRecordFunc)(const CxmImportRecord *record,
                                        gpointer user_data);
/* Sets (or, with NULL, removes) the function the imports that add to
 * @result call with each record, accepted or rejected, as it is read.
 * @user_data is passed as is and not kept beyond the result. */
CXM_EXTERN void cxm_import_result_set_record_func(CxmImportResult *result,
                                                  CxmImportRecordFunc func,
                                                  gpointer user_data);
CXM_EXTERN guint64 cxm_import_result_get_records(const CxmImportResult *result);
/* Bytes read, blank lines and line ends included. */
CXM_EXTERN guint64 cxm_import_result_get_bytes(const CxmImportResult *result);
CXM_EXTERN guint64 cxm_import_result_get_accepted(const CxmImportResult *result);
CXM_EXTERN guint64 cxm_import_result_get_rejected(const CxmImportResult *result);
/* Accepted leadership events (also counted in accepted). */
CXM_EXTERN guint64 cxm_import_result_get_leadership(const CxmImportResult *result);
/* Rejections kept in detail, in input order. */
CXM_EXTERN guint cxm_import_result_get_n_errors(const CxmImportResult *result);
/* The index-th kept rejection. Strings are owned by the result; source and
 * key are NULL when there is none (a memory buffer without a name, a line
 * that is not JSON). Out-of-range indexes give NULL, 0 or CXM_UNSET. */
CXM_EXTERN const char *cxm_import_result_get_error_source(const CxmImportResult *result,
                                                          guint index);
CXM_EXTERN guint64 cxm_import_result_get_error_line(const CxmImportResult *result,
                                                    guint index);
CXM_EXTERN const char *cxm_import_result_get_error_key(const CxmImportResult *result,
                                                       guint index);
CXM_EXTERN int cxm_import_result_get_error_code(const CxmImportResult *result,
                                                guint index);
/* The reason alone, without the line: "csat must be an integer 1..5, got 7". */
CXM_EXTERN const char *cxm_import_result_get_error_message(const CxmImportResult *result,
                                                           guint index);

/**
 * cxm_import_path / _stream / _fd / _data:
 * @source: (nullable): the name errors carry (the path, for _path)
 * @result: (nullable): where counts and rejections are added
 *
 * Reads JSON Lines and records each valid interaction; leadership events
 * ("kind": "leadership") are validated and counted. A bad record is
 * rejected, with its line, key and reason in @result, and changes nothing.
 * Returns FALSE with @error only on I/O errors (CXM_ERROR_IO; records read
 * before stay recorded) or, with CXM_IMPORT_STRICT, at the first bad record
 * (its own code, message "line N: reason"). Blank lines are skipped.
 * _stream reads @stream to its end and does not close it; _fd reads @fd
 * to its end and does not close it; _data does not keep @data.
 */
CXM_EXTERN gboolean cxm_import_path(CxmRecorder *recorder,
                                             const char *path,
                                             unsigned int flags,
                                             CxmImportResult *result,
                                             GError **error);
CXM_EXTERN gboolean cxm_import_stream(CxmRecorder *recorder,
                                               FILE *stream, const char *source,
                                               unsigned int flags,
                                               CxmImportResult *result,
                                               GError **error);
CXM_EXTERN gboolean cxm_import_fd(CxmRecorder *recorder, int fd,
                                           const char *source,
                                           unsigned int flags,
                                           CxmImportResult *result,
                                           GError **error);
CXM_EXTERN gboolean cxm_import_data(CxmRecorder *recorder,
                                             const char *data, gsize length,
                                             const char *source,
                                             unsigned int flags,
                                             CxmImportResult *result,
                                             GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmImportResult, cxm_import_result_free)

G_END_DECLS

#endif
