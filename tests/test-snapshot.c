/* Snapshots: a recorder's sums as JSON load back to an identical recorder,
 * merged shards equal one import, and what is not a valid snapshot is
 * refused with a clear error. */
#include "test-util.h"

#define FULL (ALL_GROUPS | CXM_REPORT_DAYS | CXM_REPORT_WEEKS | CXM_REPORT_HOTSPOTS)

/* One record, as small as a snapshot with every kind of group gets. */
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

/* @text with its one occurrence of @old replaced by @new. */
static char *
replace_once(const char *text, const char *old, const char *new)
{
  const char *at = strstr(text, old);
  cr_assert_not_null(at, "\"%s\" not in the snapshot", old);
  cr_assert_null(strstr(at + 1, old), "\"%s\" more than once", old);
  return g_strdup_printf("%.*s%s%s", (int) (at - text), text, new, at + strlen(old));
}

static void
assert_refused(const char *text, gssize length, const char *message)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_snapshot_load(text, length, &err);
  cr_assert_null(rec, "accepted: %s", text);
  assert_error(err, CXM_ERROR_SNAPSHOT, message);
}

static void
assert_corrupt(const char *old, const char *new, const char *message)
{
  char *text = replace_once(ONE_RECORD_SNAPSHOT, old, new);
  assert_refused(text, -1, message);
  g_free(text);
}

Test(snapshot, another_version_is_refused)
{
  assert_corrupt("\"cxm_snapshot\":1", "\"cxm_snapshot\":2",
                 "invalid snapshot: version 2 is not supported (this library reads version 1)");
  assert_corrupt("\"cxm_snapshot\":1", "\"cxm_snapshot\":\"1\"",
                 "invalid snapshot: version \"1\" is not supported (this library reads version 1)");
  assert_corrupt("\"cxm_snapshot\":1", "\"cxm_report\":1",
                 "invalid snapshot: not a cxm snapshot (no \"cxm_snapshot\" member)");
  assert_refused("[1]", -1, "invalid snapshot: not a cxm snapshot (no \"cxm_snapshot\" member)");
}

Test(snapshot, what_is_not_json_is_refused)
{
  const char *text = ONE_RECORD_SNAPSHOT;
  const gsize len = strlen(text);
  char *message;

  assert_refused("", 0, "invalid snapshot: not valid JSON: it ends too early (0 bytes)");
  /* cut short, as by a copy that did not finish */
  message = g_strdup_printf("invalid snapshot: not valid JSON: it ends too early "
                            "(%" G_GSIZE_FORMAT " bytes)", len / 2);
  assert_refused(text, (gssize) (len / 2), message);
  g_free(message);
  char *twice = g_strconcat(text, "\n", text, NULL);
  message = g_strdup_printf("invalid snapshot: not valid JSON: unexpected character "
                            "(byte %" G_GSIZE_FORMAT ")", len + 2);
  assert_refused(twice, -1, message);
  g_free(message);
  g_free(twice);
  assert_refused("{\"cxm_snapshot\":1,}", -1,
                 "invalid snapshot: not valid JSON: unexpected character (byte 19)");
  assert_refused("{\"a\":\"\xff\"}", -1, "invalid snapshot: invalid UTF-8 (byte 7)");
}

Test(snapshot, sums_that_do_not_add_up_are_refused)
{
  assert_corrupt("\"teams\":{\"north\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,",
                 "\"teams\":{\"north\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,2,",
                 "invalid snapshot: days.2026-03-02.teams.north: "
                 "reasons do not add up to the records");
  assert_corrupt("\"employees\":{\"e-1\":{\"class\":[1,0,0]",
                 "\"employees\":{\"e-1\":{\"class\":[2,0,0]",
                 "invalid snapshot: employees.e-1: reasons do not add up to the records");
  assert_corrupt("\"channels\":{\"phone\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],"
                 "\"difficult\":1",
                 "\"channels\":{\"phone\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],"
                 "\"difficult\":0",
                 "invalid snapshot: days.2026-03-02.channels.phone: "
                 "more difficult or recovered moments than records");
}

