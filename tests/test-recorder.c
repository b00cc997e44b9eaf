/* SPDX-License-Identifier: MIT */
/* Tests of CxmRecorder (recorder.h): recording, groups, keys, merging. */
#include <criterion/criterion.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

static char *
read_data(const char *name, gsize *length)
{
  char *path = data_path(name);
  char *text = NULL;
  GError *err = NULL;
  cr_assert(g_file_get_contents(path, &text, length, &err), "%s: %s", path,
            err ? err->message : "?");
  g_free(path);
  return text;
}

static void
import_text(CxmRecorder *rec, const char *text, gsize length)
{
  GError *err = NULL;
  cr_assert(cxm_import_data(rec, text, length, NULL, CXM_IMPORT_STRICT,
                                     NULL, &err),
            "import: %s", err ? err->message : "?");
}

/* A complete, valid interaction. */
static CxmInteraction *
valid_interaction(const char *id, const char *team)
{
  CxmInteraction *it = cxm_interaction_new();
  cr_assert(cxm_interaction_set_id(it, id, NULL));
  cr_assert(cxm_interaction_set_ts(it, 1772442900, NULL));
  cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_PHONE, NULL));
  cr_assert(cxm_interaction_set_level(it, CXM_LEVEL_FRONTLINE, NULL));
  cr_assert(cxm_interaction_set_csat(it, 5, NULL));
  if (team != NULL)
    cr_assert(cxm_interaction_set_team(it, team, NULL));
  return it;
}

static void
record_ok(CxmRecorder *rec, CxmInteraction *it)
{
  GError *err = NULL;
  cr_assert(cxm_recorder_record(rec, it, NULL, NULL, &err), "record: %s",
            err ? err->message : "?");
  cr_assert_null(err);
}

static void
assert_strv(char **got, const char *const *expected, gsize n)
{
  cr_assert_not_null(got);
  cr_assert_eq(g_strv_length(got), n, "%u keys, expected %zu",
               g_strv_length(got), n);
  for (gsize i = 0; i < n; i++)
    cr_assert_str_eq(got[i], expected[i], "key %zu", i);
  cr_assert_null(got[n]);
}

/* ---- basics ---------------------------------------------------------------- */

Test(recorder, new_recorder_is_empty)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert_not_null(rec);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 0);
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++)
    cr_assert_eq(cxm_recorder_get_leadership_count(rec, t), 0);
}

Test(recorder, free_accepts_null)
{
  cxm_recorder_free(NULL);
}

Test(recorder, null_policy_means_the_defaults)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmPolicy) d = cxm_policy_new();
  const CxmPolicy *p = cxm_recorder_get_policy(rec);
  cr_assert_not_null(p);
  cr_assert_str_eq(cxm_policy_get_fingerprint(p), cxm_policy_get_fingerprint(d));
  cr_assert_str_eq(cxm_policy_get_name(p), "default");
}

Test(recorder, works_under_a_copy_of_the_policy)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "csat_positive_min", 5, NULL));
  cr_assert(cxm_policy_set_name(p, "fans", NULL));
  char *fp = g_strdup(cxm_policy_get_fingerprint(p));
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(p);
  cr_assert_neq(cxm_recorder_get_policy(rec), p);
  /* changing or freeing the caller's policy does not reach the recorder */
  cr_assert(cxm_policy_set(p, "csat_positive_min", 4, NULL));
  cr_assert(cxm_policy_set_name(p, "changed", NULL));
  g_clear_pointer(&p, cxm_policy_free);
  const CxmPolicy *own = cxm_recorder_get_policy(rec);
  cr_assert_str_eq(cxm_policy_get_fingerprint(own), fp);
  cr_assert_str_eq(cxm_policy_get_name(own), "fans");
  /* and classifies with it: csat 4 is not positive under "fans" */
  CxmInteraction *it = valid_interaction("a", NULL);
  cr_assert(cxm_interaction_set_csat(it, 4, NULL));
  CxmClass klass;
  CxmReason reason;
  cr_assert(cxm_recorder_record(rec, it, &klass, &reason, NULL));
  cr_assert_eq(klass, CXM_CLASS_NEUTRAL);
  cr_assert_eq(reason, CXM_REASON_NO_POSITIVE_SIGNAL);
  cxm_interaction_free(it);
  g_free(fp);
}

