/* SPDX-License-Identifier: MIT */
/* Tests of the JSON Lines import (import.h, SPEC sections 2 and 7). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cxm/cxm.h>
#include "test-util.h"

#define MAX_LINE 1048576

/* A good record and its prefix for building bad ones. */
#define BASE "{\"id\":\"bad\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"web\""
#define GOOD1 "{\"id\":\"g1\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"web\",\"team\":\"t\",\"csat\":5}"
#define GOOD2 "{\"id\":\"g2\",\"ts\":\"2026-03-02T09:16:00Z\",\"channel\":\"phone\",\"team\":\"t\",\"csat\":2}"

/* Marks an argument that the test does not check. */
static const char ANY[] = "<any>";

static gboolean
import_str(CxmRecorder *rec, const char *text, CxmImportFlags flags,
           CxmImportResult *result, GError **error)
{
  return cxm_import_data(rec, text, strlen(text), NULL, flags, result,
                                  error);
}

static void
assert_counts(const CxmImportResult *r, guint64 records, guint64 accepted,
              guint64 rejected, guint64 leadership)
{
  cr_assert_eq(cxm_import_result_get_records(r), records,
               "records %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
               cxm_import_result_get_records(r), records);
  cr_assert_eq(cxm_import_result_get_accepted(r), accepted,
               "accepted %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
               cxm_import_result_get_accepted(r), accepted);
  cr_assert_eq(cxm_import_result_get_rejected(r), rejected,
               "rejected %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
               cxm_import_result_get_rejected(r), rejected);
  cr_assert_eq(cxm_import_result_get_leadership(r), leadership,
               "leadership %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
               cxm_import_result_get_leadership(r), leadership);
}

/* Checks the index-th kept rejection. @key, @message and @source may be ANY;
 * a message ending in "*" is a prefix. */
static void
assert_rejection(const CxmImportResult *r, guint index, const char *source,
                 guint64 line, const char *key, int code, const char *message)
{
  cr_assert_lt(index, cxm_import_result_get_n_errors(r), "no error %u", index);
  const char *got_msg = cxm_import_result_get_error_message(r, index);
  cr_assert_not_null(got_msg);
  cr_assert_eq(cxm_import_result_get_error_line(r, index), line,
               "line %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT " (%s)",
               cxm_import_result_get_error_line(r, index), line, got_msg);
  cr_assert_eq(cxm_import_result_get_error_code(r, index), code,
               "code %d, expected %d (%s)",
               cxm_import_result_get_error_code(r, index), code, got_msg);
  if (message != ANY) {
    gsize n = strlen(message);
    if (n > 0 && message[n - 1] == '*')
      cr_assert(strncmp(got_msg, message, n - 1) == 0,
                "message \"%s\" does not start with \"%.*s\"", got_msg,
                (int) (n - 1), message);
    else
      cr_assert_str_eq(got_msg, message);
  }
  const char *got_key = cxm_import_result_get_error_key(r, index);
  if (key == NULL)
    cr_assert_null(got_key, "key \"%s\", expected none", got_key);
  else if (key != ANY) {
    cr_assert_not_null(got_key, "no key, expected \"%s\"", key);
    cr_assert_str_eq(got_key, key);
  }
  const char *got_source = cxm_import_result_get_error_source(r, index);
  if (source == NULL)
    cr_assert_null(got_source, "source \"%s\", expected none", got_source);
  else if (source != ANY) {
    cr_assert_not_null(got_source);
    cr_assert_str_eq(got_source, source);
  }
}

/* ---- sources ---------------------------------------------------------------- */

Test(import, from_path)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  char *path = data_path("sample.jsonl");
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_DEFAULT, res, &err),
            "%s", err ? err->message : "?");
  assert_counts(res, 10, 10, 0, 2);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 8);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 2);
  g_free(path);
}

Test(import, from_path_with_rejections_names_the_path)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  char *path = data_path("mixed.jsonl");
  g_autofree char *csat7 = case_message("records/csat-above-5");
  g_autofree char *fax = case_message("records/channel-unknown");
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_DEFAULT, res, &err),
            "%s", err ? err->message : "?");
  /* 7 lines, one blank: 6 records; a1, the leadership event and a4 pass */
  assert_counts(res, 6, 3, 3, 1);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 3);
  assert_rejection(res, 0, path, 2, "csat", CXM_ERROR_RANGE, csat7);
  assert_rejection(res, 1, path, 4, "channel", CXM_ERROR_ENUM, fax);
  assert_rejection(res, 2, path, 5, NULL, CXM_ERROR_INVALID_JSON, "invalid JSON: *");
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  g_free(path);
}

Test(import, from_stream_fmemopen)
{
  static char text[] = GOOD1 "\n" BASE ",\"csat\":0}\n" GOOD2 "\n";
  FILE *f = fmemopen(text, strlen(text), "r");
  cr_assert_not_null(f);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  g_autofree char *csat0 = case_message("records/csat-0");
  cr_assert(cxm_import_stream(rec, f, "memory", CXM_IMPORT_DEFAULT, res,
                                       &err), "%s", err ? err->message : "?");
  assert_counts(res, 3, 2, 1, 0);
  assert_rejection(res, 0, "memory", 2, "csat", CXM_ERROR_RANGE, csat0);
  /* read to the end, and not closed */
  cr_assert(feof(f) || fgetc(f) == EOF);
  cr_assert_eq(fclose(f), 0);
}

