/* SPDX-License-Identifier: MIT */
/* JSON Lines import (cxm/import.h). The input is read in blocks of whole
 * lines; worker threads scan each block into a private recorder of its
 * own, and the calling thread commits the blocks in input order: their
 * journal lines, then their sums, then their rejections with their true
 * line numbers. So a report or snapshot is byte-identical whatever the
 * number of threads. A block that cannot be committed whole (the group
 * limit, a duplicate id) is scanned again, a record at a time, into the
 * destination. Imports whose records must be told of one at a time (a
 * record function, CXM_IMPORT_LIVE) or that run on one thread scan the
 * input on the calling thread directly. A strict import records into a
 * staging recorder merged at its end, so that one that fails changes
 * nothing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error-private.h"
#include "import-private.h"
#include "limits.h"
#include "recorder-private.h"

/* Bytes read at a time: room for the longest line (plus "\r") and more. */
#define BLOCK_SIZE (CXM_MAX_LINE + (1u << 20))
/* Blocks read ahead of the one being committed, per worker. */
#define AHEAD_PER_WORKER 2

/* ---- reading ------------------------------------------------------------ */

typedef gssize (*ReadFunc)(gpointer source, char *buffer, gsize size, GError **error);

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

/* A block: whole lines, the last one possibly without its line end at the
 * end of the input; or, instead, one line too long to hold, skipped. */
typedef struct {
  char *buffer; /* owned; NULL for a slice of the caller's data */
  const char *text;
  gsize length;
  gboolean padded; /* CXM_RECORD_PADDING readable bytes follow */
  gboolean overlong;
  /* What a worker made of it. */
  CxmRecorder *delta;
  CxmTally tally;
  CxmScanner scanner;
  gboolean scanned;
} Block;

/* The input, cut into blocks: from a read function, or from memory. */
typedef struct {
  ReadFunc read;
  gpointer source;
  const char *data; /* or the caller's buffer */
  gsize length, used;
  char *carry; /* a line begun in the last read */
  gsize carried;
  gboolean overlong; /* inside a line too long to hold */
  gboolean eof;
  int live_fd; /* CXM_IMPORT_LIVE from a descriptor: polled, else -1 */
  CxmRecorder *recorder;
  guint64 bytes;
} Reader;

/* CXM_IMPORT_LIVE: when no input is waiting, the client has been answered
 * and waits, so what a batch-synced journal acknowledged goes to the disk
 * now rather than with the next batch. */
static gboolean
sync_if_idle(Reader *r, GError **error)
{
  struct pollfd pfd = { r->live_fd, POLLIN, 0 };
  CxmSyncMode mode;
  int ready;

  cxm_recorder_lock(r->recorder);
  mode = r->recorder->sync_mode;
  cxm_recorder_unlock(r->recorder);
  if (mode != CXM_SYNC_BATCH)
    return TRUE;
  do
    ready = poll(&pfd, 1, 0);
  while (ready < 0 && errno == EINTR);
  return ready != 0 || cxm_journal_sync(r->recorder, error);
}

/* The next block, or NULL at the end of the input (or, with @error, on a
 * read error). */