Test(recorder, record_reports_class_and_reason)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", NULL);
  CxmClass klass = (CxmClass) 9;
  CxmReason reason = (CxmReason) 99;
  cr_assert(cxm_recorder_record(rec, it, &klass, &reason, NULL));
  cr_assert_eq(klass, CXM_CLASS_MOMENTUM);
  cr_assert_eq(reason, CXM_REASON_DELIGHTED);
  cr_assert(cxm_interaction_set_csat(it, 1, NULL));
  cr_assert(cxm_recorder_record(rec, it, &klass, &reason, NULL));
  cr_assert_eq(klass, CXM_CLASS_DISAPPOINTMENT);
  cr_assert_eq(reason, CXM_REASON_CUSTOMER_NEGATIVE);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cxm_interaction_free(it);
}

Test(recorder, the_same_id_twice_counts_twice)
{
  /* Records are not kept, so ids are not de-duplicated. */
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("same", NULL);
  record_ok(rec, it);
  record_ok(rec, it);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cxm_interaction_free(it);
}

/* ---- required fields -------------------------------------------------------- */

static void
check_missing(const char *key)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("first", "north");
  record_ok(rec, it);
  char *before = report_all(rec);

  cxm_interaction_free(it);
  it = valid_interaction("second", "south");
  cr_assert(cxm_interaction_set_employee(it, "e-9", NULL));
  if (strcmp(key, "id") == 0)
    cr_assert(cxm_interaction_set_id(it, NULL, NULL));
  else if (strcmp(key, "ts") == 0)
    cr_assert(cxm_interaction_set_ts_string(it, NULL, NULL));
  else
    cr_assert(cxm_interaction_set_channel(it, CXM_UNSET, NULL));

  GError *err = NULL;
  CxmClass klass = (CxmClass) 77;
  CxmReason reason = (CxmReason) 77;
  cr_assert_not(cxm_recorder_record(rec, it, &klass, &reason, &err),
                "record without %s accepted", key);
  char *msg = g_strdup_printf("%s is required", key);
  assert_error(err, CXM_ERROR_MISSING, msg);
  g_free(msg);

  char *after = report_all(rec);
  cr_assert_str_eq(after, before, "a rejected record changed the aggregates");
  cr_assert_eq(cxm_recorder_get_n(rec), 1);
  GError *nf = NULL;
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "south", &nf));
  assert_error(nf, CXM_ERROR_NOT_FOUND, NULL);
  cxm_free(before);
  cxm_free(after);
  cxm_interaction_free(it);
}

Test(recorder, missing_id_is_rejected_and_changes_nothing)
{
  check_missing("id");
}

Test(recorder, missing_ts_is_rejected_and_changes_nothing)
{
  check_missing("ts");
}

Test(recorder, missing_channel_is_rejected_and_changes_nothing)
{
  check_missing("channel");
}

/* ---- levels, keys, stats --------------------------------------------------- */

Test(recorder, absent_level_counts_as_unassigned)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  static const char *const three[] = { "frontline", "manager", "senior_leader" };
  static const char *const four[] = {
    "frontline", "manager", "senior_leader", "unassigned"
  };
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_LEVEL, NULL);
  assert_strv(keys, three, 3);
  cxm_strv_free(keys);

  CxmInteraction *it = valid_interaction("a", NULL);
  record_ok(rec, it);
  keys = cxm_recorder_get_keys(rec, CXM_GROUP_LEVEL, NULL);
  assert_strv(keys, three, 3);
  cxm_strv_free(keys);

  cr_assert(cxm_interaction_set_level(it, CXM_UNSET, NULL));
  record_ok(rec, it);
  keys = cxm_recorder_get_keys(rec, CXM_GROUP_LEVEL, NULL);
  assert_strv(keys, four, 4);
  cxm_strv_free(keys);

  GError *err = NULL;
  g_autoptr(CxmStats) un = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "unassigned", &err);
  cr_assert_not_null(un, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_stats_get_count(un, CXM_COUNT_N), 1);
  g_autoptr(CxmStats) fl = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "frontline", &err);
  cr_assert_eq(cxm_stats_get_count(fl, CXM_COUNT_N), 1);
  g_autoptr(CxmStats) mg = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "manager", &err);
  cr_assert_not_null(mg, "levels always exist");
  cr_assert_eq(cxm_stats_get_count(mg, CXM_COUNT_N), 0);
  cxm_interaction_free(it);
}

