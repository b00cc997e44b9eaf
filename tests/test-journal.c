/* SPDX-License-Identifier: MIT */
/* The journal: appended before each record call returns, replayed on
 * open, a torn last line cut off, one writer at a time, duplicate ids. */
#include "test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir, *path;

static void
setup(void)
{
  dir = g_dir_make_tmp("cxm-journal-XXXXXX", NULL);
  cr_assert_not_null(dir);
  path = g_build_filename(dir, "journal.jsonl", NULL);
}

static void
teardown(void)
{
  g_remove(path);
  g_rmdir(dir);
  g_free(path);
  g_free(dir);
}

TestSuite(journal, .init = setup, .fini = teardown);

static gint64
file_size(void)
{
  struct stat st;
  return stat(path, &st) == 0 ? (gint64) st.st_size : -1;
}

static char *
file_text(void)
{
  char *text = NULL;
  cr_assert(g_file_get_contents(path, &text, NULL, NULL));
  return text;
}

static void
append_text(const char *text)
{
  FILE *f = fopen(path, "a");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

static CxmRecorder *
open_journal(CxmJournalFlags flags, CxmImportResult *replay)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  cr_assert(cxm_journal_open(rec, path, flags, replay, &err), "open: %s",
            err ? err->message : "?");
  return rec;
}

#define A "id=a ts=1772442900 channel=phone team=north employee=e-1 csat=5 nps=10 diff=customer_upset"
#define B "id=b ts=1772529300 channel=web team=south csat=1 nps=2"
#define C "id=c ts=1772529400 channel=chat employee=e-2 effort=6 beyond_role=1"

Test(journal, each_record_is_in_the_file_when_the_call_returns)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);

  cr_assert_eq(file_size(), 0);
  cr_assert_str_eq(cxm_journal_get_path(rec), path);
  cr_assert(record(rec, A, &err));
  char *text = file_text();
  cr_assert_str_eq(text,
                   "{\"id\":\"a\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"phone\","
                   "\"employee\":\"e-1\",\"team\":\"north\","
                   "\"difficulties\":[\"customer_upset\"],\"csat\":5,\"nps\":10}\n");
  g_free(text);
  /* JSON records are journaled as parsed: unknown keys kept, one line. */
  cr_assert(cxm_recorder_record_json(rec, "{ \"id\": \"l-1\", \"kind\": \"leadership\",\n"
                                          "  \"ts\": 1772442900, \"type\": \"coaching\","
                                          " \"actor\": \"m-1\", \"x-note\": \"a/b\" }",
                                     -1, NULL, &err),
            "%s", err ? err->message : "");
  text = file_text();
  cr_assert(g_str_has_suffix(text, "\n{\"id\":\"l-1\",\"kind\":\"leadership\",\"ts\":1772442900,"
                                   "\"type\":\"coaching\",\"actor\":\"m-1\",\"x-note\":\"a/b\"}\n"),
            "%s", text);
  g_free(text);
  cxm_recorder_free(rec);
}

Test(journal, reopening_replays_every_record)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  CxmImportResult *replay = cxm_import_result_new();
  char *before, *after, *id = NULL;

  cr_assert(record(rec, A, &err));
  cr_assert(record(rec, B, &err));
  cr_assert(cxm_recorder_record_json(rec, "{\"id\":\"c\",\"ts\":\"2026-03-03T10:00:00+01:00\","
                                          "\"channel\":\"chat\",\"employee\":\"e-2\"}",
                                     -1, &id, &err));
  cr_assert_str_eq(id, "c");
  cxm_free(id);
  cr_assert(cxm_recorder_record_json(rec, "{\"id\":\"l-1\",\"kind\":\"leadership\",\"ts\":1,"
                                          "\"type\":\"recognition\",\"actor\":\"m-1\"}",
                                     -1, NULL, &err));
  before = report_all(rec);
  cxm_recorder_free(rec);

  rec = open_journal(CXM_JOURNAL_DEFAULT, replay);
  cr_assert_eq(cxm_import_result_get_records(replay), 4);
  cr_assert_eq(cxm_import_result_get_accepted(replay), 4);
  cr_assert_eq(cxm_recorder_get_n(rec), 3);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_LEADERSHIP_RECOGNITION), 1);
  cr_assert_eq(cxm_journal_get_torn(rec), 0);
  after = report_all(rec);
  cr_assert_str_eq(after, before);
  /* and goes on appending after what it replayed */
  cr_assert(record(rec, C, &err));
  cxm_recorder_free(rec);
  rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  cr_assert_eq(cxm_recorder_get_n(rec), 4);
  g_free(before);
  g_free(after);
  cxm_import_result_free(replay);
  cxm_recorder_free(rec);
}

