/* SPDX-License-Identifier: MIT */
/* CxmImportResult: what imports read, and the settings they read with. */
#include "config.h"

#include "error-private.h"
#include "import-private.h"

#define DEFAULT_MAX_ERRORS 100

static void
import_error_clear(gpointer data)
{
  CxmImportError *e = data;
  g_free(e->source);
  g_free(e->key);
  g_free(e->message);
}

void
cxm_tally_init(CxmTally *tally, guint max_errors)
{
  tally->records = tally->accepted = tally->rejected = tally->leadership = 0;
  tally->filtered = 0;
  tally->max_errors = max_errors;
  tally->errors = g_array_new(FALSE, FALSE, sizeof(CxmImportError));
  g_array_set_clear_func(tally->errors, import_error_clear);
}

void
cxm_tally_clear(CxmTally *tally)
{
  g_clear_pointer(&tally->errors, g_array_unref);
}

void
cxm_tally_add(CxmTally *tally, CxmTally *block, guint64 line_offset)
{
  tally->records += block->records;
  tally->accepted += block->accepted;
  tally->rejected += block->rejected;
  tally->leadership += block->leadership;
  tally->filtered += block->filtered;
  for (guint i = 0; i < block->errors->len && tally->errors->len < tally->max_errors;
       i++) {
    CxmImportError *e = &g_array_index(block->errors, CxmImportError, i);
    CxmImportError moved = *e;
    moved.line += line_offset;
    g_array_append_val(tally->errors, moved);
    /* The strings moved with it. */
    e->source = e->key = e->message = NULL;
  }
}

CxmImportResult *
cxm_import_result_new(void)
{
  CxmImportResult *result = g_new0(CxmImportResult, 1);
  cxm_tally_init(&result->tally, DEFAULT_MAX_ERRORS);
  return result;
}

void
cxm_import_result_free(CxmImportResult *result)
{
  if (result == NULL)
    return;
  cxm_tally_clear(&result->tally);
  cxm_filter_free(result->filter);
  g_free(result);
}

void
cxm_import_result_set_max_errors(CxmImportResult *result, guint max_errors)
{
  g_return_if_fail(result != NULL);
  result->tally.max_errors = max_errors;
  if (result->tally.errors->len > max_errors)
    g_array_set_size(result->tally.errors, max_errors);
}

void
cxm_import_result_set_threads(CxmImportResult *result, guint threads)
{
  g_return_if_fail(result != NULL);
  result->threads = threads;
}

guint
cxm_import_result_get_threads(const CxmImportResult *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->threads;
}

/* A getter of one of the result's counts. */
#define RESULT_COUNT(name, expr)                                      \
  guint64 cxm_import_result_get_##name(const CxmImportResult *result) \
  {                                                                   \
    g_return_val_if_fail(result != NULL, 0);                          \
    return (expr);                                                    \
  }
RESULT_COUNT(records, result->tally.records)
RESULT_COUNT(bytes, result->bytes)
RESULT_COUNT(accepted, result->tally.accepted)
RESULT_COUNT(rejected, result->tally.rejected)
RESULT_COUNT(leadership, result->tally.leadership)
RESULT_COUNT(filtered, result->tally.filtered)

void
cxm_import_result_set_filter(CxmImportResult *result, const CxmFilter *filter)
{
  g_return_if_fail(result != NULL);
  cxm_filter_free(result->filter);
  result->filter = cxm_filter_copy(filter);
}

void
cxm_import_result_add_filtered(CxmImportResult *result, guint64 filtered)
{
  g_return_if_fail(result != NULL);
  result->tally.filtered += filtered;
}

void
cxm_import_result_set_progress(CxmImportResult *result, CxmImportProgressFunc func,
                               gpointer user_data)
{
  g_return_if_fail(result != NULL);
  result->progress = func;
  result->progress_data = user_data;
}

void
cxm_import_result_set_record_func(CxmImportResult *result, CxmImportRecordFunc func,
                                  gpointer user_data)
{
  g_return_if_fail(result != NULL);
  result->record = func;
  result->record_data = user_data;
}

guint
cxm_import_result_get_n_errors(const CxmImportResult *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->tally.errors->len;
}

static const CxmImportError *
error_at(const CxmImportResult *result, guint index)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (index >= result->tally.errors->len)
    return NULL;
  return &g_array_index(result->tally.errors, CxmImportError, index);
}

/* A getter of one field of the index-th kept rejection. */
#define ERROR_FIELD(Type, name, none)                                                 \
  Type cxm_import_result_get_error_##name(const CxmImportResult *result, guint index) \
  {                                                                                   \
    const CxmImportError *e = error_at(result, index);                                \
    return e ? e->name : (none);                                                      \
  }
ERROR_FIELD(const char *, source, NULL)
ERROR_FIELD(guint64, line, 0)
ERROR_FIELD(const char *, key, NULL)
ERROR_FIELD(int, code, CXM_UNSET)
ERROR_FIELD(const char *, message, NULL)

void
cxm_import_result_add_counts(CxmImportResult *result, guint64 records, guint64 accepted,
                             guint64 rejected, guint64 leadership)
{
  g_return_if_fail(result != NULL);
  result->tally.records += records;
  result->tally.accepted += accepted;
  result->tally.rejected += rejected;
  result->tally.leadership += leadership;
}

gboolean
cxm_import_result_add_error(CxmImportResult *result, const char *source, guint64 line,
                            const char *key, int code, const char *message)
{
  g_return_val_if_fail(result != NULL, FALSE);
  g_return_val_if_fail(message != NULL, FALSE);
  if (result->tally.errors->len >= result->tally.max_errors)
    return FALSE;
  CxmImportError e = { g_strdup(source), line, g_strdup(key), code, g_strdup(message) };
  g_array_append_val(result->tally.errors, e);
  return TRUE;
}