Test(import, from_stream_tmpfile)
{
  FILE *f = tmpfile();
  cr_assert_not_null(f);
  fputs(GOOD1 "\n" GOOD2, f);
  rewind(f);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_stream(rec, f, NULL, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 2, 2, 0, 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cr_assert_eq(fclose(f), 0);
}

Test(import, from_fd_pipe)
{
  int fds[2];
  cr_assert_eq(pipe(fds), 0);
  const char *text = GOOD1 "\n{\"kind\":\"leadership\",\"id\":\"l\",\"ts\":1772442900,"
                     "\"type\":\"coaching\",\"actor\":\"m-1\"}\nnot json\n" GOOD2 "\n";
  gssize len = (gssize) strlen(text);
  cr_assert_eq(write(fds[1], text, len), len);
  cr_assert_eq(close(fds[1]), 0);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  cr_assert(cxm_import_fd(rec, fds[0], "pipe", CXM_IMPORT_DEFAULT, res,
                                   &err), "%s", err ? err->message : "?");
  assert_counts(res, 4, 3, 1, 1);
  assert_rejection(res, 0, "pipe", 3, NULL, CXM_ERROR_INVALID_JSON, "invalid JSON: *");
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_COACHING), 1);
  /* the descriptor is still open */
  cr_assert_neq(fcntl(fds[0], F_GETFD), -1);
  cr_assert_eq(close(fds[0]), 0);
}

Test(import, from_fd_of_a_file)
{
  char *path = data_path("sample.jsonl");
  int fd = open(path, O_RDONLY);
  cr_assert_geq(fd, 0, "%s", path);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_fd(rec, fd, NULL, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 10, 10, 0, 2);
  cr_assert_eq(close(fd), 0);
  g_free(path);
}

Test(import, from_memory_honours_length)
{
  /* the bytes after @length are not read */
  const char *text = GOOD1 "\n" GOOD2 "\nnot json at all\n";
  gsize len = strlen(GOOD1 "\n" GOOD2 "\n");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_data(rec, text, len, "buf", CXM_IMPORT_DEFAULT,
                                     res, NULL));
  assert_counts(res, 2, 2, 0, 0);
}

Test(import, from_memory_without_terminating_nul)
{
  char *buf = g_malloc(strlen(GOOD1));
  memcpy(buf, GOOD1, strlen(GOOD1));
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_data(rec, buf, strlen(GOOD1), NULL,
                                     CXM_IMPORT_DEFAULT, res, NULL));
  g_free(buf);
  assert_counts(res, 1, 1, 0, 0);
  /* the data is not kept: the team name survives the buffer */
  char **keys = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  cr_assert_not_null(keys);
  cr_assert_not_null(keys[0]);
  cr_assert_str_eq(keys[0], "t");
  cxm_strv_free(keys);
}

Test(import, null_result_is_allowed)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  cr_assert(import_str(rec, GOOD1 "\nnot json\n" GOOD2 "\n", CXM_IMPORT_DEFAULT,
                       NULL, &err));
  cr_assert_null(err);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
}

Test(import, empty_input)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_data(rec, "", 0, NULL, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 0, 0, 0, 0);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 0);
}

Test(import, missing_file_is_an_io_error)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  char *path = data_path("no-such-file.jsonl");
  cr_assert_not(cxm_import_path(rec, path, CXM_IMPORT_DEFAULT, res, &err));
  assert_error(err, CXM_ERROR_IO, NULL);
  assert_counts(res, 0, 0, 0, 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  g_free(path);
}

Test(import, bad_descriptor_is_an_io_error)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  cr_assert_not(cxm_import_fd(rec, -1, NULL, CXM_IMPORT_DEFAULT, NULL, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->domain, CXM_ERROR);
  cr_assert(err->code == CXM_ERROR_IO || err->code == CXM_ERROR_INVALID_ARGUMENT,
            "code %d", err->code);
  g_clear_error(&err);
}

