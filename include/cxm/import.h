/* SPDX-License-Identifier: MIT */
/**
 * SECTION:import
 * @title: cxm/import.h
 * @short_description: JSON Lines import (SPEC sections 2 and 7)
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_IMPORT_H
#define CXM_IMPORT_H

#include <stdio.h>
#include <cxm/filter.h>
#include <cxm/recorder.h>

G_BEGIN_DECLS

/**
 * CxmImportFlags:
 * @CXM_IMPORT_DEFAULT: none of the flags below.
 * @CXM_IMPORT_STRICT: all or nothing: stop at the first bad record, in
 *   input order; the import fails with that record's error ("line N:
 *   reason") and changes nothing (records before it are not kept either,
 *   and a journal takes back what the import wrote). The recorder is
 *   locked for the import's length.
 * @CXM_IMPORT_DRY_RUN: read, validate and classify every record, count it
 *   and tell the record function (cxm_import_result_set_record_func()),
 *   but add nothing to the recorder, whose policy and org only classify:
 *   what `cxm validate` and `cxm classify` do, in memory that does not
 *   grow with the input.
 * @CXM_IMPORT_LIVE: records come from a client that waits for each one's
 *   answer (`cxm record`): each accepted record reaches the journal and is
 *   synced as its #CxmSyncMode says before the record function hears of it
 *   (without this flag, a journal in %CXM_SYNC_ALWAYS mode is synced once,
 *   at the import's end), and, in an import from a descriptor into a
 *   journal synced in %CXM_SYNC_BATCH mode, the journal is synced whenever
 *   no input is waiting.
 *
 * How an import reads. Flags combine with |; functions take them as an
 * unsigned int.
 */
typedef enum {
  CXM_IMPORT_DEFAULT = 0,
  CXM_IMPORT_STRICT = 1 << 0,
  CXM_IMPORT_DRY_RUN = 1 << 1,
  CXM_IMPORT_LIVE = 1 << 2
} CxmImportFlags;

/**
 * CxmImportResult:
 *
 * What one or more imports read: records (non-blank lines), accepted
 * (interactions and leadership events), rejected, filtered (valid records
 * the result's filter did not pass), and the first rejections
 * (100 unless changed) with source, line, key and message. Pass the same
 * result to several imports to add them up. g_autoptr(CxmImportResult)
 * frees a result.
 *
 * Not thread-safe: one import at a time per result.
 */
typedef struct _CxmImportResult CxmImportResult;

/**
 * cxm_import_result_new:
 *
 * Creates an empty result that keeps the first 100 rejections in detail.
 *
 * Returns: (transfer full): a new result; free with cxm_import_result_free().
 *   Never %NULL.
 */
CXM_EXTERN CxmImportResult *cxm_import_result_new(void);
/**
 * cxm_import_result_free:
 * @result: (nullable) (transfer full): a result
 *
 * Frees a result. Accepts %NULL.
 */
CXM_EXTERN void cxm_import_result_free(CxmImportResult *result);
/**
 * cxm_import_result_set_max_errors:
 * @result: a result
 * @max_errors: how many rejections to keep in detail; 0 keeps none
 *
 * Sets how many rejections @result keeps in detail; those already kept
 * beyond a lowered bound are dropped. Counts are never bounded.
 */
CXM_EXTERN void cxm_import_result_set_max_errors(CxmImportResult *result,
                                                 guint max_errors);
/**
 * cxm_import_result_set_threads:
 * @result: a result
 * @threads: how many threads the imports that add to @result read with; 0
 *   (the default) means one per online CPU
 *
 * An import from a path, descriptor, stream or buffer parses and sums its
 * records on @threads threads, each into sums of its own that the calling
 * thread merges in input order: the sums, the report and the snapshot are
 * those of one thread, rejections come in input order with their lines,
 * and a journal receives the accepted records in input order. Imports that
 * tell a record function of each record (cxm_import_result_set_record_func()),
 * live and dry-run imports read on the calling thread alone.
 */
CXM_EXTERN void cxm_import_result_set_threads(CxmImportResult *result, guint threads);
/**
 * cxm_import_result_get_threads:
 * @result: a result
 *
 * Returns: the threads set by cxm_import_result_set_threads(), 0 for one
 *   per online CPU
 */
CXM_EXTERN guint cxm_import_result_get_threads(const CxmImportResult *result);

