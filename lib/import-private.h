/* SPDX-License-Identifier: MIT */
/* What the files of the import share: the result's counts (import-result.c),
 * the scanner that turns lines into records (import-scan.c), and the
 * import that reads, spreads blocks of lines over threads and commits them
 * in input order (import.c). */
#ifndef CXM_IMPORT_PRIVATE_H
#define CXM_IMPORT_PRIVATE_H

#include <cxm/filter.h>
#include <cxm/import.h>
#include <cxm/org.h>

#include "record-parse.h"

/* One rejection kept in detail. */
typedef struct {
  char *source;
  guint64 line;
  char *key;
  int code;
  char *message;
} CxmImportError;

/* Counts and the first rejections: of a result, or of one block. */
typedef struct {
  guint64 records, accepted, rejected, leadership, filtered;
  guint max_errors;
  GArray *errors; /* CxmImportError */
} CxmTally;

void cxm_tally_init(CxmTally *tally, guint max_errors);
void cxm_tally_clear(CxmTally *tally);
/* Adds @block's counts and, while there is room, its rejections, whose
 * lines are counted from @line_offset. */
void cxm_tally_add(CxmTally *tally, CxmTally *block, guint64 line_offset);

struct _CxmImportResult {
  CxmTally tally;
  guint64 bytes;
  CxmImportProgressFunc progress;
  gpointer progress_data;
  CxmImportRecordFunc record;
  gpointer record_data;
  guint threads;     /* 0: every online CPU */
  CxmFilter *filter; /* owned; NULL passes everything */
};

/* Reads lines into records, and records them into @target. */
typedef struct {
  CxmRecordParser *parser;
  CxmRecorder *target;
  const char *source;
  guint64 line; /* lines read so far (the last one's number) */
  gboolean strict, dry_run, bulk;
  CxmTally *tally;
  const CxmFilter *filter;    /* nullable */
  CxmImportRecordFunc record; /* nullable */
  gpointer record_data;
  /* Of a block recorded into a private recorder: the journal lines and ids
   * the committer writes (NULL when the destination has no journal or keeps
   * no ids). */
  GString *journal;
  GPtrArray *ids;
  GError *stop;  /* the first rejection in strict mode; an I/O error */
  gboolean done; /* the record function stopped the import */
  CxmInteraction it;
} CxmScanner;

/* @filter (nullable) is the result's: records it does not pass are counted
 * as filtered, neither recorded nor told of. */
void cxm_scanner_init(CxmScanner *scanner, CxmRecorder *target, const char *source,
                      unsigned int flags, const CxmFilter *filter, CxmTally *tally);
void cxm_scanner_clear(CxmScanner *scanner);
/* Reads every line of the @length bytes of @text (the last one may lack
 * its line end), stopping at a strict rejection, an I/O error or the
 * record function's stop. With @padded, CXM_RECORD_PADDING bytes after
 * @text are readable. */
void cxm_scanner_scan(CxmScanner *scanner, const char *text, gsize length,
                      gboolean padded);
/* A line too long to hold, which the reader skipped. */
void cxm_scanner_overlong_line(CxmScanner *scanner);

/* A copy of @filter (nullable). */
CxmFilter *cxm_filter_copy(const CxmFilter *filter);
/* Whether @record passes @filter, with the team and level it counts under
 * (its own, else its employee's or actor's in @org, nullable) and dates
 * read as days in @policy's zones. */
gboolean cxm_filter_matches_record(const CxmFilter *filter, const CxmRecord *record,
                                   const CxmOrg *org, const CxmPolicy *policy);

/* The days [@first, @last] (day numbers; open ends G_MININT64 and
 * G_MAXINT64) that @filter passes, when it passes whole days and nothing
 * else; else FALSE with %CXM_ERROR_INVALID_ARGUMENT saying why. */
gboolean cxm_filter_get_days(const CxmFilter *filter, gint64 *first, gint64 *last,
                             GError **error);

/* An import of the first @length bytes of @fd, read from offset 0 with
 * pread(2): the replay of a journal. */
gboolean cxm_import_fd_prefix(CxmRecorder *recorder, int fd, guint64 length,
                              const char *source, CxmImportResult *result,
                              GError **error);

#endif
