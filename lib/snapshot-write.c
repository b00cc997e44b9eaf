/* SPDX-License-Identifier: MIT */
/* Writing snapshots of format 2 (cxm/snapshot.h): a line per group, made
 * and handed on one at a time through the streaming JSON writer, so that
 * memory beyond the recorder's sums is one line's; and atomically to a
 * file. The all-time level, channel and team sums are the sum of the
 * days', so only the days' are written; leadership events that belong to
 * no day (format 1's totals) are written without one. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "enums-private.h"
#include "error-private.h"
#include "json-writer.h"
#include "period-private.h"
#include "policy-private.h"
#include "sink.h"
#include "snapshot-private.h"

static json_object *
counts_json(const guint64 *words, int n)
{
  json_object *array = json_object_new_array_ext(n);
  for (int i = 0; i < n; i++)
    json_object_array_add(array, json_object_new_uint64(words[i]));
  return array;
}

static gboolean
all_zero(const guint64 *words, int n)
{
  for (int i = 0; i < n; i++)
    if (words[i] != 0)
      return FALSE;
  return TRUE;
}

/* A group's sums; members that are all zero are left out. */
static json_object *
agg_json(const CxmAgg *agg)
{
  json_object *obj = json_object_new_object();

  for (gsize i = 0; i < CXM_SNAPSHOT_N_AGG_FIELDS; i++) {
    const AggField *f = &cxm_snapshot_agg_fields[i];
    const guint64 *words = cxm_agg_field_words((CxmAgg *) agg, f);
    json_object *value;

    if (all_zero(words, cxm_agg_field_size(f)))
      continue;
    if (f->rows == 0 && f->cols == 0) {
      value = json_object_new_uint64(words[0]);
    } else if (f->rows == 0) {
      value = counts_json(words, f->cols);
    } else {
      value = json_object_new_array_ext(f->rows);
      for (int r = 0; r < f->rows; r++)
        json_object_array_add(value, counts_json(words + r * f->cols, f->cols));
    }
    json_object_object_add(obj, f->name, value);
  }
  return obj;
}

/* A group's leadership events by type; types without any are left out. */
static json_object *
lead_json(const CxmLead *lead)
{
  json_object *obj = json_object_new_object();

  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    if (lead->by_type[i] > 0)
      json_object_object_add(obj, cxm_leadership_type_names[i],
                             json_object_new_uint64(lead->by_type[i]));
  return obj;
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The keys of @table, sorted so that equal recorders give equal
 * snapshots; none for a NULL table. */
static GPtrArray *
sorted_keys(GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new(table ? g_hash_table_size(table) : 0);
  GHashTableIter iter;
  gpointer key;

  if (table == NULL)
    return keys;
  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, &key, NULL))
    g_ptr_array_add(keys, key);
  g_ptr_array_sort(keys, compare_strings);
  return keys;
}

static int
compare_days(gconstpointer a, gconstpointer b)
{
  gint64 x = **(const gint64 *const *) a, y = **(const gint64 *const *) b;
  return (x > y) - (x < y);
}

typedef struct {
  CxmSink sink;
  CxmJsonWriter json;
  guint64 groups; /* group lines written */
} Out;

/* One group's line: its day (NULL: all time), its kind and name, and its
 * sums (@agg) or events (@lead). */
static void
write_group(Out *out, const char *day, const char *kind, const char *name,
            const CxmAgg *agg, const CxmLead *lead)
{
  if (!cxm_sink_ok(&out->sink)) /* the output failed: make nothing more */
    return;
  cxm_json_writer_init(&out->json, &out->sink, FALSE);
  cxm_json_writer_begin_object(&out->json, NULL);
  if (day != NULL)
    cxm_json_writer_add(&out->json, "day", json_object_new_string(day));
  cxm_json_writer_add(&out->json, kind, json_object_new_string(name));
  if (agg != NULL)
    cxm_json_writer_add(&out->json, "sums", agg_json(agg));
  else
    cxm_json_writer_add(&out->json, "events", lead_json(lead));
  cxm_json_writer_end_object(&out->json);
  cxm_sink_putc(&out->sink, '\n');
  out->groups++;
}

static void
write_agg_table(Out *out, const char *day, const char *kind, GHashTable *table)
{
  g_autoptr(GPtrArray) keys = sorted_keys(table);

  for (guint i = 0; i < keys->len; i++)
    write_group(out, day, kind, keys->pdata[i],
                g_hash_table_lookup(table, keys->pdata[i]), NULL);
}

static void
write_lead_table(Out *out, const char *day, const char *kind, GHashTable *table)
{
  g_autoptr(GPtrArray) keys = sorted_keys(table);

  for (guint i = 0; i < keys->len; i++) {
    const CxmLead *lead = g_hash_table_lookup(table, keys->pdata[i]);
    if (cxm_lead_total(lead) > 0)
      write_group(out, day, kind, keys->pdata[i], NULL, lead);
  }
}