/**
 * CxmImportProgressFunc:
 * @records: the result's records so far
 * @bytes: the result's bytes so far
 * @user_data: the pointer given with the function
 *
 * Called while an import reads a file, descriptor or stream (not
 * cxm_import_data()), after each block it reads (up to 2 MiB), with the
 * result's records and bytes so far.
 */
typedef void (*CxmImportProgressFunc)(guint64 records, guint64 bytes, gpointer user_data);
/**
 * cxm_import_result_set_progress:
 * @result: a result
 * @func: (nullable) (closure user_data): the progress callback, or %NULL to
 *   remove it
 * @user_data: passed to @func as is
 *
 * Sets (or, with %NULL, removes) the progress callback of the imports that
 * add to @result. @user_data is passed as is and not kept beyond the
 * result.
 */
CXM_EXTERN void cxm_import_result_set_progress(CxmImportResult *result,
                                               CxmImportProgressFunc func,
                                               gpointer user_data);
/**
 * CxmImportRecord:
 * @source: (nullable): the name the import was given
 * @line: the record's line, counting from 1, blank lines included
 * @id: (nullable): the record's id once it was read as a valid record,
 *   accepted or not (a duplicate, beyond the group limit, not journaled);
 *   %NULL for a line that is not a valid record
 * @error: (nullable): why the record was rejected; %NULL when accepted
 * @leadership: the record is a leadership event
 * @klass: an accepted interaction's class
 * @reason: an accepted interaction's reason
 * @level: the level an accepted interaction counts under (its own, its
 *   employee's in the org, else %CXM_LEVEL_UNASSIGNED); %CXM_UNSET otherwise
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

/**
 * CxmImportRecordFunc:
 * @record: (transfer none): the record just read
 * @user_data: the pointer given with the function
 *
 * Called by an import with each record it read, in input order.
 *
 * Returns: %TRUE to go on; %FALSE stops the import after this record, as if
 *   its input had ended there
 */
typedef gboolean (*CxmImportRecordFunc)(const CxmImportRecord *record,
                                        gpointer user_data);
/**
 * cxm_import_result_set_record_func:
 * @result: a result
 * @func: (nullable) (closure user_data): the record function, or %NULL to
 *   remove it
 * @user_data: passed to @func as is
 *
 * Sets (or, with %NULL, removes) the function the imports that add to
 * @result call with each record, accepted or rejected, as it is read.
 * @user_data is passed as is and not kept beyond the result.
 */
CXM_EXTERN void cxm_import_result_set_record_func(CxmImportResult *result,
                                                  CxmImportRecordFunc func,
                                                  gpointer user_data);
/**
 * cxm_import_result_get_records:
 * @result: a result
 *
 * Records read: non-blank lines.
 *
 * Returns: the number of records
 */
CXM_EXTERN guint64 cxm_import_result_get_records(const CxmImportResult *result);
/**
 * cxm_import_result_get_bytes:
 * @result: a result
 *
 * Bytes read, blank lines and line ends included.
 *
 * Returns: the number of bytes
 */
CXM_EXTERN guint64 cxm_import_result_get_bytes(const CxmImportResult *result);
/**
 * cxm_import_result_get_accepted:
 * @result: a result
 *
 * Records accepted: interactions and leadership events.
 *
 * Returns: the number of records
 */
CXM_EXTERN guint64 cxm_import_result_get_accepted(const CxmImportResult *result);
/**
 * cxm_import_result_get_rejected:
 * @result: a result
 *
 * Records rejected, kept in detail or not.
 *
 * Returns: the number of records
 */
CXM_EXTERN guint64 cxm_import_result_get_rejected(const CxmImportResult *result);
/**
 * cxm_import_result_get_leadership:
 * @result: a result
 *
 * Accepted leadership events (also counted in accepted).
 *
 * Returns: the number of events
 */
CXM_EXTERN guint64 cxm_import_result_get_leadership(const CxmImportResult *result);
/**
 * cxm_import_result_get_filtered:
 * @result: a result
 *
 * Valid records that the result's filter (cxm_import_result_set_filter())
 * did not pass: neither accepted nor rejected, nor told to the record
 * function.
 *
 * Returns: the number of records
 */