Test(journal, a_torn_last_line_is_cut_off)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  gint64 complete;

  cr_assert(record(rec, A, &err));
  cr_assert(record(rec, B, &err));
  cxm_recorder_free(rec);
  complete = file_size();
  append_text("{\"id\":\"c\",\"ts\":17725");   /* a crash mid-write */

  rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  cr_assert_eq(cxm_journal_get_torn(rec), 20);
  cr_assert_eq(file_size(), complete);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cr_assert(record(rec, C, &err));
  cxm_recorder_free(rec);

  rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  cr_assert_eq(cxm_journal_get_torn(rec), 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 3);
  cxm_recorder_free(rec);
}

Test(journal, a_journal_that_is_only_a_torn_line)
{
  append_text("{\"id\":\"a\"");
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  cr_assert_eq(cxm_journal_get_torn(rec), 9);
  cr_assert_eq(file_size(), 0);
  cr_assert_eq(cxm_recorder_get_n(rec), 0);
  cxm_recorder_free(rec);
}

Test(journal, a_second_writer_is_refused)
{
  GError *err = NULL;
  CxmRecorder *first = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  CxmRecorder *second = cxm_recorder_new(NULL);
  char *msg = g_strdup_printf("journal %s is locked by another writer", path);

  cr_assert(record(first, A, &err));
  cr_assert_not(cxm_journal_open(second, path, CXM_JOURNAL_DEFAULT, NULL, &err));
  assert_error(err, CXM_ERROR_BUSY, msg);
  cr_assert_null(cxm_journal_get_path(second));
  cr_assert_eq(cxm_recorder_get_n(second), 0);
  /* A reader does not need the lock. */
  CxmRecorder *reader = open_journal(CXM_JOURNAL_READ_ONLY, NULL);
  cr_assert_eq(cxm_recorder_get_n(reader), 1);
  cxm_recorder_free(reader);
  cxm_recorder_free(first);
  cr_assert(cxm_journal_open(second, path, CXM_JOURNAL_DEFAULT, NULL, &err));
  cr_assert_eq(cxm_recorder_get_n(second), 1);
  g_free(msg);
  cxm_recorder_free(second);
}

Test(journal, read_only_skips_a_torn_line_and_appends_nothing)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  gint64 size;

  cr_assert(record(rec, A, &err));
  cxm_recorder_free(rec);
  append_text("{\"id\":");
  size = file_size();
  rec = open_journal(CXM_JOURNAL_READ_ONLY, NULL);
  cr_assert_eq(cxm_journal_get_torn(rec), 6);
  cr_assert_eq(cxm_recorder_get_n(rec), 1);
  cr_assert(record(rec, B, &err));
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cr_assert_eq(file_size(), size);
  cxm_recorder_free(rec);
}