Test(import, null_arguments_are_invalid_argument)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  cr_assert_not(cxm_import_data(NULL, "", 0, NULL, 0, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_import_data(rec, NULL, 5, NULL, 0, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_import_path(rec, NULL, 0, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_import_path(NULL, "x", 0, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_import_stream(rec, NULL, NULL, 0, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_import_fd(NULL, 0, NULL, 0, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
}

/* ---- rejections, one kind at a time ----------------------------------------- */

/* Each kind of bad record, with its code, key and message, is a case of
 * tests/cases/records/, which tests/test-cases.c imports between two good
 * lines; here, what takes more than one line. */

Test(import, got_excerpt_is_truncated)
{
  char *big = g_strnfill(500, 'q');
  char *line = g_strdup_printf(BASE ",\"csat\":\"%s\"}", big);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, line, CXM_IMPORT_DEFAULT, res, NULL));
  assert_rejection(res, 0, NULL, 1, "csat", CXM_ERROR_TYPE,
                   "csat must be an integer, got \"qqqq*");
  const char *msg = cxm_import_result_get_error_message(res, 0);
  cr_assert_lt(strlen(msg), 100, "message of %zu bytes: %s", strlen(msg), msg);
  g_free(line);
  g_free(big);
}

Test(import, rejects_a_line_over_1_mib_and_goes_on)
{
  /* line 2 is 1 MiB + 1 byte (newline excluded); line 3 is still imported
   * and line 4's error has the right number */
  GString *text = g_string_new(GOOD1 "\n");
  const char *head = BASE ",\"pad\":\"";
  gsize pad = MAX_LINE + 1 - strlen(head) - 2;
  g_string_append(text, head);
  for (gsize i = 0; i < pad; i++)
    g_string_append_c(text, 'p');
  g_string_append(text, "\"}\n");
  cr_assert_eq(text->len, strlen(GOOD1) + 1 + MAX_LINE + 1 + 1);
  g_string_append(text, GOOD2 "\n" BASE ",\"csat\":9}\n");

  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_data(rec, text->str, text->len, NULL,
                                     CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 4, 2, 2, 0);
  assert_rejection(res, 0, NULL, 2, NULL, CXM_ERROR_TOO_LONG,
                   "line longer than 1048576 bytes");
  assert_rejection(res, 1, NULL, 4, "csat", CXM_ERROR_RANGE,
                   "csat must be an integer 1..5, got 9");
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  g_string_free(text, TRUE);
}

Test(import, accepts_a_line_of_exactly_1_mib)
{
  GString *text = g_string_new(NULL);
  const char *head = BASE ",\"pad\":\"";
  gsize pad = MAX_LINE - strlen(head) - 2;
  g_string_append(text, head);
  for (gsize i = 0; i < pad; i++)
    g_string_append_c(text, 'p');
  g_string_append(text, "\"}");
  cr_assert_eq(text->len, MAX_LINE);
  g_string_append(text, "\n" GOOD1 "\n");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_data(rec, text->str, text->len, NULL,
                                     CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 2, 2, 0, 0);
  g_string_free(text, TRUE);
}

Test(import, a_very_long_line_is_one_rejection)
{
  /* 3 MiB without a newline inside: one record, one rejection, and the
   * file path, stream and fd readers agree with the memory reader */
  GString *text = g_string_new(NULL);
  for (gsize i = 0; i < 3 * (gsize) MAX_LINE; i++)
    g_string_append_c(text, '[');
  g_string_append(text, "\n" GOOD1 "\n");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(cxm_import_data(rec, text->str, text->len, NULL,
                                     CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 2, 1, 1, 0);
  assert_rejection(res, 0, NULL, 1, NULL, CXM_ERROR_TOO_LONG,
                   "line longer than 1048576 bytes");

  FILE *f = tmpfile();
  cr_assert_not_null(f);
  cr_assert_eq(fwrite(text->str, 1, text->len, f), text->len);
  rewind(f);
  g_autoptr(CxmImportResult) res2 = cxm_import_result_new();
  g_autoptr(CxmRecorder) rec2 = cxm_recorder_new(NULL);
  cr_assert(cxm_import_stream(rec2, f, NULL, CXM_IMPORT_DEFAULT, res2, NULL));
  assert_counts(res2, 2, 1, 1, 0);
  assert_rejection(res2, 0, NULL, 1, NULL, CXM_ERROR_TOO_LONG,
                   "line longer than 1048576 bytes");
  fclose(f);
  g_string_free(text, TRUE);
}

/* ---- what is accepted ------------------------------------------------------- */

Test(import, unknown_keys_are_ignored)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, BASE ",\"csat\":5,\"future\":{\"x\":[1,2,{}]},"
                       "\"note\":\"hi\",\"CSAT\":\"not a number\"}\n",
                       CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 1, 1, 0, 0);
  g_autoptr(CxmStats) st = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, NULL);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_CSAT_FANS), 1);
}

Test(import, null_means_absent)
{
  /* "csat": null behaves as no csat: the verdict comes from nps 9 */
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, BASE ",\"csat\":null,\"nps\":9,\"level\":null,\"team\":null,"
                       "\"difficulties\":null,\"emotions\":null,\"resolution\":null,"
                       "\"contact_number\":null,\"effort\":null,"
                       "\"employee_satisfaction\":null,\"beyond_role\":null,"
                       "\"proactive\":null,\"empowered\":null,\"employee\":null,"
                       "\"customer\":null,\"kind\":null}\n",
                       CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 1, 1, 0, 0);
  g_autoptr(CxmStats) st = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, NULL);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_CSAT_RESPONSES), 0);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_PROMOTERS), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_MOMENTUM), 1);
  cr_assert_eq(cxm_stats_get_reason_count(st, CXM_REASON_DELIGHTED), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_DIFFICULT), 0);
  g_autoptr(CxmStats) un = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "unassigned", NULL);
  cr_assert_not_null(un);
  cr_assert_eq(cxm_stats_get_count(un, CXM_COUNT_N), 1);
  char **teams = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  cr_assert_null(teams[0]);
  cxm_strv_free(teams);
}