CXM_EXTERN guint64 cxm_import_result_get_filtered(const CxmImportResult *result);
/**
 * cxm_import_result_set_filter:
 * @result: a result
 * @filter: (nullable): which records the imports that add to @result keep,
 *   or %NULL to keep every valid record; copied
 *
 * Sets the filter every valid record of the imports that add to @result
 * passes through after parsing and before recording (so, after the org's
 * team and level of its employee or actor are found, before ids are
 * checked against the journal). A bad record is rejected whether or not
 * it would pass. Records the filter does not pass are counted as filtered
 * (cxm_import_result_get_filtered()) and change nothing.
 *
 * A journal replayed by cxm_journal_open() into such a result is filtered
 * too: what `cxm report --journal` wants of a journal opened read only. A
 * journal opened for writing keeps every record while the recorder holds
 * only those that passed (and, with %CXM_JOURNAL_UNIQUE_IDS, knows only
 * their ids): open one for writing with an unfiltered result.
 */
CXM_EXTERN void cxm_import_result_set_filter(CxmImportResult *result,
                                             const CxmFilter *filter);
/**
 * cxm_import_result_get_n_errors:
 * @result: a result
 *
 * Rejections kept in detail, in input order; index them from 0 with the
 * cxm_import_result_get_error_*() functions.
 *
 * Returns: the number of kept rejections
 */
CXM_EXTERN guint cxm_import_result_get_n_errors(const CxmImportResult *result);
/**
 * cxm_import_result_get_error_source:
 * @result: a result
 * @index: which kept rejection
 *
 * The source of the index-th kept rejection.
 *
 * Returns: (transfer none) (nullable): the name the import was given, owned
 *   by the result; %NULL when there is none (a memory buffer without a
 *   name) and for an out-of-range @index
 */
CXM_EXTERN const char *cxm_import_result_get_error_source(const CxmImportResult *result,
                                                          guint index);
/**
 * cxm_import_result_get_error_line:
 * @result: a result
 * @index: which kept rejection
 *
 * The line of the index-th kept rejection.
 *
 * Returns: the line, counting from 1; 0 for an out-of-range @index
 */
CXM_EXTERN guint64 cxm_import_result_get_error_line(const CxmImportResult *result,
                                                    guint index);
/**
 * cxm_import_result_get_error_key:
 * @result: a result
 * @index: which kept rejection
 *
 * The key the index-th kept rejection is about.
 *
 * Returns: (transfer none) (nullable): the key, owned by the result; %NULL
 *   when there is none (a line that is not JSON) and for an out-of-range
 *   @index
 */
CXM_EXTERN const char *cxm_import_result_get_error_key(const CxmImportResult *result,
                                                       guint index);
/**
 * cxm_import_result_get_error_code:
 * @result: a result
 * @index: which kept rejection
 *
 * The code of the index-th kept rejection.
 *
 * Returns: a #CxmError code; %CXM_UNSET for an out-of-range @index
 */
CXM_EXTERN int cxm_import_result_get_error_code(const CxmImportResult *result,
                                                guint index);
/**
 * cxm_import_result_get_error_message:
 * @result: a result
 * @index: which kept rejection
 *
 * The reason of the index-th kept rejection alone, without the line: "csat
 * must be an integer 1..5, got 7".
 *
 * Returns: (transfer none) (nullable): the message, owned by the result;
 *   %NULL for an out-of-range @index
 */
CXM_EXTERN const char *cxm_import_result_get_error_message(const CxmImportResult *result,
                                                           guint index);
/**
 * cxm_import_result_add_counts:
 * @result: a result
 * @records: records read elsewhere
 * @accepted: of them, accepted
 * @rejected: of them, rejected
 * @leadership: of the accepted, leadership events
 *
 * Adds counts that imports elsewhere read (another result's getters, in
 * this process or another) to @result's. With cxm_import_result_add_error()
 * for the rejections that result kept, it makes the results of shards
 * imported apart one result, as if one import had read them in turn.
 */
CXM_EXTERN void cxm_import_result_add_counts(CxmImportResult *result, guint64 records,
                                             guint64 accepted, guint64 rejected,
                                             guint64 leadership);
/**
 * cxm_import_result_add_filtered:
 * @result: a result
 * @filtered: records filtered out elsewhere
 *
 * Adds to @result's filtered count, as cxm_import_result_add_counts() adds
 * the others.
 */