Test(journal, duplicate_ids_are_refused_and_counted)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_UNIQUE_IDS, NULL);
  gint64 size;

  cr_assert(record(rec, A, &err));
  size = file_size();
  cr_assert_not(record(rec, A, &err));
  cr_assert_str_eq(cxm_error_get_key(err), "id");
  assert_error(err, CXM_ERROR_DUPLICATE_ID, "id \"a\" is already in the journal");
  /* leadership events share the ids */
  cr_assert_not(cxm_recorder_record_json(rec, "{\"id\":\"a\",\"kind\":\"leadership\",\"ts\":1,"
                                              "\"type\":\"coaching\",\"actor\":\"m\"}",
                                         -1, NULL, &err));
  assert_error(err, CXM_ERROR_DUPLICATE_ID, NULL);
  /* The id of a refused record still comes back, for the client's reply;
   * none for what is not a valid record. */
  char *id = NULL;
  cr_assert_not(cxm_recorder_record_json(rec, "{\"id\":\"a\",\"ts\":1,\"channel\":\"web\"}",
                                         -1, &id, &err));
  assert_error(err, CXM_ERROR_DUPLICATE_ID, NULL);
  cr_assert_str_eq(id, "a");
  cxm_free(id);
  cr_assert_not(cxm_recorder_record_json(rec, "{\"id\":\"z\",\"ts\":1}", -1, &id, &err));
  assert_case_error(err, CXM_ERROR_MISSING, "records/channel-missing");
  cr_assert_null(id);
  cr_assert_eq(cxm_journal_get_duplicates(rec), 3);
  cr_assert_eq(cxm_recorder_get_n(rec), 1);
  cr_assert_eq(cxm_recorder_get_leadership_count(rec, CXM_UNSET), 0);
  cr_assert_eq(file_size(), size);
  cxm_recorder_free(rec);

  /* The ids survive a reopen. */
  rec = open_journal(CXM_JOURNAL_UNIQUE_IDS, NULL);
  cr_assert_eq(cxm_journal_get_duplicates(rec), 0);
  cr_assert_not(record(rec, A, &err));
  assert_error(err, CXM_ERROR_DUPLICATE_ID, NULL);
  cr_assert(record(rec, B, &err));
  cxm_recorder_free(rec);
}

Test(journal, duplicates_already_in_the_file_are_counted_once)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  CxmImportResult *replay = cxm_import_result_new();

  /* Written without the check: a retry counted twice. */
  cr_assert(record(rec, A, &err));
  cr_assert(record(rec, A, &err));
  cr_assert(record(rec, B, &err));
  cxm_recorder_free(rec);
  rec = open_journal(CXM_JOURNAL_UNIQUE_IDS, replay);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cr_assert_eq(cxm_journal_get_duplicates(rec), 1);
  cr_assert_eq(cxm_import_result_get_rejected(replay), 1);
  cr_assert_eq(cxm_import_result_get_error_line(replay, 0), 2);
  cr_assert_eq(cxm_import_result_get_error_code(replay, 0), CXM_ERROR_DUPLICATE_ID);
  cxm_import_result_free(replay);
  cxm_recorder_free(rec);
}

Test(journal, bad_lines_are_rejected_and_kept)
{
  CxmImportResult *replay = cxm_import_result_new();
  const char *text =
      "{\"id\":\"a\",\"ts\":1,\"channel\":\"web\"}\n"
      "{\"id\":\"b\",\"ts\":1,\"channel\":\"web\",\"csat\":9}\n"
      "\n"
      "{\"id\":\"c\",\"ts\":1,\"channel\":\"web\"}\n";
  append_text(text);
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, replay);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
  cr_assert_eq(cxm_import_result_get_rejected(replay), 1);
  cr_assert_eq(cxm_import_result_get_error_line(replay, 0), 2);
  cr_assert_str_eq(cxm_import_result_get_error_source(replay, 0), path);
  cr_assert_str_eq(cxm_import_result_get_error_message(replay, 0),
                   "csat must be an integer 1..5, got 9");
  cr_assert_eq(file_size(), (gint64) strlen(text));
  cxm_import_result_free(replay);
  cxm_recorder_free(rec);
}