Test(import, every_field_is_read)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  cr_assert(import_str(rec,
    "{\"id\":\"a\",\"ts\":\"2026-03-02T11:15:00+02:00\",\"channel\":\"in_person\","
    "\"employee\":\"e-1\",\"team\":\"north\",\"level\":\"manager\",\"customer\":\"c\","
    "\"difficulties\":[\"exceeds_offering\",\"customer_insists\"],"
    "\"emotions\":[\"anxiety\"],\"resolution\":\"resolved\",\"contact_number\":1,"
    "\"csat\":4,\"nps\":7,\"effort\":6,\"employee_satisfaction\":5,"
    "\"beyond_role\":false,\"proactive\":false,\"empowered\":true,"
    "\"kind\":\"interaction\"}\n", CXM_IMPORT_STRICT, NULL, &err),
    "%s", err ? err->message : "?");
  g_autoptr(CxmStats) st = cxm_recorder_get_stats(rec, CXM_GROUP_EMPLOYEE, "e-1", NULL);
  cr_assert_not_null(st);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_N), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_MOMENTUM), 1);
  cr_assert_eq(cxm_stats_get_reason_count(st, CXM_REASON_DIFFICULTY_OVERCOME), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_FIRST_CONTACTS_RESOLVED), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_PASSIVES), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_EFFORT_EASY), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_BEYOND_ROLE), 0);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_EMPOWERED), 1);
  CxmBreakdown b;
  cr_assert(cxm_stats_get_difficulty(st, CXM_DIFFICULTY_CUSTOMER_INSISTS, &b));
  cr_assert_eq(b.count, 1);
  cr_assert(cxm_stats_get_emotion(st, CXM_EMOTION_ANXIETY, &b));
  cr_assert_eq(b.recovered, 1);
  g_autoptr(CxmStats) ch = cxm_recorder_get_stats(rec, CXM_GROUP_CHANNEL, "in_person", NULL);
  cr_assert_eq(cxm_stats_get_count(ch, CXM_COUNT_N), 1);
  g_autoptr(CxmStats) lv = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "manager", NULL);
  cr_assert_eq(cxm_stats_get_count(lv, CXM_COUNT_N), 1);
  g_autoptr(CxmStats) tm = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cr_assert_not_null(tm);
}

Test(import, blank_lines_are_skipped_but_counted_for_line_numbers)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, "\n   \n\t\n" GOOD1 "\n\n" BASE ",\"csat\":9}\n \t \n",
                       CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 2, 1, 1, 0);
  assert_rejection(res, 0, NULL, 6, "csat", CXM_ERROR_RANGE,
                   "csat must be an integer 1..5, got 9");
}

Test(import, crlf_line_endings_are_accepted)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, GOOD1 "\r\n\r\n" GOOD2 "\r\n" BASE ",\"nps\":12}\r\n",
                       CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 3, 2, 1, 0);
  assert_rejection(res, 0, NULL, 4, "nps", CXM_ERROR_RANGE,
                   "nps must be an integer 0..10, got 12");
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
}

Test(import, last_line_without_newline)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, GOOD1 "\n" GOOD2, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 2, 2, 0, 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
}

Test(import, last_bad_line_without_newline_has_its_number)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, GOOD1 "\n" GOOD2 "\n{", CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 3, 2, 1, 0);
  assert_rejection(res, 0, NULL, 3, NULL, CXM_ERROR_INVALID_JSON, "invalid JSON: *");
}

/* ---- strict mode and error bounds -------------------------------------------- */

Test(import, strict_mode_stops_at_the_first_bad_record)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  g_autofree char *csat7 = case_message("records/csat-above-5");
  g_autofree char *msg = g_strconcat("line 3: ", csat7, NULL);
  cr_assert_not(import_str(rec, GOOD1 "\n\n" BASE ",\"csat\":7}\n" GOOD2 "\nnot json\n",
                           CXM_IMPORT_STRICT, res, &err));
  assert_error(err, CXM_ERROR_RANGE, msg);
  /* A strict import that fails changes nothing: the record before is not
   * kept either; the result counts what was read, the one after was not. */
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  cr_assert_eq(cxm_import_result_get_records(res), 2);
  cr_assert_eq(cxm_import_result_get_accepted(res), 1);
  cr_assert_eq(cxm_import_result_get_rejected(res), 1);
  g_autoptr(CxmStats) st = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, NULL);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_CSAT_FANS), 0);
}

Test(import, strict_mode_keeps_the_code_of_each_kind)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  g_autofree char *not_object = case_message("records/not-object-array");
  g_autofree char *no_ts = case_message("records/ts-missing");
  g_autofree char *msg1 = g_strconcat("line 1: ", not_object, NULL);
  g_autofree char *msg2 = g_strconcat("line 2: ", no_ts, NULL);
  cr_assert_not(import_str(rec, "[1,2]\n", CXM_IMPORT_STRICT, NULL, &err));
  assert_error(err, CXM_ERROR_NOT_OBJECT, msg1);
  cr_assert_not(import_str(rec, GOOD1 "\n{\"id\":\"a\",\"channel\":\"web\"}\n",
                           CXM_IMPORT_STRICT, NULL, &err));
  assert_error(err, CXM_ERROR_MISSING, msg2);
  cr_assert_not(import_str(rec, "{oops\n", CXM_IMPORT_STRICT, NULL, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->code, CXM_ERROR_INVALID_JSON);
  cr_assert(g_str_has_prefix(err->message, "line 1: invalid JSON: "), "%s", err->message);
  g_clear_error(&err);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
}

Test(import, strict_mode_succeeds_on_good_input)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GError *err = NULL;
  char *path = data_path("sample.jsonl");
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_STRICT, res, &err),
            "%s", err ? err->message : "?");
  assert_counts(res, 10, 10, 0, 2);
  g_free(path);
}

static char *
bad_lines(int n)
{
  GString *s = g_string_new(NULL);
  for (int i = 0; i < n; i++)
    g_string_append(s, BASE ",\"csat\":6}\n");
  return g_string_free(s, FALSE);
}

