/* SPDX-License-Identifier: MIT */
/* cxm record: records from standard input, each appended to a durable
 * journal and acknowledged on standard output. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* --sync batch: a sync after this many records, or when a record comes this
 * many milliseconds after the last sync (and whenever the input pauses). */
#define BATCH_RECORDS 100
#define BATCH_MS 50

static const char record_description[] =
    "Output, one line per non-blank input line, written and flushed at once\n"
    "(a client may wait for it before it sends the next record):\n"
    "  ok ID          the record is in the journal (see --sync for when it is\n"
    "                 on the disk too) and counts in the aggregates\n"
    "  duplicate ID   with --unique-ids: the journal already holds a record\n"
    "                 with this id, so this one was not added again; the\n"
    "                 first one is as durable as an \"ok\", so a client that\n"
    "                 retried after a timeout can take it as success\n"
    "  rejected N: REASON\n"
    "                 input line N (counting from 1, blank lines included) is\n"
    "                 not a valid record, or would go beyond --max-groups;\n"
    "                 nothing was written. REASON is the message 'cxm report'\n"
    "                 gives, such as \"csat must be an integer 1..5, got 7\" or\n"
    "                 \"line longer than 1048576 bytes\" (a line over 1 MiB is\n"
    "                 rejected without being held in memory)\n"
    "Records are interactions or leadership events (\"kind\": \"leadership\"),\n"
    "one JSON object per line, as 'cxm report' reads them; each accepted one\n"
    "is appended to the journal as one line of compact JSON (the same keys and\n"
    "values), so the journal is JSON Lines that 'cxm report --journal FILE'\n"
    "(or any FILE argument) reads. A journal must end with a line end: a last\n"
    "line without one is taken for a torn write (see below).\n"
    "\n"
    "The journal is created if absent, and replayed if not: records that are\n"
    "not valid stay in the file and are listed on standard error (\"FILE:\n"
    "line N: message\"); a torn last line, one that a crash cut short while\n"
    "it was being written (its record was never acknowledged), is cut off,\n"
    "and standard error says how many bytes. Only one writer may hold a\n"
    "journal: a second 'cxm record' on it fails at once (exit 2). Readers\n"
    "('cxm report --journal') do not disturb a writer.\n"
    "\n"
    "--sync MODE says when a record reaches the disk. In every mode \"ok\" is\n"
    "printed after the record was written to the journal (one write(2)), so\n"
    "an acknowledged record survives the death of cxm itself (a crash, a\n"
    "kill). The modes differ on an OS crash or power loss:\n"
    "  always  (the default) fdatasync(2) before each \"ok\": nothing\n"
    "          acknowledged is lost; each record waits for the disk (about 1\n"
    "          to 10 ms on rotating disks, far less on SSDs)\n"
    "  batch   \"ok\" means written, not yet synced: fdatasync(2) when a record\n"
    "          finds that 100 records or 50 ms have passed since the last\n"
    "          sync, and whenever cxm has answered every line sent so far and\n"
    "          waits for more. Up to 100 acknowledged records, or those of\n"
    "          the last 50 ms, can be lost; none once the input pauses\n"
    "  os      never synced by cxm until the input ends; the kernel writes\n"
    "          back when it chooses (about 30 s on Linux). Fastest; the last\n"
    "          seconds of acknowledged records can be lost\n"
    "At the end of the input the journal is synced in every mode.\n"
    "\n"
    "With --unique-ids a record whose id the journal already holds\n"
    "(interaction or leadership event) is not added again (\"duplicate ID\");\n"
    "the ids are kept in memory. --policy, --org and --max-groups apply to\n"
    "the replay and to every record, as for 'cxm report'.\n"
    "\n"
    "At the end of the input a summary goes to standard error: \"cxm: N\n"
    "records: A accepted, R rejected, D duplicates\".\n"
    "\n"
    "Exit status:\n"
    "  0  no line was rejected (duplicates are not rejections, nor are\n"
    "     bad lines already in the journal)\n"
    "  1  some lines were rejected\n"
    "  2  usage error (unknown option or --sync mode, no --journal, a FILE\n"
    "     argument) or I/O error: bad policy or org file, the journal cannot\n"
    "     be opened or another writer holds it, a write or sync of the\n"
    "     journal failed (cxm stops after a \"rejected\" line for the record\n"
    "     it could not write), standard input or output failed\n";