Test(journal, imports_into_a_journaled_recorder_are_journaled)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  CxmImportResult *result = cxm_import_result_new();
  const char *data = "{\"id\":\"a\",\"ts\":1,\"channel\":\"web\"}\n"
                     "{\"id\":\"b\",\"ts\":1,\"channel\":\"nowhere\"}\n"
                     "{\"id\":\"c\",\"ts\":2,\"channel\":\"email\"}\n";

  cr_assert(cxm_import_data(rec, data, strlen(data), "data", 0, result, &err));
  cr_assert_eq(cxm_import_result_get_accepted(result), 2);
  char *text = file_text();
  cr_assert_str_eq(text, "{\"id\":\"a\",\"ts\":1,\"channel\":\"web\"}\n"
                         "{\"id\":\"c\",\"ts\":2,\"channel\":\"email\"}\n");
  g_free(text);
  cxm_import_result_free(result);
  cxm_recorder_free(rec);
}

Test(journal, only_an_empty_recorder_opens_a_journal)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);

  cr_assert(record(rec, A, &err));
  cr_assert_not(cxm_journal_open(rec, path, CXM_JOURNAL_DEFAULT, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "a journal can only be opened on an empty recorder without one");
  cr_assert_eq(file_size(), -1);
  cxm_recorder_free(rec);

  rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  cr_assert_not(cxm_journal_open(rec, path, CXM_JOURNAL_DEFAULT, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_journal_open(NULL, path, CXM_JOURNAL_DEFAULT, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cxm_recorder_free(rec);
}

Test(journal, a_path_that_cannot_be_opened)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  char *missing = g_build_filename(dir, "no", "such", "journal", NULL);

  cr_assert_not(cxm_journal_open(rec, missing, CXM_JOURNAL_DEFAULT, NULL, &err));
  cr_assert(g_str_has_suffix(err->message, "cannot open: No such file or directory"),
            "%s", err->message);
  assert_error(err, CXM_ERROR_IO, NULL);
  cr_assert_not(cxm_journal_open(rec, dir, CXM_JOURNAL_DEFAULT, NULL, &err));
  assert_error(err, CXM_ERROR_IO, NULL);
  /* Still usable, still without a journal. */
  cr_assert(record(rec, A, &err));
  cr_assert_null(cxm_journal_get_path(rec));
  g_free(missing);
  cxm_recorder_free(rec);
}

/* A journal is read from its end and appended to in place: a FIFO, a pipe
 * or a device is refused at open, for readers and writers, never read as
 * empty (and opening a FIFO does not wait for a writer). */
Test(journal, only_a_regular_file_is_a_journal)
{
  static const unsigned int modes[] = { CXM_JOURNAL_DEFAULT, CXM_JOURNAL_READ_ONLY };
  char *fifo = g_build_filename(dir, "fifo", NULL);
  int fds[2];

  cr_assert_eq(mkfifo(fifo, 0600), 0);
  cr_assert_eq(pipe(fds), 0);
  char *piped = g_strdup_printf("/dev/fd/%d", fds[0]);
  for (gsize m = 0; m < G_N_ELEMENTS(modes); m++) {
    struct {
      const char *path, *what;
    } cases[] = { { fifo, "a pipe or FIFO" }, { piped, "a pipe or FIFO" },
                  { "/dev/null", "a device" } };
    for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
      GError *err = NULL;
      CxmRecorder *rec = cxm_recorder_new(NULL);
      char *expected = g_strdup_printf("journal %s: not a regular file (%s): a journal "
                                       "must be a file",
                                       cases[c].path, cases[c].what);
      cr_assert_not(cxm_journal_open(rec, cases[c].path, modes[m], NULL, &err), "%s",
                    cases[c].path);
      assert_error(err, CXM_ERROR_IO, expected);
      cr_assert_null(cxm_journal_get_path(rec));
      g_free(expected);
      cxm_recorder_free(rec);
    }
  }
  /* Read only, a directory opens but is no journal either. */
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);
  char *expected = g_strdup_printf("journal %s: not a regular file (a directory): a "
                                   "journal must be a file", dir);
  cr_assert_not(cxm_journal_open(rec, dir, CXM_JOURNAL_READ_ONLY, NULL, &err));
  assert_error(err, CXM_ERROR_IO, expected);
  g_free(expected);
  cxm_recorder_free(rec);
  close(fds[0]);
  close(fds[1]);
  g_remove(fifo);
  g_free(fifo);
  g_free(piped);
}

