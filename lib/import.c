/* JSON Lines import: split lines, parse with json-c, reject or record. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <json-c/json.h>
#include <string.h>
#include <unistd.h>

#include "error-private.h"
#include "import-private.h"
#include "limits.h"
#include "record-parse.h"
#include "recorder-private.h"

#define DEFAULT_MAX_ERRORS 100
/* Room for the longest acceptable line (plus "\r") and a read ahead. */
#define READ_BUFFER (CXM_MAX_LINE + (1u << 20))

typedef struct {
  char *source;
  guint64 line;
  char *key;
  int code;
  char *message;
} ImportError;

struct _CxmImportResult {
  guint64 records, accepted, rejected, leadership, bytes;
  CxmImportProgressFunc progress;
  gpointer progress_data;
  CxmImportRecordFunc record;
  gpointer record_data;
  guint max_errors;
  GArray *errors; /* ImportError */
};

static void
import_error_clear(gpointer data)
{
  ImportError *e = data;
  g_free(e->source);
  g_free(e->key);
  g_free(e->message);
}

CxmImportResult *
cxm_import_result_new(void)
{
  CxmImportResult *result = g_new0(CxmImportResult, 1);
  result->max_errors = DEFAULT_MAX_ERRORS;
  result->errors = g_array_new(FALSE, FALSE, sizeof(ImportError));
  g_array_set_clear_func(result->errors, import_error_clear);
  return result;
}

void
cxm_import_result_free(CxmImportResult *result)
{
  if (result == NULL)
    return;
  g_array_unref(result->errors);
  g_free(result);
}

void
cxm_import_result_set_max_errors(CxmImportResult *result, guint max_errors)
{
  g_return_if_fail(result != NULL);
  result->max_errors = max_errors;
  if (result->errors->len > max_errors)
    g_array_set_size(result->errors, max_errors);
}

#define RESULT_COUNT(name)                                            \
  guint64 cxm_import_result_get_##name(const CxmImportResult *result) \
  {                                                                   \
    g_return_val_if_fail(result != NULL, 0);                          \
    return result->name;                                              \
  }
RESULT_COUNT(records)
RESULT_COUNT(bytes)
RESULT_COUNT(accepted)
RESULT_COUNT(rejected)
RESULT_COUNT(leadership)

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
  return result->errors->len;
}

static const ImportError *
error_at(const CxmImportResult *result, guint index)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (index >= result->errors->len)
    return NULL;
  return &g_array_index(result->errors, ImportError, index);
}

/* A getter of one field of the index-th kept rejection. */
#define ERROR_FIELD(Type, name, none)                                                 \
  Type cxm_import_result_get_error_##name(const CxmImportResult *result, guint index) \
  {                                                                                   \
    const ImportError *e = error_at(result, index);                                   \
    return e ? e->name : (none);                                                      \
  }
ERROR_FIELD(const char *, source, NULL)
ERROR_FIELD(guint64, line, 0)
ERROR_FIELD(const char *, key, NULL)
ERROR_FIELD(int, code, CXM_UNSET)
ERROR_FIELD(const char *, message, NULL)

/* ---- the importer ------------------------------------------------------ */

typedef struct {
  CxmRecorder *recorder;
  CxmImportResult *result;
  const char *source;
  gboolean strict, dry_run, live;
  CxmRecordParser *parser;
  guint64 line;
  GError *stop;  /* the first rejection in strict mode, a journal's I/O error */
  int live_fd;   /* CXM_IMPORT_LIVE from a descriptor: polled, else -1 */
  gboolean done; /* the record function stopped the import */
  CxmInteraction it;
} Importer;

static void
importer_init(Importer *imp, CxmRecorder *recorder, const char *source,
              unsigned int flags, CxmImportResult *result)
{
  memset(imp, 0, sizeof *imp);
  imp->recorder = recorder;
  imp->source = source;
  imp->strict = (flags & CXM_IMPORT_STRICT) != 0;
  imp->dry_run = (flags & CXM_IMPORT_DRY_RUN) != 0;
  imp->live = (flags & CXM_IMPORT_LIVE) != 0;
  imp->result = result;
  imp->parser = cxm_record_parser_new();
  imp->live_fd = -1;
}

