/* SPDX-License-Identifier: MIT */
/* Snapshots: a recorder's sums as JSON Lines load back to an identical
 * recorder in every report, leadership sums included, and merged shards
 * equal one import; format 1 still loads. What is not a valid snapshot is
 * refused with a clear error: the cases of tests/cases/snapshot/, and here
 * what is too large for a case file (long lines, 2^53 counts, garbage). */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test-util.h"

/* fsync() as the library sees it: this program's, which fails with EIO
 * while @fail_fsync is set (a disk that cannot keep what it took). */
static gboolean fail_fsync;

int
fsync(int fd)
{
  if (fail_fsync) {
    errno = EIO;
    return -1;
  }
  return (int) syscall(SYS_fsync, fd);
}

#define FULL (ALL_GROUPS | CXM_REPORT_DAYS | CXM_REPORT_WEEKS | CXM_REPORT_HOTSPOTS)

/* One record, as small as a snapshot with every kind of group gets: the
 * case tests/cases/snapshot/one-record, whose neighbours there are its
 * refused variants. */
#define ONE_RECORD                                                            \
  "{\"id\":\"a\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"phone\","     \
  "\"team\":\"north\",\"employee\":\"e-1\",\"csat\":5,\"nps\":10,"           \
  "\"difficulties\":[\"customer_upset\"]}"
#define SUMS                                                                  \
  "{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],\"difficult\":1,"   \
  "\"recovered\":1,\"difficulty\":[[0,0,0],[0,0,0],[0,0,0],[0,0,0],[0,0,0]," \
  "[0,0,0],[1,1,0]],\"csat\":[0,0,0,0,1],\"nps\":[0,0,0,0,0,0,0,0,0,0,1]}"
#define POLICY_V1                                                             \
  "\"policy\":{\"name\":\"default\",\"csat_positive_min\":4,"                 \
  "\"csat_negative_max\":2,\"nps_positive_min\":9,\"nps_negative_max\":6,"    \
  "\"effort_positive_min\":5,\"effort_negative_max\":3,"                      \
  "\"employee_hurt_max\":2,\"employee_satisfied_min\":4,"                     \
  "\"delighted_csat_min\":5,\"delighted_nps_min\":9,\"z\":1.959964,"         \
  "\"min_sample\":30,\"min_group\":0},\"fingerprint\":\"3a9cc47c3c78df74\""
#define HEADER                                                                \
  "{\"cxm_snapshot\":2,\"policy\":{\"name\":\"default\",\"csat_positive_min\":4," \
  "\"csat_negative_max\":2,\"nps_positive_min\":9,\"nps_negative_max\":6,"    \
  "\"effort_positive_min\":5,\"effort_negative_max\":3,"                      \
  "\"employee_hurt_max\":2,\"employee_satisfied_min\":4,"                     \
  "\"delighted_csat_min\":5,\"delighted_nps_min\":9,\"z\":1.959964,"         \
  "\"min_sample\":30,\"min_group\":0,\"huddle_days_min\":1,"                  \
  "\"huddle_days_target\":5},\"fingerprint\":\"3a9cc47c3c78df74\"}\n"
#define ONE_RECORD_SNAPSHOT                                                   \
  HEADER                                                                      \
  "{\"day\":\"2026-03-02\",\"level\":\"unassigned\",\"sums\":" SUMS "}\n"     \
  "{\"day\":\"2026-03-02\",\"channel\":\"phone\",\"sums\":" SUMS "}\n"        \
  "{\"day\":\"2026-03-02\",\"team\":\"north\",\"sums\":" SUMS "}\n"           \
  "{\"employee\":\"e-1\",\"sums\":" SUMS "}\n"                                \
  "{\"end\":{\"groups\":4,\"records\":1,\"events\":0}}\n"
/* Format 1 of the same record, with leadership totals. */
#define ONE_RECORD_V1                                                         \
  "{\"cxm_snapshot\":1," POLICY_V1 ","                                        \
  "\"leadership\":{\"purpose_huddle\":0,\"recognition\":2,\"coaching\":1,"    \
  "\"standard_review\":0,\"communication\":0},"                               \
  "\"days\":{\"2026-03-02\":{\"levels\":{\"unassigned\":" SUMS "},"           \
  "\"channels\":{\"phone\":" SUMS "},\"teams\":{\"north\":" SUMS "}}},"        \
  "\"employees\":{\"e-1\":" SUMS "}}"