Test(journal, a_failed_write_changes_nothing)
{
  GError *err = NULL;
  CxmRecorder *rec = open_journal(CXM_JOURNAL_UNIQUE_IDS, NULL);
  struct rlimit limit;
  gint64 size;
  char *before;

  cr_assert(record(rec, A, &err));
  size = file_size();
  before = report_all(rec);
  /* The file may not grow by a whole record: the write fails part way. */
  signal(SIGXFSZ, SIG_IGN);
  cr_assert_eq(getrlimit(RLIMIT_FSIZE, &limit), 0);
  limit.rlim_cur = (rlim_t) size + 20;
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
  cr_assert_not(record(rec, B, &err));
  cr_assert(strstr(err->message, "write failed") != NULL, "%s", err->message);
  assert_error(err, CXM_ERROR_IO, NULL);
  cr_assert_eq(file_size(), size);
  char *after = report_all(rec);
  cr_assert_str_eq(after, before);
  /* and the refused id was not taken */
  limit.rlim_cur = limit.rlim_max;
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
  cr_assert(record(rec, B, &err), "%s", err ? err->message : "");
  g_free(before);
  g_free(after);
  cxm_recorder_free(rec);
}

Test(journal, sync_modes)
{
  GError *err = NULL;
  CxmRecorder *rec = cxm_recorder_new(NULL);

  cr_assert(cxm_journal_sync(rec, &err)); /* no journal: nothing to do */
  cr_assert_not(cxm_journal_set_sync(rec, (CxmSyncMode) 7, 0, 0, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "sync mode 7 is out of range");
  cr_assert(cxm_journal_set_sync(rec, CXM_SYNC_BATCH, 2, 0, &err));
  cr_assert(cxm_journal_open(rec, path, CXM_JOURNAL_DEFAULT, NULL, &err));
  /* In every mode the line is written before the call returns. */
  const CxmSyncMode modes[] = { CXM_SYNC_BATCH, CXM_SYNC_OS, CXM_SYNC_ALWAYS };
  const char *specs[] = { A, B, C };
  for (int i = 0; i < 3; i++) {
    gint64 size = file_size();
    cr_assert(cxm_journal_set_sync(rec, modes[i], 1, 10, &err));
    cr_assert(record(rec, specs[i], &err));
    cr_assert_gt(file_size(), size);
    cr_assert(cxm_journal_sync(rec, &err));
  }
  cxm_recorder_free(rec);
  rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  cr_assert_eq(cxm_recorder_get_n(rec), 3);
  cxm_recorder_free(rec);
}

Test(journal, interaction_to_json_reads_back_equal)
{
  GError *err = NULL;
  CxmInteraction *it = cxm_interaction_new(), *back;
  char *json, *again;

  fill_from_spec(it, A " level=manager esat=4 contact=2 res=escalated "
                 "emotion=fear emotion=stress proactive=0 empowered=1", &err);
  cr_assert(cxm_interaction_set_customer(it, "k-9", &err));
  json = cxm_interaction_to_json(it);
  cr_assert_str_eq(json,
                   "{\"id\":\"a\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"phone\","
                   "\"employee\":\"e-1\",\"team\":\"north\",\"level\":\"manager\","
                   "\"customer\":\"k-9\",\"difficulties\":[\"customer_upset\"],"
                   "\"emotions\":[\"fear\",\"stress\"],\"resolution\":\"escalated\","
                   "\"contact_number\":2,\"csat\":5,\"nps\":10,\"employee_satisfaction\":4,"
                   "\"proactive\":false,\"empowered\":true}");
  back = cxm_interaction_new_from_json(json, -1, &err);
  cr_assert_not_null(back, "%s", err ? err->message : "");
  again = cxm_interaction_to_json(back);
  cr_assert_str_eq(again, json);
  cxm_free(json);
  cxm_free(again);
  cxm_interaction_free(it);
  cxm_interaction_free(back);
}

/* ---- live imports --------------------------------------------------------- */

typedef struct {
  guint heard;
  gboolean in_file;  /* each accepted record was in the journal when told */
} Acks;

static gboolean
check_acknowledged(const CxmImportRecord *r, gpointer data)
{
  Acks *acks = data;
  g_autofree char *text = file_text();
  g_autofree char *needle = g_strdup_printf("\"id\":\"%s\"", r->id);
  acks->heard++;
  if (r->error == NULL && strstr(text, needle) == NULL)
    acks->in_file = FALSE;
  return TRUE;
}

Test(journal, a_live_import_acknowledges_each_record_once_it_is_in_the_journal)
{
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  Acks acks = {0, TRUE};
  int fds[2];
  const char *text =
      "{\"id\":\"a\",\"ts\":1772442900,\"channel\":\"web\"}\n"
      "{\"id\":\"b\",\"ts\":1772442900,\"channel\":\"phone\",\"csat\":9}\n"
      "{\"id\":\"c\",\"ts\":1772442900,\"channel\":\"chat\"}\n";
  GError *err = NULL;

  cr_assert_eq(pipe(fds), 0);
  cr_assert_eq(write(fds[1], text, strlen(text)), (ssize_t) strlen(text));
  close(fds[1]);
  cxm_import_result_set_record_func(res, check_acknowledged, &acks);
  cr_assert(cxm_import_fd(rec, fds[0], "<stdin>", CXM_IMPORT_LIVE, res, &err), "%s",
            err ? err->message : "?");
  close(fds[0]);
  cr_assert_eq(acks.heard, 3);
  cr_assert(acks.in_file);
  cr_assert_eq(cxm_import_result_get_rejected(res), 1);
  cxm_recorder_free(rec);
}

Test(journal, a_journal_that_cannot_be_written_stops_an_import)
{
  CxmRecorder *rec = open_journal(CXM_JOURNAL_DEFAULT, NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  struct rlimit limit;
  GError *err = NULL;
  GString *text = g_string_new(NULL);

  for (int i = 0; i < 100; i++)
    g_string_append_printf(text, "{\"id\":\"r%d\",\"ts\":1772442900,\"channel\":\"web\"}\n", i);
  signal(SIGXFSZ, SIG_IGN);
  cr_assert_eq(getrlimit(RLIMIT_FSIZE, &limit), 0);
  limit.rlim_cur = 500;
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
  cr_assert_not(cxm_import_data(rec, text->str, text->len, "in", 0, res, &err));
  cr_assert(strstr(err->message, "write failed") != NULL, "%s", err->message);
  assert_error(err, CXM_ERROR_IO, NULL);
  limit.rlim_cur = limit.rlim_max;
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
  /* Stopped at the first record it could not write: the ones before stay. */
  guint64 accepted = cxm_import_result_get_accepted(res);
  cr_assert_gt(accepted, 0);
  cr_assert_lt(accepted, 100);
  cr_assert_eq(cxm_import_result_get_rejected(res), 1);
  cr_assert_eq(cxm_import_result_get_records(res), accepted + 1);
  cr_assert_eq(cxm_recorder_get_n(rec), accepted);
  /* The journal holds the accepted lines, as they came, and nothing more. */
  gsize bytes = 0;
  for (guint64 i = 0; i < accepted; i++)
    bytes = (gsize) (strchr(text->str + bytes, '\n') - text->str) + 1;
  cr_assert_eq(file_size(), (gint64) bytes);
  g_string_free(text, TRUE);
  cxm_recorder_free(rec);
}
