/* Snapshots: a recorder's sums as JSON, and back (cxm/snapshot.h).
 *
 * Format 2, written and read, is JSON Lines: a header (version, policy,
 * fingerprint), one line per group of sums, and a last line that counts
 * them, so that it is written and read a line at a time, in memory
 * proportional to the sums, and a cut one is told from a whole one. The
 * all-time level, channel and team sums are the sum of the days', so only
 * the days' are written; leadership events that belong to no day (format
 * 1's totals) are written without one. Format 1, one JSON document, is
 * still read (doc/snapshot-format.md). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cxm/snapshot.h>

#include "enums-private.h"
#include "error-private.h"
#include "interaction-private.h"
#include "json-text.h"
#include "json-writer.h"
#include "limits.h"
#include "period-private.h"
#include "policy-private.h"
#include "recorder-private.h"
#include "sink.h"
#include "utf8.h"

/* Counts above 2^53 cannot come from real input; bounding them keeps every
 * count exact as a double and every sum the checks make far from
 * overflow. */
#define MAX_COUNT CXM_MAX_RECORDS
/* A format 2 line: a group's sums take a few KiB at most. */
#define MAX_LINE CXM_SNAPSHOT_MAX_LINE
/* A format 1 snapshot is read whole, as a tree about 35 times its size. */
#define MAX_V1_SIZE CXM_SNAPSHOT_V1_MAX_SIZE
#define READ_BLOCK 65536

/* One member of a group's sums: @rows x @cols counts, @cols counts when
 * @rows is 0, one when both are. */
typedef struct {
  const char *name;
  gsize offset;
  int rows, cols;
} AggField;

#define SCALAR(name, member)                    \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), 0, 0 \
  }
#define VECTOR(name, member, n)                 \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), 0, n \
  }
#define MATRIX(name, member, r, c)              \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), r, c \
  }

static const AggField agg_fields[] = {
  VECTOR("class", by_class, CXM_CLASS_COUNT),
  VECTOR("reason", by_reason, CXM_REASON_COUNT),
  SCALAR("difficult", difficult),
  SCALAR("recovered", recovered),
  MATRIX("difficulty", by_difficulty, CXM_DIFFICULTY_COUNT, 3),
  MATRIX("emotion", by_emotion, CXM_EMOTION_COUNT, 5),
  VECTOR("csat", csat, 5),
  VECTOR("nps", nps, 11),
  VECTOR("effort", effort, 7),
  VECTOR("employee_satisfaction", employee_satisfaction, 5),
  SCALAR("first_contacts", first_contacts),
  SCALAR("first_contacts_resolved", first_contacts_resolved),
  SCALAR("beyond_role", beyond_role),
  SCALAR("proactive", proactive),
  SCALAR("empowered", empowered),
};

/* Every field of CxmAgg is in the table. */
G_STATIC_ASSERT(sizeof(CxmAgg) ==
                sizeof(guint64) *
                    (CXM_CLASS_COUNT + CXM_REASON_COUNT + 2 + CXM_DIFFICULTY_COUNT * 3 +
                     CXM_EMOTION_COUNT * 5 + 5 + 11 + 7 + 5 + 5));

static guint64 *
field_words(CxmAgg *agg, const AggField *f)
{
  return (guint64 *) ((char *) agg + f->offset);
}

static int
field_size(const AggField *f)
{
  return f->rows ? f->rows * f->cols : f->cols ? f->cols : 1;
}

/* ---- writing --------------------------------------------------------- */

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

  for (gsize i = 0; i < G_N_ELEMENTS(agg_fields); i++) {
    const AggField *f = &agg_fields[i];
    const guint64 *words = field_words((CxmAgg *) agg, f);
    json_object *value;

    if (all_zero(words, field_size(f)))
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
    write_group(out, day, kind, keys->pdata[i], g_hash_table_lookup(table, keys->pdata[i]),
                NULL);
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
  if (count <= MAX_COUNT)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
              "the recorder holds %" G_GUINT64_FORMAT " %s, more than 2^53 (%" G_GUINT64_FORMAT
              "): no snapshot can hold them",
              count, what, MAX_COUNT);
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
  for (guint i = 0; i < days->len && cxm_sink_ok(&out->sink); i++)
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
                  "{\"end\":{\"groups\":%" G_GUINT64_FORMAT ",\"records\":%" G_GUINT64_FORMAT
                  ",\"events\":%" G_GUINT64_FORMAT "}}\n",
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

/* Gives the unnamed file @fd the name @path, replacing what is there:
 * linked under a fresh name beside it, then renamed over it. */