Test(snapshot, channels_must_match_levels)
{
  char *text = replace_once(ONE_RECORD_SNAPSHOT,
                            "\"channels\":{\"phone\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],"
                            "\"difficult\":1,\"recovered\":1",
                            "\"channels\":{\"phone\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],"
                            "\"difficult\":1,\"recovered\":0");
  assert_refused(text, -1, "invalid snapshot: days.2026-03-02: the channels do not add up "
                           "to the levels");
  g_free(text);
}

Test(snapshot, ill_typed_members_are_refused)
{
  assert_corrupt("\"csat\":[0,0,0,0,1],\"nps\":[0,0,0,0,0,0,0,0,0,0,1]}},\"channels\"",
                 "\"csat\":[0,0,0,1],\"nps\":[0,0,0,0,0,0,0,0,0,0,1]}},\"channels\"",
                 "invalid snapshot: days.2026-03-02.levels.unassigned: "
                 "\"csat\" must be an array of 5 counts");
  assert_corrupt("\"north\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],"
                 "\"difficult\":1,\"recovered\":1,",
                 "\"north\":{\"class\":[1,0,0],\"reason\":[0,0,0,0,0,1,0,0,0,0,0],"
                 "\"difficult\":1,\"recovered\":1.0,",
                 "invalid snapshot: days.2026-03-02.teams.north: \"recovered\" must be a count");
  assert_corrupt("\"purpose_huddle\":0", "\"purpose_huddle\":-1",
                 "invalid snapshot: leadership: \"purpose_huddle\" must be a count");
  assert_corrupt("\"purpose_huddle\":0", "\"pep_talk\":0",
                 "invalid snapshot: leadership: unknown type \"pep_talk\"");
  assert_corrupt("\"employees\":{\"e-1\":{\"class\"", "\"employees\":{\"e-1\":{\"klass\"",
                 "invalid snapshot: employees.e-1: unknown member \"klass\"");
  assert_corrupt("\"levels\":{\"unassigned\"", "\"levels\":{\"boss\"",
                 "invalid snapshot: days.2026-03-02.levels.boss: not a known name");
  assert_corrupt("\"2026-03-02\"", "\"2026-02-30\"",
                 "invalid snapshot: days: \"2026-02-30\" is not a day (YYYY-MM-DD)");
  assert_corrupt(",\"employees\":{\"e-1\":" SUMS "}", "",
                 "invalid snapshot: \"employees\" is missing");
  assert_corrupt("\"teams\":{\"north\":", "\"teams\":{\"\":",
                 "invalid snapshot: days.2026-03-02.teams.: "
                 "team must be 1..128 bytes, got 0");
}

Test(snapshot, the_fingerprint_must_match_the_policy)
{
  assert_corrupt("\"csat_positive_min\":4", "\"csat_positive_min\":5",
                 "invalid snapshot: fingerprint: \"3a9cc47c3c78df74\" does not match "
                 "the policy's settings (d7781a5b0df1b5b0)");
  assert_corrupt("\"csat_positive_min\":4", "\"csat_positive_min\":9",
                 "invalid snapshot: policy: csat_positive_min must be an integer 1..5, got 9");
}

/* Found by fuzzing: with both missing, only the first is reported. */
Test(snapshot, the_first_missing_member_is_the_error)
{
  assert_refused("{\"cxm_snapshot\":1}", -1, "invalid snapshot: \"policy\" is missing");
}

/* Found by fuzzing: json-c stops at a NUL and calls it success. */
Test(snapshot, text_after_a_nul_is_refused)
{
  const char *text = ONE_RECORD_SNAPSHOT;
  gsize len = strlen(text);
  char *data = g_malloc(len + 6);
  memcpy(data, text, len);
  memcpy(data + len, "\0{{{x", 5);
  char *message = g_strdup_printf("invalid snapshot: not valid JSON: text after the "
                                  "snapshot (byte %" G_GSIZE_FORMAT ")", len + 1);
  assert_refused(data, (gssize) len + 5, message);
  g_free(message);
  g_free(data);
}

/* Counts at most 2^53 each, and in all: no sum can wrap. */
Test(snapshot, counts_beyond_2_53_are_refused)
{
  assert_corrupt("\"employees\":{\"e-1\":{\"class\":[1,0,0]",
                 "\"employees\":{\"e-1\":{\"class\":[9007199254740993,0,0]",
                 "invalid snapshot: employees.e-1: \"class\" must be an array of 3 counts");
}