static Block *
next_block(Reader *r, GError **error)
{
  Block *block;

  if (r->read == NULL) {
    if (r->used >= r->length)
      return NULL;
    /* Cut the caller's buffer after the last line end within BLOCK_SIZE. */
    gsize n = MIN(r->length - r->used, (gsize) BLOCK_SIZE);
    const char *start = r->data + r->used;
    if (r->used + n < r->length) {
      /* Whole lines: a line longer than the block goes whole, to be
       * rejected as too long. */
      const char *nl = memrchr(start, '\n', n);
      if (nl == NULL)
        nl = memchr(start + n, '\n', r->length - r->used - n);
      n = nl != NULL ? (gsize) (nl + 1 - start) : r->length - r->used;
    }
    block = g_new0(Block, 1);
    block->text = start;
    block->length = n;
    r->used += n;
    r->bytes += n;
    return block;
  }

  for (;;) {
    char *buffer = g_malloc(BLOCK_SIZE + CXM_RECORD_PADDING);
    gsize filled = r->carried;

    if (r->carried > 0) /* memcpy() wants a pointer even for 0 bytes */
      memcpy(buffer, r->carry, r->carried);
    g_clear_pointer(&r->carry, g_free);
    r->carried = 0;
    while (!r->eof && filled < BLOCK_SIZE) {
      if (r->live_fd >= 0 && !sync_if_idle(r, error)) {
        g_free(buffer);
        return NULL;
      }
      gssize n = r->read(r->source, buffer + filled, BLOCK_SIZE - filled, error);
      if (n < 0) {
        g_free(buffer);
        return NULL;
      }
      if (n == 0) {
        r->eof = TRUE;
        break;
      }
      r->bytes += (guint64) n;
      const char *chunk = buffer + filled;
      if (r->overlong) {
        /* Inside a line too long to hold: drop up to its end, then say so
         * and keep what follows for the next block. */
        const char *nl = memchr(chunk, '\n', (gsize) n);
        if (nl == NULL)
          continue;
        r->overlong = FALSE;
        r->carried = (gsize) (chunk + n - (nl + 1));
        r->carry = g_memdup2(nl + 1, r->carried);
        g_free(buffer);
        block = g_new0(Block, 1);
        block->overlong = TRUE;
        return block;
      }
      filled += (gsize) n;
      /* A live client waits for its answers: hand over what is whole. */
      if (r->live_fd >= 0 && memchr(chunk, '\n', (gsize) n) != NULL)
        break;
    }
    if (r->overlong) { /* the input ended inside the line */
      g_free(buffer);
      r->overlong = FALSE;
      block = g_new0(Block, 1);
      block->overlong = TRUE;
      return block;
    }
    if (filled == 0) {
      g_free(buffer);
      return NULL;
    }
    /* Whole lines go; what follows the last line end waits for the rest of
     * its line, unless it is already longer than any line may be. */
    gsize whole = filled;
    if (!r->eof) {
      const char *nl = memrchr(buffer, '\n', filled);
      whole = nl != NULL ? (gsize) (nl + 1 - buffer) : 0;
      if (filled - whole > CXM_MAX_LINE + 1)
        r->overlong = TRUE;
      else if (filled > whole)
        r->carry = g_memdup2(buffer + whole, r->carried = filled - whole);
    }
    if (whole == 0) {
      g_free(buffer);
      continue; /* all of it was the start of an overlong line */
    }
    /* simdjson reads up to CXM_RECORD_PADDING bytes past the last line:
     * they must hold something, if only zeros. */
    memset(buffer + filled, 0, CXM_RECORD_PADDING);
    block = g_new0(Block, 1);
    block->buffer = buffer;
    block->text = buffer;
    block->length = whole;
    block->padded = TRUE;
    return block;
  }
}

static void
block_free(Block *block)
{
  if (block->scanned) {
    cxm_scanner_clear(&block->scanner);
    cxm_tally_clear(&block->tally);
  }
  cxm_recorder_free(block->delta);
  g_free(block->buffer);
  g_free(block);
}

/* ---- workers ------------------------------------------------------------ */

/* What the import's threads share. */
typedef struct {
  CxmRecorder *target;
  const char *source;
  unsigned int flags;
  const CxmFilter *filter;
  guint max_errors;
  gboolean journal, ids; /* the committer writes journal lines, checks ids */
  GMutex lock;
  GCond scanned;
} Shared;

/* Scans @block into a private recorder of its own. */
static void
scan_block(Block *block, Shared *shared)
{
  CxmRecorder *delta = cxm_recorder_new_private(shared->target->policy);

  delta->org = shared->target->org ? cxm_org_ref(shared->target->org) : NULL;
  delta->max_groups = 0; /* the committer checks the destination's */
  block->delta = delta;
  cxm_tally_init(&block->tally, shared->max_errors);
  cxm_scanner_init(&block->scanner, delta, shared->source, shared->flags, shared->filter,
                   &block->tally);
  if (shared->journal)
    block->scanner.journal = g_string_new(NULL);
  if (shared->ids)
    block->scanner.ids = g_ptr_array_new_with_free_func(g_free);
  if (!block->overlong)
    cxm_scanner_scan(&block->scanner, block->text, block->length, block->padded);
  g_mutex_lock(&shared->lock);
  block->scanned = TRUE;
  g_cond_broadcast(&shared->scanned);
  g_mutex_unlock(&shared->lock);
}

static void
scan_block_in_pool(gpointer block, gpointer shared)
{
  scan_block(block, shared);
}

/* ---- committing ------------------------------------------------------------ */