/* A day's groups; @dated gets its leadership events by level. */
static void
write_day(Out *out, gint64 number, const Groups *g, CxmLead *dated)
{
  char day[16];

  cxm_period_key_of_day(number, CXM_PERIOD_DAY, day);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++)
    if (cxm_agg_n(&g->levels[i]) > 0)
      write_group(out, day, "level", cxm_level_names[i], &g->levels[i], NULL);
  for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
    if (cxm_agg_n(&g->channels[i]) > 0)
      write_group(out, day, "channel", cxm_channel_names[i], &g->channels[i], NULL);
  write_agg_table(out, day, "team", g->teams);
  for (int i = 0; i < CXM_LEVEL_COUNT; i++) {
    if (cxm_lead_total(&g->lead_levels[i]) > 0)
      write_group(out, day, "lead_level", cxm_level_names[i], NULL, &g->lead_levels[i]);
    cxm_lead_merge(&dated[i], &g->lead_levels[i]);
  }
  write_lead_table(out, day, "lead_team", g->lead_teams);
}

static void
write_header(Out *out, const CxmPolicy *policy)
{
  char *policy_text = cxm_policy_to_json(policy);

  cxm_json_writer_init(&out->json, &out->sink, FALSE);
  cxm_json_writer_begin_object(&out->json, NULL);
  cxm_json_writer_add(&out->json, "cxm_snapshot",
                      json_object_new_int(CXM_SNAPSHOT_VERSION));
  cxm_json_writer_add(&out->json, "policy", json_tokener_parse(policy_text));
  cxm_json_writer_add(&out->json, "fingerprint",
                      json_object_new_string(policy->fingerprint));
  cxm_json_writer_end_object(&out->json);
  cxm_sink_putc(&out->sink, '\n');
  g_free(policy_text);
}

/* FALSE, with CXM_ERROR_LIMIT naming it, for a count that no snapshot may
 * hold: what cxm writes, it reads back. */
static gboolean
check_total(guint64 count, const char *what, GError **error)
{
  if (count <= CXM_MAX_RECORDS)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
              "the recorder holds %" G_GUINT64_FORMAT
              " %s, more than 2^53 (%" G_GUINT64_FORMAT "): no snapshot can hold them",
              count, what, CXM_MAX_RECORDS);
  return FALSE;
}

/* The snapshot of @rec, its lock held, onto @out. */
static gboolean
write_snapshot(const CxmRecorder *rec, Out *out, GError **error)
{
  const Groups *all = &rec->main.all;
  g_autoptr(GPtrArray) days = g_ptr_array_new();
  CxmLead lead, dated[CXM_LEVEL_COUNT] = { { { 0 } } };
  GHashTableIter iter;
  gpointer day;
  guint64 records = cxm_groups_n(all);

  cxm_groups_lead_totals(all, &lead);
  if (!check_total(records, "records", error) ||
      !check_total(cxm_lead_total(&lead), "leadership events", error))
    return FALSE;
  write_header(out, rec->policy);
  g_hash_table_iter_init(&iter, rec->main.days);
  while (g_hash_table_iter_next(&iter, &day, NULL))
    g_ptr_array_add(days, day);
  g_ptr_array_sort(days, compare_days);
  for (guint i = 0; i < days->len; i++)
    write_day(out, *(const gint64 *) days->pdata[i],
              g_hash_table_lookup(rec->main.days, days->pdata[i]), dated);
  /* Events of no day: what the days' levels lack of the all-time ones. */
  for (int i = 0; i < CXM_LEVEL_COUNT; i++) {
    CxmLead undated;
    for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++)
      undated.by_type[t] = all->lead_levels[i].by_type[t] - dated[i].by_type[t];
    if (cxm_lead_total(&undated) > 0)
      write_group(out, NULL, "lead_level", cxm_level_names[i], NULL, &undated);
  }
  write_agg_table(out, NULL, "employee", all->employees);
  write_lead_table(out, NULL, "lead_actor", all->lead_actors);
  write_lead_table(out, NULL, "lead_subject", all->lead_subjects);
  cxm_sink_printf(&out->sink,
                  "{\"end\":{\"groups\":%" G_GUINT64_FORMAT
                  ",\"records\":%" G_GUINT64_FORMAT ",\"events\":%" G_GUINT64_FORMAT
                  "}}\n",
                  out->groups, records, cxm_lead_total(&lead));
  return TRUE;
}

gboolean
cxm_snapshot_write(const CxmRecorder *rec, CxmWriteFunc func, gpointer user_data,
                   GError **error)
{
  Out out = { 0 };
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(func, error, FALSE);
  cxm_sink_init(&out.sink, func, user_data);
  cxm_recorder_lock(rec);
  ok = write_snapshot(rec, &out, error);
  cxm_recorder_unlock(rec);
  if (!ok) {
    cxm_sink_finish(&out.sink, NULL);
    return FALSE;
  }
  return cxm_sink_finish(&out.sink, error);
}

