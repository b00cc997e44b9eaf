/* SPDX-License-Identifier: MIT */
/* The journal's file layer (journal-file.h): open, lock, cut a torn line,
 * append, sync, and the ids the journal holds. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error-private.h"
#include "journal-file.h"

#define TAIL_BLOCK 65536

struct _CxmJournalFile {
  char *path;
  int fd;
  gboolean writable; /* FALSE: read only, nothing is appended */
  GHashTable *ids;   /* owned ids, with CXM_JOURNAL_UNIQUE_IDS */
  guint64 size;      /* bytes of complete lines */
  CxmSyncMode mode;
  guint max_records, max_ms;
  guint unsynced;
  gint64 last_sync; /* monotonic microseconds */
};

static gboolean
set_io_error(GError **error, const char *path, const char *what, int err)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "journal %s: %s: %s", path, what,
              g_strerror(err));
  return FALSE;
}

/* The offset just past the last "\n" of the first @size bytes: where the
 * complete lines end. Read backwards a block at a time. */
static gboolean
find_end_of_lines(int fd, const char *path, guint64 size, guint64 *end, GError **error)
{
  char block[TAIL_BLOCK];
  guint64 pos = size;

  while (pos > 0) {
    gsize n = (gsize) MIN(pos, (guint64) TAIL_BLOCK);
    gssize got;

    pos -= n;
    do
      got = pread(fd, block, n, (off_t) pos);
    while (got < 0 && errno == EINTR);
    if (got != (gssize) n)
      return set_io_error(error, path, "read failed", got < 0 ? errno : EIO);
    for (gsize i = n; i > 0; i--) {
      if (block[i - 1] == '\n') {
        *end = pos + i;
        return TRUE;
      }
    }
  }
  *end = 0;
  return TRUE;
}

/* What a file that is not a regular one is, for the error. */
static const char *
describe_file_type(mode_t mode)
{
  if (S_ISFIFO(mode))
    return "a pipe or FIFO";
  if (S_ISSOCK(mode))
    return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode))
    return "a device";
  if (S_ISDIR(mode))
    return "a directory";
  return "another kind of file";
}

/* Makes a newly created file's directory entry durable. */
static void
sync_directory(const char *path)
{
  g_autofree char *dir = g_path_get_dirname(path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

CxmJournalFile *
cxm_journal_file_open(const char *path, gboolean writable, gboolean unique_ids,
                      guint64 *torn, GError **error)
{
  struct stat st;
  gboolean created = FALSE;
  guint64 end;
  CxmJournalFile *j;
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for its other end, so that
   * it is refused below; it changes nothing for a regular file. */
  if (writable) {
    fd = open(path, O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
      fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_NONBLOCK | O_CLOEXEC, 0644);
      created = fd >= 0;
      if (fd < 0 && errno == EEXIST) /* another writer created it first */
        fd = open(path, O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC);
    }
  } else {
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  }
  if (fd < 0) {
    set_io_error(error, path, "cannot open", errno);
    return NULL;
  }
  /* A journal is read from its end and appended to in place: a pipe, a
   * socket or a device would read as empty or fail at the first record. */
  if (fstat(fd, &st) != 0) {
    set_io_error(error, path, "cannot stat", errno);
    close(fd);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO,
                "journal %s: not a regular file (%s): a journal must be a file", path,
                describe_file_type(st.st_mode));
    close(fd);
    return NULL;
  }
  /* flock() locks belong to the open file, so a second open in this same
   * process is refused too. */
  if (writable && flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int saved = errno;
    close(fd);
    if (saved == EWOULDBLOCK)
      g_set_error(error, CXM_ERROR, CXM_ERROR_BUSY,
                  "journal %s is locked by another writer", path);
    else
      set_io_error(error, path, "cannot lock", saved);
    return NULL;
  }
  if (!find_end_of_lines(fd, path, (guint64) st.st_size, &end, error)) {
    close(fd);
    return NULL;
  }
  *torn = (guint64) st.st_size - end;
  /* A torn last line is a write that a crash interrupted: its record was
   * never acknowledged, so cutting it off loses nothing that was. */
  if (writable && *torn > 0 && (ftruncate(fd, (off_t) end) != 0 || fdatasync(fd) != 0)) {
    set_io_error(error, path, "cannot cut off the torn last line", errno);
    close(fd);
    return NULL;
  }
  if (created)
    sync_directory(path);

  j = g_new0(CxmJournalFile, 1);
  j->path = g_strdup(path);
  j->fd = fd;
  j->writable = writable;
  j->size = end;
  j->ids =
      unique_ids ? g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) : NULL;
  j->mode = CXM_SYNC_ALWAYS;
  j->last_sync = g_get_monotonic_time();
  return j;
}