/* Interactions and leadership events of every kind of group: levels,
 * teams (the record's and none), actors with and without subjects, several
 * days and weeks. */
static const char LEADERSHIP_RECORDS[] =
    "{\"kind\":\"leadership\",\"id\":\"l1\",\"ts\":\"2026-03-02T08:00:00Z\","
    "\"type\":\"purpose_huddle\",\"actor\":\"dev\",\"team\":\"south\",\"level\":\"manager\"}\n"
    "{\"id\":\"s1\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"phone\",\"employee\":\"ana\","
    "\"team\":\"north\",\"level\":\"frontline\",\"csat\":5,\"nps\":10}\n"
    "{\"id\":\"s2\",\"ts\":\"2026-03-03T10:00:00Z\",\"channel\":\"email\",\"employee\":\"ben\","
    "\"team\":\"south\",\"level\":\"frontline\",\"csat\":2,"
    "\"difficulties\":[\"customer_upset\"],\"emotions\":[\"stress\"]}\n"
    "{\"kind\":\"leadership\",\"id\":\"l2\",\"ts\":\"2026-03-03T17:00:00Z\","
    "\"type\":\"coaching\",\"actor\":\"dev\",\"team\":\"north\",\"level\":\"manager\","
    "\"subject\":\"ana\"}\n"
    "{\"kind\":\"leadership\",\"id\":\"l3\",\"ts\":\"2026-03-10T17:00:00Z\","
    "\"type\":\"recognition\",\"actor\":\"eve\",\"level\":\"senior_leader\","
    "\"subject\":\"ben\"}\n"
    "{\"kind\":\"leadership\",\"id\":\"l4\",\"ts\":\"2026-03-11T08:00:00Z\","
    "\"type\":\"purpose_huddle\",\"actor\":\"dev\",\"team\":\"south\"}\n"
    "{\"id\":\"s3\",\"ts\":\"2026-03-11T09:00:00Z\",\"channel\":\"chat\",\"employee\":\"ben\","
    "\"team\":\"south\",\"csat\":4}\n";

/* examples/data/interactions.jsonl: 4,000 generated records, 12 of them bad. */
static char *
example_path(void)
{
  char *tests = g_path_get_dirname(__FILE__);
  char *path = g_build_filename(g_getenv("top_srcdir") ? g_getenv("top_srcdir") : tests,
                                g_getenv("top_srcdir") ? "examples" : "../examples",
                                "data", "interactions.jsonl", NULL);
  g_free(tests);
  return path;
}

static CxmRecorder *
load(const char *text)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_snapshot_load(text, -1, &err);
  cr_assert_not_null(rec, "load: %s", err ? err->message : "?");
  return rec;
}

static char *
snapshot(const CxmRecorder *rec)
{
  gsize length = 0;
  char *text = cxm_snapshot_save(rec, &length, NULL);
  cr_assert_not_null(text);
  cr_assert_eq(length, strlen(text));
  return text;
}

/* The report of @rec in @format with every group. */
static char *
report(const CxmRecorder *rec, CxmReportFormat format)
{
  g_autoptr(CxmReportOptions) options = cxm_report_options_new();
  GError *err = NULL;
  char *text;

  cxm_report_options_set_format(options, format);
  cxm_report_options_set_flags(options, FULL | CXM_REPORT_MONTHS);
  text = cxm_report_to_string(rec, NULL, options, NULL, &err);
  cr_assert_not_null(text, "report: %s", err ? err->message : "?");
  return text;
}

/* @a and @b report the same, byte for byte, in every format, and write the
 * same snapshot. */
static void
assert_same(const CxmRecorder *a, const CxmRecorder *b)
{
  char *sa = snapshot(a), *sb = snapshot(b);

  for (int f = 0; f < CXM_REPORT_FORMAT_COUNT; f++) {
    char *ra = report(a, (CxmReportFormat) f), *rb = report(b, (CxmReportFormat) f);
    cr_assert_str_eq(ra, rb, "format %s", cxm_report_format_name((CxmReportFormat) f));
    cxm_free(ra);
    cxm_free(rb);
  }
  cr_assert_str_eq(sa, sb);
  cr_assert_eq(cxm_recorder_get_n_groups(a), cxm_recorder_get_n_groups(b));
  cxm_free(sa);
  cxm_free(sb);
}