/* One import. */
typedef struct {
  CxmRecorder *dest;
  CxmRecorder *target; /* @dest, or the staging recorder of a strict import */
  CxmImportResult *result;
  const char *source;
  unsigned int flags;
  gboolean strict;
  guint64 lines;            /* lines committed */
  guint64 bytes_before;     /* the result's bytes when the import began */
  guint64 journal_mark;     /* the journal's size when a strict import began */
  GPtrArray *journaled_ids; /* the ids a strict import added to the journal */
  GError *stop;
} Import;

/* @scanner's stop, as the import's: "line N: reason" in strict mode. */
static void
take_stop(Import *imp, CxmScanner *scanner, guint64 line_offset)
{
  imp->stop = g_steal_pointer(&scanner->stop);
  if (!g_error_matches(imp->stop, CXM_ERROR, CXM_ERROR_IO)) {
    guint64 line = line_offset + scanner->line;
    cxm_error_set_line(imp->stop, line);
    g_prefix_error(&imp->stop, "line %" G_GUINT64_FORMAT ": ", line);
  }
}

/* Hands what a serial scan leaves to the import: the ids it journaled, its
 * stop, its line count; then releases it. */
static void
finish_scan(Import *imp, CxmScanner *scanner)
{
  if (scanner->ids != NULL)
    g_ptr_array_extend_and_steal(imp->journaled_ids, g_steal_pointer(&scanner->ids));
  if (scanner->stop != NULL)
    take_stop(imp, scanner, 0);
  imp->lines = scanner->line;
  cxm_scanner_clear(scanner);
}

/* Scans @block again, a record at a time, into the target. */
static void
commit_serially(Import *imp, Block *block)
{
  CxmScanner scanner;

  cxm_scanner_init(&scanner, imp->target, imp->source, imp->flags, imp->result->filter,
                   &imp->result->tally);
  scanner.line = imp->lines;
  if (imp->journaled_ids != NULL)
    scanner.ids = g_ptr_array_new_with_free_func(g_free);
  cxm_scanner_scan(&scanner, block->text, block->length, block->padded);
  finish_scan(imp, &scanner);
}

/* TRUE when no id of @block is in the journal or twice in the block. */
static gboolean
ids_are_new(Import *imp, Block *block)
{
  CxmJournalFile *journal = imp->target->journal;
  GPtrArray *ids = block->scanner.ids;
  g_autoptr(GHashTable) mine = g_hash_table_new(g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++) {
    const char *id = g_ptr_array_index(ids, i);
    if (!cxm_journal_file_check_id(journal, id, NULL) ||
        !g_hash_table_add(mine, (char *) id))
      return FALSE;
  }
  return TRUE;
}

/* Commits a scanned block: its journal lines, its sums, its counts and
 * rejections. */
static void
commit_block(Import *imp, Block *block)
{
  CxmRecorder *target = imp->target;
  CxmScanner *scanner = &block->scanner;
  CxmTally *tally = &imp->result->tally;

  if (block->overlong) {
    CxmScanner s;
    cxm_scanner_init(&s, target, imp->source, imp->flags, NULL, tally);
    s.line = imp->lines;
    cxm_scanner_overlong_line(&s);
    imp->lines = s.line;
    if (s.stop != NULL)
      take_stop(imp, &s, 0);
    cxm_scanner_clear(&s);
    return;
  }
  if (scanner->stop != NULL) {
    /* Strict: the whole import fails; what came before is taken back. */
    cxm_tally_add(tally, &block->tally, imp->lines);
    take_stop(imp, scanner, imp->lines);
    return;
  }
  cxm_recorder_lock(target);
  gboolean whole = cxm_recorder_merge_check(target, block->delta, NULL) &&
                   (scanner->ids == NULL || ids_are_new(imp, block));
  if (!whole) {
    cxm_recorder_unlock(target);
    commit_serially(imp, block);
    return;
  }
  if (scanner->journal != NULL &&
      !cxm_journal_file_append(target->journal, scanner->journal->str,
                               scanner->journal->len, (guint) block->tally.accepted, TRUE,
                               NULL)) {
    /* Taken back: written a record at a time, the block stops at the one
     * that cannot be, as one thread would. */
    cxm_recorder_unlock(target);
    commit_serially(imp, block);
    return;
  }
  for (guint i = 0; scanner->ids != NULL && i < scanner->ids->len; i++)
    cxm_journal_file_remember_id(target->journal, g_ptr_array_index(scanner->ids, i));
  if (imp->journaled_ids != NULL && scanner->ids != NULL)
    g_ptr_array_extend_and_steal(imp->journaled_ids, g_steal_pointer(&scanner->ids));
  cxm_recorder_merge_consume(target, block->delta);
  cxm_recorder_unlock(target);
  cxm_tally_add(tally, &block->tally, imp->lines);
  imp->lines += scanner->line;
}

