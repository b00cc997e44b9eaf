/* SPDX-License-Identifier: MIT */
/* Fuzz target: JSON Lines import (cxm_import_data), the report
 * and the single-record parser (cxm_interaction_new_from_json).
 *
 * The input is a JSON Lines file. Invariants checked:
 * - a lenient import of a buffer never fails, reads every non-blank line
 *   as a record, and accepted + rejected == records; lines with a NUL byte
 *   are rejected; the recorder holds the accepted interactions and
 *   leadership events;
 * - a strict import stops at the first rejection, with the same code and
 *   message prefixed by its line;
 * - the levels, the channels, and the UTC days, weeks and months each add
 *   up to the totals;
 * - the report (of every group kind, with a comparison of two weeks, for
 *   inputs of a few interactions) is one JSON object whose counts are the
 *   recorder's;
 * - a copy made by cxm_recorder_merge(), and one read back from its
 *   snapshot, write the same snapshot, byte for byte;
 * - the first line, through cxm_interaction_new_from_json(), is accepted
 *   exactly when the import accepted it as an interaction, with the same
 *   error otherwise, classifies as cxm_classify() says, and survives a
 *   copy through the getters and setters and one through
 *   cxm_interaction_to_json(); cxm_recorder_record_json() accepts it
 *   exactly when the import did. */
#include "fuzz.h"

/* Inputs with at most this many interactions get the full report. */
#define FUZZ_FULL_REPORT_RECORDS 4

/* The first line of @data (without "\n" and a "\r" before it), as the
 * importer splits it; FALSE when it is blank. */
static gboolean
first_line(const char *data, size_t size, size_t *len)
{
  const char *nl = memchr(data, '\n', size);
  size_t n = nl ? (size_t) (nl - data) : size;

  if (n > 0 && data[n - 1] == '\r')
    n--;
  *len = n;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isspace(data[i]))
      return TRUE;
  return FALSE;
}

/* Non-blank lines, counted as the importer counts records, and those of
 * them with a NUL byte (which JSON text never has) in *@with_nul. */
static guint64
count_records(const char *data, size_t size, guint64 *with_nul)
{
  guint64 n = 0;
  size_t len;

  *with_nul = 0;
  while (size > 0) {
    const char *nl = memchr(data, '\n', size);
    size_t step = nl ? (size_t) (nl - data) + 1 : size;
    if (first_line(data, size, &len)) {
      n++;
      if (memchr(data, '\0', len) != NULL)
        (*with_nul)++;
    }
    data += step;
    size -= step;
  }
  return n;
}

/* @copy holds the same fields as @it. */
static void
check_equal(const CxmInteraction *copy, const CxmInteraction *it)
{
  FUZZ_CHECK(g_strcmp0(cxm_interaction_get_id(copy), cxm_interaction_get_id(it)) == 0);
  FUZZ_CHECK(g_strcmp0(cxm_interaction_get_employee(copy),
                       cxm_interaction_get_employee(it)) == 0);
  FUZZ_CHECK(g_strcmp0(cxm_interaction_get_team(copy), cxm_interaction_get_team(it)) == 0);
  FUZZ_CHECK(g_strcmp0(cxm_interaction_get_customer(copy),
                       cxm_interaction_get_customer(it)) == 0);
  FUZZ_CHECK(cxm_interaction_has_ts(copy) == cxm_interaction_has_ts(it));
  FUZZ_CHECK(cxm_interaction_get_ts(copy) == cxm_interaction_get_ts(it));
  FUZZ_CHECK(cxm_interaction_get_channel(copy) == cxm_interaction_get_channel(it));
  FUZZ_CHECK(cxm_interaction_get_level(copy) == cxm_interaction_get_level(it));
  FUZZ_CHECK(cxm_interaction_get_resolution(copy) == cxm_interaction_get_resolution(it));
  FUZZ_CHECK(cxm_interaction_get_difficulties(copy) == cxm_interaction_get_difficulties(it));
  FUZZ_CHECK(cxm_interaction_get_emotions(copy) == cxm_interaction_get_emotions(it));
  FUZZ_CHECK(cxm_interaction_get_contact_number(copy) ==
             cxm_interaction_get_contact_number(it));
  FUZZ_CHECK(cxm_interaction_get_csat(copy) == cxm_interaction_get_csat(it));
  FUZZ_CHECK(cxm_interaction_get_nps(copy) == cxm_interaction_get_nps(it));
  FUZZ_CHECK(cxm_interaction_get_effort(copy) == cxm_interaction_get_effort(it));
  FUZZ_CHECK(cxm_interaction_get_employee_satisfaction(copy) ==
             cxm_interaction_get_employee_satisfaction(it));
  FUZZ_CHECK(cxm_interaction_get_beyond_role(copy) == cxm_interaction_get_beyond_role(it));
  FUZZ_CHECK(cxm_interaction_get_proactive(copy) == cxm_interaction_get_proactive(it));
  FUZZ_CHECK(cxm_interaction_get_empowered(copy) == cxm_interaction_get_empowered(it));
}