static gboolean
link_tmpfile(int fd, const char *path, GError **error)
{
  g_autofree char *proc = g_strdup_printf("/proc/self/fd/%d", fd);

  for (int attempt = 0; attempt < 100; attempt++) {
    g_autofree char *name = g_strdup_printf("%s.tmp-%08x", path, g_random_int());
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
#ifdef O_TMPFILE
  /* An unnamed file that a crash cannot leave behind, named once it is
   * whole and synced. */
  if (g_file_test("/proc/self/fd", G_FILE_TEST_IS_DIR))
    fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
#endif
  if (fd < 0) {
    /* No O_TMPFILE on this file system: a temporary file beside @path,
     * removed on every error (not after a crash). */
    tmp = g_strconcat(path, ".XXXXXX", NULL);
    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0)
      return io_error(error, "cannot create a file beside it", errno);
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

/* ---- reading: checks common to both formats --------------------------- */

static gboolean G_GNUC_PRINTF(3, 4)
    invalid(GError **error, const char *where, const char *format, ...)
{
  va_list args;
  char *reason;

  va_start(args, format);
  reason = g_strdup_vprintf(format, args);
  va_end(args);
  g_set_error(error, CXM_ERROR, CXM_ERROR_SNAPSHOT, "invalid snapshot: %s%s%s",
              where ? where : "", where ? ": " : "", reason);
  g_free(reason);
  return FALSE;
}

/* A count: an integer 0..2^53. Beyond it, *@beyond gets it. */
static gboolean
take_count(json_object *value, guint64 *out, guint64 *beyond)
{
  if (!json_object_is_type(value, json_type_int) || json_object_get_int64(value) < 0)
    return FALSE;
  *out = json_object_get_uint64(value);
  if (*out <= MAX_COUNT)
    return TRUE;
  *beyond = *out;
  return FALSE;
}

static gboolean
take_counts(json_object *value, guint64 *out, int n, guint64 *beyond)
{
  if (!json_object_is_type(value, json_type_array) ||
      json_object_array_length(value) != (gsize) n)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (!take_count(json_object_array_get_idx(value, (gsize) i), &out[i], beyond))
      return FALSE;
  return TRUE;
}

static gboolean
count_beyond(GError **error, const char *where, const char *name, guint64 count)
{
  return invalid(error, where,
                 "\"%s\" holds %" G_GUINT64_FORMAT ", more than 2^53 (%" G_GUINT64_FORMAT ")",
                 name, count, MAX_COUNT);
}

static guint64
sum(const guint64 *words, int n)
{
  guint64 total = 0;
  for (int i = 0; i < n; i++)
    total += words[i];
  return total;
}

/* The sums of a group must add up as recording makes them. */
static const char *
agg_inconsistency(const CxmAgg *a)
{
  const guint64 n = sum(a->by_class, CXM_CLASS_COUNT);

  if (n == 0)
    return "a group without records";
  if (sum(a->by_reason, CXM_REASON_COUNT) != n)
    return "reasons do not add up to the records";
  if (a->difficult > n || a->recovered > a->difficult)
    return "more difficult or recovered moments than records";
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    const guint64 *d = a->by_difficulty[k];
    if (d[0] > n || d[1] + d[2] > d[0])
      return "difficulty counts do not add up";
  }
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    const guint64 *m = a->by_emotion[e];
    if (m[0] > n || m[1] + m[2] > m[0] || m[3] > m[0] || m[4] > m[3] || m[4] > m[1])
      return "emotion counts do not add up";
  }
  if (sum(a->csat, 5) > n || sum(a->nps, 11) > n || sum(a->effort, 7) > n ||
      sum(a->employee_satisfaction, 5) > n)
    return "more scores than records";
  if (a->first_contacts > n || a->first_contacts_resolved > a->first_contacts ||
      a->beyond_role > n || a->proactive > n || a->empowered > n)
    return "more flagged records than records";
  return NULL;
}

static gboolean
load_agg(json_object *obj, CxmAgg *agg, const char *where, GError **error)
{
  const char *problem;

  memset(agg, 0, sizeof *agg);
  if (!json_object_is_type(obj, json_type_object))
    return invalid(error, where, "must be an object of counts");
  json_object_object_foreach (obj, name, value) {
    const AggField *f = NULL;
    guint64 beyond = 0;
    gboolean ok = TRUE;

    for (gsize i = 0; i < G_N_ELEMENTS(agg_fields) && f == NULL; i++)
      if (strcmp(agg_fields[i].name, name) == 0)
        f = &agg_fields[i];
    if (f == NULL)
      return invalid(error, where, "unknown member \"%s\"", name);
    if (f->rows == 0 && f->cols == 0) {
      ok = take_count(value, field_words(agg, f), &beyond);
    } else if (f->rows == 0) {
      ok = take_counts(value, field_words(agg, f), f->cols, &beyond);
    } else {
      ok = json_object_is_type(value, json_type_array) &&
           json_object_array_length(value) == (gsize) f->rows;
      for (int r = 0; ok && r < f->rows; r++)
        ok = take_counts(json_object_array_get_idx(value, (gsize) r),
                         field_words(agg, f) + r * f->cols, f->cols, &beyond);
    }
    if (!ok && beyond > 0)
      return count_beyond(error, where, name, beyond);
    if (!ok && f->rows > 0)
      return invalid(error, where, "\"%s\" must be %d arrays of %d counts", name, f->rows,
                     f->cols);
    if (!ok && f->cols > 0)
      return invalid(error, where, "\"%s\" must be an array of %d counts", name, f->cols);
    if (!ok)
      return invalid(error, where, "\"%s\" must be a count", name);
  }
  problem = agg_inconsistency(agg);
  return problem == NULL || invalid(error, where, "%s", problem);
}

/* Leadership events by type: {"coaching": 3, ...}. @empty_ok for format
 * 1's totals, which list every type. */
static gboolean
load_lead(json_object *obj, CxmLead *lead, gboolean empty_ok, const char *where,
          GError **error)
{
  memset(lead, 0, sizeof *lead);
  if (!json_object_is_type(obj, json_type_object))
    return invalid(error, where, "must be an object of counts");
  json_object_object_foreach (obj, type, count) {
    int index = cxm_leadership_type_from_name(type);
    guint64 beyond = 0;
    if (index == CXM_UNSET)
      return invalid(error, where, "unknown type \"%s\"", type);
    if (!take_count(count, &lead->by_type[index], &beyond))
      return beyond > 0 ? count_beyond(error, where, type, beyond)
                        : invalid(error, where, "\"%s\" must be a count", type);
  }
  if (!empty_ok && cxm_lead_total(lead) == 0)
    return invalid(error, where, "a group without events");
  if (cxm_lead_total(lead) > MAX_COUNT)
    return invalid(error, where, "more than 2^53 events");
  return TRUE;
}