/* ---- the import ------------------------------------------------------------ */

static guint
threads_for(const CxmImportResult *result)
{
  if (result->threads > 0)
    return result->threads;
  return MAX(g_get_num_processors(), 1);
}

static void
progress(const CxmImportResult *result)
{
  if (result->progress != NULL)
    result->progress(result->tally.records, result->bytes, result->progress_data);
}

/* Reads every block on the calling thread, one record at a time. */
static void
import_serially(Import *imp, Reader *reader, GError **read_error)
{
  CxmScanner scanner;
  Block *block;

  cxm_scanner_init(&scanner, imp->target, imp->source, imp->flags, imp->result->filter,
                   &imp->result->tally);
  scanner.record = imp->result->record;
  scanner.record_data = imp->result->record_data;
  if (imp->journaled_ids != NULL)
    scanner.ids = g_ptr_array_new_with_free_func(g_free);
  while (scanner.stop == NULL && !scanner.done &&
         (block = next_block(reader, read_error))) {
    if (block->overlong)
      cxm_scanner_overlong_line(&scanner);
    else
      cxm_scanner_scan(&scanner, block->text, block->length, block->padded);
    imp->result->bytes = imp->bytes_before + reader->bytes;
    progress(imp->result);
    block_free(block);
  }
  finish_scan(imp, &scanner);
}

/* Reads blocks ahead, scans them on @n_threads workers and commits them in
 * input order. */
static void
import_in_parallel(Import *imp, Reader *reader, guint n_threads, GError **read_error)
{
  Shared shared = { 0 };
  GQueue ahead = G_QUEUE_INIT;
  GThreadPool *pool;
  gboolean more = TRUE;

  shared.target = imp->target;
  shared.source = imp->source;
  shared.flags = imp->flags;
  shared.filter = imp->result->filter;
  shared.max_errors = imp->result->tally.max_errors;
  /* A journal's own replay writes nothing to it, but notes its ids. */
  shared.journal = imp->target->journal != NULL && !imp->target->replaying;
  shared.ids =
      imp->target->journal != NULL && cxm_journal_file_has_ids(imp->target->journal);
  g_mutex_init(&shared.lock);
  g_cond_init(&shared.scanned);
  pool = g_thread_pool_new(scan_block_in_pool, &shared, (gint) n_threads, FALSE, NULL);
  while (imp->stop == NULL) {
    while (more && g_queue_get_length(&ahead) < AHEAD_PER_WORKER * n_threads) {
      Block *block = next_block(reader, read_error);
      if (block == NULL) {
        more = FALSE;
        break;
      }
      g_queue_push_tail(&ahead, block);
      g_thread_pool_push(pool, block, NULL);
    }
    Block *oldest = g_queue_pop_head(&ahead);
    if (oldest == NULL)
      break;
    g_mutex_lock(&shared.lock);
    while (!oldest->scanned)
      g_cond_wait(&shared.scanned, &shared.lock);
    g_mutex_unlock(&shared.lock);
    commit_block(imp, oldest);
    imp->result->bytes = imp->bytes_before + reader->bytes;
    progress(imp->result);
    block_free(oldest);
  }
  /* A stop leaves blocks read ahead: let their scans end, then drop them. */
  g_thread_pool_free(pool, FALSE, TRUE);
  g_queue_clear_full(&ahead, (GDestroyNotify) block_free);
  g_cond_clear(&shared.scanned);
  g_mutex_clear(&shared.lock);
}

/* A strict import's staging recorder: @dest's policy, org and journal. */
static CxmRecorder *
staging_for(CxmRecorder *dest)
{
  CxmRecorder *staging = cxm_recorder_new_private(dest->policy);
  staging->org = dest->org ? cxm_org_ref(dest->org) : NULL;
  staging->max_groups = 0; /* the final merge checks the destination's */
  staging->journal = dest->journal;
  staging->sync_mode = dest->sync_mode;
  return staging;
}