Test(import, max_errors_bounds_the_kept_rejections)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cxm_import_result_set_max_errors(res, 2);
  char *text = bad_lines(5);
  cr_assert(import_str(rec, text, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 5, 0, 5, 0);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 2);
  assert_rejection(res, 0, NULL, 1, "csat", CXM_ERROR_RANGE, ANY);
  assert_rejection(res, 1, NULL, 2, "csat", CXM_ERROR_RANGE, ANY);
  g_free(text);
}

Test(import, max_errors_defaults_to_100)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  char *text = bad_lines(150);
  cr_assert(import_str(rec, text, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 150, 0, 150, 0);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 100);
  assert_rejection(res, 99, NULL, 100, "csat", CXM_ERROR_RANGE, ANY);
  g_free(text);
}

Test(import, lowering_max_errors_drops_kept_rejections)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  char *text = bad_lines(3);
  cr_assert(import_str(rec, text, CXM_IMPORT_DEFAULT, res, NULL));
  cr_assert_eq(cxm_import_result_get_n_errors(res), 3);
  cxm_import_result_set_max_errors(res, 1);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 1);
  assert_rejection(res, 0, NULL, 1, "csat", CXM_ERROR_RANGE,
                   "csat must be an integer 1..5, got 6");
  cxm_import_result_set_max_errors(res, 0);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 0);
  cr_assert(import_str(rec, text, CXM_IMPORT_DEFAULT, res, NULL));
  cr_assert_eq(cxm_import_result_get_n_errors(res), 0);
  /* counts are never bounded */
  assert_counts(res, 6, 0, 6, 0);
  g_free(text);
}

Test(import, out_of_range_error_index)
{
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert_eq(cxm_import_result_get_n_errors(res), 0);
  cr_assert_null(cxm_import_result_get_error_message(res, 0));
  cr_assert_null(cxm_import_result_get_error_key(res, 0));
  cr_assert_null(cxm_import_result_get_error_source(res, 0));
  cr_assert_eq(cxm_import_result_get_error_line(res, 0), 0);
  cr_assert_eq(cxm_import_result_get_error_code(res, 0), CXM_UNSET);
  cr_assert_null(cxm_import_result_get_error_message(res, G_MAXUINT));
}

/* Two shards' results, read with the getters and added to a third in
 * order, are the result of one import of both. */
Test(import, results_carried_between_processes_add_up_in_order)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) whole = cxm_import_result_new();
  g_autoptr(CxmImportResult) a = cxm_import_result_new();
  g_autoptr(CxmImportResult) b = cxm_import_result_new();
  CxmImportResult *shards[] = { a, b };
  char *text = bad_lines(3);
  cxm_import_result_set_max_errors(whole, 4);
  for (guint s = 0; s < 2; s++) {
    cr_assert(cxm_import_data(rec, text, strlen(text), s ? "b" : "a", CXM_IMPORT_DEFAULT,
                              shards[s], NULL));
    const CxmImportResult *r = shards[s];
    cxm_import_result_add_counts(whole, cxm_import_result_get_records(r),
                                 cxm_import_result_get_accepted(r),
                                 cxm_import_result_get_rejected(r),
                                 cxm_import_result_get_leadership(r));
    for (guint i = 0; i < cxm_import_result_get_n_errors(r); i++)
      cr_assert_eq(cxm_import_result_add_error(
                       whole, cxm_import_result_get_error_source(r, i),
                       cxm_import_result_get_error_line(r, i),
                       cxm_import_result_get_error_key(r, i),
                       cxm_import_result_get_error_code(r, i),
                       cxm_import_result_get_error_message(r, i)),
                   s == 0 || i == 0);
  }
  assert_counts(whole, 6, 0, 6, 0);
  cr_assert_eq(cxm_import_result_get_n_errors(whole), 4);
  assert_rejection(whole, 0, "a", 1, "csat", CXM_ERROR_RANGE, ANY);
  assert_rejection(whole, 2, "a", 3, "csat", CXM_ERROR_RANGE, ANY);
  assert_rejection(whole, 3, "b", 1, "csat", CXM_ERROR_RANGE,
                   "csat must be an integer 1..5, got 6");
  /* Without a source or key, as a line that is not JSON has none. */
  cxm_import_result_set_max_errors(whole, 5);
  cr_assert(cxm_import_result_add_error(whole, NULL, 9, NULL, CXM_ERROR_INVALID_JSON, "x"));
  assert_rejection(whole, 4, NULL, 9, NULL, CXM_ERROR_INVALID_JSON, "x");
  assert_counts(whole, 6, 0, 6, 0);
  g_free(text);
}

Test(import, result_free_accepts_null)
{
  cxm_import_result_free(NULL);
}

Test(import, result_accumulates_over_imports)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  char *path = data_path("mixed.jsonl");
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_DEFAULT, res, NULL));
  cr_assert(cxm_import_data(rec, GOOD1 "\n{bad\n", strlen(GOOD1 "\n{bad\n"),
                                     "second", CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 8, 4, 4, 1);
  cr_assert_eq(cxm_import_result_get_n_errors(res), 4);
  assert_rejection(res, 0, path, 2, "csat", CXM_ERROR_RANGE, ANY);
  assert_rejection(res, 3, "second", 2, NULL, CXM_ERROR_INVALID_JSON, "invalid JSON: *");
  cr_assert_eq(cxm_recorder_get_n(rec), 3);
  g_free(path);
}