/* A team, employee, actor or subject name, checked as in a record. */
static gboolean
check_name(const char *key_name, const char *name, const char *where, GError **error)
{
  char copy[CXM_MAX_STRING + 1];
  guint8 len;
  GError *why = NULL;

  if (cxm_copy_string_field(copy, &len, key_name, name, strlen(name), FALSE, &why))
    return TRUE;
  invalid(error, where, "%s", why->message);
  g_error_free(why);
  return FALSE;
}

static gboolean
check_limit(const CxmRecorder *rec, GError **error)
{
  if (rec->max_groups == 0 || rec->n_groups <= rec->max_groups)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
              "snapshot holds more than %" G_GUINT64_FORMAT " groups", rec->max_groups);
  return FALSE;
}

static CxmPolicy *
load_policy(json_object *root, const char *where, GError **error);

/* ---- reading format 1 ------------------------------------------------- */

static json_object *
member(json_object *obj, const char *name, json_type type, const char *where,
       GError **error)
{
  json_object *value;

  if (!json_object_object_get_ex(obj, name, &value) || value == NULL) {
    invalid(error, where, "\"%s\" is missing", name);
    return NULL;
  }
  if (!json_object_is_type(value, type)) {
    invalid(error, where, "\"%s\" has the wrong type", name);
    return NULL;
  }
  return value;
}

/* Levels or channels of a day: known names only. */
static gboolean
load_fixed_groups(json_object *day, const char *name, CxmAgg *aggs,
                  int (*from_name)(const char *), const char *where, GError **error)
{
  json_object *groups = member(day, name, json_type_object, where, error);

  if (groups == NULL)
    return FALSE;
  json_object_object_foreach (groups, key, value) {
    g_autofree char *here = g_strdup_printf("%s.%s.%s", where, name, key);
    int index = from_name(key);
    if (index == CXM_UNSET)
      return invalid(error, here, "not a known name");
    if (!load_agg(value, &aggs[index], here, error))
      return FALSE;
  }
  return TRUE;
}