/* Runs one import; @result may be NULL (a scratch result then counts). */
static gboolean
run_import(CxmRecorder *recorder, const char *source, unsigned int flags,
           CxmImportResult *result, Reader *reader, GError **error)
{
  CxmImportResult *scratch = NULL;
  GError *read_error = NULL;
  Import imp = { 0 };
  gboolean ok;

  imp.dest = imp.target = recorder;
  imp.source = source;
  imp.flags = flags;
  if (result == NULL) {
    result = scratch = cxm_import_result_new();
    cxm_import_result_set_max_errors(scratch, 0);
  }
  imp.result = result;
  imp.bytes_before = result->bytes;
  imp.strict = (flags & CXM_IMPORT_STRICT) != 0;
  reader->recorder = recorder;
  if (imp.strict) {
    /* Nothing else may write the journal while this import may take back
     * what it wrote. */
    cxm_recorder_lock(recorder);
    imp.target = staging_for(recorder);
    if (recorder->journal != NULL) {
      imp.journal_mark = cxm_journal_file_get_size(recorder->journal);
      imp.journaled_ids = g_ptr_array_new_with_free_func(g_free);
    }
  }

  const guint n_threads = threads_for(result);
  if (result->record != NULL || (flags & CXM_IMPORT_LIVE) || n_threads == 1 ||
      (flags & CXM_IMPORT_DRY_RUN))
    import_serially(&imp, reader, &read_error);
  else
    import_in_parallel(&imp, reader, n_threads, &read_error);
  result->bytes = imp.bytes_before + reader->bytes;

  if (imp.strict) {
    if (imp.stop == NULL && read_error == NULL) {
      ok = cxm_recorder_merge_check(recorder, imp.target, &imp.stop);
      if (ok)
        cxm_recorder_merge_consume(recorder, imp.target);
    }
    if ((imp.stop != NULL || read_error != NULL) && recorder->journal != NULL)
      cxm_journal_file_roll_back(recorder->journal, imp.journal_mark, imp.journaled_ids);
    imp.target->journal = NULL;
    cxm_recorder_free(imp.target);
    if (imp.journaled_ids != NULL)
      g_ptr_array_unref(imp.journaled_ids);
    cxm_recorder_unlock(recorder);
  }
  g_free(reader->carry);

  ok = read_error == NULL;
  if (!ok) {
    g_propagate_error(error, read_error);
    if (source != NULL)
      g_prefix_error(error, "%s: ", source);
  } else if (imp.stop != NULL) {
    ok = FALSE;
    g_propagate_error(error, g_steal_pointer(&imp.stop));
  } else {
    /* A journal in CXM_SYNC_ALWAYS mode is synced once, before returning. */
    ok = cxm_recorder_sync_bulk(recorder, error);
    if (!ok && source != NULL)
      g_prefix_error(error, "%s: ", source);
  }
  g_clear_error(&imp.stop);
  cxm_import_result_free(scratch);
  return ok;
}

static gboolean
run_read(CxmRecorder *recorder, const char *source, unsigned int flags,
         CxmImportResult *result, ReadFunc read, gpointer read_source, int live_fd,
         GError **error)
{
  Reader reader = { 0 };
  reader.read = read;
  reader.source = read_source;
  reader.live_fd = (flags & CXM_IMPORT_LIVE) ? live_fd : -1;
  return run_import(recorder, source, flags, result, &reader, error);
}

gboolean
cxm_import_data(CxmRecorder *recorder, const char *data, gsize length, const char *source,
                unsigned int flags, CxmImportResult *result, GError **error)
{
  Reader reader = { 0 };

  cxm_return_val_if_null(recorder, error, FALSE);
  if (length > 0)
    cxm_return_val_if_null(data, error, FALSE);
  reader.data = data;
  reader.length = length;
  reader.live_fd = -1;
  return run_import(recorder, source, flags, result, &reader, error);
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
  return run_read(recorder, source, flags, result, read_fd, GINT_TO_POINTER(fd), fd,
                  error);
}

gboolean
cxm_import_fd_prefix(CxmRecorder *recorder, int fd, guint64 length, const char *source,
                     CxmImportResult *result, GError **error)
{
  FilePrefix prefix = { fd, 0, length };
  return run_read(recorder, source, CXM_IMPORT_DEFAULT, result, read_prefix, &prefix, -1,
                  error);
}

gboolean
cxm_import_stream(CxmRecorder *recorder, FILE *stream, const char *source,
                  unsigned int flags, CxmImportResult *result, GError **error)
{
  cxm_return_val_if_null(recorder, error, FALSE);
  cxm_return_val_if_null(stream, error, FALSE);
  return run_read(recorder, source, flags, result, read_stream, stream, -1, error);
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