Test(recorder, channel_keys_are_every_channel_in_spec_order)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  static const char *const channels[] = {
    "web", "phone", "email", "chat", "in_person", "social", "other"
  };
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_CHANNEL, NULL);
  assert_strv(keys, channels, 7);
  cxm_strv_free(keys);
  for (int c = 0; c < CXM_CHANNEL_COUNT; c++) {
    GError *err = NULL;
    CxmStats *st = cxm_recorder_get_stats(rec, CXM_GROUP_CHANNEL,
                                          cxm_channel_name(c), &err);
    cr_assert_not_null(st, "%s: %s", cxm_channel_name(c), err ? err->message : "?");
    cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_N), 0);
    cxm_stats_free(st);
  }
}

Test(recorder, team_and_employee_keys_are_sorted_bytewise)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  const char *teams[] = { "zeta", "alpha", "Mid", "beta", "alpha", "\xc3\xa9t\xc3\xa9" };
  for (gsize i = 0; i < G_N_ELEMENTS(teams); i++) {
    CxmInteraction *it = valid_interaction("x", teams[i]);
    cr_assert(cxm_interaction_set_employee(it, teams[i], NULL));
    record_ok(rec, it);
    cxm_interaction_free(it);
  }
  /* "Mid" < "alpha" (uppercase first), "é" (0xc3) after ASCII */
  static const char *const sorted[] = {
    "Mid", "alpha", "beta", "zeta", "\xc3\xa9t\xc3\xa9"
  };
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  assert_strv(keys, sorted, 5);
  cxm_strv_free(keys);
  keys = cxm_recorder_get_keys(rec, CXM_GROUP_EMPLOYEE, NULL);
  assert_strv(keys, sorted, 5);
  cxm_strv_free(keys);
  g_autoptr(CxmStats) alpha = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "alpha", NULL);
  cr_assert_not_null(alpha);
  cr_assert_eq(cxm_stats_get_count(alpha, CXM_COUNT_N), 2);
}

Test(recorder, records_without_team_or_employee_make_no_such_group)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", NULL);
  record_ok(rec, it);
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  cr_assert_not_null(keys);
  cr_assert_null(keys[0]);
  cxm_strv_free(keys);
  keys = cxm_recorder_get_keys(rec, CXM_GROUP_EMPLOYEE, NULL);
  cr_assert_not_null(keys);
  cr_assert_null(keys[0]);
  cxm_strv_free(keys);
  cxm_interaction_free(it);
}

Test(recorder, totals_keys_are_empty)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_TOTALS, NULL);
  cr_assert_not_null(keys);
  cr_assert_null(keys[0]);
  cxm_strv_free(keys);
}

Test(recorder, totals_ignore_the_key)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", "north");
  record_ok(rec, it);
  g_autoptr(CxmStats) a = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, NULL);
  g_autoptr(CxmStats) b = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, "whatever", NULL);
  cr_assert_not_null(a);
  cr_assert_not_null(b);
  cr_assert_eq(cxm_stats_get_count(a, CXM_COUNT_N), 1);
  cr_assert_eq(cxm_stats_get_count(b, CXM_COUNT_N), 1);
  cxm_interaction_free(it);
}

Test(recorder, unknown_groups_are_not_found)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", "north");
  cr_assert(cxm_interaction_set_employee(it, "e-1", NULL));
  record_ok(rec, it);
  GError *err = NULL;
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "south", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, NULL);
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "North", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, NULL);
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_EMPLOYEE, "e-2", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, NULL);
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "ceo", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, NULL);
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_CHANNEL, "fax", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, NULL);
  g_autoptr(CxmStats) north = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", &err);
  cr_assert_not_null(north);
  g_autoptr(CxmStats) e1 = cxm_recorder_get_stats(rec, CXM_GROUP_EMPLOYEE, "e-1", &err);
  cr_assert_not_null(e1);
  cxm_interaction_free(it);
}

Test(recorder, stats_are_a_snapshot)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", "north");
  record_ok(rec, it);
  g_autoptr(CxmStats) st = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  record_ok(rec, it);
  record_ok(rec, it);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_N), 1);
  g_autoptr(CxmStats) now = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cr_assert_eq(cxm_stats_get_count(now, CXM_COUNT_N), 3);
  cxm_interaction_free(it);
}

Test(recorder, stats_outlive_the_recorder)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", "north");
  record_ok(rec, it);
  CxmStats *st = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cxm_recorder_free(rec);
  cxm_interaction_free(it);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_N), 1);
  CxmRate r;
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_MOMENTUM, &r));
  cr_assert_float_eq(r.value, 1.0, 1e-12);
  cr_assert(cxm_stats_is_small_sample(st));
  cxm_stats_free(st);
}