/* Teams or employees: name -> sums. */
static gboolean
load_table(json_object *groups, GHashTable *table, const char *key_name,
           const char *where, GError **error)
{
  json_object_object_foreach (groups, name, value) {
    g_autofree char *here = g_strdup_printf("%s.%s", where, name);
    CxmAgg *agg = g_new0(CxmAgg, 1);

    g_hash_table_insert(table, g_strdup(name), agg);
    if (!check_name(key_name, name, here, error) || !load_agg(value, agg, here, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
load_v1_day(CxmRecorder *rec, const char *name, json_object *obj, CxmAgg *day_totals,
            GError **error)
{
  g_autofree char *where = g_strdup_printf("days.%s", name);
  CxmAgg channels_total = { 0 }, teams_total = { 0 };
  Groups day;
  gint64 number;
  gboolean ok;

  if (!cxm_period_day_range(name, CXM_PERIOD_DAY, &number, NULL))
    return invalid(error, "days", "\"%s\" is not a day (YYYY-MM-DD)", name);
  if (!json_object_is_type(obj, json_type_object))
    return invalid(error, where, "must be an object");
  /* Read into a scratch day with plain team names, then merged as another
   * recorder's day would be. */
  cxm_groups_init(&day, TRUE);
  ok = load_fixed_groups(obj, "levels", day.levels, cxm_level_from_name, where, error) &&
       load_fixed_groups(obj, "channels", day.channels, cxm_channel_from_name, where,
                         error);
  if (ok) {
    json_object *teams = member(obj, "teams", json_type_object, where, error);
    g_autofree char *teams_where = g_strdup_printf("%s.teams", where);
    ok = teams != NULL && load_table(teams, day.teams, "team", teams_where, error);
  }
  if (ok) {
    GHashTableIter iter;
    gpointer agg;

    memset(day_totals, 0, sizeof *day_totals);
    for (int i = 0; i < CXM_LEVEL_COUNT; i++)
      cxm_agg_merge(day_totals, &day.levels[i]);
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      cxm_agg_merge(&channels_total, &day.channels[i]);
    g_hash_table_iter_init(&iter, day.teams);
    while (g_hash_table_iter_next(&iter, NULL, &agg))
      cxm_agg_merge(&teams_total, agg);
    if (cxm_agg_n(day_totals) == 0)
      ok = invalid(error, where, "a day without records");
    else if (memcmp(day_totals, &channels_total, sizeof channels_total) != 0)
      ok = invalid(error, where, "the channels do not add up to the levels");
    else if (cxm_agg_n(&teams_total) > cxm_agg_n(day_totals))
      ok = invalid(error, where, "the teams hold more records than the day");
  }
  if (ok) {
    cxm_recorder_merge_groups(rec, &day);
    cxm_recorder_merge_day(rec, cxm_recorder_day_groups(rec, number), &day);
    ok = check_limit(rec, error);
  }
  cxm_groups_clear(&day);
  return ok;
}

/* Format 1's body. Its leadership totals belong to no day, level or team:
 * they are the unassigned level's all-time events, and in no day. */
static gboolean
load_v1_body(CxmRecorder *rec, json_object *root, GError **error)
{
  json_object *leadership, *days, *employees;
  CxmAgg totals = { 0 }, day_totals, employees_total = { 0 };
  GHashTableIter iter;
  gpointer agg;

  if ((leadership = member(root, "leadership", json_type_object, NULL, error)) == NULL ||
      (days = member(root, "days", json_type_object, NULL, error)) == NULL ||
      (employees = member(root, "employees", json_type_object, NULL, error)) == NULL)
    return FALSE;
  if (!load_lead(leadership, &rec->main.all.lead_levels[CXM_LEVEL_UNASSIGNED], TRUE,
                 "leadership", error))
    return FALSE;
  json_object_object_foreach (days, name, day) {
    if (!load_v1_day(rec, name, day, &day_totals, error))
      return FALSE;
    cxm_agg_merge(&totals, &day_totals);
    /* Every count is at most its group's records, so bounding the records
     * bounds every sum. */
    if (cxm_agg_n(&totals) > MAX_COUNT)
      return invalid(error, "days",
                     "%" G_GUINT64_FORMAT " records in all, more than 2^53 (%" G_GUINT64_FORMAT
                     ")",
                     cxm_agg_n(&totals), MAX_COUNT);
  }
  if (!load_table(employees, rec->main.all.employees, "employee", "employees", error))
    return FALSE;
  rec->n_groups += g_hash_table_size(rec->main.all.employees);
  if (!check_limit(rec, error))
    return FALSE;
  g_hash_table_iter_init(&iter, rec->main.all.employees);
  while (g_hash_table_iter_next(&iter, NULL, &agg))
    cxm_agg_merge(&employees_total, agg);
  if (cxm_agg_n(&employees_total) > cxm_agg_n(&totals))
    return invalid(error, "employees", "they hold more records than the days");
  return TRUE;
}

/* A format 1 snapshot, whole in @data. */
static CxmRecorder *
load_v1(const char *data, gsize len, GError **error)
{
  json_tokener *tok;
  json_object *root;
  enum json_tokener_error jerr;
  CxmPolicy *policy;
  CxmRecorder *rec = NULL;
  gsize end;
  const char *bad;

  if (!cxm_utf8_validate(data, len, &bad)) {
    invalid(error, NULL, "invalid UTF-8 (byte %" G_GSIZE_FORMAT ")",
            (gsize) (bad - data) + 1);
    return NULL;
  }
  tok = json_tokener_new_ex(16);
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  root = json_tokener_parse_ex(tok, data, (int) len);
  jerr = json_tokener_get_error(tok);
  end = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  if (jerr == json_tokener_continue || (jerr == json_tokener_success && root == NULL)) {
    invalid(error, NULL, "not valid JSON: it ends too early (%" G_GSIZE_FORMAT " bytes)",
            len);
    return NULL;
  }
  if (jerr != json_tokener_success) {
    invalid(error, NULL, "not valid JSON: %s (byte %" G_GSIZE_FORMAT ")",
            json_tokener_error_desc(jerr), end + 1);
    return NULL;
  }
  /* Strict mode refuses text after the value, but json-c stops at a NUL. */
  if (end != len) {
    invalid(error, NULL,
            "not valid JSON: text after the snapshot (byte %" G_GSIZE_FORMAT ")",
            end + 1);
    json_object_put(root);
    return NULL;
  }
  if ((policy = load_policy(root, NULL, error)) != NULL) {
    rec = cxm_recorder_new(policy);
    cxm_policy_free(policy);
    if (!load_v1_body(rec, root, error))
      g_clear_pointer(&rec, cxm_recorder_free);
  }
  json_object_put(root);
  return rec;
}

static CxmPolicy *
load_policy(json_object *root, const char *where, GError **error)
{
  json_object *obj, *fingerprint;
  CxmPolicy *policy;
  GError *why = NULL;
  g_autofree char *policy_where = g_strconcat(where ? where : "", where ? ": " : "",
                                              "policy", NULL);
  g_autofree char *fingerprint_where = g_strconcat(where ? where : "", where ? ": " : "",
                                                   "fingerprint", NULL);

  if ((obj = member(root, "policy", json_type_object, where, error)) == NULL ||
      (fingerprint = member(root, "fingerprint", json_type_string, where, error)) == NULL)
    return NULL;
  policy = cxm_policy_new_from_data(json_object_to_json_string_ext(obj, CXM_JSON_LINE),
                                    -1, &why);
  if (policy == NULL) {
    invalid(error, policy_where, "%s", why->message);
    g_error_free(why);
    return NULL;
  }
  if (strcmp(policy->fingerprint, json_object_get_string(fingerprint)) != 0) {
    invalid(error, fingerprint_where, "\"%s\" does not match the policy's settings (%s)",
            json_object_get_string(fingerprint), policy->fingerprint);
    cxm_policy_free(policy);
    return NULL;
  }
  return policy;
}

/* ---- reading: the input, a line at a time ------------------------------ */

/* A snapshot in memory (@fd -1) or read from a file descriptor into
 * @buffer; lines are at most MAX_LINE bytes. */
typedef struct {
  int fd;
  const char *data; /* memory: the snapshot */
  gsize len;
  GString *buffer;  /* fd: what was read; from @pos on not yet taken */
  gsize pos;
  gboolean eof;
  guint64 line;     /* lines taken */
} Input;

static const char *
input_base(const Input *in)
{
  return in->fd < 0 ? in->data : in->buffer->str;
}

static gsize
input_end(const Input *in)
{
  return in->fd < 0 ? in->len : in->buffer->len;
}

/* Reads one more block; FALSE on a read error. */
static gboolean
input_fill(Input *in, GError **error)
{
  gssize n;

  if (in->pos > 0 && in->pos >= in->buffer->len / 2) {
    g_string_erase(in->buffer, 0, (gssize) in->pos);
    in->pos = 0;
  }
  g_string_set_size(in->buffer, in->buffer->len + READ_BLOCK);
  do
    n = read(in->fd, in->buffer->str + in->buffer->len - READ_BLOCK, READ_BLOCK);
  while (n < 0 && errno == EINTR);
  g_string_set_size(in->buffer, in->buffer->len - READ_BLOCK + (gsize) MAX(n, 0));
  if (n < 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "read failed: %s", g_strerror(errno));
    return FALSE;
  }
  in->eof = n == 0;
  return TRUE;
}

/* At least @n bytes not yet taken, or all there are. */
static gboolean
input_peek(Input *in, gsize n, GError **error)
{
  while (in->fd >= 0 && !in->eof && input_end(in) - in->pos < n)
    if (!input_fill(in, error))
      return FALSE;
  return TRUE;
}

/* The next line, without its "\n": 1, 0 at the end, -1 on error. */
static int
input_next_line(Input *in, const char **line, gsize *len, GError **error)
{
  for (;;) {
    const char *start = input_base(in) + in->pos;
    gsize left = input_end(in) - in->pos;
    const char *nl = memchr(start, '\n', MIN(left, (gsize) MAX_LINE + 1));
    gsize n = nl != NULL ? (gsize) (nl - start) : left;

    if (n > MAX_LINE) {
      invalid(error, NULL, "line %" G_GUINT64_FORMAT " is longer than %u bytes",
              in->line + 1, MAX_LINE);
      return -1;
    }
    if (nl != NULL || in->fd < 0 || in->eof) {
      if (n == 0 && nl == NULL)
        return 0;
      *line = start;
      *len = n;
      in->pos += n + (nl != NULL);
      in->line++;
      return 1;
    }
    if (!input_fill(in, error))
      return -1;
  }
}

/* The rest of the input, whole: a format 1 snapshot. */
static gboolean
input_rest(Input *in, const char **data, gsize *len, GError **error)
{
  while (in->fd >= 0 && !in->eof && input_end(in) - in->pos <= MAX_V1_SIZE)
    if (!input_fill(in, error))
      return FALSE;
  *data = input_base(in) + in->pos;
  *len = input_end(in) - in->pos;
  if (*len <= MAX_V1_SIZE)
    return TRUE;
  return invalid(error, NULL, "a format 1 snapshot is read whole, and this one is larger "
                 "than its bound of %u bytes", (unsigned) MAX_V1_SIZE);
}

/* Whether the input begins as format 1 does: {"cxm_snapshot":1, spaces
 * allowed. */
static gboolean
looks_like_v1(const char *p, gsize len)
{
  static const char key[] = "\"cxm_snapshot\"";
  const char *end = p + len;

#define SKIP_SPACE()                                                            \
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) \
  p++
  SKIP_SPACE();
  if (p == end || *p++ != '{')
    return FALSE;
  SKIP_SPACE();
  if ((gsize) (end - p) < sizeof key - 1 || memcmp(p, key, sizeof key - 1) != 0)
    return FALSE;
  p += sizeof key - 1;
  SKIP_SPACE();
  if (p == end || *p++ != ':')
    return FALSE;
  SKIP_SPACE();
#undef SKIP_SPACE
  return p + 1 < end && p[0] == '1' && !g_ascii_isdigit(p[1]) && p[1] != '.' &&
         p[1] != 'e' && p[1] != 'E';
}

/* ---- reading format 2 ------------------------------------------------- */

typedef struct {
  CxmRecorder *rec;
  json_tokener *tok;
  Input *in;
  guint64 groups, records, events;
  gboolean undated[CXM_LEVEL_COUNT]; /* a lead_level line without a day seen */
} Load;

/* The kinds of group line: the member that names the group. */
typedef enum {
  KIND_LEVEL,
  KIND_CHANNEL,
  KIND_TEAM,
  KIND_LEAD_LEVEL,
  KIND_LEAD_TEAM,
  KIND_EMPLOYEE,
  KIND_LEAD_ACTOR,
  KIND_LEAD_SUBJECT,
  KIND_COUNT
} Kind;

static const struct {
  const char *key;
  const char *name_key; /* the record key its name is checked as */
  gboolean lead;        /* "events", else "sums" */
  int day;              /* 1: required, 0: refused, -1: either */
} kinds[KIND_COUNT] = {
  [KIND_LEVEL] = { "level", NULL, FALSE, 1 },
  [KIND_CHANNEL] = { "channel", NULL, FALSE, 1 },
  [KIND_TEAM] = { "team", "team", FALSE, 1 },
  [KIND_LEAD_LEVEL] = { "lead_level", NULL, TRUE, -1 },
  [KIND_LEAD_TEAM] = { "lead_team", "team", TRUE, 1 },
  [KIND_EMPLOYEE] = { "employee", "employee", FALSE, 0 },
  [KIND_LEAD_ACTOR] = { "lead_actor", "actor", TRUE, 0 },
  [KIND_LEAD_SUBJECT] = { "lead_subject", "subject", TRUE, 0 },
};

/* One line as a JSON object; NULL after an error naming the line. */
static json_object *
parse_line(Load *l, const char *text, gsize len, GError **error)
{
  g_autofree char *where = g_strdup_printf("line %" G_GUINT64_FORMAT, l->in->line);
  enum json_tokener_error jerr;
  json_object *obj;
  const char *bad;
  gsize end;

  if (len == 0) {
    invalid(error, where, "an empty line");
    return NULL;
  }
  if (!cxm_utf8_validate(text, len, &bad)) {
    invalid(error, where, "invalid UTF-8 (byte %" G_GSIZE_FORMAT " of the line)",
            (gsize) (bad - text) + 1);
    return NULL;
  }
  json_tokener_reset(l->tok);
  obj = json_tokener_parse_ex(l->tok, text, (int) len);
  jerr = json_tokener_get_error(l->tok);
  end = json_tokener_get_parse_end(l->tok);
  if (jerr == json_tokener_continue) {
    /* The line is whole: a value that json-c holds open waiting for a
     * delimiter (a number, a literal) ends with it. */
    obj = json_tokener_parse_ex(l->tok, " ", 1);
    jerr = json_tokener_get_error(l->tok);
    end = len;
  }
  /* (Success without an object is the literal null.) */
  if (jerr == json_tokener_continue) {
    invalid(error, where, "not valid JSON: it ends too early");
  } else if (jerr != json_tokener_success) {
    invalid(error, where, "not valid JSON: %s (byte %" G_GSIZE_FORMAT " of the line)",
            json_tokener_error_desc(jerr), end + 1);
  } else if (end != len) { /* json-c stops at a NUL */
    invalid(error, where, "not valid JSON: text after the value (byte %" G_GSIZE_FORMAT
            " of the line)", end + 1);
  } else if (!json_object_is_type(obj, json_type_object)) {
    invalid(error, where, l->in->line == 1 ? "not a cxm snapshot (no \"cxm_snapshot\" member)"
                                          : "not a JSON object");
  } else {
    return obj;
  }
  json_object_put(obj);
  return NULL;
}

/* The header: the version, then a policy that matches its fingerprint. */
static CxmPolicy *
load_header(json_object *obj, GError **error)
{
  json_object *version;

  if (!json_object_object_get_ex(obj, "cxm_snapshot", &version)) {
    invalid(error, NULL, "not a cxm snapshot (no \"cxm_snapshot\" member)");
    return NULL;
  }
  if (!json_object_is_type(version, json_type_int) ||
      json_object_get_int64(version) != CXM_SNAPSHOT_VERSION) {
    g_autofree char *got = cxm_json_excerpt(version);
    if (json_object_is_type(version, json_type_int) && json_object_get_int64(version) == 1)
      invalid(error, NULL, "a format 1 snapshot must begin with {\"cxm_snapshot\":1");
    else
      invalid(error, NULL,
              "version %s is not supported (this library reads versions 1 and %d)", got,
              CXM_SNAPSHOT_VERSION);
    return NULL;
  }
  json_object_object_foreach (obj, key, value) {
    (void) value;
    if (strcmp(key, "cxm_snapshot") != 0 && strcmp(key, "policy") != 0 &&
        strcmp(key, "fingerprint") != 0) {
      invalid(error, "line 1", "unknown member \"%s\"", key);
      return NULL;
    }
  }
  return load_policy(obj, "line 1", error);
}

/* "line 7 (team "north" of 2026-03-02)" */
static char *
describe_line(const Load *l, Kind kind, const char *name, const char *day)
{
  return g_strdup_printf("line %" G_GUINT64_FORMAT " (%s \"%s\"%s%s)", l->in->line,
                         kinds[kind].key, name, day ? " of " : "", day ? day : "");
}

static gboolean
duplicate(GError **error, const char *where)
{
  return invalid(error, where, "the group is already in the snapshot");
}

/* Adds a group line's sums or events into the recorder. */
static gboolean
add_group(Load *l, Kind kind, const char *name, const char *day_name, gint64 day,
          const CxmAgg *agg, const CxmLead *lead, const char *where, GError **error)
{
  CxmRecorder *rec = l->rec;
  Groups *all = &rec->main.all, *g = NULL;
  const char *owned;
  int index = 0;

  if (day_name != NULL)
    g = cxm_recorder_day_groups(rec, day);
  if (kind == KIND_LEVEL || kind == KIND_LEAD_LEVEL)
    index = cxm_level_from_name(name);
  else if (kind == KIND_CHANNEL)
    index = cxm_channel_from_name(name);
  if (index == CXM_UNSET)
    return invalid(error, where, "not a known %s",
                   kind == KIND_CHANNEL ? "channel" : "level");
  if (kinds[kind].name_key != NULL && !check_name(kinds[kind].name_key, name, where, error))
    return FALSE;

  switch (kind) {
  case KIND_LEVEL:
    if (cxm_agg_n(&g->levels[index]) > 0)
      return duplicate(error, where);
    g->levels[index] = *agg;
    cxm_agg_merge(&all->levels[index], agg);
    l->records += cxm_agg_n(agg);
    break;
  case KIND_CHANNEL:
    if (cxm_agg_n(&g->channels[index]) > 0)
      return duplicate(error, where);
    g->channels[index] = *agg;
    cxm_agg_merge(&all->channels[index], agg);
    break;
  case KIND_TEAM:
    cxm_agg_merge(cxm_recorder_team_agg(rec, name, &owned), agg);
    if (g_hash_table_contains(g->teams, owned))
      return duplicate(error, where);
    *cxm_recorder_table_agg(rec, g->teams, owned, FALSE) = *agg;
    break;
  case KIND_LEAD_LEVEL:
    if (g != NULL ? cxm_lead_total(&g->lead_levels[index]) > 0 : l->undated[index])
      return duplicate(error, where);
    if (g != NULL)
      g->lead_levels[index] = *lead;
    else
      l->undated[index] = TRUE;
    cxm_lead_merge(&all->lead_levels[index], lead);
    l->events += cxm_lead_total(lead);
    break;
  case KIND_LEAD_TEAM:
    cxm_lead_merge(cxm_store_team_lead(&rec->main, name, &owned, &rec->n_groups), lead);
    if (g_hash_table_contains(g->lead_teams, owned))
      return duplicate(error, where);
    *cxm_store_table_lead(g->lead_teams, owned, FALSE, &rec->n_groups) = *lead;
    break;
  case KIND_EMPLOYEE:
    if (g_hash_table_contains(all->employees, name))
      return duplicate(error, where);
    *cxm_recorder_table_agg(rec, all->employees, name, TRUE) = *agg;
    break;
  case KIND_LEAD_ACTOR:
  case KIND_LEAD_SUBJECT: {
    GHashTable *table = kind == KIND_LEAD_ACTOR ? all->lead_actors : all->lead_subjects;
    if (g_hash_table_contains(table, name))
      return duplicate(error, where);
    *cxm_store_table_lead(table, name, TRUE, &rec->n_groups) = *lead;
    break;
  }
  default:
    g_assert_not_reached();
  }
  if (l->records > MAX_COUNT)
    return invalid(error, where,
                   "%" G_GUINT64_FORMAT " records in all, more than 2^53 (%" G_GUINT64_FORMAT
                   ")",
                   l->records, MAX_COUNT);
  if (l->events > MAX_COUNT)
    return invalid(error, where,
                   "%" G_GUINT64_FORMAT " leadership events in all, more than 2^53 (%"
                   G_GUINT64_FORMAT ")",
                   l->events, MAX_COUNT);
  return check_limit(rec, error);
}

static gboolean
has_nul(json_object *string)
{
  return strlen(json_object_get_string(string)) != (gsize) json_object_get_string_len(string);
}

/* One group line: {"day": D, KIND: NAME, "sums" or "events": {...}}. */
static gboolean
load_group(Load *l, json_object *obj, GError **error)
{
  g_autofree char *where = g_strdup_printf("line %" G_GUINT64_FORMAT, l->in->line);
  g_autofree char *here = NULL;
  json_object *kind_value = NULL, *day_value = NULL, *counts = NULL;
  const char *counts_key = NULL;
  int kind = -1;
  gint64 day = 0;
  CxmAgg agg;
  CxmLead lead;

  json_object_object_foreach (obj, key, value) {
    int k = 0;
    while (k < KIND_COUNT && strcmp(kinds[k].key, key) != 0)
      k++;
    if (k < KIND_COUNT) {
      if (kind >= 0)
        return invalid(error, where, "both \"%s\" and \"%s\"", kinds[kind].key, key);
      kind = k;
      kind_value = value;
    } else if (strcmp(key, "day") == 0) {
      day_value = value;
    } else if (strcmp(key, "sums") == 0 || strcmp(key, "events") == 0) {
      if (counts != NULL)
        return invalid(error, where, "both \"sums\" and \"events\"");
      counts = value;
      counts_key = key;
    } else {
      return invalid(error, where, "unknown member \"%s\"", key);
    }
  }
  if (kind < 0)
    return invalid(error, where, "no group (\"level\", \"team\", \"employee\", ...)");
  /* (A NUL, which json-c lets through as \u0000, would cut the name.) */
  if (!json_object_is_type(kind_value, json_type_string) || has_nul(kind_value))
    return invalid(error, where, "\"%s\" must be a string without NUL", kinds[kind].key);
  if (day_value != NULL && (!json_object_is_type(day_value, json_type_string) ||
                            has_nul(day_value)))
    return invalid(error, where, "\"day\" must be a string without NUL");
  here = describe_line(l, (Kind) kind, json_object_get_string(kind_value),
                       day_value ? json_object_get_string(day_value) : NULL);
  if (kinds[kind].day == 1 && day_value == NULL)
    return invalid(error, here, "\"day\" is missing");
  if (kinds[kind].day == 0 && day_value != NULL)
    return invalid(error, here, "an all-time group has no \"day\"");
  if (day_value != NULL &&
      !cxm_period_day_range(json_object_get_string(day_value), CXM_PERIOD_DAY, &day, NULL))
    return invalid(error, here, "\"%s\" is not a day (YYYY-MM-DD)",
                   json_object_get_string(day_value));
  if (counts == NULL || strcmp(counts_key, kinds[kind].lead ? "events" : "sums") != 0)
    return invalid(error, here, "\"%s\" is missing", kinds[kind].lead ? "events" : "sums");
  if (kinds[kind].lead ? !load_lead(counts, &lead, FALSE, here, error)
                       : !load_agg(counts, &agg, here, error))
    return FALSE;
  l->groups++;
  return add_group(l, (Kind) kind, json_object_get_string(kind_value),
                   day_value ? json_object_get_string(day_value) : NULL, day, &agg, &lead,
                   here, error);
}

/* The last line: {"end": {"groups": G, "records": R, "events": E}}. */
static gboolean
load_end(Load *l, json_object *obj, GError **error)
{
  g_autofree char *where = g_strdup_printf("line %" G_GUINT64_FORMAT, l->in->line);
  static const char *const names[] = { "groups", "records", "events" };
  const guint64 have[] = { l->groups, l->records, l->events };
  json_object *end = json_object_object_get(obj, "end");

  if (json_object_object_length(obj) != 1 || !json_object_is_type(end, json_type_object) ||
      json_object_object_length(end) != G_N_ELEMENTS(names))
    return invalid(error, where, "the last line must be {\"end\": {\"groups\": G, "
                   "\"records\": R, \"events\": E}}");
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    json_object *value = json_object_object_get(end, names[i]);
    guint64 count, beyond = 0;
    if (!take_count(value, &count, &beyond))
      return beyond > 0 ? count_beyond(error, where, names[i], beyond)
                        : invalid(error, where, "\"%s\" must be a count", names[i]);
    if (count != have[i])
      return invalid(error, where,
                     "it counts %" G_GUINT64_FORMAT " %s, the lines before it hold %"
                     G_GUINT64_FORMAT,
                     count, names[i], have[i]);
  }
  return TRUE;
}

static guint64
lead_table_total(GHashTable *table)
{
  GHashTableIter iter;
  gpointer lead;
  guint64 n = 0;

  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, NULL, &lead))
    n += cxm_lead_total(lead);
  return n;
}