/* CXM_IMPORT_LIVE: when no input is waiting, the client has been answered
 * and waits, so what a batch-synced journal acknowledged goes to the disk
 * now rather than with the next batch. */
static void
sync_if_idle(Importer *imp)
{
  struct pollfd pfd = { imp->live_fd, POLLIN, 0 };
  GError *error = NULL;
  CxmSyncMode mode;
  int ready;

  cxm_recorder_lock(imp->recorder);
  mode = imp->recorder->sync_mode;
  cxm_recorder_unlock(imp->recorder);
  if (mode != CXM_SYNC_BATCH)
    return;
  do
    ready = poll(&pfd, 1, 0);
  while (ready < 0 && errno == EINTR);
  if (ready == 0 && !cxm_journal_sync(imp->recorder, &error))
    imp->stop = error;
}

/* Releases the importer; FALSE, with the rejection as @error, after a
 * strict-mode stop. */
static gboolean
importer_finish(Importer *imp, GError **error)
{
  cxm_record_parser_free(imp->parser);
  if (imp->stop != NULL) {
    g_propagate_error(error, imp->stop);
    return FALSE;
  }
  return TRUE;
}

/* Tells the record function, if any, of the line just read. */
static void
tell(Importer *imp, const char *id, const CxmOutcome *outcome, gboolean leadership,
     const GError *why)
{
  CxmImportRecord record = {
    imp->source,
    imp->line,
    id,
    why,
    leadership,
    outcome ? outcome->klass : CXM_CLASS_NEUTRAL,
    outcome ? outcome->reason : CXM_REASON_ROUTINE,
    outcome ? outcome->level : CXM_UNSET,
    outcome ? outcome->team : NULL,
  };
  if (imp->result->record != NULL &&
      !imp->result->record(&record, imp->result->record_data))
    imp->done = TRUE;
}

/* Counts a rejected line (@id: of a valid record the recorder refused),
 * keeps its details while there is room and tells the record function. A
 * journal that cannot be written stops the import; so does any rejection
 * in strict mode, with "line N: reason". */
static void
reject(Importer *imp, GError *why, const char *id)
{
  CxmImportResult *result = imp->result;
  const char *key = cxm_error_get_key(why);

  result->rejected++;
  if (result->errors->len < result->max_errors) {
    ImportError e = {
      g_strdup(imp->source), imp->line, g_strdup(key), why->code, g_strdup(why->message),
    };
    g_array_append_val(result->errors, e);
  }
  tell(imp, id, NULL, FALSE, why);
  if (g_error_matches(why, CXM_ERROR, CXM_ERROR_IO)) {
    imp->stop = g_error_copy(why);
  } else if (imp->strict) {
    imp->stop = g_error_copy(why);
    cxm_error_set_line(imp->stop, imp->line);
    g_prefix_error(&imp->stop, "line %" G_GUINT64_FORMAT ": ", imp->line);
  }
  g_error_free(why);
}

static gboolean
is_blank(const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace(text[i]))
      return FALSE;
  return TRUE;
}

/* A line too long to hold, skipped by the stream reader. */
static void
import_overlong_line(Importer *imp)
{
  GError *why = NULL;

  imp->line++;
  imp->result->records++;
  cxm_set_too_long_error(&why);
  reject(imp, why, NULL);
}

/* One line without its "\n". */
static void
import_line(Importer *imp, const char *text, gsize len, gboolean padded)
{
  CxmRecord record;
  CxmOutcome outcome;
  GError *why = NULL;

  imp->line++;
  if (len > 0 && text[len - 1] == '\r')
    len--;
  if (is_blank(text, len))
    return;
  imp->result->records++;
  if (!cxm_record_parser_parse(imp->parser, text, len, padded, &imp->it, &record, &why)) {
    reject(imp, why, NULL);
  } else if (!imp->dry_run &&
             !cxm_recorder_add(imp->recorder, &record, !imp->live, &outcome, &why)) {
    reject(imp, why, imp->it.id);
  } else {
    if (imp->dry_run)
      cxm_recorder_classify_record(imp->recorder, &record, &outcome);
    imp->result->accepted++;
    if (record.kind == CXM_RECORD_LEADERSHIP)
      imp->result->leadership++;
    tell(imp, imp->it.id, record.kind == CXM_RECORD_INTERACTION ? &outcome : NULL,
         record.kind == CXM_RECORD_LEADERSHIP, NULL);
  }
}