/* ---- leadership ------------------------------------------------------------- */

#define LEAD "{\"kind\":\"leadership\",\"id\":\"l\",\"ts\":\"2026-03-02T09:15:00Z\""

Test(import, leadership_events_are_counted_not_classified)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GString *text = g_string_new(NULL);
  static const char *const types[] = {
    "purpose_huddle", "recognition", "coaching", "standard_review", "communication"
  };
  for (gsize i = 0; i < G_N_ELEMENTS(types); i++)
    g_string_append_printf(text, LEAD ",\"type\":\"%s\",\"actor\":\"m-1\","
                           "\"team\":\"north\",\"level\":\"manager\",\"subject\":\"e-1\"}\n",
                           types[i]);
  g_string_append(text, LEAD ",\"type\":\"coaching\",\"actor\":\"m-2\"}\n");
  cr_assert(import_str(rec, text->str, CXM_IMPORT_STRICT, res, NULL));
  assert_counts(res, 6, 6, 0, 6);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 6);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_COACHING), 2);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_RECOGNITION), 1);
  /* The team is known from its leadership alone (SPEC 5a), with no
   * interaction in it. */
  char **teams = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  cr_assert_str_eq(teams[0], "north");
  cr_assert_null(teams[1]);
  cxm_strv_free(teams);
  g_autoptr(CxmStats) north = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cr_assert_not_null(north);
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_N), 0);
  cr_assert_eq(cxm_stats_get_leadership_count(north, CXM_UNSET), 5);
  g_string_free(text, TRUE);
}

Test(import, a_rejected_leadership_event_is_not_counted)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, LEAD ",\"type\":\"party\",\"actor\":\"m-1\"}\n",
                       CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 1, 0, 1, 0);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 0);
}

/* ---- a rejected record changes nothing -------------------------------------- */

Test(import, rejected_records_change_no_aggregate)
{
  /* every line carries a team, employee, level and scores, and one flaw at
   * the end */
  const char *text =
    "{\"id\":\"a\",\"ts\":1772442900,\"channel\":\"web\",\"team\":\"x\",\"employee\":\"e\",\"level\":\"manager\",\"csat\":5,\"nps\":10,\"difficulties\":[\"customer_upset\"],\"emotions\":[\"fear\"],\"beyond_role\":true,\"contact_number\":1,\"resolution\":\"resolved\",\"effort\":9}\n"
    "{\"id\":\"b\",\"ts\":1772442900,\"channel\":\"web\",\"team\":\"x\",\"employee\":\"e\",\"level\":\"manager\",\"csat\":5,\"difficulties\":[\"customer_upset\",\"customer_upset\"]}\n"
    "{\"id\":\"c\",\"ts\":1772442900,\"channel\":\"web\",\"team\":\"x\",\"employee\":\"e\",\"csat\":5,\"emotions\":[\"fear\",\"joy\"]}\n"
    "{\"id\":\"d\",\"ts\":1772442900,\"channel\":\"web\",\"team\":\"x\",\"employee\":\"e\",\"csat\":5,\"empowered\":\"true\"}\n"
    "{\"id\":\"e\",\"ts\":1772442900,\"channel\":\"web\",\"team\":\"x\",\"employee\":\"e\",\"csat\":5,\"level\":\"boss\"}\n"
    "{\"kind\":\"leadership\",\"id\":\"l\",\"ts\":1772442900,\"type\":\"coaching\",\"actor\":\"m\",\"team\":\"x\",\"level\":\"ceo\"}\n";
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) empty = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert(import_str(rec, text, CXM_IMPORT_DEFAULT, res, NULL));
  assert_counts(res, 6, 0, 6, 0);
  char *a = report_all(rec);
  char *b = report_all(empty);
  cr_assert_str_eq(a, b);
  cxm_free(a);
  cxm_free(b);
}

Test(import, import_agrees_with_the_setter_api)
{
  /* the same record through JSON and through the setters */
  g_autoptr(CxmRecorder) viajson = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) viaapi = cxm_recorder_new(NULL);
  cr_assert(import_str(viajson,
    "{\"id\":\"a\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"chat\",\"team\":\"t\","
    "\"employee\":\"e\",\"level\":\"frontline\",\"difficulties\":[\"miscommunication\"],"
    "\"emotions\":[\"stress\"],\"csat\":3,\"employee_satisfaction\":2}\n",
    CXM_IMPORT_STRICT, NULL, NULL));
  CxmInteraction *it = cxm_interaction_new();
  cr_assert(cxm_interaction_set_id(it, "a", NULL));
  cr_assert(cxm_interaction_set_ts_string(it, "2026-03-02T09:15:00Z", NULL));
  cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_CHAT, NULL));
  cr_assert(cxm_interaction_set_team(it, "t", NULL));
  cr_assert(cxm_interaction_set_employee(it, "e", NULL));
  cr_assert(cxm_interaction_set_level(it, CXM_LEVEL_FRONTLINE, NULL));
  cr_assert(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_MISCOMMUNICATION, NULL));
  cr_assert(cxm_interaction_add_emotion(it, CXM_EMOTION_STRESS, NULL));
  cr_assert(cxm_interaction_set_csat(it, 3, NULL));
  cr_assert(cxm_interaction_set_employee_satisfaction(it, 2, NULL));
  CxmReason reason;
  cr_assert(cxm_recorder_record(viaapi, it, NULL, &reason, NULL));
  cr_assert_eq(reason, CXM_REASON_BOTH_HURT);
  char *a = report_all(viajson);
  char *b = report_all(viaapi);
  cr_assert_str_eq(a, b);
  cxm_free(a);
  cxm_free(b);
  cxm_interaction_free(it);
}