/* What only the whole snapshot shows: each day's channels add up to its
 * levels, no part holds more than its whole. */
static gboolean
check_sums(const CxmRecorder *rec, GError **error)
{
  const Groups *all = &rec->main.all;
  GHashTableIter iter;
  gpointer key, value;
  CxmAgg employees = { 0 };
  CxmLead total;

  g_hash_table_iter_init(&iter, rec->main.days);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    const Groups *g = value;
    CxmAgg levels, channels = { 0 }, teams = { 0 };
    CxmLead lead;
    GHashTableIter t;
    gpointer agg;
    char day[16];

    cxm_period_key_of_day(*(gint64 *) key, CXM_PERIOD_DAY, day);
    cxm_groups_totals(g, &levels);
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      cxm_agg_merge(&channels, &g->channels[i]);
    g_hash_table_iter_init(&t, g->teams);
    while (g_hash_table_iter_next(&t, NULL, &agg))
      cxm_agg_merge(&teams, agg);
    cxm_groups_lead_totals(g, &lead);
    if (memcmp(&levels, &channels, sizeof levels) != 0)
      return invalid(error, NULL, "day %s: the channels do not add up to the levels", day);
    if (cxm_agg_n(&teams) > cxm_agg_n(&levels))
      return invalid(error, NULL, "day %s: the teams hold more records than the day", day);
    if (lead_table_total(g->lead_teams) > cxm_lead_total(&lead))
      return invalid(error, NULL, "day %s: the teams hold more leadership events than "
                     "the day", day);
  }
  g_hash_table_iter_init(&iter, all->employees);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    cxm_agg_merge(&employees, value);
  if (cxm_agg_n(&employees) > cxm_groups_n(all))
    return invalid(error, NULL, "the employees hold more records than the days");
  cxm_groups_lead_totals(all, &total);
  if (lead_table_total(all->lead_actors) > cxm_lead_total(&total) ||
      lead_table_total(all->lead_subjects) > cxm_lead_total(&total))
    return invalid(error, NULL, "the actors or subjects hold more leadership events than "
                   "the levels");
  return TRUE;
}