/* A refused snapshot: @code_ and @message_. */
#define assert_refused(text_, length_, code_, message_)                      \
  do {                                                                        \
    GError *err_ = NULL;                                                      \
    CxmRecorder *rec_ = cxm_snapshot_load((text_), (length_), &err_);         \
    cr_assert_null(rec_);                                                     \
    assert_error(err_, (code_), (message_));                                  \
  } while (0)

Test(snapshot, the_format)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  char *text;

  text = snapshot(rec);
  cr_assert_str_eq(text, HEADER "{\"end\":{\"groups\":0,\"records\":0,\"events\":0}}\n");
  cxm_free(text);
  cr_assert(cxm_recorder_record_json(rec, ONE_RECORD, -1, NULL, NULL));
  text = snapshot(rec);
  cr_assert_str_eq(text, ONE_RECORD_SNAPSHOT);
  cxm_free(text);
  cxm_recorder_free(rec);
}

/* Every leadership sum goes through: per day by level and team, all time
 * by actor and subject; every report is the same, byte for byte. */
Test(snapshot, leadership_sums_load_back_identical)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL), *back;
  char *text;

  cr_assert(cxm_import_data(rec, LEADERSHIP_RECORDS, strlen(LEADERSHIP_RECORDS), NULL, 0,
                            NULL, &err),
            "%s", err ? err->message : "");
  cr_assert_eq(cxm_recorder_get_n(rec), 3);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 4);
  text = snapshot(rec);
  cr_assert_not_null(strstr(text, "{\"day\":\"2026-03-03\",\"lead_level\":\"manager\","
                                  "\"events\":{\"coaching\":1}}\n"));
  cr_assert_not_null(strstr(text, "{\"day\":\"2026-03-11\",\"lead_team\":\"south\","
                                  "\"events\":{\"purpose_huddle\":1}}\n"));
  cr_assert_not_null(strstr(text, "{\"lead_actor\":\"dev\",\"events\":"
                                  "{\"purpose_huddle\":2,\"coaching\":1}}\n"));
  cr_assert_not_null(strstr(text, "{\"lead_subject\":\"ben\",\"events\":"
                                  "{\"recognition\":1}}\n"));
  cr_assert_not_null(strstr(text, "{\"end\":{\"groups\":22,\"records\":3,\"events\":4}}\n"));
  back = load(text);
  assert_same(rec, back);
  cxm_free(text);
  cxm_recorder_free(rec);
  cxm_recorder_free(back);
}

/* Format 1 loads: its leadership totals are all-time events of the
 * unassigned level, in no day; written as format 2 they stay so. */
Test(snapshot, format_1_loads)
{
  CxmRecorder *rec = load(ONE_RECORD_V1), *back, *fresh = cxm_recorder_new(NULL);
  char *text = snapshot(rec);

  cr_assert_eq(cxm_recorder_get_n(rec), 1);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 3);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_RECOGNITION), 2);
  cr_assert_not_null(strstr(text, "\n{\"lead_level\":\"unassigned\",\"events\":"
                                  "{\"recognition\":2,\"coaching\":1}}\n"),
                     "%s", text);
  back = load(text);
  assert_same(rec, back);
  /* Its sums are those of the record. */
  cr_assert(cxm_recorder_record_json(fresh, ONE_RECORD, -1, NULL, NULL));
  char *a = cxm_report_to_json(fresh, NULL, CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES, NULL);
  char *b = cxm_report_to_json(rec, NULL, CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES, NULL);
  cr_assert_not_null(strstr(b, "\"teams\":"));
  cr_assert_str_eq(strstr(a, "\"teams\":"), strstr(b, "\"teams\":"));
  cxm_free(a);
  cxm_free(b);
  cxm_free(text);
  cxm_recorder_free(fresh);
  cxm_recorder_free(rec);
  cxm_recorder_free(back);
}

/* A snapshot cut anywhere is refused: at a line end it lacks its last
 * line, inside a line that line is not JSON. */