Test(recorder, the_interaction_is_copied_not_kept)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", "team-kept");
  record_ok(rec, it);
  cxm_interaction_free(it);
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  static const char *const expected[] = { "team-kept" };
  assert_strv(keys, expected, 1);
  cxm_strv_free(keys);
}

/* ---- arguments ---------------------------------------------------------- */

Test(recorder, null_arguments_are_invalid_argument)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", NULL);
  GError *err = NULL;
  cr_assert_not(cxm_recorder_record(NULL, it, NULL, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_recorder_record(rec, NULL, NULL, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_recorder_merge(NULL, rec, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_recorder_merge(rec, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_recorder_get_stats(NULL, CXM_GROUP_TOTALS, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_KIND_COUNT, "x", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_recorder_get_keys(NULL, CXM_GROUP_TEAM, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_recorder_get_keys(rec, CXM_GROUP_KIND_COUNT, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_report_to_json(NULL, NULL, 0, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  cxm_interaction_free(it);
}

Test(recorder, leadership_count_of_an_unknown_type_is_zero)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  import_text(rec, text, len);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 2);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_PURPOSE_HUDDLE), 1);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_RECOGNITION), 1);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_COACHING), 0);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_COUNT), 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 8);
  g_free(text);
}

/* ---- merge ------------------------------------------------------------------ */

/* Splits @text after its @line-th newline. */
static gsize
split_after_line(const char *text, gsize length, int line)
{
  gsize at = 0;
  for (int seen = 0; at < length && seen < line; at++)
    if (text[at] == '\n')
      seen++;
  return at;
}

Test(recorder, two_halves_merge_into_the_whole)
{
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  gsize half = split_after_line(text, len, 5);
  cr_assert(half > 0 && half < len);

  g_autoptr(CxmRecorder) whole = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) a = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) b = cxm_recorder_new(NULL);
  import_text(whole, text, len);
  import_text(a, text, half);
  import_text(b, text + half, len - half);
  cr_assert_eq(cxm_recorder_get_n(a) + cxm_recorder_get_n(b), 8);

  GError *err = NULL;
  cr_assert(cxm_recorder_merge(a, b, &err), "merge: %s", err ? err->message : "?");
  char *merged = report_all(a);
  char *expected = report_all(whole);
  cr_assert_str_eq(merged, expected);
  cr_assert_eq(cxm_recorder_get_n(a), 8);
  cr_assert_eq(cxm_recorder_get_leadership_count(a, CXM_UNSET), 2);
  cxm_free(merged);
  cxm_free(expected);
  g_free(text);
}

Test(recorder, merge_is_commutative)
{
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  gsize cut = split_after_line(text, len, 3);
  g_autoptr(CxmRecorder) a1 = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) b1 = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) a2 = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) b2 = cxm_recorder_new(NULL);
  import_text(a1, text, cut);
  import_text(a2, text, cut);
  import_text(b1, text + cut, len - cut);
  import_text(b2, text + cut, len - cut);
  cr_assert(cxm_recorder_merge(a1, b1, NULL));  /* a + b */
  cr_assert(cxm_recorder_merge(b2, a2, NULL));  /* b + a */
  char *ab = report_all(a1);
  char *ba = report_all(b2);
  cr_assert_str_eq(ab, ba);
  cxm_free(ab);
  cxm_free(ba);
  g_free(text);
}

Test(recorder, merge_is_associative)
{
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  gsize c1 = split_after_line(text, len, 3);
  gsize c2 = split_after_line(text, len, 7);
  CxmRecorder *parts[2][3];
  for (int k = 0; k < 2; k++) {
    for (int i = 0; i < 3; i++)
      parts[k][i] = cxm_recorder_new(NULL);
    import_text(parts[k][0], text, c1);
    import_text(parts[k][1], text + c1, c2 - c1);
    import_text(parts[k][2], text + c2, len - c2);
  }
  /* (a + b) + c */
  cr_assert(cxm_recorder_merge(parts[0][0], parts[0][1], NULL));
  cr_assert(cxm_recorder_merge(parts[0][0], parts[0][2], NULL));
  /* a + (b + c) */
  cr_assert(cxm_recorder_merge(parts[1][1], parts[1][2], NULL));
  cr_assert(cxm_recorder_merge(parts[1][0], parts[1][1], NULL));
  char *left = report_all(parts[0][0]);
  char *right = report_all(parts[1][0]);
  cr_assert_str_eq(left, right);
  cxm_free(left);
  cxm_free(right);
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < 3; i++)
      cxm_recorder_free(parts[k][i]);
  g_free(text);
}