char *
cxm_snapshot_save(const CxmRecorder *rec, gsize *length, GError **error)
{
  Out out = { 0 };
  gboolean ok;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_sink_init(&out.sink, NULL, NULL);
  cxm_recorder_lock(rec);
  ok = write_snapshot(rec, &out, error);
  cxm_recorder_unlock(rec);
  if (!ok) {
    cxm_sink_finish(&out.sink, NULL);
    return NULL;
  }
  return cxm_sink_steal(&out.sink, length);
}

/* ---- writing a file -------------------------------------------------- */

static gboolean
write_fd(const char *data, gsize length, gpointer user_data, GError **error)
{
  const int fd = GPOINTER_TO_INT(user_data);

  while (length > 0) {
    gssize n = write(fd, data, length);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "write failed: %s", g_strerror(errno));
      return FALSE;
    }
    data += n;
    length -= (gsize) n;
  }
  return TRUE;
}

static gboolean
io_error(GError **error, const char *what, int err)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "%s: %s", what, g_strerror(err));
  return FALSE;
}

/* The temporary names beside @path are "@path.cxm-tmp-XXXXXX": a file the
 * system could not create unnamed, or an unnamed one linked on its way to
 * @path. Their writer holds a lock on them (flock(2)) until they are
 * renamed, so one that can be locked was left by a writer that died. */
#define TMP_INFIX ".cxm-tmp-"

/* Removes the temporaries beside @path that no writer holds. */
static void
remove_stale_temporaries(const char *dir, const char *path)
{
  g_autofree char *base = g_path_get_basename(path);
  g_autofree char *prefix = g_strconcat(base, TMP_INFIX, NULL);
  GDir *listing = g_dir_open(dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name(listing)) != NULL) {
    if (!g_str_has_prefix(name, prefix) || strlen(name) != strlen(prefix) + 6)
      continue;
    g_autofree char *stale = g_build_filename(dir, name, NULL);
    int fd = open(stale, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
      continue;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0)
      unlink(stale);
    close(fd);
  }
  g_dir_close(listing);
}

/* Gives the unnamed file @fd the name @path, replacing what is there:
 * linked under a temporary name beside it, then renamed over it. */
static gboolean
link_tmpfile(int fd, const char *path, GError **error)
{
  g_autofree char *proc = g_strdup_printf("/proc/self/fd/%d", fd);

  for (int attempt = 0; attempt < 100; attempt++) {
    g_autofree char *name =
        g_strdup_printf("%s" TMP_INFIX "%06x", path, g_random_int_range(0, 1 << 24));
    if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) != 0) {
      if (errno == EEXIST)
        continue;
      return io_error(error, "cannot link the new file", errno);
    }
    if (rename(name, path) != 0) {
      int saved = errno;
      unlink(name);
      return io_error(error, "cannot rename the new file", saved);
    }
    return TRUE;
  }
  return io_error(error, "cannot link the new file", EEXIST);
}

static gboolean
sync_directory(const char *dir, GError **error)
{
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return io_error(error, "sync failed", errno);
  ok = fsync(fd) == 0 || io_error(error, "sync failed", errno);
  close(fd);
  return ok;
}

gboolean
cxm_snapshot_save_file(const CxmRecorder *rec, const char *path, GError **error)
{
  g_autofree char *dir = NULL, *tmp = NULL;
  int fd = -1;
  gboolean ok;

  cxm_return_val_if_null(rec, error, FALSE);
  cxm_return_val_if_null(path, error, FALSE);
  dir = g_path_get_dirname(path);
  remove_stale_temporaries(dir, path);
#ifdef O_TMPFILE
  /* An unnamed file that a crash cannot leave behind, named once it is
   * whole and synced. */
  if (g_file_test("/proc/self/fd", G_FILE_TEST_IS_DIR))
    fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
#endif
  if (fd < 0) {
    /* No O_TMPFILE on this file system: a temporary file beside @path,
     * removed on every error, and by the next save after a crash. */
    tmp = g_strconcat(path, TMP_INFIX "XXXXXX", NULL);
    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0)
      return io_error(error, "cannot create a file beside it", errno);
  }
  /* Ours until renamed (an unnamed file's lock goes with its link). */
  if (flock(fd, LOCK_EX) != 0) {
    int saved = errno;
    close(fd);
    if (tmp != NULL)
      unlink(tmp);
    return io_error(error, "cannot lock the new file", saved);
  }
  ok = cxm_snapshot_write(rec, write_fd, GINT_TO_POINTER(fd), error);
  if (ok && fsync(fd) != 0)
    ok = io_error(error, "sync failed", errno);
  if (ok && tmp == NULL)
    ok = link_tmpfile(fd, path, error);
  else if (ok && rename(tmp, path) != 0)
    ok = io_error(error, "cannot rename the new file", errno);
  if (close(fd) != 0 && ok)
    ok = io_error(error, "write failed", errno);
  if (!ok && tmp != NULL)
    unlink(tmp);
  return ok && sync_directory(dir, error);
}
