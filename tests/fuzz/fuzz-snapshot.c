/* SPDX-License-Identifier: MIT */
/* Fuzz target: snapshots (cxm_snapshot_load), format 2 and format 1.
 *
 * The input is a snapshot. Invariants checked:
 * - a refused snapshot comes with a CXM_ERROR_SNAPSHOT or
 *   CXM_ERROR_LIMIT error; one with a NUL byte is refused (JSON text has
 *   none);
 * - an accepted one written out again by cxm_snapshot_save() is JSON
 *   Lines (each line an object, each ending with a line end) and loads
 *   again, and that recorder writes the same snapshot, byte for byte, and
 *   the same report, leadership counts included;
 * - its levels, channels and days add up to its totals, and no day holds
 *   more than the totals;
 * - merged into an empty recorder under its policy, it writes the same
 *   snapshot;
 * - it reports as one JSON object, the same as the copy read back. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  GError *error = NULL;
  CxmRecorder *rec, *again, *merged;
  char *first, **lines;
  gsize first_len;

  fuzz_init();
  rec = cxm_snapshot_load((const char *) data, (gssize) size, &error);
  if (rec == NULL) {
    fuzz_check_error(error);
    FUZZ_CHECK(error->code == CXM_ERROR_SNAPSHOT || error->code == CXM_ERROR_LIMIT);
    g_error_free(error);
    return 0;
  }
  FUZZ_CHECK(error == NULL);
  fuzz_check_no_nul(data, size);

  /* Written out, read back, written out again: the same bytes. */
  first = fuzz_snapshot(rec, &first_len);
  FUZZ_CHECK(first_len > 0 && first[first_len - 1] == '\n');
  lines = g_strsplit(first, "\n", -1);
  for (char **line = lines; line[1] != NULL; line++)
    json_object_put(fuzz_parse_json(*line, json_type_object));
  g_strfreev(lines);
  again = cxm_snapshot_load(first, (gssize) first_len, &error);
  if (again == NULL)
    fprintf(stderr, "reloading the snapshot failed: %s\n%s\n", error->message, first);
  FUZZ_CHECK(again != NULL && error == NULL);
  fuzz_check_snapshot(again, first, first_len);
  FUZZ_CHECK(cxm_recorder_get_n(again) == cxm_recorder_get_n(rec));
  for (int type = CXM_UNSET; type < CXM_LEADERSHIP_COUNT; type++)
    FUZZ_CHECK(cxm_recorder_get_leadership_count(again, type) ==
               cxm_recorder_get_leadership_count(rec, type));
  fuzz_check_same_report(rec, again, FUZZ_REPORT_ALL_GROUPS | CXM_REPORT_PRETTY);

  /* Sums. */
  fuzz_check_groups_add_up(rec, CXM_GROUP_LEVEL);
  fuzz_check_groups_add_up(rec, CXM_GROUP_CHANNEL);
  char **days = cxm_recorder_get_periods(rec, CXM_PERIOD_DAY, NULL);
  guint64 in_days = 0;
  FUZZ_CHECK(days != NULL);
  for (char **day = days; *day != NULL; day++) {
    CxmStats *stats = cxm_recorder_get_period_stats(rec, CXM_PERIOD_DAY, *day,
                                                    CXM_GROUP_TOTALS, NULL, NULL);
    FUZZ_CHECK(stats != NULL);
    /* No part is more than the whole (sums that wrap around would be). */
    FUZZ_CHECK(cxm_stats_get_count(stats, CXM_COUNT_N) <= cxm_recorder_get_n(rec));
    in_days += cxm_stats_get_count(stats, CXM_COUNT_N);
    cxm_stats_free(stats);
  }
  FUZZ_CHECK(in_days == cxm_recorder_get_n(rec));
  cxm_strv_free(days);

  /* Merged into an empty recorder under the same policy. */
  merged = cxm_recorder_new(cxm_recorder_get_policy(rec));
  FUZZ_CHECK(cxm_recorder_merge(merged, rec, &error) && error == NULL);
  fuzz_check_snapshot(merged, first, first_len);

  cxm_free(first);
  cxm_recorder_free(merged);
  cxm_recorder_free(again);
  cxm_recorder_free(rec);
  return 0;
}