CXM_EXTERN void cxm_import_result_add_filtered(CxmImportResult *result, guint64 filtered);
/**
 * cxm_import_result_add_error:
 * @result: a result
 * @source: (nullable): the name of the input, as
 *   cxm_import_result_get_error_source() gives it
 * @line: the line, counting from 1
 * @key: (nullable): the key at fault
 * @code: a #CxmError code
 * @message: the reason alone, without the line
 *
 * Keeps one more rejection in detail, after those kept, while @result
 * keeps fewer than its bound (cxm_import_result_set_max_errors()). It
 * counts nothing: cxm_import_result_add_counts() adds the counts. The
 * strings are copied.
 *
 * Returns: %TRUE if it was kept, %FALSE if @result was full
 */
CXM_EXTERN gboolean cxm_import_result_add_error(CxmImportResult *result,
                                                const char *source, guint64 line,
                                                const char *key, int code,
                                                const char *message);

/**
 * cxm_import_path:
 * @recorder: the recorder that records (with %CXM_IMPORT_DRY_RUN, only
 *   classifies)
 * @path: the file to read; also the name errors carry
 * @flags: #CxmImportFlags combined with |
 * @result: (nullable): where counts and rejections are added
 * @error: return location for a #GError, or %NULL
 *
 * Reads JSON Lines and records each valid interaction; leadership events
 * ("kind": "leadership") are validated and counted. A bad record is
 * rejected, with its line, key and reason in @result, and changes nothing.
 * Blank lines are skipped; lines end with LF or CRLF, and the last one may
 * lack its line end; a line longer than 1 MiB is rejected
 * (%CXM_ERROR_TOO_LONG) and skipped to its end. A record that a journal
 * cannot take (%CXM_ERROR_IO) stops the import.
 *
 * Returns: %TRUE when the input was read to its end or the record function
 *   stopped it; %FALSE with @error only on I/O errors (%CXM_ERROR_IO: the
 *   input cannot be opened or read, a journal cannot be written or synced;
 *   records read before stay recorded), with %CXM_IMPORT_STRICT at the
 *   first rejected record (its own code, message "line N: reason",
 *   cxm_error_get_line(); nothing recorded), or with
 *   %CXM_ERROR_INVALID_ARGUMENT
 */
CXM_EXTERN gboolean cxm_import_path(CxmRecorder *recorder, const char *path,
                                    unsigned int flags, CxmImportResult *result,
                                    GError **error);
/**
 * cxm_import_stream:
 * @recorder: the recorder that records
 * @stream: the stream to read to its end; it is not closed
 * @source: (nullable): the name errors carry
 * @flags: #CxmImportFlags combined with |
 * @result: (nullable): where counts and rejections are added
 * @error: return location for a #GError, or %NULL
 *
 * As cxm_import_path(), from @stream.
 *
 * Returns: as for cxm_import_path()
 */
CXM_EXTERN gboolean cxm_import_stream(CxmRecorder *recorder, FILE *stream,
                                      const char *source, unsigned int flags,
                                      CxmImportResult *result, GError **error);
/**
 * cxm_import_fd:
 * @recorder: the recorder that records
 * @fd: the descriptor to read to its end; it is not closed
 * @source: (nullable): the name errors carry
 * @flags: #CxmImportFlags combined with |
 * @result: (nullable): where counts and rejections are added
 * @error: return location for a #GError, or %NULL
 *
 * As cxm_import_path(), from @fd.
 *
 * Returns: as for cxm_import_path() (a negative @fd is
 *   %CXM_ERROR_INVALID_ARGUMENT)
 */
CXM_EXTERN gboolean cxm_import_fd(CxmRecorder *recorder, int fd, const char *source,
                                  unsigned int flags, CxmImportResult *result,
                                  GError **error);
/**
 * cxm_import_data:
 * @recorder: the recorder that records
 * @data: (array length=length) (nullable): the JSON Lines text; not kept.
 *   %NULL only when @length is 0.
 * @length: bytes in @data
 * @source: (nullable): the name errors carry
 * @flags: #CxmImportFlags combined with |
 * @result: (nullable): where counts and rejections are added
 * @error: return location for a #GError, or %NULL
 *
 * As cxm_import_path(), from memory. No progress callback is called.
 *
 * Returns: as for cxm_import_path(); the only I/O errors are a journal's
 */
CXM_EXTERN gboolean cxm_import_data(CxmRecorder *recorder, const char *data, gsize length,
                                    const char *source, unsigned int flags,
                                    CxmImportResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmImportResult, cxm_import_result_free)

G_END_DECLS

#endif