/* A format 2 snapshot from its header on. */
static CxmRecorder *
load_v2(Input *in, GError **error)
{
  Load l = { 0 };
  const char *text;
  gsize len;
  json_object *obj;
  CxmPolicy *policy;
  gboolean ended = FALSE, ok = TRUE;
  int got;

  l.in = in;
  l.tok = json_tokener_new_ex(CXM_MAX_DEPTH);
  json_tokener_set_flags(l.tok, JSON_TOKENER_STRICT);
  got = input_next_line(in, &text, &len, error);
  if (got == 0)
    invalid(error, NULL, "it is empty (0 bytes)");
  obj = got > 0 ? parse_line(&l, text, len, error) : NULL;
  policy = obj != NULL ? load_header(obj, error) : NULL;
  json_object_put(obj);
  if (policy == NULL) {
    json_tokener_free(l.tok);
    return NULL;
  }
  l.rec = cxm_recorder_new(policy);
  cxm_policy_free(policy);
  while (ok && (got = input_next_line(in, &text, &len, error)) > 0) {
    if (ended) {
      ok = invalid(error, NULL, "line %" G_GUINT64_FORMAT ": text after the last line",
                   in->line);
      break;
    }
    obj = parse_line(&l, text, len, error);
    if (obj == NULL)
      ok = FALSE;
    else if (json_object_object_get_ex(obj, "end", NULL))
      ok = ended = load_end(&l, obj, error);
    else
      ok = load_group(&l, obj, error);
    json_object_put(obj);
  }
  ok = ok && got == 0;
  if (ok && !ended)
    ok = invalid(error, NULL, "it ends at line %" G_GUINT64_FORMAT " without its last line "
                 "({\"end\": ...}): it was cut short", in->line);
  ok = ok && check_sums(l.rec, error);
  json_tokener_free(l.tok);
  if (!ok)
    g_clear_pointer(&l.rec, cxm_recorder_free);
  return l.rec;
}