/* ---- errors carry key and line; progress ---------------------------------- */

Test(import, strict_error_carries_line_and_key)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  const char *text = GOOD1 "\n\n" BASE ",\"effort\":8}\n" GOOD2 "\n";
  g_autofree char *effort8 = case_message("records/effort-above-7");
  g_autofree char *msg = g_strconcat("line 3: ", effort8, NULL);
  cr_assert_not(import_str(rec, text, CXM_IMPORT_STRICT, NULL, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->code, CXM_ERROR_RANGE);
  cr_assert_str_eq(err->message, msg);
  cr_assert_str_eq(cxm_error_get_key(err), "effort");
  cr_assert_eq(cxm_error_get_line(err), 3);
  g_clear_error(&err);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
}

typedef struct {
  int calls;
  guint64 records, bytes;
} Progress;

static void
on_progress(guint64 records, guint64 bytes, gpointer user_data)
{
  Progress *p = user_data;
  cr_assert_geq(records, p->records);
  cr_assert_geq(bytes, p->bytes);
  p->calls++;
  p->records = records;
  p->bytes = bytes;
}

Test(import, progress_and_bytes)
{
  /* 3 MiB of records through a stream: the reader reports after each block. */
  GString *text = g_string_new(NULL);
  while (text->len < 3u << 20)
    g_string_append(text, GOOD1 "\n");
  FILE *stream = fmemopen(text->str, text->len, "r");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) result = cxm_import_result_new();
  Progress p = { 0 };
  cxm_import_result_set_progress(result, on_progress, &p);
  cr_assert(cxm_import_stream(rec, stream, "mem", 0, result, NULL));
  fclose(stream);
  cr_assert_geq(p.calls, 2);
  cr_assert_eq(p.bytes, text->len);
  cr_assert_eq(p.records, cxm_import_result_get_records(result));
  cr_assert_eq(cxm_import_result_get_bytes(result), text->len);
  /* Buffers count their bytes too, and the callback can be removed. */
  cxm_import_result_set_progress(result, NULL, NULL);
  cr_assert(import_str(rec, GOOD2 "\n", 0, result, NULL));
  cr_assert_eq(cxm_import_result_get_bytes(result), text->len + strlen(GOOD2 "\n"));
  g_string_free(text, TRUE);
}

/* ---- the record function, dry runs -------------------------------------- */

/* What the record function heard, one line per record. */
static gboolean
note_record(const CxmImportRecord *r, gpointer data)
{
  GString *notes = data;
  g_string_append_printf(notes, "%s:%" G_GUINT64_FORMAT " %s", r->source ? r->source : "-",
                         r->line, r->id ? r->id : "-");
  if (r->error != NULL)
    g_string_append_printf(notes, " error %s", r->error->message);
  else if (r->leadership)
    g_string_append(notes, " leadership");
  else
    g_string_append_printf(notes, " %s %s %s %s", cxm_class_name(r->klass),
                           cxm_reason_name(r->reason), cxm_level_name(r->level),
                           r->team ? r->team : "-");
  g_string_append_c(notes, '\n');
  return TRUE;
}

#define TOLD_INPUT                                                                     \
  GOOD1 "\n"                                                                           \
  "\n"                                                                                 \
  "{\"id\":\"e\",\"ts\":1772442900,\"channel\":\"web\",\"employee\":\"e-1\",\"csat\":1}\n" \
  "{\"id\":\"x\",\"ts\":1772442900,\"channel\":\"web\",\"csat\":7}\n"                       \
  "{\"kind\":\"leadership\",\"id\":\"l\",\"ts\":1772442900,\"type\":\"coaching\","        \
  "\"actor\":\"m-1\"}\n"                                                               \
  "[1]\n"
#define TOLD_NOTES                                                                     \
  "in:1 g1 momentum delighted unassigned t\n"                                          \
  "in:3 e disappointment customer_negative frontline north\n"                          \
  "in:4 - error csat must be an integer 1..5, got 7\n"                                 \
  "in:5 l leadership\n"                                                                \
  "in:6 - error record must be a JSON object, got [1]\n"

static CxmOrg *
told_org(void)
{
  const char *json = "{\"people\":[{\"id\":\"e-1\",\"level\":\"frontline\",\"team\":\"north\"}]}";
  CxmOrg *org = cxm_org_new_from_data(json, -1, NULL);
  cr_assert_not_null(org);
  return org;
}

Test(import, the_record_function_hears_every_record_in_order)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmOrg) org = told_org();
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GString *notes = g_string_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  cxm_import_result_set_record_func(res, note_record, notes);
  cr_assert(cxm_import_data(rec, TOLD_INPUT, strlen(TOLD_INPUT), "in", 0, res, NULL));
  cr_assert_str_eq(notes->str, TOLD_NOTES);
  assert_counts(res, 5, 3, 2, 1);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  g_string_free(notes, TRUE);
}