typedef struct {
  char *journal;
  char *sync;
  gboolean unique_ids;
  char *policy;
  char *org;
  char *max_groups;
  gboolean help;
} RecordOptions;

static void
record_options_clear(RecordOptions *options)
{
  g_free(options->journal);
  g_free(options->sync);
  g_free(options->policy);
  g_free(options->org);
  g_free(options->max_groups);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RecordOptions, record_options_clear)

/* What the answers so far came to. */
typedef struct {
  guint64 accepted, rejected, duplicates;
  guint64 line;            /* of the last record answered */
  gboolean journal_failed; /* a write or sync of the journal failed */
  gboolean out_failed;
} Answers;

/* @text on one line: control characters (a line break in a message would
 * break the one-line-per-record protocol) become spaces. */
static char *
one_line(const char *text)
{
  char *copy = g_strdup(text);
  for (char *p = copy; *p != '\0'; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

/* The answer to one record, flushed at once: the client may wait for it.
 * Stops the import when no more can be answered. */
static gboolean
answer(const CxmImportRecord *record, gpointer data)
{
  Answers *answers = data;

  answers->line = record->line;
  if (record->error == NULL) {
    printf("ok %s\n", record->id);
    answers->accepted++;
  } else if (g_error_matches(record->error, CXM_ERROR, CXM_ERROR_DUPLICATE_ID)) {
    printf("duplicate %s\n", record->id);
    answers->duplicates++;
  } else {
    g_autofree char *reason = one_line(record->error->message);
    printf("rejected %" G_GUINT64_FORMAT ": %s\n", record->line, reason);
    answers->rejected++;
    answers->journal_failed = g_error_matches(record->error, CXM_ERROR, CXM_ERROR_IO);
  }
  answers->out_failed = fflush(stdout) != 0 || ferror(stdout);
  return !answers->out_failed;
}

/* Opens the journal into @recorder and reports what the replay found;
 * FALSE after a message. */
static gboolean
open_journal(CxmRecorder *recorder, const RecordOptions *options)
{
  GError *error = NULL;
  g_autoptr(CxmImportResult) replay = cxm_import_result_new();
  unsigned int flags = options->unique_ids ? CXM_JOURNAL_UNIQUE_IDS : CXM_JOURNAL_DEFAULT;

  if (!cxm_journal_open(recorder, options->journal, flags, replay, &error)) {
    if (g_error_matches(error, CXM_ERROR, CXM_ERROR_BUSY)) {
      g_error_free(error);
      cli_fail("%s: another writer holds this journal (its lock is taken): only "
               "one 'cxm record' may append to a journal at a time",
               options->journal);
    } else {
      cli_fail_error(error);
    }
    return FALSE;
  }
  guint64 replay_rejected = cxm_import_result_get_rejected(replay);
  if (replay_rejected > 0) {
    guint64 records = cxm_import_result_get_records(replay);
    fprintf(stderr,
            "cxm: %s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s in the journal "
            "rejected (they stay in the file)\n",
            options->journal, replay_rejected, records,
            cli_plural(records, "record", "records"));
    cli_print_error_lines(replay, replay_rejected);
  }
  guint64 torn = cxm_journal_get_torn(recorder);
  if (torn > 0)
    fprintf(stderr,
            "cxm: %s: cut off a torn last line (%" G_GUINT64_FORMAT " %s), a record that "
            "a crash interrupted while it was written (never acknowledged)\n",
            options->journal, torn, cli_plural(torn, "byte", "bytes"));
  return TRUE;
}

int
cmd_record(int argc, char **argv)
{
  g_auto(RecordOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "journal", 'j', 0, G_OPTION_ARG_FILENAME, &options.journal,
      "Append to the journal FILE (required)", "FILE" },
    { "sync", 0, 0, G_OPTION_ARG_STRING, &options.sync,
      "always (the default), batch or os: see below", "MODE" },
    { "unique-ids", 'u', 0, G_OPTION_ARG_NONE, &options.unique_ids,
      "Refuse a record whose id the journal holds", NULL },
    { "policy", 'p', 0, G_OPTION_ARG_FILENAME, &options.policy,
      "Classify under the policy in FILE (JSON)", "FILE" },
    { "org", 0, 0, G_OPTION_ARG_FILENAME, &options.org,
      "Read the org (who reports to whom) from FILE", "FILE" },
    { "max-groups", 0, 0, G_OPTION_ARG_STRING, &options.max_groups,
      "Keep at most N groups (0: no bound; default 4000000)", "N" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = cli_context_new(
      "--journal FILE",
      "Reads records (JSON Lines) from standard input, appends each valid one\n"
      "to the journal FILE and acknowledges it on standard output, one line\n"
      "per record.",
      record_description, entries);
  int status = cli_parse(context, "record", &options.help, &argc, &argv);
  if (status >= 0)
    return status;
  if (options.journal == NULL)
    return cli_fail("no journal: give --journal FILE (see 'cxm record --help')");
  if (argc > 1)
    return cli_fail("unexpected argument \"%s\": records come from standard input "
                    "(see 'cxm record --help')",
                    argv[1]);
  CxmSyncMode mode = CXM_SYNC_ALWAYS;
  if (options.sync == NULL || strcmp(options.sync, "always") == 0)
    mode = CXM_SYNC_ALWAYS;
  else if (strcmp(options.sync, "batch") == 0)
    mode = CXM_SYNC_BATCH;
  else if (strcmp(options.sync, "os") == 0)
    mode = CXM_SYNC_OS;
  else
    return cli_fail("unknown --sync mode \"%s\" (expected always, batch or os)",
                    options.sync);
  g_autoptr(CxmRecorder) recorder =
      cli_recorder_load(options.policy, options.org, options.max_groups);
  if (recorder == NULL)
    return EXIT_USAGE;
  GError *error = NULL;
  cxm_journal_set_sync(recorder, mode, BATCH_RECORDS, BATCH_MS, NULL);
  if (!open_journal(recorder, &options))
    return EXIT_USAGE;

  /* A client that goes away is a write error, not a signal. */
  signal(SIGPIPE, SIG_IGN);
  g_autoptr(CxmImportResult) result = cxm_import_result_new();
  Answers answers = { 0 };
  cxm_import_result_set_max_errors(result, 0);
  cxm_import_result_set_record_func(result, answer, &answers);
  gboolean ok = cxm_import_fd(recorder, STDIN_FILENO, STDIN_SOURCE, CXM_IMPORT_LIVE,
                              result, &error);
  guint64 records = cxm_import_result_get_records(result);

  status = answers.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
  if (answers.journal_failed) {
    /* Its reason is in the "rejected" answer. */
    cli_fail(
        "%s: the journal could not be written: stopped at input line %" G_GUINT64_FORMAT,
        options.journal, answers.line);
    g_clear_error(&error);
    status = EXIT_USAGE;
  } else if (!ok) {
    cli_fail_error(error);
    status = EXIT_USAGE;
  }
  if (!cxm_journal_sync(recorder, &error)) {
    cli_fail_error(error);
    status = EXIT_USAGE;
  }
  if (answers.out_failed) {
    cli_fail("standard output: write failed: stopped at input line %" G_GUINT64_FORMAT,
             answers.line);
    status = EXIT_USAGE;
  }
  fprintf(stderr,
          "cxm: %" G_GUINT64_FORMAT " %s: %" G_GUINT64_FORMAT
          " accepted, %" G_GUINT64_FORMAT " rejected, %" G_GUINT64_FORMAT " %s\n",
          records, cli_plural(records, "record", "records"), answers.accepted,
          answers.rejected, answers.duplicates,
          cli_plural(answers.duplicates, "duplicate", "duplicates"));
  return status;
}