/* Either format, from @in. */
static CxmRecorder *
load_input(Input *in, GError **error)
{
  const char *data;
  gsize len;

  if (!input_peek(in, 64, error))
    return NULL;
  if (!looks_like_v1(input_base(in) + in->pos, input_end(in) - in->pos))
    return load_v2(in, error);
  if (!input_rest(in, &data, &len, error))
    return NULL;
  return load_v1(data, len, error);
}

CxmRecorder *
cxm_snapshot_load(const char *data, gssize length, GError **error)
{
  Input in = { .fd = -1 };

  cxm_return_val_if_null(data, error, NULL);
  in.data = data;
  in.len = length < 0 ? strlen(data) : (gsize) length;
  return load_input(&in, error);
}

CxmRecorder *
cxm_snapshot_load_file(const char *path, GError **error)
{
  Input in = { 0 };
  CxmRecorder *rec;

  cxm_return_val_if_null(path, error, NULL);
  in.fd = open(path, O_RDONLY | O_CLOEXEC);
  if (in.fd < 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "cannot open: %s", g_strerror(errno));
    return NULL;
  }
  in.buffer = g_string_sized_new(READ_BLOCK);
  rec = load_input(&in, error);
  g_string_free(in.buffer, TRUE);
  close(in.fd);
  return rec;
}