/* Imports every complete line of @data; returns how many bytes it used. */
static gsize
import_lines(Importer *imp, const char *data, gsize length, gboolean padded)
{
  const char *p = data, *end = data + length, *nl;

  while (imp->stop == NULL && !imp->done &&
         (nl = memchr(p, '\n', (gsize) (end - p))) != NULL) {
    /* In a caller's buffer, only the lines far enough from its end. */
    import_line(imp, p, (gsize) (nl - p), padded || nl + CXM_RECORD_PADDING <= end);
    p = nl + 1;
  }
  return (gsize) (p - data);
}

typedef gssize (*ReadFunc)(gpointer source, char *buffer, gsize size, GError **error);

/* Streams lines from @read_func through a buffer that holds at least one
 * maximal line; longer lines are skipped to their end and rejected. */
static gboolean
import_stream(Importer *imp, ReadFunc read_func, gpointer source, GError **error)
{
  char *buffer = g_malloc(READ_BUFFER + CXM_RECORD_PADDING);
  gsize filled = 0;
  gboolean overlong = FALSE, ok = TRUE;

  while (imp->stop == NULL && !imp->done) {
    if (imp->live_fd >= 0) {
      sync_if_idle(imp);
      if (imp->stop != NULL)
        break;
    }
    gssize n = read_func(source, buffer + filled, READ_BUFFER - filled, error);
    if (n < 0) {
      ok = FALSE;
      break;
    }
    if (n == 0) {
      if (overlong)
        import_overlong_line(imp);
      else if (filled > 0) {
        import_line(imp, buffer, filled, TRUE); /* last line without "\n" */
      }
      break;
    }
    const char *chunk = buffer + filled;
    filled += (gsize) n;
    imp->result->bytes += (guint64) n;
    if (overlong) {
      /* Still inside an overlong line: drop up to its end. */
      const char *nl = memchr(chunk, '\n', (gsize) n);
      if (nl == NULL) {
        filled = 0;
        continue;
      }
      import_overlong_line(imp);
      overlong = FALSE;
      gsize rest = filled - (gsize) (nl + 1 - buffer);
      memmove(buffer, nl + 1, rest);
      filled = rest;
    }
    gsize used = import_lines(imp, buffer, filled, TRUE);
    if (imp->result->progress != NULL)
      imp->result->progress(imp->result->records, imp->result->bytes,
                            imp->result->progress_data);
    memmove(buffer, buffer + used, filled - used);
    filled -= used;
    if (filled > CXM_MAX_LINE + 1) {
      overlong = TRUE;
      filled = 0;
    }
  }
  g_free(buffer);
  return ok;
}

static gssize
read_fd(gpointer source, char *buffer, gsize size, GError **error)
{
  const int fd = GPOINTER_TO_INT(source);
  for (;;) {
    gssize n = read(fd, buffer, size);
    if (n >= 0)
      return n;
    if (errno != EINTR) {
      int saved = errno;
      g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "read failed: %s", g_strerror(saved));
      return -1;
    }
  }
}

/* The first bytes of a file, read with pread(2). */
typedef struct {
  int fd;
  guint64 offset, end;
} FilePrefix;

static gssize
read_prefix(gpointer source, char *buffer, gsize size, GError **error)
{
  FilePrefix *prefix = source;
  gsize want = (gsize) MIN((guint64) size, prefix->end - prefix->offset);

  if (want == 0)
    return 0;
  for (;;) {
    gssize n = pread(prefix->fd, buffer, want, (off_t) prefix->offset);
    if (n > 0)
      prefix->offset += (guint64) n;
    if (n >= 0)
      return n;
    if (errno != EINTR) {
      int saved = errno;
      g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "read failed: %s", g_strerror(saved));
      return -1;
    }
  }
}