Test(snapshot, a_cut_snapshot_is_refused)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  gsize length;
  char *text;

  cr_assert(cxm_import_data(rec, LEADERSHIP_RECORDS, strlen(LEADERSHIP_RECORDS), NULL, 0,
                            NULL, &err));
  text = cxm_snapshot_save(rec, &length, &err);
  /* (Without its last line end it is whole.) */
  for (gsize cut = 0; cut + 1 < length; cut++) {
    CxmRecorder *part = cxm_snapshot_load(text, (gssize) cut, &err);
    cr_assert_null(part, "cut at %zu accepted", cut);
    cr_assert_eq(err->code, CXM_ERROR_SNAPSHOT, "cut at %zu: %s", cut, err->message);
    g_clear_error(&err);
  }
  assert_refused(text, (gssize) (strchr(text, '\n') + 1 - text), CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: it ends at line 1 without its last line "
                 "({\"end\": ...}): it was cut short");
  cxm_free(text);
  cxm_recorder_free(rec);
}

/* Lines are bounded, so is format 1; garbage is refused at its first line,
 * without reading it all. */
Test(snapshot, bounds)
{
  const gsize big = CXM_SNAPSHOT_MAX_LINE + 1;
  GString *text = g_string_new(HEADER);
  char *garbage = g_malloc(16 << 20);
  gint64 start;

  /* A line one byte too long. */
  g_string_append(text, "{\"employee\":\"");
  while (text->len < strlen(HEADER) + big - 2)
    g_string_append_c(text, 'x');
  g_string_append(text, "\"}\n");
  assert_refused(text->str, (gssize) text->len, CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: line 2 is longer than 1048576 bytes");
  /* One byte shorter, and it is read (the name is then refused). */
  g_string_erase(text, (gssize) strlen(HEADER) + 20, 1);
  GError *err = NULL;
  cr_assert_null(cxm_snapshot_load(text->str, (gssize) text->len, &err));
  cr_assert_not_null(strstr(err->message, "line 2 (employee \"xxx"), "%s", err->message);
  g_clear_error(&err);
  /* 16 MB of [0,0,...]: refused at once. */
  garbage[0] = '[';
  for (gsize i = 1; i + 2 < 16 << 20; i += 2)
    memcpy(garbage + i, "0,", 2);
  memcpy(garbage + (16 << 20) - 2, "0]", 2);
  start = g_get_monotonic_time();
  assert_refused(garbage, 16 << 20, CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: line 1 is longer than 1048576 bytes");
  cr_assert_lt(g_get_monotonic_time() - start, G_USEC_PER_SEC);
  /* Format 1 beyond its bound, refused before it is parsed. */
  g_free(garbage);
  garbage = g_malloc(CXM_SNAPSHOT_V1_MAX_SIZE + 1); /* only its start is read */
  memset(garbage, ' ', 64);
  memcpy(garbage, "{\"cxm_snapshot\":1,", 18);
  assert_refused(garbage, CXM_SNAPSHOT_V1_MAX_SIZE + 1, CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: a format 1 snapshot is read whole, and this one is "
                 "larger than its bound of 268435456 bytes");
  g_free(garbage);
  g_string_free(text, TRUE);
}

#define MAX_SUMS(n)                                                           \
  "{\"class\":[" n ",0,0],\"reason\":[0,0,0,0,0,0,0,0,0," n ",0]}"
#define AT_2_53 "9007199254740992"

/* 2^53 records is the most a snapshot holds: that many load, one more is
 * refused when recorded, merged, written and read, the count named. */
Test(snapshot, at_most_2_53_records)
{
  GError *err = NULL;
  const char *full = HEADER
      "{\"day\":\"2026-03-02\",\"level\":\"unassigned\",\"sums\":" MAX_SUMS(AT_2_53) "}\n"
      "{\"day\":\"2026-03-02\",\"channel\":\"phone\",\"sums\":" MAX_SUMS(AT_2_53) "}\n"
      "{\"end\":{\"groups\":2,\"records\":" AT_2_53 ",\"events\":0}}\n";
  CxmRecorder *rec = load(full), *one = cxm_recorder_new(NULL);
  char *text;

  cr_assert_eq(cxm_recorder_get_n(rec), G_GUINT64_CONSTANT(1) << 53);
  text = snapshot(rec);
  cr_assert_str_eq(text, full);
  cxm_free(text);
  cr_assert_not(cxm_recorder_record_json(rec, ONE_RECORD, -1, NULL, &err));
  assert_error(err, CXM_ERROR_LIMIT,
               "the recorder holds 9007199254740992 records, the most it can (2^53)");
  cr_assert(cxm_recorder_record_json(one, ONE_RECORD, -1, NULL, NULL));
  cr_assert_not(cxm_recorder_merge(one, rec, &err));
  assert_error(err, CXM_ERROR_LIMIT,
               "the merge would hold 9007199254740993 records, more than 2^53");
  assert_refused(HEADER "{\"day\":\"2026-03-02\",\"level\":\"unassigned\",\"sums\":"
                 MAX_SUMS(AT_2_53) "}\n{\"day\":\"2026-03-02\",\"level\":\"frontline\","
                 "\"sums\":" MAX_SUMS("1") "}\n",
                 -1, CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: line 3 (level \"frontline\" of 2026-03-02): "
                 "9007199254740993 records in all, more than 2^53 (9007199254740992)");
  assert_refused(HEADER "{\"day\":\"2026-03-02\",\"level\":\"unassigned\",\"sums\":"
                 MAX_SUMS("9007199254740993") "}\n",
                 -1, CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: line 2 (level \"unassigned\" of 2026-03-02): "
                 "\"class\" holds 9007199254740993, more than 2^53 (9007199254740992)");
  assert_refused(HEADER "{\"lead_level\":\"manager\",\"events\":{\"coaching\":"
                 "18446744073709551615}}\n",
                 -1, CXM_ERROR_SNAPSHOT,
                 "invalid snapshot: line 2 (lead_level \"manager\"): \"coaching\" holds "
                 "18446744073709551615, more than 2^53 (9007199254740992)");
  cxm_recorder_free(one);
  cxm_recorder_free(rec);
}

/* A recorder from cxm_recorder_new() has a shard per CPU (at most 64), and
 * a thread's shard may take an equal share of the room that 2^53 leaves:
 * with room for two records per shard, one thread records two, then is
 * refused, and the refusal changes nothing. */
Test(snapshot, a_shared_recorder_gives_each_shard_its_share_of_the_last_room)
{
  const guint64 shards = CLAMP(g_get_num_processors(), 1, 64);
  const guint64 held = (G_GUINT64_CONSTANT(1) << 53) - 2 * shards;
  g_autofree char *sums = g_strdup_printf(
      "{\"class\":[%" G_GUINT64_FORMAT ",0,0],\"reason\":[0,0,0,0,0,0,0,0,0,%" G_GUINT64_FORMAT
      ",0]}", held, held);
  g_autofree char *text = g_strdup_printf(
      HEADER "{\"day\":\"2026-03-02\",\"level\":\"unassigned\",\"sums\":%s}\n"
      "{\"day\":\"2026-03-02\",\"channel\":\"phone\",\"sums\":%s}\n"
      "{\"end\":{\"groups\":2,\"records\":%" G_GUINT64_FORMAT ",\"events\":0}}\n",
      sums, sums, held);
  g_autofree char *message = g_strdup_printf(
      "the recorder holds %" G_GUINT64_FORMAT " records, the most it can (2^53)", held + 2);
  CxmRecorder *rec = load(text);
  GError *err = NULL;

  cr_assert_eq(cxm_recorder_get_n(rec), held);
  cr_assert(cxm_recorder_record_json(rec, "{\"id\":\"a\",\"ts\":1,\"channel\":\"web\"}", -1,
                                     NULL, NULL));
  cr_assert(cxm_recorder_record_json(rec, "{\"id\":\"b\",\"ts\":1,\"channel\":\"web\"}", -1,
                                     NULL, NULL));
  cr_assert_not(cxm_recorder_record_json(rec, "{\"id\":\"c\",\"ts\":1,\"channel\":\"web\"}",
                                         -1, NULL, &err));
  assert_error(err, CXM_ERROR_LIMIT, message);
  cr_assert_eq(cxm_recorder_get_n(rec), held + 2);
  cxm_recorder_free(rec);
}

/* The files in @dir, which must all be s.snap. */
static guint
only_file(const char *dir)
{
  GDir *listing = g_dir_open(dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name(listing)) != NULL) {
    cr_assert_str_eq(name, "s.snap");
    n++;
  }
  g_dir_close(listing);
  return n;
}

/* Saved to a file atomically and loaded from it a line at a time; no
 * temporary file is left beside it, even when the sync fails. */
Test(snapshot, files)
{
  GError *err = NULL;
  char *dir = g_dir_make_tmp("cxm-snapshot-XXXXXX", NULL);
  char *path = g_build_filename(dir, "s.snap", NULL);
  CxmRecorder *rec = cxm_recorder_new(NULL), *back;

  cr_assert(cxm_import_data(rec, LEADERSHIP_RECORDS, strlen(LEADERSHIP_RECORDS), NULL, 0,
                            NULL, &err));
  cr_assert(g_file_set_contents(path, "old", -1, NULL));
  cr_assert(cxm_snapshot_save_file(rec, path, &err), "%s", err ? err->message : "");
  back = cxm_snapshot_load_file(path, &err);
  cr_assert_not_null(back, "%s", err ? err->message : "");
  assert_same(rec, back);
  cr_assert_eq(only_file(dir), 1);
  cr_assert_null(cxm_snapshot_load_file(dir, &err));
  assert_error(err, CXM_ERROR_IO, "read failed: Is a directory");
  g_remove(path);
  cr_assert_null(cxm_snapshot_load_file(path, &err));
  assert_error(err, CXM_ERROR_IO, "cannot open: No such file or directory");
  /* A failed sync says so, and the file is as it was. */
  cr_assert(g_file_set_contents(path, "old", -1, NULL));
  fail_fsync = TRUE;
  cr_assert_not(cxm_snapshot_save_file(rec, path, &err));
  fail_fsync = FALSE;
  assert_error(err, CXM_ERROR_IO, "sync failed: Input/output error");
  char *kept = NULL;
  cr_assert(g_file_get_contents(path, &kept, NULL, NULL));
  cr_assert_str_eq(kept, "old");
  cr_assert_eq(only_file(dir), 1);
  g_free(kept);
  g_remove(path);
  /* The temporary of a writer that died is removed by the next save; that
   * of a writer at work (holding its lock) and other files are not. */
  char *stale = g_build_filename(dir, "s.snap.cxm-tmp-a1b2c3", NULL);
  char *held = g_build_filename(dir, "s.snap.cxm-tmp-d4e5f6", NULL);
  char *other = g_build_filename(dir, "s.snap.cxm-tmp-kept", NULL);
  cr_assert(g_file_set_contents(stale, "part", -1, NULL));
  cr_assert(g_file_set_contents(held, "part", -1, NULL));
  cr_assert(g_file_set_contents(other, "mine", -1, NULL));
  int held_fd = open(held, O_RDONLY);
  cr_assert_eq(flock(held_fd, LOCK_EX), 0);
  cr_assert(cxm_snapshot_save_file(rec, path, &err));
  cr_assert_not(g_file_test(stale, G_FILE_TEST_EXISTS));
  cr_assert(g_file_test(held, G_FILE_TEST_EXISTS));
  cr_assert(g_file_test(other, G_FILE_TEST_EXISTS));
  close(held_fd);
  g_remove(held);
  g_remove(other);
  g_remove(path);
  g_free(stale);
  g_free(held);
  g_free(other);
  cr_assert_not(cxm_snapshot_save_file(rec, "/nonexistent-dir/s.snap", &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->code, CXM_ERROR_IO);
  g_clear_error(&err);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
  cxm_recorder_free(rec);
  cxm_recorder_free(back);
}

Test(snapshot, loads_back_identical)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL), *back;
  char *path = example_path(), *text;

  cr_assert(cxm_import_path(rec, path, 0, NULL, &err), "%s",
            err ? err->message : "");
  cr_assert_eq(cxm_recorder_get_n(rec), 3747);
  text = snapshot(rec);
  back = load(text);
  cr_assert_eq(cxm_recorder_get_n(back), 3747);
  cr_assert_eq(cxm_recorder_get_leadership_count(back, CXM_UNSET),
               cxm_recorder_get_leadership_count(rec, CXM_UNSET));
  assert_same(rec, back);
  cxm_free(text);
  g_free(path);
  cxm_recorder_free(rec);
  cxm_recorder_free(back);
}

Test(snapshot, the_policy_travels_with_it)
{
  GError *err = NULL;
  CxmPolicy *policy = cxm_policy_new();
  CxmRecorder *rec, *back;
  char *text;

  cr_assert(cxm_policy_set(policy, "csat_positive_min", 5, &err));
  cr_assert(cxm_policy_set(policy, "min_group", 3, &err));
  cr_assert(cxm_policy_set_name(policy, "strict", &err));
  rec = cxm_recorder_new(policy);
  cr_assert(cxm_recorder_record_json(rec, ONE_RECORD, -1, NULL, NULL));
  text = snapshot(rec);
  back = load(text);
  cr_assert_str_eq(cxm_policy_get_fingerprint(cxm_recorder_get_policy(back)),
                   cxm_policy_get_fingerprint(policy));
  cr_assert_str_eq(cxm_policy_get_name(cxm_recorder_get_policy(back)), "strict");
  assert_same(rec, back);
  cxm_free(text);
  cxm_policy_free(policy);
  cxm_recorder_free(rec);
  cxm_recorder_free(back);
}

/* Shards of one input, each snapshotted and loaded, merge into exactly the
 * recorder of one import: the way many processes feed one report. */
Test(snapshot, merged_shards_equal_one_import)
{
  GError *err = NULL;
  CxmRecorder *whole = cxm_recorder_new(NULL), *shards[3], *merged, *reversed;
  GString *parts[3];
  char *path = example_path(), *data, **lines;

  cr_assert(g_file_get_contents(path, &data, NULL, NULL));
  cr_assert(cxm_import_path(whole, path, 0, NULL, &err));
  lines = g_strsplit(data, "\n", -1);
  for (int s = 0; s < 3; s++)
    parts[s] = g_string_new(NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf(parts[i % 3], "%s\n", lines[i]);
  for (int s = 0; s < 3; s++) {
    CxmRecorder *shard = cxm_recorder_new(NULL);
    char *text;
    cr_assert(cxm_import_data(shard, parts[s]->str, parts[s]->len, NULL, 0,
                                       NULL, &err));
    text = snapshot(shard);
    shards[s] = load(text);
    cxm_free(text);
    cxm_recorder_free(shard);
    g_string_free(parts[s], TRUE);
  }
  merged = cxm_recorder_new(NULL);
  reversed = cxm_recorder_new(NULL);
  for (int s = 0; s < 3; s++) {
    cr_assert(cxm_recorder_merge(merged, shards[s], &err));
    cr_assert(cxm_recorder_merge(reversed, shards[2 - s], &err));
  }
  cr_assert_eq(cxm_recorder_get_n(merged), 3747);
  assert_same(merged, whole);
  /* The report's input counts what the recorder holds, merged or not, and
   * the rejections of the import result it is given. */
  CxmImportResult *none = cxm_import_result_new();
  char *report = cxm_report_to_json(merged, none, 0, NULL);
  char *expected = g_strdup_printf("\"input\":{\"records\":%" G_GUINT64_FORMAT
                                   ",\"accepted\":%" G_GUINT64_FORMAT ",\"rejected\":0,",
                                   3747 + cxm_recorder_get_leadership_count(merged, CXM_UNSET),
                                   3747 + cxm_recorder_get_leadership_count(merged, CXM_UNSET));
  cr_assert_not_null(strstr(report, expected), "%s", report);
  g_free(expected);
  cxm_free(report);
  cxm_import_result_free(none);
  assert_same(reversed, whole);
  for (int s = 0; s < 3; s++)
    cxm_recorder_free(shards[s]);
  g_strfreev(lines);
  g_free(data);
  g_free(path);
  cxm_recorder_free(whole);
  cxm_recorder_free(merged);
  cxm_recorder_free(reversed);
}

Test(snapshot, snapshots_under_other_policies_do_not_merge)
{
  GError *err = NULL;
  CxmPolicy *policy = cxm_policy_new();
  CxmRecorder *a, *b = load(ONE_RECORD_SNAPSHOT);
  CxmRecorder *c = load(ONE_RECORD_V1);

  cxm_policy_set(policy, "nps_positive_min", 10, NULL);
  a = cxm_recorder_new(policy);
  cr_assert_not(cxm_recorder_merge(a, b, &err));
  assert_error(err, CXM_ERROR_POLICY_MISMATCH, NULL);
  cr_assert_not(cxm_recorder_merge(a, c, &err));
  assert_error(err, CXM_ERROR_POLICY_MISMATCH, NULL);
  cr_assert_eq(cxm_recorder_get_n(a), 0);
  cxm_recorder_free(c);
  cxm_policy_free(policy);
  cxm_recorder_free(a);
  cxm_recorder_free(b);
}