int
cxm_journal_file_get_fd(const CxmJournalFile *j)
{
  return j->fd;
}

guint64
cxm_journal_file_get_size(const CxmJournalFile *j)
{
  return j->size;
}

void
cxm_journal_file_end_replay(CxmJournalFile *j)
{
  if (!j->writable && j->fd >= 0) {
    close(j->fd);
    j->fd = -1;
  }
}

void
cxm_journal_file_set_sync(CxmJournalFile *j, CxmSyncMode mode, guint max_records,
                          guint max_ms)
{
  j->mode = mode;
  j->max_records = max_records;
  j->max_ms = max_ms;
}

/* 0, or the errno of a failed sync. */
static int
sync_now(CxmJournalFile *j)
{
  if (j->fd < 0 || j->unsynced == 0)
    return 0;
  if (fdatasync(j->fd) != 0)
    return errno;
  j->unsynced = 0;
  j->last_sync = g_get_monotonic_time();
  return 0;
}

gboolean
cxm_journal_file_sync(CxmJournalFile *j, GError **error)
{
  int err = sync_now(j);
  return err == 0 || set_io_error(error, j->path, "sync failed", err);
}

gboolean
cxm_journal_file_sync_bulk(CxmJournalFile *j, GError **error)
{
  return j->mode != CXM_SYNC_ALWAYS || cxm_journal_file_sync(j, error);
}

const char *
cxm_journal_file_get_path(const CxmJournalFile *j)
{
  return j->path;
}

gboolean
cxm_journal_file_check_id(const CxmJournalFile *j, const char *id, GError **error)
{
  if (j->ids == NULL || !g_hash_table_contains(j->ids, id))
    return TRUE;
  cxm_set_record_error(error, CXM_ERROR_DUPLICATE_ID, "id",
                       "\"%s\" is already in the journal", id);
  return FALSE;
}

void
cxm_journal_file_remember_id(CxmJournalFile *j, const char *id)
{
  if (j->ids != NULL)
    g_hash_table_add(j->ids, g_strdup(id));
}

static gboolean
sync_due(const CxmJournalFile *j)
{
  switch (j->mode) {
  case CXM_SYNC_ALWAYS:
    return TRUE;
  case CXM_SYNC_BATCH:
    return (j->max_records > 0 && j->unsynced >= j->max_records) ||
           (j->max_ms > 0 &&
            g_get_monotonic_time() - j->last_sync >= (gint64) j->max_ms * 1000);
  default:
    return FALSE;
  }
}

/* Writes all of @len bytes; FALSE with errno set. */
static gboolean
write_all(int fd, const char *data, gsize len)
{
  while (len > 0) {
    gssize n = write(fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = ENOSPC;
      return FALSE;
    }
    data += n;
    len -= (gsize) n;
  }
  return TRUE;
}

gboolean
cxm_journal_file_append(CxmJournalFile *j, const char *lines, gsize length, guint n_lines,
                        gboolean bulk, GError **error)
{
  int saved = 0;

  if (!j->writable)
    return TRUE;
  if (!write_all(j->fd, lines, length)) {
    saved = errno;
  } else {
    j->unsynced += n_lines;
    if (sync_due(j) && !(bulk && j->mode == CXM_SYNC_ALWAYS))
      saved = sync_now(j);
  }
  if (saved != 0) {
    /* Take back what part of the lines was written, so that the journal
     * holds only records that were acknowledged; should that fail too,
     * the torn line is cut off when the journal is next opened. */
    gboolean taken_back = ftruncate(j->fd, (off_t) j->size) == 0;
    return set_io_error(error, j->path,
                        taken_back ? "write failed" : "write failed, line not taken back",
                        saved);
  }
  j->size += length;
  return TRUE;
}

void
cxm_journal_file_roll_back(CxmJournalFile *j, guint64 size, const GPtrArray *ids)
{
  for (guint i = 0; ids != NULL && j->ids != NULL && i < ids->len; i++)
    g_hash_table_remove(j->ids, g_ptr_array_index(ids, i));
  if (j->writable && size < j->size && ftruncate(j->fd, (off_t) size) == 0)
    j->size = size;
}

gboolean
cxm_journal_file_has_ids(const CxmJournalFile *j)
{
  return j->ids != NULL;
}

void
cxm_journal_file_close(CxmJournalFile *j)
{
  if (j == NULL)
    return;
  if (j->fd >= 0) {
    /* Errors here cannot be reported: cxm_journal_sync() before the free
     * sees them. */
    if (j->mode != CXM_SYNC_OS)
      sync_now(j);
    close(j->fd); /* releases the lock */
  }
  if (j->ids != NULL)
    g_hash_table_destroy(j->ids);
  g_free(j->path);
  g_free(j);
}