Test(recorder, merge_leaves_the_source_unchanged)
{
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  g_autoptr(CxmRecorder) dest = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) src = cxm_recorder_new(NULL);
  import_text(src, text, len);
  import_text(dest, text, len);
  char *before = report_all(src);
  cr_assert(cxm_recorder_merge(dest, src, NULL));
  char *after = report_all(src);
  cr_assert_str_eq(after, before);
  cr_assert_eq(cxm_recorder_get_n(dest), 16);
  cr_assert_eq(cxm_recorder_get_leadership_count(dest, CXM_UNSET), 4);
  cxm_free(before);
  cxm_free(after);
  g_free(text);
}

Test(recorder, merge_into_an_empty_recorder_copies)
{
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  g_autoptr(CxmRecorder) dest = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) src = cxm_recorder_new(NULL);
  import_text(src, text, len);
  cr_assert(cxm_recorder_merge(dest, src, NULL));
  char *a = report_all(dest);
  char *b = report_all(src);
  cr_assert_str_eq(a, b);
  cxm_free(a);
  cxm_free(b);
  g_free(text);
}

Test(recorder, merge_refuses_different_policies)
{
  gsize len;
  char *text = read_data("sample.jsonl", &len);
  g_autoptr(CxmPolicy) strict = cxm_policy_new();
  cr_assert(cxm_policy_set(strict, "csat_positive_min", 5, NULL));
  g_autoptr(CxmRecorder) dest = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) src = cxm_recorder_new(strict);
  import_text(dest, text, len);
  import_text(src, text, len);
  char *before = report_all(dest);
  GError *err = NULL;
  cr_assert_not(cxm_recorder_merge(dest, src, &err));
  assert_error(err, CXM_ERROR_POLICY_MISMATCH, NULL);
  char *after = report_all(dest);
  cr_assert_str_eq(after, before);
  cr_assert_eq(cxm_recorder_get_n(dest), 8);
  cr_assert_eq(cxm_recorder_get_leadership_count(dest, CXM_UNSET), 2);
  cxm_free(before);
  cxm_free(after);
  g_free(text);
}

Test(recorder, merge_refuses_a_reporting_setting_difference)
{
  /* z, min_sample and min_group enter the fingerprint as well */
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "min_group", 5, NULL));
  g_autoptr(CxmRecorder) dest = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) src = cxm_recorder_new(p);
  GError *err = NULL;
  cr_assert_not(cxm_recorder_merge(dest, src, &err));
  assert_error(err, CXM_ERROR_POLICY_MISMATCH, NULL);
}

Test(recorder, merge_accepts_the_same_settings_under_another_name)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set_name(p, "renamed", NULL));
  g_autoptr(CxmRecorder) dest = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) src = cxm_recorder_new(p);
  CxmInteraction *it = valid_interaction("a", "north");
  record_ok(src, it);
  GError *err = NULL;
  cr_assert(cxm_recorder_merge(dest, src, &err), "%s", err ? err->message : "?");
  cr_assert_eq(cxm_recorder_get_n(dest), 1);
  cr_assert_str_eq(cxm_policy_get_name(cxm_recorder_get_policy(dest)), "default");
  cxm_interaction_free(it);
}

Test(recorder, merge_adds_groups_seen_only_in_the_source)
{
  g_autoptr(CxmRecorder) dest = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) src = cxm_recorder_new(NULL);
  CxmInteraction *it = valid_interaction("a", "north");
  record_ok(dest, it);
  cr_assert(cxm_interaction_set_team(it, "south", NULL));
  cr_assert(cxm_interaction_set_level(it, CXM_UNSET, NULL));
  record_ok(src, it);
  record_ok(src, it);
  cr_assert(cxm_recorder_merge(dest, src, NULL));
  static const char *const teams[] = { "north", "south" };
  char **keys = cxm_recorder_get_keys(dest, CXM_GROUP_TEAM, NULL);
  assert_strv(keys, teams, 2);
  cxm_strv_free(keys);
  g_autoptr(CxmStats) south = cxm_recorder_get_stats(dest, CXM_GROUP_TEAM, "south", NULL);
  cr_assert_not_null(south);
  cr_assert_eq(cxm_stats_get_count(south, CXM_COUNT_N), 2);
  g_autoptr(CxmStats) un = cxm_recorder_get_stats(dest, CXM_GROUP_LEVEL, "unassigned", NULL);
  cr_assert_not_null(un);
  cr_assert_eq(cxm_stats_get_count(un, CXM_COUNT_N), 2);
  cxm_interaction_free(it);
}