static gssize
read_stream(gpointer source, char *buffer, gsize size, GError **error)
{
  FILE *stream = source;
  gsize n = fread(buffer, 1, size, stream);
  if (n == 0 && ferror(stream)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "read failed: %s", g_strerror(errno));
    return -1;
  }
  return (gssize) n;
}

/* Runs one import; @result may be NULL (a scratch result then counts). */
static gboolean
run_import(CxmRecorder *recorder, const char *source, unsigned int flags,
           CxmImportResult *result, ReadFunc read_func, gpointer read_source,
           const char *data, gsize length, GError **error)
{
  CxmImportResult *scratch = NULL;
  Importer imp;
  gboolean ok;

  if (result == NULL) {
    result = scratch = cxm_import_result_new();
    cxm_import_result_set_max_errors(scratch, 0);
  }
  importer_init(&imp, recorder, source, flags, result);
  if ((flags & CXM_IMPORT_LIVE) && read_func == read_fd)
    imp.live_fd = GPOINTER_TO_INT(read_source);
  if (read_func != NULL) {
    ok = import_stream(&imp, read_func, read_source, error);
  } else {
    gsize used = import_lines(&imp, data, length, FALSE);
    result->bytes += length;
    if (imp.stop == NULL && !imp.done && used < length)
      import_line(&imp, data + used, length - used, FALSE); /* no final "\n" */
    ok = TRUE;
  }
  /* A journal in CXM_SYNC_ALWAYS mode is synced once, before returning. */
  ok = ok && cxm_recorder_sync_bulk(recorder, error);
  if (!ok && source != NULL)
    g_prefix_error(error, "%s: ", source);
  ok = importer_finish(&imp, ok ? error : NULL) && ok;
  cxm_import_result_free(scratch);
  return ok;
}

gboolean
cxm_import_data(CxmRecorder *recorder, const char *data, gsize length, const char *source,
                unsigned int flags, CxmImportResult *result, GError **error)
{
  cxm_return_val_if_null(recorder, error, FALSE);
  if (length > 0)
    cxm_return_val_if_null(data, error, FALSE);
  return run_import(recorder, source, flags, result, NULL, NULL, data, length, error);
}

gboolean
cxm_import_fd(CxmRecorder *recorder, int fd, const char *source, unsigned int flags,
              CxmImportResult *result, GError **error)
{
  cxm_return_val_if_null(recorder, error, FALSE);
  if (fd < 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "%s: fd must not be negative", G_STRFUNC);
    return FALSE;
  }
  return run_import(recorder, source, flags, result, read_fd, GINT_TO_POINTER(fd), NULL,
                    0, error);
}

gboolean
cxm_import_fd_prefix(CxmRecorder *recorder, int fd, guint64 length, const char *source,
                     CxmImportResult *result, GError **error)
{
  FilePrefix prefix = { fd, 0, length };
  return run_import(recorder, source, CXM_IMPORT_DEFAULT, result, read_prefix, &prefix,
                    NULL, 0, error);
}

gboolean
cxm_import_stream(CxmRecorder *recorder, FILE *stream, const char *source,
                  unsigned int flags, CxmImportResult *result, GError **error)
{
  cxm_return_val_if_null(recorder, error, FALSE);
  cxm_return_val_if_null(stream, error, FALSE);
  return run_import(recorder, source, flags, result, read_stream, stream, NULL, 0, error);
}

gboolean
cxm_import_path(CxmRecorder *recorder, const char *path, unsigned int flags,
                CxmImportResult *result, GError **error)
{
  gboolean ok;
  int fd;

  cxm_return_val_if_null(recorder, error, FALSE);
  cxm_return_val_if_null(path, error, FALSE);
  fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int saved = errno;
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "%s: %s", path, g_strerror(saved));
    return FALSE;
  }
  ok = cxm_import_fd(recorder, fd, path, flags, result, error);
  close(fd);
  return ok;
}