/* Copies @it field by field through the public getters and setters: every
 * value a parsed record holds must be one the setters accept, and read
 * back the same. */
static void
check_copy(const CxmInteraction *it)
{
  CxmInteraction *copy = cxm_interaction_new();
  guint difficulties = cxm_interaction_get_difficulties(it);
  guint emotions = cxm_interaction_get_emotions(it);

  FUZZ_CHECK(cxm_interaction_set_id(copy, cxm_interaction_get_id(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_ts(copy, cxm_interaction_get_ts(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_channel(copy, cxm_interaction_get_channel(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_employee(copy, cxm_interaction_get_employee(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_team(copy, cxm_interaction_get_team(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_customer(copy, cxm_interaction_get_customer(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_level(copy, cxm_interaction_get_level(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_resolution(copy, cxm_interaction_get_resolution(it),
                                            NULL));
  for (int d = 0; d < CXM_DIFFICULTY_COUNT; d++)
    if (difficulties & (1u << d))
      FUZZ_CHECK(cxm_interaction_add_difficulty(copy, d, NULL));
  for (int e = 0; e < CXM_EMOTION_COUNT; e++)
    if (emotions & (1u << e))
      FUZZ_CHECK(cxm_interaction_add_emotion(copy, e, NULL));
  FUZZ_CHECK(cxm_interaction_set_contact_number(copy,
                                                cxm_interaction_get_contact_number(it),
                                                NULL));
  FUZZ_CHECK(cxm_interaction_set_csat(copy, cxm_interaction_get_csat(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_nps(copy, cxm_interaction_get_nps(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_effort(copy, cxm_interaction_get_effort(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_employee_satisfaction(
      copy, cxm_interaction_get_employee_satisfaction(it), NULL));
  FUZZ_CHECK(cxm_interaction_set_beyond_role(copy, cxm_interaction_get_beyond_role(it),
                                             NULL));
  FUZZ_CHECK(cxm_interaction_set_proactive(copy, cxm_interaction_get_proactive(it),
                                           NULL));
  FUZZ_CHECK(cxm_interaction_set_empowered(copy, cxm_interaction_get_empowered(it),
                                           NULL));

  check_equal(copy, it);
  cxm_interaction_free(copy);
}

/* The first line alone, through the single-record API, agrees with what
 * the import made of it (@result: the import of the whole input). */
static void
check_first_line(const char *line, size_t len, const CxmImportResult *result)
{
  gboolean rejected = cxm_import_result_get_n_errors(result) > 0 &&
                      cxm_import_result_get_error_line(result, 0) == 1;
  GError *error = NULL;
  CxmInteraction *it = cxm_interaction_new_from_json(line, (gssize) len, &error);

  if (it == NULL) {
    fuzz_check_error(error);
    if (!rejected) {
      /* Accepted by the import: a leadership event, not an interaction. */
      FUZZ_CHECK(error->code == CXM_ERROR_INVALID_ARGUMENT);
      FUZZ_CHECK(g_strcmp0(cxm_error_get_key(error), "kind") == 0);
    } else {
      FUZZ_CHECK(error->code == cxm_import_result_get_error_code(result, 0));
      FUZZ_CHECK(strcmp(error->message, cxm_import_result_get_error_message(result, 0)) ==
                 0);
      FUZZ_CHECK(g_strcmp0(cxm_error_get_key(error),
                           cxm_import_result_get_error_key(result, 0)) == 0);
    }
    g_error_free(error);
    return;
  }

  FUZZ_CHECK(error == NULL);
  check_copy(it);

  /* Written out as JSON and read back: the same record. */
  char *text = cxm_interaction_to_json(it);
  FUZZ_CHECK(text != NULL && strchr(text, '\n') == NULL);
  CxmInteraction *again = cxm_interaction_new_from_json(text, -1, &error);
  if (again == NULL)
    fprintf(stderr, "reading back %s: %s\n", text, error->message);
  FUZZ_CHECK(again != NULL && error == NULL);
  check_equal(again, it);
  cxm_interaction_free(again);
  cxm_free(text);

  CxmRecorder *rec = cxm_recorder_new(NULL);
  CxmClass klass, klass2;
  CxmReason reason, reason2;
  gboolean recorded = cxm_recorder_record(rec, it, &klass, &reason, &error);

  /* A record the parser accepts can still be refused by the recorder (a
   * group limit), but then the import must have refused it too. */
  FUZZ_CHECK(recorded == !rejected);
  if (recorded) {
    FUZZ_CHECK(cxm_classify(NULL, it, &klass2, &reason2, NULL));
    FUZZ_CHECK(klass == klass2 && reason == reason2);
    FUZZ_CHECK((int) klass >= 0 && klass < CXM_CLASS_COUNT);
    FUZZ_CHECK((int) reason >= 0 && reason < CXM_REASON_COUNT);
    FUZZ_CHECK(cxm_recorder_get_n(rec) == 1);
  } else {
    fuzz_check_error(error);
    FUZZ_CHECK(error->code == cxm_import_result_get_error_code(result, 0));
    FUZZ_CHECK(strcmp(error->message, cxm_import_result_get_error_message(result, 0)) == 0);
    g_error_free(error);
    FUZZ_CHECK(cxm_recorder_get_n(rec) == 0);
  }
  cxm_recorder_free(rec);
  cxm_interaction_free(it);
}

/* The first line through cxm_recorder_record_json(): accepted (as an
 * interaction or a leadership event) exactly when the import accepted it,
 * with the import's error otherwise. */
static void
check_record_json(const char *line, size_t len, const CxmImportResult *result)
{
  gboolean rejected = cxm_import_result_get_n_errors(result) > 0 &&
                      cxm_import_result_get_error_line(result, 0) == 1;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  GError *error = NULL;
  char *id = NULL;
  gboolean ok = cxm_recorder_record_json(rec, line, (gssize) len, &id, &error);

  FUZZ_CHECK(ok == !rejected);
  FUZZ_CHECK(cxm_recorder_get_n(rec) + cxm_recorder_get_leadership_count(rec, CXM_UNSET) ==
             (ok ? 1u : 0u));
  if (ok) {
    FUZZ_CHECK(error == NULL);
    FUZZ_CHECK(id != NULL && id[0] != '\0' && strlen(id) <= 128 &&
               g_utf8_validate(id, -1, NULL));
  } else {
    fuzz_check_error(error);
    FUZZ_CHECK(error->code == cxm_import_result_get_error_code(result, 0));
    FUZZ_CHECK(strcmp(error->message, cxm_import_result_get_error_message(result, 0)) == 0);
    g_error_free(error);
  }
  cxm_free(id);
  cxm_recorder_free(rec);
}

/* A strict import stops at the first bad record, with its error. */
static void
check_strict(const char *data, size_t size, const CxmImportResult *lenient)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  CxmImportResult *result = cxm_import_result_new();
  GError *error = NULL;
  gboolean ok = cxm_import_data(rec, data, size, "fuzz", CXM_IMPORT_STRICT,
                                         result, &error);

  if (cxm_import_result_get_rejected(lenient) == 0) {
    FUZZ_CHECK(ok && error == NULL);
    FUZZ_CHECK(cxm_import_result_get_accepted(result) ==
               cxm_import_result_get_accepted(lenient));
  } else {
    guint64 line = cxm_import_result_get_error_line(lenient, 0);
    char *expected = g_strdup_printf("line %" G_GUINT64_FORMAT ": %s", line,
                                     cxm_import_result_get_error_message(lenient, 0));
    FUZZ_CHECK(!ok);
    fuzz_check_error(error);
    FUZZ_CHECK(error->code == cxm_import_result_get_error_code(lenient, 0));
    FUZZ_CHECK(cxm_error_get_line(error) == line);
    FUZZ_CHECK(strcmp(error->message, expected) == 0);
    FUZZ_CHECK(cxm_import_result_get_rejected(result) == 1);
    g_free(expected);
    g_error_free(error);
  }
  /* A strict import that fails changes nothing. */
  FUZZ_CHECK(cxm_recorder_get_n(rec) + cxm_recorder_get_leadership_count(rec, CXM_UNSET) ==
             (ok ? cxm_import_result_get_accepted(result) : 0));
  cxm_import_result_free(result);
  cxm_recorder_free(rec);
}

/* The days add up to the totals, and so do the weeks and months. */
static void
check_periods(const CxmRecorder *rec)
{
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++) {
    char **names = cxm_recorder_get_periods(rec, kind, NULL);
    guint64 sum = 0;

    FUZZ_CHECK(names != NULL);
    for (char **name = names; *name != NULL; name++) {
      CxmStats *stats = cxm_recorder_get_period_stats(rec, kind, *name,
                                                      CXM_GROUP_TOTALS, NULL, NULL);
      FUZZ_CHECK(stats != NULL);
      FUZZ_CHECK(name == names || strcmp(name[-1], name[0]) < 0);
      sum += cxm_stats_get_count(stats, CXM_COUNT_N);
      cxm_stats_free(stats);
    }
    FUZZ_CHECK(sum == cxm_recorder_get_n(rec));
    cxm_strv_free(names);
  }
}

/* The report is one JSON object whose counts are the recorder's. */
static void
check_report(const CxmRecorder *rec, const CxmImportResult *result)
{
  GError *error = NULL;
  /* Each group is about a hundred numbers and the periods repeat the
   * groups: a full report of every input would make the fuzzer ten times
   * slower. Inputs of a few interactions (enough for any odd value) get
   * every group kind, months and a comparison of weeks (check_periods()
   * names the days); the others the totals, levels and hot spots. */
  const gboolean full = cxm_recorder_get_n(rec) <= FUZZ_FULL_REPORT_RECORDS;
  const unsigned int flags =
      full ? CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES | CXM_REPORT_CHANNELS |
                 CXM_REPORT_MONTHS | CXM_REPORT_HOTSPOTS
           : CXM_REPORT_HOTSPOTS;
  char *text = cxm_report_to_json(rec, result, flags, &error);
  json_object *root, *input;

  FUZZ_CHECK(text != NULL && error == NULL);
  root = fuzz_parse_json(text, json_type_object);
  input = fuzz_member(root, "input");
  FUZZ_CHECK((guint64) json_object_get_uint64(fuzz_member(input, "records")) ==
             cxm_import_result_get_records(result));
  FUZZ_CHECK((guint64) json_object_get_uint64(fuzz_member(input, "rejected")) ==
             cxm_import_result_get_rejected(result));
  FUZZ_CHECK((guint64) json_object_get_uint64(fuzz_member(fuzz_member(root, "totals"), "n")) ==
             cxm_recorder_get_n(rec));
  FUZZ_CHECK(json_object_array_length(fuzz_member(input, "errors")) ==
             cxm_import_result_get_n_errors(result));
  FUZZ_CHECK(json_object_is_type(fuzz_member(root, "hotspots"), json_type_array));
  json_object_put(root);
  cxm_free(text);

  /* A comparison of the first and last weeks (the same week when there is
   * one: the same pointer once looped forever), with the pretty printer. */
  char **weeks = cxm_recorder_get_periods(rec, CXM_PERIOD_WEEK, NULL);
  guint n = g_strv_length(weeks);
  if (n > 0 && full) {
    CxmReportOptions *options = cxm_report_options_new();
    cxm_report_options_set_flags(options, CXM_REPORT_WEEKS | CXM_REPORT_PRETTY);
    FUZZ_CHECK(cxm_report_options_set_compare(options, weeks[0], weeks[n - 1], &error));
    text = cxm_report_to_string(rec, result, options, NULL, &error);
    cxm_report_options_free(options);
    FUZZ_CHECK(text != NULL && error == NULL);
    root = fuzz_parse_json(text, json_type_object);
    FUZZ_CHECK(json_object_is_type(fuzz_member(root, "comparison"), json_type_object));
    json_object_put(root);
    cxm_free(text);
  }
  cxm_strv_free(weeks);

  /* Scopes without an org are an error, not a crash. */
  FUZZ_CHECK(cxm_report_to_json(rec, result, CXM_REPORT_SCOPES, &error) == NULL);
  fuzz_check_error(error);
  FUZZ_CHECK(error->code == CXM_ERROR_INVALID_ARGUMENT);
  g_clear_error(&error);
}

int
LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
  const char *data = (const char *) bytes;
  CxmRecorder *rec, *copy;
  CxmImportResult *result;
  GError *error = NULL;
  char *snapshot;
  gsize snapshot_len;
  size_t len;

  fuzz_init();
  rec = cxm_recorder_new(NULL);
  result = cxm_import_result_new();
  FUZZ_CHECK(cxm_import_data(rec, data, size, "fuzz", CXM_IMPORT_DEFAULT,
                                      result, &error));
  FUZZ_CHECK(error == NULL);

  /* Counts. */
  const guint64 records = cxm_import_result_get_records(result);
  const guint64 accepted = cxm_import_result_get_accepted(result);
  const guint64 rejected = cxm_import_result_get_rejected(result);
  guint64 with_nul;
  FUZZ_CHECK(records == count_records(data, size, &with_nul));
  FUZZ_CHECK(accepted + rejected == records);
  FUZZ_CHECK(rejected >= with_nul);
  FUZZ_CHECK(cxm_recorder_get_n(rec) + cxm_recorder_get_leadership_count(rec, CXM_UNSET) ==
             accepted);
  FUZZ_CHECK(cxm_import_result_get_leadership(result) ==
             cxm_recorder_get_leadership_count(rec, CXM_UNSET));
  FUZZ_CHECK(cxm_import_result_get_bytes(result) == size);
  FUZZ_CHECK(cxm_import_result_get_n_errors(result) == MIN(rejected, 100));
  for (guint i = 0; i < cxm_import_result_get_n_errors(result); i++) {
    const char *message = cxm_import_result_get_error_message(result, i);
    const int code = cxm_import_result_get_error_code(result, i);
    FUZZ_CHECK(g_strcmp0(cxm_import_result_get_error_source(result, i), "fuzz") == 0);
    FUZZ_CHECK(cxm_import_result_get_error_line(result, i) >= 1);
    FUZZ_CHECK(i == 0 || cxm_import_result_get_error_line(result, i) >
                             cxm_import_result_get_error_line(result, i - 1));
    FUZZ_CHECK(code > CXM_ERROR_IO);
    FUZZ_CHECK(message != NULL && message[0] != '\0' && g_utf8_validate(message, -1, NULL));
  }
  FUZZ_CHECK(cxm_import_result_get_error_message(result, 100) == NULL);

  /* Sums. */
  fuzz_check_groups_add_up(rec, CXM_GROUP_LEVEL);
  fuzz_check_groups_add_up(rec, CXM_GROUP_CHANNEL);
  check_periods(rec);

  /* The report; a merged copy and a copy through a snapshot hold the
   * same sums (their snapshots are the same: cheaper than reports). */
  check_report(rec, result);
  snapshot = fuzz_snapshot(rec, &snapshot_len);
  copy = cxm_recorder_new(NULL);
  FUZZ_CHECK(cxm_recorder_merge(copy, rec, NULL));
  fuzz_check_snapshot(copy, snapshot, snapshot_len);
  cxm_recorder_free(copy);
  copy = cxm_snapshot_load(snapshot, (gssize) snapshot_len, &error);
  if (copy == NULL)
    fprintf(stderr, "reloading the snapshot failed: %s\n%s\n", error->message, snapshot);
  FUZZ_CHECK(copy != NULL && error == NULL);
  fuzz_check_snapshot(copy, snapshot, snapshot_len);
  FUZZ_CHECK(cxm_recorder_get_n(copy) == cxm_recorder_get_n(rec));
  cxm_recorder_free(copy);
  cxm_free(snapshot);

  check_strict(data, size, result);
  if (first_line(data, size, &len)) {
    check_first_line(data, len, result);
    check_record_json(data, len, result);
  }

  cxm_import_result_free(result);
  cxm_recorder_free(rec);
  return 0;
}
