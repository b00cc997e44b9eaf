/* Snapshots: a recorder's sums as JSON load back to an identical recorder,
 * and merged shards equal one import. What is not a valid snapshot is
 * refused with a clear error: the cases of tests/cases/snapshot/. */
#include "test-util.h"

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
#define POLICY                                                                \
  "\"policy\":{\"name\":\"default\",\"csat_positive_min\":4,"                 \
  "\"csat_negative_max\":2,\"nps_positive_min\":9,\"nps_negative_max\":6,"    \
  "\"effort_positive_min\":5,\"effort_negative_max\":3,"                      \
  "\"employee_hurt_max\":2,\"employee_satisfied_min\":4,"                     \
  "\"delighted_csat_min\":5,\"delighted_nps_min\":9,\"z\":1.959964,"         \
  "\"min_sample\":30,\"min_group\":0},\"fingerprint\":\"3a9cc47c3c78df74\""
#define NO_LEADERSHIP                                                         \
  "\"leadership\":{\"purpose_huddle\":0,\"recognition\":0,\"coaching\":0,"    \
  "\"standard_review\":0,\"communication\":0}"
#define ONE_RECORD_SNAPSHOT                                                   \
  "{\"cxm_snapshot\":1," POLICY "," NO_LEADERSHIP ","                        \
  "\"days\":{\"2026-03-02\":{\"levels\":{\"unassigned\":" SUMS "},"           \
  "\"channels\":{\"phone\":" SUMS "},\"teams\":{\"north\":" SUMS "}}},"        \
  "\"employees\":{\"e-1\":" SUMS "}}"

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

static void
assert_same(const CxmRecorder *a, const CxmRecorder *b)
{
  char *ra = cxm_report_to_json(a, NULL, FULL, NULL);
  char *rb = cxm_report_to_json(b, NULL, FULL, NULL);
  char *sa = snapshot(a), *sb = snapshot(b);
  cr_assert_str_eq(ra, rb);
  cr_assert_str_eq(sa, sb);
  cr_assert_eq(cxm_recorder_get_n_groups(a), cxm_recorder_get_n_groups(b));
  cxm_free(ra);
  cxm_free(rb);
  cxm_free(sa);
  cxm_free(sb);
}

Test(snapshot, the_format)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  char *text;

  text = snapshot(rec);
  cr_assert_str_eq(text, "{\"cxm_snapshot\":1," POLICY "," NO_LEADERSHIP
                         ",\"days\":{},\"employees\":{}}");
  cxm_free(text);
  cr_assert(cxm_recorder_record_json(rec, ONE_RECORD, -1, NULL, NULL));
  text = snapshot(rec);
  cr_assert_str_eq(text, ONE_RECORD_SNAPSHOT);
  cxm_free(text);
  cxm_recorder_free(rec);
}

Test(snapshot, loads_back_identical)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL), *back;
  char *path = example_path(), *text;

  cr_assert(cxm_import_path(rec, path, 0, NULL, &err), "%s",
            err ? err->message : "");
  cr_assert_eq(cxm_recorder_get_n(rec), 3915);
  text = snapshot(rec);
  back = load(text);
  cr_assert_eq(cxm_recorder_get_n(back), 3915);
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
  cr_assert_eq(cxm_recorder_get_n(merged), 3915);
  assert_same(merged, whole);
  /* The report's input counts what the recorder holds, merged or not, and
   * the rejections of the import result it is given. */
  CxmImportResult *none = cxm_import_result_new();
  char *report = cxm_report_to_json(merged, none, 0, NULL);
  char *expected = g_strdup_printf("\"input\":{\"records\":%" G_GUINT64_FORMAT
                                   ",\"accepted\":%" G_GUINT64_FORMAT ",\"rejected\":0,",
                                   3915 + cxm_recorder_get_leadership_count(merged, CXM_UNSET),
                                   3915 + cxm_recorder_get_leadership_count(merged, CXM_UNSET));
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

  cxm_policy_set(policy, "nps_positive_min", 10, NULL);
  a = cxm_recorder_new(policy);
  cr_assert_not(cxm_recorder_merge(a, b, &err));
  assert_error(err, CXM_ERROR_POLICY_MISMATCH, NULL);
  cr_assert_eq(cxm_recorder_get_n(a), 0);
  cxm_policy_free(policy);
  cxm_recorder_free(a);
  cxm_recorder_free(b);
}
