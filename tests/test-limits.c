/* SPDX-License-Identifier: MIT */
/* The cap on distinct groups: hostile input cannot grow a recorder beyond
 * it, and a record or merge that would is refused whole. (Line length,
 * nesting and string limits are in test-import.c.) */
#include "test-util.h"

#define DAY1 "ts=1772442900"  /* 2026-03-02 */
#define DAY2 "ts=1772529300"  /* 2026-03-03 */

Test(limits, the_default_and_its_setter)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  cr_assert_eq(cxm_recorder_get_max_groups(rec), CXM_DEFAULT_MAX_GROUPS);
  cr_assert_eq(cxm_recorder_get_max_groups(rec), 4000000);
  cxm_recorder_set_max_groups(rec, 7);
  cr_assert_eq(cxm_recorder_get_max_groups(rec), 7);
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 0);
  cxm_recorder_free(rec);
}

Test(limits, each_day_team_team_day_and_employee_counts_one)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);

  cr_assert(record(rec, "id=1 channel=web " DAY1, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 11);        /* the day: 4 levels, 7 channels */
  cr_assert(record(rec, "id=2 channel=web team=t " DAY1, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 13);        /* + t, t that day */
  cr_assert(record(rec, "id=3 channel=web team=t employee=e " DAY2, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 26);        /* + day 2, t that day, e */
  cr_assert(record(rec, "id=4 channel=phone team=t employee=e " DAY2, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 26);
  cxm_recorder_free(rec);
}

Test(limits, a_record_beyond_the_cap_changes_nothing)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  char *before, *after;

  cxm_recorder_set_max_groups(rec, 14);
  cr_assert(record(rec, "id=1 channel=web team=t employee=e " DAY1, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 14);
  before = report_all(rec);

  cr_assert_not(record(rec, "id=2 channel=web team=u " DAY1, &err));
  cr_assert_str_eq(cxm_error_get_key(err), "team");
  assert_error(err, CXM_ERROR_LIMIT,
               "team would make a new group beyond the recorder's limit of 14 groups");
  cr_assert_not(record(rec, "id=3 channel=web employee=f " DAY1, &err));
  assert_error(err, CXM_ERROR_LIMIT,
               "employee would make a new group beyond the recorder's limit of 14 groups");
  cr_assert_not(record(rec, "id=4 channel=web " DAY2, &err));
  assert_error(err, CXM_ERROR_LIMIT,
               "ts would make a new group beyond the recorder's limit of 14 groups");
  after = report_all(rec);
  cr_assert_str_eq(after, before);
  cr_assert_eq(cxm_recorder_get_n(rec), 1);
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 14);

  /* Records into the groups that exist still go in. */
  cr_assert(record(rec, "id=5 channel=chat team=t employee=e " DAY1, &err));
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  /* and 0 lifts the cap */
  cxm_recorder_set_max_groups(rec, 0);
  cr_assert(record(rec, "id=6 channel=web team=u employee=f " DAY2, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 28);
  g_free(before);
  g_free(after);
  cxm_recorder_free(rec);
}

Test(limits, a_lower_cap_only_stops_new_groups)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);

  cr_assert(record(rec, "id=1 channel=web team=t employee=e " DAY1, &err));
  cxm_recorder_set_max_groups(rec, 1);
  cr_assert(record(rec, "id=2 channel=web team=t employee=e " DAY1, &err));
  cr_assert_not(record(rec, "id=3 channel=web team=t employee=e " DAY2, &err));
  assert_error(err, CXM_ERROR_LIMIT, NULL);
  cxm_recorder_free(rec);
}

Test(limits, an_import_rejects_each_record_beyond_the_cap)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  CxmImportResult *res = cxm_import_result_new();
  GString *data = g_string_new(NULL);

  /* Hostile input: every record a new employee. */
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(data, "{\"id\":\"%d\",\"ts\":1772442900,\"channel\":\"web\","
                                 "\"employee\":\"e-%d\"}\n", i, i);
  cxm_recorder_set_max_groups(rec, 111); /* the day and 100 employees */
  cr_assert(cxm_import_data(rec, data->str, data->len, NULL, 0, res, &err));
  cr_assert_eq(cxm_import_result_get_accepted(res), 100);
  cr_assert_eq(cxm_import_result_get_rejected(res), 900);
  cr_assert_eq(cxm_import_result_get_error_line(res, 0), 101);
  cr_assert_eq(cxm_import_result_get_error_code(res, 0), CXM_ERROR_LIMIT);
  cr_assert_str_eq(cxm_import_result_get_error_key(res, 0), "employee");
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 111);
  g_string_free(data, TRUE);
  cxm_import_result_free(res);
  cxm_recorder_free(rec);
}

Test(limits, a_merge_beyond_the_cap_changes_nothing)
{
  GError *err = NULL;
  CxmRecorder *dest = cxm_recorder_new(NULL), *src = cxm_recorder_new(NULL);
  char *before, *after;

  cr_assert(record(dest, "id=1 channel=web team=t " DAY1, &err));   /* 13 groups */
  cr_assert(record(src, "id=2 channel=web team=t " DAY1, &err));    /* none new */
  cr_assert(record(src, "id=3 channel=web team=u employee=e " DAY2, &err)); /* 14 new */
  cxm_recorder_set_max_groups(dest, 26);
  before = report_all(dest);
  cr_assert_not(cxm_recorder_merge(dest, src, &err));
  assert_error(err, CXM_ERROR_LIMIT,
               "the merge would make 14 new groups, beyond the recorder's limit of 26 (13 kept)");
  after = report_all(dest);
  cr_assert_str_eq(after, before);
  cxm_recorder_set_max_groups(dest, 27);
  cr_assert(cxm_recorder_merge(dest, src, &err));
  cr_assert_eq(cxm_recorder_get_n_groups(dest), 27);
  cr_assert_eq(cxm_recorder_get_n(dest), 3);
  g_free(before);
  g_free(after);
  cxm_recorder_free(dest);
  cxm_recorder_free(src);
}

/* Merged snapshots could sum past 2^64; real records never get near 2^53. */
Test(limits, a_merge_beyond_2_53_records_is_refused)
{
  GError *err = NULL;
  CxmPolicy *defaults = cxm_policy_new();
  char *big = g_strdup_printf(
      "{\"cxm_snapshot\":1,\"policy\":{},\"fingerprint\":\"%s\",\"leadership\":{},"
      "\"days\":{\"2026-03-02\":{\"levels\":{\"frontline\":{\"class\":[0,0,%s],"
      "\"reason\":[0,0,0,0,0,0,0,0,0,0,%s]}},\"channels\":{\"web\":{\"class\":[0,0,%s],"
      "\"reason\":[0,0,0,0,0,0,0,0,0,0,%s]}},\"teams\":{}}},\"employees\":{}}",
      cxm_policy_get_fingerprint(defaults),
      "9007199254740992", "9007199254740992", "9007199254740992", "9007199254740992");
  CxmRecorder *a = cxm_snapshot_load(big, -1, &err);
  cr_assert_not_null(a, "%s", err ? err->message : "");
  CxmRecorder *b = cxm_snapshot_load(big, -1, &err);
  cr_assert_not(cxm_recorder_merge(a, b, &err));
  assert_error(err, CXM_ERROR_LIMIT,
               "the merge would hold 18014398509481984 records, more than 2^53");
  cr_assert_eq(cxm_recorder_get_n(a), G_GUINT64_CONSTANT(9007199254740992));
  g_free(big);
  cxm_policy_free(defaults);
  cxm_recorder_free(a);
  cxm_recorder_free(b);
}
