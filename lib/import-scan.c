/* SPDX-License-Identifier: MIT */
/* Lines to records (import-private.h): split, parse, record, count, and
 * tell the record function. The import runs one scanner per block of lines
 * on its threads, and one over the whole input when records must be told
 * of one at a time. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "import-private.h"
#include "recorder-private.h"

void
cxm_scanner_init(CxmScanner *s, CxmRecorder *target, const char *source,
                 unsigned int flags, const CxmFilter *filter, CxmTally *tally)
{
  memset(s, 0, sizeof *s);
  s->parser = cxm_record_parser_new();
  s->target = target;
  s->source = source;
  s->strict = (flags & CXM_IMPORT_STRICT) != 0;
  s->dry_run = (flags & CXM_IMPORT_DRY_RUN) != 0;
  /* A live import syncs each record as its journal's mode says; any other
   * syncs once, at its end. */
  s->bulk = (flags & CXM_IMPORT_LIVE) == 0;
  s->tally = tally;
  s->filter = filter;
}

void
cxm_scanner_clear(CxmScanner *s)
{
  cxm_record_parser_free(s->parser);
  s->parser = NULL;
  if (s->journal != NULL)
    g_string_free(s->journal, TRUE);
  if (s->ids != NULL)
    g_ptr_array_unref(s->ids);
  g_clear_error(&s->stop);
}

/* Tells the record function, if any, of the line just read. */
static void
tell(CxmScanner *s, const char *id, const CxmOutcome *outcome, gboolean leadership,
     const GError *why)
{
  CxmImportRecord record = {
    s->source,
    s->line,
    id,
    why,
    leadership,
    outcome ? outcome->klass : CXM_CLASS_NEUTRAL,
    outcome ? outcome->reason : CXM_REASON_ROUTINE,
    outcome ? outcome->level : CXM_UNSET,
    outcome ? outcome->team : NULL,
  };
  if (s->record != NULL && !s->record(&record, s->record_data))
    s->done = TRUE;
}

/* Counts a rejected line (@id: of a valid record the recorder refused),
 * keeps its details while there is room and tells the record function. A
 * journal that cannot be written stops the import; so does any rejection
 * in strict mode, with "line N: reason" (N counted within what this
 * scanner read: the committer adds the lines before). */
static void
reject(CxmScanner *s, GError *why, const char *id)
{
  CxmTally *tally = s->tally;

  tally->rejected++;
  if (tally->errors->len < tally->max_errors) {
    CxmImportError e = {
      g_strdup(s->source),    s->line, g_strdup(cxm_error_get_key(why)), why->code,
      g_strdup(why->message),
    };
    g_array_append_val(tally->errors, e);
  }
  tell(s, id, NULL, FALSE, why);
  if (g_error_matches(why, CXM_ERROR, CXM_ERROR_IO) || s->strict)
    s->stop = why;
  else
    g_error_free(why);
}

void
cxm_scanner_overlong_line(CxmScanner *s)
{
  GError *why = NULL;

  s->line++;
  s->tally->records++;
  cxm_set_too_long_error(&why);
  reject(s, why, NULL);
}

static gboolean
is_blank(const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace(text[i]))
      return FALSE;
  return TRUE;
}

/* What a committer writes for a record it did not see: its journal line
 * and id. */
static void
keep_for_journal(CxmScanner *s, const CxmRecord *record)
{
  if (s->journal != NULL) {
    g_autoptr(GString) line = g_string_new(NULL);
    cxm_record_to_compact(record, line);
    g_string_append_len(s->journal, line->str, (gssize) line->len);
    g_string_append_c(s->journal, '\n');
  }
  if (s->ids != NULL)
    g_ptr_array_add(s->ids, g_strdup(record->it->id));
}

/* One line without its "\n". */
static void
scan_line(CxmScanner *s, const char *text, gsize len, gboolean padded)
{
  CxmRecord record;
  CxmOutcome outcome;
  GError *why = NULL;

  s->line++;
  if (len > 0 && text[len - 1] == '\r')
    len--;
  if (is_blank(text, len))
    return;
  s->tally->records++;
  if (!cxm_record_parser_parse(s->parser, text, len, padded, &s->it, &record, &why)) {
    reject(s, why, NULL);
    return;
  }
  /* After parsing, so that a bad record is rejected whether it would pass
   * or not; before recording, with the org's team and level. */
  if (s->filter != NULL &&
      !cxm_filter_matches_record(s->filter, &record, s->target->org,
                                 s->target->policy)) {
    s->tally->filtered++;
    return;
  }
  if (s->dry_run) {
    cxm_recorder_classify_record(s->target, &record, &outcome);
  } else if (!cxm_recorder_add(s->target, &record, s->bulk, &outcome, &why)) {
    reject(s, why, s->it.id);
    return;
  }
  keep_for_journal(s, &record);
  s->tally->accepted++;
  if (record.kind == CXM_RECORD_LEADERSHIP)
    s->tally->leadership++;
  tell(s, s->it.id, record.kind == CXM_RECORD_INTERACTION ? &outcome : NULL,
       record.kind == CXM_RECORD_LEADERSHIP, NULL);
}

void
cxm_scanner_scan(CxmScanner *s, const char *text, gsize length, gboolean padded)
{
  const char *p = text, *end = text + length, *nl;

  while (s->stop == NULL && !s->done && p < end) {
    nl = memchr(p, '\n', (gsize) (end - p));
    const char *line_end = nl ? nl : end;
    /* Within a caller's buffer, only lines far enough from its end. */
    scan_line(s, p, (gsize) (line_end - p),
              padded || line_end + CXM_RECORD_PADDING <= end);
    p = nl ? nl + 1 : end;
  }
}