Test(import, a_dry_run_tells_the_same_and_adds_nothing)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmOrg) org = told_org();
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GString *notes = g_string_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  cxm_import_result_set_record_func(res, note_record, notes);
  cr_assert(cxm_import_data(rec, TOLD_INPUT, strlen(TOLD_INPUT), "in",
                            CXM_IMPORT_DRY_RUN, res, NULL));
  cr_assert_str_eq(notes->str, TOLD_NOTES);
  assert_counts(res, 5, 3, 2, 1);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 0);
  cr_assert_eq(cxm_recorder_get_n_groups(rec), 0, "a dry run makes no group");
  g_string_free(notes, TRUE);
}

Test(import, a_dry_run_is_not_bounded_by_the_group_limit)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cxm_recorder_set_max_groups(rec, 1);
  cr_assert(import_str(rec, GOOD1 "\n" GOOD2 "\n", CXM_IMPORT_DRY_RUN, res, NULL));
  assert_counts(res, 2, 2, 0, 0);
}

/* Stops after the second record it hears. */
static gboolean
stop_after_two(const CxmImportRecord *r, gpointer data)
{
  guint *heard = data;
  return ++*heard < 2;
}

Test(import, the_record_function_can_stop_the_import)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  guint heard = 0;
  cxm_import_result_set_record_func(res, stop_after_two, &heard);
  cr_assert(import_str(rec, GOOD1 "\n" GOOD2 "\n" GOOD1 "\n", 0, res, NULL),
            "a stop is not an error");
  cr_assert_eq(heard, 2);
  assert_counts(res, 2, 2, 0, 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);

  /* From a stream too: nothing is read past the record it stopped at
   * beyond the block already read. */
  g_autoptr(CxmRecorder) streamed = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) again = cxm_import_result_new();
  int fds[2];
  heard = 0;
  cr_assert_eq(pipe(fds), 0);
  const char *text = GOOD1 "\n" GOOD2 "\n" GOOD1 "\n";
  cr_assert_eq(write(fds[1], text, strlen(text)), (ssize_t) strlen(text));
  close(fds[1]);
  cxm_import_result_set_record_func(again, stop_after_two, &heard);
  cr_assert(cxm_import_fd(streamed, fds[0], "pipe", 0, again, NULL));
  close(fds[0]);
  assert_counts(again, 2, 2, 0, 0);
}

/* ---- threads ------------------------------------------------------------- */

/* The sample data (with its bad lines), imported on @threads threads. */
static char *
sample_report_on(guint threads, GString *errors)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  g_autofree char *path = g_build_filename(g_getenv("top_srcdir") ? g_getenv("top_srcdir") : "..",
                                           "examples", "data", "interactions.jsonl", NULL);
  cxm_import_result_set_threads(res, threads);
  cr_assert_eq(cxm_import_result_get_threads(res), threads);
  cr_assert(cxm_import_path(rec, path, 0, res, NULL), "%s", path);
  for (guint i = 0; i < cxm_import_result_get_n_errors(res); i++)
    g_string_append_printf(errors, "%" G_GUINT64_FORMAT ": %s\n",
                           cxm_import_result_get_error_line(res, i),
                           cxm_import_result_get_error_message(res, i));
  g_string_append_printf(errors, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                         cxm_import_result_get_records(res),
                         cxm_import_result_get_accepted(res),
                         cxm_import_result_get_rejected(res));
  return cxm_report_to_json(rec, res, ALL_GROUPS | CXM_REPORT_DAYS | CXM_REPORT_HOTSPOTS,
                            NULL);
}

Test(import, any_number_of_threads_gives_the_same_report_and_rejections)
{
  GString *one_errors = g_string_new(NULL);
  g_autofree char *one = sample_report_on(1, one_errors);
  cr_assert(strstr(one_errors->str, "4012 4000 12") != NULL, "%s", one_errors->str);
  for (guint threads = 2; threads <= 8; threads *= 2) {
    GString *errors = g_string_new(NULL);
    g_autofree char *many = sample_report_on(threads, errors);
    cr_assert_str_eq(many, one, "%u threads", threads);
    cr_assert_str_eq(errors->str, one_errors->str, "%u threads", threads);
    g_string_free(errors, TRUE);
  }
  g_string_free(one_errors, TRUE);
}

Test(import, blocks_of_a_large_buffer_keep_their_line_numbers)
{
  /* Over 5 MiB: several blocks, a bad line near each end of one. */
  GString *text = g_string_new(NULL);
  guint64 lines = 0, bad_lines[2] = { 0, 0 };
  while (text->len < (5u << 20)) {
    g_string_append(text, GOOD1 "\n");
    lines++;
    if (lines == 20000 || lines == 40001) {
      g_string_append(text, BASE ",\"csat\":9}\n");
      lines++;
      bad_lines[lines == 20001 ? 0 : 1] = lines;
    }
  }
  for (guint threads = 1; threads <= 3; threads++) {
    g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
    g_autoptr(CxmImportResult) res = cxm_import_result_new();
    cxm_import_result_set_threads(res, threads);
    cr_assert(cxm_import_data(rec, text->str, text->len, "big", 0, res, NULL));
    cr_assert_eq(cxm_import_result_get_rejected(res), 2);
    cr_assert_eq(cxm_import_result_get_error_line(res, 0), bad_lines[0]);
    cr_assert_eq(cxm_import_result_get_error_line(res, 1), bad_lines[1]);
    cr_assert_eq(cxm_recorder_get_n(rec), lines - 2);
  }
  g_string_free(text, TRUE);
}
